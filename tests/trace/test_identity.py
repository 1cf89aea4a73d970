"""Identity across articles: names (trace/names.py) and canonical entities (trace/identity.py)."""

from __future__ import annotations

import pytest

from sourcetrace.trace.graph import provenance_graph
from sourcetrace.trace.identity import identify, resolve, unrecognised_mentions
from sourcetrace.trace.names import org_keys, person_name, same_person
from sourcetrace.trace.origins import explain, origins
from sourcetrace.trace.versions import ClaimVersion
from tests.trace.entity_analyses import analysis


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Paul D. Ryan", "Paul Ryan"),
        ("Mike Elliott", "Michael Elliott"),
        ("Sen. Harriet Okafor", "Harriet Okafor"),
        ("W. Mark Felton", "Mark Felton"),
        ("Luis Gerardo (Jerry) Ortega", "Jerry Ortega"),
        ("Deputy Ortega", "Jerry Ortega"),
        ("Ryan", "Paul Ryan"),
        ("Mr. O'Brien", "Jim OBrien"),
        ("Portia", "Portia de Rossi"),
    ],
)
def test_same_person(a: str, b: str) -> None:
    assert same_person(person_name(a), person_name(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Paul Ryan", "Jack Ryan"),
        ("Paul D. Ryan", "Paul J. Ryan"),
        ("Ryan", "Paul Rian"),
        ("Maria Stone", "Roger Stone"),
    ],
)
def test_different_people(a: str, b: str) -> None:
    assert not same_person(person_name(a), person_name(b))


def test_org_keys_match_initials_and_ignore_case() -> None:
    assert org_keys("Los Angeles Police Department") & org_keys("LAPD")
    assert org_keys("the Harbor Ledger") & org_keys("HARBOR LEDGER")
    assert not org_keys("Fox News") & org_keys("Fox Sports")


def test_org_keys_leave_out_the_legal_form() -> None:
    assert org_keys("Quillon Systems Corp.") & org_keys("Quillon Systems")
    assert org_keys("Brandt & Sons Ltd") & org_keys("Brandt & Sons")
    assert not org_keys("Quillon Inc.") & org_keys("Quillon Systems Inc.")


def test_one_person_under_two_names_across_articles() -> None:
    identities = resolve(
        [
            [
                analysis("a", ("Paul Ryan", "person"), ("Jack Ryan", "person")),
                analysis("b", ("Paul D. Ryan", "person")),
                analysis("c", ("Ryan", "person")),  # two Ryans in the story: who is unclear
                analysis("d", ("Jack", "person")),
            ]
        ]
    )
    paul = identities.of("a", 0)
    assert identities.of("b", 0) is paul
    assert identities.of("a", 1) is not paul
    assert identities.of("c", 0) not in (paul, identities.of("a", 1))
    assert identities.of("d", 0) is identities.of("a", 1)
    assert paul.name == "Paul D. Ryan" and {"Paul Ryan", "Paul D. Ryan"} <= set(paul.aliases)


def test_surname_alone_joins_the_one_person_it_can_be() -> None:
    identities = resolve(
        [[analysis("a", ("Roger Stone", "person")), analysis("b", ("Stone", "organisation"))]]
    )
    assert identities.of("b", 0) is identities.of("a", 0)
    assert identities.of("a", 0).kind == "person"


def test_description_is_the_person_with_that_role() -> None:
    identities = resolve(
        [
            [
                analysis(
                    "a",
                    ("Dana Whitlock", "person"),
                    ("her spokesman", "other"),
                    roles={"Dana Whitlock": "the senator's spokesman"},
                )
            ]
        ]
    )
    assert identities.of("a", 1) is identities.of("a", 0)


def test_org_keys_read_a_plural_last_word_as_its_singular() -> None:
    assert org_keys("Kraft Foods") & org_keys("Kraft Food")
    assert not org_keys("Kraft Foods") & org_keys("Kraft")  # a one-word name is no plural


def test_an_organisation_is_known_by_every_full_name_its_article_gives_it() -> None:
    misspelt = analysis("a", ("Krafts Food", "organisation"))
    misspelt["entities"][0]["mentions"].append({"text": "Kraft Foods"})
    identities = resolve([[misspelt, analysis("b", ("Kraft Foods Inc.", "organisation"))]])
    assert identities.of("a", 0) is identities.of("b", 0)
    other = analysis("c", ("Energy Agency", "organisation"))
    other["entities"][0]["mentions"].append({"text": "EA"})  # initials are no full name
    identities = resolve([[other, analysis("d", ("Environment Agency", "organisation"))]])
    assert identities.of("c", 0) is not identities.of("d", 0)


