"""The executor: graphql-core's, completing plain fields from field plans instead of resolvers.

Most of a page's fields need no resolver: an official's ``fullName`` is an attribute of the
node, its ``id`` is the node's key encoded with its type name, its ``orgUnit`` is the node the
page attached (:mod:`schema.reads`), a connection's ``edges`` and an edge's ``node`` are
attributes. graphql-core nevertheless builds a resolve info, calls strawberry's resolver wrapper,
checks for an awaitable and walks ``complete_value`` for each of them: for a page of 100
officials that is most of the request's time.

:class:`PlannedExecutor` plans each selection set once per request (the grouped field set
graphql-core collected, which it memoizes per parent field): for every field it decides how to
complete it. A field with a :class:`FieldReaders` entry is read directly from its parent; the
value is then coerced (a leaf), or its own selection set executed (an object, a list of
objects) without a resolve info. Anything else (a resolver with arguments, an abstract type, a
value the fast path cannot vouch for) goes through graphql-core's ``execute_field`` unchanged,
so errors, null propagation, permissions and DataLoaders behave exactly as before.

A reader returns :data:`UNREAD` when it cannot answer (a relation the page did not attach): the
field's resolver then runs. The result of the fast path is the same as graphql-core's; a test
compares the two on every kind of field (``tests/schema/test_executor.py``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from functools import partial
from operator import attrgetter
from typing import Any

from graphql import (
    GraphQLBoolean,
    GraphQLID,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    GraphQLString,
    is_introspection_type,
)
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.pyutils import Path, Undefined, gather_with_cancel
from strawberry import relay
from strawberry.relay.utils import to_base64
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from schema.node import ModelNode

Reader = Callable[[Any], Any]
"""Reads a field's value from its parent object."""

UNREAD = object()
"""What a reader returns when it cannot answer: the field's resolver runs instead."""

DEFINITION = "strawberry-definition"
"""The key under which strawberry keeps a GraphQL type's or field's own definition."""


class FieldReaders:
    """The direct readers of a schema's fields, found once when the schema is built.

    - a field without a resolver (strawberry's "basic" field): the attribute of the same name;
    - the ``id`` of a :class:`relay.Node` type that keeps strawberry's ``resolve_id``: the
      global ID, the type's name and the key encoded as strawberry encodes them;
    - a to-one relation a :class:`ModelNode` declares in ``relations``: the node the page
      attached, or :data:`UNREAD` (the resolver, ``self.related(info)``, then loads it).
    """

    def __init__(self, schema: GraphQLSchema) -> None:
        self.readers: dict[tuple[str, str], Reader] = {}
        self.origins: dict[str, type] = {}
        for graphql_type in schema.type_map.values():
            if not isinstance(graphql_type, GraphQLObjectType):
                continue
            if is_introspection_type(graphql_type):
                continue
            definition = (graphql_type.extensions or {}).get(DEFINITION)
            origin = getattr(definition, "origin", None)
            if not isinstance(origin, type):
                continue
            self.origins[graphql_type.name] = origin
            for name, field in graphql_type.fields.items():
                reader = _reader(graphql_type.name, origin, name, field.resolve, field.extensions)
                if reader is not None:
                    self.readers[graphql_type.name, name] = reader

    def get(self, type_name: str, field_name: str) -> Reader | None:
        return self.readers.get((type_name, field_name))


def _reader(
    type_name: str,
    origin: type,
    field_name: str,
    resolve: Callable[..., Any] | None,
    extensions: Mapping[str, Any] | None,
) -> Reader | None:
    strawberry_field = (extensions or {}).get(DEFINITION)
    if getattr(resolve, "_is_default", False):
        python_name = getattr(strawberry_field, "python_name", None)
        return attrgetter(python_name) if python_name else None
    if (
        field_name == "id"
        and issubclass(origin, relay.Node)
        and getattr(strawberry_field, "python_name", None) == "_id"
        and _inherited(origin, relay.Node, "resolve_id")
        and _inherited(origin, relay.Node, "resolve_typename")
    ):
        return partial(_global_id, type_name, attrgetter(origin.resolve_id_attr()))
    if issubclass(origin, ModelNode) and field_name in origin.relations:
        return partial(_attached, field_name)
    return None


