"""The one test that proves entry-point discovery: an installed distribution becomes a plugin.

Every other test passes its plugins explicitly (``discover(include_entry_points=False)``).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from core.plugins import discover, load_plugins
from core.settings import Settings, parse_plugin_selection
from tests.fixtures.plugins import serving
from tests.helpers import graphql, graphql_data

MODULE = "hocviec_sample_track"
DISTRIBUTION = "hocviec-sample-track"
SOURCE = f"entry point 'sample_track' = {MODULE} (from {DISTRIBUTION})"

PLUGIN_SOURCE = '''
"""A role track shipped as its own distribution: commune office and statistics officers."""

import strawberry

from hocviec import (
    PluginInfo,
    PostDeclaration,
    PostKind,
    TopicDeclaration,
    TrackDeclaration,
    hookimpl,
)

OFFICE_STATISTICS = PostDeclaration(
    code="office_statistics",
    title="Công chức Văn phòng – Thống kê",
    title_en="Office – Statistics officer",
    kind=PostKind.CIVIL_SERVANT,
)


@hookimpl
def plugin_info():
    return PluginInfo(
        id="sample_track",
        name="Office and statistics track (Văn phòng – Thống kê)",
        version="1.0",
        core_versions=">=0.1,<0.2",
    )


@hookimpl
def register_tracks():
    return [
        TrackDeclaration(
            code="sample_track",
            title="Học việc chức danh Công chức Văn phòng – Thống kê",
            title_en="Apprenticeship for commune office and statistics officers",
            posts=(OFFICE_STATISTICS,),
            topics=(TopicDeclaration("VT01", "Soạn thảo và ban hành văn bản của UBND xã"),),
        )
    ]


@strawberry.type
class SampleTrackQueries:
    @strawberry.field(description="A greeting from the office and statistics track.")
    def sample_track_greeting(self) -> str:
        return "Xin chào từ Văn phòng – Thống kê"


@hookimpl
def register_query_fields():
    return [SampleTrackQueries]
'''

EVERYTHING = """
{ plugins { id } tracks { edges { node { code } } } sampleTrackGreeting }
"""
SAMPLE_TRACK = """
{ plugins { id } tracks(filter: {pluginIds: ["sample_track"]}) { edges { node { code active } } } }
"""
GREETING = "{ sampleTrackGreeting }"


def install_distribution(site: Path) -> None:
    """Write the module and its ``.dist-info`` as pip would install them into ``site``."""
    (site / f"{MODULE}.py").write_text(PLUGIN_SOURCE, encoding="utf-8")
    dist_info = site / f"{MODULE}-1.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {DISTRIBUTION}\nVersion: 1.0\n", encoding="utf-8"
    )
    (dist_info / "entry_points.txt").write_text(
        f"[hocviec]\nsample_track = {MODULE}\n", encoding="utf-8"
    )


async def test_an_installed_entry_point_is_discovered_and_served(
    tmp_path, monkeypatch, settings: Settings
):
    # given a distribution declaring an entry point in the group "hocviec", on sys.path
    install_distribution(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    try:
        # when plugins are discovered
        found = discover()
        # then it is found after the built-ins, its source naming the distribution
        sources = [source for source, _ in found]
        assert sources[:3] == [
            "built-in plugins.party_committee",
            "built-in plugins.peoples_committee",
            "built-in plugins.commune_civil_servants",
        ]
        assert SOURCE in sources
        assert dict(found)[SOURCE] is sys.modules[MODULE]

        # and an app built from the discovered plugins serves its field and its track
        async with serving(settings, load_plugins(candidates=found)) as http:
            data = await graphql_data(http, EVERYTHING)
        assert "sample_track" in [plugin["id"] for plugin in data["plugins"]]
        assert "sample_track" in [edge["node"]["code"] for edge in data["tracks"]["edges"]]
        assert data["sampleTrackGreeting"] == "Xin chào từ Văn phòng – Thống kê"

        # when the app restarts with HOCVIEC_PLUGINS=-sample_track
        selection = parse_plugin_selection("-sample_track")
        async with serving(settings, load_plugins(selection, candidates=discover())) as http:
            disabled = await graphql_data(http, SAMPLE_TRACK)
            refused = await graphql(http, GREETING)
        # then its field is gone from the schema and its track is still listed, inactive
        assert "sample_track" not in [plugin["id"] for plugin in disabled["plugins"]]
        assert disabled["tracks"]["edges"] == [{"node": {"code": "sample_track", "active": False}}]
        assert refused["errors"][0]["message"] == (
            "Cannot query field 'sampleTrackGreeting' on type 'Query'."
        )
    finally:
        sys.modules.pop(MODULE, None)
