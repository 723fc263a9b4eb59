"""sync_plugins: idempotent, never deletes, keeps local topics, retires what plugins dropped."""

from __future__ import annotations

import pytest

from core.declarations import PluginInfo, PostDeclaration, TopicDeclaration, TrackDeclaration
from core.hookspecs import hookimpl
from core.models import Enrollment, Post, Topic, Track
from core.models.enums import CohortStatus, PostKind, TopicOrigin
from core.plugins import PluginRegistry, discover, load_plugins
from core.services.access import OPERATOR
from core.services.enrollments import enroll_official
from core.services.errors import ErrorCode, ServiceError
from core.services.sync import sync_plugins
from core.settings import PluginSelection, parse_plugin_selection
from core.text import search_key
from tests import factories
from tests.conftest import builtin_registry
from tests.helpers import count_queries

FAKE_TRACK = "fake_archives"
FAKE_POST = PostDeclaration(
    code="fake_archivist",
    title="Công chức Văn thư – Lưu trữ",
    title_en="Archives officer",
    kind=PostKind.CIVIL_SERVANT,
)
RECORDS = TopicDeclaration("AR01", "Soạn thảo văn bản hành chính")
FILING = TopicDeclaration("AR02", "Lập hồ sơ và nộp lưu hồ sơ")
SEALS = TopicDeclaration("AR03", "Quản lý và sử dụng con dấu")


class FakeArchivesPlugin:
    """A plugin whose declared catalogue a test changes between two syncs."""

    def __init__(self, *topics: TopicDeclaration, title: str = "Học việc Văn thư – Lưu trữ"):
        self.topics = topics
        self.title = title

    @hookimpl
    def plugin_info(self) -> PluginInfo:
        return PluginInfo(
            id="fake_archives", name="Fake archives track", version="1.0", core_versions=">=0.1"
        )

    @hookimpl
    def register_tracks(self) -> list[TrackDeclaration]:
        return [
            TrackDeclaration(
                code=FAKE_TRACK,
                title=self.title,
                title_en="Apprenticeship for archives officers",
                posts=(FAKE_POST,),
                topics=self.topics,
            )
        ]


def registry_with(fake: FakeArchivesPlugin) -> PluginRegistry:
    """The built-ins plus ``fake`` (no entry points)."""
    return load_plugins(candidates=[*discover(include_entry_points=False), ("test", fake)])


async def fake_topics() -> dict[str, Topic]:
    return {topic.code: topic for topic in await Topic.filter(track__code=FAKE_TRACK)}


async def snapshot() -> dict[str, list[dict]]:
    """Every row sync_plugins may touch (posts, tracks with their posts, topics)."""
    return {
        "posts": await Post.all().order_by("id").values(),
        "tracks": await Track.all().order_by("id").values(),
        "track_posts": await Track.all().order_by("id", "posts__id").values("id", "posts__id"),
        "topics": await Topic.all().order_by("id").values(),
    }


async def test_a_second_sync_reports_no_change_and_writes_nothing(db):
    # given the db fixture has synced the built-ins once
    registry = builtin_registry()
    before = await snapshot()
    # when
    with count_queries() as queries:
        report = await sync_plugins(registry)
    # then
    assert report.changed is False
    assert report.skipped_topics == []
    assert await snapshot() == before
    inserts_or_deletes = [
        sql for sql in queries.statements if sql.lstrip().upper().startswith(("INSERT", "DELETE"))
    ]
    assert inserts_or_deletes == []


async def test_the_first_sync_reports_what_it_created(db):
    # given
    fake = FakeArchivesPlugin(RECORDS, FILING)
    # when
    report = await sync_plugins(registry_with(fake))
    # then
    assert (report.posts_created, report.tracks_created, report.topics_created) == (1, 1, 2)
    assert (report.posts_updated, report.tracks_updated, report.topics_updated) == (0, 0, 0)
    track = await Track.get(code=FAKE_TRACK)
    assert track.plugin_id == "fake_archives"
    assert track.is_active
    assert [post.code for post in await track.posts.all()] == [FAKE_POST.code]
    topics = await fake_topics()
    assert {code: (t.order, t.origin, t.is_active) for code, t in topics.items()} == {
        "AR01": (1, TopicOrigin.PLUGIN, True),
        "AR02": (2, TopicOrigin.PLUGIN, True),
    }


async def test_a_second_sync_with_a_fake_plugin_changes_nothing(db):
    registry = registry_with(FakeArchivesPlugin(RECORDS, FILING))
    await sync_plugins(registry)
    before = {code: (t.title, t.order, t.is_active) for code, t in (await fake_topics()).items()}

    report = await sync_plugins(registry)

    assert report.changed is False
    after = {code: (t.title, t.order, t.is_active) for code, t in (await fake_topics()).items()}
    assert after == before


async def test_a_coordinators_local_topic_survives_a_sync(db):
    # given a topic a coordinator added to a plugin's track
    track = await Track.get(code="party_committee")
    local = await Topic.create(
        track=track,
        code="LOCAL01",
        title="Kinh nghiệm công tác ở Bắc Quang",
        search_title=search_key("Kinh nghiệm công tác ở Bắc Quang"),
        order=99,
        origin=TopicOrigin.LOCAL,
    )
    # when
    report = await sync_plugins(builtin_registry())
    # then
    assert report.changed is False
    assert report.skipped_topics == []
    kept = await Topic.get(id=local.id)
    assert (kept.title, kept.order, kept.origin, kept.is_active) == (
        "Kinh nghiệm công tác ở Bắc Quang",
        99,
        TopicOrigin.LOCAL,
        True,
    )


