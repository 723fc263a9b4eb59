"""node(id:): every Node type by its global ID; unknown rows are null; malformed IDs are errors."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import pytest
from strawberry import relay

from core.models import (
    Account,
    HostAgency,
    Post,
    PracticumItem,
    Programme,
    StoredFile,
    Topic,
    Track,
)
from core.models import ExamSitting as ExamSittingModel
from core.models import Question as QuestionModel
from core.models.enums import AgencyBloc, AuditOutcome, CohortStatus
from core.services import audit
from core.services.access import OPERATOR
from core.services.accounts import now
from core.services.cohorts import advance_cohort
from core.services.enrollments import enroll_official
from core.services.exams import ExamPlan, create_exam
from core.services.practicum import Evidence, submit_evidence
from core.services.question_bank import import_questions, read_rows
from tests import factories
from tests.conftest import TEST_ADMIN
from tests.factories import gid
from tests.helpers import graphql_data

NODE = """
query Node($id: ID!) {
  node(id: $id) {
    __typename
    id
    ... on OrgUnit { name level }
    ... on HostAgency { name bloc }
    ... on Post { code title }
    ... on Official { fullName }
    ... on Programme { title startYear }
    ... on Track { code pluginId }
    ... on Topic { code title }
    ... on Cohort { name cohortStatus: status }
    ... on Enrollment { enrollmentStatus: status official { fullName } }
    ... on AuditEntry { operation outcome }
    ... on LessonContent { topic { code } }
    ... on LessonVersion { number versionStatus: status }
    ... on CohortSession { title activityKind { code } }
    ... on PracticumEvidence { text evidenceStatus: status }
    ... on Question { code currentVersion { correctOption } }
    ... on Test { title questionCount }
    ... on TestSitting { fromOtherTopics }
    ... on StoredFile { name mediaType }
  }
}
"""

NODE_TYPES = [
    "OrgUnit",
    "HostAgency",
    "Post",
    "Official",
    "Programme",
    "Track",
    "Topic",
    "Cohort",
    "Enrollment",
    "AuditEntry",
    "LessonContent",
    "LessonVersion",
    "CohortSession",
    "PracticumEvidence",
    "StoredFile",
    "Question",
    "Test",
    "TestSitting",
]


async def an_org_unit() -> tuple[int, dict]:
    unit = await factories.commune("Xã Vĩnh Hảo")
    return unit.id, {"name": "Xã Vĩnh Hảo", "level": "COMMUNE"}


async def a_host_agency() -> tuple[int, dict]:
    commune = await factories.commune()
    district = await commune.parent
    agency = await HostAgency.create(
        code="BQ-BTG",
        name="Ban Tuyên giáo Huyện ủy Bắc Quang",
        bloc=AgencyBloc.PARTY,
        org_unit=district,
    )
    return agency.id, {"name": "Ban Tuyên giáo Huyện ủy Bắc Quang", "bloc": "PARTY"}


async def a_post() -> tuple[int, dict]:
    post = await Post.get(code="police_chief")
    return post.id, {"code": "police_chief", "title": "Trưởng Công an"}


async def an_official() -> tuple[int, dict]:
    official = await factories.official("Đặng Đức Thắng")
    return official.id, {"fullName": "Đặng Đức Thắng"}


async def a_programme() -> tuple[int, dict]:
    programme = await Programme.create(
        code="DA-2019",
        title="Đề án học việc 2019–2021",
        org_unit=await factories.commune(),
        start_year=2019,
        end_year=2021,
    )
    return programme.id, {"title": "Đề án học việc 2019–2021", "startYear": 2019}


async def a_track() -> tuple[int, dict]:
    track = await Track.get(code="peoples_committee")
    return track.id, {"code": "peoples_committee", "pluginId": "peoples_committee"}


async def a_topic() -> tuple[int, dict]:
    topic = await Topic.get(code="PC02")
    return topic.id, {"code": "PC02", "title": "Công tác dân vận của cấp ủy cơ sở"}


async def a_cohort() -> tuple[int, dict]:
    cohort = await factories.cohort(name="Khóa học việc 2019")
    return cohort.id, {"name": "Khóa học việc 2019", "cohortStatus": "OPEN"}


async def an_enrollment() -> tuple[int, dict]:
    official = await factories.official("Nguyễn Văn An")
    enrollment = await enroll_official(OPERATOR, official.id, (await factories.cohort()).id)
    return enrollment.id, {
        "enrollmentStatus": "ENROLLED",
        "official": {"fullName": "Nguyễn Văn An"},
    }


async def an_audit_entry() -> tuple[int, dict]:
    entry = await audit.record(
        at=now(),
        request_id="0" * 32,
        actor=None,
        operation="createCohort",
        outcome=AuditOutcome.REFUSED,
        input={},
        error_codes=["REQUIRED"],
        target_ids=[],
    )
    return entry.id, {"operation": "createCohort", "outcome": "REFUSED"}


async def a_lesson_version() -> tuple[int, dict]:
    programme = await factories.programme()
    version = await factories.approved_lesson(programme, await Topic.get(code="PC01"))
    return version.id, {"number": 1, "versionStatus": "APPROVED"}


async def a_lesson_content() -> tuple[int, dict]:
    programme = await factories.programme()
    version = await factories.approved_lesson(programme, await Topic.get(code="PC01"))
    return version.content_id, {"topic": {"code": "PC01"}}


async def a_cohort_session() -> tuple[int, dict]:
    session = await factories.session(await factories.cohort())
    return session.id, {"title": "Buổi học", "activityKind": {"code": "theory"}}


async def a_practicum_evidence() -> tuple[int, dict]:
    cohort = await factories.cohort()
    enrollment = await enroll_official(OPERATOR, (await factories.official()).id, cohort.id)
    await advance_cohort(OPERATOR, cohort.id, CohortStatus.IN_PROGRESS)
    item = await PracticumItem.get(code="observe_standing_board")
    evidence = await submit_evidence(
        OPERATOR, enrollment.id, item.id, Evidence(text="Dự họp ngày 12/6")
    )
    return evidence.id, {"text": "Dự họp ngày 12/6", "evidenceStatus": "SUBMITTED"}


async def a_stored_file() -> tuple[int, dict]:
    # uploaded by the ``client`` fixture's account: only the uploader (and uses) may read it
    uploader = await Account.get(username=TEST_ADMIN)
    row = await StoredFile.create(
        key="ab/" + "0" * 32,
        name="Tài liệu.pdf",
        media_type="application/pdf",
        size=1,
        sha256="0" * 64,
        uploaded_by_id=uploader.id,
    )
    return row.id, {"name": "Tài liệu.pdf", "mediaType": "application/pdf"}


async def a_question() -> tuple[int, dict]:
    rows, _ = read_rows(
        "code,topic,stem,option_a,option_b,correct\nQ1,PC01,Tuyên giáo là gì?,A,B,B\n", "csv"
    )
    await import_questions(
        OPERATOR, (await Track.get(code="party_committee")).id, rows, dry_run=False
    )
    question = await QuestionModel.get(code="Q1")
    return question.id, {"code": "Q1", "currentVersion": {"correctOption": "B"}}


async def a_test() -> tuple[int, dict]:
    rows, _ = read_rows("code,topic,stem,option_a,option_b,correct\nQ1,PC01,Hỏi?,A,B,B\n", "csv")
    track = await Track.get(code="party_committee")
    await import_questions(OPERATOR, track.id, rows, dry_run=False)
    cohort = await factories.cohort()
    await enroll_official(OPERATOR, (await factories.official()).id, cohort.id)
    await advance_cohort(OPERATOR, cohort.id, CohortStatus.IN_PROGRESS)
    opens = datetime(2019, 7, 1, tzinfo=UTC)
    plan = ExamPlan("Kiểm tra", 1, opens, opens + timedelta(hours=1), seed=1)
    exam = await create_exam(OPERATOR, cohort.id, plan)
    return exam.id, {"title": "Kiểm tra", "questionCount": 1}


async def a_test_sitting() -> tuple[int, dict]:
    exam_id, _ = await a_test()
    sitting = await ExamSittingModel.get(exam_id=exam_id)
    return sitting.id, {"fromOtherTopics": 1}  # no topic registered: from the track's


BUILDERS: dict[str, Callable[[], Awaitable[tuple[int, dict]]]] = {
    "OrgUnit": an_org_unit,
    "HostAgency": a_host_agency,
    "Post": a_post,
    "Official": an_official,
    "Programme": a_programme,
    "Track": a_track,
    "Topic": a_topic,
    "Cohort": a_cohort,
    "Enrollment": an_enrollment,
    "AuditEntry": an_audit_entry,
    "LessonContent": a_lesson_content,
    "LessonVersion": a_lesson_version,
    "CohortSession": a_cohort_session,
    "PracticumEvidence": a_practicum_evidence,
    "StoredFile": a_stored_file,
    "Question": a_question,
    "Test": a_test,
    "TestSitting": a_test_sitting,
}


def test_every_node_type_of_the_schema_is_covered(app):
    implementations = app.state.schema._schema.get_implementations(
        app.state.schema._schema.type_map["Node"]
    )
    assert sorted(t.name for t in implementations.objects) == sorted(NODE_TYPES)
    assert sorted(BUILDERS) == sorted(NODE_TYPES)


@pytest.mark.parametrize("type_name", NODE_TYPES)
async def test_resolves_a_node_of_each_type(client, type_name):
    # given
    pk, fields = await BUILDERS[type_name]()
    # when
    data = await graphql_data(client, NODE, {"id": gid(type_name, pk)})
    # then
    assert data["node"] == {"__typename": type_name, "id": gid(type_name, pk), **fields}


@pytest.mark.parametrize("type_name", NODE_TYPES)
async def test_an_unknown_row_is_null(client, type_name):
    data = await graphql_data(client, NODE, {"id": gid(type_name, 999999)})

    assert data["node"] is None


@pytest.mark.parametrize("key", ["abc", "", " 1", "-1", "1.0", "١"])
async def test_a_malformed_key_is_bad_user_input(client, key):
    response = await client.post(
        "/graphql",
        json={"query": NODE, "variables": {"id": relay.to_base64("Official", key)}},
    )

    body = response.json()
    assert body["data"] == {"node": None}
    [error] = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "id"}


@pytest.mark.parametrize(
    "malformed", ["garbage", "", "!!!", "T2ZmaWNpYWw", relay.to_base64("Official", "")]
)
async def test_a_malformed_id_is_a_top_level_error_not_a_crash(client, malformed):
    # when
    response = await client.post("/graphql", json={"query": NODE, "variables": {"id": malformed}})
    # then
    assert response.status_code == 200
    body = response.json()
    assert body["data"] == {"node": None}
    [error] = body["errors"]
    assert error["path"] == ["node"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


async def test_an_id_naming_no_node_type_is_a_clear_user_error(client):
    # a well-formed global ID whose type does not exist
    response = await client.post(
        "/graphql", json={"query": NODE, "variables": {"id": relay.to_base64("Foo", 1)}}
    )

    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "Foo" in error["message"]


@pytest.mark.parametrize("type_name", ["Official", "Cohort"])
async def test_a_key_beyond_32_bits_is_null(client, type_name):
    data = await graphql_data(client, NODE, {"id": gid(type_name, 2**31)})

    assert data["node"] is None
