"""Errors in the API: ``UserError`` in payloads for what a user can fix, and input errors."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TypeVar

import strawberry
from graphql import GraphQLError

from core.limits import MAX_USER_ERRORS
from core.services.errors import ErrorCode as CoreErrorCode
from core.services.errors import NotAllowedError, ServiceError, SignInRequiredError
from schema.enums import described_enum
from schema.limits import bounded_lists
from schema.permissions import ForbiddenError, NotSignedInError

T = TypeVar("T")

INPUT = "Everything the mutation needs; see the input type's fields."
"""Description of every mutation's single ``input`` argument."""

ErrorCode = described_enum(
    CoreErrorCode,
    "ErrorCode",
    "Why an input was refused; stable across versions.",
    {
        CoreErrorCode.REQUIRED: "A required value is missing or blank.",
        CoreErrorCode.INVALID: "The value is not acceptable (see the message), for example text "
        "with a NUL character or a lone surrogate.",
        CoreErrorCode.TOO_LONG: "The text is longer than the field allows (see the message).",
        CoreErrorCode.TOO_MANY: "The list holds more items than the field allows, or the "
        "object it adds to is full (see the message).",
        CoreErrorCode.INVALID_ID: "The ID is malformed or names an object of another type.",
        CoreErrorCode.NOT_FOUND: "No object has this ID.",
        CoreErrorCode.DUPLICATE: "The value is already taken, or a list names one object twice.",
        CoreErrorCode.NOT_ELIGIBLE: "The official's post or status does not fit the track.",
        CoreErrorCode.ALREADY_ENROLLED: "The official is already enrolled in the cohort.",
        CoreErrorCode.ALREADY_WITHDRAWN: "The enrollment has been withdrawn.",
        CoreErrorCode.COHORT_NOT_OPEN: "The cohort is not open for registration.",
        CoreErrorCode.COHORT_FULL: "The cohort has reached its capacity.",
        CoreErrorCode.COHORT_LOCKED: "The cohort's status does not allow this change "
        "(completed and closed cohorts never change; enrollments change while OPEN or "
        "IN_PROGRESS).",
        CoreErrorCode.ILLEGAL_TRANSITION: "The cohort cannot move to that status from its own.",
        CoreErrorCode.TOPIC_NOT_IN_TRACK: "A topic belongs to another track than the cohort's.",
        CoreErrorCode.TRACK_INACTIVE: "The track's plugin is disabled.",
        CoreErrorCode.CAPACITY_BELOW_ENROLLED: "Capacity would fall below the enrolled count.",
        CoreErrorCode.OUTSIDE_PROGRAMME_PERIOD: "A cohort of a programme starts and ends within "
        "the programme's years (`Programme.startYear` to `endYear`, inclusive).",
        CoreErrorCode.ALREADY_IN_TRACK: "The official is already enrolled in another OPEN or "
        "IN_PROGRESS cohort of the same track (the message names it).",
        CoreErrorCode.WRONG_CREDENTIALS: "The sign-in name or the password is wrong (which one "
        "is never said).",
        CoreErrorCode.TOO_MANY_ATTEMPTS: "Too many failed sign-ins for this name or from this "
        "address in the last minute: wait the seconds the message gives.",
        CoreErrorCode.VERSION_IN_PROGRESS: "Another version of this lesson is still DRAFT or "
        "SUBMITTED: revise or submit it, or wait for its appraisal.",
        CoreErrorCode.NOT_EDITABLE: "The lesson version is no longer a DRAFT.",
        CoreErrorCode.NOT_SUBMITTED: "Only what was SUBMITTED can be appraised or reviewed.",
        CoreErrorCode.OWN_CONTENT: "You drafted this version: someone else approves it.",
        CoreErrorCode.NOT_APPROVED: "The topic has no APPROVED lesson content in the cohort's "
        "programme: only approved content can be scheduled.",
        CoreErrorCode.NO_PROGRAMME: "The cohort belongs to no programme, which lesson content "
        "and lecturers need.",
        CoreErrorCode.NOT_ON_BOARD: "The person is not a member of a board of the cohort's "
        "programme.",
        CoreErrorCode.OUTSIDE_COHORT_DATES: "The date is outside the cohort's days.",
        CoreErrorCode.NOT_IN_COHORT: "The enrollment or practicum item belongs to another "
        "cohort or track.",
        CoreErrorCode.NOT_ENROLLED: "The official is not (or no longer) enrolled.",
        CoreErrorCode.NOT_YOURS: "Only files you uploaded yourself can be attached.",
        CoreErrorCode.INVALID_WEIGHTS: "A scheme's components: weights not summing to exactly "
        "1, a weight outside (0, 1] or with more than four decimals, or a code repeated.",
        CoreErrorCode.INVALID_BANDS: "A scheme's bands leave a gap or overlap: the lowest must "
        "start at 0, none above 10, no two at the same score.",
        CoreErrorCode.INVALID_ROWS: "An import has rows that cannot be taken (its `problems` "
        "list each): nothing was written.",
        CoreErrorCode.NOT_ENOUGH_QUESTIONS: "The track's question banks hold fewer questions "
        "than the test asks for.",
        CoreErrorCode.NOT_IN_TEST: "The question is not one of the learner's test.",
        CoreErrorCode.ALREADY_SUBMITTED: "The test was submitted: it is graded and stays.",
        CoreErrorCode.WINDOW_NOT_OPEN: "The test's window has not opened yet.",
        CoreErrorCode.WINDOW_CLOSED: "The test's window has closed: what was answered by then "
        "was submitted.",
        CoreErrorCode.INVALID_SCORE: "A score is from 0 to 10 with at most two decimals.",
        CoreErrorCode.NOT_IN_SCHEME: "The cohort's scheme has no such component scored by "
        "assessors.",
        CoreErrorCode.ALREADY_SCORED: "Other assessors scored this learner already (once, or "
        "twice with double marking).",
        CoreErrorCode.RESULTS_FINAL: "The cohort's results are final: its scores, attendance, "
        "tests and evidence no longer change.",
        CoreErrorCode.RESULTS_NOT_FINAL: "The cohort's results are not final yet "
        "(finaliseResults).",
        CoreErrorCode.COHORT_NOT_COMPLETED: "Results are finalised once the cohort is COMPLETED.",
        CoreErrorCode.HAS_ATTENDANCE: "Attendance was recorded for the session: it took place "
        "and cannot be cancelled.",
        CoreErrorCode.TOO_LARGE: "The file is larger than the server accepts (see the message).",
        CoreErrorCode.UNSUPPORTED_MEDIA_TYPE: "The file's declared media type is not one the "
        "server keeps (see `docs/files.md`).",
        CoreErrorCode.MEDIA_TYPE_MISMATCH: "The file's content is not of the media type it was "
        "declared as.",
        CoreErrorCode.CHECKSUM_MISMATCH: "The SHA-256 of the bytes received differs from the one "
        "the client sent: the file was damaged on the way.",
    },
)


