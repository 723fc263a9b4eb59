"""Root query fields of the curriculum domain."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from core import permissions
from core.models import Topic as TopicRow
from core.models import Track as TrackRow
from core.orm import column_length
from core.services import directory
from schema.ids import decode_argument_id, optional
from schema.inputs import id_list_argument, text_argument, text_list_argument
from schema.pagination import (
    BY_ID,
    FILTER,
    After,
    Connection,
    First,
    SortDirection,
    SortKey,
    paginate,
)
from schema.permissions import authorize
from schema.tracks.types import Topic, Track


@strawberry.input(description="Filters for tracks; every given filter must match.")
class TrackFilter:
    plugin_ids: list[str] | None = strawberry.field(
        default=None, description="Only tracks of these plugins."
    )
    active: bool | None = strawberry.field(
        default=None, description="Only active (true) or inactive (false) tracks."
    )
    post_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only tracks whose cohorts holders of this post may join."
    )


@strawberry.input(description="Filters for topics; every given filter must match.")
class TopicFilter:
    track_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Only topics of these tracks."
    )
    active: bool | None = strawberry.field(
        default=None, description="Only topics still in (true) or dropped from (false) catalogues."
    )
    title: str | None = strawberry.field(
        default=None, description="Title contains this, ignoring case and diacritics."
    )


@strawberry.type
class TrackQueries:
    @strawberry.field(description="Training tracks, by code.")
    async def tracks(
        self,
        info: Info,
        filter: Annotated[TrackFilter | None, FILTER] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Track]:
        await authorize(info, permissions.READ_CATALOGUE)
        given = filter or TrackFilter()
        query = directory.filter_tracks(
            directory.TrackFilter(
                plugin_ids=text_list_argument(
                    given.plugin_ids, "filter.pluginIds", column_length(TrackRow, "plugin_id")
                ),
                active=given.active,
                post_id=optional(decode_argument_id, given.post_id, "Post", "filter.postId"),
            )
        )
        return await paginate(
            info,
            query,
            first=first,
            after=after,
            key=SortKey("code"),
            direction=SortDirection.ASC,
            node_type=Track,
        )

    @strawberry.field(
        description="Topics of all catalogues as recorded; `Track.topics` lists them in order."
    )
    async def topics(
        self,
        info: Info,
        filter: Annotated[TopicFilter | None, FILTER] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Topic]:
        await authorize(info, permissions.READ_CATALOGUE)
        given = filter or TopicFilter()
        query = directory.filter_topics(
            directory.TopicFilter(
                track_ids=id_list_argument(given.track_ids, "Track", "filter.trackIds"),
                active=given.active,
                title=text_argument(
                    given.title, "filter.title", column_length(TopicRow, "search_title")
                ),
            )
        )
        return await paginate(
            info,
            query,
            first=first,
            after=after,
            key=BY_ID,
            direction=SortDirection.ASC,
            node_type=Topic,
        )
