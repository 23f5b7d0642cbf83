"""`tracker run`: poll every watched page on its schedule.

A short APScheduler tick job (max_instances=1, coalescing) claims due sources from the
database under a lease and hands them to a pool of workers. Each poll is fetch → ingest →
record; schedules and leases live in the `watch` table, so several daemons on one database
share the work and never fetch the same source at once, and a crashed daemon's leases expire.

A failing source backs off (5 min → 1 h → 6 h by default) and is marked failing after a
number of consecutive failures; it recovers on its own when the page comes back.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import random
import socket
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, insert

from storage import outbox, watches
from storage.queries import delivery_t
from tracker import memory
from tracker.alerts import outbox_hooks
from tracker.config import DaemonSettings, WebhookConfig
from tracker.errors import CaptureError
from tracker.events import Event, deliveries, source_event
from tracker.fetch import Fetcher, FetchError, FetchResult, FetchSettings
from tracker.html import Selectors
from tracker.ingest import Ingestor, IngestResult, utc_now
from tracker.webhooks import Dispatcher

log = logging.getLogger("tracker.daemon")
HTML_TYPES = ("text/html", "application/xhtml+xml")
RELEASE_MEMORY_EVERY = 60.0  # seconds between handing the heap's free pages back


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, event, and the event's fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "event": record.getMessage(),
            **getattr(record, "fields", {}),
        }
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def setup_logging(level: int = logging.INFO) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger("tracker")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


def _log(event: str, level: int = logging.INFO, **fields: Any) -> None:
    log.log(level, event, extra={"fields": fields})


@dataclass(frozen=True)
class PollOutcome:
    name: str
    outcome: str  # changed, unchanged, suspect, error, lost
    status: int | None = None
    snapshot_id: int | None = None
    edits: int = 0
    removals: int = 0
    error: str | None = None


def make_owner() -> str:
    """A lease owner id unique to this process."""
    return f"{socket.gethostname()}:{os.getpid()}:{random.getrandbits(32):08x}"


class Poller:
    """Polls claimed sources. Thread-safe: fetches run in parallel; ingests into one story are
    serialized (each story's Ingestor holds a cache of what its pages show)."""

    def __init__(
        self,
        engine: Engine,
        settings: DaemonSettings,
        fetcher: Fetcher | None = None,
        owner: str | None = None,
        clock: Callable[[], datetime] = utc_now,
        jitter: Callable[[], float] = random.random,
        webhooks: Sequence[WebhookConfig] = (),
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.webhooks = list(webhooks)
        self.owner = owner or make_owner()
        self.clock = clock
        self.jitter = jitter
        self.fetcher = fetcher or Fetcher(fetch_settings(settings))
        self._ingestors: dict[str, tuple[Ingestor, threading.Lock]] = {}
        self._guard = threading.Lock()
        self.abandoned = threading.Event()  # set at shutdown: polls in flight write nothing more

    def close(self) -> None:
        self.fetcher.close()
        for ingestor, lock in self._ingestors.values():
            with lock:
                ingestor.close()

    def claim(self, limit: int, due_by: datetime | None = None) -> list[Any]:
        """Lease up to ``limit`` sources due by ``due_by`` (default: now)."""
        if limit <= 0:
            return []
        now = self.clock()
        with self.engine.begin() as conn:
            return watches.claim_due(
                conn, self.owner, now, self.settings.lease, limit, due_by=due_by or now
            )

    def poll(self, row: Any) -> PollOutcome:
        """Fetch one claimed source, ingest what changed, record the result, free the lease."""
        started = time.monotonic()
        lag = round((self.clock() - _aware(row.next_due_at)).total_seconds(), 3)
        try:
            fetched = self.fetcher.fetch(
                row.url,
                row.etag,
                row.last_modified,
                accept=("text/plain", *HTML_TYPES) if row.parser == "capture" else HTML_TYPES,
            )
        except FetchError as exc:
            return self._failed(row, exc.reason, exc.status, started, lag)
        if self.abandoned.is_set():
            return PollOutcome(row.name, "lost", error="shut down before storing")
        now = self.clock()
        try:
            result = self._ingest(row, fetched, now) if fetched.changed else None
        except Exception as exc:  # a bug or a database error: record it, back off, go on
            log.exception("ingest.failed", extra={"fields": {"source": row.name}})
            return self._failed(
                row, f"could not store the page: {exc!r}", fetched.status, started, lag
            )
        outcome = _outcome(result)
        values = self._success_values(row, fetched, result, now)
        event = self._source_event("source.recovered", row, None, 0, now) if row.failing else None
        kept = self._finish(row, values, event)
        _log(
            "poll",
            source=row.name,
            url=row.url,
            status=fetched.status,
            outcome=outcome if kept else "lost",
            snapshot=result.snapshot_id if result else None,
            edits=result.edits if result else 0,
            removals=result.removals if result else 0,
            redirects=list(fetched.redirects),
            lag_s=lag,
            ms=round((time.monotonic() - started) * 1000),
        )
        if row.failing:
            _log("source.recovered", source=row.name, url=row.url)
        return PollOutcome(
            row.name,
            outcome if kept else "lost",
            fetched.status,
            result.snapshot_id if result else None,
            result.edits if result else 0,
            result.removals if result else 0,
        )

    def _ingest(self, row: Any, fetched: FetchResult, now: datetime) -> IngestResult:
        ingestor, lock = self._ingestor(row.story)
        assert fetched.body is not None
        selectors = Selectors.from_config(row.selectors) if row.selectors else None
        with lock:
            try:
                return ingestor.ingest_bytes(
                    fetched.body,
                    row.url,
                    source=row.name,
                    url=row.url,
                    parser=row.parser,
                    selectors=selectors,
                    captured_at=now,
                )
            except CaptureError as exc:
                return ingestor.ingest_unparsable(
                    fetched.body,
                    row.url,
                    source=row.name,
                    reason=exc.problem,
                    url=row.url,
                    captured_at=now,
                )

    def _ingestor(self, story: str) -> tuple[Ingestor, threading.Lock]:
        with self._guard:
            if story not in self._ingestors:
                ingestor = Ingestor(
                    self.engine,
                    story,
                    self.clock,
                    hooks=outbox_hooks(self.webhooks),
                    long_running=True,
                )
                self._ingestors[story] = (ingestor, threading.Lock())
            return self._ingestors[story]

    def _success_values(
        self, row: Any, fetched: FetchResult, result: IngestResult | None, now: datetime
    ) -> dict[str, Any]:
        values: dict[str, Any] = {
            "next_due_at": now + timedelta(seconds=self._interval(row.every_seconds)),
            "last_fetch_at": now,
            "last_status": fetched.status,
            "last_outcome": _outcome(result),
            "last_error": result.reason if result and result.reason else None,
            "final_url": fetched.final_url,
            "consecutive_failures": 0,
            "failing": False,
            "fetches": row.fetches + 1,
        }
        if fetched.changed:
            values["etag"] = fetched.etag
            values["last_modified"] = fetched.last_modified
        if result is not None and result.status not in ("duplicate", "unchanged"):
            values["last_snapshot_id"] = result.snapshot_id
            if result.status == "stored":
                values["posts_seen"] = result.posts
        return values

    def _failed(
        self, row: Any, reason: str, status: int | None, started: float, lag: float
    ) -> PollOutcome:
        now = self.clock()
        failures = row.consecutive_failures + 1
        steps = self.settings.backoff
        wait = max(row.every_seconds, steps[min(failures, len(steps)) - 1])
        failing = failures >= self.settings.failing_after
        values = {
            "next_due_at": now + timedelta(seconds=wait),
            "last_fetch_at": now,
            "last_status": status,
            "last_outcome": "error",
            "last_error": reason,
            "consecutive_failures": failures,
            "failing": failing,
            "fetches": row.fetches + 1,
        }
        event = None
        if failing and not row.failing:
            event = self._source_event("source.failing", row, reason, failures, now)
        kept = self._finish(row, values, event)
        _log(
            "poll",
            logging.WARNING,
            source=row.name,
            url=row.url,
            status=status,
            outcome="error" if kept else "lost",
            error=reason,
            failures=failures,
            retry_in_s=round(wait),
            lag_s=lag,
            ms=round((time.monotonic() - started) * 1000),
        )
        if failing and not row.failing:
            _log("source.failing", logging.ERROR, source=row.name, url=row.url, error=reason)
        return PollOutcome(row.name, "error" if kept else "lost", status, error=reason)

    def _source_event(
        self, event_type: str, row: Any, error: str | None, failures: int, now: datetime
    ) -> Event:
        return source_event(
            event_type,
            name=row.name,
            url=row.url,
            story=row.story,
            error=error,
            failures=failures,
            when=now,
        )

    def _finish(self, row: Any, values: dict[str, Any], event: Event | None = None) -> bool:
        """Record a poll, and queue its source event, in one transaction."""
        with self.engine.begin() as conn:
            kept = watches.finish(conn, row.id, self.owner, values)
            if kept and event is not None:
                rows = deliveries(event, self.webhooks, self.clock())
                if rows:
                    conn.execute(insert(delivery_t), rows)
        if not kept:
            _log("lease.lost", logging.WARNING, source=row.name)
        return kept

    def _interval(self, every: float) -> float:
        """The poll interval with jitter (up to 10%, at most 30 s), so that sources added
        together do not stay in lock-step."""
        return every + min(every * 0.1, 30.0) * self.jitter()


def _aware(value: datetime) -> datetime:
    """Times read back from SQLite carry no zone; they are UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _outcome(result: IngestResult | None) -> str:
    if result is None:
        return "unchanged"  # 304 Not Modified
    if result.status in ("duplicate", "unchanged"):
        return "suspect" if result.reason else "unchanged"
    return "suspect" if result.status == "suspect" else "changed"


def fetch_settings(settings: DaemonSettings) -> FetchSettings:
    base = FetchSettings()
    return FetchSettings(
        timeout=settings.timeout,
        max_bytes=settings.max_bytes,
        retries=settings.retries,
        min_host_gap=settings.min_host_gap,
        user_agent=settings.user_agent or base.user_agent,
    )


class Daemon:
    """Runs a Poller, and a webhook Dispatcher, on a schedule until stopped."""

    def __init__(self, poller: Poller, dispatcher: Dispatcher | None = None) -> None:
        self.poller = poller
        self.dispatcher = dispatcher
        self._busy_endpoints: set[str] = set()
        self.settings = poller.settings
        self._pool = ThreadPoolExecutor(self.settings.workers, thread_name_prefix="poll")
        self._in_flight: set[Future[PollOutcome]] = set()
        self._lock = threading.Lock()
        self._stopping = threading.Event()

    def run_once(self) -> list[PollOutcome]:
        """Poll everything due when it starts, then return (cron-friendly). A source polled
        here is not polled again in the same run, however short its interval."""
        started = self.poller.clock()
        outcomes: list[PollOutcome] = []
        while True:
            rows = self.poller.claim(self.settings.workers, due_by=started)
            if not rows:
                break
            outcomes.extend(self._pool.map(self.poller.poll, rows))
        self._pool.shutdown(wait=True)
        if self.dispatcher is not None:
            self.dispatcher.deliver_all()
        return outcomes

    def run(self, stop: threading.Event) -> None:
        """Tick until ``stop`` is set, then shut down cleanly."""
        from apscheduler.schedulers.background import BackgroundScheduler

        memory.limit_arenas()  # before the scheduler and the workers start their threads
        scheduler = BackgroundScheduler(timezone=UTC)
        scheduler.add_job(
            self._tick,
            "interval",
            seconds=self.settings.tick,
            max_instances=1,
            coalesce=True,
            next_run_time=datetime.now(UTC),
            id="tick",
        )
        scheduler.add_job(
            memory.release_free_memory,
            "interval",
            seconds=RELEASE_MEMORY_EVERY,
            max_instances=1,
            coalesce=True,
            id="release-memory",
        )
        scheduler.start()
        _log(
            "daemon.started",
            owner=self.poller.owner,
            workers=self.settings.workers,
            pid=os.getpid(),
        )
        try:
            stop.wait()
        finally:
            self._stopping.set()
            scheduler.shutdown(wait=True)
            self._shutdown()

    def _tick(self) -> None:
        if self._stopping.is_set():
            return
        with self._lock:
            free = self.settings.workers - len(self._in_flight)
        for row in self.poller.claim(free):
            self._submit(self.poller.poll, row)
        if self.dispatcher is not None:
            with self._lock:
                busy = list(self._busy_endpoints)
            for webhook, rows in self.dispatcher.claim(busy).items():
                with self._lock:
                    self._busy_endpoints.add(webhook)
                self._submit(self._deliver, webhook, rows)

    def _deliver(self, webhook: str, rows: list[Any]) -> None:
        assert self.dispatcher is not None
        try:
            self.dispatcher.deliver(webhook, rows)
        finally:
            with self._lock:
                self._busy_endpoints.discard(webhook)

    def _submit(self, fn: Callable[..., Any], *args: Any) -> None:
        future = self._pool.submit(fn, *args)
        with self._lock:
            self._in_flight.add(future)
        future.add_done_callback(self._done)

    def _done(self, future: Future[PollOutcome]) -> None:
        with self._lock:
            self._in_flight.discard(future)
        if future.exception() is not None:
            _log("poll.crashed", logging.ERROR, error=repr(future.exception()))

    def _shutdown(self) -> None:
        """Finish polls in flight within the grace period; abandon the rest without writing
        (their leases expire, and another daemon takes them)."""
        with self._lock:
            pending = list(self._in_flight)
        deadline = time.monotonic() + self.settings.grace
        for future in pending:
            future_timeout = max(0.0, deadline - time.monotonic())
            with contextlib.suppress(Exception):  # logged by _done, or still running
                future.result(timeout=future_timeout)
        self.poller.abandoned.set()
        self._pool.shutdown(wait=False, cancel_futures=True)
        running = self._any_running()
        if not running:  # a poll still running keeps its lease until it expires
            with self.poller.engine.begin() as conn:
                watches.release(conn, self.poller.owner)
                if self.dispatcher is not None:
                    outbox.release(conn, self.dispatcher.owner)
        _log("daemon.stopped", owner=self.poller.owner, abandoned=running)

    def _any_running(self) -> bool:
        with self._lock:
            return any(not f.done() for f in self._in_flight)
