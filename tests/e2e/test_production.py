"""HOCVIEC_ENV over HTTP: what production changes (Secure cookies, CORS from the allow-list only,
introspection and suggestions for signed-in staff only) and what development keeps open.

Each test runs apps of its own (``serving``) on the session's database, with the settings it
needs; accounts are made through the ORM (``db``) and signed in by a session cookie.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from core.http import SESSION_COOKIE
from core.models import Account, RoleGrant
from core.models.enums import OrgLevel, Role
from core.services.accounts import AccountDraft, create_account, now
from core.services.records import create_org_unit
from core.services.sessions import start_session
from core.settings import Settings
from tests.conftest import builtin_registry
from tests.fixtures.plugins import serving
from tests.helpers import VIEWER_STATEMENTS, count_queries

PASSWORD = "Hà Giang 2019 học việc"
SIGN_IN = """
mutation($input: SignInInput!) { signIn(input: $input) { viewer { username } errors { code } } }
"""
SIGN_OUT = "mutation { signOut { signedOut } }"
INTROSPECTION = "{ __schema { queryType { name } } }"
TYPE_IN_A_FRAGMENT = """
query { ...Types }
fragment Types on Query { catalogue: __type(name: "Track") { ... on __Type { name } } }
"""
TYPENAME = "{ __typename plugins { __typename id } }"
MISSPELT = "{ plugins { idd } }"
MISSPELT_MESSAGE = "Cannot query field 'idd' on type 'Plugin'."
SUGGESTION = " Did you mean 'id'?"
FILTERED_TRACKS = "query($filter: TrackFilter) { tracks(filter: $filter) { totalCount } }"
LISTED = "https://hocviec.example.vn"
STRANGER = "https://elsewhere.example"
LOCAL = "http://localhost:5173"
PREFLIGHT = {
    "access-control-request-method": "POST",
    "access-control-request-headers": "content-type",
}


@asynccontextmanager
async def app_in(
    settings: Settings, environment: str, **changes: Any
) -> AsyncIterator[httpx.AsyncClient]:
    """A client of an app of its own run in ``environment`` (with ``changes`` to settings)."""
    changed = dataclasses.replace(settings, environment=environment, **changes)
    async with serving(changed, builtin_registry()) as http:
        yield http


async def session_of(settings: Settings, *roles: Role) -> str:
    """A new account holding ``roles`` on a new province; returns its session cookie."""
    suffix = uuid.uuid4().hex[:8]
    account = await Account.create(username=f"tk{suffix}", display_name="Cán bộ", password_hash="!")
    if roles:
        unit = await create_org_unit(f"T{suffix}", f"Tỉnh {suffix}", OrgLevel.PROVINCE)
        for role in roles:
            await RoleGrant.create(account_id=account.id, role=role, org_unit_id=unit.id)
    return await start_session(account, settings, now())


async def post(
    http: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    session: str | None = None,
    accept: str = "application/json",
) -> httpx.Response:
    """POST ``query``, signed in by the session cookie ``session`` if given."""
    headers = {"accept": accept}
    if session is not None:
        headers["cookie"] = f"{SESSION_COOKIE}={session}"
    return await http.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
    )


def codes(body: dict[str, Any]) -> list[str]:
    return [error["extensions"]["code"] for error in body.get("errors", ())]


def cookie_attributes(response: httpx.Response) -> set[str]:
    [header] = response.headers.get_list("set-cookie")
    return {part.strip() for part in header.split(";")}


# --------------------------------------------------------------------------------------------
# Secure cookies
# --------------------------------------------------------------------------------------------


async def sign_in(http: httpx.AsyncClient, username: str) -> httpx.Response:
    variables = {"input": {"username": username, "password": PASSWORD}}
    response = await post(http, SIGN_IN, variables)
    assert response.json()["data"]["signIn"] == {"viewer": {"username": username}, "errors": []}
    return response


async def test_production_marks_the_session_cookie_secure_even_over_plain_http(
    settings: Settings, db: None
) -> None:
    # given an account and an app in production, reached over plain http (behind a proxy)
    await create_account(AccountDraft("nhien.hv", "Hoàng Văn Nhiên", PASSWORD), settings)
    async with app_in(settings, "production") as http:
        # when the account signs in, then out
        signed_in = await sign_in(http, "nhien.hv")
        http.cookies.clear()
        secret = next(
            part.split("=", 1)[1]
            for part in cookie_attributes(signed_in)
            if part.startswith(f"{SESSION_COOKIE}=")
        )
        signed_out = await post(http, SIGN_OUT, session=secret)
    # then both cookies, the session and its removal, are Secure
    assert {"Secure", "HttpOnly", "SameSite=Lax"} <= cookie_attributes(signed_in)
    assert signed_out.json()["data"] == {"signOut": {"signedOut": True}}
    assert {"Secure", "Max-Age=0"} <= cookie_attributes(signed_out)


async def test_development_marks_the_session_cookie_secure_only_over_https(
    settings: Settings, db: None
) -> None:
    await create_account(AccountDraft("nhien.hv", "Hoàng Văn Nhiên", PASSWORD), settings)
    async with app_in(settings, "development") as http:
        response = await sign_in(http, "nhien.hv")

    assert "Secure" not in cookie_attributes(response)
    assert "HttpOnly" in cookie_attributes(response)


# --------------------------------------------------------------------------------------------
# CORS
# --------------------------------------------------------------------------------------------


def cors_headers(response: httpx.Response) -> dict[str, str]:
    return {
        name: value
        for name, value in response.headers.items()
        if name.startswith("access-control-")
    }


async def cross_origin(http: httpx.AsyncClient, origin: str) -> httpx.Response:
    return await http.post(
        "/graphql", json={"query": "{ plugins { id } }"}, headers={"origin": origin}
    )


async def preflight(http: httpx.AsyncClient, origin: str) -> httpx.Response:
    return await http.options("/graphql", headers={"origin": origin, **PREFLIGHT})


@pytest.mark.parametrize("environment", ["production", "development"])
async def test_a_listed_origin_may_call_with_credentials(
    settings: Settings, db: None, environment: str
) -> None:
    async with app_in(settings, environment, cors_origins=frozenset({LISTED})) as http:
        # when a page on the listed origin posts a query
        response = await cross_origin(http, LISTED)
        # and its browser asks first
        asked = await preflight(http, LISTED)
    # then the answer is shared with that origin, cookies included
    assert response.status_code == 200
    assert "errors" not in response.json()
    assert cors_headers(response) == {
        "access-control-allow-origin": LISTED,
        "access-control-allow-credentials": "true",
    }
    assert "origin" in [part.strip() for part in response.headers["vary"].lower().split(",")]
    # and the preflight allows what the endpoint takes
    assert asked.status_code == 204
    assert asked.content == b""
    assert cors_headers(asked) == {
        "access-control-allow-origin": LISTED,
        "access-control-allow-credentials": "true",
        "access-control-allow-methods": "GET, POST",
        "access-control-allow-headers": "content-type, authorization",
        "access-control-max-age": "600",
    }
    assert asked.headers["vary"] == "origin"
    assert asked.headers["x-content-type-options"] == "nosniff"  # the usual headers too


@pytest.mark.parametrize(
    ("environment", "origin"),
    [
        ("production", STRANGER),
        ("production", LOCAL),
        ("production", "http://127.0.0.1:8000"),
        ("development", STRANGER),
        ("development", "https://localhost:5173"),  # the local exception is for http only
        ("development", "http://localhost.elsewhere.example"),
    ],
)
async def test_an_origin_not_allowed_gets_no_cors_headers(
    settings: Settings, db: None, environment: str, origin: str
) -> None:
    async with app_in(settings, environment, cors_origins=frozenset({LISTED})) as http:
        response = await cross_origin(http, origin)
        asked = await preflight(http, origin)
    # the request itself is answered (a browser keeps the answer from the page)
    assert response.status_code == 200
    assert cors_headers(response) == {}
    assert "origin" not in response.headers["vary"].lower()
    # and its preflight is refused
    assert asked.status_code == 403
    assert cors_headers(asked) == {}
    assert codes(asked.json()) == ["FORBIDDEN"]


@pytest.mark.parametrize("origin", [LOCAL, "http://localhost", "http://127.0.0.1:8000"])
async def test_development_allows_a_local_front_end_besides_the_list(
    settings: Settings, db: None, origin: str
) -> None:
    async with app_in(settings, "development") as http:
        response = await cross_origin(http, origin)
        asked = await preflight(http, origin)

    assert response.headers["access-control-allow-origin"] == origin
    assert response.headers["access-control-allow-credentials"] == "true"
    assert asked.status_code == 204
    assert asked.headers["access-control-allow-origin"] == origin


async def test_requests_without_origin_and_other_paths_get_no_cors_headers(
    settings: Settings, db: None
) -> None:
    async with app_in(settings, "production", cors_origins=frozenset({LISTED})) as http:
        same_origin = await http.post("/graphql", json={"query": "{ plugins { id } }"})
        health = await http.get("/health", headers={"origin": LISTED})
        not_a_preflight = await http.options("/graphql", headers={"origin": LISTED})

    assert same_origin.status_code == 200
    assert cors_headers(same_origin) == {}
    assert health.status_code == 200
    assert cors_headers(health) == {}
    # OPTIONS without Access-Control-Request-Method is the endpoint's (405), shared with the
    # origin so its page can read why
    assert not_a_preflight.status_code == 405
    assert not_a_preflight.headers["access-control-allow-origin"] == LISTED


# --------------------------------------------------------------------------------------------
# Introspection and suggestions
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("document", [INTROSPECTION, TYPE_IN_A_FRAGMENT])
async def test_production_refuses_introspection_to_anonymous_and_learners(
    settings: Settings, db: None, document: str
) -> None:
    learner = await session_of(settings, Role.LEARNER)
    async with app_in(settings, "production") as http:
        # when nobody, then a learner, introspects the schema
        anonymous = await post(http, document)
        learning = await post(http, document, session=learner)
        # and with the GraphQL-over-HTTP media type, which has status codes for refusals
        strict = await post(http, document, accept="application/graphql-response+json")
    # then both are refused before execution, with a top-level error
    assert anonymous.status_code == 200
    assert "data" not in anonymous.json()
    assert codes(anonymous.json()) == ["UNAUTHENTICATED"]
    assert learning.status_code == 200
    assert "data" not in learning.json()
    assert codes(learning.json()) == ["FORBIDDEN"]
    assert strict.status_code == 400
    assert codes(strict.json()) == ["UNAUTHENTICATED"]


async def test_production_refusal_is_logged_as_a_client_error(
    settings: Settings, db: None, caplog: pytest.LogCaptureFixture
) -> None:
    async with app_in(settings, "production") as http:
        with caplog.at_level("INFO", logger="hocviec.graphql"):
            await post(http, INTROSPECTION)

    [record] = [r for r in caplog.records if r.name == "hocviec.graphql"]
    assert record.levelname == "INFO"
    assert "UNAUTHENTICATED" in record.getMessage()


@pytest.mark.parametrize("document", [INTROSPECTION, TYPE_IN_A_FRAGMENT])
async def test_production_shows_the_schema_to_staff(
    settings: Settings, db: None, document: str
) -> None:
    coordinator = await session_of(settings, Role.COORDINATOR)
    learner_and_viewer = await session_of(settings, Role.LEARNER, Role.VIEWER)
    async with app_in(settings, "production") as http:
        bodies = [
            (await post(http, document, session=session)).json()
            for session in (coordinator, learner_and_viewer)
        ]

    for body in bodies:
        assert "errors" not in body, body
        assert body["data"] in (
            {"__schema": {"queryType": {"name": "Query"}}},
            {"catalogue": {"name": "Track"}},
        )


async def test_development_shows_the_schema_to_anyone(settings: Settings, db: None) -> None:
    async with app_in(settings, "development") as http:
        schema = (await post(http, INTROSPECTION)).json()
        fragment = (await post(http, TYPE_IN_A_FRAGMENT)).json()

    assert schema == {
        "data": {"__schema": {"queryType": {"name": "Query"}}},
        "extensions": schema["extensions"],
    }
    assert fragment["data"] == {"catalogue": {"name": "Track"}}


async def test_typename_is_not_introspection(settings: Settings, db: None) -> None:
    async with app_in(settings, "production") as http:
        with count_queries() as statements:
            body = (await post(http, TYPENAME)).json()

    assert "errors" not in body, body
    assert body["data"]["__typename"] == "Query"
    assert statements.count == 0  # nobody was looked up


async def test_the_viewer_is_looked_up_only_for_a_document_that_introspects(
    settings: Settings, db: None
) -> None:
    coordinator = await session_of(settings, Role.COORDINATOR)
    async with app_in(settings, "production") as http:
        with count_queries() as plain:
            await post(http, "{ plugins { id } }", session=coordinator)
        with count_queries() as introspecting:
            await post(http, INTROSPECTION, session=coordinator)

    assert plain.count == 0
    assert introspecting.count == VIEWER_STATEMENTS


async def test_whether_a_document_introspects_is_worked_out_once(app: Starlette) -> None:
    executor = app.state.graphql.executor

    assert executor.check(TYPE_IN_A_FRAGMENT).introspects
    assert executor.check(INTROSPECTION).introspects
    assert not executor.check(TYPENAME).introspects
    assert executor.check(TYPE_IN_A_FRAGMENT) is executor.cache.get(TYPE_IN_A_FRAGMENT)


async def test_production_hides_suggestions_from_anonymous_and_learners(
    settings: Settings, db: None
) -> None:
    learner = await session_of(settings, Role.LEARNER)
    coordinator = await session_of(settings, Role.COORDINATOR)
    async with app_in(settings, "production") as http:
        anonymous = (await post(http, MISSPELT)).json()
        learning = (await post(http, MISSPELT, session=learner)).json()
        staff = (await post(http, MISSPELT, session=coordinator)).json()

    assert [e["message"] for e in anonymous["errors"]] == [MISSPELT_MESSAGE]
    assert [e["message"] for e in learning["errors"]] == [MISSPELT_MESSAGE]
    assert [e["message"] for e in staff["errors"]] == [MISSPELT_MESSAGE + SUGGESTION]
    assert codes(anonymous) == codes(staff) == ["GRAPHQL_VALIDATION_FAILED"]


async def test_production_hides_suggestions_in_variables_that_do_not_coerce(
    settings: Settings, db: None
) -> None:
    coordinator = await session_of(settings, Role.COORDINATOR)
    variables = {"filter": {"activ": True}}
    async with app_in(settings, "production") as http:
        anonymous = (await post(http, FILTERED_TRACKS, variables)).json()
        staff = (await post(http, FILTERED_TRACKS, variables, session=coordinator)).json()

    [hidden] = anonymous["errors"]
    [shown] = staff["errors"]
    assert "unknown field 'activ'. Found: " in hidden["message"]
    assert "Did you mean" not in hidden["message"]
    assert "unknown field 'activ'. Did you mean 'active'? Found: " in shown["message"]
    assert codes(anonymous) == codes(staff) == ["BAD_USER_INPUT"]


async def test_development_keeps_suggestions_for_anyone(settings: Settings, db: None) -> None:
    async with app_in(settings, "development") as http:
        body = (await post(http, MISSPELT)).json()

    assert [e["message"] for e in body["errors"]] == [MISSPELT_MESSAGE + SUGGESTION]


async def test_the_scalar_leaf_hint_is_kept(settings: Settings, db: None) -> None:
    async with app_in(settings, "production") as http:
        body = (await post(http, "{ tracks }")).json()

    [error] = body["errors"]
    assert error["message"].endswith(" Did you mean 'tracks { ... }'?")
