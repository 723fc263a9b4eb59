"""Mutations of lesson content, one per module."""

from __future__ import annotations

import strawberry

from schema.lessons.mutations.lesson_version_approve import approve_lesson_version
from schema.lessons.mutations.lesson_version_draft import draft_lesson_version
from schema.lessons.mutations.lesson_version_return import return_lesson_version
from schema.lessons.mutations.lesson_version_revise import revise_lesson_version
from schema.lessons.mutations.lesson_version_submit import submit_lesson_version


@strawberry.type
class LessonMutations:
    draft_lesson_version = strawberry.mutation(
        resolver=draft_lesson_version,
        description="Start a new version (DRAFT) of a topic's lesson content for a programme.",
    )
    revise_lesson_version = strawberry.mutation(
        resolver=revise_lesson_version, description="Change a version that is still a DRAFT."
    )
    submit_lesson_version = strawberry.mutation(
        resolver=submit_lesson_version,
        description="Send a DRAFT to the programme's appraisal board (it is frozen then).",
    )
    approve_lesson_version = strawberry.mutation(
        resolver=approve_lesson_version,
        description="Approve a SUBMITTED version someone else drafted: sessions may teach it.",
    )
    return_lesson_version = strawberry.mutation(
        resolver=return_lesson_version,
        description="Return a SUBMITTED version with comments; a new version follows.",
    )
