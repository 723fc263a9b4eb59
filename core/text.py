"""Vietnamese text helpers: NFC storage and accent-insensitive search keys."""

from __future__ import annotations

import unicodedata

# Letters whose base form is not reached by stripping combining marks.
_SPECIAL_FOLDS = str.maketrans({"đ": "d", "Đ": "d"})


def nfc(value: str) -> str:
    """Return ``value`` in NFC with surrounding whitespace removed and inner runs collapsed."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def search_key(value: str) -> str:
    """Fold ``value`` for case- and accent-insensitive search: "Nguyễn Đức" → "nguyen duc"."""
    decomposed = unicodedata.normalize("NFD", value.translate(_SPECIAL_FOLDS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())
