"""GraphQL over HTTP (https://graphql.github.io/graphql-over-http/draft/) and the HTTP guards.

:class:`GraphQLEndpoint` serves ``/graphql``: ``POST`` with an ``application/json`` body,
``GET`` with the parameters in the query string (queries only), and the GraphiQL page for a
browser's ``GET`` (``Accept: text/html`` and no ``query``). Answers are
``application/graphql-response+json`` when the client accepts it (preferred when both are
named), otherwise ``application/json``. The status codes are in the README ("HTTP").

:class:`RequestMiddleware` wraps every request: a server-made request ID, the database
context, and the security headers (in production, ``Secure`` on every cookie set).
:class:`CorsMiddleware` lets the browsers of allowed origins call ``/graphql`` with credentials.
"""

from __future__ import annotations

import asyncio
import contextvars
import ipaddress
import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from tortoise.context import TortoiseContext

from core.orm import StatementInterrupter, activate_context, deactivate_context
from core.settings import Settings
from schema.context import Context, Credentials
from schema.execution import Executor, GraphQLRequest, Outcome, Status

logger = logging.getLogger("hocviec.http")

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"
MAX_JSON_DEPTH = 32
"""Deepest nesting of arrays and objects a request body or ``variables`` may have."""
CLIENT_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
"""A client's ``x-request-id`` that may be logged (never echoed)."""

_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")


# --------------------------------------------------------------------------------------------
# Security headers and request IDs
# --------------------------------------------------------------------------------------------

DEFAULT_CSP = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)
HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")


class RequestMiddleware:
    """Every HTTP request: a request ID, the app's database context, security headers.

    The request ID is the server's own (uuid4 hex), in ``scope["state"]["request_id"]`` and the
    ``x-request-id`` response header. A client's ``x-request-id`` matching
    :data:`CLIENT_REQUEST_ID` is logged beside it (at DEBUG), never echoed. The
    Content-Security-Policy is ``default-src 'self'`` unless the response sets its own (the
    GraphiQL page does); HSTS only over HTTPS.

    With ``secure_cookies`` (production), every ``Set-Cookie`` carries ``Secure`` even over
    plain HTTP (behind a proxy that terminates TLS without saying so, say); otherwise the
    session cookie is ``Secure`` over HTTPS only (see :func:`session_cookie`).

    The tortoise context is opened in the lifespan, which servers run in another task, so each
    request enters it; each keeps its own reset token (see :func:`core.orm.activate_context`).
    """

    def __init__(self, app: ASGIApp, state: Any, *, secure_cookies: bool = False) -> None:
        self.app = app
        self.state = state
        self.secure_cookies = secure_cookies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        if logger.isEnabledFor(logging.DEBUG):
            _log_client_request_id(scope, request_id)
        https = scope.get("scheme") == "https"
        secure_cookies = self.secure_cookies

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                if secure_cookies:
                    headers = [
                        (name, _secure(value)) if name.lower() == b"set-cookie" else (name, value)
                        for name, value in headers
                    ]
                if not any(name.lower() == b"content-security-policy" for name, _ in headers):
                    headers.append((b"content-security-policy", DEFAULT_CSP.encode()))
                headers.extend(SECURITY_HEADERS)
                if https:
                    headers.append(HSTS)
                headers.append((b"x-request-id", request_id.encode()))
                message["headers"] = headers
            await send(message)

        context: TortoiseContext | None = getattr(self.state, "tortoise", None)
        if context is None:
            await self.app(scope, receive, send_with_headers)
            return
        token = activate_context(context)
        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            deactivate_context(token)


def _secure(cookie: bytes) -> bytes:
    """A ``Set-Cookie`` value with the ``Secure`` attribute (added unless already there)."""
    _, *attributes = cookie.split(b";")
    if any(attribute.strip().lower() == b"secure" for attribute in attributes):
        return cookie
    return cookie + b"; Secure"


def _log_client_request_id(scope: Scope, request_id: str) -> None:
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id":
            text = value.decode("latin-1")
            if CLIENT_REQUEST_ID.fullmatch(text):
                logger.debug("request %s: client request id %s", request_id, text)
            return


# --------------------------------------------------------------------------------------------
# Cross-origin requests
# --------------------------------------------------------------------------------------------

