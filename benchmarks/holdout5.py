"""Held-out corpus 5: a weeks-long criminal trial covered live, one page per court day.

    python benchmarks/holdout5.py OUT_DIR [--captures N] [--seed S] [--format text|html]

Writes what benchmarks/CORPUS_CONTRACT.md asks for. Standard library only, deterministic for a
given seed (no set or hash() ever drives a choice).

The angle. A fictional high-profile fraud trial (United States v. Graham Harwell, former chief
executive of Brightwater Pensions) covered live for weeks, one page per court day titled
"Month D, YYYY — The Harwell trial live updates". Posts come from a Markov model of the
courtroom day: morning preview and "What to know" template, session opens, witness called,
direct examination, cross-examination, objections, sidebars, recesses, lunch, witness excused,
adjournment and "Key moments" template; phases run openings → prosecution case ("The prosecution
rests.") → defense case → closings → deliberations (verdict watch, jury notes) → verdict on the
last day. All prose comes from the grammar below: testimony leads, many short quoted Q/A lines
(attributed and not), reported remarks, legal background paragraphs reused verbatim across
posts and days, stock lines ("Court is in recess.", "The jury has left the courtroom.", "Court
has resumed."), headlines that are only a short sentence ("Recess.", "The defense rests."),
one- and two-word headlines, questions, headlines ending in ':' ',' ';' '…' '!' or a closing
quote, quotation headlines, one-paragraph posts, posts opening with a short quote, and recurring
templates with identical headline and boilerplate whose bullets quote 3+ other posts' lead
sentences verbatim ("What to know about the trial", "Key moments from today's testimony"),
updated in place. A separate web-desk model edits the live page between captures: word swaps,
name and number corrections (posts go up with a misspelled surname or a transposed figure),
sentences and paragraphs added or cut, headline rewrites, captions and bylines added or
changed, typographic-only changes (curly/straight quotes, dashes, NBSP), reverts to the
previous or an older revision, re-timing to the top, time-label bumps in place, deletions from
the middle, pin/unpin (a pinned post is shown on top and in place), rare edits of older pages.
At each day rollover 3-6 of the newest posts are carried to the new page (new data-uri; new
time label 65% of the time, else the old page's label; 30% lightly edited) and the old page
usually gets a "Our live coverage has moved" post. 20% of captures go to an older page; those
catch up with the carried copies' edits at random (p=0.35 per differing post per capture).

Choices where the contract leaves room:
- Text compared by the truth = headline, caption texts (without the A credit), body paragraphs;
  credits never change. Bullets are one paragraph each ("  • …"), printed on consecutive lines
  in both text layouts (as in 003) and as one p.paragraph each in HTML.
- Layout A and HTML show the time label and the byline field (no byline line = empty byline, so
  adding one is an edit); layout B shows neither. Values a layout does not show are inherited
  from the parent and then compared as if shown (A t1 → B → A t2 is a time-label edit; such a
  post is also "re-timed" for rule 5).
- Rule 4's "before its parent version was put up": the capture where the post's normalized text
  first became the parent's text in the parent's lineage (a version is born only when the
  normalized text changes; a move with unchanged text keeps its version).
- Layout B renders body and captions with curly quotes; its headlines keep the source text but
  sometimes get an NBSP or a trailing space — a pure function of the headline, so unchanged
  content renders byte-identically.
- Stale-cache captures: 3/4 copy the page's latest non-suspect capture (byte-identical unless a
  suspect capture came between, so they change nothing), 1/4 copy one 2-4 captures back; those
  are processed by rules 1-5 like any capture (older texts are edits or reverts, posts the copy
  lacks are removals when witnessed). They are not flagged suspect.
- Suspect captures keep the page title (first line / <title>) so their page is known: error page
  and consent wall show no post; a collapsed page shows the top 1-2 posts with "N Posts" either
  the page's count or the shown count, drawn only when the page's previous non-suspect capture
  showed 6+. Legit windows are never below max(3, a third of that previous capture).
- "N Posts" = live posts the page holds (a pinned post once). A pinned copy in HTML carries the
  same data-uri as the in-place copy. The HTML credit sits in div.image__credit outside the
  figcaption. One page (not the first) switches data-uri scheme at its first capture at or
  after noon: every post on it gets a new data-uri.
- Times are US Eastern with DST; captured_at is UTC. Trial start: a Monday in Jan-Apr 2025.
  "Dive Deeper" ends 25% of A and 80% of B captures (half of those twice, as in 003).

Realized rates, seed 1, 700 text captures (python benchmarks/holdout5.py OUT --captures 700):
- 25 day pages, 901 posts (about 40 per page); 590 captures of the live page, 110 of older pages.
- Layouts: A 569, B 131 (18.7%; 62 on the live page, 69 of 110 older-page captures); 83 B
  captures show the whole page. Windows 3-50 posts, median 17; 200 captures show a pinned post
  twice.
- Suspect 51 (error 13, consent 19, collapsed 19); stale copies 24 (13 of the previous capture,
  11 of an older one); 32 captures byte-identical to the page's previous capture.
- Templates 45 (25 "Key moments", 20 "What to know"), updated in place 107 times; 107 posts
  carried to a next-day page (19 lightly edited), 20 "coverage has moved" posts, 68 catch-ups.
- Truth: edits 1051 (text 775, move 107, typographic 78, time label 49, byline 40, both 2),
  reverts 61, moves 107, removals 54. Desk: 92 reverts (7 to an older revision), 57 re-timings
  to the top, 44 deletions, 190 typographic edits, 14 name and 9 number corrections.
- Headline endings (as first published): none 47.8%, '.' 18.1%, closing quote 10.3%, '?' 7.1%,
  '…' 4.9%, ',' 3.7%, ';' 3.1%, ':' 2.9%, '!' 2.1%; one-word 43, two-word 81 headlines.
- 20% of posts are a single paragraph; 50 open with a short quote. Sentence reuse: 71% of
  sentence occurrences appear verbatim in 2+ posts (Q/A lines, stock lines, background
  paragraphs, template bullets), 92% of posts share at least one sentence with another post,
  57% of paragraphs occur verbatim in another post; 484 posts share their headline with
  another post.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import random
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

GENERATOR = "holdout5"
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# ---------------------------------------------------------------------------------------------
# Cast and grammar
# ---------------------------------------------------------------------------------------------

DEFENDANT = "Graham Harwell"
STORY = "The Harwell trial live updates"
JUDGE, JUDGE_LAST = "Judge Miriam Castellanos", "Castellanos"


@dataclass(frozen=True)
class Person:
    full: str
    last: str
    role: str  # "Brightwater's former controller"
    short: str  # "former controller"
    pron: str  # he / she


PROSECUTORS = (
    Person("Assistant US Attorney Dana Whitcomb", "Whitcomb", "a prosecutor", "prosecutor", "she"),
    Person("prosecutor Luis Ferreira", "Ferreira", "a prosecutor", "prosecutor", "he"),
)
DEFENSE = (
    Person("defense attorney Adrian Kessler", "Kessler", "Harwell's lead lawyer", "defense lawyer", "he"),
    Person("defense attorney Nora Blaine", "Blaine", "a defense lawyer", "defense lawyer", "she"),
)
PROSECUTION_WITNESSES = (
    Person("Teresa Okafor", "Okafor", "Brightwater's former controller", "former controller", "she"),
    Person("Samuel Reyes", "Reyes", "an FBI forensic accountant", "FBI accountant", "he"),
    Person("Bethany Lund", "Lund", "Harwell's former executive assistant", "former assistant", "she"),
    Person("Walter Greaves", "Greaves", "a retired machinist and Brightwater pensioner", "retiree", "he"),
    Person("Imogen Tate", "Tate", "a former Brightwater auditor", "former auditor", "she"),
    Person("Marcus Bell", "Bell", "the fund's former chief investment officer", "cooperating witness", "he"),
    Person("Carla Dunmore", "Dunmore", "a bank compliance officer", "bank officer", "she"),
    Person("Victor Osei", "Osei", "Brightwater's former IT administrator", "IT administrator", "he"),
    Person("Helen Strand", "Strand", "a state pension regulator", "regulator", "she"),
    Person("Ray Castillo", "Castillo", "Harwell's former driver", "former driver", "he"),
)
DEFENSE_WITNESSES = (
    Person("Lionel Park", "Park", "a forensic accounting expert hired by the defense", "defense expert", "he"),
    Person("Gwen Harwell", "Gwen Harwell", "the defendant's sister", "Harwell's sister", "she"),
    Person("Peter Alcott", "Alcott", "a former Brightwater board member", "former board member", "he"),
    Person("Nadia Frost", "Frost", "a longtime business associate of Harwell", "character witness", "she"),
)
TYPOS = {
    "Okafor": "Okafour", "Reyes": "Reyez", "Lund": "Lunde", "Greaves": "Graves", "Tate": "Tait",
    "Bell": "Bel", "Dunmore": "Dunmoore", "Osei": "Osie", "Strand": "Strande", "Castillo": "Castilo",
    "Park": "Parke", "Alcott": "Alcot", "Frost": "Forst", "Harwell": "Harwel",
    "Castellanos": "Castellano", "Kessler": "Kesler", "Whitcomb": "Whitcombe",
    "Ferreira": "Ferriera", "Blaine": "Blain",
}
OBJECTS = (
    "the March ledger", "the offshore transfers", "the shredded board minutes",
    "the Lighthouse spreadsheet", "the quarterly pension statements", "the bridge loan",
    "the deleted emails", "the yacht invoices", "the audit committee memo", "the Cayman account",
    "the 2019 actuarial report", "the second set of books",
)
AMOUNTS = (
    ("$41 million", "$14 million"), ("$212 million", "$122 million"), ("$3.8 million", "$8.3 million"),
    ("$670,000", "$760,000"), ("$17.5 million", "$15.7 million"), ("$96 million", "$69 million"),
    ("$1.2 billion", "$2.1 billion"), ("$58 million", "$85 million"),
)
FACTS = (
    ("Harwell personally approved the changes to {obj}", "Harwell approved changes to {obj}"),
    ("{pron} was told to keep {obj} away from the auditors", "{pron} was told to hide {obj} from auditors"),
    ("the figures in {obj} were rewritten at least {n} times", "{obj} was rewritten {n} times"),
    ("{pron} first raised concerns about {obj} in {month} 2019", "{pron} flagged {obj} in 2019"),
    ("Harwell called {opron} into his office {n} days before the audit", "Harwell summoned {opron} before the audit"),
    ("nobody outside the executive suite knew about {obj}", "only executives knew about {obj}"),
    ("{amount} moved through the Cayman account in a single week", "{amount} moved in a single week"),
    ("Harwell kept a printed copy of {obj} in a locked drawer", "Harwell kept {obj} under lock"),
    ("the board was never shown {obj}", "the board never saw {obj}"),
    ("{pron} deleted emails after a phone call from Harwell", "{pron} deleted emails after Harwell called"),
    ("retirees' statements were mailed before {amount} in losses was recorded", "statements went out before losses were booked"),
    ("Harwell joked that {obj} was 'the real pension plan'", "Harwell joked about {obj}"),
    ("{pron} signed {obj} without reading it", "{pron} signed {obj} unread"),
    ("Harwell asked for {obj} to be delivered to his home", "Harwell wanted {obj} sent to his home"),
    ("{amount} was booked as a consulting fee", "{amount} was booked as a consulting fee"),
)
DEFENSE_CLAUSES = (
    "had every reason to blame Harwell", "signed the documents without reading them",
    "never raised concerns at the time", "was negotiating a deal with prosecutors",
    "could not remember key dates", "had been paid a bonus the same year",
    "changed {pos} account after meeting investigators",
)
QUESTIONS = (  # (question, kind of answer)
    ("Did you ever discuss {obj} with Mr. Harwell?", "yn"), ("Who asked you to change {obj}?", "who"),
    ("Were you worried about the retirees?", "yn"), ("Did you tell anyone?", "yn"),
    ("What did he say next?", "said"), ("Was that the first time?", "yn"), ("Did you believe him?", "yn"),
    ("Who else was in the room?", "who"), ("Did you sign it?", "yn"),
    ("You were paid a bonus that year, weren't you?", "yn"),
    ("Isn't it true you never spoke to Mr. Harwell about {obj}?", "yn"),
    ("How much money was moved?", "much"), ("Where were the originals kept?", "where"),
    ("Why didn't you go to the board?", "why"), ("How often did that happen?", "often"),
    ("Why not?", "why"),
)
ANSWERS = {
    "yn": ("No.", "Yes.", "Never.", "I don't recall.", "Not that I remember.", "That's not true.", "I'm not sure.", "I didn't ask."),
    "who": ("Mr. Harwell.", "He did.", "Marcus Bell.", "I don't recall.", "The whole finance team."),
    "said": ("He said, 'Make it go away.'", "Nothing. He just left.", "That's what he told me.", "I don't remember exactly."),
    "much": ("About {amount}.", "More than {amount}.", "I don't know the exact number."),
    "where": ("In the basement, next to the shredder.", "In his office.", "I never saw them."),
    "why": ("I was scared.", "I wanted to keep my job.", "Because he told me to.", "I believed him at the time.", "I knew it was wrong."),
    "often": ("Every month.", "Twice.", "Every quarter.", "More times than I can count."),
}
HARWELL_SAID = (
    "Make it go away.", "Nobody reads the footnotes.", "The retirees will never notice.",
    "Lighthouse stays between us.", "Fix the numbers before the board sees them.",
    "Shred the drafts, keep the final.", "We'll put it back before anyone looks.",
)
SHORT_QUOTES = (
    "I was terrified.", "I did what I was told.", "He said, make it go away.", "It was wrong.",
    "Nobody reads the footnotes.", "I knew it was wrong.", "He never raised his voice.",
    "I wanted to keep my job.", "Those were my parents' savings.", "I trusted him.",
)
COLOUR = (
    "Harwell, wearing a gray suit, sat with his hands folded as {w} testified.",
    "Several jurors took notes.", "Harwell shook his head.", "{w} did not look at the defense table.",
    "The courtroom was silent.", "One juror leaned forward in her seat.",
    "Harwell whispered to his lawyers.", "{w} paused for several seconds before answering.",
    "The gallery was full again today.", "Harwell's wife sat in the second row.",
)
BACKGROUND = (
    "Harwell has pleaded not guilty to all charges. If convicted on the most serious count, he faces up to 20 years in prison.",
    "Prosecutors allege that Harwell moved roughly $212 million out of the Brightwater pension fund between 2016 and 2021 and hid the losses from regulators and retirees.",
    "The defense argues that Harwell relied on the advice of his finance team and never intended to deceive anyone.",
    "To convict, the 12 jurors must unanimously agree that prosecutors proved each element of a charge beyond a reasonable doubt.",
    "Marcus Bell, the fund's former chief investment officer, pleaded guilty last year and agreed to cooperate with prosecutors.",
    "Judge Miriam Castellanos has told jurors the trial could last six weeks.",
    "Cameras are not allowed inside the federal courtroom, and CNN is relying on reporters in the room and courtroom sketches.",
    "Some background: Brightwater Pensions collapsed in 2022, leaving thousands of retired factory workers with reduced or suspended payments.",
    "Harwell is charged with 11 counts of wire fraud, two counts of obstruction of justice and one count of witness tampering.",
)
STOCK_LINES = (
    "Court is in recess.", "The jury has left the courtroom.", "Court has resumed.",
    "The jury is back in the courtroom.", "Court is back in session.",
)
SYNONYMS = (
    ("said", "testified"), ("told", "informed"), ("scared", "frightened"),
    ("began", "started"), ("quickly", "swiftly"), ("documents", "papers"), ("recalled", "remembered"),
    ("silent", "quiet"), ("full", "packed"), ("took", "jotted down"), ("paused", "hesitated"),
    ("sat", "remained seated"), ("questioning", "examination"), ("concerns", "worries"),
)
REPORTERS = (
    "Elena Marsh", "Devin Okoro", "Priya Natarajan", "Tom Halvorsen", "Rosa Quintero",
    "Ben Adeyemi", "Lauren Pike", "Marco Velez", "Hannah Cole", "Isaac Brenner",
)
CREDITS = (
    "Marla Quint/Reuters", "Howard Lisle/AP", "Seth Wren/Getty Images", "Jenna Moss/AFP/Getty Images",
    "Ivy Calder/Bloomberg/Getty Images", "Marla Quint", "Howard Lisle",
)
DIVE_DEEPER = (
    "Who is Graham Harwell? The pension boss on trial",
    "How Brightwater's retirees lost their checks",
    "The cooperating witness at the heart of the Harwell case",
    "What jurors have seen so far: the key exhibits",
    "Inside the collapse of a 40,000-member pension fund",
)
READ_MORE = (
    "Harwell trial: What the jury has heard so far",
    "The Brightwater collapse, explained in five charts",
    "Retirees who lost their pensions are watching the trial closely",
)
WHAT_TO_KNOW = "What to know about the trial"
KEY_MOMENTS = "Key moments from today's testimony"
WTK_BOILER = (
    "Graham Harwell, the former chief executive of Brightwater Pensions, is on trial in Manhattan federal court, accused of siphoning money from a retirement fund that covered more than 40,000 workers.",
    "He has pleaded not guilty to all 14 counts, including wire fraud, obstruction of justice and witness tampering.",
    "Here's what has happened so far:",
)
WTK_FALLBACK = (
    "Jury selection took four days, and 12 jurors and six alternates were seated.",
    "Prosecutors say the fund's losses were hidden in a second set of books.",
    "The defense says Harwell was misled by his own finance team.",
)
KM_BOILER = (
    "If you're just joining us, here are the key moments from today's testimony in the Harwell trial:",
)
KM_TAIL = "Follow our live coverage for the latest from the courthouse."
STOCK_KINDS = ("objection", "sidebar", "recess", "resume", "lunch", "wtk", "km", "deliberation")
MOVED_HEADLINES = ("Our live coverage has moved", "Our live coverage of the Harwell trial has moved")
MOVED_BODY = "Follow the latest updates on the Harwell trial here."

# ---------------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------------

_FOLD = str.maketrans({
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"', "‟": '"',
    "″": '"', "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
})
_SPACES = re.compile(r"[\s\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000]+")
_SENT = re.compile(r"(?<=[.?!\"”])\s+(?=[A-Z\"“])")
_ABBREV = ("a.m.", "p.m.", "Mr.", "Ms.", "Dr.", "Jan.", "U.S.")


def norm(text: str) -> str:
    """The contract's normalization: spaces, quotes and dashes folded, white space collapsed."""
    return _SPACES.sub(" ", text.translate(_FOLD)).strip()


