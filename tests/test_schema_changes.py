"""The schema contract: `hocviec schema diff`, and the CI check that a commit breaking the schema
declares it in CHANGELOG.md (.ci/schema_changes.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from core.cli import main
from schema.contract import declares_breaking
from tests.helpers import ROOT

OLD = '''
"""Queries."""
type Query {
  """Cohorts."""
  cohorts(first: Int): [String!]!
}

"""A status."""
enum Status { OPEN CLOSED }
'''
BREAKING = OLD.replace("(first: Int)", "(first: Int!)")
DANGEROUS = OLD.replace("OPEN CLOSED", "OPEN CLOSED PLANNED")


def diff(tmp_path: Path, old: str, new: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    (tmp_path / "old.graphql").write_text(old, encoding="utf-8")
    (tmp_path / "new.graphql").write_text(new, encoding="utf-8")
    status = main(["schema", "diff", str(tmp_path / "old.graphql"), str(tmp_path / "new.graphql")])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def test_schema_diff_fails_on_a_breaking_change(tmp_path, capsys):
    status, out = diff(tmp_path, OLD, BREAKING, capsys)

    assert status == 1
    assert out.startswith("BREAKING ARG_CHANGED_KIND: ")
    assert "Query.cohorts" in out


def test_schema_diff_lists_a_dangerous_change_and_passes(tmp_path, capsys):
    status, out = diff(tmp_path, OLD, DANGEROUS, capsys)

    assert status == 0
    assert out == "DANGEROUS VALUE_ADDED_TO_ENUM: Enum value Status.PLANNED was added.\n"


def test_schema_diff_of_the_same_schema_says_so(tmp_path, capsys):
    assert diff(tmp_path, OLD, OLD, capsys) == (0, "no breaking or dangerous changes\n")


def test_schema_diff_of_an_unreadable_schema_is_a_usage_error(tmp_path, capsys):
    status, out = diff(tmp_path, OLD, "type Query {", capsys)

    assert status == 2
    assert out.startswith("hocviec: schema diff: Syntax Error")


CHANGELOG = """# Changelog

## Unreleased

### Breaking changes
- Cursors belong to their list.

### Added
- Sign-in.
"""


def test_a_breaking_change_is_declared_only_under_its_heading():
    under = CHANGELOG.replace(
        "- Cursors belong to their list.\n",
        "- Cursors belong to their list.\n- `cohorts(first:)` is required.\n",
    )
    elsewhere = CHANGELOG.replace("- Sign-in.\n", "- Sign-in.\n- `cohorts(first:)` is required.\n")

    assert declares_breaking(CHANGELOG, under)
    assert not declares_breaking(CHANGELOG, elsewhere)
    assert not declares_breaking(CHANGELOG, CHANGELOG)


def commit(repo: Path, schema: str, changelog: str, message: str) -> None:
    (repo / "schema").mkdir(exist_ok=True)
    (repo / "schema" / "schema.graphql").write_text(schema, encoding="utf-8")
    (repo / "CHANGELOG.md").write_text(changelog, encoding="utf-8")
    for command in (["add", "-A"], ["commit", "-qm", message]):
        subprocess.run(["git", *command], cwd=repo, check=True)


def check(repo: Path, base: str) -> subprocess.CompletedProcess[str]:
    script = ROOT / ".ci" / "schema_changes.py"
    return subprocess.run(
        [sys.executable, str(script), "--repo", str(repo), "--base", base],
        capture_output=True,
        text=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    for key, value in (("user.name", "CI"), ("user.email", "ci@hocviec.test")):
        subprocess.run(["git", "config", key, value], cwd=tmp_path, check=True)
    commit(tmp_path, OLD, CHANGELOG, "the baseline")
    return tmp_path


def test_ci_refuses_a_commit_that_breaks_the_schema_without_saying_so(repo):
    commit(repo, BREAKING, CHANGELOG, "make first required")

    result = check(repo, "HEAD~1")

    assert result.returncode == 1
    assert "make first required: BREAKING ARG_CHANGED_KIND" in result.stdout
    assert "without an entry under '### Breaking changes'" in result.stderr


def test_ci_passes_a_breaking_commit_that_declares_it_and_a_dangerous_one(repo):
    declared = CHANGELOG.replace(
        "### Added", "- `cohorts(first:)` is required: pages are bounded.\n\n### Added"
    )
    commit(repo, BREAKING, declared, "make first required, and say so")
    commit(repo, BREAKING.replace("OPEN CLOSED", "OPEN CLOSED PLANNED"), declared, "a status")

    result = check(repo, "HEAD~2")

    assert result.returncode == 0, result.stderr
    assert "2 commit(s)" in result.stdout


def test_ci_refuses_a_baseline_it_cannot_find(repo):
    result = check(repo, "0" * 40)

    assert result.returncode == 1
    assert "is not in this clone's history" in result.stderr
