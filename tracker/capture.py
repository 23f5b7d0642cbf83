"""Parse text captures of live-blog pages (the two CNN layouts of DESIGN.md) into posts.

Layout A: every post starts with a time line (``7:16 a.m. ET, January 31, 2023``), then the
headline, an optional byline, photo captions printed twice (the second time with a credit in
parentheses) and body paragraphs.

Layout B: no time lines and no bylines; captions are printed once without a credit. Posts are
found by the shape of their headlines (short, title-like lines without closing punctuation),
not by any list of known headlines.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from tracker.errors import CaptureError
from tracker.model import Capture, ParsedPost, PostFields
from tracker.normalize import CURLY_OPENING

TIME_LINE = re.compile(
    r"^\d{1,2}:\d{2}\s*[ap]\.?m\.?\s+ET,\s+[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4}$", re.IGNORECASE
)
POST_COUNT = re.compile(r"^(\d[\d,]*)\s+Posts?$")
TITLE_SUFFIX = re.compile(r"\s+\|\s+[^|]{1,40}$")
BYLINE = re.compile(r"^(From|By|Analysis by|Reporting by|Opinion by)\s+\S", re.IGNORECASE)
NAME_LIST = re.compile(
    r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
    r"(?:(?:,\s+|,?\s+and\s+)[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})+$"
)
CREDIT = re.compile(r"^\s*\(([^()]+)\)\s*$")
TRAILING_CREDIT = re.compile(r"\s*\(((?:Photo|Photograph|Image|Video)[^()]*|[^()]*/[^()]*)\)\s*$")
VIDEO_PROMO = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?\s+-\s+Source:\s+\S")
# Link lead-ins whose target is not text ("Read more:", "Read the full story here.").
# (A few words only: "More rain is on the way for the river basin:" is a headline.)
LINK_STUB = re.compile(r"^(Read|Watch|See|Listen to|More)\b[^.:!?]{0,30}?(:|\s+here\.?)$")
BOILERPLATE = re.compile(
    r"^(Sort by.*|What we covered here|Dive Deeper|Updated\s.*|Link Copied!?)$"
)
SKIPPED = re.compile("|".join(f"(?:{p.pattern})" for p in (BOILERPLATE, VIDEO_PROMO, LINK_STUB)))
NOT_TEXT = re.compile("|".join(f"(?:{p.pattern})" for p in (BOILERPLATE, VIDEO_PROMO)))
BOILERPLATE_MAX = 80  # characters: no boilerplate or link lead-in line is longer
FOOTER = "Dive Deeper"
BULLET = re.compile(r"^[•·*▪‣◦-]\s")
# Headlines of the "explainer" form end with a period: "Here's what you need to know."
EXPLAINER = re.compile(r"\bHere(?:'|’)s (?:what|the latest|how|where|why|who|everything)\b[^.]*\.$")
ATTRIBUTION = re.compile(
    r"\b(said|says|say|told|tells|according to|added|announced|reported|tweeted|wrote|writes)\b"
)
TERMINAL = set(".!?:;,…")
LEAD_IN = re.compile(
    r"^(Here(?:'s|’s| is| are)|If you|Read|Watch|See|More on|Follow|Catch up|Some context"
    r"|Among them|They include|These are|This is)\b"
)
MONTH_NAMES = (
    "Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    "|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
DATED_CAPTION = re.compile(
    rf"\b(?:on|in|at)\b[^.]{{0,40}}\b(?:{MONTH_NAMES})\.? \d{{1,2}}(?:, \d{{4}})?\.$"
)
PHOTO_BELOW = 3.0
REPORTED = re.compile(r"\b(said|told|added|wrote|reported|announced|tweeted|stated)\b")
# "…, the commission said." (not "Thousands more told to leave."): attribution at the end
REPORTED_TAIL = re.compile(r",[^,]{0,60}\b(?:said|told|added|wrote|announced|stated)\b[^,]*$")
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘'])")
# Control characters that no text capture holds (tab, newlines and form feed aside). All are
# ASCII, so they are counted in the bytes: a C-speed delete, not a regex walk of 64 KiB.
CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
CONTROL_WINDOW = 65536
QUOTES = "\"'“”‘’"


def decode_capture(data: bytes, origin: str) -> str:
    """Bytes to text, refusing what is not a UTF-8 text capture."""
    if not data.strip():
        raise CaptureError(origin, "the file is empty")
    if b"\x00" in data[:CONTROL_WINDOW]:
        raise CaptureError(origin, "the file is binary (it contains NUL bytes), not a text capture")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        where = (
            "at its end (the file looks truncated)"
            if exc.start >= len(data) - 3
            else (f"at byte {exc.start}")
        )
        raise CaptureError(origin, f"the file is not valid UTF-8 text {where}") from None
    head = data[:CONTROL_WINDOW]
    if len(head) - len(head.translate(None, CONTROL_BYTES)) > 8:
        raise CaptureError(origin, "the file is binary (control characters), not a text capture")
    return text.lstrip("\ufeff")


def parse_capture(data: bytes, origin: str, known: KnownText | None = None) -> Capture:
    """Parse one text capture. Raises CaptureError naming ``origin`` when it is unusable.

    ``known``: the story's history, which anchors the split of a layout-B capture (it has no
    time lines) at the headlines and leads it knows."""
    text = decode_capture(data, origin)
    lines = [line.strip() for line in text.splitlines()]
    title = next((line for line in lines if line), "")
    page_title = TITLE_SUFFIX.sub("", title).strip()
    declared = _declared_count(lines)
    starts = [i for i, line in enumerate(lines) if line[:1].isdigit() and TIME_LINE.match(line)]
    if starts:
        layout, posts = "A", _parse_layout_a(lines, starts, origin)
    elif declared is not None:
        layout, posts = "B", _parse_layout_b(lines, origin, known, declared)
    else:
        raise CaptureError(origin, "no posts found: neither time lines nor an 'N Posts' line")
    if not posts:
        raise CaptureError(origin, "no posts found in the capture")
    volume = sum(len(p.fields.headline) + sum(map(len, p.fields.paragraphs)) for p in posts)
    return Capture(origin, page_title, layout, declared, tuple(posts), volume)


def _short_match(pattern: re.Pattern[str], line: str) -> bool:
    """Boilerplate lines are all short: long paragraphs skip the pattern."""
    return len(line) < BOILERPLATE_MAX and pattern.match(line) is not None


def _declared_count(lines: list[str]) -> int | None:
    for line in lines[:40]:
        match = POST_COUNT.match(line)
        if match:
            return int(match.group(1).replace(",", ""))
    return None


def _content_lines(lines: Iterable[str], link_stubs: bool = False) -> list[str]:
    """Drop boilerplate (and link lead-ins, unless asked to keep them) and stop at the
    footer; keep blank lines (they separate paragraphs)."""
    skipped = (NOT_TEXT if link_stubs else SKIPPED).match
    kept: list[str] = []
    for line in lines:
        # (Inlined _short_match: this loop sees every line of every capture.)
        if line and len(line) < BOILERPLATE_MAX:
            if line == FOOTER:
                break
            if skipped(line) is not None:
                continue
        kept.append(line)
    return kept


# ---------------------------------------------------------------- layout A


def _parse_layout_a(lines: list[str], starts: list[int], origin: str) -> list[ParsedPost]:
    posts: list[ParsedPost] = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        first = next((i for i in range(start + 1, end) if lines[i]), end)
        # The line after a time line is the headline, whatever it looks like.
        block = lines[first : first + 1] + _content_lines(lines[first + 1 : end])
        paragraphs = [line for line in block if line]
        if not paragraphs:
            if n + 1 == len(starts):
                raise CaptureError(
                    origin, f"the capture is truncated: the post at {lines[start]!r} has no text"
                )
            continue
        headline, rest = paragraphs[0], paragraphs[1:]
        byline = ""
        if rest and _is_byline(rest[0]):
            byline, rest = rest[0], rest[1:]
        captions, credits, body = _split_doubled_captions(rest)
        if not body and n + 1 == len(starts) and not captions:
            raise CaptureError(
                origin, f"the capture is truncated: the last post {headline!r} has no body"
            )
        fields = PostFields(
            headline=headline,
            body=tuple(body),
            captions=tuple(captions),
            credits=tuple(credits),
            published=lines[start],
            byline=byline,
        )
        posts.append(ParsedPost(fields))
    return posts


def _is_byline(line: str) -> bool:
    if line[-1:] in TERMINAL or len(line) > 200:
        return False
    return bool(BYLINE.match(line) or NAME_LIST.match(line))


def _split_doubled_captions(paragraphs: list[str]) -> tuple[list[str], list[str], list[str]]:
    """A caption is a line repeated at once with ``(credit)`` appended; the pair is one caption."""
    captions: list[str] = []
    credits: list[str] = []
    body: list[str] = []
    i = 0
    while i < len(paragraphs):
        line = paragraphs[i]
        nxt = paragraphs[i + 1] if i + 1 < len(paragraphs) else ""
        if nxt.startswith(line) and (credit := CREDIT.match(nxt[len(line) :])):
            captions.append(line)
            credits.append(credit.group(1).strip())
            i += 2
            continue
        body.append(line)
        i += 1
    return captions, credits, body


# ---------------------------------------------------------------- layout B


def _parse_layout_b(
    lines: list[str], origin: str, known: KnownText | None, declared: int | None
) -> list[ParsedPost]:
    start = next(i for i, line in enumerate(lines) if POST_COUNT.match(line)) + 1
    kept = [line for line in _content_lines(lines[start:], link_stubs=True) if line]
    known_roles = known.roles(kept) if known is not None else [NO_ROLE] * len(kept)
    # A link lead-in ("Watch:", "Read more:") is no text, but for a post history knows under
    # that headline: layout B has no time line to say so.
    texts = [
        (line, role)
        for line, role in zip(kept, known_roles, strict=True)
        if role.headline_of or not _short_match(LINK_STUB, line)
    ]
    paragraphs = [line for line, _ in texts]
    roles = [role for _, role in texts]
    heads = segment(paragraphs, roles, declared)
    if not heads:
        return []
    if len(paragraphs) - heads[-1] < 2:
        raise CaptureError(
            origin, f"the capture is truncated: the last post {paragraphs[-1]!r} has no body"
        )
    posts: list[ParsedPost] = []
    for n, head in enumerate(heads):
        end = heads[n + 1] if n + 1 < len(heads) else len(paragraphs)
        rest = paragraphs[head + 1 : end]
        captions: list[str] = []
        if len(rest) > 1 and looks_like_caption(rest[0]) and not roles[head + 1].body_of:
            caption = TRAILING_CREDIT.sub("", rest[0]).strip()
            captions, rest = [caption], rest[1:]
        fields = PostFields(
            headline=paragraphs[head],
            body=tuple(rest),
            captions=tuple(captions),
            credits=None,
            published=None,
            byline=None,
            captions_certain=False,
        )
        posts.append(ParsedPost(fields))
    return posts


@dataclass(frozen=True)
class Role:
    """What the story's history says a paragraph was in the posts it knows."""

    headline_of: frozenset[int] = frozenset()  # posts whose headline it is
    lead_of: frozenset[int] = frozenset()  # posts whose first paragraph it is
    body_of: frozenset[int] = frozenset()  # posts that have it further down
    last_of: frozenset[int] = frozenset()  # posts whose last paragraph it is
    # posts whose headline it is in a capture with time lines (A, HTML), where posts are
    # split for certain: not learnt from an earlier layout-B split, which may be wrong
    timed_headline_of: frozenset[int] = frozenset()
    # posts around it that hold it in their text as a capture with time lines showed them
    # (asked of a known headline: another post's subhead, its own text repeating it, or text
    # an earlier layout-B split took for a headline)
    timed_body_of: frozenset[int] = frozenset()


