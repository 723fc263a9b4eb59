"""The People's Committee track's catalogue: 19 topics with English titles, and its practicum."""

from __future__ import annotations

import unicodedata

from tests.helpers import graphql_data

TRACK = """
query {
  tracks(filter: {pluginIds: ["peoples_committee"]}) { edges { node {
    code posts { code }
    topics { code title titleEn order origin active }
    practicumItems { code title requiredCount }
  } } }
}
"""


async def peoples_committee_track(client) -> dict:
    data = await graphql_data(client, TRACK)
    [edge] = data["tracks"]["edges"]
    return edge["node"]


async def test_the_track_has_19_topics_with_vietnamese_and_english_titles(client):
    track = await peoples_committee_track(client)
    topics = track["topics"]

    assert [topic["code"] for topic in topics] == [f"UB{n:02d}" for n in range(1, 20)]
    assert [topic["order"] for topic in topics] == list(range(1, 20))
    assert {(topic["origin"], topic["active"]) for topic in topics} == {("PLUGIN", True)}
    titles = [topic["title"] for topic in topics]
    assert len(set(titles)) == 19
    assert all(unicodedata.is_normalized("NFC", title) for title in titles)
    assert all(not title.isascii() for title in titles), "Vietnamese titles keep their diacritics"
    english = [topic["titleEn"] for topic in topics]
    assert len(set(english)) == 19
    assert all(title and title.isascii() for title in english)
    by_code = {topic["code"]: topic for topic in topics}
    assert by_code["UB11"]["title"] == "Công tác tiếp công dân"
    assert by_code["UB11"]["titleEn"] == "Citizen reception"
    assert by_code["UB13"]["titleEn"] == "Administrative procedure reform and the one-stop desk"


async def test_the_practicum_is_a_district_meeting_and_two_commune_standing_meetings(client):
    track = await peoples_committee_track(client)

    assert [post["code"] for post in track["posts"]] == [
        "peoples_committee_chair",
        "peoples_committee_vice_chair",
    ]
    assert [(item["code"], item["requiredCount"]) for item in track["practicumItems"]] == [
        ("district_committee_meeting", 1),
        ("commune_standing_meetings", 2),
    ]
