"""Root query fields of programmes."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from core import permissions
from core.services import directory
from schema.pagination import BY_ID, After, Connection, First, SortDirection, paginate
from schema.permissions import authorize
from schema.programmes.types import Programme


@strawberry.type
class ProgrammeQueries:
    @strawberry.field(description="Training programmes (Đề án), oldest first.")
    async def programmes(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[Programme]:
        await authorize(info, permissions.READ_DIRECTORY)
        return await paginate(
            info,
            directory.filter_programmes(),
            first=first,
            after=after,
            key=BY_ID,
            direction=SortDirection.ASC,
            node_type=Programme,
        )
