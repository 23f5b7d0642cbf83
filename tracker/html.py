"""Extract posts from live-blog HTML with selectolax (lexbor). Pure: bytes in, Capture out.

Three parsers:

- ``cnn-live``: CNN live-story pages, the current markup (``article.live-story-post``,
  ``h2.live-story-post__headline``, ``p.paragraph``, ``data-last-updated``) and the older one
  (``article[id^="h_"]``). A post's native id comes from the markup (``data-uri``, the
  article id, or its permalink): a native id beats any text matching.
- ``selectors``: CSS selectors configured per source.
- ``generic``: ``article`` elements that have a heading.

Scripts, styles, ads and share widgets are removed before any text is read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from tracker.errors import CaptureError
from tracker.model import Capture, ParsedPost, PostFields

NOT_TEXT = (
    "script, style, noscript, template, iframe, svg, button, form, "
    "[class*='ad-slot'], [class*='ad-feedback'], [class*='advert'], [data-ad], "
    "[class*='share'], [class*='social'], [class*='related'], [aria-hidden='true']"
)
_ASCII_SPACE = re.compile(r"[ \t\r\n\f]+")
_TITLE_SUFFIX = re.compile(r"\s+[|–-]\s+[^|–-]{1,40}$")


@dataclass(frozen=True)
class Selectors:
    """Where a page keeps its posts. ``id`` names an attribute of the post element."""

    post: str
    headline: str
    body: str = "p"
    time: str | None = None
    byline: str | None = None
    caption: str | None = "figcaption"
    id: str | None = None

    @classmethod
    def from_config(cls, table: Mapping[str, str]) -> Selectors:
        return cls(**dict(table))


SELECTOR_KEYS = {"post", "headline", "body", "time", "byline", "caption", "id"}

CNN_CURRENT = Selectors(
    post="article.live-story-post, div.live-story-post__wrapper, "
    "[data-component-name='live-story-post']",
    headline=".live-story-post__headline, h2",
    body="p.paragraph, [data-component-name='paragraph'], .live-story-post__content > p",
    time=".live-story-post__timestamp, time",
    byline=".live-story-post__byline, .byline",
    caption="figcaption, .image__caption",
    id="data-uri",
)
CNN_OLDER = Selectors(
    post="article[id^='h_']",
    headline="h2, header h1, header h3",
    body="p",
    time="time, .post-date, [class*='timestamp']",
    byline=".byline, [class*='byline']",
    caption="figcaption",
    id="id",
)
GENERIC = Selectors(post="article", headline="h1, h2, h3", body="p", time="time")


def text_of(node: LexborNode) -> str:
    """A node's text as a reader sees it: text nodes joined, ASCII white space collapsed."""
    return _ASCII_SPACE.sub(" ", node.text(deep=True)).strip()


def _tree(data: bytes, origin: str) -> LexborHTMLParser:
    if not data.strip():
        raise CaptureError(origin, "the page is empty")
    tree = LexborHTMLParser(data.decode("utf-8", errors="replace"))
    for node in tree.css(NOT_TEXT):
        node.decompose()
    return tree


def page_title(tree: LexborHTMLParser) -> str:
    node = tree.css_first("title") or tree.css_first("h1")
    return _TITLE_SUFFIX.sub("", text_of(node)).strip() if node else ""


def extract(data: bytes, origin: str, parser: str, selectors: Selectors | None = None) -> Capture:
    """Posts of an HTML page. ``parser`` is ``cnn-live``, ``selectors`` or ``generic``."""
    tree = _tree(data, origin)
    if parser == "cnn-live":
        posts = _posts(tree, CNN_CURRENT) or _posts(tree, CNN_OLDER)
    elif parser == "selectors":
        if selectors is None:
            raise CaptureError(origin, "parser 'selectors' needs a [sources.selectors] table")
        posts = _posts(tree, selectors)
    elif parser == "generic":
        posts = _posts(tree, GENERIC)
    else:
        raise CaptureError(origin, f"unknown HTML parser {parser!r}")
    if not posts:
        raise CaptureError(origin, f"no posts found with the {parser!r} parser")
    volume = sum(len(p.fields.headline) + sum(map(len, p.fields.paragraphs)) for p in posts)
    return Capture(origin, page_title(tree), "html", None, tuple(posts), volume)


def _posts(tree: LexborHTMLParser, sel: Selectors) -> list[ParsedPost]:
    """Every post in page order. A post shown twice (a pinned copy on top) is kept twice: it
    was seen at both places, and matching makes the copies one post."""
    posts = []
    seen: set[int] = set()
    for node in tree.css(sel.post):
        if node.mem_id in seen or _inside_seen(node, seen):
            continue  # a wrapper and its article both matched: keep the outer one
        seen.add(node.mem_id)
        post = _post(node, sel)
        if post is not None:
            posts.append(post)
    return posts


def _inside_seen(node: LexborNode, seen: set[int]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.mem_id in seen:
            return True
        parent = parent.parent
    return False


def _post(node: LexborNode, sel: Selectors) -> ParsedPost | None:
    heading = node.css_first(sel.headline)
    headline = text_of(heading) if heading else ""
    if not headline or heading is None:
        return None
    native_id = _native_id(node, sel)
    published = _take(node, sel.time) or node.attributes.get("data-last-updated") or ""
    byline = _take(node, sel.byline)
    captions = []
    if sel.caption:
        for cap in _unique(node.css(sel.caption)):
            text = text_of(cap)
            if text:
                captions.append(text)
            cap.decompose()
    heading.decompose()
    body = [text for text in (text_of(p) for p in _unique(node.css(sel.body))) if text]
    fields = PostFields(
        headline=headline,
        body=tuple(body),
        captions=tuple(captions),
        credits=None,
        published=published,
        byline=byline,
    )
    return ParsedPost(fields, native_id=native_id)


def _unique(nodes: list[LexborNode]) -> list[LexborNode]:
    """Each node once, in document order (a selector list can match a node twice)."""
    seen: set[int] = set()
    unique = []
    for n in nodes:
        if n.mem_id not in seen:
            seen.add(n.mem_id)
            unique.append(n)
    return unique


def _take(node: LexborNode, selector: str | None) -> str:
    """The text of the first match, removed from the post so that it is not read as body."""
    if not selector:
        return ""
    found = node.css_first(selector)
    if found is None:
        return ""
    text = text_of(found)
    found.decompose()
    return text


def _native_id(node: LexborNode, sel: Selectors) -> str | None:
    for attribute in (sel.id, "data-uri", "data-post-id", "id"):
        if attribute and node.attributes.get(attribute):
            return node.attributes[attribute]
    link = node.css_first("a[href*='#']")
    href = link.attributes.get("href") if link else None
    return href.rsplit("#", 1)[1] if href and "#" in href else None
