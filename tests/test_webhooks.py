"""Webhook alerts: the outbox, Standard Webhooks signatures, retries, against a real receiver
on 127.0.0.1 that verifies signatures with the standardwebhooks package."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from storage import outbox
from storage.queries import delivery_t, edit_t
from tests.conftest import SEED_FILES, Clock, wait_for_line
from tests.receiver import OTHER_SECRET, SECRET, Receiver
from tracker.alerts import outbox_hooks
from tracker.cli import app
from tracker.config import WebhookConfig
from tracker.events import MAX_BYTES, deliveries, edit_event, encode
from tracker.ingest import Ingestor
from tracker.webhooks import Dispatcher

ENV = "TRACKER_TEST_WEBHOOK_SECRET"


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver().start()
    yield r
    r.stop()


@pytest.fixture(autouse=True)
def secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, SECRET)


def hook(url: str, **options: object) -> WebhookConfig:
    return WebhookConfig(name="newsroom", url=url, secret_env=ENV, **options)  # type: ignore[arg-type]


def ingest_seeds(engine: Engine, hooks: list[WebhookConfig]) -> None:
    with Ingestor(engine, "cnn-ukraine", clock=Clock(), hooks=outbox_hooks(hooks)) as ingestor:
        for path in SEED_FILES:
            ingestor.ingest_bytes(path.read_bytes(), path.name)


class MovingClock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


def pending(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(
            conn.execute(
                select(func.count()).select_from(delivery_t).where(delivery_t.c.status == "pending")
            ).scalar_one()
        )


def test_the_seed_run_alerts_the_bakhmut_edit_with_its_word_diff(
    engine: Engine, receiver: Receiver
) -> None:
    ingest_seeds(engine, [hook(receiver.url)])
    stats = Dispatcher(engine, [hook(receiver.url)], "test").deliver_all()
    with engine.connect() as conn:
        edits = conn.execute(select(func.count()).select_from(edit_t)).scalar_one()
    assert stats.delivered == edits == len(receiver.events) and receiver.invalid == 0
    [bakhmut] = [
        e
        for e in receiver.of_type("post.edited")
        if "Bakhmut into" in e["data"]["headline"] and e["data"]["moved"]
    ]
    data = bakhmut["data"]
    assert bakhmut["version"] == 1 and bakhmut["id"].startswith("msg_")
    assert data["moved"] == {
        "from": "January 31, 2023 Russia-Ukraine news",
        "to": "February 1, 2023 Russia-Ukraine news",
    }
    assert data["time"] == {
        "from": "11:44 a.m. ET, January 31, 2023",
        "to": "11:24 p.m. ET, January 31, 2023",
    }
    assert ["-", "one underage boy"] in data["changes"]["body"] and ["+", "a child"] in data[
        "changes"
    ]["body"]
    assert '"one underage boy" → "a child"' in data["summary"]
    assert data["significance"] == "substantive" and data["truncated"] is False


SCHEMA = json.loads((Path(__file__).parents[1] / "docs" / "events.schema.json").read_text())


def test_every_event_follows_the_documented_schema(engine: Engine, receiver: Receiver) -> None:
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
    ingest_seeds(engine, [hook(receiver.url)])
    Dispatcher(engine, [hook(receiver.url)], "test").deliver_all()
    from tracker.events import source_event, test_event

    now = datetime.now(UTC)
    samples = [
        *receiver.events.values(),
        json.loads(test_event("newsroom", now).body),
        json.loads(
            source_event(
                "source.failing",
                name="s",
                url="https://x/",
                story="s",
                error="HTTP 500",
                failures=3,
                when=now,
            ).body
        ),
    ]
    assert {e["type"] for e in samples} >= {"post.edited", "source.failing"}
    for event in samples:
        validator.validate(event)
    broken = dict(samples[0], data={**samples[0]["data"], "significance": "huge"})
    assert list(validator.iter_errors(broken))


def test_a_receiver_down_then_up_gets_each_event_once_with_the_same_id(engine: Engine) -> None:
    down = Receiver(fail_first=2)  # 503, 503, then 200
    clock = MovingClock()
    hooks = [hook(down.url)]
    ingest_seeds(engine, hooks)
    dispatcher = Dispatcher(engine, hooks, "test", clock=clock, jitter=lambda: 0.5, batch=1)
    assert dispatcher.deliver_all().delivered == 0  # nothing listens yet: connection refused
    down.start()
    try:
        for _ in range(6):  # move past each backoff
            clock.now += timedelta(minutes=5)
            dispatcher.deliver_all()
        assert pending(engine) == 0
        refused = down.arrivals[:2]  # answered 503: retried later under the same webhook-id
        assert all(
            down.arrivals.count(msg_id) == 2 and down.seen[msg_id] == 1 for msg_id in refused
        )
        assert all(n == 1 for n in down.seen.values())
        with engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(delivery_t)).scalar_one()
        assert len(down.events) == total
    finally:
        down.stop()


def test_retries_back_off_exponentially_and_end_dead(engine: Engine, receiver: Receiver) -> None:
    receiver.status = 500
    clock = MovingClock()
    hooks = [hook(receiver.url, max_attempts=3)]
    ingest_seeds(engine, hooks)
    dispatcher = Dispatcher(engine, hooks, "test", clock=clock, jitter=lambda: 0.5, batch=1)
    dispatcher.deliver_all()
    with engine.connect() as conn:
        first = conn.execute(select(delivery_t).order_by(delivery_t.c.id).limit(1)).one()
    assert first.attempts == 1 and first.next_attempt_at == clock.now + timedelta(seconds=5)
    clock.now += timedelta(seconds=6)
    dispatcher.deliver_all()
    with engine.connect() as conn:
        first = conn.execute(select(delivery_t).where(delivery_t.c.id == first.id)).one()
    assert first.attempts == 2 and first.next_attempt_at == clock.now + timedelta(seconds=10)
    clock.now += timedelta(seconds=11)
    dispatcher.deliver_all()
    result = CliRunner().invoke(
        app, ["webhooks", "deliveries", "--failed", "--db", str(engine.url)]
    )
    assert "dead" in result.stdout and "HTTP 500" in result.stdout
    retried = CliRunner().invoke(
        app, ["webhooks", "retry", "--all-failed", "--db", str(engine.url)]
    )
    assert retried.exit_code == 0 and "due again" in retried.stderr


def test_retry_after_is_honoured(engine: Engine, receiver: Receiver) -> None:
    receiver.status = 429
    receiver.retry_after = "30"
    clock = MovingClock()
    hooks = [hook(receiver.url)]
    ingest_seeds(engine, hooks)
    Dispatcher(engine, hooks, "test", clock=clock, batch=1).deliver_all()
    with engine.connect() as conn:
        first = conn.execute(select(delivery_t).order_by(delivery_t.c.id).limit(1)).one()
    assert first.next_attempt_at == clock.now + timedelta(seconds=30)


def test_410_gone_disables_the_endpoint(engine: Engine, receiver: Receiver) -> None:
    receiver.status = 410
    hooks = [hook(receiver.url)]
    ingest_seeds(engine, hooks)
    Dispatcher(engine, hooks, "test").deliver_all()
    assert len(receiver.arrivals) == 1  # one try, then nothing more to that endpoint
    with engine.connect() as conn:
        assert outbox.disabled_endpoints(conn) == {"newsroom"}
    Dispatcher(engine, hooks, "test").deliver_all()
    assert len(receiver.arrivals) == 1


def test_a_wrong_secret_fails_verification(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    strict = Receiver(secret=OTHER_SECRET).start()
    try:
        hooks = [hook(strict.url)]
        ingest_seeds(engine, hooks)
        stats = Dispatcher(engine, hooks, "test", batch=1).deliver_all()
        assert strict.invalid >= 1 and not strict.events and stats.delivered == 0
    finally:
        strict.stop()


def test_rotated_secrets_both_sign(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, f"{OTHER_SECRET} {SECRET}")
    receivers = [Receiver(secret=SECRET).start(), Receiver(secret=OTHER_SECRET).start()]
    try:
        for r in receivers:
            hooks = [hook(r.url)]
            with Ingestor(
                engine, f"story-{r.port}", clock=Clock(), hooks=outbox_hooks(hooks)
            ) as ingestor:
                for path in SEED_FILES[:3]:
                    ingestor.ingest_bytes(path.read_bytes(), path.name)
            Dispatcher(engine, hooks, "test").deliver_all()
            assert r.events and r.invalid == 0
    finally:
        for r in receivers:
            r.stop()


def test_events_reach_one_endpoint_in_order(engine: Engine, receiver: Receiver) -> None:
    hooks = [hook(receiver.url)]
    ingest_seeds(engine, hooks)
    Dispatcher(engine, hooks, "test", batch=3).deliver_all()
    edits = [receiver.events[i]["data"]["edit"] for i in receiver.arrivals]
    assert edits == sorted(edits)


@pytest.mark.parametrize(
    ("options", "types"),
    [
        ({}, {"post.edited"}),
        ({"events": ("post.removed",)}, set()),
        ({"stories": ("another-story",)}, set()),
        ({"min_significance": "substantive"}, {"post.edited"}),
    ],
)
def test_filters_select_the_events(
    engine: Engine, receiver: Receiver, options: dict[str, object], types: set[str]
) -> None:
    ingest_seeds(engine, [hook(receiver.url, **options)])
    Dispatcher(engine, [hook(receiver.url, **options)], "test").deliver_all()
    assert {e["type"] for e in receiver.events.values()} == types


def test_significance_filter_drops_typographic_events() -> None:
    edit = {
        "post_id": 1,
        "significance": "typographic",
        "kinds": ["body"],
        "flags": [],
        "changes": {},
        "summary": [],
        "from_snapshot_id": 1,
        "to_snapshot_id": 2,
    }
    event = edit_event(
        edit, edit_id=1, story="s", headline="h", page="p", page_url=None, when=datetime.now(UTC)
    )
    now = datetime.now(UTC)
    assert deliveries(event, [hook("http://x/", min_significance="substantive")], now) == []
    assert len(deliveries(event, [hook("http://x/")], now)) == 1


def test_oversized_payloads_carry_a_truncated_diff_and_say_so() -> None:
    huge = "word " * 40000
    envelope = {
        "type": "post.edited",
        "version": 1,
        "id": "msg_x",
        "timestamp": "t",
        "data": {
            "changes": {"body": [["=", huge], ["-", "old"], ["+", "new"], ["=", huge]]},
            "summary": [],
        },
    }
    body = encode(envelope)
    data = json.loads(body)["data"]
    assert len(body.encode()) <= MAX_BYTES and data["truncated"] is True
    assert ["-", "old"] in data["changes"]["body"] and ["+", "new"] in data["changes"]["body"]


def test_webhooks_test_sends_a_signed_sample(tmp_path: Path, receiver: Receiver) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        f'[[webhooks]]\nname = "newsroom"\nurl = "{receiver.url}"\nsecret_env = "{ENV}"\n'
    )
    result = CliRunner().invoke(app, ["webhooks", "test", "newsroom", "--config", str(config)])
    assert result.exit_code == 0, result.output
    [event] = receiver.events.values()
    assert event["type"] == "post.edited" and event["data"]["test"] is True


def test_a_missing_secret_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV)
    config = tmp_path / "config.toml"
    config.write_text(
        f'[[webhooks]]\nname = "newsroom"\nurl = "http://127.0.0.1:9/"\nsecret_env = "{ENV}"\n'
    )
    result = CliRunner().invoke(app, ["webhooks", "test", "newsroom", "--config", str(config)])
    assert result.exit_code == 1 and f"environment variable {ENV}" in result.stderr


def test_a_dispatcher_killed_between_send_and_mark_redelivers(
    tmp_path: Path, db_url: str, engine: Engine
) -> None:
    slow = Receiver(delay=2.0).start()
    try:
        hooks = [hook(slow.url)]
        with Ingestor(engine, "cnn-ukraine", clock=Clock(), hooks=outbox_hooks(hooks)) as ingestor:
            for path in SEED_FILES[:3]:
                ingestor.ingest_bytes(path.read_bytes(), path.name)
        config = tmp_path / "config.toml"
        config.write_text(
            f'[daemon]\nlease = "1s"\n\n[[webhooks]]\nname = "newsroom"\nurl = "{slow.url}"\nsecret_env = "{ENV}"\n'
        )
        env = {**os.environ, "TRACKER_DB": db_url, "TRACKER_CONFIG": str(config)}
        cmd = [sys.executable, "-m", "tracker", "webhooks", "deliver"]
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while not slow.arrivals and time.monotonic() < deadline:
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)  # sent, not yet marked
        proc.wait()
        first = slow.arrivals[0]
        slow.delay = 0
        time.sleep(1.2)  # the lease expires
        assert subprocess.run(cmd, env=env, capture_output=True, check=False).returncode == 0
        assert slow.arrivals.count(first) == 2 and slow.seen[first] >= 1  # redelivered, same id
        assert pending(engine) == 0
    finally:
        slow.stop()


def test_no_alert_is_lost_when_the_daemon_is_killed_at_any_point(
    tmp_path: Path, db_url: str, engine: Engine, receiver: Receiver
) -> None:
    import random

    from tests.live_site import LiveSite
    from tests.test_poller import JAN31, page, post

    rng = random.Random(7)
    with LiveSite() as site:
        posts = [(1, post(1)), (2, post(2))]
        site.set("/jan31", page(JAN31, *posts))
        config = tmp_path / "config.toml"
        config.write_text(
            '[daemon]\ntick = "0.1s"\nlease = "1s"\ngrace = "1s"\nmin_host_gap = "0s"\n\n'
            f'[[sources]]\nname = "jan31"\nurl = "{site.url("/jan31")}"\nstory = "cnn"\nparser = "cnn-live"\nevery = "0.3s"\n\n'
            f'[[webhooks]]\nname = "newsroom"\nurl = "{receiver.url}"\nsecret_env = "{ENV}"\n'
        )
        env = {**os.environ, "TRACKER_DB": db_url, "TRACKER_CONFIG": str(config)}
        run = [sys.executable, "-m", "tracker", "run"]
        for round_ in range(8):  # change the page, run the daemon a moment, kill -9 it
            words = f"Two people were killed in round {round_}, Kyrylenko said on Telegram."
            posts = [(n, post(1, words) if n == 1 else p) for n, p in posts]
            if round_ % 3 == 2:
                posts.insert(0, (3 + round_, post(3 + round_ % 3)))
            site.set("/jan31", page(JAN31, *posts))
            log = tmp_path / f"run{round_}.log"
            proc = subprocess.Popen(run, env=env, stdout=subprocess.DEVNULL, stderr=log.open("wb"))
            wait_for_line(log, '"daemon.started"')
            time.sleep(rng.uniform(0.4, 1.6))  # a lease expiring, polls, deliveries
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        time.sleep(1.2)  # the killed daemons' leases expire
        drain = subprocess.Popen(run, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(3)
        drain.send_signal(signal.SIGTERM)
        assert drain.wait(timeout=15) == 0
    with engine.connect() as conn:
        edit_ids = {int(i) for (i,) in conn.execute(select(edit_t.c.id))}
        undelivered = conn.execute(
            select(func.count()).select_from(delivery_t).where(delivery_t.c.status != "delivered")
        ).scalar_one()
    received = {e["data"]["edit"] for e in receiver.events.values()}
    assert len(edit_ids) >= 3  # the daemon really did find edits between kills
    assert received == edit_ids and undelivered == 0 and receiver.invalid == 0


def test_a_failing_source_and_its_recovery_are_alerted(engine: Engine, receiver: Receiver) -> None:
    from datetime import timedelta as td

    from storage import watches
    from tests.live_site import LiveSite
    from tests.test_poller import JAN31, page, post
    from tests.test_poller import Clock as PollClock
    from tracker.config import DaemonSettings
    from tracker.daemon import Poller, fetch_settings
    from tracker.fetch import Fetcher

    settings = DaemonSettings(
        min_host_gap=0, retries=0, timeout=1.0, backoff=(60,), failing_after=2
    )
    clock = PollClock()
    hooks = [hook(receiver.url)]
    with LiveSite() as site:
        site.set("/jan31", b"down", status=500)
        with engine.begin() as conn:
            watches.add(
                conn,
                {
                    "name": "jan31",
                    "url": site.url("/jan31"),
                    "story": "cnn",
                    "parser": "cnn-live",
                    "every_seconds": 60,
                    "selectors": None,
                    "enabled": True,
                    "origin": "cli",
                },
                clock.now,
            )  # type: ignore[arg-type]
        poller = Poller(
            engine,
            settings,
            fetcher=Fetcher(fetch_settings(settings), sleep=lambda _: None),
            owner="t",
            clock=clock,
            webhooks=hooks,
        )  # type: ignore[arg-type]
        for _ in range(3):
            for row in poller.claim(5):
                poller.poll(row)
            clock.now += td(seconds=61)
        site.set("/jan31", page(JAN31, (1, post(1))))
        for row in poller.claim(5):
            poller.poll(row)
        poller.close()
    Dispatcher(engine, hooks, "test").deliver_all()
    failing, recovered = receiver.of_type("source.failing"), receiver.of_type("source.recovered")
    assert len(failing) == 1 and len(recovered) == 1  # once each, not on every failed poll
    assert (
        failing[0]["data"]["source"] == "jan31"
        and failing[0]["data"]["error"] == "HTTP 500 (after 1 attempts)"
    )
    assert failing[0]["data"]["consecutive_failures"] == 2
