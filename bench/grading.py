"""Benchmark: grading 1,000 learners × 30 answers and finalising their results, against raw SQL.

Builds, in a fresh database, a COMPLETED-to-be cohort of N learners (default 1,000) with a bank of
60 questions, sets a 30-question test (drawn per learner by the real service) and fills every
sitting's answers at random in one raw statement. Then, in rounds, times on the same data:

- ``grade``: grading every sitting (``core.services.exams.settle_closed`` on the closed test:
  reads the answers and the versions' correct options, writes each sitting's score in bulk),
  next to the floor: one raw ``UPDATE … FROM (SELECT … GROUP BY)`` doing the same work;
- ``finalise``: ``core.services.results.finalise`` (scheme, scores, attendance, practicum,
  weighted score, band, bulk insert of the results), next to the floor: one raw
  ``INSERT … SELECT`` computing the same weighted score.

Each round undoes the previous one's writes first (untimed) so both run on the same state.
Prints the medians and the ratios service / raw SQL.

    python bench/grading.py [--learners 1000] [--rounds 5]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hocviec_bench_grading python bench/grading.py

On PostgreSQL the database must exist (it is emptied by the migrations' tables being created
fresh: use a database of its own).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.app import create_app  # noqa: E402
from core.models import (  # noqa: E402
    Cohort,
    Enrollment,
    ExamSitting,
    Official,
    OrgUnit,
    Post,
    Result,
    Track,
)
from core.models.enums import CohortStatus, ComponentKind, Gender, OrgLevel  # noqa: E402
from core.plugins import discover, load_plugins  # noqa: E402
from core.services.access import OPERATOR  # noqa: E402
from core.services.cohorts import CohortDraft, advance_cohort, create_cohort  # noqa: E402
from core.services.exams import ExamPlan, create_exam, settle_closed  # noqa: E402
from core.services.question_bank import import_questions, read_rows  # noqa: E402
from core.services.records import create_org_unit, new_official  # noqa: E402
from core.services.results import finalise  # noqa: E402
from core.services.schemes import SchemeInput, adjust_scheme  # noqa: E402
from core.settings import Settings  # noqa: E402

QUESTIONS = 30
OPENS = datetime(2019, 7, 1, 1, tzinfo=UTC)
SCHEME = SchemeInput(
    components=[("test", "Trắc nghiệm", ComponentKind.MULTIPLE_CHOICE_TEST, Decimal(1), False)],
    bands=[
        ("Giỏi", Decimal(8)),
        ("Khá", Decimal("6.5")),
        ("Trung bình", Decimal(5)),
        ("Yếu", Decimal(0)),
    ],
    min_attendance_rate=None,
    practicum_signed_off=False,
)
RANDOM_ANSWERS = (
    "UPDATE sitting_question SET chosen = (id * 7 + position) % 4 "
    "WHERE sitting_id IN (SELECT id FROM exam_sitting WHERE exam_id = {exam})"
)
UNGRADE = (
    "UPDATE exam_sitting SET submitted_at = NULL, source = NULL, correct_count = NULL, "
    "score = NULL WHERE exam_id = {exam}"
)
GRADE_SQL = """
UPDATE exam_sitting SET correct_count = graded.correct,
  score = (2 * graded.correct * 1000 + graded.total) / (2 * graded.total),
  submitted_at = '{closes}', source = 'online'
FROM (
  SELECT q.sitting_id, COUNT(*) AS total,
         SUM(CASE WHEN q.chosen = v.correct_option THEN 1 ELSE 0 END) AS correct
  FROM sitting_question q JOIN question_version v ON v.id = q.version_id
  JOIN exam_sitting s ON s.id = q.sitting_id WHERE s.exam_id = {exam}
  GROUP BY q.sitting_id
) AS graded
WHERE exam_sitting.id = graded.sitting_id
"""
FINALISE_SQL = """
INSERT INTO result (enrollment_id, cohort_id, score, band, completed, reasons, components,
                    post_id, org_unit_id, finalised_at)
SELECT e.id, e.cohort_id, s.score,
       CASE WHEN s.score >= 800 THEN 'Giỏi' WHEN s.score >= 650 THEN 'Khá'
            WHEN s.score >= 500 THEN 'Trung bình' ELSE 'Yếu' END,
       TRUE, '[]', '[]', o.post_id, o.org_unit_id, '{now}'
