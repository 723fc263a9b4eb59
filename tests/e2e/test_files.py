"""Uploads and downloads over HTTP (``POST /files``, ``GET /files/{id}``), the ``StoredFile``
node, and the storage backend chosen in settings.

Every refused upload is checked for its status, the field and code of its error, and that it
left nothing behind: no ``StoredFile`` row and no bytes in the storage folder.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import unicodedata
import zipfile
from collections.abc import AsyncIterable, AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from strawberry import relay

from core.app import create_app
from core.http import SESSION_COOKIE
from core.models import Account, StoredFile
from core.services import files
from core.services.access import Access
from core.settings import Settings, SettingsError
from core.storage import KEY, LocalFolderStorage, storage_from_settings
from tests.conftest import builtin_registry
from tests.e2e.asgi import call, endpoint_settings
from tests.helpers import graphql, graphql_data

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(200)
NAME_NFD = unicodedata.normalize("NFD", "Bài giảng – Quản lý đất đai.pdf")
NAME = unicodedata.normalize("NFC", NAME_NFD)

NODE = """
query Node($id: ID!) {
  node(id: $id) {
    __typename
    ... on StoredFile { id name mediaType size sha256 uploadedAt downloadUrl }
  }
}
"""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stored_bytes(settings: Settings) -> list[Path]:
    """Every file in the storage folder, half-written ones (``.part``) included."""
    return sorted(path for path in Path(settings.files_dir).rglob("*") if path.is_file())


async def nothing_kept(settings: Settings) -> None:
    assert await StoredFile.all().count() == 0
    assert stored_bytes(settings) == []


def upload_settings(app: Any, monkeypatch: pytest.MonkeyPatch, **changes: Any) -> None:
    """Change the file endpoints' settings (the upload limit, the body timeout) for one test."""
    endpoints = app.state.files
    monkeypatch.setattr(endpoints, "settings", dataclasses.replace(endpoints.settings, **changes))


async def upload(
    http: httpx.AsyncClient,
    content: bytes = PDF,
    media_type: str = "application/pdf",
    name: str = NAME,
    checksum: str | None = None,
    **kwargs: Any,
) -> httpx.Response:
    data = {} if checksum is None else {"sha256": checksum}
    return await http.post(
        "/files", files={"file": (name, content, media_type)}, data=data, **kwargs
    )


def refusal(response: httpx.Response) -> tuple[int, str | None, str]:
    [error] = response.json()["errors"]
    assert error["message"]
    return response.status_code, error["field"], error["code"]


