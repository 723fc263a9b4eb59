"""The guide's worked example (docs/example-plugin), installed through its entry point as pip
installs a distribution, passes its own tests: its track through a whole cohort."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from tests.helpers import ROOT

EXAMPLE = ROOT / "docs" / "example-plugin"
MODULE = "hocviec_peoples_council"


def install_distribution(site: Path) -> None:
    """Copy the package and write its ``.dist-info`` (with the entry point of its
    pyproject.toml) into ``site``, as ``pip install`` would."""
    shutil.copytree(EXAMPLE / MODULE, site / MODULE, ignore=shutil.ignore_patterns("__pycache__"))
    dist_info = site / "hocviec_peoples_council-1.0.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: hocviec-peoples-council\nVersion: 1.0.0\n", encoding="utf-8"
    )
    (dist_info / "entry_points.txt").write_text(
        f"[hocviec]\npeoples_council = {MODULE}\n", encoding="utf-8"
    )


def installed() -> bool:
    """Whether the example is installed already (``pip install -e docs/example-plugin``)."""
    try:
        metadata.distribution("hocviec-peoples-council")
    except metadata.PackageNotFoundError:
        return False
    return True


def test_the_worked_example_passes_its_own_tests_once_installed(tmp_path: Path):
    # given the example installed in a site folder of its own (unless it is installed already)
    site = tmp_path / "site"
    site.mkdir()
    if not installed():
        install_distribution(site)
    # when its own test suite runs, as its author runs it (from its folder, on SQLite)
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DATABASE_URL", "HOCVIEC_"))
    }
    environment["PYTHONPATH"] = str(site)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(EXAMPLE / "tests")],
        cwd=EXAMPLE,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    # then every test passes: the track through a whole cohort, every bad note refused
    assert done.returncode == 0, done.stdout + done.stderr
    assert "5 passed" in done.stdout, done.stdout