NO_ROLE = Role()


class KnownText(Protocol):
    """The story's history, asked about a layout-B capture's paragraphs (see segment)."""

    def roles(self, paragraphs: Sequence[str]) -> list[Role]: ...


# Evidence that a paragraph starts a post, in log-odds. What the history knows wins over
# shape: a known headline followed by its own known lead is certain; a paragraph the history
# knows inside a post's text is not a headline, whatever its shape.
KNOWN_PAIR = 12.0
KNOWN_HEADLINE = 6.0
BEFORE_KNOWN_LEAD = 4.0
KNOWN_END = 3.0  # below a known post's last paragraph, a short line starts the next post
KNOWN_INSIDE = -8.0
REWORDED_SHAPE = -1.0
SHORT_SENTENCE = 16  # words: a headline with a full stop ("Body of driver recovered.")
BELOW_A_TITLE = -2.0  # a reworded headline still looks like one: not a full sentence
STOCK_PARAGRAPH = 3  # posts sharing a paragraph beyond which it is boilerplate
FILL_GAP = 2  # posts short of the page's count that a capture of the whole page may come out
# CNN's archive layout sets headlines in straight quotes and the text in curly ones (seed 003:
# 'UK says it's "not practical"…' above 'it’s “not practical”'). Where a capture shows both
# kinds of double quote, a line that opens with a curly quote is text, whatever its shape
# (“Was that the first time?”), and one set in straight type only (quotes or apostrophes)
# leans to a headline, unless it reads as a photo caption (captions are set straight too).
# A curly apostrophe or quote inside a line says nothing of it: an editor may type one in a
# headline ("…in Putin’s Russia").
CURLY_QUOTE = re.compile("[\u201c\u201d]")
STRAIGHT_QUOTE = re.compile('"')
CURLY = re.compile("[\u2018\u2019\u201c\u201d]")  # quotes and apostrophes
STRAIGHT = re.compile("[\"']")
TYPESET_AS_TEXT = -4.0
TYPESET_AS_TITLE = 3.0


