#!/usr/bin/env python3
"""holdout2: a held-out live-blog corpus generator built around a newsroom CMS.

Angle
-----
Most generators write page text directly. This one models the thing that makes the page:
a newsroom content-management system. Every post is a structured record (headline,
byline, time label and a tuple of typed blocks: paragraph, photo with caption and
credit, bullet list, quote, sub-head, embedded video or tweet placeholder, "Read more"
link lines) with a revision log. A rota of reporters files posts shift by shift
(Europe desk, New York day desk, evening desk, night desk); editors rework them; the
night desk rolls the coverage over to a new day page in the evening, carrying posts
over (copied with a new page-scoped id, re-timed, often re-tensed), cleaning up
typography and posting "The latest" style round-ups. A cron-like "publish page" step
renders each day page (newest first, a pinned post on top) every three minutes; an
archiving crawler fetches pages at irregular times, mostly the live page but also
older day pages (those mostly in the archived layout B), sometimes from a stale CDN
cache, sometimes getting an error page, a consent wall or a broken render.

The story is a fictional national election count (the Republic of Marovia: a
180-seat National Assembly, six parties, twelve regions, a Central Electoral
Commission, a court challenge, coalition talks). All text is generated from
templates with slots and varied sentence shapes; nothing is taken from the seed
captures.

Rates (per simulated hour unless stated; multiplied by an hour-of-day profile that
peaks during the European day and the results evening, and by a day factor that
falls after the first two days)
-----
- new posts 1.9/h (about 45 a day) + 4-5 template round-ups a day ("Key takeaways",
  "The latest", "What we know", "Catch up": fixed boilerplate + 3-6 bullets quoting
  other posts' sentences word for word, half of them after a "Label: " prefix)
- edits 4.2/h on the live page, split by kind: words 27%, sentence added 9%,
  sentence cut 6%, paragraph added 9%, paragraph cut 6%, headline partly
  rewritten 7%, headline wholly rewritten 3%, caption 5%, byline 5% (mostly adding
  one to a post that had none), re-timed in place 5%, re-timed and moved to the top
  3%, compound (2-3 of the above) 7%, typographic only (quote style, dash, NBSP,
  double space) 6%, revert to an earlier revision (any, 60% the previous) 2%
- corrections on an archived page 0.05/h; catch-up (an archived page copies the
  text a carried post has on the new page) for 30% of edited carried posts
- deletions from the middle of the live page 0.07/h (about 1.5 a day)
- one pin a day (a round-up or results post, 2-8 hours; shown on top and in place)
- rollover between 7 and 9 p.m. ET: 2-5 posts carried to the new page, all
  re-timed, 60% re-tensed ("says" -> "said", "today" -> weekday), 10% new caption;
  15% of carried posts are moved (cut from the old page) rather than copied
- new posts: 8% without byline, 4% repeat an older post's lead paragraph, 3%
  (from day 2) reuse the headline of a post from an earlier day; 25% carry a
  standard background or statement paragraph shared verbatim with other posts
- headlines: ends in ? 7%, . 4%, : 3%, ! 1.5%, ... 2%, ; 1.2%, , 1.2%, closing
  quote 5%; inner colon 7%, inner period 4%, starts with a digit 6%, with a quote
  3%, very short ("Latest", "Results so far") 2.5%
- captures about 41 a day at irregular intervals (bursts of minutes, gaps of
  hours): 78% the live page, 15% the previous day page, 7% an older page; text
  layout B for 3% of live captures and 30%/75% of archived ones (under/over three
  hours after rollover); windows of 3-50 posts (A mostly 9-20, B 20-50; an A or HTML
  capture always reaches down to a pinned post's own place, so it shows it twice)
- stale CDN cache: 1.2% of captures return, byte for byte, an earlier (not the
  latest) capture of the page; suspect captures 2% (error page, consent wall,
  collapse to 1-2 posts, headlines only; at least one of each from 200 captures)

The truth follows the contract's rules on the true post ids, rule 5 (removals) as the
contract states it: a post re-timed now, or moved up past a post that stood above it, is no
witness. (The first run, the held-out one, read "slid off" with the page's true state: a
post the page still held below the window was not removed.) A stale-cache capture is a new
observation of the older page version it copies.

For 200 or more captures, the generator checks that every phenomenon above is
visible in the truth (at least once); if a seed's run misses one it re-runs the
newsroom with the next sub-seed (deterministic; the attempt is reported).

CLI
---
    python benchmarks/holdout2.py OUT_DIR [--captures N] [--seed S] [--format text|html]

Defaults: 200 captures, seed 1, text. Writes NNNN_<hash>.txt|.html and truth.json per
benchmarks/CORPUS_CONTRACT.md, re-reads every file with an independent little reader,
self-checks the truth and prints a one-line summary to stderr. Python 3.11 standard
library only; deterministic for a seed whatever PYTHONHASHSEED is.
"""
from __future__ import annotations

import argparse
import hashlib
import html
import json
import random
import re
import sys
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

GENERATOR = "holdout2"
NBSP = "\u00a0"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ELECTION_DAY = datetime(2024, 11, 17)  # a Sunday; ET is UTC-5 for the whole run
STORY = "Marovia election"


# ---------------------------------------------------------------------------
# text utilities
# ---------------------------------------------------------------------------

_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-",
})
_SPACES = re.compile(r"[\s\u00a0\u1680\u180e\u2000-\u200b\u202f\u205f\u3000\ufeff]+")


@lru_cache(maxsize=1 << 17)
def norm(text: str) -> str:
    """The contract's normalization: spaces, quotes, dashes, runs of white space."""
    return _SPACES.sub(" ", text.translate(_FOLD)).strip()


def crc(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


def clock(t: datetime) -> str:
    hour = t.hour % 12 or 12
    return f"{hour}:{t.minute:02d} {'a.m.' if t.hour < 12 else 'p.m.'}"


def day_text(d: date | datetime) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def time_label(t: datetime) -> str:
    return f"{clock(t)} ET, {day_text(t)}"


def iso_utc(t: datetime) -> str:
    return (t + timedelta(hours=5)).strftime("%Y-%m-%dT%H:%M:%SZ")


@lru_cache(maxsize=1 << 16)
def smart_quotes(text: str) -> str:
    """Straight to curly quotes, the way the archived layout B prints body text."""
    out: list[str] = []
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else " "
        opening = prev.isspace() or prev in "([{\u2014\u2013-/"
        if ch == '"':
            out.append("\u201c" if opening else "\u201d")
        elif ch == "'":
            out.append("\u2018" if opening and i + 1 < len(text) and text[i + 1].isalpha()
                       and text[i + 1:i + 3] not in ("90", "80") else "\u2019")
        else:
            out.append(ch)
    return "".join(out)


def straight_quotes(text: str) -> str:
    return text.translate(str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'",
                                          "\u2019": "'"}))


