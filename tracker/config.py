"""config.toml: storage URL, default story, file and URL sources. Validated at load, with
errors that name the file and the key."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.errors import ConfigError

DEFAULT_DB = "sqlite:///tracker.db"
DEFAULT_STORY = "default"

_TOP_KEYS = {"storage", "ingest", "sources", "webhooks"}
_STORAGE_KEYS = {"url"}
_INGEST_KEYS = {"story"}
_SOURCE_KEYS = {"name", "story", "files", "url", "parser", "every", "enabled", "selectors"}


@dataclass(frozen=True)
class SourceConfig:
    name: str
    story: str
    files: str | None = None
    url: str | None = None
    parser: str = "capture"
    every: str | None = None
    enabled: bool = True


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    storage_url: str | None = None
    story: str = DEFAULT_STORY
    sources: list[SourceConfig] = field(default_factory=list)
    webhooks: list[dict[str, Any]] = field(default_factory=list)


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
    webhooks = raw.get("webhooks", [])
    if not isinstance(webhooks, list):
        raise ConfigError(f"{path}: key 'webhooks' must be an array of tables ([[webhooks]])")
    return Config(path, _resolve_sqlite(url, path), story, sources, webhooks)


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
    enabled = item.get("enabled", True)
    if not isinstance(enabled, bool):
        raise ConfigError(f"{path}: key '{where}.enabled' must be true or false")
    return SourceConfig(
        name=name,
        story=_string(path, f"{where}.story", item.get("story"), required=False) or story,
        files=files,
        url=url,
        parser=_string(path, f"{where}.parser", item.get("parser"), required=False) or "capture",
        every=_string(path, f"{where}.every", item.get("every"), required=False),
        enabled=enabled,
    )


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
