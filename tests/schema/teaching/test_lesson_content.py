"""Lesson content: drafted by the drafting board, approved or returned by the appraisal board."""

from __future__ import annotations

from core.models import LessonStep, LessonVersion, StoredFile
from core.models.enums import LessonVersionStatus, Role
from core.services.access import OPERATOR
from core.services.enrollments import enroll_official
from tests import factories
from tests.factories import gid
from tests.helpers import error_codes, graphql, graphql_data
from tests.schema.teaching.conftest import seat

DRAFT = """
mutation($input: DraftLessonVersionInput!) {
  draftLessonVersion(input: $input) {
    lessonVersion { id number status title }
    errors { field code message }
  }
}
"""
SUBMIT = """
mutation($id: ID!) {
  submitLessonVersion(input: {versionId: $id}) { lessonVersion { status } errors { field code } }
}
"""
APPROVE = """
mutation($id: ID!, $comment: String! = "") {
  approveLessonVersion(input: {versionId: $id, comment: $comment}) {
    lessonVersion { status } errors { field code message }
  }
}
"""
RETURN = """
mutation($id: ID!, $comment: String!) {
  returnLessonVersion(input: {versionId: $id, comment: $comment}) {
    lessonVersion { status } errors { field code }
  }
}
"""
REVISE = """
mutation($input: ReviseLessonVersionInput!) {
  reviseLessonVersion(input: $input) { lessonVersion { title } errors { field code } }
}
"""
CONTENTS = """
query($programmeId: ID!) {
  lessonContents(filter: {programmeId: $programmeId}, first: 10) {
    totalCount
    edges { node {
      topic { code }
      approvedVersion { number title }
      versions { number status steps { kind comment by } }
    } }
  }
}
"""


def draft_input(boards, **changes):
    return {
        "programmeId": gid("Programme", boards.programme.id),
        "topicId": gid("Topic", boards.topic.id),
        "title": "Công tác tuyên giáo của cấp ủy cơ sở",
        "body": "## Mục tiêu\n\nNắm vững nhiệm vụ tuyên giáo.",
        **changes,
    }


async def drafter_and_appraiser(sign_in_as, boards):
    drafter = await sign_in_as("soan.giang", (Role.DRAFTER, boards.district))
    appraiser = await sign_in_as("tham.dinh", (Role.APPRAISER, boards.district))
    await seat(boards.drafting, "soan.giang")
    await seat(boards.appraisal, "tham.dinh")
    return drafter, appraiser


async def test_a_version_is_drafted_submitted_and_approved_and_every_step_is_kept(
    sign_in_as, boards
):
    drafter, appraiser = await drafter_and_appraiser(sign_in_as, boards)
    # a drafter on the drafting board drafts and submits
    drafted = await graphql_data(drafter, DRAFT, {"input": draft_input(boards)})
    version = drafted["draftLessonVersion"]["lessonVersion"]
    assert (version["number"], version["status"]) == (1, "DRAFT")
    submitted = await graphql_data(drafter, SUBMIT, {"id": version["id"]})
    assert submitted["submitLessonVersion"]["lessonVersion"]["status"] == "SUBMITTED"
    # an appraiser on the appraisal board approves
    approved = await graphql_data(appraiser, APPROVE, {"id": version["id"], "comment": "Đạt"})
    assert approved["approveLessonVersion"]["lessonVersion"]["status"] == "APPROVED"
    # the content shows its approved version and every step with who and the comment
    data = await graphql_data(
        appraiser, CONTENTS, {"programmeId": gid("Programme", boards.programme.id)}
    )
    [edge] = data["lessonContents"]["edges"]
    assert edge["node"]["approvedVersion"] == {
        "number": 1,
        "title": "Công tác tuyên giáo của cấp ủy cơ sở",
    }
    [shown] = edge["node"]["versions"]
    assert [(s["kind"], s["comment"], s["by"]) for s in shown["steps"]] == [
        ("DRAFTED", "", "soan.giang"),
        ("SUBMITTED", "", "soan.giang"),
        ("APPROVED", "Đạt", "tham.dinh"),
    ]


async def test_a_returned_version_is_followed_by_a_new_one(sign_in_as, boards):
    drafter, appraiser = await drafter_and_appraiser(sign_in_as, boards)
    first = await graphql_data(drafter, DRAFT, {"input": draft_input(boards)})
    first_id = first["draftLessonVersion"]["lessonVersion"]["id"]
    await graphql_data(drafter, SUBMIT, {"id": first_id})

    returned = await graphql_data(
        appraiser, RETURN, {"id": first_id, "comment": "Bổ sung ví dụ thực tế ở xã."}
    )
    second = await graphql_data(drafter, DRAFT, {"input": draft_input(boards, title="Bản 2")})

    assert returned["returnLessonVersion"]["lessonVersion"]["status"] == "RETURNED"
    assert second["draftLessonVersion"]["lessonVersion"]["number"] == 2
    statuses = await LessonVersion.all().order_by("number").values_list("status", flat=True)
    assert statuses == [LessonVersionStatus.RETURNED, LessonVersionStatus.DRAFT]


