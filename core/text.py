"""Vietnamese text helpers: NFC storage and accent-insensitive search keys."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from enum import Enum

# Letters whose base form is not reached by stripping combining marks.
_SPECIAL_FOLDS = str.maketrans({"đ": "d", "Đ": "d"})


def nfc(value: str) -> str:
    """Return ``value`` in NFC with surrounding whitespace removed and inner runs collapsed."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def search_key(value: str, max_length: int | None = None) -> str:
    """Fold ``value`` for case- and accent-insensitive search: "Nguyễn Đức" → "nguyen duc".

    Folding can lengthen text ("ß" → "ss", "ﬃ" → "ffi"), so a key to be stored is cut to its
    column's ``max_length``: a title that fits its own column always fits the key's.
    """
    decomposed = unicodedata.normalize("NFD", value.translate(_SPECIAL_FOLDS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    key = " ".join(stripped.casefold().split())
    return key if max_length is None else key[:max_length]


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def unstorable(value: str) -> str | None:
    """Why ``value`` cannot be stored as text on both databases, or ``None`` if it can.

    PostgreSQL refuses the NUL character in text (SQLite would keep it, so it is refused on
    both); a lone surrogate (``"\\ud800"`` in JSON decodes to one) is not Unicode text at all:
    neither asyncpg nor sqlite3 can encode it as UTF-8.
    """
    found = _UNSTORABLE.search(value)
    if found is None:
        return None
    if found.group() == "\x00":
        return "Contains a NUL character (U+0000), which cannot be stored."
    return "Contains a lone surrogate code point, which is not valid Unicode text."


def api_name(member: Enum) -> str:
    """An enum value as the GraphQL API spells it (``IN_PROGRESS``), not as it is stored
    (``in_progress``): messages name values the way a client writes them. The API's enums
    mirror the core enums member by member (``schema.enums.described_enum``)."""
    return member.name


def api_names(members: Iterable[Enum]) -> str:
    """:func:`api_name` of each member, sorted and joined with commas ("IN_PROGRESS, PLANNED");
    "none" for no member."""
    return ", ".join(sorted(api_name(member) for member in members)) or "none"


def with_article(noun: str) -> str:
    """``noun`` after its indefinite article, by its spelling: "an Official", "a Cohort"."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"
