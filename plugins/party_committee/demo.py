"""Demo data: the 2019 cohort of commune Party Secretaries and Deputies, taken to its results.

Everything goes through the real services, dated as it happened in 2019 (``frozen``): the
appraisal board approves a demo lesson for each topic; the eligible officials enroll and
register the topics they need; each observes a meeting of the District Party Standing Board,
gives evidence of it, which an assessor signs off, drafts its conclusions, which an assessor
scores; the cohort completes, the written test is scored, and the results are finalised by the
engine. As the article reports, no score is below average: the demo's scores are drawn (with
``demo.random``) from ranges that keep every weighted result at 5.0 or above.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from hocviec import (
    OPERATOR,
    Cohort,
    CohortStatus,
    DemoContext,
    Enrollment,
    Evidence,
    LessonText,
    ScoreEntry,
    advance_cohort,
    appraise_lesson_version,
    demo_cohort,
    draft_lesson_version,
    enter_scores,
    finalise_results,
    frozen,
    review_evidence,
    submit_evidence,
    submit_lesson_version,
)
from plugins.party_committee import lessons, services
from plugins.party_committee.curriculum import OBSERVE_STANDING_BOARD, TRACK, WRITTEN_TEST

STARTS_ON = date(2019, 5, 6)
ENDS_ON = date(2019, 7, 19)
ELIGIBLE = 46
"""One Party Secretary and one Deputy for each of the 23 communes and towns."""
MEETINGS = (
    (
        date(2019, 7, 2),
        "Kiểm điểm việc lãnh đạo thực hiện nhiệm vụ phát triển kinh tế – xã hội, quốc phòng – an "
        "ninh 6 tháng đầu năm 2019; phương hướng, nhiệm vụ 6 tháng cuối năm.",
    ),
    (
        date(2019, 7, 9),
        "Cho ý kiến về công tác xây dựng Đảng và chuẩn bị đại hội đảng bộ cơ sở nhiệm kỳ "
        "2020 – 2025.",
    ),
)
"""The two District Party Standing Board meetings the learners observe (demo agendas)."""
DRAFT_SCORES = (Decimal("6.0"), Decimal("9.5"))
WRITTEN_SCORES = (Decimal("5.5"), Decimal("9.5"))
"""The demo's score ranges: with the written test at 60% and the draft at 40%, the lowest
possible result is 0.6 × 5.5 + 0.4 × 6.0 = 5.7, Average."""


def _at(day: date, hour: int = 8) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _score(demo: DemoContext, bounds: tuple[Decimal, Decimal]) -> Decimal:
    """A score on the half-point grid within ``bounds``."""
    low, high = (int(bound * 2) for bound in bounds)
    return Decimal(demo.random.randint(low, high)) / 2


async def load(demo: DemoContext) -> None:
    registry = demo.registry
    assert registry is not None, "the demo loader passes the plugin registry"
    with frozen(_at(date(2019, 4, 22))):
        cohort = await demo_cohort(
            demo,
            track_code=TRACK.code,
            name="Khóa học việc chức danh Bí thư, Phó Bí thư Đảng ủy xã, thị trấn năm 2019",
            host_agency_codes=("BTCHU", "BTGHU", "BDVHU", "UBKTHU", "VPHU"),
            starts_on=STARTS_ON,
            ends_on=ENDS_ON,
            capacity=50,
            enroll=ELIGIBLE,
            status=CohortStatus.OPEN,
        )
        await _lessons(cohort)
    with frozen(_at(STARTS_ON)):
        await advance_cohort(OPERATOR, cohort.id, CohortStatus.IN_PROGRESS, registry)
    enrollment_ids: list[int] = [
        row.id for row in await Enrollment.filter(cohort_id=cohort.id).order_by("id").only("id")
    ]
    await _practicum(demo, cohort, enrollment_ids)
    with frozen(_at(ENDS_ON, 17)):
        await advance_cohort(OPERATOR, cohort.id, CohortStatus.COMPLETED, registry)
    with frozen(_at(date(2019, 7, 22))):
        entries = [
            ScoreEntry(enrollment_id, _score(demo, WRITTEN_SCORES), "Bài làm đạt yêu cầu.")
            for enrollment_id in enrollment_ids
        ]
        await enter_scores(OPERATOR, cohort.id, WRITTEN_TEST, entries, registry.schemes())
    with frozen(_at(date(2019, 7, 24))):
        await finalise_results(OPERATOR, cohort.id, registry.schemes(), registry)


async def _lessons(cohort: Cohort) -> None:
    """An approved demo lesson for every topic of the track, in the cohort's programme."""
    if cohort.programme_id is None:
        return
    topics = await Cohort.filter(id=cohort.id).values_list(
        "track__topics__id", "track__topics__code"
    )
    for topic_id, code in sorted(topics, key=lambda row: row[1]):
        if code not in lessons.LESSONS:
            continue  # a topic a coordinator added locally has no demo lesson
        title = lessons.LESSONS[code][0]
        text = LessonText(title=f"Bài giảng: {title}", body=lessons.lesson_body(code))
        version = await draft_lesson_version(OPERATOR, cohort.programme_id, topic_id, text)
        await submit_lesson_version(OPERATOR, version.id)
        await appraise_lesson_version(
            OPERATOR, version.id, approve=True, comment="Nhất trí sử dụng làm tài liệu mẫu."
        )


async def _practicum(demo: DemoContext, cohort: Cohort, enrollment_ids: list[int]) -> None:
    """Each learner observes one of the meetings: evidence signed off, draft scored."""
    items = await Cohort.filter(id=cohort.id).values_list(
        "track__practicum_items__id", "track__practicum_items__code"
    )
    item_id = next(item for item, code in items if code == OBSERVE_STANDING_BOARD)
    for index, enrollment_id in enumerate(enrollment_ids):
        meeting_on, agenda = MEETINGS[index % len(MEETINGS)]
        with frozen(_at(meeting_on, 16)):
            evidence = await submit_evidence(
                OPERATOR,
                enrollment_id,
                item_id,
                Evidence(
                    text="Dự thính phiên họp Ban Thường vụ Huyện ủy; ghi chép nội dung, diễn "
                    "biến và ý kiến kết luận của đồng chí chủ trì.",
                    occurred_on=meeting_on,
                ),
            )
            await services.submit_draft(
                OPERATOR,
                enrollment_id,
                services.DraftText(
                    meeting_on,
                    agenda,
                    "Dự thảo kết luận (tài liệu mẫu): Ban Thường vụ Huyện ủy đánh giá kết quả "
                    "đạt được, chỉ ra hạn chế, nguyên nhân; giao các cơ quan, đảng bộ cơ sở "
                    "triển khai nhiệm vụ trọng tâm, báo cáo kết quả trong quý tới.",
                ),
            )
        with frozen(_at(meeting_on + timedelta(days=1), 9)):
            await review_evidence(OPERATOR, evidence.id, sign_off=True, comment="")
            await services.score_draft(
                OPERATOR,
                enrollment_id,
                _score(demo, DRAFT_SCORES),
                "Nắm được nội dung chính của phiên họp; kết luận rõ việc, rõ người.",
            )
