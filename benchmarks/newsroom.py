#!/usr/bin/env python3
"""newsroom.py: a live-blog corpus generator written from the newsroom's side.

The angle: instead of perturbing parsed posts, this simulates the people who run a live blog
("Sable River floods live updates", a fictional regional flood disaster) and the habits that
make post identity hard, then photographs the pages the way a watcher would. Text comes from
a sentence grammar over tables of towns, officials, agencies, attribution verbs and numbers
that drift as the story goes on, so posts share vocabulary the way posts of one story do.
Standard library only; deterministic for a seed; no import from the project.

    python benchmarks/newsroom.py OUT_DIR [--captures N] [--seed S] [--format text|html] [--days D]

Defaults: 200 captures, seed 1, text, D = ceil(N / 50) days (one page per day, so pages roll
over about every 50 captures; 650 captures give 13 days). Output per CORPUS_CONTRACT.md.

Each step the clock advances 0.2x to 1.8x the mean step (D days / N: ~29 min at the default),
the newsroom acts, then one capture of some page is taken. Rates (per step unless stated):
  new posts, current page      0: 40%  1: 45%  2: 13%  3: 2%; 3% of them are town-by-town
                               roundups with one-line subheads
  template posts               every 3-5 h: "The latest", "What we know so far", "It's evening
                               in Port Halden. Here's what to know.", "Catch up: ..."; boilerplate
                               line + 3-6 bullets quoting sentences of 3-6 recent posts (40% trimmed)
  edits, current page          0: 55%  1: 33%  2: 10%  3: 2%, biased to the top; kind weights:
                               words 25, sentence +10/-8, paragraph +12/-7, headline partly 8 /
                               wholly 4, caption 5, byline 4, re-timed 6, compound (2-3) 7, typographic 4
  edit on an older page        3%
  undo (revert) of a text edit 15% of text edits: 1 step later (40%) or 2-10 steps later
  A -> B -> A episode          1.5% of captures: an edit, then its undo, same window and layout:
                               the third capture is byte-identical to the first
  deletion mid-window 4%; re-timed and moved to the top 3% (half also lightly edited)
  pin a recent post            1.5% when none is pinned, for 2-6 h (shown on top and in place)
  carry-over at rollover       3-8 of the previous page's top posts: 80% re-timed, 50% edited,
                               20% also removed from the old page
  reuse in new posts           earlier quote paragraph 20%, background sentence 25%, standard
                               context paragraph 12%, follow-up copy of an earlier paragraph 8%,
                               earlier lead repeated 4%
  headlines                    ~25% end in ? : ; , . ! ... or a closing quote; ~25% carry an
                               inner colon or period or start with a digit or a quote
  captions / bylines           40% of posts have a caption (12% of those two); bylines vary
                               (one to three reporters, "in Town", curly apostrophe, "Analysis by",
                               bare names, none 7%)
Captures: previous day's page 9% (layout B 75%), older pages 4% (B 85%), else the current page
(B 4%). Window K: 5-12 12%, 13-19 13%, 20-30 60%, 31-40 15%; a B capture shows the whole page
60% of the time. Suspect 1.5%: error page 40%, only 1-2 posts 30%, headlines only 30%. HTML has
no layout B; it has page-scoped data-uri ids, noise markup and a per-fetch request id.

Ground truth follows the contract's rules from the true post ids and the shown versions
(parents, moves, inherited unknown fields, edits, reverts, removals) and is self-checked.
Readings where the contract leaves room: a post's text is headline + caption texts + body
(credits are not text, and no edit changes a credit alone); a layout-B version inherits its
parent's time and byline, so a later A capture is compared with those; a post without a byline
in layout A or HTML shows an empty one (adding one is an edit); bylines compare after
normalization; a revert's text differs from the parent's and equals one the post showed, on
any page, in a version put up before its parent version was (a page catching up with an edit
made elsewhere is no revert); "below" a pinned post means below its lower copy; error
pages keep the page title as their first line (text) or <title> (HTML).
"""
from __future__ import annotations

import argparse
import hashlib
import html
import itertools
import json
import math
import random
import re
import sys
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import NamedTuple, TypeVar

T = TypeVar("T")
Slots = dict[str, str]
STORY = "Sable River floods live updates"
BULLET = "\u2022 "
TOWNS = ("Port Halden", "Marrow Bridge", "Eastwick", "Caldmoor", "Fenwick", "Ashby Cross", "Briar Falls",
         "Kestrel Bay", "Dunmore", "Lowell Ferry", "Saint Aubin", "Greyhaven")
COUNTIES = ("Halden County", "Marrow County", "Ashby County", "Kestrel County")
STREETS = ("Main Street", "River Road", "Mill Lane", "Front Street", "Canal Avenue")
PEOPLE = (("Governor", "Elena Marsh"), ("Port Halden Mayor", "Tomas Reyes"), ("Fire Chief", "Dana Okafor"),
          ("National Weather Service meteorologist", "Priya Nandakumar"), ("Eastwick Mayor", "Ines Duarte"),
          ("Sable River Authority chief engineer", "Graham Whitlock"), ("Red Cross regional director", "Lucia Ferrante"),
          ("National Guard Col.", "Marcus Bell"), ("state emergency management director", "Hannah Cole"),
          ("NorthGrid spokesperson", "Samuel Adeyemi"), ("Halden County Sheriff", "Ruth Lindqvist"),
          ("FEMA regional administrator", "Owen Castellano"))
ORGS = ("the Sable River Authority", "the National Weather Service", "the state Department of Emergency Management",
        "the American Red Cross", "the National Guard", "the Halden County Sheriff's Office",
        "the Federal Emergency Management Agency", "NorthGrid, the regional utility")
ATTRIB = ("said", "said {day}", "told CNN", "said in a statement", "said at a news conference", "told reporters",
          "wrote on X", "said during a briefing {day}", "said in a Facebook post")
REPORTERS = ("Nadia Brennan", "Colin Achebe", "Maya Sorensen", "Daniel Okoye", "Rosa Villanueva", "Peter Haldane",
             "Amira Khalil", "Joel Whitaker", "Sun-min Park", "Fiona Gallagher", "Marco Bellini", "Keisha Brooks",
             "Tobias Reinholt", "Leila Nasser")
PRODUCERS = ("Aisha Grant", "Ben Kowalski", "Clara Mendes", "Devin Shaw", "Elif Demir", "Frank Osei", "Grace Liu",
             "Hugo Lambert", "Iris Novak", "Jonah Feld")
PHOTOGS = ("Jordan Pike/AP", "Mara Quist/Reuters", "Leo Brandt/AFP/Getty Images", "Ana Ruiz/The Halden Courier/AP",
           "CNN", "Sam Ortega/Getty Images", "Hollis Grant/Bloomberg/Getty Images")
SHORT_QUOTES = ("We are not done", "It's gone", "We need more boats", "The water just kept coming",
                "This is not over", "Leave now", "We'll rebuild")
QUOTE_A = ("We are asking everyone in {town} to stay off the roads",
           "The water is still rising in {town}, and it will keep rising through the night",
           "We have never seen the river this high, not in my lifetime",
           "Our crews have been working around the clock since {day}", "The levee is holding, but it is holding by a thread",
           "Every hour that this water stays high is another hour of risk for the people who stayed behind",
           "If you are told to leave, please leave now", "We will not stop searching until every family is accounted for",
           "This is the worst flooding {county} has seen in a generation", "We need more boats, more pumps and more people")
QUOTE_B = ("It's going to be a long night", "We'll get through this together", "Nobody should be driving through moving water",
           "The next 48 hours are critical", "We are not done yet", "I'm proud of every first responder out there",
           "Please check on your neighbors", "That's what keeps me up at night")
BACKGROUND = ("The agency has said it will review the decision.", "CNN has reached out to {org} for comment.",
              "CNN is unable to independently verify the figures.",
              "Officials have warned that the numbers are likely to change as crews reach areas that have been cut off.",
              "The National Weather Service has issued a flood warning for much of the Sable River basin through the weekend.",
              "Residents can find the nearest open shelter on the state emergency management website.")
CONTEXT = ("Some context: The Sable River drains nearly a third of the state's northern counties. Days of heavy rain that "
           "began on {start} pushed it past flood stage in at least a dozen places, and officials have compared the "
           "flooding to the disaster of 1987, when the river swept away the old Marrow Bridge and killed 23 people.")
CAPTIONS = ("Volunteers fill sandbags outside a fire station in {town}, on {md}.",
            "A resident wades through floodwater on {street} in {town}, on {md}.",
            "The Sable River spills over a road near {town} on {md}.", "A National Guard truck carries evacuees out of {town} on {md}.",
            "Evacuees rest on cots at a shelter in {town2}, on {md}.", "Crews reinforce the levee near {town} on {md}.",
            "{P} speaks during a news conference in {town}, on {md}.", "An aerial view shows flooded homes in {town}, on {md}.")