_ABBREV = ("St.", "Dr.", "Mr.", "Mrs.", "Ms.", "U.S.", "Jan.", "Feb.", "Nov.", "Dec.", "No.")
_SENT_SPLIT = re.compile(r"(?<=[.!?])([\"\u201d\u2019]?)(\s+)(?=[A-Z\"\u201c\d])")


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph, never split after a known abbreviation."""
    pieces: list[str] = []
    start = 0
    for m in _SENT_SPLIT.finditer(text):
        left = text[start:m.start() + len(m.group(1))]
        if left.rstrip().split(" ")[-1] in _ABBREV:
            continue
        pieces.append(left)
        start = m.end()
    pieces.append(text[start:])
    return [p for p in pieces if p.strip()]


def join_names(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def headline_shape(headline: str) -> set[str]:
    """Shape tags of a headline, for the coverage check."""
    h = norm(headline)
    tags: set[str] = set()
    end = h[-1:] if h else ""
    ends = {"?": "end?", ":": "end:", ";": "end;", ",": "end,", ".": "end.", "!": "end!",
            "\u2026": "end...", '"': "endquote"}
    if end in ends:
        tags.add(ends[end])
    if ":" in h[:-1]:
        tags.add("inner:")
    if re.search(r"\w\.\s|\b[A-Z]\.[A-Z]\.", h[:-1]):
        tags.add("inner.")
    if h[:1].isdigit():
        tags.add("startdigit")
    if h[:1] == '"':
        tags.add("startquote")
    if len(h.split()) <= 3:
        tags.add("short")
    return tags


# ---------------------------------------------------------------------------
# the story world: names, numbers, prose templates
# ---------------------------------------------------------------------------

PARTIES = [  # name, short name, leader, leader's surname, share at the start
    ("National Renewal", "National Renewal", "Tomas Aldric", "Aldric", 34.2),
    ("Social Democratic Party", "the Social Democrats", "Ilse Varga", "Varga", 31.6),
    ("Green Alliance", "the Greens", "Mira Kostel", "Kostel", 9.7),
    ("Marovian People's Movement", "the People's Movement", "Viktor Brandt", "Brandt", 7.4),
    ("Liberal Forum", "the Liberals", "Anton Pereira", "Pereira", 6.3),
    ("Farmers' Union", "the Farmers' Union", "Josef Haldane", "Haldane", 5.2),
]
REGIONS = ["Northern Highlands", "Valderra", "Kessel", "St. Ivo", "Lower Brenn", "Castamar",
           "Orlen Valley", "Dunmore", "Ravenstadt", "Calvi Coast", "Eastmark", "Terrano"]
CITIES = ["Port Anselm", "Kessel", "Valderra", "Dunmore", "St. Ivo", "Castamar", "Ravenstadt"]
REPORTERS = [
    "Elena Marsh", "Tobias Greer", "Nadia Farouk", "Sam Whitlock", "Priya Raman",
    "Jonah Petrak", "Lucia Ortega", "Ben Harlow", "Mei Tanaka", "Oskar Lindqvist",
    "Hana Ibrahim", "Rory Keane", "Ada Novak", "Felix Amari", "Clara Beaumont",
    "Dev Malhotra", "Ines Carvalho", "Luka Petrovic", "Grace Okafor", "Theo Van Dijk",
    "Yara Haddad", "Miles Thornton", "Sofia Lindgren", "Kenji Mori", "Anna Wrobel",
    "Patrick O'Neill", "Zara Qureshi", "Marco Bellini", "Freya Holm", "Daniel Osei",
]
EDITORS = ["Helen Park", "Omar Siddiqui", "Julia Brenner", "Victor Lamb", "Nora Eklund",
           "Ravi Menon", "Claire Dubois", "Arjun Shah"]
PHOTOGRAPHERS = ["Lena Voss/Reuters", "Marco Ilic/AFP/Getty Images", "Jana Kral/AP",
                 "Tomas Beck/Anadolu via Getty Images", "Irina Sova/Bloomberg/Getty Images",
                 "Pavel Orsk/EPA-EFE/Shutterstock", "Ana Ruiz/Reuters", "CNN",
                 "Nikos Dara/NurPhoto/Getty Images", "Martin Hale/AP"]
SHIFTS = [("europe", 1, 9), ("day", 8, 17), ("evening", 16, 23), ("night", 19, 26)]

TOPICS = ["results", "count", "legal", "observers", "turnout", "reaction", "international",
          "markets", "coalition", "incident", "analysis", "explainer", "protest", "cyber",
          "concession"]
TOPIC_LABEL = {
    "results": "Where the count stands", "count": "Delays", "legal": "Legal fight",
    "observers": "Observers", "turnout": "Turnout", "reaction": "What the leaders said",
    "international": "Reaction abroad", "markets": "Markets", "coalition": "Coalition math",
    "incident": "Incidents", "analysis": "Analysis", "explainer": "Background",
    "protest": "Protests", "cyber": "Cyberattack", "concession": "Concession",
}

HEADLINES: dict[str, list[str]] = {
    "results": [
        "{P1} leads as count passes {pct}%",
        "{P1s} holds narrow lead over {P2s} with {pct}% of ballots counted",
        "Partial results put {L1} ahead in the race to lead the next government",
        "{P2} narrows the gap as ballots from the cities come in",
        "Commission publishes new figures as {P1} stays in front",
        "{L1s} camp says early numbers are \"very encouraging\"",
        "New figures show {P3} clearing the 5% threshold",
    ],
    "count": [
        "Count halted in {R} after {cause_short}",
        "Election workers in {R} count through the night",
        "{R} count resumes after a delay of {n} hours",
        "Ballot boxes from {R} arrive in Port Anselm for checking",
        "Commission says {R} tally will be checked by hand",
    ],
    "legal": [
        "{P2} files legal challenge over ballots in {R}",
        "Constitutional Court to hear complaint over {R} ballots on {nextday}",
        "Court orders partial recount in {R}",
        "{P1s} calls the court challenge \"a desperate stunt\"",
    ],
    "observers": [
        "Observers say vote was competitive but marred by {issue_short}",
        "International monitors praise turnout, criticize {issue_short}",
        "Observer mission to publish its final report within {n} weeks",
    ],
    "turnout": [
        "Turnout reaches {turnout}%, the highest since 1998",
        "Long lines reported at polling stations in {R}",
        "Commission confirms final turnout figure",
    ],
    "reaction": [
        "{L2} refuses to concede, says \"every vote must count\"",
        "{L2s} to address supporters in {C} later today",
        "{L3} says {P3} will talk to \"anyone who respects our red lines\"",
        "{L1} thanks voters in late-night speech",
    ],
    "international": [
        "EU urges patience as Marovia's count drags on",
        "US State Department praises \"peaceful and orderly\" vote in Marovia",
        "Neighbors watch Marovia's count closely",
    ],
    "markets": [
        "Marovian crown slips as coalition uncertainty grows",
        "Stocks in Port Anselm rally on {P1s} lead",
        "Bond investors wary of a hung parliament, analysts say",
    ],
    "coalition": [
        "{P3} signals it is open to coalition talks with {P1}",
        "President Wolff to meet party leaders on {nextday}",
        "Coalition talks could take weeks, analysts warn",
    ],
    "incident": [
        "Police detain {n} people after scuffle outside polling station in {R}",
        "Polling station in {R} briefly evacuated after bomb threat",
        "Power cut in {C} delays count by {n} hours",
    ],
    "analysis": [
        "Why {R} could decide this election",
        "The early results tell us three things about Marovia",
        "How {L1s} held on to the countryside",
    ],
    "explainer": [
        "How Marovia's electoral system works",
        "Who is {L2}?",
        "What happens if no party wins a majority?",
    ],
    "protest": [
        "Hundreds rally outside election commission in Port Anselm",
        "Police say protest in {C} was \"largely peaceful\"",
        "{P2s} supporters gather in {C} to demand a recount",
    ],
    "cyber": [
        "Election commission website hit by cyberattack, officials say",
        "Results portal back online after outage",
    ],
    "concession": [
        "{L2s} concedes and congratulates {L1s}",
        "{L2} says {P2s} will lead the opposition",
    ],
}

# headlines of a given shape: (topic, template)
SHAPED: dict[str, list[tuple[str, str]]] = {
    "?": [("results", "Is {P1s}'s lead starting to shrink?"), ("count", "Why is {R} taking so long to count?"),
          ("coalition", "Can {L1s} build a majority?"), ("legal", "Can the court overturn the result in {R}?"),
          ("reaction", "What did {L1s} tell supporters last night?")],
    ".": [("count", "Polls have closed. The count begins."), ("concession", "{L2s} will not concede. Not yet."),
          ("results", "It's close. Very close."), ("analysis", "{L1s}'s gamble is paying off. For now.")],
    ":": [("results", "Where the count stands:"), ("results", "The numbers so far:"),
          ("count", "Here's what the commission said:")],
    "!": [("turnout", "Marovia has voted!"), ("count", "Every last ballot counted in {R}!")],
    "\u2026": [("analysis", "The map tells the story\u2026"), ("count", "And now, the wait\u2026"),
               ("count", "{R} still counting\u2026")],
    ";": [("count", "Counting continues in {R};"), ("turnout", "Commission confirms turnout figure;")],
    ",": [("results", "{P1s} ahead in {R}, but not by much,"), ("count", "Final tally expected {nextday},")],
    "quote_end": [("reaction", "{L1s} tells supporters: \"{short_q}\""),
                  ("legal", "Judge Reyes says court will rule \"without delay\""),
                  ("reaction", "{L2s} calls result \u201ca mandate for change\u201d"),
                  ("observers", "Observers call the vote \"credible\"")],
    "inner_colon": [("results", "{pct}% counted: {P1} on {S1}%, {P2} on {S2}%"),
                    ("count", "Commission: {R} tally will be checked by hand"),
                    ("coalition", "Coalition math: {P1s} and {P3s} would hold {seats13} seats"),
                    ("analysis", "Analysis: Why {R} could decide this election"),
                    ("explainer", "Explainer: The 5% threshold, and why it matters")],
    "inner_period": [("legal", "St. Ivo ballots sealed pending court ruling"),
                     ("international", "U.S. and EU react to early results from Marovia"),
                     ("turnout", "Turnout climbs to {turnout}%. Voting hours extended in {R}"),
                     ("analysis", "Dr. Lind: Rural turnout was the story of the night")],
    "start_digit": [("explainer", "180 seats, 12 regions and one threshold: the basics"),
                    ("analysis", "3 things to know about the race in {R}"),
                    ("incident", "{n} detained after clashes in {C}"),
                    ("results", "{pct}% of votes counted and {P1s} still leads")],
    "start_quote": [("reaction", "\"{short_q},\" {L1s} tells supporters"),
                    ("count", "\"We are tired but we are not stopping,\" says {R} count supervisor"),
                    ("concession", "\"The voters have spoken,\" {L2s} says in concession speech")],
    "short": [("results", "Latest"), ("results", "Results so far"), ("turnout", "Turnout"),
              ("results", "Seat count"), ("count", "Polls close")],
}
SHAPE_RATES = [("?", 0.07), (".", 0.04), (":", 0.03), ("!", 0.015), ("\u2026", 0.02), (";", 0.012),
               (",", 0.012), ("quote_end", 0.05), ("inner_colon", 0.07), ("inner_period", 0.04),
               ("start_digit", 0.06), ("start_quote", 0.03), ("short", 0.025)]

SENTENCES: dict[str, list[str]] = {
    "results": [
        "With {pct}% of ballots counted, {P1} has {S1}% of the vote, according to the Central Electoral Commission.",
        "{P1} is on {S1}% with {pct}% of votes counted, ahead of {P2} on {S2}%, the commission said {day}.",
        "{P2} is in second place with {S2}%, followed by {P3} with {S3}%.",
        "The latest figures would give {P1s} about {seats1} of the 180 seats in the National Assembly, short of the 91 needed to govern alone.",
        "Results from the capital, Port Anselm, where {P2s} usually does well, are still coming in.",
        "The commission updates its figures roughly every {nmin} minutes.",
        "Postal and overseas ballots, which are counted last, could still shift the final seat allocation.",
        "{P3} is hovering just above the 5% threshold needed to enter parliament.",
        "The gap between the two largest parties has narrowed to {gap} percentage points.",
        "In {R}, {P1s} won {S1}% of the vote, while {P2s} took {S2}%.",
        "The result - if it holds - would make {P1s} the largest party for a third election in a row.",
    ],
    "count": [
        "Counting in {R} was suspended {time_ago} after {cause}, the Central Electoral Commission said.",
        "Election officials in {R} said the count would resume once {fix}.",
        "About {n} polling stations in {R} have yet to report results.",
        "Dario Lenz, a spokesperson for the commission, said the delay would not affect the overall result.",
        "Observers from several parties were present when the ballot boxes were reopened.",
        "Staff in {R} have been working in shifts since polls closed on Sunday.",
        "The commission has said it will not publish a final result until every ballot has been checked.",
        "Officials in {R} say they expect to finish counting by {when}.",
        "The count in {R} \u2014 the slowest in the country \u2014 resumed after a break of several hours.",
    ],
    "legal": [
        "{P2} has filed a formal complaint with the Constitutional Court over the handling of ballots in {R}, the party said {day}.",
        "The complaint alleges that {n2} ballots were wrongly declared invalid.",
        "The court has 10 days to rule on the challenge under Marovian electoral law.",
        "Lawyers for {P1s} called the complaint \"baseless\" and said they would contest it.",
        "The court said in a statement that it would hold a public hearing on {nextday}.",
        "A partial recount of {n} polling stations in {R} was ordered by the court, according to a ruling published {day}.",
    ],
    "observers": [
        "The International Election Observation Mission said in a preliminary statement that the vote was \"competitive and well administered\" but raised concerns about {issue}.",
        "Sigrid Aalto, head of the mission, said it had deployed {n2} observers across all 12 regions.",
        "The mission noted \"isolated irregularities\" in {R}, including {issue}.",
        "Its final report is expected within eight weeks.",
    ],
    "turnout": [
        "Turnout stood at {turnout}% when polls closed, according to the Central Electoral Commission.",
        "That is up from 64.8% at the last parliamentary election in 2020.",
        "Turnout was highest in {R}, where {turnout_hi}% of registered voters cast a ballot.",
        "Long lines were reported at polling stations in {R} throughout the afternoon.",
        "Turnout in {R} - traditionally among the lowest in the country - rose sharply this year.",
    ],
    "reaction": [
        "{L1} addressed supporters at party headquarters in Port Anselm shortly after midnight.",
        "{L2} told reporters that {P2s} would \"wait for every vote to be counted\" before commenting on the result.",
        "The {P2s} leader did not take questions.",
        "{L3} said {time_ago} that the party's priorities had not changed.",
    ],
    "international": [
        "A spokesperson for the European Commission said the bloc \"looks forward to working with the next government of Marovia.\"",
        "The US State Department praised the \"peaceful and orderly\" conduct of the vote.",
        "Leaders of neighboring countries have so far held off on congratulating anyone.",
    ],
    "markets": [
        "The Marovian crown fell {fx}% against the euro in early trading {time_ago}.",
        "Shares in state-owned lenders rose after the early results were published.",
        "Analysts said investors were nervous about the prospect of weeks of coalition talks.",
    ],
    "coalition": [
        "Under the constitution, President Katarina Wolff must first invite the leader of the largest party to try to form a government.",
        "A coalition of {P1s} and {P3s} would hold {seats13} seats, according to a CNN analysis of the latest results.",
        "{L3} said {day} that {P3s} was \"open to talks with anyone who respects our red lines.\"",
        "Talks could take weeks. After the last election, it took {n3} days to form a government.",
    ],
    "incident": [
        "Police detained {n} people after a scuffle broke out outside a polling station in {R}, national police spokesperson Ines Rutka said.",
        "No one was seriously hurt, police said.",
        "Voting was briefly suspended at the station but resumed within an hour.",
    ],
    "analysis": [
        "{R} has backed the winning party in every election since 1998.",
        "The early numbers suggest {P1s} has held on to its rural base while losing ground in the cities.",
        "Petra Lind, a political scientist at the University of Port Anselm, told CNN the result would depend on turnout among younger voters.",
    ],
    "explainer": [
        "Marovians vote for party lists in 12 multi-member regions.",
        "Seats are shared out in proportion to each party's vote in each region.",
        "Parties that win less than 5% of the national vote get no seats at all.",
    ],
    "protest": [
        "Several hundred {P2s} supporters gathered outside the Central Electoral Commission in Port Anselm on {day}, chanting and waving flags.",
        "Police said the rally was \"largely peaceful\" and that no arrests were made.",
        "Organizers said they would return every evening until a recount is held.",
    ],
    "cyber": [
        "The Central Electoral Commission said its results website was hit by a distributed denial-of-service attack {time_ago}.",
        "The commission stressed that the count itself is done on paper and was not affected.",
        "It was not immediately clear who was behind the attack.",
    ],
    "concession": [
        "{L2} conceded defeat in a speech in {C} on {day}, congratulating {L1} on the result.",
        "{L2s} said the party would \"hold the next government to account from the opposition benches.\"",
    ],
}
QUOTES: dict[str, list[str]] = {
    "leader": [
        "We will wait for every single ballot to be counted",
        "The people of Marovia have asked for change, and we will deliver it",
        "This is not the moment for premature celebrations",
        "Every vote in {R} must be counted again, by hand",
        "We are ready to talk to anyone who shares our priorities",
        "Tonight is a good night for Marovia",
        "Nobody should claim victory before the commission has finished its work",
        "Our door is open, but our principles are not for sale",
    ],
    "commission": [
        "The count is proceeding in an orderly manner",
        "We will not be rushed. Accuracy matters more than speed",
        "Every ballot will be checked, and every objection will be recorded",
        "There is no evidence of any irregularity that could affect the result",
    ],
    "observer": [
        "Voters were able to choose freely between genuine alternatives",
        "The campaign was competitive, but the playing field was not always level",
        "We saw dedicated poll workers doing a difficult job under pressure",
    ],
    "analyst": [
        "This is the most fragmented parliament we have seen in a generation",
        "Whoever governs will need at least two partners, and that takes time",
        "Rural turnout was the story of the night",
    ],
    "voter": [
        "I have voted in every election since I was 18, and I have never seen lines like this",
        "I just want a government that lasts more than two years",
        "My parents voted here, and their parents before them",
    ],
}
SPEAKERS = {
    "leader": ["{L1}", "{L2}", "{L3}"],
    "commission": ["Helena Morrow, chair of the Central Electoral Commission,", "commission spokesperson Dario Lenz"],
    "observer": ["Sigrid Aalto, head of the International Election Observation Mission,"],
    "analyst": ["Petra Lind, a political scientist at the University of Port Anselm,",
                "Marek Horvath, director of the Port Anselm Institute for Democracy,"],
    "voter": ["a voter in {R}", "one retired teacher in {C}"],
}
TOPIC_QUOTE = {"results": "commission", "count": "commission", "legal": "leader", "observers": "observer",
               "turnout": "voter", "reaction": "leader", "international": "analyst", "markets": "analyst",
               "coalition": "leader", "incident": "commission", "analysis": "analyst",
               "explainer": "analyst", "protest": "leader", "cyber": "commission", "concession": "leader"}
BACKGROUND = [
    "Some background: Marovia's 180-seat National Assembly is elected by proportional representation across 12 regions. Parties need at least 5% of the national vote to win seats, and alliances need 7%.",
    "Marovia has been governed by a coalition led by National Renewal since 2016. Prime Minister Tomas Aldric called the election a year early after his government lost a confidence vote over the budget.",
    "A party or coalition needs 91 seats for a majority in the National Assembly. No single party has won an outright majority since 1998.",
    "Why it matters: Marovia is a member of the European Union and NATO, and its next government will decide whether to go ahead with plans to join the eurozone by 2028.",
    "The Central Electoral Commission is an independent body of nine members, appointed for six-year terms by the National Assembly.",
]
STATEMENTS = [
    "\u201cThe Central Electoral Commission reminds all parties that only results published on its official website are valid,\u201d the commission said in a statement.",
    "CNN is unable to independently verify the claims.",
    "The Central Electoral Commission has said it will publish the final official result within 10 days of the vote.",
    "\"We call on all sides to respect the work of the election officials,\" President Katarina Wolff said in a statement.",
]
CAUSES = [("a power cut", "power cut"), ("a dispute over missing seals on ballot boxes", "missing seals"),
          ("a software fault in the tally system", "software fault"), ("a shortage of staff", "staff shortage"),
          ("objections from party observers", "objections")]
FIXES = ["the seals had been checked", "power was restored", "replacement staff arrived",
         "the tally sheets had been rechecked"]
ISSUES = [("the misuse of state resources during the campaign", "misuse of state resources"),
          ("vote buying in some rural areas", "vote buying claims"),
          ("unequal media coverage", "unequal media coverage"),
          ("overcrowded polling stations", "overcrowded polling stations")]
TIME_AGO = ["in the last few hours", "earlier today", "this morning", "overnight", "late on Sunday"]
WHEN = ["Tuesday evening", "the end of the week", "midday", "Wednesday"]
CAPTION_WHO = ["Election workers count ballots", "A voter casts a ballot",
               "Supporters of {P2} wave flags", "{L1}, leader of {P1}, speaks to supporters",
               "Police officers stand guard", "Members of the Central Electoral Commission attend a news conference",
               "Ballot boxes are unloaded from a truck", "Party observers watch the count"]
CAPTION_WHERE = ["at a polling station in {R}", "in Port Anselm, Marovia,", "in {C}",
                 "outside the commission headquarters in Port Anselm", "at a counting center in {R}"]
SUBHEADS = ["What happens next?", "By the numbers", "In the capital", "The view from {R}",
            "Who is ahead where", "{R}", "Why does it matter?"]
COLON_LINES = ["Here's how the latest figures break down:", "Here are the latest numbers:",
               "This is how the seats would be shared out:"]
CLOSING_COLON = ["See the latest results map:", "Read the full story:", "Watch:"]
READ_MORE = [["Read more here."], ["Read the full analysis here."],
             ["Read more:", "Marovia's election count drags on as {P2s} demands recount"],
             ["Read more:", "Who is {L1}, the man who wants a third term?"]]
TEMPLATE_HEADS = ["Key takeaways", "The latest", "What we know", "Catch up"]
TEMPLATE_INTROS = {
    "Key takeaways": ["It's been a dramatic few hours in Marovia's election count. Here are the key takeaways:",
                      "Here are the key takeaways from the count so far:"],
    "The latest": ["Here's the latest on Marovia's election count:",
                   "It's {clock} in Port Anselm. Here's the latest:"],
    "What we know": ["The count in Marovia's parliamentary election is continuing. Here's what we know so far:",
                     "Here's what we know so far:"],
    "Catch up": ["If you're just joining us, here's what you need to know:",
                 "Catch up on the day's main developments:"],
}
SWAPS = [("said", "told reporters"), ("about", "around"), ("more than", "over"), ("roughly", "about"),
         ("ballots", "votes"), ("gathered", "rallied"), ("suspended", "halted"), ("published", "released"),
         ("largely", "mostly"), ("shortly", "soon"), ("nervous", "anxious"), ("formal complaint", "complaint"),
         ("several hundred", "hundreds of"), ("praised", "welcomed"), ("the count", "the vote count"),
         ("could", "may"), ("expected", "due"), ("waving", "carrying")]
TENSE = [(" says ", " said "), (" tells ", " told "), ("today", "on {day}"), ("in the last few hours", "on {day}"),
         ("this morning", "on {day} morning"), ("later today", "later on {day}")]
HEAD_TWEAKS = [("leads", "extends lead"), ("says", "said"), ("narrow", "slim"), ("rally", "rallies"),
               ("Count", "Vote count"), ("hundreds", "Hundreds"), ("after", "following"), ("over", "about")]


class World:
    """The numbers the story is about: counted share, party shares, turnout."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.shares = [p[4] for p in PARTIES]
        self.turnout = 71.3

    def counted(self, now: datetime) -> float:
        hours = (now - (ELECTION_DAY + timedelta(hours=14))).total_seconds() / 3600
        if hours <= 0:
            return 3.0
        return max(3.0, min(100.0, 100 * (1 - 0.5 ** (hours / 6))))

    def drift(self) -> None:
        self.shares = [max(1.0, s + self.rng.gauss(0, 0.12)) for s in self.shares]
        if self.rng.random() < 0.01:
            self.turnout = round(self.turnout + self.rng.choice([-0.2, 0.1, 0.3]), 1)

    def ranking(self) -> list[int]:
        return sorted(range(len(PARTIES)), key=lambda i: -self.shares[i])

    def seats(self) -> list[int]:
        qualified = [i for i, s in enumerate(self.shares) if s >= 5.0]
        total = sum(self.shares[i] for i in qualified)
        quotas = {i: 180 * self.shares[i] / total for i in qualified}
        seats = {i: int(q) for i, q in quotas.items()}
        rest = 180 - sum(seats.values())
        for i in sorted(qualified, key=lambda i: -(quotas[i] - seats[i]))[:rest]:
            seats[i] += 1
        return [seats.get(i, 0) for i in range(len(PARTIES))]


