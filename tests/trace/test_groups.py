"""Unnamed groups and bodies of a story are one across its articles (trace/groups.py and
``identity._link_groups``)."""

from __future__ import annotations

import pytest

from sourcetrace.trace.groups import group_keys, group_word, is_plural
from sourcetrace.trace.identity import resolve, unnamed_descriptions
from sourcetrace.trace.origins import origins
from tests.trace.entity_analyses import traced_versions


def _article(
    article: str,
    text: str,
    described: list[tuple[str, str, str]],
    entities: list[tuple[str, str]] = (),
) -> dict:
    """An analysis of ``text`` with unnamed descriptions ``(words, lemma, key)`` at the
    first place after the previous one where their words are, and entities ``(name, kind)``
    mentioned at their first place in the text."""
    descriptions, at = [], 0
    for words, lemma, key in described:
        start = text.index(words, at)
        at = start + len(words)
        descriptions.append({"start": start, "end": at, "lemma": lemma, "entity": None, "key": key})
    found = []
    for number, (name, kind) in enumerate(entities):
        start = text.index(name)
        mention = {"text": name, "start": start, "end": start + len(name)}
        found.append({"id": number, "name": name, "kind": kind, "mentions": [mention]})
    return {"id": article, "text": text, "entities": found, "descriptions": descriptions}


@pytest.mark.parametrize(
    ("lemma", "plural", "word"),
    [
        ("police", False, "police"),  # a body's word
        ("cop", True, "police"),  # words for one body
        ("officer", True, "police"),
        ("officer", False, None),  # one officer is a person
        ("robber", True, "robber"),  # several people met as a group
        ("robber", False, None),
        ("official", True, None),  # anonymous sources stay apart
        ("source", True, None),
        ("witness", True, None),
    ],
)
def test_group_word_is_a_bodys_or_a_plural_groups(lemma: str, plural: bool, word: str) -> None:
    assert group_word(lemma, plural) == word


@pytest.mark.parametrize(
    ("written", "lemma", "plural"),
    [
        ("prosecutors", "prosecutor", True),
        ("policemen", "policeman", True),
        ("people", "person", True),
        ("officer's", "officer", False),  # a possessive, one officer
        ("officers'", "officer", True),
        ("they", "officer", False),  # a pronoun tied to the description
    ],
)
def test_a_description_is_plural_when_written_in_another_form(written, lemma, plural) -> None:
    text = f"The {written} spoke."
    description = {"start": 4, "end": 4 + len(written), "lemma": lemma}
    assert is_plural(text, description) is plural


def test_group_keys_of_descriptions_and_entities_named_by_a_common_word() -> None:
    text = "Officers chased a robber. The officer said police and the Cops arrived. Robbers ran."
    article = _article(
        "a",
        text,
        [("Officers", "officer", "officer"), ("robber", "robber", "robber"),
         ("officer", "officer", "officer"), ("Robbers", "robber", "robber")],
        [("police", "government"), ("Cops", "organisation")],
    )  # fmt: skip
    keys = group_keys(article, unnamed_descriptions(article))
    # "the officer" and "a robber" make their keys one person's: no group
    assert keys == {0: "police", 1: "police"}


def test_police_cops_and_officers_of_a_story_are_one_body() -> None:
    story = [
        _article("a", "Police said the bank was robbed.", [], [("Police", "government")]),
        _article("b", "Cops arrived at noon.", [("Cops", "cop", "cop")]),
        _article("c", "Two officers fired.", [("officers", "officer", "officer")]),
        _article("d", "An officer was hurt.", [("officer", "officer", "officer")]),
    ]
    identities = resolve([story])
    police = identities.of("a", 0)
    assert police is not None
    assert identities.of("b", -1) is police
    assert identities.of("c", -1) is police
    assert identities.of("d", -1) is not police  # one officer is a person


def test_unnamed_police_are_the_one_police_force_the_story_names() -> None:
    story = [
        _article("a", "Dunmore Police made an arrest.", [], [("Dunmore Police", "government")]),
        _article("b", "Police said he fled.", [("Police", "police", "police")]),
    ]
    identities = resolve([story])
    assert identities.of("b", -1) is identities.of("a", 0)
    two_forces = [
        *story,
        _article("c", "Kessel Police helped.", [], [("Kessel Police", "government")]),
    ]
    identities = resolve([two_forces])
    assert identities.of("b", -1) not in (identities.of("a", 0), identities.of("c", 0))


def test_anonymous_officials_are_no_group_of_the_police() -> None:
    story = [
        _article("a", "Officials said police shut the road.", [], [("police", "government")]),
        _article("b", "Officials said it would reopen.", [("Officials", "official", "official")]),
    ]
    assert group_keys(story[1], unnamed_descriptions(story[1])) == {}
    identities = resolve([story])
    assert identities.of("b", -1) is not identities.of("a", 0)


def test_police_and_cops_of_two_articles_are_one_origin() -> None:
    versions = traced_versions(
        [
            "Police said the Dunmore bridge was closed after the crash on Friday.",
            "The Dunmore bridge was closed after the crash on Friday, cops said.",
        ],
        "bridge was closed",
    )
    assert len(versions) == 2
    (origin,) = origins(versions)
    assert origin.carried_by == ("Outlet 0", "Outlet 1")
    assert origin.type == "government"


def test_the_jury_and_jurors_of_two_articles_are_one_body() -> None:
    from sourcetrace.nlp.analysis import analyse_text

    texts = [
        "The jury found Ned Varga guilty on Monday.",
        "Jurors deliberated for two days before they convicted Ned Varga.",
    ]
    jury, jurors = (analyse_text(t, article_id=f"a{i}").to_dict() for i, t in enumerate(texts))
    identities = resolve([[jury, jurors]])
    one = identities.of("a0", unnamed_descriptions(jury)["jury"])
    assert one is not None
    assert identities.of("a1", unnamed_descriptions(jurors)["juror"]) is one


def test_a_group_word_an_article_ties_to_a_person_keeps_to_the_person() -> None:
    spokesman = _article(
        "b", "Tom Arle spoke for the company on Monday.", [("company", "company", "company")],
        [("Tom Arle", "person")],
    )  # fmt: skip
    spokesman["entities"][0]["role"] = "spokesman for the company"
    story = [
        _article("a", "Norvik Telecom said the company would pay.", [],
                 [("Norvik Telecom", "organisation"), ("company", "organisation")]),
        spokesman,
    ]  # fmt: skip
    identities = resolve([story])
    assert identities.of("b", -1) is identities.of("b", 0)
    assert identities.of("b", 0) is not identities.of("a", 0)
