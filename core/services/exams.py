"""Multiple-choice tests: questions drawn per learner, answered online or on paper, graded.

A coordinator sets a test for a running cohort (``create_exam``): N questions, a time window and
a seed. Each ENROLLED learner gets their own questions at once, drawn from the banks of the
topics they registered (``cần gì học nấy``), spread fairly across those topics (one from each in
turn, in a shuffled order), different per learner and reproducible from the seed; where their
topics hold fewer than N questions, the rest comes from the track's other topics and the
sitting says how many (``from_other_topics``). A sitting keeps the question versions it showed.

A learner signed in as themselves answers within the window and submits once; what is answered
when the window closes is submitted then (:func:`settle_closed`). An assessor enters a paper
answer sheet instead (tests in remote communes are often on paper). Grading is automatic: the
share of correct answers out of 10, rounded half up to two places.
"""

from __future__ import annotations

import random
import secrets
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from tortoise.transactions import in_transaction

from core.clock import now
from core.limits import MAX_TESTS_PER_COHORT
from core.models import (
    Cohort,
    Enrollment,
    Exam,
    ExamSitting,
    QuestionVersion,
    SittingQuestion,
    TopicRegistration,
)
from core.models.enums import CohortStatus, EnrollmentStatus, SittingSource
from core.orm import column, column_length
from core.permissions import ENTER_RESULTS, MANAGE_COHORTS, TAKE_OWN_TESTS
from core.scores import share_of_ten
from core.services.access import Access
from core.services.cohorts import locked_cohort, managed, results_lock
from core.services.errors import ErrorCode, ErrorCollector, ServiceError
from core.services.question_bank import LETTERS
from core.text import nfc

MAX_QUESTIONS = 100
"""Questions one test draws (the People's Committee track's has 30)."""
TITLE_LENGTH: int = column_length(Exam, "title")
RUNNING = frozenset({CohortStatus.IN_PROGRESS})
"""Tests are set while a cohort runs."""


@dataclass(frozen=True)
class ExamPlan:
    title: str
    question_count: int
    opens_at: datetime
    closes_at: datetime
    seed: int | None = None
    """``None``: a random one (kept, so the draws can be reproduced)."""


def draw(
    rng: random.Random, registered: dict[int, list[int]], others: list[int], count: int
) -> tuple[list[int], int]:
    """``count`` question versions for one learner, and how many came from ``others``.

    One from each registered topic in turn (topics in a shuffled order, each topic's questions
    shuffled), so the draw is spread as evenly as the banks allow; then, if the registered
    topics ran out, from the track's other topics. The result is shuffled.
    """
    pools = {topic: rng.sample(versions, len(versions)) for topic, versions in registered.items()}
    order = rng.sample(sorted(pools), len(pools))
    picked: list[int] = []
    while len(picked) < count and any(pools.values()):
        for topic in order:
            if pools[topic] and len(picked) < count:
                picked.append(pools[topic].pop())
    missing = count - len(picked)
    filled = rng.sample(others, missing) if missing > 0 else []
    drawn = picked + filled
    rng.shuffle(drawn)
    return drawn, len(filled)


