"""Results: a cohort's weighted scores, bands and completion, finalised once and then locked.

A coordinator finalises a COMPLETED cohort's results in one transaction (:func:`finalise`):
for every ENROLLED learner, each component of the cohort's scheme is scored (a multiple-choice
test from the learner's latest graded sitting, written and practical work from the assessors'
scores, the mean of two with double marking, attendance as the share of held sessions
attended), weighted and rounded half up, banded, and checked against the completion rule (a
missing score, attendance below the minimum, a practicum item not signed off: each a reason).
The learner's post and org unit are kept with the result, which outlives both. Then the cohort's
scores, attendance, tests and evidence are locked (``RESULTS_FINAL``), it may be CLOSED, plugins
hear of it (``results_finalised``), and finalising again changes nothing. An admin amends a
finalised result with a reason, kept beside the original (:func:`amend`).

Every step is a fixed number of statements whatever the number of learners.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from tortoise.transactions import in_transaction

from core.clock import now
from core.declarations import SchemeDeclaration
from core.models import (
    Attendance,
    Cohort,
    ComponentScore,
    Enrollment,
    Exam,
    ExamSitting,
    PracticumEvidence,
    PracticumItem,
    Result,
    ResultAmendment,
)
from core.models.enums import (
    AttendanceStatus,
    CohortStatus,
    ComponentKind,
    EnrollmentStatus,
    EvidenceStatus,
)
from core.orm import column
from core.permissions import AMEND_RESULTS, MANAGE_COHORTS
from core.plugins import PluginRegistry
from core.scores import (
    MAX_SCORE,
    WHOLE_WEIGHT,
    ScoreError,
    band_of,
    share_of_ten,
    to_hundredths,
    weighted_score,
)
from core.services.access import Access
from core.services.cohorts import locked_cohort, managed
from core.services.errors import ErrorCode, ErrorCollector, ServiceError
from core.services.exams import settle_closed
from core.services.schemes import Scheme, schemes_of_cohorts
from core.text import nfc
from core.transactions import on_commit

logger = logging.getLogger(__name__)

REASON_LENGTH = 2000


@dataclass
class Computed:
    """One learner's result, before it is stored."""

    enrollment_id: int
    post_id: int
    org_unit_id: int
    score: int = 0
    band: str = ""
    reasons: list[str] = field(default_factory=list)
    components: list[dict[str, Any]] = field(default_factory=list)

    @property
    def completed(self) -> bool:
        return not self.reasons


Grader = Callable[[str, Cohort, list[int]], Awaitable[Mapping[int, Decimal] | None]]
"""How a PLUGIN component is graded for a cohort: the plugins' ``grade_component`` hook."""


async def compute(cohort: Cohort, scheme: Scheme, grade: Grader | None = None) -> list[Computed]:
    """Every ENROLLED learner's result under ``scheme`` (nothing is written but the settling
    of closed tests); ``grade`` scores the components of plugin kinds."""
    rows = await Enrollment.filter(
        cohort_id=cohort.id, status=EnrollmentStatus.ENROLLED
    ).values_list("id", "official__post_id", "official__org_unit_id")
    found = {row[0]: Computed(row[0], row[1], row[2]) for row in rows}
    ids = set(found)
    attendance = await _attendance_rates(cohort, ids)
    parts = await _component_scores(cohort, ids, scheme, attendance)
    for component in scheme.components:
        if component.kind == ComponentKind.PLUGIN and grade is not None:
            parts[component.code] = _checked(
                component.plugin_kind,
                await grade(component.plugin_kind, cohort, sorted(ids)) or {},
                ids,
            )
    practicum_done = await _practicum_complete(cohort, ids)
    bands = [(band.lower_bound, band.name) for band in scheme.bands]
    for enrollment_id, result in found.items():
        weighted = []
        for component in scheme.components:
            score = parts[component.code].get(enrollment_id)
            if score is None:
                result.reasons.append(f"No score for {component.title}.")
            weighted.append((score or 0, component.weight))
            result.components.append(
                {"code": component.code, "score": score, "weight": component.weight}
            )
        result.score = weighted_score(weighted)
        result.band = band_of(result.score, bands)
        minimum = scheme.min_attendance_rate
        rate = attendance.get(enrollment_id)
        if minimum is not None and (rate is None or rate * WHOLE_WEIGHT < minimum * MAX_SCORE):
            shown = "none recorded" if rate is None else f"{rate / 10:.0f}%"
            result.reasons.append(
                f"Attendance below the minimum of {minimum / 100:.0f}% ({shown})."
            )
        if scheme.practicum_signed_off and not practicum_done.get(enrollment_id, True):
            result.reasons.append("Not every practicum item is signed off.")
    return list(found.values())


