"""Score tracker's history against a corpus's ground truth (benchmarks/CORPUS_CONTRACT.md).

    python benchmarks/score.py CORPUS_DIR TRACKER.db [PEER.json] [--errors N]

Reads what tracker stored through `tracker export` (the JSON contract), not its tables.

- Identity: pair-counting precision and recall over the sightings of every non-suspect
  capture (two sightings form a pair when they are the same post).
- Edits, reverts, moves, removals: precision and recall of (true post, capture index).
- Suspect captures: precision and recall of the flag.

A capture byte-identical to the previous capture of its page adds nothing by design (tracker
records it as seen unchanged, no snapshot): it is left out. ``--errors N`` prints up to N
examples of each kind of mistake (for the tuning corpus only: reading the held-out corpus's
mistakes would be tuning on it).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

Pair = tuple[int, int]  # (true post, capture index)


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


def pairs(n: int) -> int:
    return n * (n - 1) // 2


def export_of(db: Path) -> dict[str, Any]:
    """What `tracker export --format json` writes for this database."""
    from storage.engine import open_engine
    from tracker.export import write_json

    engine = open_engine(f"sqlite:///{db}")
    out = io.StringIO()
    with engine.connect() as conn:
        write_json(conn, None, out)
    engine.dispose()
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


@dataclass
class Stored:
    """Tracker's history, keyed by the corpus's capture indexes."""

    capture_of: dict[int, int] = field(default_factory=dict)  # snapshot id → capture index
    true_at: dict[tuple[int, int], int] = field(default_factory=dict)  # (snapshot, pos) → true
    position_of: dict[tuple[int, int], int] = field(default_factory=dict)  # (snap, post) → pos
    cells: Counter[tuple[int, int]] = field(default_factory=Counter)  # (post, true post)
    suspect: set[int] = field(default_factory=set)


def _stored(export: dict[str, Any], captures: list[dict[str, Any]]) -> Stored:
    index_of = {c["file"]: i for i, c in enumerate(captures)}
    s = Stored()
    for snap in export["snapshots"]:
        i = index_of[snap["origin"]]
        s.capture_of[snap["id"]] = i
        if snap["suspect"]:
            s.suspect.add(i)
    for post in export["posts"]:
        for sighting in post["sightings"]:
            snap, pos = sighting["snapshot"], sighting["position"]
            cap = captures[s.capture_of[snap]]
            true = cap["posts"][pos] if pos < len(cap["posts"]) else -1  # -1: a post not there
            s.true_at[(snap, pos)] = true
            s.position_of[(snap, post["id"])] = pos
            if not cap["suspect"]:
                s.cells[(post["id"], true)] += 1
    return s


def unchanged_captures(corpus: Path, captures: list[dict[str, Any]]) -> set[int]:
    """Captures byte-identical to the previous capture of their page."""
    last: dict[str, bytes] = {}
    same = set()
    for i, cap in enumerate(captures):
        data = (corpus / cap["file"]).read_bytes()
        if last.get(cap["page"]) == data:
            same.add(i)
        last[cap["page"]] = data
    return same


def score_tracker(corpus: Path, db: Path, errors: int = 0) -> dict[str, Any]:
    truth = json.loads((corpus / "truth.json").read_text())
    captures = truth["captures"]
    export = export_of(db)
    s = _stored(export, captures)
    skipped = unchanged_captures(corpus, captures)
    true_sizes: Counter[int] = Counter()
    for i, cap in enumerate(captures):
        if not cap["suspect"] and i not in skipped:
            true_sizes.update(cap["posts"])
    predicted_sizes: Counter[int] = Counter()
    for (post, _), n in s.cells.items():
        predicted_sizes[post] += n
    tp = sum(pairs(n) for n in s.cells.values())
    identity = _prf_counts(
        tp,
        sum(pairs(n) for n in predicted_sizes.values()),
        sum(pairs(n) for n in true_sizes.values()),
    )
    found: dict[str, set[Pair]] = {k: set() for k in ("edits", "reverts", "moves", "removals")}
    for edit in export["edits"]:
        to_cap = s.capture_of[edit["to_snapshot"]]
        if "removed" in edit["kinds"]:
            snap = edit["from_snapshot"]
            found["removals"].add((s.true_at[(snap, s.position_of[(snap, edit["post"])])], to_cap))
            continue
        snap = edit["to_snapshot"]
        pair = (s.true_at[(snap, s.position_of[(snap, edit["post"])])], to_cap)
        found["edits"].add(pair)
        if "revert" in edit["flags"]:
            found["reverts"].add(pair)
        if "moved" in edit["kinds"]:
            found["moves"].add(pair)
    result: dict[str, Any] = {"identity": identity}
    for kind, got in found.items():
        result[kind] = prf(got, {(p, c) for p, c in truth.get(kind, [])})
    result["suspect_flagged"] = prf(s.suspect, {i for i, c in enumerate(captures) if c["suspect"]})
    stored = set(s.capture_of.values())
    result["not_stored"] = sorted(
        c["file"] for i, c in enumerate(captures) if i not in stored and i not in skipped
    )
    if errors:
        _print_errors(corpus, captures, s, found, truth, errors)
    return result


def _prf_counts(tp: int, predicted: int, truth: int) -> dict[str, float]:
    precision = tp / predicted if predicted else 1.0
    recall = tp / truth if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def _print_errors(
    corpus: Path,
    captures: list[dict[str, Any]],
    s: Stored,
    found: dict[str, set[Pair]],
    truth: dict[str, Any],
    limit: int,
) -> None:
    """Examples of each mistake, with the capture and the true post's place in it."""
    true_of: dict[int, Counter[int]] = defaultdict(Counter)  # tracker post → true posts
    posts_of: dict[int, Counter[int]] = defaultdict(Counter)  # true post → tracker posts
    for (post, true), n in s.cells.items():
        true_of[post][true] += n
        posts_of[true][post] += n
    merged = [(p, t) for p, t in true_of.items() if len(t) > 1]
    split = [(t, p) for t, p in posts_of.items() if len(p) > 1]
    out = sys.stderr
    print(f"merged: {len(merged)} tracker posts hold several true posts", file=out)
    for post, trues in merged[:limit]:
        print(f"  post {post}: true {dict(trues)}", file=out)
    print(f"split: {len(split)} true posts spread over several tracker posts", file=out)
    for true, posts in split[:limit]:
        print(f"  true {true}: posts {dict(posts)}", file=out)
    for kind in ("edits", "reverts", "moves", "removals"):
        want = {(p, c) for p, c in truth.get(kind, [])}
        extra, missed = sorted(found[kind] - want), sorted(want - found[kind])
        print(f"{kind}: {len(extra)} false, {len(missed)} missed", file=out)
        for label, items in (("false", extra), ("missed", missed)):
            for post, cap in items[:limit]:
                c = captures[cap]
                print(f"  {label}: true post {post} in {c['file']} ({c['layout']})", file=out)