def test_organisations_and_outlets_by_keys_and_last_words() -> None:
    identities = resolve(
        [
            [
                analysis("a", ("The San Diego Chargers", "organisation")),
                analysis("b", ("Chargers", "organisation"), ("FOX", "outlet")),
                analysis("c", ("Fox", "outlet"), ("police", "government")),
                analysis("d", ("Surrey Police", "government")),
            ]
        ]
    )
    assert identities.of("a", 0) is identities.of("b", 0)
    assert identities.of("b", 1) is identities.of("c", 0)
    # "police" is the one police force the story names
    assert identities.of("c", 1) is identities.of("d", 0)


def test_an_outlet_named_by_its_web_address_is_the_outlet_whatever_its_kind() -> None:
    identities = resolve(
        [
            [
                analysis("a", ("Harbor Ledger", "outlet")),
                analysis("b", ("harborledger.com", "organisation")),
                analysis("c", ("Harbor Holdings", "organisation")),
            ]
        ]
    )
    assert identities.of("b", 0) is identities.of("a", 0)
    assert identities.of("c", 0) is not identities.of("a", 0)


def test_a_common_word_for_a_body_and_a_spokesperson_join_the_one_body_named() -> None:
    identities = resolve(
        [
            [
                analysis("a", ("police", "government"), ("Surrey Police", "government")),
                analysis("b", ("A Surrey Police spokeswoman", "anonymous")),
                analysis("c", ("a senior official", "anonymous")),
            ],
            [
                analysis("d", ("police", "government"), ("Kent Police", "government")),
                analysis("e", ("Surrey Police", "government")),
            ],
        ]
    )
    surrey = identities.of("a", 1)
    assert identities.of("a", 0) is surrey and identities.of("b", 0) is surrey
    assert identities.of("c", 0) is None  # speaks for no named body: not resolved
    # two forces in one story: "police" is the one its own article names
    assert identities.of("d", 0) is identities.of("d", 1)
    assert identities.of("d", 0) is not identities.of("e", 0)


def test_across_stories_only_on_evidence() -> None:
    identities = resolve(
        [
            [analysis("a", ("Paul Ryan", "person"), ("Ryan", "person"), ("police", "government"))],
            [analysis("b", ("Paul Ryan", "person"), ("police", "government"))],
            [analysis("c", ("Ryan", "person"))],
        ]
    )
    assert identities.of("a", 0) is identities.of("b", 0)
    assert identities.of("a", 2) is not identities.of("b", 1)  # two stories' police
    assert identities.of("c", 0) is not identities.of("a", 0)  # a surname alone: no evidence


def test_unrecognised_mentions_find_a_known_alias() -> None:
    identities = resolve(
        [[analysis("a", ("Indianapolis Colts", "organisation"), ("Colts", "organisation"))]]
    )
    text = "The Colts won. Colts fans cheered; Coltsville did not."
    found = unrecognised_mentions(text, [(4, 9)], identities.entities)
    assert [(s, e) for s, e, _ in found] == [(15, 20)]


def _version(article: str, speaker: str, entity: int) -> ClaimVersion:
    return ClaimVersion(
        article=article,
        outlet=article.upper(),
        published=None,
        order=0,
        claim=0,
        text="The bridge will reopen in May.",
        kind="indirect",
        speaker=speaker,
        source_type="person",
        source_text=speaker,
        chain=[{"name": article.upper(), "type": "outlet"}, {"name": speaker, "type": "person"}],
        speaker_entity=entity,
    )


def test_one_person_is_one_origin_and_the_explanation_names_both_names() -> None:
    analyses = [
        analysis("a", ("Mike Elliott", "person")),
        analysis("b", ("Michael Elliott", "person")),
    ]
    versions = identify(
        [_version("a", "Mike Elliott", 0), _version("b", "Michael Elliott", 0)],
        resolve([analyses]),
    )
    assert versions[0].speaker_id == versions[1].speaker_id
    found = origins(versions)
    assert len(found) == 1
    line = explain(versions, found)
    assert line.startswith("2 outlets, 1 origin")
    assert "Mike Elliott" in line and "Michael Elliott" in line


