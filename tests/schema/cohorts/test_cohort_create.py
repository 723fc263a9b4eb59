"""createCohort: a PLANNED cohort of an active track; bad names, dates, capacity and IDs."""

from __future__ import annotations

import itertools
import unicodedata

import pytest

from core.limits import MAX_HOST_AGENCIES_PER_COHORT
from core.models import Cohort, HostAgency, OrgUnit, Programme, Track
from core.models.enums import AgencyBloc, OrgLevel
from core.services.records import create_org_unit
from tests.factories import gid
from tests.helpers import error_codes, graphql_data

CREATE_COHORT = """
mutation CreateCohort($input: CreateCohortInput!) {
  createCohort(input: $input) {
    cohort {
      id name startsOn endsOn capacity status nextStatuses enrolledCount
      track { code }
      programme { code title }
      hostAgencies { code name }
    }
    errors { field message code }
  }
}
"""


CODES = itertools.count(1)


async def district(code: str = "D-BQ") -> OrgUnit:
    return await create_org_unit(code, "Huyện Bắc Quang", OrgLevel.DISTRICT)


async def host_agency(code: str, name: str, unit: OrgUnit) -> HostAgency:
    return await HostAgency.create(code=code, name=name, bloc=AgencyBloc.PARTY, org_unit=unit)


async def programme(unit: OrgUnit) -> Programme:
    return await Programme.create(
        code="DA-2016",
        title="Đề án đào tạo cán bộ xã 2016–2020",
        org_unit=unit,
        start_year=2016,
        end_year=2020,
    )


async def create(client, **fields) -> dict:
    data = await graphql_data(client, CREATE_COHORT, {"input": fields})
    return data["createCohort"]


async def party_committee_input(**overrides) -> dict:
    """A valid input for the party committee track; ``overrides`` replace fields."""
    track = await Track.get(code="party_committee")
    fields = {
        "name": "Khóa học việc Đảng ủy xã 2019",
        "trackId": gid("Track", track.id),
        "startsOn": "2019-05-06",
        "endsOn": "2019-07-19",
        "capacity": 12,
        "orgUnitId": gid("OrgUnit", (await district(f"D-{next(CODES)}")).id),
    }
    return fields | overrides


async def stored() -> list[tuple[dict, list[int]]]:
    """Every cohort row with the ids of its host agencies, as the database has them."""
    return [
        (row, sorted(await HostAgency.filter(cohorts__id=row["id"]).values_list("id", flat=True)))
        for row in await Cohort.all().order_by("id").values()
    ]


async def test_creates_a_planned_cohort_with_its_programme_and_host_agencies(client):
    # given
    unit = await district()
    tuyen_giao = await host_agency("BTG", "Ban Tuyên giáo Huyện ủy", unit)
    to_chuc = await host_agency("BTC", "Ban Tổ chức Huyện ủy", unit)
    plan = await programme(unit)
    # when
    result = await create(
        client,
        **await party_committee_input(
            programmeId=gid("Programme", plan.id),
            hostAgencyIds=[gid("HostAgency", tuyen_giao.id), gid("HostAgency", to_chuc.id)],
        ),
    )
    # then
    assert result["errors"] == []
    cohort = result["cohort"]
    assert cohort["name"] == "Khóa học việc Đảng ủy xã 2019"
    assert cohort["status"] == "PLANNED"
    assert cohort["nextStatuses"] == ["OPEN"]
    assert (cohort["startsOn"], cohort["endsOn"], cohort["capacity"]) == (
        "2019-05-06",
        "2019-07-19",
        12,
    )
    assert cohort["enrolledCount"] == 0
    assert cohort["track"] == {"code": "party_committee"}
    assert cohort["programme"] == {
        "code": "DA-2016",
        "title": "Đề án đào tạo cán bộ xã 2016–2020",
    }
    assert cohort["hostAgencies"] == [
        {"code": "BTC", "name": "Ban Tổ chức Huyện ủy"},
        {"code": "BTG", "name": "Ban Tuyên giáo Huyện ủy"},
    ]
    row = await Cohort.get()
    assert cohort["id"] == gid("Cohort", row.id)
    assert (row.name, row.track_id, row.programme_id, row.status.value) == (
        "Khóa học việc Đảng ủy xã 2019",
        (await Track.get(code="party_committee")).id,
        plan.id,
        "planned",
    )
    assert sorted(a.code for a in await row.host_agencies.all()) == ["BTC", "BTG"]


