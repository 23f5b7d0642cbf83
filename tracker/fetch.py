"""Fetch live pages politely with httpx.

Conditional GET (ETag / If-Modified-Since: a 304 is "unchanged" and is not parsed), gzip and
brotli, redirects followed and recorded, a response size cap, a content-type check, retries
with exponential backoff and jitter on connection errors, timeouts, 5xx and 429 (honouring
Retry-After), and at most one request at a time per host with a minimum gap between them.
The client, the sleep function and the random source are passed in, so tests can drive it.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx

from tracker import __version__
from tracker.errors import TrackerError

USER_AGENT = f"tracker/{__version__} (live-page change tracking; polite polling)"
RETRYABLE_STATUS = {429, 500, 502, 503, 504}
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


class FetchError(TrackerError):
    """A fetch that failed after its retries; the message names the URL."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status


@dataclass(frozen=True)
class FetchSettings:
    timeout: float = 20.0
    max_bytes: int = 20_000_000
    retries: int = 3
    backoff: float = 1.0  # first retry after about this many seconds, doubling
    backoff_max: float = 60.0
    min_host_gap: float = 1.0
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class FetchResult:
    url: str
    final_url: str
    status: int
    body: bytes | None  # None when the server said 304 Not Modified
    etag: str | None
    last_modified: str | None
    redirects: tuple[str, ...] = ()
    attempts: int = 1

    @property
    def changed(self) -> bool:
        return self.status != 304


@dataclass
class HostGate:
    """At most one request at a time per host, and at least ``min_gap`` seconds between the
    start of one and the next."""

    min_gap: float
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _locks: dict[str, threading.Lock] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)
    _guard: threading.Lock = field(default_factory=threading.Lock)

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            wait = self._last.get(host, -1e18) + self.min_gap - self.clock()
            if wait > 0:
                self.sleep(wait)
            self._last[host] = self.clock()
            yield


class Fetcher:
    def __init__(
        self,
        settings: FetchSettings | None = None,
        client: httpx.Client | None = None,
        gate: HostGate | None = None,
        sleep: Callable[[float], None] = time.sleep,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.settings = settings or FetchSettings()
        self.client = client or httpx.Client(
            timeout=self.settings.timeout,
            follow_redirects=True,
            headers={"User-Agent": self.settings.user_agent},
        )
        self.gate = gate or HostGate(self.settings.min_host_gap)
        self.sleep = sleep
        self.jitter = jitter

    def close(self) -> None:
        self.client.close()

    def fetch(
        self,
        url: str,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: tuple[str, ...] = TEXT_TYPES,
    ) -> FetchResult:
        """GET a page, retrying what is worth retrying. Raises FetchError naming the URL."""
        headers = {
            "User-Agent": self.settings.user_agent,
            "Accept-Encoding": "gzip, deflate, br",
            "Accept": ", ".join(accept) + ", */*;q=0.1",
        }
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        host = urlsplit(url).netloc
        attempts = self.settings.retries + 1
        for attempt in range(1, attempts + 1):
            try:
                with self.gate.slot(host):
                    return self._get(url, headers, accept, attempt)
            except _Retry as retry:
                if attempt == attempts:
                    raise FetchError(
                        url, f"{retry.reason} (after {attempt} attempts)", retry.status
                    ) from None
                self.sleep(self._delay(attempt, retry.retry_after))
        raise AssertionError("unreachable")

    def _delay(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, self.settings.backoff_max)
        base: float = self.settings.backoff * 2.0 ** (attempt - 1)
        return min(base * (0.5 + self.jitter()), self.settings.backoff_max)  # ±50% jitter

    def _get(
        self, url: str, headers: dict[str, str], accept: tuple[str, ...], attempt: int
    ) -> FetchResult:
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                redirects = tuple(str(r.url) for r in response.history)
                status = response.status_code
                if status == 304:
                    return FetchResult(
                        url,
                        str(response.url),
                        304,
                        None,
                        headers.get("If-None-Match"),
                        headers.get("If-Modified-Since"),
                        redirects,
                        attempt,
                    )
                if status in RETRYABLE_STATUS:
                    raise _Retry(
                        f"HTTP {status}",
                        status,
                        retry_after_seconds(response.headers.get("Retry-After")),
                    )
                if not 200 <= status < 300:
                    raise FetchError(url, f"HTTP {status}", status)
                _check_type(url, response.headers.get("Content-Type"), accept)
                body = self._read(url, response)
                return FetchResult(
                    url,
                    str(response.url),
                    status,
                    body,
                    response.headers.get("ETag"),
                    response.headers.get("Last-Modified"),
                    redirects,
                    attempt,
                )
        except httpx.TimeoutException:
            raise _Retry(f"timed out after {self.settings.timeout:g} s") from None
        except httpx.TooManyRedirects:
            raise FetchError(url, "too many redirects") from None
        except httpx.TransportError as exc:
            raise _Retry(f"connection failed: {exc.__class__.__name__}: {exc}") from None

    def _read(self, url: str, response: httpx.Response) -> bytes:
        declared = response.headers.get("Content-Length")
        cap = self.settings.max_bytes
        if declared and declared.isdigit() and int(declared) > cap:
            raise FetchError(url, f"response of {int(declared)} bytes is over the {cap}-byte cap")
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise FetchError(url, f"response is over the {cap}-byte cap")
            chunks.append(chunk)
        return b"".join(chunks)


class _Retry(Exception):
    def __init__(
        self, reason: str, status: int | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.retry_after = retry_after


def _check_type(url: str, content_type: str | None, accept: tuple[str, ...]) -> None:
    if not content_type:
        return
    media = content_type.split(";")[0].strip().lower()
    if media not in accept:
        raise FetchError(url, f"unexpected content type {media!r} (expected {', '.join(accept)})")


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds: a number, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
