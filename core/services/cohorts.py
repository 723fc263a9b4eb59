"""Cohorts: create, update and move through the life cycle."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tortoise.expressions import Subquery
from tortoise.functions import Count
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from core.limits import MAX_COHORT_CAPACITY, MAX_HOST_AGENCIES_PER_COHORT
from core.models import (
    Cohort,
    Enrollment,
    HostAgency,
    OrgUnit,
    Programme,
    TopicRegistration,
    Track,
)
from core.models.enums import CohortStatus, EnrollmentStatus
from core.orm import column_length
from core.permissions import MANAGE_COHORTS, READ_TRAINING
from core.plugins import PluginRegistry
from core.services.access import Access
from core.services.errors import ErrorCode, ErrorCollector, ServiceError
from core.text import api_name, api_names, nfc
from core.transactions import on_commit

logger = logging.getLogger(__name__)

TRANSITIONS: dict[CohortStatus, frozenset[CohortStatus]] = {
    CohortStatus.PLANNED: frozenset({CohortStatus.OPEN}),
    CohortStatus.OPEN: frozenset({CohortStatus.PLANNED, CohortStatus.IN_PROGRESS}),
    CohortStatus.IN_PROGRESS: frozenset({CohortStatus.COMPLETED}),
    CohortStatus.COMPLETED: frozenset({CohortStatus.CLOSED}),
    CohortStatus.CLOSED: frozenset(),
}
"""Legal status changes: planned → open → in progress → completed → closed (open ↔ planned)."""

NAME_LENGTH: int = column_length(Cohort, "name")

LIFE_CYCLE: tuple[CohortStatus, ...] = (
    CohortStatus.PLANNED,
    CohortStatus.OPEN,
    CohortStatus.IN_PROGRESS,
    CohortStatus.COMPLETED,
    CohortStatus.CLOSED,
)
"""The forward path through :data:`TRANSITIONS`."""

EDITABLE_STATUSES = frozenset({CohortStatus.PLANNED, CohortStatus.OPEN, CohortStatus.IN_PROGRESS})
"""A completed or closed cohort is part of the record and can no longer be edited."""


@dataclass(frozen=True)
class CohortDraft:
    """What a new cohort needs."""

    name: str
    track_id: int
    starts_on: date
    ends_on: date
    capacity: int
    org_unit_id: int
    """The org unit that runs the cohort."""
    programme_id: int | None = None
    host_agency_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class CohortChanges:
    """Fields to change on a cohort; ``None`` leaves a field as it is."""

    name: str | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    capacity: int | None = None
    programme_id: int | None = None
    host_agency_ids: tuple[int, ...] | None = None


@dataclass(frozen=True)
class CohortFilter:
    """Filters of the ``cohorts`` query; ``None`` means no filter on that field."""

    track_ids: tuple[int, ...] | None = None
    statuses: tuple[CohortStatus, ...] | None = None
    programme_id: int | None = None
    starts_from: date | None = None
    starts_until: date | None = None


def filter_cohorts(actor: Access, criteria: CohortFilter) -> QuerySet[Cohort]:
    """The cohorts ``actor`` may read that match ``criteria``."""
    scope = actor.scope(Cohort, READ_TRAINING)
    query = Cohort.all() if scope is None else Cohort.filter(scope)
    if criteria.track_ids is not None:
        query = query.filter(track_id__in=criteria.track_ids)
    if criteria.statuses is not None:
        query = query.filter(status__in=criteria.statuses)
    if criteria.programme_id is not None:
        query = query.filter(programme_id=criteria.programme_id)
    if criteria.starts_from is not None:
        query = query.filter(starts_on__gte=criteria.starts_from)
    if criteria.starts_until is not None:
        query = query.filter(starts_on__lte=criteria.starts_until)
    return query


async def create_cohort(
    actor: Access, draft: CohortDraft, errors: ErrorCollector | None = None
) -> Cohort:
    """Create a planned cohort of an active track, run by an org unit ``actor`` manages.

    ``errors`` may hold problems the caller already found in the input (malformed IDs); they
    are reported together with this service's own, and the fields they name are not looked up.
    """
    errors = errors or ErrorCollector()
    name = nfc(draft.name)
    _check_name(errors, name)
    _check_dates_and_capacity(errors, draft.starts_on, draft.ends_on, draft.capacity)
    host_agencies_listed = _check_host_agency_ids(errors, draft.host_agency_ids)
    async with in_transaction():
        if not errors.has("orgUnitId"):
            unit = await OrgUnit.get_or_none(id=draft.org_unit_id)
            if unit is None:
                errors.add("orgUnitId", ErrorCode.NOT_FOUND, "No org unit has this ID.")
            else:
                actor.require(MANAGE_COHORTS, unit.path)
        if not errors.has("trackId"):
            track = await Track.get_or_none(id=draft.track_id)
            if track is None:
                errors.add("trackId", ErrorCode.NOT_FOUND, "No track has this ID.")
            elif not track.is_active:
                errors.add(
                    "trackId", ErrorCode.TRACK_INACTIVE, f"Track {track.code} is not active."
                )
        programme = await _programme(errors, draft.programme_id)
        if programme is not None:
            _check_within_programme(errors, programme, draft.starts_on, draft.ends_on)
        agencies = await _host_agencies(errors, draft.host_agency_ids, host_agencies_listed)
        errors.raise_if_any()
        cohort = await Cohort.create(
            name=name,
            track_id=draft.track_id,
            org_unit_id=draft.org_unit_id,
            programme_id=draft.programme_id,
            starts_on=draft.starts_on,
            ends_on=draft.ends_on,
            capacity=draft.capacity,
            status=CohortStatus.PLANNED,
        )
        if agencies:
            await cohort.host_agencies.add(*agencies)
    return cohort


async def update_cohort(
    actor: Access, cohort_id: int, changes: CohortChanges, errors: ErrorCollector | None = None
) -> Cohort:
    """Change an editable cohort's details; capacity never drops below its enrollments, and
    the dates stay within the programme's period.

    ``errors`` as for :func:`create_cohort`. Problems of the input alone (text, dates given
    together, capacity, list sizes, malformed IDs) and unknown programme or host agency IDs are
    reported even when ``cohort_id`` names no cohort.
    """
    errors = errors or ErrorCollector()
    name = None if changes.name is None else nfc(changes.name)
    if name is not None:
        _check_name(errors, name)
    if changes.capacity is not None:
        _check_capacity(errors, changes.capacity)
    if changes.starts_on is not None and changes.ends_on is not None:
        _check_dates(errors, changes.starts_on, changes.ends_on)
    host_agencies_listed = changes.host_agency_ids is not None and _check_host_agency_ids(
        errors, changes.host_agency_ids
    )
    if errors.has("cohortId"):
        # No cohort to read: report what the input alone shows.
        errors.raise_if_any()
    async with in_transaction():
        programme = await _programme(errors, changes.programme_id)
        agencies = None
        if changes.host_agency_ids is not None:
            agencies = await _host_agencies(errors, changes.host_agency_ids, host_agencies_listed)
        cohort = await locked_cohort(cohort_id, errors)
        await managed(actor, cohort)
        if cohort.status not in EDITABLE_STATUSES:
            errors.add(
                "cohortId",
                ErrorCode.COHORT_LOCKED,
                f"A cohort that is {api_name(cohort.status)} cannot be edited.",
            )
            errors.raise_if_any()
        if name is not None:
            cohort.name = name
        cohort.starts_on = changes.starts_on or cohort.starts_on
        cohort.ends_on = changes.ends_on or cohort.ends_on
        if changes.capacity is not None:
            cohort.capacity = changes.capacity
        if changes.starts_on is not None or changes.ends_on is not None:
            _check_dates(errors, cohort.starts_on, cohort.ends_on)
        if changes.capacity is not None and not errors.has("capacity"):
            enrolled = await enrolled_count(cohort.id)
            if changes.capacity < enrolled:
                errors.add(
                    "capacity",
                    ErrorCode.CAPACITY_BELOW_ENROLLED,
                    f"{enrolled} officials are enrolled, so the capacity cannot be lower "
                    f"than {enrolled}.",
                )
        if changes.programme_id is not None:
            cohort.programme_id = changes.programme_id
        elif cohort.programme_id is not None and (changes.starts_on or changes.ends_on):
            programme = await Programme.get(id=cohort.programme_id)
        if programme is not None:
            _check_within_programme(errors, programme, cohort.starts_on, cohort.ends_on)
        errors.raise_if_any()
        await cohort.save()
        if agencies is not None:
            await cohort.host_agencies.clear()
            if agencies:
                await cohort.host_agencies.add(*agencies)
    return cohort


class NoticeKind(StrEnum):
    """What an informational :class:`Notice` is about; stable, part of the API."""

    ENROLLMENTS_KEPT = "enrollments_kept"


@dataclass(frozen=True)
class Notice:
    """Something a successful change did that its author should know (not a problem)."""

    kind: NoticeKind
    message: str


@dataclass(frozen=True)
class StatusChange:
    """A cohort moved to a new status, with what the move meant for it."""

    cohort: Cohort
    previous: CohortStatus
    notices: tuple[Notice, ...] = ()


async def change_cohort_status(
    actor: Access,
    cohort_id: int,
    status: CohortStatus,
    registry: PluginRegistry | None = None,
    errors: ErrorCollector | None = None,
) -> Cohort:
    """:func:`move_cohort`, for callers that need only the cohort."""
    return (await move_cohort(actor, cohort_id, status, registry, errors)).cohort


async def move_cohort(
    actor: Access,
    cohort_id: int,
    status: CohortStatus,
    registry: PluginRegistry | None = None,
    errors: ErrorCollector | None = None,
) -> StatusChange:
    """Move a cohort to ``status`` if :data:`TRANSITIONS` allows it, then tell the plugins.

    An OPEN cohort moved back to PLANNED keeps its enrollments (the officials stay enrolled
    and count again when it reopens); the answer says so with an ``ENROLLMENTS_KEPT`` notice
    when there are any. ``errors`` may hold problems the caller found in the input (a
    malformed cohort ID).
    """
    if errors is not None:
        errors.raise_if_any()
    notices: list[Notice] = []
    async with in_transaction():
        cohort = await locked_cohort(cohort_id)
        await managed(actor, cohort)
        previous = cohort.status
        if status not in TRANSITIONS[previous]:
            raise ServiceError.single(
                "status",
                ErrorCode.ILLEGAL_TRANSITION,
                f"A cohort that is {api_name(previous)} cannot become {api_name(status)}; "
                f"allowed: {api_names(TRANSITIONS[previous])}.",
            )
        if status == CohortStatus.CLOSED and cohort.results_final_at is None:
            raise ServiceError.single(
                "status",
                ErrorCode.RESULTS_NOT_FINAL,
                "A cohort is CLOSED once its results are final: finalise them first "
                "(finaliseResults).",
            )
        cohort.status = status
        await cohort.save(update_fields=["status", "updated_at"])
        if previous == CohortStatus.OPEN and status == CohortStatus.PLANNED:
            kept = await enrolled_count(cohort.id)
            if kept:
                notices.append(Notice(NoticeKind.ENROLLMENTS_KEPT, _kept_message(kept)))
    if registry is not None:

        async def notify() -> None:
            failures = await registry.notify(
                "cohort_status_changed", cohort=cohort, previous=previous, current=status
            )
            for failure in failures:
                logger.error("cohort_status_changed hook failed", exc_info=failure)

        # after the mutation's transaction commits, so plugins see the new status
        await on_commit(notify)
    return StatusChange(cohort, previous, tuple(notices))


def _kept_message(kept: int) -> str:
    if kept == 1:
        return (
            "The cohort's 1 enrollment is kept: the official stays enrolled and counts again "
            "when the cohort reopens."
        )
    return (
        f"The cohort's {kept} enrollments are kept: the officials stay enrolled and count "
        "again when the cohort reopens."
    )


async def advance_cohort(
    actor: Access, cohort_id: int, target: CohortStatus, registry: PluginRegistry | None = None
) -> Cohort:
    """Move a cohort forward along :data:`LIFE_CYCLE`, one legal change at a time, to ``target``.

    For demo data and imports that create cohorts already under way; each step is an ordinary
    :func:`change_cohort_status` (its own transaction, plugins told). A target behind the
    cohort's status is an ``ILLEGAL_TRANSITION``.
    """
    cohort = await Cohort.get_or_none(id=cohort_id)
    if cohort is None:
        raise ServiceError.single("cohortId", ErrorCode.NOT_FOUND, "No cohort has this ID.")
    if LIFE_CYCLE.index(target) < LIFE_CYCLE.index(cohort.status):
        raise ServiceError.single(
            "status",
            ErrorCode.ILLEGAL_TRANSITION,
            f"A cohort that is {api_name(cohort.status)} cannot go back to {api_name(target)}.",
        )
    while cohort.status != target:
        following = LIFE_CYCLE[LIFE_CYCLE.index(cohort.status) + 1]
        cohort = await change_cohort_status(actor, cohort.id, following, registry)
    return cohort


async def locked_cohort(cohort_id: int, errors: ErrorCollector | None = None) -> Cohort:
    """The cohort, locked for the rest of the transaction (PostgreSQL; SQLite serialises writes).

    An unknown id is refused at once, with the problems already in ``errors``.
    """
    cohort = await Cohort.filter(id=cohort_id).select_for_update().first()
    if cohort is None:
        errors = errors or ErrorCollector()
        errors.add("cohortId", ErrorCode.NOT_FOUND, "No cohort has this ID.")
        raise ServiceError(errors.errors)
    return cohort


def results_lock(cohort: Cohort, field_name: str = "cohortId") -> ServiceError | None:
    """The refusal for a change to a cohort whose results are final, if they are."""
    if cohort.results_final_at is None:
        return None
    return ServiceError.single(
        field_name,
        ErrorCode.RESULTS_FINAL,
        "The cohort's results are final: its scores, attendance and evidence no longer change "
        "(an admin amends a result with amendResult).",
    )


async def managed(actor: Access, cohort: Cohort, permission: str = MANAGE_COHORTS) -> None:
    """Raise :class:`~core.services.errors.NotAllowedError` unless ``actor`` holds
    ``permission`` over the org unit that runs ``cohort``."""
    await actor.require_on(permission, cohort.org_unit_id)


async def enrolled_count(cohort_id: int) -> int:
    return await Enrollment.filter(cohort_id=cohort_id, status=EnrollmentStatus.ENROLLED).count()


def _check_host_agency_ids(errors: ErrorCollector, ids: tuple[int, ...]) -> bool:
    """Whether the host agency list may be looked up (see :meth:`ErrorCollector.check_ids`)."""
    return errors.check_ids("hostAgencyIds", ids, MAX_HOST_AGENCIES_PER_COHORT)


async def _host_agencies(
    errors: ErrorCollector, ids: tuple[int, ...], listed: bool
) -> list[HostAgency]:
    """The host agencies ``ids`` names, when ``listed`` (the list passed its checks)."""
    if not ids or not listed:
        return []
    agencies = await HostAgency.filter(id__in=ids)
    if len(agencies) != len(ids):
        errors.add("hostAgencyIds", ErrorCode.NOT_FOUND, "Some host agency IDs do not exist.")
    return agencies


async def _programme(errors: ErrorCollector, programme_id: int | None) -> Programme | None:
    """The programme ``programme_id`` names (``None`` when not given, malformed or unknown)."""
    if programme_id is None or errors.has("programmeId"):
        return None
    programme = await Programme.get_or_none(id=programme_id)
    if programme is None:
        errors.add("programmeId", ErrorCode.NOT_FOUND, "No programme has this ID.")
    return programme


def _check_within_programme(
    errors: ErrorCollector, programme: Programme, starts_on: date, ends_on: date
) -> None:
    """A cohort of a programme starts and ends within the programme's years (inclusive)."""
    period = f"{programme.start_year}–{programme.end_year}"
    for field, day, verb in (("startsOn", starts_on, "start"), ("endsOn", ends_on, "end")):
        if not programme.start_year <= day.year <= programme.end_year:
            errors.add(
                field,
                ErrorCode.OUTSIDE_PROGRAMME_PERIOD,
                f"A cohort of programme {programme.code} must {verb} within its period, "
                f"{period} ({day.isoformat()} given).",
            )


