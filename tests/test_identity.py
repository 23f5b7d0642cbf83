"""Post identity, stated as before/after captures of a story held in memory (no database).

One table per failure class of issue 10: layout-B segmentation, recurring template posts,
distinct posts sharing sentences, page-scoped native ids, removals, reverts.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.story import PureStory
from tracker.capture import format_capture, parse_capture
from tracker.identify import KnownParagraphs, _OlderPages
from tracker.index import MemoryIndex
from tracker.model import ParsedPost, PostFields

JAN31 = "January 31, 2023 Harbor storm live updates"
FEB1 = "February 1, 2023 Harbor storm live updates"
FEB3 = "February 3, 2023 Harbor storm live updates"


def post(
    headline: str,
    *body: str,
    time: str = "9:00 a.m. ET, January 31, 2023",
    byline: str = "From CNN's Ana Ruiz",
    captions: tuple[str, ...] = (),
) -> PostFields:
    return PostFields(
        headline=headline,
        body=body,
        captions=captions,
        credits=tuple("Photographer/Agency" for _ in captions),
        published=time,
        byline=byline,
    )


FERRY = post(
    "Ferry service halted as gusts reach 90 mph on the harbor",
    "The port authority suspended every ferry crossing on Tuesday morning after gusts of up "
    "to 90 mph were recorded at the harbor entrance, its director Mara Lind said.",
    "About 4,000 commuters use the crossings on a weekday; buses will run between the two "
    "terminals until the service resumes.",
    "Lind said inspectors would check the piers before any ferry sails again.",
    time="11:44 a.m. ET, January 31, 2023",
)
SCHOOLS = post(
    "All schools in Eastport closed for a second day",
    "Superintendent Omar Haddad said every public school in Eastport would stay closed on "
    "Wednesday because several buildings lost power overnight.",
    "Parents were told to expect an update by 6 p.m. on whether classes resume on Thursday.",
    time="10:05 a.m. ET, January 31, 2023",
    byline="From CNN's Lee Park",
)
POWER = post(
    "Power restored to 12,000 homes, utility says",
    "NorthShore Electric said crews had restored power to about 12,000 homes since dawn, "
    "leaving some 31,000 customers still in the dark.",
    "The utility warned that outages in the hills above the harbor could last until Friday.",
    time="8:40 a.m. ET, January 31, 2023",
    byline="From CNN's Ines Vogel",
)
SHELTER = post(
    "Red Cross opens two more shelters near the waterfront",
    "Two more emergency shelters opened on Tuesday at the Eastport high school and the "
    "convention center, the Red Cross said, bringing the total to seven.",
    "Volunteers asked for blankets and phone chargers.",
    time="7:55 a.m. ET, January 31, 2023",
    byline="From CNN's Tom Ade",
)


HARBOR_WALL = post(
    "Harbor wall cracks after a night of waves",
    "Engineers found a crack about 30 feet long in the harbor wall near Pier 4 on Tuesday "
    "afternoon, the city's public works department said.",
    "The pier was closed to the public while divers inspect the foundations.",
    time="2:50 p.m. ET, January 31, 2023",
    byline="From CNN's Tom Ade",
)
CURFEW = post(
    "Eastport sets an 8 p.m. curfew for the waterfront",
    "Mayor Dana Okafor ordered everyone off the waterfront between 8 p.m. and 6 a.m. until "
    "the storm passes, citing looting of two closed shops.",
    time="1:15 p.m. ET, January 31, 2023",
    byline="From CNN's Lee Park",
)


# ---------------------------------------------------------------- 1. layout-B segmentation

ENDINGS = ["?", ":", ";", ",", ".", "!", "…", ' "a long night"']


@pytest.mark.parametrize("ending", ENDINGS)
def test_a_layout_b_recapture_splits_at_the_headlines_history_knows(ending: str) -> None:
    """Any headline punctuation: the page's own earlier capture anchors the split."""
    odd = replace(SCHOOLS, headline=f"Will Eastport schools open again this week{ending}")
    posts = [FERRY, odd, POWER, SHELTER]
    story = PureStory()
    first = story.text(JAN31, posts)
    later = story.text(JAN31, posts, layout="B")
    assert later.ids == first.ids
    assert later.edits == [] and later.removed == []


@pytest.mark.parametrize(
    ("headline", "caption"),
    [
        (
            "Is the harbor wall going to hold?",
            "Waves break over the harbor wall in Eastport on January 31.",
        ),
        (
            "Eastport braces for the second storm:",
            "Sandbags line Front Street in Eastport on January 31.",
        ),
    ],
)
def test_without_history_a_photo_caption_says_a_headline_stands_above_it(
    headline: str, caption: str
) -> None:
    """A page captured only in layout B: shape decides, and a photo caption below a line
    that ends in a question mark or a colon makes that line a headline."""
    odd = replace(SCHOOLS, headline=headline, captions=(caption,))
    story = PureStory()
    seen = story.text(JAN31, [FERRY, odd, POWER], layout="B")
    headlines = [p.fields.headline for p in seen.plan.posts]
    assert headlines == [FERRY.headline, headline, POWER.headline]


