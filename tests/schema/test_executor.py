"""The planned executor answers exactly as graphql-core does, only faster (schema/executor.py).

Each case runs the same document twice, once with strawberry's own executor and once with the
planned one, and compares the whole response (data, errors, their paths and messages): first on
a small schema built to hit every fallback (a leaf that does not coerce, a null in a non-null
field or list, an object of the wrong class, a relation not attached), then on the real schema
over HTTP with the built-in plugins' data.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar, Self

import pytest
import strawberry
from graphql import ExecutionResult, execute, parse
from graphql.pyutils import is_awaitable
from starlette.applications import Starlette
from strawberry import relay

from core import permissions
from core.models import OrgUnit
from core.models.enums import CohortStatus, Role
from core.services.access import OPERATOR
from core.services.enrollments import enroll_official
from schema.executor import PlannedExecutor, planned_executor_class
from schema.node import ModelNode
from schema.people.types import Official
from schema.reads import ToOne
from tests import factories
from tests.helpers import graphql


@strawberry.type
class Unit(ModelNode):
    loader_name: ClassVar[str] = "org_unit_by_id"
    read_permission: ClassVar[str] = permissions.READ_CATALOGUE

    id: relay.NodeID[int]
    name: str

    @classmethod
    def from_model(cls, row: Any) -> Self:
        return cls(id=row.id, name=row.name)


@strawberry.type
class Person(ModelNode):
    loader_name: ClassVar[str] = "official_by_id"
    read_permission: ClassVar[str] = permissions.READ_CATALOGUE
    relations: ClassVar[dict[str, ToOne]] = {"unit": ToOne("unit_id", lambda: Unit)}

    id: relay.NodeID[int]
    name: str
    age: int | None
    votes: int
    title: str
    unit_id: strawberry.Private[int]

    @strawberry.field
    def unit(self, info: strawberry.Info) -> Unit:
        # As ModelNode.related: the attached node if any, else one built here (not loaded)
        attached = self.__dict__.get("_attached", {})
        return attached.get("unit") or Unit(id=self.unit_id, name=f"resolved {self.unit_id}")

    @strawberry.field
    async def later(self) -> str:
        return f"later {self.name}"


@strawberry.type
class Group:
    people: list[Person]
    maybe_people: list[Person | None]
    leader: Person
    deputy: Person | None


def person(pk: int, **overrides: Any) -> Person:
    values: dict[str, Any] = {"name": f"Người {pk}", "age": 40, "votes": 1, "title": "Chủ tịch"}
    values.update(overrides)
    made = Person(id=pk, unit_id=pk * 10, **values)
    if pk % 2:
        made.attach("unit", Unit(id=pk * 10, name=f"attached {pk * 10}"))
    return made


GROUPS: dict[str, Any] = {}


@strawberry.type
class Query:
    @strawberry.field
    def group(self, name: str) -> Group | None:
        return GROUPS[name]


SMALL = strawberry.Schema(query=Query, types=[Person, Unit])

DOCUMENT = """
fragment P on Person { id name age votes title unit { id name } }
query Group($name: String!) {
  group(name: $name) {
    people { ...P later __typename }
    maybePeople { ...P }
    leader { ...P named: name }
    deputy { name }
  }
}
"""


async def arun(executor_class: type, name: str) -> dict[str, Any]:
    result = execute(
        SMALL._schema,
        parse(DOCUMENT),
        variable_values={"name": name},
        executor_class=executor_class,
    )
    if is_awaitable(result):
        result = await result
    assert isinstance(result, ExecutionResult)
    return result.formatted


CASES = {
    "plain": Group(
        people=[person(1), person(2, age=None)],
        maybe_people=[person(3), None],
        leader=person(4),
        deputy=None,
    ),
    "leaf that does not coerce": Group(
        people=[person(1, votes=2**40), person(2)],
        maybe_people=[],
        leader=person(3),
        deputy=person(5),
    ),
    "null in a non-null leaf": Group(
        people=[person(1)],
        maybe_people=[person(2, title=None)],
        leader=person(3),
        deputy=None,
    ),
    "null leader propagates to the group": Group(
        people=[], maybe_people=[], leader=person(4, name=None), deputy=None
    ),
    "null item in a non-null list": Group(
        people=[person(1), None],  # type: ignore[list-item]
        maybe_people=[],
        leader=person(3),
        deputy=None,
    ),
    "object of the wrong class": Group(
        people=[person(1), Unit(id=9, name="not a person")],  # type: ignore[list-item]
        maybe_people=[],
        leader=person(3),
        deputy=None,
    ),
}


@pytest.fixture
def groups() -> Iterator[None]:
    GROUPS.update(CASES)
    yield
    GROUPS.clear()


@pytest.mark.parametrize("name", CASES)
async def test_planned_executor_answers_as_graphql_core(groups: None, name: str) -> None:
    planned = planned_executor_class(SMALL._schema)
    expected = await arun(SMALL.execution_context_class, name)
    assert await arun(planned, name) == expected


async def test_the_cases_exercise_errors_and_both_kinds_of_relation(groups: None) -> None:
    # the comparison above would prove little if no case failed or no relation was attached
    planned = planned_executor_class(SMALL._schema)
    plain = await arun(planned, "plain")
    units = [item["unit"]["name"] for item in plain["data"]["group"]["people"]]
    assert units == ["attached 10", "resolved 20"]
    assert plain["data"]["group"]["people"][0]["id"] == relay.to_base64("Person", 1)
    for name in CASES:
        if name != "plain":
            assert (await arun(planned, name)).get("errors"), name


def test_readers_are_found_for_plain_fields_ids_and_relations() -> None:
    readers = planned_executor_class(SMALL._schema).readers
    assert readers.get("Person", "name") is not None
    assert readers.get("Person", "id") is not None
    assert readers.get("Person", "unit") is not None
    assert readers.get("Person", "later") is None  # a resolver of its own
    assert readers.get("Query", "group") is None  # a resolver with arguments
    assert issubclass(planned_executor_class(SMALL._schema), PlannedExecutor)


# --------------------------------------------------------------------------------------------
# The real schema, over HTTP
# --------------------------------------------------------------------------------------------

REAL_DOCUMENTS = {
    "officials page": """
        fragment Unit on OrgUnit { id name level parent { name code } }
        {
          officials(first: 5, orderBy: {field: NAME}) {
            totalCount
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
            edges {
              cursor
              node {
                __typename id fullName gender birthYear status politicalTheoryLevel
                orgUnit { ...Unit } unit: orgUnit { name } post { id title kind }
                enrollments(first: 2) { totalCount edges { node { status cohort { name } } } }
              }
            }
          }
        }
    """,
    "roster": """
        {
          enrollments(first: 10) {
            edges { node { id status official { fullName orgUnit { name } post { title } } } }
          }
        }
    """,
    "tracks": """
        {
          tracks {
            edges {
              node { code title active posts { title } topics { title origin track { code } } }
            }
          }
        }
    """,
}


@pytest.fixture
async def registered(client):
    unit = await factories.commune("Xã Đồng Yên")
    cohort = await factories.cohort(status=CohortStatus.OPEN)
    for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lý Văn Cường"):
        official = await factories.official(name, org_unit=unit)
        await enroll_official(OPERATOR, official.id, cohort.id)
    node_id = factories.gid("Official", official.id)
    return node_id


@pytest.fixture
def plain_executor(app: Starlette) -> Iterator[Any]:
    executor = app.state.graphql.executor
    planned = executor.executor_class

    def use(plain: bool) -> None:
        executor.executor_class = app.state.schema.execution_context_class if plain else planned

    yield use
    executor.executor_class = planned


@pytest.mark.parametrize("document", REAL_DOCUMENTS)
async def test_real_schema_answers_the_same_with_either_executor(
    client, registered, plain_executor, document: str
) -> None:
    query = REAL_DOCUMENTS[document]
    plain_executor(True)
    expected = await graphql(client, query)
    plain_executor(False)
    assert await graphql(client, query) == expected
    assert "errors" not in expected


async def test_node_answers_the_same_from_the_dataloader(
    client, registered, plain_executor
) -> None:
    # node(id:) has nothing attached: the relation's resolver asks the DataLoader
    query = f"""{{ node(id: "{registered}") {{ ... on Official {{ fullName orgUnit {{ name }} }} }}
      officials(first: 2) {{ edges {{ node {{ fullName post {{ title }} }} }} }} }}"""
    plain_executor(True)
    expected = await graphql(client, query)
    plain_executor(False)
    assert await graphql(client, query) == expected
    assert expected["data"]["node"]["orgUnit"] == {"name": "Xã Đồng Yên"}


async def test_a_denied_relation_fails_the_same(
    registered, plain_executor, sign_in_as, refuse
) -> None:
    # a page does not attach what the viewer may not read: the resolver reports the refusal
    query = "{ enrollments(first: 3) { edges { node { status official { fullName } } } } }"
    unit = await OrgUnit.get(code__startswith="C", name="Xã Đồng Yên")
    viewer = await sign_in_as("xem.dongyen", (Role.VIEWER, unit))
    refuse(Official)
    plain_executor(True)
    expected = await graphql(viewer, query)
    plain_executor(False)
    assert await graphql(viewer, query) == expected
    assert {error["extensions"]["code"] for error in expected["errors"]} == {"FORBIDDEN"}
