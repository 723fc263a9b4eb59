"""The public plugin API of hocviec: everything a plugin author needs, in one stable module.

A plugin imports from here and nowhere else in hocviec (``core`` and ``schema`` are internals,
free to change between minor versions; this surface follows the API's versioning and its
CHANGELOG). The built-in plugins and the guide's example do the same, which a test checks.

- the hook marker: :data:`hookimpl` (the hooks are documented in ``docs/hooks.md``);
- what hooks return: the declaration classes (:class:`PluginInfo`, :class:`TrackDeclaration`, …);
- the models hooks receive and demo data reads (:class:`Cohort`, :class:`Result`,
  :class:`Account`, :class:`PracticumItem`, …);
- the enumerations declarations and services use (:class:`Role`, :class:`ComponentKind`, …);
- who may do what: :class:`Access`, :func:`authorize`, :data:`OPERATOR`, and the errors a service
  raises and a resolver turns into ``UserError`` s (:class:`ServiceError`, :class:`ErrorCollector`,
  :class:`ErrorCode`, :func:`attempt`);
- the GraphQL helpers a plugin's types and mutations use (:class:`ModelNode`, :func:`input_id`,
  :func:`list_bound`, :data:`INPUT`, :class:`UserError`) and the core types its fields return
  or extend (:class:`EnrollmentType`, :class:`CohortType`, :class:`OfficialType`,
  :class:`TopicType`; see :class:`TypeExtension`);
- the services a plugin's mutations and demo data call, with the values they take: cohorts
  (:func:`create_cohort`, :func:`advance_cohort`), enrollments (:func:`enroll_official`,
  :func:`register_topics`), the schedule (:func:`schedule_session`, :func:`record_attendance`),
  practicum (:func:`submit_evidence`, :func:`review_evidence`), lesson content
  (:func:`draft_lesson_version`, :func:`submit_lesson_version`, :func:`appraise_lesson_version`)
  and assessment (:func:`create_test`, :func:`answer_test`, :func:`enter_scores`,
  :func:`finalise_results`). Each takes the acting :class:`Access` first (:data:`OPERATOR` in
  demo data) and raises :class:`ServiceError` with every problem found, having written nothing.
  A plugin's own service refuses changes to a cohort whose results are final with
  :func:`results_lock`, as the core's do.
  Demo data replaying a past test enters its learners' answer sheets with
  :func:`take_test_for_demo`, so that the grading and the bands come out of the engine.
"""

from __future__ import annotations

from core.clock import VIETNAM_TIME, frozen, now
from core.declarations import (
    DEFAULT_BANDS,
    ActivityKindDeclaration,
    BandDeclaration,
    CompletionRule,
    ComponentDeclaration,
    ComponentKindDeclaration,
    DemoContext,
    ModelApp,
    PermissionDeclaration,
    PluginInfo,
    PostDeclaration,
    PracticumItemDeclaration,
    QuestionBankDeclaration,
    SchemeDeclaration,
    TopicDeclaration,
    TrackDeclaration,
    TypeExtension,
)
from core.hookspecs import hookimpl
from core.models import Account, Cohort, Enrollment, Official, PracticumItem, Result
from core.models.enums import (
    AttendanceStatus,
    CohortStatus,
    ComponentKind,
    EnrollmentStatus,
    Gender,
    OrgLevel,
    PostKind,
    Role,
)
from core.plugins import PluginRegistry
from core.scores import from_hundredths, to_hundredths
from core.services.access import OPERATOR, Access
from core.services.cohorts import CohortDraft, advance_cohort, create_cohort, results_lock
from core.services.demo import demo_cohort
from core.services.demo_assessment import take_test_for_demo
from core.services.enrollments import enroll_official, register_topics
from core.services.errors import (
    ErrorCode,
    ErrorCollector,
    FieldError,
    NotAllowedError,
    ServiceError,
)
from core.services.exams import ExamPlan
from core.services.exams import answer as answer_test
from core.services.exams import create_exam as create_test
from core.services.lessons import (
    LessonText,
    appraise_lesson_version,
    draft_lesson_version,
    submit_lesson_version,
)
from core.services.practicum import Evidence, review_evidence, submit_evidence
from core.services.results import finalise as finalise_results
from core.services.schedule import (
    AttendanceEntry,
    SessionPlan,
    record_attendance,
    schedule_session,
)
from core.services.scoring import ScoreEntry, enter_scores
from schema.cohorts.types import Cohort as CohortType
from schema.cohorts.types import Enrollment as EnrollmentType
from schema.errors import INPUT, UserError, attempt
from schema.ids import encode_id, input_id, input_ids
from schema.limits import list_bound
from schema.node import ModelNode
from schema.people.types import Official as OfficialType
from schema.permissions import authorize, authorize_loaded
from schema.tracks.types import Topic as TopicType

__all__ = [
    "DEFAULT_BANDS",
    "INPUT",
    "OPERATOR",
    "VIETNAM_TIME",
    "Access",
    "Account",
    "ActivityKindDeclaration",
    "AttendanceEntry",
    "AttendanceStatus",
    "BandDeclaration",
    "Cohort",
    "CohortDraft",
    "CohortStatus",
    "CohortType",
    "CompletionRule",
    "ComponentDeclaration",
    "ComponentKind",
    "ComponentKindDeclaration",
    "DemoContext",
    "Enrollment",
    "EnrollmentStatus",
    "EnrollmentType",
    "ErrorCode",
    "ErrorCollector",
    "Evidence",
    "ExamPlan",
    "FieldError",
    "Gender",
    "LessonText",
    "ModelApp",
    "ModelNode",
    "NotAllowedError",
    "Official",
    "OfficialType",
    "OrgLevel",
    "PermissionDeclaration",
    "PluginInfo",
    "PluginRegistry",
    "PostDeclaration",
    "PostKind",
    "PracticumItem",
    "PracticumItemDeclaration",
    "QuestionBankDeclaration",
    "Result",
    "Role",
    "SchemeDeclaration",
    "ScoreEntry",
    "ServiceError",
    "SessionPlan",
    "TopicDeclaration",
    "TopicType",
    "TrackDeclaration",
    "TypeExtension",
    "UserError",
    "advance_cohort",
    "answer_test",
    "appraise_lesson_version",
    "attempt",
    "authorize",
    "authorize_loaded",
    "create_cohort",
    "create_test",
    "demo_cohort",
    "draft_lesson_version",
    "encode_id",
    "enroll_official",
    "enter_scores",
    "finalise_results",
    "from_hundredths",
    "frozen",
    "hookimpl",
    "input_id",
    "input_ids",
    "list_bound",
    "now",
    "record_attendance",
    "register_topics",
    "results_lock",
    "review_evidence",
    "schedule_session",
    "submit_evidence",
    "submit_lesson_version",
    "take_test_for_demo",
    "to_hundredths",
]
