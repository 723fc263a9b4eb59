"""The one permission layer every resolver asks before it reads or writes.

A root resolver calls :func:`authorize` with the permission it is about to use (a name from
``core.permissions`` or a plugin's ``register_permissions``); it returns the request's
:class:`core.services.access.Access`, which the resolver passes to the service (the service
scopes its SQL with it and checks the rows it changes). The access is built once per request
(:meth:`schema.context.Context.access`) from the viewer's grants.

Errors are top-level, with ``extensions.code``: ``UNAUTHENTICATED`` when nobody is signed in
and the permission is not public, ``FORBIDDEN`` when the viewer lacks it (or the row is out of
their scope).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graphql import GraphQLError

from core.permissions import in_words

if TYPE_CHECKING:
    from strawberry.types import Info

    from core.models import Account
    from core.services.access import Access


class AccessDeniedError(GraphQLError):
    """A top-level error for access: not signed in or not allowed (``extensions.code``)."""

    def __init__(self, permission: str, code: str) -> None:
        message = (
            "Sign in to do this."
            if code == "UNAUTHENTICATED"
            else f"You are not allowed to {in_words(permission)}."
        )
        super().__init__(message, extensions={"code": code, "permission": permission})


def denied(access: Access, permission: str) -> AccessDeniedError:
    """The error for ``access`` lacking ``permission``: ``UNAUTHENTICATED`` if nobody is
    signed in, else ``FORBIDDEN``."""
    return AccessDeniedError(permission, "FORBIDDEN" if access.signed_in else "UNAUTHENTICATED")


async def authorize(info: Info, permission: str, *alternatives: str) -> Access:
    """The request's access, after checking it holds ``permission`` (or one of the
    ``alternatives``) somewhere.

    Raises :class:`AccessDeniedError` otherwise. Where exactly (which org unit, which rows) is
    for the service to decide with the returned access.
    """
    access: Access = await info.context.access()
    if not any(access.allows(name) for name in (permission, *alternatives)):
        raise denied(access, permission)
    return access


def authorize_loaded(info: Info, permission: str) -> Access:
    """:func:`authorize` for a nested resolver, which runs after its root resolver loaded the
    request's access (synchronous: no awaitable per field)."""
    access = info.context.loaded_access
    if not access.allows(permission):
        raise denied(access, permission)
    return access


class ForbiddenError(GraphQLError):
    """A top-level ``FORBIDDEN`` error decided by a service's own rule."""

    def __init__(self, message: str) -> None:
        super().__init__(message, extensions={"code": "FORBIDDEN"})


class NotSignedInError(GraphQLError):
    """A top-level ``UNAUTHENTICATED`` error: the operation needs a signed-in viewer."""

    def __init__(self) -> None:
        super().__init__("Sign in to do this.", extensions={"code": "UNAUTHENTICATED"})


async def signed_in(info: Info) -> Account:
    """The signed-in account, or raise :class:`NotSignedInError`."""
    account: Account | None = await info.context.viewer()
    if account is None:
        raise NotSignedInError
    return account
