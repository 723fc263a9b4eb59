"""The audit log as a connection, newest first."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from core import permissions
from core.services import audit
from schema.audit.types import AuditEntry
from schema.inputs import text_argument
from schema.pagination import BY_ID, FILTER, After, Connection, First, SortDirection, paginate
from schema.permissions import authorize


@strawberry.input(description="Filters of the audit log; every given filter must match.")
class AuditFilter:
    actor_username: str | None = strawberry.field(
        default=None, description="Entries of this sign-in name."
    )
    operation: str | None = strawberry.field(
        default=None, description="Entries of this mutation (`createCohort`)."
    )
    target_id: strawberry.ID | None = strawberry.field(
        default=None, description="Entries that named or returned this object."
    )
    since: datetime | None = strawberry.field(default=None, description="At or after this time.")
    until: datetime | None = strawberry.field(default=None, description="Before this time.")


@strawberry.type
class AuditQueries:
    @strawberry.field(description="Every mutation run, newest first. Entries cannot be changed.")
    async def audit_entries(
        self,
        info: Info,
        filter: Annotated[AuditFilter | None, FILTER] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[AuditEntry]:
        await authorize(info, permissions.READ_AUDIT)
        given = filter or AuditFilter()
        criteria = audit.AuditCriteria(
            actor_username=text_argument(given.actor_username, "filter.actorUsername", 64),
            operation=text_argument(given.operation, "filter.operation", 100),
            target_id=text_argument(given.target_id, "filter.targetId", 100),
            since=given.since,
            until=given.until,
        )
        return await paginate(
            info,
            audit.filter_entries(criteria),
            first=first,
            after=after,
            key=BY_ID,
            direction=SortDirection.DESC,
            node_type=AuditEntry,
        )
