"""A webhook receiver on 127.0.0.1 that verifies Standard Webhooks signatures with the
`standardwebhooks` package, drops duplicates by webhook-id, and can misbehave on cue."""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
OTHER_SECRET = "whsec_dGhpcyBpcyBub3QgdGhlIHJpZ2h0IHNlY3JldA=="


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Receiver:
    secret: str = SECRET
    port: int = field(default_factory=free_port)
    fail_first: int = 0  # answer 503 to this many requests first
    status: int = 200  # then answer this
    retry_after: str | None = None
    delay: float = 0.0
    arrivals: list[str] = field(default_factory=list)  # webhook-ids as requests arrive
    events: dict[str, Any] = field(default_factory=dict)  # verified, deduplicated by id
    seen: Counter[str] = field(default_factory=Counter)
    invalid: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def start(self) -> Receiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                receiver._handle(self)

            def log_message(self, *_: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        body = handler.rfile.read(int(handler.headers.get("Content-Length", "0")))
        headers = {k: v for k, v in handler.headers.items()}
        msg_id = headers.get("webhook-id", "")
        with self._lock:
            self.arrivals.append(msg_id)
            failing = len(self.arrivals) <= self.fail_first
        if self.delay:
            time.sleep(self.delay)
        try:
            payload = Webhook(self.secret).verify(body, headers)
        except WebhookVerificationError:
            with self._lock:
                self.invalid += 1
            self._answer(handler, 400)
            return
        if failing:
            self._answer(handler, 503)
            return
        if self.status // 100 == 2:
            with self._lock:
                self.seen[msg_id] += 1
                self.events.setdefault(msg_id, payload)
        self._answer(handler, self.status)

    def _answer(self, handler: BaseHTTPRequestHandler, status: int) -> None:
        try:
            handler.send_response(status)
            if self.retry_after and status in (429, 503):
                handler.send_header("Retry-After", self.retry_after)
            handler.send_header("Content-Length", "2")
            handler.end_headers()
            handler.wfile.write(b"{}")
        except (BrokenPipeError, ConnectionResetError):
            pass

    def of_type(self, event_type: str) -> list[dict[str, Any]]:
        return [e for e in self.events.values() if e["type"] == event_type]
