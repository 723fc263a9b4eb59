"""The plugin manager: discovers, validates and registers hocviec plugins.

Built-ins come from ``plugins/``; others from entry points in the group ``hocviec``. Anything
wrong (an import error, a bad ``plugin_info``, an incompatible core version, two plugins with
one id, a misspelled hook, a clash between contributions) raises :class:`PluginError` whose
message names the plugin; nothing is silently skipped.
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points
from types import ModuleType
from typing import Any

import pluggy
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import Version
from pluggy import HookImpl

from core import __version__ as core_version
from core import hookspecs
from core.declarations import ModelApp, PluginInfo, PostDeclaration, TrackDeclaration
from core.settings import PluginSelection

ENTRY_POINT_GROUP = "hocviec"
BUILTIN_PLUGINS: tuple[str, ...] = (
    "plugins.party_committee",
    "plugins.peoples_committee",
    "plugins.commune_civil_servants",
)
PLUGIN_ID = re.compile(r"^[a-z][a-z0-9_]{1,62}$")


class PluginError(RuntimeError):
    """A plugin cannot be used; the message names it and says why."""


@dataclass(frozen=True)
class LoadedPlugin:
    """A plugin that passed validation, with where it came from."""

    info: PluginInfo
    module: object
    source: str
    enabled: bool

    @property
    def type_prefix(self) -> str:
        """Prefix of the plugin's GraphQL type names: ``party_committee`` → ``PartyCommittee``."""
        return "".join(part.capitalize() for part in self.info.id.split("_"))

    @property
    def field_prefix(self) -> str:
        """Prefix of the plugin's root field names: ``party_committee`` → ``partyCommittee``."""
        prefix = self.type_prefix
        return prefix[0].lower() + prefix[1:]


class PluginRegistry:
    """The enabled plugins, their pluggy manager and their validated contributions."""

    def __init__(self, manager: pluggy.PluginManager, plugins: list[LoadedPlugin]) -> None:
        self.manager = manager
        self.all_plugins = plugins
        self.plugins = [plugin for plugin in plugins if plugin.enabled]
        self._by_name = {plugin.info.id: plugin for plugin in self.plugins}
        self._tracks: list[tuple[LoadedPlugin, TrackDeclaration]] | None = None

    def implementations(self, hook_name: str) -> list[HookImpl]:
        """A hook's implementations in load order (built-ins, then entry points), except that
        ``tryfirst`` ones come first and ``trylast`` ones last.

        hocviec collects and awaits results itself, so it fixes this order rather than pluggy's
        last-registered-first: a plugin's contributions and demo data come after those of the
        plugins loaded before it.
        """
        found = getattr(self.manager.hook, hook_name).get_hookimpls()
        first = [impl for impl in found if impl.tryfirst]
        last = [impl for impl in found if impl.trylast]
        middle = [impl for impl in found if not (impl.tryfirst or impl.trylast)]
        return first + middle + last

    def contributions(self, hook_name: str) -> Iterator[tuple[LoadedPlugin, Any]]:
        """Yield ``(plugin, item)`` for every item the enabled plugins return from a list hook."""
        for impl in self.implementations(hook_name):
            plugin = self._by_name[impl.plugin_name]
            try:
                items = _call(impl)
            except Exception as error:
                raise PluginError(
                    f"plugin {plugin.info.id!r} failed in {hook_name}: {error!r}"
                ) from error
            for item in items or ():
                yield plugin, item

    def model_apps(self) -> list[ModelApp]:
        """Every plugin's tortoise apps, checked: label equals plugin id."""
        apps: list[ModelApp] = []
        for plugin, app in self.contributions("register_models"):
            if app.label != plugin.info.id:
                raise PluginError(
                    f"plugin {plugin.info.id!r} registers model app {app.label!r}: "
                    f"its app label must be {plugin.info.id!r}"
                )
            apps.append(app)
        return apps

    def tracks(self) -> list[tuple[LoadedPlugin, TrackDeclaration]]:
        """Every enabled plugin's tracks, checked for clashing track codes and posts.

        Collected once: declarations are fixed for the life of the process.
        """
        if self._tracks is None:
            self._tracks = self._collect_tracks()
        return self._tracks

    def _collect_tracks(self) -> list[tuple[LoadedPlugin, TrackDeclaration]]:
        owners: dict[str, LoadedPlugin] = {}
        posts: dict[str, tuple[LoadedPlugin, PostDeclaration]] = {}
        found: list[tuple[LoadedPlugin, TrackDeclaration]] = []
        for plugin, track in self.contributions("register_tracks"):
            if track.code in owners:
                raise PluginError(
                    f"plugins {owners[track.code].info.id!r} and {plugin.info.id!r} "
                    f"both declare track {track.code!r}"
                )
            owners[track.code] = plugin
            topic_codes = [topic.code for topic in track.topics]
            if len(set(topic_codes)) != len(topic_codes):
                raise PluginError(
                    f"plugin {plugin.info.id!r}: track {track.code!r} repeats a topic code"
                )
            if not track.posts:
                raise PluginError(
                    f"plugin {plugin.info.id!r}: track {track.code!r} declares no posts"
                )
            for post in track.posts:
                earlier = posts.get(post.code)
                if earlier is not None and earlier[1] != post:
                    raise PluginError(
                        f"plugins {earlier[0].info.id!r} and {plugin.info.id!r} declare "
                        f"post {post.code!r} differently"
                    )
                posts[post.code] = (plugin, post)
            found.append((plugin, track))
        return found

    async def notify(self, hook_name: str, **kwargs: Any) -> list[BaseException]:
        """Call a notification hook on every plugin and await what they return.

        Errors are returned (for the caller to log) rather than raised: the event already
        happened and one plugin's failure must not hide it from the others.
        """
        failures: list[BaseException] = []
        for impl in self.implementations(hook_name):
            try:
                result = _call(impl, **kwargs)
                if inspect.isawaitable(result):
                    await result
            except Exception as error:
                error.add_note(f"in plugin {impl.plugin_name!r}, hook {hook_name}")
                failures.append(error)
        return failures

    async def call_each(self, hook_name: str, **kwargs: Any) -> None:
        """Call a hook on every plugin in registration order, awaiting results; errors propagate."""
        for impl in self.implementations(hook_name):
            result = _call(impl, **kwargs)
            if inspect.isawaitable(result):
                await result


