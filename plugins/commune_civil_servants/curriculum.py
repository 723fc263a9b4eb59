"""Commune civil servant tracks (công chức xã): one track per specialty.

The article names four specialties (Military Commander, Police Chief, Justice – Civil Status,
Finance – Accounting) and leaves the rest to "…"; the other commune civil-servant posts are
Office – Statistics, Land administration – Construction – Urban and Environment, and Culture –
Social. The article gives no catalogue, practicum or assessment for any of them ("each specialty
defines its own"), so each track below declares its own, drawn from the duties of its post:

- a catalogue of topics (chuyên đề) on the post's day-to-day work;
- a practicum of real casework handled at the district agency that guides the post (civil-status
  registrations at the district justice office, a commune budget estimate at the district finance
  office, …), and an activity kind for those sessions (:data:`ACTIVITY_KINDS`);
- a scheme (:data:`SCHEMES`): a written test and the practical work, both marked by two
  assessors, and attendance; completing needs 80% attendance and the practicum signed off.

Laws are named only where their number and year are certain.
"""

from __future__ import annotations

from decimal import Decimal

from hocviec import (
    ActivityKindDeclaration,
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

PLUGIN_ID = "commune_civil_servants"

# --------------------------------------------------------------------------------------------
# Posts
# --------------------------------------------------------------------------------------------

MILITARY_COMMANDER = PostDeclaration(
    "military_commander", "Chỉ huy trưởng Quân sự", "Military Commander", PostKind.CIVIL_SERVANT
)
POLICE_CHIEF = PostDeclaration(
    "police_chief", "Trưởng Công an", "Police Chief", PostKind.CIVIL_SERVANT
)
JUSTICE_CIVIL_STATUS = PostDeclaration(
    "justice_civil_status",
    "Công chức Tư pháp – Hộ tịch",
    "Justice – Civil Status officer",
    PostKind.CIVIL_SERVANT,
)
FINANCE_ACCOUNTING = PostDeclaration(
    "finance_accounting",
    "Công chức Tài chính – Kế toán",
    "Finance – Accounting officer",
    PostKind.CIVIL_SERVANT,
)
OFFICE_STATISTICS = PostDeclaration(
    code="office_statistics",
    title="Công chức Văn phòng – Thống kê",
    title_en="Office – Statistics officer",
    kind=PostKind.CIVIL_SERVANT,
)
LAND_CONSTRUCTION_ENVIRONMENT = PostDeclaration(
    code="land_construction_environment",
    title="Công chức Địa chính – Xây dựng – Đô thị và Môi trường",
    title_en="Land Administration – Construction – Urban and Environment officer",
    kind=PostKind.CIVIL_SERVANT,
)
CULTURE_SOCIAL = PostDeclaration(
    code="culture_social",
    title="Công chức Văn hóa – Xã hội",
    title_en="Culture – Social officer",
    kind=PostKind.CIVIL_SERVANT,
)

# --------------------------------------------------------------------------------------------
# Activity kinds: the practicum's casework, one kind per specialty
# --------------------------------------------------------------------------------------------

MILITIA_TRAINING_PLAN = f"{PLUGIN_ID}.militia_training_plan"
PUBLIC_ORDER_CASEWORK = f"{PLUGIN_ID}.public_order_casework"
CIVIL_STATUS_REGISTRATION = f"{PLUGIN_ID}.civil_status_registration"
BUDGET_ESTIMATE = f"{PLUGIN_ID}.budget_estimate"
DOCUMENT_DRAFTING = f"{PLUGIN_ID}.document_drafting"
LAND_DOSSIER = f"{PLUGIN_ID}.land_dossier"
SOCIAL_POLICY_DOSSIER = f"{PLUGIN_ID}.social_policy_dossier"

ACTIVITY_KINDS: list[ActivityKindDeclaration] = [
    ActivityKindDeclaration(
        MILITIA_TRAINING_PLAN,
        "Lập kế hoạch huấn luyện dân quân tại Ban Chỉ huy Quân sự huyện",
        "Militia training planning at the district military command",
    ),
    ActivityKindDeclaration(
        PUBLIC_ORDER_CASEWORK,
        "Giải quyết hồ sơ cư trú, trật tự xã hội tại Công an huyện",
        "Residence and public-order casework at the district police",
    ),
    ActivityKindDeclaration(
        CIVIL_STATUS_REGISTRATION,
        "Giải quyết hồ sơ đăng ký hộ tịch tại Phòng Tư pháp huyện",
        "Civil-status registration casework at the district justice office",
    ),
    ActivityKindDeclaration(
        BUDGET_ESTIMATE,
        "Lập dự toán ngân sách xã tại Phòng Tài chính – Kế hoạch huyện",
        "Preparing a commune budget estimate at the district finance office",
    ),
    ActivityKindDeclaration(
        DOCUMENT_DRAFTING,
        "Soạn thảo văn bản hành chính tại Văn phòng HĐND và UBND huyện",
        "Drafting administrative documents at the district People's Council and Committee office",
    ),
    ActivityKindDeclaration(
        LAND_DOSSIER,
        "Giải quyết hồ sơ đất đai tại Phòng Tài nguyên và Môi trường huyện",
        "Land dossier casework at the district natural resources and environment office",
    ),
    ActivityKindDeclaration(
        SOCIAL_POLICY_DOSSIER,
        "Lập hồ sơ chính sách xã hội tại Phòng Lao động – Thương binh và Xã hội huyện",
        "Social-policy dossiers at the district labour, invalids and social affairs office",
    ),
]
"""One kind per track: the sessions of hands-on casework at its district agency."""

# --------------------------------------------------------------------------------------------
# Tracks
# --------------------------------------------------------------------------------------------


def _title(post: PostDeclaration) -> str:
    return f"Học việc chức danh {post.title}"


MILITARY = TrackDeclaration(
    code="civil_servant_military",
    title=_title(MILITARY_COMMANDER),
    title_en="Apprenticeship for commune Military Commanders",
    description=(
        "Local defence and military work of the commune: the militia, military service "
        "registration and call-up, reservists, civil defence; at the district military command, "
        "draw up the commune's annual militia training plan."
    ),
    posts=(MILITARY_COMMANDER,),
    topics=(
        TopicDeclaration(
            "QS01",
            "Tổ chức, xây dựng, huấn luyện và hoạt động của lực lượng dân quân ở xã",
            "Organising, building, training and deploying the commune militia",
        ),
        TopicDeclaration(
            "QS02",
            "Đăng ký nghĩa vụ quân sự và quản lý công dân trong độ tuổi gọi nhập ngũ",
            "Military service registration and managing citizens of call-up age",
        ),
        TopicDeclaration(
            "QS03",
            "Tuyển chọn và gọi công dân nhập ngũ theo Luật Nghĩa vụ quân sự năm 2015",
            "Selecting and calling up citizens under the Military Service Law of 2015",
        ),
        TopicDeclaration(
            "QS04",
            "Quản lý quân nhân dự bị và phương tiện kỹ thuật dự bị động viên",
            "Managing reservists and mobilisation-reserve technical equipment",
        ),
        TopicDeclaration(
            "QS05",
            "Phòng thủ dân sự, phòng chống thiên tai và tìm kiếm cứu nạn ở xã",
            "Civil defence, natural-disaster prevention and search and rescue in the commune",
        ),
        TopicDeclaration(
            "QS06",
            "Giáo dục quốc phòng và an ninh, chính sách hậu phương quân đội ở cơ sở",
            "Defence and security education, and support for soldiers' families",
        ),
    ),
    practicum=(
        PracticumItemDeclaration(
            "militia_training_plan",
            "Lập kế hoạch huấn luyện dân quân năm của xã tại Ban Chỉ huy Quân sự huyện",
            "Dự thảo kế hoạch huấn luyện dân quân năm của xã (đối tượng, nội dung, thời gian, "
            "bảo đảm) dưới sự hướng dẫn của Ban Chỉ huy Quân sự huyện; nộp bản kế hoạch.",
        ),
        PracticumItemDeclaration(
            "military_service_dossiers",
            "Lập hồ sơ đăng ký nghĩa vụ quân sự tại Ban Chỉ huy Quân sự huyện",
            "Lập hoặc rà soát hồ sơ đăng ký nghĩa vụ quân sự của công dân; mỗi lần một minh chứng.",
            required_count=3,
        ),
    ),
)

POLICE = TrackDeclaration(
    code="civil_servant_police",
    title=_title(POLICE_CHIEF),
    title_en="Apprenticeship for commune Police Chiefs",
    description=(
        "Security and public order at the grassroots: keeping informed, residence management, "
        "crime and drug prevention, administrative violations, fire prevention; at the district "
        "police, handle residence registration and public-order dossiers."
    ),
    posts=(POLICE_CHIEF,),
    topics=(
        TopicDeclaration(
            "CA01",
            "Nắm tình hình, bảo đảm an ninh chính trị, trật tự an toàn xã hội ở cơ sở",
            "Keeping informed and securing political security and public order locally",
        ),
        TopicDeclaration(
            "CA02",
            "Đăng ký, quản lý cư trú và quản lý hộ khẩu, nhân khẩu",
            "Residence registration and management of households and residents",
        ),
        TopicDeclaration(
            "CA03",
            "Phòng ngừa, đấu tranh với tội phạm, ma túy và tệ nạn xã hội ở cơ sở",
            "Preventing and fighting crime, drugs and social evils locally",
        ),
        TopicDeclaration(
            "CA04",
            "Xử phạt vi phạm hành chính về an ninh, trật tự theo Luật Xử lý vi phạm hành "
            "chính năm 2012",
            "Sanctioning administrative violations of security and order under the Law on "
            "Handling Administrative Violations of 2012",
        ),
        TopicDeclaration(
            "CA05",
            "Xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc",
            "Building the all-people movement to protect national security",
        ),
        TopicDeclaration(
            "CA06",
            "Quản lý vũ khí, vật liệu nổ, công cụ hỗ trợ và phòng cháy, chữa cháy ở xã",
            "Weapons, explosives and support tools; fire prevention and fighting in the commune",
        ),
    ),
    practicum=(
        PracticumItemDeclaration(
            "residence_dossiers",
            "Giải quyết hồ sơ đăng ký, quản lý cư trú tại Công an huyện",
            "Tiếp nhận và xử lý hồ sơ đăng ký thường trú, tạm trú, tách hộ dưới sự hướng dẫn "
            "của cán bộ Công an huyện; mỗi hồ sơ một minh chứng.",
            required_count=5,
        ),
        PracticumItemDeclaration(
            "public_order_case",
            "Lập hồ sơ một vụ việc về trật tự, an toàn xã hội",
            "Lập hồ sơ (biên bản, lời khai, đề xuất xử lý) một vụ việc vi phạm trật tự, an toàn "
            "xã hội tại Công an huyện.",
        ),
    ),
)

JUSTICE = TrackDeclaration(
    code="civil_servant_justice",
    title=_title(JUSTICE_CIVIL_STATUS),
    title_en="Apprenticeship for commune Justice – Civil Status officers",
    description=(
        "Civil-status registration, certification, grassroots mediation, legal dissemination "
        "and the commune's legal documents; at the district justice office, handle "
        "civil-status registrations."
    ),
    posts=(JUSTICE_CIVIL_STATUS,),
    topics=(
        TopicDeclaration(
            "TP01",
            "Đăng ký khai sinh, kết hôn, khai tử theo Luật Hộ tịch năm 2014",
            "Registering births, marriages and deaths under the Civil Status Law of 2014",
        ),
        TopicDeclaration(
            "TP02",
            "Quản lý, sử dụng sổ hộ tịch và cơ sở dữ liệu hộ tịch điện tử",
            "Keeping civil-status books and the electronic civil-status database",
        ),
        TopicDeclaration(
            "TP03",
            "Chứng thực bản sao từ bản chính, chứng thực chữ ký, hợp đồng và giao dịch",
            "Certifying copies from originals, signatures, contracts and transactions",
        ),
        TopicDeclaration(
            "TP04",
            "Hòa giải ở cơ sở theo Luật Hòa giải ở cơ sở năm 2013",
            "Grassroots mediation under the Law on Grassroots Mediation of 2013",
        ),
        TopicDeclaration(
            "TP05",
            "Phổ biến, giáo dục pháp luật và xây dựng xã đạt chuẩn tiếp cận pháp luật",
            "Legal dissemination and education; the commune's legal-access standard",
        ),
        TopicDeclaration(
            "TP06",
            "Tham mưu soạn thảo, kiểm tra, rà soát văn bản của HĐND, UBND xã",
            "Drafting, checking and reviewing the documents of the commune council and committee",
        ),
    ),
    practicum=(
        PracticumItemDeclaration(
            "civil_status_registrations",
            "Giải quyết hồ sơ đăng ký hộ tịch tại Phòng Tư pháp huyện",
            "Tiếp nhận, kiểm tra và dự thảo kết quả giải quyết hồ sơ đăng ký hộ tịch (khai "
            "sinh, kết hôn, khai tử, cải chính) dưới sự hướng dẫn của Phòng Tư pháp huyện; mỗi "
            "hồ sơ một minh chứng.",
            required_count=5,
        ),
        PracticumItemDeclaration(
            "certifications",
            "Chứng thực bản sao, chữ ký tại Phòng Tư pháp huyện",
            "Thực hiện chứng thực bản sao từ bản chính hoặc chứng thực chữ ký dưới sự hướng dẫn "
            "của Phòng Tư pháp huyện; mỗi việc một minh chứng.",
            required_count=3,
        ),
    ),
)

FINANCE = TrackDeclaration(
    code="civil_servant_finance",
    title=_title(FINANCE_ACCOUNTING),
    title_en="Apprenticeship for commune Finance – Accounting officers",
    description=(
        "The commune budget from estimate to settlement, revenue, spending through the State "
        "Treasury, accounting, public assets and financial disclosure; at the district finance "
        "office, prepare a commune budget estimate and its settlement report."
    ),
    posts=(FINANCE_ACCOUNTING,),
    topics=(
        TopicDeclaration(
            "TC01",
            "Lập, chấp hành và quyết toán ngân sách xã theo Luật Ngân sách nhà nước năm 2015",
            "Preparing, executing and settling the commune budget under the State Budget Law "
            "of 2015",
        ),
        TopicDeclaration(
            "TC02",
            "Quản lý thu ngân sách xã và các khoản đóng góp của nhân dân",
            "Managing commune revenue and the people's contributions",
        ),
        TopicDeclaration(
            "TC03",
            "Kiểm soát chi ngân sách xã qua Kho bạc Nhà nước",
            "Controlling commune spending through the State Treasury",
        ),
        TopicDeclaration(
            "TC04",
            "Kế toán ngân sách và tài chính xã; lập báo cáo tài chính, báo cáo quyết toán",
            "Commune budget and financial accounting; financial and settlement reports",
        ),
        TopicDeclaration(
            "TC05",
            "Quản lý tài sản công và các quỹ tài chính ngoài ngân sách của xã",
            "Managing public assets and the commune's off-budget funds",
        ),
        TopicDeclaration(
            "TC06",
            "Công khai tài chính, ngân sách xã và tự kiểm tra tài chính",
            "Disclosing commune finances and budget; financial self-inspection",
        ),
    ),
    practicum=(
        PracticumItemDeclaration(
            "budget_estimate",
            "Lập dự toán ngân sách xã tại Phòng Tài chính – Kế hoạch huyện",
            "Lập dự toán thu, chi ngân sách năm của xã mình theo hướng dẫn của Phòng Tài chính – "
            "Kế hoạch huyện; nộp bản dự toán và thuyết minh.",
        ),
        PracticumItemDeclaration(
            "budget_settlement",
            "Lập báo cáo quyết toán ngân sách xã tại Phòng Tài chính – Kế hoạch huyện",
            "Lập báo cáo quyết toán thu, chi ngân sách năm trước của xã mình; nộp báo cáo.",
        ),
    ),
)

OFFICE = TrackDeclaration(
    code="civil_servant_office",
    title=_title(OFFICE_STATISTICS),
    title_en="Apprenticeship for commune Office – Statistics officers",
    description=(
        "The commune office: administrative documents, records and archives, the one-stop "
        "shop, work programmes and meetings, statistics, emulation and administrative reform; "
        "at the district office, draft administrative documents."
    ),
    posts=(OFFICE_STATISTICS,),
    topics=(
        TopicDeclaration(
            "VP01",
            "Soạn thảo và trình bày văn bản hành chính của UBND xã",
            "Drafting and formatting the commune People's Committee's administrative documents",
        ),
        TopicDeclaration(
            "VP02",
            "Công tác văn thư, lưu trữ ở xã",
            "Records management and archives at the commune",
        ),
        TopicDeclaration(
            "VP03",
            "Tiếp nhận hồ sơ, trả kết quả thủ tục hành chính theo cơ chế một cửa, một cửa liên "
            "thông",
            "Receiving applications and returning results of administrative procedures at the "
            "one-stop shop",
        ),
        TopicDeclaration(
            "VP04",
            "Xây dựng chương trình công tác và tổ chức hội họp của HĐND, UBND xã",
            "Work programmes and meetings of the commune People's Council and Committee",
        ),
        TopicDeclaration(
            "VP05",
            "Thu thập, tổng hợp số liệu và báo cáo thống kê cấp xã",
            "Collecting and compiling data; commune statistical reports",
        ),
        TopicDeclaration(
            "VP06",
            "Công tác thi đua, khen thưởng và cải cách hành chính ở xã",
            "Emulation and commendation; administrative reform in the commune",
        ),
    ),
    practicum=(
        PracticumItemDeclaration(
            "administrative_documents",
            "Soạn thảo văn bản hành chính tại Văn phòng HĐND và UBND huyện",
            "Soạn thảo văn bản hành chính (công văn, quyết định, báo cáo, thông báo) đúng thể "
            "thức dưới sự hướng dẫn của Văn phòng HĐND và UBND huyện; mỗi văn bản một minh "
            "chứng.",
            required_count=5,
        ),
        PracticumItemDeclaration(
            "statistical_report",
            "Lập một báo cáo thống kê định kỳ của xã",
            "Tổng hợp số liệu và lập một báo cáo thống kê định kỳ của xã mình; nộp báo cáo.",
        ),
    ),
)

LAND = TrackDeclaration(
    code="civil_servant_land",
    title=_title(LAND_CONSTRUCTION_ENVIRONMENT),
    title_en=(
        "Apprenticeship for commune Land Administration – Construction – Urban and "
        "Environment officers"
    ),
    description=(
        "Cadastral records, land-use certificates, land disputes and violations, construction "
        "order and rural infrastructure, the environment; at the district natural resources "
        "and environment office, handle land dossiers."
    ),
    posts=(LAND_CONSTRUCTION_ENVIRONMENT,),
    topics=(
        TopicDeclaration(
            "DC01",
            "Lập, quản lý hồ sơ địa chính và cập nhật biến động đất đai ở xã",
            "Keeping cadastral records and recording land-use changes in the commune",
        ),
        TopicDeclaration(
            "DC02",
            "Tiếp nhận hồ sơ cấp giấy chứng nhận quyền sử dụng đất theo Luật Đất đai năm 2013",
            "Receiving applications for land-use right certificates under the Land Law of 2013",
        ),
        TopicDeclaration(
            "DC03",
            "Hòa giải tranh chấp đất đai ở xã",
            "Conciliating land disputes at the commune",
        ),
        TopicDeclaration(
            "DC04",
            "Thống kê, kiểm kê đất đai và kế hoạch sử dụng đất hằng năm",
            "Land statistics and inventories; the annual land-use plan",
        ),
        TopicDeclaration(
            "DC05",
            "Kiểm tra, phát hiện và xử lý vi phạm về đất đai, trật tự xây dựng",
            "Detecting and handling violations of land rules and construction order",
        ),
        TopicDeclaration(
            "DC06",
            "Quản lý quy hoạch xây dựng, hạ tầng kỹ thuật và giao thông nông thôn",
            "Construction planning, technical infrastructure and rural roads",
        ),
        TopicDeclaration(
            "DC07",
            "Bảo vệ môi trường và quản lý chất thải rắn ở nông thôn",
            "Environmental protection and solid-waste management in rural areas",
        ),
    ),
    practicum=(
        PracticumItemDeclaration(
            "land_dossiers",
            "Giải quyết hồ sơ đất đai tại Phòng Tài nguyên và Môi trường huyện",
            "Kiểm tra và dự thảo ý kiến xử lý hồ sơ đất đai (cấp giấy chứng nhận, chuyển "
            "nhượng, chuyển mục đích sử dụng đất) dưới sự hướng dẫn của Phòng Tài nguyên và Môi "
            "trường huyện; mỗi hồ sơ một minh chứng.",
            required_count=5,
        ),
        PracticumItemDeclaration(
            "land_dispute_record",
            "Lập hồ sơ hòa giải một vụ tranh chấp đất đai",
            "Dự và lập biên bản một buổi hòa giải tranh chấp đất đai; nộp hồ sơ vụ việc.",
        ),
    ),
)

CULTURE = TrackDeclaration(
    code="civil_servant_culture",
    title=_title(CULTURE_SOCIAL),
    title_en="Apprenticeship for commune Culture – Social officers",
    description=(
        "Cultural life, festivals, sport and information; policies for people with meritorious "
        "service, social assistance, poverty reduction and child protection; at the district "
        "labour, invalids and social affairs office, prepare social-policy dossiers."
    ),
    posts=(CULTURE_SOCIAL,),
    topics=(
        TopicDeclaration(
            "VH01",
            "Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” ở khu dân cư",
            "The movement “All people unite to build a cultured life” in residential areas",
        ),
        TopicDeclaration(
            "VH02",
            "Quản lý hoạt động văn hóa, lễ hội, thể dục thể thao và du lịch ở xã",
            "Managing cultural activities, festivals, sport and tourism in the commune",
        ),
        TopicDeclaration(
            "VH03",
            "Thông tin, tuyên truyền và hoạt động của đài truyền thanh xã",
            "Information, publicity and the commune radio station",
        ),
        TopicDeclaration(
            "VH04",
            "Thực hiện chính sách ưu đãi người có công với cách mạng",
            "Preferential policies for people with meritorious service to the revolution",
        ),
        TopicDeclaration(
            "VH05",
            "Trợ giúp xã hội, bảo trợ xã hội và giảm nghèo ở xã",
            "Social assistance, social protection and poverty reduction in the commune",
        ),
        TopicDeclaration(
            "VH06",
            "Bảo vệ, chăm sóc trẻ em, bình đẳng giới và phòng, chống tệ nạn xã hội",
            "Child protection and care, gender equality and preventing social evils",
        ),
    ),
    practicum=(
        PracticumItemDeclaration(
            "social_policy_dossiers",
            "Lập hồ sơ chính sách xã hội tại Phòng Lao động – Thương binh và Xã hội huyện",
            "Lập hồ sơ đề nghị hưởng trợ cấp xã hội, ưu đãi người có công hoặc hỗ trợ hộ nghèo "
            "dưới sự hướng dẫn của Phòng Lao động – Thương binh và Xã hội huyện; mỗi hồ sơ một "
            "minh chứng.",
            required_count=3,
        ),
        PracticumItemDeclaration(
            "cultural_event_plan",
            "Lập kế hoạch tổ chức một hoạt động văn hóa, thể thao của xã",
            "Lập kế hoạch (nội dung, thời gian, kinh phí, phân công) một hoạt động văn hóa, thể "
            "thao hoặc lễ hội của xã; nộp bản kế hoạch.",
        ),
    ),
)

TRACKS: list[TrackDeclaration] = [MILITARY, POLICE, JUSTICE, FINANCE, OFFICE, LAND, CULTURE]

ACTIVITY_KIND_OF_TRACK: dict[str, str] = {
    MILITARY.code: MILITIA_TRAINING_PLAN,
    POLICE.code: PUBLIC_ORDER_CASEWORK,
    JUSTICE.code: CIVIL_STATUS_REGISTRATION,
    FINANCE.code: BUDGET_ESTIMATE,
    OFFICE.code: DOCUMENT_DRAFTING,
    LAND.code: LAND_DOSSIER,
    CULTURE.code: SOCIAL_POLICY_DOSSIER,
}
"""The activity kind of each track's practicum sessions."""

# --------------------------------------------------------------------------------------------
# Assessment schemes
# --------------------------------------------------------------------------------------------

MIN_ATTENDANCE = Decimal("0.8")


def _scheme(
    track: TrackDeclaration, practical_title: str, weights: tuple[str, str, str]
) -> SchemeDeclaration:
    """A written test and the practical work (the practicum's product), both marked by two
    assessors, and attendance, weighted ``weights``; 80% attendance and the practicum signed off
    to complete."""
    written, practical, attendance = (Decimal(weight) for weight in weights)
    return SchemeDeclaration(
        track_code=track.code,
        components=(
            ComponentDeclaration(
                "written_test",
                "Bài kiểm tra viết",
                ComponentKind.WRITTEN_TEST,
                written,
                double_marking=True,
            ),
            ComponentDeclaration(
                "practical_work",
                practical_title,
                ComponentKind.PRACTICUM,
                practical,
                double_marking=True,
            ),
            ComponentDeclaration("attendance", "Chuyên cần", ComponentKind.ATTENDANCE, attendance),
        ),
        completion=CompletionRule(min_attendance_rate=MIN_ATTENDANCE, practicum_signed_off=True),
    )


SCHEMES: list[SchemeDeclaration] = [
    _scheme(MILITARY, "Kế hoạch huấn luyện dân quân", ("0.4", "0.5", "0.1")),
    _scheme(POLICE, "Hồ sơ cư trú và vụ việc trật tự, an toàn xã hội", ("0.5", "0.4", "0.1")),
    _scheme(JUSTICE, "Hồ sơ đăng ký hộ tịch và chứng thực", ("0.4", "0.5", "0.1")),
    _scheme(FINANCE, "Dự toán và quyết toán ngân sách xã", ("0.3", "0.6", "0.1")),
    _scheme(OFFICE, "Văn bản hành chính và báo cáo thống kê", ("0.4", "0.5", "0.1")),
    _scheme(LAND, "Hồ sơ đất đai và hồ sơ hòa giải", ("0.5", "0.4", "0.1")),
    _scheme(
        CULTURE, "Hồ sơ chính sách xã hội và kế hoạch hoạt động văn hóa", ("0.4", "0.4", "0.2")
    ),
]
"""Each track's scheme: the practical work weighs most where the post is mostly casework
(finance, justice, the military plan, the office's documents), the written test where it is
mostly applying the rules (police, land); Culture – Social weighs them equally and attendance
more, its work being with people at the commune's events."""
