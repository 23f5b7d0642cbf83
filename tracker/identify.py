"""Which known post each post of a snapshot continues: look-ups and candidates from the
story's index, then ``tracker.matching``. Pure given the index.

Candidates come from indexes, never from history: posts sharing a headline, lead or paragraph
with an unmatched post (how carried-over and edited posts are found, on any page), and the
posts of the page's recent captures (how a post edited beyond any exact text is found).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from functools import cached_property

from rapidfuzz import fuzz

from tracker.capture import NO_ROLE, Role, typeset_apart
from tracker.evidence import FULL_PAGE, ProfileCache, Weights, dates_apart, label_date
from tracker.index import StoryIndex, merge_hits
from tracker.keys import (
    LONG_PARAGRAPH,
    headline_key,
    identity_keys,
    lead_key,
    paragraph_key,
    timed_headline_key,
    timed_text_key,
)
from tracker.lineage import latest
from tracker.matching import PASSED, Candidate, Context, Lookups, Shown, match_snapshot
from tracker.model import Head, PageState, ParsedPost, PostFields
from tracker.normalize import normalize, opens_curly

FINGERPRINT_LIMIT = 200  # posts read per fingerprint: a headline shared by more is boilerplate
CANDIDATES_PER_KEY = 10  # a key more posts share (a stock paragraph) finds no candidates


def identify(
    shown: Sequence[Shown],
    source: int,
    page: PageState,
    index: StoryIndex,
    profiles: ProfileCache,
) -> list[int | None]:
    """For each shown post, the known post it continues (None: a new post)."""
    posts = [s.post for s in shown]
    lookups = _weigh_copies_on_top(posts, _lookups(posts, source, page, index), source, page, index)
    unmatched = {
        i: p.fields
        for i, p in enumerate(posts)
        if lookups.native(p) is None and lookups.text(p) is None
    }
    if not unmatched:
        return match_snapshot(posts, lookups, [])
    found = {
        lookups.native(p) or lookups.text(p) for i, p in enumerate(posts) if i not in unmatched
    }
    candidates, preferred, context = _candidates(
        index, source, page, unmatched, profiles, found - {None}
    )
    if lookups.stable_ids:  # which candidates carry another id on this page
        here = index.native_ids_on_page(source, [c.post_id for c in candidates])
        lookups = Lookups(
            lookups.native_here,
            lookups.native_elsewhere,
            {**lookups.ids_here, **here},
            lookups.by_fields_hash,
            lookups.by_content_hash,
        )
    pinned = frozenset(i for i, one in enumerate(shown) if len(one.positions) > 1)
    context = replace(context, weights=Weights(index.term_stats), profiles=profiles, pinned=pinned)
    return match_snapshot(posts, lookups, candidates, context, preferred)


def _lookups(
    posts: Sequence[ParsedPost], source: int, page: PageState, index: StoryIndex
) -> Lookups:
    native_ids = [p.native_id for p in posts if p.native_id]
    here: dict[str, int] = {}
    elsewhere: dict[str, int] = {}
    if native_ids:
        here, elsewhere = index.posts_by_native_id(source, native_ids)
        elsewhere = _uncontradicted(posts, elsewhere, index)
    by_fields = _showing(
        index.posts_by_hash("fields", [p.fields.fields_hash for p in posts]), source, page, index
    )
    # Only posts whose exact fields are unknown are looked up by their words (normalizing
    # every paragraph of every unchanged post would be most of a capture's matching cost).
    rest = [p for p in posts if p.fields.fields_hash not in by_fields]
    found = _showing(
        index.posts_by_hash("content", [p.fields.content_hash for p in rest]),
        source,
        page,
        index,
        by_content=True,
    )
    by_content = _same_time(rest, found, source, index)
    ids_here: dict[int, str] = {}
    if here:
        text_hits = {*by_fields.values(), *by_content.values()}
        ids_here = index.native_ids_on_page(source, text_hits)
    return Lookups(here, elsewhere, ids_here, by_fields, by_content)


def _showing(
    found: Mapping[str, list[int]],
    source: int,
    page: PageState,
    index: StoryIndex,
    by_content: bool = False,
) -> dict[str, int]:
    """One post per hash: of several posts with these words, the one this page showed last
    with them (not an old stock post of another page recaptured since); else the post whose
    revision with them is the latest."""
    chosen = {h: posts[-1] for h, posts in found.items()}
    shown = set(page.post_ids)
    ambiguous = {
        h: [p for p in posts if p in shown] for h, posts in found.items() if len(posts) > 1
    }
    asked = {p for posts in ambiguous.values() for p in posts}
    if not asked:
        return chosen
    heads = index.heads(asked)
    for h, posts in ambiguous.items():
        here = [p for p in posts if (head := heads[p].get(source)) and _hash(head, by_content) == h]
        if here:
            chosen[h] = here[-1]
    return chosen


def _hash(head: Head, content: bool) -> str:
    return head.fields.content_hash if content else head.fields.fields_hash


def _same_time(
    posts: Sequence[ParsedPost], by_content: dict[str, int], source: int, index: StoryIndex
) -> dict[str, int]:
    """The same words as a post of another page, under a time label that post never had: a
    stock post written again ("Court adjourns for the day.") or the post carried over and
    re-timed. Not taken on the words alone: the evidence decides, the time included. (On its
    own page, the same words under a new time are the post re-timed.)"""
    timed: dict[str, set[str]] = {}  # (two stock posts of one capture may share the words)
    for p in posts:
        if p.fields.published:
            timed.setdefault(p.fields.content_hash, set()).add(p.fields.published)
    asked = {h: post for h, post in by_content.items() if h in timed}
    if not asked:
        return by_content
    heads = index.heads(set(asked.values()))
    return {
        h: post
        for h, post in by_content.items()
        if h not in asked
        or source in heads[post]
        or any(
            head.fields.published is None or head.fields.published in timed[h]
            for head in heads[post].values()
        )
    }


def _weigh_copies_on_top(
    posts: Sequence[ParsedPost], lookups: Lookups, source: int, page: PageState, index: StoryIndex
) -> Lookups:
    """Word for word the text of a post of another page, under another time, on top of this
    page's known posts: a copy carried over, or the same template posted again ("Our live
    coverage has moved here")? Not taken on the text alone: the evidence decides, where it
    stands included (``Pair.new_on_a_full_page``)."""
    known_here = set(page.post_ids)
    doubtful: dict[tuple[str, str], int] = {}
    for post in posts:
        found = lookups.native(post)
        if found is None:
            found = lookups.text(post)
            # Without a time label (layout B), the same fields say nothing of the time either.
            other_time = (
                post.fields.published is None
                or post.fields.fields_hash not in lookups.by_fields_hash
            )
            if found is not None and found not in known_here and other_time:
                doubtful[(post.fields.fields_hash, post.fields.content_hash)] = found
        if found in known_here:
            break  # the posts from here down stand below a known post
    if not doubtful or not known_here:
        return lookups
    heads = index.heads(doubtful.values())
    elsewhere = [hashes for hashes, post in doubtful.items() if source not in heads[post]]
    if not elsewhere:
        return lookups
    fields_hashes, content_hashes = ({h[k] for h in elsewhere} for k in (0, 1))
    return replace(
        lookups,
        by_fields_hash={h: p for h, p in lookups.by_fields_hash.items() if h not in fields_hashes},
        by_content_hash={
            h: p for h, p in lookups.by_content_hash.items() if h not in content_hashes
        },
    )


def _uncontradicted(
    posts: Sequence[ParsedPost], elsewhere: dict[str, int], index: StoryIndex
) -> dict[str, int]:
    """An id known from another page names the same post, unless everything it says differs
    (a site numbering its posts per page reuses ids for other posts)."""
    if not elsewhere:
        return elsewhere
    heads = index.heads(elsewhere.values())
    by_id = {p.native_id: p.fields for p in posts if p.native_id in elsewhere}
    return {
        native: post
        for native, post in elsewhere.items()
        if heads[post] and not contradicts(by_id[native], latest(heads[post]).fields)
    }


def contradicts(new: PostFields, old: PostFields) -> bool:
    """Nothing of the text is the same: neither the headline nor any of the paragraphs."""
    headline, *paragraphs = new.normalized
    old_headline, *old_paragraphs = old.normalized
    if fuzz.token_sort_ratio(headline.lower(), old_headline.lower()) >= 50:
        return False
    return not set(paragraphs) & set(old_paragraphs)


def _candidates(
    index: StoryIndex,
    source: int,
    page: PageState,
    unmatched: dict[int, PostFields],
    profiles: ProfileCache,
    matched: set[int | None],
) -> tuple[list[Candidate], dict[int, set[int]], Context]:
    """Candidates; per unmatched post, the candidates sharing text with it; and whether its
    headline, or its lead, is shared word for word by several known posts."""
    keys = {i: identity_keys(fields) for i, fields in unmatched.items()}
    hits = index.posts_by_fingerprint(
        [fp for fps in keys.values() for fp in fps], FINGERPRINT_LIMIT
    )
    preferred = {
        i: merge_hits(hits, [fp for fp in keys[i] if len(hits.get(fp, ())) <= CANDIDATES_PER_KEY])
        for i in unmatched
    }
    recurring = {
        i: (len(hits.get(fps[0], ())) > 1, len(fps) > 1 and len(hits.get(fps[1], ())) > 1)
        for i, fps in keys.items()
    }
    # Posts matched exactly already are taken: only the others are read and weighed. A post
    # carried over may share no text key with its old version (headline and lead reworded,
    # the rest stock sentences): on a young page, the page captured last offers its posts.
    older = _OlderPages(index, source)
    carried = older.carried_from() if len(page.post_ids) < FULL_PAGE else ()
    ids: set[int] = set().union(*page.recent, *preferred.values(), carried)
    ids -= matched
    heads = index.heads(ids)
    candidates = []
    for p in sorted(ids):
        if heads[p]:
            head = latest(heads[p])
            here = source in heads[p]
            from_older = older(head.source_id)
            carried_here = from_older and not here  # (only an older page's window tells)
            candidates.append(
                Candidate(
                    p,
                    profiles(head.fields),
                    here,
                    from_older,
                    older.days_apart(head.source_id),
                    older.depth_at_opening(p, head.source_id) if carried_here else None,
                )
            )
    context = Context(page.post_ids, recurring=recurring, page_dates=older.page_dates)
    return candidates, preferred, context


class _OlderPages:
    """Whether a page is older than this one: by the dates in their names when both have one
    (day pages), else by which was seen first; and the earlier day's posts a young day page
    may have carried over."""

    def __init__(self, index: StoryIndex, source: int) -> None:
        self.index, self.source = index, source
        self.date = label_date(index.source_name(source))
        self._windows: dict[int, list[tuple[int, ...]]] = {}

    @cached_property
    def page_dates(self) -> tuple[date, ...]:
        """The dates of the story's day pages, sorted."""
        named = map(label_date, self.index.page_names().values())
        return tuple(sorted({d for d in named if d is not None}))

    def __call__(self, other: int) -> bool:
        if other == self.source:
            return False
        theirs = label_date(self.index.source_name(other))
        if self.date is not None and theirs is not None:
            return theirs < self.date
        return other < self.source

    def carried_from(self) -> tuple[int, ...]:
        """The posts of the page captured last, when it is an earlier day's page (posts are
        carried forward to the next day's page; pages without a date in their names may be
        separate live pages whose posts only look alike)."""
        previous = self.index.previous_page(self.source)
        if previous is None or self.date is None:
            return ()
        theirs = label_date(self.index.source_name(previous))
        if theirs is None or not theirs < self.date:
            return ()
        return self.index.page(previous).post_ids

    def depth_at_opening(self, post: int, other: int) -> int | None:
        """How many posts stood above ``post`` on page ``other`` in its last few captures
        before this page was first captured (the fewest: a stale copy may show an older
        window); PASSED when it is older than their posts and one as long left it out (None:
        nothing to say)."""
        if other not in self._windows:
            shown = self.index.windows_at_opening(other, self.source)
            self._windows[other] = [tuple(dict.fromkeys(w)) for w in shown if w]
        windows = self._windows[other]  # (a pinned copy counted once)
        depths = [w.index(post) for w in windows if post in w]
        if depths:  # (a stale copy of the page may show an older window)
            return min(depths)
        if any(len(w) >= PASSED and post < max(w) for w in windows):
            return PASSED  # below a window that long (ids rise: it is older than them all)
        return None

    def days_apart(self, other: int) -> int:
        """The story's day pages dated between the two pages (0 when either has no date)."""
        theirs = label_date(self.index.source_name(other))
        if self.date is None or theirs is None:
            return 0
        return dates_apart(self.date, theirs, self.page_dates)


