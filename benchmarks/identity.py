"""Post identity on corpora tracker was not written against: generate, ingest, score.

    python benchmarks/identity.py GENERATOR [--seeds 1 2 3] [--captures 200] [--long 650]
                                  [--formats text html] [--errors N]

For each seed and format, GENERATOR (a script in benchmarks/ following CORPUS_CONTRACT.md)
writes a corpus; `tracker ingest` stores it into a fresh SQLite file the way a new user would
(files in name order, one command, no capture times, `--parser cnn-live` for HTML); score.py
scores it. ``--long`` adds one long corpus (seed 1) per format. Prints a Markdown table and
the worst corpus of each measure.

Generators, in the order they were written, each apart from tracker's code: `newsroom.py`
(tuned on from the start), `heldout.py`, `holdout2.py`, `holdout3.py`, `holdout4.py`,
`holdout5.py`, `holdout6.py` and `holdout7.py` (held out so far: its errors never read).
Each new one was held out: run once for the record before anything was tuned on it, then joined the tuning
set (benchmarks/RESULTS.md gives both figures and says which run was held out). The next
generator written is the held-out one; never look at its errors (``--errors``) before its
first run is recorded.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.score import score_tracker  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
TRACKER = Path(sys.executable).with_name("tracker")
MEASURES = (
    ("identity", "f1"),
    ("edits", "precision"),
    ("edits", "recall"),
    ("removals", "precision"),
    ("removals", "recall"),
    ("reverts", "precision"),
    ("reverts", "recall"),
    ("moves", "precision"),
    ("moves", "recall"),
    ("suspect_flagged", "recall"),
)


def run_one(generator: str, seed: int, captures: int, fmt: str, errors: int) -> dict[str, Any]:
    corpus = OUT / f"{Path(generator).stem}-{fmt}-{captures}-{seed}"
    shutil.rmtree(corpus, ignore_errors=True)
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / generator),
            str(corpus),
            "--captures",
            str(captures),
            "--seed",
            str(seed),
            "--format",
            fmt,
        ],
        check=True,
        stderr=subprocess.DEVNULL,
    )
    db = corpus.with_suffix(".db")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    files = sorted(p for p in corpus.iterdir() if p.suffix in (".txt", ".html"))
    parser = ["--parser", "cnn-live"] if fmt == "html" else []
    start = time.perf_counter()
    subprocess.run(
        [
            str(TRACKER),
            "ingest",
            "--db",
            f"sqlite:///{db}",
            "--story",
            "s",
            *parser,
            *map(str, files),
        ],
        stderr=subprocess.DEVNULL,
        check=False,  # a refused capture exits 1; it is scored as not stored
    )
    wall = time.perf_counter() - start
    result = score_tracker(corpus, db, errors)
    result["wall_s"] = wall
    result["name"] = f"{fmt} {captures}×seed {seed}"
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("generator")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--captures", type=int, default=200)
    parser.add_argument("--long", type=int, default=0)
    parser.add_argument("--formats", nargs="+", default=["text", "html"])
    parser.add_argument("--errors", type=int, default=0)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    runs = [(seed, args.captures, fmt) for fmt in args.formats for seed in args.seeds] + (
        [(1, args.long, fmt) for fmt in args.formats] if args.long else []
    )
    results = []
    for seed, captures, fmt in runs:
        results.append(run_one(args.generator, seed, captures, fmt, args.errors))
        print(_row(results[-1]), flush=True)
    print()
    print("| corpus | " + " | ".join(f"{m} {k}" for m, k in MEASURES) + " | not stored |")
    print("|---" * (len(MEASURES) + 2) + "|")
    for r in results:
        print(_row(r))
    worst = {f"{m} {k}": min(r[m][k] for r in results) for m, k in MEASURES}
    print("| **worst** | " + " | ".join(f"{v:.4f}" for v in worst.values()) + " | |")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


def _row(r: dict[str, Any]) -> str:
    cells = [f"{r[m][k]:.4f}" for m, k in MEASURES]
    return f"| {r['name']} | " + " | ".join(cells) + f" | {len(r['not_stored'])} |"


if __name__ == "__main__":
    main()
