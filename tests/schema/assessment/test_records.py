"""A cohort's statistics and the officials' results by year (the annual-evaluation record)."""

from __future__ import annotations

from core.models import Result
from core.models.enums import CohortStatus
from core.services.access import OPERATOR
from core.services.enrollments import enroll_official
from core.services.results import finalise
from tests import factories
from tests.factories import gid
from tests.fixtures.plugins import registry_with
from tests.helpers import count_queries, graphql_data
from tests.schema.assessment.test_results import completed_cohort

STATISTICS = """
query($id: ID!) { node(id: $id) { ... on Cohort { statistics {
  eligible registered registrationRate completed
  bands { band count } units { eligible registered orgUnit { name } }
} } } }
"""
ANNUAL = """
query($unit: ID!, $year: Int!) {
  officials(filter: {orgUnitId: $unit}, first: 50) {
    totalCount
    edges { node { fullName results(year: $year) { score band completed cohort { name } } } }
  }
}
"""


async def test_a_cohorts_registration_bands_and_coverage(client, db):
    cohort, _ = await completed_cohort()
    unit = await cohort.org_unit
    # one more eligible Party secretary in another commune of the district, not enrolled
    await factories.official("Ma Văn Tường", org_unit=await factories.commune("Xã Tân Thành", unit))
    await finalise(OPERATOR, cohort.id, {})

    data = await graphql_data(client, STATISTICS, {"id": gid("Cohort", cohort.id)})

    statistics = data["node"]["statistics"]
    assert (statistics["eligible"], statistics["registered"]) == (4, 3)
    assert statistics["registrationRate"] == "0.7500"
    assert statistics["completed"] == 1
    assert statistics["bands"] == [
        {"band": "Giỏi", "count": 1},
        {"band": "Khá", "count": 0},
        {"band": "Trung bình", "count": 0},
        {"band": "Yếu", "count": 2},
    ]
    units = {u["orgUnit"]["name"]: (u["eligible"], u["registered"]) for u in statistics["units"]}
    assert units == {"Xã Vĩnh Hảo": (3, 3), "Xã Tân Thành": (1, 0)}


async def test_bands_wait_for_final_results(client, db):
    cohort = await factories.cohort(status=CohortStatus.OPEN)
    await enroll_official(OPERATOR, (await factories.official()).id, cohort.id)

    data = await graphql_data(client, STATISTICS, {"id": gid("Cohort", cohort.id)})

    statistics = data["node"]["statistics"]
    assert (statistics["registered"], statistics["bands"], statistics["completed"]) == (
        1,
        None,
        None,
    )


async def test_the_annual_record_lists_every_official_with_that_years_results(client, db):
    cohort, (an, _, _) = await completed_cohort()  # ends in 2019
    await finalise(OPERATOR, cohort.id, {})
    commune = await (await an.official).org_unit

    in_2019 = await graphql_data(client, ANNUAL, {"unit": gid("OrgUnit", commune.id), "year": 2019})
    in_2020 = await graphql_data(client, ANNUAL, {"unit": gid("OrgUnit", commune.id), "year": 2020})

    records = {e["node"]["fullName"]: e["node"]["results"] for e in in_2019["officials"]["edges"]}
    assert records["Học viên 000"] == [
        {"score": "9.40", "band": "Giỏi", "completed": True, "cohort": {"name": cohort.name}}
    ]
    assert len(records) == 3
    assert all(e["node"]["results"] == [] for e in in_2020["officials"]["edges"])


async def test_the_annual_record_costs_the_same_for_10_or_100_officials(client, db):
    async def district_with(size: int):
        cohort = await factories.cohort("peoples_committee")
        commune = await factories.commune(within=await cohort.org_unit)
        await factories.roster(cohort, size, commune)
        await factories.advance(cohort.id, CohortStatus.COMPLETED)
        await finalise(OPERATOR, cohort.id, registry_with().schemes())
        return commune

    small, large = await district_with(10), await district_with(100)
    with count_queries() as ten:
        await graphql_data(client, ANNUAL, {"unit": gid("OrgUnit", small.id), "year": 2019})
    with count_queries() as hundred:
        data = await graphql_data(client, ANNUAL, {"unit": gid("OrgUnit", large.id), "year": 2019})

    assert data["officials"]["totalCount"] == 100
    assert await Result.all().count() == 110
    assert hundred.count == ten.count


async def test_statistics_cost_the_same_for_10_or_500_learners(client, db):
    async def finalised(size: int) -> str:
        cohort = await factories.cohort("peoples_committee")
        await factories.roster(cohort, size, await factories.commune(within=await cohort.org_unit))
        await factories.advance(cohort.id, CohortStatus.COMPLETED)
        await finalise(OPERATOR, cohort.id, registry_with().schemes())
        return gid("Cohort", cohort.id)

    small, large = await finalised(10), await finalised(500)
    with count_queries() as ten:
        await graphql_data(client, STATISTICS, {"id": small})
    with count_queries() as five_hundred:
        data = await graphql_data(client, STATISTICS, {"id": large})

    assert data["node"]["statistics"]["registered"] == 500
    assert five_hundred.count == ten.count
