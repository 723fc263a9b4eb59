"""ErrorCollector: one problem per field, and the text and ID-list checks every service uses."""

from __future__ import annotations

import pytest

from core.services.errors import ErrorCode, ErrorCollector, ServiceError


def codes(errors: ErrorCollector) -> list[tuple[str, ErrorCode]]:
    return [(error.field, error.code) for error in errors.errors]


def test_keeps_the_first_problem_of_each_field():
    errors = ErrorCollector()

    errors.add("trackId", ErrorCode.INVALID_ID, "malformed")
    errors.add("trackId", ErrorCode.NOT_FOUND, "not found")
    errors.add("name", ErrorCode.REQUIRED, "blank")

    assert codes(errors) == [("trackId", ErrorCode.INVALID_ID), ("name", ErrorCode.REQUIRED)]
    assert errors.has("trackId") and errors.has("name") and not errors.has("code")


@pytest.mark.parametrize(
    ("value", "expected", "ok"),
    [
        ("x" * 10, [], True),
        ("x" * 11, [("name", ErrorCode.TOO_LONG)], False),
        ("a\u0000b", [("name", ErrorCode.INVALID)], False),
        ("a\ud800b", [("name", ErrorCode.INVALID)], False),
    ],
    ids=["at-the-limit", "one-over", "nul", "lone-surrogate"],
)
def test_check_text(value, expected, ok):
    errors = ErrorCollector()

    assert errors.check_text("name", value, 10) is ok
    assert codes(errors) == expected


def test_check_text_is_false_for_a_field_already_at_fault():
    errors = ErrorCollector()
    errors.add("name", ErrorCode.REQUIRED, "blank")

    assert errors.check_text("name", "", 10) is False


@pytest.mark.parametrize(
    ("ids", "expected", "ok"),
    [
        ((1, 2, 3), [], True),
        ((), [], True),
        ((1, 2, 3, 4), [("ids", ErrorCode.TOO_MANY)], False),
        ((1, 2, 1), [("ids", ErrorCode.DUPLICATE)], False),
    ],
    ids=["fine", "empty", "too-many", "repeat"],
)
def test_check_ids(ids, expected, ok):
    errors = ErrorCollector()

    assert errors.check_ids("ids", ids, 3) is ok
    assert codes(errors) == expected


def test_raise_if_any_carries_every_problem():
    errors = ErrorCollector()
    errors.raise_if_any()
    errors.add("a", ErrorCode.REQUIRED, "blank")
    errors.add("b", ErrorCode.INVALID, "bad")

    with pytest.raises(ServiceError) as raised:
        errors.raise_if_any()

    assert [error.field for error in raised.value.errors] == ["a", "b"]