def _inherited(cls: type, base: type, name: str) -> bool:
    """Whether ``cls`` keeps ``base``'s own ``name`` (a classmethod) rather than overriding it."""
    return getattr(getattr(cls, name), "__func__", None) is base.__dict__[name].__func__


def _global_id(type_name: str, key: Reader, node: Any) -> str:
    return to_base64(type_name, key(node))


def _attached(field_name: str, node: Any) -> Any:
    attached = node.__dict__.get("_attached")
    if attached is None:
        return UNREAD
    return attached.get(field_name, UNREAD)


@dataclass(slots=True)
class Resolved:
    """A field graphql-core completes: resolver, resolve info and all."""

    key: str
    field_details: FieldDetailsList


@dataclass(slots=True)
class ReadLeaf:
    """A scalar or enum read directly and coerced."""

    key: str
    field_details: FieldDetailsList
    reader: Reader
    non_null: bool
    leaf: GraphQLLeafType
    exact: type | None
    """A Python type whose values the leaf returns unchanged (``str`` for ``String``)."""


@dataclass(slots=True)
class ReadObject:
    """An object, or a list of objects, read directly; its selection set executed on it."""

    key: str
    field_details: FieldDetailsList
    reader: Reader
    non_null: bool
    return_type: GraphQLOutputType
    object_type: GraphQLObjectType
    origin: type | None
    """The class the objects must be exactly (when the type checks its values), else None."""
    is_list: bool
    item_type: GraphQLOutputType
    """The list's item type (the return type itself for an object)."""
    items_non_null: bool
    subplan: list[PlannedField] | None = None
    """The plan of the object's selection set, made when first needed."""


PlannedField = Resolved | ReadLeaf | ReadObject
"""How one response key of a selection set is completed (one request's plan)."""


EXACT_LEAVES: dict[str, type] = {
    GraphQLString.name: str,
    GraphQLID.name: str,
    GraphQLBoolean.name: bool,
}
"""Leaf types whose output coercion returns a value of this exact Python type unchanged."""


