"""Read-side filters for org units, officials, posts, host agencies, programmes, tracks, topics.

Resolvers and the CLI build their querysets here, so a filter means the same everywhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet

from core.models import (
    Cohort,
    Enrollment,
    HostAgency,
    Official,
    OrgUnit,
    Post,
    Programme,
    Topic,
    Track,
)
from core.models.enums import AgencyBloc, EnrollmentStatus, OfficialStatus, OrgLevel, PostKind
from core.orm import column, dialect
from core.permissions import READ_PEOPLE, READ_TRAINING
from core.services.access import Access
from core.services.establishment import trained_for_post
from core.text import search_key


@dataclass(frozen=True)
class OrgUnitFilter:
    levels: tuple[OrgLevel, ...] | None = None
    parent_id: int | None = None
    within_id: int | None = None
    """Only units inside this unit's subtree (the unit itself excluded)."""
    name: str | None = None


async def filter_org_units(criteria: OrgUnitFilter) -> QuerySet[OrgUnit]:
    query = OrgUnit.all()
    if criteria.levels is not None:
        query = query.filter(level__in=criteria.levels)
    if criteria.parent_id is not None:
        query = query.filter(parent_id=criteria.parent_id)
    if criteria.within_id is not None:
        query = query.filter(path__startswith=await _subtree_path(criteria.within_id)).exclude(
            id=criteria.within_id
        )
    if criteria.name:
        query = query.filter(search_name__contains=search_key(criteria.name))
    return query


@dataclass(frozen=True)
class OfficialFilter:
    org_unit_id: int | None = None
    """Officials of this unit or any unit below it."""
    post_ids: tuple[int, ...] | None = None
    statuses: tuple[OfficialStatus, ...] | None = None
    name: str | None = None
    """Case- and accent-insensitive: "nguyen van" finds "Nguyễn Văn An"."""
    eligible_for_cohort_id: int | None = None
    """Officials who may be enrolled in this cohort: ACTIVE, holding one of its track's posts,
    and not ENROLLED in it now (a withdrawn one may enroll again). Check that the viewer may
    read the cohort first (:func:`readable_cohort`)."""
    trained_for_post: bool | None = None
    """``True``: officials with a completed result earned in the post they hold now;
    ``False``: those who lack it (``core.services.establishment``)."""


async def filter_officials(actor: Access, criteria: OfficialFilter) -> QuerySet[Official]:
    """The officials ``actor`` may read that match ``criteria``."""
    scope = actor.scope(Official, READ_PEOPLE)
    query = Official.all() if scope is None else Official.filter(scope)
    if criteria.org_unit_id is not None:
        path = await _subtree_path(criteria.org_unit_id)
        query = query.filter(org_unit__path__startswith=path)
    if criteria.post_ids is not None:
        query = query.filter(post_id__in=criteria.post_ids)
    if criteria.statuses is not None:
        query = query.filter(status__in=criteria.statuses)
    if criteria.name:
        query = query.filter(search_name__contains=search_key(criteria.name))
    if criteria.eligible_for_cohort_id is not None:
        query = query.filter(eligible_for(criteria.eligible_for_cohort_id))
    if criteria.trained_for_post is not None:
        trained = Q(id__in=Subquery(trained_for_post().values("id")))
        query = query.filter(trained if criteria.trained_for_post else ~trained)
    return query


def eligible_for(cohort_id: int) -> Q:
    """The officials who may be enrolled in the cohort, as subqueries (no row is loaded): ACTIVE,
    holding a post of the cohort's track, not ENROLLED in the cohort."""
    track_posts = Post.filter(tracks__cohorts__id=cohort_id).values("id")
    enrolled = Enrollment.filter(cohort_id=cohort_id, status=EnrollmentStatus.ENROLLED).values(
        "official_id"
    )
    return Q(
        Q(status=OfficialStatus.ACTIVE),
        Q(post_id__in=Subquery(track_posts)),
        ~Q(id__in=Subquery(enrolled)),
    )


