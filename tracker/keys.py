"""Index keys of a post (fingerprints of its text), each kind in a namespace of its own.

- ``h``: the headline; ``l``: the lead paragraph (the first, and the first of the body when a
  caption comes first); no prefix: a long paragraph; ``s``: a short paragraph; ``t``: a
  sentence. The fingerprint table maps each key to the posts that have had it.

Headline, lead, long paragraph and distinctive sentence keys find similarity candidates;
sentence keys also say who else has a sentence (a sentence many posts share is boilerplate,
one an older post has is a quotation); short paragraphs and leads help split layout-B
captures.
"""

from __future__ import annotations

import re

from tracker.model import PostFields
from tracker.normalize import fingerprint

LONG_PARAGRAPH = 80  # shorter paragraphs ("CNN could not verify…") say little of identity
LONG_SENTENCE = 40
_BULLET = re.compile(r"^[•·*▪‣◦-]\s+")
_LABEL = re.compile(r"^[^.:!?]{1,40}:\s+(?=\S)")  # "Levee watch: " before a bullet's quote
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")


def headline_key(text: str) -> int:
    return fingerprint("h\x1f" + text)


def lead_key(text: str) -> int:
    return fingerprint("l\x1f" + text)


def short_key(text: str) -> int:
    return fingerprint("s\x1f" + text)


def sentence_key(text: str) -> int:
    return fingerprint("t\x1f" + text)


def paragraph_key(text: str) -> int:
    return fingerprint(text) if len(text) >= LONG_PARAGRAPH else short_key(text)


def sentences(paragraph: str) -> list[str]:
    """The sentences of a normalized paragraph worth a key (a bullet's marker and label
    dropped: summaries quote other posts' sentences that way)."""
    text = _BULLET.sub("", paragraph)
    if text != paragraph:
        text = _LABEL.sub("", text)
    return [s for s in _SENTENCE_END.split(text) if len(s) >= LONG_SENTENCE]


def fingerprints(fields: PostFields) -> list[int]:
    """Every key of a post, as stored."""
    headline, *paragraphs = fields.normalized
    keys = [headline_key(headline)]
    keys.extend(lead_key(p) for p in _leads(fields, paragraphs))
    keys.extend(paragraph_key(p) for p in paragraphs)
    keys.extend(sentence_key(s) for p in paragraphs for s in sentences(p))
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


def sentence_keys(fields: PostFields) -> dict[int, str]:
    """The post's sentence keys and their sentences."""
    return {sentence_key(s): s for p in fields.normalized[1:] for s in sentences(p)}
