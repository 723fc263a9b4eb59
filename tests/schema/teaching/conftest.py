"""Fixtures of the teaching tests: a programme of a district with its two content boards."""

from __future__ import annotations

from dataclasses import dataclass

import pytest_asyncio

from core.models import BoardMember, OrgUnit, Programme, Topic
from core.models.enums import BoardKind
from tests import factories


@dataclass
class Boards:
    """A district's programme, a topic of the Party track, and unlinked seats on its boards."""

    district: OrgUnit
    programme: Programme
    topic: Topic
    drafting: BoardMember
    appraisal: BoardMember
    second_appraisal: BoardMember


@pytest_asyncio.fixture
async def boards(db: None) -> Boards:
    district = await factories.district()
    programme = await factories.programme(district)
    return Boards(
        district=district,
        programme=programme,
        topic=await Topic.get(code="PC01"),
        drafting=await factories.board_member(
            BoardKind.DRAFTING_TEACHING_BOARD, "Lương Văn Dũng", programme
        ),
        appraisal=await factories.board_member(BoardKind.APPRAISAL_BOARD, "Hà Thị Mai", programme),
        second_appraisal=await factories.board_member(
            BoardKind.APPRAISAL_BOARD, "Vũ Văn Toàn", programme
        ),
    )


async def seat(member: BoardMember, username: str) -> None:
    """Link the seat to the account ``username`` (made by ``sign_in_as``)."""
    from core.models import Account

    member.account_id = (await Account.get(username=username)).id
    await member.save(update_fields=["account_id"])
