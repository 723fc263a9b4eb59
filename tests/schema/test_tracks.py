"""tracks: the nine built-in tracks, posts and topics; filters; Track.topics(includeInactive)."""

from __future__ import annotations

import pytest

from core.models import Post, Topic, Track
from core.models.enums import TopicOrigin
from tests.factories import gid
from tests.helpers import graphql, graphql_data

TRACKS = """
query Tracks($filter: TrackFilter, $first: Int, $after: String) {
  tracks(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id code title pluginId active
        posts { code title kind }
        topics { code title order origin active }
      }
    }
  }
}
"""

TRACK_TOPICS = """
query TrackTopics($id: ID!, $includeInactive: Boolean!) {
  node(id: $id) {
    ... on Track {
      code
      default: topics { code }
      chosen: topics(includeInactive: $includeInactive) { code active origin }
    }
  }
}
"""

BUILT_IN_TRACKS = [
    ("civil_servant_culture", "commune_civil_servants", ["culture_social"]),
    ("civil_servant_finance", "commune_civil_servants", ["finance_accounting"]),
    ("civil_servant_justice", "commune_civil_servants", ["justice_civil_status"]),
    ("civil_servant_land", "commune_civil_servants", ["land_construction_environment"]),
    ("civil_servant_military", "commune_civil_servants", ["military_commander"]),
    ("civil_servant_office", "commune_civil_servants", ["office_statistics"]),
    ("civil_servant_police", "commune_civil_servants", ["police_chief"]),
    ("party_committee", "party_committee", ["deputy_party_secretary", "party_secretary"]),
    (
        "peoples_committee",
        "peoples_committee",
        ["peoples_committee_chair", "peoples_committee_vice_chair"],
    ),
]


async def tracks(client, **variables) -> dict:
    data = await graphql_data(client, TRACKS, variables)
    return data["tracks"]


def codes(connection: dict) -> list[str]:
    return [edge["node"]["code"] for edge in connection["edges"]]


async def test_lists_the_nine_built_in_tracks_with_their_posts(client):
    # when
    result = await tracks(client)
    # then
    assert [
        (n["code"], n["pluginId"], [p["code"] for p in n["posts"]])
        for n in (edge["node"] for edge in result["edges"])
    ] == BUILT_IN_TRACKS
    assert result["totalCount"] == 9
    assert all(edge["node"]["active"] for edge in result["edges"])


async def test_a_track_shows_its_catalogue_in_teaching_order(client):
    result = await tracks(client, filter={"pluginIds": ["party_committee"]})

    [edge] = result["edges"]
    track = edge["node"]
    assert track["title"] == "Học việc chức danh Bí thư, Phó Bí thư Đảng ủy"
    assert track["posts"] == [
        {"code": "deputy_party_secretary", "title": "Phó Bí thư Đảng ủy", "kind": "CADRE"},
        {"code": "party_secretary", "title": "Bí thư Đảng ủy", "kind": "CADRE"},
    ]
    assert [(t["code"], t["order"], t["origin"], t["active"]) for t in track["topics"]] == [
        ("PC01", 1, "PLUGIN", True),
        ("PC02", 2, "PLUGIN", True),
        ("PC03", 3, "PLUGIN", True),
        ("PC04", 4, "PLUGIN", True),
        ("PC05", 5, "PLUGIN", True),
        ("PC06", 6, "PLUGIN", True),
        ("PC07", 7, "PLUGIN", True),
        ("PC08", 8, "PLUGIN", True),
        ("PC09", 9, "PLUGIN", True),
    ]
    assert track["topics"][1]["title"] == "Công tác dân vận của cấp ủy cơ sở"


