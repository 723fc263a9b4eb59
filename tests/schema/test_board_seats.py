"""Board seats linked to accounts: linkBoardSeat, and drafting or appraising needing the role
and the seat (``Access.require_board_seat``, which the lesson-content mutations use)."""

from __future__ import annotations

import pytest

from core.models import Account, BoardMember, OrgUnit, Programme, RoleGrant
from core.models.enums import BoardKind, Role
from core.permissions import APPRAISE_CONTENT, DRAFT_CONTENT
from core.services.access import CORE_PERMISSION_MAP, access_for
from core.services.errors import NotAllowedError
from tests import factories
from tests.factories import gid
from tests.helpers import error_codes, graphql, graphql_data

LINK = """
mutation($input: LinkBoardSeatInput!) {
  linkBoardSeat(input: $input) { boardMember { fullName linked } errors { field code } }
}
"""
BOARDS = (
    "query($id: ID!) { node(id: $id) { ... on Programme { boards { kind members { linked } } } } }"
)


async def account(username: str, role: Role | None = None, unit: OrgUnit | None = None) -> Account:
    made = await Account.create(username=username, display_name=username, password_hash="!")
    if role is not None and unit is not None:
        await RoleGrant.create(account=made, role=role, org_unit=unit)
    return made


async def programme_of(seat: BoardMember) -> Programme:
    return await Programme.get(boards__members__id=seat.id)


async def link(client, seat: BoardMember, username: str | None) -> dict:
    variables = {"input": {"boardMemberId": gid("BoardMember", seat.id), "username": username}}
    return await graphql(client, LINK, variables)


async def test_a_coordinator_links_and_unlinks_a_seat_of_its_districts_programme(sign_in_as):
    seat = await factories.board_member(BoardKind.DRAFTING_TEACHING_BOARD, "Lương Văn Dũng")
    programme = await programme_of(seat)
    district = await OrgUnit.get(id=programme.org_unit_id)
    coordinator = await sign_in_as("dieu.phoi", (Role.COORDINATOR, district))
    await account("dung.lv")

    linked = (await link(coordinator, seat, "Dung.LV"))["data"]["linkBoardSeat"]
    boards = await graphql_data(coordinator, BOARDS, {"id": gid("Programme", programme.id)})
    unlinked = (await link(coordinator, seat, None))["data"]["linkBoardSeat"]

    assert linked == {"boardMember": {"fullName": "Lương Văn Dũng", "linked": True}, "errors": []}
    assert boards["node"]["boards"] == [
        {"kind": "DRAFTING_TEACHING_BOARD", "members": [{"linked": True}]}
    ]
    assert unlinked["boardMember"]["linked"] is False
    assert (await BoardMember.get(id=seat.id)).account_id is None


async def test_bad_links_are_refused_and_change_nothing(sign_in_as):
    seat = await factories.board_member(BoardKind.APPRAISAL_BOARD, "Lương Văn Dũng")
    programme = await programme_of(seat)
    second = await factories.board_member(BoardKind.APPRAISAL_BOARD, "Trần Thị Hà", programme)
    district = await OrgUnit.get(id=programme.org_unit_id)
    coordinator = await sign_in_as("dieu.phoi", (Role.COORDINATOR, district))
    holder = await account("dung.lv")
    second.account_id = holder.id
    await second.save()

    unknown = (await link(coordinator, seat, "khong.co"))["data"]["linkBoardSeat"]
    twice = (await link(coordinator, seat, "dung.lv"))["data"]["linkBoardSeat"]
    malformed = await graphql(
        coordinator, LINK, {"input": {"boardMemberId": "nope", "username": "dung.lv"}}
    )

    assert error_codes(unknown) == [("username", "NOT_FOUND")]
    assert error_codes(twice) == [("username", "DUPLICATE")]
    assert error_codes(malformed["data"]["linkBoardSeat"]) == [("boardMemberId", "INVALID_ID")]
    assert (await BoardMember.get(id=seat.id)).account_id is None


async def test_a_coordinator_of_another_district_cannot_link_a_seat(sign_in_as):
    seat = await factories.board_member(BoardKind.DRAFTING_TEACHING_BOARD)
    stranger = await sign_in_as("dieu.phoi", (Role.COORDINATOR, await factories.district()))
    await account("dung.lv")

    body = await link(stranger, seat, "dung.lv")

    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert (await BoardMember.get(id=seat.id)).account_id is None


