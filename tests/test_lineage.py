"""Lineage rules as pure functions: parents, moves, unknown fields, removals, suspects."""

from __future__ import annotations

import pytest

from tracker.lineage import parent_of, removed_posts, suspect_reason
from tracker.model import Capture, Head, ParsedPost, PostFields

A = PostFields(
    "Headline", ("Body one.",), published="7:16 a.m. ET, January 31, 2023", byline="From CNN"
)


def capture(*posts: PostFields, layout: str = "A") -> Capture:
    return Capture("x.txt", "Page", layout, None, tuple(ParsedPost(p) for p in posts), 100)


def head(fields: PostFields, source: int, snapshot: int, layout: str = "A") -> Head:
    return Head(
        revision_id=snapshot * 10,
        fields=fields,
        layout=layout,
        source_id=source,
        snapshot_id=snapshot,
    )


def test_same_page_parent_wins_over_a_newer_copy_elsewhere() -> None:
    old_page = head(A, source=1, snapshot=1)
    newer_elsewhere = head(
        PostFields("Headline", ("Body two.",), published="x", byline="y"), source=2, snapshot=2
    )
    outcome = parent_of(A, "A", {1: old_page, 2: newer_elsewhere}, source=1)
    assert outcome.parent is old_page and outcome.moved_from is None and not outcome.is_edit


def test_a_post_new_to_the_page_is_compared_with_the_other_page_and_moved() -> None:
    carried = PostFields(
        "Headline", ("Body one.",), published="11:24 p.m. ET, January 31, 2023", byline="From CNN"
    )
    outcome = parent_of(carried, "A", {1: head(A, source=1, snapshot=1)}, source=2)
    assert outcome.moved_from == 1
    assert outcome.comparison is not None and outcome.comparison.kinds == ["published"]
    assert outcome.is_edit


def test_unknown_fields_are_inherited_not_deleted() -> None:
    layout_b = PostFields(
        "Headline",
        ("Body one.",),
        credits=None,
        published=None,
        byline=None,
        captions_certain=False,
    )
    outcome = parent_of(layout_b, "B", {1: head(A, 1, 1)}, source=1)
    assert outcome.fields.published == A.published and outcome.fields.byline == A.byline
    assert not outcome.is_edit


@pytest.mark.parametrize(
    ("previous", "current", "removed"),
    [
        ([1, 2, 3, 4], [1, 2, 3, 4], []),
        ([1, 2, 3, 4], [1, 3, 4], [2]),  # gone from between visible posts
        ([1, 2, 3, 4], [0, 1, 2], []),  # 3 and 4 slid off the bottom of the window
        ([1, 2, 3, 4], [0, 2], [1]),  # 1 vanished above 2; 3, 4 slid off
        ([1, 2, 3, 4], [9, 8], []),  # nothing old visible: no evidence of removal
        ([4, 1, 2, 3, 4], [1, 2], []),  # 4 was pinned on top; its own place slid off
        ([4, 1, 2, 3, 4, 5], [1, 2, 5], [4, 3]),  # gone from above 5, pinned or not
        ([1, 2, 3, 4, 5], [5, 1, 2], []),  # 5 re-timed to the top; 3 and 4 slid off
        ([1, 2, 3, 4, 5], [5, 1, 3], [2]),  # ... and 2 vanished between 1 and 3
        ([1, 2, 3], [3], [1, 2]),  # only 3 is left: it still stood below them
        ([], [1], []),
    ],
)
def test_removed_only_when_an_older_post_is_still_visible(
    previous: list[int], current: list[int], removed: list[int]
) -> None:
    assert removed_posts(previous, current) == removed


def test_a_re_timed_post_is_no_witness_of_the_posts_it_passed() -> None:
    # 5 was re-timed and now stands between new posts; 1-4 slid off below a small window.
    assert removed_posts([1, 2, 3, 4, 5], [8, 5, 9], retimed={5}) == []
    assert removed_posts([1, 2, 3, 4, 5], [8, 5, 9]) == [1, 2, 3, 4]


@pytest.mark.parametrize(
    ("posts", "prev_count", "prev_volume", "suspect"),
    [
        (9, 9, 100, False),
        (2, 9, 100, True),
        (3, 9, 300, False),  # a smaller window of the page, not a collapse
        (9, None, None, False),
        (1, 2, 100, False),  # too small to judge
    ],
)
def test_collapse_makes_a_capture_suspect(
    posts: int, prev_count: int | None, prev_volume: int | None, suspect: bool
) -> None:
    cap = capture(*[A] * posts)
    assert (suspect_reason(cap, prev_count, prev_volume) is not None) is suspect


def test_text_per_post_collapse_is_suspect() -> None:
    assert "text per post" in (suspect_reason(capture(*[A] * 9), 9, 10_000) or "")
