"""Export the stored history as JSON, streamed: the contract in DESIGN.md and the README.

{"snapshots": [...], "posts": [{"id", "sightings": [{"snapshot", "position"}]}], "edits": [...]}
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from sqlalchemy import Connection

from storage.reads import export_edits, export_posts, export_snapshots

FORMAT_VERSION = 1


def write_json(conn: Connection, story: str | None, out: TextIO) -> None:
    """Write one JSON document, item by item, so memory stays flat for any history size."""
    out.write(f'{{"format_version": {FORMAT_VERSION},\n')
    _write_array(out, "snapshots", export_snapshots(conn, story))
    out.write(",\n")
    _write_array(out, "posts", export_posts(conn, story))
    out.write(",\n")
    _write_array(out, "edits", export_edits(conn, story))
    out.write("\n}\n")


def _write_array(out: TextIO, key: str, items: Iterable[dict[str, Any]]) -> None:
    out.write(f'"{key}": [')
    for i, item in enumerate(items):
        out.write(",\n  " if i else "\n  ")
        out.write(json.dumps(item, ensure_ascii=False))
    out.write("\n]")
