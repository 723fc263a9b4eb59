"""recordAttendance: the attendance of a whole session, recorded or corrected in one call."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from core import permissions
from core.limits import MAX_ATTENDANCE_ENTRIES
from core.models.enums import AttendanceStatus as CoreAttendanceStatus
from core.services import schedule
from core.services.errors import ErrorCollector
from schema.errors import INPUT, UserError, attempt
from schema.ids import input_id
from schema.permissions import authorize
from schema.schedule.types import AttendanceStatus, CohortSession


@strawberry.input(description="One learner's attendance.")
class AttendanceEntryInput:
    enrollment_id: strawberry.ID = strawberry.field(
        description="An ENROLLED enrollment of the session's cohort."
    )
    status: AttendanceStatus = strawberry.field(description="How they attended.")
    note: str = strawberry.field(default="", description="A remark (why excused, how late).")


@strawberry.input(description="A session's attendance sheet.")
class RecordAttendanceInput:
    session_id: strawberry.ID = strawberry.field(
        description="A session of an IN_PROGRESS or COMPLETED cohort."
    )
    entries: list[AttendanceEntryInput] = strawberry.field(
        description=f"One entry per learner (at most {MAX_ATTENDANCE_ENTRIES}); a learner "
        "already recorded is corrected, others are left as they are."
    )


@strawberry.type(description="Result of recordAttendance.")
class RecordAttendancePayload:
    session: CohortSession | None = strawberry.field(
        description="The session, with its attendance; null on errors."
    )
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


async def record_attendance(
    info: Info, input: Annotated[RecordAttendanceInput, strawberry.argument(description=INPUT)]
) -> RecordAttendancePayload:
    access = await authorize(info, permissions.RECORD_ATTENDANCE)

    async def run() -> CohortSession:
        errors = ErrorCollector()
        session_id = input_id(errors, input.session_id, "CohortSession", "sessionId")
        entries = [
            schedule.AttendanceEntry(
                enrollment_id=input_id(
                    errors, entry.enrollment_id, "Enrollment", f"entries.{index}.enrollmentId"
                ),
                status=CoreAttendanceStatus(entry.status.value),
                note=entry.note,
            )
            for index, entry in enumerate(input.entries)
        ]
        row = await schedule.record_attendance(access, session_id, entries, errors)
        return CohortSession.from_model(row)

    session, errors = await attempt(run())
    return RecordAttendancePayload(session=session, errors=errors)