def _check_name(errors: ErrorCollector, name: str) -> None:
    if not name:
        errors.add("name", ErrorCode.REQUIRED, "A cohort needs a name.")
    errors.check_text("name", name, NAME_LENGTH)


def _check_dates(errors: ErrorCollector, starts_on: date, ends_on: date) -> None:
    if ends_on < starts_on:
        errors.add("endsOn", ErrorCode.INVALID, "A cohort cannot end before it starts.")


def _check_capacity(errors: ErrorCollector, capacity: int) -> None:
    if capacity < 1:
        errors.add("capacity", ErrorCode.INVALID, "The capacity must be at least 1.")
    elif capacity > MAX_COHORT_CAPACITY:
        errors.add(
            "capacity",
            ErrorCode.INVALID,
            f"The capacity must be at most {MAX_COHORT_CAPACITY} ({capacity} given).",
        )


def _check_dates_and_capacity(
    errors: ErrorCollector, starts_on: date, ends_on: date, capacity: int
) -> None:
    _check_dates(errors, starts_on, ends_on)
    _check_capacity(errors, capacity)


# -- counts a coordinator asks for ------------------------------------------------------------


@dataclass(frozen=True)
class OrgUnitCount:
    """How many of a cohort's ENROLLED officials hold a post in one org unit."""

    cohort_id: int
    org_unit_id: int
    count: int


