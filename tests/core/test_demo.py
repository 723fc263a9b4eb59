"""load_demo: the Bắc Quang district of the source article, written once.

The demo is loaded once into a new database of the kind under test (``--db``): a SQLite file in
``tmp_path`` or a new PostgreSQL database. Initialising tortoise on another dialect in the same
process would rebuild the models' shared query state for that dialect and break the session
database.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import date
from typing import NamedTuple

import pytest
import pytest_asyncio
from tortoise.functions import Count

from core.app import create_app
from core.db import apply_migrations, open_context, tortoise_config
from core.models import (
    Account,
    Attendance,
    Board,
    BoardMember,
    Cohort,
    CohortSession,
    Enrollment,
    HostAgency,
    Official,
    OrgUnit,
    Post,
    PostQuota,
    Programme,
    RoleGrant,
    TopicRegistration,
    Track,
    __models__,
)
from core.models.enums import (
    AttendanceStatus,
    BoardKind,
    CohortStatus,
    EnrollmentStatus,
    OrgLevel,
    PostKind,
    Role,
)
from core.plugins import PluginRegistry
from core.services.accounts import hash_parameters
from core.services.demo import (
    DEMO_ACCOUNTS,
    DEMO_NOT_LOADED,
    DEMO_PASSWORD,
    DISTRICT_CODE,
    ESTABLISHMENT,
    DemoRefusedError,
    load_demo,
)
from core.services.passwords import verify_password
from core.settings import Settings, parse_database_url
from core.text import search_key
from tests.conftest import builtin_registry, fresh_postgres_database

EVERY_MODEL = __models__


class DemoDatabase(NamedTuple):
    registry: PluginRegistry
    empty_before: bool
    first_load: bool


@pytest_asyncio.fixture(scope="module")
async def fresh_url(db_kind: str, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[str]:
    """The URL of a new, empty database of the kind under test."""
    if db_kind == "sqlite":
        yield f"sqlite://{tmp_path_factory.mktemp('demo') / 'demo.sqlite3'}"
        return
    async for url in fresh_postgres_database():
        yield url


@pytest_asyncio.fixture(scope="module")
async def demo(fresh_url: str, settings: Settings) -> AsyncIterator[DemoDatabase]:
    """A migrated database holding the demo data, usable through the ORM.

    Loaded once for the module: the tests below only read it, except the last one, which
    checks that loading again changes nothing.
    """
    registry = builtin_registry()
    config = tortoise_config(fresh_url, registry)
    await apply_migrations(config)
    context = await open_context(config)
    try:
        with context:
            empty_before = await OrgUnit.all().count() == 0
            yield DemoDatabase(registry, empty_before, await load_demo(registry, settings))
    finally:
        await context.close_connections()


async def row_counts() -> dict[str, int]:
    return {model.__name__: await model.all().count() for model in EVERY_MODEL}


async def cohort_of(track_code: str) -> Cohort:
    return await Cohort.get(track__code=track_code)


async def test_load_demo_writes_into_an_empty_database_and_returns_true(demo):
    assert demo.empty_before is True
    assert demo.first_load is True
    assert await Official.all().count() > 0


async def test_the_district_tree_is_ha_giang_bac_quang_with_23_communes(demo):
    province = await OrgUnit.get(level=OrgLevel.PROVINCE)
    district = await OrgUnit.get(level=OrgLevel.DISTRICT)
    units = await OrgUnit.filter(parent_id=district.id)

    assert province.name == "Hà Giang"
    assert province.parent_id is None
    assert district.name == "Huyện Bắc Quang"
    assert district.parent_id == province.id
    assert len(units) == 23
    townships = sorted(unit.name for unit in units if unit.level == OrgLevel.TOWNSHIP)
    assert townships == ["Thị trấn Việt Quang", "Thị trấn Vĩnh Tuy"]
    assert sum(unit.level == OrgLevel.COMMUNE for unit in units) == 21
    assert all(unit.path.startswith(district.path) for unit in units)
    assert await OrgUnit.all().count() == 25


async def test_there_are_14_host_agencies_of_the_district(demo):
    district = await OrgUnit.get(level=OrgLevel.DISTRICT)

    assert await HostAgency.all().count() == 14
    assert await HostAgency.filter(org_unit_id=district.id).count() == 14


async def test_the_2016_2020_programme_has_4_boards_and_48_members(demo):
    programme = await Programme.get(code="DA-2016-2020")
    boards = await Board.filter(programme=programme)
    members = await BoardMember.filter(board__programme=programme)

    assert (programme.start_year, programme.end_year) == (2016, 2020)
    assert {board.kind for board in boards} == set(BoardKind)
    assert len(boards) == 4
    assert len(members) == 48
    steering = next(board for board in boards if board.kind == BoardKind.STEERING_COMMITTEE)
    head = await BoardMember.get(board=steering, role="head")
    assert head.full_name == "Lương Tiến Dũng"


async def test_51_of_the_52_eligible_officials_are_in_the_peoples_committee_cohort(demo):
    # given
    track = await Track.get(code="peoples_committee")
    post_ids = await track.posts.all().values_list("id", flat=True)
    cohort = await cohort_of("peoples_committee")
    # then
    assert await Official.filter(post_id__in=post_ids).count() == 52
    enrollments = await Enrollment.filter(cohort=cohort).prefetch_related("official")
    assert len(enrollments) == 51
    assert {e.status for e in enrollments} == {EnrollmentStatus.ENROLLED}
    assert all(e.official.post_id in post_ids for e in enrollments)
    assert cohort.capacity == 52


async def test_the_party_committee_cohort_is_completed_with_topics_of_its_track(demo):
    # given
    cohort = await cohort_of("party_committee")
    registrations = await TopicRegistration.filter(enrollment__cohort=cohort).prefetch_related(
        "topic"
    )
    # then (its results are in tests/plugins/party_committee/test_demo.py)
    assert cohort.status == CohortStatus.COMPLETED
    assert await Enrollment.filter(cohort=cohort).count() > 0
    assert registrations, "the demo officials registered topics"
    assert {registration.topic.track_id for registration in registrations} == {cohort.track_id}


async def test_every_topic_registered_is_of_the_track_of_its_cohort(demo):
    pairs = await TopicRegistration.all().values_list(
        "topic__track_id", "enrollment__cohort__track_id"
    )

    assert pairs
    assert [pair for pair in pairs if pair[0] != pair[1]] == []


async def test_the_four_named_civil_servant_specialties_are_under_way_and_office_is_open(demo):
    cohorts = {
        cohort.track.code: cohort
        for cohort in await Cohort.filter(
            track__plugin_id="commune_civil_servants"
        ).prefetch_related("track")
    }

    assert {code: cohort.status for code, cohort in cohorts.items()} == {
        "civil_servant_military": CohortStatus.IN_PROGRESS,
        "civil_servant_police": CohortStatus.IN_PROGRESS,
        "civil_servant_justice": CohortStatus.IN_PROGRESS,
        "civil_servant_finance": CohortStatus.IN_PROGRESS,
        "civil_servant_office": CohortStatus.OPEN,
    }
    assert await Enrollment.filter(cohort=cohorts["civil_servant_office"]).count() == 0


@pytest.mark.parametrize(
    ("track_code", "host", "casework"),
    [
        ("civil_servant_military", "BCHQS", "commune_civil_servants.militia_training_plan"),
        ("civil_servant_police", "CAH", "commune_civil_servants.public_order_casework"),
        ("civil_servant_justice", "PTP", "commune_civil_servants.civil_status_registration"),
        ("civil_servant_finance", "PTCKH", "commune_civil_servants.budget_estimate"),
    ],
)
async def test_a_civil_servant_cohort_under_way_has_learners_sessions_and_attendance(
    demo, track_code, host, casework
):
    # given the cohort of a named specialty and its eligible officials (a seat or two a commune)
    cohort = await cohort_of(track_code)
    track = await Track.get(code=track_code)
    post_ids = await track.posts.all().values_list("id", flat=True)
    enrolled = await Enrollment.filter(cohort=cohort).values_list("id", flat=True)
    sessions = await CohortSession.filter(cohort=cohort).prefetch_related("host_agency")
    held = [session for session in sessions if session.starts_at.date() < date(2019, 7, 25)]
    lines = await Attendance.filter(session__cohort=cohort).values_list("session_id", "status")
    # then 18 to 23 of them are enrolled and registered topics of the track
    seats = sum(await PostQuota.filter(post_id__in=post_ids).values_list("quota", flat=True))
    assert await Official.filter(post_id__in=post_ids).count() == seats >= 23
    assert 18 <= len(enrolled) <= 23
    assert await TopicRegistration.filter(enrollment__cohort=cohort).count() >= len(enrolled)
    # theory and the track's own casework, at its host agency, within the cohort's days
    assert {session.activity_kind for session in sessions} == {"theory", casework}
    assert {session.host_agency.code for session in sessions} == {host}
    assert all(cohort.starts_on <= s.starts_at.date() <= cohort.ends_on for s in sessions)
    # attendance is recorded for every learner at every session held, and for no other
    assert held and len(held) < len(sessions)
    assert {session_id for session_id, _ in lines} == {session.id for session in held}
    assert len(lines) == len(held) * len(enrolled)
    assert AttendanceStatus.PRESENT in {status for _, status in lines}
    assert len({status for _, status in lines}) > 1


async def test_names_are_stored_nfc_with_diacritics_and_search_keys(demo):
    officials = await Official.all()
    units = await OrgUnit.all()
    members = await BoardMember.all()
    names = [o.full_name for o in officials] + [u.name for u in units]
    names += [m.full_name for m in members]

    assert all(unicodedata.is_normalized("NFC", name) for name in names)
    assert sum(not name.isascii() for name in names) > len(names) // 2
    assert all(o.search_name == search_key(o.full_name) for o in officials)
    assert all(o.search_name.isascii() for o in officials)
    assert all(u.search_name == search_key(u.name) for u in units)


async def test_there_is_one_demo_account_per_role_with_the_published_password(demo, settings):
    accounts = {account.username: account for account in await Account.filter(is_demo=True)}
    grants = {grant.account_id: grant for grant in await RoleGrant.all().select_related("org_unit")}
    # one per role, and one learner per track with learners, each with the README's password
    tracks_with_learners = (
        await Track.filter(cohorts__enrollments__status=EnrollmentStatus.ENROLLED)
        .distinct()
        .values_list("code", flat=True)
    )
    assert sorted(accounts) == sorted(
        [made.username for made in DEMO_ACCOUNTS]
        + [f"demo.learner.{code}" for code in tracks_with_learners]
    )
    assert {grants[a.id].role for a in accounts.values()} == set(Role)
    admin, learner, viewer = (
        accounts[name] for name in ("demo.admin", "demo.learner", "demo.viewer")
    )
    verdict = await verify_password(admin.password_hash, DEMO_PASSWORD, hash_parameters(settings))
    assert verdict.matches
    # the admin holds the province; the learner is an enrolled official; the viewer their commune
    assert grants[admin.id].org_unit.level == OrgLevel.PROVINCE
    official = await Official.get(id=learner.official_id)
    assert await Enrollment.exists(official_id=official.id, status=EnrollmentStatus.ENROLLED)
    assert grants[viewer.id].org_unit_id == official.org_unit_id == grants[learner.id].org_unit_id
    # each track's learner account is an official enrolled in that track, in their commune
    for code in tracks_with_learners:
        account = accounts[f"demo.learner.{code}"]
        assert grants[account.id].role == Role.LEARNER
        assert await Enrollment.exists(official_id=account.official_id, cohort__track__code=code)
    # the coordinator, the drafter and the appraiser sit on their boards
    for name, kind in (
        ("demo.coordinator", BoardKind.SECRETARIAT),
        ("demo.drafter", BoardKind.DRAFTING_TEACHING_BOARD),
        ("demo.appraiser", BoardKind.APPRAISAL_BOARD),
    ):
        assert await BoardMember.exists(account_id=accounts[name].id, board__kind=kind)


async def test_every_commune_has_its_full_establishment_of_505_seats(demo):
    # the 23 communes' quotas total the article's 505 posts, with an official in every seat
    district = await OrgUnit.get(code=DISTRICT_CODE)
    quotas = await PostQuota.all().select_related("post")
    assert sum(quota.quota for quota in quotas) == 505
    assert await Official.all().count() == 505
    assert len({quota.org_unit_id for quota in quotas}) == 23
    assert await OrgUnit.filter(parent_id=district.id).count() == 23
    # every commune has the elected cadres and the civil servants of ESTABLISHMENT
    per_unit: dict[int, set[str]] = {}
    for quota in quotas:
        per_unit.setdefault(quota.org_unit_id, set()).add(quota.post.code)
    assert all(codes == {post.code for post in ESTABLISHMENT} for codes in per_unit.values())
    kinds = {post.kind for post in await Post.filter(code__in=[p.code for p in ESTABLISHMENT])}
    assert kinds == {PostKind.CADRE, PostKind.CIVIL_SERVANT}
    # and each seat is filled: officials per post and commune equal the quota
    filled = {
        (row["org_unit_id"], row["post_id"]): row["count"]
        for row in await Official.all()
        .annotate(count=Count("id"))
        .group_by("org_unit_id", "post_id")
        .values("org_unit_id", "post_id", "count")
    }
    assert filled == {(q.org_unit_id, q.post_id): q.quota for q in quotas}


async def test_demo_data_is_refused_in_production(demo, settings):
    with pytest.raises(DemoRefusedError, match="refused in production"):
        await load_demo(demo.registry, replace(settings, environment="production"))


async def test_a_second_load_returns_false_and_changes_nothing(demo, settings):
    # given
    before = await row_counts()
    # when
    loaded_again = await load_demo(demo.registry, settings)
    # then
    assert loaded_again is False
    assert await row_counts() == before


async def test_serving_the_demo_on_a_database_with_data_says_so_in_the_log(
    demo, fresh_url, settings, caplog
):
    # given the demo database, already holding the district
    before = await row_counts()
    app = create_app(
        replace(settings, database_url=parse_database_url(fresh_url)),
        registry=demo.registry,
        demo=True,
        migrate=True,
    )
    # when the server starts with --demo on it
    with caplog.at_level(logging.INFO, logger="hocviec"):
        async with app.router.lifespan_context(app):
            pass
    # then the log says the demo was not loaded, and why; nothing changed
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        DEMO_NOT_LOADED
    ]
    assert await row_counts() == before
