"""importQuestions: a bank's questions from a JSON or CSV file, with a dry run."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from core import permissions
from core.services import question_bank
from core.services.errors import ErrorCollector
from schema.enums import as_api
from schema.errors import INPUT, ErrorCode, UserError, attempt
from schema.ids import input_id
from schema.limits import list_bound
from schema.permissions import authorize


@strawberry.enum(description="The format of an import file (see docs/assessment.md).")
class QuestionFileFormat(Enum):
    JSON = strawberry.enum_value("json", description="A list of question objects.")
    CSV = strawberry.enum_value("csv", description="A header row, then a question a row (UTF-8).")


@strawberry.input(description="A question bank file to import into a track's topics.")
class ImportQuestionsInput:
    track_id: strawberry.ID = strawberry.field(description="The track whose topics' banks grow.")
    format: QuestionFileFormat = strawberry.field(description="JSON or CSV.")
    content: str = strawberry.field(
        description=f"The file's text (at most {question_bank.MAX_IMPORT_ROWS} questions)."
    )
    dry_run: bool = strawberry.field(
        default=False, description="Only check and report: write nothing."
    )


@strawberry.type(description="Why one row of an import cannot be taken.")
class ImportProblem:
    row: int = strawberry.field(
        description="The question's position in the file, from 1 (0: the file)."
    )
    field: str = strawberry.field(description="Which part of the row (`stem`, `correct`, …).")
    code: ErrorCode = strawberry.field(description="Machine-readable reason.")
    message: str = strawberry.field(description="What to fix, as a sentence.")


@strawberry.type(description="Result of importQuestions.")
class ImportQuestionsPayload:
    created: int = strawberry.field(description="New questions (would be, in a dry run).")
    revised: int = strawberry.field(description="Questions given a new version.")
    unchanged: int = strawberry.field(description="Questions already as in the file.")
    dry_run: bool = strawberry.field(description="Whether nothing was meant to be written.")
    problems: list[ImportProblem] = strawberry.field(
        description="The bad rows' problems (the first "
        f"{question_bank.MAX_REPORTED_PROBLEMS}); when there is one, nothing was written.",
        metadata=list_bound(question_bank.MAX_REPORTED_PROBLEMS),
    )
    problem_count: int = strawberry.field(description="How many problems there are in all.")
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


async def import_questions(
    info: Info, input: Annotated[ImportQuestionsInput, strawberry.argument(description=INPUT)]
) -> ImportQuestionsPayload:
    access = await authorize(info, permissions.MANAGE_QUESTION_BANK)

    refused: list[question_bank.ImportReport] = []

    async def run() -> question_bank.ImportReport:
        errors = ErrorCollector()
        track_id = input_id(errors, input.track_id, "Track", "trackId")
        rows, problems = question_bank.read_rows(input.content, str(input.format.value))
        try:
            return await question_bank.import_questions(
                access, track_id, rows, dry_run=input.dry_run, problems=problems, errors=errors
            )
        except question_bank.ImportRefusedError as refusal:
            refused.append(refusal.report)  # the payload lists its problems
            raise

    report, errors = await attempt(run())
    if report is None:
        report = refused[0] if refused else question_bank.ImportReport(dry_run=input.dry_run)
    return ImportQuestionsPayload(
        created=report.created,
        revised=report.revised,
        unchanged=report.unchanged,
        dry_run=report.dry_run,
        problems=[
            ImportProblem(
                row=problem.row,
                field=problem.field,
                code=as_api(ErrorCode, problem.code),
                message=problem.message,
            )
            for problem in report.problems[: question_bank.MAX_REPORTED_PROBLEMS]
        ],
        problem_count=len(report.problems),
        errors=errors,
    )
