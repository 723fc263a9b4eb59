"""signIn: open a session with a sign-in name and password."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from core.http import session_cookie
from core.services import accounts, sessions
from core.services.accounts import SignInRefusedError
from core.services.errors import ErrorCode as CoreErrorCode
from schema.accounts.types import Viewer
from schema.errors import INPUT, ErrorCode, UserError


@strawberry.input(description="A sign-in name and its password.")
class SignInInput:
    username: str = strawberry.field(description="Sign-in name; case does not matter.")
    password: str = strawberry.field(description="The account's password.")


@strawberry.type(description="Result of signIn.")
class SignInPayload:
    viewer: Viewer | None = strawberry.field(description="The signed-in account; null on errors.")
    errors: list[UserError] = strawberry.field(description="Why the sign-in failed, if it did.")


async def sign_in(
    info: Info, input: Annotated[SignInInput, strawberry.argument(description=INPUT)]
) -> SignInPayload:
    context = info.context
    settings = context.settings
    moment = accounts.now()
    try:
        account = await accounts.authenticate(
            input.username, input.password, context.credentials.address, settings, moment
        )
    except SignInRefusedError as refused:
        code = (
            CoreErrorCode.WRONG_CREDENTIALS
            if refused.retry_after is None
            else CoreErrorCode.TOO_MANY_ATTEMPTS
        )
        error = UserError(field=None, message=str(refused), code=ErrorCode(code.value))
        return SignInPayload(viewer=None, errors=[error])
    secret = await sessions.start_session(account, settings, moment)
    max_age = int(settings.session_lifetime.total_seconds())
    context.response_headers.append(session_cookie(secret, max_age, context.credentials.https))
    context.signed_in_as(account)
    return SignInPayload(viewer=Viewer.from_model(account), errors=[])