def raw_form(disposition: str, extra_part: str | None = None) -> dict[str, Any]:
    """A form built by hand, with what an HTTP client would escape: a file part whose
    Content-Disposition ends with ``disposition``, then perhaps a text part named
    ``extra_part``."""
    body = (
        f'--x\r\nContent-Disposition: form-data; name="file"; {disposition}\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode() + PDF
    if extra_part is not None:
        body += (
            f'\r\n--x\r\nContent-Disposition: form-data; name="{extra_part}"\r\n\r\nv'
        ).encode()
    body += b"\r\n--x--\r\n"
    return {"content": body, "headers": {"content-type": "multipart/form-data; boundary=x"}}


def office_file(kind: str) -> bytes:
    """A minimal ZIP laid out as a DOCX, XLSX, ODT or ODS (or a plain ZIP)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if kind in ("odt", "ods"):
            kinds = {"odt": "text", "ods": "spreadsheet"}
            archive.writestr(
                zipfile.ZipInfo("mimetype"),
                f"application/vnd.oasis.opendocument.{kinds[kind]}",
                compress_type=zipfile.ZIP_STORED,
            )
            archive.writestr("content.xml", "<office:document-content/>")
        elif kind in ("docx", "xlsx"):
            archive.writestr("[Content_Types].xml", "<Types/>", zipfile.ZIP_DEFLATED)
            archive.writestr("_rels/.rels", "<Relationships/>", zipfile.ZIP_DEFLATED)
            main = "word/document.xml" if kind == "docx" else "xl/workbook.xml"
            archive.writestr(main, "<document>Nội dung</document>" * 50, zipfile.ZIP_DEFLATED)
        else:
            archive.writestr("notes.txt", "ghi chú")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def empty_storage(settings: Settings) -> None:
    """The storage folder as a fresh database finds it: empty (it is the session's)."""
    for path in stored_bytes(settings):
        path.unlink()


@pytest.fixture
async def uploader(sign_in_as) -> httpx.AsyncClient:
    """An account without any role: anyone signed in may upload."""
    return await sign_in_as("nguoi.tai.len")


# --------------------------------------------------------------------------------------------
# The round trip
# --------------------------------------------------------------------------------------------


async def test_an_upload_and_its_download_keep_the_bytes_and_the_vietnamese_name(
    uploader, settings
):
    # when: a PDF with a Vietnamese name in NFD and its correct checksum is uploaded
    response = await upload(uploader, name=NAME_NFD, checksum=sha256(PDF).upper())
    # then
    assert response.status_code == 201, response.text
    body = response.json()
    [row] = await StoredFile.all()
    assert body == {
        "id": relay.to_base64("StoredFile", row.id),
        "name": NAME,
        "mediaType": "application/pdf",
        "size": len(PDF),
        "sha256": sha256(PDF),
    }
    assert row.name == NAME  # NFC
    assert KEY.fullmatch(row.key) and "Bài" not in row.key  # random, not from the name
    assert [path.read_bytes() for path in stored_bytes(settings)] == [PDF]
    # and downloading it gives the same bytes with a download's headers
    download = await uploader.get(f"/files/{body['id']}")
    assert download.status_code == 200
    assert download.content == PDF
    assert download.headers["content-type"] == "application/pdf"
    assert download.headers["content-length"] == str(len(PDF))
    assert download.headers["content-disposition"] == (
        'attachment; filename="Bai giang – Quan ly dat dai.pdf"; '.replace("–", "")
        + f"filename*=UTF-8''{quote(NAME)}"
    )
    assert download.headers["x-content-type-options"] == "nosniff"
    assert download.headers["etag"] == f'"{sha256(PDF)}"'
    assert download.headers["cache-control"].startswith("private")


async def test_a_download_the_client_has_is_304(uploader):
    file_id = (await upload(uploader)).json()["id"]

    response = await uploader.get(
        f"/files/{file_id}", headers={"if-none-match": f'"{sha256(PDF)}"'}
    )

    assert response.status_code == 304
    assert response.content == b""


async def test_the_checksum_may_follow_the_file_in_the_form(uploader):
    # given: a form whose sha256 part comes after the file part
    boundary = "ranhgioi"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n'
        "Content-Type: image/png\r\n\r\n"
    ).encode() + PNG
    body += (
        f'\r\n--{boundary}\r\nContent-Disposition: form-data; name="sha256"\r\n\r\n'
        f"{sha256(PNG)}\r\n--{boundary}--\r\n"
    ).encode()
    headers = {"content-type": f"multipart/form-data; boundary={boundary}"}
    # when
    response = await uploader.post("/files", content=body, headers=headers)
    # then
    assert response.status_code == 201, response.text
    assert response.json()["mediaType"] == "image/png"


@pytest.mark.parametrize(
    ("media_type", "content"),
    [
        ("image/png", PNG),
        ("image/jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(100)),
        ("image/webp", b"RIFF\x24\x00\x00\x00WEBPVP8 " + bytes(100)),
        ("text/plain; charset=utf-8", "Biên bản họp xã\n".encode()),
        ("text/markdown", "# Chuyên đề 1\n\n- Quản lý đất đai\n".encode()),
        ("text/csv", "họ tên,xã\nNguyễn Văn An,Vĩnh Hảo\n".encode()),
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
        ("application/vnd.oasis.opendocument.text", "odt"),
        ("application/vnd.oasis.opendocument.spreadsheet", "ods"),
    ],
)
async def test_each_accepted_type_is_kept(uploader, media_type, content):
    data = office_file(content) if isinstance(content, str) else content

    response = await upload(uploader, data, media_type, name="tep")

    assert response.status_code == 201, response.text
    assert response.json()["mediaType"] == media_type.split(";")[0]
    download = await uploader.get(f"/files/{response.json()['id']}")
    assert download.content == data


async def test_graphql_body_limit_does_not_apply_to_uploads(app, uploader, monkeypatch):
    # given: /graphql takes bodies of 100 bytes at most
    endpoint_settings(app, monkeypatch, max_body_bytes=100)
    # when: a file of 2 kB is uploaded
    response = await upload(uploader)
    # then
    assert response.status_code == 201, response.text


# --------------------------------------------------------------------------------------------
# Refused uploads: the status, the field and code, and nothing kept
# --------------------------------------------------------------------------------------------


async def test_a_file_over_the_limit_is_413_and_nothing_is_kept(
    app, uploader, settings, monkeypatch
):
    upload_settings(app, monkeypatch, max_upload_bytes=1000)

    response = await upload(uploader, PDF)  # 2 kB, so the limit is passed while it streams

    assert refusal(response) == (413, "file", "TOO_LARGE")
    await nothing_kept(settings)


async def test_a_declared_length_over_the_limit_is_413_before_the_body_is_read(
    app, uploader, settings, monkeypatch
):
    # given: a client announcing 200 MB, of which it sends nothing
    upload_settings(app, monkeypatch, max_upload_bytes=1000)
    secret = uploader.cookies[SESSION_COOKIE]
    headers = {
        "content-type": "multipart/form-data; boundary=x",
        "content-length": "200000000",
        "cookie": f"{SESSION_COOKIE}={secret}",
    }
    # when
    answer = await call(app, "POST", "/files", [], headers)
    # then
    assert answer.status == 413
    [error] = answer.json()["errors"]
    assert (error["field"], error["code"]) == ("file", "TOO_LARGE")
    await nothing_kept(settings)


async def test_a_stream_without_length_is_cut_at_the_limit(app, uploader, settings, monkeypatch):
    # given: a body sent in chunks without Content-Length, far over the limit
    upload_settings(app, monkeypatch, max_upload_bytes=1000)
    head = (
        b'--x\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n'
        b"Content-Type: application/pdf\r\n\r\n%PDF-1.4\n"
    )
    headers = {
        "content-type": "multipart/form-data; boundary=x",
        "cookie": f"{SESSION_COOKIE}={uploader.cookies[SESSION_COOKIE]}",
    }
    # when
    answer = await call(app, "POST", "/files", [head, *[b"a" * 500] * 10_000], headers)
    # then
    assert answer.status == 413
    assert [(e["field"], e["code"]) for e in answer.json()["errors"]] == [("file", "TOO_LARGE")]
    await nothing_kept(settings)


async def test_a_stalled_upload_is_408_and_leaves_no_partial_file(
    app, uploader, settings, monkeypatch
):
    upload_settings(app, monkeypatch, body_timeout=0.2)
    head = (
        b'--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n'
        b"Content-Type: application/pdf\r\n\r\n" + PDF
    )
    headers = {
        "content-type": "multipart/form-data; boundary=x",
        "cookie": f"{SESSION_COOKIE}={uploader.cookies[SESSION_COOKIE]}",
    }

    answer = await call(app, "POST", "/files", [head], headers, stall=True)

    assert answer.status == 408
    assert answer.json()["errors"][0]["code"] == "REQUEST_TIMEOUT"
    await nothing_kept(settings)


@pytest.mark.parametrize(
    ("media_type", "content", "expected"),
    [
        ("application/zip", office_file("zip"), (415, "file", "UNSUPPORTED_MEDIA_TYPE")),
        ("text/html", b"<script>alert(1)</script>", (415, "file", "UNSUPPORTED_MEDIA_TYPE")),
        ("application/octet-stream", PDF, (415, "file", "UNSUPPORTED_MEDIA_TYPE")),
        ("application/pdf", PNG, (415, "file", "MEDIA_TYPE_MISMATCH")),
        ("image/png", PDF, (415, "file", "MEDIA_TYPE_MISMATCH")),
        ("text/plain", PDF, (415, "file", "MEDIA_TYPE_MISMATCH")),
        ("text/plain", "chữ".encode("utf-16"), (415, "file", "MEDIA_TYPE_MISMATCH")),
        ("text/csv", b"a,b\x00c\n", (415, "file", "MEDIA_TYPE_MISMATCH")),
        (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            office_file("xlsx"),
            (415, "file", "MEDIA_TYPE_MISMATCH"),
        ),
        (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            office_file("zip"),
            (415, "file", "MEDIA_TYPE_MISMATCH"),
        ),
        (
            "application/vnd.oasis.opendocument.text",
            office_file("ods"),
            (415, "file", "MEDIA_TYPE_MISMATCH"),
        ),
        ("application/pdf", b"", (400, "file", "INVALID")),
    ],
)
async def test_a_refused_type_or_content_is_refused_and_nothing_is_kept(
    uploader, settings, media_type, content, expected
):
    response = await upload(uploader, content, media_type)

    assert refusal(response) == expected
    await nothing_kept(settings)


async def test_a_checksum_that_differs_is_400_and_nothing_is_kept(uploader, settings):
    response = await upload(uploader, checksum=sha256(b"another file"))

    assert refusal(response) == (400, "sha256", "CHECKSUM_MISMATCH")
    await nothing_kept(settings)


async def test_a_malformed_checksum_is_400_and_nothing_is_read(uploader, settings):
    response = await upload(uploader, checksum="md5:abc")

    assert refusal(response) == (400, "sha256", "INVALID")
    await nothing_kept(settings)


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ({"files": {"sha256": (None, "0" * 64)}}, (400, "file", "REQUIRED")),
        ({"files": {"tep": ("a.pdf", PDF, "application/pdf")}}, (400, "tep", "BAD_REQUEST")),
        ({"files": {"file": ("", PDF, "application/pdf")}}, (400, "file", "REQUIRED")),
        (
            {"files": {"file": ("a" * 300 + ".pdf", PDF, "application/pdf")}},
            (400, "file", "TOO_LONG"),
        ),
        (raw_form('filename="a\x07.pdf"'), (400, "file", "INVALID")),
        (raw_form('filename="a.pdf"', "ghi.chu"), (400, "ghi.chu", "BAD_REQUEST")),
        ({"json": {"file": "not a form"}}, (415, None, "UNSUPPORTED_MEDIA_TYPE")),
        (
            {
                "content": b"--x\r\nbroken",
                "headers": {"content-type": "multipart/form-data; boundary=x"},
            },
            (400, None, "BAD_REQUEST"),
        ),
    ],
)
async def test_a_bad_form_is_a_clear_error_and_nothing_is_kept(uploader, settings, form, expected):
    response = await uploader.post("/files", **form)

    assert refusal(response) == expected
    await nothing_kept(settings)


