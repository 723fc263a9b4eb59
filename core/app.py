"""The starlette application: /graphql (GraphiQL in a browser) and /health."""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send
from strawberry.asgi import GraphQL
from tortoise.context import TortoiseContext
from tortoise.context import _current_context as current_tortoise_context

from core.db import apply_migrations, ensure_migrated, open_context, tortoise_config
from core.plugins import PluginRegistry, load_plugins
from core.services.demo import load_demo
from core.services.sync import sync_plugins
from core.settings import Settings
from schema.build import build_schema
from schema.context import Context
from schema.permissions import AccessPolicy

logger = logging.getLogger("hocviec")


class HocviecGraphQL(GraphQL):
    """Strawberry's ASGI view with hocviec's per-request context; only JSON bodies, GET reads."""

    def __init__(self, app_state: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.app_state = app_state

    async def get_context(self, request: Any, response: Any) -> Context:
        return Context(
            request=request,
            registry=self.app_state.registry,
            settings=self.app_state.settings,
            policy=self.app_state.policy,
            request_id=request.scope.get("state", {}).get("request_id", "-"),
        )


class DatabaseContextMiddleware:
    """Run every request inside the app's tortoise context and tag it with a request id.

    The context is opened in the lifespan, which servers run in another task, so each request
    enters it explicitly; this keeps requests stateless and several apps per process possible.
    """

    def __init__(self, app: ASGIApp, state: Any) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        request_id = _request_id(scope)
        scope.setdefault("state", {})["request_id"] = request_id

        async def send_with_id(message: Any) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", []).append((b"x-request-id", request_id.encode()))
            await send(message)

        context: TortoiseContext | None = getattr(self.state, "tortoise", None)
        if context is None:
            await self.app(scope, receive, send_with_id)
            return
        # ``with context:`` keeps its reset token on the shared context object, which
        # concurrent requests would overwrite; each request keeps its own token instead.
        token = current_tortoise_context.set(context)
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            current_tortoise_context.reset(token)


def create_app(
    settings: Settings | None = None,
    *,
    registry: PluginRegistry | None = None,
    demo: bool = False,
    migrate: bool | None = None,
    policy: AccessPolicy | None = None,
) -> Starlette:
    """Build the app. Plugins load (and fail loudly) here; the database opens in the lifespan.

    :param migrate: apply pending migrations at start-up; default: only on embedded SQLite.
        Otherwise start-up stops if migrations are pending (run ``hocviec migrate``).
    :param demo: load the Bắc Quang demo data if the database has none.
    """
    settings = settings or Settings.from_env()
    registry = registry or load_plugins(settings.plugins)
    schema = build_schema(registry, settings)
    config = tortoise_config(settings.database_url, registry)
    should_migrate = settings.is_sqlite if migrate is None else migrate

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if should_migrate:
            await apply_migrations(config)
        else:
            await ensure_migrated(config)
        context = await open_context(config)
        try:
            with context:
                await sync_plugins(registry)
                if demo and await load_demo(registry):
                    logger.info("demo data loaded")
            app.state.tortoise = context
            yield
        finally:
            app.state.tortoise = None
            await context.close_connections()

    async def health(request: Request) -> JSONResponse:
        try:
            await app.state.tortoise.db().execute_query("SELECT 1")
        except Exception:
            logger.exception("health check: database unreachable")
            return JSONResponse({"status": "unavailable", "database": "down"}, status_code=503)
        return JSONResponse({"status": "ok", "database": "up"})

    app = Starlette(
        debug=settings.debug,
        routes=[Route("/health", health, methods=["GET"])],
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.registry = registry
    app.state.policy = policy or AccessPolicy()
    app.state.schema = schema
    app.state.tortoise = None
    graphql = HocviecGraphQL(
        app.state,
        schema=schema,
        graphql_ide="graphiql",
        allow_queries_via_get=True,
        multipart_uploads_enabled=False,
    )
    app.add_route("/graphql", graphql, methods=["GET", "POST"])
    app.add_middleware(DatabaseContextMiddleware, state=app.state)
    return app


def _request_id(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"x-request-id" and 0 < len(value) <= 64:
            return value.decode("latin-1")
    return uuid.uuid4().hex
