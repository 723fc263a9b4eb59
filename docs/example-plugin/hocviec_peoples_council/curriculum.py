"""The People's Council track: its posts, topics and assessment scheme (declarations only)."""

from __future__ import annotations

from decimal import Decimal

from hocviec import (
    CompletionRule,
    ComponentDeclaration,
    ComponentKind,
    PostDeclaration,
    PostKind,
    SchemeDeclaration,
    TopicDeclaration,
    TrackDeclaration,
)

COUNCIL_CHAIR = PostDeclaration(
    code="peoples_council_chair",
    title="Chủ tịch HĐND",
    title_en="People's Council Chair",
    kind=PostKind.CADRE,
)
COUNCIL_VICE_CHAIR = PostDeclaration(
    code="peoples_council_vice_chair",
    title="Phó Chủ tịch HĐND",
    title_en="People's Council Vice-Chair",
    kind=PostKind.CADRE,
)

TRACK = TrackDeclaration(
    code="peoples_council",
    title="Học việc chức danh Chủ tịch, Phó Chủ tịch HĐND xã",
    title_en="Apprenticeship for commune People's Council Chairs and Vice-Chairs",
    description=(
        "Preparing and chairing council sessions, supervision, meeting voters; supervision "
        "visits with the district People's Council's committees; a multiple-choice test."
    ),
    posts=(COUNCIL_CHAIR, COUNCIL_VICE_CHAIR),
    topics=(
        TopicDeclaration(
            "HD01",
            "Chuẩn bị và điều hành kỳ họp Hội đồng nhân dân xã",
            "Preparing and chairing a session of the commune People's Council",
        ),
        TopicDeclaration(
            "HD02",
            "Hoạt động giám sát của Thường trực và các Ban của HĐND xã",
            "Supervision by the council's standing members and committees",
        ),
        TopicDeclaration(
            "HD03",
            "Tiếp xúc cử tri và tiếp công dân của đại biểu HĐND",
            "Meeting voters and receiving citizens as a council deputy",
        ),
        TopicDeclaration(
            "HD04",
            "Thẩm tra dự toán và quyết toán ngân sách xã",
            "Examining the commune budget estimate and final accounts",
        ),
        TopicDeclaration(
            "HD05",
            "Chất vấn và trả lời chất vấn tại kỳ họp",
            "Questioning and answers to questions at a session",
        ),
    ),
)

SCHEME = SchemeDeclaration(
    track_code=TRACK.code,
    components=(
        ComponentDeclaration(
            "test", "Bài kiểm tra trắc nghiệm", ComponentKind.MULTIPLE_CHOICE_TEST, Decimal("0.7")
        ),
        ComponentDeclaration("attendance", "Chuyên cần", ComponentKind.ATTENDANCE, Decimal("0.3")),
    ),
    completion=CompletionRule(min_attendance_rate=Decimal("0.5"), practicum_signed_off=False),
)
"""A 5-question test weighs 70%, attendance 30%; completing needs half the sessions."""
