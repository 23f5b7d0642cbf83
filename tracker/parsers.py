"""Which parser reads a snapshot: text captures, or one of the HTML parsers."""

from __future__ import annotations

from tracker.capture import KnownText, parse_capture
from tracker.html import Selectors, extract
from tracker.model import Capture

PARSERS = ("capture", "cnn-live", "selectors", "generic")


def parse(
    data: bytes,
    origin: str,
    parser: str = "capture",
    selectors: Selectors | None = None,
    known: KnownText | None = None,
) -> Capture:
    """Parse a snapshot's raw bytes; CaptureError naming ``origin`` when it is unusable.
    ``known`` (the story's history) helps split text captures that have no time lines."""
    if parser == "capture":
        return parse_capture(data, origin, known)
    return extract(data, origin, parser, selectors)
