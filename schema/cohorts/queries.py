"""Root query fields of the training domain."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from core import permissions
from core.models.enums import CohortStatus as CoreCohortStatus
from core.models.enums import EnrollmentStatus as CoreEnrollmentStatus
from core.services import cohorts, enrollments
from schema.cohorts.types import Cohort, CohortStatus, Enrollment, EnrollmentStatus
from schema.ids import decode_argument_id, optional
from schema.inputs import enum_list_argument, id_list_argument
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
from schema.permissions import authorize


@strawberry.input(description="Filters for cohorts; every given filter must match.")
class CohortFilter:
    track_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Only cohorts of these tracks."
    )
    statuses: list[CohortStatus] | None = strawberry.field(
        default=None, description="Only cohorts in these statuses."
    )
    programme_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only cohorts of this programme."
    )
    starts_from: date | None = strawberry.field(
        default=None, description="Only cohorts starting on or after this day."
    )
    starts_until: date | None = strawberry.field(
        default=None, description="Only cohorts starting on or before this day."
    )


@strawberry.enum(description="Orders for cohorts.")
class CohortOrderField(Enum):
    STARTS_ON = strawberry.enum_value("starts_on", description="By first day.")
    NAME = strawberry.enum_value("name", description="By name.")


@strawberry.input(description="How to order cohorts.")
class CohortOrder:
    field: CohortOrderField = strawberry.field(description="The sort key.")
    direction: SortDirection = strawberry.field(
        default=SortDirection.ASC, description="Ascending (default) or descending."
    )


@strawberry.input(description="Filters for enrollments; every given filter must match.")
class EnrollmentFilter:
    cohort_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only enrollments in this cohort."
    )
    official_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this official's enrollments."
    )
    statuses: list[EnrollmentStatus] | None = strawberry.field(
        default=None, description="Only these statuses."
    )


SORT_KEYS = {
    CohortOrderField.STARTS_ON: SortKey("starts_on", date),
    CohortOrderField.NAME: SortKey("name"),
}


@strawberry.type
class CohortQueries:
    @strawberry.field(description="Cohorts, by first day unless `orderBy` says otherwise.")
    async def cohorts(
        self,
        info: Info,
        filter: Annotated[CohortFilter | None, FILTER] = None,
        order_by: Annotated[CohortOrder | None, ORDER_BY] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Cohort]:
        access = await authorize(info, permissions.READ_TRAINING)
        given = filter or CohortFilter()
        query = cohorts.filter_cohorts(
            access,
            cohorts.CohortFilter(
                track_ids=id_list_argument(given.track_ids, "Track", "filter.trackIds"),
                statuses=enum_list_argument(given.statuses, "filter.statuses", CoreCohortStatus),
                programme_id=optional(
                    decode_argument_id, given.programme_id, "Programme", "filter.programmeId"
                ),
                starts_from=given.starts_from,
                starts_until=given.starts_until,
            ),
        )
        order = order_by or CohortOrder(field=CohortOrderField.STARTS_ON)
        return await paginate(
            info,
            query,
            first=first,
            after=after,
            key=SORT_KEYS[order.field],
            direction=order.direction,
            node_type=Cohort,
        )

    @strawberry.field(description="Enrollments, oldest first.")
    async def enrollments(
        self,
        info: Info,
        filter: Annotated[EnrollmentFilter | None, FILTER] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Enrollment]:
        access = await authorize(info, permissions.READ_TRAINING)
        given = filter or EnrollmentFilter()
        query = enrollments.filter_enrollments(
            access,
            enrollments.EnrollmentFilter(
                cohort_id=optional(
                    decode_argument_id, given.cohort_id, "Cohort", "filter.cohortId"
                ),
                official_id=optional(
                    decode_argument_id, given.official_id, "Official", "filter.officialId"
                ),
                statuses=enum_list_argument(
                    given.statuses, "filter.statuses", CoreEnrollmentStatus
                ),
            ),
        )
        return await paginate(
            info,
            query,
            first=first,
            after=after,
            key=BY_ID,
            direction=SortDirection.ASC,
            node_type=Enrollment,
        )
