"""Time expressions resolved against the article's date (a Saturday: 2022-11-19)."""

from __future__ import annotations

from datetime import date

import pytest

from sourcetrace.nlp.analysis import analyse_text
from sourcetrace.nlp.timex import is_timestamp, resolve

SATURDAY = date(2022, 11, 19)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("on Friday", "2022-11-18", "2022-11-18"),
        ("next Friday", "2022-11-25", "2022-11-25"),
        ("Saturday", "2022-11-19", "2022-11-19"),
        ("yesterday", "2022-11-18", "2022-11-18"),
        ("last week", "2022-11-07", "2022-11-13"),
        ("this month", "2022-11-01", "2022-11-30"),
        ("next year", "2023-01-01", "2023-12-31"),
        ("the coming months", "2022-11-19", "2023-02-19"),
        ("within the next year", "2022-11-19", "2023-11-19"),
        ("the past month", "2022-10-19", "2022-11-19"),
        ("since the summer", "2022-06-01", "2022-11-19"),
        ("3 March 2023", "2023-03-03", "2023-03-03"),
        ("March 2023", "2023-03-01", "2023-03-31"),
        ("2021", "2021-01-01", "2021-12-31"),
        ("three days ago", "2022-11-16", "2022-11-16"),
        ("two years ago", "2020-01-01", "2020-12-31"),
        ("earlier this month", "2022-11-01", "2022-11-19"),
        ("later this year", "2022-11-19", "2022-12-31"),
        ("overnight", "2022-11-18", "2022-11-19"),
        ("by the end of 2023", "2023-10-01", "2023-12-31"),
        ("the end of this year", "2022-10-01", "2022-12-31"),
    ],
)
def test_resolve(text, first, last):
    span = resolve(text, SATURDAY)
    assert span is not None
    assert (span[0].isoformat(), span[1].isoformat()) == (first, last)


def test_relative_expressions_need_an_article_date():
    assert resolve("on Friday", None) is None
    assert resolve("the coming months", None) is None
    assert resolve("March 2023", None) == (date(2023, 3, 1), date(2023, 3, 31))


def test_durations_stay_unresolved():
    assert resolve("nearly nine months", SATURDAY) is None


def test_times_in_the_analysis_use_the_published_date():
    text = (
        "Biden administration officials said on Friday that pilots were being trained. Ostmark "
        "is to receive fighter jets within the next year."
    )
    times = analyse_text(text, published="2022-11-19").to_dict()["times"]
    resolved = {t["text"]: t["resolved"] for t in times}
    assert resolved["Friday"] == {"start": "2022-11-18", "end": "2022-11-18"}
    assert resolved["the next year"] == {"start": "2022-11-19", "end": "2023-11-19"}
    for t in times:
        assert text[t["start"] : t["end"]] == t["text"]


def test_last_season_is_the_one_that_ended():
    early_march = date(2026, 3, 2)
    assert resolve("last spring", early_march) == (date(2025, 3, 1), date(2025, 5, 31))
    assert resolve("last summer", early_march) == (date(2025, 6, 1), date(2025, 8, 31))
    assert resolve("this spring", early_march) == (date(2026, 3, 1), date(2026, 5, 31))


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_relative_times_against_a_date_at_the_calendars_edge_do_not_overflow(published):
    text = "The office said yesterday that the ferry would run next year, as it did last week."
    times = analyse_text(text, published=published).to_dict()["times"]
    found = {t["text"]: t["resolved"] for t in times}
    assert set(found) == {"yesterday", "next year", "last week"}
    outside = {"0001-01-01": ["yesterday", "last week"], "9999-12-31": ["next year"]}[published]
    assert all(found[text] is None for text in outside)


@pytest.mark.parametrize(
    ("text", "stamp"),
    [
        ("Updated 5/5/2010 1:41 PM", True),
        ("7:15 a.m. Dec. 7, 2009", True),
        ("THURSDAY, DECEMBER 3, 2009, 9:36 AM", True),
        ("21 July 2013 Last updated at 11:11 GMT", True),
        ("Published on May 05, 2010", True),
        ("42", True),
        ("The council met on May 5, 2010.", False),  # a statement with a date in it
        ("900 a month.", False),
        ("Polls close at 8 p.m. in Ohio", False),
        ("Dec. 7", True),  # a bare date states nothing either
        ("December and January", False),  # no number, no stamp
        ("Breaking news", False),
    ],
)
def test_a_time_stamp_is_a_number_among_words_of_dates_and_times(text, stamp):
    assert is_timestamp(text) is stamp
