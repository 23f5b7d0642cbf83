"""The story index read from the database, inside the snapshot's transaction.

Implements ``tracker.index.StoryIndex`` with keyed queries on indexed columns, so that a
snapshot costs the same whether the story holds a hundred posts or a million revisions. It
lives for one transaction: what it memoizes can't go stale.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from sqlalchemy import Connection

from storage import queries as q
from storage.terms import term_stats
from tracker.model import Head, HeadKey, PageState, TermStats, Version

RECENT_SNAPSHOTS = 3  # a page's last good snapshots whose posts are similarity candidates


class DbIndex:
    def __init__(
        self, conn: Connection, story_id: int, names: dict[int, str] | None = None
    ) -> None:
        self.conn = conn
        self.story_id = story_id
        self._heads: dict[int, dict[int, Head]] = {}
        # Page names never change: a caller may keep them between transactions.
        self._names = names if names is not None else {}
        self._pages: dict[int, PageState] = {}

    def page(self, source: int) -> PageState:
        if source not in self._pages:
            self._pages[source] = _page_state(self.conn, source)
        return self._pages[source]

    def source_name(self, source: int) -> str:
        if source not in self._names:
            self._names.update(q.source_names(self.conn, self.story_id))
        return self._names.get(source, f"page {source}")

    def page_names(self) -> Mapping[int, str]:
        self._names.update(q.source_names(self.conn, self.story_id))
        return dict(self._names)

    def previous_page(self, source: int) -> int | None:
        return q.previous_page(self.conn, self.story_id, source)

    def windows_at_opening(self, other: int, source: int) -> tuple[tuple[int, ...], ...]:
        found = q.snapshots_at_opening(self.conn, other, source, RECENT_SNAPSHOTS)
        shown = q.sighted_posts(self.conn, found)
        return tuple(tuple(shown.get(snapshot, ())) for snapshot in found)

    def posts_by_native_id(
        self, source: int, native_ids: Sequence[str]
    ) -> tuple[dict[str, int], dict[str, int]]:
        here: dict[str, int] = {}
        elsewhere: dict[str, int] = {}
        for native, page, post in q.posts_by_native_id(self.conn, self.story_id, native_ids):
            if page == source:
                here[native] = post
            else:
                elsewhere[native] = max(post, elsewhere.get(native, 0))
        return here, {n: p for n, p in elsewhere.items() if n not in here}

    def native_ids_on_page(self, source: int, post_ids: Iterable[int]) -> dict[int, str]:
        return q.native_ids_on_page(self.conn, source, post_ids)

    def posts_by_hash(self, kind: str, hashes: Sequence[str]) -> dict[str, list[int]]:
        return q.posts_by_hash(self.conn, self.story_id, f"{kind}_hash", hashes)

    def posts_by_fingerprint(self, fps: Sequence[int], limit: int) -> dict[int, set[int]]:
        return q.posts_by_fingerprint(self.conn, self.story_id, fps, limit)

    def heads(self, post_ids: Iterable[int]) -> dict[int, dict[int, Head]]:
        wanted = set(post_ids)
        missing = [p for p in wanted if p not in self._heads]
        if missing:
            self._heads.update(q.heads_for_posts(self.conn, missing))
        return {p: self._heads[p] for p in wanted}

    def head_keys(self, source: int, post_ids: Iterable[int]) -> dict[int, HeadKey]:
        return q.head_keys(self.conn, source, post_ids)

    def last_sighting(self, post_id: int, source: int) -> int:
        return q.last_sighting(self.conn, post_id, source)

    def earlier_versions(self, post_ids: Iterable[int]) -> dict[int, list[Version]]:
        return q.revision_hashes(self.conn, post_ids)

    def term_stats(self, terms: Iterable[int]) -> TermStats:
        posts, df = term_stats(self.conn, self.story_id, terms)
        return TermStats(posts, df)


def _page_state(conn: Connection, source: int) -> PageState:
    rows = q.last_good_snapshots(conn, source, RECENT_SNAPSHOTS)
    if not rows:
        return PageState()
    shown = q.sighted_posts(conn, [row.id for row in rows])
    recent = tuple(tuple(shown.get(row.id, ())) for row in rows)
    latest = rows[0]
    return PageState(
        latest.id, latest.captured_at, recent[0], latest.post_count, latest.text_volume, recent
    )
