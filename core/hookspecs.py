"""The hocviec plugin contract: every hook a plugin may implement.

A plugin is a module (or object) with functions marked ``@hookimpl`` whose names are hooks below.
hocviec finds plugins two ways: the three built-ins under ``plugins/``, and every installed
distribution that declares an entry point in the group ``hocviec``::

    [project.entry-points.hocviec]
    my_track = "my_package.plugin"

Hooks are always called with keyword arguments; an implementation may accept fewer arguments
than the spec lists. ``register_*`` hooks are collected once at start-up; notifications
(past tense) run after the change they report has been committed. A hook may return an
awaitable where its docstring says so; hocviec awaits it.
"""

from __future__ import annotations

from collections.abc import Awaitable
from decimal import Decimal
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from starlette.requests import Request

    from core.declarations import (
        ActivityKindDeclaration,
        ComponentKindDeclaration,
        DemoContext,
        ModelApp,
        PermissionDeclaration,
        PluginInfo,
        QuestionBankDeclaration,
        SchemeDeclaration,
        TrackDeclaration,
        TypeExtension,
    )
    from core.models import Account, Cohort, Result
    from core.models.enums import CohortStatus

PROJECT_NAME = "hocviec"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)

NOTIFICATIONS = frozenset({"cohort_status_changed", "results_finalised"})
"""Hooks that report something already done: one implementation's failure is logged and the
others are still called."""


# -------------------------------------------------------------------------
# Identity
# -------------------------------------------------------------------------


@hookspec
def plugin_info() -> PluginInfo:
    """Say who the plugin is. Every plugin must implement it.

    Called once per plugin while plugins load, before any other hook.

    :returns: a :class:`core.declarations.PluginInfo` with the plugin's ``id``, ``name``,
        ``version`` and ``core_versions``. Start-up stops, naming the plugin, if the id is not
        lowercase ``snake_case``, is taken by another plugin, or if the running core version is
        outside ``core_versions``.
    """


# -------------------------------------------------------------------------
# Data model
# -------------------------------------------------------------------------


@hookspec
def register_models() -> list[ModelApp]:
    """Contribute tortoise apps of the plugin's own.

    Called at start-up, before the ORM initialises, and by ``hocviec migrate`` and
    ``hocviec makemigrations``.

    :returns: a list of :class:`core.declarations.ModelApp`; each app's ``label`` must equal the
        plugin id. The app lives on the same connection as ``core`` and its models may reference
        core models as ``"core.Official"``. Its migrations are applied after core's.
    """


# -------------------------------------------------------------------------
# Curriculum
# -------------------------------------------------------------------------


@hookspec
def register_tracks() -> list[TrackDeclaration]:
    """Declare the plugin's training tracks: their posts and topic catalogues.

    Called at start-up; the declarations are synced into the ``track``, ``post`` and ``topic``
    tables idempotently: restarting changes nothing, catalogue topics missing from a newer
    declaration are marked inactive (never deleted), and topics a coordinator added locally
    are left alone.

    :returns: a list of :class:`core.declarations.TrackDeclaration`. Track codes are unique
        across plugins; a post declared by two plugins must be declared identically.
        Start-up stops, naming both plugins, on a clash.
    """


# -------------------------------------------------------------------------
# GraphQL
# -------------------------------------------------------------------------


@hookspec
def register_graphql_types() -> list[type]:
    """Contribute strawberry types that the schema must know even if no field returns them.

    Called when the schema is built. Type names must start with the plugin's prefix, the
    plugin id in PascalCase (``party_committee`` → ``PartyCommittee…``), so two plugins cannot
    clash.

    :returns: a list of strawberry types (``@strawberry.type``, ``@strawberry.enum``, …).
    """


@hookspec
def register_query_fields() -> list[type]:
    """Contribute fields to the root ``Query`` type.

    Called when the schema is built. Each returned class is a ``@strawberry.type`` whose
    fields are merged into ``Query``. Field names must start with the plugin's prefix, the
    plugin id in camelCase (``partyCommittee…``); a field name already taken stops start-up,
    naming the plugin. Resolvers must ask ``schema.permissions`` before reading.

    :returns: a list of strawberry types holding query fields.
    """


@hookspec
def register_mutation_fields() -> list[type]:
    """Contribute fields to the root ``Mutation`` type.

    Same rules as :func:`register_query_fields`. Mutations take one ``input`` argument and
    return a payload with ``errors: [UserError!]!`` (see ``schema.errors``).

    :returns: a list of strawberry types holding mutation fields.
    """


