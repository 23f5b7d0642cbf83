"""Webhook delivery throughput to a local receiver.

    python benchmarks/webhook_throughput.py [--events 5000]

Queues ``--events`` post.edited events (each the size of a real alert) for one endpoint in a
fresh SQLite outbox, then times `tracker webhooks deliver` as a real process delivering them
to a receiver on 127.0.0.1 that verifies every Standard Webhooks signature (the receiver runs
in this process, on the same 2 cores). Reports events per second for the whole process
(start-up included) and in steady state (first arrival to last), and checks that every event
arrived, verified, exactly once.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from storage.engine import open_engine  # noqa: E402
from storage.queries import delivery_t  # noqa: E402
from tests.receiver import SECRET, Receiver  # noqa: E402
from tracker.config import WebhookConfig  # noqa: E402
from tracker.events import deliveries, test_event  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
ENV = "TRACKER_BENCH_WEBHOOK_SECRET"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5000)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / "hooks.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    receiver = Receiver().start()
    arrivals: list[float] = []
    handle = receiver._handle

    def timed(handler):  # type: ignore[no-untyped-def]
        handle(handler)
        arrivals.append(time.monotonic())

    receiver._handle = timed  # type: ignore[method-assign]
    hook = WebhookConfig(name="bench", url=receiver.url, secret_env=ENV)
    engine = open_engine(f"sqlite:///{db}")
    now = datetime.now(UTC)
    rows = []
    for _ in range(args.events):
        rows.extend(deliveries(test_event("bench", now), [hook], now))
    with engine.begin() as conn:
        conn.execute(delivery_t.insert(), rows)
    engine.dispose()
    size = len(rows[0]["payload"])
    config = OUT / "hooks.toml"
    config.write_text(
        f'[[webhooks]]\nname = "bench"\nurl = "{receiver.url}"\nsecret_env = "{ENV}"\n'
    )
    env = {
        **os.environ,
        ENV: SECRET,
        "TRACKER_DB": f"sqlite:///{db}",
        "TRACKER_CONFIG": str(config),
    }
    tracker = Path(sys.executable).with_name("tracker")
    start = time.monotonic()
    result = subprocess.run(
        [str(tracker), "webhooks", "deliver"], env=env, capture_output=True, text=True, check=False
    )
    wall = time.monotonic() - start
    receiver.stop()
    unique = len(receiver.events)
    steady = (
        (len(arrivals) - 1) / (arrivals[-1] - arrivals[0]) if len(arrivals) > 1 else float("nan")
    )
    print(f"\n### Webhook delivery throughput — {time.strftime('%Y-%m-%d')}\n")
    print(f"Command: `.venv/bin/python benchmarks/webhook_throughput.py --events {args.events}`  ")
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"SQLite outbox; receiver on 127.0.0.1 verifying every signature with standardwebhooks.\n"
    )
    print("| measure | value |\n| --- | --- |")
    print(f"| events | {args.events} post.edited events of {size} bytes to one endpoint |")
    print(
        f"| `tracker webhooks deliver`, whole process | {wall:.2f} s: {args.events / wall:.0f} events/s |"
    )
    print(f"| steady state (first arrival to last) | {steady:.0f} events/s |")
    print(
        f"| received, verified, unique | {len(arrivals)} requests, {receiver.invalid} invalid, {unique} unique |"
    )
    print(
        f"| exit status, summary | {result.returncode}, {result.stderr.strip().splitlines()[-1] if result.stderr.strip() else ''} |"
    )


if __name__ == "__main__":
    main()
