"""The poller against a real HTTP server on 127.0.0.1, driven by a clock the test moves:
fetch → ingest → record, for a page that changes the way live pages do."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine, func, select

from storage import watches
from storage.queries import snapshot_t
from storage.reads import recent_edits
from tests.conftest import BASE_TIME
from tests.html_pages import cnn_page, error_page
from tests.live_site import LiveSite
from tracker.config import DaemonSettings
from tracker.daemon import Poller, fetch_settings
from tracker.fetch import Fetcher
from tracker.model import PostFields

JAN31 = "January 31, 2023 Russia-Ukraine news"
FEB1 = "February 1, 2023 Russia-Ukraine news"


def post(n: int, words: str = "", published: str = "") -> PostFields:
    texts = {
        1: (
            "Russian troops are turning Bakhmut into a total ruin, military chief says",
            "Two people were killed in the last few hours, including one underage boy, Kyrylenko says on Telegram.",
        ),
        2: (
            "UK says it is not practical to send fighter jets to Ukraine",
            "The UK said Tuesday it believes it is not practical to send its fighter jets to Ukraine.",
        ),
        3: (
            "Farewell ceremony held in Lviv for US volunteer",
            "A farewell ceremony for American volunteer Daniel Swift took place in Lviv on Tuesday.",
        ),
        4: (
            "France will send 12 additional Caesar howitzers to Ukraine",
            "France will send an additional 12 Caesar howitzers to Ukraine, the defense minister said.",
        ),
        5: (
            "Kyiv will host an EU-Ukraine summit on Friday",
            "A Ukraine-European Union summit will take place in Kyiv on Friday, the prime minister said.",
        ),
    }
    headline, body = texts[n]
    return PostFields(
        headline=headline,
        body=(words or body, f"A second paragraph of post {n} with more detail for readers."),
        published=published or f"{n}:00 a.m. ET, January 31, 2023",
        byline="From CNN's Staff",
    )


def uri(n: int) -> str:
    return f"cms.cnn.com/_components/live-story-post/instances/post-{n}"


def page(title: str, *posts: tuple[int, PostFields]) -> bytes:
    return cnn_page(title, [p for _, p in posts], [uri(n) for n, _ in posts])


class Clock:
    def __init__(self) -> None:
        self.now = BASE_TIME

    def __call__(self) -> object:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def site() -> Iterator[LiveSite]:
    with LiveSite() as live:
        yield live


SETTINGS = DaemonSettings(
    min_host_gap=0, retries=1, timeout=1.0, backoff=(120, 600), failing_after=2
)


@pytest.fixture
def poller(engine: Engine) -> Iterator[tuple[Poller, Clock]]:
    clock = Clock()
    fetcher = Fetcher(fetch_settings(SETTINGS), sleep=lambda _: None)
    p = Poller(engine, SETTINGS, fetcher=fetcher, owner="test", clock=clock, jitter=lambda: 0.0)  # type: ignore[arg-type]
    yield p, clock
    p.close()


def watch(
    engine: Engine, name: str, url: str, clock: Clock, every: float = 60, story: str = "cnn"
) -> None:
    with engine.begin() as conn:
        values = {
            "name": name,
            "url": url,
            "story": story,
            "parser": "cnn-live",
            "every_seconds": every,
            "selectors": None,
            "enabled": True,
            "origin": "cli",
        }
        watches.add(conn, values, clock.now)  # type: ignore[arg-type]


def poll_due(p: Poller) -> list[str]:
    """Poll everything due now, claiming until nothing is left (as a daemon's ticks do)."""
    outcomes = []
    while rows := p.claim(10):
        outcomes.extend(p.poll(row).outcome for row in rows)
    return outcomes


def edits(engine: Engine) -> list[tuple[str, list[str]]]:
    with engine.connect() as conn:
        found, _ = recent_edits(conn)
    return [(e.headline, sorted(e.kinds)) for e in reversed(found)]


def snapshots(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(snapshot_t)).scalar_one())


def state(engine: Engine, name: str):  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return watches.find(conn, name)


