"""The read pattern (schema/reads.py, schema/pagination.py): batched relations, cursors, counts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from core.models import HostAgency, Post, Programme, Topic, Track
from core.models.enums import AgencyBloc, CohortStatus
from core.services.access import OPERATOR
from core.services.cohorts import advance_cohort
from core.services.enrollments import enroll_official, register_topics
from schema.node import ModelNode
from tests import factories
from tests.factories import gid
from tests.helpers import VIEWER_STATEMENTS, count_queries, graphql, graphql_data

OFFICIALS_WITH_FRAGMENTS = """
fragment Unit on OrgUnit { name parent { name } }
fragment Person on Official { fullName orgUnit { ...Unit } }
query Officials($orderBy: OfficialOrder, $first: Int, $after: String) {
  officials(orderBy: $orderBy, first: $first, after: $after) {
    pageInfo { endCursor }
    edges { node { ...Person ... on Official { post { title } } } }
  }
}
"""

ROSTER = """
query Roster($cohortId: ID!, $first: Int, $after: String) {
  enrollments(filter: { cohortId: $cohortId }, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { status official { fullName orgUnit { name } post { title } } } }
  }
}
"""

OFFICIAL_NODE = """
query Official($id: ID!) { node(id: $id) { ... on Official { fullName orgUnit { name } } } }
"""

ORG_UNITS = """
query OrgUnits($orderBy: OrgUnitOrder) {
  orgUnits(orderBy: $orderBy, first: 1) { pageInfo { endCursor } }
}
"""

RECORDS = """
query Records($first: Int, $after: String) {
  officials(first: 50, orderBy: { field: CREATED }) {
    edges {
      node {
        fullName
        enrollments(first: $first, after: $after) {
          totalCount
          pageInfo { hasNextPage hasPreviousPage endCursor }
          edges { cursor node { cohort { name } official { fullName } } }
        }
      }
    }
  }
}
"""


@pytest.fixture
def fallback_loads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Records every relation resolved through the per-field DataLoader fallback."""
    calls: list[str] = []
    original = ModelNode.load_related.__func__  # type: ignore[attr-defined]

    async def counting(cls: type[ModelNode], info: Any, key: int) -> Any:
        calls.append(cls.__name__)
        return await original(cls, info, key)

    monkeypatch.setattr(ModelNode, "load_related", classmethod(counting))
    yield calls


async def roster(size: int) -> int:
    """A cohort with ``size`` officials, each in a commune of their own; returns its id."""
    cohort = await factories.cohort(capacity=size)
    for n in range(size):
        official = await factories.official(f"Nguyễn Văn {n:02d}")
        await enroll_official(OPERATOR, official.id, cohort.id)
    return cohort.id


# --------------------------------------------------------------------------------------------
# Relations of a page: one batch each, attached, no per-field load
# --------------------------------------------------------------------------------------------


async def test_a_page_resolves_selected_relations_without_a_load_per_field(client, fallback_loads):
    # given three officials in three communes
    for name in ("Nguyễn Văn An", "Trần Thị Hoa", "Lò Văn Pể"):
        await factories.official(name)
    # when a page selects their unit (and its parent) and post through fragments
    with count_queries() as log:
        data = await graphql_data(client, OFFICIALS_WITH_FRAGMENTS)
    # then every relation was attached by the page: no per-field loads
    nodes = [edge["node"] for edge in data["officials"]["edges"]]
    assert [node["fullName"] for node in nodes] == ["Lò Văn Pể", "Nguyễn Văn An", "Trần Thị Hoa"]
    assert {node["orgUnit"]["parent"]["name"] for node in nodes} == {"Huyện Bắc Quang"}
    assert {node["post"]["title"] for node in nodes} == {"Bí thư Đảng ủy"}
    assert fallback_loads == []
    # and, besides who asks, one statement for the page, one per relation of the page: org
    # units (their parents joined in the same statement), posts
    assert log.count == VIEWER_STATEMENTS + 3


