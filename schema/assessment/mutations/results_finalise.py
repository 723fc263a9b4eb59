"""finaliseResults and amendResult: a cohort's results made final; an admin's amendment."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry.types import Info

from core import permissions
from core.services import results
from core.services.errors import ErrorCollector
from schema.assessment.types import Result
from schema.cohorts.types import Cohort
from schema.errors import INPUT, UserError, attempt
from schema.ids import input_id
from schema.permissions import authorize


@strawberry.input(description="The COMPLETED cohort whose results to finalise.")
class FinaliseResultsInput:
    cohort_id: strawberry.ID = strawberry.field(description="A COMPLETED cohort you manage.")


@strawberry.type(description="Result of finaliseResults.")
class FinaliseResultsPayload:
    cohort: Cohort | None = strawberry.field(
        description="The cohort (`resultsFinalAt` set; each enrollment's `result`); null on errors."
    )
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


@strawberry.input(description="An amendment of a finalised result.")
class AmendResultInput:
    enrollment_id: strawberry.ID = strawberry.field(description="An enrollment with a result.")
    score: Decimal = strawberry.field(description="The new score (0–10, two decimals).")
    completed: bool = strawberry.field(description="Whether the training is completed.")
    reason: str = strawberry.field(description="Why (required, kept with the amendment).")


@strawberry.type(description="Result of amendResult.")
class AmendResultPayload:
    result: Result | None = strawberry.field(description="The amended result; null on errors.")
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


async def finalise_results(
    info: Info, input: Annotated[FinaliseResultsInput, strawberry.argument(description=INPUT)]
) -> FinaliseResultsPayload:
    access = await authorize(info, permissions.MANAGE_COHORTS)

    async def run() -> Cohort:
        errors = ErrorCollector()
        cohort_id = input_id(errors, input.cohort_id, "Cohort", "cohortId")
        errors.raise_if_any()
        registry = info.context.registry
        row = await results.finalise(access, cohort_id, registry.schemes(), registry, errors)
        return Cohort.from_model(row)

    cohort, errors = await attempt(run())
    return FinaliseResultsPayload(cohort=cohort, errors=errors)


async def amend_result(
    info: Info, input: Annotated[AmendResultInput, strawberry.argument(description=INPUT)]
) -> AmendResultPayload:
    access = await authorize(info, permissions.AMEND_RESULTS)

    async def run() -> Result:
        errors = ErrorCollector()
        enrollment_id = input_id(errors, input.enrollment_id, "Enrollment", "enrollmentId")
        row = await results.amend(
            access,
            enrollment_id,
            input.score,
            input.completed,
            input.reason,
            info.context.registry.schemes(),
            errors,
        )
        return Result.from_model(row)

    result, errors = await attempt(run())
    return AmendResultPayload(result=result, errors=errors)
