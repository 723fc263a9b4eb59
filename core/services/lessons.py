"""Lesson content: drafted by the drafting-and-teaching board, appraised by the appraisal board.

Each topic has lesson content per programme, in versions. A drafter with a seat on the
programme's drafting-and-teaching board drafts a version (``DRAFT``, still editable) and
submits it (``SUBMITTED``, frozen); an appraiser with a seat on its appraisal board approves it
(``APPROVED``) or returns it with comments (``RETURNED``); a new version starts the cycle again.
At most one version of a content is open (``DRAFT`` or ``SUBMITTED``) at a time. Every step is
kept (:class:`~core.models.LessonStep`: who, when, comment). A drafter cannot approve their own
version, and nobody approves what was not submitted. Sessions teach the latest approved
version (:func:`approved_version`).
"""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from core.clock import now
from core.limits import (
    MAX_COMMENT_LENGTH,
    MAX_LESSON_BODY_LENGTH,
    MAX_LESSON_REVISIONS,
    MAX_LESSON_VERSIONS,
)
from core.models import LessonContent, LessonStep, LessonVersion, Programme, Topic
from core.models.enums import LessonStepKind, LessonVersionStatus
from core.orm import column, column_length
from core.permissions import APPRAISE_CONTENT, DRAFT_CONTENT, READ_TRAINING
from core.services.access import Access
from core.services.attachments import attachable_files, check_attachment_ids
from core.services.errors import ErrorCode, ErrorCollector, ServiceError
from core.text import nfc

TITLE_LENGTH: int = column_length(LessonVersion, "title")
OPEN_STATUSES = (LessonVersionStatus.DRAFT, LessonVersionStatus.SUBMITTED)
"""A content has at most one version in these statuses."""


@dataclass(frozen=True)
class LessonText:
    """A version's title, Markdown body and attached files (IDs of the drafter's uploads)."""

    title: str
    body: str
    attachment_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class LessonChanges:
    """What to change on a draft; ``None`` leaves a field as it is."""

    title: str | None = None
    body: str | None = None
    attachment_ids: tuple[int, ...] | None = None


def filter_lesson_contents(
    actor: Access, programme_id: int | None = None, topic_ids: tuple[int, ...] | None = None
) -> QuerySet[LessonContent]:
    """The lesson contents ``actor`` may read: staff those of the programmes run by org units
    in their scope, a learner those of the programmes of their cohorts."""
    scope = actor.scope(LessonContent, READ_TRAINING)
    query = LessonContent.all() if scope is None else LessonContent.filter(scope)
    if programme_id is not None:
        query = query.filter(programme_id=programme_id)
    if topic_ids is not None:
        query = query.filter(topic_id__in=topic_ids)
    return query


def readable_statuses(actor: Access) -> tuple[LessonVersionStatus, ...] | None:
    """The version statuses ``actor`` may read: every one for staff (``None``), only
    ``APPROVED`` for a learner (drafts are the boards' business)."""
    return None if actor.sees_drafts(READ_TRAINING) else (LessonVersionStatus.APPROVED,)


async def approved_version(programme_id: int, topic_id: int) -> LessonVersion | None:
    """The version sessions on ``topic_id`` teach in ``programme_id``: its latest approved one."""
    return (
        await LessonVersion.filter(
            content__programme_id=programme_id,
            content__topic_id=topic_id,
            status=LessonVersionStatus.APPROVED,
        )
        .order_by("-number")
        .first()
    )


