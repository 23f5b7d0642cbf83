"""Alembic owns the schema: migrations agree with the models, run on a new database, and a
database behind is refused with the command that fixes it."""

from __future__ import annotations

import json
from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text
from sqlmodel import SQLModel
from typer.testing import CliRunner

from storage import tables  # noqa: F401
from storage.engine import open_engine
from storage.migrate import HEAD, MIGRATIONS, current
from tests.conftest import _pg_database
from tracker.cli import app
from tracker.errors import StorageError


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each kind (the shared fixtures hand out migrated ones)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'new.db'}"
    return str(request.getfixturevalue("empty_pg_url"))


def test_head_names_the_newest_migration() -> None:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD


def test_a_new_database_gets_the_current_schema_on_first_use(any_db: str) -> None:
    engine = open_engine(any_db)
    with engine.connect() as conn:
        assert current(conn) == HEAD
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), SQLModel.metadata
        )
    engine.dispose()
    assert diff == []  # autogenerate would produce nothing


def _schema(url: str) -> dict[str, object]:
    """Everything that defines a database's tables, as comparable values."""
    engine = create_engine(url)
    with engine.connect() as conn:
        found = inspect(conn)
        schema: dict[str, object] = {}
        for table in sorted(found.get_table_names()):
            schema[table] = (
                [
                    (c["name"], str(c["type"]), c["nullable"], c.get("default"))
                    for c in found.get_columns(table)
                ],
                found.get_pk_constraint(table)["constrained_columns"],
                sorted(
                    (f["constrained_columns"], f["referred_table"])
                    for f in found.get_foreign_keys(table)
                ),
                sorted(
                    (i["name"], i["column_names"], i["unique"]) for i in found.get_indexes(table)
                ),
                sorted((u["name"], u["column_names"]) for u in found.get_unique_constraints(table)),
            )
        if conn.dialect.name == "sqlite":
            rows = conn.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'table'"))
            schema["without rowid"] = sorted(n for n, sql in rows if "WITHOUT ROWID" in sql)
    engine.dispose()
    return schema


def test_the_one_step_schema_is_the_migrated_schema(
    any_db: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """A new database is given the models' schema in one step; the migrations must build the
    same one, or a database made today and one upgraded from an older tracker would differ."""
    open_engine(any_db).dispose()
    if any_db.startswith("sqlite"):
        other: Any = nullcontext(f"sqlite:///{tmp_path / 'migrated.db'}")
    else:
        server, _ = request.getfixturevalue("pg_template")
        other = _pg_database(server, "tracker_migrated", None)
    with other as migrated:
        result = CliRunner().invoke(app, ["db", "upgrade", "--db", migrated])
        assert result.exit_code == 0, result.output
        assert _schema(migrated) == _schema(any_db)


def test_a_database_behind_is_refused_naming_the_command(any_db: str) -> None:
    open_engine(any_db).dispose()
    raw = create_engine(any_db)
    with raw.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0000'"))
    raw.dispose()
    with pytest.raises(
        StorageError, match=r"schema revision 0000, this tracker needs .*run `tracker db upgrade`"
    ):
        open_engine(any_db)


def test_a_database_not_made_by_the_migrations_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'other.db'}"
    raw = create_engine(url)
    with raw.begin() as conn:
        conn.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY)"))
    raw.dispose()
    with pytest.raises(StorageError, match="has tables but no schema version"):
        open_engine(url)


def test_db_current_and_upgrade(any_db: str) -> None:
    runner = CliRunner()
    fresh = runner.invoke(app, ["db", "current", "--db", any_db])
    assert fresh.stdout.startswith("none") and "run `tracker db upgrade`" in fresh.stdout
    upgraded = runner.invoke(app, ["db", "upgrade", "--db", any_db])
    assert upgraded.exit_code == 0 and f"to {HEAD}" in upgraded.stderr
    assert runner.invoke(app, ["db", "current", "--db", any_db]).stdout.startswith(f"{HEAD} ")
    again = runner.invoke(app, ["db", "upgrade", "--db", any_db])
    assert "already at revision" in again.stderr
    engine = open_engine(any_db)
    with engine.connect() as conn:
        assert "story" in inspect(conn).get_table_names()
    engine.dispose()


