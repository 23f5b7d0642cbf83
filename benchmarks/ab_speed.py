"""Whole-process `tracker ingest` time of this checkout against another build of tracker.

    python benchmarks/ab_speed.py OTHER_TRACKER [--captures 600] [--seed 1] [--repeat 7]

OTHER_TRACKER is the `tracker` executable of another checkout's virtual environment (for
example an older commit: `git worktree add /tmp/old COMMIT`, then a venv there). Both ingest
the same corpus (benchmarks/generate.py, written once) into fresh SQLite files, alternating
runs so that both see the same machine load; prints the median wall and CPU seconds of each,
the ratio this/other, and the median and quartiles of the CPU ratio of each run to the other
build's run beside it (steadier: this machine's speed drifts by 20% over minutes).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
THIS = Path(sys.executable).with_name("tracker")


def run_once(tracker: Path, files: list[Path], db: Path) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one ingest process."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [str(tracker), "ingest", "--db", f"sqlite:///{db}", "--story", "synth", *map(str, files)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path)
    parser.add_argument("--captures", type=int, default=600)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "benchmarks" / "generate.py"),
                str(corpus),
                "--captures",
                str(args.captures),
                "--seed",
                str(args.seed),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        files = sorted(corpus.glob("*.txt"))
        times: dict[str, list[tuple[float, float]]] = {"this": [], "other": []}
        for _ in range(args.repeat):
            for name, tracker in (("this", THIS), ("other", args.other)):
                times[name].append(run_once(tracker, files, Path(tmp) / f"{name}.db"))
    wall = {k: statistics.median(w for w, _ in v) for k, v in times.items()}
    cpu = {k: statistics.median(c for _, c in v) for k, v in times.items()}
    print(f"{len(files)} captures, {args.repeat} runs each, alternating")
    print("| measure | this checkout | other | ratio this/other |")
    print("| --- | --- | --- | --- |")
    for label, values in (("wall s (median)", wall), ("CPU s (median)", cpu)):
        ratio = values["this"] / values["other"]
        print(f"| {label} | {values['this']:.2f} | {values['other']:.2f} | {ratio:.2f} |")
    # The machine's speed drifts over minutes: each run against the one beside it is steadier.
    paired = sorted(t[1] / o[1] for t, o in zip(times["this"], times["other"], strict=True))
    quartiles = statistics.quantiles(paired, n=4) if len(paired) > 1 else [paired[0]] * 3
    print(
        f"| CPU, run by run (median, quartiles) | | | {quartiles[1]:.2f} "
        f"({quartiles[0]:.2f}-{quartiles[2]:.2f}) |"
    )


if __name__ == "__main__":
    main()
