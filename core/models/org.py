"""Org units (province → district → commune/township) and district host agencies."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from core.models.enums import AgencyBloc, OrgLevel


class OrgUnit(Model):
    """An administrative unit, path being the materialised chain of codes for subtree filters."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True, description="Administrative code")
    name = fields.CharField(max_length=200, description="Vietnamese name, NFC")
    search_name = fields.CharField(max_length=200)
    level = fields.CharEnumField(OrgLevel, max_length=16)
    parent_id: int | None
    parent: fields.ForeignKeyNullableRelation[OrgUnit] = fields.ForeignKeyField(
        "core.OrgUnit", related_name="children", null=True, on_delete=fields.RESTRICT
    )
    path = fields.CharField(max_length=400, db_index=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    children: fields.ReverseRelation[OrgUnit]

    class Meta:
        table = "org_unit"
        ordering = ["path"]
        indexes = (("search_name", "id"), ("parent_id", "path"))

    def __str__(self) -> str:
        return self.name


class HostAgency(Model):
    """A district agency (Party bloc, mass organisation or state management) hosting apprentices."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=200)
    bloc = fields.CharEnumField(AgencyBloc, max_length=24)
    org_unit_id: int
    org_unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "core.OrgUnit", related_name="host_agencies", on_delete=fields.RESTRICT
    )

    class Meta:
        table = "host_agency"

    def __str__(self) -> str:
        return self.name
