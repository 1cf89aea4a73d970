"""Incremental story assignment and cluster scores, on articles the team wrote."""

from __future__ import annotations

from collections import Counter

import pytest

from sourcetrace.eval.clusters import b_cubed, pairwise
from sourcetrace.stories.index import StoryIndex, features

FLOOD_1 = (
    "Fennwick river floods eastern bank",
    "The Fennwick river burst its eastern bank on Monday. Mayor Dana Brandt ordered families "
    "out of 400 homes as the flood water rose through the night.",
)
FLOOD_2 = (
    "Flood in Fennwick forces evacuation",
    "Families left 400 homes in Fennwick after the river flooded the eastern bank, mayor Dana "
    "Brandt said, as flood water kept rising.",
)
BUDGET = (
    "Port Seren council approves budget",
    "Councillors in Port Seren approved the 2026 budget after a late vote that closes three "
    "libraries on Sundays.",
)


def test_features_separate_words_and_names():
    counts = features("Flood in Fennwick", "The river rose. Dana Brandt spoke in 2026.")
    assert counts["w:river"] == 1 and counts["w:flood"] == 1
    assert counts["n:dana brandt"] == 1 and counts["n:2026"] == 1 and counts["n:fennwick"] == 1
    assert "n:the" not in counts and "w:the" not in counts


def test_same_event_joins_and_another_event_opens_a_story():
    index = StoryIndex(threshold=0.2)
    first, _ = index.assign("a", features(*FLOOD_1))
    other, _ = index.assign("b", features(*BUDGET))
    second, score = index.assign("c", features(*FLOOD_2))
    assert second == first != other
    assert 0.2 <= score <= 1.0
    assert index.stories[first].members == ["a", "c"]


def test_an_article_sharing_no_term_is_compared_with_no_story():
    index = StoryIndex(threshold=0.0)
    index.assign("a", Counter({"w:flood": 2}))
    story, score = index.assign("b", Counter({"w:budget": 1}))
    assert (story, score) == (1, 1.0)  # threshold 0 would have joined any candidate


def test_background_frequencies_weight_the_first_articles():
    common = Counter({"w:said": 1, "w:flood": 1})
    cold = StoryIndex().vector(common)
    warm = StoryIndex(background=(1000, Counter({"w:said": 900, "w:flood": 3}))).vector(common)
    assert cold["w:said"] == pytest.approx(cold["w:flood"])
    assert warm["w:flood"] > warm["w:said"]


def test_b_cubed_and_pairwise():
    gold = ["x", "x", "y", "y"]
    assert b_cubed(gold, gold)["f1"] == 1.0
    merged = b_cubed(["m"] * 4, gold)
    assert (merged["precision"], merged["recall"]) == (0.5, 1.0)
    split = pairwise([1, 2, 3, 4], gold)
    assert (split["precision"], split["recall"]) == (0.0, 0.0)
    assert pairwise(["a", "a", "b", "c"], gold) == {"precision": 1.0, "recall": 0.5, "f1": 0.6667}
