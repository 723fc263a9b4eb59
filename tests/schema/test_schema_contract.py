"""The schema contract: the committed SDL, descriptions everywhere, connections for lists."""

from __future__ import annotations

import re
from collections.abc import Iterator

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLType,
    get_named_type,
    specified_scalar_types,
)

from schema.build import export_sdl
from tests.helpers import ROOT

SCHEMA_FILE = ROOT / "schema" / "schema.graphql"

BOUNDED_LISTS = {
    # the enabled plugins: a handful
    ("Query", "plugins"),
    ("Plugin", "trackCodes"),
    # a unit's establishment: one row per post, about twenty
    ("OrgUnit", "establishment"),
    # the board seats of the signed-in account: a few
    ("Viewer", "boardSeats"),
    ("OrgUnit", "establishment"),
    # a track's posts and topic catalogue: tens at most
    ("Track", "posts"),
    ("Track", "topics"),
    # the units directly below a unit: a few dozen
    ("OrgUnit", "children"),
    # a cohort's hosts and its next statuses
    ("Cohort", "hostAgencies"),
    ("Cohort", "nextStatuses"),
    # a cohort's counts: per org unit of its officials (at most its capacity), per topic of
    # its track (the catalogue)
    ("Cohort", "enrollmentsByOrgUnit"),
    ("Cohort", "topicDemand"),
    # an enrollment's registered topics, and its history (re-enrollments are capped)
    ("Enrollment", "topics"),
    ("Enrollment", "history"),
    # a programme's boards and a board's members
    ("Programme", "boards"),
    ("Board", "members"),
    # an audit entry's error codes (like a payload's errors) and the objects it names
    ("AuditEntry", "errorCodes"),
    ("AuditEntry", "targetIds"),
    # the roles a token is limited to: at most the seven roles
    ("ApiToken", "roles"),
    # the roles an account holds: a few
    ("Viewer", "roles"),
    # activity kinds: the core's seven and a few per plugin
    ("Query", "activityKinds"),
    # a track's practicum items and a learner's progress on them, with their evidence
    ("Track", "practicumItems"),
    ("Enrollment", "practicum"),
    ("PracticumProgress", "evidence"),
    # files attached to a lesson version or a piece of evidence
    ("LessonVersion", "attachments"),
    ("PracticumEvidence", "files"),
    # a lesson's versions (capped) and a version's steps (revisions are capped)
    ("LessonContent", "versions"),
    ("LessonVersion", "steps"),
    # a session's attendance sheet: one line per learner of the cohort, at most
    # MAX_ATTENDANCE_ENTRIES
    ("CohortSession", "attendance"),
    # an assessment scheme's components and bands: a handful each
    ("AssessmentScheme", "components"),
    ("AssessmentScheme", "bands"),
    # a bank question's options (2 to 6) and an import's reported problems (the first 500)
    ("QuestionVersion", "options"),
    ("ImportQuestionsPayload", "problems"),
    # a cohort's tests (a few), a learner's sittings in a cohort, a sitting's questions
    ("Cohort", "tests"),
    ("Enrollment", "testSittings"),
    ("TestSitting", "questions"),
    ("SittingQuestion", "options"),
    # a sheet of scores (a cohort's learners) and a learner's component scores (a few)
    ("EnterScoresPayload", "scores"),
    ("Enrollment", "componentScores"),
    # a result's reasons, components (a scheme's few) and amendments (a handful)
    ("Result", "reasons"),
    ("Result", "components"),
    ("Result", "amendments"),
    # an official's results over the years; a cohort's bands and per-commune coverage
    ("Official", "results"),
    ("CohortStatistics", "bands"),
    ("CohortStatistics", "units"),
    # what a cohort's status change meant besides the new status: a notice or two
    ("ChangeCohortStatusPayload", "notices"),
}
"""List fields that are not connections, because they are bounded by nature.

Besides these, a connection's ``edges`` and a mutation payload's ``errors`` are lists.
"""


def named_types(schema: GraphQLSchema) -> Iterator[GraphQLNamedType]:
    """The schema's own types: no introspection types, no built-in scalars."""
    for name, type_ in sorted(schema.type_map.items()):
        if name.startswith("__") or name in specified_scalar_types:
            continue
        yield type_


def is_list(type_: GraphQLType) -> bool:
    while isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    return isinstance(type_, GraphQLList)


def test_the_built_schema_is_the_committed_contract(app):
    # the schema the app built from the built-in plugins (schema.build.build_schema)
    built = export_sdl(app.state.schema)

    committed = SCHEMA_FILE.read_text(encoding="utf-8")

    assert built == committed, (
        "schema/schema.graphql differs from the schema the code builds; review the change and "
        "run `hocviec schema export -o schema/schema.graphql`"
    )


