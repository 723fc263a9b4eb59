"""changeCohortStatus: move a cohort through its life cycle (only legal transitions)."""

from __future__ import annotations

from typing import Annotated, Self

import strawberry
from strawberry.types import Info

from core import permissions
from core.limits import MAX_NOTICES
from core.models.enums import CohortStatus as CoreCohortStatus
from core.services import cohorts
from core.services.errors import ErrorCollector
from schema.cohorts.types import Cohort, CohortStatus
from schema.enums import as_api, described_enum
from schema.errors import INPUT, UserError, attempt
from schema.ids import input_id
from schema.limits import bounded_lists
from schema.permissions import authorize

NoticeCode = described_enum(
    cohorts.NoticeKind,
    "NoticeCode",
    "What a notice is about; stable across versions.",
    {
        cohorts.NoticeKind.ENROLLMENTS_KEPT: "An OPEN cohort went back to PLANNED and kept its "
        "enrollments: the officials stay enrolled and count again when it reopens.",
    },
)


@bounded_lists(MAX_NOTICES)
@strawberry.type(
    description="Something a successful change did that its author should know: not a "
    "problem (those are `errors`), but worth showing."
)
class Notice:
    code: NoticeCode = strawberry.field(description="Machine-readable kind.")  # type: ignore[valid-type]
    message: str = strawberry.field(description="What happened, in plain words.")

    @classmethod
    def from_service(cls, notice: cohorts.Notice) -> Self:
        return cls(code=as_api(NoticeCode, notice.kind), message=notice.message)


@strawberry.input(description="The cohort and the status it should move to.")
class ChangeCohortStatusInput:
    cohort_id: strawberry.ID = strawberry.field(description="The cohort.")
    status: CohortStatus = strawberry.field(
        description="The next status; see `Cohort.nextStatuses` for the legal ones."
    )


@strawberry.type(description="Result of changeCohortStatus.")
class ChangeCohortStatusPayload:
    cohort: Cohort | None = strawberry.field(description="The cohort; null on errors.")
    notices: list[Notice] = strawberry.field(
        description="What the change meant besides the new status (empty on errors and for "
        "most changes): an OPEN cohort moved back to PLANNED says it kept its enrollments "
        "(`ENROLLMENTS_KEPT`)."
    )
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


async def change_cohort_status(
    info: Info, input: Annotated[ChangeCohortStatusInput, strawberry.argument(description=INPUT)]
) -> ChangeCohortStatusPayload:
    access = await authorize(info, permissions.MANAGE_COHORTS)

    async def run() -> cohorts.StatusChange:
        errors = ErrorCollector()
        cohort_id = input_id(errors, input.cohort_id, "Cohort", "cohortId")
        return await cohorts.move_cohort(
            access, cohort_id, CoreCohortStatus(input.status.value), info.context.registry, errors
        )

    change, errors = await attempt(run())
    if change is None:
        return ChangeCohortStatusPayload(cohort=None, notices=[], errors=errors)
    return ChangeCohortStatusPayload(
        cohort=Cohort.from_model(change.cohort),
        notices=[Notice.from_service(notice) for notice in change.notices],
        errors=[],
    )
