"""Programmes' boards: the seats that drafting and appraising need.

Drafting lesson content for a programme needs the drafter role *and* a seat on the programme's
drafting-and-teaching board, appraising it the appraiser role and a seat on its appraisal board
(:meth:`core.services.access.Access.require_board_seat`). A board member's seat is linked to
the account of the person who holds it here.
"""

from __future__ import annotations

from tortoise.transactions import in_transaction

from core.limits import MAX_SEATS_PER_ACCOUNT
from core.models import Account, BoardMember, Programme
from core.permissions import MANAGE_PROGRAMMES
from core.services.access import Access
from core.services.accounts import given_username
from core.services.errors import ErrorCode, ErrorCollector, ServiceError


async def link_board_seat(
    actor: Access, member_id: int, username: str | None, errors: ErrorCollector | None = None
) -> BoardMember:
    """Link the board member's seat to the account ``username`` (``None``: unlink it).

    ``actor`` manages programmes over the programme's org unit. An account holds at most one
    seat on a board. ``errors`` may hold problems the caller found in the input (a malformed
    ID); they are reported with a blank or over-long sign-in name, before any lookup.
    """
    errors = errors or ErrorCollector()
    name = None if username is None else given_username(errors, username)
    errors.raise_if_any()
    async with in_transaction():
        member = await BoardMember.get_or_none(id=member_id).select_related("board")
        if member is None:
            raise ServiceError.single(
                "boardMemberId", ErrorCode.NOT_FOUND, "No board member has this ID."
            )
        programme = await Programme.get(id=member.board.programme_id)
        await actor.require_on(MANAGE_PROGRAMMES, programme.org_unit_id)
        account_id = None
        if name is not None:
            account = await Account.get_or_none(username=name)
            if account is None:
                raise ServiceError.single(
                    "username", ErrorCode.NOT_FOUND, "No account has this sign-in name."
                )
            seated = BoardMember.filter(board_id=member.board_id, account_id=account.id)
            if await seated.exclude(id=member.id).exists():
                raise ServiceError.single(
                    "username",
                    ErrorCode.DUPLICATE,
                    "This account already holds a seat on this board.",
                )
            account_id = account.id
        member.account_id = account_id
        await member.save(update_fields=["account_id"])
    return member


async def seats_of(account_id: int) -> list[BoardMember]:
    """The board seats linked to an account, with their boards, oldest programme first (at
    most :data:`~core.limits.MAX_SEATS_PER_ACCOUNT`)."""
    return (
        await BoardMember.filter(account_id=account_id)
        .select_related("board")
        .order_by("board__programme_id", "board_id", "id")
        .limit(MAX_SEATS_PER_ACCOUNT)
    )
