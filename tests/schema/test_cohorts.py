"""cohorts: filters, order, pages, enrolledCount, hostAgencies, nextStatuses, query count."""

from __future__ import annotations

import base64
import json
from datetime import date

import pytest

from core.models import HostAgency, OrgUnit, Programme, Track
from core.models.enums import AgencyBloc, CohortStatus, OrgLevel
from core.services.access import OPERATOR
from core.services.cohorts import CohortChanges, update_cohort
from core.services.enrollments import enroll_official, withdraw_enrollment
from core.services.records import create_org_unit
from tests import factories
from tests.factories import gid
from tests.helpers import count_queries, graphql, graphql_data

COHORTS = """
query Cohorts($filter: CohortFilter, $orderBy: CohortOrder, $first: Int, $after: String) {
  cohorts(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id name startsOn endsOn capacity status track { code } } }
  }
}
"""

COHORT_DETAILS = """
query CohortDetails {
  cohorts(first: 50) {
    totalCount
    edges {
      node {
        name
        status
        nextStatuses
        enrolledCount
        track { code posts { code } }
        programme { title orgUnit { name } }
        hostAgencies { code name orgUnit { name } }
      }
    }
  }
}
"""


async def cohorts(client, **variables) -> dict:
    data = await graphql_data(client, COHORTS, variables)
    return data["cohorts"]


def cursor(payload: list) -> str:
    """A cursor as the server builds it, for forging malformed ones."""
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode()


def names(connection: dict) -> list[str]:
    return [edge["node"]["name"] for edge in connection["edges"]]


async def district() -> OrgUnit:
    province = await create_org_unit("02", "Tỉnh Hà Giang", OrgLevel.PROVINCE)
    return await create_org_unit("034", "Huyện Bắc Quang", OrgLevel.DISTRICT, province)


async def host_agency(code: str, name: str, unit: OrgUnit) -> HostAgency:
    return await HostAgency.create(code=code, name=name, bloc=AgencyBloc.PARTY, org_unit=unit)


async def programme(code: str, unit: OrgUnit) -> Programme:
    return await Programme.create(
        code=code,
        title="Đề án đào tạo cán bộ xã theo hình thức học việc",
        org_unit=unit,
        start_year=2019,
        end_year=2021,
    )


async def a_year_of_cohorts() -> None:
    """Five cohorts of three tracks, in four statuses, starting on four days."""
    await factories.cohort(
        "party_committee", CohortStatus.OPEN, name="Bí thư khóa 1", starts_on=date(2019, 3, 4)
    )
    await factories.cohort(
        "party_committee", CohortStatus.CLOSED, name="Bí thư khóa 2", starts_on=date(2019, 5, 6)
    )
    await factories.cohort(
        "peoples_committee",
        CohortStatus.PLANNED,
        name="Chủ tịch khóa 1",
        starts_on=date(2019, 5, 6),
    )
    await factories.cohort(
        "peoples_committee",
        CohortStatus.IN_PROGRESS,
        name="Chủ tịch khóa 2",
        starts_on=date(2019, 6, 3),
    )
    await factories.cohort(
        "civil_servant_police",
        CohortStatus.OPEN,
        name="Công an khóa 1",
        starts_on=date(2019, 1, 7),
    )


async def track_ids(*codes: str) -> list[str]:
    return [gid("Track", (await Track.get(code=code)).id) for code in codes]


# --------------------------------------------------------------------------------------------
# Filters
# --------------------------------------------------------------------------------------------


async def test_lists_cohorts_by_first_day(client):
    await a_year_of_cohorts()

    result = await cohorts(client)

    assert [(e["node"]["name"], e["node"]["startsOn"]) for e in result["edges"]] == [
        ("Công an khóa 1", "2019-01-07"),
        ("Bí thư khóa 1", "2019-03-04"),
        ("Bí thư khóa 2", "2019-05-06"),
        ("Chủ tịch khóa 1", "2019-05-06"),
        ("Chủ tịch khóa 2", "2019-06-03"),
    ]
    assert result["totalCount"] == 5


async def test_filters_by_tracks(client):
    await a_year_of_cohorts()

    result = await cohorts(
        client,
        filter={"trackIds": await track_ids("peoples_committee", "civil_servant_police")},
    )

    assert names(result) == ["Công an khóa 1", "Chủ tịch khóa 1", "Chủ tịch khóa 2"]
    assert result["totalCount"] == 3


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (["OPEN"], ["Công an khóa 1", "Bí thư khóa 1"]),
        (["PLANNED", "IN_PROGRESS"], ["Chủ tịch khóa 1", "Chủ tịch khóa 2"]),
        (["COMPLETED"], []),
        (["CLOSED"], ["Bí thư khóa 2"]),
    ],
)
async def test_filters_by_statuses(client, statuses, expected):
    await a_year_of_cohorts()

    result = await cohorts(client, filter={"statuses": statuses})

    assert names(result) == expected
    assert {edge["node"]["status"] for edge in result["edges"]} <= set(statuses)


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        ({"startsFrom": "2019-05-06"}, ["Bí thư khóa 2", "Chủ tịch khóa 1", "Chủ tịch khóa 2"]),
        (
            {"startsUntil": "2019-05-06"},
            ["Công an khóa 1", "Bí thư khóa 1", "Bí thư khóa 2", "Chủ tịch khóa 1"],
        ),
        ({"startsFrom": "2019-03-04", "startsUntil": "2019-03-04"}, ["Bí thư khóa 1"]),
        ({"startsFrom": "2019-03-05", "startsUntil": "2019-05-05"}, []),
        ({"startsFrom": "2019-06-04"}, []),
    ],
)
async def test_filters_by_first_day_bounds_included(client, window, expected):
    await a_year_of_cohorts()

    result = await cohorts(client, filter=window)

    assert names(result) == expected
    assert result["totalCount"] == len(expected)


