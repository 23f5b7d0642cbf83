"""The delivery outbox and endpoint state.

Deliveries are claimed like sources: under a lease, in one short transaction (``BEGIN
IMMEDIATE`` on SQLite, ``FOR UPDATE SKIP LOCKED`` on PostgreSQL). An endpoint with a
delivery in flight is skipped, and an endpoint's due deliveries go out in the order they were
written, so one endpoint sees its events in order while it is healthy, and a slow endpoint
holds up no other.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, and_, func, insert, or_, select, update

from storage.engine import ENDPOINTS_LOCK, serialize
from storage.tables import Delivery, Endpoint

delivery_t = Delivery.__table__  # type: ignore[attr-defined]
endpoint_t = Endpoint.__table__  # type: ignore[attr-defined]


def disabled_endpoints(conn: Connection) -> set[str]:
    return {r.name for r in conn.execute(select(endpoint_t.c.name).where(endpoint_t.c.disabled))}


def set_endpoint(
    conn: Connection, name: str, disabled: bool, reason: str | None, now: datetime
) -> None:
    serialize(conn, ENDPOINTS_LOCK)
    exists = conn.execute(select(endpoint_t.c.name).where(endpoint_t.c.name == name)).first()
    values = {"disabled": disabled, "reason": reason, "changed_at": now}
    if exists:
        conn.execute(update(endpoint_t).where(endpoint_t.c.name == name).values(**values))
    else:
        conn.execute(insert(endpoint_t).values(name=name, **values))


def claim(
    conn: Connection,
    owner: str,
    now: datetime,
    lease_seconds: float,
    webhooks: Sequence[str],
    busy: Sequence[str] = (),
    per_endpoint: int = 50,
) -> dict[str, list[Any]]:
    """Lease due deliveries, up to ``per_endpoint`` for each endpoint that is enabled, not
    ``busy`` here, and has nothing in flight elsewhere. Call inside a transaction."""
    wanted = [w for w in webhooks if w not in set(busy) | disabled_endpoints(conn)]
    if not wanted:
        return {}
    in_flight = (
        select(delivery_t.c.webhook)
        .where(delivery_t.c.status == "pending", delivery_t.c.lease_until >= now)
        .distinct()
    )
    free = [w for w in wanted if w not in {r.webhook for r in conn.execute(in_flight)}]
    if not free:
        return {}
    query = (
        select(delivery_t)
        .where(
            delivery_t.c.status == "pending",
            delivery_t.c.webhook.in_(free),
            delivery_t.c.next_attempt_at <= now,
            or_(delivery_t.c.lease_until.is_(None), delivery_t.c.lease_until < now),
        )
        .order_by(delivery_t.c.id)
        .limit(per_endpoint * len(free))
    )
    if conn.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    batches: dict[str, list[Any]] = {}
    for row in conn.execute(query):
        batch = batches.setdefault(row.webhook, [])
        if len(batch) < per_endpoint:
            batch.append(row)
    ids = [r.id for batch in batches.values() for r in batch]
    if ids:
        conn.execute(
            update(delivery_t)
            .where(delivery_t.c.id.in_(ids))
            .values(lease_owner=owner, lease_until=now + timedelta(seconds=lease_seconds))
        )
    return batches


def _mine(delivery_id: int, owner: str) -> Any:
    return and_(delivery_t.c.id == delivery_id, delivery_t.c.lease_owner == owner)


def delivered(conn: Connection, delivery_id: int, owner: str, status: int, now: datetime) -> bool:
    result = conn.execute(
        update(delivery_t)
        .where(_mine(delivery_id, owner))
        .values(
            status="delivered",
            attempts=delivery_t.c.attempts + 1,
            last_status=status,
            last_error=None,
            delivered_at=now,
            lease_owner=None,
            lease_until=None,
        )
    )
    return result.rowcount == 1


def failed(
    conn: Connection,
    delivery_id: int,
    owner: str,
    *,
    status: int | None,
    error: str,
    retry_at: datetime | None,
    count_attempt: bool = True,
) -> bool:
    """Record a failed attempt: due again at ``retry_at``, or ``dead`` when it is None."""
    values: dict[str, Any] = {
        "last_status": status,
        "last_error": error[:500],
        "lease_owner": None,
        "lease_until": None,
        "status": "pending" if retry_at is not None else "dead",
    }
    if retry_at is not None:
        values["next_attempt_at"] = retry_at
    if count_attempt:
        values["attempts"] = delivery_t.c.attempts + 1
    result = conn.execute(update(delivery_t).where(_mine(delivery_id, owner)).values(**values))
    return result.rowcount == 1


def release(conn: Connection, owner: str) -> None:
    conn.execute(
        update(delivery_t)
        .where(delivery_t.c.lease_owner == owner, delivery_t.c.status == "pending")
        .values(lease_owner=None, lease_until=None)
    )


def listing(conn: Connection, failed_only: bool, limit: int) -> list[Any]:
    query = select(delivery_t).order_by(delivery_t.c.id.desc()).limit(limit)
    if failed_only:
        query = query.where(
            or_(
                delivery_t.c.status == "dead",
                and_(delivery_t.c.status == "pending", delivery_t.c.attempts > 0),
            )
        )
    return list(conn.execute(query))


def counts(conn: Connection) -> dict[tuple[str, str], int]:
    rows = conn.execute(
        select(delivery_t.c.webhook, delivery_t.c.status, func.count()).group_by(
            delivery_t.c.webhook, delivery_t.c.status
        )
    )
    return {(r[0], r[1]): int(r[2]) for r in rows}


def retry(conn: Connection, ids: Sequence[int] | None, now: datetime) -> int:
    """Make dead (or backing-off) deliveries due now, with a fresh attempt budget. ``ids``
    None: every dead delivery."""
    condition = delivery_t.c.status == "dead" if ids is None else delivery_t.c.id.in_(list(ids))
    result = conn.execute(
        update(delivery_t)
        .where(condition, delivery_t.c.status != "delivered")
        .values(
            status="pending", attempts=0, next_attempt_at=now, lease_owner=None, lease_until=None
        )
    )
    return int(result.rowcount)
