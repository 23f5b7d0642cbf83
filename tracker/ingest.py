"""Ingest snapshots: parse → match → lineage → diff → store, one transaction per snapshot.

The database, the clock and the bytes come in from the edges. Reads go through a per-process
cache of the story's look-ups; the story's version counter, bumped by every snapshot, tells an
ingest that another process wrote in between, and the cache is dropped. An unchanged post
costs a hash and a dictionary look-up: its exact fields hash names its post, and its head
revision on the page is already that revision.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine

from storage import queries as q
from tracker.config import WebhookConfig
from tracker.diffing import summarize
from tracker.errors import CaptureError
from tracker.events import deliveries, edit_event
from tracker.html import Selectors
from tracker.lineage import Head, Outcome, plan_snapshot, removed_posts, suspect_reason
from tracker.matching import Candidate, Profile, exact_lookup, match_snapshot
from tracker.model import Capture, PostFields
from tracker.normalize import fingerprint
from tracker.parsers import parse

PARSER_VERSION = 1
FINGERPRINT_MIN_CHARS = 80  # shorter paragraphs ("CNN could not verify…") are boilerplate
FINGERPRINT_LIMIT = 200
RECENT_SNAPSHOTS = 3  # a page's last good snapshots whose posts are similarity candidates
# Bounds on what a batch ingest keeps in memory: the most recent similarity profiles, and a cap
# on everything else, past which the story's cache is dropped and reloaded lazily from the
# (indexed) database. A long-running ingestor (the daemon) keeps only what its pages show.
MAX_PROFILES = 500
MAX_CACHE_ENTRIES = 1_000_000


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class IngestResult:
    origin: str
    source: str
    status: str  # "stored", "duplicate" or "suspect"
    snapshot_id: int | None
    posts: int = 0
    new_posts: int = 0
    edits: int = 0
    removals: int = 0
    reason: str | None = None


@dataclass
class _Page:
    """A page's latest good snapshot (what removals are judged against), and the posts its
    last few good snapshots showed (candidates: a small window may have hidden a post)."""

    snapshot_id: int | None
    captured_at: datetime | None
    post_ids: list[int]
    post_count: int | None
    text_volume: int | None
    recent: tuple[list[int], ...] = ()


@dataclass
class _StoryCache:
    """What this process knows of the story as of ``version``."""

    version: int = -1
    # True when this process has seen every snapshot of the story (it started empty): then a
    # cache miss is a definite "no" and needs no query.
    complete: bool = False
    fp_index: dict[int, set[int]] = field(default_factory=dict)  # fingerprint → posts
    by_fields: dict[str, int] = field(default_factory=dict)
    by_content: dict[str, int] = field(default_factory=dict)
    missing: set[str] = field(default_factory=set)  # hashes known to match no post
    heads: dict[int, dict[int, Head]] = field(default_factory=dict)
    profiles: dict[int, Profile] = field(default_factory=dict)  # by revision id
    native_of: dict[int, str | None] = field(default_factory=dict)  # post id → native id
    pages: dict[int, _Page] = field(default_factory=dict)
    source_names: dict[int, str] = field(default_factory=dict)
    source_ids: dict[str, int] = field(default_factory=dict)

    def keep_pages_only(self) -> None:
        """Forget all but the pages and what their latest snapshots show (their posts' heads,
        native ids and profiles): the history's look-ups, and the posts of a page's earlier
        snapshots when a new post needs candidates, go to the database instead. New dicts,
        since a dict's table never shrinks."""
        shown = {p for page in self.pages.values() for p in page.post_ids}
        self.heads = {p: heads for p, heads in self.heads.items() if p in shown}
        self.native_of = {p: n for p, n in self.native_of.items() if p in shown}
        revisions = {h.revision_id for heads in self.heads.values() for h in heads.values()}
        self.profiles = {r: v for r, v in self.profiles.items() if r in revisions}
        self.by_fields, self.by_content, self.missing, self.fp_index = {}, {}, set(), {}
        self.complete = False

    def entries(self) -> int:
        return (
            len(self.by_fields)
            + len(self.by_content)
            + len(self.missing)
            + len(self.heads)
            + len(self.fp_index)
        )


