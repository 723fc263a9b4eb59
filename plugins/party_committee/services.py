"""The rules of the Party track's draft conclusions: submitted once by the learner, scored out
of 10 by an assessor, graded for the whole cohort when its results are finalised.

A learner who observed a meeting of the District Party Standing Board (the practicum item
``observe_standing_board``) drafts its conclusions: the meeting's day, its agenda and the draft
(:func:`submit_draft`, once per enrollment). An assessor over the org unit running the cohort
scores it from 0 to 10 with a comment (:func:`score_draft`; the same assessor may correct their
score, another may not). Both happen while the cohort is IN_PROGRESS or COMPLETED and stop once
its results are final (``RESULTS_FINAL``, as the core's scores and evidence). The scheme's
``party_committee.conclusion_draft`` component is the draft's score (:func:`draft_scores`).

Every function checks everything first and writes nothing when it raises; each runs in one
transaction under the cohort's lock, as the core's services do.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tortoise.transactions import in_transaction

from hocviec import (
    Access,
    Cohort,
    CohortStatus,
    Enrollment,
    EnrollmentStatus,
    ErrorCode,
    ErrorCollector,
    ServiceError,
    from_hundredths,
    now,
    results_lock,
    to_hundredths,
)
from plugins.party_committee.curriculum import SCORE_DRAFT, SUBMIT_DRAFT, TRACK
from plugins.party_committee.models import AGENDA_LENGTH, TEXT_LENGTH, ConclusionDraft

WORKING_STATUSES = frozenset({CohortStatus.IN_PROGRESS, CohortStatus.COMPLETED})
"""Drafts are submitted and scored while the cohort runs and after it completed, until its
results are final."""
COMMENT_LENGTH = 2000


@dataclass(frozen=True)
class DraftText:
    """What a learner submits: the meeting's day, its agenda and the draft conclusions."""

    meeting_on: date
    agenda: str
    text: str


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value).strip()


async def _locked(enrollment_id: int, errors: ErrorCollector) -> tuple[Enrollment, Cohort]:
    """The enrollment, read fresh under its cohort's lock, and the locked cohort; an unknown
    enrollment or one of another track's cohort is refused at once."""
    found = await Enrollment.filter(id=enrollment_id).values_list(
        "cohort_id", "cohort__track__code"
    )
    if not found:
        errors.add("enrollmentId", ErrorCode.NOT_FOUND, "No enrollment has this ID.")
        raise ServiceError(errors.errors)
    cohort_id, track_code = found[0]
    if track_code != TRACK.code:
        errors.add(
            "enrollmentId",
            ErrorCode.NOT_IN_COHORT,
            "This enrollment is in a cohort of another track: draft conclusions belong to the "
            "Party committee track.",
        )
        raise ServiceError(errors.errors)
    cohort = await Cohort.filter(id=cohort_id).select_for_update().get()
    return await Enrollment.get(id=enrollment_id), cohort


def _check_running(
    errors: ErrorCollector, enrollment: Enrollment, cohort: Cohort, doing: str
) -> None:
    """Refuse work on a learner who is not ENROLLED, or in a cohort not running or final."""
    if (locked := results_lock(cohort, "enrollmentId")) is not None:
        raise locked
    if enrollment.status != EnrollmentStatus.ENROLLED:
        errors.add(
            "enrollmentId",
            ErrorCode.NOT_ENROLLED,
            f"This enrollment is {enrollment.status.name}: only an enrolled learner's draft is "
            f"{doing}.",
        )
    elif cohort.status not in WORKING_STATUSES:
        errors.add(
            "enrollmentId",
            ErrorCode.COHORT_LOCKED,
            f"The cohort is {cohort.status.name}: draft conclusions are {doing} while it is "
            "IN_PROGRESS or COMPLETED.",
        )


