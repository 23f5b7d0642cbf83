"""Watched sources: from config.toml ([[sources]] with a url) and from `tracker sources add`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from storage import watches
from tracker.config import Config, SourceConfig
from tracker.errors import ConfigError, NotFoundError, TrackerError
from tracker.parsers import PARSERS


def _values(src: SourceConfig) -> dict[str, Any]:
    return {
        "name": src.name,
        "url": src.url,
        "story": src.story,
        "parser": src.parser,
        "every_seconds": src.every,
        "selectors": src.selectors,
        "enabled": src.enabled,
    }


def sync_sources(engine: Engine, config: Config, now: datetime) -> None:
    """Bring the watch table in line with the config's URL sources."""
    configured = [_values(s) for s in config.sources if s.url]
    with engine.begin() as conn:
        watches.sync(conn, configured, now)


def add_source(
    engine: Engine,
    name: str,
    url: str,
    *,
    story: str,
    parser: str,
    every: float,
    selectors: dict[str, str] | None,
    now: datetime,
) -> None:
    if not url.startswith(("http://", "https://")):
        raise TrackerError(f"URL {url!r} must start with http:// or https://")
    if parser not in PARSERS:
        raise TrackerError(f"option --parser: {parser!r} is not one of {', '.join(PARSERS)}")
    if parser == "selectors" and not (selectors and {"post", "headline"} <= set(selectors)):
        raise TrackerError(
            "option --selector: parser 'selectors' needs at least post=… and headline=…"
        )
    with engine.begin() as conn:
        if watches.find(conn, name) is not None:
            raise TrackerError(f"a source named {name!r} exists already (tracker sources list)")
        values = {
            "name": name,
            "url": url,
            "story": story,
            "parser": parser,
            "every_seconds": every,
            "selectors": selectors,
            "enabled": True,
            "origin": "cli",
        }
        watches.add(conn, values, now)


def remove_source(engine: Engine, name: str) -> None:
    with engine.begin() as conn:
        row = watches.find(conn, name)
        if row is None:
            raise NotFoundError(f"no source named {name!r} (tracker sources list)")
        if row.origin == "config":
            raise ConfigError(f"source {name!r} is defined in config.toml: remove it there")
        watches.remove(conn, name)


def list_sources(engine: Engine) -> list[Any]:
    with engine.connect() as conn:
        return watches.all_watches(conn)
