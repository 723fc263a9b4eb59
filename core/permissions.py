"""The core's own permissions: declared exactly as a plugin declares its own.

Plugins add theirs with the ``register_permissions`` hook (see ``core.hookspecs``); the
registry merges both lists at start-up (:meth:`core.plugins.PluginRegistry.permissions`), so a
plugin's fields are checked by the same layer as the core's. The names below are the strings
resolvers and services pass to that layer.
"""

from __future__ import annotations

from core.declarations import PermissionDeclaration
from core.models.enums import Role

STAFF = frozenset(
    {Role.ADMIN, Role.COORDINATOR, Role.DRAFTER, Role.APPRAISER, Role.ASSESSOR, Role.VIEWER}
)
"""Every role but the learner's: people who work on the programme, each over their subtree."""
EVERYONE = STAFF | {Role.LEARNER}
MANAGERS = frozenset({Role.ADMIN, Role.COORDINATOR})


def in_words(permission: str) -> str:
    """The action a permission names, for a message: ``read_people`` → "read people", a
    plugin's ``party_committee.score_draft`` → "score draft" (its prefix left out)."""
    return permission.rsplit(".", 1)[-1].replace("_", " ")


READ_CATALOGUE = "read_catalogue"
READ_DIRECTORY = "read_directory"
READ_PEOPLE = "read_people"
READ_TRAINING = "read_training"
MANAGE_CURRICULUM = "manage_curriculum"
MANAGE_PROGRAMMES = "manage_programmes"
MANAGE_ESTABLISHMENT = "manage_establishment"
MANAGE_COHORTS = "manage_cohorts"
MANAGE_ENROLLMENTS = "manage_enrollments"
REGISTER_OWN_TOPICS = "register_own_topics"
DRAFT_CONTENT = "draft_content"
APPRAISE_CONTENT = "appraise_content"
READ_AUDIT = "read_audit"
RECORD_ATTENDANCE = "record_attendance"
SUBMIT_OWN_EVIDENCE = "submit_own_evidence"
REVIEW_PRACTICUM = "review_practicum"
READ_QUESTION_BANK = "read_question_bank"
MANAGE_QUESTION_BANK = "manage_question_bank"
TAKE_OWN_TESTS = "take_own_tests"
ENTER_RESULTS = "enter_results"
AMEND_RESULTS = "amend_results"

CORE_PERMISSIONS = (
    PermissionDeclaration(
        READ_CATALOGUE,
        "Read the public catalogue: plugins, tracks, topics, posts and the org-unit tree.",
        public=True,
    ),
    PermissionDeclaration(
        READ_DIRECTORY,
        "Read host agencies, programmes and their boards.",
        EVERYONE,
    ),
    PermissionDeclaration(
        READ_PEOPLE,
        "Read officials of the org units in scope (a learner: their own record).",
        EVERYONE,
    ),
    PermissionDeclaration(
        READ_TRAINING,
        "Read cohorts, enrollments and topic registrations in scope (a learner: their own).",
        EVERYONE,
    ),
    PermissionDeclaration(MANAGE_CURRICULUM, "Add local topics to a track's catalogue.", MANAGERS),
    PermissionDeclaration(
        MANAGE_PROGRAMMES,
        "Link the seats of the boards of programmes in scope to accounts.",
        MANAGERS,
    ),
    PermissionDeclaration(
        MANAGE_ESTABLISHMENT,
        "Set the post quotas (establishment) of the communes and towns in scope.",
        MANAGERS,
    ),
    PermissionDeclaration(
        MANAGE_COHORTS,
        "Create, change, schedule and move on the cohorts run by the org units in scope.",
        MANAGERS,
    ),
    PermissionDeclaration(
        MANAGE_ENROLLMENTS,
        "Enroll officials in scope in a cohort in scope, withdraw them, register their topics "
        "and give practicum evidence for them.",
        MANAGERS,
    ),
    PermissionDeclaration(
        REGISTER_OWN_TOPICS,
        "Register the topics of one's own enrollment.",
        frozenset({Role.LEARNER}),
    ),
    PermissionDeclaration(
        DRAFT_CONTENT,
        "Draft lesson content for a programme: needs also a seat on its drafting board.",
        frozenset({Role.DRAFTER}),
    ),
    PermissionDeclaration(
        APPRAISE_CONTENT,
        "Appraise lesson content of a programme: needs also a seat on its appraisal board.",
        frozenset({Role.APPRAISER}),
    ),
    PermissionDeclaration(READ_AUDIT, "Read the audit log.", frozenset({Role.ADMIN})),
    PermissionDeclaration(
        RECORD_ATTENDANCE,
        "Record and correct attendance at the sessions of cohorts in scope.",
        MANAGERS | {Role.ASSESSOR},
    ),
    PermissionDeclaration(
        SUBMIT_OWN_EVIDENCE,
        "Give evidence for the practicum items of one's own enrollment.",
        frozenset({Role.LEARNER}),
    ),
    PermissionDeclaration(
        READ_QUESTION_BANK,
        "Read the tracks' question banks, correct options included (never learners).",
        MANAGERS | {Role.DRAFTER, Role.APPRAISER, Role.ASSESSOR},
    ),
    PermissionDeclaration(
        MANAGE_QUESTION_BANK,
        "Import and revise the tracks' question banks (shared by every district).",
        MANAGERS | {Role.APPRAISER},
    ),
    PermissionDeclaration(
        TAKE_OWN_TESTS,
        "Answer and submit one's own tests within their window.",
        frozenset({Role.LEARNER}),
    ),
    PermissionDeclaration(
        ENTER_RESULTS,
        "Enter paper answer sheets and scores for the cohorts in scope.",
        MANAGERS | {Role.ASSESSOR},
    ),
    PermissionDeclaration(
        AMEND_RESULTS,
        "Amend a finalised result, saying why (the original is kept).",
        frozenset({Role.ADMIN}),
    ),
    PermissionDeclaration(
        REVIEW_PRACTICUM,
        "Sign off or return learners' practicum evidence in cohorts in scope.",
        frozenset({Role.ADMIN, Role.ASSESSOR}),
    ),
)