def segment(
    paragraphs: Sequence[str], roles: Sequence[Role], declared: int | None = None
) -> list[int]:
    """Where the posts of a layout-B capture start: the set of headline paragraphs that best
    explains the capture, no two adjacent and the last paragraph not one (every post has text
    under its headline), by dynamic programming over evidence of shape and history. A capture
    shows at most the ``declared`` number of posts the page holds (a pinned copy aside): the
    weakest headlines beyond it were not."""
    headed = frozenset().union(*(r.headline_of for r in roles))
    typeset = typeset_apart(paragraphs)
    weights = [
        _head_evidence(i, paragraphs, roles, headed, typeset) for i in range(len(paragraphs))
    ]
    # best[i]: the best total over paragraphs[i:], with heads[i] the choice that gives it
    n = len(paragraphs)
    best = [0.0] * (n + 2)
    take = [False] * (n + 1)
    for i in range(n - 2, -1, -1):
        with_head = weights[i] + best[i + 2]
        # On a tie the earlier paragraph wins: a headline comes before its caption.
        take[i] = weights[i] > 0 and with_head >= best[i + 1]
        best[i] = with_head if take[i] else best[i + 1]
    # The list of posts starts with a post, whatever its first line looks like or an earlier
    # split taught (text above the first headline would be lost).
    take[0] = n >= 2
    heads, i = [], 0
    while i < n:
        if take[i]:
            heads.append(i)
            i += 2
        else:
            i += 1
    if declared is not None:
        copies = _pinned_copies(_posts_text(paragraphs, heads))
        # Beyond the count, a line repeating the headline above goes first, however sure
        # history was of it (an earlier layout-B split may have taught it as a headline).
        while len(heads) > declared + copies:
            texts = dict(zip(heads, _posts_text(paragraphs, heads), strict=True))
            heads.remove(
                min(
                    _not_copies(heads, texts)[1:],
                    key=lambda h: (not _repeats(h, heads, paragraphs, texts), weights[h]),
                )
            )
        if 0 < declared + copies - len(heads) <= FILL_GAP:
            _fill_to_count(heads, weights, paragraphs, declared + copies)
    return heads


