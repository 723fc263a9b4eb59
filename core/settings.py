"""Settings read from the environment, with clear errors for bad values.

- ``HOCVIEC_ENV``: ``development`` (default) or ``production``; production serves
  introspection and field suggestions to signed-in staff only, refuses demo accounts, allows
  cross-origin requests only from ``HOCVIEC_CORS_ORIGINS`` and always marks the session
  cookie ``Secure``;
- ``HOCVIEC_CORS_ORIGINS``: comma-separated origins (``scheme://host[:port]``) whose browsers
  may call ``/graphql`` with credentials (in development ``http://localhost`` and
  ``http://127.0.0.1`` on any port are allowed too), default none;
- ``DATABASE_URL``: ``sqlite://<file>`` (default ``sqlite://hocviec.sqlite3``) or
  ``postgres://user@host:port/database``;
- ``HOCVIEC_PLUGINS``: which plugins to enable (see :func:`parse_plugin_selection`), default all;
- ``HOCVIEC_DEBUG``: ``true`` shows unmasked errors and verbose logs, default ``false``;
- ``HOCVIEC_MAX_PAGE_SIZE``: the largest ``first`` a connection accepts, default ``100``;
- the request limits (see :class:`Settings` and the README's table): ``HOCVIEC_MAX_BODY_BYTES``,
  ``HOCVIEC_BODY_TIMEOUT``, ``HOCVIEC_REQUEST_TIMEOUT``, ``HOCVIEC_MAX_COST``,
  ``HOCVIEC_MAX_TOKENS``, ``HOCVIEC_MAX_DEPTH``, ``HOCVIEC_MAX_ALIASES``;
- the uploaded files (``POST /files``, see ``docs/files.md``): ``HOCVIEC_FILES_DIR``, the
  folder the default storage keeps them in (default ``files`` in the current folder, made on
  the first upload); ``HOCVIEC_MAX_UPLOAD_BYTES``, the largest file accepted (default
  20,000,000); ``HOCVIEC_FILE_STORAGE``, ``local`` (default: that folder) or ``module:Class``
  naming a class that implements :class:`core.storage.FileStorage`, called with the settings
  (an object store, when several hosts serve one database).
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

DEFAULT_DATABASE_URL = "sqlite://hocviec.sqlite3"
SUPPORTED_SCHEMES = ("sqlite", "postgres", "postgresql", "asyncpg")
TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}
ENVIRONMENTS = ("development", "production")
DEFAULT_FILES_DIR = "files"
LOCAL_STORAGE = "local"
_STORAGE_CLASS = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*:[A-Za-z_]\w*")


class SettingsError(ValueError):
    """A setting has a value hocviec cannot use; the message names the variable."""


@dataclass(frozen=True)
class PluginSelection:
    """Which plugins HOCVIEC_PLUGINS enables.

    ``only`` lists the plugins to enable (``None``: every discovered plugin);
    ``disabled`` lists plugins to leave out.
    """

    only: frozenset[str] | None = None
    disabled: frozenset[str] = frozenset()

    def named(self) -> frozenset[str]:
        """Every plugin id the setting mentions, so unknown ones can be reported."""
        return (self.only or frozenset()) | self.disabled

    def enables(self, plugin_id: str) -> bool:
        if plugin_id in self.disabled:
            return False
        return self.only is None or plugin_id in self.only


@dataclass(frozen=True)
class Settings:
    """Everything hocviec reads from its environment."""

    environment: str = "development"
    """``development`` or ``production`` (``HOCVIEC_ENV``); see :attr:`production`."""
    database_url: str = DEFAULT_DATABASE_URL
    plugins: PluginSelection = field(default_factory=PluginSelection)
    debug: bool = False
    max_page_size: int = 100
    max_body_bytes: int = 1_000_000
    """The largest request body accepted (413 beyond), checked while it is read."""
    body_timeout: float = 10.0
    """Seconds a client has to send its whole body (408 beyond): slow clients are cut off."""
    request_timeout: float = 15.0
    """Wall-clock seconds for a GraphQL request's checks and execution (``TIMEOUT`` beyond)."""
    max_cost: int = 50_000
    """The most objects one operation may return, as the cost analysis bounds it."""
    max_tokens: int = 4000
    max_depth: int = 12
    max_aliases: int = 30
    password_memory_kib: int = 65_536
    """argon2id memory per password hash (KiB); a stored hash made otherwise is renewed at the
    next sign-in."""
    password_time_cost: int = 3
    """argon2id passes per password hash."""
    session_idle_minutes: int = 30
    """A signed-in session ends after this long without a request."""
    session_hours: int = 12
    """A signed-in session ends this long after sign-in, however active."""
    trusted_proxies: frozenset[str] = frozenset()
    """Addresses of reverse proxies whose ``X-Forwarded-For`` and ``X-Forwarded-Proto`` are
    believed; from anyone else those headers are ignored."""
    cors_origins: frozenset[str] = frozenset()
    """Origins (``https://app.example.vn``) whose browsers may call ``/graphql`` with credentials
    (``HOCVIEC_CORS_ORIGINS``); in development, ``http://localhost`` and ``http://127.0.0.1`` on
    any port too."""
    files_dir: str = DEFAULT_FILES_DIR
    """The folder the local storage keeps uploaded files in (``HOCVIEC_FILES_DIR``), relative to
    the current folder unless absolute; made on the first upload."""
    max_upload_bytes: int = 20_000_000
    """The largest file ``POST /files`` accepts (413 beyond), checked while it streams in."""
    file_storage: str = LOCAL_STORAGE
    """Where uploaded files are kept (``HOCVIEC_FILE_STORAGE``): ``local`` (:attr:`files_dir`)
    or ``module:Class``, a :class:`core.storage.FileStorage` made with these settings."""

    @property
    def production(self) -> bool:
        """Whether hocviec runs in production: introspection and field suggestions for signed-in
        staff only, no demo accounts, cross-origin requests only from :attr:`cors_origins`,
        ``Secure`` session cookies."""
        return self.environment == "production"

    @property
    def session_idle(self) -> timedelta:
        return timedelta(minutes=self.session_idle_minutes)

    @property
    def session_lifetime(self) -> timedelta:
        return timedelta(hours=self.session_hours)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite://")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        return cls(
            environment=parse_environment(env.get("HOCVIEC_ENV", "development")),
            database_url=parse_database_url(env.get("DATABASE_URL", DEFAULT_DATABASE_URL)),
            plugins=parse_plugin_selection(env.get("HOCVIEC_PLUGINS", "")),
            debug=parse_bool("HOCVIEC_DEBUG", env.get("HOCVIEC_DEBUG", "false")),
            max_page_size=_int(env, "HOCVIEC_MAX_PAGE_SIZE", cls.max_page_size),
            max_body_bytes=_int(env, "HOCVIEC_MAX_BODY_BYTES", cls.max_body_bytes),
            body_timeout=_seconds(env, "HOCVIEC_BODY_TIMEOUT", cls.body_timeout),
            request_timeout=_seconds(env, "HOCVIEC_REQUEST_TIMEOUT", cls.request_timeout),
            max_cost=_int(env, "HOCVIEC_MAX_COST", cls.max_cost),
            max_tokens=_int(env, "HOCVIEC_MAX_TOKENS", cls.max_tokens),
            max_depth=_int(env, "HOCVIEC_MAX_DEPTH", cls.max_depth),
            max_aliases=_int(env, "HOCVIEC_MAX_ALIASES", cls.max_aliases),
            password_memory_kib=_int(env, "HOCVIEC_PASSWORD_MEMORY_KIB", cls.password_memory_kib),
            password_time_cost=_int(env, "HOCVIEC_PASSWORD_TIME_COST", cls.password_time_cost),
            session_idle_minutes=_int(
                env, "HOCVIEC_SESSION_IDLE_MINUTES", cls.session_idle_minutes
            ),
            session_hours=_int(env, "HOCVIEC_SESSION_HOURS", cls.session_hours),
            trusted_proxies=parse_addresses(
                "HOCVIEC_TRUSTED_PROXIES", env.get("HOCVIEC_TRUSTED_PROXIES", "")
            ),
            cors_origins=parse_origins("HOCVIEC_CORS_ORIGINS", env.get("HOCVIEC_CORS_ORIGINS", "")),
            files_dir=parse_folder(
                "HOCVIEC_FILES_DIR", env.get("HOCVIEC_FILES_DIR", cls.files_dir)
            ),
            max_upload_bytes=parse_upload_limit(
                "HOCVIEC_MAX_UPLOAD_BYTES", env.get("HOCVIEC_MAX_UPLOAD_BYTES")
            ),
            file_storage=parse_file_storage(
                "HOCVIEC_FILE_STORAGE", env.get("HOCVIEC_FILE_STORAGE", cls.file_storage)
            ),
        )


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    return parse_positive_int(name, env[name]) if name in env else default


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    return parse_positive_seconds(name, env[name]) if name in env else default


