"""Tracks (one per role group, owned by a plugin) and their topic catalogues."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from core.models.enums import TopicOrigin

if TYPE_CHECKING:
    from core.models.posts import Post


class Track(Model):
    """A training track, synced from its plugin's declaration at start-up."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=64, unique=True)
    title = fields.CharField(max_length=200, description="Vietnamese title, NFC")
    title_en = fields.CharField(max_length=200)
    description = fields.TextField(default="")
    plugin_id = fields.CharField(max_length=64, db_index=True)
    is_active = fields.BooleanField(default=True, description="False while its plugin is off")
    posts: fields.ManyToManyRelation[Post] = fields.ManyToManyField(
        "core.Post", related_name="tracks", through="track_post"
    )

    topics: fields.ReverseRelation[Topic]

    class Meta:
        table = "track"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.title


class Topic(Model):
    """A topic (chuyên đề) of a track's catalogue that learners register when they need it."""

    id = fields.IntField(primary_key=True)
    track_id: int
    track: fields.ForeignKeyRelation[Track] = fields.ForeignKeyField(
        "core.Track", related_name="topics", on_delete=fields.RESTRICT
    )
    code = fields.CharField(max_length=64)
    title = fields.CharField(max_length=400)
    title_en = fields.CharField(max_length=400, default="", description="English title, if any")
    search_title = fields.CharField(max_length=400)
    order = fields.IntField(default=0)
    origin = fields.CharEnumField(TopicOrigin, max_length=16, default=TopicOrigin.LOCAL)
    is_active = fields.BooleanField(default=True, description="False once dropped from catalogue")

    class Meta:
        table = "topic"
        unique_together = (("track", "code"),)
        ordering = ["track_id", "order", "id"]

    def __str__(self) -> str:
        return self.title
