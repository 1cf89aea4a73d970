"""eval reuse: scoring reuse verdicts, aligned sentences and wire credits against a gold file,
on texts written here, and ``sourcetrace eval reuse`` as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sourcetrace.cli import app
from sourcetrace.eval.reuse import evaluate_reuse, format_reuse, sentence_scores
from tests.trace.test_reuse import COPY, LEDGER, QUOTED_A, QUOTED_B

WIRED = "CORVANE (Reuters) - " + LEDGER


def _span(text: str, sentence: str) -> list[int]:
    start = text.index(sentence)
    return [start, start + len(sentence)]


def _pair(pid: str, a: str, b: str, label: str, sentences: list | None = None) -> dict:
    return {
        "id": pid,
        "split": "train",
        "a": {"corpus": "seeds", "doc": a},
        "b": {"corpus": "seeds", "doc": b},
        "label": label,
        "direction": None if label == "independent" else "common_source",
        "sentences": sentences or [],
    }


def _setup(tmp_path: Path) -> Path:
    """Seed texts beside ``data`` and a gold of four pairs and one wire credit."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    texts = {"ledger.txt": LEDGER, "copy.txt": COPY, "qa.txt": QUOTED_A, "qb.txt": QUOTED_B}
    texts["wired.txt"] = WIRED
    for name, text in texts.items():
        (seeds / name).write_text(text, encoding="utf-8")
    first, second = LEDGER.split(". ")[:2]
    copied = [
        {"a": _span(LEDGER, first + "."), "b": _span(COPY, first + "."), "kind": "verbatim"},
        {"a": _span(LEDGER, second + "."), "b": _span(COPY, second + "."), "kind": "verbatim"},
    ]
    pairs = [
        _pair("p1", "ledger.txt", "copy.txt", "reuse", copied),
        _pair("p2", "qa.txt", "qb.txt", "independent"),
        _pair("p3", "ledger.txt", "qb.txt", "independent"),
        _pair("p4", "qa.txt", "wired.txt", "wire"),  # a gold pair the detector misses
    ]
    gold = tmp_path / "pairs.jsonl"
    gold.write_text("".join(json.dumps(p) + "\n" for p in pairs), encoding="utf-8")
    credit = {"corpus": "seeds", "doc": "wired.txt", "split": "train", "wire": "Reuters",
              "evidence": [0, 20], "kind": "dateline"}  # fmt: skip
    (tmp_path / "wire.jsonl").write_text(json.dumps(credit) + "\n", encoding="utf-8")
    return gold


def test_a_predicted_sentence_pair_counts_when_both_spans_overlap() -> None:
    gold = [((0, 10), (0, 10)), ((20, 30), (40, 50))]
    predicted = [((5, 12), (2, 8)), ((20, 30), (0, 9)), ((60, 70), (60, 70))]
    assert sentence_scores(predicted, gold) == (1, 1)


def test_reuse_figures_on_written_texts(tmp_path: Path) -> None:
    gold = _setup(tmp_path)
    r = evaluate_reuse(gold, tmp_path / "data", "train")
    assert r["pairs"] == {"gold": 2, "predicted": 1, "precision": 1.0, "recall": 0.5,
                          "f1": pytest.approx(2 / 3)}  # fmt: skip
    assert r["confusion"]["reuse"] == {"reuse": 1, "wire": 0, "independent": 0}
    assert r["confusion"]["wire"]["independent"] == 1
    # the copy repeats three sentences, the gold aligns two of them
    assert (r["sentences"]["gold"], r["sentences"]["predicted"]) == (2, 3)
    assert (r["sentences"]["precision"], r["sentences"]["recall"]) == (pytest.approx(2 / 3), 1.0)
    assert r["wire_credits"]["precision"] == r["wire_credits"]["recall"] == 1.0
    corpus = r["corpus"]
    assert (corpus["documents"], corpus["gold_positive"]) == (5, 2)
    assert corpus["gold_positive_candidates"] == 1
    assert "gold positive pairs among the candidates: 1 of 2" in format_reuse(r)


def test_eval_reuse_command_prints_the_figures(tmp_path: Path) -> None:
    gold = _setup(tmp_path)
    args = ["eval", "reuse", "--gold", str(gold), "--data", str(tmp_path / "data")]
    result = CliRunner().invoke(app, [*args, "--split", "train", "--pairs-only"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "text reuse, train: 4 gold pairs",
        "  pairs (reuse or wire)  gold    2  said    1  precision 1.000  recall 0.500  F1 0.667",
        "  aligned sentences      gold    2  said    3  precision 0.667  recall 1.000  F1 0.800",
        "  wire credits           gold    1  said    1  precision 1.000  recall 1.000  F1 1.000",
        "  gold / said           reuse         wire  independent",
        "  reuse                     1            0            0",
        "  wire                      0            0            1",
        "  independent               0            0            2",
        "  direction of pairs found: 1 right, 0 wrong",
    ]
    as_json = CliRunner().invoke(app, [*args, "--split", "train", "--pairs-only", "--json"])
    assert json.loads(as_json.stdout)["gold_pairs"] == 4


def test_eval_reuse_command_rejects_a_bad_split_and_an_empty_one(tmp_path: Path) -> None:
    gold = _setup(tmp_path)
    args = ["eval", "reuse", "--gold", str(gold), "--data", str(tmp_path / "data")]
    bad = CliRunner().invoke(app, [*args, "--split", "test"])
    assert bad.exit_code == 2
    empty = CliRunner().invoke(app, [*args, "--split", "dev"])
    assert empty.exit_code == 1
    assert empty.stderr.strip() == f"Error: {gold} has no rows of split 'dev'"
