"""Every root query field and mutation asks the permission layer; a refusal writes nothing.

The fields are read from the built schema, so a new root field that forgets
``schema.permissions.authorize`` makes these tests fail: without sign-in, and for an account
holding no role, everything but the public catalogue is refused.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    get_named_type,
    is_leaf_type,
)
from starlette.applications import Starlette

from core.clock import now
from core.models import (
    Account,
    AuditEntry,
    BoardMember,
    ExamSitting,
    Official,
    PracticumItem,
    RoleGrant,
    Topic,
)
from core.models.enums import AuditOutcome, BoardKind, CohortStatus, ComponentKind, Role
from core.services.access import OPERATOR
from core.services.cohorts import advance_cohort
from core.services.enrollments import enroll_official
from core.services.exams import ExamPlan, create_exam
from core.services.lessons import LessonText, draft_lesson_version, submit_lesson_version
from core.services.practicum import Evidence, submit_evidence
from core.services.question_bank import import_questions, read_rows
from core.services.results import finalise
from core.services.schemes import SchemeInput, adjust_scheme
from plugins.party_committee.services import DraftText, submit_draft
from tests import factories
from tests.conftest import TEST_ADMIN, SignInAs
from tests.factories import gid
from tests.fixtures.plugins import registry_with
from tests.helpers import graphql, graphql_data, model_tables

DENIALS = ("FORBIDDEN", "UNAUTHENTICATED")


@pytest.fixture(params=DENIALS)
async def refused(
    request: pytest.FixtureRequest, anonymous: httpx.AsyncClient, sign_in_as: SignInAs
) -> tuple[httpx.AsyncClient, str]:
    """A client the API refuses everything but the public catalogue, and the code it answers:
    nobody signed in (``UNAUTHENTICATED``), or an account with no role (``FORBIDDEN``)."""
    if request.param == "UNAUTHENTICATED":
        return anonymous, request.param
    return await sign_in_as("khong.vai.tro"), request.param


# --------------------------------------------------------------------------------------------
# Documents built from the schema: one per root field, every required argument filled in
# --------------------------------------------------------------------------------------------

SCALAR_SAMPLES: dict[str, Any] = {
    "ID": gid("Official", 1),
    "String": "Khóa học việc",
    "Int": 1,
    "Float": 1.0,
    "Boolean": True,
    "Date": "2019-05-06",
    "DateTime": "2019-05-06T08:00:00+00:00",
    "Decimal": "7.5",
}


def sample_value(type_: GraphQLInputType) -> Any:
    """A value of ``type_`` that passes GraphQL validation (what it means does not matter)."""
    if isinstance(type_, GraphQLNonNull):
        return sample_value(type_.of_type)
    if isinstance(type_, GraphQLList):
        return [sample_value(type_.of_type)]
    if isinstance(type_, GraphQLEnumType):
        return next(iter(type_.values))
    if isinstance(type_, GraphQLScalarType):
        return SCALAR_SAMPLES[type_.name]
    if isinstance(type_, GraphQLInputObjectType):
        return {
            name: sample_value(field.type)
            for name, field in type_.fields.items()
            if isinstance(field.type, GraphQLNonNull)
        }
    raise TypeError(type_)


def document(operation: str, name: str, field: GraphQLField) -> tuple[str, dict[str, Any]]:
    """``operation { name(args) { __typename } }`` with variables for the required arguments."""
    required = {
        arg_name: arg
        for arg_name, arg in field.args.items()
        if isinstance(arg.type, GraphQLNonNull)
    }
    declarations = ", ".join(f"${arg_name}: {arg.type}" for arg_name, arg in required.items())
    arguments = ", ".join(f"{arg_name}: ${arg_name}" for arg_name in required)
    selection = "" if is_leaf_type(get_named_type(field.type)) else " { __typename }"
    text = (
        f"{operation} Probe{f'({declarations})' if declarations else ''} "
        f"{{ {name}{f'({arguments})' if arguments else ''}{selection} }}"
    )
    return text, {arg_name: sample_value(arg.type) for arg_name, arg in required.items()}


def root_fields(app: Starlette, operation: str) -> dict[str, GraphQLField]:
    graphql_schema = app.state.schema._schema
    root: GraphQLObjectType = (
        graphql_schema.query_type if operation == "query" else graphql_schema.mutation_type
    )
    return dict(root.fields)


ACCOUNT_FIELDS = frozenset(
    {
        "me",
        "signIn",
        "signOut",
        "createApiToken",
        "revokeApiToken",
        "grantRole",
        "revokeRole",
        "resetPassword",
        "deactivateAccount",
    }
)
"""Sign-in's own fields answer by who is signed in, not by the access policy (their rules are
tested in tests/schema/test_sign_in.py and tests/schema/test_roles.py)."""


PUBLIC_FIELDS = frozenset({"plugins", "tracks", "topics", "posts", "orgUnits", "activityKinds"})
"""The public catalogue: readable without sign-in (tested below)."""


def policy_fields(app: Starlette, operation: str) -> dict[str, GraphQLField]:
    """The root fields the access policy decides."""
    fields = root_fields(app, operation)
    return {
        name: field for name, field in fields.items() if name not in ACCOUNT_FIELDS | PUBLIC_FIELDS
    }


def probes(app: Starlette, operation: str) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (name, *document(operation, name, field))
        for name, field in sorted(policy_fields(app, operation).items())
    ]


def assert_refused(body: dict, name: str, code: str) -> None:
    assert body.get("data") in (None, {name: None}), body
    errors = body.get("errors") or []
    assert [error.get("extensions", {}).get("code") for error in errors] == [code], (name, body)
    assert errors[0]["path"] == [name]


# --------------------------------------------------------------------------------------------
# Every root field is refused
# --------------------------------------------------------------------------------------------


def test_the_schema_has_the_expected_root_fields(app):
    # guards the generic tests below against an empty or unreadable schema
    assert {"node", "plugins", "officials", "cohorts", "enrollments"} <= set(
        root_fields(app, "query")
    )
    assert {"createCohort", "enrollOfficial", "registerTopics"} <= set(root_fields(app, "mutation"))


async def test_every_root_query_field_is_refused(app, refused):
    http, denial = refused
    await factories.official()
    for name, text, variables in probes(app, "query"):
        # when
        body = await graphql(http, text, variables)
        # then
        assert_refused(body, name, denial)


async def test_every_mutation_is_refused(app, refused):
    http, denial = refused
    for name, text, variables in probes(app, "mutation"):
        body = await graphql(http, text, variables)

        assert_refused(body, name, denial)


async def test_every_mutation_but_sign_in_needs_a_viewer(app, anonymous):
    mutations = root_fields(app, "mutation")
    for name, field in sorted(mutations.items()):
        if name == "signIn":
            continue
        text, variables = document("mutation", name, field)

        body = await graphql(anonymous, text, variables)

        assert_refused(body, name, "UNAUTHENTICATED")
    # and each left its audit entry, and nothing else
    assert await AuditEntry.filter(outcome=AuditOutcome.DENIED).count() == len(mutations) - 1


async def test_the_refusal_names_the_permission(refused):
    http, denial = refused
    body = await graphql(http, "{ officials { totalCount } }")

    [error] = body["errors"]
    assert error["extensions"]["permission"] == "read_people"
    if denial == "UNAUTHENTICATED":
        assert error["message"] == "Sign in to do this."
    else:
        assert error["message"] == "You are not allowed to read people."


PUBLIC_CATALOGUE = """
{ plugins { id } tracks { totalCount } topics { totalCount } posts { totalCount }
  orgUnits { edges { node { name parent { name } children { name } } } }
  activityKinds { code } }
