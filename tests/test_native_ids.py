"""Native post ids are page-scoped on real sites: polled over HTTP from a real server on
127.0.0.1, a post carried to the next day's page under a new id is still the same post."""

from __future__ import annotations

from sqlalchemy import Engine, func, select, text

from storage.queries import post_t
from storage.reads import recent_edits
from tests.conftest import SEEDS
from tests.html_pages import cnn_page
from tests.live_site import LiveSite
from tests.test_poller import FEB1, JAN31, Clock, poll_due, poller, site, watch
from tracker.capture import parse_capture
from tracker.daemon import Poller
from tracker.model import PostFields

__all__ = ["poller", "site"]  # fixtures

BAKHMUT = 'Russian troops are turning Bakhmut into "a total ruin," Ukrainian regional military'


def seed_posts(name: str) -> list[PostFields]:
    path = next(SEEDS.glob(f"{name}_*.txt"))
    return [p.fields for p in parse_capture(path.read_bytes(), path.name).posts]


def day_page(title: str, posts: list[PostFields], scope: str) -> bytes:
    """A day page whose ids are its own: the same post has another id on another page."""
    return cnn_page(title, posts, [f"{scope}/post-{n}" for n in range(len(posts))])


def post_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(post_t)).scalar_one())


def test_carried_over_posts_keep_their_identity_under_new_page_ids(
    engine: Engine, site: LiveSite, poller: tuple[Poller, Clock]
) -> None:
    p, clock = poller
    site.set("/jan31", day_page(JAN31, seed_posts("001"), "jan31"))
    watch(engine, "jan31", site.url("/jan31"), clock)
    assert poll_due(p) == ["changed"]
    clock.advance(61)
    site.set("/feb1", day_page(FEB1, seed_posts("002"), "feb1"))
    watch(engine, "feb1", site.url("/feb1"), clock)
    assert sorted(poll_due(p)) == ["changed", "unchanged"]

    assert post_count(engine) == 13  # 9 + 6, two of them carried over
    with engine.connect() as conn:
        found, _ = recent_edits(conn, significance=None)
    assert not [e for e in found if "removed" in e.kinds]
    [bakhmut] = [e for e in found if e.headline.startswith(BAKHMUT)]
    assert bakhmut.changes["moved"] == {"from": "jan31", "to": "feb1"}  # the watched pages
    assert bakhmut.changes["published"] == {
        "from": "11:44 a.m. ET, January 31, 2023",
        "to": "11:24 p.m. ET, January 31, 2023",
    }
    body = [tuple(s) for s in bakhmut.changes["body"]]
    for old, new in [("in the last few hours", "Tuesday"), ("one underage boy", "a child")]:
        assert body[body.index(("-", old)) + 1] == ("+", new)
    with engine.connect() as conn:  # the carried post is known under both of its ids
        ids = conn.execute(
            text("SELECT native_id FROM nativeid WHERE post_id = :p ORDER BY native_id"),
            {"p": bakhmut.post_id},
        ).scalars()
        assert [i.split("/")[0] for i in ids] == ["feb1", "jan31"]


def test_a_page_that_changes_its_id_scheme_keeps_its_posts(
    engine: Engine, site: LiveSite, poller: tuple[Poller, Clock]
) -> None:
    p, clock = poller
    posts = seed_posts("001")
    site.set("/jan31", day_page(JAN31, posts, "old-cms"))
    watch(engine, "jan31", site.url("/jan31"), clock)
    poll_due(p)
    clock.advance(61)
    site.set("/jan31", day_page(JAN31, posts, "new-cms"))
    assert poll_due(p) == ["changed"]
    assert post_count(engine) == len(posts)
    with engine.connect() as conn:
        assert recent_edits(conn, significance=None)[0] == []


def test_two_ids_on_one_page_are_two_posts_even_with_the_same_text(
    engine: Engine, site: LiveSite, poller: tuple[Poller, Clock]
) -> None:
    p, clock = poller
    posts = seed_posts("001")
    site.set("/jan31", cnn_page(JAN31, posts[1:], [f"id-{n}" for n in range(1, len(posts))]))
    watch(engine, "jan31", site.url("/jan31"), clock)
    poll_due(p)
    clock.advance(61)  # a new post on top whose text repeats a post further down, new id
    site.set("/jan31", cnn_page(JAN31, [posts[3], *posts[1:]], [f"id-{n}" for n in range(9)]))
    assert poll_due(p) == ["changed"]
    assert post_count(engine) == len(posts)


def test_a_pinned_copy_is_one_post_seen_twice(
    engine: Engine, site: LiveSite, poller: tuple[Poller, Clock]
) -> None:
    p, clock = poller
    posts = seed_posts("001")
    ids = [f"id-{n}" for n in range(len(posts))]
    site.set("/jan31", cnn_page(JAN31, [posts[4], *posts], [ids[4], *ids]))
    watch(engine, "jan31", site.url("/jan31"), clock)
    poll_due(p)
    assert post_count(engine) == len(posts)
    with engine.connect() as conn:
        positions = conn.execute(
            text(
                "SELECT position FROM sighting WHERE post_id = ("
                "SELECT post_id FROM sighting WHERE position = 0) ORDER BY position"
            )
        ).scalars()
        assert list(positions) == [0, 5]
