"""The People's Committee question bank: shipped as files in the import format, checked at
start-up, seeded into the track's bank, and enough for a 30-question test across 19 topics."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from core.app import create_app
from core.declarations import (
    PostDeclaration,
    QuestionBankDeclaration,
    TopicDeclaration,
    TrackDeclaration,
)
from core.hookspecs import hookimpl
from core.models import SittingQuestion, Track
from core.models.enums import CohortStatus, PostKind
from core.plugins import PluginError, discover, load_plugins
from core.services.access import OPERATOR
from core.services.enrollments import enroll_official, register_topics
from plugins import peoples_committee
from tests import factories
from tests.conftest import builtin_registry
from tests.factories import gid
from tests.fixtures.plugins import plugin_info
from tests.helpers import graphql_data

BANK_FOLDER = Path(peoples_committee.__file__).parent / "questions"
BANK = """
query($trackId: ID!, $after: String) {
  questions(filter: {trackId: $trackId}, first: 40, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      code active topic { code }
      currentVersion { number stem options correctOption explanation difficulty }
    } }
  }
}
"""
CREATE_TEST = """
mutation($input: CreateTestInput!) {
  createTest(input: $input) {
    test { id questionCount sittings(first: 10) { totalCount edges { node { fromOtherTopics } } } }
    errors { field code message }
  }
}
"""


def shipped_questions() -> list[dict]:
    """Every question of the plugin's files, read as the files hold them."""
    found = []
    for path in sorted(BANK_FOLDER.glob("*.json")):
        found += json.loads(path.read_text(encoding="utf-8"))["questions"]
    return found


