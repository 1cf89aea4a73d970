"""Gold-corpus gate: attribution scores on PolNeAR dev must not fall below the pinned figures.

The figures in ``attribution_floor.json`` were measured with ``sourcetrace eval attribution
--polnear ../shared/data/polnear --split dev`` when the current cue model was trained (on train
only) and are lowered only with a reason in the commit message. Skips when the corpus is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sourcetrace.eval.attribution import MEASURES, evaluate_polnear
from tests.conftest import SHARED

POLNEAR = SHARED / "data" / "polnear"
FLOOR = Path(__file__).with_name("attribution_floor.json")


@pytest.mark.skipif(
    not (POLNEAR / "dev" / "text").is_dir(), reason="../shared/data/polnear not present"
)
def test_polnear_dev_scores_do_not_regress():
    floor = json.loads(FLOOR.read_text(encoding="utf-8"))
    results, articles = evaluate_polnear(POLNEAR, "dev")
    assert articles == floor["articles"]
    measured = {name: round(results[name].f1, 3) for name in MEASURES}
    below = {name: (measured[name], floor["f1"][name]) for name in MEASURES
             if measured[name] < floor["f1"][name]}  # fmt: skip
    assert not below, f"F1 below the pinned floor (measured, floor): {below}"
