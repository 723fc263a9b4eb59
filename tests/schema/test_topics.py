"""topics: every catalogue's topics; filters by track, active, accent-insensitive title; pages."""

from __future__ import annotations

import pytest

from core.models import Topic, Track
from core.models.enums import TopicOrigin
from tests.conftest import builtin_registry
from tests.factories import gid
from tests.helpers import graphql, graphql_data

TOPICS = """
query Topics($filter: TopicFilter, $first: Int, $after: String) {
  topics(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id code title order origin active track { code } } }
  }
}
"""

PARTY_COMMITTEE_TOPICS = [f"PC0{n}" for n in range(1, 10)]
PEOPLES_COMMITTEE_TOPICS = [f"UB{n:02d}" for n in range(1, 20)]
POLICE_TOPICS = ["CA01", "CA02", "CA03", "CA04", "CA05", "CA06"]
CATALOGUE_TOPICS = [
    topic.code for _, track in builtin_registry().tracks() for topic in track.topics
]
"""Every built-in catalogue's topics, in the order the API lists them (by track, then order)."""
MAX_PAGE_SIZE = 50
"""The test settings' page size (tests/conftest.py)."""


async def topics(client, **variables) -> dict:
    data = await graphql_data(client, TOPICS, variables)
    return data["topics"]


def codes(connection: dict) -> list[str]:
    return [edge["node"]["code"] for edge in connection["edges"]]


async def track_id(code: str) -> str:
    track = await Track.get(code=code)
    return gid("Track", track.id)


async def test_lists_the_built_in_catalogue_topics(client):
    result = await topics(client)

    assert codes(result) == CATALOGUE_TOPICS[:MAX_PAGE_SIZE]  # the first page
    assert result["totalCount"] == len(CATALOGUE_TOPICS)
    assert CATALOGUE_TOPICS[:9] == PARTY_COMMITTEE_TOPICS
    first = result["edges"][0]["node"]
    assert first == {
        "id": first["id"],
        "code": "PC01",
        "title": "Công tác tuyên giáo của cấp ủy cơ sở",
        "order": 1,
        "origin": "PLUGIN",
        "active": True,
        "track": {"code": "party_committee"},
    }


async def test_filters_by_tracks(client):
    # given: a local topic beside the People's Committee catalogue
    peoples = await Track.get(code="peoples_committee")
    await Topic.create(
        track=peoples,
        code="UB20",
        title="Quản lý chợ nông thôn",
        search_title="quan ly cho nong thon",
        order=20,
        origin=TopicOrigin.LOCAL,
    )
    # when
    party = await topics(client, filter={"trackIds": [await track_id("party_committee")]})
    people = await topics(client, filter={"trackIds": [await track_id("peoples_committee")]})
    both = await topics(
        client,
        filter={
            "trackIds": [
                await track_id("party_committee"),
                await track_id("peoples_committee"),
            ]
        },
    )
    police = await topics(client, filter={"trackIds": [await track_id("civil_servant_police")]})
    # then
    assert codes(party) == PARTY_COMMITTEE_TOPICS
    assert codes(people) == [*PEOPLES_COMMITTEE_TOPICS, "UB20"]
    assert [edge["node"]["origin"] for edge in people["edges"]] == ["PLUGIN"] * 19 + ["LOCAL"]
    assert codes(both) == [*PARTY_COMMITTEE_TOPICS, *PEOPLES_COMMITTEE_TOPICS, "UB20"]
    assert codes(police) == POLICE_TOPICS
    assert police["totalCount"] == 6


async def test_filters_by_active(client):
    await Topic.filter(code__in=["PC02", "PC04"]).update(is_active=False)

    inactive = await topics(client, filter={"active": False})
    active = await topics(client, filter={"active": True})

    assert codes(inactive) == ["PC02", "PC04"]
    assert [edge["node"]["active"] for edge in inactive["edges"]] == [False, False]
    assert (
        codes(active) == [c for c in CATALOGUE_TOPICS if c not in ("PC02", "PC04")][:MAX_PAGE_SIZE]
    )


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("dan van", ["PC02"]),
        ("DÂN VẬN", ["PC02"]),
        ("kiểm tra", ["PC03", "TP06", "TC06", "DC05"]),
        ("cap uy co so", ["PC01", "PC02", "PC03"]),
        ("đảng ủy", ["PC04", "PC05", "PC07"]),
        ("dang uy", ["PC04", "PC05", "PC07"]),
        ("đoi thoai", ["PC05"]),
        ("ngân sách", ["UB02", "TC01", "TC02", "TC03", "TC04", "TC05", "TC06"]),
        ("tien luong", []),
    ],
)
async def test_title_search_ignores_case_and_diacritics(client, title, expected):
    result = await topics(client, filter={"title": title})

    assert codes(result) == expected
    assert result["totalCount"] == len(expected)


async def test_pages_walk_every_topic_once(client):
    seen: list[str] = []
    after = None
    pages = 0
    while True:
        page = await topics(client, first=2, after=after)
        pages += 1
        seen += codes(page)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]

    assert seen == CATALOGUE_TOPICS
    assert pages == (len(CATALOGUE_TOPICS) + 1) // 2


@pytest.mark.parametrize(
    ("variables", "argument"),
    [
        ({"filter": {"trackIds": ["party_committee"]}}, "filter.trackIds"),
        ({"filter": {"trackIds": [gid("Topic", 1)]}}, "filter.trackIds"),
        ({"first": 51}, "first"),
        ({"after": "e30="}, "after"),  # base64 of "{}"
    ],
)
async def test_bad_arguments_are_user_input_errors(client, variables, argument):
    body = await graphql(client, TOPICS, variables)

    assert body["data"] is None
    [error] = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": argument}