@hookspec
def extend_graphql_types() -> list[TypeExtension]:
    """Add fields to core GraphQL types: the Party track's ``Enrollment.partyCommitteeConclusion
    Draft``, say, so a client reads a learner's draft with the rest of their enrollment.

    Called when the schema is built. Each field's resolver gets the core object as ``self``
    (``self.id`` is its database id) and must check access like any resolver; a field read for
    many parents (every enrollment of a page) loads them together through a per-request
    DataLoader (``info.context.loaders.shared(key, make)`` keeps one per request and key).

    :returns: a list of :class:`core.declarations.TypeExtension`, each naming a core type
        exported by ``hocviec`` (``EnrollmentType``, ``CohortType``, ``OfficialType`` …) and a
        ``@strawberry.type`` holding the fields. Field names must start with the plugin's
        camelCase prefix and must not be taken on that type; start-up stops, naming the plugin
        and the field, otherwise.
    """


# -------------------------------------------------------------------------
# Demo data
# -------------------------------------------------------------------------


@hookspec
def load_demo_data(demo: DemoContext) -> Awaitable[None] | None:
    """Add the plugin's demo data for ``hocviec serve --demo``.

    Called once, inside one transaction, after the core demo data (the Bắc Quang district tree,
    posts, officials, host agencies and the 2016–2020 programme) has been written and the
    tracks have been synced, so the plugin can look up its tracks and officials.

    :param demo: a :class:`core.declarations.DemoContext` with a seeded ``random`` generator.
    :returns: ``None`` or an awaitable (write with tortoise inside it).
    """


# -------------------------------------------------------------------------
# Sign-in
# -------------------------------------------------------------------------


@hookspec
def actor_from_request(
    request: Request, trusted_proxy: bool
) -> Account | Awaitable[Account | None] | None:
    """Say which account a request acts for, by a sign-in method of the plugin's own (a
    province's single sign-on header set by a reverse proxy, say).

    Called at most once per request, when the request's account is first needed (``me``, a
    mutation), before the session cookie and the API token are looked at. Implementations are
    asked in call order; the first whose answer (awaited, if it is an awaitable) is an account
    decides, and the awaitables of the ones after it are never run. An inactive account counts
    as nobody.

    :param request: the starlette ``Request`` (headers, client address).
    :param trusted_proxy: whether the request came through a proxy listed in
        ``HOCVIEC_TRUSTED_PROXIES``; a header anyone can send must only be believed then.
    :returns: a ``core.models.Account``, ``None`` to let the others (and the cookie) decide, or
        an awaitable of either.
    """


@hookspec
def register_permissions() -> list[PermissionDeclaration]:
    """Declare the plugin's own actions and the roles that have them.

    Called once at start-up, like the other ``register_*`` hooks. A plugin's resolvers and
    services then ask the permission layer about these names exactly as core asks about its
    own (``schema.permissions.authorize(info, "party_committee.score_draft")`` or
    ``Access.require``): a role holds the permission over the org unit of its grant and every
    unit below it; a learner over their own record only; ``public`` ones hold without sign-in.
    The core's own permissions (``core.permissions``) are declared the same way.

    :returns: a list of :class:`core.declarations.PermissionDeclaration`. Names must be prefixed
        with the plugin id and a dot (``party_committee.score_draft``) and unique; start-up
        stops, naming the plugin, otherwise.
    """


@hookspec
def register_activity_kinds() -> list[ActivityKindDeclaration]:
    """Declare kinds of learning activity the plugin's track uses beyond the core's.

    Called once at start-up, like the other ``register_*`` hooks. The core's kinds
    (``core.activities``: theory, situation handling, observing a meeting, a working trip with
    district leaders, group discussion, case-study exercise, test) are declared the same way. A
    coordinator then schedules a cohort's session as any of them (``scheduleSession``'s
    ``activityKind`` takes the code; the ``activityKinds`` query lists them all).

    :returns: a list of :class:`core.declarations.ActivityKindDeclaration`. Codes must be
        ``snake_case`` prefixed with the plugin id and a dot (``party_committee.conclusion_
        drafting``) and unique; start-up stops, naming the plugin, otherwise. A session keeps
        its code when the plugin is later disabled.
    """


