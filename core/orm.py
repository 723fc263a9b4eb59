"""The private (and mistyped) tortoise APIs hocviec relies on, wrapped in one place.

tortoise 1.x has no public way to make a context current for one request without sharing the
reset token on the context object, nor to build the migration recorder's schema editor, nor to
reach the SQLite connection to interrupt a statement, nor to read rows without building a model
instance per row (the read path's largest cost). They are used through this module only, so a
tortoise upgrade that moves them touches this file.
"""

from __future__ import annotations

import asyncio
import json
from collections import namedtuple
from collections.abc import Callable, Iterable, Sequence
from contextvars import ContextVar, Token
from dataclasses import dataclass
from enum import Enum
from operator import itemgetter
from typing import Any, Literal, cast

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.backends.sqlite.client import SqliteClient
from tortoise.context import TortoiseContext
from tortoise.context import _current_context as _tortoise_current_context
from tortoise.expressions import RawSQL
from tortoise.fields import Field
from tortoise.migrations.executor import MigrationExecutor
from tortoise.migrations.schema_editor.base import BaseSchemaEditor
from tortoise.models import Model
from tortoise.queryset import QuerySet


def activate_context(context: TortoiseContext) -> Token[TortoiseContext | None]:
    """Make ``context`` current for this task; undo with :func:`deactivate_context`.

    ``with context:`` keeps its reset token on the shared context object, which concurrent
    requests would overwrite; each caller keeps its own token instead.
    """
    return _tortoise_current_context.set(context)


def deactivate_context(token: Token[TortoiseContext | None]) -> None:
    """Restore the context that was current before :func:`activate_context`."""
    _tortoise_current_context.reset(token)


async def ensure_migration_table(executor: MigrationExecutor) -> None:
    """Create tortoise's migration-history table if it is missing (as ``migrate`` would)."""
    editor: BaseSchemaEditor = executor._schema_editor(atomic=False)
    await executor.recorder.ensure_schema(editor)


async def column(query: QuerySet[Any], field: str) -> list[Any]:
    """The values of one column of ``query``'s rows, in its order.

    ``values_list(field, flat=True)`` returns exactly that, but tortoise 1.x types it as a list
    of tuples; the cast lives here instead of at every call.
    """
    return cast(list[Any], await query.values_list(field, flat=True))


# --------------------------------------------------------------------------------------------
# Interrupting a request's SQLite statement
# --------------------------------------------------------------------------------------------

_work_tag: ContextVar[object | None] = ContextVar("hocviec_database_work_tag", default=None)


class _OwnedLock(asyncio.Lock):
    """tortoise's SQLite connection lock, remembering whose work holds it.

    The owner is the tag of the request (:meth:`StatementInterrupter.tag`) in whose context the
    lock was taken; tasks a request starts inherit its tag, so a DataLoader batch counts too.
    """

    owner: object | None = None

    async def acquire(self) -> Literal[True]:
        await super().acquire()
        self.owner = _work_tag.get()
        return True

    def release(self) -> None:
        self.owner = None
        super().release()


class StatementInterrupter:
    """Stops the SQL statement a cancelled request left running, where cancelling cannot.

    On PostgreSQL asyncpg cancels a query when its task is cancelled, so this does nothing.
    On SQLite tortoise shares one connection whose statements run in aiosqlite's thread: a
    cancelled task stops waiting, but its statement runs on and blocks every other request.
    Each request's work runs under a :meth:`tag`; :meth:`interrupt` calls sqlite3's
    ``interrupt()`` only while the connection lock is held by that tag's work, so the
    statement it stops is that request's (tortoise runs one statement at a time under the
    lock, transactions included).
    """

    def __init__(self, context: TortoiseContext) -> None:
        client = context.db()
        self._client: SqliteClient | None = None
        if isinstance(client, SqliteClient):
            client._lock = _OwnedLock()
            self._client = client

    @staticmethod
    def tag() -> object:
        """Mark the current context's database work (and its child tasks') with a new tag."""
        tag = object()
        _work_tag.set(tag)
        return tag

    def interrupt(self, tag: object) -> bool:
        """Interrupt the running statement if it is ``tag``'s work; whether one was."""
        client = self._client
        if client is None or client._connection is None:
            return False
        lock = client._lock
        if not (isinstance(lock, _OwnedLock) and lock.locked() and lock.owner is tag):
            return False
        client._connection._conn.interrupt()
        return True


