#!/usr/bin/env python3
"""holdout6: a held-out live-blog corpus about a Gulf Coast hurricane.

The story follows one (fictional) Atlantic hurricane from its approach through
landfall in Louisiana to the long recovery, one CNN-style live page per day:

    python benchmarks/holdout6.py OUT_DIR [--captures N] [--seed S]
                                  [--format text|html] [--check]

It writes capture files and truth.json exactly as benchmarks/CORPUS_CONTRACT.md
describes.  A newsroom is simulated minute by minute (posts published, edited,
re-timed, pinned, deleted, carried to the next day's page, summarised every few
hours); a capturer takes snapshots of the live pages and, now and then, of older
pages in the archive layout (B), sometimes getting an error page, a consent wall,
a collapsed or truncated page, or a byte-identical copy of the previous capture.
truth.json is computed afterwards from the true post ids and the versions each
capture shows, by the contract's rules.  `--check` re-reads the written corpus
and validates the truth invariants.

Standard library only; deterministic for a given seed.
"""

import argparse
import datetime as dt
import hashlib
import html
import json
import math
import os
import random
import re
import sys

GEN_NAME = "holdout6"

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
SMALL_NUMS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]

NBSP = "\u00a0"
BULLET = "\u2022 "  # internal marker of a bullet paragraph


# ---------------------------------------------------------------- utilities


def hfloat(*key):
    """A stable pseudo-random float in [0, 1) for a key (independent of rng)."""
    d = hashlib.sha1(repr(key).encode("utf-8")).digest()
    return int.from_bytes(d[:8], "big") / 2.0**64


def time_label(t):
    h12 = t.hour % 12 or 12
    ap = "a.m." if t.hour < 12 else "p.m."
    return "%d:%02d %s ET, %s %d, %d" % (h12, t.minute, ap, MONTHS[t.month - 1], t.day, t.year)


def clock_local(t, zone="CT"):
    """'2:50 p.m. CT' style clock for times quoted in the body (ET minus 1h)."""
    if zone == "CT":
        t = t - dt.timedelta(hours=1)
    h12 = t.hour % 12 or 12
    ap = "a.m." if t.hour < 12 else "p.m."
    if t.minute == 0:
        return "%d %s %s" % (h12, ap, zone)
    return "%d:%02d %s %s" % (h12, t.minute, ap, zone)


def date_words(d):
    return "%s %d, %d" % (MONTHS[d.month - 1], d.day, d.year)


def commas(n):
    return f"{int(n):,}"


def count_words(n):
    n = int(n)
    return SMALL_NUMS[n] if 0 <= n < 10 else commas(n)


def part_of_day(t):
    wd = WEEKDAYS[t.weekday()]
    h = t.hour
    if h < 5:
        return "early " + wd
    if h < 12:
        return wd + " morning"
    if h < 17:
        return wd + " afternoon"
    if h < 21:
        return wd + " evening"
    return "late " + wd


def iso_utc(t):
    """ET (daylight time, UTC-4) wall clock to an ISO UTC stamp."""
    u = t + dt.timedelta(hours=4)
    return u.strftime("%Y-%m-%dT%H:%M:%SZ")


def join_names(names):
    names = list(names)
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


