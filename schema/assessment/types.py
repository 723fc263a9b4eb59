"""GraphQL types of assessment schemes."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Self

import strawberry
from strawberry import relay
from strawberry.types import Info

from core import models, permissions
from core.limits import MAX_CHILDREN_PER_ORG_UNIT
from core.models import enums
from core.scores import from_hundredths, from_weight
from core.services import schemes, statistics
from core.services.question_bank import LETTERS, MAX_OPTIONS
from schema.accounts.types import account_name
from schema.enums import as_api, described_enum
from schema.limits import list_bound
from schema.node import ModelNode
from schema.reads import ToOne
from schema.tracks.types import Topic

if TYPE_CHECKING:
    from schema.cohorts.types import Cohort
    from schema.org.types import OrgUnit
    from schema.people.types import Post

ComponentKind = described_enum(
    enums.ComponentKind,
    "ComponentKind",
    "What a scheme's component scores.",
    {
        enums.ComponentKind.MULTIPLE_CHOICE_TEST: "A multiple-choice test, graded automatically.",
        enums.ComponentKind.WRITTEN_TEST: "A written test, scored by assessors.",
        enums.ComponentKind.PRACTICUM: "Practical work, scored by assessors.",
        enums.ComponentKind.ATTENDANCE: "Attendance at the cohort's sessions.",
        enums.ComponentKind.PLUGIN: "Work of a kind a plugin grades (`pluginKind` names it).",
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
    double_marking: bool = strawberry.field(
        description="Whether a second assessor scores it too (the result takes the mean)."
    )
    plugin_kind: str | None = strawberry.field(
        description="For a PLUGIN component, the code of the kind its plugin grades."
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
                    double_marking=c.double_marking,
                    plugin_kind=c.plugin_kind or None,
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


Difficulty = described_enum(
    enums.Difficulty,
    "Difficulty",
    "How hard a bank question is.",
    {
        enums.Difficulty.EASY: "Easy.",
        enums.Difficulty.MEDIUM: "Medium.",
        enums.Difficulty.HARD: "Hard.",
    },
)


@strawberry.type(description="One version of a bank question: what a test shows of it.")
class QuestionVersion:
    number: int = strawberry.field(description="1 for the first version, then 2, 3, …")
    stem: str = strawberry.field(description="The question (Vietnamese, NFC).")
    options: list[str] = strawberry.field(
        description="The options in the order shown (A, B, …).",
        metadata=list_bound(MAX_OPTIONS),
    )
    correct_option: str = strawberry.field(description="The letter of the correct option.")
    explanation: str = strawberry.field(description="Why it is correct.")
    difficulty: Difficulty = strawberry.field(description="How hard it is.")  # type: ignore[valid-type]

    @classmethod
    def from_model(cls, row: models.QuestionVersion) -> Self:
        return cls(
            number=row.number,
            stem=row.stem,
            options=list(row.options),
            correct_option=LETTERS[row.correct_option],
            explanation=row.explanation,
            difficulty=as_api(Difficulty, row.difficulty),
        )


@strawberry.type(description="A multiple-choice question of a topic's bank, in versions.")
class Question(ModelNode):
    loader_name = "question_by_id"
    read_permission = permissions.READ_QUESTION_BANK
    relations = {"topic": ToOne("topic_id", lambda: Topic)}

    id: relay.NodeID[int]
    code: str = strawberry.field(description="Code, unique within the track, kept on import.")
    active: bool = strawberry.field(description="Whether tests may draw it.")
    topic_id: strawberry.Private[int]

    @classmethod
    def from_model(cls, row: models.Question) -> Self:
        return cls(id=row.id, code=row.code, active=row.is_active, topic_id=row.topic_id)

    @strawberry.field(description="The topic whose bank holds it.")
    def topic(self, info: Info) -> Topic:
        return self.related(info)

    @strawberry.field(description="The version new tests draw.")
    async def current_version(self, info: Info) -> QuestionVersion:
        row = await info.context.loaders.current_version_by_question_id.load(self.id)
        return QuestionVersion.from_model(row)


@strawberry.type(description="An assessor's score of a learner's written or practical work.")
class ComponentScore:
    component: str = strawberry.field(description="The component's code in the scheme.")
    score: Decimal = strawberry.field(description="The (first) assessor's score, out of 10.")
    comment: str = strawberry.field(description="The (first) assessor's comment.")
    scored_at: datetime = strawberry.field(description="When last entered (UTC).")
    second_score: Decimal | None = strawberry.field(
        description="The second assessor's score, with double marking; null until entered."
    )
    second_comment: str = strawberry.field(description="The second assessor's comment.")
    scored_by_id: strawberry.Private[int | None]
    second_by_id: strawberry.Private[int | None]

    @classmethod
    def from_model(cls, row: models.ComponentScore) -> Self:
        return cls(
            component=row.component,
            score=from_hundredths(row.score),
            comment=row.comment,
            scored_at=row.scored_at,
            second_score=None if row.second_score is None else from_hundredths(row.second_score),
            second_comment=row.second_comment,
            scored_by_id=row.scored_by_id,
            second_by_id=row.second_by_id,
        )

    @strawberry.field(description="The difference between the two scores; null until both.")
    def difference(self) -> Decimal | None:
        if self.second_score is None:
            return None
        return abs(self.score - self.second_score)

    @strawberry.field(description="Who scored first, by display name.")
    async def scored_by(self, info: Info) -> str | None:
        return await account_name(info, self.scored_by_id)

    @strawberry.field(description="Who scored second, by display name, with double marking.")
    async def second_by(self, info: Info) -> str | None:
        return await account_name(info, self.second_by_id)


@strawberry.type(description="A component's part of a result.")
class ResultComponent:
    code: str = strawberry.field(description="The component's code in the scheme.")
    score: Decimal | None = strawberry.field(description="Its score, out of 10; null if none.")
    weight: Decimal = strawberry.field(description="Its weight.")


@strawberry.type(description="An amendment of a finalised result, kept beside the original.")
class ResultAmendment:
    previous_score: Decimal = strawberry.field(description="The score before.")
    previous_band: str = strawberry.field(description="The band before.")
    previous_completed: bool = strawberry.field(description="Completed, before.")
    score: Decimal = strawberry.field(description="The score after.")
    band: str = strawberry.field(description="The band after (from the score).")
    completed: bool = strawberry.field(description="Completed, after.")
    reason: str = strawberry.field(description="Why it was amended.")
    amended_at: datetime = strawberry.field(description="When (UTC).")

    @classmethod
    def from_model(cls, row: models.ResultAmendment) -> Self:
        return cls(
            previous_score=from_hundredths(row.previous_score),
            previous_band=row.previous_band,
            previous_completed=row.previous_completed,
            score=from_hundredths(row.score),
            band=row.band,
            completed=row.completed,
            reason=row.reason,
            amended_at=row.amended_at,
        )


@strawberry.type(
    description="A learner's finalised result: weighted score, band, completed or not and "
    "why, with the post and org unit the official held then."
)
class Result:
    score: Decimal = strawberry.field(description="Weighted, out of 10, rounded half up.")
    band: str = strawberry.field(description="The band of the (rounded) score.")
    completed: bool = strawberry.field(description="Whether every condition was met.")
    reasons: list[str] = strawberry.field(
        description="Why not completed (empty when completed).",
        metadata=list_bound(schemes.MAX_COMPONENTS + 2),
    )
    components: list[ResultComponent] = strawberry.field(
        description="Each component's score and weight.",
        metadata=list_bound(schemes.MAX_COMPONENTS),
    )
    finalised_at: datetime = strawberry.field(description="When finalised (UTC).")
    result_id: strawberry.Private[int]
    cohort_id: strawberry.Private[int]
    post_id: strawberry.Private[int]
    org_unit_id: strawberry.Private[int]

    @classmethod
    def from_model(cls, row: models.Result) -> Self:
        return cls(
            score=from_hundredths(row.score),
            band=row.band,
            completed=row.completed,
            reasons=list(row.reasons),
            components=[
                ResultComponent(
                    code=part["code"],
                    score=None if part["score"] is None else from_hundredths(part["score"]),
                    weight=from_weight(part["weight"]),
                )
                for part in row.components
            ],
            finalised_at=row.finalised_at,
            result_id=row.id,
            cohort_id=row.cohort_id,
            post_id=row.post_id,
            org_unit_id=row.org_unit_id,
        )

    @strawberry.field(description="The cohort (its `endsOn` gives the result's year).")
    async def cohort(
        self, info: Info
    ) -> Annotated[Cohort, strawberry.lazy("schema.cohorts.types")]:
        from schema.cohorts.types import Cohort

        return await Cohort.load_related(info, self.cohort_id)

    @strawberry.field(description="The post the official held when the results were finalised.")
    async def post(self, info: Info) -> Annotated[Post, strawberry.lazy("schema.people.types")]:
        from schema.people.types import Post

        return await Post.load_related(info, self.post_id)

    @strawberry.field(description="The org unit the official belonged to then.")
    async def org_unit(self, info: Info) -> Annotated[OrgUnit, strawberry.lazy("schema.org.types")]:
        from schema.org.types import OrgUnit

        return await OrgUnit.load_related(info, self.org_unit_id)

    @strawberry.field(
        description="Amendments, oldest first (the score, band and completed above are the "
        "current ones).",
        metadata=list_bound(100),
    )
    async def amendments(self, info: Info) -> list[ResultAmendment]:
        rows = await info.context.loaders.amendments_by_result_id.load(self.result_id)
        return [ResultAmendment.from_model(row) for row in rows]


@strawberry.type(description="How many final results fell in one band.")
class BandCount:
    band: str = strawberry.field(description="The band's name.")
    count: int = strawberry.field(description="How many learners.")


@strawberry.type(description="Registration in one org unit (a commune) for a cohort.")
class UnitCoverage:
    eligible: int = strawberry.field(description="Officials of the unit who may take part.")
    registered: int = strawberry.field(description="Of them, ENROLLED in the cohort.")
    org_unit_id: strawberry.Private[int]

    @strawberry.field(description="The org unit.")
    async def org_unit(self, info: Info) -> Annotated[OrgUnit, strawberry.lazy("schema.org.types")]:
        from schema.org.types import OrgUnit

        return await OrgUnit.load_related(info, self.org_unit_id)


@strawberry.type(
    description="A cohort's statistics, over the officials and enrollments you may read: "
    "registration (51 of 52), the final results' bands (3/26/22), per-commune coverage."
)
class CohortStatistics:
    eligible: int = strawberry.field(
        description="ACTIVE officials holding a post of the track in the cohort's org unit "
        "(and those enrolled already)."
    )
    registered: int = strawberry.field(description="ENROLLED in the cohort.")
    registration_rate: Decimal | None = strawberry.field(
        description="registered / eligible, four decimals (0.9808 for 51 of 52); null when "
        "no one is eligible."
    )
    completed: int | None = strawberry.field(
        description="Learners whose final result is completed; null until results are final."
    )
    bands: list[BandCount] | None = strawberry.field(
        description="Final results per band, highest first, zeros included; null until final.",
        metadata=list_bound(schemes.MAX_BANDS + 5),
    )
    units: list[UnitCoverage] = strawberry.field(
        description="Per org unit of the officials (their commune), by path.",
        metadata=list_bound(MAX_CHILDREN_PER_ORG_UNIT),
    )

    @classmethod
    def from_statistics(cls, found: statistics.CohortStatistics) -> Self:
        rate = None
        if found.eligible:
            rate = (Decimal(found.registered) / found.eligible).quantize(Decimal("0.0001"))
        return cls(
            eligible=found.eligible,
            registered=found.registered,
            registration_rate=rate,
            completed=found.completed,
            bands=None
            if found.bands is None
            else [BandCount(band=name, count=count) for name, count in found.bands],
            units=[
                UnitCoverage(
                    eligible=u.eligible, registered=u.registered, org_unit_id=u.org_unit_id
                )
                for u in found.units
            ],
        )