def dialect(model: type[Model]) -> str:
    """The kind of database ``model``'s rows live in now: ``"postgres"``, ``"sqlite"``, …"""
    name: str = model._meta.db.capabilities.dialect
    return name


def has_column(model: type[Model], attribute: str) -> bool:
    """Whether ``attribute`` is a column of ``model`` (``org_unit_id``, not ``org_unit``)."""
    return attribute in model._meta.fields_db_projection


def column_length(model: type[Model], field: str) -> int:
    """The ``max_length`` of a model's text column, which inputs are checked against."""
    length = getattr(model._meta.fields_map[field], "max_length", None)
    if not isinstance(length, int):
        raise TypeError(f"{model.__name__}.{field} has no max_length")
    return length


# --------------------------------------------------------------------------------------------
# Reading rows without building model instances
# --------------------------------------------------------------------------------------------

Row = Any
"""A read-only record of one table row: the model's field attributes (``org_unit_id`` for a
foreign key) and ``pk``, converted to Python exactly as the model would convert them, but not a
model instance (no methods, no relations, cannot be saved). What the read path builds nodes
from; typed ``Any`` because every model has its own attributes."""


@dataclass(frozen=True)
class _RowShape:
    """How one model's rows are read on one kind of database."""

    table: str
    pk_column: str
    columns: tuple[str, ...]
    """The database columns, in the record's attribute order."""
    make: Callable[[Iterable[Any]], Row]

    def rows(self, records: Sequence[Any]) -> list[Row]:
        """Records for the driver's rows (asyncpg records, sqlite3 rows), columns found by name."""
        if not records:
            return []
        positions = {key: index for index, key in enumerate(records[0].keys())}
        pick = itemgetter(*(positions[column] for column in self.columns))
        make = self.make
        return [make(pick(record)) for record in records]

    def selected(self, alias: str) -> str:
        return ", ".join(f'{alias}."{column}"' for column in self.columns)


_shapes: dict[tuple[type[Model], str], _RowShape] = {}


def _shape(model: type[Model], db: BaseDBAsyncClient) -> _RowShape:
    """The row shape of ``model`` on ``db``'s kind of database, made once.

    A record holds the driver's values; a column the model converts (an enum, a date on
    SQLite) is converted when its attribute is read, as the model would convert it, so a
    column nobody reads (``created_at`` on a page) costs nothing.
    """
    dialect = db.capabilities.dialect
    shape = _shapes.get((model, dialect))
    if shape is not None:
        return shape
    meta = model._meta
    attributes = {column: meta.fields_db_projection_reverse[column] for column in meta.db_fields}
    columns = tuple(attributes)
    native = set(db.executor_class.DB_NATIVE)
    namespace: dict[str, Any] = {
        "__slots__": (),
        "pk": property(itemgetter(columns.index(meta.db_pk_column))),
    }
    for index, column in enumerate(columns):
        field = meta.fields_map[attributes[column]]
        plain = type(field).to_python_value is Field.to_python_value
        if field.field_type in native and (plain or field.skip_to_python_if_native):
            continue
        namespace[attributes[column]] = property(_reader(index, field, plain))
    # A named tuple (attribute reads in C), its converted columns overridden by properties.
    record = namedtuple(f"{model.__name__}Row", [attributes[column] for column in columns])  # type: ignore[misc]
    row_class: Any = type(record.__name__, (record,), namespace)
    shape = _RowShape(meta.db_table, meta.db_pk_column, columns, row_class._make)
    _shapes[model, dialect] = shape
    return shape


