"""Where the bytes of uploaded files are kept: the :class:`FileStorage` interface and the local
folder that implements it by default.

The database holds a file's metadata (:class:`core.models.StoredFile`); a storage backend holds
its bytes under the row's ``key``. Keys are made by :func:`new_key` (random, never derived from
anything a client sent), so a backend never has to trust a name.

One storage instance serves an app (``app.state.storage``), made at start-up from the settings
by :func:`storage_from_settings`: ``HOCVIEC_FILE_STORAGE=local`` (the default) keeps the files
in ``HOCVIEC_FILES_DIR``; ``module:Class`` names another implementation, called with the
:class:`~core.settings.Settings`.
"""

from __future__ import annotations

import asyncio
import importlib
import os
import re
import secrets
from collections.abc import AsyncIterable, AsyncIterator
from pathlib import Path
from typing import IO, Protocol, runtime_checkable

from core.settings import LOCAL_STORAGE, Settings, SettingsError

READ_CHUNK_BYTES = 256 * 1024
"""Bytes read from a stored file per chunk when it is downloaded."""
KEY = re.compile(r"[0-9a-f]{2}/[0-9a-f]{32}")
"""The form of every key :func:`new_key` makes."""


def new_key() -> str:
    """A fresh random key (``"3f/3f9c…"``, 128 random bits): the first two characters make a
    sub-folder, so that no folder of a local storage holds more than a few thousand files."""
    token = secrets.token_hex(16)
    return f"{token[:2]}/{token}"


@runtime_checkable
class FileStorage(Protocol):
    """Keeps the bytes of uploaded files under keys; every method is safe to call concurrently.

    The default, :class:`LocalFolderStorage`, keeps them in a folder of the server. When
    several hosts serve one database (see the README: requests are stateless), every host must
    see every file: then an object store (S3-compatible: MinIO, Ceph, a cloud's buckets)
    implements this same interface (``save`` as a multipart upload that is completed only when
    the chunks end and aborted otherwise, ``open`` as a streamed GET, ``delete`` and
    ``exists`` as their requests), is installed as a package and is named in
    ``HOCVIEC_FILE_STORAGE=package.module:Class``. It is made once per app with the
    :class:`~core.settings.Settings` as its only argument and reads its own configuration
    (bucket, endpoint, credentials) from the environment. See ``docs/files.md``.
    """

    async def save(self, key: str, chunks: AsyncIterable[bytes]) -> None:
        """Store the bytes ``chunks`` yields under ``key`` (a new key).

        All or nothing: the file becomes visible under ``key`` only once every chunk is
        stored; when ``chunks`` raises (the upload was refused or cut off) or storing fails,
        nothing is left behind and the exception propagates.
        """
        ...

    async def open(self, key: str) -> AsyncIterator[bytes]:
        """The bytes stored under ``key``, as chunks.

        :raises FileNotFoundError: nothing is stored under ``key`` (raised when awaited, before
            the first chunk, so a caller can answer before it starts streaming).
        """
        ...

    async def delete(self, key: str) -> None:
        """Forget the bytes under ``key``; nothing stored there is not an error."""
        ...

    async def exists(self, key: str) -> bool:
        """Whether bytes are stored under ``key``."""
        ...


class LocalFolderStorage:
    """:class:`FileStorage` in a folder of this server (made on the first save).

    A file is written to a temporary name beside its final one (``.<name>.part``) and renamed
    when complete, so a half-written upload is never visible under its key and a crash leaves
    only a ``.part`` file. Keys must have the form :func:`new_key` gives them; any other key
    (``../x``, an absolute path) is refused with :class:`ValueError` before the disk is touched.
    """

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root).resolve()

    def path(self, key: str) -> Path:
        """Where ``key`` lives; :class:`ValueError` for a key that is not of this storage's form
        or would leave the folder."""
        if not KEY.fullmatch(key):
            raise ValueError(f"not a storage key: {key[:80]!r}")
        path = (self.root / key).resolve()
        if not path.is_relative_to(self.root):
            raise ValueError(f"storage key outside the folder: {key[:80]!r}")
        return path

    async def save(self, key: str, chunks: AsyncIterable[bytes]) -> None:
        path = self.path(key)
        partial = path.with_name(f".{path.name}.part")
        handle = await asyncio.to_thread(_create, partial)
        try:
            async for chunk in chunks:
                if chunk:
                    await asyncio.to_thread(handle.write, chunk)
            await asyncio.to_thread(_complete, handle, partial, path)
        except BaseException:
            await asyncio.to_thread(_abandon, handle, partial)
            raise

    async def open(self, key: str) -> AsyncIterator[bytes]:
        handle = await asyncio.to_thread(open, self.path(key), "rb")  # FileNotFoundError here
        return _chunks(handle)

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self.path(key).unlink, missing_ok=True)

    async def exists(self, key: str) -> bool:
        return await asyncio.to_thread(self.path(key).is_file)


def _create(partial: Path) -> IO[bytes]:
    partial.parent.mkdir(parents=True, exist_ok=True)
    # "xb": a partial file of the same (random) key is never shared by two uploads
    return open(partial, "xb")  # closed by _complete or _abandon


def _complete(handle: IO[bytes], partial: Path, path: Path) -> None:
    handle.flush()
    os.fsync(handle.fileno())
    handle.close()
    os.replace(partial, path)


def _abandon(handle: IO[bytes], partial: Path) -> None:
    handle.close()
    partial.unlink(missing_ok=True)


async def _chunks(handle: IO[bytes]) -> AsyncIterator[bytes]:
    try:
        while chunk := await asyncio.to_thread(handle.read, READ_CHUNK_BYTES):
            yield chunk
    finally:
        handle.close()


def storage_from_settings(settings: Settings) -> FileStorage:
    """The app's storage: a :class:`LocalFolderStorage` in ``settings.files_dir``, or the class
    ``settings.file_storage`` names, called with ``settings``.

    :raises SettingsError: the class cannot be imported or made, or does not implement
        :class:`FileStorage`; the message names ``HOCVIEC_FILE_STORAGE``.
    """
    if settings.file_storage == LOCAL_STORAGE:
        return LocalFolderStorage(settings.files_dir)
    module_name, _, class_name = settings.file_storage.partition(":")
    where = f"HOCVIEC_FILE_STORAGE={settings.file_storage!r}"
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise SettingsError(f"{where}: cannot import {module_name!r}: {error}") from error
    storage_class = getattr(module, class_name, None)
    if not isinstance(storage_class, type):
        raise SettingsError(f"{where}: {module_name!r} has no class {class_name!r}")
    try:
        storage = storage_class(settings)
    except Exception as error:
        raise SettingsError(f"{where}: making the storage failed: {error!r}") from error
    if not isinstance(storage, FileStorage):
        raise SettingsError(
            f"{where}: {class_name} does not implement core.storage.FileStorage "
            "(save, open, delete, exists)"
        )
    return storage
