"""A People's Committee cohort assessed end to end through GraphQL, each step by its person.

The coordinator adjusts the scheme (a 30-question test weighted with a written piece marked by
two assessors), imports the bank with a dry run first, sets the test; one learner answers online
and submits, another's paper sheet is entered by an assessor; the assessors score the written
piece; the coordinator finalises, an admin amends a result, and the statistics, the transcript
and the annual-evaluation record are read.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from core.clock import frozen
from core.models import ExamSitting, PracticumItem, SittingQuestion
from core.models.enums import CohortStatus, Role
from core.services.access import OPERATOR
from core.services.enrollments import enroll_official, register_topics
from core.services.practicum import Evidence, review_evidence, submit_evidence
from tests import factories
from tests.factories import gid
from tests.helpers import graphql_data

OPENS = datetime(2019, 7, 15, 1, tzinfo=UTC)


async def mutate(http: httpx.AsyncClient, name: str, input_type: str, fields: dict) -> Any:
    selection = {
        "importQuestions": "created dryRun problems { row }",
        "createTest": "test { id }",
        "submitTest": "sitting { score }",
        "enterPaperAnswers": "sitting { score source }",
        "finaliseResults": "cohort { resultsFinalAt }",
        "amendResult": "result { score band amendments { reason } }",
    }.get(name, "__typename")
    text = (
        f"mutation($input: {input_type}!) {{ {name}(input: $input) "
        f"{{ {selection} errors {{ field code message }} }} }}"
    )
    payload = (await graphql_data(http, text, {"input": fields}))[name]
    assert payload["errors"] == [], (name, payload["errors"])
    return payload


async def right_answers(sitting: ExamSitting, count: int) -> list[dict[str, Any]]:
    """The sitting's first ``count`` positions answered right; the others left unanswered."""
    rows = await SittingQuestion.filter(sitting_id=sitting.id, position__lte=count).values_list(
        "position", "version__correct_option"
    )
    return [{"position": position, "option": "ABCDEF"[correct]} for position, correct in rows]


def bank_csv() -> str:
    """40 questions over the first four topics of the track; the correct option is always C."""
    lines = ["code,topic,stem,option_a,option_b,option_c,option_d,correct,explanation"]
    for topic in range(1, 5):
        for n in range(10):
            lines.append(
                f"UB{topic:02d}-{n},UB{topic:02d},Câu hỏi {topic}.{n}?,Sai,Sai,Đúng,Sai,C,Theo luật"
            )
    return "\n".join(lines) + "\n"


