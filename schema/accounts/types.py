"""GraphQL types of accounts: the signed-in viewer and their API tokens."""

from __future__ import annotations

from datetime import datetime
from typing import Self

import strawberry
from strawberry.types import Info

from core import models
from core.limits import MAX_GRANTS_PER_ACCOUNT, MAX_SEATS_PER_ACCOUNT
from core.models import enums
from core.services import programmes, roles
from core.services.sessions import token_roles
from schema.enums import as_api, described_enum
from schema.ids import encode_id
from schema.limits import list_bound
from schema.org.types import OrgUnit
from schema.people.types import Official
from schema.programmes.types import BoardSeat

Role = described_enum(
    enums.Role,
    "Role",
    "What an account may do, over an org unit and everything below it.",
    {
        enums.Role.ADMIN: "Everything, including granting any role.",
        enums.Role.COORDINATOR: "The secretariat: cohorts and enrollments; grants assessor, "
        "learner and viewer.",
        enums.Role.DRAFTER: "A drafting-and-teaching board member.",
        enums.Role.APPRAISER: "An appraisal board member.",
        enums.Role.ASSESSOR: "Scores learners' work.",
        enums.Role.LEARNER: "An official in training: their own record only.",
        enums.Role.VIEWER: "Reads (steering committee, leaders).",
    },
)


@strawberry.type(description="A role held over an org unit and everything below it.")
class RoleGrant:
    id: strawberry.ID = strawberry.field(description="Global ID, for revokeRole.")
    role: Role = strawberry.field(description="The role.")  # type: ignore[valid-type]
    granted_at: datetime = strawberry.field(description="When it was granted (UTC).")
    org_unit_id: strawberry.Private[int]

    @strawberry.field(description="Where it applies: this unit and every unit below it.")
    async def org_unit(self, info: Info) -> OrgUnit:
        return await OrgUnit.load(info, self.org_unit_id)

    @classmethod
    def from_model(cls, row: models.RoleGrant) -> Self:
        return cls(
            id=strawberry.ID(encode_id("RoleGrant", row.id)),
            role=as_api(Role, row.role),
            granted_at=row.granted_at,
            org_unit_id=row.org_unit_id,
        )


@strawberry.type(description="The signed-in account.")
class Viewer:
    username: str = strawberry.field(description="Sign-in name (lower case).")
    display_name: str = strawberry.field(description="Name shown to others (NFC).")
    last_sign_in_at: datetime | None = strawberry.field(
        description="When this account last signed in (UTC)."
    )
    official_id: strawberry.Private[int | None]
    account_id: strawberry.Private[int]

    @strawberry.field(description="The learner's own official record, if the account has one.")
    async def official(self, info: Info) -> Official | None:
        if self.official_id is None:
            return None
        return await Official.load(info, self.official_id)

    @strawberry.field(
        description="The roles the account holds, with where.",
        metadata=list_bound(MAX_GRANTS_PER_ACCOUNT),
    )
    async def roles(self) -> list[RoleGrant]:
        return [RoleGrant.from_model(grant) for grant in await roles.grants_of(self.account_id)]

    @strawberry.field(
        description="The programme board seats linked to the account: drafting and appraising "
        "lesson content need one on the programme's board.",
        metadata=list_bound(MAX_SEATS_PER_ACCOUNT),
    )
    async def board_seats(self, info: Info) -> list[BoardSeat]:
        await info.context.access()  # loaded for the nested fields (BoardSeat.programme)
        return [BoardSeat.from_model(row) for row in await programmes.seats_of(self.account_id)]

    @classmethod
    def from_model(cls, row: models.Account) -> Self:
        return cls(
            account_id=row.id,
            username=row.username,
            display_name=row.display_name,
            last_sign_in_at=row.last_sign_in_at,
            official_id=row.official_id,
        )


@strawberry.type(description="An API token of the viewer's (its secret is shown only once).")
class ApiToken:
    id: strawberry.ID = strawberry.field(description="Global ID, for revokeApiToken.")
    name: str = strawberry.field(description="The service it was made for.")
    created_at: datetime = strawberry.field(description="When it was made (UTC).")
    expires_at: datetime | None = strawberry.field(description="When it stops working, if ever.")
    revoked_at: datetime | None = strawberry.field(description="When it was revoked, if so.")
    last_used_at: datetime | None = strawberry.field(
        description="Last use (UTC, to the minute), if any."
    )
    roles: list[Role] | None = strawberry.field(  # type: ignore[valid-type]
        description="The only roles it acts with; null: all of its owner's.",
        metadata=list_bound(len(enums.Role)),
    )

    @classmethod
    def from_model(cls, row: models.ApiToken) -> Self:
        limited = token_roles(row)
        return cls(
            roles=None if limited is None else [as_api(Role, r) for r in sorted(limited)],
            id=strawberry.ID(encode_id("ApiToken", row.id)),
            name=row.name,
            created_at=row.created_at,
            expires_at=row.expires_at,
            revoked_at=row.revoked_at,
            last_used_at=row.last_used_at,
        )


async def account_name(info: Info, account_id: int | None) -> str | None:
    """An account's display name (batched), ``None`` for none."""
    if account_id is None:
        return None
    return await info.context.loaders.account_name_by_id.load(account_id)
