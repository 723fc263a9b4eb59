"""Attendance: a whole session's sheet in one call, corrected while the cohort runs."""

from __future__ import annotations

from core.models import Attendance
from core.models.enums import AttendanceStatus, CohortStatus, Role
from core.services.access import OPERATOR
from core.services.cohorts import advance_cohort
from core.services.enrollments import enroll_official, withdraw_enrollment
from tests import factories
from tests.factories import gid
from tests.helpers import count_queries, error_codes, graphql, graphql_data

RECORD = """
mutation($input: RecordAttendanceInput!) {
  recordAttendance(input: $input) {
    session { attendance { status note enrollment { official { fullName } } } }
    errors { field code message }
  }
}
"""
SUMMARY = """
query($id: ID!) {
  node(id: $id) {
    ... on Enrollment { attendance { present late excused absent attended recorded } }
  }
}
"""


def sheet(session, *entries):
    return {
        "input": {
            "sessionId": gid("CohortSession", session.id),
            "entries": [
                {"enrollmentId": gid("Enrollment", enrollment.id), "status": status, **extra}
                for enrollment, status, *more in entries
                for extra in [more[0] if more else {}]
            ],
        }
    }


async def running_cohort(size: int):
    cohort = await factories.cohort()
    enrollments = await factories.roster(cohort, size)
    session = await factories.session(cohort)
    await advance_cohort(OPERATOR, cohort.id, CohortStatus.IN_PROGRESS)
    return cohort, enrollments, session


async def test_a_sheet_is_recorded_then_corrected(client, db):
    _, (an, hoa), session = await running_cohort(2)

    await graphql_data(client, RECORD, sheet(session, (an, "PRESENT"), (hoa, "ABSENT")))
    data = await graphql_data(
        client, RECORD, sheet(session, (hoa, "EXCUSED", {"note": "Ốm, có giấy xin phép"}))
    )

    assert data["recordAttendance"]["session"]["attendance"] == [
        {"status": "PRESENT", "note": "", "enrollment": {"official": {"fullName": "Học viên 000"}}},
        {
            "status": "EXCUSED",
            "note": "Ốm, có giấy xin phép",
            "enrollment": {"official": {"fullName": "Học viên 001"}},
        },
    ]
    assert await Attendance.all().count() == 2


async def test_sessions_attended_per_learner(client, db):
    cohort, (an,), first = await running_cohort(1)
    second = await factories.session(cohort)
    third = await factories.session(cohort)
    for session, status in ((first, "PRESENT"), (second, "LATE"), (third, "ABSENT")):
        await graphql_data(client, RECORD, sheet(session, (an, status)))

    data = await graphql_data(client, SUMMARY, {"id": gid("Enrollment", an.id)})

    assert data["node"]["attendance"] == {
        "present": 1,
        "late": 1,
        "excused": 0,
        "absent": 1,
        "attended": 2,
        "recorded": 3,
    }


async def test_an_enrollment_of_another_cohort_or_withdrawn_is_refused_and_nothing_written(
    client, db
):
    _, (an, hoa), session = await running_cohort(2)
    await withdraw_enrollment(OPERATOR, hoa.id, "Chuyển công tác")
    _, (stranger,), _ = await running_cohort(1)

    data = await graphql_data(
        client,
        RECORD,
        sheet(session, (an, "PRESENT"), (hoa, "PRESENT"), (stranger, "PRESENT"), (an, "LATE")),
    )

    assert error_codes(data["recordAttendance"]) == [
        ("entries.3.enrollmentId", "DUPLICATE"),
    ]
    data = await graphql_data(
        client, RECORD, sheet(session, (an, "PRESENT"), (hoa, "PRESENT"), (stranger, "PRESENT"))
    )
    assert error_codes(data["recordAttendance"]) == [
        ("entries.1.enrollmentId", "ALREADY_WITHDRAWN"),
        ("entries.2.enrollmentId", "NOT_IN_COHORT"),
    ]
    assert await Attendance.all().count() == 0