@pytest.mark.parametrize(
    ("role", "seat_on", "permission", "allowed"),
    [
        (Role.DRAFTER, BoardKind.DRAFTING_TEACHING_BOARD, DRAFT_CONTENT, True),
        (Role.DRAFTER, None, DRAFT_CONTENT, False),
        (Role.DRAFTER, BoardKind.APPRAISAL_BOARD, DRAFT_CONTENT, False),
        (Role.APPRAISER, BoardKind.APPRAISAL_BOARD, APPRAISE_CONTENT, True),
        (Role.APPRAISER, BoardKind.DRAFTING_TEACHING_BOARD, APPRAISE_CONTENT, False),
        (Role.COORDINATOR, BoardKind.DRAFTING_TEACHING_BOARD, DRAFT_CONTENT, False),
    ],
)
async def test_drafting_and_appraising_need_the_role_and_a_seat_on_the_board(
    db, role, seat_on, permission, allowed
):
    # given a programme's boards and an account holding ``role`` over its district
    drafting = await factories.board_member(BoardKind.DRAFTING_TEACHING_BOARD)
    programme = await programme_of(drafting)
    appraisal = await factories.board_member(BoardKind.APPRAISAL_BOARD, programme=programme)
    member = await account("thanh.vien", role, await OrgUnit.get(id=programme.org_unit_id))
    seat = {BoardKind.DRAFTING_TEACHING_BOARD: drafting, BoardKind.APPRAISAL_BOARD: appraisal}
    if seat_on is not None:
        seat[seat_on].account_id = member.id
        await seat[seat_on].save()
    access = await access_for(member, CORE_PERMISSION_MAP)
    # when it asks to draft or appraise the programme's content
    if allowed:
        await access.require_board_seat(permission, programme)
    else:
        with pytest.raises(NotAllowedError):
            await access.require_board_seat(permission, programme)


async def test_reports_a_malformed_seat_id_with_a_bad_sign_in_name(sign_in_as):
    seat = await factories.board_member(BoardKind.APPRAISAL_BOARD)
    district = await OrgUnit.get(id=(await programme_of(seat)).org_unit_id)
    coordinator = await sign_in_as("dieu.phoi", (Role.COORDINATOR, district))

    blank = await graphql(coordinator, LINK, {"input": {"boardMemberId": "x", "username": " "}})
    too_long = await graphql(
        coordinator, LINK, {"input": {"boardMemberId": "x", "username": "a" * 65}}
    )

    assert error_codes(blank["data"]["linkBoardSeat"]) == [
        ("boardMemberId", "INVALID_ID"),
        ("username", "REQUIRED"),
    ]
    assert error_codes(too_long["data"]["linkBoardSeat"]) == [
        ("boardMemberId", "INVALID_ID"),
        ("username", "TOO_LONG"),
    ]
    assert (await BoardMember.get(id=seat.id)).account_id is None


MY_SEATS = """
{ me { username boardSeats { kind boardName seat { fullName role linked } programme { code } } } }
"""


async def test_the_viewer_sees_the_board_seats_linked_to_their_account(sign_in_as):
    # given a drafter whose account holds a seat of the drafting board
    seat = await factories.board_member(BoardKind.DRAFTING_TEACHING_BOARD, "Lương Văn Dũng")
    programme = await programme_of(seat)
    district = await OrgUnit.get(id=programme.org_unit_id)
    drafter = await sign_in_as("dung.lv", (Role.DRAFTER, district))
    seat.account_id = (await Account.get(username="dung.lv")).id
    await seat.save(update_fields=["account_id"])
    someone = await sign_in_as("khac", (Role.DRAFTER, district))
    # when each asks which seats they hold
    mine = (await graphql_data(drafter, MY_SEATS))["me"]
    theirs = (await graphql_data(someone, MY_SEATS))["me"]
    # then the drafter sees theirs, with its board and programme; the other none
    assert mine["boardSeats"] == [
        {
            "kind": "DRAFTING_TEACHING_BOARD",
            "boardName": (await seat.board).name,
            "seat": {"fullName": "Lương Văn Dũng", "role": seat.role, "linked": True},
            "programme": {"code": programme.code},
        }
    ]
    assert theirs["boardSeats"] == []
