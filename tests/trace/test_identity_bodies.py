"""Bodies (organisations, governments, police) called by common words, demonyms or those who
speak for them are the body the story names (trace/identity.py)."""

from __future__ import annotations

from sourcetrace.trace.identity import resolve
from tests.trace.entity_analyses import analysis


def test_common_words_for_a_body_are_the_body_whose_name_ends_so() -> None:
    identities = resolve(
        [
            [
                analysis("a", ("Vermont State Police", "government")),
                analysis("b", ("State police", "government")),
                analysis("c", ("Milford Police Department", "government")),
                analysis("d", ("the police department", "government")),
            ]
        ]
    )
    assert identities.of("b", 0) is identities.of("a", 0)
    assert identities.of("d", 0) is identities.of("c", 0)
    assert identities.of("a", 0) is not identities.of("c", 0)


def test_a_demonym_body_is_the_countrys_body_with_the_same_noun() -> None:
    identities = resolve(
        [
            [
                analysis("a", ("Kenya's health ministry", "government")),
                analysis("b", ("Kenyan ministry", "government")),
                analysis("c", ("Uganda's health ministry", "government")),
                analysis("d", ("Kenyan authority", "government")),
            ],
            [
                analysis("e", ("Norsk Fiskeri", "organisation"), ("Norway", "country")),
                analysis("f", ("The Norwegian firm", "organisation")),
            ],
        ]
    )
    kenya = identities.of("a", 0)
    assert identities.of("b", 0) is kenya
    assert identities.of("c", 0) is not kenya
    assert identities.of("d", 0) is not kenya  # another noun: another body
    assert identities.of("f", 0) is not identities.of("e", 0)  # "Norsk" is not Norway


def test_an_egyptian_ministry_is_egypts_and_a_french_firm_the_french_company() -> None:
    identities = resolve(
        [
            [
                analysis("a", ("Egypt's water ministry", "government")),
                analysis("b", ("The Egyptian ministry", "government")),
                analysis("c", ("Jordan's water ministry", "government")),
                analysis("d", ("Egyptian Tourism Authority", "organisation")),
            ],
            [
                analysis("e", ("France Cables", "organisation"), ("France", "country")),
                analysis("f", ("The French firm", "organisation"), ("Italy Ports", "organisation")),
            ],
        ]
    )
    egypt = identities.of("a", 0)
    assert identities.of("b", 0) is egypt
    assert identities.of("c", 0) is not egypt and identities.of("d", 0) is not egypt
    assert identities.of("f", 0) is identities.of("e", 0)
    assert identities.of("e", 1) is not identities.of("e", 0)  # not the country itself


def test_a_bodys_officials_speak_as_the_body() -> None:
    identities = resolve(
        [
            [
                analysis("a", ("Lumen", "group")),
                analysis("b", ("Lumen officials", "group")),
                analysis("c", ("Harbor Rail executives", "group"), ("Harbor Rail", "organisation")),
                analysis("d", ("Senate officials", "group")),
            ]
        ]
    )
    assert identities.of("b", 0) is identities.of("a", 0)
    assert identities.of("c", 0) is identities.of("c", 1)
    assert identities.of("d", 0) is not identities.of("a", 0)


def test_a_company_official_is_not_the_company_another_article_means() -> None:
    identities = resolve(
        [
            [
                analysis("a", ("Tidewater Mills", "organisation"), ("company", "organisation")),
                analysis("b", ("Harbor Rail", "organisation"), ("company official", "anonymous")),
            ]
        ]
    )
    assert identities.of("a", 1) is identities.of("a", 0)  # "the company" is Tidewater
    official = identities.of("b", 1)
    assert official is None or official is not identities.of("a", 0)


def test_the_company_is_the_one_company_the_story_names() -> None:
    one = resolve(
        [
            [
                analysis("a", ("Tidewater Mills", "organisation")),
                analysis("b", ("company", "organisation")),
            ]
        ]
    )
    assert one.of("b", 0) is one.of("a", 0)
    two = resolve(
        [
            [
                analysis(
                    "a", ("Tidewater Mills", "organisation"), ("Granite Foods", "organisation")
                ),
                analysis("b", ("company", "organisation")),
            ]
        ]
    )
    assert two.of("b", 0) not in (two.of("a", 0), two.of("a", 1))


def _described(phrase: str, kind: str, text: str) -> dict:
    """An article naming a prosecutor, Dana Whitlock, and a source phrase ``phrase`` whose
    last word the analysis ties to her."""
    start = text.index(phrase)
    last = start + len(phrase) - len(phrase.split()[-1])
    return {
        "id": "a",
        "text": text,
        "entities": [
            {"id": 0, "name": "Dana Whitlock", "kind": "person", "role": "prosecutor",
             "mentions": [{"text": "Dana Whitlock", "start": 0, "end": 13}]},
            {"id": 1, "name": phrase, "kind": kind,
             "mentions": [{"text": phrase, "start": start, "end": start + len(phrase)}]},
        ],
        "descriptions": [
            {"start": last, "end": start + len(phrase), "lemma": "prosecutor", "entity": 0,
             "key": "prosecutor"},
        ],
    }  # fmt: skip


def test_police_and_prosecutors_are_a_group_never_one_person() -> None:
    text = "Dana Whitlock led the case. Police and prosecutors said the man fled."
    identities = resolve([[_described("Police and prosecutors", "government", text)]])
    assert identities.of("a", 1) is not identities.of("a", 0)
    text = "Dana Whitlock led the case. Prosecutors said the man fled."
    identities = resolve([[_described("Prosecutors", "other", text)]])
    assert identities.of("a", 1) is not identities.of("a", 0)
    text = "Dana Whitlock led the case. The prosecutor said the man fled."
    identities = resolve([[_described("The prosecutor", "other", text)]])
    assert identities.of("a", 1) is identities.of("a", 0)


def test_a_body_by_initials_is_the_body_whose_words_they_are() -> None:
    identities = resolve(
        [
            [
                analysis("a", ("Harlow County District Attorney's office", "government")),
                analysis("b", ("The D.A.'s office", "government"), ("the FBI", "intelligence")),
                analysis("c", ("The DA's press office", "government")),
            ]
        ]
    )
    office = identities.of("a", 0)
    assert identities.of("b", 0) is office
    assert identities.of("c", 0) is not office  # another office of the same initials