def test_a_junior_is_not_his_father_and_word_order_is_not_a_name() -> None:
    assert not same_person(person_name("Donald Trump Jr."), person_name("Donald J. Trump"))
    assert same_person(person_name("W. Mark Felton Sr."), person_name("Mark Felton"))
    assert org_keys("Interior Department") & org_keys("Department of the Interior")


def test_a_one_word_outlet_name_does_not_link_two_stories() -> None:
    identities = resolve(
        [[analysis("a", ("The Post", "outlet"))], [analysis("b", ("The Post", "outlet"))]]
    )
    assert identities.of("a", 0) is not identities.of("b", 0)


def test_a_relay_is_a_step_not_an_origin() -> None:
    relayed = ClaimVersion(
        article="h",
        outlet="HuffPost",
        published=None,
        order=0,
        claim=0,
        text="The vote will be delayed.",
        kind="indirect",
        speaker="Paul Ryan",
        source_type="person",
        source_text="Erik Wasson of Bloomberg",
        chain=[
            {"name": "HuffPost", "type": "outlet"},
            {"name": "Bloomberg", "type": "outlet"},
            {"name": "Erik Wasson", "type": "reporter"},
            {"name": "Paul Ryan", "type": "person"},
        ],
        speaker_entity=0,
    )
    direct = _version("c", "Ryan", 0)
    analyses = [analysis("h", ("Paul Ryan", "person")), analysis("c", ("Ryan", "person"))]
    versions = identify([relayed, direct], resolve([analyses]))
    found = origins(versions)
    assert [o.name for o in found] == ["Paul Ryan"]
    assert found[0].via == ("Bloomberg",)
    graph = provenance_graph(versions)
    assert [n.label for n in graph.nodes if n.origin] == ["Paul Ryan"]


def test_the_source_list_counts_one_person_once() -> None:
    from sourcetrace.trace.records import StoryTrace
    from sourcetrace.trace.service import trace_versions
    from sourcetrace.trace.sources import tally_sources

    analyses = [
        analysis("a", ("Mike Elliott", "person")),
        analysis("b", ("Michael Elliott", "person")),
    ]
    versions = identify(
        [_version("a", "Mike Elliott", 0), _version("b", "Michael Elliott", 0)],
        resolve([analyses]),
    )
    story = StoryTrace(1, None, tuple(trace_versions(1, versions)))
    [source] = tally_sources([story])
    assert source.name in ("Mike Elliott", "Michael Elliott")
    assert len(source.articles) == 2
    assert set(source.described_as) | {source.name} == {"Mike Elliott", "Michael Elliott"}


def test_a_bare_surname_is_the_father_not_the_son_named_after_him() -> None:
    identities = resolve(
        [
            [
                analysis(
                    "a",
                    ("Trump", "organisation"),
                    ("Donald J. Trump", "person"),
                    ("Donald Trump Jr.", "person"),
                )
            ]
        ]
    )
    assert identities.of("a", 0) is identities.of("a", 1)
    assert identities.of("a", 2) is not identities.of("a", 1)


def test_a_description_is_whom_another_article_of_the_story_calls_so() -> None:
    tied = analysis("a", ("Wladek Kral", "person"))
    tied["descriptions"] = [
        {"start": 0, "end": 8, "lemma": "champion", "entity": 0, "key": "champion"}
    ]
    unnamed = {
        "id": "b",
        "entities": [],
        "descriptions": [
            {"start": 4, "end": 12, "lemma": "champion", "entity": None, "key": "champion"},
            {"start": 20, "end": 23, "lemma": "man", "entity": None, "key": "man"},
        ],
    }
    identities = resolve([[tied, unnamed]])
    assert identities.of("b", -1) is identities.of("a", 0)  # "the champion"
    assert identities.of("b", -2) is not identities.of("a", 0)  # "the man" says too little


def _called(article: str, name: str, noun: str) -> dict:
    """An article naming one person that it describes by ``noun``."""
    tied = analysis(article, (name, "person"))
    tied["descriptions"] = [{"start": 0, "end": 8, "lemma": noun, "entity": 0, "key": noun}]
    return tied