FEATURES = ("How the Sable River became one of the country's most flood-prone rivers",
            "Why the 1987 flood still haunts Marrow Bridge", "What to do if your home floods: a checklist",
            "The levees protecting millions of Americans are getting old",
            "Flood insurance is about to get more expensive. Here's why", "Photos: The Sable River floods, day by day",
            "How to help the people affected by the flooding")
ODD_HEADS = ("{Ps}: '{short}'", "\"{short}\": {town} residents return to flooded homes",
             "'{short},' {Ps} says as the river keeps rising")
TEMPLATE_HEADS = ("Here's what you need to know", "The latest", "What we know so far",
                  "It's {part} in {city}. Here's what to know.", "It's {part} in {city}. Here's what you need to know.",
                  "Catch up: {summary}")
BOILER = ("Here are the latest developments:", "If you're just joining us, here's the latest:",
          "Here's what else you should know:", "Here are the latest headlines:")
SWAPS = (("said", "says"), ("at least", "more than"), ("residents", "people"), ("homes", "houses"), ("about", "roughly"),
         ("crews", "teams"), ("warned", "cautioned"), ("expected", "forecast"), ("early", "late"), ("were", "had been"),
         ("officials", "authorities"), ("overnight", "late {day}"), ("urged", "asked"), ("the flooding", "the floods"))
WORLD = {"deaths": 3, "missing": 11, "evac": 4200, "rescues": 60, "power": 38000, "river": 22.4, "crest": 27.5,
         "rain": 2.5, "shelters": 9, "sheltered": 1300, "roads": 40, "aid": 25}
DRIFT = {"deaths": (0, 1, .03), "missing": (-1, 1, .2), "evac": (0, 250, 1), "rescues": (0, 5, 1), "power": (-700, 700, 1),
         "river": (-.15, .25, 1), "crest": (-.1, .12, .5), "rain": (-.5, .5, .3), "shelters": (0, 1, .02),
         "sheltered": (-20, 40, 1), "roads": (-2, 2, .5), "aid": (0, 5, .01)}


ROUND = {"power": -2, "evac": -1, "sheltered": -1}  # figures officials give in round numbers


class Topic(NamedTuple):
    labels: tuple[str, ...]
    heads: tuple[str, ...]  # heads[i] and leads[i] tell the same story (i < 3); heads[3:] are odd forms
    leads: tuple[str, ...]
    details: tuple[str, ...]


TOPICS: dict[str, Topic] = {
    "rescue": Topic(("Rescues", "Rooftop rescues"), (
        "Crews rescue {n} people from flooded homes in {town}", "Swift-water teams stretched thin as rescue calls mount in {county}",
        "Helicopters lift stranded residents from rooftops near {town}",
        "{n} rescued overnight in {town}, officials say", "Trapped in the attic: how crews reached a family in {town}"), (
        "Rescue crews pulled {n} people from flooded homes in {town} overnight, {P} {attrib}.",
        "Swift-water teams have carried out at least {rescues} rescues across {county} since the rain began, according to {org}.",
        "Boats and helicopters were still reaching stranded residents in {town} on {day}, {P} {attrib}."), (
        "Crews are going door to door in the low-lying neighborhoods of {town}, where water reached the second floor of some homes.",
        "Many of those rescued had ignored evacuation orders, {Ps} said, adding that some were elderly residents who could not leave on their own.",
        "A family of five, including an infant, was lifted from a rooftop near {town2} shortly after dawn.",
        "{Ps} said crews were running low on boats and had asked neighboring counties for help.")),
    "levee": Topic(("Levee watch", "Levee under strain"), (
        "Engineers race to shore up the levee at {town}", "Levee breach sends water into {town}",
        "River Authority says the {town} levee is holding - for now",
        "Will the levee at {town} hold?", "3 things to know about the {town} levee"), (
        "Engineers are working through the night to reinforce a weakened section of the levee protecting {town}, {P} {attrib}.",
        "Water poured through a breach in the levee south of {town} early {day}, flooding farmland and at least {n} homes, according to {org}.",
        "The levee at {town} is holding, but seepage along a half-mile stretch has officials worried, {P} {attrib}."), (
        "Crews have stacked thousands of sandbags along the top of the levee and are pumping seepage back into the river.",
        "The levee was built in the 1950s and was last upgraded after the 1987 flood, according to the River Authority.",
        "{Ps} said engineers would inspect the damaged section by boat once the current slows.",
        "Residents of {town2}, downstream of the levee, were told to move to higher ground - and to do it before dark.")),
    "evac": Topic(("Evacuations", "Evacuation orders"), (
        "Evacuation orders expanded to {n} more neighborhoods in {county}", "Mandatory evacuation ordered for parts of {town}",
        "Thousands leave {town} as officials warn the worst is yet to come",
        "Evacuation zones: who has to leave in {county}", "Told to leave {town}? Here's where to go"), (
        "Officials expanded mandatory evacuation orders in {county} on {day}, affecting about {evac} residents, {P} {attrib}.",
        "About {evac} people have been told to leave their homes along the Sable River, according to {org}.",
        "Traffic backed up for miles on the main road out of {town} as residents heeded an evacuation order issued before dawn."), (
        "Buses are taking residents without cars from the {town} high school to shelters further inland.",
        "{Ps} urged anyone still in the evacuation zone to leave before dark, saying rescuers may not be able to reach them later.",
        "Some residents said they planned to stay to protect their homes, despite the warnings.",
        "The order covers every neighborhood within a mile of the river between {town} and {town2}.")),
    "power": Topic(("Power outages",), (
        "More than {power} customers without power as substations flood",
        "NorthGrid cuts power to flooded neighborhoods in {town} as a precaution", "Power could be out for days in {town}, utility warns",
        "When will the power come back on in {town}?"), (
        "More than {power} homes and businesses were without power across the flood zone on {day}, according to {org}.",
        "NorthGrid said it had shut off power to parts of {town} after water reached two substations, {P} {attrib}.",
        "Crews have restored electricity to about {n},000 customers, but many in {county} could be in the dark until the weekend, {P} {attrib}."), (
        "The utility said it could not begin repairs until the water drops below the level of its equipment.",
        "Residents using generators were urged to keep them outdoors and away from windows.",
        "{Ps} said about {n} utility crews from neighboring states had arrived to help.",
        "Traffic lights are out across much of downtown {town}, and police are directing traffic at major intersections.")),
    "weather": Topic(("Forecast", "More rain ahead"), (
        "River expected to crest at {crest} feet in {town} on {day}", "Forecasters warn another storm could bring {rain} inches of rain",
        "More rain is on the way for the Sable River basin",
        "How high will the Sable River rise?", "Water rises again in {town}. Here's where", "Flood watch: {town} braces for a second crest"), (
        "The Sable River at {town} stood at {river} feet on {day} morning and is expected to crest near {crest} feet, according to {org}.",
        "Another {rain} inches of rain could fall across the region through the weekend, {P} {attrib}.",
        "Forecasters expect a brief break in the rain before a second storm moves in late {day}, {P} {attrib}."), (
        "Flood stage at the {town} gauge is 18 feet.", "A flood warning remains in effect for {county} until further notice.",
        "The ground is already saturated, so even moderate rain will run straight into rivers and streams, {Ps} said.",
        "The record crest at {town}, set in 1987, was 31.4 feet.")),
    "shelter": Topic(("Shelters",), (
        "Shelters fill up as evacuees pour into {town2}", "Red Cross opens {n} more shelters across the flood zone",
        "Evacuees describe a long night at the {town2} shelter",
        "Where can evacuees find shelter tonight?"), (
        "More than {sheltered} people spent the night in {shelters} emergency shelters across the region, according to {org}.",
        "The Red Cross opened {n} additional shelters on {day} as evacuees from {town} arrived in growing numbers, {P} {attrib}.",
        "Cots lined the gym floor of the {town2} middle school, where about {n}0 evacuees slept overnight."), (
        "Volunteers are asking for donations of diapers, baby formula and phone chargers.",
        "Pets are welcome at the shelter in {town2}, officials said, after many residents refused to leave without their animals.",
        "{Ps} said the shelters had enough food for several days but were short of volunteers.",
        "Some evacuees said they had left with only the clothes they were wearing.")),
    "toll": Topic(("Death toll", "The missing"), (
        "Death toll from the flooding rises to {deaths}", "{missing} people still missing as searches continue in {county}",
        "Body of missing driver recovered near {town}",
        "{deaths} dead, {missing} missing: what we know about the victims"), (
        "At least {deaths} people have died in the flooding, {P} {attrib}, up from the previous count.",
        "Search teams are still looking for {missing} people reported missing across {county}, according to {org}.",
        "The body of a man who went missing while trying to cross a flooded road near {town} was found {day}, {P} {attrib}."), (
        "Most of the deaths involved people who drove into moving water, officials said.",
        "{Ps} warned that the toll was likely to rise as crews reach areas that have been cut off.",
        "The names of the victims have not been released.",
        "Officials have asked families to report missing relatives through a state hotline.")),
    "aid": Topic(("Federal aid", "Disaster declaration"), (
        "President approves federal disaster declaration for {county}", "State to release ${aid} million in emergency aid",
        "Federal teams arrive in {town} to assess flood damage",
        "Federal aid: who qualifies and how to apply"), (
        "The White House approved a major disaster declaration for {county} and three neighboring counties, {P} {attrib}.",
        "The state will release ${aid} million in emergency funds to help flooded communities, {P} {attrib}.",
        "Teams from {org} arrived in {town} on {day} to begin assessing damage to homes and public buildings."), (
        "The declaration makes homeowners and renters eligible for federal grants for temporary housing and repairs.",
        "{Ps} said residents should photograph damage before they begin cleaning up.",
        "Small businesses in {town} will be able to apply for low-interest loans, officials said.",
        "The agency has said it will review the decision.")),
    "water": Topic(("Water safety", "Drinking water"), (
        "Boil-water notice issued for {town}", "Floodwater contaminates wells across {county}", "{town} treatment plant knocked offline",
        "Is it safe to drink the water in {town}?"), (
        "Residents of {town} were told to boil tap water before drinking it after floodwater reached the city's treatment plant, {P} {attrib}.",
        "Health officials warned that private wells across {county} may be contaminated, {P} {attrib}.",
        "The water treatment plant in {town} stopped operating on {day} after its pumps flooded, according to {org}."), (
        "Bottled water is being handed out at the fire station on {street}.",
        "The notice will remain in place until tests show the water is safe, which could take several days.",
        "{Ps} urged residents not to let children play in floodwater, which may contain sewage and chemicals.",
        "Officials said the plant's backup generators were also under water.")),
    "roads": Topic(("Road closures", "Travel"), (
        "{roads} roads closed across {county}, including a stretch of the interstate",
        "Bridge at {town} closed after floodwater damages supports", "Drivers urged to stay off the roads as water covers highways",
        "{roads} roads closed. Here's what is still open"), (
        "At least {roads} roads were closed across the flood zone on {day}, according to {org}.",
        "The bridge carrying Route 9 over the Sable River at {town} was closed after inspectors found damage to its supports, {P} {attrib}.",
        "State police urged drivers to avoid all travel in {county} as water covered several highways, {P} {attrib}."), (
        "Detours are adding more than an hour to some trips between {town} and {town2}.",
        "{Ps} said it was too early to say when the bridge would reopen.",
        "Turn around, don't drown: officials repeated the familiar warning as several drivers had to be rescued from their cars.",
        "Freight trains have also been halted after water covered tracks near {town2}.")),
}
# who speaks and which agency is cited, per topic: indexes into PEOPLE and ORGS
WHO = {"rescue": ((2, 7, 10, 0), (4, 5, 2)), "levee": ((5, 8, 1, 4), (0, 2)), "evac": ((0, 8, 10, 1, 4), (2, 5)),
       "power": ((9, 1, 4), (7,)), "weather": ((3, 8), (1, 0)), "shelter": ((6, 8, 1), (3, 2)), "toll": ((0, 10, 8), (5, 2)),
       "aid": ((11, 0, 8), (6, 2)), "water": ((1, 4, 8), (2,)), "roads": ((10, 8, 0), (5, 2))}
