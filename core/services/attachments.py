"""Attaching uploaded files (``POST /files``) to lesson versions and practicum evidence."""

from __future__ import annotations

from core.limits import MAX_ATTACHMENTS
from core.models import StoredFile
from core.services.access import Access
from core.services.errors import ErrorCode, ErrorCollector


def check_attachment_ids(errors: ErrorCollector, field: str, ids: tuple[int, ...]) -> bool:
    """Whether the list may be looked up: at most :data:`~core.limits.MAX_ATTACHMENTS`, no
    repeats (see :meth:`ErrorCollector.check_ids`)."""
    return errors.check_ids(field, ids, MAX_ATTACHMENTS)


async def attachable_files(
    actor: Access, errors: ErrorCollector, field: str, ids: tuple[int, ...]
) -> list[StoredFile]:
    """The files ``ids`` names, in that order, when each exists and ``actor`` uploaded it.

    Only one's own uploads may be attached: attaching a file makes it readable by whoever
    reads what it is attached to, so attaching someone else's would publish it. Problems go to
    ``errors`` under ``field``.
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
