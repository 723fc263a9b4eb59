"""adjustAssessmentScheme: a coordinator adjusts a cohort's scheme before it starts."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry.types import Info

from core import permissions
from core.models.enums import ComponentKind as CoreComponentKind
from core.services import schemes
from core.services.errors import ErrorCollector
from schema.assessment.types import AssessmentScheme, ComponentKind
from schema.errors import INPUT, UserError, attempt
from schema.ids import input_id
from schema.permissions import authorize


@strawberry.input(description="A weighted component.")
class SchemeComponentInput:
    code: str = strawberry.field(description="Code, unique within the scheme (`written_test`).")
    title: str = strawberry.field(description="Vietnamese name.")
    kind: ComponentKind = strawberry.field(description="What it scores.")
    weight: Decimal = strawberry.field(
        description="Above 0, at most 1, four decimals at most; the weights sum to 1."
    )
    double_marking: bool = strawberry.field(
        default=False, description="Whether a second assessor scores it too."
    )
    plugin_kind: str = strawberry.field(
        default="",
        description="For a PLUGIN component, a kind a plugin registers (empty otherwise).",
    )


@strawberry.input(description="A band and the lowest score it holds.")
class SchemeBandInput:
    name: str = strawberry.field(description="Vietnamese name (Giỏi, Khá…).")
    lower_bound: Decimal = strawberry.field(
        description="From 0 to 10, two decimals at most; one band starts at 0, no two at the "
        "same score."
    )


@strawberry.input(description="A cohort's whole scheme, replacing the one it has.")
class AdjustAssessmentSchemeInput:
    cohort_id: strawberry.ID = strawberry.field(description="A PLANNED or OPEN cohort you manage.")
    components: list[SchemeComponentInput] = strawberry.field(
        description=f"The components, in order (at most {schemes.MAX_COMPONENTS})."
    )
    bands: list[SchemeBandInput] = strawberry.field(
        description=f"The bands (at most {schemes.MAX_BANDS}), covering 0–10."
    )
    min_attendance_rate: Decimal | None = strawberry.field(
        default=None, description="From 0 to 1; null: no minimum."
    )
    practicum_signed_off: bool = strawberry.field(
        default=True, description="Whether completing needs every practicum item signed off."
    )


@strawberry.type(description="Result of adjustAssessmentScheme.")
class AdjustAssessmentSchemePayload:
    scheme: AssessmentScheme | None = strawberry.field(
        description="The cohort's scheme as it is now; null on errors."
    )
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


async def adjust_assessment_scheme(
    info: Info,
    input: Annotated[AdjustAssessmentSchemeInput, strawberry.argument(description=INPUT)],
) -> AdjustAssessmentSchemePayload:
    access = await authorize(info, permissions.MANAGE_COHORTS)

    async def run() -> AssessmentScheme:
        errors = ErrorCollector()
        cohort_id = input_id(errors, input.cohort_id, "Cohort", "cohortId")
        given = schemes.SchemeInput(
            components=[
                schemes.ComponentInput(
                    c.code,
                    c.title,
                    CoreComponentKind(c.kind.value),
                    c.weight,
                    c.double_marking,
                    c.plugin_kind,
                )
                for c in input.components
            ],
            bands=[(b.name, b.lower_bound) for b in input.bands],
            min_attendance_rate=input.min_attendance_rate,
            practicum_signed_off=input.practicum_signed_off,
        )
        kinds = info.context.registry.component_kinds()
        row = await schemes.adjust_scheme(access, cohort_id, given, errors, kinds)
        adjusted = await schemes.adjusted_schemes({row.cohort_id})
        return AssessmentScheme.from_scheme(adjusted[row.cohort_id])

    scheme, errors = await attempt(run())
    return AdjustAssessmentSchemePayload(scheme=scheme, errors=errors)