def _pinned_copies(texts: Sequence[tuple[str, ...]]) -> int:
    """Posts shown twice because pinned: a pinned post is shown on top, headline and text,
    and again at its place; the count holds it once. Posts further down with the same text
    (stock posts: "Court adjourns for the day.") are posts of their own."""
    pinned = 0
    while pinned < len(texts) and texts[pinned] in texts[pinned + 1 :]:
        pinned += 1
    return pinned


def _not_copies(heads: list[int], texts: Mapping[int, tuple[str, ...]]) -> list[int]:
    """The heads but for a pinned post's second showing (the count holds it once).
    ``texts``: each head's post text."""
    seen: set[tuple[str, ...]] = set()
    kept = []
    for head in heads:
        if texts[head] not in seen:
            kept.append(head)
        seen.add(texts[head])
    return kept


def _repeats(
    head: int, heads: list[int], paragraphs: Sequence[str], texts: Mapping[int, tuple[str, ...]]
) -> bool:
    """The line repeats the headline just above it over other text: an explainer's question
    asked again as a subhead, not a post of its own (a pinned post shown twice repeats its
    text too, and is one)."""
    above = [h for h in heads if h < head]
    if not above or _fold(paragraphs[above[-1]]) != _fold(paragraphs[head]):
        return False
    return texts[above[-1]] != texts[head]


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _fill_to_count(
    heads: list[int], weights: Sequence[float], paragraphs: Sequence[str], count: int
) -> None:
    """A capture a post or two short of the page's count is most often the whole page with
    an unknown headline read as text (one or two words, or a sentence with a full stop): take
    the most headline-like lines left, if any is, until the count is reached."""
    while len(heads) < count:
        taken = set(heads)
        free = [
            i
            for i in range(1, len(paragraphs) - 1)
            if not taken & {i - 1, i, i + 1}
            and weights[i] >= SHORT_LINE
            and len(paragraphs[i].split()) <= SHORT_SENTENCE
        ]
        if not free:
            return
        heads.append(max(free, key=lambda i: _headline_likeness(paragraphs[i])))
        heads.sort()


