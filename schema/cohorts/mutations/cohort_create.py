"""createCohort: plan a new cohort of a track."""

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


@strawberry.input(description="A new cohort; it starts PLANNED.")
class CreateCohortInput:
    name: str = strawberry.field(description="Vietnamese name.")
    track_id: strawberry.ID = strawberry.field(description="The (active) track it runs.")
    starts_on: date = strawberry.field(description="First day.")
    ends_on: date = strawberry.field(description="Last day; not before the first.")
    capacity: int = strawberry.field(description="Most officials enrolled at once; at least 1.")
    org_unit_id: strawberry.ID = strawberry.field(
        description="The org unit that runs it (usually a district); you need to manage "
        "cohorts there."
    )
    programme_id: strawberry.ID | None = strawberry.field(
        default=None, description="The programme (Đề án) it belongs to."
    )
    host_agency_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list,
        description=f"District agencies hosting it (at most {MAX_HOST_AGENCIES_PER_COHORT}, "
        "each once).",
    )


@strawberry.type(description="Result of createCohort.")
class CreateCohortPayload:
    cohort: Cohort | None = strawberry.field(description="The new cohort; null on errors.")
    errors: list[UserError] = strawberry.field(description="Why nothing was created, if so.")


async def create_cohort(
    info: Info, input: Annotated[CreateCohortInput, strawberry.argument(description=INPUT)]
) -> CreateCohortPayload:
    access = await authorize(info, permissions.MANAGE_COHORTS)

    async def run() -> Cohort:
        errors = ErrorCollector()
        draft = cohorts.CohortDraft(
            name=input.name,
            track_id=input_id(errors, input.track_id, "Track", "trackId"),
            starts_on=input.starts_on,
            ends_on=input.ends_on,
            capacity=input.capacity,
            org_unit_id=input_id(errors, input.org_unit_id, "OrgUnit", "orgUnitId"),
            programme_id=optional_input_id(errors, input.programme_id, "Programme", "programmeId"),
            host_agency_ids=input_ids(
                errors,
                input.host_agency_ids,
                "HostAgency",
                "hostAgencyIds",
                MAX_HOST_AGENCIES_PER_COHORT,
            ),
        )
        return Cohort.from_model(await cohorts.create_cohort(access, draft, errors))

    cohort, errors = await attempt(run())
    return CreateCohortPayload(cohort=cohort, errors=errors)
