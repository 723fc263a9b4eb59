"""Mutations of accounts, one per module."""

from __future__ import annotations

import strawberry

from schema.accounts.mutations.account_manage import deactivate_account, reset_password
from schema.accounts.mutations.api_token_create import create_api_token
from schema.accounts.mutations.api_token_revoke import revoke_api_token
from schema.accounts.mutations.role_grant import grant_role, revoke_role
from schema.accounts.mutations.sign_in import sign_in
from schema.accounts.mutations.sign_out import sign_out


@strawberry.type
class AccountMutations:
    sign_in = strawberry.mutation(
        resolver=sign_in,
        description="Sign in: opens a session held by an HttpOnly cookie (SameSite=Lax).",
    )
    sign_out = strawberry.mutation(
        resolver=sign_out, description="Sign out: ends the session of the request's cookie."
    )
    create_api_token = strawberry.mutation(
        resolver=create_api_token,
        description="Make an API token acting for the viewer; its secret is shown once.",
    )
    revoke_api_token = strawberry.mutation(
        resolver=revoke_api_token, description="Revoke one of the viewer's API tokens."
    )
    grant_role = strawberry.mutation(
        resolver=grant_role,
        description="Grant a role on an org unit: admins any role within their subtree, "
        "coordinators assessor, learner and viewer within theirs.",
    )
    revoke_role = strawberry.mutation(
        resolver=revoke_role, description="Take a grant back (the same rule as grantRole)."
    )
    reset_password = strawberry.mutation(
        resolver=reset_password,
        description="Give an account a new password (admins, for accounts in their subtree); "
        "its sessions and tokens end.",
    )
    deactivate_account = strawberry.mutation(
        resolver=deactivate_account,
        description="Stop an account from signing in (admins, for accounts in their subtree); "
        "its sessions and tokens end at once.",
    )