async def readable_cohort(actor: Access, cohort_id: int) -> bool:
    """Whether ``cohort_id`` names a cohort ``actor`` may read (one statement)."""
    scope = actor.scope(Cohort, READ_TRAINING)
    query = Cohort.filter(id=cohort_id) if scope is None else Cohort.filter(scope, id=cohort_id)
    return await query.exists()


COMMON_NAME_SHARE = 0.1
"""A name search expected to match at least this share of officials is "common"."""


async def officials_sort_by_index(criteria: OfficialFilter) -> bool:
    """Whether a page of ``filter_officials(criteria)`` should walk the sort index.

    Walking the (sort column, id) btree in order and discarding non-matches stops after a page
    of matches: the faster plan when matches are dense (a common name: "nguyen", "an"). For a
    rare or middling name ("nguyen van": 4% of officials, all of them past "a…m" in name order)
    the walk reads most of the table; collecting the matches through the trigram index and
    sorting them is up to 5x faster. PostgreSQL's planner assumes matches are spread evenly and
    picks the walk too often, so the choice is made here, from its own row estimates (two
    EXPLAINs without ANALYZE, a fraction of a millisecond), and enforced by the query shape (see
    ``schema.pagination.paginate``'s ``sort_by_index``). On SQLite there is no trigram index:
    always walk.
    """
    if not criteria.name or dialect(Official) != "postgres":
        return True
    matches = await estimated_rows(Official.filter(search_name__contains=search_key(criteria.name)))
    total = await estimated_rows(Official.all())
    return matches >= total * COMMON_NAME_SHARE


async def estimated_rows(query: QuerySet[Any]) -> float:
    """PostgreSQL's estimate of how many rows ``query`` returns (EXPLAIN, nothing executed)."""
    [row] = await query.explain("json", costs=True)
    plan = row["QUERY PLAN"]
    return float((json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]["Plan Rows"])


@dataclass(frozen=True)
class PostFilter:
    kinds: tuple[PostKind, ...] | None = None


def filter_posts(criteria: PostFilter) -> QuerySet[Post]:
    query = Post.all()
    if criteria.kinds is not None:
        query = query.filter(kind__in=criteria.kinds)
    return query


@dataclass(frozen=True)
class HostAgencyFilter:
    blocs: tuple[AgencyBloc, ...] | None = None
    org_unit_id: int | None = None


def filter_host_agencies(criteria: HostAgencyFilter) -> QuerySet[HostAgency]:
    query = HostAgency.all()
    if criteria.blocs is not None:
        query = query.filter(bloc__in=criteria.blocs)
    if criteria.org_unit_id is not None:
        query = query.filter(org_unit_id=criteria.org_unit_id)
    return query


def filter_programmes() -> QuerySet[Programme]:
    return Programme.all()


@dataclass(frozen=True)
class TrackFilter:
    plugin_ids: tuple[str, ...] | None = None
    active: bool | None = None
    post_id: int | None = None
    """Tracks this post is eligible for."""


def filter_tracks(criteria: TrackFilter) -> QuerySet[Track]:
    query = Track.all()
    if criteria.plugin_ids is not None:
        query = query.filter(plugin_id__in=criteria.plugin_ids)
    if criteria.active is not None:
        query = query.filter(is_active=criteria.active)
    if criteria.post_id is not None:
        query = query.filter(posts__id=criteria.post_id)
    return query


@dataclass(frozen=True)
class TopicFilter:
    track_ids: tuple[int, ...] | None = None
    active: bool | None = None
    title: str | None = None


def filter_topics(criteria: TopicFilter) -> QuerySet[Topic]:
    query = Topic.all()
    if criteria.track_ids is not None:
        query = query.filter(track_id__in=criteria.track_ids)
    if criteria.active is not None:
        query = query.filter(is_active=criteria.active)
    if criteria.title:
        query = query.filter(search_title__contains=search_key(criteria.title))
    return query


NO_SUCH_UNIT = "#"
"""A path prefix no unit has (paths start with "/"): an unknown unit filters to nothing."""


async def _subtree_path(org_unit_id: int) -> str:
    """The unit's materialised path, or :data:`NO_SUCH_UNIT` for an unknown id."""
    path = await column(OrgUnit.filter(id=org_unit_id), "path")
    return path[0] if path else NO_SUCH_UNIT
