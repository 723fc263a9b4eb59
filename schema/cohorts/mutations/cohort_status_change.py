"""changeCohortStatus: move a cohort through its life cycle (only legal transitions)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from core import permissions
from core.models.enums import CohortStatus as CoreCohortStatus
from core.services import cohorts
from core.services.errors import ErrorCollector
from schema.cohorts.types import Cohort, CohortStatus
from schema.errors import INPUT, UserError, attempt
from schema.ids import input_id
from schema.permissions import authorize


@strawberry.input(description="The cohort and the status it should move to.")
class ChangeCohortStatusInput:
    cohort_id: strawberry.ID = strawberry.field(description="The cohort.")
    status: CohortStatus = strawberry.field(
        description="The next status; see `Cohort.nextStatuses` for the legal ones."
    )


@strawberry.type(description="Result of changeCohortStatus.")
class ChangeCohortStatusPayload:
    cohort: Cohort | None = strawberry.field(description="The cohort; null on errors.")
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


async def change_cohort_status(
    info: Info, input: Annotated[ChangeCohortStatusInput, strawberry.argument(description=INPUT)]
) -> ChangeCohortStatusPayload:
    access = await authorize(info, permissions.MANAGE_COHORTS)

    async def run() -> Cohort:
        errors = ErrorCollector()
        cohort_id = input_id(errors, input.cohort_id, "Cohort", "cohortId")
        row = await cohorts.change_cohort_status(
            access, cohort_id, CoreCohortStatus(input.status.value), info.context.registry, errors
        )
        return Cohort.from_model(row)

    cohort, errors = await attempt(run())
    return ChangeCohortStatusPayload(cohort=cohort, errors=errors)
