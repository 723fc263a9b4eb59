"""Password hashing with argon2id, off the event loop and a few at a time.

A hash takes about 64 MiB and a fifth of a second of one core (argon2's defaults), so hashing in
the event loop would stall every request, and hashing without a limit would let a burst of
sign-ins take the memory of the host. Hashes run in a small thread pool of their own
(:data:`HASH_SLOTS` at once); argon2 releases the GIL while it works.

The hash parameters come from :class:`HashParameters` (settings): a stored hash made with other
parameters still verifies, and :func:`verify_password` says when it should be made again.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 12
"""Passwords are at least this many characters (NIST SP 800-63B asks for 8; a personnel
register warrants more)."""
MAX_LENGTH = 256
"""A longer password is refused before hashing: its cost would be the attacker's to choose."""
HASH_SLOTS = 2
"""Hashes computed at once, per worker process."""

_pool = ThreadPoolExecutor(HASH_SLOTS, thread_name_prefix="hocviec-hash")


@dataclass(frozen=True)
class HashParameters:
    """argon2id cost: ``memory_kib`` of memory, ``time_cost`` passes, ``parallelism`` lanes."""

    memory_kib: int = 65_536
    time_cost: int = 3
    parallelism: int = 4


@dataclass(frozen=True)
class Verdict:
    """The outcome of checking a password against a stored hash."""

    matches: bool
    needs_rehash: bool = False
    """The hash was made with other parameters: store a new one now that the password is known."""


@cache
def _hasher(parameters: HashParameters) -> PasswordHasher:
    return PasswordHasher(
        time_cost=parameters.time_cost,
        memory_cost=parameters.memory_kib,
        parallelism=parameters.parallelism,
    )


def password_problem(password: str) -> str | None:
    """Why ``password`` cannot be used, or ``None``."""
    if len(password) < MIN_LENGTH:
        return f"A password has at least {MIN_LENGTH} characters."
    if len(password) > MAX_LENGTH:
        return f"A password has at most {MAX_LENGTH} characters."
    if password.strip() != password or not password.isprintable():
        return "A password cannot start or end with spaces or hold control characters."
    return None


async def hash_password(password: str, parameters: HashParameters) -> str:
    """The argon2id hash of ``password`` (checked with :func:`password_problem` first)."""
    hasher = _hasher(parameters)
    return await asyncio.get_running_loop().run_in_executor(_pool, hasher.hash, password)


async def verify_password(stored_hash: str, password: str, parameters: HashParameters) -> Verdict:
    """Whether ``password`` matches ``stored_hash``, and whether the hash should be renewed."""
    hasher = _hasher(parameters)

    def verify() -> Verdict:
        try:
            hasher.verify(stored_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return Verdict(matches=False)
        return Verdict(matches=True, needs_rehash=hasher.check_needs_rehash(stored_hash))

    return await asyncio.get_running_loop().run_in_executor(_pool, verify)


async def spend_a_verification(parameters: HashParameters) -> None:
    """Take as long as checking a password would, for a sign-in name that does not exist, so
    the time of the answer does not tell whether the name exists."""
    await verify_password(await _decoy_hash(parameters), "not the password", parameters)


_decoys: dict[HashParameters, str] = {}


async def _decoy_hash(parameters: HashParameters) -> str:
    decoy = _decoys.get(parameters)
    if decoy is None:
        decoy = _decoys[parameters] = await hash_password("decoy password value", parameters)
    return decoy
