"""Scores in hundredths, weights in ten-thousandths: exact, rounded half up, banded."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.scores import (
    ScoreError,
    band_of,
    band_problems,
    from_hundredths,
    to_hundredths,
    to_weight,
    weighted_score,
)

BANDS = [(800, "Giỏi"), (650, "Khá"), (500, "Trung bình"), (0, "Yếu")]


@pytest.mark.parametrize(
    ("given", "hundredths"),
    [("0", 0), ("10", 1000), ("10.00", 1000), ("8.5", 850), ("8.25", 825), ("6.50", 650)],
)
def test_a_score_is_kept_in_hundredths(given, hundredths):
    assert to_hundredths(Decimal(given)) == hundredths
    assert from_hundredths(hundredths) == Decimal(given).quantize(Decimal("0.01"))


@pytest.mark.parametrize("given", ["-0.01", "10.01", "8.255", "NaN", "Infinity"])
def test_a_score_outside_0_to_10_or_with_three_decimals_is_refused(given):
    with pytest.raises(ScoreError):
        to_hundredths(Decimal(given))


@pytest.mark.parametrize("given", ["0", "-0.1", "1.0001", "0.00001"])
def test_a_weight_is_above_0_at_most_1_with_four_decimals(given):
    with pytest.raises(ScoreError):
        to_weight(Decimal(given))


def test_a_weighted_score_rounds_half_up_to_two_places():
    # 7.25 × 0.5 + 8.00 × 0.5 = 7.625 → 7.63 (a float sum gives 7.62 or 7.63 by chance)
    assert weighted_score([(725, 5000), (800, 5000)]) == 763
    # 6.49 × 0.7 + 6.51 × 0.3 = 6.496 → 6.50, and the band is taken from the rounded score
    score = weighted_score([(649, 7000), (651, 3000)])
    assert score == 650
    assert band_of(score, BANDS) == "Khá"


@pytest.mark.parametrize(
    ("score", "band"),
    [(1000, "Giỏi"), (800, "Giỏi"), (799, "Khá"), (500, "Trung bình"), (0, "Yếu")],
)
def test_the_band_is_the_highest_whose_lower_bound_is_reached(score, band):
    assert band_of(score, BANDS) == band


def test_bands_must_start_at_0_and_not_overlap():
    assert band_problems([800, 650, 500, 0]) == []
    assert band_problems([800, 650, 500]) != []  # scores below 5.0 have no band
    assert band_problems([800, 800, 0]) != []  # two bands start at 8.0
    assert band_problems([1001, 0]) != []
