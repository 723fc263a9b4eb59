"""The per-request GraphQL context: loaders, the viewer's access policy, plugins and settings."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from starlette.requests import Request

from core.plugins import PluginRegistry
from core.settings import Settings
from schema.dataloaders import Loaders

if TYPE_CHECKING:
    from schema.permissions import AccessPolicy


@dataclass
class Context:
    """What every resolver gets as ``info.context``; made anew for each request.

    Cheap to build: the loaders are made on first use, so a request that needs none (a
    refused document, ``{ plugins { id } }``) never builds them.
    """

    request: Request | None
    registry: PluginRegistry
    settings: Settings
    policy: AccessPolicy
    request_id: str

    @cached_property
    def loaders(self) -> Loaders:
        return Loaders()
