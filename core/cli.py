"""The ``hocviec`` command: serve, migrate, makemigrations, plugins, schema export."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from core import __version__
from core.db import (
    PendingMigrationsError,
    apply_migrations,
    ensure_migrated,
    make_migrations,
    tortoise_config,
)
from core.plugins import PluginError, PluginRegistry, load_plugins
from core.settings import Settings, SettingsError, parse_database_url

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema" / "schema.graphql"


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        settings = Settings.from_env()
        if args.command == "serve" and args.database_url:
            settings = replace(settings, database_url=parse_database_url(args.database_url))
        registry = load_plugins(settings.plugins)
        return int(args.handler(args, settings, registry) or 0)
    except (SettingsError, PluginError, PendingMigrationsError) as error:
        print(f"hocviec: {error}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hocviec", description="Apprenticeship training of commune officials: GraphQL server."
    )
    parser.add_argument("--version", action="version", version=f"hocviec {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="Run the GraphQL server (GraphiQL at /graphql).")
    serve.add_argument("--host", default="127.0.0.1", help="Interface (default 127.0.0.1).")
    serve.add_argument("--port", type=int, default=8000, help="Port (default 8000).")
    serve.add_argument("--demo", action="store_true", help="Load the Bắc Quang demo data.")
    serve.add_argument("--database-url", help="Overrides DATABASE_URL.")
    serve.set_defaults(handler=_serve)

    migrate = commands.add_parser("migrate", help="Apply pending migrations of core and plugins.")
    migrate.set_defaults(handler=_migrate)

    makemigrations = commands.add_parser(
        "makemigrations", help="Write migrations for model changes (for developers)."
    )
    makemigrations.set_defaults(handler=_makemigrations)

    plugins = commands.add_parser("plugins", help="List the plugins and whether they are enabled.")
    plugins.set_defaults(handler=_plugins)

    schema = commands.add_parser("schema", help="GraphQL schema tools.")
    schema_commands = schema.add_subparsers(dest="schema_command", required=True)
    export = schema_commands.add_parser("export", help="Print or write the schema as SDL.")
    export.add_argument(
        "--output", "-o", type=Path, help=f"Write to this file (e.g. {SCHEMA_FILE.name})."
    )
    export.set_defaults(handler=_schema_export)
    return parser


def _serve(args: argparse.Namespace, settings: Settings, registry: PluginRegistry) -> int:
    import uvicorn

    from core.app import create_app

    if not settings.is_sqlite:
        # the app checks this too, but inside uvicorn's lifespan, behind a traceback
        asyncio.run(ensure_migrated(tortoise_config(settings.database_url, registry)))
    app = create_app(settings, registry=registry, demo=args.demo)
    print(f"hocviec {__version__}: GraphQL at http://{args.host}:{args.port}/graphql")
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0


def _migrate(args: argparse.Namespace, settings: Settings, registry: PluginRegistry) -> int:
    def progress(event: str, app_label: str, name: str) -> None:
        if event == "apply_done":
            print(f"applied {app_label}.{name}")

    asyncio.run(apply_migrations(tortoise_config(settings.database_url, registry), progress))
    print("database is up to date")
    return 0


def _makemigrations(args: argparse.Namespace, settings: Settings, registry: PluginRegistry) -> int:
    written = asyncio.run(make_migrations(tortoise_config(settings.database_url, registry)))
    for path in written:
        print(f"wrote {path}")
    if not written:
        print("no model changes")
    return 0


def _plugins(args: argparse.Namespace, settings: Settings, registry: PluginRegistry) -> int:
    for plugin in registry.all_plugins:
        state = "enabled" if plugin.enabled else "disabled"
        print(
            f"{plugin.info.id}\t{plugin.info.version}\t{state}\t{plugin.info.name}\t{plugin.source}"
        )
    return 0


def _schema_export(args: argparse.Namespace, settings: Settings, registry: PluginRegistry) -> int:
    from schema.build import build_schema, export_sdl

    sdl = export_sdl(build_schema(registry, settings))
    if args.output is None:
        sys.stdout.write(sdl)
    else:
        args.output.write_text(sdl, encoding="utf-8")
        print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
