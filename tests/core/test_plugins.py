"""The plugin loader: the built-ins, HOCVIEC_PLUGINS, and every way a plugin is refused loudly.

Each refusal is a ``PluginError`` whose message names the plugin (by id, or by where it came from
when it has no usable id); nothing is skipped silently.
"""

from __future__ import annotations

import sys
from importlib.metadata import EntryPoint

import pytest
import strawberry

from core import plugins as plugin_loader
from core.declarations import PluginInfo, PostDeclaration, TopicDeclaration, TrackDeclaration
from core.hookspecs import hookimpl
from core.models import Track
from core.models.enums import PostKind
from core.plugins import PluginError, discover, load_plugins
from core.services.sync import sync_plugins
from core.settings import PluginSelection, Settings, parse_plugin_selection
from schema.build import build_schema
from tests.conftest import builtin_registry
from tests.fixtures.plugins import plugin_info
from tests.helpers import graphql_data

BUILT_INS = ["party_committee", "peoples_committee", "commune_civil_servants"]
ENTRY_POINT_SOURCE = "entry point 'land_officer' = hocviec_land_officer (from hocviec-land-officer)"


def load_with(*candidates: tuple[str, object], selection: PluginSelection | None = None):
    """Load the built-ins plus ``(source, plugin)`` candidates."""
    return load_plugins(
        selection, candidates=discover(include_entry_points=False) + list(candidates)
    )


class Identified:
    """A fake plugin with a valid identity; subclasses add hooks."""

    plugin_id = "land_officer"

    @hookimpl
    def plugin_info(self):
        return plugin_info(self.plugin_id)


# --------------------------------------------------------------------------------------------
# Happy paths
# --------------------------------------------------------------------------------------------


def test_the_built_ins_load_in_order():
    # when the built-ins load with no selection
    registry = builtin_registry()
    # then all three are enabled, in their declared order, each named by its source
    assert [p.info.id for p in registry.plugins] == BUILT_INS
    assert [p.source for p in registry.plugins] == [
        "built-in plugins.party_committee",
        "built-in plugins.peoples_committee",
        "built-in plugins.commune_civil_servants",
    ]
    assert [impl.plugin_name for impl in registry.implementations("register_tracks")] == BUILT_INS


@pytest.mark.parametrize(
    ("setting", "enabled"),
    [
        ("", BUILT_INS),
        ("*", BUILT_INS),
        ("-commune_civil_servants", ["party_committee", "peoples_committee"]),
        ("party_committee,peoples_committee", ["party_committee", "peoples_committee"]),
        ("commune_civil_servants", ["commune_civil_servants"]),
    ],
)
def test_hocviec_plugins_enables_the_selected_plugins(setting, enabled):
    # when plugins load with HOCVIEC_PLUGINS=setting
    registry = builtin_registry(parse_plugin_selection(setting))
    # then only the selected ones are enabled and their hooks called; the others are known
    assert [p.info.id for p in registry.plugins] == enabled
    assert [p.info.id for p in registry.all_plugins] == BUILT_INS
    assert {p.info.id for p in registry.all_plugins if not p.enabled} == set(BUILT_INS) - set(
        enabled
    )
    assert {plugin.info.id for plugin, _ in registry.tracks()} == set(enabled)


CIVIL_SERVANT_TRACKS = """
{
  tracks(filter: {pluginIds: ["commune_civil_servants"]}) {
    edges { node { code active } }
  }
}
"""


async def test_a_disabled_plugins_tracks_are_inactive_but_still_listed(client):
    # given the tracks of every built-in, synced
    assert await Track.filter(plugin_id="commune_civil_servants", is_active=True).count() == 4
    # when the app restarts with one plugin disabled
    await sync_plugins(builtin_registry(parse_plugin_selection("-commune_civil_servants")))
    # then its tracks are still there, inactive; the others stay active
    data = await graphql_data(client, CIVIL_SERVANT_TRACKS)
    assert [edge["node"] for edge in data["tracks"]["edges"]] == [
        {"code": "civil_servant_finance", "active": False},
        {"code": "civil_servant_justice", "active": False},
        {"code": "civil_servant_military", "active": False},
        {"code": "civil_servant_police", "active": False},
    ]
    assert not await Track.filter(plugin_id="party_committee", is_active=False).exists()
    # and enabling it again reactivates them
    await sync_plugins(builtin_registry())
    assert not await Track.filter(is_active=False).exists()


