"""check_document: parse, the linear limit checks, graphql-core's rules and the merge rule.

Each hostile document of issue 5 is refused (or accepted) with the error it deserves; none is
timed here (``bench/document_checks.py`` prints the timings), but each would take seconds to
minutes with the checks strawberry's limiters make.
"""

from __future__ import annotations

import pytest
from graphql import (
    GraphQLSchema,
    OverlappingFieldsCanBeMergedRule,
    get_introspection_query,
    parse,
    validate,
)

from core.settings import Settings
from schema.build import build_schema
from schema.field_merging import MergeBudgetExceededError, overlapping_field_errors
from schema.validation import CheckedDocument, QueryLimits, check_document
from tests.conftest import builtin_registry
from tests.documents import fan_out

LIMITS = QueryLimits()


@pytest.fixture(scope="module")
def schema() -> GraphQLSchema:
    return build_schema(builtin_registry(), Settings())._schema


def codes(checked: CheckedDocument) -> list[str]:
    return [error.extensions["code"] for error in checked.errors]


def only_error(checked: CheckedDocument, code: str) -> str:
    """The message of the document's single error, which must have ``code``."""
    assert codes(checked) == [code], [error.message for error in checked.errors]
    return checked.errors[0].message


# --------------------------------------------------------------------------------------------
# Parsing and graphql-core's rules
# --------------------------------------------------------------------------------------------


def test_a_valid_document_has_no_errors(schema):
    checked = check_document(schema, "{ plugins { id name } }", LIMITS)

    assert checked.errors == []
    assert checked.document is not None


def test_a_syntax_error_is_a_parse_failure_that_does_not_echo_the_document(schema):
    source = "{ officials(first: 5) { edges { node { " + "fullName " * 500 + "} } "

    message = only_error(check_document(schema, source, LIMITS), "GRAPHQL_PARSE_FAILED")

    assert message.startswith("Syntax Error")
    assert len(message) < 200
    assert check_document(schema, source, LIMITS).document is None


def test_too_many_tokens_is_a_parse_failure(schema):
    source = "{ " + "__typename " * 4001 + "}"

    message = only_error(check_document(schema, source, LIMITS), "GRAPHQL_PARSE_FAILED")

    assert "4000 tokens" in message


def test_graphql_core_rules_report_validation_failures(schema):
    checked = check_document(schema, "{ plugins { nope } }", LIMITS)

    message = only_error(checked, "GRAPHQL_VALIDATION_FAILED")
    assert "nope" in message


# --------------------------------------------------------------------------------------------
# Linear checks
# --------------------------------------------------------------------------------------------


def test_two_thousand_aliased_typenames_are_refused_before_graphql_core(schema):
    # given 2000 `aN: __typename` at one level (more tokens than the default allows, so the
    # token limit is raised to reach the next check)
    source = "{ " + " ".join(f"a{index}: __typename" for index in range(2000)) + " }"

    checked = check_document(schema, source, QueryLimits(max_tokens=10_000))

    message = only_error(checked, "QUERY_TOO_COMPLEX")
    assert "2000 selections" in message
    assert "maximum is 100" in message


def test_a_response_key_repeated_at_one_level_is_refused(schema):
    five = check_document(schema, "{ " + "a: __typename " * 5 + "}", LIMITS)
    six = check_document(schema, "{ " + "a: __typename " * 6 + "}", LIMITS)

    assert five.errors == []
    message = only_error(six, "QUERY_TOO_COMPLEX")
    assert "'a' appears more than 5 times" in message


def test_a_fragment_spread_repeatedly_at_one_level_is_refused(schema):
    source = "{ " + "...P " * 6 + "} fragment P on Query { plugins { id } }"

    message = only_error(check_document(schema, source, LIMITS), "QUERY_TOO_COMPLEX")

    assert "'P' is spread more than 5 times" in message