async def enrollments_by_org_unit(actor: Access, cohort_ids: set[int]) -> list[OrgUnitCount]:
    """ENROLLED enrollments per org unit of the official (their commune), for each cohort, by
    cohort then org-unit path; over the enrollments ``actor`` may read only. One statement
    (a GROUP BY), whatever the number of cohorts."""
    if not cohort_ids:
        return []
    rows = (
        await _readable_enrollments(actor, cohort_ids)
        .annotate(count=Count("id"))
        .group_by("cohort_id", "official__org_unit_id", "official__org_unit__path")
        .order_by("cohort_id", "official__org_unit__path")
        .values("cohort_id", "count", unit="official__org_unit_id")
    )
    return [OrgUnitCount(row["cohort_id"], row["unit"], row["count"]) for row in rows]


async def topic_demand(actor: Access, cohort_ids: set[int]) -> dict[tuple[int, int], int]:
    """How many ENROLLED enrollments of each cohort registered each topic, by (cohort id,
    topic id); topics nobody registered are absent (zero). Over the enrollments ``actor`` may
    read only. One statement (a GROUP BY over a subquery), whatever the number of cohorts."""
    if not cohort_ids:
        return {}
    enrollments = _readable_enrollments(actor, cohort_ids).values("id")
    rows = (
        await TopicRegistration.filter(enrollment_id__in=Subquery(enrollments))
        .annotate(count=Count("id"))
        .group_by("enrollment__cohort_id", "topic_id")
        .values("topic_id", "count", cohort="enrollment__cohort_id")
    )
    return {(row["cohort"], row["topic_id"]): row["count"] for row in rows}


def _readable_enrollments(actor: Access, cohort_ids: set[int]) -> QuerySet[Enrollment]:
    """The ENROLLED enrollments of the cohorts that ``actor`` may read."""
    scope = actor.scope(Enrollment, READ_TRAINING)
    query = Enrollment.all() if scope is None else Enrollment.filter(scope)
    return query.filter(cohort_id__in=cohort_ids, status=EnrollmentStatus.ENROLLED)
