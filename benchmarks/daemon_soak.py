"""Soak the daemon: many sources at 1-minute intervals against local sites, for minutes.

    python benchmarks/daemon_soak.py [--sources 500] [--minutes 10] [--hosts 10]

Starts `--hosts` HTTP servers on 127.0.0.1 (distinct ports, so the per-host politeness gate
treats them as distinct hosts), each serving its share of CNN-like live pages (about 10 posts,
~10 KB); every minute about 5% of the pages get a new post or an edit. Runs `tracker run` as a
real process on a fresh SQLite file with every source polled every minute, samples its RSS
every 10 s, and reads its JSON log: scheduling lag (poll start − due time) percentiles, polls
per source, outcomes. Prints a Markdown section for benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import signal
import statistics
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.html_pages import cnn_page  # noqa: E402
from tests.live_site import LiveSite  # noqa: E402
from tracker.model import PostFields  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
WORDS = [
    "Officials",
    "said",
    "the",
    "front",
    "line",
    "held",
    "overnight",
    "as",
    "shelling",
    "continued",
    "near",
    "the",
    "city,",
    "and",
    "aid",
    "convoys",
    "reached",
    "residents",
    "who",
    "had",
    "sheltered",
    "for",
    "days",
    "without",
    "power.",
]


def text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def make_posts(rng: random.Random, count: int) -> list[PostFields]:
    return [
        PostFields(
            headline=text(rng, 9).rstrip("."),
            body=tuple(text(rng, 30) for _ in range(3)),
            published=f"{rng.randint(1, 12)}:{rng.randint(0, 59):02d} a.m. ET, February 1, 2023",
            byline="From CNN staff",
        )
        for _ in range(count)
    ]


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=500)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--hosts", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--probe", action="store_true", help="run the daemon under benchmarks/probed_daemon.py"
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / "soak.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    log = OUT / "soak.log"

    with ExitStack() as stack:
        sites = [stack.enter_context(LiveSite()) for _ in range(args.hosts)]
        pages: dict[int, list[PostFields]] = {}
        page_ids: dict[int, list[str]] = {}  # each post keeps its native id, as on CNN
        lines = [
            "[daemon]",
            'tick = "1s"',
            "workers = 16",
            'lease = "2m"',
            'min_host_gap = "0s"',
            'timeout = "10s"',
        ]
        for i in range(args.sources):
            site = sites[i % args.hosts]
            pages[i] = make_posts(rng, 10)
            page_ids[i] = [f"p{i}-{k}" for k in range(10)]
            site.set(f"/p{i}", cnn_page(f"Page {i}", pages[i], page_ids[i]))
            lines += [
                "",
                "[[sources]]",
                f'name = "p{i}"',
                f'url = "{site.url(f"/p{i}")}"',
                'story = "soak"',
                'parser = "cnn-live"',
                'every = "1m"',
            ]
        config = OUT / "soak.toml"
        config.write_text("\n".join(lines) + "\n")
        probe = OUT / "soak-probe.jsonl"
        env = {
            **os.environ,
            "TRACKER_DB": f"sqlite:///{db}",
            "TRACKER_CONFIG": str(config),
            "PROBE_OUT": str(probe),
        }
        tracker = Path(sys.executable).with_name("tracker")
        with log.open("wb") as handle:
            command = [str(tracker), "run"]
            if args.probe:
                command = [sys.executable, str(ROOT / "benchmarks" / "probed_daemon.py")]
            proc = subprocess.Popen(command, env=env, stdout=handle, stderr=handle)
            samples: list[tuple[float, int]] = []
            start = time.monotonic()
            next_edit = start + 60
            try:
                while time.monotonic() - start < args.minutes * 60:
                    time.sleep(10)
                    samples.append((time.monotonic() - start, rss_kib(proc.pid)))
                    if time.monotonic() >= next_edit:  # ~5% of pages change each minute
                        next_edit += 60
                        for i in rng.sample(range(args.sources), max(1, args.sources // 20)):
                            posts = make_posts(rng, 1) + pages[i][:9]
                            pages[i] = posts
                            page_ids[i] = [f"p{i}-{rng.random():.6f}", *page_ids[i][:9]]
                            page = cnn_page(f"Page {i}", posts, page_ids[i])
                            sites[i % args.hosts].set(f"/p{i}", page)
            finally:
                proc.send_signal(signal.SIGTERM)
                code = proc.wait(timeout=60)
        requests = sum(len(s.hits) for s in sites)

    events = [json.loads(x) for x in log.read_text().splitlines() if x.startswith("{")]
    polls = [e for e in events if e["event"] == "poll"]
    settled = [e for e in polls if e["lag_s"] is not None]
    lags = sorted(float(e["lag_s"]) for e in settled)
    # The first round starts all sources at once; steady state is from the second minute on.
    first_round = {}
    for e in polls:
        first_round.setdefault(e["source"], e)
    steady = sorted(float(e["lag_s"]) for e in polls if first_round[e["source"]] is not e)
    outcomes: dict[str, int] = {}
    for e in polls:
        outcomes[e["outcome"]] = outcomes.get(e["outcome"], 0) + 1
    per_source = len(polls) / args.sources

    def pct(values: list[float], q: float) -> float:
        return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")

    minute = [rss for t, rss in samples if 60 <= t <= 120]
    last = [rss for t, rss in samples if t >= samples[-1][0] - 60]
    print(f"\n### Daemon soak — {time.strftime('%Y-%m-%d')}\n")
    print(
        f"Command: `.venv/bin/python benchmarks/daemon_soak.py --sources {args.sources} "
        f"--minutes {args.minutes:g} --hosts {args.hosts}`  "
    )
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}.  "
    )
    print(
        f"{args.sources} sources every 1 minute on {args.hosts} local hosts, {args.minutes:g} minutes; "
        f"daemon exit status {code}.\n"
    )
    print("| measure | value |\n| --- | --- |")
    print(f"| polls | {len(polls)} ({per_source:.1f} per source; {requests} HTTP requests) |")
    print(f"| outcomes | {', '.join(f'{k} {v}' for k, v in sorted(outcomes.items()))} |")
    print(
        f"| lag, steady state (after each source's first poll): p50 / p95 / p99 / max | "
        f"{pct(steady, 0.5):.2f} / {pct(steady, 0.95):.2f} / {pct(steady, 0.99):.2f} / "
        f"{(steady[-1] if steady else float('nan')):.2f} s |"
    )
    print(
        f"| lag, all polls incl. the start-up round: p95 / max | {pct(lags, 0.95):.2f} / {lags[-1]:.2f} s |"
    )
    print(
        f"| RSS, minute 1–2 (median) → last minute (median) | {statistics.median(minute) / 1024:.1f} → "
        f"{statistics.median(last) / 1024:.1f} MB |"
    )
    steady_rss = [(t / 60, rss / 1024) for t, rss in samples if t >= 120]
    slope = statistics.linear_regression(*zip(*steady_rss, strict=True)).slope
    print(f"| RSS trend from minute 2 on (least squares) | {slope:+.3f} MB/min |")
    print(f"| RSS samples (MB, every 10 s) | {' '.join(f'{r / 1024:.0f}' for _, r in samples)} |")
    if args.probe:
        print_probe(probe)


def print_probe(path: Path) -> None:
    """The probe's readings (benchmarks/probed_daemon.py), in KiB."""
    records = [json.loads(line) for line in path.read_text().splitlines()]
    if not records:
        return
    keys = [k for k in records[0] if k != "t"]
    print("\nProbe (KiB, but counts):\n")
    print("| s | " + " | ".join(keys) + " |")
    print("|" + " --- |" * (len(keys) + 1))
    for r in records:
        print(f"| {r['t']} | " + " | ".join(str(r[k]) for k in keys) + " |")


if __name__ == "__main__":
    main()
