"""A live news site on 127.0.0.1 for the tests: pages that change, ETags and 304s, 500s,
slow responses, error pages served with 200, and a log of every request (with how many
requests for the same page were in flight at once)."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType


@dataclass
class Page:
    body: bytes
    status: int = 200
    delay: float = 0.0
    content_type: str = "text/html; charset=utf-8"
    etag: bool = True
    retry_after: str | None = None


@dataclass
class Hit:
    path: str
    status: int
    start: float
    end: float
    conditional: bool


def wait_until(check: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll ``check`` until it holds; fail naming ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"no {what} after {timeout} s")
        time.sleep(0.02)


@dataclass
class LiveSite:
    pages: dict[str, Page] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    max_in_flight: dict[str, int] = field(default_factory=dict)
    _in_flight: dict[str, int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None

    def __enter__(self) -> LiveSite:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site._serve(self)

            def log_message(self, *_: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: tuple[type[BaseException], BaseException, TracebackType]) -> None:
        assert self.server is not None
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def set(self, path: str, body: bytes, **options: object) -> None:
        with self._lock:
            self.pages[path] = Page(body, **options)  # type: ignore[arg-type]

    def requests(self, path: str) -> list[Hit]:
        with self._lock:
            return [h for h in self.hits if h.path == path]

    def wait_for_requests(self, path: str, count: int, timeout: float = 15.0) -> None:
        wait_until(lambda: len(self.requests(path)) >= count, timeout, f"{path}: {count} requests")

    def wait_for_in_flight(self, path: str, timeout: float = 15.0) -> None:
        """Until a request for ``path`` is being served (a slow page's fetch is in flight)."""

        def in_flight() -> bool:
            with self._lock:
                return self._in_flight.get(path, 0) > 0

        wait_until(in_flight, timeout, f"{path}: a request in flight")

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path
        start = time.monotonic()
        with self._lock:
            page = self.pages.get(path)
            self._in_flight[path] = self._in_flight.get(path, 0) + 1
            self.max_in_flight[path] = max(self.max_in_flight.get(path, 0), self._in_flight[path])
        status = 404 if page is None else page.status
        conditional = handler.headers.get("If-None-Match") is not None
        try:
            if page is not None and page.delay:
                time.sleep(page.delay)
            if page is None:
                handler.send_response(404)
                handler.end_headers()
                return
            etag = '"' + hashlib.sha256(page.body).hexdigest()[:16] + '"'
            if page.status == 200 and page.etag and handler.headers.get("If-None-Match") == etag:
                status = 304
                handler.send_response(304)
                handler.send_header("ETag", etag)
                handler.end_headers()
                return
            handler.send_response(page.status)
            handler.send_header("Content-Type", page.content_type)
            handler.send_header("Content-Length", str(len(page.body)))
            if page.etag:
                handler.send_header("ETag", etag)
            if page.retry_after:
                handler.send_header("Retry-After", page.retry_after)
            handler.end_headers()
            handler.wfile.write(page.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)
        finally:
            with self._lock:
                self._in_flight[path] -= 1
                self.hits.append(Hit(path, status, start, time.monotonic(), conditional))
