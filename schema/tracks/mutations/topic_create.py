"""createTopic: a coordinator adds a local topic to a track's catalogue."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from core.services import curriculum
from schema.errors import INPUT, UserError, attempt
from schema.ids import decode_input_id
from schema.permissions import Action, authorize
from schema.tracks.types import Topic


@strawberry.input(description="A local topic for a track (kept across plugin syncs).")
class TopicCreateInput:
    track_id: strawberry.ID = strawberry.field(description="The track whose catalogue grows.")
    code: str = strawberry.field(description="Code, unique within the track.")
    title: str = strawberry.field(description="Vietnamese title.")


@strawberry.type(description="Result of createTopic.")
class TopicCreatePayload:
    topic: Topic | None = strawberry.field(description="The new topic; null on errors.")
    errors: list[UserError] = strawberry.field(description="Why nothing was created, if so.")


async def create_topic(
    info: Info, input: Annotated[TopicCreateInput, strawberry.argument(description=INPUT)]
) -> TopicCreatePayload:
    authorize(info, Action.MANAGE_CURRICULUM)

    async def run() -> Topic:
        track_id = decode_input_id(input.track_id, "Track", "trackId")
        return Topic.from_model(
            await curriculum.create_local_topic(track_id, input.code, input.title)
        )

    topic, errors = await attempt(run())
    return TopicCreatePayload(topic=topic, errors=errors)
