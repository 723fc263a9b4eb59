"""updateSession: a coordinator changes a session's plan (moved, another lecturer, …)."""

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
from schema.schedule.mutations.session_schedule import SessionPlanInput, session_plan
from schema.schedule.types import CohortSession


@strawberry.input(
    description="A session's new plan: every field, as scheduleSession takes them (an omitted "
    "topic, host agency or lecturer is removed)."
)
class UpdateSessionInput(SessionPlanInput):
    session_id: strawberry.ID = strawberry.field(
        description="A session of a PLANNED, OPEN or IN_PROGRESS cohort you manage."
    )


@strawberry.type(description="Result of updateSession.")
class UpdateSessionPayload:
    session: CohortSession | None = strawberry.field(description="The session; null on errors.")
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


async def update_session(
    info: Info, input: Annotated[UpdateSessionInput, strawberry.argument(description=INPUT)]
) -> UpdateSessionPayload:
    access = await authorize(info, permissions.MANAGE_COHORTS)

    async def run() -> CohortSession:
        errors = ErrorCollector()
        session_id = input_id(errors, input.session_id, "CohortSession", "sessionId")
        plan = session_plan(errors, input)
        kinds = info.context.registry.activity_kinds()
        row = await schedule.change_session(access, session_id, plan, kinds, errors)
        return CohortSession.from_model(row)

    session, errors = await attempt(run())
    return UpdateSessionPayload(session=session, errors=errors)
