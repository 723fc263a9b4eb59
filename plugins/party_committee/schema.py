"""GraphQL of the Party track's draft conclusions: the type, the two mutations, and the field
``Enrollment.partyCommitteeConclusionDraft``.

Resolvers are thin: they ask the permission layer, decode IDs, call
:mod:`plugins.party_committee.services` and shape the answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Self

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.types import Info

from hocviec import (
    INPUT,
    EnrollmentType,
    ErrorCollector,
    TypeExtension,
    UserError,
    attempt,
    authorize,
    authorize_loaded,
    encode_id,
    from_hundredths,
    input_id,
)
from plugins.party_committee import services
from plugins.party_committee.curriculum import READ_DRAFTS, SCORE_DRAFT, SUBMIT_DRAFT
from plugins.party_committee.models import AGENDA_LENGTH, TEXT_LENGTH, ConclusionDraft


@strawberry.type(
    description="A learner's draft of the conclusions of a District Party Standing Board "
    "meeting they observed (the Party committee track's practicum), and its score."
)
class PartyCommitteeConclusionDraft:
    enrollment_id: strawberry.ID = strawberry.field(description="The learner's enrollment.")
    meeting_on: date = strawberry.field(description="The day of the meeting observed.")
    agenda: str = strawberry.field(description="The meeting's agenda (NFC).")
    text: str = strawberry.field(description="The draft conclusions (NFC).")
    submitted_at: datetime = strawberry.field(description="When it was submitted (UTC).")
    score: Decimal | None = strawberry.field(
        description="The assessor's score out of 10; null until scored."
    )
    comment: str = strawberry.field(description="The assessor's comment; empty until scored.")
    scored_at: datetime | None = strawberry.field(
        description="When it was last scored (UTC); null until scored."
    )

    @classmethod
    def from_model(cls, row: ConclusionDraft) -> Self:
        return cls(
            enrollment_id=strawberry.ID(encode_id("Enrollment", row.enrollment_id)),
            meeting_on=row.meeting_on,
            agenda=row.agenda,
            text=row.text,
            submitted_at=row.submitted_at,
            score=None if row.score is None else from_hundredths(row.score),
            comment=row.comment,
            scored_at=row.scored_at,
        )


# -- the field on Enrollment --------------------------------------------------------------------


class ConclusionDraftByEnrollmentIdLoader(DataLoader[int, ConclusionDraft | None]):
    """Drafts by enrollment ID (``None`` where there is none), one statement per batch."""

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[int]) -> list[ConclusionDraft | None]:
        found = await services.drafts_by_enrollment(set(keys))
        return [found.get(key) for key in keys]


def draft_loader(info: Info) -> ConclusionDraftByEnrollmentIdLoader:
    """The request's drafts loader, shared by every enrollment of the answer."""
    loader: ConclusionDraftByEnrollmentIdLoader = info.context.loaders.shared(
        ("party_committee.conclusion_draft_by_enrollment_id",),
        ConclusionDraftByEnrollmentIdLoader,
    )
    return loader


@strawberry.type
class PartyCommitteeEnrollmentFields:
    @strawberry.field(
        description="The learner's draft conclusions of the District Party Standing Board "
        "meeting they observed, with its score (Party committee track); null until submitted."
    )
    async def party_committee_conclusion_draft(
        self, info: Info
    ) -> PartyCommitteeConclusionDraft | None:
        authorize_loaded(info, READ_DRAFTS)
        row = await draft_loader(info).load(self.id)  # type: ignore[attr-defined]
        return None if row is None else PartyCommitteeConclusionDraft.from_model(row)


ENROLLMENT_FIELDS = TypeExtension(extends=EnrollmentType, fields=PartyCommitteeEnrollmentFields)


# -- mutations ---------------------------------------------------------------------------------


