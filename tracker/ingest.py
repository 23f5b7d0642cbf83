"""Ingest snapshots: load → plan → write, one transaction per snapshot.

- **load**: the story and page rows, whether these bytes were already observed, the parsed
  capture, and a ``StoryIndex`` of the story's history;
- **plan**: ``tracker.plan.Planner`` decides matches, lineage, edits and removals (pure);
- **write**: ``storage.writer.write_plan`` stores the plan in batched statements, then the
  write hooks run in the same transaction (the webhook outbox is one), so an edit and its
  alerts commit together or not at all.

A batch ingest into a story that was empty when it started keeps the whole story in a
``MemoryIndex`` and reads nothing back; otherwise (the daemon, or a story with history, or
another process writing meanwhile, which the story's version counter reveals) the index reads
the database inside the transaction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Connection, Engine

from storage import queries as q
from storage.index import DbIndex
from storage.writer import write_plan
from tracker.errors import CaptureError
from tracker.html import Selectors
from tracker.identify import KnownParagraphs
from tracker.index import MemoryIndex, StoryIndex
from tracker.model import Capture, Plan, Written
from tracker.parsers import parse
from tracker.plan import Planner

PARSER_VERSION = 1
# A batch ingest's in-memory index past this many entries is dropped; the database serves.
MAX_MEMORY_ENTRIES = 1_000_000


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class IngestResult:
    origin: str
    source: str
    # "stored"; "suspect" (stored, flagged, no edits); "unchanged" (identical to the page's
    # latest snapshot: recorded as seen again); "duplicate" (this observation was ingested)
    status: str
    snapshot_id: int | None
    posts: int = 0
    new_posts: int = 0
    edits: int = 0
    removals: int = 0
    reason: str | None = None


@dataclass(frozen=True)
class WriteContext:
    """What a write hook knows of the snapshot besides its rows."""

    story: str
    page: str
    url: str | None
    now: datetime


class WriteHook(Protocol):
    """Runs after a snapshot's rows are written, in the same transaction (e.g. the outbox)."""

    def __call__(self, conn: Connection, context: WriteContext, written: Written) -> None: ...


