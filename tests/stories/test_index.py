"""Incremental story assignment mechanics and cluster scores.

The index is driven by a hand-set pair model that only looks at content-word cosine
(probability above 0.5 exactly when the cosine is above 0.5), so each test can say why an
article joins or opens a story.
"""

from __future__ import annotations

import numpy as np
import pytest

from sourcetrace.eval.clusters import b_cubed, pairwise
from sourcetrace.stories.features import decode_vector, encode_vector, words
from sourcetrace.stories.index import MAX_POSTINGS, StoryIndex, name_words, names_missing
from sourcetrace.stories.model import FEATURES, PairModel


def word_model(threshold: float = 0.5) -> PairModel:
    coef = [0.0] * len(FEATURES)
    coef[FEATURES.index("w:")] = 20.0
    return PairModel(coef=coef, intercept=-10.0, threshold=threshold)


def feats(*terms: str, day: str | None = None, years=()) -> dict:
    vector = np.zeros(384, dtype=np.float32)
    vector[0] = 1.0
    return {
        "terms": {f"w:{t}": 2 for t in terms},
        "years": list(years),
        "day": day,
        "embedding": encode_vector(vector),
    }


FLOOD = ("flood", "river", "fennwick", "evacuation", "bank")
BUDGET = ("budget", "council", "libraries", "vote", "seren")


def test_words_separate_content_words_and_names():
    counts = words("Flood in Fennwick", "The river rose. Dana Brandt spoke in 2026.")
    assert counts["w:river"] == 1 and counts["w:flood"] == 1
    assert counts["n:dana brandt"] == 1 and counts["n:2026"] == 1 and counts["n:fennwick"] == 1
    assert "n:the" not in counts and "w:the" not in counts


def test_vectors_survive_the_json_encoding():
    vector = np.linspace(-1, 1, 384).astype(np.float32)
    assert np.allclose(decode_vector(encode_vector(vector)), vector, atol=1e-3)


def test_same_event_joins_and_another_event_opens_a_story():
    index = StoryIndex(word_model())
    first = index.assign("a", feats(*FLOOD)).story
    other = index.assign("b", feats(*BUDGET)).story
    second, score, _ = index.assign("c", feats(*FLOOD[:4], "rain"))
    assert second == first != other
    assert 0.5 <= score < 1.0
    assert index.stories[first].members == ["a", "c"]


def test_an_article_sharing_no_key_term_is_compared_with_no_story():
    index = StoryIndex(word_model(threshold=0.0))
    index.assign("a", feats(*FLOOD))
    story, score, _ = index.assign("b", feats(*BUDGET))
    assert (story, score) == (2, 1.0)  # threshold 0 would have joined any candidate


def years_model(threshold: float) -> PairModel:
    coef = [0.0] * len(FEATURES)
    coef[FEATURES.index("years_overlap")] = 20.0
    return PairModel(coef=coef, intercept=-10.0, threshold=threshold)


def test_a_story_is_judged_by_its_average_member():
    index = StoryIndex(years_model(threshold=0.6))
    a = index.assign("a", feats(*FLOOD, years="12345")).story
    b, joined, _ = index.assign("b", feats(*FLOOD, years="23456"))  # overlap 4/6: p 0.97
    assert b == a and joined == pytest.approx(0.966, abs=0.001)
    # c is as close to b (4/6) but far from a (3/7): mean probability (0.97 + 0.2) / 2 < 0.6,
    # so it opens a story although its best single match would have let it join.
    c, score, _ = index.assign("c", feats(*FLOOD, years="34567"))
    assert c != a and score == 1.0


def test_dated_articles_far_apart_are_not_candidates():
    index = StoryIndex(word_model(), max_days_apart=30)
    index.assign("a", feats(*FLOOD, day="2026-01-10"))
    near = index.assign("b", feats(*FLOOD, day="2026-02-05")).story
    far = index.assign("c", feats(*FLOOD, day="2026-06-01")).story
    undated = index.assign("d", feats(*FLOOD)).story
    assert near == 1 and far == 2 and undated in (1, 2)


