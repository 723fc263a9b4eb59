"""What the Party track's tests share: a running cohort of the track, its learners, the
documents of the plugin's mutations."""

from __future__ import annotations

from datetime import date
from typing import Any

from core.models import Cohort, Enrollment, Official, OrgUnit
from core.models.enums import CohortStatus
from core.services.access import OPERATOR
from core.services.cohorts import advance_cohort
from plugins.party_committee.models import ConclusionDraft
from tests import factories
from tests.factories import gid

MEETING_ON = date(2019, 6, 12)
"""A day of the cohort's (2019-05-06 to 2019-07-19)."""

SUBMIT = """
mutation($input: PartyCommitteeSubmitConclusionDraftInput!) {
  partyCommitteeSubmitConclusionDraft(input: $input) {
    draft { enrollmentId meetingOn agenda text submittedAt score comment scoredAt }
    errors { field code message }
  }
}
"""
SCORE = """
mutation($input: PartyCommitteeScoreConclusionDraftInput!) {
  partyCommitteeScoreConclusionDraft(input: $input) {
    draft { enrollmentId score comment scoredAt }
    errors { field code message }
  }
}
"""


async def running_cohort(size: int = 2) -> tuple[Cohort, list[Enrollment]]:
    """An IN_PROGRESS cohort of the Party track (its declared scheme) with ``size`` learners
    of a commune of the district running it."""
    cohort = await factories.cohort(status=CohortStatus.OPEN)
    unit = await OrgUnit.get(id=cohort.org_unit_id)
    learners = await factories.roster(cohort, size, await factories.commune(within=unit))
    cohort = await advance_cohort(OPERATOR, cohort.id, CohortStatus.IN_PROGRESS)
    return cohort, learners


async def district_of(cohort: Cohort) -> OrgUnit:
    return await OrgUnit.get(id=cohort.org_unit_id)


async def official_of(enrollment: Enrollment) -> Official:
    return await Official.get(id=enrollment.official_id)


def draft_input(enrollment: Enrollment, **changes: Any) -> dict[str, Any]:
    fields = {
        "enrollmentId": gid("Enrollment", enrollment.id),
        "meetingOn": MEETING_ON.isoformat(),
        "agenda": "Sơ kết công tác 6 tháng đầu năm 2019",
        "text": "Ban Thường vụ Huyện ủy kết luận: giao các đảng bộ cơ sở triển khai nhiệm vụ.",
    }
    return {"input": fields | changes}


def score_input(enrollment: Enrollment, score: Any, comment: str = "Đạt yêu cầu") -> dict:
    return {
        "input": {
            "enrollmentId": gid("Enrollment", enrollment.id),
            "score": score,
            "comment": comment,
        }
    }


async def drafts() -> list[tuple[Any, ...]]:
    """Every draft row, to compare before and after a refused mutation."""
    return [
        tuple(row.values())
        for row in await ConclusionDraft.all()
        .order_by("id")
        .values("enrollment_id", "meeting_on", "agenda", "text", "score", "comment", "scored_by_id")
    ]
