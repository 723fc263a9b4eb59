"""The document cache of schema/execution.py: bounded in entries and characters, LRU, and
holding no tree for a refused document."""

from __future__ import annotations

from core.settings import Settings
from schema.build import build_schema
from schema.execution import DocumentCache, Executor, PreparedDocument
from schema.validation import CheckedDocument
from tests.conftest import builtin_registry


def prepared() -> PreparedDocument:
    return PreparedDocument(CheckedDocument(None), [])


def test_the_cache_keeps_at_most_its_entries_dropping_the_least_recently_used():
    cache = DocumentCache(max_entries=2, max_chars=1000)
    cache.put("a", prepared())
    cache.put("b", prepared())
    assert cache.get("a") is not None  # a is now the most recently used

    cache.put("c", prepared())

    assert len(cache) == 2
    assert cache.get("b") is None
    assert cache.get("a") is not None
    assert cache.get("c") is not None


def test_the_cache_keeps_at_most_its_characters():
    cache = DocumentCache(max_entries=100, max_chars=10)
    cache.put("aaaa", prepared())
    cache.put("bbbb", prepared())

    cache.put("cccc", prepared())

    assert cache.get("aaaa") is None
    assert cache.get("bbbb") is not None
    assert cache.get("cccc") is not None


def test_a_document_larger_than_the_cache_is_not_kept():
    cache = DocumentCache(max_entries=100, max_chars=10)
    cache.put("small", prepared())

    cache.put("x" * 11, prepared())

    assert cache.get("x" * 11) is None
    assert cache.get("small") is not None


def test_putting_a_cached_document_again_changes_nothing():
    cache = DocumentCache(max_entries=100, max_chars=10)
    first = prepared()
    cache.put("aaaa", first)

    cache.put("aaaa", prepared())
    cache.put("bbbbbb", prepared())

    assert cache.get("aaaa") is first
    assert cache.get("bbbbbb") is not None


async def test_a_refused_document_keeps_only_its_errors():
    executor = Executor(build_schema(builtin_registry(), Settings()), Settings())

    refused = await executor.prepare("{ plugins { id } nope }")
    accepted = await executor.prepare("{ plugins { id } }")
    executor.close()

    assert refused.checked.document is None
    assert [error["extensions"]["code"] for error in refused.errors] == [
        "GRAPHQL_VALIDATION_FAILED"
    ]
    assert accepted.checked.document is not None
    assert accepted.errors == []
    assert await executor.prepare("{ plugins { id } nope }") is refused
