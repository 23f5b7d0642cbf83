#!/usr/bin/env python3
"""Held-out corpus generator no. 4: a multi-day wildfire-season live blog (benchmarks/CORPUS_CONTRACT.md).

    python benchmarks/holdout4.py OUT_DIR [--captures N] [--seed S] [--format text|html] [--stats]

Standard library only, deterministic for a given --seed.  It empties OUT_DIR of earlier
*.txt, *.html and truth.json, then writes one capture per file (``NNNN_<sha1>.txt`` or
``.html``, sorted names = capture order) and truth.json as the contract says.  ``--stats``
prints the realized rates (the figures below) to stderr.

Angle
-----
A fictional story, "Calder Coast wildfires live updates": a wildfire season on an invented
coast (towns such as Saltmere, Quillan, Harrow Bay; fires such as the Ridgeback Fire or the
Sable Canyon Fire; a governor, a fire chief, a sheriff, a meteorologist, a utility
spokesperson).  One page per day, titled e.g. "August 3, 2024 — Calder Coast wildfires live
updates".  No text comes from the CNN examples: the prose is a grammar over the invented
world, whose figures (acres, containment, structures, evacuees, power outages, air quality)
evolve and are re-published at "briefings" every few hours.  Sentence reuse at realistic
rates: a background paragraph per fire that many posts repeat verbatim until the next
briefing, "quotes of the day" per official repeated by several posts, fixed newsroom lines
("CNN has reached out to ... for comment."), template posts ("What we know so far", "Catch
up on the day", "Here's the latest on the Calder Coast fires", "It's morning on the Calder
Coast. Here's what you need to know.") with identical boilerplate and bullet lists quoting
3-6 other posts' lead sentences verbatim, and an identical "Our live coverage has moved"
post on every closed page.

The newsroom: posts arrive newest first (sometimes slotted one or two below the top with an
older label); edits of every kind (word swaps, figure updates, sentences and paragraphs added
or cut, small and full headline rewrites, captions and bylines added or changed,
typographic-only changes: straight/curly quotes, hyphen/dash, space/NBSP); posts re-timed in
place or re-timed to the top; pins (shown on top and in place); deletions from the middle;
scheduled reverts to the previous revision or to an older one, sometimes redone (A->B->A->B);
templates updated in place.  Day rollover between 11 p.m. and 2 a.m. ET: the 3-7 newest
posts are carried to the next day's page (new page-scoped data-uri in HTML, often a new time
label, sometimes lightly edited), a "coverage has moved" post goes on top of the old page,
and the old page later "catches up" with some edits made on the new page.  Older pages are
still captured now and then (layout B especially, often the whole page).

Captures come at irregular times (bursts of minutes, then hours); windows of 3-50 posts,
newest first (a prefix of the page, plus the pinned post on top); layout A mostly, layout B
sometimes; suspect captures (error page, consent wall, page collapsed to 1-2 posts) flagged
suspect; stale-cache captures (byte copy of an earlier capture of the page).  HTML captures
use CNN's live-story markup with noise (scripts, styles, JSON-LD, ads, share buttons,
header/footer, inline links, "Read more" link paragraphs, a "Load more" button, per-capture
nonces) and page-scoped data-uri; one page switches its id scheme mid-day (from
``cms.cnn.com/_components/live-story-post/instances/cl…@published`` to ``/…/h_<hex>``).

Choices where the contract leaves room
--------------------------------------
- Truth is computed from what each capture shows (the rendered fields), by rules 1-5.
- Inherited fields count as shown: after a layout-B capture inherits the time label and
  byline from the parent, a later capture compares against those inherited values.
- A post with no byline shows an empty byline in layout A and HTML (so a byline added
  later is a byline change); layout B shows no byline at all.
- Caption credits are not part of the text run (captions enter it by their text only) and
  are never compared; the generator never changes a credit without changing the caption
  text.  In HTML the credit sits in ``<span class="image__credit">`` outside the figcaption.
- Every body item in HTML is a ``<p class="paragraph">``: subheads as ``<strong>``, bullets
  as ``• text`` (text layouts print them as ``  • text``); bullets are paragraphs of the run.
- Paragraph boundaries are part of the text run (list of normalized paragraphs).  Layout A's
  occasional single-newline join between paragraphs is a property of the revision, so it
  never flips between two captures of one revision.
- "Same layout" raw comparison for layout B uses B's rendering (curly quotes in body text,
  NBSPs at hash-chosen places inside some headlines), so a straight-to-curly change in a
  body paragraph is invisible between two B captures and is no edit there.
- A pinned post stands at its lowest place for rule 5, in both captures.
- "Its parent version was put up" = the capture at which the parent's page last recorded
  an edit of the post (or first showed it); texts shown at earlier captures, on any page,
  are the revert candidates.
- A capture byte-identical to the previous capture of its page (of any kind) is skipped,
  as score.py does.  Most stale captures copy the latest non-suspect capture of the page
  (no-ops when it is also the previous capture); about 1 in 5 copies an older non-suspect
  capture, and those are processed by the rules like any capture (they can yield edits,
  reverts and removals: the page seems to step back, then forward again).
- Error pages and consent walls have layout "A" in text corpora ("html" in HTML) and show
  no posts; half of them carry the page title, half do not.  Collapsed captures show 1-2
  posts (with the real or the collapsed "N Posts") and follow a capture of >= 8 posts.

Realized rates (seed 1, --captures 700, text)
---------------------------------------------
- captures 700 over 30 day pages (30 captured); layout {'A': 570, 'B': 130}; captures of an
  older page than the newest captured: 77 (11.0%)
- suspect 28 (4.0%): error 14, consent 7, collapsed 7; stale copies 26 (17 of the previous
  capture, 9 of an older one); byte-identical to the page's previous capture 39
- posts shown per non-suspect capture: mean 15.0, min 3, max 44; captures with a pinned post
  shown twice 72 (10.3%)
- true posts 1014 (templates 127, 'coverage has moved' 29); carried across day pages 149
  (lightly edited on carry 32)
- newsroom events: edits 1469 (add_para 128, add_sentence 151, byline 93, caption 97, cut_para
  79, cut_sentence 25, figure 234, head_rewrite 74, head_small 108, swap 199, template 87,
  typo 194); re-timed to top 119, re-timed in place 122, deletions 92, pins 27, reverts 152
  (to an older revision 48), redone 24, old page catch-ups 133, late edits on old pages 23,
  HTML-only link changes 149
- truth: edits 1251 (1.98 per processed capture; text 906, typographic-only 80, time-label-
  only 66, byline-only 52, moved 147), reverts 98, moves 147, removals 76
- headline endings (posts on final pages): 'none' 61.3%, '.' 13.0%, '?' 10.8%, '"' 3.6%, '!'
  3.5%, ':' 3.2%, ',' 1.6%, '…' 1.4%, '”' 1.2%, ';' 0.4%
- sentence reuse: 18.7% of distinct body sentences appear in 2+ posts; 57.2% of body-sentence
  occurrences on final pages are shared with another post
- Per 200 captures (seeds 1-3, text): ~10 day pages, 177-183 processed captures, 370-380
  edits, 26-29 reverts, 34-44 moves, 17-29 removals.  Runtime: ~2 s for 700 captures.
- The story (posts, edits, windows) is the same in both formats for a seed; only the
  rendering differs (HTML has no layout B, so those captures show a window instead).
- Note: the "HTML-only link changes" re-render inline links without changing any text (no
  edit); a "stale copy of an older capture" is processed by the rules (see above).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import heapq
import html
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

GENERATOR = "holdout4"
STORY = "Calder Coast wildfires live updates"
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
NBSP = "\u00a0"
START = dt.datetime(2024, 7, 30, 5, 10)  # ET, naive
UTC_OFFSET = dt.timedelta(hours=4)  # EDT

# --------------------------------------------------------------------------------------
# Small text utilities
# --------------------------------------------------------------------------------------


def fmt_time(t: dt.datetime) -> str:
    h = t.hour % 12 or 12
    ampm = "a.m." if t.hour < 12 else "p.m."
    return f"{h}:{t.minute:02d} {ampm} ET, {MONTHS[t.month - 1]} {t.day}, {t.year}"


def fmt_date(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def short_date(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}"


def num(n: float) -> str:
    return f"{round(n):,}"


def hnum(*parts: Any) -> int:
    return int(hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:12], 16)


_FOLD = {}
for _c in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f\u3000\t":
    _FOLD[ord(_c)] = " "
for _c in "\u2018\u2019\u201a\u201b\u2032":
    _FOLD[ord(_c)] = "'"
for _c in "\u201c\u201d\u201e\u201f\u2033":
    _FOLD[ord(_c)] = '"'
for _c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212":
    _FOLD[ord(_c)] = "-"
_WS = re.compile(r"\s+")


def norm(s: str) -> str:
    return _WS.sub(" ", s.translate(_FOLD)).strip()


def curly(s: str) -> str:
    """Smart quotes, the way layout B prints body text."""
    out: list[str] = []
    for ch in s:
        prev = out[-1] if out else " "
        if ch == '"':
            out.append("\u201c" if (prev.isspace() or prev in "([{\u2014\u2013-/") else "\u201d")
        elif ch == "'":
            out.append("\u2018" if (prev.isspace() or prev in "([{\u201c") else "\u2019")
        else:
            out.append(ch)
    return "".join(out)


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, never inside a quotation."""
    out: list[str] = []
    start = 0
    inq = False
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == '"':
            inq = not inq
        elif ch == "\u201c":
            inq = True
        elif ch == "\u201d":
            inq = False
        elif ch in ".!?\u2026":
            j = i + 1
            if j < n and text[j] in '"\u201d':
                inq = False
                j += 1
            elif j < n and text[j] in "'\u2019":
                j += 1
            if (
                not inq
                and j + 1 < n
                and text[j] == " "
                and (
                    text[j + 1].isupper() or text[j + 1].isdigit() or text[j + 1] in '"\u201c\u2018'
                )
                and not text[start : i + 1].endswith(("Dr.", " Mr.", " Ms."))
            ):
                out.append(text[start:j])
                start = j + 1
                i = j + 1
                continue
            i = j
            continue
        i += 1
    out.append(text[start:])
    return [p.strip() for p in out if p.strip()]


# --------------------------------------------------------------------------------------
# The invented world
# --------------------------------------------------------------------------------------

TOWNS = {
    "Saltmere": "Marlow County",
    "Quillan": "Marlow County",
    "Fennick Ridge": "Marlow County",
    "Harrow Bay": "Esterline County",
    "Port Abelard": "Esterline County",
    "Ostrey": "Esterline County",
    "Vale Hollow": "Pico Verde County",
    "Linden Flats": "Pico Verde County",
    "Carraway": "Pico Verde County",
    "Dunmore Springs": "Halloran County",
    "Kestrel Cove": "Halloran County",
    "Alderwick": "Halloran County",
    "Mossgate": "Marlow County",
    "Tamsin Valley": "Esterline County",
    "Brackwater": "Pico Verde County",
}
TOWN_NAMES = list(TOWNS)
COUNTIES = sorted(set(TOWNS.values()))
FIRE_NAMES = [
    "Ridgeback",
    "Sable Canyon",
    "Gullwing",
    "Hollis Creek",
    "Tern Point",
    "Juniper Saddle",
    "Wrenfield",
    "Cobalt Mesa",
    "Lantern Peak",
    "Oxbow",
    "Greyling",
    "Marten Gulch",
]
ROADS = [
    "Route 9",
    "Highway 41",
    "the Coast Highway",
    "County Road 12",
    "Mill Creek Road",
    "Old Quarry Road",
    "Route 16",
]
REPORTERS = [
    "Maya Lindqvist",
    "Theo Okonkwo",
    "Rosa Delacroix",
    "Jun Park",
    "Samir Haddad",
    "Clara Voss",
    "Emeka Nwosu",
    "Hannah Brightwater",
    "Luis Ortega",
    "Priyanka Rao",
    "Declan Murphy",
    "Aiko Tanabe",
    "Nadia Petrova",
    "Owen Castillo",
    "Greta Holm",
    "Tobias Wren",
    "Leila Farouk",
    "Marcus Bell",
    "Ines Carvalho",
    "Ruth Abernathy",
]
PHOTOGS = [
    "Marisol Ortega/Reuters",
    "Ben Tillery/AP",
    "Kofi Mensah/AFP/Getty Images",
    "Jana Novak/Getty Images",
    "Ruth Calloway/CNN",
    "Eitan Shapiro/Bloomberg/Getty Images",
    "Dario Fenn/AP",
    "Carla Imbert/Reuters",
    "Sven Aaltonen/Calder Coast Fire Authority",
    "Noor Qadri/AFP/Getty Images",
    "Wes Harlan/The Harrow Bay Courier/AP",
]
FIRST = [
    "Elena",
    "Marcus",
    "June",
    "Tomas",
    "Abby",
    "Rafael",
    "Colleen",
    "Dev",
    "Harriet",
    "Nico",
    "Brenda",
    "Oscar",
    "Lupe",
    "Walt",
    "Shira",
    "Gideon",
    "Patrice",
    "Yusuf",
]
LAST = [
    "Hollister",
    "Banerjee",
    "McAllister",
    "Oyelaran",
    "Strand",
    "Villareal",
    "Kowalczyk",
    "Duarte",
    "Fairweather",
    "Lindgren",
    "Abara",
    "Tremaine",
    "Quist",
    "Morrow",
]

