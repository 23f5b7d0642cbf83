"""SQLModel tables: stories, sources (pages), snapshots, posts, revisions, sightings, edits.

Two tables exist only to keep ingest cost flat as history grows: ``postpage`` holds the latest
revision of each post on each page (lineage reads it instead of scanning revisions), and
``fingerprint`` indexes headline and paragraph hashes (similarity candidates come from it
instead of from all history).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Index, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

# Constraint names that Alembic can find again on every database (SQLite has no names of its
# own for them): migrations rely on them to alter tables in batch mode.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Story(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    # Bumped by every ingested snapshot; an ingest process compares it to drop stale caches.
    version: int = 0
    created_at: datetime
    posts: int = Field(default=0, sa_column_kwargs={"server_default": "0"})  # for term stats


class Source(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("story_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    story_id: int = Field(foreign_key="story.id", index=True)
    name: str
    url: str | None = None
    created_at: datetime


class Snapshot(SQLModel, table=True):
    # Not unique: a live page that changes back (A, B, A) is three snapshots.
    __table_args__ = (
        Index("ix_snapshot_source_sha", "source_id", "raw_sha256"),
        Index("ix_snapshot_source_good", "source_id", "suspect", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(foreign_key="source.id")
    origin: str
    captured_at: datetime = Field(index=True)
    ingested_at: datetime
    raw_sha256: str
    raw: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    layout: str
    parser_version: int
    declared_count: int | None = None
    post_count: int
    text_volume: int
    suspect: str | None = None


class Observation(SQLModel, table=True):
    """A capture identical to its page's latest snapshot: the page seen again, unchanged (no
    new snapshot). Also how a file ingested twice is known to be the same observation."""

    id: int | None = Field(default=None, primary_key=True)
    snapshot_id: int = Field(foreign_key="snapshot.id", index=True)
    origin: str
    captured_at: datetime
    ingested_at: datetime


class Post(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    story_id: int = Field(foreign_key="story.id", index=True)
    native_id: str | None = None  # the first native id the post was seen with
    first_snapshot_id: int = Field(foreign_key="snapshot.id")


class NativeId(SQLModel, table=True):
    """A post's native id on one page. Ids are often page-scoped: a post carried to the next
    day's page may get a new one there, and the same id on two pages may name two posts."""

    __table_args__ = (Index("ix_nativeid_story_native", "story_id", "native_id"),)

    source_id: int = Field(foreign_key="source.id", primary_key=True)
    native_id: str = Field(primary_key=True)
    story_id: int = Field(foreign_key="story.id")
    post_id: int = Field(foreign_key="post.id", index=True)


class Revision(SQLModel, table=True):
    __table_args__ = (
        Index("ix_revision_story_content", "story_id", "content_hash"),
        Index("ix_revision_story_fields", "story_id", "fields_hash"),
    )

    id: int | None = Field(default=None, primary_key=True)
    post_id: int = Field(foreign_key="post.id", index=True)
    story_id: int = Field(foreign_key="story.id")
    snapshot_id: int = Field(foreign_key="snapshot.id", index=True)
    content_hash: str
    fields_hash: str
    layout: str
    headline: str
    body: list[str] = Field(sa_column=Column(JSON, nullable=False))
    captions: list[str] = Field(sa_column=Column(JSON, nullable=False))
    credits: list[str] | None = Field(default=None, sa_column=Column(JSON))
    published: str | None = None
    byline: str | None = None
    captions_certain: bool = True


class PostPage(SQLModel, table=True):
    """The latest revision of a post on one page (source), and the snapshot that made it so."""

    post_id: int = Field(foreign_key="post.id", primary_key=True)
    source_id: int = Field(foreign_key="source.id", primary_key=True, index=True)
    revision_id: int = Field(foreign_key="revision.id")
    snapshot_id: int = Field(foreign_key="snapshot.id")


class Sighting(SQLModel, table=True):
    """Post P was at position i of snapshot S (0 = top of the page)."""

    __table_args__ = (Index("ix_sighting_post_snapshot", "post_id", "snapshot_id"),)

    snapshot_id: int = Field(foreign_key="snapshot.id", primary_key=True)
    position: int = Field(primary_key=True)
    post_id: int = Field(foreign_key="post.id")
    revision_id: int = Field(foreign_key="revision.id")