CORS_PATHS = ("/graphql", "/files")
"""The paths cross-origin pages may call (``/files`` with what is below it)."""
CORS_MAX_AGE = 600
"""Seconds a browser may keep a preflight's answer."""
LOCAL_ORIGIN = re.compile(r"http://(?:localhost|127\.0\.0\.1)(?::[0-9]{1,5})?")
"""Origins allowed in development besides ``HOCVIEC_CORS_ORIGINS``: a front end run locally."""
CORS_ALLOW_METHODS = b"GET, POST"
CORS_ALLOW_HEADERS = b"content-type, authorization"


class AllowedOrigins:
    """The origins whose pages may call the API with credentials: :attr:`Settings.cors_origins`,
    and in development ``http://localhost`` and ``http://127.0.0.1`` on any port."""

    def __init__(self, settings: Settings) -> None:
        self.origins = frozenset(origin.encode("latin-1") for origin in settings.cors_origins)
        self.local = not settings.production

    def allows(self, origin: bytes) -> bool:
        if origin in self.origins:
            return True
        return self.local and LOCAL_ORIGIN.fullmatch(origin.decode("latin-1")) is not None


def is_cors_path(path: str) -> bool:
    """Whether cross-origin pages may call ``path`` (see :data:`CORS_PATHS`)."""
    return any(path == base or path.startswith(base + "/") for base in CORS_PATHS)


class CorsMiddleware:
    """Cross-origin requests to ``/graphql`` and ``/files`` from allowed origins, with
    credentials.

    Allowed: :class:`AllowedOrigins`. A request whose ``Origin`` is allowed gets
    ``Access-Control-Allow-Origin`` (that origin), ``Access-Control-Allow-Credentials`` and
    ``Vary: origin``; its preflight (``OPTIONS`` with ``Access-Control-Request-Method``) is
    answered 204 with the methods, headers and max-age allowed. An origin not allowed gets no
    CORS header, so its browser keeps the answer from its page; its preflight is refused with
    403. Requests without ``Origin`` (same-origin, or not from a browser) pass untouched.
    """

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.allowed = AllowedOrigins(settings)

    def allows(self, origin: bytes) -> bool:
        return self.allowed.allows(origin)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_cors_path(route_path(scope)):
            await self.app(scope, receive, send)
            return
        origin = None
        preflight = False
        for name, value in scope["headers"]:
            if name == b"origin":
                origin = value
            elif name == b"access-control-request-method":
                preflight = scope["method"] == "OPTIONS"
        if origin is None:
            await self.app(scope, receive, send)
            return
        allowed = self.allows(origin)
        if preflight:
            await self._preflight(scope, send, origin, allowed)
            return
        if not allowed:
            await self.app(scope, receive, send)
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = _with_cors(list(message.get("headers", ())), origin)
            await send(message)

        await self.app(scope, receive, send_with_cors)

    async def _preflight(self, scope: Scope, send: Send, origin: bytes, allowed: bool) -> None:
        if not allowed:
            request_id = scope.get("state", {}).get("request_id", "")
            message = "Cross-origin requests from this origin are not allowed."
            logger.info(
                "client error (request %s): HTTP 403 FORBIDDEN: %s (origin %r)",
                request_id,
                message,
                origin[:200].decode("latin-1"),
            )
            body = {"errors": [_http_error_body(message, "FORBIDDEN", request_id)]}
            await _send_json(send, 403, JSON, body)
            return
        headers = _with_cors([], origin)
        headers += [
            (b"access-control-allow-methods", CORS_ALLOW_METHODS),
            (b"access-control-allow-headers", CORS_ALLOW_HEADERS),
            (b"access-control-max-age", str(CORS_MAX_AGE).encode()),
            (b"content-length", b"0"),
        ]
        await send({"type": "http.response.start", "status": 204, "headers": headers})
        await send({"type": "http.response.body", "body": b""})


def _with_cors(headers: list[tuple[bytes, bytes]], origin: bytes) -> list[tuple[bytes, bytes]]:
    """``headers`` allowing ``origin`` with credentials, ``origin`` added to ``Vary``."""
    for index, (name, value) in enumerate(headers):
        if name.lower() == b"vary":
            headers[index] = (name, value + b", origin")
            break
    else:
        headers.append((b"vary", b"origin"))
    headers.append((b"access-control-allow-origin", origin))
    headers.append((b"access-control-allow-credentials", b"true"))
    return headers


