"""The Relay ``Node`` base for types backed by a core model, resolved through DataLoaders."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Self

from strawberry import relay
from strawberry.types import Info
from tortoise.models import Model

from core.text import with_article
from schema.errors import BadArgumentError
from schema.ids import primary_key, shown
from schema.permissions import ForbiddenError, authorize, authorize_loaded
from schema.reads import ToOne

if TYPE_CHECKING:
    from core.services.access import Access

_NOT_ATTACHED = object()


class ModelNode(relay.Node):
    """A node whose global ID wraps a model's integer primary key.

    Subclasses name the loader that fetches their rows, the permission needed to read them,
    their to-one ``relations`` (see :mod:`schema.reads`), and build themselves from a row with
    ``from_model``.

    Rows of a scoped model (officials, enrollments, cohorts: see ``core.services.access``) are
    checked against the viewer's scope where they are reached directly (``node(id:)``,
    :meth:`load`); lists filter them in SQL. A relation (``relations``, a nested connection)
    leads only to rows inside its parent's scope by the scoping rules (an enrollment's official
    and cohort, an official's enrollments), so it asks for the permission alone.
    """

    loader_name: ClassVar[str]
    read_permission: ClassVar[str]
    relations: ClassVar[Mapping[str, ToOne]] = {}
    """To-one relations by GraphQL field name; a page loads the selected ones in one batch."""

    @classmethod
    def from_model(cls, row: Any) -> Self:
        raise NotImplementedError

    @classmethod
    def authorize(cls, info: Info) -> None:
        """Raise unless the request may read nodes of this type (nested resolvers)."""
        authorize_loaded(info, cls.read_permission)

    @classmethod
    def readable(cls, info: Info) -> bool:
        """Whether the request may read nodes of this type (without raising)."""
        return bool(info.context.loaded_access.allows(cls.read_permission))

    @classmethod
    async def load(cls, info: Info, key: int) -> Self:
        """The node with primary key ``key`` (which must exist), after the permission check
        and, for a scoped model, the scope check."""
        access = await cls.node_access(info)
        loader = getattr(info.context.loaders, cls.loader_name)
        if not await cls.reachable_keys(access, loader.model, {key}):
            raise ForbiddenError(f"This {cls.__name__} is outside what you may read.")
        return cls.from_model(await loader.load(key))

    @classmethod
    async def node_access(cls, info: Info) -> Access:
        """The request's access, once it may read nodes of this type at all (raises
        otherwise); where a node is reached directly (``node(id:)``, :meth:`load`)."""
        return await authorize(info, cls.read_permission)

    @classmethod
    async def reachable_keys(cls, access: Access, model: type[Model], keys: set[int]) -> set[int]:
        """Which of ``keys`` (of existing rows) ``access`` may read directly: by default the
        viewer's scope of the model (see ``core.services.access``)."""
        return await access.reachable(model, cls.read_permission, keys)

    @classmethod
    def from_rows(cls, info: Info, rows: Iterable[Any]) -> list[Self]:
        """Nodes for rows a relation loader returned, after the permission check."""
        authorize_loaded(info, cls.read_permission)
        return [cls.from_model(row) for row in rows]

    def attach(self, field_name: str, node: ModelNode | None) -> None:
        """Record the already loaded node (or ``None``) that relation ``field_name`` resolves to."""
        self.__dict__.setdefault("_attached", {})[field_name] = node

    def related(self, info: Info) -> Any:
        """Resolve the to-one relation of the current field (``info.field_name``).

        Returns the attached node when the page loaded it, else an awaitable of the DataLoader
        (graphql-core awaits it), so the resolver itself stays synchronous; hence ``Any``.
        """
        name = info.field_name
        attached = self.__dict__.get("_attached")
        if attached is not None:
            node = attached.get(name, _NOT_ATTACHED)
            if node is not _NOT_ATTACHED:
                return node
        relation = self.relations[name]
        key = getattr(self, relation.key)
        if key is None:
            return None
        return relation.target().load_related(info, key)

    @classmethod
    async def load_related(cls, info: Info, key: int) -> Self:
        """The node a relation leads to: inside the parent's scope, so the permission alone
        is checked (see the class docstring)."""
        authorize_loaded(info, cls.read_permission)
        return cls.from_model(await getattr(info.context.loaders, cls.loader_name).load(key))

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        access = await cls.node_access(info)
        keys = []
        for node_id in node_ids:
            if not (node_id.isascii() and node_id.isdigit()):
                # "Track:" or "Track:abc": the type is known, the key is malformed.
                raise BadArgumentError(
                    "id", f"{shown(node_id)} is not a valid key of {with_article(cls.__name__)} ID."
                )
            keys.append(primary_key(node_id))
        loader = getattr(info.context.loaders, cls.loader_name)
        found = iter(await loader.load_many([key for key in keys if key is not None]))
        # A key beyond the primary key's range is well formed and names no row: null.
        rows: list[Model | None] = [next(found) if key is not None else None for key in keys]
        existing = {row.pk for row in rows if row is not None}
        reachable = await cls.reachable_keys(access, loader.model, existing)
        if len(reachable) < len(existing):
            raise ForbiddenError(f"This {cls.__name__} is outside what you may read.")
        return [cls.from_model(row) if row is not None else None for row in rows]
