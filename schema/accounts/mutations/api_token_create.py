"""createApiToken: a bearer token for a front-end service, acting for the viewer."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from core.models.enums import Role as CoreRole
from core.services import accounts, sessions
from schema.accounts.types import ApiToken, Role
from schema.errors import INPUT, UserError, attempt
from schema.permissions import signed_in


@strawberry.input(description="A new API token.")
class CreateApiTokenInput:
    name: str = strawberry.field(description="The service that will use it.")
    expires_at: datetime | None = strawberry.field(
        default=None, description="When it stops working (UTC); omit for never."
    )
    roles: list[Role] | None = strawberry.field(
        default=None,
        description="Only these of your roles (fewer rights for a service that needs fewer); "
        "omit for all of them.",
    )


@strawberry.type(description="Result of createApiToken.")
class CreateApiTokenPayload:
    token: str | None = strawberry.field(
        description="The secret, for `Authorization: Bearer …`. Shown only here, never again."
    )
    api_token: ApiToken | None = strawberry.field(description="The token's record.")
    errors: list[UserError] = strawberry.field(description="Why nothing was made, if so.")


async def create_api_token(
    info: Info, input: Annotated[CreateApiTokenInput, strawberry.argument(description=INPUT)]
) -> CreateApiTokenPayload:
    account = await signed_in(info)
    roles = None if input.roles is None else frozenset(CoreRole(role.value) for role in input.roles)
    issued, errors = await attempt(
        sessions.create_api_token(account, input.name, input.expires_at, accounts.now(), roles)
    )
    if issued is None:
        return CreateApiTokenPayload(token=None, api_token=None, errors=errors)
    return CreateApiTokenPayload(
        token=issued.secret, api_token=ApiToken.from_model(issued.token), errors=[]
    )