async def create_exam(
    actor: Access, cohort_id: int, plan: ExamPlan, errors: ErrorCollector | None = None
) -> Exam:
    """Set a test for an IN_PROGRESS cohort and draw every ENROLLED learner's questions.

    A fixed number of statements whatever the number of learners (the banks, the
    registrations, the sittings and their questions in bulk).
    """
    errors = errors or ErrorCollector()
    title = nfc(plan.title).strip()
    errors.check_required_text("title", title, TITLE_LENGTH, "Give the test a title.")
    if not 1 <= plan.question_count <= MAX_QUESTIONS:
        errors.add(
            "questionCount",
            ErrorCode.INVALID,
            f"A test has 1 to {MAX_QUESTIONS} questions ({plan.question_count} given).",
        )
    if plan.closes_at <= plan.opens_at:
        errors.add("closesAt", ErrorCode.INVALID, "A test's window closes after it opens.")
    async with in_transaction():
        cohort = await locked_cohort(cohort_id, errors)
        await managed(actor, cohort, MANAGE_COHORTS)
        if await Exam.filter(cohort_id=cohort.id).count() >= MAX_TESTS_PER_COHORT:
            errors.add(
                "cohortId", ErrorCode.TOO_MANY, f"At most {MAX_TESTS_PER_COHORT} tests a cohort."
            )
        if cohort.status not in RUNNING:
            errors.add(
                "cohortId",
                ErrorCode.COHORT_LOCKED,
                f"The cohort is {cohort.status.name}: tests are set while it is IN_PROGRESS.",
            )
        bank = await _bank(cohort)
        available = sum(len(versions) for versions in bank.values())
        if not errors.has("questionCount") and available < plan.question_count:
            errors.add(
                "questionCount",
                ErrorCode.NOT_ENOUGH_QUESTIONS,
                f"The track's banks hold {available} questions; a test of "
                f"{plan.question_count} needs as many.",
            )
        errors.raise_if_any()
        seed = plan.seed if plan.seed is not None else secrets.randbits(62)
        exam = await Exam.create(
            cohort_id=cohort.id,
            title=title,
            question_count=plan.question_count,
            opens_at=plan.opens_at,
            closes_at=plan.closes_at,
            seed=seed,
            created_by_id=actor.account_id,
        )
        await _draw_for_learners(exam, cohort, bank)
    return exam


async def answer(
    actor: Access,
    sitting_id: int,
    answers: Sequence[tuple[int, str]],
    *,
    submit: bool,
    errors: ErrorCollector | None = None,
) -> ExamSitting:
    """Record the learner's answers (``(position, letter)``) within the window; with
    ``submit``, hand the test in (once) and grade it.

    Only the learner whose sitting it is. Refused: a position not in their test
    (``NOT_IN_TEST``), a letter not among the question's options, an answer before or after
    the window (``WINDOW_NOT_OPEN``, ``WINDOW_CLOSED``), a sitting already submitted
    (``ALREADY_SUBMITTED``).
    """
    errors = errors or ErrorCollector()
    async with in_transaction():
        sitting, exam = await _locked_sitting(sitting_id)
        if (locked := results_lock(await Cohort.get(id=exam.cohort_id), "sittingId")) is not None:
            raise locked
        enrollment = await Enrollment.get(id=sitting.enrollment_id)
        if enrollment.official_id != actor.own_official_id(TAKE_OWN_TESTS):
            raise ServiceError.single(
                "sittingId",
                ErrorCode.NOT_YOURS,
                "Only the learner whose test it is answers it online; an assessor enters a "
                "paper answer sheet with enterPaperAnswers.",
            )
        moment = now()
        if sitting.submitted_at is not None:
            errors.add("sittingId", ErrorCode.ALREADY_SUBMITTED, "This test was submitted.")
        elif moment < exam.opens_at:
            errors.add(
                "sittingId",
                ErrorCode.WINDOW_NOT_OPEN,
                f"The test opens at {exam.opens_at.isoformat()}.",
            )
        elif moment >= exam.closes_at:
            errors.add(
                "sittingId",
                ErrorCode.WINDOW_CLOSED,
                f"The test closed at {exam.closes_at.isoformat()}; what was answered by then "
                "was submitted.",
            )
        chosen = await _check_answers(errors, sitting, answers)
        errors.raise_if_any()
        await _record(sitting, chosen)
        if submit:
            await _grade([sitting], moment, SittingSource.ONLINE, actor.account_id)
    return sitting