class Ingestor:
    """Ingests captures into one story. Keep one per process and story.

    ``long_running`` (the daemon): never keep the story in memory, and return the connection
    after each snapshot, so that memory stays level and any number of stories share the pool.
    """

    def __init__(
        self,
        engine: Engine,
        story: str,
        clock: Callable[[], datetime] = utc_now,
        hooks: Sequence[WriteHook] = (),
        long_running: bool = False,
        max_memory_entries: int = MAX_MEMORY_ENTRIES,
    ) -> None:
        self.engine = engine
        self.story = story
        self.clock = clock
        self.hooks = list(hooks)
        self.long_running = long_running
        self.max_memory_entries = max_memory_entries
        self.planner = Planner()
        self._version: int | None = None  # the story's version as of this ingestor's last write
        self._memory: MemoryIndex | None = None
        self._sources: dict[str, int] = {}
        self._names: dict[int, str] = {}  # page names by id, for the database index
        self._conn: Connection | None = None

    def __enter__(self) -> Ingestor:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Return the connection this ingestor holds between snapshots."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # ------------------------------------------------------------------ entry points

    def ingest_bytes(
        self,
        data: bytes,
        origin: str,
        *,
        source: str | None = None,
        captured_at: datetime | None = None,
        url: str | None = None,
        parser: str = "capture",
        selectors: Selectors | None = None,
    ) -> IngestResult:
        """Ingest one snapshot in one transaction. Raises CaptureError for unusable bytes."""
        with self._transaction() as conn:
            now = self.clock()
            story_id = self._open_story(conn)
            obs = _Observation(origin, hashlib.sha256(data).hexdigest(), url, captured_at, now)
            if source is not None:  # a known page: an unchanged capture is not parsed
                seen = self._already_seen(conn, story_id, source, obs)
                if seen is not None:
                    return seen
            index = self._index(conn, story_id)
            # A capture without time lines is split at the headlines and leads history knows.
            capture = parse(data, origin, parser, selectors, KnownParagraphs(index))
            name = source or capture.page_title
            if not name:
                raise CaptureError(origin, "the capture has no page title; pass --source")
            seen = None if source is not None else self._already_seen(conn, story_id, name, obs)
            if seen is not None:
                return seen
            source_id = self._source(conn, story_id, name, url, now)
            page = index.page(source_id)
            when = captured_at or now
            _check_time_order(origin, name, when, page.captured_at)
            plan = self.planner.plan(capture, source_id, index)
            row = _snapshot_row(source_id, origin, when, now, data, obs.sha, plan.suspect)
            snapshot_id = q.insert_snapshot(conn, row | _parsed_columns(capture))
            if plan.suspect is not None:
                self._bump(conn, story_id, 0)
                return IngestResult(origin, name, "suspect", snapshot_id, reason=plan.suspect)
            written = write_plan(conn, story_id, snapshot_id, plan)
            context = WriteContext(self.story, name, url, now)
            for hook in self.hooks:
                hook(conn, context, written)
            self._bump(conn, story_id, plan.new_posts)
            if self._memory is not None:
                self._memory.apply(plan, written, when)
                if self._memory.entries() > self.max_memory_entries:
                    self._memory = None  # from now on the database serves
            return _stored(origin, name, snapshot_id, plan)

    def ingest_unparsable(
        self,
        data: bytes,
        origin: str,
        *,
        source: str,
        reason: str,
        url: str | None = None,
        captured_at: datetime | None = None,
    ) -> IngestResult:
        """Keep a fetched page that yielded no posts (an error page served with 200, a consent
        wall) as a suspect snapshot: raw bytes stored, no edits, no removals."""
        with self._transaction() as conn:
            now = self.clock()
            story_id = self._open_story(conn)
            obs = _Observation(origin, hashlib.sha256(data).hexdigest(), url, captured_at, now)
            seen = self._already_seen(conn, story_id, source, obs)
            if seen is not None:
                return seen
            source_id = self._source(conn, story_id, source, url, now)
            row = _snapshot_row(source_id, origin, captured_at or now, now, data, obs.sha, reason)
            snapshot_id = q.insert_snapshot(conn, row)
            self._bump(conn, story_id, 0)
        return IngestResult(origin, source, "suspect", snapshot_id, reason=reason)

    # ------------------------------------------------------------------ load

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        """One snapshot's transaction on this ingestor's connection. If it rolls back, the
        in-memory index (which may have learnt part of it) is dropped."""
        conn = self._connection()
        try:
            with conn.begin():
                yield conn
        except BaseException:
            # The rolled-back transaction may have made a page row this ingestor remembered.
            self._memory = None
            self._version = None
            self._sources = {}
            self._names = {}
            if conn.invalidated:
                self.close()
            raise
        finally:
            if self.long_running:
                self.close()

    def _connection(self) -> Connection:
        if self._conn is None or self._conn.invalidated:
            # One connection for many snapshots: a pool check-out and reset per snapshot
            # would cost more than the snapshot's own statements.
            self._conn = self.engine.connect()
            if not self.long_running:
                q.widen_page_cache(self._conn)
        return self._conn

    def _open_story(self, conn: Connection) -> int:
        """The story's id, created if new. Another process having written since this
        ingestor's last write (the version moved) makes the in-memory index stale."""
        story_id, version = q.story_row(conn, self.story, self.clock())
        if version != self._version:
            fresh = self._version is None and version == 0 and not self.long_running
            self._memory = MemoryIndex() if fresh else None
            self._sources = {}
            self._version = version
        return story_id

    def _bump(self, conn: Connection, story_id: int, new_posts: int) -> None:
        self._version = q.bump_story_version(conn, story_id, new_posts)

    def _source(
        self, conn: Connection, story_id: int, name: str, url: str | None, now: datetime
    ) -> int:
        source = self._sources.get(name)
        if source is None:
            source = self._sources[name] = q.source_id(conn, story_id, name, url, now)
            if self._memory is not None:
                self._memory.add_source(source, name)
        return source

    def _index(self, conn: Connection, story_id: int) -> StoryIndex:
        if self._memory is not None:
            return self._memory
        return DbIndex(conn, story_id, self._names)

    def _already_seen(
        self,
        conn: Connection,
        story_id: int,
        page: str,
        observation: _Observation,
    ) -> IngestResult | None:
        """The result for a capture that adds nothing: the same observation again (a file
        ingested twice: same page, origin and bytes, and the same capture time if one was
        given), or a capture identical to the page's latest snapshot, recorded as the page seen
        unchanged. Bytes identical to an older snapshot are a new observation (a page that
        changed back: A, B, A), and are ingested."""
        source = self._sources.get(page) or q.find_source(conn, story_id, page)
        if source is None:
            return None
        obs = observation
        found = q.snapshots_with_bytes(conn, source, obs.sha, obs.origin, obs.captured_at)
        if obs.url is None:
            same = next((f for f in found if f.same_observation), None)
            if same is not None:
                return IngestResult(obs.origin, page, "duplicate", same.id, reason=same.suspect)
        latest = next((f for f in found if f.latest), None)
        if latest is None:
            return None
        q.insert_observation(
            conn,
            {
                "snapshot_id": latest.id,
                "origin": obs.origin,
                "captured_at": obs.captured_at or obs.now,
                "ingested_at": obs.now,
            },
        )
        return IngestResult(obs.origin, page, "unchanged", latest.id, reason=latest.suspect)


