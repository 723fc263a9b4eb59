"""Per-request DataLoaders, one per (model, key), so a request's query count follows its shape.

Named ``<Model>By<Key>Loader`` after Saleor; each batch is one SQL statement and results are
aligned to keys.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any, Generic, TypeVar, cast

from strawberry.dataloader import DataLoader
from tortoise.expressions import F
from tortoise.functions import Count
from tortoise.models import Model

from core.declarations import SchemeDeclaration
from core.models import (
    Account,
    Attendance,
    AuditEntry,
    Board,
    BoardMember,
    Cohort,
    CohortSession,
    ComponentScore,
    Enrollment,
    EnrollmentEvent,
    Exam,
    ExamSitting,
    HostAgency,
    LessonContent,
    LessonStep,
    LessonVersion,
    Official,
    OrgUnit,
    Post,
    PracticumEvidence,
    PracticumItem,
    Programme,
    Question,
    QuestionVersion,
    Result,
    ResultAmendment,
    SittingQuestion,
    StoredFile,
    Topic,
    TopicRegistration,
    Track,
)
from core.models.enums import AttendanceStatus, EnrollmentStatus
from core.orm import Join, Row, read_rows_by_id, read_rows_by_id_joined
from core.permissions import READ_TRAINING
from core.services.access import Access
from core.services.cohorts import OrgUnitCount, enrollments_by_org_unit, topic_demand
from core.services.establishment import PostSeats, establishments
from core.services.exams import settle_closed
from core.services.schemes import Scheme, schemes_of_cohorts
from core.services.statistics import results_by_official

ModelType = TypeVar("ModelType", bound=Model)
Shared = TypeVar("Shared", bound=DataLoader[Any, Any])


class ModelByIdLoader(DataLoader[int, Row | None], Generic[ModelType]):
    """Rows of ``model`` by primary key (``None`` for a missing key), as :data:`core.orm.Row`."""

    model: type[ModelType]

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[int]) -> list[Row | None]:
        by_id = await self.rows_by_id(set(keys))
        return [by_id.get(key) for key in keys]

    async def rows_by_id(self, keys: set[int]) -> dict[int, Row]:
        """The rows for ``keys`` in one statement, without the loader's per-key futures.

        For a caller that already holds all the keys of a batch (a page attaching a relation):
        the per-key scheduling of :meth:`load_many` costs more than the query. Rows are read-only
        records (:data:`core.orm.Row`), which is all a node is built from.
        """
        return await read_rows_by_id(self.model, keys)

    async def rows_by_id_joined(
        self, keys: set[int], joins: Sequence[Join]
    ) -> tuple[dict[int, Row], list[dict[int, Row]]]:
        """:meth:`rows_by_id` with the rows of some to-one relations, in the same statement."""
        return await read_rows_by_id_joined(self.model, keys, joins)


class OrgUnitByIdLoader(ModelByIdLoader[OrgUnit]):
    model = OrgUnit


class PostByIdLoader(ModelByIdLoader[Post]):
    model = Post


class OfficialByIdLoader(ModelByIdLoader[Official]):
    model = Official


class HostAgencyByIdLoader(ModelByIdLoader[HostAgency]):
    model = HostAgency


class ProgrammeByIdLoader(ModelByIdLoader[Programme]):
    model = Programme


class TrackByIdLoader(ModelByIdLoader[Track]):
    model = Track


class TopicByIdLoader(ModelByIdLoader[Topic]):
    model = Topic


class CohortByIdLoader(ModelByIdLoader[Cohort]):
    model = Cohort


class EnrollmentByIdLoader(ModelByIdLoader[Enrollment]):
    model = Enrollment


class BoardByIdLoader(ModelByIdLoader[Board]):
    model = Board


class StoredFileByIdLoader(ModelByIdLoader[StoredFile]):
    model = StoredFile


class AuditEntryByIdLoader(ModelByIdLoader[AuditEntry]):
    model = AuditEntry


class BoardMemberByIdLoader(ModelByIdLoader[BoardMember]):
    model = BoardMember


class LessonContentByIdLoader(ModelByIdLoader[LessonContent]):
    model = LessonContent


class LessonVersionByIdLoader(ModelByIdLoader[LessonVersion]):
    model = LessonVersion


class CohortSessionByIdLoader(ModelByIdLoader[CohortSession]):
    model = CohortSession


class PracticumEvidenceByIdLoader(ModelByIdLoader[PracticumEvidence]):
    model = PracticumEvidence


class QuestionByIdLoader(ModelByIdLoader[Question]):
    model = Question


class CurrentVersionByQuestionIdLoader(DataLoader[int, QuestionVersion]):
    """Each question's current version: one statement per batch."""

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[int]) -> list[QuestionVersion]:
        rows = await QuestionVersion.filter(question_id__in=set(keys), is_current=True)
        found = {row.question_id: row for row in rows}
        return [found[key] for key in keys]


