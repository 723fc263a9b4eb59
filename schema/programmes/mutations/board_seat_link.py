"""linkBoardSeat: a coordinator links a board member's seat to the member's account."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from core import permissions
from core.services import programmes
from core.services.errors import ErrorCollector
from schema.errors import INPUT, UserError, attempt
from schema.ids import input_id
from schema.permissions import authorize
from schema.programmes.types import BoardMember


@strawberry.input(description="A board seat and the account that holds it.")
class LinkBoardSeatInput:
    board_member_id: strawberry.ID = strawberry.field(description="The board member (seat).")
    username: str | None = strawberry.field(
        description="The sign-in name of the member's account; null unlinks the seat."
    )


@strawberry.type(description="Result of linkBoardSeat.")
class LinkBoardSeatPayload:
    board_member: BoardMember | None = strawberry.field(
        description="The board member, linked or unlinked; null on errors."
    )
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


async def link_board_seat(
    info: Info, input: Annotated[LinkBoardSeatInput, strawberry.argument(description=INPUT)]
) -> LinkBoardSeatPayload:
    access = await authorize(info, permissions.MANAGE_PROGRAMMES)

    async def run() -> BoardMember:
        errors = ErrorCollector()
        member_id = input_id(errors, input.board_member_id, "BoardMember", "boardMemberId")
        row = await programmes.link_board_seat(access, member_id, input.username, errors)
        return BoardMember.from_model(row)

    member, errors = await attempt(run())
    return LinkBoardSeatPayload(board_member=member, errors=errors)
