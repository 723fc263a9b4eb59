"""Shared fixtures: one migrated database per test session, the real app through its lifespan.

Select the database with ``--db=sqlite`` (default) or ``--db=postgres`` (or HOCVIEC_TEST_DB).
PostgreSQL comes from HOCVIEC_TEST_POSTGRES_URL (default
``postgres://postgres@127.0.0.1:5432/test``); the suite creates and drops a database of its own
there. Without a server the PostgreSQL run skips with a message, except under CI (``CI=true``)
where that is a failure.

Built-in plugins only: tests never auto-load entry points (one test proves discovery).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest
import pytest_asyncio
from starlette.applications import Starlette

from core.app import create_app
from core.plugins import PluginRegistry, discover, load_plugins
from core.services.sync import sync_plugins
from core.settings import PluginSelection, Settings
from tests.helpers import model_tables

DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test"


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
    return load_plugins(selection, candidates=discover(include_entry_points=False))


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    # light password hashes: a test signs in often (production keeps argon2id's defaults)
    return Settings(
        database_url=database_url, max_page_size=50, password_memory_kib=1024, password_time_cost=1
    )


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
async def client(app: Starlette, db: None) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://hocviec.test") as http:
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