OFFICIALS = {
    "gov": ("Governor Adaeze Marlowe", "Marlowe"),
    "chief": ("Calder Coast Fire Authority Chief Ramon Esquivel", "Esquivel"),
    "ic": ("incident commander Priya Venkataraman", "Venkataraman"),
    "sheriff": ("Marlow County Sheriff Dana Whitlock", "Whitlock"),
    "mayor": ("Saltmere Mayor Ingrid Solberg", "Solberg"),
    "met": ("National Weather Service meteorologist Tomasz Brandt", "Brandt"),
    "utility": ("Coastline Power & Light spokesperson Lena Okafor", "Okafor"),
    "health": ("Pico Verde County health officer Dr. Miriam Castellanos", "Castellanos"),
    "fema": ("FEMA regional administrator Howard Pryce", "Pryce"),
}
QUOTES = {
    "gov": [
        "We will not leave a single community behind",
        "This fire season is a marathon, not a sprint, and we are pacing ourselves for the long haul",
        "I have asked the White House for every resource it can spare",
        "If you are told to leave, leave. Your house can be rebuilt; you cannot",
        "The people of this coast have been through this before, and they are tougher than any fire",
        "Every available engine in the state is either here or on its way",
        "We are not backing down",
        "The price of this season will be counted in years, not weeks",
    ],
    "chief": [
        "We had a good night on the fire lines, but the wind is going to test us this afternoon",
        "Our crews are exhausted, and they are still out there",
        "Containment numbers only tell you part of the story",
        "This fire is making its own weather at this point",
        "We are throwing everything we have at the eastern flank",
        "The terrain up there is steep and there are very few roads in",
        "Nobody should be driving up to look at the fire. Stay home and stay off the roads",
    ],
    "ic": [
        "The next 48 hours are critical",
        "We are building line as fast as the ground allows",
        "Air support is grounded whenever the gusts go above 35 miles an hour",
        "Spot fires are the story today",
        "The retardant line held overnight, and that bought us time",
    ],
    "sheriff": [
        "Deputies are going door to door, and we will keep knocking until everyone is out",
        "We have had reports of looting and we will arrest anyone we catch",
        "Please do not try to get back in through the roadblocks",
        "If you know someone who has not checked in, call us",
        "It is too early to say when people can go home",
    ],
    "mayor": [
        "Saltmere is a small town, and everybody here knows somebody who lost a house",
        "Our shelters are full but nobody is being turned away",
        "We will rebuild, but today is about keeping people safe",
        "The water system held, and that matters more than people realize",
    ],
    "met": [
        "Offshore winds are expected to strengthen after midnight",
        "Humidity in the single digits is about as bad as it gets for fire behavior",
        "There is a small chance of showers late in the week, but it will not be enough",
        "The marine layer could give crews some relief in the early morning hours",
        "Gusts could reach 55 miles per hour in the canyons",
        "Dry lightning is the wild card for the next two days",
    ],
    "utility": [
        "Shutting off power is a last resort, and we do not take it lightly",
        "Crews will inspect every mile of line before power is restored",
        "We understand how hard these outages are for our customers",
        "Customers should have a plan for several days without power",
    ],
    "health": [
        "If you can smell smoke, you are breathing it",
        "Keep windows closed and run air purifiers if you have them",
        "Older people, children and anyone with asthma should stay indoors",
        "Cloth masks do very little against wildfire smoke",
    ],
    "fema": [
        "Federal teams are on the ground and more are on their way",
        "Survivors can begin applying for assistance today",
        "This is going to be a long recovery",
    ],
}
RESIDENT_QUOTES = [
    "We had maybe ten minutes to get out",
    "I grabbed the dog and the photo albums and that was it",
    "You could see the glow over the ridge all night",
    "We lost everything",
    "The house is gone, but we are alive, and that is what matters",
    "I have lived here 40 years and I have never seen it come down the hill like that",
    "We keep refreshing the evacuation map every few minutes",
    "The smoke was so thick you could not see the end of the driveway",
    "My neighbor stayed behind with a garden hose. I still have not heard from him",
    "Everyone at the shelter has been so kind",
    "I just want to know if my house is still standing",
    "We packed the car three days ago and never unpacked it",
]
STATEMENTS = [
    "CNN has reached out to Coastline Power & Light for comment.",
    "The cause of the fire remains under investigation.",
    "Evacuation maps are posted on the county sheriff's website and are updated several times a day.",
    "CNN is unable to independently verify the figures.",
    "Officials said the numbers were expected to change as damage inspection teams reach more neighborhoods.",
    "No injuries were immediately reported.",
    "This post has been updated with new figures from fire officials.",
    "The Red Cross said anyone who needs a place to stay should call its disaster line.",
]
SITUATIONS = [
    "evacuated from Saltmere on Monday",
    "has been sleeping in her car since the weekend",
    "runs a bakery on Front Street",
    "returned to find only the chimney standing",
    "drove through the flames with his two children",
    "volunteers at the Linden Flats shelter",
    "has lived in Quillan since 1979",
    "is waiting for news about her horses",
]
DIVE_POOL = [
    "How a decade of drought primed the Calder Coast to burn",
    "The firefighters who never get a day off",
    "Why insurers are pulling out of fire country",
    "What it is like to breathe wildfire smoke for a week",
    "A town that burned twice: Saltmere's long road back",
    "The science of fire tornadoes, explained",
    "Inside the race to protect the coast's last old-growth groves",
    "Power shutoffs keep the lights off for thousands. Do they work?",
    "How to prepare a go-bag before the evacuation order comes",
]
PROMOS = [
    ("wildfire drone", "Drone video shows the scale of the burn scar above Saltmere", "02:14"),
    ("firefighters night", "Crews work through the night to hold a ridge line", "03:41"),
    ("evacuation traffic", "Residents crawl out of Quillan as flames approach", "01:58"),
    ("smoke harbor", "Smoke turns the sky orange over Harrow Bay", "00:47"),
    ("shelter horses", "Fairgrounds fill with evacuated horses and goats", "02:36"),
]

# word swaps: (from, to, may also go back)
SWAPS = [
    ("blaze", "fire", False),
    ("residents", "people", True),
    ("firefighters", "crews", False),
    ("more than", "over", True),
    ("About", "Roughly", True),
    ("officials", "authorities", True),
    ("homes", "houses", True),
    ("began", "started", True),
    ("quickly", "rapidly", True),
    ("warned", "cautioned", True),
    ("expected", "forecast", False),
    ("destroyed", "razed", False),
    ("urged", "asked", True),
    ("flames", "fire", False),
    ("immediately", "right away", True),
    ("evacuation orders", "mandatory evacuations", True),
    ("shelters", "evacuation centers", True),
    ("winds", "gusts", False),
    ("spent the night", "slept", True),
    ("closer", "nearer", True),
    ("latest", "most recent", True),
    ("spoke", "spoke to reporters", False),
    ("pushed", "drove", True),
]
FIG_RE = re.compile(r"(?<![\w.])(?:\d{1,3}(?:,\d{3})+|\d+)%?(?![\w:])")
FIG_SKIP = {
    "Route",
    "Highway",
    "Road",
    "January",
    "February",
    "July",
    "August",
    "September",
    "October",
    "since",
    "in",
    "Interstate",
    "Station",
}


class Para(NamedTuple):
    kind: str  # "p", "sub", "bullet", "readmore"
    text: str
    tight: bool = False  # layout A joins the next paragraph with a single newline


class Version(NamedTuple):
    headline: str
    byline: str  # "" when none
    captions: tuple[tuple[str, str], ...]  # (text, credit)
    body: tuple[Para, ...]
    salt: int = 0  # HTML-only noise (inline link placement); not text

    def key(self) -> tuple[Any, ...]:
        return (
            self.headline,
            self.byline,
            tuple(c for c, _ in self.captions),
            tuple((p.kind, p.text) for p in self.body),
        )


def shown_para(p: Para) -> str:
    return "\u2022 " + p.text if p.kind == "bullet" else p.text


def lead_of(v: Version) -> str | None:
    for p in v.body:
        if p.kind == "p":
            s = sentences(p.text)
            return s[0] if s else None
    return None


class Fire:
    def __init__(self, name: str, origin: str, start: dt.datetime, rng: random.Random):
        self.name = name
        self.full = f"{name} Fire"
        self.origin = origin
        self.county = TOWNS[origin]
        self.near = [origin, *rng.sample([t for t in TOWN_NAMES if t != origin], 2)]
        self.start = start
        self.acres = rng.uniform(300, 2500)
        self.contained = 0.0
        self.structures = 0
        self.evac = rng.randint(800, 4000)
        self.crews = rng.randint(150, 600)
        self.active = True
        self.official = (0, 0, 0, 0, 0)  # acres, contained, structures, evac, crews


