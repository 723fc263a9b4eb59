"""Programmes (Đề án) and their boards with members."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from core.models.enums import BoardKind

if TYPE_CHECKING:
    from core.models.accounts import Account
    from core.models.org import OrgUnit


class Programme(Model):
    """A training programme run by a district over a period of years."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=64, unique=True)
    title = fields.CharField(max_length=400)
    org_unit_id: int
    org_unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "core.OrgUnit", related_name="programmes", on_delete=fields.RESTRICT
    )
    start_year = fields.SmallIntField()
    end_year = fields.SmallIntField()

    boards: fields.ReverseRelation[Board]

    class Meta:
        table = "programme"

    def __str__(self) -> str:
        return self.title


class Board(Model):
    """One of a programme's boards (steering committee, drafting-and-teaching, appraisal, …)."""

    id = fields.IntField(primary_key=True)
    programme_id: int
    programme: fields.ForeignKeyRelation[Programme] = fields.ForeignKeyField(
        "core.Programme", related_name="boards", on_delete=fields.CASCADE
    )
    kind = fields.CharEnumField(BoardKind, max_length=32)
    name = fields.CharField(max_length=200)

    members: fields.ReverseRelation[BoardMember]

    class Meta:
        table = "board"
        unique_together = (("programme", "kind"),)

    def __str__(self) -> str:
        return self.name


class BoardMember(Model):
    """A person sitting on a board, with their office and role on the board."""

    id = fields.IntField(primary_key=True)
    board_id: int
    board: fields.ForeignKeyRelation[Board] = fields.ForeignKeyField(
        "core.Board", related_name="members", on_delete=fields.CASCADE
    )
    full_name = fields.CharField(max_length=200)
    position = fields.CharField(max_length=200, default="", description="Office held")
    role = fields.CharField(max_length=64, default="member", description="head, deputy, member")
    account_id: int | None
    account: fields.ForeignKeyNullableRelation[Account] = fields.ForeignKeyField(
        "core.Account", related_name="board_seats", null=True, on_delete=fields.SET_NULL
    )
    """The member's account: drafting or appraising needs the role and this seat."""

    class Meta:
        table = "board_member"

    def __str__(self) -> str:
        return self.full_name
