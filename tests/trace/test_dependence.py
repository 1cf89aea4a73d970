"""Own-voice versions taken from another outlet: reused sentences, wire copy, an earlier
outlet the article cites; and the demo's copied background."""

from __future__ import annotations

from sourcetrace.nlp.settings import AnalysisSettings
from sourcetrace.store.sqlite import SQLiteStore
from sourcetrace.trace.dependence import dependence
from sourcetrace.trace.origins import explain, origins
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


def test_an_own_voice_sentence_outside_the_reused_ones_stays_the_outlets_own():
    elsewhere = version("cw", outlet="Capital Wire", published="2026-03-03", start=410)
    found = dependence(STORY, [copied_pair([(0, 90), (200, 290)])], [])
    kinds = [o.type for o in origins([ledger_version(), elsewhere], found)]
    assert kinds == ["anonymous", "own_voice"]


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
    assert "inferred: Lindmark Observer cites The Harbor Ledger" in explanations
