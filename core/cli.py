"""The ``hocviec`` command: serve, migrate, demo, makemigrations, createuser, grant, questions,
plugins, schema."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import sys
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from core import __version__
from core.db import (
    PendingMigrationsError,
    apply_migrations,
    ensure_migrated,
    make_migrations,
    open_context,
    tortoise_config,
)
from core.models.enums import Role
from core.plugins import PluginError, PluginRegistry, load_plugins
from core.services.errors import ServiceError
from core.settings import Settings, SettingsError, parse_database_url

if TYPE_CHECKING:
    from core.services.question_bank import ImportReport

T = TypeVar("T")

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

    demo = commands.add_parser(
        "demo",
        help="Load the Bắc Quang demo data into the (migrated, empty) database; refused when "
        "it already holds data, and in production.",
    )
    demo.set_defaults(handler=_demo)

    makemigrations = commands.add_parser(
        "makemigrations", help="Write migrations for model changes (for developers)."
    )
    makemigrations.set_defaults(handler=_makemigrations)

    createuser = commands.add_parser(
        "createuser",
        help="Create an account (the password is asked for, or read from standard input).",
    )
    createuser.add_argument("username", help="Sign-in name (letters, digits, . _ -).")
    createuser.add_argument("--display-name", required=True, help="Name shown in the API.")
    createuser.add_argument(
        "--official-id", type=int, help="Link a learner's account to their official record."
    )
    createuser.add_argument(
        "--password-stdin",
        action="store_true",
        help="Read the password from the first line of standard input (for scripts).",
    )
    createuser.set_defaults(handler=_createuser)

    grant = commands.add_parser(
        "grant", help="Grant a role on an org unit (how the first admin is made)."
    )
    grant.add_argument("username", help="The account's sign-in name.")
    grant.add_argument("role", choices=[role.value for role in Role], help="The role.")
    grant.add_argument("org_unit", help="The org unit's code (its subtree is covered).")
    grant.set_defaults(handler=_grant)

    questions = commands.add_parser("questions", help="Question bank tools.")
    question_commands = questions.add_subparsers(dest="questions_command", required=True)
    bank_import = question_commands.add_parser(
        "import",
        help="Import a track's questions from a JSON or CSV file (docs/assessment.md); "
        "every bad row is listed and then nothing is written.",
    )
    bank_import.add_argument("file", type=Path, help="The file (UTF-8).")
    bank_import.add_argument("--track", required=True, help="The track's code.")
    bank_import.add_argument(
        "--format", choices=("json", "csv"), help="Default: from the file's extension."
    )
    bank_import.add_argument("--dry-run", action="store_true", help="Check and report only.")
    bank_import.set_defaults(handler=_questions_import)

    plugins = commands.add_parser("plugins", help="List the plugins and whether they are enabled.")
    plugins.set_defaults(handler=_plugins)

    schema = commands.add_parser("schema", help="GraphQL schema tools.")
    schema_commands = schema.add_subparsers(dest="schema_command", required=True)
    export = schema_commands.add_parser("export", help="Print or write the schema as SDL.")
    export.add_argument(
        "--output", "-o", type=Path, help=f"Write to this file (e.g. {SCHEMA_FILE.name})."
    )
    export.set_defaults(handler=_schema_export)
    diff = schema_commands.add_parser(
        "diff",
        help="List the breaking and dangerous changes from one SDL file to another; exit 1 "
        "if any is breaking.",
    )
    diff.add_argument("old", type=Path, help="The earlier schema (SDL).")
    diff.add_argument("new", type=Path, help="The later schema (SDL).")
    diff.set_defaults(handler=_schema_diff)
    return parser


def _serve(args: argparse.Namespace, settings: Settings, registry: PluginRegistry) -> int:
    import uvicorn

    from core.app import create_app
    from core.services.demo import DemoRefusedError

    if args.demo and settings.production:
        print(f"hocviec: --demo: {DemoRefusedError()}", file=sys.stderr)
        return 2
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


def _demo(args: argparse.Namespace, settings: Settings, registry: PluginRegistry) -> int:
    from core.services.demo import DEMO_NOT_LOADED, DemoRefusedError, load_demo

    if settings.production:
        print(f"hocviec: demo: {DemoRefusedError()}", file=sys.stderr)
        return 2
    if not _in_database(settings, registry, lambda: load_demo(registry, settings)):
        print(f"hocviec: {DEMO_NOT_LOADED}", file=sys.stderr)
        return 2
    print("demo data loaded (accounts demo.*, password in the README)")
    return 0


def _makemigrations(args: argparse.Namespace, settings: Settings, registry: PluginRegistry) -> int:
    written = asyncio.run(make_migrations(tortoise_config(settings.database_url, registry)))
    for path in written:
        print(f"wrote {path}")
    if not written:
        print("no model changes")
    return 0


def _createuser(args: argparse.Namespace, settings: Settings, registry: PluginRegistry) -> int:
    from core.services.accounts import AccountDraft, create_account

    password = _read_password(args.password_stdin)
    if password is None:
        print("hocviec: the passwords did not match", file=sys.stderr)
        return 2
    draft = AccountDraft(args.username, args.display_name, password, args.official_id)
    try:
        account = _in_database(settings, registry, lambda: create_account(draft, settings))
    except ServiceError as refused:
        return _refused(refused)
    print(f"created account {account.username}")
    return 0


def _grant(args: argparse.Namespace, settings: Settings, registry: PluginRegistry) -> int:
    from core.models import OrgUnit
    from core.services.roles import grant_role

    async def grant() -> str | None:
        unit = await OrgUnit.get_or_none(code=args.org_unit)
        if unit is None:
            return None
        await grant_role(None, args.username, Role(args.role), unit.id)
        return unit.name

    try:
        unit_name = _in_database(settings, registry, grant)
    except ServiceError as refused:
        return _refused(refused)
    if unit_name is None:
        print(f"hocviec: no org unit has the code {args.org_unit!r}", file=sys.stderr)
        return 2
    print(f"granted {args.role} on {unit_name} to {args.username}")
    return 0


def _questions_import(
    args: argparse.Namespace, settings: Settings, registry: PluginRegistry
) -> int:
    from core.models import Track
    from core.services.access import OPERATOR
    from core.services.question_bank import ImportRefusedError, import_questions, read_rows
    from core.services.sync import sync_plugins

    file_format = args.format or args.file.suffix.lstrip(".").lower()
    if file_format not in ("json", "csv"):
        print("hocviec: give --format json or csv", file=sys.stderr)
        return 2
    rows, problems = read_rows(args.file.read_text(encoding="utf-8"), file_format)

    async def run() -> ImportReport | None:
        await sync_plugins(registry)  # the tracks and topics the file names, as declared
        track = await Track.get_or_none(code=args.track)
        if track is None:
            return None
        try:
            return await import_questions(
                OPERATOR, track.id, rows, dry_run=args.dry_run, problems=problems
            )
        except ImportRefusedError as refused:
            return refused.report

    try:
        report = _in_database(settings, registry, run)
    except ServiceError as refused:
        return _refused(refused)
    if report is None:
        print(f"hocviec: no track has the code {args.track!r}", file=sys.stderr)
        return 2
    for problem in report.problems:
        print(f"row {problem.row}, {problem.field}: {problem.message}", file=sys.stderr)
    verb = "would import" if report.dry_run or report.problems else "imported"
    print(
        f"{verb}: {report.created} new, {report.revised} revised, {report.unchanged} unchanged"
        + (f"; {len(report.problems)} problem(s), nothing written" if report.problems else "")
    )
    return 1 if report.problems else 0


def _in_database(
    settings: Settings, registry: PluginRegistry, work: Callable[[], Awaitable[T]]
) -> T:
    """Run ``work`` with the ORM on the (fully migrated) database, then close it."""

    async def run() -> T:
        config = tortoise_config(settings.database_url, registry)
        await ensure_migrated(config)
        context = await open_context(config)
        try:
            with context:
                return await work()
        finally:
            await context.close_connections()

    return asyncio.run(run())


def _refused(refused: ServiceError) -> int:
    """Print a service's refusal, one line per problem; the exit status."""
    for error in refused.errors:
        print(f"hocviec: {error.field}: {error.message}", file=sys.stderr)
    return 2


def _read_password(from_stdin: bool) -> str | None:
    """The new password, from standard input's first line or asked twice (``None``: the two
    answers differ)."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    second = getpass.getpass("Password (again): ")
    return first if first == second else None


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


def _schema_diff(args: argparse.Namespace, settings: Settings, registry: PluginRegistry) -> int:
    from graphql import GraphQLError

    from schema.contract import compare

    try:
        changes = compare(
            args.old.read_text(encoding="utf-8"), args.new.read_text(encoding="utf-8")
        )
    except (OSError, GraphQLError) as error:
        print(f"hocviec: schema diff: {error}", file=sys.stderr)
        return 2
    for change in changes.breaking:
        print(f"BREAKING {change}")
    for change in changes.dangerous:
        print(f"DANGEROUS {change}")
    if not changes.breaking and not changes.dangerous:
        print("no breaking or dangerous changes")
    return 1 if changes.breaking else 0


if __name__ == "__main__":
    sys.exit(main())
