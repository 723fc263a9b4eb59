"""The ``Decimal`` scalar: exact numbers (scores, weights) as strings, taken as strings or
JSON numbers. Python's ``Decimal`` maps to it (``StrawberryConfig.scalar_map`` in
``schema.build``)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import strawberry


def parse_decimal(value: object) -> Decimal:
    """A client's value as a ``Decimal``: a JSON number is read by its shortest text (``8.1``
    is ``8.1``, not the float nearest to it), a string as written."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError("A Decimal is a number or a string holding one.")
    try:
        parsed = Decimal(repr(value) if isinstance(value, float) else str(value))
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a number.") from None
    if not parsed.is_finite():
        raise ValueError(f"{value!r} is not a finite number.")
    return parsed


DECIMAL = strawberry.scalar(
    name="Decimal",
    description='An exact decimal number, written as a string ("8.25"); inputs take a '
    "string or a JSON number (scores have two decimals, weights four).",
    serialize=str,
    parse_value=parse_decimal,
)
