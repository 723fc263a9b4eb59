"""Coordinators' local additions to a track's topic catalogue."""

from __future__ import annotations

from tortoise.exceptions import IntegrityError
from tortoise.functions import Max
from tortoise.transactions import in_transaction

from core.limits import MAX_TOPICS_PER_TRACK
from core.models import Topic, Track
from core.models.enums import TopicOrigin
from core.orm import column_length
from core.permissions import MANAGE_CURRICULUM
from core.services.access import Access
from core.services.errors import ErrorCode, ErrorCollector, ServiceError
from core.text import nfc, search_key

CODE_LENGTH: int = column_length(Topic, "code")
TITLE_LENGTH: int = column_length(Topic, "title")
SEARCH_TITLE_LENGTH: int = column_length(Topic, "search_title")


async def create_local_topic(
    actor: Access,
    track_id: int,
    code: str,
    title: str,
    errors: ErrorCollector | None = None,
    title_en: str = "",
) -> Topic:
    """Add a local topic at the end of a track's catalogue; the plugin sync never touches it.

    The track row is locked for the transaction (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite
    runs one transaction at a time), so concurrent additions to one catalogue queue up and
    each gets its own position, and the catalogue never grows past
    :data:`~core.limits.MAX_TOPICS_PER_TRACK` topics (dropped ones included: they stay listed
    with ``includeInactive``). ``errors`` may hold problems the caller found in the input
    (a malformed track ID), reported with this service's own.
    """
    actor.require(MANAGE_CURRICULUM)
    errors = errors or ErrorCollector()
    code = code.strip()
    title = nfc(title)
    if not code:
        errors.add("code", ErrorCode.REQUIRED, "A topic needs a code.")
    if not title:
        errors.add("title", ErrorCode.REQUIRED, "A topic needs a title.")
    code_ok = errors.check_text("code", code, CODE_LENGTH)
    errors.check_text("title", title, TITLE_LENGTH)
    title_en = nfc(title_en)
    errors.check_text("titleEn", title_en, TITLE_LENGTH)
    try:
        async with in_transaction():
            track = None
            if not errors.has("trackId"):
                track = await Track.filter(id=track_id).select_for_update().first()
                if track is None:
                    errors.add("trackId", ErrorCode.NOT_FOUND, "No track has this ID.")
            if track is not None:
                if await Topic.filter(track_id=track_id).count() >= MAX_TOPICS_PER_TRACK:
                    errors.add(
                        "trackId",
                        ErrorCode.TOO_MANY,
                        f"Track {track.code} already has {MAX_TOPICS_PER_TRACK} topics, "
                        "the most a catalogue holds.",
                    )
                elif code_ok and await Topic.exists(track_id=track_id, code=code):
                    errors.add(
                        "code",
                        ErrorCode.DUPLICATE,
                        f"Track {track.code} already has a topic {code}.",
                    )
            errors.raise_if_any()
            last = await Topic.filter(track_id=track_id).annotate(last=Max("order")).values("last")
            return await Topic.create(
                track_id=track_id,
                code=code,
                title=title,
                title_en=title_en,
                search_title=search_key(title, SEARCH_TITLE_LENGTH),
                order=(last[0]["last"] or 0) + 1,
                origin=TopicOrigin.LOCAL,
            )
    except IntegrityError:
        raise ServiceError.single(
            "code", ErrorCode.DUPLICATE, f"The track already has a topic {code}."
        ) from None