"""


async def test_the_public_catalogue_needs_no_sign_in(anonymous):
    await factories.commune("Xã Vĩnh Hảo")

    data = await graphql_data(anonymous, PUBLIC_CATALOGUE)

    assert data["tracks"]["totalCount"] > 0 and data["topics"]["totalCount"] > 0
    assert data["posts"]["totalCount"] > 0
    assert data["activityKinds"][0] == {"code": "theory"}
    assert "Xã Vĩnh Hảo" in [edge["node"]["name"] for edge in data["orgUnits"]["edges"]]


# --------------------------------------------------------------------------------------------
# A refused mutation writes nothing
# --------------------------------------------------------------------------------------------


AUDIT_TABLES = ("audit_entry", "audit_target")
"""Every mutation, refused ones included, writes its audit entry (tests/schema/test_audit.py)."""


async def snapshot(app: Starlette) -> dict[str, list]:
    """Every row of every table but the audit log's (many-to-many tables included), to compare
    before and after."""
    context = app.state.tortoise
    connection = context.db()
    rows = {}
    for table in model_tables(context):
        if table in AUDIT_TABLES:
            continue
        found = await connection.execute_query_dict(f'SELECT * FROM "{table}"')
        rows[table] = sorted(sorted((k, str(v)) for k, v in row.items()) for row in found)
    return rows


async def valid_mutations() -> dict[str, tuple[str, dict[str, Any]]]:
    """For each mutation, a request that the default policy would carry out."""
    planned = await factories.cohort(status=CohortStatus.PLANNED, name="Khóa dự kiến")
    opened = await factories.cohort(status=CohortStatus.OPEN, name="Khóa đang mở")
    enrolled = await enroll_official(
        OPERATOR, (await factories.official("Trần Thị Hoa")).id, opened.id
    )
    newcomer = await factories.official("Nguyễn Văn An")
    seat = await factories.board_member(BoardKind.DRAFTING_TEACHING_BOARD)
    await Account.create(username="giang.vien", display_name="Giảng viên", password_hash="!")
    track = await planned.track
    topics = await factories.topics()
    return {
        "createCohort": (
            "mutation($input: CreateCohortInput!) "
            "{ createCohort(input: $input) { errors { code } } }",
            {
                "input": {
                    "name": "Khóa mới",
                    "trackId": gid("Track", track.id),
                    "startsOn": date(2020, 3, 2).isoformat(),
                    "endsOn": date(2020, 5, 29).isoformat(),
                    "capacity": 20,
                    "orgUnitId": gid("OrgUnit", (await factories.district()).id),
                }
            },
        ),
        "createTopic": (
            "mutation($input: CreateTopicInput!) "
            "{ createTopic(input: $input) { errors { code } } }",
            {
                "input": {
                    "trackId": gid("Track", track.id),
                    "code": "LC01",
                    "title": "Kỹ năng soạn thảo văn bản",
                }
            },
        ),
        "updateCohort": (
            "mutation($input: UpdateCohortInput!) "
            "{ updateCohort(input: $input) { errors { code } } }",
            {
                "input": {
                    "cohortId": gid("Cohort", planned.id),
                    "name": "Khóa đổi tên",
                    "capacity": 5,
                }
            },
        ),
        "changeCohortStatus": (
            "mutation($input: ChangeCohortStatusInput!) "
            "{ changeCohortStatus(input: $input) { errors { code } } }",
            {"input": {"cohortId": gid("Cohort", planned.id), "status": "OPEN"}},
        ),
        "enrollOfficial": (
            "mutation($input: EnrollOfficialInput!) "
            "{ enrollOfficial(input: $input) { errors { code } } }",
            {
                "input": {
                    "officialId": gid("Official", newcomer.id),
                    "cohortId": gid("Cohort", opened.id),
                }
            },
        ),
        "registerTopics": (
            "mutation($input: RegisterTopicsInput!) "
            "{ registerTopics(input: $input) { errors { code } } }",
            {
                "input": {
                    "enrollmentId": gid("Enrollment", enrolled.id),
                    "topicIds": [gid("Topic", topics[0].id), gid("Topic", topics[1].id)],
                }
            },
        ),
        "linkBoardSeat": (
            "mutation($input: LinkBoardSeatInput!) "
            "{ linkBoardSeat(input: $input) { errors { code } } }",
            {"input": {"boardMemberId": gid("BoardMember", seat.id), "username": "giang.vien"}},
        ),
        "setPostQuota": (
            "mutation($input: SetPostQuotaInput!) "
            "{ setPostQuota(input: $input) { errors { code } } }",
            {
                "input": {
                    "orgUnitId": gid("OrgUnit", newcomer.org_unit_id),
                    "postId": gid("Post", newcomer.post_id),
                    "quota": 2,
                }
            },
        ),
        "withdrawEnrollment": (
            "mutation($input: WithdrawEnrollmentInput!) "
            "{ withdrawEnrollment(input: $input) { errors { code } } }",
            {"input": {"enrollmentId": gid("Enrollment", enrolled.id), "reason": "Nghỉ ốm"}},
        ),
        **await valid_teaching_mutations(topics),
    }


TEST_LEARNER = "Lò Thị Mai"
"""The learner whose test the allowed ``answerTest`` answers (the admin's account, then)."""
TEACHING_BOARD_MEMBER = "Thành viên hai ban"
"""Who sits on both content boards of the teaching mutations' programme (linked to the admin's
account when the mutations are to succeed)."""


async def valid_teaching_mutations(topics: list[Topic]) -> dict[str, tuple[str, dict[str, Any]]]:
    """The lesson, schedule and practicum mutations: one request each that would succeed."""
    programme = await factories.programme()
    for kind in (BoardKind.DRAFTING_TEACHING_BOARD, BoardKind.APPRAISAL_BOARD):
        await factories.board_member(kind, TEACHING_BOARD_MEMBER, programme)

    async def version(topic: Topic, submitted: bool) -> str:
        text = LessonText(title="Bài giảng", body="Nội dung")
        row = await draft_lesson_version(OPERATOR, programme.id, topic.id, text)
        if submitted:
            await submit_lesson_version(OPERATOR, row.id)
        return gid("LessonVersion", row.id)

    planned_for_scheme = await factories.cohort(
        "peoples_committee", status=CohortStatus.PLANNED, name="Khóa sắp mở"
    )
    running = await factories.cohort(name="Khóa đang học")
    learner = await enroll_official(
        OPERATOR, (await factories.official(TEST_LEARNER)).id, running.id
    )
    on_paper = await enroll_official(
        OPERATOR, (await factories.official("Giàng A Páo")).id, running.id
    )
    session = await factories.session(running)
    spare = await factories.session(running)
    practical = ("practicum", "Thực hành", ComponentKind.PRACTICUM, Decimal(1), False)
    await adjust_scheme(
        OPERATOR, running.id, SchemeInput([practical], [("Đạt", Decimal(0))], None, False)
    )
    await advance_cohort(OPERATOR, running.id, CohortStatus.IN_PROGRESS)
    rows, _ = read_rows(
        "code,topic,stem,option_a,option_b,correct\nQ1,PC01,Hỏi?,Có,Không,A\n", "csv"
    )
    await import_questions(OPERATOR, running.track_id, rows, dry_run=False)
    moment = now()  # the test's window holds the real time: the learner answers now
    window = ExamPlan("Kiểm tra", 1, moment - timedelta(hours=1), moment + timedelta(hours=1))
    exam = await create_exam(OPERATOR, running.id, window)
    sittings = dict(await ExamSitting.filter(exam_id=exam.id).values_list("enrollment_id", "id"))
    answers = [{"position": 1, "option": "A"}]
    to_finalise = await factories.cohort("peoples_committee", status=CohortStatus.COMPLETED)
    finalised = await factories.cohort("peoples_committee", name="Khóa đã xong")
    chair = await factories.official("Hà Văn Chủ", "peoples_committee_chair")
    graded = await enroll_official(OPERATOR, chair.id, finalised.id)
    await factories.advance(finalised.id, CohortStatus.COMPLETED)
    await finalise(OPERATOR, finalised.id, registry_with().schemes())
    item = await PracticumItem.get(code="observe_standing_board")
    await submit_draft(
        OPERATOR, on_paper.id, DraftText(date(2019, 6, 12), "Chương trình họp", "Dự thảo")
    )
    evidence = [
        gid(
            "PracticumEvidence",
            (await submit_evidence(OPERATOR, learner.id, item.id, Evidence(text="Dự họp"))).id,
        )
        for _ in range(2)
    ]

    def request(name: str, input_type: str, fields: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        text = (
            f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ errors {{ code }} }} }}"
        )
        return text, {"input": fields}

    return {
        "draftLessonVersion": request(
            "draftLessonVersion",
            "DraftLessonVersionInput",
            {
                "programmeId": gid("Programme", programme.id),
                "topicId": gid("Topic", topics[0].id),
                "title": "Công tác tuyên giáo",
                "body": "Nội dung bài giảng",
            },
        ),
        "reviseLessonVersion": request(
            "reviseLessonVersion",
            "ReviseLessonVersionInput",
            {"versionId": await version(topics[1], submitted=False), "title": "Tiêu đề mới"},
        ),
        "submitLessonVersion": request(
            "submitLessonVersion",
            "SubmitLessonVersionInput",
            {"versionId": await version(topics[2], submitted=False)},
        ),
        "approveLessonVersion": request(
            "approveLessonVersion",
            "ApproveLessonVersionInput",
            {"versionId": await version(topics[3], submitted=True)},
        ),
        "returnLessonVersion": request(
            "returnLessonVersion",
            "ReturnLessonVersionInput",
            {"versionId": await version(topics[4], submitted=True), "comment": "Bổ sung ví dụ"},
        ),
        "adjustAssessmentScheme": request(
            "adjustAssessmentScheme",
            "AdjustAssessmentSchemeInput",
            {
                "cohortId": gid("Cohort", planned_for_scheme.id),
                "components": [
                    {
                        "code": "test",
                        "title": "Trắc nghiệm",
                        "kind": "MULTIPLE_CHOICE_TEST",
                        "weight": 1,
                    }
                ],
                "bands": [{"name": "Đạt", "lowerBound": 5}, {"name": "Chưa đạt", "lowerBound": 0}],
            },
        ),
        "importQuestions": request(
            "importQuestions",
            "ImportQuestionsInput",
            {
                "trackId": gid("Track", topics[0].track_id),
                "format": "CSV",
                "content": "code,topic,stem,option_a,option_b,correct\nQ1,PC01,Hỏi?,Có,Không,A\n",
            },
        ),
        "createTest": request(
            "createTest",
            "CreateTestInput",
            {
                "cohortId": gid("Cohort", running.id),
                "title": "Kiểm tra lần 2",
                "questionCount": 1,
                "opensAt": (moment + timedelta(days=1)).isoformat(),
                "closesAt": (moment + timedelta(days=1, hours=1)).isoformat(),
            },
        ),
        "answerTest": request(
            "answerTest",
            "AnswerTestInput",
            {"sittingId": gid("TestSitting", sittings[learner.id]), "answers": answers},
        ),
        "submitTest": request(
            "submitTest", "SubmitTestInput", {"sittingId": gid("TestSitting", sittings[learner.id])}
        ),
        "enterPaperAnswers": request(
            "enterPaperAnswers",
            "EnterPaperAnswersInput",
            {"sittingId": gid("TestSitting", sittings[on_paper.id]), "answers": answers},
        ),
        "enterScores": request(
            "enterScores",
            "EnterScoresInput",
            {
                "cohortId": gid("Cohort", running.id),
                "componentCode": "practicum",
                "entries": [{"enrollmentId": gid("Enrollment", learner.id), "score": "7.5"}],
            },
        ),
        "finaliseResults": request(
            "finaliseResults", "FinaliseResultsInput", {"cohortId": gid("Cohort", to_finalise.id)}
        ),
        "amendResult": request(
            "amendResult",
            "AmendResultInput",
            {
                "enrollmentId": gid("Enrollment", graded.id),
                "score": "6.5",
                "completed": True,
                "reason": "Phúc khảo",
            },
        ),
        "scheduleSession": request(
            "scheduleSession",
            "ScheduleSessionInput",
            {
                "cohortId": gid("Cohort", running.id),
                "startsAt": "2019-05-08T08:00:00+00:00",
                "endsAt": "2019-05-08T11:00:00+00:00",
                "activityKind": "group_discussion",
            },
        ),
        "updateSession": request(
            "updateSession",
            "UpdateSessionInput",
            {
                "sessionId": gid("CohortSession", session.id),
                "startsAt": "2019-05-09T08:00:00+00:00",
                "endsAt": "2019-05-09T10:00:00+00:00",
                "activityKind": "case_study",
            },
        ),
        "cancelSession": request(
            "cancelSession", "CancelSessionInput", {"sessionId": gid("CohortSession", spare.id)}
        ),
        "recordAttendance": request(
            "recordAttendance",
            "RecordAttendanceInput",
            {
                "sessionId": gid("CohortSession", session.id),
                "entries": [{"enrollmentId": gid("Enrollment", learner.id), "status": "PRESENT"}],
            },
        ),
        "submitPracticumEvidence": request(
            "submitPracticumEvidence",
            "SubmitPracticumEvidenceInput",
            {
                "enrollmentId": gid("Enrollment", learner.id),
                "itemId": gid("PracticumItem", item.id),
                "text": "Dự họp Ban Thường vụ ngày 12/6",
            },
        ),
        "signOffPracticumEvidence": request(
            "signOffPracticumEvidence", "SignOffPracticumEvidenceInput", {"evidenceId": evidence[0]}
        ),
        "returnPracticumEvidence": request(
            "returnPracticumEvidence",
            "ReturnPracticumEvidenceInput",
            {"evidenceId": evidence[1], "comment": "Ghi rõ kết luận"},
        ),
        "partyCommitteeSubmitConclusionDraft": request(
            "partyCommitteeSubmitConclusionDraft",
            "PartyCommitteeSubmitConclusionDraftInput",
            {
                "enrollmentId": gid("Enrollment", learner.id),
                "meetingOn": "2019-06-12",
                "agenda": "Sơ kết 6 tháng đầu năm",
                "text": "Ban Thường vụ Huyện ủy kết luận …",
            },
        ),
        "partyCommitteeScoreConclusionDraft": request(
            "partyCommitteeScoreConclusionDraft",
            "PartyCommitteeScoreConclusionDraftInput",
            {"enrollmentId": gid("Enrollment", on_paper.id), "score": "7.5", "comment": "Khá"},
        ),
    }


