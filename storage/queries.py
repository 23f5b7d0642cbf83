"""Indexed reads and batched writes for ingest. Every read is keyed (story, hash, post ids,
source), never a scan of history, so a snapshot costs the same in a small or a large story."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from storage.tables import (
    Edit,
    Fingerprint,
    Post,
    PostPage,
    Revision,
    Sighting,
    Snapshot,
    Source,
    Story,
)
from tracker.lineage import Head
from tracker.model import PostFields

story_t = Story.__table__  # type: ignore[attr-defined]
source_t = Source.__table__  # type: ignore[attr-defined]
snapshot_t = Snapshot.__table__  # type: ignore[attr-defined]
post_t = Post.__table__  # type: ignore[attr-defined]
revision_t = Revision.__table__  # type: ignore[attr-defined]
postpage_t = PostPage.__table__  # type: ignore[attr-defined]
sighting_t = Sighting.__table__  # type: ignore[attr-defined]
edit_t = Edit.__table__  # type: ignore[attr-defined]
fingerprint_t = Fingerprint.__table__  # type: ignore[attr-defined]

FIELD_COLUMNS = (
    revision_t.c.headline,
    revision_t.c.body,
    revision_t.c.captions,
    revision_t.c.credits,
    revision_t.c.published,
    revision_t.c.byline,
    revision_t.c.captions_certain,
)


def fields_from_row(row: Any) -> PostFields:
    return PostFields(
        headline=row.headline,
        body=tuple(row.body),
        captions=tuple(row.captions),
        credits=tuple(row.credits) if row.credits is not None else None,
        published=row.published,
        byline=row.byline,
        captions_certain=bool(row.captions_certain),
    )


def fields_to_row(fields: PostFields) -> dict[str, Any]:
    return {
        "headline": fields.headline,
        "body": list(fields.body),
        "captions": list(fields.captions),
        "credits": list(fields.credits) if fields.credits is not None else None,
        "published": fields.published,
        "byline": fields.byline,
        "captions_certain": fields.captions_certain,
        "content_hash": fields.content_hash,
        "fields_hash": fields.fields_hash,
    }


# ------------------------------------------------------------------ stories and sources


def story_row(conn: Connection, name: str, now: datetime) -> tuple[int, int]:
    """(id, version) of the story, created if new."""
    row = conn.execute(
        select(story_t.c.id, story_t.c.version).where(story_t.c.name == name)
    ).first()
    if row is None:
        story_id = conn.execute(
            insert(story_t).values(name=name, version=0, created_at=now).returning(story_t.c.id)
        ).scalar_one()
        return story_id, 0
    return row.id, row.version


def bump_story_version(conn: Connection, story_id: int) -> int:
    conn.execute(
        update(story_t).where(story_t.c.id == story_id).values(version=story_t.c.version + 1)
    )
    return int(conn.execute(select(story_t.c.version).where(story_t.c.id == story_id)).scalar_one())


def source_id(conn: Connection, story_id: int, name: str, url: str | None, now: datetime) -> int:
    row = conn.execute(
        select(source_t.c.id).where(source_t.c.story_id == story_id, source_t.c.name == name)
    ).first()
    if row is not None:
        return int(row.id)
    return int(
        conn.execute(
            insert(source_t)
            .values(story_id=story_id, name=name, url=url, created_at=now)
            .returning(source_t.c.id)
        ).scalar_one()
    )


def source_names(conn: Connection, story_id: int) -> dict[int, str]:
    rows = conn.execute(
        select(source_t.c.id, source_t.c.name).where(source_t.c.story_id == story_id)
    )
    return {int(r.id): r.name for r in rows}


# ------------------------------------------------------------------ snapshots


def existing_snapshot(conn: Connection, source: int, raw_sha256: str) -> int | None:
    row = conn.execute(
        select(snapshot_t.c.id).where(
            snapshot_t.c.source_id == source, snapshot_t.c.raw_sha256 == raw_sha256
        )
    ).first()
    return None if row is None else int(row.id)


def last_good_snapshot(conn: Connection, source: int) -> Any:
    """The page's latest non-suspect snapshot (id, captured_at, post_count, text_volume)."""
    return conn.execute(
        select(
            snapshot_t.c.id,
            snapshot_t.c.captured_at,
            snapshot_t.c.post_count,
            snapshot_t.c.text_volume,
        )
        .where(snapshot_t.c.source_id == source, snapshot_t.c.suspect.is_(None))
        .order_by(snapshot_t.c.id.desc())
        .limit(1)
    ).first()


def sighted_posts(conn: Connection, snapshot_id: int) -> list[int]:
    rows = conn.execute(
        select(sighting_t.c.post_id)
        .where(sighting_t.c.snapshot_id == snapshot_id)
        .order_by(sighting_t.c.position)
    )
    return [int(r.post_id) for r in rows]