@hookspec
def register_assessment_schemes() -> list[SchemeDeclaration]:
    """Declare how the plugin's tracks are assessed: one scheme per track.

    Called once at start-up. A scheme has weighted components (a multiple-choice test, a
    written test, practicum, attendance), bands (lower bounds and names; the defaults are
    Excellent ≥ 8.0, Good ≥ 6.5, Average ≥ 5.0, Weak below) and a completion rule (a minimum
    attendance rate, every practicum item signed off). A coordinator adjusts a cohort's copy
    while the cohort is PLANNED or OPEN (``adjustAssessmentScheme``).

    :returns: a list of :class:`core.declarations.SchemeDeclaration`, each for one of the
        plugin's own tracks (``track_code``), at most one per track. Weights must sum to exactly
        1 and bands cover 0–10 without gaps or overlaps: the declaration raises ``ValueError``
        otherwise, and start-up stops naming the plugin, as it does for a scheme of another
        plugin's track or a second scheme for a track.
    """


@hookspec
def register_question_banks() -> list[QuestionBankDeclaration]:
    """Ship question banks for the plugin's tracks, as files in the import format.

    Called once at start-up, where every file is read and every row checked: a question whose
    topic is not one of the track's, with fewer than 2 or more than 6 options, no correct option
    or a correct letter beyond its options, or a code used twice stops start-up with a message
    naming the plugin, the file and the question. When the catalogue is synced (start-up, ``hocviec
    migrate``, the demo), questions whose code the track's bank does not hold yet are added;
    a question already in the bank is left as the appraisal board keeps it (revise it with
    ``importQuestions``).

    :returns: a list of :class:`core.declarations.QuestionBankDeclaration`, each for one of the
        plugin's own tracks.
    """


@hookspec
def register_component_kinds() -> list[ComponentKindDeclaration]:
    """Declare kinds of assessment component the plugin grades itself (scored work of its own,
    such as the Party track's draft of a meeting's conclusions, kept in its own models).

    Called once at start-up. A scheme then has a component with ``kind=ComponentKind.PLUGIN``
    and ``plugin_kind`` set to the code; when a cohort's results are finalised, the plugin's
    ``grade_component`` turns its work into component scores for the whole cohort at once.

    :returns: a list of :class:`core.declarations.ComponentKindDeclaration`; codes are
        ``snake_case`` prefixed with the plugin id and a dot, and unique (start-up stops,
        naming the plugin, otherwise).
    """


@hookspec
def grade_component(
    kind: str, cohort: Cohort, enrollment_ids: list[int]
) -> Awaitable[dict[int, Decimal] | None] | dict[int, Decimal] | None:
    """Grade a component of a kind the plugin declared, for a whole cohort, in bulk.

    Called when a cohort's results are finalised (inside that transaction), once per PLUGIN
    component of its scheme; the plugin whose kind it is answers, the others return ``None``.

    :param kind: the component's ``plugin_kind``.
    :param cohort: the cohort (COMPLETED).
    :param enrollment_ids: the ENROLLED learners' enrollments.
    :returns: ``{enrollment id: score}`` with scores from 0 to 10 with two decimals
        (``Decimal``); a learner left out has no score for the component (a reason not to
        complete). Read the plugin's rows for all the learners in one query or a few.
    """


# -------------------------------------------------------------------------
# Domain events
# -------------------------------------------------------------------------


@hookspec
def cohort_status_changed(
    cohort: Cohort, previous: CohortStatus, current: CohortStatus
) -> Awaitable[None] | None:
    """React to a cohort moving through its life cycle (opened, started, completed, closed).

    Called after the status change has been committed, once per implementation. An exception
    raised here is logged and does not undo the change.

    :param cohort: the cohort, with its new status.
    :param previous: the status it had.
    :param current: the status it has now.
    :returns: ``None`` or an awaitable.
    """


@hookspec
def results_finalised(cohort: Cohort, results: list[Result]) -> Awaitable[None] | None:
    """React to a cohort's results being finalised (to file them, to tell someone).

    Called after the finalisation has been committed, once per implementation; an exception is
    logged and does not undo it. Finalising again changes nothing and calls no one.

    :param cohort: the cohort, with ``results_final_at`` set.
    :param results: one ``core.models.Result`` per enrolled learner: ``score`` in hundredths,
        ``band``, ``completed`` and ``reasons``, the official's ``post_id`` and ``org_unit_id``.
    :returns: ``None`` or an awaitable.
    """
