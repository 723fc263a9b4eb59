"""Assemble the GraphQL schema from the core domains and the enabled plugins' contributions.

Root types are merged strictly: a field defined twice stops start-up with a message naming
the plugin (strawberry's ``merge_types`` only warns). Plugin type names must start with the
plugin's PascalCase prefix and root field names with its camelCase prefix.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import strawberry
from strawberry import relay
from strawberry.exceptions import DuplicatedTypeName
from strawberry.printer import print_schema
from strawberry.schema.config import StrawberryConfig

from core.declarations import TypeExtension
from core.plugins import LoadedPlugin, PluginError, PluginRegistry
from core.settings import Settings
from schema.accounts.mutations import AccountMutations
from schema.accounts.queries import AccountQueries
from schema.assessment.mutations import AssessmentMutations
from schema.assessment.queries import AssessmentQueries
from schema.assessment.scalars import DECIMAL
from schema.audit.queries import AuditQueries
from schema.audit.recording import audit_mutations
from schema.cohorts.mutations import CohortMutations
from schema.cohorts.queries import CohortQueries
from schema.files.types import StoredFile
from schema.lessons.mutations import LessonMutations
from schema.lessons.queries import LessonQueries
from schema.org.mutations import OrgMutations
from schema.org.queries import OrgQueries
from schema.people.queries import PeopleQueries
from schema.plugins.queries import PluginQueries
from schema.practicum.mutations import PracticumMutations
from schema.programmes.mutations import ProgrammeMutations
from schema.programmes.queries import ProgrammeQueries
from schema.schedule.mutations import ScheduleMutations
from schema.schedule.queries import ScheduleQueries
from schema.tracks.mutations import TrackMutations
from schema.tracks.queries import TrackQueries
from schema.validation import undeclared_list_fields

logger = logging.getLogger("hocviec.graphql")


def node_queries() -> type:
    """The ``node`` root field, made anew per schema: strawberry binds a ``relay.node()`` field
    to the first schema built from it, so sharing one would break building a second schema."""

    @strawberry.type
    class NodeQueries:
        node: relay.Node | None = relay.node(
            description="Fetch any object by its global ID; null if it does not exist."
        )

    return NodeQueries


CORE_QUERIES: tuple[type, ...] = (
    AccountQueries,
    PluginQueries,
    OrgQueries,
    PeopleQueries,
    ProgrammeQueries,
    TrackQueries,
    CohortQueries,
    LessonQueries,
    ScheduleQueries,
    AssessmentQueries,
    AuditQueries,
)
CORE_TYPES: tuple[type, ...] = (StoredFile,)
"""Types reached by no root field but ``node(id:)`` (until a mutation attaches files)."""
CORE_MUTATIONS: tuple[type, ...] = (
    AccountMutations,
    CohortMutations,
    LessonMutations,
    ScheduleMutations,
    PracticumMutations,
    AssessmentMutations,
    ProgrammeMutations,
    OrgMutations,
    TrackMutations,
)


@dataclass
class PluginGraphQL:
    """What the enabled plugins add to the schema."""

    queries: list[tuple[LoadedPlugin, type]] = field(default_factory=list)
    mutations: list[tuple[LoadedPlugin, type]] = field(default_factory=list)
    types: list[tuple[LoadedPlugin, Any]] = field(default_factory=list)
    extensions: list[tuple[LoadedPlugin, TypeExtension]] = field(default_factory=list)

    def of(self, plugin: LoadedPlugin) -> PluginGraphQL:
        return PluginGraphQL(
            queries=[item for item in self.queries if item[0] is plugin],
            mutations=[item for item in self.mutations if item[0] is plugin],
            types=[item for item in self.types if item[0] is plugin],
            extensions=[item for item in self.extensions if item[0] is plugin],
        )

    def plugins(self) -> list[LoadedPlugin]:
        seen: dict[str, LoadedPlugin] = {}
        for plugin, _ in (*self.queries, *self.mutations, *self.types, *self.extensions):
            seen.setdefault(plugin.info.id, plugin)
        return list(seen.values())


def build_schema(registry: PluginRegistry, settings: Settings) -> strawberry.Schema:
    """The schema for the enabled plugins; raises :class:`PluginError` on any clash."""
    contributed = PluginGraphQL(
        queries=_plugin_roots(registry, "register_query_fields"),
        mutations=_plugin_roots(registry, "register_mutation_fields"),
        types=_plugin_types(registry),
        extensions=_plugin_extensions(registry),
    )
    if contributed.plugins():
        _check_plugin_type_names(contributed)
    schema = _assemble(contributed)
    _check_list_bounds(schema, contributed)
    audit_mutations(schema._schema)
    return schema


def _check_list_bounds(schema: strawberry.Schema, contributed: PluginGraphQL) -> None:
    """Every plain list of objects declares its maximum, which the cost analysis counts.

    A list without one stops start-up, naming the plugin whose type or root field it is.
    """
    undeclared = undeclared_list_fields(schema._schema)
    if not undeclared:
        return
    owners = []
    for name in undeclared:
        type_name, field_name = name.split(".", 1)
        owner = next(
            (
                f"plugin {plugin.info.id!r}"
                for plugin in contributed.plugins()
                if type_name.startswith(plugin.type_prefix)
                or field_name.startswith(plugin.field_prefix)
            ),
            "core",
        )
        owners.append(f"{name} ({owner})")
    raise PluginError(
        "lists without a declared maximum (declare one with schema.limits.list_bound, or "
        f"make the list a connection): {', '.join(owners)}"
    )


def _assemble(contributed: PluginGraphQL) -> strawberry.Schema:
    query = _merge(
        "Query",
        "Everything that can be read. Lists are Relay connections.",
        (node_queries(), *CORE_QUERIES),
        contributed.queries,
    )
    mutation = _merge(
        "Mutation",
        "Everything that can be changed. Each mutation takes one `input` and returns a "
        "payload whose `errors` say what to fix; a mutation with errors changed nothing.",
        CORE_MUTATIONS,
        contributed.mutations,
    )
    types = [*CORE_TYPES, *(item for _, item in contributed.types)]
    with _extended(contributed.extensions):
        return strawberry.Schema(
            query=query,
            mutation=mutation,
            types=types,
            config=StrawberryConfig(scalar_map={Decimal: DECIMAL}),
        )


@contextmanager
def _extended(extensions: list[tuple[LoadedPlugin, TypeExtension]]) -> Iterator[None]:
    """Core types carry the plugins' fields while one schema is built, and only then.

    strawberry turns a type's definition into that schema's GraphQL type when the schema is
    made, so the definitions are extended for the build and restored after it: a schema built
    with other plugins (a test's, a second app's) sees the core types as they are.
    """
    saved: dict[int, tuple[Any, list[Any]]] = {}
    try:
        for plugin, extension in extensions:
            definition = extension.extends.__strawberry_definition__  # type: ignore[attr-defined]
            saved.setdefault(id(definition), (definition, list(definition.fields)))
            taken = {strawberry_name(existing) for existing in definition.fields}
            for added in extension.fields.__strawberry_definition__.fields:  # type: ignore[attr-defined]
                name = strawberry_name(added)
                if name in taken:
                    raise PluginError(
                        f"plugin {plugin.info.id!r}: field {definition.name}.{name} is "
                        "already defined"
                    )
                definition.fields.append(copy.copy(added))
                taken.add(name)
        yield
    finally:
        for definition, fields in saved.values():
            definition.fields = fields


def _check_plugin_type_names(contributed: PluginGraphQL) -> None:
    """Every type a plugin brings (registered or reached from its fields) carries its prefix,
    and no two plugins bring a type of the same name.

    Found by building the core schema alone and with each plugin in turn: start-up cost only,
    and only for plugins that contribute GraphQL.
    """
    core_names = set(_assemble(PluginGraphQL()).schema_converter.type_map)
    owners: dict[str, LoadedPlugin] = {}
    for plugin in contributed.plugins():
        try:
            names = set(_assemble(contributed.of(plugin)).schema_converter.type_map)
        except DuplicatedTypeName as error:
            raise PluginError(f"plugin {plugin.info.id!r}: {error}") from error
        for name in sorted(names - core_names):
            if not name.startswith(plugin.type_prefix):
                raise PluginError(
                    f"plugin {plugin.info.id!r}: GraphQL type {name!r} must start with "
                    f"{plugin.type_prefix!r}"
                )
            if name in owners:
                raise PluginError(
                    f"plugins {owners[name].info.id!r} and {plugin.info.id!r} both define "
                    f"GraphQL type {name!r}"
                )
            owners[name] = plugin


def export_sdl(schema: strawberry.Schema) -> str:
    """The schema as SDL, as kept in ``schema/schema.graphql``."""
    return print_schema(schema) + "\n"


def _plugin_roots(registry: PluginRegistry, hook_name: str) -> list[tuple[LoadedPlugin, type]]:
    roots = []
    for plugin, root in registry.contributions(hook_name):
        definition = getattr(root, "__strawberry_definition__", None)
        if definition is None:
            raise PluginError(
                f"plugin {plugin.info.id!r}: {hook_name} returned {root!r}, "
                "which is not a strawberry type"
            )
        _check_field_prefix(plugin, definition, "root field {name!r}")
        roots.append((plugin, root))
    return roots


def _plugin_extensions(registry: PluginRegistry) -> list[tuple[LoadedPlugin, TypeExtension]]:
    """What plugins add to core types, checked: a core object type, fields with the prefix."""
    extensions = []
    for plugin, extension in registry.contributions("extend_graphql_types"):
        if not isinstance(extension, TypeExtension):
            raise PluginError(
                f"plugin {plugin.info.id!r}: extend_graphql_types returned {extension!r}, "
                "not a TypeExtension"
            )
        target = getattr(extension.extends, "__strawberry_definition__", None)
        if target is None or target.is_input or target.name in ("Query", "Mutation"):
            raise PluginError(
                f"plugin {plugin.info.id!r}: {extension.extends!r} is not a core object type "
                "(root fields come from register_query_fields and register_mutation_fields)"
            )
        if target.name.startswith(plugin.type_prefix):
            raise PluginError(
                f"plugin {plugin.info.id!r}: {target.name} is its own type; declare its "
                "fields there instead of extending it"
            )
        added = getattr(extension.fields, "__strawberry_definition__", None)
        if added is None:
            raise PluginError(
                f"plugin {plugin.info.id!r}: the fields for {target.name} must be a "
                f"strawberry type, not {extension.fields!r}"
            )
        _check_field_prefix(plugin, added, f"field {target.name}.{{name}}")
        extensions.append((plugin, extension))
    return extensions


def _check_field_prefix(plugin: LoadedPlugin, definition: Any, field_label: str) -> None:
    """Every field a plugin adds (to a root type or a core type) carries its camelCase prefix;
    ``field_label`` names a field in the error (a format string of ``name``)."""
    for added in definition.fields:
        name = strawberry_name(added)
        if not name.startswith(plugin.field_prefix):
            raise PluginError(
                f"plugin {plugin.info.id!r}: {field_label.format(name=name)} must start with "
                f"{plugin.field_prefix!r}"
            )


def _plugin_types(registry: PluginRegistry) -> list[tuple[LoadedPlugin, Any]]:
    types = []
    for plugin, item in registry.contributions("register_graphql_types"):
        _check_is_strawberry_type(plugin, item)
        types.append((plugin, item))
    return types


def _check_is_strawberry_type(plugin: LoadedPlugin, item: Any) -> None:
    """Names are checked with every other type the plugin brings, in _check_plugin_type_names."""
    definition = getattr(item, "__strawberry_definition__", None) or getattr(
        item, "_enum_definition", None
    )
    if getattr(definition, "name", None) is None:
        raise PluginError(f"plugin {plugin.info.id!r}: {item!r} is not a strawberry type")


def _merge(
    name: str,
    description: str,
    core_types: tuple[type, ...],
    plugin_types: list[tuple[LoadedPlugin, type]],
) -> type:
    """One root type holding every field; a field defined twice is an error naming its owners."""
    owners: dict[str, str] = {}
    contributions = [("core", root) for root in core_types] + [
        (f"plugin {plugin.info.id!r}", root) for plugin, root in plugin_types
    ]
    for owner, root in contributions:
        for root_field in root.__strawberry_definition__.fields:  # type: ignore[attr-defined]
            field_name = strawberry_name(root_field)
            if field_name in owners:
                raise PluginError(
                    f"{name}.{field_name} is defined by {owners[field_name]} and by {owner}"
                )
            owners[field_name] = owner
    bases = tuple(root for _, root in reversed(contributions))
    return strawberry.type(type(name, bases, {}), description=description)


def strawberry_name(field: Any) -> str:
    """The GraphQL name of a strawberry field (camelCase unless given explicitly)."""
    if field.graphql_name:
        return field.graphql_name
    head, *rest = field.python_name.split("_")
    return head + "".join(part.capitalize() for part in rest)
