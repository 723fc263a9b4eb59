"""The query cost analysis: how many objects an operation can return, bounded before it runs.

Connections count their page (``first``, else the maximum page size), plain lists their declared
maximum, single objects 1; nested counts multiply and siblings add (see docs/limits.md).
"""

from __future__ import annotations

from typing import Any

import pytest
import strawberry
from graphql import GraphQLSchema, get_introspection_query

from core.hookspecs import hookimpl
from core.limits import (
    MAX_CHILDREN_PER_ORG_UNIT,
    MAX_PLUGINS,
    MAX_TOPICS_PER_TRACK,
    MAX_USER_ERRORS,
)
from core.plugins import PluginError
from core.settings import Settings
from schema.build import build_schema
from schema.limits import list_bound
from schema.pagination import Connection
from schema.validation import (
    CheckedDocument,
    QueryLimits,
    check_document,
    cost_exceeded_error,
    undeclared_list_fields,
)
from tests.conftest import builtin_registry
from tests.fixtures.plugins import plugin_info, registry_with

LIMITS = QueryLimits()
PAGE = LIMITS.max_page_size


@pytest.fixture(scope="module")
def schema() -> GraphQLSchema:
    return build_schema(builtin_registry(), Settings())._schema


def checked(schema: GraphQLSchema, source: str, limits: QueryLimits = LIMITS) -> CheckedDocument:
    result = check_document(schema, source, limits)
    assert result.errors == [], [error.message for error in result.errors]
    return result


def cost(
    schema: GraphQLSchema,
    source: str,
    variables: dict[str, Any] | None = None,
    operation_name: str | None = None,
) -> int:
    return checked(schema, source).operation_cost(operation_name, variables or {})


# --------------------------------------------------------------------------------------------
# Connections, lists and single objects
# --------------------------------------------------------------------------------------------

OFFICIALS_PAGE = """
query Page($first: Int) {
  officials(first: $first) {
    totalCount
    edges { cursor node { fullName orgUnit { name } post { title } } }
    pageInfo { hasNextPage endCursor }
  }
}
"""


def test_a_connection_counts_its_first_argument(schema):
    # the connection 1, each node 1
    assert cost(schema, "{ officials(first: 10) { edges { node { fullName } } } }") == 1 + 10


def test_a_connection_without_first_counts_the_maximum_page_size(schema):
    assert cost(schema, "{ officials { edges { node { fullName } } } }") == 1 + PAGE


def test_scalars_and_the_connection_alone_count_nothing_but_the_connection(schema):
    assert cost(schema, "{ officials { totalCount } }") == 1
    assert cost(schema, "{ __typename plugins { id } }") == MAX_PLUGINS


def test_a_page_of_officials_with_their_unit_and_post_is_far_within_the_limit(schema):
    # then each of the 100 officials counts 3 (itself, its unit, its post), plus the
    # connection and its pageInfo
    page = cost(schema, OFFICIALS_PAGE, {"first": 100})

    assert page == 1 + 100 * 3 + 1
    assert page * 100 < LIMITS.max_cost


@pytest.mark.parametrize(
    ("variables", "page"),
    [
        ({"first": 7}, 7),
        ({}, PAGE),
        ({"first": None}, PAGE),
        ({"first": "x"}, PAGE),
        ({"first": True}, PAGE),
        ({"first": 2.5}, PAGE),
        ({"first": -5}, 0),
        ({"first": 10_000}, PAGE),
    ],
)
def test_a_variable_page_size_is_read_from_each_request(schema, variables, page):
    document = checked(schema, OFFICIALS_PAGE)

    assert document.operation_cost("Page", variables) == 1 + page * 3 + 1


def test_a_variable_default_value_is_the_page_size_when_the_variable_is_absent(schema):
    source = "query($n: Int = 5) { officials(first: $n) { edges { node { fullName } } } }"

    assert cost(schema, source) == 1 + 5
    assert cost(schema, source, {"n": 9}) == 1 + 9


