"""Fixtures of the end-to-end tests: a real `hocviec serve --demo` process in an empty folder."""

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

STARTUP_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_healthy(process: subprocess.Popen[bytes], base: str) -> None:
    """Wait for a started server to answer ``/health``; fail the test if it exits or is slow."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read().decode() if process.stdout else ""
            pytest.fail(f"hocviec serve exited with {process.returncode}:\n{output}")
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    pytest.fail(f"hocviec serve did not answer /health within {STARTUP_SECONDS}s")


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
        wait_until_healthy(process, base)
        return base

    def stop_all() -> None:
        while processes:
            process = processes.pop()
            process.terminate()
            process.wait(timeout=20)

    start.stop_all = stop_all  # type: ignore[attr-defined]
    yield start
    stop_all()
