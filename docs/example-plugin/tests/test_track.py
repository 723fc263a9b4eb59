"""The People's Council track through a whole cohort, over GraphQL, as a coordinator, a learner
and an assessor would take it: enroll, register, attend, test, finalise."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from hocviec import frozen
from hocviec.testing import DemoServer, graphql_data

TRACK = """
{ tracks(filter: {pluginIds: ["peoples_council"]}) {
    edges { node { id code topics { id code titleEn } scheme { components { code weight } } } } } }
"""
COHORT = """
query Cohort($track: ID!) {
  cohorts(filter: {trackIds: [$track]}) {
    edges { node { id status enrollments { edges { node { id official { id } } } } } } }
}
"""
ME = "{ me { official { id } } }"
TODAY = datetime(2020, 4, 15, 8, tzinfo=UTC)
"""The day the cohort is replayed on (hocviec.frozen sets the clock the services ask)."""
ELIGIBLE = """
query Eligible($cohort: ID!) {
  officials(first: 1, filter: {eligibleForCohortId: $cohort}) { edges { node { id } } }
}
"""
ENROLL = """
mutation Enroll($input: EnrollOfficialInput!) {
  enrollOfficial(input: $input) { enrollment { id } errors { field code message } }
}
"""
REGISTER = """
mutation Register($input: RegisterTopicsInput!) {
  registerTopics(input: $input) { errors { field code message } }
}
"""
PAPER = """
mutation Paper($input: EnterPaperAnswersInput!) {
  enterPaperAnswers(input: $input) { errors { field code message } }
}
"""
VISIT = {
    "subject": "Giám sát việc giải quyết đơn thư ở xã Vĩnh Hảo",
    "findings": "Hai đơn quá hạn; kiến nghị UBND xã trả lời trong tháng.",
}
CHANGE_STATUS = """
mutation Status($input: ChangeCohortStatusInput!) {
  changeCohortStatus(input: $input) { cohort { status } errors { field code message } }
}
"""
SCHEDULE = """
mutation Schedule($input: ScheduleSessionInput!) {
  scheduleSession(input: $input) { session { id } errors { field code message } }
}
"""
ATTENDANCE = """
mutation Attendance($input: RecordAttendanceInput!) {
  recordAttendance(input: $input) { errors { field code message } }
}
"""
CREATE_TEST = """
mutation Test($input: CreateTestInput!) {
  createTest(input: $input) { test { id } errors { field code message } }
}
"""
QUESTIONS = """
query Bank($track: ID!) {
  questions(filter: {trackId: $track}) {
    edges { node { currentVersion { stem correctOption } } } }
}
"""
SITTING_STEMS = """
query Stems($enrollment: ID!) {
  node(id: $enrollment) {
    ... on Enrollment { testSittings { id questions { position stem } } } }
}
"""
ANSWER = """
mutation Answer($input: AnswerTestInput!) {
  answerTest(input: $input) { errors { field code message } }
}
"""
SUBMIT = """
mutation Submit($input: SubmitTestInput!) {
  submitTest(input: $input) { errors { field code message } }
}
"""
NOTE = """
mutation Note($input: PeoplesCouncilRecordSupervisionNoteInput!) {
  peoplesCouncilRecordSupervisionNote(input: $input) {
    note { subject } errors { field code message } }
}
"""
FINALISE = """
mutation Finalise($input: FinaliseResultsInput!) {
  finaliseResults(input: $input) { errors { field code message } }
}
"""
RESULT = """
query Result($enrollment: ID!) {
  node(id: $enrollment) {
    ... on Enrollment {
      result { score band completed }
      peoplesCouncilSupervisionNotes { subject findings }
    }
  }
}
"""


async def test_the_track_is_installed_with_its_catalogue_and_scheme(hocviec_demo: DemoServer):
    # the plugin is found through its entry point, as in production
    (plugin,) = [p for p in hocviec_demo.registry.plugins if p.info.id == "peoples_council"]
    assert plugin.source.startswith("entry point 'peoples_council' = hocviec_peoples_council")
    coordinator = await hocviec_demo.client("demo.coordinator")
    data = await graphql_data(coordinator, TRACK)
    (track,) = [edge["node"] for edge in data["tracks"]["edges"]]
    assert [topic["code"] for topic in track["topics"]] == ["HD01", "HD02", "HD03", "HD04", "HD05"]
    assert all(topic["titleEn"] for topic in track["topics"])
    assert track["scheme"]["components"] == [
        {"code": "test", "weight": "0.7"},
        {"code": "attendance", "weight": "0.3"},
    ]


async def test_a_whole_cohort_enroll_register_attend_test_finalise(hocviec_demo: DemoServer):
    coordinator = await hocviec_demo.client("demo.coordinator")
    assessor = await hocviec_demo.client("demo.assessor")
    learner = await hocviec_demo.client("demo.learner.peoples_council")
    # the demo's open cohort (spring 2020), its weeks replayed on the services' clock
    track = (await graphql_data(coordinator, TRACK))["tracks"]["edges"][0]["node"]
    cohort = (await graphql_data(coordinator, COHORT, {"track": track["id"]}))["cohorts"]["edges"][
        0
    ]["node"]
    with frozen(TODAY):
        # enroll: the coordinator enrolls one more eligible council chair
        eligible = await graphql_data(coordinator, ELIGIBLE, {"cohort": cohort["id"]})
        official = eligible["officials"]["edges"][0]["node"]["id"]
        newcomer = (
            await mutate(coordinator, ENROLL, {"officialId": official, "cohortId": cohort["id"]})
        )["enrollment"]["id"]
        # register: the learner picks the topics they need ("cần gì học nấy")
        me = (await graphql_data(learner, ME))["me"]["official"]["id"]
        refreshed = await graphql_data(coordinator, COHORT, {"track": track["id"]})
        enrollments = [
            edge["node"]
            for edge in refreshed["cohorts"]["edges"][0]["node"]["enrollments"]["edges"]
        ]
        (mine,) = [e["id"] for e in enrollments if e["official"]["id"] == me]
        topics = [topic["id"] for topic in track["topics"][:3]]
        await mutate(learner, REGISTER, {"enrollmentId": mine, "topicIds": topics})

        # attend: the cohort starts, and a session's sheet has everyone present
        await mutate(
            coordinator, CHANGE_STATUS, {"cohortId": cohort["id"], "status": "IN_PROGRESS"}
        )
        session = await mutate(
            coordinator,
            SCHEDULE,
            {
                "cohortId": cohort["id"],
                "activityKind": "theory",
                "startsAt": (TODAY - timedelta(hours=3)).isoformat(),
                "endsAt": (TODAY - timedelta(hours=1)).isoformat(),
                "title": "Điều hành kỳ họp HĐND xã",
            },
        )
        await mutate(
            coordinator,
            ATTENDANCE,
            {
                "sessionId": session["session"]["id"],
                "entries": [{"enrollmentId": e["id"], "status": "PRESENT"} for e in enrollments],
            },
        )
        # the learner notes a supervision visit (the plugin's own mutation and table)
        await mutate(learner, NOTE, {"enrollmentId": mine, **VISIT, "visitedOn": str(TODAY.date())})

        # test: five questions, open now; the learner answers every one correctly online, and the
        # assessor enters the newcomer's paper sheet with every answer wrong
        await mutate(
            coordinator,
            CREATE_TEST,
            {
                "cohortId": cohort["id"],
                "title": "Kiểm tra cuối khóa",
                "questionCount": 5,
                "opensAt": (TODAY - timedelta(minutes=5)).isoformat(),
                "closesAt": (TODAY + timedelta(hours=1)).isoformat(),
            },
        )
        bank = await graphql_data(coordinator, QUESTIONS, {"track": track["id"]})
        correct = {
            edge["node"]["currentVersion"]["stem"]: edge["node"]["currentVersion"]["correctOption"]
            for edge in bank["questions"]["edges"]
        }
        (sitting,) = (await graphql_data(learner, SITTING_STEMS, {"enrollment": mine}))["node"][
            "testSittings"
        ]
        answers = [
            {"position": q["position"], "option": correct[q["stem"]]} for q in sitting["questions"]
        ]
        await mutate(learner, ANSWER, {"sittingId": sitting["id"], "answers": answers})
        await mutate(learner, SUBMIT, {"sittingId": sitting["id"]})
        (paper,) = (await graphql_data(coordinator, SITTING_STEMS, {"enrollment": newcomer}))[
            "node"
        ]["testSittings"]
        wrong = [
            {"position": q["position"], "option": "D" if correct[q["stem"]] != "D" else "A"}
            for q in paper["questions"]
        ]
        await mutate(assessor, PAPER, {"sittingId": paper["id"], "answers": wrong})

        # finalise: the coordinator completes the cohort and finalises its results
        await mutate(coordinator, CHANGE_STATUS, {"cohortId": cohort["id"], "status": "COMPLETED"})
        await mutate(coordinator, FINALISE, {"cohortId": cohort["id"]})

        # then the results weigh the test (70%) and attendance (30%)
        result = (await graphql_data(learner, RESULT, {"enrollment": mine}))["node"]
        assert result["result"] == {"score": "10.00", "band": "Giỏi", "completed": True}
        assert result["peoplesCouncilSupervisionNotes"] == [
            {"subject": VISIT["subject"], "findings": VISIT["findings"]}
        ]
        other = (await graphql_data(coordinator, RESULT, {"enrollment": newcomer}))["node"]
        assert other["result"] == {"score": "3.00", "band": "Yếu", "completed": True}
        assert other["peoplesCouncilSupervisionNotes"] == []


async def test_a_note_without_findings_or_in_the_future_changes_nothing(hocviec_demo: DemoServer):
    coordinator = await hocviec_demo.client("demo.coordinator")
    learner = await hocviec_demo.client("demo.learner.peoples_council")
    track_id = (await graphql_data(coordinator, TRACK))["tracks"]["edges"][0]["node"]["id"]
    cohort = (await graphql_data(coordinator, COHORT, {"track": track_id}))["cohorts"]["edges"][0][
        "node"
    ]
    me = (await graphql_data(learner, ME))["me"]["official"]["id"]
    (mine,) = [
        edge["node"]["id"]
        for edge in cohort["enrollments"]["edges"]
        if edge["node"]["official"]["id"] == me
    ]
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).date().isoformat()
    payload = (
        await graphql_data(
            learner,
            NOTE,
            {
                "input": {
                    "enrollmentId": mine,
                    "visitedOn": tomorrow,
                    "subject": "X",
                    "findings": " ",
                }
            },
        )
    )["peoplesCouncilRecordSupervisionNote"]
    assert payload["note"] is None
    assert {(e["field"], e["code"]) for e in payload["errors"]} == {
        ("findings", "REQUIRED"),
        ("visitedOn", "INVALID"),
    }
    notes = (await graphql_data(learner, RESULT, {"enrollment": mine}))["node"]
    assert notes["peoplesCouncilSupervisionNotes"] == []


@pytest.mark.parametrize(
    ("enrollment_id", "code"),
    [("RW5yb2xsbWVudDo5OTk5OQ==", "NOT_FOUND"), ("not-an-id", "INVALID_ID")],
    ids=["unknown", "malformed"],
)
async def test_a_bad_enrollment_is_reported_with_every_other_problem(
    hocviec_demo: DemoServer, enrollment_id: str, code: str
):
    coordinator = await hocviec_demo.client("demo.coordinator")
    values = {"enrollmentId": enrollment_id, "visitedOn": "2020-04-01", "subject": " "}
    payload = (await graphql_data(coordinator, NOTE, {"input": {**values, "findings": "Đủ."}}))[
        "peoplesCouncilRecordSupervisionNote"
    ]
    assert payload["note"] is None
    assert {(e["field"], e["code"]) for e in payload["errors"]} == {
        ("enrollmentId", code),
        ("subject", "REQUIRED"),
    }


async def mutate(client, document: str, values: dict) -> dict:
    """Run a mutation with ``values`` as its input; assert it had no errors; its payload."""
    data = await graphql_data(client, document, {"input": values})
    (payload,) = data.values()
    assert payload["errors"] == [], payload["errors"]
    return payload
