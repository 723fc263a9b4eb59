"""withdrawEnrollment: take an official out of a cohort (the record is kept)."""

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


@strawberry.input(description="The enrollment to withdraw.")
class WithdrawEnrollmentInput:
    enrollment_id: strawberry.ID = strawberry.field(
        description="An enrollment in an OPEN or IN_PROGRESS cohort."
    )
    reason: str = strawberry.field(
        description="Why the official is withdrawn (kept in the enrollment's history)."
    )


@strawberry.type(description="Result of withdrawEnrollment.")
class WithdrawEnrollmentPayload:
    enrollment: Enrollment | None = strawberry.field(description="The enrollment; null on errors.")
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


async def withdraw_enrollment(
    info: Info, input: Annotated[WithdrawEnrollmentInput, strawberry.argument(description=INPUT)]
) -> WithdrawEnrollmentPayload:
    access = await authorize(info, permissions.MANAGE_ENROLLMENTS)

    async def run() -> Enrollment:
        errors = ErrorCollector()
        enrollment_id = input_id(errors, input.enrollment_id, "Enrollment", "enrollmentId")
        return Enrollment.from_model(
            await enrollments.withdraw_enrollment(access, enrollment_id, input.reason, errors)
        )

    enrollment, errors = await attempt(run())
    return WithdrawEnrollmentPayload(enrollment=enrollment, errors=errors)
