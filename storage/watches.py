"""The watch table: polled sources, their schedule, and leases shared by several daemons.

Claiming takes due rows under a lease in one short transaction: ``BEGIN IMMEDIATE`` on SQLite
(the engine begins every transaction that way), ``SELECT … FOR UPDATE SKIP LOCKED`` on
PostgreSQL, so no two daemons ever hold the same source at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, delete, func, insert, or_, select, update

from storage.engine import SOURCES_LOCK, serialize
from storage.tables import Watch

watch_t = Watch.__table__  # type: ignore[attr-defined]
SETTINGS = ("url", "story", "parser", "every_seconds", "selectors", "enabled")


def all_watches(conn: Connection) -> list[Any]:
    return list(conn.execute(select(watch_t).order_by(watch_t.c.name)))


def find(conn: Connection, name: str) -> Any:
    return conn.execute(select(watch_t).where(watch_t.c.name == name)).first()


def add(conn: Connection, values: dict[str, Any], now: datetime) -> None:
    conn.execute(insert(watch_t).values(**values, created_at=now, next_due_at=now))


def remove(conn: Connection, name: str) -> None:
    conn.execute(delete(watch_t).where(watch_t.c.name == name))


def sync(conn: Connection, configured: Sequence[dict[str, Any]], now: datetime) -> None:
    """Make the rows from config.toml match it: add new ones, update changed settings (a
    changed URL or interval is due at once), drop ones no longer configured."""
    serialize(conn, SOURCES_LOCK)  # daemons starting together sync one at a time
    existing = {
        r.name: r for r in conn.execute(select(watch_t).where(watch_t.c.origin == "config"))
    }
    names = {c["name"] for c in configured}
    for values in configured:
        row = existing.get(values["name"])
        if row is None:
            clash = find(conn, values["name"])
            if clash is not None:  # a CLI-added source of the same name: config wins
                remove(conn, values["name"])
            add(conn, {**values, "origin": "config"}, now)
            continue
        changed = {k: values[k] for k in SETTINGS if getattr(row, k) != values[k]}
        if changed:
            conn.execute(
                update(watch_t).where(watch_t.c.id == row.id).values(**changed, next_due_at=now)
            )
    gone = [name for name in existing if name not in names]
    if gone:
        conn.execute(delete(watch_t).where(watch_t.c.origin == "config", watch_t.c.name.in_(gone)))


def claim_due(
    conn: Connection,
    owner: str,
    now: datetime,
    lease_seconds: float,
    limit: int,
    due_by: datetime | None = None,
) -> list[Any]:
    """Take up to ``limit`` enabled, unleased sources due by ``due_by`` (default ``now``) for
    ``owner``. Call inside a transaction; the lease holds once it commits."""
    due = (
        watch_t.c.enabled.is_(True),
        watch_t.c.next_due_at <= (due_by or now),
        or_(watch_t.c.lease_until.is_(None), watch_t.c.lease_until < now),
    )
    # Leave work for other daemons: take at most half of what is due (at least one). A lone
    # daemon still claims everything within a few ticks; several interleave.
    count = conn.execute(select(func.count()).select_from(watch_t).where(*due)).scalar_one()
    query = (
        select(watch_t)
        .where(*due)
        .order_by(watch_t.c.next_due_at)
        .limit(max(1, min(limit, (count + 1) // 2)))
    )
    if conn.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    rows = list(conn.execute(query))
    if rows:
        conn.execute(
            update(watch_t)
            .where(watch_t.c.id.in_([r.id for r in rows]))
            .values(lease_owner=owner, lease_until=now + timedelta(seconds=lease_seconds))
        )
    return rows


def finish(conn: Connection, watch_id: int, owner: str, values: dict[str, Any]) -> bool:
    """Record a poll and release the lease. False if the lease was lost meanwhile (it expired
    and another daemon took the source): then nothing is written."""
    result = conn.execute(
        update(watch_t)
        .where(watch_t.c.id == watch_id, watch_t.c.lease_owner == owner)
        .values(**values, lease_owner=None, lease_until=None)
    )
    return result.rowcount == 1


def release(conn: Connection, owner: str) -> None:
    """Give back every lease ``owner`` holds (a clean shutdown)."""
    conn.execute(
        update(watch_t)
        .where(watch_t.c.lease_owner == owner)
        .values(lease_owner=None, lease_until=None)
    )