def test_processes_opening_a_new_sqlite_file_together_all_succeed(tmp_path: Path) -> None:
    import subprocess
    import sys
    import time

    url = f"sqlite:///{tmp_path / 'shared.db'}"
    start = time.time() + 3  # every process has finished importing by then: they collide
    code = (
        "import time; from storage.engine import open_engine; "
        f"time.sleep(max(0, {start} - time.time())); open_engine({url!r}).dispose()"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE) for _ in range(6)
    ]
    results = [(p.wait(timeout=60), p.stderr.read().decode() if p.stderr else "") for p in procs]
    assert all(rc == 0 for rc, _ in results), results
    engine = open_engine(url)
    with engine.connect() as conn:
        assert current(conn) == HEAD
    engine.dispose()


def _at_0001(url: str) -> None:
    """A database at schema 0001, as an earlier tracker left it."""
    from alembic import command

    from storage.migrate import _alembic_config

    engine = create_engine(url)
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0001")
    engine.dispose()


def test_a_0001_database_with_history_upgrades_and_keeps_its_posts(any_db: str) -> None:
    from datetime import UTC, datetime

    from tests.html_pages import cnn_page
    from tests.test_native_ids import seed_posts
    from tracker.ingest import Ingestor
    from tracker.keys import fingerprints

    _at_0001(any_db)
    now = datetime(2023, 1, 31, tzinfo=UTC)
    engine = create_engine(any_db)
    with engine.begin() as conn:  # one post with a (then story-wide) native id, seen once
        conn.execute(
            text("INSERT INTO story (id, name, version, created_at) VALUES (1, 's', 1, :t)"),
            {"t": now},
        )
        conn.execute(
            text("INSERT INTO source (id, story_id, name, created_at) VALUES (1, 1, 'jan31', :t)"),
            {"t": now},
        )
        conn.execute(
            text(
                "INSERT INTO snapshot (id, source_id, origin, captured_at, ingested_at, raw_sha256, raw,"
                " layout, parser_version, post_count, text_volume) VALUES (1, 1, 'a.html', :t, :t, 'x', :raw,"
                " 'html', 1, 1, 10)"
            ),
            {"t": now, "raw": b"<html></html>"},
        )
        conn.execute(
            text(
                "INSERT INTO post (id, story_id, native_id, first_snapshot_id) VALUES (1, 1, 'id-0', 1)"
            )
        )
        post = seed_posts("001")[0]
        conn.execute(
            text(
                "INSERT INTO revision (id, post_id, story_id, snapshot_id, content_hash, fields_hash, layout,"
                " headline, body, captions, credits, published, byline, captions_certain)"
                " VALUES (1, 1, 1, 1, :c, :f, 'html', :h, :b, '[]', NULL, :p, :by, true)"
            ),
            {
                "c": post.content_hash,
                "f": "old",
                "h": post.headline,
                "b": json.dumps(list(post.body)),
                "p": post.published,
                "by": post.byline,
            },
        )
        conn.execute(
            text(
                "INSERT INTO postpage (post_id, source_id, revision_id, snapshot_id) VALUES (1, 1, 1, 1)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO sighting (snapshot_id, position, post_id, revision_id) VALUES (1, 0, 1, 1)"
            )
        )
        if conn.dialect.name == "postgresql":  # rows given ids: move the id sequences past them
            for table in ("story", "source", "snapshot", "post", "revision"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 1)"))
    engine.dispose()
    result = CliRunner().invoke(app, ["db", "upgrade", "--db", any_db])
    assert result.exit_code == 0, result.output
    engine = open_engine(any_db)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT source_id, native_id, post_id FROM nativeid")).all() == [
            (1, "id-0", 1)
        ]
        # Term statistics and fingerprints of the stored revision were computed.
        assert conn.execute(text("SELECT posts FROM story")).scalar_one() == 1
        assert conn.execute(text("SELECT max(df) FROM term")).scalar_one() == 1
        as_stored = replace(post, captions=(), credits=None)
        assert conn.execute(text("SELECT count(*) FROM term")).scalar_one() == len(as_stored.terms)
        stored = set(conn.execute(text("SELECT fp FROM fingerprint")).scalars())
        assert stored == set(fingerprints(as_stored))
    # The next capture of the page: the post's id on the page still names post 1.
    reworded = replace(post, body=("A new first paragraph of the post.", *post.body[1:]))
    page = cnn_page("January 31 page", [reworded], ["id-0"])
    with Ingestor(engine, "s") as ingestor:
        stored = ingestor.ingest_bytes(page, "b.html", source="jan31", parser="cnn-live")
    assert (stored.new_posts, stored.edits) == (0, 1)
    engine.dispose()
