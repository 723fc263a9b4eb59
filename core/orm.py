"""The private (and mistyped) tortoise APIs hocviec relies on, wrapped in one place.

tortoise 1.x has no public way to make a context current for one request without sharing the
reset token on the context object, nor to build the migration recorder's schema editor. Both
are used through this module only, so a tortoise upgrade that moves them touches this file.
"""

from __future__ import annotations

from contextvars import Token
from typing import Any, cast

from tortoise.context import TortoiseContext
from tortoise.context import _current_context as _tortoise_current_context
from tortoise.migrations.executor import MigrationExecutor
from tortoise.migrations.schema_editor.base import BaseSchemaEditor
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
