"""Cohort.enrollmentsByOrgUnit and Cohort.topicDemand: counts by the database, per viewer."""

from __future__ import annotations

from core.limits import MAX_COHORT_CAPACITY
from core.models import OrgUnit
from core.models.enums import OrgLevel, Role
from core.services.access import OPERATOR
from core.services.enrollments import enroll_official, register_topics, withdraw_enrollment
from core.services.records import create_org_unit
from tests import factories
from tests.factories import gid
from tests.helpers import count_queries, graphql_data

COUNTS = """
query Counts {
  cohorts(first: 20) {
    edges {
      node {
        name
        enrollmentsByOrgUnit { count orgUnit { name } }
        topicDemand { registered topic { code } }
      }
    }
  }
}
"""

COHORT_COUNTS = """
query CohortCounts($id: ID!) {
  node(id: $id) {
    ... on Cohort {
      enrollmentsByOrgUnit { count orgUnit { name } }
      topicDemand { registered topic { code } }
    }
  }
}
"""


async def bac_quang() -> dict[str, OrgUnit]:
    district = await create_org_unit("034", "Huyện Bắc Quang", OrgLevel.DISTRICT)
    return {
        "district": district,
        "vinh_hao": await create_org_unit("01192", "Xã Vĩnh Hảo", OrgLevel.COMMUNE, district),
        "viet_quang": await create_org_unit(
            "01195", "Thị trấn Việt Quang", OrgLevel.TOWNSHIP, district
        ),
    }


async def enrolled(cohort_id: int, unit: OrgUnit, name: str, topics: tuple[int, ...] = ()) -> int:
    official = await factories.official(name, org_unit=unit)
    enrollment = await enroll_official(OPERATOR, official.id, cohort_id)
    if topics:
        await register_topics(OPERATOR, enrollment.id, topics)
    return enrollment.id


async def test_counts_enrollments_per_commune_and_topic_demand(client):
    # given a cohort with two officials of Việt Quang, one of Vĩnh Hảo, and one withdrawn
    units = await bac_quang()
    cohort = await factories.cohort(org_unit=units["district"])
    pc = [topic.id for topic in await factories.topics()]
    await enrolled(cohort.id, units["viet_quang"], "Nguyễn Văn An", (pc[0], pc[2]))
    await enrolled(cohort.id, units["viet_quang"], "Trần Văn Bình", (pc[2],))
    await enrolled(cohort.id, units["vinh_hao"], "Lò Thị Chi", (pc[2], pc[3]))
    gone = await enrolled(cohort.id, units["vinh_hao"], "Đặng Văn Dũng", (pc[0],))
    await withdraw_enrollment(OPERATOR, gone, "Chuyển công tác")
    # when
    data = await graphql_data(client, COHORT_COUNTS, {"id": gid("Cohort", cohort.id)})
    # then per org unit by path (01192 before 01195), withdrawn ones left out
    assert data["node"]["enrollmentsByOrgUnit"] == [
        {"count": 1, "orgUnit": {"name": "Xã Vĩnh Hảo"}},
        {"count": 2, "orgUnit": {"name": "Thị trấn Việt Quang"}},
    ]
    # and every topic of the catalogue in its order, zeros included
    demand = [(item["topic"]["code"], item["registered"]) for item in data["node"]["topicDemand"]]
    codes = [topic.code for topic in await factories.topics()]
    assert [code for code, _ in demand] == codes
    assert dict(demand) == {code: 0 for code in codes} | {codes[0]: 1, codes[2]: 3, codes[3]: 1}


async def test_a_commune_viewer_counts_only_what_they_may_read(sign_in_as):
    # given a district's cohort with officials of two communes
    units = await bac_quang()
    cohort = await factories.cohort(org_unit=units["district"])
    pc = [topic.id for topic in await factories.topics()]
    await enrolled(cohort.id, units["viet_quang"], "Nguyễn Văn An", (pc[0],))
    await enrolled(cohort.id, units["viet_quang"], "Trần Văn Bình", (pc[0],))
    await enrolled(cohort.id, units["vinh_hao"], "Lò Thị Chi", (pc[0], pc[1]))
    viewer = await sign_in_as("lanh.dao.vh", (Role.VIEWER, units["vinh_hao"]))
    # when Vĩnh Hảo's viewer (who reads the cohort through their official) asks
    data = await graphql_data(viewer, COHORT_COUNTS, {"id": gid("Cohort", cohort.id)})
    # then they count their own commune's enrollments only
    assert data["node"]["enrollmentsByOrgUnit"] == [
        {"count": 1, "orgUnit": {"name": "Xã Vĩnh Hảo"}}
    ]
    registered = {d["topic"]["code"]: d["registered"] for d in data["node"]["topicDemand"]}
    assert sum(registered.values()) == 2
    assert max(registered.values()) == 1


async def test_the_statements_do_not_grow_with_cohorts_or_rows(client):
    # given one cohort with one official
    units = await bac_quang()
    pc = [topic.id for topic in await factories.topics()]

    async def cohort_of(size: int, name: str) -> None:
        cohort = await factories.cohort(name=name, org_unit=units["district"], capacity=size)
        for n in range(size):
            unit = units["vinh_hao"] if n % 2 else units["viet_quang"]
            await enrolled(cohort.id, unit, f"{name} {n:02d}", (pc[n % 5],))

    await cohort_of(1, "Khóa A")
    with count_queries() as few:
        few_data = await graphql_data(client, COUNTS)
    # when there are four cohorts with more officials and registrations (each official in
    # one cohort: one running cohort of a track at a time)
    for name in ("Khóa B", "Khóa C", "Khóa D"):
        await cohort_of(6, name)
    with count_queries() as many:
        many_data = await graphql_data(client, COUNTS)
    # then the same number of statements
    assert len(many_data["cohorts"]["edges"]) == 4
    assert len(few_data["cohorts"]["edges"]) == 1
    assert few.count == many.count


async def test_a_capacity_over_the_maximum_is_refused(client):
    unit = await factories.district()
    track = await factories.topics()
    data = await graphql_data(
        client,
        """mutation($input: CreateCohortInput!) { createCohort(input: $input) {
             cohort { id } errors { field code message } } }""",
        {
            "input": {
                "name": "Khóa lớn",
                "trackId": gid("Track", track[0].track_id),
                "startsOn": "2019-05-06",
                "endsOn": "2019-07-19",
                "capacity": MAX_COHORT_CAPACITY + 1,
                "orgUnitId": gid("OrgUnit", unit.id),
            }
        },
    )
    assert data["createCohort"]["errors"] == [
        {
            "field": "capacity",
            "code": "INVALID",
            "message": "The capacity must be at most 500 (501 given).",
        }
    ]
