"""Built-in plugin: Party committee track (Đảng ủy)."""

from __future__ import annotations

from hocviec import DemoContext, PluginInfo, TrackDeclaration, hookimpl
from plugins.party_committee import curriculum
from plugins.party_committee import demo as demo_data

VERSION = "0.1.0"


@hookimpl
def plugin_info() -> PluginInfo:
    return PluginInfo(
        id="party_committee",
        name="Party committee track (Đảng ủy)",
        version=VERSION,
        core_versions=">=0.1,<0.2",
        description="Apprenticeship of commune Party Secretaries and Deputy Secretaries.",
    )


@hookimpl
def register_tracks() -> list[TrackDeclaration]:
    return curriculum.TRACKS


@hookimpl
async def load_demo_data(demo: DemoContext) -> None:
    await demo_data.load(demo)
