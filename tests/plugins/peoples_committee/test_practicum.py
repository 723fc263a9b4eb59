"""Practicum records of the People's Committee track: only for a learner in the cohort."""

from __future__ import annotations

from core.models import PracticumEvidence, PracticumItem
from core.models.enums import CohortStatus
from core.services.access import OPERATOR
from core.services.enrollments import enroll_official, withdraw_enrollment
from tests import factories
from tests.factories import gid
from tests.helpers import error_codes, graphql_data

SUBMIT = """
mutation($input: SubmitPracticumEvidenceInput!) {
  submitPracticumEvidence(input: $input) {
    evidence { id status }
    errors { field code message }
  }
}
"""
PROGRESS = """
query($id: ID!) {
  node(id: $id) { ... on Enrollment {
    practicum { item { code } signedOff complete evidence { status } }
  } }
}
"""


def record(enrollment_id: int, item: PracticumItem) -> dict:
    return {
        "input": {
            "enrollmentId": gid("Enrollment", enrollment_id),
            "itemId": gid("PracticumItem", item.id),
            "text": "Dự phiên họp thường trực UBND xã ngày 17/5/2019; dự thảo thông báo kết luận.",
            "occurredOn": "2019-05-17",
        }
    }


async def test_a_record_for_a_learner_not_in_the_cohort_is_refused_and_changes_nothing(client):
    # given a running People's Committee cohort with one learner still in it and one withdrawn,
    # and a chair who is in a Party committee cohort instead
    district = await factories.district()
    commune = await factories.commune("Xã Tân Quang", district)
    cohort = await factories.cohort("peoples_committee", org_unit=district)
    staying, leaving = [
        await enroll_official(
            OPERATOR,
            (await factories.official(name, "peoples_committee_chair", commune)).id,
            cohort.id,
        )
        for name in ("Triệu Văn Hải", "Đặng Thị Hoa")
    ]
    await factories.advance(cohort.id, CohortStatus.IN_PROGRESS)
    await withdraw_enrollment(OPERATOR, leaving.id, "Chuyển công tác")
    party = await factories.cohort("party_committee", org_unit=district)
    secretary = await factories.official("Hoàng Văn Nhiên", "party_secretary", commune)
    elsewhere = await enroll_official(OPERATOR, secretary.id, party.id)
    await factories.advance(party.id, CohortStatus.IN_PROGRESS)
    standing = await PracticumItem.get(code="commune_standing_meetings")
    before = await graphql_data(client, PROGRESS, {"id": gid("Enrollment", staying.id)})
    # when a coordinator records a standing meeting for each of them
    withdrawn = await graphql_data(client, SUBMIT, record(leaving.id, standing))
    other_cohort = await graphql_data(client, SUBMIT, record(elsewhere.id, standing))
    # then both are refused, with the field and the reason, and nothing is written
    assert withdrawn["submitPracticumEvidence"]["evidence"] is None
    assert error_codes(withdrawn["submitPracticumEvidence"]) == [("enrollmentId", "NOT_ENROLLED")]
    assert other_cohort["submitPracticumEvidence"]["evidence"] is None
    assert error_codes(other_cohort["submitPracticumEvidence"]) == [("itemId", "NOT_IN_COHORT")]
    assert await PracticumEvidence.all().count() == 0
    after = await graphql_data(client, PROGRESS, {"id": gid("Enrollment", staying.id)})
    assert after == before
    assert [
        (item["item"]["code"], item["signedOff"], item["complete"])
        for item in after["node"]["practicum"]
    ] == [("district_committee_meeting", 0, False), ("commune_standing_meetings", 0, False)]


async def test_the_standing_meetings_item_completes_with_its_second_sign_off(client):
    # given a learner of a running cohort
    district = await factories.district()
    commune = await factories.commune("Xã Vô Điếm", district)
    cohort = await factories.cohort("peoples_committee", org_unit=district)
    chair = await factories.official("Nông Văn Sơn", "peoples_committee_chair", commune)
    enrollment = await enroll_official(OPERATOR, chair.id, cohort.id)
    await factories.advance(cohort.id, CohortStatus.IN_PROGRESS)
    standing = await PracticumItem.get(code="commune_standing_meetings")
    progress = []
    # when two standing meetings are recorded and signed off, one after the other
    for _ in range(2):
        given = await graphql_data(client, SUBMIT, record(enrollment.id, standing))
        evidence_id = given["submitPracticumEvidence"]["evidence"]["id"]
        signed = await graphql_data(
            client,
            """mutation($id: ID!) { signOffPracticumEvidence(input: {evidenceId: $id}) {
              errors { code } } }""",
            {"id": evidence_id},
        )
        assert signed["signOffPracticumEvidence"]["errors"] == []
        data = await graphql_data(client, PROGRESS, {"id": gid("Enrollment", enrollment.id)})
        progress.append(
            next(
                (item["signedOff"], item["complete"])
                for item in data["node"]["practicum"]
                if item["item"]["code"] == "commune_standing_meetings"
            )
        )
    # then the item is complete only after the second
    assert progress == [(1, False), (2, True)]
