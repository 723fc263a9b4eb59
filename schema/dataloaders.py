"""Per-request DataLoaders, one per (model, key), so a request's query count follows its shape.

Named ``<Model>By<Key>Loader`` after Saleor; each batch is one SQL statement and results are
aligned to keys.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Generic, TypeVar

from strawberry.dataloader import DataLoader
from tortoise.functions import Count
from tortoise.models import Model

from core.models import (
    Board,
    BoardMember,
    Cohort,
    Enrollment,
    HostAgency,
    Official,
    OrgUnit,
    Post,
    Programme,
    Topic,
    TopicRegistration,
    Track,
)
from core.models.enums import EnrollmentStatus

ModelType = TypeVar("ModelType", bound=Model)


class ModelByIdLoader(DataLoader[int, ModelType | None], Generic[ModelType]):
    """Rows of ``model`` by primary key (``None`` for a missing key)."""

    model: type[ModelType]

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[int]) -> list[ModelType | None]:
        by_id = {row.pk: row for row in await self.model.filter(id__in=set(keys))}
        return [by_id.get(key) for key in keys]


class OrgUnitByIdLoader(ModelByIdLoader[OrgUnit]):
    model = OrgUnit


class PostByIdLoader(ModelByIdLoader[Post]):
    model = Post


class OfficialByIdLoader(ModelByIdLoader[Official]):
    model = Official


class HostAgencyByIdLoader(ModelByIdLoader[HostAgency]):
    model = HostAgency


class ProgrammeByIdLoader(ModelByIdLoader[Programme]):
    model = Programme


class TrackByIdLoader(ModelByIdLoader[Track]):
    model = Track


class TopicByIdLoader(ModelByIdLoader[Topic]):
    model = Topic


class CohortByIdLoader(ModelByIdLoader[Cohort]):
    model = Cohort


class EnrollmentByIdLoader(ModelByIdLoader[Enrollment]):
    model = Enrollment


class BoardByIdLoader(ModelByIdLoader[Board]):
    model = Board


def _group(pairs: Iterable[tuple[int, ModelType]], keys: Sequence[int]) -> list[list[ModelType]]:
    grouped: dict[int, list[ModelType]] = defaultdict(list)
    for key, row in pairs:
        grouped[key].append(row)
    return [grouped.get(key, []) for key in keys]


class ChildrenByOrgUnitIdLoader(DataLoader[int, list[OrgUnit]]):
    """The units directly below each unit, by code."""

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[int]) -> list[list[OrgUnit]]:
        rows = await OrgUnit.filter(parent_id__in=set(keys)).order_by("code")
        return _group(((row.parent_id, row) for row in rows), keys)  # type: ignore[misc]


class PostsByTrackIdLoader(DataLoader[int, list[Post]]):
    """The posts eligible for each track (the ``track_post`` table, one join)."""

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[int]) -> list[list[Post]]:
        rows = (
            await Post.filter(tracks__id__in=set(keys))
            .order_by("code")
            .values("id", "code", "title", "title_en", "kind", "tracks__id")
        )
        return _group(
            ((row.pop("tracks__id"), Post(**row)) for row in rows),
            keys,
        )


class TopicsByTrackIdLoader(DataLoader[int, list[Topic]]):
    """Each track's topics in catalogue order (inactive ones included; callers filter)."""

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[int]) -> list[list[Topic]]:
        rows = await Topic.filter(track_id__in=set(keys)).order_by("order", "id")
        return _group(((row.track_id, row) for row in rows), keys)  # type: ignore[misc]


class HostAgenciesByCohortIdLoader(DataLoader[int, list[HostAgency]]):
    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[int]) -> list[list[HostAgency]]:
        rows = (
            await HostAgency.filter(cohorts__id__in=set(keys))
            .order_by("code")
            .values("id", "code", "name", "bloc", "org_unit_id", "cohorts__id")
        )
        return _group(((row.pop("cohorts__id"), HostAgency(**row)) for row in rows), keys)


