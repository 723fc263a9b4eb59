"""reviseLessonVersion: a drafter changes a version that is still a DRAFT."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from core import permissions
from core.services import lessons
from core.services.errors import ErrorCollector
from schema.errors import INPUT, UserError, attempt
from schema.files.inputs import file_ids_argument
from schema.ids import input_id
from schema.lessons.types import LessonVersion
from schema.permissions import authorize


@strawberry.input(description="What to change on a DRAFT version; omitted fields stay.")
class ReviseLessonVersionInput:
    version_id: strawberry.ID = strawberry.field(description="A DRAFT lesson version.")
    title: str | None = strawberry.field(default=None, description="New title.")
    body: str | None = strawberry.field(default=None, description="New Markdown body.")
    attachment_ids: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description="The files attached from now on (replacing the list); your own uploads.",
    )


@strawberry.type(description="Result of reviseLessonVersion.")
class ReviseLessonVersionPayload:
    lesson_version: LessonVersion | None = strawberry.field(
        description="The version as it is now; null on errors."
    )
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


async def revise_lesson_version(
    info: Info, input: Annotated[ReviseLessonVersionInput, strawberry.argument(description=INPUT)]
) -> ReviseLessonVersionPayload:
    access = await authorize(info, permissions.DRAFT_CONTENT)

    async def run() -> LessonVersion:
        errors = ErrorCollector()
        version_id = input_id(errors, input.version_id, "LessonVersion", "versionId")
        attachment_ids = (
            None
            if input.attachment_ids is None
            else file_ids_argument(errors, input.attachment_ids, "attachmentIds")
        )
        changes = lessons.LessonChanges(input.title, input.body, attachment_ids)
        row = await lessons.revise_lesson_version(access, version_id, changes, errors)
        return LessonVersion.from_model(row)

    version, errors = await attempt(run())
    return ReviseLessonVersionPayload(lesson_version=version, errors=errors)