class KnownParagraphs:
    """The story's history, asked what each paragraph of a layout-B capture was in the posts
    it knows (a headline, a lead, further down): ``tracker.capture.KnownText``."""

    def __init__(self, index: StoryIndex) -> None:
        self.index = index

    def roles(self, paragraphs: Sequence[str]) -> list[Role]:
        keys, texts = [], []
        for paragraph in paragraphs:
            text = normalize(paragraph)
            texts.append(text)
            keys.append((headline_key(text), lead_key(text), paragraph_key(text)))
        hits = self.index.posts_by_fingerprint(
            [k for triple in keys for k in triple], FINGERPRINT_LIMIT
        )
        none: frozenset[int] = frozenset()
        roles = []
        for head, lead, inside in keys:
            leads = frozenset(hits.get(lead, none))
            roles.append(
                Role(
                    headline_of=frozenset(hits.get(head, none)),
                    lead_of=leads,
                    body_of=frozenset(hits.get(inside, none)) - leads,
                )
            )
        headed = set().union(*(r.headline_of for r in roles))
        if len(headed) > FINGERPRINT_LIMIT:
            return roles
        heads = self.index.heads(headed)
        ends = _last_paragraphs(heads)
        asked = {t for r, t in zip(roles, texts, strict=True) if r.headline_of}
        timed = self._timed_headline_posts(heads, asked)
        styles = {
            post: {opens_curly(head.fields.headline) for head in on_pages.values()}
            for post, on_pages in heads.items()
        }
        # Quote style tells a headline from its words quoted in the text only where the
        # capture sets the two apart; elsewhere either style is the headline.
        both = typeset_apart(paragraphs)
        roles = [
            replace(
                role,
                headline_of=_in_style(role.headline_of, styles, raw) if both else role.headline_of,
                last_of=frozenset(ends.get(text, ())),
                timed_headline_of=_timed_of(timed, text, raw, both) & role.headline_of,
            )
            if role.headline_of or text in ends  # (most paragraphs are neither)
            else role
            for role, text, raw in zip(roles, texts, paragraphs, strict=True)
        ]
        return self._timed_bodies(roles, texts, heads)

    def _timed_headline_posts(
        self, heads: Mapping[int, Mapping[int, Head]], asked: set[str]
    ) -> dict[tuple[str, bool], set[int]]:
        """The posts whose headline each text was in a capture with time lines, by opening
        quote: as the pages last showed them, and as the index recorded any such capture
        (a page last captured in layout B still knows it)."""
        timed = _timed_headlines(heads)
        keys = {(t, c): timed_headline_key(t, c) for t in asked for c in (False, True)}
        found = self.index.posts_by_fingerprint(list(keys.values()), FINGERPRINT_LIMIT)
        for pair, key in keys.items():
            if key in found:
                timed.setdefault(pair, set()).update(found[key])
        return timed

    def _timed_bodies(
        self, roles: list[Role], texts: list[str], known: Mapping[int, Mapping[int, Head]]
    ) -> list[Role]:
        """For a known headline: which posts a capture with time lines showed holding it in
        their text, among its own and those of the text around it (an explainer's subhead
        that repeats its headline or another post's, or a line an earlier layout-B split took
        for a headline). Only such a split, which may have read a headline as text of the
        post above, does not count. ``known``: the heads already read (of the posts headed in
        the capture)."""
        near = {i: _near(roles, texts, i) for i, role in enumerate(roles) if role.headline_of}
        holders = set().union(*near.values()) if near else set()
        if not holders or len(holders) > FINGERPRINT_LIMIT:
            return roles
        missing = holders - known.keys()
        heads = {p: known[p] for p in holders - missing}
        if missing:
            heads.update(self.index.heads(missing))
        texts_of = _timed_texts(heads)
        # A page captured last in layout B still knows its posts' short lines as text.
        keys = {i: timed_text_key(texts[i]) for i in near if len(texts[i]) < LONG_PARAGRAPH}
        indexed = self.index.posts_by_fingerprint(list(keys.values()), FINGERPRINT_LIMIT)
        return [
            replace(
                role,
                timed_body_of=frozenset(
                    p
                    for p in near[i]
                    if texts[i] in texts_of.get(p, ())
                    or (i in keys and p in indexed.get(keys[i], ()))
                ),
            )
            if i in near
            else role
            for i, role in enumerate(roles)
        ]


