"""enterScores: an assessor scores a component of a cohort's learners, a whole sheet at once."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry.types import Info

from core import permissions
from core.services import scoring
from core.services.errors import ErrorCollector
from schema.assessment.types import ComponentScore
from schema.errors import INPUT, UserError, attempt
from schema.ids import input_id
from schema.limits import list_bound
from schema.permissions import authorize


@strawberry.input(description="One learner's score, with a comment.")
class ScoreEntryInput:
    enrollment_id: strawberry.ID = strawberry.field(description="An ENROLLED learner.")
    score: Decimal = strawberry.field(description="From 0 to 10, two decimals at most.")
    comment: str = strawberry.field(default="", description="Why, in a sentence or two.")


@strawberry.input(description="A sheet of scores of one component of a cohort's scheme.")
class EnterScoresInput:
    cohort_id: strawberry.ID = strawberry.field(
        description="An IN_PROGRESS or COMPLETED cohort in your scope."
    )
    component_code: str = strawberry.field(
        description="A written or practical component of the cohort's scheme."
    )
    entries: list[ScoreEntryInput] = strawberry.field(
        description=f"The scores (at most {scoring.MAX_ENTRIES}); scoring again corrects one's own."
    )


@strawberry.type(description="Result of enterScores.")
class EnterScoresPayload:
    scores: list[ComponentScore] | None = strawberry.field(
        description="The sheet's learners' scores as they are now; null on errors.",
        metadata=list_bound(scoring.MAX_ENTRIES),
    )
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


async def enter_scores(
    info: Info, input: Annotated[EnterScoresInput, strawberry.argument(description=INPUT)]
) -> EnterScoresPayload:
    access = await authorize(info, permissions.ENTER_RESULTS)

    async def run() -> list[ComponentScore]:
        errors = ErrorCollector()
        cohort_id = input_id(errors, input.cohort_id, "Cohort", "cohortId")
        entries = [
            scoring.ScoreEntry(
                input_id(errors, entry.enrollment_id, "Enrollment", f"entries.{n}.enrollmentId"),
                entry.score,
                entry.comment,
            )
            for n, entry in enumerate(input.entries[: scoring.MAX_ENTRIES + 1])
        ]
        declared = info.context.registry.schemes()
        rows = await scoring.enter_scores(
            access, cohort_id, input.component_code, entries, declared, errors
        )
        return [ComponentScore.from_model(row) for row in rows]

    scores, errors = await attempt(run())
    return EnterScoresPayload(scores=scores, errors=errors)
