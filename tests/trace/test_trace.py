"""Tracing claims: origins, drift and alignment on versions the tests write, the hypothesis
property of origin counts, and the seed articles (when ../shared is here)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from sourcetrace.cli import app
from sourcetrace.trace.align import align
from sourcetrace.trace.drift import compare, drift, first_version, timeline
from sourcetrace.trace.graph import provenance_graph
from sourcetrace.trace.origins import explain, origins
from sourcetrace.trace.records import Wording
from sourcetrace.trace.versions import ClaimVersion, claim_versions
from tests.conftest import SEEDS

HERE = {"name": "this article", "type": "outlet"}
POST = {"name": "Washington Post", "type": "outlet"}


def version(article="a", text="Valdoria agreed to send 6,000 drones.", **fields) -> ClaimVersion:
    values = {
        "outlet": f"Outlet {article.upper()}",
        "published": None,
        "order": 0,
        "claim": 0,
        "kind": None,
        "speaker": None,
        "source_type": "own_voice",
        "source_text": None,
    }
    values.update(fields)
    return ClaimVersion(article=article, text=text, **values)


def via_post(article: str, speaker: str, **fields) -> ClaimVersion:
    chain = [HERE, POST, {"name": speaker, "type": "anonymous"}]
    return version(
        article, speaker=speaker, source_type="anonymous", kind="indirect", chain=chain, **fields
    )


def quantity(text: str, value: float, hedge: str | None = None, obj: str | None = "drones"):
    return {"text": text, "value": value, "hedge": hedge, "object": obj, "kind": "count"}


# -- origins ------------------------------------------------------------------------------


def test_an_outlet_cited_by_name_and_by_web_address_is_one_origin():
    def citing(article: str, name: str, kind: str) -> ClaimVersion:
        chain = [HERE, {"name": name, "type": kind}]
        return version(article, speaker=name, source_type=kind, kind="indirect", chain=chain)

    found = origins([citing("a", "Harbor Ledger", "outlet"),
                     citing("b", "harborledger.com", "organisation")])  # fmt: skip
    assert [(o.name, o.type) for o in found] == [("Harbor Ledger", "outlet")]
    assert len(origins([citing("a", "Harbor Ledger", "outlet"),
                        citing("b", "Harbor Holdings", "organisation")])) == 2  # fmt: skip


def test_outlets_repeating_one_papers_anonymous_official_are_one_origin():
    versions = [
        via_post("a", "one senior military official"),
        via_post("b", "an unnamed security official"),
    ]
    found = origins(versions)
    assert len(found) == 1 and found[0].via == ("Washington Post",)
    assert explain(versions, found) == (
        "2 outlets, 1 origin: both cite Washington Post, which cites an anonymous source "
        "(one senior military official; an unnamed security official)"
    )


def test_outlets_each_stating_it_unsourced_are_listed_on_one_part():
    kirby = [HERE, {"name": "John Kirby", "type": "person"}]
    versions = [
        version("c"),
        version("a", speaker="John Kirby", source_type="person", chain=kirby),
        version("d"),
        version("e"),
    ]
    found = origins(versions)
    assert len(found) == 4
    assert explain(versions, found) == (
        "4 outlets, 4 origins: Outlet C, Outlet D and Outlet E each state it in their own"
        " voice, citing no source; John Kirby, carried by Outlet A"
    )


def test_a_second_official_in_one_article_is_a_second_origin():
    versions = [
        via_post("a", "a senior official"),
        via_post("a", "a second official", claim=1),
        via_post("b", "a source"),
    ]
    assert len(origins(versions)) == 2


def test_named_sources_count_once_and_own_voice_is_unsourced():
    kirby = [HERE, {"name": "John Kirby", "type": "person"}]
    versions = [
        version("a", speaker="John Kirby", source_type="person", chain=kirby),
        version("b", speaker="John Kirby", source_type="person", chain=kirby),
        version("c"),
    ]
    found = origins(versions)
    assert [o.name for o in found] == ["John Kirby", "Outlet C"]
    assert found[1].unsourced and not found[0].unsourced
    assert "Outlet C states it in its own voice, citing no source" in explain(versions, found)


# Each source has one type, as the analysis gives it.
SOURCES = {
    "official A": "anonymous",
    "official B": "anonymous",
    "officials": "group",
    "John Kirby": "person",
    "the ministry": "government",
    "Reuters": "outlet",
}


def outlet_link(name: str) -> dict[str, str]:
    return {"name": name, "type": "outlet"}


def test_a_cited_outlets_own_report_in_the_corpus_is_followed_to_its_source():
    official = {"name": "a senior official", "type": "anonymous"}
    ledger = version(
        "hl",
        outlet="The Harbor Ledger",
        speaker="a senior official",
        source_type="anonymous",
        chain=[outlet_link("The Harbor Ledger"), official],
    )
    wire = version(
        "cw",
        outlet="Capital Wire",
        speaker="Harbor Ledger",
        source_type="outlet",
        chain=[outlet_link("Capital Wire"), outlet_link("Harbor Ledger")],
    )
    courier = version(
        "nc",
        outlet="Northern Courier",
        speaker="Capital Wire",
        source_type="outlet",
        chain=[outlet_link("Northern Courier"), outlet_link("Capital Wire")],
    )
    (found,) = origins([courier, wire, ledger])
    assert found.type == "anonymous" and found.descriptions == ("a senior official",)
    assert found.via == ("Capital Wire", "Harbor Ledger")
    assert found.carried_by == ("Northern Courier", "Capital Wire", "The Harbor Ledger")


def test_the_provenance_graph_links_citing_articles_to_the_cited_report():
    official = {"name": "a senior official", "type": "anonymous"}
    ledger = version(
        "hl", outlet="The Harbor Ledger", speaker="a senior official", source_type="anonymous",
        chain=[outlet_link("The Harbor Ledger"), official],
    )  # fmt: skip
    wire = version(
        "cw", outlet="Capital Wire", speaker="Harbor Ledger", source_type="outlet",
        chain=[outlet_link("Capital Wire"), outlet_link("Harbor Ledger")],
    )  # fmt: skip
    graph = provenance_graph([ledger, wire])
    edges = {(e.start, e.kind, e.end) for e in graph.edges}
    assert edges == {
        ("outlet:harborledger", "publishes", "article:hl"),
        ("article:hl", "attributes_to", "source:seniorofficial"),
        ("outlet:capitalwire", "publishes", "article:cw"),
        ("article:cw", "cites", "outlet:harborledger"),
        ("article:cw", "cites_article", "article:hl"),
    }
    kinds = {n.id: n.kind for n in graph.nodes}
    assert kinds["source:seniorofficial"] == "source" and kinds["article:hl"] == "article"
    # Only the official ends a chain: the cited Ledger has its own article in the graph.
    assert [n.id for n in graph.nodes if n.origin] == ["source:seniorofficial"]


def test_an_unsourced_article_and_a_cited_outlet_with_no_article_are_graph_origins():
    own = version(
        "own",
        outlet="Lindmark Observer",
        speaker=None,
        source_type="own_voice",
        chain=[outlet_link("Lindmark Observer")],
    )
    cites = version(
        "wp",
        outlet="Capital Wire",
        speaker="Washington Post",
        source_type="outlet",
        chain=[outlet_link("Capital Wire"), outlet_link("Washington Post")],
    )
    graph = provenance_graph([own, cites])
    origins = sorted(n.id for n in graph.nodes if n.origin)
    assert origins == ["article:own", "outlet:washingtonpost"]


speakers = st.sampled_from([*SOURCES, None])
vias = st.lists(st.sampled_from(["Washington Post", "Reuters", "TASS"]), max_size=2)


@st.composite
def versions_strategy(draw):
    out = []
    for n in range(draw(st.integers(1, 8))):
        article = draw(st.sampled_from("abcd"))
        speaker = draw(speakers)
        if speaker is None:
            out.append(version(article, claim=n))
            continue
        kind = SOURCES[speaker]
        chain = [HERE] + [{"name": o, "type": "outlet"} for o in draw(vias)]
        chain.append({"name": speaker, "type": kind})
        out.append(version(article, claim=n, speaker=speaker, source_type=kind, chain=chain))
    return out


@given(versions_strategy())
def test_origin_counts_stay_between_one_and_the_sources_mentioned(versions):
    # Sources mentioned: a named source by its name; an anonymous one (or a group) as each
    # article describes it, since two articles' "a senior official" may be two people; the
    # outlet itself for a claim in its own voice.
    found = origins(versions)
    mentioned = set()
    for v in versions:
        if not v.attributed:
            mentioned.add(("outlet", v.outlet))
        elif v.source_type in ("anonymous", "group"):
            mentioned.add((v.article, v.speaker))
        else:
            mentioned.add(("named", v.speaker))
    assert 1 <= len(found) <= len(mentioned)


# -- drift --------------------------------------------------------------------------------


def kinds(a: ClaimVersion, b: ClaimVersion) -> list[str]:
    return [change.kind for change in compare(a, b)]


def test_hedge_dropped_and_added_with_both_versions():
    hedged = version("a", quantities=[quantity("up to 6,000", 6000, "up to")])
    flat = version("b", quantities=[quantity("6,000", 6000)])
    (change,) = compare(hedged, flat)
    assert change.kind == "hedge_dropped"
    assert change.before == Wording("a", "up to 6,000")
    assert change.after == Wording("b", "6,000")
    assert kinds(flat, hedged) == ["hedge_added"]


def test_number_and_object_changes_but_not_synonyms():
    six = version("a", quantities=[quantity("6,000", 6000, obj="UAVs")])
    five = version("b", quantities=[quantity("5,000", 5000)])
    drones = version("c", quantities=[quantity("6,000", 6000, obj="Shahed drones")])
    tanks = version("d", quantities=[quantity("6,000", 6000, obj="tanks")])
    assert kinds(six, five) == ["number_changed"]
    assert kinds(six, drones) == []
    assert kinds(six, tanks) == ["object_changed"]
    # one thing named by all the other's words and more is the same thing
    magnum = version("e", quantities=[quantity("6,000", 6000, obj="Magnum")])
    handgun = version("f", quantities=[quantity("6,000", 6000, obj="Magnum handguns")])
    assert kinds(magnum, handgun) == []


def test_the_cue_of_a_version_that_credits_no_one_sets_its_certainty():
    # "Gomes is expected to be arraigned": the parser reads "is expected" as a reporting
    # verb without a speaker, and the version's words start after it
    expected = version(
        "a", text="to be arraigned today in district court", cue="is expected", kind="indirect"
    )
    will = version("b", text="Gomes will be arraigned today in district court.")
    assert "certainty_strengthened" in kinds(expected, will)
    plain = version("a", text="to be arraigned today in district court")
    assert "certainty_strengthened" not in kinds(plain, will)


def test_a_described_person_against_a_named_one_is_no_speaker_change():
    def credited(article: str, speaker: str, speaker_id: str, source_type: str):
        chain = [HERE, {"name": speaker, "type": source_type}]
        return version(
            article,
            speaker=speaker,
            speaker_id=speaker_id,
            source_type=source_type,
            kind="indirect",
            chain=chain,
        )

    minister = credited("a", "the church's minister", "office:the-churchs-minister", "person")
    pastor = credited("b", "Larry Kroon", "person:larry-kroon", "person")
    assert kinds(minister, pastor) == []  # the minister may be Kroon
    assert kinds(pastor, minister) == []
    police = credited("c", "Police", "government:police", "government")
    witness = credited("d", "eyewitness", "other:eyewitness", "other")
    assert kinds(police, witness) == ["source_changed"]  # a body is no person
    neighbours = credited("e", "neighbours", "description:neighbours", "other")
    assert kinds(neighbours, pastor) == ["source_changed"]  # several people are not one


def test_certainty_is_the_shared_propositions_not_an_added_phrase():
    five = version("a", text="Five women were inside the church working on crafts.")
    more = version(
        "b",
        text="Five women, and possibly a couple of children, were inside the church working "
        "on crafts.",
    )
    assert kinds(five, more) == []  # "possibly" is of the children, not of the women
    may = version("c", text="Five women may have been inside the church working on crafts.")
    assert kinds(five, may) == ["certainty_weakened"]


def test_credits_of_versions_the_aligner_reads_as_one_statement_are_compared():
    deputies = [HERE, {"name": "Marion County deputies", "type": "government"}]
    said = version(
        "a",
        text="The explosion happened at the West Coast Bank on Highway 214 early on Friday.",
        speaker="Marion County deputies",
        source_type="government",
        kind="indirect",
        chain=deputies,
    )
    fact = version("b", text="A device detonated inside a Woodburn branch office that evening.")
    assert kinds(said, fact) == []  # too few words in common to read them as one statement
    statements = {frozenset((said.key, fact.key))}
    assert [d.kind for d in drift([said, fact], statements)] == ["attribution_dropped"]
    # a change of speaker needs the same words, not only the same sense: two people saying
    # alike in their own words are two sources more often than one misattributed
    sheriff = [HERE, {"name": "Sheriff Dale Roe", "type": "person"}]
    other = version(
        "b",
        text=fact.text,
        speaker="Sheriff Dale Roe",
        source_type="person",
        kind="indirect",
        chain=sheriff,
    )
    statements = {frozenset((said.key, other.key))}
    assert [d.kind for d in drift([said, other], statements)] == []


def test_hearsay_dropped_between_versions_the_aligner_joins_is_a_hedge():
    alleged = version("a", text="Comeaux allegedly produced a weapon and fired upon two officers.")
    plain = version("b", text="He pulled a gun on the guards and shot at them.")
    assert kinds(alleged, plain) == []  # too few words in common to read them as one
    statements = {frozenset((alleged.key, plain.key))}
    assert [d.kind for d in drift([alleged, plain], statements)] == ["hedge_dropped"]
    again = version("c", text="He reportedly pulled a gun on the guards and shot at them.")
    assert [d.kind for d in drift([alleged, again], {frozenset((alleged.key, again.key))})] == []


def test_charged_to_convicted_is_certainty():
    charged = version(
        "a", text="In 2005 he was charged with assault on Mendes, court records show."
    )
    convicted = version(
        "b", text="In 2005 he was convicted of assault on Mendes, court records show."
    )
    assert kinds(charged, convicted) == ["certainty_strengthened"]
    assert kinds(convicted, charged) == ["certainty_weakened"]
    again = version("c", text="In 2005 he was charged with assault on Mendes, court records said.")
    assert kinds(charged, again) == []


def test_an_ordinal_is_a_position_not_a_count():
    def counted(article: str, text: str, value: float, obj: str, kind: str = "count"):
        return version(article, quantities=[{**quantity(text, value, obj=obj), "kind": kind}])

    women = counted("a", "two women", 2, "women")
    floor = counted("b", "second floor", 2, "floor", "ordinal")
    assert kinds(women, floor) == []  # not the same number counting another thing
    outage = counted("a", "second outage", 2, "outage", "ordinal")
    time = counted("b", "second time", 2, "time", "ordinal")
    assert kinds(outage, time) == []
    counts = counted("a", "two counts", 2, "counts")
    charges = counted("b", "two murder charges", 2, "murder charges")
    assert kinds(counts, charges) == []  # one group of nlp/data/synonyms.txt


def test_numbers_whose_value_is_not_read_change_only_when_their_words_do():
    def vague(article: str, text: str) -> ClaimVersion:
        return version(article, quantities=[{**quantity(text, 0), "value": None, "kind": "vague"}])

    assert kinds(vague("a", "several"), vague("b", "several")) == []
    assert kinds(vague("a", "thousands"), vague("b", "hundreds")) == ["number_changed"]


def test_certainty_attribution_speaker_and_source_changes():
    kirby = [HERE, {"name": "John Kirby", "type": "person"}]
    said = version("a", speaker="John Kirby", source_type="person", chain=kirby)
    may = version("a", text="Valdoria may send 6,000 drones.")
    assert kinds(may, version("b")) == ["certainty_strengthened"]
    assert kinds(said, version("b")) == ["attribution_dropped"]
    # someone's words the article did not tie to a speaker drop no credit
    for words in ("I dated a million guys, but I'm happy now.", "“It was her decision.”"):
        quoted = version("a", text=words, speaker="John Kirby", source_type="person", chain=kirby)
        assert kinds(quoted, version("b", text=words)) == []
    assert kinds(
        version(
            "a",
            text="It was her decision.",
            speaker="John Kirby",
            source_type="person",
            chain=kirby,
        ),
        version("b", text="It was her decision."),
    ) == ["attribution_dropped"]
    ministry = version("b", speaker="Ministry of Defence", source_type="government", chain=kirby)
    assert kinds(said, ministry) == ["speaker_changed"]
    assert kinds(via_post("a", "a senior military official"), via_post("b", "a source")) == [
        "source_changed"
    ]


def test_a_reworded_quotation_is_flagged_and_an_identical_one_is_not():
    said = "Russia is looking to cooperate with Iran in areas such as training"
    one = version("a", quotes=[said])
    reworded = "Russia is seeking to collaborate with Iran in areas like training"
    other = version("b", quotes=[reworded])
    same = version("c", quotes=[said])
    assert kinds(one, other) == ["quote_reworded"]
    assert kinds(one, same) == []


def test_quotation_marks_and_apostrophes_are_no_rewording_and_a_cut_is_an_excerpt():
    one = version("a", quotes=["We won’t stop until the dam is safe"])
    straight = version("b", quotes=["we won't stop until the dam is safe"])
    cut = version("c", quotes=["until the dam is safe"])
    assert kinds(one, straight) == []
    assert kinds(one, cut) == ["excerpted"]
    assert compare(one, cut)[0].severity == "low"


def test_allegedly_dropped_is_a_hedge_dropped_and_may_is_certainty():
    alleged = version("a", text="Gomes had allegedly barricaded himself in a room.")
    plain = version("b", text="Gomes had barricaded himself in a room.")
    assert kinds(alleged, plain) == ["hedge_dropped"]
    assert kinds(plain, alleged) == ["hedge_added"]
    may = version("c", text="Gomes may have barricaded himself in a room.")
    assert kinds(may, plain) == ["certainty_strengthened"]


def test_an_extra_sentence_changes_no_certainty():
    one = version("a", text="Valdoria sent 6,000 drones.")
    longer = version("b", text="Valdoria sent 6,000 drones. More may follow next year.")
    assert kinds(one, longer) == []
    hedged = version("c", text="Valdoria may have sent 6,000 drones.")
    assert kinds(one, hedged) == ["certainty_weakened"]


def test_two_versions_that_do_not_state_one_thing_have_no_changed_number():
    one = version("a", text="Valdoria sent 6,000 drones.", quantities=[quantity("6,000", 6000)])
    other = version(
        "b", text="Rain fell on 40 towns across Ostmark.", quantities=[quantity("40", 40)]
    )
    assert kinds(one, other) == []
    changed = version("c", text="Valdoria sent 5,000 drones.", quantities=[quantity("5,000", 5000)])
    assert kinds(one, changed) == ["number_changed"]


def test_a_stronger_reporting_verb_of_the_same_speaker_is_certainty():
    chain = [HERE, {"name": "Ann Lee", "type": "person"}]
    fields = {"speaker": "Ann Lee", "source_type": "person", "chain": chain}
    suggested = version("a", cue="suggested", speaker_id="person:ann-lee", **fields)
    admitted = version("b", cue="admitted", speaker_id="person:ann-lee", **fields)
    assert kinds(suggested, admitted) == ["certainty_strengthened"]
    other = version("c", cue="admitted", speaker_id="person:bo-ray", **{**fields, "speaker": "Bo"})
    assert kinds(suggested, other) == ["speaker_changed"]  # two sources: not the verb


def test_one_canonical_speaker_under_two_names_is_no_speaker_change():
    fields = {"source_type": "person", "speaker_id": "person:donald-trump"}
    trump = version("a", speaker="Trump", chain=[HERE, {"name": "Trump"}], **fields)
    full = version("b", speaker="Donald Trump", chain=[HERE, {"name": "Donald Trump"}], **fields)
    assert kinds(trump, full) == []
    minister = version("c", speaker="the minister", source_type="person", speaker_id="office:x")
    eyewitness = version("d", speaker="eyewitness", source_type="other", speaker_id="other:e")
    assert kinds(minister, eyewitness) == ["source_changed"]  # unnamed: a low-severity change


def test_a_source_left_unknown_is_no_change_of_speaker():
    spokesman = version(
        "a", speaker="Simon Gordon", source_type="person", speaker_id="person:simon-gordon"
    )
    relayed = version("b", speaker="Bloomberg", source_type="outlet", speaker_id="outlet:bloomberg")
    statement = version("c", speaker="a statement", source_type="document")
    company = version(
        "d", speaker="Kraft Foods", source_type="organisation", speaker_id="organisation:kraft"
    )
    # an outlet credited alone relays someone it does not name; a statement's author is unknown
    assert kinds(spokesman, relayed) == []
    assert kinds(statement, company) == []
    assert kinds(company, spokesman) == ["speaker_changed"]
    reuters = version("e", speaker="Reuters", source_type="outlet", speaker_id="outlet:reuters")
    assert kinds(relayed, reuters) == []  # two relays may pass on one source
    authorities = version(
        "f", speaker="Authorities", source_type="government", speaker_id="government:authorities"
    )
    assert kinds(authorities, spokesman) == []  # the authorities may be the one named


def test_a_dropped_quantifier_hedge_is_hedge_drift():
    nearly = version("a", text="Checks are required for nearly all gun sales.")
    all_ = version("b", text="Checks are required for all gun sales.")
    assert kinds(nearly, all_) == ["hedge_dropped"]


def test_drift_leads_with_what_matters():
    first = version("a", quantities=[quantity("up to 6,000", 6000, "up to")], quotes=["a b c d"])
    later = version("b", quantities=[quantity("6,000", 6000)], quotes=["a b c"])
    assert [(c.kind, c.severity) for c in drift([first, later])] == [
        ("hedge_dropped", "high"),
        ("excerpted", "low"),
    ]


def test_drift_is_measured_from_the_first_appearance():
    later = version("b", published="2026-03-04", quantities=[quantity("6,000", 6000)])
    hedged = quantity("up to 6,000", 6000, "up to")
    first = version("a", published="2026-03-02", quantities=[hedged])
    assert first_version([later, first]) is first
    assert [c.kind for c in drift([later, first])] == ["hedge_dropped"]


def test_each_version_is_compared_with_the_earlier_version_closest_to_it():
    first = version("a", published="2026-03-01", text="Valdoria and Norland held talks on drones.")
    hedged = quantity("up to 6,000", 6000, "up to")
    second = version(
        "b",
        published="2026-03-02",
        text="Valdoria agreed to send up to 6,000 drones to Norland this year.",
        quantities=[hedged],
    )
    third = version(
        "c",
        published="2026-03-03",
        text="Valdoria agreed to send 6,000 drones to Norland this year.",
        quantities=[quantity("6,000", 6000)],
    )
    changes = drift([third, first, second])
    assert [(c.kind, c.before.article, c.after.article) for c in changes] == [
        ("hedge_dropped", "b", "c")
    ]


def _police(article: str, **fields) -> ClaimVersion:
    chain = [HERE, {"name": "police", "type": "group"}]
    return version(article, speaker="police", source_type="group", chain=chain, **fields)


def test_an_uncredited_version_is_compared_with_the_closest_credited_one():
    text = "The bomb exploded at the bank in Woodburn on Friday."
    other = "The bomb exploded at the West Coast bank on Friday evening."
    credited = _police("a", published="2026-03-01", text=other)
    own = version("b", published="2026-03-02", text=text)
    again = version("c", published="2026-03-03", text=text)
    # "c" is closest to "b" (no credit on either); its credit is read against "a"
    changes = [(c.kind, c.before.article, c.after.article) for c in drift([again, own, credited])]
    assert changes == [("attribution_dropped", "a", "b"), ("attribution_dropped", "a", "c")]


def test_without_a_known_order_the_credited_version_is_the_fuller_one():
    text = "The bomb exploded at the bank just before 5:30 p.m. on Friday."
    own = version("a", text=text, order=0, chain=[HERE])  # first by arrival and chain
    credited = _police("b", text=text, order=1)
    changes = drift([own, credited])
    assert [(c.kind, c.before.article, c.after.article) for c in changes] == [
        ("attribution_dropped", "b", "a")
    ]
    # with dates, a credit added later is no dropped credit
    dated = drift([version("a", text=text, published="2026-03-01"),
                   _police("b", text=text, published="2026-03-02")])  # fmt: skip
    assert dated == []


def test_without_dates_the_cited_outlet_comes_first():
    hedged = quantity("up to 6,000", 6000, "up to")
    original = version("hl", outlet="Harbor Ledger", quantities=[hedged])
    copy = version(
        "cw",
        outlet="Capital Wire",
        speaker="Harbor Ledger",
        source_type="outlet",
        chain=[HERE, {"name": "The Harbor Ledger", "type": "outlet"}],
        quantities=[quantity("6,000", 6000)],
    )
    assert [v.article for v in timeline([copy, original])] == ["hl", "cw"]
    assert [c.kind for c in drift([copy, original])] == ["hedge_dropped"]


# -- alignment ----------------------------------------------------------------------------


def unit(*values: float) -> np.ndarray:
    v = np.array(values + (0.0,) * (8 - len(values)), dtype=np.float32)
    return v / np.linalg.norm(v)


def test_alignment_pairs_mutual_best_matches_one_version_per_article():
    a1 = version("a", "Drones were sent.", claim=0)
    a2 = version("a", "Drones were paid for.", claim=1)
    b1 = version("b", "Drones arrived.", claim=0)
    c1 = version("c", "Drones landed.", claim=0)
    vectors = np.stack([unit(1, 0.1), unit(1, 0.6), unit(1, 0.05), unit(0, 1)])
    groups = align([a1, a2, b1, c1], vectors, threshold=0.9)
    assert [[v.key for v in g] for g in groups] == [["a#0", "b#0"], ["a#1"], ["c#0"]]


def test_a_sentence_carrying_two_claims_joins_both_when_numbers_agree():
    drones = version("a", "up to 6,000 drones", quantities=[quantity("up to 6,000", 6000, "up to")])
    factory = version("a", "designs for the factory", claim=1)
    both = version("b", "6,000 drones and designs", quantities=[quantity("6,000", 6000)])
    # "both" is closest to the factory claim; the drones claim reaches it through the number.
    vectors = np.stack([unit(1, 1.2), unit(1, 0.1), unit(1, 0.05)])
    groups = align([drones, factory, both], vectors, threshold=0.9)
    assert sorted([v.key for v in g] for g in groups) == [["a#0", "b#0"], ["a#1", "b#0"]]


def test_quotations_align_only_with_the_same_speaker_unless_their_words_are_found():
    def said(article: str, who: str, words: str) -> ClaimVersion:
        chain = [HERE, {"name": who, "type": "person"}]
        return version(
            article, f"“{words}”", kind="direct", speaker=who, source_type="person",
            speaker_id=f"person:{who.lower()}", chain=chain, quotes=[words],
        )  # fmt: skip

    kirby = said("a", "Kirby", "We are concerned about the components Russia sends")
    other = said("b", "Venn", "Russia is offering an unprecedented level of support")
    vectors = np.stack([unit(1, 0.1), unit(1, 0.12)])  # as close as a shared topic makes them
    groups = align([kirby, other], vectors, threshold=0.9)
    assert [[v.key for v in g] for g in groups] == [["a#0"], ["b#0"]]
    credited_otherwise = said("b", "Venn", "We are concerned about the components Russia sends")
    vectors = np.stack([unit(1, 0.1), unit(1, 0.12)])
    groups = align([kirby, credited_otherwise], vectors, threshold=0.9)
    assert [sorted(v.key for v in g) for g in groups] == [["a#0", "b#0"]]


def test_versions_come_from_claims_and_from_attributions_that_are_not_claims():
    analysis = {
        "id": "x",
        "outlet": "Desk",
        "entities": [{"name": "Kofi Abara", "mentions": [{"start": 20, "end": 30}]}],
        "quantities": [],
        "attributions": [
            {
                "kind": "direct",
                "speaker": "Kofi Abara",
                "source_type": "person",
                "source": {"text": "Kofi Abara", "start": 20, "end": 30},
                "content": [{"text": "“We will appeal”", "start": 0, "end": 16}],
                "chain": [HERE, {"name": "Kofi Abara", "type": "person"}],
            }
        ],
        "claims": [],
    }
    (only,) = claim_versions(analysis)
    assert only.speaker == "Kofi Abara" and only.quotes == ["We will appeal"]
    analysis["attributions"][0]["states"] = False  # "declined to comment" is traced nowhere
    assert claim_versions(analysis) == []


def test_a_quote_that_goes_on_in_the_next_sentence_is_two_versions_a_split_one_is_one():
    from sourcetrace.nlp.analysis import analyse_text

    text = (
        "“The dock is finished,” Ilse Marren said on Tuesday. “Nobody will use it before "
        "spring.”\n\n“The town,” Pavel Orlov said, “needed a school instead.”"
    )
    versions = claim_versions(analyse_text(text, article_id="a", outlet="Desk").to_dict())
    by_speaker = {}
    for v in versions:
        by_speaker.setdefault(v.speaker, []).append(v.text)
    assert sorted(by_speaker["Ilse Marren"]) == [
        "“Nobody will use it before spring.”",
        "“The dock is finished,”",
    ]
    (orlov,) = by_speaker["Pavel Orlov"]
    assert "The town" in orlov and "needed a school" in orlov


def test_agency_copy_in_two_outlets_is_one_origin_the_agency():
    from sourcetrace.nlp.analysis import analyse_text

    copy = (
        "CORVANE (Reuters) - Valdoria will sell 4,000 Kestrel drones to Ostmark in a $600 "
        "million deal.\n\nThe first deliveries are due in May, two officials said."
    )
    # the same facts in its own words (the same words would be the agency's, uncredited)
    own = "Valdoria will sell drones to its neighbour Ostmark: 4,000 Kestrels for $600 million."
    texts = [("Daily Planet", copy), ("Evening Star", copy), ("Coastal Times", own)]
    analyses = [
        analyse_text(text, article_id=f"a{i}", outlet=outlet).to_dict()
        for i, (outlet, text) in enumerate(texts)
    ]
    assert [a["wire"] for a in analyses] == ["Reuters", "Reuters", None]
    officials = next(
        a for a in analyses[0]["attributions"] if "deliveries" in a["content"][0]["text"]
    )
    assert [link["name"] for link in officials["chain"]] == [
        "Daily Planet",
        "Reuters",
        "two officials",
    ]
    deal = [
        v for i, a in enumerate(analyses) for v in claim_versions(a, i) if "4,000 Kestrel" in v.text
    ]
    assert len(deal) == 3
    assert all(v.text.startswith("Valdoria will sell") for v in deal)  # not the dateline
    found = {o.name: o for o in origins(deal)}
    assert set(found) == {"Reuters", "Coastal Times"}
    assert found["Reuters"].carried_by == ("Daily Planet", "Evening Star")
    assert found["Coastal Times"].type == "own_voice"


def test_two_outlets_quoting_one_office_holder_are_one_origin_two_unnamed_officials_two():
    from sourcetrace.nlp.analysis import analyse_text

    def deal_versions(speaker: str) -> list[ClaimVersion]:
        texts = [
            ("Daily Planet", f"{speaker} said Valdoria would sell 4,000 drones to Ostmark."),
            ("Evening Star", f"Valdoria will sell 4,000 drones to Ostmark, {speaker} said."),
        ]
        return [
            v
            for i, (outlet, text) in enumerate(texts)
            for v in claim_versions(
                analyse_text(text, article_id=f"a{i}", outlet=outlet).to_dict(), i
            )
            if "4,000 drones" in v.text
        ]

    office = deal_versions("The Valdorian defence minister")
    assert len(office) == 2
    (origin,) = origins(office)
    assert origin.type == "person" and "defence minister" in origin.name
    # an unnamed official in each outlet: two outlets' own sources, which nobody can match
    assert len(origins(deal_versions("A Valdorian official"))) == 2


# -- the seed articles ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_trace(tmp_path_factory):
    if not SEEDS.is_dir():
        pytest.skip(f"the seed articles are not here ({SEEDS} is absent)")
    db = str(tmp_path_factory.mktemp("seeds") / "s.db")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(SEEDS), "--db", db, "-q"]).exit_code == 0
    result = runner.invoke(app, ["trace", "--format", "json", "--db", db])
    assert result.exit_code == 0, result.output
    (story,) = json.loads(result.stdout)["stories"]
    return story["claims"]


def claim_with(claims, *words):
    found = [c for c in claims if any(all(w in v["text"] for w in words) for v in c["versions"])]
    assert found, words
    return max(found, key=lambda c: len(c["articles"]))


def drift_kinds(claim):
    return {d["kind"] for d in claim["drift"]}


@pytest.mark.parametrize("words", [("6,000",), ("$1 billion",)])
def test_seed_numbers_align_with_one_origin_through_the_post_and_a_dropped_hedge(seed_trace, words):
    claim = claim_with(seed_trace, *words)
    assert len(claim["articles"]) == 2
    assert claim["independent_origins"] == 1
    assert claim["origins"][0]["via"] == ["Washington Post"]
    assert "hedge_dropped" in drift_kinds(claim)
    assert "1 origin: both cite Washington Post" in claim["explanation"]


def test_seed_factory_claim_aligns(seed_trace):
    claim = claim_with(seed_trace, "technical supervision")
    assert len(claim["articles"]) == 2


def test_seed_kirby_quote_aligns_and_is_reworded(seed_trace):
    claim = claim_with(seed_trace, "weapons development")
    assert len(claim["articles"]) == 2
    assert "quote_reworded" in drift_kinds(claim)


def test_seed_unprecedented_support_changes_speaker(seed_trace):
    claim = claim_with(seed_trace, "unprecedented level")
    assert len(claim["articles"]) == 2
    (change,) = [d for d in claim["drift"] if d["kind"] == "speaker_changed"]
    assert {change["from"]["text"], change["to"]["text"]} == {"John Kirby", "Ministry of Defence"}


def test_seed_kirby_components_quote_aligns_with_kirby_only(seed_trace):
    claim = claim_with(seed_trace, "advanced military components")
    assert len(claim["articles"]) == 2
    assert {v["speaker_id"] for v in claim["versions"]} == {"person:john-kirby"}


def test_seed_drift_has_no_certainty_flag(seed_trace):
    kinds = {d["kind"] for c in seed_trace for d in c["drift"]}
    assert not {"certainty_strengthened", "certainty_weakened"} & kinds
    assert {"hedge_dropped", "quote_reworded", "speaker_changed"} <= kinds


@pytest.mark.parametrize("word", ["Su-35", "S-400"])
def test_seed_claims_in_one_article_stay_single(seed_trace, word):
    shared = [c for c in seed_trace if len(c["articles"]) > 1]
    assert not [c for c in shared if any(word in v["text"] for v in c["versions"])]


# -- the demo corpus: source profiles and the contract ---------------------------------------


def test_trace_json_follows_the_contract(demo_db):
    result = CliRunner().invoke(app, ["trace", "1", "--format", "json", "--db", str(demo_db)])
    assert result.exit_code == 0, result.output
    (story,) = json.loads(result.stdout)["stories"]
    assert set(story) == {"id", "label", "claims"}
    for claim in story["claims"]:
        assert {"id", "text", "articles", "outlets", "first_seen", "independent_origins",
                "origins", "explanation", "drift"} <= set(claim)  # fmt: skip
        assert claim["independent_origins"] == len(claim["origins"]) >= 1
        for change in claim["drift"]:
            assert set(change) == {"kind", "from", "to", "severity"}
            assert change["severity"] in ("high", "medium", "low")
            assert set(change["from"]) == set(change["to"]) == {"article", "text"}


def test_a_source_profile_lists_the_claims_credited_to_it(demo_db):
    result = CliRunner().invoke(app, ["source", "Ilse Marren", "--json", "--db", str(demo_db)])
    assert result.exit_code == 0, result.output
    claims = json.loads(result.stdout)["claims"]
    lawful = [c for c in claims if "mutually beneficial" in c["text"]]
    assert lawful
    outlets = {c["outlet"] for c in lawful[0]["credited_in"]}
    assert {"The Harbor Ledger", "Capital Wire"} <= outlets
    assert all(c["speaker"] == "Ilse Marren" for c in lawful[0]["credited_in"])
    missing = CliRunner().invoke(app, ["source", "Nobody Atall", "--db", str(demo_db)])
    assert missing.exit_code == 1 and "no claim is credited" in missing.stdout


def test_tracing_again_reuses_the_stored_analyses(demo_db, monkeypatch):
    import sourcetrace.nlp.analysis as analysis

    CliRunner().invoke(app, ["trace", "1", "--format", "json", "--db", str(demo_db)])

    def refuse(*args, **kwargs):
        raise AssertionError("analysed again")

    monkeypatch.setattr(analysis, "analyse_many", refuse)
    again = CliRunner().invoke(app, ["trace", "1", "--format", "json", "--db", str(demo_db)])
    assert again.exit_code == 0, again.output


def test_a_traced_story_is_stored_and_traced_again_only_when_its_articles_change(
    demo_db, tmp_path, monkeypatch
):
    import shutil

    import sourcetrace.trace.service as service
    from sourcetrace.pipeline import process
    from sourcetrace.store import open_store

    db = tmp_path / "copy.db"
    shutil.copy(demo_db, db)
    calls = []
    real = service.trace_versions
    monkeypatch.setattr(service, "trace_versions", lambda *a: calls.append(1) or real(*a))
    with open_store(db) as store:
        first = service.trace_stories(store, 1)
        assert calls == []  # the session's demo database was traced when it was built
        article = store.get(first.stories[0].claims[0].articles[0], with_raw=True)
        article.text += "\n\nA paragraph added later."
        run = store.start_run(["test"])
        assert store.save_batch(run, [article], []) == ["updated"]
        store.finish_run(run, 0.0)
        process(store)
        again = service.trace_stories(store, 1)
    assert calls == [1]
    assert [c.text for c in again.stories[0].claims] == [c.text for c in first.stories[0].claims]


def test_a_story_not_traced_yet_is_left_out_with_its_reason_not_fatal(tmp_path):
    """Reading every story stopped at the first one not traced (an article whose analysis
    failed keeps its story untraced), so `trace` and `match` printed nothing else."""
    from sourcetrace.ingest import IngestOptions, ingest
    from sourcetrace.pipeline import process
    from sourcetrace.store import open_store
    from sourcetrace.stories.service import update_stories
    from sourcetrace.trace.service import NotReady, trace_stories

    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(
        "Tessel Quay crane collapses\n\nThe harbour crane at Tessel Quay collapsed on Tuesday,"
        " port officials said. Repairs will cost about $2 million, the port authority said."
    )
    second.write_text(
        "Orchard festival moves indoors\n\nThe apple festival in Brindlemoor will move into the"
        " town hall this year, organiser Hanne Veld said, after two weeks of heavy rain."
    )
    with open_store(tmp_path / "t.db") as store:
        ingest([str(first)], store, IngestOptions())
        process(store)
        ingest([str(second)], store, IngestOptions())
        update_stories(store)  # grouped, but not analysed or traced
        with pytest.raises(NotReady):
            trace_stories(store)
        read = trace_stories(store, skip_untraced=True)
    assert [s.label for s in read.stories] == ["Tessel Quay crane collapses"]
    (reason,) = read.untraced
    assert "is not traced yet: 1 of its articles" in reason
