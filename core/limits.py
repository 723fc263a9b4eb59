"""Declared maxima of the lists the API returns whole (not as connections).

Each plain list field of the schema is bounded by nature: a track has a catalogue of a few
dozen topics, a cohort a handful of host agencies. The maximum is declared here once, used by
the GraphQL cost analysis (a list counts as this many objects) and enforced by every write that
can grow the list, so the bound the analysis assumes always holds in the data.

A list that grows without bound over the years (an official's enrollments) is a connection.
"""

from __future__ import annotations

from typing import Final

MAX_TOPICS_PER_TRACK: Final = 100
"""A track's topic catalogue (the People's Committee track has 19), plugin and local topics."""

MAX_POSTS_PER_TRACK: Final = 50
"""The posts a track is declared for."""

MAX_HOST_AGENCIES_PER_COHORT: Final = 30
"""The district agencies a cohort's learners are placed at."""

MAX_TOPICS_PER_ENROLLMENT: Final = MAX_TOPICS_PER_TRACK
"""Topics one learner registers: a subset of the track's catalogue."""

MAX_CHILDREN_PER_ORG_UNIT: Final = 500
"""Units directly below one unit (a province has at most a few hundred communes)."""

MAX_ESTABLISHED_POSTS: Final = 100
"""Posts of one unit's establishment (a commune has about twenty: its cadres and civil servants)."""

MAX_SEATS_PER_POST: Final = 20
"""Seats (quota) of one post in one commune: one to a few."""

MAX_BOARDS_PER_PROGRAMME: Final = 10
"""A programme's boards (steering, drafting-and-teaching, appraisal, …)."""

MAX_MEMBERS_PER_BOARD: Final = 100
"""Members of one board."""

MAX_PLUGINS: Final = 100
"""Enabled plugins."""

MAX_USER_ERRORS: Final = 100
"""Problems one mutation payload reports."""

MAX_GRANTS_PER_ACCOUNT: Final = 50

MAX_SEATS_PER_ACCOUNT: Final = 20
"""Board seats one account holds (a person sits on a board or two of a few programmes)."""
"""Role grants one account may hold (a few, in practice); also ``Viewer.roles``' bound."""
MAX_REENROLLMENTS: Final = 10
"""How often a withdrawn official may be enrolled again in one cohort (then ``TOO_MANY``)."""
MAX_ENROLLMENT_EVENTS: Final = 2 * MAX_REENROLLMENTS + 2
"""An enrollment's history at its longest: enrolled, withdrawn, and each re-enrollment with
its withdrawal."""

MAX_PRACTICUM_ITEMS_PER_TRACK: Final = 20
"""The practicum items a track requires (a few, in practice)."""
MAX_EVIDENCE_PER_ITEM: Final = 20
"""Pieces of evidence one learner gives for one practicum item (returned ones included)."""
MAX_LESSON_VERSIONS: Final = 30
"""Versions of one topic's lesson content for one programme (a few, in practice)."""
MAX_LESSON_REVISIONS: Final = 50
"""Times one draft may be revised before it is submitted."""
MAX_LESSON_STEPS: Final = MAX_LESSON_REVISIONS + 3
"""Steps of one version: drafted, its revisions, submitted, approved or returned."""
MAX_ACTIVITY_KINDS: Final = 100
"""Activity kinds, the core's and the plugins'."""
MAX_LESSON_BODY_LENGTH: Final = 100_000
"""Characters of one lesson version's Markdown body (a long lesson is about 30,000)."""
MAX_COMMENT_LENGTH: Final = 5_000
"""Characters of an appraiser's or assessor's comment, or of a piece of evidence's text."""
MAX_FILES_PER_INPUT: Final = 20
"""Files one mutation input may name (a lesson's material, a practicum's evidence)."""
MAX_NOTICES: Final = 10
"""Informational notices one mutation payload gives (``ChangeCohortStatusPayload.notices``)."""
MAX_COHORT_CAPACITY: Final = 500
"""Most officials a cohort takes at once (a track's cohorts hold tens: 52 eligible chairs and
vice-chairs in the district, a first batch of 50; a province-wide cohort a few hundred). It
bounds ``Cohort.enrollmentsByOrgUnit`` and an attendance sheet."""
MAX_ORG_UNITS_PER_COHORT: Final = MAX_COHORT_CAPACITY
"""The org units a cohort's enrolled officials come from (``Cohort.enrollmentsByOrgUnit``):
at most one per enrolled official."""
MAX_ATTENDANCE_ENTRIES: Final = MAX_COHORT_CAPACITY
"""Learners one ``recordAttendance`` call records: at most a cohort's capacity."""
MAX_TESTS_PER_COHORT: Final = 20
"""Tests set for one cohort (one or two, in practice)."""
MAX_RESULTS_PER_OFFICIAL: Final = 100
"""Finalised results of one official over the years (a few a year at most)."""