class ExamByIdLoader(ModelByIdLoader[Exam]):
    model = Exam


class ExamSittingByIdLoader(ModelByIdLoader[ExamSitting]):
    model = ExamSitting


class SettledExamLoader(DataLoader[int, None]):
    """Submits, once per request and in one batch, the sittings of the tests asked about whose
    window has closed (``core.services.exams.settle_closed``), before they are shown."""

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[int]) -> list[None]:
        await settle_closed(set(keys))
        return [None for _ in keys]


class AccountNameByIdLoader(DataLoader[int, str | None]):
    """Accounts' display names (who did a step), one statement per batch."""

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[int]) -> list[str | None]:
        names = dict(await Account.filter(id__in=set(keys)).values_list("id", "display_name"))
        return [names.get(key) for key in keys]


KeyedRow = tuple[int, ModelType]


class RowsByKeyLoader(DataLoader[int, list[ModelType]], Generic[ModelType]):
    """Base of the one-to-many loaders: one query for all keys, rows grouped by key.

    Subclasses implement :meth:`rows`, returning ``(key, row)`` pairs in the order each key's
    list should have.
    """

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def rows(self, keys: set[int]) -> Iterable[KeyedRow[ModelType]]:
        raise NotImplementedError

    async def _load(self, keys: Sequence[int]) -> list[list[ModelType]]:
        grouped: dict[int, list[ModelType]] = defaultdict(list)
        for key, row in await self.rows(set(keys)):
            grouped[key].append(row)
        return [grouped.get(key, []) for key in keys]


class ChildrenByOrgUnitIdLoader(RowsByKeyLoader[OrgUnit]):
    """The units directly below each unit, by code."""

    async def rows(self, keys: set[int]) -> Iterable[KeyedRow[OrgUnit]]:
        rows = await OrgUnit.filter(parent_id__in=keys).order_by("code")
        return ((row.parent_id, row) for row in rows if row.parent_id is not None)


class PostsByTrackIdLoader(RowsByKeyLoader[Post]):
    """The posts eligible for each track (the track_post table, one join)."""

    async def rows(self, keys: set[int]) -> Iterable[KeyedRow[Post]]:
        rows = (
            await Post.filter(tracks__id__in=keys)
            .order_by("code")
            .values("id", "code", "title", "title_en", "kind", "tracks__id")
        )
        return ((row.pop("tracks__id"), Post(**row)) for row in rows)


class TopicsByTrackIdLoader(RowsByKeyLoader[Topic]):
    """Each track's topics in catalogue order (inactive ones included; callers filter)."""

    async def rows(self, keys: set[int]) -> Iterable[KeyedRow[Topic]]:
        rows = await Topic.filter(track_id__in=keys).order_by("order", "id")
        return ((row.track_id, row) for row in rows)


class HostAgenciesByCohortIdLoader(RowsByKeyLoader[HostAgency]):
    """The host agencies of each cohort, by code (the cohort_host_agency table, one join)."""

    async def rows(self, keys: set[int]) -> Iterable[KeyedRow[HostAgency]]:
        rows = (
            await HostAgency.filter(cohorts__id__in=keys)
            .order_by("code")
            .values("id", "code", "name", "bloc", "org_unit_id", "cohorts__id")
        )
        return ((row.pop("cohorts__id"), HostAgency(**row)) for row in rows)


