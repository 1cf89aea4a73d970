"""Shape of the blind re-annotations (gold/provenance/agreement/*.jsonl): one record per claim
of each event they cover, every claim of those events, drift of the gold's kinds between the
claim's own version documents. Needs no shared data: it reads the gold files only."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from tests.conftest import ROOT

GOLD = ROOT / "gold" / "provenance"
ANNOTATIONS = sorted((GOLD / "agreement").glob("*.jsonl"))
KINDS = {"number", "hedge", "certainty", "speaker", "attribution_dropped", "meaning"}


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _gold() -> dict[str, dict]:
    return {r["claim"]: r for path in GOLD.glob("*.jsonl") for r in _records(path)}


def test_there_are_annotations() -> None:
    assert [p.stem for p in ANNOTATIONS] == ["b", "c", "d"]


@pytest.mark.parametrize("path", ANNOTATIONS, ids=lambda p: p.stem)
def test_each_annotation_covers_whole_events_of_the_gold(path: Path) -> None:
    gold = _gold()
    records = _records(path)
    claims = [r["claim"] for r in records]
    assert len(claims) == len(set(claims))
    events = defaultdict(set)
    for claim in gold.values():
        events[claim["event"]].add(claim["claim"])
    for event in {gold[c]["event"] for c in claims}:
        assert events[event] <= set(claims), f"{path.stem} leaves out claims of {event}"
    for r in records:
        docs = {v["doc"] for v in gold[r["claim"]]["versions"]}
        assert r["annotator"] == path.stem
        assert isinstance(r["independent_origins"], int) and r["independent_origins"] >= 1
        for change in r["drift"]:
            assert change["kind"] in KINDS
            assert {change["from"], change["to"]} <= docs, r["claim"]
        assert set(r) == {"claim", "annotator", "drift", "independent_origins", "uncertain"}