@dataclass(frozen=True)
class _Observation:
    """One capture being ingested: where it came from, when, and its bytes' hash."""

    origin: str
    sha: str
    url: str | None
    captured_at: datetime | None  # as given; None: the time of ingest
    now: datetime


def _stored(origin: str, name: str, snapshot_id: int, plan: Plan) -> IngestResult:
    return IngestResult(
        origin,
        name,
        "stored",
        snapshot_id,
        posts=plan.post_count,
        new_posts=plan.new_posts,
        edits=plan.edits,
        removals=len(plan.removals),
    )


def _snapshot_row(
    source: int,
    origin: str,
    when: datetime,
    now: datetime,
    data: bytes,
    sha: str,
    suspect: str | None,
) -> dict[str, Any]:
    """A snapshot row with nothing parsed yet: no layout, no posts."""
    return {
        "source_id": source,
        "origin": origin,
        "captured_at": when,
        "ingested_at": now,
        "raw_sha256": sha,
        "raw": data,
        "layout": "unknown",
        "parser_version": PARSER_VERSION,
        "declared_count": None,
        "post_count": 0,
        "text_volume": 0,
        "suspect": suspect,
    }


def _parsed_columns(capture: Capture) -> dict[str, Any]:
    return {
        "layout": capture.layout,
        "declared_count": capture.declared_count,
        "post_count": len(capture.posts),
        "text_volume": capture.text_volume,
    }


def _check_time_order(origin: str, page: str, when: datetime, latest: datetime | None) -> None:
    if latest is None:
        return
    if latest.tzinfo is None:  # SQLite hands times back without a zone; they are UTC
        latest = latest.replace(tzinfo=UTC)
    if when < latest:
        raise CaptureError(
            origin,
            f"captured at {when:%Y-%m-%dT%H:%M:%SZ}, before the latest snapshot of page "
            f"{page!r} ({latest:%Y-%m-%dT%H:%M:%SZ}); ingest captures in time order",
        )


def read_capture_file(path: Path) -> bytes:
    """The bytes of a capture file; CaptureError naming it if it can't be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise CaptureError(str(path), "no such file") from None
    except IsADirectoryError:
        raise CaptureError(str(path), "is a directory, not a capture file") from None
    except OSError as exc:
        raise CaptureError(str(path), f"cannot be read: {exc.strerror}") from None


def ingest_paths(
    ingestor: Ingestor,
    paths: Sequence[Path],
    *,
    source: str | None = None,
    captured_at: datetime | None = None,
    parser: str = "capture",
    selectors: Selectors | None = None,
    on_done: Callable[[IngestResult | CaptureError], None] | None = None,
) -> tuple[list[IngestResult], list[CaptureError]]:
    """Ingest files in the order given. A bad file is reported and skipped, storing nothing of
    it; the others go in. Missing files are refused before anything is written."""
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise CaptureError(str(missing[0]), "no such file (nothing was ingested)")
    results: list[IngestResult] = []
    failures: list[CaptureError] = []
    for path in paths:
        outcome: IngestResult | CaptureError
        try:
            data = read_capture_file(path)
            outcome = ingestor.ingest_bytes(
                data,
                path.name,
                source=source,
                captured_at=captured_at,
                parser=parser,
                selectors=selectors,
            )
            results.append(outcome)
        except CaptureError as exc:
            outcome = CaptureError(str(path), exc.problem)
            failures.append(outcome)
        if on_done is not None:
            on_done(outcome)
    return results, failures
