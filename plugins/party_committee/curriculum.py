"""Party committee track (Đảng ủy): commune Party Secretary and Deputy Secretary.

The source article names the themes of its nine-topic catalogue; the topics below are those it
names. The complete catalogue and the assessment scheme are added with the curriculum work.
"""

from __future__ import annotations

from hocviec import (
    PostDeclaration,
    PostKind,
    PracticumItemDeclaration,
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

TRACK = TrackDeclaration(
    code="party_committee",
    title="Học việc chức danh Bí thư, Phó Bí thư Đảng ủy",
    title_en="Apprenticeship for commune Party Secretaries and Deputy Secretaries",
    description=(
        "Topics on Party work at the grassroots; observe a meeting of the District Party "
        "Standing Board and draft its conclusions; a written test."
    ),
    posts=(PARTY_SECRETARY, DEPUTY_PARTY_SECRETARY),
    topics=(
        TopicDeclaration("PC01", "Công tác tuyên giáo của cấp ủy cơ sở"),
        TopicDeclaration("PC02", "Công tác dân vận của cấp ủy cơ sở"),
        TopicDeclaration("PC03", "Công tác kiểm tra, giám sát của cấp ủy cơ sở"),
        TopicDeclaration("PC04", "Kỹ năng lãnh đạo, chỉ đạo của Bí thư, Phó Bí thư Đảng ủy"),
        TopicDeclaration(
            "PC05", "Quy trình tiếp xúc, đối thoại giữa Bí thư Đảng ủy cơ sở với nhân dân"
        ),
    ),
    practicum=(
        PracticumItemDeclaration(
            "observe_standing_board",
            "Dự họp Ban Thường vụ Huyện ủy",
            "Dự một phiên họp của Ban Thường vụ Huyện ủy; ghi lại nội dung, diễn biến và kết "
            "luận của phiên họp.",
        ),
    ),
)

TRACKS: list[TrackDeclaration] = [TRACK]
