"""Lesson content: per topic and programme, in versions drafted, appraised and approved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from core.models.enums import LessonStepKind, LessonVersionStatus

if TYPE_CHECKING:
    from core.models.accounts import Account
    from core.models.files import StoredFile
    from core.models.programmes import Programme
    from core.models.tracks import Topic


class LessonContent(Model):
    """A topic's lesson content for one programme, whose boards write and approve it.

    Topics are shared across districts, and each programme's boards write their own content.

    What sessions on the topic teach is its latest approved version (the highest ``number``
    whose status is ``APPROVED``).
    """

    id = fields.IntField(primary_key=True)
    topic_id: int
    topic: fields.ForeignKeyRelation[Topic] = fields.ForeignKeyField(
        "core.Topic", related_name="lesson_contents", on_delete=fields.RESTRICT
    )
    programme_id: int
    programme: fields.ForeignKeyRelation[Programme] = fields.ForeignKeyField(
        "core.Programme", related_name="lesson_contents", on_delete=fields.RESTRICT
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    versions: fields.ReverseRelation[LessonVersion]

    class Meta:
        table = "lesson_content"
        unique_together = (("programme", "topic"),)

    def __str__(self) -> str:
        return f"lesson content {self.pk}"


class LessonVersion(Model):
    """One version of lesson content: title, Markdown body and attachments, with its status."""

    id = fields.IntField(primary_key=True)
    content_id: int
    content: fields.ForeignKeyRelation[LessonContent] = fields.ForeignKeyField(
        "core.LessonContent", related_name="versions", on_delete=fields.CASCADE
    )
    number = fields.SmallIntField()
    """1 for the first version of the content, then 2, 3, …"""
    title = fields.CharField(max_length=300)
    body = fields.TextField()
    """Markdown (NFC)."""
    status = fields.CharEnumField(
        LessonVersionStatus, max_length=16, default=LessonVersionStatus.DRAFT
    )
    author_id: int | None
    author: fields.ForeignKeyNullableRelation[Account] = fields.ForeignKeyField(
        "core.Account", related_name="lesson_versions", null=True, on_delete=fields.SET_NULL
    )
    """Who drafted it: they cannot approve it."""
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    attachments: fields.ManyToManyRelation[StoredFile] = fields.ManyToManyField(
        "core.StoredFile", related_name="lesson_versions", through="lesson_version_file"
    )

    steps: fields.ReverseRelation[LessonStep]

    class Meta:
        table = "lesson_version"
        unique_together = (("content", "number"),)

    def __str__(self) -> str:
        return self.title


class LessonStep(Model):
    """A step of a version's life (drafted, submitted, approved, returned), kept for good."""

    id = fields.IntField(primary_key=True)
    version_id: int
    version: fields.ForeignKeyRelation[LessonVersion] = fields.ForeignKeyField(
        "core.LessonVersion", related_name="steps", on_delete=fields.CASCADE
    )
    kind = fields.CharEnumField(LessonStepKind, max_length=16)
    comment = fields.TextField(default="")
    actor_id: int | None
    actor: fields.ForeignKeyNullableRelation[Account] = fields.ForeignKeyField(
        "core.Account", related_name="lesson_steps", null=True, on_delete=fields.SET_NULL
    )
    at = fields.DatetimeField()

    class Meta:
        table = "lesson_step"
        indexes = (("version_id", "id"),)

    def __str__(self) -> str:
        return f"{self.kind.value} at {self.at}"
