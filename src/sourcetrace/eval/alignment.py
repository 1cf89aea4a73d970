"""Claim alignment scored against ECB+ cross-document coreference (``eval alignment``).

ECB+ has no claim alignment, so its cross-document chains stand in for it. The protocol:

- **Units**: the annotated sentences (``ECBplus_coreference_sentences.csv``) of the documents
  of each gold event (``gold_cluster``): one story per gold event, as if story assignment were
  perfect, so the figures measure alignment alone.
- **Gold pairs**: two sentences of different documents of one event that share a cross-document
  *event* chain (reporting events such as "said" excluded) **and** a participant, place or time
  chain: the same happening with the same arguments, the nearest thing ECB+ has to "the same
  claim".
- **Predicted pairs**: each sentence becomes a claim version (text, entities and quantities
  from ``analyse_text``) and the product's ``align`` groups them; two sentences are aligned
  when they land in one canonical claim.
- Precision, recall and F1 over all cross-document sentence pairs of all events, with the
  share of gold pairs among all pairs (the precision of aligning everything).

Caveats, measured on train: about two thirds of all cross-document pairs are gold, because
the annotated sentences mostly describe the main event; and ``align`` takes at most one
sentence per document into a canonical claim (a claim appears once per article), so recall is
capped well below 1 when many sentences of one document corefer with many of another. The
protocol therefore says more about precision than recall, and the alignment threshold is not
tuned on it: F1 here rises as the threshold falls towards aligning everything.
"""

from __future__ import annotations

import csv
import itertools
import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sourcetrace.eval.clusters import f1
from sourcetrace.trace.versions import ClaimVersion

Progress = Callable[[str], None]
ARGUMENT_TAGS = ("HUMAN_PART", "NON_HUMAN_PART", "LOC_", "TIME_")


def ecbplus_sentences(folder: Path, split: str):
    """{gold event: [(doc id, sentence number, text)]} and the gold pairs (as frozensets)."""
    folder = Path(folder)
    docs = {}
    with (folder / "docs.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            if doc["split"] == split:
                docs[doc["doc_id"]] = doc
    if not docs:
        raise ValueError(f"{folder}/docs.jsonl has no {split!r} documents")
    annotated = set()
    with (folder / "ECBplus_coreference_sentences.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            doc_id = f"{row['Topic']}_{row['File']}"
            if doc_id in docs:
                annotated.add((doc_id, int(row["Sentence Number"])))
    events, arguments = defaultdict(set), defaultdict(set)
    with (folder / "mentions.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            m = json.loads(line)
            key = (m["doc_id"], m["sentence"])
            if key not in annotated:
                continue
            if m["is_event"] and m["tag"] != "ACTION_REPORTING":
                events[key].add(m["chain_id"])
            elif m["tag"].startswith(ARGUMENT_TAGS):
                arguments[key].add(m["chain_id"])
    stories: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
    for doc_id, number in sorted(annotated):
        text = dict((n, t) for n, t in docs[doc_id]["sentences"]).get(number)
        if text:
            stories[docs[doc_id]["gold_cluster"]].append((doc_id, number, text))
    gold = set()
    for units in stories.values():
        for a, b in itertools.combinations(units, 2):
            ka, kb = a[:2], b[:2]
            if a[0] != b[0] and events[ka] & events[kb] and arguments[ka] & arguments[kb]:
                gold.add(frozenset((ka, kb)))
    return stories, gold


def sentence_versions(units: list[tuple[str, int, str]]) -> list[ClaimVersion]:
    from sourcetrace.nlp import analyse_text

    out = []
    for order, (doc_id, number, text) in enumerate(units):
        analysis = analyse_text(text).to_dict()
        out.append(
            ClaimVersion(
                article=doc_id,
                outlet=doc_id,
                published=None,
                order=order,
                claim=number,
                text=text,
                kind=None,
                speaker=None,
                source_type="own_voice",
                source_text=None,
                quantities=analysis["quantities"],
                entities=sorted({e["name"] for e in analysis["entities"]}),
            )
        )
    return out


def prepare(folder: Path, split: str, progress: Progress | None = None):
    """Versions and their embeddings per event, and the gold pairs (slow part, done once)."""
    from sourcetrace.trace.align import embed_versions

    stories, gold = ecbplus_sentences(folder, split)
    prepared = []
    for n, (_, units) in enumerate(sorted(stories.items()), 1):
        versions = sentence_versions(units)
        prepared.append((versions, embed_versions(versions)))
        if progress:
            progress(f"analysed {n}/{len(stories)} events")
    return prepared, gold


def score(prepared, gold, threshold: float | None = None) -> dict[str, Any]:
    from sourcetrace.trace.align import align

    predicted = set()
    total = 0
    for versions, vectors in prepared:
        docs = [v.article for v in versions]
        total += sum(a != b for a, b in itertools.combinations(docs, 2))
        for group in align(versions, vectors, threshold):
            for a, b in itertools.combinations(group, 2):
                if a.article != b.article:
                    predicted.add(frozenset(((a.article, a.claim), (b.article, b.claim))))
    hits = len(predicted & gold)
    precision = hits / len(predicted) if predicted else 0.0
    recall = hits / len(gold) if gold else 0.0
    return {
        "pairs": total,
        "gold_pairs": len(gold),
        # precision of aligning every pair: what a precision figure must beat
        "gold_share": round(len(gold) / total, 4) if total else 0.0,
        "predicted_pairs": len(predicted),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1(precision, recall), 4),
    }


def evaluate_alignment(
    folder: Path, split: str = "dev", progress: Progress | None = None
) -> dict[str, Any]:
    prepared, gold = prepare(folder, split, progress)
    return {"corpus": "ecbplus", "split": split, "events": len(prepared), **score(prepared, gold)}
