"""A story held in memory for pure tests of planning: captures in, post ids out, no database.

``PureStory`` plans each capture against a ``MemoryIndex`` and records the plan there the way
a write would (ids handed out in order), so that matching, lineage and segmentation can be
stated as tables of before/after captures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import count

from tracker.capture import format_capture, parse_capture
from tracker.identify import KnownParagraphs
from tracker.index import MemoryIndex
from tracker.model import Capture, ParsedPost, Plan, PostFields, Written
from tracker.plan import Planner


@dataclass
class Seen:
    """What one capture amounted to."""

    plan: Plan
    ids: list[int]  # the post id at each position, top first

    @property
    def edits(self) -> list[tuple[int, tuple[str, ...], tuple[str, ...]]]:
        """(post, kinds, flags) of each edit."""
        return [
            (self.ids[p.positions[0]], p.edit.kinds, p.edit.flags)
            for p in self.plan.posts
            if p.edit is not None
        ]

    @property
    def removed(self) -> list[int]:
        return [r.post_id for r in self.plan.removals]

    @property
    def new(self) -> int:
        return self.plan.new_posts


@dataclass
class PureStory:
    index: MemoryIndex = field(default_factory=MemoryIndex)
    planner: Planner = field(default_factory=Planner)
    _ids: count[int] = field(default_factory=lambda: count(1))
    _pages: dict[str, int] = field(default_factory=dict)

    def page(self, title: str) -> int:
        if title not in self._pages:
            self._pages[title] = len(self._pages) + 1
            self.index.add_source(self._pages[title], title)
        return self._pages[title]

    def text(
        self,
        title: str,
        posts: Sequence[PostFields],
        layout: str = "A",
        declared: int | None = None,
    ) -> Seen:
        """A text capture of the page in layout A or B, parsed as ingest parses it; it shows
        the whole page unless the page holds more (``declared``) posts."""
        data = format_capture(title, posts, layout, declared).encode()
        capture = parse_capture(data, f"{title}.txt", KnownParagraphs(self.index))
        return self.capture(capture)

    def parsed(
        self, title: str, posts: Sequence[PostFields | ParsedPost], layout: str = "html"
    ) -> Seen:
        """A capture already parsed (HTML pages carry native ids: give ParsedPosts)."""
        shown = tuple(p if isinstance(p, ParsedPost) else ParsedPost(p) for p in posts)
        volume = sum(len(p.fields.headline) + sum(map(len, p.fields.paragraphs)) for p in shown)
        return self.capture(Capture(f"{title}.html", title, layout, None, shown, volume))

    def capture(self, capture: Capture) -> Seen:
        source = self.page(capture.page_title)
        plan = self.planner.plan(capture, source, self.index)
        snapshot = next(self._ids)
        if plan.suspect is not None:
            return Seen(plan, [])
        # New posts get ids bottom first, as the writer gives them.
        post_ids = {p.ref: (p.ref if p.ref > 0 else next(self._ids)) for p in reversed(plan.posts)}
        revisions = {post_ids[p.ref]: next(self._ids) for p in plan.posts if p.new_revision}
        self.index.apply(plan, Written(snapshot, post_ids, revisions))
        ids = [0] * plan.post_count
        for post in plan.posts:
            for position in post.positions:
                ids[position] = post_ids[post.ref]
        return Seen(plan, ids)
