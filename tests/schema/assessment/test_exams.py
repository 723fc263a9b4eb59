"""Multiple-choice tests: drawn per learner from their topics, answered online or on paper."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from core.clock import frozen
from core.models import ExamSitting, SittingQuestion, Topic, Track
from core.models.enums import CohortStatus, Role
from core.scores import share_of_ten
from core.services.access import OPERATOR
from core.services.cohorts import advance_cohort
from core.services.enrollments import enroll_official, register_topics
from core.services.exams import draw
from core.services.question_bank import import_questions, read_rows
from tests import factories
from tests.factories import gid
from tests.helpers import count_queries, error_codes, graphql_data

OPENS = datetime(2019, 7, 1, 1, 0, tzinfo=UTC)
CLOSES = OPENS + timedelta(hours=1)
CREATE = """
mutation($input: CreateTestInput!) {
  createTest(input: $input) { test { id questionCount } errors { field code message } }
}
"""
SITTINGS = """
query($id: ID!) { node(id: $id) { ... on Enrollment { testSittings {
  id fromOtherTopics submittedAt source correctCount score
  questions { position stem options chosen correctOption explanation }
} } } }
"""
ANSWER = """
mutation($input: AnswerTestInput!) {
  answerTest(input: $input) { sitting { id } errors { field code message } }
}
"""
SUBMIT = """
mutation($input: SubmitTestInput!) {
  submitTest(input: $input) { sitting { score correctCount source } errors { field code } }
}
"""
PAPER = """
mutation($input: EnterPaperAnswersInput!) {
  enterPaperAnswers(input: $input) { sitting { score source } errors { field code } }
}
"""


async def bank(per_topic: dict[str, int]) -> None:
    """``per_topic[code]`` questions in each topic's bank; the correct option is always B."""
    lines = ["code,topic,stem,option_a,option_b,option_c,option_d,correct,explanation"]
    for topic, count in per_topic.items():
        for n in range(count):
            lines.append(f"{topic}-{n},{topic},Câu {topic} số {n}?,Sai,Đúng,Sai,Sai,B,Vì đúng")
    rows, problems = read_rows("\n".join(lines) + "\n", "csv")
    track = await Track.get(code="party_committee")
    await import_questions(OPERATOR, track.id, rows, dry_run=False, problems=problems)


async def running_cohort(*registrations: tuple[str, ...]):
    """A running cohort with one learner per tuple of registered topic codes."""
    cohort = await factories.cohort()
    commune = await factories.commune(within=await cohort.org_unit)
    enrollments = []
    for index, codes in enumerate(registrations):
        official = await factories.official(f"Học viên {index}", org_unit=commune)
        enrollment = await enroll_official(OPERATOR, official.id, cohort.id)
        topics = await Topic.filter(code__in=codes, track__code="party_committee")
        await register_topics(OPERATOR, enrollment.id, tuple(t.id for t in topics))
        enrollments.append(enrollment)
    await advance_cohort(OPERATOR, cohort.id, CohortStatus.IN_PROGRESS)
    return cohort, commune, enrollments


def exam_input(cohort, count: int = 4, **changes):
    return {
        "input": {
            "cohortId": gid("Cohort", cohort.id),
            "title": "Kiểm tra cuối khóa",
            "questionCount": count,
            "opensAt": OPENS.isoformat(),
            "closesAt": CLOSES.isoformat(),
            **changes,
        }
    }


