"""Question banks: import from JSON or CSV, a dry run that lists every bad row, versions."""

from __future__ import annotations

import json

from core.models import Question, QuestionVersion, Track
from core.models.enums import Role
from tests import factories
from tests.factories import gid
from tests.helpers import graphql, graphql_data

IMPORT = """
mutation($input: ImportQuestionsInput!) {
  importQuestions(input: $input) {
    created revised unchanged dryRun problemCount
    problems { row field code message }
    errors { field code message }
  }
}
"""
BANK = """
query($trackId: ID!) {
  questions(filter: {trackId: $trackId}) {
    totalCount
    edges { node {
      code topic { code }
      currentVersion { number stem options correctOption explanation difficulty }
    } }
  }
}
"""


def question(code: str, **changes):
    return {
        "code": code,
        "topic": "PC01",
        "stem": "Cơ quan nào ban hành nghị quyết của Đảng bộ xã?",
        "options": ["Ban Chấp hành Đảng bộ xã", "UBND xã", "HĐND xã", "Mặt trận Tổ quốc xã"],
        "correct": "A",
        "explanation": "Nghị quyết của Đảng bộ do Ban Chấp hành Đảng bộ ban hành.",
        "difficulty": "easy",
        **changes,
    }


async def import_input(content, file_format="JSON", dry_run=False):
    track = await Track.get(code="party_committee")
    return {
        "input": {
            "trackId": gid("Track", track.id),
            "format": file_format,
            "content": content if isinstance(content, str) else json.dumps(content),
            "dryRun": dry_run,
        }
    }


async def test_a_json_bank_is_imported_and_read_back(client, db):
    data = await graphql_data(
        client, IMPORT, await import_input([question("Q1"), question("Q2", correct="c")])
    )
    track = await Track.get(code="party_committee")
    bank = await graphql_data(client, BANK, {"trackId": gid("Track", track.id)})

    report = data["importQuestions"]
    assert (report["created"], report["revised"], report["errors"], report["problems"]) == (
        2,
        0,
        [],
        [],
    )
    [first, second] = [edge["node"] for edge in bank["questions"]["edges"]]
    assert first["topic"] == {"code": "PC01"}
    assert first["currentVersion"] == {
        "number": 1,
        "stem": "Cơ quan nào ban hành nghị quyết của Đảng bộ xã?",
        "options": ["Ban Chấp hành Đảng bộ xã", "UBND xã", "HĐND xã", "Mặt trận Tổ quốc xã"],
        "correctOption": "A",
        "explanation": "Nghị quyết của Đảng bộ do Ban Chấp hành Đảng bộ ban hành.",
        "difficulty": "EASY",
    }
    assert second["currentVersion"]["correctOption"] == "C"


async def test_importing_again_revises_changed_questions_and_keeps_their_old_versions(client, db):
    await graphql_data(client, IMPORT, await import_input([question("Q1"), question("Q2")]))

    data = await graphql_data(
        client, IMPORT, await import_input([question("Q1"), question("Q2", stem="Câu hỏi mới?")])
    )

    report = data["importQuestions"]
    assert (report["created"], report["revised"], report["unchanged"]) == (0, 1, 1)
    revised = await Question.get(code="Q2")
    versions = await QuestionVersion.filter(question_id=revised.id).order_by("number")
    assert [(v.number, v.is_current, v.stem) for v in versions] == [
        (1, False, "Cơ quan nào ban hành nghị quyết của Đảng bộ xã?"),
        (2, True, "Câu hỏi mới?"),
    ]


async def test_a_dry_run_reports_and_writes_nothing(client, db):
    shipped = await Question.all().count()  # the banks the built-in plugins ship

    data = await graphql_data(client, IMPORT, await import_input([question("Q1")], dry_run=True))

    assert data["importQuestions"]["created"] == 1
    assert data["importQuestions"]["dryRun"] is True
    assert await Question.all().count() == shipped


async def test_every_bad_row_is_listed_and_nothing_is_written(client, db):
    shipped = await Question.all().count()  # the banks the built-in plugins ship
    rows = [
        question("Q1"),
        question("Q2", correct=""),
        question("Q3", correct="A,B"),
        question("Q4", topic="PC99"),
        question("Q5", options=["Chỉ một phương án"]),
        question("Q6", stem="  "),
        question("Q1"),
        question("Q8", correct="E"),
    ]

    data = await graphql_data(client, IMPORT, await import_input(rows))

    report = data["importQuestions"]
    assert sorted((p["row"], p["field"], p["code"]) for p in report["problems"]) == [
        (1, "code", "DUPLICATE"),
        (2, "correct", "INVALID"),
        (3, "correct", "INVALID"),
        (4, "topic", "NOT_FOUND"),
        (5, "options", "INVALID"),
        (6, "stem", "REQUIRED"),
        (7, "code", "DUPLICATE"),
        (8, "correct", "INVALID"),
    ]
    assert report["problemCount"] == 8
    assert [(e["field"], e["code"]) for e in report["errors"]] == [("content", "INVALID_ROWS")]
    messages = {p["row"]: p["message"] for p in report["problems"] if p["field"] == "correct"}
    assert messages[2] == "Name exactly one correct option (none given)."
    assert messages[3] == "Name exactly one correct option (A, B given)."
    assert await Question.all().count() == shipped


async def test_a_csv_bank_is_imported(client, db):
    shipped = await QuestionVersion.all().count()  # the banks the built-in plugins ship
    content = (
        "code,topic,stem,option_a,option_b,option_c,option_d,correct,explanation,difficulty\n"
        'C1,PC02,"Dân vận là gì?",Vận động nhân dân,Thu thuế,Xử phạt,Cấp phép,A,"Vì…",medium\n'
        "C2,PC03,Ai kiểm tra?,UBKT,HĐND,,,a,,\n"
    )

    data = await graphql_data(client, IMPORT, await import_input(content, "CSV"))

    assert data["importQuestions"]["created"] == 2
    assert await QuestionVersion.all().count() == shipped + 2
    second = await QuestionVersion.get(question__code="C2")
    assert (second.options, second.correct_option) == (["UBKT", "HĐND"], 0)


async def test_a_file_that_cannot_be_read_is_one_problem(client, db):
    shipped = await Question.all().count()  # the banks the built-in plugins ship
    not_json = await graphql_data(client, IMPORT, await import_input("{oops"))
    no_column = await graphql_data(client, IMPORT, await import_input("code,stem\nQ,?", "CSV"))

    assert [p["field"] for p in not_json["importQuestions"]["problems"]] == ["content"]
    assert (
        "lacks the column(s) correct, option_a, option_b, topic"
        in (no_column["importQuestions"]["problems"][0]["message"])
    )
    assert await Question.all().count() == shipped


async def test_learners_and_viewers_neither_read_nor_import_the_bank(sign_in_as, db):
    await factories.district()
    official = await factories.official()
    commune = await official.org_unit
    learner = await sign_in_as("hoc.vien", (Role.LEARNER, commune), official=official)
    viewer = await sign_in_as("lanh.dao", (Role.VIEWER, commune))
    track = await Track.get(code="party_committee")
    shipped = await Question.all().count()  # the banks the built-in plugins ship

    read = await graphql(learner, BANK, {"trackId": gid("Track", track.id)})
    imported = await graphql(viewer, IMPORT, await import_input([question("Q1")]))

    assert read["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert imported["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await Question.all().count() == shipped
