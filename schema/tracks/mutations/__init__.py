"""Mutations of the curriculum domain."""

from __future__ import annotations

import strawberry

from schema.tracks.mutations.topic_create import create_topic


@strawberry.type
class TrackMutations:
    create_topic = strawberry.mutation(
        resolver=create_topic,
        description="Add a local topic to a track's catalogue; the plugin sync leaves it alone.",
    )
