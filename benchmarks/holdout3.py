"""Held-out corpus 3: a crewed moon mission's live blog, replayed from an editorial event log.

    python benchmarks/holdout3.py OUT_DIR [--captures N] [--seed S] [--format text|html]

Angle. The story is "Selene IV", a fictional multi-week crewed lunar mission (launch, coast,
orbit, landing, moonwalks, ascent, return, splashdown, recovery), one CNN-style page per day.
Nothing here simulates a newsroom of typed blocks: a *planner* first writes an editorial event
log (minute, editor, action, selector), knowing nothing about the page; a *replayer* then applies
the log to the pages, resolving each selector ("a recent post", "rank 7", "the newest template
post") against the state it finds, and taking captures where the log says so. Post text comes
from a small grammar (sentence shapes: attributed quotes, reported speech, figures, timelines,
lists, hedges, background paragraphs, "Read more" lines) over named crew, officials, crafts and
places. The main variable is the editors' habits: four desk editors work shifts, and each has
a profile of the edits they make (a headline tinkerer who re-times posts to the top, a figures
updater who adds paragraphs, a typography fixer who pastes curly quotes and adds captions and
bylines, an overnight editor who re-times in place, undoes other people's edits and deletes).

Planned rates (per day page unless said otherwise; realized rates vary with the seed):

- 24-38 news posts a day; 3-4 template posts ("What we know so far", "Catch up", "The latest"
  …, the same headline several times a day, identical boilerplate, 3-6 bullets quoting other
  posts' lead sentences word for word), 0-2 template updates; one "Our coverage has moved"
  post on each day page at rollover (identical text every day).
- Headline endings (realized, seed 1, 700 captures): none 55%, `!` 10%, `?` 8%, closing quote
  10% (straight 7%, curly 3%), `:` 5%, `.` 4%, `…` 4%, `,` 2%, `;` 1%. Very short headlines
  (1-2 words) 5%, starting with a digit 6%, starting with a quote 2%.
- Reuse: 12% of news paragraphs are one of 10 fixed background paragraphs, 10% repeat an
  earlier statement verbatim; template bullets quote lead sentences verbatim.
- Photos: 30% of news posts open with a captioned photo, 8% carry one mid-body; 5% hold a
  bullet list; 7% end with a "Read more:" line; 70% have a byline.
- Edits: about 1.4 per news post, by the editor on shift. Realized mixture (seed 1, 700
  captures): word swap 14%, figures 6%, sentence added 8% / cut 3%, paragraph added 8% / cut
  3%, headline partly rewritten 6% / wholly 2%, caption added 5% / changed 6%, byline added 4% /
  changed 3%, typographic only (quotes, dashes, NBSP) 8%, re-timed in place 5% / to the top 6%,
  compound (2-3 of these) 10%, revert to an earlier revision 2.5% (about a third of them to a
  revision older than the previous one), markup-only link change 4% (no text change: not an
  edit).
- 0-3 deletions a day (mean 1.3) from the middle of the live page; a post pinned for 2-5
  hours on 70% of days (shown on top and in place); at rollover the 3-6 newest news posts are carried to the
  new page (new page-scoped id, new time label 80%, lightly edited 30%); 1-2 "catch-up" edits
  a day copy a carried post's newer text back to the old page; rare edits and deletions on
  old pages.
- Captures: about 34 a day at irregular minutes; 85% of the live page (layout A 96%, B 4%),
  15% of one of the three previous day pages (B 60%, A 40%); windows of 3-50 posts (10%
  3-5, 55% 6-20, 25% 21-35, 10% 36-50; B often the whole page); stale cache 1.5% (byte copy of
  an earlier, not the latest, capture of the page, mostly one of the last three); suspect 2%
  (error page, consent wall, collapse to 1-2 posts; each kind forced once when a small run
  lacks it, so 2-3.5% at 200 captures). HTML: one day page changes its data-uri scheme at
  1 p.m. (every id on that page changes; identity does not).

Truth is computed from the true post ids and from what each capture shows, field by field, by
the rules of benchmarks/CORPUS_CONTRACT.md. Choices where the contract leaves room: a post
shown twice (pinned) stands at its lowest place for rule 5 (as the contract now says); inherited fields (rule 2)
count as shown for the time and byline comparisons of rules 3 and 5; an absent byline in a
layout that shows bylines (A, html) is an empty byline, so adding one is an edit; a caption
credit never changes without its caption text; a revision's "put up" time (rule 4) is the
first capture of the run of captures of its page that showed the same normalized text.
Rules 1 and 4 are applied to observations only: an old page first captured after its posts
were carried shows them as moved back from the new page, and if its first observed text there
is older than the new page's, its later catch-up counts as a revert (the newer text was
observed before the old page's version was). A stale-cache copy is a new observation: what it
no longer shows can be removed, what it shows again can be reverted.
A self-check re-reads every file with a small reader and checks post counts and phenomena.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import sys
import time
import zlib
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path

GENERATOR = "holdout3"
START = date(2031, 1, 13)
MISSION = "Selene IV"
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
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------

CREW = [
    ("Commander", "Maya Okonkwo", "Okonkwo"),
    ("pilot", "Daniel Reyes", "Reyes"),
    ("mission specialist", "Ingrid Halvorsen", "Halvorsen"),
    ("mission specialist", "Kenji Watanabe", "Watanabe"),
]
OFFICIALS = [
    ("flight director", "Laura Brennan", "Brennan"),
    ("agency administrator", "Victor Alvarez", "Alvarez"),
    ("launch director", "Samuel Osei", "Osei"),
    ("agency spokesperson", "Hannah Price", "Price"),
    ("lunar geologist", "Tomasz Wisniewski", "Wisniewski"),
    ("deputy program manager", "Aisha Karimi", "Karimi"),
    ("recovery team lead", "Rafael Costa", "Costa"),
]
SPEAKERS = CREW + OFFICIALS
REPORTERS = [
    "Noor Haddad",
    "Ben Whitfield",
    "Carla Mendes",
    "Oliver Tran",
    "Sofia Lindqvist",
    "Marcus Bell",
    "Yuki Sato",
    "Fatima Diallo",
    "Peter Okoro",
    "Hanna Berg",
]
PHOTOGS = [
    "Lena Fox/AP",
    "Raj Patel/Getty Images",
    "ILA/Handout",
    "Marco Ruiz/AFP via Getty Images",
    "Dana Kim/Reuters",
    "Selene IV crew/ILA",
]
PLACES = [
    "Meridian Space Center",
    "mission control in Meridian",
    "Pad 7",
    "the press site at Cape Halcyon",
    "the recovery ship Calloway",
    "the lunar science building",
]
SOURCES = ["mission control", "the agency", "flight controllers", "the mission's public feed"]


@dataclass(frozen=True)
class Phase:
    name: str
    milestone: str
    pairs: tuple[tuple[str, str], ...]  # (headline clause, sentence clause)
    shorts: tuple[str, ...]
    labels: tuple[str, ...]


PHASES = [
    Phase(
        "launch day",
        "liftoff",
        (
            (
                "Aurora V rocket clears the tower at Pad 7",
                "the Aurora V rocket cleared the tower at Pad 7",
            ),
            (
                "Launch team polls for a final go",
                "the launch team polled every console for a final go",
            ),
            ("Core stage shuts down on schedule", "the core stage shut down on schedule"),
            (
                "Odyssey capsule separates from the upper stage",
                "the Odyssey capsule separated from the upper stage",
            ),
            (
                "Crowds pack the beaches near Cape Halcyon",
                "crowds packed the beaches near Cape Halcyon",
            ),
        ),
        ("Liftoff!", "Go.", "Ignition", "Wow!"),
        ("Launch", "Weather", "Crowds"),
    ),
    Phase(
        "translunar coast",
        "the engine burn",
        (
            (
                "Odyssey fires its main engine toward the moon",
                "Odyssey fired its main engine toward the moon",
            ),
            ("Crew reports a noisy cabin fan", "the crew reported a noisy cabin fan"),
            (
                "Flight controllers skip a course correction",
                "flight controllers skipped a planned course correction",
            ),
            (
                "Astronauts beam down their first video of Earth",
                "the astronauts beamed down their first video of Earth",
            ),
            (
                "Crew wakes up early to check a sensor",
                "the crew woke up early to check a faulty sensor",
            ),
        ),
        ("Burn complete.", "Halfway there", "Earthrise…"),
        ("Trajectory", "Crew health", "Spacecraft"),
    ),
    Phase(
        "lunar orbit",
        "orbit insertion",
        (
            (
                "Odyssey slips into orbit around the moon",
                "Odyssey slipped into orbit around the moon",
            ),
            (
                "Crew loses radio contact behind the far side",
                "the crew lost radio contact behind the far side",
            ),
            ("Kestrel lander powers up for checks", "the Kestrel lander powered up for its checks"),
            (
                "Controllers lower the orbit ahead of landing",
                "controllers lowered the orbit ahead of landing",
            ),
            (
                "Astronauts photograph the landing zone",
                "the astronauts photographed the landing zone",
            ),
        ),
        ("In orbit", "Signal!", "Far side"),
        ("Orbit", "Lander", "Communications"),
    ),
    Phase(
        "landing day",
        "touchdown",
        (
            ("Kestrel undocks from Odyssey", "Kestrel undocked from Odyssey"),
            ("Landing radar locks onto the surface", "the landing radar locked onto the surface"),
            (
                "Okonkwo takes manual control for the final descent",
                "Okonkwo took manual control for the final descent",
            ),
            (
                "Kestrel touches down near the Shackleton ridge",
                "Kestrel touched down near the Shackleton ridge",
            ),
            ("Mission control erupts in applause", "mission control erupted in applause"),
        ),
        ("Touchdown!", "Contact light.", "Down safe"),
        ("Landing", "Descent", "Reaction"),
    ),
    Phase(
        "first moonwalk",
        "the moonwalk",
        (
            (
                "Hatch opens and Okonkwo steps onto the surface",
                "the hatch opened and Okonkwo stepped onto the surface",
            ),
            ("Moonwalkers plant a seismometer", "the moonwalkers planted a seismometer"),
            (
                "Halvorsen collects the first ice-bearing samples",
                "Halvorsen collected the first ice-bearing samples",
            ),
            (
                "Suit cooling alarm cuts the moonwalk short",
                "a suit cooling alarm cut the moonwalk short",
            ),
            (
                "Crew drives the rover to the crater rim",
                "the crew drove the rover to the crater rim",
            ),
        ),
        ("First steps", "Boots down!", "Hatch open"),
        ("Moonwalk", "Samples", "Suits"),
    ),
    Phase(
        "surface science",
        "the drilling work",
        (
            ("Drill reaches the frozen layer", "the drill reached the frozen layer"),
            ("Dust storm warning pauses rover drive", "a dust warning paused the rover drive"),
            ("Scientists cheer the first core sample", "scientists cheered the first core sample"),
            (
                "Crew repairs a jammed sample container",
                "the crew repaired a jammed sample container",
            ),
            (
                "Lander battery runs warmer than expected",
                "the lander battery ran warmer than expected",
            ),
        ),
        ("Ice!", "Core sample", "Drilling"),
        ("Science", "Hardware", "Schedule"),
    ),
    Phase(
        "ascent",
        "liftoff from the moon",
        (
            (
                "Kestrel ascent stage lifts off from the moon",
                "the Kestrel ascent stage lifted off from the moon",
            ),
            ("Ascent stage docks with Odyssey", "the ascent stage docked with Odyssey"),
            (
                "Crew transfers the samples to Odyssey",
                "the crew transferred the samples to Odyssey",
            ),
            ("Controllers jettison the ascent stage", "controllers jettisoned the ascent stage"),
            ("Reyes flies the docking by hand", "Reyes flew the docking by hand"),
        ),
        ("Docked.", "Liftoff again", "Up!"),
        ("Ascent", "Docking", "Samples"),
    ),
    Phase(
        "return coast",
        "the return burn",
        (
            ("Odyssey fires its engine for home", "Odyssey fired its engine for home"),
            ("Crew tests the heat shield heaters", "the crew tested the heat shield heaters"),
            (
                "Astronauts answer questions from schoolchildren",
                "the astronauts answered questions from schoolchildren",
            ),
            ("Controllers refine the splashdown point", "controllers refined the splashdown point"),
            ("Watanabe fixes the water dispenser", "Watanabe fixed the water dispenser"),
        ),
        ("Homeward", "On course", "Q&A"),
        ("Return", "Crew", "Splashdown plan"),
    ),
    Phase(
        "splashdown",
        "splashdown",
        (
            (
                "Odyssey hits the atmosphere at full speed",
                "Odyssey hit the atmosphere at full speed",
            ),
            ("Parachutes open over the Pacific", "the parachutes opened over the Pacific"),
            (
                "Capsule splashes down near the Calloway",
                "the capsule splashed down near the Calloway",
            ),
            ("Divers reach the capsule", "divers reached the capsule"),
            ("Crew climbs out smiling", "the crew climbed out smiling"),
        ),
        ("Splashdown!", "Home.", "Chutes"),
        ("Reentry", "Recovery", "Crew"),
    ),
    Phase(
        "recovery",
        "the crew's medical checks",
        (
            ("Crew passes its first medical checks", "the crew passed its first medical checks"),
            (
                "Samples arrive at the lunar science building",
                "the samples arrived at the lunar science building",
            ),
            (
                "Agency opens the first sample container",
                "the agency opened the first sample container",
            ),
            (
                "Astronauts speak to reporters for the first time",
                "the astronauts spoke to reporters for the first time",
            ),
            (
                "Engineers inspect the scorched heat shield",
                "engineers inspected the scorched heat shield",
            ),
        ),
        ("Welcome home", "Samples in", "Checks"),
        ("Crew health", "Samples", "What's next"),
    ),
]

QUOTES = [
    "We're go for the next phase and the crew is in great spirits",
    "Everything we've seen so far tells us the vehicle is healthy",
    "This is the view we've all been waiting for",
    "We'll take the time we need to get this right",
    "It's quieter up here than any of us expected",
    "The team on the ground has been flawless",
    "We trained for this moment for six years",
    "There's no rush, the spacecraft is in good shape",
    "I can see the whole planet out of one window",
    "We're watching one sensor closely, but nothing points to a real problem",
    "This mission belongs to everyone who built it",
    "We always plan for the bad day and hope for the good one",
    "The data coming down is better than we hoped",
    "Honestly, the dust gets everywhere",
    "We'll be home before you know it",
    "That was the hardest part of the flight and it went by the book",
]
QFRAGS = [
    "We're go",
    "The view is unreal",
    "Everything looks good",
    "We'll take our time",
    "This is for everyone",
    "We're home",
    "Nothing to worry about",
    "Best day of my life",
]
BACKGROUND = [
    "Selene IV is the first crewed attempt to land near the lunar south pole, where scientists believe water ice is trapped in permanently shadowed craters.",
    "The mission launched on a Monday from Pad 7 at Cape Halcyon, carrying four astronauts on a flight planned to last several weeks.",
    "The Kestrel lander was built to carry two astronauts to the surface while Odyssey stays in orbit with the rest of the crew.",
    "Commander Maya Okonkwo, pilot Daniel Reyes and mission specialists Ingrid Halvorsen and Kenji Watanabe trained together for six years.",
    "Agency officials have said the mission cost about $4.1 billion, including the development of the lander.",
    "The last crewed flight to the moon before Selene IV took place more than five decades ago.",
    "Mission managers set aside two spare days in the schedule for weather and equipment problems.",
    "The samples will be split among laboratories in nine countries once they are back on Earth.",
    "Some background: Odyssey's heat shield was redesigned after tests showed uneven wear on an earlier capsule.",
    "The landing zone sits on a ridge that gets sunlight for most of the lunar day, which keeps the lander's batteries charged.",
]
STORY_LINKS = [
    "How the Selene IV crew trained for a landing no one has tried before",
    "Why the lunar south pole matters for the next decade of exploration",
    "Photos: Selene IV from launch to landing",
    "What's inside the Kestrel lander",
    "Opinion: The moon is back in fashion, and that's a good thing",
    "The engineers who spent a decade on one heat shield",
]
TEMPLATE_HEADS = [
    "What we know so far",
    "Catch up: Here's what you need to know",
    "The latest",
    "Catch up",
    "Here's the latest on the Selene IV mission",
]
TEMPLATE_INTRO = f"If you're just joining us, here's the latest on the {MISSION} mission:"
TEMPLATE_OUTRO = "Follow our live coverage below."
MOVED_HEAD = "Our coverage has moved"
MOVED_BODY = (f"Our live coverage of the {MISSION} mission has moved here.",)
SYN = [
    ("about", "roughly"),
    ("nearly", "almost"),
    ("began", "started"),
    ("quickly", "rapidly"),
    ("officials", "managers"),
    ("reporters", "journalists"),
    ("said", "told reporters"),
    ("crew", "astronauts"),
    ("scheduled", "planned"),
    ("large", "sizable"),
    ("first", "initial"),
    ("expected", "anticipated"),
    ("checks", "tests"),
    ("closely", "carefully"),
]
SYNMAP = {a: b for a, b in SYN} | {b: a for a, b in SYN}

# ---------------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------------

_SPACE_RUN = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)
_SENT_SPLIT = re.compile(r'(?:(?<=[.!?])|(?<=[.!?]["\u201d]))\s+(?=["\u201cA-Z])')
_NUMBER = re.compile(r"(?<![\d:.,$])\d[\d,]*(?:\.\d+)?(?![\d:])")


def norm(s: str) -> str:
    """The contract's normalization: spaces, quotes, dashes, white-space runs."""
    return _SPACE_RUN.sub(" ", s.translate(_FOLD)).strip()