async def test_without_programme_or_host_agencies_they_are_empty(client):
    result = await create(client, **await party_committee_input())

    assert result["errors"] == []
    assert result["cohort"]["programme"] is None
    assert result["cohort"]["hostAgencies"] == []
    assert await Cohort.all().count() == 1


async def test_stores_the_name_in_nfc_with_spaces_collapsed(client):
    decomposed = unicodedata.normalize("NFD", "  Khóa   học việc Đảng ủy xã  ")

    result = await create(client, **await party_committee_input(name=decomposed))

    assert result["cohort"]["name"] == "Khóa học việc Đảng ủy xã"
    row = await Cohort.get()
    assert row.name == unicodedata.normalize("NFC", "Khóa học việc Đảng ủy xã")


async def test_accepts_a_one_day_cohort_for_one_official(client):
    result = await create(
        client,
        **await party_committee_input(startsOn="2019-05-06", endsOn="2019-05-06", capacity=1),
    )

    assert result["errors"] == []
    assert (result["cohort"]["endsOn"], result["cohort"]["capacity"]) == ("2019-05-06", 1)


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"name": ""}, [("name", "REQUIRED")]),
        ({"name": "   "}, [("name", "REQUIRED")]),
        ({"startsOn": "2019-05-06", "endsOn": "2019-05-05"}, [("endsOn", "INVALID")]),
        ({"capacity": 0}, [("capacity", "INVALID")]),
        ({"capacity": -3}, [("capacity", "INVALID")]),
        ({"name": "K" * 201}, [("name", "TOO_LONG")]),
        (
            {"name": " ", "endsOn": "2019-01-01", "capacity": 0},
            [("name", "REQUIRED"), ("endsOn", "INVALID"), ("capacity", "INVALID")],
        ),
    ],
    ids=[
        "empty-name",
        "blank-name",
        "ends-before-starts",
        "zero-capacity",
        "negative",
        "name-too-long",
        "all",
    ],
)
async def test_refuses_bad_fields_and_creates_nothing(client, overrides, expected):
    result = await create(client, **await party_committee_input(**overrides))

    assert result["cohort"] is None
    assert error_codes(result) == expected
    assert await stored() == []


@pytest.mark.parametrize(
    ("track_id", "code"),
    [
        ("not-an-id", "INVALID_ID"),
        (gid("Cohort", 1), "INVALID_ID"),
        ("VHJhY2s6YWJj", "INVALID_ID"),  # "Track:abc"
        (gid("Track", 999999), "NOT_FOUND"),
        (gid("Track", 2**31), "INVALID_ID"),
        (gid("Track", 0), "INVALID_ID"),
    ],
    ids=["malformed", "other-type", "non-numeric", "unknown", "beyond-32-bit", "zero"],
)
async def test_bad_track_ids_name_the_field(client, track_id, code):
    result = await create(client, **await party_committee_input(trackId=track_id))

    assert result["cohort"] is None
    assert error_codes(result) == [("trackId", code)]
    assert await stored() == []


async def test_refuses_an_inactive_track(client):
    await Track.filter(code="party_committee").update(is_active=False)

    result = await create(client, **await party_committee_input())

    assert result["cohort"] is None
    assert error_codes(result) == [("trackId", "TRACK_INACTIVE")]
    assert await stored() == []


@pytest.mark.parametrize(
    ("programme_id", "code"),
    [
        ("not-an-id", "INVALID_ID"),
        (gid("Track", 1), "INVALID_ID"),
        (gid("Programme", 999999), "NOT_FOUND"),
    ],
    ids=["malformed", "other-type", "unknown"],
)
async def test_bad_programme_ids_name_the_field(client, programme_id, code):
    result = await create(client, **await party_committee_input(programmeId=programme_id))

    assert result["cohort"] is None
    assert error_codes(result) == [("programmeId", code)]
    assert await stored() == []


@pytest.mark.parametrize(
    ("bad_id", "code"),
    [
        ("not-an-id", "INVALID_ID"),
        (gid("Programme", 1), "INVALID_ID"),
        (gid("HostAgency", 999999), "NOT_FOUND"),
    ],
    ids=["malformed", "other-type", "unknown"],
)
async def test_bad_host_agency_ids_name_the_field(client, bad_id, code):
    agency = await host_agency("BTG", "Ban Tuyên giáo Huyện ủy", await district())

    result = await create(
        client,
        **await party_committee_input(hostAgencyIds=[gid("HostAgency", agency.id), bad_id]),
    )

    assert result["cohort"] is None
    assert error_codes(result) == [("hostAgencyIds", code)]
    assert await stored() == []