@strawberry.input(description="A learner's draft conclusions of the meeting they observed.")
class PartyCommitteeSubmitConclusionDraftInput:
    enrollment_id: strawberry.ID = strawberry.field(
        description="Your own enrollment (a learner), or one you manage: ENROLLED in an "
        "IN_PROGRESS or COMPLETED cohort of the Party committee track, with no draft yet."
    )
    meeting_on: date = strawberry.field(
        description="The day of the District Party Standing Board meeting observed, within the "
        "cohort's days and not in the future."
    )
    agenda: str = strawberry.field(
        description=f"The meeting's agenda (at most {AGENDA_LENGTH} characters)."
    )
    text: str = strawberry.field(
        description=f"The draft conclusions (at most {TEXT_LENGTH} characters)."
    )


@strawberry.type(description="Result of partyCommitteeSubmitConclusionDraft.")
class PartyCommitteeSubmitConclusionDraftPayload:
    draft: PartyCommitteeConclusionDraft | None = strawberry.field(
        description="The draft as submitted; null on errors."
    )
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


async def submit_conclusion_draft(
    info: Info,
    input: Annotated[
        PartyCommitteeSubmitConclusionDraftInput, strawberry.argument(description=INPUT)
    ],
) -> PartyCommitteeSubmitConclusionDraftPayload:
    access = await authorize(info, SUBMIT_DRAFT)

    async def run() -> PartyCommitteeConclusionDraft:
        errors = ErrorCollector()
        enrollment_id = input_id(errors, input.enrollment_id, "Enrollment", "enrollmentId")
        text = services.DraftText(input.meeting_on, input.agenda, input.text)
        row = await services.submit_draft(access, enrollment_id, text, errors)
        return PartyCommitteeConclusionDraft.from_model(row)

    draft, errors = await attempt(run())
    return PartyCommitteeSubmitConclusionDraftPayload(draft=draft, errors=errors)


@strawberry.input(description="An assessor's score of a learner's draft conclusions.")
class PartyCommitteeScoreConclusionDraftInput:
    enrollment_id: strawberry.ID = strawberry.field(
        description="The enrollment whose submitted draft is scored."
    )
    score: Decimal = strawberry.field(description="From 0 to 10, two decimals at most.")
    comment: str = strawberry.field(
        default="",
        description=f"Why, in a sentence or two (at most {services.COMMENT_LENGTH} characters).",
    )


@strawberry.type(description="Result of partyCommitteeScoreConclusionDraft.")
class PartyCommitteeScoreConclusionDraftPayload:
    draft: PartyCommitteeConclusionDraft | None = strawberry.field(
        description="The draft with its score; null on errors."
    )
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


async def score_conclusion_draft(
    info: Info,
    input: Annotated[
        PartyCommitteeScoreConclusionDraftInput, strawberry.argument(description=INPUT)
    ],
) -> PartyCommitteeScoreConclusionDraftPayload:
    access = await authorize(info, SCORE_DRAFT)

    async def run() -> PartyCommitteeConclusionDraft:
        errors = ErrorCollector()
        enrollment_id = input_id(errors, input.enrollment_id, "Enrollment", "enrollmentId")
        row = await services.score_draft(access, enrollment_id, input.score, input.comment, errors)
        return PartyCommitteeConclusionDraft.from_model(row)

    draft, errors = await attempt(run())
    return PartyCommitteeScoreConclusionDraftPayload(draft=draft, errors=errors)


@strawberry.type
class PartyCommitteeMutations:
    party_committee_submit_conclusion_draft = strawberry.mutation(
        resolver=submit_conclusion_draft,
        description="Submit the draft conclusions of the District Party Standing Board meeting "
        "a learner observed (Party committee track); once per enrollment.",
    )
    party_committee_score_conclusion_draft = strawberry.mutation(
        resolver=score_conclusion_draft,
        description="Score a learner's submitted draft conclusions out of 10, with a comment "
        "(an assessor); counted in the cohort's results when they are finalised.",
    )