class TopicsByEnrollmentIdLoader(RowsByKeyLoader[Topic]):
    """The topics each enrollment registered, in catalogue order."""

    def __init__(self, topic_by_id: TopicByIdLoader) -> None:
        super().__init__()
        self.topic_by_id = topic_by_id

    async def rows(self, keys: set[int]) -> Iterable[KeyedRow[Topic]]:
        pairs = await TopicRegistration.filter(enrollment_id__in=keys).values_list(
            "enrollment_id", "topic_id"
        )
        topics = await self.topic_by_id.load_many([topic_id for _, topic_id in pairs])
        keyed = [
            (enrollment_id, topic)
            for (enrollment_id, _), topic in zip(pairs, topics, strict=True)
            if topic is not None
        ]
        return sorted(keyed, key=lambda item: (item[1].order, item[1].id))


class BoardsByProgrammeIdLoader(RowsByKeyLoader[Board]):
    async def rows(self, keys: set[int]) -> Iterable[KeyedRow[Board]]:
        rows = await Board.filter(programme_id__in=keys).order_by("id")
        return ((row.programme_id, row) for row in rows)


class MembersByBoardIdLoader(RowsByKeyLoader[BoardMember]):
    async def rows(self, keys: set[int]) -> Iterable[KeyedRow[BoardMember]]:
        rows = await BoardMember.filter(board_id__in=keys).order_by("id")
        return ((row.board_id, row) for row in rows)


class EventsByEnrollmentIdLoader(RowsByKeyLoader[EnrollmentEvent]):
    """Each enrollment's history, oldest first, with who made each step."""

    async def rows(self, keys: set[int]) -> Iterable[KeyedRow[EnrollmentEvent]]:
        rows = await (
            EnrollmentEvent.filter(enrollment_id__in=keys).select_related("actor").order_by("id")
        )
        return ((row.enrollment_id, row) for row in rows)


class VersionsByLessonContentIdLoader(RowsByKeyLoader[LessonVersion]):
    """Each lesson content's versions, newest first."""

    async def rows(self, keys: set[int]) -> Iterable[KeyedRow[LessonVersion]]:
        rows = await LessonVersion.filter(content_id__in=keys).order_by("content_id", "-number")
        return ((row.content_id, row) for row in rows)


class StepsByLessonVersionIdLoader(RowsByKeyLoader[LessonStep]):
    """Each lesson version's steps, oldest first, with who made each."""

    async def rows(self, keys: set[int]) -> Iterable[KeyedRow[LessonStep]]:
        rows = await LessonStep.filter(version_id__in=keys).select_related("actor").order_by("id")
        return ((row.version_id, row) for row in rows)


class AttendanceBySessionIdLoader(RowsByKeyLoader[Attendance]):
    """Each session's attendance, in enrollment order, of the enrollments the viewer may read."""

    def __init__(self, actor: Access) -> None:
        super().__init__()
        self.scope = actor.scope(Attendance, READ_TRAINING)

    async def rows(self, keys: set[int]) -> Iterable[KeyedRow[Attendance]]:
        query = Attendance.filter(session_id__in=keys)
        if self.scope is not None:
            query = query.filter(self.scope)
        rows = await query.order_by("session_id", "enrollment_id")
        return ((row.session_id, row) for row in rows)


class AttendanceCountsByEnrollmentIdLoader(DataLoader[int, dict[AttendanceStatus, int]]):
    """How many sessions each enrollment attended, by status: one GROUP BY."""

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[int]) -> list[dict[AttendanceStatus, int]]:
        rows = (
            await Attendance.filter(enrollment_id__in=set(keys))
            .annotate(count=Count("id"))
            .group_by("enrollment_id", "status")
            .values("enrollment_id", "status", "count")
        )
        counts: dict[int, dict[AttendanceStatus, int]] = defaultdict(dict)
        for row in rows:
            counts[row["enrollment_id"]][AttendanceStatus(row["status"])] = row["count"]
        return [counts.get(key, {}) for key in keys]


class PracticumItemsByTrackIdLoader(RowsByKeyLoader[PracticumItem]):
    """Each track's practicum items, in order (dropped ones included)."""

    async def rows(self, keys: set[int]) -> Iterable[KeyedRow[PracticumItem]]:
        rows = await PracticumItem.filter(track_id__in=keys).order_by("track_id", "order", "id")
        return ((row.track_id, row) for row in rows)


class EvidenceByEnrollmentIdLoader(RowsByKeyLoader[PracticumEvidence]):
    """Each enrollment's practicum evidence, oldest first."""

    async def rows(self, keys: set[int]) -> Iterable[KeyedRow[PracticumEvidence]]:
        rows = await PracticumEvidence.filter(enrollment_id__in=keys).order_by(
            "enrollment_id", "id"
        )
        return ((row.enrollment_id, row) for row in rows)


