"""Built-in plugin: Party committee track (Đảng ủy)."""

from __future__ import annotations

from collections.abc import Awaitable
from decimal import Decimal

from hocviec import (
    Cohort,
    ComponentKindDeclaration,
    DemoContext,
    ModelApp,
    PermissionDeclaration,
    PluginInfo,
    SchemeDeclaration,
    TrackDeclaration,
    TypeExtension,
    hookimpl,
)
from plugins.party_committee import curriculum, schema, services
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
def register_models() -> list[ModelApp]:
    return [
        ModelApp(
            label="party_committee",
            models=("plugins.party_committee.models",),
            migrations="plugins.party_committee.migrations",
        )
    ]


@hookimpl
def register_tracks() -> list[TrackDeclaration]:
    return curriculum.TRACKS


@hookimpl
def register_permissions() -> list[PermissionDeclaration]:
    return curriculum.PERMISSIONS


@hookimpl
def register_component_kinds() -> list[ComponentKindDeclaration]:
    return curriculum.COMPONENT_KINDS


@hookimpl
def register_assessment_schemes() -> list[SchemeDeclaration]:
    return [curriculum.SCHEME]


@hookimpl
def grade_component(
    kind: str, cohort: Cohort, enrollment_ids: list[int]
) -> Awaitable[dict[int, Decimal]] | None:
    if kind != curriculum.COMPONENT_KIND:
        return None
    return services.draft_scores(enrollment_ids)


@hookimpl
def register_graphql_types() -> list[type]:
    return [schema.PartyCommitteeConclusionDraft]


@hookimpl
def register_mutation_fields() -> list[type]:
    return [schema.PartyCommitteeMutations]


@hookimpl
def extend_graphql_types() -> list[TypeExtension]:
    return [schema.ENROLLMENT_FIELDS]


@hookimpl
async def load_demo_data(demo: DemoContext) -> None:
    await demo_data.load(demo)