def _call(impl: HookImpl, **kwargs: Any) -> Any:
    """Call one implementation with the arguments it names.

    pluggy types every result as ``object``; the hookspec in :mod:`core.hookspecs` gives the
    real type, which the caller relies on.
    """
    result: Any = impl.function(**{name: kwargs[name] for name in impl.argnames})
    return result


def discover(include_entry_points: bool = True) -> list[tuple[str, object]]:
    """Import every candidate plugin: the built-ins, then entry points of group ``hocviec``.

    :returns: ``(source, module)`` pairs; an import failure raises :class:`PluginError`.
    """
    found: list[tuple[str, object]] = []
    for dotted in BUILTIN_PLUGINS:
        found.append((f"built-in {dotted}", _import_builtin(dotted)))
    if include_entry_points:
        for entry_point in entry_points(group=ENTRY_POINT_GROUP):
            found.append((_describe(entry_point), _load_entry_point(entry_point)))
    return found


def load_plugins(
    selection: PluginSelection | None = None,
    *,
    candidates: Iterable[tuple[str, object]] | None = None,
) -> PluginRegistry:
    """Discover, validate and register plugins, enabling those ``selection`` allows.

    :param selection: parsed HOCVIEC_PLUGINS; every plugin when ``None``.
    :param candidates: ``(source, module)`` pairs to use instead of :func:`discover`
        (tests pass fake plugins here).
    """
    selection = selection or PluginSelection()
    candidates = list(discover() if candidates is None else candidates)
    loaded: list[LoadedPlugin] = []
    by_id: dict[str, LoadedPlugin] = {}
    for source, module in candidates:
        info = _read_info(source, module)
        if info.id in by_id:
            raise PluginError(
                f"plugin id {info.id!r} is declared twice: by {by_id[info.id].source} "
                f"and by {source}"
            )
        plugin = LoadedPlugin(info, module, source, enabled=selection.enables(info.id))
        by_id[info.id] = plugin
        loaded.append(plugin)

    unknown = selection.named() - by_id.keys()
    if unknown:
        raise PluginError(
            f"HOCVIEC_PLUGINS names unknown plugin(s): {', '.join(sorted(unknown))}; "
            f"known plugins: {', '.join(sorted(by_id))}"
        )

    manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    for plugin in loaded:
        if not plugin.enabled:
            continue
        try:
            manager.register(plugin.module, name=plugin.info.id)
        except pluggy.PluginValidationError as error:
            raise PluginError(f"plugin {plugin.info.id!r} is invalid: {error}") from error
    try:
        manager.check_pending()
    except pluggy.PluginValidationError as error:
        name = manager.get_name(error.plugin)
        raise PluginError(f"plugin {name!r} implements an unknown hook: {error}") from error
    return PluginRegistry(manager, loaded)


def _read_info(source: str, module: object) -> PluginInfo:
    function = getattr(module, "plugin_info", None)
    if function is None or not callable(function):
        raise PluginError(f"{source} does not implement the hook plugin_info")
    try:
        info = function()
    except Exception as error:
        raise PluginError(f"{source}: plugin_info failed: {error!r}") from error
    if not isinstance(info, PluginInfo):
        raise PluginError(f"{source}: plugin_info must return a PluginInfo, not {info!r}")
    if not PLUGIN_ID.match(info.id):
        raise PluginError(f"{source}: plugin id {info.id!r} is not lowercase snake_case")
    try:
        supported = SpecifierSet(info.core_versions)
    except InvalidSpecifier:
        raise PluginError(
            f"plugin {info.id!r} ({source}) declares core_versions={info.core_versions!r}, "
            "which is not a version specifier such as '>=0.1,<0.2'"
        ) from None
    if Version(core_version) not in supported:
        raise PluginError(
            f"plugin {info.id!r} ({source}) supports hocviec core {info.core_versions}, "
            f"but this is core {core_version}"
        )
    return info


def _import_builtin(dotted: str) -> ModuleType:
    try:
        return importlib.import_module(dotted)
    except Exception as error:
        raise PluginError(f"built-in plugin {dotted!r} failed to import: {error!r}") from error


def _load_entry_point(entry_point: EntryPoint) -> object:
    try:
        return entry_point.load()
    except Exception as error:
        raise PluginError(f"plugin {_describe(entry_point)} failed to load: {error!r}") from error


def _describe(entry_point: EntryPoint) -> str:
    dist = entry_point.dist.name if entry_point.dist is not None else "unknown distribution"
    return f"entry point {entry_point.name!r} = {entry_point.value} (from {dist})"