class Edit(SQLModel, table=True):
    __table_args__ = (Index("ix_edit_story_id", "story_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    story_id: int = Field(foreign_key="story.id")
    post_id: int = Field(foreign_key="post.id", index=True)
    from_snapshot_id: int = Field(foreign_key="snapshot.id")
    to_snapshot_id: int = Field(foreign_key="snapshot.id", index=True)
    from_revision_id: int = Field(foreign_key="revision.id")
    to_revision_id: int | None = Field(default=None, foreign_key="revision.id")
    significance: str
    kinds: list[str] = Field(sa_column=Column(JSON, nullable=False))
    flags: list[str] = Field(sa_column=Column(JSON, nullable=False))
    changes: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    summary: list[str] = Field(sa_column=Column(JSON, nullable=False))


class Fingerprint(SQLModel, table=True):
    """Hash of a normalized headline or distinctive paragraph → post, for candidates."""

    # Rows live in their primary key's B-tree (on SQLite): one tree to update, not two.
    __table_args__ = {"sqlite_with_rowid": False}

    story_id: int = Field(foreign_key="story.id", primary_key=True)
    fp: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    post_id: int = Field(foreign_key="post.id", primary_key=True)


class Term(SQLModel, table=True):
    """How many posts of a story contain a word (its hash): document frequencies, kept up to
    date by each snapshot, so that text shared by many posts weighs little as evidence."""

    __table_args__ = {"sqlite_with_rowid": False}

    story_id: int = Field(foreign_key="story.id", primary_key=True)
    term: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    df: int


class TermDelta(SQLModel, table=True):
    """A snapshot's additions to its story's term counts, packed in one row, not yet folded
    into ``term``: a new post adds to a hundred terms scattered over the term table, so
    snapshots append here and every so many are folded in at once (readers add both)."""

    story_id: int = Field(foreign_key="story.id", primary_key=True)
    snapshot_id: int = Field(foreign_key="snapshot.id", primary_key=True)
    counts: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class Watch(SQLModel, table=True):
    """A page the daemon polls: where it is, how often, and where its polling stands.

    Next-due times and leases live here, so that several daemons on one database share the
    work: a daemon claims due rows by taking a lease, and a crashed daemon's lease expires.
    """

    __table_args__ = (Index("ix_watch_due", "enabled", "next_due_at"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    url: str
    story: str
    parser: str
    every_seconds: float
    selectors: dict[str, str] | None = Field(default=None, sa_column=Column(JSON))
    enabled: bool = True
    origin: str  # "config" (synced from config.toml) or "cli" (tracker sources add)
    created_at: datetime
    next_due_at: datetime
    lease_owner: str | None = None
    lease_until: datetime | None = None
    etag: str | None = None
    last_modified: str | None = None
    final_url: str | None = None
    last_fetch_at: datetime | None = None
    last_status: int | None = None
    last_outcome: str | None = None  # changed, unchanged, suspect, error
    last_error: str | None = None
    last_snapshot_id: int | None = None
    posts_seen: int | None = None
    consecutive_failures: int = 0
    failing: bool = False
    fetches: int = 0


class Delivery(SQLModel, table=True):
    """The outbox: one event for one webhook endpoint, written in the transaction that made
    the event (an edit, a source failing), delivered at least once, in order per endpoint."""

    __table_args__ = (
        Index("ix_delivery_due", "status", "next_attempt_at"),
        Index("ix_delivery_webhook", "webhook", "status", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    event_id: str = Field(index=True)  # the webhook-id header, the same on every attempt
    webhook: str
    type: str
    story: str | None = None
    edit_id: int | None = Field(default=None, foreign_key="edit.id", index=True)
    payload: str  # the exact JSON body that is signed and sent
    status: str = "pending"  # pending, delivered, dead
    attempts: int = 0
    next_attempt_at: datetime
    lease_owner: str | None = None
    lease_until: datetime | None = None
    last_status: int | None = None
    last_error: str | None = None
    created_at: datetime
    delivered_at: datetime | None = None


class Endpoint(SQLModel, table=True):
    """Per-webhook state: an endpoint that answered 410 Gone is disabled until re-enabled."""

    name: str = Field(primary_key=True)
    disabled: bool = False
    reason: str | None = None
    changed_at: datetime
