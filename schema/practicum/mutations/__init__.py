"""Mutations of the practicum, one per module."""

from __future__ import annotations

import strawberry

from schema.practicum.mutations.evidence_return import return_practicum_evidence
from schema.practicum.mutations.evidence_sign_off import sign_off_practicum_evidence
from schema.practicum.mutations.evidence_submit import submit_practicum_evidence


@strawberry.type
class PracticumMutations:
    submit_practicum_evidence = strawberry.mutation(
        resolver=submit_practicum_evidence,
        description="Give evidence (text and/or files) for a practicum item of an enrollment.",
    )
    sign_off_practicum_evidence = strawberry.mutation(
        resolver=sign_off_practicum_evidence,
        description="Sign off SUBMITTED practicum evidence (an assessor): it counts.",
    )
    return_practicum_evidence = strawberry.mutation(
        resolver=return_practicum_evidence,
        description="Return SUBMITTED practicum evidence with a comment (an assessor).",
    )