def annotated(row: Model) -> Any:
    """``row`` with the attributes its query's ``annotate`` added (untyped)."""
    return row


class FilesByLessonVersionIdLoader(RowsByKeyLoader[StoredFile]):
    """Each lesson version's attached files, in upload order."""

    async def rows(self, keys: set[int]) -> Iterable[KeyedRow[StoredFile]]:
        rows = (
            await StoredFile.filter(lesson_versions__id__in=keys)
            .annotate(version_id=F("lesson_versions__id"))
            .order_by("id")
        )
        return ((annotated(row).version_id, row) for row in rows)


class FilesByEvidenceIdLoader(RowsByKeyLoader[StoredFile]):
    """Each piece of practicum evidence's files, in upload order."""

    async def rows(self, keys: set[int]) -> Iterable[KeyedRow[StoredFile]]:
        rows = (
            await StoredFile.filter(practicum_evidence__id__in=keys)
            .annotate(evidence_id=F("practicum_evidence__id"))
            .order_by("id")
        )
        return ((annotated(row).evidence_id, row) for row in rows)


class QuestionsBySittingIdLoader(RowsByKeyLoader[SittingQuestion]):
    """Each sitting's questions in the order shown, with the versions shown."""

    async def rows(self, keys: set[int]) -> Iterable[KeyedRow[SittingQuestion]]:
        rows = await (
            SittingQuestion.filter(sitting_id__in=keys)
            .select_related("version")
            .order_by("sitting_id", "position")
        )
        return ((row.sitting_id, row) for row in rows)


class ExamsByCohortIdLoader(RowsByKeyLoader[Exam]):
    """Each cohort's tests, oldest first."""

    async def rows(self, keys: set[int]) -> Iterable[KeyedRow[Exam]]:
        rows = await Exam.filter(cohort_id__in=keys).order_by("cohort_id", "id")
        return ((row.cohort_id, row) for row in rows)


class SittingsByEnrollmentIdLoader(RowsByKeyLoader[ExamSitting]):
    """Each enrollment's test sittings, oldest first."""

    async def rows(self, keys: set[int]) -> Iterable[KeyedRow[ExamSitting]]:
        rows = await ExamSitting.filter(enrollment_id__in=keys).order_by("enrollment_id", "id")
        return ((row.enrollment_id, row) for row in rows)


class ScoresByEnrollmentIdLoader(RowsByKeyLoader[ComponentScore]):
    """Each enrollment's component scores, by component code."""

    async def rows(self, keys: set[int]) -> Iterable[KeyedRow[ComponentScore]]:
        rows = await ComponentScore.filter(enrollment_id__in=keys).order_by(
            "enrollment_id", "component"
        )
        return ((row.enrollment_id, row) for row in rows)


class ResultByEnrollmentIdLoader(DataLoader[int, Result | None]):
    """Each enrollment's finalised result, if any: one statement per batch."""

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[int]) -> list[Result | None]:
        found = {row.enrollment_id: row for row in await Result.filter(enrollment_id__in=set(keys))}
        return [found.get(key) for key in keys]


class AmendmentsByResultIdLoader(RowsByKeyLoader[ResultAmendment]):
    async def rows(self, keys: set[int]) -> Iterable[KeyedRow[ResultAmendment]]:
        rows = await ResultAmendment.filter(result_id__in=keys).order_by("result_id", "id")
        return ((row.result_id, row) for row in rows)


class ResultsByOfficialIdLoader(DataLoader[int, list[Result]]):
    """Each official's finalised results (of one year, if given): one statement per batch."""

    def __init__(self, year: int | None) -> None:
        super().__init__(load_fn=self._load)
        self.year = year

    async def _load(self, keys: Sequence[int]) -> list[list[Result]]:
        found = await results_by_official(set(keys), self.year)
        return [found.get(key, []) for key in keys]


class EnrolledCountByCohortIdLoader(DataLoader[int, int]):
    """How many officials are enrolled (not withdrawn) in each cohort: one GROUP BY."""

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[int]) -> list[int]:
        rows = (
            await Enrollment.filter(cohort_id__in=set(keys), status=EnrollmentStatus.ENROLLED)
            .annotate(count=Count("id"))
            .group_by("cohort_id")
            .values("cohort_id", "count")
        )
        counts = {row["cohort_id"]: row["count"] for row in rows}
        return [counts.get(key, 0) for key in keys]


