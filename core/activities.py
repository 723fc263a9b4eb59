"""The learning activities a cohort's session may be: the core's, named by the article, and
those plugins add with ``register_activity_kinds`` (prefixed with the plugin id)."""

from __future__ import annotations

from core.declarations import ActivityKindDeclaration

THEORY = "theory"
SITUATION_HANDLING = "situation_handling"
MEETING_OBSERVATION = "meeting_observation"
WORKING_TRIP = "working_trip"
GROUP_DISCUSSION = "group_discussion"
CASE_STUDY = "case_study"
TEST = "test"

CORE_ACTIVITY_KINDS = (
    ActivityKindDeclaration(THEORY, "Học lý thuyết", "Theory"),
    ActivityKindDeclaration(SITUATION_HANDLING, "Xử lý tình huống", "Situation handling"),
    ActivityKindDeclaration(MEETING_OBSERVATION, "Dự họp", "Observing a meeting"),
    ActivityKindDeclaration(
        WORKING_TRIP,
        "Đi công tác cơ sở cùng lãnh đạo huyện",
        "Working trip with district leaders",
    ),
    ActivityKindDeclaration(GROUP_DISCUSSION, "Thảo luận nhóm", "Group discussion"),
    ActivityKindDeclaration(CASE_STUDY, "Bài tập tình huống", "Case-study exercise"),
    ActivityKindDeclaration(TEST, "Kiểm tra", "Test"),
)
