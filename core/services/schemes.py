"""Assessment schemes: a track's, as its plugin declares it, and a cohort's adjusted copy.

A cohort is assessed by its own scheme once a coordinator adjusted it (while the cohort is
PLANNED or OPEN), else by its track's declared scheme (``register_assessment_schemes``). The
same rules hold for both (:func:`core.declarations.scheme_problems`): weights summing to exactly
1, bands covering 0–10 without gaps or overlaps.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from tortoise.transactions import in_transaction

from core.clock import now
from core.declarations import SchemeDeclaration, scheme_problems
from core.models import CohortScheme, SchemeBand, SchemeComponent, Track
from core.models.enums import CohortStatus, ComponentKind
from core.orm import column_length
from core.permissions import MANAGE_COHORTS
from core.scores import WHOLE_WEIGHT, to_hundredths, to_weight
from core.services.access import Access
from core.services.cohorts import locked_cohort, managed
from core.services.errors import ErrorCode, ErrorCollector
from core.text import nfc

ADJUSTABLE_STATUSES = frozenset({CohortStatus.PLANNED, CohortStatus.OPEN})
"""A cohort's scheme is adjusted before it starts."""
MAX_COMPONENTS = 10
"""Components of one scheme (a test, a written piece, practicum, attendance, …)."""
MAX_BANDS = 10
"""Bands of one scheme (four, usually)."""
CODE_LENGTH: int = column_length(SchemeComponent, "code")
TITLE_LENGTH: int = column_length(SchemeComponent, "title")
BAND_NAME_LENGTH: int = column_length(SchemeBand, "name")
PART_CODES = {
    "components": ErrorCode.INVALID_WEIGHTS,
    "bands": ErrorCode.INVALID_BANDS,
    "completion": ErrorCode.INVALID,
}


@dataclass(frozen=True)
class Component:
    code: str
    title: str
    kind: ComponentKind
    weight: int
    """In ten-thousandths."""
    double_marking: bool = False
    plugin_kind: str = ""


class ComponentInput(NamedTuple):
    """A component of a coordinator's adjustment, as the API takes it."""

    code: str
    title: str
    kind: ComponentKind
    weight: Decimal
    double_marking: bool = False
    plugin_kind: str = ""


@dataclass(frozen=True)
class Band:
    name: str
    lower_bound: int
    """In hundredths."""


@dataclass(frozen=True)
class Scheme:
    """A scheme as the API shows it: declared for a track, or adjusted for a cohort."""

    components: tuple[Component, ...]
    bands: tuple[Band, ...]
    """Highest first."""
    min_attendance_rate: int | None
    """In ten-thousandths."""
    practicum_signed_off: bool
    adjusted: bool


@dataclass(frozen=True)
class SchemeInput:
    """A coordinator's adjustment: the whole scheme, as the API takes it."""

    components: Sequence[tuple[Any, ...]]
    """:class:`ComponentInput` s (or tuples in its order)."""
    bands: Sequence[tuple[str, Decimal]]
    """``(name, lower bound)``."""
    min_attendance_rate: Decimal | None
    practicum_signed_off: bool


def declared(scheme: SchemeDeclaration) -> Scheme:
    """A plugin's declaration as a :class:`Scheme` (checked when it was declared)."""
    rate = scheme.completion.min_attendance_rate
    return Scheme(
        components=tuple(
            Component(
                c.code, nfc(c.title), c.kind, to_weight(c.weight), c.double_marking, c.plugin_kind
            )
            for c in scheme.components
        ),
        bands=_highest_first(Band(nfc(b.name), to_hundredths(b.lower_bound)) for b in scheme.bands),
        min_attendance_rate=None if rate is None else int(rate * WHOLE_WEIGHT),
        practicum_signed_off=scheme.completion.practicum_signed_off,
        adjusted=False,
    )


async def adjusted_schemes(cohort_ids: set[int]) -> dict[int, Scheme]:
    """The adjusted schemes of those of ``cohort_ids`` that have one: three statements."""
    own = {row.cohort_id: row for row in await CohortScheme.filter(cohort_id__in=cohort_ids)}
    if not own:
        return {}
    by_scheme = {row.id: row.cohort_id for row in own.values()}
    components: dict[int, list[Component]] = {key: [] for key in own}
    bands: dict[int, list[Band]] = {key: [] for key in own}
    for c in await SchemeComponent.filter(scheme_id__in=set(by_scheme)).order_by("order"):
        components[by_scheme[c.scheme_id]].append(
            Component(c.code, c.title, c.kind, c.weight, c.double_marking, c.plugin_kind)
        )
    for b in await SchemeBand.filter(scheme_id__in=set(by_scheme)):
        bands[by_scheme[b.scheme_id]].append(Band(b.name, b.lower_bound))
    return {
        cohort_id: Scheme(
            components=tuple(components[cohort_id]),
            bands=_highest_first(bands[cohort_id]),
            min_attendance_rate=row.min_attendance_rate,
            practicum_signed_off=row.practicum_signed_off,
            adjusted=True,
        )
        for cohort_id, row in own.items()
    }


