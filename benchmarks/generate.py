"""Generate a synthetic live-blog corpus in the seed layouts, with ground truth.

    python benchmarks/generate.py OUT_DIR [--captures 600] [--window 30] [--seed 1]

A story of day pages. Each step adds posts to the current day's page, edits some (words,
paragraphs added or cut, headline rewrites, captions, re-timing), deletes a few, and captures a
window of the top of a page. Every new day carries some posts over from the day before (new
time, often edited). Now and then the previous day's page is captured again in layout B (no
times or bylines, curly quotes, NBSPs), and a few captures are error pages that collapse.
"Here's what you need to know" summary posts quote paragraphs of other posts word for word.

Text comes from a bigram Markov chain trained on the seed captures, so posts share phrases the
way posts of one story do. Ground truth (truth.json) is computed from the true post ids under
DESIGN.md's lineage rules: edits, moves and removals as a correct tracker should report them.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import itertools

from tracker.capture import format_capture, parse_capture
from tracker.lineage import removed_posts
from tracker.model import PostFields
from tracker.normalize import normalize

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "cnn-ukraine"
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


class Markov:
    """Bigram chain over the seed captures' body paragraphs."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.next: dict[str, list[str]] = defaultdict(list)
        self.starts: list[str] = []
        for path in sorted(SEEDS.glob("*.txt")):
            for post in parse_capture(path.read_bytes(), path.name).posts:
                for para in post.fields.body:
                    tokens = normalize(para).split()
                    if len(tokens) < 6:
                        continue
                    if tokens[0][:1].isupper():
                        self.starts.append(tokens[0])
                    for a, b in itertools.pairwise(tokens):
                        self.next[a].append(b)

    def sentence(self, low: int, high: int) -> str:
        words = [self.rng.choice(self.starts)]
        target = self.rng.randint(low, high)
        while len(words) < target:
            options = self.next.get(words[-1])
            words.append(self.rng.choice(options) if options else self.rng.choice(self.starts))
        text = " ".join(words).rstrip(",;:")
        return text[0].upper() + text[1:]

    def paragraph(self) -> str:
        return self.sentence(20, 46).rstrip(".") + "."

    def headline(self) -> str:
        return self.sentence(7, 13).rstrip(".,;:\"'")

    def words(self, n: int) -> list[str]:
        return self.sentence(n, n).split()[:n]


@dataclass
class Post:
    id: int
    fields: PostFields
    summary: bool = False


@dataclass
class Page:
    title: str
    day: int
    order: list[int] = field(default_factory=list)  # post ids, top first


@dataclass
class Capture:
    file: str
    page: str
    layout: str
    suspect: bool
    posts: list[int]
    shown: list[PostFields]


def time_label(minute: int, day: int) -> str:
    hour24, mins = divmod(minute % (24 * 60), 60)
    hour = hour24 % 12 or 12
    half = "a.m." if hour24 < 12 else "p.m."
    month, dom = divmod(day, 28)
    return f"{hour}:{mins:02d} {half} ET, {MONTHS[month % 12]} {dom + 1}, 2023"


def layout_b(fields: PostFields) -> PostFields:
    """What layout B shows of a post: no time or byline, curly quotes, NBSPs after commas."""

    def curly(text: str) -> str:
        out, open_quote = [], True
        for ch in text:
            if ch == '"':
                out.append("“" if open_quote else "”")
                open_quote = not open_quote
            elif ch == "'":
                out.append("’")
            else:
                out.append(ch)
        return "".join(out).replace(", ", ",\u00a0", 1)

    return PostFields(
        headline=fields.headline,  # CNN's layout B keeps straight quotes in headlines
        body=tuple(curly(p) for p in fields.body),
        captions=tuple(curly(c) for c in fields.captions),
        credits=None,
        published=None,
        byline=None,
        captions_certain=False,
    )


