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
from collections import Counter
from collections.abc import Awaitable, Callable, Generator, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import update_wrapper
from importlib.metadata import EntryPoint, entry_points
from types import ModuleType, SimpleNamespace
from typing import TYPE_CHECKING, Any

import pluggy
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import Version
from pluggy import HookImpl

from core import __version__ as core_version
from core import hookspecs
from core.activities import CORE_ACTIVITY_KINDS
from core.declarations import (
    PERMISSION_NAME,
    ActivityKindDeclaration,
    ComponentKindDeclaration,
    ModelApp,
    PermissionDeclaration,
    PluginInfo,
    PostDeclaration,
    SchemeDeclaration,
    TrackDeclaration,
)
from core.limits import MAX_ACTIVITY_KINDS
from core.permissions import CORE_PERMISSIONS
from core.settings import PluginSelection

if TYPE_CHECKING:
    from core.services.question_bank import QuestionRow

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

    def __init__(
        self, manager: pluggy.PluginManager, plugins: list[LoadedPlugin], ownership: _Ownership
    ) -> None:
        self.manager = manager
        self.all_plugins = plugins
        self.plugins = [plugin for plugin in plugins if plugin.enabled]
        self._by_name = {plugin.info.id: plugin for plugin in self.plugins}
        self._ownership = ownership
        self._tracks: list[tuple[LoadedPlugin, TrackDeclaration]] | None = None
        self._permissions: dict[str, PermissionDeclaration] | None = None
        self._activity_kinds: dict[str, ActivityKindDeclaration] | None = None
        self._schemes: dict[str, SchemeDeclaration] | None = None
        self._component_kinds: dict[str, ComponentKindDeclaration] | None = None
        self._question_banks: dict[str, list[QuestionRow]] | None = None

    def implementations(self, hook_name: str) -> list[HookImpl]:
        """A hook's implementations (wrappers aside) in the order pluggy calls them: load order
        (built-ins, then entry points), except that ``tryfirst`` ones come first and ``trylast``
        ones last.

        pluggy calls the last registered plugin first, so :func:`load_plugins` registers them in
        reverse load order.
        """
        found = getattr(self.manager.hook, hook_name).get_hookimpls()
        return [impl for impl in reversed(found) if not (impl.wrapper or impl.hookwrapper)]

    def call(self, hook_name: str, **kwargs: Any) -> list[Any]:
        """Call a hook through pluggy (wrappers included) and return its results in call order.

        A failing implementation raises :class:`PluginError` naming its plugin and the hook
        (see :func:`_attributed`); for a notification hook the failure is deferred to the
        awaitable returned in its place, so the other plugins are still called.
        """
        results: list[Any] = getattr(self.manager.hook, hook_name)(**kwargs)
        return results

    def contributions(self, hook_name: str) -> Iterator[tuple[LoadedPlugin, Any]]:
        """Yield ``(plugin, item)`` for every item the enabled plugins return from a list hook.

        An item belongs to the plugin whose implementation returned it, or, if a wrapper added
        it, to the wrapper's plugin.
        """
        with self._ownership.recording() as returned:
            results = self.call(hook_name)
        for owner, item in self._ownership.owned(returned, results):
            yield self._by_name[owner], item

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
            topic_codes = Counter(topic.code for topic in track.topics)
            repeated = sorted(code for code, count in topic_codes.items() if count > 1)
            if repeated:
                raise PluginError(
                    f"plugin {plugin.info.id!r}: track {track.code!r} repeats topic code(s) "
                    f"{', '.join(repeated)}"
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

    def permissions(self) -> dict[str, PermissionDeclaration]:
        """The core's permissions and every enabled plugin's, by name; checked once: a plugin's
        names are prefixed with its id and a dot, and none is declared twice."""
        if self._permissions is None:
            found = {permission.name: permission for permission in CORE_PERMISSIONS}
            for plugin, permission in self.contributions("register_permissions"):
                prefix = f"{plugin.info.id}."
                if not (
                    PERMISSION_NAME.match(permission.name) and permission.name.startswith(prefix)
                ):
                    raise PluginError(
                        f"plugin {plugin.info.id!r} registers permission {permission.name!r}: "
                        f"its names must be snake_case and start with {prefix!r}"
                    )
                if permission.name in found:
                    raise PluginError(
                        f"plugin {plugin.info.id!r} registers permission {permission.name!r} twice"
                    )
                found[permission.name] = permission
            self._permissions = found
        return self._permissions

    def activity_kinds(self) -> dict[str, ActivityKindDeclaration]:
        """The core's activity kinds and every enabled plugin's, by code; checked once like
        :meth:`permissions` (a plugin's codes are prefixed with its id and a dot, none twice)."""
        if self._activity_kinds is None:
            found = {kind.code: kind for kind in CORE_ACTIVITY_KINDS}
            for plugin, kind in self.contributions("register_activity_kinds"):
                prefix = f"{plugin.info.id}."
                if not (PERMISSION_NAME.match(kind.code) and kind.code.startswith(prefix)):
                    raise PluginError(
                        f"plugin {plugin.info.id!r} registers activity kind {kind.code!r}: "
                        f"its codes must be snake_case and start with {prefix!r}"
                    )
                if kind.code in found:
                    raise PluginError(
                        f"plugin {plugin.info.id!r} registers activity kind {kind.code!r} twice"
                    )
                found[kind.code] = kind
            if len(found) > MAX_ACTIVITY_KINDS:
                raise PluginError(
                    f"{len(found)} activity kinds are registered; at most {MAX_ACTIVITY_KINDS}"
                )
            self._activity_kinds = found
        return self._activity_kinds

    def schemes(self) -> dict[str, SchemeDeclaration]:
        """The enabled plugins' assessment schemes, by track code; checked once: each for one of
        its plugin's own tracks, at most one per track."""
        if self._schemes is None:
            owned = {declaration.code: plugin.info.id for plugin, declaration in self.tracks()}
            found: dict[str, SchemeDeclaration] = {}
            kinds = self.component_kinds()
            for plugin, scheme in self.contributions("register_assessment_schemes"):
                unknown = [
                    c.plugin_kind
                    for c in scheme.components
                    if c.plugin_kind and c.plugin_kind not in kinds
                ]
                if unknown:
                    raise PluginError(
                        f"plugin {plugin.info.id!r}: the scheme of track {scheme.track_code!r} "
                        f"uses component kind(s) no plugin registers: {', '.join(unknown)}"
                    )
                if owned.get(scheme.track_code) != plugin.info.id:
                    raise PluginError(
                        f"plugin {plugin.info.id!r} declares a scheme for track "
                        f"{scheme.track_code!r}, which is not one of its tracks"
                    )
                if scheme.track_code in found:
                    raise PluginError(
                        f"plugin {plugin.info.id!r} declares two schemes for track "
                        f"{scheme.track_code!r}"
                    )
                found[scheme.track_code] = scheme
            self._schemes = found
        return self._schemes

    def component_kinds(self) -> dict[str, ComponentKindDeclaration]:
        """The component kinds the enabled plugins grade, by code; checked once (prefixed with
        the plugin's id and a dot, none twice)."""
        if self._component_kinds is None:
            found: dict[str, ComponentKindDeclaration] = {}
            for plugin, kind in self.contributions("register_component_kinds"):
                prefix = f"{plugin.info.id}."
                if not (PERMISSION_NAME.match(kind.code) and kind.code.startswith(prefix)):
                    raise PluginError(
                        f"plugin {plugin.info.id!r} registers component kind {kind.code!r}: "
                        f"its codes must be snake_case and start with {prefix!r}"
                    )
                if kind.code in found:
                    raise PluginError(
                        f"plugin {plugin.info.id!r} registers component kind {kind.code!r} twice"
                    )
                found[kind.code] = kind
            self._component_kinds = found
        return self._component_kinds

    def question_banks(self) -> dict[str, list[QuestionRow]]:
        """The questions the enabled plugins ship, by track code; read and checked once.

        Each file must be for one of its plugin's tracks, and every row must pass the import's
        checks against that track's declared topics (``core.services.question_bank``); the
        first bad file stops start-up, naming the plugin, the file and its bad questions.
        """
        if self._question_banks is None:
            from core.services.question_bank import read_bank_file

            tracks = {track.code: (plugin, track) for plugin, track in self.tracks()}
            found: dict[str, list[QuestionRow]] = {}
            for plugin, bank in self.contributions("register_question_banks"):
                owner, track = tracks.get(bank.track_code, (None, None))
                if track is None or owner is not plugin:
                    raise PluginError(
                        f"plugin {plugin.info.id!r} ships question bank {str(bank.path)!r} for "
                        f"track {bank.track_code!r}, which is not one of its tracks"
                    )
                rows, problems = read_bank_file(bank.path, {t.code for t in track.topics})
                seen = {row.code for row in found.get(bank.track_code, [])}
                problems.extend(
                    f"question {row.code}: its code is used in another file"
                    for row in rows
                    if row.code in seen
                )
                if problems:
                    shown = "; ".join(problems[:10])
                    more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
                    raise PluginError(
                        f"plugin {plugin.info.id!r}, question bank {str(bank.path)!r}: "
                        f"{shown}{more}"
                    )
                found.setdefault(bank.track_code, []).extend(rows)
            self._question_banks = found
        return self._question_banks

    async def notify(self, hook_name: str, **kwargs: Any) -> list[BaseException]:
        """Call a notification hook on every plugin and await what they return, in call order.

        Errors (:class:`PluginError` naming the plugin) are returned for the caller to log
        rather than raised: the event already happened and one plugin's failure must not hide
        it from the others.
        """
        failures: list[BaseException] = []
        for result in self.call(hook_name, **kwargs):
            if inspect.isawaitable(result):
                try:
                    await result
                except PluginError as error:
                    failures.append(error)
        return failures

    async def call_each(self, hook_name: str, **kwargs: Any) -> None:
        """Call a hook on every plugin and await what each returns, in call order.

        The first failure propagates (a :class:`PluginError` naming the plugin); the awaitables
        of the plugins after it are closed unawaited.
        """
        await self._awaited_until(hook_name, kwargs, lambda _: False)

    async def first_result(self, hook_name: str, **kwargs: Any) -> Any:
        """The first answer that is not ``None`` (awaited, if an awaitable), in call order.

        The awaitables after it are closed without running.
        """
        return await self._awaited_until(hook_name, kwargs, lambda result: result is not None)

    async def _awaited_until(
        self, hook_name: str, kwargs: dict[str, Any], done: Callable[[Any], bool]
    ) -> Any:
        """Await a hook's results in call order until one is ``done`` (returned; else ``None``);
        the awaitables after it, or after a failure, are closed without running."""
        pending = list(self.call(hook_name, **kwargs))
        try:
            while pending:
                result = pending.pop(0)
                if inspect.isawaitable(result):
                    result = await result
                if done(result):
                    return result
            return None
        finally:
            for result in pending:
                if inspect.iscoroutine(result):
                    result.close()


class _Ownership:
    """What each plugin's implementations (and wrappers) of a list hook returned, in call order,
    recorded while the hook is called, so that every item can be traced to its plugin."""

    def __init__(self) -> None:
        self.returned: list[tuple[str, Any, bool]] | None = None

    @contextmanager
    def recording(self) -> Iterator[list[tuple[str, Any, bool]]]:
        returned: list[tuple[str, Any, bool]] = []
        self.returned = returned
        try:
            yield returned
        finally:
            self.returned = None

    def record(self, plugin_id: str, result: Any, *, wrapper: bool = False) -> None:
        if self.returned is not None:
            self.returned.append((plugin_id, result, wrapper))

    @staticmethod
    def owned(
        returned: list[tuple[str, Any, bool]], results: list[Any]
    ) -> Iterator[tuple[str, Any]]:
        """``(plugin id, item)`` for the items of a list hook's ``results``.

        Unless a wrapper changed them, the results are the implementations' lists in call
        order. Otherwise an item belongs to the first implementation that returned it, or to
        the wrapper that added it.
        """
        lists = [(owner, result) for owner, result, wrapper in returned if not wrapper]
        lists = [(owner, result) for owner, result in lists if result is not None]
        if len(lists) == len(results) and all(
            result is given for (_, result), given in zip(lists, results, strict=True)
        ):
            for owner, items in lists:
                for item in items:
                    yield owner, item
            return
        claims: dict[int, str] = {}
        for owner, result, wrapper in returned:
            for items in (result or ()) if wrapper else (result or (),):
                for item in items or ():
                    claims.setdefault(id(item), owner)
        for items in results:
            for item in items or ():
                yield claims[id(item)], item


def _attributed(module: object, plugin_id: str, ownership: _Ownership) -> object:
    """What pluggy registers for a plugin: its hook implementations, each calling the plugin's
    own, naming the plugin when it fails and claiming the items it returns.

    pluggy still drives every call (order, wrappers, ``firstresult``); a failure anywhere reads
    the same, "plugin 'x' failed in hook: error". Wrappers (``wrapper=True`` and old-style
    ``hookwrapper=True``) stay generators; each function keeps its signature and its
    ``@hookimpl`` options (``functools.update_wrapper``), so pluggy checks them as before.
    """
    marker = f"{hookspecs.PROJECT_NAME}_impl"
    implementations = SimpleNamespace()
    for name in dir(module):
        function = getattr(module, name, None)
        options = getattr(function, marker, None)
        if not isinstance(options, dict) or not callable(function):
            continue
        hook_name = options.get("specname") or name
        attributed: Callable[..., Any]
        if options.get("wrapper"):
            attributed = _new_style_wrapper(function, plugin_id, hook_name, ownership)
        elif options.get("hookwrapper"):
            attributed = _old_style_wrapper(function, plugin_id, hook_name, ownership)
        else:
            deferred = hook_name in hookspecs.NOTIFICATIONS
            attributed = _implementation(function, plugin_id, hook_name, ownership, deferred)
        setattr(implementations, name, update_wrapper(attributed, function))
    return implementations


def _failure(plugin_id: str, hook_name: str, error: BaseException) -> PluginError:
    failure = PluginError(f"plugin {plugin_id!r} failed in {hook_name}: {error!r}")
    failure.__cause__ = error
    return failure


def _implementation(
    function: Callable[..., Any],
    plugin_id: str,
    hook_name: str,
    ownership: _Ownership,
    deferred: bool,
) -> Callable[..., Any]:
    if inspect.iscoroutinefunction(function):
        # The coroutine is made when awaited: one closed unawaited leaves nothing behind.
        return lambda *args: _awaited(function, args, plugin_id, hook_name)

    def attributed(*args: Any) -> Any:
        try:
            result = function(*args)
        except Exception as error:
            if not deferred:
                raise _failure(plugin_id, hook_name, error) from error
            result = _raise(_failure(plugin_id, hook_name, error))
        if inspect.isawaitable(result):
            return _awaited(lambda: result, (), plugin_id, hook_name)
        ownership.record(plugin_id, result)
        return result

    return attributed


async def _raise(error: PluginError) -> None:
    raise error


async def _awaited(
    make: Callable[..., Awaitable[Any]], args: tuple[Any, ...], plugin_id: str, hook_name: str
) -> Any:
    try:
        return await make(*args)
    except PluginError:
        raise
    except Exception as error:
        raise _failure(plugin_id, hook_name, error) from error


def _new_style_wrapper(
    function: Callable[..., Any], plugin_id: str, hook_name: str, ownership: _Ownership
) -> Callable[..., Any]:
    def attributed(*args: Any) -> Generator[None, Any, Any]:
        try:
            result = yield from function(*args)
        except PluginError:
            raise  # an implementation inside failed and was named already
        except Exception as error:
            raise _failure(plugin_id, hook_name, error) from error
        ownership.record(plugin_id, result, wrapper=True)
        return result

    return attributed


def _old_style_wrapper(
    function: Callable[..., Any], plugin_id: str, hook_name: str, ownership: _Ownership
) -> Callable[..., Any]:
    def attributed(*args: Any) -> Generator[None, Any, None]:
        try:
            teardown = function(*args)
            next(teardown)
        except Exception as error:
            raise _failure(plugin_id, hook_name, error) from error
        outcome = yield
        try:
            teardown.send(outcome)
        except StopIteration:
            pass
        except Exception as error:
            raise _failure(plugin_id, hook_name, error) from error
        if outcome.exception is None:
            ownership.record(plugin_id, outcome.get_result(), wrapper=True)

    return attributed


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
    ownership = _Ownership()
    # pluggy calls the last registered first: registering in reverse gives load order.
    for plugin in reversed(loaded):
        if not plugin.enabled:
            continue
        implementations = _attributed(plugin.module, plugin.info.id, ownership)
        try:
            manager.register(implementations, name=plugin.info.id)
        except pluggy.PluginValidationError as error:
            raise PluginError(f"plugin {plugin.info.id!r} is invalid: {error}") from error
    try:
        manager.check_pending()
    except pluggy.PluginValidationError as error:
        name = manager.get_name(error.plugin)
        raise PluginError(f"plugin {name!r} implements an unknown hook: {error}") from error
    return PluginRegistry(manager, loaded, ownership)


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
