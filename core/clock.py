"""The one clock of the services: the current time, which tests and the demo loader can set.

Every rule that depends on the time (a test's window, a session's expiry, when a step was
taken) asks :func:`now`, so a past cohort can be replayed through the real services
(``with frozen(datetime(2019, 6, 12, 8, tzinfo=UTC)): ...``) and a test can move past a window
without waiting.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime, timedelta, timezone

VIETNAM_TIME = timezone(timedelta(hours=7), "ICT")
"""Vietnam's time, UTC+7 all year: the district's working hours (a session at 7:30, a test at
8:00) are given in it; the services keep UTC."""

_fixed: ContextVar[datetime | None] = ContextVar("hocviec_clock", default=None)


def now() -> datetime:
    """The current time, aware, in UTC (the set time while :func:`frozen` holds)."""
    return _fixed.get() or datetime.now(UTC)


@contextmanager
def frozen(at: datetime) -> Iterator[None]:
    """Make :func:`now` answer ``at`` (aware) within the block, in this task and those it
    starts."""
    if at.tzinfo is None:
        raise ValueError("the clock is set to an aware datetime")
    token = _fixed.set(at.astimezone(UTC))
    try:
        yield
    finally:
        _fixed.reset(token)
