"""GraphQL types of a cohort's schedule: sessions, activity kinds and attendance."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Self

import strawberry
from strawberry import relay
from strawberry.types import Info

from core import models, permissions
from core.declarations import ActivityKindDeclaration
from core.limits import MAX_ATTENDANCE_ENTRIES
from core.models import enums
from schema.enums import as_api, described_enum
from schema.limits import list_bound
from schema.node import ModelNode
from schema.org.types import HostAgency
from schema.programmes.types import BoardMember
from schema.reads import ToOne
from schema.tracks.types import Topic

if TYPE_CHECKING:
    from schema.cohorts.types import Cohort, Enrollment
    from schema.lessons.types import LessonVersion

AttendanceStatus = described_enum(
    enums.AttendanceStatus,
    "AttendanceStatus",
    "How a learner attended a session.",
    {
        enums.AttendanceStatus.PRESENT: "Present.",
        enums.AttendanceStatus.LATE: "Present, but late.",
        enums.AttendanceStatus.EXCUSED: "Absent with leave.",
        enums.AttendanceStatus.ABSENT: "Absent without leave.",
    },
)


@strawberry.type(
    description="A kind of learning activity (theory, observing a meeting, …): the core's and "
    "those plugins add."
)
class ActivityKind:
    code: str = strawberry.field(
        description="Stable code (`scheduleSession.activityKind`); a plugin's start with its id."
    )
    title: str = strawberry.field(description="Vietnamese name.")
    title_en: str = strawberry.field(description="English name.")

    @classmethod
    def from_declaration(cls, declaration: ActivityKindDeclaration) -> Self:
        return cls(code=declaration.code, title=declaration.title, title_en=declaration.title_en)

    @classmethod
    def named(cls, info: Info, code: str) -> Self:
        """The kind ``code`` names; one of a plugin disabled since is shown by its code."""
        declaration = info.context.registry.activity_kinds().get(code)
        if declaration is None:
            return cls(code=code, title=code, title_en=code)
        return cls.from_declaration(declaration)


@strawberry.type(description="One learner's attendance at one session.")
class AttendanceRecord:
    status: AttendanceStatus = strawberry.field(description="How they attended.")  # type: ignore[valid-type]
    note: str = strawberry.field(description="A remark (why excused, how late); may be empty.")
    recorded_at: datetime = strawberry.field(description="When last recorded or corrected (UTC).")
    enrollment_id: strawberry.Private[int]

    @classmethod
    def from_model(cls, row: models.Attendance) -> Self:
        return cls(
            status=as_api(AttendanceStatus, row.status),
            note=row.note,
            recorded_at=row.recorded_at,
            enrollment_id=row.enrollment_id,
        )

    @strawberry.field(description="Whose attendance it is.")
    async def enrollment(
        self, info: Info
    ) -> Annotated[Enrollment, strawberry.lazy("schema.cohorts.types")]:
        from schema.cohorts.types import Enrollment

        return await Enrollment.load_related(info, self.enrollment_id)


@strawberry.type(description="How often a learner attended their cohort's sessions so far.")
class AttendanceSummary:
    present: int = strawberry.field(description="Sessions attended on time.")
    late: int = strawberry.field(description="Sessions attended late.")
    excused: int = strawberry.field(description="Sessions missed with leave.")
    absent: int = strawberry.field(description="Sessions missed without leave.")

    @strawberry.field(description="Sessions attended: present or late.")
    def attended(self) -> int:
        return self.present + self.late

    @strawberry.field(description="Sessions whose attendance was recorded for the learner.")
    def recorded(self) -> int:
        return self.present + self.late + self.excused + self.absent


@strawberry.type(description="A session of a cohort's schedule.")
class CohortSession(ModelNode):
    loader_name = "cohort_session_by_id"
    read_permission = permissions.READ_TRAINING
    relations = {
        "topic": ToOne("topic_id", lambda: Topic),
        "hostAgency": ToOne("host_agency_id", lambda: HostAgency),
    }

    id: relay.NodeID[int]
    starts_at: datetime = strawberry.field(description="When it starts (UTC).")
    ends_at: datetime = strawberry.field(description="When it ends (UTC).")
    title: str = strawberry.field(description="What it is about, in Vietnamese; may be empty.")
    activity_kind_code: strawberry.Private[str]
    cohort_id: strawberry.Private[int]
    topic_id: strawberry.Private[int | None]
    lesson_version_id: strawberry.Private[int | None]
    host_agency_id: strawberry.Private[int | None]
    lecturer_id: strawberry.Private[int | None]

    @classmethod
    def from_model(cls, row: models.CohortSession) -> Self:
        return cls(
            id=row.id,
            starts_at=row.starts_at,
            ends_at=row.ends_at,
            title=row.title,
            activity_kind_code=row.activity_kind,
            cohort_id=row.cohort_id,
            topic_id=row.topic_id,
            lesson_version_id=row.lesson_version_id,
            host_agency_id=row.host_agency_id,
            lecturer_id=row.lecturer_id,
        )

    @strawberry.field(description="What kind of activity it is.")
    def activity_kind(self, info: Info) -> ActivityKind:
        return ActivityKind.named(info, self.activity_kind_code)

    @strawberry.field(description="The cohort.")
    async def cohort(
        self, info: Info
    ) -> Annotated[Cohort, strawberry.lazy("schema.cohorts.types")]:
        from schema.cohorts.types import Cohort

        return await Cohort.load_related(info, self.cohort_id)

    @strawberry.field(description="The topic taught, if any.")
    def topic(self, info: Info) -> Topic | None:
        return self.related(info)

    @strawberry.field(
        description="The approved lesson version the session teaches (the topic's latest "
        "approved one when it was scheduled); null without a topic."
    )
    async def lesson_version(
        self, info: Info
    ) -> Annotated[LessonVersion, strawberry.lazy("schema.lessons.types")] | None:
        from schema.lessons.types import LessonVersion

        if self.lesson_version_id is None:
            return None
        return await LessonVersion.load_related(info, self.lesson_version_id)

    @strawberry.field(description="The district agency hosting it, if any.")
    def host_agency(self, info: Info) -> HostAgency | None:
        return self.related(info)

    @strawberry.field(description="The lecturer, a member of the programme's boards, if any.")
    async def lecturer(self, info: Info) -> BoardMember | None:
        if self.lecturer_id is None:
            return None
        row = await info.context.loaders.board_member_by_id.load(self.lecturer_id)
        return None if row is None else BoardMember.from_model(row)

    @strawberry.field(
        description="The attendance recorded (recordAttendance), in enrollment order; of the "
        "enrollments the viewer may read.",
        metadata=list_bound(MAX_ATTENDANCE_ENTRIES),
    )
    async def attendance(self, info: Info) -> list[AttendanceRecord]:
        loader = info.context.loaders.attendance_by_session_id(info.context.loaded_access)
        rows = await loader.load(self.id)
        return [AttendanceRecord.from_model(row) for row in rows]
