"""A cohort's schedule: its sessions, and the attendance recorded for each.

A session has a time, an activity kind (the core's or a plugin's, ``core.activities``), and
optionally a topic, a host agency and a lecturer. A session on a topic teaches that topic's
approved lesson content for the cohort's programme (:func:`core.services.lessons.
approved_version`), so scheduling one needs a programme and approved content; the lecturer is a
member of one of the programme's boards.

Attendance is recorded per enrollment per session, a whole session's sheet in one call, while
the cohort is ``IN_PROGRESS`` or ``COMPLETED``; a later call corrects earlier entries in place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from tortoise.expressions import Subquery
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from core.clock import now
from core.declarations import ActivityKindDeclaration
from core.limits import MAX_ATTENDANCE_ENTRIES
from core.models import (
    Attendance,
    BoardMember,
    Cohort,
    CohortSession,
    Enrollment,
    HostAgency,
    Topic,
)
from core.models.enums import AttendanceStatus, CohortStatus, EnrollmentStatus
from core.orm import column_length
from core.permissions import MANAGE_COHORTS, READ_TRAINING, RECORD_ATTENDANCE
from core.services.access import Access
from core.services.cohorts import locked_cohort, managed, results_lock
from core.services.errors import ErrorCode, ErrorCollector, ServiceError
from core.services.lessons import approved_version
from core.text import nfc

TITLE_LENGTH: int = column_length(CohortSession, "title")
NOTE_LENGTH: int = column_length(Attendance, "note")
SCHEDULABLE_STATUSES = frozenset(
    {CohortStatus.PLANNED, CohortStatus.OPEN, CohortStatus.IN_PROGRESS}
)
"""A cohort's schedule changes until it is completed."""
ATTENDANCE_STATUSES = frozenset({CohortStatus.IN_PROGRESS, CohortStatus.COMPLETED})
"""Attendance is recorded while a cohort runs and corrected after it completed (until its
results are final, which the assessment part decides)."""


@dataclass(frozen=True)
class SessionPlan:
    """What a session needs: when, which activity, and optionally a title, topic, host agency
    and lecturer (a board member of the cohort's programme)."""

    starts_at: datetime
    ends_at: datetime
    activity_kind: str
    title: str = ""
    topic_id: int | None = None
    host_agency_id: int | None = None
    lecturer_id: int | None = None


@dataclass(frozen=True)
class AttendanceEntry:
    """One line of an attendance sheet."""

    enrollment_id: int
    status: AttendanceStatus
    note: str = ""


@dataclass(frozen=True)
class SessionFilter:
    activity_kinds: tuple[str, ...] | None = None
    topic_id: int | None = None
    starts_from: datetime | None = None
    starts_until: datetime | None = None


def filter_sessions(actor: Access, criteria: SessionFilter) -> QuerySet[CohortSession]:
    """The sessions of the cohorts ``actor`` may read that match ``criteria``."""
    scope = actor.scope(Cohort, READ_TRAINING)
    query = (
        CohortSession.all()
        if scope is None
        else CohortSession.filter(cohort_id__in=Subquery(Cohort.filter(scope).values("id")))
    )
    if criteria.activity_kinds is not None:
        query = query.filter(activity_kind__in=criteria.activity_kinds)
    if criteria.topic_id is not None:
        query = query.filter(topic_id=criteria.topic_id)
    if criteria.starts_from is not None:
        query = query.filter(starts_at__gte=criteria.starts_from)
    if criteria.starts_until is not None:
        query = query.filter(starts_at__lte=criteria.starts_until)
    return query


async def schedule_session(
    actor: Access,
    cohort_id: int,
    plan: SessionPlan,
    activity_kinds: Mapping[str, ActivityKindDeclaration],
    errors: ErrorCollector | None = None,
) -> CohortSession:
    """Add a session to a cohort's schedule (``actor`` manages cohorts over its org unit).

    Every problem of ``plan`` is reported at once: the times (ending after they start, within
    the cohort's days), the activity kind, the title, and the topic, host agency and lecturer
    (with what they need: a programme, approved content, a seat on one of its boards).
    """
    errors = errors or ErrorCollector()
    title = _check_plan(errors, plan, activity_kinds)
    async with in_transaction():
        cohort = await _schedulable_cohort(actor, cohort_id, errors)
        lesson_version_id = await _check_against_cohort(errors, cohort, plan)
        errors.raise_if_any()
        session = CohortSession(cohort_id=cohort.id)
        await _save_plan(session, plan, title, lesson_version_id)
    return session


async def change_session(
    actor: Access,
    session_id: int,
    plan: SessionPlan,
    activity_kinds: Mapping[str, ActivityKindDeclaration],
    errors: ErrorCollector | None = None,
) -> CohortSession:
    """Replace a session's plan (moved, another lecturer, …), checked as :func:`schedule_session`
    checks a new one; a session on a topic then teaches the topic's latest approved version.
    Attendance already recorded stays."""
    errors = errors or ErrorCollector()
    title = _check_plan(errors, plan, activity_kinds)
    async with in_transaction():
        session = await _session(session_id, errors)
        cohort = await _schedulable_cohort(actor, session.cohort_id, errors)
        lesson_version_id = await _check_against_cohort(errors, cohort, plan)
        errors.raise_if_any()
        await _save_plan(session, plan, title, lesson_version_id)
    return session


