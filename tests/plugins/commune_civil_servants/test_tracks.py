"""The commune civil servant tracks as the API shows them: seven specialties, each with its
catalogue, its practicum, its activity kind and its assessment scheme."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest

from tests.helpers import graphql_data

CIVIL_SERVANT_TRACKS = """
{
  tracks(filter: {pluginIds: ["commune_civil_servants"]}) {
    totalCount
    edges { node {
      code title titleEn description active
      posts { code title titleEn kind }
      topics { code title titleEn order origin active }
      practicumItems { code title description requiredCount active }
      scheme {
        components { code title kind weight doubleMarking }
        bands { name lowerBound }
        minAttendanceRate practicumSignedOff adjusted
      }
    } }
  }
}
"""

ACTIVITY_KINDS = "{ activityKinds { code title titleEn } }"

POSTS = {
    "civil_servant_culture": (
        "culture_social",
        "Công chức Văn hóa – Xã hội",
        "Culture – Social officer",
    ),
    "civil_servant_finance": (
        "finance_accounting",
        "Công chức Tài chính – Kế toán",
        "Finance – Accounting officer",
    ),
    "civil_servant_justice": (
        "justice_civil_status",
        "Công chức Tư pháp – Hộ tịch",
        "Justice – Civil Status officer",
    ),
    "civil_servant_land": (
        "land_construction_environment",
        "Công chức Địa chính – Xây dựng – Đô thị và Môi trường",
        "Land Administration – Construction – Urban and Environment officer",
    ),
    "civil_servant_military": (
        "military_commander",
        "Chỉ huy trưởng Quân sự",
        "Military Commander",
    ),
    "civil_servant_office": (
        "office_statistics",
        "Công chức Văn phòng – Thống kê",
        "Office – Statistics officer",
    ),
    "civil_servant_police": ("police_chief", "Trưởng Công an", "Police Chief"),
}
"""Each track's one post: code, Vietnamese and English title."""

PRACTICUM = {
    "civil_servant_culture": [("social_policy_dossiers", 3), ("cultural_event_plan", 1)],
    "civil_servant_finance": [("budget_estimate", 1), ("budget_settlement", 1)],
    "civil_servant_justice": [("civil_status_registrations", 5), ("certifications", 3)],
    "civil_servant_land": [("land_dossiers", 5), ("land_dispute_record", 1)],
    "civil_servant_military": [("militia_training_plan", 1), ("military_service_dossiers", 3)],
    "civil_servant_office": [("administrative_documents", 5), ("statistical_report", 1)],
    "civil_servant_police": [("residence_dossiers", 5), ("public_order_case", 1)],
}
"""Each track's practicum: item codes and the signed-off evidence each needs."""

ACTIVITY_KIND_TITLES = {
    "commune_civil_servants.militia_training_plan": "Ban Chỉ huy Quân sự huyện",
    "commune_civil_servants.public_order_casework": "Công an huyện",
    "commune_civil_servants.civil_status_registration": "Phòng Tư pháp huyện",
    "commune_civil_servants.budget_estimate": "Phòng Tài chính – Kế hoạch huyện",
    "commune_civil_servants.document_drafting": "Văn phòng HĐND và UBND huyện",
    "commune_civil_servants.land_dossier": "Phòng Tài nguyên và Môi trường huyện",
    "commune_civil_servants.social_policy_dossier": (
        "Phòng Lao động – Thương binh và Xã hội huyện"
    ),
}
"""The plugin's activity kinds, each at the district agency its title names."""

TOPIC_PREFIX = {
    "civil_servant_culture": "VH",
    "civil_servant_finance": "TC",
    "civil_servant_justice": "TP",
    "civil_servant_land": "DC",
    "civil_servant_military": "QS",
    "civil_servant_office": "VP",
    "civil_servant_police": "CA",
}

PRACTICAL_WEIGHT = {
    "civil_servant_culture": "0.4",
    "civil_servant_finance": "0.6",
    "civil_servant_justice": "0.5",
    "civil_servant_land": "0.4",
    "civil_servant_military": "0.5",
    "civil_servant_office": "0.5",
    "civil_servant_police": "0.4",
}


async def civil_servant_tracks(client) -> dict[str, dict]:
    data = await graphql_data(client, CIVIL_SERVANT_TRACKS)
    assert data["tracks"]["totalCount"] == 7
    return {edge["node"]["code"]: edge["node"] for edge in data["tracks"]["edges"]}


def nfc_with_diacritics(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text) and not text.isascii()


def english(text: str) -> bool:
    """Non-empty and free of Vietnamese letters (no combining marks once decomposed, no đ)."""
    decomposed = unicodedata.normalize("NFD", text)
    return bool(text) and not any(
        unicodedata.combining(char) or char in "đĐ" for char in decomposed
    )


