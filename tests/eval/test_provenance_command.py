"""``sourcetrace eval provenance`` as a user runs it: on one real gold event of ECB+ (skipped
when ../shared is absent), and its errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sourcetrace.cli import app
from tests.conftest import ROOT, SHARED

ECBPLUS = SHARED / "data" / "ecbplus"
TRAIN = ROOT / "gold" / "provenance" / "train.jsonl"


def _invoke(*args: str):
    return CliRunner().invoke(app, ["eval", "provenance", *args])


@pytest.mark.skipif(
    not (ECBPLUS / "docs.jsonl").is_file(), reason="../shared/data/ecbplus not present"
)
def test_eval_provenance_scores_one_real_event(tmp_path: Path):
    lines = [line for line in TRAIN.read_text(encoding="utf-8").splitlines() if '"8_ecb"' in line]
    gold = tmp_path / "8_ecb.jsonl"
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _invoke("--ecbplus", str(ECBPLUS), "--gold", str(gold), "--json")
    assert result.exit_code == 0, result.output
    r = json.loads(result.stdout)
    assert (r["gold"], r["events"], r["articles"], r["claims"]) == ("8_ecb.jsonl", 1, 8, len(lines))
    assert 0 < r["matched"] <= r["claims"]
    assert r["origins_right"] + r["overcount"] + r["undercount"] == r["matched"]
    assert r["not_found"] == 0  # every system version is located in its document
    assert "results" not in r


def test_eval_provenance_names_the_event_it_lacks(tmp_path: Path):
    record = {"doc_id": "1_1ecb", "gold_cluster": "1_ecb", "text": "A text."}
    (tmp_path / "docs.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    claim = {"event": "8_ecb", "claim": "8_ecb/c01", "gist": "g", "versions": [],
             "origins": [], "independent_origins": 0}  # fmt: skip
    gold.write_text(json.dumps(claim) + "\n", encoding="utf-8")
    result = _invoke("--ecbplus", str(tmp_path), "--gold", str(gold))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {tmp_path}/docs.jsonl has no documents of 8_ecb"


def test_eval_provenance_with_an_empty_gold_file_says_so(tmp_path: Path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n", encoding="utf-8")
    result = _invoke("--ecbplus", str(tmp_path), "--gold", str(gold))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {gold} holds no gold claims"
