"""A payload's ``errors`` list holds at most its declared maximum (MAX_USER_ERRORS)."""

from __future__ import annotations

from core.limits import MAX_USER_ERRORS
from core.services.errors import ErrorCode, FieldError, ServiceError
from schema.errors import user_errors


def test_a_refusal_lists_at_most_the_declared_maximum_of_problems():
    refusal = ServiceError(
        FieldError(f"field{n}", ErrorCode.INVALID, "bad") for n in range(MAX_USER_ERRORS + 50)
    )

    shown = user_errors(refusal)

    assert len(shown) == MAX_USER_ERRORS
    assert [error.field for error in shown[:2]] == ["field0", "field1"]