# --------------------------------------------------------------------------------------------
# plugin_info
# --------------------------------------------------------------------------------------------


class NoInfo:
    @hookimpl
    def register_tracks(self):
        return []


class RaisingInfo:
    @hookimpl
    def plugin_info(self):
        raise KeyError("version")


class DictInfo:
    @hookimpl
    def plugin_info(self):
        return {"id": "land_officer", "name": "Địa chính", "version": "1.0.0"}


@pytest.mark.parametrize(
    ("plugin", "reason"),
    [
        (NoInfo(), "does not implement the hook plugin_info"),
        (RaisingInfo(), "plugin_info failed: KeyError('version')"),
        (DictInfo(), "plugin_info must return a PluginInfo, not {'id': 'land_officer'"),
    ],
    ids=["missing", "raising", "wrong-type"],
)
def test_a_plugin_without_a_usable_plugin_info_is_refused(plugin, reason):
    with pytest.raises(PluginError) as raised:
        load_with((ENTRY_POINT_SOURCE, plugin))

    assert str(raised.value).startswith(ENTRY_POINT_SOURCE)
    assert reason in str(raised.value)


@pytest.mark.parametrize(
    "plugin_id", ["LandOfficer", "land-officer", "land officer", "1st_land", "l", "đất_đai"]
)
def test_a_plugin_id_must_be_lowercase_snake_case(plugin_id):
    class BadId:
        @hookimpl
        def plugin_info(self):
            return plugin_info(plugin_id)

    with pytest.raises(PluginError) as raised:
        load_with((ENTRY_POINT_SOURCE, BadId()))

    assert str(raised.value) == (
        f"{ENTRY_POINT_SOURCE}: plugin id {plugin_id!r} is not lowercase snake_case"
    )


def versions_plugin(core_versions: str) -> object:
    class Versioned:
        @hookimpl
        def plugin_info(self):
            return plugin_info("land_officer", core_versions=core_versions)

    return Versioned()


@pytest.mark.parametrize("core_versions", [">=9", "<0.1", "==0.2.*"])
def test_a_plugin_for_another_core_version_is_refused(core_versions):
    with pytest.raises(PluginError) as raised:
        load_with((ENTRY_POINT_SOURCE, versions_plugin(core_versions)))

    message = str(raised.value)
    assert message.startswith(f"plugin 'land_officer' ({ENTRY_POINT_SOURCE})")
    assert f"supports hocviec core {core_versions}, but this is core 0.1.0" in message


@pytest.mark.parametrize("core_versions", ["0.1+", "latest", ">=0.1;<0.2"])
def test_a_plugin_with_an_invalid_version_specifier_is_refused(core_versions):
    with pytest.raises(PluginError) as raised:
        load_with((ENTRY_POINT_SOURCE, versions_plugin(core_versions)))

    message = str(raised.value)
    assert message.startswith(f"plugin 'land_officer' ({ENTRY_POINT_SOURCE})")
    assert f"core_versions={core_versions!r}" in message
    assert "not a version specifier" in message


def test_two_plugins_with_one_id_are_refused():
    class PartyCommitteeAgain:
        @hookimpl
        def plugin_info(self):
            return plugin_info("party_committee")

    with pytest.raises(PluginError) as raised:
        load_with((ENTRY_POINT_SOURCE, PartyCommitteeAgain()))

    assert str(raised.value) == (
        "plugin id 'party_committee' is declared twice: by built-in plugins.party_committee "
        f"and by {ENTRY_POINT_SOURCE}"
    )


# --------------------------------------------------------------------------------------------
# Discovery and selection
# --------------------------------------------------------------------------------------------


def test_an_entry_point_that_fails_to_import_is_refused(tmp_path, monkeypatch):
    # given an installed entry point whose module cannot import a dependency
    (tmp_path / "hocviec_land_officer_broken.py").write_text(
        "import hocviec_geodesy_that_is_not_installed\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    entry_point = EntryPoint(
        name="land_officer", value="hocviec_land_officer_broken", group="hocviec"
    )
    monkeypatch.setattr(plugin_loader, "entry_points", lambda group: [entry_point])
    try:
        # when plugins are discovered
        with pytest.raises(PluginError) as raised:
            discover()
    finally:
        sys.modules.pop("hocviec_land_officer_broken", None)
    # then start-up stops, naming the entry point and the missing module
    message = str(raised.value)
    assert "entry point 'land_officer' = hocviec_land_officer_broken" in message
    assert "failed to load: ModuleNotFoundError(" in message
    assert "hocviec_geodesy_that_is_not_installed" in message


