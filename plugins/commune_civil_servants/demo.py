"""Demo data: one cohort per civil-servant specialty, open for registration."""

from __future__ import annotations

from datetime import date

from hocviec import CohortStatus, DemoContext, demo_cohort
from plugins.commune_civil_servants.curriculum import TRACKS

HOSTS = {
    "civil_servant_military": ("BCHQS",),
    "civil_servant_police": ("CAH",),
    "civil_servant_justice": ("PTP",),
    "civil_servant_finance": ("PTCKH",),
}


async def load(demo: DemoContext) -> None:
    for track in TRACKS:
        await demo_cohort(
            demo,
            track_code=track.code,
            name=f"Khóa {track.title[0].lower()}{track.title[1:]} năm 2019",
            host_agency_codes=HOSTS[track.code],
            starts_on=date(2019, 9, 9),
            ends_on=date(2019, 11, 29),
            capacity=23,
            status=CohortStatus.OPEN,
        )