class EnrollmentsByOrgUnitByCohortIdLoader(DataLoader[int, list[OrgUnitCount]]):
    """ENROLLED enrollments per org unit of each cohort, over what the viewer may read: one
    GROUP BY per batch (``core.services.cohorts.enrollments_by_org_unit``)."""

    def __init__(self, actor: Access) -> None:
        super().__init__(load_fn=self._load)
        self.actor = actor

    async def _load(self, keys: Sequence[int]) -> list[list[OrgUnitCount]]:
        grouped: dict[int, list[OrgUnitCount]] = defaultdict(list)
        for row in await enrollments_by_org_unit(self.actor, set(keys)):
            grouped[row.cohort_id].append(row)
        return [grouped.get(key, []) for key in keys]


class EstablishmentByOrgUnitIdLoader(DataLoader[int, list[PostSeats]]):
    """Each unit's establishment over what the viewer may read: the units, then three
    statements per batch (``core.services.establishment.establishments``)."""

    def __init__(self, actor: Access) -> None:
        super().__init__(load_fn=self._load)
        self.actor = actor

    async def _load(self, keys: Sequence[int]) -> list[list[PostSeats]]:
        units = await OrgUnit.filter(id__in=set(keys))
        found = await establishments(self.actor, units)
        return [found.get(key, []) for key in keys]


class TopicDemandByCohortIdLoader(DataLoader[int, dict[int, int]]):
    """How many ENROLLED enrollments of each cohort registered each topic (by topic id), over
    what the viewer may read: one GROUP BY per batch (``core.services.cohorts.topic_demand``)."""

    def __init__(self, actor: Access) -> None:
        super().__init__(load_fn=self._load)
        self.actor = actor

    async def _load(self, keys: Sequence[int]) -> list[dict[int, int]]:
        grouped: dict[int, dict[int, int]] = defaultdict(dict)
        for (cohort_id, topic_id), count in (await topic_demand(self.actor, set(keys))).items():
            grouped[cohort_id][topic_id] = count
        return [grouped.get(key, {}) for key in keys]


class SchemeByCohortLoader(DataLoader[tuple[int, int], Scheme | None]):
    """The scheme assessing each cohort, keyed ``(cohort id, track id)``: its adjusted copy, else
    its track's declared one (``core.services.schemes.schemes_of_cohorts``)."""

    def __init__(self, declared: Mapping[str, SchemeDeclaration]) -> None:
        super().__init__(load_fn=self._load)
        self.declared = declared

    async def _load(self, keys: Sequence[tuple[int, int]]) -> list[Scheme | None]:
        found = await schemes_of_cohorts(dict(keys), self.declared)
        return [found[cohort_id] for cohort_id, _ in keys]


