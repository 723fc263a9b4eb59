"""Attaching uploaded files (``POST /files``) to lesson versions and practicum evidence, and who
reaches a file through what it is attached to (the uses :mod:`core.services.files` asks)."""

from __future__ import annotations

from tortoise.expressions import Subquery
from tortoise.models import Model

from core.limits import MAX_FILES_PER_INPUT
from core.models import Enrollment, LessonVersion, StoredFile
from core.orm import column
from core.permissions import READ_TRAINING
from core.services.access import Access
from core.services.errors import ErrorCode, ErrorCollector


def check_attachment_ids(errors: ErrorCollector, field: str, ids: tuple[int, ...]) -> bool:
    """Whether the list may be looked up: at most :data:`~core.limits.MAX_FILES_PER_INPUT`, no
    repeats (see :meth:`ErrorCollector.check_ids`)."""
    return errors.check_ids(field, ids, MAX_FILES_PER_INPUT)


async def attachable_files(
    actor: Access, errors: ErrorCollector, field: str, ids: tuple[int, ...]
) -> list[StoredFile]:
    """The files ``ids`` names, in that order, when each exists and ``actor`` uploaded it.

    Only one's own uploads may be attached: attaching a file makes it readable by whoever
    reads what it is attached to, so attaching someone else's (even one the actor may read)
    would pass it on to more people than its uploader chose. Problems go to ``errors`` under
    ``field``.
    """
    if not ids or errors.has(field):
        return []
    files = {file.id: file for file in await StoredFile.filter(id__in=ids)}
    if len(files) != len(ids):
        errors.add(field, ErrorCode.NOT_FOUND, f"{len(ids) - len(files)} file ID(s) do not exist.")
        return []
    if not actor.operator and any(
        file.uploaded_by_id != actor.account_id for file in files.values()
    ):
        errors.add(field, ErrorCode.NOT_YOURS, "Only files you uploaded yourself can be attached.")
        return []
    return [files[key] for key in ids]


async def lesson_material(actor: Access, ids: set[int]) -> set[int]:
    """The files among ``ids`` attached to lesson versions ``actor`` may read (a learner: the
    approved versions of their programmes)."""
    return await _attached(actor, ids, "lesson_versions__id", LessonVersion)


async def practicum_evidence(actor: Access, ids: set[int]) -> set[int]:
    """The files among ``ids`` given as practicum evidence of enrollments ``actor`` may read."""
    return await _attached(actor, ids, "practicum_evidence__enrollment_id", Enrollment)


async def _attached(actor: Access, ids: set[int], through: str, owner: type[Model]) -> set[int]:
    """The files among ``ids`` reached ``through`` a relation to rows of ``owner`` that
    ``actor`` may read (scoped like ``owner``), in one statement."""
    if not actor.allows(READ_TRAINING):
        return set()
    query = StoredFile.filter(id__in=ids)
    scope = actor.scope(owner, READ_TRAINING)
    if scope is None:
        query = query.filter(**{f"{through}__isnull": False})
    else:
        query = query.filter(**{f"{through}__in": Subquery(owner.filter(scope).values("id"))})
    return set(await column(query.distinct(), "id"))