def score_peer(corpus: Path, report_path: Path) -> dict[str, Any]:
    """The page-level peer, scored generously: each changed line is attributed to the post it
    belongs to using the ground truth, a post new to the page is not counted as an edit
    claim, and a removal is claimed only for a post none of whose lines remain."""
    from tracker.capture import parse_capture

    truth = json.loads((corpus / "truth.json").read_text())
    captures = truth["captures"]
    index_of = {c["file"]: i for i, c in enumerate(captures)}
    owners = []
    for cap in captures:
        try:
            parsed = parse_capture((corpus / cap["file"]).read_bytes(), cap["file"])
        except Exception:  # a capture the parser refuses: no lines to attribute
            owners.append({})
            continue
        seen: dict[str, int] = {}
        shared: set[str] = set()
        for post_id, post in zip(cap["posts"], parsed.posts, strict=False):
            f = post.fields
            lines = [f.headline, *f.paragraphs, f.published or ""]
            for line in lines:
                if line in seen and seen[line] != post_id:
                    shared.add(line)
                seen[line] = post_id
        owners.append({line: p for line, p in seen.items() if line not in shared})
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
        "edits": prf(edits, {(p, c) for p, c in truth["edits"]}),
        "removals": prf(removals, {(p, c) for p, c in truth["removals"]}),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("db", type=Path)
    parser.add_argument("peer", type=Path, nargs="?")
    parser.add_argument("--errors", type=int, default=0, help="print examples of mistakes")
    args = parser.parse_args()
    result = {"tracker": score_tracker(args.corpus, args.db, args.errors)}
    if args.peer:
        result["peer"] = score_peer(args.corpus, args.peer)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