def _reader(index: int, field: Field[Any], plain: bool) -> Callable[[tuple[Any, ...]], Any]:
    """How a record's attribute converts its column as ``field.to_python_value`` would."""
    enum_type = getattr(field, "enum_type", None)
    if isinstance(enum_type, type) and issubclass(enum_type, Enum):
        # Enum columns are read for every node of a page: a look-up, not an enum call.
        members = enum_type._value2member_map_

        def enum_member(row: tuple[Any, ...]) -> Any:
            value = row[index]
            member = members.get(value)
            if member is None and value is not None:
                return field.to_python_value(value)
            return member

        return enum_member
    if plain:
        field_type = field.field_type

        def plain_value(row: tuple[Any, ...]) -> Any:
            value = row[index]
            return None if value is None else field_type(value)

        return plain_value
    convert = field.to_python_value
    return lambda row: convert(row[index])


async def read_rows(query: QuerySet[Any]) -> list[Row]:
    """The rows ``query`` selects, as :data:`Row` records rather than model instances.

    The statement is the one awaiting ``query`` runs (filters, order, limit, annotations); only
    building the results differs: a record per row instead of a model instance, about three
    times cheaper per row, which is most of a page's database time in Python.
    """
    if query._select_related or query._prefetch_map or query._prefetch_queries:
        raise ValueError("read_rows reads one table: no select_related or prefetch_related")
    query._choose_db_if_not_chosen()
    query._make_query()
    db = query._db
    _, records = await db.execute_query(*query.query.get_parameterized_sql())
    return _shape(query.model, db).rows(records)


async def read_rows_by_id(model: type[Model], keys: Iterable[int]) -> dict[int, Row]:
    """The rows of ``model`` with primary keys ``keys``, by key, in one statement.

    The statement is the same whatever the number of keys (the keys travel as one array or
    JSON parameter), so the database and the driver prepare it once.
    """
    rows, _ = await read_rows_by_id_joined(model, keys, ())
    return rows


@dataclass(frozen=True)
class Join:
    """A to-one relation read with its rows: the foreign-key attribute and the model it names."""

    key: str
    model: type[Model]


async def read_rows_by_id_joined(
    model: type[Model], keys: Iterable[int], joins: Sequence[Join]
) -> tuple[dict[int, Row], list[dict[int, Row]]]:
    """The rows of ``model`` with primary keys ``keys`` and, for each join, the rows their
    foreign key names, in one statement (``LEFT JOIN``s).

    Returns the rows by key and, per join in order, the joined rows by key. One statement
    instead of one per level: a roster's officials come with their org units and posts.
    """
    keys = list(keys)
    if not keys:
        return {}, [{} for _ in joins]
    db = model._meta.db
    dialect = db.capabilities.dialect
    if dialect not in ("postgres", "sqlite"):
        rows = {row.pk: row for row in await read_rows(model.filter(pk__in=keys))}
        return rows, [await _joined_apart(join, rows.values()) for join in joins]
    statement, shapes, foreign, bounds = _by_ids_statement(model, joins, db)
    parameter = keys if dialect == "postgres" else json.dumps(keys)
    _, records = await db.execute_query(statement, [parameter])
    main, *joined = shapes
    by_id: dict[int, Row] = {}
    related: list[dict[int, Row]] = [{} for _ in joins]
    for record in records:
        values = tuple(record)
        start, end = bounds[0]
        row = main.make(values[start:end])
        by_id[row.pk] = row
        for index, shape in enumerate(joined):
            start, end = bounds[index + 1]
            pk = values[start + foreign[index]]
            if pk is not None and pk not in related[index]:
                related[index][pk] = shape.make(values[start:end])
    return by_id, related


def _bounds(shapes: Sequence[_RowShape]) -> list[tuple[int, int]]:
    bounds = []
    start = 0
    for shape in shapes:
        bounds.append((start, start + len(shape.columns)))
        start += len(shape.columns)
    return bounds


_Statement = tuple[str, list[_RowShape], list[int], list[tuple[int, int]]]
_statements: dict[tuple[type[Model], tuple[Join, ...], str], _Statement] = {}