async def test_a_roster_page_attaches_officials_and_their_units_and_posts(client, fallback_loads):
    cohort_id = await roster(3)

    with count_queries() as log:
        data = await graphql_data(client, ROSTER, {"cohortId": gid("Cohort", cohort_id)})

    officials = [edge["node"]["official"] for edge in data["enrollments"]["edges"]]
    assert [o["fullName"] for o in officials] == ["Nguyễn Văn 00", "Nguyễn Văn 01", "Nguyễn Văn 02"]
    assert all(o["orgUnit"]["name"] == "Xã Vĩnh Hảo" for o in officials)
    assert fallback_loads == []
    # page, officials (their org units and posts joined in the same statement), totalCount
    assert log.count == VIEWER_STATEMENTS + 3


ROSTER_WITH_UNIT_CHAIN = """
query Roster($cohortId: ID!) {
  enrollments(filter: { cohortId: $cohortId }) {
    edges {
      node { official { orgUnit { name parent { name parent { name parent { name } } } } } }
    }
  }
}
"""


async def test_relations_of_relations_are_joined_level_by_level_down_to_a_null(
    client, fallback_loads
):
    # given a roster whose communes sit in a district in a province (which has no parent)
    cohort_id = await roster(2)
    # when the roster asks for each official's unit and its ancestors
    with count_queries() as log:
        data = await graphql_data(
            client, ROSTER_WITH_UNIT_CHAIN, {"cohortId": gid("Cohort", cohort_id)}
        )
    # then the chain ends in a null parent, every unit attached, none loaded field by field
    units = [edge["node"]["official"]["orgUnit"] for edge in data["enrollments"]["edges"]]
    assert [unit["parent"]["parent"]["parent"] for unit in units] == [None, None]
    assert {unit["parent"]["parent"]["name"] for unit in units} == {"Hà Giang"}
    assert fallback_loads == []
    # page; officials with their units; the units' districts with their provinces (a province's
    # missing parent needs no statement)
    assert log.count == VIEWER_STATEMENTS + 3


async def test_a_node_fetched_alone_falls_back_to_the_loader(client, fallback_loads):
    official = await factories.official("Nguyễn Văn An")

    data = await graphql_data(client, OFFICIAL_NODE, {"id": gid("Official", official.id)})

    assert data["node"] == {"fullName": "Nguyễn Văn An", "orgUnit": {"name": "Xã Vĩnh Hảo"}}
    assert "OrgUnit" in fallback_loads


# --------------------------------------------------------------------------------------------
# Query counts: constant in rows for every list with relations
# --------------------------------------------------------------------------------------------

LISTS_WITH_RELATIONS = {
    "roster": (
        ROSTER,
        lambda ids: {"cohortId": gid("Cohort", ids["cohort"]), "first": 50},
    ),
    "cohorts": (
        "{ cohorts { edges { node { name track { code posts { code } } programme { code "
        "orgUnit { name } } hostAgencies { code orgUnit { name } } enrolledCount } } } }",
        lambda ids: {},
    ),
    "topics": (
        "query($tracks: [ID!]!) { topics(filter: {trackIds: $tracks}) "
        "{ edges { node { code track { code } } } } }",
        lambda ids: {"tracks": [gid("Track", track) for track in ids["tracks"]]},
    ),
    "host agencies": (
        "{ hostAgencies { edges { node { code orgUnit { name parent { name } } } } } }",
        lambda ids: {},
    ),
    "org units": ("{ orgUnits { edges { node { code parent { name } } } } }", lambda ids: {}),
    "programmes": ("{ programmes { edges { node { code orgUnit { name } } } } }", lambda ids: {}),
    "records": (RECORDS, lambda ids: {"first": 2}),
    "tracks": (
        "{ tracks { edges { node { code posts { code } topics { code track { code } } } } } }",
        lambda ids: {},
    ),
}


