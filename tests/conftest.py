"""Shared fixtures: the seed captures, temp-file SQLite databases, a CLI runner."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from storage.engine import open_engine
from tracker.ingest import Ingestor

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
BASE_TIME = datetime(2023, 2, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def seed_files() -> list[Path]:
    return list(SEED_FILES)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'tracker.db'}"


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


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database for one test, dropped afterwards. Needs
    TRACKER_TEST_POSTGRES, the server to use, e.g. postgresql+psycopg://root@127.0.0.1:5432/test."""
    import os
    import uuid

    base = os.environ.get("TRACKER_TEST_POSTGRES")
    if not base:
        pytest.skip("TRACKER_TEST_POSTGRES is not set: no PostgreSQL server to test against")
    import psycopg
    from sqlalchemy.engine import make_url

    server = make_url(base)
    name = f"tracker_test_{uuid.uuid4().hex[:12]}"
    admin = server.set(drivername="postgresql", database="postgres").render_as_string(
        hide_password=False
    )
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,)
            )
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
