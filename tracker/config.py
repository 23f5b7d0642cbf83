"""config.toml: storage URL, default story, file and URL sources. Validated at load, with
errors that name the file and the key."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.errors import ConfigError
from tracker.parsers import PARSERS

DEFAULT_DB = "sqlite:///tracker.db"
DEFAULT_STORY = "default"

_TOP_KEYS = {"storage", "ingest", "sources", "webhooks", "daemon"}
_STORAGE_KEYS = {"url"}
_INGEST_KEYS = {"story"}
_SOURCE_KEYS = {"name", "story", "files", "url", "parser", "every", "enabled", "selectors"}
_DAEMON_KEYS = {
    "tick",
    "workers",
    "lease",
    "grace",
    "timeout",
    "retries",
    "max_bytes",
    "min_host_gap",
    "failing_after",
    "backoff",
    "user_agent",
}
_WEBHOOK_KEYS = {
    "name",
    "url",
    "secret_env",
    "events",
    "stories",
    "min_significance",
    "max_attempts",
    "timeout",
    "enabled",
}
EVENT_TYPES = ("post.edited", "post.removed", "post.moved", "source.failing", "source.recovered")
SIGNIFICANCE = ("typographic", "substantive")
DEFAULT_EVERY = 300.0
_UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


@dataclass(frozen=True)
class SourceConfig:
    name: str
    story: str
    files: str | None = None
    url: str | None = None
    parser: str = "capture"
    every: float = DEFAULT_EVERY  # seconds between polls of a URL source
    enabled: bool = True
    selectors: dict[str, str] | None = None


@dataclass(frozen=True)
class WebhookConfig:
    """An endpoint that receives signed events. Secrets live in the environment variable
    ``secret_env`` (several, separated by spaces, while a secret is rotated)."""

    name: str
    url: str
    secret_env: str
    events: tuple[str, ...] = EVENT_TYPES
    stories: tuple[str, ...] | None = None
    min_significance: str = "typographic"
    max_attempts: int = 12
    timeout: float = 10.0
    enabled: bool = True

    def wants(self, event_type: str, story: str | None, significance: str | None) -> bool:
        if not self.enabled or event_type not in self.events:
            return False
        if self.stories is not None and story not in self.stories:
            return False
        rank = SIGNIFICANCE.index
        return significance is None or rank(significance) >= rank(self.min_significance)

    def secrets(self) -> list[str]:
        """The whsec_… secrets from the environment; ConfigError naming the variable."""
        value = os.environ.get(self.secret_env, "").split()
        if not value:
            raise ConfigError(
                f"webhook {self.name!r}: environment variable {self.secret_env} "
                "(its secret_env) is not set"
            )
        bad = [v for v in value if not v.startswith("whsec_")]
        if bad:
            raise ConfigError(f"webhook {self.name!r}: {self.secret_env} must hold whsec_… secrets")
        return value


@dataclass(frozen=True)
class DaemonSettings:
    """How `tracker run` polls: see README "Running the daemon"."""

    tick: float = 1.0
    workers: int = 8
    lease: float = 300.0
    grace: float = 10.0
    timeout: float = 20.0
    retries: int = 3
    max_bytes: int = 20_000_000
    min_host_gap: float = 1.0
    failing_after: int = 3
    backoff: tuple[float, ...] = (300.0, 3600.0, 21600.0)
    user_agent: str | None = None


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    storage_url: str | None = None
    story: str = DEFAULT_STORY
    sources: list[SourceConfig] = field(default_factory=list)
    webhooks: list[WebhookConfig] = field(default_factory=list)
    daemon: DaemonSettings = field(default_factory=DaemonSettings)


def find_config(option: str | None) -> Path | None:
    """--config, else $TRACKER_CONFIG, else ./config.toml if present."""
    if option:
        return Path(option)
    env = os.environ.get("TRACKER_CONFIG")
    if env:
        return Path(env)
    default = Path("config.toml")
    return default if default.is_file() else None


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"config file {path} cannot be read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
    _unknown(path, "", raw, _TOP_KEYS)
    storage = _table(path, "storage", raw.get("storage", {}))
    _unknown(path, "storage.", storage, _STORAGE_KEYS)
    ingest = _table(path, "ingest", raw.get("ingest", {}))
    _unknown(path, "ingest.", ingest, _INGEST_KEYS)
    url = _string(path, "storage.url", storage.get("url"), required=False)
    story = _string(path, "ingest.story", ingest.get("story"), required=False) or DEFAULT_STORY
    sources_raw = raw.get("sources", [])
    if not isinstance(sources_raw, list):
        raise ConfigError(f"{path}: key 'sources' must be an array of tables ([[sources]])")
    sources = [_source(path, i, item, story) for i, item in enumerate(sources_raw)]
    names = [s.name for s in sources]
    duplicate = next((n for n in names if names.count(n) > 1), None)
    if duplicate:
        raise ConfigError(f"{path}: two [[sources]] are named {duplicate!r}")
    webhooks_raw = raw.get("webhooks", [])
    if not isinstance(webhooks_raw, list):
        raise ConfigError(f"{path}: key 'webhooks' must be an array of tables ([[webhooks]])")
    webhooks = [_webhook(path, i, item) for i, item in enumerate(webhooks_raw)]
    hook_names = [w.name for w in webhooks]
    twice = next((n for n in hook_names if hook_names.count(n) > 1), None)
    if twice:
        raise ConfigError(f"{path}: two [[webhooks]] are named {twice!r}")
    daemon = _daemon(path, _table(path, "daemon", raw.get("daemon", {})))
    return Config(path, _resolve_sqlite(url, path), story, sources, webhooks, daemon)


def database_url(option: str | None, config: Config) -> str:
    """--db, else $TRACKER_DB, else [storage] url, else SQLite tracker.db."""
    return option or os.environ.get("TRACKER_DB") or config.storage_url or DEFAULT_DB


def _resolve_sqlite(url: str | None, path: Path) -> str | None:
    """A relative SQLite path in the config file is relative to the config file's folder."""
    prefix = "sqlite:///"
    if url is None or not url.startswith(prefix) or url.startswith(prefix + "/"):
        return url
    rest = url[len(prefix) :]
    if not rest or rest.startswith(":memory:"):
        return url
    return prefix + str((path.parent / rest).resolve())


