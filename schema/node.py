"""The Relay ``Node`` base for types backed by a core model, resolved through DataLoaders."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar, Self

from strawberry import relay
from strawberry.types import Info
from tortoise.models import Model

from schema.ids import primary_key
from schema.permissions import Action, authorize


class ModelNode(relay.Node):
    """A node whose global ID wraps a model's integer primary key.

    Subclasses name the loader that fetches their rows, the action needed to read them, and
    build themselves from a row with ``from_model``.
    """

    loader_name: ClassVar[str]
    read_action: ClassVar[Action]

    @classmethod
    def from_model(cls, row: Any) -> Self:
        raise NotImplementedError

    @classmethod
    async def load(cls, info: Info, key: int) -> Self:
        """The node with primary key ``key`` (which must exist), after the permission check."""
        authorize(info, cls.read_action)
        row = await getattr(info.context.loaders, cls.loader_name).load(key)
        return cls.from_model(row)

    @classmethod
    def from_rows(cls, info: Info, rows: Iterable[Any]) -> list[Self]:
        """Nodes for rows a relation loader returned, after the permission check."""
        authorize(info, cls.read_action)
        return [cls.from_model(row) for row in rows]

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        authorize(info, cls.read_action)
        keys = [primary_key(node_id) for node_id in node_ids]
        loader = getattr(info.context.loaders, cls.loader_name)
        loaded = iter(await loader.load_many([key for key in keys if key is not None]))
        nodes: list[Self | None] = []
        for key in keys:
            row: Model | None = next(loaded) if key is not None else None
            nodes.append(cls.from_model(row) if row is not None else None)
        return nodes
