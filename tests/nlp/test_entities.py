"""In-article coreference of names and canonical entities, on text the team wrote."""

from __future__ import annotations

import pytest

from sourcetrace.nlp.analysis import analyse_text
from sourcetrace.nlp.entities import org_kind


def entities(text: str) -> list[dict]:
    return analyse_text(text).to_dict()["entities"]


def named(found: list[dict], name: str) -> dict:
    matches = [e for e in found if e["name"] == name]
    assert matches, f"no entity {name!r} in {[e['name'] for e in found]}"
    return matches[0]


def test_person_full_and_short_names_are_one_entity():
    text = (
        "National Security Council spokesman John Kirby spoke on Friday. "
        "Kirby said the talks would go on. Mr. Kirby did not take questions."
    )
    found = entities(text)
    kirby = named(found, "John Kirby")
    assert {m["text"] for m in kirby["mentions"]} >= {"John Kirby", "Kirby"}
    assert sum(e["name"].endswith("Kirby") for e in found) == 1


def test_organisation_and_its_acronym_and_a_longer_form():
    text = (
        "The Ministry of Defence said the drills had ended. "
        "The MoD said the drills had ended. "
        "Later the British Ministry of Defence said the troops were home."
    )
    found = analyse_text(text).to_dict()["attributions"]
    assert {a["speaker"] for a in found} == {"Ministry of Defence"}


def test_country_aliases_used_for_the_state_map_to_the_country():
    text = (
        "The Russian Federation has signed the deal. Moscow said it would pay in gold. "
        "The Kremlin declined to comment. Officials met in Moscow on Monday."
    )
    found = entities(text)
    russia = named(found, "Russia")
    texts = [m["text"] for m in russia["mentions"]]
    assert "Russian Federation" in " ".join(texts)
    assert any(t == "Moscow" for t in texts)
    # "in Moscow" is the city, not the state
    places = [e for e in found if e["kind"] == "place" and e["name"] == "Moscow"]
    assert places and places[0]["mentions"][0]["start"] > text.index("Officials")


def test_source_kinds_from_names():
    assert org_kind("The Washington Post") == "outlet"
    assert org_kind("Northern Courier") == "outlet"
    assert org_kind("the Ministry of Defence") == "government"
    assert org_kind("Israeli intelligence") == "intelligence"
    assert org_kind("the FSB") == "intelligence"
    assert org_kind("Acme Turbines Ltd") == "organisation"
    assert org_kind("the state news agency") == "outlet"  # not a government agency
    assert org_kind("Russian state television") == "outlet"
    assert org_kind("the Environmental Protection Agency") == "government"


def test_outlet_as_a_source_and_the_publication():
    text = (
        "The Northern Courier reported that the mine would close. Officials of two ministries "
        "confirmed this in comments for the publication."
    )
    found = analyse_text(text, outlet="Harbor Ledger").to_dict()["attributions"]
    officials = next(a for a in found if a["speaker"] and "Officials" in a["speaker"])
    assert [link["name"] for link in officials["chain"]] == [
        "Harbor Ledger",
        "Northern Courier",
        officials["speaker"],
    ]


def test_pronouns_refer_to_the_person_named_before_inside_quotations_too():
    text = (
        "Marta Lindqvist opened the new ferry terminal on Monday. She thanked the crew who "
        "built it. Tomas Berg, who runs the harbour, said he expected more passengers. "
        '"I am glad she came," Berg said.'
    )
    found = entities(text)
    marta, tomas = named(found, "Marta Lindqvist"), named(found, "Tomas Berg")
    # "she" inside Berg's quotation is not Berg, who would have said "I"
    assert [r["text"] for r in marta.get("references", [])] == ["She", "she"]
    assert {r["text"] for r in tomas.get("references", [])} == {"who", "he", "I"}


def test_first_person_in_a_quotation_is_its_speaker():
    text = 'Tomas Berg was cheerful. "I think my team did well," Berg said.'
    berg = named(entities(text), "Tomas Berg")
    assert {r["text"] for r in berg.get("references", [])} >= {"I", "my"}


def test_it_and_they_refer_to_the_body_named_just_before():
    text = "Harbor Freight Lines cut 200 jobs on Monday. It blamed fuel prices."
    found = entities(text)
    lines = named(found, "Harbor Freight Lines")
    assert [r["text"] for r in lines.get("references", [])] == ["It"]


@pytest.mark.parametrize(
    ("text", "full", "short"),
    [  # the recogniser tags the short name a person, then an organisation
        (
            "Arvid Pettersen Jr. escaped from the prison van. Pettersen was caught in Bergen.",
            "Arvid Pettersen Jr",
            "Pettersen",
        ),
        (
            "Arvid Lunde Jr. left the depot at noon. Police caught Lunde in Oslo on Friday.",
            "Arvid Lunde Jr",
            "Lunde",
        ),
    ],
)
def test_a_generational_suffix_is_not_the_surname(text: str, full: str, short: str):
    found = entities(text)
    person = named(found, full)
    assert {m["text"] for m in person["mentions"]} == {full + ".", short}


def test_whose_refers_to_the_person_its_clause_hangs_on():
    text = "Marta Lindqvist, whose boat sank in the storm, swam ashore on Monday."
    marta = named(entities(text), "Marta Lindqvist")
    assert [r["text"] for r in marta.get("references", [])] == ["whose"]


def test_a_pronoun_is_not_the_subject_of_its_own_verb():
    text = (
        "Tomas Berg met Erik Lindgren at the harbour on Monday. Lindgren was late. "
        "Lindgren thanked him for the boat."
    )
    found = entities(text)
    assert [r["text"] for r in named(found, "Tomas Berg").get("references", [])] == ["him"]
    assert not named(found, "Erik Lindgren").get("references")


def test_a_subject_pronoun_keeps_the_subject_of_the_sentence_before():
    text = (
        "Erik Lindgren spoke about the ferry. Lindgren said the route would reopen. Pastor "
        "Tomas Berg declined to say whether the fire was aimed at Lindgren, the mayor. He also "
        "declined to say whether the church had received threats."
    )
    found = entities(text)
    assert [r["text"] for r in named(found, "Tomas Berg").get("references", [])] == ["He"]
    assert not named(found, "Erik Lindgren").get("references")


def test_he_in_what_a_person_says_is_that_person():
    text = (
        "Tomas Berg met Erik Lindgren on Monday. Lindgren is a pilot. Lindgren flew to Oslo. "
        "Berg said he would follow."
    )
    found = entities(text)
    assert [r["text"] for r in named(found, "Tomas Berg").get("references", [])] == ["he"]


def test_a_name_taken_for_a_place_is_the_person_a_title_names() -> None:
    from sourcetrace.nlp.analysis import analyse_text

    text = (
        "The church drew attention as a result of Houston's campaign in the state. Governor "
        "Houston visited the church on Saturday, and Gov. Houston thanked the firefighters."
    )
    kinds = {e.name: e.kind for e in analyse_text(text).entities}
    assert kinds.get("Houston") == "person"
    place = "Crews came from Houston and Dallas to fight the fire on Saturday."
    assert {e.name: e.kind for e in analyse_text(place).entities}.get("Houston") == "place"
