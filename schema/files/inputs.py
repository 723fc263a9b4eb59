"""Taking uploaded files in a mutation's input: the IDs ``POST /files`` answered."""

from __future__ import annotations

from collections.abc import Sequence

from core.limits import MAX_FILES_PER_INPUT
from core.services.errors import ErrorCollector
from schema.ids import input_ids

FILE_TYPE = "StoredFile"


def file_ids_argument(
    errors: ErrorCollector,
    ids: Sequence[str] | None,
    field: str,
    maximum: int = MAX_FILES_PER_INPUT,
) -> tuple[int, ...]:
    """Decode a mutation input's list of file IDs (``attachmentIds``) into primary keys.

    Follows the :class:`~core.services.errors.ErrorCollector` conventions of
    :func:`schema.ids.input_ids`: more than ``maximum`` IDs is ``TOO_MANY``, a malformed ID or
    the ID of another type ``INVALID_ID``, one file named twice ``DUPLICATE``, each recorded on
    ``field`` and reported with the input's other problems. ``None`` (the field omitted) is an
    empty list. The well-formed keys are returned either way, as :func:`~schema.ids.input_ids`
    returns them; a service looks them up only when the field has no problem.

    Whether the files exist and whether the viewer may attach them is the service's to check
    (:func:`core.services.attachments.attachable_files`: one's own uploads only), after
    :meth:`ErrorCollector.has` says the field had no problem here.
    """
    if not ids:
        return ()
    keys = input_ids(errors, ids, FILE_TYPE, field, maximum)
    errors.check_ids(field, keys, maximum)
    return keys
