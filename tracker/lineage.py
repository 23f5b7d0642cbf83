"""Decide what each post of a new snapshot is compared against, and what was removed. Pure.

- A post seen before on the same page is compared with its latest revision on that page, so a
  later capture of an older page is never compared with a newer copy on another page.
- A post new to this page but known from another page is compared with its latest revision
  there, and the move is recorded.
- Fields a layout does not show are inherited from the parent: unknown, not deleted.
- A post of the page's previous capture is removed only if a post that stood below it is still
  visible; one that slid off the bottom of the window is not.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from tracker.diffing import FieldComparison, compare_fields
from tracker.model import Capture, Head, PostFields

# A capture is suspect (an error page, a consent wall, a broken layout) when it shows at most
# COLLAPSED_POSTS posts where the page's previous capture showed four times as many, or its
# text per post falls below VOLUME_RATIO. Captures show windows of varying size: a window of
# three or five posts is still a page.
COUNT_RATIO = 0.25
COLLAPSED_POSTS = 2
VOLUME_RATIO = 0.3
COLLAPSE_MIN_POSTS = 4


@dataclass(frozen=True)
class Lineage:
    """What one matched post of a new snapshot is compared with, and how it compares."""

    fields: PostFields  # effective fields, unknown ones inherited from the parent
    parent: Head
    moved_from: int | None  # source id of the page the post was carried from
    comparison: FieldComparison | None

    @property
    def is_edit(self) -> bool:
        return self.moved_from is not None or (
            self.comparison is not None and self.comparison.changed
        )


def parent_of(observed: PostFields, layout: str, heads: Mapping[int, Head], source: int) -> Lineage:
    """Pair a known post's new version with its parent revision and compare them: its latest
    revision on this page, else its latest anywhere (a move)."""
    parent, moved_from = heads.get(source), None
    if parent is None:
        parent = latest(heads)
        moved_from = parent.source_id
    effective = observed.inherit(parent.fields)
    comparison = None
    if effective.fields_hash != parent.fields.fields_hash:
        comparison = compare_fields(parent.fields, effective, same_layout=parent.layout == layout)
    return Lineage(effective, parent, moved_from, comparison)


def latest(heads: Mapping[int, Head]) -> Head:
    """The post's newest revision on any page."""
    return max(heads.values(), key=lambda h: (h.revision_id, h.snapshot_id))


def removed_posts(
    previous: Sequence[int], current: Sequence[int], retimed: Collection[int] = ()
) -> list[int]:
    """Posts of the previous capture (top first) gone while an older post is still visible
    below where they stood. A post shown twice (pinned on top) stands at its lower place. A
    post re-timed, or now above one that stood above it (moved up), is no witness: the posts
    it passed may merely have slid off the bottom of the window."""
    lowest = {post_id: i for i, post_id in enumerate(previous)}
    now = {post_id: i for i, post_id in enumerate(current)}
    witnesses, highest = [], -1  # highest: the lowest place now of any post that stood above
    for post_id in sorted((p for p in lowest if p in now), key=lowest.__getitem__):
        if now[post_id] > highest and post_id not in retimed:
            witnesses.append(post_id)
        highest = max(highest, now[post_id])
    if not witnesses:  # nothing of the old window is left: no evidence that anything went
        return []
    last = lowest[witnesses[-1]]
    return [p for p in dict.fromkeys(previous) if p not in now and lowest[p] < last]


def suspect_reason(
    capture: Capture, previous_count: int | None, previous_volume: int | None
) -> str | None:
    """Why a capture looks collapsed against the page's previous capture, or None."""
    if previous_count is None or previous_count < COLLAPSE_MIN_POSTS:
        return None
    count = len(capture.posts)
    if count <= COLLAPSED_POSTS and count < previous_count * COUNT_RATIO:
        return f"post count collapsed from {previous_count} to {count}"
    if previous_volume:
        before, after = previous_volume / previous_count, capture.text_volume / count
        if after < before * VOLUME_RATIO:
            return f"text per post collapsed from {before:.0f} to {after:.0f} characters"
    return None