class Slots(dict):
    """Template slots filled on first use, so one slot means one value per text."""

    def __init__(self, prose: Prose, now: datetime) -> None:
        super().__init__()
        self.prose = prose
        self.now = now
        self.used: set[str] = set()   # sentences already in this text: not repeated while others are left

    def __missing__(self, key: str) -> str:
        value = self.prose.slot(key, self)
        self[key] = value
        return value


class Prose:
    """Generated election prose: sentences, quotes, paragraphs, headlines, captions."""

    def __init__(self, rng: random.Random, world: World) -> None:
        self.rng = rng
        self.world = world

    # slots ------------------------------------------------------------
    def slot(self, key: str, s: Slots) -> str:
        rng, w, now = self.rng, self.world, s.now
        rank = w.ranking()
        party_slot = re.fullmatch(r"([PLS])(\d)(s?)", key)
        if party_slot:
            kind, num, short = party_slot.groups()
            idx = rank[int(num) - 1] if num != "3" else int(s["_third"])
            name, short_name, leader, surname, _ = PARTIES[idx]
            if kind == "P":
                return short_name if short else name
            if kind == "L":
                return surname if short else leader
            return f"{w.shares[idx]:.1f}"
        simple: dict[str, Callable[[], str]] = {
            "_third": lambda: str(rng.choice(rank[2:5])),
            "pct": lambda: str(int(w.counted(now))),
            "seats1": lambda: str(w.seats()[rank[0]]),
            "seats13": lambda: str(w.seats()[rank[0]] + w.seats()[int(s["_third"])]),
            "gap": lambda: f"{w.shares[rank[0]] - w.shares[rank[1]]:.1f}",
            "R": lambda: rng.choice(REGIONS), "C": lambda: rng.choice(CITIES),
            "n": lambda: str(rng.randint(2, 40)), "n3": lambda: str(rng.randint(31, 88)),
            "n2": lambda: f"{rng.randint(1200, 48000):,}", "nmin": lambda: rng.choice(["15", "20", "30"]),
            "day": lambda: WEEKDAYS[now.weekday()], "nextday": lambda: WEEKDAYS[(now.weekday() + 1) % 7],
            "time_ago": lambda: rng.choice(TIME_AGO), "when": lambda: rng.choice(WHEN),
            "fix": lambda: rng.choice(FIXES), "turnout": lambda: f"{w.turnout:.1f}",
            "turnout_hi": lambda: f"{w.turnout + rng.uniform(4, 9):.1f}",
            "fx": lambda: f"{rng.uniform(0.2, 1.9):.1f}", "clock": lambda: clock(now + timedelta(hours=6)),
            "short_q": lambda: rng.choice(["We are ready to govern", "This is a victory for every Marovian",
                                           "The work starts now", "We will not give up"]),
        }
        if key in simple:
            return simple[key]()
        if key in ("cause", "cause_short"):
            cause = rng.choice(CAUSES)
            s["cause"], s["cause_short"] = cause
            return s[key]
        if key in ("issue", "issue_short"):
            issue = rng.choice(ISSUES)
            s["issue"], s["issue_short"] = issue
            return s[key]
        raise KeyError(key)

    def fill(self, template: str, slots: Slots) -> str:
        return template.format_map(slots)

    # sentences and paragraphs -----------------------------------------
    def sentence(self, topic: str, slots: Slots, avoid: Iterable[str] = ()) -> str:
        avoid = set(avoid)
        filled = [(t, self.fill(t, slots)) for t in SENTENCES[topic]]
        fresh = [t for t, text in filled if text not in avoid and text not in slots.used]
        choices = fresh or [t for t, text in filled if text not in avoid] or SENTENCES[topic]
        text = self.fill(self.rng.choice(choices), slots)
        slots.used.add(text)
        return text

    def paragraph(self, topic: str, slots: Slots, sentences: int = 0) -> str:
        count = sentences or self.rng.choice([1, 1, 2, 2, 2, 3])
        out: list[str] = []
        for _ in range(count):
            out.append(self.sentence(topic, slots, out))
        return " ".join(dict.fromkeys(out))

    def quote(self, topic: str, slots: Slots) -> str:
        kind = TOPIC_QUOTE[topic]
        q = self.fill(self.rng.choice(QUOTES[kind]), slots)
        speaker = self.fill(self.rng.choice(SPEAKERS[kind]), slots)
        plain = speaker.rstrip(",")
        shape = self.rng.randrange(4)
        if shape == 0:
            return f"\"{q},\" said {plain}."
        if shape == 1:
            return f"{speaker} told CNN on {slots['day']}: \"{q}.\""
        if shape == 2:
            q2 = self.fill(self.rng.choice(QUOTES[kind]), slots)
            if q2 == q:
                return f"\"{q},\" {plain} said on {slots['day']}."
            return f"\"{q},\" {plain} said. \"{q2}.\""
        return f"{plain[:1].upper() + plain[1:]} said: \"{q}.\""

    def headline(self, topic: str, slots: Slots) -> tuple[str, str]:
        """(topic, headline); the shape of the headline may choose the topic."""
        roll = self.rng.random()
        for shape, rate in SHAPE_RATES:
            if roll < rate:
                topic, template = self.rng.choice(SHAPED[shape])
                return topic, self.fill(template, slots)
            roll -= rate
        return topic, self.fill(self.rng.choice(HEADLINES[topic]), slots)

    def caption(self, slots: Slots) -> tuple[str, str]:
        who = self.fill(self.rng.choice(CAPTION_WHO), slots)
        where = self.fill(self.rng.choice(CAPTION_WHERE), slots).rstrip(",")
        when = f"on {MONTHS[slots.now.month - 1]} {slots.now.day}"
        text = f"{who} {where}, {when}" if where.endswith("Marovia") else f"{who} {where} {when}"
        if self.rng.random() > 0.2:
            text += "."
        return text, self.rng.choice(PHOTOGRAPHERS)

    def embed(self, slots: Slots) -> Block:
        if self.rng.random() < 0.5:
            title = self.fill(self.rng.choice(["{R} count resumes after a delay of {n} hours",
                                               "How Marovia's seat allocation works",
                                               "{L1s} speaks to supporters in Port Anselm"]), slots)
            slug = "marovia " + self.rng.choice(["election count", "vote lkl", "results explainer"])
            dur = f"0{self.rng.randint(1, 5)}:{self.rng.randint(0, 59):02d} - Source: CNN"
            return Block("video", items=(slug, title, dur))
        text = self.fill(self.rng.choice([
            "Counting in {R} has resumed. Updated results will be published on our website at {clock}. #MaroviaVotes",
            "Preliminary turnout: {turnout}%. Thank you to all 41,000 poll workers. #MaroviaVotes"]), slots)
        stamp = f"\u2014 Central Electoral Commission (@MaroviaCEC) {MONTHS[slots.now.month - 1]} {slots.now.day}, {slots.now.year}"
        return Block("tweet", items=(text, stamp))


def nbsp_noise(rng: random.Random, text: str, rate: float = 0.22) -> str:
    """CMS copy-paste residue: a few non-breaking spaces, sometimes a trailing one."""
    if rng.random() < rate:
        spaces = [m.start() for m in re.finditer(" ", text)]
        for pos in rng.sample(spaces, min(len(spaces), rng.choice([1, 1, 2]))):
            text = text[:pos] + rng.choice([NBSP, NBSP, NBSP + " "]) + text[pos + 1:]
    if rng.random() < rate * 0.6:
        text += rng.choice([NBSP, NBSP + " ", NBSP + " " + NBSP + " "])
    return text


# ---------------------------------------------------------------------------
# CMS records
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Block:
    """One typed content block of a post record."""
    kind: str            # para, quote, subhead, photo, bullets, video, tweet, readmore
    text: str = ""       # para/quote/subhead text, photo caption
    credit: str = ""     # photo credit
    items: tuple[str, ...] = ()   # bullet items, embed lines, read-more lines
    tight: bool = False  # text layouts: no blank line after this block


TEXT_KINDS = ("para", "quote")


@dataclass(frozen=True)
class Rev:
    """One revision of a post as stored by the CMS."""
    headline: str
    byline: str          # "" = no byline
    blocks: tuple[Block, ...]
    stamp: datetime      # the time label
    tight_end: bool = False

    def content(self) -> tuple:
        return (self.headline, self.blocks)


@dataclass
class LogEntry:
    at: datetime
    editor: str
    action: str
    page: str
    rev: Rev


@dataclass
class Post:
    pid: int
    topic: str
    kind: str            # news, analysis, template
    created: datetime
    curly: bool          # the reporter types curly quotes
    log: list[LogEntry] = field(default_factory=list)


@dataclass
class Placement:
    """A post on one day page: page-scoped id, its own revision, its sort key."""
    pid: int
    uri: str
    rev: Rev
    sort_key: datetime


@dataclass(frozen=True)
class Snapshot:
    """What the publish step rendered for a page at one time."""
    version: int
    title: str
    authors: tuple[str, ...]
    updated: datetime
    count: int
    entries: tuple[tuple[int, str, Rev], ...]
    pinned: int | None


@dataclass
class Page:
    key: date
    title: str
    opened: datetime
    places: dict[int, Placement] = field(default_factory=dict)
    archived: datetime | None = None
    pinned: int | None = None
    pin_until: datetime | None = None
    authors: list[str] = field(default_factory=list)
    dirty: bool = True
    snapshot: Snapshot | None = None
    version: int = 0
    dive: tuple[str, ...] = ()
    promo: tuple[str, str, str] | None = None

    def order(self) -> list[Placement]:
        return sorted(self.places.values(), key=lambda p: (p.sort_key, p.pid), reverse=True)


# ---------------------------------------------------------------------------
# the newsroom: rota, filing, editing, rollover, publishing
# ---------------------------------------------------------------------------

EDIT_MIX = [("words", 27), ("sentence_added", 9), ("sentence_cut", 6), ("para_added", 9),
            ("para_cut", 6), ("headline_partial", 7), ("headline_whole", 3), ("caption", 5),
            ("byline", 5), ("retime", 5), ("bump", 3), ("compound", 7), ("typographic", 6),
            ("revert", 2)]
COMPOUND_PARTS = ["words", "sentence_added", "sentence_cut", "para_added", "para_cut",
                  "headline_partial", "caption", "byline", "retime"]
TOPIC_WEIGHTS = {  # by day of coverage: 0 = election day, 1 = the day after, 2+ = later
    0: {"results": 8, "count": 5, "turnout": 4, "incident": 3, "reaction": 4, "explainer": 2,
        "analysis": 2, "observers": 1, "cyber": 1, "international": 1},
    1: {"results": 6, "count": 4, "reaction": 3, "legal": 2, "coalition": 2, "markets": 2,
        "observers": 3, "international": 2, "analysis": 2, "protest": 1, "cyber": 1},
    2: {"results": 3, "count": 3, "legal": 4, "coalition": 4, "protest": 3, "reaction": 3,
        "international": 2, "markets": 2, "analysis": 2, "concession": 1, "explainer": 1,
        "observers": 1},
}
QUESTIONS = ["So what does this mean for {P1s}?", "What happens if the court orders a full recount?",
             "Could the result still change?", "Who will President Wolff call first?"]


def weighted(rng: random.Random, pairs: Iterable[tuple[str, float]]) -> str:
    pairs = list(pairs)
    roll = rng.random() * sum(w for _, w in pairs)
    for name, weight in pairs:
        roll -= weight
        if roll < 0:
            return name
    return pairs[-1][0]


def activity(now: datetime) -> float:
    hour = now.hour
    profile = 0.7 if hour < 2 else 1.0 if hour < 8 else 1.2 if hour < 13 else 1.4 if hour < 19 else 0.8
    day = (now.date() - ELECTION_DAY.date()).days
    return profile * (1.25 if day <= 1 else 0.85)


def page_title(key: date) -> str:
    suffix = "election results" if key == ELECTION_DAY.date() else "election news"
    return f"{day_text(key)} Marovia {suffix}"


