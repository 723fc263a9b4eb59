"""Checks of query arguments (filters) before they reach a service or the database.

Each kind of check is one function, used by every root field: a bad value is a top-level
``BAD_USER_INPUT`` error (:class:`~schema.errors.BadArgumentError`) whose ``extensions.argument``
names it as the client wrote it (``filter.name``, ``filter.trackIds``). The checks are the
same on SQLite and PostgreSQL, so both databases answer a client's mistake alike:

- text is at most the searched column's length, without NUL or lone surrogates (PostgreSQL
  refuses NUL, neither driver can encode a lone surrogate, SQLite refuses long LIKE patterns);
- lists hold at most :data:`MAX_FILTER_VALUES` values, far below the drivers' parameter
  limits, and no value twice.

Search patterns are literal: the services match them with ``contains``, which escapes ``%``,
``_`` and ``\\``.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Any, Final, TypeVar

from core.text import unstorable
from schema.errors import BadArgumentError
from schema.ids import decode_argument_id

CoreEnum = TypeVar("CoreEnum", bound=Enum)

MAX_FILTER_VALUES: Final = 100
"""Values one list filter may hold (IDs, plugin ids, enum values)."""


def text_argument(value: str | None, argument: str, max_length: int) -> str | None:
    """A text argument (a search pattern) checked for length and storable characters.

    ``max_length`` is the searched column's: longer text could never match.
    """
    return None if value is None else _checked_text(value, argument, max_length)


def _checked_text(value: str, argument: str, max_length: int) -> str:
    if len(value) > max_length:
        raise BadArgumentError(
            argument,
            f"{argument} takes at most {max_length} characters ({len(value)} given).",
        )
    if (reason := unstorable(value)) is not None:
        raise BadArgumentError(
            argument, f"The value of {argument} {reason[:1].lower()}{reason[1:]}"
        )
    return value


def text_list_argument(
    values: Sequence[str] | None, argument: str, max_length: int
) -> tuple[str, ...] | None:
    """A list of text values (codes, plugin ids): each as :func:`text_argument`, the list as
    :func:`_check_list`."""
    if values is None:
        return None
    _check_list(values, argument)
    return tuple(_checked_text(value, argument, max_length) for value in values)


def id_list_argument(
    values: Sequence[str] | None, expected: str, argument: str
) -> tuple[int, ...] | None:
    """A list of global IDs of type ``expected``; its size is checked before any is decoded."""
    if values is None:
        return None
    _check_list(values, argument)
    return tuple(decode_argument_id(value, expected, argument) for value in values)


def enum_list_argument(
    values: Sequence[Any] | None, argument: str, core: type[CoreEnum]
) -> tuple[CoreEnum, ...] | None:
    """A list of API enum members as the ``core`` enum's members (``None``: no filter)."""
    if values is None:
        return None
    _check_list(values, argument)
    return tuple(core(value.value if isinstance(value, Enum) else value) for value in values)


def _check_list(values: Sequence[Any], argument: str) -> None:
    if len(values) > MAX_FILTER_VALUES:
        raise BadArgumentError(
            argument,
            f"{argument} takes at most {MAX_FILTER_VALUES} values ({len(values)} given).",
        )
    if len(set(values)) != len(values):
        raise BadArgumentError(argument, f"{argument} names the same value more than once.")