class PlannedExecutor(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's graphql-core executor with :mod:`field plans <schema.executor>`.

    ``readers`` is set on a subclass made per schema (:func:`planned_executor_class`).
    """

    readers: FieldReaders

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plans: dict[tuple[str, int], tuple[GroupedFieldSet, list[PlannedField]]] = {}

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: GroupedFieldSet,
        position_context: Any,
    ) -> Any:
        return self._run(
            self._plan(parent_type, grouped_field_set), parent_type, source_value, path
        )

    def _run(
        self,
        plan: list[PlannedField],
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
    ) -> Any:
        """graphql-core's ``execute_fields`` for one object, following ``plan``."""
        results: dict[str, Any] = {}
        awaitable_fields: list[str] = []
        is_awaitable = self.is_awaitable
        try:
            for planned in plan:
                key = planned.key
                if type(planned) is ReadLeaf:
                    # _read inlined: this is the innermost loop of a page
                    try:
                        value = planned.reader(source_value)
                    except Exception:
                        value = UNREAD
                    if value is None:
                        if not planned.non_null:
                            results[key] = None
                            continue
                    elif type(value) is planned.exact:
                        results[key] = value
                        continue
                    elif value is not UNREAD:
                        coerced = _coerce(planned.leaf, value)
                        if coerced is not UNREAD:
                            results[key] = coerced
                            continue
                    # graphql-core completes it again and reports what is wrong
                    result = self._resolve(parent_type, source_value, path, planned)
                elif type(planned) is ReadObject:
                    result = self._complete_read(parent_type, source_value, path, planned)
                else:
                    result = self._resolve(parent_type, source_value, path, planned)
                if result is not Undefined:
                    results[key] = result
                    # A completed object is a dict: the common case skips the awaitable check.
                    if type(result) is not dict and is_awaitable(result):
                        awaitable_fields.append(key)
        except Exception:
            if awaitable_fields:
                self.settle_in_background([results[key] for key in awaitable_fields])
            raise
        if not awaitable_fields:
            return results
        return _gathered(results, awaitable_fields)

    def _resolve(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        planned: PlannedField,
    ) -> Any:
        """The field completed by graphql-core, as if there were no plan."""
        field_path = Path(path, planned.key, parent_type.name)
        return self.execute_field(
            parent_type, source_value, planned.field_details, field_path, None
        )

    def _complete_read(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        planned: ReadObject,
    ) -> Any:
        """An object or a list of objects read directly, with graphql-core's error handling."""
        value = _read(planned, source_value)
        if value is UNREAD or (value is None and planned.non_null):
            return self._resolve(parent_type, source_value, path, planned)
        if value is None:
            return None
        field_path = Path(path, planned.key, parent_type.name)
        try:
            if not planned.is_list:
                if planned.origin is not None and type(value) is not planned.origin:
                    return self._resolve(parent_type, source_value, path, planned)
                completed = self._run(
                    planned.subplan or self._subplan(planned),
                    planned.object_type,
                    value,
                    field_path,
                )
            else:
                if not _plain_items(planned, value):
                    return self._resolve(parent_type, source_value, path, planned)
                completed = self._complete_items(planned, value, field_path)
        except Exception as raw_error:
            self.handle_field_error(
                raw_error, planned.return_type, planned.field_details, field_path
            )
            return None
        if type(completed) is dict or type(completed) is list:
            return completed
        return self._awaited(completed, planned.return_type, planned.field_details, field_path)

    def _complete_items(self, planned: ReadObject, items: list[Any], path: Path) -> Any:
        """Each object of a list completed with the list's selection set."""
        object_type = planned.object_type
        plan = self._subplan(planned)
        run = self._run
        is_awaitable = self.is_awaitable
        completed: list[Any] = []
        awaitable_indices: list[int] = []
        for index, item in enumerate(items):
            item_path = Path(path, index, None)
            if item is None:
                completed.append(None)
                continue
            try:
                result = run(plan, object_type, item, item_path)
            except Exception as raw_error:
                self.handle_field_error(
                    raw_error, planned.item_type, planned.field_details, item_path
                )
                result = None
            if type(result) is not dict and is_awaitable(result):
                result = self._awaited(result, planned.item_type, planned.field_details, item_path)
                awaitable_indices.append(index)
            completed.append(result)
        if not awaitable_indices:
            return completed
        return _gathered_items(completed, awaitable_indices)

    async def _awaited(
        self,
        completed: Awaitable[Any],
        return_type: GraphQLOutputType,
        field_details: FieldDetailsList,
        path: Path,
    ) -> Any:
        try:
            return await completed
        except Exception as raw_error:
            self.handle_field_error(raw_error, return_type, field_details, path)
            return None

    def _subplan(self, planned: ReadObject) -> list[PlannedField]:
        """The plan of the selection set under ``planned``, made on first use."""
        if planned.subplan is None:
            collected = self.collect_subfields(planned.object_type, planned.field_details)
            planned.subplan = self._plan(planned.object_type, collected.grouped_field_set)
        return planned.subplan

    def _plan(
        self, parent_type: GraphQLObjectType, grouped_field_set: GroupedFieldSet
    ) -> list[PlannedField]:
        """The plan of a selection set, made once per request (a page's rows share it)."""
        cache_key = (parent_type.name, id(grouped_field_set))
        cached = self._plans.get(cache_key)
        if cached is not None:
            return cached[1]
        plan = [
            self._plan_field(parent_type, key, field_details)
            for key, field_details in grouped_field_set.items()
        ]
        # The field set is kept with its plan so that its id cannot be reused meanwhile.
        self._plans[cache_key] = (grouped_field_set, plan)
        return plan

    def _plan_field(
        self, parent_type: GraphQLObjectType, key: str, field_details: FieldDetailsList
    ) -> PlannedField:
        node = field_details[0].node
        field = parent_type.fields.get(node.name.value)
        reader = self.readers.get(parent_type.name, node.name.value)
        if field is None or reader is None or node.arguments or self.middleware_manager:
            return Resolved(key, field_details)
        return_type = field.type
        non_null = isinstance(return_type, GraphQLNonNull)
        named = unwrap_non_null(return_type)
        if isinstance(named, GraphQLLeafType):
            exact = EXACT_LEAVES.get(named.name)
            return ReadLeaf(key, field_details, reader, non_null, named, exact)
        object_type: Any = named
        item_type: GraphQLOutputType = return_type
        is_list = isinstance(named, GraphQLList)
        if is_list:
            item_type = named.of_type
            object_type = unwrap_non_null(item_type)
        if not isinstance(object_type, GraphQLObjectType):
            return Resolved(key, field_details)
        return ReadObject(
            key,
            field_details,
            reader,
            non_null,
            return_type,
            object_type,
            self._checked_origin(object_type),
            is_list,
            item_type,
            items_non_null=is_list and isinstance(item_type, GraphQLNonNull),
        )

    def _checked_origin(self, object_type: GraphQLObjectType) -> type | None:
        """The class an object of ``object_type`` must be for the type check to be skipped.

        ``None`` when the type checks nothing (no ``is_type_of``): any value completes, as in
        graphql-core. A type that checks (a Node) gets the fast path only for exact instances
        of its class; anything else goes through graphql-core's check.
        """
        if object_type.is_type_of is None:
            return None
        return self.readers.origins.get(object_type.name, _NoClass)


def unwrap_non_null(graphql_type: Any) -> Any:
    """The type inside a non-null wrapper (the type itself if nullable)."""
    return graphql_type.of_type if isinstance(graphql_type, GraphQLNonNull) else graphql_type


def _plain_items(planned: ReadObject, value: Any) -> bool:
    """Whether a list read directly can be completed by the fast path: a list (not an iterator
    a check would consume) whose items are of the expected class, and not null where the list
    forbids it. Otherwise graphql-core completes it and reports what is wrong."""
    if type(value) is not list:
        return False
    origin = planned.origin
    if origin is not None:
        return all(type(item) is origin for item in value)
    return not planned.items_non_null or all(item is not None for item in value)


class _NoClass:
    """Matches no value: a checked type whose class is unknown always takes graphql-core's path."""


def _read(planned: ReadLeaf | ReadObject, source: Any) -> Any:
    """The field's value read from ``source``, or :data:`UNREAD` when the reader fails (the
    source is not what the plan expects): graphql-core then resolves the field and reports it."""
    try:
        return planned.reader(source)
    except Exception:
        return UNREAD


def _coerce(leaf: GraphQLLeafType, value: Any) -> Any:
    """The leaf's output coercion of ``value``, or :data:`UNREAD` when it fails (graphql-core's
    ``execute_field`` then reports the error at the field)."""
    try:
        coerced = leaf.coerce_output_value(value)
    except Exception:
        return UNREAD
    return UNREAD if coerced is None or coerced is Undefined else coerced


async def _gathered(results: dict[str, Any], awaitable_fields: list[str]) -> dict[str, Any]:
    if len(awaitable_fields) == 1:
        key = awaitable_fields[0]
        results[key] = await results[key]
    else:
        awaited = await gather_with_cancel(*(results[key] for key in awaitable_fields))
        results.update(zip(awaitable_fields, awaited, strict=True))
    return results


async def _gathered_items(completed: list[Any], indices: list[int]) -> list[Any]:
    awaited = await gather_with_cancel(*(completed[index] for index in indices))
    for index, value in zip(indices, awaited, strict=True):
        completed[index] = value
    return completed


def planned_executor_class(schema: GraphQLSchema) -> type[PlannedExecutor]:
    """An executor class for ``schema``, with the schema's readers found once."""
    return type("SchemaExecutor", (PlannedExecutor,), {"readers": FieldReaders(schema)})