def test_nested_counts_multiply_and_siblings_add(schema):
    source = """
    {
      officials(first: 10) { edges { node { orgUnit { children { name } } post { title } } } }
      tracks(first: 2) { edges { node { topics { code } } } }
    }
    """
    officials = 1 + 10 * (1 + (1 + MAX_CHILDREN_PER_ORG_UNIT) + 1)
    tracks = 1 + 2 * (1 + MAX_TOPICS_PER_TRACK)

    assert cost(schema, source) == officials + tracks


def test_plain_lists_count_their_declared_maximum(schema):
    source = '{ node(id: "x") { ... on Track { topics { code } } } }'

    assert cost(schema, source) == 1 + MAX_TOPICS_PER_TRACK


def test_node_counts_its_costliest_type(schema):
    # given node() asking a track's topics, or an official's unit's children
    source = """
    query($id: ID!) {
      node(id: $id) {
        id
        ... on Track { topics { code } }
        ... on Official { orgUnit { children { name } } }
      }
    }
    """

    # then one object is one type: the costlier branch counts, not both
    assert cost(schema, source) == 1 + max(MAX_TOPICS_PER_TRACK, 1 + MAX_CHILDREN_PER_ORG_UNIT)


def test_a_mutation_payload_counts_its_errors_list(schema):
    source = """
    mutation {
      createTopic(input: {trackId: "x", code: "A", title: "B"}) {
        topic { code }
        errors { field code }
      }
    }
    """

    assert cost(schema, source) == 1 + 1 + MAX_USER_ERRORS


def test_four_nested_track_topics_are_refused_by_cost(schema):
    # given the 180-byte query that grew the server past 4.8 GB
    source = (
        "{ tracks { edges { node { topics { track { topics { track { topics { track "
        "{ topics { code } } } } } } } } } } }"
    )

    assert len(source) < 200
    assert cost(schema, source) > LIMITS.max_cost


def test_the_cost_error_says_the_cost_and_the_limit():
    error = cost_exceeded_error(123_456, LIMITS)

    assert error.extensions == {
        "code": "QUERY_TOO_COSTLY",
        "cost": 123_456,
        "limit": LIMITS.max_cost,
    }
    assert "123456" in error.message
    assert str(LIMITS.max_cost) in error.message


# --------------------------------------------------------------------------------------------
# Fragments and operations
# --------------------------------------------------------------------------------------------


def test_fragments_cost_what_their_selections_cost_where_spread(schema):
    inline = """
    query($n: Int) {
      officials(first: $n) { edges { node { orgUnit { name } } } pageInfo { hasNextPage } }
      a: tracks(first: 3) { edges { node { topics { code } } } }
    }
    """
    fragments = """
    query($n: Int) { officials(first: $n) { ...Page } a: tracks(first: 3) { ...Tracks } }
    fragment Page on OfficialConnection { edges { ...Edge } pageInfo { hasNextPage } }
    fragment Edge on OfficialEdge { node { orgUnit { name } } }
    fragment Tracks on TrackConnection { edges { node { topics { code } } } }
    """

    for variables in ({}, {"n": 4}):
        assert cost(schema, fragments, variables) == cost(schema, inline, variables)


def test_a_fragment_is_planned_once_however_often_it_is_spread(schema):
    # given 40 fragments, each spreading the next twice and asking the plugins: 2**41 - 1
    # expanded paths (the selection limit is lifted to reach the cost analysis)
    lines = ["query Fan { ...F0 }"]
    for index in range(40):
        lines.append(
            f"fragment F{index} on Query {{ plugins {{ id }} ...F{index + 1} "
            f"... on Query {{ ...F{index + 1} }} }}"
        )
    lines.append("fragment F40 on Query { plugins { id } }")
    limits = QueryLimits(max_selections=10**15)

    document = checked(schema, "\n".join(lines), limits)

    # then the plan has a few steps per fragment, and the cost counts every path
    assert document.plan is not None
    assert len(document.plan.steps) <= 3 * 41
    assert document.operation_cost("Fan", {}) == MAX_PLUGINS * (2**41 - 1)


