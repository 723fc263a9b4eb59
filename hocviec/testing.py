"""Test a plugin against the real hocviec app: helpers and pytest fixtures for plugin authors.

Install hocviec with its test extra (``pip install "hocviec[test]"``), then in your tests'
``conftest.py``::

    pytest_plugins = ["hocviec.testing"]

Your plugin, installed with its entry point (``pip install -e .``), is found as in production.
The fixture :func:`hocviec_demo` starts the app (the built-ins and every installed plugin) on a
new SQLite database in the test's temporary folder, migrates it (your plugin's migrations
included) and loads the Bắc Quang demo, in which your track's posts hold an official in every
commune; :meth:`DemoServer.client` gives HTTP clients signed in as the demo accounts
(``demo.coordinator``, ``demo.assessor`` …) or as a learner of your track. Everything goes through
GraphQL over HTTP, as a client's requests do.

hocviec's own test suite builds its apps with :func:`plugin_registry` and :func:`serving` too.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from starlette.applications import Starlette

from core.app import create_app
from core.plugins import PluginRegistry, discover, load_plugins
from core.services.demo import DEMO_PASSWORD
from core.settings import PluginSelection, Settings, parse_database_url

__all__ = [
    "DEMO_PASSWORD",
    "DemoServer",
    "client_of",
    "graphql",
    "graphql_data",
    "hocviec_demo",
    "plugin_registry",
    "serving",
    "settings_for_tests",
    "sign_in",
]

BASE_URL = "http://hocviec.test"

SIGN_IN = """
mutation SignIn($input: SignInInput!) {
  signIn(input: $input) { viewer { username } errors { field code message } }
}
"""


def plugin_registry(
    *plugins: object,
    entry_points: bool = False,
    selection: PluginSelection | None = None,
) -> PluginRegistry:
    """The built-in plugins, then the installed ones if ``entry_points``, then ``plugins``
    (modules or objects with ``@hookimpl`` functions), as the app would load them."""
    candidates = discover(include_entry_points=entry_points)
    candidates += [("test", plugin) for plugin in plugins]
    return load_plugins(selection, candidates=candidates)


def settings_for_tests(database_url: str, files_dir: Path) -> Settings:
    """Settings for a test app: ``database_url``, uploads in ``files_dir``, and light password
    hashes (a test signs in often; production keeps argon2id's defaults)."""
    return Settings(
        database_url=parse_database_url(database_url),
        password_memory_kib=1024,
        password_time_cost=1,
        files_dir=str(files_dir),
    )


@asynccontextmanager
async def serving(
    settings: Settings, registry: PluginRegistry, *, demo: bool = False
) -> AsyncIterator[httpx.AsyncClient]:
    """The app for ``registry`` through its lifespan (migrated; with the demo data if
    ``demo``), and an HTTP client of it, signed in as nobody."""
    app = create_app(settings, registry=registry, migrate=True, demo=demo)
    async with app.router.lifespan_context(app), client_of(app) as http:
        yield http


def client_of(app: Starlette) -> httpx.AsyncClient:
    """An HTTP client of ``app`` over ASGI (no network), signed in as nobody."""
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE_URL)


async def graphql(
    client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None
) -> dict[str, Any]:
    """POST a GraphQL document; the whole response body (``data`` and ``errors``)."""
    response = await client.post("/graphql", json={"query": query, "variables": variables or {}})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def graphql_data(
    client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None
) -> dict[str, Any]:
    """POST a GraphQL document, assert it has no top-level errors; its ``data``."""
    body = await graphql(client, query, variables)
    assert "errors" not in body, body["errors"]
    data: dict[str, Any] = body["data"]
    return data


async def sign_in(client: httpx.AsyncClient, username: str, password: str = DEMO_PASSWORD) -> None:
    """Sign ``client`` in through the ``signIn`` mutation (the session cookie it sets)."""
    payload = (
        await graphql_data(client, SIGN_IN, {"input": {"username": username, "password": password}})
    )["signIn"]
    assert payload["errors"] == [], payload["errors"]


@dataclass
class DemoServer:
    """A running app holding the Bắc Quang demo; :meth:`client` makes signed-in clients."""

    app: Starlette
    registry: PluginRegistry
    _clients: list[httpx.AsyncClient] = field(default_factory=list)

    async def client(self, username: str | None = None) -> httpx.AsyncClient:
        """A new HTTP client of the app, signed in as the demo account ``username``
        (nobody if ``None``); closed when the test ends."""
        http = client_of(self.app)
        self._clients.append(http)
        if username is not None:
            await sign_in(http, username)
        return http

    async def close(self) -> None:
        for http in self._clients:
            await http.aclose()


@pytest.fixture
def hocviec_plugins() -> Iterable[object]:
    """Plugins to load besides the built-ins and the installed ones (override in your
    ``conftest.py`` to load a plugin that is not installed: ``return [my_plugin]``)."""
    return ()


@pytest_asyncio.fixture
async def hocviec_demo(
    tmp_path: Path, hocviec_plugins: Iterable[object]
) -> AsyncIterator[DemoServer]:
    """The app with every installed plugin (and :func:`hocviec_plugins`) on a new SQLite
    database holding the demo, through its lifespan."""
    settings = settings_for_tests(f"sqlite://{tmp_path / 'hocviec.sqlite3'}", tmp_path / "files")
    registry = plugin_registry(*hocviec_plugins, entry_points=True)
    app = create_app(settings, registry=registry, migrate=True, demo=True)
    async with app.router.lifespan_context(app):
        server = DemoServer(app, registry)
        try:
            yield server
        finally:
            await server.close()
