"""Running one GraphQL request: the cached document check, the cost bound, execution, errors.

graphql-core executes strawberry's schema directly (strawberry's per-request extension
machinery is not used). Per distinct document text, :func:`schema.validation.check_document`
runs once and its result is kept in a bounded LRU cache; per request the operation is chosen,
mutations over GET are refused, the operation's cost is evaluated with the request's variables
and refused over the limit, and only then does execution start.

In production (``HOCVIEC_ENV``) the schema is shown to signed-in staff only: a document using
introspection (``__schema`` or ``__type``, fragments included; ``__typename`` is fine) is
refused before execution, ``UNAUTHENTICATED`` when nobody is signed in and ``FORBIDDEN`` for
an account holding no role but learner, and errors lose their "Did you mean …?" suggestions
for those viewers. Whether a document introspects is worked out with its check, once; the
viewer is looked up only when it matters.

Errors: a ``GraphQLError`` raised on purpose (it carries ``extensions.code``) passes through; a
malformed global ID anywhere in a query (a literal, a variable or a resolver) is
``BAD_USER_INPUT``; anything else is masked as ``Unexpected error.`` with
``INTERNAL_SERVER_ERROR`` and the request ID, and logged at ERROR with its traceback. Client
mistakes are logged at INFO, truncated.
"""

from __future__ import annotations

import asyncio
import logging
import re
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import strawberry
from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    execute,
)
from graphql.pyutils import is_awaitable
from strawberry.exceptions import StrawberryInputCoercionError
from strawberry.relay.types import GlobalIDValueError

from core.models.enums import Role
from core.services.access import Access
from core.settings import Settings
from schema.context import Context
from schema.executor import planned_executor_class
from schema.validation import CheckedDocument, QueryLimits, check_document, cost_exceeded_error

logger = logging.getLogger("hocviec.graphql")

CHECK_THREADS = 2
"""Worker threads that check documents not yet cached (see :meth:`Executor.prepare`)."""
LOG_TEXT_LIMIT = 200
"""Characters of client-supplied text (messages quoting input) a log line may hold."""
INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})
"""The fields that show the schema; ``__typename`` shows only what the query names."""
SUGGESTION = re.compile(
    r" Did you mean (?:[a-z]+(?: [a-z]+)* )?'\w+'(?:, '\w+')*(?:,? or '\w+')?\?"
)
"""A suggestion as graphql-core words it (``pyutils.did_you_mean``): `` Did you mean 'a', 'b',
or 'c'?``, perhaps with a few words first (``the enum value``), at the end of a message or
inside it (``… Did you mean 'active'? Found: …``). The scalar-leaf rule's hint (``Did you mean
'field { ... }'?``), which names nothing the query did not, is not one."""


class Status(Enum):
    """How far a request got; the HTTP layer turns it into a status code."""

    EXECUTED = "executed"
    """Execution started: ``data`` is in the body (a GraphQL response)."""
    REFUSED = "refused"
    """A request error before execution (parse, validation, cost, operation, variables)."""
    METHOD_NOT_ALLOWED = "method_not_allowed"
    """A mutation over GET."""
    FAILED = "failed"
    """An unexpected error before execution (a bug): masked, logged."""
    TIMED_OUT = "timed_out"
    """The request ran out of time and its work was cancelled (set by the HTTP layer)."""


@dataclass(frozen=True)
class Outcome:
    """The response body of one GraphQL request and how far it got."""

    status: Status
    body: dict[str, Any]


@dataclass(frozen=True)
class PreparedDocument:
    """A checked document with what every request running it needs, worked out once."""

    checked: CheckedDocument
    errors: list[dict[str, Any]]
    """The check's errors, formatted for the response (empty: the document is valid)."""
    operations: dict[str | None, OperationType] = field(default_factory=dict)
    """Operation kinds by name; key ``None`` too when the document has exactly one."""
    introspects: bool = False
    """The document selects ``__schema`` or ``__type`` somewhere (fragments included)."""
    errors_without_suggestions: list[dict[str, Any]] | None = None
    """:attr:`errors` without their "Did you mean …?" suggestions; ``None`` when none has
    one."""


