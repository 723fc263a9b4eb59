"""createTopic: a coordinator adds a local topic to a track's catalogue."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from core import permissions
from core.services import curriculum
from core.services.errors import ErrorCollector
from schema.errors import INPUT, UserError, attempt
from schema.ids import input_id
from schema.permissions import authorize
from schema.tracks.types import Topic


@strawberry.input(description="A local topic for a track (kept across plugin syncs).")
class CreateTopicInput:
    track_id: strawberry.ID = strawberry.field(description="The track whose catalogue grows.")
    code: str = strawberry.field(description="Code, unique within the track.")
    title: str = strawberry.field(description="Vietnamese title.")
    title_en: str = strawberry.field(default="", description="English title (optional).")


@strawberry.type(description="Result of createTopic.")
class CreateTopicPayload:
    topic: Topic | None = strawberry.field(description="The new topic; null on errors.")
    errors: list[UserError] = strawberry.field(description="Why nothing was created, if so.")


async def create_topic(
    info: Info, input: Annotated[CreateTopicInput, strawberry.argument(description=INPUT)]
) -> CreateTopicPayload:
    access = await authorize(info, permissions.MANAGE_CURRICULUM)

    async def run() -> Topic:
        errors = ErrorCollector()
        track_id = input_id(errors, input.track_id, "Track", "trackId")
        row = await curriculum.create_local_topic(
            access, track_id, input.code, input.title, errors, title_en=input.title_en
        )
        return Topic.from_model(row)

    topic, errors = await attempt(run())
    return CreateTopicPayload(topic=topic, errors=errors)