def test_a_reported_statement_above_a_photo_in_mid_post_is_not_a_headline() -> None:
    """Only a headline stands above a caption, but for a photo in the middle of a post: a
    statement someone "said" is the text above it."""
    mid_photo = replace(
        CURFEW,
        body=(
            CURFEW.body[0],
            "Mayor Dana Okafor said: “We will reopen the waterfront when it is safe.”",
            "Sandbags line Front Street in Eastport on January 31.",
            "Police will patrol the area overnight.",
        ),
    )
    # A window of a page of 12 posts: the declared count does not limit the split.
    data = format_capture(JAN31, [FERRY, mid_photo, POWER], "B", declared=12).encode()
    capture = parse_capture(data, "window.txt")
    headlines = [p.fields.headline for p in capture.posts]
    assert headlines == [FERRY.headline, CURFEW.headline, POWER.headline]


def test_below_a_known_posts_last_paragraph_a_new_full_stop_headline_starts_a_post() -> None:
    """Layout B, a post never seen before whose headline ends in a full stop: the page's
    history knows where the post above ends."""
    new = post(
        "Ferries will run again on Thursday, the port says.",
        "The port authority said the first crossing would leave Eastport at 6 a.m. on Thursday "
        "if the inspectors sign off on the piers overnight.",
        "Commuters were told to expect delays for most of the morning.",
    )
    story = PureStory()
    story.text(JAN31, [FERRY, SCHOOLS, POWER])
    seen = story.text(JAN31, [FERRY, new, SCHOOLS, POWER], layout="B")
    headlines = [p.fields.headline for p in seen.plan.posts]
    assert headlines == [FERRY.headline, new.headline, SCHOOLS.headline, POWER.headline]
    assert seen.edits == []


SMOKE = post(
    "Smoke.",
    "The air quality index in Eastport reached 180 on Tuesday, a level considered unhealthy "
    "for everyone, according to the regional air district.",
    "Schools kept pupils indoors during breaks.",
    time="10:30 a.m. ET, January 31, 2023",
)
FERRIES_BACK = post(
    "Ferries will run again on Thursday, the port says.",
    "The port authority said the first crossing would leave Eastport at 6 a.m. on Thursday "
    "if the inspectors sign off on the piers overnight.",
    "Commuters were told to expect delays for most of the morning.",
    time="12:10 p.m. ET, January 31, 2023",
)


def test_a_headline_seen_with_its_time_line_outweighs_an_earlier_layout_b_misreading() -> None:
    """A window in layout B, no history: a one-word headline reads as text of the post
    above. Once a capture with time lines has shown it as a headline, the next layout-B
    capture splits there, though the history also holds the misread post with it as text."""
    story = PureStory()
    misread = story.text(JAN31, [FERRY, SMOKE, POWER], layout="B", declared=12)
    assert [p.fields.headline for p in misread.plan.posts] == [FERRY.headline, POWER.headline]
    story.text(JAN31, [FERRY, SMOKE, POWER])
    later = story.text(JAN31, [FERRY, SMOKE, POWER], layout="B", declared=12)
    headlines = [p.fields.headline for p in later.plan.posts]
    assert headlines == [FERRY.headline, SMOKE.headline, POWER.headline]


def test_text_seen_with_its_time_line_outweighs_an_earlier_layout_b_headline() -> None:
    """The mirror case: a layout-B capture a post short of the page's count takes a short
    sentence below a photo for a headline. Once a capture with time lines has shown it in its
    post's text, later layout-B captures keep it there, though the history also holds the
    post that split made, headed by it."""
    packed = post(
        "A packed courtroom,",
        "The courtroom was silent.",
        "Harwell shook his head.",
        captions=("Graham Harwell arrives at federal court in Manhattan on January 31.",),
        time="9:40 a.m. ET, January 31, 2023",
    )
    story = PureStory()
    misread = story.text(JAN31, [FERRY, packed, POWER], layout="B", declared=4)
    assert "The courtroom was silent." in [p.fields.headline for p in misread.plan.posts]
    story.text(JAN31, [FERRY, packed, POWER])
    for _ in range(2):  # (and once the page was last captured in layout B)
        later = story.text(JAN31, [FERRY, packed, POWER], layout="B", declared=4)
        headlines = [p.fields.headline for p in later.plan.posts]
        assert headlines == [FERRY.headline, packed.headline, POWER.headline]


def test_a_headline_seen_with_its_time_line_is_known_as_one_after_layout_b_captures() -> None:
    """The page's latest capture was in layout B (its posts' latest versions have no time
    lines): that a headline was seen under a time line is still known, from the index."""
    story = PureStory()
    first = story.text(JAN31, [FERRY, FERRIES_BACK, POWER])
    typeset = replace(FERRIES_BACK, headline=FERRIES_BACK.headline.replace(" ", "\u00a0", 1))
    story.text(JAN31, [FERRY, typeset, POWER], layout="B", declared=12)  # a new revision
    [role] = KnownParagraphs(story.index).roles([FERRIES_BACK.headline])
    assert first.ids[1] in role.timed_headline_of


def test_a_headline_seen_with_its_time_line_stays_one_when_its_lead_has_changed() -> None:
    """As above, but the capture with time lines showed the post under another lead (one
    added, then taken out again): no known lead follows the known headline, and the misread
    post's text seems to run on through it. The time line's reading still wins."""
    story = PureStory()
    story.text(JAN31, [FERRY, SMOKE, POWER], layout="B", declared=12)
    hazier = replace(SMOKE, body=("Visibility on the harbor fell to a quarter mile.", *SMOKE.body))
    story.text(JAN31, [FERRY, hazier, POWER])
    later = story.text(JAN31, [FERRY, SMOKE, POWER], layout="B", declared=12)
    headlines = [p.fields.headline for p in later.plan.posts]
    assert headlines == [FERRY.headline, SMOKE.headline, POWER.headline]


