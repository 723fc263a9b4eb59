"""Sync the enabled plugins' declared tracks, posts, topics and practicum items into the database.

Idempotent: a second run with the same declarations writes nothing. Nothing is deleted:
tracks whose plugin is off and catalogue topics a plugin dropped are marked inactive, and
topics a coordinator added locally are left alone.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tortoise.transactions import in_transaction

from core.declarations import PostDeclaration, TrackDeclaration
from core.limits import MAX_TOPICS_PER_TRACK
from core.models import Post, PracticumItem, Topic, Track
from core.models.enums import TopicOrigin
from core.plugins import LoadedPlugin, PluginError, PluginRegistry
from core.services.curriculum import SEARCH_TITLE_LENGTH
from core.services.question_bank import seed_questions
from core.text import nfc, search_key

logger = logging.getLogger(__name__)


@dataclass
class SyncReport:
    """What a sync changed; all zero on a restart with unchanged plugins."""

    posts_created: int = 0
    posts_updated: int = 0
    tracks_created: int = 0
    tracks_updated: int = 0
    topics_created: int = 0
    topics_updated: int = 0
    skipped_topics: list[str] = field(default_factory=list)
    practicum_created: int = 0
    practicum_updated: int = 0
    questions_created: int = 0

    @property
    def changed(self) -> bool:
        return any(
            (
                self.posts_created,
                self.posts_updated,
                self.tracks_created,
                self.tracks_updated,
                self.topics_created,
                self.topics_updated,
                self.practicum_created,
                self.practicum_updated,
                self.questions_created,
            )
        )


async def sync_plugins(registry: PluginRegistry) -> SyncReport:
    """Bring posts, tracks and topics in line with the enabled plugins, in one transaction."""
    declared = registry.tracks()
    report = SyncReport()
    async with in_transaction():
        posts = await _sync_posts(report, [p for _, t in declared for p in t.posts])
        tracks = {track.code: track for track in await Track.all()}
        for plugin, declaration in declared:
            track = await _sync_track(report, plugin, declaration, tracks.get(declaration.code))
            await _sync_track_posts(track, {posts[p.code] for p in declaration.posts})
            await _sync_topics(report, plugin, track, declaration)
            await _sync_practicum(report, track, declaration)
            tracks[declaration.code] = track
        for track_code, rows in registry.question_banks().items():
            report.questions_created += await seed_questions(tracks[track_code].id, rows)
        declared_codes = {declaration.code for _, declaration in declared}
        retired = (
            await Track.filter(is_active=True)
            .exclude(code__in=declared_codes)
            .update(is_active=False)
        )
        report.tracks_updated += retired
    if report.changed:
        logger.info("plugin sync: %s", report)
    return report


async def _sync_posts(report: SyncReport, declarations: list[PostDeclaration]) -> dict[str, int]:
    wanted = {post.code: post for post in declarations}
    existing = {post.code: post for post in await Post.filter(code__in=wanted)}
    new = []
    for code, declaration in wanted.items():
        values = {
            "title": nfc(declaration.title),
            "title_en": declaration.title_en,
            "kind": declaration.kind,
        }
        post = existing.get(code)
        if post is None:
            new.append(Post(code=code, **values))
        elif _differs(post, values):
            await Post.filter(id=post.id).update(**values)
            report.posts_updated += 1
    if new:
        await Post.bulk_create(new)
        report.posts_created += len(new)
    return {post.code: post.id for post in await Post.filter(code__in=wanted)}


async def _sync_track(
    report: SyncReport, plugin: LoadedPlugin, declaration: TrackDeclaration, track: Track | None
) -> Track:
    values: dict[str, Any] = {
        "title": nfc(declaration.title),
        "title_en": declaration.title_en,
        "description": nfc(declaration.description),
        "plugin_id": plugin.info.id,
        "is_active": True,
    }
    if track is None:
        report.tracks_created += 1
        return await Track.create(code=declaration.code, **values)
    if _differs(track, values):
        await Track.filter(id=track.id).update(**values)
        report.tracks_updated += 1
    return track


async def _sync_track_posts(track: Track, wanted: set[int]) -> None:
    current = set(await track.posts.all().values_list("id", flat=True))
    if stale := current - wanted:
        await track.posts.remove(*await Post.filter(id__in=stale))
    if missing := wanted - current:
        await track.posts.add(*await Post.filter(id__in=missing))


async def _sync_topics(
    report: SyncReport, plugin: LoadedPlugin, track: Track, declaration: TrackDeclaration
) -> None:
    existing = {topic.code: topic for topic in await Topic.filter(track_id=track.id)}
    total = len(existing.keys() | {topic.code for topic in declaration.topics})
    if total > MAX_TOPICS_PER_TRACK:
        raise PluginError(
            f"plugin {plugin.info.id!r}: track {declaration.code!r} would hold {total} topics "
            f"with the ones already recorded (local and dropped ones count); at most "
            f"{MAX_TOPICS_PER_TRACK} are allowed"
        )
    new = []
    for order, topic_declaration in enumerate(declaration.topics, start=1):
        values = {
            "title": nfc(topic_declaration.title),
            "title_en": topic_declaration.title_en,
            "search_title": search_key(topic_declaration.title, SEARCH_TITLE_LENGTH),
            "order": order,
            "is_active": True,
        }
        topic = existing.pop(topic_declaration.code, None)
        if topic is None:
            new.append(
                Topic(
                    track_id=track.id,
                    code=topic_declaration.code,
                    origin=TopicOrigin.PLUGIN,
                    **values,
                )
            )
        elif topic.origin == TopicOrigin.LOCAL:
            report.skipped_topics.append(f"{track.code}/{topic.code}")
            logger.warning(
                "track %s: catalogue topic %s clashes with a local topic; the local one is kept",
                track.code,
                topic.code,
            )
        elif _differs(topic, values):
            await Topic.filter(id=topic.id).update(**values)
            report.topics_updated += 1
    if new:
        await Topic.bulk_create(new)
        report.topics_created += len(new)
    dropped = [
        topic.id
        for topic in existing.values()
        if topic.origin == TopicOrigin.PLUGIN and topic.is_active
    ]
    if dropped:
        report.topics_updated += await Topic.filter(id__in=dropped).update(is_active=False)


async def _sync_practicum(report: SyncReport, track: Track, declaration: TrackDeclaration) -> None:
    """The track's practicum items as declared, in order; dropped ones become inactive (the
    evidence learners gave for them is kept)."""
    existing = {item.code: item for item in await PracticumItem.filter(track_id=track.id)}
    new = []
    for order, item_declaration in enumerate(declaration.practicum, start=1):
        values = {
            "title": nfc(item_declaration.title),
            "description": nfc(item_declaration.description),
            "required_count": item_declaration.required_count,
            "order": order,
            "is_active": True,
        }
        item = existing.pop(item_declaration.code, None)
        if item is None:
            new.append(PracticumItem(track_id=track.id, code=item_declaration.code, **values))
        elif _differs(item, values):
            await PracticumItem.filter(id=item.id).update(**values)
            report.practicum_updated += 1
    if new:
        await PracticumItem.bulk_create(new)
        report.practicum_created += len(new)
    dropped = [item.id for item in existing.values() if item.is_active]
    if dropped:
        report.practicum_updated += await PracticumItem.filter(id__in=dropped).update(
            is_active=False
        )


def _differs(row: object, values: Mapping[str, object]) -> bool:
    return any(getattr(row, name) != value for name, value in values.items())
