#!/usr/bin/env python3
"""Held-out corpus generator 7: a multi-day national election live blog.

The story is invented from end to end: a general election in Valmora (a fictional country with
a 240-seat National Assembly elected in 12 regions), followed on one CNN-style live page per
day: the last campaign days, election day and election night with results coming in region by
region, count disputes and a recount, then coalition talks. People, parties, places, quotes and
numbers come from the word banks and templates below.

The newsroom is simulated minute by minute and the pages are captured by a scheduler, so the
corpus holds the habits of real live blogs: vote tallies rewritten every half hour, typo fixes,
added sentences and bylines, reworded headlines, edits undone (sometimes back to an older
version), posts re-timed to the top, a pinned results post shown twice, deletions, posts carried
to the next day's page (sometimes reworded), template posts with identical headlines ("Results
so far", "Catch up", "What we know") whose bullets quote other posts, stock posts repeated word
for word across days, windows of 10 to 40 posts, layout-B re-captures of older pages, error
pages, consent walls, collapsed or truncated pages and byte-identical re-captures.

    python benchmarks/holdout7.py OUT_DIR [--captures N] [--seed S] [--format text|html] [--check]

Output follows benchmarks/CORPUS_CONTRACT.md: numbered capture files and truth.json, the ground
truth computed from the generator's own post ids by the contract's rules. Standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import heapq
import html
import json
import math
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from random import Random
from typing import Any, ClassVar, NamedTuple

GENERATOR = "holdout7"

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
# The invented world
# ---------------------------------------------------------------------------------------------

COUNTRY = "Valmora"
ADJ = "Valmoran"
CAPITAL = "Corvena"
LOCAL_OFFSET_H = 6  # Valmora local time = ET + 6 hours

REGIONS: list[tuple[str, tuple[str, ...], int]] = [
    ("Corvena City", ("Corvena", "Saint Ilde", "Marsh Gate"), 38),
    ("Brennmark", ("Brenn", "Hollin", "Varrow"), 24),
    ("Ostravel", ("Ostra", "Kell Bridge", "Dunhallow"), 26),
    ("Lusk Coast", ("Lusk", "Port Sennet", "Carrow Bay"), 14),
    ("Harrowfield", ("Harrow", "Elmsby", "Tarn"), 22),
    ("Tiramen", ("Tiramen", "Oskby", "Fennick"), 18),
    ("Kelsing Valley", ("Kelsing", "Amber Falls", "Ludd"), 16),
    ("Dovrenne", ("Dovrenne", "Sallow", "Greyport"), 20),
    ("Port Amsel", ("Port Amsel", "Wick", "Ostermoor"), 22),
    ("Sarnica", ("Sarnica", "Velde", "Korrin"), 18),
    ("Upper Velm", ("Velm", "High Pasture", "Roskil"), 12),
    ("Eskerholm", ("Eskerholm", "Isle of Tamm", "Brask"), 10),
]
REGION_NAMES = [r[0] for r in REGIONS]
REGION_SEATS = {r[0]: r[2] for r in REGIONS}

PARTY_ORDER = ["SA", "CU", "HF", "FV", "FC", "LP"]
PARTIES = {
    "SA": ("Social Alliance", "Lena Morcant", "Morcant"),
    "CU": ("Civic Union", "Teodor Baranyk", "Baranyk"),
    "HF": ("Homeland Front", "Kasimir Vell", "Vell"),
    "FV": ("Forward Movement", "Aurel Dunmore", "Dunmore"),
    "FC": ("Free Citizens", "Daria Posk", "Posk"),
    "LP": ("Lusk Coast People's Party", "Maren Oyelaran", "Oyelaran"),
}
PARTY_WEIGHTS = [6, 6, 4, 3, 2, 1]

ISSUES = [
    "housing costs",
    "the pension age",
    "energy bills",
    "the border with Lestria",
    "public sector pay",
    "the Brennmark coal mines",
    "a tax on second homes",
    "rail links to the coast",
    "hospital waiting lists",
    "the minimum wage",
    "the island ferries",
    "teacher shortages",
]

CLAIMS = {
    "SA": [
        "the government has run out of ideas",
        "rents would be frozen for two years under a Social Alliance government",
        "a vote for the smaller parties is a vote for four more years of Baranyk",
        "Valmora cannot afford another term of drift",
        "the pension age will not rise while she is in office",
    ],
    "CU": [
        "the opposition's spending plans do not add up",
        "stability matters more than ever with Lestria in turmoil",
        "the economy is finally turning the corner",
        "a Social Alliance government would raise taxes on working families",
        "the next four years will decide whether the recovery lasts",
    ],
    "HF": [
        "the border with Lestria must be closed to unregistered workers",
        "the big parties have abandoned rural Valmora",
        "the Homeland Front will not prop up any government led by Morcant",
        "the electoral roll is full of errors",
    ],
    "FV": [
        "the Brennmark coal mines should close by 2036",
        "young voters will decide this election",
        "the Forward Movement is ready to govern for the first time",
        "rail links to the coast must be rebuilt within a decade",
    ],
    "FC": [
        "taxes on small businesses must come down",
        "the Free Citizens will be the kingmakers in the next parliament",
        "red tape is strangling the regions",
    ],
    "LP": [
        "the coast has been ignored by Corvena for too long",
        "a guaranteed island ferry service is a red line for any coalition",
        "Lusk Coast will not be taken for granted again",
    ],
}

QUOTES = {
    "SA": [
        "We are ready to govern, and we are ready on day one",
        "This country has waited long enough for homes people can afford",
        "Every vote for us is a vote to end the drift",
        "We will count every ballot before we claim anything",
        "The door to talks is open, but it will not stay open forever",
        "Tonight Valmora chose change",
        "Nobody should take a single seat for granted",
    ],
    "CU": [
        "Stability is not a slogan, it is a promise we kept",
        "I will not concede on the basis of a projection",
        "We are still the party of working families",
        "The opposition has promised everything to everyone",
        "We respect the voters, and we will respect the result",
        "A caretaker government does not take holidays",
    ],
    "HF": [
        "These are not the results Valmorans voted for",
        "The commission must answer our questions before anything is certified",
        "We will not be lectured by the parties of Corvena",
        "Every irregularity must be investigated, every single one",
    ],
    "FV": [
        "A coalition without a climate plan is no coalition at all",
        "We are ready to talk, but not at any price",
        "The young people of this country turned out today",
        "Our voters did not send us to parliament to sit on our hands",
    ],
    "FC": [
        "We are not anyone's spare tire",
        "Our support comes with conditions, and everyone knows them",
        "Small businesses need a voice at the cabinet table",
    ],
    "LP": [
        "The coast will not be taken for granted again",
        "The ferry guarantee is not negotiable",
        "Our seats are few, but they may be decisive",
    ],
    "CEC": [
        "The count is proceeding in line with the law",
        "We have received no evidence of fraud that could affect the outcome",
        "Every complaint will be examined, and every result will be published",
        "Counting in the island precincts always takes longer",
    ],
    "PRES": [
        "I will listen to every party that has won seats",
        "The country needs a government, but it needs a stable one",
        "I expect the leaders to put the national interest first",
    ],
    "OBS": [
        "Voting was largely orderly and well administered",
        "We noted isolated problems with access to polling stations",
        "The campaign was competitive and fundamental freedoms were respected",
    ],
    "AN": [
        "Nobody should read too much into the early figures from Corvena",
        "This is the most fragmented parliament Valmora has had in 30 years",
        "The arithmetic points to a three-party coalition, whoever leads it",
        "Turnout among under-30s is the story of the night",
        "The islands have decided close elections before",
    ],
}

# Quotes that only make sense once the polls have closed.
AFTER_VOTE = re.compile(
    r"caretaker|Tonight|concede|projection|result|turned out|talk|count every|decisive|Our seats|seats are few"
)

CEC_CHAIR = "Oskar Feldt"
CEC_SPOKES = "Ines Marrow"
PRESIDENT = "Hanne Ilvik"
OBSERVER = "Gerrit Vahl"
OBS_BODY = "the Council of Democracies observer mission"
ANALYSTS = [
    ("Tomas Greer", "a political scientist at the University of Corvena"),
    ("Mira Castellan", "head of the polling firm Civica Research"),
    ("Sela Porrin", "a former electoral commissioner"),
    ("Joost Amberly", "chief economist at Kestrel Bank in Corvena"),
    ("Ruth Abelard", "who teaches constitutional law at Ostra University"),
]
VOTERS = [
    ("Elsa Brandt", 54, "a nurse"),
    ("Pavel Osk", 23, "a student"),
    ("Ida Lorne", 71, "a retired teacher"),
    ("Mikkel Varga", 38, "a bus driver"),
    ("Sanna Holt", 45, "who runs a bakery"),
    ("Tobiah Renn", 29, "a warehouse worker"),
    ("Greta Ansel", 62, "a fisherwoman"),
    ("Jonas Kerr", 33, "a software engineer"),
    ("Lidia Marsh", 50, "a shop owner"),
    ("Anton Bry", 19, "a first-time voter"),
]
REPORTERS = [
    "Nadia Perel",
    "Jonas Whitcombe",
    "Ayesha Tolland",
    "Bruno Castellane",
    "Ilya Brandauer",
    "Sophie Marchbank",
    "Daniel Osei-Mensah",
    "Freya Lindahl",
    "Ravi Kapadia",
    "Martina Ruiz-Heller",
    "Tom Okonkwo",
    "Greta Solheim",
    "Lucas Penhale",
    "Hana Wojcik",
    "Isaac Fenwright",
    "Ottilie Graves",
    "Marek Stanik",
    "Clara Duvall",
]
EDITORS = [
    "Alexandra Pryce",
    "Ben Whitlow",
    "Chiara Bonetti",
    "Dev Anand Rao",
    "Elif Demir",
    "Fergus Kane",
    "Gabriela Souza",
    "Henrik Lund",
    "Imogen Tate",
    "Jamal Rivers",
    "Kaito Mori",
    "Lotte Fischbach",
    "Mia Castellano",
    "Noah Brightwater",
]
PHOTOGRAPHERS = [
    "Piet Halloran",
    "Sanne Visk",
    "Olek Marsh",
    "Tamsin Rue",
    "Kai Brody",
    "Agnes Feld",
    "Ruben Salo",
]
AGENCIES = [
    "Reuters",
    "AP",
    "AFP/Getty Images",
    "Bloomberg/Getty Images",
    "EPA-EFE/Shutterstock",
    "Anadolu/Getty Images",
]
DIVE_LINKS = [
    "How Valmora votes: a guide to the National Assembly election",
    "Who is Lena Morcant, the former union lawyer who wants to run Valmora?",
    "Analysis: Teodor Baranyk's long goodbye",
    "The island ferries that decide close Valmoran elections",
    "Valmora's Homeland Front is closer to power than ever. Here's why",
    "Maps: How every region of Valmora voted",
    "What a new government in Corvena could mean for Lestria",
    "Valmora's young voters are angry about rent. Will they turn out?",
]
VIDEOS = [
    ("valmora election night", "Watch CNN's Nadia Perel at Social Alliance headquarters", "02:41"),
    ("valmora count perel", "Why the count in the islands takes so long", "03:12"),
    ("baranyk interview", "Baranyk: 'I will not concede on a projection'", "01:58"),
    ("valmora coalition explainer", "Valmora's coalition math, explained in 90 seconds", "01:31"),
    ("morcant rally", "Inside Lena Morcant's final rally", "04:05"),
]
READ_MORE = [
    "Why the count in Eskerholm always takes the longest",
    "Valmora's election explained in five charts",
    "The Homeland Front's rise, region by region",
    "Who could be Valmora's next prime minister?",
    "What happens if nobody can form a government in Valmora",
]

BACKGROUND = [
    "Some context: Valmora's National Assembly has 240 seats, elected by proportional representation across 12 regions. A party needs 5% of the national vote to win seats, unless it takes 20% in a single region.",
    "Baranyk's Civic Union has led the government for eight years, most recently in a coalition with the Free Citizens that collapsed in the spring over a budget dispute.",
    "No party has won an outright majority in Valmora since 1998, and coalition talks after the last election took 71 days.",
    "Under the constitution, President Hanne Ilvik invites the leader most likely to command a majority of 121 seats to try to form a government.",
    "The Central Electoral Commission publishes partial results region by region. Ballots from the Eskerholm islands travel by ferry and are usually counted last.",
    "Opinion polls showed the Social Alliance and the Civic Union within a few points of each other for most of the campaign, with the Homeland Front a distant third.",
    "About 6.7 million Valmorans are eligible to vote, including roughly 310,000 citizens registered abroad.",
]

STOCK_POSTS = {
    "counting": ("Counting continues", ["Counting continues."]),
    "counting2": (
        "Counting continues.",
        [
            "Counting continues. The electoral commission says its next update is due at 9 a.m. local time (3 a.m. ET)."
        ],
    ),
    "pause": (
        "We're pausing our live coverage",
        [
            "We're pausing our live coverage of the Valmora election for now. You can scroll through the posts below to read more about today's events."
        ],
    ),
    "moved": (
        "Our live coverage has moved",
        ["Our live coverage of the Valmora election has moved here."],
    ),
    "talks": (
        "Coalition talks resume",
        [
            "Coalition talks resume at 10 a.m. local time (4 a.m. ET) at the presidential palace in Corvena."
        ],
    ),
    "closed_esk": (
        "Polls are now closed in Eskerholm",
        ["Polls are now closed in Eskerholm."],
    ),
    "polls_close": ("Polls close", ["Polls have now closed across mainland Valmora."]),
    "morning": (
        "Good morning from Corvena",
        ["Good morning from Corvena. Here's what we're watching today."],
    ),
}

# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------


def h32(*parts: object) -> int:
    data = "\x1f".join(str(p) for p in parts).encode("utf-8")
    return int.from_bytes(hashlib.md5(data).digest()[:4], "big")


def hexid(*parts: object, n: int = 16) -> str:
    data = "\x1f".join(str(p) for p in parts).encode("utf-8")
    return hashlib.sha1(data).hexdigest()[:n]


_SPACES = re.compile(r"[\s\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
_SQUOTES = re.compile(r"[\u2018\u2019\u201a\u201b\u2032]")
_DQUOTES = re.compile(r"[\u201c\u201d\u201e\u201f\u2033]")
_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]")


def normalize(text: str) -> str:
    text = _SQUOTES.sub("'", text)
    text = _DQUOTES.sub('"', text)
    text = _DASHES.sub("-", text)
    return _SPACES.sub(" ", text).strip()


def curlify(text: str) -> str:
    out = []
    prev = " "
    for ch in text:
        if ch == '"':
            out.append("\u201c" if prev in " \u00a0([\u2014-\n\u2018" else "\u201d")
        elif ch == "'":
            out.append("\u2018" if prev in " \u00a0([\u2014\n\u201c" else "\u2019")
        else:
            out.append(ch)
        prev = ch
    return "".join(out)


def straighten(text: str) -> str:
    return _DQUOTES.sub('"', _SQUOTES.sub("'", text))


def time_label(t: dt.datetime) -> str:
    h = t.hour % 12 or 12
    ap = "a.m." if t.hour < 12 else "p.m."
    return f"{h}:{t.minute:02d} {ap} ET, {MONTHS[t.month - 1]} {t.day}, {t.year}"


def clock(t: dt.datetime) -> str:
    h = t.hour % 12 or 12
    ap = "a.m." if t.hour < 12 else "p.m."
    return f"{h}:{t.minute:02d} {ap}" if t.minute else f"{h} {ap}"


def date_words(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def et_to_utc_offset(t: dt.datetime) -> int:
    """Hours to add to US Eastern local time to get UTC."""
    y = t.year
    march = dt.datetime(y, 3, 1)
    second_sunday_march = march + dt.timedelta(days=(6 - march.weekday()) % 7 + 7, hours=2)
    nov = dt.datetime(y, 11, 1)
    first_sunday_nov = nov + dt.timedelta(days=(6 - nov.weekday()) % 7, hours=2)
    return 4 if second_sunday_march <= t < first_sunday_nov else 5


def join_names(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


_SENT_END = re.compile(r"(?<![ap]\.m)(?<!\bMr)(?<!\bDr)\.\s+(?=[\"\u201cA-Z])")


def first_sentence(p: str) -> str:
    m = _SENT_END.search(p)
    return p[: m.start() + 1] if m else p


def ordinal(n: int) -> str:
    return {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth"}.get(
        n, f"{n}th"
    )


# ---------------------------------------------------------------------------------------------
# Posts and pages
# ---------------------------------------------------------------------------------------------


class Content(NamedTuple):
    headline: str
    byline: str | None
    captions: tuple[tuple[str, str], ...]
    paras: tuple[Any, ...]  # str, or tuple[str, ...] for a bullet list


def content_strings(c: Content) -> list[str]:
    out = [c.headline]
    for p in c.paras:
        if isinstance(p, tuple):
            out.extend(p)
        else:
            out.append(p)
    return out


class Entry:
    """One post as it stands on one page (a carried post has one Entry per page)."""

    def __init__(
        self,
        pid: int,
        page: int,
        content: Content,
        time: dt.datetime,
        uri: str,
        meta: dict[str, Any],
    ) -> None:
        self.pid = pid
        self.page = page
        self.content = content
        self.time = time
        self.uri = uri
        self.meta = meta
        self.seen: list[Content] = []
        self.hist: list[tuple[Content, dict[str, Any]]] = [(content, clone_meta(meta))]


def clone_meta(meta: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in meta.items():
        out[k] = list(v) if isinstance(v, list) else v
    return out


class Page:
    def __init__(self, idx: int, date: dt.date, title: str, opened: dt.datetime) -> None:
        self.idx = idx
        self.date = date
        self.title = title
        self.entries: list[Entry] = []
        self.pinned: Entry | None = None
        self.authors: list[str] = []
        self.b_mode = False
        self.last_mod = opened
        self.window_base = 20
        self.dive: list[str] | None = None
        self.video: tuple[str, str, str] | None = None
        self.last_cap: dict[str, Any] | None = None
        self.last_ok_cap: dict[str, Any] | None = None
        self.outage = False
        self.slug = ""
        self.b_dive: list[str] = []
        self.b_dive_twice = False


# ---------------------------------------------------------------------------------------------
# Election results model
# ---------------------------------------------------------------------------------------------


class Results:
    def __init__(self, rng: Random, close_min: int) -> None:
        base = {"SA": 29.0, "CU": 27.5, "HF": 15.5, "FV": 10.5, "FC": 6.4, "LP": 3.6}
        self.final = {p: round(v + rng.uniform(-2.2, 2.2), 2) for p, v in base.items()}
        self.final["FC"] = max(5.3, self.final["FC"])
        self.bias: dict[str, dict[str, float]] = {}
        self.drift: dict[str, dict[str, float]] = {}
        self.start: dict[str, int] = {}
        self.tau: dict[str, float] = {}
        self.done: dict[str, int] = {}
        self.turnout = round(rng.uniform(61.0, 71.0), 1)
        for r in REGION_NAMES:
            b = {p: rng.uniform(-4.0, 4.0) for p in PARTY_ORDER}
            b["LP"] = 24.0 if r == "Lusk Coast" else (2.0 if r == "Eskerholm" else -2.8)
            self.bias[r] = b
            self.drift[r] = {p: rng.uniform(-5.0, 5.0) for p in PARTY_ORDER}
            self.start[r] = close_min + rng.randint(25, 90)
            self.tau[r] = rng.uniform(150.0, 420.0)
            self.done[r] = close_min + rng.randint(14 * 60, 22 * 60)
        self.start["Eskerholm"] += 150
        self.tau["Eskerholm"] = 700.0
        self.done["Eskerholm"] = close_min + rng.randint(24 * 60, 30 * 60)
        # Sarnica is recounted later; its final figure arrives with the recount.
        self.done["Sarnica"] = close_min + 10**7

    def reporting(self, region: str, m: int) -> float:
        if m < self.start[region]:
            return 0.0
        if m >= self.done[region]:
            return 100.0
        x = 1.0 - math.exp(-(m - self.start[region]) / self.tau[region])
        return min(99.6, 100.0 * x)

    def shares(self, region: str, m: int) -> dict[str, float]:
        rep = self.reporting(region, m) / 100.0
        raw = {}
        for p in PARTY_ORDER:
            v = self.final[p] + self.bias[region][p] + self.drift[region][p] * (1.0 - rep) ** 1.5
            raw[p] = max(0.3, v)
        total = sum(raw.values())
        target = 100.0 - 4.5
        return {p: round(v * target / total, 1) for p, v in raw.items()}

    def national_reporting(self, m: int) -> float:
        tot = sum(REGION_SEATS.values())
        return sum(self.reporting(r, m) * REGION_SEATS[r] for r in REGION_NAMES) / tot

    def national(self, m: int) -> dict[str, float]:
        acc = dict.fromkeys(PARTY_ORDER, 0.0)
        wsum = 0.0
        for r in REGION_NAMES:
            w = REGION_SEATS[r] * max(0.02, self.reporting(r, m) / 100.0)
            s = self.shares(r, m)
            for p in PARTY_ORDER:
                acc[p] += s[p] * w
            wsum += w
        return {p: round(v / wsum, 1) for p, v in acc.items()}

    def seats(self, m: int) -> dict[str, int]:
        nat = self.national(m)
        qual = {p: v for p, v in nat.items() if v >= 5.0}
        if "LP" not in qual:
            qual["LP"] = self.shares("Lusk Coast", m)["LP"] * 14 / 240 * 1.9
        total = sum(qual.values())
        quotas = {p: 240 * v / total for p, v in qual.items()}
        seats = {p: int(q) for p, q in quotas.items()}
        rest = 240 - sum(seats.values())
        for p in sorted(quotas, key=lambda k: quotas[k] - seats[k], reverse=True)[:rest]:
            seats[p] += 1
        return {p: seats.get(p, 0) for p in PARTY_ORDER}

    def votes(self, region: str, party: str, m: int) -> int:
        electorate = REGION_SEATS[region] * 27_900
        rep = self.reporting(region, m) / 100.0
        return int(electorate * self.turnout / 100.0 * rep * self.shares(region, m)[party] / 100.0)


def ranked(shares: dict[str, float]) -> list[str]:
    return sorted(shares, key=lambda p: (-shares[p], PARTY_ORDER.index(p)))


# ---------------------------------------------------------------------------------------------
# The writers: templates and word banks that draft posts
# ---------------------------------------------------------------------------------------------


class Writer:
    def __init__(self, sim: Sim) -> None:
        self.s = sim
        self.r = sim.rng

    # -- small pieces ---------------------------------------------------------------------------

    def c(self, seq: Any) -> Any:
        return self.r.choice(list(seq))

    def party(self, exclude: tuple[str, ...] = ()) -> str:
        opts = [(p, w) for p, w in zip(PARTY_ORDER, PARTY_WEIGHTS, strict=True) if p not in exclude]
        return self.r.choices([p for p, _ in opts], weights=[w for _, w in opts])[0]

    def wd(self) -> str:
        return WEEKDAYS[self.s.now.weekday()]

    def md(self) -> str:
        return f"{MONTHS[self.s.now.month - 1]} {self.s.now.day}"

    def local(self, minutes_ahead: int = 0) -> str:
        t = self.s.now + dt.timedelta(hours=LOCAL_OFFSET_H, minutes=minutes_ahead)
        return clock(t)

    def town(self, region: str | None = None) -> tuple[str, str]:
        if region is None:
            region = self.c(REGION_NAMES)
        towns = next(r[1] for r in REGIONS if r[0] == region)
        return self.c(towns), region

    def role(self, ab: str) -> str:
        post = self.s.phase_idx >= 2
        return {
            "SA": "Social Alliance leader" if post else "opposition leader",
            "CU": "caretaker Prime Minister" if post else "Prime Minister",
            "HF": "Homeland Front leader",
            "FV": "Forward Movement co-leader",
            "FC": "Free Citizens leader",
            "LP": "Lusk Coast People's Party leader",
        }[ab]

    def who(self, ab: str) -> str:
        return f"{self.role(ab)} {PARTIES[ab][1]}"

    def credit(self) -> str:
        if self.r.random() < 0.12:
            return self.c(["CNN", "Valmora Press Agency", "Social Alliance", "Handout"])
        return f"{self.c(PHOTOGRAPHERS)}/{self.c(AGENCIES)}"

    def caption(
        self, kind: str = "any", ab: str | None = None, town: str | None = None
    ) -> tuple[str, str]:
        ab = ab or self.party()
        name, leader, _last = PARTIES[ab]
        if town is None:
            town, region = self.town()
        else:
            region = next((r[0] for r in REGIONS if town in r[1]), "Corvena City")
        md = self.md()
        place = town if region.startswith(town) else f"{town}, {region}"
        opts = {
            "leader": [
                f"{leader} speaks to supporters in {place}, on {md}.",
                f"{leader}, center, arrives at a campaign event in {town} on {self.wd()}.",
                f"{leader} waves to supporters after a news conference in Corvena on {md}.",
            ],
            "vote": [
                f"Voters line up outside a school used as a polling station in {place}, on {md}.",
                f"An election official helps a voter at a polling station in {town} on {md}.",
                f"A woman casts her ballot in {town} on {md}.",
            ],
            "count": [
                f"Election officials count ballots at a polling station in {town} on {md}.",
                f"Ballot boxes are stacked at a counting center in {place}, on {md}.",
                f"Volunteers sort ballots in {town} on {self.wd()} night.",
            ],
            "hq": [
                f"Supporters of the {name} react to the exit poll at the party's headquarters in Corvena on {md}.",
                f"{name} supporters wave flags at the party's election night event in Corvena.",
            ],
            "protest": [
                f"Protesters gather outside the Central Electoral Commission in Corvena on {md}.",
                f"Homeland Front supporters hold up signs outside the electoral commission on {self.wd()}.",
            ],
            "talks": [
                f"{leader} arrives for coalition talks at the presidential palace in Corvena on {md}.",
                f"President Hanne Ilvik meets party leaders in Corvena on {md}.",
            ],
        }
        pool = opts.get(kind) or [x for v in opts.values() for x in v]
        text = self.c(pool)
        return text, self.credit()

    def byline(self) -> str:
        apos = "\u2019" if self.r.random() < 0.3 else "'"
        n = self.r.choices([1, 2, 3], weights=[5, 4, 1])[0]
        names = self.r.sample(REPORTERS, n)
        tail = f" in {CAPITAL}" if n == 1 and self.r.random() < 0.3 else ""
        return f"From CNN{apos}s {join_names(names)}{tail}"

    def quote(self, who: str) -> str:
        pool = QUOTES[who]
        if self.s.phase_idx < 2:
            pool = [q for q in pool if not AFTER_VOTE.search(q)] or pool
        return self.c(pool)

    def quote_para(self, ab: str, q: str | None = None, town: str | None = None) -> str:
        q = q or self.quote(ab)
        if ab in PARTIES:
            last = PARTIES[ab][2]
            full = PARTIES[ab][1]
        elif ab == "CEC":
            last, full = "Feldt", f"electoral commission chair {CEC_CHAIR}"
        elif ab == "PRES":
            last, full = "Ilvik", f"President {PRESIDENT}"
        elif ab == "OBS":
            last, full = "Vahl", f"{OBSERVER}, who leads {OBS_BODY}"
        else:
            nm, desc = self.c(ANALYSTS)
            last, full = nm.split()[-1], f"{nm}, {desc}"
        town = town or CAPITAL
        form = self.r.randrange(5)
        if form == 0:
            p = f'"{q}," {full} said.'
        elif form == 1:
            p = f'"{q}," {last} told supporters in {town}.'
        elif form == 2:
            p = f'"{q}," said {full}, speaking to reporters in {town}.'
        elif form == 3:
            p = f'"{q}," {last} said in a post on social media.'
        else:
            p = f'"{q}. We owe that to the people of {COUNTRY}," {last} added.'
        pool = self.s.quote_pool
        if p not in pool:
            pool.append(p)
            if len(pool) > 60:
                del pool[0]
        return p

    def reused_quote(self) -> str | None:
        pool = self.s.quote_pool
        return self.c(pool) if pool else None

    def background(self) -> str:
        return self.c(BACKGROUND)

    def heading_line(self) -> str:
        return self.c(
            [
                "What happens next",
                "The numbers",
                "Why it matters",
                "Key figures:",
                "The bottom line",
                "Polls close",
                "What the parties say",
                "Looking ahead:",
            ]
        )

    def read_more(self) -> str:
        return f"Read more: {self.c(READ_MORE)}"

    # -- the post kinds -------------------------------------------------------------------------

    def k_rally(self) -> dict[str, Any]:
        ab = self.party()
        name, leader, last = PARTIES[ab]
        town, region = self.town()
        claim = self.c(CLAIMS[ab])
        crowd = self.c(
            ["hundreds of", "about 2,000", "several thousand", "more than 5,000", "a few hundred"]
        )
        q = self.quote(ab)
        hl = self.c(
            [
                f"{last} tells rally in {town} that {claim}",
                f"{last} makes final pitch to voters in {town}",
                f"{upfirst(self.role(ab))} {leader} rallies supporters in {town}",
                f'{last} in {town}: "{q}"',
                f"On the trail with {last} in {region}...",
                f"{last} woos undecided voters in {region}",
            ]
        )
        seats_then = self.r.randint(1, max(2, REGION_SEATS[region] // 3))
        paras = [
            f"{leader} told {crowd} supporters in {town} on {self.wd()} that {claim}, as the {name} pushed to win over undecided voters in {region}.",
            self.quote_para(ab, q, town),
            f"The {name} won {seats_then} of {region}'s {REGION_SEATS[region]} seats at the last election in 2027.",
        ]
        if self.r.random() < 0.5:
            paras.append(self.background())
        return dict(
            headline=hl,
            paras=paras,
            label=f"{last} in {town}",
            alts=[f"{last} takes campaign to {region}", f"{last}: {claim}"],
            extra=[
                "The rally was briefly interrupted by protesters, who were led out by security staff.",
                f"{last} is due to hold another event in {self.town(region)[0]} later on {self.wd()}.",
            ],
            lead_alt=f"Speaking to {crowd} supporters in {town}, {leader} said {claim}.",
            cap=self.caption("leader", ab, town) if self.r.random() < 0.45 else None,
        )

    def k_poll(self) -> dict[str, Any]:
        pollster = self.c(
            [
                "Civica Research",
                "Norvik Polling",
                "the Valmoran Institute of Public Opinion",
                "DataLine",
            ]
        )
        sh = {p: round(self.s.results.final[p] + self.r.uniform(-2.5, 2.5), 1) for p in PARTY_ORDER}
        order = ranked(sh)
        a, b = order[0], order[1]
        gap = round(sh[a] - sh[b], 1)
        n = self.r.randint(9, 31) * 100 + self.r.randint(0, 99)
        moe = self.c(["2.1", "2.5", "3", "3.2"])
        hl = self.c(
            [
                f"New poll puts {PARTIES[a][0]} {gap} points ahead",
                f"Poll: {PARTIES[a][0]} {sh[a]}%, {PARTIES[b][0]} {sh[b]}%",
                f"{PARTIES[a][0]} leads in {pollster.replace('the ', '')} poll, but the gap is narrowing",
                "Is the race tightening? The latest poll suggests it might be",
                f"Final poll before the vote has {PARTIES[a][0]} in front"
                if self.s.phase == "eve"
                else f"{PARTIES[a][0]} stays in front in {pollster.replace('the ', '')} tracker",
            ]
        )
        bullets = tuple(f"{PARTIES[p][0]}: {sh[p]}%" for p in order)
        paras: list[Any] = [
            f"A {pollster} poll published on {self.wd()} puts the {PARTIES[a][0]} on {sh[a]}%, {gap} points ahead of the {PARTIES[b][0]} on {sh[b]}%.",
        ]
        if self.r.random() < 0.6:
            paras.append("Key figures:")
            paras.append(bullets)
        paras.append(
            f"The poll of {n:,} adults was carried out over the previous four days and has a margin of error of plus or minus {moe} percentage points."
        )
        if self.r.random() < 0.5:
            paras.append(BACKGROUND[5])
        return dict(
            headline=hl,
            paras=paras,
            label="Latest poll",
            alts=[f"{PARTIES[a][0]} ahead in new {ADJ} poll", "Poll shows tight race"],
            extra=[
                f"Nearly one in five voters said they had not yet made up their minds, according to {pollster}."
            ],
            lead_alt=f"The {PARTIES[a][0]} is {gap} points ahead of the {PARTIES[b][0]}, according to a {pollster} poll published on {self.wd()}.",
        )

    def k_analysis(self) -> dict[str, Any]:
        issue = self.c(ISSUES)
        a = self.party()
        b = self.party(exclude=(a,))
        phase = self.s.phase
        nm, desc = self.c(ANALYSTS)
        if phase in ("campaign", "eve"):
            hl = self.c(
                [
                    f"Analysis: Why {issue} could decide {COUNTRY}'s election",
                    f"How {issue} came to dominate the final week of the campaign",
                    f"The {issue} question is the one neither {PARTIES[a][2]} nor {PARTIES[b][2]} wants to answer. Here's why",
                ]
            )
        elif phase in ("election", "count"):
            hl = self.c(
                [
                    "Analysis: What the early results do and don't tell us",
                    f"Analysis: {PARTIES[a][0]}'s night, but not its country",
                    f"How the map moved: {PARTIES[a][0]} gains in the south, losses in the north",
                ]
            )
        else:
            hl = self.c(
                [
                    f"Analysis: The coalition arithmetic that will decide who governs {COUNTRY}",
                    f"Analysis: Why {PARTIES[a][2]} and {PARTIES[b][2]} need each other, and hate to admit it",
                    f"The {issue} problem that could sink the coalition talks",
                ]
            )
        paras: list[Any] = [
            self.c(
                [
                    f"For months, the fight over {issue} has shaped the mood of {ADJ} voters, and both the {PARTIES[a][0]} and the {PARTIES[b][0]} have built their message around it.",
                    f"Ask voters in almost any {ADJ} town what worries them and the question of {issue} comes up within a minute. The {PARTIES[a][0]} and the {PARTIES[b][0]} know it.",
                    f"If there is one issue that explains this election, it is {issue}, and the {PARTIES[a][0]} has bet more on it than anyone.",
                ]
            ),
            f"The {PARTIES[a][0]} says its plan would make a difference within a year. The {PARTIES[b][0]} calls the plan unaffordable, and says voters have heard the same promise before.",
            self.heading_line(),
            f'"{self.quote("AN")}," said {nm}, {desc}.',
            self.background(),
        ]
        rq = self.reused_quote()
        if rq:
            paras.append(rq)
        paras.extend(
            [
                f"In {self.c(REGION_NAMES)}, where the issue cuts deepest, local officials say the debate has been louder than in any campaign they can remember.",
                self.heading_line(),
                f"Whoever ends up in government will have to deal with {self.c(ISSUES)} as well, and with a parliament where no single party can pass a budget on its own.",
                f'"{self.quote("AN")}," {nm.split()[-1]} added.',
            ]
        )
        if self.r.random() < 0.4:
            paras.append(self.read_more())
        return dict(
            headline=hl,
            paras=paras,
            label="Analysis",
            alts=[f"Analysis: {upfirst(issue)} and the battle for {COUNTRY}"],
            extra=["This analysis has been updated with the latest results."],
            lead_alt=None,
            cap=self.caption(PHASE_CAPTION[phase]) if self.r.random() < 0.5 else None,
            long=True,
        )

    def k_quote(self) -> dict[str, Any]:
        ab = self.party() if self.r.random() < 0.8 else self.c(["CEC", "PRES", "OBS"])
        q = self.quote(ab)
        if ab in PARTIES:
            last, leader = PARTIES[ab][2], PARTIES[ab][1]
            who = self.who(ab)
        else:
            last = {"CEC": "Feldt", "PRES": "Ilvik", "OBS": "Vahl"}[ab]
            leader = {"CEC": CEC_CHAIR, "PRES": PRESIDENT, "OBS": OBSERVER}[ab]
            who = (
                {
                    "CEC": "Electoral commission chair",
                    "PRES": "President",
                    "OBS": "Observer mission head",
                }[ab]
                + " "
                + leader
            )
        hl = self.c(
            [
                f'"{q}," says {last}',
                f'{last}: "{q}"',
                f'"{q}"',
                f"{last} says {lowfirst(q)}",
                f'{who} says "{lowfirst(q.split(",")[0])}"',
                f"Is {last} softening {'her' if ab in ('SA', 'FC', 'LP', 'PRES') else 'his'} tone?",
                f"{last} says {lowfirst(q)}.",
            ]
        )
        paras = [
            f"{who[0].upper() + who[1:]} said on {self.wd()} that {self.c(['the coming days would be decisive', 'there was no reason to panic', 'voters deserved clarity', 'talks should start without delay'])}.",
            self.quote_para(ab, q),
        ]
        if self.r.random() < 0.5:
            paras.append(self.background())
        return dict(
            headline=hl,
            paras=paras,
            label=f"{last} speaks",
            alts=[f"{last} weighs in", f"{last}: '{q}'"],
            extra=[f"{last} did not take questions from reporters."],
            lead_alt=None,
        )

    def k_photo(self) -> dict[str, Any]:
        kind = PHASE_CAPTION[self.s.phase]
        cap = self.caption(kind)
        town = self.town()[0]
        what = {
            "leader": "campaign",
            "vote": "vote",
            "count": "count",
            "protest": "dispute over the count",
            "talks": "coalition talks",
        }[kind]
        hl = self.c(
            [
                "In pictures",
                f"In pictures: {self.c(['a long day', 'the last push', 'waiting for results', 'the morning after', 'a city on edge'])}",
                f"Scenes from {town}",
                f"The view from {town}",
                "Pictures from the day so far",
            ]
        )
        paras = [
            self.c(
                [
                    f"Our photographers have been following the {what} across {COUNTRY}. Here are some of the images from {self.wd()}.",
                    f"A look at the scenes in {town} and beyond.",
                    "Here are some of the images that caught our eye.",
                ]
            )
        ]
        return dict(
            headline=hl,
            paras=paras,
            label="In pictures",
            alts=[],
            extra=[],
            lead_alt=None,
            cap=cap,
            cap2=self.caption(kind),
        )

    def k_controversy(self) -> dict[str, Any]:
        ab = self.party()
        name = PARTIES[ab][0]
        town, region = self.town()
        what = self.c(
            [
                "posts on social media mocking pensioners",
                "an undeclared loan from a property developer",
                "claims she lied about her address",
                "a leaked recording about the island ferries",
                "a row over campaign spending",
            ]
        )
        cand = self.c(["Pia Halvard", "Georg Mennick", "Ulla Strand", "Viktor Aas", "Beata Kron"])
        hl = self.c(
            [
                f"{name} candidate in {region} quits over {what}",
                f"{name} drops {region} candidate; {PARTIES[ab][2]} says 'lesson learned'",
                f"{cand} steps down as {name} candidate",
                f"Another candidate scandal for the {name}?",
                f"A {name} candidate in {region} has quit over {what}.",
            ]
        )
        paras = [
            f"{cand}, the {name} candidate in {town}, has withdrawn from the race after {what}, the party said on {self.wd()}.",
            f"{cand} will still appear on the ballot because the papers have already been printed, the electoral commission said.",
        ]
        if self.r.random() < 0.6:
            paras.append(self.quote_para(ab))
        return dict(
            headline=hl,
            paras=paras,
            label=f"Candidate quits in {region}",
            alts=[f"{name} candidate withdraws in {town}"],
            extra=[f"{cand} has not commented publicly."],
            lead_alt=f"The {name} has dropped {cand}, its candidate in {town}, after {what}.",
        )

    def k_explainer(self) -> dict[str, Any]:
        # Explainers are republished word for word on later days.
        hl = self.c(
            [
                f"How does {COUNTRY}'s voting system work?",
                "What happens if no party wins a majority?",
                "Who are the main parties and leaders?",
                "Why does the count take so long in the islands?",
                "How is a government formed in Valmora?",
            ]
        )
        bullets = tuple(
            f"{PARTIES[p][0]} ({PARTIES[p][1]}): {upfirst(self.c(CLAIMS[p]))}."
            for p in PARTY_ORDER[: self.r.randint(3, 6)]
        )
        paras: list[Any] = [self.c(BACKGROUND[:4]), "Here's what you need to know:", bullets]
        if self.r.random() < 0.5:
            paras.append(BACKGROUND[4])
        done = self.s.explainers.get(hl)
        if done is not None:
            return dict(done)
        d = dict(
            headline=hl,
            paras=paras,
            label="Explainer",
            alts=[],
            extra=[BACKGROUND[6]],
            lead_alt=None,
            no_typo=True,
            repeat_ok=True,
        )
        self.s.explainers[hl] = d
        return dict(d)

    def k_market(self) -> dict[str, Any]:
        y = round(self.r.uniform(2.9, 4.4), 2)
        mv = round(self.r.uniform(0.03, 0.21), 2)
        idx = round(self.r.choice([-1, 1]) * self.r.uniform(0.1, 2.4), 1)
        up = idx >= 0
        hl = self.c(
            [
                f"{ADJ} bonds {'rally' if up else 'slip'} as investors weigh the election",
                f"Markets: Corvena stocks {'up' if up else 'down'} {abs(idx)}%",
                f"Investors {'shrug off' if up else 'fret over'} coalition uncertainty",
            ]
        )
        paras = [
            f"The yield on {ADJ} 10-year government bonds {'fell' if up else 'rose'} {mv} percentage points to {y}% on {self.wd()}, while the CVX index of leading Corvena shares was {'up' if up else 'down'} {abs(idx)}% by midday.",
            f'"{self.quote("AN")}," said Joost Amberly, chief economist at Kestrel Bank in Corvena.',
        ]
        return dict(
            headline=hl,
            paras=paras,
            label="Markets",
            alts=["Markets react"],
            extra=["The krona also edged higher against the euro."],
            lead_alt=None,
        )

    def k_list(self) -> dict[str, Any]:
        ph = self.s.phase
        if ph in ("campaign", "eve"):
            hl = self.c(
                [
                    "Key races to watch:",
                    "Five things to know before the vote",
                    "The regions to watch on Sunday",
                    "Who's who in the campaign",
                ]
            )
            items = [
                f"{r}: {self.c(['a straight fight between the two big parties', 'the Homeland Front hopes for a breakthrough', 'the Social Alliance has never won here', 'three seats changed hands last time', 'the Civic Union heartland'])}."
                for r in self.r.sample(REGION_NAMES, self.r.randint(4, 7))
            ]
        elif ph in ("election", "count", "dispute"):
            hl = self.c(
                [
                    "What to watch as the count goes on:",
                    "Key numbers so far",
                    "The regions still counting",
                    "Where things stand:",
                ]
            )
            m = self.s.minute
            items = [
                f"{r}: {round(self.s.results.reporting(r, m))}% counted."
                for r in self.r.sample(REGION_NAMES, self.r.randint(4, 7))
            ]
        else:
            hl = self.c(
                [
                    "The possible coalitions:",
                    "Coalition options at a glance",
                    "Who could govern with whom",
                ]
            )
            seats = self.s.results.seats(self.s.minute)
            combos = [
                ("SA", "FV", "LP"),
                ("SA", "FV", "FC"),
                ("CU", "FC", "HF"),
                ("SA", "CU"),
                ("CU", "FV", "FC"),
            ]
            items = [
                f"{' + '.join(PARTIES[p][0] for p in cmb)}: {sum(seats[p] for p in cmb)} seats"
                for cmb in self.r.sample(combos, self.r.randint(3, 5))
            ]
        intro = self.c(["", "Here's a quick guide.", "A reminder of the numbers:", "In brief:"])
        paras: list[Any] = []
        if intro:
            paras.append(intro)
        paras.append(tuple(items))
        if self.r.random() < 0.3:
            paras.append("A party or coalition needs 121 seats for a majority.")
        return dict(
            headline=hl,
            paras=paras,
            label="At a glance",
            alts=[],
            extra=[],
            lead_alt=None,
            no_typo=True,
        )

    def k_short(self) -> dict[str, Any]:
        r = self.r
        ab = self.party()
        other = self.party(exclude=(ab,))
        name, leader, last = PARTIES[ab]
        town, region = self.town()
        ph = self.s.phase
        n = r.randint(2, 14)
        wd = self.wd()
        opts = [
            (
                f"{last} cancels evening event in {town}",
                f"{leader} has cancelled an evening event in {town} because of {self.c(['heavy rain', 'a bomb scare', 'a scheduling clash', 'illness in the team'])}, a {name} spokesperson said.",
            ),
            (
                f"{last} to speak in Corvena shortly",
                f"{leader} is expected to speak to reporters in Corvena shortly. We'll bring you the latest.",
            ),
            (
                f"{name} says its app was hacked",
                f"The {name} says its campaign app was hacked overnight and briefly showed a message urging supporters to stay at home.",
            ),
            (
                f"Power cut briefly takes down {self.c(['electoral commission', 'results', 'voter information'])} website",
                "The site was unavailable for about 20 minutes after a power cut at a data center, officials said. It is back online.",
            ),
            (
                f"The ferry to the Isle of Tamm is running late again, and officials in {region} say that matters.",
                "Ballot boxes from the island travel on the same boat.",
            ),
            (
                f"{last} heckled in {town}",
                f"{leader} was heckled by a small group of protesters during a walkabout in {town} on {wd}. {last} stopped to talk to them for several minutes.",
            ),
            (
                f"{name} office vandalized in {town}",
                f"Police in {town} are investigating after the windows of a {name} office were smashed overnight. Nobody was hurt.",
            ),
            (
                f"{last} and {PARTIES[other][2]} share a ferry",
                f"{leader} and {PARTIES[other][1]} ended up on the same ferry to {self.town('Eskerholm')[0]} on {wd}. Aides say they talked about the weather.",
            ),
        ]
        if ph in ("campaign", "eve"):
            opts += [
                (
                    f"{last} visits {self.c(['a steelworks', 'a dairy farm', 'a hospital', 'a school', 'a shipyard'])} in {town}",
                    f"{leader} spent an hour with workers in {town}, where most questions were about {self.c(ISSUES)}.",
                ),
                (
                    f"{name} unveils final campaign poster",
                    f"The {name} has unveiled its last poster of the campaign. It shows {last} in front of the harbor in Port Amsel.",
                ),
                (
                    f"{last} says {PARTIES[other][2]} is 'running scared'",
                    f"{leader} accused {PARTIES[other][1]} of avoiding a head-to-head interview. {PARTIES[other][2]}'s team said the claim was 'nonsense.'",
                ),
                (
                    "Electoral commission: 98% of ballot papers delivered",
                    f"The Central Electoral Commission says 98% of ballot papers have reached polling stations. The rest are due in {self.c(['Eskerholm', 'Upper Velm'])} by {wd} evening.",
                ),
            ]
        if ph == "election":
            opts += [
                (
                    f"Fog delays opening of {n} polling stations in Eskerholm",
                    f"Fog delayed the opening of {n} polling stations in Eskerholm by up to an hour, the regional election office said. They will stay open later to make up for it.",
                ),
                (
                    f"Turnout appears high in {town}",
                    f"Local officials in {town} say turnout appears higher than at the last election, with lines forming before lunchtime.",
                ),
                (
                    f"Did {last} just break the rules?",
                    f"{leader} posted a photo of a marked ballot paper on social media, which is against {ADJ} election law. The post was deleted within minutes.",
                ),
                (
                    f"Results from {region} expected first",
                    f"Officials expect the first partial results to come from {region}, where counting starts as soon as polls close.",
                ),
            ]
        if ph in ("election", "count", "dispute"):
            opts += [
                (
                    f"Count suspended briefly in {town}",
                    f"Counting was briefly suspended at a center in {town} after a fire alarm. It resumed about 40 minutes later, the local election office said.",
                ),
                (
                    "Electoral commission to give update",
                    f"The Central Electoral Commission says it will give its next update at {self.local(90)} local time.",
                ),
                (
                    f"{last} arrives at party headquarters",
                    f"{leader} has arrived at the {name}'s headquarters in Corvena, where supporters have been gathering since early evening.",
                ),
                (
                    f"{region} count delayed by missing tally sheets",
                    f"The count in {region} has been held up because tally sheets from {n} polling stations were sent to the wrong office, officials said.",
                ),
                (
                    f"{last} has not spoken publicly since the polls closed.",
                    f"A spokesperson said {last} would speak 'when the picture is clearer.'",
                ),
            ]
        if ph == "coalition":
            opts += [
                (
                    f"{last} leaves talks without comment",
                    f"{leader} left the presidential palace after about {n // 3 + 1} hours of talks and did not speak to reporters.",
                ),
                (
                    "No statement after talks",
                    "The parties did not issue a statement after the afternoon session.",
                ),
                (
                    f"{last} cancels trip abroad to stay for talks",
                    f"{leader} has cancelled a planned trip to Lestria so that {self.c(['she', 'he'])} can stay in Corvena for the talks, a spokesperson said.",
                ),
                (
                    f"Talks adjourned until {self.c(WEEKDAYS)}",
                    "Negotiators say they need time to study each other's proposals.",
                ),
                (
                    f"{name} board to meet on {self.c(WEEKDAYS)}",
                    f"The {name}'s national board will meet to discuss the state of the talks, a party spokesperson said.",
                ),
                (
                    f"{last} spotted at the presidential palace",
                    f"{leader} was seen entering the presidential palace by a side door on {wd} afternoon. {last}'s office did not confirm a meeting.",
                ),
            ]
        hl, p = self.c(opts)
        return dict(
            headline=hl, paras=[p], label=hl.rstrip(".?:"), alts=[], extra=[], lead_alt=None
        )

    def k_voices(self) -> dict[str, Any]:
        town, region = self.town()
        issue = self.c(ISSUES)
        vs = self.r.sample(VOTERS, self.r.randint(2, 3))
        hl = self.c(
            [
                f"Voters in {town} weigh {issue}",
                f"'I just want someone to fix {issue}': voices from {region}",
                f"In {town}, worries about {issue} top the list",
                f"What do voters in {town} want?",
            ]
        )
        paras = [
            f"CNN spoke to voters in {town} about {issue} and what they want from the next government."
        ]
        for nm, age, job in vs:
            q = self.c(
                [
                    "I have voted for the same party for 30 years, but this time I am not sure",
                    f"Nobody in Corvena talks about {issue} the way we live it here",
                    "I want a government that lasts longer than a winter",
                    "My children cannot afford to live in the town they grew up in",
                    "I will vote, but I am not excited about it",
                ]
            )
            paras.append(f'"{q}," said {nm}, {age}, {job}.')
        return dict(
            headline=hl,
            paras=paras,
            label=f"Voices from {town}",
            alts=[f"What voters in {town} told CNN"],
            extra=[],
            lead_alt=None,
            cap=self.caption("vote", town=town) if self.r.random() < 0.4 else None,
        )

    def k_incident(self) -> dict[str, Any]:
        town, region = self.town()
        n = self.r.randint(2, 9)
        what = self.c(
            [
                (
                    f"Polling station in {town} closed briefly after bomb threat",
                    f"A polling station in {town} was evacuated for about an hour on {self.wd()} after an anonymous bomb threat, police said. Voting has resumed.",
                ),
                (
                    f"Ballot papers run out at {n} polling stations in {region}",
                    f"Ballot papers ran out at {n} polling stations in {region}, the regional election office said, adding that new supplies had been delivered.",
                ),
                (
                    f"Long lines in {town} as voters wait up to two hours",
                    f"Voters in {town} waited up to two hours to cast their ballots, with lines stretching around the block at several schools.",
                ),
                (
                    f"{PARTIES['HF'][0]} says its observers were turned away in {town}",
                    f"The Homeland Front says {n} of its observers were refused entry to polling stations in {town}. The regional election office says it is looking into the complaint.",
                ),
            ]
        )
        paras = [what[1]]
        if self.r.random() < 0.5:
            paras.append(
                f"The Central Electoral Commission said it had received {n * 3 + self.r.randint(0, 9)} complaints by midday, most of them minor."
            )
        return dict(
            headline=what[0],
            paras=paras,
            label=f"In {town}",
            alts=[],
            extra=["The commission said the incident would not affect the vote."],
            lead_alt=None,
        )

    def k_reaction(self) -> dict[str, Any]:
        ab = self.party()
        name, _leader, last = PARTIES[ab]
        q = self.quote(ab)
        mood, scene = self.c(
            [
                ("cheers", "Cheers went up"),
                ("silence", "The room fell silent"),
                ("tears", "Some supporters were in tears"),
                ("chants", f"Chants of '{last}!' filled the hall"),
                ("applause", "Applause broke out"),
            ]
        )
        hl = self.c(
            [
                f"{mood.capitalize()} at {name} headquarters as results come in",
                f'{last}: "{q}"',
                f"{last} speaks to supporters in Corvena",
                f"{last} addresses the party faithful; {lowfirst(q.split(',')[0])}",
                f"What did {last} just say?",
            ]
        )
        paras = [
            f"{scene} at the {name}'s election night party in Corvena as the latest figures appeared on the big screens.",
            self.quote_para(ab, q),
            f"{last} thanked volunteers and said the party would wait for the final count before commenting on possible coalitions.",
        ]
        return dict(
            headline=hl,
            paras=paras,
            label=f"{last} speaks",
            alts=[f"{last} speaks as count continues"],
            extra=[f"{last} left the stage without taking questions."],
            lead_alt=None,
            cap=self.caption("hq", ab) if self.r.random() < 0.5 else None,
        )

    def k_dispute(self) -> dict[str, Any]:
        town, region = self.town(
            self.c(["Sarnica", "Harrowfield", "Upper Velm", "Dovrenne", "Sarnica"])
        )
        n = self.r.randint(3, 40)
        hl = self.c(
            [
                f"Homeland Front alleges irregularities in {region}",
                "Electoral commission rejects Homeland Front's fraud claims",
                f'Vell demands recount in {region}: "We will not accept this"',
                f"Commission says {n} complaints received from {region}",
                f"What we know about the disputed ballots in {town}",
                f"Will there be a recount in {region}?",
                f"The Homeland Front says ballots in {town} were wrongly thrown out. Here is what the commission says.",
            ]
        )
        paras = [
            f"The Homeland Front has filed {n} complaints about the count in {region}, alleging that ballots were wrongly declared invalid in {town}.",
            self.quote_para("HF"),
            self.quote_para("CEC"),
        ]
        if self.r.random() < 0.5:
            paras.append(
                f"{region} elects {REGION_SEATS[region]} members of the National Assembly. The Homeland Front is a few hundred votes short of a seat there."
            )
        return dict(
            headline=hl,
            paras=paras,
            label=f"Dispute in {region}",
            alts=[f"Row over ballots in {town}"],
            extra=["The commission is due to rule on the complaints on Thursday."],
            lead_alt=None,
        )

    def k_observers(self) -> dict[str, Any]:
        hl = self.c(
            [
                "Observers say vote was largely orderly",
                "International observers: 'competitive' election, isolated problems",
                "Observer mission gives preliminary verdict",
            ]
        )
        paras = [
            f"{OBS_BODY[0].upper() + OBS_BODY[1:]} said in a preliminary statement on {self.wd()} that the vote had been well run, though it noted problems in a handful of polling stations.",
            self.quote_para("OBS"),
            self.quote_para("OBS"),
        ]
        return dict(
            headline=hl,
            paras=paras,
            label="Observers",
            alts=[],
            extra=["The mission will publish its final report in about eight weeks."],
            lead_alt=None,
        )

    def k_protest(self) -> dict[str, Any]:
        n = self.c(["Several hundred", "About 1,500", "More than 3,000", "Dozens of"])
        hl = self.c(
            [
                "Protesters gather outside electoral commission",
                f"{n} Homeland Front supporters rally in Corvena",
                "Protest in Corvena over disputed count",
            ]
        )
        paras = [
            f"{n} people gathered outside the Central Electoral Commission in Corvena on {self.wd()}, according to police, waving flags and chanting for a full recount.",
            f"Police said the protest was peaceful. {self.c(['Two people were detained.', 'No arrests were reported.', 'Roads around the building were closed.'])}",
            self.quote_para("HF"),
        ]
        return dict(
            headline=hl,
            paras=paras,
            label="Protest",
            alts=[f"{n} protest in Corvena"],
            extra=["A counter-protest of about 200 people gathered across the square."],
            lead_alt=None,
            cap=self.caption("protest") if self.r.random() < 0.6 else None,
        )

    def k_court(self) -> dict[str, Any]:
        hl = self.c(
            [
                "Constitutional Tribunal to hear Homeland Front challenge",
                "Court date set for election challenge",
                "Tribunal rejects request to halt certification",
            ]
        )
        paras = [
            f"{COUNTRY}'s Constitutional Tribunal will hear the Homeland Front's challenge to the results in Sarnica on {self.c(WEEKDAYS)}, a court spokesperson said.",
            f"Legal experts say the challenge is unlikely to change the overall result but could delay certification of {REGION_SEATS['Sarnica']} seats.",
            f'"{self.quote("AN")}," said Ruth Abelard, who teaches constitutional law at Ostra University.',
        ]
        return dict(
            headline=hl, paras=paras, label="Court challenge", alts=[], extra=[], lead_alt=None
        )

    def k_talks(self) -> dict[str, Any]:
        a = self.c(["SA", "SA", "SA", "CU"])
        b = self.c(["FV", "FV", "LP", "FC", "CU"] if a == "SA" else ["FC", "FC", "HF"])
        n = self.r.randint(2, 5)
        issue = self.c(ISSUES)
        hl = self.c(
            [
                f"{PARTIES[a][2]} and {PARTIES[b][2]} meet for {ordinal(n)} round of talks",
                f"Sticking point in coalition talks: {issue}",
                f"Deal 'within reach,' says {PARTIES[b][2]}",
                f"{PARTIES[b][0]} sets conditions for joining government",
                f"President Ilvik meets {PARTIES[a][2]}; talks with {PARTIES[b][2]} on {self.c(WEEKDAYS)}",
                f"Talks between {PARTIES[a][0]} and {PARTIES[b][0]} break up after {n} hours",
                f"Can {PARTIES[a][2]} get to 121?",
                f"{PARTIES[b][2]} says {self.c(['progress is slow but real', 'the talks are serious', 'there is no deal yet'])}.",
            ]
        )
        paras = [
            f"Negotiators from the {PARTIES[a][0]} and the {PARTIES[b][0]} met for {n} hours at the presidential palace on {self.wd()}, with {issue} still the main point of disagreement.",
            self.quote_para(b),
        ]
        if self.r.random() < 0.6:
            paras.append(self.quote_para(a))
        if self.r.random() < 0.5:
            paras.append(BACKGROUND[3])
        return dict(
            headline=hl,
            paras=paras,
            label="Coalition talks",
            alts=[f"{PARTIES[a][2]}-{PARTIES[b][2]} talks continue"],
            extra=[
                f"The two sides will meet again on {self.c(WEEKDAYS)}.",
                "A joint statement is expected later.",
            ],
            lead_alt=f"Coalition talks between the {PARTIES[a][0]} and the {PARTIES[b][0]} lasted {n} hours on {self.wd()}, with {issue} still unresolved.",
            cap=self.caption("talks", a) if self.r.random() < 0.4 else None,
        )

    def k_debate(self) -> dict[str, Any]:
        a, b = "SA", "CU"
        hl = self.c(
            [
                f"Final TV debate: {PARTIES[a][2]} and {PARTIES[b][2]} clash over {self.c(ISSUES)}",
                "Who won the last debate? Here's what happened",
                "The final debate, in brief",
            ]
        )
        paras: list[Any] = [
            f"{PARTIES[a][1]} and {PARTIES[b][1]} faced each other in the last televised debate of the campaign on {self.wd()} night, in front of a studio audience in Corvena.",
            self.quote_para(a),
            self.quote_para(b),
            "The sharpest exchange came over the budget.",
            f"{PARTIES[b][2]} accused {PARTIES[a][2]} of promising {self.c(['billions', 'everything', 'the moon'])} without saying how to pay for it.",
            f"{PARTIES[a][2]} replied that the government had had eight years and had nothing left to show for them.",
            f"A snap poll for the broadcaster VTV found {self.r.randint(38, 49)}% thought {PARTIES[a][2]} won the debate and {self.r.randint(33, 45)}% thought {PARTIES[b][2]} did.",
            self.background(),
            "The leaders of the smaller parties held their own debate earlier in the evening.",
        ]
        return dict(
            headline=hl,
            paras=paras,
            label="The debate",
            alts=["Last debate: sharp words over the budget"],
            extra=[],
            lead_alt=None,
            long=True,
        )

    # -- template posts quoting other posts --------------------------------------------------------

    def k_roundup(self, style: str) -> dict[str, Any]:
        page = self.s.live_page
        assert page is not None
        srcs = [
            e
            for e in page.entries[:18]
            if not e.meta.get("stock")
            and not e.meta.get("roundup")
            and e.meta.get("label")
            and quotable(first_para(e.content))
        ]
        self.r.shuffle(srcs)
        if len(srcs) < 3 and page.idx > 0:
            prev = self.s.pages[page.idx - 1]
            srcs += [
                e
                for e in prev.entries[:10]
                if not e.meta.get("stock")
                and not e.meta.get("roundup")
                and e.meta.get("label")
                and quotable(first_para(e.content))
            ]
        srcs = srcs[: self.r.randint(3, 5)]
        bullets = []
        for e in srcs:
            lead = first_para(e.content)
            bullets.append(
                f"{e.meta['label']}: {first_sentence(lead)}"
                if self.r.random() < 0.75
                else first_sentence(lead)
            )
        heads = {
            "catchup": ["Catch up", "Catch up", "Catch up", "Catching up? Here's the latest"],
            "wwk": ["What we know", "What we know", "What we know so far", "What we know so far:"],
            "latest": ["The latest", "The latest", "The latest on the Valmora election"],
        }[style]
        intro = self.c(
            [
                "If you're just joining us, here's what you need to know:",
                "Here are the latest developments:",
                f"It's {self.local()} in Corvena. Here's where things stand:",
                "Here's what has happened in the last few hours:",
            ]
        )
        paras: list[Any] = [intro]
        if bullets:
            paras.append(tuple(bullets))
        if self.r.random() < 0.3:
            paras.append(self.read_more())
        return dict(
            headline=self.c(heads),
            paras=paras,
            label=None,
            alts=[],
            extra=[],
            lead_alt=None,
            roundup=True,
            no_typo=True,
        )

    # -- numbers that keep changing (tally posts are re-rendered from the results model) ----------

    def tally_meta(self, kind: str, region: str | None = None) -> dict[str, Any]:
        return dict(
            tally=kind,
            region=region,
            hv=self.r.randrange(4),
            style=self.r.randrange(2),
            extra_paras=[],
            label=f"In {region}" if region else "Results",
        )

    def render_tally(self, meta: dict[str, Any], m: int) -> tuple[str, list[Any]]:
        res = self.s.results
        kind = meta["tally"]
        hv = meta["hv"]
        if kind == "region":
            r = meta["region"]
            rep = res.reporting(r, m)
            sh = res.shares(r, m)
            order = ranked(sh)
            a, b = order[0], order[1]
            repw = f"{round(rep)}%" if rep < 99.5 else "all"
            if rep >= 99.99:
                hl = [
                    f"{r}: {PARTIES[a][0]} wins with {sh[a]}%",
                    f"{PARTIES[a][0]} takes {r}",
                    f"{r} result: {PARTIES[a][0]} {sh[a]}%, {PARTIES[b][0]} {sh[b]}%",
                    f"Final count in {r} confirms {PARTIES[a][0]} win.",
                ][hv]
            else:
                hl = [
                    f"{r}: {PARTIES[a][0]} leads with {repw} counted",
                    f"{PARTIES[a][0]} ahead in {r} as count passes {repw}",
                    f"{r} count: {PARTIES[a][0]} {sh[a]}%, {PARTIES[b][0]} {sh[b]}%",
                    f"With {repw} of ballots counted in {r}, the {PARTIES[a][0]} holds the lead.",
                ][hv]
            paras: list[Any] = [
                f"With {repw} of ballots counted in {r}, the {PARTIES[a][0]} is on {sh[a]}%, ahead of the {PARTIES[b][0]} on {sh[b]}%, according to the Central Electoral Commission."
            ]
            if meta["style"] == 0:
                paras.append(
                    tuple(
                        f"{PARTIES[p][0]}: {sh[p]}% ({res.votes(r, p, m):,} votes)"
                        for p in order[:5]
                    )
                )
            else:
                paras.append(
                    f"The {PARTIES[order[2]][0]} is third with {sh[order[2]]}%. Turnout in the region was {round(res.turnout + (hash_unit(r) - 0.5) * 8, 1)}%."
                )
            paras.append(f"{r} elects {REGION_SEATS[r]} of the National Assembly's 240 members.")
            paras.extend(meta["extra_paras"])
            return hl, paras
        if kind == "national":
            rep = res.national_reporting(m)
            nat = res.national(m)
            order = ranked(nat)
            seats = res.seats(m)
            hl = [
                "Live results: where the count stands",
                "Live results",
                "Results so far",
                "Here's where the count stands",
            ][hv]
            paras = [
                f"With {rep:.1f}% of ballots counted nationally, here's how the parties stand:",
                tuple(f"{PARTIES[p][0]}: {nat[p]}%" for p in order),
                f"CNN seat projection: {', '.join(f'{PARTIES[p][0]} {seats[p]}' for p in order if seats[p])}. A majority is 121 seats.",
            ]
            paras.extend(meta["extra_paras"])
            return hl, paras
        if kind == "recount":
            done = meta.setdefault("boxes", 0)
            total = 1140
            hl = [
                "Recount in Sarnica: where it stands",
                f"Sarnica recount passes {done} boxes",
                "Sarnica recount update",
                "The Sarnica recount, box by box",
            ][hv]
            paras = [
                f"Officials have now rechecked {done:,} of {total:,} ballot boxes in Sarnica, the regional election office said.",
                f"So far the recount has changed the result by {meta.setdefault('delta', 0)} votes, {'in favor of the Homeland Front' if meta['delta'] % 2 else 'mostly in favor of the Civic Union'}.",
                "The Homeland Front, which requested the recount, needs about 600 votes to win a seat in the region.",
            ]
            paras.extend(meta["extra_paras"])
            return hl, paras
        if kind == "turnout":
            val = meta["value"]
            hl = [
                f"Turnout at {val}% by {meta['at']} local time",
                f"Turnout reaches {val}%",
                f"Turnout: {val}% at {meta['at']}",
                f"{val}% have voted so far, commission says",
            ][hv]
            paras = [
                f"Turnout stood at {val}% at {meta['at']} local time, the Central Electoral Commission said, compared with {meta['prev']}% at the same point in 2027.",
            ]
            if meta["style"] == 0:
                paras.append(
                    f"Turnout was highest in {meta['hi']} and lowest in Eskerholm, where some polling stations opened late because of fog."
                )
            paras.extend(meta["extra_paras"])
            return hl, paras
        raise ValueError(kind)


def upfirst(s: str) -> str:
    return s[:1].upper() + s[1:]


def lowfirst(s: str) -> str:
    return s[:1].lower() + s[1:]


def hash_unit(*parts: object) -> float:
    return h32(*parts) / 2**32


def quotable(p: Any) -> bool:
    return isinstance(p, str) and len(p) > 40 and not p.endswith(":")


PHASE_CAPTION = {
    "campaign": "leader",
    "eve": "leader",
    "election": "vote",
    "count": "count",
    "dispute": "protest",
    "coalition": "talks",
}


def first_para(c: Content) -> Any:
    for p in c.paras:
        return p
    return ""


# ---------------------------------------------------------------------------------------------
# Edits on text
# ---------------------------------------------------------------------------------------------

_NUM = re.compile(r"(?<![\d:.,$])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d:]|,\d|\s?[ap]\.m\.)(%?)")


def bump_number(tok: str, pct: str, after: str, rng: Random) -> str | None:
    if re.fullmatch(r"(19|20)\d\d", tok):
        return None
    if "," in tok:
        v = int(tok.replace(",", ""))
        return f"{int(v * rng.uniform(1.01, 1.14)) + 1:,}"
    if "." in tok:
        if not pct and not re.match(r"\s(percentage points|points)", after):
            return None
        dec = len(tok.split(".")[1])
        v = float(tok)
        if pct and re.match(r"\s*of (the )?(ballots|votes|polling|precincts)", after):
            nv = min(99.9, v + rng.uniform(1.5, 12.0))
        else:
            nv = max(0.1, v + rng.choice([-1, 1]) * rng.uniform(0.1, 1.6))
        out = f"{nv:.{dec}f}"
        return out if out != tok else None
    v = int(tok)
    if not pct and not re.match(
        r"\s(percentage points|points|votes|complaints|seats|hours|polling stations|of its|people|supporters|ballot boxes|adults)",
        after,
    ):
        return None
    if pct and re.match(r"\s*(of (the )?(ballots|votes|polling|precincts)|counted)", after):
        nv = min(99, v + rng.randint(2, 14))
    elif v < 10:
        nv = max(1, v + rng.choice([-1, 1, 1, 2]))
    else:
        nv = max(1, v + rng.choice([-1, 1]) * rng.randint(1, max(2, v // 8)))
    return str(nv) if nv != v else None


def bump_numbers(c: Content, rng: Random) -> Content | None:
    texts = content_strings(c)
    cands = []
    for ti, t in enumerate(texts):
        if t in BACKGROUND:
            continue
        for m in _NUM.finditer(t):
            if m.group(1) not in ("121", "240"):
                cands.append((ti, m))
    rng.shuffle(cands)
    for ti, m in cands:
        tok, pct = m.group(1), m.group(2)
        new = bump_number(tok, pct, texts[ti][m.end() : m.end() + 30], rng)
        if new is None:
            continue
        pat = re.compile(
            r"(?<![\d.,])" + re.escape(tok + pct) + r"(?![\d])" + ("" if pct else r"(?!%)")
        )

        def sub(s: str, _pat: re.Pattern[str] = pat, _new: str = new + pct) -> str:
            return _pat.sub(_new, s)

        return map_text(c, sub)
    return None


def map_text(c: Content, fn: Any, headline: bool = True) -> Content:
    paras = tuple(tuple(fn(b) for b in p) if isinstance(p, tuple) else fn(p) for p in c.paras)
    return c._replace(headline=fn(c.headline) if headline else c.headline, paras=paras)


def make_typo(text: str, rng: Random) -> tuple[str, str, str] | None:
    words = list(re.finditer(r"(?<![\w'])[a-z]{6,}(?![\w'])", text))
    if not words:
        return None
    m = rng.choice(words)
    w = m.group()
    k = rng.randrange(4)
    i = rng.randrange(1, len(w) - 2)
    if k == 0:
        bad = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
    elif k == 1:
        bad = w[:i] + w[i + 1 :]
    elif k == 2:
        bad = w[:i] + w[i] + w[i:]
    else:
        bad = w + " " + w.split()[0] if len(w) < 8 else w[:i] + "e" + w[i + 1 :]
    if bad == w or re.search(r"\b" + re.escape(bad) + r"\b", text):
        return None
    return text[: m.start()] + bad + text[m.end() :], bad, w


TENSE = [
    (" says ", " said "),
    (" says", " said"),
    (" tells ", " told "),
    (" leads ", " led "),
    ("is ahead", "was ahead"),
    (" is on ", " was on "),
    (" has ", " had "),
]

HEADLINE_REWORDS = [
    (" says", " said"),
    ("Polls", "Voting"),
    (" as ", " while "),
    ("quits", "steps down"),
    ("meet", "hold talks"),
    ("rallies", "fires up"),
    ("leads", "is ahead"),
    ("alleges", "claims"),
]

EXTRA_SENTENCES = [
    "Officials did not say when more figures would be released.",
    "The party has not commented.",
    "That figure could still change.",
    "CNN has asked the electoral commission for comment.",
    "Final results are expected later this week.",
    "More details are expected later.",
]


# ---------------------------------------------------------------------------------------------
# The simulation: days, the capture scheduler and the newsroom
# ---------------------------------------------------------------------------------------------

PHASE_NAMES = ["campaign", "eve", "election", "count", "dispute", "coalition"]
STORY_BEATS = [
    "consult",
    "mandate",
    "formal",
    "lp_joins",
    "fc_out",
    "stall",
    "deal",
    "vote",
    "sworn",
]
HOUR_PROFILE = [
    0.6,
    1.3,
    1.9,
    2.3,
    2.6,
    2.8,
    2.8,
    2.7,
    2.6,
    2.5,
    2.4,
    2.3,
    2.3,
    2.2,
    2.0,
    1.8,
    1.5,
    1.2,
    1.0,
    0.9,
    0.7,
    0.5,
    0.4,
    0.4,
]
PHASE_MULT = {
    "campaign": 0.8,
    "eve": 0.95,
    "election": 1.4,
    "count": 1.3,
    "dispute": 0.95,
    "coalition": 0.7,
}
KIND_WEIGHTS = {
    "campaign": {
        "rally": 18,
        "poll": 10,
        "analysis": 6,
        "quote": 10,
        "photo": 6,
        "controversy": 7,
        "explainer": 4,
        "market": 3,
        "list": 6,
        "short": 14,
        "voices": 8,
    },
    "eve": {
        "rally": 16,
        "poll": 8,
        "analysis": 6,
        "quote": 10,
        "photo": 6,
        "controversy": 4,
        "explainer": 6,
        "list": 8,
        "short": 14,
        "voices": 8,
    },
    "election": {
        "incident": 14,
        "voices": 8,
        "quote": 10,
        "short": 16,
        "photo": 8,
        "analysis": 5,
        "reaction": 14,
        "list": 6,
        "explainer": 3,
    },
    "count": {
        "dispute": 10,
        "reaction": 10,
        "quote": 12,
        "short": 16,
        "analysis": 7,
        "photo": 5,
        "market": 5,
        "list": 6,
        "observers": 2,
    },
    "dispute": {
        "dispute": 14,
        "protest": 8,
        "court": 6,
        "quote": 12,
        "short": 14,
        "analysis": 6,
        "photo": 5,
        "list": 6,
        "talks": 4,
    },
    "coalition": {
        "talks": 24,
        "quote": 12,
        "analysis": 9,
        "short": 14,
        "photo": 5,
        "list": 8,
        "market": 5,
        "voices": 3,
        "explainer": 3,
        "court": 2,
    },
}
EDIT_WEIGHTS = {
    "numeric": 22,
    "add_para": 12,
    "add_sentence": 8,
    "reword": 10,
    "byline_add": 5,
    "byline_extend": 2,
    "caption_add": 5,
    "caption_edit": 2,
    "trim": 4,
    "typographic": 6,
    "lead": 5,
    "time_fix": 3,
    "retime": 3,
    "revert": 5,
    "delete": 2.5,
    "reorder": 1,
}


class Sim:
    def __init__(self, seed: int, n_caps: int, fmt: str) -> None:
        self.seed = seed
        self.n_caps = n_caps
        self.fmt = fmt
        # The story does not depend on the output format: only the rendering does.
        self.rng = Random(f"{GENERATOR}:{seed}:{n_caps}")
        self.writer = Writer(self)
        self.quote_pool: list[str] = []
        self.pages: list[Page] = []
        self.live_page: Page | None = None
        self.minute = 0
        self.next_pid = 1
        self.tasks: list[tuple[int, int, str, tuple[Any, ...]]] = []
        self.task_seq = 0
        self.captures: list[dict[str, Any]] = []
        self.cache: dict[Any, Any] = {}
        self.used_headlines: set[str] = set()
        self.explainers: dict[str, dict[str, Any]] = {}
        self.setup_days()

    # -- calendar --------------------------------------------------------------------------------

    def setup_days(self) -> None:
        r = self.rng
        n_days = max(3, round(self.n_caps / 44))
        self.n_days = n_days
        self.E = E = max(1, min(4, round(n_days * 0.3)))
        phases = []
        for d in range(n_days):
            if d < E - 1:
                phases.append("campaign")
            elif d == E - 1:
                phases.append("eve")
            elif d == E:
                phases.append("election")
            elif d == E + 1:
                phases.append("count")
            elif d == E + 2 or (d == E + 3 and n_days >= 9):
                phases.append("dispute")
            else:
                phases.append("coalition")
        self.phases = phases
        first = dt.date(2031, 9, 5) + dt.timedelta(days=7 * r.randint(0, 5))
        election = first + dt.timedelta(days=(6 - first.weekday()) % 7)
        self.day0 = election - dt.timedelta(days=E)
        self.t0 = dt.datetime(self.day0.year, self.day0.month, self.day0.day)
        self.roll = [0] + [d * 1440 + r.randint(-35, 55) for d in range(1, n_days + 1)]
        self.end_min = self.roll[n_days] + 200
        self.close_min = E * 1440 + 14 * 60
        self.results = Results(r, self.close_min)
        cands = [d for d in range(1, n_days - 1) if d not in (E, E + 1)]
        self.outage = r.choice(cands) if cands else 0

    @property
    def now(self) -> dt.datetime:
        return self.t0 + dt.timedelta(minutes=self.minute)

    @property
    def phase(self) -> str:
        page = self.live_page
        d = page.idx if page is not None else self.n_days - 1
        return self.phases[d]

    @property
    def phase_idx(self) -> int:
        return PHASE_NAMES.index(self.phase)

    def day_title(self, d: int) -> str:
        return f"{date_words(self.day0 + dt.timedelta(days=d))} {COUNTRY} election news"

    # -- the capture schedule --------------------------------------------------------------------

    def build_schedule(self) -> list[tuple[int, int, str, int]]:
        r = self.rng
        N = self.n_caps
        n_days = self.n_days
        n_b = max(2, round(N * 0.045))
        n_olda = max(1, round(N * 0.035))
        n_susp = max(2, round(N * 0.045))
        n_ident = max(1, round(N * 0.02))
        n_live = N - n_b - n_olda - n_susp - n_ident
        if n_live < 2 * n_days:
            raise SystemExit(f"--captures {N} is too small for {n_days} day pages")
        weight = {
            "campaign": 0.9,
            "eve": 1.0,
            "election": 1.6,
            "count": 1.35,
            "dispute": 1.0,
            "coalition": 0.85,
        }
        live_days = [d for d in range(n_days) if d != self.outage]
        w = {d: weight[self.phases[d]] * (self.roll[d + 1] - self.roll[d]) for d in live_days}
        tot = sum(w.values())
        quota = {d: n_live * w[d] / tot for d in live_days}
        alloc = {d: max(2, int(quota[d])) for d in live_days}
        while sum(alloc.values()) < n_live:
            d = max(live_days, key=lambda k: quota[k] - alloc[k])
            alloc[d] += 1
        while sum(alloc.values()) > n_live:
            d = max(live_days, key=lambda k: alloc[k])
            alloc[d] -= 1
        events: list[tuple[int, int, str, int]] = []
        seq = 0

        def add(sec: int, kind: str, page: int) -> None:
            nonlocal seq
            events.append((sec, seq, kind, page))
            seq += 1

        for d in live_days:
            lo = self.roll[d] * 60 + 20 * 60
            hi = self.roll[d + 1] * 60 - 30
            n = alloc[d]
            step = (hi - lo) / n
            for i in range(n):
                if r.random() < 0.07:
                    sec = r.randint(lo, hi)  # out of the usual rhythm
                else:
                    sec = int(lo + (i + 0.5) * step + r.uniform(-0.18, 0.18) * step)
                add(sec, "live", d)
        for _ in range(n_olda):
            d = r.choice(live_days)
            add(self.roll[d + 1] * 60 + r.randint(5 * 60, 190 * 60), "oldA", d)
        o = self.outage
        add(self.roll[o + 1] * 60 + r.randint(60 * 60, 300 * 60), "B", o)
        for _ in range(n_b - 1):
            d = r.choice(range(n_days))
            lo = (self.roll[d + 1] + 120) * 60
            add(r.randint(lo, max(lo, (self.end_min - 5) * 60)), "B", d)
        kinds = ["error"] * 9 + ["consent"] * 4 + ["collapsed"] * 4 + ["truncated"] * 3
        for _ in range(n_susp):
            kind = r.choice(kinds)
            if r.random() < 0.12:
                d = r.choice([k for k in range(n_days) if k != self.outage])
                sec = (self.roll[d + 1] + r.randint(30, 180)) * 60
            else:
                d = r.choice(live_days)
                sec = r.randint(self.roll[d] * 60 + 40 * 60, self.roll[d + 1] * 60 - 60)
            add(sec, kind, d)
        base = [e for e in events if e[2] in ("live", "oldA", "B")]
        for _ in range(n_ident):
            sec, _s, _k, d = r.choice(base)
            add(sec + r.randint(40, 240), "ident", d)
        events.sort()
        return events

    # -- newsroom calendar -----------------------------------------------------------------------

    def build_calendar(self) -> dict[int, list[tuple[str, tuple[Any, ...]]]]:
        r = self.rng
        cal: dict[int, list[tuple[str, tuple[Any, ...]]]] = {}

        def at(m: int, name: str, *args: Any) -> None:
            cal.setdefault(m, []).append((name, args))

        for d in range(self.n_days):
            ph = self.phases[d]
            base = d * 1440
            if r.random() < 0.75:
                at(base + r.randint(65, 130), "stock", "morning")
            if ph in ("election", "count"):
                hours = [4, 7, 10, 17, 20, 23] if ph == "count" else [4, 8, 11]
            else:
                hours = [5, 10, 15] if r.random() < 0.7 else [4, 9, 13, 18]
            styles = ["catchup", "wwk", "latest"]
            for i, hh in enumerate(hours):
                at(
                    base + hh * 60 + r.randint(-40, 40),
                    "roundup",
                    styles[(i + d) % 3] if r.random() < 0.8 else "catchup",
                )
            if ph in ("campaign", "coalition", "eve") and r.random() < 0.55:
                at(base + r.randint(20 * 60, 22 * 60 + 30), "stock", "pause")
            if ph == "coalition" and r.random() < 0.8:
                at(base + r.randint(200, 250), "stock", "talks")
            if ph in ("count", "dispute"):
                at(
                    base + r.randint(90, 200),
                    "stock",
                    "counting" if r.random() < 0.6 else "counting2",
                )
            if ph == "eve":
                at(base + 14 * 60 + r.randint(-90, 60), "kind", "debate")
                at(base + 18 * 60 + r.randint(0, 6), "silence")
            if ph == "campaign" and d == self.E - 2:
                at(base + 13 * 60 + r.randint(0, 120), "kind", "debate")
            if ph == "election":
                at(base + 60 + r.randint(0, 4), "polls_open")
                for ab in r.sample(["SA", "CU", "HF", "FV", "FC"], 4):
                    at(base + r.randint(90, 330), "leader_votes", ab)
                for hh, loc in ((5, "11 a.m."), (8, "2 p.m."), (11, "5 p.m.")):
                    at(base + hh * 60 + r.randint(2, 25), "turnout", loc)
                c = self.close_min
                at(c, "stock", "polls_close")
                at(c + 1, "exit_poll")
                at(c + r.randint(4, 9), "national_pin")
                at(c + r.randint(55, 70), "stock", "closed_esk")
                for reg in REGION_NAMES:
                    at(self.results.start[reg] + r.randint(3, 40), "region_tally", reg)
                for k in (120, 240, 360, 480):
                    at(c + k + r.randint(-20, 20), "results_so_far")
                at(c + 300 + r.randint(0, 60), "projection")
            if ph == "count":
                at(base + r.randint(420, 560), "kind", "observers")
                at(base + r.randint(600, 900), "claim")
            if ph == "dispute" and d == self.E + 2:
                at(base + r.randint(200, 300), "recount")
            if ph == "dispute":
                at(
                    base + r.randint(8 * 60, 15 * 60),
                    "story",
                    "certify" if d == self.E + 2 else "recount_end",
                )
        coal = [d for d in range(self.n_days) if self.phases[d] == "coalition"]
        for k, beat in enumerate(STORY_BEATS):
            if coal:
                d = coal[min(len(coal) - 1, k * len(coal) // len(STORY_BEATS))]
                at(d * 1440 + r.randint(4 * 60, 16 * 60), "story", beat)
        return cal

    # -- main loop ----------------------------------------------------------------------------------

    def run(self) -> None:
        events = self.build_schedule()
        cal = self.build_calendar()
        by_min: dict[int, list[tuple[int, int, str, int]]] = {}
        for ev in events:
            by_min.setdefault(ev[0] // 60, []).append(ev)
        last = max(self.end_min, max(by_min) + 1)
        day = -1
        for m in range(0, last + 1):
            self.minute = m
            if day + 1 < self.n_days and m >= self.roll[day + 1]:
                day += 1
                self.open_page(day)
            if self.live_page is not None and m >= self.roll[self.n_days]:
                self.close_live()
            self.tick(m, cal.get(m, []))
            for ev in by_min.get(m, []):
                self.capture(ev)

    def open_page(self, d: int) -> None:
        r = self.rng
        page = Page(d, self.day0 + dt.timedelta(days=d), self.day_title(d), self.now)
        page.authors = r.sample(EDITORS, r.randint(3, 5))
        page.window_base = r.randint(12, 28)
        page.dive = r.sample(DIVE_LINKS, 3) if r.random() < 0.3 else None
        page.video = r.choice(VIDEOS) if r.random() < 0.6 else None
        page.outage = d == self.outage
        page.slug = hexid(self.seed, "page", d, n=8)
        page.b_dive = r.sample(DIVE_LINKS, 3)
        page.b_dive_twice = r.random() < 0.5
        self.pages.append(page)
        old = self.live_page
        self.live_page = page
        if old is not None:
            self.carry(old, page)

    def close_live(self) -> None:
        old = self.live_page
        assert old is not None
        if old.pinned is not None:
            old.pinned = None
        self.live_page = None

    # -- posts --------------------------------------------------------------------------------------

    def uri(self, page: Page, pid: int) -> str:
        return f"cms.cnn.com/_components/live-story-post/instances/h_{hexid(self.seed, page.idx, pid, n=32)}@published"

    def add_post(
        self,
        d: dict[str, Any],
        page: Page | None = None,
        stock: bool = False,
        position: int = 0,
        when: dt.datetime | None = None,
        extra_meta: dict[str, Any] | None = None,
    ) -> Entry:
        r = self.rng
        page = page or self.live_page
        assert page is not None
        pid = self.next_pid
        self.next_pid += 1
        headline = d["headline"]
        paras = list(d["paras"])
        byline = None
        if not stock and r.random() < 0.68:
            byline = self.writer.byline()
        caps: list[tuple[str, str]] = []
        if d.get("cap"):
            caps.append(d["cap"])
            if d.get("cap2") and r.random() < 0.35:
                caps.append(d["cap2"])
        meta: dict[str, Any] = {
            "label": d.get("label"),
            "alts": list(d.get("alts") or []),
            "extra": list(d.get("extra") or []),
            "lead_alt": d.get("lead_alt"),
            "stock": stock,
            "roundup": bool(d.get("roundup")),
        }
        if extra_meta:
            meta.update(extra_meta)
        plain = not stock and "tally" not in meta and not d.get("repeat_ok")
        if plain:
            if r.random() < 0.25:
                paras = [curlify(p) if isinstance(p, str) else p for p in paras]
            if r.random() < 0.03 and " " in headline:
                i = [k for k, ch in enumerate(headline) if ch == " "]
                k = i[h32(headline) % len(i)]
                headline = headline[:k] + "\u00a0" + headline[k + 1 :]
            for i, p in enumerate(paras):
                if isinstance(p, str) and r.random() < 0.04 and ". " in p:
                    paras[i] = p.replace(". ", ".  ", 1)
                elif isinstance(p, str) and r.random() < 0.04 and ", " in p:
                    paras[i] = p.replace(", ", " - ", 1)
        self.used_headlines.add(normalize(headline))
        fix_to = None
        if plain and not meta["roundup"]:
            x = r.random()
            bare = headline.rstrip(".?!:;,\"' ")
            if x < 0.012 and bare == headline:
                fix_to, headline = headline, headline + ","
            elif x < 0.022 and bare == headline:
                fix_to, headline = headline, headline + ";"
            elif x < 0.045 and bare == headline:
                headline = headline + r.choice(["...", "...", "\u2026"])
            elif x < 0.05 and bare == headline:
                headline = headline + "!"
        content = Content(headline, byline, tuple(caps), tuple(paras))
        if not stock and "tally" not in meta and not d.get("no_typo") and r.random() < 0.12:
            content = self.inject_typo(content, meta)
        t = when or self.now
        e = Entry(pid, page.idx, content, t, self.uri(page, pid), meta)
        if fix_to is not None and r.random() < 0.6:
            self.task(self.minute + r.randint(5, 150), "hl_fix", e, headline, fix_to)
        position = min(position, len(page.entries))
        page.entries.insert(position, e)
        page.last_mod = self.now
        if r.random() < 0.1 and len(page.authors) < 9:
            extra = [x for x in EDITORS if x not in page.authors]
            if extra:
                page.authors.append(r.choice(extra))
        return e

    def inject_typo(self, c: Content, meta: dict[str, Any]) -> Content:
        r = self.rng
        strs = [i for i, p in enumerate(c.paras) if isinstance(p, str) and len(p) > 40]
        if r.random() < 0.2 or not strs:
            t = make_typo(c.headline, r)
            if t is None:
                return c
            c2 = c._replace(headline=t[0])
        else:
            i = r.choice(strs)
            t = make_typo(c.paras[i], r)
            if t is None:
                return c
            paras = list(c.paras)
            paras[i] = t[0]
            c2 = c._replace(paras=tuple(paras))
        if r.random() < 0.88:
            meta["typo"] = (t[1], t[2])
            meta["typo_due"] = self.minute + r.choice([r.randint(3, 25), r.randint(20, 120)])
        return c2

    def set_content(self, e: Entry, c: Content, meta: dict[str, Any] | None = None) -> bool:
        if c == e.content:
            return False
        e.content = c
        if meta is not None:
            e.meta = meta
        e.hist.append((c, clone_meta(e.meta)))
        self.pages[e.page].last_mod = self.now
        return True

    def task(self, m: int, name: str, *args: Any) -> None:
        self.task_seq += 1
        heapq.heappush(self.tasks, (m, self.task_seq, name, args))

    # -- scheduled newsroom actions ---------------------------------------------------------------

    def tick(self, m: int, cal: list[tuple[str, tuple[Any, ...]]]) -> None:
        r = self.rng
        page = self.live_page
        while self.tasks and self.tasks[0][0] <= m:
            _m, _s, name, args = heapq.heappop(self.tasks)
            getattr(self, "t_" + name)(*args)
        if page is None:
            if r.random() < 0.02:
                self.old_page_edit()
            return
        for name, args in cal:
            getattr(self, "c_" + name)(*args)
        ph = self.phase
        rate = HOUR_PROFILE[self.now.hour] * PHASE_MULT[ph]
        if ph == "election" and m >= self.close_min:
            rate *= 1.7
        if r.random() < rate / 60.0:
            self.random_post()
        if r.random() < 0.95 * rate / 60.0 and page.entries:
            self.generic_edit(page)
        for e in page.entries[:30]:
            due = e.meta.get("typo_due")
            if due is not None and due <= m:
                self.fix_typo(e)
        if r.random() < 0.003:
            self.old_page_edit()

    def random_post(self) -> None:
        r = self.rng
        weights = dict(KIND_WEIGHTS[self.phase])
        if self.phase == "election":
            after = self.minute >= self.close_min
            for k in ("incident", "voices"):
                if after:
                    weights.pop(k, None)
            for k in ("analysis", "reaction"):
                if not after:
                    weights.pop(k, None)
        kinds = list(weights)
        kind = r.choices(kinds, weights=[weights[k] for k in kinds])[0]
        for _ in range(4):
            d = getattr(self.writer, "k_" + kind)()
            if d.get("repeat_ok") or normalize(d["headline"]) not in self.used_headlines:
                break
        page = self.live_page
        assert page is not None
        pos = 0
        when = None
        if r.random() < 0.05 and len(page.entries) > 3:
            pos = r.randint(1, 2)
            when = self.now - dt.timedelta(minutes=r.randint(3, 25))
        self.add_post(d, position=pos, when=when)

    def c_kind(self, kind: str) -> None:
        self.add_post(getattr(self.writer, "k_" + kind)())

    def c_stock(self, key: str, page: Page | None = None) -> Entry:
        hl, paras = STOCK_POSTS[key]
        return self.add_post(dict(headline=hl, paras=list(paras)), page=page, stock=True)

    def c_roundup(self, style: str) -> None:
        page = self.live_page
        assert page is not None
        e = self.add_post(self.writer.k_roundup(style))
        if (
            page.pinned is None
            and self.phase in ("campaign", "eve", "coalition", "dispute")
            and self.rng.random() < 0.25
        ):
            page.pinned = e
            self.task(self.minute + self.rng.randint(150, 360), "unpin", page, e)

    def t_unpin(self, page: Page, e: Entry) -> None:
        if page.pinned is e:
            page.pinned = None
            page.last_mod = self.now

    def c_silence(self) -> None:
        self.add_post(
            dict(
                headline="Campaign silence begins",
                paras=[
                    "Campaigning officially ended at midnight local time (6 p.m. ET). Parties are barred from holding rallies or publishing new ads until polls close on Sunday.",
                    BACKGROUND[0],
                ],
            )
        )

    def c_polls_open(self) -> None:
        town = self.writer.town()[0]
        self.add_post(
            dict(
                headline=self.rng.choice(
                    ["Polls are now open across Valmora", "Polls open", "Voting is underway"]
                ),
                paras=[
                    "Polling stations opened at 7 a.m. local time (1 a.m. ET) and will close at 8 p.m. local time (2 p.m. ET).",
                    f"In {town}, a small line had formed before the doors opened.",
                    BACKGROUND[6],
                ],
                label="Polls open",
                cap=self.writer.caption("vote", town=town),
            )
        )

    def c_leader_votes(self, ab: str) -> None:
        _name, leader, last = PARTIES[ab]
        town = self.writer.town()[0]
        self.add_post(
            dict(
                headline=self.rng.choice(
                    [
                        f"{last} casts ballot in {town}",
                        f"{last} votes",
                        f"{leader} votes in {town}, says she is 'calm'"
                        if ab in ("SA", "FC")
                        else f"{leader} votes in {town}",
                    ]
                ),
                paras=[
                    f"{leader} voted at a polling station in {town} on {self.writer.wd()} morning, accompanied by family members."
                ],
                label=f"{last} votes",
                cap=self.writer.caption("vote", ab, town),
                alts=[f"{last} casts vote"],
            )
        )

    def c_turnout(self, loc: str) -> None:
        res = self.results
        frac = {"11 a.m.": 0.33, "2 p.m.": 0.52, "5 p.m.": 0.71}[loc]
        val = round(res.turnout * frac + self.rng.uniform(-1.5, 1.5), 1)
        prev = round(val + self.rng.uniform(-3.0, 3.0), 1)
        meta = self.writer.tally_meta("turnout")
        meta.update(
            value=val, prev=prev, at=loc, hi=self.rng.choice(REGION_NAMES[:6]), label="Turnout"
        )
        hl, paras = self.writer.render_tally(meta, self.minute)
        e = self.add_post(dict(headline=hl, paras=paras), extra_meta=meta)
        if self.rng.random() < 0.6:
            self.task(self.minute + self.rng.randint(10, 70), "turnout_fix", e)

    def t_turnout_fix(self, e: Entry) -> None:
        if e not in self.pages[e.page].entries:
            return
        meta = clone_meta(e.meta)
        meta["value"] = round(
            meta["value"] + self.rng.choice([-1, 1]) * self.rng.uniform(0.2, 1.4), 1
        )
        hl, paras = self.writer.render_tally(meta, self.minute)
        self.set_content(e, e.content._replace(headline=hl, paras=tuple(paras)), meta)

    def c_exit_poll(self) -> None:
        fin = self.results.final
        sh = {p: round(fin[p] + self.rng.uniform(-1.6, 1.6), 1) for p in PARTY_ORDER}
        order = ranked(sh)
        a = order[0]
        self.add_post(
            dict(
                headline=self.rng.choice(
                    [
                        f"Exit poll: {PARTIES[a][0]} on course to be largest party",
                        f"Exit poll puts {PARTIES[a][0]} in first place",
                        "Exit poll:",
                    ]
                ),
                paras=[
                    f"An exit poll for the broadcasters VTV and Radio Valmora suggests the {PARTIES[a][0]} will be the largest party, but well short of a majority.",
                    tuple(f"{PARTIES[p][0]}: {sh[p]}%" for p in order),
                    "Exit polls in Valmora have missed the final result by two points or more in three of the last five elections.",
                ],
                label="Exit poll",
                cap=self.writer.caption("hq", a),
            )
        )

    def new_tally(
        self,
        kind: str,
        region: str | None = None,
        extra: list[Any] | None = None,
        hv: int | None = None,
    ) -> Entry:
        meta = self.writer.tally_meta(kind, region)
        if hv is not None:
            meta["hv"] = hv
        if extra:
            meta["extra_paras"] = list(extra)
        hl, paras = self.writer.render_tally(meta, self.minute)
        cap = self.writer.caption("count") if self.rng.random() < 0.2 else None
        e = self.add_post(
            dict(headline=hl, paras=paras, cap=cap, label=meta["label"]), extra_meta=meta
        )
        e.meta["tally_until"] = self.minute + self.rng.randint(8 * 60, 30 * 60)
        self.task(self.minute + self.rng.randint(15, 50), "tally", e)
        return e

    def c_national_pin(self) -> None:
        e = self.new_tally("national", hv=self.rng.choice([0, 1]))
        page = self.live_page
        assert page is not None
        page.pinned = e

    def c_region_tally(self, region: str) -> None:
        self.new_tally("region", region)

    def c_results_so_far(self) -> None:
        page = self.live_page
        assert page is not None
        srcs = [
            e
            for e in page.entries[:16]
            if e.meta.get("label")
            and not e.meta.get("stock")
            and quotable(first_para(e.content))
            and e is not page.pinned
        ]
        self.rng.shuffle(srcs)
        bullets = tuple(
            f"{e.meta['label']}: {first_sentence(first_para(e.content))}"
            for e in srcs[: self.rng.randint(3, 5)]
        )
        extra: list[Any] = ["Latest from the regions:", bullets] if len(bullets) >= 3 else []
        e = self.new_tally("national", extra=extra, hv=self.rng.choice([2, 2, 3]))
        e.meta["tally_until"] = self.minute + self.rng.randint(60, 200)
        e.meta["roundup"] = True

    def c_projection(self) -> None:
        seats = self.results.seats(self.minute)
        order = sorted(PARTY_ORDER, key=lambda p: -seats[p])
        a = order[0]
        self.add_post(
            dict(
                headline=f"CNN projection: {PARTIES[a][0]} will be the largest party",
                paras=[
                    f"The {PARTIES[a][0]} will win the most seats in the National Assembly, CNN projects, based on the partial results and the exit poll.",
                    f"CNN projects the {PARTIES[a][0]} will win about {seats[a]} seats, short of the 121 needed for a majority.",
                    BACKGROUND[2],
                ],
                label="CNN projection",
            )
        )

    def c_claim(self) -> None:
        self.add_post(
            dict(
                headline=self.rng.choice(
                    [
                        "Morcant claims victory, calls for talks",
                        'Morcant: "Tonight Valmora chose change"',
                        "Morcant says Social Alliance has a mandate to govern",
                    ]
                ),
                paras=[
                    "Social Alliance leader Lena Morcant has claimed victory and said she will ask President Hanne Ilvik for the first chance to form a government.",
                    self.writer.quote_para("SA", "Tonight Valmora chose change"),
                    self.writer.quote_para("CU", "I will not concede on the basis of a projection"),
                ],
                label="Morcant claims victory",
                alts=["Morcant declares victory"],
            )
        )

    def c_story(self, beat: str) -> None:
        w = self.writer
        r = self.rng
        wd = w.wd()
        issue = r.choice(ISSUES)
        beats: dict[str, tuple[list[str], list[Any], str]] = {
            "certify": (
                [
                    "Electoral commission certifies results in 11 of 12 regions",
                    "Results certified everywhere but Sarnica",
                ],
                [
                    f"The Central Electoral Commission has certified the results in every region except Sarnica, where a recount requested by the Homeland Front is under way, chair {CEC_CHAIR} said on {wd}.",
                    w.quote_para("CEC"),
                    BACKGROUND[4],
                ],
                "Results certified",
            ),
            "recount_end": (
                [
                    "Sarnica recount nears its end",
                    "When will the Sarnica recount finish?",
                    "Recount in Sarnica enters final stage",
                ],
                [
                    "Officials in Sarnica say the recount should be finished within 48 hours. So far it has moved only a handful of votes.",
                    w.quote_para("HF"),
                ],
                "Recount",
            ),
            "consult": (
                [
                    "President Ilvik begins consultations with party leaders",
                    "Ilvik starts talks on forming a government",
                ],
                [
                    f"President {PRESIDENT} began meeting the leaders of the six parties that won seats on {wd}, starting with the largest, the Social Alliance.",
                    w.quote_para("PRES"),
                    BACKGROUND[3],
                ],
                "Consultations",
            ),
            "mandate": (
                [
                    "Ilvik asks Morcant to explore a coalition",
                    "Morcant gets first shot at forming a government",
                    "It's Morcant's turn: president hands her the first mandate",
                ],
                [
                    f"President {PRESIDENT} has asked Social Alliance leader Lena Morcant to explore whether she can build a majority in the National Assembly.",
                    "Morcant has 21 days to report back.",
                    w.quote_para(
                        "SA", "The door to talks is open, but it will not stay open forever"
                    ),
                ],
                "Morcant's mandate",
            ),
            "formal": (
                [
                    "Social Alliance and Forward Movement agree to formal coalition talks",
                    "Formal talks begin between Morcant and Dunmore",
                ],
                [
                    "The Social Alliance and the Forward Movement say they will open formal coalition talks, with working groups on the budget, energy and housing.",
                    w.quote_para("FV"),
                ],
                "Formal talks",
            ),
            "lp_joins": (
                [
                    "Lusk Coast People's Party joins coalition talks; ferry guarantee on the table",
                    "The island ferries are now a coalition issue",
                ],
                [
                    "The Lusk Coast People's Party has joined the talks between the Social Alliance and the Forward Movement, bringing the three parties within reach of a majority.",
                    w.quote_para("LP", "The ferry guarantee is not negotiable"),
                ],
                "Lusk Coast joins",
            ),
            "fc_out": (
                [
                    "Free Citizens rule out joining a Morcant-led government",
                    'Posk: "We are not anyone\'s spare tire"',
                ],
                [
                    "The Free Citizens will not join a government led by the Social Alliance, party leader Daria Posk said, closing off one route to a majority.",
                    w.quote_para("FC", "We are not anyone's spare tire"),
                ],
                "Free Citizens",
            ),
            "stall": (
                [
                    f"Talks stall over {issue}",
                    "Are the coalition talks in trouble?",
                    f"Coalition talks hit a wall over {issue}.",
                ],
                [
                    f"Negotiators failed to agree on {issue} after a session that ran past midnight local time, according to two people familiar with the talks.",
                    w.quote_para("FV"),
                    w.quote_para("SA"),
                ],
                "Talks stall",
            ),
            "deal": (
                [
                    "Coalition agreement reached, parties say",
                    "We have a deal: three parties agree to govern together",
                    "Coalition deal struck",
                ],
                [
                    "The Social Alliance, the Forward Movement and the Lusk Coast People's Party say they have agreed a coalition program, three weeks after the election.",
                    "The agreement still needs the approval of party members.",
                    w.quote_para("SA"),
                ],
                "Coalition deal",
            ),
            "vote": (
                [
                    "Social Alliance members back coalition deal",
                    "Party members approve the coalition agreement",
                ],
                [
                    f"Members of the Social Alliance approved the coalition agreement with {r.randint(66, 88)}% of the vote, the party said. Turnout among members was {r.randint(54, 79)}%.",
                    "The Forward Movement's members vote later this week.",
                ],
                "Members vote",
            ),
            "sworn": (
                [
                    f"Morcant to be sworn in as prime minister on {r.choice(WEEKDAYS)}",
                    "Morcant will be Valmora's next prime minister",
                ],
                [
                    "Lena Morcant will be sworn in as prime minister after the National Assembly confirmed her nomination, ending weeks of uncertainty.",
                    w.quote_para("CU", "We respect the voters, and we will respect the result"),
                    BACKGROUND[1],
                ],
                "Morcant",
            ),
        }
        heads, paras, label = beats[beat]
        self.add_post(
            dict(
                headline=r.choice(heads),
                paras=paras,
                label=label,
                alts=heads,
                cap=w.caption("talks") if r.random() < 0.4 else None,
            )
        )

    def c_recount(self) -> None:
        e = self.new_tally("recount", "Sarnica")
        e.meta["tally_until"] = self.minute + 10**6
        e.meta["label"] = "Recount"

    # -- tallies -------------------------------------------------------------------------------------

    def t_tally(self, e: Entry) -> None:
        page = self.pages[e.page]
        if e not in page.entries or e.meta.get("frozen"):
            return
        if self.minute > e.meta.get("tally_until", 0):
            return
        meta = clone_meta(e.meta)
        if meta["tally"] == "recount":
            if meta["boxes"] >= 1140:
                self.results.done["Sarnica"] = min(self.results.done["Sarnica"], self.minute)
                return
            meta["boxes"] = min(1140, meta["boxes"] + self.rng.randint(40, 170))
            meta["delta"] = meta["delta"] + self.rng.randint(0, 9)
            nxt = self.rng.randint(40, 120)
        else:
            nxt = (
                self.rng.randint(15, 35)
                if meta["tally"] == "national"
                else self.rng.randint(18, 60)
            )
        hl, paras = self.writer.render_tally(meta, self.minute)
        self.set_content(e, e.content._replace(headline=hl, paras=tuple(paras)), meta)
        if (
            meta["tally"] == "region"
            and self.results.reporting(meta["region"], self.minute) >= 100.0
        ):
            return
        self.task(self.minute + nxt, "tally", e)

    # -- rollover: carrying posts to the next day's page --------------------------------------------

    def carry(self, old: Page, new: Page) -> None:
        r = self.rng
        cands = [e for e in old.entries[:8] if not e.meta.get("stock")]
        k = r.randint(3, 6) if self.phases[new.idx] == "count" else r.choice([0, 1, 1, 2, 2, 3, 4])
        chosen = [e for e in cands if e is old.pinned][:1]
        for e in cands:
            if len(chosen) >= k:
                break
            if e not in chosen and r.random() < 0.7:
                chosen.append(e)
        chosen.sort(key=lambda e: old.entries.index(e))
        for e in chosen:
            c = e.content
            meta = clone_meta(e.meta)
            meta.pop("typo_due", None)
            x = r.random()
            if "tally" in meta:
                if x < 0.3:
                    meta["hv"] = (meta["hv"] + 1) % 4
                    hl, paras = self.writer.render_tally(meta, self.minute)
                    c = c._replace(headline=hl, paras=tuple(paras))
            elif x < 0.2:
                c = self.reword_headline(c, meta) or c
            elif x < 0.32:
                c = self.rewrite_lead(c, meta) or c
            elif x < 0.4:
                c = self.rewrite_lead(self.reword_headline(c, meta) or c, meta) or c
            t = e.time if r.random() < 0.6 else self.now - dt.timedelta(minutes=r.randint(1, 40))
            ne = Entry(e.pid, new.idx, c, t, self.uri(new, e.pid), meta)
            new.entries.append(ne)
            if e is old.pinned:
                new.pinned = ne
                self.task(self.minute + r.randint(300, 720), "unpin", new, ne)
            if "tally" in meta:
                e.meta["frozen"] = True
                self.task(self.minute + r.randint(10, 40), "tally", ne)
        old.pinned = None
        if r.random() < 0.65:
            self.c_stock("moved", page=old)
        new.last_mod = self.now

    # -- edits ---------------------------------------------------------------------------------------

    def pick_target(self, page: Page) -> Entry | None:
        pool = [e for e in page.entries if not e.meta.get("stock")]
        if not pool:
            return None
        i = 0
        while i < len(pool) - 1 and self.rng.random() > 0.22:
            i += 1
        return pool[i]

    def generic_edit(
        self, page: Page, e: Entry | None = None, kinds: list[str] | None = None
    ) -> str | None:
        r = self.rng
        e = e or self.pick_target(page)
        if e is None:
            return None
        names = kinds or list(EDIT_WEIGHTS)
        for _ in range(5):
            k = r.choices(names, weights=[EDIT_WEIGHTS[n] for n in names])[0]
            before = e.content
            if self.apply_edit(page, e, k):
                if (
                    k not in ("revert", "delete", "retime", "time_fix", "reorder")
                    and e.content != before
                ):
                    self.after_edit(page, e, before)
                return k
        return None

    def after_edit(self, page: Page, e: Entry, before: Content) -> None:
        r = self.rng
        # Some edits are undone later; a few go back past the previous version.
        x = r.random()
        if x < 0.07 and before in e.seen:
            self.task(self.minute + r.randint(40, 200), "undo", e, before, e.content)
        elif x < 0.1 and len(e.seen) >= 2:
            self.task(self.minute + r.randint(40, 200), "undo", e, e.seen[0], e.content)
        # An edit made on the new page sometimes reaches the old page's copy later.
        if page.idx > 0 and r.random() < 0.3:
            prev = self.pages[page.idx - 1]
            for oe in prev.entries:
                if oe.pid == e.pid:
                    self.task(self.minute + r.randint(30, 400), "catchup", oe, e.content)

    def t_hl_fix(self, e: Entry, bad: str, good: str) -> None:
        if e.content.headline == bad and e in self.pages[e.page].entries:
            self.set_content(e, e.content._replace(headline=good))

    def t_undo(self, e: Entry, target: Content, expect: Content) -> None:
        if e.content == expect and e in self.pages[e.page].entries:
            self.set_content(e, target)

    def t_catchup(self, oe: Entry, c: Content) -> None:
        if oe in self.pages[oe.page].entries:
            self.set_content(oe, c._replace(byline=oe.content.byline))

    def fix_typo(self, e: Entry) -> None:
        bad, good = e.meta.pop("typo")
        e.meta.pop("typo_due", None)
        pat = re.compile(r"(?<!\w)" + re.escape(bad) + r"(?!\w)")
        c2 = map_text(e.content, lambda s: pat.sub(good, s, count=1))
        self.set_content(e, c2)

    def old_page_edit(self) -> None:
        r = self.rng
        live = self.live_page.idx if self.live_page is not None else self.n_days
        olds = [p for p in self.pages if p.idx < live and p.idx >= live - 2 and p.entries]
        if not olds:
            return
        page = r.choice(olds)
        e = self.pick_target(page)
        if e is None:
            return
        self.generic_edit(
            page,
            e,
            [
                "numeric",
                "add_sentence",
                "reword",
                "typographic",
                "revert",
                "delete",
                "trim",
                "caption_add",
            ],
        )

    def reword_headline(self, c: Content, meta: dict[str, Any]) -> Content | None:
        r = self.rng
        alts = [a for a in meta.get("alts", []) if normalize(a) != normalize(c.headline)]
        if alts and r.random() < 0.7:
            return c._replace(headline=r.choice(alts))
        hl = c.headline
        for a, b in r.sample(HEADLINE_REWORDS, len(HEADLINE_REWORDS)):
            if a in hl:
                return c._replace(headline=hl.replace(a, b, 1))
        if len(hl) < 40 and not hl.endswith((":", "?", '"')):
            return c._replace(
                headline=hl + r.choice([", officials say", " as count continues", ": what we know"])
            )
        if hl.endswith((".", "...")):
            return c._replace(headline=hl.rstrip("."))
        return None

    def rewrite_lead(self, c: Content, meta: dict[str, Any]) -> Content | None:
        if not c.paras or not isinstance(c.paras[0], str):
            return None
        lead = c.paras[0]
        alt = meta.get("lead_alt")
        if alt and normalize(alt) != normalize(lead) and self.rng.random() < 0.6:
            new = alt
        else:
            new = lead
            for a, b in TENSE:
                if a in new:
                    new = new.replace(a, b, 1)
                    break
            if new == lead:
                new = lead.replace(
                    " on " + WEEKDAYS[self.now.weekday()],
                    " earlier on " + WEEKDAYS[self.now.weekday()],
                    1,
                )
            if new == lead:
                return None
        return c._replace(paras=(new, *c.paras[1:]))

    def apply_edit(self, page: Page, e: Entry, k: str) -> bool:
        r = self.rng
        c = e.content
        tally = "tally" in e.meta
        if k == "numeric":
            if tally:
                if e.meta.get("frozen") or e.meta["tally"] == "turnout":
                    return False
                self.t_tally_once(e)
                return True
            c2 = bump_numbers(c, r)
            return c2 is not None and self.set_content(e, c2)
        if k == "add_para":
            if tally:
                meta = clone_meta(e.meta)
                meta["extra_paras"].append(r.choice(EXTRA_SENTENCES))
                hl, paras = self.writer.render_tally(meta, self.minute)
                return self.set_content(e, c._replace(headline=hl, paras=tuple(paras)), meta)
            if e.meta["extra"]:
                p = e.meta["extra"].pop(0)
            else:
                p = r.choice(
                    [
                        "This post has been updated with additional reporting.",
                        f"CNN has reached out to the {PARTIES[self.writer.party()][0]} for comment.",
                        self.writer.background(),
                        self.writer.reused_quote() or BACKGROUND[2],
                    ]
                )
            if any(isinstance(x, str) and normalize(x) == normalize(p) for x in c.paras):
                return False
            paras = list(c.paras)
            if r.random() < 0.3 and len(paras) > 1:
                paras.insert(1, p)
            else:
                paras.append(p)
            return self.set_content(e, c._replace(paras=tuple(paras)))
        if k == "add_sentence":
            idx = [
                i
                for i, p in enumerate(c.paras)
                if isinstance(p, str) and p.endswith(".") and len(p) > 50
            ]
            if tally or not idx:
                return False
            i = r.choice(idx)
            s = r.choice(EXTRA_SENTENCES)
            if s in c.paras[i]:
                return False
            paras = list(c.paras)
            paras[i] = paras[i] + " " + s
            return self.set_content(e, c._replace(paras=tuple(paras)))
        if k == "reword":
            if tally:
                if e.meta["tally"] in ("national",) and e is page.pinned:
                    return False
                meta = clone_meta(e.meta)
                meta["hv"] = (meta["hv"] + r.randint(1, 3)) % 4
                hl, paras = self.writer.render_tally(meta, self.minute)
                return self.set_content(e, c._replace(headline=hl, paras=tuple(paras)), meta)
            c2 = self.reword_headline(c, e.meta)
            return c2 is not None and self.set_content(e, c2)
        if k == "byline_add":
            return c.byline is None and self.set_content(e, c._replace(byline=self.writer.byline()))
        if k == "byline_extend":
            if c.byline is None or " and " in c.byline or " in " in c.byline:
                return False
            extra = r.choice([x for x in REPORTERS if x not in c.byline])
            return self.set_content(e, c._replace(byline=f"{c.byline} and {extra}"))
        if k == "caption_add":
            if c.captions:
                return False
            return self.set_content(
                e, c._replace(captions=(self.writer.caption(PHASE_CAPTION[self.phase]),))
            )
        if k == "caption_edit":
            if not c.captions:
                return False
            text, credit = c.captions[0]
            for a, b in (
                (" on ", " late on "),
                (" in ", " in central "),
                ("Supporters", "Young supporters"),
                ("Voters", "Hundreds of voters"),
            ):
                if a in text and b not in text:
                    text2 = text.replace(a, b, 1)
                    break
            else:
                return False
            return self.set_content(e, c._replace(captions=((text2, credit), *c.captions[1:])))
        if k == "trim":
            strs = [i for i, p in enumerate(c.paras) if i > 0]
            if tally or len(c.paras) < 3 or not strs:
                return False
            i = strs[-1] if r.random() < 0.6 else r.choice(strs)
            return self.set_content(e, c._replace(paras=c.paras[:i] + c.paras[i + 1 :]))
        if k == "typographic":
            if tally:
                return False
            return self.typographic(e)
        if k == "lead":
            if tally:
                return False
            c2 = self.rewrite_lead(c, e.meta)
            return c2 is not None and self.set_content(e, c2)
        if k == "time_fix":
            delta = r.choice([-1, 1]) * r.randint(2, 25)
            t2 = e.time + dt.timedelta(minutes=delta)
            if t2 > self.now:
                t2 = e.time - dt.timedelta(minutes=abs(delta))
            e.time = t2
            page.last_mod = self.now
            return True
        if k == "retime":
            if e is page.pinned or page.entries.index(e) == 0:
                return False
            page.entries.remove(e)
            page.entries.insert(0, e)
            e.time = self.now
            page.last_mod = self.now
            return True
        if k == "reorder":
            i = page.entries.index(e)
            if i < 2:
                return False
            page.entries.remove(e)
            page.entries.insert(i - r.randint(1, min(3, i)), e)
            page.last_mod = self.now
            return True
        if k == "revert":
            if e.content not in e.seen:
                return False
            older = [x for x in e.seen if x != e.content]
            if not older:
                return False
            target = older[-1] if r.random() < 0.65 else r.choice(older)
            meta = None
            for hc, hm in reversed(e.hist):
                if hc == target:
                    meta = clone_meta(hm)
                    break
            if meta is not None:
                meta.pop("typo_due", None)
                meta.pop("typo", None)
                if "tally_until" in e.meta:
                    meta["tally_until"] = e.meta["tally_until"]
            return self.set_content(e, target, meta)
        if k == "delete":
            if e is page.pinned or (tally and e.meta["tally"] != "turnout"):
                return False
            page.entries.remove(e)
            page.last_mod = self.now
            return True
        raise ValueError(k)

    def t_tally_once(self, e: Entry) -> None:
        until = e.meta.get("tally_until", 0)
        e.meta["tally_until"] = max(until, self.minute)
        meta = clone_meta(e.meta)
        if meta["tally"] == "recount":
            meta["boxes"] = min(1140, meta["boxes"] + self.rng.randint(10, 60))
        hl, paras = self.writer.render_tally(meta, self.minute)
        self.set_content(e, e.content._replace(headline=hl, paras=tuple(paras)), meta)
        e.meta["tally_until"] = until

    def typographic(self, e: Entry) -> bool:
        r = self.rng
        c = e.content
        opts = []
        for i, p in enumerate(c.paras):
            if not isinstance(p, str):
                continue
            if ('"' in p or "'" in p) and curlify(p) != p:
                opts.append(("curly", i))
            if straighten(p) != p:
                opts.append(("straight", i))
            if " - " in p:
                opts.append(("dash", i))
            if "  " in p:
                opts.append(("space", i))
        if "\u00a0" in c.headline:
            opts.append(("hl_nbsp", -1))
        elif " " in c.headline:
            opts.append(("hl_add_nbsp", -1))
        if not opts:
            return False
        kind, i = r.choice(opts)
        if kind == "hl_nbsp":
            return self.set_content(e, c._replace(headline=c.headline.replace("\u00a0", " ")))
        if kind == "hl_add_nbsp":
            sp = [k for k, ch in enumerate(c.headline) if ch == " "]
            k = r.choice(sp)
            return self.set_content(
                e, c._replace(headline=c.headline[:k] + "\u00a0" + c.headline[k + 1 :])
            )
        p = c.paras[i]
        if kind == "curly":
            p2 = curlify(p)
        elif kind == "straight":
            p2 = straighten(p)
        elif kind == "dash":
            p2 = p.replace(" - ", " \u2014 ", 1)
        else:
            p2 = p.replace("  ", " ", 1)
        paras = list(c.paras)
        paras[i] = p2
        return self.set_content(e, c._replace(paras=tuple(paras)))

    # -- captures ------------------------------------------------------------------------------------

    def capture(self, ev: tuple[int, int, str, int]) -> None:
        sec, _seq, kind, d = ev
        idx = len(self.captures)
        rr = Random(f"{GENERATOR}:render:{self.seed}:{self.n_caps}:{idx}")
        page = self.pages[d]
        text = self.fmt == "text"
        at = self.t0 + dt.timedelta(seconds=sec)
        if kind == "ident":
            last = page.last_cap
            if last is not None and not last["suspect"]:
                self.record(
                    page,
                    at,
                    last["layout"],
                    False,
                    last["data"],
                    last["posts"],
                    last["obs"],
                    ident=True,
                )
                return
            kind = "live"
        if kind in ("collapsed", "truncated"):
            prev = page.last_ok_cap
            if prev is None or len(set(prev["posts"])) < 8:
                kind = "error"
        if kind in ("error", "consent"):
            layout = ("B" if page.b_mode else "A") if text else "html"
            data = self.render_blocked(page, kind, rr, idx)
            self.record(page, at, layout, True, data, [], [])
            return
        if kind == "B":
            if text:
                page.b_mode = True
            window = 45
        elif page.b_mode:
            window = 45
        elif kind == "oldA" or rr.random() > 0.08:
            window = max(10, min(40, page.window_base + rr.randint(-5, 6)))
        else:
            window = rr.randint(30, 40)
        layout = ("B" if page.b_mode else "A") if text else "html"
        shown = list(page.entries[:window])
        if page.pinned is not None and layout != "B":
            shown.insert(0, page.pinned)
        if kind == "collapsed":
            keep = rr.choice([0, 1, 1, 2])
            shown = shown[:keep]
            count = rr.choice([len(page.entries), keep, 0])
            data, _offs, obs = self.render(
                page, layout, shown, rr, idx, count=count, collapsed=True
            )
            self.record(page, at, layout, True, data, [e.pid for e in shown], obs)
            return
        data, offs, obs = self.render(page, layout, shown, rr, idx)
        if kind == "truncated":
            s = data.decode("utf-8")
            cut = int(len(s) * rr.uniform(0.12, 0.35))
            s = s[:cut]
            n = sum(1 for o in offs if o <= cut)
            self.record(
                page, at, layout, True, s.encode("utf-8"), [e.pid for e in shown[:n]], obs[:n]
            )
            return
        self.record(page, at, layout, False, data, [e.pid for e in shown], obs)
        for e in shown:
            if e.content not in e.seen:
                e.seen.append(e.content)

    def record(
        self,
        page: Page,
        at: dt.datetime,
        layout: str,
        suspect: bool,
        data: bytes,
        posts: list[int],
        obs: list[Obs],
        ident: bool = False,
    ) -> None:
        idx = len(self.captures)
        ext = "txt" if self.fmt == "text" else "html"
        name = f"{idx:04d}_{hexid(self.seed, self.n_caps, idx, page.slug)}.{ext}"
        utc = at + dt.timedelta(hours=et_to_utc_offset(at))
        rec = dict(
            file=name,
            page=page.title,
            layout=layout,
            suspect=suspect,
            captured_at=utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
            posts=list(posts),
            obs=obs,
            ident=ident,
            data=data,
        )
        self.captures.append(rec)
        page.last_cap = rec
        if not suspect:
            page.last_ok_cap = rec

    # -- rendering -----------------------------------------------------------------------------------

    def render(
        self,
        page: Page,
        layout: str,
        shown: list[Entry],
        rr: Random,
        idx: int,
        count: int | None = None,
        collapsed: bool = False,
    ) -> tuple[bytes, list[int], list[Obs]]:
        n_posts = len(page.entries) if count is None else count
        obs: list[Obs] = []
        offs: list[int] = []
        if layout == "html":
            return self.render_html(page, shown, rr, idx, n_posts, collapsed)
        if layout == "A":
            out = f"{page.title}\n\nBy {join_names(page.authors)}, CNN\n\nUpdated {time_label(page.last_mod)}\n{n_posts} Posts\nSort byDropdown arrow\n"
            prev_last = None
            for i, e in enumerate(shown):
                block, hl_end, last, ob = self.a_block(e.content, time_label(e.time))
                if i:
                    out += "\n" if h32("sep", prev_last) % 11 == 0 else "\n\n"
                offs.append(len(out) + hl_end)
                out += block
                obs.append(ob)
                prev_last = last
            if page.dive and not collapsed:
                out += "\n\nDive Deeper\n\n" + "\n".join(page.dive)
            return out.encode("utf-8"), offs, obs
        # layout B
        head = [f"{page.title} | CNN", "", page.title, ""]
        if page.video is not None:
            slug, title, dur = page.video
            head += [slug, title, f"{dur} - Source: CNN", ""]
        head += ["What we covered here", "", f"{n_posts} Posts", ""]
        out = "\n".join(head) + "\n"
        for i, e in enumerate(shown):
            block, hl_end, ob = self.b_block(e.content)
            if i:
                out += "\n\n"
            offs.append(len(out) + hl_end)
            out += block
            obs.append(ob)
        if not collapsed:
            links = "\n".join(curlify(x) for x in page.b_dive)
            out += "\n\nDive Deeper\n\n" + links
            if page.b_dive_twice:
                out += "\n\nDive Deeper\n\n" + links
        return out.encode("utf-8"), offs, obs

    def a_block(self, c: Content, tl: str) -> tuple[str, int, str, Obs]:
        key = ("A", c, tl)
        hit = self.cache.get(key)
        if hit is not None:
            return hit
        lines = [tl, "", c.headline, ""]
        if c.byline:
            lines += [c.byline + trail(c.byline), ""]
        for cap, credit in c.captions:
            lines += [cap, f"{cap} ({credit})", ""]
        head = "\n".join(lines) + "\n"
        hl_end = len(tl) + 2 + len(c.headline)
        body = ""
        last = c.headline
        raw = [c.headline] + [cap for cap, _ in c.captions]
        for i, p in enumerate(c.paras):
            if isinstance(p, tuple):
                chunk = "\n".join("  \u2022 " + b for b in p)
                raw.extend("\u2022 " + b for b in p)
                cur = p[-1]
            else:
                chunk = p + trail(p)
                raw.append(p)
                cur = p
            if i:
                body += "\n" if h32("para", last) % 29 == 0 else "\n\n"
            body += chunk
            last = cur
        block = head + body if body else head.rstrip("\n")
        joined = "\n".join(raw)
        ob = Obs("A", normalize(joined), joined, tl, c.byline or "")
        out = (block, hl_end, last, ob)
        self.cache[key] = out
        return out

    def b_block(self, c: Content) -> tuple[str, int, Obs]:
        key = ("B", c)
        hit = self.cache.get(key)
        if hit is not None:
            return hit
        hl = b_headline(c.headline)
        lines = [hl, ""]
        raw = [hl]
        for cap, _credit in c.captions:
            cb = b_text(cap, "cap")
            lines += [cb, ""]
            raw.append(cb)
        chunks = []
        for p in c.paras:
            if isinstance(p, tuple):
                items = [b_text(b, "li") for b in p]
                chunks.append("\n".join("  \u2022 " + b for b in items))
                raw.extend("\u2022 " + b for b in items)
            else:
                pb = b_text(p, "p")
                chunks.append(pb)
                raw.append(pb)
        block = (
            "\n".join(lines) + "\n" + "\n\n".join(chunks)
            if chunks
            else "\n".join(lines).rstrip("\n")
        )
        joined = "\n".join(raw)
        out = (block, len(hl), Obs("B", normalize(joined), joined, None, None))
        self.cache[key] = out
        return out

    def render_html(
        self,
        page: Page,
        shown: list[Entry],
        rr: Random,
        idx: int,
        n_posts: int,
        collapsed: bool,
    ) -> tuple[bytes, list[int], list[Obs]]:
        rid = f"{rr.getrandbits(48):012x}"
        canon = f"https://www.cnn.com/world/live-news/valmora-election-{MONTHS[page.date.month - 1].lower()}-{page.date.day}-{page.date.year}"
        iso = (page.last_mod + dt.timedelta(hours=et_to_utc_offset(page.last_mod))).strftime(
            "%Y-%m-%dT%H:%M:%SZ"
        )
        title = esc(page.title)
        head = (
            '<!DOCTYPE html>\n<html lang="en" data-uri="cms.cnn.com/_pages/'
            + page.slug
            + '@published" class="no-js">\n<head>\n<meta charset="utf-8">\n'
            + '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            + f"<title>{title} | CNN</title>\n"
            + f'<link rel="canonical" href="{canon}">\n'
            + f'<meta property="og:title" content="{esc_attr(page.title)}">\n'
            + f'<script>window.CNN=window.CNN||{{}};CNN.contentModel={{"pageType":"live-story","section":"world","rid":"{rid}","env":"prod"}};</script>\n'
            + "<style>.live-story-post{margin:0 0 24px}.ad-slot{min-height:250px}.live-story-post__pinned-label{font-weight:700}</style>\n"
            + f'<script type="application/ld+json">{{"@context":"https://schema.org","@type":"LiveBlogPosting","headline":{json.dumps(page.title)},"dateModified":"{iso}","url":"{canon}"}}</script>\n'
            + f'<script async src="https://www.cnn.com/ads/prebid.{rid[:6]}.js"></script>\n'
            + "</head>\n"
        )
        body = [
            '<body class="layout-live-story">',
            '<header class="header" data-editable="header"><nav class="header__nav"><a class="brand-logo" href="/">CNN</a> <a href="/us">US</a> <a href="/world">World</a> <a href="/politics">Politics</a> <a href="/business">Business</a> <button class="header__search-button" aria-label="Search">Search</button></nav></header>',
            f'<div class="ad-slot ad-slot--top" id="ad-top-{rid[:8]}" data-ad-position="top"><span class="ad-slot__label">Advertisement</span></div>',
            '<main class="layout__main">',
            f'<h1 class="headline__text live-story__title" id="maincontent">{title}</h1>',
            f'<div class="byline live-story__byline">By {esc(join_names(page.authors))}, CNN</div>',
            f'<div class="timestamp live-story__updated">Updated {esc(time_label(page.last_mod))}</div>',
            f'<div class="live-story__post-count">{n_posts} Posts</div>',
            '<div class="live-story__sort"><button class="live-story__sort-button">Sort by<svg class="icon-arrow" aria-label="Dropdown arrow"></svg></button></div>',
            '<div class="live-story__posts" data-editable="posts">',
        ]
        out = head + "\n".join(body) + "\n"
        offs: list[int] = []
        obs: list[Obs] = []
        pinned = page.pinned
        for i, e in enumerate(shown):
            is_pin = i == 0 and pinned is e
            art, hl_end, ob = self.html_article(e, time_label(e.time), is_pin)
            offs.append(len(out) + hl_end)
            out += art + "\n"
            obs.append(ob)
            if i % 4 == 3:
                out += f'<div class="ad-slot ad-slot--inline" id="ad-inline-{i}-{rid[:6]}" data-ad-position="inline{i}"><span class="ad-slot__label">Advertisement</span></div>\n'
            if i == 6 and page.dive:
                out += f'<div class="related-content"><span class="related-content__label">Related</span> <a href="{canon}/related">Read more: {esc(page.dive[0])}</a></div>\n'
        tail = ["</div>"]
        if not collapsed:
            links = page.dive or page.b_dive
            tail.append(
                '<section class="dive-deeper"><h3 class="dive-deeper__title">Dive Deeper</h3><ul>'
                + "".join(
                    f'<li><a href="https://www.cnn.com/world/{hexid(x, n=10)}">{esc(x)}</a></li>'
                    for x in links
                )
                + "</ul></section>"
            )
        tail += [
            "</main>",
            '<footer class="footer"><div class="footer__links"><a href="/terms">Terms of Use</a> <a href="/privacy">Privacy Policy</a> <a href="/accessibility">Accessibility &amp; CC</a></div><div class="footer__copyright">&copy; 2031 Cable News Network. A Warner Bros. Discovery Company. All Rights Reserved.</div></footer>',
            f'<script>(function(){{var s=document.createElement("script");s.src="https://www.cnn.com/analytics/{rid}.js";document.body.appendChild(s);}})();</script>',
            "</body>",
            "</html>",
        ]
        out += "\n".join(tail) + "\n"
        return out.encode("utf-8"), offs, obs

    def html_article(self, e: Entry, tl: str, pinned: bool) -> tuple[str, int, Obs]:
        c = e.content
        key = ("H", c, tl, e.uri, pinned)
        hit = self.cache.get(key)
        if hit is not None:
            return hit
        cls = "live-story-post live-story-post--pinned" if pinned else "live-story-post"
        parts = [
            f'<article class="{cls}" data-uri="{e.uri}" id="{"pinned-" if pinned else ""}post-{hexid(e.uri, n=10)}">'
        ]
        if pinned:
            parts.append(
                '<div class="live-story-post__pinned-label"><svg class="icon-pin" aria-hidden="true"></svg>Pinned</div>'
            )
        parts.append('<header class="live-story-post__header">')
        parts.append(f'<span class="live-story-post__timestamp">{esc(tl)}</span>')
        pre = "".join(parts)
        hl_html = f'<h2 class="live-story-post__headline">{esc(c.headline)}</h2>'
        hl_end = len(pre) + len(hl_html)
        parts.append(hl_html)
        if c.byline:
            parts.append(f'<div class="live-story-post__byline">{esc(c.byline)}</div>')
        parts.append('</header>\n<div class="live-story-post__content">')
        raw = [c.headline]
        for cap, credit in c.captions:
            parts.append(
                f'<figure class="image"><div class="image__container"><img src="https://media.cnn.com/api/v1/images/stellar/prod/{hexid(cap, n=20)}.jpg?c=16x9&amp;q=w_850,c_fill" alt="{esc_attr(cap)}" loading="lazy"></div>'
                f'<figcaption class="image__caption"><span data-editable="metaCaption">{esc(cap)}</span></figcaption><div class="image__credit">{esc(credit)}</div></figure>'
            )
            raw.append(cap)
        for j, p in enumerate(c.paras):
            if isinstance(p, tuple):
                parts.append(
                    '<ul class="list">'
                    + "".join(
                        f'<li class="list__item"><p class="paragraph inline-placeholder">{inline_html(b)}</p></li>'
                        for b in p
                    )
                    + "</ul>"
                )
                raw.extend(p)
            else:
                parts.append(
                    f'<p class="paragraph inline-placeholder" data-component-name="paragraph">{inline_html(p)}</p>'
                )
                raw.append(p)
            if j == 1 and h32("embed", e.pid) % 9 == 0:
                parts.append(
                    f'<div class="social-embed"><blockquote class="x-post" data-id="{h32("x", e.pid)}">Posted by @ValmoraCEC</blockquote><script async src="https://platform.x.com/widgets.js"></script></div>'
                )
        parts.append("</div>")
        parts.append(
            '<div class="live-story-post__share"><button class="share-button" data-share="facebook" aria-label="Share on Facebook"></button><button class="share-button" data-share="x" aria-label="Share on X"></button><button class="share-button" data-share="link">Copy link</button></div>'
        )
        parts.append("</article>")
        joined = "\n".join(raw)
        out = ("".join(parts), hl_end, Obs("html", normalize(joined), joined, tl, c.byline or ""))
        self.cache[key] = out
        return out

    def render_blocked(self, page: Page, kind: str, rr: Random, idx: int) -> bytes:
        ref = f"{rr.getrandbits(32):08x}.{rr.randint(10**9, 2 * 10**9)}.{rr.getrandbits(24):06x}"
        if self.fmt == "text":
            if kind == "consent":
                s = (
                    "CNN\n\nWe value your privacy\n\nWe and our 846 partners store and/or access information on a device, such as cookies, and process personal data, such as unique identifiers and standard information sent by a device, for personalised advertising and content, advertising and content measurement, audience research and services development.\n\n"
                    "You can click to consent to our and our partners' processing as described above, or to refuse consent.\n\nAccept All\nReject All\nShow Purposes"
                )
            else:
                s = rr.choice(
                    [
                        "504 Gateway Time-out\n\nThe server didn't respond in time.",
                        f'Access Denied\n\nYou don\'t have permission to access "http://www.cnn.com/world/live-news/valmora-election-{page.slug}" on this server.\n\nReference #18.{ref}',
                        f"{page.title} | CNN\n\nSomething went wrong.\n\nWe're having trouble loading this page right now. Please refresh the page or try again later.",
                        "Error 503 Service Unavailable\n\nService Unavailable\n\nGuru Mediation:\n\nDetails: cache-iad-kiad7000"
                        + str(rr.randint(10, 99))
                        + "-IAD "
                        + ref
                        + "\n\nVarnish cache server",
                    ]
                )
            return s.encode("utf-8")
        if kind == "consent":
            s = (
                f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{esc(page.title)} | CNN</title><script src="https://cdn.cookielaw.org/scripttemplates/otSDKStub.js" data-domain-script="{ref}"></script></head>\n'
                '<body class="consent-required"><div id="onetrust-banner-sdk" class="otFlat" role="dialog" aria-label="Privacy"><div class="ot-sdk-container"><h2 id="onetrust-policy-title">We value your privacy</h2>'
                '<p id="onetrust-policy-text">We and our 846 partners store and/or access information on a device, such as cookies, and process personal data for personalised advertising and content, measurement and audience research.</p>'
                '<button id="onetrust-accept-btn-handler">Accept All</button><button id="onetrust-reject-all-handler">Reject All</button><button id="onetrust-pc-btn-handler">Show Purposes</button></div></div>\n</body></html>\n'
            )
        else:
            s = rr.choice(
                [
                    f"<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head><body><h1>Error 503 Service Unavailable</h1><p>Service Unavailable</p><h3>Guru Mediation:</h3><p>Details: cache-iad-kiad7000{rr.randint(10, 99)}-IAD {ref}</p><hr><p>Varnish cache server</p></body></html>\n",
                    f'<!DOCTYPE html>\n<html><head><title>Access Denied</title></head><body><h1>Access Denied</h1>You don\'t have permission to access "http://www.cnn.com/world/live-news/valmora-election-{page.slug}" on this server.<p>Reference #18.{ref}</p></body></html>\n',
                    f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{esc(page.title)} | CNN</title></head><body><div class="error-page"><h1>Something went wrong.</h1><p>We\'re having trouble loading this page right now. Please refresh the page or try again later.</p></div></body></html>\n',
                ]
            )
        return s.encode("utf-8")


class Obs(NamedTuple):
    layout: str
    norm: str
    raw: str
    time: str | None
    byline: str | None


def trail(s: str) -> str:
    return " " if h32("trail", s) % 6 == 0 else ""


def b_headline(hl: str) -> str:
    v = h32("bhl", hl)
    if v % 4 == 0:
        sp = [k for k, ch in enumerate(hl) if ch == " "]
        if sp:
            k = sp[(v // 4) % len(sp)]
            hl = hl[:k] + "\u00a0" + hl[k + 1 :]
    if v % 9 == 1:
        hl += "\u00a0"
    return hl


def b_text(p: str, salt: str) -> str:
    s = curlify(p)
    v = h32("b", salt, p)
    if v % 4 == 0:
        sp = [k for k, ch in enumerate(s) if ch == " "]
        for j in range(1 + (v // 3) % 2):
            if sp:
                k = sp[(v // (7 + j)) % len(sp)]
                s = s[:k] + "\u00a0" + s[k + 1 :]
    if v % 5 == 2:
        s += "\u00a0"
    return s


def esc(s: str) -> str:
    return html.escape(s, quote=False).replace("\u00a0", "&nbsp;")


def esc_attr(s: str) -> str:
    return html.escape(s, quote=True).replace("\u00a0", "&nbsp;")


_LEADINS = ("Some context:", "Key figures:", "Read more:", "Looking ahead:")


def inline_html(p: str) -> str:
    for lead in _LEADINS:
        if p.startswith(lead):
            rest = p[len(lead) :]
            if lead == "Read more:":
                return (
                    f'<strong>{esc(lead)}</strong> <a href="https://www.cnn.com/world/{hexid(p, n=12)}">{esc(rest.strip())}</a>'
                    if rest.startswith(" ") and rest.strip()
                    else f"<strong>{esc(lead)}</strong>{esc(rest)}"
                )
            return f"<strong>{esc(lead)}</strong>{inline_link(rest)}"
    return inline_link(p)


def inline_link(p: str) -> str:
    v = h32("link", p)
    if v % 4 != 0:
        return esc(p)
    spans = list(re.finditer(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}\b(?!')", p))
    if not spans:
        return esc(p)
    m = spans[(v // 4) % len(spans)]
    href = f"https://www.cnn.com/2031/world/{hexid(m.group(), n=10)}/index.html"
    return esc(p[: m.start()]) + f'<a href="{href}">' + esc(m.group()) + "</a>" + esc(p[m.end() :])


# ---------------------------------------------------------------------------------------------
# Ground truth (CORPUS_CONTRACT.md rules), computed from what each capture shows
# ---------------------------------------------------------------------------------------------


class Version(NamedTuple):
    cap: int
    page: str
    layout: str
    norm: str
    raw: str
    time: str | None
    byline: str | None
    putup: int


def compute_truth(caps: list[dict[str, Any]]) -> tuple[dict[str, list[list[int]]], dict[str, int]]:
    last_on_page: dict[tuple[str, int], Version] = {}
    last_any: dict[int, Version] = {}
    texts: dict[int, list[tuple[int, str]]] = {}
    page_runs: dict[tuple[str, int], list[tuple[int, str]]] = {}
    prev_cap: dict[str, int] = {}
    edits: list[list[int]] = []
    reverts: list[list[int]] = []
    moves: list[list[int]] = []
    removals: list[list[int]] = []
    stats = {"revert_ambiguous": 0, "typographic": 0, "time_only": 0, "byline_only": 0}
    for i, c in enumerate(caps):
        if c["suspect"]:
            continue
        page = c["page"]
        if c["ident"]:
            continue
        seen: dict[int, Obs] = {}
        for pid, ob in zip(c["posts"], c["obs"], strict=True):
            seen.setdefault(pid, ob)
        for pid, ob in seen.items():
            par = last_on_page.get((page, pid))
            moved = False
            if par is None:
                par = last_any.get(pid)
                moved = par is not None
            if par is None:
                ver = Version(i, page, ob.layout, ob.norm, ob.raw, ob.time, ob.byline, i)
            else:
                if not moved and ob.time is not None and par.layout == "B":
                    raise AssertionError("a page shows times again after a layout-B capture")
                changed = ob.norm != par.norm
                typo = not changed and ob.raw != par.raw and ob.layout == par.layout
                tchg = ob.time is not None and par.time is not None and ob.time != par.time
                bchg = ob.byline is not None and par.byline is not None and ob.byline != par.byline
                if moved or changed or typo or tchg or bchg:
                    edits.append([pid, i])
                    if typo:
                        stats["typographic"] += 1
                    if tchg and not (moved or changed or typo or bchg):
                        stats["time_only"] += 1
                    if bchg and not (moved or changed or typo or tchg):
                        stats["byline_only"] += 1
                if moved:
                    moves.append([pid, i])
                if changed:
                    rev = any(cc < par.putup and n == ob.norm for cc, n in texts.get(pid, []))
                    # Alternative reading: the parent version was put up when its run began on
                    # the parent's own page. Count the cases where the two readings differ.
                    run = page_runs.get((par.page, pid), [])
                    start = par.cap
                    for cc, n in reversed(run):
                        if n != par.norm:
                            break
                        start = cc
                    rev2 = any(cc < start and n == ob.norm for cc, n in texts.get(pid, []))
                    if rev != rev2:
                        stats["revert_ambiguous"] += 1
                    if rev:
                        reverts.append([pid, i])
                putup = i if changed else par.putup
                ver = Version(
                    i,
                    page,
                    ob.layout,
                    ob.norm,
                    ob.raw,
                    ob.time if ob.time is not None else par.time,
                    ob.byline if ob.byline is not None else par.byline,
                    putup,
                )
            last_on_page[(page, pid)] = ver
            last_any[pid] = ver
        for pid, ob in seen.items():
            texts.setdefault(pid, []).append((i, ob.norm))
            page_runs.setdefault((page, pid), []).append((i, ob.norm))
        j = prev_cap.get(page)
        if j is not None:
            p = caps[j]
            removals.extend(
                [pid, i]
                for pid in removed_posts(
                    p["posts"], c["posts"], [o.time for o in p["obs"]], [o.time for o in c["obs"]]
                )
            )
        prev_cap[page] = i
    return {"edits": edits, "reverts": reverts, "moves": moves, "removals": removals}, stats


def removed_posts(
    prev: list[int], cur: list[int], prev_times: list[str | None], cur_times: list[str | None]
) -> list[int]:
    pos_p: dict[int, int] = {}
    pos_c: dict[int, int] = {}
    for k, pid in enumerate(prev):
        pos_p[pid] = k
    for k, pid in enumerate(cur):
        pos_c[pid] = k
    tp = dict(zip(prev, prev_times, strict=True))
    tc = dict(zip(cur, cur_times, strict=True))
    both = [pid for pid in pos_p if pid in pos_c]
    witnesses = []
    for w in both:
        if tp[w] is not None and tc[w] is not None and tp[w] != tc[w]:
            continue
        if any(pos_p[y] < pos_p[w] and pos_c[w] < pos_c[y] for y in both if y != w):
            continue
        witnesses.append(w)
    out = []
    seen = set()
    for pid in prev:
        if pid in seen or pid in pos_c:
            continue
        seen.add(pid)
        if any(pos_p[w] > pos_p[pid] for w in witnesses):
            out.append(pid)
    return out


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------


def generate(
    seed: int, n_caps: int, fmt: str
) -> tuple[list[tuple[str, bytes]], dict[str, Any], dict[str, int]]:
    sim = Sim(seed, n_caps, fmt)
    sim.run()
    caps = sim.captures
    if len(caps) != n_caps:
        raise AssertionError(f"{len(caps)} captures for {n_caps}")
    rules, stats = compute_truth(caps)
    truth: dict[str, Any] = {
        "generator": GENERATOR,
        "seed": seed,
        "format": fmt,
        "captures": [
            {k: c[k] for k in ("file", "page", "layout", "suspect", "captured_at", "posts")}
            for c in caps
        ],
    }
    truth.update(rules)
    stats["pages"] = len(sim.pages)
    stats["posts_created"] = sim.next_pid - 1
    return [(c["file"], c["data"]) for c in caps], truth, stats


def write_corpus(out: Path, files: list[tuple[str, bytes]], truth: dict[str, Any]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for p in out.iterdir():
        if p.is_file() and (p.suffix in (".txt", ".html") or p.name == "truth.json"):
            p.unlink()
    for name, data in files:
        (out / name).write_bytes(data)
    (out / "truth.json").write_text(
        json.dumps(truth, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def summarize(truth: dict[str, Any]) -> str:
    caps = truth["captures"]
    posts = {p for c in caps for p in c["posts"]}
    layouts: dict[str, int] = {}
    for c in caps:
        layouts[c["layout"]] = layouts.get(c["layout"], 0) + 1
    pages = {c["page"] for c in caps}
    return (
        f"captures={len(caps)} pages={len(pages)} posts_shown={len(posts)} "
        f"edits={len(truth['edits'])} reverts={len(truth['reverts'])} moves={len(truth['moves'])} "
        f"removals={len(truth['removals'])} suspect={sum(c['suspect'] for c in caps)} "
        f"layouts={dict(sorted(layouts.items()))}"
    )


# ---------------------------------------------------------------------------------------------
# --check: re-read the written corpus and validate it
# ---------------------------------------------------------------------------------------------

_TIME_LINE = re.compile(r"^\d{1,2}:\d{2} [ap]\.m\. ET, [A-Z][a-z]+ \d{1,2}, \d{4}$")


class ParsedPost(NamedTuple):
    raw: str
    time: str | None
    byline: str | None


def parse_a(text: str) -> tuple[str, int | None, list[ParsedPost]]:
    k = text.rfind("\n\nDive Deeper\n\n")
    if k >= 0:
        text = text[:k]
    lines = text.split("\n")
    title = lines[0]
    n = None
    for ln in lines[:8]:
        m = re.fullmatch(r"(\d+) Posts", ln)
        if m:
            n = int(m.group(1))
    try:
        start = lines.index("Sort byDropdown arrow") + 1
    except ValueError:
        return title, n, []
    posts: list[ParsedPost] = []
    block: list[str] = []
    tl = None

    def flush() -> None:
        if tl is None:
            return
        body = [ln.rstrip(" ") for ln in block if ln.strip()]
        if not body:
            return
        hl = body[0]
        j = 1
        by = ""
        if j < len(body) and body[j].startswith("From CNN"):
            by = body[j]
            j += 1
        raw = [hl]
        while (
            j + 1 < len(body)
            and body[j + 1].startswith(body[j] + " (")
            and body[j + 1].endswith(")")
        ):
            raw.append(body[j])
            j += 2
        raw.extend(x.strip() if x.lstrip().startswith("\u2022") else x for x in body[j:])
        posts.append(ParsedPost("\n".join(raw), tl, by))

    for ln in lines[start:]:
        if _TIME_LINE.match(ln):
            flush()
            tl = ln
            block = []
        else:
            block.append(ln)
    flush()
    return title, n, posts


class _HtmlPosts(HTMLParser):
    FIELDS: ClassVar[dict[tuple[str, str], str]] = {
        ("span", "live-story-post__timestamp"): "time",
        ("h2", "live-story-post__headline"): "headline",
        ("div", "live-story-post__byline"): "byline",
        ("figcaption", "image__caption"): "caption",
        ("p", "paragraph"): "para",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.posts: list[dict[str, Any]] = []
        self.cur: dict[str, Any] | None = None
        self.field: str | None = None
        self.field_tag = ""
        self.depth = 0
        self.buf: list[str] = []
        self.title = ""
        self.in_title = False
        self.count: int | None = None
        self.in_count = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "title":
            self.in_title = True
        if tag == "div" and "live-story__post-count" in classes:
            self.in_count = True
            self.buf = []
        if tag == "article" and "live-story-post" in classes:
            self.cur = {
                "uri": a.get("data-uri"),
                "time": None,
                "headline": "",
                "byline": "",
                "caption": [],
                "para": [],
            }
            self.posts.append(self.cur)
            return
        if self.cur is None:
            return
        if self.field is not None:
            if tag == self.field_tag:
                self.depth += 1
            return
        for (t, cl), name in self.FIELDS.items():
            if tag == t and cl in classes:
                self.field, self.field_tag, self.depth, self.buf = name, tag, 1, []
                return

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if self.in_count and tag == "div":
            self.in_count = False
            m = re.match(r"(\d+) Posts", "".join(self.buf))
            self.count = int(m.group(1)) if m else None
        if tag == "article":
            self.cur = None
            return
        if self.field is not None and tag == self.field_tag:
            self.depth -= 1
            if self.depth == 0:
                text = "".join(self.buf).strip()
                assert self.cur is not None
                if self.field in ("caption", "para"):
                    self.cur[self.field].append(text)
                else:
                    self.cur[self.field] = text
                self.field = None

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        if self.field is not None or self.in_count:
            self.buf.append(data)


def parse_html(text: str) -> tuple[str, int | None, list[ParsedPost]]:
    p = _HtmlPosts()
    p.feed(text)
    p.close()
    title = p.title[: -len(" | CNN")] if p.title.endswith(" | CNN") else p.title
    posts = [
        ParsedPost("\n".join([d["headline"], *d["caption"], *d["para"]]), d["time"], d["byline"])
        for d in p.posts
    ]
    return title, p.count, posts


def check_corpus(out: Path, regenerate: bool = True) -> list[str]:
    errs: list[str] = []
    truth = json.loads((out / "truth.json").read_text(encoding="utf-8"))
    caps = truth["captures"]
    names = [c["file"] for c in caps]
    if names != sorted(names):
        errs.append("capture file names do not sort in capture order")
    stamps = [c["captured_at"] for c in caps]
    if stamps != sorted(stamps):
        errs.append("captured_at goes backwards")
    on_disk = sorted(p.name for p in out.iterdir() if p.suffix in (".txt", ".html"))
    if on_disk != sorted(names):
        errs.append(f"files on disk differ from truth.json: {len(on_disk)} vs {len(names)}")
    for k in ("generator", "seed", "format", "captures", "edits", "reverts", "moves", "removals"):
        if k not in truth:
            errs.append(f"truth.json lacks {k}")
    data = {}
    for c in caps:
        f = out / c["file"]
        if not f.exists():
            errs.append(f"missing {c['file']}")
            continue
        data[c["file"]] = f.read_bytes()
        if c["layout"] not in ("A", "B", "html"):
            errs.append(f"bad layout {c['layout']}")
        if (c["layout"] == "html") != (truth["format"] == "html"):
            errs.append(f"{c['file']}: layout {c['layout']} in a {truth['format']} corpus")
    if errs:
        return errs
    if regenerate:
        files, truth2, _ = generate(truth["seed"], len(caps), truth["format"])
        if truth2 != truth:
            errs.append("regenerating with the same seed gives a different truth.json")
        for name, b in files:
            if data.get(name) != b:
                errs.append(f"regenerating gives different bytes for {name}")
                break
    edits = {tuple(x) for x in truth["edits"]}
    for key in ("reverts", "moves"):
        for x in truth[key]:
            if tuple(x) not in edits:
                errs.append(f"{key} entry {x} is not an edit")
    # Parse what can be parsed, and check titles and counts.
    parsed: dict[int, dict[int, ParsedPost]] = {}
    for i, c in enumerate(caps):
        text = data[c["file"]].decode("utf-8")
        if c["suspect"]:
            continue
        if c["layout"] == "B":
            lines = text.split("\n")
            if lines[0] != c["page"] + " | CNN" or lines[2] != c["page"]:
                errs.append(f"{c['file']}: layout-B title lines do not name {c['page']}")
            m = re.search(r"^(\d+) Posts$", text, re.M)
            if not m or int(m.group(1)) < len(set(c["posts"])):
                errs.append(f"{c['file']}: N Posts missing or below the posts shown")
            continue
        title, n, posts = parse_a(text) if c["layout"] == "A" else parse_html(text)
        if title != c["page"]:
            errs.append(f"{c['file']}: title {title!r} is not page {c['page']!r}")
        if n is None or n < len(set(c["posts"])):
            errs.append(f"{c['file']}: N Posts missing or below the posts shown")
        if len(posts) != len(c["posts"]):
            errs.append(f"{c['file']}: parsed {len(posts)} posts, truth lists {len(c['posts'])}")
            continue
        mp: dict[int, ParsedPost] = {}
        for pid, pp in zip(c["posts"], posts, strict=True):
            if pid in mp and mp[pid] != pp:
                errs.append(f"{c['file']}: post {pid} shown twice with different text")
            mp.setdefault(pid, pp)
        parsed[i] = mp
    # Recompute moves and removals from the posts lists, and check edits against parsed text.
    seen_on: dict[tuple[str, int], int] = {}
    seen_any: set[int] = set()
    prev_cap: dict[str, int] = {}
    last_file: dict[str, str] = {}
    moves: set[tuple[int, int]] = set()
    removals: set[tuple[int, int]] = set()
    for i, c in enumerate(caps):
        page = c["page"]
        if c["suspect"]:
            for lst in ("edits", "removals"):
                if any(x[1] == i for x in truth[lst]):
                    errs.append(f"{lst} reported at suspect capture {i}")
            last_file[page] = c["file"]
            continue
        ident = last_file.get(page) is not None and data[last_file[page]] == data[c["file"]]
        last_file[page] = c["file"]
        if ident:
            if any(x[1] == i for x in truth["edits"]) or any(x[1] == i for x in truth["removals"]):
                errs.append(f"byte-identical capture {i} has edits or removals")
            continue
        shown = list(dict.fromkeys(c["posts"]))
        for pid in shown:
            j = seen_on.get((page, pid))
            if j is None and pid in seen_any:
                moves.add((pid, i))
            if j is None and pid not in seen_any and (pid, i) in edits:
                errs.append(f"post {pid} is new at capture {i} but has an edit")
            if j is not None and i in parsed and j in parsed and caps[j]["layout"] == c["layout"]:
                a, b = parsed[j][pid], parsed[i][pid]
                expect = a != b
                if expect != ((pid, i) in edits):
                    errs.append(
                        f"post {pid} at capture {i}: parsed change={expect} but truth edit={(pid, i) in edits}"
                    )
        for pid in shown:
            seen_on[(page, pid)] = i
            seen_any.add(pid)
        j = prev_cap.get(page)
        if j is not None:
            pj = caps[j]

            def times(k: int, cap: dict[str, Any]) -> list[str | None]:
                if k not in parsed:
                    return [None] * len(cap["posts"])
                return [parsed[k][pid].time for pid in cap["posts"]]

            for pid in removed_posts(pj["posts"], c["posts"], times(j, pj), times(i, c)):
                removals.add((pid, i))
        prev_cap[page] = i
    if moves != {tuple(x) for x in truth["moves"]}:
        errs.append(f"moves differ from a recomputation: {len(moves)} vs {len(truth['moves'])}")
    if removals != {tuple(x) for x in truth["removals"]}:
        errs.append(
            f"removals differ from a recomputation: {len(removals)} vs {len(truth['removals'])}"
        )
    for x in truth["removals"]:
        if x[0] in caps[x[1]]["posts"]:
            errs.append(f"removed post {x[0]} is still shown at capture {x[1]}")
    return errs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--captures", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--format", choices=["text", "html"], default="text")
    ap.add_argument(
        "--check", action="store_true", help="re-read the written corpus and validate it"
    )
    args = ap.parse_args(argv)
    files, truth, stats = generate(args.seed, args.captures, args.format)
    write_corpus(args.out_dir, files, truth)
    print(f"{GENERATOR}: wrote {args.out_dir} ({summarize(truth)})")
    print(
        f"  posts created={stats['posts_created']} typographic={stats['typographic']} time-only={stats['time_only']} byline-only={stats['byline_only']} revert-ambiguous={stats['revert_ambiguous']}"
    )
    if args.check:
        errs = check_corpus(args.out_dir)
        for e in errs[:40]:
            print("CHECK FAILED:", e, file=sys.stderr)
        if errs:
            print(f"{len(errs)} problem(s)", file=sys.stderr)
            return 1
        print("check: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
