"""Mutations of the schedule, one per module."""

from __future__ import annotations

import strawberry

from schema.schedule.mutations.attendance_record import record_attendance
from schema.schedule.mutations.session_cancel import cancel_session
from schema.schedule.mutations.session_schedule import schedule_session
from schema.schedule.mutations.session_update import update_session


@strawberry.type
class ScheduleMutations:
    schedule_session = strawberry.mutation(
        resolver=schedule_session,
        description="Add a session (time, activity, topic, host agency, lecturer) to a "
        "cohort's schedule.",
    )
    update_session = strawberry.mutation(
        resolver=update_session,
        description="Change a session's plan (time, activity, topic, host agency, lecturer).",
    )
    cancel_session = strawberry.mutation(
        resolver=cancel_session,
        description="Take a session off the schedule, if no attendance was recorded for it.",
    )
    record_attendance = strawberry.mutation(
        resolver=record_attendance,
        description="Record or correct a session's attendance, the whole sheet in one call.",
    )