def test_every_type_has_a_description(app):
    missing = [t.name for t in named_types(app.state.schema._schema) if not t.description]

    assert missing == []


def test_every_field_has_a_description(app):
    missing = [
        f"{type_.name}.{name}"
        for type_ in named_types(app.state.schema._schema)
        if isinstance(type_, GraphQLObjectType | GraphQLInterfaceType)
        for name, field in type_.fields.items()
        if not field.description
    ]

    assert missing == []


def test_every_argument_has_a_description(app):
    missing = [
        f"{type_.name}.{name}({argument})"
        for type_ in named_types(app.state.schema._schema)
        if isinstance(type_, GraphQLObjectType | GraphQLInterfaceType)
        for name, field in type_.fields.items()
        for argument, definition in field.args.items()
        if not definition.description
    ]

    assert missing == []


def test_every_input_field_has_a_description(app):
    missing = [
        f"{type_.name}.{name}"
        for type_ in named_types(app.state.schema._schema)
        if isinstance(type_, GraphQLInputObjectType)
        for name, field in type_.fields.items()
        if not field.description
    ]

    assert missing == []


def test_every_enum_value_has_a_description(app):
    missing = [
        f"{type_.name}.{name}"
        for type_ in named_types(app.state.schema._schema)
        if isinstance(type_, GraphQLEnumType)
        for name, value in type_.values.items()
        if not value.description
    ]

    assert missing == []


def test_enum_values_are_in_upper_case(app):
    lower = [
        f"{type_.name}.{name}"
        for type_ in named_types(app.state.schema._schema)
        if isinstance(type_, GraphQLEnumType)
        for name in type_.values
        if not re.fullmatch(r"[A-Z][A-Z0-9_]*", name)
    ]

    assert lower == []


def test_a_mutations_input_and_payload_are_named_after_it(app):
    # createCohort(input: CreateCohortInput!): CreateCohortPayload!
    misnamed = []
    for name, field in app.state.schema._schema.mutation_type.fields.items():
        stem = name[0].upper() + name[1:]
        payload = get_named_type(field.type).name
        inputs = [get_named_type(arg.type).name for arg in field.args.values()]
        if payload != f"{stem}Payload" or inputs not in ([], [f"{stem}Input"]):
            misnamed.append(f"{name}({', '.join(inputs)}): {payload}")
        if list(field.args) not in ([], ["input"]):
            misnamed.append(f"{name} takes {list(field.args)}, not one `input`")

    assert misnamed == []


def test_the_walk_sees_the_whole_schema(app):
    # guards the walks above: they look at every kind of type the API has
    types = list(named_types(app.state.schema._schema))

    for kind in (
        GraphQLObjectType,
        GraphQLInterfaceType,
        GraphQLInputObjectType,
        GraphQLEnumType,
        GraphQLScalarType,
    ):
        assert any(isinstance(t, kind) for t in types), kind
    assert "Official" in {t.name for t in types}
    assert not any(t.name.startswith("__") or t.name == "String" for t in types)


def test_lists_are_connections_unless_bounded(app):
    # given
    schema = app.state.schema._schema
    lists = {
        (type_.name, name): get_named_type(field.type).name
        for type_ in named_types(schema)
        if isinstance(type_, GraphQLObjectType)
        for name, field in type_.fields.items()
        if is_list(field.type)
    }
    # when
    unexpected = sorted(
        f"{owner}.{name}: [{item}]"
        for (owner, name), item in lists.items()
        if (owner, name) not in BOUNDED_LISTS
        and not (owner.endswith("Connection") and name == "edges")
        and not (owner.endswith("Payload") and name == "errors" and item == "UserError")
    )
    # then
    assert unexpected == [], "make these connections, or add them to BOUNDED_LISTS with a reason"
    assert lists.keys() >= BOUNDED_LISTS, "BOUNDED_LISTS names a field the schema lacks"
    assert [owner for (owner, name) in lists if name == "edges"], "no connection found"


def test_connections_page_with_first_and_after_and_count_their_items(app):
    # given
    schema = app.state.schema._schema
    connection_fields = [
        (type_.name, name, field)
        for type_ in named_types(schema)
        if isinstance(type_, GraphQLObjectType)
        for name, field in type_.fields.items()
        if get_named_type(field.type).name.endswith("Connection")
    ]
    # then
    assert connection_fields, "no field returns a connection"
    for owner, name, field in connection_fields:
        assert {"first", "after"} <= field.args.keys(), f"{owner}.{name}"
        connection = get_named_type(field.type)
        assert isinstance(connection, GraphQLObjectType)
        assert {"edges", "pageInfo", "totalCount"} <= connection.fields.keys(), connection.name