def _unnamed(article: str, *nouns: str) -> dict:
    """An article with unnamed descriptions (entity ids -1, -2, ... in order)."""
    return {
        "id": article,
        "entities": [],
        "descriptions": [
            {"start": 10 * n, "end": 10 * n + 8, "lemma": w, "entity": None, "key": w}
            for n, w in enumerate(nouns)
        ],
    }


def test_a_description_is_whom_most_articles_call_so_not_one_slip() -> None:
    story = [
        _called("a", "Wladek Kral", "challenger"),
        _called("b", "Wladek Kral", "challenger"),
        _called("c", "Tomas Berg", "challenger"),  # one article's slip
        _unnamed("d", "challenger"),
    ]
    identities = resolve([story])
    assert identities.of("d", -1) is identities.of("a", 0)
    assert identities.of("d", -1) is not identities.of("c", 0)
    tied = [_called("a", "Wladek Kral", "challenger"), _called("c", "Tomas Berg", "challenger")]
    identities = resolve([[*tied, _unnamed("d", "challenger")]])  # one each: nobody
    assert identities.of("d", -1) not in (identities.of("a", 0), identities.of("c", 0))


def test_a_description_another_rule_made_a_person_is_not_outvoted() -> None:
    roled = analysis("d", ("Jack Kemal", "person"), roles={"Jack Kemal": "the challenger"})
    roled["descriptions"] = _unnamed("d", "challenger")["descriptions"]  # his, by his role
    story = [
        _called("a", "Wladek Kral", "challenger"),
        _called("b", "Wladek Kral", "challenger"),
        roled,
    ]
    identities = resolve([story])
    assert identities.of("d", -1) is identities.of("d", 0)
    assert identities.of("d", 0) is not identities.of("a", 0)


def test_the_noun_of_a_description_is_before_its_preposition() -> None:
    story = [
        _called("a", "Tara Rowe", "actress"),
        _called("b", "Tara Rowe", "actress"),
        _called("c", "Jack Kemal", "spokesman"),
        _unnamed("d", "spokesman for the actress"),
    ]
    identities = resolve([story])
    assert identities.of("d", -1) is identities.of("c", 0)
    assert identities.of("d", -1) is not identities.of("a", 0)


def test_a_statement_of_a_named_body_and_a_description_in_a_source_phrase() -> None:
    identities = resolve(
        [
            [
                analysis("a", ("Harbor Freight Lines", "organisation")),
                analysis("b", ("statement from Harbor Freight Lines", "document")),
                {
                    "id": "c",
                    "entities": [
                        {"id": 0, "name": "Harbor Freight Lines", "kind": "organisation",
                         "mentions": [{"text": "Harbor Freight Lines", "start": 0, "end": 20}]},
                        {"id": 1, "name": "company", "kind": "organisation",
                         "mentions": [{"text": "The company", "start": 30, "end": 41}]},
                    ],
                    "descriptions": [
                        {"start": 34, "end": 41, "lemma": "company", "entity": 0, "key": "company"}
                    ],
                },
            ]
        ]
    )  # fmt: skip
    lines = identities.of("a", 0)
    assert identities.of("b", 0) is lines
    assert identities.of("c", 1) is lines


def test_a_suffix_the_recogniser_left_out_still_makes_the_son() -> None:
    text = "Police hunt Harlan Jude Boudreaux, Jr. after the escape."
    start = text.index("Harlan")
    named = {
        "id": "a",
        "text": text,
        "entities": [
            {
                "id": 0,
                "name": "Harlan Jude Boudreaux",
                "kind": "person",
                "mentions": [{"text": "Harlan Jude Boudreaux", "start": start, "end": start + 21}],
            }
        ],
    }
    identities = resolve(
        [
            [
                named,
                analysis("b", ("Harlan Jude Boudreaux Jr", "person")),
                analysis("c", ("Boudreaux", "person")),
            ]
        ]
    )
    son = identities.of("b", 0)
    assert identities.of("a", 0) is son and identities.of("c", 0) is son


