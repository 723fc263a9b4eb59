"""The graphql-http audit suite (GraphQL-over-HTTP conformance) against a live server.

Runs when ``node`` and the audit's npm packages are installed (``cd .ci/audit && npm ci``);
skips otherwise, except under CI (``CI=true``), where a missing audit is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.helpers import ROOT

AUDIT = ROOT / ".ci" / "audit"


@pytest.fixture
def audit_command() -> list[str]:
    node = shutil.which("node")
    missing = (
        "node is not installed"
        if node is None
        else "the audit's packages are not installed (cd .ci/audit && npm ci)"
        if not (AUDIT / "node_modules" / "graphql-http").is_dir()
        else None
    )
    if missing:
        if os.environ.get("CI"):
            pytest.fail(missing)
        pytest.skip(missing)
    assert node is not None
    return [node, str(AUDIT / "audit.mjs")]


def test_the_graphql_over_http_audit_finds_no_warning(serve, audit_command):
    base = serve()

    result = subprocess.run(
        [*audit_command, f"{base}/graphql"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 warnings or errors" in result.stdout
