"""``POST /files`` (upload) and ``GET /files/{id}`` (download), beside ``/graphql``.

``/graphql`` takes JSON only; files come here as ``multipart/form-data`` with one part
``file`` and an optional text part ``sha256``, read as they arrive: the form is parsed in a
streaming parser (python-multipart's ``MultipartParser``), the file's bytes go straight to
the storage backend through :func:`core.services.files.store_upload`, which checks them on the
way, and nothing of the body is held in memory beyond a chunk. ``HOCVIEC_MAX_BODY_BYTES``
(``/graphql``'s limit) does not apply; ``HOCVIEC_MAX_UPLOAD_BYTES`` does, to the file, and the
whole body may exceed it only by :data:`FORM_OVERHEAD_BYTES`.

Who asks is found exactly as for ``/graphql`` (the same :class:`~schema.context.Context`: a
plugin's sign-in, an API token, the session cookie). A browser request from a page of another
origin that is not allowed (:class:`~core.http.AllowedOrigins`) is refused unless it carries an
API token: a form on another site cannot upload with the session cookie.

Answers are JSON: ``201`` with the file's metadata, or ``{"errors": [{"field", "code",
"message"}]}`` with a 4xx status (see ``docs/files.md``); client errors are logged at INFO.
"""

from __future__ import annotations

import asyncio
import logging
import unicodedata
from collections import deque
from collections.abc import AsyncIterator, Callable
from typing import Any
from urllib.parse import quote

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response, StreamingResponse
from starlette.types import Scope

from core.http import AllowedOrigins, encode_json
from core.models import StoredFile
from core.services import files
from core.services.errors import ErrorCode, NotAllowedError, ServiceError, SignInRequiredError
from core.settings import Settings, normalise_origin
from core.storage import FileStorage
from schema.context import Context
from schema.ids import decoded_id, encode_id

logger = logging.getLogger("hocviec.http")

FORM_OVERHEAD_BYTES = 64 * 1024
"""What a form may add to its file: boundaries, part headers, the ``sha256`` field."""
MAX_FIELD_BYTES = 200
"""The longest text field (``sha256`` is 64 characters)."""
MAX_PARTS = 10
"""Parts a form may have (it needs two)."""
NODE_TYPE = "StoredFile"
"""The GraphQL type whose global IDs name files."""
ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
"""Routed to the handlers, which answer a method they do not serve with a JSON 405."""
STATUS_OF = {
    ErrorCode.TOO_LARGE: 413,
    ErrorCode.UNSUPPORTED_MEDIA_TYPE: 415,
    ErrorCode.MEDIA_TYPE_MISMATCH: 415,
}
"""The status of a refused upload by its first error's code; 400 for the others."""


