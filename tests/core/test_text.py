"""Vietnamese text: NFC storage and accent-insensitive search keys."""

from __future__ import annotations

import unicodedata

import pytest

from core.text import nfc, search_key, unstorable

NAME = "Nguyễn Văn Đức"
DECOMPOSED = unicodedata.normalize("NFD", NAME)


def test_the_decomposed_fixture_really_differs_from_nfc():
    assert DECOMPOSED != NAME
    assert len(DECOMPOSED) > len(NAME)


def test_nfc_composes_decomposed_input():
    # when
    result = nfc(DECOMPOSED)
    # then
    assert result == NAME
    assert unicodedata.is_normalized("NFC", result)


def test_nfc_trims_and_collapses_whitespace():
    assert nfc("  Hoàng \t Văn\n\nNhiên  ") == "Hoàng Văn Nhiên"


def test_nfc_leaves_nfc_text_unchanged():
    assert nfc(NAME) == NAME


@pytest.mark.parametrize(
    "value",
    [
        NAME,
        "NGUYỄN VĂN ĐỨC",
        DECOMPOSED,
        unicodedata.normalize("NFD", "NGUYỄN VĂN ĐỨC"),
        "  nguyễn   văn  đức ",
        "nguyen van duc",
    ],
)
def test_search_key_folds_case_accents_and_d_stroke(value):
    assert search_key(value) == "nguyen van duc"


def test_search_key_folds_every_vietnamese_vowel():
    assert search_key("ÀẢÃÁẠ ăằẳẵắặ âầẩẫấậ èẻẽéẹ êềểễếệ ìỉĩíị òỏõóọ ôồổỗốộ ơờởỡớợ") == (
        "aaaaa aaaaaa aaaaaa eeeee eeeeee iiiii ooooo oooooo oooooo"
    )
    assert search_key("ùủũúụ ưừửữứự ỳỷỹýỵ Đđ") == "uuuuu uuuuuu yyyyy dd"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("Nguyễn Văn Đức", None),
        ("tab\tand newline\n are fine", None),
        ("😀 a pair of surrogates in UTF-16 is one character here", None),
        ("a\u0000b", "NUL"),
        ("\ud800", "surrogate"),
        ("lone low \udfff", "surrogate"),
    ],
)
def test_unstorable_names_nul_and_lone_surrogates(value, reason):
    result = unstorable(value)

    if reason is None:
        assert result is None
    else:
        assert result is not None and reason in result


def test_search_key_is_cut_to_the_columns_length_after_folding():
    assert search_key("Phố Đại ﬃ", 5) == "pho d"
    assert len(search_key("ß" * 200)) == 400
    assert len(search_key("ß" * 200, 200)) == 200
