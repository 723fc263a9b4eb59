"""Scores out of 10 with two decimals, weights, bands: exact arithmetic, one home.

A score is stored as an integer number of hundredths (``8.25`` is ``825``): both databases
compare, sort, sum and average integers exactly, where tortoise keeps a ``DecimalField`` on
SQLite as text (``>= 8.0`` missed ``10.00``, ordering put it last, an average came back as a
float). A weight is stored in ten-thousandths (``0.6`` is ``6000``). The API shows both as
``Decimal`` and converts at the edge (:func:`to_hundredths`, :func:`from_hundredths`).

A weighted score is the sum of score × weight, rounded half up to two places
(:func:`weighted_score`); its band is taken from the rounded score (:func:`band_of`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Final

MAX_SCORE: Final = 1000
"""10.00, in hundredths."""
WHOLE_WEIGHT: Final = 10_000
"""A weight of 1, in ten-thousandths: a scheme's weights sum to it."""

_HUNDREDTH = Decimal("0.01")
_TEN_THOUSANDTH = Decimal("0.0001")


class ScoreError(ValueError):
    """A value that is not a score (or weight) as the API takes them; the message says why."""


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return 0 if not isinstance(exponent, int) or exponent >= 0 else -exponent


def to_hundredths(value: Decimal) -> int:
    """A score given by a client, as hundredths.

    :raises ScoreError: not a finite number, outside 0–10, or with more than two decimals.
    """
    try:
        if not value.is_finite():
            raise ScoreError("A score is a number from 0 to 10.")
        if value < 0 or value > 10:
            raise ScoreError(f"A score is from 0 to 10 ({value} given).")
        if _places(value.normalize()) > 2:
            raise ScoreError(f"A score has at most two decimals ({value} given).")
    except InvalidOperation:
        raise ScoreError("A score is a number from 0 to 10.") from None
    return int((value * 100).to_integral_value())


def from_hundredths(hundredths: int) -> Decimal:
    """The API's value of a stored score (two places: ``825`` is ``8.25``)."""
    return (Decimal(hundredths) / 100).quantize(_HUNDREDTH)


def to_weight(value: Decimal) -> int:
    """A weight given by a client, in ten-thousandths.

    :raises ScoreError: not a number above 0 and at most 1 with at most four decimals.
    """
    try:
        if not value.is_finite() or value <= 0 or value > 1:
            raise ScoreError(f"A weight is above 0 and at most 1 ({value} given).")
        if _places(value.normalize()) > 4:
            raise ScoreError(f"A weight has at most four decimals ({value} given).")
    except InvalidOperation:
        raise ScoreError("A weight is a number above 0 and at most 1.") from None
    return int((value * WHOLE_WEIGHT).to_integral_value())


def from_weight(ten_thousandths: int) -> Decimal:
    """The API's value of a stored weight (``6000`` is ``0.6``)."""
    return (Decimal(ten_thousandths) / WHOLE_WEIGHT).quantize(_TEN_THOUSANDTH).normalize()


def weighted_score(parts: Iterable[tuple[int, int]]) -> int:
    """Σ score × weight for ``(score in hundredths, weight in ten-thousandths)`` pairs, rounded
    half up to hundredths (scores and weights are never negative)."""
    total = sum(score * weight for score, weight in parts)
    return (total + WHOLE_WEIGHT // 2) // WHOLE_WEIGHT


def share_of_ten(part: int, whole: int) -> int:
    """``part`` of ``whole`` as a score out of 10, in hundredths, rounded half up (3 of 4 is
    750, 2 of 3 is 667): a test's correct answers, the sessions attended."""
    return (2 * part * MAX_SCORE + whole) // (2 * whole)


def band_of(score: int, bands: Sequence[tuple[int, str]]) -> str:
    """The name of the band a (rounded) score falls in: the one with the highest lower bound
    not above it. ``bands`` are ``(lower bound in hundredths, name)``, the lowest at 0."""
    found = None
    for lower, name in sorted(bands):
        if score >= lower:
            found = name
    if found is None:
        raise ValueError(f"no band holds {score}: the lowest band must start at 0")
    return found


def band_problems(lower_bounds: Sequence[int]) -> list[str]:
    """Why bands with these lower bounds (hundredths, in the order given) do not cover 0–10
    without gaps or overlaps; empty when they do.

    A band runs from its lower bound to the next band's: bands cover 0–10 exactly when the
    lowest starts at 0, none starts above 10 and no two start at the same score.
    """
    problems = []
    if not lower_bounds:
        return ["Give at least one band."]
    if min(lower_bounds) != 0:
        problems.append("The lowest band must start at 0, or scores below it have no band.")
    if any(bound < 0 or bound > MAX_SCORE for bound in lower_bounds):
        problems.append("Every band starts between 0 and 10.")
    if len(set(lower_bounds)) != len(lower_bounds):
        problems.append("Two bands start at the same score: they overlap.")
    return problems