def test_a_headline_its_post_repeats_in_its_text_does_not_start_another_post() -> None:
    """ "The jury has left the courtroom." as the headline and again as a line of the text:
    known as a headline from a time line, the repeat is still the post's own text."""
    jury = post(
        "The jury has left the courtroom.",
        "The judge called a 15-minute break after the testimony of the bank officer.",
        "The jury has left the courtroom.",
        "One juror leaned forward in her seat.",
    )
    story = PureStory()
    first = story.text(JAN31, [FERRY, jury, POWER])
    later = story.text(JAN31, [FERRY, jury, POWER], layout="B", declared=12)
    assert later.ids == first.ids and later.edits == []


# CNN's archive layout: headlines in straight quotes, text in curly ones (seed 003).
TESTIMONY = post(
    '"I never saw the report."',
    "That was how the former controller, Ana Byrne, described her role on Tuesday.",
    "\u201cWas that the first time?\u201d",
    "\u201cYes.\u201d",
    "\u201cI didn\u2019t ask,\u201d Byrne said when the prosecutor asked who else knew.",
)
QUOTED_WITNESS = post(
    '"It was wrong," former controller tells jurors',
    "\u201cIt was wrong.\u201d",
    "Byrne said she signed the statements without reading them.",
)


SIGNED = post(
    "Former controller says she signed the statements unread",
    "Ana Byrne testified on Tuesday that she signed the quarterly statements without reading them.",
    "\u201cWere you worried about the retirees?\u201d",
)


@pytest.mark.parametrize(
    "posts",
    [
        [FERRY, TESTIMONY, POWER],
        [QUOTED_WITNESS, FERRY, TESTIMONY],
        [TESTIMONY, QUOTED_WITNESS],
        [SIGNED, TESTIMONY, SCHOOLS],
    ],
    ids=[
        "quote headline",
        "headline quoted in the text",
        "two quote headlines",
        "a headline below a quoted question",
    ],
)
def test_in_layout_b_curly_quotes_are_text_and_straight_quotes_a_headline(
    posts: list[PostFields],
) -> None:
    """A page captured only in layout B, setting headlines in straight quotes and text in
    curly ones: a one-line quote in the text ("“Yes.”") is no headline, and a quote in
    straight type ending in a full stop is one. A headline's own words quoted in the text
    below it, once the headline is known, are text too."""
    story = PureStory()
    seen = story.text(JAN31, posts, layout="B", declared=12)
    assert [p.fields.headline for p in seen.plan.posts] == [p.headline for p in posts]
    again = story.text(JAN31, posts, layout="B", declared=12)
    assert again.ids == seen.ids and again.edits == []


def test_in_layout_b_a_known_headline_quoted_in_curly_type_below_a_photo_is_text() -> None:
    """The headline "I never saw the report." known from a time line; a layout-B capture
    shows the post with a photo added and the quote set in the text below it, in curly type.
    The words are the headline's, the type says text: one post, not two."""
    story = PureStory()
    first = story.text(JAN31, [FERRY, TESTIMONY, POWER])
    photo = "In this courtroom sketch, Ana Byrne testifies in Eastport on January 31."
    quoted = replace(
        TESTIMONY,
        captions=(photo,),
        credits=("Artist/Agency",),
        body=("\u201cI never saw the report.\u201d", *TESTIMONY.body),
    )
    later = story.text(JAN31, [FERRY, quoted, POWER], layout="B", declared=12)
    assert [p.fields.headline for p in later.plan.posts] == [
        FERRY.headline,
        TESTIMONY.headline,
        POWER.headline,
    ]
    assert later.ids == first.ids


def test_in_layout_b_set_all_curly_a_known_straight_headline_stays_a_headline() -> None:
    """A page whose archive layout sets everything in curly quotes, headlines included: the
    quote style says nothing there, and the headline known in straight quotes is one (above
    a new lead: nothing else tells)."""
    packed = post(
        '"We packed the car and never unpacked it."',
        "Residents described leaving with minutes to spare as the fire crossed the ridge.",
        "Some spent the night in their cars at the fairgrounds.",
    )
    story = PureStory()
    story.text(JAN31, [FERRY, packed, POWER])
    curly = replace(
        packed,
        headline=packed.headline.replace('"', "\u201c", 1).replace('"', "\u201d", 1),
        body=("Neighbors said the alerts came too late for some of them to pack anything.",),
    )
    shorter = replace(FERRY, body=FERRY.body[:-1])  # (its known last line no witness)
    later = story.text(JAN31, [shorter, curly, POWER], layout="B", declared=12)
    assert [p.fields.headline for p in later.plan.posts] == [
        FERRY.headline,
        curly.headline,
        POWER.headline,
    ]


@pytest.mark.parametrize("new", [SMOKE, FERRIES_BACK], ids=["one word", "full stop"])
def test_below_a_known_posts_last_paragraph_a_short_headline_starts_a_post(
    new: PostFields,
) -> None:
    story = PureStory()
    story.text(JAN31, [FERRY, SCHOOLS, POWER])
    seen = story.text(JAN31, [FERRY, new, SCHOOLS, POWER], layout="B", declared=12)
    headlines = [p.fields.headline for p in seen.plan.posts]
    assert headlines == [FERRY.headline, new.headline, SCHOOLS.headline, POWER.headline]
    assert seen.edits == []