class DocumentCache:
    """A bounded LRU of prepared documents keyed by their text.

    Bounded in entries and in total characters of the cached texts, so neither many small
    documents nor a few large ones grow the process without limit. A parsed document takes up
    to ~300 bytes per character of its text (graphql-core keeps every token), so the default
    bound holds at most ~150 MB in the worst case and a few MB for real front-end documents.
    """

    def __init__(self, max_entries: int = 1000, max_chars: int = 500_000) -> None:
        self.max_entries = max_entries
        self.max_chars = max_chars
        self._entries: OrderedDict[str, PreparedDocument] = OrderedDict()
        self._chars = 0
        # Documents are checked in worker threads (see Executor.prepare) and served in the
        # event loop's thread: both use the cache.
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, source: str) -> PreparedDocument | None:
        with self._lock:
            prepared = self._entries.get(source)
            if prepared is not None:
                self._entries.move_to_end(source)
            return prepared

    def put(self, source: str, prepared: PreparedDocument) -> None:
        with self._lock:
            if len(source) > self.max_chars or source in self._entries:
                return
            self._entries[source] = prepared
            self._chars += len(source)
            while len(self._entries) > self.max_entries or self._chars > self.max_chars:
                oldest, _ = self._entries.popitem(last=False)
                self._chars -= len(oldest)


@dataclass(frozen=True)
class GraphQLRequest:
    """The parameters of one GraphQL-over-HTTP request, already checked for their types."""

    query: str
    operation_name: str | None = None
    variables: dict[str, Any] | None = None


class Executor:
    """Runs GraphQL requests against one schema; built once per app."""

    def __init__(self, schema: strawberry.Schema, settings: Settings) -> None:
        self.schema: GraphQLSchema = schema._schema
        self.executor_class = planned_executor_class(self.schema)
        self.settings = settings
        self.limits = QueryLimits(
            max_tokens=settings.max_tokens,
            max_depth=settings.max_depth,
            max_aliases=settings.max_aliases,
            max_cost=settings.max_cost,
            max_page_size=settings.max_page_size,
        )
        self.cache = DocumentCache()
        self._checks: ThreadPoolExecutor | None = None

    async def prepare(self, source: str) -> PreparedDocument:
        """The checked document for ``source``, from the cache or checked now and cached.

        A document not in the cache is checked in one of :data:`CHECK_THREADS` worker threads:
        the checks are CPU-bound and cannot be interrupted, so the event loop stays free to
        answer other requests (and ``/health``) meanwhile, and a request that runs out of time
        stops waiting. A check that had not started when its request gave up never runs; one
        that had runs to its end and is cached, so repeating the document costs nothing more.
        """
        prepared = self.cache.get(source)
        if prepared is not None:
            return prepared
        if self._checks is None:
            self._checks = ThreadPoolExecutor(CHECK_THREADS, thread_name_prefix="hocviec-check")
        return await asyncio.get_running_loop().run_in_executor(self._checks, self.check, source)

    def check(self, source: str) -> PreparedDocument:
        """Check ``source`` now (unless cached meanwhile) and cache it; any thread."""
        prepared = self.cache.get(source)
        if prepared is None:
            prepared = _prepare(check_document(self.schema, source, self.limits))
            self.cache.put(source, prepared)
        return prepared

    def close(self) -> None:
        """Stop the check threads; checks not started are dropped. Called at shutdown."""
        if self._checks is not None:
            self._checks.shutdown(wait=False, cancel_futures=True)
            self._checks = None

    async def run(self, request: GraphQLRequest, context: Context, *, method: str) -> Outcome:
        """Check, cost and execute ``request``; never raises for a client's mistake."""
        request_id = context.request_id
        planned = await self._plan(request, method, context)
        if isinstance(planned, Outcome):
            return planned
        document, variables, extensions = planned
        result = await self._execute(document, request, variables, context)
        body: dict[str, Any] = {}
        if result.errors:
            errors = [
                format_error(error, request_id, self.settings.debug) for error in result.errors
            ]
            if self.settings.production and result.data is None:
                # Variables that did not coerce: the enum values and input fields suggested
                # are the schema's.
                plain = _without_suggestions(errors)
                if plain != errors and not _is_staff(await context.access()):
                    errors = plain
            _log_client_errors(request_id, errors)
            body["errors"] = errors
            if result.data is None and not any(error.path for error in result.errors):
                # Variables that did not coerce: execution never started.
                return Outcome(Status.REFUSED, body)
        body["data"] = result.data
        body["extensions"] = extensions
        return Outcome(Status.EXECUTED, body)

    async def _plan(
        self, request: GraphQLRequest, method: str, context: Context
    ) -> Outcome | tuple[DocumentNode, dict[str, Any], dict[str, Any]]:
        """Everything before execution: the document's check, who may see the schema, the
        operation, the cost.

        Returns the refusal, or what execution needs (the document, the variables and the
        response's ``extensions``).
        """
        request_id = context.request_id
        try:
            prepared = await self.prepare(request.query)
            if prepared.errors:
                errors = prepared.errors
                if (
                    prepared.errors_without_suggestions is not None
                    and self.settings.production
                    and not _is_staff(await context.access())
                ):
                    errors = prepared.errors_without_suggestions
                return _refuse(Status.REFUSED, errors, request_id)
            if prepared.introspects and self.settings.production:
                refusal = _introspection_refusal(await context.access())
                if refusal is not None:
                    return _refuse(Status.REFUSED, [refusal], request_id)
            kind = _choose(prepared, request.operation_name)
            if isinstance(kind, dict):
                return _refuse(Status.REFUSED, [kind], request_id)
            if kind is not OperationType.QUERY and method == "GET":
                message = f"{kind.value.capitalize()}s are not allowed over GET; use POST."
                return _refuse(
                    Status.METHOD_NOT_ALLOWED, [_error(message, "METHOD_NOT_ALLOWED")], request_id
                )
            variables = request.variables or {}
            cost = prepared.checked.operation_cost(request.operation_name, variables)
        except GraphQLError as refusal:
            # The cost analysis refusing these variables, or any deliberate request error.
            formatted = format_error(refusal, request_id, self.settings.debug)
            return _refuse(Status.REFUSED, [formatted], request_id)
        except Exception:
            logger.exception("unexpected error before execution (request %s)", request_id)
            return Outcome(Status.FAILED, {"errors": [_internal_error(request_id)]})
        limit = self.limits.max_cost
        extensions = {"cost": {"objects": cost, "limit": limit}}
        if cost > limit:
            too_costly = dict(cost_exceeded_error(cost, self.limits).formatted)
            return _refuse(Status.REFUSED, [too_costly], request_id, extensions)
        document = prepared.checked.document
        assert document is not None  # a document without errors was parsed
        return document, variables, extensions

    async def _execute(
        self,
        document: DocumentNode,
        request: GraphQLRequest,
        variables: dict[str, Any],
        context: Context,
    ) -> ExecutionResult:
        result = execute(
            self.schema,
            document,
            context_value=context,
            variable_values=variables,
            operation_name=request.operation_name,
            executor_class=self.executor_class,
        )
        if is_awaitable(result):
            result = await result
        assert isinstance(result, ExecutionResult)
        return result


