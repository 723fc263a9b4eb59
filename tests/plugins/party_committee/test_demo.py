"""The Party track's demo: approved demo lessons for its topics and the 2019 cohort's results,
all from the engine, none below average (the article: "không có điểm dưới trung bình")."""

from __future__ import annotations

from core.models import Cohort, Enrollment, LessonVersion, Result, Topic
from core.models.enums import CohortStatus, EvidenceStatus, LessonVersionStatus
from core.models.practicum import PracticumEvidence
from plugins.party_committee.models import ConclusionDraft
from tests.core.test_demo import demo, fresh_url  # noqa: F401  (the loaded demo database)


async def party_cohort() -> Cohort:
    return await Cohort.get(track__code="party_committee")


async def test_every_topic_has_an_approved_demo_lesson(demo):  # noqa: F811
    topics = await Topic.filter(track__code="party_committee").count()
    approved = await LessonVersion.filter(
        content__topic__track__code="party_committee", status=LessonVersionStatus.APPROVED
    ).values_list("body", flat=True)

    assert topics == len(approved) == 9
    assert all(body.startswith("> *Tài liệu mẫu (demo)") for body in approved)


async def test_the_46_learners_observed_the_meeting_and_drafted_its_conclusions(demo):  # noqa: F811
    cohort = await party_cohort()
    enrollments = await Enrollment.filter(cohort_id=cohort.id).count()
    signed_off = await PracticumEvidence.filter(
        enrollment__cohort_id=cohort.id, status=EvidenceStatus.SIGNED_OFF
    ).count()
    scored = await ConclusionDraft.filter(
        enrollment__cohort_id=cohort.id, score__not_isnull=True
    ).count()

    assert enrollments == signed_off == scored == 46


async def test_the_results_are_final_and_none_is_below_average(demo):  # noqa: F811
    cohort = await party_cohort()
    results = await Result.filter(cohort_id=cohort.id)

    assert cohort.status == CohortStatus.COMPLETED
    assert cohort.results_final_at is not None
    assert cohort.results_final_at.year == 2019
    assert len(results) == 46
    assert all(result.completed and result.score >= 500 for result in results)
    assert {result.band for result in results} <= {"Giỏi", "Khá", "Trung bình"}
    drafts = dict(
        await ConclusionDraft.filter(enrollment__cohort_id=cohort.id).values_list(
            "enrollment_id", "score"
        )
    )
    for result in results:  # the draft counted, as the engine graded it
        [draft_part] = [part for part in result.components if part["code"] == "conclusion_draft"]
        assert draft_part["score"] == drafts[result.enrollment_id]
