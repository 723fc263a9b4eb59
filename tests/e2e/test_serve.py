"""`hocviec serve --demo` in an empty folder: the real server process answers over HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

PLUGINS_AND_TRACKS = "{ plugins { id version } tracks { edges { node { code } } } }"
OFFICIAL_COUNT = "{ officials { totalCount } cohorts { totalCount } }"
STARTUP_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def empty_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "empty"
    folder.mkdir()
    return folder


@pytest.fixture
def serve(empty_folder: Path) -> Iterator[Callable[[], str]]:
    """Start `hocviec serve --demo` in the empty folder; stops every server it started."""
    processes: list[subprocess.Popen[bytes]] = []
    executable = Path(sys.executable).parent / "hocviec"
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "HOCVIEC_"))
    }

    def start() -> str:
        port = free_port()
        process = subprocess.Popen(
            [str(executable), "serve", "--demo", "--port", str(port)],
            cwd=empty_folder,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        processes.append(process)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if process.poll() is not None:
                output = process.stdout.read().decode() if process.stdout else ""
                pytest.fail(f"hocviec serve exited with {process.returncode}:\n{output}")
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    return base
            except httpx.TransportError:
                time.sleep(0.2)
        pytest.fail(f"hocviec serve did not answer /health within {STARTUP_SECONDS}s")

    def stop_all() -> None:
        while processes:
            process = processes.pop()
            process.terminate()
            process.wait(timeout=20)

    start.stop_all = stop_all  # type: ignore[attr-defined]
    yield start
    stop_all()


def query(base: str, document: str) -> dict:
    response = httpx.post(f"{base}/graphql", json={"query": document}, timeout=10)
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


def test_serve_demo_in_an_empty_folder_answers_plugins_and_tracks(serve, empty_folder):
    # when
    base = serve()
    data = query(base, PLUGINS_AND_TRACKS)
    # then
    assert [(p["id"], p["version"]) for p in data["plugins"]] == [
        ("party_committee", "0.1.0"),
        ("peoples_committee", "0.1.0"),
        ("commune_civil_servants", "0.1.0"),
    ]
    assert {edge["node"]["code"] for edge in data["tracks"]["edges"]} == {
        "party_committee",
        "peoples_committee",
        "civil_servant_military",
        "civil_servant_police",
        "civil_servant_justice",
        "civil_servant_finance",
    }
    assert (empty_folder / "hocviec.sqlite3").exists()


def test_restarting_the_demo_server_changes_nothing(serve):
    # given a demo server that ran and stopped
    first = query(serve(), OFFICIAL_COUNT)
    serve.stop_all()
    # when it starts again on the same folder
    second = query(serve(), OFFICIAL_COUNT)
    # then the demo data is the same, not loaded twice

    assert first == second
    assert first["officials"]["totalCount"] == 190
