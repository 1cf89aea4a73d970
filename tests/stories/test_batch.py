"""Batch story clustering (average link over the pair model's probabilities).

The pair model here is hand-set to look only at content-word cosine, as in ``test_index.py``,
so each test can say why articles end up together or apart.
"""

from __future__ import annotations

import numpy as np
import pytest

from sourcetrace.stories.batch import (
    BatchProfiles,
    average_link,
    candidate_pairs,
    cluster_batch,
    link_batch,
    shared_neighbours,
    story_rows,
)
from sourcetrace.stories.features import encode_vector
from sourcetrace.stories.index import StoryIndex
from sourcetrace.stories.model import FEATURES, PairModel, feature_row
from tests.stories.test_index import BUDGET, FLOOD, feats, word_model


def test_pair_rows_are_the_index_pair_values_with_batch_frequencies():
    rng = np.random.default_rng(7)
    vocabulary = [f"term{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(40)]
    features = []
    for k in range(12):
        vector = rng.normal(size=384).astype(np.float32)
        vector /= np.linalg.norm(vector)
        chosen = rng.choice(40, size=8, replace=False)
        terms = {
            f"{('w:', 'n:', 'p:', 'g:', 'm:')[i % 5]}{vocabulary[i]}": int(1 + i % 3)
            for i in chosen
        }
        terms[f"n:{2000 + k % 3}"] = 1
        features.append(
            {
                "terms": terms,
                "years": [str(2020 + k % 4), str(2021 + k % 2)][: 1 + k % 2],
                "day": None,
                "embedding": encode_vector(vector),
            }
        )
    profiles = BatchProfiles(features)
    index = StoryIndex(word_model())
    for f in features:
        index.documents += 1
        index.df.update(f["terms"].keys())
    expected_profiles = [index.profile(f) for f in features]
    first, second = np.triu_indices(len(features), 1)
    rows = profiles.pair_rows(first, second)
    expected = [
        feature_row(index.pair_values(expected_profiles[a], expected_profiles[b]))
        for a, b in zip(first, second, strict=True)
    ]
    assert rows.shape == (len(first), len(FEATURES))
    assert np.allclose(rows, expected, atol=1e-5)
    assert profiles.keys == [p.keys for p in expected_profiles]
    # the names-missing column is exercised: leads share some names and miss others
    assert len(set(rows[:, FEATURES.index("names_missing*embedding")].round(4))) > 2


def test_average_link_merges_while_the_mean_is_above_the_cut():
    # 0-1-2 are close together; 3 is close to 2 only: mean(2-3, 1-3, 0-3) = 0.6 / 3 = 0.2
    first = np.array([0, 0, 1, 2, 4])
    second = np.array([1, 2, 2, 3, 5])
    weights = np.array([0.9, 0.8, 0.85, 0.6, 0.1])
    assert average_link(6, first, second, weights, 0.5) == [0, 0, 0, 1, 2, 3]
    # a lower cut lets 3 in, still not 4-5 at 0.1
    assert average_link(6, first, second, weights, 0.15) == [0, 0, 0, 0, 1, 2]


def test_average_link_takes_the_closest_pair_first():
    # 2-3 (0.95) merge before 1-2 (0.9) can: then 1 against {2, 3} has mean 0.45
    first, second = np.array([1, 2]), np.array([2, 3])
    assert average_link(4, first, second, np.array([0.9, 0.95]), 0.5) == [0, 1, 2, 2]


def test_average_link_on_no_pairs_keeps_every_article_alone():
    empty = np.array([], dtype=np.int64)
    assert average_link(3, empty, empty, np.array([]), 0.5) == [0, 1, 2]


def test_articles_that_share_no_key_term_are_never_candidates():
    profiles = BatchProfiles([feats(*FLOOD), feats(*BUDGET), feats(*FLOOD[:4], "rain")])
    first, second = candidate_pairs(profiles)
    assert list(zip(first.tolist(), second.tolist(), strict=True)) == [(0, 2)]


def test_dated_articles_far_apart_are_not_candidates():
    profiles = BatchProfiles(
        [feats(*FLOOD, day="2026-01-01"), feats(*FLOOD, day="2026-06-01"), feats(*FLOOD)]
    )
    first, second = candidate_pairs(profiles, max_days_apart=60)
    assert list(zip(first.tolist(), second.tolist(), strict=True)) == [(0, 2), (1, 2)]


def test_a_batch_finds_the_event_whatever_the_order():
    articles = [
        feats(*FLOOD),
        feats(*BUDGET),
        feats(*FLOOD[:4], "rain"),
        feats(*BUDGET[:4], "mayor"),
        feats("bakery", "bread", "prize", "sourdough", "judges"),
    ]
    labels, scores, keys = cluster_batch(articles, word_model())
    assert labels == [0, 1, 0, 1, 2]
    assert scores[4] == 1.0 and 0.5 <= scores[0] < 1.0
    assert len(keys) == 5 and all(keys)
    reordered, _, _ = cluster_batch(articles[::-1], word_model())
    assert reordered == [0, 1, 2, 1, 2]  # same groups, numbered by first article


def test_the_batch_cut_comes_from_the_model():
    articles = [feats(*FLOOD), feats(*FLOOD[:4], "rain")]
    model = word_model()
    model.batch_threshold = 0.999
    assert cluster_batch(articles, model)[0] == [0, 1]
    model.batch_threshold = 0.5
    assert cluster_batch(articles, model)[0] == [0, 0]


def test_story_rows_continue_the_index_numbering_and_the_index_carries_on():
    index = StoryIndex(word_model())
    articles = [feats(*FLOOD), feats(*BUDGET), feats(*FLOOD[:4], "rain")]
    labels, _, keys = cluster_batch(articles, index.model)
    rows = story_rows(index, ["a", "b", "c"], articles, labels, keys)
    assert [(r[0], r[1]) for r in rows] == [("a", 1), ("b", 2), ("c", 1)]
    index.load(rows)
    assert index.stories[1].members == ["a", "c"]
    joined = index.assign("d", feats(*FLOOD[1:], "levee"))
    opened = index.assign("e", feats("bakery", "bread", "prize", "sourdough", "judges"))
    assert (joined.story, opened.story) == (1, 3)


def test_an_empty_batch_gives_nothing():
    assert cluster_batch(
        [], PairModel(coef=[0.0] * len(FEATURES), intercept=0.0, threshold=0.5)
    ) == (
        [],
        [],
        [],
    )


def test_scores_are_the_mean_probability_inside_the_story():
    articles = [feats(*FLOOD), feats(*FLOOD[:4], "rain"), feats(*FLOOD[1:], "levee")]
    model = word_model()
    labels, scores, _ = cluster_batch(articles, model, threshold=0.3)
    assert labels == [0, 0, 0]
    profiles = BatchProfiles(articles)
    first, second = np.array([0, 0, 1]), np.array([1, 2, 2])
    p = 1 / (1 + np.exp(-(profiles.pair_rows(first, second) @ np.array(model.coef) - 10.0)))
    assert scores[0] == pytest.approx((p[0] + p[1]) / 2, abs=1e-4)
    assert scores[2] == pytest.approx((p[1] + p[2]) / 2, abs=1e-4)


def _graph(pairs: dict[tuple[int, int], float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    keys = sorted(pairs)
    return (
        np.array([a for a, _ in keys]),
        np.array([b for _, b in keys]),
        np.array([pairs[k] for k in keys]),
    )


def test_shared_neighbours_counts_the_close_neighbours_two_articles_have_in_common():
    # neighbourhoods of 3 (itself and its two most probable partners at 0.5 or more):
    # 0: {0, 1, 2}; 1: {1, 0, 2}; 2: {2, 0, 1} (3 at 0.6 is third); 3: {3, 4, 2}; 4: {4, 3}
    first, second, p = _graph(
        {(0, 1): 0.9, (0, 2): 0.8, (1, 2): 0.7, (2, 3): 0.6, (3, 4): 0.9, (0, 3): 0.3}
    )
    shared = shared_neighbours(5, first, second, p, 3)
    expected = {(0, 1): 1, (0, 2): 1, (0, 3): 1 / 3, (1, 2): 1, (2, 3): 1 / 3, (3, 4): 2 / 3}
    pairs = zip(first.tolist(), second.tolist(), strict=True)
    assert dict(zip(pairs, shared.tolist(), strict=True)) == pytest.approx(expected)


def _neighbour_model(**settings) -> PairModel:
    model = PairModel(coef=[0.0] * len(FEATURES), intercept=0.0, threshold=0.5)
    model.batch_threshold = 0.275
    for name, value in settings.items():
        setattr(model, name, value)
    return model


NEIGHBOURS = {"batch_neighbours": 4, "batch_mix": 0.1, "batch_link_threshold": 0.075}


def test_neighbours_keep_two_events_of_one_kind_apart():
    """Two earthquakes: each report is close to the other reports of its own quake (0.9) and
    fairly close to every report of the other (0.35). By probability alone the two average
    above the cut and merge; their close neighbours do not overlap, so with neighbours they
    stay two stories."""
    quake_a = {0, 1, 2, 3}  # and 4-7 the other quake
    pairs = {}
    for a in range(8):
        for b in range(a + 1, 8):
            same = (a in quake_a) == (b in quake_a)
            pairs[a, b] = 0.9 if same else 0.35
    first, second, p = _graph(pairs)
    assert link_batch(8, first, second, p, _neighbour_model()) == [0] * 8
    assert link_batch(8, first, second, p, _neighbour_model(**NEIGHBOURS)) == [0] * 4 + [1] * 4


def test_one_confident_wrong_pair_does_not_chain_two_small_stories():
    """Stories {0, 1, 2} and {3, 4, 5}, and one wrong but confident pair (2, 3). Through it the
    two stories share neighbours, and their mean link clears the link cut; their mean
    probability (0.19) does not clear the probability cut, so they stay apart."""
    pairs = {(a, b): 0.1 for a in range(3) for b in range(3, 6)}
    pairs.update({(0, 1): 0.9, (0, 2): 0.9, (1, 2): 0.9, (3, 4): 0.9, (3, 5): 0.9, (4, 5): 0.9})
    pairs[2, 3] = 0.9
    first, second, p = _graph(pairs)
    model = _neighbour_model(**NEIGHBOURS)
    assert link_batch(6, first, second, p, model) == [0, 0, 0, 1, 1, 1]
    shared = shared_neighbours(6, first, second, p, model.batch_neighbours)
    links = model.batch_mix * p + (1 - model.batch_mix) * shared
    # without the probability's veto, the shared neighbours would join them
    assert average_link(6, first, second, links, model.batch_link_threshold) == [0] * 6
    guarded = average_link(
        6, first, second, links, model.batch_link_threshold, guard=p, guard_threshold=0.275
    )
    assert guarded == [0, 0, 0, 1, 1, 1]