@pytest.mark.parametrize(("declared", "posts"), [(3, 3), (4, 3), (12, 2)])
def test_a_whole_page_a_post_short_of_its_count_splits_at_the_most_headline_like_line(
    declared: int, posts: int
) -> None:
    """No history, layout B: a headline ending in a full stop reads as text. When the page
    holds a post or two more than the capture came out with, it is the whole page a post
    short: the short unattributed line is the missing headline. A window of a larger page
    (12 posts) says nothing of what it shows."""
    seen = PureStory().text(JAN31, [FERRY, FERRIES_BACK, POWER], layout="B", declared=declared)
    headlines = [p.fields.headline for p in seen.plan.posts]
    expected = [FERRY.headline, FERRIES_BACK.headline, POWER.headline]
    assert headlines == (expected if posts == 3 else [FERRY.headline, POWER.headline])


def test_stock_posts_alike_further_down_are_no_pinned_copy_in_the_pages_count() -> None:
    """A pinned post is shown twice (on top, and at its place), and the page's count holds
    it once. Two stock posts further down with the same words are two posts: a whole page of
    five, one headline read as text, is filled to five posts, not six."""
    recess = post("Court breaks for lunch", "The judge said the trial would resume at 2 p.m.")
    calm = post(
        "Calm returns to the harbor",
        "The wind dropped below 20 mph by noon.",
        "No injuries.",
        "Crews began clearing debris from Front Street.",
    )
    page = [FERRY, FERRIES_BACK, recess, calm, recess]
    capture = parse_capture(format_capture(JAN31, page, "B", 5).encode(), "page.txt")
    headlines = [p.fields.headline for p in capture.posts]
    assert len(headlines) == 5
    assert headlines.count(recess.headline) == 2 and calm.headline in headlines


def test_the_first_line_of_the_list_starts_a_post_whatever_an_earlier_split_taught() -> None:
    """Layout B without history reads "The defense rests." as text of the post above. When
    the post later heads the page, that misreading says its first line is text; but the list
    of posts starts with a post: its lines are a post, not lost above the first headline."""
    rests = post("The defense rests.", "The defense rested its case after calling 16 witnesses.")
    story = PureStory()
    story.text(JAN31, [FERRY, rests, POWER], layout="B", declared=12)
    later = story.text(JAN31, [rests, FERRY, POWER], layout="B", declared=12)
    shown = [(p.fields.headline, p.fields.body) for p in later.plan.posts]
    assert shown == [(p.headline, p.body) for p in (rests, FERRY, POWER)]


def test_a_post_headed_like_a_link_lead_in_is_a_post_where_history_knows_it() -> None:
    """ "Watch:" above a video's description is a link lead-in, no text; but a post of that
    headline, shown with its time line before, is a post in layout B too."""
    watch = post("Watch:", "Video shared by a resident shows waves breaking over Front Street.")
    story = PureStory()
    first = story.text(JAN31, [FERRY, watch, POWER])
    later = story.text(JAN31, [FERRY, watch, POWER], layout="B", declared=12)
    assert later.ids == first.ids
    assert later.edits == []


def test_a_stock_post_posted_again_on_top_is_new_and_the_old_one_keeps_its_place() -> None:
    """ "Court is in recess." posted again under a new time, above the first one: the copy
    with every field the same is the old post, the one on top a new post; nothing edited."""
    recess = post("Court is in recess.", "The judge said the trial would resume at 2 p.m.")
    story = PureStory()
    first = story.text(JAN31, [FERRY, recess, POWER])
    again = replace(recess, published="1:30 p.m. ET, January 31, 2023")
    later = story.text(JAN31, [again, FERRY, recess, POWER])
    assert later.ids[1:] == first.ids
    assert later.ids[0] not in first.ids
    assert later.edits == [] and later.removed == []


def test_a_stock_post_in_an_older_posts_words_is_the_post_with_its_time_label() -> None:
    """A post carried to the next day's page is retitled in a stock post's words ("Court
    adjourns for the day."), word for word an older post's first version: the same time label
    says which post it is; the words alone would call it a revert of the older post."""
    story = PureStory()
    jan31 = post("Court adjourns for the day.", "Testimony resumes at 9:30 a.m. ET.")
    first = story.text(JAN31, [jan31, FERRY])
    story.text(JAN31, [replace(jan31, body=("Testimony resumes Wednesday.",)), FERRY])
    wraps = post(
        "Testimony wraps for the day",
        "Testimony resumes at 9:30 a.m. ET.",
        time="6:18 p.m. ET, February 1, 2023",
        byline="",
    )
    feb1 = story.text(FEB1, [wraps, SCHOOLS])
    feb3 = story.text(FEB3, [replace(wraps, headline=jan31.headline), POWER])
    assert feb3.ids[0] == feb1.ids[0] != first.ids[0]
    [(_, kinds, flags)] = feb3.edits
    assert set(kinds) == {"headline", "moved"} and "revert" not in flags


STORM_SURGE = post(
    "Storm surge floods the lower town",
    "Water rose about three feet above the sea wall in the lower town on Friday evening.",
    time="9:02 p.m. ET, February 3, 2023",
)


