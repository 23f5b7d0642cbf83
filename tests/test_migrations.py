"""Alembic owns the schema: migrations agree with the models, run on a new database, and a
database behind is refused with the command that fixes it."""

from __future__ import annotations

from pathlib import Path

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


def test_a_new_database_is_migrated_on_first_use_and_matches_the_models(any_db: str) -> None:
    engine = open_engine(any_db)
    with engine.connect() as conn:
        assert current(conn) == HEAD
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), SQLModel.metadata
        )
    engine.dispose()
    assert diff == []  # autogenerate would produce nothing


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