def test_the_selections_of_a_document_are_bounded(schema):
    # given 30 fields of 80 selections each: each level is within bounds, the whole is not
    inner = " ".join(f"f{index}" for index in range(80))
    source = "{ " + " ".join(f"x{index}: plugins {{ {inner} }}" for index in range(30)) + " }"

    checked = check_document(schema, source, QueryLimits(max_tokens=10_000, max_aliases=100))

    message = only_error(checked, "QUERY_TOO_COMPLEX")
    assert "more than 2000 selections" in message


def test_the_fragments_of_a_document_are_bounded(schema):
    fragments = " ".join(f"fragment F{index} on Query {{ __typename }}" for index in range(101))

    message = only_error(
        check_document(schema, "{ __typename } " + fragments, LIMITS), "QUERY_TOO_COMPLEX"
    )

    assert "more than 100 fragments" in message


@pytest.mark.parametrize("fragments", [23, 40, 100])
def test_a_fan_out_of_fragments_is_refused(schema, fragments):
    # given fragments spreading the next one twice, which strawberry's limiters expand on
    # every path (13 s for 23 fragments)
    checked = check_document(schema, fan_out(fragments), QueryLimits(max_fragments=200))

    # then the expanded selection count, computed once per fragment, refuses it
    message = only_error(checked, "QUERY_TOO_COMPLEX")
    assert "more than 2000 selections once its fragments are expanded" in message


def test_a_small_fan_out_of_fragments_is_valid(schema):
    assert check_document(schema, fan_out(5), LIMITS).errors == []


def test_a_fragment_cycle_is_refused_without_expanding_it(schema):
    # given fragments spreading each other in a fan-out that closes a cycle
    source = fan_out(30).replace(
        "fragment F30 on Query { __typename }", "fragment F30 on Query { ...F0 }"
    )

    message = only_error(check_document(schema, source, LIMITS), "GRAPHQL_VALIDATION_FAILED")

    assert "within itself" in message


def nested_children(depth: int) -> str:
    """A query ``depth`` levels deep: orgUnits, edges, node, then children."""
    return (
        "{ orgUnits { edges { node { " + "children { " * (depth - 3) + "name" + " }" * depth + " }"
    )


def test_depth_is_bounded_in_the_document(schema):
    assert check_document(schema, nested_children(12), LIMITS).errors == []

    message = only_error(check_document(schema, nested_children(13), LIMITS), "QUERY_TOO_COMPLEX")

    assert "more than 12 levels deep" in message


@pytest.mark.parametrize(
    ("levels", "code"), [(100, "QUERY_TOO_COMPLEX"), (1000, "GRAPHQL_PARSE_FAILED")]
)
def test_deep_nesting_is_refused_without_recursion(schema, levels, code):
    source = "{ " + "a { " * levels + "b" + " }" * levels + " }"

    assert codes(check_document(schema, source, QueryLimits(max_tokens=5000))) == [code]


def test_depth_counts_fragments_each_visited_once(schema):
    # given 13 levels, one per fragment, each fragment spread twice by the one above
    lines = ["{ orgUnits { ...U0 } }"]
    lines.append("fragment U0 on OrgUnitConnection { edges { ...U1 } edges { ...U1 } }")
    lines.append("fragment U1 on OrgUnitEdge { node { ...U2 } node { ...U2 } }")
    for index in range(2, 12):
        lines.append(
            f"fragment U{index} on OrgUnit {{ children {{ ...U{index + 1} }} "
            f"children {{ ...U{index + 1} }} }}"
        )
    lines.append("fragment U12 on OrgUnit { name }")
    source = "\n".join(lines)

    checked = check_document(schema, source, LIMITS)

    message = only_error(checked, "QUERY_TOO_COMPLEX")
    assert "nested 13 levels deep" in message


def test_aliases_count_every_place_a_fragment_is_spread(schema):
    # given a fragment with 4 aliases spread in 8 places: 32 aliases run
    fragment = "fragment P on Plugin { a: id b: name c: version d: source }"
    spreads = " ".join(f"p{index}: plugins {{ ...P }}" for index in range(8))

    message = only_error(
        check_document(schema, f"{{ {spreads} }} {fragment}", LIMITS), "QUERY_TOO_COMPLEX"
    )
    thirty = " ".join(f"p{index}: plugins {{ id }}" for index in range(30))

    assert "more than 30 aliases" in message
    assert check_document(schema, f"{{ {thirty} }}", LIMITS).errors == []


