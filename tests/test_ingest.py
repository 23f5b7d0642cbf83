"""Ingest end to end on a real SQLite file: the seeds, lineage, removals, suspects, re-ingest."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text

from storage import terms
from storage.index import DbIndex
from storage.queries import (
    edit_t,
    insert_returning_ids,
    post_t,
    revision_t,
    sighting_t,
    snapshot_t,
)
from storage.reads import recent_edits
from tests.conftest import SEED_FILES, Clock
from tracker.capture import format_capture
from tracker.errors import CaptureError
from tracker.ingest import Ingestor
from tracker.model import PostFields

BAKHMUT = (
    'Russian troops are turning Bakhmut into "a total ruin," Ukrainian regional military chief says'
)
# Posts whose 003 copy differs from their 001 copy only in quote style and spaces.
QUOTE_STYLE_ONLY = [
    "US likely to announce another Ukrainian security assistance package soon",
    'UK says it\'s "not practical" to send fighter jets to Ukraine',
    'Russia sent more than 9,000 "illegally mobilized" citizens back home',
    "It's mid-afternoon in Kyiv. Here's what you need to know.",
    "Russian airborne units have joined Wagner fighters in Bakhmut",
]


def edits(engine: Engine) -> list[Any]:
    with engine.connect() as conn:
        found, _ = recent_edits(conn)
    return found


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (snapshot_t, post_t, revision_t, sighting_t, edit_t)
        }


def test_the_bakhmut_edit_is_reported_word_by_word(seeded: Engine) -> None:
    [edit] = [
        e for e in edits(seeded) if e.headline == BAKHMUT and e.after.origin.startswith("002")
    ]
    assert edit.before.source == "January 31, 2023 Russia-Ukraine news"
    assert edit.after.source == "February 1, 2023 Russia-Ukraine news"
    assert edit.changes["moved"] == {"from": edit.before.source, "to": edit.after.source}
    assert edit.changes["published"] == {
        "from": "11:44 a.m. ET, January 31, 2023",
        "to": "11:24 p.m. ET, January 31, 2023",
    }
    body = [tuple(s) for s in edit.changes["body"]]
    for old, new in [
        ("in the last few hours", "Tuesday"),
        ("one underage boy", "a child"),
        ("says", "said"),
    ]:
        i = body.index(("-", old))
        assert body[i + 1] == ("+", new)
    assert edit.significance == "substantive"
    assert {"body", "published", "moved"} <= set(edit.kinds)


def test_quote_style_only_differences_make_no_edit(seeded: Engine) -> None:
    from_003 = [e for e in edits(seeded) if e.after.origin.startswith("003")]
    for headline in QUOTE_STYLE_ONLY:
        assert not [
            e for e in from_003 if e.headline.replace("\u00a0", " ").startswith(headline)
        ], headline


def test_seeds_report_no_removals_and_no_false_reverts(seeded: Engine) -> None:
    found = edits(seeded)
    assert not [e for e in found if "removed" in e.kinds]
    # 003 is a later capture of the January 31 page: its Bakhmut post still says "underage boy",
    # and is compared with 001 (its own page), not with the February 1 copy.
    [later] = [e for e in found if e.headline == BAKHMUT and e.after.origin.startswith("003")]
    assert later.before.origin.startswith("001")
    assert "moved" not in later.kinds
    assert not any("Tuesday" in text for _, text in later.changes["body"])


def test_every_seed_post_identity(seeded: Engine) -> None:
    # The same headline on any page of the story is one post; 35 distinct posts in all, and the
    # F-16 post renamed in 003 is the same post as in 002.
    with seeded.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT s.post_id, r.headline FROM sighting s JOIN revision r ON r.id = s.revision_id"
            )
        ).all()
    by_headline: dict[str, set[int]] = {}
    for post_id, headline in rows:
        by_headline.setdefault(" ".join(headline.split()), set()).add(post_id)
    assert all(len(ids) == 1 for ids in by_headline.values())
    posts = {pid for ids in by_headline.values() for pid in ids}
    assert len(posts) == 35
    renamed = by_headline[
        "Ukrainians appear undeterred by reluctance from allies to send fighter jets"
    ]
    original = by_headline[
        "After getting tanks, Ukraine escalates public pressure over F-16 fighter jets"
    ]
    assert renamed == original


def test_reingesting_a_capture_changes_nothing(
    seeded: Engine, make_ingestor: Callable[..., Ingestor]
) -> None:
    before = counts(seeded)
    ingestor = make_ingestor()
    for path in SEED_FILES:
        result = ingestor.ingest_bytes(path.read_bytes(), path.name)
        assert result.status == "duplicate"
    assert counts(seeded) == before


def test_raw_capture_is_kept(seeded: Engine) -> None:
    with seeded.connect() as conn:
        raw = conn.execute(
            select(snapshot_t.c.raw).where(snapshot_t.c.origin == SEED_FILES[0].name)
        ).scalar_one()
    assert raw == SEED_FILES[0].read_bytes()


# Ten unrelated posts, written out in full so that no two share a template.
POSTS = [
    (
        "Missile strike hits Kramatorsk apartment block",
        "Rescue crews searched the rubble of a five-storey building overnight.",
        "Regional officials said two residents were taken to hospital.",
    ),
    (
        "Kherson shelled again as residents shelter underground",
        "Explosions shook the central district shortly after midnight.",
        "The civil-military administration urged people to stay indoors.",
    ),
    (
        "EU leaders debate accession timetable in Brussels",
        "Diplomats described the talks as long and occasionally tense.",
        "No date for formal negotiations was agreed.",
    ),
    (
        "Austria expels four Russian diplomats",
        "The foreign ministry gave them a week to leave the country.",
        "Moscow called the decision unfriendly and promised a response.",
    ),
    (
        "France pledges twelve more Caesar howitzers",
        "The defense minister announced the delivery at a Paris news conference.",
        "Denmark has also committed to sending nineteen of the guns.",
    ),
    (
        "NATO and Japan agree on closer security ties",
        "The alliance chief met the prime minister at his Tokyo residence.",
        "Both sides warned about coercion in the Indo-Pacific region.",
    ),
    (
        "Farewell ceremony held in Lviv for American volunteer",
        "The mayor said the former Navy SEAL was taking his last path home.",
        "Mourners laid flowers at the garrison church.",
    ),
    (
        "Belarus hosts another week of joint military drills",
        "Troops are training at the Ruzhansky grounds north of the border.",
        "Western officials doubt an offensive from that direction.",
    ),
    (
        "Prosecutor says 9,000 wrongly mobilized men sent home",
        "The figure was presented to the president at a televised meeting.",
        "Supply problems with winter uniforms were said to be resolved.",
    ),
    (
        "White House expects new security assistance soon",
        "A spokesperson told reporters aboard Air Force One to expect an announcement.",
        "Fighter jets are not part of the package, she said.",
    ),
]


def post(n: int, body: str = "", published: str | None = None) -> PostFields:
    headline, first, second = POSTS[n % len(POSTS)]
    return PostFields(
        headline=headline,
        body=(body or first, second),
        published=published or f"{n}:00 a.m. ET, January 31, 2023",
        byline="From CNN staff",
    )


def capture_bytes(*posts: PostFields, title: str = "Page one", layout: str = "A") -> bytes:
    return format_capture(title, posts, layout).encode()


def test_a_post_gone_from_between_visible_posts_is_removed(
    engine: Engine, make_ingestor: Callable[..., Ingestor]
) -> None:
    ingestor = make_ingestor()
    ingestor.ingest_bytes(capture_bytes(post(5), post(4), post(3), post(2)), "a.txt")
    result = ingestor.ingest_bytes(capture_bytes(post(6), post(5), post(3), post(2)), "b.txt")
    assert result.removals == 1
    [removal] = [e for e in edits(engine) if "removed" in e.kinds]
    assert removal.headline == post(4).headline and removal.significance == "substantive"


def test_a_post_that_slid_off_the_window_is_not_removed(
    engine: Engine, make_ingestor: Callable[..., Ingestor]
) -> None:
    ingestor = make_ingestor()
    ingestor.ingest_bytes(capture_bytes(post(5), post(4), post(3), post(2)), "a.txt")
    result = ingestor.ingest_bytes(capture_bytes(post(7), post(6), post(5), post(4)), "b.txt")
    assert result.removals == 0 and result.edits == 0


def test_a_collapsed_capture_is_stored_flagged_and_removes_nothing(
    engine: Engine, make_ingestor: Callable[..., Ingestor]
) -> None:
    ingestor = make_ingestor()
    ingestor.ingest_bytes(capture_bytes(*(post(n) for n in range(9, 0, -1))), "full.txt")
    result = ingestor.ingest_bytes(capture_bytes(post(9), post(1)), "error-page.txt")
    assert result.status == "suspect" and "collapsed" in (result.reason or "")
    assert not edits(engine)
    # The next good capture is compared with the last good one, not the suspect one.
    again = format_capture("Page one", [post(n) for n in range(9, 0, -1)], declared=12).encode()
    result = ingestor.ingest_bytes(again, "full-again.txt")
    assert result.status == "stored" and result.edits == 0 and result.removals == 0


def test_edits_on_the_same_page_are_found(
    engine: Engine, make_ingestor: Callable[..., Ingestor]
) -> None:
    ingestor = make_ingestor()
    ingestor.ingest_bytes(capture_bytes(post(2), post(1)), "a.txt")
    edited = PostFields(
        post(1).headline,
        ("The alliance chief and the prime minister met twice on Tuesday.", post(1).body[1]),
        published=post(1).published,
        byline=post(1).byline,
    )
    result = ingestor.ingest_bytes(capture_bytes(post(2), edited), "b.txt")
    assert result.edits == 1 and result.new_posts == 0
    [edit] = edits(engine)
    assert edit.kinds == ["body"] and edit.before.origin == "a.txt" and edit.after.origin == "b.txt"


def test_another_process_writing_in_between_is_seen(engine: Engine) -> None:
    first = Ingestor(engine, "s", clock=Clock(datetime(2023, 2, 1, tzinfo=UTC)))
    second = Ingestor(engine, "s", clock=Clock(datetime(2023, 2, 2, tzinfo=UTC)))
    first.ingest_bytes(capture_bytes(post(2), post(1)), "a.txt")
    second.ingest_bytes(capture_bytes(post(3), post(2), post(1)), "b.txt")
    # `first` has cached the page as it was after a.txt; it must notice b.txt.
    first.clock = Clock(datetime(2023, 2, 3, tzinfo=UTC))
    edited = PostFields(
        post(3).headline,
        ("The ministry gave the four diplomats until Friday to leave.", post(3).body[1]),
        published=post(3).published,
        byline=post(3).byline,
    )
    result = first.ingest_bytes(capture_bytes(edited, post(2), post(1)), "c.txt")
    assert result.new_posts == 0 and result.edits == 1


def test_captures_out_of_time_order_are_refused(
    engine: Engine, make_ingestor: Callable[..., Ingestor]
) -> None:
    ingestor = make_ingestor()
    ingestor.ingest_bytes(
        capture_bytes(post(1)), "new.txt", captured_at=datetime(2023, 2, 1, tzinfo=UTC)
    )
    before = counts(engine)
    with pytest.raises(CaptureError, match="ingest captures in time order"):
        ingestor.ingest_bytes(
            capture_bytes(post(2), post(1)), "old.txt", captured_at=datetime(2023, 1, 1, tzinfo=UTC)
        )
    assert counts(engine) == before


def test_a_failed_transaction_leaves_nothing(
    engine: Engine, make_ingestor: Callable[..., Ingestor], monkeypatch: pytest.MonkeyPatch
) -> None:
    ingestor = make_ingestor()
    ingestor.ingest_bytes(capture_bytes(post(1)), "a.txt")
    before = counts(engine)

    def crash(*_: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("storage.queries.upsert_heads", crash)
    with pytest.raises(RuntimeError):
        ingestor.ingest_bytes(capture_bytes(post(2), post(1)), "b.txt")
    assert counts(engine) == before
    monkeypatch.undo()
    assert ingestor.ingest_bytes(capture_bytes(post(2), post(1)), "b.txt").new_posts == 1


def _story_edits(engine: Engine, story: str) -> list[tuple[str, list[str], str, str]]:
    with engine.connect() as conn:
        found, _ = recent_edits(conn, story=story)
    return [(e.headline, sorted(e.kinds), e.before.origin, e.after.origin) for e in found]


def test_a_long_running_ingestor_keeps_no_history_and_finds_the_same(
    engine: Engine,
) -> None:
    """The daemon's ingestor reads the history from the database in each snapshot's
    transaction (its memory stays level) and returns its connection; a batch ingest into an
    empty story keeps the story in memory. Both record exactly the same."""
    batch = Ingestor(engine, "batch", clock=Clock())
    daemon = Ingestor(engine, "daemon", clock=Clock(), long_running=True)
    for n in range(1, 9):  # a page of three posts, the newest on top; every third one reworded
        shown = [post(k) for k in range(n + 2, n - 1, -1)]
        if n % 3 == 0:
            shown[1] = post(n + 1, body=f"Reworded lead number {n} of this post, as edits go.")
        pages = [("Page one", shown), ("Page two", shown[1:])]  # two carried to a second page
        for title, posts in pages:
            data = capture_bytes(*posts, title=title)
            origin = f"{title}-{n}.txt"
            a, b = batch.ingest_bytes(data, origin), daemon.ingest_bytes(data, origin)
            assert (a.status, a.posts, a.new_posts, a.edits, a.removals) == (
                b.status,
                b.posts,
                b.new_posts,
                b.edits,
                b.removals,
            ), origin
            assert engine.pool.checkedout() == 1  # type: ignore[attr-defined]  # the batch one's
        assert daemon._memory is None
    assert batch._memory is not None and len(batch._memory.heads_of) == 10  # every post
    assert _story_edits(engine, "daemon") == _story_edits(engine, "batch") != []


def test_memory_stays_within_its_bounds(engine: Engine) -> None:
    ingestor = Ingestor(engine, "bounded", clock=Clock(), max_memory_entries=40)
    ingestor.planner.profiles.size = 4
    for n in range(1, 10):  # each capture rewords a post and adds one
        edited = PostFields(
            post(1).headline,
            (f"Reworded lead number {n} of the first post.", post(1).body[1]),
            published=post(1).published,
            byline=post(1).byline,
        )
        ingestor.ingest_bytes(
            capture_bytes(*(post(k) for k in range(n + 1, 1, -1)), edited), f"{n}.txt"
        )
        assert len(ingestor.planner.profiles) <= 4
        assert ingestor._memory is None or ingestor._memory.entries() <= 40
    assert ingestor._memory is None  # past its bound: the database serves
    # Dropping the in-memory index changes no result: the capture is still matched, not new.
    assert ingestor.ingest_bytes(capture_bytes(post(10), post(9)), "again.txt").new_posts == 0


@pytest.mark.parametrize(("limit", "fold_every"), [(1, 64), (2, 2), (200, 3)])
def test_the_database_index_answers_as_the_memory_one(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, limit: int, fold_every: int
) -> None:
    """What a batch ingest keeps in memory and what the daemon reads from the database are
    one history: asked about every fingerprint of the seed story at once, both give each
    fingerprint's newest ``limit`` posts (not ``limit`` rows in all); and the term counts
    agree whether the snapshots' deltas were folded into the term table or not."""
    monkeypatch.setattr(terms, "FOLD_EVERY", fold_every)
    batch = Ingestor(engine, "seeds", clock=Clock())
    for path in SEED_FILES:
        batch.ingest_bytes(path.read_bytes(), path.name)
    memory = batch._memory
    assert memory is not None
    fps = sorted(memory.fingerprint_posts)
    assert len(fps) > 200  # more than any one limit
    with engine.connect() as conn:
        story_id = conn.execute(text("SELECT id FROM story WHERE name = 'seeds'")).scalar_one()
        stored = DbIndex(conn, story_id)
        assert stored.posts_by_fingerprint(fps, limit) == memory.posts_by_fingerprint(fps, limit)
        words = sorted(memory.df)
        assert stored.term_stats(words) == memory.term_stats(words)
        pages = sorted(memory.pages)  # the seeds' pages: each has another captured before
        previous = [memory.previous_page(s) for s in pages]
        assert len(pages) > 1 and None not in previous
        assert [stored.previous_page(s) for s in pages] == previous
        # what each page showed when each other page opened (the seeds' Feb 1 page opens
        # after two captures of Jan 31's), and the story's page names
        openings = {(o, s): memory.windows_at_opening(o, s) for o in pages for s in pages if o != s}
        assert any(openings.values())
        assert {(o, s): stored.windows_at_opening(o, s) for o, s in openings} == openings
        assert stored.page_names() == memory.page_names()
        pending = conn.execute(text("SELECT count(*) FROM termdelta")).scalar_one()
        folded = conn.execute(text("SELECT count(*) FROM term")).scalar_one()
        assert pending < fold_every
        assert (folded > 0) == (fold_every <= len(SEED_FILES))
        for kind, hashes in (("fields", memory.by_fields), ("content", memory.by_content)):
            assert stored.posts_by_hash(kind, sorted(hashes)) == memory.posts_by_hash(
                kind, sorted(hashes)
            )


def test_a_batch_insert_returns_each_rows_own_id(seeded: Engine) -> None:
    """The writer learns new rows' ids from the batch insert (on SQLite, from the last id
    and the count): each id is the row's own, in the order given, also after the highest
    row was deleted."""
    with seeded.connect() as conn, conn.begin():
        story, snapshot = conn.execute(
            select(post_t.c.story_id, post_t.c.first_snapshot_id)
        ).first()
        for batch in ("a", "b"):
            rows = [
                {"story_id": story, "native_id": f"{batch}{i}", "first_snapshot_id": snapshot}
                for i in range(5)
            ]
            ids = insert_returning_ids(conn, post_t, rows)
            stored = dict(conn.execute(select(post_t.c.id, post_t.c.native_id)).all())
            assert [stored[i] for i in ids] == [r["native_id"] for r in rows]
            conn.execute(post_t.delete().where(post_t.c.id == max(ids)))