async def finalise(
    actor: Access,
    cohort_id: int,
    declared: Mapping[str, SchemeDeclaration],
    registry: PluginRegistry | None = None,
    errors: ErrorCollector | None = None,
) -> Cohort:
    """Finalise a COMPLETED cohort's results (see the module); again: nothing changes."""
    errors = errors or ErrorCollector()
    async with in_transaction():
        cohort = await locked_cohort(cohort_id, errors)
        await managed(actor, cohort, MANAGE_COHORTS)
        if cohort.results_final_at is not None:
            return cohort
        if cohort.status != CohortStatus.COMPLETED:
            errors.add(
                "cohortId",
                ErrorCode.COHORT_NOT_COMPLETED,
                f"The cohort is {cohort.status.name}: results are finalised once it is COMPLETED.",
            )
        scheme = (await schemes_of_cohorts({cohort.id: cohort.track_id}, declared))[cohort.id]
        if scheme is None:
            errors.add(
                "cohortId",
                ErrorCode.NOT_IN_SCHEME,
                "The cohort has no assessment scheme: adjust one, or its track's plugin "
                "declares none.",
            )
        errors.raise_if_any()
        assert scheme is not None
        await settle_closed(set(await column(Exam.filter(cohort_id=cohort.id), "id")))
        computed = await compute(cohort, scheme, None if registry is None else _grader(registry))
        moment = now()
        await Result.bulk_create(
            [
                Result(
                    enrollment_id=r.enrollment_id,
                    cohort_id=cohort.id,
                    score=r.score,
                    band=r.band,
                    completed=r.completed,
                    reasons=r.reasons,
                    components=r.components,
                    post_id=r.post_id,
                    org_unit_id=r.org_unit_id,
                    finalised_at=moment,
                )
                for r in computed
            ],
            batch_size=500,
        )
        cohort.results_final_at = moment
        await cohort.save(update_fields=["results_final_at", "updated_at"])
    if registry is not None:

        async def notify() -> None:
            results = await Result.filter(cohort_id=cohort.id)
            for failure in await registry.notify(
                "results_finalised", cohort=cohort, results=results
            ):
                logger.error("results_finalised hook failed", exc_info=failure)

        await on_commit(notify)
    return cohort


async def amend(
    actor: Access,
    enrollment_id: int,
    score: Decimal,
    completed: bool,
    reason: str,
    declared: Mapping[str, SchemeDeclaration],
    errors: ErrorCollector | None = None,
) -> Result:
    """Amend a finalised result (an admin over the cohort's org unit), saying why; the band
    follows the new score, and the amendment is kept beside the original."""
    errors = errors or ErrorCollector()
    reason = nfc(reason).strip()
    errors.check_required_text("reason", reason, REASON_LENGTH, "Say why the result is amended.")
    try:
        hundredths = to_hundredths(score)
    except ScoreError as error:
        errors.add("score", ErrorCode.INVALID_SCORE, str(error))
        hundredths = 0
    async with in_transaction():
        result = await Result.filter(enrollment_id=enrollment_id).select_for_update().first()
        if result is None:
            errors.add(
                "enrollmentId",
                ErrorCode.NOT_FOUND,
                "This enrollment has no finalised result to amend.",
            )
            raise ServiceError(errors.errors)
        cohort = await Cohort.get(id=result.cohort_id)
        await managed(actor, cohort, AMEND_RESULTS)
        errors.raise_if_any()
        scheme = (await schemes_of_cohorts({cohort.id: cohort.track_id}, declared))[cohort.id]
        bands = [(b.lower_bound, b.name) for b in scheme.bands] if scheme else []
        band = band_of(hundredths, bands) if bands else result.band
        await ResultAmendment.create(
            result_id=result.id,
            previous_score=result.score,
            previous_band=result.band,
            previous_completed=result.completed,
            score=hundredths,
            band=band,
            completed=completed,
            reason=reason,
            amended_by_id=actor.account_id,
            amended_at=now(),
        )
        result.score, result.band, result.completed = hundredths, band, completed
        await result.save(update_fields=["score", "band", "completed"])
    return result