def crc(s: str) -> int:
    return zlib.crc32(s.encode("utf-8"))


def curly(s: str) -> str:
    out: list[str] = []
    prev = " "
    for ch in s:
        if ch == '"':
            out.append("\u201c" if prev in " \u00a0([\u2014" else "\u201d")
        elif ch == "'":
            out.append("\u2018" if prev in " \u00a0([\u2014" else "\u2019")
        else:
            out.append(ch)
        prev = ch
    return "".join(out)


def straight(s: str) -> str:
    return s.translate(str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}))


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def low(s: str) -> str:
    return (
        s[:1].lower() + s[1:]
        if not s.startswith(("Odyssey", "Kestrel", "Aurora")) and not s[:2].isupper()
        else s
    )


def day_date(day: int) -> date:
    return START + timedelta(days=day)


def label(minute: int) -> str:
    d = day_date(minute // 1440)
    h, mm = divmod(minute % 1440, 60)
    return f"{h % 12 or 12}:{mm:02d} {'a.m.' if h < 12 else 'p.m.'} ET, {MONTHS[d.month - 1]} {d.day}, {d.year}"


def iso_utc(minute: int) -> str:
    t = datetime(START.year, START.month, START.day) + timedelta(minutes=minute + 300)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def page_title(day: int) -> str:
    d = day_date(day)
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year} {MISSION} moon mission news"


def b_headline(h: str) -> str:
    """Layout B's headline: a non-breaking space inside some headlines (fixed per text)."""
    if crc(h) % 3 == 0 and " " in h.strip():
        a, b = h.rsplit(" ", 1)
        return f"{a}\u00a0{b}"
    return h


# ---------------------------------------------------------------------------------------------
# Posts, pages and what a capture shows
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    kind: str  # "p" paragraph, "li" bullet, "cap" photo caption
    text: str
    credit: str = ""
    link: int = -1  # markup only: index of a word wrapped in a link (HTML)


@dataclass(frozen=True)
class Rev:
    headline: str
    byline: str  # "" = none
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Shown:
    """One post as one capture shows it (None: the layout does not show the field)."""

    layout: str
    headline: str
    paras: tuple[str, ...]
    time: str | None
    byline: str | None

    @property
    def raw(self) -> tuple[str, ...]:
        return (self.headline, *self.paras)

    @property
    def normed(self) -> tuple[str, ...]:
        return tuple(norm(x) for x in self.raw)


@dataclass
class Entry:
    post: int
    rev: Rev
    minute: int
    kind: str  # news / template / moved
    revs: list[Rev] = field(default_factory=list)


@dataclass
class Page:
    day: int
    title: str
    authors: str
    entries: list[Entry] = field(default_factory=list)
    pinned: int | None = None
    updated: int = 0
    scheme: int = 0
    deleted: list[int] = field(default_factory=list)

    def find(self, post: int) -> Entry | None:
        for e in self.entries:
            if e.post == post:
                return e
        return None


