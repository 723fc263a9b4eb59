"""Assessment: a cohort's scheme (components with weights, bands, completion rule).

Scores are integers of hundredths and weights of ten-thousandths (``core.scores``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

from core.models.enums import ComponentKind

if TYPE_CHECKING:
    from core.models.accounts import Account
    from core.models.cohorts import Cohort, Enrollment


class CohortScheme(Model):
    """A cohort's own copy of its track's assessment scheme, as a coordinator adjusted it.

    A cohort without one is assessed by its track's declared scheme.
    """

    id = fields.IntField(primary_key=True)
    cohort_id: int
    cohort: fields.OneToOneRelation[Cohort] = fields.OneToOneField(
        "core.Cohort", related_name="scheme", on_delete=fields.RESTRICT
    )
    min_attendance_rate = fields.SmallIntField(null=True)
    """In ten-thousandths (0.8 is 8000); null: no minimum."""
    practicum_signed_off = fields.BooleanField(default=True)
    adjusted_at = fields.DatetimeField()
    adjusted_by_id: int | None
    adjusted_by: fields.ForeignKeyNullableRelation[Account] = fields.ForeignKeyField(
        "core.Account", related_name="adjusted_schemes", null=True, on_delete=fields.SET_NULL
    )

    components: fields.ReverseRelation[SchemeComponent]
    bands: fields.ReverseRelation[SchemeBand]

    class Meta:
        table = "cohort_scheme"

    def __str__(self) -> str:
        return f"scheme of cohort {self.cohort_id}"


class SchemeComponent(Model):
    """A weighted component of a cohort's scheme."""

    id = fields.IntField(primary_key=True)
    scheme_id: int
    scheme: fields.ForeignKeyRelation[CohortScheme] = fields.ForeignKeyField(
        "core.CohortScheme", related_name="components", on_delete=fields.CASCADE
    )
    code = fields.CharField(max_length=64)
    title = fields.CharField(max_length=200)
    kind = fields.CharEnumField(ComponentKind, max_length=32)
    weight = fields.SmallIntField()
    """In ten-thousandths: a scheme's weights sum to 10,000."""
    double_marking = fields.BooleanField(default=False)
    """A second assessor scores it too."""
    plugin_kind = fields.CharField(max_length=64, default="")
    """For a PLUGIN component: the kind's code, graded by its plugin."""
    order = fields.SmallIntField()

    class Meta:
        table = "scheme_component"
        unique_together = (("scheme", "code"),)

    def __str__(self) -> str:
        return self.code


class SchemeBand(Model):
    """A band of a cohort's scheme: its name and lowest score, in hundredths."""

    id = fields.IntField(primary_key=True)
    scheme_id: int
    scheme: fields.ForeignKeyRelation[CohortScheme] = fields.ForeignKeyField(
        "core.CohortScheme", related_name="bands", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=100)
    lower_bound = fields.SmallIntField()

    class Meta:
        table = "scheme_band"
        unique_together = (("scheme", "lower_bound"),)

    def __str__(self) -> str:
        return self.name


class ComponentScore(Model):
    """An assessor's score (hundredths) for one enrollment on one scored component (written or
    practical work), with the second assessor's where the scheme asks for double marking."""

    id = fields.IntField(primary_key=True)
    enrollment_id: int
    enrollment: fields.ForeignKeyRelation[Enrollment] = fields.ForeignKeyField(
        "core.Enrollment", related_name="component_scores", on_delete=fields.RESTRICT
    )
    component = fields.CharField(max_length=64)
    """The component's code in the cohort's scheme."""
    score = fields.SmallIntField()
    comment = fields.TextField(default="")
    scored_by_id: int | None
    scored_by: fields.ForeignKeyNullableRelation[Account] = fields.ForeignKeyField(
        "core.Account", related_name="first_scores", null=True, on_delete=fields.SET_NULL
    )
    scored_at = fields.DatetimeField()
    second_score = fields.SmallIntField(null=True)
    second_comment = fields.TextField(default="")
    second_by_id: int | None
    second_by: fields.ForeignKeyNullableRelation[Account] = fields.ForeignKeyField(
        "core.Account", related_name="second_scores", null=True, on_delete=fields.SET_NULL
    )
    second_at = fields.DatetimeField(null=True)

    class Meta:
        table = "component_score"
        unique_together = (("enrollment", "component"),)

    def __str__(self) -> str:
        return f"{self.component} of {self.enrollment_id}"


class Result(Model):
    """An enrollment's finalised result: weighted score (hundredths), band, completed or not
    and why, and the official's post and org unit at the time (the record outlives both)."""

    id = fields.IntField(primary_key=True)
    enrollment_id: int
    enrollment: fields.OneToOneRelation[Enrollment] = fields.OneToOneField(
        "core.Enrollment", related_name="result", on_delete=fields.RESTRICT
    )
    cohort_id: int
    cohort: fields.ForeignKeyRelation[Cohort] = fields.ForeignKeyField(
        "core.Cohort", related_name="results", on_delete=fields.RESTRICT
    )
    score = fields.SmallIntField()
    band = fields.CharField(max_length=100)
    completed = fields.BooleanField()
    reasons: Any = fields.JSONField(default=list)
    """Why not completed: sentences, one a condition missed."""
    components: Any = fields.JSONField(default=list)
    """``[{"code", "score", "weight"}]``: each component's score (hundredths) and weight."""
    post_id = fields.IntField()
    org_unit_id = fields.IntField()
    finalised_at = fields.DatetimeField()

    amendments: fields.ReverseRelation[ResultAmendment]

    class Meta:
        table = "result"
        indexes = (("cohort_id", "band"), ("org_unit_id", "finalised_at"))

    def __str__(self) -> str:
        return f"result of {self.enrollment_id}"


class ResultAmendment(Model):
    """An admin's amendment of a finalised result, kept beside the original with the reason."""

    id = fields.IntField(primary_key=True)
    result_id: int
    result: fields.ForeignKeyRelation[Result] = fields.ForeignKeyField(
        "core.Result", related_name="amendments", on_delete=fields.RESTRICT
    )
    previous_score = fields.SmallIntField()
    previous_band = fields.CharField(max_length=100)
    previous_completed = fields.BooleanField()
    score = fields.SmallIntField()
    band = fields.CharField(max_length=100)
    completed = fields.BooleanField()
    reason = fields.TextField()
    amended_by_id: int | None
    amended_by: fields.ForeignKeyNullableRelation[Account] = fields.ForeignKeyField(
        "core.Account", related_name="amendments", null=True, on_delete=fields.SET_NULL
    )
    amended_at = fields.DatetimeField()

    class Meta:
        table = "result_amendment"
        indexes = (("result_id", "id"),)

    def __str__(self) -> str:
        return f"amendment {self.pk}"
