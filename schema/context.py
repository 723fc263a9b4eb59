"""The per-request GraphQL context: loaders, the viewer's access policy, plugins and settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from starlette.requests import Request

from core.models import Account
from core.plugins import PluginRegistry
from core.services import sessions
from core.services.accounts import now
from core.settings import Settings
from schema.dataloaders import Loaders

if TYPE_CHECKING:
    from schema.permissions import AccessPolicy


@dataclass(frozen=True)
class Credentials:
    """What a request presents to say who it comes from (see :func:`core.http.credentials`)."""

    session: str | None = None
    """The session cookie's secret."""
    bearer: str | None = None
    """An ``Authorization: Bearer`` API token."""
    address: str | None = None
    """The client's address (through trusted proxies only)."""
    https: bool = False
    trusted_proxy: bool = False
    """The request came through a proxy listed in ``HOCVIEC_TRUSTED_PROXIES``."""


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
    credentials: Credentials = field(default_factory=Credentials)
    response_headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    """Headers the answer carries besides the usual ones (a sign-in's ``Set-Cookie``)."""
    _viewer: Any = field(default=None, repr=False)

    @cached_property
    def loaders(self) -> Loaders:
        return Loaders()

    async def viewer(self) -> Account | None:
        """The signed-in account: by a plugin's sign-in method (``actor_from_request``), else by
        API token if one is presented, else by session cookie.

        Looked up once per request (one statement), when first asked.
        """
        if self._viewer is None:
            moment = now()
            account = await self.registry.first_result(
                "actor_from_request",
                request=self.request,
                trusted_proxy=self.credentials.trusted_proxy,
            )
            if account is not None:
                account = account if account.active else None
            elif self.credentials.bearer is not None:
                account = await sessions.token_account(self.credentials.bearer, moment)
            else:
                account = await sessions.session_account(
                    self.credentials.session, self.settings, moment
                )
            self._viewer = (account,)
        viewer: Account | None = self._viewer[0]
        return viewer

    def signed_in_as(self, account: Account | None) -> None:
        """Record who the request now acts for (after signing in or out)."""
        self._viewer = (account,)
