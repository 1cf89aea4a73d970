"""Gold-corpus gate for claim alignment: on ECB+ dev, aligned cross-document sentence pairs
must stay as precise as pinned (``alignment_floor.json``) and well above the share of gold
pairs among all pairs (what aligning everything would score). Skips when ECB+ is absent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sourcetrace.eval.alignment import evaluate_alignment
from tests.conftest import SHARED

ECBPLUS = SHARED / "data" / "ecbplus"
FLOOR = json.loads(Path(__file__).with_name("alignment_floor.json").read_text(encoding="utf-8"))


@pytest.mark.skipif(
    not (ECBPLUS / "mentions.jsonl").is_file(), reason="../shared/data/ecbplus not present"
)
def test_ecbplus_dev_alignment_precision_does_not_regress():
    result = evaluate_alignment(ECBPLUS, "dev")
    assert result["gold_share"] == pytest.approx(FLOOR["gold_share"], abs=0.001)
    assert result["precision"] >= FLOOR["precision"], result
    assert result["precision"] > result["gold_share"] + 0.1, result
    assert result["recall"] >= FLOOR["recall"], result