def _near(roles: Sequence[Role], texts: Sequence[str], i: int) -> set[int]:
    """The known posts whose text runs at paragraph i: those around it, and those holding it
    further down. Where the line first shows its own post's headline, that post's text
    repeating it lower down says nothing of this place."""
    before = roles[i - 1] if i > 0 else NO_ROLE
    after = roles[i + 1] if i + 1 < len(roles) else NO_ROLE
    near = {
        *roles[i].body_of,
        *before.headline_of,
        *before.lead_of,
        *before.body_of,
        *after.lead_of,
        *after.body_of,
    }
    if texts[i] in texts[:i]:
        return near | roles[i].headline_of
    return near - roles[i].headline_of


def _last_paragraphs(heads: Mapping[int, Mapping[int, Head]]) -> dict[str, set[int]]:
    """The normalized last paragraph of each post whose headline the capture shows."""
    ends: dict[str, set[int]] = {}
    for post, on_pages in heads.items():
        if on_pages:
            paragraphs = latest(on_pages).fields.normalized[1:]
            if paragraphs:
                ends.setdefault(paragraphs[-1], set()).add(post)
    return ends


def _timed_texts(heads: Mapping[int, Mapping[int, Head]]) -> dict[int, set[str]]:
    """The normalized paragraphs of each post as captures with time lines showed it last."""
    return {
        post: {
            p
            for head in on_pages.values()
            if head.layout != "B"
            for p in head.fields.normalized[1:]
        }
        for post, on_pages in heads.items()
    }


