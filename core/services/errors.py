"""Errors a user can fix, raised by services and shown by the API as ``UserError``s."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum

from core.text import unstorable


class ErrorCode(StrEnum):
    """Machine-readable reason for a user error; stable, part of the API."""

    REQUIRED = "required"
    INVALID = "invalid"
    TOO_LONG = "too_long"
    TOO_MANY = "too_many"
    INVALID_ID = "invalid_id"
    NOT_FOUND = "not_found"
    DUPLICATE = "duplicate"
    NOT_ELIGIBLE = "not_eligible"
    ALREADY_ENROLLED = "already_enrolled"
    ALREADY_WITHDRAWN = "already_withdrawn"
    COHORT_NOT_OPEN = "cohort_not_open"
    COHORT_FULL = "cohort_full"
    COHORT_LOCKED = "cohort_locked"
    ILLEGAL_TRANSITION = "illegal_transition"
    TOPIC_NOT_IN_TRACK = "topic_not_in_track"
    TRACK_INACTIVE = "track_inactive"
    CAPACITY_BELOW_ENROLLED = "capacity_below_enrolled"
    OUTSIDE_PROGRAMME_PERIOD = "outside_programme_period"
    ALREADY_IN_TRACK = "already_in_track"
    WRONG_CREDENTIALS = "wrong_credentials"
    TOO_MANY_ATTEMPTS = "too_many_attempts"
    VERSION_IN_PROGRESS = "version_in_progress"
    NOT_EDITABLE = "not_editable"
    NOT_SUBMITTED = "not_submitted"
    OWN_CONTENT = "own_content"
    NOT_APPROVED = "not_approved"
    NO_PROGRAMME = "no_programme"
    NOT_ON_BOARD = "not_on_board"
    OUTSIDE_COHORT_DATES = "outside_cohort_dates"
    NOT_IN_COHORT = "not_in_cohort"
    NOT_ENROLLED = "not_enrolled"
    NOT_YOURS = "not_yours"
    HAS_ATTENDANCE = "has_attendance"
    INVALID_WEIGHTS = "invalid_weights"
    INVALID_BANDS = "invalid_bands"
    INVALID_ROWS = "invalid_rows"
    NOT_ENOUGH_QUESTIONS = "not_enough_questions"
    NOT_IN_TEST = "not_in_test"
    ALREADY_SUBMITTED = "already_submitted"
    WINDOW_NOT_OPEN = "window_not_open"
    WINDOW_CLOSED = "window_closed"
    INVALID_SCORE = "invalid_score"
    NOT_IN_SCHEME = "not_in_scheme"
    ALREADY_SCORED = "already_scored"
    RESULTS_FINAL = "results_final"
    RESULTS_NOT_FINAL = "results_not_final"
    COHORT_NOT_COMPLETED = "cohort_not_completed"
    TOO_LARGE = "too_large"
    UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type"
    MEDIA_TYPE_MISMATCH = "media_type_mismatch"
    CHECKSUM_MISMATCH = "checksum_mismatch"


@dataclass(frozen=True)
class FieldError:
    """One problem with one input field (``field`` uses the API's input field names)."""

    field: str
    code: ErrorCode
    message: str


class ServiceError(Exception):
    """The operation was refused; nothing was written. Carries every problem found."""

    def __init__(self, errors: Iterable[FieldError]) -> None:
        self.errors = list(errors)
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in self.errors))

    @classmethod
    def single(cls, field: str, code: ErrorCode, message: str) -> ServiceError:
        return cls([FieldError(field, code, message)])


class NotAllowedError(Exception):
    """The actor may not do this (a service's own rule, such as who may grant a role); nothing
    was written. The API answers a top-level ``FORBIDDEN`` error with this message."""


class SignInRequiredError(NotAllowedError):
    """Nobody is signed in, and the action needs someone; the API answers a top-level
    ``UNAUTHENTICATED`` error."""

    def __init__(self) -> None:
        super().__init__("Sign in to do this.")


def too_many_ids(maximum: int, given: int) -> str:
    """The message of an ID list over its ``maximum``."""
    return f"At most {maximum} IDs are allowed ({given} given)."


class ErrorCollector:
    """Gathers field errors so a user sees every problem of an input at once.

    One problem per field: the first one found is kept and later ones for the same field are
    dropped (a malformed ID is not also "not found"; a list refused for its size is not also
    looked up). Services skip the database checks of a field that :meth:`has` a problem, so a
    caller (the API decoding global IDs) can record problems first and pass the collector on.
    """

    def __init__(self) -> None:
        self.errors: list[FieldError] = []
        self._fields: set[str] = set()

    def add(self, field: str, code: ErrorCode, message: str) -> None:
        if field in self._fields:
            return
        self._fields.add(field)
        self.errors.append(FieldError(field, code, message))

    def has(self, field: str) -> bool:
        """Whether ``field`` already has a problem."""
        return field in self._fields

    def check_text(self, field: str, value: str, max_length: int) -> bool:
        """Refuse text the databases cannot store as given; ``True`` when ``value`` is fine.

        ``max_length`` is the column's (in characters): longer text is ``TOO_LONG`` here rather
        than a database error. NUL characters and lone surrogates are ``INVALID`` (see
        :func:`core.text.unstorable`); they are refused on SQLite too, so both databases agree.
        """
        if len(value) > max_length:
            self.add(
                field,
                ErrorCode.TOO_LONG,
                f"At most {max_length} characters are allowed ({len(value)} given).",
            )
            return False
        if (reason := unstorable(value)) is not None:
            self.add(field, ErrorCode.INVALID, reason)
            return False
        return not self.has(field)

    def check_required_text(self, field: str, value: str, max_length: int, message: str) -> bool:
        """:meth:`check_text`, and ``REQUIRED`` with ``message`` when ``value`` is empty (give
        it trimmed); ``True`` when the text may be written."""
        if self.check_text(field, value, max_length) and not value:
            self.add(field, ErrorCode.REQUIRED, message)
        return not self.has(field)

    def check_ids(self, field: str, ids: Collection[int], maximum: int) -> bool:
        """Refuse an ID list over its declared maximum or naming one object twice.

        ``True`` when the list may be looked up: within ``maximum`` (from ``core.limits``, far
        below the database drivers' parameter limits), no repeats, and no problem recorded for
        the field before (for example a malformed ID the caller could not decode).
        """
        if len(ids) > maximum:
            self.add(field, ErrorCode.TOO_MANY, too_many_ids(maximum, len(ids)))
            return False
        if len(set(ids)) != len(ids):
            self.add(field, ErrorCode.DUPLICATE, "The list names the same object more than once.")
            return False
        return not self.has(field)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ServiceError(self.errors)