def parse_environment(value: str) -> str:
    """HOCVIEC_ENV: ``development`` or ``production`` (case and surrounding spaces ignored)."""
    word = value.strip().lower()
    if word not in ENVIRONMENTS:
        raise SettingsError(
            f"HOCVIEC_ENV={value!r} is not an environment: use {' or '.join(ENVIRONMENTS)}"
        )
    return word


def parse_database_url(value: str) -> str:
    """Check DATABASE_URL names a supported database; ``postgresql://`` is accepted as an alias."""
    value = value.strip()
    scheme = urlsplit(value).scheme
    if scheme not in SUPPORTED_SCHEMES or "://" not in value:
        raise SettingsError(
            f"DATABASE_URL={value!r} is not supported: use sqlite://<file> "
            "or postgres://user@host:port/database"
        )
    if scheme == "sqlite" and value == "sqlite://":
        raise SettingsError("DATABASE_URL='sqlite://' names no file: use sqlite://hocviec.sqlite3")
    if scheme == "postgresql":
        value = "postgres://" + value.split("://", 1)[1]
    return value


def parse_plugin_selection(value: str) -> PluginSelection:
    """Parse HOCVIEC_PLUGINS.

    Empty or ``*``: every discovered plugin. A comma-separated list of ids enables only those;
    ids prefixed with ``-`` are disabled (alone, they disable from the full set):
    ``party_committee,peoples_committee`` or ``-commune_civil_servants``.
    """
    only: set[str] = set()
    disabled: set[str] = set()
    everything = False
    for raw in value.split(","):
        item = raw.strip()
        if not item:
            continue
        if item == "*":
            everything = True
        elif item.startswith("-"):
            if not item[1:]:
                raise SettingsError(f"HOCVIEC_PLUGINS: {raw!r} names no plugin")
            disabled.add(item[1:])
        else:
            only.add(item)
    if only & disabled:
        names = ", ".join(sorted(only & disabled))
        raise SettingsError(f"HOCVIEC_PLUGINS both enables and disables: {names}")
    return PluginSelection(
        only=None if everything or not only else frozenset(only),
        disabled=frozenset(disabled),
    )


