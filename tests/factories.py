"""Small, explicit builders for test data, written through the same services as production."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from core.activities import CORE_ACTIVITY_KINDS, THEORY
from core.models import (
    Board,
    BoardMember,
    Cohort,
    CohortSession,
    Enrollment,
    LessonVersion,
    Official,
    OrgUnit,
    Post,
    Programme,
    Topic,
    Track,
)
from core.models.enums import BoardKind, CohortStatus, Gender, OfficialStatus, OrgLevel
from core.services.access import OPERATOR
from core.services.cohorts import CohortDraft, advance_cohort, create_cohort
from core.services.lessons import (
    LessonText,
    appraise_lesson_version,
    draft_lesson_version,
    submit_lesson_version,
)
from core.services.records import create_org_unit, new_official
from core.services.schedule import SessionPlan, schedule_session
from schema.ids import encode_id

_counter = iter(range(1, 1_000_000))


async def district(name: str = "Huyện Bắc Quang") -> OrgUnit:
    """A district in its own province."""
    n = next(_counter)
    province = await create_org_unit(f"P{n}", "Hà Giang", OrgLevel.PROVINCE)
    return await create_org_unit(f"D{n}", name, OrgLevel.DISTRICT, province)


async def commune(name: str = "Xã Vĩnh Hảo", within: OrgUnit | None = None) -> OrgUnit:
    """A commune of the district ``within``, else in its own district and province."""
    parent = within or await district()
    return await create_org_unit(f"C{next(_counter)}", name, OrgLevel.COMMUNE, parent)


async def official(
    full_name: str = "Hoàng Văn Nhiên",
    post_code: str = "party_secretary",
    org_unit: OrgUnit | None = None,
    status: OfficialStatus = OfficialStatus.ACTIVE,
) -> Official:
    unit = org_unit or await commune()
    post = await Post.get(code=post_code)
    row = new_official(
        full_name=full_name, gender=Gender.MALE, org_unit_id=unit.id, post_id=post.id, status=status
    )
    await row.save()
    return row


async def cohort(
    track_code: str = "party_committee",
    status: CohortStatus = CohortStatus.OPEN,
    capacity: int = 10,
    name: str = "Khóa học việc 2019",
    starts_on: date = date(2019, 5, 6),
    org_unit: OrgUnit | None = None,
    programme: Programme | None = None,
) -> Cohort:
    """A cohort of a track run by ``org_unit`` (else the programme's unit, else a new
    district), of ``programme`` if given, moved along the legal path to ``status``."""
    track = await Track.get(code=track_code)
    unit = org_unit or (await programme.org_unit if programme else await district())
    row = await create_cohort(
        OPERATOR,
        CohortDraft(
            name=name,
            track_id=track.id,
            starts_on=starts_on,
            ends_on=date(2019, 7, 19),
            capacity=capacity,
            org_unit_id=unit.id,
            programme_id=None if programme is None else programme.id,
        ),
    )
    return await advance(row.id, status)


async def advance(cohort_id: int, status: CohortStatus) -> Cohort:
    """Move a cohort along its life cycle to ``status``; on the way to CLOSED its results are
    marked final rather than finalised (which needs a scheme and scores: the tests of
    finalising use the service)."""
    if status == CohortStatus.CLOSED:
        await advance_cohort(OPERATOR, cohort_id, CohortStatus.COMPLETED)
        await Cohort.filter(id=cohort_id).update(results_final_at=datetime.now(UTC))
    return await advance_cohort(OPERATOR, cohort_id, status)


async def topics(track_code: str = "party_committee") -> list[Topic]:
    return await Topic.filter(track__code=track_code).order_by("order")


def gid(type_name: str, pk: int) -> str:
    """The global ID of a row, as the API shows it."""
    return encode_id(type_name, pk)


async def board_member(
    kind: BoardKind, full_name: str = "Lương Văn Dũng", programme: Programme | None = None
) -> BoardMember:
    """A seat on the ``kind`` board of ``programme`` (else of a new district's programme)."""
    if programme is None:
        unit = await district()
        programme = await Programme.create(
            code=f"DA-{next(_counter)}",
            title="Đề án đào tạo cán bộ xã",
            org_unit_id=unit.id,
            start_year=2016,
            end_year=2020,
        )
    board, _ = await Board.get_or_create(
        programme_id=programme.id, kind=kind, defaults={"name": kind.value}
    )
    return await BoardMember.create(board_id=board.id, full_name=full_name)


async def programme(org_unit: OrgUnit | None = None, start_year: int = 2016) -> Programme:
    """A programme of ``org_unit`` (else a new district) over five years from ``start_year``."""
    unit = org_unit or await district()
    return await Programme.create(
        code=f"DA-{next(_counter)}",
        title="Đề án đào tạo cán bộ xã",
        org_unit_id=unit.id,
        start_year=start_year,
        end_year=start_year + 4,
    )


async def approved_lesson(
    programme: Programme, topic: Topic, title: str = "Bài giảng công tác tuyên giáo"
) -> LessonVersion:
    """A version of the topic's lesson content for the programme, drafted, submitted and
    approved through the services (by the operator)."""
    text = LessonText(title=title, body="## Nội dung\n\nCông tác tuyên giáo ở cơ sở.")
    version = await draft_lesson_version(OPERATOR, programme.id, topic.id, text)
    await submit_lesson_version(OPERATOR, version.id)
    return await appraise_lesson_version(OPERATOR, version.id, approve=True, comment="")


async def session(
    cohort: Cohort,
    starts_at: datetime | None = None,
    activity_kind: str = THEORY,
    topic: Topic | None = None,
) -> CohortSession:
    """A session of ``cohort`` (on its first day, 8:00 to 11:00 UTC, unless told)."""
    start = starts_at or datetime.combine(cohort.starts_on, time(8), tzinfo=UTC)
    plan = SessionPlan(
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        activity_kind=activity_kind,
        title="Buổi học",
        topic_id=None if topic is None else topic.id,
    )
    kinds = {kind.code: kind for kind in CORE_ACTIVITY_KINDS}
    return await schedule_session(OPERATOR, cohort.id, plan, kinds)


async def roster(cohort: Cohort, size: int, org_unit: OrgUnit | None = None) -> list[Enrollment]:
    """``size`` officials of ``org_unit`` (else a new commune) enrolled in ``cohort``, written in
    bulk (for tests that need many learners; the enrollment rules have tests of their own)."""
    unit = org_unit or await commune()
    post = await Post.get(code="party_secretary")
    await Official.bulk_create(
        [
            new_official(
                full_name=f"Học viên {index:03d}",
                gender=Gender.FEMALE,
                org_unit_id=unit.id,
                post_id=post.id,
            )
            for index in range(size)
        ]
    )
    officials = (
        await Official.filter(org_unit_id=unit.id).order_by("id").values_list("id", flat=True)
    )
    await Enrollment.bulk_create(
        [Enrollment(official_id=official_id, cohort_id=cohort.id) for official_id in officials]
    )
    return await Enrollment.filter(cohort_id=cohort.id, official__org_unit_id=unit.id).order_by(
        "id"
    )