def test_each_operation_of_a_document_has_its_cost(schema):
    source = """
    query Small { officials(first: 1) { edges { node { fullName } } } }
    query Large { officials(first: 50) { edges { node { fullName } } } }
    """
    document = checked(schema, source)

    assert document.operation_cost("Small", {}) == 2
    assert document.operation_cost("Large", {}) == 51
    # an unknown or missing name is execution's to refuse
    assert document.operation_cost("Other", {}) == 0
    assert document.operation_cost(None, {}) == 0


def test_a_document_with_errors_costs_nothing(schema):
    assert check_document(schema, "{ nope }", LIMITS).operation_cost(None, {}) == 0


def test_introspection_counts_what_the_schema_holds(schema):
    graphiql = cost(schema, get_introspection_query(descriptions=True))
    types = len(schema.type_map)
    fields = sum(len(getattr(type_, "fields", {})) for type_ in schema.type_map.values())

    assert types + fields < graphiql < LIMITS.max_cost / 10


def test_nested_introspection_is_refused(schema):
    # given a field's type's fields' type's fields …: each step fans out to the largest type
    nested = "{ __schema { types { " + "fields { type { " * 3 + "name" + " } }" * 3 + " } } }"

    # then graphql-core's introspection depth rule refuses it (its cost would be counted too)
    result = check_document(schema, nested, LIMITS)
    assert [error.extensions["code"] for error in result.errors] == ["GRAPHQL_VALIDATION_FAILED"]
    assert "introspection depth" in result.errors[0].message


# --------------------------------------------------------------------------------------------
# Plugin fields and declared maxima
# --------------------------------------------------------------------------------------------


@strawberry.type(description="A land parcel of a commune's cadastral map.")
class LandOfficerParcel:
    number: str = strawberry.field(description="Parcel and map sheet numbers.")

    @strawberry.field(description="Parcels sharing a border.", metadata=list_bound(8))
    def neighbours(self) -> list[LandOfficerParcel]:
        return []


@strawberry.type
class LandOfficerQueries:
    @strawberry.field(description="Parcels under dispute.", metadata=list_bound(20))
    def land_officer_disputed(self) -> list[LandOfficerParcel]:
        return []

    @strawberry.field(description="All parcels, a page at a time.")
    def land_officer_parcels(self, first: int | None = None) -> Connection[LandOfficerParcel]:
        raise NotImplementedError


class LandOfficerGraphQL:
    @hookimpl
    def plugin_info(self):
        return plugin_info("land_officer")

    @hookimpl
    def register_query_fields(self):
        return [LandOfficerQueries]


@strawberry.type(description="A note kept by a careless plugin.")
class CarelessNote:
    text: str = strawberry.field(description="The note.")


@strawberry.type
class CarelessQueries:
    @strawberry.field(description="Notes, with no declared maximum.")
    def careless_notes(self) -> list[CarelessNote]:
        return []


class CarelessGraphQL:
    @hookimpl
    def plugin_info(self):
        return plugin_info("careless")

    @hookimpl
    def register_query_fields(self):
        return [CarelessQueries]


def test_plugin_fields_are_costed_like_core_fields():
    plugin_schema = build_schema(registry_with(LandOfficerGraphQL()), Settings())._schema

    disputed = cost(plugin_schema, "{ landOfficerDisputed { number neighbours { number } } }")
    page = cost(
        plugin_schema,
        "query($n: Int) { landOfficerParcels(first: $n) "
        "{ edges { node { neighbours { number } } } } }",
        {"n": 3},
    )

    assert disputed == 20 * (1 + 8)
    assert page == 1 + 3 * (1 + 8)


def test_the_built_schema_declares_the_maximum_of_every_plain_list(schema):
    assert undeclared_list_fields(schema) == []


def test_a_plugin_list_without_a_declared_maximum_stops_start_up():
    with pytest.raises(PluginError, match=r"Query\.carelessNotes \(plugin 'careless'\)"):
        build_schema(registry_with(CarelessGraphQL()), Settings())
