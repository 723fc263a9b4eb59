"""CI: a commit that breaks the GraphQL schema must say so in CHANGELOG.md.

For every commit after the baseline (``.ci/schema-baseline``, or ``--base``) that changes
``schema/schema.graphql``, the schema is compared with its parent's (``schema.contract``): a
breaking change passes only if the same commit adds an entry under a ``### Breaking changes``
heading of ``CHANGELOG.md``. Dangerous changes are listed. Exits 1 on an undeclared breaking
change.

    .venv/bin/python .ci/schema_changes.py [--repo DIR] [--base REV]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from schema.contract import compare, declares_breaking  # noqa: E402

SCHEMA = "schema/schema.graphql"
CHANGELOG = "CHANGELOG.md"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True
    ).stdout


def file_at(repo: Path, revision: str, path: str) -> str:
    """``path`` as it was at ``revision`` ("" where it did not exist)."""
    try:
        return git(repo, "show", f"{revision}:{path}")
    except subprocess.CalledProcessError:
        return ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=ROOT)
    parser.add_argument("--base", help="Check the commits after this one.")
    args = parser.parse_args()
    base = args.base or (args.repo / ".ci" / "schema-baseline").read_text().split()[0]
    try:
        git(args.repo, "cat-file", "-e", f"{base}^{{commit}}")
    except subprocess.CalledProcessError:
        print(
            f"schema changes: the baseline {base} is not in this clone's history", file=sys.stderr
        )
        return 1
    commits = git(args.repo, "rev-list", "--reverse", f"{base}..HEAD", "--", SCHEMA).split()
    undeclared = []
    for commit in commits:
        old, new = file_at(args.repo, f"{commit}^", SCHEMA), file_at(args.repo, commit, SCHEMA)
        if not old or not new:
            continue
        changes = compare(old, new)
        subject = git(args.repo, "log", "-1", "--format=%h %s", commit).strip()
        for change in changes.breaking:
            print(f"{subject}: BREAKING {change}")
        for change in changes.dangerous:
            print(f"{subject}: dangerous {change}")
        before = file_at(args.repo, f"{commit}^", CHANGELOG)
        if changes.breaking and not declares_breaking(
            before, file_at(args.repo, commit, CHANGELOG)
        ):
            undeclared.append(subject)
    print(f"schema changes: {len(commits)} commit(s) after {base[:12]} checked")
    for subject in undeclared:
        print(
            f"{subject}: breaks the schema without an entry under '### Breaking changes' "
            f"in {CHANGELOG}",
            file=sys.stderr,
        )
    return 1 if undeclared else 0


if __name__ == "__main__":
    sys.exit(main())