def shown_of(entry: Entry, layout: str) -> Shown:
    rev = entry.rev
    if layout == "B":
        paras = tuple(
            ("• " + curly(b.text)) if b.kind == "li" else curly(b.text) for b in rev.blocks
        )
        return Shown("B", b_headline(rev.headline), paras, None, None)
    paras = tuple(("• " + b.text) if b.kind == "li" else b.text for b in rev.blocks)
    return Shown(layout, rev.headline, paras, label(entry.minute), rev.byline)


# ---------------------------------------------------------------------------------------------
# The grammar
# ---------------------------------------------------------------------------------------------


class Grammar:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.statements: list[str] = []

    def weekday(self, minute: int) -> str:
        return WEEKDAYS[day_date(minute // 1440).weekday()]

    def clock(self, minute: int) -> str:
        h, mm = divmod(minute % 1440, 60)
        return f"{h % 12 or 12}:{mm:02d} {'a.m.' if h < 12 else 'p.m.'}"

    def headline(self, ph: Phase) -> str:
        rng = self.rng
        hc, _ = rng.choice(ph.pairs)
        title, _, last = rng.choice(SPEAKERS)
        r = rng.random()
        if r < 0.05:
            return rng.choice(ph.shorts)
        if r < 0.11:
            n = rng.randint(2, 12)
            base = rng.choice(
                [
                    f"{n} things to know about {ph.milestone}",
                    f"{n} hours until {ph.milestone}",
                    f"{rng.randint(12, 380) * 1000:,} kilometers from home",
                    f"{n} minutes that decided {ph.milestone}",
                ]
            )
        elif r < 0.17:
            q = rng.choice(QFRAGS)
            base = rng.choice([f'"{q}," {title.lower()} says', f'"{q}": {last} on {ph.milestone}'])
        elif r < 0.32:
            base = f"{last} says {low(hc)}"
        elif r < 0.45:
            base = f"{hc}, {title.lower()} says"
        else:
            base = hc
        e = rng.random()
        if e < 0.08:
            return rng.choice(
                [
                    f"What's next after {ph.milestone}?",
                    f"Is Odyssey ready for {ph.milestone}?",
                    f"{base}?",
                    f"Can the crew stay on schedule for {ph.milestone}?",
                ]
            )
        if e < 0.15:
            return base + "!"
        if e < 0.21:
            return rng.choice(
                [
                    f"Here's the plan for {ph.milestone}:",
                    f"{base}:",
                    f"{cap(ph.milestone)} timeline:",
                ]
            )
        if e < 0.27:
            return base + "."
        if e < 0.33:
            return f'{last}: "{rng.choice(QFRAGS)}"'
        if e < 0.36:
            return f"{last} on {ph.milestone}: \u201c{rng.choice(QFRAGS)}\u201d"
        if e < 0.39:
            return base + "…"
        if e < 0.41:
            return base + ";"
        if e < 0.43:
            return base + ","
        return base

    def byline(self) -> str:
        rng = self.rng
        names = rng.sample(REPORTERS, rng.choice([1, 1, 2]))
        who = " and ".join(names)
        apos = "\u2019" if rng.random() < 0.25 else "'"
        tail = (
            f" in {rng.choice(['Meridian', 'Cape Halcyon', 'Houston'])}"
            if rng.random() < 0.15
            else ""
        )
        return f"From CNN{apos}s {who}{tail}"

    def caption(self, minute: int) -> Block:
        rng = self.rng
        _, full, _ = rng.choice(CREW + OFFICIALS[:3])
        text = rng.choice(
            [
                f"{full} speaks to reporters at {rng.choice(PLACES)} on {self.weekday(minute)}.",
                f"An image released by the agency shows the {rng.choice(['Kestrel lander', 'Odyssey capsule', 'landing zone', 'crater rim'])} on {self.weekday(minute)}.",
                f"Spectators watch from {rng.choice(['a beach', 'a rooftop', 'the press site'])} near Cape Halcyon.",
                f"Flight controllers work at their consoles at {rng.choice(PLACES)}.",
            ]
        )
        return Block("cap", text, rng.choice(PHOTOGS))

    def figure(self, minute: int) -> str:
        rng = self.rng
        return rng.choice(
            [
                f"Odyssey was {rng.randint(20, 380) * 1000 + rng.randint(0, 999):,} kilometers from Earth and traveling at {rng.randint(3000, 39000):,} kilometers per hour as of {self.clock(minute)} ET, according to {rng.choice(SOURCES)}.",
                f"The burn lasted {rng.randint(30, 400)} seconds and changed the spacecraft's speed by {rng.randint(5, 900)} meters per second.",
                f"About {rng.randint(20, 400) * 1000:,} people watched from the beaches near Cape Halcyon, local officials estimated.",
                f"The crew has {rng.randint(55, 98)} percent of its {rng.choice(['oxygen', 'water', 'propellant', 'battery power'])} left, {rng.choice(SOURCES)} said.",
                f"Temperatures at the landing site dropped to minus {rng.randint(90, 230)} degrees Celsius overnight.",
                f"The crew collected {rng.randint(3, 40)} kilograms of samples during the {rng.randint(3, 9)}-hour moonwalk.",
                f"Controllers counted {rng.randint(2, 14)} minor alarms, none of which needed action, during the {rng.randint(20, 90)}-minute window.",
            ]
        )

    def statement(self, minute: int) -> str:
        rng = self.rng
        if self.statements and rng.random() < 0.25:
            return rng.choice(self.statements)  # a statement repeated word for word
        title, full, last = rng.choice(SPEAKERS)
        q = rng.choice(QUOTES)
        s = rng.choice(
            [
                f'"{q}," {title.lower()} {full} said {self.weekday(minute)}.',
                f'{full}, the mission\'s {title.lower()}, said: "{q}."',
                f'"{q}," {last} told reporters at {rng.choice(PLACES)}.',
                f'"{q}," {last} said.',
            ]
        )
        self.statements.append(s)
        return s

    def sentence(self, ph: Phase, minute: int) -> str:
        rng = self.rng
        _, sc = rng.choice(ph.pairs)
        return rng.choice(
            [
                f"At {self.clock(minute - rng.randint(5, 300))} ET, {sc}.",
                f"{cap(rng.choice(SOURCES))} said {sc} without any problems.",
                f"The agency said {rng.randint(2, 9)} more checks are {rng.choice(['scheduled', 'expected'])} before {ph.milestone}.",
                f"CNN has not independently confirmed the {rng.choice(['reading', 'estimate', 'account'])}.",
                f"The agency did not immediately respond to a request for comment about {ph.milestone}.",
                f"The crew's tasks for the day include {rng.choice(['a suit check', 'a sleep shift', 'a camera test'])}, {rng.choice(['a water log', 'a medical call', 'a cabin cleanup'])} and {rng.choice(['a news conference', 'a rover check', 'a radio test'])}.",
                f"That work began nearly {rng.randint(2, 11)} hours later than {rng.choice(['planned', 'scheduled'])}.",
            ]
        )

    def lead(self, ph: Phase, minute: int, hc_sc: tuple[str, str]) -> str:
        rng = self.rng
        _, sc = hc_sc
        title, full, _ = rng.choice(SPEAKERS)
        return rng.choice(
            [
                f"{cap(sc)}, {title.lower()} {full} said {self.weekday(minute)}.",
                f"The agency said {sc} at {self.clock(minute - rng.randint(2, 90))} ET {self.weekday(minute)}.",
                f"At {self.clock(minute - rng.randint(2, 60))} ET, {sc}, according to {rng.choice(SOURCES)}.",
                f"{cap(sc)}, a milestone ahead of {ph.milestone}, {rng.choice(SOURCES)} said.",
            ]
        )

    def paragraph(self, ph: Phase, minute: int) -> str:
        r = self.rng.random()
        if r < 0.30:
            return self.statement(minute)
        if r < 0.55:
            return self.figure(minute)
        if r < 0.67:
            return self.rng.choice(BACKGROUND)
        if r < 0.85:
            return self.sentence(ph, minute)
        return f"{self.sentence(ph, minute)} {self.figure(minute)}"

    def news(self, ph: Phase, minute: int) -> Rev:
        rng = self.rng
        pair = rng.choice(ph.pairs)
        blocks: list[Block] = []
        if rng.random() < 0.30:
            blocks.append(self.caption(minute))
        blocks.append(Block("p", self.lead(ph, minute, pair)))
        for _ in range(rng.randint(1, 6)):
            blocks.append(Block("p", self.paragraph(ph, minute)))
        if rng.random() < 0.05:
            blocks.append(Block("p", "Key moments so far:"))
            for _ in range(rng.randint(2, 4)):
                blocks.append(Block("li", self.sentence(ph, minute)))
        if rng.random() < 0.08 and len(blocks) >= 3:
            blocks.insert(rng.randint(2, len(blocks) - 1), self.caption(minute))
        if rng.random() < 0.07:
            blocks.append(Block("p", f"Read more: {rng.choice(STORY_LINKS)}"))
        if rng.random() < 0.15:  # CMS artifacts: NBSPs inside a paragraph
            i = rng.randrange(len(blocks))
            blocks[i] = replace(blocks[i], text=add_nbsp(blocks[i].text, rng))
        byline = self.byline() if rng.random() < 0.70 else ""
        return Rev(self.headline(ph), byline, tuple(blocks))


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping "a.m."/"p.m." clock times whole."""
    out: list[str] = []
    for part in _SENT_SPLIT.split(text):
        if out and out[-1].endswith(("a.m.", "p.m.")):
            out[-1] += " " + part
        else:
            out.append(part)
    return out


def add_nbsp(s: str, rng: random.Random) -> str:
    spaces = [m.start() for m in re.finditer(" ", s)]
    if not spaces:
        return s
    i = rng.choice(spaces)
    return s[:i] + "\u00a0" + s[i + 1 :]


# ---------------------------------------------------------------------------------------------
# Edits (applied by the replayer)
# ---------------------------------------------------------------------------------------------


def _body_indexes(rev: Rev, kinds: tuple[str, ...] = ("p",)) -> list[int]:
    return [i for i, b in enumerate(rev.blocks) if b.kind in kinds]


def _set_block(rev: Rev, i: int, b: Block) -> Rev:
    blocks = list(rev.blocks)
    blocks[i] = b
    return replace(rev, blocks=tuple(blocks))


def swap_word(text: str, rng: random.Random) -> str | None:
    found = [w for w in SYNMAP if re.search(rf"\b{re.escape(w)}\b", text)]
    if not found:
        return None
    w = rng.choice(sorted(found))
    return re.sub(rf"\b{re.escape(w)}\b", SYNMAP[w], text, count=1)


def edit_word(rev: Rev, rng: random.Random, g: Grammar, ph: Phase, minute: int) -> Rev | None:
    idx = _body_indexes(rev)
    rng.shuffle(idx)
    for i in idx:
        new = swap_word(rev.blocks[i].text, rng)
        if new is not None:
            return _set_block(rev, i, replace(rev.blocks[i], text=new))
    for i in idx:
        t = rev.blocks[i].text
        if t.endswith(".") and not t.endswith('."'):
            return _set_block(
                rev, i, replace(rev.blocks[i], text=t[:-1] + ", according to mission control.")
            )
    return None


def edit_number(rev: Rev, rng: random.Random, g: Grammar, ph: Phase, minute: int) -> Rev | None:
    idx = [i for i in _body_indexes(rev, ("p", "li")) if _NUMBER.search(rev.blocks[i].text)]
    if not idx:
        return None
    i = rng.choice(idx)
    text = rev.blocks[i].text
    ms = list(_NUMBER.finditer(text))
    m = rng.choice(ms)
    old = m.group(0)
    if "." in old:
        val = float(old.replace(",", ""))
        new = f"{val + rng.choice([-0.3, -0.1, 0.1, 0.2, 0.4]):.1f}"
    else:
        val = int(old.replace(",", ""))
        delta = max(1, val // rng.choice([5, 10, 20])) * rng.choice([-1, 1, 2])
        nv = max(1, val + delta)
        if nv == val:
            nv = val + 1
        new = f"{nv:,}" if ("," in old or nv >= 10000) else str(nv)
    return _set_block(
        rev, i, replace(rev.blocks[i], text=text[: m.start()] + new + text[m.end() :])
    )


def edit_sent_add(rev: Rev, rng: random.Random, g: Grammar, ph: Phase, minute: int) -> Rev | None:
    idx = _body_indexes(rev)
    if not idx:
        return None
    i = rng.choice(idx)
    return _set_block(
        rev, i, replace(rev.blocks[i], text=rev.blocks[i].text + " " + g.sentence(ph, minute))
    )


def edit_sent_cut(rev: Rev, rng: random.Random, g: Grammar, ph: Phase, minute: int) -> Rev | None:
    for i in rng.sample(_body_indexes(rev), len(_body_indexes(rev))):
        parts = sentences(rev.blocks[i].text)
        if len(parts) >= 2:
            del parts[rng.randrange(1, len(parts)) if rng.random() < 0.7 else 0]
            return _set_block(rev, i, replace(rev.blocks[i], text=" ".join(parts)))
    return edit_para_cut(rev, rng, g, ph, minute)


def edit_para_add(rev: Rev, rng: random.Random, g: Grammar, ph: Phase, minute: int) -> Rev | None:
    blocks = list(rev.blocks)
    lo = 2 if blocks and blocks[0].kind == "cap" else 1
    blocks.insert(
        rng.randint(min(lo, len(blocks)), len(blocks)), Block("p", g.paragraph(ph, minute))
    )
    return replace(rev, blocks=tuple(blocks))


def edit_para_cut(rev: Rev, rng: random.Random, g: Grammar, ph: Phase, minute: int) -> Rev | None:
    idx = _body_indexes(rev)
    if len(idx) < 3:
        return None
    blocks = list(rev.blocks)
    del blocks[rng.choice(idx[1:])]
    return replace(rev, blocks=tuple(blocks))


def edit_head_part(rev: Rev, rng: random.Random, g: Grammar, ph: Phase, minute: int) -> Rev | None:
    h = rev.headline
    new = swap_word(h, rng)
    if new is None or rng.random() < 0.5:
        words = h.split(" ")
        if len(words) >= 3:
            k = rng.randrange(1, len(words))
            words[k] = (
                rng.choice(["now", "again", "safely", "finally", "officially"]) + " " + words[k]
            )
            new = " ".join(words)
        else:
            new = h.rstrip(".!?:;,…") + rng.choice(
                [", officials say", ": live updates", " as planned"]
            )
    return replace(rev, headline=new) if new != h else None


def edit_head_whole(rev: Rev, rng: random.Random, g: Grammar, ph: Phase, minute: int) -> Rev | None:
    for _ in range(5):
        h = g.headline(ph)
        if norm(h) != norm(rev.headline):
            return replace(rev, headline=h)
    return None


def edit_cap_add(rev: Rev, rng: random.Random, g: Grammar, ph: Phase, minute: int) -> Rev | None:
    blocks = list(rev.blocks)
    c = g.caption(minute)
    if blocks and blocks[0].kind != "cap" and rng.random() < 0.7:
        blocks.insert(0, c)
    else:
        blocks.insert(rng.randint(min(2, len(blocks)), len(blocks)), c)
    return replace(rev, blocks=tuple(blocks))


def edit_cap_change(rev: Rev, rng: random.Random, g: Grammar, ph: Phase, minute: int) -> Rev | None:
    idx = _body_indexes(rev, ("cap",))
    if not idx:
        return edit_cap_add(rev, rng, g, ph, minute)
    i = rng.choice(idx)
    b = rev.blocks[i]
    text = swap_word(b.text, rng) if rng.random() < 0.4 else None
    if text is None:
        text = b.text.rstrip(".") + rng.choice(
            [", in a file photo.", ", seen from the press site.", " earlier this week."]
        )
    credit = rng.choice(PHOTOGS) if rng.random() < 0.4 else b.credit
    return _set_block(rev, i, replace(b, text=text, credit=credit))


def edit_byline_add(rev: Rev, rng: random.Random, g: Grammar, ph: Phase, minute: int) -> Rev | None:
    if rev.byline:
        return edit_byline_change(rev, rng, g, ph, minute)
    return replace(rev, byline=g.byline())


def edit_byline_change(
    rev: Rev, rng: random.Random, g: Grammar, ph: Phase, minute: int
) -> Rev | None:
    if not rev.byline:
        return replace(rev, byline=g.byline())
    if " and " not in rev.byline:
        extra = rng.choice([r for r in REPORTERS if r not in rev.byline])
        head, sep, tail = rev.byline.partition(" in ")
        return replace(rev, byline=f"{head} and {extra}{sep}{tail}")
    for _ in range(5):
        b = g.byline()
        if b != rev.byline:
            return replace(rev, byline=b)
    return None


def typo_text(s: str, rng: random.Random) -> str | None:
    """A change that normalization undoes: quotes, dashes, non-breaking spaces."""
    options: list[str] = []
    if re.search("[\"']", s):
        options.append("curl")
    if re.search("[\u2018\u2019\u201c\u201d]", s):
        options.append("straighten")
    if " - " in s or "\u2014" in s:
        options.append("dash")
    if "\u00a0" in s:
        options.append("drop_nbsp")
    if " " in s:
        options.append("nbsp")
    if not options:
        return None
    op = rng.choice(options)
    if op == "curl":
        new = curly(s)
    elif op == "straighten":
        new = straight(s)
    elif op == "dash":
        new = s.replace(" - ", " \u2014 ") if " - " in s else s.replace("\u2014", "-")
    elif op == "drop_nbsp":
        new = s.replace("\u00a0", " ")
    else:
        new = add_nbsp(s, rng)
    return new if new != s else None


def edit_typo(rev: Rev, rng: random.Random, g: Grammar, ph: Phase, minute: int) -> Rev | None:
    if rng.random() < 0.2:
        h = typo_text(rev.headline, rng)
        if h is not None:
            return replace(rev, headline=h)
    idx = _body_indexes(rev, ("p", "cap", "li"))
    rng.shuffle(idx)
    for i in idx:
        t = typo_text(rev.blocks[i].text, rng)
        if t is not None:
            return _set_block(rev, i, replace(rev.blocks[i], text=t))
    return None


def edit_link(rev: Rev, rng: random.Random, g: Grammar, ph: Phase, minute: int) -> Rev | None:
    idx = _body_indexes(rev)
    if not idx:
        return None
    i = rng.choice(idx)
    b = rev.blocks[i]
    n = len(b.text.split(" "))
    return _set_block(rev, i, replace(b, link=-1 if b.link >= 0 else rng.randrange(n)))


EDIT_FUNCS = {
    "word": edit_word,
    "number": edit_number,
    "sent_add": edit_sent_add,
    "sent_cut": edit_sent_cut,
    "para_add": edit_para_add,
    "para_cut": edit_para_cut,
    "head_part": edit_head_part,
    "head_whole": edit_head_whole,
    "cap_add": edit_cap_add,
    "cap_change": edit_cap_change,
    "byline_add": edit_byline_add,
    "byline_change": edit_byline_change,
    "typo": edit_typo,
    "link": edit_link,
}
COMPOUND_PARTS = [
    "word",
    "number",
    "sent_add",
    "para_add",
    "para_cut",
    "head_part",
    "cap_add",
    "byline_change",
    "typo",
]

# Editors' habits: shift (minutes of the day) and the weights of the edits they make.
EDITORS: dict[str, tuple[tuple[int, int], dict[str, int]]] = {
    "ines": (
        (300, 720),
        {
            "head_part": 14,
            "head_whole": 5,
            "retime_top": 10,
            "word": 12,
            "number": 6,
            "sent_add": 6,
            "para_add": 6,
            "typo": 3,
            "cap_add": 4,
            "compound": 8,
            "revert": 2,
            "byline_add": 4,
            "link": 2,
        },
    ),
    "tom": (
        (720, 1080),
        {
            "number": 18,
            "para_add": 14,
            "sent_add": 12,
            "sent_cut": 6,
            "para_cut": 5,
            "compound": 14,
            "word": 8,
            "cap_change": 4,
            "byline_change": 4,
            "revert": 3,
            "retime_in": 5,
            "link": 1,
        },
    ),
    "wen": (
        (1080, 1440),
        {
            "typo": 18,
            "cap_add": 8,
            "cap_change": 6,
            "byline_add": 6,
            "byline_change": 4,
            "word": 10,
            "link": 4,
            "head_part": 4,
            "sent_cut": 4,
            "compound": 6,
            "revert": 3,
            "retime_top": 2,
            "retime_in": 5,
        },
    ),
    "sam": (
        (0, 300),
        {
            "retime_in": 14,
            "retime_top": 6,
            "revert": 10,
            "para_cut": 6,
            "word": 8,
            "typo": 6,
            "compound": 6,
            "number": 4,
            "sent_add": 3,
        },
    ),
}


def on_duty(minute: int) -> str:
    m = minute % 1440
    for name, ((lo, hi), _) in EDITORS.items():
        if lo <= m < hi:
            return name
    return "sam"


def weighted(rng: random.Random, weights: dict[str, int]) -> str:
    keys = list(weights)
    return rng.choices(keys, [weights[k] for k in keys])[0]


# ---------------------------------------------------------------------------------------------
# The event log (planner)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    minute: int
    prio: int  # editorial events before captures at the same minute
    seq: int
    action: str
    editor: str = ""
    arg: str = ""


SUSPECT_KINDS = ("error", "consent", "collapse")


def window_size(rng: random.Random) -> int:
    r = rng.random()
    if r < 0.10:
        return rng.randint(3, 5)
    if r < 0.65:
        return rng.randint(6, 20)
    if r < 0.90:
        return rng.randint(21, 35)
    return rng.randint(36, 50)


def plan(rng: random.Random, n_captures: int, fmt: str) -> tuple[list[Event], int]:
    days = max(3, round(n_captures / 34))
    events: list[Event] = []
    seq = 0

    def add(minute: int, action: str, editor: str = "", arg: str = "", prio: int = 0) -> None:
        nonlocal seq
        events.append(Event(minute, prio, seq, action, editor, arg))
        seq += 1

    def daytime(base: int, lo: int = 20) -> int:
        if rng.random() < 0.8:
            return base + rng.randint(max(lo, 360), 1430)
        return base + rng.randint(lo, 1430)

    # captures per day: random split of n_captures, at least 5 a day
    weights = [rng.uniform(0.7, 1.3) for _ in range(days)]
    total = sum(weights)
    per_day = [max(5, int(n_captures * w / total)) for w in weights]
    while sum(per_day) > n_captures:
        i = max(range(days), key=lambda k: per_day[k])
        per_day[i] -= 1
    while sum(per_day) < n_captures:
        per_day[rng.randrange(days)] += 1

    scheme_day = min(1, days - 1)
    cap_specs: list[list[str | int]] = []  # [minute, target, layout, window, special]
    for d in range(days):
        base = d * 1440
        lo = 240 if d == 0 else 20
        if d > 0:
            add(base, "rollover", "sam")
        for _ in range(rng.randint(24, 38)):
            m = daytime(base, lo)
            add(m, "publish", on_duty(m))
        n_news = sum(1 for e in events if e.action == "publish" and e.minute // 1440 == d)
        heads = rng.sample(TEMPLATE_HEADS, 2)
        for hh in sorted(rng.sample([7, 10, 13, 16, 19, 22], rng.randint(3, 4))):
            m = base + hh * 60 + rng.randint(-25, 25)
            add(m, "template", on_duty(m), heads[0] if rng.random() < 0.7 else heads[1])
        for _ in range(rng.choice([0, 1, 1, 2])):
            m = base + rng.randint(480, 1400)
            add(m, "template_update", on_duty(m))
        for _ in range(round(n_news * 1.4)):
            m = daytime(base, max(lo, 30))
            ed = on_duty(m)
            add(m, "edit", ed, weighted(rng, EDITORS[ed][1]))
        for _ in range(rng.choice([0, 1, 1, 2, 2, 3])):
            m = daytime(base, max(lo, 120))
            add(m, "delete", on_duty(m))
        if rng.random() < 0.7:
            m = base + rng.randint(max(lo, 400), 1100)
            add(m, "pin", on_duty(m), "template" if rng.random() < 0.5 else "news")
            add(min(base + 1435, m + rng.randint(120, 300)), "unpin", on_duty(m))
        if d > 0:
            for _ in range(rng.randint(1, 2)):
                add(base + rng.randint(60, 1400), "catchup", "sam")
            if rng.random() < 0.6:
                add(
                    base + rng.randint(60, 1400),
                    "old_edit",
                    "wen",
                    rng.choice(["typo", "word", "number"]),
                )
            if rng.random() < 0.2:
                add(base + rng.randint(60, 1400), "old_delete", "sam")
        if d == scheme_day:
            add(base + 780, "idscheme", "tom")
        # captures
        for _ in range(per_day[d]):
            if d == 0:
                m = base + rng.randint(420, 1435)
            elif rng.random() < 0.75:
                m = base + rng.randint(300, 1435)
            else:
                m = base + rng.randint(5, 300)
            target = 0
            if d > 0 and rng.random() < 0.15:
                target = rng.randint(1, min(3, d))
            if fmt == "html":
                layout = "html"
            elif target == 0:
                layout = "B" if rng.random() < 0.04 else "A"
            else:
                layout = "B" if rng.random() < 0.6 else "A"
            win = window_size(rng)
            if layout == "B" and rng.random() < 0.5:
                win = 50
            special = ""
            r = rng.random()
            if r < 0.015:
                special = "stale"
            elif r < 0.033:
                special = rng.choice(SUSPECT_KINDS)
            cap_specs.append([m, target, layout, win, special])
    cap_specs.sort(key=lambda c: (int(c[0]), int(c[1])))
    # make sure each phenomenon is planned at least once (rates barely move)
    if n_captures >= 60:
        late = [i for i, c in enumerate(cap_specs) if int(c[0]) % 1440 > 900 and c[1] == 0]
        pick = rng.sample(late, min(len(late), 9))
        have = Counter(str(c[4]) for c in cap_specs)
        for i, special in zip(
            pick, ["error", "consent", "collapse", "stale", "stale", "", "", "", ""], strict=False
        ):
            if special and have[special] < (2 if special == "stale" else 1):
                cap_specs[i][4] = special
                have[special] += 1
        if len(pick) >= 9:
            if fmt == "text":
                cap_specs[pick[5]][2] = "B"  # the live page in layout B
            cap_specs[pick[6]][3] = rng.randint(3, 5)
            cap_specs[pick[7]][3] = rng.randint(40, 50)
            cap_specs[pick[8]][3] = rng.randint(36, 50)
        olds = [i for i, c in enumerate(cap_specs) if int(c[0]) >= 1440 + 300]
        for i in rng.sample(olds, min(3, len(olds))):
            cap_specs[i][1] = 1
            cap_specs[i][2] = "B" if fmt == "text" else "html"
            cap_specs[i][4] = ""
    for m, target, layout, win, special in cap_specs:
        add(int(m), "capture", "", f"{target}|{layout}|{win}|{special}", prio=1)
    events.sort(key=lambda e: (e.minute, e.prio, e.seq))
    return events, days


# ---------------------------------------------------------------------------------------------
# Replay
# ---------------------------------------------------------------------------------------------


@dataclass
class Capture:
    file: str
    page: str
    day: int
    layout: str
    suspect: bool
    kind: str
    minute: int
    posts: list[int]
    shown: list[Shown]
    data: bytes


class Replay:
    def __init__(self, seed_key: str, fmt: str) -> None:
        self.key = seed_key
        self.fmt = fmt
        self.rng = random.Random(f"{seed_key}:content")
        self.g = Grammar(self.rng)
        self.pages: dict[int, Page] = {}
        self.next_post = 1
        self.captures: list[Capture] = []
        self.uris: dict[tuple[int, int, int], str] = {}
        self.stats: Counter[str] = Counter()
        self.seen_keys: set[tuple[str, str]] = set()
        self.live = 0
        self.scheme_page: int | None = None
        self.pending_collapse = False

    # -- helpers ----------------------------------------------------------------------------

    def phase(self, day: int) -> Phase:
        return PHASES[day % len(PHASES)]

    def uri(self, page: Page, post: int) -> str:
        k = (page.day, post, page.scheme)
        if k not in self.uris:
            r = random.Random(f"{self.key}:uri:{k}")
            if page.scheme == 0:
                tok = "".join(r.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(25))
                self.uris[k] = f"cms.cnn.com/_components/live-story-post/instances/{tok}@published"
            else:
                h = f"{r.getrandbits(128):032x}"
                self.uris[k] = f"/live-news/posts/{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
        return self.uris[k]

    def new_page(self, day: int, minute: int) -> Page:
        authors = random.Random(f"{self.key}:authors:{day}").sample(REPORTERS, 4)
        p = Page(
            day, page_title(day), ", ".join(authors[:-1]) + f" and {authors[-1]}", updated=minute
        )
        self.pages[day] = p
        return p

    def pick(
        self,
        page: Page,
        rng: random.Random,
        kinds: tuple[str, ...] = ("news", "template"),
        recent: float = 0.7,
    ) -> Entry | None:
        cands = [e for e in page.entries if e.kind in kinds]
        if not cands:
            return None
        if rng.random() < recent:
            return rng.choice(cands[:8])
        return rng.choice(cands)

    def set_rev(self, page: Page, e: Entry, rev: Rev, minute: int) -> bool:
        if rev == e.rev:
            return False
        e.rev = rev
        e.revs.append(rev)
        page.updated = minute
        return True

    # -- events -----------------------------------------------------------------------------

    def apply(self, ev: Event) -> None:
        rng = random.Random(f"{self.key}:ev:{ev.seq}")
        self.g.rng = rng
        day = ev.minute // 1440
        if not self.pages:
            self.new_page(0, 0)
        live = self.pages[self.live]
        ph = self.phase(self.live)
        a = ev.action
        if a == "rollover":
            self.rollover(day, ev.minute, rng)
        elif a == "publish":
            rev = self.g.news(ph, ev.minute)
            for _ in range(5):
                k = (norm(rev.headline), norm(rev.blocks[0].text if rev.blocks else ""))
                if k not in self.seen_keys:
                    break
                rev = self.g.news(ph, ev.minute)
            self.seen_keys.add((norm(rev.headline), norm(rev.blocks[0].text if rev.blocks else "")))
            self.insert(live, rev, ev.minute, "news")
            self.stats["news"] += 1
        elif a == "template":
            rev = self.template(live, ev.arg, rng)
            if rev is not None:
                self.insert(live, rev, ev.minute, "template")
                self.stats["template"] += 1
        elif a == "template_update":
            e = next((x for x in live.entries if x.kind == "template"), None)
            if e is not None:
                new = self.template(live, e.rev.headline, rng, exclude=e.post)
                if new is not None and self.set_rev(live, e, new, ev.minute):
                    self.stats["template_update"] += 1
        elif a == "edit":
            self.edit(live, ev, rng, ph)
        elif a == "delete":
            cands = [e for e in live.entries[2:16] if e.kind != "moved" and e.post != live.pinned]
            if len(live.entries) >= 6 and cands:
                e = rng.choice(cands)
                self.delete(live, e, ev.minute)
                self.stats["delete"] += 1
        elif a == "pin":
            e = self.pick(live, rng, (ev.arg,), 0.9) or self.pick(live, rng)
            if e is not None:
                live.pinned = e.post
                live.updated = ev.minute
                self.stats["pin"] += 1
        elif a == "unpin":
            if live.pinned is not None:
                live.pinned = None
                live.updated = ev.minute
        elif a == "catchup":
            self.catchup(ev.minute, rng)
        elif a == "old_edit":
            if day >= 1 and (day - 1) in self.pages:
                old = self.pages[day - 1]
                e = self.pick(old, rng, ("news",), 0.3)
                if e is not None:
                    new = EDIT_FUNCS[ev.arg](e.rev, rng, self.g, self.phase(old.day), ev.minute)
                    if new is not None and self.set_rev(old, e, new, ev.minute):
                        self.stats["old_edit"] += 1
        elif a == "old_delete":
            if day >= 1 and (day - 1) in self.pages:
                old = self.pages[day - 1]
                cands = [e for e in old.entries[3:] if e.kind == "news"]
                if len(cands) >= 4:
                    self.delete(old, rng.choice(cands[:-2]), ev.minute)
                    self.stats["old_delete"] += 1
        elif a == "idscheme":
            live.scheme += 1
            live.updated = ev.minute
            self.stats["idscheme"] += 1
            self.scheme_page = live.day
        elif a == "capture":
            self.capture(ev, rng)

    def insert(self, page: Page, rev: Rev, minute: int, kind: str) -> Entry:
        e = Entry(self.next_post, rev, minute, kind, [rev])
        self.next_post += 1
        page.entries.insert(0, e)
        page.updated = minute
        return e

    def delete(self, page: Page, e: Entry, minute: int) -> None:
        page.entries.remove(e)
        page.deleted.append(e.post)
        if page.pinned == e.post:
            page.pinned = None
        page.updated = minute

    def template(
        self, page: Page, headline: str, rng: random.Random, exclude: int = -1
    ) -> Rev | None:
        news = [e for e in page.entries if e.kind == "news" and e.post != exclude]
        if len(news) < 3:
            return None
        labels = self.phase(page.day).labels
        for _ in range(6):
            chosen = rng.sample(news[:12], min(len(news[:12]), rng.randint(3, 6)))
            bullets = []
            for e in chosen:
                paras = [b.text for b in e.rev.blocks if b.kind == "p"]
                if not paras:
                    continue
                sent = sentences(paras[0])[0]
                bullets.append(
                    Block("li", sent if rng.random() < 0.3 else f"{rng.choice(labels)}: {sent}")
                )
            if len(bullets) < 2:
                continue
            blocks = (Block("p", TEMPLATE_INTRO), *bullets, Block("p", TEMPLATE_OUTRO))
            rev = Rev(headline, "", blocks)
            texts = {
                tuple(norm(b.text) for b in x.rev.blocks)
                for x in page.entries
                if x.kind == "template"
            }
            if tuple(norm(b.text) for b in blocks) not in texts:
                return rev
        return None

    def edit(self, page: Page, ev: Event, rng: random.Random, ph: Phase) -> None:
        kind = ev.arg
        if kind == "revert":
            cands = [e for e in page.entries if len({r for r in e.revs}) >= 2 and e.kind != "moved"]
            if not cands:
                kind = "word"
            else:
                e = rng.choice(cands[:10])
                older = [r for r in e.revs[:-1] if r != e.rev]
                if not older:
                    return
                prev = [r for r in older if r != older[-1]]
                if prev and rng.random() < 0.6:
                    target = rng.choice(prev)
                    self.stats["revert_older"] += 1
                else:
                    target = older[-1]
                if self.set_rev(page, e, target, ev.minute):
                    self.stats["revert"] += 1
                return
        e = self.pick(page, rng, ("news",) if rng.random() < 0.9 else ("news", "template"))
        if e is None:
            return
        if kind == "retime_in":
            e.minute = ev.minute - rng.randint(0, 20)
            page.updated = ev.minute
            self.stats["retime_in"] += 1
            return
        if kind == "retime_top":
            e.minute = ev.minute
            page.entries.remove(e)
            page.entries.insert(0, e)
            page.updated = ev.minute
            self.stats["retime_top"] += 1
            return
        if kind == "compound":
            parts = rng.sample(COMPOUND_PARTS, rng.randint(2, 3))
            rev: Rev | None = e.rev
            done = 0
            for p in parts:
                assert rev is not None
                new = EDIT_FUNCS[p](rev, rng, self.g, ph, ev.minute)
                if new is not None:
                    rev = new
                    done += 1
            if rng.random() < 0.2:
                e.minute = ev.minute
            if rev is not None and done >= 2 and self.set_rev(page, e, rev, ev.minute):
                self.stats["compound"] += 1
            return
        new = EDIT_FUNCS[kind](e.rev, rng, self.g, ph, ev.minute)
        if new is None and kind not in ("link", "typo"):
            new = edit_word(e.rev, rng, self.g, ph, ev.minute)
            kind = "word"
        if new is not None and self.set_rev(page, e, new, ev.minute):
            self.stats[kind] += 1
            if kind == "cap_add" and new.blocks and new.blocks[0].kind != "cap":
                self.stats["cap_add_mid"] += 1

    def rollover(self, day: int, minute: int, rng: random.Random) -> None:
        old = self.pages[self.live]
        new = self.new_page(day, minute)
        old.pinned = None
        news = [e for e in old.entries if e.kind == "news"][: rng.randint(3, 6)]
        for e in news:  # carried over, bottom of the new page, same order
            t = e.minute if rng.random() < 0.2 else minute - rng.randint(10, 120)
            rev = e.rev
            if rng.random() < 0.3:
                f = rng.choice([edit_word, edit_typo, edit_number])
                rev = f(rev, rng, self.g, self.phase(old.day), minute) or rev
                if rev != e.rev:
                    self.stats["carry_edited"] += 1
            new.entries.append(Entry(e.post, rev, t, "news", [rev]))
            self.stats["carried"] += 1
        moved = Rev(MOVED_HEAD, "", tuple(Block("p", t) for t in MOVED_BODY))
        self.insert(old, moved, minute + rng.randint(1, 20), "moved")
        self.live = day

    def catchup(self, minute: int, rng: random.Random) -> None:
        live = self.pages[self.live]
        old = self.pages.get(self.live - 1)
        if old is None:
            return
        cands = []
        for e in live.entries:
            o = old.find(e.post)
            if o is not None and o.rev != e.rev and e.kind == "news":
                cands.append((o, e))
        if cands:
            o, e = rng.choice(cands)
            if self.set_rev(old, o, e.rev, minute):
                self.stats["catchup"] += 1

    # -- captures ---------------------------------------------------------------------------

    def capture(self, ev: Event, rng: random.Random) -> None:
        t, layout, win_s, special = ev.arg.split("|")
        day = max(0, self.live - int(t))
        page = self.pages[day]
        window = int(win_s)
        earlier = [c for c in self.captures if c.day == day]
        good = [c for c in earlier if not c.suspect]
        if special in SUSPECT_KINDS and not good:
            special = ""
        if special == "collapse" and len(good[-1].posts) < 8:
            self.pending_collapse = True  # collapse the next capture that can collapse
            special = ""
        elif not special and self.pending_collapse and good and len(good[-1].posts) >= 8:
            special = "collapse"
            self.pending_collapse = False
        idx = len(self.captures)
        name = f"{idx:04d}_{day_date(day).strftime('%b%d').lower()}_{'live' if day == self.live else 'archive'}"
        ext = "html" if self.fmt == "html" else "txt"
        if special == "stale" and earlier:
            latest = earlier[-1].data
            cands = [c for c in good[:-1] if c.data != latest and c is not earlier[-1]][-3:]
            if cands:
                src = rng.choices(cands, [1, 2, 4][-len(cands) :])[0]  # mostly a recent copy
                self.captures.append(
                    Capture(
                        f"{name}.{ext}",
                        page.title,
                        day,
                        src.layout,
                        False,
                        "stale",
                        ev.minute,
                        list(src.posts),
                        list(src.shown),
                        src.data,
                    )
                )
                self.stats["stale"] += 1
                return
        if special in ("error", "consent"):
            data = self.render_suspect(page, layout, special)
            self.captures.append(
                Capture(
                    f"{name}.{ext}", page.title, day, layout, True, special, ev.minute, [], [], data
                )
            )
            self.stats[special] += 1
            return
        entries = (
            page.entries[: rng.randint(1, 2)] if special == "collapse" else page.entries[:window]
        )
        shown_entries = list(entries)
        if page.pinned is not None and special != "collapse":
            pe = page.find(page.pinned)
            if pe is not None:
                shown_entries.insert(0, pe)
                if pe in entries:
                    self.stats["pinned_twice"] += 1
        shown = [shown_of(e, layout) for e in shown_entries]
        for e in shown_entries:
            kinds = [b.kind for b in e.rev.blocks]
            if kinds[:1] == ["cap"]:
                self.stats["photo_top_shown"] += 1
            if "cap" in kinds[1:]:
                self.stats["photo_mid_shown"] += 1
        if layout == "A":
            data = self.render_a(page, shown_entries, shown)
        elif layout == "B":
            data = self.render_b(page, shown_entries, shown)
        else:
            data = self.render_html(page, shown_entries, shown)
        suspect = special == "collapse"
        self.captures.append(
            Capture(
                f"{name}.{ext}",
                page.title,
                day,
                layout,
                suspect,
                special or "normal",
                ev.minute,
                [e.post for e in shown_entries],
                shown,
                data,
            )
        )
        self.stats[
            "collapse" if suspect else f"layout_{layout}_{'live' if day == self.live else 'old'}"
        ] += 1

    # -- rendering --------------------------------------------------------------------------

    def dive(self, page: Page) -> list[str]:
        r = random.Random(f"{self.key}:dive:{page.day}")
        return r.sample(STORY_LINKS, 3)

    def render_a(self, page: Page, entries: list[Entry], shown: list[Shown]) -> bytes:
        out = [
            page.title,
            "",
            f"By {page.authors}, CNN",
            "",
            f"Updated {label(page.updated)}",
            f"{len(page.entries)} Posts",
            "Sort byDropdown arrow",
        ]
        for e, s in zip(entries, shown, strict=True):
            assert s.time is not None
            out += [s.time, "", s.headline, ""]
            if s.byline:
                out += [s.byline, ""]
            blocks = e.rev.blocks
            for i, (b, para) in enumerate(zip(blocks, s.paras, strict=True)):
                if b.kind == "cap":
                    out += [para, f"{para} ({b.credit})", ""]
                elif b.kind == "li":
                    out.append("  " + para)
                    if i + 1 == len(blocks) or blocks[i + 1].kind != "li":
                        out.append("")
                else:
                    out += [para, ""]
            if crc(f"{page.day}:{e.post}") % 9 == 0 and out[-1] == "":
                out.pop()  # no blank line before the next time line, as in the real captures
        if random.Random(f"{self.key}:adive:{page.day}").random() < 0.3:
            out += ["Dive Deeper", "", *self.dive(page), ""]
        return ("\n".join(out) + "\n").encode("utf-8")

    def render_b(self, page: Page, entries: list[Entry], shown: list[Shown]) -> bytes:
        out = [f"{page.title} | CNN", "", page.title, ""]
        r = random.Random(f"{self.key}:promo:{page.day}")
        if r.random() < 0.5:
            out += [
                "selene mission",
                f"Watch: {r.choice(self.phase(page.day).pairs)[0]}",
                f"0{r.randint(1, 9)}:{r.randint(10, 59)} - Source: CNN",
                "",
            ]
        out += ["What we covered here", "", f"{len(page.entries)} Posts", ""]
        for e, s in zip(entries, shown, strict=True):
            out += [s.headline, ""]
            blocks = e.rev.blocks
            for i, (b, para) in enumerate(zip(blocks, s.paras, strict=True)):
                if b.kind == "li":
                    out.append("  " + para)
                    if i + 1 == len(blocks) or blocks[i + 1].kind != "li":
                        out.append("")
                else:
                    out += [para, ""]
        out += ["Dive Deeper", "", *self.dive(page), ""]
        return ("\n".join(out) + "\n").encode("utf-8")

    def render_html(self, page: Page, entries: list[Entry], shown: list[Shown]) -> bytes:
        def esc(s: str) -> str:
            return html.escape(s, quote=False).replace("\u00a0", "&nbsp;")

        def attr(s: str) -> str:
            return html.escape(s, quote=True)

        out = [
            "<!DOCTYPE html>",
            '<html lang="en" data-layout-uri="cms.cnn.com/_layouts/layout-live-story/instances/live-story-v1@published">',
            "<head>",
            '<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{esc(page.title)} | CNN</title>",
            f'<meta property="og:title" content="{attr(page.title)}">',
            f'<script>window.CNN = window.CNN || {{}}; window.CNN.contentModel = {{"pageType": "live-story", "section": "world", "edition": "domestic", "lastPublishDate": "{iso_utc(page.updated)}"}};</script>',
            "<style>.live-story-post{border-top:1px solid #e6e6e6}.ad-slot{min-height:250px}</style>",
            '<script async src="https://www.cnn.com/ads/loader.js"></script>',
            "</head>",
            "<body>",
            '<header class="header"><nav class="header__nav"><a href="/">CNN</a> <a href="/world">World</a> <a href="/science">Science</a> <a href="/live-tv">Watch</a></nav></header>',
            '<div class="ad-slot ad-slot--top" data-ad-position="top">Advertisement</div>',
            '<main class="live-story">',
            f'<h1 class="headline__text live-story__title">{esc(page.title)}</h1>',
            f'<div class="byline__names">By {esc(page.authors)}, CNN</div>',
            f'<div class="timestamp">Updated {esc(label(page.updated))}</div>',
            f'<div class="live-story__count">{len(page.entries)} Posts</div>',
            '<div class="live-story__posts">',
        ]
        for k, (e, s) in enumerate(zip(entries, shown, strict=True)):
            out.append(
                f'<article class="live-story-post" data-uri="{attr(self.uri(page, e.post))}">'
            )
            out.append('<header class="live-story-post__header">')
            out.append(f'<span class="live-story-post__timestamp">{esc(s.time or "")}</span>')
            out.append(f'<h2 class="live-story-post__headline">{esc(s.headline)}</h2>')
            if s.byline:
                out.append(f'<div class="live-story-post__byline">{esc(s.byline)}</div>')
            out.append("</header>")
            out.append('<div class="live-story-post__content">')
            for b, para in zip(e.rev.blocks, s.paras, strict=True):
                if b.kind == "cap":
                    src = f"https://media.cnn.com/api/v1/images/stellar/prod/{crc(b.text):08x}.jpg"
                    out.append(
                        f'<figure class="image"><img src="{src}" alt="{attr(b.text)}" loading="lazy"><figcaption class="image__caption">{esc(para)}</figcaption></figure>'
                    )
                else:
                    words = para.split(" ")
                    if b.link >= 0 or crc(para) % 7 == 0:
                        i = b.link if 0 <= b.link < len(words) else crc(para) % len(words)
                        href = f"https://www.cnn.com/science/selene-{crc(words[i]) % 997}"
                        body = (
                            esc(" ".join(words[:i]) + (" " if i else ""))
                            + f'<a href="{href}">{esc(words[i])}</a>'
                            + esc((" " if i + 1 < len(words) else "") + " ".join(words[i + 1 :]))
                        )
                    else:
                        body = esc(para)
                    out.append(f'<p class="paragraph inline-placeholder">{body}</p>')
            out.append("</div>")
            out.append(
                '<div class="social-share"><button class="social-share__button" aria-label="Share">Share</button><button class="social-share__copy">Link Copied!</button></div>'
            )
            out.append("</article>")
            if k % 4 == 3:
                out.append(
                    '<div class="ad-slot ad-slot--feed"><div class="ad-feedback">Ad Feedback</div></div>'
                )
        out.append("</div>")
        out.append(
            '<section class="related"><h3>Dive Deeper</h3><ul>'
            + "".join(
                f'<li><a href="/science/{crc(t) % 9999}">{esc(t)}</a></li>' for t in self.dive(page)
            )
            + "</ul></section>"
        )
        out += [
            "</main>",
            '<footer class="footer"><p>© 2031 Cable News Network. All Rights Reserved.</p><a href="/terms">Terms of Use</a></footer>',
            '<script>(function(){var s=document.createElement("script");s.src="/analytics.js";document.body.appendChild(s);})();</script>',
            "</body>",
            "</html>",
        ]
        return ("\n".join(out) + "\n").encode("utf-8")

    def render_suspect(self, page: Page, layout: str, kind: str) -> bytes:
        if self.fmt == "html":
            if kind == "error":
                return b"<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1><p>The server is temporarily unable to service your request. Please try again later.</p></body></html>\n"
            return (
                f"<!DOCTYPE html>\n<html><head><title>{html.escape(page.title)} | CNN</title></head><body>"
                '<div class="consent-wall"><h2>We value your privacy</h2><p>We and our partners use cookies to store and access information on your device.</p>'
                '<button>Accept all</button><button>Reject all</button><a href="/privacy">Manage preferences</a></div></body></html>\n'
            ).encode()
        if kind == "error":
            return b"503 Service Unavailable\n\nThe server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later.\n"
        return (
            f"{page.title} | CNN\n\nWe value your privacy\n\nWe and our partners use cookies and similar technologies to store and access information on your device.\n\nAccept all\nReject all\nManage preferences\n"
        ).encode()


# ---------------------------------------------------------------------------------------------
# Ground truth (contract rules 1-5)
# ---------------------------------------------------------------------------------------------


def differs(pv: Shown, sv: Shown) -> bool:
    if pv.normed != sv.normed:
        return True
    if pv.raw != sv.raw and pv.layout == sv.layout:
        return True
    if pv.time is not None and sv.time is not None and pv.time != sv.time:
        return True
    return pv.byline is not None and sv.byline is not None and pv.byline != sv.byline


def compute_truth(caps: list[Capture]) -> dict[str, list[list[int]]]:
    edits: list[list[int]] = []
    reverts: list[list[int]] = []
    moves: list[list[int]] = []
    removals: list[list[int]] = []
    last_bytes: dict[str, bytes] = {}
    prev_of_page: dict[str, tuple[dict[int, int], dict[int, Shown]]] = {}
    page_ver: dict[tuple[str, int], Shown] = {}
    any_ver: dict[int, tuple[str, Shown]] = {}
    streak: dict[tuple[str, int], int] = {}
    first_seen: dict[tuple[int, tuple[str, ...]], int] = {}
    for i, c in enumerate(caps):
        same = last_bytes.get(c.page) == c.data
        last_bytes[c.page] = c.data
        if c.suspect or same:
            continue
        pos: dict[int, int] = {}
        raw: dict[int, Shown] = {}
        for k, (p, s) in enumerate(zip(c.posts, c.shown, strict=True)):
            pos[p] = k  # a post shown twice (pinned) stands at its lowest place
            raw.setdefault(p, s)
        cur: dict[int, Shown] = {}
        for p, sv in raw.items():
            parent = page_ver.get((c.page, p))
            ppage = c.page
            moved = False
            if parent is None and p in any_ver:
                ppage, parent = any_ver[p]
                moved = True
            if parent is not None:
                if sv.time is None:
                    sv = replace(sv, time=parent.time)
                if sv.byline is None:
                    sv = replace(sv, byline=parent.byline)
                if moved or differs(parent, sv):
                    edits.append([p, i])
                    if moved:
                        moves.append([p, i])
                    if parent.normed != sv.normed:
                        seen = first_seen.get((p, sv.normed))
                        if seen is not None and seen < streak[(ppage, p)]:
                            reverts.append([p, i])
            cur[p] = sv
        if c.page in prev_of_page:
            ppos, pver = prev_of_page[c.page]

            def witness(
                q: int,
                ppos: dict[int, int] = ppos,
                pver: dict[int, Shown] = pver,
                pos: dict[int, int] = pos,
                cur: dict[int, Shown] = cur,
            ) -> bool:
                a, b = pver[q].time, cur[q].time
                if a is not None and b is not None and a != b:
                    return False  # re-timed
                return not any(
                    r in pos and ppos[r] < ppos[q] and pos[q] < pos[r] for r in ppos if r != q
                )  # moved up

            for p in ppos:
                if p in pos:
                    continue
                if any(q in pos and ppos[q] > ppos[p] and witness(q) for q in ppos):
                    removals.append([p, i])
        for p, sv in cur.items():
            key = (c.page, p)
            old = page_ver.get(key)
            if old is None or old.normed != sv.normed:
                streak[key] = i
            page_ver[key] = sv
            any_ver[p] = (c.page, sv)
            first_seen.setdefault((p, sv.normed), i)
        prev_of_page[c.page] = (pos, cur)
    return {"edits": edits, "reverts": reverts, "moves": moves, "removals": removals}


# ---------------------------------------------------------------------------------------------
# Self-check: an independent little reader, and the phenomena list
# ---------------------------------------------------------------------------------------------

_TIME_LINE = re.compile(r"^\d{1,2}:\d\d [ap]\.m\. ET, [A-Z][a-z]+ \d{1,2}, \d{4}$")
_ARTICLE = re.compile(r'<article class="live-story-post" data-uri="([^"]*)"')
_H2 = re.compile(r'<h2 class="live-story-post__headline">(.*?)</h2>')


def read_back(path: Path, cap: Capture) -> list[str]:
    """Headlines of the posts a written file shows, found without the generator's state."""
    text = path.read_bytes().decode("utf-8")
    if path.suffix == ".html":
        uris = _ARTICLE.findall(text)
        heads = [html.unescape(h) for h in _H2.findall(text)]
        assert len(uris) == len(heads), path
        return heads
    lines = text.split("\n")
    if len(lines) > 6 and lines[6] == "Sort byDropdown arrow":  # layout A
        heads = []
        for k, line in enumerate(lines):
            if _TIME_LINE.match(line):
                j = k + 1
                while lines[j] == "":
                    j += 1
                heads.append(lines[j])
        return heads
    if "What we covered here" in lines:  # layout B: walk the blocks against expected shapes
        start = lines.index("What we covered here") + 3
        blocks = [x for x in lines[start:] if x != ""]
        end = blocks.index("Dive Deeper")
        blocks = blocks[:end]
        heads = []
        k = 0
        for s in cap.shown:
            if k >= len(blocks) or blocks[k] != s.headline:
                break
            heads.append(blocks[k])
            k += 1 + len(s.paras)
        assert k == len(blocks), f"{path}: {k} of {len(blocks)} blocks accounted for"
        return heads
    return []


def self_check(
    out: Path, caps: list[Capture], truth: dict[str, list[list[int]]], rep: Replay, fmt: str, n: int
) -> list[str]:
    uri_owner: dict[tuple[str, str], int] = {}
    for c in caps:
        heads = read_back(out / c.file, c)
        if not c.suspect:
            assert len(heads) == len(c.posts), (
                f"{c.file}: read {len(heads)} posts, truth {len(c.posts)}"
            )
            assert [norm(h) for h in heads] == [norm(s.headline) for s in c.shown], c.file
        if fmt == "html" and not c.suspect:
            for uri, p in zip(
                _ARTICLE.findall((out / c.file).read_text("utf-8")), c.posts, strict=True
            ):
                assert uri_owner.setdefault((c.page, uri), p) == p, (
                    f"{c.file}: id {uri} names two posts"
                )
    if n < 200:
        return []
    missing = []
    good = [c for c in caps if not c.suspect]
    heads = {s.headline for c in good for s in c.shown}
    for end in ["?", "!", ":", ";", ",", "…", ".", '"', "\u201d"]:
        if not any(h.rstrip().endswith(end) for h in heads):
            missing.append(f"headline ending {end}")
    if not any(len(h.split()) <= 2 for h in heads):
        missing.append("very short headline")
    if not any(h[:1].isdigit() for h in heads):
        missing.append("headline starting with a digit")
    if not any(h[:1] in '"\u201c' for h in heads):
        missing.append("headline starting with a quote")
    by_page_heads: Counter[tuple[str, str]] = Counter()
    for page, _, h in {
        (c.page, p, s.headline) for c in good for p, s in zip(c.posts, c.shown, strict=True)
    }:
        by_page_heads[(page, h)] += 1
    if not any(k > 1 and h in TEMPLATE_HEADS for (_, h), k in by_page_heads.items()):
        missing.append("template posts with identical headlines on one page")
    if not any(s.headline == MOVED_HEAD for c in good for s in c.shown):
        missing.append("coverage-moved post")
    owners: dict[str, set[int]] = {}
    for c in good:
        for p, s in zip(c.posts, c.shown, strict=True):
            for para in s.paras:
                owners.setdefault(norm(para), set()).add(p)
    if not any(
        len(v) > 1 and not k.startswith(("If you", "Follow our", "Our live"))
        for k, v in owners.items()
    ):
        missing.append("paragraph reuse across posts")
    quoted = False
    for c in good[-40:]:
        for p, s in zip(c.posts, c.shown, strict=True):
            others = [
                norm(x) for q, t in zip(c.posts, c.shown, strict=True) if q != p for x in t.paras
            ]
            for para in s.paras:
                if para.startswith("• "):
                    sent = norm(para[2:]).split(": ", 1)[-1]
                    quoted = quoted or any(sent in o for o in others)
    if not quoted:
        missing.append("bullets quoting other posts")
    for key in [
        "word",
        "number",
        "sent_add",
        "sent_cut",
        "para_add",
        "para_cut",
        "head_part",
        "head_whole",
        "cap_add",
        "cap_add_mid",
        "cap_change",
        "byline_add",
        "byline_change",
        "typo",
        "retime_in",
        "retime_top",
        "compound",
        "revert",
        "revert_older",
        "delete",
        "pin",
        "pinned_twice",
        "carried",
        "carry_edited",
        "catchup",
        "template_update",
        "stale",
        "error",
        "consent",
        "collapse",
        "idscheme",
        "photo_top_shown",
        "photo_mid_shown",
        "link",
    ]:
        if not rep.stats[key]:
            missing.append(f"event {key}")
    for kind in ("edits", "reverts", "moves", "removals"):
        if not truth[kind]:
            missing.append(f"truth {kind}")
    if fmt == "text":
        if not rep.stats["layout_B_old"]:
            missing.append("layout B of an archived page")
        if not rep.stats["layout_B_live"]:
            missing.append("layout B of the live page")
    if not any(c.day != max(x.day for x in caps[: k + 1]) for k, c in enumerate(caps)):
        missing.append("capture of an older page")
    sizes = [len(c.posts) for c in good]
    if min(sizes) > 6 or max(sizes) < 36:
        missing.append("window sizes 3-50")
    if fmt == "html":
        sp = rep.scheme_page
        title = page_title(sp) if sp is not None else ""
        uris = {
            u
            for c in good
            if c.page == title
            for u in _ARTICLE.findall((out / c.file).read_text("utf-8"))
        }
        if not any("/live-news/posts/" in u for u in uris) or not any(
            "cms.cnn.com" in u for u in uris
        ):
            missing.append("id scheme change seen on both sides")
    if not typo_only_edit(caps, truth):
        missing.append("typographic-only edit in truth")
    return missing


def typo_only_edit(caps: list[Capture], truth: dict[str, list[list[int]]]) -> bool:
    """Is some truth edit a typographic one (same normalized text, same layout)?"""
    last: dict[tuple[str, int], Shown] = {}
    edits = {(p, i) for p, i in truth["edits"]}
    lb: dict[str, bytes] = {}
    for i, c in enumerate(caps):
        same = lb.get(c.page) == c.data
        lb[c.page] = c.data
        if c.suspect or same:
            continue
        for p, s in zip(c.posts, c.shown, strict=True):
            pv = last.get((c.page, p))
            if (
                pv is not None
                and (p, i) in edits
                and pv.layout == s.layout
                and pv.normed == s.normed
                and pv.raw != s.raw
            ):
                return True
            last[(c.page, p)] = s
    return False


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------


def build(seed: int, sub: int, n: int, fmt: str) -> tuple[list[Capture], Replay, int]:
    key = f"{GENERATOR}:{seed}:{sub}"
    events, days = plan(random.Random(f"{key}:plan"), n, fmt)
    rep = Replay(key, fmt)
    for ev in events:
        rep.apply(ev)
    return rep.captures, rep, days


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--captures", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--format", choices=["text", "html"], default="text")
    args = ap.parse_args()
    t0 = time.monotonic()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for sub in range(20):
        for old in sorted(out.iterdir()):
            if old.is_file() and (old.suffix in (".txt", ".html") or old.name == "truth.json"):
                old.unlink()
        caps, rep, days = build(args.seed, sub, args.captures, args.format)
        for c in caps:
            (out / c.file).write_bytes(c.data)
        truth = compute_truth(caps)
        doc = {
            "generator": GENERATOR,
            "seed": args.seed,
            "format": args.format,
            "captures": [
                {
                    "file": c.file,
                    "page": c.page,
                    "layout": c.layout,
                    "suspect": c.suspect,
                    "captured_at": iso_utc(c.minute),
                    "posts": c.posts,
                }
                for c in caps
            ],
            **truth,
        }
        (out / "truth.json").write_text(
            json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        missing = self_check(out, caps, truth, rep, args.format, args.captures)
        if not missing:
            break
        print(
            f"{GENERATOR}: sub-seed {sub} lacks {', '.join(missing)}; trying the next",
            file=sys.stderr,
        )
    else:
        raise SystemExit(f"{GENERATOR}: no sub-seed produced every phenomenon")
    kinds = Counter(c.kind for c in caps)
    layouts = Counter(c.layout for c in caps)
    print(
        f"{GENERATOR}: seed={args.seed} sub={sub} format={args.format} captures={len(caps)} pages={days} "
        f"posts={rep.next_post - 1} layouts={dict(sorted(layouts.items()))} suspect={sum(c.suspect for c in caps)} "
        f"stale={kinds['stale']} edits={len(truth['edits'])} reverts={len(truth['reverts'])} "
        f"moves={len(truth['moves'])} removals={len(truth['removals'])} in {time.monotonic() - t0:.1f}s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