async def test_a_drafter_cannot_approve_their_own_version(sign_in_as, boards):
    # one person on both boards, with both roles
    both = await sign_in_as(
        "hai.vai", (Role.DRAFTER, boards.district), (Role.APPRAISER, boards.district)
    )
    await seat(boards.drafting, "hai.vai")
    await seat(boards.appraisal, "hai.vai")
    drafted = await graphql_data(both, DRAFT, {"input": draft_input(boards)})
    version_id = drafted["draftLessonVersion"]["lessonVersion"]["id"]
    await graphql_data(both, SUBMIT, {"id": version_id})

    data = await graphql_data(both, APPROVE, {"id": version_id})

    assert error_codes(data["approveLessonVersion"]) == [("versionId", "OWN_CONTENT")]
    assert await LessonVersion.filter(status=LessonVersionStatus.SUBMITTED).count() == 1
    assert await LessonStep.filter(kind="approved").count() == 0


async def test_nobody_approves_or_returns_what_was_not_submitted(sign_in_as, boards):
    drafter, appraiser = await drafter_and_appraiser(sign_in_as, boards)
    drafted = await graphql_data(drafter, DRAFT, {"input": draft_input(boards)})
    version_id = drafted["draftLessonVersion"]["lessonVersion"]["id"]

    approved = await graphql_data(appraiser, APPROVE, {"id": version_id})
    returned = await graphql_data(appraiser, RETURN, {"id": version_id, "comment": "Sửa"})

    assert error_codes(approved["approveLessonVersion"]) == [("versionId", "NOT_SUBMITTED")]
    assert "DRAFT, not SUBMITTED" in approved["approveLessonVersion"]["errors"][0]["message"]
    assert error_codes(returned["returnLessonVersion"]) == [("versionId", "NOT_SUBMITTED")]
    assert await LessonVersion.filter(status=LessonVersionStatus.DRAFT).count() == 1
    assert await LessonStep.all().count() == 1


async def test_returning_needs_a_comment(sign_in_as, boards):
    drafter, appraiser = await drafter_and_appraiser(sign_in_as, boards)
    drafted = await graphql_data(drafter, DRAFT, {"input": draft_input(boards)})
    version_id = drafted["draftLessonVersion"]["lessonVersion"]["id"]
    await graphql_data(drafter, SUBMIT, {"id": version_id})

    data = await graphql_data(appraiser, RETURN, {"id": version_id, "comment": "  "})

    assert error_codes(data["returnLessonVersion"]) == [("comment", "REQUIRED")]
    assert await LessonVersion.filter(status=LessonVersionStatus.SUBMITTED).count() == 1


async def test_a_draft_reports_every_problem_of_its_input_at_once(sign_in_as, boards):
    drafter, _ = await drafter_and_appraiser(sign_in_as, boards)

    data = await graphql_data(
        drafter,
        DRAFT,
        {
            "input": draft_input(
                boards,
                topicId=gid("Enrollment", 1),
                title=" ",
                body="",
                attachmentIds=["garbage"],
            )
        },
    )

    assert sorted(error_codes(data["draftLessonVersion"])) == [
        ("attachmentIds", "INVALID_ID"),
        ("body", "REQUIRED"),
        ("title", "REQUIRED"),
        ("topicId", "INVALID_ID"),
    ]
    assert await LessonVersion.all().count() == 0


async def test_only_one_version_is_open_at_a_time_and_a_submitted_one_is_frozen(sign_in_as, boards):
    drafter, _ = await drafter_and_appraiser(sign_in_as, boards)
    drafted = await graphql_data(drafter, DRAFT, {"input": draft_input(boards)})
    version_id = drafted["draftLessonVersion"]["lessonVersion"]["id"]
    revised = await graphql_data(
        drafter, REVISE, {"input": {"versionId": version_id, "title": "Tiêu đề mới"}}
    )
    await graphql_data(drafter, SUBMIT, {"id": version_id})

    again = await graphql_data(drafter, DRAFT, {"input": draft_input(boards)})
    late = await graphql_data(drafter, REVISE, {"input": {"versionId": version_id, "body": "x"}})

    assert revised["reviseLessonVersion"]["lessonVersion"]["title"] == "Tiêu đề mới"
    assert error_codes(again["draftLessonVersion"]) == [("topicId", "VERSION_IN_PROGRESS")]
    assert error_codes(late["reviseLessonVersion"]) == [("versionId", "NOT_EDITABLE")]
    assert await LessonVersion.all().count() == 1


