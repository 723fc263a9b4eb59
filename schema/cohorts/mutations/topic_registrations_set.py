"""registerTopics: set the topics an enrolled official registered ("learn what you need")."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from core import permissions
from core.limits import MAX_TOPICS_PER_ENROLLMENT
from core.services import enrollments
from core.services.errors import ErrorCollector
from schema.cohorts.types import Enrollment
from schema.errors import INPUT, UserError, attempt
from schema.ids import input_id, input_ids
from schema.permissions import authorize


@strawberry.input(description="An enrollment and the complete list of topics it registers.")
class RegisterTopicsInput:
    enrollment_id: strawberry.ID = strawberry.field(description="An ENROLLED enrollment.")
    topic_ids: list[strawberry.ID] = strawberry.field(
        description="Topics of the cohort's track, each once (at most "
        f"{MAX_TOPICS_PER_ENROLLMENT}); replaces the current choice (empty clears it)."
    )


@strawberry.type(description="Result of registerTopics.")
class RegisterTopicsPayload:
    enrollment: Enrollment | None = strawberry.field(
        description="The enrollment with its topics; null on errors."
    )
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


async def register_topics(
    info: Info, input: Annotated[RegisterTopicsInput, strawberry.argument(description=INPUT)]
) -> RegisterTopicsPayload:
    access = await authorize(info, permissions.MANAGE_ENROLLMENTS, permissions.REGISTER_OWN_TOPICS)

    async def run() -> Enrollment:
        errors = ErrorCollector()
        enrollment_id = input_id(errors, input.enrollment_id, "Enrollment", "enrollmentId")
        topic_ids = input_ids(
            errors, input.topic_ids, "Topic", "topicIds", MAX_TOPICS_PER_ENROLLMENT
        )
        row = await enrollments.register_topics(access, enrollment_id, topic_ids, errors)
        return Enrollment.from_model(row)

    enrollment, errors = await attempt(run())
    return RegisterTopicsPayload(enrollment=enrollment, errors=errors)