async def draft_lesson_version(
    actor: Access,
    programme_id: int,
    topic_id: int,
    text: LessonText,
    errors: ErrorCollector | None = None,
) -> LessonVersion:
    """Start a new version of the topic's lesson content for the programme, as a ``DRAFT``.

    ``actor`` drafts content over the programme's org unit and sits on its drafting board.
    Refused while another version is open (``VERSION_IN_PROGRESS``): revise or submit that one.
    """
    errors = errors or ErrorCollector()
    title, body = _check_text(errors, text.title, text.body)
    listed = check_attachment_ids(errors, "attachmentIds", text.attachment_ids)
    programme = None if errors.has("programmeId") else await Programme.get_or_none(id=programme_id)
    if programme is None and not errors.has("programmeId"):
        errors.add("programmeId", ErrorCode.NOT_FOUND, "No programme has this ID.")
    topic = None if errors.has("topicId") else await Topic.get_or_none(id=topic_id)
    if topic is None and not errors.has("topicId"):
        errors.add("topicId", ErrorCode.NOT_FOUND, "No topic has this ID.")
    errors.raise_if_any()
    assert programme is not None and topic is not None
    await actor.require_board_seat(DRAFT_CONTENT, programme)
    files = await attachable_files(
        actor, errors, "attachmentIds", text.attachment_ids if listed else ()
    )
    errors.raise_if_any()
    async with in_transaction():
        content, _ = await LessonContent.get_or_create(programme_id=programme.id, topic_id=topic.id)
        await LessonContent.filter(id=content.id).select_for_update().first()
        versions = LessonVersion.filter(content_id=content.id)
        open_version = await versions.filter(status__in=OPEN_STATUSES).first()
        if open_version is not None:
            raise ServiceError.single(
                "topicId",
                ErrorCode.VERSION_IN_PROGRESS,
                f"Version {open_version.number} of this lesson is still "
                f"{open_version.status.name}; revise or submit it, or wait for its appraisal.",
            )
        count = await versions.count()
        if count >= MAX_LESSON_VERSIONS:
            raise ServiceError.single(
                "topicId",
                ErrorCode.TOO_MANY,
                f"This lesson has {count} versions, the most allowed.",
            )
        version = await LessonVersion.create(
            content_id=content.id,
            number=count + 1,
            title=title,
            body=body,
            author_id=actor.account_id,
        )
        if files:
            await version.attachments.add(*files)
        await _step(version, LessonStepKind.DRAFTED, actor)
    return version


async def revise_lesson_version(
    actor: Access, version_id: int, changes: LessonChanges, errors: ErrorCollector | None = None
) -> LessonVersion:
    """Change a ``DRAFT`` version's title, body or attachments (a drafter on its board)."""
    errors = errors or ErrorCollector()
    title, body = _check_text(
        errors,
        changes.title,
        changes.body,
    )
    ids = changes.attachment_ids
    listed = ids is not None and check_attachment_ids(errors, "attachmentIds", ids)
    errors.raise_if_any()
    async with in_transaction():
        version = await _version_to(actor, version_id, DRAFT_CONTENT, "changed")
        files = await attachable_files(
            actor, errors, "attachmentIds", ids if listed and ids else ()
        )
        revisions = LessonStep.filter(version_id=version.id, kind=LessonStepKind.REVISED)
        if await revisions.count() >= MAX_LESSON_REVISIONS:
            errors.add(
                "versionId",
                ErrorCode.TOO_MANY,
                f"This draft was revised {MAX_LESSON_REVISIONS} times, the most allowed: "
                "submit it.",
            )
        errors.raise_if_any()
        if title is not None:
            version.title = title
        if body is not None:
            version.body = body
        await version.save(update_fields=["title", "body", "updated_at"])
        if ids is not None:
            await version.attachments.clear()
            if files:
                await version.attachments.add(*files)
        await _step(version, LessonStepKind.REVISED, actor)
    return version


async def submit_lesson_version(actor: Access, version_id: int) -> LessonVersion:
    """Send a ``DRAFT`` to the appraisal board (a drafter on the drafting board); it is frozen."""
    async with in_transaction():
        version = await _version_to(actor, version_id, DRAFT_CONTENT, "submitted")
        return await _move(version, LessonVersionStatus.SUBMITTED, LessonStepKind.SUBMITTED, actor)


