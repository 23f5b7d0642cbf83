"""The schema's version: Alembic owns it.

A new, empty database gets the current schema on first use (the models' tables stamped at the
newest revision: what the migrations build, in one step); a database whose schema is behind
is refused with a message naming `tracker db upgrade`, which runs the migrations. The
check on every start reads the ``alembic_version`` table directly (Alembic itself is slow to
import, and only loaded to migrate).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, inspect, text

from storage.engine import SCHEMA_LOCK, redact, serialize
from tracker.errors import StorageError

HEAD = "0003"  # the newest migration; tests check it against storage/migrations/versions
MIGRATIONS = Path(__file__).parent / "migrations"


def current(conn: Connection) -> str | None:
    """The database's schema revision, or None when it has no alembic_version table."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _alembic_config(conn: Connection) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    return config


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Run the migrations up to HEAD; (revision before, revision after)."""
    from alembic import command

    with engine.connect() as conn, _foreign_keys_deferred(conn), conn.begin():
        serialize(conn, SCHEMA_LOCK)  # one process at a time
        before = current(conn)
        command.upgrade(_alembic_config(conn), "head")
        _check_foreign_keys(conn)
        return before, current(conn) or "?"


@contextmanager
def _foreign_keys_deferred(conn: Connection) -> Iterator[None]:
    """SQLite alters a table by copying it and dropping the old one, which its foreign keys
    forbid; they can only be switched off outside a transaction, so around the migration (and
    checked before it commits)."""
    if conn.dialect.name != "sqlite":
        yield
        return
    raw = conn.connection.dbapi_connection
    assert raw is not None
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


def _check_foreign_keys(conn: Connection) -> None:
    if conn.dialect.name == "sqlite" and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
        raise StorageError("the migration left rows whose foreign keys point nowhere")


def ensure_schema(engine: Engine) -> None:
    """Give a new, empty database the current schema; refuse one whose schema is not the
    current one."""
    with engine.connect() as conn:
        revision = current(conn)
        empty = revision is None and not inspect(conn).get_table_names()
    if revision == HEAD:
        return
    if empty:
        create_current(engine)
        return
    url = redact(engine.url.render_as_string(hide_password=False))
    if revision is None:
        raise StorageError(
            f"database {url} has tables but no schema version: it was not made by tracker's "
            "migrations; use a new database"
        )
    raise StorageError(
        f"database {url} is at schema revision {revision}, this tracker needs {HEAD}: "
        "run `tracker db upgrade` (back up the database first)"
    )


def create_current(engine: Engine) -> None:
    """The current schema in one step, for a new, empty database: the models' tables, stamped
    at HEAD. It is the schema the migrations build from nothing (tests compare the two), in
    a fraction of the time: a new database is what a first `tracker ingest` opens. Processes
    starting together take turns, and the later ones find the work done."""
    from sqlmodel import SQLModel

    from storage import tables  # noqa: F401  (registers the tables on SQLModel.metadata)

    with engine.begin() as conn:
        serialize(conn, SCHEMA_LOCK)
        if current(conn) is not None or inspect(conn).get_table_names():
            return
        SQLModel.metadata.create_all(conn)
        conn.execute(
            text(
                "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
            )
        )
        conn.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": HEAD})
