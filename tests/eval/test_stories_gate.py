"""Gold-corpus gate for stories: ECB+ dev B³ F1 and story-chains pairwise F1 must not fall below
the pinned figures (``stories_floor.json``), and the product's own commands (``ingest`` then
``stories --format jsonl``) must reproduce the evaluation's figures. Skips when the corpora are
absent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sourcetrace.cli import app
from sourcetrace.eval.clusters import b_cubed
from sourcetrace.eval.stories import ecbplus_records, evaluate_ecbplus, evaluate_story_chains
from tests.conftest import SHARED

ECBPLUS = SHARED / "data" / "ecbplus"
CHAINS = SHARED / "data" / "story_chains"
FLOOR = json.loads(Path(__file__).with_name("stories_floor.json").read_text(encoding="utf-8"))

needs_ecbplus = pytest.mark.skipif(
    not (ECBPLUS / "docs.jsonl").is_file(), reason="../shared/data/ecbplus not present"
)


@pytest.fixture(scope="module")
def dev_figures():
    return evaluate_ecbplus(ECBPLUS, "dev")


@needs_ecbplus
def test_ecbplus_dev_b_cubed_does_not_regress(dev_figures):
    assert dev_figures["documents"] == FLOOR["ecbplus_dev_documents"]
    assert dev_figures["b_cubed"]["f1"] >= FLOOR["ecbplus_dev_b_cubed_f1"], dev_figures


@needs_ecbplus
def test_ingest_then_stories_reproduces_the_evaluation(dev_figures, tmp_path):
    records = ecbplus_records(ECBPLUS, "dev")
    data = tmp_path / "dev.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = str(tmp_path / "dev.db")
    runner = CliRunner()
    ingested = runner.invoke(app, ["ingest", str(data), "--field", "id=doc_id", "--db", db, "-q"])
    assert ingested.exit_code == 0, ingested.output
    listed = runner.invoke(app, ["stories", "--format", "jsonl", "--db", db, "-q"])
    assert listed.exit_code == 0, listed.output
    story = {row["id"]: row["story"] for row in map(json.loads, listed.stdout.splitlines())}
    ids = [r["doc_id"] for r in records]
    got = b_cubed([story[i] for i in ids], [r["gold_cluster"] for r in records])
    assert got == dev_figures["b_cubed"]


@pytest.mark.skipif(not CHAINS.is_dir(), reason="../shared/data/story_chains not present")
def test_story_chains_pairwise_does_not_regress():
    result = evaluate_story_chains(CHAINS)
    assert result["pairs"] == 4950
    assert result["pairwise"]["f1"] >= FLOOR["story_chains_pairwise_f1"], result
