"""Indexed reads and batched writes for ingest. Every read is keyed (story, hash, post ids,
source), never a scan of history, so a snapshot costs the same in a small or a large story.

Statements are built once, with bound parameters: SQLAlchemy then reuses their compiled form,
and ingest does not pay for building a query per snapshot.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError

from storage.tables import (
    Delivery,
    Edit,
    Fingerprint,
    NativeId,
    Observation,
    Post,
    PostPage,
    Revision,
    Sighting,
    Snapshot,
    Source,
    Story,
    Term,
    TermDelta,
)
from tracker.model import Head, HeadKey, PostFields, Version

story_t = Story.__table__  # type: ignore[attr-defined]
source_t = Source.__table__  # type: ignore[attr-defined]
snapshot_t = Snapshot.__table__  # type: ignore[attr-defined]
post_t = Post.__table__  # type: ignore[attr-defined]
observation_t = Observation.__table__  # type: ignore[attr-defined]
nativeid_t = NativeId.__table__  # type: ignore[attr-defined]
term_t = Term.__table__  # type: ignore[attr-defined]
termdelta_t = TermDelta.__table__  # type: ignore[attr-defined]
revision_t = Revision.__table__  # type: ignore[attr-defined]
postpage_t = PostPage.__table__  # type: ignore[attr-defined]
sighting_t = Sighting.__table__  # type: ignore[attr-defined]
edit_t = Edit.__table__  # type: ignore[attr-defined]
fingerprint_t = Fingerprint.__table__  # type: ignore[attr-defined]
delivery_t = Delivery.__table__  # type: ignore[attr-defined]

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


def _upsert_for(conn: Connection, table: Any) -> Any:
    return (postgresql if conn.dialect.name == "postgresql" else sqlite).insert(table)


# FOR UPDATE: on PostgreSQL one ingest transaction per story at a time, so that each sees one
# consistent state, as SQLite's BEGIN IMMEDIATE gives (SQLite ignores the clause).
_STORY = (
    select(story_t.c.id, story_t.c.version)
    .where(story_t.c.name == bindparam("name"))
    .with_for_update()
)
_BUMP = (
    update(story_t)
    .where(story_t.c.id == bindparam("story_id"))
    .values(version=story_t.c.version + 1, posts=story_t.c.posts + bindparam("new"))
    .returning(story_t.c.version)
)
_SOURCE = select(source_t.c.id).where(
    source_t.c.story_id == bindparam("story_id"), source_t.c.name == bindparam("name")
)
_SOURCE_NAMES = select(source_t.c.id, source_t.c.name).where(
    source_t.c.story_id == bindparam("story_id")
)


BATCH_PAGE_CACHE_KIB = 16384


def widen_page_cache(conn: Connection) -> None:
    """Give one long-lived SQLite connection (a batch ingest's) a page cache of 16 MiB
    instead of the engine's 256 KiB: its snapshots' writes then find their pages in memory
    (a daemon keeps the small cache: it holds a connection per worker)."""
    if conn.dialect.name == "sqlite":  # on the driver's connection: no transaction begins
        driver = conn.connection.driver_connection
        assert driver is not None
        driver.execute(f"PRAGMA cache_size=-{BATCH_PAGE_CACHE_KIB}")


def story_row(conn: Connection, name: str, now: datetime) -> tuple[int, int]:
    """(id, version) of the story, created if new."""
    row = conn.execute(_STORY, {"name": name}).first()
    if row is None:  # several processes may create it at once: the first insert wins
        conn.execute(
            _upsert_for(conn, story_t)
            .values(name=name, version=0, created_at=now)
            .on_conflict_do_nothing(index_elements=["name"])
        )
        row = conn.execute(_STORY, {"name": name}).one()
    return int(row.id), int(row.version)


def bump_story_version(conn: Connection, story_id: int, new_posts: int = 0) -> int:
    """Count a snapshot (and its new posts) on the story; its new version."""
    return int(conn.execute(_BUMP, {"story_id": story_id, "new": new_posts}).scalar_one())


def source_id(conn: Connection, story_id: int, name: str, url: str | None, now: datetime) -> int:
    row = conn.execute(_SOURCE, {"story_id": story_id, "name": name}).first()
    if row is not None:
        return int(row.id)
    stmt = (
        insert(source_t)
        .values(story_id=story_id, name=name, url=url, created_at=now)
        .returning(source_t.c.id)
    )
    return int(conn.execute(stmt).scalar_one())


def find_source(conn: Connection, story_id: int, name: str) -> int | None:
    """The page's id, or None if the story has no page of that name."""
    row = conn.execute(_SOURCE, {"story_id": story_id, "name": name}).first()
    return int(row.id) if row is not None else None


def source_names(conn: Connection, story_id: int) -> dict[int, str]:
    return {int(r.id): r.name for r in conn.execute(_SOURCE_NAMES, {"story_id": story_id})}


# ------------------------------------------------------------------ snapshots

_LATEST_ID = (
    select(func.max(snapshot_t.c.id))
    .where(snapshot_t.c.source_id == bindparam("source"))
    .scalar_subquery()
)
_SAME_BYTES = (
    select(
        snapshot_t.c.id,
        snapshot_t.c.suspect,
        snapshot_t.c.origin,
        snapshot_t.c.captured_at,
        observation_t.c.captured_at.label("observed_at"),
        (snapshot_t.c.id == _LATEST_ID).label("latest"),
    )
    .outerjoin(
        observation_t,
        (observation_t.c.snapshot_id == snapshot_t.c.id)
        & (observation_t.c.origin == bindparam("origin")),
    )
    .where(
        snapshot_t.c.source_id == bindparam("source"), snapshot_t.c.raw_sha256 == bindparam("sha")
    )
)
_LAST_GOOD = (
    select(
        snapshot_t.c.id, snapshot_t.c.captured_at, snapshot_t.c.post_count, snapshot_t.c.text_volume
    )
    .where(snapshot_t.c.source_id == bindparam("source"), snapshot_t.c.suspect.is_(None))
    .order_by(snapshot_t.c.id.desc())
    .limit(bindparam("limit"))
)
# Each page's latest good snapshot is one look-up in ix_snapshot_source_good: the cost grows
# with the story's pages, not with its snapshots.
_LAST_GOOD_OF_SOURCE = (
    select(func.max(snapshot_t.c.id))
    .where(snapshot_t.c.source_id == source_t.c.id, snapshot_t.c.suspect.is_(None))
    .scalar_subquery()
)
_PREVIOUS_PAGE = (
    select(source_t.c.id)
    .where(
        source_t.c.story_id == bindparam("story_id"),
        source_t.c.id != bindparam("source"),
        _LAST_GOOD_OF_SOURCE.is_not(None),
    )
    .order_by(_LAST_GOOD_OF_SOURCE.desc())
    .limit(1)
)
_SIGHTED = (
    select(sighting_t.c.snapshot_id, sighting_t.c.post_id)
    .where(sighting_t.c.snapshot_id.in_(bindparam("ids", expanding=True)))
    .order_by(sighting_t.c.snapshot_id, sighting_t.c.position)
)


@dataclass(frozen=True)
class SameBytes:
    """A snapshot of the page holding the same bytes as a new capture."""

    id: int
    suspect: str | None
    latest: bool  # the page's latest snapshot
    same_observation: bool  # from the same origin (and at the same time, when one is given)


def snapshots_with_bytes(
    conn: Connection, source: int, raw_sha256: str, origin: str, captured_at: datetime | None
) -> list[SameBytes]:
    """The page's snapshots holding exactly these bytes (an indexed look-up: usually none),
    each saying whether it is the page's latest and whether it already recorded this very
    observation, as a snapshot or as an unchanged observation of it."""
    rows = conn.execute(_SAME_BYTES, {"source": source, "sha": raw_sha256, "origin": origin})
    found: dict[int, SameBytes] = {}
    for r in rows:
        same = (r.origin == origin and _same_time(r.captured_at, captured_at)) or (
            r.observed_at is not None and _same_time(r.observed_at, captured_at)
        )
        before = found.get(r.id)
        found[r.id] = SameBytes(
            int(r.id),
            r.suspect,
            bool(r.latest),
            same or (before is not None and before.same_observation),
        )
    return list(found.values())


def _same_time(stored: datetime, given: datetime | None) -> bool:
    if given is None:
        return True
    if stored.tzinfo is None:  # SQLite hands times back without a zone; they are UTC
        stored = stored.replace(tzinfo=UTC)
    return stored == given


def insert_observation(conn: Connection, values: dict[str, Any]) -> None:
    conn.execute(insert(observation_t), values)


def last_good_snapshots(conn: Connection, source: int, limit: int) -> list[Any]:
    """The page's latest non-suspect snapshots, newest first (id, captured_at, post_count,
    text_volume)."""
    return list(conn.execute(_LAST_GOOD, {"source": source, "limit": limit}))


def previous_page(conn: Connection, story_id: int, source: int) -> int | None:
    """The story's other page with the latest good snapshot."""
    found = conn.execute(_PREVIOUS_PAGE, {"story_id": story_id, "source": source}).scalar()
    return None if found is None else int(found)


_FIRST_GOOD = select(func.min(snapshot_t.c.id)).where(
    snapshot_t.c.source_id == bindparam("source"), snapshot_t.c.suspect.is_(None)
)
_LAST_GOOD_BEFORE = (
    select(snapshot_t.c.id)
    .where(
        snapshot_t.c.source_id == bindparam("other"),
        snapshot_t.c.suspect.is_(None),
        snapshot_t.c.id < bindparam("before"),
    )
    .order_by(snapshot_t.c.id.desc())
    .limit(bindparam("limit"))
)


def snapshots_at_opening(conn: Connection, other: int, source: int, limit: int) -> list[int]:
    """Page ``other``'s last good snapshots (newest first) before page ``source``'s first
    (its latest when ``source`` has none)."""
    first = conn.execute(_FIRST_GOOD, {"source": source}).scalar()
    if first is None:
        return [int(row.id) for row in last_good_snapshots(conn, other, limit)]
    found = conn.execute(_LAST_GOOD_BEFORE, {"other": other, "before": first, "limit": limit})
    return [int(row.id) for row in found]


def sighted_posts(conn: Connection, snapshot_ids: Sequence[int]) -> dict[int, list[int]]:
    """The posts each snapshot showed, top first: {snapshot: [post, …]}."""
    shown: dict[int, list[int]] = {}
    if snapshot_ids:
        for r in conn.execute(_SIGHTED, {"ids": list(snapshot_ids)}):
            shown.setdefault(int(r.snapshot_id), []).append(int(r.post_id))
    return shown


def insert_snapshot(conn: Connection, values: dict[str, Any]) -> int:
    [snapshot_id] = insert_returning_ids(conn, snapshot_t, [values])
    return snapshot_id


# ------------------------------------------------------------------ look-ups for matching

_BY_HASH = {
    column: select(revision_t.c[column], revision_t.c.post_id)
    .where(
        revision_t.c.story_id == bindparam("story_id"),
        revision_t.c[column].in_(bindparam("hashes", expanding=True)),
    )
    .order_by(revision_t.c.id)
    for column in ("content_hash", "fields_hash")
}
_BY_NATIVE = select(nativeid_t.c.native_id, nativeid_t.c.source_id, nativeid_t.c.post_id).where(
    nativeid_t.c.story_id == bindparam("story_id"),
    nativeid_t.c.native_id.in_(bindparam("ids", expanding=True)),
)
_IDS_ON_PAGE = select(nativeid_t.c.post_id, nativeid_t.c.native_id).where(
    nativeid_t.c.source_id == bindparam("source"),
    nativeid_t.c.post_id.in_(bindparam("ids", expanding=True)),
)
# The newest ``limit`` posts of each fingerprint (a limit on the whole query would drop the
# older posts of every fingerprint asked about together).
_RANKED_FINGERPRINTS = (
    select(
        fingerprint_t.c.fp,
        fingerprint_t.c.post_id,
        func.row_number()
        .over(partition_by=fingerprint_t.c.fp, order_by=fingerprint_t.c.post_id.desc())
        .label("rank"),
    )
    .where(
        fingerprint_t.c.story_id == bindparam("story_id"),
        fingerprint_t.c.fp.in_(bindparam("fps", expanding=True)),
    )
    .subquery()
)
_BY_FINGERPRINT = select(_RANKED_FINGERPRINTS.c.fp, _RANKED_FINGERPRINTS.c.post_id).where(
    _RANKED_FINGERPRINTS.c.rank <= bindparam("limit")
)
_LAST_SIGHTING = (
    select(func.max(sighting_t.c.snapshot_id))
    .join(snapshot_t, snapshot_t.c.id == sighting_t.c.snapshot_id)
    .where(
        sighting_t.c.post_id == bindparam("post_id"), snapshot_t.c.source_id == bindparam("source")
    )
)
_HEADS = (
    select(
        postpage_t.c.post_id,
        postpage_t.c.source_id,
        postpage_t.c.snapshot_id,
        revision_t.c.id.label("revision_id"),
        revision_t.c.layout,
        *FIELD_COLUMNS,
    )
    .join(revision_t, revision_t.c.id == postpage_t.c.revision_id)
    .where(postpage_t.c.post_id.in_(bindparam("ids", expanding=True)))
)


def posts_by_hash(
    conn: Connection, story_id: int, column: str, hashes: Iterable[str]
) -> dict[str, list[int]]:
    """Known posts by revision ``content_hash`` or ``fields_hash`` (indexed): every post
    with a revision of that hash, the one with the latest such revision last."""
    wanted = list(set(hashes))
    if not wanted:
        return {}
    found: dict[str, dict[int, None]] = {}
    for row in conn.execute(_BY_HASH[column], {"story_id": story_id, "hashes": wanted}):
        posts = found.setdefault(row[0], {})
        posts.pop(int(row.post_id), None)
        posts[int(row.post_id)] = None
    return {h: list(posts) for h, posts in found.items()}


def posts_by_native_id(
    conn: Connection, story_id: int, native_ids: Iterable[str]
) -> list[tuple[str, int, int]]:
    """(native id, page, post) for every page where each id is known."""
    wanted = list(set(native_ids))
    if not wanted:
        return []
    rows = conn.execute(_BY_NATIVE, {"story_id": story_id, "ids": wanted})
    return [(r.native_id, int(r.source_id), int(r.post_id)) for r in rows]


def native_ids_on_page(conn: Connection, source: int, post_ids: Iterable[int]) -> dict[int, str]:
    wanted = list(set(post_ids))
    if not wanted:
        return {}
    rows = conn.execute(_IDS_ON_PAGE, {"source": source, "ids": wanted})
    return {int(r.post_id): r.native_id for r in rows}


def posts_by_fingerprint(
    conn: Connection, story_id: int, fps: Iterable[int], limit: int
) -> dict[int, set[int]]:
    """Posts sharing each fingerprint: {fp: {post ids}}."""
    wanted = list(set(fps))
    hits: dict[int, set[int]] = {}
    if not wanted:
        return hits
    params = {"story_id": story_id, "fps": wanted, "limit": limit}
    for r in conn.execute(_BY_FINGERPRINT, params):
        hits.setdefault(int(r.fp), set()).add(int(r.post_id))
    return hits


def last_sighting(conn: Connection, post_id: int, source: int) -> int:
    """The latest snapshot of a page in which a post was seen."""
    return int(conn.execute(_LAST_SIGHTING, {"post_id": post_id, "source": source}).scalar_one())


_REVISION_HASHES = (
    select(
        revision_t.c.post_id,
        revision_t.c.id,
        snapshot_t.c.source_id,
        revision_t.c.content_hash,
        revision_t.c.fields_hash,
    )
    .join(snapshot_t, snapshot_t.c.id == revision_t.c.snapshot_id)
    .where(revision_t.c.post_id.in_(bindparam("ids", expanding=True)))
    .order_by(revision_t.c.id)
)


def revision_hashes(conn: Connection, post_ids: Iterable[int]) -> dict[int, list[Version]]:
    """{post: its revisions' hashes, oldest first} (indexed by post)."""
    wanted = list(set(post_ids))
    found: dict[int, list[Version]] = {p: [] for p in wanted}
    if wanted:
        for r in conn.execute(_REVISION_HASHES, {"ids": wanted}):
            version = Version(int(r.id), int(r.source_id), r.content_hash, r.fields_hash)
            found[int(r.post_id)].append(version)
    return found


_HEAD_KEYS = (
    select(
        postpage_t.c.post_id,
        postpage_t.c.snapshot_id,
        revision_t.c.id.label("revision_id"),
        revision_t.c.fields_hash,
        revision_t.c.layout,
    )
    .join(revision_t, revision_t.c.id == postpage_t.c.revision_id)
    .where(
        postpage_t.c.source_id == bindparam("source"),
        postpage_t.c.post_id.in_(bindparam("ids", expanding=True)),
    )
)


def head_keys(conn: Connection, source: int, post_ids: Iterable[int]) -> dict[int, HeadKey]:
    """The posts' latest revisions on a page, without their text (no JSON to decode)."""
    wanted = list(set(post_ids))
    if not wanted:
        return {}
    return {
        int(r.post_id): HeadKey(int(r.revision_id), r.fields_hash, r.layout, int(r.snapshot_id))
        for r in conn.execute(_HEAD_KEYS, {"source": source, "ids": wanted})
    }


def heads_for_posts(conn: Connection, post_ids: Iterable[int]) -> dict[int, dict[int, Head]]:
    """Every page's latest revision of each post: {post_id: {source_id: Head}}."""
    wanted = list(set(post_ids))
    heads: dict[int, dict[int, Head]] = {p: {} for p in wanted}
    if not wanted:
        return heads
    for r in conn.execute(_HEADS, {"ids": wanted}):
        heads[int(r.post_id)][int(r.source_id)] = Head(
            int(r.revision_id), fields_from_row(r), r.layout, int(r.source_id), int(r.snapshot_id)
        )
    return heads


# ------------------------------------------------------------------ batched writes

_INSERT_NATIVE_IDS = {}

for _dialect in (sqlite, postgresql):
    _INSERT_NATIVE_IDS[_dialect.__name__.rsplit(".", 1)[-1]] = _dialect.insert(
        nativeid_t
    ).on_conflict_do_nothing()

_INSERT_RETURNING = {
    t.name: insert(t).returning(t.c.id, sort_by_parameter_order=True)
    for t in (post_t, revision_t, edit_t, snapshot_t)
}


def insert_returning_ids(conn: Connection, table: Any, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert many rows in one round trip, returning their ids in the order given."""
    if not rows:
        return []
    if conn.dialect.name == "sqlite":
        return _sqlite_insert_many(conn, table, rows)
    return [int(i) for i in conn.execute(_INSERT_RETURNING[table.name], list(rows)).scalars()]


def _sqlite_insert_many(conn: Connection, table: Any, rows: Sequence[dict[str, Any]]) -> list[int]:
    """The driver's executemany, values bound by the columns' own SQLAlchemy processors (JSON
    as SQLAlchemy writes it). SQLite gives a new row of a table with an integer primary key
    the largest id plus one, and this transaction is the only writer (it holds the write
    lock from its first write), so the rows got consecutive ids ending at the last one
    inserted. (SQLAlchemy's own path cost more per call than the insert: 9% of a batch.)"""
    columns = tuple(rows[0])
    sql, processors = _sqlite_insert(conn.dialect, table, columns)
    values = [
        tuple(
            v if f is None else f(v) for f, v in zip(processors, map(row.get, columns), strict=True)
        )
        for row in rows
    ]
    driver_error = conn.dialect.loaded_dbapi.Error
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.executemany(sql, values)
        last = int(cursor.execute("SELECT last_insert_rowid()").fetchone()[0])
    except driver_error as exc:  # as SQLAlchemy would raise it (IntegrityError, ...)
        raise DBAPIError.instance(sql, values, exc, driver_error) from exc
    finally:
        cursor.close()
    return list(range(last - len(values) + 1, last + 1))


@functools.lru_cache(maxsize=64)
def _sqlite_insert(
    dialect: Any, table: Any, columns: tuple[str, ...]
) -> tuple[str, list[Callable[[Any], Any] | None]]:
    marks = ", ".join("?" * len(columns))
    sql = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({marks})"
    return sql, [table.c[c].type.dialect_impl(dialect).bind_processor(dialect) for c in columns]


def insert_rows(conn: Connection, table: Any, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(table), list(rows))


def upsert_heads(conn: Connection, rows: list[tuple[int, int, int, int]]) -> None:
    """Set (post, page) → (revision, snapshot): each post's latest revision on the page."""
    if rows:
        raw_many(conn, _RAW_HEADS, rows)


def insert_sightings(conn: Connection, rows: list[tuple[int, int, int, int]]) -> None:
    """(snapshot, position, post, revision) rows."""
    if rows:
        raw_many(conn, _RAW_SIGHTINGS, rows)


# A snapshot's batches of small rows (a new post brings ~150 words and ~25 keys; every post
# shown, a sighting) go to the driver's executemany directly: SQLAlchemy's per-row parameter
# handling would cost more than the database's work. Columns in this order; the placeholder
# is the driver's.
_RAW_SIGHTINGS = (
    "INSERT INTO sighting (snapshot_id, position, post_id, revision_id) VALUES ({p}, {p}, {p}, {p})"
)
_RAW_HEADS = (
    "INSERT INTO postpage (post_id, source_id, revision_id, snapshot_id)"
    " VALUES ({p}, {p}, {p}, {p}) ON CONFLICT (post_id, source_id) DO UPDATE"
    " SET revision_id = excluded.revision_id, snapshot_id = excluded.snapshot_id"
)
_RAW_FINGERPRINTS = (
    "INSERT INTO fingerprint (story_id, fp, post_id) VALUES ({p}, {p}, {p}) ON CONFLICT DO NOTHING"
)


def raw_many(conn: Connection, template: str, rows: Sequence[tuple[int, ...]]) -> None:
    placeholder = "?" if conn.dialect.name == "sqlite" else "%s"
    conn.exec_driver_sql(template.format(p=placeholder), rows)


def insert_fingerprints(conn: Connection, story_id: int, keys: Iterable[tuple[int, int]]) -> None:
    """Index (fingerprint, post) pairs of the story (pairs already known are kept)."""
    rows = sorted({(story_id, fp, post) for fp, post in keys})
    if rows:
        raw_many(conn, _RAW_FINGERPRINTS, rows)


def insert_native_ids(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Record each post's native id on a page (an id already known there is kept)."""
    if rows:
        conn.execute(_INSERT_NATIVE_IDS[conn.dialect.name], list(rows))
