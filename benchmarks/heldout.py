#!/usr/bin/env python3
"""Held-out live-blog corpus generator: a discrete-event newsroom simulation.

Angle: a live blog is an append-only log of newsroom actions in real time. A priority queue of
timestamped events drives a fictional Northern California wildfire season (pages titled "July 18,
2025 Northern California wildfires news"): reporters file, editors revise and undo, a producer
rolls the page over after midnight carrying the newest posts to the new day's page, and a
homepage team captures one of the last seven pages at irregular times. Each capture is rendered
from the page state at its capture time (layout A, layout B or CNN live-story HTML); truth.json
is computed afterwards from the true post ids and the versions shown, by the rules of
CORPUS_CONTRACT.md, independently of the simulation's own edit log. Prose comes from slot-filled
sentence templates with inline alternatives ({a|b}) over a small world model (fires that grow,
towns, officials who own their quotes, a pool of statements and background paragraphs).

Rates (simulated hours, ET; full rate 06-23h, 45% at 23-01h and 05-06h, 20% at 01-05h; each day
gets a busyness factor 0.7-1.8, so pages hold ~15 to 60+ posts):
- new posts 1.7/h: 30% special headlines (ending in ? : ; , . ! ... or a closing quote, inner
  colons or periods, leading digits or quotes); 8% repeat an earlier post's lead, often days
  later; 4% analyses; captions on 60% (some title-like, no final period); subheads, "What happens
  next?"-style and "Read more:"-style lines; pooled statements and fire backgrounds reused verbatim.
- template posts every 3-5 h in daytime ("What we know so far", "The latest", "Here's what you
  need to know", "Catch up on today's developments"): fixed boilerplate plus 3-6 bullets quoting
  the lead sentence of other posts word for word.
- edits 1.4/h on the live page (60% on the six newest posts), 0.08/h on older pages: words 25%,
  sentence 13%, paragraph added 11% or cut 7%, headline 10%, caption 7%, byline 5%, time label 5%,
  typographic (quote style, dash, NBSP) 10%, compound 7%.
- reverts: 12% of edits undone 0.3-5 h later, plus 0.12/h restores of an older revision.
- deletions from the middle 0.06/h (15% undeleted later); re-timing to the top 0.06/h; pins
  0.05/h for 2-9 h (the pinned post shows at the top and at its own place, HTML and layout A).
- rollover 00:05-01:40: 2-6 newest posts carried to the new page with a new time label and a new
  data-uri (70% also edited); half the old pages get a "coverage has moved" post.
- captures: exponential gaps, mean 75 min (min 3 min); 12% followed 1-5 min later by a capture
  of another page; page choice live 72%, previous day 17%, older 11%; text layout B for 7% of
  live-page and 72% of older-page captures; window 3-10 (30%), 8-25 (45%) or 20-50 (25%) posts
  (B: 70% all up to 50), half the time the same depth as last time. By plan, one suspect capture
  per 50 (error page, consent wall, collapse to 1-2 posts, headlines only, in turn: 2%) and one
  stale CDN copy per 80 (an earlier, not the latest, capture of a page served byte for byte).

A 200-capture run spans ~10 days and pages and holds ~300-380 posts, ~200-240 edits, ~13-35 reverts, ~35-41
moves, ~20-50 removals, 4 suspect captures and 2-3 stale copies.

CLI: python benchmarks/heldout.py OUT_DIR [--captures N] [--seed S] [--format text|html]
(defaults 200, 1, text). Deterministic for a seed; the text and HTML runs of one seed simulate
the same newsroom. Standard library only.
"""
from __future__ import annotations

import argparse
import hashlib
import heapq
import html
import itertools
import json
import random
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path

START = datetime(2025, 7, 18, 4, 40)  # ET, which is UTC-4 all summer
UTC = timedelta(hours=4)
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
RATES = {"file": 1.7, "edit": 1.4, "oldedit": .08, "revert": .12, "delete": .06, "retime": .06, "pin": .05,
         "ignite": .025}
EDIT_KINDS = ("words", "sentence", "para_add", "para_cut", "head", "caption", "byline", "retime", "typo", "compound")
EDIT_W = (25, 13, 11, 7, 10, 7, 5, 5, 10, 7)
SUSPECTS = ("error", "consent", "collapsed", "headlines")
BULLET = "\u2022 "
TEMPLATE_HEADS = ("What we know so far", "The latest", "Here's what you need to know", "Catch up on today's developments")
TEMPLATE_INTRO = ("Firefighters are battling several large wildfires across Northern California, where hot, dry "
                  "conditions and gusty winds have forced thousands of people from their homes.")
MOVED = ("Our live coverage of the wildfires has moved here",
         "Go here for the latest updates on the wildfires burning across Northern California.")
REPORTERS = ["Maya Castillo", "Ethan Brooks", "Priya Raman", "Lucas Ferreira", "Hannah Ostrowski", "Jamal Whitfield", "Sofia Lindgren", "Owen McAllister", "Rachel Tanaka", "Diego Salazar", "Amara Okoye", "Caleb Nguyen", "Nora Halvorsen", "Isaiah Grant", "Leila Haddad", "Marcus Bell", "Tessa Moreau", "Victor Anand"]
PRODUCERS = ["Grace Holloway", "Samir Qureshi", "Elena Duarte", "Ben Whitcombe"]
CREDITS = ["Lena Marsh/AP", "Tomas Reyes/Reuters", "Ari Kessler/AFP/Getty Images", "Dana Whitlock/Bloomberg/Getty Images", "Cal Fire/Handout/Reuters", "Rowan Pike/Getty Images", "Mei Lin/The Sacramento Bee/Tribune News Service/Getty Images", "Courtesy Shasta County Sheriff's Office"]
FIRES = ["Pine Hollow Fire", "Cedar Ridge Fire", "Juniper Complex", "Bear Gulch Fire", "Madrone Fire", "Kettle Creek Fire", "Sawtooth Fire", "Lone Pine Fire", "Willow Flat Fire", "Copper Canyon Fire"]
COUNTIES = ["Shasta", "Tehama", "Trinity", "Plumas", "Butte", "Lassen", "Siskiyou"]
TOWNS = ["Whitmore", "Oak Run", "Round Mountain", "Shingletown", "Manton", "Millville", "Platina", "Burney", "Big Bend", "Fall River Mills", "Hayfork", "Quincy", "Chester", "Paynes Creek", "Montgomery Creek", "Mt. Shasta"]
OFFICIALS = [("Cal Fire Battalion Chief", "Marisol Vega"), ("Shasta County Sheriff", "Daniel Okafor"),
             ("National Weather Service meteorologist", "Travis Lindqvist"),
             ("US Forest Service spokesperson", "Renee Albright"), ("incident commander", "Tom Whitaker"),
             ("Tehama County Supervisor", "Gloria Ahn"), ("Red Cross regional director", "Priya Natarajan"),
             ("county health officer Dr.", "Samuel Reyes"), ("Cal Fire spokesperson", "Isaac Moreno"),
             ("Plumas County Sheriff", "Loretta Banks"), ("PG&E spokesperson", "Kyle Brandt"),
             ("Gov.", "Helen Marquez"), ("longtime resident", "Martha Jensen"), ("evacuee", "Carl Dobbins")]
SHELTERS = ["the Shasta College gym", "the Anderson fairgrounds", "Enterprise High School", "the Chester Memorial Hall"]
HIGHWAYS = ["Highway 299", "Highway 44", "Interstate 5", "Highway 36", "Highway 89"]
CAPTIONS = ["Firefighters battle the <fire> near <town>, California, on <weekday>.",
            "Smoke from the <fire> fills the sky over <town> on <date>.",
            "A home destroyed by the <fire> smolders in <town> on <weekday>.",
            "An air tanker drops retardant on the <fire> in <county> County, California, on <date>.",
            "Evacuees rest on cots at a shelter in <town2> on <weekday>.",
            "The <fire> burns along a ridge above <town> on <weekday>", "Crews on the fire line near <town>",
            "Burned-out vehicles line a street in <town>"]
SUBHEADS = ["<town>", "Evacuation orders", "In <county> County", "The latest numbers", "Road closures"]
QUESTIONS = ["What happens next?", "Where can evacuees go?", "What caused the fire?",
             "Why is this fire so hard to fight?", "What does containment mean?"]
ENDINGS = ["Read more:", "Read the full story:", "See the latest evacuation map:", "Watch:",
           "Here's what officials said:", "Read more here."]
BOILER = ["CNN has reached out to Pacific Gas and Electric for comment.",
          "The cause of the <fire> remains under investigation.", "CNN is unable to independently verify the figures.",
          "Evacuation orders and warnings for <county> County are posted on the sheriff's office website."]
BACKGROUND = ["The <fire> broke out on <start> near <town> in <county> County and has since burned <acres> acres, "
              "destroying at least <homes> homes and other structures. Its cause remains under investigation.",
              "The <fire> has forced thousands of people from their homes since it ignited on <start> in the hills "
              "above <town>. It has burned <acres> acres and was <pct>% contained as of <weekday>."]
DIVE = ["How climate change is making wildfires harder to fight", "What to pack if you are ordered to evacuate",
        "<fire>: Maps show the fire's growth", "Why California's fire season keeps getting longer",
        "The firefighters who work 24-hour shifts on the front lines",
        "How wildfire smoke affects your health \u2014 and how to protect yourself"]