class Newsroom:
    """The CMS and the people using it."""

    def __init__(self, rng: random.Random, tag: str) -> None:
        self.rng = rng
        self.tag = tag
        self.world = World(rng)
        self.prose = Prose(rng, self.world)
        self.posts: dict[int, Post] = {}
        self.pages: list[Page] = []
        self.next_pid = 1
        self.catchups: list[tuple[datetime, int, date]] = []
        self.lead_log: list[tuple[datetime, str]] = []
        self.head_log: list[tuple[date, str, str]] = []
        self.template_i = 0
        self.next_template = ELECTION_DAY + timedelta(hours=9, minutes=rng.randint(0, 60))
        self.rollover_at = ELECTION_DAY + timedelta(hours=19, minutes=rng.randint(0, 120))
        self.next_pin = ELECTION_DAY + timedelta(hours=rng.randint(8, 16))
        self.actions: dict[str, int] = {}
        self.open_page(ELECTION_DAY.date(), ELECTION_DAY + timedelta(hours=4))

    # people -------------------------------------------------------------
    def rota(self, now: datetime, pool: list[str], per_shift: int) -> list[str]:
        names: list[str] = []
        for shift, start, end in SHIFTS:
            for back in (0, 1):
                day = now.date() - timedelta(days=back)
                hour = now.hour + 24 * back
                if start <= hour < end:
                    r = random.Random(f"{self.tag}|{day}|{shift}|{len(pool)}")
                    names += [n for n in r.sample(pool, per_shift) if n not in names]
        return names or pool[:per_shift]

    def night_desk(self, now: datetime) -> bool:
        return now.hour >= 21 or now.hour < 2

    def byline(self, now: datetime, topic: str) -> str:
        r = self.rng.random()
        if r < 0.08:
            return ""
        names = self.rng.sample(self.rota(now, REPORTERS, 4), self.rng.choice([1, 1, 2, 2, 3]))
        if topic == "analysis":
            return f"Analysis by CNN's {names[0]}"
        if r < 0.10:
            return "From CNN staff"
        cnn = "CNN\u2019s" if self.rng.random() < 0.15 else "CNN's"
        text = f"From {cnn} {join_names(names)}"
        if len(names) == 1 and self.rng.random() < 0.2:
            text += f" in {self.rng.choice(CITIES)}"
        return nbsp_noise(self.rng, text, 0.1)

    def uri(self, page: Page, pid: int) -> str:
        digest = hashlib.sha256(f"{self.tag}|{page.key}|{pid}".encode()).hexdigest()
        token = "cl" + "".join("abcdefghijklmnopqrstuvwxyz0123456789"[int(digest[i:i + 2], 16) % 36]
                               for i in range(0, 46, 2))
        return f"cms.cnn.com/_components/live-story-post/instances/{token}@published"

    # pages --------------------------------------------------------------
    def open_page(self, key: date, now: datetime) -> Page:
        page = Page(key=key, title=page_title(key), opened=now)
        page.dive = tuple(self.rng.sample([
            "How Marovia's election could reshape the EU's eastern flank",
            "Tomas Aldric: the survivor of Marovian politics",
            "Analysis: Ilse Varga's long road back",
            "Why a tiny farmers' party may pick Marovia's next government",
            "In pictures: Marovia votes"], 3))
        if self.rng.random() < 0.6:
            page.promo = ("marovia election lkl", self.rng.choice([
                "Marovia's knife-edge election, explained", "Inside the count in Port Anselm"]),
                f"0{self.rng.randint(1, 4)}:{self.rng.randint(0, 59):02d} - Source: CNN")
        self.pages.append(page)
        return page

    def live(self) -> Page:
        return self.pages[-1]

    def mark(self, page: Page, now: datetime, *people: str) -> None:
        page.dirty = True
        for name in people:
            if name and name not in page.authors and len(page.authors) < 10:
                page.authors.append(name)

    def publish(self, now: datetime) -> None:
        for page in self.pages:
            if not page.dirty:
                continue
            page.version += 1
            order = page.order()
            pinned = page.pinned if page.pinned in page.places else None
            page.snapshot = Snapshot(page.version, page.title, tuple(page.authors), now, len(order),
                                     tuple((p.pid, p.uri, p.rev) for p in order), pinned)
            page.dirty = False

    # the clock -----------------------------------------------------------
    def tick(self, now: datetime) -> None:
        rng, live, f = self.rng, self.live(), activity(now)
        if now.minute == 0:
            self.world.drift()
        if now >= self.rollover_at:
            self.rollover(now)
            live = self.live()
        if rng.random() < 1.9 * f / 60:
            self.new_post(now, live)
        if now >= self.next_template:
            self.template_post(now, live)
        if rng.random() < 4.2 * f / 60 and len(live.places) > 1:
            self.edit(now, live)
        if rng.random() < 0.07 * f / 60:
            self.delete(now, live)
        self.pins(now, live)
        for page in self.pages[:-1]:
            if (now - page.opened).days < 3 and rng.random() < 0.05 / 60:
                self.correct(now, page)
        self.run_catchups(now)
        if now.minute % 3 == 0:
            self.publish(now)

    def count(self, action: str) -> None:
        self.actions[action] = self.actions.get(action, 0) + 1

    # filing --------------------------------------------------------------
    def topic_for(self, now: datetime) -> str:
        day = min(2, (now.date() - ELECTION_DAY.date()).days)
        return weighted(self.rng, TOPIC_WEIGHTS[day].items())

    def new_post(self, now: datetime, page: Page) -> Post:
        rng, slots = self.rng, Slots(self.prose, now)
        topic, headline = self.prose.headline(self.topic_for(now), slots)
        older = [h for h in self.head_log if h[0] < now.date() and h[2] != "template"]
        if older and rng.random() < 0.03:
            _, headline, topic = rng.choice(older)
            self.count("reused_headline")
        post = Post(self.next_pid, topic, "analysis" if topic == "analysis" else "news", now,
                    rng.random() < 0.4)
        self.next_pid += 1
        blocks = self.build_blocks(topic, slots, post.curly)
        leads = [lead for at, lead in self.lead_log if at < now - timedelta(hours=2)]
        if leads and rng.random() < 0.04:
            first = next(i for i, b in enumerate(blocks) if b.kind == "para")
            blocks[first] = Block("para", rng.choice(leads))
            self.count("repeated_lead")
        byline = self.byline(now, topic)
        rev = Rev(headline, byline, tuple(blocks), now, rng.random() < 0.08)
        self.add(page, post, rev, now, "file", byline)
        lead = next(b.text for b in blocks if b.kind == "para")
        self.lead_log.append((now, lead))
        self.head_log.append((now.date(), headline, topic))
        return post

    def add(self, page: Page, post: Post, rev: Rev, now: datetime, action: str, who: str) -> None:
        self.posts[post.pid] = post
        page.places[post.pid] = Placement(post.pid, self.uri(page, post.pid), rev, now)
        post.log.append(LogEntry(now, who or "desk", action, str(page.key), rev))
        names = re.sub(r"^(From|Analysis by) CNN.s ", "", norm(who)).split(" in ")[0]
        people = [n for n in re.split(r", | and ", names) if n in REPORTERS]
        self.mark(page, now, *people)
        self.count("new_post" if action == "file" else action)

    def build_blocks(self, topic: str, slots: Slots, curly: bool) -> list[Block]:
        rng, prose = self.rng, self.prose
        blocks: list[Block] = []
        if rng.random() < 0.55:
            blocks.append(Block("photo", *prose.caption(slots)))
        blocks.append(Block("para", prose.paragraph(topic, slots, rng.choice([1, 1, 2]))))
        for _ in range(rng.choice([1, 2, 2, 3, 3, 4, 5, 6])):
            blocks += self.extra_blocks(topic, slots)
        tail = rng.random()
        if tail < 0.10:
            blocks.append(Block("readmore", items=tuple(prose.fill(x, slots) for x in rng.choice(READ_MORE))))
        elif tail < 0.14:
            blocks.append(Block("para", rng.choice(CLOSING_COLON)))
        return [self.finish_block(b, curly) for b in blocks]

    def finish_block(self, block: Block, curly: bool) -> Block:
        if block.kind not in TEXT_KINDS or block.text in BACKGROUND or block.text in STATEMENTS:
            return block
        text = smart_quotes(block.text) if curly else block.text
        return replace(block, text=nbsp_noise(self.rng, text), tight=self.rng.random() < 0.05)

    def extra_blocks(self, topic: str, slots: Slots) -> list[Block]:
        rng, prose = self.rng, self.prose
        kind = weighted(rng, [("para", 45), ("quote", 20), ("subhead", 6), ("question", 4),
                              ("list", 5), ("background", 8), ("statement", 6), ("embed", 3),
                              ("photo", 3)])
        if kind == "para":
            return [Block("para", prose.paragraph(topic, slots))]
        if kind == "quote":
            return [Block("quote", prose.quote(topic, slots))]
        if kind == "subhead":
            return [Block("subhead", prose.fill(rng.choice(SUBHEADS), slots)),
                    Block("para", prose.paragraph(topic, slots))]
        if kind == "question":
            return [Block("para", prose.fill(rng.choice(QUESTIONS), slots)),
                    Block("para", prose.paragraph(rng.choice(["coalition", "legal", "analysis"]), slots))]
        if kind == "list":
            shares = self.world.shares
            items = tuple(f"{PARTIES[i][0]}: {shares[i]:.1f}%" for i in self.world.ranking()[:4])
            return [Block("para", rng.choice(COLON_LINES)), Block("bullets", items=items)]
        if kind == "background":
            return [Block("para", rng.choice(BACKGROUND))]
        if kind == "statement":
            return [Block("para", rng.choice(STATEMENTS))]
        if kind == "embed":
            return [prose.embed(slots)]
        return [Block("photo", *prose.caption(slots))]

    def template_post(self, now: datetime, page: Page) -> None:
        rng = self.rng
        self.next_template = now + timedelta(minutes=rng.randint(230, 400))
        head = TEMPLATE_HEADS[self.template_i % len(TEMPLATE_HEADS)]
        self.template_i += 1
        intro = Prose(rng, self.world).fill(rng.choice(TEMPLATE_INTROS[head]), Slots(self.prose, now))
        bullets = self.quoted_bullets(page, rng.randint(3, 6))
        if len(bullets) < 3:
            return
        post = Post(self.next_pid, "results", "template", now, False)
        self.next_pid += 1
        blocks = [Block("para", intro), Block("bullets", items=tuple(bullets))]
        if rng.random() < 0.2:
            blocks.append(Block("para", "See the latest results map:"))
        byline = weighted(rng, [("From CNN staff", 50), ("", 25), ("reporter", 25)])
        if byline == "reporter":
            byline = f"From CNN's {rng.choice(self.rota(now, REPORTERS, 4))}"
        rev = Rev(head, byline, tuple(blocks), now)
        self.add(page, post, rev, now, "template", byline)
        self.head_log.append((now.date(), head, "template"))
        if rng.random() < 0.35 and page.pinned is None:
            self.pin(page, post.pid, now)

    def quoted_bullets(self, page: Page, count: int, avoid: Iterable[str] = ()) -> list[str]:
        """Sentences of other posts, word for word, half of them after a label."""
        rng, seen = self.rng, set(avoid)
        sources = [p for p in page.order()[:12] if self.posts[p.pid].kind != "template"]
        rng.shuffle(sources)
        bullets: list[str] = []
        for place in sources:
            paras = [b.text for b in place.rev.blocks if b.kind == "para" and len(b.text) > 60]
            if not paras:
                continue
            sentence = rng.choice(split_sentences(paras[0] if rng.random() < 0.7 else rng.choice(paras)))
            sentence = sentence.strip()
            if sentence in seen or not sentence.endswith((".", "\"", "\u201d")):
                continue
            seen.add(sentence)
            label = TOPIC_LABEL[self.posts[place.pid].topic]
            bullets.append(f"{label}: {sentence}" if rng.random() < 0.5 else sentence)
            if len(bullets) == count:
                break
        return bullets

    # pins, deletions, corrections, catch-ups -------------------------------
    def pin(self, page: Page, pid: int, now: datetime) -> None:
        page.pinned = pid
        page.pin_until = now + timedelta(minutes=self.rng.randint(120, 480))
        self.mark(page, now)
        self.count("pin")

    def pins(self, now: datetime, page: Page) -> None:
        for p in self.pages:
            if p.pinned is not None and (p.pin_until is None or now >= p.pin_until or p.pinned not in p.places):
                p.pinned = None
                self.mark(p, now)
        if now >= self.next_pin:
            self.next_pin = now + timedelta(hours=self.rng.randint(18, 28))
            order = page.order()[:6]
            if page.pinned is None and len(order) >= 4:
                self.pin(page, self.rng.choice(order[1:]).pid, now)

    def delete(self, now: datetime, page: Page) -> None:
        order = page.order()
        if len(order) < 5:
            return
        victim = self.rng.choice(order[1:min(10, len(order) - 2)])
        del page.places[victim.pid]
        self.posts[victim.pid].log.append(LogEntry(now, self.editor(now), "delete", str(page.key), victim.rev))
        self.mark(page, now)
        self.count("delete")

    def editor(self, now: datetime) -> str:
        return self.rng.choice(self.rota(now, EDITORS, 2))

    def correct(self, now: datetime, page: Page) -> None:
        order = page.order()
        if not order:
            return
        place = self.rng.choice(order[:20])
        kind = self.rng.choice(["words", "typographic", "sentence_added"])
        rev = self.apply(kind, place, self.posts[place.pid], now)
        if rev is not None and rev != place.rev:
            self.commit(page, place, rev, now, "correction")

    def run_catchups(self, now: datetime) -> None:
        due = [c for c in self.catchups if c[0] <= now]
        self.catchups = [c for c in self.catchups if c[0] > now]
        for _, pid, key in due:
            old = next((p for p in self.pages if p.key == key), None)
            live = next((p for p in reversed(self.pages) if pid in p.places), None)
            if old is None or live is None or old is live or pid not in old.places:
                continue
            place, source = old.places[pid], live.places[pid].rev
            rev = replace(place.rev, headline=source.headline, blocks=source.blocks)
            if rev != place.rev:
                self.commit(old, place, rev, now, "catchup")

    # rollover -------------------------------------------------------------
    def rollover(self, now: datetime) -> None:
        rng, old = self.rng, self.live()
        self.rollover_at = datetime.combine(now.date() + timedelta(days=1), datetime.min.time()) + \
            timedelta(hours=19, minutes=rng.randint(0, 120))
        new = self.open_page(old.key + timedelta(days=1), now)
        old.archived = now
        candidates = [p for p in old.order()[:8]
                      if self.posts[p.pid].kind != "template" or rng.random() < 0.2]
        carried = candidates[:rng.randint(2, 5)]
        stamp = now + timedelta(minutes=2 * len(carried) + rng.randint(0, 5))
        for place in carried:
            stamp -= timedelta(minutes=rng.randint(1, 3))
            self.carry(old, new, place, stamp, now)
        self.mark(old, now)
        self.mark(new, now, *self.rota(now, REPORTERS, 2)[:2])
        self.count("rollover")

    def carry(self, old: Page, new: Page, place: Placement, stamp: datetime, now: datetime) -> None:
        rng, post = self.rng, self.posts[place.pid]
        rev = replace(place.rev, stamp=stamp)
        if rng.random() < 0.6:
            rev = self.retense(rev, now) or rev
        if rng.random() < 0.1:
            rev = self.op_caption(rev, post, now) or rev
        new.places[post.pid] = Placement(post.pid, self.uri(new, post.pid), rev, stamp)
        post.log.append(LogEntry(now, self.editor(now), "carry", str(new.key), rev))
        self.count("carry")
        if rng.random() < 0.15:
            del old.places[post.pid]
            self.count("carry_cut")

    def retense(self, rev: Rev, now: datetime) -> Rev | None:
        day = WEEKDAYS[now.weekday()]
        blocks = list(rev.blocks)
        changed = False
        for i, b in enumerate(blocks):
            if b.kind not in TEXT_KINDS:
                continue
            text = b.text
            for a, z in TENSE:
                text = text.replace(a, z.replace("{day}", day), 1)
            if text != b.text:
                blocks[i] = replace(b, text=text)
                changed = True
        headline = rev.headline.replace(" says", " said") if rng_flip(self.rng, 0.3) else rev.headline
        if not changed and headline == rev.headline:
            return None
        return replace(rev, headline=headline, blocks=tuple(blocks))

    # editing --------------------------------------------------------------
    def edit(self, now: datetime, page: Page) -> None:
        order = page.order()[:30]
        place = order[int(weighted(self.rng, [(str(i), 1 / (1 + i / 4)) for i in range(len(order))]))]
        post = self.posts[place.pid]
        mix = [(k, w * (3 if self.night_desk(now) and k in ("typographic", "retime") else 1)) for k, w in EDIT_MIX]
        kind = weighted(self.rng, mix)
        rev = self.apply(kind, place, post, now)
        if rev is None or rev == place.rev:
            return
        self.commit(page, place, rev, now, kind)
        others = [p for p in self.pages if p is not page and place.pid in p.places]
        if others and self.rng.random() < 0.3:
            due = now + timedelta(minutes=self.rng.randint(20, 300))
            self.catchups.append((due, place.pid, others[-1].key))

    def commit(self, page: Page, place: Placement, rev: Rev, now: datetime, kind: str) -> None:
        editor = self.editor(now)
        place.rev = rev
        if kind == "bump":
            place.sort_key = now
        self.posts[place.pid].log.append(LogEntry(now, editor, kind, str(page.key), rev))
        self.mark(page, now, editor if self.rng.random() < 0.3 else "")
        self.count(kind)

    def apply(self, kind: str, place: Placement, post: Post, now: datetime) -> Rev | None:
        rev = place.rev
        if kind == "compound":
            parts = self.rng.sample(COMPOUND_PARTS, self.rng.choice([2, 2, 3]))
            for part in parts:
                rev = self.apply_one(part, rev, post, now, place) or rev
            return rev if rev != place.rev else None
        out = self.apply_one(kind, rev, post, now, place)
        if out is None and kind not in ("revert", "typographic"):
            out = self.apply_one("words", rev, post, now, place) or self.apply_one("sentence_added", rev, post, now, place)
        return out

    def apply_one(self, kind: str, rev: Rev, post: Post, now: datetime, place: Placement) -> Rev | None:
        ops: dict[str, Callable[[Rev, Post, datetime], Rev | None]] = {
            "words": self.op_words, "sentence_added": self.op_sentence_added,
            "sentence_cut": self.op_sentence_cut, "para_added": self.op_para_added,
            "para_cut": self.op_para_cut, "headline_partial": self.op_headline_partial,
            "headline_whole": self.op_headline_whole, "caption": self.op_caption,
            "byline": self.op_byline, "retime": self.op_retime, "bump": self.op_bump,
            "typographic": self.op_typographic, "revert": self.op_revert,
        }
        return ops[kind](rev, post, now)

    def text_slots(self, rev: Rev) -> list[tuple[int, int]]:
        """(block, item) positions of editable text; item -1 = the block's text."""
        out: list[tuple[int, int]] = []
        for i, b in enumerate(rev.blocks):
            if b.kind in TEXT_KINDS and len(b.text.split()) >= 6:
                out.append((i, -1))
            elif b.kind == "bullets":
                out += [(i, j) for j in range(len(b.items))]
        return out

    def get_text(self, rev: Rev, at: tuple[int, int]) -> str:
        b = rev.blocks[at[0]]
        return b.text if at[1] < 0 else b.items[at[1]]

    def set_text(self, rev: Rev, at: tuple[int, int], text: str) -> Rev:
        blocks = list(rev.blocks)
        b = blocks[at[0]]
        if at[1] < 0:
            blocks[at[0]] = replace(b, text=text)
        else:
            items = list(b.items)
            items[at[1]] = text
            blocks[at[0]] = replace(b, items=tuple(items))
        return replace(rev, blocks=tuple(blocks))

    def op_words(self, rev: Rev, post: Post, now: datetime) -> Rev | None:
        spots = self.text_slots(rev)
        self.rng.shuffle(spots)
        for at in spots[:6]:
            new = tweak_words(self.rng, self.get_text(rev, at), now)
            if new is not None:
                return self.set_text(rev, at, new)
        return None

    def op_sentence_added(self, rev: Rev, post: Post, now: datetime) -> Rev | None:
        spots = [at for at in self.text_slots(rev) if at[1] < 0 and rev.blocks[at[0]].kind == "para"]
        if not spots:
            return None
        at = self.rng.choice(spots)
        text = self.get_text(rev, at)
        sentence = self.prose.sentence(post.topic if post.kind != "template" else "results",
                                       Slots(self.prose, now), split_sentences(text))
        if post.curly:
            sentence = smart_quotes(sentence)
        if norm(sentence) in norm(text):
            return None
        return self.set_text(rev, at, text.rstrip() + " " + sentence)

    def op_sentence_cut(self, rev: Rev, post: Post, now: datetime) -> Rev | None:
        spots = [at for at in self.text_slots(rev) if at[1] < 0 and len(split_sentences(self.get_text(rev, at))) > 1]
        if not spots:
            return None
        at = self.rng.choice(spots)
        sentences = split_sentences(self.get_text(rev, at))
        drop = self.rng.randrange(1, len(sentences)) if self.rng.random() < 0.75 else 0
        return self.set_text(rev, at, " ".join(s.strip() for k, s in enumerate(sentences) if k != drop))

    def op_para_added(self, rev: Rev, post: Post, now: datetime) -> Rev | None:
        blocks = list(rev.blocks)
        if post.kind == "template":
            idx = next((i for i, b in enumerate(blocks) if b.kind == "bullets"), None)
            if idx is None:
                return None
            page = self.live()
            extra = self.quoted_bullets(page, 1, blocks[idx].items)
            if not extra:
                return None
            blocks[idx] = replace(blocks[idx], items=blocks[idx].items + tuple(extra))
            return replace(rev, blocks=tuple(blocks))
        slots = Slots(self.prose, now)
        new = self.extra_blocks(post.topic, slots)
        new = [self.finish_block(b, post.curly) for b in new if b.kind != "photo"] or \
            [Block("para", self.prose.paragraph(post.topic, slots))]
        first = next(i for i, b in enumerate(blocks) if b.kind in TEXT_KINDS)
        pos = len(blocks) if self.rng.random() < 0.6 else self.rng.randint(first + 1, len(blocks))
        if blocks[-1].kind == "readmore" and pos == len(blocks):
            pos -= 1
        blocks[pos:pos] = new
        return replace(rev, blocks=tuple(blocks))

    def op_para_cut(self, rev: Rev, post: Post, now: datetime) -> Rev | None:
        blocks = list(rev.blocks)
        if post.kind == "template":
            idx = next((i for i, b in enumerate(blocks) if b.kind == "bullets"), None)
            if idx is None or len(blocks[idx].items) <= 3:
                return None
            items = list(blocks[idx].items)
            del items[self.rng.randrange(len(items))]
            blocks[idx] = replace(blocks[idx], items=tuple(items))
            return replace(rev, blocks=tuple(blocks))
        first = next(i for i, b in enumerate(blocks) if b.kind in TEXT_KINDS)
        cuttable = [i for i, b in enumerate(blocks) if i > first and b.kind != "photo"]
        if len(cuttable) < 2:
            return None
        del blocks[self.rng.choice(cuttable)]
        return replace(rev, blocks=tuple(blocks))

    def op_headline_partial(self, rev: Rev, post: Post, now: datetime) -> Rev | None:
        if post.kind == "template":
            return None
        new = tweak_headline(self.rng, rev.headline, now)
        return replace(rev, headline=new) if new and new != rev.headline else None

    def op_headline_whole(self, rev: Rev, post: Post, now: datetime) -> Rev | None:
        if post.kind == "template":
            return None
        for _ in range(5):
            _, head = self.prose.headline(post.topic, Slots(self.prose, now))
            if len(set(norm(head).lower().split()) & set(norm(rev.headline).lower().split())) <= 2:
                return replace(rev, headline=head)
        return None

    def op_caption(self, rev: Rev, post: Post, now: datetime) -> Rev | None:
        blocks = list(rev.blocks)
        photos = [i for i, b in enumerate(blocks) if b.kind == "photo"]
        slots = Slots(self.prose, now)
        if not photos:
            blocks.insert(0, Block("photo", *self.prose.caption(slots)))
            return replace(rev, blocks=tuple(blocks))
        i, roll = self.rng.choice(photos), self.rng.random()
        if roll < 0.5:
            text = blocks[i].text
            new = text[:-1] if text.endswith(".") and self.rng.random() < 0.3 else \
                tweak_words(self.rng, text, now) or text.replace(" on ", " late on ", 1)
            if new == text:
                return None
            blocks[i] = replace(blocks[i], text=new)
        elif roll < 0.85:
            blocks[i] = Block("photo", *self.prose.caption(slots))
        else:
            del blocks[i]
        return replace(rev, blocks=tuple(blocks))

    def op_byline(self, rev: Rev, post: Post, now: datetime) -> Rev | None:
        rng, names = self.rng, self.rota(now, REPORTERS, 4)
        if not rev.byline or rng.random() < 0.5:
            if not rev.byline or rev.byline == "From CNN staff":
                return replace(rev, byline=f"From CNN's {join_names(rng.sample(names, rng.choice([1, 2])))}")
            extra = next((n for n in names if n not in rev.byline), None)
            if extra is None or not rev.byline.startswith("From CNN"):
                return None
            parts = [x for x in re.split(r",\s+|\s+and\s+", rev.byline.split(" in ")[0][len("From CNN's "):]) if x]
            return replace(rev, byline=rev.byline[:len("From CNN's ")] + join_names([*parts, extra]))
        if rng.random() < 0.3 and "CNN's" in rev.byline:
            return replace(rev, byline=rev.byline.replace("CNN's", "CNN\u2019s"))
        return replace(rev, byline=f"From CNN's {join_names(rng.sample(names, rng.choice([1, 2, 3])))}")

    def op_retime(self, rev: Rev, post: Post, now: datetime) -> Rev | None:
        if self.rng.random() < 0.7:
            stamp = now
        else:
            stamp = rev.stamp + timedelta(minutes=self.rng.choice([-12, -5, -2, 3, 7, 10]))
        stamp = stamp.replace(second=0, microsecond=0)
        return replace(rev, stamp=stamp) if time_label(stamp) != time_label(rev.stamp) else None

    def op_bump(self, rev: Rev, post: Post, now: datetime) -> Rev | None:
        return replace(rev, stamp=now) if time_label(now) != time_label(rev.stamp) else None

    def op_typographic(self, rev: Rev, post: Post, now: datetime) -> Rev | None:
        spots: list[tuple[int, int] | None] = [*list(self.text_slots(rev)), None]
        self.rng.shuffle(spots)
        for at in spots:
            text = rev.headline if at is None else self.get_text(rev, at)
            new = typo_tweak(self.rng, text)
            if new is not None and new != text and norm(new) == norm(text):
                return replace(rev, headline=new) if at is None else self.set_text(rev, at, new)
        return None

    def op_revert(self, rev: Rev, post: Post, now: datetime) -> Rev | None:
        older: list[Rev] = []
        for entry in reversed(post.log):
            if entry.rev.content() != rev.content() and all(o.content() != entry.rev.content() for o in older):
                older.append(entry.rev)
        if not older:
            return None
        target = older[0] if self.rng.random() < 0.6 else self.rng.choice(older)
        out = replace(rev, headline=target.headline, blocks=target.blocks)
        return replace(out, byline=target.byline) if self.rng.random() < 0.3 else out


