"""Roles granted on org units: who holds what where, and who may grant it.

A grant covers its org unit and every unit below it (``OrgUnit.path`` is the materialised chain
of codes, so "below" is a prefix). The granting rule lives here, for the API and the CLI:

- an admin may grant and revoke any role within the subtree of their admin grant (an admin on
  the top unit: anywhere);
- a coordinator may grant and revoke assessor, learner and viewer within their own subtree;
- the command line (``hocviec grant``), run by the server's operator, may grant anything: it is
  how the first admin is made;
- an admin may reset the password of, or deactivate, an account all of whose grants lie within
  their subtree (an account with no grant: an admin of a top unit).
"""

from __future__ import annotations

from core.limits import MAX_GRANTS_PER_ACCOUNT
from core.models import Account, OrgUnit, RoleGrant
from core.models.enums import Role
from core.services.accounts import given_username
from core.services.errors import ErrorCode, ErrorCollector, NotAllowedError, ServiceError

GRANTED_BY_COORDINATORS = frozenset({Role.ASSESSOR, Role.LEARNER, Role.VIEWER})
MANAGE_REFUSED = "You may not manage this account."


async def grants_of(account_id: int) -> list[RoleGrant]:
    """An account's grants with their org units, by role then unit."""
    grants = await RoleGrant.filter(account_id=account_id).select_related("org_unit")
    return sorted(grants, key=lambda grant: (grant.role.value, grant.org_unit.path))


def may_grant(actor_grants: list[RoleGrant], role: Role, unit: OrgUnit) -> bool:
    """Whether an account holding ``actor_grants`` may grant or revoke ``role`` on ``unit``."""
    for grant in actor_grants:
        if not unit.path.startswith(grant.org_unit.path):
            continue
        if grant.role == Role.ADMIN:
            return True
        if grant.role == Role.COORDINATOR and role in GRANTED_BY_COORDINATORS:
            return True
    return False


def may_manage_account(actor_grants: list[RoleGrant], account_grants: list[RoleGrant]) -> bool:
    """Whether an account holding ``actor_grants`` may reset the password of, or deactivate, an
    account holding ``account_grants``."""
    admin_paths = [grant.org_unit.path for grant in actor_grants if grant.role == Role.ADMIN]
    if not account_grants:
        return any(path.count("/") == 2 for path in admin_paths)  # "/CODE/": a top unit
    return all(
        any(grant.org_unit.path.startswith(path) for path in admin_paths)
        for grant in account_grants
    )


async def managed_account(
    actor: Account, username: str, errors: ErrorCollector | None = None
) -> Account:
    """The account ``username`` if ``actor`` may manage it (:func:`may_manage_account`).

    Raises :class:`NotAllowedError` before saying whether the name exists, unless the actor is
    an admin somewhere; then an unknown name is a :class:`ServiceError`. ``errors`` may hold
    problems the caller found in the rest of the input (a new password); they are reported
    with a blank or over-long name, before anything is looked up.
    """
    errors = errors or ErrorCollector()
    name = given_username(errors, username)
    errors.raise_if_any()
    actor_grants = await grants_of(actor.id)
    if not any(grant.role == Role.ADMIN for grant in actor_grants):
        raise NotAllowedError(MANAGE_REFUSED)
    account = await Account.get_or_none(username=name)
    if account is None:
        raise ServiceError.single(
            "username", ErrorCode.NOT_FOUND, "No account has this sign-in name."
        )
    if not may_manage_account(actor_grants, await grants_of(account.id)):
        raise NotAllowedError(MANAGE_REFUSED)
    return account


async def grant_role(
    actor: Account | None,
    username: str,
    role: Role,
    org_unit_id: int | None,
    errors: ErrorCollector | None = None,
) -> RoleGrant:
    """Grant ``role`` on an org unit to the account ``username``.

    ``actor`` is the signed-in account, or ``None`` for the command line. Raises
    :class:`ServiceError` for input problems and :class:`NotAllowedError` when the actor may
    not grant it. ``errors`` may hold problems the caller found in the input (a malformed org
    unit ID); they are reported with a blank or over-long name, before anything is looked up.
    """
    errors = errors or ErrorCollector()
    name = given_username(errors, username)
    errors.raise_if_any()
    unit = None if org_unit_id is None else await OrgUnit.get_or_none(id=org_unit_id)
    if unit is None:
        raise ServiceError.single("orgUnitId", ErrorCode.NOT_FOUND, "No org unit has this ID.")
    # the rule first: someone who may not grant here learns nothing about the accounts
    if actor is not None and not may_grant(await grants_of(actor.id), role, unit):
        raise NotAllowedError("You may not grant this role on this org unit.")
    account = await Account.get_or_none(username=name)
    if account is None:
        errors.add("username", ErrorCode.NOT_FOUND, "No account has this sign-in name.")
    else:
        if role == Role.LEARNER and account.official_id is None:
            errors.add(
                "role",
                ErrorCode.INVALID,
                "A learner's account must be linked to their official record first.",
            )
        if await RoleGrant.filter(account_id=account.id).count() >= MAX_GRANTS_PER_ACCOUNT:
            errors.add("username", ErrorCode.TOO_MANY, "This account holds too many grants.")
        elif await RoleGrant.exists(account_id=account.id, role=role, org_unit_id=unit.id):
            errors.add("role", ErrorCode.DUPLICATE, "The account holds this role here already.")
    if errors.errors or account is None:
        raise ServiceError(errors.errors)
    return await RoleGrant.create(
        account_id=account.id,
        role=role,
        org_unit_id=unit.id,
        granted_by_id=None if actor is None else actor.id,
    )


async def revoke_role(actor: Account | None, grant_id: int) -> RoleGrant:
    """Take a grant back (the rule is :func:`may_grant`'s); returns the deleted grant."""
    grant = await RoleGrant.get_or_none(id=grant_id).select_related("org_unit")
    if grant is None:
        raise ServiceError.single("id", ErrorCode.NOT_FOUND, "No grant has this ID.")
    if actor is not None and not may_grant(await grants_of(actor.id), grant.role, grant.org_unit):
        raise NotAllowedError("You may not revoke this grant.")
    await grant.delete()
    return grant
