"""changeCohortStatus: only the legal life-cycle moves, as `Cohort.nextStatuses` lists them."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import product

import pytest

from core.models import Cohort, Enrollment
from core.models.enums import CohortStatus
from core.services.access import OPERATOR
from core.services.enrollments import enroll_official
from tests import factories
from tests.factories import gid
from tests.helpers import error_codes, graphql_data

CHANGE_COHORT_STATUS = """
mutation ChangeCohortStatus($input: ChangeCohortStatusInput!) {
  changeCohortStatus(input: $input) {
    cohort { id name status nextStatuses }
    errors { field message code }
  }
}
"""

COHORT_NEXT_STATUSES = """
query CohortNextStatuses($id: ID!) {
  node(id: $id) { ... on Cohort { status nextStatuses } }
}
"""

LEGAL = [
    (CohortStatus.PLANNED, CohortStatus.OPEN),
    (CohortStatus.OPEN, CohortStatus.PLANNED),
    (CohortStatus.OPEN, CohortStatus.IN_PROGRESS),
    (CohortStatus.IN_PROGRESS, CohortStatus.COMPLETED),
    (CohortStatus.COMPLETED, CohortStatus.CLOSED),
]
ILLEGAL = [pair for pair in product(CohortStatus, repeat=2) if pair not in LEGAL]


def api(status: CohortStatus) -> str:
    """The GraphQL enum name of a status."""
    return status.name


async def change(client, cohort_id: str, status: str) -> dict:
    data = await graphql_data(
        client, CHANGE_COHORT_STATUS, {"input": {"cohortId": cohort_id, "status": status}}
    )
    return data["changeCohortStatus"]


async def test_walks_the_whole_life_cycle(client):
    # given
    cohort = await factories.cohort(status=CohortStatus.PLANNED, name="Khóa học việc Đảng ủy")
    steps = [
        ("OPEN", ["IN_PROGRESS", "PLANNED"]),
        ("IN_PROGRESS", ["COMPLETED"]),
        ("COMPLETED", ["CLOSED"]),
        ("CLOSED", []),
    ]
    for status, next_statuses in steps:
        if status == "CLOSED":  # closing needs final results (tests/schema/assessment)
            await Cohort.filter(id=cohort.id).update(results_final_at=datetime.now(UTC))
        # when
        result = await change(client, gid("Cohort", cohort.id), status)
        # then
        assert result["errors"] == []
        assert result["cohort"]["id"] == gid("Cohort", cohort.id)
        assert result["cohort"]["name"] == "Khóa học việc Đảng ủy"
        assert result["cohort"]["status"] == status
        assert sorted(result["cohort"]["nextStatuses"]) == next_statuses
        assert (await Cohort.get(id=cohort.id)).status.name == status


@pytest.mark.parametrize(
    ("current", "target"), LEGAL, ids=[f"{a.name}->{b.name}" for a, b in LEGAL]
)
async def test_makes_each_legal_move(client, current, target):
    cohort = await factories.cohort(status=current)
    if target == CohortStatus.CLOSED:  # closing needs final results
        await Cohort.filter(id=cohort.id).update(results_final_at=datetime.now(UTC))

    result = await change(client, gid("Cohort", cohort.id), api(target))

    assert result["errors"] == []
    assert result["cohort"]["status"] == api(target)
    assert (await Cohort.get(id=cohort.id)).status == target


@pytest.mark.parametrize(
    ("current", "target"), ILLEGAL, ids=[f"{a.name}->{b.name}" for a, b in ILLEGAL]
)
async def test_refuses_every_other_move_and_changes_nothing(client, current, target):
    cohort = await factories.cohort(status=current)
    before = await Cohort.filter(id=cohort.id).values()

    result = await change(client, gid("Cohort", cohort.id), api(target))

    assert result["cohort"] is None
    assert error_codes(result) == [("status", "ILLEGAL_TRANSITION")]
    assert await Cohort.filter(id=cohort.id).values() == before


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (CohortStatus.PLANNED, ["OPEN"]),
        (CohortStatus.OPEN, ["IN_PROGRESS", "PLANNED"]),
        (CohortStatus.IN_PROGRESS, ["COMPLETED"]),
        (CohortStatus.COMPLETED, ["CLOSED"]),
        (CohortStatus.CLOSED, []),
    ],
)
async def test_next_statuses_are_the_legal_moves(client, status, expected):
    cohort = await factories.cohort(status=status)

    data = await graphql_data(client, COHORT_NEXT_STATUSES, {"id": gid("Cohort", cohort.id)})

    assert data["node"]["status"] == api(status)
    assert sorted(data["node"]["nextStatuses"]) == expected
    assert expected == sorted(api(target) for current, target in LEGAL if current == status)


async def test_only_the_named_cohort_moves(client):
    moved = await factories.cohort(status=CohortStatus.PLANNED, name="Khóa I")
    other = await factories.cohort(status=CohortStatus.PLANNED, name="Khóa II")

    result = await change(client, gid("Cohort", moved.id), "OPEN")

    assert result["errors"] == []
    assert (await Cohort.get(id=moved.id)).status == CohortStatus.OPEN
    assert (await Cohort.get(id=other.id)).status == CohortStatus.PLANNED


@pytest.mark.parametrize(
    ("cohort_id", "code"),
    [
        ("not-an-id", "INVALID_ID"),
        (gid("Enrollment", 1), "INVALID_ID"),
        (gid("Cohort", 999999), "NOT_FOUND"),
    ],
    ids=["malformed", "other-type", "unknown"],
)
async def test_bad_cohort_ids_name_the_field(client, cohort_id, code):
    cohort = await factories.cohort(status=CohortStatus.PLANNED)
    before = await Cohort.all().values()

    result = await change(client, cohort_id, "OPEN")

    assert result["cohort"] is None
    assert error_codes(result) == [("cohortId", code)]
    assert await Cohort.all().values() == before
    assert before[0]["id"] == cohort.id


CHANGE_WITH_NOTICES = """
mutation ChangeCohortStatus($input: ChangeCohortStatusInput!) {
  changeCohortStatus(input: $input) {
    cohort { status enrolledCount }
    notices { code message }
    errors { field message code }
  }
}
"""


async def change_with_notices(client, cohort_id: str, status: str) -> dict:
    data = await graphql_data(
        client, CHANGE_WITH_NOTICES, {"input": {"cohortId": cohort_id, "status": status}}
    )
    return data["changeCohortStatus"]


async def test_back_to_planned_keeps_the_enrollments_and_says_so(client):
    # given an open cohort with two officials enrolled
    cohort = await factories.cohort(status=CohortStatus.OPEN)
    for name in ("Nguyễn Văn An", "Trần Văn Bình"):
        await enroll_official(OPERATOR, (await factories.official(name)).id, cohort.id)
    # when it goes back to PLANNED
    result = await change_with_notices(client, gid("Cohort", cohort.id), "PLANNED")
    # then the enrollments stay, and the answer says so
    assert result["errors"] == []
    assert result["cohort"] == {"status": "PLANNED", "enrolledCount": 2}
    assert result["notices"] == [
        {
            "code": "ENROLLMENTS_KEPT",
            "message": "The cohort's 2 enrollments are kept: the officials stay enrolled and "
            "count again when the cohort reopens.",
        }
    ]
    assert await Enrollment.filter(cohort_id=cohort.id, status="enrolled").count() == 2
    # and reopened, they are still there
    reopened = await change_with_notices(client, gid("Cohort", cohort.id), "OPEN")
    assert reopened["cohort"] == {"status": "OPEN", "enrolledCount": 2}
    assert reopened["notices"] == []


async def test_no_notice_without_enrollments_or_on_errors(client):
    cohort = await factories.cohort(status=CohortStatus.OPEN)

    back = await change_with_notices(client, gid("Cohort", cohort.id), "PLANNED")
    refused = await change_with_notices(client, gid("Cohort", cohort.id), "CLOSED")

    assert (back["errors"], back["notices"]) == ([], [])
    assert (refused["cohort"], refused["notices"]) == (None, [])


async def test_an_illegal_move_names_the_statuses_as_the_api_does(client):
    cohort = await factories.cohort(status=CohortStatus.OPEN)

    result = await change(client, gid("Cohort", cohort.id), "COMPLETED")

    assert result["errors"] == [
        {
            "field": "status",
            "code": "ILLEGAL_TRANSITION",
            "message": "A cohort that is OPEN cannot become COMPLETED; allowed: IN_PROGRESS, "
            "PLANNED.",
        }
    ]
    assert (await Cohort.get(id=cohort.id)).status == CohortStatus.OPEN
