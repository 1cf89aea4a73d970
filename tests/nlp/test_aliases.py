"""Aliases a text introduces for a name are mentions of the name's entity (sentences the team
wrote)."""

from __future__ import annotations

import pytest

from sourcetrace.nlp.analysis import analyse_text


def mentions_of(text: str, name: str) -> list[str]:
    found = analyse_text(text).to_dict()["entities"]
    matches = [e for e in found if e["name"] == name]
    assert matches, f"no entity {name!r} in {[e['name'] for e in found]}"
    return [m["text"] for m in matches[0]["mentions"]]


@pytest.mark.parametrize(
    ("text", "name", "alias"),
    [
        (  # 1. a parenthesised acronym, used again later
            "The Northern Water Authority (NWA) announced a plan. The NWA will build a dam.",
            "Northern Water Authority",
            "NWA",
        ),
        (  # an acronym that is not the initials, used once
            "The Coastal Renewable Energy Agency (CRENA) opened a fund.",
            "Coastal Renewable Energy Agency",
            "CRENA",
        ),
        ("Contoso Corp. (NYSE: CTSO) said on Monday it would cut jobs.", "Contoso Corp", "CTSO"),
        (
            "Nothing is settled. — Ann Porter (@SenAnnPorter) May 3, 2016",
            "Ann Porter",
            "@SenAnnPorter",
        ),
        (
            "Officials at the Ministry of Defence (MoD) said the drills ended.",
            "Ministry of Defence",
            "MoD",
        ),
        (
            "Harbor Energies Ltd (formerly Harbor Oil) won the contract.",
            "Harbor Energies Ltd",
            "Harbor Oil",
        ),
        # 2. ", or" and an acronym after an organisation's name
        (
            "The Democratic Campaign Fund, or DCF, said it would sue.",
            "Democratic Campaign Fund",
            "DCF",
        ),
        # 3. "known as", "nicknamed", "dubbed" after a comma or a relative clause
        ("The court heard that Mr. Varga, known as Lefty, had fled.", "Varga", "Lefty"),
        (
            "Harold Bessemer, who was known as Harbor scandal informant 'Iron Duke, ' died.",
            "Harold Bessemer",
            "Iron Duke",
        ),
        (
            'Sheriff Dale Okoro, nicknamed "Big Dale", said the road was closed.',
            "Dale Okoro",
            "Big Dale",
        ),
        (
            "Mayor Ruth Ingle, dubbed the Iron Lady by local papers, resigned.",
            "Ruth Ingle",
            "Iron Lady",
        ),
        # 4. a quoted nickname inside a person's name
        (
            "Police said Anthony 'Tony Boots' Ruggiero was held.",
            "Anthony 'Tony Boots' Ruggiero",
            "Tony Boots",
        ),
        # 5. "the nickname" and a quoted phrase: the last person named in the sentence
        (
            'Mona Delacroix, a singer whose act earned her the nickname "The Quiet Storm, " left.',
            "Mona Delacroix",
            "The Quiet Storm",
        ),
    ],
)
def test_an_alias_the_text_introduces_is_a_mention_of_the_name(text, name, alias):
    assert alias in mentions_of(text, name)


@pytest.mark.parametrize(
    ("text", "name", "alias"),
    [
        (
            "Harold Bessemer, known as 'Iron Duke,' died on Friday. Iron Duke was 90.",
            "Harold Bessemer",
            "Iron Duke",
        ),
        (
            'Vincent "The Hammer" Morello, the boss, died. The Hammer was 77.',
            'Vincent "The Hammer" Morello',
            "Hammer",
        ),
    ],
)
def test_a_later_use_of_an_introduced_alias_is_the_same_entity(text, name, alias):
    assert alias in mentions_of(text, name)
    assert [e["name"] for e in analyse_text(text).to_dict()["entities"]] == [name]


@pytest.mark.parametrize(
    ("text", "name", "other"),
    [
        # the one who dubs is not the one dubbed: no comma, no relative clause
        (
            'Senator Tom Reyes dubbed Mayor Ruth Ingle "the Iron Lady" on Monday.',
            "Tom Reyes",
            "Iron Lady",
        ),
        # a person's parenthesised capitals are a party or a state, not an alias
        ("Senator Ann Porter (DEM) voted against the bill.", "Ann Porter", "DEM"),
        # capitals that cannot shorten the name the recogniser found are not its acronym
        ("The Harbor Water Board (NWA) met on Monday.", "Harbor Water Board", "NWA"),
        # ", or" between two people is a choice
        ("Voters chose Tom Reyes, or Ann Porter, on Monday.", "Tom Reyes", "Ann Porter"),
    ],
)
def test_no_alias_without_the_pattern(text, name, other):
    assert other not in mentions_of(text, name)
