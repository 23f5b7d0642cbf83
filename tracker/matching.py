"""Match the posts of a new snapshot to a story's known posts. Pure: the caller supplies the
look-ups (native ids, content hashes) and the candidate posts, drawn from indexes
(``tracker.identify`` does, from a ``StoryIndex``).

Order: native post id, then exact normalized-content hash (the common, O(1) case), then the
weighed evidence of ``tracker.evidence`` with a one-to-one assignment over the whole
snapshot.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from tracker.evidence import (
    UNIFORM,
    Pair,
    Profile,
    Weights,
    days_apart,
    label_date,
    same,
    score,
    similar,
    text_overlap,
)
from tracker.model import ParsedPost, PostFields


@dataclass(frozen=True)
class Candidate:
    """A known post offered for matching, with the text of its latest revision; ``here``:
    it has a revision on this page (else it would be carried over from another)."""

    post_id: int
    profile: Profile
    here: bool = True
    from_older_page: bool = False  # its latest revision is on a page older than this one
    pages_apart: int = 0  # the story's day pages between that page's date and this one's
    # posts above it on its page when this page was first captured (None: not known there)
    depth_at_opening: int | None = None


@dataclass(frozen=True)
class Context:
    """What matching knows of the snapshot besides the posts' text."""

    previous: tuple[int, ...] = ()  # the page's previous capture, top first
    weights: Weights = UNIFORM
    # Per post of the snapshot: its headline, or its lead, is shared word for word by
    # several known posts (a recurring "Here's what you need to know").
    recurring: Mapping[int, tuple[bool, bool]] = field(default_factory=dict)
    profiles: Callable[[PostFields], Profile] = Profile  # a cache, when there is one
    pinned: frozenset[int] = frozenset()  # posts of the snapshot shown twice (on top, in place)
    page_dates: tuple[date, ...] = ()  # the dates of the story's day pages, sorted


@dataclass(frozen=True)
class Shown:
    """One post of a capture as matching sees it: a pinned post shown twice is one Shown."""

    post: ParsedPost
    positions: tuple[int, ...]


def group_copies(posts: Sequence[ParsedPost]) -> list[Shown]:
    """Merge copies of one post in a capture (a pinned post is shown at the top and again in
    its place): the same native id, or with none, the same fields."""
    groups: dict[tuple[str, str], list[int]] = {}
    for i, post in enumerate(posts):
        key = ("id", post.native_id) if post.native_id else ("text", post.fields.fields_hash)
        groups.setdefault(key, []).append(i)
    firsts = sorted(groups.values())
    return [Shown(posts[g[0]], tuple(g)) for g in firsts]


@dataclass(frozen=True)
class Lookups:
    """What the index says about the snapshot's posts before any similarity.

    Native ids are often page-scoped: the same id on this page is always the same post, two
    ids on one page are two posts, but a post carried to another page may have a new id there.
    """

    native_here: Mapping[str, int] = field(default_factory=dict)  # id on this page → post
    native_elsewhere: Mapping[str, int] = field(default_factory=dict)  # id on another page
    ids_here: Mapping[int, str] = field(default_factory=dict)  # post → its id on this page
    by_fields_hash: Mapping[str, int] = field(default_factory=dict)
    by_content_hash: Mapping[str, int] = field(default_factory=dict)

    @property
    def stable_ids(self) -> bool:
        """The page keeps its ids: some post of the snapshot has an id known on this page.
        (A page that changed its id scheme shows none: then ids say nothing.)"""
        return bool(self.native_here)

    def blocks(self, post: ParsedPost, candidate: int) -> bool:
        """Two different ids on one page are two posts."""
        here = self.ids_here.get(candidate)
        return (
            self.stable_ids
            and post.native_id is not None
            and here is not None
            and here != post.native_id
        )

    def native(self, post: ParsedPost) -> int | None:
        if post.native_id is None:
            return None
        found = self.native_here.get(post.native_id)
        return found if found is not None else self.native_elsewhere.get(post.native_id)

    def text(self, post: ParsedPost) -> int | None:
        found = self.same_fields(post)
        return found if found is not None else self.same_words(post)

    def same_fields(self, post: ParsedPost) -> int | None:
        return self._unblocked(post, self.by_fields_hash.get(post.fields.fields_hash))

    def same_words(self, post: ParsedPost) -> int | None:
        return self._unblocked(post, self.by_content_hash.get(post.fields.content_hash))

    def _unblocked(self, post: ParsedPost, found: int | None) -> int | None:
        if found is not None and self.blocks(post, found):
            return None  # the same words under another id of this page: another post
        return found