ANALYSIS = (["Why this fire season is different", "How a warming climate is fueling California's megafires",
             "The hidden cost of fighting fires from the air"],
            ["Fuel loads that have built up over a century of fire suppression",
             "Hotter, drier summers and a longer fire season", "A shortage of seasonal firefighters",
             "Insurers pulling out of high-risk areas", "What communities can do to prepare."])
# Topics: "# key|bullet label|speakers (OFFICIALS indexes)", then H headlines (H[k] pairs with L[k]), S special
# headlines, L leads, D details, Q quotes (owned by one speaker). Topic "*" holds specials for any topic.
VOCAB = """# *|-|0
S Here's what we know about the <fire> so far:
S It's <daypart> in Northern California. Here's what you need to know.
S 3 things to know about the <fire>
# growth|Fire growth|0,4,8
S Can crews stop the <fire> before the winds return?
S The <fire> by the numbers:
S Crews hold the line near <town>; winds ease overnight;
S <fire>: <acres> acres burned, <pct>% contained
S The <fire> is <pct>% contained. Officials say the hardest part is over.
S Crews brace for another long night on the <fire>\u2026
S <oname> says the fire behaved "like nothing we have seen"
H <fire> grows to <acres> acres as crews battle {triple-digit heat|gusty winds|steep terrain}
H <fire> more than doubles in size {overnight|in a single day}
H Crews gain ground on the <fire> as containment reaches <pct>%
L The <fire> in <county> County has grown to <acres> acres and is <pct>% contained, {Cal Fire|fire officials|the incident management team} said <weekday>.
L The <fire> burned through thousands more acres {overnight|in the last few hours}, pushing its footprint to <acres> acres as flames crept toward <town>.
L Crews battling the <fire> {gained ground|lost ground|made slow progress} {overnight|in the last few hours|this morning} as the blaze spread to <acres> acres, according to Cal Fire.
D More than <crew> firefighters are assigned to the blaze, supported by <n> helicopters and {a fleet of air tankers|dozens of bulldozers|water tenders from across the state}.
D The fire is burning in {steep, rugged|remote, heavily timbered|dry, brushy} terrain {north|east|west|south} of <town>, which has made it difficult for crews to reach.
D Containment rose from <pct0>% to <pct>% over the past 24 hours, officials said.
D Fire behavior was "extreme" {overnight|this morning}, with spot fires igniting up to a mile ahead of the main front.
D Crews - many of them on 24-hour shifts - are trying to hold a line along the ridge above <town>.
Q We made good progress on the eastern flank, but the west side is still very active.
Q This fire is moving faster than anything I have seen in my career.
Q We are not out of the woods. Not even close.
# evac|Evacuations|1,9,5
S Will <town> have to evacuate again?
S Sheriff to <town> residents: Leave now!
S U.S. Forest Service closes trails as <fire> spreads
S Mt. Shasta residents told to prepare for possible evacuations
S What evacuees from <town> need to know:
S Evacuation orders expanded near <town>, again,
H Evacuation orders expanded to <town> and <town2> as <fire> spreads
H Thousands ordered to leave their homes in <county> County
H Some evacuation orders lifted near <town>
L Authorities expanded evacuation orders {this morning|in the last few hours|earlier today} to include <town> and <town2>, where about <people> people live, as the <fire> pushed toward the communities.
L About <people> residents of <county> County remain under evacuation orders, the sheriff's office says.
L Some residents of <town> were allowed to return home <weekday> after officials downgraded evacuation orders to warnings.
D An evacuation center has opened at <shelter>, according to the American Red Cross.
D Deputies went door to door in <town> {overnight|this morning} to urge holdouts to leave.
D Officials warned that the orders could be reinstated if winds shift again.
D A stretch of <hwy> between <town> and <town2> is closed in both directions, the California Highway Patrol said.
D Residents with large animals can take them to the <county> County fairgrounds, which opened its barns to evacuees.
Q If you are told to go, go. Do not wait for a knock on the door.
Q We understand people want to get back to their homes, but it is not safe yet.
Q Take your medications, your pets and your important documents, and leave now.
# weather|Weather|2
S Winds are picking up again near <town>\u2026
S Another red flag warning for <county> County: Be ready to go!
S Will the rain come in time?
S Forecast for <town>: hot, dry and windy;
H Red flag warning issued as dry lightning threatens Northern California
H Winds expected to ease {by <weekday>|tonight}, forecasters say
H Triple-digit heat to return to the Sacramento Valley this week
L The National Weather Service issued a red flag warning for much of <county> County through <weekday> evening, citing gusts of up to <wind> mph and humidity in the single digits.
L Gusty winds that fanned the <fire> {overnight|in the last few hours} are expected to ease {tonight|by <weekday>}, giving crews a window to strengthen containment lines, forecasters say.
L Forecasters say temperatures near the <fire> could reach <temp> degrees {this afternoon|on <weekday>}, complicating efforts to contain the blaze.
L A band of thunderstorms moving across the northern Sacramento Valley {overnight|this morning} could spark new fires, forecasters warned.
D Relative humidity is expected to drop to between 5% and 10% in the afternoon.
D Winds out of the {northeast|southwest|north} could push the fire toward <town>, the weather service said.
D Any rain from the storms is likely to evaporate before it reaches the ground, meteorologists said.
D Conditions are forecast to improve slightly by the weekend.
Q These are the kind of conditions where a fire can run for miles in an afternoon.
Q Dry lightning is our biggest concern over the next 48 hours.
# casualty|Injuries|0,1,8
S <n> firefighters injured battling the <fire>
S Sheriff on the first death in the <fire>: "This is a tragedy"
H Body found in burned home near <town>, sheriff says
H Firefighter hospitalized with burns after flames overran crew
L Authorities confirmed <weekday> that a person was found dead inside a burned home in <town>, the first known fatality of the <fire>.
L A firefighter was airlifted to a burn center after flames overran a crew near <town>, Cal Fire said.
L {Two|Three|Four|Several} firefighters were injured {overnight|in the last few hours|this morning} while battling the <fire>, <role> <name> says.
D The injuries were not considered life-threatening, officials said.
D The victim's name has not been released pending notification of family members.
D The crew was working on a dozer line when winds shifted suddenly, according to a preliminary report.
D Investigators are working to determine whether the person had received an evacuation order.
Q Our thoughts are with the family, and with everyone who has lost so much this week.
Q Our firefighters are exhausted, but they are not giving up.
# damage|Damage|5,1,4
S <homes> homes lost, <pct>% contained: The <fire> at a glance
S "We lost everything": <town> residents return to find homes in ruins
S Rebuilding <town>, one lot at a time,
H <homes> homes destroyed as the <fire> tears through <town>
H Damage assessment teams begin surveying <town>
H Historic church among buildings lost in <town>
L At least <homes> homes and other structures have been destroyed by the <fire>, according to preliminary damage assessments released <weekday>.
L Damage inspection teams began going street by street in <town> {this morning|earlier today} to count the homes lost to the <fire>.
L The fire destroyed a {century-old church|volunteer fire station|general store} in the heart of <town>, local officials say.
D Another {200|350|480} structures remain under threat, Cal Fire said.
D Officials expect the number of destroyed buildings to rise as crews reach more remote areas.
D Aerial images show entire blocks of <town> reduced to ash and twisted metal.
D Residents can check the status of their homes on an interactive map published by the county.
Q It is heartbreaking. Some of these families have lived here for generations.
Q We are going to rebuild, but it is going to take years.
# smoke|Air quality|7,2
S Smoke from the <fire> reaches the Bay Area, again,
S Is it safe to go outside?
S Health officials to <county> County: Stay indoors!
H Smoke from the <fire> blankets the Sacramento Valley
H Schools close in <county> County as air quality worsens
H Air quality alerts issued for millions of Californians
L Smoke from the <fire> drifted hundreds of miles {overnight|this morning}, prompting air quality alerts as far away as the Bay Area.
L Several school districts in <county> County canceled classes {on <weekday>|earlier today} because of heavy smoke.
L Air quality in parts of <county> County reached "hazardous" levels <weekday>, with the air quality index topping <aqi>, according to AirNow.
D Health officials urged people to stay indoors, keep windows closed and run air purifiers if they have them.
D People with heart or lung disease, older adults and children are especially vulnerable to wildfire smoke.
D N95 masks are being handed out at fire stations and libraries across the county.
Q If you can smell smoke, you are breathing it in. Limit your time outdoors.
Q This is the worst air we have had since 2021.
# power|Power outages|10
S Power back on in <town>; more shutoffs possible;
S <customers> customers in the dark. Here's why.
H Utility shuts off power to <customers> customers as winds pick up
H Power restored to most customers near <town>
L Pacific Gas and Electric cut power to about <customers> customers in <county> and neighboring counties {on <weekday>|this morning} to reduce the risk of its equipment sparking new fires.
L Most customers who lost power during the shutoff near <town> had electricity restored by <weekday> evening, the utility said.
D The utility said it expects to restore power within 48 hours after winds subside and crews inspect the lines.
D Community resource centers with charging stations and water have opened in <town> and <town2>.
D Customers who rely on medical devices were contacted in advance, the utility said.
Q We know how disruptive these shutoffs are, and we do not take them lightly.
Q Safety is the reason we de-energize. The weather is simply too dangerous right now.
# aid|Emergency aid|11,5
S Governor calls the <fire> "a monster"
S Who pays for the fight against the <fire>?
H Governor declares state of emergency for <county> County
H Federal aid approved to help fight the <fire>
L Gov. Helen Marquez declared a state of emergency in <county> County {on <weekday>|earlier today}, freeing up state resources to fight the <fire>.
L The Federal Emergency Management Agency approved a Fire Management Assistance Grant to help pay for the fight against the <fire>, officials said <weekday>.
L Residents affected by the <fire> can now apply for federal disaster assistance, the White House said <weekday>.
D The declaration allows the state to request help from the National Guard.
D Under the grant, FEMA will cover 75% of eligible firefighting costs.
D Applications can be filed online, by phone or in person at a disaster recovery center in <town2>.
Q Californians are resilient, and we will be with them every step of the way.
Q The state will do everything it can to help these communities recover.
# cause|Investigation|1,9,10
S What caused the <fire>?
S The <fire> investigation, explained:
H What sparked the <fire>? Investigators are looking at a power line
H Man arrested on suspicion of arson in connection with the <fire>
H Lawsuit claims utility equipment started the <fire>
L Investigators are examining whether a power line sparked the <fire>, according to a filing the utility made with state regulators <weekday>.
L A {34|41|52|29}-year-old man was arrested on suspicion of arson in connection with the <fire>, the <county> County Sheriff's Office said.
L A group of <town> residents filed a lawsuit <weekday> alleging that utility equipment ignited the <fire>.
D The utility said it is cooperating fully with investigators.
D The man is being held without bail and is scheduled to appear in court <weekday>.
D The lawsuit seeks unspecified damages and accuses the company of failing to maintain its equipment.
D Cal Fire has not determined an official cause.
Q We will follow the evidence wherever it leads.
Q We are aware of the filing and will respond in court.
# residents|Residents|12,13,6
S "It came so fast": Evacuees describe the night the <fire> hit <town>
S Residents describe fleeing a "wall of flame"
S Waiting for news from home\u2026
H Evacuees describe a frantic escape from <town>
H Volunteers rush to help animals left behind by the <fire>
L Residents of <town> who fled the <fire> described scrambling to leave as flames crested the ridge above their homes.
L Volunteers with trucks and trailers have moved hundreds of horses, goats and cattle out of the path of the <fire>.
L For many evacuees from <town>, the shelter at <shelter> has become a temporary home.
D Some residents said they received the evacuation alert only minutes before the fire arrived.
D Shelter volunteers said they had served more than <people> meals since the fire began.
D Many residents in the area are retirees living on fixed incomes.
D Animal control officers are also caring for dogs and cats left behind in evacuated homes.
Q It came so fast. We grabbed the dog and the photo albums and that was it.
Q I do not know what we are going back to. I just know we have to go back.
# resources|Resources|0,4,3
S <crew> firefighters are now on the <fire> lines
S Help from abroad: Crews arrive from Australia and Canada!
H Firefighters from <n> states join the battle against the <fire>
H Australian and Canadian crews arrive to help
H National Guard deployed to the <fire>
L More than <crew> personnel are now assigned to the <fire>, including crews from Oregon, Nevada and Arizona, Cal Fire said <weekday>.
L A contingent of firefighters from Australia and Canada arrived in Redding {on <weekday>|this morning}, officials said.
L The California National Guard has deployed helicopters and soldiers to support firefighters on the <fire>.
D The crews will work 14-day assignments before being rotated out.
D Several large air tankers, including a converted DC-10, are flying out of the Redding airport.
D Incarcerated firefighters from state conservation camps are also on the line.
Q The help from our neighbors has been incredible.
Q We are stretched thin, with several large fires burning at the same time."""
SWAPS = [(r"\bsays\b", "said"), (r"\bthis morning\b", "on <weekday>"), (r"\bin the last few hours\b", "<weekday>"),
         (r"\bovernight\b", "<weekday> night"), (r"\bearlier today\b", "on <weekday>"), (r"\bat least\b", "more than"),
         (r"\bmore than\b", "at least"), (r"\bnearly\b", "about"), (r"\babout\b", "roughly"),
         (r"\bresidents\b", "people"), (r"\bcrews\b", "firefighters"), (r"\bblaze\b", "fire"),
         (r"\bofficials\b", "authorities"), (r"\bsaid\b", "told CNN")]