class FileHttpError(Exception):
    """A request the file endpoints refuse: status, code, message, the field at fault."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        field: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.errors = [{"field": field, "code": code, "message": message}]
        self.headers = headers or {}

    @classmethod
    def refused(cls, error: ServiceError) -> FileHttpError:
        refusal = cls(STATUS_OF.get(error.errors[0].code, 400), "", "")
        refusal.errors = [
            {"field": item.field, "code": item.code.name, "message": item.message}
            for item in error.errors
        ]
        return refusal


def _json(status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
    return Response(
        encode_json(body),
        status_code=status,
        media_type="application/json",
        headers={"cache-control": "no-store", **(headers or {})},
    )


class FileEndpoints:
    """The two handlers; one instance per app, holding its storage."""

    def __init__(
        self,
        settings: Settings,
        storage: FileStorage,
        context_factory: Callable[[Scope, str], Context],
    ) -> None:
        self.settings = settings
        self.storage = storage
        self.context_factory = context_factory
        self.origins = AllowedOrigins(settings)

    async def upload(self, request: Request) -> Response:
        """``POST /files``: check and keep one file; ``201`` with its metadata."""
        request_id: str = request.scope["state"]["request_id"]
        try:
            if request.method != "POST":
                raise FileHttpError(
                    405, "METHOD_NOT_ALLOWED", "Upload with POST.", headers={"allow": "POST"}
                )
            context = self.context_factory(request.scope, request_id)
            self._check_origin(request, context)
            actor = await context.access()
            if actor.account is None:
                raise FileHttpError(401, "UNAUTHENTICATED", "Sign in to upload files.")
            stored = await self._receive(request, actor)
        except FileHttpError as error:
            return self._client_error(request_id, error)
        except ServiceError as error:
            return self._client_error(request_id, FileHttpError.refused(error))
        except ClientDisconnect:
            logger.info("request %s: the client disconnected during its upload", request_id)
            return Response(status_code=400)
        except Exception:
            logger.exception("unexpected error in POST /files (request %s)", request_id)
            return _json(500, _error(None, "INTERNAL_SERVER_ERROR", "Unexpected error."))
        logger.info(
            "request %s: stored file %d (%s, %d bytes)",
            request_id,
            stored.id,
            stored.media_type,
            stored.size,
        )
        return _json(201, file_json(stored))

    async def download(self, request: Request) -> Response:
        """``GET /files/{id}``: the file's bytes, if the viewer may download it."""
        request_id: str = request.scope["state"]["request_id"]
        try:
            if request.method != "GET":
                raise FileHttpError(
                    405, "METHOD_NOT_ALLOWED", "Download with GET.", headers={"allow": "GET"}
                )
            actor = await self.context_factory(request.scope, request_id).access()
            key = decoded_id(request.path_params["file_id"], NODE_TYPE)
            if key is None and actor.signed_in:
                raise FileHttpError(404, "NOT_FOUND", "No file has this ID.", "id")
            stored = await files.file_to_download(actor, key or 0)
        except FileHttpError as error:
            return self._client_error(request_id, error)
        except SignInRequiredError:
            return self._client_error(
                request_id, FileHttpError(401, "UNAUTHENTICATED", "Sign in to download files.")
            )
        except NotAllowedError as error:
            return self._client_error(request_id, FileHttpError(403, "FORBIDDEN", str(error)))
        except ServiceError as error:
            message = error.errors[0].message
            return self._client_error(request_id, FileHttpError(404, "NOT_FOUND", message, "id"))
        etag = f'"{stored.sha256}"'
        headers = {
            "etag": etag,
            "cache-control": "private, no-cache",
            "content-disposition": content_disposition(stored.name),
            # a file is data, never a page of this origin, even if a browser opened it
            "content-security-policy": "default-src 'none'; sandbox",
        }
        if etag in _listed(request.headers.get("if-none-match", "")):
            return Response(status_code=304, headers=headers)
        try:
            chunks = await self.storage.open(stored.key)
        except FileNotFoundError:
            logger.error("request %s: the bytes of file %d are missing", request_id, stored.id)
            return _json(500, _error(None, "INTERNAL_SERVER_ERROR", "The file's bytes are lost."))
        headers["content-length"] = str(stored.size)
        return StreamingResponse(
            chunks, media_type=files.content_type_header(stored.media_type), headers=headers
        )

    # -- the upload's steps -------------------------------------------------------------------

    def _check_origin(self, request: Request, context: Context) -> None:
        """Refuse a browser's request from a page of another origin that is not allowed,
        unless it carries an API token (a browser never adds one by itself)."""
        origin = request.headers.get("origin")
        if origin is None or context.credentials.bearer is not None:
            return
        scheme = "https" if context.credentials.https else "http"
        own = normalise_origin(f"{scheme}://{request.headers.get('host', '')}")
        if normalise_origin(origin) == own or self.origins.allows(origin.encode("latin-1")):
            return
        raise FileHttpError(
            403, "FORBIDDEN", "Uploads from pages of this origin are not allowed.", "origin"
        )

    async def _receive(self, request: Request, actor: Any) -> StoredFile:
        media, options = parse_options_header(request.headers.get("content-type", ""))
        boundary = options.get(b"boundary")
        if media != b"multipart/form-data" or not boundary:
            raise FileHttpError(
                415,
                "UNSUPPORTED_MEDIA_TYPE",
                "Send the file as multipart/form-data with a part named file.",
            )
        limit = self.settings.max_upload_bytes + FORM_OVERHEAD_BYTES
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            raise self._too_large()
        form = FormReader(boundary, request.stream(), limit, self.settings.body_timeout)
        fields: dict[str, str] = {}
        while (part := await form.next_part()) is not None:
            name, filename, content_type = part
            if name == files.FILE:
                return await files.store_upload(
                    actor,
                    filename,
                    content_type,
                    self._rest_after_file(form, fields),
                    lambda: fields.get(files.SHA256),
                    storage=self.storage,
                    max_bytes=self.settings.max_upload_bytes,
                )
            await self._read_field(form, name, fields)
        raise FileHttpError(400, "REQUIRED", "The form has no part named file.", files.FILE)

    async def _rest_after_file(
        self, form: FormReader, fields: dict[str, str]
    ) -> AsyncIterator[bytes]:
        """The file part's bytes; then the rest of the form is read (a ``sha256`` field may
        follow the file)."""
        async for chunk in form.part_data():
            yield chunk
        while (part := await form.next_part()) is not None:
            if part[0] == files.FILE:
                raise FileHttpError(400, "TOO_MANY", "Send one file per request.", files.FILE)
            await self._read_field(form, part[0], fields)

    async def _read_field(self, form: FormReader, name: str, fields: dict[str, str]) -> None:
        if name != files.SHA256 or name in fields:
            raise FileHttpError(
                400,
                "BAD_REQUEST",
                f"The form may hold the parts file and sha256 only, once each ({name[:40]!r}).",
                name[:40] or None,
            )
        value = b""
        async for chunk in form.part_data():
            value += chunk
            if len(value) > MAX_FIELD_BYTES:
                raise FileHttpError(400, "INVALID", "The sha256 field is too long.", files.SHA256)
        fields[name] = value.decode("utf-8", "replace")

    def _too_large(self) -> FileHttpError:
        return FileHttpError(
            413,
            ErrorCode.TOO_LARGE.name,
            f"The file is larger than {self.settings.max_upload_bytes} bytes.",
            files.FILE,
        )

    def _client_error(self, request_id: str, error: FileHttpError) -> Response:
        first = error.errors[0]
        logger.info(
            "client error (request %s): HTTP %d %s on %s: %s",
            request_id,
            error.status,
            first["code"],
            first["field"],
            str(first["message"])[:200],
        )
        return _json(error.status, {"errors": error.errors}, error.headers)