def route_path(scope: Scope) -> str:
    """The path the app's routes see: without the ``root_path`` it is mounted under."""
    path: str = scope["path"]
    root: str = scope.get("root_path", "")
    return path[len(root) :] if root and path.startswith(root) else path


# --------------------------------------------------------------------------------------------
# Who the request comes from
# --------------------------------------------------------------------------------------------

SESSION_COOKIE = "hocviec_session"


def credentials(scope: Scope, trusted_proxies: frozenset[str]) -> Credentials:
    """The session cookie, bearer token, client address and scheme of a request.

    ``X-Forwarded-For`` and ``X-Forwarded-Proto`` are believed only from a trusted proxy: the
    client is the rightmost forwarded address that is not itself a trusted proxy.
    """
    headers = _headers(scope)
    peer = scope["client"][0] if scope.get("client") else None
    address = peer
    https = scope.get("scheme") == "https"
    if peer in trusted_proxies:
        forwarded = headers.get(b"x-forwarded-for", b"").decode("latin-1")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        while hops and hops[-1] in trusted_proxies:
            hops.pop()
        if hops:
            address = hops[-1]
        https = https or headers.get(b"x-forwarded-proto", b"").strip().lower() == b"https"
    bearer = None
    authorization = headers.get(b"authorization", b"").decode("latin-1")
    scheme, _, secret = authorization.partition(" ")
    if scheme.lower() == "bearer" and secret.strip():
        bearer = secret.strip()
    return Credentials(
        session=_cookie(headers.get(b"cookie", b""), SESSION_COOKIE),
        bearer=bearer,
        address=_ip(address),
        https=https,
        trusted_proxy=peer in trusted_proxies,
    )


def _ip(value: str | None) -> str | None:
    """``value`` if it is an IP address (normalised), else ``None``."""
    try:
        return None if value is None else str(ipaddress.ip_address(value))
    except ValueError:
        return None


def _cookie(header: bytes, name: str) -> str | None:
    for pair in header.decode("latin-1").split(";"):
        key, _, value = pair.strip().partition("=")
        if key == name and value:
            return value
    return None


def session_cookie(secret: str | None, max_age: int, https: bool) -> tuple[bytes, bytes]:
    """The ``Set-Cookie`` header that stores (or, with ``None``, clears) the session.

    ``Secure`` when ``https``; in production :class:`RequestMiddleware` adds it whatever the
    scheme."""
    value = secret or ""
    attributes = [f"{SESSION_COOKIE}={value}", "Path=/", "HttpOnly", "SameSite=Lax"]
    attributes.append(f"Max-Age={max_age if secret else 0}")
    if https:
        attributes.append("Secure")
    return (b"set-cookie", "; ".join(attributes).encode("latin-1"))


# --------------------------------------------------------------------------------------------
# GraphiQL
# --------------------------------------------------------------------------------------------


GRAPHIQL_FILES = Path(__file__).resolve().parent / "static" / "graphiql"
"""The GraphiQL page and its vendored libraries (``.ci/graphiql/vendor.py``), served from
``/static/graphiql/``."""


