"""A cohort's schedule: sessions (date, topic, host agency, lecturer, activity) and attendance."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from core.models.enums import AttendanceStatus

if TYPE_CHECKING:
    from core.models.accounts import Account
    from core.models.cohorts import Cohort, Enrollment
    from core.models.lessons import LessonVersion
    from core.models.org import HostAgency
    from core.models.programmes import BoardMember
    from core.models.tracks import Topic


class CohortSession(Model):
    """One session of a cohort's schedule.

    ``activity_kind`` is the code of a core activity (``core.activities``) or of one a plugin
    adds with ``register_activity_kinds``. A session on a topic teaches the lesson version
    approved when it was scheduled (``lesson_version``).
    """

    id = fields.IntField(primary_key=True)
    cohort_id: int
    cohort: fields.ForeignKeyRelation[Cohort] = fields.ForeignKeyField(
        "core.Cohort", related_name="sessions", on_delete=fields.RESTRICT
    )
    starts_at = fields.DatetimeField()
    ends_at = fields.DatetimeField()
    activity_kind = fields.CharField(max_length=64)
    title = fields.CharField(max_length=300, default="")
    topic_id: int | None
    topic: fields.ForeignKeyNullableRelation[Topic] = fields.ForeignKeyField(
        "core.Topic", related_name="sessions", null=True, on_delete=fields.RESTRICT
    )
    lesson_version_id: int | None
    lesson_version: fields.ForeignKeyNullableRelation[LessonVersion] = fields.ForeignKeyField(
        "core.LessonVersion", related_name="sessions", null=True, on_delete=fields.RESTRICT
    )
    host_agency_id: int | None
    host_agency: fields.ForeignKeyNullableRelation[HostAgency] = fields.ForeignKeyField(
        "core.HostAgency", related_name="sessions", null=True, on_delete=fields.RESTRICT
    )
    lecturer_id: int | None
    lecturer: fields.ForeignKeyNullableRelation[BoardMember] = fields.ForeignKeyField(
        "core.BoardMember", related_name="sessions", null=True, on_delete=fields.RESTRICT
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    attendance: fields.ReverseRelation[Attendance]

    class Meta:
        table = "cohort_session"
        indexes = (("cohort_id", "starts_at", "id"), ("cohort_id", "id"))

    def __str__(self) -> str:
        return self.title or f"session {self.pk}"


class Attendance(Model):
    """How one enrollment attended one session.

    Corrected in place; the audit log keeps who changed it and when.
    """

    id = fields.IntField(primary_key=True)
    session_id: int
    session: fields.ForeignKeyRelation[CohortSession] = fields.ForeignKeyField(
        "core.CohortSession", related_name="attendance", on_delete=fields.RESTRICT
    )
    enrollment_id: int
    enrollment: fields.ForeignKeyRelation[Enrollment] = fields.ForeignKeyField(
        "core.Enrollment", related_name="attendance", on_delete=fields.RESTRICT
    )
    status = fields.CharEnumField(AttendanceStatus, max_length=16)
    note = fields.CharField(max_length=500, default="")
    recorded_by_id: int | None
    recorded_by: fields.ForeignKeyNullableRelation[Account] = fields.ForeignKeyField(
        "core.Account", related_name="attendance_records", null=True, on_delete=fields.SET_NULL
    )
    recorded_at = fields.DatetimeField()

    class Meta:
        table = "attendance"
        unique_together = (("session", "enrollment"),)
        indexes = (("enrollment_id", "status"),)

    def __str__(self) -> str:
        return f"{self.status.value} ({self.enrollment_id} at {self.session_id})"
