"""updateCohort: partial changes of an editable cohort; locked cohorts, bad values and IDs."""

from __future__ import annotations

import unicodedata

import pytest

from core.models import Cohort, HostAgency, OrgUnit, Programme
from core.models.enums import AgencyBloc, CohortStatus, OrgLevel
from core.services.access import OPERATOR
from core.services.enrollments import enroll_official, withdraw_enrollment
from core.services.records import create_org_unit
from tests import factories
from tests.factories import gid
from tests.helpers import error_codes, graphql_data

UPDATE_COHORT = """
mutation UpdateCohort($input: UpdateCohortInput!) {
  updateCohort(input: $input) {
    cohort {
      id name startsOn endsOn capacity status enrolledCount
      track { code }
      programme { code }
      hostAgencies { code }
    }
    errors { field message code }
  }
}
"""


async def district(code: str = "D-BQ") -> OrgUnit:
    return await create_org_unit(code, "Huyện Bắc Quang", OrgLevel.DISTRICT)


async def host_agency(code: str, unit: OrgUnit, name: str = "Ban Tổ chức Huyện ủy") -> HostAgency:
    return await HostAgency.create(code=code, name=name, bloc=AgencyBloc.PARTY, org_unit=unit)


async def programme(code: str, unit: OrgUnit) -> Programme:
    return await Programme.create(
        code=code, title="Đề án đào tạo cán bộ xã", org_unit=unit, start_year=2016, end_year=2020
    )


async def enrolled(cohort: Cohort, count: int) -> None:
    """Enroll ``count`` new party secretaries in an open cohort."""
    for n in range(count):
        official = await factories.official(f"Nguyễn Văn {n}")
        await enroll_official(OPERATOR, official.id, cohort.id)


async def update(client, cohort_id: str, **fields) -> dict:
    data = await graphql_data(client, UPDATE_COHORT, {"input": {"cohortId": cohort_id, **fields}})
    return data["updateCohort"]


async def stored() -> list[tuple[dict, list[int]]]:
    """Every cohort row with the ids of its host agencies, as the database has them."""
    return [
        (row, sorted(await HostAgency.filter(cohorts__id=row["id"]).values_list("id", flat=True)))
        for row in await Cohort.all().order_by("id").values()
    ]


async def test_changes_every_given_field(client):
    # given
    unit = await district()
    cohort = await factories.cohort(status=CohortStatus.OPEN, capacity=10)
    plan = await programme("DA-2016", unit)
    agency = await host_agency("BTC", unit)
    # when
    result = await update(
        client,
        gid("Cohort", cohort.id),
        name=unicodedata.normalize("NFD", "Khóa học việc Bí thư Đảng ủy xã"),
        startsOn="2019-06-03",
        endsOn="2019-08-30",
        capacity=15,
        programmeId=gid("Programme", plan.id),
        hostAgencyIds=[gid("HostAgency", agency.id)],
    )
    # then
    assert result["errors"] == []
    assert result["cohort"] == {
        "id": gid("Cohort", cohort.id),
        "name": "Khóa học việc Bí thư Đảng ủy xã",
        "startsOn": "2019-06-03",
        "endsOn": "2019-08-30",
        "capacity": 15,
        "status": "OPEN",
        "enrolledCount": 0,
        "track": {"code": "party_committee"},
        "programme": {"code": "DA-2016"},
        "hostAgencies": [{"code": "BTC"}],
    }
    row = await Cohort.get(id=cohort.id)
    assert row.name == unicodedata.normalize("NFC", "Khóa học việc Bí thư Đảng ủy xã")
    assert (str(row.starts_on), str(row.ends_on), row.capacity, row.programme_id) == (
        "2019-06-03",
        "2019-08-30",
        15,
        plan.id,
    )
    assert [a.code for a in await row.host_agencies.all()] == ["BTC"]


async def test_omitted_fields_stay_as_they_are(client):
    unit = await district()
    plan = await programme("DA-2016", unit)
    agency = await host_agency("BTC", unit)
    cohort = await factories.cohort(capacity=10, name="Khóa học việc 2019")
    await update(
        client,
        gid("Cohort", cohort.id),
        programmeId=gid("Programme", plan.id),
        hostAgencyIds=[gid("HostAgency", agency.id)],
    )

    result = await update(client, gid("Cohort", cohort.id), capacity=20)

    assert result["errors"] == []
    assert result["cohort"]["name"] == "Khóa học việc 2019"
    assert (result["cohort"]["startsOn"], result["cohort"]["endsOn"]) == (
        "2019-05-06",
        "2019-07-19",
    )
    assert result["cohort"]["capacity"] == 20
    assert result["cohort"]["programme"] == {"code": "DA-2016"}
    assert result["cohort"]["hostAgencies"] == [{"code": "BTC"}]


