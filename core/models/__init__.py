"""Core tortoise models (app label ``core``), one module per aggregate."""

from core.models.cohorts import Cohort, Enrollment, TopicRegistration
from core.models.org import HostAgency, OrgUnit
from core.models.people import Official
from core.models.posts import Post, PostQuota
from core.models.programmes import Board, BoardMember, Programme
from core.models.tracks import Topic, Track

__models__ = [
    OrgUnit,
    HostAgency,
    Post,
    PostQuota,
    Official,
    Programme,
    Board,
    BoardMember,
    Track,
    Topic,
    Cohort,
    Enrollment,
    TopicRegistration,
]

__all__ = [
    "Board",
    "BoardMember",
    "Cohort",
    "Enrollment",
    "HostAgency",
    "Official",
    "OrgUnit",
    "Post",
    "PostQuota",
    "Programme",
    "Topic",
    "TopicRegistration",
    "Track",
]
