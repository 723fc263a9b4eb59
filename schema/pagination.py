"""Relay connections with keyset pagination, a maximum page size and a lazy ``totalCount``.

A cursor encodes the list, its order, the sort value and the primary key of an item, so the next
page is a range scan on an index on (sort column, id), not an ``OFFSET`` that grows with the page
number, and a cursor cannot be replayed under another order.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections import defaultdict
from collections.abc import Awaitable, Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from functools import partial
from typing import Annotated, Any, Generic, TypeVar

import strawberry
from strawberry import relay
from strawberry.dataloader import DataLoader
from strawberry.types import Info
from tortoise.expressions import Q, RawSQL
from tortoise.functions import Count
from tortoise.models import Model
from tortoise.queryset import QuerySet

from core.orm import read_pages_by_parent, read_rows
from schema.errors import BadArgumentError
from schema.ids import MAX_PRIMARY_KEY
from schema.node import ModelNode
from schema.reads import attach_relations, merged_children, selected_under

NodeType = TypeVar("NodeType")
ModelType = TypeVar("ModelType", bound=Model)
NodeT = TypeVar("NodeT", bound=ModelNode)


@strawberry.enum(description="Sort direction.")
class SortDirection(Enum):
    ASC = strawberry.enum_value(
        "asc", description="Ascending: A to Z, oldest first, smallest first."
    )
    DESC = strawberry.enum_value(
        "desc", description="Descending: Z to A, newest first, largest first."
    )


@strawberry.type(description="One item of a connection, with its cursor.")
class Edge(Generic[NodeType]):
    cursor: str = strawberry.field(description="Opaque position of this item; pass it as `after`.")
    node: NodeType = strawberry.field(description="The item.")


@strawberry.type(description="A page of a list: its edges, paging information and total count.")
class Connection(Generic[NodeType]):
    edges: list[Edge[NodeType]] = strawberry.field(description="The items of this page.")
    page_info: relay.PageInfo = strawberry.field(description="Where this page is in the list.")
    count_items: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="How many items match the filters, over all pages.")
    async def total_count(self) -> int:
        return await self.count_items()


@dataclass(frozen=True)
class SortKey:
    """A database column a connection can be ordered by, and how its cursor values round-trip."""

    column: str
    kind: type = str

    def unindexed(self) -> RawSQL:
        """The column as an expression that sorts the same but that no index serves.

        Ordering by it makes PostgreSQL find the matches through another index (a trigram one)
        and sort them, instead of walking the sort index and discarding non-matches.
        """
        if self.kind is str:
            return RawSQL(f"\"{self.column}\" || ''")
        if self.kind is int:
            return RawSQL(f'"{self.column}" + 0')
        raise TypeError(f"no unindexed form for {self.kind.__name__} columns")

    def dump(self, value: Any) -> Any:
        return value.isoformat() if isinstance(value, date | datetime) else value

    def load(self, value: Any) -> Any:
        if self.kind is date:
            return date.fromisoformat(value)
        if self.kind is datetime:
            return datetime.fromisoformat(value)
        if not isinstance(value, self.kind):
            raise TypeError(value)
        return value


BY_ID = SortKey("id", int)
UNINDEXED_SORT = "unindexed_sort_value"
"""The annotation :meth:`Ordering.sorted_without_index` orders by."""

First = Annotated[
    int | None,
    strawberry.argument(
        description="Page size, from 0 to the server's maximum page size (the default)."
    ),
]
FILTER = strawberry.argument(description="Only items matching every given filter; omit for all.")
ORDER_BY = strawberry.argument(description="Sort order; the field's description names the default.")
After = Annotated[
    str | None,
    strawberry.argument(
        description="Start after this cursor (a page's `pageInfo.endCursor`), from the same "
        "list with the same `orderBy`."
    ),
]


def page_size(info: Info, first: int | None) -> int:
    """``first`` checked against the maximum page size (which is also the default)."""
    limit: int = info.context.settings.max_page_size
    if first is None:
        return limit
    if first < 0 or first > limit:
        raise BadArgumentError("first", f"`first` must be between 0 and {limit}; it was {first}.")
    return first


@dataclass(frozen=True)
class Ordering:
    """How a list is ordered: the list's name, its sort key and the direction.

    A cursor records all three, so a cursor reused under another order or on another list is a
    client error instead of a silently wrong page.
    """

    list_name: str
    key: SortKey
    direction: SortDirection

    @property
    def descending(self) -> bool:
        return self.direction == SortDirection.DESC

    @property
    def tag(self) -> str:
        return f"{self.list_name}:{self.key.column}:{self.direction.value}"

    def order_by(self) -> list[str]:
        sign = "-" if self.descending else ""
        columns = [self.key.column] if self.key.column != "id" else []
        return [f"{sign}{column}" for column in columns] + [f"{sign}id"]

    def sorted_without_index(self, query: QuerySet[ModelType]) -> QuerySet[ModelType]:
        """``query`` in this order, by an expression no index serves (:meth:`SortKey.unindexed`)."""
        sign = "-" if self.descending else ""
        ordered = query.annotate(**{UNINDEXED_SORT: self.key.unindexed()})
        ties = [f"{sign}id"] if self.key.column != "id" else []
        return ordered.order_by(f"{sign}{UNINDEXED_SORT}", *ties)

    def after(self, value: Any, pk: int) -> Q:
        """Rows after ``(value, pk)``, written so an index on (column, id) serves it as a range.

        ``column >= v AND (column > v OR id > k)`` rather than ``column > v OR (column = v AND
        id > k)``: the first conjunct bounds the index scan; descending order mirrors it.
        """
        strict, inclusive = ("lt", "lte") if self.descending else ("gt", "gte")
        past_pk: dict[str, Any] = {f"id__{strict}": pk}
        if self.key.column == "id":
            return Q(**past_pk)
        column = self.key.column
        from_value: dict[str, Any] = {f"{column}__{inclusive}": value}
        past_value: dict[str, Any] = {f"{column}__{strict}": value}
        return Q(**from_value) & (Q(**past_value) | Q(**past_pk))

    def encode(self, row: Any) -> str:
        payload = [self.tag, self.key.dump(getattr(row, self.key.column)), row.pk]
        return base64.urlsafe_b64encode(json.dumps(payload, ensure_ascii=False).encode()).decode()

    def decode(self, cursor: str) -> tuple[Any, int]:
        """The ``(sort value, primary key)`` of a cursor of this list in this order."""
        try:
            tag, value, pk = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
            raise BadArgumentError("after", "`after` is not a cursor of this list.") from None
        if tag != self.tag:
            raise BadArgumentError(
                "after",
                "This cursor belongs to another list or another order; a cursor is only valid "
                "with the `orderBy` of the page it came from.",
            )
        try:
            if type(pk) is not int or not 0 < pk <= MAX_PRIMARY_KEY:
                raise TypeError(pk)
            return self.key.load(value), pk
        except (ValueError, TypeError):
            raise BadArgumentError("after", "`after` is not a cursor of this list.") from None


def ordering(info: Info, key: SortKey, direction: SortDirection) -> Ordering:
    """The ordering of the list the current field returns (named after the field)."""
    return Ordering(info.field_name, key, direction)


async def paginate(
    info: Info,
    query: QuerySet[ModelType],
    *,
    first: int | None,
    after: str | None,
    key: SortKey,
    direction: SortDirection,
    node_type: type[NodeT],
    sort_by_index: bool = True,
) -> Connection[NodeT]:
    """One page of ``query`` in ``key`` order (then by id), starting after the ``after`` cursor.

    ``query`` is the list's base query (filters, and later the actor's scope); the page adds the
    keyset condition, the order and the limit. The selected to-one relations of the page's nodes
    are loaded in one batch each (:mod:`schema.reads`). ``sort_by_index=False`` when the service
    knows the filter is selective (a rare name): the rows are then ordered by an expression no
    index serves, so the database collects the matches by the filter's index and sorts them
    rather than walking the sort index (``directory.officials_sort_by_index``).
    """
    size = page_size(info, first)
    order = ordering(info, key, direction)
    position = None if after is None else order.decode(after)
    rows = await read_rows(page_query(query, order, position, size, sort_by_index=sort_by_index))
    return await page_of(
        info, rows, size, order, node_type, has_previous=after is not None, count=query.count
    )


def page_query(
    query: QuerySet[ModelType],
    order: Ordering,
    after: tuple[Any, int] | None,
    size: int,
    *,
    sort_by_index: bool = True,
) -> QuerySet[ModelType]:
    """The statement of a page: ``size + 1`` rows of ``query`` after ``(value, pk)``, in order."""
    if after is not None:
        query = query.filter(order.after(*after))
    if sort_by_index:
        query = query.order_by(*order.order_by())
    else:
        query = order.sorted_without_index(query)
    return query.limit(size + 1)


async def page_of(
    info: Info,
    rows: Sequence[Any],
    size: int,
    order: Ordering,
    node_type: type[NodeT],
    *,
    has_previous: bool,
    count: Callable[[], Awaitable[int]],
    nodes: Sequence[NodeT] | None = None,
) -> Connection[NodeT]:
    """The connection for ``rows`` (at most ``size + 1``: one more means a next page).

    The nodes are built from the rows and their selected relations attached, unless ``nodes``
    (one per row, built and attached already: a nested connection's, see
    :class:`NestedPages`) are given. Edge cursors are encoded only when ``edges.cursor`` is
    selected (``pageInfo`` always has its two).
    """
    rows = rows[: size + 1]
    has_next = len(rows) > size
    rows = rows[:size]
    under_edges = merged_children(selected_under(info, "edges"))
    if nodes is None:
        build = node_type.from_model
        nodes = [build(row) for row in rows]
        await attach_relations(info, node_type, nodes, under_edges.get("node", []))
    else:
        nodes = nodes[:size]
    encode = order.encode if "cursor" in under_edges else _unselected_cursor
    edges = [Edge(cursor=encode(row), node=node) for row, node in zip(rows, nodes, strict=True)]
    return Connection(
        edges=edges,
        page_info=relay.PageInfo(
            has_next_page=has_next,
            has_previous_page=has_previous,
            start_cursor=order.encode(rows[0]) if rows else None,
            end_cursor=order.encode(rows[-1]) if rows else None,
        ),
        count_items=count,
    )


def _unselected_cursor(row: Any) -> str:
    """The cursor of an edge whose ``cursor`` nobody selected: never serialised."""
    return ""


class NestedPages(Generic[NodeT]):
    """The pages of one nested connection (one field, one set of arguments) for every parent
    of a request: one statement for the pages of all parents, one for their counts, and one per
    selected relation of all their nodes.

    A nested connection is resolved once per parent (a cohort's enrollments, for each cohort of
    a page); its resolver asks :func:`nested_connection`, which shares one ``NestedPages`` among
    the siblings asking for the same page, so the DataLoaders batch their parents. The nodes of
    all the pages are built together and their selected relations attached in one batch each
    (:func:`schema.reads.attach_relations`, with the selections of the first sibling that
    asked: the same field; a relation another alias selects falls back to its DataLoader).
    """

    def __init__(
        self,
        info: Info,
        query: QuerySet[Any],
        parent: str,
        order: Ordering,
        after: tuple[Any, int] | None,
        size: int,
        node_type: type[NodeT],
    ) -> None:
        self.info = info
        self.query = query
        self.parent = parent
        self.order = order
        self.after = after
        self.size = size
        self.node_type = node_type
        self.pages: DataLoader[int, list[tuple[Any, NodeT]]] = DataLoader(load_fn=self._pages)
        self.counts: DataLoader[int, int] = DataLoader(load_fn=self._counts)

    async def _pages(self, keys: Sequence[int]) -> list[list[tuple[Any, NodeT]]]:
        query = (
            self.query if self.after is None else self.query.filter(self.order.after(*self.after))
        )
        rows = await read_pages_by_parent(
            query, self.parent, keys, self.order.order_by(), self.size + 1
        )
        build = self.node_type.from_model
        nodes = [build(row) for row in rows]
        selections = merged_children(selected_under(self.info, "edges")).get("node", [])
        await attach_relations(self.info, self.node_type, nodes, selections)
        found: dict[int, list[tuple[Any, NodeT]]] = defaultdict(list)
        for row, node in zip(rows, nodes, strict=True):
            found[getattr(row, self.parent)].append((row, node))
        return [found.get(key, []) for key in keys]

    async def _counts(self, keys: Sequence[int]) -> list[int]:
        rows = (
            await self.query.filter(**{f"{self.parent}__in": set(keys)})
            .annotate(count=Count("id"))
            .group_by(self.parent)
            .values(self.parent, "count")
        )
        counts = {row[self.parent]: row["count"] for row in rows}
        return [counts.get(key, 0) for key in keys]


async def nested_connection(
    info: Info,
    parent_id: int,
    *,
    arguments: Hashable,
    query: Callable[[], Awaitable[QuerySet[ModelType]]],
    parent: str,
    key: SortKey,
    direction: SortDirection,
    first: int | None,
    after: str | None,
    node_type: type[NodeT],
) -> Connection[NodeT]:
    """A page of a nested connection: the rows of ``query`` whose ``parent`` attribute is
    ``parent_id``, fetched with its siblings' pages in one statement (a window function), their
    nodes' relations with theirs (:class:`NestedPages`).

    ``arguments`` identifies the list's filters (hashable; siblings with equal arguments share
    a statement); ``query`` builds the base query (filters and the viewer's scope, no parent)
    once for them.
    """
    size = page_size(info, first)
    order = ordering(info, key, direction)
    position = None if after is None else order.decode(after)
    identity = (info._raw_info.parent_type.name, order.tag, arguments, position, size)
    nested = info.context.loaders.nested_pages
    pages = nested.get(identity)
    if pages is None:
        pages = NestedPages(info, await query(), parent, order, position, size, node_type)
        nested[identity] = pages
    page = await pages.pages.load(parent_id)
    return await page_of(
        info,
        [row for row, _ in page],
        size,
        order,
        node_type,
        has_previous=after is not None,
        count=partial(pages.counts.load, parent_id),
        nodes=[node for _, node in page],
    )
