"""People's committee track (UBND): commune People's Committee Chair and Vice-Chair.

The article gives the catalogue's size (19 topics on methods and skills of direction,
administration and state management across the commune's fields) but not its titles; the 19
below cover the fields a commune People's Committee runs (land, budget, construction order,
environment, agriculture and new rural development, labour and social affairs, education,
health, culture, justice and civil status, citizen reception, complaints and denunciations,
the one-stop desk, defence and security, ethnic and religious affairs, disasters, the yearly
plan, the committee's meetings, digital government). Codes are permanent (``UB01`` …
``UB19``). The practicum is the article's: a meeting of the District People's Committee and
two meetings of the commune committee's standing members. The question bank shipped beside
this module (``questions/``) is demo material for a district's appraisal board to review and
replace.
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
    TopicDeclaration,
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

TOPICS = (
    TopicDeclaration(
        "UB01",
        "Quản lý nhà nước về đất đai ở cấp xã",
        "State management of land in the commune",
    ),
    TopicDeclaration(
        "UB02",
        "Quản lý ngân sách và tài chính xã",
        "Commune budget and finance",
    ),
    TopicDeclaration(
        "UB03",
        "Quản lý quy hoạch, trật tự xây dựng trên địa bàn xã",
        "Planning and construction order in the commune",
    ),
    TopicDeclaration(
        "UB04",
        "Quản lý tài nguyên và bảo vệ môi trường",
        "Natural resources and environmental protection",
    ),
    TopicDeclaration(
        "UB05",
        "Phát triển nông nghiệp và xây dựng nông thôn mới",
        "Agriculture and new rural development",
    ),
    TopicDeclaration(
        "UB06",
        "Lao động, người có công và xã hội",
        "Labour, invalids and social affairs",
    ),
    TopicDeclaration(
        "UB07",
        "Quản lý nhà nước về giáo dục trên địa bàn xã",
        "Education in the commune",
    ),
    TopicDeclaration(
        "UB08",
        "Quản lý nhà nước về y tế, an toàn thực phẩm",
        "Health and food safety",
    ),
    TopicDeclaration(
        "UB09",
        "Văn hóa, thông tin và xây dựng đời sống văn hóa ở cơ sở",
        "Culture, information and cultural life at the grassroots",
    ),
    TopicDeclaration(
        "UB10",
        "Công tác tư pháp, hộ tịch, chứng thực và hòa giải ở cơ sở",
        "Justice, civil status, certification and grassroots mediation",
    ),
    TopicDeclaration(
        "UB11",
        "Công tác tiếp công dân",
        "Citizen reception",
    ),
    TopicDeclaration(
        "UB12",
        "Giải quyết khiếu nại, tố cáo",
        "Handling complaints and denunciations",
    ),
    TopicDeclaration(
        "UB13",
        "Cải cách thủ tục hành chính và cơ chế một cửa",
        "Administrative procedure reform and the one-stop desk",
    ),
    TopicDeclaration(
        "UB14",
        "Phối hợp công tác quốc phòng, an ninh ở cơ sở",
        "Coordinating defence and security at the grassroots",
    ),
    TopicDeclaration(
        "UB15",
        "Công tác dân tộc, tín ngưỡng, tôn giáo",
        "Ethnic and religious affairs",
    ),
    TopicDeclaration(
        "UB16",
        "Phòng, chống thiên tai và tìm kiếm cứu nạn",
        "Disaster prevention, response and search and rescue",
    ),
    TopicDeclaration(
        "UB17",
        "Xây dựng và tổ chức thực hiện kế hoạch phát triển kinh tế – xã hội",
        "Drawing up and carrying out the socio-economic development plan",
    ),
    TopicDeclaration(
        "UB18",
        "Kỹ năng điều hành phiên họp Ủy ban nhân dân xã",
        "Running the commune People's Committee's meetings",
    ),
    TopicDeclaration(
        "UB19",
        "Ứng dụng công nghệ thông tin, xây dựng chính quyền số",
        "Information technology and digital government",
    ),
)
"""The 19 topics (chuyên đề) the article counts; learners register those they need."""

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
    topics=TOPICS,
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
