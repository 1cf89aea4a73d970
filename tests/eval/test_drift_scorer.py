"""The drift scorer (``eval drift``) on gold and versions the team made up: reading gold drift,
alignment precision, right and wrong flags, recall, direction and the printed figures. No
corpus is needed."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from sourcetrace.eval.drift import GoldDrift, drift_figures, read_drift, score_event
from sourcetrace.eval.provenance import GoldClaim, GoldVersion, Located, TracedEvent
from sourcetrace.eval.text import format_drift
from sourcetrace.trace.service import trace_versions
from sourcetrace.trace.versions import ClaimVersion

TEXTS = {
    "d1": "Up to 40 people were hurt in the blast, police said.",
    "d2": "40 people were hurt in the blast, police said.",
    "d3": "The mayor said 40 people were hurt in the blast.",
}


def _version(doc: str, speaker: str, quantity: dict) -> ClaimVersion:
    return ClaimVersion(
        article=doc, outlet=doc, published=f"2026-01-0{doc[1]}", order=int(doc[1:]), claim=0,
        text=TEXTS[doc], kind="indirect", speaker=speaker, source_type="organisation",
        source_text=speaker, chain=[{"name": doc, "type": "outlet"},
                                    {"name": speaker, "type": "organisation"}],
        quantities=[quantity],
    )  # fmt: skip


def _story() -> TracedEvent:
    """Three versions aligned into one claim: d1 hedges the number, d2 drops the hedge, d3
    credits the mayor instead of the police."""
    hedged = {"text": "Up to 40", "value": 40.0, "hedge": "up to", "kind": "count"}
    plain = {"text": "40", "value": 40.0, "hedge": None, "kind": "count"}
    versions = [
        _version("d1", "police", hedged),
        _version("d2", "police", plain),
        _version("d3", "The mayor", plain),
    ]
    vectors = np.ones((3, 4), dtype=np.float32) / 2
    traced = trace_versions(1, versions, vectors)
    where = {v.key: Located(v, 0, len(v.text)) for v in versions}
    return TracedEvent(traced, where, TEXTS, len(versions))


def _gold(docs: tuple[str, ...] = ("d1", "d2", "d3")) -> GoldClaim:
    made = tuple(GoldVersion(d, 0, len(TEXTS[d]), None, ("o1",)) for d in docs)
    return GoldClaim("e/c01", "e", "people hurt", made, 1, 1)


def test_read_drift_keeps_changes_between_documents(tmp_path: Path):
    span = {"start": 0, "end": 4}
    record = {
        "claim": "e/c01",
        "drift": [
            {"from": {"doc": "d1", **span}, "to": {"doc": "d2", **span}, "kind": "hedge"},
            {"from": {"doc": "d2", **span}, "to": {"doc": "d2", **span}, "kind": "meaning"},
        ],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert read_drift(path) == {"e/c01": [GoldDrift("e/c01", "hedge", "d1", "d2")]}


def test_a_unit_is_right_when_the_gold_claim_has_its_kind_on_a_shared_document():
    drift = {"e/c01": [GoldDrift("e/c01", "hedge", "d1", "d2")]}
    t = drift_figures(score_event(_story(), [_gold()], drift))
    assert t["matched"] == 1 and t["shared_claim_recall"] == 1.0
    # the system flags d1 -> d2 and d1 -> d3 hedge_dropped (one hedge unit, right) and
    # d1 -> d3 speaker_changed (a speaker unit the gold does not have)
    assert t["by_kind"]["hedge"] == {
        "flagged": 1, "right": 1, "gold": 1, "found": 1, "precision": 1.0, "recall": 1.0,
    }  # fmt: skip
    assert t["by_kind"]["speaker"]["flagged"] == 1 and t["by_kind"]["speaker"]["right"] == 0
    assert (t["flagged"], t["flagged_right"], t["drift_precision"]) == (2, 1, 0.5)
    # single flags: d1 -> d2 joins the gold drift's documents exactly, in its direction
    assert (t["flags"], t["flags_right"], t["direction_right"]) == (3, 1, 1)


def test_a_unit_without_a_document_of_the_gold_drift_is_wrong():
    drift = {"e/c01": [GoldDrift("e/c01", "speaker", "d4", "d5")]}
    t = drift_figures(score_event(_story(), [_gold()], drift))
    assert t["by_kind"]["speaker"]["right"] == 0 and t["found"] == 0


def test_a_gold_drift_in_the_other_direction_is_found_with_its_direction_wrong():
    drift = {"e/c01": [GoldDrift("e/c01", "speaker", "d3", "d1")]}
    t = drift_figures(score_event(_story(), [_gold()], drift))
    assert t["by_kind"]["speaker"]["found"] == 1
    assert (t["flags_right"], t["direction_right"]) == (1, 0)


def test_a_gold_drift_whose_version_is_not_aligned_is_missed_and_counted_apart():
    drift = {"e/c01": [GoldDrift("e/c01", "number", "d1", "d4")]}
    gold = GoldClaim(
        "e/c01", "e", "people hurt",
        (*_gold().versions, GoldVersion("d4", 0, 10, None, ("o1",))), 1, 1,
    )  # fmt: skip
    t = drift_figures(score_event(_story(), [gold], drift))
    assert (t["gold_drift"], t["found"], t["drift_recall"]) == (1, 0, 0.0)
    assert (t["gold_drift_aligned"], t["drift_recall_aligned"]) == (0, None)
    assert t["by_kind"]["number"]["flagged"] == 0
    assert {"missed": {"claim": "e/c01", "kind": "number", "from": "d1", "to": "d4"}} in t[
        "details"
    ]


def test_alignment_precision_counts_pairs_the_gold_puts_in_one_claim():
    other = GoldClaim("e/c02", "e", "a blast", (GoldVersion("d3", 0, 48, None, ("o2",)),), 1, 1)
    t = drift_figures(score_event(_story(), [_gold(("d1", "d2")), other], {}))
    # d1-d2 in one gold claim; d1-d3 and d2-d3 are not
    assert (t["aligned_pairs"], t["aligned_right"], t["aligned_outside_gold"]) == (3, 1, 0)
    t = drift_figures(score_event(_story(), [_gold(("d1", "d2"))], {}))
    assert (t["aligned_pairs"], t["aligned_outside_gold"]) == (1, 2)


def test_flags_on_a_claim_that_matches_no_gold_claim_are_counted_apart():
    far = GoldClaim("e/c09", "e", "g", (GoldVersion("d1", 200, 240, None, ("o1",)),), 1, 1)
    t = drift_figures(score_event(_story(), [far], {}))
    assert (t["matched"], t["flags"], t["flags_on_unmatched_claims"]) == (0, 0, 3)


def test_the_printed_figures_name_each_measure():
    drift = {"e/c01": [GoldDrift("e/c01", "hedge", "d1", "d2")]}
    r = {"gold": "g.jsonl", "events": 1, **drift_figures(score_event(_story(), [_gold()], drift))}
    r["by_event"] = {"e": r}
    out = format_drift(r, verbose=True)
    assert "shared-claim recall 1.000: 1 of 1" in out
    assert "drift precision 0.500: 1 of 2 flagged claim-and-kind units" in out
    assert "drift recall 1.000: 1 of 1 gold units found" in out
    assert "right 1.1 hedge: hedge_dropped d1 'Up to 40' -> d2 '40'" in out
    assert "wrong 1.1 speaker: speaker_changed d1 'police' -> d3 'The mayor'" in out
