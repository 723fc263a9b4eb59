"""enrollments (by cohort, official, status) and Official.enrollments, the training record."""

from __future__ import annotations

from datetime import datetime

import pytest

from core.models import Cohort, Enrollment, Official
from core.models.enums import CohortStatus
from core.services.access import OPERATOR
from core.services.cohorts import advance_cohort
from core.services.enrollments import enroll_official, register_topics, withdraw_enrollment
from tests import factories
from tests.factories import gid
from tests.helpers import count_queries, graphql, graphql_data

ENROLLMENTS = """
query Enrollments($filter: EnrollmentFilter, $first: Int, $after: String) {
  enrollments(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id status enrolledAt withdrawnAt
        official { fullName }
        cohort { name }
        topics { code }
      }
    }
  }
}
"""

OFFICIAL_RECORD = """
query OfficialRecord($id: ID!, $first: Int, $after: String) {
  node(id: $id) {
    ... on Official {
      fullName
      enrollments(first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage endCursor }
        edges {
          node {
            id status withdrawnAt
            cohort { name status }
            topics { code title }
          }
        }
      }
    }
  }
}
"""

ENROLLMENT_LISTING = """
query EnrollmentListing {
  enrollments(first: 50) {
    totalCount
    edges {
      node {
        status
        official { fullName orgUnit { name } post { code } }
        cohort { name enrolledCount track { code } }
        topics { code }
      }
    }
  }
}
"""


async def enrollments(client, **variables) -> dict:
    data = await graphql_data(client, ENROLLMENTS, variables)
    return data["enrollments"]


def pairs(connection: dict) -> list[tuple[str, str]]:
    return [
        (edge["node"]["official"]["fullName"], edge["node"]["cohort"]["name"])
        for edge in connection["edges"]
    ]


async def two_cohorts() -> tuple[Cohort, Cohort, Official, Official, Official]:
    """Two cohorts of a track; An in both (withdrawn from the second, which he joined once the
    first was completed: one running cohort of a track at a time), Hoa and Thắng in one each."""
    spring = await factories.cohort(name="Khóa xuân")
    autumn = await factories.cohort(name="Khóa thu")
    an = await factories.official("Nguyễn Văn An")
    hoa = await factories.official("Trần Thị Hoa", post_code="deputy_party_secretary")
    thang = await factories.official("Đặng Đức Thắng")
    await enroll_official(OPERATOR, an.id, spring.id)
    await enroll_official(OPERATOR, hoa.id, spring.id)
    await enroll_official(OPERATOR, thang.id, autumn.id)
    spring = await advance_cohort(OPERATOR, spring.id, CohortStatus.COMPLETED)
    withdrawn = await enroll_official(OPERATOR, an.id, autumn.id)
    await withdraw_enrollment(OPERATOR, withdrawn.id, "Chuyển công tác")
    return spring, autumn, an, hoa, thang


async def test_lists_enrollments_oldest_first(client):
    await two_cohorts()

    result = await enrollments(client)

    assert pairs(result) == [
        ("Nguyễn Văn An", "Khóa xuân"),
        ("Trần Thị Hoa", "Khóa xuân"),
        ("Đặng Đức Thắng", "Khóa thu"),
        ("Nguyễn Văn An", "Khóa thu"),
    ]
    assert result["totalCount"] == 4


async def test_filters_by_cohort(client):
    _, autumn, *_ = await two_cohorts()

    result = await enrollments(client, filter={"cohortId": gid("Cohort", autumn.id)})

    assert pairs(result) == [("Đặng Đức Thắng", "Khóa thu"), ("Nguyễn Văn An", "Khóa thu")]
    assert result["totalCount"] == 2


async def test_filters_by_official(client):
    _, _, an, _, _ = await two_cohorts()

    result = await enrollments(client, filter={"officialId": gid("Official", an.id)})

    assert pairs(result) == [("Nguyễn Văn An", "Khóa xuân"), ("Nguyễn Văn An", "Khóa thu")]


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (["WITHDRAWN"], [("Nguyễn Văn An", "Khóa thu")]),
        (
            ["ENROLLED"],
            [
                ("Nguyễn Văn An", "Khóa xuân"),
                ("Trần Thị Hoa", "Khóa xuân"),
                ("Đặng Đức Thắng", "Khóa thu"),
            ],
        ),
    ],
)
async def test_filters_by_status(client, statuses, expected):
    await two_cohorts()

    result = await enrollments(client, filter={"statuses": statuses})

    assert pairs(result) == expected
    assert {edge["node"]["status"] for edge in result["edges"]} == set(statuses)


async def test_filters_combine(client):
    _, autumn, an, _, _ = await two_cohorts()

    result = await enrollments(
        client,
        filter={
            "cohortId": gid("Cohort", autumn.id),
            "officialId": gid("Official", an.id),
            "statuses": ["ENROLLED"],
        },
    )

    assert result["edges"] == []
    assert result["totalCount"] == 0


async def test_a_withdrawn_enrollment_says_when(client):
    await two_cohorts()

    result = await enrollments(client, filter={"statuses": ["WITHDRAWN"]})

    [edge] = result["edges"]
    enrolled_at = datetime.fromisoformat(edge["node"]["enrolledAt"])
    withdrawn_at = datetime.fromisoformat(edge["node"]["withdrawnAt"])
    assert enrolled_at.utcoffset() is not None
    assert withdrawn_at >= enrolled_at


