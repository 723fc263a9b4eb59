"""Posts (chức danh): position titles, cadre or civil servant, with a quota per commune."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from core.models.enums import PostKind

if TYPE_CHECKING:
    from core.models.org import OrgUnit


class Post(Model):
    """A position title, declared by the plugins whose tracks are for it."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=64, unique=True)
    title = fields.CharField(max_length=200, description="Vietnamese title, NFC")
    title_en = fields.CharField(max_length=200)
    kind = fields.CharEnumField(PostKind, max_length=16)

    class Meta:
        table = "post"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.title


class PostQuota(Model):
    """How many officials of a post a commune may have (chỉ tiêu)."""

    id = fields.IntField(primary_key=True)
    post_id: int
    post: fields.ForeignKeyRelation[Post] = fields.ForeignKeyField(
        "core.Post", related_name="quotas", on_delete=fields.CASCADE
    )
    org_unit_id: int
    org_unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "core.OrgUnit", related_name="post_quotas", on_delete=fields.CASCADE
    )
    quota = fields.IntField()

    class Meta:
        table = "post_quota"
        unique_together = (("post", "org_unit"),)

    def __str__(self) -> str:
        return f"{self.quota}"
