"""Plain values passed between the stages: what a capture says about each post."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from tracker.normalize import digest, normalize


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