def test_the_same_words_as_an_old_stock_post_recaptured_since_are_this_pages_post() -> None:
    """A stock post ("Stay home tonight") posted again days later on top of another day's
    page is a post of its own. The older page is captured again (its copy now holds the
    latest revision with those words): in a layout-B capture of the newer page, where no time
    tells the two apart, the words are the post this page showed, not the old one."""
    stay = post("Stay home tonight", "Officials asked residents to stay off the roads.")
    feb3 = [
        replace(p, published=p.published.replace("January 31", "February 3"))
        for p in (FERRY, SCHOOLS, POWER, SHELTER, HARBOR_WALL, CURFEW)
    ]
    story = PureStory()
    first = story.text(JAN31, [stay, FERRY])
    story.text(FEB3, feb3)
    again = replace(stay, published="8:10 p.m. ET, February 3, 2023")
    assert story.text(FEB3, [again, *feb3]).new == 1
    shown = story.text(FEB3, [STORM_SURGE, again, *feb3])
    assert shown.ids[1] not in first.ids
    # A typographic difference (a no-break space) makes the old post a new revision.
    story.text(JAN31, [replace(stay, headline="Stay\u00a0home tonight"), FERRY], layout="B")
    later = story.text(FEB3, [STORM_SURGE, again, *feb3], layout="B")
    assert later.ids == shown.ids
    assert later.edits == [] and later.removed == []


def test_a_lead_in_with_bullets_below_is_not_a_headline() -> None:
    summary = post(
        "What we know so far",
        "Here are the latest developments:",
        "• Ferries: The port authority suspended every ferry crossing on Tuesday morning.",
        "• Schools: Every public school in Eastport will stay closed on Wednesday.",
    )
    story = PureStory()
    seen = story.text(JAN31, [summary, FERRY], layout="B")
    assert [p.fields.headline for p in seen.plan.posts] == [summary.headline, FERRY.headline]


# ---------------------------------------------------------------- 2. recurring templates


def template(*quoted: PostFields, time: str) -> PostFields:
    return post(
        "Here's what you need to know",
        "If you're just joining us, here's the latest on the storm:",
        *(f"• {p.headline}: {p.body[0]}" for p in quoted),
        time=time,
        byline="",
    )


def test_a_new_template_post_is_a_new_post_not_an_edit_of_the_last_one() -> None:
    story = PureStory()
    morning = template(POWER, SHELTER, SCHOOLS, time="9:30 a.m. ET, January 31, 2023")
    first = story.text(JAN31, [morning, SCHOOLS, POWER, SHELTER])
    # Hours later the morning summary has slid below the window; the afternoon one quotes
    # some of the same posts under the same headline, above posts that are new too.
    afternoon = template(FERRY, SCHOOLS, POWER, time="3:10 p.m. ET, January 31, 2023")
    later = story.text(JAN31, [afternoon, FERRY, HARBOR_WALL, CURFEW])
    assert first.ids[0] not in later.ids
    assert later.new == 4 and later.edits == [] and later.removed == []


def test_a_template_posted_again_above_posts_never_seen_is_new_in_layout_b() -> None:
    """Hours later, captured in layout B (no time label): the page's window has moved past
    every post it showed, the old "Power shutoffs" post among them, and a new one like it
    (a figure changed) stands among posts never seen. It is a new post, not the old one
    re-timed to the top over eleven posts deleted at once."""
    towns = ["Northgate", "Millbrook", "Westhaven", "Southbay", "Riverside", "Oakridge"]
    towns += ["Pinecrest", "Lakeside", "Hillcrest", "Fairview", "Brookfield"]
    roads = [
        post(
            f"Road closed in {town} after a mudslide",
            f"Crews in {town} said the road would stay closed while engineers check the slope.",
            time=f"{hour}:15 a.m. ET, January 31, 2023",
        )
        for town, hour in zip(towns, range(11, 0, -1), strict=True)
    ]
    shutoffs = post(
        "Power shutoffs: What to know",
        "NorthShore Electric has shut off power to about 4,000 customers in the hills to keep "
        "its lines from sparking fires, the utility said.",
        "CNN has reached out to NorthShore Electric for comment.",
        time="12:05 a.m. ET, January 31, 2023",
    )
    story = PureStory()
    first = story.text(JAN31, [*roads, shutoffs])
    again = replace(
        shutoffs,
        body=(shutoffs.body[0].replace("4,000", "4,600"), shutoffs.body[1]),
        published="6:40 p.m. ET, January 31, 2023",
    )
    later = story.text(JAN31, [STORM_SURGE, again, HARBOR_WALL, CURFEW], layout="B", declared=40)
    assert first.ids[-1] not in later.ids
    assert later.new == 4 and later.edits == [] and later.removed == []


def test_a_template_post_that_is_updated_in_place_stays_itself() -> None:
    story = PureStory()
    summary = template(POWER, SHELTER, time="9:30 a.m. ET, January 31, 2023")
    first = story.text(JAN31, [summary, SCHOOLS, POWER, SHELTER])
    updated = replace(summary, body=(*summary.body, f"• {SCHOOLS.headline}: {SCHOOLS.body[0]}"))
    later = story.text(JAN31, [updated, SCHOOLS, POWER, SHELTER])
    assert later.ids == first.ids
    assert [kinds for _, kinds, _ in later.edits] == [("body",)]


