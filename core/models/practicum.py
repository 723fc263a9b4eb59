"""Practicum: the hands-on items a track requires, and each learner's evidence for them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from core.models.enums import EvidenceStatus

if TYPE_CHECKING:
    from core.models.accounts import Account
    from core.models.cohorts import Enrollment
    from core.models.files import StoredFile
    from core.models.tracks import Track


class PracticumItem(Model):
    """A practicum item a track requires ("attend 2 meetings of the commune People's Committee
    standing members"), declared by the track's plugin and synced at start-up."""

    id = fields.IntField(primary_key=True)
    track_id: int
    track: fields.ForeignKeyRelation[Track] = fields.ForeignKeyField(
        "core.Track", related_name="practicum_items", on_delete=fields.RESTRICT
    )
    code = fields.CharField(max_length=64)
    title = fields.CharField(max_length=300)
    description = fields.TextField(default="")
    required_count = fields.SmallIntField(default=1)
    """How many signed-off pieces of evidence complete the item (2 meetings: 2)."""
    order = fields.SmallIntField(default=0)
    is_active = fields.BooleanField(default=True)
    """False once its plugin stops declaring it; evidence already given is kept."""

    class Meta:
        table = "practicum_item"
        unique_together = (("track", "code"),)

    def __str__(self) -> str:
        return self.title


class PracticumEvidence(Model):
    """A learner's evidence for one practicum item (text and/or files) and its review."""

    id = fields.IntField(primary_key=True)
    enrollment_id: int
    enrollment: fields.ForeignKeyRelation[Enrollment] = fields.ForeignKeyField(
        "core.Enrollment", related_name="evidence", on_delete=fields.RESTRICT
    )
    item_id: int
    item: fields.ForeignKeyRelation[PracticumItem] = fields.ForeignKeyField(
        "core.PracticumItem", related_name="evidence", on_delete=fields.RESTRICT
    )
    occurred_on = fields.DateField(null=True)
    """When the activity happened (the meeting's day), if the learner says."""
    text = fields.TextField(default="")
    status = fields.CharEnumField(EvidenceStatus, max_length=16, default=EvidenceStatus.SUBMITTED)
    submitted_by_id: int | None
    submitted_by: fields.ForeignKeyNullableRelation[Account] = fields.ForeignKeyField(
        "core.Account", related_name="submitted_evidence", null=True, on_delete=fields.SET_NULL
    )
    submitted_at = fields.DatetimeField()
    reviewed_by_id: int | None
    reviewed_by: fields.ForeignKeyNullableRelation[Account] = fields.ForeignKeyField(
        "core.Account", related_name="reviewed_evidence", null=True, on_delete=fields.SET_NULL
    )
    reviewed_at = fields.DatetimeField(null=True)
    review_comment = fields.TextField(default="")
    files: fields.ManyToManyRelation[StoredFile] = fields.ManyToManyField(
        "core.StoredFile", related_name="practicum_evidence", through="practicum_evidence_file"
    )

    class Meta:
        table = "practicum_evidence"
        indexes = (("enrollment_id", "item_id", "id"),)

    def __str__(self) -> str:
        return f"evidence {self.pk}"
