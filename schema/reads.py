"""The read pattern every domain follows: one batched load per selected to-one relation of a page.

A page of nodes (a connection's edges) is built from rows in one query. Before the nodes are
returned, :func:`attach_relations` looks at what the client selected under them (fragments
included) and, for each selected to-one relation the node type declares in ``relations``, loads
the related rows of the whole page in one query (the loader's ``rows_by_id``: one statement, no
per-key futures), builds their nodes once per distinct row and attaches them; it then does the
same one level down (an enrollment's official's org unit).

A nested connection (``Official.enrollments``, ``Cohort.enrollments``) is resolved once per
parent, but its pages are read for all the parents of a page together
(:class:`schema.pagination.NestedPages`), and their nodes' relations are attached then, in one
batch each for all the parents.

The executor reads an attached relation directly (:mod:`schema.executor`), without calling the
resolver; the resolver, ``return self.related(info)``, answers the same synchronously from what
is attached, and is what runs when nothing is: a node reached another way (``node(id:)``, a
mutation payload) has nothing attached, so the same resolver falls back to the DataLoader (one
awaitable, still one query per batch). Either way the number of SQL statements follows the
shape of the query, not the number of rows.

To add a relation to a type: a ``ToOne`` entry in its ``relations`` (keyed by the GraphQL field
name) and a resolver ``def field(self, info: Info) -> Target: return self.related(info)``
(exactly that: the executor relies on it answering what is attached).

Why batches and not a JOIN: the batches stay generic (any relation, nested, fragments included)
and each is one statement whatever the page size (``core.orm.read_rows_by_id``: the keys travel
as one parameter, so the statement is prepared once). The rows are read as records rather than
model instances: for a page of 100 officials on PostgreSQL, tortoise took about 6.5 ms to build
the page's models and as much again for their org units, against about 1.5 ms each for records.
The statements of sibling relations (an official's unit and post) run concurrently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graphql.pyutils import gather_with_cancel
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection
from tortoise.models import Model

from core.orm import Join, has_column

if TYPE_CHECKING:
    from strawberry.types import Info

    from schema.node import ModelNode


@dataclass(frozen=True)
class ToOne:
    """A to-one relation of a node type: the attribute holding the foreign key and the target.

    ``target`` is a callable so that a type can refer to itself or to a type defined later.
    """

    key: str
    target: Callable[[], type[ModelNode]]


def merged_children(selections: Iterable[Selection]) -> dict[str, list[Selection]]:
    """The fields selected directly under ``selections``' parent, fragments flattened.

    Maps each GraphQL field name to the sub-selections of every occurrence (a field may be
    selected several times, under aliases or in several fragments). Type conditions and
    ``@skip``/``@include`` are ignored: loading a relation nobody reads is harmless, missing one
    only costs the DataLoader fallback.
    """
    fields: dict[str, list[Selection]] = {}
    pending = list(selections)
    while pending:
        selection = pending.pop()
        if isinstance(selection, SelectedField):
            fields.setdefault(selection.name, []).extend(selection.selections)
        elif isinstance(selection, FragmentSpread | InlineFragment):
            pending.extend(selection.selections)
    return fields


def selected_under(info: Info, *path: str) -> list[Selection]:
    """The selections found under the current field at ``path`` (e.g. ``"edges", "node"``)."""
    selections: list[Selection] = []
    for field in info.selected_fields:
        selections.extend(field.selections)
    for name in path:
        selections = merged_children(selections).get(name, [])
    return selections


async def attach_relations(
    info: Info, node_type: type[ModelNode], nodes: Sequence[ModelNode], selections: list[Selection]
) -> None:
    """Load and attach every to-one relation of ``nodes`` that ``selections`` ask for, nested.

    The relations' statements run concurrently (on PostgreSQL each on a pooled connection; on
    SQLite one after the other on the shared connection).
    """
    if not nodes or not node_type.relations:
        return
    fields = merged_children(selections)
    loads = [
        _attach(info, name, relation, nodes, fields[name])
        for name, relation in node_type.relations.items()
        if name in fields
    ]
    if len(loads) == 1:
        await loads[0]
    elif loads:
        await gather_with_cancel(*loads)


async def _attach(
    info: Info,
    name: str,
    relation: ToOne,
    nodes: Sequence[ModelNode],
    selections: list[Selection],
) -> None:
    """Load relation ``name`` of ``nodes`` and attach it; its own selected relations are read in
    the same statement (a join) and attached in turn."""
    target = relation.target()
    if not target.readable(info):
        return  # the field's resolver asks the permission layer and reports the error
    keys = {getattr(node, relation.key) for node in nodes}
    keys.discard(None)
    loader = getattr(info.context.loaders, target.loader_name)
    fields = merged_children(selections)
    nested = _joinable(info, target, loader.model, fields)
    rows, joined = await loader.rows_by_id_joined(
        keys, [Join(child.key, model) for _, child, model in nested]
    )
    related = {pk: target.from_model(row) for pk, row in rows.items()}
    for node in nodes:
        node.attach(name, related.get(getattr(node, relation.key)))
    targets = list(related.values())
    if not nested:
        await attach_relations(info, target, targets, selections)
        return
    deeper = []
    for (child_name, child, _), child_rows in zip(nested, joined, strict=True):
        child_target = child.target()
        children = {pk: child_target.from_model(row) for pk, row in child_rows.items()}
        for node in targets:
            node.attach(child_name, children.get(getattr(node, child.key)))
        deeper.append(
            attach_relations(info, child_target, list(children.values()), fields[child_name])
        )
    await gather_with_cancel(*deeper)


def _joinable(
    info: Info, node_type: type[ModelNode], model: type[Model], fields: dict[str, list[Selection]]
) -> list[tuple[str, ToOne, type[Model]]]:
    """The selected, readable to-one relations of ``node_type`` that can be read in a join with
    its rows: ``(field name, relation, target model)``."""
    joinable = []
    for name, relation in node_type.relations.items():
        if name not in fields or not has_column(model, relation.key):
            continue
        target = relation.target()
        if target.readable(info):
            target_model = getattr(info.context.loaders, target.loader_name).model
            joinable.append((name, relation, target_model))
    return joinable
