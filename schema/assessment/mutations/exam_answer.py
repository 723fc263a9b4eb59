"""answerTest, submitTest and enterPaperAnswers: a learner's answers, online or on paper."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from core import permissions
from core.services import exams
from core.services.errors import ErrorCode, ErrorCollector
from schema.assessment.tests import ExamSitting
from schema.errors import INPUT, UserError, attempt
from schema.ids import input_id
from schema.permissions import authorize


@strawberry.input(description="The option chosen for one question.")
class AnswerInput:
    position: int = strawberry.field(description="The question's position, from 1.")
    option: str = strawberry.field(description="The letter chosen (A, B, …).")


@strawberry.input(description="Answers to one's own test, within its window.")
class AnswerTestInput:
    sitting_id: strawberry.ID = strawberry.field(description="Your test sitting.")
    answers: list[AnswerInput] = strawberry.field(
        description=f"Answers (at most {exams.MAX_QUESTIONS}); a later answer to the same "
        "question replaces it."
    )


@strawberry.input(description="Hand in one's own test (once), with last answers if any.")
class SubmitTestInput:
    sitting_id: strawberry.ID = strawberry.field(description="Your test sitting.")
    answers: list[AnswerInput] = strawberry.field(
        default_factory=list, description="Last answers, recorded before submitting."
    )


@strawberry.input(description="A learner's paper answer sheet.")
class EnterPaperAnswersInput:
    sitting_id: strawberry.ID = strawberry.field(description="The learner's test sitting.")
    answers: list[AnswerInput] = strawberry.field(
        description="The answers on the sheet; questions left blank are unanswered."
    )


@strawberry.type(description="Result of answerTest.")
class AnswerTestPayload:
    sitting: ExamSitting | None = strawberry.field(description="The sitting; null on errors.")
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


@strawberry.type(description="Result of submitTest.")
class SubmitTestPayload:
    sitting: ExamSitting | None = strawberry.field(
        description="The graded sitting; null on errors."
    )
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


@strawberry.type(description="Result of enterPaperAnswers.")
class EnterPaperAnswersPayload:
    sitting: ExamSitting | None = strawberry.field(
        description="The graded sitting; null on errors."
    )
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


def _answers(given: list[AnswerInput]) -> list[tuple[int, str]]:
    return [(answer.position, answer.option) for answer in given[: exams.MAX_QUESTIONS + 1]]


async def _sitting(
    info: Info, sitting_id: strawberry.ID, answers: list[AnswerInput], *, submit: bool
) -> tuple[ExamSitting | None, list[UserError]]:
    access = await authorize(info, permissions.TAKE_OWN_TESTS)

    async def run() -> ExamSitting:
        errors = ErrorCollector()
        if len(answers) > exams.MAX_QUESTIONS:
            errors.add("answers", ErrorCode.TOO_MANY, "More answers than questions.")
        key = input_id(errors, sitting_id, "TestSitting", "sittingId")
        errors.raise_if_any()
        row = await exams.answer(access, key, _answers(answers), submit=submit, errors=errors)
        return ExamSitting.from_model(row)

    return await attempt(run())


async def answer_test(
    info: Info, input: Annotated[AnswerTestInput, strawberry.argument(description=INPUT)]
) -> AnswerTestPayload:
    sitting, errors = await _sitting(info, input.sitting_id, input.answers, submit=False)
    return AnswerTestPayload(sitting=sitting, errors=errors)


async def submit_test(
    info: Info, input: Annotated[SubmitTestInput, strawberry.argument(description=INPUT)]
) -> SubmitTestPayload:
    sitting, errors = await _sitting(info, input.sitting_id, input.answers, submit=True)
    return SubmitTestPayload(sitting=sitting, errors=errors)


async def enter_paper_answers(
    info: Info, input: Annotated[EnterPaperAnswersInput, strawberry.argument(description=INPUT)]
) -> EnterPaperAnswersPayload:
    access = await authorize(info, permissions.ENTER_RESULTS)

    async def run() -> ExamSitting:
        errors = ErrorCollector()
        if len(input.answers) > exams.MAX_QUESTIONS:
            errors.add("answers", ErrorCode.TOO_MANY, "More answers than questions.")
        key = input_id(errors, input.sitting_id, "TestSitting", "sittingId")
        errors.raise_if_any()
        row = await exams.enter_paper_answers(access, key, _answers(input.answers), errors)
        return ExamSitting.from_model(row)

    sitting, errors = await attempt(run())
    return EnterPaperAnswersPayload(sitting=sitting, errors=errors)
