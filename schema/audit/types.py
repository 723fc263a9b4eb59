"""GraphQL type of the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Self, cast

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from core import models, permissions
from core.limits import MAX_USER_ERRORS
from core.models import enums
from core.services.audit import MAX_TARGETS
from schema.enums import as_api, described_enum
from schema.limits import list_bound
from schema.node import ModelNode

AuditOutcome = described_enum(
    enums.AuditOutcome,
    "AuditOutcome",
    "How a mutation ended.",
    {
        enums.AuditOutcome.DONE: "It ran and returned no user errors.",
        enums.AuditOutcome.REFUSED: "It returned user errors or had a bad argument: nothing "
        "changed.",
        enums.AuditOutcome.DENIED: "Not signed in or not allowed: nothing changed.",
        enums.AuditOutcome.FAILED: "An unexpected error: nothing changed.",
    },
)


@strawberry.type(description="One mutation as the audit log recorded it; entries never change.")
class AuditEntry(ModelNode):
    loader_name = "audit_entry_by_id"
    read_permission = permissions.READ_AUDIT

    id: relay.NodeID[int]
    at: datetime = strawberry.field(description="When it ran (UTC).")
    request_id: str = strawberry.field(description="The request's ID (`x-request-id`).")
    actor_username: str | None = strawberry.field(
        description="Who ran it (sign-in name at the time); null when nobody was signed in."
    )
    operation: str = strawberry.field(description="The mutation's field name (`createCohort`).")
    outcome: AuditOutcome = strawberry.field(description="How it ended.")  # type: ignore[valid-type]
    input: JSON = strawberry.field(description="Its arguments; passwords and tokens redacted.")
    error_codes: list[str] = strawberry.field(
        description="The codes of its user errors, or of the error that stopped it.",
        metadata=list_bound(MAX_USER_ERRORS),
    )
    target_ids: list[strawberry.ID] = strawberry.field(
        description=f"Global IDs of the objects it named or returned (at most {MAX_TARGETS}).",
        metadata=list_bound(MAX_TARGETS),
    )

    @classmethod
    def from_model(cls, row: models.AuditEntry) -> Self:
        return cls(
            id=row.id,
            at=row.at,
            request_id=row.request_id,
            actor_username=row.actor_username or None,
            operation=row.operation,
            outcome=as_api(AuditOutcome, row.outcome),
            input=cast(JSON, row.input),
            error_codes=list(row.error_codes),
            target_ids=[strawberry.ID(target) for target in row.target_ids],
        )
