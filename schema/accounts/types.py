"""GraphQL types of accounts: the signed-in viewer and their API tokens."""

from __future__ import annotations

from datetime import datetime
from typing import Self

import strawberry
from strawberry.types import Info

from core import models
from schema.ids import encode_id
from schema.people.types import Official


@strawberry.type(description="The signed-in account.")
class Viewer:
    username: str = strawberry.field(description="Sign-in name (lower case).")
    display_name: str = strawberry.field(description="Name shown to others (NFC).")
    last_sign_in_at: datetime | None = strawberry.field(
        description="When this account last signed in (UTC)."
    )
    official_id: strawberry.Private[int | None]

    @strawberry.field(description="The learner's own official record, if the account has one.")
    async def official(self, info: Info) -> Official | None:
        if self.official_id is None:
            return None
        return await Official.load(info, self.official_id)

    @classmethod
    def from_model(cls, row: models.Account) -> Self:
        return cls(
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

    @classmethod
    def from_model(cls, row: models.ApiToken) -> Self:
        return cls(
            id=strawberry.ID(encode_id("ApiToken", row.id)),
            name=row.name,
            created_at=row.created_at,
            expires_at=row.expires_at,
            revoked_at=row.revoked_at,
            last_used_at=row.last_used_at,
        )
