"""Story clustering figures through the product's own path.

Each evaluation writes the split's records to a JSONL file, ingests it into a fresh store with
``ingest`` (as ``sourcetrace ingest FILE --field id=doc_id`` does), assigns stories with
``update_stories`` (as ``sourcetrace stories`` does) and scores the story of each article as
``sourcetrace stories --format jsonl`` prints it. So the figures are the ones a user gets.
"""

from __future__ import annotations

import csv
import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sourcetrace.eval.clusters import b_cubed, f1, pairwise
from sourcetrace.ingest.pipeline import IngestOptions, ingest
from sourcetrace.store import open_store
from sourcetrace.stories.service import story_assignments, update_stories

Progress = Callable[[str], None]


def ecbplus_records(folder: Path, split: str) -> list[dict[str, Any]]:
    """The split's records of ``docs.jsonl``, in file order."""
    path = Path(folder) / "docs.jsonl"
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: point --ecbplus at the ECB+ folder")
    with path.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    chosen = [r for r in records if r.get("split") == split]
    if not chosen:
        raise ValueError(f"{path} has no records with split {split!r}")
    return chosen


def cluster_records(
    records: list[dict[str, Any]],
    field_map: dict[str, str],
    *,
    db: Path | None = None,
    progress: Progress | None = None,
) -> dict[str, str]:
    """Ingest records as JSONL into a fresh store and return {external id: story id}."""
    with tempfile.TemporaryDirectory(prefix="sourcetrace-eval-") as tmp:
        data = Path(tmp) / "records.jsonl"
        with data.open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        with open_store(db or Path(tmp) / "eval.db") as store:
            options = IngestOptions.from_settings(field_map=field_map)
            result = ingest([str(data)], store, options)
            if result.summary.failed:
                raise RuntimeError(f"{result.summary.failed} records failed to ingest")
            if progress:
                progress(f"ingested {result.summary.added} articles")
            update_stories(store, progress=progress)
            return {row["id"]: row["story"] for row in story_assignments(store)}


def evaluate_ecbplus(
    folder: Path, split: str = "dev", *, db: Path | None = None, progress: Progress | None = None
) -> dict[str, Any]:
    """B³ and pairwise figures of stories against ECB+ gold clusters (one per event)."""
    records = ecbplus_records(folder, split)
    stories = cluster_records(records, {"id": "doc_id"}, db=db, progress=progress)
    ids = [r["doc_id"] for r in records]
    missing = [i for i in ids if i not in stories]
    if missing:
        raise RuntimeError(f"{len(missing)} documents got no story, e.g. {missing[0]}")
    predicted = [stories[i] for i in ids]
    gold = [r["gold_cluster"] for r in records]
    return {
        "corpus": "ecbplus",
        "split": split,
        "documents": len(ids),
        "gold_clusters": len(set(gold)),
        "stories": len(set(predicted)),
        "b_cubed": b_cubed(predicted, gold),
        "pairwise": pairwise(predicted, gold),
    }


def _story_chain_files(folder: Path) -> tuple[Path, Path, Path | None]:
    """The article texts, coder 1's labelled pairs (the gold) and coder 2's, when present."""
    texts = sorted(Path(folder).glob("*article_texts.csv"))
    pairs = sorted((Path(folder) / "hand_coded").glob("story_pairs-*-coder1-*.csv"))
    if not texts or not pairs:
        raise FileNotFoundError(f"{folder}: expected *article_texts.csv and hand_coded/story_pairs")
    second = sorted((Path(folder) / "hand_coded").glob("story_pairs-*-coder2-*.csv"))
    return texts[0], pairs[0], second[0] if second else None


def _labelled_pairs(path: Path) -> dict[tuple[str, str], bool]:
    """``url1;url2;label`` lines: whether each pair reports one story (label 1)."""
    pairs = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for line in csv.reader(handle, delimiter=";"):
            if len(line) >= 3 and line[2] in ("0", "1"):
                pairs[line[0].strip(), line[1].strip()] = line[2] == "1"
    return pairs


def _pair_scores(predicted: dict[tuple[str, str], bool], gold: dict[tuple[str, str], bool]):
    tp = sum(1 for k, g in gold.items() if g and predicted.get(k))
    said = sum(1 for k in gold if predicted.get(k))
    precision = tp / said if said else 0.0
    recall = tp / sum(gold.values()) if any(gold.values()) else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1(precision, recall), 4),
    }


def story_chain_records(texts: Path) -> list[dict[str, Any]]:
    """The story-chains articles (``*article_texts.csv``) as ingest records: the URL is the
    id, the outlet its host name."""
    csv.field_size_limit(sys.maxsize)
    with texts.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        {
            "id": row["url"],
            "url": row["url"],
            "outlet": urlsplit(row["url"]).hostname,
            "title": row["title"],
            "date": row["date"],
            "text": row["text"],
        }
        for row in rows
    ]


def evaluate_story_chains(
    folder: Path, *, db: Path | None = None, progress: Progress | None = None
) -> dict[str, Any]:
    """Pairwise precision, recall and F1 over the hand-labelled article pairs (coder 1), and,
    where the folder has them, the second coder's labels scored the same way (how far two
    people agree on these pairs)."""
    texts, pairs_file, second_file = _story_chain_files(folder)
    records = story_chain_records(texts)
    stories = cluster_records(records, {}, db=db, progress=progress)
    gold = _labelled_pairs(pairs_file)
    for a, b in gold:
        if a not in stories or b not in stories:
            raise RuntimeError(f"labelled pair names an article not ingested: {a} / {b}")
    result = {
        "corpus": "story_chains",
        "documents": len(records),
        "stories": len(set(stories.values())),
        "pairs": len(gold),
        "pairwise": _pair_scores({(a, b): stories[a] == stories[b] for a, b in gold}, gold),
    }
    if second_file is not None:
        second = _labelled_pairs(second_file)
        second.update({(b, a): v for (a, b), v in list(second.items())})
        result["second_coder"] = _pair_scores(second, gold)
    return result
