"""Mutations of the schedule, one per module."""

from __future__ import annotations

import strawberry

from schema.schedule.mutations.attendance_record import record_attendance
from schema.schedule.mutations.session_schedule import schedule_session


@strawberry.type
class ScheduleMutations:
    schedule_session = strawberry.mutation(
        resolver=schedule_session,
        description="Add a session (time, activity, topic, host agency, lecturer) to a "
        "cohort's schedule.",
    )
    record_attendance = strawberry.mutation(
        resolver=record_attendance,
        description="Record or correct a session's attendance, the whole sheet in one call.",
    )
