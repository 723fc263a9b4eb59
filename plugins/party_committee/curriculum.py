"""Party committee track (Đảng ủy): commune Party Secretary and Deputy Secretary.

The source article names five themes of the track's nine-topic catalogue (PC01–PC05); the other
four (PC06–PC09) are the work a commune Party Secretary leads besides them: Party building and
admission of members, the Party committee's meetings and resolutions, personnel work and the
annual review of members, and socio-economic development with defence and security.

The practicum is the article's: observe a meeting of the District Party Standing Board and draft
its conclusions. The scheme weighs a written test and that draft (``COMPONENT_KIND``, graded by
the plugin from its own records).
"""

from __future__ import annotations

from decimal import Decimal

from hocviec import (
    CompletionRule,
    ComponentDeclaration,
    ComponentKind,
    ComponentKindDeclaration,
    PermissionDeclaration,
    PostDeclaration,
    PostKind,
    PracticumItemDeclaration,
    Role,
    SchemeDeclaration,
    TopicDeclaration,
    TrackDeclaration,
)

PARTY_SECRETARY = PostDeclaration(
    code="party_secretary",
    title="Bí thư Đảng ủy",
    title_en="Commune Party Secretary",
    kind=PostKind.CADRE,
)
DEPUTY_PARTY_SECRETARY = PostDeclaration(
    code="deputy_party_secretary",
    title="Phó Bí thư Đảng ủy",
    title_en="Commune Deputy Party Secretary",
    kind=PostKind.CADRE,
)

OBSERVE_STANDING_BOARD = "observe_standing_board"
"""The practicum item: observing a meeting of the District Party Standing Board."""

TOPICS = (
    TopicDeclaration(
        "PC01",
        "Công tác tuyên giáo của cấp ủy cơ sở",
        "Propaganda and education work of the grassroots Party committee",
    ),
    TopicDeclaration(
        "PC02",
        "Công tác dân vận của cấp ủy cơ sở",
        "Mass mobilisation work of the grassroots Party committee",
    ),
    TopicDeclaration(
        "PC03",
        "Công tác kiểm tra, giám sát của cấp ủy cơ sở",
        "Inspection and supervision by the grassroots Party committee",
    ),
    TopicDeclaration(
        "PC04",
        "Kỹ năng lãnh đạo, chỉ đạo của Bí thư, Phó Bí thư Đảng ủy",
        "Leadership and direction skills of the Party Secretary and Deputy Secretary",
    ),
    TopicDeclaration(
        "PC05",
        "Quy trình tiếp xúc, đối thoại giữa Bí thư Đảng ủy cơ sở với nhân dân",
        "Procedure for contact and dialogue between the grassroots Party Secretary and the people",
    ),
    TopicDeclaration(
        "PC06",
        "Xây dựng tổ chức cơ sở đảng và công tác kết nạp đảng viên",
        "Building the grassroots Party organisation and admitting Party members",
    ),
    TopicDeclaration(
        "PC07",
        "Tổ chức hội nghị Đảng ủy và ban hành nghị quyết",
        "Running Party committee meetings and issuing resolutions",
    ),
    TopicDeclaration(
        "PC08",
        "Công tác cán bộ và đánh giá, xếp loại chất lượng đảng viên hằng năm",
        "Personnel work and the annual review and classification of Party members",
    ),
    TopicDeclaration(
        "PC09",
        "Lãnh đạo phát triển kinh tế – xã hội và bảo đảm quốc phòng – an ninh ở cơ sở",
        "Leading socio-economic development and defence and security in the commune",
    ),
)

TRACK = TrackDeclaration(
    code="party_committee",
    title="Học việc chức danh Bí thư, Phó Bí thư Đảng ủy",
    title_en="Apprenticeship for commune Party Secretaries and Deputy Secretaries",
    description=(
        "Topics on Party work at the grassroots; observe a meeting of the District Party "
        "Standing Board and draft its conclusions; a written test."
    ),
    posts=(PARTY_SECRETARY, DEPUTY_PARTY_SECRETARY),
    topics=TOPICS,
    practicum=(
        PracticumItemDeclaration(
            OBSERVE_STANDING_BOARD,
            "Dự họp Ban Thường vụ Huyện ủy",
            "Dự một phiên họp của Ban Thường vụ Huyện ủy; ghi lại nội dung, diễn biến và kết "
            "luận của phiên họp.",
        ),
    ),
)

TRACKS: list[TrackDeclaration] = [TRACK]

COMPONENT_KIND = "party_committee.conclusion_draft"
"""The kind of assessment component the plugin grades: the learner's draft conclusions."""

COMPONENT_KINDS = [
    ComponentKindDeclaration(
        COMPONENT_KIND,
        "Dự thảo kết luận phiên họp Ban Thường vụ Huyện ủy",
        "Draft conclusions of a District Party Standing Board meeting",
    )
]

WRITTEN_TEST = "written_test"
CONCLUSION_DRAFT = "conclusion_draft"

SCHEME = SchemeDeclaration(
    track_code=TRACK.code,
    components=(
        ComponentDeclaration(
            WRITTEN_TEST, "Bài kiểm tra viết", ComponentKind.WRITTEN_TEST, Decimal("0.6")
        ),
        ComponentDeclaration(
            CONCLUSION_DRAFT,
            "Dự thảo kết luận phiên họp Ban Thường vụ Huyện ủy",
            ComponentKind.PLUGIN,
            Decimal("0.4"),
            plugin_kind=COMPONENT_KIND,
        ),
    ),
    completion=CompletionRule(practicum_signed_off=True),
)
"""Written test 60%, draft conclusions 40%, the usual bands; complete once the meeting's
observation is signed off."""

SUBMIT_DRAFT = "party_committee.submit_draft"
SCORE_DRAFT = "party_committee.score_draft"
READ_DRAFTS = "party_committee.read_drafts"

PERMISSIONS = [
    PermissionDeclaration(
        SUBMIT_DRAFT,
        "Submit the draft conclusions of one's own enrollment (a learner), or of an "
        "enrollment in a cohort one manages.",
        frozenset({Role.LEARNER, Role.ADMIN, Role.COORDINATOR}),
    ),
    PermissionDeclaration(
        SCORE_DRAFT,
        "Score learners' draft conclusions out of 10, with a comment, in the cohorts in scope.",
        frozenset({Role.ADMIN, Role.COORDINATOR, Role.ASSESSOR}),
    ),
    PermissionDeclaration(
        READ_DRAFTS,
        "Read the draft conclusions of the enrollments in scope (a learner: their own).",
        frozenset(
            {
                Role.ADMIN,
                Role.COORDINATOR,
                Role.DRAFTER,
                Role.APPRAISER,
                Role.ASSESSOR,
                Role.VIEWER,
                Role.LEARNER,
            }
        ),
    ),
]
