"""partyCommitteeScoreConclusionDraft: an assessor scores a submitted draft out of 10 with a
comment; a bad score, a missing draft, one's own draft or final results change nothing."""

from __future__ import annotations

from datetime import UTC, datetime

from core.models import Cohort
from core.models.enums import CohortStatus, Role
from core.services.access import OPERATOR
from plugins.party_committee.models import ConclusionDraft
from plugins.party_committee.services import DraftText, submit_draft
from tests import factories
from tests.helpers import error_codes, graphql, graphql_data
from tests.plugins.party_committee.builders import (
    MEETING_ON,
    SCORE,
    district_of,
    drafts,
    official_of,
    running_cohort,
    score_input,
)


async def score(http, variables) -> dict:
    data = await graphql_data(http, SCORE, variables)
    return data["partyCommitteeScoreConclusionDraft"]


async def submitted(enrollment) -> ConclusionDraft:
    return await submit_draft(
        OPERATOR, enrollment.id, DraftText(MEETING_ON, "Chương trình họp", "Dự thảo kết luận")
    )


async def test_an_assessor_scores_a_draft_and_corrects_their_own_score(sign_in_as):
    # given a submitted draft and an assessor of the district running the cohort
    cohort, (an, _) = await running_cohort()
    await submitted(an)
    assessor = await sign_in_as("giam.khao", (Role.ASSESSOR, await district_of(cohort)))
    # when
    first = await score(assessor, score_input(an, "8.25", "Kết luận rõ việc, rõ người."))
    corrected = await score(assessor, score_input(an, 8, "Thiếu thời hạn thực hiện."))
    # then
    assert first["errors"] == corrected["errors"] == []
    assert (first["draft"]["score"], first["draft"]["comment"]) == (
        "8.25",
        "Kết luận rõ việc, rõ người.",
    )
    assert corrected["draft"]["score"] == "8.00"
    row = await ConclusionDraft.get(enrollment_id=an.id)
    assert (row.score, row.comment, row.scored_at is not None) == (
        800,
        "Thiếu thời hạn thực hiện.",
        True,
    )


async def test_another_assessor_does_not_overwrite_a_score(sign_in_as):
    cohort, (an, _) = await running_cohort()
    await submitted(an)
    unit = await district_of(cohort)
    first = await sign_in_as("giam.khao.1", (Role.ASSESSOR, unit))
    other = await sign_in_as("giam.khao.2", (Role.ASSESSOR, unit))
    await score(first, score_input(an, "7.5"))
    before = await drafts()

    refused = await score(other, score_input(an, 9))

    assert error_codes(refused) == [("enrollmentId", "ALREADY_SCORED")]
    assert await drafts() == before


async def test_a_score_outside_0_to_10_or_with_three_decimals_changes_nothing(client, db):
    _, (an, _) = await running_cohort()
    await submitted(an)
    before = await drafts()

    for bad in ("11", "-1", "8.255", "10.01"):
        payload = await score(client, score_input(an, bad))

        assert error_codes(payload) == [("score", "INVALID_SCORE")], bad
        assert payload["draft"] is None
    assert await drafts() == before
    assert (await ConclusionDraft.get(enrollment_id=an.id)).score is None


async def test_scoring_a_draft_that_was_not_submitted_is_refused(client, db):
    _, (an, _) = await running_cohort()

    payload = await score(client, score_input(an, 7))

    assert error_codes(payload) == [("enrollmentId", "NOT_FOUND")]
    assert await drafts() == []


async def test_a_learner_cannot_score_even_their_own_draft(sign_in_as):
    _, (an, _) = await running_cohort()
    await submitted(an)
    official = await official_of(an)
    learner = await sign_in_as(
        "hoc.vien", (Role.LEARNER, await official.org_unit), official=official
    )
    before = await drafts()

    body = await graphql(learner, SCORE, score_input(an, 10))

    assert [error["extensions"]["code"] for error in body["errors"]] == ["FORBIDDEN"]
    assert body["errors"][0]["extensions"]["permission"] == "party_committee.score_draft"
    assert await drafts() == before


async def test_an_assessor_who_is_the_learner_does_not_score_their_own_draft(sign_in_as):
    cohort, (an, _) = await running_cohort()
    await submitted(an)
    official = await official_of(an)
    both = await sign_in_as(
        "hoc.vien.giam.khao",
        (Role.ASSESSOR, await district_of(cohort)),
        (Role.LEARNER, await official.org_unit),
        official=official,
    )
    before = await drafts()

    payload = await score(both, score_input(an, 10))

    assert error_codes(payload) == [("enrollmentId", "OWN_CONTENT")]
    assert await drafts() == before


async def test_an_assessor_of_another_district_is_refused(sign_in_as):
    _, (an, _) = await running_cohort()
    await submitted(an)
    elsewhere = await sign_in_as("giam.khao.khac", (Role.ASSESSOR, await factories.district()))
    before = await drafts()

    body = await graphql(elsewhere, SCORE, score_input(an, 7))

    assert [error["extensions"]["code"] for error in body["errors"]] == ["FORBIDDEN"]
    assert await drafts() == before


async def test_scores_are_locked_once_results_are_final(client, db):
    cohort, (an, _) = await running_cohort()
    await submitted(an)
    await score(client, score_input(an, 7))
    await factories.advance(cohort.id, CohortStatus.COMPLETED)
    await Cohort.filter(id=cohort.id).update(results_final_at=datetime.now(UTC))
    before = await drafts()

    payload = await score(client, score_input(an, "9"))

    assert error_codes(payload) == [("enrollmentId", "RESULTS_FINAL")]
    assert await drafts() == before