async def cancel_session(actor: Access, session_id: int) -> CohortSession:
    """Take a session off the schedule; one whose attendance was recorded took place and stays
    (``HAS_ATTENDANCE``). Returns the deleted session (its last state)."""
    errors = ErrorCollector()
    async with in_transaction():
        session = await _session(session_id, errors)
        await _schedulable_cohort(actor, session.cohort_id, errors)
        if await Attendance.exists(session_id=session.id):
            errors.add(
                "sessionId",
                ErrorCode.HAS_ATTENDANCE,
                "Attendance was recorded for this session: it took place and stays in the "
                "record. Correct it with updateSession instead.",
            )
        errors.raise_if_any()
        await session.delete()
    return session


async def _session(session_id: int, errors: ErrorCollector) -> CohortSession:
    session = await CohortSession.get_or_none(id=session_id)
    if session is None:
        errors.add("sessionId", ErrorCode.NOT_FOUND, "No session has this ID.")
        raise ServiceError(errors.errors)
    return session


async def _schedulable_cohort(actor: Access, cohort_id: int, errors: ErrorCollector) -> Cohort:
    """The cohort, locked, once ``actor`` may manage it; a completed or closed one's schedule
    no longer changes (recorded in ``errors``)."""
    cohort = await locked_cohort(cohort_id, errors)
    await managed(actor, cohort, MANAGE_COHORTS)
    if cohort.status not in SCHEDULABLE_STATUSES:
        errors.add(
            "cohortId",
            ErrorCode.COHORT_LOCKED,
            f"The cohort is {cohort.status.name}; its schedule can no longer change.",
        )
    return cohort


async def _save_plan(
    session: CohortSession, plan: SessionPlan, title: str, lesson_version_id: int | None
) -> None:
    session.starts_at = plan.starts_at
    session.ends_at = plan.ends_at
    session.activity_kind = plan.activity_kind
    session.title = title
    session.topic_id = plan.topic_id
    session.lesson_version_id = lesson_version_id
    session.host_agency_id = plan.host_agency_id
    session.lecturer_id = plan.lecturer_id
    await session.save()


async def record_attendance(
    actor: Access,
    session_id: int,
    entries: Sequence[AttendanceEntry],
    errors: ErrorCollector | None = None,
) -> CohortSession:
    """Record (or correct) attendance for a whole session in one go.

    ``actor`` records attendance over the org unit running the cohort. Each entry names an
    enrollment of the session's cohort that is not withdrawn; a problem is reported on
    ``entries.<index>.enrollmentId`` (or ``.note``), all of them at once, and nothing is
    written then. Three statements whatever the sheet's length: the enrollments, the entries
    already recorded, and one insert (plus one update per status that changes).
    """
    errors = errors or ErrorCollector()
    if len(entries) > MAX_ATTENDANCE_ENTRIES:
        errors.add(
            "entries",
            ErrorCode.TOO_MANY,
            f"At most {MAX_ATTENDANCE_ENTRIES} entries ({len(entries)} given).",
        )
    notes = [nfc(entry.note).strip() for entry in entries]
    seen: set[int] = set()
    for index, (entry, note) in enumerate(zip(entries, notes, strict=True)):
        errors.check_text(f"entries.{index}.note", note, NOTE_LENGTH)
        if entry.enrollment_id in seen:
            errors.add(
                f"entries.{index}.enrollmentId",
                ErrorCode.DUPLICATE,
                "This enrollment is already on the sheet.",
            )
        seen.add(entry.enrollment_id)
    errors.raise_if_any()
    async with in_transaction():
        session = await CohortSession.get_or_none(id=session_id)
        if session is None:
            raise ServiceError.single("sessionId", ErrorCode.NOT_FOUND, "No session has this ID.")
        cohort = await locked_cohort(session.cohort_id)
        await managed(actor, cohort, RECORD_ATTENDANCE)
        if (locked := results_lock(cohort, "sessionId")) is not None:
            raise locked
        if cohort.status not in ATTENDANCE_STATUSES:
            raise ServiceError.single(
                "sessionId",
                ErrorCode.COHORT_LOCKED,
                f"The cohort is {cohort.status.name}: attendance is recorded while it is "
                "IN_PROGRESS or COMPLETED.",
            )
        found = {
            row[0]: (row[1], EnrollmentStatus(row[2]))
            for row in await Enrollment.filter(id__in=seen).values_list("id", "cohort_id", "status")
        }
        for index, entry in enumerate(entries):
            field = f"entries.{index}.enrollmentId"
            known = found.get(entry.enrollment_id)
            if known is None:
                errors.add(field, ErrorCode.NOT_FOUND, "No enrollment has this ID.")
            elif known[0] != session.cohort_id:
                errors.add(field, ErrorCode.NOT_IN_COHORT, "This enrollment is in another cohort.")
            elif known[1] != EnrollmentStatus.ENROLLED:
                errors.add(
                    field,
                    ErrorCode.ALREADY_WITHDRAWN,
                    "This enrollment is WITHDRAWN: a withdrawn official has no attendance.",
                )
        errors.raise_if_any()
        await _write_sheet(actor, session, entries, notes)
    return session


