"""GraphQL types of programmes (Đề án) and their boards."""

from __future__ import annotations

from typing import Self

import strawberry
from strawberry import relay
from strawberry.types import Info

from core import models, permissions
from core.limits import MAX_BOARDS_PER_PROGRAMME, MAX_MEMBERS_PER_BOARD
from core.models import enums
from schema.enums import as_api, described_enum
from schema.ids import encode_id
from schema.limits import list_bound
from schema.node import ModelNode
from schema.org.types import OrgUnit
from schema.reads import ToOne

BoardKind = described_enum(
    enums.BoardKind,
    "BoardKind",
    "The boards that run a programme.",
    {
        enums.BoardKind.STEERING_COMMITTEE: "Steering committee (Ban Chỉ đạo).",
        enums.BoardKind.DRAFTING_TEACHING_BOARD: "Drafting-and-teaching board (Ban Soạn – Giảng).",
        enums.BoardKind.APPRAISAL_BOARD: "Content appraisal board (Ban Thẩm định).",
        enums.BoardKind.SECRETARIAT: "Secretariat (Tổ thư ký).",
    },
)


@strawberry.type(description="A person on one of a programme's boards.")
class BoardMember:
    id: strawberry.ID = strawberry.field(description="Global ID (for linkBoardSeat).")
    full_name: str = strawberry.field(description="Full name (NFC).")
    position: str = strawberry.field(description="Office held, in Vietnamese.")
    role: str = strawberry.field(description="Role on the board: head, deputy or member.")
    linked: bool = strawberry.field(
        description="Whether the seat is linked to an account: drafting or appraising for the "
        "programme needs the role and a linked seat on its board."
    )

    @classmethod
    def from_model(cls, row: models.BoardMember) -> Self:
        return cls(
            id=strawberry.ID(encode_id("BoardMember", row.id)),
            full_name=row.full_name,
            position=row.position,
            role=row.role,
            linked=row.account_id is not None,
        )


@strawberry.type(description="A board seat held by the signed-in account.")
class BoardSeat:
    kind: BoardKind = strawberry.field(description="The board's kind.")  # type: ignore[valid-type]
    board_name: str = strawberry.field(description="The board's Vietnamese name.")
    seat: BoardMember = strawberry.field(description="The seat: the member, office and role.")
    programme_id: strawberry.Private[int]

    @classmethod
    def from_model(cls, row: models.BoardMember) -> Self:
        return cls(
            kind=as_api(BoardKind, row.board.kind),
            board_name=row.board.name,
            seat=BoardMember.from_model(row),
            programme_id=row.board.programme_id,
        )

    @strawberry.field(description="The programme whose board it is.")
    async def programme(self, info: Info) -> Programme:
        return await Programme.load_related(info, self.programme_id)


@strawberry.type(description="One of a programme's boards with its members.")
class Board:
    kind: BoardKind = strawberry.field(description="Which board.")  # type: ignore[valid-type]
    name: str = strawberry.field(description="Vietnamese name.")
    board_id: strawberry.Private[int]

    @strawberry.field(
        description="The board's members (a few dozen at most).",
        metadata=list_bound(MAX_MEMBERS_PER_BOARD),
    )
    async def members(self, info: Info) -> list[BoardMember]:
        rows = await info.context.loaders.members_by_board_id.load(self.board_id)
        return [BoardMember.from_model(row) for row in rows]


@strawberry.type(description="A training programme (Đề án) of a district over a period of years.")
class Programme(ModelNode):
    loader_name = "programme_by_id"
    read_permission = permissions.READ_DIRECTORY
    relations = {"orgUnit": ToOne("org_unit_id", lambda: OrgUnit)}

    id: relay.NodeID[int]
    code: str = strawberry.field(description="Stable code, unique.")
    title: str = strawberry.field(description="Vietnamese title (NFC).")
    start_year: int = strawberry.field(description="First year of the period.")
    end_year: int = strawberry.field(description="Last year of the period.")
    org_unit_id: strawberry.Private[int]

    @classmethod
    def from_model(cls, row: models.Programme) -> Self:
        return cls(
            id=row.id,
            code=row.code,
            title=row.title,
            start_year=row.start_year,
            end_year=row.end_year,
            org_unit_id=row.org_unit_id,
        )

    @strawberry.field(description="The district running the programme.")
    def org_unit(self, info: Info) -> OrgUnit:
        return self.related(info)

    @strawberry.field(
        description="The programme's boards.", metadata=list_bound(MAX_BOARDS_PER_PROGRAMME)
    )
    async def boards(self, info: Info) -> list[Board]:
        rows = await info.context.loaders.boards_by_programme_id.load(self.id)
        return [Board(kind=as_api(BoardKind, r.kind), name=r.name, board_id=r.id) for r in rows]