def _headline_likeness(para: str) -> tuple[bool, int]:
    """Among lines that may be headlines: one that quotes or reports no one, then the
    shortest ("Smoke." before "Crews said the fire grew overnight.")."""
    unattributed = not (REPORTED.search(para) or any(q in para for q in QUOTES))
    return unattributed, -len(para.split())


def _posts_text(paragraphs: Sequence[str], heads: list[int]) -> list[tuple[str, ...]]:
    ends = [*heads[1:], len(paragraphs)] if heads else []
    return [tuple(paragraphs[start:end]) for start, end in zip(heads, ends, strict=True)]


def typeset_apart(paragraphs: Sequence[str]) -> bool:
    """Whether the capture quotes in straight type in some lines and curly in others."""
    return any(map(CURLY_QUOTE.search, paragraphs)) and any(map(STRAIGHT_QUOTE.search, paragraphs))


def _typeset_evidence(para: str, typeset: bool) -> float:
    """What the quotes of a line say of it being a headline, where the capture sets
    headlines and text apart."""
    if not typeset:
        return 0.0
    if CURLY_OPENING.match(para):
        return TYPESET_AS_TEXT
    if STRAIGHT.search(para) and not CURLY.search(para) and not _photo_caption(para):
        return TYPESET_AS_TITLE  # (a caption is set straight too: it has its own evidence)
    return 0.0


def _head_evidence(
    i: int,
    paragraphs: Sequence[str],
    roles: Sequence[Role],
    headed: frozenset[int],
    typeset: bool,
) -> float:
    """Log-odds that paragraph i starts a post. ``headed``: the known posts whose headline
    the capture shows; ``typeset``: the capture sets headlines and text apart (see
    _typeset_evidence)."""
    para, role = paragraphs[i], roles[i]
    nxt = roles[i + 1] if i + 1 < len(roles) else NO_ROLE
    if BULLET.match(para):
        return -math.inf
    if role.timed_headline_of & nxt.lead_of:
        # A headline and lead split for certain: what an earlier layout-B split put around
        # them (it may have read the headline as text of the post above) does not count.
        return KNOWN_PAIR
    if role.timed_headline_of and not role.timed_body_of:
        # A headline for certain, and no text of a post split for certain: an earlier
        # layout-B split that read it as text of the post above was wrong.
        return KNOWN_HEADLINE
    if role.timed_body_of and not role.timed_headline_of:
        # Text of a post around it as a capture with time lines showed it, and a headline
        # only to an earlier layout-B split: that split was wrong.
        return KNOWN_INSIDE
    if _inside_a_known_run(i, roles):
        return KNOWN_INSIDE
    if role.headline_of & nxt.lead_of:
        return KNOWN_PAIR
    if role.headline_of:  # even one too short to look like one ("The latest")
        return KNOWN_HEADLINE
    if role.body_of or role.lead_of:
        return KNOWN_INSIDE
    shape = headline_shape(para, paragraphs[i + 1] if i + 1 < len(paragraphs) else None)
    shape += _typeset_evidence(para, typeset)
    if _may_be_reworded(para, shape) and _known_lead_follows(i, paragraphs, roles, headed):
        return BEFORE_KNOWN_LEAD + shape  # a known post under a reworded headline
    if _may_be_reworded(para, shape) and _ends_the_post_above(i, roles):
        return KNOWN_END + shape  # the post above ended where history says it does
    if i > 0 and _unknown_title(paragraphs[i - 1], roles[i - 1], typeset):
        # Right below a headline-like line stands its caption: a post ends with text.
        shape += BELOW_A_TITLE
    return shape


