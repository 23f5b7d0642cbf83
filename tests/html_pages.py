"""CNN-like live-story HTML, written by the project from post fields (never downloaded).

Both markups CNN has used: the current one (article.live-story-post, data-uri, p.paragraph)
and the older one (article id="h_…"). Pages carry the noise real pages do: scripts, ads,
share widgets, inline links, figures with captions and credits.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from tracker.model import PostFields

HEAD = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | CNN</title><script>window.CNN = {{"ads": true}};</script>
<style>.live-story-post {{ margin: 0 }}</style></head><body>
<header class="header"><nav>World US Politics Business Health</nav></header>
<div class="ad-slot-header" data-ad="top">ADVERTISEMENT</div>
<h1 class="headline_live-story__text">{title}</h1>
<div class="live-story__items-container">
"""
TAIL = """</div><div class="related-content"><h2>Related</h2><p>More from CNN</p></div>
<script>trackPageView();</script></body></html>"""


def _paragraph(text: str, n: int) -> str:
    words = escape(text).split(" ")
    if n % 3 == 1 and len(words) > 6:  # an inline link inside the paragraph, as CNN does
        words[2] = f'<a href="https://example.org/story">{words[2]}</a>'
    return " ".join(words)


def current_post(post: PostFields, uri: str) -> str:
    figure = "".join(
        f'<figure class="image"><img src="photo{i}.jpg" alt="">'
        f'<figcaption class="image__caption">{escape(c)}</figcaption></figure>'
        for i, c in enumerate(post.captions)
    )
    paragraphs = "".join(
        f'<p class="paragraph inline-placeholder vossi-paragraph" data-component-name="paragraph">'
        f"{_paragraph(p, n)}</p>"
        for n, p in enumerate(post.body)
    )
    return (
        f'<article class="live-story-post liveStoryPost" data-uri="{uri}" '
        f'data-last-updated="2023-01-31T16:44:00Z">'
        f'<span class="live-story-post__timestamp">{escape(post.published or "")}</span>'
        f'<h2 class="live-story-post__headline inline-placeholder"><strong>{escape(post.headline)}</strong></h2>'
        f'<span class="live-story-post__byline inline-placeholder">{escape(post.byline or "")}</span>'
        f"{figure}{paragraphs}"
        f'<div class="share-bar"><button>Share</button><a href="#">Copy link</a></div>'
        f'<div class="ad-feedback">Ad Feedback</div></article>\n'
    )


def older_post(post: PostFields, post_id: str) -> str:
    paragraphs = "".join(f"<p>{_paragraph(p, n)}</p>" for n, p in enumerate(post.body))
    figure = "".join(
        f"<figure><img src='x.jpg'><figcaption>{escape(c)}</figcaption></figure>"
        for c in post.captions
    )
    return (
        f'<article class="sc-post" id="{post_id}"><header><time>{escape(post.published or "")}</time>'
        f"<h2>{escape(post.headline)}</h2></header>"
        f'<p class="byline">{escape(post.byline or "")}</p>{figure}{paragraphs}'
        f'<div class="social-share"><a href="https://twitter.com/share">Tweet</a></div></article>\n'
    )


def cnn_page(
    title: str, posts: Sequence[PostFields], ids: Sequence[str], markup: str = "current"
) -> bytes:
    render = current_post if markup == "current" else older_post
    body = "".join(render(p, i) for p, i in zip(posts, ids, strict=True))
    return (HEAD.format(title=escape(title)) + body + TAIL).encode("utf-8")


def error_page(title: str = "CNN") -> bytes:
    """What a CDN serves with status 200 when the origin is down: no posts at all."""
    return (
        f"<html><head><title>{title}</title></head><body><h1>Something went wrong</h1>"
        "<p>We're sorry, this page is temporarily unavailable. Please try again later.</p>"
        "</body></html>"
    ).encode()