async def test_two_files_in_one_form_are_refused_and_nothing_is_kept(uploader, settings):
    files_ = [("file", ("a.pdf", PDF, "application/pdf")), ("file", ("b.png", PNG, "image/png"))]

    response = await uploader.post("/files", files=files_)

    assert refusal(response) == (400, "file", "TOO_MANY")
    await nothing_kept(settings)


async def test_an_upload_without_sign_in_is_401_and_nothing_is_kept(anonymous, settings):
    response = await upload(anonymous)

    assert refusal(response) == (401, None, "UNAUTHENTICATED")
    await nothing_kept(settings)


async def test_a_cookie_upload_from_a_foreign_page_is_403_and_nothing_is_kept(uploader, settings):
    # a form on another site posting with the browser's session cookie
    response = await upload(uploader, headers={"origin": "https://evil.example"})

    assert refusal(response) == (403, "origin", "FORBIDDEN")
    await nothing_kept(settings)


@pytest.mark.parametrize("origin", ["http://hocviec.test", "http://localhost:5173"])
async def test_a_cookie_upload_from_this_or_an_allowed_origin_is_kept(uploader, origin):
    response = await upload(uploader, headers={"origin": origin})

    assert response.status_code == 201, response.text


async def test_an_api_token_uploads_from_any_page(sign_in_as, app):
    # given: a token, created through the API
    http = await sign_in_as("dich.vu")
    data = await graphql_data(
        http,
        'mutation { createApiToken(input: {name: "tải tệp"}) { token errors { code } } }',
    )
    secret = data["createApiToken"]["token"]
    # when: it uploads without a cookie, from a page of another origin
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://hocviec.test"
    ) as bare:
        response = await upload(
            bare, headers={"authorization": f"Bearer {secret}", "origin": "https://khac.example"}
        )
    # then
    assert response.status_code == 201, response.text