# Normalization used by the truth rules (CORPUS_CONTRACT.md rule 3).
_SPACE_CHARS = (
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u202f\u205f\u3000"
)
_FOLD = {ord(c): " " for c in _SPACE_CHARS}
_FOLD.update({ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u2033"})
_FOLD.update({ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032"})
_FOLD.update({ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})


def norm(s):
    return re.sub(r"\s+", " ", s.translate(_FOLD)).strip()


def norm_text(headline, paras):
    """The compared text: headline, then captions and body as one run."""
    return (norm(headline), norm(" ".join(paras)))


def curlify(s):
    """Typographic quotes, as the archive layout (B) prints them."""
    out = []
    prev = " "
    for ch in s:
        if ch == '"':
            out.append("\u201c" if (prev.isspace() or prev in "([{\u2014\u2013-/") else "\u201d")
        elif ch == "'":
            out.append("\u2018" if (prev.isspace() or prev in '([{\u2014\u2013-"') else "\u2019")
        else:
            out.append(ch)
        prev = ch
    return "".join(out)


def b_headline(h):
    """Layout B sometimes puts non-breaking spaces inside headlines (stable)."""
    if hfloat("nbsp-h", h) < 0.35:
        spaces = [i for i, c in enumerate(h) if c == " "]
        if spaces:
            k = spaces[int(hfloat("nbsp-pos", h) * len(spaces))]
            h = h[:k] + NBSP + h[k + 1 :]
            if len(spaces) > 4 and hfloat("nbsp-2", h) < 0.4:
                k2 = spaces[-1]
                h = h[:k2] + NBSP + h[k2 + 1 :]
    return h


_ABBR = (
    "Gov.",
    "Sen.",
    "Rep.",
    "St.",
    "Dr.",
    "Mr.",
    "Ms.",
    "Mrs.",
    "Lt.",
    "Gen.",
    "Capt.",
    "Sgt.",
    "Maj.",
    "Col.",
    "U.S.",
    "a.m.",
    "p.m.",
    "Jr.",
    "No.",
    "Ft.",
    "Mt.",
    "vs.",
    "Aug.",
    "Sept.",
    "Oct.",
    "Adm.",
    "Cmdr.",
)


def sentences(p):
    out = []
    start = 0
    for m in re.finditer(r"[.!?][\"\u201d\u2019]?\s+(?=[\"\u201cA-Z0-9])", p):
        cand = p[start : m.start() + 1].split()
        if cand and cand[-1].endswith(_ABBR):
            continue
        out.append(p[start : m.end()].strip())
        start = m.end()
    tail = p[start:].strip()
    if tail:
        out.append(tail)
    return out


def fill(template, ctx):
    return template.format(**ctx)


def template_keys(template):
    """Slot names in order of first appearance (deterministic, unlike a set)."""
    out = []
    for k in re.findall(r"\{(\w+)\}", template):
        if k not in out:
            out.append(k)
    return out


def lines(block):
    return [ln.strip() for ln in block.strip("\n").split("\n") if ln.strip()]


# ---------------------------------------------------------------- name pools

REPORTERS = [
    "Amara Okafor",
    "Devin Castellanos",
    "Priya Raman",
    "Colin Fairweather",
    "Natalie Broussard",
    "Marcus Lindqvist",
    "Jolene Hebert",
    "Teodoro Ruiz",
    "Hannah Whitaker",
    "Idris Bello",
    "Leah Marchetti",
    "Ravi Chandran",
    "Sofia Delacroix",
    "Owen Pritchard",
    "Yasmin Haddad",
    "Graham Tully",
    "Celia Ortega",
    "Benedict Oyelaran",
    "Maggie Thorne",
    "Arjun Mehta",
    "Elena Vasquez",
    "Tobias Klein",
    "Rosalind Achebe",
    "Wes Tanner",
    "Kiara Boudreaux",
    "Felix Amsel",
    "Noor Siddiqui",
    "Daniel Kowalczyk",
    "Imani Greer",
    "Patrick Doyle",
    "Lucia Ferrante",
    "Samir Qureshi",
    "Bethany Cole",
    "Ezra Lindholm",
    "Monique Fontenot",
    "Tyler Vance",
    "Ines Carvalho",
    "Jonah Whitfield",
    "Aisha Rahman",
    "Caleb Moreau",
]
METEOROLOGISTS = ["Dana Mireles", "Chad Ostrowski", "Lauren Pike", "Mateo Garza", "Briana Kessler"]
PHOTOGRAPHERS = [
    "Gerald Herbert",
    "Rachel Mummey",
    "Sean Rayford",
    "Kathleen Flynn",
    "Brandon Bell",
    "Mario Tama",
    "Emily Kask",
    "Chris Granger",
    "Julio Cortez",
    "Scott Olson",
    "Sophia Germer",
    "Eric Gay",
    "Patrick T. Fallon",
    "Leslie Westbrook",
    "Marcus Dupree",
]
AGENCIES = [
    "AP",
    "Reuters",
    "Getty Images",
    "AFP via Getty Images",
    "Bloomberg via Getty Images",
    "The Advocate via AP",
    "USA Today Network via Reuters",
    "NurPhoto via Getty Images",
]
FEMALE_NAMES = [
    "Darlene",
    "Rhonda",
    "Anh",
    "Brenda",
    "Tammy",
    "Kendra",
    "Mai",
    "Gloria",
    "Shontel",
    "Wanda",
    "Lorraine",
    "Yolanda",
    "Nadine",
    "Mercedes",
    "Keisha",
    "Colette",
    "Bernadette",
]
MALE_NAMES = [
    "Terrence",
    "Curtis",
    "Lamar",
    "Jacques",
    "Roberto",
    "Dwayne",
    "Earl",
    "Randy",
    "Pierre",
    "Hector",
    "Bao",
    "Travis",
    "Clifton",
    "Russell",
    "Harold",
    "Duc",
    "Alvin",
]
FIRST_NAMES = FEMALE_NAMES + MALE_NAMES
LAST_NAMES = [
    "Guidry",
    "Thibodeaux",
    "Nguyen",
    "Landry",
    "Washington",
    "Boudreaux",
    "Pham",
    "LeBlanc",
    "Hebert",
    "Williams",
    "Fontenot",
    "Dupre",
    "Tran",
    "Billiot",
    "Verdin",
    "Jackson",
    "Cheramie",
    "Dardar",
    "Robichaux",
    "Ladner",
    "Necaise",
    "Broussard",
    "Parker",
    "Melancon",
    "Trahan",
    "Castille",
    "Toups",
    "Pitre",
    "Gaspard",
    "Breaux",
    "Dubois",
    "Lee",
]

LA_TOWNS = [
    "Houma",
    "Thibodaux",
    "Morgan City",
    "Lafitte",
    "Grand Isle",
    "Golden Meadow",
    "Raceland",
    "LaPlace",
    "Slidell",
    "Hammond",
    "Chauvin",
    "Larose",
    "Galliano",
    "Belle Chasse",
    "Montegut",
    "Dulac",
    "Cut Off",
    "Gramercy",
    "Lockport",
    "Kenner",
    "Metairie",
    "Gretna",
    "Luling",
    "Reserve",
    "Ponchatoula",
]
LA_BIG = ["New Orleans", "Baton Rouge", "Lafayette", "Houma", "Lake Charles"]
PARISHES = [
    "Terrebonne",
    "Lafourche",
    "Jefferson",
    "Plaquemines",
    "St. Charles",
    "St. John the Baptist",
    "St. Tammany",
    "Orleans",
    "Tangipahoa",
    "Ascension",
    "Livingston",
    "Assumption",
    "St. Mary",
    "St. James",
]
MS_TOWNS = [
    "Gulfport",
    "Biloxi",
    "Pascagoula",
    "Bay St. Louis",
    "Waveland",
    "Hattiesburg",
    "Picayune",
    "Ocean Springs",
    "Long Beach",
    "Pass Christian",
    "Diamondhead",
    "Moss Point",
]
MS_COUNTIES = ["Hancock", "Harrison", "Jackson", "Pearl River", "Forrest", "Stone"]
AL_TOWNS = [
    "Mobile",
    "Dauphin Island",
    "Gulf Shores",
    "Bayou La Batre",
    "Fairhope",
    "Orange Beach",
    "Daphne",
    "Foley",
]
RIVERS = [
    ("Pearl River", "Bogalusa"),
    ("Tickfaw River", "Holden"),
    ("Amite River", "Port Vincent"),
    ("Tangipahoa River", "Robert"),
    ("Bogue Chitto River", "Bush"),
    ("Pascagoula River", "Merrill"),
]
LANDFALL_SITES = [
    "Cocodrie",
    "Port Fourchon",
    "Grand Isle",
    "Dulac",
    "Marsh Island",
    "Pecan Island",
]
STORM_NAMES = ["Marisol", "Teodora", "Ravenna", "Ismael", "Lucian", "Orla", "Beatriz", "Corwin"]

OFFICIAL_POOLS = {
    "gov": ["Celeste Arceneaux", "Paul Landry", "Renee Guidry"],
    "gov_ms": ["Dale Pruitt", "Warren Ashby"],
    "gov_al": ["Harriet Lowndes", "Beverly Coker"],
    "fema": ["Dana Whitcomb", "Luis Carrasco"],
    "nhc": ["Jill Marchand", "Robert Esposito"],
    "mayor_no": ["Yvonne Batiste", "Andre Toussaint"],
    "pp_terre": ["Gerald Naquin", "Lisa Robichaux"],
    "pp_jeff": ["Michael Daigle", "Tanya Falgout"],
    "mayor_gp": ["Ray Delahoussaye", "Tom Keeler"],
    "util_sp": ["Brandon Ancelet", "Meredith Sayers"],
    "cg": ["Capt. Ellen Moraes", "Capt. Victor Langlois"],
    "guard_gen": ["Maj. Gen. Keith Lanier", "Maj. Gen. Sandra Bourque"],
    "health": ["Dr. Miriam Okonjo", "Dr. Philip Reaux"],
    "ag": ["Nathan Fruge", "Carla Domingue"],
    "sen": ["Sen. Bill Cassin", "Sen. Joan Kennard"],
    "pres": ["Harlan Reeve", "Margaret Ellison"],
    "sheriff": ["Sheriff Timothy Soignet", "Sheriff Angela Larpenter"],
}
UTILITIES = ["Delta Gulf Energy", "Pelican Power", "Bayou Electric"]


# ---------------------------------------------------------------- the storm


def category_of(w):
    if w >= 157:
        return "Category 5"
    if w >= 130:
        return "Category 4"
    if w >= 111:
        return "Category 3"
    if w >= 96:
        return "Category 2"
    if w >= 74:
        return "Category 1"
    if w >= 39:
        return "tropical storm"
    return "tropical depression"


class World:
    """The storm, its cast and the numbers officials report as time passes."""

    def __init__(self, rng):
        self.rng = rng
        self.storm = rng.choice(STORM_NAMES)
        year = rng.choice([2026, 2027, 2028])
        month = rng.choice([8, 9, 9])
        day = rng.randint(1, 14) if month == 9 else rng.randint(18, 26)
        self.day0 = dt.datetime(year, month, day)
        self.landfall = self.day0 + dt.timedelta(days=1, minutes=rng.randint(13 * 60, 21 * 60))
        self.lf_site = rng.choice(LANDFALL_SITES)
        self.lf_wind = rng.choice([130, 135, 140, 145, 150, 155])
        self.gust = self.lf_wind + rng.randint(9, 31)
        self.surge = rng.randint(11, 17)
        self.who = {k: rng.choice(v) for k, v in OFFICIAL_POOLS.items()}
        self.util = rng.choice(UTILITIES)
        self.river, self.river_town = rng.choice(RIVERS)
        self.peak = {
            "Louisiana": rng.randint(640, 1080) * 1000 + rng.randint(0, 999),
            "Mississippi": rng.randint(120, 260) * 1000 + rng.randint(0, 999),
            "Alabama": rng.randint(28, 95) * 1000 + rng.randint(0, 999),
        }
        self.tau = {
            "Louisiana": rng.uniform(80, 140),
            "Mississippi": rng.uniform(40, 80),
            "Alabama": rng.uniform(18, 36),
        }
        self.deaths_cap = rng.randint(14, 36)
        self.rescue_cap = rng.randint(2400, 5600)
        self.shelter_cap = rng.randint(6000, 14000)
        self.rain_cap = rng.uniform(15.0, 24.0)
        self.rain_town = rng.choice(
            ["Hammond", "Ponchatoula", "Slidell", "Picayune", "Amite", "Kentwood", "Bogalusa"]
        )
        self.boil_cap = rng.randint(80, 170)
        self.crest_base = rng.uniform(18.0, 24.0)
        self.loss_lo = rng.randint(14, 30)
        self.evac_parishes = rng.sample(PARISHES, 6)

    def hours(self, t):
        return (t - self.landfall).total_seconds() / 3600.0

    def wind(self, t):
        h = self.hours(t)
        if h < 0:
            f = min(1.0, -h / 54.0)
            w = self.lf_wind - (self.lf_wind - 85) * f
        else:
            w = max(20.0, self.lf_wind * math.exp(-h / 15.0))
        return int(round(w / 5.0) * 5)

    def storm_label(self, t):
        w = self.wind(t)
        if w >= 74:
            return "Hurricane " + self.storm
        if w >= 39:
            return "Tropical Storm " + self.storm
        if self.hours(t) < 60:
            return "Tropical Depression " + self.storm
        return "the remnants of " + self.storm

    def outages(self, state, t):
        h = self.hours(t)
        p = self.peak[state]
        if h < -12:
            v = p * 0.004
        elif h < 0:
            v = p * 0.03 * (1 + h / 12.0) + p * 0.004
        elif h < 8:
            v = p * (0.03 + 0.97 * h / 8.0)
        else:
            v = p * math.exp(-(h - 8) / self.tau[state])
        v *= 1 + 0.03 * (hfloat("out", state, int(h)) - 0.5)
        floor = 100 * (2 + int(6 * hfloat("floor", state, self.storm)))
        return max(floor, int(round(v / 100.0) * 100))

    def deaths(self, t, state=None):
        h = self.hours(t)
        total = int(self.deaths_cap * (1 - math.exp(-max(0.0, h - 2) / 55.0)))
        if state == "Louisiana":
            return int(total * 0.74 + 0.5) if total else 0
        if state == "Mississippi":
            return total - int(total * 0.74 + 0.5) if total else 0
        return total

    def rescued(self, t):
        h = self.hours(t)
        return int(round(self.rescue_cap * (1 - math.exp(-max(0.0, h) / 18.0)), -1))

    def sheltered(self, t):
        h = self.hours(t)
        if h < 0:
            v = self.shelter_cap * max(0.1, 1 + h / 48.0)
        else:
            v = self.shelter_cap * math.exp(-h / 70.0)
        return int(round(v, -1))

    def rain(self, t):
        h = self.hours(t)
        return round(self.rain_cap * min(1.0, max(0.05, (h + 20) / 50.0)), 1)

    def boil(self, t):
        h = self.hours(t)
        if h < 2:
            return 3
        if h < 20:
            return int(self.boil_cap * h / 20.0) + 3
        return int(self.boil_cap * math.exp(-(h - 20) / 120.0)) + 2

    def gas_pct(self, t):
        h = self.hours(t)
        if h < 0:
            return 18 + int(20 * max(0.0, 1 + h / 30.0))
        return max(4, int(71 * math.exp(-max(0.0, h - 24) / 60.0)))

    def fema_staff(self, t):
        h = self.hours(t)
        return int(round(1800 + 2700 * (1 - math.exp(-max(0.0, h + 24) / 40.0)), -1))

    def aid(self, t):
        h = self.hours(t)
        m = 0.0 if h < 30 else 9.0 * (h - 30) ** 1.12
        if m < 1000:
            return "$%d million" % max(1, int(m))
        return "$%.1f billion" % (m / 1000.0)

    def crest(self, t):
        b = int(self.hours(t) // 12)
        return round(self.crest_base + 2.5 * (hfloat("crest", b) - 0.5), 1)

    def linemen(self, t):
        h = self.hours(t)
        return int(round(12000 + 17000 * (1 - math.exp(-max(0.0, h + 12) / 30.0)), -2))

    def guard(self, t):
        h = self.hours(t)
        return int(round(2400 + 2600 * (1 - math.exp(-max(0.0, h + 18) / 26.0)), -1))

    def losses(self, t):
        b = int(max(0.0, self.hours(t)) // 24)
        lo = self.loss_lo + b + int(3 * hfloat("loss", b))
        return lo, lo + 6 + int(5 * hfloat("loss2", b))

    def flights(self, t):
        h = self.hours(t)
        if -36 < h < 30:
            return int(700 * math.exp(-abs(h) / 14.0)) + 40
        return 35

    def shut_in(self, t):
        h = self.hours(t)
        if h < 0:
            return max(12, int(91 * (1 + h / 60.0)))
        return max(9, int(91 * math.exp(-h / 70.0)))

    # -- a context for filling templates at time t
    def ctx(self, t, rng):
        c = dict(self.who)
        c["gov"] = "Gov. " + self.who["gov"]
        h = self.hours(t)
        w = self.wind(t)
        c["S"] = self.storm
        c["HS"] = self.storm_label(t)
        hs = c["HS"]
        c["HS_cap"] = hs[0].upper() + hs[1:]
        c["cat"] = category_of(w)
        c["wind"] = str(w)
        c["lf_wind"] = str(self.lf_wind)
        c["lf_cat"] = category_of(self.lf_wind)
        c["gust"] = str(self.gust)
        c["surge"] = str(self.surge)
        c["lf_site"] = self.lf_site
        c["lf_wd"] = WEEKDAYS[self.landfall.weekday()]
        c["lf_clock"] = clock_local(self.landfall)
        c["lf_date"] = "%s %d" % (MONTHS[self.landfall.month - 1], self.landfall.day)
        c["wd"] = WEEKDAYS[t.weekday()]
        c["yd"] = WEEKDAYS[(t - dt.timedelta(days=1)).weekday()]
        c["td"] = WEEKDAYS[(t + dt.timedelta(days=1)).weekday()]
        c["wdp"] = part_of_day(t)
        c["clock"] = clock_local(t - dt.timedelta(minutes=rng.randint(10, 70)))
        nxt = t + dt.timedelta(minutes=rng.choice([40, 60, 75, 90, 120]))
        c["clock_next"] = clock_local(nxt.replace(minute=0 if nxt.minute < 30 else 30))
        past = t - dt.timedelta(minutes=rng.randint(20, 150))
        c["clock_r"] = clock_local(past.replace(minute=0 if past.minute < 30 else 30))
        c["mday"] = "%s %d" % (MONTHS[t.month - 1], t.day)
        c["town"], c["town2"], c["town3"] = rng.sample(LA_TOWNS, 3)
        c["big"] = rng.choice(LA_BIG)
        c["parish"], c["parish2"], c["parish3"] = rng.sample(PARISHES, 3)
        c["ms_town"], c["ms_town2"] = rng.sample(MS_TOWNS, 2)
        c["county"] = rng.choice(MS_COUNTIES)
        c["al_town"] = rng.choice(AL_TOWNS)
        c["util"] = self.util
        c["river"], c["river_town"] = self.river, self.river_town
        c["evac"] = join_names([f"{p}" for p in self.evac_parishes[:3]])
        c["res"], c["res_first"], c["res_age"] = self.resident(rng)
        c["res2"], c["res2_first"], c["res2_age"] = self.resident(rng)
        c["resf"], c["resf_first"], c["resf_age"] = self.resident(rng, FEMALE_NAMES)
        c["resm"], c["resm_first"], c["resm_age"] = self.resident(rng, MALE_NAMES)
        c["reporter"] = rng.choice(REPORTERS)
        c["met"] = rng.choice(METEOROLOGISTS)
        c["out_la"] = commas(self.outages("Louisiana", t))
        c["out_ms"] = commas(self.outages("Mississippi", t))
        c["out_al"] = commas(self.outages("Alabama", t))
        c["out_total"] = commas(sum(self.outages(s, t) for s in self.peak))
        d = self.deaths(t)
        c["dead"] = "at least " + count_words(max(d, 2))
        c["dead_la"] = count_words(max(self.deaths(t, "Louisiana"), 2))
        c["dead_ms"] = count_words(max(self.deaths(t, "Mississippi"), 2))
        c["rescued"] = commas(max(self.rescued(t), 40))
        c["shelter"] = commas(self.sheltered(t))
        c["rain"] = f"{self.rain(t):.1f}"
        c["rain_town"] = self.rain_town
        c["restore_pct"] = str(
            max(1, int(100 * (1 - self.outages("Louisiana", t) / float(self.peak["Louisiana"]))))
        )
        c["fema_staff"] = commas(self.fema_staff(t))
        c["aid"] = self.aid(t)
        c["boil"] = str(self.boil(t))
        c["gas_pct"] = str(self.gas_pct(t))
        c["crest"] = f"{self.crest(t):.1f}"
        c["linemen"] = commas(self.linemen(t))
        c["guard"] = commas(self.guard(t))
        lo, hi = self.losses(t)
        c["loss_lo"], c["loss_hi"] = str(lo), str(hi)
        c["flights"] = commas(self.flights(t))
        c["shut_in"] = str(self.shut_in(t))
        c["h"] = h
        c["peak_la"] = commas(int(self.peak["Louisiana"] * 0.98) // 1000 * 1000)
        c["miles"] = str(max(30, int(-h * 12)) if h < 0 else 0)
        c["speed"] = str(rng.choice([9, 10, 12, 13, 14, 16]))
        return c

    def resident(self, rng, pool=FIRST_NAMES):
        first = rng.choice(pool)
        last = rng.choice(LAST_NAMES)
        age = rng.randint(19, 84)
        return f"{first} {last}", first, str(age)


# The stat keys: numbers the newsroom updates in place as officials report.
STAT_KEYS = (
    "out_la",
    "out_ms",
    "out_al",
    "out_total",
    "dead",
    "dead_la",
    "dead_ms",
    "rescued",
    "shelter",
    "rain",
    "restore_pct",
    "fema_staff",
    "aid",
    "boil",
    "gas_pct",
    "crest",
    "linemen",
    "guard",
    "loss_lo",
    "loss_hi",
    "flights",
    "shut_in",
    "wind",
)


# ---------------------------------------------------------------- templates
# Each topic: label (used as a bullet lead in summaries), the window of hours
# relative to landfall in which the newsroom writes about it, a weight, and
# headline / lead / follow-up / caption frames filled from World.ctx().

TOPICS = []


def topic(name, label, lo, hi, w, heads, leads, more, photo="", byline=None):
    TOPICS.append(
        dict(
            name=name,
            label=label,
            lo=lo,
            hi=hi,
            w=w,
            heads=lines(heads),
            leads=lines(leads),
            more=lines(more),
            photo=lines(photo) if photo else [],
            byline=byline,
        )
    )


topic(
    "advisory",
    "The forecast",
    -60,
    2,
    7,
    """
{S} strengthens to {cat} as it churns toward Louisiana
{S} now a {cat} storm with {wind} mph winds, hurricane center says
Hurricane warning stretches from {town} to {ms_town} as {S} closes in
How strong will {S} get before landfall?
{S} is forecast to make landfall {td}. Here's the track
Latest advisory: {S} picks up speed
{S} grows stronger over the warm Gulf
Forecasters: {S} could be "extremely dangerous" at landfall
""",
    """
{HS_cap} strengthened into a {cat} storm {wdp} with maximum sustained winds of {wind} mph, the National Hurricane Center said in its latest advisory.
The center of {HS} was about {miles} miles south-southeast of the mouth of the Mississippi River as of {clock}, moving northwest at {speed} mph, according to the National Hurricane Center.
Forecasters expect {S} to keep strengthening over the very warm waters of the Gulf before it reaches the Louisiana coast, the National Hurricane Center said {wd}.
A hurricane warning is in effect from {town} to {ms_town}, Mississippi, and a storm surge warning covers much of the coastline east of {town2}, the hurricane center said.
{HS_cap} is packing {wind} mph winds and is on track to reach southeast Louisiana {td}, forecasters said {wdp}.
""",
    """
"Life-threatening storm surge, damaging hurricane-force winds and flooding rainfall are expected," the center said in its {clock} advisory.
Hurricane-force winds extend up to 45 miles from the center, and tropical-storm-force winds extend outward up to 150 miles, forecasters said.
{nhc}, a senior hurricane specialist at the National Hurricane Center, told CNN the storm's structure had "improved significantly" overnight.
Rainfall totals of 10 to 15 inches, with isolated amounts up to 20 inches, are possible across southeast Louisiana and southern Mississippi through {td}.
CNN meteorologist {met} said the storm could undergo a period of rapid intensification before landfall, meaning its winds would increase by at least 35 mph in 24 hours.
Storm surge of up to {surge} feet above ground level is possible in some areas if the peak surge coincides with high tide, forecasters warned.
Tropical-storm-force winds are expected to reach the coast by {td} morning, making outdoor preparations dangerous after that point.
Hurricane hunter aircraft were flying through the storm {wdp} to gather data for the next advisory.
The storm is expected to slow as it nears the coast, which could prolong the wind and rain in some communities, forecasters said.
""",
    """
A satellite image shows {HS} in the Gulf on {wd}, {mday}.
Clouds gather over the marina in {town}, Louisiana, on {wd}.
""",
)

topic(
    "evacuations",
    "Evacuations",
    -60,
    -2,
    6,
    """
Mandatory evacuations ordered in {evac} parishes
"Get out now": Officials urge coastal residents to leave ahead of {S}
Traffic backs up on I-10 as thousands flee {S}
Contraflow begins on Louisiana interstates
Some residents in {town} say they will ride out the storm
Why some people don't evacuate,
Buses leave {town} with residents who have no way out
""",
    """
Officials in {evac} parishes have ordered mandatory evacuations ahead of {HS}, urging residents in low-lying areas to leave before tropical-storm-force winds arrive.
Traffic was bumper to bumper on westbound Interstate 10 out of New Orleans {wdp} as residents heeded calls to evacuate ahead of {S}.
Louisiana State Police said contraflow would begin on parts of I-55 and I-59 at {clock_r}, turning all lanes northbound to speed evacuations from the coast.
{pp_terre}, president of Terrebonne Parish, said {wd} that anyone who stays behind in the southern part of the parish should not expect rescuers to reach them during the storm.
""",
    """
"If you are in an evacuation zone, the time to leave is now, not tomorrow," {gov} said at a news conference in Baton Rouge.
"We will not be able to come get you once the winds pick up," {sheriff} told reporters. "Please, take this seriously."
Gas stations along the evacuation routes reported long lines, and some ran out of fuel by midafternoon, according to local officials.
{resf}, {resf_age}, said she was packing up her two children and her mother and heading to relatives in Shreveport. "We did this for Ida. We know what it looks like," she said.
Not everyone is leaving. {resm}, {resm_age}, said he planned to stay in his raised home in {town} with a generator and two weeks of food.
State officials said buses would carry residents without transportation from pickup points in {town} and {town2} to shelters farther inland.
Hospitals and nursing homes in the warning area were moving patients, the Louisiana Department of Health said.
Officials said shelters in Alexandria and Monroe had room for several thousand people and that pets would be allowed.
""",
    """
Vehicles crowd westbound Interstate 10 as residents evacuate ahead of {HS} on {wd}.
A family loads a pickup truck before leaving {town}, Louisiana, on {wd}.
""",
)

topic(
    "preparations",
    "Preparations",
    -60,
    -1,
    5,
    """
Residents board up windows and fill sandbags in {town}
Store shelves empty as {S} nears
Sandbag lines stretch for blocks
New Orleans levee system will be tested, officials say
Last-minute preparations in {town}: plywood, water and prayers
Ready or not
""",
    """
Residents in {town} spent {wdp} nailing plywood over windows and filling sandbags as {HS} gathered strength in the Gulf.
Grocery stores across south Louisiana reported empty shelves of bottled water, bread and batteries {wd}, and home improvement stores sold out of generators and plywood.
The Army Corps of Engineers said it had closed floodgates across the New Orleans area's levee system and that pump stations were staffed ahead of {S}'s arrival.
{mayor_no}, the mayor of New Orleans, said the city would not call a mandatory evacuation because there was not enough time to move residents safely, and urged people to shelter in place.
""",
    """
"We are as ready as we can be, but we need everyone to do their part," New Orleans Mayor {mayor_no} said.
The Sewerage and Water Board said all of the city's major drainage pumps were available, though officials cautioned the system cannot keep up with more than an inch of rain in the first hour.
{resm}, who owns a hardware store in {town2}, said he sold more than 400 sheets of plywood in two days. "People are scared. They remember," he said.
Parish officials opened 14 sandbag stations on {wd}, some of which ran out of sand within hours.
The Louisiana National Guard said it had staged high-water vehicles, boats and helicopters in {parish} and {parish2} parishes.
Officials urged residents to take photos of their homes and belongings before the storm for insurance purposes.
""",
    """
Workers board up a storefront in the French Quarter of New Orleans on {wd}.
Volunteers fill sandbags in {town}, Louisiana, on {wd}, {mday}.
""",
)

topic(
    "federal_pre",
    "Federal response",
    -48,
    0,
    3,
    """
President {pres} approves emergency declaration for Louisiana
FEMA moves supplies into position ahead of landfall
White House says it is "ready to respond"
""",
    """
President {pres} approved an emergency declaration for Louisiana {wd}, freeing federal money and resources for storm preparations, the White House said.
FEMA has moved millions of meals and liters of water into staging areas in Louisiana, Mississippi and Alabama, FEMA Administrator {fema} said {wd}.
""",
    """
"We have {fema_staff} FEMA personnel in the region, and more are on the way," FEMA Administrator {fema} said.
The declaration allows FEMA to coordinate disaster relief and provide emergency protective measures in {evac} parishes, among others.
Search-and-rescue teams from eight states have been pre-positioned, the agency said.
The president spoke with {gov} by phone {wd} and offered "whatever the state needs," according to a White House official.
""",
)

topic(
    "closures",
    "Closures",
    -40,
    24,
    4,
    """
More than {flights} flights canceled at New Orleans airport
Schools, universities close as {S} approaches
Ports and refineries shut down; oil output drops {shut_in}%
Saints move practice out of state
""",
    """
Airlines canceled more than {flights} flights in and out of Louis Armstrong New Orleans International Airport for {wd} and {td}, according to the airport.
About {shut_in}% of oil production in the US Gulf was shut in as of {wd}, federal regulators said, as energy companies evacuated offshore platforms.
Schools in at least a dozen parishes will be closed through at least {td}, and several universities canceled classes for the rest of the week.
""",
    """
The Port of New Orleans said it had suspended vessel operations, and the Coast Guard closed the lower Mississippi River to ship traffic.
Refiners along the river between Baton Rouge and New Orleans began shutting units as a precaution, according to company statements.
The New Orleans Saints said they would hold practices in Dallas for the rest of the week.
Amtrak canceled service on routes into and out of New Orleans through {td}.
""",
)

topic(
    "landfall",
    "Landfall",
    -2,
    30,
    6,
    """
{S} makes landfall near {lf_site}, Louisiana, as a {lf_cat} hurricane
Landfall
{S} slams ashore with {lf_wind} mph winds
The eye is over {lf_site}
{S} roars ashore in Louisiana, bringing "catastrophic" surge
""",
    """
{S} made landfall near {lf_site}, Louisiana, at {lf_clock} {lf_wd} with maximum sustained winds of {lf_wind} mph, the National Hurricane Center said.
The eye of {S} crossed the coast near {lf_site} on {lf_wd} afternoon, bringing a wall of water and winds strong enough to peel roofs from homes, forecasters said.
{S} came ashore near {lf_site} as a {lf_cat} hurricane, and its eyewall was moving over the marshes of south Louisiana toward {town}, the hurricane center said.
""",
    """
A gust of {gust} mph was recorded at a station near {town}, according to the National Weather Service.
"This is a catastrophic situation unfolding in real time," {nhc} of the National Hurricane Center said.
Water levels rose more than {surge} feet above normal at a gauge in {parish} Parish, the US Geological Survey reported.
Officials said they had lost contact with parts of {town} as cell towers went down.
The storm's forward speed slowed after landfall, meaning some areas could endure hurricane-force winds for several hours.
Emergency managers in {parish} Parish said 911 calls would be logged but that crews could not respond until winds dropped.
""",
    """
Waves crash over a seawall in {town}, Louisiana, as {HS} makes landfall on {lf_wd}.
Palm trees bend in the wind in {town}, Louisiana, on {lf_wd}, {lf_date}.
""",
)

topic(
    "damage",
    "Damage",
    0,
    60,
    6,
    """
Roofs torn off, streets flooded in {town}
"It sounded like a freight train"
Part of hospital roof collapses in {town}
Widespread damage reported in {parish} Parish
What we're seeing in {town} right now
Daylight reveals the destruction in {town}
""",
    """
Videos posted to social media from {town} showed roofs peeled from homes, trees snapped in half and water rising in the streets as {S}'s eyewall moved through.
Part of the roof of a hospital in {town} collapsed during the storm, but no patients were hurt, {pp_terre} said.
Officials in {parish} Parish said {wd} that early reports showed significant damage to homes and businesses across the parish.
Daylight {wd} revealed shredded roofs, toppled power poles and boats tossed onto highways across {parish} Parish.
""",
    """
"It sounded like a freight train going over the house for three hours," {res}, {res_age}, told CNN by phone from {town}.
{pp_jeff}, the Jefferson Parish president, said crews would begin assessing damage as soon as winds drop below 45 mph.
Downed power lines and debris blocked many roads, and officials urged residents to stay off them.
CNN's {reporter}, reporting from {town2}, said water had risen to the doors of cars in the parking lot of the hotel where the team was sheltering.
Emergency officials warned that the full extent of the damage would not be known until daylight.
An aerial survey by the Civil Air Patrol found "extensive" damage to homes in {town} and {town2}, according to parish officials.
""",
    """
A home is damaged in {town}, Louisiana, after {HS} passed through on {wd}.
Debris covers a road in {town}, Louisiana, on {wd}, {mday}.
""",
)

topic(
    "outages",
    "Power outages",
    -4,
    400,
    9,
    """
More than {out_la} customers without power in Louisiana
{out_total} homes and businesses in the dark across three states
Power could be out for weeks, {util} says
Power outages by the numbers:
Lights out
Still dark in {town}
Crews restore power to {restore_pct}% of affected Louisiana customers
When will the power come back?
""",
    """
More than {out_la} customers in Louisiana were without power as of {clock}, according to PowerOutage.us, which tracks utility reports.
About {out_total} homes and businesses across Louisiana, Mississippi and Alabama had no electricity {wdp}, according to PowerOutage.us.
{util} said {wd} it had restored power to about {restore_pct}% of the customers who lost it during {S}, but warned that some areas could remain in the dark for weeks.
Utility crews have restored service to about {restore_pct}% of Louisiana customers who lost power, but {out_la} customers were still waiting {wdp}, according to PowerOutage.us.
""",
    """
In Mississippi, {out_ms} customers were without power, and {out_al} were without power in Alabama, according to the tracker.
{util} spokesperson {util_sp} said more than {linemen} line workers from at least 30 states were helping to restore service.
"We understand how difficult this is, especially in this heat, and we are working around the clock," {util} spokesperson {util_sp} said.
The utility said several major transmission lines that feed the New Orleans area were damaged, including one tower that fell into the Mississippi River.
Officials warned residents using generators to keep them outdoors and away from windows to avoid carbon monoxide poisoning.
Some customers in the hardest-hit areas, including {town} and {town2}, may not have power restored until the end of the month, {util} said.
The utility said it would prioritize hospitals, water plants and other critical facilities before restoring neighborhoods.
""",
    """
Utility crews work to restore power lines in {town}, Louisiana, on {wd}.
A line worker repairs a utility pole in {big} on {wd}, {mday}.
""",
)

topic(
    "deaths",
    "Death toll",
    12,
    400,
    6,
    """
Death toll from {S} rises to {dead}
Louisiana confirms {dead_la} storm deaths, health department says
Man killed when tree falls on home in {town}
Carbon monoxide poisoning blamed for deaths in {parish} Parish
At least {dead_la} dead in Louisiana. Officials fear the number will grow
""",
    """
{S} has killed {dead} people in Louisiana and Mississippi, according to state officials.
The Louisiana Department of Health confirmed {dead_la} storm-related deaths {wdp}, including several from carbon monoxide poisoning and heat-related illness.
A {res_age}-year-old man died after a tree fell on his home in {town}, the {parish} Parish Sheriff's Office said.
Mississippi officials have confirmed {dead_ms} deaths linked to the storm, the state's emergency management agency said {wd}.
""",
    """
"Every one of these is a family that is grieving tonight," {gov} said.
Officials expect the death toll to rise as search-and-rescue teams reach cut-off communities.
The health department said it was investigating additional deaths to determine whether they were storm-related.
{health}, the state health officer, urged residents to check on elderly neighbors, particularly those without air conditioning.
Two of the deaths were from carbon monoxide poisoning from generators running inside homes, officials said.
The coroner's office in {parish} Parish said autopsies were pending in two cases.
""",
)

topic(
    "rescues",
    "Rescues",
    4,
    120,
    6,
    """
Crews have rescued {rescued} people from floodwaters, governor says
Coast Guard hoists dozens from rooftops
Volunteers in boats join rescue effort in {town}
"We're going house to house"
Rescuers reach {town} by boat
""",
    """
Search-and-rescue teams have pulled {rescued} people from flooded homes and vehicles since {S} made landfall, {gov} said {wd}.
Coast Guard helicopters hoisted dozens of people from rooftops in {parish} Parish {wdp}, according to {cg}, commander of Sector New Orleans.
Volunteers with flat-bottomed boats, many of them part of the so-called Cajun Navy, joined state and local crews searching flooded neighborhoods in {town}.
""",
    """
"We're going house to house, and we're going to keep going until we've checked every single one," {guard_gen} of the Louisiana National Guard said.
The National Guard said {guard} soldiers and airmen were activated to help with rescues, distribute supplies and clear roads.
{resf}, who was rescued from her attic with her dog, said the water rose "faster than anything I've ever seen."
Officials urged people who need rescue to call 911 and to put a sign on their roof if they can.
Some rescues were slowed by downed trees and power lines blocking roads, officials said.
Teams from Texas, Florida and Tennessee joined the search in {parish} Parish on {wd}.
""",
    """
A Coast Guard crew hoists a resident from a flooded neighborhood in {parish} Parish on {wd}.
Volunteers use a boat to rescue residents from floodwaters in {town}, Louisiana, on {wd}.
""",
)

topic(
    "water",
    "Water",
    10,
    400,
    4,
    """
Boil-water advisories issued for {boil} water systems
Boil water
Thousands without running water in {parish} Parish
Is the tap water safe to drink?
""",
    """
At least {boil} water systems in Louisiana are under boil-water advisories after {S}, the state health department said {wd}.
Residents of {parish} Parish have been told to boil water before drinking it until further notice after the storm damaged treatment plants and water lines.
""",
    """
Officials said residents should boil water for at least one minute before drinking it, brushing their teeth or making ice.
Some systems had no water pressure at all, leaving residents unable to flush toilets, according to parish officials.
Bottled water distribution sites opened in {town} and {town2}, and the parish said it would post updated hours on social media.
The health department said it would lift advisories system by system as test results come back clean.
""",
)

topic(
    "heat",
    "Shelters and heat",
    4,
    300,
    5,
    """
Shelters house {shelter} people
Heat index near 105 as residents swelter without power
Cooling centers open in {big}
"We can't stay here," says {res_first}, {res_age}
""",
    """
About {shelter} people were staying in shelters across Louisiana {wdp}, the state's emergency management office said.
With temperatures in the 90s and heat index values above 100 degrees, officials opened cooling centers in {big} and {town} for residents without power.
The National Weather Service issued a heat advisory for much of southeast Louisiana {wd}, warning that heat index values could reach 108 degrees.
""",
    """
"It is hot, there is no power, and for a lot of older folks that is dangerous," New Orleans Mayor {mayor_no} said.
{resf}, {resf_age}, said she had been sleeping in her car with the air conditioning running in short bursts. "It's the only cool place," she said.
The American Red Cross said it had more than 800 volunteers deployed across the region.
Officials asked residents to check on elderly neighbors and to avoid strenuous activity during the hottest part of the day.
""",
)

topic(
    "curfew",
    "Curfews",
    12,
    300,
    4,
    """
Curfew imposed in {town} and {town2}
Curfew lifted
Deputies make looting arrests in {parish} Parish
New Orleans curfew remains in effect tonight
""",
    """
{parish} Parish officials imposed a curfew from 8 p.m. to 6 a.m. until further notice, citing downed power lines, debris and the lack of streetlights.
{sheriff} said deputies had arrested several people on looting charges overnight and warned that anyone caught stealing would be prosecuted.
New Orleans will keep its overnight curfew in place for at least another night, Mayor {mayor_no} said {wd}.
""",
    """
"We are not going to tolerate anyone taking advantage of this situation," {sheriff} said.
Residents who need to be out during curfew hours for work or medical reasons should carry identification, officials said.
The Louisiana attorney general's office said it had received more than 300 price-gouging complaints since the storm.
""",
)

topic(
    "federal",
    "Federal aid",
    20,
    400,
    5,
    """
President {pres} approves major disaster declaration
President {pres} to visit Louisiana {td}
FEMA has approved {aid} in aid, administrator says
How to apply for FEMA assistance
Congress weighs emergency aid package
""",
    """
President {pres} approved a major disaster declaration for Louisiana {wd}, making federal assistance available to individuals in {evac} parishes, among others.
FEMA has approved more than {aid} in assistance for individuals and households affected by {S}, Administrator {fema} said {wd}.
President {pres} will travel to Louisiana on {td} to survey damage and meet with state and local officials, the White House said.
Members of Louisiana's congressional delegation called {wd} for a supplemental disaster aid package, saying the damage would exceed what existing funds can cover.
""",
    """
"The federal government will be here for as long as it takes," FEMA Administrator {fema} said.
Residents can apply for assistance at DisasterAssistance.gov, through the FEMA app or by phone, the agency said.
FEMA said it had {fema_staff} personnel deployed across the region.
"This is not a partisan issue. People have lost everything," {sen} said in a statement.
The president is expected to receive a briefing at the state emergency operations center before touring damaged neighborhoods by helicopter.
Disaster recovery centers opened in {town} and {big}, where residents can speak with FEMA staff in person.
""",
)

topic(
    "roads",
    "Roads and bridges",
    6,
    400,
    4,
    """
Interstate 10 reopens between Baton Rouge and New Orleans
Bridge to Grand Isle closed indefinitely
Levee overtopped in {parish} Parish
Is it safe to drive yet?
Roads reopen, slowly;
""",
    """
The Louisiana Department of Transportation and Development said {wd} that all lanes of Interstate 10 between Baton Rouge and New Orleans had reopened after crews cleared debris.
Water overtopped a levee in {parish} Parish {wdp}, flooding homes in {town}, parish officials said.
The only highway to Grand Isle remains closed after sections of the road were washed out, state officials said.
""",
    """
State inspectors have checked more than 600 bridges so far, the transportation department said.
Officials urged drivers to treat intersections with broken traffic signals as four-way stops.
"Please do not go sightseeing. You are getting in the way of the people who are trying to help," a state police spokesperson said.
The Army Corps of Engineers said the federal levee system around New Orleans performed as designed.
""",
)

topic(
    "fuel",
    "Fuel",
    12,
    300,
    3,
    """
Long lines at gas stations across the region
{gas_pct}% of gas stations in the New Orleans area are out of fuel
Gas lines
""",
    """
About {gas_pct}% of gas stations in the New Orleans metro area were out of fuel {wdp}, according to GasBuddy.
Drivers waited for hours at the few gas stations open in {town} on {wd}, some of them with empty gas cans for generators.
""",
    """
"I've been in line an hour and a half, and I'm not even halfway," {res} said.
Officials said fuel deliveries were being slowed by power outages at terminals and blocked roads.
The governor said the state was working with suppliers to prioritize fuel for hospitals, nursing homes and first responders.
""",
)

topic(
    "river",
    "River flooding",
    20,
    400,
    4,
    """
{river} expected to crest at {crest} feet in {river_town}
Still rising
Flooding threat shifts inland as rivers rise
Residents along the {river} told to prepare for major flooding...
""",
    """
The {river} at {river_town} is forecast to crest at {crest} feet {td}, well above major flood stage, the National Weather Service said.
Even as skies cleared over the coast, rivers north of Lake Pontchartrain kept rising {wd}, fed by the {rain} inches of rain that fell near {rain_town}.
""",
    """
"The water is still coming, and it has nowhere to go," said a spokesperson for the {river_town} emergency management office.
The weather service recorded {rain} inches of rain near {rain_town}, the highest total reported from the storm.
Residents in low-lying areas along the river were urged to move vehicles and valuables to higher ground.
""",
)

topic(
    "returning",
    "Returning home",
    30,
    400,
    6,
    """
"We lost everything": Families return to {town}
Returning home to {town}, days later
In {town}, neighbors help neighbors
The long road back
From {town} to {ms_town}, a coast picks up the pieces
What's left of {town}?
""",
    """
{resf}, {resf_age}, stood in the doorway of the house her grandfather built in {town} and pointed to the waterline, almost at the ceiling.
Days after {S} tore through {town}, residents were hauling soggy drywall, mattresses and family photos to the curb.
In {town}, where most homes are raised on pilings, the storm still found a way in, {resm}, {resm_age}, said as he pulled shingles from his yard.
""",
    """
"We lost everything. But we're alive, and that's what matters," {res}, {res_age}, said.
Church groups from Texas and Alabama set up tents offering hot meals, water and cleaning supplies.
Many residents said they did not have flood insurance, and some said they were still paying off repairs from Hurricane Ida.
"This is home. Where else would we go?" said {res2}, {res2_age}.
A neighbor with a chainsaw worked his way down the block, cutting fallen oaks off cars and porches.
Officials said debris removal contractors would begin pickup in {parish} Parish next week.
""",
    """
{resf} looks at her damaged home in {town}, Louisiana, on {wd}.
Debris lines a street in {town}, Louisiana, on {wd}, {mday}.
""",
)

topic(
    "insurance",
    "Insured losses",
    24,
    400,
    3,
    """
Insured losses could reach ${loss_hi} billion, analysts say
Insurers brace for claims
What {S} could cost
""",
    """
Insured losses from {S} are likely to range between ${loss_lo} billion and ${loss_hi} billion, according to an estimate from Tidewater Risk Analytics.
The Louisiana Department of Insurance said {wd} it had received thousands of calls from homeowners asking how to file claims.
""",
    """
The estimate does not include losses covered by the National Flood Insurance Program or uninsured losses.
Officials urged homeowners to photograph damage before making repairs and to keep receipts for emergency purchases.
Several smaller insurers have left the Louisiana market in recent years, leaving many homeowners with the state-run insurer of last resort.
""",
)

topic(
    "hospitals",
    "Hospitals",
    12,
    400,
    3,
    """
Hospitals running on generators
Patients evacuated from {town} hospital after generator fails
Carbon monoxide warning
""",
    """
Several hospitals in the region were running on backup generators {wd}, and at least one had to move patients after its generator failed, the Louisiana Department of Health said.
{health} warned {wd} that emergency rooms were seeing a rise in carbon monoxide poisoning cases from generators used indoors or too close to windows.
""",
    """
"Never run a generator inside your home or garage, even with the doors open," state health officer {health} said.
The health department said dialysis patients should contact their providers, as some clinics remained closed.
Ambulances transferred patients to hospitals in {big} and farther north, officials said.
""",
)

topic(
    "analysis",
    "Analysis",
    -40,
    120,
    2,
    """
Why {S} strengthened so fast
Analysis: A warmer Gulf is making storms like {S} more common
The science behind rapid intensification
""",
    """
{S} went from a tropical storm to a major hurricane in about a day, a pace that scientists say is becoming more common as ocean temperatures rise.
Water temperatures in parts of the Gulf were running near 88 degrees as {S} approached, well above what is needed to fuel a hurricane.
""",
    """
Rapid intensification is defined as an increase in maximum sustained winds of at least 35 mph in 24 hours.
Several recent studies have found that the share of Atlantic hurricanes that rapidly intensify has increased over the past four decades.
Forecasters have improved track forecasts considerably, but predicting sudden changes in intensity remains one of the hardest problems in meteorology.
"The Gulf was like jet fuel for this storm," CNN meteorologist {met} said.
""",
    byline="analysis",
)

topic(
    "help",
    "How to help",
    24,
    400,
    2,
    """
How you can help victims of {S}
Saints, Pelicans pledge $2 million to relief
Food banks overwhelmed,
""",
    """
Relief organizations are collecting donations for people affected by {S} across Louisiana and Mississippi.
A regional food bank said it had distributed more than 400,000 meals since the storm and needed volunteers to sort donations.
""",
    """
Experts recommend giving cash rather than goods, which can be difficult for organizations to store and distribute.
The New Orleans Saints and Pelicans said their owner would donate $2 million to recovery efforts.
Officials warned people to watch out for fraudulent charities, especially those that ask for payment by gift card or wire transfer.
""",
)

topic(
    "mississippi",
    "Mississippi",
    -6,
    48,
    4,
    """
Storm surge floods beachfront in {ms_town}
Mississippi governor: "We took a punch"
Highway 90 closed along the Mississippi coast
""",
    """
Storm surge pushed water across Highway 90 in {ms_town} and {ms_town2}, flooding businesses along the beachfront, Mississippi officials said.
{gov_ms}, the governor of Mississippi, said {wd} that {county} County had taken the brunt of the storm in the state.
""",
    """
"We took a punch, but we are standing," Mississippi Gov. {gov_ms} said.
There were {out_ms} customers without power in Mississippi as of {clock}, according to PowerOutage.us.
{mayor_gp}, the mayor of Gulfport, said the city's harbor suffered significant damage.
Casinos along the coast closed ahead of the storm and said they would reopen once power and water are restored.
""",
)

topic(
    "alabama",
    "Alabama",
    -6,
    36,
    2,
    """
Heavy rain and tornado warnings in Alabama
Dauphin Island cut off by flooding
""",
    """
Tornado warnings were issued for parts of Mobile and Baldwin counties {wdp} as {S}'s outer bands moved through, the National Weather Service said.
Flooding cut off the causeway to Dauphin Island {wd}, and officials told residents to stay put.
""",
    """
Alabama Gov. {gov_al} urged residents to stay off the roads.
{out_al} customers were without power in Alabama, according to PowerOutage.us.
""",
)

topic(
    "schools",
    "Schools",
    24,
    400,
    3,
    """
Schools closed through next week in {parish} Parish
When will kids go back to school?
Universities delay start of classes
""",
    """
Public schools in {parish} and {parish2} parishes will remain closed through at least next week because of damage and power outages, district officials said.
Several school districts said buildings suffered roof and water damage and would need repairs before students can return.
""",
    """
District officials said they would use school buses to distribute water and meals in the meantime.
"Our first priority is the safety of our students and staff," the {parish} Parish superintendent said.
""",
)

topic(
    "ms_recovery",
    "Mississippi",
    30,
    400,
    3,
    """
Mississippi coast begins long cleanup
Gulfport harbor reopens to boats
Mississippi asks for more federal help
""",
    """
Mississippi Gov. {gov_ms} said {wd} the state had asked for federal individual assistance for {county} County and two neighboring counties.
Crews in {ms_town} began clearing sand and debris from Highway 90 {wd}, and officials said the beachfront road could partly reopen by the weekend.
The number of Mississippi customers without power fell to {out_ms} {wdp}, according to PowerOutage.us.
""",
    """
"We're going to come back from this, like we always have," Mississippi Gov. {gov_ms} said.
{mayor_gp}, the mayor of Gulfport, said the city's harbor suffered significant damage.
Casinos along the coast said they expected to reopen once power and water are fully restored.
Volunteers from churches in {ms_town2} handed out water, ice and hot meals from a grocery store parking lot.
""",
)

topic(
    "debris",
    "Debris",
    40,
    400,
    4,
    """
Mountains of debris line streets in {town}
Debris pickup begins in {parish} Parish
When will the trash be picked up?
""",
    """
Contractors began collecting storm debris in {parish} Parish {wd}, starting with the hardest-hit neighborhoods in {town} and {town2}, parish officials said.
Piles of ruined furniture, drywall and carpet stretched for blocks in {town} {wdp}, as residents gutted flooded homes.
Officials in {parish} Parish asked residents to separate vegetative debris, construction debris and appliances into different piles at the curb.
""",
    """
Officials estimate the storm left behind millions of cubic yards of debris across south Louisiana.
"It's going to take months, not weeks," a {parish} Parish spokesperson said.
Residents were warned not to place debris on top of storm drains or fire hydrants.
Regular garbage collection remains suspended in parts of the parish, officials said.
""",
    """
Debris is piled in front of homes in {town}, Louisiana, on {wd}.
""",
)

topic(
    "roofs",
    "Blue roofs",
    36,
    400,
    2,
    """
Blue tarps cover roofs across {parish} Parish
Army Corps program offers free temporary roofs
""",
    """
The Army Corps of Engineers has installed temporary blue roofs on more than 3,000 homes since {S}, the agency said {wd}.
Residents of {parish} Parish with roof damage can sign up for free temporary roofs through the Operation Blue Roof program, officials said.
""",
    """
The program covers primary residences and permanently occupied rental properties, according to the Corps.
Officials urged homeowners not to climb onto damaged roofs themselves.
"A tarp now can save a house later," a Corps spokesperson said.
""",
)

topic(
    "business",
    "Business",
    48,
    400,
    3,
    """
Businesses reopen in {big} as power returns
Port of New Orleans resumes operations
Refineries along the Mississippi River restart
French Quarter restaurants open their doors again
""",
    """
Restaurants and shops in {big} began reopening {wd} as power returned to more neighborhoods, though many owners said they had lost thousands of dollars in spoiled food.
The Port of New Orleans said {wd} it had resumed limited vessel operations after the Coast Guard reopened the lower Mississippi River to ship traffic.
Refiners along the Mississippi River between Baton Rouge and New Orleans have begun restarting units shut down ahead of {S}, according to company statements.
""",
    """
"We just want to get people back to work," said a manager at a hardware store in {town}.
Business owners can apply for low-interest disaster loans from the Small Business Administration, officials said.
Some workers said they could not return to their jobs because their homes were uninhabitable.
""",
)

topic(
    "housing",
    "Housing",
    60,
    400,
    3,
    """
Thousands still displaced weeks after {S}
FEMA hotel program extended
Where will people live?
""",
    """
Thousands of people whose homes were damaged by {S} remain in hotels, shelters or with relatives, and officials said finding temporary housing is becoming a major challenge.
FEMA said {wd} it had extended its transitional sheltering program, which pays for hotel rooms for eligible survivors, for another two weeks.
""",
    """
"People need a roof over their heads while they rebuild," FEMA Administrator {fema} said.
Rental prices in {big} have jumped since the storm, according to local housing advocates.
About {shelter} people were still staying in shelters across Louisiana, the state's emergency management office said.
""",
)

topic(
    "scams",
    "Scams",
    48,
    400,
    2,
    """
Beware of contractor scams, attorney general warns
Officials warn of fake FEMA inspectors
""",
    """
The Louisiana attorney general's office warned residents {wd} about unlicensed contractors demanding payment up front for repairs.
Officials said people posing as FEMA inspectors had approached residents in {town}, asking for bank information.
""",
    """
FEMA inspectors carry photo identification and never ask for money, the agency said.
Residents should check that contractors are licensed and should never pay in full before work begins, officials said.
The attorney general's office said it had received more than 300 price-gouging complaints since the storm.
""",
)

topic(
    "agriculture",
    "Agriculture",
    72,
    400,
    2,
    """
Sugar cane farmers assess the damage
Storm battered oyster beds and shrimp boats
""",
    """
Sugar cane fields across south Louisiana were flattened by {S}'s winds, and growers said it was too early to know how much of the crop could be saved.
Commercial fishermen in {town} said the storm sank or damaged dozens of boats and buried oyster beds under sediment.
""",
    """
The harvest was due to begin in a few weeks, according to the state's agriculture department.
"We've been through storms before, but this one hit us at the worst possible time," a grower in {parish} Parish said.
State officials said they would seek a federal fishery disaster declaration.
""",
)

topic("brief", "Officials", -60, 400, 5, "", "", "")
# Briefs: one-paragraph posts whose headline and paragraph go together.
BRIEFS = [
    (
        -60,
        -3,
        "Next advisory expected this afternoon",
        "The National Hurricane Center's next full advisory on {HS} is expected at {clock_next}.",
    ),
    (
        -60,
        -3,
        "{S} grows stronger",
        "{HS_cap} has strengthened, with maximum sustained winds of {wind} mph, the National Hurricane Center said this morning.",
    ),
    (
        -40,
        30,
        "Officials to give update at {clock_next}",
        "{gov} is expected to give an update on the state's response at {clock_next}. We'll bring you the latest.",
    ),
    (
        -12,
        30,
        "Tornado warning for {town}",
        "The National Weather Service issued a tornado warning for parts of {parish} Parish, including {town}, until {clock_next}.",
    ),
    (
        6,
        60,
        "{S} weakens to a {cat}",
        "{HS_cap} has weakened over land, with maximum sustained winds of {wind} mph, the National Hurricane Center said.",
    ),
    (
        24,
        400,
        "Update on the {river}",
        "The {river} at {river_town} is now forecast to crest at {crest} feet, the National Weather Service said.",
    ),
    (
        -30,
        120,
        "Stay home tonight",
        "Officials in {parish} Parish asked residents to stay home tonight so crews can clear roads and restore power.",
    ),
    (
        12,
        400,
        "Boil-water advisory lifted in {town}",
        "The boil-water advisory for {town} has been lifted after tests showed the water was safe to drink, {parish} Parish officials said.",
    ),
    (
        30,
        400,
        "FEMA opens recovery center in {big}",
        "FEMA opened a disaster recovery center in {big} on {wd}, where residents can get help applying for assistance.",
    ),
    (
        30,
        400,
        "Power back at {town} hospital",
        "{util} said it had restored power to the main hospital in {town} this afternoon.",
    ),
]
# Very short headlines, by topic.
SHORTS = {
    "outages": ["Lights out", "Still dark", "Power"],
    "landfall": ["Landfall", "Eye passes"],
    "curfew": ["Curfew lifted"],
    "river": ["Rising water", "Still rising"],
    "heat": ["Heat", "Sweltering"],
    "fuel": ["Gridlock", "Gas lines"],
    "returning": ["Cleanup begins", "Home", "What now?"],
    "damage": ["Devastation.", "Daylight"],
    "evacuations": ["Get out!", "Leaving"],
    "preparations": ["Ready or not", "Waiting"],
    "water": ["Boil water"],
    "rescues": ["Rescued", "Found alive"],
    "help": ["Relief"],
    "federal": ["Help coming?"],
}

topic(
    "gallery",
    "Photos",
    -20,
    400,
    2,
    """
In pictures: {S}'s aftermath
Photos: {S} batters the Gulf Coast
""",
    """
Photographers across the region documented the storm and its aftermath. Here are some of the images.
""",
    "",
    """
A man walks through floodwaters in {town}, Louisiana, on {wd}.
A damaged marina in {town2}, Louisiana, on {wd}, {mday}.
Residents wait in line for water and ice in {big} on {wd}.
A collapsed gas station canopy in {town3}, Louisiana, on {wd}.
""",
)

TOPIC_BY_NAME = {tp["name"]: tp for tp in TOPICS}

# Background paragraphs and official statements, worded once per story and
# reused verbatim in many posts over the days (phase: hours after landfall).
BACKGROUND = [
    (
        -99,
        0,
        "{S} formed in the western Caribbean over the weekend and has strengthened steadily as it moved over the warm waters of the Gulf.",
    ),
    (
        -99,
        9999,
        "Louisiana has been hit by several major hurricanes in recent years, including Laura in 2020 and Ida in 2021.",
    ),
    (
        1,
        9999,
        "{S} made landfall near {lf_site}, Louisiana, on {lf_wd} as a {lf_cat} hurricane with maximum sustained winds of {lf_wind} mph, according to the National Hurricane Center.",
    ),
    (
        1,
        9999,
        "The storm came ashore along a stretch of coast still recovering from Hurricane Ida, which struck in 2021.",
    ),
    (
        14,
        9999,
        "At its peak, {S} knocked out power to more than {peak_la} customers in Louisiana alone, according to PowerOutage.us.",
    ),
    (
        2,
        9999,
        "{S} made landfall on {lf_date}, pushing a storm surge of up to {surge} feet into some coastal communities.",
    ),
]
STATEMENTS = [
    (
        -60,
        0,
        '"This is a serious storm, and people need to treat it that way. Finish your preparations tonight," {gov} said.',
    ),
    (
        4,
        9999,
        '"We are not out of the woods yet. The water is still rising in some places, and the heat is going to be a real threat," {gov} said.',
    ),
    (
        10,
        9999,
        '"Please do not return until officials tell you it is safe. Roads are blocked, there is no power and there is no water," {gov} said in a statement.',
    ),
    (
        8,
        9999,
        '"We ask for patience. This is going to be a marathon, not a sprint," {util_sp} of {util} said.',
    ),
    (
        20,
        9999,
        '"The federal government is all in," FEMA Administrator {fema} said. "We will be here long after the cameras leave."',
    ),
]

LONG_CLAUSES_PRE = [
    "as officials warn the storm could strengthen right up to landfall",
    "while residents race to finish preparations before the wind arrives",
    "as forecasters warn of life-threatening storm surge along the coast",
]
LONG_CLAUSES_POST = [
    "as officials warn the worst flooding may still be days away",
    "while crews race to restore power before temperatures climb again",
    "and residents who stayed behind describe a terrifying night",
    "as search teams work through neighborhoods that are still underwater",
    "with thousands still waiting for water, fuel and ice",
]
UPDATE_ADDS = [
    "This post has been updated with the latest figures from state officials.",
    "{gov} said at a {clock_r} news conference that the state had requested additional federal help.",
    "Officials said more details would be released at a briefing later {wd}.",
    "CNN has reached out to {util} for comment.",
    "The {parish} Parish sheriff's office said crews were still working to reach some areas by boat.",
    "CNN's {reporter} contributed reporting.",
    "State officials said they expected to release updated numbers {td} morning.",
    "It is not yet clear how many homes were damaged, officials said.",
]
SUMMARY_HEADS = [
    ("What we know so far", 6),
    ("The latest on {HS}", 3),
    ("Here's what you need to know", 3),
    ("What we know so far about {S}", 2),
    ("It's {hour_s} in New Orleans. Here's what you need to know", 2),
    ("Catching up? Here's the latest on {S}", 2),
    ("Here's the latest", 1),
]
SUMMARY_INTROS = [
    "If you're just joining us, here's where things stand with {HS}.",
    "Here's the latest as officials across the Gulf Coast respond to {S}.",
    "Officials across Louisiana and Mississippi are assessing the toll of {S}.",
    "It's been a long day across the Gulf Coast. Here's where things stand.",
]
SUMMARY_LEADINS = [
    "Here are the latest developments:",
    "Here's what you need to know:",
    "Here are the key headlines:",
    "Catch up on the latest:",
]
MOVED_HEADS = ["Our live coverage has moved", "We've moved", "This live page has ended"]
MOVED_BODY = [
    "Follow the latest updates on {S} here.",
    "Our live coverage of {HS} has moved here. Read the latest updates.",
    "The live coverage has moved. Go here for the latest on {S}'s aftermath.",
]
ROUNDUP_HEADS = [
    "{S}'s impact, state by state",
    "Where things stand in Louisiana, Mississippi and Alabama",
    "A state-by-state look at the damage from {S}",
]
SUBHEADS = ("Louisiana", "Mississippi", "Alabama")
DIVE_DEEPER = [
    "What is rapid intensification, and why is it so dangerous?",
    "How to stay safe when using a generator after a storm",
    "Photos: {S} slams the Gulf Coast",
    "Louisiana's insurance crisis, explained",
    "The levees held. Here's why that matters",
    "Tracking {S}: Maps and satellite images",
    "How to help people affected by {S}",
]
TYPO_WORDS = {
    "Louisiana": "Lousiana",
    "Terrebonne": "Terrebone",
    "Mississippi": "Missisippi",
    "received": "recieved",
    "residents": "resdients",
    "according": "accoridng",
    "hurricane": "hurriance",
    "Plaquemines": "Plaquemine",
    "evacuate": "evacuat",
    "officials": "officals",
    "temperatures": "temperatues",
    "neighborhoods": "neighborhods",
}
RETENSE = [
    (r"\bsays\b", "said"),
    (r"\bsay\b", "said"),
    (r"\btonight\b", "{wd} night"),
    (r"\bthis morning\b", "{wd} morning"),
    (r"\bthis afternoon\b", "{wd} afternoon"),
    (r"\bright now\b", "on {wd}"),
    (r"\bin the past few hours\b", "on {wd}"),
    (r"\b((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day) (?:morning|afternoon|evening)\b", r"\1"),
    (r"\blate ((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b", r"\1 night"),
]


# ---------------------------------------------------------------- posts


class State:
    """One page's copy of a post: what that page would render."""

    __slots__ = ("byline", "captions", "headline", "paras", "slots", "time", "typos")

    def __init__(self, headline, byline, captions, paras, time, slots, typos):
        self.headline = headline
        self.byline = byline
        self.captions = captions
        self.paras = paras
        self.time = time
        self.slots = slots
        self.typos = typos

    def copy(self):
        return State(
            self.headline,
            self.byline,
            [list(c) for c in self.captions],
            list(self.paras),
            self.time,
            [list(s) for s in self.slots],
            [list(x) for x in self.typos],
        )

    def text(self):
        return (self.headline, tuple(c[0] for c in self.captions), tuple(self.paras))


class Post:
    def __init__(self, pid, kind, topic, label, alt_heads, created):
        self.id = pid
        self.kind = kind
        self.topic = topic
        self.label = label
        self.alt_heads = alt_heads
        self.created = created
        self.pages = []  # pages holding a copy, oldest first


def pick_weighted(rng, items):
    total = sum(w for _, w in items)
    r = rng.random() * total
    for it, w in items:
        r -= w
        if r < 0:
            return it
    return items[-1][0]


def record_slots(templates, c, text_all):
    slots = []
    for tmpl in templates:
        for k in template_keys(tmpl):
            if k in STAT_KEYS and c[k] in text_all and [k, c[k]] not in slots:
                slots.append([k, c[k]])
    return slots


def raw_typography(rng, s, p_curly=0.15, p_nbsp=0.10, p_trail=0.06):
    """CMS copy is a mix: some paragraphs pasted with curly quotes, stray NBSPs."""
    if rng.random() < p_curly:
        s = curlify(s)
    if rng.random() < p_nbsp:
        sp = [i for i, ch in enumerate(s) if ch == " "]
        if sp:
            k = rng.choice(sp)
            s = s[:k] + NBSP + s[k + 1 :]
    if rng.random() < p_trail:
        s = s + NBSP
    return s


def make_byline(rng, tp, c):
    if tp is not None and tp.get("byline") == "analysis":
        return "Analysis by CNN's " + rng.choice(REPORTERS)
    r = rng.random()
    if r < 0.20:
        return ""
    if r < 0.27:
        return "From CNN staff"
    names = rng.sample(REPORTERS, rng.choice([1, 1, 2, 2, 2, 3]))
    b = "From CNN's " + join_names(names)
    if rng.random() < 0.15:
        b += " in {}, Louisiana".format(c["town"])
    if rng.random() < 0.12:
        b = b.replace("CNN's", "CNN\u2019s")
    return b


def make_caption(rng, text):
    return [text, f"{rng.choice(PHOTOGRAPHERS)}/{rng.choice(AGENCIES)}"]


def quote_headline(rng, paras):
    for p in paras:
        m = re.search(r'"([A-Z][^"]{10,80}?)[,.!?]?"', p)
        if m and rng.random() < 0.8:
            inner = m.group(1).rstrip(",. ")
            return f'"{inner}"' if rng.random() < 0.6 else f'"{inner}..."'
    return None


def style_headline(rng, h, c, paras, tname=None):
    r = rng.random()
    ends_punct = h[-1] in "?!.:;,\"'\u2026"
    if r < 0.05 and tname in SHORTS:
        return fill(rng.choice(SHORTS[tname]), c)
    if r < 0.10:
        q = quote_headline(rng, paras)
        if q:
            return q
    if ends_punct:
        return h
    if r < 0.125:
        return h + ":"
    if r < 0.145:
        return h + ","
    if r < 0.16:
        return h + ";"
    if r < 0.185:
        return h + rng.choice(["\u2026", "..."])
    if r < 0.21:
        return h + "."
    if r < 0.27:
        return h + ", " + rng.choice(LONG_CLAUSES_PRE if c["h"] < 0 else LONG_CLAUSES_POST)
    return h


def topics_for(h):
    return [(tp, tp["w"]) for tp in TOPICS if tp["lo"] <= h <= tp["hi"]]


def phase_pool(pool, h, c):
    return [fill(s, c) for lo, hi, s in pool if lo <= h <= hi]


def introduce_typo(rng, st):
    """Put a typo in a paragraph (or rarely the headline); remember the fix."""
    if rng.random() < 0.12:
        where = -1
        s = st.headline
    else:
        where = rng.randrange(len(st.paras))
        s = st.paras[where]
    words = [m for m in re.finditer(r"[A-Za-z]{5,}", s)]
    if not words:
        return
    m = rng.choice(words)
    w = m.group(0)
    if w in TYPO_WORDS:
        bad = TYPO_WORDS[w]
    elif rng.random() < 0.2:
        bad = w + " " + w if w.islower() else w[:-1]
    else:
        i = rng.randrange(1, len(w) - 2)
        bad = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
    if bad == w:
        return
    a, b = max(0, m.start() - 12), min(len(s), m.end() + 12)
    right = s[a:b]
    wrong = s[a : m.start()] + bad + s[m.end() : b]
    new = s[:a] + wrong + s[b:]
    if where < 0:
        st.headline = new
    else:
        st.paras[where] = new
    st.typos.append([wrong, right])


def body_length(rng):
    r = rng.random()
    if r < 0.16:
        return 0  # one-paragraph post
    if r < 0.62:
        return rng.randint(1, 3)
    if r < 0.94:
        return rng.randint(4, 6)
    return rng.randint(7, 10)  # long post


def make_regular(world, rng, t, tp=None):
    """A new post: (topic, alternative headlines, State)."""
    h = world.hours(t)
    c = world.ctx(t, rng)
    tp = tp or pick_weighted(rng, topics_for(h))
    if tp["name"] == "brief":
        pairs = [(hd, ld) for lo, hi, hd, ld in BRIEFS if lo <= h <= hi]
        hd, ld = rng.choice(pairs)
        paras = [raw_typography(rng, fill(ld, c))]
        st = State(
            fill(hd, c),
            make_byline(rng, tp, c),
            [],
            paras,
            t,
            record_slots([hd, ld], c, "\n".join([fill(hd, c), *paras])),
            [],
        )
        return tp, [], st
    heads = rng.sample(tp["heads"], min(3, len(tp["heads"])))
    lead_t = rng.choice(tp["leads"])
    used = [heads[0], lead_t]
    paras = [fill(lead_t, c)]
    n = 0 if tp["name"] in ("brief", "gallery") else body_length(rng)
    if tp["name"] == "brief" and rng.random() < 0.25:
        n = 1
    more = list(tp["more"])
    rng.shuffle(more)
    chosen = more[:n]
    used += chosen
    body = [fill(x, c) for x in chosen]
    if n >= 2 and rng.random() < 0.35:
        bg = phase_pool(BACKGROUND, h, c)
        if bg:
            body.insert(rng.randint(0, len(body)), rng.choice(bg))
    if n >= 1 and rng.random() < 0.22:
        st_pool = phase_pool(STATEMENTS, h, c)
        if st_pool:
            body.insert(rng.randint(0, len(body)), rng.choice(st_pool))
    paras += body
    if n >= 1 and rng.random() < 0.07:
        paras.append("Read more here.")
    elif n >= 2 and rng.random() < 0.03:
        paras.append("Read more: " + fill(rng.choice(DIVE_DEEPER), c))
    captions = []
    if tp["name"] == "gallery":
        for cap in rng.sample(tp["photo"], rng.randint(2, 3)):
            captions.append(make_caption(rng, fill(cap, c)))
    elif tp["photo"] and rng.random() < 0.4:
        captions.append(make_caption(rng, fill(rng.choice(tp["photo"]), c)))
    headline = style_headline(rng, fill(heads[0], c), c, paras, tp["name"])
    alts = [fill(x, c) for x in heads[1:]]
    if rng.random() < 0.08:
        headline = raw_typography(rng, headline, 0, 1.0, 0)
    paras = [raw_typography(rng, p) for p in paras]
    st = State(
        headline,
        make_byline(rng, tp, c),
        captions,
        paras,
        t,
        record_slots(used, c, "\n".join([headline, *paras])),
        [],
    )
    if rng.random() < 0.12:
        introduce_typo(rng, st)
    return tp, alts, st


def make_roundup(world, rng, t):
    c = world.ctx(t, rng)
    head = fill(rng.choice(ROUNDUP_HEADS), c)
    used = []
    paras = [fill("Here's a look at how {S} has affected each state, according to officials.", c)]
    for sub, names in (
        ("Louisiana", ("outages", "deaths", "rescues", "water")),
        ("Mississippi", ("mississippi", "ms_recovery")),
        ("Alabama", ("alabama",)),
    ):
        paras.append(sub)
        k = 3 if sub == "Louisiana" else 2
        for name in names:
            tp = TOPIC_BY_NAME[name]
            if not (tp["lo"] <= world.hours(t) <= tp["hi"]):
                continue
            pool = tp["leads"]
            for tm in rng.sample(pool, min(len(pool), 1 if len(names) > 1 else k)):
                used.append(tm)
                paras.append(fill(tm, c))
        if paras[-1] == sub:
            paras.pop()
    paras = [raw_typography(rng, p) if p not in SUBHEADS else p for p in paras]
    st = State(
        head, make_byline(rng, None, c), [], paras, t, record_slots(used, c, "\n".join(paras)), []
    )
    return [], st


def make_moved(world, rng, t):
    c = world.ctx(t, rng)
    return State(rng.choice(MOVED_HEADS), "", [], [fill(rng.choice(MOVED_BODY), c)], t, [], [])


def lead_sentence(st):
    for p in st.paras:
        if p in SUBHEADS or p.startswith(BULLET):
            continue
        ss = sentences(p)
        if ss:
            return ss[0]
    return None


def make_summary(world, rng, t, sources):
    c = world.ctx(t, rng)
    c["hour_s"] = clock_local(t.replace(minute=0), "CT")[:-3]
    head = fill(pick_weighted(rng, SUMMARY_HEADS), c)
    paras = []
    if rng.random() < 0.7:
        paras.append(fill(rng.choice(SUMMARY_INTROS), c))
    paras.append(rng.choice(SUMMARY_LEADINS))
    slots = []
    for post, st in sources:
        sent = lead_sentence(st)
        if not sent:
            continue
        paras.append(BULLET + post.label + ": " + sent)
        for k, v in st.slots:
            if v in sent and [k, v] not in slots:
                slots.append([k, v])
    if rng.random() < 0.25:
        paras.append("Read more here.")
    by = "From CNN staff" if rng.random() < 0.5 else "From CNN's " + rng.choice(REPORTERS)
    return State(head, by, [], paras, t, slots, [])


def bump_value(rng, key, v):
    """A correction of a figure that official updates did not change."""
    m = re.search(r"\d[\d,]*(\.\d)?", v)
    if not m:
        words = SMALL_NUMS
        for i, w in enumerate(words):
            if v.endswith(w):
                return v[: -len(w)] + count_words(i + rng.choice([1, 1, 2]))
        return None
    num = m.group(0)
    if "." in num:
        new = "%.1f" % (float(num) + rng.choice([-0.4, -0.2, 0.3, 0.5]))
    else:
        n = int(num.replace(",", ""))
        if n < 10:
            n2 = n + rng.choice([1, 2])
        else:
            n2 = (
                int(n * rng.choice([0.9, 0.95, 1.04, 1.1]))
                if n > 50
                else n + rng.choice([1, 2, 3, -1])
            )
        if n >= 1000:
            n2 = int(round(n2, -2))
        new = commas(n2) if "," in num or n2 >= 1000 else str(n2)
    if new == num:
        return None
    return v[: m.start()] + new + v[m.end() :]


def replace_figure(s, old, new):
    return re.sub(r"(?<![\d,.$])" + re.escape(old) + r"(?![\d]|,\d)", new, s)


# ---- edit operations on a State; each returns True when it changed something


def op_typo_fix(sim, e, t):
    st = e.state
    while st.typos:
        wrong, right = st.typos.pop(0)
        if wrong in st.headline:
            st.headline = st.headline.replace(wrong, right, 1)
            return True
        for i, p in enumerate(st.paras):
            if wrong in p:
                st.paras[i] = p.replace(wrong, right, 1)
                return True
    return False


def trailing_readmore(st):
    k = len(st.paras)
    while k > 1 and st.paras[k - 1].startswith("Read more"):
        k -= 1
    return k


def op_add(sim, e, t):
    st, rng, world = e.state, sim.rng, sim.world
    c = world.ctx(t, rng)
    tp = e.post.topic
    cand = []
    if tp is not None:
        have = set(norm(p) for p in st.paras)
        cand = [m for m in tp["more"] if norm(fill(m, c)) not in have]
    tm = rng.choice(cand) if cand and rng.random() < 0.6 else rng.choice(UPDATE_ADDS)
    new = raw_typography(rng, fill(tm, c), 0.1, 0.05, 0)
    if norm(new) in set(norm(p) for p in st.paras):
        return False
    k = trailing_readmore(st)
    pos = k if rng.random() < 0.7 or k < 2 else 1
    st.paras.insert(pos, new)
    for k2 in template_keys(tm):
        if k2 in STAT_KEYS and c[k2] in new and [k2, c[k2]] not in st.slots:
            st.slots.append([k2, c[k2]])
    return True


def op_cut(sim, e, t):
    st, rng = e.state, sim.rng
    cand = [
        i
        for i, p in enumerate(st.paras)
        if i > 0
        and p not in SUBHEADS
        and not p.startswith("Read more")
        and not (p.startswith(BULLET) and sum(x.startswith(BULLET) for x in st.paras) <= 3)
    ]
    if cand and (rng.random() < 0.75 or len(st.paras) > 3):
        del st.paras[rng.choice(cand)]
        return True
    for i, p in enumerate(st.paras):
        ss = sentences(p)
        if len(ss) >= 2 and p not in SUBHEADS:
            st.paras[i] = " ".join(ss[:-1])
            return st.paras[i] != p
    return False


def op_number(sim, e, t):
    st, rng = e.state, sim.rng
    if not st.slots:
        return False
    slot = rng.choice(st.slots)
    key, old = slot
    c = sim.world.ctx(t, rng)
    new = c.get(key, old)
    if new == old or rng.random() < 0.25:
        new = bump_value(rng, key, old)
    if not new or new == old:
        return False
    before = (st.headline, list(st.paras))
    st.headline = replace_figure(st.headline, old, new)
    st.paras = [replace_figure(p, old, new) for p in st.paras]
    if (st.headline, st.paras) == before:
        st.slots.remove(slot)
        return False
    slot[1] = new
    return True


def op_headline(sim, e, t):
    st, rng = e.state, sim.rng
    old = st.headline
    alts = [a for a in e.post.alt_heads if a != old]
    r = rng.random()
    if alts and r < 0.55:
        st.headline = rng.choice(alts)
    elif r < 0.8 and old[-1] not in '?!.:;,"\u2026':
        if sim.world.hours(t) < 0:
            quals = [", officials say", ", forecasters say", " as the coast braces"]
        else:
            quals = [", officials say", " as crews assess damage", " amid widespread outages"]
        st.headline = old + rng.choice(quals)
    elif old[-1] in ":;,." and len(old) > 12:
        st.headline = old[:-1]
    else:
        c = sim.world.ctx(t, rng)
        st.headline = style_headline(
            rng,
            fill(rng.choice(e.post.topic["heads"]), c)
            if e.post.topic and e.post.topic["heads"]
            else old,
            c,
            st.paras,
            e.post.topic["name"] if e.post.topic else None,
        )
    return st.headline != old


def op_byline(sim, e, t):
    st, rng = e.state, sim.rng
    old = st.byline
    if not old or old == "From CNN staff":
        st.byline = "From CNN's " + join_names(rng.sample(REPORTERS, rng.choice([1, 2, 2])))
    elif old.startswith("From CNN") and " in " not in old and old.count(",") < 2:
        name = rng.choice([r for r in REPORTERS if r not in old])
        head, _, rest = old.partition("'s ")
        if not rest:
            head, _, rest = old.partition("\u2019s ")
            sep = "\u2019s "
        else:
            sep = "'s "
        names = re.split(r", | and ", rest)
        st.byline = head + sep + join_names([*names, name])
    else:
        return False
    return st.byline != old


def op_retime(sim, e, t):
    st, rng = e.state, sim.rng
    new = t - dt.timedelta(minutes=rng.randint(0, 4))
    if new <= st.time + dt.timedelta(minutes=20):
        return False
    st.time = new
    if rng.random() < 0.6:
        op_add(sim, e, t)
    return True


def op_typographic(sim, e, t):
    st, rng = e.state, sim.rng
    idx = list(range(len(st.paras)))
    rng.shuffle(idx)
    for i in idx:
        p = st.paras[i]
        if '"' in p and rng.random() < 0.6:
            st.paras[i] = curlify(p)
        elif " - " in p:
            st.paras[i] = p.replace(" - ", " \u2014 ", 1)
        elif NBSP in p.strip(NBSP + " "):
            core = p.rstrip(NBSP)
            st.paras[i] = core.replace(NBSP, " ", 1) + p[len(core) :]
        elif "'" in p:
            st.paras[i] = p.replace("'", "\u2019", 1)
        elif p.count(" ") > 3:
            sp = [j for j, ch in enumerate(p) if ch == " "][1:-1]
            j = rng.choice(sp)
            st.paras[i] = p[:j] + NBSP + p[j + 1 :]
        if st.paras[i] != p:
            return True
    if "'" in st.headline:
        st.headline = st.headline.replace("'", "\u2019", 1)
        return True
    return False


def op_caption(sim, e, t):
    st, rng = e.state, sim.rng
    if st.captions:
        return False
    c = sim.world.ctx(t, rng)
    tp = e.post.topic
    pool = (
        tp["photo"]
        if tp and tp["photo"]
        else [
            "A view of {town}, Louisiana, on {wd}, {mday}.",
            "Residents survey the damage in {town}, Louisiana, on {wd}.",
        ]
    )
    st.captions.append(make_caption(rng, fill(rng.choice(pool), c)))
    return True


def op_lead(sim, e, t):
    st, rng = e.state, sim.rng
    tp = e.post.topic
    if not tp or not st.paras or not tp["leads"]:
        return False
    c = sim.world.ctx(t, rng)
    tm = rng.choice(tp["leads"])
    new = fill(tm, c)
    if norm(new) == norm(st.paras[0]):
        return False
    st.paras[0] = new
    for k in template_keys(tm):
        if k in STAT_KEYS and c[k] in new and [k, c[k]] not in st.slots:
            st.slots.append([k, c[k]])
    return True


def op_bullet(sim, e, t):
    """A summary gains a bullet quoting a newer post on the page."""
    st = e.state
    quoted = "\n".join(st.paras)
    for other in e.page.ordered():
        if (
            other.post.kind != "regular"
            or other.post.topic is None
            or other.post.created <= e.post.created
        ):
            continue
        sent = lead_sentence(other.state)
        if sent and sent not in quoted:
            k = trailing_readmore(st)
            first_b = next((i for i, p in enumerate(st.paras) if p.startswith(BULLET)), k)
            st.paras.insert(first_b, BULLET + other.post.label + ": " + sent)
            return True
    return False


REGULAR_OPS = [
    ("typo_fix", 10),
    ("add", 14),
    ("cut", 6),
    ("number", 15),
    ("headline", 9),
    ("byline", 7),
    ("retime", 6),
    ("typographic", 5),
    ("caption", 3),
    ("lead", 5),
    ("revert", 4),
]
SUMMARY_OPS = [
    ("bullet", 10),
    ("number", 5),
    ("headline", 2),
    ("typographic", 2),
    ("cut", 2),
    ("revert", 1),
]
OP_FUNCS = {
    "typo_fix": op_typo_fix,
    "add": op_add,
    "cut": op_cut,
    "number": op_number,
    "headline": op_headline,
    "byline": op_byline,
    "retime": op_retime,
    "typographic": op_typographic,
    "caption": op_caption,
    "lead": op_lead,
    "bullet": op_bullet,
}


# ---------------------------------------------------------------- pages


class Entry:
    """A post as held by one page."""

    def __init__(self, post, page, state, uri, seq):
        self.post = post
        self.page = page
        self.state = state
        self.uri = uri
        self.seq = seq
        self.pinned = False
        self.history = []  # earlier text states, for reverts
        self.changed_at = None  # time of the last text change


class Page:
    def __init__(self, idx, date, world, rng):
        self.idx = idx
        self.date = date
        self.title = f"{date_words(date)} Hurricane {world.storm} news"
        self.entries = {}
        self.seq = 0
        self.open_at = None
        self.close_at = None
        self.authors = rng.sample(REPORTERS, rng.randint(3, 5))
        self.updated = None
        self.first_b = 0
        self.a_caps = 0
        self.caps = 0
        self.last_cap = None
        self.last_t = None  # time of the latest capture of this page
        self.promo = rng.random() < 0.5
        self.dive = rng.sample(DIVE_DEEPER, 3)
        self.slug = "hurricane-%s-%02d-%02d-%02d" % (
            world.storm.lower(),
            date.month,
            date.day,
            date.year % 100,
        )
        self.deleted = set()

    def add(self, post, state, uri):
        self.seq += 1
        e = Entry(post, self, state, uri, self.seq)
        self.entries[post.id] = e
        post.pages.append(self)
        return e

    def ordered(self):
        return sorted(self.entries.values(), key=lambda e: (e.state.time, e.seq), reverse=True)

    def touch(self, t):
        if self.updated is None or t > self.updated:
            self.updated = t


class View:
    """What one capture shows of one post (layout-specific)."""

    __slots__ = ("body", "byline", "caps", "hl", "pinned_top", "time", "uri")

    def __init__(self, e, layout, pinned_top=False):
        st = e.state
        if layout == "B":
            self.hl = b_headline(curlify(st.headline))
            self.caps = [[curlify(c[0]), None] for c in st.captions]
            self.body = [curlify(p) for p in st.paras]
            self.time = None
            self.byline = None
        else:
            self.hl = st.headline
            self.caps = [list(c) for c in st.captions]
            self.body = list(st.paras)
            self.time = time_label(st.time)
            self.byline = st.byline
        self.uri = e.uri
        self.pinned_top = pinned_top

    def paras(self):
        return tuple(c[0] for c in self.caps) + tuple(self.body)


def retense(st, wd):
    changed = False
    for fld in ("headline", "lead"):
        s = st.headline if fld == "headline" else (st.paras[0] if st.paras else "")
        for pat, rep in RETENSE:
            s2 = re.sub(pat, rep.replace("{wd}", wd), s, count=1)
            if s2 != s:
                s = s2
                break
        if fld == "headline":
            changed |= s != st.headline
            st.headline = s
        elif st.paras:
            changed |= s != st.paras[0]
            st.paras[0] = s
    return changed


class Sim:
    """The newsroom and the capturer."""

    def __init__(self, seed, n_caps, fmt, suppress=frozenset()):
        self.seed = seed
        self.suppress = suppress  # catch-ups left out (see generate())
        self.catchup_log = []
        self.rng = random.Random("holdout6/%d" % seed)
        self.world = World(self.rng)
        self.n = n_caps
        self.fmt = fmt
        self.posts = {}
        self.next_id = 1
        self.pages = []
        self.caps = []
        self.stats = {}
        self.pending = []
        self.pinned = None
        self.unpin_at = None
        w, rng = self.world, self.rng
        self.clock = w.day0 + dt.timedelta(hours=3, minutes=30)
        self.open_page(w.day0, self.clock)
        self.next_open = w.day0 + dt.timedelta(days=1, minutes=rng.randint(-70, 100))
        self.next_summary = w.day0 + dt.timedelta(hours=7, minutes=rng.randint(0, 90))
        for k in range(rng.randint(3, 5)):
            self.new_post(
                self.pages[0], self.clock + dt.timedelta(minutes=30 * k + rng.randint(1, 25))
            )
        self.clock += dt.timedelta(hours=2, minutes=30)
        self.t = self.clock + dt.timedelta(minutes=rng.randint(0, 40))

    def count(self, key, k=1):
        self.stats[key] = self.stats.get(key, 0) + k

    def new_uri(self):
        chars = "abcdefghijklmnopqrstuvwxyz0123456789"
        return (
            "cms.cnn.com/_components/live-story-post/instances/"
            + "".join(self.rng.choice(chars) for _ in range(25))
            + "@published"
        )

    def new_pid(self):
        pid = self.next_id
        self.next_id += 1
        return pid

    def note_authors(self, page, byline):
        for name in REPORTERS:
            if name in byline and name not in page.authors and len(page.authors) < 12:
                page.authors.append(name)

    # -- newsroom actions
    def open_page(self, date, t):
        p = Page(len(self.pages), date, self.world, self.rng)
        p.open_at = t
        p.closed = False
        if p.idx == 1 or (p.idx > 1 and self.rng.random() < 0.25):
            p.first_b = self.rng.randint(1, 2)
        self.pages.append(p)
        return p

    def new_post(self, page, t):
        w, rng = self.world, self.rng
        t = t.replace(second=0, microsecond=0)
        if w.hours(t) > 6 and rng.random() < 0.04:
            alts, st = make_roundup(w, rng, t)
            tp, label = None, "Across the region"
        else:
            tp, alts, st = make_regular(w, rng, t)
            label = tp["label"]
        post = Post(self.new_pid(), "regular", tp, label, alts, t)
        self.posts[post.id] = post
        page.add(post, st, self.new_uri())
        page.touch(t)
        self.note_authors(page, st.byline)
        self.count("posts")
        if len(st.paras) == 1 and not st.captions:
            self.count("one_paragraph_posts")
        if len(st.paras) >= 7:
            self.count("long_posts")
        return post

    def new_summary(self, page, t):
        rng = self.rng
        pool = [
            e
            for e in page.ordered()
            if e.post.kind == "regular" and e.post.topic is not None and lead_sentence(e.state)
        ]
        if len(self.pages) > 1 and len(pool) < 6:
            prev = self.pages[-2]
            pool += [
                e
                for e in prev.ordered()
                if e.post.kind == "regular"
                and e.post.topic is not None
                and e.post.id not in page.entries
                and lead_sentence(e.state)
            ]
        k = rng.randint(3, 6)
        sel, labels = [], set()
        for e in pool:
            if e.post.label not in labels:
                sel.append(e)
                labels.add(e.post.label)
            if len(sel) >= k:
                break
        if len(sel) < 3:
            return None
        st = make_summary(self.world, rng, t, [(e.post, e.state) for e in sel])
        post = Post(self.new_pid(), "summary", None, None, [], t)
        self.posts[post.id] = post
        e = page.add(post, st, self.new_uri())
        page.touch(t)
        self.count("summaries")
        if rng.random() < 0.22:
            self.pin(e, t)
        return e

    def pin(self, e, t):
        if self.pinned is not None:
            self.pinned.pinned = False
        e.pinned = True
        self.pinned = e
        self.unpin_at = t + dt.timedelta(minutes=self.rng.randint(80, 260))
        e.page.touch(t)
        self.count("pins")

    def unpin(self, t):
        if self.pinned is not None:
            self.pinned.pinned = False
            self.pinned.page.touch(t)
        self.pinned = None

    def carry(self, old_e, page, t):
        rng = self.rng
        st = old_e.state.copy()
        if rng.random() < 0.4 and retense(st, WEEKDAYS[st.time.weekday()]):
            self.count("carried_retensed")
        if rng.random() < 0.3:
            st.time = (t - dt.timedelta(minutes=rng.randint(0, 6))).replace(second=0, microsecond=0)
            self.count("carried_retimed")
        page.add(old_e.post, st, self.new_uri())
        page.touch(t)
        self.count("carried")

    def rollover(self, t):
        rng = self.rng
        old = self.pages[-1]
        new = self.open_page(old.date + dt.timedelta(days=1), t)
        old.close_at = t + dt.timedelta(minutes=rng.randint(40, 200))
        self.unpin(t)
        recent = [e for e in old.ordered() if e.post.kind != "moved"][: rng.randint(2, 6)]
        for e in recent:
            if e.post.kind == "summary" and rng.random() < 0.6:
                continue
            self.carry(e, new, t)
        self.next_open = new.date + dt.timedelta(days=1, minutes=rng.randint(-70, 100))

    def close(self, page, t):
        page.closed = True
        if self.rng.random() < 0.6:
            post = Post(self.new_pid(), "moved", None, None, [], t)
            self.posts[post.id] = post
            page.add(post, make_moved(self.world, self.rng, t), self.new_uri())
            page.touch(t)
            self.count("moved_notices")
        if self.pinned is not None and self.pinned.page is page:
            self.unpin(t)

    def editable(self, closed_ok=False):
        """Entries the newsroom edits: the newest copy of each post."""
        out = []
        for p in self.pages:
            if p.closed != closed_ok:
                continue
            for e in p.entries.values():
                if e.post.kind in ("regular", "summary") and e.post.pages[-1] is p:
                    out.append(e)
        return out

    def apply_op(self, e, op, t):
        before = e.state.copy()
        text_before = e.state.text()
        time_before, by_before = e.state.time, e.state.byline
        if not OP_FUNCS[op](self, e, t):
            e.state = before
            return False
        if e.state.text() != text_before:
            e.history.append(before)
            e.history = e.history[-4:]
            e.changed_at = t
            self.schedule_catchup(e, t)
        elif (
            e.state.time == time_before
            and e.state.byline == by_before
            and [c[1] for c in e.state.captions] == [c[1] for c in before.captions]
        ):
            e.state = before
            return False
        if e.state.byline != by_before:
            self.note_authors(e.page, e.state.byline)
        e.page.touch(t)
        self.count("op_" + op)
        return True

    def schedule_catchup(self, e, t):
        rng = self.rng
        for p in e.post.pages[:-1]:
            old_e = p.entries.get(e.post.id)
            if old_e is None:
                continue
            if rng.random() < (0.5 if not p.closed else 0.2):
                delay = rng.randint(5, 90) if not p.closed else rng.randint(60, 720)
                self.pending.append((t + dt.timedelta(minutes=delay), old_e, e))

    def revert(self, t):
        cands = [
            e
            for e in self.editable()
            if e.history
            and e.changed_at is not None
            and e.page.last_t is not None
            and e.page.last_t > e.changed_at
            and (t - e.changed_at) < dt.timedelta(hours=10)
        ]
        if not cands:
            return False
        e = self.rng.choice(cands)
        prev = e.history.pop()
        if prev.text() == e.state.text():
            return False
        st = e.state
        st.headline, st.captions, st.paras = prev.headline, prev.captions, prev.paras
        st.slots, st.typos = prev.slots, prev.typos
        e.changed_at = t
        self.schedule_catchup(e, t)
        e.page.touch(t)
        self.count("op_revert")
        return True

    def random_edit(self, t):
        rng = self.rng
        cands = self.editable()
        if not cands:
            return
        weights = [
            math.exp(-(t - e.post.created).total_seconds() / 3600.0 / 5.0)
            + 0.03
            + (
                0.25
                if len(e.post.pages) > 1 and (t - e.post.created) < dt.timedelta(hours=30)
                else 0.0
            )
            for e in cands
        ]
        e = pick_weighted(rng, list(zip(cands, weights, strict=False)))
        ops = SUMMARY_OPS if e.post.kind == "summary" else REGULAR_OPS
        if e.state.typos and rng.random() < 0.5 and self.apply_op(e, "typo_fix", t):
            return
        for _ in range(4):
            op = pick_weighted(rng, ops)
            if op == "revert":
                if self.revert(t):
                    return
                continue
            if self.apply_op(e, op, t):
                return

    def late_correction(self, t):
        cands = self.editable(closed_ok=True)
        if cands:
            e = self.rng.choice(cands)
            op = self.rng.choice(["typo_fix", "number", "add", "cut", "headline"])
            if self.apply_op(e, op, t):
                self.count("late_corrections")

    def random_delete(self, t, live=True):
        pages = [p for p in self.pages if p.closed != live]
        if not pages:
            return
        page = self.rng.choice(pages)
        ents = page.ordered()
        cands = [e for e in ents[1:-2] if not e.pinned and e.post.kind != "moved"]
        if not cands:
            return
        e = self.rng.choice(cands)
        del page.entries[e.post.id]
        page.deleted.add(e.post.id)
        e.post.pages.remove(page)
        page.touch(t)
        self.count("deletions")

    def run_catchups(self, t):
        keep = []
        for due, old_e, new_e in self.pending:
            if due > t:
                keep.append((due, old_e, new_e))
                continue
            if (
                old_e.page.entries.get(old_e.post.id) is not old_e
                or new_e.page.entries.get(new_e.post.id) is not new_e
            ):
                continue
            src, dst = new_e.state, old_e.state
            if src.text() == dst.text():
                continue
            key = (old_e.post.id, old_e.page.idx, t)
            if key in self.suppress:
                self.count("catchups_left_out")
                continue
            self.catchup_log.append(key)
            dst.headline, dst.paras = src.headline, list(src.paras)
            dst.captions = [list(c) for c in src.captions]
            dst.slots = [list(s) for s in src.slots]
            dst.typos = [list(x) for x in src.typos]
            old_e.page.touch(t)
            self.count("catchups")
        self.pending = keep

    def step(self, t):
        rng, w = self.rng, self.world
        if t >= self.next_open:
            self.rollover(t)
        for p in self.pages:
            if p.close_at is not None and not p.closed and t >= p.close_at:
                self.close(p, t)
        page = self.pages[-1]
        night = 1 <= t.hour < 6
        day_f = 0.3 if night else 1.0
        h = w.hours(t)
        phase_f = 1.45 if -8 < h < 36 else (1.15 if h < 96 else max(0.7, 1.15 - (h - 96) / 500.0))
        if rng.random() < 1.45 * day_f * phase_f / 12:
            self.new_post(page, t - dt.timedelta(minutes=rng.randint(0, 4)))
        if t >= self.next_summary:
            if not night:
                self.new_summary(page, t)
            self.next_summary = t + dt.timedelta(minutes=rng.randint(150, 300))
        for _ in range(2):
            if rng.random() < 0.8 * day_f * phase_f / 12:
                self.random_edit(t)
        if rng.random() < 2.2 * day_f / 288:
            self.random_delete(t, live=True)
        if rng.random() < 0.15 / 288:
            self.random_delete(t, live=False)
        if rng.random() < 0.6 / 288:
            self.late_correction(t)
        if len(self.pages) >= 2 and not self.pages[-2].closed and rng.random() < 0.03:
            prev = self.pages[-2]
            left = [
                e
                for e in prev.ordered()[:8]
                if e.post.kind == "regular"
                and e.post.id not in page.entries
                and e.post.pages[-1] is prev
            ]
            if left:
                self.carry(left[0], page, t)
        if self.pending:
            self.run_catchups(t)
        if self.pinned is not None and t >= self.unpin_at:
            self.unpin(t)
        elif self.pinned is None and not night and rng.random() < 0.0015:
            ents = [e for e in page.ordered()[:3] if e.post.kind == "regular"]
            if ents:
                self.pin(ents[0], t)

    def advance(self, t):
        five = dt.timedelta(minutes=5)
        while self.clock + five <= t:
            self.clock += five
            self.step(self.clock)

    # -- the capturer
    def gap(self, t):
        rng = self.rng
        r = rng.random()
        if r < 0.60:
            m = rng.uniform(6, 20)
        elif r < 0.88:
            m = rng.uniform(20, 40)
        elif r < 0.98:
            m = rng.uniform(40, 75)
        else:
            m = rng.uniform(75, 150)
        if 1 <= t.hour < 6:
            m *= 1.3
        return dt.timedelta(seconds=int(m * 60))

    def choose_capture(self, t):
        rng = self.rng
        newest = self.pages[-1]
        others = [p for p in self.pages[:-1]]
        r = rng.random()
        if others and r < 0.17:
            weights = [(p, 3.0 if p is others[-1] else 1.0) for p in others]
            page = pick_weighted(rng, weights)
            layout = "B" if rng.random() < 0.85 else "A"
            live = False
        elif others and not others[-1].closed and r < 0.43:
            page, layout, live = others[-1], "A", True
        else:
            page, live = newest, True
            layout = "B" if rng.random() < 0.10 else "A"
        if page.first_b and page.a_caps == 0:
            layout = "B"
        if self.fmt == "html":
            layout = "html"
        return page, layout, live

    def window(self, page, layout, live):
        rng = self.rng
        ents = page.ordered()
        n = len(ents)
        r = rng.random()
        if layout == "B" or not live:
            k = n if r < 0.62 else rng.randint(10, 25)
        elif r < 0.12:
            k = rng.randint(4, 7)
        elif r < 0.52:
            k = rng.randint(8, 14)
        elif r < 0.82:
            k = rng.randint(15, 22)
        else:
            k = n
        pinned = [e for e in ents if e.pinned]
        if pinned:
            k = max(k, ents.index(pinned[0]) + 1)
        k = min(n, k)
        seq = []
        if pinned:
            seq.append((pinned[0], True))
        seq += [(e, False) for e in ents[:k]]
        return [(e.post.id, View(e, layout, top)) for e, top in seq], n

    def capture(self, i, t):
        rng = self.rng
        page, layout, live = self.choose_capture(t)
        last = page.last_cap
        rec = {
            "i": i,
            "t": t,
            "page": page,
            "layout": layout,
            "suspect": False,
            "identical": False,
            "kind": "normal",
        }
        r = rng.random()
        if last is not None and not last["suspect"] and r < 0.04:
            rec.update(
                layout=last["layout"],
                identical=True,
                views=last["views"],
                content=last["content"],
                posts=list(last["posts"]),
                n_posts=last["n_posts"],
                kind="identical",
            )
            self.count("identical_captures")
        else:
            views, n = self.window(page, layout, live)
            rec["views"], rec["n_posts"] = views, n
            if last is not None and r < 0.067:
                kind = rng.choice(
                    ["error", "consent", "collapsed", "truncated", "truncated", "collapsed"]
                )
                content, posts = render_suspect(self, page, views, layout, t, n, kind)
                rec.update(suspect=True, kind=kind, content=content, posts=posts, views=[])
                self.count("suspect_" + kind)
            else:
                rec["content"] = render(self, page, views, layout, t, n)
                rec["posts"] = [pid for pid, _ in views]
                if any(v.pinned_top for _, v in views):
                    self.count("pinned_captures")
        rec["held"] = set(page.entries)
        if rec["layout"] == "B" and page.a_caps == 0:
            self.count("b_captures_of_page_never_seen_in_A")
        page.caps += 1
        if rec["layout"] == "A":
            page.a_caps += 1
        if rec["layout"] == "B" and page.first_b:
            page.first_b -= 1
        page.last_cap = rec
        page.last_t = t
        self.caps.append(rec)

    def run(self):
        t = self.t
        for i in range(self.n):
            if i:
                t = t + self.gap(t)
            self.advance(t)
            self.capture(i, t)
        return self.caps


# ---------------------------------------------------------------- rendering

PROMOS = [
    "Drone video shows the scale of the flooding in {town}",
    "Residents describe riding out {S}",
    "See the storm surge sweep through a coastal town",
    "Meteorologist explains why {S} intensified so quickly",
]


def body_text(body, layout):
    parts = []
    for k, p in enumerate(body):
        cur_b = p.startswith(BULLET)
        line = "  " + p if cur_b else p
        if k:
            prev_b = body[k - 1].startswith(BULLET)
            if (prev_b and cur_b) or (
                layout == "A" and not prev_b and not cur_b and hfloat("join", p) < 0.04
            ):
                sep = "\n"
            else:
                sep = "\n\n"
            parts.append(sep)
        parts.append(line)
    return "".join(parts)


def block_A(v):
    s = v.time + "\n\n" + v.hl + "\n"
    hl_end = len(s)
    s += "\n"
    if v.byline:
        s += v.byline + "\n\n"
    for cap, credit in v.caps:
        s += cap + "\n" + f"{cap} ({credit})" + "\n\n"
    s += body_text(v.body, "A") + "\n"
    if hfloat("tight", v.hl, v.time) >= 0.12:
        s += "\n"
    return s, hl_end


def block_B(v):
    s = v.hl + "\n"
    hl_end = len(s)
    s += "\n"
    for cap, _ in v.caps:
        s += cap + "\n\n"
    s += body_text(v.body, "B") + "\n\n"
    return s, hl_end


def render_text(sim, page, views, layout, t, n):
    w = sim.world
    ctx = {"S": w.storm, "town": w.lf_site}
    if layout == "A":
        text = (
            "\n".join(
                [
                    page.title,
                    "",
                    f"By {join_names(page.authors)}, CNN",
                    "",
                    "Updated " + time_label(page.updated or t),
                    "%d Posts" % n,
                    "Sort byDropdown arrow",
                ]
            )
            + "\n"
        )
    else:
        text = page.title + " | CNN\n\n" + page.title + "\n\n"
        if page.promo:
            text += "hurricane %s\n%s\n%02d:%02d - Source: CNN\n\n" % (
                w.storm.lower(),
                fill(PROMOS[page.idx % len(PROMOS)], ctx),
                1 + page.idx % 4,
                int(60 * hfloat("dur", page.idx)),
            )
        text += "What we covered here\n\n%d Posts\n\n" % n
    marks = []
    for pid, v in views:
        block, hl_end = (block_A if layout == "A" else block_B)(v)
        marks.append((pid, len(text) + hl_end))
        text += block
    dive = "Dive Deeper\n\n" + "\n".join(fill(d, ctx) for d in page.dive) + "\n"
    if layout == "B":
        text += dive
        if hfloat("dive2", page.idx) < 0.6:
            text += "\n" + dive
    elif hfloat("diveA", page.idx, len(views), n) < 0.3:
        text += "\n" + dive
    return text, marks


_LINKABLE = [
    "National Hurricane Center",
    "PowerOutage.us",
    "FEMA",
    "GasBuddy",
    "National Weather Service",
    "Louisiana Department of Health",
]


def esc(s):
    return html.escape(s, quote=False).replace(NBSP, "&nbsp;")


def para_html(p):
    if p == "Read more here.":
        return '<p class="paragraph"><a href="https://www.cnn.com/2026/weather/story/index.html">Read more here.</a></p>'
    if p.startswith("Read more: "):
        return f'<p class="paragraph">Read more: <a href="https://www.cnn.com/weather/related">{esc(p[11:])}</a></p>'
    if p in SUBHEADS:
        return f'<p class="paragraph"><strong>{esc(p)}</strong></p>'
    if p.startswith(BULLET):
        q = p[len(BULLET) :]
        lab, sep, rest = q.partition(": ")
        if sep and len(lab) < 40:
            return f'<p class="paragraph"><strong>{esc(lab)}:</strong> {esc(rest)}</p>'
        return f'<p class="paragraph">{esc(q)}</p>'
    body = esc(p)
    if hfloat("link", p) < 0.2:
        for phrase in _LINKABLE:
            if phrase in body:
                slug = phrase.lower().replace(" ", "-").replace(".", "")
                body = body.replace(
                    phrase, f'<a href="https://www.cnn.com/topics/{slug}">{phrase}</a>', 1
                )
                break
    return (
        f'<p class="paragraph inline-placeholder">{body}</p>'
        if hfloat("ph", p) < 0.3
        else f'<p class="paragraph">{body}</p>'
    )


def article_html(v):
    cls = "live-story-post" + (" live-story-post--pinned" if v.pinned_top else "")
    out = [f'<article class="{cls}" data-uri="{v.uri}">']
    if v.pinned_top:
        out.append('<div class="live-story-post__pinned-label">Pinned</div>')
    out.append('<header class="live-story-post__header">')
    out.append(f'<span class="live-story-post__timestamp">{esc(v.time)}</span>')
    out.append(f'<h2 class="live-story-post__headline">{esc(v.hl)}</h2>')
    hl_end = len("\n".join(out))
    if v.byline:
        out.append(f'<div class="live-story-post__byline">{esc(v.byline)}</div>')
    out.append("</header>")
    out.append('<div class="live-story-post__content">')
    for cap, credit in v.caps:
        img = hashlib.sha1(cap.encode("utf-8")).hexdigest()[:20]
        out.append(
            f'<figure class="image"><div class="image__container"><img src="https://media.cnn.com/api/v1/images/stellar/prod/{img}.jpg?q=w_1160,c_fill" alt="{html.escape(cap, quote=True)}" loading="lazy"></div>'
            f'<figcaption class="image__caption"><span class="image__caption-text">{esc(cap)}</span></figcaption>'
            f'<div class="image__credit">{esc(credit)}</div></figure>'
        )
    k = 0
    body = v.body
    while k < len(body):
        if body[k].startswith(BULLET):
            out.append('<ul class="list">')
            while k < len(body) and body[k].startswith(BULLET):
                out.append(f"<li>{para_html(body[k])}</li>")
                k += 1
            out.append("</ul>")
        else:
            out.append(para_html(body[k]))
            k += 1
        if k == 2 and hfloat("related", v.hl) < 0.15:
            out.append(
                '<div class="related-content"><span class="related-content__label">Related article</span>'
                '<a href="https://www.cnn.com/weather/explainer">What to do after a hurricane</a></div>'
            )
    out.append("</div>")
    out.append(
        '<div class="live-story-post__share"><button class="social-share__button" aria-label="Share on Facebook">Facebook</button>'
        '<button class="social-share__button" aria-label="Share on X">X</button><button class="live-story-post__copy-link">Copy link</button>'
        '<span class="live-story-post__copy-msg">Link Copied!</span></div>'
    )
    out.append("</article>")
    return "\n".join(out) + "\n", hl_end


def html_head(page, t, extra=""):
    title = esc(page.title)
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "LiveBlogPosting",
            "headline": page.title,
            "dateModified": iso_utc(t),
            "url": f"https://www.cnn.com/weather/live-news/{page.slug}/index.html",
            "publisher": {"@type": "Organization", "name": "CNN"},
        }
    )
    return (
        "\n".join(
            [
                "<!DOCTYPE html>",
                f'<html lang="en" data-uri="cms.cnn.com/_pages/{page.slug}@published">',
                "<head>",
                '<meta charset="utf-8">',
                '<meta name="viewport" content="width=device-width, initial-scale=1">',
                f"<title>{title} | CNN</title>",
                f'<link rel="canonical" href="https://www.cnn.com/weather/live-news/{page.slug}/index.html">',
                f'<meta property="og:title" content="{html.escape(page.title, quote=True)}">',
                f'<script type="application/ld+json">{ld}</script>',
                "<style>body{margin:0;font-family:cnn_sans_display,helvetica,arial,sans-serif}"
                ".live-story-post{border-bottom:1px solid #e6e6e6;padding:24px 0}.ad-slot{min-height:250px}"
                ".live-story-post__pinned-label{color:#cc0000;font-weight:700}</style>",
                '<script>window.CNN=window.CNN||{};CNN.contentModel={"pageType":"live-story",'
                '"section":"weather","edition":"domestic"};</script>',
                '<script async src="https://www.cnn.com/ads/bootstrap.min.js"></script>',
                extra,
                "</head>",
            ]
        )
        + "\n"
    )


HTML_HEADER = (
    '<body class="layout layout-with-rail">\n<header class="header" data-editable="header">'
    '<nav class="header__nav"><a class="brand-logo" href="https://www.cnn.com">CNN</a>'
    '<a href="/us">US</a><a href="/world">World</a><a href="/politics">Politics</a>'
    '<a href="/business">Business</a><a href="/weather">Weather</a>'
    '<button class="header__search">Search</button><button class="header__login">Log In</button>'
    '</nav></header>\n<div class="ad-slot-header"><div class="ad-feedback-link">Ad Feedback</div></div>\n'
)
HTML_FOOTER = (
    '<footer class="footer"><nav class="footer__links"><a href="/terms">Terms of Use</a>'
    '<a href="/privacy">Privacy Policy</a><a href="/ad-choices">Ad Choices</a>'
    '<a href="/accessibility">Accessibility &amp; CC</a><a href="/about">About</a></nav>'
    '<p class="footer__copyright">&copy; 2026 Cable News Network. A Warner Bros. Discovery Company. '
    'All Rights Reserved.</p></footer>\n<script>(function(){var s=document.createElement("script");'
    's.src="https://www.cnn.com/analytics/beacon.js";s.async=true;document.body.appendChild(s);})();'
    "</script>\n</body>\n</html>\n"
)


def render_html(sim, page, views, t, n):
    ctx = {"S": sim.world.storm, "town": sim.world.lf_site}
    text = html_head(page, t) + HTML_HEADER
    text += '<main class="layout__main" role="main">\n'
    text += f'<div class="headline headline--live"><h1 class="headline__text" id="maincontent">{esc(page.title)}</h1></div>\n'
    text += '<div class="byline"><div class="byline__names">By {}, CNN</div></div>\n'.format(
        ", ".join(f'<span class="byline__name">{a}</span>' for a in page.authors)
    )
    text += f'<div class="timestamp vossi-timestamp">Updated {esc(time_label(page.updated or t))}</div>\n'
    text += (
        '<div class="live-story__count"><span class="live-story__count-text">%d Posts</span></div>\n'
        '<div class="live-story__sort"><button class="live-story__sort-button">Sort by'
        '<img src="/media/sites/cnn/dropdown.svg" alt="Dropdown arrow"></button></div>\n' % n
    )
    text += '<div class="live-story__items">\n'
    marks = []
    for j, (pid, v) in enumerate(views):
        block, hl_end = article_html(v)
        marks.append((pid, len(text) + hl_end))
        text += block
        if j % 4 == 3:
            text += (
                '<div class="ad-slot ad-slot--inline" data-ad-position="%d"><div class="ad-slot__label">'
                'Advertisement</div><div id="ad_mod_%d" class="ad-slot__ad"></div></div>\n' % (j, j)
            )
    text += "</div>\n"
    text += '<section class="dive-deeper"><h3 class="dive-deeper__title">Dive Deeper</h3><ul>{}</ul></section>\n'.format(
        "".join(
            '<li><a href="https://www.cnn.com/weather/%d">%s</a></li>' % (k, esc(fill(d, ctx)))
            for k, d in enumerate(page.dive)
        )
    )
    text += "</main>\n" + HTML_FOOTER
    return text, marks


def render(sim, page, views, layout, t, n):
    if layout == "html":
        return render_html(sim, page, views, t, n)[0]
    return render_text(sim, page, views, layout, t, n)[0]


def render_suspect(sim, page, views, layout, t, n, kind):
    """An error page, a consent wall, a collapsed or a truncated capture."""
    rng = sim.rng
    if kind in ("error", "consent"):
        if layout == "html":
            if kind == "error":
                body = (
                    '<body class="error-page"><div class="error"><h1>Something went wrong</h1>'
                    "<p>We are sorry, this page is temporarily unavailable. Please try again later.</p>"
                    '<p class="error__code">Error 503: Service Unavailable</p></div></body></html>\n'
                )
            else:
                body = (
                    '<body><div id="onetrust-consent-sdk" class="consent-wall"><h2>We value your privacy</h2>'
                    "<p>We and our 847 partners store and access information on your device, such as cookies, "
                    "and process personal data to personalise ads and content.</p>"
                    '<button id="accept-all">Accept all</button><button id="reject-all">Reject all</button>'
                    "<button>Manage preferences</button></div></body></html>\n"
                )
            return html_head(page, t) + body, []
        if kind == "error":
            return (
                page.title + "\n\nSomething went wrong\n\nWe are sorry, this page is temporarily "
                "unavailable. Please try again later.\n\nError 503: Service Unavailable\n"
            ), []
        return (
            page.title + "\n\nWe value your privacy\n\nWe and our 847 partners store and access "
            "information on your device, such as cookies, and process personal data to personalise "
            "ads and content.\n\nAccept all\nReject all\nManage preferences\n"
        ), []
    if kind == "collapsed":
        k = rng.choice([0, 1, 1, 2])
        sub = [pv for pv in views if not pv[1].pinned_top][:k]
        if layout == "html":
            text, _ = render_html(sim, page, sub, t, k)
        else:
            text, _ = render_text(sim, page, sub, layout, t, k)
        return text, [pid for pid, _ in sub]
    if layout == "html":
        text, marks = render_html(sim, page, views, t, n)
    else:
        text, marks = render_text(sim, page, views, layout, t, n)
    cut = int(len(text) * rng.uniform(0.12, 0.45))
    return text[:cut], [pid for pid, off in marks if off <= cut]


# ---------------------------------------------------------------- truth


def compute_truth(caps):
    """Apply the contract's rules to the versions the captures show.

    Returns (edits, reverts, moves, removals, diag)."""
    edits, reverts, moves, removals = [], [], [], []
    diag = {
        "typographic_edits": 0,
        "time_edits": 0,
        "byline_edits": 0,
        "text_edits": 0,
        "revert_def_disagreements": 0,
        "removals_of_posts_still_held": 0,
        "retimed_witness_skips": 0,
        "moved_up_witness_skips": 0,
    }
    on_page = {}  # (page, pid) -> latest record of pid on that page
    latest_any = {}  # pid -> latest record of pid on any page
    shown = {}  # pid -> [(capture index, normalized text)]
    last_ns = {}  # page -> (capture index, lowest place of each pid)
    for ci, cap in enumerate(caps):
        if cap["suspect"]:
            continue
        page = cap["page"].idx
        layout = cap["layout"]
        lowest, first = {}, {}
        for pos, (pid, v) in enumerate(cap["views"]):
            lowest[pid] = pos
            first.setdefault(pid, v)
        recs = {}
        for pid, v in first.items():
            parent = on_page.get((page, pid))
            moved = False
            if parent is None:
                parent = latest_any.get(pid)
                moved = parent is not None
            paras = v.paras()
            nt = norm_text(v.hl, paras)
            raw = (v.hl, paras)
            eff_time = v.time if v.time is not None else (parent["time"] if parent else None)
            eff_by = v.byline if v.byline is not None else (parent["byline"] if parent else None)
            edit = retimed = False
            if parent is not None:
                if moved:
                    edit = True
                if nt != parent["nt"]:
                    edit = True
                    diag["text_edits"] += 1
                elif raw != parent["raw"] and layout == parent["layout"]:
                    edit = True
                    diag["typographic_edits"] += 1
                if v.time is not None and parent["time"] is not None and v.time != parent["time"]:
                    edit = retimed = True
                    diag["time_edits"] += 1
                    if parent["layout"] == "B":
                        diag["time_edits_against_inherited"] = (
                            diag.get("time_edits_against_inherited", 0) + 1
                        )
                if (
                    v.byline is not None
                    and parent["byline"] is not None
                    and v.byline != parent["byline"]
                ):
                    edit = True
                    diag["byline_edits"] += 1
                    if parent["layout"] == "B":
                        diag["byline_edits_against_inherited"] = (
                            diag.get("byline_edits_against_inherited", 0) + 1
                        )
            if edit:
                edits.append([pid, ci])
                if moved:
                    moves.append([pid, ci])
                if nt != parent["nt"]:
                    hist = shown.get(pid, [])
                    rev = any(c < parent["put_up"] and x == nt for c, x in hist)
                    alt = any(c < parent["run"] and x == nt for c, x in hist)
                    if rev:
                        reverts.append([pid, ci])
                    if rev != alt:
                        diag["revert_def_disagreements"] += 1
                        diag.setdefault("revert_def_cases", []).append([pid, ci])
            put_up = ci if (parent is None or edit) else parent["put_up"]
            run = parent["run"] if (parent is not None and not moved and nt == parent["nt"]) else ci
            recs[pid] = {
                "nt": nt,
                "raw": raw,
                "layout": layout,
                "time": eff_time,
                "byline": eff_by,
                "put_up": put_up,
                "run": run,
                "retimed": retimed,
            }
        prev = last_ns.get(page)
        if prev is not None:
            _, plow = prev
            common = [q for q in plow if q in lowest]
            best = -1
            for q in common:
                if recs[q]["retimed"]:
                    diag["retimed_witness_skips"] += 1
                    continue
                if any(plow[r] < plow[q] and lowest[r] > lowest[q] for r in common):
                    diag["moved_up_witness_skips"] += 1
                    continue
                best = max(best, plow[q])
            for p in sorted(plow, key=plow.get):
                if p not in lowest and plow[p] < best:
                    removals.append([p, ci])
                    if p in cap.get("held", ()):
                        diag["removals_of_posts_still_held"] += 1
        for pid, r in recs.items():
            on_page[(page, pid)] = r
            latest_any[pid] = r
            shown.setdefault(pid, []).append((ci, r["nt"]))
        last_ns[page] = (ci, lowest)
    return edits, reverts, moves, removals, diag


def capture_name(i, rec, ext):
    h = hashlib.sha1(rec["content"].encode("utf-8")).hexdigest()[:12]
    return "%04d_%s.%s" % (i, h, ext)


def write_corpus(sim, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    for f in os.listdir(out_dir):
        if f.endswith((".txt", ".html")) or f == "truth.json":
            os.remove(os.path.join(out_dir, f))
    ext = "html" if sim.fmt == "html" else "txt"
    edits, reverts, moves, removals, diag = compute_truth(sim.caps)
    caps_json = []
    for i, rec in enumerate(sim.caps):
        name = capture_name(i, rec, ext)
        with open(os.path.join(out_dir, name), "w", encoding="utf-8", newline="") as fh:
            fh.write(rec["content"])
        caps_json.append(
            {
                "file": name,
                "page": rec["page"].title,
                "layout": rec["layout"],
                "suspect": rec["suspect"],
                "captured_at": iso_utc(rec["t"]),
                "posts": list(rec["posts"]),
            }
        )
    truth = {
        "generator": GEN_NAME,
        "seed": sim.seed,
        "format": sim.fmt,
        "captures": caps_json,
        "edits": edits,
        "reverts": reverts,
        "moves": moves,
        "removals": removals,
    }
    with open(os.path.join(out_dir, "truth.json"), "w", encoding="utf-8") as fh:
        json.dump(truth, fh, indent=1)
        fh.write("\n")
    return truth, diag


# ---------------------------------------------------------------- self-check

_TIME_LINE = re.compile(r"^\d{1,2}:\d{2} [ap]\.m\. ET, [A-Z][a-z]+ \d{1,2}, \d{4}$")


class _PV:
    """A version re-parsed from a capture file (for the independent recomputation)."""

    __slots__ = ("byline", "hl", "ps", "time")

    def __init__(self, hl, ps, time, byline):
        self.hl, self.ps, self.time, self.byline = hl, tuple(ps), time, byline

    def paras(self):
        return self.ps


def _unbullet(line):
    return line[2:] if line.startswith("  " + BULLET) else line


def parse_text_A(data, n_views):
    lines = data.split("\n")
    idx = [i for i, ln in enumerate(lines) if i >= 7 and _TIME_LINE.match(ln)]
    out = []
    for k, i in enumerate(idx):
        end = idx[k + 1] if k + 1 < len(idx) else len(lines)
        block = lines[i + 1 : end]
        if k + 1 == len(idx) and "Dive Deeper" in block:
            block = block[: block.index("Dive Deeper")]
        nb = [ln for ln in block if ln.strip()]
        hl = nb[0]
        rest = nb[1:]
        byline = ""
        if rest and re.match(r"^(From CNN|Analysis by CNN)", rest[0]):
            byline, rest = rest[0], rest[1:]
        ps = []
        j = 0
        while j < len(rest):
            if (
                j + 1 < len(rest)
                and rest[j + 1].startswith(rest[j] + " (")
                and rest[j + 1].endswith(")")
            ):
                ps.append(rest[j])
                j += 2
            else:
                ps.append(_unbullet(rest[j]))
                j += 1
        out.append(_PV(hl, ps, lines[i], byline))
    return out


def parse_text_B(data, headlines):
    """Split a layout-B capture by the known headlines, in order."""
    lines = data.split("\n")
    start = lines.index("What we covered here") + 3
    pos, cuts = start, []
    for hl in headlines:
        while lines[pos] != hl:
            pos += 1
        cuts.append(pos)
        pos += 1
    out = []
    for k, c in enumerate(cuts):
        end = cuts[k + 1] if k + 1 < len(cuts) else len(lines)
        block = lines[c + 1 : end]
        if k + 1 == len(cuts) and "Dive Deeper" in block:
            block = block[: block.index("Dive Deeper")]
        out.append(_PV(lines[c], [_unbullet(ln) for ln in block if ln.strip()], None, None))
    return out


def _strip_tags(h):
    return html.unescape(re.sub(r"<[^>]+>", "", h))


def parse_html(data):
    out = []
    for m in re.finditer(
        r'<article class="live-story-post[^"]*" data-uri="([^"]+)">(.*?)</article>', data, re.S
    ):
        a = m.group(2)
        time = _strip_tags(
            re.search(r'<span class="live-story-post__timestamp">(.*?)</span>', a).group(1)
        )
        hl = _strip_tags(re.search(r'<h2 class="live-story-post__headline">(.*?)</h2>', a).group(1))
        bm = re.search(r'<div class="live-story-post__byline">(.*?)</div>', a)
        ps = [
            _strip_tags(x) for x in re.findall(r'<span class="image__caption-text">(.*?)</span>', a)
        ]
        for pm in re.finditer(r'(<li>)?<p class="paragraph[^"]*">(.*?)</p>', a):
            ps.append((BULLET if pm.group(1) else "") + _strip_tags(pm.group(2)))
        out.append((m.group(1), _PV(hl, ps, time, _strip_tags(bm.group(1)) if bm else "")))
    return out


class _PageRef:
    def __init__(self, idx):
        self.idx = idx


def check_corpus(out_dir, sim, truth, diag):
    problems, notes = [], []

    def bad(msg):
        if len(problems) < 30:
            problems.append(msg)

    caps, recs = truth["captures"], sim.caps
    fmt = truth["format"]
    files = sorted(f for f in os.listdir(out_dir) if f.endswith((".txt", ".html")))
    if files != [c["file"] for c in caps]:
        bad("capture files do not sort in capture order")
    pages = {}
    for c in caps:
        pages.setdefault(c["page"], len(pages))
    reparsed = []
    uri_of = {}
    prev_of_page = {}
    for _i, (c, rec) in enumerate(zip(caps, recs, strict=False)):
        with open(os.path.join(out_dir, c["file"]), encoding="utf-8", newline="") as fh:
            data = fh.read()
        if data != rec["content"]:
            bad("{}: file differs from the capture".format(c["file"]))
        if fmt == "text":
            first = data.split("\n", 1)[0]
            if first not in (c["page"], c["page"] + " | CNN"):
                bad("{}: title line {!r}".format(c["file"], first))
            if not c["suspect"] and (first == c["page"]) != (c["layout"] == "A"):
                bad("{}: title line does not match layout {}".format(c["file"], c["layout"]))
        else:
            m = re.search(r"<title>(.*?) \| CNN</title>", data)
            if not m or html.unescape(m.group(1)) != c["page"]:
                bad("{}: <title> does not name the page".format(c["file"]))
        pg = pages[c["page"]]
        prev = prev_of_page.get(pg)
        if rec["identical"] and (
            prev is None or data != prev[1] or prev[0]["suspect"] or c["suspect"]
        ):
            bad(
                "{}: identical capture is not a copy of the page's previous capture".format(
                    c["file"]
                )
            )
        prev_of_page[pg] = (c, data)
        posts = c["posts"]
        cnt = {}
        for pid in posts:
            cnt[pid] = cnt.get(pid, 0) + 1
        for pid, k in cnt.items():
            if k > 2 or (k == 2 and posts[0] != pid):
                bad("%s: post %d shown %d times" % (c["file"], pid, k))
        if c["suspect"]:
            reparsed.append(
                {"suspect": True, "page": _PageRef(pg), "layout": c["layout"], "views": []}
            )
            continue
        views = rec["views"]
        if posts != [pid for pid, _ in views]:
            bad("{}: posts differ from the views".format(c["file"]))
        if c["layout"] == "A":
            pv = parse_text_A(data, len(views))
            got = list(zip(posts, pv, strict=False))
            mm = re.search(r"^(\d+) Posts$", data, re.M)
            if not mm or int(mm.group(1)) < len(cnt):
                bad("{}: N Posts line".format(c["file"]))
        elif c["layout"] == "B":
            got = list(zip(posts, parse_text_B(data, [v.hl for _, v in views]), strict=False))
        else:
            parsed = parse_html(data)
            got = []
            for (pid, _), (uri, pv) in zip(views, parsed, strict=False):
                key = (pg, pid)
                if uri_of.setdefault(key, uri) != uri:
                    bad("%s: data-uri of post %d changed on its page" % (c["file"], pid))
                got.append((pid, pv))
            if len(parsed) != len(views):
                bad("%s: %d articles for %d posts" % (c["file"], len(parsed), len(views)))
        if len(got) != len(views):
            bad("%s: parsed %d posts, expected %d" % (c["file"], len(got), len(views)))
        for (pid, v), (_, pv) in zip(views, got, strict=False):
            if (pv.hl, pv.ps, pv.time, pv.byline) != (v.hl, v.paras(), v.time, v.byline):
                bad("%s: post %d re-parses differently" % (c["file"], pid))
        reparsed.append(
            {"suspect": False, "page": _PageRef(pg), "layout": c["layout"], "views": got}
        )
    if fmt == "html":
        per_page = {}
        for (pg, pid), uri in uri_of.items():
            per_page.setdefault(pg, {})
            if uri in per_page[pg].values():
                bad(f"data-uri {uri} used for two posts on one page")
            per_page[pg][pid] = uri
        carried = [
            pid
            for pid in set(p for _, p in uri_of)
            if len({uri_of[k] for k in uri_of if k[1] == pid})
            != len([k for k in uri_of if k[1] == pid])
        ]
        if carried:
            bad(f"a carried post kept its data-uri on a new page: {carried[:5]}")
    if diag["revert_def_disagreements"]:
        bad(
            "revert cases that depend on how 'put up' is read: {}".format(
                diag.get("revert_def_cases")
            )
        )
    # independent recomputation from the files themselves
    e2, r2, m2, x2, _ = compute_truth(reparsed)
    for key, val in (("edits", e2), ("reverts", r2), ("moves", m2), ("removals", x2)):
        if val != truth[key]:
            bad(f"{key} recomputed from the files differ from truth.json")
    # truth invariants
    shown_on = {}
    last_ns = {}
    ev = {}
    for key in ("edits", "reverts", "moves", "removals"):
        pairs = [tuple(x) for x in truth[key]]
        if len(set(pairs)) != len(pairs):
            bad(f"duplicate {key}")
        ev[key] = set(pairs)
        for pid, ci in pairs:
            if not 0 <= ci < len(caps) or caps[ci]["suspect"] or recs[ci]["identical"]:
                bad("%s [%d, %d] at a suspect or identical capture" % (key, pid, ci))
    if not ev["moves"] <= ev["edits"] or not ev["reverts"] <= ev["edits"]:
        bad("moves and reverts must be edits")
    for ci, c in enumerate(caps):
        if c["suspect"]:
            continue
        pg = pages[c["page"]]
        here = set(c["posts"])
        for pid in here:
            if (pid, ci) in ev["moves"] and (
                pid in shown_on.get(pg, set())
                or not any(pid in v for k, v in shown_on.items() if k != pg)
            ):
                bad("move [%d, %d] is not a first showing on a new page" % (pid, ci))
        prev = last_ns.get(pg)
        for pid, cj in ev["removals"]:
            if cj == ci and (prev is None or pid not in prev or pid in here):
                bad(
                    "removal [%d, %d] of a post not in the previous capture or still shown"
                    % (pid, ci)
                )
        shown_on.setdefault(pg, set()).update(here)
        last_ns[pg] = here
    for pid, ci in ev["edits"]:
        if pid not in caps[ci]["posts"]:
            bad("edit [%d, %d] of a post the capture does not show" % (pid, ci))
    # summaries quote three or more other posts
    texts, firsts = {}, {}
    for rec in recs:
        if rec["suspect"]:
            continue
        for pid, v in rec["views"]:
            texts.setdefault(pid, set()).add(norm(" ".join(v.paras())))
            firsts.setdefault(pid, v.paras())
    short_sum = n_sum = 0
    for pid, post in sim.posts.items():
        if post.kind != "summary" or pid not in firsts:
            continue
        n_sum += 1
        quoted = set()
        for para in firsts[pid]:
            if not para.startswith(BULLET) or ": " not in para:
                continue
            b = norm(para.split(": ", 1)[1])
            for q, ts in texts.items():
                if q != pid and sim.posts[q].kind == "regular" and any(b in x for x in ts):
                    quoted.add(q)
        if len(quoted) < 3:
            short_sum += 1
    notes.append(
        "summaries captured: %d; quoting 3+ other captured posts verbatim: %d "
        "(the rest quote a sentence edited since, or a post never captured)"
        % (n_sum, n_sum - short_sum)
    )
    report_rates(truth, sim, diag, notes)
    for n in notes:
        print("  " + n)
    if problems:
        print("CHECK FAILED (%d problems):" % len(problems))
        for p in problems:
            print("  - " + p)
        return False
    print("CHECK OK")
    return True


def report_rates(truth, sim, diag, notes):
    caps, recs = truth["captures"], sim.caps
    n = len(caps)
    lay = {}
    for c in caps:
        lay[c["layout"]] = lay.get(c["layout"], 0) + 1
    st = sim.stats
    susp = sum(1 for c in caps if c["suspect"])
    span = (recs[-1]["t"] - recs[0]["t"]).total_seconds() / 86400.0
    print(
        "%s seed %d format %s: %d captures over %.1f days, %d day pages"
        % (GEN_NAME, sim.seed, sim.fmt, n, span, len(set(c["page"] for c in caps)))
    )
    line = "  layouts {}".format(", ".join("%s %d" % kv for kv in sorted(lay.items())))
    if sim.fmt == "text":
        share = lay.get("B", 0) / float(n)
        line += " (B %.0f%%, %d B captures of a page not yet captured in A)" % (
            100 * share,
            st.get("b_captures_of_page_never_seen_in_A", 0),
        )
        if n >= 150 and not 0.12 <= share <= 0.30:
            notes.append("WARNING: layout B share %.0f%% outside 12-30%%" % (100 * share))
    print(line)
    print(
        "  suspect %d (%.1f%%: %s), byte-identical %d, pinned-twice captures %d"
        % (
            susp,
            100.0 * susp / n,
            ", ".join(
                "%s %d" % (k[8:], v) for k, v in sorted(st.items()) if k.startswith("suspect_")
            ),
            st.get("identical_captures", 0),
            st.get("pinned_captures", 0),
        )
    )
    print(
        "  newsroom: %d posts (%d one-paragraph, %d long), %d summaries, %d carried "
        "(%d re-timed, %d reworded), %d catch-ups, %d deletions, %d pins, %d late corrections"
        % (
            st.get("posts", 0),
            st.get("one_paragraph_posts", 0),
            st.get("long_posts", 0),
            st.get("summaries", 0),
            st.get("carried", 0),
            st.get("carried_retimed", 0),
            st.get("carried_retensed", 0),
            st.get("catchups", 0),
            st.get("deletions", 0),
            st.get("pins", 0),
            st.get("late_corrections", 0),
        )
    )
    print(
        "  edit operations: "
        + ", ".join("%s %d" % (k[3:], v) for k, v in sorted(st.items()) if k.startswith("op_"))
    )
    print(
        "  truth: %d edits (%d text, %d typographic, %d time, %d byline), %d reverts, %d moves, %d removals"
        % (
            len(truth["edits"]),
            diag["text_edits"],
            diag["typographic_edits"],
            diag["time_edits"],
            diag["byline_edits"],
            len(truth["reverts"]),
            len(truth["moves"]),
            len(truth["removals"]),
        )
    )
    print(
        "  rule diagnostics: %d revert-definition disagreements, %d removals of posts still held, "
        "%d re-timed and %d moved-up witnesses skipped, %d time and %d byline edits against "
        "fields inherited through layout B, %d catch-ups left out"
        % (
            diag["revert_def_disagreements"],
            diag["removals_of_posts_still_held"],
            diag["retimed_witness_skips"],
            diag["moved_up_witness_skips"],
            diag.get("time_edits_against_inherited", 0),
            diag.get("byline_edits_against_inherited", 0),
            st.get("catchups_left_out", 0),
        )
    )
    heads = {}
    sent_posts = {}
    for rec in recs:
        if rec["suspect"]:
            continue
        pg = rec["page"].idx
        for pid, v in rec["views"]:
            heads.setdefault((pid, norm(v.hl)), v.hl)
            if sim.posts[pid].kind != "regular":
                continue
            for p in v.body:
                for sn in sentences(norm(p)):
                    if len(sn) > 40:
                        sent_posts.setdefault(sn, set()).add((pid, pg))
    ends = {}
    short = long_ = quotes = 0
    for hl in heads.values():
        h = hl.rstrip()
        ch = h[-1]
        k = {
            "?": "?",
            ":": ":",
            ",": ",",
            ";": ";",
            ".": ".",
            "!": "!",
            '"': "quote",
            "\u201d": "quote",
            "\u2026": "ellipsis",
        }.get(ch, "none")
        if h.endswith("..."):
            k = "ellipsis"
        ends[k] = ends.get(k, 0) + 1
        nw = len(h.split())
        short += nw <= 3
        long_ += nw >= 14
        quotes += h[0] in '"\u201c'
    print(
        "  headline versions %d: endings %s; 1-3 words %d, 14+ words %d, quotations %d"
        % (len(heads), ", ".join("%s %d" % kv for kv in sorted(ends.items())), short, long_, quotes)
    )
    multi = [v for v in sent_posts.values() if len({pid for pid, _ in v}) >= 2]
    cross = [v for v in multi if len({pg for _, pg in v}) >= 2]
    print(
        "  sentence reuse among regular posts: %d sentences in 2+ posts (%d in 3+), %d across day pages"
        % (len(multi), sum(1 for v in multi if len({pid for pid, _ in v}) >= 3), len(cross))
    )


# ---------------------------------------------------------------- main


def generate(out_dir, n, seed, fmt):
    """Simulate, then write.  The contract's revert rule speaks of the time a parent
    version "was put up"; read as the capture that first showed that version, or as
    the capture whose text the post has kept since, the two readings differ in one
    rare case: an old page catching up with a newer page's text after it showed a
    re-timing that the capturer saw late.  Such catch-ups are left out (the run is
    repeated without them; they consume no randomness), so the truth is the same
    under either reading."""
    suppress = set()
    for _ in range(8):
        sim = Sim(seed, n, fmt, frozenset(suppress))
        sim.run()
        diag = compute_truth(sim.caps)[4]
        new = set()
        for pid, ci in diag.get("revert_def_cases", []):
            page, tc = sim.caps[ci]["page"].idx, sim.caps[ci]["t"]
            keys = [k for k in sim.catchup_log if k[0] == pid and k[1] == page and k[2] <= tc]
            if keys:
                new.add(max(keys, key=lambda k: k[2]))
        if not new - suppress:
            break
        suppress |= new
    truth, diag = write_corpus(sim, out_dir)
    return sim, truth, diag


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--captures", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--format", choices=["text", "html"], default="text")
    ap.add_argument(
        "--check",
        action="store_true",
        help="re-read the written corpus and validate the truth invariants",
    )
    a = ap.parse_args(argv)
    if a.captures < 1:
        ap.error("--captures must be positive")
    sim, truth, diag = generate(a.out_dir, a.captures, a.seed, a.format)
    print(
        "%s: wrote %d %s captures of %d day pages and truth.json to %s"
        % (GEN_NAME, len(truth["captures"]), a.format, len(sim.pages), a.out_dir)
    )
    if a.check:
        ok = check_corpus(a.out_dir, sim, truth, diag)
        return 0 if ok else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
