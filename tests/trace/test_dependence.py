"""Own-voice versions taken from another outlet: reused sentences, wire copy, an earlier
outlet the article cites; and the demo's copied background."""

from __future__ import annotations

from dataclasses import replace

from sourcetrace.nlp.settings import AnalysisSettings
from sourcetrace.report.svg import graph_svg
from sourcetrace.store.sqlite import SQLiteStore
from sourcetrace.trace.dependence import dependence
from sourcetrace.trace.graph import provenance_graph
from sourcetrace.trace.origins import explain, origins
from sourcetrace.trace.records import GraphEdge
from sourcetrace.trace.service import trace_stories
from tests.trace.test_trace import outlet_link, version

OFFICIAL = {"name": "a senior official", "type": "anonymous"}


def analysis(article: str, outlet: str, published: str, sentences: int = 5, **fields) -> dict:
    spans = [{"start": 100 * n, "end": 100 * n + 90} for n in range(sentences)]
    return {"id": article, "outlet": outlet, "published": published, "sentences": spans, **fields}


def ledger_version():
    return version(
        "hl",
        outlet="The Harbor Ledger",
        published="2026-03-02",
        speaker="a senior official",
        source_type="anonymous",
        chain=[outlet_link("The Harbor Ledger"), OFFICIAL],
        start=0,
    )


def copied_pair(sentences: list[tuple[int, int]]) -> dict:
    aligned = [{"a": [s, e], "b": [s, e], "kind": "rewritten"} for s, e in sentences]
    pair = {"a": "hl", "b": "cw", "verdict": "reuse", "direction": "b_from_a", "wire": None}
    return {**pair, "sentences": aligned}


STORY = [
    analysis("hl", "The Harbor Ledger", "2026-03-02", sentences=7),
    analysis("cw", "Capital Wire", "2026-03-03"),
]


def test_an_own_voice_sentence_reused_from_an_earlier_article_comes_from_its_source():
    copied = version("cw", outlet="Capital Wire", published="2026-03-03", start=210)
    found = dependence(STORY, [copied_pair([(0, 90), (200, 290), (300, 390)])], [])
    (origin,) = origins([ledger_version(), copied], found)
    assert origin.type == "anonymous" and origin.carried_by == ("The Harbor Ledger", "Capital Wire")
    reason = "Capital Wire reuses 3 of 7 sentences of The Harbor Ledger, published a day earlier"
    assert origin.derived == (reason,)
    assert reason in explain([ledger_version(), copied], [origin])


def test_an_own_voice_sentence_outside_the_reused_ones_is_inferred_from_the_reused_article():
    elsewhere = version("cw", outlet="Capital Wire", published="2026-03-03", start=410)
    found = dependence(STORY, [copied_pair([(0, 90), (200, 290)])], [])
    (origin,) = origins([ledger_version(), elsewhere], found)
    assert origin.type == "anonymous"
    assert origin.derived == (
        "inferred: Capital Wire reuses 2 other sentences of The Harbor Ledger, which carried"
        " this a day earlier",
    )
    # the article it reuses does not carry the claim: the sentence stays its own
    alone = origins([elsewhere], found)
    assert [(o.type, o.derived) for o in alone] == [("own_voice", ())]


def test_wire_copy_comes_from_the_agency_unless_the_article_is_the_agencys():
    post = analysis("dp", "Daily Post", "2026-03-04")
    agency = analysis("ap", "Associated Press", "2026-03-04")
    credits = [
        {"article": "dp", "wire": "Associated Press", "evidence": [0, 4], "kind": "credit"},
        {"article": "ap", "wire": "Associated Press", "evidence": [0, 4], "kind": "dateline"},
    ]
    found = dependence([post, agency], [], credits)
    mine = version("dp", outlet="Daily Post", start=0)
    (origin,) = origins([mine], found)
    assert (origin.name, origin.type) == ("Associated Press", "outlet")
    assert origin.derived == ("Daily Post is Associated Press copy (credits it as the source)",)
    own = version("ap", outlet="Associated Press", start=0)
    assert [o.type for o in origins([own], found)] == ["own_voice"]


def test_an_earlier_outlet_the_article_cites_elsewhere_is_its_inferred_source():
    citing = {"chain": [outlet_link("Lindmark Observer"), outlet_link("Harbor Ledger")]}
    story = [
        STORY[0],
        analysis("lo", "Lindmark Observer", "2026-03-06", attributions=[citing]),
        analysis("nc", "Northern Courier", "2026-03-06"),
    ]
    found = dependence(story, [], [])
    observer = version("lo", outlet="Lindmark Observer", published="2026-03-06", start=0)
    courier = version("nc", outlet="Northern Courier", published="2026-03-06", start=0)
    first, second = origins([ledger_version(), observer, courier], found)
    assert first.carried_by == ("The Harbor Ledger", "Lindmark Observer")
    assert first.derived == (
        "inferred: Lindmark Observer cites The Harbor Ledger elsewhere in its article, and"
        " The Harbor Ledger carried this 4 days earlier",
    )
    assert second.type == "own_voice"  # cites no one: its own voice
    # an outlet it cites that carried the claim only later is no source of it
    assert [o.type for o in origins([observer, ledger_version()], found)] == [
        "own_voice",
        "anonymous",
    ]


