"""Errors a user can fix, raised by services and shown by the API as ``UserError``s."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class ErrorCode(StrEnum):
    """Machine-readable reason for a user error; stable, part of the API."""

    REQUIRED = "required"
    INVALID = "invalid"
    TOO_LONG = "too_long"
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


class ErrorCollector:
    """Gathers field errors so a user sees every problem of an input at once."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def add(self, field: str, code: ErrorCode, message: str) -> None:
        self.errors.append(FieldError(field, code, message))

    def check_length(self, field: str, value: str, limit: int) -> None:
        """Refuse text longer than its column (``limit`` characters)."""
        if len(value) > limit:
            self.add(field, ErrorCode.TOO_LONG, f"At most {limit} characters ({len(value)} given).")

    def raise_if_any(self) -> None:
        if self.errors:
            raise ServiceError(self.errors)
