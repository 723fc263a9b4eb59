"""Core tortoise models (app label ``core``), one module per aggregate."""

from core.models.accounts import Account, AccountSession, ApiToken, RoleGrant, SignInFailure
from core.models.assessment import (
    CohortScheme,
    ComponentScore,
    Result,
    ResultAmendment,
    SchemeBand,
    SchemeComponent,
)
from core.models.audit import AuditEntry, AuditTarget
from core.models.cohorts import Cohort, Enrollment, EnrollmentEvent, TopicRegistration
from core.models.exams import Exam, ExamSitting, SittingQuestion
from core.models.files import StoredFile
from core.models.lessons import LessonContent, LessonStep, LessonVersion
from core.models.org import HostAgency, OrgUnit
from core.models.people import Official
from core.models.posts import Post, PostQuota
from core.models.practicum import PracticumEvidence, PracticumItem
from core.models.programmes import Board, BoardMember, Programme
from core.models.questions import Question, QuestionVersion
from core.models.schedule import Attendance, CohortSession
from core.models.tracks import Topic, Track

__models__ = [
    OrgUnit,
    HostAgency,
    Post,
    PostQuota,
    Official,
    Programme,
    Board,
    BoardMember,
    Track,
    Topic,
    Cohort,
    Enrollment,
    EnrollmentEvent,
    TopicRegistration,
    Account,
    AccountSession,
    ApiToken,
    SignInFailure,
    RoleGrant,
    AuditEntry,
    AuditTarget,
    StoredFile,
    LessonContent,
    LessonVersion,
    LessonStep,
    CohortSession,
    Attendance,
    PracticumItem,
    PracticumEvidence,
    CohortScheme,
    SchemeComponent,
    SchemeBand,
    Question,
    QuestionVersion,
    Exam,
    ExamSitting,
    SittingQuestion,
    ComponentScore,
    Result,
    ResultAmendment,
]

__all__ = [
    "Account",
    "AccountSession",
    "ApiToken",
    "Attendance",
    "AuditEntry",
    "AuditTarget",
    "Board",
    "BoardMember",
    "Cohort",
    "CohortScheme",
    "CohortSession",
    "ComponentScore",
    "Enrollment",
    "EnrollmentEvent",
    "Exam",
    "ExamSitting",
    "HostAgency",
    "LessonContent",
    "LessonStep",
    "LessonVersion",
    "Official",
    "OrgUnit",
    "Post",
    "PostQuota",
    "PracticumEvidence",
    "PracticumItem",
    "Programme",
    "Question",
    "QuestionVersion",
    "Result",
    "ResultAmendment",
    "RoleGrant",
    "SchemeBand",
    "SchemeComponent",
    "SignInFailure",
    "SittingQuestion",
    "StoredFile",
    "Topic",
    "TopicRegistration",
    "Track",
]
