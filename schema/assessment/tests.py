"""GraphQL types of tests: a test of a cohort, each learner's sitting and its questions.

(The Python classes are ``Exam…``, the GraphQL types ``Test…``: pytest collects classes whose
names start with ``Test``.)
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Self

import strawberry
from strawberry import relay
from strawberry.types import Info
from tortoise.queryset import QuerySet

from core import models, permissions
from core.clock import now
from core.models import enums
from core.scores import from_hundredths
from core.services import exams
from core.services.question_bank import LETTERS, MAX_OPTIONS
from schema.enums import as_api, described_enum
from schema.limits import list_bound
from schema.node import ModelNode
from schema.pagination import BY_ID, After, Connection, First, SortDirection, nested_connection
from schema.permissions import authorize_loaded
from schema.reads import ToOne

if TYPE_CHECKING:
    from schema.cohorts.types import Cohort, Enrollment

SittingSource = described_enum(
    enums.SittingSource,
    "SittingSource",
    "How a learner's answers came in.",
    {
        enums.SittingSource.ONLINE: "Online, by the learner (or taken when the window closed).",
        enums.SittingSource.PAPER: "A paper answer sheet entered by an assessor.",
    },
)


@strawberry.type(name="Test", description="A multiple-choice test of a cohort.")
class Exam(ModelNode):
    loader_name = "exam_by_id"
    read_permission = permissions.READ_TRAINING

    id: relay.NodeID[int]
    title: str = strawberry.field(description="Vietnamese title.")
    question_count: int = strawberry.field(description="Questions each learner gets.")
    opens_at: datetime = strawberry.field(description="When learners may start (UTC).")
    closes_at: datetime = strawberry.field(
        description="When it closes (UTC): what is answered then is submitted."
    )
    seed: str = strawberry.field(description="The seed the draws are reproduced from.")
    cohort_id: strawberry.Private[int]

    @classmethod
    def from_model(cls, row: models.Exam) -> Self:
        return cls(
            id=row.id,
            title=row.title,
            question_count=row.question_count,
            opens_at=row.opens_at,
            closes_at=row.closes_at,
            seed=str(row.seed),
            cohort_id=row.cohort_id,
        )

    @strawberry.field(description="The cohort.")
    async def cohort(
        self, info: Info
    ) -> Annotated[Cohort, strawberry.lazy("schema.cohorts.types")]:
        from schema.cohorts.types import Cohort

        return await Cohort.load_related(info, self.cohort_id)

    @strawberry.field(description="Each learner's sitting the viewer may read, in draw order.")
    async def sittings(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[ExamSitting]:
        access = authorize_loaded(info, permissions.READ_TRAINING)
        await info.context.loaders.settled_exam.load(self.id)

        async def readable() -> QuerySet[models.ExamSitting]:
            scope = access.scope(models.ExamSitting, permissions.READ_TRAINING)
            query = models.ExamSitting.all()
            return query if scope is None else query.filter(scope)

        return await nested_connection(
            info,
            self.id,
            arguments=(),
            query=readable,
            parent="exam_id",
            key=BY_ID,
            direction=SortDirection.ASC,
            first=first,
            after=after,
            node_type=ExamSitting,
        )


@strawberry.type(description="A question of a learner's test, as it was shown.")
class SittingQuestion:
    position: int = strawberry.field(description="1 for the first question.")
    stem: str = strawberry.field(description="The question.")
    options: list[str] = strawberry.field(
        description="The options (A, B, …).", metadata=list_bound(MAX_OPTIONS)
    )
    chosen: str | None = strawberry.field(description="The letter chosen; null if unanswered.")
    correct_option: str | None = strawberry.field(
        description="The correct letter, once the test's window has closed; null before."
    )
    explanation: str | None = strawberry.field(
        description="Why it is correct, once the window has closed; null before."
    )


@strawberry.type(name="TestSitting", description="One learner's test: questions and score.")
class ExamSitting(ModelNode):
    loader_name = "exam_sitting_by_id"
    read_permission = permissions.READ_TRAINING
    relations = {"test": ToOne("exam_id", lambda: Exam)}

    id: relay.NodeID[int]
    from_other_topics: int = strawberry.field(
        description="Questions drawn from topics the learner did not register, because their "
        "topics' banks held too few."
    )
    submitted_at: datetime | None = strawberry.field(description="When submitted (UTC).")
    source: SittingSource | None = strawberry.field(description="Online or on paper.")  # type: ignore[valid-type]
    correct_count: int | None = strawberry.field(description="Correct answers, once graded.")
    score: Decimal | None = strawberry.field(
        description="Out of 10, two decimals (correct share, rounded half up), once graded."
    )
    exam_id: strawberry.Private[int]
    enrollment_id: strawberry.Private[int]

    @classmethod
    def from_model(cls, row: models.ExamSitting) -> Self:
        return cls(
            id=row.id,
            from_other_topics=row.from_other_topics,
            submitted_at=row.submitted_at,
            source=None if row.source is None else as_api(SittingSource, row.source),
            correct_count=row.correct_count,
            score=None if row.score is None else from_hundredths(row.score),
            exam_id=row.exam_id,
            enrollment_id=row.enrollment_id,
        )

    @strawberry.field(description="The test.")
    def test(self, info: Info) -> Exam:
        return self.related(info)

    @strawberry.field(description="Whose sitting it is.")
    async def enrollment(
        self, info: Info
    ) -> Annotated[Enrollment, strawberry.lazy("schema.cohorts.types")]:
        from schema.cohorts.types import Enrollment

        return await Enrollment.load_related(info, self.enrollment_id)

    @strawberry.field(
        description="The questions in the order shown, with the option chosen; the correct "
        "ones and explanations once the window has closed.",
        metadata=list_bound(exams.MAX_QUESTIONS),
    )
    async def questions(self, info: Info) -> list[SittingQuestion]:
        loaders = info.context.loaders
        exam = await loaders.exam_by_id.load(self.exam_id)
        closed = now() >= exam.closes_at
        rows = await loaders.questions_by_sitting_id.load(self.id)
        return [
            SittingQuestion(
                position=row.position,
                stem=row.version.stem,
                options=list(row.version.options),
                chosen=None if row.chosen is None else LETTERS[row.chosen],
                correct_option=LETTERS[row.version.correct_option] if closed else None,
                explanation=row.version.explanation if closed else None,
            )
            for row in rows
        ]