async def test_other_methods_are_405_as_json(uploader):
    response = await uploader.put("/files")

    assert refusal(response) == (405, None, "METHOD_NOT_ALLOWED")
    assert response.headers["allow"] == "POST"


# --------------------------------------------------------------------------------------------
# Who may download
# --------------------------------------------------------------------------------------------


async def test_another_account_cannot_download_the_uploader_can(uploader, sign_in_as):
    file_id = (await upload(uploader)).json()["id"]
    other = await sign_in_as("nguoi.khac")

    refused = await other.get(f"/files/{file_id}")
    allowed = await uploader.get(f"/files/{file_id}")

    assert refusal(refused) == (403, None, "FORBIDDEN")
    assert allowed.status_code == 200


async def test_a_download_without_sign_in_is_401(uploader, anonymous):
    file_id = (await upload(uploader)).json()["id"]

    assert refusal(await anonymous.get(f"/files/{file_id}")) == (401, None, "UNAUTHENTICATED")


@pytest.mark.parametrize(
    "file_id",
    [relay.to_base64("StoredFile", 999999), relay.to_base64("Official", 1), "garbage"],
)
async def test_a_download_of_no_file_is_404(uploader, file_id):
    assert refusal(await uploader.get(f"/files/{file_id}")) == (404, "id", "NOT_FOUND")


