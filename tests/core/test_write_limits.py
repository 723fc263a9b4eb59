"""The declared maxima of core/limits.py hold in the data: every write that grows a list
refuses to pass its maximum, whoever calls it (the API, the CLI, imports, plugin declarations).

The API's side (UserErrors naming the field) is tested with each mutation; these tests call
the services and the plugin loader directly.
"""

from __future__ import annotations

from datetime import date

import pytest

from core.declarations import PostDeclaration, TopicDeclaration, TrackDeclaration
from core.hookspecs import hookimpl
from core.limits import (
    MAX_CHILDREN_PER_ORG_UNIT,
    MAX_HOST_AGENCIES_PER_COHORT,
    MAX_POSTS_PER_TRACK,
    MAX_TOPICS_PER_ENROLLMENT,
    MAX_TOPICS_PER_TRACK,
)
from core.models import Cohort, OrgUnit, Topic, Track
from core.models.enums import OrgLevel, PostKind, TopicOrigin
from core.plugins import PluginError
from core.services.access import OPERATOR
from core.services.cohorts import CohortChanges, CohortDraft, create_cohort, update_cohort
from core.services.enrollments import enroll_official, register_topics
from core.services.errors import ErrorCode, ServiceError
from core.services.records import create_org_unit
from core.services.sync import sync_plugins
from tests import factories
from tests.fixtures.plugins import plugin_info, registry_with

LAND_OFFICER = PostDeclaration(
    "land_officer", "Công chức Địa chính", "Land officer", PostKind.CIVIL_SERVANT
)


def codes(raised: pytest.ExceptionInfo[ServiceError]) -> list[tuple[str, ErrorCode]]:
    return [(error.field, error.code) for error in raised.value.errors]


# --------------------------------------------------------------------------------------------
# Services
# --------------------------------------------------------------------------------------------


async def test_a_cohort_holds_at_most_its_maximum_of_host_agencies(db):
    track = await Track.get(code="party_committee")
    too_many = tuple(range(1, MAX_HOST_AGENCIES_PER_COHORT + 2))
    draft = CohortDraft(
        name="Khóa 2020",
        track_id=track.id,
        starts_on=date(2020, 5, 4),
        ends_on=date(2020, 7, 17),
        capacity=5,
        org_unit_id=(await factories.district()).id,
        host_agency_ids=too_many,
    )

    with pytest.raises(ServiceError) as created:
        await create_cohort(OPERATOR, draft)
    cohort = await factories.cohort()
    with pytest.raises(ServiceError) as updated:
        await update_cohort(OPERATOR, cohort.id, CohortChanges(host_agency_ids=too_many))

    assert codes(created) == [("hostAgencyIds", ErrorCode.TOO_MANY)]
    assert codes(updated) == [("hostAgencyIds", ErrorCode.TOO_MANY)]
    assert await Cohort.all().count() == 1


async def test_an_enrollment_registers_at_most_its_maximum_of_topics(db):
    cohort = await factories.cohort()
    enrollment = await enroll_official(OPERATOR, (await factories.official()).id, cohort.id)

    with pytest.raises(ServiceError) as raised:
        await register_topics(
            OPERATOR, enrollment.id, tuple(range(1, MAX_TOPICS_PER_ENROLLMENT + 2))
        )

    assert codes(raised) == [("topicIds", ErrorCode.TOO_MANY)]


async def test_an_org_unit_holds_at_most_its_maximum_of_children(db):
    district = await create_org_unit("D1", "Huyện Bắc Quang", OrgLevel.DISTRICT)
    await OrgUnit.bulk_create(
        [
            OrgUnit(
                code=f"C{n}",
                name=f"Xã {n}",
                search_name=f"xa {n}",
                level=OrgLevel.COMMUNE,
                parent_id=district.id,
                path=f"{district.path}C{n}/",
            )
            for n in range(1, MAX_CHILDREN_PER_ORG_UNIT)
        ]
    )

    last = await create_org_unit("C-LAST", "Xã Cuối", OrgLevel.COMMUNE, district)
    with pytest.raises(ServiceError) as raised:
        await create_org_unit("C-OVER", "Xã Thừa", OrgLevel.COMMUNE, district)

    assert last.parent_id == district.id
    assert codes(raised) == [("parentId", ErrorCode.TOO_MANY)]
    assert await OrgUnit.filter(parent_id=district.id).count() == MAX_CHILDREN_PER_ORG_UNIT


# --------------------------------------------------------------------------------------------
# Plugin declarations
# --------------------------------------------------------------------------------------------


class LandTrack:
    """A fake plugin declaring one track with ``posts`` posts and ``topics`` topics."""

    def __init__(self, posts: int = 1, topics: int = 1) -> None:
        self.posts = posts
        self.topics = topics

    @hookimpl
    def plugin_info(self):
        return plugin_info("land_officer")

    @hookimpl
    def register_tracks(self):
        posts = [LAND_OFFICER] + [
            PostDeclaration(f"land_{n}", f"Chức danh {n}", f"Post {n}", PostKind.CIVIL_SERVANT)
            for n in range(1, self.posts)
        ]
        return [
            TrackDeclaration(
                code="land_officer",
                title="Học việc Công chức Địa chính",
                title_en="Land officers",
                posts=tuple(posts),
                topics=tuple(
                    TopicDeclaration(f"LA{n:03}", f"Chuyên đề {n}") for n in range(self.topics)
                ),
            )
        ]


@pytest.mark.parametrize(
    ("declared", "message"),
    [
        ({"topics": MAX_TOPICS_PER_TRACK + 1}, f"{MAX_TOPICS_PER_TRACK + 1} topics"),
        ({"posts": MAX_POSTS_PER_TRACK + 1}, f"{MAX_POSTS_PER_TRACK + 1} posts"),
    ],
    ids=["topics", "posts"],
)
def test_a_track_declared_past_a_maximum_stops_start_up_naming_the_plugin(declared, message):
    registry = registry_with(LandTrack(**declared))

    with pytest.raises(PluginError) as raised:
        registry.tracks()

    assert "plugin 'land_officer' failed in register_tracks" in str(raised.value)
    assert message in str(raised.value)


def test_a_track_declared_at_the_maxima_loads():
    registry = registry_with(LandTrack(posts=MAX_POSTS_PER_TRACK, topics=MAX_TOPICS_PER_TRACK))

    [declared] = [t for plugin, t in registry.tracks() if plugin.info.id == "land_officer"]

    assert (len(declared.posts), len(declared.topics)) == (
        MAX_POSTS_PER_TRACK,
        MAX_TOPICS_PER_TRACK,
    )


async def test_a_sync_that_would_overfill_a_catalogue_with_local_topics_names_the_plugin(db):
    # given the land track synced with 99 topics, and a coordinator's local topic added
    await sync_plugins(registry_with(LandTrack(topics=MAX_TOPICS_PER_TRACK - 1)))
    track = await Track.get(code="land_officer")
    await Topic.create(
        track_id=track.id,
        code="LOCAL1",
        title="Chuyên đề địa phương",
        search_title="chuyen de dia phuong",
        order=MAX_TOPICS_PER_TRACK,
        origin=TopicOrigin.LOCAL,
    )
    # when a new plugin version declares one topic more
    with pytest.raises(PluginError) as raised:
        await sync_plugins(registry_with(LandTrack(topics=MAX_TOPICS_PER_TRACK)))
    # then start-up stops naming the plugin and the track, and nothing was written
    assert str(raised.value).startswith("plugin 'land_officer': track 'land_officer'")
    assert await Topic.filter(track_id=track.id).count() == MAX_TOPICS_PER_TRACK
