"""Tests (bài kiểm tra) of a cohort: each learner's questions drawn from the bank, and answers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from core.models.enums import SittingSource

if TYPE_CHECKING:
    from core.models.accounts import Account
    from core.models.cohorts import Cohort, Enrollment
    from core.models.questions import QuestionVersion


class Exam(Model):
    """A multiple-choice test of a cohort: how many questions, when it may be taken, and the
    seed its draws are reproduced from."""

    id = fields.IntField(primary_key=True)
    cohort_id: int
    cohort: fields.ForeignKeyRelation[Cohort] = fields.ForeignKeyField(
        "core.Cohort", related_name="exams", on_delete=fields.RESTRICT
    )
    title = fields.CharField(max_length=200)
    question_count = fields.SmallIntField()
    opens_at = fields.DatetimeField()
    closes_at = fields.DatetimeField()
    seed = fields.BigIntField()
    created_at = fields.DatetimeField(auto_now_add=True)
    created_by_id: int | None
    created_by: fields.ForeignKeyNullableRelation[Account] = fields.ForeignKeyField(
        "core.Account", related_name="created_exams", null=True, on_delete=fields.SET_NULL
    )

    class Meta:
        table = "exam"
        indexes = (("cohort_id", "id"),)

    def __str__(self) -> str:
        return self.title


class ExamSitting(Model):
    """One learner's test: the questions drawn for them, and once submitted, the score.

    ``score`` is in hundredths (``core.scores``).
    """

    id = fields.IntField(primary_key=True)
    exam_id: int
    exam: fields.ForeignKeyRelation[Exam] = fields.ForeignKeyField(
        "core.Exam", related_name="sittings", on_delete=fields.RESTRICT
    )
    enrollment_id: int
    enrollment: fields.ForeignKeyRelation[Enrollment] = fields.ForeignKeyField(
        "core.Enrollment", related_name="sittings", on_delete=fields.RESTRICT
    )
    from_other_topics = fields.SmallIntField(default=0)
    """Questions drawn from topics the learner did not register (their topics held too few)."""
    submitted_at = fields.DatetimeField(null=True)
    source = fields.CharEnumField(SittingSource, max_length=16, null=True)
    submitted_by_id: int | None
    submitted_by: fields.ForeignKeyNullableRelation[Account] = fields.ForeignKeyField(
        "core.Account", related_name="submitted_sittings", null=True, on_delete=fields.SET_NULL
    )
    correct_count = fields.SmallIntField(null=True)
    score = fields.SmallIntField(null=True)

    class Meta:
        table = "exam_sitting"
        unique_together = (("exam", "enrollment"),)
        indexes = (("exam_id", "id"),)

    def __str__(self) -> str:
        return f"sitting {self.pk}"


class SittingQuestion(Model):
    """A question of one learner's test, at its position, and the option they chose."""

    id = fields.IntField(primary_key=True)
    sitting_id: int
    sitting: fields.ForeignKeyRelation[ExamSitting] = fields.ForeignKeyField(
        "core.ExamSitting", related_name="questions", on_delete=fields.RESTRICT
    )
    position = fields.SmallIntField()
    """1 for the first question."""
    version_id: int
    version: fields.ForeignKeyRelation[QuestionVersion] = fields.ForeignKeyField(
        "core.QuestionVersion", related_name="sitting_questions", on_delete=fields.RESTRICT
    )
    chosen = fields.SmallIntField(null=True)
    """The position of the option chosen (0 for A); null while unanswered."""

    class Meta:
        table = "sitting_question"
        unique_together = (("sitting", "position"),)

    def __str__(self) -> str:
        return f"{self.sitting_id}#{self.position}"