@pytest.fixture
def shared_with(monkeypatch):
    """Register a file use that lets the named account reach every file."""

    def register(username: str) -> None:
        async def shared(actor: Access, file_ids: set[int]) -> set[int]:
            reached = actor.account is not None and actor.account.username == username
            return set(file_ids) if reached else set()

        monkeypatch.setattr(files, "FILE_USES", (shared,))

    return register


async def test_a_registered_file_use_grants_download(uploader, sign_in_as, shared_with):
    # given: another account that reaches the file through a use (say, lesson material)
    file_id = (await upload(uploader)).json()["id"]
    reader = await sign_in_as("hoc.vien")
    stranger = await sign_in_as("nguoi.la")
    shared_with("hoc.vien")
    # then
    assert (await reader.get(f"/files/{file_id}")).content == PDF
    assert (await stranger.get(f"/files/{file_id}")).status_code == 403


# --------------------------------------------------------------------------------------------
# node(id:)
# --------------------------------------------------------------------------------------------


async def test_the_uploader_reads_the_node(uploader):
    body = (await upload(uploader)).json()

    data = await graphql_data(uploader, NODE, {"id": body["id"]})

    node = data["node"]
    assert node["__typename"] == "StoredFile"
    assert {k: node[k] for k in ("id", "name", "mediaType", "size", "sha256")} == body
    assert node["downloadUrl"] == f"/files/{body['id']}"
    assert node["uploadedAt"]


