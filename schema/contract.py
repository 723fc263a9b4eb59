"""The schema contract: what a change to ``schema/schema.graphql`` does to the clients.

:func:`compare` lists a change's breaking and dangerous changes (graphql-core's
``find_breaking_changes`` and ``find_dangerous_changes``); ``hocviec schema diff OLD NEW``
prints them. A breaking change is allowed only when the same commit declares it in
``CHANGELOG.md``, under a ``### Breaking changes`` heading (:func:`declares_breaking`), which
``.ci/schema_changes.py`` checks for every commit since ``.ci/schema-baseline``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphql import build_schema, find_breaking_changes, find_dangerous_changes

BREAKING_HEADING = "### Breaking changes"
"""The CHANGELOG heading under which a commit declares the breaking changes it makes."""


@dataclass(frozen=True)
class SchemaChanges:
    """What clients of the old schema meet in the new one."""

    breaking: list[str]
    """Changes that can break a client (a field removed, an argument made required, …)."""
    dangerous: list[str]
    """Changes that can surprise one (an enum value added, a default changed, …)."""


def compare(old_sdl: str, new_sdl: str) -> SchemaChanges:
    """The changes from ``old_sdl`` to ``new_sdl`` (both SDL texts), each as
    ``KIND: description``; raises graphql-core's ``GraphQLError`` for invalid SDL."""
    old, new = build_schema(old_sdl), build_schema(new_sdl)
    return SchemaChanges(
        breaking=sorted(f"{c.type.name}: {c.description}" for c in find_breaking_changes(old, new)),
        dangerous=sorted(
            f"{c.type.name}: {c.description}" for c in find_dangerous_changes(old, new)
        ),
    )


def breaking_entries(changelog: str) -> set[str]:
    """The non-blank lines under every ``### Breaking changes`` heading of a CHANGELOG."""
    entries: set[str] = set()
    inside = False
    for line in changelog.splitlines():
        if re.match(r"#{1,3} ", line):
            inside = line.strip() == BREAKING_HEADING
        elif inside and line.strip():
            entries.add(line.strip())
    return entries


def declares_breaking(changelog_before: str, changelog_after: str) -> bool:
    """Whether a commit turning ``changelog_before`` into ``changelog_after`` adds an entry
    under a ``### Breaking changes`` heading."""
    return bool(breaking_entries(changelog_after) - breaking_entries(changelog_before))
