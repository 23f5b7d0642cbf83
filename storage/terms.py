"""A story's term statistics: how many of its posts have each word (document frequencies),
which weigh text as identity evidence (rare words weigh much, boilerplate little).

A new post adds one to each of its ~100 words' counts, rows scattered over the ``term`` table
by their hashes: written at once, each snapshot would touch a page per word. So a snapshot
appends its additions as one packed row of ``termdelta``, and every ``FOLD_EVERY`` rows of a
story are summed and folded into ``term`` in key order, in the same transaction. Readers add
the rows not yet folded; the counts are exact at every snapshot.
"""

from __future__ import annotations

import sys
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, bindparam, delete, func, insert, select

from storage.queries import raw_many, story_t, term_t, termdelta_t

FOLD_EVERY = 64  # pending delta rows of a story that trigger a fold (a few hundred KiB at most)

_STORY_POSTS = select(story_t.c.posts).where(story_t.c.id == bindparam("story_id"))
_TERMS = select(term_t.c.term, term_t.c.df).where(
    term_t.c.story_id == bindparam("story_id"),
    term_t.c.term.in_(bindparam("terms", expanding=True)),
)
_DELTAS = select(termdelta_t.c.counts).where(termdelta_t.c.story_id == bindparam("story_id"))
_PENDING = select(func.count()).where(termdelta_t.c.story_id == bindparam("story_id"))
_INSERT_DELTA = insert(termdelta_t)
_DROP_DELTAS = delete(termdelta_t).where(termdelta_t.c.story_id == bindparam("story_id"))
_UPSERT = (
    "INSERT INTO term (story_id, term, df) VALUES ({p}, {p}, {p}) "
    "ON CONFLICT (story_id, term) DO UPDATE SET df = term.df + excluded.df"
)


def add_term_counts(
    conn: Connection, story_id: int, snapshot_id: int, counts: Sequence[tuple[int, int]]
) -> None:
    """Add a snapshot's (term, posts) counts to its story's statistics."""
    if not counts:
        return
    conn.execute(
        _INSERT_DELTA,
        {"story_id": story_id, "snapshot_id": snapshot_id, "counts": pack(counts)},
    )
    if conn.execute(_PENDING, {"story_id": story_id}).scalar_one() >= FOLD_EVERY:
        fold_term_deltas(conn, story_id)


def fold_term_deltas(conn: Connection, story_id: int) -> None:
    """Sum the story's pending delta rows into ``term`` and drop them."""
    total = _pending(conn, story_id)
    upsert_term_counts(conn, story_id, list(total.items()))
    conn.execute(_DROP_DELTAS, {"story_id": story_id})


def upsert_term_counts(conn: Connection, story_id: int, counts: Iterable[tuple[int, int]]) -> None:
    """Add counts to ``term`` directly (terms new to the story start at their count)."""
    # In key order: each row lands next to the last one in the table's B-tree.
    rows = sorted((story_id, t, n) for t, n in counts)
    if rows:
        raw_many(conn, _UPSERT, rows)


def term_stats(conn: Connection, story_id: int, terms: Iterable[int]) -> tuple[int, dict[int, int]]:
    """(posts in the story, {term: posts containing it}) for the terms asked."""
    posts = int(conn.execute(_STORY_POSTS, {"story_id": story_id}).scalar_one())
    wanted = set(terms)
    if not wanted:
        return posts, {}
    rows = conn.execute(_TERMS, {"story_id": story_id, "terms": list(wanted)})
    df = {int(r.term): int(r.df) for r in rows}
    for term, n in _pending(conn, story_id).items():
        if term in wanted:
            df[term] = df.get(term, 0) + n
    return posts, df


def _pending(conn: Connection, story_id: int) -> Counter[int]:
    total: Counter[int] = Counter()
    for blob in conn.execute(_DELTAS, {"story_id": story_id}).scalars():
        total.update(unpack(blob))
    return total


def pack(counts: Sequence[tuple[int, int]]) -> bytes:
    """(term, count) pairs as little-endian 64-bit integers, term then count."""
    values = array("q", (v for pair in counts for v in pair))
    if sys.byteorder == "big":
        values.byteswap()
    return values.tobytes()


def unpack(blob: bytes) -> dict[int, int]:
    values = array("q")
    values.frombytes(blob)
    if sys.byteorder == "big":
        values.byteswap()
    return dict(zip(values[::2], values[1::2], strict=True))
