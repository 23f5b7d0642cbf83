"""Compare two versions of a post: word diffs, significance and triage flags. Pure functions.

Diffs run diff-match-patch over word tokens (each word, run of spaces or punctuation mark is
one symbol), so edits never split a word. Clean-up is diff-match-patch's own: semantic-lossless
alignment and efficiency clean-up over tokens, which folds chaff like a lone space or "the"
between two edits into them. Its plain semantic clean-up is not used: it would fuse the three
edits of the Bakhmut sentence ("in the last few hours" → "Tuesday", "one underage boy" → "a
child", "says" → "said") into one, because ", including " is shorter than the edits around it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from diff_match_patch import diff_match_patch
from rapidfuzz import fuzz

from tracker.model import PostFields
from tracker.normalize import normalize

Segment = tuple[str, str]  # (op, text) with op in "=", "-", "+"

_TOKEN = re.compile(r"\w+(?:['’]\w+)*|\s+|[^\w\s]")
_NUMBER = re.compile(r"\d[\d,.]*")
_QUOTED = re.compile(r'"([^"]{3,})"')
PARAGRAPH_BREAK = "\n"
PAIR_RATIO = 50  # rapidfuzz ratio above which two paragraphs are one edited paragraph


def _engine() -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # never truncate a diff for time
    dmp.Diff_EditCost = 4
    return dmp


_DMP = _engine()


def _diff_symbols(a: Sequence[str], b: Sequence[str]) -> list[tuple[str, list[int], list[int]]]:
    """Diff two sequences of keys with diff-match-patch, each key one symbol.

    Returns runs of (op, indexes into a, indexes into b).
    """
    codes: dict[str, str] = {}

    def encode(keys: Sequence[str]) -> str:
        # Symbols start past the control characters; a dict keeps equal keys on one symbol.
        return "".join(codes.setdefault(k, chr(0x100 + len(codes))) for k in keys)

    diffs = _DMP.diff_main(encode(a), encode(b), False)
    _DMP.diff_cleanupSemanticLossless(diffs)
    _DMP.diff_cleanupEfficiency(diffs)
    runs: list[tuple[str, list[int], list[int]]] = []
    i = j = 0
    for op, chars in diffs:
        n = len(chars)
        if op == 0:
            runs.append(("=", list(range(i, i + n)), list(range(j, j + n))))
            i, j = i + n, j + n
        elif op == -1:
            runs.append(("-", list(range(i, i + n)), []))
            i += n
        else:
            runs.append(("+", [], list(range(j, j + n))))
            j += n
    return runs


def word_diff(old: str, new: str, *, fold: bool = False) -> list[Segment]:
    """Word-level diff of two texts as (op, text) segments.

    With ``fold``, tokens that differ only typographically (curly vs straight quotes, NBSP)
    count as equal, and equal runs show the new text.
    """
    if old == new:
        return [("=", old)] if old else []
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    key = _fold_token if fold else _same
    segments: list[Segment] = []
    for op, ia, ib in _diff_symbols([key(t) for t in a], [key(t) for t in b]):
        text = "".join(a[i] for i in ia) if op == "-" else "".join(b[j] for j in ib)
        _append(segments, op, text)
    return segments


def text_diff(before: Sequence[str], after: Sequence[str], *, fold: bool = False) -> list[Segment]:
    """Diff two runs of paragraphs: align paragraphs first, then word-diff the pairs.

    Paragraph alignment keeps a removed paragraph a removed paragraph instead of smearing it
    across its neighbours. Paragraphs in the result are joined by PARAGRAPH_BREAK, so that each
    side of the diff reads back as "\n".join(paragraphs).
    """
    key = _fold_paragraph if fold else _same
    items: list[tuple[str | None, str | None, list[Segment]]] = []
    pending_old: list[int] = []
    pending_new: list[int] = []

    def flush() -> None:
        items.extend(
            _pair_paragraphs(
                [before[i] for i in pending_old], [after[j] for j in pending_new], fold
            )
        )
        pending_old.clear()
        pending_new.clear()

    for op, ia, ib in _diff_symbols([key(p) for p in before], [key(p) for p in after]):
        if op == "=":
            flush()
            for i, j in zip(ia, ib, strict=True):
                equal = (
                    [("=", after[j])]
                    if before[i] == after[j] or fold
                    else word_diff(before[i], after[j])
                )
                items.append((before[i], after[j], equal))
        else:
            pending_old.extend(ia)
            pending_new.extend(ib)
    flush()
    return _flatten(items)


def _pair_paragraphs(
    old: list[str], new: list[str], fold: bool
) -> list[tuple[str | None, str | None, list[Segment]]]:
    """Within a replaced block, word-diff paragraphs that are similar, in order; the rest are
    whole removals and additions."""
    items: list[tuple[str | None, str | None, list[Segment]]] = []
    folded_new = [normalize(p) for p in new]
    j = 0
    for paragraph in old:
        folded = normalize(paragraph)
        match = next(
            (k for k in range(j, len(new)) if fuzz.ratio(folded, folded_new[k]) >= PAIR_RATIO),
            None,
        )
        if match is None:
            items.append((paragraph, None, [("-", paragraph)]))
            continue
        items.extend((None, new[k], [("+", new[k])]) for k in range(j, match))
        items.append((paragraph, new[match], word_diff(paragraph, new[match], fold=fold)))
        j = match + 1
    items.extend((None, new[k], [("+", new[k])]) for k in range(j, len(new)))
    return items


def _flatten(items: list[tuple[str | None, str | None, list[Segment]]]) -> list[Segment]:
    segments: list[Segment] = []
    old_started = new_started = False
    for old, new, diff in items:
        sep_old = old is not None and old_started
        sep_new = new is not None and new_started
        if sep_old and sep_new:
            _append(segments, "=", PARAGRAPH_BREAK)
        elif sep_old:
            _append(segments, "-", PARAGRAPH_BREAK)
        elif sep_new:
            _append(segments, "+", PARAGRAPH_BREAK)
        for op, text in diff:
            _append(segments, op, text)
        old_started = old_started or old is not None
        new_started = new_started or new is not None
    return segments


def _append(segments: list[Segment], op: str, text: str) -> None:
    if not text:
        return
    if segments and segments[-1][0] == op:
        segments[-1] = (op, segments[-1][1] + text)
    else:
        segments.append((op, text))


def _same(text: str) -> str:
    return text


def _fold_token(token: str) -> str:
    if token.isascii() and token.isalnum():  # the common case: nothing to fold
        return token
    return " " if token.isspace() else normalize(token) or token


def _fold_paragraph(paragraph: str) -> str:
    return normalize(paragraph)


def segments_side(segments: list[Segment], side: str) -> str:
    """The old ("-") or new ("+") text a diff was made from."""
    return "".join(text for op, text in segments if op in ("=", side))


def summarize(segments: list[Segment], limit: int = 5) -> list[str]:
    """Short plain-text change lines: '"one underage boy" → "a child"'."""
    out: list[str] = []
    i = 0
    while i < len(segments) and len(out) < limit:
        if segments[i][0] == "=":
            i += 1
            continue
        old = new = ""
        while i < len(segments) and segments[i][0] != "=":
            if segments[i][0] == "-":
                old += segments[i][1]
            else:
                new += segments[i][1]
            i += 1
        old, new = old.strip(), new.strip()
        if old and new:
            out.append(f"{_clip(old)!r} → {_clip(new)!r}".replace("'", '"'))
        elif old:
            out.append(f"removed {_clip(old)!r}".replace("'", '"'))
        elif new:
            out.append(f"added {_clip(new)!r}".replace("'", '"'))
    return out


def _clip(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@dataclass
class FieldComparison:
    """What changed between two versions of a post, before any I/O."""

    kinds: list[str] = field(default_factory=list)
    changes: dict[str, Any] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    substantive: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.kinds)

    @property
    def significance(self) -> str:
        return "substantive" if self.substantive else "typographic"


def compare_fields(
    old: PostFields, new: PostFields, *, same_layout: bool = True
) -> FieldComparison:
    """Diff every field both versions show. A field one side does not show is not compared.

    Between different layouts, differences that vanish under normalization are rendering, not
    edits, and are dropped.
    """
    result = FieldComparison()
    if old.captions_certain and new.captions_certain:
        texts = [
            ("headline", (old.headline,), (new.headline,)),
            (
                "captions",
                _captions(old, new.credits is not None),
                _captions(new, old.credits is not None),
            ),
            ("body", old.body, new.body),
        ]
    else:  # one side cannot tell captions from paragraphs: compare the visible text as one run
        texts = [
            ("headline", (old.headline,), (new.headline,)),
            ("body", _run_as_placed(old, new), _run_as_placed(new, old)),
        ]
    for kind, before, after in texts:
        _compare_text(result, kind, before, after, same_layout)
    for kind, before_value, after_value in (
        ("published", old.published, new.published),
        ("byline", old.byline, new.byline),
    ):
        if before_value is None or after_value is None or before_value == after_value:
            continue
        typographic = normalize(before_value) == normalize(after_value)
        if typographic and not same_layout:
            continue
        result.kinds.append(kind)
        result.changes[kind] = {"from": before_value, "to": after_value}
        if not typographic:
            result.substantive = True
            result.flags.append(f"{kind}_changed")
    return result


def _run_as_placed(fields: PostFields, other: PostFields) -> tuple[str, ...]:
    """The post's visible text as one run. Layout A sets its captions apart; layout B prints
    each where the photo stands, maybe mid-post: A's captions go where B shows them."""
    if not fields.captions_certain or other.captions_certain or not fields.captions:
        return fields.paragraphs
    run = [normalize(p) for p in other.paragraphs]
    at: dict[int, str] = {}
    for caption in fields.captions:
        key = normalize(caption)
        spot = next((j for j, p in enumerate(run) if p == key and j not in at), None)
        if spot is None:
            return fields.paragraphs  # a caption changed: no place to put it
        at[spot] = caption
    body = iter(fields.body)
    placed = [at[j] if j in at else next(body, None) for j in range(len(run))]
    return (*(p for p in placed if p is not None), *body)