async def rows_for_every_list(count: int) -> dict[str, int]:
    """``count`` more of everything the lists above show."""
    cohort = await factories.cohort(capacity=count, name=f"Khóa {count}")
    topics = await factories.topics()
    for n in range(count):
        unit = await factories.commune(f"Xã {count}-{n}")
        official = await factories.official(f"Nguyễn Văn {count}-{n}", org_unit=unit)
        enrollment = await enroll_official(OPERATOR, official.id, cohort.id)
        await register_topics(OPERATOR, enrollment.id, (topics[n % 5].id,))
        agency = await HostAgency.create(
            code=f"H{count}-{n}", name="Ban Tổ chức", bloc=AgencyBloc.PARTY, org_unit=unit
        )
        await cohort.host_agencies.add(agency)
        await Topic.create(
            track_id=cohort.track_id, code=f"L{count}-{n}", title="Chuyên đề", search_title="x"
        )
        programme = await Programme.create(
            code=f"P{count}-{n}", title="Đề án", start_year=2020, end_year=2025, org_unit=unit
        )
        cohort.programme_id = programme.id
        await cohort.save(update_fields=["programme_id"])
        track = await Track.create(
            code=f"T{count}-{n}", title="Lộ trình", title_en="Track", plugin_id="local"
        )
        await track.posts.add(*await Post.all())
        await Topic.create(track=track, code="L1", title="Chuyên đề", search_title="x")
    local = await Track.filter(plugin_id="local").values_list("id", flat=True)
    return {"cohort": cohort.id, "tracks": [cohort.track_id, *local]}


@pytest.mark.parametrize("name", LISTS_WITH_RELATIONS)
async def test_statements_per_request_do_not_grow_with_the_rows(client, name):
    document, variables = LISTS_WITH_RELATIONS[name]
    # given a few rows
    ids = await rows_for_every_list(2)
    with count_queries() as few:
        few_data = await graphql_data(client, document, variables(ids))
    # when there are many more
    ids = await rows_for_every_list(8)
    with count_queries() as many:
        many_data = await graphql_data(client, document, variables(ids))
    # then the same statements answer
    assert few_data != many_data
    assert 0 < few.count == many.count


# --------------------------------------------------------------------------------------------
# Official.enrollments: a page per official, in one statement for the page of officials
# --------------------------------------------------------------------------------------------


async def test_each_official_gets_a_page_of_their_record_newest_first(client):
    # given two officials, each enrolled in three cohorts over the years
    cohorts = [
        await factories.cohort(name=f"Khóa {year}", status=CohortStatus.OPEN)
        for year in (2018, 2019, 2020)
    ]
    people = [await factories.official(name) for name in ("Nguyễn Văn An", "Trần Thị Hoa")]
    for cohort in cohorts:  # one running cohort of a track at a time: each completes
        for person in people:
            await enroll_official(OPERATOR, person.id, cohort.id)
        await advance_cohort(OPERATOR, cohort.id, CohortStatus.COMPLETED)
    # when the first page of two of each record is asked for
    first = await graphql_data(client, RECORDS, {"first": 2})
    # then each holds the two newest, with a next page
    records = [edge["node"]["enrollments"] for edge in first["officials"]["edges"]]
    for record, person in zip(records, ("Nguyễn Văn An", "Trần Thị Hoa"), strict=True):
        assert [e["node"]["cohort"]["name"] for e in record["edges"]] == ["Khóa 2020", "Khóa 2019"]
        assert {e["node"]["official"]["fullName"] for e in record["edges"]} == {person}
        assert record["totalCount"] == 3
        assert record["pageInfo"] == {
            "hasNextPage": True,
            "hasPreviousPage": False,
            "endCursor": record["edges"][-1]["cursor"],
        }
    # and the cursor leads to the rest
    rest = await graphql_data(
        client, RECORDS, {"first": 2, "after": records[0]["pageInfo"]["endCursor"]}
    )
    record = rest["officials"]["edges"][0]["node"]["enrollments"]
    assert [e["node"]["cohort"]["name"] for e in record["edges"]] == ["Khóa 2018"]
    assert record["pageInfo"]["hasNextPage"] is False
    assert record["pageInfo"]["hasPreviousPage"] is True


