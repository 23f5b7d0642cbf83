"""Match the posts of a new snapshot to a story's known posts. Pure: the caller supplies the
look-ups (native ids, content hashes) and the candidate posts, drawn from indexes
(``tracker.identify`` does, from a ``StoryIndex``).

Order: native post id, then exact normalized-content hash (the common, O(1) case), then
similarity of headline, lead paragraph and body with a one-to-one assignment over the whole
snapshot and a threshold.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz import fuzz

from tracker.model import ParsedPost, PostFields
from tracker.normalize import words

# Weights and threshold were tuned on the synthetic corpus (benchmarks/RESULTS.md): a headline
# rewrite, or a body that gained or lost half its paragraphs, stays above the threshold; a
# summary post quoting one paragraph of another post stays well below it.
HEADLINE_WEIGHT = 0.4
LEAD_WEIGHT = 0.2
BODY_WEIGHT = 0.4
THRESHOLD = 0.45
MIN_BODY = 0.2  # shingle Jaccard of the text, or
MIN_LEAD = 0.8  # similarity of the lead paragraph, below both of which nothing matches
SHINGLE = 3


@dataclass(frozen=True)
class Profile:
    """The parts of a post that similarity looks at, computed once per post."""

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
    def shingles(self) -> frozenset[int]:
        """Hashed word 3-grams (ints: sets of tuples would re-hash them at every operation)."""
        tokens = words(" ".join(self.fields.normalized[1:]))
        if len(tokens) < SHINGLE:
            return frozenset([hash(tuple(tokens))]) if tokens else frozenset()
        return frozenset(map(hash, zip(tokens, tokens[1:], tokens[2:], strict=False)))


def similarity(a: Profile, b: Profile) -> float:
    """0..1: how likely two versions are the same post. Cheapest evidence is checked first."""
    shared = len(a.shingles & b.shingles)
    union = len(a.shingles) + len(b.shingles) - shared
    body = shared / union if union else 0.0
    if body < MIN_BODY:  # then only a near-identical lead paragraph is evidence enough
        cutoff = MIN_LEAD * 100
        lead = fuzz.ratio(a.lead, b.lead, score_cutoff=cutoff) / 100.0 if a.lead and b.lead else 0.0
    else:
        lead = fuzz.ratio(a.lead, b.lead) / 100.0 if a.lead and b.lead else 0.0
    if body < MIN_BODY and lead < MIN_LEAD:
        # No evidence in the text: a headline alone does not make two posts one (daily
        # "Here's what you need to know" posts share theirs word for word).
        return 0.0
    head = fuzz.token_sort_ratio(a.headline, b.headline) / 100.0
    return HEADLINE_WEIGHT * head + LEAD_WEIGHT * lead + BODY_WEIGHT * body


@dataclass(frozen=True)
class Candidate:
    """A known post offered for similarity matching, with the text of its latest revision."""

    post_id: int
    profile: Profile


@dataclass(frozen=True)
class Shown:
    """One post of a capture as matching sees it: a pinned post shown twice is one Shown."""

    post: ParsedPost
    positions: tuple[int, ...]


def group_copies(posts: Sequence[ParsedPost]) -> list[Shown]:
    """Merge copies of one post in a capture (a pinned post is shown at the top and again in
    its place): the same native id, or with none, the same normalized text."""
    groups: dict[tuple[str, str], list[int]] = {}
    for i, post in enumerate(posts):
        key = ("id", post.native_id) if post.native_id else ("text", post.fields.content_hash)
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
        found = self.by_fields_hash.get(post.fields.fields_hash)
        if found is None:
            found = self.by_content_hash.get(post.fields.content_hash)
        if found is not None and self.blocks(post, found):
            return None  # the same words under another id of this page: another post
        return found


def match_snapshot(
    posts: Sequence[ParsedPost],
    lookups: Lookups,
    candidates: Sequence[Candidate],
    threshold: float = THRESHOLD,
    preferred: Mapping[int, set[int]] | None = None,
) -> list[int | None]:
    """For each post of the snapshot, the known post id it continues, or None for a new post.

    Native ids are claimed first, over the whole snapshot: a native id beats any text
    matching, so a post whose text repeats another's never takes that post from the one whose
    native id it is. Then exact text (fields, then normalized content), then similarity
    against the candidates, one to one over the whole snapshot. ``preferred`` (post index →
    candidate post ids sharing a headline or paragraph with it) narrows the comparisons: a post
    is compared with every candidate only when none of its preferred ones reaches the
    threshold.
    """
    result: list[int | None] = [None] * len(posts)
    claimed: set[int] = set()
    for lookup in (lookups.native, lookups.text):
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
    rows = [Profile(posts[i].fields) for i in pending]
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
    for row, col in assign(rows, [c.profile for c in cols], threshold, first_try, blocked):
        result[pending[row]] = cols[col].post_id
    return result


def assign(
    rows: Sequence[Profile],
    cols: Sequence[Profile],
    threshold: float,
    first_try: Sequence[list[int] | None] | None = None,
    blocked: set[tuple[int, int]] | None = None,
) -> list[tuple[int, int]]:
    """One-to-one assignment maximizing total similarity, over pairs above the threshold.

    Each row is scored against its ``first_try`` columns, or all columns when it has none or
    none of them reaches the threshold. Pairs with no rival are taken directly; only rows and
    columns that compete go to scipy's linear_sum_assignment (imported then: it is slow to
    import).
    """
    scores: dict[tuple[int, int], float] = {}
    everything = range(len(cols))
    for r, row in enumerate(rows):
        tries = first_try[r] if first_try else None
        for columns in (tries, everything) if tries else (everything,):
            found = False
            for c in columns:
                if blocked and (r, c) in blocked:
                    continue
                score = similarity(row, cols[c])
                if score >= threshold:
                    scores[(r, c)] = score
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
    for (r, c), score in scores.items():
        matrix[row_at[r], col_at[c]] = score
    chosen_rows, chosen_cols = linear_sum_assignment(matrix, maximize=True)
    return [
        (row_ids[i], col_ids[j])
        for i, j in zip(chosen_rows.tolist(), chosen_cols.tolist(), strict=True)
        if (row_ids[i], col_ids[j]) in scores
    ]