def _error(field: str | None, code: str, message: str) -> dict[str, Any]:
    return {"errors": [{"field": field, "code": code, "message": message}]}


def file_json(stored: StoredFile) -> dict[str, Any]:
    """What ``POST /files`` answers: the file's global ID and metadata."""
    return {
        "id": encode_id(NODE_TYPE, stored.id),
        "name": stored.name,
        "mediaType": stored.media_type,
        "size": stored.size,
        "sha256": stored.sha256,
    }


def content_disposition(name: str) -> str:
    """``attachment`` with the name for every browser: ``filename*`` (RFC 5987, UTF-8) keeps a
    Vietnamese name whole; ``filename`` is an ASCII stand-in for old clients."""
    folded = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    ascii_name = "".join(
        "_" if ch in '"\\' or not ch.isprintable() else ch
        for ch in folded
        if ch.isascii() and not unicodedata.combining(ch)
    )
    return f"attachment; filename=\"{ascii_name or 'file'}\"; filename*=UTF-8''{quote(name)}"


def _listed(header: str) -> set[str]:
    return {item.strip().removeprefix("W/") for item in header.split(",")}


# --------------------------------------------------------------------------------------------
# Reading the form as it arrives
# --------------------------------------------------------------------------------------------

Part = tuple[str, str | None, str | None]
"""A form part's name, file name and content type."""