@pytest.mark.parametrize("setting", ["party_committee,land_officer", "-land_officer"])
def test_hocviec_plugins_naming_an_unknown_plugin_is_refused(setting):
    with pytest.raises(PluginError) as raised:
        builtin_registry(parse_plugin_selection(setting))

    assert str(raised.value) == (
        "HOCVIEC_PLUGINS names unknown plugin(s): land_officer; known plugins: "
        "commune_civil_servants, party_committee, peoples_committee"
    )


# --------------------------------------------------------------------------------------------
# Hook implementations
# --------------------------------------------------------------------------------------------


class Misspelled(Identified):
    @hookimpl
    def register_trakcs(self):
        return []


def test_a_misspelled_hook_is_caught_by_check_pending():
    with pytest.raises(PluginError) as raised:
        load_with(("test", Misspelled()))

    assert "implements an unknown hook" in str(raised.value)
    assert "'register_trakcs'" in str(raised.value)
    assert "'land_officer'" in str(raised.value)


def test_a_misspelled_hook_of_a_disabled_plugin_does_not_stop_start_up():
    registry = load_with(("test", Misspelled()), selection=parse_plugin_selection("-land_officer"))

    assert [p.info.id for p in registry.plugins] == BUILT_INS


class UnknownArgument(Identified):
    @hookimpl
    def cohort_status_changed(self, cohort, status):
        return None


def test_a_hook_with_an_argument_the_spec_lacks_is_refused():
    with pytest.raises(PluginError) as raised:
        load_with(("test", UnknownArgument()))

    assert str(raised.value).startswith("plugin 'land_officer' is invalid: ")
    assert "{'status'}" in str(raised.value)


class FailingTracks(Identified):
    @hookimpl
    def register_tracks(self):
        raise FileNotFoundError("curriculum/dia_chinh.yaml")


def test_a_list_hook_that_raises_names_the_plugin_and_the_hook():
    registry = load_with(("test", FailingTracks()))

    with pytest.raises(PluginError) as raised:
        registry.tracks()

    assert str(raised.value) == (
        "plugin 'land_officer' failed in register_tracks: "
        "FileNotFoundError('curriculum/dia_chinh.yaml')"
    )


# --------------------------------------------------------------------------------------------
# Clashing tracks and posts
# --------------------------------------------------------------------------------------------

LAND_OFFICER = PostDeclaration(
    "land_officer",
    "Công chức Địa chính – Xây dựng",
    "Land Administration – Construction officer",
    PostKind.CIVIL_SERVANT,
)


def track(code: str, *posts: PostDeclaration, topics=()) -> TrackDeclaration:
    return TrackDeclaration(
        code=code,
        title="Học việc chức danh Công chức Địa chính – Xây dựng",
        title_en="Apprenticeship for commune land administration officers",
        posts=posts,
        topics=topics,
    )


class Tracks:
    def __init__(self, plugin_id: str, *tracks: TrackDeclaration) -> None:
        self.plugin_id = plugin_id
        self.tracks = list(tracks)

    @hookimpl
    def plugin_info(self):
        return plugin_info(self.plugin_id)

    @hookimpl
    def register_tracks(self):
        return self.tracks


def test_two_plugins_declaring_one_track_code_are_refused():
    registry = load_with(
        ("test", Tracks("land_officer", track("land_officer", LAND_OFFICER))),
        ("test", Tracks("land_registry", track("land_officer", LAND_OFFICER))),
    )

    with pytest.raises(PluginError) as raised:
        registry.tracks()

    assert str(raised.value) == (
        "plugins 'land_officer' and 'land_registry' both declare track 'land_officer'"
    )


def test_a_plugin_reusing_a_built_in_track_code_is_refused():
    registry = load_with(("test", Tracks("land_officer", track("party_committee", LAND_OFFICER))))

    with pytest.raises(PluginError) as raised:
        registry.tracks()

    assert str(raised.value) == (
        "plugins 'party_committee' and 'land_officer' both declare track 'party_committee'"
    )


