"""Relay global IDs ("TypeName:pk" in base64) decoded with errors that name the field.

In a mutation input a bad ID is an ``INVALID_ID`` problem recorded in the mutation's
:class:`~core.services.errors.ErrorCollector`, so it is reported with the input's other
problems; in a query argument it is a top-level ``BAD_USER_INPUT`` error
(:class:`~schema.errors.BadArgumentError`). Messages quote at most :data:`SHOWN_LENGTH`
characters of what the client sent.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final, TypeVar

from strawberry import relay

from core.services.errors import ErrorCode, ErrorCollector, too_many_ids
from core.text import with_article
from schema.errors import BadArgumentError

Value = TypeVar("Value")
Decoded = TypeVar("Decoded")

MAX_PRIMARY_KEY = 2**31 - 1
"""Primary keys are 32-bit integers; larger numbers cannot name a row."""

NO_KEY: Final = 0
"""What :func:`input_id` returns for a malformed ID: it names no row (keys start at 1), and the
field's problem is already recorded, so services skip looking it up."""

MAX_ID_LENGTH: Final = 128
"""No valid ID is longer (base64 of a type name and a 32-bit key): longer input is refused
without decoding it."""

SHOWN_LENGTH: Final = 40
"""Characters of a client's value quoted in an error message (the value may be megabytes)."""


def encode_id(type_name: str, pk: int) -> str:
    return relay.to_base64(type_name, pk)


def shown(value: str) -> str:
    """``value`` quoted for a message, cut to :data:`SHOWN_LENGTH` characters."""
    if len(value) <= SHOWN_LENGTH:
        return repr(value)
    return f"{value[:SHOWN_LENGTH]!r}… ({len(value)} characters)"


def _parse(value: str, expected: str) -> int | str:
    """The primary key in ``value``, or a message saying what is wrong with it."""
    if len(value) > MAX_ID_LENGTH:
        return f"{shown(value)} is not a valid ID."
    try:
        type_name, raw = relay.from_base64(value)
    except Exception:
        return f"{shown(value)} is not a valid ID."
    if type_name != expected:
        return (
            f"{shown(value)} is the ID of {with_article(type_name[:SHOWN_LENGTH])}, "
            f"not of {with_article(expected)}."
        )
    key = primary_key(raw)
    return f"{shown(value)} is not a valid ID of {with_article(expected)}." if key is None else key


def primary_key(raw: str) -> int | None:
    """The primary key a global ID's node part names, or ``None`` if it cannot name a row."""
    if not (raw.isascii() and raw.isdigit()):
        return None
    key = int(raw)
    return key if 0 < key <= MAX_PRIMARY_KEY else None


def decoded_id(value: str, expected: str) -> int | None:
    """The primary key a global ID of type ``expected`` names, or ``None`` when it is malformed
    or of another type (for a caller outside GraphQL: ``GET /files/{id}``)."""
    parsed = _parse(value, expected)
    return parsed if isinstance(parsed, int) else None


def input_id(errors: ErrorCollector, value: str, expected: str, field: str) -> int:
    """Decode an ID from a mutation input; a bad one is recorded as ``INVALID_ID``.

    :returns: the primary key, or :data:`NO_KEY` when the ID is malformed.
    """
    parsed = _parse(value, expected)
    if isinstance(parsed, str):
        errors.add(field, ErrorCode.INVALID_ID, parsed)
        return NO_KEY
    return parsed


def optional_input_id(
    errors: ErrorCollector, value: str | None, expected: str, field: str
) -> int | None:
    """:func:`input_id` for an ID that may be omitted (``None`` stays ``None``)."""
    return None if value is None else input_id(errors, value, expected, field)


def input_ids(
    errors: ErrorCollector, values: Sequence[str], expected: str, field: str, maximum: int
) -> tuple[int, ...]:
    """Decode an ID list from a mutation input, recording its first problem.

    A list over ``maximum`` (the declared maximum of ``core.limits`` that the service also
    enforces) is refused as ``TOO_MANY`` without decoding it; malformed IDs are left out of the
    result, the first one recorded as ``INVALID_ID``.
    """
    if len(values) > maximum:
        errors.add(field, ErrorCode.TOO_MANY, too_many_ids(maximum, len(values)))
        return ()
    keys = (input_id(errors, value, expected, field) for value in values)
    return tuple(key for key in keys if key != NO_KEY)


def decode_argument_id(value: str, expected: str, argument: str) -> int:
    """Decode an ID from a query argument; a bad one is a top-level ``BAD_USER_INPUT`` error."""
    parsed = _parse(value, expected)
    if isinstance(parsed, str):
        raise BadArgumentError(argument, parsed)
    return parsed


def optional(
    decode: Callable[[Value, str, str], Decoded], value: Value | None, expected: str, name: str
) -> Decoded | None:
    """Apply one of the argument decoders to an ID (or ID list) that may be omitted.

    ``None`` stays ``None``: in a filter it means "no filter".
    """
    return None if value is None else decode(value, expected, name)
