"""enrollOfficial: eligibility, open cohort, capacity, duplicates (also racing), bad IDs."""

from __future__ import annotations

import asyncio

import pytest

from core.models import Enrollment
from core.models.enums import CohortStatus, OfficialStatus
from tests import factories
from tests.factories import gid
from tests.helpers import error_codes, graphql_data

ENROLL_OFFICIAL = """
mutation Enroll($input: EnrollOfficialInput!) {
  enrollOfficial(input: $input) {
    enrollment { id status official { fullName } cohort { enrolledCount } }
    errors { field message code }
  }
}
"""


async def enroll(client, official_id: str, cohort_id: str) -> dict:
    data = await graphql_data(
        client, ENROLL_OFFICIAL, {"input": {"officialId": official_id, "cohortId": cohort_id}}
    )
    return data["enrollOfficial"]


async def test_enrolls_an_eligible_official_in_an_open_cohort(client):
    # given
    official = await factories.official("Hoàng Văn Nhiên", post_code="party_secretary")
    cohort = await factories.cohort("party_committee", CohortStatus.OPEN)
    # when
    result = await enroll(client, gid("Official", official.id), gid("Cohort", cohort.id))
    # then
    assert result["errors"] == []
    assert result["enrollment"]["status"] == "ENROLLED"
    assert result["enrollment"]["official"]["fullName"] == "Hoàng Văn Nhiên"
    assert result["enrollment"]["cohort"]["enrolledCount"] == 1


@pytest.mark.parametrize(
    ("post_code", "status", "cohort_status", "field", "code"),
    [
        (
            "peoples_committee_chair",
            OfficialStatus.ACTIVE,
            CohortStatus.OPEN,
            "officialId",
            "NOT_ELIGIBLE",
        ),
        ("party_secretary", OfficialStatus.LEFT, CohortStatus.OPEN, "officialId", "NOT_ELIGIBLE"),
        (
            "party_secretary",
            OfficialStatus.ACTIVE,
            CohortStatus.PLANNED,
            "cohortId",
            "COHORT_NOT_OPEN",
        ),
        (
            "party_secretary",
            OfficialStatus.ACTIVE,
            CohortStatus.CLOSED,
            "cohortId",
            "COHORT_NOT_OPEN",
        ),
    ],
)
async def test_refuses_and_writes_nothing(client, post_code, status, cohort_status, field, code):
    official = await factories.official(post_code=post_code, status=status)
    cohort = await factories.cohort("party_committee", cohort_status)

    result = await enroll(client, gid("Official", official.id), gid("Cohort", cohort.id))

    assert result["enrollment"] is None
    assert error_codes(result) == [(field, code)]
    assert await Enrollment.all().count() == 0


async def test_refuses_a_second_enrollment(client):
    official = await factories.official()
    cohort = await factories.cohort()
    await enroll(client, gid("Official", official.id), gid("Cohort", cohort.id))

    result = await enroll(client, gid("Official", official.id), gid("Cohort", cohort.id))

    assert error_codes(result) == [("officialId", "ALREADY_ENROLLED")]
    assert await Enrollment.all().count() == 1


async def test_refuses_when_the_cohort_is_full(client):
    cohort = await factories.cohort(capacity=1)
    first = await factories.official("Nguyễn Văn An")
    second = await factories.official("Trần Thị Hoa")
    await enroll(client, gid("Official", first.id), gid("Cohort", cohort.id))

    result = await enroll(client, gid("Official", second.id), gid("Cohort", cohort.id))

    assert error_codes(result) == [("cohortId", "COHORT_FULL")]
    assert await Enrollment.all().count() == 1


@pytest.mark.parametrize(
    ("official_id", "code"),
    [
        ("not-an-id", "INVALID_ID"),
        (gid("Cohort", 1), "INVALID_ID"),
        (gid("Official", 999999), "NOT_FOUND"),
    ],
)
async def test_bad_official_ids_name_the_field(client, official_id, code):
    cohort = await factories.cohort()

    result = await enroll(client, official_id, gid("Cohort", cohort.id))

    assert error_codes(result) == [("officialId", code)]
    assert await Enrollment.all().count() == 0


@pytest.mark.postgres_only
async def test_two_racing_enrollments_make_one(client):
    official = await factories.official()
    cohort = await factories.cohort()
    ids = (gid("Official", official.id), gid("Cohort", cohort.id))

    results = await asyncio.gather(*(enroll(client, *ids) for _ in range(4)))

    assert sum(1 for r in results if r["enrollment"]) == 1
    assert sorted(e["code"] for r in results for e in r["errors"]) == ["ALREADY_ENROLLED"] * 3
    assert await Enrollment.all().count() == 1


@pytest.mark.postgres_only
async def test_racing_enrollments_never_overfill_a_cohort(client):
    cohort = await factories.cohort(capacity=2)
    officials = [
        await factories.official(f"Nguyễn Văn {n}") for n in ("An", "Bình", "Công", "Dũng")
    ]

    results = await asyncio.gather(
        *(enroll(client, gid("Official", o.id), gid("Cohort", cohort.id)) for o in officials)
    )

    assert sum(1 for r in results if r["enrollment"]) == 2
    assert await Enrollment.filter(cohort_id=cohort.id).count() == 2