def test_years_the_texts_name_are_pair_values():
    index = StoryIndex(word_model())
    a = index.profile(feats(*FLOOD, years=["2008"]))
    b = index.profile(feats(*FLOOD, years=["2013"]))
    c = index.profile(feats(*FLOOD, years=["2008", "2013"]))
    assert index.pair_values(a, b)["years_disjoint"] == 1.0
    assert index.pair_values(a, c)["years_overlap"] == pytest.approx(0.5)
    assert index.pair_values(a, c)["years_disjoint"] == 0.0


def test_name_words_split_the_leads_names_and_drop_numbers_and_stop_words():
    terms = {"m:wladimir klitschko": 1, "m:2012": 1, "m:the ring": 1, "n:tony thompson": 2}
    lead, every = name_words(terms)
    assert lead == (frozenset({"wladimir", "klitschko"}), frozenset({"ring"}))
    assert every == {"wladimir", "klitschko", "ring", "tony", "thompson"}
    assert name_words({"w:klitschko": 1, "m:12": 1}) == ((), frozenset())


def test_names_missing_from_the_other_article_weigh_on_similar_pairs():
    thompson = {"m:klitschko": 1, "m:thompson": 1, "n:klitschko": 4, "n:thompson": 2}
    rahman = {"m:klitschko": 1, "m:rahman": 1, "n:klitschko": 4, "n:rahman": 2}
    rematch = {"m:thompson": 1, "n:klitschko": 3, "n:tony thompson": 1}
    lead, _ = name_words(thompson)
    assert names_missing(lead, name_words(rahman)[1]) == 0.5
    assert names_missing(lead, name_words(rematch)[1]) == 0.0
    assert names_missing((), frozenset({"klitschko"})) == 0.0
    index = StoryIndex(word_model())
    a, b, c = (index.profile({**feats(*FLOOD), "terms": t}) for t in (thompson, rahman, rematch))
    # the larger share of either direction, times the embedding cosine (1 here)
    assert index.pair_values(a, b)["names_missing*embedding"] == pytest.approx(0.5)
    assert index.pair_values(a, c)["names_missing*embedding"] == 0.0


def test_postings_keep_the_most_recent_stories_only():
    index = StoryIndex(word_model(threshold=1.01))  # every article opens a story
    for n in range(MAX_POSTINGS + 10):
        index.assign(str(n), feats(*FLOOD))
    assert len(index.postings["w:flood"]) == MAX_POSTINGS
    assert index.postings["w:flood"][-1] == MAX_POSTINGS + 10


def stream(n: int, seed: int = 7) -> list[tuple[str, dict]]:
    rng = np.random.default_rng(seed)
    topics = [[f"t{k}x{j}" for j in range(6)] for k in range(12)]
    out = []
    for i in range(n):
        words_ = list(rng.choice(topics[int(rng.integers(12))], size=4, replace=False))
        out.append((f"a{i}", feats(*words_, str(rng.integers(1000)))))
    return out


def test_a_saved_index_continues_exactly_as_an_unbroken_one():
    articles = stream(120)
    whole = StoryIndex(word_model())
    expected = [whole.assign(i, f)[0] for i, f in articles]
    first = StoryIndex(word_model())
    done = []
    for i, f in articles[:70]:
        story, _, keys = first.assign(i, f)
        done.append((i, story, f, keys))
    resumed = StoryIndex(word_model())
    resumed.load(done)
    got = [s for _, s, _, _ in done] + [resumed.assign(i, f)[0] for i, f in articles[70:]]
    assert got == expected
    assert len(set(expected)) > 1


def test_b_cubed_and_pairwise():
    gold = ["x", "x", "y", "y"]
    assert b_cubed(gold, gold)["f1"] == 1.0
    merged = b_cubed(["m"] * 4, gold)
    assert (merged["precision"], merged["recall"]) == (0.5, 1.0)
    split = pairwise([1, 2, 3, 4], gold)
    assert (split["precision"], split["recall"]) == (0.0, 0.0)
    assert pairwise(["a", "a", "b", "c"], gold) == {"precision": 1.0, "recall": 0.5, "f1": 0.6667}