def test_demo_capital_wire_and_lindmark_observer_background_come_from_the_ledger(demo_db):
    with SQLiteStore(demo_db) as store:
        (story, *_) = trace_stories(store, settings=AnalysisSettings()).stories
    own = {o.name for claim in story.claims for o in claim.origins if o.type == "own_voice"}
    assert not own & {"Capital Wire", "Lindmark Observer"}
    explanations = " ".join(claim.explanation for claim in story.claims)
    assert "Capital Wire reuses 4 of 13 sentences of The Harbor Ledger" in explanations
    # the assembly plant: Lindmark Observer runs the Ledger's words without its credit
    assert (
        "inferred: Lindmark Observer runs the words The Harbor Ledger credits to a senior"
        " official briefed on the talks, without the credit" in explanations
    )


def shared_pair(a: str, b: str, sentences: list[tuple[int, int]], kind: str = "verbatim") -> dict:
    """Two articles that ran one text the same day, neither crediting the other."""
    aligned = [{"a": [s, e], "b": [s, e], "kind": kind} for s, e in sentences]
    pair = {"a": a, "b": b, "verdict": "reuse", "direction": "common_source", "wire": None}
    return {**pair, "sentences": aligned}


RELEASE_DAY = [
    analysis("tg", "Tidewater Gazette", "2026-03-05"),
    analysis("ft", "Fenwick Times", "2026-03-05"),
    analysis("mb", "Marlow Bulletin", "2026-03-05"),
]


def reprint(article: str, outlet: str, start: int = 110, **fields):
    return version(article, outlet=outlet, published="2026-03-05", start=start, **fields)


def test_same_day_sentences_alike_but_rewritten_stay_each_outlets_own():
    # two outlets reporting one event the same day in similar words: no direction, no
    # credit, no word-for-word text, so nothing says one depends on the other
    pairs = [shared_pair("tg", "ft", [(100, 190), (200, 290)], kind="rewritten")]
    found = dependence(RELEASE_DAY, pairs, [])
    versions = [reprint("tg", "Tidewater Gazette"), reprint("ft", "Fenwick Times")]
    assert len(origins(versions, found)) == 2


def test_same_day_reprints_of_one_text_are_one_common_origin():
    pairs = [shared_pair("tg", "ft", [(100, 190), (200, 290)])]
    pairs.append(shared_pair("ft", "mb", [(100, 190), (300, 390)]))
    found = dependence(RELEASE_DAY, pairs, [])
    versions = [
        reprint("tg", "Tidewater Gazette"),
        reprint("ft", "Fenwick Times"),
        reprint("mb", "Marlow Bulletin"),
    ]
    (origin,) = origins(versions, found)
    assert origin.name == (
        "a common text carried by Tidewater Gazette, Fenwick Times and Marlow Bulletin"
        " on 2026-03-05"
    )
    assert (origin.type, origin.unsourced) == ("common_source", True)
    assert origin.carried_by == ("Tidewater Gazette", "Fenwick Times", "Marlow Bulletin")
    assert explain(versions, [origin]) == (
        "3 outlets, 1 origin: a common text carried by Tidewater Gazette, Fenwick Times and"
        " Marlow Bulletin on 2026-03-05 (inferred: they run the same sentences the same day,"
        " and no credit says who copied)"
    )


def test_an_own_voice_sentence_outside_the_shared_text_stays_the_outlets_own():
    found = dependence(RELEASE_DAY, [shared_pair("tg", "ft", [(100, 190)])], [])
    versions = [reprint("tg", "Tidewater Gazette"), reprint("ft", "Fenwick Times", start=410)]
    assert [o.type for o in origins(versions, found)] == ["own_voice", "own_voice"]