def parse_addresses(name: str, value: str) -> frozenset[str]:
    """A comma-separated list of IP addresses (``10.0.0.2,::1``), each checked."""
    addresses = set()
    for raw in value.split(","):
        item = raw.strip()
        if not item:
            continue
        try:
            addresses.add(str(ipaddress.ip_address(item)))
        except ValueError:
            raise SettingsError(f"{name}: {item!r} is not an IP address") from None
    return frozenset(addresses)


def parse_origins(name: str, value: str) -> frozenset[str]:
    """A comma-separated list of origins (``https://app.example.vn,http://10.0.0.5:8080``).

    Each is ``http`` or ``https``, a host and an optional port, nothing else (no path, not
    even ``/``); it is kept as a browser sends it in ``Origin``: lower case, without the
    scheme's default port.
    """
    origins = set()
    for raw in value.split(","):
        item = raw.strip()
        if item:
            origin = normalise_origin(item)
            if origin is None:
                raise SettingsError(
                    f"{name}: {item!r} is not an origin: use scheme://host[:port] "
                    "(http or https, no path)"
                )
            origins.add(origin)
    return frozenset(origins)


DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise_origin(value: str) -> str | None:
    """``value`` as a browser's ``Origin`` header gives it, or ``None`` if it is not one."""
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = parts.hostname
    if (
        scheme not in DEFAULT_PORTS
        or not host
        or value.lower() != f"{scheme}://{parts.netloc.lower()}"  # no path, query or fragment
        or parts.username is not None
        or parts.password is not None
        or parts.netloc.endswith(":")
        or any(character.isspace() for character in value)
    ):
        return None
    if ":" in host:
        host = f"[{host}]"  # IPv6
    return f"{scheme}://{host}" + ("" if port in (None, DEFAULT_PORTS[scheme]) else f":{port}")


MAX_UPLOAD_LIMIT = 2**31 - 1
"""The largest ``HOCVIEC_MAX_UPLOAD_BYTES``: a file's size is a GraphQL ``Int``."""


def parse_upload_limit(name: str, value: str | None) -> int:
    """HOCVIEC_MAX_UPLOAD_BYTES: a whole number of bytes, from 1 to :data:`MAX_UPLOAD_LIMIT`."""
    if value is None:
        return Settings.max_upload_bytes
    number = parse_positive_int(name, value)
    if number > MAX_UPLOAD_LIMIT:
        raise SettingsError(f"{name}={value!r} is more than {MAX_UPLOAD_LIMIT} (2 GiB)")
    return number


def parse_folder(name: str, value: str) -> str:
    """A folder's path: not empty, no NUL character (surrounding spaces dropped)."""
    path = value.strip()
    if not path or "\x00" in path:
        raise SettingsError(
            f"{name}={value!r} is not a folder: give a path such as /var/lib/hocviec/files"
        )
    return path


def parse_file_storage(name: str, value: str) -> str:
    """HOCVIEC_FILE_STORAGE: ``local``, or ``module:Class`` (``hocviec_s3.storage:S3Storage``).

    Only the form is checked here; :func:`core.storage.storage_from_settings` imports the class
    at start-up and says so if it cannot.
    """
    word = value.strip()
    if word.lower() in ("", LOCAL_STORAGE):
        return LOCAL_STORAGE
    if not _STORAGE_CLASS.fullmatch(word):
        raise SettingsError(
            f"{name}={value!r} is not a storage: use local, or module:Class naming a class "
            "that implements core.storage.FileStorage"
        )
    return word


def parse_bool(name: str, value: str) -> bool:
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise SettingsError(f"{name}={value!r} is not a boolean: use true or false")


def parse_positive_int(name: str, value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise SettingsError(f"{name}={value!r} is not a whole number") from None
    if number < 1:
        raise SettingsError(f"{name}={value!r} must be at least 1")
    return number


def parse_positive_seconds(name: str, value: str) -> float:
    """A duration in seconds (``2.5`` allowed), more than zero and finite."""
    try:
        number = float(value)
    except ValueError:
        raise SettingsError(f"{name}={value!r} is not a number of seconds") from None
    if not 0 < number < float("inf"):
        raise SettingsError(f"{name}={value!r} must be a positive number of seconds")
    return number
