"""enrollOfficial: enroll an eligible official in an open cohort."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from core import permissions
from core.services import enrollments
from core.services.errors import ErrorCollector
from schema.cohorts.types import Enrollment
from schema.errors import INPUT, UserError, attempt
from schema.ids import input_id
from schema.permissions import authorize


@strawberry.input(description="Who to enroll where.")
class EnrollOfficialInput:
    official_id: strawberry.ID = strawberry.field(
        description="An active official whose post is one of the track's posts."
    )
    cohort_id: strawberry.ID = strawberry.field(description="An OPEN cohort with a free place.")


@strawberry.type(description="Result of enrollOfficial.")
class EnrollOfficialPayload:
    enrollment: Enrollment | None = strawberry.field(description="The enrollment; null on errors.")
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


async def enroll_official(
    info: Info, input: Annotated[EnrollOfficialInput, strawberry.argument(description=INPUT)]
) -> EnrollOfficialPayload:
    access = await authorize(info, permissions.MANAGE_ENROLLMENTS)

    async def run() -> Enrollment:
        errors = ErrorCollector()
        official_id = input_id(errors, input.official_id, "Official", "officialId")
        cohort_id = input_id(errors, input.cohort_id, "Cohort", "cohortId")
        row = await enrollments.enroll_official(access, official_id, cohort_id, errors)
        return Enrollment.from_model(row)

    enrollment, errors = await attempt(run())
    return EnrollOfficialPayload(enrollment=enrollment, errors=errors)