def test_what_two_reprints_of_one_text_state_unsourced_elsewhere_is_from_that_text():
    # one sentence word for word and one rewritten: one text both ran and edited; a claim
    # each states unsourced in a sentence of its own is taken to come from it too, as it
    # would be from an earlier article with a date
    shared = shared_pair("tg", "ft", [(100, 190)])
    shared["sentences"].append({"a": [200, 290], "b": [200, 290], "kind": "rewritten"})
    found = dependence(RELEASE_DAY, [shared], [])
    versions = [
        reprint("tg", "Tidewater Gazette", start=410),
        reprint("ft", "Fenwick Times", start=310),
        reprint("mb", "Marlow Bulletin", start=410),
    ]
    common, own = origins(versions, found)
    assert common.carried_by == ("Tidewater Gazette", "Fenwick Times")
    assert common.derived == (
        "inferred: they run other sentences alike and state this unsourced the same day, and"
        " no credit says who copied",
    )
    assert (own.type, own.carried_by) == ("own_voice", ("Marlow Bulletin",))
    # one shared sentence alone, or rewritten sentences alone, join nothing
    for pair in (shared_pair("tg", "ft", [(100, 190)]), {**shared, "sentences": [
        {**s, "kind": "rewritten"} for s in shared["sentences"]
    ]}):  # fmt: skip
        assert len(origins(versions[:2], dependence(RELEASE_DAY, [pair], []))) == 2


def test_a_quote_both_reprints_carry_keeps_its_speaker_as_origin():
    found = dependence(RELEASE_DAY, [shared_pair("tg", "ft", [(100, 190)])], [])
    quoted = {"speaker": "Ada Lorn", "source_type": "person", "kind": "direct"}
    chain = [{"name": "Ada Lorn", "type": "person"}]
    versions = [
        reprint(
            "tg", "Tidewater Gazette", chain=[outlet_link("Tidewater Gazette"), *chain], **quoted
        ),
        reprint("ft", "Fenwick Times", chain=[outlet_link("Fenwick Times"), *chain], **quoted),
    ]
    (origin,) = origins(versions, found)
    assert (origin.name, origin.type, origin.derived) == ("Ada Lorn", "person", ())


def test_a_reprint_of_a_text_another_reprint_took_from_an_earlier_article_follows_it():
    story = [STORY[0], *RELEASE_DAY[:2]]
    earlier_copy = {**copied_pair([(0, 90), (100, 190)]), "b": "tg"}
    found = dependence(story, [earlier_copy, shared_pair("tg", "ft", [(100, 190)])], [])
    versions = [
        ledger_version(),
        reprint("tg", "Tidewater Gazette"),
        reprint("ft", "Fenwick Times"),
    ]
    (origin,) = origins(versions, found)
    assert origin.type == "anonymous"
    assert origin.carried_by == ("The Harbor Ledger", "Tidewater Gazette", "Fenwick Times")
    assert origin.derived[-1] == (
        "inferred: Fenwick Times runs the same sentences as Tidewater Gazette the same day,"
        " and no credit says who copied"
    )
    # drawn so too: the common text leads on to the Ledger's article, so it is no origin
    graph = provenance_graph(versions, found)
    assert (
        GraphEdge(
            "common:tg:0",
            "article:hl",
            "inferred_from",
            "inferred: Tidewater Gazette reuses text of it",
        )
        in graph.edges
    )
    assert [n.id for n in graph.nodes if n.origin] == ["source:seniorofficial"]


def test_undated_reprints_of_one_text_are_one_origin_and_say_no_date_tells():
    undated = [analysis("tg", "Tidewater Gazette", ""), analysis("ft", "Fenwick Times", "")]
    found = dependence(undated, [shared_pair("tg", "ft", [(100, 190)])], [])
    versions = [
        version("tg", outlet="Tidewater Gazette", start=120),
        version("ft", outlet="Fenwick Times", start=120),
    ]
    (origin,) = origins(versions, found)
    assert origin.name == "a common text carried by Tidewater Gazette and Fenwick Times"
    assert "with no date to tell which was first" in origin.derived[0]


def test_an_outlet_reusing_its_own_earlier_article_says_so():
    own = [
        analysis("hl", "The Harbor Ledger", "2026-03-02", sentences=7),
        analysis("hl2", "The Harbor Ledger", "2026-03-09"),
    ]
    found = dependence(own, [{**copied_pair([(0, 90), (200, 290)]), "b": "hl2"}], [])
    (derivation,) = found.reuse["hl2"]
    assert derivation.reason == (
        "The Harbor Ledger reuses 2 of 7 sentences of its own earlier article (2026-03-02)"
    )
    later = version("hl2", outlet="The Harbor Ledger", published="2026-03-09", start=210)
    (origin,) = origins([ledger_version(), later], found)
    assert origin.type == "anonymous"  # the later own-voice line rests on the official
    assert origin.derived == (derivation.reason,)


