"""Components of kinds a plugin adds and grades for a whole cohort (its own scored work)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.declarations import ComponentDeclaration, ComponentKindDeclaration, SchemeDeclaration
from core.hookspecs import hookimpl
from core.models import Result
from core.models.enums import CohortStatus, ComponentKind
from core.plugins import PluginError
from core.services.access import OPERATOR
from core.services.cohorts import advance_cohort
from core.services.errors import ServiceError
from core.services.results import finalise
from core.services.schemes import ComponentInput, SchemeInput, adjust_scheme
from tests import factories
from tests.fixtures.plugins import plugin_info, registry_with

DRAFT = "drafting_club.conclusions"


class DraftingClub:
    """Grades each learner's draft of a meeting's conclusions (kept in its own models)."""

    asked: list[tuple[str, int]] = []
    scores: dict[int, Decimal] = {}

    @staticmethod
    @hookimpl
    def plugin_info():
        return plugin_info("drafting_club")

    @staticmethod
    @hookimpl
    def register_component_kinds():
        return [ComponentKindDeclaration(DRAFT, "Dự thảo kết luận", "Draft conclusions")]

    @staticmethod
    @hookimpl
    async def grade_component(kind, cohort, enrollment_ids):
        if kind != DRAFT:
            return None
        DraftingClub.asked.append((kind, len(enrollment_ids)))
        return {
            key: DraftingClub.scores[key] for key in enrollment_ids if key in DraftingClub.scores
        }


SCHEME = SchemeInput(
    components=[
        ComponentInput("draft", "Dự thảo kết luận", ComponentKind.PLUGIN, Decimal(1), False, DRAFT)
    ],
    bands=[("Đạt", Decimal(5)), ("Chưa đạt", Decimal(0))],
    min_attendance_rate=None,
    practicum_signed_off=False,
)


def test_hook_register_component_kinds():
    # a plugin's kind is listed; an unprefixed one stops start-up
    registry = registry_with(DraftingClub)
    assert registry.component_kinds()[DRAFT].title_en == "Draft conclusions"


async def test_hook_grade_component(db):
    # a cohort's PLUGIN component is graded by its plugin, for all learners in one call
    registry = registry_with(DraftingClub)
    cohort = await factories.cohort(status=CohortStatus.PLANNED)
    await adjust_scheme(OPERATOR, cohort.id, SCHEME, plugin_kinds=registry.component_kinds())
    await advance_cohort(OPERATOR, cohort.id, CohortStatus.OPEN)
    good, missing = await factories.roster(cohort, 2)
    await advance_cohort(OPERATOR, cohort.id, CohortStatus.COMPLETED)
    DraftingClub.scores = {good.id: Decimal("8.75")}
    DraftingClub.asked = []

    await finalise(OPERATOR, cohort.id, {}, registry)

    results = {r.enrollment_id: r for r in await Result.filter(cohort_id=cohort.id)}
    assert DraftingClub.asked == [(DRAFT, 2)]
    assert (results[good.id].score, results[good.id].band, results[good.id].completed) == (
        875,
        "Đạt",
        True,
    )
    assert results[missing.id].reasons == ["No score for Dự thảo kết luận."]


async def test_a_scheme_names_only_registered_plugin_kinds(db):
    cohort = await factories.cohort(status=CohortStatus.PLANNED)

    with pytest.raises(ServiceError) as refused:
        await adjust_scheme(OPERATOR, cohort.id, SCHEME, plugin_kinds=())

    assert [(e.field, e.code.name) for e in refused.value.errors] == [
        ("components.0.pluginKind", "INVALID")
    ]


class Careless:
    @staticmethod
    @hookimpl
    def plugin_info():
        return plugin_info("careless")

    @staticmethod
    @hookimpl
    def register_tracks():
        from plugins.party_committee.curriculum import TRACK

        return [TRACK.__class__(code="careless_track", title="T", title_en="T", posts=TRACK.posts)]

    @staticmethod
    @hookimpl
    def register_assessment_schemes():
        component = ComponentDeclaration(
            "draft", "Dự thảo", ComponentKind.PLUGIN, Decimal(1), plugin_kind="careless.nothing"
        )
        return [SchemeDeclaration("careless_track", (component,))]


def test_a_declared_scheme_naming_an_unregistered_kind_stops_start_up():
    with pytest.raises(PluginError, match="uses component kind\\(s\\) no plugin registers"):
        registry_with(Careless).schemes()
