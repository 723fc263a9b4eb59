"""The ``StoredFile`` node: an uploaded file's metadata and where to download it."""

from __future__ import annotations

from datetime import datetime
from typing import Self

import strawberry
from strawberry import relay
from strawberry.types import Info
from tortoise.models import Model

from core import models, permissions
from core.services.access import Access
from core.services.files import readable_file_ids
from schema.ids import encode_id
from schema.node import ModelNode
from schema.permissions import NotSignedInError


@strawberry.type(
    description="A file uploaded with `POST /files` (lesson material, practicum evidence); "
    "its bytes are downloaded from `downloadUrl`. Who may read it: its uploader, and whoever "
    "reaches what it is attached to."
)
class StoredFile(ModelNode):
    loader_name = "stored_file_by_id"
    read_permission = permissions.READ_DIRECTORY
    """Reached through what it is attached to (a relation), a file needs what every role
    holds; reached directly, :meth:`reachable_keys` decides."""

    id: relay.NodeID[int]
    name: str = strawberry.field(description="The file name the uploader gave (NFC).")
    media_type: str = strawberry.field(
        description="Its media type, checked against its content (`application/pdf`)."
    )
    size: int = strawberry.field(description="Its size in bytes.")
    sha256: str = strawberry.field(description="The SHA-256 of its bytes, lower-case hex.")
    uploaded_at: datetime = strawberry.field(description="When it was uploaded (UTC).")

    @classmethod
    def from_model(cls, row: models.StoredFile) -> Self:
        return cls(
            id=row.id,
            name=row.name,
            media_type=row.media_type,
            size=row.size,
            sha256=row.sha256,
            uploaded_at=row.uploaded_at,
        )

    @strawberry.field(
        description="Where to download its bytes (`GET`, with the same sign-in as `/graphql`): "
        "a path on this server."
    )
    def download_url(self) -> str:
        return f"/files/{encode_id('StoredFile', self.id)}"

    @classmethod
    async def node_access(cls, info: Info) -> Access:
        """Any signed-in account may ask (an account may upload without holding a role);
        :meth:`reachable_keys` decides which files it gets."""
        access: Access = await info.context.access()
        if not access.signed_in:
            raise NotSignedInError
        return access

    @classmethod
    async def reachable_keys(cls, access: Access, model: type[Model], keys: set[int]) -> set[int]:
        return await readable_file_ids(access, keys)
