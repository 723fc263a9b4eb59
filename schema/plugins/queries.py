"""Root query field listing the enabled plugins."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from core import permissions
from core.limits import MAX_PLUGINS
from schema.limits import list_bound
from schema.permissions import authorize_loaded
from schema.plugins.types import Plugin


@strawberry.type
class PluginQueries:
    @strawberry.field(
        description="The enabled plugins, in load order (a handful: not paginated).",
        metadata=list_bound(MAX_PLUGINS),
    )
    def plugins(self, info: Info) -> list[Plugin]:
        authorize_loaded(info, permissions.READ_CATALOGUE)
        registry = info.context.registry
        return [Plugin.from_loaded(plugin, registry) for plugin in registry.plugins]