STRAIGHT = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
FOLD = str.maketrans({"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\u200a": " ", "\u2002": " ",
                      "\u2003": " ", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                      "\u2014": "-", "\u2212": "-", "\u2011": "-"})
ENT = str.maketrans({"\u2019": "&rsquo;", "\u2018": "&lsquo;", "\u201c": "&ldquo;", "\u201d": "&rdquo;",
                     "\u2013": "&ndash;", "\u2014": "&mdash;", "\u2026": "&hellip;", "\u00a0": "&nbsp;"})


def parse_vocab(text: str) -> dict[str, dict[str, list[str]]]:
    topics: dict[str, dict[str, list[str]]] = {}
    for line in text.split("\n"):
        if line.startswith("# "):
            key, label, who = line[2:].split("|")
            cur = topics[key] = {"label": [label], "who": who.split(","), "H": [], "S": [], "L": [], "D": [], "Q": []}
        else:
            cur[line[0]].append(line[2:])
    return topics


TOPICS = parse_vocab(VOCAB)
SPECIAL = TOPICS.pop("*")["S"]


# ----------------------------------------------------------------------------- text helpers
def ex(r: random.Random, tpl: str, ctx: dict[str, str]) -> str:
    """Expand {a|b} alternatives, then <slot> references."""
    s = re.sub(r"\{([^{}]*)\}", lambda m: r.choice(m.group(1).split("|")), tpl)
    return re.sub(r"<(\w+)>", lambda m: str(ctx[m.group(1)]), s)


def norm(s: str) -> str:
    return " ".join(s.translate(FOLD).split())


def smart(s: str) -> str:
    """Curly quotes and apostrophes, as the archive template prints body text."""
    s, out = s.translate(STRAIGHT), []
    for i, ch in enumerate(s):
        opening = i == 0 or s[i - 1] in " \u00a0([\u2014\n\"'"
        if ch == '"':
            ch = "\u201c" if opening else "\u201d"
        elif ch == "'":
            ch = "\u2018" if opening and s[i + 1:i + 2].isalpha() and s[i - 1] != "'" else "\u2019"
        out.append(ch)
    return "".join(out)


def sentences(p: str) -> list[str]:
    out: list[str] = []
    for part in re.split(r"(?<=[.!?\u201d\"]) (?=[A-Z\"\u201c])", p):
        if out and out[-1].endswith(("Mt.", "U.S.", "Dr.", "Gov.", "St.")):
            out[-1] += " " + part
        else:
            out.append(part)
    return out


def names_join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def tlabel(t: datetime) -> str:
    return f"{t.hour % 12 or 12}:{t.minute:02d} {'a.m.' if t.hour < 12 else 'p.m.'} ET, {dlabel(t)}"