@dataclass(frozen=True)
class IdePage:
    """The GraphiQL page and the Content-Security-Policy it needs, read once.

    Every script and style comes from this server (the vendored packages and the page's own
    files): the page makes no request that leaves it and holds no inline script.
    ``style-src 'unsafe-inline'`` lets the editor's libraries set styles (layout only; scripts
    stay ``'self'``).
    """

    html: bytes
    csp: str

    @classmethod
    def graphiql(cls) -> IdePage:
        csp = (
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "font-src 'self' data:; img-src 'self' data:; connect-src 'self'; "
            "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        )
        return cls((GRAPHIQL_FILES / "index.html").read_bytes(), csp)


# --------------------------------------------------------------------------------------------
# The endpoint
# --------------------------------------------------------------------------------------------


class HttpError(Exception):
    """A request the endpoint cannot use: status, message, code and extra headers."""

    def __init__(
        self, status: int, message: str, code: str, headers: tuple[tuple[bytes, bytes], ...] = ()
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.headers = headers


class ClientGoneError(Exception):
    """The client disconnected before the request was answered."""


ALLOW = ((b"allow", b"GET, POST"),)
ALLOW_POST = ((b"allow", b"POST"),)


class GraphQLEndpoint:
    """The ``/graphql`` ASGI endpoint; see the module docstring."""

    def __init__(
        self,
        executor: Executor,
        settings: Settings,
        context_factory: Callable[[Scope, str], Context],
        interrupter: Callable[[], StatementInterrupter | None],
    ) -> None:
        self.executor = executor
        self.settings = settings
        self.context_factory = context_factory
        self.interrupter = interrupter
        self.ide = IdePage.graphiql()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.monotonic()
        request_id: str = scope["state"]["request_id"]
        media = JSON
        try:
            headers = _headers(scope)
            method = scope["method"]
            accept = headers.get(b"accept", b"").decode("latin-1")
            if method == "GET" and _wants_html(accept) and b"query=" not in scope["query_string"]:
                await self._send_ide(send)
                return
            if method not in ("GET", "POST"):
                raise HttpError(
                    405, f"Method {method} is not allowed.", "METHOD_NOT_ALLOWED", ALLOW
                )
            chosen = negotiate(accept)
            if chosen is None:
                raise HttpError(
                    406,
                    f"Cannot answer in any type the Accept header names; use {JSON} or "
                    f"{GRAPHQL_RESPONSE_JSON}.",
                    "NOT_ACCEPTABLE",
                )
            media = chosen
            if method == "GET":
                request = _request_from_query_string(scope["query_string"])
            else:
                body = await self._read_body(headers, receive, started)
                request = _request_from_body(body)
            outcome, context = await self._run(request, scope, receive, method, started)
            payload = encode_json(outcome.body)
        except HttpError as error:
            logger.info(
                "client error (request %s): HTTP %d %s: %s",
                request_id,
                error.status,
                error.code,
                error.message[:200],
            )
            await _send_json(
                send,
                error.status,
                media,
                {"errors": [_http_error_body(error.message, error.code, request_id)]},
                error.headers,
            )
            return
        except ClientGoneError:
            logger.info("request %s: the client disconnected; its work was cancelled", request_id)
            return
        except Exception:
            logger.exception("unexpected error in the HTTP endpoint (request %s)", request_id)
            await _send_json(
                send,
                500,
                media,
                {
                    "errors": [
                        _http_error_body("Unexpected error.", "INTERNAL_SERVER_ERROR", request_id)
                    ]
                },
            )
            return
        extra = _extra(outcome) + tuple(context.response_headers)
        await _send_json(send, _status(outcome.status, media), media, payload, extra)

    async def _read_body(
        self, headers: dict[bytes, bytes], receive: Receive, started: float
    ) -> bytes:
        content_type = headers.get(b"content-type")
        if content_type is None or not _is_json_utf8(content_type.decode("latin-1")):
            raise HttpError(
                415,
                f"POST bodies must be {JSON} (UTF-8); use GET for a query in the URL.",
                "UNSUPPORTED_MEDIA_TYPE",
            )
        limit = self.settings.max_body_bytes
        declared = headers.get(b"content-length")
        if declared is not None and not declared.isdigit():
            raise HttpError(400, "Content-Length is not a number.", "BAD_REQUEST")
        if declared is not None and int(declared) > limit:
            raise HttpError(413, f"The body is larger than {limit} bytes.", "BODY_TOO_LARGE")
        timeout = min(self.settings.body_timeout, self._remaining(started))
        try:
            async with asyncio.timeout(timeout):
                return await _read_limited(receive, limit)
        except TimeoutError:
            raise HttpError(
                408, f"The body did not arrive within {timeout:g} seconds.", "REQUEST_TIMEOUT"
            ) from None

    def _remaining(self, started: float) -> float:
        return max(0.0, self.settings.request_timeout - (time.monotonic() - started))

    async def _run(
        self, request: GraphQLRequest, scope: Scope, receive: Receive, method: str, started: float
    ) -> tuple[Outcome, Context]:
        """Run the request in a task of its own, cancelled at the deadline or on disconnect."""
        context = self.context_factory(scope, scope["state"]["request_id"])
        interrupter = self.interrupter()
        # The work runs in a context of its own whose database work carries a fresh tag.
        work_context = contextvars.copy_context()
        tag = work_context.run(StatementInterrupter.tag)
        work = asyncio.create_task(
            self.executor.run(request, context, method=method), context=work_context
        )
        watcher = asyncio.create_task(_wait_for_disconnect(receive))
        try:
            done, _ = await asyncio.wait(
                (work, watcher),
                timeout=self._remaining(started),
                return_when=asyncio.FIRST_COMPLETED,
            )
        finally:
            watcher.cancel()
        if work in done:
            return work.result(), context
        if interrupter is not None:
            interrupter.interrupt(tag)
        work.cancel()
        await asyncio.wait((work,))
        if not work.cancelled() and work.exception() is not None:
            logger.error(
                "request %s: its work failed while being cancelled",
                context.request_id,
                exc_info=work.exception(),
            )
        if watcher in done and not watcher.cancelled():
            raise ClientGoneError
        return Outcome(
            Status.TIMED_OUT,
            {
                "errors": [
                    _http_error_body(
                        f"The request took longer than {self.settings.request_timeout:g} "
                        "seconds and was stopped.",
                        "TIMEOUT",
                        context.request_id,
                    )
                ]
            },
        ), context

    async def _send_ide(self, send: Send) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-type", b"text/html; charset=utf-8"),
                    (b"content-length", str(len(self.ide.html)).encode()),
                    (b"content-security-policy", self.ide.csp.encode()),
                    (b"cache-control", b"no-store"),
                    (b"vary", b"accept"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": self.ide.html})


def _status(status: Status, media: str) -> int:
    """The HTTP status of an outcome in the negotiated media type (see the README)."""
    if status is Status.EXECUTED:
        return 200
    if status is Status.METHOD_NOT_ALLOWED:
        return 405
    if status is Status.FAILED:
        return 500
    if media == JSON:
        return 200  # application/json: 200 for every well-formed request
    return 504 if status is Status.TIMED_OUT else 400


def _extra(outcome: Outcome) -> tuple[tuple[bytes, bytes], ...]:
    return ALLOW_POST if outcome.status is Status.METHOD_NOT_ALLOWED else ()


def _http_error_body(message: str, code: str, request_id: str) -> dict[str, Any]:
    return {"message": message, "extensions": {"code": code, "requestId": request_id}}


def encode_json(body: dict[str, Any]) -> bytes:
    """The body as compact UTF-8 JSON.

    orjson rather than the standard library: for a page of 100 officials it takes 30 µs
    instead of 500.
    """
    try:
        return orjson.dumps(body)
    except orjson.JSONEncodeError:
        # A lone surrogate a client sent (JSON allows "\ud800"), echoed in an error message:
        # escaped, the answer stays valid UTF-8 and valid JSON.
        return json.dumps(body, separators=(",", ":")).encode()


async def _send_json(
    send: Send,
    status: int,
    media: str,
    body: dict[str, Any] | bytes,
    extra: tuple[tuple[bytes, bytes], ...] = (),
) -> None:
    payload = body if isinstance(body, bytes) else encode_json(body)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", _CONTENT_TYPES[media]),
                (b"content-length", str(len(payload)).encode()),
                (b"cache-control", b"no-store"),
                (b"vary", b"accept"),
                *extra,
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})


_CONTENT_TYPES = {
    JSON: b"application/json; charset=utf-8",
    GRAPHQL_RESPONSE_JSON: b"application/graphql-response+json; charset=utf-8",
}


# --------------------------------------------------------------------------------------------
# Reading requests
# --------------------------------------------------------------------------------------------


def _headers(scope: Scope) -> dict[bytes, bytes]:
    return dict(scope["headers"])


async def _read_limited(receive: Receive, limit: int) -> bytes:
    """The whole body, refused as soon as it grows past ``limit`` bytes."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientGoneError
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise HttpError(413, f"The body is larger than {limit} bytes.", "BODY_TOO_LARGE")
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


async def _wait_for_disconnect(receive: Receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass


def _is_json_utf8(content_type: str) -> bool:
    media, *parameters = (part.strip().lower() for part in content_type.split(";"))
    if media != JSON:
        return False
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip() == "charset" and value.strip().strip('"') not in ("utf-8", "utf8"):
            return False
    return True


def negotiate(accept: str) -> str | None:
    """The media type to answer in, or ``None`` when the Accept header allows neither.

    A missing header means ``application/json`` (legacy clients); a type named explicitly beats
    one reached through a wildcard; between two explicit types of equal quality the
    GraphQL-over-HTTP type wins; wildcards alone give ``application/json``.
    """
    if not accept.strip():
        return JSON
    best: dict[str, tuple[float, int]] = {}
    for item in accept.split(","):
        media, *parameters = (part.strip().lower() for part in item.split(";"))
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        for candidate in (GRAPHQL_RESPONSE_JSON, JSON):
            specificity = _specificity(media, candidate)
            if specificity and specificity >= best.get(candidate, (0.0, 0))[1]:
                best[candidate] = (quality, specificity)
    acceptable = [(rank, candidate) for candidate, rank in best.items() if rank[0] > 0]
    if not acceptable:
        return None
    return max(acceptable, key=lambda item: (*item[0], _preferred(item[1], item[0][1])))[1]


def _preferred(candidate: str, specificity: int) -> bool:
    """The tie-break: the GraphQL-over-HTTP type when named, ``application/json`` by wildcard."""
    return candidate == (GRAPHQL_RESPONSE_JSON if specificity == 2 else JSON)


def _specificity(media_range: str, media: str) -> int:
    if media_range == media:
        return 2
    if media_range in ("*/*", "application/*"):
        return 1
    return 0


def _wants_html(accept: str) -> bool:
    return "text/html" in accept


def _request_from_query_string(query_string: bytes) -> GraphQLRequest:
    try:
        params = dict(
            parse_qsl(query_string.decode("latin-1"), keep_blank_values=True, errors="strict")
        )
    except (UnicodeDecodeError, ValueError):
        raise HttpError(400, "The query string is not valid UTF-8.", "BAD_REQUEST") from None
    variables = params.get("variables")
    extensions = params.get("extensions")
    return _checked_request(
        params.get("query"),
        params.get("operationName") or None,
        _parse_json(variables.encode(), "variables") if variables else None,
        _parse_json(extensions.encode(), "extensions") if extensions else None,
    )


def _request_from_body(body: bytes) -> GraphQLRequest:
    if not body:
        raise HttpError(400, "The body is empty; send a JSON object with a query.", "BAD_REQUEST")
    payload = _parse_json(body, "body")
    if not isinstance(payload, dict):
        raise HttpError(400, "The body must be a JSON object.", "BAD_REQUEST")
    return _checked_request(
        payload.get("query"),
        payload.get("operationName"),
        payload.get("variables"),
        payload.get("extensions"),
    )


def _checked_request(
    query: Any, operation_name: Any, variables: Any, extensions: Any
) -> GraphQLRequest:
    if query is None:
        raise HttpError(400, "The request has no query.", "BAD_REQUEST")
    if not isinstance(query, str):
        raise HttpError(400, "query must be a string.", "BAD_REQUEST")
    if operation_name is not None and not isinstance(operation_name, str):
        raise HttpError(400, "operationName must be a string or null.", "BAD_REQUEST")
    if variables is not None and not isinstance(variables, dict):
        raise HttpError(400, "variables must be a JSON object or null.", "BAD_REQUEST")
    if extensions is not None and not isinstance(extensions, dict):
        raise HttpError(400, "extensions must be a JSON object or null.", "BAD_REQUEST")
    return GraphQLRequest(query, operation_name, variables)


def _parse_json(raw: bytes, what: str) -> Any:
    """Parse JSON, refusing invalid UTF-8 and nesting deeper than :data:`MAX_JSON_DEPTH`."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise HttpError(400, f"The {what} is not valid UTF-8.", "BAD_REQUEST") from None
    if too_deep(raw, MAX_JSON_DEPTH):
        raise HttpError(
            400, f"The {what} nests deeper than {MAX_JSON_DEPTH} levels.", "BAD_REQUEST"
        )
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise HttpError(400, f"The {what} is not valid JSON.", "BAD_REQUEST") from None


def too_deep(raw: bytes, limit: int) -> bool:
    """Whether JSON text nests arrays and objects more than ``limit`` deep.

    Linear and cheap: strings are skipped by one regular expression, and only when there are
    more brackets than ``limit`` at all are the rest counted.
    """
    if raw.count(b"[") + raw.count(b"{") <= limit:
        return False
    depth = 0
    for match in _BRACKET.finditer(_STRING.sub(b"", raw)):
        if match.group() in (b"[", b"{"):
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False