def match_snapshot(
    posts: Sequence[ParsedPost],
    lookups: Lookups,
    candidates: Sequence[Candidate],
    context: Context | None = None,
    preferred: Mapping[int, set[int]] | None = None,
) -> list[int | None]:
    """For each post of the snapshot, the known post id it continues, or None for a new post.

    Native ids are claimed first, over the whole snapshot: a native id beats any text
    matching, so a post whose text repeats another's never takes that post from the one whose
    native id it is. Then exact text (every field, then the normalized words, each over the
    whole snapshot), then the evidence
    against the candidates, one to one over the whole snapshot. ``preferred`` (post index →
    candidate post ids sharing a headline or paragraph with it) narrows the comparisons: a post
    is compared with every candidate only when none of its preferred ones is a match.
    """
    result: list[int | None] = [None] * len(posts)
    claimed: set[int] = set()
    # Every field the same is a stronger claim than the same words under another time: a
    # stock post ("Court is in recess.") posted again on top does not take the old one's id
    # from the old one, shown below it.
    for lookup in (lookups.native, lookups.same_fields, lookups.same_words):
        for i, post in enumerate(posts):
            if result[i] is not None:
                continue
            post_id = lookup(post)
            if post_id is not None and post_id not in claimed:
                result[i] = post_id
                claimed.add(post_id)
    pending = [i for i, post_id in enumerate(result) if post_id is None]
    cols = [c for c in candidates if c.post_id not in claimed]
    if not pending or not cols:
        return result
    weigh = _Weigher(posts, result, cols, context or Context())
    first_try: list[list[int] | None] = []
    for i in pending:
        wanted = (preferred or {}).get(i)
        first_try.append([j for j, c in enumerate(cols) if c.post_id in wanted] if wanted else None)
    blocked = {
        (r, c)
        for r, i in enumerate(pending)
        for c, col in enumerate(cols)
        if lookups.blocks(posts[i], col.post_id)
    }

    def evidence(r: int, c: int) -> float:
        return score(weigh.pair(pending[r], c))

    for row, col in assign(len(pending), len(cols), evidence, first_try, blocked):
        result[pending[row]] = cols[col].post_id
    return result


# Texts sharing less or more of their 3-grams than this (unweighted) are not weighed word by
# word: the weights matter for the texts in between.
WEIGH_BETWEEN = (0.25, 0.8)


# Posts a known post stood below that, all gone, leave its match in doubt. Set between a
# post moved up past 7 (holdout2, one post: not in doubt) and templates 17 deep (holdout4).
PASSED = 10


class _Weigher:
    """The evidence for pairs of one snapshot: its posts' and candidates' weighted text, which
    older post owns each shared passage, and where each post stands."""

    def __init__(
        self,
        posts: Sequence[ParsedPost],
        matched: Sequence[int | None],
        cols: Sequence[Candidate],
        context: Context,
    ) -> None:
        self.posts, self.matched, self.cols, self.context = posts, matched, cols, context
        self._weighted: dict[int, dict[int, float]] = {}
        self._owner: dict[int, int] | None = None
        self.place = {post: i for i, post in enumerate(context.previous)}

    def profile(self, i: int) -> Profile:
        return self.context.profiles(self.posts[i].fields)

    def weighted(self, key: int, profile: Profile) -> dict[int, float]:
        if key not in self._weighted:
            self._weighted[key] = self.context.weights.of(profile)
        return self._weighted[key]

    def owner(self) -> dict[int, int]:
        """Each shingle of the unmatched posts that a known post in view (the snapshot's
        matched posts, the candidates) also has → the oldest of them that has it."""
        if self._owner is None:
            unmatched = set().union(
                *(self.profile(i).shingles for i, p in enumerate(self.matched) if p is None)
            )
            known = [(c.post_id, c.profile) for c in self.cols]
            known += [(p, self.profile(i)) for i, p in enumerate(self.matched) if p is not None]
            owner: dict[int, int] = {}
            for post_id, profile in known:
                for s in unmatched.intersection(profile.shingles):
                    if owner.get(s, math.inf) > post_id:
                        owner[s] = post_id
            self._owner = owner
        return self._owner

    def pair(self, i: int, c: int) -> Pair:
        col = self.cols[c]
        new, known = self.profile(i), col.profile
        containment = jaccard = 0.0
        shared = new.shingles & known.shingles
        smaller = min(len(new.shingles), len(known.shingles))
        if shared and not WEIGH_BETWEEN[0] <= len(shared) / smaller < WEIGH_BETWEEN[1]:
            # Little or most in common: weighing word by word would not change the verdict.
            containment = len(shared) / smaller
            jaccard = len(shared) / (len(new.shingles) + len(known.shingles) - len(shared))
        elif shared:
            owner = self.owner()
            foreign = {s for s in shared if owner.get(s, col.post_id) < col.post_id}
            containment, jaccard = text_overlap(
                self.weighted(-1 - i, new), self.weighted(col.post_id, known), foreign
            )
        headline_recurs, lead_recurs = self.context.recurring.get(i, (False, False))
        above, below = self._neighbours(i)
        return Pair(
            containment=containment,
            jaccard=jaccard,
            headline=similar(new.headline, known.headline, headline_recurs),
            lead=similar(new.lead, known.lead, lead_recurs),
            time=same(new.fields.published, known.fields.published),
            byline=same(new.fields.byline, known.fields.byline),
            same_place=self._same_place(col.post_id, above, below),
            carried=not col.here,
            carried_to_top=col.from_older_page and above is None and below in self.place,
            known_below=len(self.place) - self.place[below] if below in self.place else 0,
            # Without a time label (layout B), the days between the pages tell the same.
            days_apart=days_apart(
                new.fields.published, known.fields.published, self.context.page_dates
            )
            if new.fields.published and known.fields.published
            else col.pages_apart,
            same_heading_and_time=_same_heading_and_time(new, known, col.here),
            same_heading_untimed=new.fields.published is None and new.headline == known.headline,
            past_the_gone=col.here and above is None and self._past_the_gone(col.post_id),
            deep_at_opening=not col.here
            and col.depth_at_opening is not None
            and col.depth_at_opening >= PASSED,
        )

    def _past_the_gone(self, post_id: int) -> bool:
        """It stood below several posts of the page's previous capture, none of which is
        found in this one (the window moved on past them all)."""
        at = self.place.get(post_id)
        if at is None or at < PASSED:
            return False
        return not any(self.place.get(p, at) < at for p in self.matched if p is not None)

    def _neighbours(self, i: int) -> tuple[int | None, int | None]:
        """The nearest posts above and below this one that are matched already (a pinned
        post's copy on top stands above everything: not a neighbour)."""
        pinned = self.context.pinned
        above = next(
            (
                p
                for j in range(i - 1, -1, -1)
                if (p := self.matched[j]) is not None and j not in pinned
            ),
            None,
        )
        below = next((p for p in self.matched[i + 1 :] if p is not None), None)
        return above, below

    def _same_place(self, post_id: int, above: int | None, below: int | None) -> bool:
        """The known post stood between the same neighbours in the page's previous capture."""
        at = self.place.get(post_id)
        if at is None or (above is None and below is None):
            return False
        fits_above = above is None or self.place.get(above, at) < at
        fits_below = below is None or self.place.get(below, at) > at
        return fits_above and fits_below


