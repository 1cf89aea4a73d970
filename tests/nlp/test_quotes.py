"""Quotation finding: marks of every kind, paragraphs, and odd input that must never raise."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcetrace.nlp.quotes import find_quotes, is_title_quote


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_curly_and_straight_marks_give_the_same_spans():
    curly = "“We will not sign,” said Marren. “Not this year.”"
    straight = curly.replace("“", '"').replace("”", '"')
    assert quoted(curly) == ["“We will not sign,”", "“Not this year.”"]
    assert [(q.start, q.end) for q in find_quotes(curly)] == [
        (q.start, q.end) for q in find_quotes(straight)
    ]


def test_typewriter_pairs_are_marks():
    text = "''It is over,'' Venn said. ``Quite over.''"
    assert quoted(text) == ["''It is over,''", "``Quite over.''"]


def test_apostrophes_are_not_quotes():
    assert quoted("Venn's plan isn't 'finished' yet") == []


def test_quote_continues_into_a_paragraph_that_reopens_it():
    text = "“The first part runs on.\n\n“And the second part ends here,” she said."
    spans = find_quotes(text)
    assert len(spans) == 1 and spans[0].balanced
    assert text[spans[0].start : spans[0].end].endswith("ends here,”")


def test_unclosed_quote_stops_at_paragraph_end_and_is_flagged():
    text = "He said “this never closes.\n\nA new paragraph without marks."
    (quote,) = find_quotes(text)
    assert text[quote.start : quote.end] == "“this never closes."
    assert quote.balanced is False


def test_closing_mark_without_opening_is_ignored():
    assert quoted("stray” mark and “a real one”") == ["“a real one”"]


def test_an_opening_mark_at_the_end_of_a_line_closes_the_quotation():
    text = (
        "``The ferry is late.\nIt always is. ``\nMarren runs the pier.\n"
        "She called it a ``floating wreck'' on Monday."
    )
    assert quoted(text) == ["``The ferry is late.\nIt always is. ``", "``floating wreck''"]


@pytest.mark.parametrize("mark", ['"', "``"])
def test_a_stray_straight_mark_ends_with_its_line_when_curly_quotations_follow(mark):
    text = (
        f"What the papers won't say about the {mark}quiet' harbour master\n"
        "Marren runs the pier in Dunmere.\n"
        "“ We talked about the ferry, ” Orlov said.\n"
        "The pier closes in May.\n"
        "“ It is a shame, ” he said."
    )
    assert quoted(text) == [
        f"{mark}quiet' harbour master",
        "“ We talked about the ferry, ”",
        "“ It is a shame, ”",
    ]
    assert find_quotes(text)[0].balanced is False


def test_a_stray_straight_mark_ends_with_its_line_before_a_curly_quotation_on_a_later_line():
    text = "The \"quiet' harbour master\nOrlov said: “ We talked about the ferry. ”"
    assert quoted(text) == ["\"quiet' harbour master", "“ We talked about the ferry. ”"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab “”\"'`\n.,", max_size=200))
def test_never_raises_and_spans_are_ordered_and_disjoint(text):
    spans = find_quotes(text)
    for quote in spans:
        assert 0 <= quote.start < quote.end <= len(text)
    for first, second in itertools.pairwise(spans):
        assert first.end <= second.start


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Sunday on Harbor TV’s “Morning Watch,” the mayor said no.", True),
        ("She told the Courier’s “Week in Review” she would stay.", True),
        ("His book “The Long Pier” came out in May.", True),
        ("“The Long Pier,” the mayor said.", False),  # a quotation opening its sentence
        ("He said on Monday “we will win” the vote.", False),  # not capitalised words
        ("On the radio, he said: “The Port Is Closed For Ever And Ever And Ever.”", False),
    ],
)
def test_a_title_in_quotation_marks_is_told_from_a_quotation(text, title):
    (quote,) = find_quotes(text)
    assert is_title_quote(text, quote) is title
