"""GraphQL types of assessment schemes."""

from __future__ import annotations

from decimal import Decimal
from typing import Self

import strawberry

from core.models import enums
from core.scores import from_hundredths, from_weight
from core.services import schemes
from schema.enums import as_api, described_enum
from schema.limits import list_bound

ComponentKind = described_enum(
    enums.ComponentKind,
    "ComponentKind",
    "What a scheme's component scores.",
    {
        enums.ComponentKind.MULTIPLE_CHOICE_TEST: "A multiple-choice test, graded automatically.",
        enums.ComponentKind.WRITTEN_TEST: "A written test, scored by assessors.",
        enums.ComponentKind.PRACTICUM: "Practical work, scored by assessors.",
        enums.ComponentKind.ATTENDANCE: "Attendance at the cohort's sessions.",
    },
)


@strawberry.type(description="A weighted component of an assessment scheme.")
class SchemeComponent:
    code: str = strawberry.field(description="Code, unique within the scheme.")
    title: str = strawberry.field(description="Vietnamese name.")
    kind: ComponentKind = strawberry.field(description="What it scores.")  # type: ignore[valid-type]
    weight: Decimal = strawberry.field(
        description="Its share of the result (the weights sum to 1)."
    )


@strawberry.type(description="A band of results (xếp loại) and the lowest score it holds.")
class SchemeBand:
    name: str = strawberry.field(description="Vietnamese name (Giỏi, Khá, Trung bình, Yếu…).")
    lower_bound: Decimal = strawberry.field(
        description="The lowest score (0–10) in the band; it runs up to the next band's."
    )


@strawberry.type(description="An assessment scheme: weighted components, bands, completion.")
class AssessmentScheme:
    components: list[SchemeComponent] = strawberry.field(
        description="The components, in order; their weights sum to 1.",
        metadata=list_bound(schemes.MAX_COMPONENTS),
    )
    bands: list[SchemeBand] = strawberry.field(
        description="The bands, highest first; together they cover 0–10.",
        metadata=list_bound(schemes.MAX_BANDS),
    )
    min_attendance_rate: Decimal | None = strawberry.field(
        description="The share of sessions a learner must attend (present or late) to "
        "complete, from 0 to 1; null: no minimum."
    )
    practicum_signed_off: bool = strawberry.field(
        description="Whether completing needs every practicum item of the track signed off."
    )
    adjusted: bool = strawberry.field(
        description="True for a cohort's own copy adjusted by a coordinator; false for the "
        "scheme its track's plugin declares."
    )

    @classmethod
    def from_scheme(cls, scheme: schemes.Scheme) -> Self:
        rate = scheme.min_attendance_rate
        return cls(
            components=[
                SchemeComponent(
                    code=c.code,
                    title=c.title,
                    kind=as_api(ComponentKind, c.kind),
                    weight=from_weight(c.weight),
                )
                for c in scheme.components
            ],
            bands=[
                SchemeBand(name=b.name, lower_bound=from_hundredths(b.lower_bound))
                for b in scheme.bands
            ],
            min_attendance_rate=None if rate is None else from_weight(rate),
            practicum_signed_off=scheme.practicum_signed_off,
            adjusted=scheme.adjusted,
        )
