"""Named mentions the recogniser ran into other words (trace/identity.py, trace/names.py):
stray words after a name, a headline's verb before it, a role or nationality before a full
name, and a surname in an article that names no one of that family; sentences the team wrote."""

from __future__ import annotations

import pytest

from sourcetrace.trace.identity import resolve
from sourcetrace.trace.names import given_name, leading_word, person_name
from tests.trace.entity_analyses import analysis


def _entity(name: str, kind: str, text: str, *mentions: str) -> dict:
    """An entity of ``text`` mentioned where each of ``mentions`` first occurs."""
    spans = []
    for words in mentions:
        start = text.index(words)
        spans.append({"text": words, "start": start, "end": start + len(words)})
    return {"name": name, "kind": kind, "mentions": spans}


def _article(article: str, text: str, *entities: dict) -> dict:
    return {
        "id": article,
        "text": text,
        "entities": [{"id": n, **e} for n, e in enumerate(entities)],
    }


@pytest.mark.parametrize(
    ("stray", "kind"),
    [("Pell in", "organisation"), ("Pell doesn", "person"), ("Pell has", "place")],
)
def test_small_words_the_recogniser_ran_a_name_on_with_are_no_part_of_it(stray, kind) -> None:
    identities = resolve([[analysis("a", ("Irma Pell", "person")), analysis("b", (stray, kind))]])
    assert identities.of("b", 0) is identities.of("a", 0)


def test_a_lower_case_word_of_a_name_is_kept_when_it_is_no_small_word() -> None:
    identities = resolve(
        [[analysis("a", ("Irma Pell", "person")), analysis("b", ("Pell estate", "organisation"))]]
    )
    assert identities.of("b", 0) is not identities.of("a", 0)


def test_a_headline_may_keep_its_prepositions_in_lower_case() -> None:
    text = "Pell Checks into Harbor Clinic Again\nShe arrived on Monday.\n"
    identities = resolve(
        [
            [
                analysis("a", ("Irma Pell", "person")),
                _article("b", text, _entity("Pell Checks", "organisation", text, "Pell Checks")),
            ]
        ]
    )
    assert identities.of("b", 0) is identities.of("a", 0)


def test_a_headline_run_is_a_name_though_a_name_follows_its_preposition() -> None:
    text = "Pell Checks Into Harbor Clinic\n"
    run = _entity("Pell Checks Into Harbor Clinic", "government", text, text.strip())
    identities = resolve(
        [
            [
                analysis("a", ("Irma Pell", "person"), ("Harbor Clinic", "organisation")),
                _article("b", text, run),
            ]
        ]
    )
    assert identities.of("b", 0) is identities.of("a", 0)


@pytest.mark.parametrize(
    ("name", "same"),
    [
        ("Flips Pell", True),  # a verb before the surname the body uses
        ("Nadia Pell", False),  # a given name: she is not Irma Pell
    ],
)
def test_a_headline_verb_run_into_a_name_gives_way_to_the_name_of_the_body(name, same) -> None:
    text = f"Council {name} Housing Ruling\nThe ruling angered Pell on Monday.\n"
    entity = _entity(name, "person", text, name, "Pell")
    identities = resolve([[analysis("a", ("Irma Pell", "person")), _article("b", text, entity)]])
    assert (identities.of("b", 0) is identities.of("a", 0)) is same


@pytest.mark.parametrize(
    ("name", "same"),
    [("Stunning Pell", True), ("Louis Pell", False), ("Stunning Pellham", False)],
)
def test_a_verb_at_a_sentence_start_is_no_given_name(name, same) -> None:
    identities = resolve(
        [[analysis("a", ("Irma Pell", "person")), analysis("b", (name, "person"))]]
    )
    assert (identities.of("b", 0) is identities.of("a", 0)) is same


@pytest.mark.parametrize(
    ("name", "same"),
    [
        ("American Dario Velt", True),
        ("Interior Dario Velt", True),  # of "Secretary of the Interior Dario Velt"
        ("Harbor Dario Velt", False),  # no role nor nationality: a body's name
        ("Dario Maid Velt", False),  # a middle word: not his name
    ],
)
def test_a_role_or_nationality_before_a_full_name_is_that_person(name, same) -> None:
    identities = resolve(
        [[analysis("a", ("Dario Velt", "person")), analysis("b", (name, "organisation"))]]
    )
    assert (identities.of("b", 0) is identities.of("a", 0)) is same


