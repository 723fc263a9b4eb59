"""returnPracticumEvidence: an assessor sends evidence back, saying what is missing."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from core import permissions
from core.services import practicum
from core.services.errors import ErrorCollector
from schema.errors import INPUT, UserError, attempt
from schema.ids import input_id
from schema.permissions import authorize
from schema.practicum.types import PracticumEvidence


@strawberry.input(description="The SUBMITTED evidence to return, and why.")
class ReturnPracticumEvidenceInput:
    evidence_id: strawberry.ID = strawberry.field(description="SUBMITTED practicum evidence.")
    comment: str = strawberry.field(description="What the learner should add or redo (required).")


@strawberry.type(description="Result of returnPracticumEvidence.")
class ReturnPracticumEvidencePayload:
    evidence: PracticumEvidence | None = strawberry.field(
        description="The evidence as it is now; null on errors."
    )
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


async def return_practicum_evidence(
    info: Info,
    input: Annotated[ReturnPracticumEvidenceInput, strawberry.argument(description=INPUT)],
) -> ReturnPracticumEvidencePayload:
    access = await authorize(info, permissions.REVIEW_PRACTICUM)

    async def run() -> PracticumEvidence:
        errors = ErrorCollector()
        evidence_id = input_id(errors, input.evidence_id, "PracticumEvidence", "evidenceId")
        row = await practicum.review_evidence(
            access, evidence_id, sign_off=False, comment=input.comment, errors=errors
        )
        return PracticumEvidence.from_model(row)

    evidence, errors = await attempt(run())
    return ReturnPracticumEvidencePayload(evidence=evidence, errors=errors)
