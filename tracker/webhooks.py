"""Deliver queued events to webhook endpoints, signed per the Standard Webhooks spec.

Headers: ``webhook-id`` (the event id, the same on every retry), ``webhook-timestamp`` (Unix
seconds, UTC) and ``webhook-signature`` (``v1,<base64 HMAC-SHA256>``, one per secret while a
secret is rotated), made with the ``standardwebhooks`` package.

Only a 2xx answer delivers. Redirects are not followed. 429 and 503 honour Retry-After; 410
Gone disables the endpoint; other failures retry with exponential backoff and jitter, from
seconds to a day, and end as ``dead`` after the webhook's ``max_attempts``.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import Engine
from standardwebhooks import Webhook

from storage import outbox
from tracker import __version__
from tracker.config import WebhookConfig
from tracker.errors import ConfigError
from tracker.events import Event
from tracker.fetch import retry_after_seconds

log = logging.getLogger("tracker.webhooks")
FIRST_RETRY = 5.0  # seconds; doubling up to MAX_RETRY
MAX_RETRY = 86400.0
LEASE = 120.0


def sign(secrets: Sequence[str], event_id: str, when: datetime, body: str) -> dict[str, str]:
    """Standard Webhooks headers for one message, signed with every secret."""
    signatures = " ".join(Webhook(s).sign(event_id, when, body) for s in secrets)
    return {
        "webhook-id": event_id,
        "webhook-timestamp": str(int(when.timestamp())),
        "webhook-signature": signatures,
        "content-type": "application/json",
        "user-agent": f"tracker/{__version__} (webhooks)",
    }


@dataclass(frozen=True)
class Attempt:
    ok: bool
    status: int | None
    error: str | None = None
    retry_after: float | None = None
    gone: bool = False


def post(
    client: httpx.Client, hook: WebhookConfig, event_id: str, body: str, when: datetime
) -> Attempt:
    """One signed POST; never raises for HTTP or network trouble."""
    try:
        headers = sign(hook.secrets(), event_id, when, body)
    except ConfigError as exc:
        return Attempt(False, None, str(exc))
    try:
        response = client.post(
            hook.url, content=body.encode(), headers=headers, timeout=hook.timeout
        )
    except httpx.HTTPError as exc:
        return Attempt(False, None, f"{exc.__class__.__name__}: {exc}")
    status = response.status_code
    if 200 <= status < 300:
        return Attempt(True, status)
    if status == 410:
        return Attempt(False, status, "410 Gone: endpoint disabled", gone=True)
    retry_after = (
        retry_after_seconds(response.headers.get("Retry-After")) if status in (429, 503) else None
    )
    reason = f"HTTP {status}" + (" (redirects are not followed)" if 300 <= status < 400 else "")
    return Attempt(False, status, reason, retry_after)


@dataclass
class Stats:
    delivered: int = 0
    failed: int = 0
    dead: int = 0
    disabled: int = 0


class Dispatcher:
    """Claims due deliveries and sends them; several dispatchers may share one database."""

    def __init__(
        self,
        engine: Engine,
        webhooks: Sequence[WebhookConfig],
        owner: str,
        client: httpx.Client | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        jitter: Callable[[], float] = random.random,
        lease: float = LEASE,
        batch: int = 50,
    ) -> None:
        self.engine = engine
        self.hooks = {w.name: w for w in webhooks if w.enabled}
        self.owner = owner
        self.client = client or httpx.Client(follow_redirects=False)
        self.clock = clock
        self.jitter = jitter
        self.lease = lease
        self.batch = batch
        self.stats = Stats()
        self._lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def claim(self, busy: Sequence[str] = ()) -> dict[str, list[Any]]:
        if not self.hooks:
            return {}
        with self.engine.begin() as conn:
            return outbox.claim(
                conn, self.owner, self.clock(), self.lease, list(self.hooks), busy, self.batch
            )

    def deliver(self, webhook: str, rows: Sequence[Any]) -> None:
        """Send one endpoint's claimed deliveries in order. Stops at the first failure, so
        that later events do not overtake it; their leases are given back."""
        hook = self.hooks[webhook]
        for n, row in enumerate(rows):
            # The signature's timestamp is the real time of sending, whatever clock schedules
            # retries: receivers check it against their own clock to refuse replays.
            attempt = post(self.client, hook, row.event_id, row.payload, datetime.now(UTC))
            if not self._record(hook, row, attempt):
                self._give_back(rows[n + 1 :])
                return

    def deliver_all(self) -> Stats:
        """Deliver everything due, endpoint by endpoint in parallel, until nothing is due."""
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max(1, min(8, len(self.hooks)))) as pool:
            while True:
                batches = self.claim()
                if not batches:
                    break
                list(pool.map(lambda item: self.deliver(*item), batches.items()))
        return self.stats

    def _record(self, hook: WebhookConfig, row: Any, attempt: Attempt) -> bool:
        now = self.clock()
        with self.engine.begin() as conn:
            if attempt.ok:
                outbox.delivered(conn, row.id, self.owner, attempt.status or 200, now)
                self._count("delivered")
                return True
            if attempt.gone:
                outbox.set_endpoint(conn, hook.name, True, attempt.error, now)
                outbox.failed(
                    conn,
                    row.id,
                    self.owner,
                    status=attempt.status,
                    error=attempt.error or "gone",
                    retry_at=now,
                )
                self._count("disabled")
                log.warning(
                    "webhook.disabled", extra={"fields": {"webhook": hook.name, "url": hook.url}}
                )
                return False
            attempts = row.attempts + 1
            retry_at = (
                None
                if attempts >= hook.max_attempts
                else now + timedelta(seconds=self._delay(attempts, attempt.retry_after))
            )
            outbox.failed(
                conn,
                row.id,
                self.owner,
                status=attempt.status,
                error=attempt.error or "failed",
                retry_at=retry_at,
            )
            self._count("dead" if retry_at is None else "failed")
            log.warning(
                "webhook.failed",
                extra={
                    "fields": {
                        "webhook": hook.name,
                        "event": row.event_id,
                        "status": attempt.status,
                        "error": attempt.error,
                        "attempts": attempts,
                        "dead": retry_at is None,
                    }
                },
            )
            return False

    def _give_back(self, rows: Sequence[Any]) -> None:
        if not rows:
            return
        with self.engine.begin() as conn:
            for row in rows:
                outbox.failed(
                    conn,
                    row.id,
                    self.owner,
                    status=None,
                    error="waiting for an earlier event",
                    retry_at=row.next_attempt_at,
                    count_attempt=False,
                )

    def _delay(self, attempts: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, MAX_RETRY)
        base: float = FIRST_RETRY * 2.0 ** (attempts - 1)
        return min(base * (0.5 + self.jitter()), MAX_RETRY)

    def _count(self, what: str) -> None:
        with self._lock:
            setattr(self.stats, what, getattr(self.stats, what) + 1)


def send_test(hook: WebhookConfig, event: Event, client: httpx.Client | None = None) -> Attempt:
    """Send a sample event now, outside the outbox (`tracker webhooks test`)."""
    own = client or httpx.Client(follow_redirects=False)
    try:
        return post(own, hook, event.id, event.body, datetime.now(UTC))
    finally:
        if client is None:
            own.close()


__all__ = ["Attempt", "Dispatcher", "Stats", "post", "send_test", "sign"]
