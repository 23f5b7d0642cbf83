"""`tracker report` over a large history on PostgreSQL.

    python benchmarks/report_scale.py [--server postgresql+psycopg://root@127.0.0.1:5432/postgres]
                                      [--revisions 1000000] [--repeat 5]

Creates a database (dropped afterwards), migrates it, and fills one story with --revisions
revisions (10 per post), an edit for every revision after a post's first, 30 pages and 30,000
snapshots, with SQL's generate_series. Then times `tracker report` as a whole process and its
queries in this process, for the default view and with filters, and prints a Markdown section
for benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from storage.engine import open_engine  # noqa: E402
from storage.reads import recent_edits, suspect_snapshots  # noqa: E402

FILL = """
INSERT INTO story (id, name, version, created_at) VALUES (1, 'big', 1, now());
INSERT INTO source (id, story_id, name, url, created_at)
  SELECT g, 1, 'Page ' || g, NULL, now() FROM generate_series(1, 30) g;
INSERT INTO snapshot (id, source_id, origin, captured_at, ingested_at, raw_sha256, raw, layout,
                      parser_version, declared_count, post_count, text_volume, suspect)
  SELECT g, 1 + g % 30, 'capture-' || g || '.txt', now() - interval '1 minute' * (30000 - g), now(),
         md5(g::text), ''::bytea, 'A', 1, NULL, 30, 30000, NULL
  FROM generate_series(1, 30000) g;
INSERT INTO post (id, story_id, native_id, first_snapshot_id)
  SELECT g, 1, NULL, 1 + g % 30000 FROM generate_series(1, {posts}) g;
INSERT INTO revision (id, post_id, story_id, snapshot_id, content_hash, fields_hash, layout, headline,
                      body, captions, credits, published, byline, captions_certain)
  SELECT g, 1 + (g - 1) % {posts}, 1, 1 + ((g - 1)::bigint * 30000 / {revisions}), md5(g::text), md5((g * 7)::text),
         'A', 'Headline of post ' || (1 + (g - 1) % {posts}) || ' about the fighting near the city',
         '["Officials said the front line held overnight as shelling continued.", "Aid convoys reached residents."]'::json,
         '[]'::json, NULL, '7:16 a.m. ET, January 31, 2023', 'From CNN staff', true
  FROM generate_series(1, {revisions}) g;
INSERT INTO edit (id, story_id, post_id, from_snapshot_id, to_snapshot_id, from_revision_id, to_revision_id,
                  significance, kinds, flags, changes, summary)
  SELECT g - {posts}, 1, 1 + (g - 1) % {posts}, 1 + ((g - {posts} - 1)::bigint * 30000 / {revisions}),
         1 + ((g - 1)::bigint * 30000 / {revisions}), g - {posts}, g,
         CASE WHEN g % 10 < 7 THEN 'substantive' ELSE 'typographic' END,
         '["body"]'::json, '["numbers_changed"]'::json,
         '{{"body": [["=", "Two people were killed "], ["-", "in the last few hours"], ["+", "Tuesday"]]}}'::json,
         '["\\"in the last few hours\\" → \\"Tuesday\\""]'::json
  FROM generate_series({posts} + 1, {revisions}) g;
"""


def admin(server, statement: str) -> None:  # type: ignore[no-untyped-def]
    url = server.set(drivername="postgresql", database="postgres").render_as_string(
        hide_password=False
    )
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(statement)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default="postgresql+psycopg://root@127.0.0.1:5432/postgres")
    parser.add_argument("--revisions", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    server = make_url(args.server)
    name = f"tracker_bench_{uuid.uuid4().hex[:8]}"
    admin(server, f'CREATE DATABASE "{name}"')
    url = server.set(database=name).render_as_string(hide_password=False)
    try:
        engine = open_engine(url)
        started = time.monotonic()
        raw = server.set(drivername="postgresql", database=name).render_as_string(
            hide_password=False
        )
        posts = args.revisions // 10
        with psycopg.connect(raw, autocommit=True) as conn:
            conn.execute(FILL.format(posts=posts, revisions=args.revisions))
            conn.execute("ANALYZE")
            counts = {
                t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[index]
                for t in ("post", "revision", "edit", "snapshot")
            }
        fill_s = time.monotonic() - started

        cases = {
            "default (substantive, latest 100)": {
                "story": None,
                "since": None,
                "significance": "substantive",
            },
            "--story big --significance all": {"story": "big", "since": None, "significance": None},
            "--since 6h": {
                "story": None,
                "since": datetime.now(UTC) - timedelta(hours=6),
                "significance": "substantive",
            },
        }
        in_process = {}
        for label, options in cases.items():
            times = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                with engine.connect() as conn:
                    edits, _ = recent_edits(conn, limit=100, **options)  # type: ignore[arg-type]
                    suspect_snapshots(conn, options["story"])  # type: ignore[arg-type]
                times.append(time.perf_counter() - t)
            in_process[label] = (statistics.median(times), len(edits))
        engine.dispose()

        tracker = Path(sys.executable).with_name("tracker")
        env = {**os.environ, "TRACKER_DB": url, "TRACKER_CONFIG": ""}
        walls = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            out = subprocess.run(
                [str(tracker), "report"], env=env, capture_output=True, text=True, check=True
            )
            walls.append(time.perf_counter() - t)
        shown = out.stderr.strip().splitlines()[0] if out.stderr.strip() else ""
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", "import tracker.cli, storage.engine, storage.reads"], check=True
        )
        import_s = time.perf_counter() - t
    finally:
        admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    print(f"\n### `tracker report` at scale on PostgreSQL — {time.strftime('%Y-%m-%d')}\n")
    print(
        f"Command: `.venv/bin/python benchmarks/report_scale.py --revisions {args.revisions} --repeat {args.repeat}`  "
    )
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        "PostgreSQL 15 on the same machine.  "
    )
    print(
        f"Data: {counts['revision']:,} revisions, {counts['edit']:,} edits, {counts['post']:,} posts, "
        f"{counts['snapshot']:,} snapshots in one story (filled in {fill_s:.0f} s).\n"
    )
    print("| measure | median of runs |\n| --- | --- |")
    print(
        f"| `tracker report` (latest 100 substantive edits), whole process | {statistics.median(walls):.2f} s ({shown}) |"
    )
    print(
        f"| of which Python start-up and imports (`import tracker.cli, storage.engine, storage.reads`) | {import_s:.2f} s |"
    )
    for label, (seconds, n) in in_process.items():
        print(f"| report queries in-process, {label} | {seconds * 1000:.0f} ms ({n} edits) |")


if __name__ == "__main__":
    main()
