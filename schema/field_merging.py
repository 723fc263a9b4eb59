"""The "overlapping fields can be merged" rule of the GraphQL spec, in linear time.

graphql-core's ``OverlappingFieldsCanBeMergedRule`` compares every pair of fields that share a
response key, and every pair of fragments spread at one level: a document of a few thousand
tokens with many fragments spreading the same fields takes it hundreds of milliseconds, and it
cannot be interrupted. The spec's relations are equivalences, so comparing each field with one
representative of its group gives the same verdict:

- *same response shape* (lists, non-null, leaf types) holds between all fields of one response
  key: each is compared with the first;
- *same name and arguments* holds between fields whose parent types are equal or not both
  object types: fields are grouped by object parent type, the fields on abstract parents join
  every group, and each member of a group is compared with the group's first;
- the sub-selections of a group are checked together, once per group (fields of different
  object parents are mutually exclusive: below them only shapes must agree).

Each fragment is collected once per merged selection set, so the work follows the document's
selections with fragments expanded, which ``schema/validation.py`` limits first. Fields on an
interface merged with fields on several of its object types are checked with each of them;
a work budget (fields collected) keeps even that bounded: past it the document is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
    print_ast,
)
from graphql.type.introspection import SchemaMetaFieldDef, TypeMetaFieldDef, TypeNameMetaFieldDef


@dataclass(frozen=True)
class _Field:
    parent: GraphQLNamedType
    node: FieldNode
    definition: GraphQLField | None


class MergeBudgetExceededError(Exception):
    """The check collected more fields than its budget allows."""


def overlapping_field_errors(
    schema: GraphQLSchema, document: DocumentNode, budget: int
) -> list[GraphQLError]:
    """Conflicts between fields of one response key in the operations of a valid document.

    Raises :class:`MergeBudgetExceededError` after collecting ``budget`` fields.
    """
    checker = _Checker(schema, document, budget)
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            root = schema.get_root_type(definition.operation)
            if root is not None:
                checker.check([(definition.selection_set, root)], exclusive=False, path=())
    return checker.errors


class _Checker:
    def __init__(self, schema: GraphQLSchema, document: DocumentNode, budget: int) -> None:
        self.schema = schema
        self.budget = budget
        self.fragments = {
            definition.name.value: definition
            for definition in document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        self.errors: list[GraphQLError] = []

    def check(
        self,
        selection_sets: Iterable[tuple[SelectionSetNode, GraphQLNamedType]],
        exclusive: bool,
        path: tuple[str, ...],
    ) -> None:
        """Check one merged selection set (the union of ``selection_sets``)."""
        for key, fields in self._collect(selection_sets).items():
            if not self._same_shape(key, fields, path):
                continue
            if exclusive:
                self._check_below(fields, exclusive=True, path=(*path, key))
                continue
            groups = self._groups(fields)
            if all(self._same_name_and_arguments(key, group, path) for group in groups):
                for group in groups:
                    self._check_below(group, exclusive=False, path=(*path, key))
                if len(groups) > 1:
                    self._check_below(fields, exclusive=True, path=(*path, key))

    def _collect(
        self, selection_sets: Iterable[tuple[SelectionSetNode, GraphQLNamedType]]
    ) -> dict[str, list[_Field]]:
        fields: dict[str, list[_Field]] = {}
        seen_fragments: set[str] = set()
        stack = list(selection_sets)
        while stack:
            selection_set, parent = stack.pop()
            for selection in selection_set.selections:
                if isinstance(selection, FieldNode):
                    self.budget -= 1
                    if self.budget < 0:
                        raise MergeBudgetExceededError
                    key = (selection.alias or selection.name).value
                    definition = self._field_definition(parent, selection.name.value)
                    fields.setdefault(key, []).append(_Field(parent, selection, definition))
                elif isinstance(selection, InlineFragmentNode):
                    condition: GraphQLNamedType | None = parent
                    if selection.type_condition is not None:
                        condition = self.schema.get_type(selection.type_condition.name.value)
                    if condition is not None:
                        stack.append((selection.selection_set, condition))
                elif isinstance(selection, FragmentSpreadNode):
                    name = selection.name.value
                    fragment = self.fragments.get(name)
                    if fragment is None or name in seen_fragments:
                        continue
                    seen_fragments.add(name)
                    fragment_type = self.schema.get_type(fragment.type_condition.name.value)
                    if fragment_type is not None:
                        stack.append((fragment.selection_set, fragment_type))
        return fields

    def _field_definition(self, parent: GraphQLNamedType, name: str) -> GraphQLField | None:
        if name == "__typename":
            return TypeNameMetaFieldDef
        if parent is self.schema.query_type and name in ("__schema", "__type"):
            return SchemaMetaFieldDef if name == "__schema" else TypeMetaFieldDef
        if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            return parent.fields.get(name)
        return None

    def _groups(self, fields: list[_Field]) -> list[list[_Field]]:
        """Fields that must agree on name and arguments: one group per object parent type,
        with the fields of abstract parents in every group."""
        shared = [item for item in fields if not isinstance(item.parent, GraphQLObjectType)]
        by_parent: dict[str, list[_Field]] = {}
        for item in fields:
            if isinstance(item.parent, GraphQLObjectType):
                by_parent.setdefault(item.parent.name, []).append(item)
        if not by_parent:
            return [shared]
        return [group + shared for group in by_parent.values()]

    def _same_shape(self, key: str, fields: list[_Field], path: tuple[str, ...]) -> bool:
        first = next((item for item in fields if item.definition is not None), None)
        if first is None or first.definition is None:
            return True
        for item in fields:
            if item.definition is not None and _types_conflict(
                first.definition.type, item.definition.type
            ):
                self._report(
                    key,
                    path,
                    f"they return conflicting types {first.definition.type} and "
                    f"{item.definition.type}",
                    first,
                    item,
                )
                return False
        return True

    def _same_name_and_arguments(
        self, key: str, fields: list[_Field], path: tuple[str, ...]
    ) -> bool:
        first = fields[0]
        arguments = _arguments(first.node)
        for item in fields[1:]:
            if item.node.name.value != first.node.name.value:
                self._report(
                    key,
                    path,
                    f"{first.node.name.value!r} and {item.node.name.value!r} are different fields",
                    first,
                    item,
                )
                return False
            if _arguments(item.node) != arguments:
                self._report(key, path, "they have differing arguments", first, item)
                return False
        return True

    def _check_below(self, fields: list[_Field], exclusive: bool, path: tuple[str, ...]) -> None:
        below = [
            (item.node.selection_set, get_named_type(item.definition.type))
            for item in fields
            if item.node.selection_set is not None and item.definition is not None
        ]
        if below:
            self.check(below, exclusive, path)

    def _report(
        self, key: str, path: tuple[str, ...], reason: str, first: _Field, other: _Field
    ) -> None:
        where = ".".join((*path, key))
        self.errors.append(
            GraphQLError(
                f"Fields {where!r} conflict because {reason}. Use different aliases on the "
                "fields to fetch both if this was intentional.",
                [first.node, other.node],
            )
        )


def _arguments(node: FieldNode) -> list[tuple[str, str]]:
    return sorted(
        (argument.name.value, print_ast(argument.value)) for argument in node.arguments or ()
    )


def _types_conflict(first: GraphQLOutputType, second: GraphQLOutputType) -> bool:
    """The spec's SameResponseShape on the types alone (graphql-core's ``do_types_conflict``)."""
    if is_list_type(first):
        return not is_list_type(second) or _types_conflict(first.of_type, second.of_type)
    if is_list_type(second):
        return True
    if is_non_null_type(first):
        return not is_non_null_type(second) or _types_conflict(first.of_type, second.of_type)
    if is_non_null_type(second):
        return True
    if is_leaf_type(first) or is_leaf_type(second):
        return first is not second
    return False
