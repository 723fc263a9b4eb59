"""take_test_for_demo: a past test replayed by answer sheets that the engine grades."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from core.clock import frozen
from core.models import ExamSitting, Track
from core.models.enums import CohortStatus, SittingSource
from core.services.access import OPERATOR
from core.services.demo_assessment import take_test_for_demo
from core.services.enrollments import enroll_official, register_topics
from core.services.errors import ErrorCode, ServiceError
from core.services.exams import ExamPlan, create_exam
from tests import factories

OPENS = datetime(2019, 6, 21, 1, tzinfo=UTC)


async def a_test_for_three_learners():
    district = await factories.district()
    commune = await factories.commune("Xã Hùng An", district)
    cohort = await factories.cohort("peoples_committee", org_unit=district)
    track = await Track.get(code="peoples_committee")
    topics = tuple(await track.topics.all().values_list("id", flat=True))
    enrollments = []
    for name in ("Lương Văn An", "Vũ Thị Mai", "Trần Đức Thắng"):
        official = await factories.official(name, "peoples_committee_chair", commune)
        enrollment = await enroll_official(OPERATOR, official.id, cohort.id)
        await register_topics(OPERATOR, enrollment.id, topics)
        enrollments.append(enrollment.id)
    await factories.advance(cohort.id, CohortStatus.IN_PROGRESS)
    plan = ExamPlan("Kiểm tra 30 câu", 30, OPENS, OPENS + timedelta(hours=1), seed=7)
    return await create_exam(OPERATOR, cohort.id, plan), enrollments


async def test_each_sheet_is_right_on_the_count_given_and_graded_by_the_engine(db):
    exam, (first, second, third) = await a_test_for_three_learners()

    with frozen(OPENS + timedelta(minutes=30)):
        sittings = await take_test_for_demo(
            exam.id, {first: 30, second: 24, third: 0}, random.Random(1)
        )

    graded = {s.enrollment_id: s for s in await ExamSitting.filter(exam_id=exam.id)}
    assert set(sittings) == {first, second, third}
    assert {e: (s.correct_count, s.score) for e, s in graded.items()} == {
        first: (30, 1000),
        second: (24, 800),
        third: (0, 0),
    }
    assert {s.source for s in graded.values()} == {SittingSource.PAPER}
    assert all(s.submitted_at == OPENS + timedelta(minutes=30) for s in graded.values())


async def test_counts_that_do_not_match_the_sittings_write_nothing(db):
    exam, (first, second, third) = await a_test_for_three_learners()

    with frozen(OPENS + timedelta(minutes=30)):
        with pytest.raises(ValueError, match="counts were given"):
            await take_test_for_demo(exam.id, {first: 30, second: 20}, random.Random(1))
        with pytest.raises(ValueError, match="31 cannot be right"):
            await take_test_for_demo(exam.id, {first: 30, second: 20, third: 31}, random.Random(1))

    assert not await ExamSitting.filter(exam_id=exam.id, submitted_at__isnull=False).exists()


async def test_sheets_before_the_window_opens_are_refused_by_the_service(db):
    exam, enrollments = await a_test_for_three_learners()

    with frozen(OPENS - timedelta(minutes=5)), pytest.raises(ServiceError) as refused:
        await take_test_for_demo(exam.id, dict.fromkeys(enrollments, 20), random.Random(1))

    assert [problem.code for problem in refused.value.errors] == [ErrorCode.WINDOW_NOT_OPEN]