def test_a_live_page_over_its_life(
    engine: Engine, site: LiveSite, poller: tuple[Poller, Clock]
) -> None:
    p, clock = poller
    site.set("/jan31", page(JAN31, (2, post(2)), (1, post(1))))
    watch(engine, "jan31", site.url("/jan31"), clock)

    assert poll_due(p) == ["changed"]
    assert poll_due(p) == []  # not due again until its interval has passed

    clock.advance(61)  # unchanged: one conditional request, a 304, no parse, no snapshot
    assert poll_due(p) == ["unchanged"]
    assert site.requests("/jan31")[-1].conditional and site.requests("/jan31")[-1].status == 304
    assert snapshots(engine) == 1

    clock.advance(61)  # a new post on top, and post 1 reworded
    reworded = post(
        1, "Two people were killed Tuesday, including a child, Kyrylenko said on Telegram."
    )
    site.set("/jan31", page(JAN31, (3, post(3)), (2, post(2)), (1, reworded)))
    assert poll_due(p) == ["changed"]
    assert edits(engine) == [(post(1).headline, ["body"])]

    clock.advance(61)  # post 1 carried to the next day's page, re-timed
    carried = post(1, reworded.body[0], published="11:24 p.m. ET, January 31, 2023")
    site.set("/feb1", page(FEB1, (4, post(4)), (1, carried)))
    watch(engine, "feb1", site.url("/feb1"), clock)
    assert sorted(poll_due(p)) == ["changed", "unchanged"]
    assert edits(engine)[-1] == (post(1).headline, ["moved", "published"])

    clock.advance(61)  # the server fails: retried, then backed off, then marked failing
    site.set("/jan31", b"oops", status=500)
    assert sorted(poll_due(p)) == ["error", "unchanged"]
    failed = state(engine, "jan31")
    assert (failed.consecutive_failures, failed.failing, failed.last_status) == (1, False, 500)
    assert failed.next_due_at == clock.now + timedelta(seconds=120)
    assert len([h for h in site.requests("/jan31") if h.status == 500]) == 2  # one retry
    clock.advance(121)
    assert sorted(poll_due(p)) == ["error", "unchanged"]
    assert state(engine, "jan31").failing

    clock.advance(601)  # an error page served with 200: stored as suspect, no edits, no removals
    site.set("/jan31", error_page())
    before = edits(engine)
    assert "suspect" in poll_due(p)
    assert edits(engine) == before
    assert state(engine, "jan31").last_outcome == "suspect"

    clock.advance(61)  # the page comes back, with post 2 deleted from between visible posts
    site.set("/jan31", page(JAN31, (5, post(5)), (3, post(3)), (1, reworded)))
    assert "changed" in poll_due(p)
    recovered = state(engine, "jan31")
    assert (recovered.failing, recovered.consecutive_failures) == (False, 0)
    assert edits(engine)[len(before) :] == [(post(2).headline, ["removed"])]


def test_a_slow_page_times_out_and_counts_as_a_failure(
    engine: Engine, site: LiveSite, poller: tuple[Poller, Clock]
) -> None:
    p, clock = poller
    site.set("/slow", page(JAN31, (1, post(1))), delay=1.5)
    watch(engine, "slow", site.url("/slow"), clock)
    assert poll_due(p) == ["error"]
    assert "timed out" in state(engine, "slow").last_error
    assert snapshots(engine) == 0


def test_retry_after_from_a_429_is_honoured(engine: Engine, site: LiveSite) -> None:
    slept: list[float] = []
    clock = Clock()
    p = Poller(
        engine,
        SETTINGS,
        fetcher=Fetcher(fetch_settings(SETTINGS), sleep=slept.append),
        owner="t",
        clock=clock,
    )  # type: ignore[arg-type]
    site.set("/busy", b"slow down", status=429, retry_after="3")
    watch(engine, "busy", site.url("/busy"), clock)
    assert poll_due(p) == ["error"]
    assert slept == [3.0]
    p.close()


def test_a_lease_lost_to_another_daemon_writes_nothing(
    engine: Engine, site: LiveSite, poller: tuple[Poller, Clock]
) -> None:
    p, clock = poller
    site.set("/jan31", page(JAN31, (1, post(1))))
    watch(engine, "jan31", site.url("/jan31"), clock)
    [row] = p.claim(10)
    with engine.begin() as conn:  # the lease expired and another daemon took the source
        conn.execute(watches.watch_t.update().values(lease_owner="other"))
    assert p.poll(row).outcome == "lost"
    assert state(engine, "jan31").lease_owner == "other"


@pytest.mark.parametrize("etag", [True, False])
def test_an_unchanged_page_is_not_parsed(
    engine: Engine,
    site: LiveSite,
    poller: tuple[Poller, Clock],
    monkeypatch: pytest.MonkeyPatch,
    etag: bool,
) -> None:
    import tracker.ingest

    calls = []
    real_parse = tracker.ingest.parse

    def counting_parse(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real_parse(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tracker.ingest, "parse", counting_parse)
    p, clock = poller
    site.set("/jan31", page(JAN31, (1, post(1))), etag=etag)
    watch(engine, "jan31", site.url("/jan31"), clock)
    assert poll_due(p) == ["changed"]
    for _ in range(3):
        clock.advance(61)
        assert poll_due(p) == ["unchanged"]
    assert len(calls) == 1  # with ETags: 304s; without: the same bytes, seen before parsing
    assert len(site.requests("/jan31")) == 4 and snapshots(engine) == 1


def test_more_stories_than_pooled_connections(db_url: str, site: LiveSite) -> None:
    """Each story has its own ingestor; none may keep a connection between polls, or a daemon
    watching more stories than its pool holds would wait forever for one."""
    from storage.engine import open_engine

    engine = open_engine(db_url, pool_size=1)
    engine.pool._max_overflow = 1  # type: ignore[attr-defined]  # a pool of two connections
    engine.pool._timeout = 2  # type: ignore[attr-defined]  # fail fast rather than hang
    clock = Clock()
    fetcher = Fetcher(fetch_settings(SETTINGS), sleep=lambda _: None)
    p = Poller(engine, SETTINGS, fetcher=fetcher, owner="t", clock=clock, jitter=lambda: 0.0)  # type: ignore[arg-type]
    try:
        for n in range(1, 6):
            site.set(f"/s{n}", page(f"Story {n}", (n, post(n))))
            watch(engine, f"s{n}", site.url(f"/s{n}"), clock, story=f"story-{n}")
        assert poll_due(p) == ["changed"] * 5
        assert engine.pool.checkedout() == 0  # type: ignore[attr-defined]
    finally:
        p.close()
        engine.dispose()
