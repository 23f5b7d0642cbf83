"""Open the database: SQLite by default (WAL, foreign keys on), PostgreSQL by URL."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from tracker.errors import StorageError

DEFAULT_URL = "sqlite:///tracker.db"
# SQLite runs one transaction at a time (every one begins IMMEDIATE), so more connections than
# this only wait on its lock, each holding its own page cache and prepared statements.
SQLITE_POOL_SIZE = 4
SCHEMA_LOCK = 0x7472_6B72  # "trkr": the advisory lock held while the schema is set up
SOURCES_LOCK = SCHEMA_LOCK + 1  # held while config sources are synced into the watch table
ENDPOINTS_LOCK = SCHEMA_LOCK + 2  # held while webhook endpoint state changes


def serialize(conn: Any, key: int) -> None:
    """Make concurrent transactions that do the same check-then-write take turns: a
    transaction-scoped advisory lock on PostgreSQL; SQLite's BEGIN IMMEDIATE already does."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def redact(url: str) -> str:
    """The URL with any password masked, for messages."""
    return re.sub(r"(://[^:/@]+:)[^@]+@", r"\1***@", url)


def open_engine(url: str, pool_size: int = 5, migrate: bool = True) -> Engine:
    """An engine with the schema in place; StorageError naming the URL if it can't be used.

    ``pool_size``: connections kept open; a daemon on PostgreSQL needs one per worker and a
    few more. SQLite keeps at most SQLITE_POOL_SIZE: threads wait for one in turn.
    ``migrate``: check the schema version (and migrate a new database); `tracker db` doesn't.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StorageError(f"database URL {url!r} is not a valid SQLAlchemy URL") from None
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = _sqlite_engine(url, parsed.database, pool_size)
        else:
            engine = create_engine(url, pool_pre_ping=True, pool_size=pool_size, max_overflow=10)
        if migrate:
            _ensure_schema_retrying(engine)
        else:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
    except (SQLAlchemyError, ImportError, OSError) as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise StorageError(f"cannot open database {redact(url)}: {reason}") from None
    return engine


def _ensure_schema_retrying(engine: Engine, attempts: int = 8) -> None:
    """Set up or check the schema. Several processes opening one new SQLite file at once can
    see it locked while another switches it to WAL and migrates it: wait a moment and retry."""
    from storage.migrate import ensure_schema

    for attempt in range(attempts):
        try:
            ensure_schema(engine)
            return
        except OperationalError as exc:
            locked = "locked" in str(exc.orig or exc) and engine.dialect.name == "sqlite"
            if not locked or attempt == attempts - 1:
                raise
            engine.dispose()  # drop connections opened in the middle of the other's set-up
            time.sleep(0.1 * 2**attempt)


def _sqlite_engine(url: str, database: str | None, pool_size: int) -> Engine:
    memory = not database or database == ":memory:"
    if not memory and database:
        folder = Path(database).expanduser().parent
        if not folder.is_dir():
            raise StorageError(f"cannot open database {url}: folder {folder} does not exist")
    kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": 30}}
    if memory:
        kwargs["poolclass"] = StaticPool
    else:
        # Waiting for a connection replaces waiting for the lock: allow as long (busy_timeout).
        kwargs.update(pool_size=min(pool_size, SQLITE_POOL_SIZE), max_overflow=0, pool_timeout=60)
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, emit BEGIN, so that it can be BEGIN IMMEDIATE.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        # The busy timeout first: switching a new file to WAL needs a lock that another process
        # setting the same file up may hold.
        cursor.execute("PRAGMA busy_timeout=30000")
        if not memory:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # 256 KiB of page cache per connection (SQLite's default is 2 MiB): a daemon holds a
        # connection per worker, each cache filling as the file grows (measured in the soak),
        # and the file's pages stay in the kernel's cache anyway.
        cursor.execute("PRAGMA cache_size=-256")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Take the write lock at the start: a snapshot's reads and writes are one unit.
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
