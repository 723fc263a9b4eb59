"""Relay global IDs ("TypeName:pk" in base64) decoded with errors that name the field."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from strawberry import relay

from core.services.errors import ErrorCode, ServiceError
from schema.errors import BadArgumentError

Value = TypeVar("Value")
Decoded = TypeVar("Decoded")

MAX_PRIMARY_KEY = 2**31 - 1
"""Primary keys are 32-bit integers; larger numbers cannot name a row."""


def encode_id(type_name: str, pk: int) -> str:
    return relay.to_base64(type_name, pk)


def _parse(value: str, expected: str) -> int | str:
    """The primary key in ``value``, or a message saying what is wrong with it."""
    try:
        type_name, raw = relay.from_base64(value)
    except Exception:
        return f"{value!r} is not a valid ID."
    if type_name != expected:
        return f"{value!r} is the ID of a {type_name}, not of a {expected}."
    key = primary_key(raw)
    return f"{value!r} is not a valid {expected} ID." if key is None else key


def primary_key(raw: str) -> int | None:
    """The primary key a global ID's node part names, or ``None`` if it cannot name a row."""
    if not (raw.isascii() and raw.isdigit()):
        return None
    key = int(raw)
    return key if 0 < key <= MAX_PRIMARY_KEY else None


def decode_input_id(value: str, expected: str, field: str) -> int:
    """Decode an ID from a mutation input; a bad one becomes a ``UserError`` (``INVALID_ID``)."""
    parsed = _parse(value, expected)
    if isinstance(parsed, str):
        raise ServiceError.single(field, ErrorCode.INVALID_ID, parsed)
    return parsed


def decode_input_ids(values: Iterable[str], expected: str, field: str) -> tuple[int, ...]:
    return tuple(decode_input_id(value, expected, field) for value in values)


def decode_argument_id(value: str, expected: str, argument: str) -> int:
    """Decode an ID from a query argument; a bad one is a top-level ``BAD_USER_INPUT`` error."""
    parsed = _parse(value, expected)
    if isinstance(parsed, str):
        raise BadArgumentError(argument, parsed)
    return parsed


def decode_argument_ids(values: Iterable[str], expected: str, argument: str) -> tuple[int, ...]:
    return tuple(decode_argument_id(value, expected, argument) for value in values)


def optional(
    decode: Callable[[Value, str, str], Decoded], value: Value | None, expected: str, name: str
) -> Decoded | None:
    """Apply one of the decoders above to an ID (or ID list) that may be omitted.

    ``None`` stays ``None``: in a filter it means "no filter", in an update "no change".
    """
    return None if value is None else decode(value, expected, name)
