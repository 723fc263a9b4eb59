"""Small, explicit builders for test data, written through the same services as production."""

from __future__ import annotations

from datetime import date

from core.models import (
    Board,
    BoardMember,
    Cohort,
    Official,
    OrgUnit,
    Post,
    Programme,
    Topic,
    Track,
)
from core.models.enums import BoardKind, CohortStatus, Gender, OfficialStatus, OrgLevel
from core.services.access import OPERATOR
from core.services.cohorts import CohortDraft, advance_cohort, create_cohort
from core.services.records import create_org_unit, new_official
from schema.ids import encode_id

_counter = iter(range(1, 1_000_000))


async def district(name: str = "Huyện Bắc Quang") -> OrgUnit:
    """A district in its own province."""
    n = next(_counter)
    province = await create_org_unit(f"P{n}", "Hà Giang", OrgLevel.PROVINCE)
    return await create_org_unit(f"D{n}", name, OrgLevel.DISTRICT, province)


async def commune(name: str = "Xã Vĩnh Hảo", within: OrgUnit | None = None) -> OrgUnit:
    """A commune of the district ``within``, else in its own district and province."""
    parent = within or await district()
    return await create_org_unit(f"C{next(_counter)}", name, OrgLevel.COMMUNE, parent)


async def official(
    full_name: str = "Hoàng Văn Nhiên",
    post_code: str = "party_secretary",
    org_unit: OrgUnit | None = None,
    status: OfficialStatus = OfficialStatus.ACTIVE,
) -> Official:
    unit = org_unit or await commune()
    post = await Post.get(code=post_code)
    row = new_official(
        full_name=full_name, gender=Gender.MALE, org_unit_id=unit.id, post_id=post.id, status=status
    )
    await row.save()
    return row


async def cohort(
    track_code: str = "party_committee",
    status: CohortStatus = CohortStatus.OPEN,
    capacity: int = 10,
    name: str = "Khóa học việc 2019",
    starts_on: date = date(2019, 5, 6),
    org_unit: OrgUnit | None = None,
) -> Cohort:
    """A cohort of a track run by ``org_unit`` (else a new district), moved along the legal
    path to ``status``."""
    track = await Track.get(code=track_code)
    unit = org_unit or await district()
    row = await create_cohort(
        OPERATOR,
        CohortDraft(
            name=name,
            track_id=track.id,
            starts_on=starts_on,
            ends_on=date(2019, 7, 19),
            capacity=capacity,
            org_unit_id=unit.id,
        ),
    )
    return await advance_cohort(OPERATOR, row.id, status)


async def topics(track_code: str = "party_committee") -> list[Topic]:
    return await Topic.filter(track__code=track_code).order_by("order")


def gid(type_name: str, pk: int) -> str:
    """The global ID of a row, as the API shows it."""
    return encode_id(type_name, pk)


async def board_member(
    kind: BoardKind, full_name: str = "Lương Văn Dũng", programme: Programme | None = None
) -> BoardMember:
    """A seat on the ``kind`` board of ``programme`` (else of a new district's programme)."""
    if programme is None:
        unit = await district()
        programme = await Programme.create(
            code=f"DA-{next(_counter)}",
            title="Đề án đào tạo cán bộ xã",
            org_unit_id=unit.id,
            start_year=2016,
            end_year=2020,
        )
    board, _ = await Board.get_or_create(
        programme_id=programme.id, kind=kind, defaults={"name": kind.value}
    )
    return await BoardMember.create(board_id=board.id, full_name=full_name)
