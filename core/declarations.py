"""Value objects that plugins return from their hooks (see ``core.hookspecs``).

They are plain frozen dataclasses so a plugin can build them without touching the database;
the core validates them at start-up and syncs them into its tables.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from core.limits import (
    MAX_EVIDENCE_PER_ITEM,
    MAX_POSTS_PER_TRACK,
    MAX_PRACTICUM_ITEMS_PER_TRACK,
    MAX_TOPICS_PER_TRACK,
)
from core.models.enums import ComponentKind, PostKind, Role
from core.scores import WHOLE_WEIGHT, ScoreError, band_problems, to_hundredths, to_weight

if TYPE_CHECKING:
    from core.plugins import PluginRegistry


@dataclass(frozen=True)
class PluginInfo:
    """Who a plugin is.

    :param id: stable identifier, lowercase ``snake_case`` (``party_committee``); it names the
        plugin in HOCVIEC_PLUGINS, in its tortoise app label and in its GraphQL prefix.
    :param name: human name shown by ``hocviec plugins`` and the ``plugins`` query.
    :param version: the plugin's own version.
    :param core_versions: PEP 440 specifier of the hocviec core versions it supports
        (``">=0.1,<0.2"``); start-up stops when the running core is not one of them.
    :param description: one sentence on what the plugin adds.
    """

    id: str
    name: str
    version: str
    core_versions: str
    description: str = ""


@dataclass(frozen=True)
class PostDeclaration:
    """A post (chức danh) a track is for. Two plugins may declare the same post identically."""

    code: str
    title: str
    title_en: str
    kind: PostKind


@dataclass(frozen=True)
class TopicDeclaration:
    """A catalogue topic (chuyên đề); ``code`` is unique within its track and never reused.

    :param title: Vietnamese title, with diacritics.
    :param title_en: English title, for the API's English-speaking readers (optional).
    """

    code: str
    title: str
    title_en: str = ""


@dataclass(frozen=True)
class PracticumItemDeclaration:
    """A practicum item a track requires: something a learner does at the district and gives
    evidence of, signed off by an assessor ("attend 2 meetings of the commune People's
    Committee standing members").

    :param code: unique within its track, never reused.
    :param title: what the learner does (Vietnamese, with diacritics).
    :param description: how to give evidence of it.
    :param required_count: how many signed-off pieces of evidence complete it (1 to 20).
    """

    code: str
    title: str
    description: str = ""
    required_count: int = 1

    def __post_init__(self) -> None:
        if not 1 <= self.required_count <= MAX_EVIDENCE_PER_ITEM:
            raise ValueError(
                f"practicum item {self.code!r} requires {self.required_count} pieces of "
                f"evidence; between 1 and {MAX_EVIDENCE_PER_ITEM} are allowed"
            )


@dataclass(frozen=True)
class ActivityKindDeclaration:
    """A kind of learning activity a cohort's session may be (theory, observing a meeting, …).

    :param code: ``snake_case``; a plugin's own are prefixed with its id and a dot
        (``party_committee.conclusion_drafting``). Checked at start-up: unique, well formed.
    :param title: Vietnamese name, with diacritics.
    :param title_en: English name.
    """

    code: str
    title: str
    title_en: str


@dataclass(frozen=True)
class ComponentDeclaration:
    """A component of an assessment scheme: what is scored, and its weight in the result.

    :param code: ``snake_case``, unique within the scheme (``written_test``).
    :param title: Vietnamese name, with diacritics.
    :param kind: what it scores (:class:`~core.models.enums.ComponentKind`).
    :param weight: above 0, at most 1, four decimals at most; a scheme's weights sum to 1.
    :param double_marking: a second assessor scores it too (written and practical work); the
        result takes the mean of the two, and the difference is kept.
    :param plugin_kind: with ``kind=ComponentKind.PLUGIN``, the code of a kind a plugin
        declares (``register_component_kinds``) and grades (``grade_component``).
    """

    code: str
    title: str
    kind: ComponentKind
    weight: Decimal
    double_marking: bool = False
    plugin_kind: str = ""

    def __post_init__(self) -> None:
        if (self.kind == ComponentKind.PLUGIN) != bool(self.plugin_kind):
            raise ValueError(
                f"component {self.code!r}: a PLUGIN component names its plugin_kind, and only it"
            )


@dataclass(frozen=True)
class ComponentKindDeclaration:
    """A kind of assessment component a plugin adds and grades (the Party track's draft of a
    meeting's conclusions).

    :param code: ``snake_case`` prefixed with the plugin id and a dot
        (``party_committee.conclusion_draft``); unique.
    :param title: Vietnamese name.
    :param title_en: English name.
    """

    code: str
    title: str
    title_en: str


@dataclass(frozen=True)
class BandDeclaration:
    """A band of results (xếp loại): its name and the lowest score (0–10) it holds."""

    name: str
    lower_bound: Decimal


DEFAULT_BANDS: tuple[BandDeclaration, ...] = (
    BandDeclaration("Giỏi", Decimal("8.0")),
    BandDeclaration("Khá", Decimal("6.5")),
    BandDeclaration("Trung bình", Decimal("5.0")),
    BandDeclaration("Yếu", Decimal("0")),
)
"""The usual bands of Vietnamese public-sector tests: Excellent ≥ 8.0, Good ≥ 6.5,
Average ≥ 5.0, Weak below; only defaults, a scheme declares its own."""


@dataclass(frozen=True)
class CompletionRule:
    """What completing the training needs besides a score.

    :param min_attendance_rate: the share of recorded sessions attended (present or late),
        from 0 to 1; ``None``: no minimum.
    :param practicum_signed_off: every practicum item of the track complete.
    """

    min_attendance_rate: Decimal | None = None
    practicum_signed_off: bool = True


@dataclass(frozen=True)
class SchemeDeclaration:
    """A track's assessment scheme: weighted components, bands and a completion rule.

    Checked when declared: at least one component, codes unique, weights summing to exactly 1,
    bands covering 0–10 without gaps or overlaps (the lowest at 0, no two at the same score),
    the attendance rate from 0 to 1. A bad one raises ``ValueError``, which stops start-up
    naming the plugin. A coordinator adjusts a cohort's copy while it is PLANNED or OPEN.
    """

    track_code: str
    components: tuple[ComponentDeclaration, ...]
    bands: tuple[BandDeclaration, ...] = DEFAULT_BANDS
    completion: CompletionRule = field(default_factory=CompletionRule)

    def __post_init__(self) -> None:
        problems = scheme_problems(
            [(c.code, c.weight) for c in self.components],
            [band.lower_bound for band in self.bands],
            self.completion.min_attendance_rate,
        )
        if problems:
            raise ValueError(
                f"the scheme of track {self.track_code!r}: "
                + " ".join(message for _, message in problems)
            )


def scheme_problems(
    components: list[tuple[str, Decimal]],
    lower_bounds: list[Decimal],
    min_attendance_rate: Decimal | None,
) -> list[tuple[str, str]]:
    """Why a scheme is not valid, as ``(part, message)`` (part: ``components``, ``bands`` or
    ``completion``); empty when it is. The same rules for a plugin's declaration and a
    coordinator's adjustment."""
    problems: list[tuple[str, str]] = []
    if not components:
        problems.append(("components", "A scheme has at least one component."))
    codes = [code for code, _ in components]
    if len(set(codes)) != len(codes):
        problems.append(("components", "Two components have the same code."))
    weights = []
    for code, weight in components:
        try:
            weights.append(to_weight(weight))
        except ScoreError as error:
            problems.append(("components", f"Component {code}: {error}"))
    if len(weights) == len(components) and components and sum(weights) != WHOLE_WEIGHT:
        total = sum(weight for _, weight in components)
        problems.append(("components", f"The weights sum to {total}, not 1."))
    bounds = []
    for bound in lower_bounds:
        try:
            bounds.append(to_hundredths(bound))
        except ScoreError as error:
            problems.append(("bands", f"A band's lower bound: {error}"))
    if len(bounds) == len(lower_bounds):
        problems.extend(("bands", message) for message in band_problems(bounds))
    if min_attendance_rate is not None and not (0 <= min_attendance_rate <= 1):
        problems.append(("completion", "The minimum attendance rate is from 0 to 1."))
    return problems


@dataclass(frozen=True)
class TrackDeclaration:
    """A training track: the posts it is for and its topic catalogue, in teaching order.

    At most :data:`~core.limits.MAX_POSTS_PER_TRACK` posts and
    :data:`~core.limits.MAX_TOPICS_PER_TRACK` topics (the API returns both as plain lists
    bounded by these maxima): more raise ``ValueError``, which stops start-up with an error
    naming the plugin whose ``register_tracks`` built the declaration.
    """

    code: str
    title: str
    title_en: str
    posts: tuple[PostDeclaration, ...]
    topics: tuple[TopicDeclaration, ...] = ()
    description: str = ""
    practicum: tuple[PracticumItemDeclaration, ...] = ()
    """The practicum items the track requires, in the order learners see them."""

    def __post_init__(self) -> None:
        if len(self.posts) > MAX_POSTS_PER_TRACK:
            raise ValueError(
                f"track {self.code!r} declares {len(self.posts)} posts; "
                f"at most {MAX_POSTS_PER_TRACK} are allowed"
            )
        if len(self.topics) > MAX_TOPICS_PER_TRACK:
            raise ValueError(
                f"track {self.code!r} declares {len(self.topics)} topics; "
                f"at most {MAX_TOPICS_PER_TRACK} are allowed"
            )
        if len(self.practicum) > MAX_PRACTICUM_ITEMS_PER_TRACK:
            raise ValueError(
                f"track {self.code!r} declares {len(self.practicum)} practicum items; "
                f"at most {MAX_PRACTICUM_ITEMS_PER_TRACK} are allowed"
            )


@dataclass(frozen=True)
class ModelApp:
    """A tortoise app a plugin owns.

    :param label: the app label; it must equal the plugin id.
    :param models: dotted module paths holding the app's models.
    :param migrations: dotted package path of the app's migrations (their first migration
        depends on ``("core", "__latest__")`` or a named core migration).
    """

    label: str
    models: tuple[str, ...]
    migrations: str


PERMISSION_NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$")
"""A permission's name: ``snake_case``, a plugin's prefixed with its id and a dot."""


@dataclass(frozen=True)
class PermissionDeclaration:
    """An action a resolver or service asks the permission layer about, and who has it.

    :param name: ``snake_case``; a plugin's own are prefixed with its id and a dot
        (``party_committee.score_draft``). Checked at start-up: unique, well formed.
    :param description: one sentence on what the action lets a viewer do.
    :param roles: the roles that have it, over the org unit of their grant and everything below.
        A learner's grant reaches only their own record (see ``core.services.access``).
    :param public: anyone may do it, signed in or not (the public catalogue).
    """

    name: str
    description: str
    roles: frozenset[Role] = frozenset()
    public: bool = False


@dataclass(frozen=True)
class QuestionBankDeclaration:
    """A question bank a plugin ships for one of its tracks, as a file in the import format
    (``docs/assessment.md``: JSON or CSV, one question a row).

    Read and checked at start-up (every row: its topic one of the track's, 2 to 6 options, one
    correct letter among them, no code twice); a bad row stops start-up naming the plugin, the
    file and the question. Questions whose code the track's bank does not hold yet are added
    when the catalogue is synced; a question already there is left as the board keeps it.

    :param track_code: one of the plugin's own tracks.
    :param path: the file; a ``.json`` or ``.csv`` suffix says its format.
    """

    track_code: str
    path: Path


@dataclass(frozen=True)
class TypeExtension:
    """Fields a plugin adds to a core GraphQL type (``Enrollment``, ``Cohort``, ``Official`` …).

    :param extends: the core strawberry type, as exported by ``hocviec`` (``EnrollmentType``).
    :param fields: a ``@strawberry.type`` class whose fields are added to it. Each resolver gets
        the core object as ``self`` (its database id is ``self.id``). Field names start with the
        plugin's camelCase prefix (``partyCommitteeConclusionDraft``) and must not be taken;
        start-up stops naming the plugin otherwise.
    """

    extends: type
    fields: type


@dataclass
class DemoContext:
    """What ``load_demo_data`` gets: a seeded random generator, so demo data is reproducible,
    and the plugin registry, whose ``schemes()`` and ``activity_kinds()`` the assessment and
    schedule services take."""

    seed: int = 2019
    registry: PluginRegistry | None = None
    random: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self.random = random.Random(self.seed)
