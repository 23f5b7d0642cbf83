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

The weights of ``score`` (log-odds) were fitted by ``benchmarks/fit_matching.py`` on the
corpora of ``benchmarks/newsroom.py`` and ``benchmarks/heldout.py`` with the real captures
counted 30 times; ``holdout2.py`` and ``holdout3.py`` were never in the fit.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from itertools import chain

from rapidfuzz import fuzz

from tracker.model import PostFields, TermStats
from tracker.normalize import FUNCTION_WORD, normalize, term_of

SHINGLE = 3
MAX_PROFILES = 2000


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
    def _words(self) -> list[str]:
        return list(chain.from_iterable(self.fields.word_seq[1:]))

    @cached_property
    def shingles(self) -> frozenset[int]:
        """Word 3-grams of the text (captions and body), hashed (for this process only)."""
        w = self._words
        if len(w) < SHINGLE:
            return frozenset([hash(tuple(w))]) if w else frozenset()
        return frozenset(map(hash, zip(w, w[1:], w[2:], strict=False)))

    @cached_property
    def grams(self) -> dict[int, tuple[int, ...]]:
        """Each shingle with its words' terms (for weighing, which few pairs need)."""
        w = self._words
        if len(w) < SHINGLE:
            return {hash(tuple(w)): tuple(map(term_of, w))} if w else {}
        return {
            hash(g): (term_of(g[0]), term_of(g[1]), term_of(g[2]))
            for g in zip(w, w[1:], w[2:], strict=False)
        }

    @cached_property
    def terms(self) -> frozenset[int]:
        return frozenset(map(term_of, set(self._words))) - {FUNCTION_WORD}


class ProfileCache:
    """Profiles of versions seen lately, by their exact fields, the most recently used kept
    (a version's profile never changes)."""

    def __init__(self, size: int = MAX_PROFILES) -> None:
        self.size = size
        self._profiles: OrderedDict[str, Profile] = OrderedDict()

    def __call__(self, fields: PostFields) -> Profile:
        key = fields.fields_hash
        profile = self._profiles.get(key)
        if profile is None:
            profile = self._profiles[key] = Profile(fields)
            if len(self._profiles) > self.size:
                self._profiles.popitem(last=False)
        else:
            self._profiles.move_to_end(key)
        return profile

    def __len__(self) -> int:
        return len(self._profiles)


class Weights:
    """Inverse document frequencies of the story's words, as of this snapshot, read from the
    story's statistics the first time a text is weighed (most snapshots weigh none)."""

    def __init__(self, stats: Callable[[Iterable[int]], TermStats] | None = None) -> None:
        self._stats = stats
        self._posts = 0
        self._df: dict[int, int] = {}
        self._known: set[int] = set()

    def of(self, profile: Profile) -> dict[int, float]:
        """Each shingle's weight: the mean rarity of its words."""
        missing = profile.terms - self._known
        if missing and self._stats is not None:
            found = self._stats(missing)
            self._posts = found.posts
            self._df.update(found.df)
            self._known |= missing
        n, df = self._posts, self._df
        idf = {
            t: math.log(1.0 + (n - df.get(t, 0) + 0.5) / (df.get(t, 0) + 0.5))
            for t in profile.terms
        }
        idf[FUNCTION_WORD] = math.log(1.0 + 0.5 / (n + 0.5))  # as if in every post
        return {s: sum([idf[t] for t in g]) / len(g) for s, g in profile.grams.items()}


