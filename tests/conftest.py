"""Shared fixtures: the seed captures, temp-file SQLite databases, a CLI runner."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from storage.engine import open_engine
from tests.live_site import wait_until
from tracker.ingest import Ingestor

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
BASE_TIME = datetime(2023, 2, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Every test that uses the database runs on SQLite, and on PostgreSQL when
    TRACKER_TEST_POSTGRES names a server (skipped, saying so, when it does not)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tracker.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = open_engine(db_url)
    yield eng
    eng.dispose()


class Clock:
    """A clock the tests move by hand: one minute per reading."""

    def __init__(self, start: datetime = BASE_TIME) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def make_ingestor(engine: Engine) -> Callable[..., Ingestor]:
    def make(story: str = "cnn-ukraine") -> Ingestor:
        return Ingestor(engine, story, clock=Clock())

    return make


@pytest.fixture
def seeded(engine: Engine, make_ingestor: Callable[..., Ingestor]) -> Engine:
    """The five seed captures ingested in order into a fresh database."""
    ingestor = make_ingestor()
    for path in SEED_FILES:
        ingestor.ingest_bytes(path.read_bytes(), path.name)
    return engine


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def pg_template() -> Iterator[tuple[Any, str]]:
    """A migrated database to copy: CREATE DATABASE … TEMPLATE is much faster than migrating."""
    import os
    import uuid

    base = os.environ.get("TRACKER_TEST_POSTGRES")
    if not base:
        pytest.skip("TRACKER_TEST_POSTGRES is not set: no PostgreSQL server to test against")
    from sqlalchemy.engine import make_url

    server = make_url(base)
    template = f"tracker_template_{uuid.uuid4().hex[:8]}"
    _pg_admin(server, f'CREATE DATABASE "{template}"')
    engine = open_engine(server.set(database=template).render_as_string(hide_password=False))
    engine.dispose()
    try:
        yield server, template
    finally:
        _pg_admin(server, f'DROP DATABASE IF EXISTS "{template}"')


def _pg_admin(server: Any, statement: str, *params: object) -> None:
    import psycopg

    admin = server.set(drivername="postgresql", database="postgres").render_as_string(
        hide_password=False
    )
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(statement, params or None)


@contextmanager
def _pg_database(server: Any, prefix: str, template: str | None) -> Iterator[str]:
    """A new database on the test server (a copy of ``template``, or empty), dropped after."""
    import uuid

    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    copy = f' TEMPLATE "{template}"' if template else ""
    _pg_admin(server, f'CREATE DATABASE "{name}"{copy}')
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        _pg_admin(
            server,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
            name,
        )
        _pg_admin(server, f'DROP DATABASE IF EXISTS "{name}"')


@pytest.fixture
def pg_url(pg_template: tuple[Any, str]) -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for one test."""
    server, template = pg_template
    with _pg_database(server, "tracker_test", template) as url:
        yield url


@pytest.fixture
def empty_pg_url(pg_template: tuple[Any, str]) -> Iterator[str]:
    """A fresh PostgreSQL database with nothing in it (for the migration tests)."""
    server, _ = pg_template
    with _pg_database(server, "tracker_empty", None) as url:
        yield url


def wait_for_line(log: Path, text: str, timeout: float = 20.0) -> None:
    """Until a process's log holds ``text``: its start-up time varies with the machine's load."""
    wait_until(lambda: text in log.read_text(errors="replace"), timeout, f"{text} in {log.name}")