def test_a_surname_no_one_in_its_article_has_is_the_storys_main_person() -> None:
    main = [analysis(a, ("Jerry Ortega", "person")) for a in "abc"]
    mother = analysis("d", ("Rosa Ortega", "person"))
    identities = resolve([[*main, mother, analysis("e", ("Deputy Ortega", "person"))]])
    assert identities.of("e", 0) is identities.of("a", 0)
    assert identities.of("d", 0) is not identities.of("a", 0)


def test_a_surname_stays_apart_when_no_person_of_that_name_is_named_far_more() -> None:
    main = [analysis(a, ("Jerry Ortega", "person")) for a in "ab"]
    mother = analysis("d", ("Rosa Ortega", "person"))
    identities = resolve([[*main, mother, analysis("e", ("Deputy Ortega", "person"))]])
    assert identities.of("e", 0) is not identities.of("a", 0)
    assert identities.of("e", 0) is not identities.of("d", 0)


def test_names_without_a_nationality_or_role_before_them() -> None:
    assert person_name("American Dario Velt") == person_name("Dario Velt")
    assert leading_word("Sen.") and leading_word("British") and not leading_word("Dario")


@pytest.mark.parametrize(("word", "known"), [("louis", True), ("nancy", True), ("flips", False)])
def test_given_names_the_nicknames_list_knows(word, known) -> None:
    assert given_name(word) is known


def test_a_score_after_a_name_is_no_part_of_it() -> None:
    school = [analysis(a, ("Harlow", "organisation")) for a in "ac"]
    identities = resolve([[*school, analysis("b", ("Harlow 51 - 50", "person"))]])
    assert identities.of("b", 0) is identities.of("a", 0)


@pytest.mark.parametrize(
    ("others", "same"),
    [
        ([("Harlow", "organisation")] * 2, True),  # the school, named more often
        ([("Harlow", "organisation")], False),  # as often as the person: left as it is
    ],
)
def test_a_one_word_person_is_the_body_the_story_names_so_more_often(others, same) -> None:
    articles = [analysis(f"o{n}", other) for n, other in enumerate(others)]
    identities = resolve([[*articles, analysis("b", ("Harlow", "person"))]])
    assert (identities.of("b", 0) is identities.of("o0", 0)) is same


def test_a_plural_name_always_after_the_is_a_team_not_a_person() -> None:
    text = "The Ravens lost again. Fans booed the Ravens.\n"
    team = _entity("Ravens", "person", text, "Ravens", "the Ravens")
    identities = resolve([[_article("a", text, team), _article("b", text, team)]])
    assert identities.of("a", 0) is identities.of("b", 0)
    assert identities.of("a", 0).kind == "organisation"


def test_a_nickname_alone_is_the_one_team_called_by_it() -> None:
    identities = resolve(
        [
            [
                analysis("a", ("Harlow Bulldogs", "organisation"), ("Harlow", "organisation")),
                analysis("b", ("Bulldogs", "organisation")),
            ]
        ]
    )
    assert identities.of("b", 0) is identities.of("a", 0)


def test_a_plural_family_name_after_the_stays_a_person() -> None:
    text = "He met the Rogers at home.\n"
    identities = resolve(
        [
            [
                analysis("a", ("Harlow Rogers", "organisation"), ("Dale Rogers", "person")),
                _article("b", text, _entity("Rogers", "person", text, "Rogers")),
            ]
        ]
    )
    assert identities.of("b", 0) is identities.of("a", 1)


@pytest.mark.parametrize(
    ("team", "alone", "same"),
    [
        ("Harlow Red Pines", "Red Pines", True),
        ("Harlow Police Department", "Police Department", False),  # common words: no team
    ],
)
def test_a_town_is_the_team_the_story_names_with_it_and_alone(team, alone, same) -> None:
    identities = resolve(
        [
            [
                analysis("a", (team, "organisation"), ("Harlow", "place")),
                analysis("b", (alone, "organisation")),
            ]
        ]
    )
    assert (identities.of("a", 1) is identities.of("a", 0)) is same


@pytest.mark.parametrize(("alone", "team"), [("Herons", True), ("Harlow", False)])
def test_a_place_named_by_a_town_and_a_nickname_used_alone_is_a_team(alone, team) -> None:
    identities = resolve(
        [
            [
                analysis("a", ("Harlow Herons", "place"), ("Harlow", "place")),
                analysis("b", (alone, "place")),
            ]
        ]
    )
    assert (identities.of("b", 0) is identities.of("a", 0)) is team
    assert (identities.of("a", 1) is identities.of("a", 0)) is team  # the town is its team
