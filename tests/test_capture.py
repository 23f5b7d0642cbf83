"""The capture parser on every seed, both layouts, and on broken captures."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tracker.capture import (
    NO_ROLE,
    Role,
    format_capture,
    headline_shape,
    looks_like_headline,
    parse_capture,
    segment,
)
from tracker.errors import CaptureError

# Ground truth read off the seed files by hand: every post's headline, in page order.
EXPECTED_HEADLINES = {
    "000_9eb4ab88addeb4a8.txt": [
        "Russian airborne units have joined Wagner fighters in Bakhmut, says former Azov commander",
        'NATO, Japan pledge to strengthen ties amid threat to "international rules-based order"',
        'Ukrainian forces turned Russian trenches into "grave" near Bakhmut, Ukraine\'s Border Guard says',
        'International Olympic Committee rejects "defamatory statements" by Ukrainian presidential aide',
        'Intense battles in Donetsk region continue, situation in Bakhmut remains "difficult"',
        "An off-the-books mercenary army is gaining power in Putin’s Russia",
        "Croatia's president criticizes West's decision to send tanks to Ukraine",
        "Russia's deputy foreign minister foresees end to nuclear arms control with US in 2026",
        "Putin's former speechwriter says a military coup is becoming a possibility in Russia",
    ],
    "001_9c29949b184119fa.txt": [
        "US likely to announce another Ukrainian security assistance package soon, White House says",
        'UK says it\'s "not practical" to send fighter jets to Ukraine',
        "Bakhmut continues to be one of the main directions for Russian attacks, Ukrainian military says",
        "Farewell ceremony for US volunteer who died fighting in Ukraine held in Lviv, mayor says",
        'Russian troops are turning Bakhmut into "a total ruin," Ukrainian regional military chief says',
        'Russia sent more than 9,000 "illegally mobilized" citizens back home, Russian prosecutor general says',
        "It's mid-afternoon in Kyiv. Here's what you need to know.",
        "Russian airborne units have joined Wagner fighters in Bakhmut, says former Azov commander",
        'NATO, Japan pledge to strengthen ties amid threat to "international rules-based order"',
    ],
    "002_7b174b76a0878438.txt": [
        "Russia increases joint military drills with Belarus",
        "After getting tanks, Ukraine escalates public pressure over F-16 fighter jets",
        'Russian troops are turning Bakhmut into "a total ruin," Ukrainian regional military chief says',
        "Russia struggling to replace its losses in Ukraine ahead of possible spring offensive, Western officials say",
        "US says Russia is violating nuclear arms control treaty by not allowing inspections",
        "Russian airborne units have joined Wagner fighters in Bakhmut, says former Azov commander",
    ],
    "003_2883fefe3cee0f58.txt": [
        "Ukrainians appear undeterred by reluctance from allies to send fighter jets",
        "Western nations say they won't send jets – and fierce fighting rages in Bakhmut. Here's the latest news",
        "Kyiv will host an EU-Ukraine summit on Friday, prime minister says",
        'A prolonged stalemate in Moscow\'s conflict in Ukraine "would only benefit Russia," UK prime minister says',
        'Ukraine expects to receive 120 to 140 tanks in "first wave" of deliveries from allies, foreign minister says',
        "Russia struggling to replace its losses in Ukraine ahead of possible spring offensive, Western officials say",
        "US says Russia is violating nuclear arms control treaty by not allowing inspections",
        "Ukraine renews calls for fighter jets and more weapons",
        "France will send 12 additional Caesar howitzers to Ukraine, defense minister says",
        "US likely to announce another Ukrainian security assistance package soon, White House says",
        'UK says it\'s "not practical" to send fighter jets to Ukraine',
        "Bakhmut continues to be one of the main directions for Russian attacks, Ukrainian military says",
        "Farewell ceremony for US volunteer who died fighting in Ukraine held in Lviv, mayor says",
        'Russian troops are turning Bakhmut into "a total ruin," Ukrainian regional military chief says',
        'Russia sent more than 9,000 "illegally mobilized" citizens back home, Russian prosecutor general says',
        "It's mid-afternoon in Kyiv. Here's what you need to know.",
        "Russian airborne units have joined Wagner fighters in Bakhmut, says former Azov commander",
        'NATO, Japan pledge to strengthen ties amid threat to "international rules-based order"',
        'Ukrainian forces turned Russian trenches into "grave" near Bakhmut, Ukraine\'s Border Guard says',
    ],
    "004_0d41c89b14bf7a66.txt": [
        "EU to train 15,000 additional Ukrainian soldiers, says foreign policy chief",
        "CNN is on the ground in Kramatorsk, which is under renewed attack from Russian missiles",
        'Top US and Ukrainian generals discuss "current situation on the frontline" in phone call',
        "Russian shelling kills two in Kherson region",
        'Russia will come out of "current situation" in Ukraine “stronger,” says foreign minister',
        'EU-Ukraine summit sends "very strong signal" to Ukrainians and to Russia, says senior EU official',
        "Former Russian officer claims he witnessed torture in Ukraine",
        "Austria to expel 4 Russian diplomats",
        "Ukraine expects Russia to mark invasion anniversary with renewed offensive, defense minister says",
    ],
}

PAGES = {
    "000_9eb4ab88addeb4a8.txt": ("January 31, 2023 Russia-Ukraine news", "A", 16),
    "001_9c29949b184119fa.txt": ("January 31, 2023 Russia-Ukraine news", "A", 23),
    "002_7b174b76a0878438.txt": ("February 1, 2023 Russia-Ukraine news", "A", 6),
    "003_2883fefe3cee0f58.txt": ("January 31, 2023 Russia-Ukraine news", "B", 33),
    "004_0d41c89b14bf7a66.txt": ("February 2, 2023 Russia-Ukraine news", "A", 17),
}


def parse_seed(name: str):  # type: ignore[no-untyped-def]
    return parse_capture((SEEDS / name).read_bytes(), name)


def folded(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.mark.parametrize("name", sorted(EXPECTED_HEADLINES))
def test_every_post_of_every_seed_has_the_right_headline_in_page_order(name: str) -> None:
    capture = parse_seed(name)
    assert [folded(p.fields.headline) for p in capture.posts] == EXPECTED_HEADLINES[name]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_identity_layout_and_declared_count(name: str) -> None:
    capture = parse_seed(name)
    assert (capture.page_title, capture.layout, capture.declared_count) == PAGES[name]


def test_layout_a_post_fields() -> None:
    post = parse_seed("001_9c29949b184119fa.txt").posts[4].fields
    assert post.published == "11:44 a.m. ET, January 31, 2023"
    assert post.byline == "From CNN's Stephanie Halasz"
    # The doubled caption line with a credit is one caption.
    assert post.captions == (
        "A building destroyed by shelling in Bakhmut, Ukraine, on January 29.",
    )
    assert post.credits == ("Marek M. Berezowski/Anadolu Agency/Getty Images",)
    assert len(post.body) == 4
    assert post.body[1].startswith("Two people were killed in the last few hours")


def test_byline_without_from_prefix_is_a_byline() -> None:
    post = parse_seed("002_7b174b76a0878438.txt").posts[4].fields
    assert (
        folded(post.byline or "")
        == "Michael Callahan, Jennifer Hansler, Haley Britzky and Kylie Atwood"
    )
    assert post.body[0].startswith("Russia is violating")


def test_layout_b_shows_no_times_or_bylines_and_captions_once() -> None:
    capture = parse_seed("003_2883fefe3cee0f58.txt")
    bakhmut = capture.posts[13].fields
    assert bakhmut.published is None and bakhmut.byline is None and bakhmut.credits is None
    assert bakhmut.captions == (
        "A building destroyed by shelling in Bakhmut, Ukraine, on January 29.",
    )
    assert not bakhmut.captions_certain
    # A caption printed with its credit in layout B loses the credit.
    summary = capture.posts[1].fields
    assert summary.captions[0].endswith("on January 29, 2023.")


@pytest.mark.parametrize(
    "boilerplate",
    [
        "Sort byDropdown arrow",
        "Dive Deeper",
        "Read more:",
        "Read the full story:",
        "Read the full analysis here.",
        "Read more here.",
        "03:05 - Source: CNN",
        "For pregnant women, war is a particular kind of hell",
    ],
)
def test_boilerplate_is_not_body(boilerplate: str) -> None:
    for name in PAGES:
        for post in parse_seed(name).posts:
            assert boilerplate not in post.fields.paragraphs


def test_dive_deeper_link_lists_end_the_page() -> None:
    last = parse_seed("003_2883fefe3cee0f58.txt").posts[-1].fields
    assert last.body[-1].startswith("“Ultimately, the war is not about territories")


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        ("Ukraine renews calls for fighter jets and more weapons", True),
        (
            'NATO, Japan pledge to strengthen ties amid threat to "international rules-based order"',
            True,
        ),
        ("It's mid-afternoon in Kyiv. Here's what you need to know.", True),
        ("CNN is unable to independently verify these claims.", False),
        ("Here are the top headlines to know:", False),
        ("Donetsk region", False),
        ("  • Brutal tactics for its fighters", False),
        ("“Russia is not complying with its obligations,” the spokesperson said.", False),
    ],
)
def test_headline_shape(line: str, headline: bool) -> None:
    assert looks_like_headline(line.strip()) is headline


@pytest.mark.parametrize(
    ("line", "reported"),
    [
        ("“Every ballot will be checked,” commission spokesperson Dario Lenz said.", True),
        ("The count will resume on Friday, the commission said.", True),
        ("Thousands more told to leave as the fire spreads.", False),
        ("Ferries will run again on Thursday, the port says.", False),
    ],
)
def test_a_statement_reported_in_the_text_is_less_of_a_headline_than_a_plain_sentence(
    line: str, reported: bool
) -> None:
    plain = headline_shape("Thousands more told to leave as the fire spreads.")
    assert (headline_shape(line) < plain) is reported


def test_a_split_past_the_pages_count_drops_a_subhead_that_repeats_the_headline_above() -> None:
    """An explainer asks its headline's question again as a subhead, and history knows the
    question as a headline: the split comes out a post too many; of the equally strong
    heads, the repeat goes, not the first."""
    paragraphs = [
        "Shelters fill up as thousands flee the fires",
        "About 1,119 people spent the night in six shelters, the Red Cross said.",
        "What is containment?",
        "With the fire now at 15% containment, many readers have asked what that means.",
        "What\u00a0is containment?",
        "Containment is the share of a fire's perimeter that crews have surrounded.",
        "Images show the devastation in Saltmere",
        "Photographers on the ground captured the scale of the damage.",
    ]
    known = Role(headline_of=frozenset({1}))
    roles = [known if i in (0, 2, 4, 6) else NO_ROLE for i in range(len(paragraphs))]
    assert segment(paragraphs, roles, declared=3) == [0, 2, 6]
    # An earlier layout-B split that cut the post at the repeat taught history the repeat
    # and the text below it as a headline and its lead: the repeat still goes first.
    roles[4] = Role(headline_of=frozenset({2}))
    roles[5] = Role(lead_of=frozenset({2}))
    assert segment(paragraphs, roles, declared=3) == [0, 2, 6]


# Layout B captures have no times, so they are only written back in layout B.
ROUND_TRIPS = [(n, lay) for n, (_, src, _) in sorted(PAGES.items()) for lay in "AB" if src <= lay]


@pytest.mark.parametrize(("name", "layout"), ROUND_TRIPS)
def test_format_capture_round_trips(name: str, layout: str) -> None:
    capture = parse_seed(name)
    fields = [p.fields for p in capture.posts]
    again = parse_capture(format_capture(capture.page_title, fields, layout).encode(), "x")
    assert [p.fields.headline for p in again.posts] == [f.headline for f in fields]
    assert [p.fields.paragraphs for p in again.posts] == [f.paragraphs for f in fields]
    if layout == "A":
        assert [p.fields for p in again.posts] == fields


TRUNCATED_A = "Page\n\n3 Posts\n7:16 a.m. ET, January 31, 2023\n\nA headline\n\nA body.\n\n7:10 a.m. ET, January 31, 2023\n"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty"),
        (b"  \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Caf\u00e9 news\n".encode("latin-1") + b"\xff\xfe more", "not valid UTF-8"),
        (b"January 31 news\n\nJust some text.\nNo posts here.\n", "no posts"),
        (b"Page | CNN\n\n9 Posts\n\nDive Deeper\n", "no posts"),
        (TRUNCATED_A.encode(), "truncated"),
        (b"Page | CNN\n\n3 Posts\n\nA headline that has no body at all\n", "no posts"),
        (
            b"Page\n\n1 Posts\n7:16 a.m. ET, January 31, 2023\n\nA headline\n\nA b"[:-1]
            + "é".encode()[:1],
            "truncated",
        ),
    ],
)
def test_broken_captures_are_refused_with_the_file_named(data: bytes, problem: str) -> None:
    with pytest.raises(CaptureError) as info:
        parse_capture(data, "broken.txt")
    assert str(info.value).startswith("broken.txt: ")
    assert problem in str(info.value)


def test_seed_files_are_shipped_with_the_tests() -> None:
    assert sorted(p.name for p in Path(SEEDS).glob("*.txt")) == sorted(PAGES)