async def bank(client) -> list[dict]:
    """The track's bank, every page of it, through GraphQL."""
    track = await Track.get(code="peoples_committee")
    nodes: list[dict] = []
    after = None
    while True:
        data = await graphql_data(client, BANK, {"trackId": gid("Track", track.id), "after": after})
        page = data["questions"]
        nodes += [edge["node"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return nodes
        after = page["pageInfo"]["endCursor"]


# -- what the plugin ships ---------------------------------------------------------------------


def test_the_plugin_ships_every_file_of_its_questions_folder():
    # when the built-ins load
    registry = builtin_registry()
    declared = peoples_committee.register_question_banks()
    # then the plugin declares each file of its questions folder for its own track
    assert declared == [
        QuestionBankDeclaration("peoples_committee", path)
        for path in sorted(BANK_FOLDER.glob("*.json"))
    ]
    assert len(declared) >= 1
    # and the registry read and checked every row of them, for that track only
    rows = registry.question_banks()["peoples_committee"]
    assert [row.code for row in rows] == [question["code"] for question in shipped_questions()]


def test_the_files_are_labelled_demo_material_for_the_appraisal_board():
    readme = (BANK_FOLDER / "README.md").read_text(encoding="utf-8")

    assert "Tài liệu minh họa (demo)" in readme
    assert "Ban Thẩm định" in readme
    for path in BANK_FOLDER.glob("*.json"):
        note = json.loads(path.read_text(encoding="utf-8"))["note"]
        assert "demo" in note and "Ban Thẩm định" in note, path.name


def test_the_shipped_questions_are_nfc_four_options_one_correct_letter_and_explained():
    questions = shipped_questions()

    assert len(questions) >= 19 * 4
    assert len({question["code"] for question in questions}) == len(questions)
    for question in questions:
        texts = [question["stem"], question["explanation"], *question["options"]]
        assert all(unicodedata.is_normalized("NFC", text) for text in texts), question["code"]
        assert len(question["options"]) == 4, question["code"]
        assert len(set(question["options"])) == 4, question["code"]
        assert question["correct"] in ("A", "B", "C", "D"), question["code"]
        assert len(question["explanation"]) >= 40, question["code"]
        assert question["difficulty"] in ("easy", "medium", "hard"), question["code"]
    # the correct answer is not always in the same place
    assert len(Counter(question["correct"] for question in questions)) == 4


# -- seeded into the bank ----------------------------------------------------------------------


async def test_every_topic_has_at_least_four_seeded_questions_with_one_correct_option(client):
    nodes = await bank(client)

    per_topic = Counter(node["topic"]["code"] for node in nodes)
    assert sorted(per_topic) == [f"UB{n:02d}" for n in range(1, 20)]
    assert min(per_topic.values()) >= 4
    for node in nodes:
        version = node["currentVersion"]
        assert node["active"] is True
        assert version["number"] == 1
        assert len(version["options"]) == 4
        assert version["correctOption"] in ("A", "B", "C", "D")
        assert version["explanation"]


async def test_every_shipped_question_is_seeded_as_the_file_says(client):
    seeded = {node["code"]: node for node in await bank(client)}

    shipped = shipped_questions()
    assert sorted(seeded) == sorted(question["code"] for question in shipped)
    for question in shipped:
        node = seeded[question["code"]]
        assert node["topic"]["code"] == question["topic"]
        assert node["currentVersion"]["stem"] == question["stem"]
        assert node["currentVersion"]["options"] == question["options"]
        assert node["currentVersion"]["correctOption"] == question["correct"]
        assert node["currentVersion"]["difficulty"] == question["difficulty"].upper()


# -- a bad file stops start-up -----------------------------------------------------------------


def good_row(code: str, topic: str = "LB01") -> dict:
    return {
        "code": code,
        "topic": topic,
        "stem": "Ai cấp giấy chứng nhận quyền sử dụng đất cho hộ gia đình?",
        "options": ["UBND cấp huyện", "UBND cấp xã", "Trưởng thôn", "HĐND xã"],
        "correct": "A",
        "explanation": "UBND cấp huyện cấp giấy chứng nhận cho hộ gia đình, cá nhân.",
    }


class LandBank:
    """A plugin with a track of its own and a question bank file for it."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @hookimpl
    def plugin_info(self):
        return plugin_info("land_bank")

    @hookimpl
    def register_tracks(self):
        return [
            TrackDeclaration(
                code="land_bank_track",
                title="Học việc công chức địa chính",
                title_en="Apprenticeship for land officers",
                posts=(
                    PostDeclaration(
                        "land_bank_officer",
                        "Công chức Địa chính",
                        "Land officer",
                        PostKind.CIVIL_SERVANT,
                    ),
                ),
                topics=(TopicDeclaration("LB01", "Đăng ký đất đai"),),
            )
        ]

    @hookimpl
    def register_question_banks(self):
        return [QuestionBankDeclaration("land_bank_track", self.path)]


@pytest.mark.parametrize(
    ("rows", "bad_code", "reason"),
    [
        ([good_row("LB01-1"), {**good_row("LB01-2"), "correct": ""}], "LB01-2", "correct"),
        ([good_row("LB01-1"), good_row("LB01-2", topic="LB99")], "LB01-2", "topic"),
        ([good_row("LB01-1"), good_row("LB01-1")], "LB01-1", "code"),
    ],
    ids=["no correct option", "unknown topic", "repeated code"],
)
def test_a_bad_bank_file_stops_start_up_naming_the_plugin_file_and_question(
    tmp_path, settings, rows, bad_code, reason
):
    # given a plugin shipping a file with one bad question
    path = tmp_path / "land.json"
    path.write_text(json.dumps({"questions": rows}, ensure_ascii=False), encoding="utf-8")
    registry = load_plugins(
        candidates=[*discover(include_entry_points=False), ("test", LandBank(path))]
    )
    # when the app starts, then it stops naming the plugin, the file and the question
    with pytest.raises(PluginError) as refused:
        create_app(settings, registry=registry)
    message = str(refused.value)
    assert "'land_bank'" in message
    assert str(path) in message
    assert f"question {bad_code}" in message
    assert f"{reason}:" in message


def test_a_good_bank_file_of_another_plugin_loads_beside_the_built_ins(tmp_path):
    path = tmp_path / "land.json"
    path.write_text(json.dumps([good_row("LB01-1")], ensure_ascii=False), encoding="utf-8")
    registry = load_plugins(
        candidates=[*discover(include_entry_points=False), ("test", LandBank(path))]
    )

    banks = registry.question_banks()

    assert [row.code for row in banks["land_bank_track"]] == ["LB01-1"]
    assert len(banks["peoples_committee"]) == len(shipped_questions())


# -- a 30-question test draws across the topics ------------------------------------------------


async def test_a_30_question_test_draws_across_the_registered_topics(client):
    # given a running cohort: one chair registered every topic, a vice-chair three of them
    district = await factories.district()
    commune = await factories.commune("Xã Việt Hồng", district)
    cohort = await factories.cohort("peoples_committee", org_unit=district)
    chair = await factories.official("Phan Văn Công", "peoples_committee_chair", commune)
    vice = await factories.official("Nông Thị Yến", "peoples_committee_vice_chair", commune)
    track = await Track.get(code="peoples_committee")
    topics = {topic.code: topic.id for topic in await track.topics.all()}
    every = await enroll_official(OPERATOR, chair.id, cohort.id)
    some = await enroll_official(OPERATOR, vice.id, cohort.id)
    await register_topics(OPERATOR, every.id, tuple(topics.values()))
    await register_topics(OPERATOR, some.id, (topics["UB01"], topics["UB11"], topics["UB12"]))
    await factories.advance(cohort.id, CohortStatus.IN_PROGRESS)
    # when the coordinator sets the 30-question test
    data = await graphql_data(
        client,
        CREATE_TEST,
        {
            "input": {
                "cohortId": gid("Cohort", cohort.id),
                "title": "Kiểm tra trắc nghiệm 30 câu",
                "questionCount": 30,
                "opensAt": "2019-06-21T01:00:00Z",
                "closesAt": "2019-06-21T02:30:00Z",
                "seed": "2019",
            }
        },
    )
    # then each learner has 30 questions, spread over their topics as evenly as the banks allow
    payload = data["createTest"]
    assert payload["errors"] == []
    assert payload["test"]["sittings"]["totalCount"] == 2
    drawn: dict[int, Counter[str]] = {every.id: Counter(), some.id: Counter()}
    rows = await SittingQuestion.filter(sitting__enrollment__cohort_id=cohort.id).values_list(
        "sitting__enrollment_id", "version__question__topic__code"
    )
    for enrollment_id, topic_code in rows:
        drawn[enrollment_id][topic_code] += 1
    assert sum(drawn[every.id].values()) == sum(drawn[some.id].values()) == 30
    # every topic, one or two questions each (30 over 19)
    assert sorted(drawn[every.id]) == sorted(topics)
    assert set(drawn[every.id].values()) == {1, 2}
    # three topics hold 15 questions: all of them, and 15 from the track's other topics
    assert {code: drawn[some.id][code] for code in ("UB01", "UB11", "UB12")} == {
        "UB01": 5,
        "UB11": 5,
        "UB12": 5,
    }
    fillers = sorted(
        edge["node"]["fromOtherTopics"] for edge in payload["test"]["sittings"]["edges"]
    )
    assert fillers == [0, 15]
