"""Root query fields of the people domain."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from core import permissions
from core.models import Official as OfficialRow
from core.models.enums import OfficialStatus as CoreOfficialStatus
from core.models.enums import PostKind as CorePostKind
from core.orm import column_length
from core.services import directory
from schema.errors import BadArgumentError
from schema.ids import decode_argument_id, optional
from schema.inputs import enum_list_argument, id_list_argument, text_argument
from schema.pagination import (
    BY_ID,
    FILTER,
    ORDER_BY,
    After,
    Connection,
    First,
    SortDirection,
    SortKey,
    paginate,
)
from schema.people.types import Official, OfficialStatus, Post, PostKind
from schema.permissions import authorize


@strawberry.input(description="Filters for officials; every given filter must match.")
class OfficialFilter:
    org_unit_id: strawberry.ID | None = strawberry.field(
        default=None, description="Officials of this unit or any unit below it."
    )
    post_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Officials holding one of these posts."
    )
    statuses: list[OfficialStatus] | None = strawberry.field(
        default=None, description="Only these statuses."
    )
    name: str | None = strawberry.field(
        default=None,
        description='Full name contains this, ignoring case and diacritics: "nguyen van" '
        'finds "Nguyễn Văn An".',
    )
    trained_for_post: bool | None = strawberry.field(
        default=None,
        description="true: officials with a completed result earned in the post they hold now; "
        "false: those who lack the training for their post.",
    )
    eligible_for_cohort_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Only officials who may be enrolled in this cohort: ACTIVE, holding one of "
        "its track's posts, and not ENROLLED in it now (a withdrawn official may enroll "
        "again). A cohort you may not read is refused like an unknown one.",
    )


@strawberry.enum(description="Orders for officials.")
class OfficialOrderField(Enum):
    NAME = strawberry.enum_value("search_name", description="By full name, ignoring diacritics.")
    CREATED = strawberry.enum_value("id", description="By when the official was recorded.")


NAME_SEARCH_LENGTH = column_length(OfficialRow, "search_name")
"""Longest `filter.name`: the searched column's length."""

SORT_KEYS = {OfficialOrderField.NAME: SortKey("search_name"), OfficialOrderField.CREATED: BY_ID}


@strawberry.input(description="How to order officials.")
class OfficialOrder:
    field: OfficialOrderField = strawberry.field(description="The sort key.")
    direction: SortDirection = strawberry.field(
        default=SortDirection.ASC, description="Ascending (default) or descending."
    )


@strawberry.input(description="Filters for posts.")
class PostFilter:
    kinds: list[PostKind] | None = strawberry.field(default=None, description="Only these kinds.")


@strawberry.type
class PeopleQueries:
    @strawberry.field(description="Commune officials, by name unless `orderBy` says otherwise.")
    async def officials(
        self,
        info: Info,
        filter: Annotated[OfficialFilter | None, FILTER] = None,
        order_by: Annotated[OfficialOrder | None, ORDER_BY] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Official]:
        access = await authorize(info, permissions.READ_PEOPLE)
        given = filter or OfficialFilter()
        criteria = directory.OfficialFilter(
            org_unit_id=optional(
                decode_argument_id, given.org_unit_id, "OrgUnit", "filter.orgUnitId"
            ),
            post_ids=id_list_argument(given.post_ids, "Post", "filter.postIds"),
            statuses=enum_list_argument(given.statuses, "filter.statuses", CoreOfficialStatus),
            name=text_argument(given.name, "filter.name", NAME_SEARCH_LENGTH),
            eligible_for_cohort_id=optional(
                decode_argument_id,
                given.eligible_for_cohort_id,
                "Cohort",
                "filter.eligibleForCohortId",
            ),
            trained_for_post=given.trained_for_post,
        )
        cohort_id = criteria.eligible_for_cohort_id
        if cohort_id is not None and not await directory.readable_cohort(access, cohort_id):
            raise BadArgumentError(
                "filter.eligibleForCohortId", "No cohort you may read has this ID."
            )
        query = await directory.filter_officials(access, criteria)
        order = order_by or OfficialOrder(field=OfficialOrderField.NAME)
        return await paginate(
            info,
            query,
            first=first,
            after=after,
            key=SORT_KEYS[order.field],
            direction=order.direction,
            node_type=Official,
            sort_by_index=await directory.officials_sort_by_index(criteria),
        )

    @strawberry.field(description="Posts (position titles), by code.")
    async def posts(
        self,
        info: Info,
        filter: Annotated[PostFilter | None, FILTER] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Post]:
        await authorize(info, permissions.READ_CATALOGUE)
        given = filter or PostFilter()
        query = directory.filter_posts(
            directory.PostFilter(
                kinds=enum_list_argument(given.kinds, "filter.kinds", CorePostKind)
            )
        )
        return await paginate(
            info,
            query,
            first=first,
            after=after,
            key=SortKey("code"),
            direction=SortDirection.ASC,
            node_type=Post,
        )