def _may_be_reworded(para: str, shape: float) -> bool:
    """Shaped like a headline, or a short one-sentence line (some headlines end in a full
    stop): above a known post's lead, it is that post's new headline."""
    if shape >= REWORDED_SHAPE:
        return True
    return shape >= SHORT_LINE and len(para.split()) <= SHORT_SENTENCE


def _inside_a_known_run(i: int, roles: Sequence[Role]) -> bool:
    """The paragraph stands inside a known post whose text runs on both sides of it: a
    subhead (even one an earlier capture mistook for a headline), or a caption or paragraph
    added to it. A paragraph that many posts share (a stock sentence) says nothing."""
    if i == 0 or i + 1 >= len(roles):
        return False
    before, here, after = roles[i - 1], roles[i], roles[i + 1]
    runs_on = after.lead_of | after.body_of
    shared = (before.headline_of | before.lead_of | before.body_of) & runs_on
    if here != NO_ROLE:
        shared &= here.body_of
    if len(runs_on) <= STOCK_PARAGRAPH:
        return bool(shared)
    # Shared by many posts, the run still tells when it is the post headed just above.
    above = next((r.headline_of for r in reversed(roles[max(0, i - 3) : i]) if r.headline_of), None)
    return bool(above and shared & above)


def _ends_the_post_above(i: int, roles: Sequence[Role]) -> bool:
    """The paragraph above is the known last paragraph of the post headed above it."""
    if i < 2 or not roles[i - 1].last_of:
        return False
    above = next((r.headline_of for r in reversed(roles[: i - 1]) if r.headline_of), frozenset())
    return bool(roles[i - 1].last_of & above)


def _unknown_title(para: str, role: Role, typeset: bool) -> bool:
    if typeset and CURLY_OPENING.match(para):
        return False
    return not (role.body_of or role.lead_of) and headline_shape(para) > 0


def _known_lead_follows(
    i: int, paragraphs: Sequence[str], roles: Sequence[Role], headed: frozenset[int]
) -> bool:
    """The lead of a known post whose headline is nowhere in the capture (reworded) comes
    next, or after a new caption. A lead that several posts share (a stock sentence) says
    nothing of where a post starts."""
    for gap in (1, 2):
        if i + gap >= len(roles):
            return False
        role = roles[i + gap]
        if role.lead_of and not role.headline_of:
            return len(role.lead_of) <= 2 and not role.lead_of & headed
        if gap == 1 and (roles[i + 1] != NO_ROLE or not looks_like_caption(paragraphs[i + 1])):
            return False
    return False


# The shape of a headline, in log-odds: title-like lines without closing punctuation are
# headlines; a question, comma or semicolon at the end leaves it open; a colon (a lead-in to
# a list) or a full stop (a sentence) mostly closes it.
SHAPE_OPEN = 2.0
SHAPE_EXPLAINER = 2.0
SHAPE_BY_END = {"?": 0.5, ",": 0.5, ";": 0.5, "!": 0.3, "…": 0.3, ":": -1.0, ".": -2.0}
SHORT_LINE = -2.5  # one or two words: a short headline, or a subhead inside a post


def headline_shape(para: str, following: str | None = None) -> float:
    """Evidence from its shape alone (and the paragraph that follows it, when given) that a
    paragraph is a headline (log-odds)."""
    if BULLET.match(para) or len(para) > 220:
        return -math.inf
    first = para[0]
    if not (first.isupper() or first.isdigit() or first in QUOTES):
        return -math.inf
    count = len(para.split())
    if count < 3:
        # "Smoke.", "8% contained": a headline only where history says the post above ended
        closes = _closing_char(para) in (".", "!")
        return SHORT_LINE if closes or _ends_open(para) else -math.inf
    if count > 35:
        return -math.inf
    if EXPLAINER.search(para):
        return SHAPE_EXPLAINER
    if _ends_open(para):
        return SHAPE_OPEN if count >= 4 else 0.5
    end = _closing_char(para)
    score = SHAPE_BY_END.get(end, -1.0)
    if end in "?!" and count < 5:  # "What happens next?" is body text
        score = -1.0
    if len(SENTENCE_BREAK.split(para)) > 1 and end not in ",;":
        score -= 1.0
    if end == ":":
        score += _colon_headline(para, count)
    if end in ":?" and following is not None:
        score += _lead_in_or_headline(following)
    reported = end == "." and REPORTED.search(para) is not None
    if reported and (any(q in para for q in QUOTES) or REPORTED_TAIL.search(para)):
        score -= 1.0  # "“…,” the commission said.": a statement reported in the text
    if following is not None and _photo_caption(following) and not _photo_caption(para):
        # Only a headline (or another caption) stands above a caption, but for a photo in
        # mid-post: a reported statement ("…, the commission said.") is text above it.
        score += 0.0 if reported else PHOTO_BELOW
    return score