def test_the_graph_draws_reuse_wire_copy_and_a_common_text_apart_from_citations():
    story = [*STORY, *RELEASE_DAY[:2], analysis("dp", "Daily Post", "2026-03-05")]
    pairs = [copied_pair([(0, 90), (200, 290)]), shared_pair("tg", "ft", [(100, 190)])]
    credit = {"article": "dp", "wire": "Associated Press", "evidence": [0, 4], "kind": "credit"}
    found = dependence(story, pairs, [credit])
    copied = version("cw", outlet="Capital Wire", published="2026-03-03", start=210)
    versions = [
        ledger_version(),
        copied,
        reprint("tg", "Tidewater Gazette"),
        reprint("ft", "Fenwick Times"),
        reprint("dp", "Daily Post", start=10),
    ]
    graph = provenance_graph(versions, found)
    copies = [e.to_json() for e in graph.edges if e.kind not in ("publishes", "attributes_to")]
    assert copies == [
        {
            "from": "article:cw",
            "to": "article:hl",
            "kind": "reuses",
            "label": "reuses 2 of 7 sentences",
        },
        {
            "from": "article:dp",
            "to": "outlet:associatedpress",
            "kind": "wire_copy_of",
            "label": "wire copy of Associated Press",
        },
        {
            "from": "article:tg",
            "to": "common:tg:0",
            "kind": "runs_common_text",
            "label": "runs a common text",
        },
        {
            "from": "article:ft",
            "to": "common:tg:0",
            "kind": "runs_common_text",
            "label": "runs a common text",
        },
    ]
    origins_drawn = {n.id: n.label for n in graph.nodes if n.origin}
    assert origins_drawn["common:tg:0"] == "a common text of 2026-03-05"
    assert "outlet:associatedpress" in origins_drawn and "article:cw" not in origins_drawn
    drawn = graph_svg(graph, "claim")
    assert 'class="edge reuses"' in drawn and "<title>reuses 2 of 7 sentences</title>" in drawn
    assert provenance_graph(versions).edges == tuple(
        e for e in graph.edges if e.kind in ("publishes", "attributes_to")
    )  # without dependence: no copy edges


def test_the_graph_draws_an_inferred_source_cited_elsewhere_and_not_a_later_one():
    citing = {"chain": [outlet_link("Lindmark Observer"), outlet_link("Harbor Ledger")]}
    story = [STORY[0], analysis("lo", "Lindmark Observer", "2026-03-06", attributions=[citing])]
    found = dependence(story, [], [])
    observer = version("lo", outlet="Lindmark Observer", published="2026-03-06", start=0)
    graph = provenance_graph([ledger_version(), observer], found)
    (inferred,) = [e for e in graph.edges if e.kind == "inferred_from"]
    assert (inferred.start, inferred.end, inferred.label) == (
        "article:lo",
        "article:hl",
        "inferred: cites The Harbor Ledger elsewhere in its article",
    )
    assert not any(n.origin for n in graph.nodes if n.id == "article:lo")
    later = provenance_graph([observer, ledger_version()], found)
    assert not [e for e in later.edges if e.kind == "inferred_from"]


# -- one text: the same words in two articles, with no reuse pair between them -------------

TERMINAL = "The port authority will close its eastern container terminal for six weeks of repairs."


def test_own_voice_versions_in_the_same_words_are_one_common_text():
    first = version("x", text=TERMINAL, outlet="Daily Post")
    copy = version(
        "y",
        text="The Port Authority will close its eastern container terminal for six weeks of repair",
        outlet="Evening Star",
    )
    written = version(
        "z",
        text="Repairs will shut the eastern terminal of the port for six weeks, the owner says.",
        outlet="Coastal Times",
    )
    found = origins([first, copy, written])  # no reuse pair: the words alone
    assert [(o.type, o.carried_by) for o in found] == [
        ("common_source", ("Daily Post", "Evening Star")),
        ("own_voice", ("Coastal Times",)),
    ]
    assert found[0].name == "a common text carried by Daily Post and Evening Star"


def test_a_short_sentence_in_the_same_words_is_no_evidence_of_one_text():
    short = [version(a, text="The terminal will close in May.") for a in "xy"]
    assert [o.type for o in origins(short)] == ["own_voice", "own_voice"]


def test_own_voice_words_another_article_credits_to_a_source_come_from_that_source():
    credited = replace(
        ledger_version(),
        text="Valdoria would also help build an assembly plant in Ostmark's northern Lindmark"
        " province",
    )
    own = version(
        "lo",
        text="Valdoria will also help build an assembly plant in Ostmark's northern Lindmark"
        " province, where 300 workers will assemble the drones.",
        outlet="Lindmark Observer",
        published="2026-03-06",
    )
    (origin,) = origins([credited, own])
    assert origin.type == "anonymous"
    assert origin.carried_by == ("The Harbor Ledger", "Lindmark Observer")
    assert origin.derived == (
        "inferred: Lindmark Observer runs the words The Harbor Ledger credits to a senior"
        " official, without the credit",
    )
    graph = provenance_graph([credited, own], dependence([], [], []))
    (edge,) = [e for e in graph.edges if e.kind == "inferred_from"]
    assert (edge.start, edge.end) == ("article:lo", "article:hl")
