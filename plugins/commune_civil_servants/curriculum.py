"""Commune civil servant tracks (công chức xã): one track per specialty.

Each specialty defines its own catalogue and assessment; the article names four specialties
and leaves their content open, so the catalogues are filled by the curriculum work.
"""

from __future__ import annotations

from hocviec import PostDeclaration, PostKind, TrackDeclaration

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


def _specialty_track(code: str, post: PostDeclaration) -> TrackDeclaration:
    return TrackDeclaration(
        code=code,
        title=f"Học việc chức danh {post.title}",
        title_en=f"Apprenticeship for commune {post.title_en}s",
        posts=(post,),
    )


TRACKS: list[TrackDeclaration] = [
    _specialty_track("civil_servant_military", MILITARY_COMMANDER),
    _specialty_track("civil_servant_police", POLICE_CHIEF),
    _specialty_track("civil_servant_justice", JUSTICE_CIVIL_STATUS),
    _specialty_track("civil_servant_finance", FINANCE_ACCOUNTING),
]
