"""Declaring how many items a plain list field returns at most, for the query cost analysis.

A plain (non-connection) list of objects counts as its declared maximum in the cost analysis
(``schema/validation.py``). The maxima themselves live in ``core/limits.py``, where the writes
that grow each list enforce them; this module only attaches them to the GraphQL fields:

- on a field: ``@strawberry.field(description=..., metadata=list_bound(MAX_TOPICS_PER_TRACK))``;
- on a type, for every list of it that declares nothing itself (a payload's ``errors``):
  ``@bounded_lists(MAX_USER_ERRORS)`` above ``@strawberry.type``.

A list of objects declared neither way is reported by
:func:`schema.validation.undeclared_list_fields`, which start-up checks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, TypeVar

from graphql import GraphQLField, GraphQLNamedType

LIST_BOUND_KEY: Final = "hocviec.max_items"
"""Key of the declared maximum in a strawberry field's ``metadata`` (and a type's attribute)."""

_TYPE_BOUND_ATTRIBUTE: Final = "__hocviec_max_items__"

T = TypeVar("T")


def list_bound(max_items: int) -> dict[str, int]:
    """Strawberry field metadata declaring that the list holds at most ``max_items`` items."""
    if max_items < 0:
        raise ValueError(f"a list bound cannot be negative: {max_items}")
    return {LIST_BOUND_KEY: max_items}


def bounded_lists(max_items: int) -> Callable[[T], T]:
    """Class decorator: every list of this type holds at most ``max_items`` items, unless the
    list field declares its own bound. Place it above ``@strawberry.type``."""
    list_bound(max_items)

    def declare(cls: T) -> T:
        setattr(cls, _TYPE_BOUND_ATTRIBUTE, max_items)
        return cls

    return declare


def declared_list_bound(field: GraphQLField, item_type: GraphQLNamedType) -> int | None:
    """The declared maximum of a list field (the field's own, else its item type's), if any."""
    definition: Any = field.extensions.get("strawberry-definition")
    metadata = getattr(definition, "metadata", None) or {}
    if LIST_BOUND_KEY in metadata:
        return int(metadata[LIST_BOUND_KEY])
    type_definition: Any = item_type.extensions.get("strawberry-definition")
    bound = getattr(getattr(type_definition, "origin", None), _TYPE_BOUND_ATTRIBUTE, None)
    return None if bound is None else int(bound)
