"""updateCohort: change a cohort's details while it is not completed or closed."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from strawberry.types import Info

from core import permissions
from core.limits import MAX_HOST_AGENCIES_PER_COHORT
from core.services import cohorts
from core.services.errors import ErrorCollector
from schema.cohorts.types import Cohort
from schema.errors import INPUT, UserError, attempt
from schema.ids import input_id, input_ids, optional_input_id
from schema.permissions import authorize


@strawberry.input(description="Changes to a cohort; omitted fields stay as they are.")
class UpdateCohortInput:
    cohort_id: strawberry.ID = strawberry.field(description="The cohort to change.")
    name: str | None = strawberry.field(default=None, description="New name.")
    starts_on: date | None = strawberry.field(default=None, description="New first day.")
    ends_on: date | None = strawberry.field(default=None, description="New last day.")
    capacity: int | None = strawberry.field(
        default=None, description="New capacity; not below the number enrolled."
    )
    programme_id: strawberry.ID | None = strawberry.field(
        default=None, description="New programme."
    )
    host_agency_ids: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description=f"Replaces the host agencies (at most {MAX_HOST_AGENCIES_PER_COHORT}, "
        "each once).",
    )


@strawberry.type(description="Result of updateCohort.")
class UpdateCohortPayload:
    cohort: Cohort | None = strawberry.field(description="The changed cohort; null on errors.")
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


async def update_cohort(
    info: Info, input: Annotated[UpdateCohortInput, strawberry.argument(description=INPUT)]
) -> UpdateCohortPayload:
    access = await authorize(info, permissions.MANAGE_COHORTS)

    async def run() -> Cohort:
        errors = ErrorCollector()
        cohort_id = input_id(errors, input.cohort_id, "Cohort", "cohortId")
        changes = cohorts.CohortChanges(
            name=input.name,
            starts_on=input.starts_on,
            ends_on=input.ends_on,
            capacity=input.capacity,
            programme_id=optional_input_id(errors, input.programme_id, "Programme", "programmeId"),
            host_agency_ids=None
            if input.host_agency_ids is None
            else input_ids(
                errors,
                input.host_agency_ids,
                "HostAgency",
                "hostAgencyIds",
                MAX_HOST_AGENCIES_PER_COHORT,
            ),
        )
        return Cohort.from_model(await cohorts.update_cohort(access, cohort_id, changes, errors))

    cohort, errors = await attempt(run())
    return UpdateCohortPayload(cohort=cohort, errors=errors)
