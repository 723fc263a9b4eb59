"""Demo data: the 2019 cohort of People's Committee Chairs and Vice-Chairs (51 of 52 enrolled)."""

from __future__ import annotations

from datetime import date

from hocviec import CohortStatus, DemoContext, demo_cohort
from plugins.peoples_committee.curriculum import TRACK


async def load(demo: DemoContext) -> None:
    await demo_cohort(
        demo,
        track_code=TRACK.code,
        name="Khóa học việc chức danh Chủ tịch, Phó Chủ tịch UBND xã, thị trấn năm 2019",
        host_agency_codes=("VPUB", "PNV", "PTCKH"),
        starts_on=date(2019, 3, 4),
        ends_on=date(2019, 6, 28),
        capacity=52,
        enroll=51,
        status=CohortStatus.IN_PROGRESS,
    )
