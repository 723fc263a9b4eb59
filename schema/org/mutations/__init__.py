"""Mutations of the org domain."""

from __future__ import annotations

import strawberry

from schema.org.mutations.post_quota_set import set_post_quota


@strawberry.type
class OrgMutations:
    set_post_quota = strawberry.mutation(
        resolver=set_post_quota,
        description="Set the seats (chỉ tiêu) of a post in a commune or town; 0 removes the "
        "post from its establishment.",
    )
