"""Accounts and sign-in checks (core/services/accounts.py), on both databases."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from core.models import Account, AccountSession, ApiToken, SignInFailure
from core.services import accounts
from core.services.accounts import (
    FAILURE_WINDOW,
    FAILURES_ALLOWED,
    WRONG_CREDENTIALS,
    AccountDraft,
    SignInRefusedError,
    authenticate,
    create_account,
    deactivate_account,
    set_password,
)
from core.services.errors import ErrorCode, ServiceError
from core.settings import Settings
from tests import factories

PASSWORD = "Hà Giang 2019 học việc"


async def nhien(settings: Settings, **overrides: Any) -> Account:
    draft = AccountDraft("Nhien.HV", "Hoàng Văn Nhiên", PASSWORD)
    return await create_account(replace(draft, **overrides), settings)


async def test_an_account_keeps_a_normalised_name_and_only_an_argon2_hash(db, settings):
    account = await nhien(settings)

    stored = await Account.get(id=account.id)
    assert stored.username == "nhien.hv"
    assert stored.display_name == "Hoàng Văn Nhiên"
    assert stored.password_hash.startswith("$argon2id$")
    assert PASSWORD not in stored.password_hash
    assert stored.active


async def test_a_bad_account_draft_reports_every_problem_and_writes_nothing(db, settings):
    await nhien(settings)
    official = await factories.official("Lò Văn Pể")
    await nhien(settings, username="pe.lv", official_id=official.id)

    with pytest.raises(ServiceError) as refused:
        await create_account(
            AccountDraft("NHIEN.hv", "  ", "short", official_id=official.id), settings
        )

    assert {(e.field, e.code) for e in refused.value.errors} == {
        ("username", ErrorCode.DUPLICATE),
        ("displayName", ErrorCode.REQUIRED),
        ("password", ErrorCode.INVALID),
        ("officialId", ErrorCode.DUPLICATE),
    }
    assert await Account.all().count() == 2


@pytest.mark.parametrize(
    "username", ["ab", "-dash", "tên có dấu", "a" * 65, "semi;colon", "nul\x00name"]
)
async def test_a_sign_in_name_is_letters_digits_dots_dashes_or_underscores(db, settings, username):
    with pytest.raises(ServiceError) as refused:
        await nhien(settings, username=username)

    [error] = refused.value.errors
    assert error.field == "username"
    assert error.code in (ErrorCode.INVALID, ErrorCode.TOO_LONG)


async def test_sign_in_ignores_the_case_of_the_name_and_records_the_time(db, settings):
    created = await nhien(settings)
    at = accounts.now()

    account = await authenticate("NHIEN.HV", PASSWORD, "10.0.0.1", settings, at)

    assert account.id == created.id
    assert (await Account.get(id=created.id)).last_sign_in_at == at


async def test_a_wrong_password_and_an_unknown_name_get_the_same_answer(db, settings):
    await nhien(settings)
    at = accounts.now()

    with pytest.raises(SignInRefusedError) as wrong_password:
        await authenticate("nhien.hv", "not the password at all", "10.0.0.1", settings, at)
    with pytest.raises(SignInRefusedError) as unknown_name:
        await authenticate("nobody.here", PASSWORD, "10.0.0.2", settings, at)

    assert str(wrong_password.value) == str(unknown_name.value) == WRONG_CREDENTIALS
    assert wrong_password.value.retry_after is None is unknown_name.value.retry_after


class CountingVerifications:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        original = accounts.verify_password

        async def counting(*args: Any) -> Any:
            self.count += 1
            return await original(*args)

        monkeypatch.setattr(accounts, "verify_password", counting)


async def test_the_tenth_failure_in_a_minute_waits_without_any_hash(db, settings, monkeypatch):
    # given nine failed sign-ins for one name within a minute, from several addresses
    await nhien(settings)
    start = accounts.now()
    for attempt in range(FAILURES_ALLOWED):
        with pytest.raises(SignInRefusedError):
            at = start + timedelta(seconds=attempt)
            await authenticate(
                "nhien.hv", f"guess number {attempt}", f"10.0.0.{attempt}", settings, at
            )
    verifications = CountingVerifications(monkeypatch)
    # when the right password comes next, still within the minute
    with pytest.raises(SignInRefusedError) as refused:
        await authenticate(
            "nhien.hv", PASSWORD, "10.0.1.1", settings, start + timedelta(seconds=20)
        )
    # then it is refused with a retry-after, and no password was checked
    assert refused.value.retry_after == 40
    assert verifications.count == 0
    # and once the window has passed, the right password signs in
    later = start + FAILURE_WINDOW + timedelta(seconds=1)
    account = await authenticate("nhien.hv", PASSWORD, "10.0.1.1", settings, later)
    assert account.username == "nhien.hv"


async def test_failures_from_one_address_slow_it_down_whatever_the_name(db, settings):
    start = accounts.now()
    for attempt in range(FAILURES_ALLOWED):
        with pytest.raises(SignInRefusedError):
            await authenticate(f"name{attempt}", "a wrong password", "10.9.9.9", settings, start)

    with pytest.raises(SignInRefusedError) as refused:
        await authenticate("another.name", "a wrong password", "10.9.9.9", settings, start)

    assert refused.value.retry_after == 60
    # another address is not slowed down
    with pytest.raises(SignInRefusedError) as elsewhere:
        await authenticate("another.name", "a wrong password", "10.9.9.8", settings, start)
    assert elsewhere.value.retry_after is None
    assert await SignInFailure.all().count() == 2 * (FAILURES_ALLOWED + 1)


async def test_a_hash_made_with_old_parameters_is_renewed_at_sign_in(db, settings):
    await nhien(settings)
    stronger = replace(settings, password_time_cost=settings.password_time_cost + 1)

    await authenticate("nhien.hv", PASSWORD, None, stronger, accounts.now())

    renewed = (await Account.get(username="nhien.hv")).password_hash
    assert f"t={stronger.password_time_cost}," in renewed


async def test_deactivating_an_account_ends_its_access_at_once(db, settings):
    account = await nhien(settings)
    at = accounts.now()
    await AccountSession.create(
        account_id=account.id, token_hash="a" * 64, last_seen_at=at, expires_at=at
    )
    await ApiToken.create(account_id=account.id, name="portal", token_hash="b" * 64)

    await deactivate_account(account.id)

    assert await AccountSession.filter(ended_at=None).count() == 0
    assert await ApiToken.filter(revoked_at=None).count() == 0
    with pytest.raises(SignInRefusedError):
        await authenticate("nhien.hv", PASSWORD, None, settings, accounts.now())


async def test_a_password_reset_replaces_the_password(db, settings):
    account = await nhien(settings)

    with pytest.raises(ServiceError):
        await set_password(account.id, "too short", settings)
    await set_password(account.id, "Bắc Quang 23 xã 505 chức danh", settings)

    with pytest.raises(SignInRefusedError):
        await authenticate("nhien.hv", PASSWORD, None, settings, accounts.now())
    signed_in = await authenticate(
        "nhien.hv", "Bắc Quang 23 xã 505 chức danh", None, settings, accounts.now()
    )
    assert signed_in.id == account.id
