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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tracker.diffing import FieldComparison, compare_fields
from tracker.model import Capture, PostFields

# A capture is suspect (an error page, a consent wall, a broken layout) when its post count
# falls below COUNT_RATIO of the page's previous capture, or its text per post below
# VOLUME_RATIO. Captures show windows of varying size, so a smaller window alone is not enough.
COUNT_RATIO = 0.25
VOLUME_RATIO = 0.3
COLLAPSE_MIN_POSTS = 4


@dataclass(frozen=True)
class Head:
    """The latest revision of a post on one page."""

    revision_id: int
    fields: PostFields
    layout: str
    source_id: int
    snapshot_id: int


@dataclass(frozen=True)
class Outcome:
    """What one post of the snapshot amounts to."""

    position: int
    post_id: int | None  # None: a post never seen in the story
    fields: PostFields  # effective fields, unknown ones inherited from the parent
    parent: Head | None
    moved_from: int | None  # source id of the page the post was carried from
    comparison: FieldComparison | None

    @property
    def new_revision(self) -> bool:
        return self.parent is None or self.fields.fields_hash != self.parent.fields.fields_hash

    @property
    def is_edit(self) -> bool:
        return self.moved_from is not None or (
            self.comparison is not None and self.comparison.changed
        )


def plan_snapshot(
    capture: Capture,
    matches: Sequence[int | None],
    same_page: Mapping[int, Head],
    elsewhere: Mapping[int, Head],
) -> list[Outcome]:
    """Pair each parsed post with its parent revision and compare them."""
    outcomes = []
    for position, (post, post_id) in enumerate(zip(capture.posts, matches, strict=True)):
        parent = moved_from = None
        if post_id is not None:
            parent = same_page.get(post_id)
            if parent is None:
                parent = elsewhere.get(post_id)
                moved_from = parent.source_id if parent else None
        observed = post.fields
        if parent is None:
            outcomes.append(Outcome(position, post_id, observed, None, None, None))
            continue
        effective = observed.inherit(parent.fields)
        comparison = None
        if effective.fields_hash != parent.fields.fields_hash:
            comparison = compare_fields(
                parent.fields, effective, same_layout=parent.layout == capture.layout
            )
        outcomes.append(Outcome(position, post_id, effective, parent, moved_from, comparison))
    return outcomes


def removed_posts(previous: Sequence[int], current: set[int]) -> list[int]:
    """Posts of the previous capture (top first) gone while an older post is still visible."""
    visible = [i for i, post_id in enumerate(previous) if post_id in current]
    if not visible:  # nothing of the old window is left: no evidence that anything was removed
        return []
    return [post_id for post_id in previous[: visible[-1]] if post_id not in current]


def suspect_reason(
    capture: Capture, previous_count: int | None, previous_volume: int | None
) -> str | None:
    """Why a capture looks collapsed against the page's previous capture, or None."""
    if previous_count is None or previous_count < COLLAPSE_MIN_POSTS:
        return None
    count = len(capture.posts)
    if count < previous_count * COUNT_RATIO:
        return f"post count collapsed from {previous_count} to {count}"
    if previous_volume:
        before, after = previous_volume / previous_count, capture.text_volume / count
        if after < before * VOLUME_RATIO:
            return f"text per post collapsed from {before:.0f} to {after:.0f} characters"
    return None
