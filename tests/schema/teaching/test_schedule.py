"""A cohort's schedule: sessions with an activity kind, topic, host agency and lecturer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from core.declarations import ActivityKindDeclaration
from core.hookspecs import hookimpl
from core.models import CohortSession, HostAgency
from core.models.enums import AgencyBloc, AttendanceStatus, BoardKind, CohortStatus, Role
from core.plugins import PluginError
from core.services.access import OPERATOR
from core.services.cohorts import advance_cohort
from core.services.schedule import (
    AttendanceEntry,
    SessionPlan,
    record_attendance,
    schedule_session,
)
from tests import factories
from tests.factories import gid
from tests.fixtures.plugins import plugin_info, registry_with, serving
from tests.helpers import count_queries, error_codes, graphql_data

SCHEDULE = """
mutation($input: ScheduleSessionInput!) {
  scheduleSession(input: $input) {
    session {
      title activityKind { code title } topic { code } lessonVersion { number status }
      hostAgency { name } lecturer { fullName }
    }
    errors { field code message }
  }
}
"""
SESSIONS = """
query($first: Int, $filter: SessionFilter) {
  cohorts(first: $first) {
    edges { node {
      name
      sessions(first: 2, filter: $filter) {
        totalCount edges { node { title startsAt activityKind { code } } }
      }
    } }
  }
}
"""


def at(day: int, hour: int = 8) -> str:
    return datetime(2019, 5, day, hour, tzinfo=UTC).isoformat()


def plan(cohort, **changes):
    return {
        "cohortId": gid("Cohort", cohort.id),
        "startsAt": at(7),
        "endsAt": at(7, 11),
        "activityKind": "theory",
        "title": "Công tác tuyên giáo",
        **changes,
    }


async def test_a_session_on_a_topic_teaches_its_approved_lesson(client, db):
    programme = await factories.programme()
    topic = (await factories.topics())[0]
    await factories.approved_lesson(programme, topic)
    cohort = await factories.cohort(programme=programme)
    lecturer = await factories.board_member(
        BoardKind.DRAFTING_TEACHING_BOARD, "Lương Văn Dũng", programme
    )
    agency = await HostAgency.create(
        code="BQ-BTG",
        name="Ban Tuyên giáo Huyện ủy",
        bloc=AgencyBloc.PARTY,
        org_unit_id=programme.org_unit_id,
    )

    data = await graphql_data(
        client,
        SCHEDULE,
        {
            "input": plan(
                cohort,
                topicId=gid("Topic", topic.id),
                hostAgencyId=gid("HostAgency", agency.id),
                lecturerId=gid("BoardMember", lecturer.id),
            )
        },
    )

    assert data["scheduleSession"] == {
        "session": {
            "title": "Công tác tuyên giáo",
            "activityKind": {"code": "theory", "title": "Học lý thuyết"},
            "topic": {"code": topic.code},
            "lessonVersion": {"number": 1, "status": "APPROVED"},
            "hostAgency": {"name": "Ban Tuyên giáo Huyện ủy"},
            "lecturer": {"fullName": "Lương Văn Dũng"},
        },
        "errors": [],
    }


async def test_unapproved_content_cannot_be_scheduled(client, db):
    programme = await factories.programme()
    cohort = await factories.cohort(programme=programme)
    topic = (await factories.topics())[1]

    data = await graphql_data(
        client, SCHEDULE, {"input": plan(cohort, topicId=gid("Topic", topic.id))}
    )

    assert error_codes(data["scheduleSession"]) == [("topicId", "NOT_APPROVED")]
    assert await CohortSession.all().count() == 0


async def test_a_cohort_without_a_programme_is_told_so(client, db):
    cohort = await factories.cohort()
    topic = (await factories.topics())[0]
    member = await factories.board_member(BoardKind.DRAFTING_TEACHING_BOARD)

    data = await graphql_data(
        client,
        SCHEDULE,
        {
            "input": plan(
                cohort, topicId=gid("Topic", topic.id), lecturerId=gid("BoardMember", member.id)
            )
        },
    )

    payload = data["scheduleSession"]
    assert error_codes(payload) == [("topicId", "NO_PROGRAMME"), ("lecturerId", "NO_PROGRAMME")]
    assert "belongs to no programme" in payload["errors"][0]["message"]
    assert await CohortSession.all().count() == 0


async def test_a_session_reports_every_problem_at_once(client, db):
    programme = await factories.programme()
    cohort = await factories.cohort(programme=programme)
    stranger = await factories.board_member(BoardKind.APPRAISAL_BOARD)  # another programme's

    data = await graphql_data(
        client,
        SCHEDULE,
        {
            "input": plan(
                cohort,
                startsAt=at(1),  # before the cohort's first day (6 May)
                endsAt=at(1, 7),  # and before it starts
                activityKind="picnic",
                hostAgencyId="garbage",
                lecturerId=gid("BoardMember", stranger.id),
            )
        },
    )

    assert sorted(error_codes(data["scheduleSession"])) == [
        ("activityKind", "INVALID"),
        ("endsAt", "INVALID"),
        ("hostAgencyId", "INVALID_ID"),
        ("lecturerId", "NOT_ON_BOARD"),
        ("startsAt", "OUTSIDE_COHORT_DATES"),
    ]
    assert await CohortSession.all().count() == 0


async def test_a_completed_cohorts_schedule_is_locked(client, db):
    cohort = await factories.cohort(status=CohortStatus.COMPLETED)

    data = await graphql_data(client, SCHEDULE, {"input": plan(cohort)})

    assert error_codes(data["scheduleSession"]) == [("cohortId", "COHORT_LOCKED")]


async def test_a_viewer_cannot_schedule(sign_in_as, db):
    cohort = await factories.cohort()
    viewer = await sign_in_as("lanh.dao", (Role.VIEWER, await cohort.org_unit))

    response = await viewer.post(
        "/graphql", json={"query": SCHEDULE, "variables": {"input": plan(cohort)}}
    )

    assert response.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await CohortSession.all().count() == 0


async def test_a_page_of_cohorts_gets_its_sessions_in_one_statement(client, db):
    async def cohorts_with_sessions(count: int) -> None:
        for _ in range(count):
            cohort = await factories.cohort()
            for day in (6, 7, 8):
                await factories.session(cohort, datetime(2019, 5, day, 8, tzinfo=UTC))

    await cohorts_with_sessions(2)
    with count_queries() as few:
        small = await graphql_data(client, SESSIONS, {"first": 10})
    await cohorts_with_sessions(6)
    with count_queries() as many:
        large = await graphql_data(client, SESSIONS, {"first": 10})

    edges = large["cohorts"]["edges"]
    assert len(edges) == 8
    assert all(e["node"]["sessions"]["totalCount"] == 3 for e in edges)
    first_two = [s["node"]["startsAt"][:10] for s in edges[0]["node"]["sessions"]["edges"]]
    assert first_two == ["2019-05-06", "2019-05-07"]
    assert len(small["cohorts"]["edges"]) == 2
    assert many.count == few.count


async def test_sessions_filter_by_activity_kind(client, db):
    cohort = await factories.cohort()
    await factories.session(cohort, datetime(2019, 5, 6, 8, tzinfo=UTC))
    await factories.session(cohort, datetime(2019, 5, 7, 8, tzinfo=UTC), "meeting_observation")

    data = await graphql_data(
        client, SESSIONS, {"filter": {"activityKinds": ["meeting_observation"]}}
    )

    [edge] = data["cohorts"]["edges"]
    sessions = edge["node"]["sessions"]
    assert sessions["totalCount"] == 1
    assert sessions["edges"][0]["node"]["activityKind"] == {"code": "meeting_observation"}


class ConclusionDrafting:
    @staticmethod
    @hookimpl
    def plugin_info():
        return plugin_info("drafting_club")

    @staticmethod
    @hookimpl
    def register_activity_kinds():
        return [
            ActivityKindDeclaration(
                "drafting_club.conclusions", "Dự thảo kết luận", "Drafting conclusions"
            )
        ]


async def test_hook_register_activity_kinds(settings, db):
    # a plugin adds an activity kind: listed after the core's, and a session may be one
    registry = registry_with(ConclusionDrafting)
    async with serving(settings, registry) as http:
        response = await http.post("/graphql", json={"query": "{ activityKinds { code titleEn } }"})
    cohort = await factories.cohort()
    start = datetime(2019, 5, 9, 8, tzinfo=UTC)
    plan = SessionPlan(start, start + timedelta(hours=2), "drafting_club.conclusions")
    session = await schedule_session(OPERATOR, cohort.id, plan, registry.activity_kinds())

    kinds = response.json()["data"]["activityKinds"]
    assert kinds[0] == {"code": "theory", "titleEn": "Theory"}
    assert kinds[-1] == {"code": "drafting_club.conclusions", "titleEn": "Drafting conclusions"}
    assert session.activity_kind == "drafting_club.conclusions"


class Unprefixed:
    @staticmethod
    @hookimpl
    def plugin_info():
        return plugin_info("sloppy")

    @staticmethod
    @hookimpl
    def register_activity_kinds():
        return [ActivityKindDeclaration("excursion", "Tham quan", "Excursion")]


def test_an_unprefixed_activity_kind_stops_start_up_naming_the_plugin():
    with pytest.raises(PluginError, match="plugin 'sloppy' registers activity kind 'excursion'"):
        registry_with(Unprefixed).activity_kinds()


UPDATE = """
mutation($input: UpdateSessionInput!) {
  updateSession(input: $input) {
    session { startsAt activityKind { code } topic { code } lessonVersion { number } }
    errors { field code }
  }
}
"""
CANCEL = """
mutation($id: ID!) {
  cancelSession(input: {sessionId: $id}) { session { title } errors { field code message } }
}
"""


async def test_a_session_is_moved_and_teaches_the_latest_approved_version(client, db):
    programme = await factories.programme()
    topic = (await factories.topics())[0]
    await factories.approved_lesson(programme, topic)
    cohort = await factories.cohort(programme=programme)
    session = await factories.session(cohort, topic=topic)
    await factories.approved_lesson(programme, topic, title="Bản sửa đổi")  # version 2

    data = await graphql_data(
        client,
        UPDATE,
        {
            "input": {
                "sessionId": gid("CohortSession", session.id),
                "startsAt": at(9),
                "endsAt": at(9, 11),
                "activityKind": "situation_handling",
                "topicId": gid("Topic", topic.id),
            }
        },
    )

    assert data["updateSession"] == {
        "session": {
            "startsAt": "2019-05-09T08:00:00+00:00",
            "activityKind": {"code": "situation_handling"},
            "topic": {"code": topic.code},
            "lessonVersion": {"number": 2},
        },
        "errors": [],
    }


async def test_a_moved_session_is_checked_like_a_new_one(client, db):
    cohort = await factories.cohort()
    session = await factories.session(cohort)

    data = await graphql_data(
        client,
        UPDATE,
        {
            "input": {
                "sessionId": gid("CohortSession", session.id),
                "startsAt": at(1),
                "endsAt": at(1, 10),
                "activityKind": "theory",
            }
        },
    )

    assert error_codes(data["updateSession"]) == [("startsAt", "OUTSIDE_COHORT_DATES")]
    assert (await CohortSession.get(id=session.id)).starts_at.day == 6


async def test_a_session_without_attendance_is_cancelled_one_with_it_stays(client, db):
    cohort = await factories.cohort()
    spare = await factories.session(cohort)
    held = await factories.session(cohort)
    (learner,) = await factories.roster(cohort, 1)
    await advance_cohort(OPERATOR, cohort.id, CohortStatus.IN_PROGRESS)
    await record_attendance(
        OPERATOR, held.id, [AttendanceEntry(learner.id, AttendanceStatus.PRESENT)]
    )

    cancelled = await graphql_data(client, CANCEL, {"id": gid("CohortSession", spare.id)})
    refused = await graphql_data(client, CANCEL, {"id": gid("CohortSession", held.id)})

    assert cancelled["cancelSession"] == {"session": {"title": "Buổi học"}, "errors": []}
    assert error_codes(refused["cancelSession"]) == [("sessionId", "HAS_ATTENDANCE")]
    assert await CohortSession.filter(cohort_id=cohort.id).count() == 1
