"""Practicum: the items a track requires, a learner's evidence and an assessor's sign-off.

A track's plugin declares its practicum items (``TrackDeclaration.practicum``); the learner (or
a coordinator for them) gives evidence for an item, text and/or files, while their cohort runs;
an assessor signs it off or returns it with a comment. An item is complete when as many pieces
of evidence as it requires are signed off; completed items feed the completion rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tortoise.transactions import in_transaction

from core.clock import now
from core.limits import MAX_COMMENT_LENGTH, MAX_EVIDENCE_PER_ITEM
from core.models import PracticumEvidence, PracticumItem
from core.models.enums import CohortStatus, EnrollmentStatus, EvidenceStatus
from core.orm import column
from core.permissions import MANAGE_ENROLLMENTS, REVIEW_PRACTICUM, SUBMIT_OWN_EVIDENCE
from core.services.access import Access
from core.services.attachments import attachable_files, check_attachment_ids
from core.services.cohorts import managed, results_lock
from core.services.enrollments import locked_enrollment
from core.services.errors import ErrorCode, ErrorCollector, ServiceError
from core.text import nfc

EVIDENCE_STATUSES = frozenset({CohortStatus.IN_PROGRESS, CohortStatus.COMPLETED})
"""Evidence is given and reviewed while a cohort runs and after it completed (until its
results are final)."""


@dataclass(frozen=True)
class Evidence:
    """What a learner gives for a practicum item: text and/or files, and when it happened."""

    text: str = ""
    file_ids: tuple[int, ...] = ()
    occurred_on: date | None = None


async def submit_evidence(
    actor: Access,
    enrollment_id: int,
    item_id: int,
    evidence: Evidence,
    errors: ErrorCollector | None = None,
) -> PracticumEvidence:
    """Give evidence for a practicum item of the enrollment's track.

    By the learner whose enrollment it is, or whoever manages enrollments over the cohort's
    org unit. The enrollment must be ``ENROLLED`` (``NOT_ENROLLED`` otherwise), the item one of
    its track's active items, the text or files not both empty.
    """
    errors = errors or ErrorCollector()
    text = nfc(evidence.text).strip()
    errors.check_text("text", text, MAX_COMMENT_LENGTH)
    listed = check_attachment_ids(errors, "fileIds", evidence.file_ids)
    if not text and not evidence.file_ids and not errors.has("fileIds"):
        errors.add("text", ErrorCode.REQUIRED, "Describe what you did or attach a file.")
    async with in_transaction():
        enrollment, cohort = await locked_enrollment(enrollment_id, errors)
        if enrollment.official_id != actor.own_official_id(SUBMIT_OWN_EVIDENCE):
            await managed(actor, cohort, MANAGE_ENROLLMENTS)
        if (locked := results_lock(cohort, "enrollmentId")) is not None:
            raise locked
        if enrollment.status != EnrollmentStatus.ENROLLED:
            errors.add(
                "enrollmentId",
                ErrorCode.NOT_ENROLLED,
                "This enrollment is WITHDRAWN: only an enrolled official gives evidence.",
            )
        elif cohort.status not in EVIDENCE_STATUSES:
            errors.add(
                "enrollmentId",
                ErrorCode.COHORT_LOCKED,
                f"The cohort is {cohort.status.name}: evidence is given while it is "
                "IN_PROGRESS or COMPLETED.",
            )
        if not errors.has("itemId"):
            item = await PracticumItem.get_or_none(id=item_id)
            if item is None:
                errors.add("itemId", ErrorCode.NOT_FOUND, "No practicum item has this ID.")
            elif item.track_id != cohort.track_id or not item.is_active:
                errors.add(
                    "itemId",
                    ErrorCode.NOT_IN_COHORT,
                    "This practicum item is not one the cohort's track requires.",
                )
            elif (
                await PracticumEvidence.filter(enrollment_id=enrollment.id, item_id=item_id).count()
                >= MAX_EVIDENCE_PER_ITEM
            ):
                errors.add(
                    "itemId",
                    ErrorCode.TOO_MANY,
                    f"At most {MAX_EVIDENCE_PER_ITEM} pieces of evidence per item.",
                )
        files = await attachable_files(
            actor, errors, "fileIds", evidence.file_ids if listed else ()
        )
        errors.raise_if_any()
        row = await PracticumEvidence.create(
            enrollment_id=enrollment.id,
            item_id=item_id,
            occurred_on=evidence.occurred_on,
            text=text,
            submitted_by_id=actor.account_id,
            submitted_at=now(),
        )
        if files:
            await row.files.add(*files)
    return row


async def review_evidence(
    actor: Access,
    evidence_id: int,
    sign_off: bool,
    comment: str,
    errors: ErrorCollector | None = None,
) -> PracticumEvidence:
    """Sign off a ``SUBMITTED`` piece of evidence, or return it with a comment (required then).

    ``actor`` reviews practicum over the org unit running the cohort.
    """
    errors = errors or ErrorCollector()
    comment = nfc(comment).strip()
    if errors.check_text("comment", comment, MAX_COMMENT_LENGTH) and not sign_off and not comment:
        errors.add("comment", ErrorCode.REQUIRED, "Say what the learner should add or redo.")
    errors.raise_if_any()
    async with in_transaction():
        found = await column(PracticumEvidence.filter(id=evidence_id), "enrollment_id")
        if not found:
            raise ServiceError.single(
                "evidenceId", ErrorCode.NOT_FOUND, "No practicum evidence has this ID."
            )
        enrollment, cohort = await locked_enrollment(found[0], errors)
        await managed(actor, cohort, REVIEW_PRACTICUM)
        if (locked := results_lock(cohort, "evidenceId")) is not None:
            raise locked
        row = await PracticumEvidence.get(id=evidence_id)
        if row.status != EvidenceStatus.SUBMITTED:
            raise ServiceError.single(
                "evidenceId",
                ErrorCode.NOT_SUBMITTED,
                f"This evidence is {row.status.name}; only SUBMITTED evidence is reviewed.",
            )
        if enrollment.status != EnrollmentStatus.ENROLLED or cohort.status not in EVIDENCE_STATUSES:
            raise ServiceError.single(
                "evidenceId",
                ErrorCode.COHORT_LOCKED,
                "The official is no longer enrolled or the cohort is no longer running.",
            )
        row.status = EvidenceStatus.SIGNED_OFF if sign_off else EvidenceStatus.RETURNED
        row.reviewed_by_id = actor.account_id
        row.reviewed_at = now()
        row.review_comment = comment
        await row.save(update_fields=["status", "reviewed_by_id", "reviewed_at", "review_comment"])
    return row
