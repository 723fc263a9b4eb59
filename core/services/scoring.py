"""Scores of written and practical work, entered by assessors for a cohort's learners.

An assessor enters a component's scores for a whole sheet of learners at once
(:func:`enter_scores`), with a comment each, while the cohort is IN_PROGRESS or COMPLETED. The
component is one of the cohort's scheme (``core.services.schemes``) scored by people: a written
test or practical work. Where the scheme asks for double marking, a second assessor's scores are
kept beside the first (the result takes their mean; the difference is shown). An assessor
entering again corrects their own scores.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from tortoise.transactions import in_transaction

from core.clock import now
from core.declarations import SchemeDeclaration
from core.models import ComponentScore, Enrollment
from core.models.enums import CohortStatus, ComponentKind, EnrollmentStatus
from core.permissions import ENTER_RESULTS
from core.scores import ScoreError, to_hundredths
from core.services.access import Access
from core.services.cohorts import locked_cohort, managed, results_lock
from core.services.errors import ErrorCode, ErrorCollector
from core.services.schemes import schemes_of_cohorts
from core.text import nfc

SCORED_BY_ASSESSORS = frozenset({ComponentKind.WRITTEN_TEST, ComponentKind.PRACTICUM})
"""Components scored by people; a multiple-choice test is graded from its sittings and
attendance from the register."""
SCORING_STATUSES = frozenset({CohortStatus.IN_PROGRESS, CohortStatus.COMPLETED})
MAX_ENTRIES = 500
"""Learners one sheet scores (a cohort's capacity at most)."""
COMMENT_LENGTH = 2000


@dataclass(frozen=True)
class ScoreEntry:
    enrollment_id: int
    score: Decimal
    comment: str = ""


async def enter_scores(
    actor: Access,
    cohort_id: int,
    component: str,
    entries: Sequence[ScoreEntry],
    declared: Mapping[str, SchemeDeclaration],
    errors: ErrorCollector | None = None,
) -> list[ComponentScore]:
    """Record ``actor``'s scores of ``component`` for the learners of ``entries``.

    Refused, with every problem at once and nothing written: a score outside 0–10 or with more
    than two decimals (``INVALID_SCORE`` on ``entries.<i>.score``), someone not ENROLLED in the
    cohort (``NOT_ENROLLED``), a component the cohort's scheme lacks or that is not scored by
    assessors (``NOT_IN_SCHEME``), a cohort neither IN_PROGRESS nor COMPLETED. With double
    marking, the first assessor's scores are the first marks and another assessor's the
    second; a third assessor is refused (``ALREADY_SCORED``).
    """
    errors = errors or ErrorCollector()
    if len(entries) > MAX_ENTRIES:
        errors.add("entries", ErrorCode.TOO_MANY, f"At most {MAX_ENTRIES} entries a sheet.")
    scores: dict[int, tuple[int, str]] = {}
    for index, entry in enumerate(entries[:MAX_ENTRIES]):
        where = f"entries.{index}"
        comment = nfc(entry.comment).strip()
        errors.check_text(f"{where}.comment", comment, COMMENT_LENGTH)
        try:
            hundredths = to_hundredths(entry.score)
        except ScoreError as error:
            errors.add(f"{where}.score", ErrorCode.INVALID_SCORE, str(error))
            continue
        if entry.enrollment_id in scores:
            errors.add(f"{where}.enrollmentId", ErrorCode.DUPLICATE, "Scored twice on the sheet.")
        scores[entry.enrollment_id] = (hundredths, comment)
    async with in_transaction():
        cohort = await locked_cohort(cohort_id, errors)
        await managed(actor, cohort, ENTER_RESULTS)
        if (locked := results_lock(cohort)) is not None:
            raise locked
        if cohort.status not in SCORING_STATUSES:
            errors.add(
                "cohortId",
                ErrorCode.COHORT_LOCKED,
                f"The cohort is {cohort.status.name}: scores are entered while it is "
                "IN_PROGRESS or COMPLETED.",
            )
        scheme = (await schemes_of_cohorts({cohort.id: cohort.track_id}, declared))[cohort.id]
        part = (
            None
            if scheme is None
            else next((c for c in scheme.components if c.code == component), None)
        )
        if part is None or part.kind not in SCORED_BY_ASSESSORS:
            errors.add(
                "componentCode",
                ErrorCode.NOT_IN_SCHEME,
                f"The cohort's scheme has no written or practical component {component!r}.",
            )
        enrolled = {
            row[0]: EnrollmentStatus(row[2]) if row[1] == cohort.id else None
            for row in await Enrollment.filter(
                id__in={entry.enrollment_id for entry in entries[:MAX_ENTRIES]}
            ).values_list("id", "cohort_id", "status")
        }
        for index, entry in enumerate(entries[:MAX_ENTRIES]):
            if enrolled.get(entry.enrollment_id) != EnrollmentStatus.ENROLLED:
                errors.add(
                    f"entries.{index}.enrollmentId",
                    ErrorCode.NOT_ENROLLED,
                    "This is not an ENROLLED learner of the cohort.",
                )
        existing = {
            row.enrollment_id: row
            for row in await ComponentScore.filter(
                enrollment_id__in=set(scores), component=component
            ).select_for_update()
        }
        double = part is not None and part.double_marking
        for index, entry in enumerate(entries[:MAX_ENTRIES]):
            row = existing.get(entry.enrollment_id)
            if (
                row is not None
                and actor.account_id not in (row.scored_by_id, row.second_by_id)
                and (not double or row.second_by_id is not None)
            ):
                errors.add(
                    f"entries.{index}.enrollmentId",
                    ErrorCode.ALREADY_SCORED,
                    "Another assessor scored this learner"
                    + (" twice already." if double else "; only they correct it."),
                )
        errors.raise_if_any()
        return await _write(actor, component, scores, existing, double)


async def _write(
    actor: Access,
    component: str,
    scores: dict[int, tuple[int, str]],
    existing: dict[int, ComponentScore],
    double: bool,
) -> list[ComponentScore]:
    moment = now()
    new = []
    changed = []
    for enrollment_id, (score, comment) in scores.items():
        row = existing.get(enrollment_id)
        if row is None:
            new.append(
                ComponentScore(
                    enrollment_id=enrollment_id,
                    component=component,
                    score=score,
                    comment=comment,
                    scored_by_id=actor.account_id,
                    scored_at=moment,
                )
            )
        elif row.scored_by_id == actor.account_id or not double:
            row.score, row.comment, row.scored_at = score, comment, moment
            changed.append(row)
        else:
            row.second_score, row.second_comment = score, comment
            row.second_by_id, row.second_at = actor.account_id, moment
            changed.append(row)
    if new:
        await ComponentScore.bulk_create(new)
    if changed:
        await ComponentScore.bulk_update(
            changed,
            fields=[
                "score",
                "comment",
                "scored_at",
                "second_score",
                "second_comment",
                "second_by_id",
                "second_at",
            ],
        )
    return list(
        await ComponentScore.filter(enrollment_id__in=set(scores), component=component).order_by(
            "enrollment_id"
        )
    )
