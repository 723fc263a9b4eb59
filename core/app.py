"""The starlette application: /graphql (GraphiQL in a browser), /files and /health."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from core.db import (
    apply_migrations,
    ensure_migrated,
    open_context,
    tortoise_config,
    with_statement_timeout,
)
from core.http import (
    GRAPHIQL_FILES,
    CorsMiddleware,
    GraphQLEndpoint,
    RequestMiddleware,
    credentials,
)
from core.http_files import ALL_METHODS, FileEndpoints
from core.orm import StatementInterrupter
from core.plugins import PluginRegistry, load_plugins
from core.services.demo import DEMO_NOT_LOADED, DemoRefusedError, load_demo
from core.services.sync import sync_plugins
from core.settings import Settings
from core.storage import storage_from_settings
from schema.build import build_schema
from schema.context import Context
from schema.execution import Executor

logger = logging.getLogger("hocviec")


def create_app(
    settings: Settings | None = None,
    *,
    registry: PluginRegistry | None = None,
    demo: bool = False,
    migrate: bool | None = None,
) -> Starlette:
    """Build the app. Plugins load (and fail loudly) here; the database opens in the lifespan.

    :param migrate: apply pending migrations at start-up; default: only on embedded SQLite.
        Otherwise start-up stops if migrations are pending (run ``hocviec migrate``).
    :param demo: load the Bắc Quang demo data if the database has none.
    """
    settings = settings or Settings.from_env()
    registry = registry or load_plugins(settings.plugins)
    registry.permissions()  # checked at start-up: a bad declaration stops here, naming its plugin
    registry.activity_kinds()  # likewise
    registry.schemes()  # likewise
    registry.question_banks()  # likewise: every shipped question is read and checked here
    if demo and settings.production:
        raise DemoRefusedError  # before anything starts; load_demo checks it too
    schema = build_schema(registry, settings)
    storage = storage_from_settings(settings)  # one per app; a bad HOCVIEC_FILE_STORAGE stops here
    config = tortoise_config(settings.database_url, registry)
    should_migrate = settings.is_sqlite if migrate is None else migrate
    executor = Executor(schema, settings)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if should_migrate:
            await apply_migrations(config)
        else:
            await ensure_migrated(config)
        # The database's own backstop for a query the request timeout failed to cancel.
        context = await open_context(
            with_statement_timeout(config, settings.request_timeout + STATEMENT_TIMEOUT_MARGIN)
        )
        try:
            with context:
                await sync_plugins(registry)
                if demo:
                    if await load_demo(registry, settings):
                        logger.info("demo data loaded")
                    else:
                        logger.warning(DEMO_NOT_LOADED)
            app.state.tortoise = context
            app.state.interrupter = StatementInterrupter(context)
            tune_garbage_collector()
            yield
        finally:
            app.state.tortoise = None
            app.state.interrupter = None
            executor.close()
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
        routes=[
            Route("/health", health, methods=["GET"]),
            Mount("/static/graphiql", StaticFiles(directory=GRAPHIQL_FILES), name="graphiql"),
        ],
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.registry = registry
    app.state.schema = schema
    app.state.tortoise = None
    app.state.interrupter = None
    app.state.storage = storage
    state = app.state

    def context(scope: Scope, request_id: str) -> Context:
        return Context(
            request=Request(scope),
            registry=registry,
            settings=settings,
            request_id=request_id,
            credentials=credentials(scope, settings.trusted_proxies),
        )

    endpoint = GraphQLEndpoint(executor, settings, context, lambda: state.interrupter)
    app.router.routes.append(Route("/graphql", endpoint))
    app.state.graphql = endpoint
    file_endpoints = FileEndpoints(settings, storage, context)
    app.router.routes.append(Route("/files", file_endpoints.upload, methods=ALL_METHODS))
    app.router.routes.append(
        Route("/files/{file_id}", file_endpoints.download, methods=ALL_METHODS)
    )
    app.state.files = file_endpoints
    app.add_middleware(CorsMiddleware, settings=settings)
    # added last, so outermost: preflight answers get the request ID and security headers too
    app.add_middleware(RequestMiddleware, state=app.state, secure_cookies=settings.production)
    return app


STATEMENT_TIMEOUT_MARGIN = 5.0
"""Seconds PostgreSQL's statement_timeout allows beyond the request timeout."""
GC_GEN0_THRESHOLD = 50_000


def tune_garbage_collector() -> None:
    """Tune the collector for a server, once start-up is over.

    ``gc.freeze()`` moves everything alive after start-up (modules, the schema, plugins) to a
    permanent generation the collector never scans again, and a gen-0 threshold of 50,000
    allocations instead of 700 stops it running many times while a large answer is built
    (a page of results allocates tens of thousands of short-lived objects, almost none of them
    in cycles). Generations 1 and 2 keep their defaults' proportions.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_GEN0_THRESHOLD, 20, 100)
