"""Built-in plugin: Commune civil servant tracks (công chức xã)."""

from __future__ import annotations

from hocviec import (
    ActivityKindDeclaration,
    DemoContext,
    PluginInfo,
    SchemeDeclaration,
    TrackDeclaration,
    hookimpl,
)
from plugins.commune_civil_servants import curriculum
from plugins.commune_civil_servants import demo as demo_data

VERSION = "0.1.0"


@hookimpl
def plugin_info() -> PluginInfo:
    return PluginInfo(
        id="commune_civil_servants",
        name="Commune civil servant tracks (công chức xã)",
        version=VERSION,
        core_versions=">=0.1,<0.2",
        description="Apprenticeship of commune civil servants, one track per specialty.",
    )


@hookimpl
def register_tracks() -> list[TrackDeclaration]:
    return curriculum.TRACKS


@hookimpl
def register_activity_kinds() -> list[ActivityKindDeclaration]:
    return curriculum.ACTIVITY_KINDS


@hookimpl
def register_assessment_schemes() -> list[SchemeDeclaration]:
    return curriculum.SCHEMES


@hookimpl
async def load_demo_data(demo: DemoContext) -> None:
    await demo_data.load(demo)
