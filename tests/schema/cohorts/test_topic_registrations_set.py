"""registerTopics: sets exactly the given topics of the cohort's track; refusals change nothing."""

from __future__ import annotations

import pytest

from core.limits import MAX_TOPICS_PER_ENROLLMENT
from core.models import Enrollment, Topic, TopicRegistration, Track
from core.models.enums import CohortStatus, TopicOrigin
from core.services.access import OPERATOR
from core.services.enrollments import enroll_official, withdraw_enrollment
from tests import factories
from tests.factories import gid
from tests.helpers import count_queries, error_codes, graphql_data

REGISTER_TOPICS = """
mutation RegisterTopics($input: RegisterTopicsInput!) {
  registerTopics(input: $input) {
    enrollment { id status official { fullName } topics { code title track { code } } }
    errors { field message code }
  }
}
"""


async def move_on(cohort_id: int, status: CohortStatus) -> None:
    """Move an open cohort along the legal path until it is ``status``."""
    assert (await factories.advance(cohort_id, status)).status == status


async def enrollment_in(status: CohortStatus, full_name: str = "Hoàng Văn Nhiên") -> Enrollment:
    """A party secretary enrolled in a party committee cohort that then moved on to ``status``."""
    official = await factories.official(full_name, post_code="party_secretary")
    cohort = await factories.cohort("party_committee", CohortStatus.OPEN)
    enrollment = await enroll_official(OPERATOR, official.id, cohort.id)
    await move_on(cohort.id, status)
    return enrollment


async def catalogue() -> dict[str, str]:
    """Global IDs of the party committee topics by code (PC01..PC05)."""
    return {topic.code: gid("Topic", topic.id) for topic in await factories.topics()}


async def register(client, enrollment_id: str, topic_ids: list[str]) -> dict:
    data = await graphql_data(
        client,
        REGISTER_TOPICS,
        {"input": {"enrollmentId": enrollment_id, "topicIds": topic_ids}},
    )
    return data["registerTopics"]


async def registered(enrollment: Enrollment) -> list[str]:
    """Codes of the topics the database holds for ``enrollment``."""
    rows = await TopicRegistration.filter(enrollment_id=enrollment.id).prefetch_related("topic")
    return sorted(row.topic.code for row in rows)


async def stored() -> tuple[list[dict], list[tuple[int, int, int]]]:
    """Every enrollment and topic registration, as the database has them."""
    enrollments = await Enrollment.all().order_by("id").values()
    registrations = (
        await TopicRegistration.all().order_by("id").values_list("id", "enrollment_id", "topic_id")
    )
    return enrollments, registrations


@pytest.mark.parametrize("status", [CohortStatus.OPEN, CohortStatus.IN_PROGRESS])
async def test_registers_the_given_topics_in_catalogue_order(client, status):
    # given
    enrollment = await enrollment_in(status, "Lý Thị Mai")
    topics = await catalogue()
    # when
    result = await register(
        client, gid("Enrollment", enrollment.id), [topics["PC03"], topics["PC01"]]
    )
    # then
    assert result["errors"] == []
    assert result["enrollment"]["id"] == gid("Enrollment", enrollment.id)
    assert result["enrollment"]["status"] == "ENROLLED"
    assert result["enrollment"]["official"] == {"fullName": "Lý Thị Mai"}
    assert [t["code"] for t in result["enrollment"]["topics"]] == ["PC01", "PC03"]
    assert {t["track"]["code"] for t in result["enrollment"]["topics"]} == {"party_committee"}
    titles = {topic.code: topic.title for topic in await factories.topics()}
    assert [t["title"] for t in result["enrollment"]["topics"]] == [titles["PC01"], titles["PC03"]]
    assert await registered(enrollment) == ["PC01", "PC03"]


async def test_replaces_the_previous_choice(client):
    enrollment = await enrollment_in(CohortStatus.OPEN)
    topics = await catalogue()
    await register(client, gid("Enrollment", enrollment.id), [topics["PC01"], topics["PC02"]])

    result = await register(
        client, gid("Enrollment", enrollment.id), [topics["PC02"], topics["PC04"]]
    )

    assert result["errors"] == []
    assert [t["code"] for t in result["enrollment"]["topics"]] == ["PC02", "PC04"]
    assert await registered(enrollment) == ["PC02", "PC04"]


async def test_keeps_the_registration_of_a_topic_chosen_again(client):
    enrollment = await enrollment_in(CohortStatus.OPEN)
    topics = await catalogue()
    await register(client, gid("Enrollment", enrollment.id), [topics["PC02"]])
    kept = await TopicRegistration.get(enrollment_id=enrollment.id)

    await register(client, gid("Enrollment", enrollment.id), [topics["PC02"], topics["PC05"]])

    again = await TopicRegistration.get(enrollment_id=enrollment.id, topic__code="PC02")
    assert (again.id, again.registered_at) == (kept.id, kept.registered_at)


