"""Score tracker's database and the page-level peer's report against a corpus's ground truth.

    python benchmarks/score.py CORPUS_DIR TRACKER.db [PEER.json]

Identity: pair-counting precision and recall over all sightings (two sightings are a pair when
they are the same post). Edits and removals: precision and recall of (true post, capture).
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections import Counter
from hashlib import sha256
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import layout_b
from tracker.capture import parse_capture


def pairs(n: int) -> int:
    return n * (n - 1) // 2


def prf(predicted: set[Any], truth: set[Any]) -> dict[str, float]:
    hit = len(predicted & truth)
    precision = hit / len(predicted) if predicted else 1.0
    recall = hit / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "predicted": len(predicted),
        "truth": len(truth),
    }


def score_tracker(corpus: Path, db: Path) -> dict[str, Any]:
    truth = json.loads((corpus / "truth.json").read_text())
    captures = truth["captures"]
    index_of = {c["file"]: i for i, c in enumerate(captures)}
    conn = sqlite3.connect(db)
    snapshot_index = {
        sid: index_of[origin] for sid, origin in conn.execute("SELECT id, origin FROM snapshot")
    }
    flagged = {
        snapshot_index[sid]
        for (sid,) in conn.execute("SELECT id FROM snapshot WHERE suspect IS NOT NULL")
    }
    true_id: dict[tuple[int, int], int] = {}  # (snapshot id, position) -> true post
    cells: Counter[tuple[int, int]] = Counter()
    predicted_sizes: Counter[int] = Counter()
    for sid, position, post in conn.execute("SELECT snapshot_id, position, post_id FROM sighting"):
        cap = captures[snapshot_index[sid]]
        truth_post = cap["posts"][position]
        true_id[(sid, position)] = truth_post
        if cap["suspect"]:
            continue
        cells[(post, truth_post)] += 1
        predicted_sizes[post] += 1
    # A capture byte-identical to one already stored is a no-op by design: no sightings.
    stored_sha = {sha for (sha,) in conn.execute("SELECT raw_sha256 FROM snapshot")}
    stored = set(snapshot_index.values())
    true_sizes: Counter[int] = Counter()
    for i, cap in enumerate(captures):
        if cap["suspect"]:
            continue
        if (
            i not in stored
            and sha256((corpus / cap["file"]).read_bytes()).hexdigest() in stored_sha
        ):
            continue
        for p in cap["posts"]:
            true_sizes[p] += 1
    tp = sum(pairs(n) for n in cells.values())
    pred_pairs = sum(pairs(n) for n in predicted_sizes.values())
    true_pairs = sum(pairs(n) for n in true_sizes.values())
    identity = prf_from_counts(tp, pred_pairs, true_pairs)

    position_of = {
        (sid, post): pos
        for sid, pos, post in conn.execute("SELECT snapshot_id, position, post_id FROM sighting")
    }
    edits, removals = set(), set()
    for post, from_sid, to_sid, kinds in conn.execute(
        "SELECT post_id, from_snapshot_id, to_snapshot_id, kinds FROM edit"
    ):
        if "removed" in json.loads(kinds):
            removals.add(
                (true_id[(from_sid, position_of[(from_sid, post)])], snapshot_index[to_sid])
            )
        else:
            edits.add((true_id[(to_sid, position_of[(to_sid, post)])], snapshot_index[to_sid]))
    return {
        "identity": identity,
        "edits": prf(edits, {tuple(e) for e in truth["edits"]}),
        "removals": prf(removals, {tuple(r) for r in truth["removals"]}),
        "suspect_flagged": prf(flagged, {i for i, c in enumerate(captures) if c["suspect"]}),
    }


def prf_from_counts(tp: int, predicted: int, truth: int) -> dict[str, float]:
    precision = tp / predicted if predicted else 1.0
    recall = tp / truth if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def line_owners(corpus: Path, captures: list[dict[str, Any]]) -> list[dict[str, int]]:
    """For each capture, which post each text line belongs to (lines shared by posts dropped)."""
    owners = []
    for cap in captures:
        parsed = parse_capture((corpus / cap["file"]).read_bytes(), cap["file"])
        seen: dict[str, int] = {}
        shared: set[str] = set()
        for post_id, post in zip(cap["posts"], parsed.posts, strict=False):
            f = post.fields
            lines = [f.headline, *f.paragraphs]
            if cap["layout"] == "A":
                lines += [f.published or ""]
                lines += [f"{c} ({cr})" for c, cr in zip(f.captions, f.credits or (), strict=False)]
            for line in lines:
                if line in seen and seen[line] != post_id:
                    shared.add(line)
                seen[line] = post_id
        owners.append({line: p for line, p in seen.items() if line not in shared})
    return owners


def score_peer(corpus: Path, report_path: Path) -> dict[str, Any]:
    """Attribute each changed line to the post it belongs to, generously: a post new to the
    page is not counted as an edit claim, and a removal is claimed only for a post none of
    whose lines remain."""
    truth = json.loads((corpus / "truth.json").read_text())
    captures = truth["captures"]
    index_of = {c["file"]: i for i, c in enumerate(captures)}
    owners = line_owners(corpus, captures)
    previous_of: dict[int, int] = {}
    last: dict[str, int] = {}
    for i, cap in enumerate(captures):
        if cap["page"] in last:
            previous_of[i] = last[cap["page"]]
        last[cap["page"]] = i
    edits, removals = set(), set()
    for entry in json.loads(report_path.read_text()):
        i = index_of[entry["file"]]
        prev = previous_of[i]
        now_posts, prev_posts = set(captures[i]["posts"]), set(captures[prev]["posts"])
        touched_new, touched_old = set(), set()
        for change in entry["changes"]:
            if change["new"] is not None and change["new"] in owners[i]:
                touched_new.add(owners[i][change["new"]])
            if change["old"] is not None and change["old"] in owners[prev]:
                touched_old.add(owners[prev][change["old"]])
        for post in touched_new | (touched_old & now_posts):
            if post in prev_posts:
                edits.add((post, i))
        for post in touched_old - now_posts:
            removals.add((post, i))
    return {
        "edits": prf(edits, {tuple(e) for e in truth["edits"]}),
        "removals": prf(removals, {tuple(r) for r in truth["removals"]}),
    }


def main() -> None:
    corpus, db = Path(sys.argv[1]), Path(sys.argv[2])
    result = {"tracker": score_tracker(corpus, db)}
    if len(sys.argv) > 3:
        result["peer"] = score_peer(corpus, Path(sys.argv[3]))
    print(json.dumps(result, indent=2))


__all__ = ["layout_b", "score_peer", "score_tracker"]

if __name__ == "__main__":
    main()
