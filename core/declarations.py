"""Value objects that plugins return from their hooks (see ``core.hookspecs``).

They are plain frozen dataclasses so a plugin can build them without touching the database;
the core validates them at start-up and syncs them into its tables.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from core.limits import (
    MAX_EVIDENCE_PER_ITEM,
    MAX_POSTS_PER_TRACK,
    MAX_PRACTICUM_ITEMS_PER_TRACK,
    MAX_TOPICS_PER_TRACK,
)
from core.models.enums import PostKind, Role


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
    """A catalogue topic (chuyên đề); ``code`` is unique within its track and never reused."""

    code: str
    title: str


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


@dataclass
class DemoContext:
    """What ``load_demo_data`` gets: a seeded random generator, so demo data is reproducible."""

    seed: int = 2019
    random: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self.random = random.Random(self.seed)
