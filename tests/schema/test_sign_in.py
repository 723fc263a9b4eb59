"""Signing in and out, sessions and API tokens, through GraphQL over HTTP (both databases)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from core.http import SESSION_COOKIE, credentials
from core.models import AccountSession, ApiToken, RoleGrant, Track
from core.models.enums import Role
from core.services import accounts
from core.services.accounts import FAILURES_ALLOWED, AccountDraft, create_account
from core.services.sessions import secret_hash
from hocviec.testing import client_of
from tests import factories
from tests.factories import gid
from tests.helpers import graphql

PASSWORD = "Hà Giang 2019 học việc"
SIGN_IN = """
mutation($input: SignInInput!) {
  signIn(input: $input) { viewer { username displayName } errors { field code message } }
}
"""
SIGN_OUT = "mutation { signOut { signedOut } }"
ME = "{ me { username displayName lastSignInAt official { fullName } } }"
CREATE_TOKEN = """
mutation($input: CreateApiTokenInput!) {
  createApiToken(input: $input) { token apiToken { id name expiresAt } errors { field code } }
}
"""
REVOKE_TOKEN = """
mutation($input: RevokeApiTokenInput!) {
  revokeApiToken(input: $input) { apiToken { revokedAt } errors { field code } }
}
"""


@pytest.fixture
def client(anonymous: httpx.AsyncClient) -> httpx.AsyncClient:
    """These tests sign in themselves: their client starts signed out."""
    return anonymous


@pytest.fixture
async def account(db, settings):
    return await create_account(AccountDraft("nhien.hv", "Hoàng Văn Nhiên", PASSWORD), settings)


async def sign_in(
    client: httpx.AsyncClient, username: str = "nhien.hv", password: str = PASSWORD
) -> tuple[dict[str, Any], httpx.Response]:
    response = await client.post(
        "/graphql",
        json={
            "query": SIGN_IN,
            "variables": {"input": {"username": username, "password": password}},
        },
    )
    return response.json()["data"]["signIn"], response


def set_cookie(response: httpx.Response) -> str:
    [header] = response.headers.get_list("set-cookie")
    return header


async def test_signing_in_opens_a_session_held_by_an_httponly_cookie(client, account):
    # when the right name (in any case) and password are given
    payload, response = await sign_in(client, "Nhien.HV")
    # then the viewer comes back with a session cookie a script cannot read
    assert payload == {
        "viewer": {"username": "nhien.hv", "displayName": "Hoàng Văn Nhiên"},
        "errors": [],
    }
    cookie = set_cookie(response)
    attributes = [part.strip() for part in cookie.split(";")]
    assert attributes[0].startswith(f"{SESSION_COOKIE}=")
    assert {"HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=43200"} <= set(attributes)
    assert "Secure" not in attributes  # plain http in this test
    # and the database keeps only a hash of the secret
    secret = attributes[0].split("=", 1)[1]
    [session] = await AccountSession.all()
    assert session.token_hash == secret_hash(secret) != secret
    # and the next request with the cookie is signed in
    me = await graphql(client, ME)
    assert me["data"]["me"]["username"] == "nhien.hv"
    assert me["data"]["me"]["lastSignInAt"] is not None


async def test_the_cookie_is_secure_over_https(app: Starlette, account) -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://hocviec.test") as https:
        _, response = await sign_in(https)
    assert "Secure" in [part.strip() for part in set_cookie(response).split(";")]


async def test_without_a_session_nobody_is_signed_in(client, account):
    assert (await graphql(client, ME))["data"] == {"me": None}
    client.cookies.set(SESSION_COOKIE, "not-a-session")
    assert (await graphql(client, ME))["data"] == {"me": None}


async def test_a_wrong_password_and_an_unknown_name_read_the_same(client, account, caplog):
    with caplog.at_level(logging.DEBUG):
        wrong_password, first = await sign_in(client, password="Hà Giang 2019 học việt")
        unknown_name, second = await sign_in(client, username="nobody.here")

    assert (
        wrong_password
        == unknown_name
        == {
            "viewer": None,
            "errors": [
                {
                    "field": None,
                    "code": "WRONG_CREDENTIALS",
                    "message": "Wrong sign-in name or password.",
                }
            ],
        }
    )
    assert "set-cookie" not in first.headers and "set-cookie" not in second.headers
    # and no password reaches the log, at any level
    assert "Hà Giang 2019" not in caplog.text


async def test_the_tenth_failure_in_a_minute_must_wait(client, account):
    for _ in range(FAILURES_ALLOWED):
        await sign_in(client, password="a wrong password")

    payload, _ = await sign_in(client)

    [error] = payload["errors"]
    assert error["code"] == "TOO_MANY_ATTEMPTS"
    assert error["message"].startswith("Too many failed sign-ins; try again in ")
    assert payload["viewer"] is None


async def test_signing_out_ends_the_session_for_good(client, account):
    await sign_in(client)
    secret = client.cookies[SESSION_COOKIE]

    response = await client.post("/graphql", json={"query": SIGN_OUT})

    assert response.json()["data"] == {"signOut": {"signedOut": True}}
    assert "Max-Age=0" in set_cookie(response)
    # the cookie is cleared, and the old secret no longer signs in anyone
    client.cookies.clear()
    client.cookies.set(SESSION_COOKIE, secret)
    assert (await graphql(client, ME))["data"] == {"me": None}
    again = await client.post("/graphql", json={"query": SIGN_OUT})
    assert again.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert "Max-Age=0" in set_cookie(again)  # the stale cookie is cleared all the same


@pytest.mark.parametrize("moved", ["idle", "absolute"])
async def test_a_session_ends_when_idle_or_too_old(client, account, settings, moved):
    await sign_in(client)
    session = await AccountSession.get()
    if moved == "idle":
        session.last_seen_at -= settings.session_idle
    else:
        session.expires_at = accounts.now() - timedelta(seconds=1)
    await session.save()

    assert (await graphql(client, ME))["data"] == {"me": None}
    assert (await AccountSession.get()).ended_at is not None


@pytest.fixture
async def signed_in(client, account) -> AsyncIterator[httpx.AsyncClient]:
    await sign_in(client)
    yield client


async def create_token(client: httpx.AsyncClient, **fields: Any) -> dict[str, Any]:
    variables = {"input": {"name": "Cổng thông tin huyện", **fields}}
    body = await graphql(client, CREATE_TOKEN, variables)
    return body["data"]["createApiToken"]


def bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


async def test_an_api_token_is_shown_once_and_acts_for_its_account(signed_in, app):
    created = await create_token(signed_in)

    assert created["errors"] == []
    assert created["token"].startswith("hv_")
    assert created["apiToken"]["name"] == "Cổng thông tin huyện"
    [stored] = await ApiToken.all()
    assert stored.token_hash == secret_hash(created["token"])
    # a service without the cookie, with the token, is the account
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://hocviec.test") as service:
        response = await service.post(
            "/graphql", json={"query": ME}, headers=bearer(created["token"])
        )
        assert response.json()["data"]["me"]["username"] == "nhien.hv"
        # until it is revoked
        revoked = await graphql(
            signed_in, REVOKE_TOKEN, {"input": {"id": created["apiToken"]["id"]}}
        )
        assert revoked["data"]["revokeApiToken"]["apiToken"]["revokedAt"] is not None
        response = await service.post(
            "/graphql", json={"query": ME}, headers=bearer(created["token"])
        )
        assert response.json()["data"]["me"] is None


async def test_an_expired_token_signs_in_nobody(signed_in):
    created = await create_token(signed_in)
    token = await ApiToken.get()
    token.expires_at = accounts.now() - timedelta(seconds=1)
    await token.save()

    signed_in.cookies.clear()
    body = await signed_in.post("/graphql", json={"query": ME}, headers=bearer(created["token"]))

    assert body.json()["data"] == {"me": None}


async def test_bad_token_inputs_are_user_errors(signed_in, settings):
    past = (accounts.now() - timedelta(days=1)).isoformat()
    created = await create_token(signed_in, name=" ", expiresAt=past)
    assert {(e["field"], e["code"]) for e in created["errors"]} == {
        ("name", "REQUIRED"),
        ("expiresAt", "INVALID"),
    }
    other = await create_account(AccountDraft("hoa.tt", "Trần Thị Hoa", PASSWORD), settings)
    theirs = await ApiToken.create(account_id=other.id, name="their portal", token_hash="c" * 64)
    for token_id, code in ((gid("ApiToken", theirs.id), "NOT_FOUND"), ("bad", "INVALID_ID")):
        body = await graphql(signed_in, REVOKE_TOKEN, {"input": {"id": token_id}})
        assert body["data"]["revokeApiToken"]["errors"] == [{"field": "id", "code": code}]
    assert (await ApiToken.get(id=theirs.id)).revoked_at is None


async def test_token_mutations_need_a_signed_in_viewer(client, account):
    body = await graphql(client, CREATE_TOKEN, {"input": {"name": "portal"}})

    assert body["data"] is None
    [error] = body["errors"]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert await ApiToken.all().count() == 0


async def test_deactivation_signs_the_account_out_everywhere(signed_in):
    created = await create_token(signed_in)
    account = await accounts.Account.get(username="nhien.hv")

    await accounts.deactivate_account(account.id)

    assert (await graphql(signed_in, ME))["data"] == {"me": None}
    signed_in.cookies.clear()
    response = await signed_in.post(
        "/graphql", json={"query": ME}, headers=bearer(created["token"])
    )
    assert response.json()["data"] == {"me": None}


async def test_a_cross_site_form_cannot_run_a_mutation_with_the_cookie(signed_in):
    # a page elsewhere can post a form to /graphql, and the browser sends the Lax cookie only
    # for top-level navigations; either way a form is not JSON and is refused before running
    response = await signed_in.post(
        "/graphql",
        content='query=mutation { createApiToken(input: {name: "x"}) { token } }',
        headers={"content-type": "application/x-www-form-urlencoded"},
    )

    assert response.status_code == 415
    assert await ApiToken.all().count() == 0


def scope(peer: str, headers: dict[str, str], scheme: str = "http") -> dict[str, Any]:
    return {
        "client": (peer, 50000),
        "scheme": scheme,
        "headers": [(name.encode(), value.encode()) for name, value in headers.items()],
    }


def test_forwarded_headers_count_only_from_a_trusted_proxy():
    forwarded = {"x-forwarded-for": "203.0.113.9, 10.0.0.2", "x-forwarded-proto": "https"}
    proxies = frozenset({"10.0.0.2"})

    trusted = credentials(scope("10.0.0.2", forwarded), proxies)
    anyone = credentials(scope("198.51.100.7", forwarded), proxies)
    garbage = credentials(scope("10.0.0.2", {"x-forwarded-for": "not an address"}), proxies)

    assert (trusted.address, trusted.https) == ("203.0.113.9", True)
    assert (anyone.address, anyone.https) == ("198.51.100.7", False)
    assert garbage.address is None


LIMITED_TOKEN = """
mutation($input: CreateApiTokenInput!) {
  createApiToken(input: $input) { token apiToken { roles } errors { field code } }
}
"""


async def test_a_token_limited_to_some_roles_acts_with_those_only(signed_in, account, app):
    # given an account coordinating a district and viewing it too
    district = await factories.district()
    for role in (Role.COORDINATOR, Role.VIEWER):
        await RoleGrant.create(account=account, role=role, org_unit=district)
    # when it makes a token for a reporting service that only reads
    made = await graphql(
        signed_in, LIMITED_TOKEN, {"input": {"name": "báo cáo", "roles": ["VIEWER"]}}
    )
    refused = await graphql(
        signed_in, LIMITED_TOKEN, {"input": {"name": "quá quyền", "roles": ["ADMIN"]}}
    )
    created = made["data"]["createApiToken"]
    # then the token reads, but cannot manage what its owner can
    async with client_of(app) as service:
        service.headers.update(bearer(created["token"]))
        read = await graphql(service, "{ officials { totalCount } }")
        managed = await graphql(
            service,
            "mutation($input: CreateCohortInput!) "
            "{ createCohort(input: $input) { errors { code } } }",
            {
                "input": {
                    "name": "Khóa 2020",
                    "trackId": gid("Track", (await Track.get(code="party_committee")).id),
                    "startsOn": "2020-03-02",
                    "endsOn": "2020-05-29",
                    "capacity": 5,
                    "orgUnitId": gid("OrgUnit", district.id),
                }
            },
        )
    assert created["apiToken"]["roles"] == ["VIEWER"]
    assert "errors" not in read
    assert managed["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    # and no token gets a role its owner does not hold
    assert refused["data"]["createApiToken"]["errors"] == [{"field": "roles", "code": "INVALID"}]
