"""Certainty levels and markers, on sentences the team wrote."""

from __future__ import annotations

import pytest

from sourcetrace.nlp.modality import modality
from sourcetrace.nlp.model import load_nlp


def certainty(text: str) -> tuple[str, list[str]]:
    doc = load_nlp()(text)
    result = modality(next(iter(doc.sents)))
    for marker in result.markers:
        assert text[marker["start"] : marker["end"]] == marker["text"]
    return result.certainty, [m["text"] for m in result.markers]


@pytest.mark.parametrize(
    ("text", "level", "markers"),
    [
        ("Valdoria signed the contract on Monday.", "asserted", []),
        ("Valdoria will deliver the drones next year.", "probable", ["will"]),
        ("Support for the plan is highly likely to grow.", "probable", ["highly likely"]),
        ("The plant is expected to open in May.", "probable", ["expected to"]),
        ("Ostmark plans to buy 40 tanks.", "probable", ["plans to"]),
        ("Ostmark is to receive fighter jets.", "probable", ["is to"]),
        ("The deal may include air defence systems.", "possible", ["may"]),
        ("The shipment could arrive before winter.", "possible", ["could"]),
        ("The drones were possibly assembled abroad.", "possible", ["possibly"]),
        ("It remains unclear whether the deal was signed.", "possible", ["unclear"]),
        ("It is not clear how many drones were sent.", "possible", ["not clear"]),  # no denial
        ("The unconfirmed report said troops had left.", "possible", ["unconfirmed"]),
        ("The factory reportedly employs 400 people.", "reported", ["reportedly"]),
        ("The minister is said to favour the plan.", "reported", ["is said to"]),
        ("The envoy is believed to have left.", "reported", ["is believed to"]),
        ("Ostmark has denied buying drones.", "denied", ["denied"]),
        ("Ostmark has not bought any drones.", "denied", []),
        ("No contract has been signed.", "denied", []),
    ],
)
def test_levels_and_markers(text, level, markers):
    assert certainty(text) == (level, markers)


def test_strongest_departure_from_assertion_wins():
    assert certainty("Ostmark may reportedly deny the deal.")[0] == "denied"
    assert certainty("Ostmark will probably sign, and it could happen soon.")[0] == "possible"


def test_month_may_and_is_to_blame_are_not_markers():
    assert certainty("The talks ended in May.") == ("asserted", [])
    assert certainty("The ministry is to blame for the delay.") == ("asserted", [])


def test_is_also_to():
    assert certainty("Ostmark is also to receive fighter jets.") == ("probable", ["is also to"])
