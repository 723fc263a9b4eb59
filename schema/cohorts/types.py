"""GraphQL types of the training domain: cohorts and enrollments."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Self

import strawberry
from graphql.pyutils import gather_with_cancel
from strawberry import relay
from strawberry.types import Info
from tortoise.queryset import QuerySet

from core import models, permissions
from core.limits import (
    MAX_ENROLLMENT_EVENTS,
    MAX_HOST_AGENCIES_PER_COHORT,
    MAX_ORG_UNITS_PER_COHORT,
    MAX_PRACTICUM_ITEMS_PER_TRACK,
    MAX_TESTS_PER_COHORT,
    MAX_TOPICS_PER_ENROLLMENT,
    MAX_TOPICS_PER_TRACK,
)
from core.models import enums
from core.services import schedule
from core.services.cohorts import TRANSITIONS
from core.services.enrollments import EnrollmentFilter, filter_enrollments
from core.services.schemes import MAX_COMPONENTS
from schema.enums import as_api, described_enum
from schema.ids import decode_argument_id, optional
from schema.inputs import enum_list_argument
from schema.limits import list_bound
from schema.node import ModelNode
from schema.org.types import HostAgency, OrgUnit, org_unit_path
from schema.pagination import (
    BY_ID,
    FILTER,
    After,
    Connection,
    First,
    SortDirection,
    SortKey,
    nested_connection,
)
from schema.people.types import Official
from schema.permissions import authorize_loaded
from schema.programmes.types import Programme
from schema.reads import ToOne
from schema.tracks.types import Topic, Track

if TYPE_CHECKING:
    from schema.assessment.tests import Exam, ExamSitting
    from schema.assessment.types import (
        AssessmentScheme,
        CohortStatistics,
        ComponentScore,
        Result,
    )
    from schema.practicum.types import PracticumProgress
    from schema.schedule.types import AttendanceSummary, CohortSession

CohortStatus = described_enum(
    enums.CohortStatus,
    "CohortStatus",
    "Life cycle of a cohort: PLANNED → OPEN → IN_PROGRESS → COMPLETED → CLOSED "
    "(OPEN may go back to PLANNED).",
    {
        enums.CohortStatus.PLANNED: "Being prepared; not yet open for registration.",
        enums.CohortStatus.OPEN: "Open for registration: officials may enroll.",
        enums.CohortStatus.IN_PROGRESS: "Under way; no new enrollments.",
        enums.CohortStatus.COMPLETED: "Finished; part of the record, no longer editable.",
        enums.CohortStatus.CLOSED: "Archived.",
    },
)
EnrollmentStatus = described_enum(
    enums.EnrollmentStatus,
    "EnrollmentStatus",
    "Whether an official is still in a cohort.",
    {
        enums.EnrollmentStatus.ENROLLED: "Enrolled.",
        enums.EnrollmentStatus.WITHDRAWN: "Withdrawn; kept in the record.",
    },
)


@strawberry.input(description="Filters for a cohort's enrollments; every given filter must match.")
class CohortEnrollmentFilter:
    org_unit_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Only officials of this org unit or below it (a commune, or a district).",
    )
    statuses: list[EnrollmentStatus] | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="Only these statuses."
    )


@strawberry.input(description="Filters for a cohort's sessions; every given filter must match.")
class SessionFilter:
    activity_kinds: list[str] | None = strawberry.field(
        default=None, description="Only sessions of these activity kinds (codes)."
    )
    topic_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only sessions on this topic."
    )
    starts_from: datetime | None = strawberry.field(
        default=None, description="Only sessions starting at or after this time."
    )
    starts_until: datetime | None = strawberry.field(
        default=None, description="Only sessions starting at or before this time."
    )


SESSION_ORDER = SortKey("starts_at", datetime)


@strawberry.type(description="How many of a cohort's officials come from one org unit.")
class OrgUnitCount:
    count: int = strawberry.field(description="ENROLLED enrollments of officials of the unit.")
    org_unit_id: strawberry.Private[int]

    @strawberry.field(description="The org unit (the officials' commune or township).")
    async def org_unit(self, info: Info) -> OrgUnit:
        return await OrgUnit.load_related(info, self.org_unit_id)


@strawberry.type(description="How many of a cohort's officials registered one topic.")
class TopicDemand:
    topic: Topic = strawberry.field(description="A topic of the cohort's track.")
    registered: int = strawberry.field(
        description="ENROLLED enrollments that registered it (0 when none did)."
    )


@strawberry.type(
    description="A cohort (khóa học việc): a run of a track at district host agencies."
)
class Cohort(ModelNode):
    loader_name = "cohort_by_id"
    read_permission = permissions.READ_TRAINING
    relations = {
        "track": ToOne("track_id", lambda: Track),
        "programme": ToOne("programme_id", lambda: Programme),
        "orgUnit": ToOne("org_unit_id", lambda: OrgUnit),
    }

    id: relay.NodeID[int]
    name: str = strawberry.field(description="Vietnamese name (NFC).")
    starts_on: date = strawberry.field(description="First day.")
    ends_on: date = strawberry.field(description="Last day.")
    capacity: int = strawberry.field(description="Most officials that may be enrolled at once.")
    status: CohortStatus = strawberry.field(description="Where the cohort is in its life cycle.")  # type: ignore[valid-type]
    results_final_at: datetime | None = strawberry.field(
        description="When its results were finalised (scores, attendance and tests are locked "
        "then); null before."
    )
    created_at: datetime = strawberry.field(description="When the cohort was created (UTC).")
    updated_at: datetime = strawberry.field(description="When it last changed (UTC).")
    track_id: strawberry.Private[int]
    programme_id: strawberry.Private[int | None]
    org_unit_id: strawberry.Private[int]

    @classmethod
    def from_model(cls, row: models.Cohort) -> Self:
        return cls(
            id=row.id,
            name=row.name,
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            capacity=row.capacity,
            status=as_api(CohortStatus, row.status),
            results_final_at=row.results_final_at,
            created_at=row.created_at,
            updated_at=row.updated_at,
            track_id=row.track_id,
            programme_id=row.programme_id,
            org_unit_id=row.org_unit_id,
        )

    @strawberry.field(description="Statuses this cohort may move to next (changeCohortStatus).")
    def next_statuses(self) -> list[CohortStatus]:  # type: ignore[valid-type]
        status: Enum = self.status
        current = enums.CohortStatus(status.value)
        return [as_api(CohortStatus, status) for status in sorted(TRANSITIONS[current])]

    @strawberry.field(description="The track the cohort runs.")
    def track(self, info: Info) -> Track:
        return self.related(info)

    @strawberry.field(description="The programme (Đề án) the cohort belongs to, if any.")
    def programme(self, info: Info) -> Programme | None:
        return self.related(info)

    @strawberry.field(
        description="The org unit that runs the cohort: managing it needs a role over this unit."
    )
    def org_unit(self, info: Info) -> OrgUnit:
        return self.related(info)

    @strawberry.field(
        description="The district agencies hosting the apprentices.",
        metadata=list_bound(MAX_HOST_AGENCIES_PER_COHORT),
    )
    async def host_agencies(self, info: Info) -> list[HostAgency]:
        rows = await info.context.loaders.host_agencies_by_cohort_id.load(self.id)
        return HostAgency.from_rows(info, rows)

    @strawberry.field(description="How many officials are enrolled now (withdrawn ones excluded).")
    async def enrolled_count(self, info: Info) -> int:
        return await info.context.loaders.enrolled_count_by_cohort_id.load(self.id)

    @strawberry.field(
        description="The cohort's tests, oldest first.",
        metadata=list_bound(MAX_TESTS_PER_COHORT),
    )
    async def tests(
        self, info: Info
    ) -> list[Annotated[Exam, strawberry.lazy("schema.assessment.tests")]]:
        from schema.assessment.tests import Exam

        rows = await info.context.loaders.exams_by_cohort_id.load(self.id)
        return Exam.from_rows(info, rows)

    @strawberry.field(
        description="Registration, final results by band and per-commune coverage, over "
        "what you may read (a few statements; ask it of one cohort at a time)."
    )
    async def statistics(
        self, info: Info
    ) -> Annotated[CohortStatistics, strawberry.lazy("schema.assessment.types")]:
        from core.services.statistics import cohort_statistics
        from schema.assessment.types import CohortStatistics

        cohort = await info.context.loaders.cohort_by_id.load(self.id)  # the request's row
        found = await cohort_statistics(
            info.context.loaded_access, cohort, info.context.registry.schemes()
        )
        return CohortStatistics.from_statistics(found)

    @strawberry.field(
        description="How the cohort is assessed: its own scheme once a coordinator adjusted "
        "it, else its track's; null when the track's plugin declares none."
    )
    async def scheme(
        self, info: Info
    ) -> Annotated[AssessmentScheme, strawberry.lazy("schema.assessment.types")] | None:
        from schema.assessment.types import AssessmentScheme

        declared = info.context.registry.schemes()
        loader = info.context.loaders.scheme_by_cohort(declared)
        scheme = await loader.load((self.id, self.track_id))
        return None if scheme is None else AssessmentScheme.from_scheme(scheme)

    @strawberry.field(
        description="The cohort's enrollments the viewer may read, oldest first; withdrawn "
        "ones included unless `filter.statuses` says otherwise. A page of cohorts fetches "
        "these pages together."
    )
    async def enrollments(
        self,
        info: Info,
        filter: Annotated[CohortEnrollmentFilter | None, FILTER] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Enrollment]:
        access = authorize_loaded(info, permissions.READ_TRAINING)
        given = filter or CohortEnrollmentFilter()
        statuses = enum_list_argument(given.statuses, "filter.statuses", enums.EnrollmentStatus)
        unit_id = optional(decode_argument_id, given.org_unit_id, "OrgUnit", "filter.orgUnitId")

        async def enrollments() -> QuerySet[models.Enrollment]:
            path = None if unit_id is None else await org_unit_path(info, unit_id)
            criteria = EnrollmentFilter(statuses=statuses, org_unit_path=path)
            return filter_enrollments(access, criteria)

        return await nested_connection(
            info,
            self.id,
            arguments=(statuses, unit_id),
            query=enrollments,
            parent="cohort_id",
            key=BY_ID,
            direction=SortDirection.ASC,
            first=first,
            after=after,
            node_type=Enrollment,
        )

    @strawberry.field(
        description="The cohort's schedule, by start time. A page of cohorts fetches these "
        "pages together."
    )
    async def sessions(
        self,
        info: Info,
        filter: Annotated[SessionFilter | None, FILTER] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Annotated[CohortSession, strawberry.lazy("schema.schedule.types")]]:
        from schema.schedule.types import CohortSession

        access = authorize_loaded(info, permissions.READ_TRAINING)
        given = filter or SessionFilter()
        criteria = schedule.SessionFilter(
            activity_kinds=None if given.activity_kinds is None else tuple(given.activity_kinds),
            topic_id=optional(decode_argument_id, given.topic_id, "Topic", "filter.topicId"),
            starts_from=given.starts_from,
            starts_until=given.starts_until,
        )

        async def sessions() -> QuerySet[models.CohortSession]:
            return schedule.filter_sessions(access, criteria)

        return await nested_connection(
            info,
            self.id,
            arguments=criteria,
            query=sessions,
            parent="cohort_id",
            key=SESSION_ORDER,
            direction=SortDirection.ASC,
            first=first,
            after=after,
            node_type=CohortSession,
        )

    @strawberry.field(
        description="ENROLLED enrollments per org unit of the officials (their commune), by "
        "org-unit path; counted over the enrollments you may read (a commune's viewer sees "
        "their commune's).",
        metadata=list_bound(MAX_ORG_UNITS_PER_COHORT),
    )
    async def enrollments_by_org_unit(self, info: Info) -> list[OrgUnitCount]:
        access = info.context.loaded_access
        loader = info.context.loaders.enrollments_by_org_unit_by_cohort_id(access)
        return [
            OrgUnitCount(count=row.count, org_unit_id=row.org_unit_id)
            for row in await loader.load(self.id)
        ]

    @strawberry.field(
        description="Topic demand (cần gì học nấy): for each topic of the track, in catalogue "
        "order, how many ENROLLED enrollments registered it, zeros included; counted over the "
        "enrollments you may read. Topics dropped from the catalogue are listed only while "
        "someone has them registered.",
        metadata=list_bound(MAX_TOPICS_PER_TRACK),
    )
    async def topic_demand(self, info: Info) -> list[TopicDemand]:
        loaders = info.context.loaders
        demand = loaders.topic_demand_by_cohort_id(info.context.loaded_access)
        topics, counts = await gather_with_cancel(
            loaders.topics_by_track_id.load(self.track_id), demand.load(self.id)
        )
        return [
            TopicDemand(topic=topic, registered=counts.get(topic.id, 0))
            for topic in Topic.from_rows(info, topics)
            if topic.active or counts.get(topic.id)
        ]


EnrollmentEventKind = described_enum(
    enums.EnrollmentEventKind,
    "EnrollmentEventKind",
    "A step of an enrollment's history.",
    {
        enums.EnrollmentEventKind.ENROLLED: "Enrolled in the cohort.",
        enums.EnrollmentEventKind.WITHDRAWN: "Withdrawn, with the reason.",
        enums.EnrollmentEventKind.REENROLLED: "Enrolled again after a withdrawal.",
    },
)


@strawberry.type(description="A step of an enrollment's history, kept for good.")
class EnrollmentEvent:
    kind: EnrollmentEventKind = strawberry.field(description="What happened.")  # type: ignore[valid-type]
    at: datetime = strawberry.field(description="When (UTC).")
    reason: str = strawberry.field(description="Why, for a withdrawal; empty otherwise.")
    by: str | None = strawberry.field(
        description="The display name of who did it; null for the command line, the demo "
        "loader or a deleted account."
    )

    @classmethod
    def from_model(cls, row: models.EnrollmentEvent) -> Self:
        return cls(
            kind=as_api(EnrollmentEventKind, row.kind),
            at=row.at,
            reason=row.reason,
            by=None if row.actor is None else row.actor.display_name,
        )


@strawberry.type(description="An official's place in a cohort, with the topics they registered.")
class Enrollment(ModelNode):
    loader_name = "enrollment_by_id"
    read_permission = permissions.READ_TRAINING
    relations = {
        "official": ToOne("official_id", lambda: Official),
        "cohort": ToOne("cohort_id", lambda: Cohort),
    }

    id: relay.NodeID[int]
    status: EnrollmentStatus = strawberry.field(description="Enrolled or withdrawn.")  # type: ignore[valid-type]
    enrolled_at: datetime = strawberry.field(description="When the official enrolled (UTC).")
    withdrawn_at: datetime | None = strawberry.field(
        description="When withdrawn (UTC), if it is now; earlier withdrawals are in `history`."
    )
    official_id: strawberry.Private[int]
    cohort_id: strawberry.Private[int]

    @classmethod
    def from_model(cls, row: models.Enrollment) -> Self:
        return cls(
            id=row.id,
            status=as_api(EnrollmentStatus, row.status),
            enrolled_at=row.enrolled_at,
            withdrawn_at=row.withdrawn_at,
            official_id=row.official_id,
            cohort_id=row.cohort_id,
        )

    @strawberry.field(description="The enrolled official.")
    def official(self, info: Info) -> Official:
        return self.related(info)

    @strawberry.field(description="The cohort.")
    def cohort(self, info: Info) -> Cohort:
        return self.related(info)

    @strawberry.field(
        description="The topics registered (learn what you need), catalogue order.",
        metadata=list_bound(MAX_TOPICS_PER_ENROLLMENT),
    )
    async def topics(self, info: Info) -> list[Topic]:
        rows = await info.context.loaders.topics_by_enrollment_id.load(self.id)
        return Topic.from_rows(info, rows)

    @strawberry.field(
        description="What happened to the enrollment, oldest first: enrolled, withdrawn (why), "
        "enrolled again. A withdrawal stays here after a re-enrollment.",
        metadata=list_bound(MAX_ENROLLMENT_EVENTS),
    )
    async def history(self, info: Info) -> list[EnrollmentEvent]:
        rows = await info.context.loaders.events_by_enrollment_id.load(self.id)
        return [EnrollmentEvent.from_model(row) for row in rows]

    @strawberry.field(
        description="The learner's tests in this cohort (questions, answers, score), oldest "
        "first; a test whose window has closed shows what was submitted then.",
        metadata=list_bound(MAX_TESTS_PER_COHORT),
    )
    async def test_sittings(
        self, info: Info
    ) -> list[Annotated[ExamSitting, strawberry.lazy("schema.assessment.tests")]]:
        from schema.assessment.tests import ExamSitting

        loaders = info.context.loaders
        exams = await loaders.exams_by_cohort_id.load(self.cohort_id)
        await loaders.settled_exam.load_many([exam.id for exam in exams])
        rows = await loaders.sittings_by_enrollment_id.load(self.id)
        return ExamSitting.from_rows(info, rows)

    @strawberry.field(
        description="Assessors' scores of the learner's written and practical work.",
        metadata=list_bound(MAX_COMPONENTS),
    )
    async def component_scores(
        self, info: Info
    ) -> list[Annotated[ComponentScore, strawberry.lazy("schema.assessment.types")]]:
        from schema.assessment.types import ComponentScore

        rows = await info.context.loaders.scores_by_enrollment_id.load(self.id)
        return [ComponentScore.from_model(row) for row in rows]

    @strawberry.field(
        description="The finalised result; null until the cohort's results are final."
    )
    async def result(
        self, info: Info
    ) -> Annotated[Result, strawberry.lazy("schema.assessment.types")] | None:
        from schema.assessment.types import Result

        row = await info.context.loaders.result_by_enrollment_id.load(self.id)
        return None if row is None else Result.from_model(row)

    @strawberry.field(description="How often the learner attended the cohort's sessions so far.")
    async def attendance(
        self, info: Info
    ) -> Annotated[AttendanceSummary, strawberry.lazy("schema.schedule.types")]:
        from schema.schedule.types import AttendanceSummary

        counts = await info.context.loaders.attendance_counts_by_enrollment_id.load(self.id)
        return AttendanceSummary(
            present=counts.get(enums.AttendanceStatus.PRESENT, 0),
            late=counts.get(enums.AttendanceStatus.LATE, 0),
            excused=counts.get(enums.AttendanceStatus.EXCUSED, 0),
            absent=counts.get(enums.AttendanceStatus.ABSENT, 0),
        )

    @strawberry.field(
        description="The learner's progress on each practicum item of the cohort's track, in "
        "the track's order, with the evidence given.",
        metadata=list_bound(MAX_PRACTICUM_ITEMS_PER_TRACK),
    )
    async def practicum(
        self, info: Info
    ) -> list[Annotated[PracticumProgress, strawberry.lazy("schema.practicum.types")]]:
        from schema.practicum.types import PracticumEvidence, PracticumItem, PracticumProgress

        loaders = info.context.loaders
        cohort = await loaders.cohort_by_id.load(self.cohort_id)
        items = await loaders.practicum_items_by_track_id.load(cohort.track_id)
        evidence = await loaders.evidence_by_enrollment_id.load(self.id)
        given: dict[int, list[models.PracticumEvidence]] = {}
        for row in evidence:
            given.setdefault(row.item_id, []).append(row)
        return [
            PracticumProgress(
                item=PracticumItem.from_model(item),
                signed_off=sum(
                    row.status == enums.EvidenceStatus.SIGNED_OFF for row in given.get(item.id, [])
                ),
                evidence=[PracticumEvidence.from_model(row) for row in given.get(item.id, [])],
            )
            for item in items
            if item.is_active or item.id in given
        ]
