"""GraphQL types of the curriculum domain: tracks and their topics."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Self

import strawberry
from strawberry import relay
from strawberry.types import Info

from core import models, permissions
from core.limits import MAX_POSTS_PER_TRACK, MAX_PRACTICUM_ITEMS_PER_TRACK, MAX_TOPICS_PER_TRACK
from core.models import enums
from schema.enums import as_api, described_enum
from schema.limits import list_bound
from schema.node import ModelNode
from schema.people.types import Post
from schema.reads import ToOne

if TYPE_CHECKING:
    from schema.assessment.types import AssessmentScheme
    from schema.practicum.types import PracticumItem

TopicOrigin = described_enum(
    enums.TopicOrigin,
    "TopicOrigin",
    "Who maintains a topic.",
    {
        enums.TopicOrigin.PLUGIN: "The track's plugin catalogue; synced at start-up.",
        enums.TopicOrigin.LOCAL: "Added locally by a coordinator; never touched by the sync.",
    },
)


@strawberry.type(description="A training track for a group of posts, contributed by a plugin.")
class Track(ModelNode):
    loader_name = "track_by_id"
    read_permission = permissions.READ_CATALOGUE

    id: relay.NodeID[int]
    code: str = strawberry.field(description="Stable code, unique across plugins.")
    title: str = strawberry.field(description="Vietnamese title (NFC).")
    title_en: str = strawberry.field(description="English title.")
    description: str = strawberry.field(description="What the track covers, in English.")
    plugin_id: str = strawberry.field(description="Id of the plugin that owns the track.")
    active: bool = strawberry.field(
        description="False while the owning plugin is disabled: no new cohorts or enrollments."
    )

    @classmethod
    def from_model(cls, row: models.Track) -> Self:
        return cls(
            id=row.id,
            code=row.code,
            title=row.title,
            title_en=row.title_en,
            description=row.description,
            plugin_id=row.plugin_id,
            active=row.is_active,
        )

    @strawberry.field(
        description="The posts whose holders may enroll in the track's cohorts.",
        metadata=list_bound(MAX_POSTS_PER_TRACK),
    )
    async def posts(self, info: Info) -> list[Post]:
        rows = await info.context.loaders.posts_by_track_id.load(self.id)
        return Post.from_rows(info, rows)

    @strawberry.field(
        description="The topic catalogue in teaching order (tens of topics at most).",
        metadata=list_bound(MAX_TOPICS_PER_TRACK),
    )
    async def topics(
        self,
        info: Info,
        include_inactive: Annotated[
            bool, strawberry.argument(description="Also list topics dropped from the catalogue.")
        ] = False,
    ) -> list[Topic]:
        rows = await info.context.loaders.topics_by_track_id.load(self.id)
        return Topic.from_rows(info, (row for row in rows if include_inactive or row.is_active))

    @strawberry.field(
        description="How the track's cohorts are assessed, as its plugin declares it (a "
        "cohort's may be adjusted: `Cohort.scheme`); null when it declares none."
    )
    def scheme(
        self, info: Info
    ) -> Annotated[AssessmentScheme, strawberry.lazy("schema.assessment.types")] | None:
        from core.services.schemes import declared
        from schema.assessment.types import AssessmentScheme

        declaration = info.context.registry.schemes().get(self.code)
        return None if declaration is None else AssessmentScheme.from_scheme(declared(declaration))

    @strawberry.field(
        description="The practicum items the track requires, in order (declared by its plugin).",
        metadata=list_bound(MAX_PRACTICUM_ITEMS_PER_TRACK),
    )
    async def practicum_items(
        self,
        info: Info,
        include_inactive: Annotated[
            bool, strawberry.argument(description="Also list items the plugin no longer declares.")
        ] = False,
    ) -> list[Annotated[PracticumItem, strawberry.lazy("schema.practicum.types")]]:
        from schema.practicum.types import PracticumItem

        rows = await info.context.loaders.practicum_items_by_track_id.load(self.id)
        return [PracticumItem.from_model(row) for row in rows if include_inactive or row.is_active]


@strawberry.type(description="A topic (chuyên đề) that learners register: learn what you need.")
class Topic(ModelNode):
    loader_name = "topic_by_id"
    read_permission = permissions.READ_CATALOGUE
    relations = {"track": ToOne("track_id", lambda: Track)}

    id: relay.NodeID[int]
    code: str = strawberry.field(description="Code, unique within the track.")
    title: str = strawberry.field(description="Vietnamese title (NFC).")
    title_en: str = strawberry.field(
        description="English title; empty for a local topic given none."
    )
    order: int = strawberry.field(description="Position in the catalogue.")
    origin: TopicOrigin = strawberry.field(description="Plugin catalogue or local addition.")  # type: ignore[valid-type]
    active: bool = strawberry.field(description="False once dropped from the catalogue.")
    track_id: strawberry.Private[int]

    @classmethod
    def from_model(cls, row: models.Topic) -> Self:
        return cls(
            id=row.id,
            code=row.code,
            title=row.title,
            title_en=row.title_en,
            order=row.order,
            origin=as_api(TopicOrigin, row.origin),
            active=row.is_active,
            track_id=row.track_id,
        )

    @strawberry.field(description="The track whose catalogue holds the topic.")
    def track(self, info: Info) -> Track:
        return self.related(info)
