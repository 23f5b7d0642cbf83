"""Render edits for people: text (colour on a terminal, ``[-old-]{+new+}`` otherwise),
Markdown, or JSON. Pure: records in, strings or rich Text out."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from rich.text import Text

from storage.reads import EditRecord, RevisionRecord, iso
from tracker.diffing import PARAGRAPH_BREAK

Fragment = tuple[str, str]  # (text, style): style "" plain, "del", "ins", "label", "head", "dim"
Line = list[Fragment]

CONTEXT_WORDS = 12
STYLES = {"del": "red strike", "ins": "bold green", "label": "cyan", "head": "bold", "dim": "dim"}
FIELD_ORDER = ("moved", "removed", "headline", "published", "byline", "captions", "body")


def edit_lines(edit: EditRecord) -> list[Line]:
    """One edit as labelled lines: header, headline, then each changed field."""
    flags = f"  [{', '.join(edit.flags)}]" if edit.flags else ""
    lines: list[Line] = [
        [
            (f"#{edit.id} ", "head"),
            (f"{edit.significance} ", "label"),
            (f"post {edit.post_id}  {iso(edit.after.captured_at)}  ", "dim"),
            (" ".join(edit.kinds), ""),
            (flags, "dim"),
        ],
        [("  ", ""), (edit.headline, "head")],
    ]
    for kind in sorted(edit.kinds, key=_field_rank):
        lines.extend(_field_lines(edit, kind))
    lines.append(
        [("  snapshots  ", "label"), (f"{edit.before.origin} → {edit.after.origin}", "dim")]
    )
    return lines


def _field_rank(kind: str) -> int:
    return FIELD_ORDER.index(kind) if kind in FIELD_ORDER else len(FIELD_ORDER)


def _field_lines(edit: EditRecord, kind: str) -> list[Line]:
    label = (f"  {kind:<10} ", "label")
    value = edit.changes.get(kind)
    if kind == "removed":
        return [[label, (f"gone from {edit.after.source!r} while older posts remain", "")]]
    if isinstance(value, dict):
        return [
            [label, (str(value.get("from")), "del"), (" → ", ""), (str(value.get("to")), "ins")]
        ]
    if not isinstance(value, list):
        return []
    out: list[Line] = []
    for n, paragraph in enumerate(changed_paragraphs(value)):
        prefix = label if n == 0 else (" " * len(label[0]), "")
        out.append([prefix, *paragraph])
    return out


def changed_paragraphs(segments: Sequence[Sequence[str]]) -> list[Line]:
    """Split a diff into paragraphs and keep those with changes, with trimmed context."""
    paragraphs: list[Line] = [[]]
    for op, text in segments:
        style = {"=": "", "-": "del", "+": "ins"}[op]
        pieces = text.split(PARAGRAPH_BREAK)
        for i, piece in enumerate(pieces):
            if i:
                paragraphs.append([])
            if piece:
                paragraphs[-1].append((piece, style))
    kept = [p for p in paragraphs if any(style for _, style in p)]
    return [_trim(p) for p in kept]


def _trim(paragraph: Line) -> Line:
    out: Line = []
    for i, (text, style) in enumerate(paragraph):
        if style:
            out.append((text, style))
            continue
        words = text.split(" ")
        first, last = i == 0, i == len(paragraph) - 1
        keep = CONTEXT_WORDS if (first or last) else CONTEXT_WORDS * 2
        if len(words) <= keep + 1:
            out.append((text, ""))
        elif first:
            out.append(("…" + " ".join(words[-CONTEXT_WORDS:]), ""))
        elif last:
            out.append((" ".join(words[:CONTEXT_WORDS]) + "…", ""))
        else:
            head, tail = words[:CONTEXT_WORDS], words[-CONTEXT_WORDS:]
            out.append((" ".join(head) + " … " + " ".join(tail), ""))
    return out


def plain(lines: Iterable[Line]) -> str:
    """Text without colour: deletions as [-old-], insertions as {+new+} (like wdiff)."""
    marks = {"del": ("[-", "-]"), "ins": ("{+", "+}")}
    out = []
    for line in lines:
        parts = []
        for text, style in line:
            before, after = marks.get(style, ("", ""))
            parts.append(f"{before}{text}{after}")
        out.append("".join(parts).rstrip())
    return "\n".join(out)


def rich_text(lines: Iterable[Line]) -> Text:
    text = Text()
    for line in lines:
        for fragment, style in line:
            text.append(fragment, style=STYLES.get(style, ""))
        text.append("\n")
    return text


def markdown(lines: Iterable[Line]) -> str:
    """Markdown: deletions struck through, insertions in bold; white space kept outside marks."""
    marks = {"del": "~~", "ins": "**", "head": "**"}
    out = []
    for line in lines:
        parts = []
        for text, style in line:
            mark = marks.get(style)
            core = text.strip()
            if not mark or not core:
                parts.append(text)
                continue
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()) :]
            parts.append(f"{lead}{mark}{core}{mark}{trail}")
        out.append("".join(parts).strip())
    return "\n".join(f"- {line}" if i else f"### {line}" for i, line in enumerate(out))


def edit_json(edit: EditRecord) -> dict[str, Any]:
    return {
        "id": edit.id,
        "story": edit.story,
        "post": edit.post_id,
        "headline": edit.headline,
        "from_snapshot": {
            "id": edit.before.id,
            "origin": edit.before.origin,
            "source": edit.before.source,
            "captured_at": iso(edit.before.captured_at),
        },
        "to_snapshot": {
            "id": edit.after.id,
            "origin": edit.after.origin,
            "source": edit.after.source,
            "captured_at": iso(edit.after.captured_at),
        },
        "significance": edit.significance,
        "kinds": edit.kinds,
        "flags": edit.flags,
        "changes": edit.changes,
        "summary": edit.summary,
    }


def edits_json(edits: Iterable[EditRecord]) -> str:
    return json.dumps([edit_json(e) for e in edits], ensure_ascii=False, indent=2)


def revision_lines(revision: RevisionRecord) -> list[Line]:
    f = revision.fields
    seen = revision.first_seen
    lines: list[Line] = [
        [
            (f"revision {revision.id} ", "head"),
            (f"first seen {iso(seen.captured_at)} in {seen.origin} ({seen.source})", "dim"),
        ],
        [("  headline   ", "label"), (f.headline, "")],
    ]
    if f.published is not None:
        lines.append([("  published  ", "label"), (f.published, "")])
    if f.byline:
        lines.append([("  byline     ", "label"), (f.byline, "")])
    lines.append([("  text       ", "label"), (f"{len(f.paragraphs)} paragraphs", "dim")])
    return lines
