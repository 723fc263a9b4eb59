"""approveLessonVersion: an appraiser approves a SUBMITTED version drafted by someone else."""

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


@strawberry.input(description="The SUBMITTED version to approve.")
class ApproveLessonVersionInput:
    version_id: strawberry.ID = strawberry.field(description="A SUBMITTED lesson version.")
    comment: str = strawberry.field(default="", description="A remark kept with the approval.")


@strawberry.type(description="Result of approveLessonVersion.")
class ApproveLessonVersionPayload:
    lesson_version: LessonVersion | None = strawberry.field(
        description="The version as it is now; null on errors."
    )
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


async def approve_lesson_version(
    info: Info, input: Annotated[ApproveLessonVersionInput, strawberry.argument(description=INPUT)]
) -> ApproveLessonVersionPayload:
    access = await authorize(info, permissions.APPRAISE_CONTENT)

    async def run() -> LessonVersion:
        errors = ErrorCollector()
        version_id = input_id(errors, input.version_id, "LessonVersion", "versionId")
        row = await lessons.appraise_lesson_version(
            access, version_id, approve=True, comment=input.comment, errors=errors
        )
        return LessonVersion.from_model(row)

    version, errors = await attempt(run())
    return ApproveLessonVersionPayload(lesson_version=version, errors=errors)
