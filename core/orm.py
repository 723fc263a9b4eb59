"""The private (and mistyped) tortoise APIs hocviec relies on, wrapped in one place.

tortoise 1.x has no public way to make a context current for one request without sharing the
reset token on the context object, nor to build the migration recorder's schema editor, nor to
reach the SQLite connection to interrupt a statement. They are used through this
module only, so a tortoise upgrade that moves them touches this file.
"""

from __future__ import annotations

import asyncio
from contextvars import ContextVar, Token
from typing import Any, Literal, cast

from tortoise.backends.sqlite.client import SqliteClient
from tortoise.context import TortoiseContext
from tortoise.context import _current_context as _tortoise_current_context
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


def column_length(model: type[Model], field: str) -> int:
    """The ``max_length`` of a model's text column, which inputs are checked against."""
    length = getattr(model._meta.fields_map[field], "max_length", None)
    if not isinstance(length, int):
        raise TypeError(f"{model.__name__}.{field} has no max_length")
    return length
