"""The page-level peer: how page watchers (urlwatch, changedetection.io) report changes.

    python benchmarks/peer.py CORPUS_DIR OUT.json

Each capture is diffed line by line against the previous capture of the same page (pages told
apart by their title line) with difflib, and changed lines get a word diff. It writes every
changed line it found, as a watcher's report would list them.
"""

from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    a, b = old.split(), new.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("=", " ".join(a[i1:i2])))
        else:
            if i2 > i1:
                out.append(("-", " ".join(a[i1:i2])))
            if j2 > j1:
                out.append(("+", " ".join(b[j1:j2])))
    return out


def compare(old: list[str], new: list[str]) -> list[dict[str, object]]:
    changes: list[dict[str, object]] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        removed, added = old[i1:i2], new[j1:j2]
        for k in range(max(len(removed), len(added))):
            before = removed[k] if k < len(removed) else None
            after = added[k] if k < len(added) else None
            change: dict[str, object] = {"old": before, "new": after}
            if before and after:
                change["words"] = word_diff(before, after)
            changes.append(change)
    return changes


def main() -> None:
    corpus, out = Path(sys.argv[1]), Path(sys.argv[2])
    previous: dict[str, list[str]] = {}
    report = []
    for path in sorted(corpus.glob("*.txt")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        page = lines[0].split(" | ")[0] if lines else ""
        if page in previous:
            report.append({"file": path.name, "changes": compare(previous[page], lines)})
        previous[page] = lines
    out.write_text(json.dumps(report), encoding="utf-8")


if __name__ == "__main__":
    main()