# In layout B the template stands below a post: on top, nothing above it says where it stands.
@pytest.mark.parametrize(("layout", "place"), [("A", 0), ("B", 1)])
def test_a_template_post_whose_bullets_all_change_in_place_stays_itself(
    layout: str, place: int
) -> None:
    """Its headline and boilerplate recur in other template posts and its bullets quote other
    posts: the same headline under the same time label on the same page still says it. In
    layout B (no time label), the same headline in the same slot of its page says it."""
    story = PureStory()
    yesterday = template(FERRY, CURFEW, time="7:00 p.m. ET, January 30, 2023")
    story.text(JAN31, [yesterday, FERRY, CURFEW])
    morning = template(POWER, SHELTER, time="9:30 a.m. ET, January 31, 2023")
    others = [SCHOOLS, POWER, SHELTER, FERRY, CURFEW]
    first = story.text(JAN31, [*others[:place], morning, *others[place:]])
    rewritten = replace(morning, body=template(SCHOOLS, HARBOR_WALL, time="").body)
    later = story.text(JAN31, [*others[:place], rewritten, *others[place:]], layout=layout)
    assert later.ids == first.ids
    assert [kinds for _, kinds, _ in later.edits] == [("body",)]
    assert later.removed == []


def test_a_template_post_carried_over_with_a_byline_added_stays_itself() -> None:
    """A daily "Key moments from today's testimony", carried to the next day's page under
    the same time label, gains a byline and its bullets change. The headline recurs and the
    bullets quote other posts, but the headline and the dated time label say which it is."""
    story = PureStory()
    story.text(JAN31, [template(FERRY, CURFEW, time="7:00 p.m. ET, January 30, 2023"), FERRY])
    evening = template(POWER, SHELTER, time="6:10 p.m. ET, January 31, 2023")
    first = story.text(JAN31, [evening, SCHOOLS, POWER, SHELTER])
    carried = replace(
        evening,
        byline="From CNN's Lee Park",
        body=template(SCHOOLS, SHELTER, time="").body,
    )
    later = story.text(FEB1, [HARBOR_WALL, carried])
    assert later.ids[1] == first.ids[0]
    [(_, kinds, _)] = later.edits
    assert set(kinds) == {"body", "byline", "moved"}


# ---------------------------------------------------------------- 3. shared sentences

STATEMENT = (
    "“We are asking everyone who lives below the sea wall to leave tonight,” Governor Helen "
    "Marsh said at a news conference in Eastport."
)


def test_a_new_post_sharing_a_lead_with_an_old_one_on_another_page_is_new() -> None:
    story = PureStory()
    old = post(
        "Governor orders evacuations below the sea wall",
        STATEMENT,
        "About 9,000 people live in the evacuation zone, officials said.",
        time="6:10 p.m. ET, January 31, 2023",
        byline="From CNN's Lee Park",
    )
    story.text(JAN31, [old, FERRY, SCHOOLS])
    again = post(
        "Second evacuation order as another storm approaches",
        STATEMENT,
        "The new order covers the northern districts, which were spared last week.",
        "Shelters at the convention center will open at noon, the Red Cross said.",
        time="8:02 a.m. ET, February 3, 2023",
        byline="From CNN's Ana Ruiz",
    )
    later = story.text(FEB3, [again, POWER])
    assert later.new == 2 and later.edits == []


def test_a_post_carried_to_the_next_days_page_is_the_same_post() -> None:
    story = PureStory()
    first = story.text(JAN31, [FERRY, SCHOOLS, POWER])
    carried = replace(
        FERRY,
        published="11:24 p.m. ET, January 31, 2023",
        body=(FERRY.body[0].replace("Tuesday morning", "Tuesday"), *FERRY.body[1:]),
    )
    later = story.text(FEB1, [SHELTER, carried])
    assert later.ids[1] == first.ids[0]
    [(_, kinds, _)] = later.edits
    assert set(kinds) == {"body", "published", "moved"}


def test_a_post_carried_over_with_no_words_left_as_they_were_is_the_same_post() -> None:
    """Carried to the next day's page, "Recess." became "Court is in recess." and its one
    paragraph gained a sentence: no headline, lead or paragraph is the same, but it comes
    from the page captured last, under its time label and byline."""
    story = PureStory()
    recess = post(
        "Recess.",
        "Judge Castellanos called a 15-minute break after testimony from Bethany Lund.",
        time="5:16 p.m. ET, January 31, 2023",
        byline="From CNN's Tom Ade and Ines Vogel",
    )
    first = story.text(JAN31, [recess, FERRY, SCHOOLS])
    carried = replace(
        recess,
        headline="Court is in recess.",
        body=(f"{recess.body[0]} One juror leaned forward in her seat.",),
    )
    later = story.text(FEB1, [SHELTER, carried, FERRY])
    assert later.ids[1:] == [first.ids[0], first.ids[1]]
    assert {kinds for _, kinds, _ in later.edits} >= {("headline", "body", "moved")}


MOVED = post(
    "Our live coverage of the storm has moved here",
    "Go here for the latest updates on the storm over the harbor.",
    byline="",
)
STORM_DAY = (FERRY, SCHOOLS, POWER, SHELTER, HARBOR_WALL, CURFEW)


def _day(day: str, *posts: PostFields) -> tuple[PostFields, ...]:
    return tuple(replace(p, published=p.published.replace("January 31", day)) for p in posts)