async def test_an_empty_list_clears_the_choice(client):
    enrollment = await enrollment_in(CohortStatus.OPEN)
    topics = await catalogue()
    await register(client, gid("Enrollment", enrollment.id), [topics["PC01"], topics["PC05"]])

    result = await register(client, gid("Enrollment", enrollment.id), [])

    assert result["errors"] == []
    assert result["enrollment"]["topics"] == []
    assert await registered(enrollment) == []


async def test_a_topic_named_twice_is_refused_and_nothing_changes(client):
    enrollment = await enrollment_in(CohortStatus.OPEN)
    topics = await catalogue()
    await register(client, gid("Enrollment", enrollment.id), [topics["PC02"]])

    result = await register(
        client, gid("Enrollment", enrollment.id), [topics["PC01"], topics["PC01"]]
    )

    assert result["enrollment"] is None
    assert error_codes(result) == [("topicIds", "DUPLICATE")]
    assert await registered(enrollment) == ["PC02"]


async def test_leaves_other_enrollments_alone(client):
    mine = await enrollment_in(CohortStatus.OPEN, "Nguyễn Văn An")
    theirs = await enrollment_in(CohortStatus.OPEN, "Trần Thị Hoa")
    topics = await catalogue()
    await register(client, gid("Enrollment", theirs.id), [topics["PC01"], topics["PC02"]])

    await register(client, gid("Enrollment", mine.id), [topics["PC02"]])
    await register(client, gid("Enrollment", mine.id), [])

    assert await registered(theirs) == ["PC01", "PC02"]


async def test_query_count_does_not_grow_with_the_number_of_topics(client):
    one = await enrollment_in(CohortStatus.OPEN, "Nguyễn Văn An")
    five = await enrollment_in(CohortStatus.OPEN, "Trần Thị Hoa")
    topics = await catalogue()

    with count_queries() as for_one:
        await register(client, gid("Enrollment", one.id), [topics["PC01"]])
    with count_queries() as for_five:
        result = await register(client, gid("Enrollment", five.id), list(topics.values()))

    assert len(result["enrollment"]["topics"]) == len(topics) == 9
    assert for_five.count == for_one.count


async def test_registers_a_whole_catalogue_of_the_declared_maximum(client):
    # given a catalogue grown to the most topics a track holds
    enrollment = await enrollment_in(CohortStatus.OPEN)
    track = await Track.get(code="party_committee")
    declared = await Topic.filter(track=track).count()
    await Topic.bulk_create(
        [
            Topic(
                track=track,
                code=f"L{n:03}",
                title=f"Chuyên đề {n}",
                search_title=f"chuyen de {n}",
                order=n,
                origin=TopicOrigin.LOCAL,
            )
            for n in range(declared + 1, MAX_TOPICS_PER_ENROLLMENT + 1)
        ]
    )
    every_topic = [gid("Topic", topic.id) for topic in await factories.topics()]
    # when the learner registers all of them
    result = await register(client, gid("Enrollment", enrollment.id), every_topic)
    # then all are registered
    assert result["errors"] == []
    assert len(result["enrollment"]["topics"]) == MAX_TOPICS_PER_ENROLLMENT


async def another_tracks_topic() -> Topic:
    track = await Track.get(code="peoples_committee")
    return await Topic.create(
        track=track,
        code="X1",
        title="Quản lý đất đai cấp xã",
        search_title="quan ly dat dai cap xa",
        origin=TopicOrigin.LOCAL,
    )


async def dropped_topic() -> Topic:
    topic = await Topic.get(track__code="party_committee", code="PC05")
    topic.is_active = False
    await topic.save()
    return topic


@pytest.mark.parametrize(
    ("bad_topic", "code"),
    [
        (another_tracks_topic, "TOPIC_NOT_IN_TRACK"),
        (dropped_topic, "INVALID"),
    ],
    ids=["other-track", "dropped-from-catalogue"],
)
async def test_refuses_topics_outside_the_catalogue_and_keeps_the_choice(client, bad_topic, code):
    # given an enrollment that registered PC01
    enrollment = await enrollment_in(CohortStatus.OPEN)
    topics = await catalogue()
    await register(client, gid("Enrollment", enrollment.id), [topics["PC01"]])
    topic = await bad_topic()
    before = await stored()
    # when
    result = await register(
        client, gid("Enrollment", enrollment.id), [topics["PC02"], gid("Topic", topic.id)]
    )
    # then
    assert result["enrollment"] is None
    assert error_codes(result) == [("topicIds", code)]
    assert await stored() == before
    assert await registered(enrollment) == ["PC01"]


