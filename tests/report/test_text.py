"""The plain text and JSON that ``articles``, ``article``, ``extract``, ``ingest``, ``analyze``
and ``load-shards`` print, on records and analyses the team wrote."""

from __future__ import annotations

import pytest

from sourcetrace.article import Article
from sourcetrace.engine.service import AnalyseSummary
from sourcetrace.engine.shards import LoadSummary
from sourcetrace.ingest import IngestResult
from sourcetrace.pipeline import ProcessSummary
from sourcetrace.records import Problem, RunSummary
from sourcetrace.report.text import (
    format_analysis,
    format_analyze,
    format_article,
    format_attribution_list,
    format_ingest,
    format_listing,
    format_processed,
    format_shard_load,
    ingest_json,
    listing_json,
    processed_json,
)
from sourcetrace.trace.reuse_service import ReuseSummary

TEXT = "Ilse Marren said the dock closes in May. It will reopen in 2027."


def _article(**fields) -> Article:
    base = {
        "id": "a1b2c3d4e5f60718",
        "text": TEXT,
        "paragraphs": [TEXT],
        "title": "Dock to close",
        "outlet": "Harbor Ledger",
        "published": "2026-05-02T08:00:00",
        "source": "dock.html",
        "format": "html",
        "field_sources": {"title": "meta", "outlet": "json-ld", "published": "meta", "text": "x"},
    }
    return Article(**{**base, **fields})


def _analysis(**fields) -> dict:
    attribution = {
        "kind": "indirect",
        "cue": {"start": 12, "end": 16, "text": "said"},
        "source": {"start": 0, "end": 11, "text": "Ilse Marren"},
        "content": [{"start": 17, "end": 40, "text": "the dock closes in May."}],
        "speaker": "Ilse Marren",
        "role": "spokeswoman",
        "source_type": "person",
        "chain": [{"name": "Harbor Ledger"}, {"name": "Ilse Marren"}],
    }
    base = {
        "id": "a1b2c3d4e5f60718",
        "title": "Dock to close",
        "outlet": "Harbor Ledger",
        "text": TEXT,
        "attributions": [attribution],
        "quantities": [{"text": "2027"}],
        "claims": [
            {"type": "event", "certainty": "certain", "attribution": 0, "quantities": [],
             "text": "the dock closes in May."},
            {"type": "forecast", "certainty": "likely", "attribution": None, "quantities": [0],
             "text": "It will reopen in 2027."},
        ],
    }  # fmt: skip
    return {**base, **fields}


MARKED = "[Ilse Marren]₁ ⟨said⟩₁ «the dock closes in May.»₁ It will reopen in 2027."
ATTRIBUTION = (
    " 1. indirect     Ilse Marren, spokeswoman [person] via “said”"
    "  chain: Harbor Ledger → Ilse Marren"
)


def test_a_listing_line_shows_id_day_outlet_and_title():
    assert format_listing(_article()) == (
        "a1b2c3d4e5f60718  2026-05-02  Harbor Ledger           Dock to close"
    )


def test_a_listing_line_without_metadata_shows_dashes_and_untitled():
    bare = _article(title=None, outlet=None, published=None)
    assert (
        format_listing(bare) == "a1b2c3d4e5f60718  -           -                       (untitled)"
    )


def test_a_listing_line_shows_an_escape_in_a_title_inert():
    assert "\x1b" not in format_listing(_article(title="Dock\x1b[2J"))


def test_the_listing_json_has_the_listed_fields():
    assert listing_json(_article()) == {
        "id": "a1b2c3d4e5f60718",
        "published": "2026-05-02T08:00:00",
        "outlet": "Harbor Ledger",
        "title": "Dock to close",
        "url": None,
        "authors": [],
        "language": None,
    }


def test_an_article_shows_each_field_with_its_stage_then_the_text():
    assert format_article(_article(furniture=["Share this"])) == (
        "Title:     Dock to close  [meta]\n"
        "Outlet:    Harbor Ledger  [json-ld]\n"
        "Published: 2026-05-02T08:00:00  [meta]\n"
        "Id:        a1b2c3d4e5f60718\n"
        "Source:    dock.html (html, text by x)\n"
        "Removed:   1 furniture line(s)\n\n" + TEXT
    )


def test_an_analysed_article_marks_and_lists_its_attributions():
    shown = format_article(_article(), _analysis())
    assert shown.split("\n\n")[1:] == [MARKED, ATTRIBUTION]


def test_an_article_in_an_unanalysed_language_says_so_and_lists_nothing():
    language = {"analysed": False, "note": "not analysed: written in Welsh"}
    shown = format_article(_article(), _analysis(attributions=[], language=language))
    assert "Analysis:  not analysed: written in Welsh" in shown.splitlines()
    assert shown.endswith("\n\n" + TEXT)


