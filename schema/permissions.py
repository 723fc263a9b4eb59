"""The one permission layer every resolver asks before it reads or writes.

Resolvers call :func:`authorize` with the :class:`Action` they are about to perform.
The :class:`AccessPolicy` decides; the default policy lets everyone do everything until
sign-in, roles and org-unit scopes arrive, which only need a new policy here.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from graphql import GraphQLError

if TYPE_CHECKING:
    from strawberry.types import Info

    from core.models import Account


class Action(StrEnum):
    """What a resolver is about to do."""

    READ_PLUGINS = "read_plugins"
    READ_DIRECTORY = "read_directory"
    """Org units, posts, host agencies, programmes and officials."""
    READ_CURRICULUM = "read_curriculum"
    """Tracks and topics."""
    READ_TRAINING = "read_training"
    """Cohorts, enrollments and topic registrations."""
    MANAGE_CURRICULUM = "manage_curriculum"
    """Local topics of a track's catalogue."""
    MANAGE_COHORTS = "manage_cohorts"
    MANAGE_ENROLLMENTS = "manage_enrollments"
    READ_AUDIT = "read_audit"
    """The audit log (admins, once roles land)."""


class AccessPolicy:
    """Decides whether the current viewer may perform an action (optionally within an org unit).

    :meth:`allows` returns ``None`` when allowed, otherwise the error code to report:
    ``UNAUTHENTICATED`` (sign in first) or ``FORBIDDEN`` (signed in but not allowed).
    """

    def allows(self, action: Action, org_unit_id: int | None = None) -> str | None:
        return None


class AccessDeniedError(GraphQLError):
    """A top-level error for access: not signed in or not allowed (``extensions.code``)."""

    def __init__(self, action: Action, code: str) -> None:
        message = (
            "Sign in to do this."
            if code == "UNAUTHENTICATED"
            else f"You are not allowed to {action.value.replace('_', ' ')}."
        )
        super().__init__(message, extensions={"code": code, "action": action.value})


def authorize(info: Info, action: Action, org_unit_id: int | None = None) -> None:
    """Raise :class:`AccessDeniedError` unless the request's policy allows ``action``."""
    code = info.context.policy.allows(action, org_unit_id)
    if code is not None:
        raise AccessDeniedError(action, code)


class ForbiddenError(GraphQLError):
    """A top-level ``FORBIDDEN`` error decided by a service's own rule (granting roles)."""

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
