"""Shared fixtures: one migrated database per test session, the real app through its lifespan.

Select the database with ``--db=sqlite`` (default) or ``--db=postgres`` (or HOCVIEC_TEST_DB).
PostgreSQL comes from HOCVIEC_TEST_POSTGRES_URL (default
``postgres://postgres@127.0.0.1:5432/test``); the suite creates and drops a database of its own
there. Without a server the PostgreSQL run skips with a message, except under CI (``CI=true``)
where that is a failure.

Built-in plugins only: tests never auto-load entry points (one test proves discovery).
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest
import pytest_asyncio
from starlette.applications import Starlette

from core import permissions
from core.app import create_app
from core.http import SESSION_COOKIE
from core.models import Account, Official, OrgUnit, RoleGrant
from core.models.enums import OrgLevel, Role
from core.plugins import PluginRegistry
from core.services.accounts import now
from core.services.records import create_org_unit
from core.services.sessions import start_session
from core.services.sync import sync_plugins
from core.settings import PluginSelection, Settings
from hocviec.testing import client_of, plugin_registry, settings_for_tests
from schema.node import ModelNode
from tests.helpers import model_tables, unlogged_statements

DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test"
TEST_ADMIN = "quantri.kiemthu"
"""The sign-in name of the ``client`` fixture's account."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--db",
        choices=("sqlite", "postgres"),
        default=os.environ.get("HOCVIEC_TEST_DB", "sqlite"),
        help="database to run the suite on (default: sqlite, or $HOCVIEC_TEST_DB)",
    )


def pytest_report_header(config: pytest.Config) -> str:
    return f"hocviec test database: {config.getoption('--db')}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--db") == "postgres":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (run with --db=postgres)")
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def db_kind(request: pytest.FixtureRequest) -> str:
    return str(request.config.getoption("--db"))


@pytest_asyncio.fixture(scope="session")
async def database_url(
    db_kind: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[str]:
    """A fresh, empty database for this session."""
    if db_kind == "sqlite":
        yield f"sqlite://{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
        return
    async for url in fresh_postgres_database():
        yield url


async def fresh_postgres_database() -> AsyncIterator[str]:
    """Create a new empty PostgreSQL database, yield its URL, drop it afterwards."""
    import asyncpg

    admin_url = os.environ.get("HOCVIEC_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)
    dsn = admin_url.replace("postgres://", "postgresql://", 1)
    try:
        admin = await asyncpg.connect(dsn, timeout=5)
    except (OSError, asyncpg.PostgresError) as error:
        message = f"PostgreSQL at {admin_url} does not answer: {error}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    name = f"hocviec_test_{uuid.uuid4().hex[:10]}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(admin_url)
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


def builtin_registry(selection: PluginSelection | None = None) -> PluginRegistry:
    """The built-in plugins only (no entry points)."""
    return plugin_registry(selection=selection)


@pytest.fixture(scope="session")
def settings(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    # light password hashes, uploaded files in a folder of the session's own, pages of 50
    files = tmp_path_factory.mktemp("files")
    return replace(settings_for_tests(database_url, files), max_page_size=50)


@pytest_asyncio.fixture(scope="session")
async def app(settings: Settings) -> AsyncIterator[Starlette]:
    """The real app, migrated, through its lifespan, shared by the session."""
    application = create_app(settings, registry=builtin_registry(), migrate=True)
    async with application.router.lifespan_context(application):
        yield application


@pytest_asyncio.fixture
async def db(app: Starlette) -> AsyncIterator[None]:
    """An emptied database (tracks re-synced from the plugins), usable through the ORM."""
    context = app.state.tortoise
    with context:
        await _empty_tables(context)
        await sync_plugins(app.state.registry)
        yield


@pytest_asyncio.fixture
async def anonymous(app: Starlette, db: None) -> AsyncIterator[httpx.AsyncClient]:
    """The API without sign-in: the public catalogue only."""
    async with client_of(app) as http:
        yield http


SignInAs = Callable[..., Awaitable[httpx.AsyncClient]]
"""``await sign_in_as(username, (role, org_unit), ..., official=None)``: a client signed in as a
new account holding those grants (and linked to ``official``, for a learner)."""


@pytest_asyncio.fixture
async def sign_in_as(app: Starlette, db: None, settings: Settings) -> AsyncIterator[SignInAs]:
    """Clients signed in as accounts made for the test, with the grants it gives them."""
    clients: list[httpx.AsyncClient] = []

    async def signed_in(
        username: str, *grants: tuple[Role, OrgUnit], official: Official | None = None
    ) -> httpx.AsyncClient:
        account = await Account.create(
            username=username,
            display_name=username,
            password_hash="!",
            official_id=None if official is None else official.id,
        )
        for role, unit in grants:
            await RoleGrant.create(account_id=account.id, role=role, org_unit_id=unit.id)
        http = client_of(app)
        clients.append(http)
        http.cookies.set(SESSION_COOKIE, await start_session(account, settings, now()))
        return http

    try:
        yield signed_in
    finally:
        for http in clients:
            await http.aclose()


@pytest_asyncio.fixture
async def client(app: Starlette, db: None, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The API signed in as an admin of every org-unit tree in the database.

    Most tests are about what the API does, not about who may ask, so this is their client.
    Before each request it grants its account admin on any top org unit created since, or, in a
    database with no org unit yet, on a province it makes for itself (those statements are
    kept out of :func:`tests.helpers.count_queries`, which counts the app's). The account has
    no password: it is signed in by a session opened here.
    """
    admin = await Account.create(
        username=TEST_ADMIN, display_name="Quản trị kiểm thử", password_hash="!"
    )
    secret = await start_session(admin, settings, now())

    one_at_a_time = asyncio.Lock()  # concurrent requests of a test must not grant twice

    async def admin_everywhere(request: httpx.Request) -> None:
        async with one_at_a_time:
            await grant_missing()

    async def grant_missing() -> None:
        with unlogged_statements():
            roots = set(await OrgUnit.filter(parent_id=None).values_list("id", flat=True))
            if not roots:
                province = await create_org_unit("TEST", "Tỉnh Kiểm Thử", OrgLevel.PROVINCE)
                roots.add(province.id)
            held = await RoleGrant.filter(account_id=admin.id, role=Role.ADMIN).values_list(
                "org_unit_id", flat=True
            )
            missing = roots - set(held)
            if missing:
                await RoleGrant.bulk_create(
                    RoleGrant(account_id=admin.id, role=Role.ADMIN, org_unit_id=unit)
                    for unit in sorted(missing)
                )

    async with client_of(app) as http:
        http.cookies.set(SESSION_COOKIE, secret)
        http.event_hooks["request"].append(admin_everywhere)
        yield http


async def _empty_tables(context: Any) -> None:
    tables = model_tables(context)
    connection = context.db()
    if connection.capabilities.dialect == "postgres":
        quoted = ", ".join(f'"{table}"' for table in tables)
        await connection.execute_script(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE")
    else:
        await connection.execute_script(
            "PRAGMA foreign_keys = OFF;"
            + "".join(f'DELETE FROM "{table}";' for table in tables)
            + "PRAGMA foreign_keys = ON;"
        )


@pytest.fixture
def refuse(monkeypatch: pytest.MonkeyPatch) -> Callable[[type[ModelNode]], None]:
    """Make a node type need a permission the test's viewer lacks (the audit log's)."""

    def refused(node_type: type[ModelNode]) -> None:
        monkeypatch.setattr(node_type, "read_permission", permissions.READ_AUDIT)

    return refused
