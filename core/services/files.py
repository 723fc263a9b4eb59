"""Uploaded files: every check an upload passes, and who may download a file.

:func:`store_upload` takes a file as a stream of chunks and keeps it only if it passes every
check, each a :class:`~core.services.errors.ServiceError` naming the field (``file`` or
``sha256``) and a code:

- its name is NFC, without a path, control characters or more than 255 characters;
- its declared media type is one of :data:`MEDIA_TYPES` (``UNSUPPORTED_MEDIA_TYPE``), and its
  content is of that type by its magic bytes (``MEDIA_TYPE_MISMATCH``): a PNG declared as a PDF
  is refused, and so is a ZIP declared as a DOCX;
- it is not empty, and not larger than the limit (``TOO_LARGE``), counted while it streams in,
  so a huge upload is refused at the first byte past the limit and never held in memory;
- its SHA-256, computed while it streams in, equals the one the client sent, when it sent one
  (``CHECKSUM_MISMATCH``).

Nothing is half-kept: the bytes go to the storage backend, which makes them visible only when
complete (:meth:`core.storage.FileStorage.save`); if any check fails after that, or writing the
row fails, they are deleted again, and the row is written last, in a transaction.

Who may download a file (:func:`readable_file_ids`): its uploader, the operator, and whoever
reaches it through one of its uses (:data:`FILE_USES`).
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import re
import struct
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable
from typing import Any, Final

from core.models import StoredFile
from core.orm import column_length
from core.services.access import Access
from core.services.attachments import lesson_material, practicum_evidence
from core.services.errors import (
    ErrorCode,
    ErrorCollector,
    NotAllowedError,
    ServiceError,
    SignInRequiredError,
)
from core.storage import FileStorage, new_key
from core.text import nfc
from core.transactions import atomic

logger = logging.getLogger("hocviec.files")

FILE = "file"
"""The field name of every problem with the file itself (the form part's name)."""
SHA256 = "sha256"
"""The field name of a problem with the checksum the client sent."""

# --------------------------------------------------------------------------------------------
# Media types
# --------------------------------------------------------------------------------------------

PDF: Final = "application/pdf"
PNG: Final = "image/png"
JPEG: Final = "image/jpeg"
WEBP: Final = "image/webp"
TEXT: Final = "text/plain"
MARKDOWN: Final = "text/markdown"
CSV: Final = "text/csv"
DOCX: Final = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT: Final = "application/vnd.oasis.opendocument.text"
ODS: Final = "application/vnd.oasis.opendocument.spreadsheet"

MEDIA_TYPES: Final[dict[str, str]] = {
    PDF: "a PDF document",
    PNG: "a PNG image",
    JPEG: "a JPEG image",
    WEBP: "a WebP image",
    TEXT: "plain text (UTF-8)",
    MARKDOWN: "Markdown text (UTF-8)",
    CSV: "CSV text (UTF-8)",
    DOCX: "a Word document (.docx)",
    XLSX: "an Excel workbook (.xlsx)",
    ODT: "an OpenDocument text (.odt)",
    ODS: "an OpenDocument spreadsheet (.ods)",
}
"""The media types kept, each with what it is in words. Old Word and Excel files (``.doc``,
``.xls``) are not among them: their content cannot be told apart by their first and last bytes
(save them as ``.docx``/``.xlsx`` or PDF)."""

ALIASES: Final[dict[str, str]] = {
    "application/x-pdf": PDF,
    "image/jpg": JPEG,
    "image/pjpeg": JPEG,
    "text/x-markdown": MARKDOWN,
    "application/csv": CSV,
    "text/x-csv": CSV,
}
"""Other names clients give the same types; the file is kept under the name in
:data:`MEDIA_TYPES`."""

TEXT_TYPES: Final = frozenset({TEXT, MARKDOWN, CSV})
"""Text types: their content is any UTF-8 text without NUL characters."""
ZIP_TYPES: Final = frozenset({DOCX, XLSX, ODT, ODS})
"""Types whose content is a ZIP archive, told apart by the names inside it."""

MAGIC: Final[tuple[tuple[bytes, str], ...]] = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"PK\x03\x04", "application/zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),
    (b"GIF8", "image/gif"),
    (b"\x1f\x8b", "application/gzip"),
    (b"\x7fELF", "application/x-executable"),
    (b"MZ", "application/x-msdownload"),
)
"""Leading bytes of common formats: what a file is, whatever it was declared as."""
TEXT_LIKE_MAGIC: Final = frozenset({"image/gif", "application/x-msdownload"})
"""Formats whose leading bytes are letters a text may start with ("MZ", "GIF8"): not refused
as text for them (the real formats fail the UTF-8 check)."""
SNIFF_BYTES: Final = 64
"""Bytes enough to recognise every format of :data:`MAGIC` (and WebP's ``RIFF…WEBP``)."""
EDGE_BYTES: Final = 64 * 1024
"""Bytes kept of a file's start and of its end, where a ZIP lists the names inside it."""

