"""Queries behind report, history and export. They return plain records, not ORM objects."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, CursorResult, and_, func, select
from sqlalchemy.orm import aliased

from storage.queries import (
    edit_t,
    fields_from_row,
    revision_t,
    sighting_t,
    snapshot_t,
    source_t,
    story_t,
)
from tracker.errors import NotFoundError
from tracker.model import PostFields

EXPORT_BATCH = 2000
HIDDEN_CAP = 1000


@dataclass(frozen=True)
class SnapshotRef:
    id: int
    origin: str
    source: str
    captured_at: datetime


@dataclass(frozen=True)
class EditRecord:
    id: int
    story: str
    post_id: int
    headline: str
    significance: str
    kinds: list[str]
    flags: list[str]
    changes: dict[str, Any]
    summary: list[str]
    before: SnapshotRef
    after: SnapshotRef


def _snapshot_ref(row: Any, prefix: str) -> SnapshotRef:
    return SnapshotRef(
        row._mapping[f"{prefix}_id"],
        row._mapping[f"{prefix}_origin"],
        row._mapping[f"{prefix}_source"],
        row._mapping[f"{prefix}_captured_at"],
    )


def _edit_query() -> Any:
    before, after = aliased(snapshot_t), aliased(snapshot_t)
    before_src, after_src = aliased(source_t), aliased(source_t)
    rev = aliased(revision_t)
    return (
        select(
            edit_t,
            story_t.c.name.label("story"),
            rev.c.headline,
            before.c.id.label("b_id"),
            before.c.origin.label("b_origin"),
            before_src.c.name.label("b_source"),
            before.c.captured_at.label("b_captured_at"),
            after.c.id.label("a_id"),
            after.c.origin.label("a_origin"),
            after_src.c.name.label("a_source"),
            after.c.captured_at.label("a_captured_at"),
        )
        .join(story_t, story_t.c.id == edit_t.c.story_id)
        .join(rev, rev.c.id == func.coalesce(edit_t.c.to_revision_id, edit_t.c.from_revision_id))
        .join(before, before.c.id == edit_t.c.from_snapshot_id)
        .join(before_src, before_src.c.id == before.c.source_id)
        .join(after, after.c.id == edit_t.c.to_snapshot_id)
        .join(after_src, after_src.c.id == after.c.source_id)
    ), after


def _edit_record(row: Any) -> EditRecord:
    return EditRecord(
        id=row.id,
        story=row.story,
        post_id=row.post_id,
        headline=row.headline,
        significance=row.significance,
        kinds=list(row.kinds),
        flags=list(row.flags),
        changes=dict(row.changes),
        summary=list(row.summary),
        before=_snapshot_ref(row, "b"),
        after=_snapshot_ref(row, "a"),
    )


def recent_edits(
    conn: Connection,
    *,
    story: str | None = None,
    since: datetime | None = None,
    significance: str | None = None,
    limit: int | None = None,
) -> tuple[list[EditRecord], int]:
    """Edits newest first, filtered; and how many edits the significance filter hid (counted
    up to HIDDEN_CAP + 1: more than HIDDEN_CAP means "HIDDEN_CAP+")."""
    query, after = _edit_query()
    conditions = []
    if story is not None:
        conditions.append(story_t.c.name == story)
    if since is not None:
        conditions.append(after.c.captured_at >= since)
    hidden = 0
    if significance is not None:
        # Counted up to HIDDEN_CAP only: "1000+ hidden" says as much as an exact count would,
        # and costs the same in a story of a hundred edits or a million.
        hidden_rows = (
            select(edit_t.c.id)
            .select_from(edit_t.join(story_t, story_t.c.id == edit_t.c.story_id))
            .join(after, after.c.id == edit_t.c.to_snapshot_id)
            .where(and_(True, *conditions), edit_t.c.significance != significance)
            .limit(HIDDEN_CAP + 1)
            .subquery()
        )
        hidden = int(conn.execute(select(func.count()).select_from(hidden_rows)).scalar_one())
        conditions.append(edit_t.c.significance == significance)
    query = query.where(and_(True, *conditions)).order_by(edit_t.c.id.desc())
    if limit is not None:
        query = query.limit(limit)
    return [_edit_record(r) for r in conn.execute(query)], hidden


@dataclass(frozen=True)
class RevisionRecord:
    id: int
    fields: PostFields
    first_seen: SnapshotRef


def post_history(conn: Connection, post_id: int) -> tuple[list[RevisionRecord], list[EditRecord]]:
    """Every revision of one post, oldest first, and the edits between them."""
    rows = conn.execute(
        select(
            revision_t,
            snapshot_t.c.origin,
            snapshot_t.c.captured_at,
            source_t.c.name.label("source"),
        )
        .join(snapshot_t, snapshot_t.c.id == revision_t.c.snapshot_id)
        .join(source_t, source_t.c.id == snapshot_t.c.source_id)
        .where(revision_t.c.post_id == post_id)
        .order_by(revision_t.c.id)
    ).all()
    if not rows:
        raise NotFoundError(f"post {post_id} does not exist (see `tracker report` for post ids)")
    revisions = [
        RevisionRecord(
            r.id, fields_from_row(r), SnapshotRef(r.snapshot_id, r.origin, r.source, r.captured_at)
        )
        for r in rows
    ]
    query, _ = _edit_query()
    edits = [
        _edit_record(r)
        for r in conn.execute(query.where(edit_t.c.post_id == post_id).order_by(edit_t.c.id))
    ]
    return revisions, edits


def suspect_snapshots(conn: Connection, story: str | None) -> list[tuple[str, str, str]]:
    """(origin, page, reason) of snapshots stored but flagged as suspect."""
    query = (
        select(snapshot_t.c.origin, source_t.c.name, snapshot_t.c.suspect)
        .join(source_t, source_t.c.id == snapshot_t.c.source_id)
        .join(story_t, story_t.c.id == source_t.c.story_id)
        .where(snapshot_t.c.suspect.is_not(None))
        .order_by(snapshot_t.c.id)
    )
    if story is not None:
        query = query.where(story_t.c.name == story)
    return [(r.origin, r.name, r.suspect) for r in conn.execute(query)]


# ------------------------------------------------------------------ export (streamed)


def _story_filter(story: str | None) -> Any:
    return True if story is None else story_t.c.name == story


def _streamed(conn: Connection, query: Any) -> CursorResult[Any]:
    """Rows in batches, as a context manager: an export abandoned half way (a closed pipe, a
    full disk) closes its server-side cursor when the generator is closed, not at exit. (The
    option is the statement's: on the connection it would stay for every later query.)"""
    return conn.execute(query.execution_options(yield_per=EXPORT_BATCH))


def export_snapshots(conn: Connection, story: str | None) -> Iterator[dict[str, Any]]:
    query = (
        select(
            snapshot_t.c.id,
            snapshot_t.c.origin,
            snapshot_t.c.captured_at,
            snapshot_t.c.layout,
            snapshot_t.c.declared_count,
            snapshot_t.c.suspect,
            source_t.c.name.label("source"),
            story_t.c.name.label("story"),
        )
        .join(source_t, source_t.c.id == snapshot_t.c.source_id)
        .join(story_t, story_t.c.id == source_t.c.story_id)
        .where(_story_filter(story))
        .order_by(snapshot_t.c.id)
    )
    with _streamed(conn, query) as rows:
        for r in rows:
            yield {
                "id": r.id,
                "origin": r.origin,
                "source": r.source,
                "story": r.story,
                "captured_at": iso(r.captured_at),
                "layout": r.layout,
                "declared_posts": r.declared_count,
                "suspect": r.suspect,
            }


def export_posts(conn: Connection, story: str | None) -> Iterator[dict[str, Any]]:
    """Posts with their sightings, read in post order without loading all history at once."""
    from storage.queries import post_t

    query = (
        select(
            post_t.c.id,
            post_t.c.native_id,
            sighting_t.c.snapshot_id,
            sighting_t.c.position,
            sighting_t.c.revision_id,
        )
        .join(story_t, story_t.c.id == post_t.c.story_id)
        .join(sighting_t, sighting_t.c.post_id == post_t.c.id)
        .where(_story_filter(story))
        .order_by(post_t.c.id, sighting_t.c.snapshot_id)
    )
    current: dict[str, Any] | None = None
    with _streamed(conn, query) as rows:
        for r in rows:
            if current is None or current["id"] != r.id:
                if current is not None:
                    yield current
                current = {"id": r.id, "native_id": r.native_id, "sightings": []}
            current["sightings"].append(
                {"snapshot": r.snapshot_id, "position": r.position, "revision": r.revision_id}
            )
    if current is not None:
        yield current


def export_edits(conn: Connection, story: str | None) -> Iterator[dict[str, Any]]:
    query, _ = _edit_query()
    query = query.where(_story_filter(story)).order_by(edit_t.c.id)
    with _streamed(conn, query) as rows:
        for r in rows:
            yield {
                "id": r.id,
                "post": r.post_id,
                "headline": r.headline,
                "from_snapshot": r.from_snapshot_id,
                "to_snapshot": r.to_snapshot_id,
                "from_revision": r.from_revision_id,
                "to_revision": r.to_revision_id,
                "significance": r.significance,
                "kinds": list(r.kinds),
                "flags": list(r.flags),
                "changes": r.changes,
                "summary": list(r.summary),
            }


def iso(value: datetime) -> str:
    """UTC timestamps as ISO 8601 with a Z, whatever zone the driver hands back."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")
