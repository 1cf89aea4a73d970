"""Who speaks for whom (trace/principals.py): a spokesperson, representative or publicist, and
a person's office, count as one origin with the person or body they speak for, without
becoming that person (identity stays apart)."""

from __future__ import annotations

from functools import cache

import pytest

from sourcetrace.trace.graph import provenance_graph
from sourcetrace.trace.identity import identify, resolve
from sourcetrace.trace.origins import explain, origins
from sourcetrace.trace.principals import speaks_for
from sourcetrace.trace.records import Origin
from sourcetrace.trace.versions import ClaimVersion, claim_versions


@cache
def _analysis(text: str, article: str = "a") -> dict:
    from sourcetrace.nlp.analysis import analyse_text

    return analyse_text(text, article_id=article, outlet=f"Outlet {article}").to_dict()


def _links(text: str) -> dict[str, tuple[str, str, str]]:
    """Each entity that speaks for another: its name -> (principal's name, rule, words)."""
    analysis = _analysis(text)
    names = {e["id"]: e["name"] for e in analysis["entities"]}
    return {
        names[link.entity]: (names[link.principal], link.rule, link.words)
        for link in speaks_for(analysis)
    }


@pytest.mark.parametrize(
    ("text", "speaker", "principal", "rule", "words"),
    [
        (  # 1 and b: a name before the noun
            'Governor Nora Vance toured the town. "We will rebuild," Vance spokesman Tom '
            "Briggs said.",
            "Tom Briggs",
            "Nora Vance",
            "owner before",
            "spokesman Tom Briggs",
        ),
        (  # 1 and b: a family name in the possessive
            "Ann Cole is resting at home, Cole's publicist Tom Reyes said on Friday.",
            "Tom Reyes",
            "Ann Cole",
            "owner before",
            "publicist Tom Reyes",
        ),
        (  # 1 and a: a possessive pronoun, by the sentence when the analysis refers it wrongly
            "The singer Ann Cole entered a clinic, said Tom Reyes, her publicist.",
            "Tom Reyes",
            "Ann Cole",
            "owner before",
            "publicist Tom Reyes",
        ),
        (  # 1 and c: a common noun the article describes a person by
            "The actress Ann Cole left the clinic on Friday, the actress's rep Tom Reyes said.",
            "Tom Reyes",
            "Ann Cole",
            "owner before",
            "rep Tom Reyes",
        ),
        (  # 2 and d: a word for a company after the noun
            "Service was cut for customers of Harbor Telecom in Lisbon, said Paul Mendes, a "
            "spokesman for the Portuguese company.",
            "Paul Mendes",
            "Harbor Telecom",
            "owner after",
            "spokesman Paul Mendes",
        ),
        (  # 3: a body's name alone
            'Harbor Mills closed the plant. Harbor Mills\' Susan Pell said, "This is a sad day."',
            "Susan Pell",
            "Harbor Mills",
            "body alone",
            "Susan Pell",
        ),
    ],
)
def test_a_spokesperson_speaks_for_the_one_their_role_names(
    text: str, speaker: str, principal: str, rule: str, words: str
) -> None:
    assert _links(text)[speaker] == (principal, rule, words)


def test_her_office_speaks_for_the_person_her_refers_to() -> None:
    text = (
        "Governor Nora Vance visited the flooded town on Monday. A statement from her office "
        "said the state would pay for the repairs."
    )
    assert _links(text)["her office"] == ("Nora Vance", "owner before", "her office")


@pytest.mark.parametrize(
    "text",
    [
        "Ann Cole will appeal the ruling, her lawyer, Tom Reyes, said.",  # a lawyer is an origin
        "Prices will rise in May, spokeswoman Linda Hart said.",  # whose spokeswoman: not said
        # not the place: the attorney the role names is no entity of the article
        "The mayor will resign, said Mark Lund, a spokesman for the Dover city council.",
    ],
)
def test_no_principal_where_the_words_name_none(text: str) -> None:
    assert _links(text) == {}


def _entity(number: int, name: str, kind: str, role: str | None = None) -> dict:
    entity = {"id": number, "name": name, "kind": kind, "mentions": [{"text": name}]}
    return entity | ({"role": role} if role else {})


def test_an_office_speaks_for_a_person_only() -> None:
    analysis = {
        "id": "a",
        "entities": [
            _entity(0, "Bristol Harbor Board", "government"),
            _entity(1, "Bristol Harbor Board's office", "government"),
        ],
    }
    assert speaks_for(analysis) == []


