"""Built-in plugin: People's committee track (UBND)."""

from __future__ import annotations

from hocviec import DemoContext, PluginInfo, SchemeDeclaration, TrackDeclaration, hookimpl
from plugins.peoples_committee import curriculum
from plugins.peoples_committee import demo as demo_data

VERSION = "0.1.0"


@hookimpl
def plugin_info() -> PluginInfo:
    return PluginInfo(
        id="peoples_committee",
        name="People's committee track (UBND)",
        version=VERSION,
        core_versions=">=0.1,<0.2",
        description="Apprenticeship of commune People's Committee Chairs and Vice-Chairs.",
    )


@hookimpl
def register_tracks() -> list[TrackDeclaration]:
    return curriculum.TRACKS


@hookimpl
def register_assessment_schemes() -> list[SchemeDeclaration]:
    return [curriculum.SCHEME]


@hookimpl
async def load_demo_data(demo: DemoContext) -> None:
    await demo_data.load(demo)
