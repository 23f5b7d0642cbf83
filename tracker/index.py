"""What planning a snapshot may ask about a story's history: the ``StoryIndex`` protocol.

Two implementations answer it: ``storage.index.DbIndex`` reads the indexed tables inside the
snapshot's transaction (the daemon, and any ingest into a story with history), and
``MemoryIndex`` below holds a whole story in dictionaries (tests, and a batch ingest that
starts from an empty story, which then needs no read query at all). Every answer is keyed:
nothing here scans history, so planning costs the same in a small or a large story.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, Protocol

from tracker.model import Head, HeadKey, PageState, Plan, TermStats, Version, Written

HashKind = Literal["fields", "content"]


class StoryIndex(Protocol):
    """Read-side look-ups of one story, as of the snapshot being planned."""

    def page(self, source: int) -> PageState:
        """The page's latest good snapshot and its recent windows."""

    def source_name(self, source: int) -> str: ...

    def page_names(self) -> Mapping[int, str]:
        """Every page of the story, by id."""

    def previous_page(self, source: int) -> int | None:
        """The story's other page captured last (with a good snapshot): where posts carried
        to this page most likely come from."""

    def windows_at_opening(self, other: int, source: int) -> tuple[tuple[int, ...], ...]:
        """The posts page ``other`` showed, top first, in its last few good snapshots (newest
        first) before page ``source`` had one (what it could have carried over to it); its
        latest few when ``source`` has none yet."""

    def posts_by_native_id(
        self, source: int, native_ids: Sequence[str]
    ) -> tuple[dict[str, int], dict[str, int]]:
        """Posts by native id: ids known on this page, and ids known only on other pages (the
        latest post to have each)."""

    def native_ids_on_page(self, source: int, post_ids: Iterable[int]) -> dict[int, str]:
        """The native id each post has on this page, for posts that have one here."""

    def posts_by_hash(self, kind: HashKind, hashes: Sequence[str]) -> dict[str, list[int]]:
        """Known posts by a revision's fields or content hash: every post with a revision of
        that hash, the one whose such revision is latest last."""

    def posts_by_fingerprint(self, fps: Sequence[int], limit: int) -> dict[int, set[int]]:
        """Posts sharing each fingerprint (headline, lead or paragraph hashes)."""

    def heads(self, post_ids: Iterable[int]) -> dict[int, dict[int, Head]]:
        """Every page's latest revision of each post: {post: {source: Head}}."""

    def head_keys(self, source: int, post_ids: Iterable[int]) -> dict[int, HeadKey]:
        """The posts' latest revisions on this page, without their text."""

    def last_sighting(self, post_id: int, source: int) -> int:
        """The latest snapshot of the page that showed the post."""

    def earlier_versions(self, post_ids: Iterable[int]) -> dict[int, list[Version]]:
        """Every revision each post has had, oldest first (for reverts)."""

    def term_stats(self, terms: Iterable[int]) -> TermStats:
        """How many posts contain each of these words, and how many posts there are."""