def dlabel(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def h8(s: str) -> int:
    return int(hashlib.sha1(s.encode()).hexdigest()[:8], 16)


def put(t: tuple[str, ...], i: int, s: str) -> tuple[str, ...]:
    return (*t[:i], s, *t[i + 1:])


def mutate(r: random.Random, s: str, ctx: dict[str, str], clause: bool = True) -> str:
    """A few words changed: a number, a tense or time phrase, a synonym, or a tacked-on attribution."""
    def num() -> str | None:
        ms = [m for m in re.finditer(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?![\d,]*\d)", s)
              if s[:m.start()].split()[-1:] not in [[w] for w in [*MONTHS, "Highway", "Interstate"]]]
        if not ms:
            return None
        m = r.choice(ms)
        x = int(m.group().replace(",", ""))
        y = max(1, round(x * (r.uniform(1.05, 1.4) if r.random() < .75 else r.uniform(.6, .95))))
        y = y if y != x else x + 1
        if s[m.end():m.end() + 1] == "%":
            y = min(y, 100) if min(y, 100) != x else x - 1
        return s[:m.start()] + (f"{y:,}" if "," in m.group() or y >= 10000 else str(y)) + s[m.end():]

    def swap() -> str | None:
        hits = [(pat, rep) for pat, rep in SWAPS if re.search(pat, s)]
        return re.sub(*(lambda pr: (pr[0], ex(r, pr[1], ctx)))(r.choice(hits)), s, count=1) if hits else None

    def tack() -> str | None:
        if not clause or not s.endswith(".") or re.search(r"\b(said|says?|according|told)\b[^,]*\.$", s):
            return None
        return s[:-1] + ex(r, ", {officials said|according to Cal Fire|the sheriff's office said}.", ctx)
    ops = [num, swap, tack]
    r.shuffle(ops)
    for t in (op() for op in ops):
        if t and norm(t) != norm(s):
            return t
    return s + " " + ex(r, "{Officials did not say when|Details were not immediately available}.", ctx)


def typo_flip(r: random.Random, s: str) -> str:
    """A typographic-only change: quote style, dash style or a non-breaking space."""
    if re.search("[\u2018\u2019\u201c\u201d]", s) and r.random() < .7:
        return s.translate(STRAIGHT)
    if re.search("[\"']", s) and r.random() < .7:
        return smart(s)
    for a, b in ((" - ", " \u2013 "), (" \u2013 ", " \u2014 "), (" \u2014 ", " - ")):
        if a in s:
            return s.replace(a, b)
    return nbsp(r, s)


def nbsp(r: random.Random, s: str) -> str:
    spaces = [m.start() for m in re.finditer(" ", s.strip())]
    i = r.choice(spaces) if spaces else -1
    return s if i < 0 else s[:i] + "\u00a0" + s[i + 1:]


# ----------------------------------------------------------------------------- data model
@dataclass(frozen=True)
class Ver:
    """One revision of one post on one page, as the CMS holds it."""
    head: str
    byline: str
    caps: tuple[tuple[str, str], ...]  # (caption, credit)
    paras: tuple[str, ...]  # body paragraphs; bullets start with BULLET
    time: datetime  # the time label


@dataclass
class Meta:
    pid: int
    kind: str  # news, analysis, template, moved
    topic: str
    ctx: dict[str, str]
    style: str  # straight, curly or mixed quotes
    nbsp: bool
    names: list[str]
    used: set[str] = field(default_factory=set)


@dataclass
class Page:
    day: date
    title: str
    updated: datetime
    promo: tuple[str, ...]
    dive: list[str]
    entities: bool
    authors: list[str]
    order: list[int] = field(default_factory=list)  # newest first
    hist: dict[int, list[Ver]] = field(default_factory=dict)
    uri: dict[int, str] = field(default_factory=dict)
    pinned: int | None = None
    last_k: int = 0
    caps: list[int] = field(default_factory=list)

    def cur(self, pid: int) -> Ver:
        return self.hist[pid][-1]


@dataclass
class Fire:
    name: str
    county: str
    towns: list[str]
    start: date
    acres: int
    pct: int
    homes: int
    seen: datetime
    bg: str = ""


@dataclass(frozen=True)
class Shown:
    """A post as one capture shows it; None marks a field this layout does not show."""
    layout: str
    head: str
    paras: tuple[str, ...]  # captions, then body
    time: str | None
    byline: str | None


@dataclass
class Cap:
    file: str
    page: str
    layout: str
    suspect: bool
    at: datetime
    posts: list[int]
    shown: list[Shown]
    body: str


def shown_of(v: Ver, layout: str) -> Shown:
    caps = tuple(c for c, _ in v.caps)
    if layout == "B":
        return Shown("B", v.head, caps + tuple(smart(p) for p in v.paras), None, None)
    paras = tuple(p.removeprefix(BULLET) if layout == "html" else p for p in v.paras)
    return Shown(layout, v.head, caps + paras, tlabel(v.time), v.byline)


# ----------------------------------------------------------------------------- rendering
def body_text(paras: tuple[str, ...], tight: bool) -> str:
    """Blank lines between paragraphs; bullets on consecutive lines; rare single-newline joins (layout A)."""
    out = ""
    for j, p in enumerate(paras):
        bullet, prev = p.startswith(BULLET), j and paras[j - 1].startswith(BULLET)
        if j:
            single = (bullet and prev) or (tight and not bullet and not prev and h8(norm(p)) % 23 == 0)
            out += "\n" if single else "\n\n"
        out += "  " + p if bullet else p
    return out


def render_a(pg: Page, vers: list[Ver], n: int, dive: bool, heads_only: bool = False) -> str:
    out = "\n".join([pg.title, "", f"By {names_join(pg.authors)}, CNN", "", f"Updated {tlabel(pg.updated)}",
                     f"{n} Posts", "Sort byDropdown arrow"])
    glue = "\n"
    for v in vers:
        lines = [tlabel(v.time), "", v.head]
        if not heads_only:
            lines += [""] + ([v.byline, ""] if v.byline else [])
            lines += [x for c, credit in v.caps for x in (c, f"{c} ({credit})", "")] + [body_text(v.paras, True)]
        out += glue + "\n".join(lines)
        glue = "\n" if heads_only or h8(norm(v.paras[-1])) % 6 == 0 else "\n\n"
    return out + ("\n\nDive Deeper\n\n" + "\n".join(pg.dive) if dive else "")


def render_b(pg: Page, vers: list[Ver], n: int) -> str:
    blocks = [f"{pg.title} | CNN", pg.title, *(["\n".join(pg.promo)] if pg.promo else []), "What we covered here",
              f"{n} Posts"]
    for v in vers:
        s = shown_of(v, "B")
        blocks.append("\n\n".join([v.head, *s.paras[:len(v.caps)], body_text(s.paras[len(v.caps):], False)]))
    dive = "Dive Deeper\n\n" + "\n".join(pg.dive)
    return "\n\n".join([*blocks, dive, dive])


def esc(s: str, ent: bool) -> str:
    s = html.escape(s, quote=False)
    return s.translate(ENT) if ent else s.replace("\u00a0", "&nbsp;")


def linkify(s: str, seed: int) -> str:
    """An inline link around a few words of one paragraph in five (text unchanged)."""
    words = s.split(" ")
    if seed % 5 or len(words) < 9:
        return s
    i = seed % (len(words) - 5) + 1
    words[i] = f'<a href="https://www.cnn.com/2025/07/{seed % 28 + 1:02d}/us/fire-{seed % 997}/index.html">{words[i]}'
    words[i + 2] += "</a>"
    return " ".join(words)


def article(pg: Page, pid: int, v: Ver, pinned: bool, heads_only: bool) -> str:
    uri, ent = pg.uri[pid], pg.entities
    out = [f'<article class="live-story-post{" live-story-post--pinned" if pinned else ""}" data-uri="{uri}" '
           f'id="{uri.split("/")[-1].split("@")[0]}">']
    out += ['<div class="live-story-post__pinned-label"><svg class="icon-pin"></svg>Pinned</div>'] if pinned else []
    out.append(f'<header class="live-story-post__header"><span class="live-story-post__timestamp">{tlabel(v.time)}'
               f'</span>\n<h2 class="live-story-post__headline" data-editable="headline">{esc(v.head, ent)}</h2>')
    if v.byline and not heads_only:
        out.append(f'<div class="live-story-post__byline">{esc(v.byline, ent)}</div>')
    out.append("</header>")
    if not heads_only:
        out.append('<div class="live-story-post__content">')
        for c, credit in v.caps:
            out.append(f'<figure class="image"><div class="image__container"><img src="https://media.cnn.com/api/v1/'
                       f'images/stellar/prod/{h8(c):08x}-wildfire.jpg?c=16x9&q=w_800,c_fill" alt="{html.escape(c)}" '
                       f'loading="lazy"></div><figcaption class="image__caption">{esc(c, ent)}</figcaption>'
                       f'<div class="image__credit">{esc(credit, ent)}</div></figure>')
        in_list = False
        for p in v.paras:
            if p.startswith(BULLET) != in_list:
                in_list = not in_list
                out.append('<ul class="list">' if in_list else "</ul>")
            text = linkify(esc(p.removeprefix(BULLET), ent), h8(norm(p)))
            para = f'<p class="paragraph inline-placeholder">{text}</p>'
            out.append(f"<li>{para}</li>" if in_list else para)
        out += ["</ul>"] if in_list else []
        if h8(v.head) % 4 == 0:
            out.append(f'<div class="related-content"><a href="/2025/07/wildfire-explainer/index.html"><span '
                       f'class="related-content__headline">{esc(pg.dive[0], ent)}</span></a></div>')
        out.append('</div>\n<div class="live-story-post__share"><button class="share__copy-link">Copy Link</button>'
                   '<a class="share__facebook" href="https://www.facebook.com/sharer/sharer.php">Facebook</a>'
                   '<a class="share__twitter" href="https://twitter.com/intent/tweet">X</a></div>')
    return "\n".join([*out, "</article>"])


def html_shell(title: str, body: str, nonce: str, ld: str = "") -> str:
    return (f'<!DOCTYPE html>\n<html lang="en" data-layout="live-story">\n<head>\n<meta charset="utf-8">\n<meta '
            f'name="viewport" content="width=device-width, initial-scale=1">\n<title>{html.escape(title)}</title>\n{ld}'
            f'<script>window.CNN=window.CNN||{{}};CNN.requestId="{nonce}";CNN.contentType="live-story";</script>\n'
            '<style>.live-story-post{border-top:1px solid #e6e6e6;padding:24px 0}.ad-slot{min-height:250px}</style>\n'
            '<script async src="https://www.googletagservices.com/tag/js/gpt.js"></script>\n</head>\n<body>\n<header '
            'class="header"><a class="brand-logo" href="/">CNN</a><nav class="header__nav"><a href="/us">US</a><a '
            'href="/world">World</a><a href="/politics">Politics</a><a href="/business">Business</a><a href="/weather">'
            'Weather</a><a href="/video">Video</a></nav><button class="header__search">Search</button><a class="header'
            f'__login" href="/account/log-in">Log In</a></header>\n{body}\n<footer class="footer"><nav><a href="/terms"'
            '>Terms of Use</a><a href="/privacy">Privacy Policy</a><a href="/ad-choices">Ad Choices</a></nav><p class='
            '"footer__copyright">\u00a9 2025 Cable News Network. A Warner Bros. Discovery Company. All Rights Reserved.'
            '</p></footer>\n<script>(function(){var s=document.createElement("script");s.src="/js/live-story.'
            f'{nonce[:6]}.js";document.body.appendChild(s)}})();</script>\n</body>\n</html>\n')


def render_html(pg: Page, ids: list[int], vers: list[Ver], n: int, nonce: str, heads_only: bool = False) -> str:
    ld = json.dumps({"@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": pg.title,
                     "dateModified": pg.updated.isoformat() + "-04:00", "liveBlogUpdate": [
                         {"@type": "BlogPosting", "headline": v.head, "datePublished": v.time.isoformat() + "-04:00",
                          "url": "https://www.cnn.com/live#" + pg.uri[p].split("/")[-1].split("@")[0]}
                         for p, v in dict(zip(ids, vers, strict=False)).items()]})
    items = []
    for j, (pid, v) in enumerate(zip(ids, vers, strict=False)):
        items.append(article(pg, pid, v, pid == pg.pinned and j == 0, heads_only))
        if j % 3 == 2:
            items.append(f'<div class="ad-slot ad-slot--inline" id="ad-{nonce[j % 8:j % 8 + 6]}-{j}"><script>googletag.'
                         f'cmd.push(function(){{googletag.display("ad-{j}")}});</script><span class="ad-feedback">Ad '
                         'Feedback</span></div>')
    dive = "".join(f'<li><a href="/2025/07/dive-{i}/index.html">{esc(d, pg.entities)}</a></li>'
                   for i, d in enumerate(pg.dive))
    body = (f'<div class="ad-slot ad-slot--top" id="ad-top-{nonce[:8]}"></div>\n<main class="layout__main">\n<div '
            f'class="headline"><h1 class="headline__text">{esc(pg.title, pg.entities)}</h1></div>\n<div class="byline">'
            f'By {esc(names_join(pg.authors), pg.entities)}, CNN</div>\n<div class="timestamp">Updated '
            f'{tlabel(pg.updated)}</div>\n<div class="live-story__post-count">{n} Posts</div>\n<div class="live-story__'
            'items">\n' + "\n".join(items) + '\n</div>\n<section class="dive-deeper"><h2>Dive Deeper</h2><ul>' + dive
            + "</ul></section>\n</main>")
    return html_shell(f"{pg.title} | CNN", body, nonce, f'<script type="application/ld+json">{ld}</script>\n')


def render_suspect(kind: str, fmt: str, pg: Page, nonce: str) -> str:
    """An error page or a consent wall: no posts."""
    if kind == "error" and fmt == "html":
        return html_shell("Page not found | CNN", '<main class="error-page"><h1>Page not found</h1><p>The page you '
                          'requested may have been moved.</p><a href="/">Go to the CNN homepage</a></main>', nonce)
    if kind == "error":
        return ("503 Service Temporarily Unavailable\n\nThe server is temporarily unable to service your request due to"
                " maintenance downtime or capacity problems. Please try again later.\n\nReference #" + nonce[:12])
    text = ("We Care About Your Privacy", "We and our 842 partners store and/or access information on a device, such as"
            " unique IDs in cookies to process personal data. You may accept or manage your choices.")
    buttons = ("Accept All", "Reject All", "Show Purposes")
    if fmt == "html":
        return html_shell(f"{pg.title} | CNN", f'<div id="onetrust-banner-sdk" role="dialog"><h2>{text[0]}</h2><p>'
                          f'{text[1]}</p>' + "".join(f"<button>{b}</button>" for b in buttons) + "</div>", nonce)
    return f"{pg.title} | CNN\n\n" + "\n\n".join(text) + "\n\n" + "\n".join(buttons)


# ----------------------------------------------------------------------------- the newsroom
class Newsroom:
    """Discrete-event simulation: every queued callable is one newsroom action at self.now."""

    def __init__(self, seed: int, n: int, fmt: str) -> None:
        self.r, self.n, self.fmt, self.now = random.Random(seed), n, fmt, START
        self.queue: list[tuple[datetime, int, Callable[[], None]]] = []
        self.seq = itertools.count()
        self.pages: list[Page] = []
        self.meta: dict[int, Meta] = {}
        self.fires: list[Fire] = []
        self.pool: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.caps: list[Cap] = []
        self.busy = 1.0
        self.special: dict[int, str] = {}
        for b, start in enumerate(range(0, n, 50)):
            self.special[start + self.r.randint(6, 49)] = SUSPECTS[b % 4]
        for start in range(0, n, 80):
            self.special.setdefault(start + self.r.randint(12, 79), "stale")

    # -- event loop
    def at(self, hours: float, fn: Callable[[], None]) -> None:
        heapq.heappush(self.queue, (self.now + timedelta(hours=hours), next(self.seq), fn))

    def process(self, kind: str) -> None:
        """A Poisson process: reschedule, then act with a probability that follows the hour and the day."""
        self.at(self.r.expovariate(RATES[kind]), lambda: self.process(kind))
        h = self.now.hour
        if self.r.random() < self.busy * (1.0 if 6 <= h < 23 else .45 if h in (23, 0, 5) else .2):
            getattr(self, "on_" + kind)()

    def run(self) -> list[Cap]:
        self.ignite()
        self.ignite()
        pg = self.new_page(self.now.date())
        for k in range(3):
            self.now = START + timedelta(minutes=25 * k)
            self.add(pg, *self.make_news())
        for kind in RATES:
            self.at(self.r.expovariate(RATES[kind]), lambda kind=kind: self.process(kind))
        self.at(1.2, self.on_template)
        self.at(1.0, self.on_capture)
        self.at(24 - self.now.hour - self.now.minute / 60 + self.r.uniform(.1, 1.6), self.on_rollover)
        while len(self.caps) < self.n:
            self.now, _, fn = heapq.heappop(self.queue)
            fn()
        return self.caps

    @property
    def cur(self) -> Page:
        return self.pages[-1]

    def stamp(self) -> datetime:
        return self.now.replace(second=0, microsecond=0)

    # -- the world and its prose
    def new_page(self, day: date) -> Page:
        r, ctx = self.r, self.ctx(self.fires[-1])
        promo = ("wildfire crews", ex(r, "Inside the fight to save <town> from the <fire>", ctx),
                 f"0{r.randint(1, 5)}:{r.randint(0, 59):02d} - Source: CNN") if r.random() < .6 else ()
        pg = Page(day, f"{dlabel(day)} Northern California wildfires news", self.stamp(), promo,
                  [ex(r, d, ctx) for d in r.sample(DIVE, 3)], r.random() < .4, r.sample(PRODUCERS, 2))
        self.pages.append(pg)
        return pg

    def ignite(self) -> None:
        r = self.r
        towns = [t for t in TOWNS if t not in {x for f in self.fires for x in f.towns}]
        towns = r.sample(towns if len(towns) > 2 else TOWNS, 3)
        start = (self.now - timedelta(days=r.randint(0, 3))).date()
        self.fires.append(Fire(FIRES[len(self.fires)], r.choice(COUNTIES), towns, start, r.randint(800, 9000),
                               r.randint(0, 10), r.randint(0, 40), self.now))

    def fire(self, m: Meta) -> Fire:
        return next(f for f in self.fires if f.name == m.ctx["fire"])

    def pick_fire(self) -> Fire:
        r = self.r
        live = [f for f in self.fires if f.pct < 100] or self.fires
        f = live[0] if r.random() < .45 else r.choice(live)
        hours = min(30.0, (self.now - f.seen).total_seconds() / 3600)
        if hours > 1:
            f.acres = int(f.acres * (1 + r.uniform(0, .012) * hours))
            f.pct, f.homes = min(100, f.pct + int(r.uniform(0, .6) * hours)), f.homes + int(r.uniform(0, 1.5) * hours)
            f.seen = self.now
        if not f.bg or r.random() < .04:
            f.bg = ex(r, r.choice(BACKGROUND), self.ctx(f))
        return f

    def ctx(self, f: Fire) -> dict[str, str]:
        r, now, h = self.r, self.now, self.now.hour
        role, name = r.choice(OFFICIALS[:10])
        part = ("early morning" if h < 6 else "morning" if h < 12 else "midday" if h < 14 else "mid-afternoon"
                if h < 17 else "evening" if h < 21 else "late night")
        return dict(fire=f.name, county=f.county, town=r.choice(f.towns), town2=r.choice(TOWNS), acres=f"{f.acres:,}",
                    acres0=f"{int(f.acres * r.uniform(.4, .8)):,}", pct=str(f.pct), homes=str(max(3, f.homes)),
                    pct0=str(max(0, f.pct - r.randint(3, 15))), n=str(r.randint(2, 9)),
                    crew=f"{r.randint(4, 40) * 50:,}", people=f"{r.randint(2, 60) * 500:,}",
                    wind=str(r.choice([35, 40, 45, 50, 60])), aqi=str(r.randint(160, 420)),
                    temp=str(r.randint(98, 112)), customers=f"{r.randint(5, 90) * 1000:,}", hwy=r.choice(HIGHWAYS),
                    weekday=WEEKDAYS[now.weekday()], date=f"{MONTHS[now.month - 1]} {now.day}",
                    start=f"{MONTHS[f.start.month - 1]} {f.start.day}",
                    shelter=r.choice(SHELTERS), role=role, name=name, oname=name.split()[-1], k="0", daypart=part)

    def byline(self, m: Meta, loc: str = "") -> str:
        x = h8(str(m.pid)) % 100
        if m.kind != "news":
            return f"Analysis by CNN's {m.names[0]}" if m.kind == "analysis" else "From CNN staff" if x < 60 else ""
        if x < 4:  # a bare list of names, as CNN sometimes prints
            return names_join(m.names + [n for n in REPORTERS[x::5] if n not in m.names][:len(m.names) < 2])
        return f"From CNN{chr(8217) if x % 3 == 0 else chr(39)}s {names_join(m.names)}{loc}"

    def caption(self, m: Meta) -> tuple[str, str]:
        return ex(self.r, self.r.choice(CAPTIONS), m.ctx), self.r.choice(CREDITS)

    def styl(self, m: Meta, s: str) -> str:
        """The reporter's typography: curly or straight quotes, stray non-breaking spaces."""
        r = self.r
        s = smart(s) if m.style == "curly" or (m.style == "mixed" and r.random() < .5) else s
        return (s + "\u00a0" if r.random() < .5 else nbsp(r, s)) if m.nbsp and r.random() < .25 else s

    def fresh(self, m: Meta, key: str) -> str | None:
        """A template of the post's topic not used in this post yet."""
        s = self.r.choice([x for x in TOPICS[m.topic][key] if x not in m.used] or [""])
        m.used.add(s)
        return s or None

    def quote(self, m: Meta, sofar: list[str]) -> tuple[str, str, bool] | None:
        """A quote; each quote belongs to one speaker, named in full the first time in a post."""
        r, tpl, who = self.r, self.fresh(m, "Q"), TOPICS[m.topic]["who"]
        if tpl is None:
            return None
        role, name = OFFICIALS[int(who[h8(tpl) % len(who)])]
        c = m.ctx | dict(role=role, name=name, oname=name.split()[-1], Role=role[0].upper() + role[1:])
        known = any(name in p for p in sofar)
        frames = (['"{c}," <oname> said.', '"{c}," <oname> added.', '"{c}," <oname> told CNN.'] if known else
                  ['"{c}," <role> <name> told CNN <weekday>.', '"{c}," <role> <name> said in a statement.',
                   '<Role> <name> said at a {news conference|briefing} <weekday>: "{q}"'])
        q = ex(r, tpl, c)
        return ex(r, r.choice(frames).replace("{c}", q[:-1]).replace("{q}", q), c), tpl, known

    def body_paras(self, m: Meta, fire: Fire, sofar: list[str]) -> list[str]:
        """One or two new paragraphs: details, a quote, a fire's background, a pooled statement, boilerplate,
        or a subhead or question line followed by a detail."""
        r, c, x = self.r, m.ctx, self.r.random()
        d = self.fresh(m, "D") if x < .4 or x >= .88 else None
        if x < .4 and d:
            more = self.fresh(m, "D") if r.random() < .33 else None
            return [" ".join(ex(r, y, c) for y in (d, more) if y)]
        if x >= .88 and d:
            kind = "subhead" if x < .94 else "question"
            line = [] if kind in m.used else [ex(r, r.choice(SUBHEADS), c) if x < .94 else r.choice(QUESTIONS)]
            m.used.add(kind)
            return [*line, ex(r, d, c)]
        got = self.quote(m, sofar) if x < .62 and sum('"' in norm(p) for p in sofar) < 2 else None
        if got:
            if not got[2] and ("statement" in got[0] or r.random() < .3):
                self.pool[m.topic].append(got[:2])
            return [got[0]]
        pooled = [(q, tpl) for q, tpl in self.pool[m.topic] if tpl not in m.used]
        if .72 <= x < .80 and pooled:
            q, tpl = r.choice(pooled)
            m.used.add(tpl)
            return [q]
        return [ex(r, r.choice(BOILER), {"fire": fire.name, "county": fire.county}) if .80 <= x < .88 else fire.bg]

    def headline(self, m: Meta) -> str:
        r = self.r
        if m.kind != "news":
            return r.choice(TEMPLATE_HEADS if m.kind == "template" else ANALYSIS[0])
        t, k = TOPICS[m.topic], int(m.ctx["k"])
        h = ex(r, r.choice(SPECIAL + t["S"]) if r.random() < .3 else t["H"][k], m.ctx)
        m.ctx["k"] = str(r.randrange(len(t["H"])))
        return smart(h) if m.style == "curly" and r.random() < .5 else h

    def new_meta(self, kind: str) -> tuple[Meta, Fire]:
        r, fire = self.r, self.pick_fire()
        m = Meta(len(self.meta) + 1, kind, r.choice(list(TOPICS)), self.ctx(fire),
                 r.choices(["straight", "curly", "mixed"], [55, 30, 15])[0], r.random() < .3,
                 r.sample(REPORTERS, r.choice([1, 1, 2, 2, 3])))
        m.ctx["k"] = str(r.randrange(len(TOPICS[m.topic]["H"])))
        self.meta[m.pid] = m
        return m, fire

    def post_time(self) -> datetime:
        return self.stamp() - timedelta(minutes=self.r.randint(2, 25) if self.r.random() < .1 else 0)

    def make_news(self) -> tuple[Meta, Ver]:
        r = self.r
        m, fire = self.new_meta("analysis" if r.random() < .04 else "news")
        t = TOPICS[m.topic]
        if m.kind == "analysis":
            paras = [ex(r, r.choice(t["L"]), m.ctx), "Key points of the analysis include:"]
            paras += [BULLET + p for p in r.sample(ANALYSIS[1], 4)] + ["Read the full analysis here."]
        else:
            paras = [self.styl(m, ex(r, t["L"][int(m.ctx["k"])], m.ctx))]
            olds = [(pg, p) for pg in self.pages for p in pg.hist if self.meta[p].kind == "news"]
            if olds and r.random() < .08:  # a follow-up that repeats an earlier post's lead
                pg, old = r.choice(olds)
                m.topic, m.ctx, paras = self.meta[old].topic, dict(self.meta[old].ctx), [pg.hist[old][0].paras[0]]
            for _ in range(r.randint(2, 7)):
                paras += [self.styl(m, p) for p in self.body_paras(m, fire, paras) if p not in paras]
            paras += [r.choice(ENDINGS)] if r.random() < .1 else []
        caps = tuple(self.caption(m) for _ in range(r.choices([0, 1, 2], [40, 55, 5])[0]))
        taken = {norm(v[-1].head) for v in self.cur.hist.values()}
        head = next((h for h in (self.headline(m) for _ in range(4)) if norm(h) not in taken), self.headline(m))
        head = nbsp(r, head) if m.nbsp and r.random() < .3 else head
        by = self.byline(m, " in Redding" if r.random() < .15 else "")
        return m, Ver(head, by, caps, tuple(paras), self.post_time())

    def bullet(self, pg: Page, used: set[object]) -> str | None:
        """A bullet quoting the lead sentence of another post on the page word for word."""
        cands = [p for p in pg.order if self.meta[p].kind == "news" and p not in used][:12]
        for pid in self.r.sample(cands, len(cands)):
            lead = sentences(pg.cur(pid).paras[0])[0]
            used.add(pid)
            if lead not in used:
                used.add(lead)
                return f"{BULLET}{TOPICS[self.meta[pid].topic]['label'][0]}: {lead}"
        return None

    def make_template(self, pg: Page) -> tuple[Meta, Ver] | None:
        used: set[object] = set()
        bullets = [b for b in (self.bullet(pg, used) for _ in range(self.r.randint(3, 6))) if b]
        if len(bullets) < 3:
            return None
        m, _ = self.new_meta("template")
        head = TEMPLATE_HEADS[sum(x.kind == "template" for x in self.meta.values()) % 4]
        paras = (TEMPLATE_INTRO, "Here are the latest developments:", *bullets, *["Read more:"][:self.r.random() < .2])
        return m, Ver(head, self.byline(m), (), paras, self.post_time())

    def add(self, pg: Page, m: Meta, v: Ver) -> None:
        pg.hist[m.pid] = [v]
        pg.uri[m.pid] = ("cms.cnn.com/_components/live-story-post/instances/" + "".join(
            self.r.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(25)) + "@published")
        pg.order.insert(0, m.pid)
        for name in m.names if m.kind == "news" else []:
            if name not in pg.authors and len(pg.authors) < 9:
                pg.authors.insert(len(pg.authors) - 1, name)
        pg.updated = self.stamp()

    # -- edits: each returns the new revision, or None when it does not apply
    def pick(self, v: Ver) -> int | None:
        ok = [i for i, p in enumerate(v.paras) if len(p.split()) >= 8 and not p.startswith(BULLET)]
        return self.r.choice(ok) if ok else None

    def edit(self, m: Meta, v: Ver, kind: str) -> Ver:
        for k in self.r.sample(EDIT_KINDS[:8], self.r.randint(2, 3)) if kind == "compound" else [kind]:
            v = getattr(self, "e_" + k)(m, v) or v
        return v

    def e_words(self, m: Meta, v: Ver) -> Ver | None:
        i = self.pick(v)
        return None if i is None else replace(v, paras=put(v.paras, i, mutate(self.r, v.paras[i], m.ctx)))

    def e_sentence(self, m: Meta, v: Ver) -> Ver | None:
        r, i = self.r, self.pick(v)
        if m.kind == "template" or i is None:
            return self.e_para_add(m, v)
        d = self.fresh(m, "D") or r.choice(TOPICS[m.topic]["D"])
        ss, new, x = sentences(v.paras[i]), self.styl(m, ex(r, d, m.ctx)), r.random()
        if x < .45 or len(ss) < 2:
            ss.append(new)
        elif x < .75:
            ss.pop(r.randrange(len(ss)))
        else:
            ss[r.randrange(len(ss))] = new
        return replace(v, paras=put(v.paras, i, " ".join(ss)))

    def e_para_add(self, m: Meta, v: Ver) -> Ver | None:
        r = self.r
        if m.kind == "template":
            b, j = self.bullet(self.cur, set()), next((i for i, p in enumerate(v.paras) if p.startswith(BULLET)), 0)
            return None if not b or b in v.paras else replace(v, paras=(*v.paras[:j], b, *v.paras[j:]))
        if r.random() < .12 and not v.paras[-1].endswith(":"):
            return replace(v, paras=(*v.paras, r.choice(ENDINGS)))
        i, new = r.randint(1, len(v.paras)), self.body_paras(m, self.fire(m), list(v.paras))
        return replace(v, paras=v.paras[:i] + tuple(self.styl(m, p) for p in new) + v.paras[i:])

    def e_para_cut(self, m: Meta, v: Ver) -> Ver | None:
        idx = [i for i, p in enumerate(v.paras) if i and (m.kind != "template" or p.startswith(BULLET))]
        if len(v.paras) < 3 or len(idx) < (4 if m.kind == "template" else 1):
            return None
        i = self.r.choice(idx)
        return replace(v, paras=v.paras[:i] + v.paras[i + 1:])

    def e_head(self, m: Meta, v: Ver) -> Ver | None:
        r, x = self.r, self.r.random()
        if m.kind == "template":
            return replace(v, head=r.choice([t for t in TEMPLATE_HEADS if t != v.head]))
        if x > .8:  # punctuation only: drop or add a final mark
            return replace(v, head=v.head[:-1] if v.head[-1] in "?:;,.!\u2026" else v.head + r.choice(":\u2026?.!;"))
        h = self.headline(m) if x < .45 else mutate(r, v.head, m.ctx, clause=False)
        return replace(v, head=self.headline(m) if h.startswith(v.head + " ") else h)

    def e_caption(self, m: Meta, v: Ver) -> Ver | None:
        r, caps, x = self.r, list(v.caps), self.r.random()
        j = r.randrange(len(caps)) if caps else 0
        if not caps or x < .15:
            caps.append(self.caption(m))
        elif x < .55:
            caps[j] = self.caption(m)
        elif x < .85:
            t = mutate(r, caps[j][0], m.ctx, clause=False)
            caps[j] = (self.caption(m)[0] if t.startswith(caps[j][0] + " ") else t, caps[j][1])
        else:
            caps.pop(j)
        return replace(v, caps=tuple(caps))

    def e_byline(self, m: Meta, v: Ver) -> Ver | None:
        r, x = self.r, self.r.random()
        if m.kind != "news":
            return None
        loc, others = " in Redding" * v.byline.endswith(" in Redding"), [n for n in REPORTERS if n not in m.names]
        if x < .5 and len(m.names) < 4:
            m.names.append(r.choice(others))
        elif x < .8:
            m.names[r.randrange(len(m.names))] = r.choice(others)
        else:
            loc = "" if loc else " in Redding"
        return replace(v, byline=self.byline(m, loc))

    def e_retime(self, m: Meta, v: Ver) -> Ver | None:
        return replace(v, time=v.time + timedelta(minutes=self.r.choice([-1, 1]) * self.r.randint(3, 40)))

    def e_typo(self, m: Meta, v: Ver) -> Ver | None:
        if self.r.random() < .2:
            return replace(v, head=typo_flip(self.r, v.head))
        i = self.r.randrange(len(v.paras))
        return replace(v, paras=put(v.paras, i, typo_flip(self.r, v.paras[i])))

    def carry_edit(self, m: Meta, v: Ver) -> Ver:
        """The producer's touch-up of a carried-over post: time words and tenses, maybe a new caption."""
        r, paras = self.r, list(v.paras)
        hits = [(i, pat, rep) for i, p in enumerate(paras) for pat, rep in SWAPS[:5] if re.search(pat, p)]
        for i, pat, rep in r.sample(hits, min(len(hits), r.randint(1, 3))):
            paras[i] = re.sub(pat, ex(r, rep, m.ctx), paras[i], count=1)
        out = replace(v, paras=tuple(paras))
        out = out if out != v else (self.e_words(m, v) or v)
        return (self.e_caption(m, out) or out) if r.random() < .3 else out

    def apply(self, pg: Page, pid: int, kind: str | None = None) -> None:
        r, m = self.r, self.meta[pid]
        v = pg.cur(pid) if m.kind == "moved" else self.edit(m, pg.cur(pid), kind or r.choices(EDIT_KINDS, EDIT_W)[0])
        if v != pg.cur(pid):
            pg.hist[pid].append(v)
            pg.updated = self.stamp()
            if r.random() < .12:  # undone later
                k = len(pg.hist[pid]) - 2
                self.at(r.uniform(.3, 5), lambda: self.restore(pg, pid, k))

    def restore(self, pg: Page, pid: int, k: int) -> None:
        if pid in pg.order and pg.hist[pid][k] != pg.cur(pid):
            pg.hist[pid].append(pg.hist[pid][k])
            pg.updated = self.stamp()

    # -- newsroom actions
    def on_file(self) -> None:
        self.add(self.cur, *self.make_news())

    def on_template(self) -> None:
        self.at(self.r.uniform(3, 5), self.on_template)
        made = self.make_template(self.cur) if 6 <= self.now.hour <= 22 else None
        if made:
            self.add(self.cur, *made)

    def on_edit(self) -> None:
        order = self.cur.order
        if order:
            self.apply(self.cur, self.r.choice(order[:6] if self.r.random() < .6 else order))

    def on_oldedit(self) -> None:
        if len(self.pages) > 1:
            pg = self.pages[-3] if len(self.pages) > 2 and self.r.random() < .2 else self.pages[-2]
            self.apply(pg, self.r.choice(pg.order))

    def on_revert(self) -> None:
        cands = [(pg, p) for pg in self.pages[-2:] for p in pg.order if len(pg.hist[p]) >= 3]
        if cands:
            pg, pid = self.r.choice(cands)
            self.restore(pg, pid, self.r.randrange(len(pg.hist[pid]) - 2))

    def on_delete(self) -> None:
        r = self.r
        pg = self.cur if r.random() < .9 or len(self.pages) < 2 else self.pages[-2]
        if len(pg.order) >= 5:
            i = r.randint(2, len(pg.order) - 3)
            pid = pg.order.pop(i)
            pg.pinned, pg.updated = None if pg.pinned == pid else pg.pinned, self.stamp()
            if r.random() < .15:
                self.at(r.uniform(.5, 4), lambda: self.undelete(pg, pid, i))

    def undelete(self, pg: Page, pid: int, i: int) -> None:
        if pid not in pg.order:
            pg.order.insert(min(i, len(pg.order)), pid)
            pg.updated = self.stamp()

    def on_retime(self) -> None:
        pg, r = self.cur, self.r
        if len(pg.order) >= 4:
            pid = pg.order.pop(r.randint(3, len(pg.order) - 1))
            pg.order.insert(0, pid)
            v = replace(pg.cur(pid), time=self.post_time())
            if r.random() < .35 and self.meta[pid].kind != "moved":
                v = self.edit(self.meta[pid], v, r.choice(["words", "para_add", "head"]))
            pg.hist[pid].append(v)
            pg.updated = self.stamp()

    def on_pin(self) -> None:
        pg, r = self.cur, self.r
        if pg.pinned is None and len(pg.order) >= 4:
            templ = [p for p in pg.order[1:10] if self.meta[p].kind == "template"]
            pg.pinned = templ[0] if templ and r.random() < .5 else r.choice(pg.order[1:8])
            pg.updated = self.stamp()
            self.at(r.uniform(2, 9), lambda: setattr(pg, "pinned", None))

    def on_ignite(self) -> None:
        if len(self.fires) < len(FIRES):
            self.ignite()

    def on_rollover(self) -> None:
        """After midnight: a new page, carrying the newest posts with new time labels and new ids."""
        r, old = self.r, self.cur
        new, old.pinned, self.busy = self.new_page(self.now.date()), None, r.choice([.7, .85, 1, 1, 1, 1.4, 1.8])
        items = []
        for pid in old.order[:r.randint(2, 6)]:
            v, m = old.cur(pid), self.meta[pid]
            end = datetime.combine(old.day, datetime.min.time()) + timedelta(hours=23, minutes=59)
            t = (v.time + (end - v.time) * r.random() if v.time < end else v.time - timedelta(minutes=r.randint(5, 50)))
            t = t.replace(second=0, microsecond=0)
            nv = replace(v, time=t if t != v.time else t - timedelta(minutes=1))
            items.append((m, self.carry_edit(m, nv) if r.random() < .7 and m.kind != "moved" else nv))
        for m, nv in sorted(items, key=lambda x: x[1].time) if r.random() < .6 else items[::-1]:
            self.add(new, m, nv)
            new.hist[m.pid] = old.hist[m.pid] + [nv]
        if r.random() < .5:
            self.add(old, self.new_meta("moved")[0], Ver(MOVED[0], "", (), MOVED[1:], self.post_time()))
        nxt = datetime.combine(self.now.date() + timedelta(days=1), datetime.min.time())
        self.at((nxt - self.now).total_seconds() / 3600 + r.uniform(.08, 1.65), self.on_rollover)

    # -- the homepage team's captures
    def on_capture(self, avoid: date | None = None) -> None:
        r = self.r
        if avoid is None:
            self.at(max(.05, r.expovariate(1 / 1.25)), self.on_capture)
        sp = self.special.get(len(self.caps))
        if sp == "stale" and self.stale():
            return
        pages = [p for p in self.pages[-7:] if p.day != avoid and p.order]
        w = [.72 if p is self.cur else .17 if p is self.pages[-2] else .11 / max(1, len(pages) - 2) for p in pages]
        pg = r.choices(pages, w)[0]
        if avoid is None and len(self.pages) > 1 and r.random() < .12:
            self.at(r.uniform(1 / 60, 5 / 60), lambda: self.on_capture(pg.day))
        self.capture(pg, sp if sp in SUSPECTS else None)

    def window(self, pg: Page, layout: str) -> int:
        r = self.r
        if not pg.last_k or r.random() < .5:
            pg.last_k = ((50 if r.random() < .7 else r.randint(3, 50)) if layout == "B" else
                         r.choices([r.randint(3, 10), r.randint(8, 25), r.randint(20, 50)], [30, 45, 25])[0])
        return pg.last_k

    def capture(self, pg: Page, suspect: str | None) -> None:
        r, fmt = self.r, self.fmt
        nonce = f"{r.getrandbits(64):016x}"
        text_layout = "B" if r.random() < (.07 if pg is self.cur else .72) and not suspect else "A"
        layout = "html" if fmt == "html" else text_layout
        k, n = self.window(pg, text_layout), len(pg.order)
        ids = ([pg.pinned] if pg.pinned in pg.order and layout != "B" else []) + pg.order[:k]
        if suspect in ("error", "consent"):
            ids, body = [], render_suspect(suspect, fmt, pg, nonce)
        else:
            if suspect == "collapsed":
                ids = pg.order[:r.randint(1, 2)]
                n = len(ids)
            vers, heads = [pg.cur(p) for p in ids], suspect == "headlines"
            dive = not suspect and k >= n and h8(pg.title) % 2 == 0
            body = (render_html(pg, ids, vers, n, nonce, heads) if fmt == "html" else render_b(pg, vers, n)
                    if layout == "B" else render_a(pg, vers, n, dive, heads))
        self.record(pg, layout, suspect is not None, ids, [shown_of(pg.cur(p), layout) for p in ids], body)

    def stale(self) -> bool:
        """A CDN serves an earlier (not the latest) capture of a page byte for byte."""
        for pg in sorted(self.pages[-3:], key=lambda p: p is not self.cur):
            good = [j for j in pg.caps if not self.caps[j].suspect]
            olds = [j for j in good[:-1] if self.caps[j].body != self.caps[good[-1]].body][-8:] if len(good) > 2 else []
            if olds:
                src = self.caps[self.r.choice(olds)]
                self.record(pg, src.layout, False, src.posts, src.shown, src.body)
                return True
        return False

    def record(self, pg: Page, layout: str, suspect: bool, ids: list[int], shown: list[Shown], body: str) -> None:
        at = self.now.replace(microsecond=0)
        at = max(at, self.caps[-1].at + timedelta(seconds=1)) if self.caps else at
        ext = "html" if self.fmt == "html" else "txt"
        name = f"{len(self.caps):04d}_{hashlib.sha1(body.encode()).hexdigest()[:16]}.{ext}"
        pg.caps.append(len(self.caps))
        self.caps.append(Cap(name, pg.title, layout, suspect, at, list(ids), list(shown), body))


# ----------------------------------------------------------------------------- ground truth
def inherit(s: Shown, par: Shown | None) -> Shown:
    """Rule 2: a field the layout does not show is taken from the parent."""
    if par is None:
        return s
    return replace(s, time=par.time if s.time is None else s.time, byline=par.byline if s.byline is None else s.byline)


def ntext(s: Shown) -> tuple[str, str]:
    return norm(s.head), norm(" ".join(s.paras))


def rtext(s: Shown) -> tuple[str, tuple[str, ...]]:
    return s.head.strip(), tuple(p.strip() for p in s.paras)


def gone_from(old: list[int], posts: list[int], retimed: set[int]) -> list[int]:
    """Rule 5 at each post's lowest place: gone while a post that stood below it is shown,
    that post neither re-timed now nor shown above a post that stood above it."""
    low_old = {q: k for k, q in enumerate(old)}
    low_now = {q: k for k, q in enumerate(posts)}
    both = sorted((q for q in low_old if q in low_now), key=lambda q: low_old[q])
    seen = [x for k, x in enumerate(both)
            if x not in retimed and all(low_now[y] < low_now[x] for y in both[:k])]
    return [q for q in dict.fromkeys(old) if q not in low_now and any(low_old[x] > low_old[q] for x in seen)]


def truth(caps: list[Cap]) -> dict[str, list[list[int]]]:
    """The contract's rules, applied to what each capture shows."""
    out: dict[str, list[list[int]]] = {"edits": [], "reverts": [], "moves": [], "removals": []}
    on_page: dict[tuple[str, int], Shown] = {}
    last_any: dict[int, Shown] = {}
    last_page: dict[int, str] = {}
    put_up: dict[tuple[str, int], int] = {}  # when the page's current text went up there
    texts: dict[int, list[tuple[tuple[str, str], int]]] = defaultdict(list)  # text, when
    prev: dict[str, list[int]] = {}
    for i, c in enumerate(caps):
        if c.suspect:
            continue
        done: dict[int, Shown] = {}
        retimed_now: set[int] = set()
        for pid, s in zip(c.posts, c.shown, strict=False):
            if pid in done:
                continue
            par, moved, par_page = on_page.get((c.page, pid)), False, c.page
            if par is None and pid in last_any:
                par, moved, par_page = last_any[pid], True, last_page[pid]
            e = done[pid] = inherit(s, par)
            if par is None:
                continue
            changed = ntext(e) != ntext(par)
            typo = not changed and e.layout == par.layout and rtext(e) != rtext(par)
            retimed = None not in (e.time, par.time) and e.time != par.time
            rebylined = None not in (e.byline, par.byline) and e.byline != par.byline
            if retimed:
                retimed_now.add(pid)
            if moved or changed or typo or retimed or rebylined:
                out["edits"].append([pid, i])
                out["moves"] += [[pid, i]] if moved else []
                # A revert returns to a text put up before the parent's text was (an edit
                # undone); a page catching up with an edit made elsewhere later is not one.
                since = put_up[(par_page, pid)]
                undone = any(t == ntext(e) and when < since for t, when in texts[pid])
                out["reverts"] += [[pid, i]] if changed and undone else []
        old = prev.get(c.page, [])
        for q in gone_from(old, c.posts, retimed_now):
            out["removals"].append([q, i])
        prev[c.page] = c.posts
        for pid, e in done.items():
            before = on_page.get((c.page, pid)) or (last_any.get(pid) if pid in last_any else None)
            if before is None or ntext(before) != ntext(e) or (c.page, pid) not in on_page:
                put_up[(c.page, pid)] = i
                texts[pid].append((ntext(e), i))
            on_page[(c.page, pid)] = last_any[pid] = e
            last_page[pid] = c.page
    return out


def self_check(caps: list[Cap], t: dict[str, list[list[int]]], uris: dict[str, int]) -> list[str]:
    """Posts lists match the files; edits, moves, reverts and removals point where the rules allow."""
    bad: list[str] = []
    last: dict[str, int] = {}
    prev_of: dict[int, int | None] = {}
    for i, c in enumerate(caps):
        if c.file.endswith(".html"):
            got = [uris[u] for u in re.findall(r'<article class="live-story-post[^"]*" data-uri="([^"]+)"', c.body)]
            bad += [f"{c.file}: articles {got} != posts {c.posts}"] if got != c.posts else []
        pos = 0
        for pid, s in zip(c.posts, c.shown, strict=False):
            pos = c.body.find(s.head, pos) if c.file.endswith(".txt") else 0
            bad += [f"{c.file}: headline of post {pid} not found in order"] if pos < 0 else []
        if not c.suspect:
            prev_of[i], last[c.page] = last.get(c.page), i
    for k in ("edits", "moves", "reverts"):
        bad += [f"{k} {p}@{i}: not shown there" for p, i in t[k] if caps[i].suspect or p not in caps[i].posts]
    for p, i in t["removals"]:
        j = prev_of.get(i)
        if caps[i].suspect or p in caps[i].posts or j is None or p not in caps[j].posts:
            bad.append(f"removal {p}@{i} is not in the page's previous capture")
    changed = {i for k in t for _, i in t[k]}
    for i, j in prev_of.items():
        if j is not None and caps[i].body == caps[j].body and i in changed:
            bad.append(f"capture {i} repeats capture {j} byte for byte but changes something")
    edits = {tuple(e) for e in t["edits"]}
    return bad + [f"{k} {e} is not an edit" for k in ("moves", "reverts") for e in t[k] if tuple(e) not in edits]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Held-out live-blog corpus generator (newsroom simulation).")
    ap.add_argument("out_dir")
    ap.add_argument("--captures", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--format", choices=("text", "html"), default="text")
    a = ap.parse_args(argv)
    out = Path(a.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for f in [*out.glob("*.txt"), *out.glob("*.html"), out / "truth.json"]:
        f.unlink(missing_ok=True)
    sim = Newsroom(a.seed, a.captures, a.format)
    caps = sim.run()
    t = truth(caps)
    bad = self_check(caps, t, {u: p for pg in sim.pages for p, u in pg.uri.items()})
    if bad:
        print("self-check failed:\n  " + "\n  ".join(bad[:20]), file=sys.stderr)
        return 1
    size = sum((out / c.file).write_bytes(c.body.encode("utf-8")) for c in caps)
    doc = {"generator": "heldout", "seed": a.seed, "format": a.format, "captures": [
        {"file": c.file, "page": c.page, "layout": c.layout, "suspect": c.suspect,
         "captured_at": (c.at + UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), "posts": c.posts} for c in caps], **t}
    (out / "truth.json").write_text(json.dumps(doc, indent=1), encoding="utf-8")
    print(f"heldout: captures={len(caps)} posts={len({p for c in caps for p in c.posts})} "
          f"pages={len({c.page for c in caps})} MB={size / 1e6:.1f} edits={len(t['edits'])} "
          f"reverts={len(t['reverts'])} moves={len(t['moves'])} removals={len(t['removals'])} "
          f"suspects={sum(c.suspect for c in caps)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
