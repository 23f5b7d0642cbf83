"""`tracker run` as real processes against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from storage.engine import open_engine
from storage.queries import post_t, revision_t, snapshot_t
from storage.reads import recent_edits
from tests.conftest import wait_for_line
from tests.live_site import LiveSite
from tests.test_poller import JAN31, page, post
from tracker.cli import app


@pytest.fixture
def site() -> Iterator[LiveSite]:
    with LiveSite() as live:
        yield live


def config_file(
    tmp_path: Path, site: LiveSite, paths: list[str], every: str = "1s", **daemon: str
) -> Path:
    settings = {
        "tick": "0.2s",
        "lease": "10s",
        "grace": "2s",
        "min_host_gap": "0s",
        "timeout": "5s",
        **daemon,
    }
    lines = ["[daemon]"] + [
        f'{k} = "{v}"' if not v.isdigit() else f"{k} = {v}" for k, v in settings.items()
    ]
    for path in paths:
        name = path.strip("/")
        lines += [
            "",
            "[[sources]]",
            f'name = "{name}"',
            f'url = "{site.url(path)}"',
            'story = "cnn"',
            'parser = "cnn-live"',
            f'every = "{every}"',
        ]
    config = tmp_path / "config.toml"
    config.write_text("\n".join(lines) + "\n")
    return config


def start(config: Path, db_url: str, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TRACKER_DB": db_url, "TRACKER_CONFIG": str(config)}
    handle = log.open("wb")
    return subprocess.Popen(
        [sys.executable, "-m", "tracker", "run"], env=env, stdout=handle, stderr=handle
    )


def stop(proc: subprocess.Popen[bytes], timeout: float = 15) -> int:
    proc.send_signal(signal.SIGTERM)
    return proc.wait(timeout=timeout)


def events(log: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]


def count(db_url: str, table) -> int:  # type: ignore[no-untyped-def]
    engine = open_engine(db_url)
    with engine.connect() as conn:
        n = int(conn.execute(select(func.count()).select_from(table)).scalar_one())
    engine.dispose()
    return n


def test_the_daemon_records_exactly_the_edits_the_server_made(
    tmp_path: Path, site: LiveSite, db_url: str
) -> None:
    site.set("/jan31", page(JAN31, (2, post(2)), (1, post(1))))
    log = tmp_path / "daemon.log"
    proc = start(config_file(tmp_path, site, ["/jan31"]), db_url, log)
    try:
        site.wait_for_requests("/jan31", 2)  # the page, then a 304
        reworded = post(
            1, "Two people were killed Tuesday, including a child, Kyrylenko said on Telegram."
        )
        site.set("/jan31", page(JAN31, (2, post(2)), (1, reworded)))
        seen = len(site.requests("/jan31"))
        site.wait_for_requests("/jan31", seen + 2)
        site.set("/jan31", page(JAN31, (3, post(3)), (2, post(2)), (1, reworded)))
        seen = len(site.requests("/jan31"))
        site.wait_for_requests("/jan31", seen + 2)
    finally:
        assert stop(proc) == 0
    engine = open_engine(db_url)
    with engine.connect() as conn:
        found, _ = recent_edits(conn, significance=None)
    engine.dispose()
    assert [(e.headline, e.kinds) for e in found] == [(post(1).headline, ["body"])]
    assert count(db_url, snapshot_t) == 3  # one per version of the page: no duplicates
    statuses = {h.status for h in site.requests("/jan31")}
    assert statuses == {200, 304}
    logged = events(log)
    assert logged[0]["event"] == "daemon.started" and logged[-1]["event"] == "daemon.stopped"
    assert {e["outcome"] for e in logged if e["event"] == "poll"} == {"changed", "unchanged"}


def test_two_daemons_never_fetch_the_same_source_at_once(
    tmp_path: Path, site: LiveSite, db_url: str
) -> None:
    url = db_url
    paths = [f"/page{i}" for i in range(6)]
    for i, path in enumerate(paths):
        site.set(path, page(f"Page {i}", (1, post(1)), (2, post(2))), delay=0.3)
    config = config_file(tmp_path, site, paths)
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    daemons = [start(config, url, log) for log in logs]
    try:
        for log in logs:
            wait_for_line(log, '"daemon.started"')
        time.sleep(4.5)
    finally:
        codes = [stop(d) for d in daemons]
    assert codes == [0, 0]
    for path in paths:
        assert site.max_in_flight[path] == 1, path
        hits = sorted(site.requests(path), key=lambda h: h.start)
        assert len(hits) >= 3, path
        # Each due source is fetched once per interval: the next fetch starts an interval
        # (1 s, minus clock rounding) after the previous one finished.
        assert all(b.start - a.end >= 0.95 for a, b in itertools.pairwise(hits)), path
    assert count(url, snapshot_t) == len(paths)  # the pages never changed: one snapshot each
    polls = [[e for e in events(log) if e["event"] == "poll"] for log in logs]
    assert all(polls), "both daemons did some of the work"


def test_sigterm_abandons_a_slow_fetch_without_partial_writes(
    tmp_path: Path, site: LiveSite, db_url: str
) -> None:
    site.set("/slow", page(JAN31, (1, post(1))), delay=4)
    proc = start(config_file(tmp_path, site, ["/slow"], grace="0.5s"), db_url, tmp_path / "d.log")
    site.wait_for_in_flight("/slow")  # the daemon has started, and its fetch is under way
    time.sleep(0.2)
    began = time.monotonic()
    assert stop(proc) == 0
    assert time.monotonic() - began < 3  # did not wait for the 4 s response
    assert (count(db_url, snapshot_t), count(db_url, post_t), count(db_url, revision_t)) == (
        0,
        0,
        0,
    )


def test_run_once_polls_what_is_due_then_exits(tmp_path: Path, site: LiveSite, db_url: str) -> None:
    site.set("/jan31", page(JAN31, (1, post(1)), (2, post(2))))
    site.set("/feb1", page("February 1, 2023 Russia-Ukraine news", (3, post(3))))
    config = config_file(tmp_path, site, ["/jan31", "/feb1"], every="5m")
    runner = CliRunner()
    first = runner.invoke(app, ["run", "--once", "--config", str(config), "--db", db_url])
    assert first.exit_code == 0, first.output
    assert "polled 2 source(s): 2 changed" in first.stderr
    again = runner.invoke(app, ["run", "--once", "--config", str(config), "--db", db_url])
    assert "nothing due" in again.stderr
    status = runner.invoke(app, ["status", "--config", str(config), "--db", db_url])
    lines = status.stdout.strip().splitlines()
    assert len(lines) == 2
    assert all("[ok]" in line and "HTTP 200" in line and "changed" in line for line in lines)
    assert any("posts 2" in line for line in lines)


def test_sources_add_list_remove(tmp_path: Path, db_url: str) -> None:
    runner = CliRunner()
    empty = tmp_path / "empty.toml"
    empty.write_text("")
    base = ["--db", db_url, "--config", str(empty)]
    added = runner.invoke(
        app,
        [
            "sources",
            "add",
            "cnn-jan31",
            "https://www.cnn.com/live/index.html",
            "--story",
            "cnn-ukraine",
            "--parser",
            "cnn-live",
            "--every",
            "5m",
            *base,
        ],
    )
    assert added.exit_code == 0, added.output
    listed = runner.invoke(app, ["sources", "list", *base])
    assert (
        "cnn-jan31  https://www.cnn.com/live/index.html  story=cnn-ukraine parser=cnn-live every=5m from=cli"
        in listed.stdout
    )
    again = runner.invoke(app, ["sources", "add", "cnn-jan31", "https://example.org/", *base])
    assert again.exit_code == 1 and "exists already" in again.stderr
    assert runner.invoke(app, ["sources", "remove", "cnn-jan31", *base]).exit_code == 0
    assert runner.invoke(app, ["sources", "list", *base]).stdout == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ftp://x/y"], "must start with http:// or https://"),
        (["https://x/", "--every", "soon"], "option --every must be a duration"),
        (["https://x/", "--parser", "magic"], "option --parser: 'magic' is not one of"),
        (["https://x/", "--parser", "selectors"], "needs at least post=… and headline=…"),
        (["https://x/", "--parser", "selectors", "--selector", "nope=div"], "option --selector"),
    ],
)
def test_bad_source_options_are_named(
    tmp_path: Path, db_url: str, args: list[str], message: str
) -> None:
    result = CliRunner().invoke(app, ["sources", "add", "s", *args, "--db", db_url])
    assert result.exit_code == 1 and message in result.stderr


def test_a_config_source_cannot_be_removed_from_the_cli(tmp_path: Path, db_url: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[[sources]]\nname = "live"\nurl = "https://example.org/live"\n')
    result = CliRunner().invoke(
        app, ["sources", "remove", "live", "--db", db_url, "--config", str(config)]
    )
    assert result.exit_code == 1 and "defined in config.toml" in result.stderr


def test_run_without_sources_says_how_to_add_one(tmp_path: Path, db_url: str) -> None:
    empty = tmp_path / "empty.toml"
    empty.write_text("")
    result = CliRunner().invoke(app, ["run", "--once", "--db", db_url, "--config", str(empty)])
    assert result.exit_code == 1 and "tracker sources add" in result.stderr


def test_run_once_polls_each_due_source_once_even_when_slower_than_their_interval(
    tmp_path: Path, site: LiveSite, db_url: str
) -> None:
    paths = ["/a", "/b", "/c"]
    for i, path in enumerate(paths):
        site.set(path, page(f"Page {i}", (1, post(1))), delay=0.5)  # one host: 1.5 s in all
    config = config_file(tmp_path, site, paths, every="1s")
    result = CliRunner().invoke(app, ["run", "--once", "--config", str(config), "--db", db_url])
    assert "polled 3 source(s)" in result.stderr
    assert [len(site.requests(p)) for p in paths] == [1, 1, 1]
