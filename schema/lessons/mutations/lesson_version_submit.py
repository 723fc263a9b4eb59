"""submitLessonVersion: a drafter sends a DRAFT to the appraisal board."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from core import permissions
from core.services import lessons
from core.services.errors import ErrorCollector
from schema.errors import INPUT, attempt
from schema.ids import input_id
from schema.lessons.mutations.lesson_version_draft import LessonVersionPayload
from schema.lessons.types import LessonVersion
from schema.permissions import authorize


@strawberry.input(description="The DRAFT version to submit for appraisal.")
class SubmitLessonVersionInput:
    version_id: strawberry.ID = strawberry.field(description="A DRAFT lesson version.")


async def submit_lesson_version(
    info: Info, input: Annotated[SubmitLessonVersionInput, strawberry.argument(description=INPUT)]
) -> LessonVersionPayload:
    access = await authorize(info, permissions.DRAFT_CONTENT)

    async def run() -> LessonVersion:
        errors = ErrorCollector()
        version_id = input_id(errors, input.version_id, "LessonVersion", "versionId")
        errors.raise_if_any()
        return LessonVersion.from_model(await lessons.submit_lesson_version(access, version_id))

    version, errors = await attempt(run())
    return LessonVersionPayload(lesson_version=version, errors=errors)
