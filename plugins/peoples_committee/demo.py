"""Demo data: the 2019 cohort of People's Committee Chairs and Vice-Chairs, as the article
reports it: 51 of the 52 eligible enrolled, each registering the topics they need; the practicum
(a District People's Committee meeting, two commune standing-member meetings) recorded and
signed off; the 30-question test taken in June 2019; and the results finalised to 3 Excellent
(Giỏi), 26 Good (Khá) and 22 Average (Trung bình).

Everything goes through the real services with the clock set to 2019 (``frozen``): each
learner's answer sheet is right on a number of questions within their band (24–30 of 30 grade
8.00 or more, 20–23 from 6.67, 15–19 from 5.00), and the assessment engine grades the sheets and
bands the results; no score or band is written here.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hocviec import (
    OPERATOR,
    VIETNAM_TIME,
    CohortStatus,
    DemoContext,
    Enrollment,
    Evidence,
    ExamPlan,
    PracticumItem,
    advance_cohort,
    create_test,
    demo_cohort,
    finalise_results,
    frozen,
    review_evidence,
    submit_evidence,
    take_test_for_demo,
)
from plugins.peoples_committee.curriculum import TRACK

TEST_OPENS = datetime(2019, 6, 21, 8, 0, tzinfo=VIETNAM_TIME)
TEST_CLOSES = datetime(2019, 6, 21, 9, 30, tzinfo=VIETNAM_TIME)
PRACTICUM_REVIEWED = datetime(2019, 6, 26, 15, 0, tzinfo=VIETNAM_TIME)
RESULTS_FINALISED = datetime(2019, 7, 1, 9, 0, tzinfo=VIETNAM_TIME)
QUESTION_COUNT = 30
BANDS = (
    ("Giỏi", 3, 24, 27),
    ("Khá", 26, 20, 23),
    ("Trung bình", 22, 15, 19),
)
"""The article's figures: (band, learners, fewest and most right answers of 30 in it)."""
DISTRICT_MEETING = date(2019, 5, 29)
STANDING_MEETINGS = (date(2019, 4, 12), date(2019, 5, 17))


async def load(demo: DemoContext) -> None:
    if demo.registry is None:
        raise RuntimeError("the People's Committee demo finalises results: it needs the registry")
    cohort = await demo_cohort(
        demo,
        track_code=TRACK.code,
        name="Khóa học việc chức danh Chủ tịch, Phó Chủ tịch UBND xã, thị trấn năm 2019",
        host_agency_codes=("VPUB", "PNV", "PTCKH"),
        starts_on=date(2019, 3, 4),
        ends_on=date(2019, 6, 28),
        capacity=52,
        enroll=51,
        status=CohortStatus.IN_PROGRESS,
    )
    enrollments = [e.id for e in await Enrollment.filter(cohort_id=cohort.id).order_by("id")]
    await _practicum(demo, cohort.track_id, enrollments)
    exam = await create_test(
        OPERATOR,
        cohort.id,
        ExamPlan(
            title="Kiểm tra trắc nghiệm 30 câu – 19 chuyên đề",
            question_count=QUESTION_COUNT,
            opens_at=TEST_OPENS,
            closes_at=TEST_CLOSES,
            seed=demo.seed,
        ),
    )
    with frozen(TEST_OPENS + timedelta(minutes=50)):
        await take_test_for_demo(exam.id, _right_answers(demo, enrollments), demo.random)
    with frozen(RESULTS_FINALISED):
        await advance_cohort(OPERATOR, cohort.id, CohortStatus.COMPLETED)
        await finalise_results(OPERATOR, cohort.id, demo.registry.schemes())
        await advance_cohort(OPERATOR, cohort.id, CohortStatus.CLOSED)


def _right_answers(demo: DemoContext, enrollments: list[int]) -> dict[int, int]:
    """How many of the 30 questions each learner gets right: the article's 3 / 26 / 22."""
    if len(enrollments) != sum(size for _, size, _, _ in BANDS):
        raise RuntimeError(f"the 2019 cohort has {len(enrollments)} learners, not 51")
    order = demo.random.sample(enrollments, len(enrollments))
    counts: dict[int, int] = {}
    for _, size, fewest, most in BANDS:
        for enrollment_id in order[:size]:
            counts[enrollment_id] = demo.random.randint(fewest, most)
        order = order[size:]
    return counts


async def _practicum(demo: DemoContext, track_id: int, enrollments: list[int]) -> None:
    """Each learner's evidence of the three meetings, given and signed off in June 2019."""
    items = {
        item.code: item.id for item in await PracticumItem.filter(track_id=track_id, is_active=True)
    }
    for enrollment_id in enrollments:
        pieces = [
            (
                items["district_committee_meeting"],
                Evidence(
                    text="Dự phiên họp thành viên UBND huyện Bắc Quang; ghi chép diễn biến và "
                    "kết luận của Chủ tịch UBND huyện về kết quả thực hiện nhiệm vụ tháng 5.",
                    occurred_on=DISTRICT_MEETING,
                ),
            )
        ]
        for number, held_on in enumerate(STANDING_MEETINGS, start=1):
            pieces.append(
                (
                    items["commune_standing_meetings"],
                    Evidence(
                        text=f"Phiên họp thường trực UBND xã lần {number}: chủ trì một nội dung, "
                        "dự thảo thông báo kết luận và rút kinh nghiệm cách điều hành.",
                        occurred_on=held_on + timedelta(days=demo.random.randint(0, 3)),
                    ),
                )
            )
        with frozen(PRACTICUM_REVIEWED):
            for item_id, evidence in pieces:
                given = await submit_evidence(OPERATOR, enrollment_id, item_id, evidence)
                await review_evidence(OPERATOR, given.id, sign_off=True, comment="")
