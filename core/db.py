"""Database set-up: the tortoise config for core + plugin apps, migrations and drift checks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tortoise.backends.base.config_generator import expand_db_url
from tortoise.context import TortoiseContext
from tortoise.migrations.api import migrate as tortoise_migrate
from tortoise.migrations.autodetector import MigrationAutodetector
from tortoise.migrations.executor import MigrationExecutor
from tortoise.migrations.writer import MigrationWriter

from core.orm import ensure_migration_table
from core.plugins import PluginRegistry

CORE_APP = {"models": ["core.models"], "migrations": "core.migrations"}


def tortoise_config(database_url: str, registry: PluginRegistry) -> dict[str, Any]:
    """The tortoise config: app ``core`` plus one app per plugin model app, one connection."""
    apps: dict[str, dict[str, Any]] = {"core": {**CORE_APP, "default_connection": "default"}}
    for app in registry.model_apps():
        apps[app.label] = {
            "models": list(app.models),
            "migrations": app.migrations,
            "default_connection": "default",
        }
    return {
        "connections": {"default": database_url},
        "apps": apps,
        "use_tz": True,
        "timezone": "UTC",
    }


def with_statement_timeout(config: dict[str, Any], seconds: float) -> dict[str, Any]:
    """``config`` whose PostgreSQL connections stop any statement after ``seconds``.

    A backstop for the request timeout (which cancels a request's queries itself): the
    server's own ``statement_timeout``, set per connection. Not for migrations, which may
    rightly run longer. SQLite configs are returned unchanged.
    """
    url = config["connections"]["default"]
    if not isinstance(url, str) or not url.startswith(("postgres://", "asyncpg://")):
        return config
    connection = expand_db_url(url)
    connection["credentials"]["server_settings"] = {
        "statement_timeout": str(max(1, round(seconds * 1000)))
    }
    return {**config, "connections": {"default": connection}}


async def open_context(config: dict[str, Any]) -> TortoiseContext:
    """Initialise a tortoise context (not entered: callers enter it where they use the ORM)."""
    context = TortoiseContext()
    with context:
        await context.init(config=config, _create_db=False)
    return context


async def apply_migrations(
    config: dict[str, Any], progress: Callable[[str, str, str], object] | None = None
) -> None:
    """Apply every pending migration of core and the plugin apps, in dependency order."""
    async with TortoiseContext():
        await tortoise_migrate(config=config, progress=progress)


async def pending_migrations(config: dict[str, Any]) -> list[str]:
    """Names (``app.migration``) of migrations not yet applied to the database."""
    async with TortoiseContext() as context:
        await context.init(config=config)
        executor = MigrationExecutor(context.db(), _apps(config))
        await ensure_migration_table(executor)
        plan = await executor.plan()
        return [f"{step.migration.app_label}.{step.migration.name}" for step in plan]


class PendingMigrationsError(RuntimeError):
    """The database lacks migrations; the message says which and what to run."""


async def ensure_migrated(config: dict[str, Any]) -> None:
    """Raise :class:`PendingMigrationsError` unless every migration has been applied."""
    if pending := await pending_migrations(config):
        raise PendingMigrationsError(
            f"{len(pending)} migration(s) pending ({', '.join(pending)}): "
            "run `hocviec migrate` first"
        )


async def model_changes(config: dict[str, Any]) -> list[MigrationWriter]:
    """Migrations the models need but the migration packages lack (empty: no drift)."""
    async with TortoiseContext() as context:
        await context.init(config=config, init_connections=False)
        assert context.apps is not None
        return await MigrationAutodetector(context.apps, _apps(config)).changes()


async def make_migrations(config: dict[str, Any]) -> list[str]:
    """Write migration files for model changes; returns the written paths."""
    return [str(writer.write()) for writer in await model_changes(config)]


def _apps(config: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {label: dict(app) for label, app in config["apps"].items()}
