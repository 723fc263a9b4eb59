"""Root query fields of assessment."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from core import permissions
from core.services import question_bank
from schema.assessment.types import Question
from schema.ids import decode_argument_id, optional
from schema.inputs import id_list_argument
from schema.pagination import BY_ID, FILTER, After, Connection, First, SortDirection, paginate
from schema.permissions import authorize


@strawberry.input(description="Filters for bank questions; every given filter must match.")
class QuestionFilter:
    track_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this track's questions."
    )
    topic_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Only these topics' questions."
    )


@strawberry.type
class AssessmentQueries:
    @strawberry.field(
        description="The question banks, in import order, correct options included (staff "
        "who may read them; never learners)."
    )
    async def questions(
        self,
        info: Info,
        filter: Annotated[QuestionFilter | None, FILTER] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Question]:
        access = await authorize(info, permissions.READ_QUESTION_BANK)
        given = filter or QuestionFilter()
        query = question_bank.filter_questions(
            access,
            track_id=optional(decode_argument_id, given.track_id, "Track", "filter.trackId"),
            topic_ids=id_list_argument(given.topic_ids, "Topic", "filter.topicIds"),
        )
        return await paginate(
            info,
            query,
            first=first,
            after=after,
            key=BY_ID,
            direction=SortDirection.ASC,
            node_type=Question,
        )