NESTED_ROSTERS = """
{ cohorts(first: 10) { edges { node {
    enrollments(first: 5) { edges { node { official { fullName orgUnit { name } } } } }
} } } }
"""


async def test_nested_pages_attach_their_relations_for_all_parents_at_once(client, fallback_loads):
    # given three cohorts of four learners
    for _ in range(3):
        await factories.roster(await factories.cohort(), 4)
    # when a page of cohorts shows each one's learners and their communes
    with count_queries() as log:
        data = await graphql_data(client, NESTED_ROSTERS)
    # then no official or unit was loaded field by field
    rosters = [edge["node"]["enrollments"]["edges"] for edge in data["cohorts"]["edges"]]
    assert [len(roster) for roster in rosters] == [4, 4, 4]
    assert {e["node"]["official"]["orgUnit"]["name"] for r in rosters for e in r} == {"Xã Vĩnh Hảo"}
    assert fallback_loads == []
    # and besides who asks: the cohorts, all their pages, the officials with their units joined
    assert log.count == VIEWER_STATEMENTS + 3


# --------------------------------------------------------------------------------------------
# A cursor carries its ordering
# --------------------------------------------------------------------------------------------


async def officials_cursor(client, order_by: dict[str, str]) -> str:
    data = await graphql_data(client, OFFICIALS_WITH_FRAGMENTS, {"orderBy": order_by, "first": 1})
    return data["officials"]["pageInfo"]["endCursor"]


@pytest.mark.parametrize(
    ("issued_under", "reused_under"),
    [
        ({"field": "NAME", "direction": "ASC"}, {"field": "NAME", "direction": "DESC"}),
        ({"field": "NAME", "direction": "ASC"}, {"field": "CREATED", "direction": "ASC"}),
        ({"field": "CREATED", "direction": "DESC"}, {"field": "CREATED", "direction": "ASC"}),
        ({"field": "CREATED", "direction": "ASC"}, {"field": "NAME", "direction": "ASC"}),
    ],
)
async def test_a_cursor_reused_under_another_order_is_a_user_input_error(
    client, issued_under, reused_under
):
    for name in ("Nguyễn Văn An", "Trần Thị Hoa"):
        await factories.official(name)
    after = await officials_cursor(client, issued_under)

    body = await graphql(
        client, OFFICIALS_WITH_FRAGMENTS, {"orderBy": reused_under, "first": 1, "after": after}
    )

    [error] = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "after"}
    assert "order" in error["message"]


async def test_a_cursor_of_another_list_is_a_user_input_error(client):
    await factories.official("Nguyễn Văn An")
    data = await graphql_data(client, ORG_UNITS, {"orderBy": {"field": "NAME"}})
    after = data["orgUnits"]["pageInfo"]["endCursor"]

    body = await graphql(
        client, OFFICIALS_WITH_FRAGMENTS, {"orderBy": {"field": "NAME"}, "after": after}
    )

    [error] = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "after"}


async def test_the_same_cursor_under_its_own_order_still_pages(client):
    for name in ("Nguyễn Văn An", "Trần Thị Hoa"):
        await factories.official(name)
    order = {"field": "NAME", "direction": "DESC"}
    after = await officials_cursor(client, order)

    data = await graphql_data(
        client, OFFICIALS_WITH_FRAGMENTS, {"orderBy": order, "first": 1, "after": after}
    )

    assert data["officials"]["edges"][0]["node"]["fullName"] == "Nguyễn Văn An"
