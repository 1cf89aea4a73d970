"""Quantities, their objects and hedges, on sentences the team wrote."""

from __future__ import annotations

import pytest

from sourcetrace.nlp.model import load_nlp
from sourcetrace.nlp.quantities import find_quantities, parse_number, quantity_phrase


def quantities(text: str) -> list[dict]:
    found = [q.to_dict() for q in find_quantities(load_nlp()(text))]
    for q in found:
        assert text[q["start"] : q["end"]] == q["text"]
    return found


def only(text: str) -> dict:
    found = quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["6,000"], 6000),
        (["1.5", "billion"], 1.5e9),
        (["six", "thousand"], 6000),
        (["twenty", "five"], 25),
        (["1bn"], 1e9),
        (["a", "million"], 1e6),
        (["3", "m"], 3e6),
        (["two", "hundred", "thousand"], 200_000),
    ],
)
def test_parse_number(words, value):
    assert parse_number(words) == value


def test_parse_number_rejects_words():
    assert parse_number(["many"]) is None


def test_hedged_count_with_object():
    q = only("Valdoria agreed to supply up to 4,000 reconnaissance drones.")
    assert q["value"] == 4000 and q["high"] == 4000 and q["low"] is None
    assert q["hedge"] == "up to" and q["object"] == "reconnaissance drones"
    assert q["kind"] == "count"


def test_money_with_sign_and_scale():
    q = only("The deal is worth $600 million.")
    assert (q["value"], q["unit"], q["kind"], q["hedge"]) == (6e8, "USD", "money", None)


def test_money_with_currency_word_and_glued_scale():
    found = quantities("The port paid 1bn roubles and €3m in fees.")
    assert [(q["value"], q["unit"]) for q in found] == [(1e9, "RUB"), (3e6, "EUR")]


@pytest.mark.parametrize(
    ("text", "hedge", "low", "high"),
    [
        ("They built more than 300 turbines.", "more than", 300, None),
        ("They built at least 300 turbines.", "at least", 300, None),
        ("They built about 300 turbines.", "about", 300, 300),
        ("They built nearly 300 turbines.", "nearly", None, 300),
        ("They built as many as 300 turbines.", "as many as", None, 300),
        ("They built roughly 300 turbines.", "roughly", 300, 300),
        ("They built some 300 turbines.", "some", 300, 300),
        ("They built almost 300 turbines.", "almost", None, 300),
        ("They built around 300 turbines.", "around", 300, 300),
        ("They built at least a dozen turbines.", "at least", 12, None),
        ("They built more than a thousand turbines.", "more than", 1000, None),
    ],
)
def test_hedges_set_bounds(text, hedge, low, high):
    q = only(text)
    assert (q["hedge"], q["low"], q["high"], q["object"]) == (hedge, low, high, "turbines")


def test_ranges():
    found = quantities("Between 3 and 5 ships left, and the repair costs 2 to 4 million dollars.")
    assert [(q["kind"], q["low"], q["high"]) for q in found] == [
        ("range", 3, 5),
        ("range", 2e6, 4e6),
    ]
    assert found[0]["object"] == "ships" and found[1]["unit"] == "USD"


def test_percentages():
    found = quantities("Turnout rose to 61% from about 48 per cent.")
    assert [(q["value"], q["unit"], q["hedge"]) for q in found] == [
        (61, "percent", None),
        (48, "percent", "about"),
    ]


@pytest.mark.parametrize(
    ("text", "low", "high", "obj"),
    [
        ("Dozens of instructors went to the base.", 24, 99, "instructors"),
        ("Hundreds of ballistic missiles were ordered.", 200, 999, "ballistic missiles"),
        ("They promised “thousands” of drones.", 2000, 9999, "drones"),
        ("Several tanks crossed the river.", 3, 9, "tanks"),
        ("A few hundred soldiers stayed.", 200, 500, "soldiers"),
        ("They sent a few dozen soldiers.", 24, 60, "soldiers"),
        ("Several dozen protesters gathered.", 36, 108, "protesters"),
    ],
)
def test_vague_quantities(text, low, high, obj):
    q = only(text)
    assert (q["kind"], q["low"], q["high"], q["object"], q["value"]) == (
        "vague",
        low,
        high,
        obj,
        None,
    )


def test_ordinals_are_kept_apart_from_counts():
    found = quantities("It was the third delay and the 21st meeting.")
    assert [(q["kind"], q["value"]) for q in found] == [("ordinal", 3), ("ordinal", 21)]


@pytest.mark.parametrize(
    "text",
    [
        "The S-400 is still considered one of the most powerful systems in the world.",
        "The Su-35 and Geranium-2 drones were shown in 2022.",
        "The talks began on 3 March 2023 at 10:30 p.m.",
        "Few people came, and one of them left.",
        "The council voted 12-3 to approve it.",
        "Nobody counted anything here.",
    ],
)
def test_no_false_quantities(text):
    assert [q for q in quantities(text) if q["kind"] != "ordinal"] == []


def test_modal_may_is_not_a_month():
    q = only("Up to 300 drones may be sent.")
    assert (q["value"], q["hedge"], q["object"]) == (300, "Up to", "drones")


def test_vague_of_vague():
    money = only("They spent hundreds of millions of dollars on the dock.")
    assert (money["low"], money["high"], money["unit"]) == (2e8, 9.99e8, "USD")
    crowd = only("Tens of thousands of people marched.")
    assert (crowd["low"], crowd["high"], crowd["object"]) == (2e4, 9.9e4, "people")


def test_dozens_of_dozens_does_not_raise():
    q = only("They brought dozens of dozens of eggs.")
    assert (q["low"], q["high"], q["object"]) == (24 * 12, 99 * 12, "eggs")


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "obj"),
    [
        ("Only one in five voters backed the plan.", 20.0, 20.0, 20.0, "voters"),
        ("Nearly one in three homes lost power.", 33.33, None, 33.33, "homes"),
        ("About 1 in 4 homes lost power.", 25.0, 25.0, 25.0, "homes"),
    ],
)
def test_one_in_five_is_a_share(text, value, low, high, obj):
    q = only(text)
    assert (q["kind"], q["unit"], q["value"], q["low"], q["high"], q["object"]) == (
        "percent",
        "percent",
        value,
        low,
        high,
        obj,
    )


@pytest.mark.parametrize(
    "text", ["He scored 3 in 10 minutes.", "Two were built in 2019 and one in 2020."]
)
def test_a_number_in_minutes_or_in_a_year_is_not_a_share(text):
    assert "percent" not in [q["kind"] for q in quantities(text)]


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("Dozens of residents spoke.", "Dozens of residents"),
        ("Iran sent thousands of drones.", "thousands of drones"),
        ("It employs several hundred workers.", "several hundred workers"),
        ("Valdoria will supply up to 4,000 drones.", "up to 4,000 drones"),
    ],
)
def test_a_quantity_reads_with_what_it_counts(sentence, phrase):
    quantity = only(sentence)
    assert quantity_phrase(quantity["text"], quantity["object"]) == phrase
