"""Run the ingest benchmark: tracker against the page-level peer, in one run.

    python benchmarks/run.py [--captures 600] [--seed 1] [--repeat 3]

1. Generates the synthetic corpus (benchmarks/corpus, ground truth in truth.json).
2. Times the whole `tracker ingest` process into a fresh SQLite file, and the whole peer
   process (benchmarks/peer.py), --repeat times each, alternating; reports the median wall
   time and the peak RSS of each.
3. Scores both against the ground truth (benchmarks/score.py).
4. Measures per-snapshot ingest cost (CPU time) as history grows: the first half against the
   second in one process (caches warm); and, with a new process per third of the corpus (so
   every look-up goes to the database), the second third against the last.

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


def per_snapshot_work(db: Path, files: list[Path]) -> list[tuple[float, tuple[int, int]]]:
    """Ingest files in this process: for each snapshot, CPU ms and the work that could grow
    with history (SQL statements run, similarity comparisons made)."""
    from sqlalchemy import event

    import tracker.matching
    from storage.engine import open_engine
    from tracker.ingest import Ingestor

    counts = [0, 0]
    engine = open_engine(f"sqlite:///{db}")

    @event.listens_for(engine, "after_cursor_execute")
    def _count(*_: object) -> None:
        counts[0] += 1

    weigh = tracker.matching._Weigher.pair

    def counted(self: object, i: int, c: int) -> object:
        counts[1] += 1
        return weigh(self, i, c)  # type: ignore[arg-type]

    tracker.matching._Weigher.pair = counted  # type: ignore[method-assign,assignment]
    results = []
    try:
        with Ingestor(engine, "synth") as ingestor:
            for path in files:
                data = path.read_bytes()
                before = tuple(counts)
                # CPU time, not wall time: SQLite runs in this process, and CPU time is not
                # moved by whatever else the machine is doing (much).
                start = time.process_time()
                ingestor.ingest_bytes(data, path.name)
                elapsed = (time.process_time() - start) * 1000
                work = (counts[0] - before[0], counts[1] - before[1])
                results.append((elapsed, work))
    finally:
        tracker.matching._Weigher.pair = weigh  # type: ignore[method-assign]
        engine.dispose()
    return results


def cold_thirds(db: Path, files: list[Path]) -> list[list[tuple[float, tuple[int, int]]]]:
    """Per-snapshot work with the history only in the database: a new process for each third
    of the corpus. The second third finds a history of one third, the last third a history
    twice as long; both look everything up in the database."""
    fresh(db)
    script = (
        f"import sys, json; sys.path.insert(0, {str(ROOT)!r});"
        "from benchmarks.run import per_snapshot_work; from pathlib import Path;"
        "files = [Path(p) for p in sys.argv[2:]];"
        "print(json.dumps(per_snapshot_work(Path(sys.argv[1]), files)))"
    )
    third = len(files) // 3
    parts = []
    for part in (files[:third], files[third : 2 * third], files[2 * third :]):
        out = subprocess.run(
            [sys.executable, "-c", script, str(db), *map(str, part)],
            capture_output=True,
            text=True,
            check=True,
        )
        parts.append([(ms, tuple(work)) for ms, work in json.loads(out.stdout)])
    return parts[1:]


def summary(runs: list[tuple[float, tuple[int, int]]]) -> tuple[float, float, float]:
    """Median CPU ms, mean statements and mean similarity comparisons per snapshot."""
    return (
        statistics.median(ms for ms, _ in runs),
        statistics.mean(w[0] for _, w in runs),
        statistics.mean(w[1] for _, w in runs),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--captures", type=int, default=600)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--hard", action="store_true", help="generate compound edits")
    parser.add_argument(
        "--generator", default="generate.py", help="the corpus generator (text captures)"
    )
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / args.generator),
            str(CORPUS),
            "--captures",
            str(args.captures),
            "--seed",
            str(args.seed),
            *(["--hard"] if args.hard else []),
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

    # Machine noise moves the times by ±30% from run to run: repeat, report medians. The work
    # counts are exact.
    warm_runs, cold_runs = [], []
    for _ in range(args.repeat):
        warm = per_snapshot_work(fresh(OUT / "flat.db"), files)
        half = len(warm) // 2
        warm_runs.append((summary(warm[:half]), summary(warm[half:])))
        second, last = cold_thirds(OUT / "cold.db", files)
        cold_runs.append((summary(second), summary(last)))

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

    def flat_row(
        label: str, runs: list[tuple[tuple[float, ...], tuple[float, ...]]]
    ) -> tuple[str, ...]:
        early = [statistics.median(r[0][k] for r in runs) for k in range(3)]
        late = [statistics.median(r[1][k] for r in runs) for k in range(3)]
        return (
            label,
            f"{early[0]:.2f} → {late[0]:.2f} ({late[0] / early[0]:.2f})",
            f"{early[1]:.1f} → {late[1]:.1f}",
            f"{early[2]:.1f} → {late[2]:.1f}",
        )

    flat = [
        ("", "CPU ms (later / earlier)", "SQL statements", "similarity comparisons"),
        ("---", "---", "---", "---"),
        flat_row("one process, caches warm: first half → second half", warm_runs),
        flat_row(
            "a new process per third, look-ups in the database: second third → last third",
            cold_runs,
        ),
    ]
    command = (
        f".venv/bin/python benchmarks/run.py --captures {args.captures} --seed {args.seed} "
        f"--repeat {args.repeat}"
        + (" --hard" if args.hard else "")
        + (f" --generator {args.generator}" if args.generator != "generate.py" else "")
    )
    print(f"\n### Ingest benchmark — {time.strftime('%Y-%m-%d')}\n")
    print(f"Command: `{command}`  ")
    print(
        f"Machine: {platform.machine()}, {_cpus()} cores, Python {platform.python_version()}, "
        f"{platform.platform()}.  "
    )
    print(f"Corpus: {len(files)} captures, {size / 1e6:.1f} MB, {truth_edits} true edits.\n")
    print("\n".join("| " + " | ".join(r) + " |" for r in rows))
    print(f"\nPer snapshot, as history grows (median CPU ms, mean work; {args.repeat} runs):\n")
    print("\n".join("| " + " | ".join(r) + " |" for r in flat))


def _cpus() -> int:
    import os

    return os.cpu_count() or 0


if __name__ == "__main__":
    main()
