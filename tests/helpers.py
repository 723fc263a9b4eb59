"""Helpers for tests: GraphQL over HTTP (``graphql`` and ``graphql_data`` are
``hocviec.testing``'s, which plugin authors use too) and SQL statement counting."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tortoise.fields.relational import ManyToManyFieldInstance

from hocviec.testing import graphql, graphql_data

__all__ = ["ROOT", "error_codes", "graphql", "graphql_data"]

ROOT = Path(__file__).resolve().parent.parent
"""The repository root."""


# --------------------------------------------------------------------------------------------
# GraphQL helpers
# --------------------------------------------------------------------------------------------


def error_codes(payload: dict[str, Any]) -> list[tuple[str | None, str]]:
    """A mutation payload's ``errors`` as ``(field, code)`` pairs."""
    return [(error["field"], error["code"]) for error in payload["errors"]]


# --------------------------------------------------------------------------------------------
# SQL query counting
# --------------------------------------------------------------------------------------------


VIEWER_STATEMENTS = 1
"""Statements a request signed in by a session spends on who asks: one, for the session, its
account and the account's grants (scoping then adds nothing but filters)."""


@dataclass
class QueryLog:
    statements: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.statements)


class _Capture(logging.Handler):
    def __init__(self, log: QueryLog) -> None:
        super().__init__(logging.DEBUG)
        self.log = log

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.lstrip().upper().startswith(("SELECT", "INSERT", "UPDATE", "DELETE")):
            self.log.statements.append(message)


@contextmanager
def count_queries() -> Iterator[QueryLog]:
    """Count the SQL statements tortoise runs inside the block."""
    log = QueryLog()
    logger = logging.getLogger("tortoise.db_client")
    handler = _Capture(log)
    previous = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    try:
        yield log
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


@contextmanager
def unlogged_statements() -> Iterator[None]:
    """Run test set-up statements unseen by :func:`count_queries`."""
    logger = logging.getLogger("tortoise.db_client")
    disabled = logger.disabled
    logger.disabled = True
    try:
        yield
    finally:
        logger.disabled = disabled


def model_tables(context: Any) -> list[str]:
    """Every table of a tortoise context's models, many-to-many tables included, sorted."""
    tables: set[str] = set()
    for app_models in context.apps.values():
        for model in app_models.values():
            tables.add(model._meta.db_table)
            tables.update(
                field.through
                for field in model._meta.fields_map.values()
                if isinstance(field, ManyToManyFieldInstance) and field.through
            )
    return sorted(tables)
