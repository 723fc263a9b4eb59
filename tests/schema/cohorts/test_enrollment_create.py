"""enrollOfficial: eligibility, open cohort, capacity, duplicates (also racing), bad IDs."""

from __future__ import annotations

import asyncio

import pytest

from core.models import Enrollment
from core.models.enums import CohortStatus, OfficialStatus
from core.services.access import OPERATOR
from core.services.cohorts import advance_cohort
from core.services.enrollments import withdraw_enrollment
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


async def test_reports_a_malformed_official_id_with_a_malformed_cohort_id(client):
    result = await enroll(client, gid("Enrollment", 1), "not-an-id")

    assert result["enrollment"] is None
    assert error_codes(result) == [("officialId", "INVALID_ID"), ("cohortId", "INVALID_ID")]
    assert result["errors"][0]["message"] == (
        f"{gid('Enrollment', 1)!r} is the ID of an Enrollment, not of an Official."
    )
    assert await Enrollment.all().count() == 0


async def test_reports_every_problem_found_at_once(client):
    # given an official on leave and a cohort that is not open yet
    official = await factories.official(status=OfficialStatus.ON_LEAVE)
    cohort = await factories.cohort(status=CohortStatus.PLANNED)
    # when
    result = await enroll(client, gid("Official", official.id), gid("Cohort", cohort.id))
    # then both are said, each as the API spells its status
    assert result["enrollment"] is None
    assert result["errors"] == [
        {
            "field": "cohortId",
            "code": "COHORT_NOT_OPEN",
            "message": "The cohort is PLANNED; officials enroll only while it is OPEN.",
        },
        {
            "field": "officialId",
            "code": "NOT_ELIGIBLE",
            "message": "The official is ON_LEAVE; only ACTIVE officials enroll.",
        },
    ]
    assert await Enrollment.all().count() == 0


async def test_reports_an_unknown_official_with_an_unknown_cohort(client):
    result = await enroll(client, gid("Official", 999999), gid("Cohort", 999999))

    assert error_codes(result) == [("cohortId", "NOT_FOUND"), ("officialId", "NOT_FOUND")]
    assert await Enrollment.all().count() == 0


@pytest.mark.parametrize("running", [CohortStatus.OPEN, CohortStatus.IN_PROGRESS])
async def test_refuses_an_official_already_in_a_running_cohort_of_the_track(client, running):
    # given an official enrolled in a running cohort of the party committee track
    official = await factories.official()
    first = await factories.cohort(name="Khóa xuân 2019", status=CohortStatus.OPEN)
    await enroll(client, gid("Official", official.id), gid("Cohort", first.id))
    await advance_cohort(OPERATOR, first.id, running)
    second = await factories.cohort(name="Khóa thu 2019", status=CohortStatus.OPEN)
    # when they are enrolled in another cohort of the same track
    result = await enroll(client, gid("Official", official.id), gid("Cohort", second.id))
    # then it is refused, naming the cohort they are in
    assert result["enrollment"] is None
    assert result["errors"] == [
        {
            "field": "officialId",
            "code": "ALREADY_IN_TRACK",
            "message": 'The official is already enrolled in "Khóa xuân 2019", a cohort of the '
            f"same track that is {running.name}; withdraw them there first.",
        }
    ]
    assert await Enrollment.filter(cohort_id=second.id).count() == 0


async def test_a_completed_or_withdrawn_place_in_the_track_does_not_stop_an_enrollment(client):
    # given an official who completed one cohort of the track and left another
    official = await factories.official()
    done = await factories.cohort(name="Khóa 2018", status=CohortStatus.OPEN)
    left = await factories.cohort(name="Khóa xuân 2019", status=CohortStatus.OPEN)
    await enroll(client, gid("Official", official.id), gid("Cohort", done.id))
    await advance_cohort(OPERATOR, done.id, CohortStatus.COMPLETED)
    await enroll(client, gid("Official", official.id), gid("Cohort", left.id))
    await withdraw_enrollment(OPERATOR, (await Enrollment.get(cohort_id=left.id)).id, "Ốm")
    other = await factories.cohort(name="Khóa thu 2019", status=CohortStatus.OPEN)
    # when they enroll in a third
    result = await enroll(client, gid("Official", official.id), gid("Cohort", other.id))
    # then nothing stands in the way
    assert result["errors"] == []
