"""Normalization, word diffs, significance and flags."""

from __future__ import annotations

import pytest

from tracker.diffing import compare_fields, segments_side, summarize, text_diff, word_diff
from tracker.model import PostFields
from tracker.normalize import normalize

BAKHMUT_BEFORE = (
    "Two people were killed in the last few hours, including one underage boy, "
    "Kyrylenko says on Telegram. Four civilians were wounded, he added.\u00a0"
)
BAKHMUT_AFTER = (
    "Two people were killed Tuesday, including a child, Kyrylenko said on Telegram. "
    "Four civilians were wounded, he added.\u00a0"
)


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("a\u00a0b", "a b"),
        ("a\u2009\u202fb", "a b"),
        ("“quoted”", '"quoted"'),
        ("it’s ‘fine’", "it's 'fine'"),
        ("war – peace — end", "war - peace - end"),
        ("  spaced   out \n line ", "spaced out line"),
        ("zero\u200bwidth", "zerowidth"),
        ("Cafe\u0301", "Café"),
        ("Case Stays", "Case Stays"),
    ],
)
def test_normalize_folds_typography(raw: str, normal: str) -> None:
    assert normalize(raw) == normal


def test_the_bakhmut_sentence_diffs_into_three_word_edits() -> None:
    segments = word_diff(BAKHMUT_BEFORE, BAKHMUT_AFTER)
    assert segments[:9] == [
        ("=", "Two people were killed "),
        ("-", "in the last few hours"),
        ("+", "Tuesday"),
        ("=", ", including "),
        ("-", "one underage boy"),
        ("+", "a child"),
        ("=", ", Kyrylenko "),
        ("-", "says"),
        ("+", "said"),
    ]
    assert summarize(segments) == [
        '"in the last few hours" → "Tuesday"',
        '"one underage boy" → "a child"',
        '"says" → "said"',
    ]


def test_word_diff_never_splits_a_word() -> None:
    segments = word_diff("the undeterred allies", "the deterred allies")
    assert ("-", "undeterred") in segments and ("+", "deterred") in segments


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (["One.", "Two.", "Three."], ["One.", "Three."]),
        (["One.", "Two."], ["Zero.", "One.", "Two changed here.", "Four."]),
        (["A long paragraph about Bakhmut."], ["A long paragraph about Kramatorsk."]),
        ([], ["Only new."]),
        (["Only old."], []),
    ],
)
def test_text_diff_reads_back_as_both_sides(before: list[str], after: list[str]) -> None:
    segments = text_diff(before, after)
    assert segments_side(segments, "-") == "\n".join(before)
    assert segments_side(segments, "+") == "\n".join(after)


def test_a_removed_paragraph_stays_one_removal() -> None:
    before = ["First stays.", "Second goes away completely now.", "Third stays."]
    segments = text_diff(before, [before[0], before[2]])
    assert [op for op, _ in segments] == ["=", "-", "="]


def test_folded_diff_ignores_quote_style() -> None:
    assert text_diff(["He said “yes” today."], ['He said "yes" today.'], fold=True) == [
        ("=", 'He said "yes" today.')
    ]


def fields(**kw: object) -> PostFields:
    base: dict[str, object] = {
        "headline": "Headline here",
        "body": ("A body paragraph with “quotes” and 12 numbers.",),
        "published": "7:16 a.m. ET, January 31, 2023",
        "byline": "From CNN's Someone",
    }
    base.update(kw)
    return PostFields(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "significance", "kinds", "flags"),
    [
        (
            {"body": ('A body paragraph with "quotes" and 12 numbers.',)},
            "typographic",
            ["body"],
            [],
        ),
        (
            {"body": ("A body paragraph with “quotes” and 13 numbers.",)},
            "substantive",
            ["body"],
            ["numbers_changed"],
        ),
        (
            {"body": ("A body paragraph with “other quotes” and 12 numbers.",)},
            "substantive",
            ["body"],
            ["quotation_changed"],
        ),
        ({"headline": "Headline rewritten"}, "substantive", ["headline"], ["headline_changed"]),
        (
            {"published": "7:42 p.m. ET, January 31, 2023"},
            "substantive",
            ["published"],
            ["published_changed"],
        ),
        (
            {"body": ("A body paragraph with “quotes” and 12 numbers.", "More.")},
            "substantive",
            ["body"],
            ["paragraphs_added"],
        ),
        (
            {"body": ()},
            "substantive",
            ["body"],
            ["numbers_changed", "quotation_changed", "paragraphs_removed"],
        ),
        (
            {"captions": ("A new photo.",), "credits": ("AP",)},
            "substantive",
            ["captions"],
            ["caption_changed", "paragraphs_added"],
        ),
    ],
)
def test_significance_and_flags(
    change: dict[str, object], significance: str, kinds: list[str], flags: list[str]
) -> None:
    result = compare_fields(fields(), fields(**change))
    assert result.significance == significance
    assert result.kinds == kinds
    assert result.flags == flags


def test_fields_a_layout_does_not_show_are_not_compared() -> None:
    layout_b = fields(published=None, byline=None, credits=None, captions_certain=False)
    assert not compare_fields(fields(), layout_b, same_layout=False).changed


def test_typographic_differences_between_layouts_are_not_edits() -> None:
    layout_b = fields(
        body=('A body paragraph with "quotes" and 12 numbers.',), captions_certain=False
    )
    assert not compare_fields(fields(), layout_b, same_layout=False).changed
    assert compare_fields(fields(), layout_b, same_layout=True).changed


def test_a_lead_taken_for_a_caption_in_layout_b_is_not_an_edit() -> None:
    layout_a = fields(body=("The lead paragraph.", "The second paragraph."))
    layout_b = fields(
        captions=("The lead paragraph.",), body=("The second paragraph.",), captions_certain=False
    )
    assert not compare_fields(layout_a, layout_b, same_layout=False).changed


MID_POST_PHOTO = "Officials count ballots in Eastport on Sunday."


@pytest.mark.parametrize(
    ("b_body", "changed"),
    [
        # Layout B prints the caption where the photo stands, mid-post: the same text.
        (("The lead paragraph.", MID_POST_PHOTO, "The second paragraph."), False),
        # ... and a real edit still shows.
        (("The lead paragraph.", MID_POST_PHOTO, "The second paragraph, rewritten."), True),
        # A caption B does not show (or shows changed) leaves A's run as it is: an edit.
        (("The lead paragraph.", "The second paragraph."), True),
    ],
)
def test_a_caption_mid_post_in_layout_b_stands_where_the_photo_is(
    b_body: tuple[str, ...], changed: bool
) -> None:
    layout_a = fields(
        captions=(MID_POST_PHOTO,),
        credits=("Photographer/Agency",),
        body=("The lead paragraph.", "The second paragraph."),
    )
    layout_b = fields(
        captions=(), body=b_body, credits=None, published=None, byline=None, captions_certain=False
    )
    assert compare_fields(layout_a, layout_b, same_layout=False).changed is changed
    assert compare_fields(layout_b, layout_a, same_layout=False).changed is changed
