"""Webhook events: what an alert says, as plain values. Pure: no I/O.

Every event is a JSON object of one schema version (``"version": 1``):

    {"type": "post.edited", "version": 1, "id": "msg_…", "timestamp": "2026-11-22T10:00:00Z",
     "data": {…}}

``id`` is also the ``webhook-id`` header and stays the same on every retry, so a receiver can
drop duplicates. The ``data`` of each type is documented in the README ("Webhooks").

- ``post.edited``: a post's text, headline, time or byline changed (it may also have moved).
- ``post.moved``: a post was carried to another page unchanged.
- ``post.removed``: a post vanished from between posts that are still on the page.
- ``source.failing`` / ``source.recovered``: a watched page started or stopped failing.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from tracker.config import WebhookConfig
from tracker.diffing import summarize

VERSION = 1
MAX_BYTES = 64 * 1024  # payloads over this carry a truncated diff and say so
CONTEXT_CHARS = 120


def new_event_id() -> str:
    return "msg_" + uuid.uuid4().hex


def _iso(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Event:
    id: str
    type: str
    story: str | None
    significance: str | None
    body: str  # the JSON sent, signed byte for byte
    edit_id: int | None = None


def edit_type(kinds: Iterable[str]) -> str:
    kinds = list(kinds)
    if "removed" in kinds:
        return "post.removed"
    return "post.edited" if any(k != "moved" for k in kinds) else "post.moved"


def edit_event(
    edit: Mapping[str, Any],
    *,
    edit_id: int,
    story: str,
    headline: str,
    page: str,
    page_url: str | None,
    when: datetime,
) -> Event:
    """The event for one stored edit row (as written by ingest)."""
    kinds = list(edit["kinds"])
    changes: dict[str, Any] = dict(edit["changes"])
    data: dict[str, Any] = {
        "story": story,
        "post": edit["post_id"],
        "edit": edit_id,
        "headline": headline,
        "page": {"name": page, "url": page_url},
        "link": page_url,
        "significance": edit["significance"],
        "kinds": kinds,
        "flags": list(edit["flags"]),
        "from_snapshot": edit["from_snapshot_id"],
        "to_snapshot": edit["to_snapshot_id"],
        "time": changes.get("published"),
        "moved": changes.get("moved"),
        "changes": {k: v for k, v in changes.items() if k not in ("published", "moved")},
        "summary": list(edit["summary"]),
        "truncated": False,
    }
    event_type = edit_type(kinds)
    significance = edit["significance"]
    return _event(event_type, story, significance, data, when, edit_id)


def source_event(
    event_type: str,
    *,
    name: str,
    url: str,
    story: str,
    error: str | None,
    failures: int,
    when: datetime,
) -> Event:
    data = {
        "source": name,
        "url": url,
        "story": story,
        "error": error,
        "consecutive_failures": failures,
    }
    return _event(event_type, story, None, data, when, None)


def test_event(webhook: str, when: datetime) -> Event:
    """A sample post.edited event for `tracker webhooks test`."""
    segments = [["=", "Two people were killed "], ["-", "in the last few hours"], ["+", "Tuesday"]]
    data = {
        "test": True,
        "webhook": webhook,
        "story": "cnn-ukraine",
        "post": 0,
        "edit": 0,
        "headline": 'Russian troops are turning Bakhmut into "a total ruin"',
        "page": {"name": "February 1, 2023 Russia-Ukraine news", "url": None},
        "link": None,
        "significance": "substantive",
        "kinds": ["body"],
        "flags": [],
        "from_snapshot": 0,
        "to_snapshot": 0,
        "time": None,
        "moved": None,
        "changes": {"body": segments},
        "summary": summarize([(op, text) for op, text in segments]),
        "truncated": False,
    }
    return _event("post.edited", "cnn-ukraine", "substantive", data, when, None)


def _event(
    event_type: str,
    story: str | None,
    significance: str | None,
    data: dict[str, Any],
    when: datetime,
    edit_id: int | None,
) -> Event:
    event_id = new_event_id()
    envelope = {
        "type": event_type,
        "version": VERSION,
        "id": event_id,
        "timestamp": _iso(when),
        "data": data,
    }
    return Event(event_id, event_type, story, significance, encode(envelope), edit_id)


def encode(envelope: dict[str, Any]) -> str:
    """Compact JSON under MAX_BYTES: first the unchanged text around edits is cut to a little
    context, then, if still too big, the diff is dropped; ``truncated`` says so."""
    body = json.dumps(envelope, ensure_ascii=False, separators=(",", ":"))
    if len(body.encode()) <= MAX_BYTES:
        return body
    data = envelope["data"]
    data["truncated"] = True
    data["changes"] = {
        k: _trim(v) if isinstance(v, list) else v for k, v in data.get("changes", {}).items()
    }
    body = json.dumps(envelope, ensure_ascii=False, separators=(",", ":"))
    if len(body.encode()) <= MAX_BYTES:
        return body
    data["changes"] = {}
    data["summary"] = [s[:200] for s in data.get("summary", [])[:5]]
    return json.dumps(envelope, ensure_ascii=False, separators=(",", ":"))


def _trim(segments: list[list[str]]) -> list[list[str]]:
    out = []
    for op, text in segments:
        if op == "=" and len(text) > 2 * CONTEXT_CHARS:
            text = text[:CONTEXT_CHARS] + " … " + text[-CONTEXT_CHARS:]
        elif op != "=" and len(text) > 4 * CONTEXT_CHARS:
            text = text[: 4 * CONTEXT_CHARS] + " …"
        out.append([op, text])
    return out


def deliveries(
    event: Event, webhooks: Iterable[WebhookConfig], now: datetime
) -> list[dict[str, Any]]:
    """Outbox rows for the webhooks that want this event."""
    return [
        {
            "event_id": event.id,
            "webhook": hook.name,
            "type": event.type,
            "story": event.story,
            "edit_id": event.edit_id,
            "payload": event.body,
            "status": "pending",
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": now,
        }
        for hook in webhooks
        if hook.wants(event.type, event.story, event.significance)
    ]