def _source(path: Path, index: int, item: Any, story: str) -> SourceConfig:
    where = f"sources[{index}]"
    item = _table(path, where, item)
    _unknown(path, f"{where}.", item, _SOURCE_KEYS)
    name = _string(path, f"{where}.name", item.get("name"), required=True)
    assert name is not None
    files = _string(path, f"{where}.files", item.get("files"), required=False)
    url = _string(path, f"{where}.url", item.get("url"), required=False)
    if (files is None) == (url is None):
        raise ConfigError(f"{path}: {where} ({name!r}) needs exactly one of 'files' or 'url'")
    if url is not None and not url.startswith(("http://", "https://")):
        raise ConfigError(f"{path}: key '{where}.url' must be an http:// or https:// URL")
    enabled = item.get("enabled", True)
    if not isinstance(enabled, bool):
        raise ConfigError(f"{path}: key '{where}.enabled' must be true or false")
    default_parser = "capture" if files else "generic"
    parser = _string(path, f"{where}.parser", item.get("parser"), required=False) or default_parser
    if parser not in PARSERS:
        raise ConfigError(f"{path}: key '{where}.parser' must be one of {', '.join(PARSERS)}")
    selectors = _selectors(path, f"{where}.selectors", item.get("selectors"), parser)
    every = item.get("every")
    return SourceConfig(
        name=name,
        story=_string(path, f"{where}.story", item.get("story"), required=False) or story,
        files=files,
        url=url,
        parser=parser,
        every=DEFAULT_EVERY if every is None else duration(every, f"{path}: key '{where}.every'"),
        enabled=enabled,
        selectors=selectors,
    )


def _webhook(path: Path, index: int, item: Any) -> WebhookConfig:
    where = f"webhooks[{index}]"
    item = _table(path, where, item)
    _unknown(path, f"{where}.", item, _WEBHOOK_KEYS)
    name = _string(path, f"{where}.name", item.get("name"), required=True)
    url = _string(path, f"{where}.url", item.get("url"), required=True)
    secret_env = _string(path, f"{where}.secret_env", item.get("secret_env"), required=True)
    assert name and url and secret_env
    if not url.startswith(("http://", "https://")):
        raise ConfigError(f"{path}: key '{where}.url' must be an http:// or https:// URL")
    events = _string_list(path, f"{where}.events", item.get("events"), EVENT_TYPES)
    stories = _string_list(path, f"{where}.stories", item.get("stories"), None)
    significance = item.get("min_significance", "typographic")
    if significance not in SIGNIFICANCE:
        raise ConfigError(
            f"{path}: key '{where}.min_significance' must be one of {', '.join(SIGNIFICANCE)}"
        )
    attempts = item.get("max_attempts", 12)
    if not isinstance(attempts, int) or isinstance(attempts, bool) or attempts < 1:
        raise ConfigError(f"{path}: key '{where}.max_attempts' must be a whole number ≥ 1")
    enabled = item.get("enabled", True)
    if not isinstance(enabled, bool):
        raise ConfigError(f"{path}: key '{where}.enabled' must be true or false")
    timeout = duration(item.get("timeout", 10), f"{path}: key '{where}.timeout'")
    return WebhookConfig(
        name=name,
        url=url,
        secret_env=secret_env,
        events=tuple(events) if events is not None else EVENT_TYPES,
        stories=tuple(stories) if stories is not None else None,
        min_significance=significance,
        max_attempts=attempts,
        timeout=timeout,
        enabled=enabled,
    )


