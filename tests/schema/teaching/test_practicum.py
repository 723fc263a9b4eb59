"""Practicum: a learner's evidence for the items their track requires, an assessor's sign-off."""

from __future__ import annotations

from core.models import PracticumEvidence, PracticumItem, StoredFile
from core.models.enums import CohortStatus, EvidenceStatus, Role
from core.services.access import OPERATOR
from core.services.cohorts import advance_cohort
from core.services.enrollments import enroll_official, withdraw_enrollment
from tests import factories
from tests.factories import gid
from tests.helpers import error_codes, graphql, graphql_data

SUBMIT = """
mutation($input: SubmitPracticumEvidenceInput!) {
  submitPracticumEvidence(input: $input) {
    evidence { id status text occurredOn submittedBy files { name downloadUrl } }
    errors { field code message }
  }
}
"""
SIGN_OFF = """
mutation($id: ID!) {
  signOffPracticumEvidence(input: {evidenceId: $id, comment: "Đạt yêu cầu"}) {
    evidence { status reviewedBy reviewComment } errors { field code }
  }
}
"""
RETURN = """
mutation($id: ID!, $comment: String!) {
  returnPracticumEvidence(input: {evidenceId: $id, comment: $comment}) {
    evidence { status } errors { field code }
  }
}
"""
PROGRESS = """
query($id: ID!) {
  node(id: $id) {
    ... on Enrollment {
      practicum { item { code requiredCount } signedOff complete evidence { status } }
      cohort { track { practicumItems { code title } } }
    }
  }
}
"""


async def learner_in_a_running_cohort(sign_in_as, track_code: str = "party_committee"):
    """A learner signed in as themselves, enrolled in a running cohort, and an assessor."""
    commune = await factories.commune()
    post = "party_secretary" if track_code == "party_committee" else "peoples_committee_chair"
    official = await factories.official("Lò Văn Pể", post, org_unit=commune)
    cohort = await factories.cohort(track_code, org_unit=await commune.parent)
    enrollment = await enroll_official(OPERATOR, official.id, cohort.id)
    await advance_cohort(OPERATOR, cohort.id, CohortStatus.IN_PROGRESS)
    learner = await sign_in_as("lo.van.pe", (Role.LEARNER, commune), official=official)
    assessor = await sign_in_as("giam.khao", (Role.ASSESSOR, await commune.parent))
    return learner, assessor, enrollment


def evidence_input(enrollment, item, **changes):
    return {
        "input": {
            "enrollmentId": gid("Enrollment", enrollment.id),
            "itemId": gid("PracticumItem", item.id),
            "text": "Dự họp Ban Thường vụ Huyện ủy ngày 12/6/2019; ghi chép kết luận.",
            "occurredOn": "2019-06-12",
            **changes,
        }
    }


async def test_a_learner_gives_evidence_and_an_assessor_signs_it_off(sign_in_as, db):
    learner, assessor, enrollment = await learner_in_a_running_cohort(sign_in_as)
    item = await PracticumItem.get(code="observe_standing_board")

    given = await graphql_data(learner, SUBMIT, evidence_input(enrollment, item))
    evidence = given["submitPracticumEvidence"]["evidence"]
    signed = await graphql_data(assessor, SIGN_OFF, {"id": evidence["id"]})
    progress = await graphql_data(learner, PROGRESS, {"id": gid("Enrollment", enrollment.id)})

    assert (evidence["status"], evidence["occurredOn"], evidence["submittedBy"]) == (
        "SUBMITTED",
        "2019-06-12",
        "lo.van.pe",
    )
    assert signed["signOffPracticumEvidence"]["evidence"] == {
        "status": "SIGNED_OFF",
        "reviewedBy": "giam.khao",
        "reviewComment": "Đạt yêu cầu",
    }
    node = progress["node"]
    assert node["practicum"] == [
        {
            "item": {"code": "observe_standing_board", "requiredCount": 1},
            "signedOff": 1,
            "complete": True,
            "evidence": [{"status": "SIGNED_OFF"}],
        }
    ]
    assert node["cohort"]["track"]["practicumItems"] == [
        {"code": "observe_standing_board", "title": "Dự họp Ban Thường vụ Huyện ủy"}
    ]


async def test_an_item_needing_two_meetings_is_complete_after_two_sign_offs(sign_in_as, db):
    learner, assessor, enrollment = await learner_in_a_running_cohort(
        sign_in_as, "peoples_committee"
    )
    item = await PracticumItem.get(code="commune_standing_meetings")
    for day in ("2019-06-03", "2019-06-17"):
        given = await graphql_data(
            learner, SUBMIT, evidence_input(enrollment, item, occurredOn=day)
        )
        await graphql_data(
            assessor, SIGN_OFF, {"id": given["submitPracticumEvidence"]["evidence"]["id"]}
        )
        progress = await graphql_data(learner, PROGRESS, {"id": gid("Enrollment", enrollment.id)})
        meetings = progress["node"]["practicum"][1]
        assert meetings["complete"] is (day == "2019-06-17")

    assert [p["complete"] for p in progress["node"]["practicum"]] == [False, True]


