"""Hooks are called through pluggy: wrappers work, failures name their plugin, order holds."""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import pytest
from pluggy import Result

from core.declarations import DemoContext, PostDeclaration, TopicDeclaration, TrackDeclaration
from core.hookspecs import hookimpl
from core.models import Cohort
from core.models.enums import CohortStatus, PostKind
from core.plugins import PluginError
from core.settings import PluginSelection
from tests.fixtures.plugins import plugin_info, registry_with

LAND_OFFICER = PostDeclaration(
    "land_officer",
    "Công chức Địa chính – Xây dựng",
    "Land Administration – Construction officer",
    PostKind.CIVIL_SERVANT,
)


def land_track(code: str) -> TrackDeclaration:
    return TrackDeclaration(
        code=code,
        title="Học việc Địa chính",
        title_en="Land administration apprenticeship",
        description="Apprenticeship of commune land officers.",
        posts=(LAND_OFFICER,),
        topics=(TopicDeclaration("parcels", "Quản lý thửa đất"),),
    )


class Identified:
    def __init__(self, plugin_id: str) -> None:
        self.plugin_id = plugin_id

    @hookimpl
    def plugin_info(self):
        return plugin_info(self.plugin_id)


class TrackAdder(Identified):
    """A new-style wrapper that adds a track of its own to what the others declared."""

    @hookimpl(wrapper=True)
    def register_tracks(self) -> Generator[None, list[list[TrackDeclaration]], Any]:
        declared = yield
        return [*declared, [land_track("land_admin")]]


class TrackCounter(Identified):
    """An old-style hookwrapper that looks at the outcome without changing it."""

    def __init__(self, plugin_id: str) -> None:
        super().__init__(plugin_id)
        self.seen: list[int] = []

    @hookimpl(hookwrapper=True)
    def register_tracks(self) -> Generator[None, Result[Any], None]:
        outcome = yield
        self.seen.append(sum(len(tracks) for tracks in outcome.get_result()))


class BrokenWrapper(Identified):
    @hookimpl(wrapper=True)
    def register_tracks(self) -> Generator[None, Any, Any]:
        yield
        raise KeyError("curriculum")


def test_a_new_style_wrapper_adds_a_track_owned_by_its_plugin():
    # given a plugin wrapping register_tracks (today's direct calls crashed on it)
    registry = registry_with(TrackAdder("land_officer"))
    # when the tracks are collected
    tracks = {track.code: plugin.info.id for plugin, track in registry.tracks()}
    # then the built-ins' tracks keep their owners and the added one is the wrapper's
    assert tracks["party_committee"] == "party_committee"
    assert tracks["land_admin"] == "land_officer"


def test_an_old_style_hookwrapper_sees_every_declared_track():
    counter = TrackCounter("land_officer")
    registry = registry_with(counter)

    tracks = registry.tracks()

    assert counter.seen == [len(tracks)]
    assert {plugin.info.id for plugin, _ in tracks} == {
        "party_committee",
        "peoples_committee",
        "commune_civil_servants",
    }


def test_a_failing_wrapper_names_its_plugin():
    registry = registry_with(BrokenWrapper("land_officer"))

    with pytest.raises(PluginError) as raised:
        registry.tracks()

    assert (
        str(raised.value)
        == "plugin 'land_officer' failed in register_tracks: KeyError('curriculum')"
    )


class SameRootAs(Identified):
    """Two plugins returning the very same object: each still owns its own contribution."""

    @hookimpl
    def register_graphql_types(self) -> list[object]:
        return [SameRootAs]


def test_the_same_object_from_two_plugins_belongs_to_each_in_turn():
    registry = registry_with(SameRootAs("land"), SameRootAs("land_officer"))

    owners = [
        plugin.info.id
        for plugin, item in registry.contributions("register_graphql_types")
        if item is SameRootAs  # (the built-in plugins contribute types of their own)
    ]

    assert owners == ["land", "land_officer"]


class Recorder(Identified):
    """Records, in one shared list, when its async demo hook runs; may be moved or fail."""

    def __init__(self, plugin_id: str, log: list[str], fail: bool = False) -> None:
        super().__init__(plugin_id)
        self.log = log
        self.fail = fail

    @hookimpl
    async def load_demo_data(self, demo: DemoContext) -> None:
        self.log.append(self.plugin_id)
        if self.fail:
            raise RuntimeError("hết giờ")


def only(*plugin_ids: str) -> PluginSelection:
    """Just these plugins (the built-ins' demo data needs a database)."""
    return PluginSelection(only=frozenset(plugin_ids))


class EarlyRecorder(Recorder):
    @hookimpl(tryfirst=True)
    async def load_demo_data(self, demo: DemoContext) -> None:
        self.log.append(self.plugin_id)


async def test_async_implementations_are_awaited_in_the_documented_order():
    # given plugins loaded in this order, one asking to go first
    log: list[str] = []
    registry = registry_with(
        Recorder("first_loaded", log),
        Recorder("second_loaded", log),
        EarlyRecorder("early", log),
        selection=only("first_loaded", "second_loaded", "early"),
    )
    # when the hook is called on every plugin
    await registry.call_each("load_demo_data", demo=DemoContext(seed=1))
    # then tryfirst comes first, then load order
    assert log == ["early", "first_loaded", "second_loaded"]


async def test_a_failing_async_implementation_stops_the_rest_and_names_its_plugin():
    log: list[str] = []
    registry = registry_with(
        Recorder("failing", log, fail=True),
        Recorder("after", log),
        selection=only("failing", "after"),
    )

    with pytest.raises(PluginError, match="plugin 'failing' failed in load_demo_data"):
        await registry.call_each("load_demo_data", demo=DemoContext(seed=1))

    assert log == ["failing"]  # the next plugin's coroutine was closed, never run


class SyncFailure(Identified):
    @hookimpl
    def cohort_status_changed(self, cohort: Cohort) -> None:
        raise ValueError("không gửi được tin nhắn")


class Listener(Identified):
    def __init__(self, plugin_id: str) -> None:
        super().__init__(plugin_id)
        self.heard: list[CohortStatus] = []

    @hookimpl
    def cohort_status_changed(self, current: CohortStatus) -> None:
        self.heard.append(current)


async def test_a_notification_that_fails_synchronously_does_not_silence_the_others():
    # given a plugin whose listener raises before the one loaded after it
    listener = Listener("listener")
    registry = registry_with(SyncFailure("failing"), listener)
    # when the event is announced
    failures = await registry.notify(
        "cohort_status_changed",
        cohort=Cohort(id=1, name="Khóa 1"),
        previous=CohortStatus.OPEN,
        current=CohortStatus.IN_PROGRESS,
    )
    # then the later plugin heard it and the failure names its plugin
    assert listener.heard == [CohortStatus.IN_PROGRESS]
    assert [str(failure) for failure in failures] == [
        "plugin 'failing' failed in cohort_status_changed: ValueError('không gửi được tin nhắn')"
    ]