def rng_flip(rng: random.Random, p: float) -> bool:
    return rng.random() < p


_NUM = re.compile(r"(?<![\w.])(\d{1,2}(?:\.\d)?|\d{1,3}(?:,\d{3})+)(?![\w,]*\d)")


def tweak_number(rng: random.Random, text: str) -> str | None:
    hits = [m for m in _NUM.finditer(text) if m.group(1) not in ("12", "180", "91", "5", "7", "10")]
    if not hits:
        return None
    m = rng.choice(hits)
    raw = m.group(1)
    if "." in raw:
        value = f"{max(0.1, float(raw) + rng.choice([-0.7, -0.3, 0.2, 0.4, 1.1])):.1f}"
    elif "," in raw:
        value = f"{int(raw.replace(',', '')) + rng.randint(40, 900):,}"
    else:
        value = str(max(1, int(raw) + rng.choice([-3, -1, 1, 2, 4])))
    return text[:m.start(1)] + value + text[m.end(1):] if value != raw else None


def tweak_words(rng: random.Random, text: str, now: datetime) -> str | None:
    """A word-level edit: a number, a synonym, a tense."""
    options = ["number", "swap", "tense"]
    rng.shuffle(options)
    for option in options:
        if option == "number":
            new = tweak_number(rng, text)
            if new:
                return new
        elif option == "swap":
            swaps = SWAPS[:]
            rng.shuffle(swaps)
            for a, b in swaps:
                for x, y in ((a, b), (b, a)):
                    if f" {x} " in text:
                        return text.replace(f" {x} ", f" {y} ", 1)
        elif " says " in text or " said " in text:
            return text.replace(" says ", " said ", 1) if " says " in text else text.replace(" said ", " says ", 1)
    return None


def tweak_headline(rng: random.Random, headline: str, now: datetime) -> str | None:
    options = ["number", "swap", "suffix", "cut"]
    rng.shuffle(options)
    for option in options:
        if option == "number" and (new := tweak_number(rng, headline)):
            return new
        if option == "swap":
            for a, b in rng.sample(HEAD_TWEAKS, len(HEAD_TWEAKS)):
                if re.search(rf"\b{a}\b", headline):
                    return re.sub(rf"\b{a}\b", b, headline, count=1)
        if option == "suffix" and headline[-1:].isalnum():
            return headline + rng.choice([" as count continues", ", officials say", " on " + WEEKDAYS[now.weekday()]])
        if option == "cut" and ", " in headline[10:] and headline[-1:].isalnum():
            return headline[:headline.rindex(", ")]
    return None


def typo_tweak(rng: random.Random, text: str) -> str | None:
    """A change that normalization undoes: quote style, a dash, a space."""
    options = ["quotes", "dash", "nbsp"]
    rng.shuffle(options)
    for option in options:
        if option == "quotes" and any(c in text for c in "\"\u201c\u201d"):
            new = straight_quotes(text) if any(c in text for c in "\u201c\u201d\u2019") else smart_quotes(text)
            if new != text:
                return new
        if option == "dash" and any(d in text for d in (" - ", " \u2013 ", " \u2014 ")):
            for a, b in ((" - ", " \u2014 "), (" \u2014 ", " \u2013 "), (" \u2013 ", " - ")):
                if a in text:
                    return text.replace(a, b)
        if option == "nbsp":
            core = text.rstrip(" " + NBSP)
            inner = [i for i, c in enumerate(core) if c == NBSP and i > 0]
            spaces = [i for i, c in enumerate(core) if c == " " and i > 0]
            if inner and rng.random() < 0.5:
                pos = rng.choice(inner)
                return text[:pos] + " " + text[pos + 1:]
            if spaces:
                pos = rng.choice(spaces)
                return text[:pos] + NBSP + text[pos + 1:]
    return None


# ---------------------------------------------------------------------------
# rendering: what a capture shows
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class View:
    """A post as one capture shows it (None: the layout does not show the field)."""
    headline: str
    paras: tuple[str, ...]          # captions and body, one run
    time: str | None
    byline: str | None
    captions: tuple[str, ...] = ()  # for the coverage statistics only
    uri: str | None = None


Group = tuple[list[str], bool]


def b_headline(headline: str) -> str:
    """Layout B prints some headlines with a non-breaking space."""
    spaces = [i for i, c in enumerate(headline) if c == " "]
    if not spaces or crc(headline) % 4:
        return headline
    pos = spaces[crc(headline[::-1]) % len(spaces)]
    return headline[:pos] + NBSP + headline[pos + 1:]


def text_groups(rev: Rev, layout: str) -> tuple[list[Group], list[str], list[str]]:
    """Line groups of a post body in a text layout, with the paragraphs and captions shown."""
    t: Callable[[str], str] = smart_quotes if layout == "B" else (lambda x: x)
    groups: list[Group] = []
    paras: list[str] = []
    captions: list[str] = []
    for b in rev.blocks:
        if b.kind == "photo":
            caption = t(b.text)
            lines = [caption, f"{caption} ({b.credit})"] if layout == "A" else [caption]
            groups.append((lines, False))
            paras.append(caption)
            captions.append(caption)
            continue
        if b.kind in ("para", "quote", "subhead"):
            lines = [t(b.text)]
        elif b.kind == "bullets":
            lines = [f"  \u2022 {t(item)}" for item in b.items]
        elif b.kind == "readmore":
            for line in b.items:
                groups.append(([t(line)], False))
                paras.append(t(line))
            continue
        else:  # video, tweet
            lines = [t(x) for x in b.items]
        groups.append((lines, b.tight))
        paras += lines
    return groups, paras, captions