def test_a_post_declared_differently_by_two_plugins_is_refused():
    renamed = PostDeclaration(
        "land_officer", "Công chức Địa chính", "Land officer", PostKind.CIVIL_SERVANT
    )
    registry = load_with(
        ("test", Tracks("land_officer", track("land_officer", LAND_OFFICER))),
        ("test", Tracks("land_registry", track("land_registry", renamed))),
    )

    with pytest.raises(PluginError) as raised:
        registry.tracks()

    assert str(raised.value) == (
        "plugins 'land_officer' and 'land_registry' declare post 'land_officer' differently"
    )


def test_a_post_declared_identically_by_two_plugins_is_shared():
    registry = load_with(
        ("test", Tracks("land_officer", track("land_officer", LAND_OFFICER))),
        ("test", Tracks("land_registry", track("land_registry", LAND_OFFICER))),
    )

    codes = [(plugin.info.id, declared.code) for plugin, declared in registry.tracks()]

    assert codes[-2:] == [
        ("land_officer", "land_officer"),
        ("land_registry", "land_registry"),
    ]


@pytest.mark.parametrize(
    ("declared", "reason"),
    [
        (track("land_officer"), "track 'land_officer' declares no posts"),
        (
            track(
                "land_officer",
                LAND_OFFICER,
                topics=(
                    TopicDeclaration("LA01", "Đo đạc, chỉnh lý bản đồ địa chính"),
                    TopicDeclaration("LA01", "Quản lý trật tự xây dựng"),
                ),
            ),
            "track 'land_officer' repeats topic code(s) LA01",
        ),
    ],
    ids=["no-posts", "repeated-topic"],
)
def test_a_malformed_track_is_refused(declared, reason):
    registry = load_with(("test", Tracks("land_officer", declared)))

    with pytest.raises(PluginError) as raised:
        registry.tracks()

    assert str(raised.value) == f"plugin 'land_officer': {reason}"


# --------------------------------------------------------------------------------------------
# GraphQL names (build_schema refuses before any schema is built)
# --------------------------------------------------------------------------------------------


@strawberry.type
class UnprefixedQueries:
    @strawberry.field(description="Parcels registered in the district.")
    def registered_parcels(self) -> int:
        return 0


@strawberry.type
class LandOfficerQueries:
    @strawberry.field(description="Parcels registered in the district.")
    def land_officer_parcels(self) -> int:
        return 0


@strawberry.type
class LandOfficerMutations:
    @strawberry.mutation(description="Recount the parcels.")
    def recount_parcels(self) -> int:
        return 0


@strawberry.type(description="A land parcel.")
class Parcel:
    number: str


class QueryFields:
    def __init__(self, plugin_id: str, *roots: type) -> None:
        self.plugin_id = plugin_id
        self.roots = list(roots)

    @hookimpl
    def plugin_info(self):
        return plugin_info(self.plugin_id)

    @hookimpl
    def register_query_fields(self):
        return self.roots


class MutationFields(Identified):
    @hookimpl
    def register_mutation_fields(self):
        return [LandOfficerMutations]


class GraphQLTypes(Identified):
    @hookimpl
    def register_graphql_types(self):
        return [Parcel]


def test_a_root_query_field_without_the_plugin_prefix_is_refused():
    registry = load_with(("test", QueryFields("land_officer", UnprefixedQueries)))

    with pytest.raises(PluginError) as raised:
        build_schema(registry, Settings())

    assert str(raised.value) == (
        "plugin 'land_officer': root field 'registeredParcels' must start with 'landOfficer'"
    )


def test_a_root_mutation_field_without_the_plugin_prefix_is_refused():
    registry = load_with(("test", MutationFields()))

    with pytest.raises(PluginError) as raised:
        build_schema(registry, Settings())

    assert str(raised.value) == (
        "plugin 'land_officer': root field 'recountParcels' must start with 'landOfficer'"
    )


def test_a_root_field_that_is_not_a_strawberry_type_is_refused():
    class PlainQueries:
        def land_officer_parcels(self) -> int:
            return 0

    registry = load_with(("test", QueryFields("land_officer", PlainQueries)))

    with pytest.raises(PluginError) as raised:
        build_schema(registry, Settings())

    assert str(raised.value).startswith("plugin 'land_officer': register_query_fields returned ")
    assert "which is not a strawberry type" in str(raised.value)


