"""What a district reports: a cohort's statistics, and officials' results by year.

Counts are computed by the database (``GROUP BY``), over what the viewer may read, in a fixed
number of statements whatever the number of learners.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from tortoise.expressions import Subquery
from tortoise.functions import Count

from core.declarations import SchemeDeclaration
from core.models import Cohort, Enrollment, Official, OrgUnit, Post, Result
from core.models.enums import EnrollmentStatus, OfficialStatus
from core.permissions import READ_PEOPLE, READ_TRAINING
from core.services.access import Access
from core.services.schemes import schemes_of_cohorts


@dataclass(frozen=True)
class UnitCoverage:
    org_unit_id: int
    eligible: int
    registered: int


@dataclass(frozen=True)
class CohortStatistics:
    eligible: int
    """ACTIVE officials holding a post of the track in the units below the cohort's (and those
    enrolled already)."""
    registered: int
    """ENROLLED in the cohort."""
    bands: list[tuple[str, int]] | None
    """Final results per band, highest band first, zeros included; ``None`` until final."""
    completed: int | None
    units: list[UnitCoverage]
    """Per org unit of the officials (their commune), by path."""


async def cohort_statistics(
    actor: Access, cohort: Cohort, declared: Mapping[str, SchemeDeclaration]
) -> CohortStatistics:
    """The cohort's statistics over the officials and enrollments ``actor`` may read.

    ``cohort`` may be a model or a read-only row of it (its ``id``, ``track_id``,
    ``org_unit_id`` and ``results_final_at`` are read).
    """
    unit_path = (await OrgUnit.get(id=cohort.org_unit_id)).path
    officials = Official.filter(
        status=OfficialStatus.ACTIVE,
        post_id__in=Subquery(Post.filter(tracks__id=cohort.track_id).values("id")),
        org_unit__path__startswith=unit_path,
    )
    official_scope = actor.scope(Official, READ_PEOPLE)
    if official_scope is not None:
        officials = officials.filter(official_scope)
    enrollments = Enrollment.filter(cohort_id=cohort.id, status=EnrollmentStatus.ENROLLED)
    enrollment_scope = actor.scope(Enrollment, READ_TRAINING)
    if enrollment_scope is not None:
        enrollments = enrollments.filter(enrollment_scope)
    eligible_by_unit = dict(
        await officials.annotate(count=Count("id"))
        .group_by("org_unit_id")
        .values_list("org_unit_id", "count")
    )
    registered_by_unit = dict(
        await enrollments.annotate(count=Count("id"))
        .group_by("official__org_unit_id")
        .values_list("official__org_unit_id", "count")
    )
    # an enrolled official counts as eligible even when their post or unit changed since
    enrolled_elsewhere = dict(
        await enrollments.exclude(official_id__in=Subquery(officials.values("id")))
        .annotate(count=Count("id"))
        .group_by("official__org_unit_id")
        .values_list("official__org_unit_id", "count")
    )
    units = sorted(set(eligible_by_unit) | set(registered_by_unit))
    paths = dict(await OrgUnit.filter(id__in=units).values_list("id", "path"))
    coverage = [
        UnitCoverage(
            unit,
            eligible_by_unit.get(unit, 0) + enrolled_elsewhere.get(unit, 0),
            registered_by_unit.get(unit, 0),
        )
        for unit in sorted(units, key=lambda key: paths.get(key, ""))
    ]
    bands = completed = None
    if cohort.results_final_at is not None:
        results = Result.filter(enrollment_id__in=Subquery(enrollments.values("id")))
        counted = defaultdict(
            int,
            await results.annotate(count=Count("id")).group_by("band").values_list("band", "count"),
        )
        scheme = (await schemes_of_cohorts({cohort.id: cohort.track_id}, declared))[cohort.id]
        names = [band.name for band in scheme.bands] if scheme else sorted(counted)
        names += [name for name in counted if name not in names]  # amended to another band
        bands = [(name, counted[name]) for name in names]
        completed = await results.filter(completed=True).count()
    return CohortStatistics(
        eligible=sum(unit.eligible for unit in coverage),
        registered=sum(unit.registered for unit in coverage),
        bands=bands,
        completed=completed,
        units=coverage,
    )


async def results_by_official(official_ids: set[int], year: int | None) -> dict[int, list[Result]]:
    """Each official's finalised results, oldest cohort first; with ``year``, those of the
    cohorts that ended that year (the annual evaluation's criterion). One statement."""
    query = Result.filter(enrollment__official_id__in=official_ids)
    if year is not None:
        query = query.filter(
            cohort__ends_on__gte=date(year, 1, 1), cohort__ends_on__lte=date(year, 12, 31)
        )
    found: dict[int, list[Result]] = defaultdict(list)
    for result in await query.select_related("enrollment").order_by("cohort__ends_on", "id"):
        found[result.enrollment.official_id].append(result)
    return found
