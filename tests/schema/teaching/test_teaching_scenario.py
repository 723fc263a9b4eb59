"""A district's teaching half, end to end through GraphQL, each step by the person who does it.

The appraisal board approves the drafting board's lesson; the secretariat (a coordinator) plans
a cohort of the programme, enrolls two communes' Party secretaries, opens and starts it, and
schedules a session on the approved lesson; learners register topics and give practicum
evidence; an assessor records attendance and signs the evidence off; a learner is withdrawn
with a reason and enrolled again while the cohort is still open; the coordinator reads the
counts.
"""

from __future__ import annotations

from typing import Any

import httpx

from core.models.enums import BoardKind, Role
from tests import factories
from tests.factories import gid
from tests.helpers import graphql_data


async def mutate(http: httpx.AsyncClient, name: str, input_type: str, fields: dict) -> Any:
    """Run mutation ``name`` and return its payload, asserting it reported no user errors."""
    selection = {
        "draftLessonVersion": "lessonVersion { id status }",
        "createCohort": "cohort { id status }",
        "enrollOfficial": "enrollment { id status }",
        "scheduleSession": "session { id lessonVersion { title } }",
        "submitPracticumEvidence": "evidence { id status }",
        "changeCohortStatus": "cohort { status } notices { code message }",
    }.get(name, "__typename")
    text = (
        f"mutation($input: {input_type}!) {{ {name}(input: $input) "
        f"{{ {selection} errors {{ field code message }} }} }}"
    )
    payload = (await graphql_data(http, text, {"input": fields}))[name]
    assert payload["errors"] == [], (name, payload["errors"])
    return payload


