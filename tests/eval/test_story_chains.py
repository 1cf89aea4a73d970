"""The story chains evaluation on a small folder the team wrote (same layout as the corpus)."""

from __future__ import annotations

import csv
import itertools

import pytest

from sourcetrace.eval.stories import evaluate_story_chains
from tests.stories.test_service import BAKERY, CRANE

URLS = {
    "crane-1": "https://marrow.example/crane-collapses",
    "crane-2": "https://coastal.example/two-hurt-crane",
    "crane-3": "https://freight.example/terminal-reopens",
    "bakery": "https://lindqvist.example/bread-prize",
}


def write_folder(root, second_changes: dict[frozenset, int] | None) -> None:
    """Coder 1 links the three crane reports; coder 2 (when ``second_changes`` is given) is
    coder 1 with those pairs changed."""
    (root / "hand_coded").mkdir(parents=True)
    with (root / "news-2026-article_texts.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=["url", "outlet", "title", "date", "text"])
        writer.writeheader()
        for record in [*CRANE, BAKERY]:
            writer.writerow(
                {
                    "url": URLS[record["id"]],
                    "outlet": record["outlet"],
                    "title": record["title"],
                    "date": record["date"] + " 09:00:00",
                    "text": record["text"],
                }
            )
    pairs = list(itertools.combinations(URLS, 2))
    gold = {frozenset(p): int(p[0].startswith("crane") and p[1].startswith("crane")) for p in pairs}
    second = None if second_changes is None else {**gold, **second_changes}
    for name, labels in (("coder1-first", gold), ("coder2-second", second)):
        if labels is None:
            continue
        lines = [f"{URLS[b]};{URLS[a]};{labels[frozenset((a, b))]}" for a, b in pairs]
        path = root / "hand_coded" / f"story_pairs-2026-{name}.csv"
        path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")


def test_pairs_are_scored_against_the_first_coder_and_the_second_coder_beside(tmp_path):
    changes = {
        frozenset(("crane-1", "crane-3")): 0,  # misses one of the three same-story pairs
        frozenset(("crane-1", "bakery")): 1,  # and links one pair that is not
    }
    write_folder(tmp_path, changes)
    result = evaluate_story_chains(tmp_path, db=tmp_path / "s.db")
    assert (result["documents"], result["pairs"]) == (4, 6)
    assert result["pairwise"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert result["second_coder"]["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert result["second_coder"]["recall"] == pytest.approx(2 / 3, abs=1e-4)


def test_without_a_second_coder_only_the_product_is_scored(tmp_path):
    write_folder(tmp_path, None)
    result = evaluate_story_chains(tmp_path, db=tmp_path / "s.db")
    assert "second_coder" not in result and result["pairwise"]["f1"] == 1.0
