"""createTopic: a coordinator's local topic, kept across plugin syncs."""

from __future__ import annotations

import pytest

from core.models import Topic, Track
from core.models.enums import TopicOrigin
from core.services.sync import sync_plugins
from tests.factories import gid
from tests.helpers import error_codes, graphql_data

CREATE_TOPIC = """
mutation Create($input: TopicCreateInput!) {
  createTopic(input: $input) {
    topic { code title order origin active track { code } }
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
    )

    assert result["errors"] == []
    assert result["topic"] == {
        "code": "PC90",
        "title": "Công tác bảo vệ chính trị nội bộ",
        "order": 6,
        "origin": "LOCAL",
        "active": True,
        "track": {"code": "party_committee"},
    }
    # and a plugin sync (a restart) keeps it as it is
    await sync_plugins(app.state.registry)
    kept = await Topic.get(track_id=track.id, code="PC90")
    assert (kept.origin, kept.is_active, kept.order) == (TopicOrigin.LOCAL, True, 6)


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
