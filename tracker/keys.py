"""Index keys of a post (fingerprints of its text), each kind in a namespace of its own.

- ``h``: the headline; ``l``: the lead paragraph (the first, and the first of the body when a
  caption comes first); no prefix: a long paragraph; ``s``: a short paragraph; ``ts`` and
  ``tc``: the headline as a capture with time lines showed it (where posts are split for
  certain), opening with a straight or a curly quote; ``tt``: a short paragraph of the text
  as such a capture showed it. The fingerprint table maps each key to the posts that have
  had it.

Headline, lead and long paragraph keys find similarity candidates and say when several posts
share a headline or lead word for word; short paragraphs and leads help split layout-B
captures.
"""

from __future__ import annotations

from tracker.model import PostFields
from tracker.normalize import fingerprint, opens_curly

LONG_PARAGRAPH = 80  # shorter paragraphs ("CNN could not verify…") say little of identity


def headline_key(text: str) -> int:
    return fingerprint("h\x1f" + text)


def lead_key(text: str) -> int:
    return fingerprint("l\x1f" + text)


def timed_headline_key(text: str, curly: bool) -> int:
    """A headline seen in a capture with time lines (A or HTML), by its opening quote."""
    return fingerprint(("tc\x1f" if curly else "ts\x1f") + text)  # (fingerprint lower-cases)


def timed_text_key(text: str) -> int:
    """A short paragraph seen in a post's text in a capture with time lines (a line a
    layout-B split may take for a headline)."""
    return fingerprint("tt\x1f" + text)


def short_key(text: str) -> int:
    return fingerprint("s\x1f" + text)


def paragraph_key(text: str) -> int:
    return fingerprint(text) if len(text) >= LONG_PARAGRAPH else short_key(text)


def fingerprints(fields: PostFields, timed: bool = False) -> list[int]:
    """Every key of a post, as stored (``timed``: as a capture with time lines showed it)."""
    headline, *paragraphs = fields.normalized
    keys = [headline_key(headline)]
    if timed:
        keys.append(timed_headline_key(headline, opens_curly(fields.headline)))
    keys.extend(lead_key(p) for p in _leads(fields, paragraphs))
    keys.extend(paragraph_key(p) for p in paragraphs)
    if timed:
        keys.extend(timed_text_key(p) for p in paragraphs if len(p) < LONG_PARAGRAPH)
    return keys


def _leads(fields: PostFields, paragraphs: list[str]) -> list[str]:
    leads = paragraphs[:1]
    if fields.captions and fields.body:
        leads.append(paragraphs[len(fields.captions)])
    return leads


def identity_keys(fields: PostFields) -> list[int]:
    """The keys that make a known post a candidate: headline, lead, long paragraphs."""
    headline, *paragraphs = fields.normalized
    keys = [headline_key(headline)]
    keys.extend(lead_key(p) for p in paragraphs[:1])
    keys.extend(fingerprint(p) for p in paragraphs if len(p) >= LONG_PARAGRAPH)
    return keys
