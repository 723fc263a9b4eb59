"""Root query fields of lesson content."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from core import permissions
from core.limits import MAX_TOPICS_PER_TRACK
from core.services import lessons
from schema.ids import decode_argument_id, optional
from schema.inputs import id_list_argument
from schema.lessons.types import LessonContent
from schema.pagination import BY_ID, FILTER, After, Connection, First, SortDirection, paginate
from schema.permissions import authorize


@strawberry.input(description="Filters for lesson content; every given filter must match.")
class LessonContentFilter:
    programme_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only the content of this programme."
    )
    topic_ids: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description=f"Only the content of these topics (at most {MAX_TOPICS_PER_TRACK}).",
    )


@strawberry.type
class LessonQueries:
    @strawberry.field(
        description="Lesson content of the programmes in scope (a learner: those of their "
        "cohorts), oldest first."
    )
    async def lesson_contents(
        self,
        info: Info,
        filter: Annotated[LessonContentFilter | None, FILTER] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[LessonContent]:
        access = await authorize(info, permissions.READ_TRAINING)
        given = filter or LessonContentFilter()
        query = lessons.filter_lesson_contents(
            access,
            programme_id=optional(
                decode_argument_id, given.programme_id, "Programme", "filter.programmeId"
            ),
            topic_ids=id_list_argument(given.topic_ids, "Topic", "filter.topicIds"),
        )
        return await paginate(
            info,
            query,
            first=first,
            after=after,
            key=BY_ID,
            direction=SortDirection.ASC,
            node_type=LessonContent,
        )
