"""eval pairs: pairwise identity on a name-pair list, with a predictor and texts written here."""

from __future__ import annotations

import json
from pathlib import Path

from sourcetrace.eval.pairs import evaluate_pairs, span_entity
from sourcetrace.eval.text import format_pairs

TEXT_A = "Marta Lindqvist opened the depot. Lindqvist's crew cheered. Tomas Berg stayed away."
TEXT_B = "Ms. Lindqvist spoke on Friday, and Berg's office said nothing."


def _span(doc: str, text: str, words: str) -> dict:
    start = text.index(words)
    return {"corpus": "seeds", "doc": doc, "start": start, "end": start + len(words)}


def _setup(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(TEXT_A, encoding="utf-8")
    (tmp_path / "seeds" / "b.txt").write_text(TEXT_B, encoding="utf-8")
    rows = [
        ("p1", _span("a.txt", TEXT_A, "Marta Lindqvist"), _span("b.txt", TEXT_B, "Ms. Lindqvist"),
         "same", ["title"]),
        ("p2", _span("a.txt", TEXT_A, "Lindqvist's"), _span("a.txt", TEXT_A, "Tomas Berg"),
         "different", []),
        ("p3", _span("a.txt", TEXT_A, "Tomas Berg"), _span("b.txt", TEXT_B, "Berg's"),
         "same", ["surname"]),
    ]  # fmt: skip
    pairs = tmp_path / "pairs.jsonl"
    with pairs.open("w", encoding="utf-8") as handle:
        for pid, a, b, label, hard in rows:
            row = {"id": pid, "split": "dev", "a": a, "b": b, "label": label, "kind": "person"}
            handle.write(json.dumps({**row, "hard": hard}) + "\n")
    return pairs, tmp_path / "data"


def _predictor(docs):
    """Lindqvist is one entity everywhere; Berg of text b is another than Berg of text a."""
    out = []
    for doc, text in docs:
        for word in ("Lindqvist", "Berg"):
            start = text.index(word)
            entity = word if (word, doc) != ("Berg", "seeds:b.txt") else "someone else"
            out.append((doc, start, start + len(word), entity))
    return out


def test_pairs_are_scored_by_the_entity_of_each_span(tmp_path: Path) -> None:
    pairs, data = _setup(tmp_path)
    r = evaluate_pairs(pairs, data, "dev", predictor=_predictor)
    assert (r["pairs"], r["gold_same"], r["predicted_same"]) == (3, 2, 1)
    assert r["precision"] == 1.0 and r["recall"] == 0.5
    assert [w["id"] for w in r["wrong"]] == ["p3"]
    assert r["by_hard_tag"]["surname"]["recall"] == 0.0
    text = format_pairs(r)
    assert "wrong (1): p3" in text and "precision" in text


def test_a_span_is_the_mention_holding_its_last_word() -> None:
    text = "Marta Lindqvist's crew"
    mentions = [(0, 15, "marta"), (6, 15, "short")]
    assert span_entity(mentions, text, 0, 17) == "short"  # the shortest, possessive aside
    assert span_entity(mentions, text, 18, 22) is None