async def test_enrollment_shows_registered_topics_in_catalogue_order(client):
    cohort = await factories.cohort()
    official = await factories.official()
    enrollment = await enroll_official(OPERATOR, official.id, cohort.id)
    topics = {topic.code: topic.id for topic in await factories.topics()}
    await register_topics(OPERATOR, enrollment.id, (topics["PC04"], topics["PC01"], topics["PC03"]))

    result = await enrollments(client)

    assert [t["code"] for t in result["edges"][0]["node"]["topics"]] == ["PC01", "PC03", "PC04"]


async def test_pages_walk_every_enrollment_once(client):
    await two_cohorts()
    whole = await enrollments(client)

    seen: list[str] = []
    after = None
    while True:
        page = await enrollments(client, first=3, after=after)
        seen += [edge["node"]["id"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]

    assert seen == [edge["node"]["id"] for edge in whole["edges"]]
    assert len(set(seen)) == 4


@pytest.mark.parametrize(
    ("filter", "argument"),
    [
        ({"cohortId": "Khóa xuân"}, "filter.cohortId"),
        ({"cohortId": gid("Official", 1)}, "filter.cohortId"),
        ({"officialId": "1"}, "filter.officialId"),
        ({"officialId": gid("Enrollment", 1)}, "filter.officialId"),
    ],
)
async def test_malformed_ids_are_user_input_errors(client, filter, argument):
    body = await graphql(client, ENROLLMENTS, {"filter": filter})

    assert body["data"] is None
    [error] = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": argument}


# --------------------------------------------------------------------------------------------
# Official.enrollments: the training record
# --------------------------------------------------------------------------------------------


async def test_an_officials_record_lists_every_enrollment_newest_first(client):
    # given: An enrolled in a cohort now closed, withdrawn from another, enrolled in a third
    an = await factories.official("Nguyễn Văn An")
    past = await factories.cohort(name="Khóa 2018")
    left = await factories.cohort(name="Khóa 2019")
    current = await factories.cohort(name="Khóa 2020")
    topics = {topic.code: topic.id for topic in await factories.topics()}
    first = await enroll_official(OPERATOR, an.id, past.id)
    await register_topics(OPERATOR, first.id, (topics["PC02"], topics["PC01"]))
    await factories.advance(past.id, CohortStatus.CLOSED)
    second = await enroll_official(OPERATOR, an.id, left.id)
    await withdraw_enrollment(OPERATOR, second.id, "Chuyển công tác")
    third = await enroll_official(OPERATOR, an.id, current.id)
    # when
    data = await graphql_data(client, OFFICIAL_RECORD, {"id": gid("Official", an.id)})
    # then
    record = [edge["node"] for edge in data["node"]["enrollments"]["edges"]]
    assert data["node"]["enrollments"]["totalCount"] == 3
    assert [(e["id"], e["cohort"]["name"], e["status"]) for e in record] == [
        (gid("Enrollment", third.id), "Khóa 2020", "ENROLLED"),
        (gid("Enrollment", second.id), "Khóa 2019", "WITHDRAWN"),
        (gid("Enrollment", first.id), "Khóa 2018", "ENROLLED"),
    ]
    assert record[2]["cohort"]["status"] == "CLOSED"
    assert [t["code"] for t in record[2]["topics"]] == ["PC01", "PC02"]
    assert record[1]["withdrawnAt"] is not None
    assert record[0]["withdrawnAt"] is None


async def test_an_official_without_enrollments_has_an_empty_record(client):
    official = await factories.official()

    data = await graphql_data(client, OFFICIAL_RECORD, {"id": gid("Official", official.id)})

    assert data["node"]["fullName"] == "Hoàng Văn Nhiên"
    assert data["node"]["enrollments"]["edges"] == []
    assert data["node"]["enrollments"]["totalCount"] == 0
    assert data["node"]["enrollments"]["pageInfo"]["hasNextPage"] is False


async def test_the_record_is_the_officials_own(client):
    _, _, an, hoa, _ = await two_cohorts()

    data = await graphql_data(client, OFFICIAL_RECORD, {"id": gid("Official", hoa.id)})

    [edge] = data["node"]["enrollments"]["edges"]
    entry = edge["node"]
    assert entry["cohort"]["name"] == "Khóa xuân"
    assert await Enrollment.filter(official_id=an.id).count() == 2


# --------------------------------------------------------------------------------------------
# Query count
# --------------------------------------------------------------------------------------------


async def enrolled(count: int) -> None:
    cohort = await factories.cohort(capacity=50)
    topics = await factories.topics()
    for n in range(count):
        official = await factories.official(f"Nguyễn Văn {n:02d}")
        enrollment = await enroll_official(OPERATOR, official.id, cohort.id)
        await register_topics(OPERATOR, enrollment.id, (topics[n % 5].id,))


async def test_query_count_does_not_grow_with_the_enrollments(client):
    # given
    await enrolled(2)
    with count_queries() as few:
        few_data = await graphql_data(client, ENROLLMENT_LISTING)
    await enrolled(10)
    # when
    with count_queries() as many:
        many_data = await graphql_data(client, ENROLLMENT_LISTING)
    # then
    assert (few_data["enrollments"]["totalCount"], many_data["enrollments"]["totalCount"]) == (
        2,
        12,
    )
    assert few.count > 0
    assert many.count == few.count
