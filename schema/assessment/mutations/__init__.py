"""Mutations of assessment, one per module."""

from __future__ import annotations

import strawberry

from schema.assessment.mutations.scheme_adjust import adjust_assessment_scheme


@strawberry.type
class AssessmentMutations:
    adjust_assessment_scheme = strawberry.mutation(
        resolver=adjust_assessment_scheme,
        description="Adjust a PLANNED or OPEN cohort's assessment scheme: components and "
        "weights, bands, completion rule (the whole scheme, checked as a plugin's is).",
    )