def _string_list(
    path: Path, key: str, value: Any, allowed: tuple[str, ...] | None
) -> list[str] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"{path}: key '{key}' must be a list of strings")
    if allowed is not None:
        for v in value:
            if v not in allowed:
                raise ConfigError(f"{path}: key '{key}': {v!r} is not one of {', '.join(allowed)}")
    return list(value)


def _selectors(path: Path, key: str, value: Any, parser: str) -> dict[str, str] | None:
    from tracker.html import SELECTOR_KEYS

    if value is None:
        if parser == "selectors":
            raise ConfigError(f"{path}: parser 'selectors' needs a table '{key}'")
        return None
    table = _table(path, key, value)
    _unknown(path, f"{key}.", table, SELECTOR_KEYS)
    for name, selector in table.items():
        _string(path, f"{key}.{name}", selector, required=True)
    for required in ("post", "headline"):
        if required not in table:
            raise ConfigError(f"{path}: key '{key}.{required}' is required")
    return dict(table)


def _daemon(path: Path, table: dict[str, Any]) -> DaemonSettings:
    _unknown(path, "daemon.", table, _DAEMON_KEYS)
    defaults = DaemonSettings()
    values: dict[str, Any] = {}
    for key in ("tick", "lease", "grace", "timeout", "min_host_gap"):
        if key in table:
            zero_ok = key in ("grace", "min_host_gap")
            values[key] = duration(table[key], f"{path}: key 'daemon.{key}'", zero_ok=zero_ok)
    for key in ("workers", "retries", "max_bytes", "failing_after"):
        if key in table:
            number = table[key]
            if not isinstance(number, int) or isinstance(number, bool) or number < 0:
                raise ConfigError(f"{path}: key 'daemon.{key}' must be a whole number ≥ 0")
            values[key] = number
    if "backoff" in table:
        steps = table["backoff"]
        if not isinstance(steps, list) or not steps:
            raise ConfigError(f'{path}: key \'daemon.backoff\' must be a list like ["5m", "1h"]')
        values["backoff"] = tuple(duration(v, f"{path}: key 'daemon.backoff'") for v in steps)
    if "user_agent" in table:
        values["user_agent"] = _string(
            path, "daemon.user_agent", table["user_agent"], required=True
        )
    if values.get("workers", defaults.workers) < 1:
        raise ConfigError(f"{path}: key 'daemon.workers' must be at least 1")
    return DaemonSettings(**{**defaults.__dict__, **values})


def duration(value: Any, where: str, zero_ok: bool = False) -> float:
    """Seconds from 90, 1.5, "30s", "5m", "1h" or "1d"; ConfigError naming ``where``."""
    if isinstance(value, bool):
        raise ConfigError(f"{where} must be a duration like 30s, 5m or 1h")
    if isinstance(value, int | float):
        seconds = float(value)
    elif isinstance(value, str) and value[-1:] in _UNITS and _is_number(value[:-1]):
        seconds = float(value[:-1]) * _UNITS[value[-1]]
    elif isinstance(value, str) and _is_number(value):
        seconds = float(value)
    else:
        raise ConfigError(f"{where} must be a duration like 30s, 5m or 1h, not {value!r}")
    if seconds < 0 or (seconds == 0 and not zero_ok):
        raise ConfigError(f"{where} must be longer than 0 seconds")
    return seconds


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _table(path: Path, key: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: key '{key}' must be a table")
    return value


def _string(path: Path, key: str, value: Any, *, required: bool) -> str | None:
    if value is None:
        if required:
            raise ConfigError(f"{path}: key '{key}' is required")
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{path}: key '{key}' must be a non-empty string")
    return value


def _unknown(path: Path, prefix: str, table: dict[str, Any], allowed: set[str]) -> None:
    for key in table:
        if key not in allowed:
            known = ", ".join(sorted(allowed))
            raise ConfigError(f"{path}: unknown key '{prefix}{key}' (known: {known})")
