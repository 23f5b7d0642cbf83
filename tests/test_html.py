"""HTML extraction: the cnn-live preset on both markups, configured selectors, the fallback."""

from __future__ import annotations

import re

import pytest

from tests.conftest import SEEDS
from tests.html_pages import cnn_page, error_page
from tracker.capture import parse_capture
from tracker.errors import CaptureError
from tracker.html import Selectors, extract

SEED = parse_capture((SEEDS / "001_9c29949b184119fa.txt").read_bytes(), "001")
POSTS = [p.fields for p in SEED.posts]
IDS = [f"cms.cnn.com/_components/live-story-post/instances/post-{i}" for i in range(len(POSTS))]


@pytest.mark.parametrize("markup", ["current", "older"])
def test_cnn_live_reads_every_post_with_its_fields(markup: str) -> None:
    ids = IDS if markup == "current" else [f"h_{i:032x}" for i in range(len(POSTS))]
    capture = extract(cnn_page(SEED.page_title, POSTS, ids, markup), "page", "cnn-live")
    assert capture.page_title == "January 31, 2023 Russia-Ukraine news"
    assert capture.layout == "html"
    assert [p.fields.headline for p in capture.posts] == [p.headline for p in POSTS]
    assert [p.native_id for p in capture.posts] == ids
    for got, want in zip(capture.posts, POSTS, strict=True):
        assert got.fields.body == want.body  # links, shares and ads are not text
        assert got.fields.published == want.published
        assert got.fields.byline == want.byline
        assert got.fields.captions == want.captions


def test_same_posts_hash_alike_from_html_and_from_a_text_capture() -> None:
    capture = extract(cnn_page(SEED.page_title, POSTS, IDS), "page", "cnn-live")
    assert [p.fields.content_hash for p in capture.posts] == [p.content_hash for p in POSTS]


def test_configured_selectors() -> None:
    html = b"""<html><head><title>Live: storm updates</title></head><body>
    <div class="entry" data-entry="e1"><h3 class="t">Storm reaches coast</h3>
      <span class="when">9:00</span><div class="txt"><p>Winds of 120 km/h.</p><p>Power is out.</p></div></div>
    <div class="entry" data-entry="e2"><h3 class="t">Schools closed</h3>
      <span class="when">8:00</span><div class="txt"><p>All schools shut today.</p></div></div>
    </body></html>"""
    sel = Selectors(post="div.entry", headline="h3.t", body=".txt p", time=".when", id="data-entry")
    capture = extract(html, "storm", "selectors", sel)
    assert [
        (p.native_id, p.fields.headline, p.fields.published, p.fields.body) for p in capture.posts
    ] == [
        ("e1", "Storm reaches coast", "9:00", ("Winds of 120 km/h.", "Power is out.")),
        ("e2", "Schools closed", "8:00", ("All schools shut today.",)),
    ]


def test_generic_fallback_reads_articles_with_headings() -> None:
    html = b"<html><body><article><h2>One</h2><p>First.</p></article><article><p>No heading</p></article></body></html>"
    capture = extract(html, "g", "generic")
    assert [p.fields.headline for p in capture.posts] == ["One"]


@pytest.mark.parametrize(
    ("data", "parser", "problem"),
    [
        (error_page(), "cnn-live", "no posts found"),
        (b"", "cnn-live", "empty"),
        (b"<html><body><p>x</p></body></html>", "selectors", "needs a [sources.selectors] table"),
    ],
)
def test_pages_without_posts_are_errors(data: bytes, parser: str, problem: str) -> None:
    with pytest.raises(CaptureError, match=re.escape(problem)):
        extract(data, "https://example.org/live", parser)


def test_a_post_shown_twice_is_read_at_both_places() -> None:
    pinned = cnn_page(SEED.page_title, [POSTS[3], *POSTS], [IDS[3], *IDS])
    capture = extract(pinned, "page", "cnn-live")
    assert [p.native_id for p in capture.posts] == [IDS[3], *IDS]
