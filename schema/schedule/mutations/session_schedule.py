"""scheduleSession: a coordinator adds a session to a cohort's schedule."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from core import permissions
from core.services import schedule
from core.services.errors import ErrorCollector
from schema.errors import INPUT, UserError, attempt
from schema.ids import input_id, optional_input_id
from schema.permissions import authorize
from schema.schedule.types import CohortSession


@strawberry.input(description="When, what and with whom a session is.")
class SessionPlanInput:
    """The fields of a session's plan, shared by scheduleSession and updateSession (this base
    is not itself a type of the schema)."""

    starts_at: datetime = strawberry.field(
        description="When it starts (ISO 8601 with a UTC offset), on one of the cohort's days."
    )
    ends_at: datetime = strawberry.field(description="When it ends, after it starts.")
    activity_kind: str = strawberry.field(
        description="The code of an activity kind (the activityKinds query lists them)."
    )
    title: str = strawberry.field(default="", description="What it is about, in Vietnamese.")
    topic_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The topic taught: needs the cohort's programme and APPROVED lesson content "
        "for the topic in it.",
    )
    host_agency_id: strawberry.ID | None = strawberry.field(
        default=None, description="The district agency hosting it."
    )
    lecturer_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The lecturer: a board member (BoardMember.id) of the cohort's programme.",
    )


@strawberry.input(description="A session to add to a cohort's schedule.")
class ScheduleSessionInput(SessionPlanInput):
    cohort_id: strawberry.ID = strawberry.field(
        description="A PLANNED, OPEN or IN_PROGRESS cohort you manage."
    )


def session_plan(errors: ErrorCollector, given: SessionPlanInput) -> schedule.SessionPlan:
    """The plan an input gives, its IDs decoded (a malformed one recorded in ``errors``)."""
    return schedule.SessionPlan(
        starts_at=given.starts_at,
        ends_at=given.ends_at,
        activity_kind=given.activity_kind,
        title=given.title,
        topic_id=optional_input_id(errors, given.topic_id, "Topic", "topicId"),
        host_agency_id=optional_input_id(
            errors, given.host_agency_id, "HostAgency", "hostAgencyId"
        ),
        lecturer_id=optional_input_id(errors, given.lecturer_id, "BoardMember", "lecturerId"),
    )


@strawberry.type(description="Result of scheduleSession.")
class ScheduleSessionPayload:
    session: CohortSession | None = strawberry.field(description="The session; null on errors.")
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


async def schedule_session(
    info: Info, input: Annotated[ScheduleSessionInput, strawberry.argument(description=INPUT)]
) -> ScheduleSessionPayload:
    access = await authorize(info, permissions.MANAGE_COHORTS)

    async def run() -> CohortSession:
        errors = ErrorCollector()
        cohort_id = input_id(errors, input.cohort_id, "Cohort", "cohortId")
        plan = session_plan(errors, input)
        kinds = info.context.registry.activity_kinds()
        row = await schedule.schedule_session(access, cohort_id, plan, kinds, errors)
        return CohortSession.from_model(row)

    session, errors = await attempt(run())
    return ScheduleSessionPayload(session=session, errors=errors)