async def test_host_agencies_are_replaced_and_an_empty_list_clears_them(client):
    unit = await district()
    btc, btg, mttq = [await host_agency(code, unit) for code in ("BTC", "BTG", "MTTQ")]
    cohort = await factories.cohort()
    ids = [gid("HostAgency", a.id) for a in (btc, btg)]
    await update(client, gid("Cohort", cohort.id), hostAgencyIds=ids)

    replaced = await update(
        client, gid("Cohort", cohort.id), hostAgencyIds=[gid("HostAgency", mttq.id)]
    )
    cleared = await update(client, gid("Cohort", cohort.id), hostAgencyIds=[])

    assert replaced["cohort"]["hostAgencies"] == [{"code": "MTTQ"}]
    assert cleared["cohort"]["hostAgencies"] == []
    assert await (await Cohort.get(id=cohort.id)).host_agencies.all().count() == 0


@pytest.mark.parametrize(
    "status", [CohortStatus.PLANNED, CohortStatus.OPEN, CohortStatus.IN_PROGRESS]
)
async def test_a_cohort_is_editable_until_it_completes(client, status):
    cohort = await factories.cohort(status=status)

    result = await update(client, gid("Cohort", cohort.id), name="Khóa học việc khóa II")

    assert result["errors"] == []
    assert (await Cohort.get(id=cohort.id)).name == "Khóa học việc khóa II"


async def test_capacity_may_equal_the_number_enrolled(client):
    cohort = await factories.cohort(capacity=5)
    await enrolled(cohort, 2)

    result = await update(client, gid("Cohort", cohort.id), capacity=2)

    assert result["errors"] == []
    assert (await Cohort.get(id=cohort.id)).capacity == 2


async def test_withdrawn_officials_do_not_hold_a_place(client):
    cohort = await factories.cohort(capacity=5)
    await enrolled(cohort, 2)
    first = await cohort.enrollments.all().order_by("id").first()
    await withdraw_enrollment(OPERATOR, first.id, "Chuyển công tác")

    result = await update(client, gid("Cohort", cohort.id), capacity=1)

    assert result["errors"] == []
    assert result["cohort"]["enrolledCount"] == 1
    assert (await Cohort.get(id=cohort.id)).capacity == 1


@pytest.mark.parametrize("status", [CohortStatus.COMPLETED, CohortStatus.CLOSED])
async def test_refuses_to_edit_a_completed_or_closed_cohort(client, status):
    cohort = await factories.cohort(status=status)
    before = await stored()

    result = await update(client, gid("Cohort", cohort.id), name="Khóa học việc khóa II")

    assert result["cohort"] is None
    assert error_codes(result) == [("cohortId", "COHORT_LOCKED")]
    assert await stored() == before


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"name": ""}, [("name", "REQUIRED")]),
        ({"name": "  "}, [("name", "REQUIRED")]),
        ({"endsOn": "2019-05-05"}, [("endsOn", "INVALID")]),
        ({"startsOn": "2019-07-20"}, [("endsOn", "INVALID")]),
        ({"startsOn": "2019-08-01", "endsOn": "2019-07-31"}, [("endsOn", "INVALID")]),
        ({"capacity": 0}, [("capacity", "INVALID")]),
        ({"capacity": 1}, [("capacity", "CAPACITY_BELOW_ENROLLED")]),
        (
            {"name": "", "endsOn": "2019-01-01", "capacity": 0},
            [("name", "REQUIRED"), ("endsOn", "INVALID"), ("capacity", "INVALID")],
        ),
    ],
    ids=[
        "empty-name",
        "blank-name",
        "ends-before-start",
        "starts-after-end",
        "both-dates",
        "zero-capacity",
        "below-enrolled",
        "all",
    ],
)
async def test_refuses_bad_values_and_changes_nothing(client, changes, expected):
    # given a cohort 2019-05-06 .. 2019-07-19 with two officials enrolled
    cohort = await factories.cohort(capacity=10)
    await enrolled(cohort, 2)
    before = await stored()
    # when
    result = await update(client, gid("Cohort", cohort.id), **changes)
    # then (the order of the problems is not part of the contract)
    assert result["cohort"] is None
    assert sorted(error_codes(result)) == sorted(expected)
    assert await stored() == before


@pytest.mark.parametrize(
    ("cohort_id", "code"),
    [
        ("not-an-id", "INVALID_ID"),
        (gid("Track", 1), "INVALID_ID"),
        (gid("Cohort", 999999), "NOT_FOUND"),
    ],
    ids=["malformed", "other-type", "unknown"],
)
async def test_bad_cohort_ids_name_the_field(client, cohort_id, code):
    await factories.cohort()
    before = await stored()

    result = await update(client, cohort_id, name="Khóa học việc khóa II")

    assert result["cohort"] is None
    assert error_codes(result) == [("cohortId", code)]
    assert await stored() == before