def _same_heading_and_time(new: Profile, known: Profile, here: bool) -> bool:
    """The same headline under the same time label: on this page, or on another page when
    the label gives the day too (a daily "Key moments from today's testimony" is posted at
    another time each day, but a label without its day may recur)."""
    label = new.fields.published
    return (
        label is not None
        and label == known.fields.published
        and new.headline == known.headline
        and (here or label_date(label) is not None)
    )


def assign(
    rows: int,
    cols: int,
    evidence: Callable[[int, int], float],
    first_try: Sequence[list[int] | None] | None = None,
    blocked: set[tuple[int, int]] | None = None,
) -> list[tuple[int, int]]:
    """One-to-one assignment maximizing the total evidence, over pairs with evidence above 0
    (log-odds: more likely one post than two).

    Each row is scored against its ``first_try`` columns, or all columns when it has none or
    none of them is a match. Pairs with no rival are taken directly; only rows and columns that
    compete go to scipy's linear_sum_assignment (imported then: it is slow to import).
    """
    scores: dict[tuple[int, int], float] = {}
    everything = range(cols)
    for r in range(rows):
        tries = first_try[r] if first_try else None
        for columns in (tries, everything) if tries else (everything,):
            found = False
            for c in columns:
                if blocked and (r, c) in blocked:
                    continue
                value = evidence(r, c)
                if value > 0:
                    scores[(r, c)] = value
                    found = True
            if found:
                break
    row_degree: dict[int, int] = {}
    col_degree: dict[int, int] = {}
    for r, c in scores:
        row_degree[r] = row_degree.get(r, 0) + 1
        col_degree[c] = col_degree.get(c, 0) + 1
    pairs = [(r, c) for r, c in scores if row_degree[r] == 1 and col_degree[c] == 1]
    direct = set(pairs)
    contested = {pair: s for pair, s in scores.items() if pair not in direct}
    if contested:
        pairs.extend(_solve(contested))
    return sorted(pairs)


def _solve(scores: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    row_ids = sorted({r for r, _ in scores})
    col_ids = sorted({c for _, c in scores})
    matrix = np.zeros((len(row_ids), len(col_ids)))
    row_at = {r: i for i, r in enumerate(row_ids)}
    col_at = {c: j for j, c in enumerate(col_ids)}
    for (r, c), value in scores.items():
        matrix[row_at[r], col_at[c]] = value
    chosen_rows, chosen_cols = linear_sum_assignment(matrix, maximize=True)
    return [
        (row_ids[i], col_ids[j])
        for i, j in zip(chosen_rows.tolist(), chosen_cols.tolist(), strict=True)
        if (row_ids[i], col_ids[j]) in scores
    ]