async def test_returned_evidence_needs_a_comment_and_does_not_count(sign_in_as, db):
    learner, assessor, enrollment = await learner_in_a_running_cohort(sign_in_as)
    item = await PracticumItem.get(code="observe_standing_board")
    given = await graphql_data(learner, SUBMIT, evidence_input(enrollment, item))
    evidence_id = given["submitPracticumEvidence"]["evidence"]["id"]

    blank = await graphql_data(assessor, RETURN, {"id": evidence_id, "comment": ""})
    returned = await graphql_data(
        assessor, RETURN, {"id": evidence_id, "comment": "Thiếu phần kết luận của phiên họp."}
    )
    again = await graphql_data(assessor, SIGN_OFF, {"id": evidence_id})

    assert error_codes(blank["returnPracticumEvidence"]) == [("comment", "REQUIRED")]
    assert returned["returnPracticumEvidence"]["evidence"]["status"] == "RETURNED"
    assert error_codes(again["signOffPracticumEvidence"]) == [("evidenceId", "NOT_SUBMITTED")]
    assert (await PracticumEvidence.get()).status == EvidenceStatus.RETURNED


async def test_evidence_for_someone_not_enrolled_is_refused(client, sign_in_as, db):
    _, _, enrollment = await learner_in_a_running_cohort(sign_in_as)
    await withdraw_enrollment(OPERATOR, enrollment.id, "Chuyển công tác")
    item = await PracticumItem.get(code="observe_standing_board")

    data = await graphql_data(client, SUBMIT, evidence_input(enrollment, item))

    assert error_codes(data["submitPracticumEvidence"]) == [("enrollmentId", "NOT_ENROLLED")]
    assert await PracticumEvidence.all().count() == 0


async def test_evidence_reports_every_problem_of_its_input_at_once(client, sign_in_as, db):
    _, _, enrollment = await learner_in_a_running_cohort(sign_in_as)
    other_tracks = await PracticumItem.get(code="district_committee_meeting")

    data = await graphql_data(
        client, SUBMIT, evidence_input(enrollment, other_tracks, text="  ", fileIds=[])
    )
    malformed = await graphql_data(
        client,
        SUBMIT,
        {
            "input": {
                **evidence_input(enrollment, other_tracks)["input"],
                "itemId": "x",
                "fileIds": ["y"],
            }
        },
    )

    assert sorted(error_codes(data["submitPracticumEvidence"])) == [
        ("itemId", "NOT_IN_COHORT"),
        ("text", "REQUIRED"),
    ]
    assert sorted(error_codes(malformed["submitPracticumEvidence"])) == [
        ("fileIds", "INVALID_ID"),
        ("itemId", "INVALID_ID"),
    ]
    assert await PracticumEvidence.all().count() == 0


async def test_a_learner_cannot_give_evidence_for_someone_else(sign_in_as, db):
    learner, _, _ = await learner_in_a_running_cohort(sign_in_as)
    other = await factories.official("Hoàng Thị Lan")
    cohort = await factories.cohort()
    theirs = await enroll_official(OPERATOR, other.id, cohort.id)
    await advance_cohort(OPERATOR, cohort.id, CohortStatus.IN_PROGRESS)
    item = await PracticumItem.get(code="observe_standing_board")

    response = await graphql(learner, SUBMIT, evidence_input(theirs, item))

    assert response["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await PracticumEvidence.all().count() == 0


async def test_files_given_as_evidence_are_downloadable_by_the_assessor(sign_in_as, db):
    learner, assessor, enrollment = await learner_in_a_running_cohort(sign_in_as)
    item = await PracticumItem.get(code="observe_standing_board")
    upload = await learner.post(
        "/files",
        files={"file": ("Biên bản họp.txt", "Kết luận phiên họp".encode(), "text/plain")},
    )
    file_id = upload.json()["id"]
    stranger = await sign_in_as("nguoi.la", (Role.ASSESSOR, await factories.district()))

    given = await graphql_data(learner, SUBMIT, evidence_input(enrollment, item, fileIds=[file_id]))
    download = await assessor.get(
        given["submitPracticumEvidence"]["evidence"]["files"][0]["downloadUrl"]
    )
    refused = await stranger.get(f"/files/{file_id}")

    assert upload.status_code == 201
    assert given["submitPracticumEvidence"]["evidence"]["files"][0]["name"] == "Biên bản họp.txt"
    assert download.status_code == 200
    assert download.content.decode() == "Kết luận phiên họp"
    assert refused.status_code == 403
    assert await StoredFile.all().count() == 1
