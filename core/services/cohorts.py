"""Cohorts: create, update and move through the life cycle."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from core.limits import MAX_HOST_AGENCIES_PER_COHORT
from core.models import Cohort, Enrollment, HostAgency, OrgUnit, Programme, Track
from core.models.enums import CohortStatus, EnrollmentStatus
from core.orm import column_length
from core.permissions import MANAGE_COHORTS, READ_TRAINING
from core.plugins import PluginRegistry
from core.services.access import Access
from core.services.errors import ErrorCode, ErrorCollector, ServiceError
from core.text import nfc
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
                errors.add("orgUnitId", ErrorCode.NOT_FOUND, "No org unit has this id.")
            else:
                actor.require(MANAGE_COHORTS, unit.path)
        if not errors.has("trackId"):
            track = await Track.get_or_none(id=draft.track_id)
            if track is None:
                errors.add("trackId", ErrorCode.NOT_FOUND, "No track has this id.")
            elif not track.is_active:
                errors.add(
                    "trackId", ErrorCode.TRACK_INACTIVE, f"Track {track.code} is not active."
                )
        await _check_programme(errors, draft.programme_id)
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
    """Change an editable cohort's details; capacity never drops below its enrollments.

    ``errors`` as for :func:`create_cohort`. Problems of the input alone (text, list sizes,
    malformed IDs) are reported even when ``cohort_id`` names no cohort.
    """
    errors = errors or ErrorCollector()
    name = None if changes.name is None else nfc(changes.name)
    if name is not None:
        _check_name(errors, name)
    host_agencies_listed = changes.host_agency_ids is not None and _check_host_agency_ids(
        errors, changes.host_agency_ids
    )
    if errors.has("cohortId"):
        # No cohort to read: report what the input alone shows.
        if changes.capacity is not None and changes.capacity < 1:
            errors.add("capacity", ErrorCode.INVALID, "Capacity must be at least 1.")
        errors.raise_if_any()
    async with in_transaction():
        cohort = await locked_cohort(cohort_id, errors)
        await managed(actor, cohort)
        if cohort.status not in EDITABLE_STATUSES:
            errors.add(
                "cohortId",
                ErrorCode.COHORT_LOCKED,
                f"A {cohort.status.value} cohort cannot be edited.",
            )
            errors.raise_if_any()
        if name is not None:
            cohort.name = name
        cohort.starts_on = changes.starts_on or cohort.starts_on
        cohort.ends_on = changes.ends_on or cohort.ends_on
        if changes.capacity is not None:
            cohort.capacity = changes.capacity
        _check_dates_and_capacity(errors, cohort.starts_on, cohort.ends_on, cohort.capacity)
        if changes.capacity is not None and changes.capacity >= 1:
            enrolled = await enrolled_count(cohort.id)
            if changes.capacity < enrolled:
                errors.add(
                    "capacity",
                    ErrorCode.CAPACITY_BELOW_ENROLLED,
                    f"{enrolled} officials are enrolled; capacity cannot be lower.",
                )
        if changes.programme_id is not None:
            await _check_programme(errors, changes.programme_id)
            cohort.programme_id = changes.programme_id
        agencies = None
        if changes.host_agency_ids is not None:
            agencies = await _host_agencies(errors, changes.host_agency_ids, host_agencies_listed)
        errors.raise_if_any()
        await cohort.save()
        if agencies is not None:
            await cohort.host_agencies.clear()
            if agencies:
                await cohort.host_agencies.add(*agencies)
    return cohort


async def change_cohort_status(
    actor: Access,
    cohort_id: int,
    status: CohortStatus,
    registry: PluginRegistry | None = None,
    errors: ErrorCollector | None = None,
) -> Cohort:
    """Move a cohort to ``status`` if :data:`TRANSITIONS` allows it, then tell the plugins.

    ``errors`` may hold problems the caller found in the input (a malformed cohort ID).
    """
    if errors is not None:
        errors.raise_if_any()
    async with in_transaction():
        cohort = await locked_cohort(cohort_id)
        await managed(actor, cohort)
        previous = cohort.status
        if status not in TRANSITIONS[previous]:
            allowed = ", ".join(sorted(s.value for s in TRANSITIONS[previous])) or "none"
            raise ServiceError.single(
                "status",
                ErrorCode.ILLEGAL_TRANSITION,
                f"A {previous.value} cohort cannot become {status.value} (allowed: {allowed}).",
            )
        cohort.status = status
        await cohort.save(update_fields=["status", "updated_at"])
    if registry is not None:

        async def notify() -> None:
            failures = await registry.notify(
                "cohort_status_changed", cohort=cohort, previous=previous, current=status
            )
            for failure in failures:
                logger.error("cohort_status_changed hook failed", exc_info=failure)

        # after the mutation's transaction commits, so plugins see the new status
        await on_commit(notify)
    return cohort


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
        raise ServiceError.single("cohortId", ErrorCode.NOT_FOUND, "No cohort has this id.")
    if LIFE_CYCLE.index(target) < LIFE_CYCLE.index(cohort.status):
        raise ServiceError.single(
            "status",
            ErrorCode.ILLEGAL_TRANSITION,
            f"A {cohort.status.value} cohort cannot go back to {target.value}.",
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
        errors.add("cohortId", ErrorCode.NOT_FOUND, "No cohort has this id.")
        raise ServiceError(errors.errors)
    return cohort


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
        errors.add("hostAgencyIds", ErrorCode.NOT_FOUND, "Some host agency ids do not exist.")
    return agencies


async def _check_programme(errors: ErrorCollector, programme_id: int | None) -> None:
    if programme_id is None or errors.has("programmeId"):
        return
    if not await Programme.exists(id=programme_id):
        errors.add("programmeId", ErrorCode.NOT_FOUND, "No programme has this id.")


def _check_name(errors: ErrorCollector, name: str) -> None:
    if not name:
        errors.add("name", ErrorCode.REQUIRED, "A cohort needs a name.")
    errors.check_text("name", name, NAME_LENGTH)


def _check_dates_and_capacity(
    errors: ErrorCollector, starts_on: date, ends_on: date, capacity: int
) -> None:
    if ends_on < starts_on:
        errors.add("endsOn", ErrorCode.INVALID, "A cohort cannot end before it starts.")
    if capacity < 1:
        errors.add("capacity", ErrorCode.INVALID, "Capacity must be at least 1.")