async def submit_draft(
    actor: Access,
    enrollment_id: int,
    draft: DraftText,
    errors: ErrorCollector | None = None,
) -> ConclusionDraft:
    """Submit the draft conclusions of a meeting for an enrollment of a Party committee cohort.

    By the learner whose enrollment it is, or whoever may submit drafts over the org unit running
    the cohort (a coordinator, for a learner). Refused, with every problem found and nothing
    written: a blank or too long agenda or text, a meeting day outside the cohort's days or in
    the future (``OUTSIDE_COHORT_DATES``, ``INVALID``), an enrollment not ENROLLED, of another
    track (``NOT_IN_COHORT``) or of a cohort that is not running (``COHORT_LOCKED``), a draft
    already submitted for it (``DUPLICATE``), results already final (``RESULTS_FINAL``).

    :raises NotAllowedError: someone else's enrollment, without the permission over its cohort.
    """
    errors = errors or ErrorCollector()
    agenda = _nfc(draft.agenda)
    text = _nfc(draft.text)
    errors.check_required_text("agenda", agenda, AGENDA_LENGTH, "Give the meeting's agenda.")
    errors.check_required_text("text", text, TEXT_LENGTH, "Write the draft conclusions.")
    moment = now()
    if draft.meeting_on > moment.date():
        errors.add("meetingOn", ErrorCode.INVALID, "The meeting cannot be in the future.")
    async with in_transaction():
        enrollment, cohort = await _locked(enrollment_id, errors)
        if enrollment.official_id != actor.own_official_id(SUBMIT_DRAFT):
            await actor.require_on(SUBMIT_DRAFT, cohort.org_unit_id)
        _check_running(errors, enrollment, cohort, "submitted")
        if not cohort.starts_on <= draft.meeting_on <= cohort.ends_on:
            errors.add(
                "meetingOn",
                ErrorCode.OUTSIDE_COHORT_DATES,
                f"The meeting observed is one held during the cohort, from {cohort.starts_on} "
                f"to {cohort.ends_on}.",
            )
        if await ConclusionDraft.exists(enrollment_id=enrollment.id):
            errors.add(
                "enrollmentId",
                ErrorCode.DUPLICATE,
                "This learner's draft conclusions were submitted already; they stay as they "
                "were submitted.",
            )
        errors.raise_if_any()
        return await ConclusionDraft.create(
            enrollment_id=enrollment.id,
            meeting_on=draft.meeting_on,
            agenda=agenda,
            text=text,
            submitted_at=moment,
            submitted_by_id=actor.account_id,
        )


async def score_draft(
    actor: Access,
    enrollment_id: int,
    score: Decimal,
    comment: str,
    errors: ErrorCollector | None = None,
) -> ConclusionDraft:
    """Score an enrollment's submitted draft conclusions from 0 to 10, with a comment.

    By someone who may score drafts over the org unit running the cohort. The assessor who
    scored a draft may correct their score; another may not (``ALREADY_SCORED``). Refused, with
    nothing written: a score outside 0–10 or with more than two decimals (``INVALID_SCORE``), a
    comment too long, an enrollment without a draft (``NOT_FOUND``), one's own draft
    (``OWN_CONTENT``), an enrollment not ENROLLED or a cohort not running, results already
    final (``RESULTS_FINAL``).

    :raises NotAllowedError: without the permission over the cohort's org unit.
    """
    errors = errors or ErrorCollector()
    comment = _nfc(comment)
    errors.check_text("comment", comment, COMMENT_LENGTH)
    hundredths = None
    try:
        hundredths = to_hundredths(score)
    except ValueError as problem:
        errors.add("score", ErrorCode.INVALID_SCORE, str(problem))
    async with in_transaction():
        enrollment, cohort = await _locked(enrollment_id, errors)
        await actor.require_on(SCORE_DRAFT, cohort.org_unit_id)
        _check_running(errors, enrollment, cohort, "scored")
        account = actor.account
        if account is not None and account.official_id == enrollment.official_id:
            errors.add(
                "enrollmentId",
                ErrorCode.OWN_CONTENT,
                "This is your own draft: another assessor scores it.",
            )
        row = await ConclusionDraft.get_or_none(enrollment_id=enrollment.id)
        if row is None:
            errors.add(
                "enrollmentId",
                ErrorCode.NOT_FOUND,
                "No draft conclusions were submitted for this enrollment.",
            )
        elif row.scored_by_id is not None and row.scored_by_id != actor.account_id:
            errors.add(
                "enrollmentId",
                ErrorCode.ALREADY_SCORED,
                "Another assessor scored this draft; only they correct it.",
            )
        errors.raise_if_any()
        assert row is not None and hundredths is not None
        row.score, row.comment = hundredths, comment
        row.scored_by_id, row.scored_at = actor.account_id, now()
        await row.save(update_fields=["score", "comment", "scored_by_id", "scored_at"])
        return row


async def drafts_by_enrollment(enrollment_ids: set[int]) -> dict[int, ConclusionDraft]:
    """The drafts of ``enrollment_ids`` that exist, by enrollment (one statement)."""
    if not enrollment_ids:
        return {}
    rows = await ConclusionDraft.filter(enrollment_id__in=enrollment_ids)
    return {row.enrollment_id: row for row in rows}


async def draft_scores(enrollment_ids: list[int]) -> dict[int, Decimal]:
    """The scored drafts' scores (0–10, two decimals) by enrollment, in one statement: the
    ``party_committee.conclusion_draft`` component of a cohort's results. A learner whose
    draft is missing or unscored is left out (the core then records no score for them)."""
    if not enrollment_ids:
        return {}
    rows = await ConclusionDraft.filter(
        enrollment_id__in=set(enrollment_ids), score__not_isnull=True
    ).values_list("enrollment_id", "score")
    return {enrollment_id: from_hundredths(score) for enrollment_id, score in rows}
