"""Server-side sessions and API tokens: random secrets handed out once, kept only as hashes.

A session is what a browser's cookie names; an API token is what a front-end service sends as
``Authorization: Bearer …``. Both are looked up by the SHA-256 of the secret, so a copy of the
database holds nothing a client could present. Both live in the database, so signing out,
revoking and deactivating hold across workers and hosts at once.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from core.models import Account, AccountSession, ApiToken, RoleGrant
from core.models.enums import Role
from core.orm import column_length
from core.services.access import TOP_UNITS_SQL, Grant
from core.services.errors import ErrorCode, ErrorCollector, ServiceError
from core.settings import Settings
from core.text import api_names, nfc

TOKEN_PREFIX = "hv_"
"""API tokens start with it, so a leaked one is recognisable (secret scanners, logs)."""
TOUCH_INTERVAL = timedelta(minutes=1)
"""A session's last activity is written at most this often (not on every request)."""
SECRET_MAX_LENGTH = 100
"""A presented secret longer than this is not looked up."""


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def _usable(secret: str | None) -> bool:
    return bool(secret) and len(secret or "") <= SECRET_MAX_LENGTH


async def start_session(account: Account, settings: Settings, now: datetime) -> str:
    """Open a session for ``account``; returns the secret for the cookie (shown only here)."""
    secret = secrets.token_urlsafe(32)
    await AccountSession.create(
        account_id=account.id,
        token_hash=secret_hash(secret),
        last_seen_at=now,
        expires_at=now + settings.session_lifetime,
    )
    return secret


@dataclass(frozen=True)
class SessionViewer:
    """Who an open session signs in, with their grants (what :class:`Access` is built from)."""

    account: Account
    grants: list[Grant]
    top_units: int


async def session_viewer(
    secret: str | None, settings: Settings, now: datetime
) -> SessionViewer | None:
    """The active account whose open session ``secret`` names, with its grants, or ``None``.

    One statement (the session, its account, the account's grants and the number of top org
    units): a signed-in request pays for who asks once. A session idle longer than
    ``settings.session_idle`` or past its absolute expiry is ended here; an active one has its
    last activity moved on (at most once per :data:`TOUCH_INTERVAL`).
    """
    if not _usable(secret):
        return None
    assert secret is not None
    db = AccountSession._meta.db
    _, records = await db.execute_query(
        _session_statement(db.capabilities.dialect), [secret_hash(secret)]
    )
    if not records:
        return None
    first = dict(records[0])
    seen = _LAST_SEEN.to_python_value(first["s_last_seen_at"])
    if (
        now >= _EXPIRES.to_python_value(first["s_expires_at"])
        or now - seen >= settings.session_idle
    ):
        await AccountSession.filter(id=first["s_id"]).update(ended_at=now)
        return None
    account = Account._init_from_db(
        **{column: first[f"a_{column}"] for column in Account._meta.db_fields}
    )
    if not account.active:
        return None
    if now - seen >= TOUCH_INTERVAL:
        await AccountSession.filter(id=first["s_id"]).update(last_seen_at=now)
    grants = [
        Grant(Role(record["g_role"]), record["g_unit"], record["g_path"])
        for record in records
        if record["g_role"] is not None
    ]
    return SessionViewer(account, grants, int(first["top_units"]))


_LAST_SEEN = AccountSession._meta.fields_map["last_seen_at"]
_EXPIRES = AccountSession._meta.fields_map["expires_at"]


@cache
def _session_statement(dialect: str) -> str:
    """The statement of :func:`session_viewer` for ``dialect``, written once."""
    account = ", ".join(f'a."{column}" AS "a_{column}"' for column in Account._meta.db_fields)
    parameter = "$1" if dialect == "postgres" else "?"
    return (
        f'SELECT s."id" AS "s_id", s."last_seen_at" AS "s_last_seen_at", '
        f's."expires_at" AS "s_expires_at", {account}, g."role" AS "g_role", '
        'g."org_unit_id" AS "g_unit", u."path" AS "g_path", '
        f"({TOP_UNITS_SQL}) AS top_units "
        'FROM "account_session" s JOIN "account" a ON a."id" = s."account_id" '
        'LEFT JOIN "role_grant" g ON g."account_id" = a."id" '
        'LEFT JOIN "org_unit" u ON u."id" = g."org_unit_id" '
        f'WHERE s."token_hash" = {parameter} AND s."ended_at" IS NULL'
    )


async def end_session(secret: str | None, now: datetime) -> bool:
    """End the session ``secret`` names; whether there was one open."""
    if not _usable(secret):
        return False
    assert secret is not None
    ended = await AccountSession.filter(token_hash=secret_hash(secret), ended_at=None).update(
        ended_at=now
    )
    return ended > 0


@dataclass(frozen=True)
class IssuedToken:
    """A new API token: the secret (shown once) and its record."""

    secret: str
    token: ApiToken


async def create_api_token(
    account: Account,
    name: str,
    expires_at: datetime | None,
    now: datetime,
    roles: frozenset[Role] | None = None,
) -> IssuedToken:
    """A new bearer token acting for ``account`` with its roles, or only with ``roles`` (which
    the account must hold); raises :class:`ServiceError` on bad input."""
    errors = ErrorCollector()
    name = nfc(name).strip()
    errors.check_required_text(
        "name",
        name,
        column_length(ApiToken, "name"),
        "Name the token after the service that uses it.",
    )
    if expires_at is not None and expires_at <= now:
        errors.add("expiresAt", ErrorCode.INVALID, "The expiry must be in the future.")
    if roles is not None:
        held = set(await RoleGrant.filter(account_id=account.id).values_list("role", flat=True))
        if not roles:
            errors.add("roles", ErrorCode.REQUIRED, "Name at least one role, or omit the list.")
        elif missing := [role for role in roles if role not in held]:
            errors.add(
                "roles",
                ErrorCode.INVALID,
                f"You do not hold these roles: {api_names(missing)}.",
            )
    if errors.errors:
        raise ServiceError(errors.errors)
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = await ApiToken.create(
        account_id=account.id,
        name=name,
        token_hash=secret_hash(secret),
        expires_at=expires_at,
        roles=None if roles is None else ",".join(sorted(role.value for role in roles)),
    )
    return IssuedToken(secret, token)


def token_roles(token: ApiToken) -> frozenset[Role] | None:
    """The roles ``token`` is limited to, or ``None`` for all of its owner's."""
    return None if token.roles is None else frozenset(Role(r) for r in token.roles.split(","))


async def token_in_use(secret: str | None, now: datetime) -> ApiToken | None:
    """The unrevoked, unexpired API token ``secret`` names, with its active account loaded
    (``token.account``), or ``None``."""
    if not _usable(secret):
        return None
    assert secret is not None
    token = await ApiToken.get_or_none(
        token_hash=secret_hash(secret), revoked_at=None
    ).select_related("account")
    if token is None or (token.expires_at is not None and now >= token.expires_at):
        return None
    if not token.account.active:
        return None
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_INTERVAL:
        await ApiToken.filter(id=token.id).update(last_used_at=now)
    return token


async def revoke_api_token(account: Account, token_id: int, now: datetime) -> ApiToken:
    """Revoke one of ``account``'s tokens (another account's is "not found")."""
    token = await ApiToken.get_or_none(id=token_id, account_id=account.id)
    if token is None:
        raise ServiceError.single("id", ErrorCode.NOT_FOUND, "No token of yours has this ID.")
    if token.revoked_at is None:
        token.revoked_at = now
        await token.save(update_fields=["revoked_at"])
    return token