async def appraise_lesson_version(
    actor: Access,
    version_id: int,
    approve: bool,
    comment: str,
    errors: ErrorCollector | None = None,
) -> LessonVersion:
    """Approve a ``SUBMITTED`` version, or return it with comments (required then).

    ``actor`` appraises content over the programme's org unit and sits on its appraisal board;
    they cannot approve a version they drafted themselves (``OWN_CONTENT``).
    """
    errors = errors or ErrorCollector()
    comment = nfc(comment).strip()
    if errors.check_text("comment", comment, MAX_COMMENT_LENGTH) and not approve and not comment:
        errors.add("comment", ErrorCode.REQUIRED, "Say what the drafters should change.")
    errors.raise_if_any()
    async with in_transaction():
        version = await _version_to(actor, version_id, APPRAISE_CONTENT, "appraised")
        if approve and version.author_id is not None and version.author_id == actor.account_id:
            raise ServiceError.single(
                "versionId",
                ErrorCode.OWN_CONTENT,
                "You drafted this version: another member of the appraisal board approves it.",
            )
        if approve:
            return await _move(
                version, LessonVersionStatus.APPROVED, LessonStepKind.APPROVED, actor, comment
            )
        return await _move(
            version, LessonVersionStatus.RETURNED, LessonStepKind.RETURNED, actor, comment
        )


def _check_text(
    errors: ErrorCollector, title: str | None, body: str | None
) -> tuple[str | None, str | None]:
    """The title and body normalised (NFC, title stripped); problems go to ``errors``."""
    if title is not None:
        title = nfc(title).strip()
        errors.check_required_text("title", title, TITLE_LENGTH, "Give the lesson a title.")
    if body is not None:
        body = nfc(body)
        if errors.check_text("body", body, MAX_LESSON_BODY_LENGTH) and not body.strip():
            errors.add("body", ErrorCode.REQUIRED, "Write the lesson's body.")
    return title, body


STAGE: dict[str, tuple[LessonVersionStatus, ErrorCode]] = {
    DRAFT_CONTENT: (LessonVersionStatus.DRAFT, ErrorCode.NOT_EDITABLE),
    APPRAISE_CONTENT: (LessonVersionStatus.SUBMITTED, ErrorCode.NOT_SUBMITTED),
}
"""What each board works on: drafters on a DRAFT, appraisers on a SUBMITTED version (and the
code refusing any other)."""


async def _version_to(
    actor: Access, version_id: int, permission: str, action: str
) -> LessonVersion:
    """The version, locked, when ``actor`` holds ``permission`` with a seat on the board that
    works on it and the version is at that board's stage (:data:`STAGE`)."""
    version, programme = await _locked_version(version_id)
    await actor.require_board_seat(permission, programme)
    status, code = STAGE[permission]
    if version.status != status:
        raise ServiceError.single(
            "versionId",
            code,
            f"Version {version.number} is {version.status.name}, not {status.name}: only a "
            f"{status.name} version can be {action}.",
        )
    return version


async def _locked_version(version_id: int) -> tuple[LessonVersion, Programme]:
    """The version, read under its content's lock, and its programme."""
    content_id = await column(LessonVersion.filter(id=version_id), "content_id")
    if not content_id:
        raise ServiceError.single(
            "versionId", ErrorCode.NOT_FOUND, "No lesson version has this ID."
        )
    content = await LessonContent.filter(id=content_id[0]).select_for_update().first()
    assert content is not None
    programme = await Programme.get(id=content.programme_id)
    return await LessonVersion.get(id=version_id), programme


async def _move(
    version: LessonVersion,
    status: LessonVersionStatus,
    kind: LessonStepKind,
    actor: Access,
    comment: str = "",
) -> LessonVersion:
    version.status = status
    await version.save(update_fields=["status", "updated_at"])
    await _step(version, kind, actor, comment)
    return version


async def _step(
    version: LessonVersion, kind: LessonStepKind, actor: Access, comment: str = ""
) -> None:
    await LessonStep.create(
        version_id=version.id, kind=kind, comment=comment, actor_id=actor.account_id, at=now()
    )
