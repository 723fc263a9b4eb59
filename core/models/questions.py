"""Question banks: multiple-choice questions per topic, in versions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

from core.models.enums import Difficulty

if TYPE_CHECKING:
    from core.models.tracks import Topic, Track


class Question(Model):
    """A multiple-choice question of a topic's bank, known by its code within the track.

    Its text lives in versions: a change makes a new version, so a test that showed the old one
    keeps it.
    """

    id = fields.IntField(primary_key=True)
    track_id: int
    track: fields.ForeignKeyRelation[Track] = fields.ForeignKeyField(
        "core.Track", related_name="questions", on_delete=fields.RESTRICT
    )
    topic_id: int
    topic: fields.ForeignKeyRelation[Topic] = fields.ForeignKeyField(
        "core.Topic", related_name="questions", on_delete=fields.RESTRICT
    )
    code = fields.CharField(max_length=64)
    """Kept across imports: importing a question with the same code revises it."""
    is_active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    versions: fields.ReverseRelation[QuestionVersion]

    class Meta:
        table = "question"
        unique_together = (("track", "code"),)
        indexes = (("topic_id", "is_active"),)

    def __str__(self) -> str:
        return self.code


class QuestionVersion(Model):
    """One version of a question: stem, options (exactly one correct), explanation."""

    id = fields.IntField(primary_key=True)
    question_id: int
    question: fields.ForeignKeyRelation[Question] = fields.ForeignKeyField(
        "core.Question", related_name="versions", on_delete=fields.RESTRICT
    )
    number = fields.SmallIntField()
    is_current = fields.BooleanField(default=True)
    """The version new tests draw; earlier ones stay for the tests that showed them."""
    stem = fields.TextField()
    options: Any = fields.JSONField()
    """The options' texts, in the order shown (A, B, C, …)."""
    correct_option = fields.SmallIntField()
    """The position (0 for A) of the one correct option."""
    explanation = fields.TextField(default="")
    """Why the correct option is right: shown after a test's window closes."""
    difficulty = fields.CharEnumField(Difficulty, max_length=16, default=Difficulty.MEDIUM)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "question_version"
        unique_together = (("question", "number"),)
        indexes = (("question_id", "is_current"),)

    def __str__(self) -> str:
        return f"{self.question_id} v{self.number}"
