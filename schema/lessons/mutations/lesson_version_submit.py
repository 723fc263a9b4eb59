"""submitLessonVersion: a drafter sends a DRAFT to the appraisal board."""

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


@strawberry.input(description="The DRAFT version to submit for appraisal.")
class SubmitLessonVersionInput:
    version_id: strawberry.ID = strawberry.field(description="A DRAFT lesson version.")


@strawberry.type(description="Result of submitLessonVersion.")
class SubmitLessonVersionPayload:
    lesson_version: LessonVersion | None = strawberry.field(
        description="The version as it is now; null on errors."
    )
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


async def submit_lesson_version(
    info: Info, input: Annotated[SubmitLessonVersionInput, strawberry.argument(description=INPUT)]
) -> SubmitLessonVersionPayload:
    access = await authorize(info, permissions.DRAFT_CONTENT)

    async def run() -> LessonVersion:
        errors = ErrorCollector()
        version_id = input_id(errors, input.version_id, "LessonVersion", "versionId")
        errors.raise_if_any()
        return LessonVersion.from_model(await lessons.submit_lesson_version(access, version_id))

    version, errors = await attempt(run())
    return SubmitLessonVersionPayload(lesson_version=version, errors=errors)