async def enter_paper_answers(
    actor: Access,
    sitting_id: int,
    answers: Sequence[tuple[int, str]],
    errors: ErrorCollector | None = None,
) -> ExamSitting:
    """Enter a learner's paper answer sheet (an assessor, over the cohort's org unit) once the
    test opened, and grade it; unanswered positions stay unanswered. Once per sitting."""
    errors = errors or ErrorCollector()
    async with in_transaction():
        sitting, exam = await _locked_sitting(sitting_id)
        cohort = await Cohort.get(id=exam.cohort_id)
        await managed(actor, cohort, ENTER_RESULTS)
        if (locked := results_lock(cohort, "sittingId")) is not None:
            raise locked
        if sitting.submitted_at is not None:
            errors.add(
                "sittingId",
                ErrorCode.ALREADY_SUBMITTED,
                "This test was already submitted: it is graded and stays.",
            )
        elif now() < exam.opens_at:
            errors.add("sittingId", ErrorCode.WINDOW_NOT_OPEN, "The test has not opened yet.")
        chosen = await _check_answers(errors, sitting, answers)
        errors.raise_if_any()
        await _record(sitting, chosen)
        await _grade([sitting], now(), SittingSource.PAPER, actor.account_id)
    return sitting


async def settle_closed(exam_ids: set[int]) -> None:
    """Submit, as answered, the online sittings of ``exam_ids`` whose window has closed (at its
    close); idempotent, in bulk."""
    moment = now()
    closed = {exam.id: exam for exam in await Exam.filter(id__in=exam_ids, closes_at__lte=moment)}
    if not closed:
        return
    async with in_transaction():
        due = await ExamSitting.filter(
            exam_id__in=set(closed), submitted_at__isnull=True
        ).select_for_update()
        if not due:
            return
        by_exam: dict[int, list[ExamSitting]] = defaultdict(list)
        for sitting in due:
            by_exam[sitting.exam_id].append(sitting)
        for exam_id, sittings in by_exam.items():
            await _grade(sittings, closed[exam_id].closes_at, SittingSource.ONLINE, None)


async def _bank(cohort: Cohort) -> dict[int, list[int]]:
    """The current versions of the track's active questions, by topic."""
    rows = await QuestionVersion.filter(
        is_current=True, question__track_id=cohort.track_id, question__is_active=True
    ).values_list("id", "question__topic_id")
    bank: dict[int, list[int]] = defaultdict(list)
    for version_id, topic_id in rows:
        bank[topic_id].append(version_id)
    for versions in bank.values():
        versions.sort()
    return bank


async def _draw_for_learners(exam: Exam, cohort: Cohort, bank: dict[int, list[int]]) -> None:
    enrollments: list[int] = sorted(
        await column(Enrollment.filter(cohort_id=cohort.id, status=EnrollmentStatus.ENROLLED), "id")
    )
    registered: dict[int, set[int]] = defaultdict(set)
    rows: list[tuple[int, int]] = await TopicRegistration.filter(
        enrollment_id__in=enrollments
    ).values_list("enrollment_id", "topic_id")
    for enrollment_id, topic_id in rows:
        registered[enrollment_id].add(topic_id)
    draws = {}
    for enrollment_id in enrollments:
        rng = random.Random(f"{exam.seed}:{enrollment_id}")
        mine = {topic: bank[topic] for topic in sorted(registered[enrollment_id]) if topic in bank}
        others = sorted(
            v for topic, versions in bank.items() if topic not in mine for v in versions
        )
        draws[enrollment_id] = draw(rng, mine, others, exam.question_count)
    await ExamSitting.bulk_create(
        [
            ExamSitting(exam_id=exam.id, enrollment_id=enrollment_id, from_other_topics=filled)
            for enrollment_id, (_, filled) in draws.items()
        ]
    )
    sittings = dict(await ExamSitting.filter(exam_id=exam.id).values_list("enrollment_id", "id"))
    await SittingQuestion.bulk_create(
        [
            SittingQuestion(sitting_id=sittings[enrollment_id], position=position, version_id=v)
            for enrollment_id, (versions, _) in draws.items()
            for position, v in enumerate(versions, start=1)
        ],
        batch_size=1000,
    )


