"""The fetcher over httpx.MockTransport: conditional GET, retries, caps, types, politeness."""

from __future__ import annotations

import gzip
import threading
import time

import brotli
import httpx
import pytest

from tracker.fetch import Fetcher, FetchError, FetchSettings, HostGate

URL = "https://news.example/live/index.html"
HTML = {"Content-Type": "text/html; charset=utf-8"}


def fetcher(handler, **settings) -> tuple[Fetcher, list[float]]:  # type: ignore[no-untyped-def]
    slept: list[float] = []
    client = httpx.Client(transport=httpx.MockTransport(handler), follow_redirects=True)
    fetch = Fetcher(
        FetchSettings(min_host_gap=0, **settings),
        client=client,
        sleep=slept.append,
        jitter=lambda: 0.5,
    )
    return fetch, slept


def test_a_304_is_unchanged_and_carries_no_body() -> None:
    seen = {}

    def handler(request: httpx.Request) -> httpx.Response:
        seen.update(request.headers)
        return httpx.Response(304)

    result = fetcher(handler)[0].fetch(
        URL, etag='"v1"', last_modified="Tue, 31 Jan 2023 16:44:00 GMT"
    )
    assert not result.changed and result.body is None
    assert seen["if-none-match"] == '"v1"'
    assert seen["if-modified-since"] == "Tue, 31 Jan 2023 16:44:00 GMT"
    assert "tracker/" in seen["user-agent"]


def test_a_200_returns_the_body_and_validators() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, headers={**HTML, "ETag": '"v2"', "Last-Modified": "Wed"}, content=b"<html>x</html>"
        )

    result = fetcher(handler)[0].fetch(URL)
    assert result.changed and result.body == b"<html>x</html>"
    assert (result.etag, result.last_modified) == ('"v2"', "Wed")


@pytest.mark.parametrize(("encoding", "encode"), [("gzip", gzip.compress), ("br", brotli.compress)])
def test_compressed_responses_are_decoded(encoding: str, encode) -> None:  # type: ignore[no-untyped-def]
    def handler(request: httpx.Request) -> httpx.Response:
        assert "br" in request.headers["accept-encoding"]
        return httpx.Response(
            200, headers={**HTML, "Content-Encoding": encoding}, content=encode(b"<p>hello</p>")
        )

    assert fetcher(handler)[0].fetch(URL).body == b"<p>hello</p>"


def test_redirects_are_followed_and_recorded() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/live/index.html":
            return httpx.Response(301, headers={"Location": "https://news.example/live/day2.html"})
        return httpx.Response(200, headers=HTML, content=b"<p>moved</p>")

    result = fetcher(handler)[0].fetch(URL)
    assert result.final_url == "https://news.example/live/day2.html"
    assert result.redirects == (URL,)


def test_5xx_is_retried_with_exponential_backoff() -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return (
            httpx.Response(503)
            if len(calls) < 3
            else httpx.Response(200, headers=HTML, content=b"ok")
        )

    fetch, slept = fetcher(handler, backoff=2.0)
    result = fetch.fetch(URL)
    assert result.body == b"ok" and result.attempts == 3
    assert slept == [2.0, 4.0]  # jitter fixed at the middle of its range


def test_retry_after_is_honoured() -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return (
            httpx.Response(429, headers={"Retry-After": "7"})
            if len(calls) == 1
            else httpx.Response(200, headers=HTML, content=b"ok")
        )

    fetch, slept = fetcher(handler)
    assert fetch.fetch(URL).body == b"ok"
    assert slept == [7.0]


def test_giving_up_names_the_url_and_the_reason() -> None:
    fetch, slept = fetcher(lambda request: httpx.Response(500), retries=2)
    with pytest.raises(
        FetchError, match=r"news\.example/live/index\.html: HTTP 500 \(after 3 attempts\)"
    ):
        fetch.fetch(URL)
    assert len(slept) == 2


def test_connection_errors_are_retried() -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        if len(calls) == 1:
            raise httpx.ConnectError("refused", request=request)
        return httpx.Response(200, headers=HTML, content=b"ok")

    assert fetcher(handler)[0].fetch(URL).body == b"ok"


@pytest.mark.parametrize("status", [403, 404, 410])
def test_client_errors_are_not_retried(status: int) -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(status)

    with pytest.raises(FetchError, match=f"HTTP {status}"):
        fetcher(handler)[0].fetch(URL)
    assert len(calls) == 1


def test_responses_over_the_cap_are_refused() -> None:
    fetch, _ = fetcher(
        lambda request: httpx.Response(200, headers=HTML, content=b"x" * 2000), max_bytes=1000
    )
    with pytest.raises(FetchError, match="over the 1000-byte cap"):
        fetch.fetch(URL)


def test_unexpected_content_types_are_refused() -> None:
    fetch, _ = fetcher(
        lambda request: httpx.Response(
            200, headers={"Content-Type": "image/png"}, content=b"\x89PNG"
        )
    )
    with pytest.raises(FetchError, match="unexpected content type 'image/png'"):
        fetch.fetch(URL)


def test_one_request_at_a_time_per_host_with_a_minimum_gap() -> None:
    gate = HostGate(min_gap=0.05)
    active, peak, starts = [0], [0], []
    lock = threading.Lock()

    def request() -> None:
        with gate.slot("news.example"):
            with lock:
                active[0] += 1
                peak[0] = max(peak[0], active[0])
                starts.append(time.monotonic())
            time.sleep(0.01)
            with lock:
                active[0] -= 1

    threads = [threading.Thread(target=request) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak[0] == 1
    gaps = [b - a for a, b in zip(sorted(starts), sorted(starts)[1:], strict=False)]
    assert min(gaps) >= 0.045
