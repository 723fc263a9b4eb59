"""The establishment (biên chế) of org units: each post's seats, who fills them, and who is
trained for the post they hold.

A seat is a post quota (``PostQuota``: chỉ tiêu) of a commune; it is filled by an ACTIVE
official holding the post there. An official is *trained for their post* once they hold a
completed result (``Result.completed``) earned while holding that same post: the result keeps the
post of its day, so an official moved to another post needs the training of the new one. A
unit's establishment counts the units below it too (a district's is its communes').
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from tortoise.expressions import F, Q
from tortoise.functions import Count
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from core.limits import MAX_ESTABLISHED_POSTS, MAX_SEATS_PER_POST
from core.models import Official, OrgUnit, Post, PostQuota
from core.models.enums import OfficialStatus, OrgLevel
from core.permissions import MANAGE_ESTABLISHMENT, READ_PEOPLE
from core.services.access import Access
from core.services.errors import ErrorCode, ErrorCollector


@dataclass(frozen=True)
class PostSeats:
    """One post of a unit's establishment: its seats, how many are filled, how many of the
    officials filling them are trained for the post."""

    post_id: int
    quota: int
    filled: int
    trained: int

    @property
    def vacant(self) -> int:
        return max(self.quota - self.filled, 0)

    @property
    def untrained(self) -> int:
        return self.filled - self.trained


def trained_for_post() -> QuerySet[Official]:
    """The officials with a completed result earned in the post they hold now (one join)."""
    return Official.filter(
        enrollments__result__completed=True, post_id=F("enrollments__result__post_id")
    )


async def establishments(actor: Access, units: list[OrgUnit]) -> dict[int, list[PostSeats]]:
    """Each unit's establishment (the units below it included), by post id, over the
    officials ``actor`` may read; quotas are counted whole (they are not personal data).

    Three statements whatever the number of units: the quotas, and filled seats and trained
    holders per (org unit, post) with ``GROUP BY``, summed up to each asked unit in Python by path.
    """
    if not units:
        return {}
    within = Q(*(Q(org_unit__path__startswith=unit.path) for unit in units), join_type="OR")
    scope = actor.scope(Official, READ_PEOPLE)
    active = Official.filter(within, status=OfficialStatus.ACTIVE)
    if scope is not None:
        active = active.filter(scope)
    quotas = await PostQuota.filter(within).values_list("org_unit__path", "post_id", "quota")
    filled = await (
        active.annotate(holders=Count("id"))
        .group_by("org_unit__path", "post_id")
        .values_list("org_unit__path", "post_id", "holders")
    )
    trained_query = trained_for_post().filter(within, status=OfficialStatus.ACTIVE)
    if scope is not None:
        trained_query = trained_query.filter(scope)
    trained = await (
        trained_query.annotate(holders=Count("id", distinct=True))
        .group_by("org_unit__path", "post_id")
        .values_list("org_unit__path", "post_id", "holders")
    )
    totals: dict[int, dict[int, list[int]]] = {
        unit.id: defaultdict(lambda: [0, 0, 0]) for unit in units
    }
    for column, rows in enumerate((quotas, filled, trained)):
        for path, post_id, count in rows:
            for unit in units:
                if path.startswith(unit.path):
                    totals[unit.id][post_id][column] += count
    return {
        unit_id: [
            PostSeats(post_id, quota, filled_count, trained_count)
            for post_id, (quota, filled_count, trained_count) in sorted(posts.items())
        ][:MAX_ESTABLISHED_POSTS]
        for unit_id, posts in totals.items()
    }


SEATED_LEVELS = frozenset({OrgLevel.COMMUNE, OrgLevel.TOWNSHIP})
"""Where posts have seats: the communes and towns (a district's establishment is theirs)."""


async def set_post_quota(
    actor: Access,
    org_unit_id: int,
    post_id: int,
    quota: int,
    errors: ErrorCollector | None = None,
) -> PostSeats | None:
    """Set the seats of a post in a commune or town (0 removes the post from its
    establishment), by whoever manages the establishment over the unit; returns the post's row
    of the unit's establishment as it is now (``None`` when no seat and no holder is left).

    Every problem at once, nothing written: the quota from 0 to
    :data:`~core.limits.MAX_SEATS_PER_POST` (``INVALID``), an unknown unit or post
    (``NOT_FOUND``), a unit that is not a commune or town (``INVALID``). Lowering a quota below
    the officials holding the post is allowed: the report shows them (``filled`` above
    ``quota``), and who leaves is a personnel decision, not this one.
    """
    errors = errors or ErrorCollector()
    if not 0 <= quota <= MAX_SEATS_PER_POST:
        errors.add("quota", ErrorCode.INVALID, f"A post has from 0 to {MAX_SEATS_PER_POST} seats.")
    async with in_transaction():
        unit = None
        if not errors.has("orgUnitId"):
            unit = await OrgUnit.get_or_none(id=org_unit_id)
            if unit is None:
                errors.add("orgUnitId", ErrorCode.NOT_FOUND, "No org unit has this ID.")
            elif unit.level not in SEATED_LEVELS:
                errors.add(
                    "orgUnitId",
                    ErrorCode.INVALID,
                    f"{unit.name} is a {unit.level.value}: posts have seats in communes and towns.",
                )
        if not errors.has("postId") and not await Post.exists(id=post_id):
            errors.add("postId", ErrorCode.NOT_FOUND, "No post has this ID.")
        if unit is not None:
            actor.require(MANAGE_ESTABLISHMENT, unit.path)
        errors.raise_if_any()
        assert unit is not None  # no problem recorded: the unit was found
        if quota == 0:
            await PostQuota.filter(org_unit_id=org_unit_id, post_id=post_id).delete()
        else:
            row, created = await PostQuota.get_or_create(
                org_unit_id=org_unit_id, post_id=post_id, defaults={"quota": quota}
            )
            if not created and row.quota != quota:
                row.quota = quota
                await row.save(update_fields=["quota"])
        rows = (await establishments(actor, [unit]))[unit.id]
    return next((row for row in rows if row.post_id == post_id), None)
