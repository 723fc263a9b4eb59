"""People's committee track (UBND): commune People's Committee Chair and Vice-Chair.

The article gives the catalogue's size (19 topics on direction, administration and state
management) but not its titles, so the catalogue is left to the curriculum work rather than
invented here.
"""

from __future__ import annotations

from decimal import Decimal

from hocviec import (
    CompletionRule,
    ComponentDeclaration,
    ComponentKind,
    PostDeclaration,
    PostKind,
    PracticumItemDeclaration,
    SchemeDeclaration,
    TrackDeclaration,
)

COMMITTEE_CHAIR = PostDeclaration(
    code="peoples_committee_chair",
    title="Chủ tịch UBND",
    title_en="Commune People's Committee Chair",
    kind=PostKind.CADRE,
)
COMMITTEE_VICE_CHAIR = PostDeclaration(
    code="peoples_committee_vice_chair",
    title="Phó Chủ tịch UBND",
    title_en="Commune People's Committee Vice-Chair",
    kind=PostKind.CADRE,
)

TRACK = TrackDeclaration(
    code="peoples_committee",
    title="Học việc chức danh Chủ tịch, Phó Chủ tịch UBND",
    title_en="Apprenticeship for commune People's Committee Chairs and Vice-Chairs",
    description=(
        "Methods and skills of direction, administration and state management; attend a "
        "meeting of the District People's Committee and two meetings of commune standing "
        "members; 30 multiple-choice questions."
    ),
    posts=(COMMITTEE_CHAIR, COMMITTEE_VICE_CHAIR),
    practicum=(
        PracticumItemDeclaration(
            "district_committee_meeting",
            "Dự họp thành viên Ủy ban nhân dân huyện",
            "Dự một phiên họp thành viên UBND huyện; ghi lại nội dung và kết luận.",
        ),
        PracticumItemDeclaration(
            "commune_standing_meetings",
            "Dự họp thường trực Ủy ban nhân dân xã",
            "Dự hai phiên họp thường trực UBND xã; mỗi phiên một minh chứng.",
            required_count=2,
        ),
    ),
)

TRACKS: list[TrackDeclaration] = [TRACK]

SCHEME = SchemeDeclaration(
    track_code=TRACK.code,
    components=(
        ComponentDeclaration(
            "multiple_choice_test",
            "Bài kiểm tra trắc nghiệm 30 câu",
            ComponentKind.MULTIPLE_CHOICE_TEST,
            Decimal("1"),
        ),
    ),
    completion=CompletionRule(practicum_signed_off=True),
)
"""The 30-question test is the score; the practicum (a District People's Committee meeting and
two commune standing-member meetings) is a condition of completing."""