def _by_ids_statement(
    model: type[Model], joins: Sequence[Join], db: BaseDBAsyncClient
) -> _Statement:
    """The statement reading rows by keys with their joins, the shapes in column order, the
    position of each joined table's primary key among its columns, and each shape's slice of a
    record; made once."""
    dialect = db.capabilities.dialect
    cache_key = (model, tuple(joins), dialect)
    cached = _statements.get(cache_key)
    if cached is not None:
        return cached
    main = _shape(model, db)
    shapes = [main] + [_shape(join.model, db) for join in joins]
    selected = ", ".join(shape.selected(f"t{index}") for index, shape in enumerate(shapes))
    tables = [f'"{main.table}" t0']
    for index, join in enumerate(joins, start=1):
        column = model._meta.fields_db_projection[join.key]
        target = shapes[index]
        tables.append(
            f'LEFT JOIN "{target.table}" t{index} ON t{index}."{target.pk_column}" = t0."{column}"'
        )
    keys = "= ANY($1)" if dialect == "postgres" else "IN (SELECT value FROM json_each(?))"
    statement = f'SELECT {selected} FROM {" ".join(tables)} WHERE t0."{main.pk_column}" {keys}'
    foreign = [shape.columns.index(shape.pk_column) for shape in shapes[1:]]
    cached = _statements[cache_key] = (statement, shapes, foreign, _bounds(shapes))
    return cached


async def _joined_apart(join: Join, rows: Iterable[Row]) -> dict[int, Row]:
    """A join's rows read in a statement of their own (databases without a joined statement)."""
    keys = {getattr(row, join.key) for row in rows} - {None}
    if not keys:
        return {}
    return {row.pk: row for row in await read_rows(join.model.filter(pk__in=keys))}


# --------------------------------------------------------------------------------------------
# Nested pages: the first rows of each parent, in one statement
# --------------------------------------------------------------------------------------------

PAGE_POSITION = "page_position"
"""The column the window function numbers each parent's rows in."""


async def read_pages_by_parent(
    query: QuerySet[Any],
    parent: str,
    parents: Iterable[int],
    order_by: Sequence[str],
    limit: int,
) -> list[Row]:
    """The first ``limit`` rows of ``query`` for each of ``parents``, in one statement.

    ``parent`` is the attribute holding the parent's key (``cohort_id``), ``order_by`` the
    order within a parent (``["starts_at", "id"]``, ``"-id"`` for descending). The rows are
    numbered per parent by a window function (``ROW_NUMBER() OVER (PARTITION BY parent ORDER
    BY …)``, on SQLite and PostgreSQL alike) and cut at ``limit``, so the work is bounded by
    parents × limit, served by an index on (parent, order columns). ``query`` carries the
    filters, the viewer's scope and a cursor's condition; it is the same for every parent.

    Returns the rows ordered by parent, then in ``order_by`` order.
    """
    keys = sorted(set(parents))
    if not keys:
        return []
    model = query.model
    columns = model._meta.fields_db_projection
    terms = []
    for attribute in order_by:
        descending = attribute.startswith("-")
        column = columns[attribute.lstrip("-")]
        terms.append(f'"{column}" {"DESC" if descending else "ASC"}')
    order = ", ".join(terms)
    parent_column = columns[parent]
    window = RawSQL(f'ROW_NUMBER() OVER (PARTITION BY "{parent_column}" ORDER BY {order})')
    numbered = query.filter(**{f"{parent}__in": keys}).annotate(**{PAGE_POSITION: window})
    numbered._choose_db_if_not_chosen()
    numbered._make_query()
    db = numbered._db
    inner, parameters = numbered.query.get_parameterized_sql()
    statement = (
        f'SELECT * FROM ({inner}) AS "ranked" WHERE "{PAGE_POSITION}" <= {limit:d} '
        f'ORDER BY "{parent_column}", {order}'
    )
    _, records = await db.execute_query(statement, parameters)
    return _shape(model, db).rows(records)