async def test_the_node_follows_who_may_download(uploader, sign_in_as, anonymous, shared_with):
    file_id = (await upload(uploader)).json()["id"]
    other = await sign_in_as("nguoi.khac")

    forbidden = await graphql(other, NODE, {"id": file_id})
    unauthenticated = await graphql(anonymous, NODE, {"id": file_id})
    shared_with("nguoi.khac")
    shared = await graphql_data(other, NODE, {"id": file_id})

    assert forbidden["data"] == {"node": None}
    assert forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert unauthenticated["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert shared["node"]["id"] == file_id


async def test_the_operator_reads_any_file(uploader):
    from core.services.access import OPERATOR

    await upload(uploader)
    [row] = await StoredFile.all()

    assert await files.readable_file_ids(OPERATOR, {row.id}) == {row.id}
    assert await files.readable_file_ids(Access(None, (), {}), {row.id}) == set()


# --------------------------------------------------------------------------------------------
# The storage backend
# --------------------------------------------------------------------------------------------


class MemoryStorage:
    """A storage backend of this test: what an object store's adapter looks like."""

    instances: list[MemoryStorage] = []

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.blobs: dict[str, bytes] = {}
        MemoryStorage.instances.append(self)

    async def save(self, key: str, chunks: AsyncIterable[bytes]) -> None:
        received = b""
        async for chunk in chunks:  # a refused upload raises here: nothing is kept
            received += chunk
        self.blobs[key] = received

    async def open(self, key: str) -> AsyncIterator[bytes]:
        if key not in self.blobs:
            raise FileNotFoundError(key)
        data = self.blobs[key]

        async def chunks() -> AsyncIterator[bytes]:
            yield data

        return chunks()

    async def delete(self, key: str) -> None:
        self.blobs.pop(key, None)

    async def exists(self, key: str) -> bool:
        return key in self.blobs


async def test_a_storage_named_in_settings_is_used(app, uploader, settings, monkeypatch):
    # given: HOCVIEC_FILE_STORAGE names a class
    configured = Settings.from_env(
        {"HOCVIEC_FILE_STORAGE": f"{__name__}:MemoryStorage", "DATABASE_URL": settings.database_url}
    )
    made = create_app(configured, registry=builtin_registry())
    storage = made.state.storage
    assert isinstance(storage, MemoryStorage)
    assert storage.settings is configured
    # when: the app uploads and downloads through it
    monkeypatch.setattr(app.state.files, "storage", storage)
    response = await upload(uploader, PNG, "image/png")
    refused = await upload(uploader, PNG, "image/png", checksum=sha256(b"x"))
    download = await uploader.get(f"/files/{response.json()['id']}")
    # then: the bytes are in it, and none in the folder
    [row] = await StoredFile.all()
    assert storage.blobs == {row.key: PNG}
    assert refused.status_code == 400
    assert download.content == PNG
    assert stored_bytes(settings) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("not a class", "is not a storage"),
        ("no_such_module_here:Storage", "cannot import"),
        ("core.storage:NoSuchClass", "has no class"),
        ("core.settings:Settings", "does not implement"),
    ],
)
def test_a_bad_storage_setting_names_the_variable(value, expected):
    with pytest.raises(SettingsError, match=expected) as raised:
        storage_from_settings(Settings.from_env({"HOCVIEC_FILE_STORAGE": value}))

    assert "HOCVIEC_FILE_STORAGE" in str(raised.value)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("HOCVIEC_MAX_UPLOAD_BYTES", "0"),
        ("HOCVIEC_MAX_UPLOAD_BYTES", "20MB"),
        ("HOCVIEC_MAX_UPLOAD_BYTES", str(2**31)),
        ("HOCVIEC_FILES_DIR", "  "),
    ],
)
def test_bad_file_settings_name_the_variable(name, value):
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: value})


def test_file_settings_have_defaults():
    settings = Settings.from_env({})

    assert (settings.files_dir, settings.max_upload_bytes, settings.file_storage) == (
        "files",
        20_000_000,
        "local",
    )
    assert isinstance(storage_from_settings(settings), LocalFolderStorage)


@pytest.mark.parametrize("key", ["../x", "/etc/passwd", "ab/../../x", "ab/" + "A" * 32, ""])
async def test_the_local_storage_refuses_keys_of_another_form(tmp_path, key):
    storage = LocalFolderStorage(tmp_path)

    with pytest.raises(ValueError):
        await storage.exists(key)


async def test_the_local_storage_never_shows_a_half_written_file(tmp_path):
    storage = LocalFolderStorage(tmp_path)
    key = "ab/" + "0" * 32

    async def broken() -> AsyncIterator[bytes]:
        yield b"first half"
        assert not await storage.exists(key)  # not visible while being written
        raise ConnectionError("cut off")

    with pytest.raises(ConnectionError):
        await storage.save(key, broken())

    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []


async def test_an_upload_is_attributed_to_its_uploader(uploader):
    await upload(uploader)

    [row] = await StoredFile.all().select_related("uploaded_by")
    assert row.uploaded_by is not None
    assert row.uploaded_by.username == "nguoi.tai.len"
    assert await Account.filter(username="nguoi.tai.len").count() == 1