async def test_a_cohort_is_taught_attended_and_evidenced(sign_in_as, db):
    # -- the district, its programme, its boards and its people --------------------------
    district = await factories.district("Huyện Bắc Quang")
    vinh_hao = await factories.commune("Xã Vĩnh Hảo", district)
    tan_thanh = await factories.commune("Xã Tân Thành", district)
    programme = await factories.programme(district)
    drafting = await factories.board_member(
        BoardKind.DRAFTING_TEACHING_BOARD, "Lương Văn Dũng", programme
    )
    appraisal = await factories.board_member(BoardKind.APPRAISAL_BOARD, "Hà Thị Mai", programme)
    an = await factories.official("Nguyễn Văn An", org_unit=vinh_hao)
    hoa = await factories.official("Trần Thị Hoa", org_unit=tan_thanh)
    coordinator = await sign_in_as("thu.ky", (Role.COORDINATOR, district))
    drafter = await sign_in_as("soan.giang", (Role.DRAFTER, district))
    appraiser = await sign_in_as("tham.dinh", (Role.APPRAISER, district))
    assessor = await sign_in_as("cham.diem", (Role.ASSESSOR, district))
    learner = await sign_in_as("nguyen.van.an", (Role.LEARNER, vinh_hao), official=an)
    for member, username in ((drafting, "soan.giang"), (appraisal, "tham.dinh")):
        await mutate(
            coordinator,
            "linkBoardSeat",
            "LinkBoardSeatInput",
            {"boardMemberId": gid("BoardMember", member.id), "username": username},
        )
    topics = await factories.topics()

    # -- lesson content: drafted, submitted, approved -------------------------------------
    drafted = await mutate(
        drafter,
        "draftLessonVersion",
        "DraftLessonVersionInput",
        {
            "programmeId": gid("Programme", programme.id),
            "topicId": gid("Topic", topics[0].id),
            "title": "Công tác tuyên giáo của cấp ủy cơ sở",
            "body": "## Mục tiêu\n\nNắm vững nhiệm vụ tuyên giáo ở xã.",
        },
    )
    version_id = drafted["lessonVersion"]["id"]
    await mutate(
        drafter, "submitLessonVersion", "SubmitLessonVersionInput", {"versionId": version_id}
    )
    await mutate(
        appraiser, "approveLessonVersion", "ApproveLessonVersionInput", {"versionId": version_id}
    )

    # -- the cohort: planned, enrolled, opened -------------------------------------------
    created = await mutate(
        coordinator,
        "createCohort",
        "CreateCohortInput",
        {
            "name": "Khóa học việc Bí thư Đảng ủy 2019",
            "trackId": gid("Track", topics[0].track_id),
            "startsOn": "2019-05-06",
            "endsOn": "2019-07-19",
            "capacity": 30,
            "orgUnitId": gid("OrgUnit", district.id),
            "programmeId": gid("Programme", programme.id),
        },
    )
    cohort_id = created["cohort"]["id"]
    await mutate(
        coordinator,
        "changeCohortStatus",
        "ChangeCohortStatusInput",
        {"cohortId": cohort_id, "status": "OPEN"},
    )
    enrollments = {}
    for official in (an, hoa):
        enrolled = await mutate(
            coordinator,
            "enrollOfficial",
            "EnrollOfficialInput",
            {"officialId": gid("Official", official.id), "cohortId": cohort_id},
        )
        enrollments[official.full_name] = enrolled["enrollment"]["id"]
    an_id, hoa_id = enrollments["Nguyễn Văn An"], enrollments["Trần Thị Hoa"]
    # the learner registers what they need
    await mutate(
        learner,
        "registerTopics",
        "RegisterTopicsInput",
        {
            "enrollmentId": an_id,
            "topicIds": [gid("Topic", topics[0].id), gid("Topic", topics[2].id)],
        },
    )
    # withdrawn with a reason, and enrolled again while the cohort is open
    await mutate(
        coordinator,
        "withdrawEnrollment",
        "WithdrawEnrollmentInput",
        {"enrollmentId": hoa_id, "reason": "Bận công tác phòng chống lũ"},
    )
    again = await mutate(
        coordinator,
        "enrollOfficial",
        "EnrollOfficialInput",
        {"officialId": gid("Official", hoa.id), "cohortId": cohort_id},
    )
    assert again["enrollment"] == {"id": hoa_id, "status": "ENROLLED"}

    # -- the schedule: a session on the approved lesson, then the cohort starts -----------
    scheduled = await mutate(
        coordinator,
        "scheduleSession",
        "ScheduleSessionInput",
        {
            "cohortId": cohort_id,
            "startsAt": "2019-05-07T01:00:00+00:00",
            "endsAt": "2019-05-07T04:00:00+00:00",
            "activityKind": "theory",
            "topicId": gid("Topic", topics[0].id),
            "lecturerId": gid("BoardMember", drafting.id),
        },
    )
    assert scheduled["session"]["lessonVersion"] == {
        "title": "Công tác tuyên giáo của cấp ủy cơ sở"
    }
    session_id = scheduled["session"]["id"]
    await mutate(
        coordinator,
        "changeCohortStatus",
        "ChangeCohortStatusInput",
        {"cohortId": cohort_id, "status": "IN_PROGRESS"},
    )

    # -- attendance by the assessor; evidence by the learner, signed off -----------------
    await mutate(
        assessor,
        "recordAttendance",
        "RecordAttendanceInput",
        {
            "sessionId": session_id,
            "entries": [
                {"enrollmentId": an_id, "status": "PRESENT"},
                {"enrollmentId": hoa_id, "status": "EXCUSED", "note": "Ốm"},
            ],
        },
    )
    items = await graphql_data(
        learner,
        "query($id: ID!) { node(id: $id) { ... on Enrollment { practicum { item { id } } } } }",
        {"id": an_id},
    )
    item_id = items["node"]["practicum"][0]["item"]["id"]
    evidence = await mutate(
        learner,
        "submitPracticumEvidence",
        "SubmitPracticumEvidenceInput",
        {
            "enrollmentId": an_id,
            "itemId": item_id,
            "text": "Dự họp Ban Thường vụ Huyện ủy ngày 14/5/2019.",
            "occurredOn": "2019-05-14",
        },
    )
    await mutate(
        assessor,
        "signOffPracticumEvidence",
        "SignOffPracticumEvidenceInput",
        {"evidenceId": evidence["evidence"]["id"]},
    )

    # -- what the coordinator reads ------------------------------------------------------
    report = await graphql_data(
        coordinator,
        """
        query($id: ID!) { node(id: $id) { ... on Cohort {
          status
          enrollmentsByOrgUnit { count orgUnit { name } }
          topicDemand { topic { code } registered }
          sessions(first: 5) { totalCount edges { node { attendance { status } } } }
          enrollments(first: 5) { edges { node {
            official { fullName }
            attendance { attended excused }
            practicum { complete }
            history { kind reason }
          } } }
        } } }
        """,
        {"id": cohort_id},
    )
    cohort = report["node"]
    assert cohort["status"] == "IN_PROGRESS"
    by_commune = {row["orgUnit"]["name"]: row["count"] for row in cohort["enrollmentsByOrgUnit"]}
    assert by_commune == {"Xã Vĩnh Hảo": 1, "Xã Tân Thành": 1}
    demand = {row["topic"]["code"]: row["registered"] for row in cohort["topicDemand"]}
    assert demand == {"PC01": 1, "PC03": 1} | {f"PC0{n}": 0 for n in (2, 4, 5, 6, 7, 8, 9)}
    assert cohort["sessions"]["totalCount"] == 1
    assert [a["status"] for a in cohort["sessions"]["edges"][0]["node"]["attendance"]] == [
        "PRESENT",
        "EXCUSED",
    ]
    rows = {e["node"]["official"]["fullName"]: e["node"] for e in cohort["enrollments"]["edges"]}
    assert rows["Nguyễn Văn An"]["attendance"] == {"attended": 1, "excused": 0}
    assert rows["Nguyễn Văn An"]["practicum"] == [{"complete": True}]
    assert rows["Trần Thị Hoa"]["attendance"] == {"attended": 0, "excused": 1}
    assert rows["Trần Thị Hoa"]["practicum"] == [{"complete": False}]
    assert rows["Trần Thị Hoa"]["history"] == [
        {"kind": "ENROLLED", "reason": ""},
        {"kind": "WITHDRAWN", "reason": "Bận công tác phòng chống lũ"},
        {"kind": "REENROLLED", "reason": ""},
    ]
