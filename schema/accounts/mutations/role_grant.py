"""grantRole and revokeRole: who holds which role where (the rule: core/services/roles.py)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from core.models import enums
from core.services import roles
from core.services.errors import ErrorCollector
from schema.accounts.types import Role, RoleGrant
from schema.errors import INPUT, UserError, attempt
from schema.ids import input_id
from schema.permissions import signed_in


@strawberry.input(description="A role to grant on an org unit (and everything below it).")
class GrantRoleInput:
    username: str = strawberry.field(description="The account's sign-in name.")
    role: Role = strawberry.field(description="The role.")
    org_unit_id: strawberry.ID = strawberry.field(description="Where it applies.")


@strawberry.type(description="Result of grantRole.")
class GrantRolePayload:
    role_grant: RoleGrant | None = strawberry.field(description="The grant; null on errors.")
    errors: list[UserError] = strawberry.field(description="Why nothing was granted, if so.")


async def grant_role(
    info: Info, input: Annotated[GrantRoleInput, strawberry.argument(description=INPUT)]
) -> GrantRolePayload:
    actor = await signed_in(info)

    async def run() -> RoleGrant:
        errors = ErrorCollector()
        unit_id = input_id(errors, input.org_unit_id, "OrgUnit", "orgUnitId")
        role = enums.Role(input.role.value)
        grant = await roles.grant_role(actor, input.username, role, unit_id, errors)
        return RoleGrant.from_model(grant)

    grant, errors = await attempt(run())
    return GrantRolePayload(role_grant=grant, errors=errors)


@strawberry.input(description="The grant to take back.")
class RevokeRoleInput:
    id: strawberry.ID = strawberry.field(description="The grant's ID (`Viewer.roles`).")


@strawberry.type(description="Result of revokeRole.")
class RevokeRolePayload:
    role_grant: RoleGrant | None = strawberry.field(description="The grant taken back.")
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


async def revoke_role(
    info: Info, input: Annotated[RevokeRoleInput, strawberry.argument(description=INPUT)]
) -> RevokeRolePayload:
    actor = await signed_in(info)

    async def run() -> RoleGrant:
        errors = ErrorCollector()
        grant_id = input_id(errors, input.id, "RoleGrant", "id")
        errors.raise_if_any()
        return RoleGrant.from_model(await roles.revoke_role(actor, grant_id))

    grant, errors = await attempt(run())
    return RevokeRolePayload(role_grant=grant, errors=errors)
