"""Results: weighted, banded, checked against the completion rule, finalised once, amended."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from core.hookspecs import hookimpl
from core.models import (
    Attendance,
    CohortSession,
    ExamSitting,
    PracticumItem,
    Result,
    ResultAmendment,
)
from core.models.enums import AttendanceStatus, CohortStatus, ComponentKind, Role
from core.services.access import OPERATOR
from core.services.cohorts import advance_cohort
from core.services.exams import ExamPlan, create_exam, enter_paper_answers
from core.services.practicum import Evidence, review_evidence, submit_evidence
from core.services.question_bank import import_questions, read_rows
from core.services.results import finalise
from core.services.schedule import AttendanceEntry, record_attendance
from core.services.schemes import SchemeInput, adjust_scheme
from core.services.scoring import ScoreEntry, enter_scores
from tests import factories
from tests.factories import gid
from tests.fixtures.plugins import plugin_info, registry_with
from tests.helpers import count_queries, error_codes, graphql_data

OPENS = datetime(2019, 7, 1, 1, tzinfo=UTC)
SCHEME = SchemeInput(
    components=[
        ("test", "Trắc nghiệm", ComponentKind.MULTIPLE_CHOICE_TEST, Decimal("0.5"), False),
        ("written", "Bài viết", ComponentKind.WRITTEN_TEST, Decimal("0.3"), False),
        ("attendance", "Chuyên cần", ComponentKind.ATTENDANCE, Decimal("0.2"), False),
    ],
    bands=[
        ("Giỏi", Decimal(8)),
        ("Khá", Decimal("6.5")),
        ("Trung bình", Decimal(5)),
        ("Yếu", Decimal(0)),
    ],
    min_attendance_rate=Decimal("0.5"),
    practicum_signed_off=True,
)
FINALISE = """
mutation($id: ID!) {
  finaliseResults(input: {cohortId: $id}) {
    cohort { status resultsFinalAt enrollments(first: 10) { edges { node {
      official { fullName }
      result { score band completed reasons components { code score weight } orgUnit { name } }
    } } } }
    errors { field code message }
  }
}
"""
AMEND = """
mutation($input: AmendResultInput!) {
  amendResult(input: $input) {
    result { score band completed amendments { previousScore score band reason } }
    errors { field code }
  }
}
"""
CHANGE = """
mutation($id: ID!, $status: CohortStatus!) {
  changeCohortStatus(input: {cohortId: $id, status: $status}) {
    cohort { status } errors { field code }
  }
}
"""


async def completed_cohort():
    """Three learners of a cohort whose scheme weighs a test, a written piece and attendance:
    An does everything, Bình misses the written piece and the sessions, Chi the practicum."""
    rows, _ = read_rows(
        "code,topic,stem,option_a,option_b,correct\n"
        + "".join(f"Q{n},PC01,Câu {n}?,Sai,Đúng,B\n" for n in range(4)),
        "csv",
    )
    cohort = await factories.cohort(status=CohortStatus.PLANNED)
    await import_questions(OPERATOR, cohort.track_id, rows, dry_run=False)
    await adjust_scheme(OPERATOR, cohort.id, SCHEME)
    await advance_cohort(OPERATOR, cohort.id, CohortStatus.OPEN)
    commune = await factories.commune("Xã Vĩnh Hảo", within=await cohort.org_unit)
    an, binh, chi = await factories.roster(cohort, 3, commune)
    sessions = [await factories.session(cohort) for _ in range(2)]
    await advance_cohort(OPERATOR, cohort.id, CohortStatus.IN_PROGRESS)
    exam = await create_exam(
        OPERATOR, cohort.id, ExamPlan("Cuối khóa", 2, OPENS, OPENS + timedelta(hours=1), 1)
    )
    sittings = {s.enrollment_id: s for s in await exam.sittings}
    for learner, picks in ((an, "BB"), (binh, "BA")):  # paper sheets; Chi's is left blank
        await enter_paper_answers(OPERATOR, sittings[learner.id].id, [(1, picks[0]), (2, picks[1])])
    await enter_scores(
        OPERATOR,
        cohort.id,
        "written",
        [ScoreEntry(an.id, Decimal(8)), ScoreEntry(chi.id, Decimal(6))],
        {},
    )
    for session in sessions:
        await record_attendance(
            OPERATOR,
            session.id,
            [
                AttendanceEntry(an.id, AttendanceStatus.PRESENT),
                AttendanceEntry(binh.id, AttendanceStatus.ABSENT),
                AttendanceEntry(
                    chi.id,
                    AttendanceStatus.LATE if session == sessions[0] else AttendanceStatus.PRESENT,
                ),
            ],
        )
    item = await PracticumItem.get(code="observe_standing_board")
    for learner in (an, binh):
        evidence = await submit_evidence(OPERATOR, learner.id, item.id, Evidence(text="Dự họp"))
        await review_evidence(OPERATOR, evidence.id, sign_off=True, comment="")
    await advance_cohort(OPERATOR, cohort.id, CohortStatus.COMPLETED)
    return cohort, (an, binh, chi)


async def test_results_are_weighted_banded_and_checked_against_the_completion_rule(client, db):
    cohort, _ = await completed_cohort()

    data = await graphql_data(client, FINALISE, {"id": gid("Cohort", cohort.id)})

    payload = data["finaliseResults"]
    assert payload["errors"] == []
    assert payload["cohort"]["resultsFinalAt"] is not None
    results = [edge["node"]["result"] for edge in payload["cohort"]["enrollments"]["edges"]]
    # An: 10 × 0.5 + 8 × 0.3 + 10 × 0.2 = 9.40
    assert (results[0]["score"], results[0]["band"], results[0]["completed"]) == (
        "9.40",
        "Giỏi",
        True,
    )
    assert results[0]["components"] == [
        {"code": "test", "score": "10.00", "weight": "0.5"},
        {"code": "written", "score": "8.00", "weight": "0.3"},
        {"code": "attendance", "score": "10.00", "weight": "0.2"},
    ]
    assert results[0]["orgUnit"] == {"name": "Xã Vĩnh Hảo"}
    # Bình: 5 × 0.5, no written piece, no session attended
    assert (results[1]["score"], results[1]["band"], results[1]["completed"]) == (
        "2.50",
        "Yếu",
        False,
    )
    assert results[1]["reasons"] == [
        "No score for Bài viết.",
        "Attendance below the minimum of 50% (0%).",
    ]
    # Chi: a blank test (submitted as it was at the close), 6 × 0.3 + 10 × 0.2 = 3.80
    assert (results[2]["score"], results[2]["reasons"]) == (
        "3.80",
        ["Not every practicum item is signed off."],
    )


async def test_final_results_lock_the_cohort_and_finalising_again_changes_nothing(client, db):
    cohort, (an, _, _) = await completed_cohort()
    closing_early = await graphql_data(
        client, CHANGE, {"id": gid("Cohort", cohort.id), "status": "CLOSED"}
    )
    await graphql_data(client, FINALISE, {"id": gid("Cohort", cohort.id)})
    before = [(r.id, r.score) for r in await Result.all().order_by("id")]

    again = await graphql_data(client, FINALISE, {"id": gid("Cohort", cohort.id)})
    scores = await graphql_data(
        client,
        "mutation($input: EnterScoresInput!) "
        "{ enterScores(input: $input) { errors { field code } } }",
        {
            "input": {
                "cohortId": gid("Cohort", cohort.id),
                "componentCode": "written",
                "entries": [{"enrollmentId": gid("Enrollment", an.id), "score": 9}],
            }
        },
    )
    closed = await graphql_data(
        client, CHANGE, {"id": gid("Cohort", cohort.id), "status": "CLOSED"}
    )

    assert error_codes(closing_early["changeCohortStatus"]) == [("status", "RESULTS_NOT_FINAL")]
    assert again["finaliseResults"]["errors"] == []
    assert [(r.id, r.score) for r in await Result.all().order_by("id")] == before
    assert error_codes(scores["enterScores"]) == [("cohortId", "RESULTS_FINAL")]
    assert closed["changeCohortStatus"]["cohort"] == {"status": "CLOSED"}


async def test_results_wait_for_a_completed_cohort(client, db):
    cohort = await factories.cohort(status=CohortStatus.IN_PROGRESS)

    data = await graphql_data(client, FINALISE, {"id": gid("Cohort", cohort.id)})

    # and the Party track declares no scheme, which the cohort was not given either
    assert error_codes(data["finaliseResults"]) == [("cohortId", "COHORT_NOT_COMPLETED")]
    assert "no assessment scheme" not in str(data)  # one problem a field: the first is kept
    assert await Result.all().count() == 0


async def test_an_admin_amends_a_result_with_a_reason_kept_beside_it(client, sign_in_as, db):
    cohort, (_, binh, _) = await completed_cohort()
    await finalise(OPERATOR, cohort.id, {})
    coordinator = await sign_in_as("thu.ky", (Role.COORDINATOR, await cohort.org_unit))
    amendment = {"enrollmentId": gid("Enrollment", binh.id), "score": "5", "completed": True}

    no_reason = await graphql_data(client, AMEND, {"input": {**amendment, "reason": " "}})
    out_of_range = await graphql_data(
        client, AMEND, {"input": {**amendment, "score": "10.5", "reason": "Chấm lại"}}
    )
    refused = await coordinator.post(
        "/graphql", json={"query": AMEND, "variables": {"input": {**amendment, "reason": "x"}}}
    )
    amended = await graphql_data(
        client, AMEND, {"input": {**amendment, "reason": "Phúc khảo bài viết"}}
    )

    assert error_codes(no_reason["amendResult"]) == [("reason", "REQUIRED")]
    assert error_codes(out_of_range["amendResult"]) == [("score", "INVALID_SCORE")]
    assert refused.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert amended["amendResult"]["result"] == {
        "score": "5.00",
        "band": "Trung bình",
        "completed": True,
        "amendments": [
            {
                "previousScore": "2.50",
                "score": "5.00",
                "band": "Trung bình",
                "reason": "Phúc khảo bài viết",
            }
        ],
    }
    assert await ResultAmendment.all().count() == 1


class ResultsListener:
    heard: list[tuple[str, int]] = []

    @staticmethod
    @hookimpl
    def plugin_info():
        return plugin_info("records_office")

    @staticmethod
    @hookimpl
    def results_finalised(cohort, results):
        ResultsListener.heard.append((cohort.name, len(results)))


async def test_hook_results_finalised(db):
    # the plugins hear of final results once, after the commit
    cohort, _ = await completed_cohort()
    registry = registry_with(ResultsListener)

    await finalise(OPERATOR, cohort.id, {}, registry)
    await finalise(OPERATOR, cohort.id, {}, registry)  # again: nothing changes, nobody told

    assert ResultsListener.heard == [(cohort.name, 3)]


async def test_finalising_500_learners_costs_the_statements_of_10(db):
    async def completed(size: int):
        cohort = await factories.cohort(status=CohortStatus.PLANNED)
        await adjust_scheme(OPERATOR, cohort.id, SCHEME)
        await advance_cohort(OPERATOR, cohort.id, CohortStatus.OPEN)
        await factories.roster(cohort, size)
        await advance_cohort(OPERATOR, cohort.id, CohortStatus.COMPLETED)
        return cohort

    small, large = await completed(10), await completed(500)
    with count_queries() as ten:
        await finalise(OPERATOR, small.id, {})
    with count_queries() as five_hundred:
        await finalise(OPERATOR, large.id, {})

    assert await Result.filter(cohort_id=large.id).count() == 500
    assert five_hundred.count == ten.count


async def test_attendance_tests_and_evidence_are_locked_once_results_are_final(client, db):
    cohort, (an, _, _) = await completed_cohort()
    session = await CohortSession.filter(cohort_id=cohort.id).first()
    assert session is not None
    sitting = await ExamSitting.get(enrollment_id=an.id)
    item = await PracticumItem.get(code="observe_standing_board")
    await finalise(OPERATOR, cohort.id, {})

    attendance = await graphql_data(
        client,
        "mutation($input: RecordAttendanceInput!) "
        "{ recordAttendance(input: $input) { errors { field code } } }",
        {
            "input": {
                "sessionId": gid("CohortSession", session.id),
                "entries": [{"enrollmentId": gid("Enrollment", an.id), "status": "ABSENT"}],
            }
        },
    )
    paper = await graphql_data(
        client,
        "mutation($input: EnterPaperAnswersInput!) "
        "{ enterPaperAnswers(input: $input) { errors { field code } } }",
        {"input": {"sittingId": gid("TestSitting", sitting.id), "answers": []}},
    )
    evidence = await graphql_data(
        client,
        "mutation($input: SubmitPracticumEvidenceInput!) "
        "{ submitPracticumEvidence(input: $input) { errors { field code } } }",
        {
            "input": {
                "enrollmentId": gid("Enrollment", an.id),
                "itemId": gid("PracticumItem", item.id),
                "text": "Dự họp",
            }
        },
    )

    assert error_codes(attendance["recordAttendance"]) == [("sessionId", "RESULTS_FINAL")]
    assert error_codes(paper["enterPaperAnswers"]) == [("sittingId", "RESULTS_FINAL")]
    assert error_codes(evidence["submitPracticumEvidence"]) == [("enrollmentId", "RESULTS_FINAL")]
    assert (
        await Attendance.filter(session_id=session.id, status=AttendanceStatus.ABSENT).count() == 1
    )  # Bình's, as recorded