def _prepare(checked: CheckedDocument) -> PreparedDocument:
    if checked.document is None or checked.errors:
        code = "GRAPHQL_PARSE_FAILED" if checked.document is None else "GRAPHQL_VALIDATION_FAILED"
        errors = [_formatted_request_error(error, code) for error in checked.errors]
        errors = errors or [_error("Invalid document.", code)]
        plain = _without_suggestions(errors)
        # Only the formatted errors are kept: the document's tree is not needed again.
        return PreparedDocument(
            CheckedDocument(None),
            errors,
            errors_without_suggestions=None if plain == errors else plain,
        )
    operations: dict[str | None, OperationType] = {}
    definitions = [
        d for d in checked.document.definitions if isinstance(d, OperationDefinitionNode)
    ]
    for definition in definitions:
        operations[definition.name.value if definition.name else None] = definition.operation
    if len(definitions) == 1:
        operations[None] = definitions[0].operation
    return PreparedDocument(checked, [], operations, introspects=_introspects(checked.document))


def _introspects(document: DocumentNode) -> bool:
    """Whether ``document`` selects ``__schema`` or ``__type`` anywhere; linear in its size."""
    selection_sets = [
        definition.selection_set
        for definition in document.definitions
        if isinstance(definition, (OperationDefinitionNode, FragmentDefinitionNode))
    ]
    while selection_sets:
        for selection in selection_sets.pop().selections:
            if isinstance(selection, FieldNode):
                if selection.name.value in INTROSPECTION_FIELDS:
                    return True
                if selection.selection_set is not None:
                    selection_sets.append(selection.selection_set)
            elif isinstance(selection, InlineFragmentNode):
                selection_sets.append(selection.selection_set)
    return False


def _is_staff(access: Access) -> bool:
    """Whether the viewer may see the schema in production: holds a role other than learner."""
    return access.operator or any(grant.role is not Role.LEARNER for grant in access.grants)


def _introspection_refusal(access: Access) -> dict[str, Any] | None:
    """Why ``access`` may not introspect the schema in production, or ``None`` if it may."""
    if _is_staff(access):
        return None
    if not access.signed_in:
        return _error("Sign in to introspect the schema.", "UNAUTHENTICATED")
    return _error("Introspecting the schema is for staff accounts only.", "FORBIDDEN")


