"""Settings.from_env: defaults, the postgresql alias, and errors that name the variable."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.settings import (
    DEFAULT_DATABASE_URL,
    PluginSelection,
    Settings,
    SettingsError,
    parse_plugin_selection,
)


def test_defaults_when_nothing_is_set():
    # given an empty environment
    environ: dict[str, str] = {}
    # when
    settings = Settings.from_env(environ)
    # then
    assert settings.database_url == DEFAULT_DATABASE_URL == "sqlite://hocviec.sqlite3"
    assert settings.is_sqlite
    assert settings.plugins == PluginSelection(only=None, disabled=frozenset())
    assert settings.plugins.enables("party_committee")
    assert settings.debug is False
    assert settings.max_page_size == 100
    assert settings.max_body_bytes == 1_000_000
    assert settings.body_timeout == 10.0
    assert settings.request_timeout == 15.0
    assert settings.max_cost == 50_000
    assert (settings.max_tokens, settings.max_depth, settings.max_aliases) == (4000, 12, 30)
    assert settings.environment == "development"
    assert settings.production is False
    assert settings.cors_origins == frozenset()


def test_reads_every_variable():
    environ = {
        "DATABASE_URL": "postgres://hocviec@db.example:5432/hocviec",
        "HOCVIEC_PLUGINS": "party_committee",
        "HOCVIEC_DEBUG": "true",
        "HOCVIEC_MAX_PAGE_SIZE": "25",
        "HOCVIEC_MAX_BODY_BYTES": "2048",
        "HOCVIEC_BODY_TIMEOUT": "2.5",
        "HOCVIEC_REQUEST_TIMEOUT": "30",
        "HOCVIEC_MAX_COST": "1000",
        "HOCVIEC_MAX_TOKENS": "500",
        "HOCVIEC_MAX_DEPTH": "8",
        "HOCVIEC_MAX_ALIASES": "5",
        "HOCVIEC_PASSWORD_MEMORY_KIB": "19456",
        "HOCVIEC_PASSWORD_TIME_COST": "2",
        "HOCVIEC_SESSION_IDLE_MINUTES": "15",
        "HOCVIEC_SESSION_HOURS": "8",
        "HOCVIEC_TRUSTED_PROXIES": "10.0.0.2, ::1",
        "HOCVIEC_ENV": "production",
        "HOCVIEC_CORS_ORIGINS": "https://hocviec.example.vn, http://10.0.0.5:8080",
    }

    settings = Settings.from_env(environ)

    assert settings.database_url == "postgres://hocviec@db.example:5432/hocviec"
    assert not settings.is_sqlite
    assert settings.plugins == PluginSelection(only=frozenset({"party_committee"}))
    assert settings.debug is True
    assert settings.max_page_size == 25
    assert settings.max_body_bytes == 2048
    assert settings.body_timeout == 2.5
    assert settings.request_timeout == 30.0
    assert settings.max_cost == 1000
    assert (settings.max_tokens, settings.max_depth, settings.max_aliases) == (500, 8, 5)
    assert (settings.password_memory_kib, settings.password_time_cost) == (19456, 2)
    assert settings.session_idle == timedelta(minutes=15)
    assert settings.session_lifetime == timedelta(hours=8)
    assert settings.trusted_proxies == frozenset({"10.0.0.2", "::1"})
    assert settings.environment == "production"
    assert settings.production is True
    assert settings.cors_origins == frozenset(
        {"https://hocviec.example.vn", "http://10.0.0.5:8080"}
    )


def test_postgresql_scheme_is_accepted_as_an_alias_of_postgres():
    settings = Settings.from_env({"DATABASE_URL": "postgresql://hocviec@localhost:5432/hocviec"})

    assert settings.database_url == "postgres://hocviec@localhost:5432/hocviec"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DATABASE_URL", "mysql://root@localhost/hocviec"),
        ("DATABASE_URL", "sqlite://"),
        ("DATABASE_URL", "nonsense"),
        ("HOCVIEC_DEBUG", "maybe"),
        ("HOCVIEC_MAX_PAGE_SIZE", "0"),
        ("HOCVIEC_MAX_PAGE_SIZE", "-5"),
        ("HOCVIEC_MAX_PAGE_SIZE", "abc"),
        ("HOCVIEC_MAX_BODY_BYTES", "0"),
        ("HOCVIEC_MAX_COST", "lots"),
        ("HOCVIEC_REQUEST_TIMEOUT", "0"),
        ("HOCVIEC_REQUEST_TIMEOUT", "-1"),
        ("HOCVIEC_REQUEST_TIMEOUT", "inf"),
        ("HOCVIEC_REQUEST_TIMEOUT", "nan"),
        ("HOCVIEC_BODY_TIMEOUT", "soon"),
        ("HOCVIEC_MAX_DEPTH", "0"),
        ("HOCVIEC_PLUGINS", "-"),
        ("HOCVIEC_PLUGINS", "a,-a"),
        ("HOCVIEC_SESSION_HOURS", "0"),
        ("HOCVIEC_PASSWORD_TIME_COST", "x"),
        ("HOCVIEC_TRUSTED_PROXIES", "10.0.0.2,proxy.example"),
        ("HOCVIEC_ENV", "prod"),
        ("HOCVIEC_ENV", ""),
        ("HOCVIEC_CORS_ORIGINS", "https://hocviec.example.vn/"),
        ("HOCVIEC_CORS_ORIGINS", "*"),
    ],
)
def test_a_bad_value_raises_an_error_naming_the_variable(variable, value):
    # given
    environ = {variable: value}
    # when / then
    with pytest.raises(SettingsError) as raised:
        Settings.from_env(environ)
    assert variable in str(raised.value)


def test_the_error_for_a_bad_value_quotes_the_value():
    with pytest.raises(SettingsError, match="HOCVIEC_DEBUG='maybe'"):
        Settings.from_env({"HOCVIEC_DEBUG": "maybe"})


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", False),
        ("false", False),
        ("0", False),
        ("TRUE", True),
        (" yes ", True),
        ("off", False),
    ],
)
def test_debug_accepts_the_usual_boolean_words(value, expected):
    assert Settings.from_env({"HOCVIEC_DEBUG": value}).debug is expected


@pytest.mark.parametrize(
    ("value", "only", "disabled"),
    [
        ("", None, set()),
        ("*", None, set()),
        ("a,b", {"a", "b"}, set()),
        (" a , b ,", {"a", "b"}, set()),
        ("-c", None, {"c"}),
        ("a,-b", {"a"}, {"b"}),
        ("*,-b", None, {"b"}),
    ],
)
def test_parse_plugin_selection(value, only, disabled):
    selection = parse_plugin_selection(value)

    assert selection.only == (None if only is None else frozenset(only))
    assert selection.disabled == frozenset(disabled)


@pytest.mark.parametrize(
    ("value", "enabled", "not_enabled"),
    [
        ("", {"a", "b", "c"}, set()),
        ("*", {"a", "b", "c"}, set()),
        ("a,b", {"a", "b"}, {"c"}),
        ("-c", {"a", "b"}, {"c"}),
        ("a,-b", {"a"}, {"b", "c"}),
    ],
)
def test_plugin_selection_enables(value, enabled, not_enabled):
    selection = parse_plugin_selection(value)

    assert {p for p in ("a", "b", "c") if selection.enables(p)} == enabled
    assert {p for p in ("a", "b", "c") if not selection.enables(p)} == not_enabled


def test_plugin_selection_names_every_mentioned_plugin():
    assert parse_plugin_selection("a,-b").named() == {"a", "b"}
    assert parse_plugin_selection("*").named() == frozenset()


@pytest.mark.parametrize(
    ("value", "environment"),
    [("development", "development"), ("production", "production"), (" Production ", "production")],
)
def test_hocviec_env_names_the_environment(value, environment):
    settings = Settings.from_env({"HOCVIEC_ENV": value})

    assert settings.environment == environment
    assert settings.production is (environment == "production")


def test_a_bad_hocviec_env_names_the_allowed_values():
    with pytest.raises(SettingsError) as raised:
        Settings.from_env({"HOCVIEC_ENV": "staging"})

    message = str(raised.value)
    assert "HOCVIEC_ENV='staging'" in message
    assert "development" in message and "production" in message


@pytest.mark.parametrize(
    ("value", "origins"),
    [
        ("", set()),
        (" , ", set()),
        ("https://hocviec.example.vn", {"https://hocviec.example.vn"}),
        # as a browser sends Origin: lower case, without the scheme's default port
        ("HTTPS://HocViec.Example.VN:443", {"https://hocviec.example.vn"}),
        ("http://hocviec.example.vn:80", {"http://hocviec.example.vn"}),
        ("http://10.0.0.5:8080,http://[::1]:3000", {"http://10.0.0.5:8080", "http://[::1]:3000"}),
    ],
)
def test_cors_origins_are_read_as_browsers_send_them(value, origins):
    assert Settings.from_env({"HOCVIEC_CORS_ORIGINS": value}).cors_origins == frozenset(origins)


@pytest.mark.parametrize(
    "bad",
    [
        "hocviec.example.vn",
        "https://hocviec.example.vn/",
        "https://hocviec.example.vn/app",
        "https://hocviec.example.vn?x=1",
        "ftp://hocviec.example.vn",
        "https://user@hocviec.example.vn",
        "https://hocviec.example.vn:99999",
        "https://",
        "null",
        "*",
    ],
)
def test_a_bad_cors_origin_is_named(bad):
    with pytest.raises(SettingsError) as raised:
        Settings.from_env({"HOCVIEC_CORS_ORIGINS": f"https://ok.example.vn, {bad}"})

    assert "HOCVIEC_CORS_ORIGINS" in str(raised.value)
    assert repr(bad) in str(raised.value)
