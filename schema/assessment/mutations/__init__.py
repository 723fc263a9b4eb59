"""Mutations of assessment, one per module."""

from __future__ import annotations

import strawberry

from schema.assessment.mutations.questions_import import import_questions
from schema.assessment.mutations.scheme_adjust import adjust_assessment_scheme


@strawberry.type
class AssessmentMutations:
    adjust_assessment_scheme = strawberry.mutation(
        resolver=adjust_assessment_scheme,
        description="Adjust a PLANNED or OPEN cohort's assessment scheme: components and "
        "weights, bands, completion rule (the whole scheme, checked as a plugin's is).",
    )
    import_questions = strawberry.mutation(
        resolver=import_questions,
        description="Import questions into a track's topic banks from a JSON or CSV file; a "
        "dry run (or any bad row) writes nothing and lists every problem.",
    )
