"""withdrawEnrollment: kept in the record with its topics; twice, locked cohorts, bad IDs."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import pytest

from core.models import Enrollment, TopicRegistration
from core.models.enums import CohortStatus, EnrollmentStatus
from core.services.access import OPERATOR
from core.services.enrollments import enroll_official, register_topics
from tests import factories
from tests.factories import gid
from tests.helpers import error_codes, graphql_data

WITHDRAW_ENROLLMENT = """
mutation WithdrawEnrollment($input: WithdrawEnrollmentInput!) {
  withdrawEnrollment(input: $input) {
    enrollment {
      id status enrolledAt withdrawnAt
      official { fullName }
      cohort { status enrolledCount }
      topics { code }
    }
    errors { field message code }
  }
}
"""


async def enrollment_in(status: CohortStatus, full_name: str = "Hoàng Văn Nhiên") -> Enrollment:
    """A party secretary enrolled in a party committee cohort that then moved on to ``status``."""
    official = await factories.official(full_name, post_code="party_secretary")
    cohort = await factories.cohort("party_committee", CohortStatus.OPEN)
    enrollment = await enroll_official(OPERATOR, official.id, cohort.id)
    cohort = await factories.advance(cohort.id, status)
    assert cohort.status == status
    return enrollment


async def withdraw(client, enrollment_id: str) -> dict:
    data = await graphql_data(
        client,
        WITHDRAW_ENROLLMENT,
        {"input": {"enrollmentId": enrollment_id, "reason": "Chuyển công tác"}},
    )
    return data["withdrawEnrollment"]


async def stored() -> tuple[list[dict], list[tuple[int, int]]]:
    """Every enrollment and topic registration, as the database has them."""
    enrollments = await Enrollment.all().order_by("id").values()
    registrations = (
        await TopicRegistration.all().order_by("id").values_list("enrollment_id", "topic_id")
    )
    return enrollments, registrations


@pytest.mark.parametrize("status", [CohortStatus.OPEN, CohortStatus.IN_PROGRESS])
async def test_withdraws_and_keeps_the_record(client, status):
    # given
    enrollment = await enrollment_in(status, "Lý Thị Mai")
    pc01, pc03 = [t for t in await factories.topics() if t.code in ("PC01", "PC03")]
    await register_topics(OPERATOR, enrollment.id, (pc01.id, pc03.id))
    # when
    result = await withdraw(client, gid("Enrollment", enrollment.id))
    # then
    assert result["errors"] == []
    withdrawn = result["enrollment"]
    assert withdrawn["id"] == gid("Enrollment", enrollment.id)
    assert withdrawn["status"] == "WITHDRAWN"
    withdrawn_at = datetime.fromisoformat(withdrawn["withdrawnAt"])
    assert withdrawn_at >= datetime.fromisoformat(withdrawn["enrolledAt"])
    assert withdrawn_at.utcoffset() == timedelta(0)
    assert withdrawn["official"] == {"fullName": "Lý Thị Mai"}
    assert withdrawn["cohort"] == {"status": status.name, "enrolledCount": 0}
    assert [t["code"] for t in withdrawn["topics"]] == ["PC01", "PC03"]
    row = await Enrollment.get(id=enrollment.id)
    assert row.status == EnrollmentStatus.WITHDRAWN
    assert row.withdrawn_at == withdrawn_at
    assert await TopicRegistration.filter(enrollment_id=enrollment.id).count() == 2


async def test_only_the_named_enrollment_is_withdrawn(client):
    leaving = await enrollment_in(CohortStatus.OPEN, "Nguyễn Văn An")
    staying = await enrollment_in(CohortStatus.OPEN, "Trần Thị Hoa")

    result = await withdraw(client, gid("Enrollment", leaving.id))

    assert result["errors"] == []
    assert (await Enrollment.get(id=staying.id)).status == EnrollmentStatus.ENROLLED
    assert (await Enrollment.get(id=staying.id)).withdrawn_at is None


async def test_refuses_a_second_withdrawal(client):
    enrollment = await enrollment_in(CohortStatus.OPEN)
    await withdraw(client, gid("Enrollment", enrollment.id))
    before = await stored()

    result = await withdraw(client, gid("Enrollment", enrollment.id))

    assert result["enrollment"] is None
    assert error_codes(result) == [("enrollmentId", "ALREADY_WITHDRAWN")]
    assert await stored() == before
    assert before[0][0]["status"] == EnrollmentStatus.WITHDRAWN


@pytest.mark.parametrize("status", [CohortStatus.COMPLETED, CohortStatus.CLOSED])
async def test_refuses_once_the_cohort_is_completed_or_closed(client, status):
    enrollment = await enrollment_in(status)
    before = await stored()

    result = await withdraw(client, gid("Enrollment", enrollment.id))

    assert result["enrollment"] is None
    assert error_codes(result) == [("enrollmentId", "COHORT_LOCKED")]
    assert await stored() == before
    assert before[0][0]["status"] == EnrollmentStatus.ENROLLED


@pytest.mark.parametrize(
    ("enrollment_id", "code"),
    [
        ("not-an-id", "INVALID_ID"),
        (gid("Cohort", 1), "INVALID_ID"),
        (gid("Enrollment", 999999), "NOT_FOUND"),
    ],
    ids=["malformed", "other-type", "unknown"],
)
async def test_bad_enrollment_ids_name_the_field(client, enrollment_id, code):
    await enrollment_in(CohortStatus.OPEN)
    before = await stored()

    result = await withdraw(client, enrollment_id)

    assert result["enrollment"] is None
    assert error_codes(result) == [("enrollmentId", code)]
    assert await stored() == before


@pytest.mark.postgres_only
async def test_racing_withdrawals_withdraw_once(client):
    # given an enrollment in an open cohort
    enrollment = await enrollment_in(CohortStatus.OPEN)
    # when four withdrawals race
    results = await asyncio.gather(
        *(withdraw(client, gid("Enrollment", enrollment.id)) for _ in range(4))
    )
    # then one succeeds and the others see it
    assert sum(1 for result in results if result["enrollment"]) == 1
    assert sorted(e["code"] for r in results for e in r["errors"]) == ["ALREADY_WITHDRAWN"] * 3


async def test_reports_a_malformed_id_with_a_blank_reason(client):
    await enrollment_in(CohortStatus.OPEN)
    before = await stored()

    data = await graphql_data(
        client, WITHDRAW_ENROLLMENT, {"input": {"enrollmentId": gid("Cohort", 1), "reason": " "}}
    )

    result = data["withdrawEnrollment"]
    assert result["enrollment"] is None
    assert error_codes(result) == [("enrollmentId", "INVALID_ID"), ("reason", "REQUIRED")]
    assert await stored() == before


async def test_a_locked_cohort_says_its_status_as_the_api_spells_it(client):
    enrollment = await enrollment_in(CohortStatus.COMPLETED)

    result = await withdraw(client, gid("Enrollment", enrollment.id))

    assert result["errors"] == [
        {
            "field": "enrollmentId",
            "code": "COHORT_LOCKED",
            "message": "The cohort is COMPLETED; its enrollments change only while it is OPEN "
            "or IN_PROGRESS.",
        }
    ]