def join_groups(groups: list[Group]) -> str:
    out: list[str] = []
    for i, (lines, _) in enumerate(groups):
        if i:
            out.append("\n" if groups[i - 1][1] else "\n\n")
        out.append("\n".join(lines))
    return "".join(out)


def post_a(rev: Rev, headlines_only: bool = False) -> tuple[str, View]:
    label = time_label(rev.stamp)
    if headlines_only:
        return f"{label}\n\n{rev.headline}", View(rev.headline, (), label, None)
    groups, paras, captions = text_groups(rev, "A")
    head = f"{label}\n\n{rev.headline}\n\n" + (f"{rev.byline}\n\n" if rev.byline else "")
    return head + join_groups(groups), View(rev.headline, tuple(paras), label, rev.byline, tuple(captions))


def post_b(rev: Rev) -> tuple[str, View]:
    groups, paras, captions = text_groups(rev, "B")
    headline = b_headline(rev.headline)
    return f"{headline}\n\n" + join_groups(groups), View(headline, tuple(paras), None, None, tuple(captions))


def window_entries(snap: Snapshot, window: int, pinned: bool = True) -> list[tuple[int, str, Rev]]:
    entries = list(snap.entries[:window])
    if pinned and snap.pinned is not None:
        top = next(e for e in snap.entries if e[0] == snap.pinned)
        if not entries or entries[0][0] != snap.pinned:
            entries.insert(0, top)
    return entries


@dataclass
class Shown:
    """A rendered capture: bytes, what it shows, and the page count it prints."""
    body: str
    posts: list[int]
    views: list[View]
    count: int


def render_a(snap: Snapshot, page: Page, window: int, mode: str = "normal", count: int | None = None) -> Shown:
    entries = window_entries(snap, window)
    authors = join_names(list(snap.authors)) if snap.authors else "CNN staff"
    count = snap.count if count is None else count
    noun = "Post" if count == 1 else "Posts"
    out = f"{snap.title}\n\nBy {authors}, CNN\n\nUpdated {time_label(snap.updated)}\n{count} {noun}\nSort byDropdown arrow\n"
    views: list[View] = []
    for i, (_pid, _uri, rev) in enumerate(entries):
        text, view = post_a(rev, mode == "headlines")
        if i:
            out += "\n" if entries[i - 1][2].tight_end and mode != "headlines" else "\n\n"
        out += text
        views.append(view)
    if window >= snap.count and page.dive and mode == "normal":
        out += "\n\nDive Deeper\n\n" + "\n".join(page.dive)
    return Shown(out, [e[0] for e in entries], views, count)


def render_b(snap: Snapshot, page: Page, window: int) -> Shown:
    entries = window_entries(snap, window, pinned=False)
    out = f"{snap.title} | CNN\n\n{snap.title}\n\n"
    if page.promo:
        out += "\n".join(page.promo) + "\n\n"
    out += f"What we covered here\n\n{snap.count} Posts\n\n"
    views: list[View] = []
    texts: list[str] = []
    for _, _, rev in entries:
        text, view = post_b(rev)
        texts.append(text)
        views.append(view)
    dive = "Dive Deeper\n\n" + "\n".join(smart_quotes(x) for x in page.dive)
    out += "\n\n".join(texts) + "\n\n" + dive + "\n\n" + dive
    return Shown(out, [e[0] for e in entries], views, snap.count)


ERROR_TEXT = ("Service Unavailable\n\nThe server is temporarily unable to service your request due to "
              "maintenance downtime or capacity problems. Please try again later.\n\nReference #{ref}")
CONSENT_TEXT = ("CNN\n\nWe Care About Your Privacy\n\nWe and our 862 partners store and/or access information "
                "on a device, such as unique IDs in cookies to process personal data. You may accept or manage "
                "your choices by clicking below, including your right to object where legitimate interest is "
                "used, or at any time in the privacy policy page.\n\nAccept All\n\nReject All\n\nShow Purposes")


# -- HTML ---------------------------------------------------------------------

def esc(text: str) -> str:
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def linked(text: str) -> str:
    """Paragraph markup with a deterministic inline link (the text is unchanged)."""
    words = text.split(" ")
    c = crc(text)
    if c % 3 or len(words) < 9:
        return esc(text)
    i = c % (len(words) - 3)
    href = f"https://www.cnn.com/2024/11/{10 + c % 8}/europe/marovia-election-{c % 9973}/index.html"
    before = esc(" ".join(words[:i])) + (" " if i else "")
    return before + f'<a href="{href}">' + esc(" ".join(words[i:i + 3])) + "</a> " + esc(" ".join(words[i + 3:]))


def html_p(inner: str, key: str) -> str:
    return (f'<p class="paragraph inline-placeholder vossi-paragraph" data-component-name="paragraph" '
            f'id="paragraph_{crc(key):08x}" data-editable="text">{inner}</p>')


def html_block(b: Block, key: str) -> tuple[str, list[str], list[str]]:
    """Markup of a block, the body texts it shows (p.paragraph, figcaption) and captions."""
    if b.kind == "photo":
        img = f"{crc(key + b.text):08x}"
        return (f'<figure class="image image--inline" data-uri="cms.cnn.com/_components/image/instances/img{img}@published">'
                f'<div class="image__container"><picture><img src="https://media.cnn.com/api/v1/images/stellar/prod/{img}.jpg?c=16x9&amp;q=w_800,c_fill" '
                f'alt="{attr(b.text)}" loading="lazy"/></picture></div><figcaption class="image__caption attribution">'
                f'<span class="inline-placeholder" data-editable="metaCaption">{esc(b.text)}</span></figcaption>'
                f'<div class="image__credit">{esc(b.credit)}</div></figure>', [b.text], [b.text])
    if b.kind in ("para", "quote"):
        return html_p(linked(b.text), key), [b.text], []
    if b.kind == "subhead":
        return html_p(f"<strong>{esc(b.text)}</strong>", key), [b.text], []
    if b.kind == "bullets":
        items = "".join(f"<li>{html_p(linked(x), key + x)}</li>" for x in b.items)
        return f'<ul class="unordered-list" data-component-name="unordered-list">{items}</ul>', list(b.items), []
    if b.kind == "readmore":
        if len(b.items) == 2:
            href = f"https://www.cnn.com/2024/11/18/europe/marovia-{crc(b.items[1]) % 99991}/index.html"
            return html_p(f'{esc(b.items[0])} <a href="{href}">{esc(b.items[1])}</a>', key), [f"{b.items[0]} {b.items[1]}"], []
        text = b.items[0]
        head, _, tail = text.rpartition(" ")
        return html_p(f'{esc(head)} <a href="https://www.cnn.com/europe">{esc(tail[:-1])}</a>.', key), [text], []
    if b.kind == "video":
        return (f'<div class="video-resource" data-uri="cms.cnn.com/_components/video-resource/instances/v{crc(key):08x}@published">'
                f'<div class="video-resource__image"><img alt="{attr(b.items[1])}" src="https://media.cnn.com/api/v1/images/stellar/prod/v{crc(key):08x}.jpg"/></div>'
                f'<div class="video-resource__details"><h3 class="video-resource__headline">{esc(b.items[1])}</h3>'
                f'<span class="video-resource__duration">{esc(b.items[2])}</span></div></div>', [], [])
    return (f'<div class="social-embed"><blockquote class="twitter-tweet" data-lang="en"><p lang="en" dir="ltr">{esc(b.items[0])}</p>'
            f'{esc(b.items[1])}</blockquote><script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script></div>', [], [])


def html_article(pid: int, uri: str, rev: Rev, headlines_only: bool = False) -> tuple[str, View]:
    label = time_label(rev.stamp)
    byline = ""
    if rev.byline:
        byline = f'<div class="live-story-post__byline">{esc(rev.byline)}</div>'
    elif crc(uri) % 7 == 0:
        byline = '<div class="live-story-post__byline"></div>'
    parts: list[str] = []
    paras: list[str] = []
    captions: list[str] = []
    if not headlines_only:
        for i, b in enumerate(rev.blocks):
            markup, texts, caps = html_block(b, f"{uri}#{i}")
            parts.append(markup)
            paras += texts
            captions += caps
    token = uri.split("/")[-1].split("@")[0]
    share = ("<div class=\"live-story-post__share\"><button class=\"share-button\" aria-label=\"Copy link\">Copy Link</button>"
             f"<a class=\"share-button--facebook\" href=\"https://www.facebook.com/sharer.php?u=https://cnn.it/{token[-6:]}\">Facebook</a>"
             f"<a class=\"share-button--twitter\" href=\"https://twitter.com/intent/tweet?url=https://cnn.it/{token[-6:]}\">Tweet</a>"
             "<a class=\"share-button--email\" href=\"mailto:?subject=CNN\">Email</a></div>")
    body = "\n".join(parts)
    markup = (f'<article class="live-story-post" data-uri="{uri}" data-editable="post" id="{token}">\n'
              f'<header class="live-story-post__header"><span class="live-story-post__timestamp">{label}</span>\n'
              f'<h2 class="live-story-post__headline">{esc(rev.headline)}</h2>\n{byline}</header>\n'
              f'<div class="live-story-post__content">\n{body}\n</div>\n{share}\n</article>')
    view = View(rev.headline, tuple(paras), label, None if headlines_only else rev.byline, tuple(captions), uri)
    return markup, view


def html_head(title: str, noise: random.Random, extra: str = "") -> str:
    rid = "".join(noise.choice("0123456789abcdef") for _ in range(16))
    return (f'<!DOCTYPE html>\n<html lang="en" data-uri="cms.cnn.com/_pages/cl{rid[:12]}@published" data-layout-uri="cms.cnn.com/_layouts/layout-with-rail/instances/live-story@published">\n<head>\n'
            f'<meta charset="utf-8"/>\n<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
            f'<title>{esc(title)}</title>\n<meta property="og:site_name" content="CNN"/>\n'
            f'<link rel="preconnect" href="https://media.cnn.com"/>\n'
            f'<style>.live-story-post{{margin:0 0 24px}}.ad-slot-rail{{min-height:250px}}.header__nav a{{color:#0c0c0c}}</style>\n'
            f'<script>window.CNN=window.CNN||{{}};CNN.contentModel={{"pageType":"live-story","edition":"domestic","requestId":"{rid}","snippet":"\\u003cp class=\\"paragraph\\"\\u003e"}};</script>\n'
            f'<script async src="https://www.cnn.com/ads/prebid.{rid[:8]}.js"></script>\n{extra}</head>\n')


NAV = ('<div class="header__wrapper"><header class="header" data-editable="header"><nav class="header__nav">'
       '<a href="https://www.cnn.com/us">US</a><a href="https://www.cnn.com/world">World</a>'
       '<a href="https://www.cnn.com/politics">Politics</a><a href="https://www.cnn.com/business">Business</a>'
       '<a href="https://www.cnn.com/health">Health</a><a href="https://www.cnn.com/entertainment">Entertainment</a>'
       '<button class="header__menu-icon" aria-label="Open Menu Icon"></button><a class="header__login" href="/account/log-in">Log In</a>'
       '</nav></header></div>\n')
FOOTER = ('<footer class="footer"><nav class="footer__nav"><a href="/terms">Terms of Use</a><a href="/privacy">Privacy Policy</a>'
          '<a href="/ad-choices">Ad Choices</a><a href="/accessibility">Accessibility &amp; CC</a><a href="/about">About</a>'
          '<a href="/newsletters">Newsletters</a></nav><p class="footer__copyright">\u00a9 2024 Cable News Network. A Warner Bros. '
          'Discovery Company. All Rights Reserved.</p></footer>\n')


def ld_json(snap: Snapshot, entries: list[tuple[int, str, Rev]], page: Page, post_log: dict[int, Post]) -> str:
    updates = []
    for pid, uri, rev in entries:
        modified = max((e.at for e in post_log[pid].log if e.rev == rev), default=rev.stamp)
        if post_log[pid].log and crc(uri + str(modified)) % 3 == 0:   # silent edits keep the old stamp
            modified = post_log[pid].created
        updates.append({"@type": "BlogPosting", "headline": rev.headline, "url": f"https://www.cnn.com/#{uri.split('/')[-1][:12]}",
                        "datePublished": iso_utc(rev.stamp), "dateModified": iso_utc(modified)})
    data = {"@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": snap.title,
            "coverageStartTime": iso_utc(page.opened), "dateModified": iso_utc(snap.updated), "liveBlogUpdate": updates}
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/ld+json">{payload}</script>\n'


def render_html(snap: Snapshot, page: Page, window: int, noise: random.Random, posts: dict[int, Post],
                mode: str = "normal", count: int | None = None) -> Shown:
    entries = window_entries(snap, window)
    count = snap.count if count is None else count
    plain = [e for e in entries]
    pinned = snap.pinned is not None and entries and entries[0][0] == snap.pinned
    views: list[View] = []
    chunks: list[str] = []
    for i, (pid, uri, rev) in enumerate(plain):
        markup, view = html_article(pid, uri, rev, mode == "headlines")
        views.append(view)
        if i == 0 and pinned:
            markup = f'<div class="live-story__pinned" data-editable="pinnedPost">\n{markup}\n</div>'
        chunks.append(markup)
        if i % 4 == 3:
            chunks.append(f'<div class="ad-slot-rail ad-slot-rail--inline" id="ad-inline-{i}-{noise.randint(10**5, 10**6)}">'
                          '<div class="ad-slot__feedback">Ad Feedback</div></div>')
    authors = join_names(list(snap.authors)) if snap.authors else "CNN staff"
    banner = '<div class="live-story__status">This live coverage has ended.</div>\n' if page.archived else ""
    related = "".join(f'<li><a href="https://www.cnn.com/2024/11/{15 + k}/europe/marovia-{crc(x) % 9973}/index.html">{esc(x)}</a></li>'
                      for k, x in enumerate(page.dive))
    out = (html_head(f"{snap.title} | CNN", noise, ld_json(snap, entries, page, posts)) + '<body class="layout-with-rail__body">\n' + NAV +
           f'<div class="ad-slot ad-slot--top" id="ad-top-{noise.randint(10**5, 10**6)}" data-ad-unit="/8663477/CNN/world/live-story"></div>\n'
           '<main class="layout__main">\n<div class="headline headline--has-lowertext">\n'
           f'<h1 class="headline__text" id="maincontent">{esc(snap.title)}</h1>\n'
           f'<div class="headline__footer"><div class="byline"><span class="byline__names">By {esc(authors)}, CNN</span></div>\n'
           f'<div class="timestamp">Updated {time_label(snap.updated)}</div></div>\n</div>\n{banner}'
           f'<div class="live-story__header"><span class="live-story__post-count">{count} {"Post" if count == 1 else "Posts"}</span>'
           '<div class="sort-by"><button class="sort-by__button">Sort by</button><img alt="Dropdown arrow" src="/media/sites/cnn/dropdown.svg"/></div></div>\n'
           '<div class="live-story" data-editable="posts">\n' + "\n".join(chunks) + "\n</div>\n"
           '<button class="live-story__load-more" type="button">Load more</button>\n'
           f'<section class="related-content"><h2 class="related-content__title">Related</h2><ul>{related}</ul></section>\n'
           '</main>\n' + FOOTER +
           f'<script>(function(){{var t=Date.now();window.__cnn_t=t;window.__rid="{noise.random():.12f}";}})();</script>\n</body>\n</html>\n')
    return Shown(out, [e[0] for e in entries], views, count)


