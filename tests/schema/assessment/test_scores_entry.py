"""Assessors' scores of written and practical work, a sheet at once, with double marking."""

from __future__ import annotations

from decimal import Decimal

from core.models import ComponentScore
from core.models.enums import CohortStatus, ComponentKind, Role
from core.services.access import OPERATOR
from core.services.cohorts import advance_cohort
from core.services.enrollments import withdraw_enrollment
from core.services.schemes import SchemeInput, adjust_scheme
from tests import factories
from tests.factories import gid
from tests.helpers import count_queries, error_codes, graphql_data

ENTER = """
mutation($input: EnterScoresInput!) {
  enterScores(input: $input) {
    scores { component score comment secondScore difference scoredBy secondBy }
    errors { field code message }
  }
}
"""
SCHEME = SchemeInput(
    components=[
        ("written_test", "Bài viết", ComponentKind.WRITTEN_TEST, Decimal("0.6"), True),
        ("practicum", "Thực hành", ComponentKind.PRACTICUM, Decimal("0.3"), False),
        ("test", "Trắc nghiệm", ComponentKind.MULTIPLE_CHOICE_TEST, Decimal("0.1"), False),
    ],
    bands=[("Đạt", Decimal(5)), ("Chưa đạt", Decimal(0))],
    min_attendance_rate=None,
    practicum_signed_off=False,
)


async def running_cohort(size: int = 2):
    cohort = await factories.cohort(status=CohortStatus.PLANNED)
    await adjust_scheme(OPERATOR, cohort.id, SCHEME)
    await advance_cohort(OPERATOR, cohort.id, CohortStatus.OPEN)
    learners = await factories.roster(
        cohort, size, await factories.commune(within=await cohort.org_unit)
    )
    await advance_cohort(OPERATOR, cohort.id, CohortStatus.IN_PROGRESS)
    return cohort, learners


def sheet(cohort, component, *entries):
    return {
        "input": {
            "cohortId": gid("Cohort", cohort.id),
            "componentCode": component,
            "entries": [
                {"enrollmentId": gid("Enrollment", e.id), "score": score, "comment": "Đạt"}
                for e, score in entries
            ],
        }
    }


async def test_two_assessors_mark_a_written_test_and_the_difference_is_kept(sign_in_as, db):
    cohort, (an, hoa) = await running_cohort()
    unit = await cohort.org_unit
    first = await sign_in_as("giam.khao.1", (Role.ASSESSOR, unit))
    second = await sign_in_as("giam.khao.2", (Role.ASSESSOR, unit))
    third = await sign_in_as("giam.khao.3", (Role.ASSESSOR, unit))

    await graphql_data(first, ENTER, sheet(cohort, "written_test", (an, "7.5"), (hoa, 8)))
    data = await graphql_data(second, ENTER, sheet(cohort, "written_test", (an, 8.25), (hoa, "8")))
    refused = await graphql_data(third, ENTER, sheet(cohort, "written_test", (an, 9)))

    scores = data["enterScores"]["scores"]
    assert [(s["score"], s["secondScore"], s["difference"]) for s in scores] == [
        ("7.50", "8.25", "0.75"),
        ("8.00", "8.00", "0.00"),
    ]
    assert (scores[0]["scoredBy"], scores[0]["secondBy"]) == ("giam.khao.1", "giam.khao.2")
    assert error_codes(refused["enterScores"]) == [("entries.0.enrollmentId", "ALREADY_SCORED")]


async def test_an_assessor_corrects_their_own_single_marked_scores_only(sign_in_as, db):
    cohort, (an, _) = await running_cohort()
    unit = await cohort.org_unit
    first = await sign_in_as("giam.khao.1", (Role.ASSESSOR, unit))
    other = await sign_in_as("giam.khao.2", (Role.ASSESSOR, unit))

    await graphql_data(first, ENTER, sheet(cohort, "practicum", (an, 6)))
    corrected = await graphql_data(first, ENTER, sheet(cohort, "practicum", (an, "6.5")))
    refused = await graphql_data(other, ENTER, sheet(cohort, "practicum", (an, 9)))

    assert corrected["enterScores"]["scores"][0]["score"] == "6.50"
    assert error_codes(refused["enterScores"]) == [("entries.0.enrollmentId", "ALREADY_SCORED")]


async def test_a_sheet_reports_every_bad_score_at_once_and_writes_nothing(client, db):
    cohort, (an, hoa) = await running_cohort()
    await withdraw_enrollment(OPERATOR, hoa.id, "Chuyển công tác")
    _, (stranger,) = await running_cohort(1)

    bad = await graphql_data(
        client,
        ENTER,
        sheet(cohort, "written_test", (an, "10.5"), (hoa, 7), (stranger, "8.255")),
    )
    wrong_component = await graphql_data(client, ENTER, sheet(cohort, "test", (an, 7)))
    unknown = await graphql_data(client, ENTER, sheet(cohort, "essay", (an, 7)))

    assert sorted(error_codes(bad["enterScores"])) == [
        ("entries.0.score", "INVALID_SCORE"),
        ("entries.1.enrollmentId", "NOT_ENROLLED"),
        ("entries.2.enrollmentId", "NOT_ENROLLED"),
        ("entries.2.score", "INVALID_SCORE"),
    ]
    assert error_codes(wrong_component["enterScores"]) == [("componentCode", "NOT_IN_SCHEME")]
    assert error_codes(unknown["enterScores"]) == [("componentCode", "NOT_IN_SCHEME")]
    assert await ComponentScore.all().count() == 0


async def test_scores_wait_until_the_cohort_runs(client, db):
    cohort = await factories.cohort(status=CohortStatus.PLANNED)
    await adjust_scheme(OPERATOR, cohort.id, SCHEME)
    await advance_cohort(OPERATOR, cohort.id, CohortStatus.OPEN)
    (an,) = await factories.roster(cohort, 1)

    data = await graphql_data(client, ENTER, sheet(cohort, "practicum", (an, 7)))

    assert ("cohortId", "COHORT_LOCKED") in error_codes(data["enterScores"])


async def test_a_sheet_of_300_costs_the_statements_of_a_sheet_of_10(client, db):
    small, ten = await running_cohort(10)
    large, three_hundred = await running_cohort(300)

    with count_queries() as few:
        await graphql_data(client, ENTER, sheet(small, "practicum", *((e, 7) for e in ten)))
    with count_queries() as many:
        await graphql_data(
            client, ENTER, sheet(large, "practicum", *((e, 7) for e in three_hundred))
        )

    assert await ComponentScore.all().count() == 310
    assert many.count == few.count