def _photo_caption(para: str) -> bool:
    """A caption as news sites write them: "…in Bakhmut, Ukraine, on January 29." or with
    a credit in parentheses."""
    return bool(DATED_CAPTION.search(para) or TRAILING_CREDIT.search(para)) and len(para) < 300


def _colon_headline(para: str, count: int) -> float:
    """A line ending in a colon is a headline ("Red Cross opens 33 more shelters:") rather
    than a lead-in ("Here are the latest developments:", "Kuleba said on Tuesday:") when it
    is short and neither a lead-in phrase nor a reported statement."""
    if count > 16 or LEAD_IN.match(para) or REPORTED.search(para):
        return 0.0
    return 1.5


def _lead_in_or_headline(following: str) -> float:
    """A line ending in a colon or question mark introduces a list or an answer in the body,
    or heads a post, when a photo caption or a full paragraph comes next."""
    if BULLET.match(following):
        return -2.0
    if looks_like_caption(following) and len(following) < 200:
        return 1.0
    return 0.5 if len(following) >= 120 else 0.0


def _closing_char(text: str) -> str:
    stripped = text.rstrip().rstrip(QUOTES + ")")
    return stripped[-1] if stripped else ""


def _ends_open(text: str) -> bool:
    """True when a line ends without closing punctuation (quotes after a word don't close it)."""
    stripped = text.rstrip()
    if stripped.endswith(")") and "(" in stripped:
        # "…Olympic Committee (IOC)" is open; "…on January 29. (Photo by …)" is closed.
        stripped = stripped[: stripped.rindex("(")].rstrip()
        if not stripped:
            return False
    bare = stripped.rstrip(QUOTES)
    if not bare:
        return False
    if bare != stripped and bare[-1] in TERMINAL:
        return False
    return bare[-1] not in TERMINAL and bare[-1] != ")"


def looks_like_headline(para: str) -> bool:
    """A headline by shape alone (with no history to go by)."""
    return headline_shape(para) > 0


def looks_like_caption(para: str) -> bool:
    """A photo caption: one descriptive sentence, no quotation, no attribution verb."""
    if TRAILING_CREDIT.search(para):
        return True
    if any(q in para for q in '"“”') or ATTRIBUTION.search(para) or BULLET.match(para):
        return False
    sentences = SENTENCE_BREAK.split(para.strip())
    return len(sentences) == 1 and len(para) <= 300


# ---------------------------------------------------------------- writing captures


def format_capture(
    page_title: str, posts: Iterable[PostFields], layout: str = "A", declared: int | None = None
) -> str:
    """Write posts as a text capture in layout A or B: the inverse of parse_capture.

    Used to make test fixtures and benchmark corpora in the seed layouts.
    """
    posts = list(posts)
    count = declared if declared is not None else len(posts)
    if layout == "A":
        lines = [page_title, "", "By CNN staff", "", f"{count} Posts", "Sort byDropdown arrow"]
        for post in posts:
            lines += [post.published or "", "", post.headline, ""]
            if post.byline:
                lines += [post.byline, ""]
            credits = post.credits or ()
            for i, caption in enumerate(post.captions):
                credit = credits[i] if i < len(credits) else "CNN"
                lines += [caption, f"{caption} ({credit})", ""]
            for paragraph in post.body:
                lines += [paragraph, ""]
    elif layout == "B":
        lines = [
            f"{page_title} | CNN",
            "",
            page_title,
            "",
            "What we covered here",
            "",
            f"{count} Posts",
            "",
        ]
        for post in posts:
            lines += [post.headline, ""]
            for paragraph in (*post.captions, *post.body):
                lines += [paragraph, ""]
        lines += ["Dive Deeper", "", "A related story elsewhere on the site"]
    else:
        raise ValueError(f"unknown layout {layout!r}")
    return "\n".join(lines).rstrip() + "\n"
