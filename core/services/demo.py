"""Demo data for ``hocviec serve --demo``: Bắc Quang district as the source article describes it.

The place names are real (Hà Giang province, Bắc Quang district, its 23 communes and towns in
2019); the people are generated from common Vietnamese names, never real persons except the
Steering Committee head the article names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tortoise.transactions import in_transaction

from core.declarations import DemoContext
from core.models import (
    Account,
    Board,
    BoardMember,
    Cohort,
    Enrollment,
    HostAgency,
    Official,
    OrgUnit,
    Post,
    PostQuota,
    Programme,
    RoleGrant,
    Topic,
    Track,
)
from core.models.enums import (
    AgencyBloc,
    BoardKind,
    CohortStatus,
    EnrollmentStatus,
    Gender,
    OrgLevel,
    PoliticalTheoryLevel,
    PostKind,
    Role,
)
from core.orm import column
from core.plugins import PluginRegistry
from core.services.access import OPERATOR
from core.services.accounts import hash_parameters
from core.services.cohorts import CohortDraft, advance_cohort, create_cohort
from core.services.enrollments import enroll_official, register_topics
from core.services.passwords import hash_password
from core.services.records import create_org_unit, new_official
from core.services.sync import sync_plugins
from core.settings import Settings

DISTRICT_CODE = "034"
PROVINCE = ("02", "Hà Giang")
DISTRICT = (DISTRICT_CODE, "Huyện Bắc Quang")
TOWNSHIPS = ("Thị trấn Việt Quang", "Thị trấn Vĩnh Tuy")
COMMUNES = (
    "Bằng Hành", "Đồng Tâm", "Đồng Tiến", "Đồng Yên", "Đông Thành", "Đức Xuân", "Hùng An",
    "Hữu Sản", "Kim Ngọc", "Liên Hiệp", "Quang Minh", "Tân Lập", "Tân Quang", "Tân Thành",
    "Thượng Bình", "Tiên Kiều", "Việt Hồng", "Việt Vinh", "Vĩnh Hảo", "Vĩnh Phúc", "Vô Điếm",
)  # fmt: skip
HOST_AGENCIES = (
    ("BTCHU", "Ban Tổ chức Huyện ủy", AgencyBloc.PARTY),
    ("BTGHU", "Ban Tuyên giáo Huyện ủy", AgencyBloc.PARTY),
    ("BDVHU", "Ban Dân vận Huyện ủy", AgencyBloc.PARTY),
    ("UBKTHU", "Ủy ban Kiểm tra Huyện ủy", AgencyBloc.PARTY),
    ("VPHU", "Văn phòng Huyện ủy", AgencyBloc.PARTY),
    ("MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam huyện", AgencyBloc.MASS_ORGANISATION),
    ("HDOAN", "Huyện đoàn", AgencyBloc.MASS_ORGANISATION),
    ("HLHPN", "Hội Liên hiệp Phụ nữ huyện", AgencyBloc.MASS_ORGANISATION),
    ("VPUB", "Văn phòng HĐND và UBND huyện", AgencyBloc.STATE_MANAGEMENT),
    ("PNV", "Phòng Nội vụ", AgencyBloc.STATE_MANAGEMENT),
    ("PTP", "Phòng Tư pháp", AgencyBloc.STATE_MANAGEMENT),
    ("PTCKH", "Phòng Tài chính – Kế hoạch", AgencyBloc.STATE_MANAGEMENT),
    ("BCHQS", "Ban Chỉ huy Quân sự huyện", AgencyBloc.STATE_MANAGEMENT),
    ("CAH", "Công an huyện", AgencyBloc.STATE_MANAGEMENT),
)
PROGRAMME_TITLE = (
    "Đổi mới và nâng cao chất lượng học việc của CB-CC xã, thị trấn tại các cơ quan "
    "của huyện năm 2016 có tính đến năm 2020"
)
BOARDS = (
    (BoardKind.STEERING_COMMITTEE, "Ban Chỉ đạo Đề án", 9),
    (BoardKind.DRAFTING_TEACHING_BOARD, "Ban Soạn – Giảng", 21),
    (BoardKind.APPRAISAL_BOARD, "Ban Thẩm định nội dung soạn – giảng", 11),
    (BoardKind.SECRETARIAT, "Tổ thư ký", 7),
)  # 48 members in all, as the article reports
SURNAMES = ("Nguyễn", "Hoàng", "Lương", "Phan", "Trần", "Lê", "Đặng", "Vũ", "Triệu", "Nông")
MIDDLE = {Gender.MALE: ("Văn", "Đức", "Tiến", "Quang"), Gender.FEMALE: ("Thị", "Thu", "Ngọc")}
GIVEN = {
    Gender.MALE: ("An", "Bình", "Công", "Dũng", "Hải", "Hùng", "Nhiên", "Sơn", "Thắng", "Tuấn"),
    Gender.FEMALE: ("Hà", "Hoa", "Hương", "Lan", "Mai", "Nga", "Phương", "Thảo", "Yến"),
}
ETHNICITIES = ("Kinh", "Tày", "Dao", "Nùng", "Mông")
QUALIFICATIONS = ("Đại học Luật", "Đại học Kinh tế", "Trung cấp Hành chính", "Đại học Nông nghiệp")


@dataclass(frozen=True)
class EstablishedPost:
    """A post of every commune's establishment (biên chế): its seats in each commune.

    ``seats`` in every commune, one more in the first ``extra_in`` communes and towns (by code).
    """

    code: str
    title: str
    title_en: str
    kind: PostKind
    extra_in: int = 0


ESTABLISHMENT: tuple[EstablishedPost, ...] = (
    # elected cadres: the Party committee, the People's Council and Committee, the Fatherland
    # Front and the mass organisations
    EstablishedPost("party_secretary", "Bí thư Đảng ủy", "Commune Party Secretary", PostKind.CADRE),
    EstablishedPost(
        "deputy_party_secretary",
        "Phó Bí thư Đảng ủy",
        "Commune Deputy Party Secretary",
        PostKind.CADRE,
    ),
    EstablishedPost(
        "peoples_council_chair", "Chủ tịch HĐND", "People's Council Chair", PostKind.CADRE
    ),
    EstablishedPost(
        "peoples_council_vice_chair",
        "Phó Chủ tịch HĐND",
        "People's Council Vice-Chair",
        PostKind.CADRE,
    ),
    EstablishedPost(
        "peoples_committee_chair",
        "Chủ tịch UBND",
        "Commune People's Committee Chair",
        PostKind.CADRE,
    ),
    EstablishedPost(
        "peoples_committee_vice_chair",
        "Phó Chủ tịch UBND",
        "Commune People's Committee Vice-Chair",
        PostKind.CADRE,
        extra_in=6,  # 23 chairs + 29 vice-chairs: the article's 52 eligible
    ),
    EstablishedPost(
        "fatherland_front_chair",
        "Chủ tịch Ủy ban MTTQ Việt Nam",
        "Fatherland Front Committee Chair",
        PostKind.CADRE,
    ),
    EstablishedPost(
        "youth_union_secretary",
        "Bí thư Đoàn TNCS Hồ Chí Minh",
        "Ho Chi Minh Communist Youth Union Secretary",
        PostKind.CADRE,
    ),
    EstablishedPost(
        "womens_union_chair", "Chủ tịch Hội Liên hiệp Phụ nữ", "Women's Union Chair", PostKind.CADRE
    ),
    EstablishedPost(
        "farmers_association_chair",
        "Chủ tịch Hội Nông dân",
        "Farmers' Association Chair",
        PostKind.CADRE,
    ),
    EstablishedPost(
        "veterans_association_chair",
        "Chủ tịch Hội Cựu chiến binh",
        "Veterans' Association Chair",
        PostKind.CADRE,
    ),
    # civil servants
    EstablishedPost(
        "military_commander", "Chỉ huy trưởng Quân sự", "Military Commander", PostKind.CIVIL_SERVANT
    ),
    EstablishedPost("police_chief", "Trưởng Công an", "Police Chief", PostKind.CIVIL_SERVANT),
    EstablishedPost(
        "office_statistics",
        "Công chức Văn phòng – Thống kê",
        "Office – Statistics officer",
        PostKind.CIVIL_SERVANT,
        extra_in=23,
    ),
    EstablishedPost(
        "land_construction_environment",
        "Công chức Địa chính – Xây dựng – Đô thị và Môi trường",
        "Land Administration – Construction – Urban and Environment officer",
        PostKind.CIVIL_SERVANT,
        extra_in=23,
    ),
    EstablishedPost(
        "finance_accounting",
        "Công chức Tài chính – Kế toán",
        "Finance – Accounting officer",
        PostKind.CIVIL_SERVANT,
    ),
    EstablishedPost(
        "justice_civil_status",
        "Công chức Tư pháp – Hộ tịch",
        "Justice – Civil Status officer",
        PostKind.CIVIL_SERVANT,
        extra_in=16,
    ),
    EstablishedPost(
        "culture_social",
        "Công chức Văn hóa – Xã hội",
        "Culture – Social officer",
        PostKind.CIVIL_SERVANT,
        extra_in=23,
    ),
)
"""The 23 communes' and towns' posts: 11 elected cadres and 7 civil-servant posts each, with
second seats where the district has them, 505 seats in all (the article's establishment). A
plugin's post is the establishment's when the codes match; a post only a plugin declares gets
one seat in every commune."""


DEMO_PASSWORD = "hocviec-demo-2019"
"""The password of every demo account (published in the README: demo accounts are refused in
production)."""


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role
    display_name: str


DEMO_ACCOUNTS = (
    DemoAccount("demo.admin", Role.ADMIN, "Quản trị hệ thống (demo)"),
    DemoAccount("demo.coordinator", Role.COORDINATOR, "Thường trực Tổ thư ký (demo)"),
    DemoAccount("demo.drafter", Role.DRAFTER, "Tổ biên soạn và giảng dạy (demo)"),
    DemoAccount("demo.appraiser", Role.APPRAISER, "Tổ thẩm định (demo)"),
    DemoAccount("demo.assessor", Role.ASSESSOR, "Cán bộ chấm điểm (demo)"),
    DemoAccount("demo.learner", Role.LEARNER, "Học viên (demo)"),
    DemoAccount("demo.viewer", Role.VIEWER, "Lãnh đạo xã (demo)"),
)
"""One account per role. The admin holds the province; the coordinator, drafter, appraiser and
assessor the district (the coordinator sits on the Secretariat, the drafter on the
Drafting-and-Teaching Board, the appraiser on the Appraisal Board); the learner is the first
enrolled official and the viewer holds that official's commune. Besides these, every track with
enrolled learners gets a learner account of its own, ``demo.learner.<track code>``, for the first
official enrolled in it (the second in demo.learner's track)."""

SEATS = {
    Role.COORDINATOR: BoardKind.SECRETARIAT,
    Role.DRAFTER: BoardKind.DRAFTING_TEACHING_BOARD,
    Role.APPRAISER: BoardKind.APPRAISAL_BOARD,
}
"""The board on which each role's demo account takes a seat (the board's first)."""


DEMO_NOT_LOADED = (
    "demo data not loaded: the database already holds data (org units); the demo is only "
    "written into an empty database"
)


class DemoRefusedError(RuntimeError):
    """Demo data (with its published passwords) asked for in production."""

    def __init__(self) -> None:
        super().__init__(
            "demo data is refused in production (HOCVIEC_ENV=production): its accounts' "
            "passwords are published"
        )


async def load_demo(registry: PluginRegistry, settings: Settings, seed: int = 2019) -> bool:
    """Write the demo data into an empty database; returns ``False`` (and writes nothing) if
    the database already holds org units (the demo's, or a real district's).

    Raises :class:`DemoRefusedError` in production: its accounts' passwords are public.
    """
    if settings.production:
        raise DemoRefusedError
    if await OrgUnit.exists():
        return False
    await sync_plugins(registry)
    demo = DemoContext(seed=seed, registry=registry)
    password_hash = await hash_password(DEMO_PASSWORD, hash_parameters(settings))
    async with in_transaction():
        district = await _org_tree()
        await _host_agencies(district)
        await _programme(demo, district)
        await _officials(demo, district)
        await registry.call_each("load_demo_data", demo=demo)
        await _accounts(district, password_hash)
    return True


async def _accounts(district: OrgUnit, password_hash: str) -> None:
    """The demo accounts (:data:`DEMO_ACCOUNTS` and one learner per track), all with the hash
    of :data:`DEMO_PASSWORD`."""
    province = await OrgUnit.get(id=district.parent_id)
    enrolled = await Enrollment.filter(status=EnrollmentStatus.ENROLLED).order_by("id")
    first_by_track: dict[str, int] = {}
    tracks = dict(await Track.all().values_list("id", "code"))
    cohort_tracks = dict(await Cohort.all().values_list("id", "track_id"))
    for enrollment in enrolled[1:]:  # the first is demo.learner's
        first_by_track.setdefault(
            tracks[cohort_tracks[enrollment.cohort_id]], enrollment.official_id
        )
    learner = None if not enrolled else await Official.get(id=enrolled[0].official_id)
    seats = {
        board.kind: await BoardMember.filter(board_id=board.id).order_by("id").first()
        for board in await Board.filter(programme__org_unit_id=district.id)
    }
    for made in DEMO_ACCOUNTS:
        unit = province if made.role == Role.ADMIN else district
        official = None
        if made.role in (Role.LEARNER, Role.VIEWER):
            if learner is None:
                continue  # no enrolled official: the plugins loaded no cohort
            unit = await OrgUnit.get(id=learner.org_unit_id)
            official = learner if made.role == Role.LEARNER else None
        account = await _demo_account(made.username, made.display_name, official, password_hash)
        await RoleGrant.create(account_id=account.id, role=made.role, org_unit_id=unit.id)
        board = SEATS.get(made.role)
        seat = None if board is None else seats.get(board)
        if seat is not None:
            seat.account_id = account.id
            await seat.save(update_fields=["account_id"])
    for track_code, official_id in sorted(first_by_track.items()):
        official = await Official.get(id=official_id)
        account = await _demo_account(f"demo.learner.{track_code}", "", official, password_hash)
        await RoleGrant.create(
            account_id=account.id, role=Role.LEARNER, org_unit_id=official.org_unit_id
        )


async def _demo_account(
    username: str, display_name: str, official: Official | None, password_hash: str
) -> Account:
    return await Account.create(
        username=username,
        display_name=display_name if official is None else official.full_name,
        password_hash=password_hash,
        official_id=None if official is None else official.id,
        is_demo=True,
    )


def person_name(demo: DemoContext, gender: Gender) -> str:
    """A generated Vietnamese full name."""
    pick = demo.random.choice
    return f"{pick(SURNAMES)} {pick(MIDDLE[gender])} {pick(GIVEN[gender])}"


async def _org_tree() -> OrgUnit:
    province = await create_org_unit(PROVINCE[0], PROVINCE[1], OrgLevel.PROVINCE)
    district = await create_org_unit(DISTRICT[0], DISTRICT[1], OrgLevel.DISTRICT, province)
    for index, name in enumerate(TOWNSHIPS, start=1):
        await create_org_unit(f"{DISTRICT_CODE}-T{index:02}", name, OrgLevel.TOWNSHIP, district)
    for index, name in enumerate(COMMUNES, start=1):
        await create_org_unit(
            f"{DISTRICT_CODE}-X{index:02}", f"Xã {name}", OrgLevel.COMMUNE, district
        )
    return district


async def _host_agencies(district: OrgUnit) -> None:
    await HostAgency.bulk_create(
        [
            HostAgency(code=code, name=name, bloc=bloc, org_unit_id=district.id)
            for code, name, bloc in HOST_AGENCIES
        ]
    )


async def _programme(demo: DemoContext, district: OrgUnit) -> None:
    programme = await Programme.create(
        code="DA-2016-2020",
        title=PROGRAMME_TITLE,
        org_unit=district,
        start_year=2016,
        end_year=2020,
    )
    members: list[BoardMember] = []
    for kind, name, size in BOARDS:
        board = await Board.create(programme=programme, kind=kind, name=name)
        for seat in range(size):
            if kind == BoardKind.STEERING_COMMITTEE and seat == 0:
                members.append(
                    BoardMember(
                        board_id=board.id,
                        full_name="Lương Tiến Dũng",
                        position="Phó Bí thư Huyện ủy",
                        role="head",
                    )
                )
                continue
            gender = demo.random.choice((Gender.MALE, Gender.FEMALE))
            members.append(
                BoardMember(
                    board_id=board.id,
                    full_name=person_name(demo, gender),
                    position="Cán bộ cơ quan huyện",
                    role="deputy" if seat == 0 else "member",
                )
            )
    await BoardMember.bulk_create(members)


async def _officials(demo: DemoContext, district: OrgUnit) -> None:
    """The establishment's posts with their quotas, and an official in every seat."""
    communes = await OrgUnit.filter(parent_id=district.id).order_by("code")
    posts = await _establishment_posts()
    quotas: list[PostQuota] = []
    officials = []
    for index, commune in enumerate(communes):
        for post, extra_in in posts:
            seats = 2 if index < extra_in else 1
            quotas.append(PostQuota(post_id=post.id, org_unit_id=commune.id, quota=seats))
            for _ in range(seats):
                gender = demo.random.choice((Gender.MALE, Gender.MALE, Gender.FEMALE))
                officials.append(
                    new_official(
                        full_name=person_name(demo, gender),
                        gender=gender,
                        org_unit_id=commune.id,
                        post_id=post.id,
                        birth_year=demo.random.randint(1966, 1992),
                        ethnicity=demo.random.choice(ETHNICITIES),
                        professional_qualification=demo.random.choice(QUALIFICATIONS),
                        political_theory_level=demo.random.choice(
                            (PoliticalTheoryLevel.INTERMEDIATE, PoliticalTheoryLevel.ADVANCED)
                        ),
                    )
                )
    await PostQuota.bulk_create(quotas)
    await Official.bulk_create(officials)


async def _establishment_posts() -> list[tuple[Post, int]]:
    """Every post of :data:`ESTABLISHMENT` (made unless a plugin declared it) and every other
    post of an active track, each with the number of communes that have a second seat."""
    declared = {post.code: post for post in await Post.all()}
    missing = [
        Post(code=made.code, title=made.title, title_en=made.title_en, kind=made.kind)
        for made in ESTABLISHMENT
        if made.code not in declared
    ]
    await Post.bulk_create(missing)
    by_code = {post.code: post for post in await Post.all()}
    posts = [(by_code[made.code], made.extra_in) for made in ESTABLISHMENT]
    established = {made.code for made in ESTABLISHMENT}
    track_post_ids = await Track.filter(is_active=True).values_list("posts__id", flat=True)
    posts.extend(
        (post, 0)
        for post in sorted(by_code.values(), key=lambda post: post.code)
        if post.id in track_post_ids and post.code not in established
    )
    return posts


async def demo_cohort(
    demo: DemoContext,
    *,
    track_code: str,
    name: str,
    host_agency_codes: tuple[str, ...],
    starts_on: date,
    ends_on: date,
    capacity: int,
    enroll: int = 0,
    status: CohortStatus = CohortStatus.OPEN,
) -> Cohort:
    """A cohort of a track through the real services: ``enroll`` eligible officials, each
    registering a random share of the catalogue, then moved on to ``status``.

    Plugins call this from their ``load_demo_data`` hook.
    """
    track = await Track.get(code=track_code)
    agencies = await column(HostAgency.filter(code__in=host_agency_codes), "id")
    programme = await Programme.get_or_none(code="DA-2016-2020")
    cohort = await create_cohort(
        OPERATOR,
        CohortDraft(
            name=name,
            track_id=track.id,
            starts_on=starts_on,
            ends_on=ends_on,
            capacity=capacity,
            org_unit_id=(await OrgUnit.get(code=DISTRICT_CODE)).id,
            programme_id=programme.id if programme is not None else None,
            host_agency_ids=tuple(agencies),
        ),
    )
    if status == CohortStatus.PLANNED:
        return cohort
    cohort = await advance_cohort(OPERATOR, cohort.id, CohortStatus.OPEN)
    post_ids = await column(track.posts.all(), "id")
    eligible = await column(Official.filter(post_id__in=post_ids).order_by("id"), "id")
    topics = await column(Topic.filter(track_id=track.id, is_active=True), "id")
    for official_id in eligible[:enroll]:
        enrollment = await enroll_official(OPERATOR, official_id, cohort.id)
        if topics:
            chosen = demo.random.sample(topics, k=demo.random.randint(1, len(topics)))
            await register_topics(OPERATOR, enrollment.id, tuple(chosen))
    return await advance_cohort(OPERATOR, cohort.id, status)
