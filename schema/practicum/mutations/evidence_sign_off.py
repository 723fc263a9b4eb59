"""signOffPracticumEvidence: an assessor accepts a learner's evidence."""

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


@strawberry.input(description="The SUBMITTED evidence to sign off.")
class SignOffPracticumEvidenceInput:
    evidence_id: strawberry.ID = strawberry.field(description="SUBMITTED practicum evidence.")
    comment: str = strawberry.field(default="", description="A remark kept with the sign-off.")


@strawberry.type(description="Result of signOffPracticumEvidence.")
class SignOffPracticumEvidencePayload:
    evidence: PracticumEvidence | None = strawberry.field(
        description="The evidence as it is now; null on errors."
    )
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


async def sign_off_practicum_evidence(
    info: Info,
    input: Annotated[SignOffPracticumEvidenceInput, strawberry.argument(description=INPUT)],
) -> SignOffPracticumEvidencePayload:
    access = await authorize(info, permissions.REVIEW_PRACTICUM)

    async def run() -> PracticumEvidence:
        errors = ErrorCollector()
        evidence_id = input_id(errors, input.evidence_id, "PracticumEvidence", "evidenceId")
        row = await practicum.review_evidence(
            access, evidence_id, sign_off=True, comment=input.comment, errors=errors
        )
        return PracticumEvidence.from_model(row)

    evidence, errors = await attempt(run())
    return SignOffPracticumEvidencePayload(evidence=evidence, errors=errors)
