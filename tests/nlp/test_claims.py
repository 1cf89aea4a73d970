"""Claims with their attribution, quantities, certainty, type and transfer slots."""

from __future__ import annotations

import pytest

from sourcetrace.nlp.analysis import analyse_text


def claims(text: str) -> tuple[list[dict], dict]:
    data = analyse_text(text, outlet="Harbor Ledger").to_dict()
    for claim in data["claims"]:
        assert text[claim["start"] : claim["end"]] == claim["text"]
    return data["claims"], data


def claim_with(found: list[dict], words: str) -> dict:
    matches = [c for c in found if words in c["text"]]
    assert matches, f"no claim with {words!r}: {[c['text'] for c in found]}"
    return matches[0]


def test_attributed_transfer_claim_with_slots():
    text = (
        "A senior official told the Capital Wire that Valdoria had agreed to supply up to 4,000 "
        "drones to Ostmark."
    )
    found, data = claims(text)
    claim = claim_with(found, "4,000")
    attribution = data["attributions"][claim["attribution"]]
    assert "senior official" in attribution["speaker"]
    assert claim["type"] == "transfer"
    slots = claim["slots"]
    assert (slots["supplier"], slots["recipient"], slots["item"], slots["status"]) == (
        "Valdoria",
        "Ostmark",
        "drones",
        "agreed",
    )
    assert data["quantities"][slots["quantity"]]["hedge"] == "up to"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Valdoria agreed to sell 40 tanks to Ostmark.", "agreed"),
        ("Valdoria delivered 40 tanks to Ostmark in March.", "delivered"),
        ("Valdoria plans to sell 40 tanks to Ostmark.", "planned"),
        ("Valdoria did not sell 40 tanks to Ostmark.", "denied"),
    ],
)
def test_transfer_status(text, status):
    found, _ = claims(text)
    claim = claim_with(found, "40 tanks")
    assert claim["type"] == "transfer"
    assert claim["slots"]["status"] == status


@pytest.mark.parametrize(
    ("text", "supplier", "recipient", "item", "status"),
    [
        ("Valdoria approved the sale of 40 tanks to Ostmark for $90 million.",
         "Valdoria", "Ostmark", "tanks", "agreed"),
        ("Ostmark's purchase of 40 tanks from Valdoria was completed in May.",
         "Valdoria", "Ostmark", "tanks", "delivered"),
        ("Valdoria blocked the export of 40 tanks to Ostmark.",
         "Valdoria", "Ostmark", "tanks", "denied"),
    ],
)  # fmt: skip
def test_a_transfer_named_by_a_noun(text, supplier, recipient, item, status):
    found, _ = claims(text)
    claim = claim_with(found, "40 tanks")
    assert claim["type"] == "transfer"
    slots = claim["slots"]
    assert (slots["supplier"], slots["recipient"], slots["item"], slots["status"]) == (
        supplier, recipient, item, status
    )  # fmt: skip


@pytest.mark.parametrize(
    "text", ["Sales of cars rose 5 percent in Ostmark.", "The supply of electricity was cut."]
)
def test_trade_without_parties_is_not_a_transfer(text):
    found, _ = claims(text)
    assert all(c["type"] != "transfer" for c in found)


def test_denied_through_the_cue():
    found, _ = claims("Ostmark has denied buying 40 tanks from Valdoria.")
    claim = claim_with(found, "40 tanks")
    assert claim["certainty"] == "denied"
    assert claim["slots"]["status"] == "denied"


def test_money_is_the_value_not_the_item():
    found, data = claims("Ostmark will pay Valdoria $600 million for the drones.")
    slots = claim_with(found, "$600 million")["slots"]
    assert slots["item"] is None and slots["recipient"] == "Valdoria"
    assert data["quantities"][slots["value"]]["unit"] == "USD"


def test_own_voice_claim_and_no_claim_in_chatter():
    found, _ = claims(
        "Thank you for reading.\n\nThe dock cost 600 million crowns, twice its budget."
    )
    assert [c["attribution"] for c in found] == [None]
    assert "600 million crowns" in found[0]["text"]


def test_a_time_stamp_line_is_no_claim():
    found, _ = claims(
        "Ferry fares rise again\nUpdated 5/5/2010 1:41 PM\n"
        "The ferry company raised its fares by 12 percent on Monday."
    )
    assert [c["text"].strip() for c in found] == [
        "The ferry company raised its fares by 12 percent on Monday."
    ]


@pytest.mark.parametrize(
    ("text", "states"),
    [
        ("Ilse Marren declined to confirm the figures reported in the press.", False),
        ("The defence ministry of Ostmark did not respond to a request for comment.", False),
        ("The ministry estimated the cost of the depot at $600 million.", True),  # a number
        ("Ilse Marren said Valdoria would sell 4,000 drones to Ostmark.", True),
        ("The harbour master met the ferry captain and told him to leave the pier.", False),
        ("The mayor of Dunmere urged residents to stay indoors during the storm.", False),
        ("The harbour master told the captain that the pier cost 600 million crowns.", True),
        ("The harbour master did not say what the repairs to the pier would cost.", False),
        ("Marren would not reveal why the depot had cost 600 million crowns.", False),
        ("Harbour master Jon Ekdal did not know why the depot had cost 600 million crowns.", True),
    ],
)
def test_attributed_words_that_state_nothing_are_not_claims(text, states):
    found, data = claims(text)
    (attribution,) = data["attributions"]
    assert attribution["states"] is states
    from_it = [c for c in found if c["attribution"] == 0]
    assert bool(from_it) is states
    if not states:  # traced as the outlet's own report of a refusal or a silence, if at all
        assert all(c["attribution"] is None for c in found)


def test_each_statement_of_a_continued_quote_is_its_own_claim():
    text = (
        "“Valdoria will deliver 4,000 drones,” Ilse Marren said at a briefing on Tuesday. “The "
        "first 500 arrive in May.”"
    )
    found, data = claims(text)
    (attribution,) = data["attributions"]
    assert len(attribution["content"]) == 2
    first, second = claim_with(found, "4,000"), claim_with(found, "first 500")
    assert first is not second and "briefing" not in first["text"] + second["text"]
    assert first["attribution"] == second["attribution"] == 0
