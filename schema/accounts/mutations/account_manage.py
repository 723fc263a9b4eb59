"""resetPassword and deactivateAccount: an admin's hold on the accounts in their subtree."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from core.services import accounts, roles
from core.services.errors import ErrorCollector
from schema.errors import INPUT, UserError, attempt
from schema.permissions import signed_in


@strawberry.input(description="A new password for an account (no e-mail here: tell them).")
class ResetPasswordInput:
    username: str = strawberry.field(description="The account's sign-in name.")
    password: str = strawberry.field(description="The new password, 12 characters or more.")


@strawberry.type(description="Result of resetPassword.")
class ResetPasswordPayload:
    done: bool = strawberry.field(description="Whether the password was replaced.")
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


async def reset_password(
    info: Info, input: Annotated[ResetPasswordInput, strawberry.argument(description=INPUT)]
) -> ResetPasswordPayload:
    actor = await signed_in(info)
    settings = info.context.settings

    async def run() -> bool:
        errors = ErrorCollector()
        accounts.check_password(errors, input.password)
        account = await roles.managed_account(actor, input.username, errors)
        await accounts.set_password(account.id, input.password, settings)
        return True

    done, errors = await attempt(run())
    return ResetPasswordPayload(done=bool(done), errors=errors)


@strawberry.input(description="The account to deactivate.")
class DeactivateAccountInput:
    username: str = strawberry.field(description="The account's sign-in name.")


@strawberry.type(description="Result of deactivateAccount.")
class DeactivateAccountPayload:
    done: bool = strawberry.field(
        description="Whether the account is now inactive; its sessions and tokens have ended."
    )
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


async def deactivate_account(
    info: Info, input: Annotated[DeactivateAccountInput, strawberry.argument(description=INPUT)]
) -> DeactivateAccountPayload:
    actor = await signed_in(info)

    async def run() -> bool:
        account = await roles.managed_account(actor, input.username)
        await accounts.deactivate_account(account.id)
        return True

    done, errors = await attempt(run())
    return DeactivateAccountPayload(done=bool(done), errors=errors)
