"""The reuse section of the dossier (file, web page, JSON) and an outlet's reuse in its
source profile, on the demo corpus: Capital Wire rewrites The Harbor Ledger's sentences."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from sourcetrace.nlp.settings import AnalysisSettings
from sourcetrace.report.dossier import Dossier, build_dossier
from sourcetrace.report.html import dossier_html
from sourcetrace.report.terminal import source_lines
from sourcetrace.store import open_store
from sourcetrace.trace.records import CorpusIdentities
from sourcetrace.trace.service import corpus_identities, current_traces, source_profile


@pytest.fixture(scope="module")
def dossier(demo_db) -> Dossier:
    with open_store(demo_db) as store:
        return build_dossier(store, 1)


def test_the_dossier_json_pairs_the_ledger_with_capital_wire_sentence_by_sentence(dossier):
    data = json.loads(json.dumps(dossier.to_json()))
    (pair,) = data["reuse"]["pairs"]
    assert (pair["source"]["outlet"], pair["reuser"]["outlet"]) == (
        "The Harbor Ledger",
        "Capital Wire",
    )
    assert pair["summary"] == (
        "Capital Wire reuses 4 of 13 sentences of The Harbor Ledger, published a day earlier"
    )
    assert 0 < pair["share"] <= 1 and pair["direction"] == "copied"
    texts = {a["id"]: a["text"] for a in data["articles"]}
    for sentence in pair["sentences"]:
        assert sentence["source"] in texts[pair["source"]["article"]]
        assert sentence["reuser"] in texts[pair["reuser"]["article"]]
    assert any(s["kind"] == "rewritten" for s in pair["sentences"])
    assert data["reuse"]["wire"] == []  # no demo article is wire copy


def test_the_dossier_page_shows_the_sentences_side_by_side(dossier):
    page = unescape(re.sub(r"\s+", " ", dossier_html(dossier)))
    section = page[page.index('<section id="reuse">') :]
    section = section[: section.index("</section>")]
    assert "Capital Wire reuses 4 of 13 sentences of The Harbor Ledger" in section
    assert "<td>Ostmark's defence ministry did not respond to a request for comment.</td>" in (
        section
    )


def test_an_outlets_profile_lists_whom_it_reuses_and_who_reuses_it(demo_db):
    settings = AnalysisSettings()
    with open_store(demo_db) as store:
        stories, _ = current_traces(store, settings)
        identities = corpus_identities(store, settings)
        reuse = store.reuse_by_outlet()
        wire = source_profile("Capital Wire", stories, identities, reuse)
        ledger = source_profile("Harbor Ledger", stories, identities, reuse)
    assert [(r.outlet, r.articles, r.sentences) for r in wire.copies] == [
        ("The Harbor Ledger", 1, 4)
    ]
    assert not wire.copied_by and not ledger.copies
    assert [r.outlet for r in ledger.copied_by] == ["Capital Wire"]
    assert "Text reused by:" in source_lines(ledger)
    assert ledger.to_json()["copied_by"] == [
        {"outlet": "Capital Wire", "articles": 1, "sentences": 4}
    ]


def test_an_outlet_reprinting_its_own_article_is_listed_apart_from_copying():
    rows = [
        {"source": "Kestrel Review", "reuser": "Kestrel Review", "sentences": 5},
        {"source": "Kestrel Review", "reuser": "Kestrel Review", "sentences": 3},
        {"source": "Kestrel Review", "reuser": "Fenwick Times", "sentences": 2},
    ]
    profile = source_profile("Kestrel Review", [], CorpusIdentities(), rows)
    assert not profile.copies
    assert [(r.outlet, r.articles) for r in profile.copied_by] == [("Fenwick Times", 1)]
    assert profile.to_json()["reuses_own"] == [
        {"outlet": "Kestrel Review", "articles": 2, "sentences": 8}
    ]
    assert source_lines(profile)[-1] == (
        "Kestrel Review reprints its own earlier articles 2 times (8 sentences)"
    )


def test_two_articles_of_one_outlet_sharing_text_the_same_day_read_as_its_own_repeat():
    from sourcetrace.report.reuse import _pair

    text = "The quay will close in May. Ships will use the western terminal."
    articles = {
        key: {"id": key, "outlet": "Kestrel Review", "published": "2026-05-01", "text": text}
        for key in ("k1", "k2")
    }
    analyses = {key: {"sentences": [{"start": 0, "end": 27}]} for key in articles}
    pair = {"a": "k1", "b": "k2", "verdict": "reuse", "direction": "common_source"}
    pair |= {"share_b": 1.0, "sentences": [{"a": [0, 27], "b": [0, 27], "kind": "verbatim"}]}
    shown = _pair(pair, articles, analyses)
    assert shown["summary"] == "Kestrel Review repeats 1 sentence in two of its articles"