FROM enrollment e JOIN official o ON o.id = e.official_id
JOIN exam_sitting s ON s.enrollment_id = e.id
WHERE e.cohort_id = {cohort} AND e.status = 'enrolled'
"""


COHORT_SIZE = 500
"""Learners a cohort: ``MAX_COHORT_CAPACITY``; 1,000 learners are two cohorts."""


async def build(learners: int) -> list[tuple[Cohort, int]]:
    """Cohorts of the learners, each with its test, every sitting answered at random."""
    province = await create_org_unit("G01", "Tỉnh Hà Giang", OrgLevel.PROVINCE)
    district = await create_org_unit("G01-BQ", "Huyện Bắc Quang", OrgLevel.DISTRICT, province)
    commune = await create_org_unit("G01-BQ-1", "Xã Vĩnh Hảo", OrgLevel.COMMUNE, district)
    track = await Track.get(code="party_committee")
    post = await Post.get(code="party_secretary")
    await Official.bulk_create(
        [
            new_official(
                full_name=f"Học viên {n:04d}",
                gender=Gender.MALE,
                org_unit_id=commune.id,
                post_id=post.id,
            )
            for n in range(learners)
        ],
        batch_size=1000,
    )
    rows, _ = read_rows(
        "code,topic,stem,option_a,option_b,option_c,option_d,correct\n"
        + "".join(f"G{n},PC0{1 + n % 5},Câu {n}?,A,B,C,D,{'ABCD'[n % 4]}\n" for n in range(60)),
        "csv",
    )
    await import_questions(OPERATOR, track.id, rows, dry_run=False)
    ids = list(
        await Official.filter(org_unit_id=commune.id).order_by("id").values_list("id", flat=True)
    )
    built = []
    for start in range(0, len(ids), COHORT_SIZE):
        members = ids[start : start + COHORT_SIZE]
        cohort = await create_cohort(
            OPERATOR,
            CohortDraft(
                name=f"Khóa đo {start // COHORT_SIZE + 1}",
                track_id=track.id,
                starts_on=OPENS.date() - timedelta(days=30),
                ends_on=OPENS.date() + timedelta(days=30),
                capacity=len(members),
                org_unit_id=district.id,
            ),
        )
        await adjust_scheme(OPERATOR, cohort.id, SCHEME)
        await advance_cohort(OPERATOR, cohort.id, CohortStatus.OPEN)
        await Enrollment.bulk_create(
            [Enrollment(official_id=official, cohort_id=cohort.id) for official in members],
            batch_size=1000,
        )
        await advance_cohort(OPERATOR, cohort.id, CohortStatus.IN_PROGRESS)
        exam = await create_exam(
            OPERATOR, cohort.id, ExamPlan("Đo", QUESTIONS, OPENS, OPENS + timedelta(hours=1), 7)
        )
        await Cohort._meta.db.execute_script(RANDOM_ANSWERS.format(exam=exam.id))
        await advance_cohort(OPERATOR, cohort.id, CohortStatus.COMPLETED)
        built.append((await Cohort.get(id=cohort.id), exam.id))
    return built


async def timed(work) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    await work
    return (time.perf_counter() - started) * 1000


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="hocviec-grading-"))
    url = os.environ.get("DATABASE_URL", f"sqlite://{folder / 'grading.sqlite3'}")
    settings = Settings(database_url=url)
    app = create_app(
        settings,
        registry=load_plugins(candidates=discover(include_entry_points=False)),
        migrate=True,
    )
    async with app.router.lifespan_context(app):
        with app.state.tortoise:
            if await OrgUnit.exists(code="G01"):
                raise SystemExit(f"{url} holds an earlier run: give an empty database")
            built = await build(args.learners)
            exams = {exam for _, exam in built}
            cohorts = [cohort.id for cohort, _ in built]
            db = Cohort._meta.db
            closes = (OPENS + timedelta(hours=1)).isoformat(sep=" ")
            times: dict[str, list[float]] = {
                key: [] for key in ("grade", "grade-sql", "final", "final-sql")
            }

            async def grade_sql() -> None:
                for exam in exams:
                    await db.execute_script(GRADE_SQL.format(exam=exam, closes=closes))

            async def finalise_all() -> None:
                for cohort in cohorts:
                    await finalise(OPERATOR, cohort, {})

            async def finalise_sql() -> None:
                moment = datetime.now(UTC).isoformat(sep=" ")
                for cohort in cohorts:
                    await db.execute_script(FINALISE_SQL.format(cohort=cohort, now=moment))

            for _ in range(args.rounds):
                for name, work in (
                    ("grade", lambda: settle_closed(exams)),
                    ("grade-sql", grade_sql),
                ):
                    for exam in exams:
                        await db.execute_script(UNGRADE.format(exam=exam))
                    times[name].append(await timed(work()))
                    graded = await ExamSitting.filter(score__isnull=False).count()
                    assert graded == args.learners, graded
                for name, work in (("final", finalise_all), ("final-sql", finalise_sql)):
                    await Result.all().delete()
                    await Cohort.filter(id__in=cohorts).update(results_final_at=None)
                    times[name].append(await timed(work()))
                    assert await Result.all().count() == args.learners
    medians = {key: statistics.median(values) for key, values in times.items()}
    dialect = "postgres" if url.startswith("postgres") else "sqlite"
    print(
        f"database: {dialect}, {args.learners} learners × {QUESTIONS} answers, {args.rounds} rounds"
    )
    print(
        f"grade     service {medians['grade']:8.1f} ms   raw SQL {medians['grade-sql']:8.1f} ms   "
        f"{medians['grade'] / medians['grade-sql']:5.2f}x"
    )
    print(
        f"finalise  service {medians['final']:8.1f} ms   raw SQL {medians['final-sql']:8.1f} ms   "
        f"{medians['final'] / medians['final-sql']:5.2f}x"
    )


if __name__ == "__main__":
    asyncio.run(main())
