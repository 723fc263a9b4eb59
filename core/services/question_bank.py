"""Question banks: bulk import from JSON or CSV, with a dry run that lists every bad row.

The import format (``docs/assessment.md``), one question a row:

- ``code``: the question's code, unique within the track and kept across imports (importing
  the same code again revises the question: a new version, unless nothing changed);
- ``topic``: the code of a topic of the track;
- ``stem``: the question;
- ``options``: 2 to 6 texts, shown in this order (A, B, …);
- ``correct``: the letter of the one correct option (``A`` …);
- ``explanation``: why it is correct (shown after a test's window closes);
- ``difficulty``: ``easy``, ``medium`` (the default) or ``hard``.

JSON is a list of such objects (or ``{"questions": [...]}``); CSV has a header row with the
columns ``code, topic, stem, option_a … option_f, correct, explanation, difficulty`` (the unused
option columns empty). Every row is checked before anything is written; one bad row stops the
whole import, and a dry run only reports.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from core.models import Question, QuestionVersion, Topic, Track
from core.models.enums import Difficulty
from core.orm import column_length
from core.permissions import MANAGE_QUESTION_BANK, READ_QUESTION_BANK
from core.services.access import OPERATOR, Access
from core.services.errors import ErrorCode, ErrorCollector, FieldError, ServiceError
from core.text import nfc, unstorable

MAX_IMPORT_ROWS = 2000
"""Questions one import holds (a track's whole bank is a few hundred)."""
MAX_REPORTED_PROBLEMS = 500
"""Problems an import's answer lists (it says how many there are in all)."""
MIN_OPTIONS = 2
MAX_OPTIONS = 6
LETTERS = "ABCDEF"
STEM_LENGTH = 2000
OPTION_LENGTH = 500
EXPLANATION_LENGTH = 2000
CODE_LENGTH: int = column_length(Question, "code")
CSV_OPTION_COLUMNS = tuple(f"option_{letter.lower()}" for letter in LETTERS)


@dataclass(frozen=True)
class QuestionRow:
    """One question of an import, as read from the file (before its checks)."""

    row: int
    """1 for the first question (the CSV header is not counted)."""
    code: str
    topic: str
    stem: str
    options: tuple[str, ...]
    correct: str
    explanation: str = ""
    difficulty: str = Difficulty.MEDIUM.value


@dataclass(frozen=True)
class RowProblem:
    """Why one row of an import cannot be taken."""

    row: int
    field: str
    code: ErrorCode
    message: str


@dataclass
class ImportReport:
    """What an import did, or (a dry run, or any problem) would do."""

    created: int = 0
    revised: int = 0
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    dry_run: bool = False

    @property
    def written(self) -> bool:
        return not self.dry_run and not self.problems


def read_rows(content: str, file_format: str) -> tuple[list[QuestionRow], list[RowProblem]]:
    """The rows of a JSON or CSV import, and the problems of reading them (a row that is not
    an object, a missing column)."""
    if file_format == "json":
        return _json_rows(content)
    if file_format == "csv":
        return _csv_rows(content)
    raise ValueError(f"unknown import format {file_format!r}")


def read_bank_file(path: Path, topic_codes: set[str]) -> tuple[list[QuestionRow], list[str]]:
    """A plugin's question bank file, read and checked without the database (at start-up):
    its rows, and its problems as ``"question CODE (row N), field: message"`` lines."""
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return [], [f"cannot be read: {error}"]
    file_format = path.suffix.lower().lstrip(".")
    if file_format not in ("json", "csv"):
        return [], ["its name must end in .json or .csv"]
    rows, problems = read_rows(content, file_format)
    topics = dict.fromkeys(topic_codes, 0)
    for row in rows:
        _check(row, topics, problems)
    problems.extend(_repeated_codes(rows))
    by_row = {row.row: row.code for row in rows}
    return rows, [
        f"question {by_row[problem.row]} (row {problem.row}), {problem.field}: {problem.message}"
        if problem.row in by_row
        else problem.message
        for problem in problems
    ]


async def seed_questions(track_id: int, rows: list[QuestionRow]) -> int:
    """Add a plugin's shipped questions whose code the track's bank does not hold yet; the
    ones it holds are the board's to revise, and are left alone. Returns how many were added."""
    known = set(await Question.filter(track_id=track_id).values_list("code", flat=True))
    new = [row for row in rows if row.code not in known]
    if not new:
        return 0
    report = await import_questions(OPERATOR, track_id, new, dry_run=False)
    return report.created


async def import_questions(
    actor: Access,
    track_id: int,
    rows: list[QuestionRow],
    *,
    dry_run: bool,
    problems: Iterable[RowProblem] = (),
    errors: ErrorCollector | None = None,
) -> ImportReport:
    """Check every row, then (unless ``dry_run`` or a row has a problem) write them in one
    transaction: new codes become questions, known codes a new version when they changed.

    ``actor`` manages question banks over every org unit (the banks are the track's, shared
    by the districts). Refused as a whole (``INVALID_ROWS`` on ``content``) when a row has a
    problem; the report lists them all either way.
    """
    errors = errors or ErrorCollector()
    report = ImportReport(dry_run=dry_run, problems=list(problems))
    if len(rows) > MAX_IMPORT_ROWS:
        errors.add("content", ErrorCode.TOO_MANY, f"At most {MAX_IMPORT_ROWS} questions an import.")
    if not rows and not report.problems:
        errors.add("content", ErrorCode.REQUIRED, "The file holds no question.")
    errors.raise_if_any()
    actor.require(MANAGE_QUESTION_BANK)
    track = await Track.get_or_none(id=track_id)
    if track is None:
        raise ServiceError.single("trackId", ErrorCode.NOT_FOUND, "No track has this ID.")
    topics = dict(await Topic.filter(track_id=track.id).values_list("code", "id"))
    checked = [_check(row, topics, report.problems) for row in rows]
    codes = [row.code for row in rows]
    report.problems.extend(_repeated_codes(rows))
    async with in_transaction():
        existing = {
            question.code: question
            for question in await Question.filter(track_id=track.id, code__in=set(codes))
        }
        current = {
            version.question_id: version
            for version in await QuestionVersion.filter(
                question_id__in=[q.id for q in existing.values()], is_current=True
            )
        }
        new_questions: list[Question] = []
        revisions: list[tuple[Question, QuestionVersion | None, dict[str, Any]]] = []
        for row, values in zip(rows, checked, strict=True):
            if values is None:
                continue
            question = existing.get(row.code)
            if question is None:
                report.created += 1
                new_questions.append(
                    Question(track_id=track.id, topic_id=values.pop("topic_id"), code=row.code)
                )
                revisions.append((new_questions[-1], None, values))
                continue
            version = current.get(question.id)
            moved = question.topic_id != values["topic_id"]
            if version is not None and not moved and _same(version, values):
                report.unchanged += 1
                continue
            report.revised += 1
            revisions.append((question, version, values))
        if not report.written:
            if report.problems and not dry_run:
                raise ImportRefusedError(report)
            return report
        await Question.bulk_create(new_questions)
        created = {
            q.code: q
            for q in await Question.filter(
                track_id=track.id, code__in=[q.code for q in new_questions]
            )
        }
        versions = []
        retired = []
        for question, previous, values in revisions:
            saved = created.get(question.code, question)
            topic_id = values.pop("topic_id", None)
            if topic_id is not None and topic_id != saved.topic_id:
                await Question.filter(id=saved.id).update(topic_id=topic_id)
            if previous is not None:
                retired.append(previous.id)
            versions.append(
                QuestionVersion(
                    question_id=saved.id,
                    number=1 if previous is None else previous.number + 1,
                    **values,
                )
            )
        if retired:
            await QuestionVersion.filter(id__in=retired).update(is_current=False)
        await QuestionVersion.bulk_create(versions)
    return report


class ImportRefusedError(ServiceError):
    """An import with bad rows: nothing was written; ``report`` lists every problem."""

    def __init__(self, report: ImportReport) -> None:
        count = len({problem.row for problem in report.problems})
        super().__init__(
            [
                FieldError(
                    "content",
                    ErrorCode.INVALID_ROWS,
                    f"{count} row(s) cannot be imported; nothing was written. Fix them (see "
                    "the problems) and import again.",
                )
            ]
        )
        self.report = report


def _check(
    row: QuestionRow, topics: Mapping[str, int], problems: list[RowProblem]
) -> dict[str, Any] | None:
    """The version's values for a row, or ``None`` (its problems added to ``problems``)."""
    found: list[RowProblem] = []

    def problem(field_name: str, code: ErrorCode, message: str) -> None:
        found.append(RowProblem(row.row, field_name, code, message))

    code = row.code.strip()
    if not code:
        problem("code", ErrorCode.REQUIRED, "Give the question a code.")
    elif len(code) > CODE_LENGTH:
        problem("code", ErrorCode.TOO_LONG, f"A code has at most {CODE_LENGTH} characters.")
    topic_id = topics.get(row.topic.strip())
    if topic_id is None:
        problem("topic", ErrorCode.NOT_FOUND, f"No topic {row.topic!r} in this track.")
    stem = nfc(row.stem).strip()
    _text(problem, "stem", stem, STEM_LENGTH, required=True)
    options = tuple(nfc(option).strip() for option in row.options)
    if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
        problem(
            "options",
            ErrorCode.INVALID,
            f"A question has {MIN_OPTIONS} to {MAX_OPTIONS} options ({len(options)} given).",
        )
    for index, option in enumerate(options):
        _text(problem, f"options.{LETTERS[index % 6]}", option, OPTION_LENGTH, required=True)
    correct = [letter.strip().upper() for letter in row.correct.replace(";", ",").split(",")]
    correct = [letter for letter in correct if letter]
    if len(correct) != 1:
        problem(
            "correct",
            ErrorCode.INVALID,
            "Name exactly one correct option "
            + ("(none given)." if not correct else f"({', '.join(correct)} given)."),
        )
    elif correct[0] not in LETTERS[: len(options)]:
        problem("correct", ErrorCode.INVALID, f"{correct[0]} is not one of the options.")
    explanation = nfc(row.explanation).strip()
    _text(problem, "explanation", explanation, EXPLANATION_LENGTH, required=False)
    difficulty = row.difficulty.strip().lower() or Difficulty.MEDIUM.value
    if difficulty not in {member.value for member in Difficulty}:
        problem("difficulty", ErrorCode.INVALID, "The difficulty is easy, medium or hard.")
    problems.extend(found)
    if found:
        return None
    return {
        "topic_id": topic_id,
        "stem": stem,
        "options": list(options),
        "correct_option": LETTERS.index(correct[0]),
        "explanation": explanation,
        "difficulty": Difficulty(difficulty),
    }


def _repeated_codes(rows: list[QuestionRow]) -> list[RowProblem]:
    """``DUPLICATE`` for every row whose (non-empty) code another row of the file uses too."""
    counts = Counter(row.code for row in rows)
    return [
        RowProblem(row.row, "code", ErrorCode.DUPLICATE, f"Code {row.code} is used twice.")
        for row in rows
        if row.code and counts[row.code] > 1
    ]


def _text(problem: Any, field_name: str, value: str, limit: int, required: bool) -> None:
    if required and not value:
        problem(field_name, ErrorCode.REQUIRED, "This text is empty.")
    elif len(value) > limit:
        problem(field_name, ErrorCode.TOO_LONG, f"At most {limit} characters ({len(value)} given).")
    elif (reason := unstorable(value)) is not None:
        problem(field_name, ErrorCode.INVALID, reason)


def _same(version: QuestionVersion, values: Mapping[str, Any]) -> bool:
    return all(
        getattr(version, name) == value for name, value in values.items() if name != "topic_id"
    )


def _json_rows(content: str) -> tuple[list[QuestionRow], list[RowProblem]]:
    try:
        data = json.loads(content)
    except json.JSONDecodeError as error:
        return [], [RowProblem(0, "content", ErrorCode.INVALID, f"Not JSON: {error.msg}.")]
    if isinstance(data, dict):
        data = data.get("questions")
    if not isinstance(data, list):
        message = 'The JSON is a list of questions or {"questions": [...]}.'
        return [], [RowProblem(0, "content", ErrorCode.INVALID, message)]
    rows, problems = [], []
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            problems.append(RowProblem(number, "row", ErrorCode.INVALID, "Not an object."))
            continue
        options = item.get("options", [])
        if not isinstance(options, list):
            options = []
        rows.append(
            QuestionRow(
                row=number,
                code=str(item.get("code", "")),
                topic=str(item.get("topic", "")),
                stem=str(item.get("stem", "")),
                options=tuple(str(option) for option in options),
                correct=str(item.get("correct", "")),
                explanation=str(item.get("explanation", "")),
                difficulty=str(item.get("difficulty", Difficulty.MEDIUM.value)),
            )
        )
    return rows, problems


def _csv_rows(content: str) -> tuple[list[QuestionRow], list[RowProblem]]:
    reader = csv.DictReader(io.StringIO(content.lstrip("\ufeff")))
    needed = {"code", "topic", "stem", "option_a", "option_b", "correct"}
    missing = needed - set(reader.fieldnames or ())
    if missing:
        message = f"The CSV lacks the column(s) {', '.join(sorted(missing))}."
        return [], [RowProblem(0, "content", ErrorCode.INVALID, message)]
    rows = []
    for number, record in enumerate(reader, start=1):
        options = tuple(
            record[column] for column in CSV_OPTION_COLUMNS if (record.get(column) or "").strip()
        )
        rows.append(
            QuestionRow(
                row=number,
                code=record.get("code") or "",
                topic=record.get("topic") or "",
                stem=record.get("stem") or "",
                options=options,
                correct=record.get("correct") or "",
                explanation=record.get("explanation") or "",
                difficulty=record.get("difficulty") or Difficulty.MEDIUM.value,
            )
        )
    return rows, []


def filter_questions(
    actor: Access, track_id: int | None = None, topic_ids: tuple[int, ...] | None = None
) -> QuerySet[Question]:
    """The bank questions matching the filters; the banks are the tracks' (read by staff who
    may read them, wherever their grant)."""
    actor.require(READ_QUESTION_BANK)
    query = Question.all()
    if track_id is not None:
        query = query.filter(track_id=track_id)
    if topic_ids is not None:
        query = query.filter(topic_id__in=topic_ids)
    return query