async def _locked_sitting(sitting_id: int) -> tuple[ExamSitting, Exam]:
    sitting = await ExamSitting.filter(id=sitting_id).select_for_update().first()
    if sitting is None:
        raise ServiceError.single("sittingId", ErrorCode.NOT_FOUND, "No test sitting has this ID.")
    return sitting, await Exam.get(id=sitting.exam_id)


async def _check_answers(
    errors: ErrorCollector, sitting: ExamSitting, answers: Sequence[tuple[int, str]]
) -> dict[int, int]:
    """The answers as ``position → option index``; problems go to ``answers.<i>``."""
    sizes = {
        position: len(options)
        for position, options in await SittingQuestion.filter(sitting_id=sitting.id).values_list(
            "position", "version__options"
        )
    }
    chosen: dict[int, int] = {}
    for index, (position, letter) in enumerate(answers):
        field = f"answers.{index}"
        size = sizes.get(position)
        option = letter.strip().upper()
        if size is None:
            errors.add(
                f"{field}.position",
                ErrorCode.NOT_IN_TEST,
                f"Question {position} is not in this test (it has {len(sizes)}).",
            )
        elif position in chosen:
            errors.add(f"{field}.position", ErrorCode.DUPLICATE, f"Question {position} twice.")
        elif len(option) != 1 or option not in LETTERS[:size]:
            errors.add(
                f"{field}.option",
                ErrorCode.INVALID,
                f"Question {position} has options A to {LETTERS[size - 1]}.",
            )
        else:
            chosen[position] = LETTERS.index(option)
    return chosen


async def _record(sitting: ExamSitting, chosen: dict[int, int]) -> None:
    """Set the chosen options: one statement per distinct option (six at most)."""
    by_option: dict[int, list[int]] = defaultdict(list)
    for position, option in chosen.items():
        by_option[option].append(position)
    for option, positions in by_option.items():
        await SittingQuestion.filter(sitting_id=sitting.id, position__in=positions).update(
            chosen=option
        )


async def _grade(
    sittings: list[ExamSitting], at: datetime, source: SittingSource, by: int | None
) -> None:
    """Grade and submit ``sittings``: one aggregate over their answers, one bulk update."""
    correct: dict[int, int] = defaultdict(int)
    counts: dict[int, int] = defaultdict(int)
    for sitting_id, total, right in await _answer_counts([s.id for s in sittings]):
        counts[sitting_id] = int(total)
        correct[sitting_id] = int(right or 0)
    for sitting in sittings:
        sitting.correct_count = correct[sitting.id]
        sitting.score = share_of_ten(correct[sitting.id], counts[sitting.id])
        sitting.submitted_at = at
        sitting.source = source
        sitting.submitted_by_id = by
    await ExamSitting.bulk_update(
        sittings, fields=["correct_count", "score", "submitted_at", "source", "submitted_by_id"]
    )


async def _answer_counts(sitting_ids: list[int]) -> list[tuple[int, int, int]]:
    """``(sitting id, questions, correct answers)`` for each sitting, counted by the database.

    The ids are integers of rows just read, formatted with ``:d`` (``Model.raw`` takes no
    parameters; the list's size varies).
    """
    if not sitting_ids:
        return []
    listed = ", ".join(f"{key:d}" for key in sorted(set(sitting_ids)))
    statement = (
        'SELECT q."sitting_id", COUNT(*), SUM(CASE WHEN q."chosen" = v."correct_option" '
        'THEN 1 ELSE 0 END) FROM "sitting_question" q JOIN "question_version" v '
        f'ON v."id" = q."version_id" WHERE q."sitting_id" IN ({listed}) GROUP BY q."sitting_id"'
    )
    _, rows = await SittingQuestion._meta.db.execute_query(statement)
    return [(int(row[0]), int(row[1]), int(row[2] or 0)) for row in rows]
