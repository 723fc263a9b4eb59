"""cancelSession: a coordinator takes a session that did not take place off the schedule."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from core import permissions
from core.services import schedule
from core.services.errors import ErrorCollector
from schema.errors import INPUT, UserError, attempt
from schema.ids import input_id
from schema.permissions import authorize
from schema.schedule.types import CohortSession


@strawberry.input(description="The session to cancel.")
class CancelSessionInput:
    session_id: strawberry.ID = strawberry.field(
        description="A session without recorded attendance, of a cohort you manage that is "
        "PLANNED, OPEN or IN_PROGRESS."
    )


@strawberry.type(description="Result of cancelSession.")
class CancelSessionPayload:
    session: CohortSession | None = strawberry.field(
        description="The cancelled session as it was (no longer on the schedule); null on errors."
    )
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


async def cancel_session(
    info: Info, input: Annotated[CancelSessionInput, strawberry.argument(description=INPUT)]
) -> CancelSessionPayload:
    access = await authorize(info, permissions.MANAGE_COHORTS)

    async def run() -> CohortSession:
        errors = ErrorCollector()
        session_id = input_id(errors, input.session_id, "CohortSession", "sessionId")
        errors.raise_if_any()
        return CohortSession.from_model(await schedule.cancel_session(access, session_id))

    session, errors = await attempt(run())
    return CancelSessionPayload(session=session, errors=errors)