def _without_suggestions(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``errors`` with their messages' suggestions removed (see :func:`_strip_suggestion`)."""
    return [
        {**error, "message": _strip_suggestion(error["message"])}
        if isinstance(error.get("message"), str)
        else error
        for error in errors
    ]


def _strip_suggestion(message: str) -> str:
    """``message`` without its "Did you mean …?": the schema's names close to what the query
    asked (fields, arguments, types, enum values)."""
    return SUGGESTION.sub("", message) if " Did you mean " in message else message


def _choose(prepared: PreparedDocument, operation_name: str | None) -> OperationType | dict:
    """The kind of the operation to run, or the error saying why none can be chosen."""
    kind = prepared.operations.get(operation_name)
    if kind is not None:
        return kind
    if operation_name is None:
        return _error(
            "The document has several operations: say which to run with operationName.",
            "BAD_REQUEST",
        )
    return _error(f"The document has no operation named {_clip(operation_name)!r}.", "BAD_REQUEST")


def _is_bad_input(error: GraphQLError) -> bool:
    """Whether ``error`` comes from an input value that did not coerce (a malformed global ID
    included), possibly wrapped in other GraphQLErrors."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, (GlobalIDValueError, StrawberryInputCoercionError)):
            return True
        cause = cause.original_error if isinstance(cause, GraphQLError) else None
    return False


def _formatted_request_error(error: GraphQLError, default_code: str) -> dict[str, Any]:
    formatted: dict[str, Any] = dict(error.formatted)
    extensions = dict(formatted.get("extensions") or {})
    if _is_bad_input(error):
        extensions["code"] = "BAD_USER_INPUT"
    extensions.setdefault("code", default_code)
    formatted["extensions"] = extensions
    return formatted


def format_error(error: GraphQLError, request_id: str, debug: bool) -> dict[str, Any]:
    """The response form of an error raised while running a request.

    Deliberate errors pass through; malformed global IDs are ``BAD_USER_INPUT``; anything
    else is logged at ERROR with its traceback and masked (shown when ``debug``).
    """
    original = error.original_error
    if _is_bad_input(error):
        return _formatted_request_error(error, "BAD_USER_INPUT")
    if original is None or isinstance(original, GraphQLError):
        if error.path is None:
            # Raised before any field ran: the variables did not coerce.
            return _formatted_request_error(error, "BAD_USER_INPUT")
        return dict(error.formatted)
    logger.error(
        "unexpected error (request %s) at %s",
        request_id,
        error.path,
        exc_info=(type(original), original, original.__traceback__),
    )
    formatted = _internal_error(request_id)
    if debug:
        formatted["message"] = f"{type(original).__name__}: {original}"
    if error.locations:
        formatted["locations"] = [location.formatted for location in error.locations]
    if error.path:
        formatted["path"] = error.path
    return formatted


def _refuse(
    status: Status,
    errors: list[dict[str, Any]],
    request_id: str,
    extensions: dict[str, Any] | None = None,
) -> Outcome:
    """A request refused before execution, logged as the client's mistake."""
    _log_client_errors(request_id, errors)
    body: dict[str, Any] = {"errors": errors}
    if extensions is not None:
        body["extensions"] = extensions
    return Outcome(status, body)


def _internal_error(request_id: str) -> dict[str, Any]:
    return {
        "message": "Unexpected error.",
        "extensions": {"code": "INTERNAL_SERVER_ERROR", "requestId": request_id},
    }


def _error(message: str, code: str, **extensions: Any) -> dict[str, Any]:
    return {"message": message, "extensions": {"code": code, **extensions}}


def _log_client_errors(request_id: str, errors: list[dict[str, Any]]) -> None:
    """Client mistakes at INFO: one line per request, codes and the first message, truncated."""
    mistakes = [
        error
        for error in errors
        if error.get("extensions", {}).get("code") != "INTERNAL_SERVER_ERROR"
    ]
    if not mistakes or not logger.isEnabledFor(logging.INFO):
        return
    codes = sorted({str(error.get("extensions", {}).get("code")) for error in mistakes})
    logger.info(
        "client error (request %s): %s: %s%s",
        request_id,
        ",".join(codes),
        _clip(str(mistakes[0].get("message", ""))),
        f" (and {len(mistakes) - 1} more)" if len(mistakes) > 1 else "",
    )


def _clip(text: str, limit: int = LOG_TEXT_LIMIT) -> str:
    """At most ``limit`` characters of client-supplied text, lone surrogates escaped."""
    clipped = text if len(text) <= limit else text[:limit] + f"… ({len(text)} chars)"
    return clipped.encode("utf-8", "backslashreplace").decode("utf-8")
