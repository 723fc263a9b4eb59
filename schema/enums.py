"""Turn core enums into GraphQL enums with a description on every value."""

from __future__ import annotations

from enum import Enum
from typing import Any, cast

import strawberry


def described_enum(source: type[Enum], name: str, description: str, values: dict[Any, str]) -> Any:
    """A strawberry enum mirroring ``source`` (same member names and values), every value described.

    Missing a description for a member is a programming error and fails at import.
    """
    missing = [member.name for member in source if member not in values]
    if missing:
        raise ValueError(f"{name}: no description for {', '.join(missing)}")
    members = {
        member.name: strawberry.enum_value(member.value, description=values[member])
        for member in source
    }
    # The functional API makes a class; typeshed types its result as a member.
    mirror = cast(type[Enum], Enum(name, members))
    return strawberry.enum(mirror, name=name, description=description)


_members: dict[Any, dict[Any, Any]] = {}


def as_api(api_enum: Any, value: Enum | str) -> Any:
    """The member of ``api_enum`` for a core enum member or its raw value.

    Runs for every enum field of every node a page builds, so each answer is remembered by the
    value it was asked for (a core member or a raw value: a few per enum).
    """
    members = _members.get(api_enum)
    if members is None:
        members = _members[api_enum] = {}
    member = members.get(value)
    if member is None:
        member = api_enum(value.value if isinstance(value, Enum) else value)
        members[value] = member
    return member


def core_values(values: list[Any] | None) -> tuple[str, ...] | None:
    """Raw values of a list of API enum members (``None`` stays ``None``: no filter)."""
    return None if values is None else tuple(value.value for value in values)
