"""The `tracker` command end to end: CliRunner over a temp-file SQLite database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, CursorResult, Engine, event
from typer.testing import CliRunner

from storage.reads import export_edits, export_posts, export_snapshots
from tests.conftest import SEED_FILES
from tracker.cli import app


def run(runner: CliRunner, *args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env=env)


@pytest.fixture
def seeded_db(runner: CliRunner, db_url: str) -> str:
    result = run(runner, "ingest", "--db", db_url, "--story", "cnn-ukraine", *map(str, SEED_FILES))
    assert result.exit_code == 0, result.output
    return db_url


def export(runner: CliRunner, db_url: str) -> dict:  # type: ignore[type-arg]
    result = run(runner, "export", "--db", db_url)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_ingest_prints_one_line_per_file(runner: CliRunner, db_url: str) -> None:
    result = run(runner, "ingest", "--db", db_url, *map(str, SEED_FILES))
    assert result.exit_code == 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 5
    assert lines[2].startswith(
        "002_7b174b76a0878438.txt [February 1, 2023 Russia-Ukraine news] snapshot 3"
    )


def test_report_shows_the_bakhmut_edit_with_word_markers(runner: CliRunner, seeded_db: str) -> None:
    result = run(runner, "report", "--db", seeded_db)
    assert result.exit_code == 0
    out = result.stdout
    assert (
        "[-January 31, 2023 Russia-Ukraine news-] → {+February 1, 2023 Russia-Ukraine news+}" in out
    )
    assert "[-11:44 a.m. ET, January 31, 2023-] → {+11:24 p.m. ET, January 31, 2023+}" in out
    assert (
        "Two people were killed [-in the last few hours-]{+Tuesday+}, including "
        "[-one underage boy-]{+a child+}, Kyrylenko [-says-]{+said+} on Telegram." in out
    )
    assert "\x1b[" not in out  # no colour codes when not a terminal


def test_report_formats(runner: CliRunner, seeded_db: str) -> None:
    as_json = json.loads(run(runner, "report", "--db", seeded_db, "--format", "json").stdout)
    bakhmut = [e for e in as_json if "Bakhmut into" in e["headline"] and "moved" in e["kinds"]]
    assert bakhmut and bakhmut[0]["summary"][:0] == []
    assert '"one underage boy" → "a child"' in bakhmut[0]["summary"]
    markdown = run(runner, "report", "--db", seeded_db, "--format", "markdown").stdout
    assert "killed ~~in the last few hours~~**Tuesday**, including" in markdown


def test_report_filters(runner: CliRunner, seeded_db: str) -> None:
    substantive = json.loads(run(runner, "report", "--db", seeded_db, "--format", "json").stdout)
    everything = json.loads(
        run(runner, "report", "--db", seeded_db, "--format", "json", "--significance", "all").stdout
    )
    assert len(everything) >= len(substantive) > 0
    assert all(e["significance"] == "substantive" for e in substantive)
    assert [e["id"] for e in substantive] == sorted((e["id"] for e in substantive), reverse=True)
    future = run(runner, "report", "--db", seeded_db, "--since", "2999-01-01", "--format", "json")
    assert json.loads(future.stdout) == []
    other_story = run(runner, "report", "--db", seeded_db, "--story", "nope", "--format", "json")
    assert json.loads(other_story.stdout) == []
    assert (
        len(
            json.loads(
                run(runner, "report", "--db", seeded_db, "--format", "json", "--limit", "2").stdout
            )
        )
        == 2
    )


def test_history_lists_every_revision_with_its_diffs(runner: CliRunner, seeded_db: str) -> None:
    data = export(runner, seeded_db)
    bakhmut = next(
        e["post"]
        for e in data["edits"]
        if "moved" in e["kinds"] and "Bakhmut into" in e["headline"]
    )
    result = run(runner, "history", str(bakhmut), "--db", seeded_db)
    assert result.exit_code == 0
    assert result.stdout.count("revision ") == 3
    assert "[-one underage boy-]{+a child+}" in result.stdout


def test_export_follows_the_contract(runner: CliRunner, seeded_db: str) -> None:
    data = export(runner, seeded_db)
    assert {"snapshots", "posts", "edits"} <= set(data)
    first = data["snapshots"][0]
    assert first["origin"] == "000_9eb4ab88addeb4a8.txt"
    assert first["source"] == "January 31, 2023 Russia-Ukraine news"
    assert first["captured_at"].endswith("Z")
    assert all({"id", "sightings"} <= set(p) for p in data["posts"])
    assert all({"snapshot", "position"} <= set(s) for p in data["posts"] for s in p["sightings"])
    edit = next(
        e for e in data["edits"] if "moved" in e["kinds"] and "Bakhmut into" in e["headline"]
    )
    assert {"post", "from_snapshot", "to_snapshot", "significance", "kinds", "changes"} <= set(edit)
    assert ["=", "Two people were killed "] in edit["changes"]["body"] or any(
        seg[0] == "=" and seg[1].endswith("Two people were killed ")
        for seg in edit["changes"]["body"]
    )
    assert ["-", "in the last few hours"] in edit["changes"]["body"]
    assert ["+", "Tuesday"] in edit["changes"]["body"]
    assert edit["changes"]["published"] == {
        "from": "11:44 a.m. ET, January 31, 2023",
        "to": "11:24 p.m. ET, January 31, 2023",
    }
    posts = {p["id"]: p for p in data["posts"]}
    sighted = {s["snapshot"] for s in posts[edit["post"]]["sightings"]}
    assert {edit["from_snapshot"], edit["to_snapshot"]} <= sighted


def test_export_to_a_file(runner: CliRunner, seeded_db: str, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    assert run(runner, "export", "--db", seeded_db, "-o", str(target)).exit_code == 0
    assert json.loads(target.read_text())["edits"]


@pytest.mark.parametrize("exporter", [export_snapshots, export_posts, export_edits])
def test_an_export_abandoned_half_way_closes_its_rows(
    seeded: Engine, exporter: Callable[[Connection, str | None], Iterator[object]]
) -> None:
    """A closed pipe or a full disk stops an export after its first rows: the rows read in
    batches are closed with the generator, and later queries on the connection stream no more."""
    results: list[CursorResult[Any]] = []

    def remember(conn: Connection, *args: Any) -> None:
        results.append(args[-1])

    with seeded.connect() as conn:
        event.listen(conn, "after_execute", remember)
        rows = exporter(conn, None)
        next(rows)
        rows.close()
        assert results and all(result.closed for result in results)
        assert all(result.context.execution_options.get("yield_per") for result in results)
        assert not conn.get_execution_options().get("yield_per")


BAD_CAPTURES = {
    "empty.txt": (b"", "the file is empty"),
    "photo.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    "latin1.txt": ("Caf\u00e9 news\n".encode("latin-1"), "not valid UTF-8"),
    "noposts.txt": (b"Some page\n\nJust a paragraph of text.\n", "no posts"),
    "truncated.txt": (
        SEED_FILES[1].read_bytes()[:2000].rsplit(b"\n", 3)[0]
        + b"\n7:16 a.m. ET, January 31, 2023\n",
        "truncated",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_CAPTURES))
def test_bad_captures_fail_clearly_and_store_nothing(
    runner: CliRunner, seeded_db: str, tmp_path: Path, name: str
) -> None:
    data, problem = BAD_CAPTURES[name]
    path = tmp_path / name
    path.write_bytes(data)
    before = export(runner, seeded_db)
    result = run(runner, "ingest", "--db", seeded_db, "--story", "cnn-ukraine", str(path))
    assert result.exit_code == 1
    assert f"{path}: " in result.stderr and problem in result.stderr
    assert export(runner, seeded_db) == before


def test_a_bad_file_among_good_ones_is_skipped_and_fails_the_command(
    runner: CliRunner, db_url: str, tmp_path: Path
) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = run(runner, "ingest", "--db", db_url, str(SEED_FILES[0]), str(bad), str(SEED_FILES[1]))
    assert result.exit_code == 1
    assert len(export(runner, db_url)["snapshots"]) == 2


def test_a_missing_file_stops_before_anything_is_written(
    runner: CliRunner, db_url: str, tmp_path: Path
) -> None:
    result = run(runner, "ingest", "--db", db_url, str(SEED_FILES[0]), str(tmp_path / "nope.txt"))
    assert result.exit_code == 1
    assert "nope.txt: no such file" in result.stderr
    assert export(runner, db_url)["snapshots"] == []


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "sqlite:////no/such/folder/tracker.db",
            "cannot open database sqlite:////no/such/folder/tracker.db",
        ),
        (
            "postgresql+psycopg://tracker:secret@127.0.0.1:1/none",
            "cannot open database postgresql+psycopg://tracker:***@127.0.0.1:1/none",
        ),
        ("not a url", "is not a valid SQLAlchemy URL"),
    ],
)
def test_an_unreachable_database_is_named(runner: CliRunner, url: str, message: str) -> None:
    result = run(runner, "report", "--db", url)
    assert result.exit_code == 1
    assert message in result.stderr
    assert "secret" not in result.stderr


def test_a_bad_time_option_is_named(runner: CliRunner, db_url: str) -> None:
    result = run(runner, "ingest", "--db", db_url, "--captured-at", "yesterday", str(SEED_FILES[0]))
    assert result.exit_code == 1 and "--captured-at" in result.stderr


def test_database_url_precedence(runner: CliRunner, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[storage]\nurl = "sqlite:///from-config.db"\n')
    env_db = tmp_path / "from-env.db"
    result = run(
        runner,
        "ingest",
        "--config",
        str(config),
        str(SEED_FILES[0]),
        env={"TRACKER_DB": f"sqlite:///{env_db}"},
    )
    assert result.exit_code == 0 and env_db.exists()
    assert not (tmp_path / "from-config.db").exists()
    result = run(
        runner, "ingest", "--config", str(config), str(SEED_FILES[0]), env={"TRACKER_DB": ""}
    )
    assert result.exit_code == 0 and (tmp_path / "from-config.db").exists()


def test_ingest_without_files_reads_the_config_sources(runner: CliRunner, tmp_path: Path) -> None:
    captures = tmp_path / "captures"
    captures.mkdir()
    for path in SEED_FILES:
        (captures / path.name).write_bytes(path.read_bytes())
    config = tmp_path / "config.toml"
    config.write_text(
        '[storage]\nurl = "sqlite:///t.db"\n\n[[sources]]\nname = "cnn"\nstory = "cnn-ukraine"\nfiles = "captures/*.txt"\n'
    )
    result = run(runner, "ingest", "--config", str(config), env={"TRACKER_DB": ""})
    assert result.exit_code == 0, result.output
    assert len(result.stderr.strip().splitlines()) == 5


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[storage]\nurll = "x"\n', "unknown key 'storage.urll'"),
        ('colour = "red"\n', "unknown key 'colour'"),
        ('[[sources]]\nname = "a"\n', "needs exactly one of 'files' or 'url'"),
        (
            '[[sources]]\nname = "a"\nfiles = "x"\nenabled = "yes"\n',
            "'sources[0].enabled' must be true or false",
        ),
        ("[storage\n", "is not valid TOML"),
    ],
)
def test_bad_config_keys_are_named_with_the_file(
    runner: CliRunner, tmp_path: Path, toml: str, message: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(toml)
    result = run(runner, "report", "--config", str(config), "--db", "sqlite://")
    assert result.exit_code == 1
    assert str(config) in result.stderr and message in result.stderr


def test_the_console_script_runs_as_a_real_process(tmp_path: Path) -> None:
    env = {**os.environ, "TRACKER_DB": f"sqlite:///{tmp_path / 'p.db'}", "TRACKER_CONFIG": ""}
    cmd = [
        sys.executable,
        "-m",
        "tracker",
        "ingest",
        str(SEED_FILES[0]),
        str(tmp_path / "missing.txt"),
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=tmp_path, check=False)
    assert result.returncode == 1
    assert "missing.txt: no such file" in result.stderr


def test_ingest_html_files_with_an_html_parser(
    runner: CliRunner, db_url: str, tmp_path: Path
) -> None:
    from tests.html_pages import cnn_page
    from tests.test_native_ids import seed_posts

    files = []
    for day, name, scope in (
        ("001", "January 31, 2023 Russia-Ukraine news", "a"),
        ("002", "February 1, 2023 Russia-Ukraine news", "b"),
    ):
        posts = seed_posts(day)
        path = tmp_path / f"{day}.html"
        path.write_bytes(cnn_page(name, posts, [f"{scope}-{n}" for n in range(len(posts))]))
        files.append(str(path))
    result = run(runner, "ingest", "--db", db_url, "--parser", "cnn-live", *files)
    assert result.exit_code == 0, result.output
    assert "snapshot 2: 6 posts, 4 new, 2 edits, 0 removals" in result.stderr
    report = run(runner, "report", "--db", db_url).stdout
    assert "[-one underage boy-]{+a child+}" in report
    wrong = run(runner, "ingest", "--db", db_url, "--parser", "capture", files[0])
    assert wrong.exit_code == 1 and "001.html" in wrong.stderr
