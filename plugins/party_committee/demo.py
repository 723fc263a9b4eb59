"""Demo data: the 2019 cohort of commune Party Secretaries and Deputies, under way."""

from __future__ import annotations

from datetime import date

from hocviec import CohortStatus, DemoContext, demo_cohort
from plugins.party_committee.curriculum import TRACK


async def load(demo: DemoContext) -> None:
    await demo_cohort(
        demo,
        track_code=TRACK.code,
        name="Khóa học việc chức danh Bí thư, Phó Bí thư Đảng ủy xã, thị trấn năm 2019",
        host_agency_codes=("BTCHU", "BTGHU", "BDVHU", "UBKTHU", "VPHU"),
        starts_on=date(2019, 5, 6),
        ends_on=date(2019, 7, 19),
        capacity=50,
        enroll=46,
        status=CohortStatus.IN_PROGRESS,
    )