EDIT_KINDS = {"words": 25, "sent_add": 10, "sent_cut": 8, "para_add": 12, "para_cut": 7, "head_part": 8,
              "head_whole": 4, "caption": 5, "byline": 4, "time": 6, "compound": 7, "typo": 4}
TEXT_KINDS = ("words", "sent_add", "sent_cut", "para_add", "para_cut", "head_part")
FOLD = str.maketrans({**{c: " " for c in "\u00a0\u2002\u2003\u2007\u2009\u200a\u202f\u205f\u3000"},
                      **{c: "'" for c in "\u2018\u2019\u201a\u201b\u2032"}, **{c: '"' for c in "\u201c\u201d\u201e\u201f\u2033"},
                      **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"}})


# ---------------------------------------------------------------- text helpers
def crc(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


def norm(text: str) -> str:
    """The contract's normalization: Unicode spaces, curly quotes and dashes folded, white space runs collapsed."""
    return re.sub(r"\s+", " ", text.translate(FOLD)).strip()


def curl(text: str) -> str:
    text = re.sub(r'(^|[\s(\[\u2014\u2013-])"', "\\1\u201c", text).replace('"', "\u201d")
    return re.sub(r"(^|[\s(\[\u2014\u2013-])'", "\\1\u2018", text).replace("'", "\u2019")


def straighten(text: str) -> str:
    return re.sub("[\u2018\u2019]", "'", re.sub("[\u201c\u201d]", '"', text))


def label(t: datetime) -> str:
    return f"{t.hour % 12 or 12}:{t.minute:02d} {'a.m.' if t.hour < 12 else 'p.m.'} ET, {t:%B} {t.day}, {t.year}"


def to_et(utc: datetime) -> datetime:
    """US Eastern time: DST from 7:00 UTC on March's second Sunday to 6:00 UTC on November's first."""
    mar, nov = date(utc.year, 3, 1), date(utc.year, 11, 1)
    start = datetime.combine(mar + timedelta(days=(6 - mar.weekday()) % 7 + 7), time(7))
    end = datetime.combine(nov + timedelta(days=(6 - nov.weekday()) % 7), time(6))
    return utc - timedelta(hours=4 if start <= utc < end else 5)


def sentences(par: str) -> list[str]:
    out, start = [], 0
    for m in re.finditer(r'[.!?]["\u201d\u2019]?\s+(?=["\u201cA-Z0-9])', par):
        if not re.search(r"(a\.m|p\.m|Col|St)\.$", par[start:m.start() + 1]):
            out.append(par[start:m.end()].strip())
            start = m.end()
    return [s for s in [*out, par[start:].strip()] if s]


def with_nbsp(text: str, key: int) -> str:
    spaces = [m.start() for m in re.finditer(" ", text)]
    i = spaces[key % len(spaces)] if spaces else -1
    return text if i < 0 else text[:i] + "\u00a0" + text[i + 1:]


def names_phrase(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# ---------------------------------------------------------------- data model
@dataclass(frozen=True)
class Caption:
    text: str
    credit: str


@dataclass(frozen=True)
class Version:
    time: datetime
    headline: str
    byline: str | None
    captions: tuple[Caption, ...]
    paras: tuple[str, ...]

    def text(self) -> str:
        return norm(" ".join([self.headline, *(c.text for c in self.captions), *self.paras]))


@dataclass
class Entry:
    post: int
    version: Version
    uri: str  # page-scoped native id


@dataclass
class Page:
    day: date
    title: str
    authors: str
    promo: tuple[str, ...]
    dive: tuple[str, ...]
    dive_in_a: bool
    updated: datetime  # time of the latest new post; edits do not move it
    entries: list[Entry] = field(default_factory=list)
    pinned: int | None = None
    pin_until: datetime = datetime.min

    def find(self, post: int | None) -> Entry | None:
        return next((e for e in self.entries if e.post == post), None)


@dataclass(frozen=True)
class Shown:
    post: int
    time: str | None
    byline: str | None
    text: str


@dataclass
class Capture:
    page: str
    layout: str
    suspect: bool
    at: datetime
    shown: list[Shown]
    data: bytes


@dataclass
class Episode:
    page: Page
    k: int
    layout: str
    nonce: str
    entry: Entry | None = None
    before: Version | None = None


# ---------------------------------------------------------------- prose
class Prose:
    """The sentence grammar: fills templates from the tables and the drifting story numbers."""

    def __init__(self, rng: random.Random, start: date) -> None:
        self.rng, self.world, self.now = rng, dict(WORLD), datetime.combine(start, time(6))
        self.context = CONTEXT.format(start=(start - timedelta(days=2)).strftime("%A"))
        self.leads: list[str] = []
        self.quotes: list[str] = []
        self.paras: dict[str, list[str]] = {t: [] for t in TOPICS}

    def pick(self, seq: Sequence[T]) -> T:
        return self.rng.choice(seq)

    def evolve(self) -> None:
        w = self.world
        for k, (lo, hi, p) in DRIFT.items():
            if self.rng.random() < p:
                x = w[k] + (self.rng.uniform(lo, hi) if isinstance(w[k], float) else self.rng.randint(int(lo), int(hi)))
                w[k] = round(min(30.9, max(1.0, x)), 1) if isinstance(x, float) else max(WORLD[k] // 3, x)
        w["crest"] = max(w["crest"], round(w["river"] + 0.6, 1))

    def slots(self, keep: Slots | None = None) -> Slots:
        """Fresh slots; `keep` holds a post's own town, people and topic, which its edits reuse."""
        topic = self.pick(tuple(TOPICS))
        people, orgs = WHO[topic] if self.rng.random() < 0.8 else (range(len(PEOPLE)), range(len(ORGS)))
        role, name = PEOPLE[self.pick(people)]
        town, town2 = self.rng.sample(TOWNS, 2)
        w, day = self.world, self.now.strftime("%A")
        s = {"town": town, "town2": town2, "county": self.pick(COUNTIES), "P": f"{role} {name}",
             "Ps": name.split()[-1], "day": day, "attrib": self.pick(ATTRIB).format(day=day), "org": ORGS[self.pick(orgs)],
             "n": str(self.rng.randint(3, 48)), "md": f"{self.now:%B} {self.now.day}", "street": self.pick(STREETS),
             "short": self.pick(SHORT_QUOTES), "topic": topic,
             **{k: f"{round(v, ROUND.get(k, 0)):,}" if isinstance(v, int) else f"{v:g}" for k, v in w.items()}}
        return {**s, **{k: keep[k] for k in ("town", "town2", "county", "P", "Ps", "org", "topic")}} if keep else s

    @staticmethod
    def fill(template: str, s: Slots) -> str:
        text = template.format(**s)
        return text[0].upper() + text[1:]

    def headline(self, s: Slots, j: int | None = None) -> str:
        r, heads = self.rng.random(), TOPICS[s["topic"]].heads
        pool = heads[3:] if r < 0.18 else ODD_HEADS if r < 0.25 else heads[:3]
        head = self.fill(heads[j] if r >= 0.25 and j is not None else self.pick(pool), s)
        if head[-1] not in "?'\"\u201d" and self.rng.random() < 0.17:
            head = self.add_ending(head, s)
        return with_nbsp(head, self.rng.randrange(99)) if self.rng.random() < 0.05 else head

    def add_ending(self, head: str, s: Slots) -> str:
        end = self.rng.choices((":", ";", ",", ".", "!", "\u2026", "q"), (14, 6, 6, 26, 10, 16, 12))[0]
        if end != "q":
            return head + end
        return f'{head}: "{s["short"]}"' if self.rng.random() < 0.6 else f"{head}: \u201c{s['short']}\u201d"

    def quote_para(self, s: Slots) -> str:
        q1, q2, form = self.fill(self.pick(QUOTE_A), s), self.pick(QUOTE_B), self.rng.randrange(3)
        if form == 0:
            return f'"{q1}. {q2}," {s["Ps"]} {s["attrib"]}.'
        return f'{s["Ps"]} added: "{q1}."' if form == 1 else f'"{q1}," {s["Ps"]} said. "{q2}."'

    def detail(self, s: Slots) -> str:
        topic = TOPICS.get(s["topic"]) or TOPICS[self.pick(tuple(TOPICS))]  # templates and roundups borrow one
        return self.fill(self.pick(topic.details), s)

    def new_para(self, s: Slots) -> str:
        r = self.rng.random()
        return self.quote_para(s) if r < 0.3 else self.fill(self.pick(BACKGROUND), s) if r < 0.4 else self.detail(s)

    def byline(self) -> str | None:
        r, names = self.rng.random(), self.rng.sample(REPORTERS, 3)
        forms = ((0.07, ""), (0.40, "From CNN's {0}"), (0.63, "From CNN's {0} and {1}"), (0.71, "From CNN's {0}, {1} and {2}"),
                 (0.87, "From CNN's {0} in {3}"), (0.93, "From CNN\u2019s {0}"), (0.96, "Analysis by CNN's {0}"),
                 (1.0, "{0}, {1} and {2}"))
        form = next(f for p, f in forms if r < p)
        return form.format(*names, self.pick((*TOWNS, "Atlanta", "New York"))) or None

    def captions(self, s: Slots) -> tuple[Caption, ...]:
        if self.rng.random() >= 0.40:
            return ()
        n = 2 if self.rng.random() < 0.12 else 1
        return tuple(Caption(self.fill(t, s), self.pick(PHOTOGS)) for t in self.rng.sample(CAPTIONS, n))

    def body(self, s: Slots, j: int) -> list[str]:
        rng, t = self.rng, TOPICS[s["topic"]]
        lead = self.pick(self.leads) if self.leads and rng.random() < 0.04 else self.fill(t.leads[j], s)
        details, paras = [self.fill(d, s) for d in rng.sample(t.details, len(t.details))], [lead]

        def add(p: str, at: int | None = None) -> None:
            if not any(p[1:30] in q for q in paras):
                paras.insert(len(paras) if at is None else at, p)
        for _ in range(rng.randint(1, 4)):
            r = rng.random()
            if r < 0.25:
                add(self.quote_para(s))
            elif details:
                d = details.pop()
                add(d + " " + details.pop() if details and r > 0.8 else d)
        if rng.random() < 0.25:
            add(self.fill(self.pick(BACKGROUND), s), rng.randint(1, len(paras)))
        if self.quotes and rng.random() < 0.20:
            add(self.pick(self.quotes), rng.randint(1, len(paras)))
        if self.paras[s["topic"]] and rng.random() < 0.08:  # a follow-up repeats a paragraph of an earlier post
            add(self.pick(self.paras[s["topic"]][-20:]), 1)
        return [*paras, self.context] if rng.random() < 0.12 else paras

    def roundup_body(self) -> list[str]:
        paras = ["Here's where things stand in some of the hardest-hit communities:"]
        for town in self.rng.sample(TOWNS, self.rng.randint(2, 3)):
            s = {**self.slots(), "town": town}
            paras += [town, self.fill(self.pick(TOPICS[s["topic"]].leads), s)]
        return paras

    def post(self, s: Slots) -> Version:
        if s["topic"] == "roundup":
            head = self.pick(("A town-by-town look at the flooding", "Flooding across the region: where things stand"))
            paras = self.roundup_body()
        else:
            j = self.rng.randrange(3)
            head, paras = self.headline(s, j), self.body(s, j)
            self.leads.append(paras[0])
            self.quotes += [p for p in paras if p.count('"') >= 2 and p not in self.quotes]
            self.paras[s["topic"]] += [p for p in paras[1:] if p != self.context]
        if self.rng.random() < 0.06:
            paras.append(self.pick(("Read more here.", "Read the full story:", f"Read more: {self.pick(FEATURES)}")))
        return Version(self.now, head, self.byline(), self.captions(s), self.typeset(paras))

    def typeset(self, paras: list[str]) -> tuple[str, ...]:
        """Authoring quirks every layout keeps: curly-quote writers, stray non-breaking spaces."""
        rng, curly, out = self.rng, self.rng.random() < 0.35, []
        for p in paras:
            p = curl(p) if curly and not p.startswith(BULLET) else p
            p = with_nbsp(p, rng.randrange(999)) if rng.random() < 0.08 else p
            out.append(p + "\u00a0" if rng.random() < 0.05 else p)
        return tuple(out)

    def bullet_sentence(self, v: Version) -> str:
        plain = [s for p in v.paras[:3] if not p.startswith(BULLET) and '"' not in p and "\u201c" not in p
                 for s in sentences(p) if len(s) > 40 and not s.startswith(("CNN ", "The agency", "Officials have warned"))]
        sent = self.pick(plain or [v.headline])
        if self.rng.random() < 0.4:  # lightly trimmed: the attribution goes
            sent = re.sub(r",\s+(according to [^,]+|[^,]{3,70}?\b(said|told CNN|told reporters|wrote on X)\b[^,]*)\.$", ".", sent)
        return sent

    def template(self, sources: list[tuple[str, Version]]) -> Version:
        rng, hour = self.rng, self.now.hour
        part = ("night" if hour < 5 else "morning" if hour < 12 else "midday" if hour < 13 else
                "mid-afternoon" if hour < 17 else "evening" if hour < 22 else "late night")
        city = "Port Halden" if rng.random() < 0.7 else self.pick(TOWNS)
        summary = re.sub(r"[.!?,;:\u2026]+$", "", sources[0][1].headline)
        head = rng.choices(TEMPLATE_HEADS, (3, 2, 2, 3, 2, 2))[0].format(part=part, city=city, summary=summary)
        paras = [sentences(sources[0][1].paras[0])[0]] if rng.random() < 0.5 else []
        paras.append(self.pick(BOILER))
        paras += [f"{BULLET}{self.pick(TOPICS[t].labels)}: {self.bullet_sentence(v)}" for t, v in sources]
        if rng.random() < 0.2:
            paras.append(self.pick(("See the latest forecast map:", "Follow the river's rise on the map below:")))
        byline = None if rng.random() < 0.6 else self.byline()
        return Version(self.now, head, byline, self.captions(self.slots()) if rng.random() < 0.6 else (), tuple(paras))

    def reword(self, text: str) -> str | None:
        for op in self.rng.sample((self.renumber, self.swap), 2):
            new = op(text)
            if new and new != text:
                return new
        return None

    def renumber(self, text: str) -> str | None:
        found = [m for m in re.finditer(r"(?<![\d:.,$])\d[\d,]*(?:\.\d)?(?![\d:]|\.\d| [ap]\.m\.)", text)
                 if not re.fullmatch(r"(19|20)\d\d", m.group())]
        if not found:
            return None
        m = self.pick(found)
        old = m.group()
        if "." in old:
            new = f"{float(old) + self.pick((-1.2, -0.4, 0.3, 0.6, 1.5)):.1f}"
        else:
            n = int(old.replace(",", ""))
            val = n + self.rng.randint(1, 3) if n < 20 else int(n * self.rng.uniform(1.05, 1.4))
            new = f"{val:,}" if "," in old else str(val)
        return text[:m.start()] + new + text[m.end():]

    def swap(self, text: str) -> str | None:
        day = self.now.strftime("%A")
        for a, b in self.rng.sample(SWAPS, len(SWAPS)):
            a, b = (a.format(day=day), b.format(day=day))[:: self.pick((1, -1))]
            if re.search(rf"\b{re.escape(a)}\b", text):
                return re.sub(rf"\b{re.escape(a)}\b", b, text, count=1)
        return None


# ---------------------------------------------------------------- edits
class Editor:
    """One newsroom edit kind per method; each returns the new Version or None when it cannot apply."""

    def __init__(self, prose: Prose) -> None:
        self.p, self.rng = prose, prose.rng

    def edit(self, v: Version, s: Slots, kinds: Sequence[str] = tuple(EDIT_KINDS)) -> Version | None:
        """One edit of a kind drawn (by EDIT_KINDS weight) from `kinds`; a few tries when a kind does not apply."""
        for _ in range(8):
            k = self.rng.choices(kinds, [EDIT_KINDS[k] for k in kinds])[0]
            new: Version | None = getattr(self, "ed_" + k)(v, self.p.slots(s))
            if new is not None and new != v:
                return new
        return None

    def _set(self, v: Version, i: int, new: str | None) -> Version | None:
        return None if new is None else replace(v, paras=(*v.paras[:i], new, *v.paras[i + 1:]))

    def _index(self, v: Version) -> int:
        return self.p.pick([i for i, p in enumerate(v.paras) if len(p) > 30] or [0])

    def ed_words(self, v: Version, s: Slots) -> Version | None:
        i = self._index(v)
        return self._set(v, i, self.p.reword(v.paras[i]))

    def ed_sent_add(self, v: Version, s: Slots) -> Version | None:
        i, sent = self._index(v), self.p.detail(s)
        return None if norm(sent) in v.text() else self._set(v, i, v.paras[i].rstrip() + " " + sent)

    def ed_sent_cut(self, v: Version, s: Slots) -> Version | None:
        idx = [i for i, p in enumerate(v.paras) if len(sentences(p)) >= 2 and not re.search('["\u201c]', p)]
        if not idx:
            return None
        i = self.p.pick(idx)
        sents = sentences(v.paras[i])
        del sents[self.rng.randrange(len(sents))]
        return self._set(v, i, " ".join(sents))

    def ed_para_add(self, v: Version, s: Slots) -> Version | None:
        new, i = self.p.new_para(s), self.rng.randint(1, len(v.paras))
        return None if norm(new) in v.text() else replace(v, paras=(*v.paras[:i], new, *v.paras[i:]))

    def ed_para_cut(self, v: Version, s: Slots) -> Version | None:
        i = self.rng.randrange(1, len(v.paras)) if len(v.paras) >= 3 else 0
        return replace(v, paras=v.paras[:i] + v.paras[i + 1:]) if i else None

    def ed_head_part(self, v: Version, s: Slots) -> Version | None:
        h, r, suffix = v.headline, self.rng.random(), ", officials say"
        if r < 0.5:
            return replace(v, headline=self.p.reword(h) or h)
        if r < 0.75:
            return replace(v, headline=h[:-len(suffix)] if h.endswith(suffix) else h.rstrip("?.!,;:\u2026") + suffix)
        stripped = h.rstrip(".!?,;:\u2026")
        return replace(v, headline=stripped if stripped != h else self.p.add_ending(h, s))

    def ed_head_whole(self, v: Version, s: Slots) -> Version | None:
        return replace(v, headline=self.p.headline(s)) if s["topic"] in TOPICS else None

    def ed_caption(self, v: Version, s: Slots) -> Version | None:
        if not v.captions or self.rng.random() < 0.15:
            add = self.p.captions(s)[:1] or (Caption(self.p.fill(self.p.pick(CAPTIONS), s), self.p.pick(PHOTOGS)),)
            return replace(v, captions=v.captions[1:] if v.captions and self.rng.random() < 0.5 else v.captions + add)
        i = self.rng.randrange(len(v.captions))
        old = v.captions[i]
        text = self.p.reword(old.text) or self.p.fill(self.p.pick(CAPTIONS), s)
        new = Caption(text, self.p.pick(PHOTOGS) if self.rng.random() < 0.5 else old.credit)
        return replace(v, captions=(*v.captions[:i], new, *v.captions[i + 1:]))

    def ed_byline(self, v: Version, s: Slots) -> Version | None:
        m = re.match(r"(From CNN's )([^\u00a0]+?)( in [A-Z][\w ]+)?$", v.byline or "")
        if not m:
            return replace(v, byline=self.p.byline() or f"From CNN's {self.p.pick(REPORTERS)}")
        names = re.split(r", | and ", m.group(2))
        if len(names) > 1 and self.rng.random() < 0.4:
            names.pop(self.rng.randrange(len(names)))
        else:
            names.append(self.p.pick([r for r in REPORTERS if r not in names]))
        return replace(v, byline=m.group(1) + names_phrase(names) + (m.group(3) or ""))

    def ed_time(self, v: Version, s: Slots) -> Version | None:
        return replace(v, time=v.time + timedelta(minutes=self.p.pick((-1, 1)) * self.rng.randint(1, 75)))

    def ed_compound(self, v: Version, s: Slots) -> Version | None:
        kinds = ("words", "sent_add", "sent_cut", "para_add", "para_cut", "head_part", "caption", "byline", "time")
        for k in self.rng.sample(kinds, self.rng.randint(2, 3)):
            v = getattr(self, "ed_" + k)(v, s) or v
        return v

    def ed_typo(self, v: Version, s: Slots) -> Version | None:
        """Typographic only: straight and curly quotes, a dash restyled; nothing changes after normalization."""
        for i in self.rng.sample(range(len(v.paras)), len(v.paras)):
            p = v.paras[i]
            for new in (curl(p), straighten(p), p.replace(" - ", " \u2014 ", 1), p.replace(" \u2014 ", " - ", 1)):
                if new != p:
                    return self._set(v, i, new)
        return replace(v, headline=v.headline.replace(" - ", " \u2013 ")) if " - " in v.headline else None


# ---------------------------------------------------------------- rendering
def b_headline(head: str) -> str:
    return with_nbsp(head, crc(head) // 7) if crc(head) % 3 == 0 else head


def body_lines(paras: Sequence[str], tight: bool) -> list[str]:
    """Blank line between paragraphs, bullets on consecutive lines; in layout A two paragraphs now and then touch."""
    out: list[str] = []
    for i, p in enumerate(paras):
        nxt, bullet = paras[i + 1] if i + 1 < len(paras) else None, p.startswith(BULLET)
        out.append("  " + p if bullet else p)
        touching = (bullet and nxt is not None and nxt.startswith(BULLET)) or (tight and nxt and crc(p + nxt) % 29 == 0)
        if not touching and not (tight and nxt is None and crc(p) % 11 == 0):
            out.append("")
    return out


def view(e: Entry, layout: str) -> Shown:
    """What a capture in this layout shows of a post: the fields the truth compares."""
    v, caps = e.version, [c.text for c in e.version.captions]
    if layout == "B":
        return Shown(e.post, None, None, "\n".join([b_headline(v.headline), *caps, *(curl(p) for p in v.paras)]))
    paras = [p.removeprefix(BULLET) if layout == "html" else p for p in v.paras]
    # Layout A and HTML show bylines: a post without one shows an empty byline (known, not
    # unknown as in layout B), so adding one later is an edit.
    return Shown(e.post, label(v.time), v.byline or "", "\n".join([v.headline, *caps, *paras]))


def error_text(first: str) -> str:
    return f"{first}\n\nSorry, something went wrong.\n\nWe're working on it. Please refresh the page or try again later."


def render_a(page: Page, shown: list[Entry], kind: str | None) -> str:
    if kind == "error":
        return error_text(page.title)
    lines = [page.title, "", f"By {page.authors}, CNN", "", f"Updated {label(page.updated)}",
             f"{len(page.entries)} Posts", "Sort byDropdown arrow"]
    for e in shown:
        v = e.version
        lines += [label(v.time), "", v.headline, ""]
        if kind != "collapsed":
            lines += [v.byline, ""] if v.byline else []
            for c in v.captions:
                lines += [c.text, f"{c.text} ({c.credit})", ""]
            lines += body_lines(v.paras, tight=True)
    lines += ["Dive Deeper", "", *page.dive] if page.dive_in_a and kind is None else []
    return "\n".join(lines).rstrip("\n")


def render_b(page: Page, shown: list[Entry], kind: str | None) -> str:
    if kind == "error":
        return error_text(f"{page.title} | CNN")
    lines = [f"{page.title} | CNN", "", page.title, "", *([*page.promo, ""] if page.promo else []),
             "What we covered here", "", f"{len(page.entries)} Posts", ""]
    for e in shown:
        lines += [b_headline(e.version.headline), ""]
        if kind != "collapsed":
            lines += [x for c in e.version.captions for x in (c.text, "")]
            lines += body_lines([curl(p) for p in e.version.paras], tight=False)
    dive = ["Dive Deeper", "", *page.dive]
    lines += [*dive, "", *dive] if page.dive and kind is None else []
    return "\n".join(lines).rstrip("\n")


def esc(text: str) -> str:
    """Text node markup; non-breaking spaces travel as &nbsp; the way CMS output has them."""
    return html.escape(text, quote=False).replace("\u00a0", "&nbsp;")


def html_par(p: str) -> str:
    if p.startswith("Read more"):
        return f'<p class="paragraph"><a href="https://www.cnn.com/us/sable-river-floods">{esc(p)}</a></p>'
    out, town = esc(p), next((t for t in TOWNS if t in p), None)
    if town and crc(p) % 3 == 0:  # an inline link inside the paragraph
        out = out.replace(town, f'<a href="https://www.cnn.com/us/{town.lower().replace(" ", "-")}-flooding">{town}</a>', 1)
    return f'<p class="paragraph">{out}</p>'


def html_body(paras: tuple[str, ...]) -> list[str]:
    out, in_list = [], False
    for p in paras:
        bullet = p.startswith(BULLET)
        if bullet != in_list:
            out.append('<ul class="unordered-list">' if bullet else "</ul>")
            in_list = bullet
        out.append(f"<li>{html_par(p.removeprefix(BULLET))}</li>" if bullet else html_par(p))
    return out + ["</ul>"] * in_list


def html_article(e: Entry, collapsed: bool) -> str:
    v = e.version
    out = [f'<article class="live-story-post" data-uri="cms.cnn.com/_components/live-story-post/instances/{e.uri}@published">',
           '<header class="live-story-post__header">', f'<span class="live-story-post__timestamp">{label(v.time)}</span>',
           f'<h2 class="live-story-post__headline">{esc(v.headline)}</h2>']
    out += [f'<div class="live-story-post__byline">{esc(v.byline)}</div>'] if v.byline and not collapsed else []
    out.append("</header>")
    if not collapsed:
        out.append('<div class="live-story-post__content">')
        out += [f'<figure class="image"><img src="https://media.cnn.com/api/v1/images/stellar/prod/{crc(c.text):08x}.jpg" '
                f'alt="{html.escape(c.text)}" loading="lazy"><figcaption class="image__caption">{esc(c.text)}</figcaption>'
                f'<div class="image__credit">{html.escape(c.credit)}</div></figure>' for c in v.captions]
        out += [*html_body(v.paras), "</div>"]
    out.append('<div class="social-share"><button class="social-share__button" aria-label="Share on Facebook">Facebook'
               '</button><button class="social-share__button" aria-label="Share on X">X</button>'
               '<button class="social-share__copy">Copy Link</button></div>')
    return "\n".join([*out, "</article>"])


HTML_HEAD = """<!DOCTYPE html>
<html lang="en" data-layout="live-story">
<head>
<meta charset="utf-8">
<title>{title} | CNN</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>.live-story-post{{margin:0 0 32px}}.ad-slot{{min-height:250px}}.social-share__button{{border:0}}</style>
<script>window.CNN = window.CNN || {{}}; window.CNN.requestId = "{nonce}"; window.CNN.section = "us";</script>
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"LiveBlogPosting","headline":"{title}"}}</script>
</head>
<body class="layout-live-story">
<header class="header"><nav class="header__nav"><a href="/">CNN</a> <a href="/us">US</a> <a href="/world">World</a> \
<a href="/weather">Weather</a> <a href="/politics">Politics</a></nav><button class="header__login">Log In</button></header>
<div class="ad-slot ad-slot--leaderboard" id="ad-top"><script>googletag.cmd.push(function(){{googletag.display("ad-top");}});\
</script></div>
"""
HTML_FOOT = """<footer class="footer"><nav><a href="/terms">Terms of Use</a> <a href="/privacy">Privacy Policy</a></nav>
<p class="footer__copyright">&copy; 2024 Cable News Network. A Warner Bros. Discovery Company. All Rights Reserved.</p></footer>
<script src="https://www.cnn.com/js/live-story.min.js" async></script>
</body>
</html>
"""
AD = '<div class="ad-slot" id="ad-feed-{0}"><script>googletag.cmd.push(function(){{googletag.display("ad-feed-{0}");}});</script></div>\n'


def render_html(page: Page, shown: list[Entry], kind: str | None, nonce: str, pinned: bool) -> str:
    out = [HTML_HEAD.format(title=html.escape(page.title), nonce=nonce)]
    if kind == "error":
        out.append('<main class="error-page"><h1 class="error-page__title">Sorry, something went wrong.</h1>'
                   "<p>We're working on it. Please refresh the page or try again later.</p></main>\n")
        return "".join(out) + HTML_FOOT
    out.append(f'<main class="live-story" id="maincontent">\n<h1 class="headline__text">{html.escape(page.title)}</h1>\n'
               f'<div class="headline__byline">By {html.escape(page.authors)}, CNN</div>\n'
               f'<div class="timestamp">Updated {label(page.updated)}</div>\n'
               f'<div class="live-story__count">{len(page.entries)} Posts</div>\n'
               '<div class="live-story__sort"><button>Sort by</button><img alt="Dropdown arrow" src="/arrow.svg"></div>\n'
               '<div class="live-story__posts">\n')
    for i, e in enumerate(shown):
        art = html_article(e, kind == "collapsed")
        out.append(f'<div class="live-story__pinned">\n{art}\n</div>\n' if pinned and i == 0 else art + "\n")
        out.append(AD.format(i) if i % 5 == 4 else "")
    related = "".join(f'<li><a href="https://www.cnn.com/us/{crc(f):x}">{html.escape(f)}</a></li>' for f in page.dive)
    out.append(f'</div>\n<aside class="related-content"><h3>Related</h3><ul>{related}</ul></aside>\n</main>\n')
    return "".join(out) + HTML_FOOT


# ---------------------------------------------------------------- the newsroom
class Newsroom:
    """Runs the live blog step by step and takes one capture per step."""

    def __init__(self, seed: int, captures: int, days: int, fmt: str) -> None:
        self.rng, self.seed, self.fmt = random.Random(seed), seed, fmt
        start = date(2024, 1, 8) + timedelta(days=self.rng.randrange(40))
        self.utc = datetime.combine(start, time(11))  # 6 a.m. ET
        self.prose = Prose(self.rng, start)
        self.editor = Editor(self.prose)
        raw = [self.rng.uniform(0.2, 1.8) for _ in range(captures)]
        self.incs = [(days * 1440 - 8 * 60) * r / sum(raw) for r in raw]
        self.slots: dict[int, Slots] = {}
        self.next_id, self.step_no, self.roll_at = 1, 0, self.rng.randint(0, 90)
        self.undos: list[tuple[int, Page, int, Version]] = []  # (due step, page, post, version to restore)
        self.episode: Episode | None = None
        self.next_template = self.now + timedelta(hours=2)
        self.pages = [self.make_page(start)]
        for _ in range(self.rng.randint(3, 6)):
            self.add_post(self.pages[0], self.now - timedelta(minutes=self.rng.randint(5, 60)))
        self.pages[0].entries.sort(key=lambda e: e.version.time, reverse=True)

    @property
    def now(self) -> datetime:
        return to_et(self.utc)

    def make_page(self, day: date) -> Page:
        rng, pick = self.rng, self.prose.pick
        promo = (f"floods {pick(('drone', 'rescue', 'levee'))}", f"See the flooding in {pick(TOWNS)} from above",
                 f"0{rng.randint(1, 4)}:{rng.randint(0, 59):02d} - Source: CNN") if rng.random() < 0.6 else ()
        dive = tuple(rng.sample(FEATURES, 3)) if rng.random() < 0.7 else ()
        return Page(day, f"{day:%B} {day.day}, {day.year} {STORY}", names_phrase(rng.sample(PRODUCERS, rng.randint(4, 9))),
                    promo, dive, bool(dive) and rng.random() < 0.4, self.now)

    def uri(self, page: Page, post: int) -> str:
        return hashlib.sha1(f"{self.seed}|{page.title}|{post}".encode()).hexdigest()[:25]

    def run(self) -> list[Capture]:
        captures = []
        for inc in self.incs:
            self.utc += timedelta(minutes=inc)
            self.prose.now = self.now
            self.prose.evolve()
            self.step_no += 1
            if self.episode:
                captures.append(self.episode_step(self.episode))
                continue
            self.maybe_roll()
            self.act()
            captures.append(self.capture())
        return captures

    def act(self) -> None:
        rng, page = self.rng, self.pages[-1]
        if page.pinned is not None and (self.now >= page.pin_until or page.find(page.pinned) is None):
            page.pinned = None
        self.due_undos()
        for ago in sorted(rng.sample(range(10), rng.choices((0, 1, 2, 3), (40, 45, 13, 2))[0]), reverse=True):
            self.add_post(page, self.now - timedelta(minutes=ago))
        if self.now >= self.next_template:
            self.add_template(page)
        for _ in range(rng.choices((0, 1, 2, 3), (55, 33, 10, 2))[0]):
            self.edit_visible(page)
        if len(self.pages) > 1 and rng.random() < 0.03:
            self.edit_visible(self.pages[-2] if rng.random() < 0.7 else self.prose.pick(self.pages[:-1]))
        if rng.random() < 0.04:
            self.delete(page)
        if rng.random() < 0.03:
            self.retime_move(page)
        if page.pinned is None and rng.random() < 0.015:
            self.pin(page)

    def maybe_roll(self) -> None:
        now = self.now
        if now.date() > self.pages[-1].day and now.hour * 60 + now.minute >= self.roll_at:
            self.roll_over(now.date())
            self.roll_at = self.rng.randint(0, 90)

    def roll_over(self, day: date) -> None:
        """A new day's page; some of yesterday's top posts are carried to it with new native ids."""
        rng, old, new = self.rng, self.pages[-1], self.make_page(day)
        old.pinned = None
        pool = [e for e in old.entries[:14] if self.slots[e.post]["topic"] in TOPICS]
        for e in sorted(rng.sample(pool, min(len(pool), rng.randint(3, 8))), key=old.entries.index):
            v = replace(e.version, time=self.now - timedelta(minutes=rng.randint(5, 95))) if rng.random() < 0.8 else e.version
            if rng.random() < 0.5:
                v = self.editor.edit(v, self.slots[e.post], TEXT_KINDS) or v
            new.entries.append(Entry(e.post, v, self.uri(new, e.post)))
            if rng.random() < 0.2:
                old.entries.remove(e)
        self.pages.append(new)

    def add_post(self, page: Page, when: datetime) -> None:
        s = self.prose.slots()
        s["topic"] = "roundup" if self.rng.random() < 0.03 else s["topic"]
        self.insert(page, s, replace(self.prose.post(s), time=when))

    def insert(self, page: Page, s: Slots, v: Version) -> None:
        pid, self.next_id = self.next_id, self.next_id + 1
        self.slots[pid] = s
        page.entries.insert(0, Entry(pid, v, self.uri(page, pid)))
        page.updated = max(page.updated, v.time)

    def add_template(self, page: Page) -> None:
        pages = [page, self.pages[-2]] if len(self.pages) > 1 else [page]
        pool = [(self.slots[e.post]["topic"], e.version) for p in pages for e in p.entries[:15]
                if self.slots[e.post]["topic"] in TOPICS]
        pool = list({v.text(): (t, v) for t, v in pool}.values())[:12]
        if len(pool) < 3:
            self.next_template = self.now + timedelta(minutes=30)
            return
        sources = self.rng.sample(pool, min(len(pool), self.rng.randint(3, 6)))
        self.insert(page, {**self.prose.slots(), "topic": "template"}, self.prose.template(sources))
        self.next_template = self.now + timedelta(minutes=self.rng.randint(180, 300))

    def edit_visible(self, page: Page) -> None:
        window = page.entries[:25]
        if window:
            e = self.rng.choices(window, [1 / (1 + 0.15 * i) for i in range(len(window))])[0]
            self.apply_edit(page, e)

    def apply_edit(self, page: Page, e: Entry) -> None:
        before = e.version
        after = self.editor.edit(before, self.slots[e.post])
        if after is not None:
            e.version = after
            if after.text() != before.text() and self.rng.random() < 0.15:
                delay = 1 if self.rng.random() < 0.4 else self.rng.randint(2, 10)
                self.undos.append((self.step_no + delay, page, e.post, before))

    def due_undos(self) -> None:
        for undo in [u for u in self.undos if u[0] <= self.step_no]:
            self.undos.remove(undo)
            e = undo[1].find(undo[2])
            if e:
                e.version = replace(undo[3], time=e.version.time)

    def delete(self, page: Page) -> None:
        if len(page.entries) >= 8:
            e = page.entries.pop(self.rng.randint(2, min(len(page.entries), 22) - 3))
            page.pinned = None if e.post == page.pinned else page.pinned

    def retime_move(self, page: Page) -> None:
        if len(page.entries) >= 5:
            e = page.entries.pop(self.rng.randint(2, min(len(page.entries) - 1, 15)))
            e.version = replace(e.version, time=self.now - timedelta(minutes=self.rng.randint(0, 5)))
            if self.rng.random() < 0.5:
                e.version = self.editor.edit(e.version, self.slots[e.post], ("words", "sent_add")) or e.version
            page.entries.insert(0, e)

    def pin(self, page: Page) -> None:
        cands = [e for e in page.entries[:4] if self.slots[e.post]["topic"] in TOPICS]
        if cands:
            page.pinned = self.prose.pick(cands).post
            page.pin_until = self.now + timedelta(hours=self.rng.randint(2, 6))

    def choose_page(self) -> tuple[Page, str, bool]:
        r, pages = self.rng.random(), self.pages
        if len(pages) >= 2 and r < 0.09:
            page, p_b = pages[-2], 0.75
        elif len(pages) >= 3 and r < 0.13:
            page, p_b = self.prose.pick(pages[:-2]), 0.85
        else:
            page, p_b = pages[-1], 0.04
        late = self.rng.random() < p_b  # a layout B re-capture in text; drawn in html too, to keep one simulation
        return page, "html" if self.fmt == "html" else "B" if late else "A", late

    def window(self, page: Page, late: bool) -> int:
        """The top K posts shown; a pinned post's own place stays inside the window, with a post below it."""
        n, r, whole = len(page.entries), self.rng.random(), self.rng.random() < 0.6
        if late and whole:
            k = n
        else:
            k = self.rng.randint(*((5, 12) if r < 0.12 else (13, 19) if r < 0.25 else (20, 30) if r < 0.85 else (31, 40)))
        pinned = page.find(page.pinned)
        return max(min(k, n), min(n, page.entries.index(pinned) + 2)) if pinned else min(k, n)

    def capture(self) -> Capture:
        page, layout, late = self.choose_page()
        k = self.window(page, late)
        kind = self.rng.choices(("error", "partial", "collapsed"), (40, 30, 30))[0] if self.rng.random() < 0.015 else None
        nonce = f"{self.rng.getrandbits(64):016x}"
        if kind is None and len(page.entries) >= 3 and self.rng.random() < 0.015:
            self.episode = Episode(page, k, layout, nonce)
        return self.render(page, layout, k, kind, nonce)

    def episode_step(self, ep: Episode) -> Capture:
        """A -> B -> A: edit a shown post, then put it back; nothing else on the page moves meanwhile."""
        if ep.entry is None:
            ep.entry = self.prose.pick(ep.page.entries[:ep.k])
            ep.before = ep.entry.version
            ep.entry.version = self.editor.edit(ep.before, self.slots[ep.entry.post], TEXT_KINDS) or ep.before
        elif ep.before is not None:
            ep.entry.version, self.episode = ep.before, None
        return self.render(ep.page, ep.layout, ep.k, None, ep.nonce)

    def render(self, page: Page, layout: str, k: int, kind: str | None, nonce: str) -> Capture:
        entries = page.entries[:k][:self.rng.randint(1, 2)] if kind == "partial" else page.entries[:k]
        pinned = page.find(page.pinned)
        pinned = pinned if pinned in entries else None
        shown = [] if kind == "error" else [pinned, *entries] if pinned else entries
        text = (render_a(page, shown, kind) if layout == "A" else render_b(page, shown, kind) if layout == "B"
                else render_html(page, shown, kind, nonce, pinned is not None))
        return Capture(page.title, layout, kind is not None, self.utc, [view(e, layout) for e in shown], text.encode())


# ---------------------------------------------------------------- ground truth
@dataclass(frozen=True)
class Known:
    """A post's version as the rules see it: the shown fields, unknown ones inherited from the parent."""
    layout: str
    time: str | None
    byline: str | None
    raw: str
    norm: str


def truth_of(caps: list[Capture]) -> dict[str, list[list[int]]]:
    out: dict[str, list[list[int]]] = {"edits": [], "reverts": [], "moves": [], "removals": []}
    on_page: dict[tuple[str, int], Known] = {}
    latest: dict[int, tuple[str, Known]] = {}
    put_up: dict[tuple[str, int], int] = {}  # when the page's current version went up there
    versions: dict[int, list[tuple[str, int]]] = {}  # every version put up, and when
    last_order: dict[str, list[int]] = {}
    last_bytes: dict[str, bytes] = {}
    for i, cap in enumerate(caps):
        identical, last_bytes[cap.page] = last_bytes.get(cap.page) == cap.data, cap.data
        if cap.suspect or identical:
            continue
        seen: set[int] = set()
        retimed: set[int] = set()
        for s in cap.shown:
            if s.post in seen:
                continue
            seen.add(s.post)
            parent = on_page.get((cap.page, s.post))
            moved = parent is None and s.post in latest
            parent_page = latest[s.post][0] if moved else cap.page
            parent = parent or (latest[s.post][1] if s.post in latest else None)
            time_, byline = (parent.time, parent.byline) if parent else (None, None)  # unknown fields are inherited
            now = Known(cap.layout, s.time if s.time is not None else time_,
                        s.byline if s.byline is not None else byline, s.text, norm(s.text))
            if parent and None not in (parent.time, now.time) and parent.time != now.time:
                retimed.add(s.post)
            if parent and is_edit(parent, now, moved):
                out["edits"].append([s.post, i])
                out["moves"] += [[s.post, i]] if moved else []
                # A revert returns to a version put up before the parent was (an edit undone);
                # a page catching up with an edit made elsewhere later is not one.
                since = put_up[(parent_page, s.post)]
                if now.norm != parent.norm and any(
                    t == now.norm and when < since for t, when in versions[s.post]
                ):
                    out["reverts"].append([s.post, i])
            if parent is None or parent.norm != now.norm or moved:
                put_up[(cap.page, s.post)] = i
                versions.setdefault(s.post, []).append((now.norm, i))
            on_page[(cap.page, s.post)] = now
            latest[s.post] = (cap.page, now)
        order = [s.post for s in cap.shown]
        out["removals"] += [[p, i] for p in removed(last_order.get(cap.page, []), order, retimed)]
        last_order[cap.page] = [s.post for s in cap.shown]
    return out


def is_edit(parent: Known, now: Known, moved: bool) -> bool:
    if moved or parent.norm != now.norm or (parent.raw != now.raw and parent.layout == now.layout):
        return True
    if parent.time is not None and now.time is not None and parent.time != now.time:
        return True
    return parent.byline is not None and now.byline is not None and norm(parent.byline) != norm(now.byline)


def removed(before: list[int], order: list[int], retimed: set[int]) -> list[int]:
    """Rule 5: posts of the previous capture gone now while a post that stood below them
    (below their lowest copy) is shown; a post re-timed now, or shown above a post that stood
    above it (moved up), is no witness. Places are each post's lowest copy."""
    lowest = {p: i for i, p in enumerate(before)}
    now = {p: i for i, p in enumerate(order)}
    common = sorted((p for p in lowest if p in now), key=lambda p: lowest[p])
    witnesses = [w for k, w in enumerate(common)
                 if w not in retimed and all(now[v] < now[w] for v in common[:k])]
    return [p for p in dict.fromkeys(before)
            if p not in now and any(lowest[w] > lowest[p] for w in witnesses)]


def check(ok: bool, what: str) -> None:
    if not ok:
        raise RuntimeError(f"self-check failed: {what}")


def self_check(caps: list[Capture], truth: dict[str, list[list[int]]]) -> None:
    """Posts lists match what the bytes show; edits and removals point at the right captures."""
    time_line = re.compile(r"^\d{1,2}:\d\d [ap]\.m\. ET, [A-Z][a-z]+ \d{1,2}, \d{4}$", re.M)
    prev_ok: dict[int, int | None] = {}
    last_ok: dict[str, int] = {}
    for i, cap in enumerate(caps):
        text = cap.data.decode("utf-8")
        if cap.layout == "A":
            check(len(time_line.findall(text)) == len(cap.shown), f"capture {i}: time lines")
        elif cap.layout == "html":
            check(text.count('<article class="live-story-post"') == len(cap.shown), f"capture {i}: articles")
        else:
            lines, at = text.split("\n"), 0
            for s in cap.shown:
                check(s.text.split("\n")[0] in lines[at:], f"capture {i}: headline of post {s.post}")
                at = lines.index(s.text.split("\n")[0], at) + 1
        prev_ok[i] = last_ok.get(cap.page)
        last_ok.update({cap.page: i} if not cap.suspect else {})
    shown = [{s.post for s in cap.shown} for cap in caps]
    for post, i in truth["edits"]:
        check(not caps[i].suspect and post in shown[i], f"edit of post {post} in capture {i}")
    edits = {tuple(x) for x in truth["edits"]}
    check(all(tuple(x) in edits for x in truth["reverts"] + truth["moves"]), "reverts and moves are edits")
    for post, i in truth["removals"]:
        j = prev_ok[i]
        check(j is not None and not caps[i].suspect and post in shown[j], f"removal of post {post} in capture {i}")
    check(all(a.at < b.at for a, b in itertools.pairwise(caps)), "captured_at must rise")


# ---------------------------------------------------------------- CLI
def write(out_dir: Path, caps: list[Capture], truth: dict[str, list[list[int]]], args: argparse.Namespace) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in [*out_dir.glob("*.txt"), *out_dir.glob("*.html"), *out_dir.glob("truth.json")]:
        old.unlink()
    ext, records = ("html" if args.format == "html" else "txt"), []
    for i, cap in enumerate(caps):
        name = f"{i:04d}_{hashlib.sha1(cap.data).hexdigest()[:16]}.{ext}"
        (out_dir / name).write_bytes(cap.data)
        records.append({"file": name, "page": cap.page, "layout": cap.layout, "suspect": cap.suspect,
                        "captured_at": cap.at.strftime("%Y-%m-%dT%H:%M:%SZ"), "posts": [s.post for s in cap.shown]})
    doc = {"generator": "newsroom", "seed": args.seed, "format": args.format, "captures": records, **truth}
    (out_dir / "truth.json").write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return sum(len(c.data) for c in caps)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Synthetic live-blog corpus from a simulated newsroom.")
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--captures", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--format", choices=("text", "html"), default="text")
    ap.add_argument("--days", type=int, default=None, help="days, one page each (default: ceil(captures / 50))")
    args = ap.parse_args(argv)
    room = Newsroom(args.seed, args.captures, args.days or max(1, math.ceil(args.captures / 50)), args.format)
    caps = room.run()
    truth = truth_of(caps)
    self_check(caps, truth)
    size = write(args.out_dir, caps, truth, args)
    print(f"newsroom seed={args.seed} {args.format}: {len(caps)} captures, {room.next_id - 1} posts, {len(room.pages)} pages, "
          f"{size / 1e6:.1f} MB, {len(truth['edits'])} edits, {len(truth['reverts'])} reverts, {len(truth['moves'])} moves, "
          f"{len(truth['removals'])} removals, {sum(c.suspect for c in caps)} suspects", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
