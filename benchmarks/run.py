"""Run the ingest benchmark: tracker against the page-level peer, in one run.

    python benchmarks/run.py [--captures 600] [--seed 1] [--repeat 3]

1. Generates the synthetic corpus (benchmarks/corpus, ground truth in truth.json).
2. Times the whole `tracker ingest` process into a fresh SQLite file, and the whole peer
   process (benchmarks/peer.py), --repeat times each, alternating; reports the median wall
   time and the peak RSS of each.
3. Scores both against the ground truth (benchmarks/score.py).
4. Measures per-snapshot ingest cost, first half of the history against the second: in one
   process (caches warm), and with the second half in a new process that finds the first half
   only in the database.

Prints a Markdown section for benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.score import score_peer, score_tracker  # noqa: E402

CORPUS = ROOT / "benchmarks" / "corpus"
OUT = ROOT / "benchmarks" / "out"
TRACKER = Path(sys.executable).with_name("tracker")

MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
wall = time.perf_counter() - start
print(wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)
"""


def measure(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one command, run as its own process."""
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True, check=True
    )
    wall, rss, code = out.stdout.split()
    if code != "0":
        raise SystemExit(f"{cmd[0]} failed with exit status {code}")
    return float(wall), int(rss)


def tracker_cmd(db: Path, files: list[Path]) -> list[str]:
    return [str(TRACKER), "ingest", "--db", f"sqlite:///{db}", "--story", "synth", *map(str, files)]


def fresh(db: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    return db


def per_snapshot_ms(db: Path, files: list[Path]) -> list[float]:
    """Ingest files in this process, timing each snapshot (ms)."""
    from storage.engine import open_engine
    from tracker.ingest import Ingestor

    engine = open_engine(f"sqlite:///{db}")
    ingestor = Ingestor(engine, "synth")
    times = []
    for path in files:
        data = path.read_bytes()
        start = time.perf_counter()
        ingestor.ingest_bytes(data, path.name)
        times.append((time.perf_counter() - start) * 1000)
    engine.dispose()
    return times


def cold_second_half(db: Path, first: list[Path], second: list[Path]) -> tuple[float, float]:
    """Median ms per snapshot: first half into an empty database, then the second half by a
    new process that finds the first half only in the database."""
    fresh(db)
    script = (
        f"import sys, json; sys.path.insert(0, {str(ROOT)!r});"
        "from benchmarks.run import per_snapshot_ms; from pathlib import Path;"
        "files = [Path(p) for p in sys.argv[2:]];"
        "print(json.dumps(per_snapshot_ms(Path(sys.argv[1]), files)))"
    )
    runs = []
    for part in (first, second):
        out = subprocess.run(
            [sys.executable, "-c", script, str(db), *map(str, part)],
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(statistics.median(json.loads(out.stdout)))
    return runs[0], runs[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--captures", type=int, default=600)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "generate.py"),
            str(CORPUS),
            "--captures",
            str(args.captures),
            "--seed",
            str(args.seed),
        ],
        check=True,
    )
    files = sorted(CORPUS.glob("*.txt"))
    size = sum(p.stat().st_size for p in files)
    db, peer_out = OUT / "tracker.db", OUT / "peer.json"

    tracker_runs, peer_runs = [], []
    for _ in range(args.repeat):
        tracker_runs.append(measure(tracker_cmd(fresh(db), files)))
        peer_runs.append(
            measure(
                [sys.executable, str(ROOT / "benchmarks" / "peer.py"), str(CORPUS), str(peer_out)]
            )
        )
    t_wall = statistics.median(w for w, _ in tracker_runs)
    p_wall = statistics.median(w for w, _ in peer_runs)
    t_rss = max(r for _, r in tracker_runs)
    p_rss = max(r for _, r in peer_runs)

    quality = score_tracker(CORPUS, db)
    peer_quality = score_peer(CORPUS, peer_out)

    warm = per_snapshot_ms(fresh(OUT / "flat.db"), files)
    half = len(warm) // 2
    warm_first, warm_second = statistics.median(warm[:half]), statistics.median(warm[half:])
    cold_first, cold_second = cold_second_half(OUT / "cold.db", files[:half], files[half:])

    def pr(d: dict[str, float], *keys: str) -> str:
        return " / ".join(f"{d[k]:.4f}" for k in keys)

    truth_edits = len(json.loads((CORPUS / "truth.json").read_text())["edits"])
    rows = [
        ("measure", "tracker", "page-level peer", "ratio tracker/peer"),
        ("---", "---", "---", "---"),
        (
            f"whole process wall time (median of {args.repeat})",
            f"{t_wall:.2f} s",
            f"{p_wall:.2f} s",
            f"{t_wall / p_wall:.2f}",
        ),
        ("peak RSS", f"{t_rss / 1024:.0f} MB", f"{p_rss / 1024:.0f} MB", f"{t_rss / p_rss:.2f}"),
        (
            "post identity pair precision / recall / F1",
            pr(quality["identity"], "precision", "recall", "f1"),
            "— (no post identity)",
            "",
        ),
        (
            "edit precision / recall",
            pr(quality["edits"], "precision", "recall"),
            pr(peer_quality["edits"], "precision", "recall"),
            "",
        ),
        (
            "removal precision / recall",
            pr(quality["removals"], "precision", "recall"),
            pr(peer_quality["removals"], "precision", "recall"),
            "",
        ),
        (
            "suspect captures flagged, precision / recall",
            pr(quality["suspect_flagged"], "precision", "recall"),
            "—",
            "",
        ),
    ]
    flat = [
        ("", "first half", "second half", "second / first"),
        ("---", "---", "---", "---"),
        (
            "one process, caches warm",
            f"{warm_first:.2f}",
            f"{warm_second:.2f}",
            f"{warm_second / warm_first:.2f}",
        ),
        (
            "second half in a new process (history only in the database)",
            f"{cold_first:.2f}",
            f"{cold_second:.2f}",
            f"{cold_second / cold_first:.2f}",
        ),
    ]
    command = (
        f".venv/bin/python benchmarks/run.py --captures {args.captures} --seed {args.seed} "
        f"--repeat {args.repeat}"
    )
    print(f"\n### Ingest benchmark — {time.strftime('%Y-%m-%d')}\n")
    print(f"Command: `{command}`  ")
    print(
        f"Machine: {platform.machine()}, {_cpus()} cores, Python {platform.python_version()}, "
        f"{platform.platform()}.  "
    )
    print(f"Corpus: {len(files)} captures, {size / 1e6:.1f} MB, {truth_edits} true edits.\n")
    print("\n".join("| " + " | ".join(r) + " |" for r in rows))
    print("\nPer-snapshot ingest cost, median ms (first half of the history → second half):\n")
    print("\n".join("| " + " | ".join(r) + " |" for r in flat))


def _cpus() -> int:
    import os

    return os.cpu_count() or 0


if __name__ == "__main__":
    main()
