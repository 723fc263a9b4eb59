"""revokeApiToken: stop one of the viewer's API tokens at once."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from core.services import accounts, sessions
from core.services.errors import ErrorCollector
from schema.accounts.types import ApiToken
from schema.errors import INPUT, UserError, attempt
from schema.ids import input_id
from schema.permissions import signed_in


@strawberry.input(description="The token to revoke.")
class RevokeApiTokenInput:
    id: strawberry.ID = strawberry.field(description="The token's ID (from createApiToken).")


@strawberry.type(description="Result of revokeApiToken.")
class RevokeApiTokenPayload:
    api_token: ApiToken | None = strawberry.field(description="The revoked token.")
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


async def revoke_api_token(
    info: Info, input: Annotated[RevokeApiTokenInput, strawberry.argument(description=INPUT)]
) -> RevokeApiTokenPayload:
    account = await signed_in(info)

    async def run() -> ApiToken:
        errors = ErrorCollector()
        token_id = input_id(errors, input.id, "ApiToken", "id")
        errors.raise_if_any()
        revoked = await sessions.revoke_api_token(account, token_id, accounts.now())
        return ApiToken.from_model(revoked)

    token, errors = await attempt(run())
    return RevokeApiTokenPayload(api_token=token, errors=errors)