def test_graphiql_introspection_passes_every_check(schema):
    checked = check_document(schema, get_introspection_query(descriptions=True), LIMITS)

    assert checked.errors == []


# --------------------------------------------------------------------------------------------
# The merge rule (linear replacement of OverlappingFieldsCanBeMergedRule)
# --------------------------------------------------------------------------------------------

MERGE_CASES = [
    "{ plugins { id } plugins { name } }",
    "{ plugins { x: id x: name } }",
    "{ officials(first: 1) { totalCount } officials(first: 2) { totalCount } }",
    "{ officials(first: 1) { totalCount } officials(first: 1) { totalCount } }",
    "query($a: Int, $b: Int) { officials(first: $a) { totalCount } "
    "officials(first: $b) { totalCount } }",
    '{ node(id: "x") { ... on Track { code } ... on Topic { code } } }',
    '{ node(id: "x") { ... on Track { x: code } ... on Topic { x: title } } }',
    '{ node(id: "x") { ... on Track { x: code } ... on Track { x: title } } }',
    '{ node(id: "x") { ... on Track { x: active } ... on Topic { x: code } } }',
    '{ node(id: "x") { id ... on Node { x: id } ... on Track { x: code } } }',
    '{ node(id: "x") { ... on Track { t: topics { code } } '
    "... on Official { t: enrollments { id } } } }",
    '{ node(id: "x") { ... on Track { t: topics { x: code } } '
    "... on Official { t: enrollments { x: id } } } }",
    "{ tracks { edges { node { ...A ...B } } } } fragment A on Track { topics { c: code } } "
    "fragment B on Track { topics { c: title } }",
    "{ tracks { edges { node { ...A ...B } } } } fragment A on Track { topics { c: code } } "
    "fragment B on Track { topics { c: code } }",
    "{ tracks { edges { node { topics(includeInactive: true) { code } ...B } } } } "
    "fragment B on Track { topics { title } }",
    "{ plugins { id } ... on Query { plugins: tracks { totalCount } } }",
]


@pytest.mark.parametrize("source", MERGE_CASES)
def test_the_merge_rule_agrees_with_graphql_core(schema, source):
    document = parse(source)
    expected = validate(schema, document, [OverlappingFieldsCanBeMergedRule])

    found = overlapping_field_errors(schema, document, budget=10_000)

    assert bool(found) == bool(expected), (found, expected)


def test_a_merge_conflict_is_a_validation_failure(schema):
    checked = check_document(schema, "{ plugins { x: id x: name } }", LIMITS)

    message = only_error(checked, "GRAPHQL_VALIDATION_FAILED")
    assert "'plugins.x' conflict" in message


def test_fragments_spreading_the_same_fields_are_valid(schema):
    # given 64 fragments spread in a tree, each leaf spreading the same fields 5 times, which
    # graphql-core's rule compares pair by pair (a third of a second)
    tops = [
        f"fragment T{i} on Official {{ {' '.join(f'...L{i}_{j}' for j in range(8))} }}"
        for i in range(8)
    ]
    leaves = [
        f"fragment L{i}_{j} on Official {{ {'orgUnit { name } ' * 5}}}"
        for i in range(8)
        for j in range(8)
    ]
    spreads = " ".join(f"...T{i}" for i in range(8))
    source = "\n".join([f"{{ officials {{ edges {{ node {{ {spreads} }} }} }} }}", *tops, *leaves])

    assert check_document(schema, source, LIMITS).errors == []


def test_the_merge_rule_stops_at_its_budget(schema):
    document = parse("{ plugins { id name version } }")

    with pytest.raises(MergeBudgetExceededError):
        overlapping_field_errors(schema, document, budget=3)
    assert overlapping_field_errors(schema, document, budget=4) == []