class World:
    """The story's state; published ("official") figures change at briefings."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.fires: list[Fire] = []
        self.unused = list(FIRE_NAMES)
        rng.shuffle(self.unused)
        self.day: dt.date | None = None
        self.gust = 30
        self.humidity = 12
        self.red_flag = False
        self.outage = 0
        self.aqi = {t: rng.randint(60, 180) for t in TOWN_NAMES}
        self.deaths = 0
        self.injured = 0
        self.shelters = 6
        self.quotes_today: dict[str, list[str]] = {}
        self.briefing_no = 0
        self.ignite(START - dt.timedelta(hours=10))
        self.ignite(START - dt.timedelta(hours=3))
        self.new_day(START)
        self.briefing()

    def ignite(self, when: dt.datetime) -> Fire:
        name = self.unused.pop() if self.unused else f"Complex {len(self.fires) + 1}"
        f = Fire(name, self.rng.choice(TOWN_NAMES), when, self.rng)
        self.fires.append(f)
        return f

    def new_day(self, now: dt.datetime) -> None:
        r = self.rng
        self.day = now.date()
        self.gust = r.randint(15, 60)
        self.humidity = r.randint(6, 32)
        self.red_flag = self.gust > 38 or self.humidity < 10
        self.outage = r.randint(20000, 90000) if self.red_flag else r.randint(0, 9000)
        self.quotes_today = {k: r.sample(v, 2) for k, v in QUOTES.items()}

    def tick(self, minutes: int, now: dt.datetime) -> None:
        r = self.rng
        if now.date() != self.day:
            self.new_day(now)
        wind = 0.5 + self.gust / 40
        for f in self.fires:
            if not f.active:
                continue
            rate = 0.035 * wind * (1 - f.contained / 100) ** 3
            f.acres *= 1 + rate * minutes / 60
            f.contained = min(
                100.0,
                f.contained + r.uniform(0, 0.09) * minutes / 5 * (0.4 if self.red_flag else 1),
            )
            if r.random() < 0.02 * minutes / 5 * (1 - f.contained / 100):
                f.structures += r.randint(1, 12)
            f.evac = max(0, int(f.evac * (1 + r.uniform(-0.01, 0.012))))
            f.crews = int(f.crews * (1 + r.uniform(-0.002, 0.006)))
            if f.contained >= 100:
                f.active = False
        active = [f for f in self.fires if f.active]
        if (len(active) < 4 and r.random() < minutes / (60 * 24 * 2.2)) or not active:
            self.ignite(now)
        for t in self.aqi:
            self.aqi[t] = max(25, min(420, self.aqi[t] + r.randint(-6, 6)))
        if r.random() < 0.0008 * minutes:
            self.deaths += 1
        if r.random() < 0.002 * minutes:
            self.injured += 1

    def briefing(self) -> None:
        self.briefing_no += 1
        for f in self.fires:
            if f.active or f.official[1] < 100:
                f.official = (
                    int(round(f.acres, -1)),
                    int(f.contained),
                    f.structures,
                    f.evac,
                    f.crews,
                )

    # --- helpers used by the writer
    def fire(self) -> Fire:
        act = [f for f in self.fires if f.active] or self.fires[-1:]
        weights = [f.official[0] + 500 for f in act]
        return self.rng.choices(act, weights)[0]

    def background(self, f: Fire) -> str:
        a, c = f.official[0], f.official[1]
        start = f"{WEEKDAYS[f.start.weekday()]}, {short_date(f.start.date())}"
        form = hnum(f.name, self.briefing_no) % 4
        if form == 0:
            return (
                f"The {f.full} broke out {start}, near {f.origin} in {f.county}. As of the latest "
                f"update from fire officials, it had burned {num(a)} acres and was {c}% contained."
            )
        if form == 1:
            return (
                f"The {f.full} started {start}, near {f.origin}. It has burned {num(a)} acres and is "
                f"{c}% contained, according to the Calder Coast Fire Authority."
            )
        if form == 2:
            return (
                f"Some background: The {f.full} has scorched {num(a)} acres since it ignited near {f.origin} "
                f"on {short_date(f.start.date())}. Crews have it {c}% contained."
            )
        return (
            f"The {f.full}, burning in {f.county}, stood at {num(a)} acres and {c}% containment "
            f"as of the fire authority's latest update."
        )


# --------------------------------------------------------------------------------------
# The writer: topics -> (headline, alternative headlines, label, paragraphs, caption)
# --------------------------------------------------------------------------------------


class Draft(NamedTuple):
    head: str
    alts: list[str]
    label: str
    paras: list[Para]
    captions: tuple[tuple[str, str], ...]
    byline_kind: str  # "from", "analysis", "none"


class Writer:
    def __init__(self, rng: random.Random, world: World):
        self.r = rng
        self.w = world
        self.now = START

    # small pieces
    def when(self) -> str:
        day = WEEKDAYS[self.now.weekday()]
        part = "morning" if self.now.hour < 12 else "afternoon" if self.now.hour < 18 else "evening"
        return self.r.choice([day, f"on {day}", f"{day} {part}", f"this {part}"])

    def quote(self, role: str, full: bool = False) -> str:
        q = self.r.choice(self.w.quotes_today[role])
        name, short = OFFICIALS[role]
        who = name if full else short
        if self.r.random() < 0.5:
            return f'"{q}," {who} said.'
        return f'"{q}," {who} told reporters {self.when()}.'

    def resident(self) -> str:
        name = f"{self.r.choice(FIRST)} {self.r.choice(LAST)}"
        q = self.r.choice(RESIDENT_QUOTES)
        return f'"{q}," said {name}, {self.r.randint(19, 88)}, who {self.r.choice(SITUATIONS)}.'

    def caption(self, f: Fire | None = None, town: str | None = None) -> tuple[str, str]:
        r = self.r
        town = town or r.choice(TOWN_NAMES)
        d = short_date(self.now.date())
        fire = f"the {f.full}" if f else "a wildfire"
        text = r.choice(
            [
                f"Firefighters battle {fire} near {town}, on {d}.",
                f"Smoke rises over {town} as {fire} burns in the hills, on {d}.",
                f"A resident watches flames approach {town} on {d}.",
                f"A home burns in {town}, Calder Coast, on {d}.",
                f"An air tanker drops retardant over a ridge near {town} on {d}.",
                f"Evacuees wait in line at a shelter in {town} on {d}.",
                f"The charred remains of a neighborhood in {town} are seen on {d}.",
            ]
        )
        return text, r.choice(PHOTOGS)

    def filler(self, f: Fire | None = None) -> str:
        r, w = self.r, self.w
        f = f or w.fire()
        town = r.choice(f.near)
        return r.choice(
            [
                f"Crews were expected to work through the night to strengthen containment lines near {town}.",
                f"Overnight, crews had a quiet stretch - but the wind-driven flames were expected to return near {town} by afternoon.",
                "Humidity in the single-digit range and a 24-hour forecast of gusty winds \u2014 a dangerous mix \u2014 kept the red flag warning in place.",
                f"{OFFICIALS['sheriff'][1]} urged residents to sign up for the county's emergency alerts.",
                r.choice(STATEMENTS) if r.random() < 0.5 else self.resident(),
                w.background(f) if r.random() < 0.5 else self.quote(r.choice(list(QUOTES))),
                self.quote(r.choice(list(QUOTES))),
                f"About {num(f.official[4])} personnel are assigned to the {f.full}, officials said.",
                f"Temperatures were forecast to climb into the upper 90s inland {self.when()}.",
                f"Roads into {town} remained closed to everyone but emergency vehicles.",
                f"The fire authority said it would give another update at {r.choice(['6 p.m.', '7 a.m.', 'noon', '4 p.m.'])}.",
            ]
        )

    def draft(self, topic: str | None = None) -> Draft:
        topics = [
            ("growth", 12),
            ("containment", 9),
            ("evac", 11),
            ("weather", 8),
            ("power", 6),
            ("air", 6),
            ("resident", 7),
            ("presser", 8),
            ("casualty", 4),
            ("roads", 5),
            ("shelter", 5),
            ("cause", 3),
            ("federal", 3),
            ("analysis", 2),
            ("explainer", 3),
            ("photos", 2),
            ("video", 3),
            ("roundup", 3),
            ("sports", 2),
        ]
        if topic is None:
            topic = self.r.choices([t for t, _ in topics], [w for _, w in topics])[0]
        return getattr(self, "t_" + topic)()

    def t_growth(self) -> Draft:
        r, w = self.r, self.w
        f = w.fire()
        a = num(f.official[0])
        town = r.choice(f.near[1:])
        heads = [
            f"{f.full} grows to {a} acres as winds pick up",
            f"The {f.full} has now burned {a} acres.",
            f"{a} acres: {f.full} keeps pushing toward {town}",
            f"How big is the {f.full} now?",
            f"{f.full} makes a run toward {town} overnight",
            f"{f.full} jumps {r.choice(ROADS)}",
        ]
        lead = r.choice(
            [
                f"The {f.full} has grown to {a} acres, the Calder Coast Fire Authority said {self.when()}, as gusty winds pushed flames toward {town}.",
                f"Fire crews lost ground on the {f.full} overnight, with the blaze now covering {a} acres, according to fire officials.",
                f"The wind-driven {f.full} has grown to {a} acres - and it is still moving toward {town}, fire officials said {self.when()}.",
            ]
            + (
                [
                    f"The {f.full} grew by thousands of acres in the last day and now stands at {a} acres, officials said."
                ]
                if f.official[0] > 8000
                else []
            )
        )
        paras = [lead, self.quote("chief", True)]
        pool = [
            w.background(f),
            self.filler(f),
            self.resident(),
            f"Wind gusts of up to {w.gust} mph were recorded on ridgetops near {town}, the National Weather Service said.",
            r.choice(STATEMENTS),
            self.quote("ic"),
        ]
        paras += r.sample(pool, r.randint(1, 3))
        return self._mk(heads, "Fire growth", paras, f, town)

    def t_containment(self) -> Draft:
        r, w = self.r, self.w
        f = w.fire()
        c = f.official[1]
        heads = [
            f"Crews reach {c}% containment on the {f.full}",
            f"{f.full} now {c}% contained, officials say",
            f"Firefighters gain ground on the {f.full}.",
            f"Is the {f.full} finally slowing down?",
            f"{c}% contained",
            f"Progress on the {f.full}!",
        ]
        lead = r.choice(
            [
                f"Firefighters have reached {c}% containment on the {f.full}, the Calder Coast Fire Authority said {self.when()}.",
                f"The {f.full} is {c}% contained, up from the previous update, fire officials said.",
            ]
        )
        paras = [lead, self.quote(r.choice(["chief", "ic"]))]
        if r.random() < 0.5:
            paras.append(w.background(f))
        if r.random() < 0.5:
            paras.append(
                f"Officials cautioned that containment can slip quickly if winds shift \u2014 and that {num(f.official[3])} people remain under evacuation orders."
            )
        if r.random() < 0.4:
            paras.append(self.filler(f))
        return self._mk(heads, "Containment", paras, f)

    def t_evac(self) -> Draft:
        r, w = self.r, self.w
        f = w.fire()
        towns = r.sample(f.near, 2)
        heads = [
            f"New evacuation orders issued for parts of {towns[0]} and {towns[1]}",
            f"Evacuation orders expand as the {f.full} nears {towns[0]}",
            f'"Go now": Deputies order residents out of {towns[0]}',
            f"Thousands more told to leave as the {f.full} spreads.",
            "Where are the evacuation zones?",
            f"Evacuations lifted for {towns[1]}; {towns[0]} still under orders",
            "Go now!",
        ]
        lead = r.choice(
            [
                f"The {TOWNS[towns[0]]} Sheriff's Office issued new evacuation orders for parts of {towns[0]} and {towns[1]} {self.when()} as the {f.full} moved closer.",
                f"About {num(f.official[3])} people are now under evacuation orders because of the {f.full}, according to county officials.",
                f"Residents of {towns[0]} were told to leave immediately {self.when()} after the {f.full} crossed {r.choice(ROADS)}.",
            ]
        )
        paras = [lead, self.quote("sheriff")]
        if r.random() < 0.6:
            paras.append(
                f"An evacuation warning, which means residents should be ready to leave at a moment's notice, remains in place for {r.choice(TOWN_NAMES)}."
            )
        paras += r.sample(
            [STATEMENTS[2], self.resident(), self.resident(), self.filler(f), w.background(f)],
            r.randint(1, 2),
        )
        return self._mk(heads, "Evacuations", paras, f, towns[0])

    def t_weather(self) -> Draft:
        r, w = self.r, self.w
        day = WEEKDAYS[(self.now.weekday() + 1) % 7]
        heads = [
            f"Red flag warning extended through {day} evening"
            if w.red_flag
            else f"Calmer winds could give firefighters a break {day}",
            "Will the winds ease tonight?",
            f"Forecasters warn of gusts up to {w.gust + 10} mph in the canyons",
            "Rain?",
            "The wind is the whole story today.",
            'Forecast calls for "critical" fire weather',
        ]
        lead = r.choice(
            [
                f"The National Weather Service has {'extended' if w.red_flag else 'lifted'} a red flag warning for much of the Calder Coast, with gusts of {w.gust} mph and humidity as low as {w.humidity}%.",
                f"Fire weather is expected to worsen {self.when()}, with offshore winds gusting to {w.gust} mph and relative humidity near {w.humidity}%, forecasters said.",
            ]
        )
        paras = [lead, self.quote("met", True)]
        if r.random() < 0.5:
            paras.append("What is a red flag warning?")
            paras.append(
                "A red flag warning means that warm temperatures, very low humidity and stronger winds are expected to combine to produce an increased risk of fire danger."
            )
        paras += r.sample([self.quote("met"), self.filler(), STATEMENTS[3]], r.randint(0, 2))
        return self._mk(
            heads,
            "Weather",
            paras,
            None,
            sub_idx=2 if len(paras) > 3 and paras[2].endswith("?") else None,
        )

    def t_power(self) -> Draft:
        r, w = self.r, self.w
        n = num(max(w.outage, 4000))
        heads = [
            f"Coastline Power & Light cuts power to {n} customers to reduce fire risk",
            f"{n} customers without power as utility shuts off lines",
            "Power shutoffs: What to know",
            f"Utility says power could stay off until {WEEKDAYS[(self.now.weekday() + 2) % 7]},",
        ]
        lead = f"Coastline Power & Light has shut off electricity to about {n} customers in {r.choice(COUNTIES)} and neighboring areas to keep its lines from sparking new fires, the utility said."
        paras = [lead, self.quote("utility", True)]
        if r.random() < 0.5:
            paras.append(STATEMENTS[0])
        if r.random() < 0.5:
            paras.append(
                "The utility has faced lawsuits over fires started by its equipment in previous seasons."
            )
        return self._mk(heads, "Power shutoffs", paras, None)

    def t_air(self) -> Draft:
        r, w = self.r, self.w
        town = r.choice(TOWN_NAMES)
        aqi = w.aqi[town]
        level = (
            "hazardous"
            if aqi > 300
            else "very unhealthy"
            if aqi > 200
            else "unhealthy"
            if aqi > 150
            else "unhealthy for sensitive groups"
        )
        heads = [
            f"Smoke pushes air quality to '{level}' levels in {town}",
            f"Air quality alert issued for {town} and surrounding areas",
            "Should you wear a mask outside?",
            f'Health officials: smoke is "{level}"',
            "Smoke.",
        ]
        lead = f"The air quality index in {town} reached {aqi} {self.when()}, a level considered {level}, according to the Calder Coast Air District."
        paras = [lead, self.quote("health", True), self.quote("health")]
        if r.random() < 0.5:
            paras.append(f"Schools in {TOWNS[town]} moved recess and sports practices indoors.")
        return self._mk(heads, "Air quality", paras, None, town)

    def t_resident(self) -> Draft:
        r, w = self.r, self.w
        f = w.fire()
        town = r.choice(f.near)
        q = r.choice(RESIDENT_QUOTES)
        heads = [
            f'"{q}": {town} residents describe escaping the {f.full}',
            f"Residents of {town} return to find their homes gone",
            f"In {town}, neighbors help neighbors",
            f"\u201c{q}\u201d",
            "Home.",
        ]
        name = f"{r.choice(FIRST)} {r.choice(LAST)}"
        lead = (
            f"{name} had just sat down to dinner when the first evacuation alert lit up her phone."
        )
        paras = [lead, f'"{q}," {name.split()[0]} told CNN.', self.resident()]
        if r.random() < 0.5:
            paras.append(self.resident())
        paras.append(r.choice([w.background(f), STATEMENTS[7], self.filler(f)]))
        return self._mk(heads, "Residents", paras, f, town, byline_kind="from")

    def t_presser(self) -> Draft:
        r, w = self.r, self.w
        role = r.choice(["gov", "gov", "chief", "sheriff", "mayor"])
        name, short = OFFICIALS[role]
        q = w.quotes_today[role][0]
        first = q.split(".")[0]
        heads = [
            f'{short}: "{first}"',
            f'{short} says "{first[0].lower() + first[1:]}"',
            f"{name.split(' ', 1)[0] if role == 'gov' else 'Officials'} give an update on the fires",
            f"What {short} said at the latest briefing:",
        ]
        lead = f"{name} spoke at a news conference in Harrow Bay {self.when()} as the fires continued to burn across the Calder Coast."
        other = w.quotes_today[role][1]
        paras = [lead, f'"{q}," {short} said.', f'"{other}," {short} added.']
        if role == "gov":
            paras.append(
                f"{short} said the state had requested a federal disaster declaration covering {' and '.join(r.sample(COUNTIES, 2))}."
            )
        paras += r.sample([self.filler(), w.background(w.fire()), STATEMENTS[4]], r.randint(1, 2))
        return self._mk(
            heads, "The governor" if role == "gov" else "Officials", paras, None, "Harrow Bay"
        )

    def t_casualty(self) -> Draft:
        r, w = self.r, self.w
        f = w.fire()
        k = r.randint(2, 5)
        heads = [
            f"{k} firefighters injured battling the {f.full}",
            f"Firefighter hurt when engine rolls over near {r.choice(f.near)}",
            f"Death toll from the Calder Coast fires rises to {max(1, w.deaths)}",
            "A firefighter was injured on the fire line.",
        ]
        lead = r.choice(
            [
                f"{k} firefighters were taken to a hospital with burns and heat-related injuries after being caught by a flare-up on the {f.full}, fire officials said.",
                f"A firefighter was injured {self.when()} when an engine overturned on a narrow road near {r.choice(f.near)}, the Calder Coast Fire Authority said.",
            ]
        )
        paras = [
            lead,
            self.quote("chief"),
            *r.sample([r.choice(STATEMENTS[4:6]), w.background(f), self.filler(f)], 2),
        ]
        return self._mk(heads, "Injuries", paras, f)

    def t_roads(self) -> Draft:
        r = self.r
        road = r.choice(ROADS)
        a, b = r.sample(TOWN_NAMES, 2)
        heads = [
            f"{road} closed between {a} and {b}",
            f"Schools in {TOWNS[a]} closed {WEEKDAYS[(self.now.weekday() + 1) % 7]}",
            f"{road} reopens; other roads stay shut",
            "Road closures",
        ]
        lead = r.choice(
            [
                f"{road} is closed in both directions between {a} and {b} because of fire activity, the state transportation department said.",
                f"All public schools in {TOWNS[a]} will be closed {self.when()} because of smoke and road closures, the district said.",
            ]
        )
        paras = [lead, self.filler(), r.choice([STATEMENTS[2], STATEMENTS[4]])]
        return self._mk(heads, "Roads and schools", paras, None, a)

    def t_shelter(self) -> Draft:
        r, w = self.r, self.w
        town = r.choice(["Linden Flats", "Harrow Bay", "Port Abelard", "Carraway"])
        heads = [
            f"Fairgrounds in {town} take in hundreds of evacuated horses",
            "Shelters fill up as thousands flee the fires",
            "Where can evacuees go?",
            f"Volunteers pour into {town} to help evacuees",
        ]
        lead = f"About {num(r.randint(300, 2400))} people spent the night in {w.shelters} shelters across the Calder Coast, the Red Cross said."
        paras = [lead, self.quote("mayor"), self.resident()]
        if r.random() < 0.4:
            paras.insert(2, STATEMENTS[7])
        return self._mk(heads, "Shelters", paras, None, town)

    def t_cause(self) -> Draft:
        _r, w = self.r, self.w
        f = w.fire()
        heads = [
            f"Investigators look at power line as possible cause of the {f.full}",
            f"What caused the {f.full}?",
            f"Arson suspect arrested in connection with the {f.full}, sheriff says",
        ]
        lead = f"State fire investigators are examining a Coastline Power & Light distribution line near {f.origin} as a possible cause of the {f.full}, according to a court filing."
        paras = [lead, STATEMENTS[1], STATEMENTS[0], self.quote("utility")]
        return self._mk(heads, "The cause", paras, f, f.origin)

    def t_federal(self) -> Draft:
        r = self.r
        county = r.choice(COUNTIES)
        heads = [
            f"FEMA approves fire management grant for {county}",
            "Federal help is on the way, FEMA says",
            "President approves disaster declaration for the Calder Coast",
        ]
        lead = f"The Federal Emergency Management Agency approved a fire management assistance grant for {county}, which will cover most of the cost of fighting the fires there."
        paras = [lead, self.quote("fema", True), self.quote("gov")]
        return self._mk(heads, "Federal aid", paras, None)

    def t_analysis(self) -> Draft:
        r, _w = self.r, self.w
        heads = [
            "Why the Calder Coast burns earlier every year",
            "Analysis: the fire season that never ends",
            "The coast's fire problem is also a housing problem",
        ]
        k = r.randrange(3)
        lead = [
            f"Fire seasons on the Calder Coast now start about {r.randint(4, 8)} weeks earlier than they did in the 1990s, and they end later, according to state records.",
            f"More than {r.randint(20, 45)},000 homes have been built within a mile of wildland on the Calder Coast since 2000, a CNN review of county permits found.",
            f"The state spent ${r.randint(300, 900)} million fighting fires on the coast last year, {r.randint(2, 4)} times what it spent a decade earlier.",
        ][k]
        second = [
            "Several forces are colliding: hotter summers, a drought that has lasted most of a decade, and a building boom at the edge of the forest.",
            "Many of those homes sit at the end of a single road, which becomes a trap when the wind turns.",
            "Most of that money goes to aircraft and overtime, and very little to clearing brush before the season starts.",
        ][k]
        paras = [
            Para("p", lead),
            Para("p", second),
            Para("p", "Key points of the analysis include:"),
        ]
        for b in r.sample(
            [
                "How drought changes the way fires spread",
                "Why evacuation routes have not kept up with new housing",
                "What insurers are doing in fire country",
                "The cost of fighting fires, year by year",
                "How the marine layer used to protect the coast",
            ],
            3,
        ):
            paras.append(Para("bullet", b))
        paras.append(Para("readmore", "Read the full analysis here."))
        return Draft(r.choice(heads), heads, "Analysis", paras, (), "analysis")

    def t_explainer(self) -> Draft:
        r, w = self.r, self.w
        f = w.fire()
        q1 = r.choice(
            [
                "What is containment?",
                "How do crews decide where to cut a line?",
                "What does an evacuation warning mean?",
            ]
        )
        heads = [q1, "Explainer: how firefighters measure containment", "Your questions, answered:"]
        paras = [
            Para(
                "p",
                f"With the {f.full} now at {f.official[1]}% containment, many readers have asked what that figure actually means.",
            ),
            Para("sub", q1),
            Para(
                "p",
                "Containment is the share of a fire's perimeter that crews have surrounded with a line they expect to hold, such as a bulldozer cut, a road or a river.",
            ),
            Para("sub", "Does 100% mean the fire is out?"),
            Para(
                "p",
                "No. A fire can be fully contained and still burn inside its perimeter for weeks.",
            ),
            Para("p", w.background(f)),
        ]
        return Draft(r.choice(heads), heads, "Explainer", paras, (), "from")

    def t_photos(self) -> Draft:
        r, w = self.r, self.w
        f = w.fire()
        heads = [
            "In pictures: the fires on the Calder Coast",
            "In pictures",
            "Photos: a night on the fire line",
            "Images show the devastation in " + r.choice(f.near),
        ]
        caps = [self.caption(f, r.choice(f.near)) for _ in range(r.randint(2, 3))]
        paras = [
            Para(
                "p",
                r.choice(
                    [
                        "Here are some of the latest images from the fire zone.",
                        f"Photographers on the ground in {r.choice(f.near)} captured the scene {self.when()}.",
                        f"These images show the {f.full} as it burned toward {r.choice(f.near)}.",
                    ]
                ),
            )
        ]
        return Draft(r.choice(heads), heads, "In pictures", paras, tuple(caps), "none")

    def t_video(self) -> Draft:
        r, w = self.r, self.w
        f = w.fire()
        town = r.choice(f.near)
        heads = [
            "Watch",
            "Watch:",
            f"Video shows flames racing down a hillside near {town}",
            f"Watch: drone footage of the {f.full}",
            "Listen",
        ]
        paras = [
            Para(
                "p",
                f"Video shared by a resident shows flames racing down a hillside toward homes on the edge of {town} {self.when()}.",
            ),
            Para("p", r.choice([w.background(f), STATEMENTS[3]])),
        ]
        return Draft(r.choice(heads), heads, "On video", paras, (), "none")

    def t_roundup(self) -> Draft:
        r, w = self.r, self.w
        heads = [
            "Fires burn across three counties as crews struggle to gain ground",
            "Here's where every fire stands",
            "A county-by-county look at the fires:",
        ]
        paras = [
            Para(
                "p",
                f"{len([f for f in w.fires if f.active])} large fires are burning on the Calder Coast, the fire authority said {self.when()}.",
            )
        ]
        for county in r.sample(COUNTIES, 2):
            paras.append(Para("sub", county))
            fs = [f for f in w.fires if f.county == county and f.active]
            if fs:
                paras.append(Para("p", w.background(fs[0])))
            paras.append(Para("p", self.filler(fs[0] if fs else None)))
        return Draft(r.choice(heads), heads, "Around the coast", paras, (), "from")

    def t_sports(self) -> Draft:
        r = self.r
        heads = [
            "Harrow Bay FC postpones Saturday match over smoke",
            "County fair canceled for the first time since 1944",
            "Smoke forces the Saltmere Summer Regatta ashore",
            "Show goes on?",
        ]
        paras = [
            Para(
                "p",
                f"Organizers said the air quality forecast for {r.choice(WEEKDAYS)} made it unsafe to hold the event outdoors, and that about {num(r.randint(2, 40) * 100)} ticket holders would be refunded.",
            ),
            Para("p", r.choice(STATEMENTS[3:5])),
        ]
        return Draft(r.choice(heads), heads, "Events", paras, (), "none")

    def _mk(
        self,
        heads: list[str],
        label: str,
        texts: list[str],
        f: Fire | None,
        town: str | None = None,
        byline_kind: str | None = None,
        sub_idx: int | None = None,
    ) -> Draft:
        r = self.r
        head = r.choice(heads)
        paras = []
        seen: set[str] = set()
        for k, t in enumerate(texts):
            key = t.split('," ')[0] if t.startswith('"') else t
            if key in seen:
                continue
            seen.add(key)
            paras.append(Para("sub" if k == sub_idx else "p", t))
        if r.random() < 0.08:
            paras.append(
                Para(
                    "readmore", r.choice(["Read more here.", "Read the full story:", "Read more:"])
                )
            )
        caps: tuple[tuple[str, str], ...] = ()
        if r.random() < 0.45:
            caps = (self.caption(f, town),)
            if r.random() < 0.08:
                caps += (self.caption(f, None),)
        bk = byline_kind or ("from" if r.random() < 0.72 else "none")
        return Draft(head, heads, label, paras, caps, bk)


# --------------------------------------------------------------------------------------
# Pages and the newsroom
# --------------------------------------------------------------------------------------


class PostMeta:
    def __init__(self, pid: int, kind: str, label: str, alts: list[str], curly_habit: bool):
        self.id = pid
        self.kind = kind  # news, template, moved
        self.label = label
        self.alts = alts
        self.curly = curly_habit
        self.quotes: list[int] = []  # template: the posts its bullets quote


class Page:
    def __init__(self, idx: int, date: dt.date, created: dt.datetime, rng: random.Random):
        self.idx = idx
        self.date = date
        self.title = f"{fmt_date(date)} \u2014 {STORY}"
        self.slug = f"calder-coast-wildfires-{date.month:02d}-{date.day:02d}-{date.year % 100:02d}"
        self.order: list[int] = []
        self.content: dict[int, Version] = {}
        self.times: dict[int, dt.datetime] = {}
        self.hist: dict[int, list[Version]] = defaultdict(list)
        self.pinned: int | None = None
        self.created = created
        self.updated = created
        self.closed: dt.datetime | None = None
        self.roll_at = dt.datetime.combine(
            date + dt.timedelta(days=1), dt.time(0, 0)
        ) + dt.timedelta(minutes=rng.randint(-60, 120))
        self.authors = rng.sample(REPORTERS, 3)
        self.dive = rng.sample(DIVE_POOL, 3)
        self.dive_twice = rng.random() < 0.4
        self.promo = rng.choice(PROMOS) if rng.random() < 0.6 else None
        self.scheme_at: dt.datetime | None = None


class Shown(NamedTuple):
    head: str
    paras: tuple[str, ...]
    time: str | None
    byline: str | None


class Capture(NamedTuple):
    file: str
    page: str
    layout: str
    suspect: bool
    captured_at: str
    posts: list[int]
    shown: list[Shown]
    data: bytes
    kind: str  # normal, stale, error, consent, collapsed


class Sim:
    def __init__(self, seed: int, fmt: str):
        self.seed = seed
        self.fmt = fmt
        self.rng = random.Random(seed)
        self.noise = random.Random(
            f"render-noise:{seed}"
        )  # rendering noise; the story is format-independent
        self.world = World(self.rng)
        self.writer = Writer(self.rng, self.world)
        self.now = START
        self.pages: list[Page] = []
        self.posts: dict[int, PostMeta] = {}
        self.next_id = 1
        self.queue: list[tuple[dt.datetime, int, str, tuple[Any, ...]]] = []
        self.seq = 0
        self.ev: Counter[str] = Counter()
        self.caps: list[Capture] = []
        self.caps_of: dict[int, list[int]] = defaultdict(list)
        self.cur = self.new_page(START.date())
        self.next_briefing = START + dt.timedelta(hours=3)
        self.next_template = START + dt.timedelta(minutes=self.rng.randint(90, 200))
        for k in range(4):
            self.new_post(
                self.cur, when=START - dt.timedelta(minutes=25 * (3 - k) + self.rng.randint(0, 9))
            )
        scheme_page = self.rng.randint(1, 3)
        self.scheme_page = scheme_page

    # --- infrastructure
    def at(self, when: dt.datetime, kind: str, *args: Any) -> None:
        self.seq += 1
        heapq.heappush(self.queue, (when, self.seq, kind, args))

    def mins(self, a: int, b: int) -> dt.timedelta:
        return dt.timedelta(minutes=self.rng.randint(a, b))

    def new_page(self, date: dt.date) -> Page:
        p = Page(len(self.pages), date, self.now, self.rng)
        self.pages.append(p)
        if len(self.pages) - 1 == getattr(self, "scheme_page", -1):
            p.scheme_at = self.now + self.mins(10 * 60, 16 * 60)
        return p

    def uri(self, page: Page, pid: int, when: dt.datetime) -> str:
        if page.scheme_at is not None and when >= page.scheme_at:
            return f"/weather/live-news/{page.slug}/h_{hashlib.md5(f'{self.seed}:{page.idx}:{pid}'.encode()).hexdigest()}"
        h = hnum("uri", self.seed, page.idx, pid)
        alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"
        s = ""
        for _ in range(22):
            h, d = divmod(h * 7919 + 13, 36)
            s += alphabet[d]
        return f"cms.cnn.com/_components/live-story-post/instances/cl{s}@published"

    def touch(self, page: Page) -> None:
        page.updated = self.now

    def set_version(self, page: Page, pid: int, v: Version) -> None:
        page.content[pid] = v
        page.hist[pid].append(v)
        self.touch(page)

    def insert(self, page: Page, pid: int, v: Version, time: dt.datetime, pos: int = 0) -> None:
        page.order.insert(min(pos, len(page.order)), pid)
        page.times[pid] = time
        self.set_version(page, pid, v)

    # --- making posts
    def byline(self, kind: str, page: Page) -> str:
        r = self.rng
        if kind == "none":
            return ""
        names = r.sample(REPORTERS, r.choice([1, 1, 2, 2, 3]))
        for n in names:
            if n not in page.authors and len(page.authors) < 8 and r.random() < 0.3:
                page.authors.append(n)
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        apos = "\u2019" if r.random() < 0.2 else "'"
        if kind == "analysis":
            return f"Analysis by{NBSP if r.random() < 0.3 else ' '}CNN{apos}s {joined}"
        tail = (
            f" in {r.choice(['Harrow Bay', 'Saltmere', 'Quillan', 'Port Abelard'])}"
            if r.random() < 0.2
            else ""
        )
        return f"From CNN{apos}s {joined}{tail}"

    def texture(self, paras: list[Para], curly_habit: bool) -> tuple[Para, ...]:
        """Author habits that stay with a revision: curly quotes, NBSPs, tight joins."""
        r = self.rng
        out = []
        sprinkle = r.random() < 0.3
        for k, p in enumerate(paras):
            t = p.text
            if curly_habit and p.kind == "p":
                t = curly(t)
            if sprinkle and p.kind == "p" and r.random() < 0.35:
                spaces = [m.start() for m in re.finditer(" ", t)]
                if spaces:
                    i = r.choice(spaces)
                    t = t[:i] + NBSP + t[i + 1 :]
            if sprinkle and r.random() < 0.2:
                t = t + NBSP
            tight = (
                p.kind == "p"
                and k + 1 < len(paras)
                and paras[k + 1].kind == "p"
                and r.random() < 0.05
            )
            out.append(Para(p.kind, t, tight))
        return tuple(out)

    def style_head(self, h: str) -> str:
        r = self.rng
        x = r.random()
        if h[-1:].isalnum():
            if x < 0.02:
                return h + "\u2026"
            if x < 0.03:
                return h + ","
            if x < 0.04:
                return h + ";"
            if x < 0.055:
                return h + "!"
        if r.random() < 0.04:
            h = h + " "  # a trailing space, as real headlines carry
        return h

    def new_post(
        self, page: Page, when: dt.datetime | None = None, topic: str | None = None, pos: int = 0
    ) -> int:
        r = self.rng
        self.writer.now = self.now
        d = self.writer.draft(topic)
        pid = self.next_id
        self.next_id += 1
        meta = PostMeta(pid, "news", d.label, d.alts, r.random() < 0.2)
        self.posts[pid] = meta
        paras = [p if isinstance(p, Para) else Para("p", p) for p in d.paras]
        v = Version(
            self.style_head(d.head),
            self.byline(d.byline_kind, page),
            d.captions,
            self.texture(paras, meta.curly),
            r.randint(0, 999),
        )
        self.insert(page, pid, v, when or self.now, pos)
        self.ev["new_post"] += 1
        return pid

    # --- edits
    EDIT_KINDS: ClassVar[list[tuple[str, int]]] = [
        ("swap", 18),
        ("figure", 15),
        ("add_sentence", 10),
        ("add_para", 9),
        ("cut_para", 6),
        ("cut_sentence", 6),
        ("head_small", 7),
        ("head_rewrite", 4),
        ("caption", 6),
        ("byline", 5),
        ("typo", 9),
    ]

    def mutate(self, v: Version, kind: str, meta: PostMeta, page: Page) -> Version | None:
        r = self.rng
        body = list(v.body)
        pidx = [k for k, p in enumerate(body) if p.kind == "p"]
        self.writer.now = self.now
        if kind == "swap":
            ks = pidx[:]
            r.shuffle(ks)
            sw = SWAPS[:]
            r.shuffle(sw)
            for k in ks:
                t = body[k].text
                for a, b, back in sw:
                    if back and r.random() < 0.5:
                        a, b = b, a
                    m = re.search(r"\b" + re.escape(a) + r"\b", t)
                    if m:
                        body[k] = body[k]._replace(text=t[: m.start()] + b + t[m.end() :])
                        return v._replace(body=tuple(body))
            return None
        if kind == "figure":
            cands = [(k, m) for k in pidx for m in re.finditer(FIG_RE, body[k].text)]
            hm = list(re.finditer(FIG_RE, v.headline))
            allc: list[tuple[int, Any]] = cands + [(-1, m) for m in hm]
            r.shuffle(allc)
            for k, m in allc:
                t = v.headline if k < 0 else body[k].text
                before = t[: m.start()].split()
                if before and before[-1].strip(",") in FIG_SKIP:
                    continue
                tok = m.group()
                if tok.endswith(","):
                    continue
                pct = tok.endswith("%")
                try:
                    n = int(tok.rstrip("%").replace(",", ""))
                except ValueError:
                    continue
                if 1900 < n < 2100 and not pct:
                    continue
                if pct:
                    n2 = min(100, n + r.randint(1, 9))
                elif n < 40:
                    n2 = n + r.randint(1, 3)
                else:
                    n2 = int(n * r.uniform(1.03, 1.3))
                    n2 = int(round(n2, -1)) if n >= 1000 else n2
                if n2 == n:
                    continue
                new = f"{n2}%" if pct else (f"{n2:,}" if "," in tok or n2 >= 1000 else str(n2))
                nt = t[: m.start()] + new + t[m.end() :]
                if k < 0:
                    return v._replace(headline=nt)
                body[k] = body[k]._replace(text=nt)
                return v._replace(body=tuple(body))
            return None
        if kind == "add_sentence" and pidx:
            k = r.choice(pidx)
            s = self.writer.filler()
            if s in body[k].text:
                return None
            body[k] = body[k]._replace(text=body[k].text.rstrip() + " " + s)
            return v._replace(body=tuple(body))
        if kind == "add_para":
            s = self.writer.filler() if r.random() < 0.7 else self.writer.resident()
            if any(p.text == s for p in body):
                return None
            pos = r.randint(1, len(body)) if body else 0
            body.insert(pos, Para("p", curly(s) if meta.curly else s))
            return v._replace(body=tuple(body))
        if kind == "cut_para" and len(pidx) >= 3:
            body.pop(r.choice(pidx[1:]))
            return v._replace(body=tuple(body))
        if kind == "cut_sentence":
            ks = [k for k in pidx if len(sentences(body[k].text)) >= 2]
            if not ks:
                return None
            k = r.choice(ks)
            ss = sentences(body[k].text)
            ss.pop(r.randrange(1, len(ss)) if k == pidx[0] else r.randrange(len(ss)))
            body[k] = body[k]._replace(text=" ".join(ss))
            return v._replace(body=tuple(body))
        if kind == "head_small":
            h = v.headline.rstrip()
            if h.endswith(", officials say"):
                return v._replace(headline=h[: -len(", officials say")])
            opts = []
            if h[-1:].isalnum():
                opts.append(h + ", officials say")
            for a, b in (
                ("grows", "balloons"),
                ("cuts", "shuts off"),
                ("closed", "shut"),
                ("injured", "hurt"),
                ("New", "More"),
                ("Thousands", "Thousands more"),
                ("now", "now about"),
                ("says", "said"),
            ):
                if re.search(r"\b" + a + r"\b", h):
                    opts.append(re.sub(r"\b" + a + r"\b", b, h, count=1))
            if h.endswith("."):
                opts.append(h[:-1])
            elif h[-1:].isalnum():
                opts.append(h + ".")
            opts = [o for o in opts if o != v.headline]
            return v._replace(headline=r.choice(opts)) if opts else None
        if kind == "head_rewrite":
            opts = [a for a in meta.alts if norm(a) != norm(v.headline)]
            return v._replace(headline=r.choice(opts)) if opts else None
        if kind == "caption":
            if meta.kind != "news":
                return None
            c = self.writer.caption(None, r.choice(TOWN_NAMES))
            if not v.captions or r.random() < 0.2:
                return v._replace(captions=(*v.captions, c))
            caps = list(v.captions)
            caps[r.randrange(len(caps))] = c
            return v._replace(captions=tuple(caps))
        if kind == "byline":
            if meta.kind != "news":
                return None
            if not v.byline:
                return v._replace(byline=self.byline("from", page))
            extra = r.choice([n for n in REPORTERS if n not in v.byline])
            if " and " in v.byline:
                head, last = v.byline.rsplit(" and ", 1)
                nb = f"{head}, {last} and {extra}"
            elif " in " in v.byline:
                nb = v.byline.split(" in ")[0]
            else:
                nb = f"{v.byline} and {extra}"
            return v._replace(byline=nb)
        if kind == "typo":
            return self.typo(v)
        return None

    def typo(self, v: Version) -> Version | None:
        r = self.rng
        targets: list[int] = [-1] + [k for k, p in enumerate(v.body) if p.kind in ("p", "bullet")]
        r.shuffle(targets)
        for k in targets:
            t = v.headline if k < 0 else v.body[k].text
            opts = []
            if '"' in t:
                opts.append(curly(t))
            if "\u201c" in t or "\u2019" in t:
                opts.append(t.translate({0x201C: '"', 0x201D: '"', 0x2019: "'", 0x2018: "'"}))
            if "'" in t:
                i = t.index("'")
                opts.append(t[:i] + "\u2019" + t[i + 1 :])
            if " - " in t:
                opts.append(t.replace(" - ", " \u2014 ", 1))
            if " \u2014 " in t:
                opts.append(t.replace(" \u2014 ", " - ", 1))
            if "-" in t and " - " not in t:
                i = t.index("-")
                opts.append(t[:i] + "\u2013" + t[i + 1 :])
            sp = [m.start() for m in re.finditer(r"(?<=\w) (?=\w)", t)]
            if sp:
                i = r.choice(sp)
                opts.append(t[:i] + NBSP + t[i + 1 :])
            if NBSP in t.strip(NBSP + " "):
                core = t.rstrip(NBSP + " ")
                i = core.index(NBSP) if NBSP in core else -1
                if i >= 0:
                    opts.append(t[:i] + " " + t[i + 1 :])
            opts = [o for o in opts if o != t and norm(o) == norm(t)]
            if not opts:
                continue
            nt = r.choice(opts)
            if k < 0:
                return v._replace(headline=nt)
            body = list(v.body)
            body[k] = body[k]._replace(text=nt)
            return v._replace(body=tuple(body))
        return None

    def edit(
        self, page: Page, pid: int, kinds: list[tuple[str, int]] | None = None, light: bool = False
    ) -> bool:
        r = self.rng
        meta = self.posts[pid]
        v = page.content[pid]
        kinds = kinds or self.EDIT_KINDS
        names, weights = [k for k, _ in kinds], [w for _, w in kinds]
        for _ in range(8):
            kind = r.choices(names, weights)[0]
            nv = self.mutate(v, kind, meta, page)
            if nv is not None and nv.key() != v.key():
                self.set_version(
                    page, pid, nv._replace(salt=r.randint(0, 999) if r.random() < 0.3 else nv.salt)
                )
                self.ev["edit:" + kind] += 1
                return True
        return False

    def pick(
        self, page: Page, kinds: tuple[str, ...] = ("news",), top: int = 60, skip: int = 0
    ) -> int | None:
        order = [p for p in page.order[skip:top] if self.posts[p].kind in kinds]
        if not order:
            return None
        weights = [1.0 / (1 + 0.22 * k) for k in range(len(order))]
        return self.rng.choices(order, weights)[0]

    def other_page_of(self, page: Page, pid: int) -> Page | None:
        for p in reversed(self.pages):
            if p is not page and pid in p.content:
                return p
        return None

    def do_edit(self, page: Page) -> None:
        r = self.rng
        pid = self.pick(page, ("news", "template") if r.random() < 0.1 else ("news",))
        if pid is None:
            return
        if self.posts[pid].kind == "template":
            self.template_update(page, pid)
            return
        old = page.content[pid]
        if not self.edit(page, pid):
            return
        if r.random() < 0.1:
            page.times[pid] = self.now  # re-timed in place along with the edit
            self.ev["retime_in_place"] += 1
        if r.random() < 0.13:
            self.at(self.now + self.mins(20, 300), "revert", page.idx, pid, old)
        other = self.other_page_of(page, pid)
        if other is not None and other.idx < page.idx and r.random() < 0.5:
            self.at(self.now + self.mins(10, 420), "catchup", other.idx, pid)

    def do_revert(self, page: Page, pid: int, target: Version) -> None:
        r = self.rng
        if pid not in page.content:
            return
        cur = page.content[pid]
        older = []
        for v in page.hist[pid][:-1]:
            if v.key() != cur.key() and all(v.key() != o.key() for o in older):
                older.append(v)
        if r.random() < 0.35 and len(older) >= 2:
            target = r.choice(older[:-1])  # an older revision than the previous one
            self.ev["revert_older"] += 1
        if target.key() == cur.key():
            return
        self.set_version(page, pid, target)
        self.ev["revert"] += 1
        if r.random() < 0.2:
            self.at(self.now + self.mins(20, 200), "redo", page.idx, pid, cur)

    def do_catchup(self, page: Page, pid: int) -> None:
        if pid not in page.content:
            return
        src = self.other_page_of(page, pid)
        if src is None or src.idx < page.idx:
            return
        v = src.content[pid]
        if v.key() != page.content[pid].key():
            self.set_version(page, pid, v)
            self.ev["catchup"] += 1

    def do_delete(self, page: Page) -> None:
        r = self.rng
        n = len(page.order)
        if n < 6:
            return
        pos = r.randint(1, min(n - 2, 12)) if r.random() < 0.9 else 0
        pid = page.order[pos]
        if self.posts[pid].kind == "moved" or self.other_page_of(page, pid) is not None:
            return
        page.order.pop(pos)
        del page.content[pid]
        if page.pinned == pid:
            page.pinned = None
        self.touch(page)
        self.ev["delete"] += 1

    def do_retime_top(self, page: Page) -> None:
        r = self.rng
        pid = self.pick(page, ("news", "template"), top=14, skip=2)
        if pid is None:
            return
        page.order.remove(pid)
        page.order.insert(0, pid)
        page.times[pid] = self.now
        self.touch(page)
        self.ev["retime_top"] += 1
        if r.random() < 0.5 and self.posts[pid].kind == "news":
            self.edit(page, pid)

    def do_pin(self, page: Page) -> None:
        pid = self.pick(page, ("news", "template"), top=10, skip=1)
        if pid is None or page.pinned is not None:
            return
        page.pinned = pid
        self.touch(page)
        self.ev["pin"] += 1
        self.at(self.now + self.mins(90, 420), "unpin", page.idx, pid)

    # --- templates
    TEMPLATE_HEADS: ClassVar[dict[str, list[str]]] = {
        "morning": [
            "It's morning on the Calder Coast. Here's what you need to know.",
            "What we know so far",
        ],
        "day": ["Here's the latest on the Calder Coast fires", "What we know so far"],
        "evening": ["Catch up on the day", "What we know so far"],
    }
    BOILER: ClassVar[dict[str, list[str]]] = {
        "It's morning on the Calder Coast. Here's what you need to know.": [
            "Firefighters worked through the night on several large fires burning across the Calder Coast.",
            "Here are the latest developments:",
        ],
        "What we know so far": [
            "If you're just joining us, here's the latest on the wildfires burning across the Calder Coast:"
        ],
        "Here's the latest on the Calder Coast fires": [
            "Several large wildfires continue to burn on the Calder Coast, forcing evacuations and cutting power to thousands.",
            "Here's what you need to know:",
        ],
        "Catch up on the day": [
            "It has been another long day on the fire lines. If you're just catching up, here's what happened:"
        ],
    }

    def bullet_for(self, page: Page, pid: int) -> str | None:
        lead = lead_of(page.content[pid])
        if not lead:
            return None
        return f"{self.posts[pid].label}: {lead}"

    def do_template(self, page: Page) -> None:
        r = self.rng
        srcs = []
        for pid in page.order[:20]:
            if (
                self.posts[pid].kind == "news"
                and lead_of(page.content[pid])
                and self.posts[pid].label not in [self.posts[s].label for s in srcs]
            ):
                srcs.append(pid)
        k = r.randint(3, 6)
        if len(srcs) < 3:
            return
        srcs = srcs[:k]
        h = self.now.hour
        slot = "morning" if 5 <= h < 11 else "day" if h < 18 else "evening"
        head = r.choice(self.TEMPLATE_HEADS[slot])
        paras = [Para("p", t) for t in self.BOILER[head]]
        for s in srcs:
            b = self.bullet_for(page, s)
            if b:
                paras.append(Para("bullet", b))
        if r.random() < 0.3:
            paras.append(Para("readmore", "Read more:"))
        pid = self.next_id
        self.next_id += 1
        meta = PostMeta(pid, "template", "Latest", [head], False)
        meta.quotes = srcs
        self.posts[pid] = meta
        byl = self.byline("from", page) if r.random() < 0.4 else ""
        v = Version(head, byl, (), tuple(paras), r.randint(0, 999))
        self.insert(page, pid, v, self.now, 0)
        self.ev["template"] += 1
        if r.random() < 0.45:
            self.at(self.now + self.mins(45, 200), "tupdate", page.idx, pid)

    def template_update(self, page: Page, pid: int) -> None:
        r = self.rng
        if pid not in page.content:
            return
        v = page.content[pid]
        meta = self.posts[pid]
        body = list(v.body)
        bullets = [k for k, p in enumerate(body) if p.kind == "bullet"]
        fresh = [
            p
            for p in page.order[:10]
            if self.posts[p].kind == "news" and p not in meta.quotes and lead_of(page.content[p])
        ]
        if fresh and bullets and r.random() < 0.7:
            s = fresh[0]
            b = self.bullet_for(page, s)
            if b:
                body.insert(bullets[0], Para("bullet", b))
                meta.quotes.append(s)
                if len(bullets) >= 6:
                    body.pop(bullets[-1] + 1)
        elif bullets:
            k = r.choice(bullets)
            src = [q for q in meta.quotes if q in page.content]
            if src and r.random() < 0.6:
                b = self.bullet_for(page, r.choice(src))
                if b and b != body[k].text:
                    body[k] = body[k]._replace(text=b)
                else:
                    body.pop(k)
            elif len(bullets) > 3:
                body.pop(k)
        nv = v._replace(body=tuple(body))
        if nv.key() == v.key():
            return
        self.set_version(page, pid, nv)
        self.ev["edit:template"] += 1
        if r.random() < 0.4 and page is self.cur:
            page.order.remove(pid)
            page.order.insert(0, pid)
            page.times[pid] = self.now
            self.ev["retime_top"] += 1
        if r.random() < 0.25:
            self.at(self.now + self.mins(45, 200), "tupdate", page.idx, pid)

    # --- rollover
    def rollover(self) -> None:
        r = self.rng
        old = self.cur
        new = self.new_page(old.date + dt.timedelta(days=1))
        carry = [p for p in old.order if self.posts[p].kind != "moved"][: r.randint(3, 7)]
        for rank, pid in enumerate(carry):
            v = old.content[pid]
            t = old.times[pid]
            if r.random() < 0.55:
                t = self.now - dt.timedelta(minutes=rank * r.randint(0, 2))
            new.order.append(pid)
            new.times[pid] = t
            new.content[pid] = v
            new.hist[pid].append(v)
            self.ev["carried"] += 1
            light = [("swap", 3), ("figure", 3), ("typo", 2), ("head_small", 2), ("byline", 1)]
            if r.random() < 0.25 and self.posts[pid].kind == "news" and self.edit(new, pid, light):
                self.ev["carried_edited"] += 1
                if r.random() < 0.5:
                    self.at(self.now + self.mins(30, 400), "catchup", old.idx, pid)
        new.updated = self.now
        old.closed = self.now
        if old.pinned is not None and r.random() < 0.5:
            old.pinned = None
        self.cur = new
        self.at(self.now + self.mins(0, 40), "moved", old.idx)
        self.next_template = self.now + self.mins(200, 400)

    def do_moved(self, page: Page) -> None:
        r = self.rng
        pid = self.next_id
        self.next_id += 1
        self.posts[pid] = PostMeta(pid, "moved", "Moved", [], False)
        head = r.choice(["Our live coverage has moved", "Our live coverage has moved"])
        body = (
            Para(
                "p",
                "Follow the latest updates on the wildfires burning across the Calder Coast here, or scroll through the posts below.",
            ),
        )
        if r.random() < 0.5:
            body = (
                Para(
                    "p",
                    "We've moved our live coverage of the Calder Coast wildfires to a new page.",
                ),
                Para("readmore", "Read the latest updates here."),
            )
        self.insert(page, pid, Version(head, "", (), body, 0), self.now, 0)
        self.ev["moved_notice"] += 1

    # --- the clock
    def activity(self) -> float:
        h = self.now.hour
        return 1.0 if 6 <= h < 23 else 0.45 if h in (23, 0) else 0.18

    def advance(self, minutes: int) -> None:
        r = self.rng
        end = self.now + dt.timedelta(minutes=minutes)
        while self.now < end:
            step = min(5, int((end - self.now).total_seconds() // 60))
            self.now += dt.timedelta(minutes=step)
            self.world.tick(step, self.now)
            if self.now >= self.next_briefing:
                self.world.briefing()
                self.next_briefing = self.now + self.mins(150, 260)
            while self.queue and self.queue[0][0] <= self.now:
                _, _, kind, args = heapq.heappop(self.queue)
                self.run_event(kind, args)
            if self.now >= self.cur.roll_at:
                self.rollover()
            f = step / 5 * self.activity()
            page = self.cur
            if r.random() < 0.13 * f:
                pos = 0 if r.random() < 0.92 or len(page.order) < 3 else r.randint(1, 2)
                when = (
                    self.now
                    if pos == 0
                    else min(page.times[page.order[pos - 1]], self.now) - self.mins(1, 20)
                )
                self.new_post(page, when=when, pos=pos)
            if r.random() < 0.2 * f:
                self.do_edit(page)
            if r.random() < 0.013 * f:
                self.do_retime_top(page)
            if r.random() < 0.016 * f:
                self.do_delete(page)
            if r.random() < 0.0045 * f and page.pinned is None:
                self.do_pin(page)
            if r.random() < 0.02 * f and page.order:
                pid = page.order[r.randrange(min(12, len(page.order)))]
                v = page.content[pid]
                page.content[pid] = v._replace(salt=r.randint(1000, 9999))  # inline links only
                self.ev["html_noise_only"] += 1
            if self.now >= self.next_template:
                if 5 <= self.now.hour < 23:
                    self.do_template(page)
                self.next_template = self.now + self.mins(170, 320)
            prev = self.pages[-2] if len(self.pages) > 1 else None
            if (
                prev is not None
                and prev.closed
                and self.now - prev.closed < dt.timedelta(hours=12)
                and r.random() < 0.006 * step / 5
            ):
                pid = self.pick(prev, ("news",))
                if pid is not None and self.edit(
                    prev, pid, [("swap", 3), ("figure", 2), ("typo", 2), ("cut_sentence", 1)]
                ):
                    self.ev["old_page_edit"] += 1

    def run_event(self, kind: str, args: tuple[Any, ...]) -> None:
        page = self.pages[args[0]]
        if kind in ("revert", "redo"):
            if kind == "redo":
                if args[1] in page.content and page.content[args[1]].key() != args[2].key():
                    self.set_version(page, args[1], args[2])
                    self.ev["redo"] += 1
            else:
                self.do_revert(page, args[1], args[2])
        elif kind == "catchup":
            self.do_catchup(page, args[1])
        elif kind == "unpin":
            if page.pinned == args[1]:
                page.pinned = None
                self.touch(page)
        elif kind == "tupdate":
            if page is self.cur:
                self.template_update(page, args[1])
        elif kind == "moved":
            self.do_moved(page)

    # ----------------------------------------------------------------------------------
    # Captures
    # ----------------------------------------------------------------------------------

    def gap(self) -> int:
        r = self.rng
        x = r.random()
        if x < 0.3:
            return r.randint(2, 15)
        if x < 0.8:
            return r.randint(20, 80)
        return r.randint(90, 280)

    def choose_page(self) -> Page:
        r = self.rng
        olds = self.pages[:-1]
        cur = self.cur
        if olds:
            p_old = 0.33 if self.now - cur.created < dt.timedelta(hours=3) else 0.1
            if r.random() < p_old:
                if r.random() < 0.65 or len(olds) == 1:
                    return olds[-1]
                return r.choice(olds[-10:-1])
        return cur

    def window(self, page: Page) -> int:
        r = self.rng
        x = r.random()
        w = (
            r.randint(3, 8)
            if x < 0.2
            else r.randint(9, 20)
            if x < 0.65
            else r.randint(21, 35)
            if x < 0.9
            else r.randint(36, 50)
        )
        return w

    def capture(self, i: int) -> Capture:
        r = self.rng
        page = self.choose_page()
        prior = [self.caps[j] for j in self.caps_of[page.idx]]
        good = [c for c in prior if not c.suspect]
        x = r.random()
        kind = "normal"
        if x < 0.014:
            kind = "error"
        elif x < 0.026:
            kind = "consent"
        elif x < 0.046 and prior and not prior[-1].suspect and len(set(prior[-1].posts)) >= 8:
            kind = "collapsed"
        elif 0.046 <= x < 0.081 and good:
            kind = "stale"
        stamp = self.now + UTC_OFFSET + dt.timedelta(seconds=r.randint(0, 59))
        captured_at = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
        ext = ".html" if self.fmt == "html" else ".txt"
        if kind == "stale":
            src = good[-1] if r.random() < 0.8 or len(good) < 2 else r.choice(good[-6:-1])
            self.ev["stale_prev" if src is prior[-1] else "stale_older"] += 1
            cap = Capture(
                "",
                page.title,
                src.layout,
                False,
                captured_at,
                list(src.posts),
                list(src.shown),
                src.data,
                "stale",
            )
        elif kind in ("error", "consent"):
            data = self.render_broken(page, kind)
            cap = Capture(
                "",
                page.title,
                "html" if self.fmt == "html" else "A",
                True,
                captured_at,
                [],
                [],
                data,
                kind,
            )
        else:
            p_b = 0.55 if page is not self.cur else 0.15
            layout = "B" if r.random() < p_b else "A"
            if self.fmt == "html":
                layout = "html"
            n = len(page.order)
            if kind == "collapsed":
                shown_ids = page.order[: r.randint(1, 2)]
                pinned = None
            else:
                whole = r.random() < 0.7
                w = self.window(page)
                if layout == "B" and whole:
                    w = 50
                shown_ids = page.order[:w]
                pinned = page.pinned if page.pinned in page.content else None
            seq = ([pinned] if pinned is not None else []) + shown_ids
            if layout == "A":
                data, shown = self.render_a(page, seq, n, kind == "collapsed")
            elif layout == "B":
                data, shown = self.render_b(page, seq, n)
            else:
                data, shown = self.render_html(page, seq, n, kind == "collapsed")
            cap = Capture(
                "", page.title, layout, kind == "collapsed", captured_at, seq, shown, data, kind
            )
        name = f"{i:04d}_{hashlib.sha1(cap.data).hexdigest()[:16]}{ext}"
        cap = cap._replace(file=name)
        self.caps.append(cap)
        self.caps_of[page.idx].append(i)
        self.ev["capture:" + kind] += 1
        return cap

    # --- renderers
    def fields(self, page: Page, pid: int, layout: str) -> Shown:
        v = page.content[pid]
        body = tuple(shown_para(p) for p in v.body)
        caps = tuple(c for c, _ in v.captions)
        if layout == "B":
            return Shown(b_head(v.headline), caps + tuple(curly(t) for t in body), None, None)
        return Shown(v.headline, caps + body, fmt_time(page.times[pid]), v.byline)

    def authors_line(self, page: Page) -> str:
        a = page.authors
        return "By " + (a[0] if len(a) == 1 else ", ".join(a[:-1]) + " and " + a[-1]) + ", CNN"

    def render_a(
        self, page: Page, seq: list[int], n: int, collapsed: bool
    ) -> tuple[bytes, list[Shown]]:
        r = self.noise
        count = n
        if collapsed and r.random() < 0.6:
            count = len(set(seq))
        out = f"{page.title}\n\n{self.authors_line(page)}\n\nUpdated {fmt_time(page.updated)}\n{count} Posts\nSort byDropdown arrow\n"
        chunks = []
        shown = []
        for pid in seq:
            v = page.content[pid]
            s = fmt_time(page.times[pid]) + "\n\n" + v.headline + "\n\n"
            if v.byline:
                s += v.byline + "\n\n"
            for c, credit in v.captions:
                s += f"{c}\n{c} ({credit})\n\n"
            s += body_text(v.body, tight=True)
            chunks.append((s, bool(v.body) and v.body[-1].tight))
            shown.append(self.fields(page, pid, "A"))
        for k, (s, tight) in enumerate(chunks):
            out += s
            if k + 1 < len(chunks):
                out += "\n" if tight else "\n\n"
        if not collapsed and len(set(seq)) >= len(page.order) and r.random() < 0.5:
            out += "\n\nDive Deeper\n\n" + "\n".join(page.dive)
        return out.encode("utf-8"), shown

    def render_b(self, page: Page, seq: list[int], n: int) -> tuple[bytes, list[Shown]]:
        out = f"{page.title} | CNN\n\n{page.title}\n\n"
        if page.promo:
            out += f"{page.promo[0]}\n{page.promo[1]}\n{page.promo[2]} - Source: CNN\n\n"
        out += f"What we covered here\n\n{n} Posts\n\n"
        chunks = []
        shown = []
        for pid in seq:
            v = page.content[pid]
            s = b_head(v.headline) + "\n\n"
            for c, _ in v.captions:
                s += c + "\n\n"
            s += body_text(tuple(p._replace(text=curly(p.text)) for p in v.body), tight=False)
            chunks.append(s)
            shown.append(self.fields(page, pid, "B"))
        out += "\n\n".join(chunks)
        dive = "\n\nDive Deeper\n\n" + "\n".join(page.dive)
        out += dive + (dive if page.dive_twice else "")
        return out.encode("utf-8"), shown

    def render_broken(self, page: Page, kind: str) -> bytes:
        r = self.noise
        titled = r.random() < 0.5
        if self.fmt == "html":
            title = (
                f"{page.title} | CNN" if titled else ("Error - CNN" if kind == "error" else "CNN")
            )
            if kind == "error":
                body = (
                    '<div class="error-page"><h1>Something went wrong</h1><p>We\'re sorry, but this page '
                    'is temporarily unavailable. Please try again later.</p><p class="error-code">Error 503</p></div>'
                )
            else:
                body = (
                    '<div id="onetrust-consent-sdk"><div class="ot-sdk-container"><h2>We value your privacy</h2>'
                    "<p>We and our 847 partners store and/or access information on a device, such as cookies, "
                    "and process personal data, such as unique identifiers.</p><button>Accept all</button>"
                    "<button>Reject all</button><button>Show purposes</button></div></div>"
                )
            nonce = hashlib.md5(f"{self.seed}{self.now}{r.random()}".encode()).hexdigest()[:12]
            return (
                f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
                f'<script nonce="{nonce}">window.__cnn={{}};</script></head><body>{body}</body></html>\n'
            ).encode()
        if kind == "error":
            text = r.choice(
                [
                    "503 Service Temporarily Unavailable\n\nThe server is temporarily unable to service your request. Please try again later.",
                    "Something went wrong\n\nWe're sorry, but this page is temporarily unavailable. Please try again later.\n\nError 503",
                    "Page not found\n\nThe page you requested could not be found. Try searching CNN instead.",
                ]
            )
        else:
            text = (
                "We value your privacy\n\nWe and our 847 partners store and/or access information on a device, "
                "such as cookies, and process personal data, such as unique identifiers and standard information "
                "sent by a device.\n\nAccept all\nReject all\nShow purposes"
            )
        if titled:
            text = f"{page.title} | CNN\n\n" + text
        return text.encode("utf-8")

    def render_html(
        self, page: Page, seq: list[int], n: int, collapsed: bool
    ) -> tuple[bytes, list[Shown]]:
        r = self.noise
        nonce = hashlib.md5(f"{self.seed}:{len(self.caps)}:{r.random()}".encode()).hexdigest()
        esc = lambda s: html.escape(s, quote=False).replace(NBSP, "&nbsp;")  # noqa: E731
        title = esc(page.title)
        canonical = f"https://www.cnn.com/weather/live-news/{page.slug}/index.html"
        head = (
            '<!DOCTYPE html>\n<html lang="en" data-layout-uri="cms.cnn.com/_layouts/layout-with-rail/instances/live-story@published">\n'
            '<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{title} | CNN</title>\n"
            f'<link rel="canonical" href="{canonical}">\n'
            f'<meta property="og:title" content="{html.escape(page.title)}">\n'
            '<meta name="description" content="The latest on the wildfires burning across the Calder Coast.">\n'
            f'<script nonce="{nonce[:16]}">window.CNN=window.CNN||{{}};CNN.contentModel={{"pageType":"live-story","section":"weather","build":"{nonce[16:24]}"}};</script>\n'
            "<style>.live-story-post{border-top:1px solid #e6e6e6;padding:24px 0}.live-story-post__headline{font-size:1.5rem}"
            ".image__credit{color:#6e6e6e;font-size:.75rem}.ad-slot{min-height:250px}</style>\n"
            f'<script type="application/ld+json">{{"@context":"https://schema.org","@type":"LiveBlogPosting","headline":{json.dumps(page.title)},'
            f'"coverageStartTime":"{(page.created + UTC_OFFSET).strftime("%Y-%m-%dT%H:%M:%SZ")}"}}</script>\n'
            '<script async src="https://www.cnn.com/js/ads/prebid.min.js"></script>\n</head>\n'
        )
        body = (
            '<body class="layout-with-rail live-story">\n<header class="header" data-editable="header">'
            '<a class="brand-logo" href="https://www.cnn.com">CNN</a><nav class="header__nav">'
            + "".join(
                f'<a class="header__nav-item" href="https://www.cnn.com/{s.lower()}">{s}</a>'
                for s in ("US", "World", "Politics", "Business", "Health", "Weather", "Sports")
            )
            + '</nav><button class="header__search">Search</button><a class="header__login">Log In</a></header>\n'
            f'<div class="ad-slot ad-slot--top" id="ad-{nonce[:8]}" data-ad-unit="/8663477/CNN/weather/live"></div>\n'
            '<main class="layout__main">\n'
            f'<h1 class="headline__text" id="maincontent">{title}</h1>\n'
            f'<div class="byline__names">{esc(self.authors_line(page))}</div>\n'
            f'<div class="timestamp">Updated {esc(fmt_time(page.updated))}</div>\n'
        )
        if page.promo:
            body += (
                f'<div class="video-resource" data-video-id="weather/{page.promo[0].replace(" ", "-")}">'
                f'<span class="video-resource__headline">{esc(page.promo[1])}</span>'
                f'<span class="video-resource__duration">{page.promo[2]}</span></div>\n'
            )
        count = len(set(seq)) if collapsed and r.random() < 0.6 else n
        body += (
            f'<div class="live-story__post-count">{count} Posts</div>\n'
            '<div class="live-story__sort"><span>Sort by</span><button aria-label="Dropdown arrow">'
            '<svg class="icon-ui-chevron-down"></svg></button></div>\n<div class="live-story__items">\n'
        )
        shown = []
        for k, pid in enumerate(seq):
            v = page.content[pid]
            uri = self.uri(page, pid, self.now)
            pinned = k == 0 and pid == page.pinned and seq.count(pid) > 1
            cls = "live-story-post live-story-post--pinned" if pinned else "live-story-post"
            art = f'<article class="{cls}" data-uri="{uri}">\n<header class="live-story-post__header">'
            if pinned:
                art += '<span class="live-story-post__pinned-label">Pinned</span>'
            art += (
                f'<span class="live-story-post__timestamp">{esc(fmt_time(page.times[pid]))}</span>\n'
                f'<h2 class="live-story-post__headline">{esc(v.headline)}</h2>\n'
            )
            if v.byline:
                art += f'<div class="live-story-post__byline">{esc(v.byline)}</div>\n'
            art += '</header>\n<div class="live-story-post__content">\n'
            for c, credit in v.captions:
                src = f"https://media.cnn.com/api/v1/images/stellar/prod/{hnum(c) % 10**12:012d}.jpg?c=16x9"
                art += (
                    f'<figure class="image"><img src="{src}" alt="{html.escape(c)}" loading="lazy">'
                    f'<figcaption class="image__caption"><span data-editable="metaCaption">{esc(c)}</span></figcaption>'
                    f'<span class="image__credit">{esc(credit)}</span></figure>\n'
                )
            for j, p in enumerate(v.body):
                art += self.html_para(p, v.salt, j, esc) + "\n"
            if r.random() < 0.15:
                art += (
                    '<div class="related-content"><a href="https://www.cnn.com/weather/fire-season-explainer">'
                    f'<span class="related-content__headline">{esc(r.choice(DIVE_POOL))}</span></a></div>\n'
                )
            art += (
                '</div>\n<div class="live-story-post__share"><button class="social-share__facebook">Share on Facebook</button>'
                '<button class="social-share__x">Share on X</button><button class="social-share__copy">Copy link</button>'
                '<span class="social-share__copied">Link Copied!</span></div>\n</article>\n'
            )
            body += art
            if k % 5 == 4:
                body += f'<div class="ad-slot ad-slot--inline" id="ad-{nonce[k % 20 : k % 20 + 8]}-{k}"><span class="ad-feedback">Ad Feedback</span></div>\n'
            shown.append(self.fields(page, pid, "html"))
        body += "</div>\n"
        if len(set(seq)) < n and not collapsed:
            body += '<button class="live-story__load-more">Load more</button>\n'
        body += (
            '<section class="dive-deeper"><h2 class="dive-deeper__title">Dive Deeper</h2><ul>'
            + "".join(
                f'<li><a href="https://www.cnn.com/weather/{hnum(d) % 10**6}">{esc(d)}</a></li>'
                for d in page.dive
            )
            + "</ul></section>\n</main>\n"
            '<footer class="footer"><nav class="footer__nav"><a href="/terms">Terms of Use</a><a href="/privacy">Privacy Policy</a>'
            '<a href="/ad-choices">Ad Choices</a></nav><p class="footer__copyright">\u00a9 2024 Cable News Network. '
            "A Warner Bros. Discovery Company. All Rights Reserved.</p></footer>\n"
            f'<script nonce="{nonce[:16]}" src="https://www.cnn.com/js/live-story.{nonce[24:32]}.js" defer></script>\n'
            "</body>\n</html>\n"
        )
        return (head + body).encode("utf-8"), shown

    def html_para(self, p: Para, salt: int, j: int, esc: Any) -> str:
        text = esc(p.text)
        if p.kind == "sub":
            return f'<p class="paragraph inline-placeholder"><strong>{text}</strong></p>'
        if p.kind == "bullet":
            return f'<p class="paragraph inline-placeholder">\u2022 {text}</p>'
        if p.kind == "readmore":
            return f'<p class="paragraph inline-placeholder"><a href="https://www.cnn.com/weather/calder-coast-fires">{text}</a></p>'
        if (salt + j) % 3 == 0:
            for town in TOWN_NAMES:
                i = text.find(town)
                if i >= 0:
                    slug = town.lower().replace(" ", "-")
                    text = f'{text[:i]}<a href="https://www.cnn.com/weather/{slug}-fire-map">{town}</a>{text[i + len(town) :]}'
                    break
        return f'<p class="paragraph inline-placeholder" data-editable="text">{text}</p>'


def b_head(h: str) -> str:
    """Layout B's headline: NBSPs inside some headlines, at places fixed by the text."""
    x = hnum("bhead", norm(h))
    if x % 10 >= 3:
        return h
    words = h.split(" ")
    if x % 10 == 0 or len(words) < 3:
        return h.rstrip() + NBSP
    i = 1 + (x // 10) % (len(words) - 1)
    return " ".join(words[:i]) + NBSP + " ".join(words[i:])


def body_text(body: tuple[Para, ...], tight: bool) -> str:
    s = ""
    for k, p in enumerate(body):
        line = ("  \u2022 " + p.text) if p.kind == "bullet" else p.text
        if k:
            prev = body[k - 1]
            if (prev.kind == "bullet" and p.kind == "bullet") or (tight and prev.tight):
                s += "\n"
            else:
                s += "\n\n"
        s += line
    return s


# --------------------------------------------------------------------------------------
# Ground truth (rules 1-5)
# --------------------------------------------------------------------------------------


class Rec(NamedTuple):
    layout: str
    head: str
    paras: tuple[str, ...]
    normed: tuple[str, ...]
    time: str | None
    byline: str | None
    since: int


def compute_truth(caps: list[Capture], stats: Counter[str]) -> dict[str, list[list[int]]]:
    last_bytes: dict[str, bytes] = {}
    rec: dict[tuple[str, int], Rec] = {}
    glob: dict[int, Rec] = {}
    texts: dict[int, list[tuple[int, tuple[str, ...]]]] = defaultdict(list)
    prev_shown: dict[str, list[int]] = {}
    edits, reverts, moves, removals = [], [], [], []
    for i, cap in enumerate(caps):
        same = last_bytes.get(cap.page) == cap.data
        last_bytes[cap.page] = cap.data
        if same:
            stats["truth:byte_identical"] += 1
            continue
        if cap.suspect:
            continue
        new: dict[int, Rec] = {}
        retimed: set[int] = set()
        for pid, s in zip(cap.posts, cap.shown, strict=False):
            if pid in new:
                continue
            normed = (norm(s.head), *tuple(norm(p) for p in s.paras))
            parent = rec.get((cap.page, pid))
            moved = False
            if parent is None and pid in glob:
                parent, moved = glob[pid], True
            if parent is None:
                new[pid] = Rec(cap.layout, s.head, s.paras, normed, s.time, s.byline, i)
                continue
            time = s.time if s.time is not None else parent.time
            byline = s.byline if s.byline is not None else parent.byline
            norm_diff = normed != parent.normed
            text_diff = norm_diff or (
                cap.layout == parent.layout and (s.head, s.paras) != (parent.head, parent.paras)
            )
            time_diff = s.time is not None and parent.time is not None and s.time != parent.time
            by_diff = (
                s.byline is not None and parent.byline is not None and s.byline != parent.byline
            )
            edit = moved or text_diff or time_diff or by_diff
            if time_diff:
                retimed.add(pid)
            since = parent.since
            if edit:
                since = i
                edits.append([pid, i])
                if moved:
                    moves.append([pid, i])
                    stats["truth:edit_moved"] += 1
                elif norm_diff:
                    stats["truth:edit_text"] += 1
                elif text_diff:
                    stats["truth:edit_typographic_only"] += 1
                elif time_diff:
                    stats["truth:edit_time_only"] += 1
                else:
                    stats["truth:edit_byline_only"] += 1
                if norm_diff and any(j < parent.since and t == normed for j, t in texts[pid]):
                    reverts.append([pid, i])
            new[pid] = Rec(cap.layout, s.head, s.paras, normed, time, byline, since)
        prev = prev_shown.get(cap.page)
        if prev is not None:
            pp = {p: k for k, p in enumerate(prev)}  # lowest place
            cp = {p: k for k, p in enumerate(cap.posts)}
            common = [p for p in pp if p in cp]
            moved_up = {y for y in common if any(pp[z] < pp[y] and cp[y] < cp[z] for z in common)}
            witnesses = [pp[y] for y in common if y not in retimed and y not in moved_up]
            lowest_witness = max(witnesses) if witnesses else -1
            for x in pp:
                if x not in cp and pp[x] < lowest_witness:
                    removals.append([x, i])
        for pid, rr in new.items():
            rec[(cap.page, pid)] = rr
            glob[pid] = rr
            texts[pid].append((i, rr.normed))
        prev_shown[cap.page] = list(cap.posts)
    key = lambda e: (e[1], e[0])  # noqa: E731
    return {
        "edits": sorted(edits, key=key),
        "reverts": sorted(reverts, key=key),
        "moves": sorted(moves, key=key),
        "removals": sorted(removals, key=key),
    }


# --------------------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------------------


def generate(out: Path, n: int, seed: int, fmt: str) -> tuple[dict[str, Any], Counter[str], Sim]:
    sim = Sim(seed, fmt)
    for i in range(n):
        sim.advance(sim.gap())
        sim.capture(i)
    stats: Counter[str] = Counter()
    truth_lists = compute_truth(sim.caps, stats)
    out.mkdir(parents=True, exist_ok=True)
    for pattern in ("*.txt", "*.html", "truth.json"):
        for old in out.glob(pattern):
            old.unlink()
    for cap in sim.caps:
        (out / cap.file).write_bytes(cap.data)
    truth = {
        "generator": GENERATOR,
        "seed": seed,
        "format": fmt,
        "captures": [
            {
                "file": c.file,
                "page": c.page,
                "layout": c.layout,
                "suspect": c.suspect,
                "captured_at": c.captured_at,
                "posts": c.posts,
            }
            for c in sim.caps
        ],
        **truth_lists,
    }
    (out / "truth.json").write_text(
        json.dumps(truth, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return truth, stats, sim


def rates(truth: dict[str, Any], stats: Counter[str], sim: Sim) -> list[str]:
    caps = truth["captures"]
    n = len(caps)
    lay = Counter(c["layout"] for c in caps)
    kinds = Counter(c.kind for c in sim.caps)
    windows = [len(c["posts"]) for c in caps if not c["suspect"] and c["posts"]]
    pinned = sum(1 for c in caps if len(c["posts"]) != len(set(c["posts"])))
    pages = Counter(c["page"] for c in caps)
    heads: Counter[str] = Counter()
    sent_posts: dict[str, set[int]] = defaultdict(set)
    occurrences = 0
    for p in sim.pages:
        for pid, hist in p.hist.items():
            for v in hist:
                for para in v.body:
                    for s in sentences(norm(para.text)):
                        sent_posts[s].add(pid)
        for pid in p.order:
            h = p.content[pid].headline.rstrip(" " + NBSP)
            last = h[-1:] if h else ""
            heads[last if not last.isalnum() else "none"] += 1
    for p in sim.pages:
        for pid in p.order:
            for para in p.content[pid].body:
                for _s in sentences(norm(para.text)):
                    occurrences += 1
    shared_occ = sum(
        1
        for p in sim.pages
        for pid in p.order
        for para in p.content[pid].body
        for s in sentences(norm(para.text))
        if len(sent_posts[s]) > 1
    )
    shared_distinct = sum(1 for s, ps in sent_posts.items() if len(ps) > 1)
    ncap_eff = n - stats["truth:byte_identical"] - sum(1 for c in caps if c["suspect"])
    old_caps = 0
    seen_pages: list[str] = []
    for c in sim.caps:
        if c.page not in seen_pages:
            seen_pages.append(c.page)
        if c.page != seen_pages[-1]:
            old_caps += 1
    ev = sim.ev
    edits_gen = sum(v for k, v in ev.items() if k.startswith("edit:"))
    lines = [
        f"captures {n} over {len(sim.pages)} day pages ({len(pages)} captured); "
        f"layout {dict(sorted(lay.items()))}; captures of an older page than the newest captured: {old_caps} ({old_caps / n:.1%})",
        f"suspect {sum(1 for c in caps if c['suspect'])} ({sum(1 for c in caps if c['suspect']) / n:.1%}): "
        f"error {kinds['error']}, consent {kinds['consent']}, collapsed {kinds['collapsed']}; "
        f"stale copies {kinds['stale']} ({ev['stale_prev']} of the previous capture, {ev['stale_older']} of an older one); "
        f"byte-identical to the page's previous capture {stats['truth:byte_identical']}",
        f"posts shown per non-suspect capture: mean {sum(windows) / max(1, len(windows)):.1f}, min {min(windows)}, max {max(windows)}; "
        f"captures with a pinned post shown twice {pinned} ({pinned / n:.1%})",
        f"true posts {sim.next_id - 1} (templates {ev['template']}, 'coverage has moved' {ev['moved_notice']}); "
        f"carried across day pages {ev['carried']} (lightly edited on carry {ev['carried_edited']})",
        f"newsroom events: edits {edits_gen} ({', '.join(f'{k[5:]} {v}' for k, v in sorted(ev.items()) if k.startswith('edit:'))}); "
        f"re-timed to top {ev['retime_top']}, re-timed in place {ev['retime_in_place']}, deletions {ev['delete']}, pins {ev['pin']}, "
        f"reverts {ev['revert']} (to an older revision {ev['revert_older']}), redone {ev['redo']}, "
        f"old page catch-ups {ev['catchup']}, late edits on old pages {ev['old_page_edit']}, HTML-only link changes {ev['html_noise_only']}",
        f"truth: edits {len(truth['edits'])} ({len(truth['edits']) / max(1, ncap_eff):.2f} per processed capture; "
        f"text {stats['truth:edit_text']}, typographic-only {stats['truth:edit_typographic_only']}, time-label-only {stats['truth:edit_time_only']}, "
        f"byline-only {stats['truth:edit_byline_only']}, moved {stats['truth:edit_moved']}), reverts {len(truth['reverts'])}, "
        f"moves {len(truth['moves'])}, removals {len(truth['removals'])}",
        "headline endings (posts on final pages): "
        + ", ".join(f"{k!r} {v / sum(heads.values()):.1%}" for k, v in heads.most_common()),
        f"sentence reuse: {shared_distinct / max(1, len(sent_posts)):.1%} of distinct body sentences appear in 2+ posts; "
        f"{shared_occ / max(1, occurrences):.1%} of body-sentence occurrences on final pages are shared with another post",
    ]
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--captures", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--format", choices=("text", "html"), default="text")
    ap.add_argument("--stats", action="store_true", help="print the realized rates to stderr")
    args = ap.parse_args()
    truth, stats, sim = generate(args.out, args.captures, args.seed, args.format)
    if args.stats:
        for line in rates(truth, stats, sim):
            print(line, file=sys.stderr)


if __name__ == "__main__":
    main()
