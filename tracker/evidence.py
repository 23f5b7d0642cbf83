"""How likely two versions are the same post: the evidence, weighed. Pure.

Text is the main evidence, but not all text counts alike:

- words are weighted by how rare they are in the story (BM25's inverse document frequency,
  from statistics the story keeps as it grows), so boilerplate that every "Here's what you
  need to know" post repeats weighs little, and names, places and numbers weigh much;
- text that an older post also has (a summary quoting it, a follow-up repeating its
  paragraph) is evidence for that older post, not for this pair;
- a headline or lead that several known posts share word for word says little.

Around the text: the time label and byline (a post keeps them across edits; a different post
rarely has both), where the post stands (between the same neighbours as before), and where
it comes from (a carry-over comes from another page of the previous days, and is not a new
post at the top of today's page). An "edit" that changes every field at once is another post.

The weights of ``score`` (log-odds) were fitted on the tuning corpora of
``benchmarks/newsroom.py`` (``benchmarks/fit_matching.py``), never on the held-out ones.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from rapidfuzz import fuzz

from tracker.model import PostFields, TermStats
from tracker.normalize import normalize, term_hash, words

SHINGLE = 3


@dataclass(frozen=True)
class Profile:
    """The parts of a post that the evidence looks at, computed once per version."""

    fields: PostFields

    @cached_property
    def headline(self) -> str:
        return self.fields.normalized[0].lower()

    @cached_property
    def lead(self) -> str:
        # The first body paragraph; layout B may have taken it for a caption, so fall back.
        first = len(self.fields.captions) + 1 if self.fields.body else 1
        normalized = self.fields.normalized
        return normalized[first].lower() if len(normalized) > first else ""

    @cached_property
    def shingles(self) -> dict[int, tuple[int, ...]]:
        """Word 3-grams of the text (captions and body), hashed, each with its words' terms."""
        return shingles_of(" ".join(self.fields.normalized[1:]))

    @cached_property
    def terms(self) -> frozenset[int]:
        return frozenset(t for g in self.shingles.values() for t in g)


def shingles_of(text: str) -> dict[int, tuple[int, ...]]:
    """Word 3-grams of normalized text, hashed, each with its words' term hashes."""
    terms = [term_hash(t) for t in words(text)]
    if len(terms) < SHINGLE:
        return {hash(tuple(terms)): tuple(terms)} if terms else {}
    grams = zip(terms, terms[1:], terms[2:], strict=False)
    return {hash(g): g for g in grams}


@dataclass(frozen=True)
class Weights:
    """Inverse document frequencies of the story's words, as of this snapshot."""

    stats: TermStats

    def idf(self, term: int) -> float:
        n, df = self.stats.posts, self.stats.df.get(term, 0)
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def of(self, profile: Profile) -> dict[int, float]:
        """Each shingle's weight: the mean rarity of its words."""
        idf = {t: self.idf(t) for t in profile.terms}
        return {s: sum(idf[t] for t in g) / len(g) for s, g in profile.shingles.items()}


UNIFORM = Weights(TermStats(0, {}))


@dataclass(frozen=True)
class Pair:
    """The evidence about one (new version, known post) pair, each measure in 0..1 or ±1."""

    containment: float  # weighted share of the smaller text found in the other
    jaccard: float  # weighted share of all their text that they share
    headline: float  # similarity of the headlines, discounted when the headline recurs
    lead: float  # similarity of the leads, discounted when the lead recurs
    time: int  # +1 the same time label, -1 a different one, 0 unknown
    byline: int  # +1 the same byline, -1 a different one, 0 unknown
    same_place: bool  # the known post stood between the same neighbours on this page
    carried: bool  # the known post is on another page only
    carried_to_top: bool  # ... and the new version stands above posts known on this page
    days_apart: int  # between their time labels' dates, beyond one (a carry-over's gap)

    def everything_differs(self) -> bool:
        """An "edit" changing every field it shows at once (headline, lead, text, time,
        byline) is another post."""
        return not (
            self.headline >= SAME_HEADLINE
            or self.lead >= SAME_LEAD
            or self.containment >= SAME_TEXT
            or self.time > 0
            or self.byline > 0
        )


SAME_HEADLINE = 0.9
SAME_LEAD = 0.9
SAME_TEXT = 0.6

# Log-odds weights (benchmarks/fit_matching.py fitted them on the tuning corpora).
INTERCEPT = -3.88
W_CONTAINMENT = 3.26
W_JACCARD = 1.72
W_HEADLINE = 1.59
W_LEAD = 2.89
W_TIME = 2.13
W_BYLINE = 1.75
W_SAME_PLACE = 1.38
W_CARRIED = 0.0
W_CARRIED_TO_TOP = -3.84
W_DAYS_APART = -2.61


def score(pair: Pair) -> float:
    """Log-odds that the pair is one post; above 0, more likely than not."""
    if pair.everything_differs():
        return -math.inf
    return (
        INTERCEPT
        + W_CONTAINMENT * pair.containment
        + W_JACCARD * pair.jaccard
        + W_HEADLINE * pair.headline
        + W_LEAD * pair.lead
        + W_TIME * pair.time
        + W_BYLINE * pair.byline
        + W_SAME_PLACE * pair.same_place
        + W_CARRIED * pair.carried
        + W_CARRIED_TO_TOP * pair.carried_to_top
        + W_DAYS_APART * min(pair.days_apart, 3)
    )


def text_overlap(
    new: Mapping[int, float], known: Mapping[int, float], foreign: set[int]
) -> tuple[float, float]:
    """(containment, jaccard) of two weighted shingle sets, shingles in ``foreign`` (owned by
    an older post) not counting as shared."""
    small, large = (new, known) if len(new) <= len(known) else (known, new)
    shared = sum(w for s, w in small.items() if s in large and s not in foreign)
    total_new, total_known = sum(new.values()), sum(known.values())
    smaller = min(total_new, total_known)
    union = total_new + total_known - shared
    return (shared / smaller if smaller else 0.0), (shared / union if union else 0.0)


def similar(a: str, b: str, recurring: bool) -> float:
    """String similarity of two headlines or leads; one that several known posts share word
    for word says little."""
    if not a or not b:
        return 0.0
    ratio = fuzz.token_sort_ratio(a, b) / 100.0
    return ratio * RECURRING_DISCOUNT if recurring else ratio


RECURRING_DISCOUNT = 0.25


def same(a: str | None, b: str | None) -> int:
    """+1 equal, -1 different, 0 when one side does not show the field."""
    if not a or not b:
        return 0
    return 1 if normalize(a) == normalize(b) else -1


_DATE = re.compile(r"\b([A-Z][a-z]+)\.? (\d{1,2}), (\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTHS = {m: i + 1 for i, m in enumerate(MONTHS)}


def label_date(label: str | None) -> date | None:
    """The date in a time label ("11:24 p.m. ET, January 31, 2023", or ISO 8601)."""
    if not label:
        return None
    found = _DATE.search(label)
    if found is None:
        return None
    try:
        if found.group(4):
            return date(int(found.group(4)), int(found.group(5)), int(found.group(6)))
        month = _MONTHS.get(found.group(1)[:3])
        return date(int(found.group(3)), month, int(found.group(2))) if month else None
    except ValueError:
        return None


def days_apart(a: str | None, b: str | None) -> int:
    """Days between two time labels' dates beyond one (0 when either has none)."""
    first, second = label_date(a), label_date(b)
    if first is None or second is None:
        return 0
    return max(0, abs((first - second).days) - 1)
