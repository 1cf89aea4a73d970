"""Text reuse and wire copy against the blind gold of ``gold/reuse`` (its README has the rules).

Protocol, on the pairs of one split:

- Texts come from :func:`.documents.document_text`, dates and outlets from
  :func:`.documents.document_meta`. Sentences are cut by :func:`.reuse_text.split_sentences`,
  the simple splitter the gold's spans were cut by (the product passes its analysis's
  sentences instead; a full analysis of every document is not needed to score alignment).
  Sentences are embedded once per document with the product's MiniLM embedder.
- **Pairs**: :func:`.trace.reuse.compare` on each gold pair's two articles; positive is
  ``reuse`` or ``wire``. Pair precision, recall and F1, and the confusion of gold by
  predicted label.
- **Sentences**: a predicted aligned pair is right when both its spans overlap the spans of
  one gold aligned pair (spans never compared by exact offsets); recall is the share of gold
  aligned pairs that some predicted pair overlaps on both sides.
- **Wire credits**: :func:`.trace.wire.wire_credits` on every document of the split, against
  ``wire.jsonl``: a credit is right when the gold credits the same agency in that document.
- **Corpus**: every document of the split goes through :class:`.trace.reuse.ReuseDetector`
  one at a time (by date, then id), as the product would run it; the figures say how many
  gold positive pairs the LSH stage offered as candidates and how the verdicts of the gold
  pairs that were candidates score.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from sourcetrace.eval.documents import document_meta, document_text
from sourcetrace.outlets import outlet_name
from sourcetrace.trace.reuse import ReuseDetector, ReuseSettings, compare
from sourcetrace.trace.reuse_index import IndexSettings
from sourcetrace.trace.reuse_records import ReuseArticle, ReusePair
from sourcetrace.trace.reuse_text import split_sentences
from sourcetrace.trace.wire import wire_credits

__all__ = ["evaluate_reuse", "format_reuse", "load_gold", "sentence_scores"]

LABELS = ("reuse", "wire", "independent")
Embed = Callable[[list[str]], np.ndarray]
Span = tuple[int, int]


def load_gold(path: Path, split: str) -> list[dict[str, Any]]:
    """The gold pairs (or wire credits) of ``split`` from a JSON-lines file."""
    with Path(path).open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    rows = [r for r in rows if r["split"] == split]
    if not rows:
        raise ValueError(f"{path} has no rows of split {split!r}")
    return rows


def _key(side: dict[str, str]) -> str:
    return f"{side['corpus']}:{side['doc']}"


def _articles(data: Path, pairs: list[dict], embed: Embed | None) -> dict[str, ReuseArticle]:
    """Every document of the pairs as a :class:`ReuseArticle`, with its sentence vectors."""
    out = {}
    sides = {_key(s): s for p in pairs for s in (p["a"], p["b"])}
    for key, side in sorted(sides.items()):
        try:
            text = document_text(data, side["corpus"], side["doc"])
        except KeyError:
            raise ValueError(f"{data} has no {side['corpus']} document {side['doc']}") from None
        published, home = document_meta(data, side["corpus"], side["doc"])
        sentences = split_sentences(text)
        vectors = embed([text[s:e] for s, e in sentences]) if embed else None
        outlet = outlet_name(home) if home else None
        out[key] = ReuseArticle(key, text, sentences, published, outlet, vectors)
    return out


def _overlaps(x: Span, y: Span) -> bool:
    return x[0] < y[1] and y[0] < x[1]


def sentence_scores(
    predicted: list[tuple[Span, Span]], gold: list[tuple[Span, Span]]
) -> tuple[int, int]:
    """(predicted pairs that overlap a gold pair on both sides, gold pairs that a predicted
    pair overlaps on both sides)."""

    def hit(p: tuple[Span, Span], g: tuple[Span, Span]) -> bool:
        return _overlaps(p[0], g[0]) and _overlaps(p[1], g[1])

    right = sum(any(hit(p, g) for g in gold) for p in predicted)
    found = sum(any(hit(p, g) for p in predicted) for g in gold)
    return right, found


def _prf(right: int, predicted: int, found: int, gold: int) -> dict[str, Any]:
    precision = right / predicted if predicted else None
    recall = found / gold if gold else None
    f1 = (
        2 * precision * recall / (precision + recall)
        if precision is not None and recall is not None and precision + recall
        else None
    )
    return {
        "gold": gold,
        "predicted": predicted,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def _score_pairs(pairs: list[dict], verdicts: dict[str, ReusePair]) -> dict[str, Any]:
    """Pair and sentence figures of ``verdicts`` (by gold pair id) over ``pairs``."""
    confusion: Counter[tuple[str, str]] = Counter()
    tp = predicted = gold_positive = 0
    sent_right = sent_predicted = sent_found = sent_gold = 0
    directions: Counter[str] = Counter()
    for pair in pairs:
        verdict = verdicts.get(pair["id"])
        said = verdict.verdict if verdict else "independent"
        confusion[(pair["label"], said)] += 1
        positive, said_positive = pair["label"] != "independent", said != "independent"
        tp += positive and said_positive
        predicted += said_positive
        gold_positive += positive
        gold_sents = [(tuple(s["a"]), tuple(s["b"])) for s in pair["sentences"]]
        said_sents = [(s.a, s.b) for s in verdict.sentences] if verdict else []
        right, found = sentence_scores(said_sents, gold_sents)
        sent_right, sent_found = sent_right + right, sent_found + found
        sent_predicted, sent_gold = sent_predicted + len(said_sents), sent_gold + len(gold_sents)
        if positive and said_positive:
            directions["right" if verdict.direction == pair["direction"] else "wrong"] += 1
            directions[f"{pair['direction']} said {verdict.direction}"] += 1
    return {
        "pairs": _prf(tp, predicted, tp, gold_positive),
        "confusion": {g: {p: confusion[(g, p)] for p in LABELS} for g in LABELS},
        "sentences": _prf(sent_right, sent_predicted, sent_found, sent_gold),
        "direction": dict(sorted(directions.items())),
    }


def _score_wire(data: Path, wire_gold: Path, split: str, keys: list[str]) -> dict[str, Any]:
    """Wire credits of the split's documents against ``wire.jsonl``."""
    gold = {(_key(r), r["wire"]) for r in load_gold(wire_gold, split)}
    said = set()
    for key in keys:
        corpus, doc = key.split(":", 1)
        said |= {(key, c.wire) for c in wire_credits(key, document_text(data, corpus, doc))}
    right = len(gold & said)
    return _prf(right, len(said), right, len(gold))