@pytest.mark.parametrize(
    ("bad_id", "code"),
    [
        ("not-an-id", "INVALID_ID"),
        (gid("Track", 1), "INVALID_ID"),
        (gid("Topic", 999999), "NOT_FOUND"),
    ],
    ids=["malformed", "other-type", "unknown"],
)
async def test_bad_topic_ids_name_the_field(client, bad_id, code):
    enrollment = await enrollment_in(CohortStatus.OPEN)
    topics = await catalogue()
    await register(client, gid("Enrollment", enrollment.id), [topics["PC01"]])
    before = await stored()

    result = await register(client, gid("Enrollment", enrollment.id), [topics["PC02"], bad_id])

    assert result["enrollment"] is None
    assert error_codes(result) == [("topicIds", code)]
    assert await stored() == before
    assert await registered(enrollment) == ["PC01"]


@pytest.mark.parametrize(
    ("enrollment_id", "code"),
    [
        ("not-an-id", "INVALID_ID"),
        (gid("Topic", 1), "INVALID_ID"),
        (gid("Enrollment", 999999), "NOT_FOUND"),
    ],
    ids=["malformed", "other-type", "unknown"],
)
async def test_bad_enrollment_ids_name_the_field(client, enrollment_id, code):
    await enrollment_in(CohortStatus.OPEN)
    topics = await catalogue()
    before = await stored()

    result = await register(client, enrollment_id, [topics["PC01"]])

    assert result["enrollment"] is None
    assert error_codes(result) == [("enrollmentId", code)]
    assert await stored() == before


async def test_refuses_a_withdrawn_enrollment(client):
    enrollment = await enrollment_in(CohortStatus.OPEN)
    topics = await catalogue()
    await register(client, gid("Enrollment", enrollment.id), [topics["PC01"]])
    await withdraw_enrollment(OPERATOR, enrollment.id, "Chuyển công tác")
    before = await stored()

    result = await register(client, gid("Enrollment", enrollment.id), [topics["PC02"]])

    assert result["enrollment"] is None
    assert error_codes(result) == [("enrollmentId", "ALREADY_WITHDRAWN")]
    assert await stored() == before
    assert await registered(enrollment) == ["PC01"]


@pytest.mark.parametrize("status", [CohortStatus.COMPLETED, CohortStatus.CLOSED])
async def test_refuses_once_the_cohort_is_completed_or_closed(client, status):
    # given an enrollment that registered PC01 while its cohort ran, then the cohort moved on
    enrollment = await enrollment_in(CohortStatus.OPEN)
    topics = await catalogue()
    await register(client, gid("Enrollment", enrollment.id), [topics["PC01"]])
    await move_on(enrollment.cohort_id, status)
    before = await stored()
    # when
    result = await register(client, gid("Enrollment", enrollment.id), [topics["PC02"]])
    # then
    assert result["enrollment"] is None
    assert error_codes(result) == [("enrollmentId", "COHORT_LOCKED")]
    assert await stored() == before
    assert await registered(enrollment) == ["PC01"]


async def test_reports_a_malformed_enrollment_id_with_a_bad_topic_list(client):
    enrollment = await enrollment_in(CohortStatus.OPEN)
    topics = await catalogue()
    before = await stored()

    result = await register(client, "nope", [topics["PC01"], topics["PC01"]])

    assert result["enrollment"] is None
    assert error_codes(result) == [("enrollmentId", "INVALID_ID"), ("topicIds", "DUPLICATE")]
    assert await stored() == before
    assert await registered(enrollment) == []


async def test_reports_an_unknown_enrollment_with_unknown_topics(client):
    result = await register(client, gid("Enrollment", 999999), [gid("Topic", 999999)])

    assert sorted(error_codes(result)) == [
        ("enrollmentId", "NOT_FOUND"),
        ("topicIds", "NOT_FOUND"),
    ]


async def test_reports_a_locked_cohort_with_topics_of_another_track(client):
    enrollment = await enrollment_in(CohortStatus.COMPLETED)
    foreign = await another_tracks_topic()

    result = await register(client, gid("Enrollment", enrollment.id), [gid("Topic", foreign.id)])

    assert error_codes(result) == [
        ("enrollmentId", "COHORT_LOCKED"),
        ("topicIds", "TOPIC_NOT_IN_TRACK"),
    ]
    assert await registered(enrollment) == []
