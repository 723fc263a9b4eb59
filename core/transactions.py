"""One transaction per mutation, and work that must wait until it is committed.

A mutation runs inside :func:`atomic`; the services it calls open their own transactions, which
become savepoints of the mutation's (tortoise nests them), so the mutation and its audit entry
commit or roll back together. What must only happen once the change is visible to others (a
plugin notified of a cohort's new status) is handed to :func:`on_commit`: it runs after the
outermost :func:`atomic` commits, and never if it rolls back. Outside :func:`atomic` (the CLI,
the demo loader, a test calling a service) it runs at once.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar

from tortoise.transactions import in_transaction

Callback = Callable[[], Awaitable[None]]

_pending: ContextVar[list[Callback] | None] = ContextVar("hocviec_on_commit", default=None)


@asynccontextmanager
async def atomic() -> AsyncIterator[None]:
    """A transaction; the :func:`on_commit` work given inside the outermost one runs after it
    commits, in order."""
    if _pending.get() is not None:
        async with in_transaction():
            yield
        return
    callbacks: list[Callback] = []
    token = _pending.set(callbacks)
    try:
        async with in_transaction():
            yield
    finally:
        _pending.reset(token)
    for callback in callbacks:
        await callback()


async def on_commit(callback: Callback) -> None:
    """Run ``callback`` once the current :func:`atomic` transaction commits (at once outside
    one)."""
    pending = _pending.get()
    if pending is None:
        await callback()
    else:
        pending.append(callback)
