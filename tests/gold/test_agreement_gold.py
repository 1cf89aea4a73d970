"""Shape of the blind re-annotations (gold/provenance/agreement/*.jsonl): one record per claim
of each event they cover, every claim of those events, drift of the gold's kinds between the
claim's own version documents; two of them for every claim of the train and dev gold; and the
adjudicated gold (gold/provenance/adjudicated) as its script writes it from them. Needs no
shared data: it reads the gold files only."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter, defaultdict
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
    assert [p.stem for p in ANNOTATIONS] == ["b", "c", "d", "e1", "e2", "f1", "f2", "g", "h1", "h2"]


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


def test_every_train_and_dev_claim_has_two_re_annotations() -> None:
    covered = Counter(r["claim"] for path in ANNOTATIONS for r in _records(path))
    claims = [r["claim"] for split in ("train", "dev") for r in _records(GOLD / f"{split}.jsonl")]
    assert len(claims) == 343
    assert {covered[c] for c in claims} == {2}


def _adjudicate():
    path = GOLD / "agreement" / "adjudicate.py"
    spec = importlib.util.spec_from_file_location("adjudicate", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("split", ["train", "dev"])
def test_adjudicated_gold_is_what_its_script_writes(split: str) -> None:
    written = (GOLD / "adjudicated" / f"{split}.jsonl").read_text(encoding="utf-8")
    assert written == _adjudicate().adjudicated(split)


def test_adjudication_keeps_a_kind_two_of_three_give() -> None:
    """Read back from the files: every kept kind is given by two of the three annotations, and
    every kind two give is kept."""
    annotations = {p.stem: {r["claim"]: r for r in _records(p)} for p in ANNOTATIONS}
    gold = {r["claim"]: r for split in ("train", "dev") for r in _records(GOLD / f"{split}.jsonl")}
    checked = 0
    for record in _records(GOLD / "adjudicated" / "dev.jsonl"):
        claim = record["claim"]
        votes = Counter({d["kind"] for d in gold[claim]["drift"]})
        for held in annotations.values():
            if claim in held:
                votes.update({d["kind"] for d in held[claim]["drift"] if d["from"] != d["to"]})
        kept = {d["kind"] for d in record["drift"]}
        assert kept == {k for k, n in votes.items() if n >= 2}, claim
        checked += bool(kept)
    assert checked > 100