@dataclass
class MemoryIndex:
    """A whole story in memory. ``apply`` records a written plan, as the database does."""

    pages: dict[int, PageState] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    native: dict[tuple[int, str], int] = field(default_factory=dict)  # (page, id) → post
    native_anywhere: dict[str, dict[int, int]] = field(default_factory=dict)  # id → page → post
    ids_of: dict[int, dict[int, str]] = field(default_factory=dict)  # post → page → id
    by_fields: dict[str, list[int]] = field(default_factory=dict)  # hash → posts, latest last
    by_content: dict[str, list[int]] = field(default_factory=dict)
    fingerprint_posts: dict[int, set[int]] = field(default_factory=dict)
    heads_of: dict[int, dict[int, Head]] = field(default_factory=dict)
    last_seen: dict[tuple[int, int], int] = field(default_factory=dict)  # (post, source) → snap
    versions: dict[int, list[Version]] = field(default_factory=dict)  # post → its revisions
    df: Counter[int] = field(default_factory=Counter)  # term → posts containing it
    # page → the other pages' windows when it was first captured (see windows_at_opening)
    opened: dict[int, dict[int, tuple[tuple[int, ...], ...]]] = field(default_factory=dict)
    posts: int = 0
    recent_windows: int = 3

    # ------------------------------------------------------------------ StoryIndex

    def page(self, source: int) -> PageState:
        return self.pages.get(source, PageState())

    def source_name(self, source: int) -> str:
        return self.names.get(source, f"page {source}")

    def page_names(self) -> Mapping[int, str]:
        return dict(self.names)

    def previous_page(self, source: int) -> int | None:
        others = [(page.snapshot_id, s) for s, page in self.pages.items() if s != source]
        return max(others)[1] if others else None

    def windows_at_opening(self, other: int, source: int) -> tuple[tuple[int, ...], ...]:
        if source in self.opened:
            return self.opened[source].get(other, ())
        return self.page(other).recent

    def posts_by_native_id(
        self, source: int, native_ids: Sequence[str]
    ) -> tuple[dict[str, int], dict[str, int]]:
        here = {n: self.native[(source, n)] for n in native_ids if (source, n) in self.native}
        elsewhere = {
            n: max(pages.values())
            for n in native_ids
            if n not in here and (pages := self.native_anywhere.get(n))
        }
        return here, elsewhere

    def native_ids_on_page(self, source: int, post_ids: Iterable[int]) -> dict[int, str]:
        return {p: ids[source] for p in post_ids if source in (ids := self.ids_of.get(p, {}))}

    def posts_by_hash(self, kind: HashKind, hashes: Sequence[str]) -> dict[str, list[int]]:
        known = self.by_fields if kind == "fields" else self.by_content
        return {h: list(known[h]) for h in hashes if h in known}

    def posts_by_fingerprint(self, fps: Sequence[int], limit: int) -> dict[int, set[int]]:
        hits = {fp: self.fingerprint_posts[fp] for fp in fps if fp in self.fingerprint_posts}
        return {
            fp: set(posts) if len(posts) <= limit else set(heapq.nlargest(limit, posts))
            for fp, posts in hits.items()
        }

    def heads(self, post_ids: Iterable[int]) -> dict[int, dict[int, Head]]:
        return {p: dict(self.heads_of.get(p, {})) for p in post_ids}

    def head_keys(self, source: int, post_ids: Iterable[int]) -> dict[int, HeadKey]:
        found = {}
        for p in post_ids:
            head = self.heads_of.get(p, {}).get(source)
            if head is not None:
                key = HeadKey(
                    head.revision_id, head.fields.fields_hash, head.layout, head.snapshot_id
                )
                found[p] = key
        return found

    def last_sighting(self, post_id: int, source: int) -> int:
        return self.last_seen[(post_id, source)]

    def earlier_versions(self, post_ids: Iterable[int]) -> dict[int, list[Version]]:
        return {p: list(self.versions.get(p, ())) for p in post_ids}

    def term_stats(self, terms: Iterable[int]) -> TermStats:
        return TermStats(self.posts, {t: self.df[t] for t in terms if t in self.df})

    # ------------------------------------------------------------------ learning

    def add_source(self, source: int, name: str) -> None:
        self.names[source] = name

    def apply(self, plan: Plan, written: Written, captured_at: datetime | None = None) -> None:
        """Record what writing ``plan`` stored: new posts, revisions, heads, sightings."""
        snapshot = written.snapshot_id
        source = plan.source_id
        for post in plan.posts:
            pid = written.post_id(post.ref)
            if post.native_id is not None and (source, post.native_id) not in self.native:
                self.native[(source, post.native_id)] = pid
                self.native_anywhere.setdefault(post.native_id, {})[source] = pid
                self.ids_of.setdefault(pid, {})[source] = post.native_id
            revision = written.revision_ids.get(pid)
            heads = self.heads_of.setdefault(pid, {})
            if revision is not None:
                heads[source] = Head(revision, post.fields, plan.layout, source, snapshot)
                _append_latest(self.by_fields.setdefault(post.fields.fields_hash, []), pid)
                _append_latest(self.by_content.setdefault(post.fields.content_hash, []), pid)
                self.versions.setdefault(pid, []).append(
                    Version(revision, source, post.fields.content_hash, post.fields.fields_hash)
                )
            elif source not in heads and post.parent is not None:  # carried here unchanged
                parent = post.parent
                heads[source] = Head(
                    parent.revision_id, post.fields, parent.layout, source, snapshot
                )
            self.last_seen[(pid, source)] = snapshot
        for ref, fp in plan.fingerprints:
            self.fingerprint_posts.setdefault(fp, set()).add(written.post_id(ref))
        self.df.update(dict(plan.term_counts))
        self.posts += plan.new_posts
        shown = _shown_ids(plan, written)
        if source not in self.pages:
            self.opened[source] = {s: page.recent for s, page in self.pages.items()}
        before = self.page(source)
        self.pages[source] = PageState(
            snapshot,
            captured_at,
            shown,
            plan.post_count,
            plan.text_volume,
            (shown, *before.recent[: self.recent_windows - 1]),
        )

    def entries(self) -> int:
        """A rough size, for the caller's memory bound."""
        return (
            len(self.by_fields)
            + len(self.by_content)
            + len(self.heads_of)
            + len(self.fingerprint_posts)
        )


def _shown_ids(plan: Plan, written: Written) -> tuple[int, ...]:
    """The post ids of the snapshot, top first (a post shown twice appears twice)."""
    at: dict[int, int] = {}
    for post in plan.posts:
        for position in post.positions:
            at[position] = written.post_id(post.ref)
    return tuple(at[i] for i in sorted(at))


def _append_latest(posts: list[int], post: int) -> None:
    if post in posts:
        posts.remove(post)
    posts.append(post)


def merge_hits(hits: Mapping[int, set[int]], fps: Iterable[int]) -> set[int]:
    """Every post sharing any of ``fps``."""
    found: set[int] = set()
    for fp in fps:
        found |= hits.get(fp, set())
    return found