@pytest.mark.parametrize(
    ("case", "first_capture", "same_post"),
    [
        # The daily "moved here" post, word for word but for its time, on top of a day of
        # coverage: another post, not yesterday's carried over.
        ("template on top of a day's coverage", STORM_DAY, False),
        # The same words on a page that holds little yet: yesterday's post carried over.
        ("copy carried to a young page", STORM_DAY[:1], True),
    ],
)
def test_a_word_for_word_post_from_yesterday_on_top_of_today(
    case: str, first_capture: tuple[PostFields, ...], same_post: bool
) -> None:
    story = PureStory()
    yesterday = story.text(JAN31, [replace(MOVED, published="11:50 p.m. ET, January 31, 2023")])
    today = _day("February 1", *first_capture)
    story.text(FEB1, today)
    again = replace(MOVED, published="11:40 p.m. ET, February 1, 2023")
    later = story.text(FEB1, [again, *today])
    assert (later.ids[0] == yesterday.ids[0]) is same_post, case
    if not same_post:
        assert later.edits == []
    assert later.removed == []


def test_a_pinned_post_on_top_is_no_neighbour_of_the_post_below_it() -> None:
    """The same, with a post of the page pinned on top (shown there and at its place): the
    daily post arriving just below the pinned copy still stands on top of the day's
    coverage, and is another post, not yesterday's carried over."""
    story = PureStory()
    yesterday = story.text(JAN31, [replace(MOVED, published="11:50 p.m. ET, January 31, 2023")])
    today = _day("February 1", *STORM_DAY)
    story.text(FEB1, today)
    again = replace(MOVED, published="11:40 p.m. ET, February 1, 2023")
    pinned = today[3]
    later = story.text(FEB1, [pinned, again, *today])
    assert later.ids[1] != yesterday.ids[0]
    assert later.edits == [] and later.removed == []


def test_an_edit_changing_every_field_at_once_is_another_post() -> None:
    story = PureStory()
    first = story.text(JAN31, [FERRY, SCHOOLS])
    other = post(
        "Harbor cranes idle as port stays shut",
        FERRY.body[1],
        "Dock workers were sent home with pay, the union said.",
        time="4:40 p.m. ET, January 31, 2023",
        byline="From CNN's Tom Ade",
    )
    later = story.text(JAN31, [other, SCHOOLS])
    assert later.ids[0] != first.ids[0] and later.edits == []


# ---------------------------------------------------------------- 4. page-scoped native ids


def ids(*pairs: tuple[PostFields, str]) -> list[ParsedPost]:
    return [ParsedPost(fields, native_id=native) for fields, native in pairs]


NATIVE_CASES = {
    "a new id on another page, the same text: carried over": (
        [(JAN31, ids((FERRY, "a1"), (SCHOOLS, "a2")))],
        (FEB1, ids((POWER, "b1"), (FERRY, "b2"))),
        lambda first, later: later.ids[1] == first[0].ids[0],
    ),
    "two ids on one page with the same text: two posts": (
        [(JAN31, ids((FERRY, "a1"), (SCHOOLS, "a2")))],
        (JAN31, ids((FERRY, "a3"), (FERRY, "a1"), (SCHOOLS, "a2"))),
        lambda first, later: later.ids[1] == first[0].ids[0] and later.new == 1,
    ),
    "the same id on the page: the same post, whatever its text": (
        [(JAN31, ids((FERRY, "a1"), (SCHOOLS, "a2")))],
        (JAN31, ids((POWER, "a1"), (SCHOOLS, "a2"))),
        lambda first, later: later.ids == first[0].ids,
    ),
    "a page changes its id scheme: nothing new": (
        [(JAN31, ids((FERRY, "a1"), (SCHOOLS, "a2"), (POWER, "a3")))],
        (JAN31, ids((FERRY, "x1"), (SCHOOLS, "x2"), (POWER, "x3"))),
        lambda first, later: later.ids == first[0].ids and later.edits == [],
    ),
    "a pinned copy with the same id: one post at two places": (
        [(JAN31, ids((FERRY, "a1"), (SCHOOLS, "a2"), (POWER, "a3")))],
        (JAN31, ids((POWER, "a3"), (FERRY, "a1"), (SCHOOLS, "a2"), (POWER, "a3"))),
        lambda first, later: later.ids == [first[0].ids[2], *first[0].ids] and later.new == 0,
    ),
}


@pytest.mark.parametrize("case", list(NATIVE_CASES))
def test_native_ids(case: str) -> None:
    before, (title, after), holds = NATIVE_CASES[case]
    story = PureStory()
    first = [story.parsed(page, shown) for page, shown in before]
    assert holds(first, story.parsed(title, after)), case


# ---------------------------------------------------------------- 5. removals


def test_a_post_gone_from_between_known_posts_is_removed_one_that_slid_off_is_not() -> None:
    story = PureStory()
    first = story.text(JAN31, [FERRY, SCHOOLS, POWER, SHELTER])
    later = story.text(JAN31, [FERRY, POWER, SHELTER])  # schools gone from between
    assert later.removed == [first.ids[1]]
    window = story.text(JAN31, [FERRY, POWER])  # shelter slid off the bottom
    assert window.removed == []


def test_a_post_whose_headline_and_lead_stand_in_the_post_above_is_not_removed() -> None:
    """A layout-B split that reads a headline as text glues its post into the one above: the
    post is still on the page, its words in the other's text; it is no removal."""
    story = PureStory()
    first = story.text(JAN31, [FERRY, SCHOOLS, POWER])
    glued = replace(FERRY, body=(*FERRY.body, SCHOOLS.headline, *SCHOOLS.body))
    later = story.parsed(JAN31, [glued, POWER], layout="B")
    assert later.removed == []
    again = story.text(JAN31, [FERRY, SCHOOLS, POWER])
    assert again.ids == first.ids and again.removed == []


