"""The Party committee plugin's models (tortoise app ``party_committee``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from hocviec import Account, Enrollment

AGENDA_LENGTH = 1000
TEXT_LENGTH = 20_000


class ConclusionDraft(Model):
    """A learner's draft conclusions of a Standing Board meeting, with its score, one each.

    The meeting is one of the District Party Standing Board that the learner observed, the score
    is out of 10 in hundredths, null until an assessor scores it with a comment.
    """

    id = fields.IntField(primary_key=True)
    enrollment_id: int
    enrollment: fields.OneToOneRelation[Enrollment] = fields.OneToOneField(
        "core.Enrollment", related_name=False, on_delete=fields.RESTRICT
    )
    meeting_on = fields.DateField(description="The day of the meeting observed")
    agenda = fields.CharField(max_length=AGENDA_LENGTH, description="The meeting's agenda, NFC")
    text = fields.TextField(description="The draft conclusions, NFC")
    submitted_at = fields.DatetimeField()
    submitted_by_id: int | None
    submitted_by: fields.ForeignKeyNullableRelation[Account] = fields.ForeignKeyField(
        "core.Account", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    score = fields.SmallIntField(null=True, description="Out of 10, in hundredths, once scored")
    comment = fields.TextField(default="", description="The assessor's comment, NFC")
    scored_by_id: int | None
    scored_by: fields.ForeignKeyNullableRelation[Account] = fields.ForeignKeyField(
        "core.Account", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    scored_at = fields.DatetimeField(null=True)

    class Meta:
        table = "party_committee_conclusion_draft"

    def __str__(self) -> str:
        return f"Conclusion draft of enrollment {self.enrollment_id}"
