"""GraphQL types of the org domain: org units and host agencies."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Self

import strawberry
from strawberry import relay
from strawberry.types import Info

from core import models, permissions
from core.limits import MAX_CHILDREN_PER_ORG_UNIT, MAX_ESTABLISHED_POSTS
from core.models.enums import AgencyBloc as CoreAgencyBloc
from core.models.enums import OrgLevel as CoreOrgLevel
from core.services import establishment
from schema.enums import as_api, described_enum
from schema.errors import BadArgumentError
from schema.limits import list_bound
from schema.node import ModelNode
from schema.permissions import authorize
from schema.reads import ToOne

if TYPE_CHECKING:
    from schema.people.types import Post

OrgLevel = described_enum(
    CoreOrgLevel,
    "OrgLevel",
    "Administrative level of an org unit.",
    {
        CoreOrgLevel.PROVINCE: "Province (tỉnh).",
        CoreOrgLevel.DISTRICT: "District (huyện).",
        CoreOrgLevel.COMMUNE: "Commune (xã).",
        CoreOrgLevel.TOWNSHIP: "Township (thị trấn).",
    },
)
AgencyBloc = described_enum(
    CoreAgencyBloc,
    "AgencyBloc",
    "The bloc a district host agency belongs to.",
    {
        CoreAgencyBloc.PARTY: "Party bloc (khối Đảng).",
        CoreAgencyBloc.MASS_ORGANISATION: "Mass organisation (đoàn thể).",
        CoreAgencyBloc.STATE_MANAGEMENT: "State management (quản lý nhà nước).",
    },
)


@strawberry.type(
    description="One post of a unit's establishment (biên chế): its seats (chỉ tiêu), the ACTIVE "
    "officials filling them you may read, and how many of those are trained for the post."
)
class PostSeats:
    quota: int = strawberry.field(description="Seats of the post (the units below included).")
    filled: int = strawberry.field(description="ACTIVE officials holding the post.")
    vacant: int = strawberry.field(description="Seats no one fills: quota - filled, 0 at least.")
    trained: int = strawberry.field(
        description="Of the holders, those with a completed result earned in this post."
    )
    untrained: int = strawberry.field(
        description="Holders who lack the training for their post: filled - trained "
        "(`officials(filter: {trainedForPost: false})` lists them)."
    )
    post_id: strawberry.Private[int]

    @classmethod
    def from_service(cls, row: establishment.PostSeats) -> Self:
        return cls(
            quota=row.quota,
            filled=row.filled,
            vacant=row.vacant,
            trained=row.trained,
            untrained=row.untrained,
            post_id=row.post_id,
        )

    @strawberry.field(description="The post.")
    async def post(self, info: Info) -> Annotated[Post, strawberry.lazy("schema.people.types")]:
        from schema.people.types import Post

        return await Post.load_related(info, self.post_id)


@strawberry.type(description="An administrative unit: province, district, commune or township.")
class OrgUnit(ModelNode):
    loader_name = "org_unit_by_id"
    read_permission = permissions.READ_CATALOGUE
    relations = {"parent": ToOne("parent_id", lambda: OrgUnit)}

    id: relay.NodeID[int]
    code: str = strawberry.field(description="Administrative code, unique.")
    name: str = strawberry.field(description="Vietnamese name with diacritics (NFC).")
    level: OrgLevel = strawberry.field(description="Administrative level.")  # type: ignore[valid-type]
    created_at: datetime = strawberry.field(description="When the unit was recorded (UTC).")
    parent_id: strawberry.Private[int | None]

    @classmethod
    def from_model(cls, row: models.OrgUnit) -> Self:
        return cls(
            id=row.id,
            code=row.code,
            name=row.name,
            level=as_api(OrgLevel, row.level),
            created_at=row.created_at,
            parent_id=row.parent_id,
        )

    @strawberry.field(description="The unit this one belongs to; null for a province.")
    def parent(self, info: Info) -> OrgUnit | None:
        return self.related(info)

    @strawberry.field(
        description="Units directly below this one, by code (at most a few dozen).",
        metadata=list_bound(MAX_CHILDREN_PER_ORG_UNIT),
    )
    async def children(self, info: Info) -> list[OrgUnit]:
        rows = await info.context.loaders.children_by_org_unit_id.load(self.id)
        return OrgUnit.from_rows(info, rows)

    @strawberry.field(
        description="The unit's establishment, the units below it included: each post's seats, "
        "filled seats and holders trained for it (a district's sums its communes'). For staff "
        "who read officials; the counts cover the officials you may read.",
        metadata=list_bound(MAX_ESTABLISHED_POSTS),
    )
    async def establishment(self, info: Info) -> list[PostSeats]:
        access = await authorize(info, permissions.READ_PEOPLE)
        rows = await info.context.loaders.establishment_by_org_unit_id(access).load(self.id)
        return [PostSeats.from_service(row) for row in rows]


@strawberry.type(description="A district agency where commune officials do their apprenticeship.")
class HostAgency(ModelNode):
    loader_name = "host_agency_by_id"
    read_permission = permissions.READ_DIRECTORY
    relations = {"orgUnit": ToOne("org_unit_id", lambda: OrgUnit)}

    id: relay.NodeID[int]
    code: str = strawberry.field(description="Short code, unique.")
    name: str = strawberry.field(description="Vietnamese name (NFC).")
    bloc: AgencyBloc = strawberry.field(description="Party, mass organisation or state management.")  # type: ignore[valid-type]
    org_unit_id: strawberry.Private[int]

    @classmethod
    def from_model(cls, row: models.HostAgency) -> Self:
        return cls(
            id=row.id,
            code=row.code,
            name=row.name,
            bloc=as_api(AgencyBloc, row.bloc),
            org_unit_id=row.org_unit_id,
        )

    @strawberry.field(description="The district the agency belongs to.")
    def org_unit(self, info: Info) -> OrgUnit:
        return self.related(info)


async def org_unit_path(info: Info, org_unit_id: int) -> str:
    """The path of the org unit a filter names (one batched load); an unknown one is a
    ``BAD_USER_INPUT`` error on ``filter.orgUnitId``."""
    row = await info.context.loaders.org_unit_by_id.load(org_unit_id)
    if row is None:
        raise BadArgumentError("filter.orgUnitId", "No org unit has this ID.")
    return str(row.path)
