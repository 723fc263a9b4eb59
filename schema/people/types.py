"""GraphQL types of the people domain: posts and commune officials."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Self

import strawberry
from strawberry import relay
from strawberry.types import Info
from tortoise.queryset import QuerySet

from core import models, permissions
from core.limits import MAX_RESULTS_PER_OFFICIAL
from core.models import enums
from schema.enums import as_api, described_enum
from schema.limits import list_bound
from schema.node import ModelNode
from schema.org.types import OrgUnit
from schema.pagination import (
    BY_ID,
    After,
    Connection,
    First,
    SortDirection,
    nested_connection,
)
from schema.permissions import authorize_loaded
from schema.reads import ToOne

if TYPE_CHECKING:
    from schema.assessment.types import Result
    from schema.cohorts.types import Enrollment

PostKind = described_enum(
    enums.PostKind,
    "PostKind",
    "Whether a post is elected or recruited.",
    {
        enums.PostKind.CADRE: "Cadre (cán bộ): an elected or appointed post.",
        enums.PostKind.CIVIL_SERVANT: "Civil servant (công chức): a recruited post.",
    },
)
Gender = described_enum(
    enums.Gender,
    "Gender",
    "Gender as recorded in the official's file.",
    {
        enums.Gender.FEMALE: "Female.",
        enums.Gender.MALE: "Male.",
        enums.Gender.OTHER: "Other.",
    },
)
PoliticalTheoryLevel = described_enum(
    enums.PoliticalTheoryLevel,
    "PoliticalTheoryLevel",
    "Political-theory qualification (lý luận chính trị).",
    {
        enums.PoliticalTheoryLevel.NONE: "None yet.",
        enums.PoliticalTheoryLevel.ELEMENTARY: "Elementary (sơ cấp).",
        enums.PoliticalTheoryLevel.INTERMEDIATE: "Intermediate (trung cấp).",
        enums.PoliticalTheoryLevel.ADVANCED: "Advanced (cao cấp).",
    },
)
OfficialStatus = described_enum(
    enums.OfficialStatus,
    "OfficialStatus",
    "Whether an official currently holds their post.",
    {
        enums.OfficialStatus.ACTIVE: "Holds the post; may enroll.",
        enums.OfficialStatus.ON_LEAVE: "On leave; cannot enroll.",
        enums.OfficialStatus.LEFT: "Has left the post; the training record is kept.",
    },
)


@strawberry.type(description="A position title (chức danh) that commune officials hold.")
class Post(ModelNode):
    loader_name = "post_by_id"
    read_permission = permissions.READ_CATALOGUE

    id: relay.NodeID[int]
    code: str = strawberry.field(description="Stable code, unique.")
    title: str = strawberry.field(description="Vietnamese title (NFC).")
    title_en: str = strawberry.field(description="English title.")
    kind: PostKind = strawberry.field(description="Cadre or civil servant.")  # type: ignore[valid-type]

    @classmethod
    def from_model(cls, row: models.Post) -> Self:
        return cls(
            id=row.id,
            code=row.code,
            title=row.title,
            title_en=row.title_en,
            kind=as_api(PostKind, row.kind),
        )


@strawberry.type(description="A commune official (cán bộ, công chức cấp xã).")
class Official(ModelNode):
    loader_name = "official_by_id"
    read_permission = permissions.READ_PEOPLE
    relations = {
        "orgUnit": ToOne("org_unit_id", lambda: OrgUnit),
        "post": ToOne("post_id", lambda: Post),
    }

    id: relay.NodeID[int]
    full_name: str = strawberry.field(description="Full name with diacritics (NFC).")
    gender: Gender = strawberry.field(description="Gender.")  # type: ignore[valid-type]
    birth_year: int | None = strawberry.field(description="Year of birth, if known.")
    ethnicity: str = strawberry.field(description="Ethnic group (dân tộc), in Vietnamese.")
    professional_qualification: str = strawberry.field(
        description="Professional qualification (trình độ chuyên môn), in Vietnamese."
    )
    political_theory_level: PoliticalTheoryLevel = strawberry.field(  # type: ignore[valid-type]
        description="Political-theory level."
    )
    status: OfficialStatus = strawberry.field(description="Whether the post is held now.")  # type: ignore[valid-type]
    org_unit_id: strawberry.Private[int]
    post_id: strawberry.Private[int]

    @classmethod
    def from_model(cls, row: models.Official) -> Self:
        return cls(
            id=row.id,
            full_name=row.full_name,
            gender=as_api(Gender, row.gender),
            birth_year=row.birth_year,
            ethnicity=row.ethnicity,
            professional_qualification=row.professional_qualification,
            political_theory_level=as_api(PoliticalTheoryLevel, row.political_theory_level),
            status=as_api(OfficialStatus, row.status),
            org_unit_id=row.org_unit_id,
            post_id=row.post_id,
        )

    @strawberry.field(description="The commune or township the official serves.")
    def org_unit(self, info: Info) -> OrgUnit:
        return self.related(info)

    @strawberry.field(description="The post the official holds.")
    def post(self, info: Info) -> Post:
        return self.related(info)

    @strawberry.field(
        description="The official's finalised results (the transcript), oldest first; with "
        "`year`, those of the cohorts that ended that year: the criterion of that year's "
        "annual evaluation (đánh giá, phân loại).",
        metadata=list_bound(MAX_RESULTS_PER_OFFICIAL),
    )
    async def results(
        self,
        info: Info,
        year: Annotated[
            int | None, strawberry.argument(description="Only cohorts that ended this year.")
        ] = None,
    ) -> list[Annotated[Result, strawberry.lazy("schema.assessment.types")]]:
        from schema.assessment.types import Result

        authorize_loaded(info, permissions.READ_TRAINING)
        rows = await info.context.loaders.results_by_official(year).load(self.id)
        return [Result.from_model(row) for row in rows]

    @strawberry.field(
        description="The official's training record: their enrollments, newest first, "
        "withdrawn ones included."
    )
    async def enrollments(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[Annotated[Enrollment, strawberry.lazy("schema.cohorts.types")]]:
        from schema.cohorts.types import Enrollment

        Enrollment.authorize(info)

        async def every_enrollment() -> QuerySet[models.Enrollment]:
            return models.Enrollment.all()

        return await nested_connection(
            info,
            self.id,
            arguments=(),
            query=every_enrollment,
            parent="official_id",
            key=BY_ID,
            direction=SortDirection.DESC,
            first=first,
            after=after,
            node_type=Enrollment,
        )
