"""The rules of supervision notes: who may record one, and what a note must hold."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from tortoise.transactions import in_transaction

from hocviec import (
    Access,
    Cohort,
    Enrollment,
    EnrollmentStatus,
    ErrorCode,
    ErrorCollector,
    ServiceError,
    now,
)
from hocviec_peoples_council.models import SupervisionNote

RECORD_NOTES = "peoples_council.record_supervision_notes"
"""Learners record their own notes; coordinators anyone's in their units."""
READ_NOTES = "peoples_council.read_supervision_notes"
SUBJECT_LENGTH = 200
FINDINGS_LENGTH = 4000
MAX_NOTES = 20
"""Notes an enrollment holds: a cohort joins a handful of visits."""


@dataclass(frozen=True)
class NoteDraft:
    visited_on: date
    subject: str
    findings: str


async def record_note(
    actor: Access, enrollment_id: int, draft: NoteDraft, errors: ErrorCollector | None = None
) -> SupervisionNote:
    """Record a note for an ENROLLED learner, by the learner or whoever holds
    :data:`RECORD_NOTES` over the cohort's org unit; every problem at once, nothing written."""
    errors = errors or ErrorCollector()
    subject = _text(errors, "subject", draft.subject, SUBJECT_LENGTH)
    findings = _text(errors, "findings", draft.findings, FINDINGS_LENGTH)
    if draft.visited_on > now().date():
        errors.add("visitedOn", ErrorCode.INVALID, "A visit is noted once it has happened.")
    async with in_transaction():
        malformed = errors.has("enrollmentId")  # input_id recorded INVALID_ID: no lookup
        enrollment = None if malformed else await Enrollment.get_or_none(id=enrollment_id)
        if enrollment is None:
            if not malformed:
                errors.add("enrollmentId", ErrorCode.NOT_FOUND, "No enrollment has this ID.")
            raise ServiceError(errors.errors)  # with every other problem of the input
        if enrollment.official_id != actor.own_official_id(RECORD_NOTES):
            cohort = await Cohort.get(id=enrollment.cohort_id)
            await actor.require_on(RECORD_NOTES, cohort.org_unit_id)
        if enrollment.status != EnrollmentStatus.ENROLLED:
            errors.add("enrollmentId", ErrorCode.NOT_ENROLLED, "Only an enrolled learner.")
        elif await SupervisionNote.filter(enrollment_id=enrollment.id).count() >= MAX_NOTES:
            errors.add("enrollmentId", ErrorCode.TOO_MANY, f"At most {MAX_NOTES} notes.")
        errors.raise_if_any()
        return await SupervisionNote.create(
            enrollment_id=enrollment.id,
            visited_on=draft.visited_on,
            subject=subject,
            findings=findings,
            recorded_at=now(),
        )


def _text(errors: ErrorCollector, field: str, value: str, max_length: int) -> str:
    """``value`` in NFC without surrounding blanks; ``REQUIRED`` when empty, and the core's
    checks of storable text (length, NUL characters)."""
    text = unicodedata.normalize("NFC", value).strip()
    errors.check_required_text(field, text, max_length, "This cannot be empty.")
    return text


async def notes_of(enrollment_ids: list[int]) -> list[list[SupervisionNote]]:
    """The notes of each enrollment, in one query, aligned to ``enrollment_ids``."""
    notes: dict[int, list[SupervisionNote]] = {key: [] for key in enrollment_ids}
    for note in await SupervisionNote.filter(enrollment_id__in=enrollment_ids):
        notes[note.enrollment_id].append(note)
    return [notes[key] for key in enrollment_ids]