async def test_there_is_one_active_track_per_civil_servant_post(anonymous):
    tracks = await civil_servant_tracks(anonymous)

    assert sorted(tracks) == sorted(POSTS)
    for code, track in tracks.items():
        assert track["active"] is True
        assert track["posts"] == [
            {
                "code": POSTS[code][0],
                "title": POSTS[code][1],
                "titleEn": POSTS[code][2],
                "kind": "CIVIL_SERVANT",
            }
        ]
        assert track["title"] == f"Học việc chức danh {POSTS[code][1]}"
        assert track["titleEn"].startswith("Apprenticeship for commune ")
        assert english(track["titleEn"]) and english(track["description"])
        assert len(track["description"]) > 80, code


@pytest.mark.parametrize("track_code", sorted(POSTS))
async def test_each_track_has_at_least_five_topics_titled_in_vietnamese_and_english(
    anonymous, track_code
):
    topics = (await civil_servant_tracks(anonymous))[track_code]["topics"]

    assert len(topics) >= 5
    assert [topic["order"] for topic in topics] == list(range(1, len(topics) + 1))
    assert [topic["code"] for topic in topics] == [
        f"{TOPIC_PREFIX[track_code]}{n:02d}" for n in range(1, len(topics) + 1)
    ]
    assert {(topic["origin"], topic["active"]) for topic in topics} == {("PLUGIN", True)}
    assert all(nfc_with_diacritics(topic["title"]) for topic in topics)
    assert all(english(topic["titleEn"]) for topic in topics)
    assert len({topic["title"] for topic in topics}) == len(topics)


@pytest.mark.parametrize("track_code", sorted(POSTS))
async def test_each_track_requires_a_practicum_of_its_own(anonymous, track_code):
    tracks = await civil_servant_tracks(anonymous)
    items = tracks[track_code]["practicumItems"]

    assert [(item["code"], item["requiredCount"]) for item in items] == PRACTICUM[track_code]
    assert all(item["active"] for item in items)
    assert all(nfc_with_diacritics(item["title"]) for item in items)
    assert all(nfc_with_diacritics(item["description"]) for item in items)
    others = {
        item["title"] for code, track in tracks.items() if code != track_code
        for item in track["practicumItems"]
    }  # fmt: skip
    assert not others & {item["title"] for item in items}


async def test_the_justice_and_finance_practicums_are_handled_at_their_district_offices(
    anonymous,
):
    tracks = await civil_servant_tracks(anonymous)
    justice, finance = (
        tracks[code]["practicumItems"][0]
        for code in ("civil_servant_justice", "civil_servant_finance")
    )

    assert justice["title"] == "Giải quyết hồ sơ đăng ký hộ tịch tại Phòng Tư pháp huyện"
    assert justice["requiredCount"] == 5
    assert finance["title"] == "Lập dự toán ngân sách xã tại Phòng Tài chính – Kế hoạch huyện"


async def test_the_activity_kinds_list_one_casework_kind_per_track(anonymous):
    data = await graphql_data(anonymous, ACTIVITY_KINDS)
    kinds = {
        kind["code"]: kind
        for kind in data["activityKinds"]
        if kind["code"].startswith("commune_civil_servants.")
    }

    assert sorted(kinds) == sorted(ACTIVITY_KIND_TITLES)
    for code, agency in ACTIVITY_KIND_TITLES.items():
        assert kinds[code]["title"].endswith(f"tại {agency}"), code
        assert nfc_with_diacritics(kinds[code]["title"])
        assert english(kinds[code]["titleEn"])
    assert {"theory", "test"} <= {kind["code"] for kind in data["activityKinds"]}


@pytest.mark.parametrize("track_code", sorted(POSTS))
async def test_each_track_declares_its_scheme(anonymous, track_code):
    scheme = (await civil_servant_tracks(anonymous))[track_code]["scheme"]

    components = {component["code"]: component for component in scheme["components"]}
    assert [(c["code"], c["kind"], c["doubleMarking"]) for c in scheme["components"]] == [
        ("written_test", "WRITTEN_TEST", True),
        ("practical_work", "PRACTICUM", True),
        ("attendance", "ATTENDANCE", False),
    ]
    assert sum(Decimal(component["weight"]) for component in scheme["components"]) == 1
    assert Decimal(components["practical_work"]["weight"]) == Decimal(PRACTICAL_WEIGHT[track_code])
    assert nfc_with_diacritics(components["practical_work"]["title"])
    assert Decimal(scheme["minAttendanceRate"]) == Decimal("0.8")
    assert scheme["practicumSignedOff"] is True
    assert scheme["adjusted"] is False
    assert [(band["name"], Decimal(band["lowerBound"])) for band in scheme["bands"]] == [
        ("Giỏi", Decimal("8")),
        ("Khá", Decimal("6.5")),
        ("Trung bình", Decimal("5")),
        ("Yếu", Decimal("0")),
    ]


async def test_the_practical_work_is_titled_after_each_tracks_practicum(anonymous):
    tracks = await civil_servant_tracks(anonymous)

    titles = {code: track["scheme"]["components"][1]["title"] for code, track in tracks.items()}

    assert len(set(titles.values())) == 7
    assert titles["civil_servant_finance"] == "Dự toán và quyết toán ngân sách xã"
    assert titles["civil_servant_justice"] == "Hồ sơ đăng ký hộ tịch và chứng thực"