class World:
    def __init__(self, args: argparse.Namespace) -> None:
        self.rng = random.Random(args.seed)
        self.text = Markov(self.rng)
        self.args = args
        self.posts: dict[int, Post] = {}
        self.pages: list[Page] = []
        self.minute = 6 * 60
        self.day = 31
        self.captures: list[Capture] = []

    # ------------------------------------------------------------------ content

    def new_fields(self) -> PostFields:
        rng = self.rng
        captions = (self.text.sentence(10, 18).rstrip(".") + ".",) if rng.random() < 0.4 else ()
        return PostFields(
            headline=self.text.headline(),
            body=tuple(self.text.paragraph() for _ in range(rng.randint(3, 7))),
            captions=captions,
            credits=tuple("Photographer Name/Agency" for _ in captions),
            published=time_label(self.minute, self.day),
            byline=rng.choice(
                [
                    "From CNN's Radina Gigova",
                    "From CNN staff",
                    "From CNN's Tim Lister and Yulia Kesaieva",
                ]
            ),
        )

    def summary_fields(self) -> PostFields:
        recent = [self.posts[p] for p in self.pages[-1].order[:8] if not self.posts[p].summary]
        quoted = [p.fields.body[0] for p in self.rng.sample(recent, min(3, len(recent)))]
        when = self.rng.choice(["morning", "mid-afternoon", "evening", "midnight"])
        return PostFields(
            headline=f"It's {when} in Kyiv. Here's what you need to know.",
            body=(
                self.text.paragraph(),
                *quoted,
                "Here are the latest headlines:",
                self.text.paragraph(),
            ),
            captions=(),
            credits=(),
            published=time_label(self.minute, self.day),
            byline="From CNN staff",
        )

    def edit(self, post: Post) -> None:
        """One edit; with --hard, two or three operations at once (a headline rewrite together
        with body changes, several paragraphs reworded)."""
        for _ in range(self.rng.randint(2, 3) if self.args.hard else 1):
            self.edit_once(post)

    def edit_once(self, post: Post) -> None:
        rng, f = self.rng, post.fields
        body = list(f.body)
        kind = rng.random()
        if kind < 0.45:  # words changed, like "in the last few hours" -> "Tuesday"
            i = rng.randrange(len(body))
            words = body[i].split()
            start = rng.randrange(max(1, len(words) - 4))
            words[start : start + rng.randint(1, 4)] = self.text.words(rng.randint(1, 3))
            body[i] = " ".join(words)
        elif kind < 0.65:
            body.insert(rng.randint(1, len(body)), self.text.paragraph())
        elif kind < 0.8 and len(body) >= 3:
            del body[rng.randrange(1, len(body))]
        elif kind < 0.88:
            post.fields = replace(f, headline=self.text.headline())
            return
        elif kind < 0.94 and f.captions:
            post.fields = replace(f, captions=(self.text.sentence(10, 18).rstrip(".") + ".",))
            return
        else:
            post.fields = replace(f, published=time_label(self.minute, self.day))
            return
        post.fields = replace(f, body=tuple(body))

    # ------------------------------------------------------------------ pages

    def new_day(self) -> None:
        self.day += 1
        month, dom = divmod(self.day, 28)
        page = Page(f"{MONTHS[month % 12]} {dom + 1}, 2023 Synthetic live news", self.day)
        if self.pages:
            previous = self.pages[-1]
            carried = [p for p in previous.order[:10] if not self.posts[p].summary]
            for post_id in self.rng.sample(carried, min(len(carried), self.rng.randint(3, 6))):
                post = self.posts[post_id]
                post.fields = replace(
                    post.fields, published=time_label(self.minute + 1000, self.day - 1)
                )
                if self.rng.random() < 0.5:
                    self.edit(post)
                page.order.append(post_id)
        self.pages.append(page)

    def step(self) -> None:
        rng, page = self.rng, self.pages[-1]
        self.minute += rng.randint(5, 40)
        for _ in range(rng.choice([0, 1, 1, 1, 2])):
            post_id = len(self.posts) + 1
            summary = rng.random() < 0.06 and len(page.order) > 8
            self.posts[post_id] = Post(
                post_id, self.summary_fields() if summary else self.new_fields(), summary
            )
            page.order.insert(0, post_id)
        visible = page.order[: self.args.window]
        for post_id in rng.sample(visible, min(len(visible), rng.choice([0, 1, 1, 2, 3]))):
            self.edit(self.posts[post_id])
        if rng.random() < 0.08 and len(visible) > 6:  # a post deleted from the page
            page.order.remove(rng.choice(visible[1:-2]))
        if rng.random() < 0.04 and len(visible) > 4:  # re-timed and moved to the top
            post_id = rng.choice(visible[2:])
            page.order.remove(post_id)
            page.order.insert(0, post_id)
            post = self.posts[post_id]
            post.fields = replace(post.fields, published=time_label(self.minute, self.day))

    def capture(self, page: Page, layout: str, suspect: bool = False) -> None:
        window = (
            self.args.window if self.rng.random() < 0.8 else self.rng.randint(12, self.args.window)
        )
        shown_ids = page.order[:window]
        if not shown_ids:  # a page with no posts yet: nothing to capture
            return
        if suspect:
            shown_ids = shown_ids[:2]
        fields = [self.posts[p].fields for p in shown_ids]
        shown = [layout_b(f) for f in fields] if layout == "B" else fields
        name = f"{len(self.captures):04d}.txt"
        self.captures.append(Capture(name, page.title, layout, suspect, shown_ids, shown))
        text = format_capture(page.title, shown, layout, declared=len(page.order))
        (self.args.out / name).write_text(text, encoding="utf-8")

    def run(self) -> None:
        self.new_day()
        per_day = max(20, self.args.captures // 12)
        while len(self.captures) < self.args.captures:
            if len(self.captures) % per_day == per_day - 1:
                self.new_day()
            self.step()
            roll = self.rng.random()
            if roll < 0.06 and len(self.pages) > 1:
                self.capture(self.pages[-2], "B")  # a later capture of an older page
            elif roll < 0.07:
                self.capture(self.pages[-1], "A", suspect=True)
            else:
                self.capture(self.pages[-1], "A")


def visible_text(f: PostFields) -> tuple[str, ...]:
    return (normalize(f.headline), *(normalize(p) for p in f.paragraphs))


def ground_truth(captures: list[Capture]) -> dict[str, object]:
    """Edits, moves and removals as DESIGN.md's lineage rules define them, from true ids."""
    last_on_page: dict[tuple[int, str], PostFields] = {}
    last_anywhere: dict[int, tuple[str, PostFields]] = {}
    previous_ids: dict[str, list[int]] = {}
    edits, removals = [], []
    for index, cap in enumerate(captures):
        if cap.suspect:
            continue
        for post_id, shown in zip(cap.posts, cap.shown, strict=True):
            parent = last_on_page.get((post_id, cap.page))
            moved = False
            if parent is None and post_id in last_anywhere:
                parent, moved = last_anywhere[post_id][1], True
            if parent is not None:
                effective = shown.inherit(parent)
                changed = visible_text(parent) != visible_text(effective) or any(
                    a is not None and b is not None and a != b
                    for a, b in (
                        (parent.published, effective.published),
                        (parent.byline, effective.byline),
                    )
                )
                if changed or moved:
                    edits.append([post_id, index])
                shown = effective
            last_on_page[(post_id, cap.page)] = shown
            last_anywhere[post_id] = (cap.page, shown)
        for post_id in removed_posts(previous_ids.get(cap.page, []), cap.posts):
            removals.append([post_id, index])
        previous_ids[cap.page] = cap.posts
    return {
        "captures": [
            {
                "file": c.file,
                "page": c.page,
                "layout": c.layout,
                "suspect": c.suspect,
                "posts": c.posts,
            }
            for c in captures
        ],
        "edits": edits,
        "removals": removals,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--captures", type=int, default=600)
    parser.add_argument("--window", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hard", action="store_true", help="compound edits")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("*.txt"):
        old.unlink()
    world = World(args)
    world.run()
    truth = ground_truth(world.captures)
    (args.out / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
    size = sum(p.stat().st_size for p in args.out.glob("*.txt"))
    print(
        f"{len(world.captures)} captures, {len(world.posts)} posts, {len(world.pages)} pages, "
        f"{size / 1e6:.1f} MB, {len(truth['edits'])} edits, {len(truth['removals'])} removals",  # type: ignore[arg-type]
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