def _captions(fields: PostFields, with_credit: bool) -> tuple[str, ...]:
    if not with_credit or fields.credits is None or len(fields.credits) != len(fields.captions):
        return fields.captions
    return tuple(f"{c} ({cr})" for c, cr in zip(fields.captions, fields.credits, strict=True))


def _compare_text(
    result: FieldComparison,
    kind: str,
    before: tuple[str, ...],
    after: tuple[str, ...],
    same_layout: bool,
) -> None:
    if before == after:
        return
    norm_before = [normalize(p) for p in before]
    norm_after = [normalize(p) for p in after]
    typographic = norm_before == norm_after
    if typographic and not same_layout:
        return
    # Inside a substantive edit, quote-style and space changes are noise: fold them. A purely
    # typographic edit shows exactly the typography that changed.
    segments = text_diff(before, after, fold=not typographic)
    result.kinds.append(kind)
    result.changes[kind] = segments
    if typographic:
        return
    result.substantive = True
    if kind == "headline":
        result.flags.append("headline_changed")
    if kind == "captions":
        result.flags.append("caption_changed")
    _flag_text(result, norm_before, norm_after)


def _flag_text(result: FieldComparison, before: list[str], after: list[str]) -> None:
    joined_before, joined_after = " ".join(before), " ".join(after)
    if sorted(_NUMBER.findall(joined_before)) != sorted(_NUMBER.findall(joined_after)):
        _add_flag(result, "numbers_changed")
    if set(_QUOTED.findall(joined_before)) != set(_QUOTED.findall(joined_after)):
        _add_flag(result, "quotation_changed")
    if len(after) > len(before):
        _add_flag(result, "paragraphs_added")
    if len(after) < len(before):
        _add_flag(result, "paragraphs_removed")


def _add_flag(result: FieldComparison, flag: str) -> None:
    if flag not in result.flags:
        result.flags.append(flag)