_SHA256_HEX = re.compile(r"[0-9a-f]{64}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def canonical_media_type(declared: str | None) -> str | None:
    """The type of :data:`MEDIA_TYPES` a client's ``Content-Type`` names (parameters such as
    ``charset`` dropped, aliases resolved), or ``None``."""
    if not declared:
        return None
    media = declared.split(";", 1)[0].strip().lower()
    media = ALIASES.get(media, media)
    return media if media in MEDIA_TYPES else None


def content_type_header(media_type: str) -> str:
    """The ``Content-Type`` a stored file is served with (text is always UTF-8)."""
    return f"{media_type}; charset=utf-8" if media_type in TEXT_TYPES else media_type


def _magic_type(head: bytes) -> str | None:
    """What the leading bytes say the content is, or ``None`` when they name no known format."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    for magic, media_type in MAGIC:
        if head.startswith(magic):
            return media_type
    return None


def _described(media_type: str | None) -> str:
    if media_type is None:
        return "of no format the server recognises"
    return MEDIA_TYPES.get(media_type, media_type)


# --------------------------------------------------------------------------------------------
# ZIP archives: telling DOCX, XLSX, ODT and ODS apart
# --------------------------------------------------------------------------------------------

_LOCAL_HEADER = b"PK\x03\x04"
_CENTRAL_HEADER = b"PK\x01\x02"


def _odf_mimetype(head: bytes) -> str | None:
    """The ``mimetype`` an OpenDocument file starts with (its first entry, stored uncompressed,
    as the OpenDocument standard requires), or ``None``."""
    if len(head) < 30:
        return None
    method, size, name_length, extra_length = struct.unpack_from("<H8xI4xHH", head, 8)
    start = 30 + name_length + extra_length
    if method != 0 or head[30 : 30 + name_length] != b"mimetype":
        return None
    return head[start : start + size].decode("ascii", "replace")


def _zip_names(head: bytes, tail: bytes) -> set[str]:
    """Names of the entries found in the local headers at the start of a ZIP and in its
    central directory at the end (which lists them all, unless it is longer than
    :data:`EDGE_BYTES`)."""
    names = set()
    for data, signature, length_at, name_at in (
        (head, _LOCAL_HEADER, 26, 30),
        (tail, _CENTRAL_HEADER, 28, 46),
    ):
        start = data.find(signature)
        while start != -1 and start + name_at <= len(data):
            (length,) = struct.unpack_from("<H", data, start + length_at)
            names.add(data[start + name_at : start + name_at + length].decode("utf-8", "replace"))
            start = data.find(signature, start + 4)
    return names


def _zip_type(head: bytes, tail: bytes) -> str:
    """Which of :data:`ZIP_TYPES` a ZIP archive is, or ``application/zip`` for any other."""
    mimetype = _odf_mimetype(head)
    if mimetype in (ODT, ODS):
        return mimetype
    names = _zip_names(head, tail)
    if "[Content_Types].xml" in names:
        if any(name.startswith("word/") for name in names):
            return DOCX
        if any(name.startswith("xl/") for name in names):
            return XLSX
    return "application/zip"


# --------------------------------------------------------------------------------------------
# Checking a stream
# --------------------------------------------------------------------------------------------


class ContentCheck:
    """The checks of one upload's content, made while it streams through :meth:`watch`.

    Size, SHA-256 and a text file's UTF-8 are checked chunk by chunk; the leading bytes as soon
    as :data:`SNIFF_BYTES` have arrived; what needs the end of the file (a ZIP's entries) by
    :meth:`finish`.
    """

    def __init__(self, media_type: str, max_bytes: int) -> None:
        self.media_type = media_type
        self.max_bytes = max_bytes
        self.size = 0
        self.digest = hashlib.sha256()
        self.head = b""
        self.tail = b""
        self.sniffed = False
        self.text = codecs.getincrementaldecoder("utf-8")() if media_type in TEXT_TYPES else None

    async def watch(self, chunks: AsyncIterable[bytes]) -> AsyncIterator[bytes]:
        """``chunks`` passed on unchanged, each checked first; raises :class:`ServiceError` at
        the first problem (the storage then drops what it received)."""
        async for chunk in chunks:
            if not chunk:
                continue
            self.size += len(chunk)
            if self.size > self.max_bytes:
                raise ServiceError.single(
                    FILE, ErrorCode.TOO_LARGE, f"The file is larger than {self.max_bytes} bytes."
                )
            self.digest.update(chunk)
            if len(self.head) < EDGE_BYTES:
                self.head += chunk[: EDGE_BYTES - len(self.head)]
            self.tail = (self.tail + chunk)[-EDGE_BYTES:]
            if not self.sniffed and len(self.head) >= SNIFF_BYTES:
                self._sniff()
            if self.text is not None:
                self._check_text(chunk, final=False)
            yield chunk

    def finish(self) -> None:
        """The checks that need the whole file; raises :class:`ServiceError`."""
        if self.size == 0:
            raise ServiceError.single(FILE, ErrorCode.INVALID, "The file is empty.")
        if not self.sniffed:
            self._sniff()
        if self.text is not None:
            self._check_text(b"", final=True)
        if self.media_type in ZIP_TYPES:
            found = _zip_type(self.head, self.tail)
            if found != self.media_type:
                self._mismatch(found)

    @property
    def sha256(self) -> str:
        return self.digest.hexdigest()

    def _sniff(self) -> None:
        self.sniffed = True
        found = _magic_type(self.head)
        if self.media_type in TEXT_TYPES:
            if found is not None and found not in TEXT_LIKE_MAGIC:
                self._mismatch(found)
        elif self.media_type in ZIP_TYPES:
            if found != "application/zip":
                self._mismatch(found)
        elif found != self.media_type:
            self._mismatch(found)

    def _check_text(self, chunk: bytes, *, final: bool) -> None:
        assert self.text is not None
        try:
            self.text.decode(chunk, final)
        except UnicodeDecodeError:
            self._mismatch(None, "is not UTF-8 text")
        if b"\x00" in chunk:
            self._mismatch(None, "holds NUL bytes, so it is not text")

    def _mismatch(self, found: str | None, what: str | None = None) -> None:
        said = what or f"is {_described(found)}"
        raise ServiceError.single(
            FILE,
            ErrorCode.MEDIA_TYPE_MISMATCH,
            f"The content {said}, not {MEDIA_TYPES[self.media_type]} ({self.media_type}) "
            "as declared.",
        )


def checked_name(errors: ErrorCollector, name: str | None) -> str:
    """The file name to keep: NFC, without a folder (``C:\\x\\a.pdf`` is ``a.pdf``), checked for
    length and characters; a problem is recorded on ``file``."""
    kept = nfc(re.split(r"[/\\]", name or "")[-1])
    if not kept:
        errors.add(FILE, ErrorCode.REQUIRED, "The file needs a name (the form part's filename).")
    elif errors.check_text(FILE, kept, column_length(StoredFile, "name")) and _CONTROL.search(kept):
        errors.add(FILE, ErrorCode.INVALID, "The file name holds control characters.")
    return kept


def checked_sha256(errors: ErrorCollector, value: str | None) -> str | None:
    """A client's checksum in lower-case hex, or ``None`` when none was sent; a malformed one
    is recorded on ``sha256``."""
    if value is None or not value.strip():
        return None
    digest = value.strip().lower()
    if not _SHA256_HEX.fullmatch(digest):
        errors.add(SHA256, ErrorCode.INVALID, "Give the SHA-256 as 64 hexadecimal digits.")
        return None
    return digest


ExpectedSha256 = str | Callable[[], str | None] | None
"""The checksum a client sent: a value, nothing, or a function that tells it once the chunks
have ended (a form may send its ``sha256`` field after the file)."""


async def store_upload(
    actor: Access,
    name: str | None,
    declared_media_type: str | None,
    chunks: AsyncIterable[bytes],
    expected_sha256: ExpectedSha256,
    *,
    storage: FileStorage,
    max_bytes: int,
) -> StoredFile:
    """Check an uploaded file and keep it (see the module docstring for the checks).

    :param actor: who uploads; must be signed in.
    :param name: the file name the client gave.
    :param declared_media_type: the ``Content-Type`` the client gave the file.
    :param chunks: the file's bytes; read once, as they arrive.
    :param expected_sha256: the client's SHA-256 of the file (hex), if any.
    :param storage: where the bytes go.
    :param max_bytes: the largest size accepted.
    :returns: the new row; its bytes are in ``storage`` under ``row.key``.
    :raises SignInRequiredError: nobody is signed in (nothing is read).
    :raises ServiceError: the file fails a check; nothing is kept.
    """
    if actor.account is None:
        raise SignInRequiredError
    errors = ErrorCollector()
    kept_name = checked_name(errors, name)
    media_type = canonical_media_type(declared_media_type)
    if media_type is None:
        given = (declared_media_type or "").split(";", 1)[0].strip()[:100] or "none"
        errors.add(
            FILE,
            ErrorCode.UNSUPPORTED_MEDIA_TYPE,
            f"Files of type {given!r} are not kept; accepted: {', '.join(MEDIA_TYPES)}.",
        )
    expected = checked_sha256(errors, expected_sha256) if isinstance(expected_sha256, str) else None
    errors.raise_if_any()
    assert media_type is not None

    check = ContentCheck(media_type, max_bytes)
    key = new_key()
    try:
        await storage.save(key, check.watch(chunks))
        check.finish()
        if callable(expected_sha256):
            expected = checked_sha256(errors, expected_sha256())
            errors.raise_if_any()
        if expected is not None and expected != check.sha256:
            raise ServiceError.single(
                SHA256,
                ErrorCode.CHECKSUM_MISMATCH,
                f"The file received has SHA-256 {check.sha256}, not {expected}: it was damaged "
                "on the way, or the checksum is of another file. Send it again.",
            )
        async with atomic():
            return await StoredFile.create(
                key=key,
                name=kept_name,
                media_type=media_type,
                size=check.size,
                sha256=check.sha256,
                uploaded_by_id=actor.account_id,
            )
    except BaseException:
        await _discard(storage, key)
        raise


async def _discard(storage: FileStorage, key: str) -> None:
    """Delete what an upload that failed may have stored (a backend's own clean-up may have
    done it already)."""
    try:
        await storage.delete(key)
    except Exception:
        logger.exception("could not delete the bytes of a refused upload (key %s)", key)


# --------------------------------------------------------------------------------------------
# Who may download
# --------------------------------------------------------------------------------------------

FileUse = Callable[[Access, set[int]], Awaitable[set[int]]]
"""One way a file is used (attached to something), as a rule of who reaches it that way:
``await use(actor, file_ids)`` is the subset of ``file_ids`` the actor reaches through that
use. It should answer in one or two statements, scoped in SQL like the rest of the access
rules (``Access.scope``)."""

FILE_USES: tuple[FileUse, ...] = (lesson_material, practicum_evidence)
"""The attachment uses, each a :data:`FileUse` (``core.services.attachments``):

- lesson material: the files attached to lesson versions the actor may read;
- practicum evidence: the files given as evidence for enrollments the actor may read.

:func:`readable_file_ids` asks each use only about the files not granted already."""


async def readable_file_ids(actor: Access, ids: set[int]) -> set[int]:
    """Which of ``ids`` (keys of existing files) ``actor`` may download: the operator all of
    them; a signed-in account those it uploaded and those it reaches through a use
    (:data:`FILE_USES`); nobody none."""
    if not ids:
        return set()
    if actor.operator:
        return set(ids)
    if actor.account_id is None:
        return set()
    uploaded: list[Any] = await StoredFile.filter(
        id__in=ids, uploaded_by_id=actor.account_id
    ).values_list("id", flat=True)
    found = {int(key) for key in uploaded}
    for use in FILE_USES:
        rest = ids - found
        if not rest:
            break
        found |= await use(actor, rest) & rest
    return found


async def file_to_download(actor: Access, file_id: int) -> StoredFile:
    """The file ``file_id`` names, if ``actor`` may download it.

    :raises SignInRequiredError: nobody is signed in (checked first: whether a file exists is
        not said to strangers).
    :raises ServiceError: ``NOT_FOUND`` on ``id``.
    :raises NotAllowedError: the file exists and ``actor`` may not download it.
    """
    if not actor.signed_in:
        raise SignInRequiredError
    stored = await StoredFile.get_or_none(id=file_id)
    if stored is None:
        raise ServiceError.single("id", ErrorCode.NOT_FOUND, "No file has this ID.")
    if not await readable_file_ids(actor, {stored.id}):
        raise NotAllowedError("You are not allowed to download this file.")
    return stored