@dataclass
class _Stored:
    post_ids: list[int]
    new_posts: int
    edits: int
    removals: int


class Ingestor:
    """Ingests captures into one story. Keep one per process and story: it caches look-ups.

    A batch ingest (the default) caches the story's history and keeps one connection between
    snapshots. A ``long_running`` one (the daemon) keeps in memory only what its pages show,
    so that its memory levels off at the size of its pages however long it runs, and returns
    its connection after each snapshot, so that any number of stories share the pool.
    """

    def __init__(
        self,
        engine: Engine,
        story: str,
        clock: Callable[[], datetime] = utc_now,
        webhooks: Sequence[WebhookConfig] = (),
        max_cache_entries: int = MAX_CACHE_ENTRIES,
        long_running: bool = False,
    ) -> None:
        self.engine = engine
        self.story = story
        self.clock = clock
        self.webhooks = list(webhooks)
        self.max_cache_entries = max_cache_entries
        self.long_running = long_running
        self._cache = _StoryCache()
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
            if source is not None:  # a known page: an unchanged capture is not parsed
                existing = self._existing(conn, source, data, latest_only=url is not None)
                if existing is not None:
                    return IngestResult(
                        origin, source, "duplicate", existing.id, reason=existing.suspect
                    )
            capture = parse(data, origin, parser, selectors)
            return self._ingest(conn, capture, data, source, captured_at, url)

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        """One snapshot's transaction on this ingestor's connection. If it rolls back, so
        does the cache; a long-running ingestor gives the connection back either way."""
        conn = self._connection()
        try:
            with conn.begin():
                yield conn
        except BaseException:
            self._cache = _StoryCache()
            if conn.invalidated:
                self.close()
            raise
        finally:
            if self.long_running:
                self.close()

    # ------------------------------------------------------------------ one transaction

    def _ingest(
        self,
        conn: Connection,
        capture: Capture,
        data: bytes,
        source_name: str | None,
        captured_at: datetime | None,
        url: str | None,
    ) -> IngestResult:
        now = self.clock()
        story_id = self._open_story(conn, now)
        name = source_name or capture.page_title
        if not name:
            raise CaptureError(capture.origin, "the capture has no page title; pass --source")
        source = self._source(conn, story_id, name, url, now)
        sha = hashlib.sha256(data).hexdigest()
        existing = q.existing_snapshot(conn, source, sha, latest_only=url is not None)
        if existing is not None:
            return IngestResult(
                capture.origin, name, "duplicate", existing.id, reason=existing.suspect
            )
        page = self._page(conn, source)
        when = captured_at or now
        _check_time_order(capture.origin, name, when, page.captured_at)
        reason = suspect_reason(capture, page.post_count, page.text_volume)
        snapshot_id = q.insert_snapshot(
            conn,
            _snapshot_row(source, capture.origin, when, now, data, sha, reason)
            | {
                "layout": capture.layout,
                "declared_count": capture.declared_count,
                "post_count": len(capture.posts),
                "text_volume": capture.text_volume,
            },
        )
        if reason is not None:
            self._cache.version = q.bump_story_version(conn, story_id)
            return IngestResult(capture.origin, name, "suspect", snapshot_id, reason=reason)
        stored = self._store_posts(conn, story_id, source, snapshot_id, capture, page, url)
        self._cache.pages[source] = _Page(
            snapshot_id,
            when,
            stored.post_ids,
            len(capture.posts),
            capture.text_volume,
            (stored.post_ids, *page.recent[: RECENT_SNAPSHOTS - 1]),
        )
        self._cache.version = q.bump_story_version(conn, story_id)
        self._trim_cache()
        return IngestResult(
            capture.origin,
            name,
            "stored",
            snapshot_id,
            posts=len(capture.posts),
            new_posts=stored.new_posts,
            edits=stored.edits,
            removals=stored.removals,
        )

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
            existing = self._existing(conn, source, data, latest_only=True)
            if existing is not None:
                return IngestResult(
                    origin, source, "duplicate", existing.id, reason=existing.suspect
                )
            now = self.clock()
            story_id = self._open_story(conn, now)
            source_id = self._source(conn, story_id, source, url, now)
            sha = hashlib.sha256(data).hexdigest()
            row = _snapshot_row(source_id, origin, captured_at or now, now, data, sha, reason)
            snapshot_id = q.insert_snapshot(conn, row)
            self._cache.version = q.bump_story_version(conn, story_id)
        return IngestResult(origin, source, "suspect", snapshot_id, reason=reason)

    def _trim_cache(self) -> None:
        """Keep the caches within their bounds (see MAX_PROFILES, MAX_CACHE_ENTRIES)."""
        if self.long_running:
            self._cache.keep_pages_only()
            return
        profiles = self._cache.profiles
        if len(profiles) > MAX_PROFILES:
            for revision_id in list(profiles)[: len(profiles) - MAX_PROFILES // 2]:
                del profiles[revision_id]  # the oldest first: dicts keep insertion order
        if self._cache.entries() > self.max_cache_entries:
            self._cache = _StoryCache()  # the next snapshot reloads what it needs

    def _connection(self) -> Connection:
        if self._conn is None or self._conn.invalidated:
            # One connection for many snapshots: a pool check-out and reset per snapshot
            # would cost more than the snapshot's own statements.
            self._conn = self.engine.connect()
        return self._conn

    def _source(
        self, conn: Connection, story_id: int, name: str, url: str | None, now: datetime
    ) -> int:
        source = self._cache.source_ids.get(name)
        if source is None:
            source = q.source_id(conn, story_id, name, url, now)
            self._cache.source_ids[name] = source
            self._cache.source_names[source] = name
        return source

    def _existing(self, conn: Connection, name: str, data: bytes, latest_only: bool) -> Any:
        """The snapshot already holding these exact bytes for the named page, if any. A file
        ingested again matches any earlier snapshot; a fetched page only the latest one, since
        a live page that changes back (A, B, A) has really changed twice."""
        self._open_story(conn, self.clock())
        source = self._cache.source_ids.get(name)
        if source is None:
            return None
        return q.existing_snapshot(conn, source, hashlib.sha256(data).hexdigest(), latest_only)

    def _open_story(self, conn: Connection, now: datetime) -> int:
        story_id, version = q.story_row(conn, self.story, now)
        if version != self._cache.version:  # first use, or another process wrote since
            complete = version == 0 and not self.long_running
            cache = self._cache = _StoryCache(version=version, complete=complete)
            cache.source_names.update(q.source_names(conn, story_id))
            cache.source_ids.update({n: i for i, n in cache.source_names.items()})
        return story_id

    def _store_posts(
        self,
        conn: Connection,
        story_id: int,
        source: int,
        snapshot_id: int,
        capture: Capture,
        page: _Page,
        url: str | None,
    ) -> _Stored:
        matches = self._match(conn, story_id, source, capture, page)
        known = [m for m in matches if m is not None]
        heads = self._heads(conn, known)
        same_page = {p: heads[p][source] for p in known if source in heads[p]}
        elsewhere = {p: _latest(heads[p]) for p in known if heads[p] and source not in heads[p]}
        outcomes = plan_snapshot(capture, matches, same_page, elsewhere)
        return self._write(conn, story_id, source, snapshot_id, capture, page, outcomes, url)

    # ------------------------------------------------------------------ matching

    def _match(
        self, conn: Connection, story_id: int, source: int, capture: Capture, page: _Page
    ) -> list[int | None]:
        posts = capture.posts
        native_ids = [p.native_id for p in posts if p.native_id]
        by_native = q.posts_by_native_id(conn, story_id, native_ids) if native_ids else {}
        by_fields = self._lookup(
            conn, story_id, "fields_hash", [p.fields.fields_hash for p in posts]
        )
        rest = [p for p in posts if p.fields.fields_hash not in by_fields]
        by_content = self._lookup(
            conn, story_id, "content_hash", [p.fields.content_hash for p in rest]
        )
        native_of = (
            self._native_of(conn, [*by_fields.values(), *by_content.values()]) if native_ids else {}
        )
        exact = exact_lookup(by_native, by_fields, by_content, native_of)
        unmatched = {i: p.fields for i, p in enumerate(posts) if exact(p) is None}
        if not unmatched:
            return match_snapshot(posts, exact, [])
        candidates, preferred = self._candidates(conn, story_id, source, page, unmatched)
        if native_ids:
            natives = self._native_of(conn, [c.post_id for c in candidates])
            candidates = [
                Candidate(c.post_id, c.profile, natives.get(c.post_id)) for c in candidates
            ]
        return match_snapshot(posts, exact, candidates, preferred=preferred)

    def _native_of(self, conn: Connection, post_ids: Iterable[int]) -> dict[int, str | None]:
        """Native ids of known posts (None for posts without one)."""
        cache = self._cache.native_of
        wanted = set(post_ids)
        missing = [p for p in wanted if p not in cache]
        if missing and not self._cache.complete:
            cache.update(q.native_ids_of(conn, missing))
        return {p: cache.get(p) for p in wanted}

    def _lookup(
        self, conn: Connection, story_id: int, column: str, hashes: list[str]
    ) -> dict[str, int]:
        cache = self._cache
        known = cache.by_fields if column == "fields_hash" else cache.by_content
        unknown = [h for h in hashes if h not in known and h not in cache.missing]
        if unknown and not cache.complete:
            found = q.posts_by_hash(conn, story_id, column, unknown)
            known.update(found)
            cache.missing.update(h for h in unknown if h not in found)
        return {h: known[h] for h in hashes if h in known}

    def _candidates(
        self,
        conn: Connection,
        story_id: int,
        source: int,
        page: _Page,
        unmatched: dict[int, PostFields],
    ) -> tuple[list[Candidate], dict[int, set[int]]]:
        """Candidates from indexes, never from history: posts sharing a headline or a long
        paragraph with an unmatched post (how carried-over and edited posts are found, on any
        page), and the posts of this page's previous capture (how a post edited beyond any
        exact paragraph is found). Also, per unmatched post, the ones sharing text with it."""
        keys = {i: fingerprints(fields) for i, fields in unmatched.items()}
        wanted = [fp for fps in keys.values() for fp in fps]
        if self._cache.complete:
            index = self._cache.fp_index
            hits = {fp: index[fp] for fp in wanted if fp in index}
        else:
            hits = q.posts_by_fingerprint(conn, story_id, wanted, FINGERPRINT_LIMIT)
        preferred = {
            i: set().union(*(hits.get(fp, set()) for fp in fps)) for i, fps in keys.items()
        }
        ids: set[int] = set().union(*page.recent, *preferred.values())
        heads = self._heads(conn, ids)
        candidates = [
            Candidate(p, self._profile(_latest(heads[p]))) for p in sorted(ids) if heads[p]
        ]
        return candidates, preferred

    def _profile(self, head: Head) -> Profile:
        profile = self._cache.profiles.get(head.revision_id)
        if profile is None:
            profile = self._cache.profiles[head.revision_id] = Profile(head.fields)
        return profile

    def _heads(self, conn: Connection, post_ids: Iterable[int]) -> dict[int, dict[int, Head]]:
        cache = self._cache.heads
        wanted = set(post_ids)
        missing = [p for p in wanted if p not in cache]
        if missing and not self._cache.complete:
            cache.update(q.heads_for_posts(conn, missing))
        for p in missing:
            cache.setdefault(p, {})
        return {p: cache[p] for p in wanted}

    def _page(self, conn: Connection, source: int) -> _Page:
        cached = self._cache.pages.get(source)
        if cached is not None:
            return cached
        rows = [] if self._cache.complete else q.last_good_snapshots(conn, source, RECENT_SNAPSHOTS)
        if not rows:
            page = _Page(None, None, [], None, None)
        else:
            recent = tuple(q.sighted_posts(conn, row.id) for row in rows)
            latest = rows[0]
            page = _Page(
                latest.id,
                latest.captured_at,
                recent[0],
                latest.post_count,
                latest.text_volume,
                recent,
            )
        self._cache.pages[source] = page
        return page

    # ------------------------------------------------------------------ writes

    def _write(
        self,
        conn: Connection,
        story_id: int,
        source: int,
        snapshot_id: int,
        capture: Capture,
        page: _Page,
        outcomes: list[Outcome],
        url: str | None,
    ) -> _Stored:
        post_ids = self._insert_new_posts(conn, story_id, snapshot_id, capture, outcomes)
        revised = [(o, p) for o, p in zip(outcomes, post_ids, strict=True) if o.new_revision]
        revision_ids = q.insert_returning_ids(
            conn,
            q.revision_t,
            [
                {
                    **q.fields_to_row(o.fields),
                    "post_id": pid,
                    "story_id": story_id,
                    "snapshot_id": snapshot_id,
                    "layout": capture.layout,
                }
                for o, pid in revised
            ],
        )
        revision_of = {pid: rid for (_, pid), rid in zip(revised, revision_ids, strict=True)}
        sightings, head_rows, edits, headlines = [], [], [], []
        for outcome, pid in zip(outcomes, post_ids, strict=True):
            head = self._new_head(outcome, pid, revision_of.get(pid), source, snapshot_id, capture)
            sightings.append(
                {
                    "snapshot_id": snapshot_id,
                    "position": outcome.position,
                    "post_id": pid,
                    "revision_id": head.revision_id,
                }
            )
            if head.snapshot_id == snapshot_id:  # a new revision, or new to this page
                head_rows.append(
                    {
                        "post_id": pid,
                        "source_id": source,
                        "revision_id": head.revision_id,
                        "snapshot_id": snapshot_id,
                    }
                )
            if outcome.is_edit:
                edits.append(
                    self._edit_row(conn, story_id, pid, snapshot_id, head, outcome, page, source)
                )
                headlines.append(outcome.fields.headline)
        gone = removed_posts(page.post_ids, set(post_ids))
        self._heads(conn, gone)
        for pid in gone:
            edits.append(self._removal_row(story_id, pid, source, snapshot_id, page))
            headlines.append(self._cache.heads[pid][source].fields.headline)
        q.insert_rows(conn, q.sighting_t, sightings)
        q.upsert_heads(conn, head_rows)
        edit_ids = q.insert_returning_ids(conn, q.edit_t, edits)
        if self.webhooks and edits:
            self._outbox(conn, edits, edit_ids, headlines, source, url)
        fp_rows = [
            {"story_id": story_id, "fp": fp, "post_id": pid}
            for o, pid in revised
            for fp in set(fingerprints(o.fields))
        ]
        q.insert_fingerprints(conn, fp_rows)
        for row in fp_rows if self._cache.complete else ():  # only a complete cache reads it
            self._cache.fp_index.setdefault(row["fp"], set()).add(row["post_id"])
        new_posts = sum(1 for o in outcomes if o.post_id is None)
        return _Stored(post_ids, new_posts, len(edits) - len(gone), len(gone))

    def _outbox(
        self,
        conn: Connection,
        edits: list[dict[str, Any]],
        edit_ids: list[int],
        headlines: list[str],
        source: int,
        url: str | None,
    ) -> None:
        """One event per edit, queued for each webhook that wants it, in this transaction: an
        edit and its alerts commit together or not at all."""
        now = self.clock()
        page = self._cache.source_names[source]
        rows = []
        for edit, edit_id, headline in zip(edits, edit_ids, headlines, strict=True):
            event = edit_event(
                edit,
                edit_id=edit_id,
                story=self.story,
                headline=headline,
                page=page,
                page_url=url,
                when=now,
            )
            rows.extend(deliveries(event, self.webhooks, now))
        q.insert_rows(conn, q.delivery_t, rows)

    def _insert_new_posts(
        self,
        conn: Connection,
        story_id: int,
        snapshot_id: int,
        capture: Capture,
        outcomes: list[Outcome],
    ) -> list[int]:
        fresh = [o for o in outcomes if o.post_id is None]
        rows = [
            {
                "story_id": story_id,
                "native_id": capture.posts[o.position].native_id,
                "first_snapshot_id": snapshot_id,
            }
            for o in fresh
        ]
        created = q.insert_returning_ids(conn, q.post_t, rows)
        for post_id, o in zip(created, fresh, strict=True):
            self._cache.native_of[post_id] = capture.posts[o.position].native_id
        new_ids = iter(created)
        return [o.post_id if o.post_id is not None else next(new_ids) for o in outcomes]

    def _new_head(
        self,
        outcome: Outcome,
        post_id: int,
        revision_id: int | None,
        source: int,
        snapshot_id: int,
        capture: Capture,
    ) -> Head:
        """The post's head on this page after this snapshot, updating the caches."""
        cache = self._cache
        current = cache.heads.setdefault(post_id, {}).get(source)
        if revision_id is None and current is not None:
            return current  # unchanged on this page: the head stays as it is
        if revision_id is None:  # carried here unchanged from another page
            assert outcome.parent is not None
            head = Head(
                outcome.parent.revision_id,
                outcome.fields,
                outcome.parent.layout,
                source,
                snapshot_id,
            )
        else:
            head = Head(revision_id, outcome.fields, capture.layout, source, snapshot_id)
            cache.by_fields[outcome.fields.fields_hash] = post_id
            cache.by_content[outcome.fields.content_hash] = post_id
            cache.missing.discard(outcome.fields.fields_hash)
            cache.missing.discard(outcome.fields.content_hash)
        cache.heads[post_id][source] = head
        return head

    def _edit_row(
        self,
        conn: Connection,
        story_id: int,
        post_id: int,
        snapshot_id: int,
        head: Head,
        outcome: Outcome,
        page: _Page,
        source: int,
    ) -> dict[str, Any]:
        parent = outcome.parent
        assert parent is not None
        comparison = outcome.comparison
        kinds = list(comparison.kinds) if comparison else []
        changes: dict[str, Any] = {}
        summary: list[str] = []
        for kind in kinds:
            assert comparison is not None
            value = comparison.changes[kind]
            if isinstance(value, list):
                changes[kind] = [list(s) for s in value]
                summary.extend(summarize(value))
            else:
                changes[kind] = value
                summary.append(f"{kind}: {value['from']!r} → {value['to']!r}")
        if outcome.moved_from is not None:
            names = self._cache.source_names
            if outcome.moved_from not in names:  # a page another process has just added
                names.update(q.source_names(conn, story_id))
            kinds.append("moved")
            changes["moved"] = {"from": names[outcome.moved_from], "to": names[source]}
            summary.append(f"moved from {names[outcome.moved_from]!r} to {names[source]!r}")
        # The edit happened between the last capture that showed the old version and this one.
        if parent.source_id == source and post_id in page.post_ids and page.snapshot_id:
            seen_before = page.snapshot_id
        else:
            seen_before = q.last_sighting(conn, post_id, parent.source_id)
        return {
            "story_id": story_id,
            "post_id": post_id,
            "from_snapshot_id": seen_before,
            "to_snapshot_id": snapshot_id,
            "from_revision_id": parent.revision_id,
            "to_revision_id": head.revision_id,
            "significance": comparison.significance if comparison else "typographic",
            "kinds": kinds,
            "flags": list(comparison.flags) if comparison else [],
            "changes": changes,
            "summary": summary,
        }

    def _removal_row(
        self, story_id: int, post_id: int, source: int, snapshot_id: int, page: _Page
    ) -> dict[str, Any]:
        head = self._cache.heads[post_id][source]
        return {
            "story_id": story_id,
            "post_id": post_id,
            "from_snapshot_id": page.snapshot_id,
            "to_snapshot_id": snapshot_id,
            "from_revision_id": head.revision_id,
            "to_revision_id": None,
            "significance": "substantive",
            "kinds": ["removed"],
            "flags": [],
            "changes": {},
            "summary": [f"removed from {self._cache.source_names.get(source, 'the page')!r}"],
        }


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


def _latest(heads: dict[int, Head]) -> Head:
    """The post's newest revision on any page."""
    return max(heads.values(), key=lambda h: (h.revision_id, h.snapshot_id))


def fingerprints(fields: PostFields) -> list[int]:
    """Index keys of a post: its headline and its distinctive (long) paragraphs."""
    headline, *paragraphs = fields.normalized
    keys = [fingerprint("h\x1f" + headline)]
    keys.extend(fingerprint(p) for p in paragraphs if len(p) >= FINGERPRINT_MIN_CHARS)
    return keys


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
            outcome = ingestor.ingest_bytes(data, path.name, source=source, captured_at=captured_at)
            results.append(outcome)
        except CaptureError as exc:
            outcome = CaptureError(str(path), exc.problem)
            failures.append(outcome)
        if on_done is not None:
            on_done(outcome)
    return results, failures
