"""Enrollments and topic registrations ("cần gì học nấy": learn what you need)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Subquery
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from core.clock import now
from core.limits import MAX_REENROLLMENTS, MAX_TOPICS_PER_ENROLLMENT
from core.models import (
    Cohort,
    Enrollment,
    EnrollmentEvent,
    Official,
    OrgUnit,
    Topic,
    TopicRegistration,
    Track,
)
from core.models.enums import (
    CohortStatus,
    EnrollmentEventKind,
    EnrollmentStatus,
    OfficialStatus,
)
from core.orm import column, column_length
from core.permissions import MANAGE_ENROLLMENTS, READ_TRAINING, REGISTER_OWN_TOPICS
from core.services.access import Access
from core.services.cohorts import enrolled_count, locked_cohort, managed
from core.services.errors import ErrorCode, ErrorCollector, ServiceError
from core.text import api_name, nfc

REASON_LENGTH: int = column_length(EnrollmentEvent, "reason")

RUNNING_STATUSES = frozenset({CohortStatus.OPEN, CohortStatus.IN_PROGRESS})
"""A cohort is running while it is open or in progress: an official is in one running cohort
of a track at a time."""

CHANGEABLE_STATUSES = RUNNING_STATUSES
"""Withdrawals and topic choices are possible while a cohort is open or running."""


@dataclass(frozen=True)
class EnrollmentFilter:
    cohort_id: int | None = None
    official_id: int | None = None
    statuses: tuple[EnrollmentStatus, ...] | None = None
    org_unit_path: str | None = None
    """Only officials of the org unit with this path, or of a unit below it."""


def filter_enrollments(actor: Access, criteria: EnrollmentFilter) -> QuerySet[Enrollment]:
    """The enrollments ``actor`` may read that match ``criteria``."""
    scope = actor.scope(Enrollment, READ_TRAINING)
    query = Enrollment.all() if scope is None else Enrollment.filter(scope)
    if criteria.cohort_id is not None:
        query = query.filter(cohort_id=criteria.cohort_id)
    if criteria.official_id is not None:
        query = query.filter(official_id=criteria.official_id)
    if criteria.statuses is not None:
        query = query.filter(status__in=criteria.statuses)
    if criteria.org_unit_path is not None:
        units = OrgUnit.filter(path__startswith=criteria.org_unit_path).values("id")
        officials = Official.filter(org_unit_id__in=Subquery(units)).values("id")
        query = query.filter(official_id__in=Subquery(officials))
    return query


async def enroll_official(
    actor: Access, official_id: int, cohort_id: int, errors: ErrorCollector | None = None
) -> Enrollment:
    """Enroll an active official whose post is one of the track's posts in an open cohort.

    ``actor`` needs to manage enrollments over both the cohort's org unit and the official's.

    The cohort row is locked, so concurrent enrollments cannot overfill it; the unique
    (official, cohort) constraint turns a racing duplicate into ``ALREADY_ENROLLED``.
    An official enrolled in another running (OPEN or IN_PROGRESS) cohort of the same track is
    refused with ``ALREADY_IN_TRACK``; a withdrawn enrollment is re-activated rather than
    duplicated. ``errors`` may hold problems the caller found in the input (malformed IDs);
    they are refused before any lookup. Then every problem found is reported together: an
    unknown cohort with an unknown official, a cohort that is not open with an official whose
    post does not fit.
    """
    errors = errors or ErrorCollector()
    errors.raise_if_any()
    try:
        async with in_transaction():
            cohort = await Cohort.filter(id=cohort_id).select_for_update().first()
            if cohort is None:
                errors.add("cohortId", ErrorCode.NOT_FOUND, "No cohort has this ID.")
            # the official's row too: two enrollments of one official in two cohorts of a
            # track hold different cohort locks, and must not both pass ALREADY_IN_TRACK
            official = await Official.filter(id=official_id).select_for_update().first()
            if official is None:
                errors.add("officialId", ErrorCode.NOT_FOUND, "No official has this ID.")
            errors.raise_if_any()
            assert cohort is not None and official is not None
            await managed(actor, cohort, MANAGE_ENROLLMENTS)
            await actor.require_on(MANAGE_ENROLLMENTS, official.org_unit_id)
            await _check_can_enroll(errors, official, cohort)
            existing = await Enrollment.get_or_none(official_id=official_id, cohort_id=cohort_id)
            if existing is not None and existing.status == EnrollmentStatus.ENROLLED:
                errors.add("officialId", ErrorCode.ALREADY_ENROLLED, ALREADY_ENROLLED)
            elif (running := await _running_enrollment(official_id, cohort)) is not None:
                errors.add(
                    "officialId",
                    ErrorCode.ALREADY_IN_TRACK,
                    f'The official is already enrolled in "{running.name}", a cohort of the '
                    f"same track that is {api_name(running.status)}; withdraw them there first.",
                )
            if await enrolled_count(cohort_id) >= cohort.capacity:
                errors.add(
                    "cohortId",
                    ErrorCode.COHORT_FULL,
                    f"The cohort is full: all {cohort.capacity} places are taken.",
                )
            if existing is not None and not errors.has("officialId"):
                again = EnrollmentEvent.filter(
                    enrollment_id=existing.id, kind=EnrollmentEventKind.REENROLLED
                )
                if await again.count() >= MAX_REENROLLMENTS:
                    errors.add(
                        "officialId",
                        ErrorCode.TOO_MANY,
                        "This official has left and rejoined this cohort too often.",
                    )
            errors.raise_if_any()
            if existing is not None:
                # enrolled again: the same place, and the withdrawal stays in its history
                existing.status = EnrollmentStatus.ENROLLED
                existing.withdrawn_at = None
                await existing.save(update_fields=["status", "withdrawn_at"])
                await _event(existing, EnrollmentEventKind.REENROLLED, actor)
                return existing
            enrollment = await Enrollment.create(official_id=official_id, cohort_id=cohort_id)
            await _event(enrollment, EnrollmentEventKind.ENROLLED, actor, at=enrollment.enrolled_at)
            return enrollment
    except IntegrityError:
        raise _already_enrolled() from None


async def _running_enrollment(official_id: int, cohort: Cohort) -> Cohort | None:
    """Another running (OPEN or IN_PROGRESS) cohort of ``cohort``'s track in which the official
    is enrolled, if any (the first by id)."""
    return (
        await Cohort.filter(
            track_id=cohort.track_id,
            status__in=RUNNING_STATUSES,
            enrollments__official_id=official_id,
            enrollments__status=EnrollmentStatus.ENROLLED,
        )
        .exclude(id=cohort.id)
        .order_by("id")
        .first()
    )


async def withdraw_enrollment(
    actor: Access, enrollment_id: int, reason: str, errors: ErrorCollector | None = None
) -> Enrollment:
    """Withdraw an enrollment, saying why (kept in the record, with its topics and its
    history) while the cohort runs; ``actor`` manages enrollments over the cohort's org unit."""
    errors = errors or ErrorCollector()
    reason = nfc(reason).strip()
    errors.check_required_text(
        "reason", reason, REASON_LENGTH, "Say why the official is withdrawn."
    )
    errors.raise_if_any()
    async with in_transaction():
        enrollment, cohort = await locked_enrollment(enrollment_id)
        await managed(actor, cohort, MANAGE_ENROLLMENTS)
        if enrollment.status == EnrollmentStatus.WITHDRAWN:
            raise ServiceError.single(
                "enrollmentId", ErrorCode.ALREADY_WITHDRAWN, "This enrollment is already withdrawn."
            )
        _check_changeable(errors, cohort)
        errors.raise_if_any()
        enrollment.status = EnrollmentStatus.WITHDRAWN
        enrollment.withdrawn_at = now()
        await enrollment.save(update_fields=["status", "withdrawn_at"])
        await _event(
            enrollment, EnrollmentEventKind.WITHDRAWN, actor, reason, at=enrollment.withdrawn_at
        )
    return enrollment


