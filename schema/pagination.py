"""Relay connections with keyset pagination, a maximum page size and a lazy ``totalCount``.

A cursor encodes the sort value and primary key of an item, so the next page is a range scan
on an index (``WHERE (key, id) > (…)``), not an ``OFFSET`` that grows with the page number.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Annotated, Any, Generic, TypeVar

import strawberry
from strawberry import relay
from strawberry.types import Info
from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

from schema.errors import BadArgumentError
from schema.ids import MAX_PRIMARY_KEY

NodeType = TypeVar("NodeType")
ModelType = TypeVar("ModelType", bound=Model)


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
    strawberry.argument(description="Start after this cursor (a page's `pageInfo.endCursor`)."),
]


def page_size(info: Info, first: int | None) -> int:
    """``first`` checked against the maximum page size (which is also the default)."""
    limit: int = info.context.settings.max_page_size
    if first is None:
        return limit
    if first < 0 or first > limit:
        raise BadArgumentError("first", f"`first` must be between 0 and {limit}; it was {first}.")
    return first


async def paginate(
    info: Info,
    query: QuerySet[ModelType],
    *,
    first: int | None,
    after: str | None,
    key: SortKey,
    direction: SortDirection,
    to_node: Callable[[ModelType], NodeType],
) -> Connection[NodeType]:
    """One page of ``query`` in ``key`` order (then by id), starting after the ``after`` cursor."""
    size = page_size(info, first)
    descending = direction == SortDirection.DESC
    page_query = query
    if after is not None:
        value, pk = _decode_cursor(after, key)
        page_query = page_query.filter(_after(key, value, pk, descending))
    sign = "-" if descending else ""
    ordering = [f"{sign}{key.column}"] if key.column != "id" else []
    rows = await page_query.order_by(*ordering, f"{sign}id").limit(size + 1)
    has_next = len(rows) > size
    rows = rows[:size]
    edges = [Edge(cursor=_encode_cursor(key, row), node=to_node(row)) for row in rows]
    return Connection(
        edges=edges,
        page_info=relay.PageInfo(
            has_next_page=has_next,
            has_previous_page=after is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        count_items=query.count,
    )


def _after(key: SortKey, value: Any, pk: int, descending: bool) -> Q:
    op = "lt" if descending else "gt"
    if key.column == "id":
        return Q(**{f"id__{op}": pk})
    return Q(**{f"{key.column}__{op}": value}) | Q(**{key.column: value, f"id__{op}": pk})


def _encode_cursor(key: SortKey, row: Model) -> str:
    payload = [key.dump(getattr(row, key.column)), row.pk]
    return base64.urlsafe_b64encode(json.dumps(payload, ensure_ascii=False).encode()).decode()


def _decode_cursor(cursor: str, key: SortKey) -> tuple[Any, int]:
    try:
        value, pk = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if not isinstance(pk, int) or not 0 < pk <= MAX_PRIMARY_KEY:
            raise TypeError(pk)
        return key.load(value), pk
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise BadArgumentError("after", f"{cursor!r} is not a cursor of this list.") from None