@pytest.mark.parametrize(
    ("field", "bad_id", "code"),
    [
        ("programmeId", "not-an-id", "INVALID_ID"),
        ("programmeId", gid("HostAgency", 1), "INVALID_ID"),
        ("programmeId", gid("Programme", 999999), "NOT_FOUND"),
        ("hostAgencyIds", ["not-an-id"], "INVALID_ID"),
        ("hostAgencyIds", [gid("Programme", 1)], "INVALID_ID"),
        ("hostAgencyIds", [gid("HostAgency", 999999)], "NOT_FOUND"),
    ],
    ids=[
        "programme-malformed",
        "programme-other-type",
        "programme-unknown",
        "agency-malformed",
        "agency-other-type",
        "agency-unknown",
    ],
)
async def test_bad_reference_ids_name_the_field_and_keep_the_old_ones(client, field, bad_id, code):
    # given a cohort with a programme and a host agency
    unit = await district()
    plan = await programme("DA-2016", unit)
    agency = await host_agency("BTC", unit)
    cohort = await factories.cohort()
    await update(
        client,
        gid("Cohort", cohort.id),
        programmeId=gid("Programme", plan.id),
        hostAgencyIds=[gid("HostAgency", agency.id)],
    )
    before = await stored()
    # when
    result = await update(
        client, gid("Cohort", cohort.id), name="Khóa học việc khóa II", **{field: bad_id}
    )
    # then
    assert result["cohort"] is None
    assert error_codes(result) == [(field, code)]
    assert await stored() == before
    assert before[0][0]["programme_id"] == plan.id
    assert before[0][1] == [agency.id]


async def test_an_unknown_agency_among_known_ones_changes_nothing(client):
    unit = await district()
    btc, btg = await host_agency("BTC", unit), await host_agency("BTG", unit)
    cohort = await factories.cohort()
    await update(client, gid("Cohort", cohort.id), hostAgencyIds=[gid("HostAgency", btc.id)])
    before = await stored()

    result = await update(
        client,
        gid("Cohort", cohort.id),
        hostAgencyIds=[gid("HostAgency", btg.id), gid("HostAgency", 999999)],
    )

    assert error_codes(result) == [("hostAgencyIds", "NOT_FOUND")]
    assert await stored() == before


async def test_reports_every_problem_of_the_input_at_once_even_for_a_malformed_id(client):
    # given a malformed cohort ID, an unknown programme, a blank name, reversed dates, no
    # capacity and a malformed host agency ID
    await factories.cohort()
    before = await stored()
    # when
    result = await update(
        client,
        "not-an-id",
        name=" ",
        startsOn="2019-08-01",
        endsOn="2019-07-01",
        capacity=0,
        programmeId=gid("Programme", 999999),
        hostAgencyIds=["nope"],
    )
    # then every field's problem is reported, and nothing changed
    assert result["cohort"] is None
    assert sorted(error_codes(result)) == [
        ("capacity", "INVALID"),
        ("cohortId", "INVALID_ID"),
        ("endsOn", "INVALID"),
        ("hostAgencyIds", "INVALID_ID"),
        ("name", "REQUIRED"),
    ]
    assert await stored() == before


async def test_reports_an_unknown_programme_with_an_unknown_cohort(client):
    result = await update(
        client, gid("Cohort", 999999), name="", programmeId=gid("Programme", 999999)
    )

    assert sorted(error_codes(result)) == [
        ("cohortId", "NOT_FOUND"),
        ("name", "REQUIRED"),
        ("programmeId", "NOT_FOUND"),
    ]


async def test_a_locked_cohort_says_its_status_as_the_api_spells_it(client):
    cohort = await factories.cohort(status=CohortStatus.COMPLETED)

    result = await update(client, gid("Cohort", cohort.id), name="Khóa mới")

    assert result["errors"] == [
        {
            "field": "cohortId",
            "code": "COHORT_LOCKED",
            "message": "A cohort that is COMPLETED cannot be edited.",
        }
    ]


async def test_dates_stay_within_the_programmes_period(client):
    # given a cohort of a 2016–2020 programme
    cohort = await factories.cohort()
    plan = await Programme.create(
        code="DA-2016",
        title="Đề án",
        org_unit_id=cohort.org_unit_id,
        start_year=2016,
        end_year=2020,
    )
    await Cohort.filter(id=cohort.id).update(programme_id=plan.id)
    before = await stored()
    # when its end moves past the period
    result = await update(client, gid("Cohort", cohort.id), endsOn="2021-01-10")
    # then
    assert error_codes(result) == [("endsOn", "OUTSIDE_PROGRAMME_PERIOD")]
    assert result["errors"][0]["message"] == (
        "A cohort of programme DA-2016 must end within its period, 2016–2020 (2021-01-10 given)."
    )
    assert await stored() == before


async def test_moving_to_another_programme_checks_its_period(client):
    # given a 2019 cohort and a 2021–2025 programme
    cohort = await factories.cohort()
    later = await Programme.create(
        code="DA-2021",
        title="Đề án",
        org_unit_id=cohort.org_unit_id,
        start_year=2021,
        end_year=2025,
    )
    # when the cohort is moved to it
    result = await update(client, gid("Cohort", cohort.id), programmeId=gid("Programme", later.id))
    # then both dates are outside it
    assert error_codes(result) == [
        ("startsOn", "OUTSIDE_PROGRAMME_PERIOD"),
        ("endsOn", "OUTSIDE_PROGRAMME_PERIOD"),
    ]
    assert (await Cohort.get(id=cohort.id)).programme_id is None
