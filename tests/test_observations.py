"""What a capture that repeats earlier bytes amounts to, and reverts.

A capture is a duplicate only when it is the same observation (the same file again, or the
same file at the same given capture time); identical to the page's latest snapshot, it is the
page seen unchanged (recorded, no new snapshot); identical to an older snapshot, it is a new
observation: the page changed back, and the edit back is a revert.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, func, select

from storage.queries import observation_t, snapshot_t
from storage.reads import recent_edits
from tests.conftest import Clock
from tests.test_ingest import capture_bytes, post
from tracker.ingest import Ingestor
from tracker.model import PostFields

T0 = datetime(2023, 1, 31, 12, 0, tzinfo=UTC)


def version(label: str) -> bytes:
    """The page in one of three versions: A, then post 1 reworded (B), or reworded again (C)."""
    body = {
        "A": post(1).body[0],
        "B": "Regional officials said four residents were taken to hospital overnight.",
        "C": "Regional officials now say six residents were taken to hospital overnight.",
    }[label]
    reworded = PostFields(
        post(1).headline, (body, post(1).body[1]), (), None, post(1).published, post(1).byline
    )
    return capture_bytes(post(2), reworded)


# (file name, version, capture time in hours after T0 or None for "now") → expected status
CASES = {
    "a copy of the first capture under another name: a revert": (
        [("a.txt", "A", None), ("b.txt", "B", None), ("a-again.txt", "A", None)],
        ["stored", "stored", "stored"],
        [[], ["revert"]],
    ),
    "the same file at a later given time: a new observation, a revert": (
        [("a.txt", "A", 0), ("b.txt", "B", 1), ("a.txt", "A", 2)],
        ["stored", "stored", "stored"],
        [[], ["revert"]],
    ),
    "the same file again, no time given: the same observation": (
        [("a.txt", "A", None), ("b.txt", "B", None), ("a.txt", "A", None)],
        ["stored", "stored", "duplicate"],
        [[]],
    ),
    "the same file at the same given time: the same observation": (
        [("a.txt", "A", 0), ("b.txt", "B", 1), ("b.txt", "B", 1)],
        ["stored", "stored", "duplicate"],
        [[]],
    ),
    "identical to the latest snapshot: seen unchanged, then a duplicate": (
        [("a.txt", "A", None), ("a2.txt", "A", None), ("a2.txt", "A", None)],
        ["stored", "unchanged", "duplicate"],
        [],
    ),
    "back to the version before the previous one: a revert": (
        [("a.txt", "A", None), ("b.txt", "B", None), ("c.txt", "C", None), ("d.txt", "A", None)],
        ["stored", "stored", "stored", "stored"],
        [[], [], ["revert"]],
    ),
    "forward again after a revert: a revert too (B was seen before)": (
        [("a.txt", "A", None), ("b.txt", "B", None), ("a2.txt", "A", None), ("b2.txt", "B", None)],
        ["stored", "stored", "stored", "stored"],
        [[], ["revert"], ["revert"]],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_repeated_bytes(engine: Engine, case: str) -> None:
    steps, statuses, flags = CASES[case]
    ingestor = Ingestor(engine, "s", clock=Clock(T0 + timedelta(days=1)))
    got = []
    for origin, label, hours in steps:
        when = None if hours is None else T0 + timedelta(hours=hours)
        got.append(ingestor.ingest_bytes(version(label), origin, captured_at=when).status)
    assert got == statuses
    with engine.connect() as conn:
        found, _ = recent_edits(conn, significance=None)
    assert [[f for f in e.flags if f == "revert"] for e in reversed(found)] == flags
    with engine.connect() as conn:
        snapshots = conn.execute(select(func.count()).select_from(snapshot_t)).scalar_one()
        seen = conn.execute(select(func.count()).select_from(observation_t)).scalar_one()
    assert snapshots == statuses.count("stored")
    assert seen == statuses.count("unchanged")


def test_a_revert_edit_shows_the_words_coming_back(engine: Engine) -> None:
    ingestor = Ingestor(engine, "s", clock=Clock())
    for origin, label in (("a.txt", "A"), ("b.txt", "B"), ("c.txt", "A")):
        ingestor.ingest_bytes(version(label), origin)
    with engine.connect() as conn:
        [revert, edit] = recent_edits(conn)[0]
    assert "revert" in revert.flags and "revert" not in edit.flags
    assert revert.before.origin == "b.txt" and revert.after.origin == "c.txt"
    removed = "".join(t for op, t in revert.changes["body"] if op == "-")
    added = "".join(t for op, t in revert.changes["body"] if op == "+")
    assert "four residents" in removed and "Explosions shook" in added