def _corpus(
    articles: dict[str, ReuseArticle],
    pairs: list[dict],
    settings: ReuseSettings,
    index: IndexSettings | None,
) -> dict[str, Any]:
    """Every document through the detector one at a time; candidates and verdicts."""
    detector = ReuseDetector(settings, index)
    ordered = sorted(articles.values(), key=lambda a: (a.published or "", a.id))
    found: dict[frozenset[str], ReusePair] = {}
    for article in ordered:
        for pair in detector.add(article):
            found[frozenset((pair.a, pair.b))] = pair
    by_id = {}
    for pair in pairs:
        verdict = found.get(frozenset((_key(pair["a"]), _key(pair["b"]))))
        if verdict is not None:
            by_id[pair["id"]] = _oriented(verdict, _key(pair["a"]))
    positive = [p for p in pairs if p["label"] != "independent"]
    return {
        "documents": len(articles),
        "candidate_pairs": len(found),
        "said_reuse_or_wire": sum(p.verdict != "independent" for p in found.values()),
        "gold_positive": len(positive),
        "gold_positive_candidates": sum(p["id"] in by_id for p in positive),
        **_score_pairs(pairs, by_id),
    }


def _oriented(pair: ReusePair, a: str) -> ReusePair:
    """The pair with ``a`` first (the detector puts the later-added article second)."""
    if pair.a == a:
        return pair
    flip = {"b_from_a": "a_from_b", "a_from_b": "b_from_a"}
    return ReusePair(
        pair.b,
        pair.a,
        pair.verdict,
        flip.get(pair.direction, pair.direction) if pair.direction else None,
        tuple(type(s)(s.b, s.a, s.kind, s.ratio, s.cosine) for s in pair.sentences),
        share_a=pair.share_b,
        share_b=pair.share_a,
        wire=pair.wire,
    )


def evaluate_reuse(
    gold: Path,
    data: Path,
    split: str,
    settings: ReuseSettings | None = None,
    index: IndexSettings | None = None,
    embed: Embed | None = None,
    corpus: bool = True,
) -> dict[str, Any]:
    """Pair, sentence and wire-credit figures of the split (module docstring); with
    ``corpus``, the detector's run over all of the split's documents as well. ``embed``
    defaults to the product's MiniLM embedder."""
    if embed is None:
        from sourcetrace.nlp.embed import load_embedder

        embed = load_embedder().embed
    settings = settings or ReuseSettings()
    pairs = load_gold(gold, split)
    articles = _articles(Path(data), pairs, embed)
    verdicts = {
        p["id"]: compare(articles[_key(p["a"])], articles[_key(p["b"])], settings) for p in pairs
    }
    result = {
        "split": split,
        "gold_pairs": len(pairs),
        **_score_pairs(pairs, verdicts),
        "wire_credits": _score_wire(
            Path(data), Path(gold).with_name("wire.jsonl"), split, list(articles)
        ),
    }
    if corpus:
        result["corpus"] = _corpus(articles, pairs, settings, index)
    return result


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _prf_line(name: str, r: dict[str, Any]) -> str:
    return (
        f"  {name:<22} gold {r['gold']:>4}  said {r['predicted']:>4}  precision "
        f"{_figure(r['precision'])}  recall {_figure(r['recall'])}  F1 {_figure(r['f1'])}"
    )


def _confusion_lines(confusion: dict[str, dict[str, int]]) -> list[str]:
    lines = ["  gold / said   " + "".join(f"{label:>13}" for label in LABELS)]
    for gold in LABELS:
        lines.append(f"  {gold:<14}" + "".join(f"{confusion[gold][s]:>13}" for s in LABELS))
    return lines


def format_reuse(r: dict[str, Any]) -> str:
    """``eval reuse`` as text: pairs, confusion, sentences, wire credits, then the corpus run."""
    lines = [
        f"text reuse, {r['split']}: {r['gold_pairs']} gold pairs",
        _prf_line("pairs (reuse or wire)", r["pairs"]),
        _prf_line("aligned sentences", r["sentences"]),
        _prf_line("wire credits", r["wire_credits"]),
        *_confusion_lines(r["confusion"]),
        f"  direction of pairs found: {r['direction'].get('right', 0)} right, "
        f"{r['direction'].get('wrong', 0)} wrong",
    ]
    if "corpus" in r:
        c = r["corpus"]
        lines += [
            f"all {c['documents']} documents of the split, one at a time: "
            f"{c['candidate_pairs']} candidate pairs, {c['said_reuse_or_wire']} said reuse or wire",
            f"  gold positive pairs among the candidates: {c['gold_positive_candidates']} of "
            f"{c['gold_positive']}",
            _prf_line("pairs (reuse or wire)", c["pairs"]),
            _prf_line("aligned sentences", c["sentences"]),
        ]
    return "\n".join(lines)