def html_error(noise: random.Random) -> str:
    return (f'<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head>\n<body>\n<h1>Service Unavailable</h1>\n'
            f'<p>The server is temporarily unable to service your request. Please try again later.</p>\n'
            f'<hr/><address>Reference #{noise.randint(10**8, 10**9)}.{noise.randint(10**6, 10**7)}</address>\n</body></html>\n')


def html_consent(noise: random.Random) -> str:
    return (html_head("CNN", noise) + '<body class="consent">\n' + NAV +
            '<div id="onetrust-consent-sdk"><div class="ot-sdk-container" role="dialog" aria-label="Privacy">'
            '<h2 id="onetrust-policy-title">We Care About Your Privacy</h2>'
            '<p id="onetrust-policy-text">We and our 862 partners store and/or access information on a device, such as unique IDs '
            'in cookies to process personal data.</p><button id="onetrust-accept-btn-handler">Accept All</button>'
            '<button id="onetrust-reject-all-handler">Reject All</button></div></div>\n' + FOOTER + '</body>\n</html>\n')


# ---------------------------------------------------------------------------
# the archiving crawler: when it fetches, what, in which layout, how much
# ---------------------------------------------------------------------------

SUSPECT_KINDS = ("error", "consent", "collapse", "headlines")
CAPTURES_START = ELECTION_DAY + timedelta(hours=8)


@dataclass
class Capture:
    """One archived fetch of a page, as written to disk and as the truth sees it."""
    index: int
    at: datetime
    page: str                 # the page title (the page requested, for error pages)
    layout: str               # A, B or html
    body: str
    posts: list[int]
    views: list[View]
    count: int                # the "N Posts" the capture prints
    live: bool                # the page was the live page when captured
    window: int = 0
    age: int = 0              # 0: the live page, 1: the previous day page, 2+: older
    suspect: str = ""         # "" or one of SUSPECT_KINDS
    stale_of: int | None = None   # the earlier capture a stale cache returned
    held: tuple[int, ...] = ()       # every post the page held in the version captured, window or not

    @property
    def ext(self) -> str:
        return "html" if self.layout == "html" else "txt"

    @property
    def file(self) -> str:
        return f"{self.index:04d}_{hashlib.sha1(self.body.encode('utf-8')).hexdigest()[:16]}.{self.ext}"


def capture_times(rng: random.Random, n: int) -> list[datetime]:
    """About 41 fetches a day: bursts a few minutes apart, gaps of up to hours."""
    times: list[datetime] = []
    at = CAPTURES_START + timedelta(minutes=rng.randint(0, 90), seconds=rng.randint(0, 59))
    for _ in range(n):
        times.append(at)
        gap = rng.uniform(1, 8) if rng.random() < 0.55 else min(300.0, 12 + rng.expovariate(1 / 58))
        at += timedelta(seconds=int(gap * 60) + rng.randint(0, 40))
    return times


def plan_positions(rng: random.Random, n: int, count: int, taken: Iterable[int] = ()) -> list[int]:
    taken = set(taken)
    pool = [i for i in range(min(5, n), max(min(5, n), n - 10)) if i not in taken]
    return sorted(rng.sample(pool, min(count, len(pool))))


class Crawler:
    """The archiving crawler: picks the page, the layout, the window, and what went wrong."""

    def __init__(self, rng: random.Random, fmt: str, n: int, tag: str) -> None:
        self.rng, self.fmt, self.tag = rng, fmt, tag
        self.times = capture_times(rng, n)
        n_suspect = max(4, round(0.02 * n)) if n >= 200 else round(0.02 * n)
        n_stale = max(1, round(0.012 * n)) if n >= 200 else round(0.012 * n)
        kinds = list(SUSPECT_KINDS)
        rng.shuffle(kinds)
        kinds += [rng.choice(SUSPECT_KINDS) for _ in range(max(0, n_suspect - len(kinds)))]
        suspect_at = plan_positions(rng, n, n_suspect)
        self.suspect_plan = dict(zip(suspect_at, kinds, strict=False))
        self.stale_plan = set(plan_positions(rng, n, n_stale, suspect_at))
        self.pending_suspect: list[str] = []
        self.pending_stale = 0
        self.history: dict[str, list[Capture]] = {}
        self.last_window: dict[str, tuple[str, int]] = {}

    # choices --------------------------------------------------------------
    def choose_page(self, newsroom: Newsroom) -> Page:
        pages = [p for p in newsroom.pages if p.snapshot is not None]   # a new page is up once published
        roll = self.rng.random()
        if roll < 0.78 or len(pages) == 1:
            return pages[-1]
        if roll < 0.93 or len(pages) == 2:
            return pages[-2]
        return self.rng.choice(pages[:-2])

    def choose_layout(self, page: Page, live: bool, at: datetime) -> str:
        if self.fmt == "html":
            return "html"
        if live or page.archived is None:
            return "B" if self.rng.random() < 0.03 else "A"
        late = at - page.archived >= timedelta(hours=3)
        return "B" if self.rng.random() < (0.75 if late else 0.30) else "A"

    def choose_window(self, layout: str, snap: Snapshot) -> int:
        last = self.last_window.get(snap.title)
        roll = self.rng.random()
        if last is not None and last[0] == layout and roll < 0.35:
            window = last[1]
        elif layout == "B":
            window = self.rng.randint(20, 50) if roll < 0.9 else self.rng.randint(3, 19)
        else:
            window = self.rng.randint(9, 20) if roll < 0.8 else \
                self.rng.randint(3, 8) if roll < 0.9 else self.rng.randint(21, 50)
        if layout != "B" and snap.pinned is not None:
            # the crawler scrolls far enough to see the pinned post in its own place too
            place = next(i for i, e in enumerate(snap.entries) if e[0] == snap.pinned)
            window = max(window, place + 1)
        return window

    # rendering --------------------------------------------------------------
    def noise(self, page: Page, snap: Snapshot, window: int, mode: str) -> random.Random:
        """HTML noise per rendered page version: a CDN serves the same bytes for the same page."""
        return random.Random(f"{self.tag}|{page.key}|{snap.version}|{window}|{mode}")

    def render(self, newsroom: Newsroom, page: Page, layout: str, window: int,
               mode: str = "normal", count: int | None = None) -> Shown:
        snap = page.snapshot
        assert snap is not None
        if layout == "B":
            return render_b(snap, page, window)
        if layout == "A":
            return render_a(snap, page, window, mode, count)
        return render_html(snap, page, window, self.noise(page, snap, window, mode), newsroom.posts, mode, count)

    # one fetch ---------------------------------------------------------------
    def capture(self, index: int, at: datetime, newsroom: Newsroom) -> Capture:
        if index in self.suspect_plan:
            self.pending_suspect.append(self.suspect_plan[index])
        if index in self.stale_plan:
            self.pending_stale += 1
        page = self.choose_page(newsroom)
        live = page is newsroom.live()
        age = len(newsroom.pages) - 1 - newsroom.pages.index(page)
        history = self.history.setdefault(page.title, [])
        cap: Capture | None = None
        if self.pending_suspect and any(not c.suspect and len(c.posts) >= 3 for c in history):
            cap = self.suspect_capture(index, at, newsroom, page, live, self.pending_suspect.pop(0))
        elif self.pending_stale:
            cap = self.stale_capture(index, at, page, live, history)
            if cap is not None:
                self.pending_stale -= 1
        if cap is None:
            cap = self.normal_capture(index, at, newsroom, page, live)
        cap.age = age
        history.append(cap)
        return cap

    def normal_capture(self, index: int, at: datetime, newsroom: Newsroom, page: Page, live: bool) -> Capture:
        snap = page.snapshot
        assert snap is not None
        layout = self.choose_layout(page, live, at)
        window = self.choose_window(layout, snap)
        self.last_window[snap.title] = (layout, window)
        shown = self.render(newsroom, page, layout, window)
        return Capture(index, at, page.title, layout, shown.body, shown.posts, shown.views, shown.count,
                       live, window, held=tuple(e[0] for e in snap.entries))

    def stale_capture(self, index: int, at: datetime, page: Page, live: bool,
                      history: list[Capture]) -> Capture | None:
        """A stale CDN cache: an earlier capture of the page, byte for byte, not the latest."""
        if not history:
            return None
        latest = history[-1]
        older = [c for c in history[:-1] if not c.suspect and c.body != latest.body and c.posts]
        if not older:
            return None
        src = older[-1] if self.rng.random() < 0.8 else self.rng.choice(older[-3:])   # mostly the one before
        return Capture(index, at, page.title, src.layout, src.body, list(src.posts), list(src.views),
                       src.count, live, src.window, stale_of=src.index, held=src.held)

    def suspect_capture(self, index: int, at: datetime, newsroom: Newsroom, page: Page, live: bool,
                        kind: str) -> Capture:
        """An error page, a consent wall, a page collapsed to one or two posts, headlines only."""
        layout = "html" if self.fmt == "html" else "A"
        noise = random.Random(f"{self.tag}|suspect|{index}")
        if kind in ("error", "consent"):
            if layout == "html":
                body = html_error(noise) if kind == "error" else html_consent(noise)
            else:
                body = ERROR_TEXT.format(ref=f"18.{noise.randint(10**5, 10**6)}.{noise.randint(10**9, 10**10):x}") \
                    if kind == "error" else CONSENT_TEXT
            return Capture(index, at, page.title, layout, body, [], [], 0, live, suspect=kind)
        snap = page.snapshot
        assert snap is not None
        if kind == "collapse":
            window = 1 if snap.pinned is not None else self.rng.choice([1, 2])
            shown = self.render(newsroom, page, layout, window, "collapse", len(window_entries(snap, window)))
        else:
            window = self.rng.randint(9, 20)
            shown = self.render(newsroom, page, layout, window, "headlines")
        return Capture(index, at, page.title, layout, shown.body, shown.posts, shown.views, shown.count,
                       live, window, suspect=kind)


@dataclass
class Run:
    newsroom: Newsroom
    captures: list[Capture]
    attempt: int


def simulate(n: int, seed: int, attempt: int, fmt: str) -> Run:
    """Run the newsroom minute by minute and let the crawler fetch at its times."""
    tag = f"{GENERATOR}|{seed}|{attempt}"
    newsroom = Newsroom(random.Random(f"{tag}|newsroom"), tag)
    crawler = Crawler(random.Random(f"{tag}|crawler"), fmt, n, tag)
    captures: list[Capture] = []
    now = ELECTION_DAY + timedelta(hours=4)
    while len(captures) < n:
        newsroom.tick(now)
        now += timedelta(minutes=1)
        while len(captures) < n and crawler.times[len(captures)] < now:
            captures.append(crawler.capture(len(captures), crawler.times[len(captures)], newsroom))
    return Run(newsroom, captures, attempt)


# ---------------------------------------------------------------------------
# ground truth: the contract's rules applied to the true post ids
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Version:
    """A post's version as one capture showed it (unshown fields inherited from its parent)."""
    headline: str
    paras: tuple[str, ...]       # captions and body, as shown, stripped
    captions: tuple[str, ...]
    time: str | None
    byline: str | None
    layout: str
    page: str
    pos: int                     # its place in the capture (a pinned post: its lower place)
    put_up: int                  # the capture that first showed this version

    def text(self) -> str:
        return norm(self.headline) + "\n" + norm(" ".join(self.paras))

    def body(self) -> list[str]:
        rest = list(self.captions)
        out: list[str] = []
        for p in self.paras:
            if p in rest:
                rest.remove(p)
            else:
                out.append(norm(p))
        return out


@dataclass
class Truth:
    edits: list[tuple[int, int]] = field(default_factory=list)
    reverts: list[tuple[int, int]] = field(default_factory=list)
    moves: list[tuple[int, int]] = field(default_factory=list)
    removals: list[tuple[int, int]] = field(default_factory=list)
    identical: list[int] = field(default_factory=list)
    seen: dict[str, int] = field(default_factory=dict)    # phenomenon -> how often

    def note(self, *names: str) -> None:
        for name in names:
            self.seen[name] = self.seen.get(name, 0) + 1


def shown_version(view: View, parent: Version | None, cap: Capture, pos: int, index: int) -> Version:
    """Rule 2: a field the layout does not show is inherited from the parent."""
    time, byline = view.time, view.byline
    if parent is not None:
        time = parent.time if time is None else time
        byline = parent.byline if byline is None else byline
    return Version(view.headline.strip(), tuple(p.strip() for p in view.paras), tuple(c.strip() for c in view.captions),
                   time, byline, cap.layout, cap.page, pos, index)


def edit_kinds(parent: Version, new: Version, moved: bool) -> list[str]:
    """Rule 3: why the new version is an edit of its parent (empty: no edit)."""
    kinds: list[str] = ["moved"] if moved else []
    if parent.text() != new.text():
        kinds += text_parts(parent, new)
    elif parent.layout == new.layout and (parent.headline, parent.paras) != (new.headline, new.paras):
        kinds.append("typographic")
    if parent.time is not None and new.time is not None and parent.time != new.time:
        kinds.append("time")
    if parent.byline is not None and new.byline is not None and parent.byline.strip() != new.byline.strip():
        kinds.append("byline")
    return kinds


def text_parts(parent: Version, new: Version) -> list[str]:
    """Which parts of the normalized text changed (for the phenomenon statistics)."""
    parts: list[str] = []
    if norm(parent.headline) != norm(new.headline):
        parts.append("headline")
    if [norm(c) for c in parent.captions] != [norm(c) for c in new.captions]:
        parts.append("caption")
    if parent.body() != new.body():
        parts.append("body")
    return parts or ["body"]


def body_kind(parent: Version, new: Version) -> str:
    old, now = parent.body(), new.body()
    if len(now) > len(old):
        return "para_added"
    if len(now) < len(old):
        return "para_cut"
    for a, b in zip(old, now, strict=False):
        if a != b:
            sa, sb = len(split_sentences(a)), len(split_sentences(b))
            return "sentence_added" if sb > sa else "sentence_cut" if sb < sa else "words"
    return "words"


def first_place(posts: list[int], pinned_top: bool) -> int:
    return 1 if pinned_top and len(posts) > 1 else 0


def compute_truth(captures: list[Capture]) -> Truth:
    truth = Truth()
    last_body: dict[str, str] = {}
    previous: dict[str, int] = {}                      # page -> its last non-suspect capture
    on_page: dict[tuple[str, int], Version] = {}       # (page, post) -> latest version there
    latest: dict[int, Version] = {}                    # post -> latest version on any page
    first_shown: dict[int, dict[str, tuple[int, str]]] = {}   # post -> text -> (capture, page)
    for i, cap in enumerate(captures):
        same = last_body.get(cap.page) == cap.body
        last_body[cap.page] = cap.body
        if same:
            truth.identical.append(i)
            truth.note("identical")
            continue
        if cap.suspect:
            truth.note(f"suspect:{cap.suspect}")
            continue
        note_capture(truth, cap)
        lower = {pid: k for k, pid in enumerate(cap.posts)}
        pinned_top = len(cap.posts) > 1 and cap.posts[0] in cap.posts[1:]
        done: set[int] = set()
        retimed: set[int] = set()
        for pid, view in zip(cap.posts, cap.views, strict=False):
            if pid in done:
                continue
            done.add(pid)
            parent, moved = on_page.get((cap.page, pid)), False
            if parent is None:
                parent = latest.get(pid)
                moved = parent is not None
            version = shown_version(view, parent, cap, lower[pid], i)
            texts = first_shown.setdefault(pid, {})
            if parent is not None:
                kinds = edit_kinds(parent, version, moved)
                if "time" in kinds:
                    retimed.add(pid)
                if kinds:
                    record_edit(truth, pid, i, cap, parent, version, kinds, texts, pinned_top)
                else:
                    version = replace(version, put_up=parent.put_up)
            texts.setdefault(version.text(), (i, cap.page))
            on_page[(cap.page, pid)] = version
            latest[pid] = version
        record_removals(truth, captures, previous.get(cap.page), i, retimed)
        previous[cap.page] = i
    return truth