async def register_topics(
    actor: Access,
    enrollment_id: int,
    topic_ids: tuple[int, ...],
    errors: ErrorCollector | None = None,
) -> Enrollment:
    """Make ``topic_ids`` the enrollment's registered topics (its cohort's track only).

    By whoever manages enrollments over the cohort's org unit, or by the learner whose
    enrollment it is ("cần gì học nấy": they register what they need).

    At most :data:`~core.limits.MAX_TOPICS_PER_ENROLLMENT`, each once; these checks and the
    problems already in ``errors`` (malformed IDs) are reported together before any lookup.
    """
    errors = errors or ErrorCollector()
    listed = errors.check_ids("topicIds", topic_ids, MAX_TOPICS_PER_ENROLLMENT)
    errors.raise_if_any()
    wanted = set(topic_ids)
    async with in_transaction():
        topics = []
        if listed and wanted:
            topics = await Topic.filter(id__in=wanted).only("id", "track_id", "is_active", "code")
            if missing := wanted - {topic.id for topic in topics}:
                errors.add(
                    "topicIds",
                    ErrorCode.NOT_FOUND,
                    f"{len(missing)} of the topic IDs name no topic.",
                )
        enrollment, cohort = await locked_enrollment(enrollment_id, errors)
        if enrollment.official_id != actor.own_official_id(REGISTER_OWN_TOPICS):
            await managed(actor, cohort, MANAGE_ENROLLMENTS)
        if enrollment.status != EnrollmentStatus.ENROLLED:
            errors.add(
                "enrollmentId",
                ErrorCode.ALREADY_WITHDRAWN,
                "A withdrawn enrollment cannot register topics.",
            )
        else:
            _check_changeable(errors, cohort)
        foreign = sorted(topic.code for topic in topics if topic.track_id != cohort.track_id)
        inactive = sorted(topic.code for topic in topics if not topic.is_active)
        if foreign:
            errors.add(
                "topicIds",
                ErrorCode.TOPIC_NOT_IN_TRACK,
                f"Topics {', '.join(foreign)} are not in this cohort's track.",
            )
        elif inactive:
            errors.add(
                "topicIds",
                ErrorCode.INVALID,
                f"Topics {', '.join(inactive)} are no longer in the catalogue.",
            )
        errors.raise_if_any()
        current = set(
            await TopicRegistration.filter(enrollment_id=enrollment_id).values_list(
                "topic_id", flat=True
            )
        )
        if dropped := current - wanted:
            await TopicRegistration.filter(
                enrollment_id=enrollment_id, topic_id__in=dropped
            ).delete()
        if added := wanted - current:
            await TopicRegistration.bulk_create(
                [TopicRegistration(enrollment_id=enrollment_id, topic_id=t) for t in sorted(added)]
            )
    return enrollment


