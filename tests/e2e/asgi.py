"""Driving the app through raw ASGI, where an HTTP client cannot: a body that streams, stalls
or never ends, a client that disconnects; and settings changed for one test."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pytest
from starlette.applications import Starlette


@dataclass
class Answer:
    """What the app sent back."""

    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    def json(self) -> Any:
        return json.loads(self.body)


async def call(
    app: Starlette,
    method: str,
    path: str,
    chunks: Iterable[bytes],
    headers: dict[str, str] | None = None,
    *,
    stall: bool = False,
    disconnect_after: float | None = None,
) -> Answer:
    """Send a request whose body arrives as ``chunks``.

    :param stall: after the chunks, send nothing more (and never end the body).
    :param disconnect_after: once the body is sent, disconnect after this many seconds.
    """
    path, _, query = path.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": query.encode(),
        "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()],
        "client": ("127.0.0.1", 50000),
        "server": ("hocviec.test", 80),
    }
    source = iter(chunks)
    body_ended = False
    answer = Answer()
    finished = asyncio.Event()

    async def receive() -> dict[str, Any]:
        nonlocal body_ended
        chunk = next(source, None)
        if chunk is not None:
            return {"type": "http.request", "body": chunk, "more_body": True}
        if stall:
            await asyncio.Event().wait()
        if not body_ended:
            body_ended = True
            return {"type": "http.request", "body": b"", "more_body": False}
        if disconnect_after is None:
            await finished.wait()
        else:
            await asyncio.sleep(disconnect_after)
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            answer.status = message["status"]
            answer.headers = {k.decode(): v.decode() for k, v in message["headers"]}
        elif message["type"] == "http.response.body":
            answer.body += message.get("body", b"")
            if not message.get("more_body", False):
                finished.set()

    await app(scope, receive, send)
    return answer


def endpoint_settings(app: Starlette, monkeypatch: pytest.MonkeyPatch, **changes: Any) -> None:
    """Change the /graphql endpoint's settings (limits, timeouts) for one test."""
    endpoint = app.state.graphql
    monkeypatch.setattr(endpoint, "settings", dataclasses.replace(endpoint.settings, **changes))