class EnrolledCountByCohortIdLoader(DataLoader[int, int]):
    """How many officials are enrolled (not withdrawn) in each cohort: one GROUP BY."""

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[int]) -> list[int]:
        rows = (
            await Enrollment.filter(cohort_id__in=set(keys), status=EnrollmentStatus.ENROLLED)
            .annotate(count=Count("id"))
            .group_by("cohort_id")
            .values("cohort_id", "count")
        )
        counts = {row["cohort_id"]: row["count"] for row in rows}
        return [counts.get(key, 0) for key in keys]


class TopicsByEnrollmentIdLoader(DataLoader[int, list[Topic]]):
    """The topics each enrollment registered, in catalogue order."""

    def __init__(self, topic_by_id: TopicByIdLoader) -> None:
        super().__init__(load_fn=self._load)
        self.topic_by_id = topic_by_id

    async def _load(self, keys: Sequence[int]) -> list[list[Topic]]:
        pairs = await TopicRegistration.filter(enrollment_id__in=set(keys)).values_list(
            "enrollment_id", "topic_id"
        )
        topics = await self.topic_by_id.load_many([topic_id for _, topic_id in pairs])
        grouped = _group(
            (
                (enrollment_id, topic)
                for (enrollment_id, _), topic in zip(pairs, topics, strict=True)
            ),
            keys,
        )
        return [sorted(group, key=lambda topic: (topic.order, topic.id)) for group in grouped]


class EnrollmentsByOfficialIdLoader(DataLoader[int, list[Enrollment]]):
    """Each official's enrollments, newest first: their training record."""

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[int]) -> list[list[Enrollment]]:
        rows = await Enrollment.filter(official_id__in=set(keys)).order_by("-enrolled_at", "-id")
        return _group(((row.official_id, row) for row in rows), keys)  # type: ignore[misc]


class BoardsByProgrammeIdLoader(DataLoader[int, list[Board]]):
    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[int]) -> list[list[Board]]:
        rows = await Board.filter(programme_id__in=set(keys)).order_by("id")
        return _group(((row.programme_id, row) for row in rows), keys)  # type: ignore[misc]


class MembersByBoardIdLoader(DataLoader[int, list[BoardMember]]):
    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[int]) -> list[list[BoardMember]]:
        rows = await BoardMember.filter(board_id__in=set(keys)).order_by("id")
        return _group(((row.board_id, row) for row in rows), keys)  # type: ignore[misc]


class Loaders:
    """All loaders of one request; a loader that is never called runs no query."""

    def __init__(self) -> None:
        self.org_unit_by_id = OrgUnitByIdLoader()
        self.post_by_id = PostByIdLoader()
        self.official_by_id = OfficialByIdLoader()
        self.host_agency_by_id = HostAgencyByIdLoader()
        self.programme_by_id = ProgrammeByIdLoader()
        self.track_by_id = TrackByIdLoader()
        self.topic_by_id = TopicByIdLoader()
        self.cohort_by_id = CohortByIdLoader()
        self.enrollment_by_id = EnrollmentByIdLoader()
        self.board_by_id = BoardByIdLoader()
        self.children_by_org_unit_id = ChildrenByOrgUnitIdLoader()
        self.posts_by_track_id = PostsByTrackIdLoader()
        self.topics_by_track_id = TopicsByTrackIdLoader()
        self.host_agencies_by_cohort_id = HostAgenciesByCohortIdLoader()
        self.enrolled_count_by_cohort_id = EnrolledCountByCohortIdLoader()
        self.topics_by_enrollment_id = TopicsByEnrollmentIdLoader(self.topic_by_id)
        self.enrollments_by_official_id = EnrollmentsByOfficialIdLoader()
        self.boards_by_programme_id = BoardsByProgrammeIdLoader()
        self.members_by_board_id = MembersByBoardIdLoader()