async def test_attendance_waits_until_the_cohort_is_in_progress(client, db):
    cohort = await factories.cohort()
    official = await factories.official()
    enrollment = await enroll_official(OPERATOR, official.id, cohort.id)
    session = await factories.session(cohort)

    data = await graphql_data(client, RECORD, sheet(session, (enrollment, "PRESENT")))

    assert error_codes(data["recordAttendance"]) == [("sessionId", "COHORT_LOCKED")]
    assert "IN_PROGRESS or COMPLETED" in data["recordAttendance"]["errors"][0]["message"]


async def test_a_completed_cohorts_attendance_is_still_corrected(client, db):
    cohort, (an,), session = await running_cohort(1)
    await advance_cohort(OPERATOR, cohort.id, CohortStatus.COMPLETED)

    data = await graphql_data(client, RECORD, sheet(session, (an, "LATE")))

    assert data["recordAttendance"]["errors"] == []
    assert (await Attendance.get(enrollment_id=an.id)).status == AttendanceStatus.LATE


async def test_an_assessor_records_and_a_viewer_may_not(sign_in_as, db):
    cohort, (an,), session = await running_cohort(1)
    unit = await cohort.org_unit
    assessor = await sign_in_as("cham.thi", (Role.ASSESSOR, unit))
    viewer = await sign_in_as("lanh.dao", (Role.VIEWER, unit))

    recorded = await graphql_data(assessor, RECORD, sheet(session, (an, "PRESENT")))
    refused = await graphql(viewer, RECORD, sheet(session, (an, "ABSENT")))

    assert recorded["recordAttendance"]["errors"] == []
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert (await Attendance.get(enrollment_id=an.id)).status == AttendanceStatus.PRESENT


async def test_a_whole_sheet_costs_the_same_statements_for_10_or_500_learners(client, db):
    _, small, small_session = await running_cohort(10)
    _, large, large_session = await running_cohort(500)
    brief = """
    mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) { errors { code } } }
    """

    with count_queries() as ten:
        await graphql_data(client, brief, sheet(small_session, *((e, "PRESENT") for e in small)))
    with count_queries() as five_hundred:
        await graphql_data(client, brief, sheet(large_session, *((e, "PRESENT") for e in large)))
    # corrected: half of them late, one statement more
    with count_queries() as corrected:
        await graphql_data(client, brief, sheet(large_session, *((e, "LATE") for e in large[::2])))

    assert await Attendance.filter(session_id=large_session.id).count() == 500
    assert five_hundred.count == ten.count
    assert corrected.count == ten.count
    assert await Attendance.filter(status=AttendanceStatus.LATE).count() == 250


async def test_a_commune_viewer_sees_the_sessions_and_their_communes_attendance(
    client, sign_in_as, db
):
    district = await factories.district()
    vinh_hao = await factories.commune("Xã Vĩnh Hảo", district)
    cohort = await factories.cohort(org_unit=district)
    (ours,) = await factories.roster(cohort, 1, vinh_hao)
    (theirs,) = await factories.roster(cohort, 1, await factories.commune("Xã Tân Thành", district))
    session = await factories.session(cohort)
    await advance_cohort(OPERATOR, cohort.id, CohortStatus.IN_PROGRESS)
    await graphql_data(client, RECORD, sheet(session, (ours, "PRESENT"), (theirs, "ABSENT")))
    viewer = await sign_in_as("xa.vinh.hao", (Role.VIEWER, vinh_hao))

    data = await graphql_data(
        viewer,
        """{ cohorts(first: 2) { edges { node { sessions(first: 5) { edges { node {
             attendance { status enrollment { official { orgUnit { name } } } }
           } } } } } } }""",
    )

    [edge] = data["cohorts"]["edges"]
    [session_edge] = edge["node"]["sessions"]["edges"]
    assert session_edge["node"]["attendance"] == [
        {"status": "PRESENT", "enrollment": {"official": {"orgUnit": {"name": "Xã Vĩnh Hảo"}}}}
    ]
