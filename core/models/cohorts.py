"""Cohorts (khóa học việc), enrollments and topic registrations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from core.models.enums import CohortStatus, EnrollmentEventKind, EnrollmentStatus

if TYPE_CHECKING:
    from core.models.accounts import Account
    from core.models.org import HostAgency, OrgUnit
    from core.models.people import Official
    from core.models.programmes import Programme
    from core.models.tracks import Topic, Track


class Cohort(Model):
    """A run of a track at host agencies, with dates, capacity and a life-cycle status."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=200)
    track_id: int
    track: fields.ForeignKeyRelation[Track] = fields.ForeignKeyField(
        "core.Track", related_name="cohorts", on_delete=fields.RESTRICT
    )
    programme_id: int | None
    programme: fields.ForeignKeyNullableRelation[Programme] = fields.ForeignKeyField(
        "core.Programme", related_name="cohorts", null=True, on_delete=fields.RESTRICT
    )
    org_unit_id: int
    org_unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "core.OrgUnit", related_name="cohorts", on_delete=fields.RESTRICT
    )
    """The org unit that runs the cohort: who may manage it is decided over this unit."""
    host_agencies: fields.ManyToManyRelation[HostAgency] = fields.ManyToManyField(
        "core.HostAgency", related_name="cohorts", through="cohort_host_agency"
    )
    starts_on = fields.DateField()
    ends_on = fields.DateField()
    capacity = fields.IntField()
    status = fields.CharEnumField(CohortStatus, max_length=16, default=CohortStatus.PLANNED)
    results_final_at = fields.DatetimeField(null=True)
    """When its results were finalised: scores, attendance and results are locked then."""
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    enrollments: fields.ReverseRelation[Enrollment]

    class Meta:
        table = "cohort"
        indexes = (("track_id", "status"), ("starts_on", "id"), ("name", "id"))

    def __str__(self) -> str:
        return self.name


class Enrollment(Model):
    """An official's place in a cohort, withdrawn but never deleted (records outlive cohorts)."""

    id = fields.IntField(primary_key=True)
    official_id: int
    official: fields.ForeignKeyRelation[Official] = fields.ForeignKeyField(
        "core.Official", related_name="enrollments", on_delete=fields.RESTRICT
    )
    cohort_id: int
    cohort: fields.ForeignKeyRelation[Cohort] = fields.ForeignKeyField(
        "core.Cohort", related_name="enrollments", on_delete=fields.RESTRICT
    )
    status = fields.CharEnumField(
        EnrollmentStatus, max_length=16, default=EnrollmentStatus.ENROLLED
    )
    enrolled_at = fields.DatetimeField(auto_now_add=True)
    withdrawn_at = fields.DatetimeField(null=True)

    registrations: fields.ReverseRelation[TopicRegistration]

    class Meta:
        table = "enrollment"
        unique_together = (("official", "cohort"),)
        # A cohort's roster and an official's record are pages in id order.
        indexes = (("cohort_id", "status"), ("cohort_id", "id"), ("official_id", "id"))

    def __str__(self) -> str:
        return f"enrollment {self.pk}"


class EnrollmentEvent(Model):
    """One step of an enrollment's history: enrolled, withdrawn (with the reason) or enrolled
    again; kept for good, so a withdrawal stays in the record after a re-enrollment."""

    id = fields.IntField(primary_key=True)
    enrollment_id: int
    enrollment: fields.ForeignKeyRelation[Enrollment] = fields.ForeignKeyField(
        "core.Enrollment", related_name="events", on_delete=fields.RESTRICT
    )
    kind = fields.CharEnumField(EnrollmentEventKind, max_length=16)
    reason = fields.CharField(max_length=500, default="")
    at = fields.DatetimeField()
    actor_id: int | None
    actor: fields.ForeignKeyNullableRelation[Account] = fields.ForeignKeyField(
        "core.Account", related_name="enrollment_events", null=True, on_delete=fields.SET_NULL
    )

    class Meta:
        table = "enrollment_event"
        indexes = (("enrollment_id", "id"),)

    def __str__(self) -> str:
        return f"{self.kind.value} at {self.at}"


class TopicRegistration(Model):
    """A topic an enrolled official registered ("learn what you need")."""

    id = fields.IntField(primary_key=True)
    enrollment_id: int
    enrollment: fields.ForeignKeyRelation[Enrollment] = fields.ForeignKeyField(
        "core.Enrollment", related_name="registrations", on_delete=fields.CASCADE
    )
    topic_id: int
    topic: fields.ForeignKeyRelation[Topic] = fields.ForeignKeyField(
        "core.Topic", related_name="registrations", on_delete=fields.RESTRICT
    )
    registered_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "topic_registration"
        unique_together = (("enrollment", "topic"),)

    def __str__(self) -> str:
        return f"registration {self.pk}"