async def test_a_topic_dropped_from_the_catalogue_becomes_inactive_not_deleted(db):
    # given
    fake = FakeArchivesPlugin(RECORDS, FILING, SEALS)
    await sync_plugins(registry_with(fake))
    # when the plugin's next version drops AR02
    fake.topics = (RECORDS, SEALS)
    report = await sync_plugins(registry_with(fake))
    # then
    assert report.changed
    topics = await fake_topics()
    assert set(topics) == {"AR01", "AR02", "AR03"}
    assert topics["AR02"].is_active is False
    assert topics["AR01"].is_active and topics["AR03"].is_active
    assert topics["AR03"].order == 2
    assert (report.topics_created, report.topics_updated) == (0, 2)  # AR02 retired, AR03 moved


async def test_a_dropped_topic_declared_again_is_reactivated(db):
    fake = FakeArchivesPlugin(RECORDS, FILING)
    await sync_plugins(registry_with(fake))
    fake.topics = (RECORDS,)
    await sync_plugins(registry_with(fake))

    fake.topics = (RECORDS, FILING)
    report = await sync_plugins(registry_with(fake))

    assert report.topics_updated == 1
    assert report.topics_created == 0
    assert (await fake_topics())["AR02"].is_active is True


async def test_a_changed_topic_title_is_updated(db):
    # given
    fake = FakeArchivesPlugin(RECORDS, FILING)
    await sync_plugins(registry_with(fake))
    original_id = (await fake_topics())["AR01"].id
    # when
    fake.topics = (TopicDeclaration("AR01", "Kỹ năng soạn thảo văn bản"), FILING)
    report = await sync_plugins(registry_with(fake))
    # then
    assert report.topics_updated == 1
    assert report.topics_created == 0
    topic = (await fake_topics())["AR01"]
    assert topic.id == original_id
    assert topic.title == "Kỹ năng soạn thảo văn bản"
    assert topic.search_title == "ky nang soan thao van ban"


async def test_a_changed_track_title_is_updated(db):
    fake = FakeArchivesPlugin(RECORDS)
    await sync_plugins(registry_with(fake))

    fake.title = "Học việc chức danh Văn thư"
    report = await sync_plugins(registry_with(fake))

    assert report.tracks_updated == 1
    assert (await Track.get(code=FAKE_TRACK)).title == "Học việc chức danh Văn thư"


async def test_a_track_whose_plugin_is_disabled_becomes_inactive_and_refuses_enrollment(db):
    # given an open cohort of the party committee track and an eligible official
    cohort = await factories.cohort("party_committee", CohortStatus.OPEN)
    official = await factories.official(post_code="party_secretary")
    # when the plugin is disabled and the plugins are synced again
    report = await sync_plugins(
        builtin_registry(PluginSelection(disabled=frozenset({"party_committee"})))
    )
    # then
    assert report.tracks_updated == 1
    track = await Track.get(code="party_committee")
    assert track.is_active is False
    assert await Track.filter(is_active=True).exclude(code="party_committee").count() == 8
    assert await Topic.filter(track=track).count() == 9  # nothing deleted
    with pytest.raises(ServiceError) as refused:
        await enroll_official(OPERATOR, official.id, cohort.id)
    assert [(e.field, e.code) for e in refused.value.errors] == [
        ("cohortId", ErrorCode.TRACK_INACTIVE)
    ]
    assert await Enrollment.all().count() == 0


async def test_a_track_whose_plugin_is_enabled_again_is_reactivated(db):
    cohort = await factories.cohort("party_committee", CohortStatus.OPEN)
    official = await factories.official(post_code="party_secretary")
    await sync_plugins(builtin_registry(PluginSelection(disabled=frozenset({"party_committee"}))))

    report = await sync_plugins(builtin_registry())

    assert report.tracks_updated == 1
    assert (await Track.get(code="party_committee")).is_active is True
    enrollment = await enroll_official(OPERATOR, official.id, cohort.id)
    assert enrollment.cohort_id == cohort.id


async def test_with_every_plugin_disabled_every_track_becomes_inactive(db):
    selection = parse_plugin_selection(
        "-party_committee,-peoples_committee,-commune_civil_servants"
    )

    report = await sync_plugins(builtin_registry(selection))

    assert report.tracks_updated == 9
    assert await Track.filter(is_active=True).count() == 0
    assert await Track.all().count() == 9
    assert await Post.all().count() == 11


async def test_a_local_topic_clashing_with_a_new_catalogue_topic_is_kept_and_reported(db):
    # given a track synced from the plugin and a coordinator's local topic AR02
    fake = FakeArchivesPlugin(RECORDS)
    await sync_plugins(registry_with(fake))
    track = await Track.get(code=FAKE_TRACK)
    local = await Topic.create(
        track=track,
        code="AR02",
        title="Lưu trữ hồ sơ ở xã Vĩnh Hảo",
        search_title=search_key("Lưu trữ hồ sơ ở xã Vĩnh Hảo"),
        order=7,
        origin=TopicOrigin.LOCAL,
    )
    # when the plugin's catalogue gains a topic with the same code
    fake.topics = (RECORDS, FILING)
    report = await sync_plugins(registry_with(fake))
    # then the local topic is kept as it was and the clash is reported
    assert report.skipped_topics == [f"{FAKE_TRACK}/AR02"]
    assert report.topics_created == 0
    topics = await Topic.filter(track=track, code="AR02")
    assert len(topics) == 1
    kept = topics[0]
    assert kept.id == local.id
    assert (kept.title, kept.order, kept.origin, kept.is_active) == (
        "Lưu trữ hồ sơ ở xã Vĩnh Hảo",
        7,
        TopicOrigin.LOCAL,
        True,
    )