def test_an_entity_whose_words_name_two_principals_speaks_for_neither() -> None:
    analysis = {
        "id": "a",
        "entities": [
            _entity(0, "Nora Vance", "person"),
            _entity(1, "Harbor Mills", "organisation"),
            _entity(2, "Tom Briggs", "person", role="Vance spokesman"),
        ],
        "attributions": [
            {"speaker_id": 2, "source": {"text": "Harbor Mills spokesman Tom Briggs"}}
        ],
    }
    assert speaks_for(analysis) == []


def test_an_unnamed_source_speaks_for_no_one_by_a_mention_it_took_in() -> None:
    official = _entity(1, "a senior official", "anonymous")
    official["mentions"].append({"text": "The Harbor Ledger spokeswoman"})
    analysis = {"id": "a", "entities": [_entity(0, "Harbor Ledger", "outlet"), official]}
    assert speaks_for(analysis) == []


# -- origins -------------------------------------------------------------------------------


def _versions(texts: list[str]) -> list[ClaimVersion]:
    analyses = [_analysis(text, f"a{i}") for i, text in enumerate(texts)]
    versions = [v for i, a in enumerate(analyses) for v in claim_versions(a, i)]
    return identify(versions, resolve([analyses]))


def test_a_person_and_her_spokesman_and_office_are_one_origin_named_in_the_explanation() -> None:
    versions = _versions(
        [
            "Governor Nora Vance said the state would pay for the bridge repairs.",
            "The state would pay for the bridge repairs, Vance spokesman Tom Briggs said.",
            "Nora Vance toured the river. The state would pay for the bridge repairs, a "
            "statement from her office said.",
        ]
    )
    repairs = [v for v in versions if "bridge repairs" in v.text]
    assert len(repairs) == 3
    briggs = next(v for v in repairs if v.speaker == "Tom Briggs")
    assert briggs.speaker_name == "Tom Briggs"  # a spokesman is not the one he speaks for
    assert briggs.principal_name == "Nora Vance"
    (origin,) = origins(repairs)
    assert (origin.name, origin.type) == ("Nora Vance", "person")
    assert origin.voices == ("spokesman Tom Briggs", "her office")
    assert explain(repairs, [origin]) == (
        "3 outlets, 1 origin: Nora Vance, speaking through spokesman Tom Briggs and her "
        "office, carried by Outlet a0, Outlet a1, Outlet a2"
    )
    graph = provenance_graph(repairs)
    assert [n.label for n in graph.nodes if n.origin] == ["Nora Vance"]
    office = next(v for v in repairs if v.speaker == "her office")
    assert {(e.start, e.end) for e in graph.edges if e.kind == "speaks_for"} == {
        (briggs.speaker_id, "person:nora-vance"),
        (office.speaker_id, "person:nora-vance"),
    }


def test_a_spokesman_named_once_with_his_principal_speaks_for_her_in_every_article() -> None:
    versions = _versions(
        [
            "Vance spokesman Tom Briggs said the state would pay for the bridge repairs.",
            "The state would pay for the bridge repairs, Tom Briggs said.",
        ]
    )
    repairs = [v for v in versions if "bridge repairs" in v.text]
    assert [v.principal_name for v in repairs] == ["Vance", "Vance"]
    assert len(origins(repairs)) == 1


def test_a_spokesman_who_relays_another_leaves_the_origin_to_the_one_relayed() -> None:
    relayed = ClaimVersion(
        article="a",
        outlet="Outlet a",
        published=None,
        order=0,
        claim=0,
        text="The bridge will reopen in May.",
        kind="indirect",
        speaker="Tom Briggs",
        source_type="person",
        source_text="Tom Briggs",
        chain=[
            {"name": "Outlet a", "type": "outlet"},
            {"name": "Tom Briggs", "type": "person"},
            {"name": "Ida Marsh", "type": "person"},
        ],
        principal_id="person:nora-vance",
        principal_name="Nora Vance",
        speaks_as="spokesman Tom Briggs",
    )
    assert relayed.principal is None
    assert [o.name for o in origins([relayed])] == ["Ida Marsh"]


def test_an_origin_keeps_its_voices_through_json() -> None:
    origin = Origin("Nora Vance", "person", (), False, ("Outlet a",), voices=("her office",))
    assert origin.to_json()["voices"] == ["her office"]
    assert Origin.from_json(origin.to_json()) == origin


def test_a_spokesman_speaks_for_the_principal_most_of_the_story_gives_him() -> None:
    def principal(texts: list[str]) -> list[str | None]:
        versions = _versions(texts)
        return [v.principal_name for v in versions if "bridge repairs" in v.text]

    said = " spokesman Tom Briggs said the state would pay for the bridge repairs."
    vance = "Governor Nora Vance toured the river." + " Vance" + said
    misread = "Mayor Peter Okafor toured the river." + " Okafor" + said
    assert principal([vance, vance, misread]) == ["Nora Vance"] * 3
    assert principal([vance, misread]) == [None, None]  # one against one: neither