def record_edit(truth: Truth, pid: int, i: int, cap: Capture, parent: Version, version: Version,
                kinds: list[str], texts: dict[str, tuple[int, str]], pinned_top: bool) -> None:
    """Rules 3 and 4: the edit, a move, a revert; and which phenomena it shows."""
    truth.edits.append((pid, i))
    truth.note("edit", *(f"edit:{k}" for k in kinds))
    fields = [k for k in kinds if k in ("headline", "caption", "body", "time", "byline")]
    if len(fields) >= 2:
        truth.note("edit:compound")
    if "body" in kinds:
        truth.note(f"edit:{body_kind(parent, version)}")
    if "time" in kinds and version.pos == first_place(cap.posts, pinned_top) and parent.pos >= 2 \
            and parent.page == cap.page:
        truth.note("edit:bump")
    if "moved" in kinds:
        truth.moves.append((pid, i))
        truth.note("move" if parent.text() == version.text() else "move:changed")
    elif not cap.live:
        truth.note("edit:archived")
    changed = parent.text() != version.text()
    earlier = texts.get(version.text())
    if changed and earlier is not None and earlier[0] < parent.put_up:
        truth.reverts.append((pid, i))
        truth.note("revert")
    elif changed and earlier is not None and earlier[1] != cap.page and not cap.live:
        truth.note("catchup")


def record_removals(truth: Truth, captures: list[Capture], prev: int | None, i: int,
                    retimed: set[int]) -> None:
    """Rule 5: gone while a post that stood below it is still shown; sliding off the window is
    no removal; a post re-timed now, or shown above a post that stood above it (moved up), is
    no witness. Places are each post's lowest copy."""
    if prev is None:
        return
    before = captures[prev].posts
    place = {pid: k for k, pid in enumerate(before)}     # a pinned post stood at its lower place
    now = {pid: k for k, pid in enumerate(captures[i].posts)}
    both = sorted((pid for pid in place if pid in now), key=lambda pid: place[pid])
    witnesses = [w for k, w in enumerate(both)
                 if w not in retimed and all(now[v] < now[w] for v in both[:k])]
    lowest = max((place[w] for w in witnesses), default=-1)
    for pid, k in place.items():
        if pid in now:
            continue
        if k < lowest:
            truth.removals.append((pid, i))
            cap = captures[i]
            truth.note("removal", "removal:stale" if cap.stale_of is not None else
                       "removal:live" if cap.live else "removal:archived")
        else:
            truth.note("slid_off")


def note_capture(truth: Truth, cap: Capture) -> None:
    truth.note(f"layout:{cap.layout}")
    if cap.layout == "B" and cap.live:
        truth.note("layout:B-live")
    if cap.stale_of is not None:
        truth.note("stale")
    if len(cap.posts) != len(set(cap.posts)):
        truth.note("pinned_twice")
    if len(set(cap.posts)) < 9:
        truth.note("window:small")
    if len(set(cap.posts)) > 20:
        truth.note("window:large")
    if not cap.live:
        truth.note("page:archived")
    if cap.age >= 2:
        truth.note("page:older")


# ---------------------------------------------------------------------------
# the phenomenon check: everything the docstring promises, visible in the truth
# ---------------------------------------------------------------------------

SHAPE_TAGS = ["end?", "end:", "end;", "end,", "end.", "end!", "end...", "endquote", "inner:", "inner.",
              "startdigit", "startquote", "short"]
REQUIRED = [
    "edit", "revert", "move", "move:changed", "removal", "removal:live", "removal:archived", "slid_off",
    "edit:headline", "edit:body", "edit:caption", "edit:time", "edit:byline", "edit:typographic",
    "edit:compound", "edit:para_added", "edit:para_cut", "edit:sentence_added", "edit:sentence_cut",
    "edit:words", "edit:bump", "edit:archived", "catchup", "identical", "stale",
    "suspect:error", "suspect:consent", "suspect:collapse", "suspect:headlines",
    "pinned_twice", "window:small", "window:large", "page:archived", "page:older",
    "posts:template", "posts:no_byline", "posts:repeated_lead", "posts:reused_headline",
    "posts:shared_paragraph",
] + [f"headline:{tag}" for tag in SHAPE_TAGS]
REQUIRED_BY_FORMAT = {"text": ["layout:A", "layout:B", "layout:B-live"], "html": ["layout:html"]}
SHARED_PARAS = [norm(x) for x in BACKGROUND + STATEMENTS]


def note_posts(truth: Truth, captures: list[Capture]) -> None:
    """Post-level phenomena among the posts that non-suspect captures show."""
    heads: dict[str, list[int]] = {}
    leads: dict[str, list[int]] = {}
    shared: dict[str, list[int]] = {}
    tags: dict[str, int] = {}
    for cap in captures:
        if cap.suspect:
            continue
        for pid, view in zip(cap.posts, cap.views, strict=False):
            head = norm(view.headline)
            if head in TEMPLATE_HEADS:
                tags["posts:template"] = 1
                continue
            for tag in sorted(headline_shape(view.headline)):
                tags[f"headline:{tag}"] = 1
            if view.byline == "":
                tags["posts:no_byline"] = 1
            add_owner(heads, head, pid)
            body = [norm(p) for p in view.paras if p not in view.captions]
            if body:
                add_owner(leads, body[0], pid)
            for para in body:
                if para in SHARED_PARAS:
                    add_owner(shared, para, pid)
    for name, owners in (("posts:reused_headline", heads), ("posts:repeated_lead", leads),
                         ("posts:shared_paragraph", shared)):
        if any(len(pids) > 1 for pids in owners.values()):
            tags[name] = 1
    truth.note(*tags)


def add_owner(owners: dict[str, list[int]], key: str, pid: int) -> None:
    pids = owners.setdefault(key, [])
    if pid not in pids:
        pids.append(pid)


def missing_phenomena(truth: Truth, fmt: str) -> list[str]:
    return [name for name in REQUIRED + REQUIRED_BY_FORMAT[fmt] if not truth.seen.get(name)]


# ---------------------------------------------------------------------------
# writing the corpus
# ---------------------------------------------------------------------------

def truth_json(run: Run, truth: Truth, seed: int, fmt: str) -> str:
    head = {"generator": GENERATOR, "seed": seed, "format": fmt}
    caps = [{"file": c.file, "page": c.page, "layout": c.layout, "suspect": bool(c.suspect),
             "captured_at": iso_utc(c.at), "posts": c.posts} for c in run.captures]
    lines = ["{" + json.dumps(head)[1:-1] + ",", ' "captures": [']
    lines.append(",\n".join("  " + json.dumps(c, ensure_ascii=False) for c in caps))
    lines.append(" ],")
    pairs = [("edits", truth.edits), ("reverts", truth.reverts), ("moves", truth.moves),
             ("removals", truth.removals)]
    lines.append(",\n".join(f' "{name}": ' + json.dumps([list(p) for p in values]) for name, values in pairs))
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_corpus(out: Path, run: Run, truth: Truth, seed: int, fmt: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for old in sorted(out.glob("*.txt")) + sorted(out.glob("*.html")) + [out / "truth.json"]:
        if old.is_file():
            old.unlink()
    for cap in run.captures:
        (out / cap.file).write_bytes(cap.body.encode("utf-8"))
    (out / "truth.json").write_text(truth_json(run, truth, seed, fmt), encoding="utf-8")


# ---------------------------------------------------------------------------
# the self-check: an independent little reader for the written files
# ---------------------------------------------------------------------------

TIME_LINE = re.compile(r"\d{1,2}:\d{2} [ap]\.m\. ET, [A-Z][a-z]+ \d{1,2}, \d{4}")
COUNT_LINE = re.compile(r"(\d+) Posts?")


@dataclass
class Read:
    """What the reader found in a file."""
    layout: str                # A, B, html or "" (no live page at all)
    title: str = ""
    count: int | None = None
    headlines: list[str] = field(default_factory=list)
    uris: list[str] = field(default_factory=list)


def read_text(body: str) -> Read:
    """Layout A: a time line starts every post. Layout B: headlines, found by the caller."""
    lines = body.split("\n")
    if lines[0].endswith(" | CNN") and "What we covered here" in lines:
        start = lines.index("What we covered here")
        m = COUNT_LINE.fullmatch(lines[start + 2])
        end = lines.index("Dive Deeper") if "Dive Deeper" in lines else len(lines)
        return Read("B", lines[0][:-len(" | CNN")], int(m.group(1)) if m else None, lines[start + 3:end])
    if "Sort byDropdown arrow" not in lines:
        return Read("")
    sort = lines.index("Sort byDropdown arrow")
    m = COUNT_LINE.fullmatch(lines[sort - 1])
    heads = [lines[k + 2] for k in range(sort + 1, len(lines) - 2)
             if TIME_LINE.fullmatch(lines[k]) and lines[k + 1] == ""]
    return Read("A", lines[0], int(m.group(1)) if m else None, heads)


def in_order(lines: list[str], wanted: list[str]) -> int:
    """How many of the wanted lines occur, in order, as whole lines."""
    k, found = 0, 0
    for want in wanted:
        while k < len(lines) and lines[k] != want:
            k += 1
        if k == len(lines):
            break
        found += 1
        k += 1
    return found


class PageReader(HTMLParser):
    """Live-story markup: one article.live-story-post per post."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.read = Read("html")
        self.capture: str | None = None
        self.buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "article" and "live-story-post" in classes:
            self.read.uris.append(a.get("data-uri") or "")
        elif (tag == "h2" and "live-story-post__headline" in classes) or tag == "title" or \
                (tag == "span" and "live-story__post-count" in classes):
            self.capture, self.buffer = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag != self.capture:
            return
        text = "".join(self.buffer)
        if tag == "h2":
            self.read.headlines.append(text)
        elif tag == "title":
            self.read.title = text[:-len(" | CNN")] if text.endswith(" | CNN") else ""
        else:
            m = COUNT_LINE.fullmatch(text.strip())
            self.read.count = int(m.group(1)) if m else None
        self.capture = None

    def handle_data(self, data: str) -> None:
        if self.capture:
            self.buffer.append(data)


def read_file(path: Path) -> Read:
    body = path.read_bytes().decode("utf-8")
    if path.suffix == ".html":
        reader = PageReader()
        reader.feed(body)
        reader.close()
        return reader.read
    return read_text(body)


def self_check(out: Path, run: Run, truth: Truth) -> None:
    """Re-read every file; check the truth's posts against what the files show."""
    data = json.loads((out / "truth.json").read_text(encoding="utf-8"))
    assert len(data["captures"]) == len(run.captures)
    uri_of: dict[tuple[str, int], str] = {}
    pid_of: dict[tuple[str, str], int] = {}
    for cap, entry in zip(run.captures, data["captures"], strict=False):
        assert entry["file"] == cap.file and entry["posts"] == cap.posts, cap.file
        read = read_file(out / cap.file)
        where = f"{cap.file}: "
        if cap.suspect in ("error", "consent"):
            assert not read.headlines and not read.uris and not cap.posts, where + "error page shows posts"
            continue
        assert read.title == cap.page, where + f"title {read.title!r}"
        assert read.count == cap.count, where + f"count {read.count} != {cap.count}"
        wanted = [v.headline for v in cap.views]
        if read.layout == "B":
            assert in_order(read.headlines, wanted) == len(cap.posts), where + "layout B headlines"
        else:
            assert len(read.headlines) == len(cap.posts), where + f"{len(read.headlines)} posts read, truth {len(cap.posts)}"
            assert read.headlines == wanted, where + "headlines differ"
        if read.layout == "html":
            assert len(read.uris) == len(cap.posts)
            for uri, pid in zip(read.uris, cap.posts, strict=False):
                assert uri_of.setdefault((cap.page, pid), uri) == uri, where + "post with two ids on a page"
                assert pid_of.setdefault((cap.page, uri), pid) == pid, where + "id shared by two posts"
    check_truth(run, truth)


def check_truth(run: Run, truth: Truth) -> None:
    caps = run.captures
    skipped = set(truth.identical) | {i for i, c in enumerate(caps) if c.suspect}
    for pid, i in truth.edits:
        assert i not in skipped and pid in caps[i].posts, (pid, i)
    edits = set(truth.edits)
    assert set(truth.reverts) <= edits and set(truth.moves) <= edits
    assert len(edits) == len(truth.edits)
    for pid, i in truth.removals:
        assert i not in skipped and pid not in caps[i].posts, (pid, i)


# ---------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------

MAX_ATTEMPTS = 40


def generate(n: int, seed: int, fmt: str) -> tuple[Run, Truth, list[str]]:
    """Run the newsroom; for 200+ captures re-run with the next sub-seed until every phenomenon shows."""
    best: tuple[Run, Truth, list[str]] | None = None
    for attempt in range(MAX_ATTEMPTS):
        run = simulate(n, seed, attempt, fmt)
        truth = compute_truth(run.captures)
        note_posts(truth, run.captures)
        missing = missing_phenomena(truth, fmt) if n >= 200 else []
        if best is None or len(missing) < len(best[2]):
            best = (run, truth, missing)
        if not missing:
            break
    assert best is not None
    return best


def summary(run: Run, truth: Truth, seed: int, fmt: str) -> str:
    layouts: dict[str, int] = {}
    for cap in run.captures:
        layouts[cap.layout] = layouts.get(cap.layout, 0) + 1
    shown = ",".join(f"{k}:{v}" for k, v in sorted(layouts.items()))
    pages = len({c.page for c in run.captures})
    suspect = sum(1 for c in run.captures if c.suspect)
    stale = sum(1 for c in run.captures if c.stale_of is not None)
    return (f"{GENERATOR} seed {seed} {fmt}: {len(run.captures)} captures, {pages} pages, layouts {shown}, "
            f"{len(truth.edits)} edits, {len(truth.reverts)} reverts, {len(truth.moves)} moves, "
            f"{len(truth.removals)} removals, {suspect} suspect, {stale} stale, "
            f"{len(truth.identical)} unchanged, attempt {run.attempt}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--captures", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", choices=["text", "html"], default="text")
    args = parser.parse_args(argv)
    if args.captures < 1:
        parser.error("--captures must be at least 1")
    run, truth, missing = generate(args.captures, args.seed, args.format)
    write_corpus(args.out, run, truth, args.seed, args.format)
    self_check(args.out, run, truth)
    print(summary(run, truth, args.seed, args.format), file=sys.stderr)
    if missing:
        print(f"{GENERATOR}: after {MAX_ATTEMPTS} attempts still missing: {', '.join(missing)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