def test_a_post_whose_words_are_only_quoted_in_another_is_removed() -> None:
    """A post headed by a quote that is also its lead ("It was wrong."), deleted while
    another post quotes the line: its words are not its headline above its lead there."""
    quote = post('"It was wrong."', '"It was wrong."', "That was how the witness put it.")
    holder = replace(POWER, body=(*POWER.body, '"It was wrong."'))
    story = PureStory()
    first = story.parsed(JAN31, [FERRY, quote, holder, SHELTER])
    later = story.parsed(JAN31, [FERRY, holder, SHELTER])
    assert later.removed == [first.ids[1]]


def test_a_post_rewritten_in_its_place_under_its_time_label_is_edited_not_removed() -> None:
    """ "Another objection…" becomes "Objection sustained.", its sentences a stock one
    (every objection post says it) and a new one: little text in common, no byline to
    compare, but the same time label on the same page, between the same neighbours. An
    edit, not a removal and a new post."""
    stock = "Blaine objected as the prosecutor asked the witness about the {}."
    things = ("ledger", "memo", "invoices", "loan", "minutes", "yacht")
    objections = [
        post(
            f"Objection over the {thing}",
            stock.format(thing),
            time=f"{h}:10 p.m. ET, January 31, 2023",
        )
        for h, thing in zip((1, 2, 3, 5, 6, 7), things, strict=True)
    ]
    before = post(
        "Another objection…",
        stock.format("audit") + " The judge sustained it.",
        time="4:57 p.m. ET, January 31, 2023",
        byline="",
    )
    after = replace(
        before,
        headline="Objection sustained.",
        body=(stock.format("audit"), "The witness did not look at the defense table."),
    )
    story = PureStory()
    first = story.text(JAN31, [FERRY, before, *objections, POWER])
    later = story.text(JAN31, [FERRY, after, *objections, POWER])
    assert later.ids == first.ids
    assert later.removed == [] and [e[0] for e in later.edits] == [first.ids[1]]


def test_of_two_posts_of_one_minute_in_one_slot_the_text_tells_which_was_rewritten() -> None:
    """Two posts at 4:57 p.m. between the same neighbours; one is deleted and the other
    rewritten: the time label and the place fit both, the text says which is which."""
    minute = "4:57 p.m. ET, January 31, 2023"
    verdict = post(
        "Jury finds former controller guilty on all counts",
        "The jury deliberated for six hours before returning its verdict on the 14 counts.",
        "Sentencing is set for May 3, the judge said.",
        time=minute,
    )
    bridge = post(
        "Harbor bridge reopens to traffic after inspection",
        "Engineers found no structural damage to the span, the transport department said.",
        "Trucks over 20 tons remain barred until Thursday.",
        time=minute,
        byline="From CNN's Ines Vogel",
    )
    rewritten = replace(
        verdict,
        headline="Guilty on every count: the verdict",
        body=(
            "Jurors returned after six hours and convicted the former controller of all 14 counts.",
            verdict.body[1],
        ),
    )
    story = PureStory()
    first = story.text(JAN31, [FERRY, verdict, bridge, POWER])
    later = story.text(JAN31, [FERRY, rewritten, POWER])
    assert later.ids == [first.ids[0], first.ids[1], first.ids[3]]
    assert later.removed == [first.ids[2]]


# ---------------------------------------------------------------- 6. reverts


def test_an_edit_undone_is_a_revert_a_page_catching_up_is_not() -> None:
    story = PureStory()
    story.text(JAN31, [FERRY, SCHOOLS])
    edited = replace(FERRY, body=(FERRY.body[0].replace("90 mph", "95 mph"), *FERRY.body[1:]))
    assert story.text(JAN31, [edited, SCHOOLS]).edits[0][2] == ("numbers_changed",)
    undone = story.text(JAN31, [FERRY, SCHOOLS])
    assert "revert" in undone.edits[0][2]
    # Carried to the next day's page and edited there; the old page then shows the edit too.
    story2 = PureStory()
    story2.text(JAN31, [FERRY, SCHOOLS])
    story2.text(FEB1, [edited])
    caught_up = story2.text(JAN31, [edited, SCHOOLS])
    assert caught_up.edits and "revert" not in caught_up.edits[0][2]


# Yesterday's page (1) in its last three captures before today's page (2) opened, newest
# first: post 40 is newest, 5 oldest; the middle capture is a stale copy of an older window.
YESTERDAY = 1
LAST_WINDOWS = (
    (40, 39, 38, 37, 36, 35, 34, 33, 32, 31, 30, 29),
    (21, 20, 19),
    (40, 39, 38, 37, 36, 35, 34, 33, 32, 31, 30, 29, 28),
)


@pytest.mark.parametrize(
    ("post", "depth"),
    [
        (40, 0),  # on top: what a newsroom carries over
        (28, 12),  # the least depth of the windows that show it
        (19, 2),  # only the stale copy shows it: how deep it stood there
        (5, 10),  # older than a long window that left it out: at least that deep
        (41, None),  # first seen after those captures: nothing known
    ],
)
def test_how_deep_a_post_stood_when_the_next_days_page_opened(post: int, depth: int | None) -> None:
    index = MemoryIndex(
        names={1: "April 7, 2025 live", 2: "April 8, 2025 live"},
        opened={2: {YESTERDAY: LAST_WINDOWS}},
    )
    assert _OlderPages(index, 2).depth_at_opening(post, YESTERDAY) == depth
