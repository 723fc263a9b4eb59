"""Demo data: the 2019 civil-servant cohorts.

The four specialties the article names (Military Commander, Police Chief, Justice – Civil
Status, Finance – Accounting) are under way, as the article reports in July 2019: each cohort
enrolled 18 to 23 of its 23 eligible officials (one per commune), who registered topics; its
schedule alternates theory sessions with the track's own casework at its district host agency,
and attendance is recorded for the sessions held before the article's date. The Office –
Statistics cohort is open for registration; the Land administration and Culture – Social tracks
have no cohort yet (their district offices are not among the demo's host agencies).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from hocviec import (
    OPERATOR,
    VIETNAM_TIME,
    AttendanceEntry,
    AttendanceStatus,
    Cohort,
    CohortStatus,
    DemoContext,
    Enrollment,
    SessionPlan,
    TrackDeclaration,
    demo_cohort,
    frozen,
    record_attendance,
    schedule_session,
)
from plugins.commune_civil_servants import curriculum

THEORY = "theory"
"""The core's activity kind for a theory session."""
MORNING = time(7, 30)
AFTERNOON = time(13, 30)
SESSION_LENGTH = timedelta(hours=3, minutes=30)
TODAY = date(2019, 7, 25)
"""The article's date: sessions before it were held and have their attendance recorded."""


@dataclass(frozen=True)
class Course:
    """A demo cohort of a track: where, when, and the status it reaches."""

    track: TrackDeclaration
    host: str
    starts_on: date
    ends_on: date
    status: CohortStatus = CohortStatus.IN_PROGRESS


COURSES = (
    Course(curriculum.MILITARY, "BCHQS", date(2019, 6, 3), date(2019, 8, 30)),
    Course(curriculum.POLICE, "CAH", date(2019, 6, 10), date(2019, 9, 6)),
    Course(curriculum.JUSTICE, "PTP", date(2019, 6, 17), date(2019, 9, 13)),
    Course(curriculum.FINANCE, "PTCKH", date(2019, 6, 24), date(2019, 9, 20)),
    Course(
        curriculum.OFFICE, "VPUB", date(2019, 9, 9), date(2019, 11, 29), status=CohortStatus.OPEN
    ),
)
ATTENDANCE_ODDS = (
    (AttendanceStatus.PRESENT, 85),
    (AttendanceStatus.LATE, 8),
    (AttendanceStatus.EXCUSED, 4),
    (AttendanceStatus.ABSENT, 3),
)


async def load(demo: DemoContext) -> None:
    for course in COURSES:
        cohort = await demo_cohort(
            demo,
            track_code=course.track.code,
            name=f"Khóa {course.track.title[0].lower()}{course.track.title[1:]} năm 2019",
            host_agency_codes=(course.host,),
            starts_on=course.starts_on,
            ends_on=course.ends_on,
            capacity=23,
            enroll=demo.random.randint(18, 23) if course.status != CohortStatus.OPEN else 0,
            status=course.status,
        )
        if course.status == CohortStatus.IN_PROGRESS:
            await _run(demo, course, cohort)


def _at(day: date, local: time) -> datetime:
    return datetime.combine(day, local, tzinfo=VIETNAM_TIME)


async def _run(demo: DemoContext, course: Course, cohort: Cohort) -> None:
    """Every week of the course: a theory session on Monday morning, the track's casework at
    its host agency on Wednesday and Thursday; attendance for those held before :data:`TODAY`."""
    if demo.registry is None:
        raise RuntimeError("the demo's sessions need the plugin registry (DemoContext.registry)")
    kinds = demo.registry.activity_kinds()
    casework = curriculum.ACTIVITY_KIND_OF_TRACK[course.track.code]
    [host] = await cohort.host_agencies.all()
    enrollments = await Enrollment.filter(cohort_id=cohort.id).order_by("id")
    statuses = [status for status, _ in ATTENDANCE_ODDS]
    weights = [weight for _, weight in ATTENDANCE_ODDS]
    topics = course.track.topics
    monday = course.starts_on
    week = 0
    while monday + timedelta(days=3) <= course.ends_on:
        topic = topics[week % len(topics)]
        plans = (
            SessionPlan(
                starts_at=_at(monday, MORNING),
                ends_at=_at(monday, MORNING) + SESSION_LENGTH,
                activity_kind=THEORY,
                title=f"Lý thuyết: {topic.title}",
                host_agency_id=host.id,
            ),
            *(
                SessionPlan(
                    starts_at=_at(day, AFTERNOON),
                    ends_at=_at(day, AFTERNOON) + SESSION_LENGTH,
                    activity_kind=casework,
                    title=kinds[casework].title,
                    host_agency_id=host.id,
                )
                for day in (monday + timedelta(days=2), monday + timedelta(days=3))
            ),
        )
        for plan in plans:
            session = await schedule_session(OPERATOR, cohort.id, plan, kinds)
            if plan.starts_at.date() < TODAY:
                sheet = [
                    AttendanceEntry(
                        enrollment.id, demo.random.choices(statuses, weights=weights)[0]
                    )
                    for enrollment in enrollments
                ]
                with frozen(plan.ends_at):
                    await record_attendance(OPERATOR, session.id, sheet)
        monday += timedelta(days=7)
        week += 1