async def test_filters_combine(client):
    await a_year_of_cohorts()

    result = await cohorts(
        client,
        filter={
            "trackIds": await track_ids("party_committee"),
            "statuses": ["OPEN", "CLOSED"],
            "startsFrom": "2019-04-01",
        },
    )

    assert names(result) == ["Bí thư khóa 2"]


async def test_filters_by_programme(client):
    unit = await district()
    first = await programme("DA-2019", unit)
    second = await programme("DA-2022", unit)
    in_first = await factories.cohort(name="Khóa trong Đề án 2019")
    in_second = await factories.cohort(name="Khóa trong Đề án 2022")
    await factories.cohort(name="Khóa ngoài Đề án")
    await update_cohort(OPERATOR, in_first.id, CohortChanges(programme_id=first.id))
    await update_cohort(OPERATOR, in_second.id, CohortChanges(programme_id=second.id))

    result = await cohorts(client, filter={"programmeId": gid("Programme", first.id)})

    assert names(result) == ["Khóa trong Đề án 2019"]


# --------------------------------------------------------------------------------------------
# Order and pages
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("order_by", "expected"),
    [
        (
            {"field": "STARTS_ON"},
            [
                "Công an khóa 1",
                "Bí thư khóa 1",
                "Bí thư khóa 2",
                "Chủ tịch khóa 1",
                "Chủ tịch khóa 2",
            ],
        ),
        (
            # same first day (2019-05-06): the later-created cohort first
            {"field": "STARTS_ON", "direction": "DESC"},
            [
                "Chủ tịch khóa 2",
                "Chủ tịch khóa 1",
                "Bí thư khóa 2",
                "Bí thư khóa 1",
                "Công an khóa 1",
            ],
        ),
        (
            {"field": "NAME", "direction": "DESC"},
            [
                "Công an khóa 1",
                "Chủ tịch khóa 2",
                "Chủ tịch khóa 1",
                "Bí thư khóa 2",
                "Bí thư khóa 1",
            ],
        ),
    ],
)
async def test_orders_cohorts(client, order_by, expected):
    await a_year_of_cohorts()

    result = await cohorts(client, orderBy=order_by)

    assert names(result) == expected


