"""draftLessonVersion: a drafter starts a new version of a topic's lesson content."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from core import permissions
from core.limits import MAX_FILES_PER_INPUT
from core.services import lessons
from core.services.errors import ErrorCollector
from schema.errors import INPUT, UserError, attempt
from schema.files.inputs import file_ids_argument
from schema.ids import input_id
from schema.lessons.types import LessonVersion
from schema.permissions import authorize


@strawberry.input(description="A new version of a topic's lesson content for a programme.")
class DraftLessonVersionInput:
    programme_id: strawberry.ID = strawberry.field(
        description="The programme: you need a seat on its drafting-and-teaching board."
    )
    topic_id: strawberry.ID = strawberry.field(description="The topic the lesson teaches.")
    title: str = strawberry.field(description="Title, in Vietnamese.")
    body: str = strawberry.field(description="The lesson, in Markdown.")
    attachment_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list,
        description=f"Files you uploaded (POST /files) to attach; at most {MAX_FILES_PER_INPUT}.",
    )


@strawberry.type(description="Result of draftLessonVersion.")
class DraftLessonVersionPayload:
    lesson_version: LessonVersion | None = strawberry.field(
        description="The version as it is now; null on errors."
    )
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


async def draft_lesson_version(
    info: Info, input: Annotated[DraftLessonVersionInput, strawberry.argument(description=INPUT)]
) -> DraftLessonVersionPayload:
    access = await authorize(info, permissions.DRAFT_CONTENT)

    async def run() -> LessonVersion:
        errors = ErrorCollector()
        programme_id = input_id(errors, input.programme_id, "Programme", "programmeId")
        topic_id = input_id(errors, input.topic_id, "Topic", "topicId")
        attachment_ids = file_ids_argument(errors, input.attachment_ids, "attachmentIds")
        text = lessons.LessonText(input.title, input.body, attachment_ids)
        row = await lessons.draft_lesson_version(access, programme_id, topic_id, text, errors)
        return LessonVersion.from_model(row)

    version, errors = await attempt(run())
    return DraftLessonVersionPayload(lesson_version=version, errors=errors)
