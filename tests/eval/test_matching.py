"""Claim matching: MAP@5, ranking and tweet normalisation on inputs the team wrote, the matcher
with the real embedder, and the gold-corpus gate on CheckThat! 2020 task 2 dev
(``matching_floor.json``; skips when the corpus is absent)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from sourcetrace.eval.matching import (
    average_precision_at,
    calibrate_threshold,
    evaluate_checkthat,
    first_occurrences,
    fit_reranker,
    mean_average_precision_at,
    normalise_tweet,
    open_set,
    read_claims,
    read_split,
    tune_weights,
)
from sourcetrace.trace.match import (
    MATCH_THRESHOLD,
    RERANK_FEATURES,
    TUNED_WEIGHTS,
    ClaimFacts,
    ClaimMatcher,
    MatchWeights,
    Reranker,
    candidate_rows,
    load_reranker,
    numbers,
    rerank,
    top_k,
)
from tests.conftest import SHARED

CHECKTHAT = SHARED / "data" / "checkthat" / "ct20_task2"
FLOOR = Path(__file__).with_name("matching_floor.json")

CLAIMS = [
    "The city council voted to close the Elm Street library in March.",
    "A photograph shows a shark swimming on a flooded highway after a hurricane.",
    "The mayor said unemployment in the county fell to 4 percent last year.",
]
WORDS_ONLY = MatchWeights(embedding=0.0, words=1.0, characters=0.0)


@pytest.mark.parametrize(
    ("ranked", "relevant", "expected"),
    [
        (["a", "b", "c"], {"a"}, 1.0),
        (["x", "a", "b"], {"a"}, 0.5),
        (["a", "x", "b"], {"a", "b"}, (1 + 2 / 3) / 2),
        (["x", "y", "z", "w", "v", "a"], {"a"}, 0.0),
        (["x", "y", "z", "w", "a"], {"a"}, 0.2),
        (["a", "b"], {"a", "b", "c", "d"}, 0.5),
        # Divided by all 7 relevant claims, as the task's scorer does, not by min(7, 5).
        (["a", "b", "c", "d", "e"], {"a", "b", "c", "d", "e", "f", "g"}, 5 / 7),
        (["a"], set(), 0.0),
    ],
)
def test_average_precision_at_5(ranked, relevant, expected):
    assert average_precision_at(ranked, relevant) == pytest.approx(expected)


def test_map_is_the_mean_over_queries_and_checks_lengths():
    rankings = [["a", "b"], ["x", "b"], ["x", "y"]]
    assert mean_average_precision_at(rankings, [{"a"}, {"b"}, {"c"}]) == pytest.approx(0.5)
    with pytest.raises(ValueError, match="2 rankings for 3 queries"):
        mean_average_precision_at(rankings[:2], [{"a"}, {"b"}, {"c"}])


def test_top_k_orders_by_score_then_lower_index():
    scores = np.array([[0.2, 0.9, 0.5, 0.9, 0.1], [0.0, 0.0, 0.0, 0.0, 0.0]], dtype=np.float32)
    ranked = top_k(scores, 3)
    assert [i for i, _ in ranked[0]] == [1, 3, 2]
    assert [i for i, _ in ranked[1]] == [0, 1, 2]
    assert [i for i, _ in top_k(scores[:1], 10)[0]] == [1, 3, 2, 0, 4]


@pytest.mark.parametrize(
    ("tweet", "expected"),
    [
        (
            "Our #FloodWatch map is wrong 😡 https://t.co/Ab12 — Jane Q. Doe (@janeqdoe) "
            "March 3, 2021",
            "Our Flood Watch map is wrong. Jane Q. Doe",
        ),
        ("Thanks @CityCouncil for #SafeStreets2020", "Thanks City Council for Safe Streets 2020"),
        ("Look at this!pic.twitter.com/XyZ9— Sam (@sam_k) May 1, 2020", "Look at this! Sam"),
        ("Fares rise again #NoToFares#FairFaresNow", "Fares rise again No To Fares Fair Fares Now"),
        ("It costs $40 - (@reader) said so", "It costs $40 - (reader) said so"),
        ("Plain   text\nstays.", "Plain text stays."),
    ],
)
def test_normalise_tweet(tweet, expected):
    assert normalise_tweet(tweet) == expected


def test_first_occurrences_ignore_quotes_case_and_punctuation():
    texts = ['A "new law" passed.', "a 'new law' passed", "A newer law passed.", "A new law passed"]
    assert first_occurrences(texts) == [0, 2]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Can't believe the council is shutting down our Elm St library next March", 0),
        ("A shark on the highway after the storm?! Unreal", 1),
        ("Jobless rate down to 4% in our county, the mayor says", 2),
    ],
)
def test_matcher_ranks_the_claim_a_post_repeats_first(query, expected):
    matcher = ClaimMatcher().fit(CLAIMS)
    assert matcher.reranker is not None
    ranked = matcher.rank(query, k=3)
    assert ranked[0][0] == expected
    assert sorted(i for i, _ in ranked) == [0, 1, 2]
    # the scores are the combined similarity, which the report cut applies to
    assert ranked[0][1] == pytest.approx(float(matcher.scores([query])[0, expected]))


def test_numbers_drop_separators_and_trailing_stops():
    assert numbers("Up to 6,000 drones for $1.5 billion, in 2022.") == {"6000", "1.5", "2022"}
    assert numbers("no figures here") == frozenset()


def _parts(*rows):
    """Cosines of one query against len(rows[0]) claims, the same for every part."""
    values = np.array([rows[0]], dtype=np.float32)
    return {"embedding": values, "words": values, "characters": values}, values * 2.6


def test_candidate_rows_measure_each_candidate_against_the_best_one():
    parts, combined = _parts([0.9, 0.5, 0.7])
    facts = ClaimFacts.of(["cut 40 jobs in 2019", "a plain claim", "cut 40 jobs"])
    rows = candidate_rows(parts, combined, 0, np.array([0, 2, 1]), frozenset({"40"}), facts)
    column = {name: rows[:, i] for i, name in enumerate(RERANK_FEATURES)}
    assert column["embedding_gap"] == pytest.approx([0.0, -0.2, -0.4])
    assert column["inverse_rank"] == pytest.approx([1.0, 0.5, 1 / 3])
    assert column["numbers_query_in_claim"] == pytest.approx([1.0, 1.0, 0.0])
    assert column["numbers_claim_in_query"] == pytest.approx([0.5, 1.0, 0.0])
    assert column["query_has_no_number"] == pytest.approx([0.0, 0.0, 0.0])
    assert column["claim_length"] == pytest.approx(np.log1p([5, 3, 3]))


def _reranker(**weights: float) -> Reranker:
    coef = [weights.get(name, 0.0) for name in RERANK_FEATURES]
    return Reranker(coef, 0.0, TUNED_WEIGHTS.as_dict(), candidates=2)


def test_rerank_reorders_only_the_candidates_and_keeps_combined_scores():
    parts, combined = _parts([0.9, 0.8, 0.7, 0.1])
    facts = ClaimFacts.of(["no number", "40 jobs", "no number", "40 jobs"])
    prefers_numbers = _reranker(numbers_query_in_claim=1.0)
    ranked = rerank(parts, combined, [frozenset({"40"})], facts, prefers_numbers, k=4)
    # claims 0 and 1 are the two candidates and swap; 2 and 3 follow in combined order
    assert [i for i, _ in ranked[0]] == [1, 0, 2, 3]
    assert [s for _, s in ranked[0]] == pytest.approx(combined[0, [1, 0, 2, 3]])
    # a reranker that scores every candidate alike keeps the first order
    assert [i for i, _ in rerank(parts, combined, [frozenset()], facts, _reranker(), 4)[0]] == [
        0,
        1,
        2,
        3,
    ]


def test_rerank_never_offers_claims_taken_out():
    parts, combined = _parts([0.9, 0.8, 0.7])
    combined[0, 0] = -np.inf
    facts = ClaimFacts.of(["a", "b", "c"])
    ranked = rerank(parts, combined, [frozenset()], facts, _reranker(combined=1.0), k=3)
    assert [i for i, _ in ranked[0]] == [1, 2]


def test_matcher_reranks_only_with_the_weights_the_reranker_was_fitted_on():
    assert ClaimMatcher(WORDS_ONLY).reranker is None
    assert ClaimMatcher(rerank=False).reranker is None
    assert load_reranker().weights == TUNED_WEIGHTS.as_dict()
    with pytest.raises(ValueError, match="pass rerank=False"):
        ClaimMatcher(WORDS_ONLY, rerank=True)


def test_matcher_takes_embeddings_it_already_has():
    from sourcetrace.nlp.embed import load_embedder

    queries = ["the library on Elm Street closes", "shark photo"]
    vectors = load_embedder().embed(CLAIMS)
    query_vectors = load_embedder().embed(queries)
    given = ClaimMatcher().fit(CLAIMS, vectors).scores(queries, query_vectors)
    computed = ClaimMatcher().fit(CLAIMS).scores(queries)
    assert np.allclose(given, computed)


def test_matcher_scores_only_the_weighted_parts():
    matcher = ClaimMatcher(WORDS_ONLY).fit(CLAIMS)
    assert set(matcher.component_scores(["library"])) == {"words"}
    ranked = matcher.rank_many(["Elm Street library", "shark"], k=1)
    assert [[i for i, _ in row] for row in ranked] == [[0], [1]]


def test_matcher_handles_no_claims_and_stop_word_claims():
    assert ClaimMatcher(WORDS_ONLY).fit([]).rank("anything") == []
    ranked = ClaimMatcher(WORDS_ONLY).fit(["the and of", "it is"]).rank("the and of", k=2)
    assert ranked == [(0, 0.0), (1, 0.0)]


def test_matcher_refuses_all_zero_weights():
    with pytest.raises(ValueError, match="every match weight is 0"):
        ClaimMatcher(MatchWeights(embedding=0.0, words=0.0, characters=0.0))


def write_corpus(folder: Path, qrels: str) -> Path:
    """A CheckThat!-shaped folder: one claim spans two lines, one repeats another."""
    folder.mkdir()
    (folder / "verified_claims.docs.tsv").write_text(
        "\tvclaim\ttitle\n"
        '0\t"The council voted to close the ""Elm Street"" library."\tLibrary to Close?\n'
        "1\tA photograph shows a shark on a flooded highway.\tShark on the Highway?\n"
        '2\t"The mayor said unemployment\nfell to 4 percent."\tJobless Rate at 4%?\n'
        "3\tThe council voted to close the 'Elm Street' library.\tLibrary to Close?\n",
        encoding="utf-8",
    )
    split = folder / "train"
    split.mkdir()
    (split / "tweets.queries.tsv").write_text(
        "\ttweet_content\n"
        "10\tThey're closing the Elm Street library?! — Pat Lee (@patlee) May 2, 2020\n"
        "11\tshark. on. the. highway. https://t.co/x1\n"
        "12\tUnemployment fell to 4 percent, says the mayor #jobs\n",
        encoding="utf-8",
    )
    (split / "tweet-vclaim-pairs.qrels").write_text(qrels, encoding="utf-8")
    return folder


def test_readers_keep_quoted_fields_and_file_order(tmp_path):
    folder = write_corpus(tmp_path / "ct", "10 0 0 1\n11 0 1 1\n12 0 2 1\n")
    ids, texts = read_claims(folder)
    assert ids == ["0", "1", "2", "3"]
    assert texts[0] == 'The council voted to close the "Elm Street" library. Library to Close?'
    assert texts[2] == "The mayor said unemployment\nfell to 4 percent. Jobless Rate at 4%?"
    tweets, _, relevant = read_split(folder, "train")
    assert (tweets, relevant) == (["10", "11", "12"], [{"0"}, {"1"}, {"2"}])


def test_evaluate_checkthat_on_a_tiny_corpus(tmp_path):
    folder = write_corpus(tmp_path / "ct", "10 0 0 1\n11 0 1 1\n12 0 2 1\n")
    result = evaluate_checkthat(folder, "train")
    assert (result["queries"], result["claims"], result["claims_in_file"]) == (3, 3, 4)
    assert (result["map_at_5"], result["unreachable_pairs"]) == (1.0, 0)
    assert set(result["components"]) == {"embedding", "words", "characters"}
    assert tune_weights(folder)["map_at_5"] == 1.0
    assert result["reranked"] and result["combined_map_at_5"] == 1.0
    assert result["open_set"]["threshold"] == MATCH_THRESHOLD
    calibrated = calibrate_threshold(folder)
    assert 0.05 <= calibrated["threshold"] <= 3.0 and calibrated["recall"] > 0


def test_fit_reranker_cross_validates_on_train_only(tmp_path):
    folder = write_corpus(tmp_path / "ct", "10 0 0 1\n11 0 1 1\n12 0 2 1\n")
    (folder / "dev").mkdir()  # no dev files: fitting must not read them
    reranker = fit_reranker(folder, grid=(0.1, 1.0), folds=3)
    assert len(reranker.coef) == len(RERANK_FEATURES)
    assert reranker.figures["c"] in (0.1, 1.0)
    assert set(reranker.figures) == {
        "combined_map_at_5",
        "cv_map_at_5_c=0.1",
        "cv_map_at_5_c=1",
        "c",
    }
    assert "3 tweets" in reranker.trained_on
    path = tmp_path / "reranker.json"
    reranker.save(path)
    assert Reranker.load(path) == reranker


def test_fit_reranker_needs_relevant_and_other_candidates(tmp_path):
    folder = write_corpus(tmp_path / "ct", "10 0 3 1\n")  # names only a collapsed copy
    with pytest.raises(ValueError, match="relevant and other claims"):
        fit_reranker(folder)


def test_a_reranker_file_with_other_features_is_refused(tmp_path):
    path = tmp_path / "reranker.json"
    path.write_text('{"coef": [1.0], "intercept": 0, "weights": {}, "features": ["x"]}')
    with pytest.raises(ValueError, match="train matching"):
        Reranker.load(path)


def test_open_set_counts_reports_with_and_without_the_right_claim():
    best = {
        "best": np.array([1.2, 0.95, 0.5]),  # each tweet's best score against every claim
        "right": np.array([True, False, True]),  # ... and whether that claim is relevant
        "without": np.array([0.7, 0.92, 0.3]),  # best score once its claims are taken out
    }
    # at 0.9: tweets 0 (right) and 1 (wrong) are reported, and tweet 1 again without its claims
    assert open_set(best, 0.9) == {
        "threshold": 0.9,
        "precision": round(1 / 3, 4),
        "recall": round(1 / 3, 4),
        "f1": round(1 / 3, 4),
    }
    assert open_set(best, 0.4)["recall"] == round(2 / 3, 4)
    assert open_set(best, 2.0) == {"threshold": 2.0, "precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_a_pair_naming_a_collapsed_copy_counts_as_unreachable(tmp_path):
    folder = write_corpus(tmp_path / "ct", "10 0 3 1\n11 0 1 1\n12 0 2 1\n")
    collapsed = evaluate_checkthat(folder, "train")
    assert collapsed["unreachable_pairs"] == 1
    assert collapsed["map_at_5"] == pytest.approx(2 / 3, abs=1e-4)
    assert evaluate_checkthat(folder, "train", collapse_duplicates=False)["claims"] == 4


def test_reader_names_the_folder_option_when_files_are_missing(tmp_path):
    with pytest.raises(FileNotFoundError, match="--checkthat"):
        read_claims(tmp_path)


def test_reader_rejects_an_unexpected_header(tmp_path):
    (tmp_path / "verified_claims.docs.tsv").write_text("id\tclaim\n0\tx\n", encoding="utf-8")
    with pytest.raises(ValueError, match="expected the header"):
        read_claims(tmp_path)


@pytest.mark.skipif(
    not (CHECKTHAT / "verified_claims.docs.tsv").is_file(),
    reason="../shared/data/checkthat/ct20_task2 not present",
)
def test_checkthat_dev_map_at_5_does_not_regress():
    floor = json.loads(FLOOR.read_text(encoding="utf-8"))
    result = evaluate_checkthat(CHECKTHAT, "dev")
    assert (result["queries"], result["claims"]) == (floor["queries"], floor["claims"])
    assert result["map_at_5"] >= floor["map_at_5"], result
    assert result["map_at_5"] > max(result["components"].values()), result
    assert result["reranked"] and result["map_at_5"] >= result["combined_map_at_5"], result
