"""Commune officials (cán bộ, công chức cấp xã)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from core.models.enums import Gender, OfficialStatus, PoliticalTheoryLevel

if TYPE_CHECKING:
    from core.models.org import OrgUnit
    from core.models.posts import Post


class Official(Model):
    """A commune official, search_name being the accent-folded name that search matches."""

    id = fields.IntField(primary_key=True)
    full_name = fields.CharField(max_length=200, description="Vietnamese name, NFC")
    search_name = fields.CharField(max_length=200)
    gender = fields.CharEnumField(Gender, max_length=8)
    birth_year = fields.SmallIntField(null=True)
    ethnicity = fields.CharField(max_length=64, default="")
    org_unit_id: int
    org_unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "core.OrgUnit", related_name="officials", on_delete=fields.RESTRICT
    )
    post_id: int
    post: fields.ForeignKeyRelation[Post] = fields.ForeignKeyField(
        "core.Post", related_name="officials", on_delete=fields.RESTRICT
    )
    professional_qualification = fields.CharField(max_length=200, default="")
    political_theory_level = fields.CharEnumField(
        PoliticalTheoryLevel, max_length=16, default=PoliticalTheoryLevel.NONE
    )
    status = fields.CharEnumField(OfficialStatus, max_length=16, default=OfficialStatus.ACTIVE)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "official"
        # (search_name, id) serves the name order and its keyset condition (schema/pagination.py).
        indexes = (("org_unit_id", "post_id"), ("search_name", "id"))

    def __str__(self) -> str:
        return self.full_name