@pytest.mark.parametrize(
    ("plugin_ids", "expected"),
    [
        (
            ["commune_civil_servants"],
            [
                "civil_servant_culture",
                "civil_servant_finance",
                "civil_servant_justice",
                "civil_servant_land",
                "civil_servant_military",
                "civil_servant_office",
                "civil_servant_police",
            ],
        ),
        (["party_committee", "peoples_committee"], ["party_committee", "peoples_committee"]),
        (["no_such_plugin"], []),
        ([], []),
    ],
)
async def test_filters_by_plugin_ids(client, plugin_ids, expected):
    result = await tracks(client, filter={"pluginIds": plugin_ids})

    assert codes(result) == expected
    assert result["totalCount"] == len(expected)


@pytest.mark.parametrize(
    ("post_code", "expected"),
    [
        ("police_chief", ["civil_servant_police"]),
        ("deputy_party_secretary", ["party_committee"]),
        ("peoples_committee_vice_chair", ["peoples_committee"]),
    ],
)
async def test_filters_by_post(client, post_code, expected):
    post = await Post.get(code=post_code)

    result = await tracks(client, filter={"postId": gid("Post", post.id)})

    assert codes(result) == expected
    assert result["totalCount"] == len(expected)


async def test_filters_by_active(client):
    # given: the party committee track's plugin was switched off
    await Track.filter(code="party_committee").update(is_active=False)
    # when
    inactive = await tracks(client, filter={"active": False})
    active = await tracks(client, filter={"active": True})
    # then
    assert codes(inactive) == ["party_committee"]
    assert inactive["edges"][0]["node"]["active"] is False
    assert codes(active) == [code for code, _, _ in BUILT_IN_TRACKS if code != "party_committee"]


async def test_filters_combine(client):
    await Track.filter(code="civil_servant_police").update(is_active=False)

    result = await tracks(client, filter={"pluginIds": ["commune_civil_servants"], "active": True})

    assert codes(result) == [
        "civil_servant_culture",
        "civil_servant_finance",
        "civil_servant_justice",
        "civil_servant_land",
        "civil_servant_military",
        "civil_servant_office",
    ]


async def test_pages_walk_every_track_once(client):
    seen: list[str] = []
    after = None
    while True:
        page = await tracks(client, first=4, after=after)
        seen += codes(page)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]

    assert seen == [code for code, _, _ in BUILT_IN_TRACKS]


KEPT = [(f"PC0{n}", True) for n in (1, 2, 4, 5, 6, 7, 8, 9)] + [("LC01", True)]
"""The catalogue with PC03 dropped, and the active local topic after it."""


@pytest.mark.parametrize(
    ("include_inactive", "expected"),
    [
        (False, KEPT),
        (True, [("PC01", True), ("PC02", True), ("PC03", False), *KEPT[2:], ("LC02", False)]),
    ],
)
async def test_track_topics_leave_out_dropped_topics_unless_asked(
    client, include_inactive, expected
):
    # given: PC03 dropped from the catalogue, two local topics of which one is inactive
    track = await Track.get(code="party_committee")
    await Topic.filter(track_id=track.id, code="PC03").update(is_active=False)
    for code, order, active in (("LC01", 10, True), ("LC02", 11, False)):
        await Topic.create(
            track=track,
            code=code,
            title="Kỹ năng soạn thảo văn bản",
            search_title="ky nang soan thao van ban",
            order=order,
            origin=TopicOrigin.LOCAL,
            is_active=active,
        )
    # when
    data = await graphql_data(
        client, TRACK_TOPICS, {"id": gid("Track", track.id), "includeInactive": include_inactive}
    )
    # then
    node = data["node"]
    assert [(t["code"], t["active"]) for t in node["chosen"]] == expected
    assert [t["code"] for t in node["default"]] == [code for code, _ in KEPT]
    assert {t["origin"] for t in node["chosen"] if t["code"].startswith("LC")} == {"LOCAL"}


@pytest.mark.parametrize(
    ("filter", "argument"),
    [
        ({"postId": "police_chief"}, "filter.postId"),
        ({"postId": gid("Track", 1)}, "filter.postId"),
    ],
)
async def test_a_malformed_post_id_is_a_user_input_error(client, filter, argument):
    body = await graphql(client, TRACKS, {"filter": filter})

    assert body["data"] is None
    [error] = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": argument}
