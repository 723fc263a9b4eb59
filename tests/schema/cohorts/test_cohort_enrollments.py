"""Cohort.enrollments: a cohort's roster as a connection, fetched together for a page of
cohorts, filtered by org unit and status, and limited to what the viewer may read."""

from __future__ import annotations

from core.models.enums import Role
from core.services.access import OPERATOR
from core.services.enrollments import withdraw_enrollment
from tests import factories
from tests.factories import gid
from tests.helpers import count_queries, graphql, graphql_data

COHORTS_WITH_ROSTERS = """
query($first: Int, $filter: CohortEnrollmentFilter, $after: String) {
  cohorts(first: $first) {
    edges { node {
      name
      enrollments(first: 3, filter: $filter, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { status official { fullName orgUnit { name } } } }
      }
    } }
  }
}
"""


async def test_a_page_of_cohorts_gets_each_rosters_first_page(client, db):
    first = await factories.cohort(name="Khóa 1")
    second = await factories.cohort(name="Khóa 2")
    await factories.roster(first, 5)
    await factories.roster(second, 2)

    data = await graphql_data(client, COHORTS_WITH_ROSTERS, {"first": 10})

    rosters = {e["node"]["name"]: e["node"]["enrollments"] for e in data["cohorts"]["edges"]}
    assert rosters["Khóa 1"]["totalCount"] == 5
    assert rosters["Khóa 1"]["pageInfo"]["hasNextPage"] is True
    assert [e["node"]["official"]["fullName"] for e in rosters["Khóa 1"]["edges"]] == [
        "Học viên 000",
        "Học viên 001",
        "Học viên 002",
    ]
    assert rosters["Khóa 2"]["totalCount"] == 2
    assert rosters["Khóa 2"]["pageInfo"]["hasNextPage"] is False


async def test_the_next_page_of_a_roster_follows_its_cursor(client, db):
    cohort = await factories.cohort()
    await factories.roster(cohort, 5)
    data = await graphql_data(client, COHORTS_WITH_ROSTERS, {"first": 1})
    cursor = data["cohorts"]["edges"][0]["node"]["enrollments"]["pageInfo"]["endCursor"]

    after = await graphql_data(client, COHORTS_WITH_ROSTERS, {"first": 1, "after": cursor})

    roster = after["cohorts"]["edges"][0]["node"]["enrollments"]
    assert [e["node"]["official"]["fullName"] for e in roster["edges"]] == [
        "Học viên 003",
        "Học viên 004",
    ]
    assert roster["pageInfo"]["hasNextPage"] is False


async def test_rosters_filter_by_commune_and_status(client, db):
    district = await factories.district()
    vinh_hao = await factories.commune("Xã Vĩnh Hảo", district)
    tan_thanh = await factories.commune("Xã Tân Thành", district)
    cohort = await factories.cohort(org_unit=district)
    await factories.roster(cohort, 2, vinh_hao)
    leaving, _ = await factories.roster(cohort, 2, tan_thanh)
    await withdraw_enrollment(OPERATOR, leaving.id, "Chuyển công tác")

    by_commune = await graphql_data(
        client, COHORTS_WITH_ROSTERS, {"filter": {"orgUnitId": gid("OrgUnit", tan_thanh.id)}}
    )
    by_status = await graphql_data(
        client, COHORTS_WITH_ROSTERS, {"filter": {"statuses": ["WITHDRAWN"]}}
    )
    whole_district = await graphql_data(
        client, COHORTS_WITH_ROSTERS, {"filter": {"orgUnitId": gid("OrgUnit", district.id)}}
    )

    roster = by_commune["cohorts"]["edges"][0]["node"]["enrollments"]
    assert roster["totalCount"] == 2
    assert {e["node"]["official"]["orgUnit"]["name"] for e in roster["edges"]} == {"Xã Tân Thành"}
    assert by_status["cohorts"]["edges"][0]["node"]["enrollments"]["totalCount"] == 1
    assert whole_district["cohorts"]["edges"][0]["node"]["enrollments"]["totalCount"] == 4


async def test_an_unknown_org_unit_is_a_bad_argument(client, db):
    await factories.cohort()

    response = await graphql(
        client, COHORTS_WITH_ROSTERS, {"filter": {"orgUnitId": gid("OrgUnit", 999999)}}
    )

    [error] = response["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "filter.orgUnitId"}


async def test_a_commune_viewer_sees_only_their_communes_learners(sign_in_as, db):
    district = await factories.district()
    vinh_hao = await factories.commune("Xã Vĩnh Hảo", district)
    cohort = await factories.cohort(org_unit=district)
    await factories.roster(cohort, 2, vinh_hao)
    await factories.roster(cohort, 3, await factories.commune("Xã Tân Thành", district))
    viewer = await sign_in_as("xa.vinh.hao", (Role.VIEWER, vinh_hao))

    data = await graphql_data(viewer, COHORTS_WITH_ROSTERS, {"first": 10})

    [edge] = data["cohorts"]["edges"]
    roster = edge["node"]["enrollments"]
    assert roster["totalCount"] == 2
    assert {e["node"]["official"]["orgUnit"]["name"] for e in roster["edges"]} == {"Xã Vĩnh Hảo"}


async def test_the_statements_do_not_grow_with_cohorts_or_learners(client, db):
    small = await factories.cohort(name="Khóa nhỏ")
    await factories.roster(small, 10)
    with count_queries() as one_small:
        await graphql_data(client, COHORTS_WITH_ROSTERS, {"first": 10})
    for name in ("Khóa lớn 1", "Khóa lớn 2", "Khóa lớn 3"):
        await factories.roster(await factories.cohort(name=name), 500)
    with count_queries() as four:
        data = await graphql_data(client, COHORTS_WITH_ROSTERS, {"first": 10})

    totals = sorted(e["node"]["enrollments"]["totalCount"] for e in data["cohorts"]["edges"])
    assert totals == [10, 500, 500, 500]
    # cohorts, their roster pages (one window statement), the counts, the officials, their units
    assert four.count == one_small.count