UNIFORM = Weights()  # no statistics: every word weighs the same


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
    known_below: int  # how many posts of the page's previous capture stand below it
    days_apart: int  # day pages between their time labels' dates (a carry-over's gap)
    # The known post has the same headline and the same time label (see matching).
    same_heading_and_time: bool = False
    # ... or the same headline, with no time label to compare (layout B).
    same_heading_untimed: bool = False
    # The known post stood below posts of the page's previous capture, none shown now, and
    # stands on top of the posts matched (see matching).
    past_the_gone: bool = False
    # The known post, of another page, stood many posts deep there when this page opened.
    deep_at_opening: bool = False

    def ruled_in(self) -> bool:
        """A post under the same headline and time label is this post, whatever its text and
        byline did: two posts rarely share both (a template post edited in place or carried
        to the next day's page, its headline and boilerplate shared by many, its bullets
        quoting others)."""
        return self.same_heading_and_time  # (the same time: not everything differs)

    def in_its_slot(self) -> bool:
        """On its own page, between the same neighbours, under its own time label: most
        likely the post rewritten (its headline and lead reworded, its stock sentences
        weighing nothing). Without a time label (layout B), under its own headline: a
        template post ("Key moments from today's testimony") updated in place, its headline
        shared by many and its bullets quoting others. Weighed, not ruled in: two posts may
        share a minute and a slot, and their texts must still tell them apart."""
        mark = self.time > 0 or (self.time == 0 and self.same_heading_untimed)
        return mark and self.same_place and not self.carried

    def ruled_out(self) -> bool:
        """Pairs no weight of evidence makes one post."""
        return self.everything_differs() or self.new_on_a_full_page() or self.jumped()

    def seldom_carried(self) -> bool:
        """Newsrooms carry their newest posts to the next day's page. A post that stood deep in
        an older page when this page opened, here under another time label and changed, is
        more likely one like it posted again (a daily "What to know about the trial")."""
        return self.deep_at_opening and self.time < 1

    def jumped(self) -> bool:
        """A post that stood below several posts of the page, all gone now, shown changed and
        on top, under no time label of its own: the window moved on past them all, and past
        it too; the post here is one like it posted again (a template), not it rewritten and
        re-timed above posts the page never showed."""
        return self.past_the_gone and self.time < 1

    def new_on_a_full_page(self) -> bool:
        """A copy carried over lands on a young page; a post from another page that appears,
        under another time, on top of a page's established coverage is a new post (the
        daily "Our live coverage has moved here", a template posted again)."""
        return self.carried_to_top and self.known_below >= FULL_PAGE and self.time < 1

    def everything_differs(self) -> bool:
        """An "edit" changing every field it shows at once (headline, lead, text, time,
        byline) is another post."""
        return not (
            self.headline >= SAME_HEADLINE
            or self.same_heading_untimed  # (a recurring headline's similarity is discounted)
            or self.lead >= SAME_LEAD
            or self.containment >= SAME_TEXT
            or self.time > 0
            or self.byline > 0
        )

    def features(self) -> tuple[float, ...]:
        """The measures ``score`` weighs, in the order of FEATURES."""
        return (
            self.containment,
            self.jaccard,
            self.headline,
            self.lead,
            float(self.headline >= IDENTICAL and self.lead >= IDENTICAL),
            float(self.lead >= IDENTICAL),
            float(self.headline >= IDENTICAL and self.containment >= SAME_TEXT),
            float(self.time),
            float(self.byline),
            float(self.same_place),
            float(self.carried),
            float(self.carried_to_top),
            float(min(self.days_apart, 3)),
        )


SAME_HEADLINE = 0.9
SAME_LEAD = 0.9
SAME_TEXT = 0.6
IDENTICAL = 0.98  # word for word but for a typo or a space
FULL_PAGE = 6  # posts of the page's previous capture below it: no carried copy had so many
RULED_IN = 20.0  # beyond any weighed evidence
IN_ITS_SLOT = 4.0  # not fitted: a rule's weight, set above the fitted time and place weights
DEEP_CARRY = -2.0  # not fitted: about the fitted weight of a different time label

FEATURES = (
    "containment",
    "jaccard",
    "headline",
    "lead",
    "same_heading",  # headline and lead word for word the same, whatever the body did
    "same_lead",  # the lead word for word the same (a headline may be rewritten)
    "same_headline_and_text",  # the headline word for word, most of the text too
    "time",
    "byline",
    "same_place",
    "carried",
    "carried_to_top",
    "days_apart",
)

# Log-odds weights, fitted on the tuning corpora by benchmarks/fit_matching.py.
INTERCEPT = -5.18
WEIGHTS = (2.91, 4.29, 1.36, -0.19, 0.97, 2.73, 0.62, 1.56, 2.16, 0.90, -0.05, -1.25, -1.65)


def score(pair: Pair) -> float:
    """Log-odds that the pair is one post; above 0, more likely than not."""
    if pair.ruled_out():
        return -math.inf
    if pair.ruled_in():
        return RULED_IN
    weighed = INTERCEPT + sum(w * f for w, f in zip(WEIGHTS, pair.features(), strict=True))
    weighed += IN_ITS_SLOT if pair.in_its_slot() else 0.0
    return weighed + (DEEP_CARRY if pair.seldom_carried() else 0.0)


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
    """+1 equal, -1 different, 0 when one side does not show the field (None) or neither
    has one (an empty byline on both says nothing)."""
    if a is None or b is None or not (a or b):
        return 0
    return 1 if a == b or _folded(a) == _folded(b) else -1


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    return normalize(text)


_DATE = re.compile(r"\b([A-Z][a-z]+)\.? (\d{1,2}), (\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTHS = {m: i + 1 for i, m in enumerate(MONTHS)}


@lru_cache(maxsize=4096)
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


def days_apart(a: str | None, b: str | None, pages: Sequence[date] = ()) -> int:
    """How far apart two time labels' days are, as the story's day pages count them: the
    pages dated between the two (Friday's post carried to Monday's page is next door, across
    a weekend without pages); without dated pages, the days between (0 when either label has
    no date)."""
    first, second = label_date(a), label_date(b)
    if first is None or second is None:
        return 0
    return dates_apart(first, second, pages)


def dates_apart(first: date, second: date, pages: Sequence[date] = ()) -> int:
    """The story's pages dated strictly between two days (``pages`` sorted); without any,
    the days strictly between."""
    low, high = min(first, second), max(first, second)
    if not pages:
        return max(0, (high - low).days - 1)
    return max(0, bisect_left(pages, high) - bisect_right(pages, low))
