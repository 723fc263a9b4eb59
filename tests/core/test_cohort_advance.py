"""advance_cohort: walks a cohort forward through the legal changes (demo data, fixtures)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core.models import Cohort
from core.models.enums import CohortStatus
from core.services.access import OPERATOR
from core.services.cohorts import advance_cohort
from core.services.errors import ErrorCode, ServiceError
from tests import factories


async def test_walks_a_planned_cohort_to_closed_through_every_status(db):
    cohort = await factories.cohort(status=CohortStatus.PLANNED)

    with pytest.raises(ServiceError) as refused:  # closing needs final results
        await advance_cohort(OPERATOR, cohort.id, CohortStatus.CLOSED)
    assert (await Cohort.get(id=cohort.id)).status == CohortStatus.COMPLETED
    await Cohort.filter(id=cohort.id).update(results_final_at=datetime.now(UTC))
    advanced = await advance_cohort(OPERATOR, cohort.id, CohortStatus.CLOSED)

    assert refused.value.errors[0].code == ErrorCode.RESULTS_NOT_FINAL
    assert advanced.status == CohortStatus.CLOSED
    assert (await Cohort.get(id=cohort.id)).status == CohortStatus.CLOSED


async def test_reaching_the_current_status_changes_nothing(db):
    cohort = await factories.cohort(status=CohortStatus.OPEN)

    advanced = await advance_cohort(OPERATOR, cohort.id, CohortStatus.OPEN)

    assert (advanced.status, advanced.updated_at) == (cohort.status, cohort.updated_at)


async def test_refuses_to_go_back(db):
    cohort = await factories.cohort(status=CohortStatus.COMPLETED)

    with pytest.raises(ServiceError) as refused:
        await advance_cohort(OPERATOR, cohort.id, CohortStatus.OPEN)

    assert [(e.field, e.code.value) for e in refused.value.errors] == [
        ("status", "illegal_transition")
    ]
    assert (await Cohort.get(id=cohort.id)).status == CohortStatus.COMPLETED


async def test_refuses_an_unknown_cohort(db):
    with pytest.raises(ServiceError) as refused:
        await advance_cohort(OPERATOR, 999999, CohortStatus.OPEN)

    assert [(e.field, e.code.value) for e in refused.value.errors] == [("cohortId", "not_found")]