async def schemes_of_cohorts(
    cohort_tracks: Mapping[int, int], schemes: Mapping[str, SchemeDeclaration]
) -> dict[int, Scheme | None]:
    """The scheme assessing each cohort (``cohort id → track id``): its adjusted copy, else its
    track's declared scheme (``schemes``, by track code), else ``None``. At most four
    statements whatever the number of cohorts."""
    found: dict[int, Scheme | None] = dict(await adjusted_schemes(set(cohort_tracks)))
    rest = {cohort: track for cohort, track in cohort_tracks.items() if cohort not in found}
    if rest:
        codes = dict(await Track.filter(id__in=set(rest.values())).values_list("id", "code"))
        for cohort_id, track_id in rest.items():
            declaration = schemes.get(codes.get(track_id, ""))
            found[cohort_id] = None if declaration is None else declared(declaration)
    return found


async def adjust_scheme(
    actor: Access,
    cohort_id: int,
    scheme: SchemeInput,
    errors: ErrorCollector | None = None,
    plugin_kinds: Collection[str] = (),
) -> CohortScheme:
    """Replace a PLANNED or OPEN cohort's scheme (``actor`` manages the cohort).

    Every problem is reported at once, on ``components`` (weights not summing to 1, a weight
    out of range, codes repeated: ``INVALID_WEIGHTS``), ``bands`` (gaps or overlaps:
    ``INVALID_BANDS``) and ``completion``; nothing is written then.
    """
    errors = errors or ErrorCollector()
    given = [ComponentInput(*component) for component in scheme.components]
    components = [
        (nfc(c.code).strip(), nfc(c.title).strip(), c.kind, c.weight, c.double_marking)
        for c in given
    ]
    for index, component in enumerate(given):
        if (component.kind == ComponentKind.PLUGIN) != bool(component.plugin_kind) or (
            component.plugin_kind and component.plugin_kind not in plugin_kinds
        ):
            errors.add(
                f"components.{index}.pluginKind",
                ErrorCode.INVALID,
                "A PLUGIN component names a kind a plugin registers (and only it has one).",
            )
    bands = [(nfc(name).strip(), bound) for name, bound in scheme.bands]
    if len(components) > MAX_COMPONENTS:
        errors.add("components", ErrorCode.TOO_MANY, f"At most {MAX_COMPONENTS} components.")
    if len(bands) > MAX_BANDS:
        errors.add("bands", ErrorCode.TOO_MANY, f"At most {MAX_BANDS} bands.")
    for index, (code, title, _, _, _) in enumerate(components):
        for field, text, limit in (("code", code, CODE_LENGTH), ("title", title, TITLE_LENGTH)):
            where = f"components.{index}.{field}"
            errors.check_required_text(where, text, limit, f"Give the component a {field}.")
    for index, (name, _) in enumerate(bands):
        where = f"bands.{index}.name"
        errors.check_required_text(where, name, BAND_NAME_LENGTH, "Give the band a name.")
    problems: dict[str, list[str]] = {}
    for part, message in scheme_problems(
        [(code, weight) for code, _, _, weight, _ in components],
        [bound for _, bound in bands],
        scheme.min_attendance_rate,
    ):
        problems.setdefault(part, []).append(message)
    for part, messages in problems.items():
        errors.add(part, PART_CODES[part], " ".join(messages))
    async with in_transaction():
        cohort = await locked_cohort(cohort_id, errors)
        await managed(actor, cohort, MANAGE_COHORTS)
        if cohort.status not in ADJUSTABLE_STATUSES:
            errors.add(
                "cohortId",
                ErrorCode.COHORT_LOCKED,
                f"The cohort is {cohort.status.name}: its scheme is adjusted while it is "
                "PLANNED or OPEN.",
            )
        errors.raise_if_any()
        rate = scheme.min_attendance_rate
        row = await CohortScheme.get_or_none(cohort_id=cohort.id)
        values: dict[str, Any] = {
            "min_attendance_rate": None if rate is None else int(rate * WHOLE_WEIGHT),
            "practicum_signed_off": scheme.practicum_signed_off,
            "adjusted_at": now(),
            "adjusted_by_id": actor.account_id,
        }
        if row is None:
            row = await CohortScheme.create(cohort_id=cohort.id, **values)
        else:
            await CohortScheme.filter(id=row.id).update(**values)
            await SchemeComponent.filter(scheme_id=row.id).delete()
            await SchemeBand.filter(scheme_id=row.id).delete()
        await SchemeComponent.bulk_create(
            [
                SchemeComponent(
                    scheme_id=row.id,
                    code=code,
                    title=title,
                    kind=kind,
                    weight=to_weight(weight),
                    double_marking=double,
                    plugin_kind=given[order - 1].plugin_kind,
                    order=order,
                )
                for order, (code, title, kind, weight, double) in enumerate(components, start=1)
            ]
        )
        await SchemeBand.bulk_create(
            [
                SchemeBand(scheme_id=row.id, name=name, lower_bound=to_hundredths(bound))
                for name, bound in bands
            ]
        )
    return row


def _highest_first(bands: Iterable[Band]) -> tuple[Band, ...]:
    return tuple(sorted(bands, key=lambda band: -band.lower_bound))