async def _check_can_enroll(errors: ErrorCollector, official: Official, cohort: Cohort) -> None:
    if cohort.status != CohortStatus.OPEN:
        errors.add(
            "cohortId",
            ErrorCode.COHORT_NOT_OPEN,
            f"The cohort is {api_name(cohort.status)}; officials enroll only while it is OPEN.",
        )
    track = await Track.get(id=cohort.track_id)
    if not track.is_active:
        errors.add("cohortId", ErrorCode.TRACK_INACTIVE, f"Track {track.code} is not active.")
    if official.status != OfficialStatus.ACTIVE:
        errors.add(
            "officialId",
            ErrorCode.NOT_ELIGIBLE,
            f"The official is {api_name(official.status)}; only ACTIVE officials enroll.",
        )
    elif not await track.posts.filter(id=official.post_id).exists():
        errors.add(
            "officialId",
            ErrorCode.NOT_ELIGIBLE,
            f"The official's post is not one of the posts of track {track.code}.",
        )


def _check_changeable(errors: ErrorCollector, cohort: Cohort) -> None:
    if cohort.status not in CHANGEABLE_STATUSES:
        errors.add(
            "enrollmentId",
            ErrorCode.COHORT_LOCKED,
            f"The cohort is {api_name(cohort.status)}; its enrollments change only while it is "
            "OPEN or IN_PROGRESS.",
        )


async def locked_enrollment(
    enrollment_id: int, errors: ErrorCollector | None = None
) -> tuple[Enrollment, Cohort]:
    """The enrollment read fresh under its cohort's lock, and the locked cohort.

    Every change to an enrollment happens under its cohort's lock (as enrollments do), so
    concurrent withdrawals, registrations or evidence see each other's result, and locks are
    always taken in the same order (cohort first), which rules out deadlocks. An unknown ID is
    refused at once, with the problems already in ``errors``.
    """
    cohort_id = await column(Enrollment.filter(id=enrollment_id), "cohort_id")
    if not cohort_id:
        errors = errors or ErrorCollector()
        errors.add("enrollmentId", ErrorCode.NOT_FOUND, "No enrollment has this ID.")
        raise ServiceError(errors.errors)
    cohort = await locked_cohort(cohort_id[0])
    return await Enrollment.get(id=enrollment_id), cohort


async def _event(
    enrollment: Enrollment,
    kind: EnrollmentEventKind,
    actor: Access,
    reason: str = "",
    at: datetime | None = None,
) -> None:
    await EnrollmentEvent.create(
        enrollment_id=enrollment.id,
        kind=kind,
        reason=reason,
        at=at or now(),
        actor_id=actor.account_id,
    )


ALREADY_ENROLLED = "The official is already enrolled in this cohort."


def _already_enrolled() -> ServiceError:
    return ServiceError.single("officialId", ErrorCode.ALREADY_ENROLLED, ALREADY_ENROLLED)