class FormReader:
    """A ``multipart/form-data`` body read part by part, chunk by chunk, as it arrives.

    python-multipart's parser calls back synchronously for each piece of a chunk; the pieces
    are queued and handed out by :meth:`next_part` and :meth:`part_data`. The body is cut off
    (413) past ``limit`` bytes, and a client that sends nothing for ``idle_timeout`` seconds
    (408); a malformed form is 400.
    """

    def __init__(
        self, boundary: bytes, stream: AsyncIterator[bytes], limit: int, idle_timeout: float
    ) -> None:
        self.stream = stream
        self.limit = limit
        self.idle_timeout = idle_timeout
        self.received = 0
        self.parts = 0
        self.events: deque[tuple[str, Any]] = deque()
        self.ended = False
        header: dict[str, bytes] = {"field": b"", "value": b""}
        headers: dict[str, bytes] = {}

        def header_field(data: bytes, start: int, end: int) -> None:
            header["field"] += data[start:end]

        def header_value(data: bytes, start: int, end: int) -> None:
            header["value"] += data[start:end]

        def header_end() -> None:
            headers[header["field"].decode("latin-1").strip().lower()] = header["value"]
            header["field"] = header["value"] = b""

        def headers_finished() -> None:
            self.events.append(("part", dict(headers)))
            headers.clear()

        def part_data(data: bytes, start: int, end: int) -> None:
            self.events.append(("data", data[start:end]))

        try:
            self.parser = MultipartParser(
                boundary,
                {
                    "on_header_field": header_field,
                    "on_header_value": header_value,
                    "on_header_end": header_end,
                    "on_headers_finished": headers_finished,
                    "on_part_data": part_data,
                    "on_part_end": lambda: self.events.append(("end_part", None)),
                    "on_end": lambda: self.events.append(("end", None)),
                },
            )
        except FormParserError:
            raise FileHttpError(400, "BAD_REQUEST", "The form's boundary is too long.") from None

    async def _event(self) -> tuple[str, Any]:
        while not self.events:
            if self.ended:
                raise FileHttpError(400, "BAD_REQUEST", "The form ended before its last boundary.")
            try:
                async with asyncio.timeout(self.idle_timeout):
                    chunk = await anext(self.stream, None)
            except TimeoutError:
                raise FileHttpError(
                    408,
                    "REQUEST_TIMEOUT",
                    f"Nothing of the body arrived for {self.idle_timeout:g} seconds.",
                ) from None
            if chunk is None:
                self.ended = True
                continue
            self.received += len(chunk)
            if self.received > self.limit:
                raise FileHttpError(
                    413, ErrorCode.TOO_LARGE.name, "The upload is too large.", files.FILE
                )
            try:
                self.parser.write(chunk)
            except FormParserError:
                raise FileHttpError(400, "BAD_REQUEST", "The form is malformed.") from None
        return self.events.popleft()

    async def next_part(self) -> Part | None:
        """The next part's name, file name and content type; ``None`` at the end of the form."""
        kind, value = await self._event()
        while kind == "data" or kind == "end_part":  # what is left of a part not read to its end
            kind, value = await self._event()
        if kind == "end":
            return None
        self.parts += 1
        if self.parts > MAX_PARTS:
            raise FileHttpError(400, "BAD_REQUEST", f"A form has at most {MAX_PARTS} parts.")
        disposition, options = parse_options_header(value.get("content-disposition"))
        if disposition != b"form-data" or b"name" not in options:
            raise FileHttpError(400, "BAD_REQUEST", "A form part has no name.")
        filename = options.get(b"filename")
        content_type = value.get("content-type")
        return (
            options[b"name"].decode("utf-8", "replace"),
            None if filename is None else filename.decode("utf-8", "replace"),
            None if content_type is None else content_type.decode("latin-1"),
        )

    async def part_data(self) -> AsyncIterator[bytes]:
        """The current part's bytes, as they arrive."""
        while True:
            kind, value = await self._event()
            if kind == "data":
                yield value
            elif kind == "end_part":
                return
            else:  # pragma: no cover - the parser ends a part before starting another
                raise FileHttpError(400, "BAD_REQUEST", "The form is malformed.")