def test_a_team_is_its_nickname_and_its_town_never_a_person() -> None:
    identities = resolve(
        [
            [
                analysis("a", ("Linden Herons", "organisation"), ("Linden", "place")),
                analysis("b", ("Herons", "person"), ("Herons Sink Falcons", "person")),
                analysis("c", ("Herons", "organisation"), ("Falcons", "organisation")),
                analysis("d", ("Tyler", "organisation"), ("Tyler Hansen", "person")),
                analysis("e", ("Hansen", "person")),
            ],
            [analysis("f", ("Marlow", "place"), ("Marlow Otters", "organisation"))],
        ]
    )
    herons = identities.of("a", 0)
    assert identities.of("a", 1) is herons  # the town stands for its one team
    assert identities.of("b", 0) is herons and identities.of("c", 0) is herons
    assert identities.of("b", 1) not in (herons, identities.of("c", 1))  # a headline
    assert herons.kind == "organisation"
    # a town that names its team once, never "the Otters" alone: not a story of the team
    assert identities.of("f", 0) is not identities.of("f", 1)
    hansen = identities.of("d", 1)
    assert hansen.kind == "person" and identities.of("e", 0) is hansen


def test_a_party_or_a_people_is_no_team_and_a_surname_no_nickname() -> None:
    identities = resolve(
        [
            [
                analysis("a", ("Senate Democrats", "organisation"), ("Senate", "organisation")),
                analysis("b", ("Democrats", "group"), ("Velmora Armenians", "organisation")),
                analysis("c", ("Velmora", "place"), ("Armenians", "group")),
                analysis("d", ("Ortega Holdings Richards", "organisation"), ("Richards", "person")),
            ]
        ]
    )
    assert identities.of("a", 0) is not identities.of("a", 1)
    assert identities.of("b", 1) is not identities.of("c", 0)
    assert identities.of("d", 1).kind == "person"


def test_a_capitalised_word_for_a_person_is_a_description_not_a_name() -> None:
    tied = analysis("a", ("Dorothea Vance", "person"))
    tied["descriptions"] = [
        {"start": 0, "end": 7, "lemma": "actress", "entity": 0, "key": "actress"}
    ]
    identities = resolve(
        [
            [
                tied,
                analysis("b", ("Actress", "organisation"), ("Man", "organisation")),
                analysis("c", ("People", "outlet")),
            ]
        ]
    )
    assert identities.of("b", 0) is identities.of("a", 0)
    assert identities.of("b", 1).kind == "organisation"  # "Man" says too little
    assert identities.of("c", 0).kind == "outlet"


def test_a_name_that_holds_another_persons_name_may_be_a_name_of_its_own() -> None:
    identities = resolve(
        [
            [
                analysis("a", ('Luis Gerardo "Jerry" Ortega', "person")),
                analysis("b", ("Jerry Ortega", "person"), ("Luis Gerardo", "person")),
                analysis("c", ("Nadia Fennimore Quits Rehab", "person")),
                analysis("d", ("Nadia Fennimore", "person"), ("Bess Ford Rehab", "person")),
            ]
        ]
    )
    assert identities.of("a", 0) is identities.of("b", 0)
    assert identities.of("a", 0) is not identities.of("b", 1)
    assert identities.of("c", 0) is identities.of("d", 0)  # a headline, not a name


def _headline(article: str, text: str, *entities: tuple[str, str]) -> dict:
    """An analysis of ``text`` whose entities are mentioned where their names first occur."""
    out = []
    for n, (name, kind) in enumerate(entities):
        start = text.index(name)
        mention = {"text": name, "start": start, "end": start + len(name)}
        out.append({"id": n, "name": name, "kind": kind, "mentions": [mention]})
    return {"id": article, "text": text, "entities": out}


def test_a_headline_run_that_starts_with_a_name_is_that_name() -> None:
    identities = resolve(
        [
            [
                analysis("a", ("Marta Quill", "person"), ("Ashby Foundation", "organisation")),
                _headline(
                    "b", "Quill Returns To Stage After Ten Years\n", ("Quill Returns", "person")
                ),
                _headline(
                    "c",
                    "Ashby Foundation Pledges New Grants\n",
                    ("Ashby Foundation Pledges", "organisation"),
                ),
                _headline(
                    "d",
                    "Quill Administration Faces Audit\n",
                    ("Quill Administration", "government"),
                ),
            ],
            [
                analysis("f", ("Marta Quill", "person")),
                _headline(
                    "e",
                    "Quill Returns to the stage after years away.\n",
                    ("Quill Returns", "person"),
                ),
            ],
        ]
    )
    assert identities.of("b", 0) is identities.of("a", 0)
    assert identities.of("c", 0) is identities.of("a", 1)
    assert identities.of("d", 0) is not identities.of("a", 0)  # a body named after her
    assert identities.of("e", 0) is not identities.of("f", 0)  # not a headline
