"""file_ids_argument: a mutation input's file IDs decoded with the ErrorCollector conventions."""

from __future__ import annotations

from core.services.errors import ErrorCode, ErrorCollector
from schema.files.inputs import file_ids_argument
from tests.factories import gid


def test_file_ids_are_decoded():
    errors = ErrorCollector()

    keys = file_ids_argument(errors, [gid("StoredFile", 3), gid("StoredFile", 1)], "materialIds")

    assert keys == (3, 1)
    assert errors.errors == []


def test_an_omitted_list_is_empty():
    assert file_ids_argument(ErrorCollector(), None, "materialIds") == ()


def test_a_malformed_or_foreign_id_is_invalid_id_on_the_field():
    errors = ErrorCollector()

    keys = file_ids_argument(errors, [gid("StoredFile", 1), gid("Official", 2)], "evidenceIds")

    assert keys == (1,)
    assert [(e.field, e.code) for e in errors.errors] == [("evidenceIds", ErrorCode.INVALID_ID)]


def test_too_many_and_repeated_ids_are_refused():
    too_many, repeated = ErrorCollector(), ErrorCollector()

    file_ids_argument(too_many, [gid("StoredFile", n) for n in range(1, 5)], "ids", maximum=3)
    file_ids_argument(repeated, [gid("StoredFile", 1), gid("StoredFile", 1)], "ids")

    assert [e.code for e in too_many.errors] == [ErrorCode.TOO_MANY]
    assert [e.code for e in repeated.errors] == [ErrorCode.DUPLICATE]