async def _write_sheet(
    actor: Access, session: CohortSession, entries: Sequence[AttendanceEntry], notes: list[str]
) -> None:
    """Insert the new lines and update the changed ones, in bulk."""
    existing = {
        row.enrollment_id: row
        for row in await Attendance.filter(
            session_id=session.id, enrollment_id__in=[entry.enrollment_id for entry in entries]
        )
    }
    at = now()
    new: list[Attendance] = []
    changed: dict[tuple[AttendanceStatus, str], list[int]] = {}
    for entry, note in zip(entries, notes, strict=True):
        row = existing.get(entry.enrollment_id)
        if row is None:
            new.append(
                Attendance(
                    session_id=session.id,
                    enrollment_id=entry.enrollment_id,
                    status=entry.status,
                    note=note,
                    recorded_by_id=actor.account_id,
                    recorded_at=at,
                )
            )
        elif row.status != entry.status or row.note != note:
            changed.setdefault((entry.status, note), []).append(row.id)
    if new:
        await Attendance.bulk_create(new)
    for (status, note), ids in changed.items():
        await Attendance.filter(id__in=ids).update(
            status=status, note=note, recorded_by_id=actor.account_id, recorded_at=at
        )


def _check_plan(
    errors: ErrorCollector, plan: SessionPlan, activity_kinds: Mapping[str, ActivityKindDeclaration]
) -> str:
    title = nfc(plan.title).strip()
    errors.check_text("title", title, TITLE_LENGTH)
    if plan.ends_at <= plan.starts_at:
        errors.add("endsAt", ErrorCode.INVALID, "A session ends after it starts.")
    if plan.activity_kind not in activity_kinds:
        errors.add(
            "activityKind",
            ErrorCode.INVALID,
            f"{plan.activity_kind!r} is not an activity kind; the activityKinds query lists them.",
        )
    return title


async def _check_against_cohort(
    errors: ErrorCollector, cohort: Cohort, plan: SessionPlan
) -> int | None:
    """Check what the plan names against the cohort; the lesson version a topic teaches."""
    if not errors.has("startsAt") and not (
        cohort.starts_on <= plan.starts_at.date() <= cohort.ends_on
    ):
        errors.add(
            "startsAt",
            ErrorCode.OUTSIDE_COHORT_DATES,
            f"The cohort runs from {cohort.starts_on.isoformat()} to "
            f"{cohort.ends_on.isoformat()}; the session must start on one of those days.",
        )
    if (
        plan.host_agency_id is not None
        and not errors.has("hostAgencyId")
        and not await HostAgency.exists(id=plan.host_agency_id)
    ):
        errors.add("hostAgencyId", ErrorCode.NOT_FOUND, "No host agency has this ID.")
    needs_programme = [
        field
        for field, given in (("topicId", plan.topic_id), ("lecturerId", plan.lecturer_id))
        if given is not None and not errors.has(field)
    ]
    if cohort.programme_id is None:
        for field in needs_programme:
            errors.add(
                field,
                ErrorCode.NO_PROGRAMME,
                "The cohort belongs to no programme: lesson content and lecturers come from a "
                "programme's boards. Give the cohort a programme first (updateCohort).",
            )
        return None
    if "lecturerId" in needs_programme:
        seated = await BoardMember.exists(
            id=plan.lecturer_id, board__programme_id=cohort.programme_id
        )
        if not seated:
            errors.add(
                "lecturerId",
                ErrorCode.NOT_ON_BOARD,
                "The lecturer must be a member of one of the boards of the cohort's programme.",
            )
    if "topicId" not in needs_programme:
        return None
    topic = await Topic.get_or_none(id=plan.topic_id)
    if topic is None:
        errors.add("topicId", ErrorCode.NOT_FOUND, "No topic has this ID.")
        return None
    if topic.track_id != cohort.track_id:
        errors.add(
            "topicId",
            ErrorCode.TOPIC_NOT_IN_TRACK,
            f"Topic {topic.code} is not in the cohort's track.",
        )
        return None
    version = await approved_version(cohort.programme_id, topic.id)
    if version is None:
        errors.add(
            "topicId",
            ErrorCode.NOT_APPROVED,
            f"Topic {topic.code} has no APPROVED lesson content in the cohort's programme; "
            "only approved content can be scheduled.",
        )
        return None
    return version.id
