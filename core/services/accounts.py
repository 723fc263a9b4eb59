"""Accounts: creating them, checking a sign-in, changing passwords, deactivating.

Rules kept here, for the API, the CLI and the tests alike:

- sign-in names are normalised (NFC, lower case, surrounding spaces dropped) and made of
  letters, digits, ``.``, ``_`` and ``-``;
- a wrong name and a wrong password get the same answer in about the same time;
- failed sign-ins are counted per name and per client address over
  :data:`FAILURE_WINDOW`; from :data:`FAILURES_ALLOWED` failures on, a sign-in is refused with a
  retry-after before any hash is computed (the count is in the database, so it holds across
  workers);
- a successful sign-in renews a hash made with old parameters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from math import ceil

from tortoise.transactions import in_transaction

from core import clock
from core.models import Account, AccountSession, ApiToken, Official, SignInFailure
from core.models.accounts import USERNAME_MAX_LENGTH
from core.orm import column_length
from core.services.errors import ErrorCode, ErrorCollector, ServiceError
from core.services.passwords import MAX_LENGTH as PASSWORD_MAX_LENGTH
from core.services.passwords import (
    HashParameters,
    hash_password,
    password_problem,
    spend_a_verification,
    verify_password,
)
from core.settings import Settings
from core.text import nfc

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
FAILURE_WINDOW = timedelta(minutes=1)
FAILURES_ALLOWED = 9
"""Failures per name or address within the window before sign-ins are refused for a while:
the tenth attempt in a minute waits."""
WRONG_CREDENTIALS = "Wrong sign-in name or password."


def hash_parameters(settings: Settings) -> HashParameters:
    return HashParameters(
        memory_kib=settings.password_memory_kib, time_cost=settings.password_time_cost
    )


def normalised_username(username: str) -> str:
    return nfc(username).strip().lower()


def given_username(errors: ErrorCollector, username: str, field: str = "username") -> str:
    """A sign-in name from an input, normalised; a blank, over-long or unstorable one is
    recorded in ``errors`` (before anything is looked up)."""
    name = normalised_username(username)
    errors.check_required_text(field, name, USERNAME_MAX_LENGTH, "Give the account's sign-in name.")
    return name


@dataclass(frozen=True)
class AccountDraft:
    """What creating an account takes; ``official_id`` links a learner to their record."""

    username: str
    display_name: str
    password: str
    official_id: int | None = None


async def create_account(draft: AccountDraft, settings: Settings) -> Account:
    """Create an account, or raise :class:`ServiceError` listing every problem of ``draft``."""
    errors = ErrorCollector()
    username = normalised_username(draft.username)
    if errors.check_text("username", username, USERNAME_MAX_LENGTH) and not USERNAME.match(
        username
    ):
        errors.add(
            "username",
            ErrorCode.INVALID,
            "3 to 64 letters, digits, dots, dashes or underscores, starting with a letter or "
            "digit.",
        )
    display_name = nfc(draft.display_name).strip()
    errors.check_required_text(
        "displayName",
        display_name,
        column_length(Account, "display_name"),
        "A display name is required.",
    )
    if (problem := password_problem(draft.password)) is not None:
        errors.add("password", ErrorCode.INVALID, problem)
    if not errors.has("username") and await Account.exists(username=username):
        errors.add("username", ErrorCode.DUPLICATE, "This sign-in name is taken.")
    if draft.official_id is not None:
        if not await Official.exists(id=draft.official_id):
            errors.add("officialId", ErrorCode.NOT_FOUND, "No official has this ID.")
        elif await Account.exists(official_id=draft.official_id):
            errors.add("officialId", ErrorCode.DUPLICATE, "This official has an account already.")
    if errors.errors:
        raise ServiceError(errors.errors)
    password_hash = await hash_password(draft.password, hash_parameters(settings))
    return await Account.create(
        username=username,
        display_name=display_name,
        password_hash=password_hash,
        official_id=draft.official_id,
    )


class SignInRefusedError(Exception):
    """A sign-in that did not succeed: wrong credentials, or too many recent failures.

    The message never says whether the name exists. ``retry_after`` (seconds) is set when the
    attempt was not even checked because of earlier failures.
    """

    def __init__(self, retry_after: int | None = None) -> None:
        self.retry_after = retry_after
        if retry_after is None:
            super().__init__(WRONG_CREDENTIALS)
        else:
            super().__init__(f"Too many failed sign-ins; try again in {retry_after} seconds.")


def failure_keys(username: str, address: str | None) -> list[str]:
    """The counters a failed sign-in adds to: its name (any name that cannot exist shares one)
    and its address."""
    name = normalised_username(username)
    keys = [f"name:{name}" if USERNAME.match(name) else "name:"]
    if address:
        keys.append(f"address:{address}")
    return keys


async def authenticate(
    username: str, password: str, address: str | None, settings: Settings, now: datetime
) -> Account:
    """The active account ``username`` names if ``password`` is its password (a demo
    account: never in production).

    Raises :class:`SignInRefusedError` otherwise, recording the failure; refuses without checking
    while the name or the address has :data:`FAILURES_ALLOWED` failures in the window.
    """
    keys = failure_keys(username, address)
    since = now - FAILURE_WINDOW
    await SignInFailure.filter(failed_at__lt=since).delete()
    waits = []
    for key in keys:
        recent = await SignInFailure.filter(key=key, failed_at__gte=since).order_by("failed_at")
        if len(recent) >= FAILURES_ALLOWED:
            oldest = recent[len(recent) - FAILURES_ALLOWED].failed_at
            waits.append(ceil((oldest + FAILURE_WINDOW - now).total_seconds()))
    if waits:
        raise SignInRefusedError(retry_after=max(1, max(waits)))
    parameters = hash_parameters(settings)
    account = None
    name = normalised_username(username)
    if USERNAME.match(name) and len(password) <= PASSWORD_MAX_LENGTH:
        account = await Account.get_or_none(username=name, active=True)
    if account is not None and account.is_demo and settings.production:
        account = None  # its password is published: in production it is nobody
    if account is None:
        await spend_a_verification(parameters)
        await _record_failure(keys, now)
        raise SignInRefusedError()
    verdict = await verify_password(account.password_hash, password, parameters)
    if not verdict.matches:
        await _record_failure(keys, now)
        raise SignInRefusedError()
    account.last_sign_in_at = now
    updated = ["last_sign_in_at"]
    if verdict.needs_rehash:
        account.password_hash = await hash_password(password, parameters)
        updated.append("password_hash")
    await account.save(update_fields=updated)
    return account


async def _record_failure(keys: list[str], now: datetime) -> None:
    await SignInFailure.bulk_create([SignInFailure(key=key, failed_at=now) for key in keys])


def check_password(errors: ErrorCollector, password: str) -> None:
    """Record why ``password`` cannot be used, if it cannot (before anything is looked up)."""
    if (problem := password_problem(password)) is not None:
        errors.add("password", ErrorCode.INVALID, problem)


async def set_password(account_id: int, password: str, settings: Settings) -> Account:
    """Give an account a new password (an admin's reset); its sessions and tokens end."""
    errors = ErrorCollector()
    check_password(errors, password)
    errors.raise_if_any()
    account = await _account(account_id)
    password_hash = await hash_password(password, hash_parameters(settings))
    async with in_transaction():
        account.password_hash = password_hash
        await account.save(update_fields=["password_hash"])
        await end_access(account.id, now())
    return account


async def deactivate_account(account_id: int) -> Account:
    """Stop an account from signing in; its sessions and tokens end at once."""
    account = await _account(account_id)
    async with in_transaction():
        account.active = False
        await account.save(update_fields=["active"])
        await end_access(account.id, now())
    return account


async def end_access(account_id: int, at: datetime) -> None:
    """End every open session and API token of an account."""
    await AccountSession.filter(account_id=account_id, ended_at=None).update(ended_at=at)
    await ApiToken.filter(account_id=account_id, revoked_at=None).update(revoked_at=at)


async def _account(account_id: int) -> Account:
    account = await Account.get_or_none(id=account_id)
    if account is None:
        raise ServiceError.single("accountId", ErrorCode.NOT_FOUND, "No account has this ID.")
    return account


def now() -> datetime:
    """The services' clock (:func:`core.clock.now`)."""
    return clock.now()
