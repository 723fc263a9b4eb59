"""returnLessonVersion: an appraiser sends a SUBMITTED version back with comments."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from core import permissions
from core.services import lessons
from core.services.errors import ErrorCollector
from schema.errors import INPUT, UserError, attempt
from schema.ids import input_id
from schema.lessons.types import LessonVersion
from schema.permissions import authorize


@strawberry.input(description="The SUBMITTED version to return, and what to change.")
class ReturnLessonVersionInput:
    version_id: strawberry.ID = strawberry.field(description="A SUBMITTED lesson version.")
    comment: str = strawberry.field(description="What the drafters should change (required).")


@strawberry.type(description="Result of returnLessonVersion.")
class ReturnLessonVersionPayload:
    lesson_version: LessonVersion | None = strawberry.field(
        description="The version as it is now; null on errors."
    )
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


async def return_lesson_version(
    info: Info, input: Annotated[ReturnLessonVersionInput, strawberry.argument(description=INPUT)]
) -> ReturnLessonVersionPayload:
    access = await authorize(info, permissions.APPRAISE_CONTENT)

    async def run() -> LessonVersion:
        errors = ErrorCollector()
        version_id = input_id(errors, input.version_id, "LessonVersion", "versionId")
        row = await lessons.appraise_lesson_version(
            access, version_id, approve=False, comment=input.comment, errors=errors
        )
        return LessonVersion.from_model(row)

    version, errors = await attempt(run())
    return ReturnLessonVersionPayload(lesson_version=version, errors=errors)