@bounded_lists(MAX_USER_ERRORS)
@strawberry.type(description="A problem with the input that the user can fix; nothing was saved.")
class UserError:
    field: str | None = strawberry.field(
        description="The input field at fault (its name in the input), or null for the whole input."
    )
    message: str = strawberry.field(description="What is wrong, in plain words.")
    code: ErrorCode = strawberry.field(description="Machine-readable reason.")  # type: ignore[valid-type]


def user_errors(error: ServiceError) -> list[UserError]:
    """The payload form of a service's refusal: at most ``MAX_USER_ERRORS`` problems (the
    declared maximum of every payload's ``errors`` list)."""
    return [
        UserError(field=item.field, message=item.message, code=ErrorCode(item.code.value))
        for item in error.errors[:MAX_USER_ERRORS]
    ]


class BadArgumentError(GraphQLError):
    """A top-level error for a query argument out of bounds (``extensions.code``)."""

    def __init__(self, argument: str, message: str) -> None:
        super().__init__(message, extensions={"code": "BAD_USER_INPUT", "argument": argument})


async def attempt(operation: Awaitable[T]) -> tuple[T | None, list[UserError]]:
    """Await a service call; a refusal becomes ``UserError``s (and the service wrote nothing).

    A service's own access rule saying no (:class:`NotAllowedError`) is a top-level
    ``FORBIDDEN`` error instead, or ``UNAUTHENTICATED`` when nobody is signed in.
    """
    try:
        return await operation, []
    except ServiceError as error:
        return None, user_errors(error)
    except SignInRequiredError:
        raise NotSignedInError from None
    except NotAllowedError as refusal:
        raise ForbiddenError(str(refusal)) from None
