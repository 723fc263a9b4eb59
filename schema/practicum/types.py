"""GraphQL types of the practicum: items, a learner's evidence, and progress per item."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Self

import strawberry
from strawberry import relay
from strawberry.types import Info

from core import models, permissions
from core.limits import MAX_EVIDENCE_PER_ITEM, MAX_FILES_PER_INPUT
from core.models import enums
from schema.accounts.types import account_name
from schema.enums import as_api, described_enum
from schema.files.types import StoredFile
from schema.ids import encode_id
from schema.limits import list_bound
from schema.node import ModelNode

if TYPE_CHECKING:
    from schema.cohorts.types import Enrollment

EvidenceStatus = described_enum(
    enums.EvidenceStatus,
    "EvidenceStatus",
    "Where a piece of practicum evidence is in its review.",
    {
        enums.EvidenceStatus.SUBMITTED: "Given by the learner; waiting for an assessor.",
        enums.EvidenceStatus.SIGNED_OFF: "Signed off by an assessor: it counts.",
        enums.EvidenceStatus.RETURNED: "Returned with a comment; give new evidence.",
    },
)


@strawberry.type(
    description="A practicum item a track requires (declared by its plugin): something the "
    "learner does at the district and gives evidence of."
)
class PracticumItem:
    id: strawberry.ID = strawberry.field(description="Global ID (submitPracticumEvidence).")
    code: str = strawberry.field(description="Code, unique within the track.")
    title: str = strawberry.field(description="What the learner does (Vietnamese).")
    description: str = strawberry.field(description="How to give evidence of it.")
    required_count: int = strawberry.field(
        description="How many signed-off pieces of evidence complete it."
    )
    active: bool = strawberry.field(description="False once its plugin no longer declares it.")

    @classmethod
    def from_model(cls, row: models.PracticumItem) -> Self:
        return cls(
            id=strawberry.ID(encode_id("PracticumItem", row.id)),
            code=row.code,
            title=row.title,
            description=row.description,
            required_count=row.required_count,
            active=row.is_active,
        )


@strawberry.type(description="A learner's evidence for a practicum item, and its review.")
class PracticumEvidence(ModelNode):
    loader_name = "practicum_evidence_by_id"
    read_permission = permissions.READ_TRAINING

    id: relay.NodeID[int]
    occurred_on: date | None = strawberry.field(
        description="When the activity happened (the meeting's day), if given."
    )
    text: str = strawberry.field(description="What the learner did or observed (NFC).")
    status: EvidenceStatus = strawberry.field(description="Where its review is.")  # type: ignore[valid-type]
    submitted_at: datetime = strawberry.field(description="When it was given (UTC).")
    reviewed_at: datetime | None = strawberry.field(description="When reviewed (UTC), if so.")
    review_comment: str = strawberry.field(description="The assessor's comment; may be empty.")
    submitted_by_id: strawberry.Private[int | None]
    reviewed_by_id: strawberry.Private[int | None]
    enrollment_id: strawberry.Private[int]
    item_id: strawberry.Private[int]

    @classmethod
    def from_model(cls, row: models.PracticumEvidence) -> Self:
        return cls(
            id=row.id,
            occurred_on=row.occurred_on,
            text=row.text,
            status=as_api(EvidenceStatus, row.status),
            submitted_at=row.submitted_at,
            reviewed_at=row.reviewed_at,
            review_comment=row.review_comment,
            submitted_by_id=row.submitted_by_id,
            reviewed_by_id=row.reviewed_by_id,
            enrollment_id=row.enrollment_id,
            item_id=row.item_id,
        )

    @strawberry.field(
        description="Who gave it (the learner or a coordinator), by display name; null for a "
        "deleted account."
    )
    async def submitted_by(self, info: Info) -> str | None:
        return await account_name(info, self.submitted_by_id)

    @strawberry.field(description="Which assessor reviewed it, by display name, if so.")
    async def reviewed_by(self, info: Info) -> str | None:
        return await account_name(info, self.reviewed_by_id)

    @strawberry.field(
        description="The files given as evidence, in upload order.",
        metadata=list_bound(MAX_FILES_PER_INPUT),
    )
    async def files(self, info: Info) -> list[StoredFile]:
        rows = await info.context.loaders.files_by_evidence_id.load(self.id)
        return StoredFile.from_rows(info, rows)

    @strawberry.field(description="The enrollment it is for.")
    async def enrollment(
        self, info: Info
    ) -> Annotated[Enrollment, strawberry.lazy("schema.cohorts.types")]:
        from schema.cohorts.types import Enrollment

        return await Enrollment.load_related(info, self.enrollment_id)


@strawberry.type(description="A learner's progress on one practicum item of their track.")
class PracticumProgress:
    item: PracticumItem = strawberry.field(description="The item.")
    signed_off: int = strawberry.field(description="Pieces of evidence signed off.")
    evidence: list[PracticumEvidence] = strawberry.field(
        description="The evidence given, oldest first (returned pieces included).",
        metadata=list_bound(MAX_EVIDENCE_PER_ITEM),
    )

    @strawberry.field(description="Whether enough evidence is signed off to complete the item.")
    def complete(self) -> bool:
        return self.signed_off >= self.item.required_count
