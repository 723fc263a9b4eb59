"""createCohort: plan a new cohort of a track."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from strawberry.types import Info

from core.services import cohorts
from schema.cohorts.types import Cohort
from schema.errors import INPUT, UserError, attempt
from schema.ids import decode_input_id, decode_input_ids, optional
from schema.permissions import Action, authorize


@strawberry.input(description="A new cohort; it starts PLANNED.")
class CohortCreateInput:
    name: str = strawberry.field(description="Vietnamese name.")
    track_id: strawberry.ID = strawberry.field(description="The (active) track it runs.")
    starts_on: date = strawberry.field(description="First day.")
    ends_on: date = strawberry.field(description="Last day; not before the first.")
    capacity: int = strawberry.field(description="Most officials enrolled at once; at least 1.")
    programme_id: strawberry.ID | None = strawberry.field(
        default=None, description="The programme (Đề án) it belongs to."
    )
    host_agency_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="District agencies hosting it."
    )


@strawberry.type(description="Result of createCohort.")
class CohortCreatePayload:
    cohort: Cohort | None = strawberry.field(description="The new cohort; null on errors.")
    errors: list[UserError] = strawberry.field(description="Why nothing was created, if so.")


async def create_cohort(
    info: Info, input: Annotated[CohortCreateInput, strawberry.argument(description=INPUT)]
) -> CohortCreatePayload:
    authorize(info, Action.MANAGE_COHORTS)

    async def run() -> Cohort:
        draft = cohorts.CohortDraft(
            name=input.name,
            track_id=decode_input_id(input.track_id, "Track", "trackId"),
            starts_on=input.starts_on,
            ends_on=input.ends_on,
            capacity=input.capacity,
            programme_id=optional(decode_input_id, input.programme_id, "Programme", "programmeId"),
            host_agency_ids=decode_input_ids(input.host_agency_ids, "HostAgency", "hostAgencyIds"),
        )
        return Cohort.from_model(await cohorts.create_cohort(draft))

    cohort, errors = await attempt(run())
    return CohortCreatePayload(cohort=cohort, errors=errors)
