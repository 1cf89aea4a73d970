"""The coreference scores against the published cases of the reference scorer.

Cases A1-A6, A10 and A11 of conll/reference-coreference-scorers (test/CorefMetricTestConfig.pm,
with the exact fractions of test/TestCases.README) share the key {a} {bc} {def}; "B" is a
response mention the key lacks, like "x", "y" and "z". The paper's example is Figure 1 of
Pradhan et al. 2014 (MUC 0.40 / 0.40, B³ recall 0.42 precision 0.50, CEAF-e recall 0.65
precision 0.43), written here as exact fractions.
"""

import pytest

from sourcetrace.eval.coref import b_cubed, ceaf_e, conll, muc


def partition(text: str) -> list[set[str]]:
    return [set(cluster) for cluster in text.split()]


KEY = partition("a bc def")

# case: (response, MUC (R, P), B³ (R, P), CEAF-e (R, P) or None where the config gives none)
REFERENCE_CASES = {
    "A1": ("a bc def", (1, 1), (1, 1), (1, 1)),
    "A2": ("a de", (1 / 3, 1), (7 / 18, 1), (0.6, 0.9)),
    "A3": (
        "a bcx defy z",
        (1, 3 / 5),
        (1, (4 + 7 / 12) / 9),
        ((1 + 4 / 5 + 6 / 7) / 3, (1 + 4 / 5 + 6 / 7) / 4),
    ),
    "A4": (
        "a bcx dy z",
        (1 / 3, 1 / 3),
        ((3 + 1 / 3) / 6, (1 + 4 / 3 + 1 / 2) / 7),
        ((1 + 4 / 5 + 2 / 5) / 3, (1 + 4 / 5 + 2 / 5) / 4),
    ),
    "A5": (
        "a bcxB dy z",
        (1 / 3, 1 / 4),
        ((3 + 1 / 3) / 6, 2.5 / 8),
        ((1 + 4 / 6 + 2 / 5) / 3, (1 + 4 / 6 + 2 / 5) / 4),
    ),
    "A6": (
        "a bcx dy Bz",
        (1 / 3, 1 / 4),
        ((10 / 3) / 6, (1 + 4 / 3 + 1 / 2) / 8),
        ((1 + 4 / 5 + 2 / 5) / 3, (1 + 4 / 5 + 2 / 5) / 4),
    ),
    "A10": ("a b c d e f", (0, 0), (3 / 6, 1), None),
    "A11": ("abcdef", (1, 3 / 5), (1, (1 / 6 + 2 * 2 / 6 + 3 * 3 / 6) / 6), None),
}


@pytest.mark.parametrize("case", REFERENCE_CASES)
def test_scores_match_the_reference_scorer_cases(case):
    response, muc_rp, b3_rp, ceaf_rp = REFERENCE_CASES[case]
    measures = [(muc, muc_rp), (b_cubed, b3_rp)] + ([(ceaf_e, ceaf_rp)] if ceaf_rp else [])
    for measure, (recall, precision) in measures:
        score = measure(KEY, partition(response))
        assert (score.recall, score.precision) == pytest.approx((recall, precision)), measure


def test_scores_match_the_example_of_pradhan_et_al_2014():
    key, response = partition("abc defg"), partition("ab cd fghi")
    result = conll(key, response)
    assert (result.muc.recall, result.muc.precision) == pytest.approx((2 / 5, 2 / 5))
    b3_recall = (2 / 3 + 2 / 3 + 1 / 3 + 1 / 4 + 0 + 2 / 4 + 2 / 4) / 7
    assert (result.b_cubed.recall, result.b_cubed.precision) == pytest.approx((b3_recall, 4 / 8))
    assert round(result.b_cubed.recall, 2) == 0.42
    assert (result.ceaf_e.recall, result.ceaf_e.precision) == pytest.approx((1.3 / 2, 1.3 / 3))
    assert result.conll_f1 == pytest.approx(
        (result.muc.f1 + result.b_cubed.f1 + result.ceaf_e.f1) / 3
    )


def test_identical_partitions_score_one_everywhere():
    result = conll(KEY, partition("def a cb"))
    assert result.as_dict() == {
        "muc": {"recall": 1.0, "precision": 1.0, "f1": 1.0},
        "b_cubed": {"recall": 1.0, "precision": 1.0, "f1": 1.0},
        "ceaf_e": {"recall": 1.0, "precision": 1.0, "f1": 1.0},
        "conll_f1": 1.0,
    }


def test_all_singletons_against_all_singletons_score_zero_muc_and_full_b3_and_ceaf():
    singletons = partition("a b c")
    result = conll(singletons, singletons)
    assert result.muc.f1 == 0.0
    assert result.b_cubed.f1 == result.ceaf_e.f1 == 1.0


def test_one_cluster_against_singletons_keeps_b3_precision_and_loses_recall():
    result = conll(partition("abcd"), partition("a b c d"))
    assert (result.muc.recall, result.muc.precision) == (0.0, 0.0)
    assert (result.b_cubed.recall, result.b_cubed.precision) == (0.25, 1.0)
    # the one key cluster aligns with one singleton: phi4 = 2 * 1 / (4 + 1)
    assert (result.ceaf_e.recall, result.ceaf_e.precision) == pytest.approx((0.4, 0.1))


def test_empty_response_scores_zero():
    result = conll(KEY, [])
    assert (result.muc.f1, result.b_cubed.f1, result.ceaf_e.f1, result.conll_f1) == (0, 0, 0, 0)


def test_a_mention_in_two_clusters_is_refused():
    with pytest.raises(ValueError, match="'b' is in two clusters"):
        b_cubed(KEY, partition("ab bc"))
