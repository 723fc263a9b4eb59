"""Checking a GraphQL document once, before any request runs it: limits, rules and cost.

INTERFACE DRAFT (issue 5): the request pipeline (``schema/execution.py``) calls
:func:`check_document` once per distinct document text and caches the result; for each request
it calls :meth:`CheckedDocument.operation_cost` with that request's variables. The real rules
and the cost analysis replace this draft.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import DocumentNode, GraphQLError, GraphQLSchema, parse, validate


@dataclass(frozen=True)
class QueryLimits:
    """Bounds every document must stay within (from settings)."""

    max_tokens: int = 4000
    max_depth: int = 12
    max_aliases: int = 30
    max_cost: int = 50_000
    max_page_size: int = 100


@dataclass(frozen=True)
class CheckedDocument:
    """A parsed document with its validation errors and what its operations can cost."""

    document: DocumentNode | None
    errors: list[GraphQLError] = field(default_factory=list)

    def operation_cost(self, operation_name: str | None, variables: Mapping[str, Any]) -> int:
        """How many objects the operation can return with these variables (a bound)."""
        return 0


def check_document(schema: GraphQLSchema, source: str, limits: QueryLimits) -> CheckedDocument:
    """Parse and validate ``source``; never raises for a client's mistake."""
    try:
        document = parse(source, max_tokens=limits.max_tokens)
    except GraphQLError as error:
        return CheckedDocument(None, [error])
    return CheckedDocument(document, list(validate(schema, document)))
