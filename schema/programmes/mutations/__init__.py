"""Mutations of the programmes domain."""

from __future__ import annotations

import strawberry

from schema.programmes.mutations.board_seat_link import link_board_seat


@strawberry.type
class ProgrammeMutations:
    link_board_seat = strawberry.mutation(
        resolver=link_board_seat,
        description="Link a board member's seat to their account (drafting and appraising "
        "need the role and the seat), or unlink it.",
    )
