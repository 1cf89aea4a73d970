"""Pairwise identity on the blind name-pair list (``gold/identity_pairs.jsonl``).

Protocol: the documents that the pairs of one split point into are resolved together, the
product's way (:func:`.resolver.resolve_texts`: analysis, stories, identity), as one corpus.
Each span of a pair is the entity of the mention that holds its last word (the shortest such
mention); a span no mention holds has no entity. A pair is predicted *same* when both spans
have one entity, else *different*. Pairwise precision is the share of pairs predicted same
that the gold calls same; recall the share of gold-same pairs predicted same. Figures are
given per kind (person, organisation, government, outlet) and per hard tag as well.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sourcetrace.eval.documents import document_text

__all__ = ["evaluate_pairs", "span_entity"]

Predictor = Callable[[Sequence[tuple[str, str]]], list[tuple[str, int, int, str]]]


def _last_word(text: str, start: int, end: int) -> tuple[int, int]:
    """The span's last word, without a possessive or closing punctuation."""
    words = list(re.finditer(r"[\w][\w.'’-]*", text[start:end]))
    if not words:
        return start, end
    last = words[-1]
    stop = start + last.end()
    if text[start + last.start() : stop].endswith(("'s", "’s")):
        stop -= 2
    return start + last.start(), stop


def span_entity(
    mentions: Sequence[tuple[int, int, str]], text: str, start: int, end: int
) -> str | None:
    """The entity of the shortest mention that holds the span's last word."""
    first, last = _last_word(text, start, end)
    holding = [(e - s, entity) for s, e, entity in mentions if s <= first and last <= e]
    return min(holding)[1] if holding else None


def _score(rows: list[tuple[bool, bool]]) -> dict[str, Any]:
    predicted = sum(p for _, p in rows)
    gold = sum(g for g, _ in rows)
    both = sum(g and p for g, p in rows)
    return {
        "pairs": len(rows),
        "gold_same": gold,
        "predicted_same": predicted,
        "precision": both / predicted if predicted else None,
        "recall": both / gold if gold else None,
    }


def evaluate_pairs(
    pairs_file: Path, data: Path, split: str, predictor: Predictor | None = None
) -> dict[str, Any]:
    """Pairwise precision and recall of the resolver on the split's pairs (overall, by kind,
    by hard tag) and the pairs it gets wrong."""
    if predictor is None:
        from sourcetrace.eval.resolver import resolve_texts as predictor
    with Path(pairs_file).open(encoding="utf-8") as handle:
        pairs = [json.loads(line) for line in handle if line.strip()]
    pairs = [p for p in pairs if p["split"] == split]
    if not pairs:
        raise ValueError(f"{pairs_file} has no pairs of split {split!r}")
    keys = sorted({(s["corpus"], s["doc"]) for p in pairs for s in (p["a"], p["b"])})
    texts = {f"{c}:{d}": document_text(Path(data), c, d) for c, d in keys}
    mentions: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for doc, start, end, entity in predictor(list(texts.items())):
        mentions[doc].append((start, end, entity))

    def entity(span: dict) -> str | None:
        doc = f"{span['corpus']}:{span['doc']}"
        return span_entity(mentions[doc], texts[doc], span["start"], span["end"])

    rows, by_kind, by_tag, wrong = [], defaultdict(list), defaultdict(list), []
    for pair in pairs:
        a, b = entity(pair["a"]), entity(pair["b"])
        row = (pair["label"] == "same", a is not None and a == b)
        rows.append(row)
        by_kind[pair["kind"]].append(row)
        for tag in pair.get("hard", []):
            by_tag[tag].append(row)
        if row[0] != row[1]:
            wrong.append({"id": pair["id"], "gold": pair["label"], "a": a, "b": b})
    return {
        "split": split,
        "documents": len(texts),
        **_score(rows),
        "by_kind": {k: _score(v) for k, v in sorted(by_kind.items())},
        "by_hard_tag": {k: _score(v) for k, v in sorted(by_tag.items())},
        "wrong": wrong,
    }
