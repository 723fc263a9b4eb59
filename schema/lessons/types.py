"""GraphQL types of lesson content: a topic's content for a programme, its versions and steps."""

from __future__ import annotations

from datetime import datetime
from typing import Self

import strawberry
from strawberry import relay
from strawberry.types import Info

from core import models, permissions
from core.limits import MAX_FILES_PER_INPUT, MAX_LESSON_STEPS, MAX_LESSON_VERSIONS
from core.models import enums
from core.services.lessons import readable_statuses
from schema.enums import as_api, described_enum
from schema.files.types import StoredFile
from schema.limits import list_bound
from schema.node import ModelNode
from schema.programmes.types import Programme
from schema.reads import ToOne
from schema.tracks.types import Topic

LessonVersionStatus = described_enum(
    enums.LessonVersionStatus,
    "LessonVersionStatus",
    "Where a version of lesson content is: DRAFT → SUBMITTED → APPROVED or RETURNED.",
    {
        enums.LessonVersionStatus.DRAFT: "Being written by a drafter; may still change.",
        enums.LessonVersionStatus.SUBMITTED: "Sent to the appraisal board; frozen.",
        enums.LessonVersionStatus.APPROVED: "Approved: sessions on the topic may teach it.",
        enums.LessonVersionStatus.RETURNED: "Sent back with comments; a new version follows.",
    },
)
LessonStepKind = described_enum(
    enums.LessonStepKind,
    "LessonStepKind",
    "A step in a lesson version's life.",
    {
        enums.LessonStepKind.DRAFTED: "Drafted (the version was started).",
        enums.LessonStepKind.REVISED: "Changed while a draft.",
        enums.LessonStepKind.SUBMITTED: "Submitted for appraisal.",
        enums.LessonStepKind.APPROVED: "Approved by an appraiser.",
        enums.LessonStepKind.RETURNED: "Returned by an appraiser, with comments.",
    },
)


@strawberry.type(description="A step of a lesson version's life, kept for good.")
class LessonStep:
    kind: LessonStepKind = strawberry.field(description="What happened.")  # type: ignore[valid-type]
    at: datetime = strawberry.field(description="When (UTC).")
    comment: str = strawberry.field(description="The appraiser's comment; may be empty.")
    by: str | None = strawberry.field(
        description="The display name of who did it; null for the command line, the demo "
        "loader or a deleted account."
    )

    @classmethod
    def from_model(cls, row: models.LessonStep) -> Self:
        return cls(
            kind=as_api(LessonStepKind, row.kind),
            at=row.at,
            comment=row.comment,
            by=None if row.actor is None else row.actor.display_name,
        )


@strawberry.type(description="One version of a topic's lesson content for a programme.")
class LessonVersion(ModelNode):
    loader_name = "lesson_version_by_id"
    read_permission = permissions.READ_TRAINING
    relations = {"content": ToOne("content_id", lambda: LessonContent)}

    id: relay.NodeID[int]
    number: int = strawberry.field(description="1 for the first version, then 2, 3, …")
    title: str = strawberry.field(description="Vietnamese title (NFC).")
    body: str = strawberry.field(description="The lesson, in Markdown (NFC).")
    status: LessonVersionStatus = strawberry.field(description="Where the version is.")  # type: ignore[valid-type]
    created_at: datetime = strawberry.field(description="When it was started (UTC).")
    updated_at: datetime = strawberry.field(description="When it last changed (UTC).")
    content_id: strawberry.Private[int]

    @classmethod
    def from_model(cls, row: models.LessonVersion) -> Self:
        return cls(
            id=row.id,
            number=row.number,
            title=row.title,
            body=row.body,
            status=as_api(LessonVersionStatus, row.status),
            created_at=row.created_at,
            updated_at=row.updated_at,
            content_id=row.content_id,
        )

    @strawberry.field(description="The topic's content for the programme this version is of.")
    def content(self, info: Info) -> LessonContent:
        return self.related(info)

    @strawberry.field(
        description="The files attached (lesson material), in upload order.",
        metadata=list_bound(MAX_FILES_PER_INPUT),
    )
    async def attachments(self, info: Info) -> list[StoredFile]:
        rows = await info.context.loaders.files_by_lesson_version_id.load(self.id)
        return StoredFile.from_rows(info, rows)

    @strawberry.field(
        description="Every step, oldest first: drafted, revised, submitted, approved or "
        "returned, with who, when and the comment.",
        metadata=list_bound(MAX_LESSON_STEPS),
    )
    async def steps(self, info: Info) -> list[LessonStep]:
        rows = await info.context.loaders.steps_by_lesson_version_id.load(self.id)
        return [LessonStep.from_model(row) for row in rows]


@strawberry.type(
    description="A topic's lesson content for one programme, in versions (each programme's "
    "boards write and approve their own)."
)
class LessonContent(ModelNode):
    loader_name = "lesson_content_by_id"
    read_permission = permissions.READ_TRAINING
    relations = {
        "topic": ToOne("topic_id", lambda: Topic),
        "programme": ToOne("programme_id", lambda: Programme),
    }

    id: relay.NodeID[int]
    created_at: datetime = strawberry.field(description="When its first version was drafted.")
    topic_id: strawberry.Private[int]
    programme_id: strawberry.Private[int]

    @classmethod
    def from_model(cls, row: models.LessonContent) -> Self:
        return cls(
            id=row.id,
            created_at=row.created_at,
            topic_id=row.topic_id,
            programme_id=row.programme_id,
        )

    @strawberry.field(description="The topic.")
    def topic(self, info: Info) -> Topic:
        return self.related(info)

    @strawberry.field(description="The programme whose boards write and approve it.")
    def programme(self, info: Info) -> Programme:
        return self.related(info)

    @strawberry.field(
        description="Its versions, newest first; a learner sees the APPROVED ones only.",
        metadata=list_bound(MAX_LESSON_VERSIONS),
    )
    async def versions(self, info: Info) -> list[LessonVersion]:
        rows = await info.context.loaders.versions_by_lesson_content_id.load(self.id)
        shown = readable_statuses(info.context.loaded_access)
        return LessonVersion.from_rows(
            info, (row for row in rows if shown is None or row.status in shown)
        )

    @strawberry.field(
        description="The latest APPROVED version: what sessions on the topic teach; null "
        "until one is approved."
    )
    async def approved_version(self, info: Info) -> LessonVersion | None:
        rows = await info.context.loaders.versions_by_lesson_content_id.load(self.id)
        approved = [row for row in rows if row.status == enums.LessonVersionStatus.APPROVED]
        return LessonVersion.from_model(approved[0]) if approved else None