async def test_reports_every_unknown_reference_at_once(client):
    result = await create(
        client,
        **await party_committee_input(
            trackId=gid("Track", 999999),
            programmeId=gid("Programme", 999999),
            hostAgencyIds=[gid("HostAgency", 999999)],
        ),
    )

    assert result["cohort"] is None
    assert error_codes(result) == [
        ("trackId", "NOT_FOUND"),
        ("programmeId", "NOT_FOUND"),
        ("hostAgencyIds", "NOT_FOUND"),
    ]
    assert await stored() == []


async def test_a_refusal_leaves_existing_cohorts_alone(client):
    agency = await host_agency("BTG", "Ban Tuyên giáo Huyện ủy", await district())
    first = await create(
        client, **await party_committee_input(hostAgencyIds=[gid("HostAgency", agency.id)])
    )
    before = await stored()

    result = await create(
        client,
        **await party_committee_input(
            hostAgencyIds=[gid("HostAgency", agency.id)], programmeId=gid("Programme", 999999)
        ),
    )

    assert first["errors"] == []
    assert error_codes(result) == [("programmeId", "NOT_FOUND")]
    assert await stored() == before
    assert len(before) == 1


async def test_takes_host_agencies_up_to_the_declared_maximum(client):
    unit = await district()
    await HostAgency.bulk_create(
        [
            HostAgency(code=f"A{n:02}", name=f"Cơ quan {n}", bloc=AgencyBloc.PARTY, org_unit=unit)
            for n in range(MAX_HOST_AGENCIES_PER_COHORT)
        ]
    )
    ids = [gid("HostAgency", pk) for pk in await HostAgency.all().values_list("id", flat=True)]

    result = await create(client, **await party_committee_input(hostAgencyIds=ids))

    assert result["errors"] == []
    assert len(result["cohort"]["hostAgencies"]) == MAX_HOST_AGENCIES_PER_COHORT


async def test_reports_every_problem_of_the_input_at_once(client):
    # given a malformed track ID, an unknown programme, a blank name, reversed dates and no
    # capacity: every one is reported in the same answer
    result = await create(
        client,
        **await party_committee_input(
            trackId="not-an-id",
            programmeId=gid("Programme", 999999),
            hostAgencyIds=[gid("Official", 1)],
            name="  ",
            startsOn="2019-05-06",
            endsOn="2019-05-01",
            capacity=0,
        ),
    )

    assert result["cohort"] is None
    assert sorted(error_codes(result)) == [
        ("capacity", "INVALID"),
        ("endsOn", "INVALID"),
        ("hostAgencyIds", "INVALID_ID"),
        ("name", "REQUIRED"),
        ("programmeId", "NOT_FOUND"),
        ("trackId", "INVALID_ID"),
    ]
    messages = {error["field"]: error["message"] for error in result["errors"]}
    assert messages["hostAgencyIds"] == (
        f"{gid('Official', 1)!r} is the ID of an Official, not of a HostAgency."
    )
    assert all(message.endswith(".") for message in messages.values())
    assert await stored() == []


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "expected"),
    [
        ("2015-12-01", "2016-02-01", [("startsOn", "OUTSIDE_PROGRAMME_PERIOD")]),
        ("2020-11-01", "2021-01-15", [("endsOn", "OUTSIDE_PROGRAMME_PERIOD")]),
        (
            "2014-01-01",
            "2022-01-01",
            [("startsOn", "OUTSIDE_PROGRAMME_PERIOD"), ("endsOn", "OUTSIDE_PROGRAMME_PERIOD")],
        ),
    ],
    ids=["starts-before", "ends-after", "both"],
)
async def test_a_programmes_cohort_lies_within_its_years(client, starts_on, ends_on, expected):
    plan = await programme(await district())

    result = await create(
        client,
        **await party_committee_input(
            programmeId=gid("Programme", plan.id), startsOn=starts_on, endsOn=ends_on
        ),
    )

    assert result["cohort"] is None
    assert error_codes(result) == expected
    assert result["errors"][0]["message"].startswith(
        "A cohort of programme DA-2016 must start within its period, 2016–2020"
        if expected[0][0] == "startsOn"
        else "A cohort of programme DA-2016 must end within its period, 2016–2020"
    )
    assert await stored() == []


async def test_a_programmes_first_and_last_years_are_within_it(client):
    plan = await programme(await district())

    result = await create(
        client,
        **await party_committee_input(
            programmeId=gid("Programme", plan.id), startsOn="2016-01-01", endsOn="2020-12-31"
        ),
    )

    assert result["errors"] == []