def test_two_plugins_defining_one_root_field_are_refused():
    # given plugins "land" and "land_officer": "landOfficerParcels" carries both prefixes
    registry = load_with(
        ("test", QueryFields("land", LandOfficerQueries)),
        ("test", QueryFields("land_officer", LandOfficerQueries)),
    )

    with pytest.raises(PluginError) as raised:
        build_schema(registry, Settings())

    assert str(raised.value) == (
        "Query.landOfficerParcels is defined by plugin 'land' and by plugin 'land_officer'"
    )


def test_a_plugin_redefining_a_core_root_field_is_refused():
    @strawberry.type
    class PluginsQueries:
        @strawberry.field(description="Shadows the core's plugins field.")
        def plugins(self) -> int:
            return 0

    registry = load_with(("test", QueryFields("plugins", PluginsQueries)))

    with pytest.raises(PluginError) as raised:
        build_schema(registry, Settings())

    assert str(raised.value) == "Query.plugins is defined by core and by plugin 'plugins'"


def test_a_graphql_type_without_the_plugin_prefix_is_refused():
    registry = load_with(("test", GraphQLTypes()))

    with pytest.raises(PluginError) as raised:
        build_schema(registry, Settings())

    assert str(raised.value) == (
        "plugin 'land_officer': GraphQL type 'Parcel' must start with 'LandOfficer'"
    )


def test_an_object_that_is_not_a_strawberry_type_is_refused():
    class NotAType(Identified):
        @hookimpl
        def register_graphql_types(self):
            return [PluginInfo]

    registry = load_with(("test", NotAType()))

    with pytest.raises(PluginError) as raised:
        build_schema(registry, Settings())

    assert str(raised.value).startswith("plugin 'land_officer': ")
    assert "is not a strawberry type" in str(raised.value)


@strawberry.type(description="A visit to a commune.")
class Visit:
    commune: str = strawberry.field(description="Commune visited.")


@strawberry.type
class LandOfficerVisitQueries:
    @strawberry.field(description="The last visit.")
    def land_officer_last_visit(self) -> Visit:
        return Visit(commune="Xã Vĩnh Hảo")


def test_a_type_reached_from_a_plugin_field_needs_the_prefix_too():
    registry = load_with(("test", QueryFields("land_officer", LandOfficerVisitQueries)))

    with pytest.raises(PluginError) as raised:
        build_schema(registry, Settings())

    assert str(raised.value) == (
        "plugin 'land_officer': GraphQL type 'Visit' must start with 'LandOfficer'"
    )


@strawberry.type(name="Official", description="Not the core's official.")
class ShadowOfficial:
    name: str = strawberry.field(description="A name.")


@strawberry.type
class ShadowQueries:
    @strawberry.field(description="Returns the shadow type.")
    def land_officer_shadow(self) -> ShadowOfficial:
        return ShadowOfficial(name="x")


def test_a_plugin_type_named_like_a_core_type_names_the_plugin():
    registry = load_with(("test", QueryFields("land_officer", ShadowQueries)))

    with pytest.raises(PluginError) as raised:
        build_schema(registry, Settings())

    assert str(raised.value).startswith("plugin 'land_officer': ")
    assert "Official" in str(raised.value)


@strawberry.type(name="LandOfficerNote", description="A note.")
class FirstNote:
    text: str = strawberry.field(description="The text.")


@strawberry.type(name="LandOfficerNote", description="Another note.")
class SecondNote:
    body: str = strawberry.field(description="The body.")


@strawberry.type
class FirstNoteQueries:
    @strawberry.field(description="A note.")
    def land_officer_first_note(self) -> FirstNote:
        return FirstNote(text="x")


@strawberry.type
class SecondNoteQueries:
    @strawberry.field(description="Another note.")
    def land_officer_second_note(self) -> SecondNote:
        return SecondNote(body="x")


def test_two_plugins_bringing_one_type_name_are_refused_naming_both():
    # given "land" and "land_officer": a type "LandOfficerNote" carries both prefixes
    registry = load_with(
        ("test", QueryFields("land", FirstNoteQueries)),
        ("test", QueryFields("land_officer", SecondNoteQueries)),
    )

    with pytest.raises(PluginError) as raised:
        build_schema(registry, Settings())

    assert str(raised.value) == (
        "plugins 'land' and 'land_officer' both define GraphQL type 'LandOfficerNote'"
    )
