"""Demo answer sheets: a past cohort's test replayed through the real grading.

A plugin's demo data replays a test its learners took years ago (the People's Committee
cohort of 2019: 3 Excellent, 26 Good, 22 Average). Each learner's result must come out of the
assessment engine, never be written into a score or band column: so this module only *answers*
each learner's drawn questions, right on exactly as many as the learner got right and wrong on
the others, and enters the sheets as paper answer sheets (:func:`enter_paper_answers`, as an
assessor does for a remote commune), which grades them. Call it with the clock set inside the
test's window (``with frozen(...)``).
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Mapping

from core.models import ExamSitting, SittingQuestion
from core.services.access import OPERATOR
from core.services.exams import enter_paper_answers
from core.services.question_bank import LETTERS


async def take_test_for_demo(
    exam_id: int, correct_counts: Mapping[int, int], rng: random.Random
) -> dict[int, int]:
    """Answer the sittings of test ``exam_id``: the learner of enrollment ``e`` answers
    ``correct_counts[e]`` of their questions right (which ones, and the wrong options of the
    others, chosen with ``rng``), entered as paper answer sheets by the operator and graded.

    Every sitting of the test needs a count, and every count an enrollment with a sitting of
    the test, between 0 and its number of questions (``ValueError`` otherwise, before anything
    is written); a sheet the service refuses (the window not open yet, the results final)
    raises its :class:`ServiceError`. Returns the sitting ID of each enrollment.
    """
    sittings = dict(await ExamSitting.filter(exam_id=exam_id).values_list("enrollment_id", "id"))
    if set(sittings) != set(correct_counts):
        raise ValueError(
            f"test {exam_id} has sittings for enrollments {sorted(sittings)}; counts were given "
            f"for {sorted(correct_counts)}"
        )
    questions: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    rows = await SittingQuestion.filter(sitting_id__in=list(sittings.values())).values_list(
        "sitting_id", "position", "version__correct_option", "version__options"
    )
    for sitting_id, position, correct, options in rows:
        questions[sitting_id].append((position, correct, len(options)))
    sheets: dict[int, list[tuple[int, str]]] = {}
    for enrollment_id in sorted(sittings):
        sitting_id = sittings[enrollment_id]
        drawn = sorted(questions[sitting_id])
        count = correct_counts[enrollment_id]
        if not 0 <= count <= len(drawn):
            raise ValueError(
                f"enrollment {enrollment_id} has {len(drawn)} questions; {count} cannot be right"
            )
        right = set(rng.sample([position for position, _, _ in drawn], count))
        sheet = []
        for position, correct, size in drawn:
            if position in right:
                option = correct
            else:
                option = rng.choice([index for index in range(size) if index != correct])
            sheet.append((position, LETTERS[option]))
        sheets[enrollment_id] = sheet
    for enrollment_id, sheet in sheets.items():
        await enter_paper_answers(OPERATOR, sittings[enrollment_id], sheet)
    return sittings