def test_an_analysis_shows_title_marked_text_attributions_and_claims():
    assert format_analysis(_analysis()) == "\n".join(
        [
            "Dock to close  (Harbor Ledger)",
            MARKED,
            "",
            ATTRIBUTION,
            "",
            "Claims:",
            "  event      certain   [1] Ilse Marren: the dock closes in May.",
            "  forecast   likely    own voice; 2027: It will reopen in 2027.",
        ]
    )


def test_an_analysis_without_title_or_outlet_names_its_id():
    shown = format_analysis(_analysis(title=None, outlet=None, claims=[]))
    assert shown.splitlines()[0] == "a1b2c3d4e5f60718  (outlet unknown)"
    assert "Claims:" not in shown


def test_a_long_claim_is_clipped_to_90_characters():
    claim = {"type": "event", "certainty": "certain", "attribution": None, "quantities": [],
             "text": "word " * 40}  # fmt: skip
    last = format_analysis(_analysis(claims=[claim])).splitlines()[-1]
    assert last.endswith("…") and len(last.split(": ", 1)[1]) == 90


def test_no_attributions_says_so():
    assert format_attribution_list({"attributions": []}) == "No attributions found."


def test_an_unnamed_source_shows_as_no_source():
    unnamed = {**_analysis()["attributions"][0], "speaker": None, "role": None}
    assert format_attribution_list({"attributions": [unnamed]}).startswith(
        " 1. indirect     (no source) [person]"
    )


def _ingested() -> IngestResult:
    summary = RunSummary(added=2, duplicates=1, updated=0, failed=1, warnings=1, seconds=1.23456)
    problems = [Problem("empty.txt", "empty file"), Problem("a.html", "no date", "warning")]
    return IngestResult(run_id=7, summary=summary, problems=problems)


def test_an_ingest_run_in_one_line_and_as_json():
    assert format_ingest(_ingested()) == (
        "2 added, 1 duplicates, 0 updated, 1 failed, 1 warnings in 1.23 s"
    )
    assert ingest_json(_ingested()) == {
        "run": 7, "added": 2, "duplicates": 1, "updated": 0, "failed": 1, "warnings": 1,
        "seconds": 1.235,
        "problems": [
            {"item": "empty.txt", "reason": "empty file", "level": "error"},
            {"item": "a.html", "reason": "no date", "level": "warning"},
        ],
    }  # fmt: skip


def _processed(traced: int = 1) -> ProcessSummary:
    analysis = AnalyseSummary(analysed=3, already=2, failed=1, seconds=4.5, shards=2, stale=1)
    reuse = ReuseSummary(checked=3, pairs=1, failed=["x: reuse not found: no text"])
    return ProcessSummary(
        analysis,
        reuse=reuse,
        assigned=3,
        new_stories=1,
        traced=traced,
        untraced=["story 2"],
        seconds=5.0,
    )


@pytest.mark.parametrize(("traced", "stories"), [(1, "1 story"), (2, "2 stories")])
def test_a_process_run_in_one_line(traced, stories):
    assert format_processed(_processed(traced)) == (
        "3 analysed, 2 already analysed, 1 failed; 3 articles checked for copied text:"
        " 1 reuse or wire pair, 1 failed; 3 assigned to stories (1 new);"
        f" {stories} traced, 1 not traced in 5.00 s"
    )


def test_a_process_run_as_json():
    assert processed_json(_processed()) == {
        "analysed": 3, "already": 2, "failed": 1, "assigned": 3, "new_stories": 1,
        "reuse": {"checked": 3, "pairs": 1, "failed": ["x: reuse not found: no text"]},
        "traced": 1, "untraced": ["story 2"], "seconds": 5.0,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("shards", "first"),
    [
        (False, "3 analysed, 2 already analysed, 1 failed, 1 stale analyses left out in 4.50 s"),
        (True, "3 analysed, 2 already analysed, 1 failed, 2 shard(s) loaded, 1 stale analyses"
               " left out in 4.50 s"),
    ],
)  # fmt: skip
def test_analyze_says_what_it_analysed_then_what_it_grouped(shards, first):
    assert format_analyze(_processed(), shards=shards).splitlines() == [
        first,
        "3 articles checked for copied text: 1 reuse or wire pair, 1 failed",
        "3 assigned to stories (1 new), 1 story traced, 1 not traced",
    ]


def test_a_shard_load_in_one_line():
    summary = LoadSummary(shards=2, already=1, saved=40, stale=3, failed=1, unreadable=["x: no"])
    assert format_shard_load(summary) == (
        "2 shard(s) loaded (1 already held): 40 analyses saved, 3 stale left out,"
        " 1 failed articles recorded, 1 unreadable"
    )