class Loaders:
    """All loaders of one request; a loader that is never called runs no query.

    The loaders of counts over what the viewer may read are made per :class:`Access` (the
    viewer changes within a request only by ``signIn``/``signOut``).
    """

    def __init__(self) -> None:
        self._keyed: dict[Hashable, DataLoader[Any, Any]] = {}
        self.org_unit_by_id = OrgUnitByIdLoader()
        self.post_by_id = PostByIdLoader()
        self.official_by_id = OfficialByIdLoader()
        self.host_agency_by_id = HostAgencyByIdLoader()
        self.programme_by_id = ProgrammeByIdLoader()
        self.track_by_id = TrackByIdLoader()
        self.topic_by_id = TopicByIdLoader()
        self.cohort_by_id = CohortByIdLoader()
        self.enrollment_by_id = EnrollmentByIdLoader()
        self.board_by_id = BoardByIdLoader()
        self.audit_entry_by_id = AuditEntryByIdLoader()
        self.stored_file_by_id = StoredFileByIdLoader()
        self.children_by_org_unit_id = ChildrenByOrgUnitIdLoader()
        self.posts_by_track_id = PostsByTrackIdLoader()
        self.topics_by_track_id = TopicsByTrackIdLoader()
        self.host_agencies_by_cohort_id = HostAgenciesByCohortIdLoader()
        self.enrolled_count_by_cohort_id = EnrolledCountByCohortIdLoader()
        self.topics_by_enrollment_id = TopicsByEnrollmentIdLoader(self.topic_by_id)
        self.boards_by_programme_id = BoardsByProgrammeIdLoader()
        self.members_by_board_id = MembersByBoardIdLoader()
        self.events_by_enrollment_id = EventsByEnrollmentIdLoader()
        self.board_member_by_id = BoardMemberByIdLoader()
        self.lesson_content_by_id = LessonContentByIdLoader()
        self.lesson_version_by_id = LessonVersionByIdLoader()
        self.cohort_session_by_id = CohortSessionByIdLoader()
        self.practicum_evidence_by_id = PracticumEvidenceByIdLoader()
        self.account_name_by_id = AccountNameByIdLoader()
        self.versions_by_lesson_content_id = VersionsByLessonContentIdLoader()
        self.steps_by_lesson_version_id = StepsByLessonVersionIdLoader()
        self.attendance_counts_by_enrollment_id = AttendanceCountsByEnrollmentIdLoader()
        self.practicum_items_by_track_id = PracticumItemsByTrackIdLoader()
        self.evidence_by_enrollment_id = EvidenceByEnrollmentIdLoader()
        self.files_by_lesson_version_id = FilesByLessonVersionIdLoader()
        self.files_by_evidence_id = FilesByEvidenceIdLoader()
        self.question_by_id = QuestionByIdLoader()
        self.exam_by_id = ExamByIdLoader()
        self.exam_sitting_by_id = ExamSittingByIdLoader()
        self.questions_by_sitting_id = QuestionsBySittingIdLoader()
        self.exams_by_cohort_id = ExamsByCohortIdLoader()
        self.sittings_by_enrollment_id = SittingsByEnrollmentIdLoader()
        self.settled_exam = SettledExamLoader()
        self.scores_by_enrollment_id = ScoresByEnrollmentIdLoader()
        self.result_by_enrollment_id = ResultByEnrollmentIdLoader()
        self.amendments_by_result_id = AmendmentsByResultIdLoader()
        self.current_version_by_question_id = CurrentVersionByQuestionIdLoader()
        self.nested_pages: dict[Hashable, Any] = {}
        """The nested connections' pages (``schema.pagination.NestedPages``), by list."""

    def enrollments_by_org_unit_by_cohort_id(
        self, actor: Access
    ) -> EnrollmentsByOrgUnitByCohortIdLoader:
        return self.shared(
            ("enrollments_by_org_unit", id(actor)),
            lambda: EnrollmentsByOrgUnitByCohortIdLoader(actor),
        )

    def establishment_by_org_unit_id(self, actor: Access) -> EstablishmentByOrgUnitIdLoader:
        return self.shared(
            ("establishment", id(actor)), lambda: EstablishmentByOrgUnitIdLoader(actor)
        )

    def topic_demand_by_cohort_id(self, actor: Access) -> TopicDemandByCohortIdLoader:
        return self.shared(("topic_demand", id(actor)), lambda: TopicDemandByCohortIdLoader(actor))

    def scheme_by_cohort(self, declared: Mapping[str, SchemeDeclaration]) -> SchemeByCohortLoader:
        """The schemes loader (the plugins' declared schemes are the same for the request)."""
        return self.shared(("scheme_by_cohort",), lambda: SchemeByCohortLoader(declared))

    def results_by_official(self, year: int | None) -> ResultsByOfficialIdLoader:
        """The results loader of ``year`` (``None``: every year), one per year asked."""
        return self.shared(("results_by_official", year), lambda: ResultsByOfficialIdLoader(year))

    def attendance_by_session_id(self, actor: Access) -> AttendanceBySessionIdLoader:
        return self.shared(("attendance", id(actor)), lambda: AttendanceBySessionIdLoader(actor))

    def shared(self, key: Hashable, make: Callable[[], Shared]) -> Shared:
        """The request's loader for ``key``, made by ``make`` when first asked: a loader that
        depends on an argument (the viewer's access, a year) is shared by the fields asking
        with the same one, so their loads batch together.

        Plugins keep their own loaders here too, under a key that starts with their id
        (``("party_committee.drafts",)``): a field a plugin adds to a core type loads the
        plugin's rows for every parent of the page in one batch."""
        loader = self._keyed.get(key)
        if loader is None:
            loader = self._keyed[key] = make()
        return cast(Shared, loader)
