"""Plan a snapshot: which known post each parsed post continues, what each is compared with,
the edits and the removals. Pure: the story's history comes in through a ``StoryIndex``, the
result is a ``Plan`` of plain values that a writer stores in one transaction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from tracker.diffing import summarize
from tracker.evidence import ProfileCache
from tracker.identify import identify
from tracker.index import StoryIndex
from tracker.keys import fingerprints
from tracker.lineage import Lineage, parent_of, removed_posts, suspect_reason
from tracker.matching import Shown, group_copies
from tracker.model import (
    Capture,
    EditPlan,
    Head,
    PageState,
    Plan,
    PostFields,
    PostPlan,
    RemovalPlan,
    Version,
    new_post_ref,
)


@dataclass
class Planner:
    """Plans snapshots of one story. Holds only a memo of similarity profiles (revisions are
    immutable, so a profile never goes stale)."""

    profiles: ProfileCache = field(default_factory=ProfileCache)

    def plan(self, capture: Capture, source: int, index: StoryIndex) -> Plan:
        page = index.page(source)
        volume = capture.text_volume
        count = len(capture.posts)
        reason = suspect_reason(capture, page.post_count, page.text_volume)
        if reason is not None:
            return Plan(source, capture.layout, count, volume, reason)
        shown = group_copies(capture.posts)
        matches = identify(shown, source, page, index, self.profiles)
        posts = _post_plans(shown, capture.layout, source, page, matches, index)
        shown_order = [p.ref for p in sorted(posts, key=lambda p: max(p.positions))]
        gone = removed_posts(page.post_ids, shown_order, _retimed(posts))
        removals = _removals(gone, source, page, index, posts)
        revised = [p for p in posts if p.new_revision]
        timed = capture.layout != "B"
        prints = tuple((p.ref, fp) for p in revised for fp in set(fingerprints(p.fields, timed)))
        return Plan(
            source,
            capture.layout,
            count,
            volume,
            None,
            posts,
            removals,
            prints,
            _term_counts(posts),
        )


def _post_plans(
    shown: Sequence[Shown],
    layout: str,
    source: int,
    page: PageState,
    matches: Sequence[int | None],
    index: StoryIndex,
) -> tuple[PostPlan, ...]:
    known = {m: one.post.fields for one, m in zip(shown, matches, strict=True) if m is not None}
    lineages: dict[int, Lineage] = {}
    # Most posts are shown as this page last showed them: their head's hash says so, and
    # their text need not be read.
    for known_id, key in index.head_keys(source, known).items():
        fields = known[known_id]
        if key.fields_hash == fields.fields_hash:
            head = Head(key.revision_id, fields, key.layout, source, key.snapshot_id)
            lineages[known_id] = Lineage(fields, head, None, None)
    heads = index.heads(p for p in known if p not in lineages)
    for known_id, fields in known.items():
        if known_id not in lineages:
            lineages[known_id] = parent_of(fields, layout, heads[known_id], source)
    changed = [p for p, line in lineages.items() if line.comparison and line.comparison.changed]
    versions = index.earlier_versions(changed) if changed else {}
    plans: list[PostPlan] = []
    fresh = 0
    for one, post_id in zip(shown, matches, strict=True):
        post, positions = one.post, one.positions
        if post_id is None:
            ref = new_post_ref(fresh)
            fresh += 1
            plans.append(PostPlan(ref, positions, post.native_id, post.fields, None, None))
            continue
        line = lineages[post_id]
        edit = None
        if line.is_edit:
            revert = _returns_to_earlier(line, versions.get(post_id, []))
            edit = _edit(post_id, line, revert, source, page, index)
        plans.append(PostPlan(post_id, positions, post.native_id, line.fields, line.parent, edit))
    return tuple(plans)


def _returns_to_earlier(line: Lineage, versions: Sequence[Version]) -> bool:
    """A revert: an edit undone. The new version (its text, or else every field) is one the
    post showed, on any page, before its parent version was put up. A page catching up with
    an edit first made on another page returns to nothing: that version came later."""
    if line.comparison is None or not line.comparison.changed:
        return False
    new, parent = line.fields, line.parent.fields
    since = _put_up(line.parent.revision_id, versions)
    before = [v for v in versions if v.revision_id < since]
    if new.content_hash != parent.content_hash:
        return any(v.content_hash == new.content_hash for v in before)
    return any(v.fields_hash == new.fields_hash for v in before)


def _put_up(revision_id: int, versions: Sequence[Version]) -> int:
    """When the text of a revision went up on its page: the first of that page's revisions
    with the same text in an unbroken run up to it (a later capture in another layout makes a
    new revision of the same text)."""
    of = next((v for v in versions if v.revision_id == revision_id), None)
    if of is None:
        return revision_id
    since = revision_id
    for v in reversed([v for v in versions if v.source_id == of.source_id]):
        if v.revision_id > revision_id:
            continue
        if v.content_hash != of.content_hash:
            break
        since = v.revision_id
    return since


def _edit(
    post_id: int, line: Lineage, revert: bool, source: int, page: PageState, index: StoryIndex
) -> EditPlan:
    parent, comparison, moved_from = line.parent, line.comparison, line.moved_from
    kinds = list(comparison.kinds) if comparison else []
    changes: dict[str, object] = {}
    summary: list[str] = []
    for kind in kinds:
        assert comparison is not None
        value = comparison.changes[kind]
        if isinstance(value, list):
            changes[kind] = [list(s) for s in value]
            summary.extend(summarize(value))
        else:
            changes[kind] = value
            summary.append(f"{kind}: {value['from']!r} → {value['to']!r}")
    if moved_from is not None:
        before, after = index.source_name(moved_from), index.source_name(source)
        kinds.append("moved")
        changes["moved"] = {"from": before, "to": after}
        summary.append(f"moved from {before!r} to {after!r}")
    # The edit happened between the last capture that showed the old version and this one.
    if parent.source_id == source and post_id in page.post_ids and page.snapshot_id:
        seen_before = page.snapshot_id
    else:
        seen_before = index.last_sighting(post_id, parent.source_id)
    return EditPlan(
        from_snapshot=seen_before,
        significance=comparison.significance if comparison else "typographic",
        kinds=tuple(kinds),
        flags=(*(comparison.flags if comparison else ()), *(("revert",) if revert else ())),
        changes=changes,
        summary=tuple(summary),
    )


def _retimed(posts: Sequence[PostPlan]) -> set[int]:
    """Posts whose time label changed: the page put them where their new time goes."""
    return {
        p.ref
        for p in posts
        if p.parent is not None
        and None not in (p.fields.published, p.parent.fields.published)
        and p.fields.published != p.parent.fields.published
    }


def _removals(
    gone: Sequence[int],
    source: int,
    page: PageState,
    index: StoryIndex,
    posts: Sequence[PostPlan],
) -> tuple[RemovalPlan, ...]:
    if not gone or page.snapshot_id is None:
        return ()
    heads = index.heads(gone)
    name = index.source_name(source)
    bodies = _body_text(posts)  # (only now: normalizing every post's text costs)
    return tuple(
        RemovalPlan(pid, heads[pid][source], page.snapshot_id, (f"removed from {name!r}",))
        for pid in gone
        if not _inside(heads[pid][source].fields, bodies)
    )


def _body_text(posts: Sequence[PostPlan]) -> list[tuple[str, ...]]:
    """The normalized paragraphs under each post's headline."""
    return [post.fields.normalized[1:] for post in posts]


def _inside(fields: PostFields, bodies: Sequence[tuple[str, ...]]) -> bool:
    """A post whose headline, then its lead further down, stand in the text of one other
    post is still on the page: a layout-B split read its headline as text of the post above
    (not a removal). (Either alone may be quoted or stock elsewhere.)"""
    headline, *paragraphs = fields.normalized
    if not paragraphs:
        return False
    for body in bodies:
        if headline in body and paragraphs[0] in body[body.index(headline) + 1 :]:
            return True
    return False


def _term_counts(posts: Sequence[PostPlan]) -> tuple[tuple[int, int], ...]:
    """Document frequencies to add: each new post counts each of its words once (how many
    posts of the story had a word when they first appeared)."""
    counts: Counter[int] = Counter()
    for post in posts:
        if post.parent is None:
            counts.update(post.fields.terms)
    return tuple(counts.items())