def test_a_draw_spreads_over_the_registered_topics_and_is_reproducible():
    registered = {1: [10, 11, 12], 2: [20, 21, 22], 3: [30]}
    others = [40, 41, 42]

    picked, filled = draw(random.Random("7:1"), registered, others, 6)
    again, _ = draw(random.Random("7:1"), registered, others, 6)

    per_topic = {topic: sum(v // 10 == topic for v in picked) for topic in (1, 2, 3)}
    assert filled == 0 and len(set(picked)) == 6
    assert per_topic[3] == 1 and {per_topic[1], per_topic[2]} <= {2, 3}  # one each in turn
    assert picked == again  # the same seed draws the same
    # the registered topics hold 1 of 3: the other 2 come from the track's other topics
    short, filled = draw(random.Random("7:1"), {3: [30]}, others, 3)
    assert 30 in short and filled == 2 and set(short) - {30} <= set(others)
    # and another learner (another seed) gets another order or other questions
    draws = {tuple(draw(random.Random(f"7:{n}"), registered, others, 6)[0]) for n in range(5)}
    assert len(draws) > 1


def test_a_score_is_the_correct_share_out_of_10_rounded_half_up():
    assert share_of_ten(3, 4) == 750
    assert share_of_ten(2, 3) == 667  # 6.666… → 6.67
    assert share_of_ten(1, 8) == 125
    assert share_of_ten(30, 30) == 1000


async def test_each_learner_gets_questions_from_their_topics(sign_in_as, db):
    await bank({"PC01": 3, "PC02": 3, "PC03": 3})
    cohort, _, (both, one) = await running_cohort(("PC01", "PC02"), ("PC03",))
    coordinator = await sign_in_as("thu.ky", (Role.COORDINATOR, await cohort.org_unit))

    created = await graphql_data(coordinator, CREATE, exam_input(cohort))
    with frozen(OPENS + timedelta(minutes=1)):  # while the window is open
        data = await graphql_data(coordinator, SITTINGS, {"id": gid("Enrollment", both.id)})
        filled = await graphql_data(coordinator, SITTINGS, {"id": gid("Enrollment", one.id)})

    assert created["createTest"]["errors"] == []
    [sitting] = data["node"]["testSittings"]
    topics = sorted(q["stem"].split()[1] for q in sitting["questions"])
    assert topics == ["PC01", "PC01", "PC02", "PC02"]
    assert sitting["fromOtherTopics"] == 0
    assert all(q["correctOption"] is None for q in sitting["questions"])  # window not closed
    [short] = filled["node"]["testSittings"]
    assert short["fromOtherTopics"] == 1  # PC03 holds 3 of the 4


async def test_a_test_needs_enough_questions_in_the_banks(client, db):
    await bank({"PC01": 2})
    cohort, _, _ = await running_cohort(("PC01",))

    data = await graphql_data(client, CREATE, exam_input(cohort, count=30))

    assert error_codes(data["createTest"]) == [("questionCount", "NOT_ENOUGH_QUESTIONS")]
    assert await ExamSitting.all().count() == 0


async def test_a_learner_answers_and_submits_once_within_the_window(sign_in_as, client, db):
    await bank({"PC01": 4})
    cohort, commune, (mine,) = await running_cohort(("PC01",))
    await graphql_data(client, CREATE, exam_input(cohort))
    learner = await sign_in_as("hoc.vien", (Role.LEARNER, commune), official=await mine.official)
    sitting = await ExamSitting.get(enrollment_id=mine.id)
    sitting_id = gid("TestSitting", sitting.id)
    answers = [{"position": n, "option": "B" if n < 4 else "A"} for n in (1, 2, 3, 4)]

    with frozen(OPENS - timedelta(minutes=5)):
        early = await graphql_data(
            learner, ANSWER, {"input": {"sittingId": sitting_id, "answers": answers}}
        )
    with frozen(OPENS + timedelta(minutes=10)):
        stray = await graphql_data(
            learner,
            ANSWER,
            {"input": {"sittingId": sitting_id, "answers": [{"position": 9, "option": "A"}]}},
        )
        await graphql_data(
            learner, ANSWER, {"input": {"sittingId": sitting_id, "answers": answers}}
        )
        submitted = await graphql_data(learner, SUBMIT, {"input": {"sittingId": sitting_id}})
        again = await graphql_data(learner, SUBMIT, {"input": {"sittingId": sitting_id}})
    with frozen(CLOSES + timedelta(minutes=1)):
        late = await graphql_data(
            learner, ANSWER, {"input": {"sittingId": sitting_id, "answers": answers}}
        )
        shown = await graphql_data(learner, SITTINGS, {"id": gid("Enrollment", mine.id)})

    assert error_codes(early["answerTest"]) == [("sittingId", "WINDOW_NOT_OPEN")]
    assert error_codes(stray["answerTest"]) == [("answers.0.position", "NOT_IN_TEST")]
    assert submitted["submitTest"]["sitting"] == {
        "score": "7.50",
        "correctCount": 3,
        "source": "ONLINE",
    }
    assert error_codes(again["submitTest"]) == [("sittingId", "ALREADY_SUBMITTED")]
    assert error_codes(late["answerTest"]) == [("sittingId", "ALREADY_SUBMITTED")]
    [sitting_shown] = shown["node"]["testSittings"]
    assert {q["correctOption"] for q in sitting_shown["questions"]} == {"B"}
    assert {q["explanation"] for q in sitting_shown["questions"]} == {"Vì đúng"}


async def test_what_is_answered_when_the_window_closes_is_submitted_then(sign_in_as, client, db):
    await bank({"PC01": 4})
    cohort, commune, (mine,) = await running_cohort(("PC01",))
    await graphql_data(client, CREATE, exam_input(cohort))
    learner = await sign_in_as("hoc.vien", (Role.LEARNER, commune), official=await mine.official)
    sitting = await ExamSitting.get(enrollment_id=mine.id)
    answers = [{"position": 1, "option": "B"}, {"position": 2, "option": "B"}]

    with frozen(OPENS + timedelta(minutes=30)):
        await graphql_data(
            learner,
            ANSWER,
            {"input": {"sittingId": gid("TestSitting", sitting.id), "answers": answers}},
        )
    with frozen(CLOSES + timedelta(hours=2)):
        late = await graphql_data(
            learner,
            ANSWER,
            {"input": {"sittingId": gid("TestSitting", sitting.id), "answers": answers}},
        )
        shown = await graphql_data(learner, SITTINGS, {"id": gid("Enrollment", mine.id)})

    assert error_codes(late["answerTest"]) == [("sittingId", "WINDOW_CLOSED")]
    [taken] = shown["node"]["testSittings"]
    assert (taken["source"], taken["correctCount"], taken["score"]) == ("ONLINE", 2, "5.00")
    assert datetime.fromisoformat(taken["submittedAt"]) == CLOSES


async def test_an_assessor_enters_a_paper_sheet_once(sign_in_as, client, db):
    await bank({"PC01": 4})
    cohort, _, (mine,) = await running_cohort(("PC01",))
    await graphql_data(client, CREATE, exam_input(cohort))
    assessor = await sign_in_as("cham.thi", (Role.ASSESSOR, await cohort.org_unit))
    sitting = await ExamSitting.get(enrollment_id=mine.id)
    sheet = {
        "sittingId": gid("TestSitting", sitting.id),
        "answers": [{"position": n, "option": "b"} for n in (1, 2, 3, 4)],
    }

    with frozen(CLOSES + timedelta(days=1)):  # sheets come in from remote communes later
        entered = await graphql_data(assessor, PAPER, {"input": sheet})
        again = await graphql_data(assessor, PAPER, {"input": sheet})

    assert entered["enterPaperAnswers"]["sitting"] == {"score": "10.00", "source": "PAPER"}
    assert error_codes(again["enterPaperAnswers"]) == [("sittingId", "ALREADY_SUBMITTED")]


async def test_a_learner_cannot_answer_someone_elses_test(sign_in_as, client, db):
    await bank({"PC01": 4})
    cohort, commune, (first, second) = await running_cohort(("PC01",), ("PC01",))
    await graphql_data(client, CREATE, exam_input(cohort))
    learner = await sign_in_as("hoc.vien", (Role.LEARNER, commune), official=await first.official)
    theirs = await ExamSitting.get(enrollment_id=second.id)

    with frozen(OPENS + timedelta(minutes=1)):
        data = await graphql_data(
            learner,
            ANSWER,
            {
                "input": {
                    "sittingId": gid("TestSitting", theirs.id),
                    "answers": [{"position": 1, "option": "B"}],
                }
            },
        )

    assert error_codes(data["answerTest"]) == [("sittingId", "NOT_YOURS")]
    assert await SittingQuestion.filter(chosen__isnull=False).count() == 0


async def test_drawing_for_10_or_300_learners_costs_the_same_statements(client, db):
    await bank({"PC01": 5, "PC02": 5})
    small = await factories.cohort()
    await factories.roster(small, 10)
    await advance_cohort(OPERATOR, small.id, CohortStatus.IN_PROGRESS)
    large = await factories.cohort()
    await factories.roster(large, 300)
    await advance_cohort(OPERATOR, large.id, CohortStatus.IN_PROGRESS)

    with count_queries() as ten:
        await graphql_data(client, CREATE, exam_input(small))
    with count_queries() as three_hundred:
        await graphql_data(client, CREATE, exam_input(large))

    assert await ExamSitting.filter(exam__cohort_id=large.id).count() == 300
    assert await SittingQuestion.all().count() == 310 * 4
    # the sitting questions are inserted 1,000 at a time
    assert three_hundred.count - ten.count <= 1
