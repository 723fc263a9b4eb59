"""The plugin's GraphQL: a note type, the field it adds to Enrollment, and its mutation.

Resolvers are thin: they ask the permission layer, decode the input, call
:mod:`hocviec_peoples_council.services` and shape the answer.
"""

from __future__ import annotations

from datetime import date, datetime
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
    input_id,
    list_bound,
)
from hocviec_peoples_council import models, services


@strawberry.type(description="A learner's note of a supervision visit with the district council.")
class PeoplesCouncilSupervisionNote:
    visited_on: date = strawberry.field(description="The day of the visit.")
    subject: str = strawberry.field(description="What was supervised (Vietnamese, NFC).")
    findings: str = strawberry.field(description="What the visit found and recommended.")
    recorded_at: datetime = strawberry.field(description="When the note was recorded (UTC).")

    @classmethod
    def from_model(cls, row: models.SupervisionNote) -> Self:
        return cls(
            visited_on=row.visited_on,
            subject=row.subject,
            findings=row.findings,
            recorded_at=row.recorded_at,
        )


class NotesByEnrollmentLoader(DataLoader[int, list[models.SupervisionNote]]):
    """The notes of every enrollment of a page, in one query."""

    def __init__(self) -> None:
        super().__init__(load_fn=services.notes_of)


@strawberry.type
class PeoplesCouncilEnrollmentFields:
    @strawberry.field(
        description=f"Supervision visits the learner noted, oldest first "
        f"({services.MAX_NOTES} at most).",
        metadata=list_bound(services.MAX_NOTES),
    )
    async def peoples_council_supervision_notes(
        self, info: Info
    ) -> list[PeoplesCouncilSupervisionNote]:
        authorize_loaded(info, services.READ_NOTES)
        loader = info.context.loaders.shared(("peoples_council.notes",), NotesByEnrollmentLoader)
        rows = await loader.load(self.id)  # type: ignore[attr-defined]
        return [PeoplesCouncilSupervisionNote.from_model(row) for row in rows]


ENROLLMENT_FIELDS = TypeExtension(extends=EnrollmentType, fields=PeoplesCouncilEnrollmentFields)


@strawberry.input(description="A supervision visit to note.")
class PeoplesCouncilRecordSupervisionNoteInput:
    enrollment_id: strawberry.ID = strawberry.field(
        description="Your own enrollment (a learner), or one you coordinate; ENROLLED."
    )
    visited_on: date = strawberry.field(description="The day of the visit; not in the future.")
    subject: str = strawberry.field(description="What was supervised; required.")
    findings: str = strawberry.field(description="What the visit found; required.")


@strawberry.type(description="Result of peoplesCouncilRecordSupervisionNote.")
class PeoplesCouncilRecordSupervisionNotePayload:
    note: PeoplesCouncilSupervisionNote | None = strawberry.field(
        description="The note recorded; null on errors."
    )
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


@strawberry.type
class PeoplesCouncilMutations:
    @strawberry.mutation(description="Note a supervision visit a learner joined.")
    async def peoples_council_record_supervision_note(
        self,
        info: Info,
        input: Annotated[
            PeoplesCouncilRecordSupervisionNoteInput, strawberry.argument(description=INPUT)
        ],
    ) -> PeoplesCouncilRecordSupervisionNotePayload:
        access = await authorize(info, services.RECORD_NOTES)

        async def run() -> PeoplesCouncilSupervisionNote:
            errors = ErrorCollector()
            enrollment_id = input_id(errors, input.enrollment_id, "Enrollment", "enrollmentId")
            draft = services.NoteDraft(input.visited_on, input.subject, input.findings)
            row = await services.record_note(access, enrollment_id, draft, errors)
            return PeoplesCouncilSupervisionNote.from_model(row)

        note, errors = await attempt(run())
        return PeoplesCouncilRecordSupervisionNotePayload(note=note, errors=errors)
