"""partyCommitteeSubmitConclusionDraft: a learner's draft conclusions of the Standing Board
meeting they observed, once per enrollment; every bad input refused, nothing written."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime, timedelta

from core.models import Cohort
from core.models.enums import CohortStatus, Role
from core.services.access import OPERATOR
from core.services.enrollments import enroll_official, withdraw_enrollment
from plugins.party_committee.models import ConclusionDraft
from tests import factories
from tests.factories import gid
from tests.helpers import error_codes, graphql, graphql_data
from tests.plugins.party_committee.builders import (
    SUBMIT,
    district_of,
    draft_input,
    drafts,
    official_of,
    running_cohort,
)


async def submit(http, variables) -> dict:
    data = await graphql_data(http, SUBMIT, variables)
    return data["partyCommitteeSubmitConclusionDraft"]


async def test_a_learner_submits_their_own_draft_stored_nfc(sign_in_as):
    # given a learner of a running Party committee cohort
    _, (an, _) = await running_cohort()
    official = await official_of(an)
    learner = await sign_in_as(
        "hoc.vien", (Role.LEARNER, await official.org_unit), official=official
    )
    decomposed = unicodedata.normalize("NFD", "Kết luận của Ban Thường vụ Huyện ủy")
    # when
    payload = await submit(learner, draft_input(an, text=f"  {decomposed}  "))
    # then
    assert payload["errors"] == []
    draft = payload["draft"]
    assert (draft["enrollmentId"], draft["meetingOn"], draft["score"], draft["scoredAt"]) == (
        gid("Enrollment", an.id),
        "2019-06-12",
        None,
        None,
    )
    row = await ConclusionDraft.get(enrollment_id=an.id)
    assert row.text == "Kết luận của Ban Thường vụ Huyện ủy"
    assert unicodedata.is_normalized("NFC", row.text)


async def test_a_coordinator_submits_a_draft_for_a_learner(client, db):
    _, (an, _) = await running_cohort()

    payload = await submit(client, draft_input(an))

    assert payload["errors"] == []
    assert await ConclusionDraft.filter(enrollment_id=an.id).count() == 1


async def test_a_draft_submitted_twice_is_refused_and_the_first_stays(client, db):
    _, (an, _) = await running_cohort()
    await submit(client, draft_input(an))
    before = await drafts()

    again = await submit(client, draft_input(an, text="Bản sửa lại"))

    assert error_codes(again) == [("enrollmentId", "DUPLICATE")]
    assert again["draft"] is None
    assert await drafts() == before


async def test_every_problem_of_the_input_is_reported_at_once(client, db):
    _, (an, _) = await running_cohort()

    payload = await submit(
        client, draft_input(an, agenda="   ", text="x" * 20_001, meetingOn="2019-08-01")
    )

    assert sorted(error_codes(payload)) == [
        ("agenda", "REQUIRED"),
        ("meetingOn", "OUTSIDE_COHORT_DATES"),
        ("text", "TOO_LONG"),
    ]
    assert await drafts() == []


async def test_a_blank_draft_or_a_meeting_in_the_future_is_refused(client, db):
    _, (an, _) = await running_cohort()
    tomorrow = datetime.now(UTC).date() + timedelta(days=2)

    payload = await submit(client, draft_input(an, text="\n", meetingOn=tomorrow.isoformat()))

    assert sorted(error_codes(payload)) == [("meetingOn", "INVALID"), ("text", "REQUIRED")]
    assert await drafts() == []


async def test_a_withdrawn_learner_submits_no_draft(client, db):
    _, (an, _) = await running_cohort()
    await withdraw_enrollment(OPERATOR, an.id, "Chuyển công tác")

    payload = await submit(client, draft_input(an))

    assert error_codes(payload) == [("enrollmentId", "NOT_ENROLLED")]
    assert await drafts() == []


async def test_an_enrollment_of_another_track_has_no_draft(client, db):
    cohort = await factories.cohort("peoples_committee")
    chair = await factories.official("Hà Văn Chủ", "peoples_committee_chair")
    enrollment = await enroll_official(OPERATOR, chair.id, cohort.id)

    payload = await submit(client, draft_input(enrollment))

    assert error_codes(payload) == [("enrollmentId", "NOT_IN_COHORT")]
    assert await drafts() == []


async def test_an_unknown_or_malformed_enrollment_id_is_refused(client, db):
    unknown = await submit(client, draft_input_for_id(gid("Enrollment", 999)))
    malformed = await submit(client, draft_input_for_id(gid("Cohort", 1)))

    assert error_codes(unknown) == [("enrollmentId", "NOT_FOUND")]
    assert error_codes(malformed) == [("enrollmentId", "INVALID_ID")]


def draft_input_for_id(global_id: str) -> dict:
    return {
        "input": {
            "enrollmentId": global_id,
            "meetingOn": "2019-06-12",
            "agenda": "Chương trình",
            "text": "Dự thảo",
        }
    }


async def test_drafts_wait_until_the_cohort_runs(client, db):
    cohort = await factories.cohort(status=CohortStatus.OPEN)
    official = await factories.official()
    enrollment = await enroll_official(OPERATOR, official.id, cohort.id)

    payload = await submit(client, draft_input(enrollment))

    assert error_codes(payload) == [("enrollmentId", "COHORT_LOCKED")]
    assert await drafts() == []


async def test_a_learner_cannot_submit_another_learners_draft(sign_in_as):
    _, (an, hoa) = await running_cohort()
    official = await official_of(an)
    learner = await sign_in_as(
        "hoc.vien", (Role.LEARNER, await official.org_unit), official=official
    )

    body = await graphql(learner, SUBMIT, draft_input(hoa))

    assert [error["extensions"]["code"] for error in body["errors"]] == ["FORBIDDEN"]
    # the message names the plugin's action in words, without its prefix
    assert body["errors"][0]["message"] == "You are not allowed to submit draft here."
    assert await drafts() == []


async def test_an_assessor_submits_no_draft(sign_in_as):
    cohort, (an, _) = await running_cohort()
    assessor = await sign_in_as("giam.khao", (Role.ASSESSOR, await district_of(cohort)))

    body = await graphql(assessor, SUBMIT, draft_input(an))

    assert [error["extensions"]["code"] for error in body["errors"]] == ["FORBIDDEN"]
    assert body["errors"][0]["extensions"]["permission"] == "party_committee.submit_draft"
    assert await drafts() == []


async def test_no_draft_is_submitted_once_results_are_final(client, db):
    cohort, (an, _) = await running_cohort()
    await factories.advance(cohort.id, CohortStatus.COMPLETED)
    await Cohort.filter(id=cohort.id).update(results_final_at=datetime.now(UTC))

    payload = await submit(client, draft_input(an))

    assert error_codes(payload) == [("enrollmentId", "RESULTS_FINAL")]
    assert await drafts() == []