def _grader(registry: PluginRegistry) -> Grader:
    async def grade(kind: str, cohort: Cohort, enrollment_ids: list[int]) -> Any:
        return await registry.first_result(
            "grade_component", kind=kind, cohort=cohort, enrollment_ids=enrollment_ids
        )

    return grade


def _checked(kind: str, scores: Mapping[int, Decimal], ids: set[int]) -> dict[int, int]:
    """A plugin's scores in hundredths; one that is not a score (or not for a learner of the
    cohort) is left out and logged: the learner then has no score for the component."""
    found = {}
    for enrollment_id, score in scores.items():
        try:
            if enrollment_id in ids:
                found[enrollment_id] = to_hundredths(Decimal(score))
        except (ScoreError, ArithmeticError, TypeError, ValueError):
            logger.error("grade_component %s gave %r for enrollment %s", kind, score, enrollment_id)
    return found


async def _component_scores(
    cohort: Cohort, ids: set[int], scheme: Scheme, attendance: Mapping[int, int | None]
) -> dict[str, dict[int, int]]:
    """Each component's score (hundredths) per enrollment, where there is one."""
    parts: dict[str, dict[int, int]] = {c.code: {} for c in scheme.components}
    kinds = {c.code: c for c in scheme.components}
    if any(c.kind == ComponentKind.MULTIPLE_CHOICE_TEST for c in scheme.components):
        latest: dict[int, int] = {}
        for enrollment_id, score in (
            await ExamSitting.filter(
                exam__cohort_id=cohort.id, enrollment_id__in=ids, score__isnull=False
            )
            .order_by("exam_id")
            .values_list("enrollment_id", "score")
        ):
            latest[enrollment_id] = score  # the latest test's graded sitting
        for code, component in kinds.items():
            if component.kind == ComponentKind.MULTIPLE_CHOICE_TEST:
                parts[code] = dict(latest)
    for enrollment_id, code, score, second in await ComponentScore.filter(
        enrollment_id__in=ids, component__in=list(kinds)
    ).values_list("enrollment_id", "component", "score", "second_score"):
        component = kinds[code]
        if component.double_marking:
            if second is None:
                continue  # not marked twice yet: missing
            parts[code][enrollment_id] = (score + second + 1) // 2  # the mean, half up
        else:
            parts[code][enrollment_id] = score
    for code, component in kinds.items():
        if component.kind == ComponentKind.ATTENDANCE:
            parts[code] = {key: rate for key, rate in attendance.items() if rate is not None}
    return parts


async def _attendance_rates(cohort: Cohort, ids: set[int]) -> dict[int, int | None]:
    """Each learner's sessions attended (present or late) out of the sessions held (those with
    attendance recorded), as a score out of 10 in hundredths; ``None`` when none was held."""
    held = (
        await Attendance.filter(session__cohort_id=cohort.id)
        .distinct()
        .values_list("session_id", flat=True)
    )
    sessions = len(set(held))
    if not sessions:
        return dict.fromkeys(ids)
    attended: dict[int, int] = defaultdict(int)
    for enrollment_id, status in await Attendance.filter(
        enrollment_id__in=ids, session__cohort_id=cohort.id
    ).values_list("enrollment_id", "status"):
        if AttendanceStatus(status) in (AttendanceStatus.PRESENT, AttendanceStatus.LATE):
            attended[enrollment_id] += 1
    return {key: share_of_ten(attended[key], sessions) for key in ids}


async def _practicum_complete(cohort: Cohort, ids: set[int]) -> dict[int, bool]:
    items = dict(
        await PracticumItem.filter(track_id=cohort.track_id, is_active=True).values_list(
            "id", "required_count"
        )
    )
    signed: dict[tuple[int, int], int] = defaultdict(int)
    for enrollment_id, item_id in await PracticumEvidence.filter(
        enrollment_id__in=ids, status=EvidenceStatus.SIGNED_OFF
    ).values_list("enrollment_id", "item_id"):
        signed[(enrollment_id, item_id)] += 1
    return {
        key: all(signed[(key, item)] >= needed for item, needed in items.items()) for key in ids
    }
