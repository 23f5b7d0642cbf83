"""Three `tracker run` daemons on one database share sources and deliveries; when one is
killed, its work moves to the others within one lease period."""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from storage.engine import open_engine
from storage.queries import delivery_t, edit_t
from tests.conftest import wait_for_line
from tests.live_site import LiveSite
from tests.receiver import SECRET, Receiver
from tests.test_poller import page, post

ENV = "TRACKER_TEST_WEBHOOK_SECRET"
LEASE = 2.0


def live_page(i: int, when: str) -> bytes:
    """Page i with two posts of its own (native ids, headlines and text unique to the page)."""
    place = DISTRICTS[i]
    first = replace(
        post(1, f"Two people were killed {when} in {place}, the regional head said."),
        headline=f"Shelling in {place} kills two",
        body=(
            f"Two people were killed {when} in {place}, the regional head said.",
            f"Rescuers in {place} searched the rubble of the hit building for hours.",
        ),
        published=f"{i + 1}:10 a.m. ET, January 31, 2023",
    )
    second = replace(
        post(2, f"The council of {place} met on Monday to discuss the shelters."),
        headline=f"{place} council debates new shelters",
        body=(
            f"The council of {place} met on Monday to discuss the shelters.",
            f"Residents of {place} asked for heating in the basements used at night.",
        ),
        published=f"{i + 1}:05 a.m. ET, January 31, 2023",
    )
    return page(f"Live page {i}", (100 + 2 * i, first), (101 + 2 * i, second))


DISTRICTS = [
    "Bakhmut",
    "Kramatorsk",
    "Kherson",
    "Zaporizhzhia",
    "Sloviansk",
    "Avdiivka",
    "Vuhledar",
    "Kupiansk",
    "Pokrovsk",
]


def test_three_daemons_share_the_work_and_take_over_from_a_dead_one(
    tmp_path: Path, db_url: str
) -> None:
    receiver = Receiver().start()
    paths = [f"/live{i}" for i in range(9)]
    with LiveSite() as site:
        for i, path in enumerate(paths):
            site.set(path, live_page(i, "in the last few hours"), delay=0.05)
        lines = [
            "[daemon]",
            'tick = "0.2s"',
            f'lease = "{LEASE:g}s"',
            'grace = "1s"',
            'min_host_gap = "0s"',
        ]
        for path in paths:
            lines += [
                "",
                "[[sources]]",
                f'name = "{path.strip("/")}"',
                f'url = "{site.url(path)}"',
                'story = "live"',
                'parser = "cnn-live"',
                'every = "1s"',
            ]
        lines += [
            "",
            "[[webhooks]]",
            'name = "newsroom"',
            f'url = "{receiver.url}"',
            f'secret_env = "{ENV}"',
        ]
        config = tmp_path / "config.toml"
        config.write_text("\n".join(lines) + "\n")
        env = {**os.environ, ENV: SECRET, "TRACKER_DB": db_url, "TRACKER_CONFIG": str(config)}
        logs = [tmp_path / f"daemon{i}.log" for i in range(3)]
        daemons = [
            subprocess.Popen(
                [sys.executable, "-m", "tracker", "run"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=log.open("wb"),
            )
            for log in logs
        ]
        try:
            for log in logs:
                wait_for_line(log, '"daemon.started"')
            time.sleep(2)
            for i, path in enumerate(paths):  # every page gets an edit: one event each
                site.set(path, live_page(i, "on Tuesday"), delay=0.05)
            time.sleep(1.5)
            daemons[0].send_signal(signal.SIGKILL)
            killed_at = time.monotonic()
            daemons[0].wait()
            time.sleep(LEASE + 5)
        finally:
            for d in daemons[1:]:
                d.send_signal(signal.SIGTERM)
            codes = [d.wait(timeout=20) for d in daemons[1:]]
        assert codes == [0, 0]
        for path in paths:
            hits = sorted(site.requests(path), key=lambda h: h.start)
            assert site.max_in_flight[path] == 1, path  # never two fetches of one page at once
            assert all(b.start - a.end >= 0.95 for a, b in itertools.pairwise(hits)), path
            assert any(h.start > killed_at + LEASE + 1 for h in hits), path  # polled after the kill
    receiver.stop()
    polled = [
        {
            json.loads(x)["source"]
            for x in log.read_text().splitlines()
            if x.startswith("{") and json.loads(x)["event"] == "poll"
        }
        for log in logs
    ]
    assert all(polled), "each daemon took part"
    engine = open_engine(db_url)
    with engine.connect() as conn:
        edits = {int(i) for (i,) in conn.execute(select(edit_t.c.id))}
        statuses = {s for (s,) in conn.execute(select(delivery_t.c.status))}
    engine.dispose()
    assert len(edits) == len(paths) and statuses == {"delivered"}
    assert {e["data"]["edit"] for e in receiver.events.values()} == edits  # each event arrived
    duplicates = sum(receiver.seen.values()) - len(receiver.seen)
    assert duplicates <= 1  # at most the one the killed daemon had sent but not marked


@pytest.fixture(autouse=True)
def _secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, SECRET)
