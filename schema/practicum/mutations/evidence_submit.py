"""submitPracticumEvidence: a learner (or a coordinator for them) gives practicum evidence."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from strawberry.types import Info

from core import permissions
from core.limits import MAX_FILES_PER_INPUT
from core.services import practicum
from core.services.errors import ErrorCollector
from schema.errors import INPUT, UserError, attempt
from schema.files.inputs import file_ids_argument
from schema.ids import input_id
from schema.permissions import authorize
from schema.practicum.types import PracticumEvidence


@strawberry.input(description="Evidence for a practicum item: text and/or files.")
class SubmitPracticumEvidenceInput:
    enrollment_id: strawberry.ID = strawberry.field(
        description="Your own enrollment (a learner), or one you manage; ENROLLED, in an "
        "IN_PROGRESS or COMPLETED cohort."
    )
    item_id: strawberry.ID = strawberry.field(
        description="A practicum item of the cohort's track (Track.practicumItems)."
    )
    text: str = strawberry.field(default="", description="What you did or observed.")
    file_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list,
        description=f"Files you uploaded (POST /files); at most {MAX_FILES_PER_INPUT}.",
    )
    occurred_on: date | None = strawberry.field(
        default=None, description="When it happened (the meeting's day)."
    )


@strawberry.type(description="Result of submitPracticumEvidence.")
class SubmitPracticumEvidencePayload:
    evidence: PracticumEvidence | None = strawberry.field(
        description="The evidence as it is now; null on errors."
    )
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


async def submit_practicum_evidence(
    info: Info,
    input: Annotated[SubmitPracticumEvidenceInput, strawberry.argument(description=INPUT)],
) -> SubmitPracticumEvidencePayload:
    access = await authorize(info, permissions.SUBMIT_OWN_EVIDENCE, permissions.MANAGE_ENROLLMENTS)

    async def run() -> PracticumEvidence:
        errors = ErrorCollector()
        enrollment_id = input_id(errors, input.enrollment_id, "Enrollment", "enrollmentId")
        item_id = input_id(errors, input.item_id, "PracticumItem", "itemId")
        file_ids = file_ids_argument(errors, input.file_ids, "fileIds")
        evidence = practicum.Evidence(input.text, file_ids, input.occurred_on)
        row = await practicum.submit_evidence(access, enrollment_id, item_id, evidence, errors)
        return PracticumEvidence.from_model(row)

    evidence, errors = await attempt(run())
    return SubmitPracticumEvidencePayload(evidence=evidence, errors=errors)
