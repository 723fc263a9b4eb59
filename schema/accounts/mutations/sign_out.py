"""signOut: end the session of the request's cookie."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from core.http import session_cookie
from core.services import accounts, sessions
from schema.permissions import signed_in


@strawberry.type(description="Result of signOut.")
class SignOutPayload:
    signed_out: bool = strawberry.field(
        description="Whether a session was open (and is now ended); false when the viewer "
        "signed in another way (an API token)."
    )


async def sign_out(info: Info) -> SignOutPayload:
    context = info.context
    # whatever the answer, the browser forgets its cookie
    context.response_headers.append(session_cookie(None, 0, context.credentials.https))
    await signed_in(info)  # like every mutation but signIn: UNAUTHENTICATED without a viewer
    ended = await sessions.end_session(context.credentials.session, accounts.now())
    context.signed_in_as(None)
    return SignOutPayload(signed_out=ended)
