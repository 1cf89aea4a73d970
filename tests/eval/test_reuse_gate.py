"""Gold-corpus gate for text reuse: on the dev pairs of ``gold/reuse``, pair, sentence and
wire-credit figures, and the detector's run over all of dev's documents, must stay at or above
the pins of ``reuse_floor.json``. Skips when ../shared is absent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sourcetrace.eval.documents import STORY_CHAINS
from sourcetrace.eval.reuse import evaluate_reuse
from tests.conftest import ROOT, SHARED

DATA = SHARED / "data"
FLOOR = json.loads(Path(__file__).with_name("reuse_floor.json").read_text(encoding="utf-8"))


@pytest.mark.skipif(
    not (DATA / STORY_CHAINS).is_file() or not (DATA / "ecbplus" / "docs.jsonl").is_file(),
    reason="../shared/data (story chains and ECB+) not present",
)
def test_reuse_on_dev_does_not_regress() -> None:
    r = evaluate_reuse(ROOT / "gold" / "reuse" / "pairs.jsonl", DATA, "dev")
    assert r["pairs"]["precision"] >= FLOOR["pairs"]["precision"], r["pairs"]
    assert r["pairs"]["recall"] >= FLOOR["pairs"]["recall"], r["pairs"]
    assert r["sentences"]["f1"] >= FLOOR["sentences"]["f1"], r["sentences"]
    assert r["wire_credits"]["f1"] >= FLOOR["wire_credits"]["f1"], r["wire_credits"]
    corpus = r["corpus"]
    assert corpus["pairs"]["precision"] >= FLOOR["corpus"]["precision"], corpus["pairs"]
    assert corpus["pairs"]["recall"] >= FLOOR["corpus"]["recall"], corpus["pairs"]
    floor = FLOOR["corpus"]["gold_positive_candidates"]
    assert corpus["gold_positive_candidates"] >= floor, corpus
