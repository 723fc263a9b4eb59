"""The audit log: one row per mutation, whatever its outcome, never changed afterwards."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

from core.models.enums import AuditOutcome

if TYPE_CHECKING:
    from core.models.accounts import Account


class AuditEntry(Model):
    """What one mutation did or was refused: who, what, on which objects, when, with what input.

    Written in the mutation's own transaction when it changes something, on its own when it was
    refused or denied. The API can read entries and cannot change or delete them.
    """

    id = fields.IntField(primary_key=True)
    at = fields.DatetimeField()
    request_id = fields.CharField(max_length=32)
    actor_id: int | None
    actor: fields.ForeignKeyNullableRelation[Account] = fields.ForeignKeyField(
        "core.Account", related_name="audit_entries", null=True, on_delete=fields.RESTRICT
    )
    actor_username = fields.CharField(max_length=64, default="")
    """Kept as it was when the entry was written."""
    operation = fields.CharField(max_length=100)
    outcome = fields.CharEnumField(AuditOutcome, max_length=16)
    input: fields.Field[dict[str, Any]] = fields.JSONField()
    """The mutation's arguments, secrets replaced by ``"[redacted]"``."""
    error_codes: fields.Field[list[str]] = fields.JSONField()
    """The codes of the user errors or of the top-level error, if any."""
    target_ids: fields.Field[list[str]] = fields.JSONField()
    """The global IDs it concerns, as listed (:class:`AuditTarget` rows are for filtering)."""

    targets: fields.ReverseRelation[AuditTarget]

    class Meta:
        table = "audit_entry"
        indexes = (("operation", "id"), ("actor_id", "id"), ("at", "id"))


class AuditTarget(Model):
    """A global ID an audit entry concerns: an object of the input or of the payload."""

    id = fields.IntField(primary_key=True)
    entry_id: int
    entry: fields.ForeignKeyRelation[AuditEntry] = fields.ForeignKeyField(
        "core.AuditEntry", related_name="targets", on_delete=fields.RESTRICT
    )
    target_id = fields.CharField(max_length=100)

    class Meta:
        table = "audit_target"
        indexes = (("target_id", "entry_id"),)
