"""The Party track's catalogue and scheme as the API shows them to anyone."""

from __future__ import annotations

from tests.helpers import graphql_data

TRACK = """
{
  tracks(filter: {pluginIds: ["party_committee"]}) {
    edges { node {
      code
      posts { code }
      topics { code title titleEn }
      practicumItems { code }
      scheme {
        components { code kind weight doubleMarking pluginKind }
        bands { name lowerBound }
        practicumSignedOff
      }
    } }
  }
}
"""
ARTICLE_THEMES = {
    "PC01": "tuyên giáo",
    "PC02": "dân vận",
    "PC03": "kiểm tra, giám sát",
    "PC04": "lãnh đạo, chỉ đạo",
    "PC05": "tiếp xúc, đối thoại",
}


async def test_the_catalogue_has_nine_topics_with_english_titles(anonymous):
    data = await graphql_data(anonymous, TRACK)

    [edge] = data["tracks"]["edges"]
    track = edge["node"]
    topics = track["topics"]
    assert [topic["code"] for topic in topics] == [f"PC0{n}" for n in range(1, 10)]
    assert all(topic["title"] and topic["titleEn"] for topic in topics)
    assert len({topic["titleEn"] for topic in topics}) == 9
    for topic in topics[:5]:  # the five the article names
        assert ARTICLE_THEMES[topic["code"]] in topic["title"]
    assert {post["code"] for post in track["posts"]} == {
        "party_secretary",
        "deputy_party_secretary",
    }
    assert track["practicumItems"] == [{"code": "observe_standing_board"}]


async def test_the_scheme_weighs_the_written_test_and_the_draft(anonymous):
    data = await graphql_data(anonymous, TRACK)

    scheme = data["tracks"]["edges"][0]["node"]["scheme"]
    assert scheme["components"] == [
        {
            "code": "written_test",
            "kind": "WRITTEN_TEST",
            "weight": "0.6",
            "doubleMarking": False,
            "pluginKind": None,
        },
        {
            "code": "conclusion_draft",
            "kind": "PLUGIN",
            "weight": "0.4",
            "doubleMarking": False,
            "pluginKind": "party_committee.conclusion_draft",
        },
    ]
    assert [band["name"] for band in scheme["bands"]] == ["Giỏi", "Khá", "Trung bình", "Yếu"]
    assert scheme["practicumSignedOff"] is True
