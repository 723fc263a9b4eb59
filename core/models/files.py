"""Files uploaded for attachments (lesson material, practicum evidence)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from core.models.accounts import Account

SHA256_HEX_LENGTH = 64


class StoredFile(Model):
    """An uploaded file: its metadata here, its bytes in the storage backend under its key.

    Uploaded through ``POST /files`` (checked for size, media type and checksum) and then
    attached by mutations, which take its ID. Who may download it follows what it is attached
    to; until then only its uploader may.
    """

    id = fields.IntField(primary_key=True)
    key = fields.CharField(max_length=200, unique=True)
    """Where the storage backend keeps the bytes (random; never derived from the name)."""
    name = fields.CharField(max_length=255)
    """The file name the uploader gave (NFC), offered again on download."""
    media_type = fields.CharField(max_length=100)
    size = fields.BigIntField()
    sha256 = fields.CharField(max_length=SHA256_HEX_LENGTH)
    uploaded_by_id: int | None
    uploaded_by: fields.ForeignKeyNullableRelation[Account] = fields.ForeignKeyField(
        "core.Account", related_name="uploaded_files", null=True, on_delete=fields.SET_NULL
    )
    uploaded_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "stored_file"
        indexes = (("uploaded_by_id", "id"),)

    def __str__(self) -> str:
        return self.name