def _timed_headlines(
    heads: Mapping[int, Mapping[int, Head]],
) -> dict[tuple[str, bool], set[int]]:
    """The normalized headline of each post as a capture with time lines showed it last,
    and whether it opened with a curly quote: the same words opening with a curly quote
    where the headline had a straight one are the text quoting it (see tracker.capture's
    typography evidence)."""
    found: dict[tuple[str, bool], set[int]] = {}
    for post, on_pages in heads.items():
        for head in on_pages.values():
            if head.layout != "B":
                key = (head.fields.normalized[0], opens_curly(head.fields.headline))
                found.setdefault(key, set()).add(post)
    return found


def _timed_of(
    timed: Mapping[tuple[str, bool], set[int]], text: str, raw: str, by_style: bool
) -> frozenset[int]:
    """The posts whose timed headline the paragraph is (in its quote style, if asked)."""
    if by_style:
        return frozenset(timed.get((text, opens_curly(raw)), ()))
    return frozenset(timed.get((text, True), set()) | timed.get((text, False), set()))


def _in_style(
    posts: frozenset[int], styles: Mapping[int, set[bool]], paragraph: str
) -> frozenset[int]:
    """The posts whose headline the paragraph is, quotes included: the words of a headline
    that opened with a straight quote, opening with a curly one, are the text quoting it."""
    if not posts:
        return posts
    curly = opens_curly(paragraph)
    return frozenset(p for p in posts if curly in styles.get(p, {curly}))
