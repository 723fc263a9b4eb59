"""hocviec plugin: the People's Council track (HĐND xã), the worked example of docs/plugins.md.

Hook implementations only: each delegates to the module that holds its part.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hocviec import (
    CohortStatus,
    DemoContext,
    ModelApp,
    PermissionDeclaration,
    PluginInfo,
    QuestionBankDeclaration,
    Role,
    SchemeDeclaration,
    TrackDeclaration,
    TypeExtension,
    demo_cohort,
    hookimpl,
)
from hocviec_peoples_council import curriculum, schema, services

PLUGIN_ID = "peoples_council"
BANK = Path(__file__).parent / "questions.json"
"""The track's question bank, in the import format (docs/assessment.md)."""


@hookimpl
def plugin_info() -> PluginInfo:
    return PluginInfo(
        id=PLUGIN_ID,
        name="People's Council track (HĐND xã)",
        version="1.0.0",
        core_versions=">=0.1,<0.2",
        description="Apprenticeship of commune People's Council Chairs and Vice-Chairs.",
    )


@hookimpl
def register_tracks() -> list[TrackDeclaration]:
    return [curriculum.TRACK]


@hookimpl
def register_assessment_schemes() -> list[SchemeDeclaration]:
    return [curriculum.SCHEME]


@hookimpl
def register_question_banks() -> list[QuestionBankDeclaration]:
    return [QuestionBankDeclaration(curriculum.TRACK.code, BANK)]


@hookimpl
def register_models() -> list[ModelApp]:
    return [
        ModelApp(
            label=PLUGIN_ID,
            models=("hocviec_peoples_council.models",),
            migrations="hocviec_peoples_council.migrations",
        )
    ]


@hookimpl
def register_permissions() -> list[PermissionDeclaration]:
    return [
        PermissionDeclaration(
            services.RECORD_NOTES,
            "Note the supervision visits of a learner (a learner their own).",
            frozenset({Role.ADMIN, Role.COORDINATOR, Role.LEARNER}),
        ),
        PermissionDeclaration(
            services.READ_NOTES,
            "Read learners' supervision notes, with their enrollments.",
            frozenset({Role.ADMIN, Role.COORDINATOR, Role.ASSESSOR, Role.VIEWER, Role.LEARNER}),
        ),
    ]


@hookimpl
def extend_graphql_types() -> list[TypeExtension]:
    return [schema.ENROLLMENT_FIELDS]


@hookimpl
def register_mutation_fields() -> list[type]:
    return [schema.PeoplesCouncilMutations]


@hookimpl
async def load_demo_data(demo: DemoContext) -> None:
    await demo_cohort(
        demo,
        track_code=curriculum.TRACK.code,
        name="Khóa học việc chức danh Chủ tịch, Phó Chủ tịch HĐND xã năm 2020",
        host_agency_codes=("VPUB",),
        starts_on=date(2020, 3, 2),
        ends_on=date(2020, 5, 29),
        capacity=46,
        enroll=12,
        status=CohortStatus.OPEN,
    )