async def test_drafting_needs_a_seat_on_the_programme_drafting_board(sign_in_as, boards):
    # the role over the district, but no seat
    drafter = await sign_in_as("khong.ghe", (Role.DRAFTER, boards.district))

    response = await graphql(drafter, DRAFT, {"input": draft_input(boards)})

    [error] = response["errors"]
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert "drafting teaching board" in error["message"]
    assert await LessonVersion.all().count() == 0


async def test_only_ones_own_uploads_can_be_attached(sign_in_as, boards):
    drafter, _ = await drafter_and_appraiser(sign_in_as, boards)
    someone_elses = await StoredFile.create(
        key="k1", name="giao-an.pdf", media_type="application/pdf", size=3, sha256="0" * 64
    )

    data = await graphql_data(
        drafter,
        DRAFT,
        {"input": draft_input(boards, attachmentIds=[gid("StoredFile", someone_elses.id)])},
    )

    assert error_codes(data["draftLessonVersion"]) == [("attachmentIds", "NOT_YOURS")]
    assert await LessonVersion.all().count() == 0


async def test_a_learner_reads_only_approved_versions_of_their_programme(sign_in_as, boards):
    # one approved version and a newer draft of the programme's content
    approved = await factories.approved_lesson(boards.programme, boards.topic)
    drafter, _ = await drafter_and_appraiser(sign_in_as, boards)
    await graphql_data(drafter, DRAFT, {"input": draft_input(boards, title="Bản nháp")})
    # a learner enrolled in a cohort of the programme
    official = await factories.official("Lò Văn Pể")
    cohort = await factories.cohort(programme=boards.programme)
    await enroll_official(OPERATOR, official.id, cohort.id)
    learner = await sign_in_as("lo.van.pe", (Role.LEARNER, boards.district), official=official)

    data = await graphql_data(
        learner, CONTENTS, {"programmeId": gid("Programme", boards.programme.id)}
    )
    draft_node = await graphql(
        learner,
        "query($id: ID!) { node(id: $id) { id } }",
        {"id": gid("LessonVersion", approved.id + 1)},
    )

    [edge] = data["lessonContents"]["edges"]
    assert [v["status"] for v in edge["node"]["versions"]] == ["APPROVED"]
    assert draft_node["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_another_districts_staff_do_not_see_the_content(sign_in_as, boards):
    await factories.approved_lesson(boards.programme, boards.topic)
    elsewhere = await sign_in_as("huyen.khac", (Role.VIEWER, await factories.district()))

    data = await graphql_data(
        elsewhere, CONTENTS, {"programmeId": gid("Programme", boards.programme.id)}
    )

    assert data["lessonContents"] == {"totalCount": 0, "edges": []}


async def test_lesson_material_reaches_learners_once_approved(sign_in_as, boards):
    drafter, appraiser = await drafter_and_appraiser(sign_in_as, boards)
    upload = await drafter.post(
        "/files",
        files={"file": ("Bài giảng.md", "# Công tác tuyên giáo".encode(), "text/markdown")},
    )
    file_id = upload.json()["id"]
    drafted = await graphql_data(
        drafter, DRAFT, {"input": draft_input(boards, attachmentIds=[file_id])}
    )
    version_id = drafted["draftLessonVersion"]["lessonVersion"]["id"]
    official = await factories.official("Lò Văn Pể")
    cohort = await factories.cohort(programme=boards.programme)
    await enroll_official(OPERATOR, official.id, cohort.id)
    learner = await sign_in_as("lo.van.pe", (Role.LEARNER, boards.district), official=official)

    while_drafted = await learner.get(f"/files/{file_id}")
    await graphql_data(drafter, SUBMIT, {"id": version_id})
    await graphql_data(appraiser, APPROVE, {"id": version_id})
    once_approved = await learner.get(f"/files/{file_id}")
    attachments = await graphql_data(
        learner,
        "query($id: ID!) { node(id: $id) { ... on LessonVersion { attachments { name } } } }",
        {"id": version_id},
    )

    assert while_drafted.status_code == 403
    assert once_approved.status_code == 200
    assert once_approved.content.decode() == "# Công tác tuyên giáo"
    assert attachments["node"]["attachments"] == [{"name": "Bài giảng.md"}]
