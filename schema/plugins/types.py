"""GraphQL type describing an enabled plugin."""

from __future__ import annotations

import strawberry

from core.plugins import LoadedPlugin, PluginRegistry


@strawberry.type(description="An enabled plugin: a role track or another extension of hocviec.")
class Plugin:
    id: str = strawberry.field(description="Stable id, as used in HOCVIEC_PLUGINS.")
    name: str = strawberry.field(description="Human name.")
    version: str = strawberry.field(description="The plugin's own version.")
    core_versions: str = strawberry.field(
        description="hocviec core versions it supports (PEP 440)."
    )
    description: str = strawberry.field(description="What the plugin adds.")
    source: str = strawberry.field(description="Where it was found: built-in or an entry point.")
    track_codes: list[str] = strawberry.field(description="Codes of the tracks it declares.")

    @classmethod
    def from_loaded(cls, plugin: LoadedPlugin, registry: PluginRegistry) -> Plugin:
        return cls(
            id=plugin.info.id,
            name=plugin.info.name,
            version=plugin.info.version,
            core_versions=plugin.info.core_versions,
            description=plugin.info.description,
            source=plugin.source,
            track_codes=[track.code for owner, track in registry.tracks() if owner is plugin],
        )
