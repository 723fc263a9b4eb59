"""setPostQuota: a coordinator sets the seats of a post in a commune's establishment."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from core import permissions
from core.services import establishment
from core.services.errors import ErrorCollector
from schema.errors import INPUT, UserError, attempt
from schema.ids import input_id
from schema.org.types import PostSeats
from schema.permissions import authorize


@strawberry.input(description="A post's seats in a commune or town.")
class SetPostQuotaInput:
    org_unit_id: strawberry.ID = strawberry.field(description="A commune or town.")
    post_id: strawberry.ID = strawberry.field(description="The post.")
    quota: int = strawberry.field(
        description="Its seats, from 0 (the post leaves the unit's establishment) to 20."
    )


@strawberry.type(description="Result of setPostQuota.")
class SetPostQuotaPayload:
    seats: PostSeats | None = strawberry.field(
        description="The post's seats in the unit now, with who fills them; null when the "
        "quota was 0 and no official holds the post there, and on errors."
    )
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


async def set_post_quota(
    info: Info, input: Annotated[SetPostQuotaInput, strawberry.argument(description=INPUT)]
) -> SetPostQuotaPayload:
    access = await authorize(info, permissions.MANAGE_ESTABLISHMENT)

    async def run() -> PostSeats | None:
        errors = ErrorCollector()
        unit_id = input_id(errors, input.org_unit_id, "OrgUnit", "orgUnitId")
        post_id = input_id(errors, input.post_id, "Post", "postId")
        row = await establishment.set_post_quota(access, unit_id, post_id, input.quota, errors)
        return None if row is None else PostSeats.from_service(row)

    seats, errors = await attempt(run())
    return SetPostQuotaPayload(seats=seats, errors=errors)
