"""Mutations of assessment, one per module."""

from __future__ import annotations

import strawberry

from schema.assessment.mutations.exam_answer import (
    answer_test,
    enter_paper_answers,
    submit_test,
)
from schema.assessment.mutations.exam_create import create_test
from schema.assessment.mutations.questions_import import import_questions
from schema.assessment.mutations.results_finalise import amend_result, finalise_results
from schema.assessment.mutations.scheme_adjust import adjust_assessment_scheme
from schema.assessment.mutations.scores_enter import enter_scores


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
    create_test = strawberry.mutation(
        resolver=create_test,
        description="Set a multiple-choice test for an IN_PROGRESS cohort; each ENROLLED "
        "learner's questions are drawn at once.",
    )
    answer_test = strawberry.mutation(
        resolver=answer_test,
        description="Answer questions of one's own test, within its window.",
    )
    submit_test = strawberry.mutation(
        resolver=submit_test,
        description="Hand in one's own test (once): it is graded at once.",
    )
    enter_paper_answers = strawberry.mutation(
        resolver=enter_paper_answers,
        description="Enter a learner's paper answer sheet (an assessor): it is graded at once.",
    )
    enter_scores = strawberry.mutation(
        resolver=enter_scores,
        description="Score a written or practical component for a sheet of a cohort's "
        "learners (a second assessor's scores are kept beside with double marking).",
    )
    finalise_results = strawberry.mutation(
        resolver=finalise_results,
        description="Finalise a COMPLETED cohort's results in one go: then they are locked "
        "(finalising again changes nothing) and the cohort may be CLOSED.",
    )
    amend_result = strawberry.mutation(
        resolver=amend_result,
        description="Amend a finalised result (an admin), saying why; the original is kept.",
    )
