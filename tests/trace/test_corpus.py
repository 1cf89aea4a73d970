"""Corpus entities (trace/corpus.py): the stories' entities merged on evidence, with stable ids."""

from __future__ import annotations

from sourcetrace.trace.corpus import entity_id, merge
from sourcetrace.trace.identity import resolve
from sourcetrace.trace.records import Canonical, CorpusEntity
from tests.trace.entity_analyses import analysis


def _story(*articles: tuple[str, tuple[tuple[str, str], ...]]) -> list[Canonical]:
    return resolve([[analysis(article, *entities) for article, entities in articles]]).entities


def _named(entities: list[CorpusEntity], word: str) -> list[CorpusEntity]:
    return [e for e in entities if any(word in alias for alias in e.aliases)]


TRUMP_ONE = _story(("a1", (("Donald Trump", "person"), ("Harbor Board", "organisation"))))
TRUMP_TWO = _story(
    ("b1", (("President Donald Trump", "person"),)),
    ("b2", (("Trump", "person"), ("Lena Ortiz", "person"))),
)


def test_one_person_named_differently_in_two_stories_is_one_corpus_entity() -> None:
    entities = merge({1: TRUMP_ONE, 2: TRUMP_TWO})
    [trump] = _named(entities, "Trump")
    assert trump.id == "person:donald-trump" and trump.kind == "person"
    assert {"Donald Trump", "President Donald Trump", "Trump"} <= set(trump.aliases)
    assert [story for story, _ in trump.members] == [1, 2]
    assert trump.evidence == ("person:donald trump",)


def test_people_who_share_a_surname_are_never_merged() -> None:
    entities = merge(
        {
            1: _story(("a", (("John Smith", "person"),))),
            2: _story(("b", (("Jane Smith", "person"),))),
            3: _story(("c", (("Smith", "person"),))),
        }
    )
    smiths = _named(entities, "Smith")
    assert len(smiths) == 3
    assert [e.id for e in smiths] == ["person:john-smith", "person:jane-smith", "person:smith"]


def test_a_name_linked_to_two_conflicting_people_does_not_join_them() -> None:
    def entity(local: str, *evidence: str) -> Canonical:
        return Canonical(local, local, "person", (local,), ((local, 0),), evidence)

    entities = merge(
        {
            1: [entity("mike", "person:m elliott", "person:mike elliott")],
            2: [entity("mark", "person:m elliott", "person:mark elliott")],
        }
    )
    assert len(entities) == 2


def test_an_entity_named_in_two_stories_keeps_every_story_entity() -> None:
    both = merge(
        {
            1: _story(("a", (("Mike Elliott", "person"),))),
            2: _story(("b", (("Michael Elliott", "person"),))),
            3: _story(
                ("c", (("Mike Elliott", "person"),)), ("d", (("Michael Elliott", "person"),))
            ),
        }
    )
    assert len(both) == 1 and [s for s, _ in both[0].members] == [1, 3, 2]


def test_outlet_spellings_of_two_stories_are_one_outlet() -> None:
    entities = merge(
        {
            1: _story(("a", (("Fox News", "outlet"),))),
            2: _story(("b", (("FOX", "outlet"),))),
        }
    )
    assert len(entities) == 1 and entities[0].kind == "outlet"


def test_ids_stay_the_same_when_unrelated_stories_are_added() -> None:
    before = merge({1: TRUMP_ONE, 2: TRUMP_TWO, 3: _story(("c", (("Smith", "person"),)))})
    after = merge(
        {
            1: TRUMP_ONE,
            2: TRUMP_TWO,
            3: _story(("c", (("Smith", "person"),))),
            4: _story(("d", (("Smith", "person"), ("Quay Council", "organisation")))),
        }
    )
    assert {e.id: e.members for e in before} == {
        e.id: e.members for e in after if e.members[0][0] != 4
    }
    [second_smith] = [e for e in after if e.members == ((4, "person:smith"),)]
    assert second_smith.id.startswith("person:smith-") and second_smith.id != "person:smith"


def test_a_clashing_id_takes_a_suffix_from_its_own_key() -> None:
    used = {"person:smith"}
    assert entity_id("person", "Smith", "2/person:smith", used) == entity_id(
        "person", "Smith", "2/person:smith", used
    )
    assert entity_id("person", "Smith", "2/person:smith", used) != entity_id(
        "person", "Smith", "3/person:smith", used
    )
    assert entity_id("org", "Harbor Board", "org:harbor board", used) == "org:harbor-board"


def test_three_people_of_one_key_kept_apart_get_three_ids() -> None:
    def entity(local: str, first: str) -> Canonical:
        keys = ("person:m elliott", f"person:{first} elliott")
        return Canonical(local, "M. Elliott", "person", ("M. Elliott",), ((local, 0),), keys)

    entities = merge({1: [entity("a", "mike")], 2: [entity("b", "mark")], 3: [entity("c", "max")]})
    assert len(entities) == 3  # three first names: three people
    assert len({e.id for e in entities}) == 3  # the store keys them by id


def test_a_story_entity_reads_back_from_its_json() -> None:
    for entity in TRUMP_TWO:
        assert Canonical.from_json(entity.to_json()) == entity
    for entity in merge({1: TRUMP_ONE, 2: TRUMP_TWO}):
        assert CorpusEntity.from_json(entity.to_json()) == entity


def test_the_id_comes_from_the_key_the_name_spells_and_aliases_are_names() -> None:
    headline = Canonical(
        "person:regina-benjamin",
        "Regina Benjamin",
        "person",
        ("Regina Benjamin", "Nominates Regina Benjamin", "she", "the  doctor", "He"),
        (("a", 0), ("a", 1)),
        ("person:nominates benjamin", "person:regina benjamin"),
    )
    [entity] = merge({1: [headline]})
    assert entity.id == "person:regina-benjamin"
    assert entity.aliases == ("Regina Benjamin", "Nominates Regina Benjamin")
