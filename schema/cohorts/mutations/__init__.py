"""Mutations of the training domain, one per module (Saleor style)."""

from __future__ import annotations

import strawberry

from schema.cohorts.mutations.cohort_create import create_cohort
from schema.cohorts.mutations.cohort_status_change import change_cohort_status
from schema.cohorts.mutations.cohort_update import update_cohort
from schema.cohorts.mutations.enrollment_create import enroll_official
from schema.cohorts.mutations.enrollment_withdraw import withdraw_enrollment
from schema.cohorts.mutations.topic_registrations_set import register_topics


@strawberry.type
class CohortMutations:
    create_cohort = strawberry.mutation(
        resolver=create_cohort, description="Plan a new cohort of a track (status PLANNED)."
    )
    update_cohort = strawberry.mutation(
        resolver=update_cohort, description="Change a cohort that is not completed or closed."
    )
    change_cohort_status = strawberry.mutation(
        resolver=change_cohort_status,
        description="Move a cohort to its next status (see `Cohort.nextStatuses`).",
    )
    enroll_official = strawberry.mutation(
        resolver=enroll_official,
        description="Enroll an eligible official in an open cohort that has a free place.",
    )
    withdraw_enrollment = strawberry.mutation(
        resolver=withdraw_enrollment,
        description="Withdraw an enrollment; it stays in the official's record.",
    )
    register_topics = strawberry.mutation(
        resolver=register_topics,
        description="Set the topics an enrollment registered, from its cohort's track.",
    )
