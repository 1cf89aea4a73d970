"""Names of a story's entities the recogniser missed or mistyped (trace/identity.py:
``unrecognised_mentions`` and the kinds ``_nodes`` gives), on sentences the team wrote."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sourcetrace.trace.identity import resolve, unrecognised_mentions
from tests.trace.entity_analyses import analysis


def _found(text: str, *entities: tuple[str, str]) -> list[tuple[str, str]]:
    identities = resolve([[analysis("a", *entities)]])
    return [(text[s:e], c.name) for s, e, c in unrecognised_mentions(text, [], identities.entities)]


@pytest.mark.parametrize(
    ("text", "entities", "found"),
    [
        (  # a host name is the outlet with the same key, a subdomain included
            "Watch the clip at video.harborledger.com tonight.",
            [("Harbor Ledger", "outlet")],
            [("video.harborledger.com", "Harbor Ledger")],
        ),
        (
            "Her agent told FoxNews.com on Friday.",
            [("Fox News", "outlet")],
            [("FoxNews.com", "Fox News")],
        ),
        (  # a host name no entity of the story has names nothing
            "See harborledger.com and the U.S. site.",
            [("Fox News", "outlet")],
            [],
        ),
    ],
)
def test_a_host_name_in_the_text_is_the_outlet_with_its_key(text, entities, found) -> None:
    assert _found(text, *entities) == found


@pytest.mark.parametrize(
    ("text", "entities", "found"),
    [
        (  # a handle that ends in a person's given and family name
            "Thanks to all. — @realAnnPorter, May 3",
            [("Ann Porter", "person")],
            [("@realAnnPorter", "Ann Porter")],
        ),
        (
            "Posted by @harbor_ledger today.",
            [("Harbor Ledger", "outlet")],
            [("@harbor_ledger", "Harbor Ledger")],
        ),
        # a handle with more after the name is someone else's; an e-mail address is no handle
        ("Thanks, @AnnPorterJr and ann@porter.org.", [("Ann Porter", "person")], []),
    ],
)
def test_a_handle_is_the_person_or_outlet_it_names(text, entities, found) -> None:
    assert _found(text, *entities) == found


def test_an_introduced_handle_is_found_where_the_recogniser_missed_it() -> None:
    identities = resolve([[analysis("a", ("Ann Porter", "person"))]])
    [porter] = identities.entities
    porter = replace(porter, aliases=(*porter.aliases, "@SenPorter"))
    text = "Read @SenPorter on this."
    found = unrecognised_mentions(text, [], [porter])
    assert [(text[s:e], c.name) for s, e, c in found] == [("@SenPorter", "Ann Porter")]


@pytest.mark.parametrize(
    ("text", "entities", "found"),
    [
        (  # an organisation's name of three words, in lower case
            "A regional water safety board spokesman said the dam held.",
            [("Regional Water Safety Board", "government")],
            [("regional water safety board", "Regional Water Safety Board")],
        ),
        # other capitals are another phrase: a headline's run of capitals is no name
        ("Colts beat council members.", [("Colts Beat Council", "organisation")], []),
        # two words in lower case may be anything: a white house is not the White House
        ("They painted a white house.", [("White House", "government")], []),
        # a person's name stays in its own case
        ("The rose bush hall was shut.", [("Rose Bush Hall", "person")], []),
    ],
)
def test_a_long_organisation_name_matches_in_lower_case(text, entities, found) -> None:
    assert _found(text, *entities) == found


def test_a_misspelt_surname_taken_for_a_place_is_the_person() -> None:
    identities = resolve([[analysis("a", ("Donna Brazelton", "person"), ("Brazzelton", "place"))]])
    assert identities.of("a", 0) is identities.of("a", 1)


def test_a_place_unlike_any_surname_stays_a_place() -> None:
    identities = resolve([[analysis("a", ("Donna Brazelton", "person"), ("Brighton", "place"))]])
    assert identities.of("a", 1) is not identities.of("a", 0)