def curly(text: str) -> str:
    """Straight quotes and apostrophes to typographic ones, as layout B shows body text."""
    out: list[str] = []
    prev = " "
    for ch in text:
        if ch == '"':
            out.append("“" if prev.isspace() or prev in "([{—–-/‘" else "”")
        elif ch == "'":
            out.append("‘" if prev.isspace() or prev in "([{“—" else "’")
        else:
            out.append(ch)
        prev = ch
    return "".join(out)


def b_headline(text: str) -> str:
    """Layout B's headline: sometimes a non-breaking space, sometimes a trailing space."""
    crc = zlib.crc32(text.encode("utf-8"))
    spaces = [m.start() for m in re.finditer(" ", text)]
    if spaces and crc % 10 < 3:
        k = spaces[(crc // 10) % len(spaces)]
        text = text[:k] + "\u00a0" + text[k + 1 :]
    if crc % 13 == 0:
        text += " "
    return text


def sentences(text: str) -> list[str]:
    out: list[str] = []
    for piece in _SENT.split(text):
        if out and (out[-1].endswith(_ABBREV) or not out[-1].endswith((".", "?", "!", '."', '?"', ".”", "?”"))):
            out[-1] += " " + piece
        elif piece:
            out.append(piece)
    return out


def lead_of(paras: tuple[str, ...]) -> str:
    for p in paras:
        if p and not p.startswith(('"', "“", "  •")):
            return sentences(p)[0]
    return ""


def clock(t: dt.datetime) -> str:
    h = t.hour % 12 or 12
    return f"{h}:{t.minute:02d} {'a.m.' if t.hour < 12 else 'p.m.'}"


def time_label(t: dt.datetime) -> str:
    return f"{clock(t)} ET, {MONTHS[t.month - 1]} {t.day}, {t.year}"


def month_day(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}"


def utc_offset(t: dt.datetime) -> int:
    """Hours from US Eastern local time to UTC (DST: second Sunday of March to first of November)."""
    march = dt.date(t.year, 3, 8)
    start = march + dt.timedelta(days=(6 - march.weekday()) % 7)
    nov = dt.date(t.year, 11, 1)
    end = nov + dt.timedelta(days=(6 - nov.weekday()) % 7)
    start_t = dt.datetime(start.year, start.month, start.day, 2)
    end_t = dt.datetime(end.year, end.month, end.day, 2)
    return 4 if start_t <= t < end_t else 5


def iso_utc(t: dt.datetime) -> str:
    return (t + dt.timedelta(hours=utc_offset(t))).strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------------------------------------
# World
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Content:
    headline: str
    byline: str  # "" = none
    captions: tuple[tuple[str, str], ...]  # (caption, credit)
    paras: tuple[str, ...]


@dataclass(frozen=True)
class Fields:
    """One post as one capture shows it (what truth compares)."""

    headline: str
    byline: str | None  # None: the layout does not show bylines
    captions: tuple[tuple[str, str], ...]
    paras: tuple[str, ...]
    label: str | None  # None: the layout does not show time labels


@dataclass
class Spec:
    kind: str
    headline: str
    paras: list[str]
    alts: list[str] = field(default_factory=list)
    byline: str = ""
    captions: list[tuple[str, str]] = field(default_factory=list)
    reserve: list[str] = field(default_factory=list)
    pending: list[tuple[str, str]] = field(default_factory=list)
    caption_alts: list[str] = field(default_factory=list)
    bullets_from: list[int] = field(default_factory=list)


@dataclass(eq=False)
class Inst:
    """A post as it stands on one page."""

    pid: int
    page: Page
    content: Content
    label: str
    sort: tuple[dt.datetime, int]
    uri: str
    kind: str
    alts: list[str]
    reserve: list[str]
    pending: list[tuple[str, str]]
    caption_alts: list[str]
    history: list[Content] = field(default_factory=list)
    alive: bool = True
    carried_to: Inst | None = None
    carried_from: Inst | None = None
    bullets_from: list[int] = field(default_factory=list)


@dataclass(eq=False)
class Page:
    idx: int
    date: dt.date
    title: str
    slug: str
    insts: dict[int, Inst] = field(default_factory=dict)
    pinned: int | None = None
    authors: list[str] = field(default_factory=list)
    updated: dt.datetime | None = None
    viewport: int = 12
    captures: list[int] = field(default_factory=list)
    scheme: int = 1

    def order(self) -> list[Inst]:
        return sorted((i for i in self.insts.values() if i.alive), key=lambda i: i.sort, reverse=True)

    def entries(self) -> list[Inst]:
        order = self.order()
        if self.pinned is not None and self.pinned in self.insts and self.insts[self.pinned].alive:
            return [self.insts[self.pinned], *order]
        return order


@dataclass
class Ver:
    norm: tuple[str, ...]
    raw: tuple[str, ...]
    layout: str
    time: str | None
    byline: str | None
    rec: int


class Truth:
    """The contract's rules 1-5, applied to what each capture shows."""

    def __init__(self) -> None:
        self.last_bytes: dict[str, bytes] = {}
        self.last_ok: dict[str, list[int]] = {}
        self.page_ver: dict[str, dict[int, Ver]] = {}
        self.global_ver: dict[int, Ver] = {}
        self.records: dict[int, list[tuple[int, tuple[str, ...]]]] = {}
        self.edits: list[list[int]] = []
        self.reverts: list[list[int]] = []
        self.moves: list[list[int]] = []
        self.removals: list[list[int]] = []
        self.why: Counter[str] = Counter()  # what made each edit (for the docstring's rates)

    def process(
        self, i: int, page: str, data: bytes, suspect: bool, layout: str,
        shown: list[tuple[int, Fields]],
    ) -> None:
        same = self.last_bytes.get(page) == data
        self.last_bytes[page] = data
        if suspect or same:
            return
        pv = self.page_ver.setdefault(page, {})
        first: dict[int, Fields] = {}
        lowest: dict[int, int] = {}
        for pos, (pid, f) in enumerate(shown):
            lowest[pid] = pos
            first.setdefault(pid, f)
        retimed: list[int] = []
        for pid, f in first.items():
            raw = (f.headline, *(c for c, _ in f.captions), *f.paras)
            nt = tuple(norm(x) for x in raw)
            parent = pv.get(pid)
            moved = False
            if parent is None:
                parent = self.global_ver.get(pid)
                moved = parent is not None
            time = f.label
            byline = f.byline
            if parent is None:
                self.records[pid] = [(i, nt)]
                ver = Ver(nt, raw, layout, time, byline, 0)
            else:
                text_changed = nt != parent.norm
                typo = not text_changed and raw != parent.raw and layout == parent.layout
                t_changed = time is not None and parent.time is not None and time != parent.time
                b_changed = byline is not None and parent.byline is not None and byline != parent.byline
                if moved or text_changed or typo or t_changed or b_changed:
                    self.edits.append([pid, i])
                    self.why[
                        "move" if moved else "text" if text_changed else "typographic" if typo
                        else "time label" if t_changed and not b_changed else "byline" if not t_changed
                        else "time label+byline"
                    ] += 1
                    if moved:
                        self.moves.append([pid, i])
                    if text_changed:
                        recs = self.records[pid]
                        born = recs[parent.rec][0]
                        if any(c < born and r == nt for c, r in recs):
                            self.reverts.append([pid, i])
                if t_changed:
                    retimed.append(pid)
                rec = parent.rec
                if text_changed:
                    self.records[pid].append((i, nt))
                    rec = len(self.records[pid]) - 1
                ver = Ver(
                    nt, raw, layout,
                    time if time is not None else parent.time,
                    byline if byline is not None else parent.byline,
                    rec,
                )
            pv[pid] = ver
            self.global_ver[pid] = ver
        prev = self.last_ok.get(page)
        if prev is not None:
            prev_low: dict[int, int] = {}
            for pos, pid in enumerate(prev):
                prev_low[pid] = pos
            both = sorted((p for p in prev_low if p in lowest), key=lambda p: prev_low[p])
            witnesses: list[int] = []
            best_now = -1  # lowest place now among posts that stood above, so far
            for y in both:
                moved_up = best_now > lowest[y]
                best_now = max(best_now, lowest[y])
                if not moved_up and y not in retimed:
                    witnesses.append(y)
            deepest = max((prev_low[y] for y in witnesses), default=-1)
            for x, pos in prev_low.items():
                if x not in lowest and pos < deepest:
                    self.removals.append([x, i])
        self.last_ok[page] = [pid for pid, _ in shown]


# ---------------------------------------------------------------------------------------------
# Prose: the courtroom grammar
# ---------------------------------------------------------------------------------------------


class Prose:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def pick(self, seq: tuple[str, ...] | list[str]) -> str:
        return seq[self.rng.randrange(len(seq))]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def fill(self, text: str, w: Person | None = None) -> str:
        r = self.rng
        amount = AMOUNTS[r.randrange(len(AMOUNTS))][0]
        pron = w.pron if w else "she"
        return text.format(
            obj=self.pick(OBJECTS), n=r.randint(3, 40), month=self.pick(MONTHS[:9]),
            amount=amount, pron=pron, opron="her" if pron == "she" else "him",
            pos="her" if pron == "she" else "his", w=w.last if w else "the witness",
        )

    def byline(self, p: float) -> str:
        if not self.chance(p):
            return ""
        a = self.pick(REPORTERS)
        lead = "From CNN’s" if self.chance(0.12) else "From CNN's"
        if self.chance(0.45):
            b = self.pick([x for x in REPORTERS if x != a])
            return f"{lead} {a} and {b}"
        return f"{lead} {a}"

    def sketch(self, w: Person, day: dt.date) -> tuple[tuple[str, str], list[str]]:
        cap = f"In this courtroom sketch, {w.full} testifies during Graham Harwell's fraud trial in New York on {month_day(day)}."
        alts = [
            f"In this courtroom sketch, {w.full} is questioned during Graham Harwell's fraud trial in New York on {month_day(day)}.",
            f"{w.full} testifies in Manhattan federal court on {month_day(day)}, in this courtroom sketch.",
        ]
        return (cap, self.pick(CREDITS)), alts

    def photo(self, day: dt.date) -> tuple[tuple[str, str], list[str]]:
        cap = f"Graham Harwell arrives at federal court in Manhattan on {month_day(day)}."
        alts = [
            f"Graham Harwell, center, arrives at federal court in Manhattan on {month_day(day)}.",
            f"Former Brightwater Pensions CEO Graham Harwell arrives at court on {month_day(day)}.",
        ]
        return (cap, self.pick(CREDITS[:5])), alts

    def qa_lines(self, w: Person, lawyer: Person, k: int) -> list[str]:
        """Short quoted lines, attributed and unattributed."""
        out: list[str] = []
        for _ in range(k):
            q0, group = QUESTIONS[self.rng.randrange(len(QUESTIONS))]
            q = self.fill(q0, w)
            a = self.fill(self.pick(ANSWERS[group]), w)
            style = self.rng.randrange(6)
            if style == 0:
                out += [f'"{q}" {lawyer.last} asked.', f'"{a}"']
            elif style == 1:
                out += [f'"{q}"', f'"{a[:-1]}," {w.last} said.' if a.endswith(".") else f'"{a}" {w.last} said.']
            elif style == 2:
                a2 = f"{a[:-1]}," if a.endswith(".") else a
                out += [f'"{a2}" {w.pron} replied when {lawyer.last} asked, "{q}"']
            elif style == 3:
                out += [f'"{q}"', f'"{a}"']
            elif style == 4:
                hs = self.pick(HARWELL_SAID)
                out += [f'{w.last} testified that Harwell told {"her" if w.pron == "she" else "him"}: "{hs}"']
            else:
                out += [f'"{a[:-1]}," {w.last} told jurors.' if a.endswith(".") else f'"{a}" {w.last} told jurors.']
        return out

    def colour(self, w: Person | None) -> str:
        return self.fill(self.pick(COLOUR), w)


# ---------------------------------------------------------------------------------------------
# The generator
# ---------------------------------------------------------------------------------------------


class Corpus:
    def __init__(self, seed: int, n: int, fmt: str) -> None:
        self.rng = random.Random(seed)
        self.prose = Prose(self.rng)
        self.seed, self.n, self.fmt = seed, n, fmt
        self.pages: list[Page] = []
        self.next_pid = 1
        self.seq = 0
        self.captures: list[dict[str, object]] = []
        self.cap_data: list[bytes] = []
        self.cap_shown: list[list[tuple[int, Fields]]] = []
        self.cap_ok: list[bool] = []
        self.files: list[str] = []
        self.truth = Truth()
        self.stats: Counter[str] = Counter()
        self.origin: list[Inst] = []
        self.witness_ptr = {"p": 0, "d": 0}
        self.scheme_page = -1
        self.scheme_switched = False
        self.verdict_done = False
        self.day_no = 1

    # -- helpers ------------------------------------------------------------------------------
    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def token(self, k: int = 16) -> str:
        return "".join(self.rng.choice("0123456789abcdef") for _ in range(k))

    def uri(self, page: Page) -> str:
        if page.scheme == 1:
            return f"cms.cnn.com/_components/live-story-post/instances/cm{self.token(22)}@published"
        return f"cms.cnn.com/_components/live-story-post-v2/instances/{self.token(8)}-{self.token(4)}-{self.token(4)}-{self.token(12)}@published"

    def live(self) -> Page:
        return self.pages[-1]

    def touch(self, page: Page, t: dt.datetime) -> None:
        page.updated = t

    # -- pages and posts ----------------------------------------------------------------------
    def new_page(self, day: dt.date, t: dt.datetime) -> Page:
        title = f"{MONTHS[day.month - 1]} {day.day}, {day.year} — {STORY}"
        slug = f"harwell-trial-{day.month:02d}-{day.day:02d}-{day.year % 100:02d}"
        page = Page(len(self.pages), day, title, slug)
        page.authors = self.rng.sample(list(REPORTERS), self.rng.randint(3, 5))
        page.viewport = self.rng.randint(6, 22)
        page.updated = t
        self.pages.append(page)
        return page

    def add_post(self, page: Page, t: dt.datetime, spec: Spec) -> Inst:
        pid = self.next_pid
        self.next_pid += 1
        self.seq += 1
        content = Content(spec.headline, spec.byline, tuple(spec.captions), tuple(spec.paras))
        inst = Inst(
            pid, page, content, time_label(t), (t, self.seq), self.uri(page), spec.kind,
            list(spec.alts), list(spec.reserve), list(spec.pending), list(spec.caption_alts),
        )
        inst.bullets_from = list(spec.bullets_from)
        page.insts[pid] = inst
        self.origin.append(inst)
        self.touch(page, t)
        if self.chance(0.08) and REPORTERS[0] not in page.authors:
            page.authors.append(self.prose.pick([r for r in REPORTERS if r not in page.authors] or list(REPORTERS)))
        return inst

    def set_content(self, inst: Inst, content: Content, t: dt.datetime) -> bool:
        if content == inst.content:
            return False
        inst.history.append(inst.content)
        inst.content = content
        self.touch(inst.page, t)
        return True

    # -- post specs -----------------------------------------------------------------------------
    def inject_errors(self, spec: Spec) -> Spec:
        """Some posts go up with a misspelled name or a wrong number, corrected later."""
        if self.chance(0.13):
            for i, p in enumerate(spec.paras):
                names = [n for n in TYPOS if re.search(rf"\b{re.escape(n)}\b", p)]
                if (names and i > 0) or (names and len(spec.paras) == 1):
                    name = self.prose.pick(names)
                    spec.paras[i] = re.sub(rf"\b{re.escape(name)}\b", TYPOS[name], p, count=1)
                    spec.pending.append((TYPOS[name], name))
                    break
        if self.chance(0.1):
            for i, p in enumerate(spec.paras):
                hit = [(r, w) for r, w in AMOUNTS if r in p]
                if hit:
                    right, wrong = hit[0]
                    spec.paras[i] = p.replace(right, wrong, 1)
                    spec.pending.append((wrong, right))
                    break
                m = re.search(r"\b(\d{2}) (times|days|minutes)\b", p)
                if m:
                    num = m.group(1)
                    bad = num[::-1] if num[::-1] != num and num[1] != "0" else str(int(num) + 10)
                    wrong = f"{bad} {m.group(2)}"
                    spec.paras[i] = p.replace(m.group(0), wrong, 1)
                    spec.pending.append((wrong, m.group(0)))
                    break
        return spec

    def weekday(self, day: dt.date) -> str:
        return WEEKDAYS[day.weekday()]

    def spec_direct(self, w: Person, lawyer: Person, day: dt.date) -> Spec:
        pr = self.prose
        fact_lead, fact_head = FACTS[self.rng.randrange(len(FACTS))]
        obj = pr.pick(OBJECTS)
        amount = AMOUNTS[self.rng.randrange(len(AMOUNTS))][0]
        n = self.rng.randint(11, 39)
        vals = {
            "obj": obj, "n": n, "month": pr.pick(MONTHS[:9]), "amount": amount, "pron": w.pron,
            "opron": "her" if w.pron == "she" else "him",
        }
        lead_clause = fact_lead.format(**vals)
        head_clause = fact_head.format(**vals)
        when = pr.pick([self.weekday(day), f"{self.weekday(day)} morning", "this afternoon", "on the stand"])
        lead = f"{w.full}, {w.role}, testified {when} that {lead_clause}."
        quote = pr.pick(SHORT_QUOTES)
        hc = head_clause[0].upper() + head_clause[1:]
        if head_clause.startswith(("she", "he ")):
            hc = f"{w.last} says {head_clause}"
        choices = [
            (5, f"{w.short[0].upper() + w.short[1:]} says {head_clause}"),
            (3, hc),
            (3, f'"{quote[:-1]}," {w.short} tells jurors'),
            (3, f'"{quote}"'),
            (2, f'{w.last} describes "{pr.pick(["a second set of books", "the Lighthouse file", "the shredder room", "Friday calls"])}"'),
            (1, f"{w.last} on the stand:"),
            (1, f"{w.last} recalls the night before the audit…"),
            (1, f"Asked about {obj}, {w.last} pauses,"),
            (2, f"{w.last} testifies {head_clause}."),
            (1, f"{w.last} breaks down on the stand;"),
        ]
        headline = self.weighted(choices)
        alts = [f"{w.last} testifies {head_clause}", f"{w.full} tells jurors {head_clause}", f'"{quote}"']
        paras: list[str] = []
        if self.chance(0.2):
            paras.append(f'"{quote}"')
            paras.append(f"That was how {w.full}, {w.role}, described {'her' if w.pron == 'she' else 'his'} role on {self.weekday(day)}, after {lawyer.full} asked about {obj}.")
        else:
            paras.append(lead)
        k = self.rng.choice((0, 1, 1, 2, 2, 3, 4))
        qa = pr.qa_lines(w, lawyer, k)
        if self.chance(0.25):
            paras.append(pr.colour(w))
        paras.extend(qa)
        if self.chance(0.35):
            f2 = FACTS[self.rng.randrange(len(FACTS))][0].format(**{**vals, "obj": pr.pick(OBJECTS)})
            paras.append(f"{w.last} also told jurors that {f2}.")
        if self.chance(0.3):
            paras.append(pr.pick(BACKGROUND))
        if self.chance(0.05):
            paras += ["Read more:", pr.pick(READ_MORE)]
        reserve = [*pr.qa_lines(w, lawyer, 2), pr.colour(w), pr.pick(BACKGROUND)]
        caps: list[tuple[str, str]] = []
        calts: list[str] = []
        if self.chance(0.22):
            cap, calts = pr.sketch(w, day)
            caps.append(cap)
        spec = Spec("direct", headline, paras, alts, pr.byline(0.55), caps, reserve, caption_alts=calts)
        return self.inject_errors(spec)

    def spec_cross(self, w: Person, lawyer: Person, day: dt.date) -> Spec:
        pr = self.prose
        obj = pr.pick(OBJECTS)
        clause = pr.fill(pr.pick(DEFENSE_CLAUSES), w).replace("{pron}", w.pron)
        lead = f"Under cross-examination, {lawyer.full} pressed {w.last} on {obj}, suggesting {w.pron} {clause}."
        q = pr.fill(QUESTIONS[self.rng.randrange(len(QUESTIONS))][0], w)
        choices = [
            (4, f"Defense presses {w.last} on {obj}"),
            (2, f"Did {w.last} read {obj}?"),
            (2, f'{lawyer.last} to {w.last}: "{q}"'),
            (1, "A testy exchange on cross;"),
            (1, f"{w.last}, under fire,"),
            (2, f"Cross-examination of {w.last} begins"),
            (1, f"Why does {obj} matter?"),
            (1, "Cross-examination gets heated!"),
            (2, f"{lawyer.last} questions {w.last}'s memory."),
        ]
        headline = self.weighted(choices)
        alts = [f"Defense attorney grills {w.last} over {obj}", f"{lawyer.last} presses {w.last} on cross"]
        paras = [lead, *pr.qa_lines(w, lawyer, self.rng.choice((1, 2, 2, 3)))]
        if self.chance(0.3):
            paras.append(pr.colour(w))
        if self.chance(0.25):
            paras.append(pr.pick(BACKGROUND))
        reserve = [*pr.qa_lines(w, lawyer, 2), pr.colour(w)]
        spec = Spec("cross", headline, paras, alts, pr.byline(0.5), reserve=reserve)
        return self.inject_errors(spec)

    def spec_simple(self, kind: str, w: Person | None, lawyer: Person | None, day: dt.date, t: dt.datetime) -> Spec:
        pr = self.prose
        wl = w.last if w else "the witness"
        wf = w.full if w else "the witness"
        ll = lawyer.last if lawyer else "Whitcomb"
        if kind == "objection":
            prosecutor, defense = PROSECUTORS[self.rng.randrange(2)], DEFENSE[self.rng.randrange(2)]
            ruling = pr.pick(["sustained", "overruled"])
            headline = pr.pick(["Objection!", '"Objection, your honor!"', f"Objection {ruling}.", "Another objection…", "Objection"])
            paras = [f"{defense.last} objected as {prosecutor.last} asked {wl} about {pr.pick(OBJECTS)}. {JUDGE_LAST} {ruling} the objection."]
            alts = [f"Objection {ruling}.", "Objection!"]
        elif kind == "sidebar":
            headline = pr.pick(["Sidebar.", "Sidebar", "Lawyers huddle at the bench", "Another sidebar…", "Sidebar:"])
            paras = [f"The lawyers are at a sidebar with {JUDGE_LAST}. Jurors are waiting in the box, and {wl} is still on the stand."]
            if self.chance(0.4):
                paras.append("The jury has left the courtroom.")
            alts = ["Lawyers at the bench", "Sidebar."]
        elif kind == "recess":
            headline = pr.pick(["Court is in recess.", "Recess.", "The jury has left the courtroom.", "A short break", "Break"])
            paras = [f"{JUDGE_LAST} called a {self.rng.choice((10, 15, 15, 20))}-minute break after {'testimony from ' + wf if w else 'the morning session'}."]
            if self.chance(0.35):
                paras.append(pr.pick(STOCK_LINES[:2]))
            alts = ["Court is in recess.", "Recess."]
        elif kind == "resume":
            headline = pr.pick(["Court has resumed.", "Court is back in session.", "We're back.", "Testimony resumes", "Back in session"])
            paras = [f"{wl} is back on the stand, and {ll} is continuing the questioning."] if w else ["Court is back in session."]
            if self.chance(0.4):
                paras.insert(0, pr.pick(STOCK_LINES[2:]))
            alts = ["Court has resumed.", "Court is back in session."]
        elif kind == "lunch":
            back = t + dt.timedelta(minutes=self.rng.choice((60, 60, 75, 90)))
            headline = pr.pick(["Lunch break", "Court breaks for lunch.", "Lunch.", "Lunch"])
            paras = [f"Court will resume at {clock(back).replace(':00', '')} ET."]
            alts = ["Court breaks for lunch.", "Lunch break"]
        elif kind == "call":
            side = "prosecution" if w in PROSECUTION_WITNESSES else "defense"
            headline = pr.pick([f"The {side} calls its next witness…", f"Who is {wf}?", f"Next witness: {wf}", f"{wf} takes the stand"])
            paras = [f"{wf}, {w.role if w else ''}, is now on the stand."]
            if self.chance(0.5):
                paras.append(pr.pick(BACKGROUND))
            alts = [f"{wf} takes the stand", f"Who is {wf}?"]
        elif kind == "done":
            headline = pr.pick([f"{wl} steps down", f"{wl} is off the stand.", f"{wl} is excused."])
            paras = [f"{wl} has finished testifying after about {self.rng.randint(2, 6)} hours on the stand."]
            alts = [f"{wl} steps down"]
        elif kind == "adjourn":
            headline = pr.pick(["Court adjourns for the day.", "That's it for today.", "Testimony wraps for the day", "Court is done for the day"])
            paras = [f"Testimony will resume tomorrow at 9:30 a.m. ET. {JUDGE_LAST} reminded jurors not to read news coverage of the case."]
            alts = ["Court adjourns for the day."]
        elif kind in ("pro_rests", "def_rests"):
            side = "prosecution" if kind == "pro_rests" else "defense"
            headline = f"The {side} rests."
            paras = [f"The {side} rested its case after calling {self.rng.randint(4, 19)} witnesses.", pr.pick(BACKGROUND)]
            alts = [f"{side.capitalize()} rests its case"]
        elif kind == "background":
            headline = pr.pick(["Some background on the charges", "How did we get here?", "Catch up:", "The case, explained", "What is wire fraud?"])
            paras = self.rng.sample(list(BACKGROUND), self.rng.randint(2, 3))
            alts = ["The charges against Harwell, explained"]
        elif kind == "colour":
            headline = pr.pick(["Harwell arrives at the courthouse", "Inside the courtroom:", "Harwell's family is in the gallery;", "A packed courtroom,", "Harwell arrives for day of testimony"])
            paras = [pr.colour(w), pr.colour(w)]
            if paras[0] == paras[1]:
                paras.pop()
            alts = ["Harwell arrives at court"]
            cap, calts = pr.photo(day)
            return Spec(kind, headline, paras, alts, pr.byline(0.3), [cap] if self.chance(0.6) else [], [pr.colour(w)], caption_alts=calts)
        elif kind == "preview":
            options = ["What to expect in court today", f"Day {self.day_no} of the Harwell trial is about to begin…", "Good morning."]
            options.append("Who's testifying today?" if w else "Deliberations resume this morning")
            headline = pr.pick(options)
            paras = [f"Court is scheduled to begin at 9:30 a.m. ET in Manhattan, where {JUDGE} is presiding.", pr.pick(BACKGROUND)]
            if w:
                paras.insert(1, f"{wf}, {w.role}, is expected to testify.")
            alts = ["What to expect today"]
        elif kind == "opening":
            side = pr.pick(["prosecution", "defense"])
            q = pr.pick(HARWELL_SAID) if side == "prosecution" else "Graham Harwell trusted the wrong people."
            headline = pr.pick([f'"{q}"', f"Opening statements: the {side}'s case", "Opening statements begin", f"In opening, the {side} tells jurors: \"{q}\""])
            lawyer = PROSECUTORS[0] if side == "prosecution" else DEFENSE[0]
            paras = [f"{lawyer.full[0].upper() + lawyer.full[1:]} told jurors in {'her' if lawyer.pron == 'she' else 'his'} opening statement that the case is about {pr.pick(OBJECTS)}.", f'"{q}" {lawyer.last} said.', pr.pick(BACKGROUND)]
            alts = [f"Opening statements: {side}"]
        elif kind == "closing":
            side = pr.pick(["prosecution", "defense"])
            lawyer = PROSECUTORS[self.rng.randrange(2)] if side == "prosecution" else DEFENSE[self.rng.randrange(2)]
            q = pr.pick(["Follow the money.", "The documents don't lie.", "Reasonable doubt is everywhere in this case.", "Graham Harwell trusted the wrong people.", "Bell is lying to save himself."])
            headline = pr.pick([f'"{q[:-1]}," {lawyer.short} tells jurors in closing', f'"{q}"', f"Closing arguments: the {side}", "Closing arguments begin", f"Is {pr.pick(OBJECTS)} the key?"])
            fact = pr.fill(FACTS[self.rng.randrange(len(FACTS))][0])
            paras = [f"In closing arguments, {lawyer.full} told jurors that {fact}.", f'"{q}" {lawyer.last} said.']
            paras.append(pr.pick(BACKGROUND))
            alts = [f"{side.capitalize()} makes its closing argument"]
        elif kind == "deliberation":
            headline = pr.pick(["Jury deliberations resume", "The jury has sent a note.", "What happens if the jury deadlocks?", "No verdict yet.", "Verdict watch:", f"Jurors ask to rehear {pr.pick([x.last for x in PROSECUTION_WITNESSES])}'s testimony", "Still waiting…", "Deliberations continue"])
            paras = [f"The jury has deliberated for about {self.rng.randint(2, 19)} hours so far.", pr.pick(BACKGROUND)]
            if self.chance(0.5):
                paras.insert(1, f'"We would like to see {pr.pick(OBJECTS)}," the note read.')
            alts = ["Deliberations continue"]
        elif kind == "verdict":
            headline = "Verdict reached!"
            paras = ["The jury has reached a verdict in the Graham Harwell trial.", "It will be read in court shortly."]
            alts = ["The jury has reached a verdict"]
        elif kind == "verdict_read":
            k = self.rng.randint(6, 13)
            headline = f"Harwell found guilty on {k} of 14 counts"
            paras = [f"Graham Harwell was found guilty on {k} of 14 counts, including wire fraud and obstruction of justice.", "Harwell stared straight ahead as the verdict was read.", BACKGROUND[0]]
            alts = [f"Jury convicts Harwell on {k} counts"]
        elif kind == "reaction":
            headline = pr.pick(['"Justice for the retirees."', "What's next for Harwell?", "Retirees react outside the courthouse", "Harwell's lawyer says he will appeal"])
            paras = [f'"{pr.pick(SHORT_QUOTES)}" a retiree said outside the courthouse.', pr.pick(BACKGROUND)]
            alts = ["Reaction to the verdict"]
        elif kind == "analysis":
            headline = pr.pick(["Analysis: The prosecution's case hinges on one witness", "Analysis: What the defense needs the jury to believe", "Analysis: Why the Lighthouse spreadsheet matters"])
            fact = pr.fill(FACTS[self.rng.randrange(len(FACTS))][0], w)
            paras = [f"{fact[0].upper()}{fact[1:]} — that was the picture jurors were left with today.", pr.pick(BACKGROUND), pr.pick(BACKGROUND)]
            if paras[1] == paras[2]:
                paras.pop()
            alts = ["Analysis: Where the case stands"]
            return Spec(kind, headline, paras, alts, f"Analysis by CNN's {pr.pick(REPORTERS)}", reserve=[pr.pick(BACKGROUND)])
        else:
            raise ValueError(kind)
        spec = Spec(kind, headline, paras, alts, pr.byline(0.2 if kind in ("objection", "sidebar", "recess", "resume", "lunch") else 0.45), reserve=[pr.colour(w)])
        return self.inject_errors(spec)

    def recent_leads(self, pages: list[Page], k: int, exclude: list[int]) -> list[tuple[int, str]]:
        out: list[tuple[int, str]] = []
        for page in pages:
            for inst in page.order():
                if inst.kind in ("direct", "cross", "verdict_read", "opening", "closing", "call") and inst.pid not in exclude:
                    lead = lead_of(inst.content.paras[:1])
                    if lead and len(lead) > 30 and all(lead != x for _, x in out):
                        out.append((inst.pid, lead))
                if len(out) >= k:
                    return out
        return out

    def spec_template(self, kind: str, page: Page) -> Spec | None:
        if kind == "wtk":
            src = [page, *self.pages[-3:-1][::-1]]
            leads = self.recent_leads(src, self.rng.randint(3, 5), [])
            bullets = [f"  • {x}" for _, x in leads]
            if len(bullets) < 3:
                bullets += [f"  • {x}" for x in WTK_FALLBACK[: 3 - len(bullets)]]
            paras = [*WTK_BOILER, *bullets]
            return Spec("template_wtk", WHAT_TO_KNOW, paras, [WHAT_TO_KNOW], self.prose.byline(0.25), bullets_from=[p for p, _ in leads])
        leads = self.recent_leads([page], self.rng.randint(3, 6), [])
        if len(leads) < 3:
            return None
        bullets = [f"  • {x}" for _, x in leads]
        paras = [*KM_BOILER, *bullets]
        if self.chance(0.5):
            paras.append(KM_TAIL)
        return Spec("template_km", KEY_MOMENTS, paras, [KEY_MOMENTS], self.prose.byline(0.25), bullets_from=[p for p, _ in leads])

    def weighted(self, choices: list[tuple[int, str]]) -> str:
        total = sum(w for w, _ in choices)
        r = self.rng.randrange(total)
        for w, s in choices:
            r -= w
            if r < 0:
                return s
        return choices[-1][1]

    # -- the courtroom day: a Markov chain ----------------------------------------------------
    def next_witness(self, side: str) -> Person:
        pool = PROSECUTION_WITNESSES if side == "p" else DEFENSE_WITNESSES
        w = pool[self.witness_ptr[side] % len(pool)]
        self.witness_ptr[side] += 1
        return w

    def court_day(self, d: int, phase: str, day: dt.date, last_of_phase: bool, final: bool) -> list[tuple[dt.datetime, str, Person | None, Person | None]]:
        r = self.rng
        base = dt.datetime(day.year, day.month, day.day)
        ev: list[tuple[dt.datetime, str, Person | None, Person | None]] = []

        def at(h: float) -> dt.datetime:
            return base + dt.timedelta(minutes=int(h * 60))

        t = at(8.6 + r.random() * 0.5)
        side = "d" if phase == "defense" else "p"
        w_next = self.peek_witness(side)
        ev.append((t, "preview", w_next if phase in ("prosecution", "defense") else None, None))
        if r.random() < 0.85:
            ev.append((t + dt.timedelta(minutes=r.randint(2, 20)), "wtk", None, None))
        if r.random() < 0.6:
            ev.append((at(9.0 + r.random() * 0.4), "colour", None, None))
        if r.random() < 0.3:
            ev.append((at(8.0 + r.random()), "background", None, None))
        t = at(9.5 + r.random() * 0.3)
        end = at(16.8 + r.random() * 1.4)
        if phase in ("openings", "prosecution", "defense"):
            ev.append((t, "resume" if d else "opening", None, None))
            if phase == "openings":
                for _ in range(r.randint(3, 6)):
                    t += dt.timedelta(minutes=r.randint(8, 25))
                    ev.append((t, "opening", None, None))
            state, w, lawyer = "call", None, None
            had_lunch = False
            since_break = 0
            exam = 0
            while t < end:
                if state == "call":
                    w = self.next_witness(side)
                    lawyer = PROSECUTORS[r.randrange(2)] if side == "p" else DEFENSE[r.randrange(2)]
                    ev.append((t, "call", w, lawyer))
                    state, exam = "direct", 0
                    t += dt.timedelta(minutes=r.randint(3, 10))
                    continue
                if state in ("direct", "cross"):
                    ev.append((t, state, w, lawyer))
                    exam += 1
                    since_break += 1
                    t += dt.timedelta(minutes=r.randint(7, 24))
                    x = r.random()
                    if (not had_lunch and t.hour >= 12 and t.minute >= 10) or (not had_lunch and t.hour >= 13):
                        had_lunch = True
                        ev.append((t, "lunch", w, lawyer))
                        if r.random() < 0.55:
                            ev.append((t + dt.timedelta(minutes=r.randint(5, 15)), "km", None, None))
                        t += dt.timedelta(minutes=r.randint(60, 80))
                        ev.append((t, "resume", w, lawyer))
                        t += dt.timedelta(minutes=r.randint(3, 8))
                        since_break = 0
                    elif x < 0.09:
                        ev.append((t, "objection", w, lawyer))
                        t += dt.timedelta(minutes=r.randint(1, 5))
                    elif x < 0.15:
                        ev.append((t, "sidebar", w, lawyer))
                        t += dt.timedelta(minutes=r.randint(4, 12))
                        if r.random() < 0.3:
                            ev.append((t, "resume", w, lawyer))
                    elif x < 0.23 and since_break > 3:
                        ev.append((t, "recess", w, lawyer))
                        t += dt.timedelta(minutes=r.randint(12, 25))
                        ev.append((t, "resume", w, lawyer))
                        since_break = 0
                    elif state == "direct" and exam >= 4 and x < 0.35:
                        state = "cross"
                        lawyer = DEFENSE[r.randrange(2)] if side == "p" else PROSECUTORS[r.randrange(2)]
                    elif state == "cross" and exam >= 8 and x < 0.35:
                        ev.append((t, "done", w, lawyer))
                        t += dt.timedelta(minutes=r.randint(2, 8))
                        state = "call"
                    if r.random() < 0.04:
                        ev.append((t, "background", None, None))
                        t += dt.timedelta(minutes=2)
                    continue
            if last_of_phase and phase in ("prosecution", "defense"):
                ev.append((t, "pro_rests" if side == "p" else "def_rests", None, None))
                t += dt.timedelta(minutes=r.randint(3, 10))
            ev.append((t, "adjourn", w, lawyer))
        elif phase == "closings":
            ev.append((t, "closing", None, None))
            for _ in range(r.randint(6, 12)):
                t += dt.timedelta(minutes=r.randint(10, 30))
                x = r.random()
                ev.append((t, "closing" if x < 0.7 else ("recess" if x < 0.8 else ("lunch" if x < 0.88 else "objection")), None, None))
                if ev[-1][1] in ("recess", "lunch"):
                    t += dt.timedelta(minutes=r.randint(15, 60))
                    ev.append((t, "resume", None, None))
            ev.append((t + dt.timedelta(minutes=10), "adjourn", None, None))
        else:  # deliberations
            ev.append((t, "deliberation", None, None))
            verdict_at = at(14.0 + r.random() * 2.5) if final else None
            while t < end:
                t += dt.timedelta(minutes=r.randint(20, 70))
                if verdict_at and t >= verdict_at and not self.verdict_done:
                    self.verdict_done = True
                    ev.append((t, "verdict", None, None))
                    t += dt.timedelta(minutes=r.randint(10, 25))
                    ev.append((t, "verdict_read", None, None))
                    for _ in range(r.randint(2, 4)):
                        t += dt.timedelta(minutes=r.randint(5, 20))
                        ev.append((t, "reaction", None, None))
                    ev.append((t + dt.timedelta(minutes=15), "km", None, None))
                    break
                x = r.random()
                ev.append((t, "deliberation" if x < 0.6 else ("background" if x < 0.75 else ("lunch" if x < 0.85 else "colour")), None, None))
            else:
                ev.append((t, "adjourn", None, None))
        if phase != "deliberations" and r.random() < 0.8:
            ev.append((max(t, at(17.0)) + dt.timedelta(minutes=r.randint(10, 40)), "km", None, None))
        if r.random() < 0.5:
            ev.append((at(19.0 + r.random() * 2.0), "analysis", None, None))
        return ev

    def peek_witness(self, side: str) -> Person:
        pool = PROSECUTION_WITNESSES if side == "p" else DEFENSE_WITNESSES
        return pool[self.witness_ptr[side] % len(pool)]

    # -- the web desk -------------------------------------------------------------------------
    def pick_target(self, page: Page, lo: int = 0, hi: int = 30) -> Inst | None:
        order = page.order()[lo:hi]
        if not order:
            return None
        i = min(int(self.rng.expovariate(0.16)), len(order) - 1)
        return order[i]

    def desk(self, t: dt.datetime) -> None:
        page = self.live()
        kinds = [
            (14, "word"), (7, "name"), (5, "number"), (8, "add_sentence"), (12, "add_para"),
            (6, "cut_para"), (4, "cut_sentence"), (8, "headline"), (5, "caption_add"),
            (3, "caption_change"), (5, "byline_add"), (3, "byline_change"), (9, "typo"),
            (8, "revert"), (3, "retime"), (1, "bump"), (3, "delete"), (2, "pin"),
            (7, "template"), (3, "old_edit"),
        ]
        kind = self.weighted([(w, k) for w, k in kinds])
        if kind == "old_edit":
            if len(self.pages) < 2:
                return
            page = self.pages[-2] if self.chance(0.7) else self.pages[self.rng.randrange(len(self.pages) - 1)]
            kind = self.prose.pick(["word", "name", "typo", "add_sentence", "caption_add"])
        if kind == "template":
            tmpl = [i for i in page.order() if i.kind.startswith("template")]
            if tmpl:
                self.update_template(self.prose.pick(tmpl), t)
            return
        if kind == "delete":
            order = page.order()
            if len(order) > 8:
                inst = order[self.rng.randint(2, min(14, len(order) - 2))]
                inst.alive = False
                if page.pinned == inst.pid:
                    page.pinned = None
                self.touch(page, t)
                self.stats["deletions"] += 1
            return
        if kind == "pin":
            if page.pinned is not None and self.chance(0.5):
                page.pinned = None
            else:
                inst = self.pick_target(page, 1, 12)
                if inst:
                    page.pinned = inst.pid
                    self.stats["pins"] += 1
            return
        if kind in ("retime", "bump"):
            inst = self.pick_target(page, 2, 20)
            if inst:
                inst.label = time_label(t)
                if kind == "retime":
                    self.seq += 1
                    inst.sort = (t, self.seq)
                    self.stats["retimed"] += 1
                self.touch(page, t)
            return
        inst = self.pick_target(page)
        if inst is None:
            return
        if self.edit(inst, kind, t):
            self.stats[f"desk_{kind}"] += 1

    def edit(self, inst: Inst, kind: str, t: dt.datetime) -> bool:
        c = inst.content
        paras = list(c.paras)
        r = self.rng
        if inst.kind.startswith("template") and kind in ("add_sentence", "add_para", "cut_para", "cut_sentence", "headline"):
            return False
        if kind == "word":
            cands = []
            for i, p in enumerate(paras):
                for a, b in SYNONYMS:
                    if re.search(rf"\b{a}\b", p):
                        cands.append((i, a, b))
                    if re.search(rf"\b{b}\b", p):
                        cands.append((i, b, a))
            if not cands:
                return False
            i, a, b = cands[r.randrange(len(cands))]
            paras[i] = re.sub(rf"\b{a}\b", b, paras[i], count=1)
            return self.set_content(inst, Content(c.headline, c.byline, c.captions, tuple(paras)), t)
        if kind in ("name", "number"):
            if not inst.pending:
                return False
            wrong, right = inst.pending.pop(0)
            fix = [p.replace(wrong, right) for p in paras]
            return self.set_content(inst, Content(c.headline.replace(wrong, right), c.byline, c.captions, tuple(fix)), t)
        if kind == "add_sentence":
            cands = [i for i, p in enumerate(paras) if not p.startswith(("  •", '"')) and p.endswith(".") and len(p) > 40]
            if not cands:
                return False
            i = cands[r.randrange(len(cands))]
            extra = self.prose.colour(None)
            if extra in paras[i]:
                return False
            paras[i] = f"{paras[i]} {extra}"
            return self.set_content(inst, Content(c.headline, c.byline, c.captions, tuple(paras)), t)
        if kind == "add_para":
            p = inst.reserve.pop(0) if inst.reserve else self.prose.pick(BACKGROUND)
            if p in paras:
                return False
            if r.random() < 0.6 or len(paras) < 2:
                paras.append(p)
            else:
                paras.insert(r.randint(1, len(paras) - 1), p)
            return self.set_content(inst, Content(c.headline, c.byline, c.captions, tuple(paras)), t)
        if kind == "cut_para":
            if len(paras) < 3:
                return False
            paras.pop(r.randint(1, len(paras) - 1))
            return self.set_content(inst, Content(c.headline, c.byline, c.captions, tuple(paras)), t)
        if kind == "cut_sentence":
            cands = [i for i, p in enumerate(paras) if len(sentences(p)) > 1 and not p.startswith("  •")]
            if not cands:
                return False
            i = cands[r.randrange(len(cands))]
            paras[i] = " ".join(sentences(paras[i])[:-1])
            return self.set_content(inst, Content(c.headline, c.byline, c.captions, tuple(paras)), t)
        if kind == "headline":
            alts = [a for a in inst.alts if a != c.headline]
            if not alts:
                return False
            h = alts[r.randrange(len(alts))]
            inst.alts.append(c.headline)
            return self.set_content(inst, Content(h, c.byline, c.captions, c.paras), t)
        if kind == "caption_add":
            if c.captions or inst.kind.startswith("template"):
                return False
            cap, alts = self.prose.photo(inst.page.date) if r.random() < 0.5 else self.prose.sketch(self.prose_witness(), inst.page.date)
            inst.caption_alts = alts
            return self.set_content(inst, Content(c.headline, c.byline, (cap,), c.paras), t)
        if kind == "caption_change":
            if not c.captions or not inst.caption_alts:
                return False
            new = inst.caption_alts.pop(0)
            inst.caption_alts.append(c.captions[0][0])
            return self.set_content(inst, Content(c.headline, c.byline, ((new, c.captions[0][1]), *c.captions[1:]), c.paras), t)
        if kind == "byline_add":
            if c.byline:
                return False
            return self.set_content(inst, Content(c.headline, self.prose.byline(1.0), c.captions, c.paras), t)
        if kind == "byline_change":
            if not c.byline or c.byline.startswith("Analysis"):
                return False
            if " and " in c.byline:
                new = c.byline.split(" and ")[0]
            else:
                new = f"{c.byline} and {self.prose.pick([x for x in REPORTERS if x not in c.byline])}"
            return self.set_content(inst, Content(c.headline, new, c.captions, c.paras), t)
        if kind == "typo":
            return self.typographic(inst, t)
        if kind == "revert":
            if not inst.history:
                return False
            back = 1 if r.random() < 0.7 else r.randint(1, len(inst.history))
            target = inst.history[-back]
            if target == c:
                return False
            self.stats["desk_reverts_older" if back > 1 else "desk_reverts_prev"] += 1
            return self.set_content(inst, target, t)
        return False

    def prose_witness(self) -> Person:
        return PROSECUTION_WITNESSES[self.rng.randrange(len(PROSECUTION_WITNESSES))]

    def typographic(self, inst: Inst, t: dt.datetime) -> bool:
        c = inst.content
        paras = list(c.paras)
        r = self.rng
        ops = ["curl", "straight", "dash", "nbsp", "head_nbsp"]
        for _ in range(6):
            op = ops[r.randrange(len(ops))]
            if op == "head_nbsp":
                h = c.headline
                sp = [m.start() for m in re.finditer(" ", h)]
                if not sp:
                    continue
                k = sp[r.randrange(len(sp))]
                return self.set_content(inst, Content(h[:k] + "\u00a0" + h[k + 1 :], c.byline, c.captions, c.paras), t)
            i = r.randrange(len(paras)) if paras else -1
            if i < 0:
                return False
            p = paras[i]
            if op == "curl" and ('"' in p or "'" in p):
                q = curly(p)
            elif op == "straight" and any(ch in p for ch in "“”‘’"):
                q = p.translate(_FOLD)
            elif op == "dash" and (" - " in p or "—" in p):
                q = p.replace(" - ", " — ") if " - " in p else p.replace("—", "-")
            elif op == "nbsp" and " " in p:
                sp = [m.start() for m in re.finditer(" ", p)]
                k = sp[r.randrange(len(sp))]
                q = p[:k] + "\u00a0" + p[k + 1 :]
            else:
                continue
            if q != p and norm(q) == norm(p):
                paras[i] = q
                return self.set_content(inst, Content(c.headline, c.byline, c.captions, tuple(paras)), t)
        return False

    def update_template(self, inst: Inst, t: dt.datetime) -> bool:
        page = inst.page
        have = inst.bullets_from
        leads = self.recent_leads([page], 2, [*have, inst.pid])
        c = inst.content
        paras = list(c.paras)
        if not leads:
            return False
        pid, lead = leads[0]
        bullet = f"  • {lead}"
        if bullet in paras:
            return False
        pos = max((i for i, p in enumerate(paras) if p.startswith("  •") or p in WTK_BOILER or p in KM_BOILER), default=len(paras) - 1) + 1
        paras.insert(pos, bullet)
        if self.chance(0.3):
            bullets = [i for i, p in enumerate(paras) if p.startswith("  •")]
            if len(bullets) > 4:
                paras.pop(bullets[0])
        have.append(pid)
        self.stats["template_updates"] += 1
        return self.set_content(inst, Content(c.headline, c.byline, c.captions, tuple(paras)), t)

    # -- day rollover -------------------------------------------------------------------------
    def rollover(self, day: dt.date, t: dt.datetime) -> Page:
        old = self.live()
        new = self.new_page(day, t)
        carry = [i for i in old.order() if i.kind not in ("moved",)][: self.rng.randint(3, 6)]
        for k, inst in enumerate(reversed(carry)):
            self.seq += 1
            tk = t + dt.timedelta(minutes=k)
            keep = self.chance(0.35)
            c = inst.content
            ni = Inst(
                inst.pid, new, c, inst.label if keep else time_label(tk), inst.sort if keep else (tk, self.seq),
                self.uri(new), inst.kind, list(inst.alts), list(inst.reserve), list(inst.pending),
                list(inst.caption_alts), carried_from=inst,
            )
            ni.bullets_from = list(inst.bullets_from)
            if keep:
                ni.sort = (inst.sort[0], self.seq)
            inst.carried_to = ni
            new.insts[inst.pid] = ni
            self.stats["carried"] += 1
            if self.chance(0.3):
                kind = self.prose.pick(["word", "typo", "headline", "add_para", "byline_add"])
                if self.edit(ni, kind, tk):
                    self.stats["carried_edited"] += 1
        if old.pinned is not None and self.chance(0.7):
            old.pinned = None
        if self.chance(0.85):
            spec = Spec("moved", self.prose.pick(MOVED_HEADLINES), [MOVED_BODY], [MOVED_HEADLINES[0]])
            self.add_post(old, t, spec)
            self.stats["moved_posts"] += 1
        return new

    # -- captures -----------------------------------------------------------------------------
    def shown_fields(self, entries: list[Inst], layout: str) -> list[tuple[int, Fields]]:
        out: list[tuple[int, Fields]] = []
        for inst in entries:
            c = inst.content
            if layout == "B":
                f = Fields(
                    b_headline(c.headline), None, tuple((curly(cap), "") for cap, _ in c.captions),
                    tuple(curly(p) for p in c.paras), None,
                )
            else:
                f = Fields(c.headline, c.byline, c.captions, c.paras, inst.label)
            out.append((inst.pid, f))
        return out

    def capture(self, t: dt.datetime) -> None:
        i = len(self.captures)
        r = self.rng
        live = self.live()
        page = live
        if len(self.pages) > 1 and r.random() < 0.2:
            older = self.pages[:-1]
            weights = [1.0 / (len(older) - k) ** 1.3 for k in range(len(older))]
            page = r.choices(older, weights)[0]
        is_live = page is live
        # old pages catch up with edits made on the page their posts were carried to
        if not is_live:
            for inst in page.order():
                nxt = inst.carried_to
                if nxt is not None and nxt.alive and nxt.content != inst.content and r.random() < 0.35:
                    self.set_content(inst, nxt.content, t)
                    self.stats["catch_up"] += 1
        if self.fmt == "html" and page.idx == self.scheme_page and not self.scheme_switched and t.hour >= 12:
            self.scheme_switched = True
            page.scheme = 2
            for inst in page.insts.values():
                inst.uri = self.uri(page)
        ok_prev = [k for k in page.captures if self.cap_ok[k]]
        prev_n = len(self.cap_shown[ok_prev[-1]]) if ok_prev else 0
        entries = page.entries()
        n_posts = len(page.order())
        x = r.random()
        suspect = ""
        stale_src: int | None = None
        if ok_prev and x < 0.045:
            stale_src = ok_prev[-1] if r.random() < 0.75 or len(ok_prev) < 3 else ok_prev[-r.randint(2, min(4, len(ok_prev)))]
        elif x < 0.065:
            suspect = "error"
        elif x < 0.083:
            suspect = "consent"
        elif x < 0.11 and prev_n >= 6 and n_posts >= 6:
            suspect = "collapsed"
        if self.fmt == "text":
            if is_live:
                layout = "B" if r.random() < 0.1 else "A"
                self.stats[f"live_{layout}"] += 1
            else:
                layout = "B" if r.random() < 0.72 else "A"
        else:
            layout = "html"
        if stale_src is not None:
            data = self.cap_data[stale_src]
            shown = self.cap_shown[stale_src]
            layout = str(self.captures[stale_src]["layout"])
            self.stats["stale"] += 1
            self.stats["stale_older" if stale_src != ok_prev[-1] else "stale_previous"] += 1
        elif suspect in ("error", "consent"):
            shown = []
            data = self.render_blank(page, suspect)
            layout = "A" if self.fmt == "text" else "html"
        else:
            if suspect == "collapsed":
                k = r.randint(1, 2)
            elif layout == "B" and ((not is_live and r.random() < 0.8) or r.random() < 0.3):
                k = min(50, len(entries))
                self.stats["B_whole_page"] += 1
            else:
                if is_live:
                    v = page.viewport
                    y = r.random()
                    if y < 0.55:
                        v += r.randint(-2, 3)
                    elif y < 0.8:
                        v = r.randint(8, 50)
                    else:
                        v = int(v * r.uniform(0.5, 0.9))
                    page.viewport = v = max(3, min(50, v))
                else:
                    v = r.randint(4, 30)
                k = max(v, 3, -(-prev_n // 3))
                k = min(k, 50, len(entries))
            window = entries[:k]
            shown = self.shown_fields(window, layout)
            count = k if suspect == "collapsed" and r.random() < 0.5 else n_posts
            data = self.render(page, window, shown, layout, count, t)
        if suspect:
            self.stats[f"suspect_{suspect}"] += 1
        name = f"{i:0{max(4, len(str(self.n)))}d}_{self.token()}.{'html' if self.fmt == 'html' else 'txt'}"
        self.files.append(name)
        self.cap_data.append(data)
        self.cap_shown.append(shown)
        self.cap_ok.append(not suspect)
        page.captures.append(i)
        self.captures.append({
            "file": name, "page": page.title, "layout": layout, "suspect": bool(suspect),
            "captured_at": iso_utc(t), "posts": [pid for pid, _ in shown],
        })
        self.stats[f"layout_{layout}"] += 1
        self.stats["live_captures" if is_live else "old_captures"] += 1
        self.truth.process(i, page.title, data, bool(suspect), layout, shown)

    # -- rendering ----------------------------------------------------------------------------
    def authors_line(self, page: Page) -> str:
        a = page.authors
        names = a[0] if len(a) == 1 else ", ".join(a[:-1]) + " and " + a[-1]
        return f"By {names}, CNN"

    def render(self, page: Page, window: list[Inst], shown: list[tuple[int, Fields]], layout: str, count: int, t: dt.datetime) -> bytes:
        if layout == "html":
            return self.render_html(page, window, shown, count, t)
        r = self.rng
        blocks: list[str] = []
        for _, f in shown:
            lines: list[str] = []
            if layout == "A":
                lines += [f.label or "", "", f.headline, ""]
                if f.byline:
                    lines += [f.byline, ""]
                for cap, credit in f.captions:
                    lines += [cap, f"{cap} ({credit})", ""]
            else:
                lines += [f.headline, ""]
                for cap, _ in f.captions:
                    lines += [cap, ""]
            body: list[str] = []
            for p in f.paras:
                if body and p.startswith("  •") and body[-1].startswith("  •"):
                    body[-1] += "\n" + p
                else:
                    body.append(p)
            lines.append("\n\n".join(body))
            blocks.append("\n".join(lines))
        updated = page.updated or t
        if layout == "A":
            head = [
                page.title, "", self.authors_line(page), "", f"Updated {time_label(updated)}",
                f"{count} Posts", "Sort byDropdown arrow",
            ]
            text = "\n".join(head) + "\n" + "\n\n".join(blocks)
            if r.random() < 0.25:
                text += "\n\nDive Deeper\n\n" + "\n".join(r.sample(list(DIVE_DEEPER), 3))
        else:
            head = [f"{page.title} | CNN", "", page.title, ""]
            if r.random() < 0.5:
                head += ["harwell courthouse", "Why the Harwell trial matters to 40,000 retirees", "03:05 - Source: CNN", ""]
            head += ["What we covered here", "", f"{count} Posts", ""]
            text = "\n".join(head) + "\n" + "\n\n".join(blocks)
            if r.random() < 0.8:
                links = "\n".join(r.sample(list(DIVE_DEEPER), 3))
                text += "\n\nDive Deeper\n\n" + links
                if r.random() < 0.5:
                    text += "\n\nDive Deeper\n\n" + links
        return text.encode("utf-8")

    def render_blank(self, page: Page, kind: str) -> bytes:
        if self.fmt == "html":
            if kind == "consent":
                body = (
                    '<div id="onetrust-banner-sdk" class="otFlat"><h2 id="onetrust-policy-title">We value your privacy</h2>'
                    "<p>We and our 843 partners store and/or access information on a device, such as cookies, and process personal data.</p>"
                    '<button id="onetrust-accept-btn-handler">Accept all</button><button>Manage preferences</button></div>'
                )
            else:
                body = '<div class="error-page"><h1>Something went wrong.</h1><p>We\'re having trouble loading this page. Please try again later.</p><p class="error-code">Error code: 503</p></div>'
            doc = f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html.escape(page.title)} | CNN</title></head>\n<body>{body}</body></html>\n"
            return doc.encode("utf-8")
        if kind == "consent":
            text = (
                f"{page.title}\n\nWe value your privacy\n\nWe and our 843 partners store and/or access information on a device, "
                "such as cookies, and process personal data, such as unique identifiers and standard information sent by a device.\n\n"
                "Accept all\nManage preferences\nReject all"
            )
        else:
            text = f"{page.title}\n\nSomething went wrong.\n\nWe're having trouble loading this page. Please try again later.\n\nError code: 503"
        return text.encode("utf-8")

    def inline(self, text: str) -> str:
        """Escape a paragraph, sometimes wrapping a phrase in a link (text unchanged)."""
        esc = html.escape(text, quote=False).replace("\u00a0", "&nbsp;")
        crc = zlib.crc32(text.encode("utf-8"))
        if crc % 4 == 0:
            for phrase in ("Brightwater", "Harwell", "the jury", "testified", "prosecutors"):
                if phrase in esc:
                    link = f'<a href="https://www.cnn.com/2025/harwell/{crc % 997}">{phrase}</a>'
                    return esc.replace(phrase, link, 1)
        return esc

    def render_html(self, page: Page, window: list[Inst], shown: list[tuple[int, Fields]], count: int, t: dt.datetime) -> bytes:
        r = self.rng
        e = html.escape
        out: list[str] = []
        out.append("<!DOCTYPE html>")
        out.append(f'<html lang="en" data-uri="cms.cnn.com/_pages/{page.slug}@published" data-layout-uri="cms.cnn.com/_layouts/layout-live-story/instances/live-story@published">')
        out.append('<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">')
        out.append(f"<title>{e(page.title)} | CNN</title>")
        out.append(f'<link rel="canonical" href="https://www.cnn.com/us/live-news/{page.slug}">')
        out.append(f'<meta property="og:title" content="{e(page.title)}">')
        out.append("<style>.live-story-post{border-top:1px solid #e6e6e6;padding:24px 0}.ad-slot{min-height:250px}.share-bar{display:flex}</style>")
        out.append(f'<script>window.CNN=window.CNN||{{}};CNN.contentModel={{"pageType":"live-story","section":"us","cacheBuster":"{self.token(10)}"}};</script>')
        out.append('<script async src="https://www.cnn.com/ads/prebid.js"></script>')
        out.append("</head>")
        out.append('<body class="layout-live-story">')
        out.append('<header class="header"><nav class="header__nav"><a href="/">CNN</a> <a href="/us">US</a> <a href="/world">World</a> <a href="/politics">Politics</a> <a href="/business">Business</a></nav><button class="header__menu">Menu</button></header>')
        out.append(f'<div class="ad-slot ad-slot--top" id="ad-{self.token(8)}" data-ad-size="728x90"><script>googletag.cmd.push(function(){{googletag.display("ad-top")}});</script></div>')
        out.append('<main class="live-story" role="main">')
        out.append(f'<h1 class="headline__text live-story__title">{e(page.title)}</h1>')
        out.append(f'<div class="headline__byline">{e(self.authors_line(page))}</div>')
        out.append(f'<div class="timestamp">Updated {e(time_label(page.updated or t))}</div>')
        if r.random() < 0.5:
            out.append('<div class="video-resource"><span class="video-resource__title">Why the Harwell trial matters to 40,000 retirees</span><span class="video-resource__duration">03:05</span> - Source: CNN</div>')
        out.append(f'<div class="live-story__post-count">{count} Posts</div>')
        out.append('<div class="live-story__sort"><button>Sort by<span class="icon">Dropdown arrow</span></button></div>')
        out.append('<div class="live-story__items">')
        pinned = page.pinned
        for k, (inst, (_, f)) in enumerate(zip(window, shown, strict=True)):
            is_pin = k == 0 and pinned == inst.pid
            cls = "live-story-post live-story-post--pinned" if is_pin else "live-story-post"
            a = [f'<article class="{cls}" data-uri="{inst.uri}" data-post-index="{k}">']
            if is_pin:
                a.append('<span class="live-story-post__pinned-label">Pinned</span>')
            a.append('<header class="live-story-post__header">')
            a.append(f'<span class="live-story-post__timestamp">{e(f.label or "")}</span>')
            a.append(f'<h2 class="live-story-post__headline inline-placeholder">{e(f.headline, quote=False).replace(chr(160), "&nbsp;")}</h2>')
            a.append("</header>")
            if f.byline:
                a.append(f'<div class="live-story-post__byline">{e(f.byline)}</div>')
            for cap, credit in f.captions:
                a.append(
                    f'<figure class="image"><div class="image__container"><img src="https://media.cnn.com/api/v1/images/stellar/prod/{self.token(12)}.jpg?c=16x9&amp;q=w_800" alt="{e(cap)}" loading="lazy"></div>'
                    f'<figcaption class="image__caption attribution"><span data-editable="metaCaption">{self.inline(cap)}</span></figcaption>'
                    f'<div class="image__credit">{e(credit)}</div></figure>'
                )
            for p in f.paras:
                a.append(f'<p class="paragraph inline-placeholder" data-component-name="paragraph">{self.inline(p)}</p>')
            if r.random() < 0.1:
                a.append(f'<div class="related-content"><span>Read more:</span> <a href="https://www.cnn.com/2025/harwell/related">{e(self.prose.pick(READ_MORE))}</a></div>')
            a.append('<div class="share-bar"><button class="share-button share-button--facebook" aria-label="Share on Facebook"></button><button class="share-button share-button--x" aria-label="Share on X"></button><button class="share-button share-button--link">Copy link</button></div>')
            a.append("</article>")
            out.append("\n".join(a))
            if k % 5 == 4:
                out.append(f'<div class="ad-slot ad-slot--inline" id="ad-{self.token(8)}"><div class="ad-feedback">Ad Feedback</div><script>googletag.cmd.push(function(){{}});</script></div>')
        out.append("</div>")
        out.append("</main>")
        out.append('<footer class="footer"><nav><a href="/terms">Terms of Use</a> <a href="/privacy">Privacy Policy</a> <a href="/ad-choices">Ad Choices</a></nav><p class="footer__copyright">© 2025 Cable News Network. A Warner Bros. Discovery Company. All Rights Reserved.</p></footer>')
        out.append('<script>(function(){var s=document.createElement("script");s.src="https://www.cnn.com/analytics.js";document.body.appendChild(s)})();</script>')
        out.append("</body>\n</html>\n")
        return "\n".join(out).encode("utf-8")

    # -- the run ------------------------------------------------------------------------------
    def court_days(self, count: int) -> list[dt.date]:
        start = dt.date(2025, 1, 6) + dt.timedelta(weeks=self.rng.randrange(14))
        days: list[dt.date] = []
        d = start
        while len(days) < count:
            if d.weekday() < 5 and not (days and self.chance(0.05)):
                days.append(d)
            d += dt.timedelta(days=1)
        return days

    def phases(self, count: int) -> list[str]:
        pro_end = max(1, round(count * 0.55))
        def_end = max(pro_end + 1, round(count * 0.82))
        out = []
        for d in range(count):
            if d == 0:
                out.append("openings")
            elif d < pro_end:
                out.append("prosecution")
            elif d < def_end:
                out.append("defense")
            elif d == def_end:
                out.append("closings")
            else:
                out.append("deliberations")
        return out

    def capture_times(self, day: dt.date, k: int, first: bool, start: dt.datetime) -> list[dt.datetime]:
        base = dt.datetime(day.year, day.month, day.day)
        out: list[dt.datetime] = []
        r = self.rng
        while len(out) < k:
            x = r.random()
            if x < 0.8:
                h = r.uniform(9.0, 19.5)
            elif x < 0.92 or first:
                h = r.uniform(19.5, 23.98)
            else:
                h = r.uniform(0.2, 7.0)
            t = base + dt.timedelta(seconds=int(h * 3600))
            if first and t < start:
                continue
            out.append(t)
            if len(out) < k and r.random() < 0.15:
                out.append(t + dt.timedelta(seconds=r.randint(40, 300)))
        return sorted(out)

    def run(self) -> None:
        r = self.rng
        n_days = max(1, round(self.n / r.uniform(27, 33)))
        days = self.court_days(n_days)
        phases = self.phases(n_days)
        self.scheme_page = min(n_days - 1, 1 + r.randrange(max(1, n_days - 1)))
        counts = [self.n // n_days] * n_days
        for k in range(self.n - sum(counts)):
            counts[k % n_days] += 1
        for k in range(n_days - 1):  # jitter, keeping the sum
            move = r.randint(-counts[k] // 4, counts[k] // 4)
            if counts[k + 1] + move >= 5 and counts[k] - move >= 5:
                counts[k] -= move
                counts[k + 1] += move
        for d, day in enumerate(days):
            self.day_no = d + 1
            base = dt.datetime(day.year, day.month, day.day)
            roll = base + dt.timedelta(minutes=r.randint(440, 500))
            last_of_phase = (d + 1 < n_days and phases[d + 1] != phases[d]) or d + 1 == n_days
            events = self.court_day(d, phases[d], day, last_of_phase, d == n_days - 1)
            timeline: list[tuple[dt.datetime, int, str, object]] = []
            seq = 0
            if d == 0:
                self.new_page(day, roll)
            else:
                timeline.append((roll, seq, "rollover", None))
            for ev in events:
                seq += 1
                timeline.append((ev[0], seq, "post", ev))
            tt = roll + dt.timedelta(minutes=5)
            end_desk = base + dt.timedelta(hours=22)
            while tt < end_desk:
                seq += 1
                timeline.append((tt, seq, "desk", None))
                tt += dt.timedelta(minutes=max(1, int(r.expovariate(1 / 9))))
            first_ok = base + dt.timedelta(hours=10, minutes=30)
            for ct in self.capture_times(day, counts[d], d == 0, first_ok):
                seq += 1
                timeline.append((ct, seq, "capture", None))
            timeline.sort(key=lambda x: (x[0], x[1]))
            for t, _, what, payload in timeline:
                if what == "rollover":
                    self.rollover(day, t)
                elif what == "desk":
                    if t.hour >= 7 or r.random() < 0.2:
                        self.desk(t)
                elif what == "capture":
                    self.capture(t)
                else:
                    self.emit(t, payload)

    def emit(self, t: dt.datetime, ev: tuple[dt.datetime, str, Person | None, Person | None]) -> None:
        _, kind, w, lawyer = ev
        page = self.live()
        day = page.date
        spec: Spec | None = None
        used = [i.content.headline for i in page.insts.values()]
        for _ in range(4):  # a one-off headline is not repeated on a page; stock lines are
            if kind == "direct" and w and lawyer:
                spec = self.spec_direct(w, lawyer, day)
            elif kind == "cross" and w and lawyer:
                spec = self.spec_cross(w, lawyer, day)
            elif kind == "wtk":
                spec = self.spec_template("wtk", page)
            elif kind == "km":
                spec = self.spec_template("km", page)
            else:
                spec = self.spec_simple(kind, w, lawyer, day, t)
            if spec is None or kind in STOCK_KINDS or spec.headline not in used:
                break
        if spec is None:
            return
        inst = self.add_post(page, t, spec)
        if (kind == "wtk" and self.chance(0.5)) or kind == "verdict_read":
            page.pinned = inst.pid
            self.stats["pins"] += 1

    def truth_json(self) -> dict[str, object]:
        return {
            "generator": GENERATOR, "seed": self.seed, "format": self.fmt, "captures": self.captures,
            "edits": self.truth.edits, "reverts": self.truth.reverts, "moves": self.truth.moves,
            "removals": self.truth.removals,
        }


def generate(seed: int, n: int, fmt: str) -> Corpus:
    corpus = Corpus(seed, n, fmt)
    corpus.run()
    return corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--captures", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", choices=("text", "html"), default="text")
    args = parser.parse_args()
    if args.captures < 1:
        parser.error("--captures must be at least 1")
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for pattern in ("*.txt", "*.html", "truth.json"):
        for old in sorted(out.glob(pattern)):
            old.unlink()
    corpus = generate(args.seed, args.captures, args.format)
    for name, data in zip(corpus.files, corpus.cap_data, strict=True):
        (out / name).write_bytes(data)
    (out / "truth.json").write_text(json.dumps(corpus.truth_json(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    t = corpus.truth
    print(
        f"{GENERATOR}: {len(corpus.files)} captures over {len(corpus.pages)} pages, {corpus.next_pid - 1} posts; "
        f"edits {len(t.edits)}, reverts {len(t.reverts)}, moves {len(t.moves)}, removals {len(t.removals)}"
    )


if __name__ == "__main__":
    main()
