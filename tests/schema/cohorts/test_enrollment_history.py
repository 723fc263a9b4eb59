"""An enrollment's history: enrolled, withdrawn with a reason, enrolled again, all kept."""

from __future__ import annotations

import pytest

from core.limits import MAX_ENROLLMENT_EVENTS, MAX_REENROLLMENTS
from core.models import Enrollment, EnrollmentEvent
from core.models.enums import CohortStatus, EnrollmentStatus
from core.services.access import OPERATOR
from core.services.enrollments import enroll_official, withdraw_enrollment
from core.services.errors import ServiceError
from tests import factories
from tests.factories import gid
from tests.helpers import count_queries, error_codes, graphql_data

ENROLL = """
mutation($input: EnrollOfficialInput!) {
  enrollOfficial(input: $input) { enrollment { id } errors { field code } }
}
"""
WITHDRAW = """
mutation($input: WithdrawEnrollmentInput!) {
  withdrawEnrollment(input: $input) { enrollment { status } errors { field code } }
}
"""
HISTORY = """
query($id: ID!) {
  node(id: $id) {
    ... on Enrollment { status enrolledAt withdrawnAt history { kind reason by at } }
  }
}
"""


async def test_a_withdrawal_stays_in_the_history_after_a_re_enrollment(client):
    # given an official enrolled through the API
    official = await factories.official("Hoàng Văn Nhiên")
    cohort = await factories.cohort(status=CohortStatus.OPEN)
    place = {"officialId": gid("Official", official.id), "cohortId": gid("Cohort", cohort.id)}
    enrolled = await graphql_data(client, ENROLL, {"input": place})
    enrollment_id = enrolled["enrollOfficial"]["enrollment"]["id"]
    # when they are withdrawn, saying why, and enrolled again
    await graphql_data(
        client, WITHDRAW, {"input": {"enrollmentId": enrollment_id, "reason": "Nghỉ ốm dài ngày"}}
    )
    again = await graphql_data(client, ENROLL, {"input": place})
    # then it is the same place, enrolled now, and its history keeps all three steps
    assert again["enrollOfficial"]["enrollment"]["id"] == enrollment_id
    node = (await graphql_data(client, HISTORY, {"id": enrollment_id}))["node"]
    assert (node["status"], node["withdrawnAt"]) == ("ENROLLED", None)
    assert [(e["kind"], e["reason"], e["by"]) for e in node["history"]] == [
        ("ENROLLED", "", "Quản trị kiểm thử"),
        ("WITHDRAWN", "Nghỉ ốm dài ngày", "Quản trị kiểm thử"),
        ("REENROLLED", "", "Quản trị kiểm thử"),
    ]
    assert node["history"][0]["at"] == node["enrolledAt"]
    assert node["history"][0]["at"] <= node["history"][1]["at"] <= node["history"][2]["at"]


@pytest.mark.parametrize("reason", ["", "   ", "x" * 501])
async def test_a_withdrawal_without_a_usable_reason_changes_nothing(client, reason):
    official = await factories.official()
    cohort = await factories.cohort(status=CohortStatus.OPEN)
    enrollment = await enroll_official(OPERATOR, official.id, cohort.id)

    data = await graphql_data(
        client,
        WITHDRAW,
        {"input": {"enrollmentId": gid("Enrollment", enrollment.id), "reason": reason}},
    )

    code = "TOO_LONG" if reason.startswith("x") else "REQUIRED"
    assert error_codes(data["withdrawEnrollment"]) == [("reason", code)]
    assert (await Enrollment.get(id=enrollment.id)).status == EnrollmentStatus.ENROLLED
    assert await EnrollmentEvent.filter(enrollment_id=enrollment.id).count() == 1


async def test_re_enrolling_too_often_is_refused(db):
    official = await factories.official()
    cohort = await factories.cohort(status=CohortStatus.OPEN, capacity=2)
    enrollment = await enroll_official(OPERATOR, official.id, cohort.id)
    for _ in range(MAX_REENROLLMENTS):
        await withdraw_enrollment(OPERATOR, enrollment.id, "Tạm nghỉ")
        await enroll_official(OPERATOR, official.id, cohort.id)
    await withdraw_enrollment(OPERATOR, enrollment.id, "Tạm nghỉ")

    with pytest.raises(ServiceError) as refused:
        await enroll_official(OPERATOR, official.id, cohort.id)

    assert [(e.field, e.code.value) for e in refused.value.errors] == [("officialId", "too_many")]
    assert await EnrollmentEvent.filter(enrollment_id=enrollment.id).count() == (
        MAX_ENROLLMENT_EVENTS
    )


ROSTER_HISTORY = """
query($cohortId: ID!) {
  enrollments(filter: {cohortId: $cohortId}) { edges { node { history { kind by } } } }
}
"""


async def test_a_rosters_histories_cost_one_statement_whatever_its_size(client):
    cohort = await factories.cohort(status=CohortStatus.OPEN, capacity=20)
    variables = {"cohortId": gid("Cohort", cohort.id)}
    counts = []
    for size in (2, 6):
        while await Enrollment.filter(cohort_id=cohort.id).count() < size:
            official = await factories.official(f"Nguyễn Văn {size}")
            enrollment = await enroll_official(OPERATOR, official.id, cohort.id)
            await withdraw_enrollment(OPERATOR, enrollment.id, "Chuyển công tác")
        with count_queries() as log:
            data = await graphql_data(client, ROSTER_HISTORY, variables)
        assert len(data["enrollments"]["edges"]) == size
        counts.append(log.count)

    assert counts[0] == counts[1]
