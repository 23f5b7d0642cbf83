"""Write a planned snapshot: its posts, revisions, sightings, page heads, edits and
fingerprints, in a few batched statements, inside the caller's transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from storage import queries as q
from storage.terms import add_term_counts
from tracker.model import Plan, PostPlan, PostRef, Written, WrittenEdit


def write_plan(conn: Connection, story_id: int, snapshot_id: int, plan: Plan) -> Written:
    """Store what ``plan`` decided for snapshot ``snapshot_id`` (already inserted)."""
    post_ids = _insert_new_posts(conn, story_id, snapshot_id, plan)
    revised = [p for p in plan.posts if p.new_revision]
    created = q.insert_returning_ids(
        conn,
        q.revision_t,
        [
            {
                **q.fields_to_row(p.fields),
                "post_id": post_ids[p.ref],
                "story_id": story_id,
                "snapshot_id": snapshot_id,
                "layout": plan.layout,
            }
            for p in revised
        ],
    )
    revision_ids = {post_ids[p.ref]: rid for p, rid in zip(revised, created, strict=True)}
    sightings: list[tuple[int, int, int, int]] = []
    heads: list[tuple[int, int, int, int]] = []
    edits: list[dict[str, Any]] = []
    headlines: list[str] = []
    for post in plan.posts:
        pid = post_ids[post.ref]
        revision = revision_ids.get(pid) or _parent_revision(post)
        sightings.extend((snapshot_id, i, pid, revision) for i in post.positions)
        if pid in revision_ids or post.parent is None or post.parent.source_id != plan.source_id:
            heads.append((pid, plan.source_id, revision, snapshot_id))
        if post.edit is not None:
            edits.append(_edit_row(story_id, pid, snapshot_id, revision, post))
            headlines.append(post.fields.headline)
    for removal in plan.removals:
        edits.append(
            {
                "story_id": story_id,
                "post_id": removal.post_id,
                "from_snapshot_id": removal.from_snapshot,
                "to_snapshot_id": snapshot_id,
                "from_revision_id": removal.head.revision_id,
                "to_revision_id": None,
                "significance": "substantive",
                "kinds": ["removed"],
                "flags": [],
                "changes": {},
                "summary": list(removal.summary),
            }
        )
        headlines.append(removal.head.fields.headline)
    q.insert_sightings(conn, sightings)
    q.upsert_heads(conn, heads)
    edit_ids = q.insert_returning_ids(conn, q.edit_t, edits)
    q.insert_native_ids(
        conn,
        [
            {
                "source_id": plan.source_id,
                "native_id": p.native_id,
                "story_id": story_id,
                "post_id": post_ids[p.ref],
            }
            for p in plan.posts
            if p.native_id is not None
        ],
    )
    add_term_counts(conn, story_id, snapshot_id, plan.term_counts)
    q.insert_fingerprints(conn, story_id, ((fp, post_ids[ref]) for ref, fp in plan.fingerprints))
    written = tuple(
        WrittenEdit(i, row, h) for i, row, h in zip(edit_ids, edits, headlines, strict=True)
    )
    return Written(snapshot_id, post_ids, revision_ids, written)


def _insert_new_posts(
    conn: Connection, story_id: int, snapshot_id: int, plan: Plan
) -> dict[PostRef, int]:
    # Bottom first: a page lists its posts newest first, so ids then rise with age even for
    # posts first seen together (evidence counts the oldest post having a passage its owner).
    fresh = [p for p in reversed(plan.posts) if p.ref < 0]
    rows = [
        {"story_id": story_id, "native_id": p.native_id, "first_snapshot_id": snapshot_id}
        for p in fresh
    ]
    created = q.insert_returning_ids(conn, q.post_t, rows)
    post_ids = {p.ref: p.ref for p in plan.posts if p.ref > 0}
    post_ids.update({p.ref: pid for p, pid in zip(fresh, created, strict=True)})
    return post_ids


def _parent_revision(post: PostPlan) -> int:
    assert post.parent is not None, "a post without a new revision has a parent"
    return post.parent.revision_id


def _edit_row(
    story_id: int, post_id: int, snapshot_id: int, revision: int, post: PostPlan
) -> dict[str, Any]:
    edit, parent = post.edit, post.parent
    assert edit is not None and parent is not None
    return {
        "story_id": story_id,
        "post_id": post_id,
        "from_snapshot_id": edit.from_snapshot,
        "to_snapshot_id": snapshot_id,
        "from_revision_id": parent.revision_id,
        "to_revision_id": revision,
        "significance": edit.significance,
        "kinds": list(edit.kinds),
        "flags": list(edit.flags),
        "changes": edit.changes,
        "summary": list(edit.summary),
    }
