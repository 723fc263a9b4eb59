"""createTopic: a coordinator's local topic, kept across plugin syncs."""

from __future__ import annotations

import asyncio

import pytest

from core.limits import MAX_TOPICS_PER_TRACK
from core.models import Topic, Track
from core.models.enums import TopicOrigin
from core.services.sync import sync_plugins
from tests.factories import gid
from tests.helpers import error_codes, graphql_data

CREATE_TOPIC = """
mutation Create($input: CreateTopicInput!) {
  createTopic(input: $input) {
    topic { code title titleEn order origin active track { code } }
    errors { field message code }
  }
}
"""


async def create(client, **fields) -> dict:
    data = await graphql_data(client, CREATE_TOPIC, {"input": fields})
    return data["createTopic"]


async def test_adds_a_local_topic_at_the_end_of_the_catalogue(client, app):
    track = await Track.get(code="party_committee")

    result = await create(
        client,
        trackId=gid("Track", track.id),
        code="PC90",
        title="Công tác  bảo vệ chính trị nội bộ",
        titleEn=" Protecting the Party's internal politics ",
    )

    assert result["errors"] == []
    assert result["topic"] == {
        "code": "PC90",
        "title": "Công tác bảo vệ chính trị nội bộ",
        "titleEn": "Protecting the Party's internal politics",
        "order": 10,
        "origin": "LOCAL",
        "active": True,
        "track": {"code": "party_committee"},
    }
    # and a plugin sync (a restart) keeps it as it is
    await sync_plugins(app.state.registry)
    kept = await Topic.get(track_id=track.id, code="PC90")
    assert (kept.origin, kept.is_active, kept.order) == (TopicOrigin.LOCAL, True, 10)


@pytest.mark.parametrize(
    ("code", "title", "errors"),
    [
        ("PC01", "Trùng mã", [("code", "DUPLICATE")]),
        ("", "Không mã", [("code", "REQUIRED")]),
        ("PC91", "  ", [("title", "REQUIRED")]),
    ],
)
async def test_refuses_bad_topics_and_writes_nothing(client, code, title, errors):
    track = await Track.get(code="party_committee")
    before = await Topic.all().count()

    result = await create(client, trackId=gid("Track", track.id), code=code, title=title)

    assert result["topic"] is None
    assert error_codes(result) == errors
    assert await Topic.all().count() == before


@pytest.mark.parametrize(
    ("track_id", "code"),
    [
        ("nonsense", "INVALID_ID"),
        (gid("Cohort", 1), "INVALID_ID"),
        (gid("Track", 999999), "NOT_FOUND"),
    ],
)
async def test_bad_track_ids_name_the_field(client, track_id, code):
    result = await create(client, trackId=track_id, code="X1", title="Chuyên đề")

    assert error_codes(result) == [("trackId", code)]


async def test_refuses_a_title_longer_than_the_column(client):
    track = await Track.get(code="party_committee")

    result = await create(client, trackId=gid("Track", track.id), code="PC92", title="C" * 401)

    assert error_codes(result) == [("title", "TOO_LONG")]


async def fill_catalogue(track: Track, up_to: int) -> None:
    """Local topics at the end of ``track``'s catalogue until it holds ``up_to`` topics."""
    held = await Topic.filter(track_id=track.id).count()
    await Topic.bulk_create(
        [
            Topic(
                track_id=track.id,
                code=f"F{n:03}",
                title=f"Chuyên đề {n}",
                search_title=f"chuyen de {n}",
                order=n,
                origin=TopicOrigin.LOCAL,
            )
            for n in range(held + 1, up_to + 1)
        ]
    )


async def test_a_catalogue_grows_to_its_declared_maximum_and_no_further(client):
    # given a catalogue one topic short of the maximum, a dropped topic among them
    track = await Track.get(code="party_committee")
    await fill_catalogue(track, MAX_TOPICS_PER_TRACK - 1)
    await Topic.filter(track_id=track.id, code="PC01").update(is_active=False)
    # when two more are added
    last = await create(client, trackId=gid("Track", track.id), code="PC98", title="Cuối")
    over = await create(client, trackId=gid("Track", track.id), code="PC99", title="Quá")
    # then the first fits, the second is refused and not written
    assert last["errors"] == []
    assert last["topic"]["order"] == MAX_TOPICS_PER_TRACK
    assert over["topic"] is None
    assert error_codes(over) == [("trackId", "TOO_MANY")]
    assert await Topic.filter(track_id=track.id).count() == MAX_TOPICS_PER_TRACK


async def test_a_full_catalogue_does_not_stop_other_tracks(client):
    await fill_catalogue(await Track.get(code="party_committee"), MAX_TOPICS_PER_TRACK)
    other = await Track.get(code="peoples_committee")

    result = await create(client, trackId=gid("Track", other.id), code="PPC90", title="Mới")

    assert result["errors"] == []


async def test_topics_added_one_after_another_get_the_next_positions(client):
    track = await Track.get(code="party_committee")

    orders = [
        (await create(client, trackId=gid("Track", track.id), code=f"L{n}", title="Mới"))["topic"][
            "order"
        ]
        for n in range(3)
    ]

    assert orders == [10, 11, 12]  # after the nine of the catalogue


@pytest.mark.postgres_only
async def test_concurrent_additions_to_one_catalogue_get_distinct_positions(client):
    # given the party committee catalogue (9 topics)
    track = await Track.get(code="party_committee")
    # when 10 coordinators add a topic at the same moment
    results = await asyncio.gather(
        *(
            create(client, trackId=gid("Track", track.id), code=f"R{n:02}", title=f"Chuyên đề {n}")
            for n in range(10)
        )
    )
    # then every one is added, each at its own position after the catalogue's end
    assert [result["errors"] for result in results] == [[]] * 10
    orders = sorted(
        await Topic.filter(track_id=track.id, origin=TopicOrigin.LOCAL).values_list(
            "order", flat=True
        )
    )
    assert orders == list(range(10, 20))


async def test_a_title_that_fits_its_column_fits_whatever_folding_does_to_it(client):
    # given a title of 400 characters that case folding triples ("ﬃ" → "ffi")
    track = await Track.get(code="party_committee")
    title = "ﬃ" * 400
    # when it is added, then found by a search
    result = await create(client, trackId=gid("Track", track.id), code="PC93", title=title)
    found = await graphql_data(client, '{ topics(filter: {title: "FFIFFI"}) { totalCount } }')
    # then it is stored whole, and searchable (PostgreSQL once refused the 1,200-character key)
    assert result["errors"] == []
    assert result["topic"]["title"] == title
    assert found["topics"]["totalCount"] == 1


async def test_reports_a_malformed_track_id_with_every_bad_text(client):
    result = await create(client, trackId="nope", code=" ", title="T" * 401)

    assert result["topic"] is None
    assert error_codes(result) == [
        ("trackId", "INVALID_ID"),
        ("code", "REQUIRED"),
        ("title", "TOO_LONG"),
    ]
    assert result["errors"][2]["message"] == "At most 400 characters are allowed (401 given)."
    assert await Topic.filter(origin=TopicOrigin.LOCAL).count() == 0


async def test_an_english_title_too_long_is_refused_and_nothing_is_added(client):
    track = await Track.get(code="party_committee")

    result = await create(
        client, trackId=gid("Track", track.id), code="PC91", title="Mới", titleEn="x" * 401
    )

    assert result["topic"] is None
    assert error_codes(result) == [("titleEn", "TOO_LONG")]
    assert not await Topic.exists(track_id=track.id, code="PC91")
