"""The plugin's own table: the notes learners keep of the supervision visits they join."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from hocviec import Enrollment


class SupervisionNote(Model):
    """A learner's note of a supervision visit made with the district People's Council."""

    id = fields.IntField(primary_key=True)
    enrollment_id: int
    enrollment: fields.ForeignKeyRelation[Enrollment] = fields.ForeignKeyField(
        "core.Enrollment", related_name=False, on_delete=fields.CASCADE
    )
    visited_on = fields.DateField()
    subject = fields.CharField(max_length=200, description="What was supervised, NFC")
    findings = fields.TextField(description="What the visit found and recommended, NFC")
    recorded_at = fields.DatetimeField()

    class Meta:
        table = "peoples_council_supervision_note"
        ordering = ["enrollment_id", "visited_on", "id"]

    def __str__(self) -> str:
        return f"{self.visited_on}: {self.subject}"
