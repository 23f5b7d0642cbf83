"""Matching: exact hash, similarity with one-to-one assignment, and the hard pairs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tracker.evidence import Profile, dates_apart
from tracker.matching import Candidate, Lookups, match_snapshot
from tracker.model import ParsedPost, PostFields

BODY = (
    "Russian troops are pummeling the eastern Ukrainian town of Bakhmut into what the Donetsk "
    "region military administration head Pavlo Kyrylenko called a total ruin.",
    "Two people were killed in the last few hours, including one underage boy, Kyrylenko says.",
    "Russians are levelling Bakhmut to the ground, killing everyone they can reach, he wrote.",
    "CNN reported in January that the US and Western officials are urging Ukraine to shift its "
    "focus from the brutal, months-long fight in the eastern city of Bakhmut.",
)
POST = PostFields("Russian troops are turning Bakhmut into a total ruin, military chief says", BODY)

OTHER = PostFields(
    "EU to train 15,000 additional Ukrainian soldiers, says foreign policy chief",
    (
        "The European Union will train an additional 15,000 Ukrainian soldiers as part of its "
        "Military Assistance Mission, the bloc's foreign policy chief Josep Borrell said.",
        "Russia brought war back to Europe, but Ukraine keeps fighting back, tweeted Borrell.",
        "Borrell also announced the EU would provide 25 million euros in equipment and training.",
    ),
)

SUMMARY = PostFields(
    "It's mid-afternoon in Kyiv. Here's what you need to know.",
    (
        "The area around the city of Bakhmut in eastern Ukraine is seeing fierce fighting.",
        BODY[0],  # quotes one paragraph of POST word for word
        "Russian forces have also carried out strikes in Luhansk region and Kharkiv region.",
        "Here are the latest headlines:",
        "Intense fighting around Bakhmut: The eastern city continues to see fierce fighting.",
        "IOC rejects criticism over Russia position: The committee rejects defamatory statements.",
    ),
)

FOLLOW_UP = PostFields(
    "Kyrylenko: evacuation of Bakhmut civilians continues despite shelling",
    (
        "Evacuations from Bakhmut continued on Wednesday, the regional head said, as shelling of "
        "the city and its approaches went on through the night.",
        BODY[1],  # repeats the casualty paragraph of POST
        "Buses left from the city center twice during the day, carrying mostly elderly residents.",
    ),
)


NO_EXACT = Lookups()


def matches(known: PostFields, new: PostFields) -> bool:
    """The new version is taken for the known post, with nothing else to go by."""
    return match_snapshot([ParsedPost(new)], NO_EXACT, [Candidate(1, Profile(known))]) == [1]


@pytest.mark.parametrize(
    ("label", "edited"),
    [
        (
            "headline rewritten",
            PostFields("Bakhmut reduced to rubble as Russian assault grinds on", BODY),
        ),
        ("paragraphs cut", PostFields(POST.headline, BODY[:2])),
        (
            "paragraphs added",
            PostFields(POST.headline, (*BODY, "A new paragraph.", "And another one here.")),
        ),
        (
            "words edited",
            PostFields(
                POST.headline,
                (BODY[0], BODY[1].replace("in the last few hours", "Tuesday"), *BODY[2:]),
            ),
        ),
        (
            "lead rewritten and one paragraph cut",
            PostFields(
                POST.headline,
                ("Bakhmut is in ruins, a regional official said on Tuesday.", *BODY[1:3]),
            ),
        ),
    ],
)
def test_edited_versions_of_a_post_still_match(label: str, edited: PostFields) -> None:
    assert matches(POST, edited), label
    result = match_snapshot(
        [ParsedPost(edited), ParsedPost(OTHER)],
        NO_EXACT,
        [Candidate(1, Profile(POST)), Candidate(2, Profile(OTHER))],
    )
    assert result == [1, 2], label


@pytest.mark.parametrize(
    ("label", "other"),
    [("summary quoting a post", SUMMARY), ("follow-up repeating a paragraph", FOLLOW_UP)],
)
def test_posts_sharing_a_paragraph_are_different_posts(label: str, other: PostFields) -> None:
    assert not matches(POST, other), label
    assert match_snapshot([ParsedPost(other)], NO_EXACT, [Candidate(1, Profile(POST))]) == [None], (
        label
    )


def test_exact_hash_matches_first_and_only_once() -> None:
    result = match_snapshot(
        [ParsedPost(POST), ParsedPost(POST)], Lookups(by_content_hash={POST.content_hash: 7}), []
    )
    assert result == [7, None]


def test_exact_fields_hash_is_tried_before_content() -> None:
    lookup = Lookups(by_fields_hash={POST.fields_hash: 3}, by_content_hash={POST.content_hash: 7})
    assert match_snapshot([ParsedPost(POST)], lookup, []) == [3]


def test_native_id_beats_text() -> None:
    posts = [ParsedPost(OTHER, native_id="h_123")]
    lookup = Lookups(
        {"h_123": 9}, by_fields_hash={OTHER.fields_hash: 5}, by_content_hash={OTHER.content_hash: 4}
    )
    assert match_snapshot(posts, lookup, []) == [9]


def test_typography_does_not_change_the_content_hash() -> None:
    curly = PostFields(POST.headline.replace("a total ruin", "“a total ruin”"), BODY)
    straight = PostFields(POST.headline.replace("a total ruin", '"a total ruin"'), BODY)
    assert curly.content_hash == straight.content_hash


def test_assignment_is_one_to_one_and_global() -> None:
    # Two new versions compete for two known posts; the best total wins, not the first greedy pick.
    a = PostFields(
        "Russia and Belarus hold joint drills",
        ("Russia and Belarus began a week of joint drills.", "The drills run near the border."),
    )
    b = PostFields(
        "Russia and Belarus hold more joint drills",
        (
            "Russia and Belarus began another week of joint drills.",
            "Troops train at Ruzhansky grounds.",
        ),
    )
    a2 = PostFields(a.headline, (a.body[0], a.body[1], "A new line."))
    b2 = PostFields(b.headline, (b.body[0], b.body[1], "A new line."))
    result = match_snapshot(
        [ParsedPost(b2), ParsedPost(a2)],
        NO_EXACT,
        [Candidate(1, Profile(a)), Candidate(2, Profile(b))],
    )
    assert result == [2, 1]


TOMORROWS_SUMMARY = PostFields(
    SUMMARY.headline,  # the same headline, word for word, on the next day's page
    (
        "Ukraine's foreign minister renewed calls for fighter jets on Wednesday.",
        "France will send 12 additional Caesar howitzers, its defense minister said.",
        "Here are the latest headlines:",
        "Austria to expel 4 Russian diplomats: the ministry gave them a week to leave.",
    ),
)


def test_the_same_headline_with_different_text_is_a_different_post() -> None:
    assert not matches(SUMMARY, TOMORROWS_SUMMARY)
    assert match_snapshot(
        [ParsedPost(TOMORROWS_SUMMARY)], NO_EXACT, [Candidate(1, Profile(SUMMARY))]
    ) == [None]


def test_a_native_id_is_never_taken_by_a_post_with_the_same_text() -> None:
    # Two posts with identical text: the one whose native id is known keeps its post, wherever
    # it stands on the page; the other, with a new native id, is a new post.
    twin_new, twin_known = ParsedPost(POST, native_id="n8"), ParsedPost(POST, native_id="n5")
    lookup = Lookups(
        {"n5": 1}, by_fields_hash={POST.fields_hash: 1}, by_content_hash={POST.content_hash: 1}
    )
    assert match_snapshot([twin_new, twin_known], lookup, []) == [None, 1]


def test_without_time_labels_the_pages_dates_say_how_far_a_post_was_carried() -> None:
    """Layout B shows no times: a post carried from the day before is weighed as a carry-over,
    the same text from a page three days older much less (a carry-over comes from the
    previous day's page)."""
    shortened = PostFields("Bakhmut reduced to rubble as Russian assault grinds on", BODY[:2])

    def carried(days_between_pages: int) -> list[int | None]:
        candidate = Candidate(1, Profile(POST), here=False, from_older_page=True)
        candidate = replace(candidate, pages_apart=days_between_pages)
        return match_snapshot([ParsedPost(shortened)], NO_EXACT, [candidate])

    assert carried(0) == [1]
    assert carried(3) == [None]


DAILY = (
    "Graham Harwell, the former chief executive of Brightwater Pensions, is on trial in "
    "Manhattan federal court, accused of siphoning money from a retirement fund.",
    "He has pleaded not guilty to all 14 counts, including wire fraud and obstruction.",
    "Here's what has happened so far:",
)
MONDAY_KNOW = PostFields(
    "What to know about the trial",
    (
        *DAILY,
        "• Jury selection took four days, and 12 jurors and six alternates were seated.",
        "• Prosecutors said in openings that Harwell moved $212 million offshore in 2021.",
    ),
    published="9:09 a.m. ET, April 7, 2025",
    byline="From CNN's Lauren Pike",
)
TUESDAY_KNOW = PostFields(
    "What to know about the trial",
    (
        *DAILY,
        "• Samuel Reyes, an FBI forensic accountant, testified Monday about mailed statements.",
        "• The defense said the transfers were approved by the fund's board in writing.",
    ),
    published="9:13 a.m. ET, April 8, 2025",
    byline="From CNN's Rosa Quintero and Hannah Cole",
)


@pytest.mark.parametrize(
    ("depth", "carried"),
    [
        (1, True),  # among the newest posts of yesterday's page: carried over, its bullets updated
        (None, True),  # not in that window: nothing known against it
        (25, False),  # the day's first post, 25 posts down when today's page opened: posted again
    ],
)
def test_a_carry_over_comes_from_the_top_of_the_older_page(
    depth: int | None, carried: bool
) -> None:
    """Newsrooms carry their newest posts to the next day's page: a daily template ("What to
    know about the trial", its boilerplate the same, its bullets new), under another time
    and byline, is the old one carried over only when the old one stood near the top of its
    page."""
    candidate = Candidate(
        1, Profile(MONDAY_KNOW), here=False, from_older_page=True, depth_at_opening=depth
    )
    found = match_snapshot([ParsedPost(TUESDAY_KNOW)], NO_EXACT, [candidate])
    assert found == ([1] if carried else [None])


FRI, MON, THU = date(2025, 5, 9), date(2025, 5, 12), date(2025, 5, 8)


@pytest.mark.parametrize(
    ("first", "second", "pages", "apart"),
    [
        (FRI, MON, (THU, FRI, MON), 0),  # a trial's Friday page, then Monday's: next door
        (THU, MON, (THU, FRI, MON), 1),  # Friday's page stands between
        (MON, THU, (THU, FRI, MON), 1),  # in either order
        (FRI, MON, (), 2),  # no dated pages: the days between
        (FRI, FRI, (FRI,), 0),
    ],
)
def test_a_carry_overs_gap_is_counted_in_the_storys_pages(
    first: date, second: date, pages: tuple[date, ...], apart: int
) -> None:
    """A carry-over comes from the previous day's page, which for a story without weekend
    pages is Friday's for Monday's: the gap is the pages between, not the calendar days."""
    assert dates_apart(first, second, pages) == apart
