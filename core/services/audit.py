"""The audit log: writing one entry per mutation, and the base query of reading it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise.expressions import Subquery
from tortoise.queryset import QuerySet

from core.models import Account, AuditEntry, AuditTarget
from core.models.enums import AuditOutcome

MAX_TARGETS = 50
"""Target IDs kept per entry (a mutation names a handful; a long list is cut)."""


async def record(
    *,
    at: datetime,
    request_id: str,
    actor: Account | None,
    operation: str,
    outcome: AuditOutcome,
    input: dict[str, Any],
    error_codes: Sequence[str],
    target_ids: Sequence[str],
) -> AuditEntry:
    """Write an entry (in the caller's transaction, if any) with its targets."""
    targets = list(dict.fromkeys(target_ids))[:MAX_TARGETS]
    entry = await AuditEntry.create(
        at=at,
        request_id=request_id,
        actor_id=None if actor is None else actor.id,
        actor_username="" if actor is None else actor.username,
        operation=operation,
        outcome=outcome,
        input=input,
        error_codes=list(error_codes),
        target_ids=targets,
    )
    if targets:
        await AuditTarget.bulk_create(
            [AuditTarget(entry_id=entry.id, target_id=target) for target in targets]
        )
    return entry


@dataclass(frozen=True)
class AuditCriteria:
    """Filters of the audit log; every given one must match."""

    actor_username: str | None = None
    operation: str | None = None
    target_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def filter_entries(criteria: AuditCriteria) -> QuerySet[AuditEntry]:
    """The base query of ``auditEntries``: where a filter (the viewer's scope) is added."""
    query = AuditEntry.all()
    if criteria.actor_username is not None:
        query = query.filter(actor_username=criteria.actor_username)
    if criteria.operation is not None:
        query = query.filter(operation=criteria.operation)
    if criteria.target_id is not None:
        query = query.filter(
            id__in=Subquery(AuditTarget.filter(target_id=criteria.target_id).values("entry_id"))
        )
    if criteria.since is not None:
        query = query.filter(at__gte=criteria.since)
    if criteria.until is not None:
        query = query.filter(at__lt=criteria.until)
    return query