@pytest.mark.parametrize(
    "order_by",
    [
        {"field": "STARTS_ON", "direction": "ASC"},
        {"field": "STARTS_ON", "direction": "DESC"},
        {"field": "NAME", "direction": "ASC"},
        {"field": "NAME", "direction": "DESC"},
    ],
)
async def test_pages_walk_every_cohort_once(client, order_by):
    # given: ties on both keys
    await a_year_of_cohorts()
    await factories.cohort(name="Chủ tịch khóa 1", starts_on=date(2019, 5, 6))
    whole = await cohorts(client, orderBy=order_by)
    # when
    seen: list[str] = []
    after = None
    while True:
        page = await cohorts(client, orderBy=order_by, first=2, after=after)
        assert page["totalCount"] == 6
        seen += [edge["node"]["id"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    # then
    assert seen == [edge["node"]["id"] for edge in whole["edges"]]
    assert len(set(seen)) == 6


# --------------------------------------------------------------------------------------------
# Fields
# --------------------------------------------------------------------------------------------


async def test_enrolled_count_leaves_out_withdrawn_officials(client):
    # given: three enrolled, one of them withdrawn; another cohort with nobody
    cohort = await factories.cohort(name="Khóa có học viên")
    await factories.cohort(name="Khóa trống")
    enrollments = [
        await enroll_official(OPERATOR, (await factories.official(name)).id, cohort.id)
        for name in ("Nguyễn Văn An", "Trần Thị Hoa", "Đặng Đức Thắng")
    ]
    await withdraw_enrollment(OPERATOR, enrollments[1].id, "Chuyển công tác")
    # when
    data = await graphql_data(client, COHORT_DETAILS)
    # then
    counts = {e["node"]["name"]: e["node"]["enrolledCount"] for e in data["cohorts"]["edges"]}
    assert counts == {"Khóa có học viên": 2, "Khóa trống": 0}


async def test_lists_host_agencies_by_code_and_the_programme(client):
    # given
    unit = await district()
    first = await host_agency("BQ-BTG", "Ban Tuyên giáo Huyện ủy Bắc Quang", unit)
    second = await host_agency("BQ-BDV", "Ban Dân vận Huyện ủy Bắc Quang", unit)
    await host_agency("BQ-UBKT", "Ủy ban Kiểm tra Huyện ủy Bắc Quang", unit)
    plan = await programme("DA-2019", unit)
    cohort = await factories.cohort(name="Khóa có nơi học việc")
    await update_cohort(
        OPERATOR,
        cohort.id,
        CohortChanges(programme_id=plan.id, host_agency_ids=(first.id, second.id)),
    )
    # when
    data = await graphql_data(client, COHORT_DETAILS)
    # then
    [edge] = data["cohorts"]["edges"]
    assert edge["node"]["hostAgencies"] == [
        {
            "code": "BQ-BDV",
            "name": "Ban Dân vận Huyện ủy Bắc Quang",
            "orgUnit": {"name": "Huyện Bắc Quang"},
        },
        {
            "code": "BQ-BTG",
            "name": "Ban Tuyên giáo Huyện ủy Bắc Quang",
            "orgUnit": {"name": "Huyện Bắc Quang"},
        },
    ]
    assert edge["node"]["programme"] == {
        "title": "Đề án đào tạo cán bộ xã theo hình thức học việc",
        "orgUnit": {"name": "Huyện Bắc Quang"},
    }


async def test_a_cohort_without_hosts_or_programme(client):
    await factories.cohort(name="Khóa chưa có nơi học việc")

    data = await graphql_data(client, COHORT_DETAILS)

    [edge] = data["cohorts"]["edges"]
    assert edge["node"]["hostAgencies"] == []
    assert edge["node"]["programme"] is None
    assert edge["node"]["track"] == {
        "code": "party_committee",
        "posts": [{"code": "deputy_party_secretary"}, {"code": "party_secretary"}],
    }


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (CohortStatus.PLANNED, {"OPEN"}),
        (CohortStatus.OPEN, {"PLANNED", "IN_PROGRESS"}),
        (CohortStatus.IN_PROGRESS, {"COMPLETED"}),
        (CohortStatus.COMPLETED, {"CLOSED"}),
        (CohortStatus.CLOSED, set()),
    ],
)
async def test_next_statuses_follow_the_life_cycle(client, status, expected):
    await factories.cohort(status=status)

    data = await graphql_data(client, COHORT_DETAILS)

    [edge] = data["cohorts"]["edges"]
    assert edge["node"]["status"] == status.name
    assert set(edge["node"]["nextStatuses"]) == expected
    assert len(edge["node"]["nextStatuses"]) == len(expected)


# --------------------------------------------------------------------------------------------
# Bad arguments and query count
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variables", "argument"),
    [
        ({"filter": {"trackIds": ["party_committee"]}}, "filter.trackIds"),
        ({"filter": {"trackIds": [gid("Cohort", 1)]}}, "filter.trackIds"),
        ({"filter": {"programmeId": "DA-2019"}}, "filter.programmeId"),
        ({"first": 51}, "first"),
        # a NAME cursor (a string key) used with the STARTS_ON order
        ({"after": cursor(["Bí thư khóa 1", 1]), "orderBy": {"field": "STARTS_ON"}}, "after"),
    ],
)
async def test_bad_arguments_are_user_input_errors(client, variables, argument):
    await factories.cohort()

    body = await graphql(client, COHORTS, variables)

    assert body["data"] is None
    [error] = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": argument}


async def cohorts_with_everything(unit: OrgUnit, start: int, count: int) -> None:
    """``count`` cohorts, each with a programme, two host agencies and an enrolled official."""
    for n in range(start, start + count):
        plan = await programme(f"DA-{unit.code}-{n}", unit)
        hosts = [
            await host_agency(f"HA-{unit.code}-{n}-{k}", f"Ban {k} Huyện ủy", unit) for k in (1, 2)
        ]
        cohort = await factories.cohort(name=f"Khóa {n}", starts_on=date(2019, 1, 1 + n))
        await update_cohort(
            OPERATOR,
            cohort.id,
            CohortChanges(programme_id=plan.id, host_agency_ids=tuple(h.id for h in hosts)),
        )
        await enroll_official(OPERATOR, (await factories.official()).id, cohort.id)


async def test_query_count_does_not_grow_with_the_cohorts(client):
    # given
    unit = await district()
    await cohorts_with_everything(unit, 0, 2)
    with count_queries() as few:
        few_data = await graphql_data(client, COHORT_DETAILS)
    await cohorts_with_everything(unit, 2, 8)
    # when
    with count_queries() as many:
        many_data = await graphql_data(client, COHORT_DETAILS)
    # then
    assert (few_data["cohorts"]["totalCount"], many_data["cohorts"]["totalCount"]) == (2, 10)
    assert all(len(e["node"]["hostAgencies"]) == 2 for e in many_data["cohorts"]["edges"])
    assert all(e["node"]["enrolledCount"] == 1 for e in many_data["cohorts"]["edges"])
    assert few.count > 0
    assert many.count == few.count
