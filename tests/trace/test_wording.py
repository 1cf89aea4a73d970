"""What drift reads from two versions' words (``trace.wording``), on sentences the team wrote."""

from __future__ import annotations

import pytest

from sourcetrace.trace.wording import (
    QuoteChange,
    certainty,
    normalise,
    quote_change,
    shared_part,
    verb_strength,
    word_hedges,
)


def _words(text: str) -> list[str]:
    return normalise(text).split()


def test_quotation_marks_apostrophes_case_and_punctuation_do_not_count():
    assert normalise("“It’s DONE,”  she   said.") == normalise('"it\'s done" she said')


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (["“We won’t stop,” "], ['"We won\'t stop."']),  # marks and apostrophes only
        (["We will not stop until the dam is safe"], ["We will not stop", "until the dam is safe"]),
    ],
)
def test_the_same_words_however_marked_or_split_are_no_change(before, after):
    assert quote_change(before, after) is None


def test_a_shorter_cut_of_the_same_words_is_an_excerpt():
    change = quote_change(["We will not stop until the dam is safe"], ["until the dam is safe"])
    assert change == QuoteChange(
        "excerpted", "We will not stop until the dam is safe", "until the dam is safe"
    )
    # and the other way round: the first version quoted less
    assert quote_change(["the dam is safe"], ["We know the dam is safe"]).kind == "excerpted"


def test_close_but_different_words_are_a_rewording_and_other_quotations_nothing():
    change = quote_change(["The dam will hold for years"], ["The dam should hold for years"])
    assert change is not None and change.kind == "reworded"
    assert quote_change(["The dam will hold for years"], ["Rain is not the problem here"]) is None


def test_may_the_month_is_no_modal():
    part_a, part_b, _ = shared_part("The plant opened in May.", "The plant opened.")
    assert certainty(part_a) == certainty(part_b) == "asserted"


def test_the_shared_part_leaves_out_an_extra_sentence_and_measures_the_overlap():
    a = "Forty people were hurt in the blast. The mayor may resign next week."
    b = "Forty people were hurt in the blast, police said."
    part_a, part_b, share = shared_part(a, b)
    assert "resign" not in part_a and "mayor" not in part_a
    assert part_b[:3] == ["forty", "people", "were"]
    assert 0.5 < share < 1.0  # "police said" is the shorter text's own
    assert shared_part("The dam held.", "Rain fell all day.")[2] == 0.0


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("the council approved the plan", "asserted"),
        ("the council may approve the plan", "possible"),
        ("the council is expected to approve the plan", "probable"),
        ("the council will approve the plan", "asserted"),  # the future, as firm as a fact
        ("the council has agreed to approve the plan", "asserted"),
        ("the council reportedly approved the plan", "reported"),
    ],
)
def test_certainty_reads_modal_markers_and_takes_the_future_as_firm(text, level):
    assert certainty(_words(text)) == level


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("checks for nearly all gun sales", "checks for all gun sales", "hedge_dropped"),
        ("checks for all gun sales", "checks for almost all gun sales", "hedge_added"),
        ("some voters backed the plan", "most voters backed the plan", "hedge_dropped"),
        ("most voters backed the plan", "some voters backed the plan", "hedge_added"),
        ("checks for gun sales", "checks for private gun sales", None),
        ("about 40 people came", "40 people came", None),  # numbers: the quantities' hedges
        (
            "a fire almost totally destroyed the store",
            "a fire destroyed the store",
            "hedge_dropped",
        ),
        (
            "a fire nearly destroyed the store",
            "a fire completely destroyed the store",
            "hedge_dropped",
        ),
        ("a fire destroyed the store", "a fire virtually destroyed the store", "hedge_added"),
        ("a fire almost killed him", "a fire nearly killed him", None),
        ("it exploded around 5 30 p m", "it exploded 5 30 p m", "hedge_dropped"),
        ("it exploded at 2045 gmt", "it exploded at about 2045 gmt", "hedge_added"),
        ("they walked around 40 blocks", "they walked 40 blocks", None),
        ("they walked around the store", "they walked the store", None),
    ],
)
def test_word_hedges(a, b, expected):
    found = word_hedges(_words(a), _words(b))
    assert (found[0] if found else None) == expected


def test_a_dropped_quantifier_hedge_names_both_phrases():
    found = word_hedges(_words("nearly all sales"), _words("all sales"))
    assert found == ("hedge_dropped", "nearly all", "all")
    found = word_hedges(_words("it was almost totally destroyed"), _words("it was destroyed"))
    assert found == ("hedge_dropped", "almost totally destroyed", "destroyed")


@pytest.mark.parametrize(
    ("cue", "strength"),
    [
        ("suggested", 1),
        ("claims", 1),
        ("said", 2),
        ("told", 2),
        ("admitted", 3),
        ("confirmed", 3),
        ("acknowledges", 3),
        ("according to", None),
        (None, None),
    ],
)
def test_reporting_verbs_vouch_more_or_less(cue, strength):
    assert verb_strength(cue) == strength