async def test_a_cohort_is_assessed_finalised_and_reported(client, sign_in_as, db):
    # -- a district's People's Committee cohort with two learners ------------------------------
    cohort = await factories.cohort("peoples_committee", status=CohortStatus.PLANNED)
    district = await cohort.org_unit
    commune = await factories.commune("Xã Đồng Yên", district)
    chairs = [
        await factories.official(name, "peoples_committee_chair", org_unit=commune)
        for name in ("Lý Văn Chiến", "Sùng Thị Mỷ")
    ]
    coordinator = await sign_in_as("thu.ky", (Role.COORDINATOR, district))
    first = await sign_in_as("giam.khao.1", (Role.ASSESSOR, district))
    second = await sign_in_as("giam.khao.2", (Role.ASSESSOR, district))
    learner = await sign_in_as("ly.van.chien", (Role.LEARNER, commune), official=chairs[0])
    cohort_id = gid("Cohort", cohort.id)
    track_id = gid("Track", cohort.track_id)

    # -- the coordinator adjusts the scheme before the cohort opens ---------------------------
    await mutate(
        coordinator,
        "adjustAssessmentScheme",
        "AdjustAssessmentSchemeInput",
        {
            "cohortId": cohort_id,
            "components": [
                {
                    "code": "test",
                    "title": "Trắc nghiệm 30 câu",
                    "kind": "MULTIPLE_CHOICE_TEST",
                    "weight": 0.7,
                },
                {
                    "code": "essay",
                    "title": "Bài viết",
                    "kind": "WRITTEN_TEST",
                    "weight": 0.3,
                    "doubleMarking": True,
                },
            ],
            "bands": [
                {"name": "Giỏi", "lowerBound": 8},
                {"name": "Khá", "lowerBound": 6.5},
                {"name": "Trung bình", "lowerBound": 5},
                {"name": "Yếu", "lowerBound": 0},
            ],
            "practicumSignedOff": True,
        },
    )
    await factories.advance(cohort.id, CohortStatus.OPEN)
    enrollments = [await enroll_official(OPERATOR, chair.id, cohort.id) for chair in chairs]
    for enrollment in enrollments:
        topics = await (await cohort.track).topics.filter(code__in=["UB01", "UB02", "UB03"])
        await register_topics(OPERATOR, enrollment.id, tuple(t.id for t in topics))
    await factories.advance(cohort.id, CohortStatus.IN_PROGRESS)

    # -- the bank: a dry run, then the import -------------------------------------------------
    bank = {"trackId": track_id, "format": "CSV", "content": bank_csv()}
    dry = await mutate(
        coordinator, "importQuestions", "ImportQuestionsInput", {**bank, "dryRun": True}
    )
    done = await mutate(coordinator, "importQuestions", "ImportQuestionsInput", bank)
    assert (dry["created"], dry["dryRun"], done["created"]) == (40, True, 40)

    # -- the test: drawn for both, one answers online, the other on paper ---------------------
    await mutate(
        coordinator,
        "createTest",
        "CreateTestInput",
        {
            "cohortId": cohort_id,
            "title": "Kiểm tra trắc nghiệm",
            "questionCount": 30,
            "opensAt": OPENS.isoformat(),
            "closesAt": (OPENS + timedelta(hours=1)).isoformat(),
            "seed": "2019",
        },
    )
    online, paper = [await ExamSitting.get(enrollment_id=e.id) for e in enrollments]
    right = await right_answers(online, 24)  # 24 of 30 right (the plugin's bank and this one)
    with frozen(OPENS + timedelta(minutes=40)):
        submitted = await mutate(
            learner,
            "submitTest",
            "SubmitTestInput",
            {"sittingId": gid("TestSitting", online.id), "answers": right},
        )
    entered = await mutate(
        first,
        "enterPaperAnswers",
        "EnterPaperAnswersInput",
        {
            "sittingId": gid("TestSitting", paper.id),
            "answers": await right_answers(paper, 15),  # 15 of 30
        },
    )
    assert submitted["sitting"] == {"score": "8.00"}
    assert entered["sitting"] == {"score": "5.00", "source": "PAPER"}

    # -- two assessors mark the written piece; the practicum is signed off --------------------
    for assessor, marks in ((first, ("7", "6")), (second, ("8", "6.5"))):
        await mutate(
            assessor,
            "enterScores",
            "EnterScoresInput",
            {
                "cohortId": cohort_id,
                "componentCode": "essay",
                "entries": [
                    {"enrollmentId": gid("Enrollment", e.id), "score": mark}
                    for e, mark in zip(enrollments, marks, strict=True)
                ],
            },
        )
    for item in await PracticumItem.filter(track_id=cohort.track_id):
        for _ in range(item.required_count):
            evidence = await submit_evidence(
                OPERATOR, enrollments[0].id, item.id, Evidence(text="Dự họp")
            )
            await review_evidence(OPERATOR, evidence.id, sign_off=True, comment="")

    # -- finalised, amended, reported ---------------------------------------------------------
    await factories.advance(cohort.id, CohortStatus.COMPLETED)
    await mutate(coordinator, "finaliseResults", "FinaliseResultsInput", {"cohortId": cohort_id})
    amended = await mutate(
        client,
        "amendResult",
        "AmendResultInput",
        {
            "enrollmentId": gid("Enrollment", enrollments[1].id),
            "score": "5.2",
            "completed": False,
            "reason": "Phúc khảo bài viết",
        },
    )
    report = await graphql_data(
        coordinator,
        """query($id: ID!, $unit: ID!) {
          node(id: $id) { ... on Cohort { statistics {
            eligible registered registrationRate completed bands { band count }
          } } }
          officials(filter: {orgUnitId: $unit}) { edges { node {
            fullName results(year: 2019) { score band completed reasons }
          } } }
        }""",
        {"id": cohort_id, "unit": gid("OrgUnit", commune.id)},
    )

    # Chiến: 8.00 × 0.7 + 7.50 × 0.3 = 7.85, Khá; Mỷ: 5.00 × 0.7 + 6.25 × 0.3 = 5.375 → 5.38
    assert amended["result"] == {
        "score": "5.20",
        "band": "Trung bình",
        "amendments": [{"reason": "Phúc khảo bài viết"}],
    }
    statistics = report["node"]["statistics"]
    assert (statistics["eligible"], statistics["registered"], statistics["registrationRate"]) == (
        2,
        2,
        "1.0000",
    )
    assert statistics["bands"] == [
        {"band": "Giỏi", "count": 0},
        {"band": "Khá", "count": 1},
        {"band": "Trung bình", "count": 1},
        {"band": "Yếu", "count": 0},
    ]
    records = {e["node"]["fullName"]: e["node"]["results"] for e in report["officials"]["edges"]}
    assert records["Lý Văn Chiến"] == [
        {"score": "7.85", "band": "Khá", "completed": True, "reasons": []}
    ]
    assert records["Sùng Thị Mỷ"] == [
        {
            "score": "5.20",
            "band": "Trung bình",
            "completed": False,
            "reasons": ["Not every practicum item is signed off."],
        }
    ]
