"""Plain values passed between the stages: what a capture says about each post."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from itertools import chain
from typing import Any

from tracker.normalize import FUNCTION_WORD, digest, normalize, term_of, words


@dataclass(frozen=True)
class PostFields:
    """One observed or effective version of a post's fields.

    ``None`` means the layout does not show that field (unknown, not deleted); an empty string
    means the layout shows it and it is empty.
    """

    headline: str
    body: tuple[str, ...]
    captions: tuple[str, ...] = ()
    credits: tuple[str, ...] | None = None
    published: str | None = None
    byline: str | None = None
    # Layout B prints a caption once, with no credit, so it cannot always be told from a lead
    # paragraph; comparisons then treat captions and body as one run of paragraphs.
    captions_certain: bool = True

    @cached_property
    def paragraphs(self) -> tuple[str, ...]:
        """Captions then body: the post's visible text, whatever the layout calls it."""
        return self.captions + self.body

    @cached_property
    def normalized(self) -> tuple[str, ...]:
        """Headline then paragraphs, normalized once for hashing, indexing and similarity."""
        return (normalize(self.headline), *(normalize(p) for p in self.paragraphs))

    @cached_property
    def word_seq(self) -> tuple[list[str], ...]:
        """Per normalized part (headline, then paragraphs), its lower-cased words in order."""
        return tuple(words(text) for text in self.normalized)

    @cached_property
    def terms(self) -> frozenset[int]:
        """The distinct words of the text, hashed: what the story's term statistics count."""
        distinct = set(chain.from_iterable(self.word_seq))
        return frozenset(map(term_of, distinct)) - {FUNCTION_WORD}

    @cached_property
    def content_hash(self) -> str:
        """Layout-independent identity of the text: normalized headline and paragraphs."""
        return digest(*self.normalized)

    @cached_property
    def fields_hash(self) -> str:
        """Exact identity of every field, as displayed; equal hashes mean no new revision."""
        return digest(
            self.headline,
            "\x1e".join(self.body),
            "\x1e".join(self.captions),
            "\x1e".join(self.credits) if self.credits is not None else "\x00",
            self.published if self.published is not None else "\x00",
            self.byline if self.byline is not None else "\x00",
            "c" if self.captions_certain else "u",
        )

    @property
    def complete(self) -> bool:
        """True when the layout showed every field (nothing to inherit)."""
        return self.published is not None and self.byline is not None and self.credits is not None

    def inherit(self, parent: PostFields) -> PostFields:
        """Fill the fields this layout does not show from the parent revision."""
        if self.complete:
            return self
        return PostFields(
            headline=self.headline,
            body=self.body,
            captions=self.captions,
            credits=self.credits if self.credits is not None else parent.credits,
            published=self.published if self.published is not None else parent.published,
            byline=self.byline if self.byline is not None else parent.byline,
            captions_certain=self.captions_certain,
        )


@dataclass(frozen=True, slots=True)
class ParsedPost:
    fields: PostFields
    native_id: str | None = None


@dataclass(frozen=True, slots=True)
class Capture:
    """A parsed snapshot: which page it is, how many posts the page declares, the posts shown."""

    origin: str
    page_title: str
    layout: str
    declared_count: int | None
    posts: tuple[ParsedPost, ...]
    text_volume: int = field(default=0)


# ---------------------------------------------------------------- what the index knows


@dataclass(frozen=True, slots=True)
class Head:
    """The latest revision of a post on one page (source)."""

    revision_id: int
    fields: PostFields
    layout: str
    source_id: int
    snapshot_id: int


@dataclass(frozen=True, slots=True)
class HeadKey:
    """A post's latest revision on one page, without its text: enough to see that a capture
    shows it unchanged."""

    revision_id: int
    fields_hash: str
    layout: str
    snapshot_id: int


@dataclass(frozen=True, slots=True)
class Version:
    """One revision of a post, by its hashes (revision ids rise with time), and the page
    whose snapshot made it."""

    revision_id: int
    source_id: int
    content_hash: str
    fields_hash: str


@dataclass(frozen=True, slots=True)
class TermStats:
    """How many posts of the story contain each word (document frequency), of how many."""

    posts: int
    df: dict[int, int]


@dataclass(frozen=True, slots=True)
class PageState:
    """A page's latest good snapshot, against which removals are judged, and the posts its
    last few good snapshots showed (similarity candidates: a small window may hide a post)."""

    snapshot_id: int | None = None
    captured_at: datetime | None = None
    post_ids: tuple[int, ...] = ()  # the latest good snapshot, top first
    post_count: int | None = None
    text_volume: int | None = None
    recent: tuple[tuple[int, ...], ...] = ()  # the last few good snapshots, newest first


# ---------------------------------------------------------------- what a snapshot amounts to

# A post in a plan: a known post's id (> 0), or -(n + 1) for the plan's n-th new post, which
# gets its id when the plan is written.
PostRef = int


def new_post_ref(n: int) -> PostRef:
    return -(n + 1)


@dataclass(frozen=True, slots=True)
class EditPlan:
    """An edit to record: what changed between the parent revision and this snapshot."""

    from_snapshot: int  # the last capture that showed the old version
    significance: str
    kinds: tuple[str, ...]
    flags: tuple[str, ...]
    changes: dict[str, Any]  # the stored JSON: text fields as [op, text] lists, scalars from/to
    summary: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PostPlan:
    """One post of the snapshot (a pinned post shown twice is one PostPlan, two positions)."""

    ref: PostRef
    positions: tuple[int, ...]
    native_id: str | None
    fields: PostFields  # effective: fields the layout does not show inherited from the parent
    parent: Head | None
    edit: EditPlan | None

    @property
    def new_revision(self) -> bool:
        return self.parent is None or self.fields.fields_hash != self.parent.fields.fields_hash


@dataclass(frozen=True, slots=True)
class RemovalPlan:
    post_id: int
    head: Head  # the post's last revision on the page
    from_snapshot: int
    summary: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything one snapshot changes, decided before anything is written."""

    source_id: int
    layout: str
    post_count: int  # posts shown, pinned copies included
    text_volume: int
    suspect: str | None
    posts: tuple[PostPlan, ...] = ()
    removals: tuple[RemovalPlan, ...] = ()
    fingerprints: tuple[tuple[PostRef, int], ...] = ()
    # Document frequencies to add: each new post counts its words, a new revision the words
    # its parent did not have.
    term_counts: tuple[tuple[int, int], ...] = ()

    @property
    def new_posts(self) -> int:
        return sum(1 for p in self.posts if p.ref < 0)

    @property
    def edits(self) -> int:
        return sum(1 for p in self.posts if p.edit is not None)


@dataclass(frozen=True, slots=True)
class WrittenEdit:
    """A stored edit or removal: its id, its row as stored, and the post's headline."""

    id: int
    row: dict[str, Any]
    headline: str


@dataclass(frozen=True)
class Written:
    """The ids a plan got when it was written."""

    snapshot_id: int
    post_ids: dict[PostRef, int]  # every ref of the plan, known ones mapped to themselves
    revision_ids: dict[int, int]  # post id → its new revision's id (posts with a new revision)
    edits: tuple[WrittenEdit, ...] = ()

    def post_id(self, ref: PostRef) -> int:
        return self.post_ids[ref]