def recent_other_pages(conn: Connection, story_id: int, exclude: int, limit: int) -> list[int]:
    """The story's other pages with the most recent good snapshots."""
    latest = func.max(snapshot_t.c.id)
    rows = conn.execute(
        select(snapshot_t.c.source_id, latest.label("last"))
        .join(source_t, source_t.c.id == snapshot_t.c.source_id)
        .where(
            source_t.c.story_id == story_id,
            snapshot_t.c.source_id != exclude,
            snapshot_t.c.suspect.is_(None),
        )
        .group_by(snapshot_t.c.source_id)
        .order_by(latest.desc())
        .limit(limit)
    )
    return [int(r.source_id) for r in rows]


def insert_snapshot(conn: Connection, values: dict[str, Any]) -> int:
    return int(
        conn.execute(insert(snapshot_t).values(**values).returning(snapshot_t.c.id)).scalar_one()
    )


# ------------------------------------------------------------------ look-ups for matching


def posts_by_hash(
    conn: Connection, story_id: int, column: str, hashes: Iterable[str]
) -> dict[str, int]:
    """Known posts by revision ``content_hash`` or ``fields_hash`` (indexed)."""
    wanted = list(set(hashes))
    if not wanted:
        return {}
    col = revision_t.c[column]
    rows = conn.execute(
        select(col, revision_t.c.post_id)
        .where(revision_t.c.story_id == story_id, col.in_(wanted))
        .order_by(revision_t.c.id)
    )
    return {r[0]: int(r.post_id) for r in rows}  # the latest revision wins


def last_sighting(conn: Connection, post_id: int, source: int) -> int:
    """The latest snapshot of a page in which a post was seen."""
    return int(
        conn.execute(
            select(func.max(sighting_t.c.snapshot_id))
            .join(snapshot_t, snapshot_t.c.id == sighting_t.c.snapshot_id)
            .where(sighting_t.c.post_id == post_id, snapshot_t.c.source_id == source)
        ).scalar_one()
    )


def posts_by_native_id(
    conn: Connection, story_id: int, native_ids: Iterable[str]
) -> dict[str, int]:
    wanted = list(set(native_ids))
    if not wanted:
        return {}
    rows = conn.execute(
        select(post_t.c.native_id, post_t.c.id).where(
            post_t.c.story_id == story_id, post_t.c.native_id.in_(wanted)
        )
    )
    return {r.native_id: int(r.id) for r in rows}


def posts_by_fingerprint(
    conn: Connection, story_id: int, fps: Iterable[int], limit: int
) -> set[int]:
    wanted = list(set(fps))
    if not wanted:
        return set()
    rows = conn.execute(
        select(fingerprint_t.c.post_id)
        .where(fingerprint_t.c.story_id == story_id, fingerprint_t.c.fp.in_(wanted))
        .order_by(fingerprint_t.c.post_id.desc())
        .limit(limit)
    )
    return {int(r.post_id) for r in rows}


def heads_for_posts(conn: Connection, post_ids: Iterable[int]) -> dict[int, dict[int, Head]]:
    """Every page's latest revision of each post: {post_id: {source_id: Head}}."""
    wanted = list(set(post_ids))
    heads: dict[int, dict[int, Head]] = {p: {} for p in wanted}
    if not wanted:
        return heads
    rows = conn.execute(
        select(
            postpage_t.c.post_id,
            postpage_t.c.source_id,
            postpage_t.c.snapshot_id,
            revision_t.c.id.label("revision_id"),
            revision_t.c.layout,
            *FIELD_COLUMNS,
        )
        .join(revision_t, revision_t.c.id == postpage_t.c.revision_id)
        .where(postpage_t.c.post_id.in_(wanted))
    )
    for r in rows:
        heads[int(r.post_id)][int(r.source_id)] = Head(
            int(r.revision_id), fields_from_row(r), r.layout, int(r.source_id), int(r.snapshot_id)
        )
    return heads


# ------------------------------------------------------------------ batched writes


def insert_returning_ids(conn: Connection, table: Any, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert many rows in one round trip, returning their ids in the order given."""
    if not rows:
        return []
    result = conn.execute(
        insert(table).returning(table.c.id, sort_by_parameter_order=True), list(rows)
    )
    return [int(i) for i in result.scalars()]


def insert_rows(conn: Connection, table: Any, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(table), list(rows))


def _upsert(conn: Connection, table: Any) -> Any:
    return (postgresql if conn.dialect.name == "postgresql" else sqlite).insert(table)


def upsert_heads(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    if not rows:
        return
    stmt = _upsert(conn, postpage_t)
    stmt = stmt.on_conflict_do_update(
        index_elements=["post_id", "source_id"],
        set_={"revision_id": stmt.excluded.revision_id, "snapshot_id": stmt.excluded.snapshot_id},
    )
    conn.execute(stmt, list(rows))


def insert_fingerprints(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        conn.execute(_upsert(conn, fingerprint_t).on_conflict_do_nothing(), list(rows))
