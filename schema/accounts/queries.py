"""Root query fields of accounts."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from schema.accounts.types import Viewer


@strawberry.type
class AccountQueries:
    @strawberry.field(description="The signed-in account; null when not signed in.")
    async def me(self, info: Info) -> Viewer | None:
        account = await info.context.viewer()
        return None if account is None else Viewer.from_model(account)