async def seat_the_admin_on_the_content_boards() -> None:
    """Give the ``client`` account the drafter and appraiser roles over the teaching
    mutations' programme and link its seats on the programme's two boards."""
    admin = await Account.get(username=TEST_ADMIN)
    seats = await BoardMember.filter(full_name=TEACHING_BOARD_MEMBER).select_related(
        "board__programme"
    )
    for role in (Role.DRAFTER, Role.APPRAISER):
        await RoleGrant.create(
            account_id=admin.id, role=role, org_unit_id=seats[0].board.programme.org_unit_id
        )
    await BoardMember.filter(id__in=[member.id for member in seats]).update(account_id=admin.id)
    # and make it the learner whose test it answers, in their commune
    official = await Official.get(full_name=TEST_LEARNER)
    admin.official_id = official.id
    await admin.save(update_fields=["official_id"])
    await RoleGrant.create(account_id=admin.id, role=Role.LEARNER, org_unit_id=official.org_unit_id)


async def test_refused_mutations_write_nothing(app, refused):
    http, denial = refused
    # given: a request for every mutation that would succeed if allowed
    requests = await valid_mutations()
    assert sorted(requests) == sorted(policy_fields(app, "mutation"))
    before = await snapshot(app)
    for name, (text, variables) in requests.items():
        # when
        body = await graphql(http, text, variables)
        # then
        assert_refused(body, name, denial)
    assert await snapshot(app) == before
    # and each refusal left one audit entry, saying it was denied
    entries = await AuditEntry.all().order_by("id")
    assert [(entry.operation, entry.outcome) for entry in entries] == [
        (name, AuditOutcome.DENIED) for name in requests
    ]


async def test_the_same_mutations_do_write_when_allowed(client, app):
    # the requests of the test above are real changes: an admin's all succeed
    requests = await valid_mutations()
    await seat_the_admin_on_the_content_boards()
    before = await snapshot(app)
    for name, (text, variables) in requests.items():
        body = await graphql(client, text, variables)

        assert "errors" not in body, body
        assert body["data"][name]["errors"] == [], (name, body)
    assert await snapshot(app) != before
