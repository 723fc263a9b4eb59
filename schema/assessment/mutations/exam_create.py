"""createTest: a coordinator sets a multiple-choice test; each learner's questions are drawn."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from core import permissions
from core.services import exams
from core.services.errors import ErrorCode, ErrorCollector
from schema.assessment.tests import Exam
from schema.errors import INPUT, UserError, attempt
from schema.ids import input_id
from schema.permissions import authorize


@strawberry.input(description="A multiple-choice test for a running cohort.")
class CreateTestInput:
    cohort_id: strawberry.ID = strawberry.field(description="An IN_PROGRESS cohort you manage.")
    title: str = strawberry.field(description="Vietnamese title.")
    question_count: int = strawberry.field(
        description=f"Questions each learner gets (1 to {exams.MAX_QUESTIONS}), drawn from "
        "the topics they registered, then from the track's others."
    )
    opens_at: datetime = strawberry.field(description="When learners may start.")
    closes_at: datetime = strawberry.field(
        description="When it closes: what is answered then is submitted."
    )
    seed: str | None = strawberry.field(
        default=None,
        description="Reproduce a draw from this seed (an integer); default a random one.",
    )


@strawberry.type(description="Result of createTest.")
class CreateTestPayload:
    test: Exam | None = strawberry.field(description="The test; null on errors.")
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


async def create_test(
    info: Info, input: Annotated[CreateTestInput, strawberry.argument(description=INPUT)]
) -> CreateTestPayload:
    access = await authorize(info, permissions.MANAGE_COHORTS)

    async def run() -> Exam:
        errors = ErrorCollector()
        cohort_id = input_id(errors, input.cohort_id, "Cohort", "cohortId")
        seed = None
        if input.seed is not None:
            if input.seed.isascii() and input.seed.isdigit() and len(input.seed) <= 18:
                seed = int(input.seed)
            else:
                errors.add("seed", ErrorCode.INVALID, "A seed is a whole number.")
        plan = exams.ExamPlan(
            title=input.title,
            question_count=input.question_count,
            opens_at=input.opens_at,
            closes_at=input.closes_at,
            seed=seed,
        )
        return Exam.from_model(await exams.create_exam(access, cohort_id, plan, errors))

    test, errors = await attempt(run())
    return CreateTestPayload(test=test, errors=errors)
