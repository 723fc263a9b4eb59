"""The per-request GraphQL context: loaders, the viewer and their access, plugins, settings."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from starlette.requests import Request

from core.models import Account
from core.models.enums import Role
from core.plugins import PluginRegistry
from core.services import sessions
from core.services.access import Access, Grant, access_for
from core.services.accounts import now
from core.settings import Settings
from schema.dataloaders import Loaders


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
    request_id: str
    credentials: Credentials = field(default_factory=Credentials)
    response_headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    """Headers the answer carries besides the usual ones (a sign-in's ``Set-Cookie``)."""
    _viewer: Any = field(default=None, repr=False)
    _access: Access | None = field(default=None, repr=False)
    _token_roles: frozenset[Role] | None = field(default=None, repr=False)
    """The roles an API token is limited to (``None``: all of its owner's, or no token)."""
    _known_grants: tuple[list[Grant], int] | None = field(default=None, repr=False)
    """The viewer's grants and the number of top units, when read with the session."""
    _pending: dict[str, asyncio.Future[None]] = field(default_factory=dict, repr=False)
    """Look-ups under way (:meth:`_once`)."""

    @cached_property
    def loaders(self) -> Loaders:
        return Loaders()

    async def viewer(self) -> Account | None:
        """The signed-in account: by a plugin's sign-in method (``actor_from_request``), else by
        API token if one is presented, else by session cookie. In production a demo account is
        nobody.

        Looked up once per request, when first asked: for a session, one statement that also
        reads the grants :meth:`access` needs.
        """
        if self._viewer is None:
            await self._once("viewer", self._look_up_viewer)
        assert self._viewer is not None
        viewer: Account | None = self._viewer[0]
        return viewer

    async def _look_up_viewer(self) -> None:
        moment = now()
        account = await self.registry.first_result(
            "actor_from_request",
            request=self.request,
            trusted_proxy=self.credentials.trusted_proxy,
        )
        if account is not None:
            account = account if account.active else None
        elif self.credentials.bearer is not None:
            token = await sessions.token_in_use(self.credentials.bearer, moment)
            account = None if token is None else token.account
            self._token_roles = None if token is None else sessions.token_roles(token)
        else:
            session = await sessions.session_viewer(self.credentials.session, self.settings, moment)
            account = None if session is None else session.account
            if session is not None:
                self._known_grants = (session.grants, session.top_units)
        if account is not None and account.is_demo and self.settings.production:
            account = None  # demo accounts' passwords are published
        self._viewer = (account,)

    async def access(self) -> Access:
        """What the viewer may do and reach: built once per request, when first asked, from
        the viewer and their grants (read with a session; one more statement otherwise)."""
        if self._access is None:
            await self._once("access", self._build_access)
        assert self._access is not None
        return self._access

    async def _build_access(self) -> None:
        account = await self.viewer()
        permissions = self.registry.permissions()
        self._access = await access_for(account, permissions, self._token_roles, self._known_grants)

    async def _once(self, name: str, load: Callable[[], Awaitable[None]]) -> None:
        """Run ``load`` once, however many sibling root fields ask at the same time."""
        pending = self._pending.get(name)
        if pending is None:
            pending = self._pending[name] = asyncio.ensure_future(load())
        await asyncio.shield(pending)

    @property
    def loaded_access(self) -> Access:
        """The access a root resolver loaded (:meth:`access`), for nested resolvers, which run
        after it; before that (never, for a field under a root that asked), nobody's."""
        if self._access is None:
            return Access(None, (), self.registry.permissions())
        return self._access

    def signed_in_as(self, account: Account | None) -> None:
        """Record who the request now acts for (after signing in or out)."""
        self._viewer = (account,)
        self._access = None
        self._token_roles = None
        self._known_grants = None
        self._pending.clear()
