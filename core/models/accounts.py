"""Accounts: who signs in, their server-side sessions, API tokens and failed sign-ins."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from core.models.enums import Role

if TYPE_CHECKING:
    from core.models.org import OrgUnit
    from core.models.people import Official

USERNAME_MAX_LENGTH = 64
TOKEN_HASH_LENGTH = 64
"""A SHA-256 hex digest: sessions and API tokens are stored only as hashes."""


class Account(Model):
    """A person who signs in: staff of the district and communes, or a learner.

    ``username`` is stored normalised (NFC, lower case), so sign-in ignores case. The password
    is kept only as an argon2 hash. A learner's account is linked to their ``official`` record
    (one account per official).
    """

    id = fields.IntField(primary_key=True)
    username = fields.CharField(max_length=USERNAME_MAX_LENGTH, unique=True)
    display_name = fields.CharField(max_length=200)
    official_id: int | None
    official: fields.OneToOneNullableRelation[Official] = fields.OneToOneField(
        "core.Official", related_name="account", null=True, on_delete=fields.RESTRICT
    )
    password_hash = fields.CharField(max_length=255)
    active = fields.BooleanField(default=True)
    is_demo = fields.BooleanField(default=False)
    """Made by ``hocviec serve --demo`` with a published password: refused in production."""
    last_sign_in_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    sessions: fields.ReverseRelation[AccountSession]
    api_tokens: fields.ReverseRelation[ApiToken]
    grants: fields.ReverseRelation[RoleGrant]

    class Meta:
        table = "account"

    def __str__(self) -> str:
        return self.username


class AccountSession(Model):
    """A signed-in browser: the cookie holds a random token, the table only its hash.

    Kept in the database so that signing out, deactivation and expiry hold across workers and
    hosts. It ends when idle too long, at ``expires_at`` whatever the activity, or when
    ``ended_at`` is set.
    """

    id = fields.IntField(primary_key=True)
    token_hash = fields.CharField(max_length=TOKEN_HASH_LENGTH, unique=True)
    account_id: int
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "core.Account", related_name="sessions", on_delete=fields.CASCADE
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    last_seen_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    ended_at = fields.DatetimeField(null=True)

    class Meta:
        table = "account_session"


# No semicolon in a model's first docstring line: tortoise copies it into a SQL comment, and
# SQLite's script runner splits statements at semicolons.
class ApiToken(Model):
    """A bearer token for a front-end service, acting for its account, stored as a hash."""

    id = fields.IntField(primary_key=True)
    account_id: int
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "core.Account", related_name="api_tokens", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=100)
    token_hash = fields.CharField(max_length=TOKEN_HASH_LENGTH, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)
    last_used_at = fields.DatetimeField(null=True)
    roles = fields.CharField(max_length=200, null=True)
    """The roles the token may use, comma-separated (``coordinator,viewer``); null: all of its
    owner's. Either way, only roles the owner holds when the token is used."""

    class Meta:
        table = "api_token"


class SignInFailure(Model):
    """One failed sign-in, counted per sign-in name and per client address to slow guessing.

    In the database, so the count holds across workers; old rows are deleted as new ones come.
    """

    id = fields.IntField(primary_key=True)
    key = fields.CharField(max_length=USERNAME_MAX_LENGTH + 16)
    """``name:<normalised sign-in name>`` or ``address:<client address>``."""
    failed_at = fields.DatetimeField()

    class Meta:
        table = "sign_in_failure"
        indexes = (("key", "failed_at"),)


class RoleGrant(Model):
    """A role an account holds over an org unit and everything below it.

    A learner's grant scopes nothing but their own record (``Account.official``); the others
    cover the unit's subtree (see ``core.services.roles``).
    """

    id = fields.IntField(primary_key=True)
    account_id: int
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "core.Account", related_name="grants", on_delete=fields.CASCADE
    )
    role = fields.CharEnumField(Role, max_length=16)
    org_unit_id: int
    org_unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "core.OrgUnit", related_name="grants", on_delete=fields.RESTRICT
    )
    granted_by_id: int | None
    granted_by: fields.ForeignKeyNullableRelation[Account] = fields.ForeignKeyField(
        "core.Account", related_name="grants_given", null=True, on_delete=fields.SET_NULL
    )
    granted_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "role_grant"
        unique_together = (("account", "role", "org_unit"),)
