"""Gold-corpus gate: check-worthiness F1 on the held-out fifth of ClaimBuster train must not fall
below the pinned figure (``checkworthy_floor.json``). Skips when the corpus is absent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sourcetrace.eval.checkworthy import evaluate_held_out
from tests.conftest import SHARED

CLAIMBUSTER = SHARED / "data" / "claimbuster"
FLOOR = Path(__file__).with_name("checkworthy_floor.json")


@pytest.mark.skipif(
    not (CLAIMBUSTER / "train.json").is_file(), reason="../shared/data/claimbuster not present"
)
def test_claimbuster_held_out_f1_does_not_regress():
    floor = json.loads(FLOOR.read_text(encoding="utf-8"))
    result = evaluate_held_out(CLAIMBUSTER)
    assert result["sentences"] == floor["sentences"]
    assert result["f1"] >= floor["f1"], (result, floor)
