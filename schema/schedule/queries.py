"""Root query fields of the schedule."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from core import permissions
from core.limits import MAX_ACTIVITY_KINDS
from schema.limits import list_bound
from schema.permissions import authorize
from schema.schedule.types import ActivityKind


@strawberry.type
class ScheduleQueries:
    @strawberry.field(
        description="The activity kinds a session may be: the core's, then the plugins'.",
        metadata=list_bound(MAX_ACTIVITY_KINDS),
    )
    async def activity_kinds(self, info: Info) -> list[ActivityKind]:
        await authorize(info, permissions.READ_CATALOGUE)
        kinds = info.context.registry.activity_kinds().values()
        return [ActivityKind.from_declaration(kind) for kind in kinds]
