"""Enumerations stored in core tables (values are stable English identifiers)."""

from __future__ import annotations

from enum import StrEnum


class OrgLevel(StrEnum):
    """Administrative level of an org unit."""

    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"
    TOWNSHIP = "township"


class PostKind(StrEnum):
    """Cadre (elected post, cán bộ) or civil servant (recruited post, công chức)."""

    CADRE = "cadre"
    CIVIL_SERVANT = "civil_servant"


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"


class PoliticalTheoryLevel(StrEnum):
    """Lý luận chính trị: none, sơ cấp, trung cấp, cao cấp."""

    NONE = "none"
    ELEMENTARY = "elementary"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class OfficialStatus(StrEnum):
    ACTIVE = "active"
    ON_LEAVE = "on_leave"
    LEFT = "left"


class AgencyBloc(StrEnum):
    """Which bloc a district host agency belongs to."""

    PARTY = "party"
    MASS_ORGANISATION = "mass_organisation"
    STATE_MANAGEMENT = "state_management"


class BoardKind(StrEnum):
    STEERING_COMMITTEE = "steering_committee"
    DRAFTING_TEACHING_BOARD = "drafting_teaching_board"
    APPRAISAL_BOARD = "appraisal_board"
    SECRETARIAT = "secretariat"


class CohortStatus(StrEnum):
    """Life cycle of a cohort; legal moves are in ``core.services.cohorts.TRANSITIONS``."""

    PLANNED = "planned"
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CLOSED = "closed"


class EnrollmentStatus(StrEnum):
    ENROLLED = "enrolled"
    WITHDRAWN = "withdrawn"


class EnrollmentEventKind(StrEnum):
    """What happened to an enrollment (its history)."""

    ENROLLED = "enrolled"
    WITHDRAWN = "withdrawn"
    REENROLLED = "reenrolled"


class TopicOrigin(StrEnum):
    """Who owns a topic: its track's plugin catalogue, or a coordinator's local addition."""

    PLUGIN = "plugin"
    LOCAL = "local"


class AuditOutcome(StrEnum):
    """How a mutation ended, as its audit entry records it."""

    DONE = "done"
    """It ran and returned no user errors."""
    REFUSED = "refused"
    """It returned user errors (or a bad argument): nothing changed."""
    DENIED = "denied"
    """Not signed in or not allowed: nothing changed."""
    FAILED = "failed"
    """An unexpected error: its transaction was rolled back."""


class Role(StrEnum):
    """What an account may do, over the org unit a grant names and everything below it."""

    ADMIN = "admin"
    COORDINATOR = "coordinator"
    """The programme's secretariat: cohorts, enrollments, grants of assessor, learner, viewer."""
    DRAFTER = "drafter"
    """A member of the drafting-and-teaching board."""
    APPRAISER = "appraiser"
    """A member of the appraisal board."""
    ASSESSOR = "assessor"
    LEARNER = "learner"
    """An official in training: their own record only."""
    VIEWER = "viewer"
    """The steering committee and leaders: reads."""


class LessonVersionStatus(StrEnum):
    """Where a version of lesson content is in drafting → appraisal → approval."""

    DRAFT = "draft"
    """Being written by a drafter; may still change."""
    SUBMITTED = "submitted"
    """Sent to the appraisal board; frozen."""
    APPROVED = "approved"
    """Approved by an appraiser: may be scheduled for teaching."""
    RETURNED = "returned"
    """Sent back with comments; a new version starts the cycle again."""


class LessonStepKind(StrEnum):
    """A step in a lesson version's life, kept with who and when."""

    DRAFTED = "drafted"
    REVISED = "revised"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"


class AttendanceStatus(StrEnum):
    """How a learner attended one session."""

    PRESENT = "present"
    LATE = "late"
    EXCUSED = "excused"
    ABSENT = "absent"


class EvidenceStatus(StrEnum):
    """Where a learner's practicum evidence is in its review by an assessor."""

    SUBMITTED = "submitted"
    SIGNED_OFF = "signed_off"
    RETURNED = "returned"


class ComponentKind(StrEnum):
    """What an assessment scheme's component scores."""

    MULTIPLE_CHOICE_TEST = "multiple_choice_test"
    WRITTEN_TEST = "written_test"
    PRACTICUM = "practicum"
    ATTENDANCE = "attendance"
    PLUGIN = "plugin"
    """A kind a plugin adds (``register_component_kinds``) and grades (``grade_component``)."""


class Difficulty(StrEnum):
    """How hard a bank question is."""

    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"


class SittingSource(StrEnum):
    """How a learner's test answers came in."""

    ONLINE = "online"
    """Answered by the learner, signed in as themselves (submitted, or taken when the window
    closed)."""
    PAPER = "paper"
    """A paper answer sheet entered by an assessor."""
