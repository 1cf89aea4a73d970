"""The tables ``sourcetrace eval ...`` prints, on figures the team made up."""

from __future__ import annotations

from sourcetrace.eval.attribution import MEASURES, Agreement, Counts
from sourcetrace.eval.text import (
    agreement_json,
    attribution_json,
    format_agreement,
    format_alignment,
    format_attribution,
    format_checkworthy,
    format_extraction,
    format_matching,
    format_stories,
)


def _counts(matched: int) -> dict[str, Counts]:
    return {name: Counts(predicted=10, gold=8, matched=matched) for name in MEASURES}


def test_attribution_figures_one_row_per_measure_in_order():
    assert format_attribution(_counts(4), "dev", 3).splitlines() == [
        "PolNeAR dev: 3 articles, 8 gold attributions",
        "measure          precision   recall      F1  matched",
        *[f"{name:<16}     0.400    0.500   0.444        4" for name in MEASURES],
    ]


def test_attribution_json_holds_the_split_and_each_measure():
    payload = attribution_json(_counts(4), "dev", 3)
    assert list(payload) == ["split", "articles", *MEASURES]
    assert payload["content@30"] == {
        "precision": 0.4, "recall": 0.5, "f1": 0.4444, "predicted": 10, "gold": 8, "matched": 4,
    }  # fmt: skip


def test_agreement_sets_annotators_beside_the_system():
    result = Agreement(articles=2, pairs=3, annotators=_counts(8), system=_counts(4))
    lines = format_agreement(result, "train").splitlines()
    assert lines[0] == (
        "PolNeAR train: 2 articles marked by several annotators, 3 further annotations scored"
        " against the first (the gold)"
    )
    assert lines[2] == "content@30               0.889  0.800  1.000      0.444"
    assert lines[-1] == "The system column is on articles the cue model was fitted on: optimistic."
    assert agreement_json(result, "train")["system"]["exact content"]["matched"] == 4


def test_agreement_without_articles_is_one_line():
    nothing = Agreement(articles=0, pairs=0, annotators=_counts(0), system=_counts(0))
    assert format_agreement(nothing, "dev") == (
        "PolNeAR dev: 0 articles marked by several annotators, 0 further annotations scored"
        " against the first (the gold)"
    )


def test_checkworthy_figures_with_and_without_ct19():
    held = {"sentences": 100, "positives": 20, "precision": 0.5, "recall": 0.25, "f1": 1 / 3}
    first = (
        "ClaimBuster held-out (100 sentences, 20 check-worthy): precision 0.500 recall 0.250"
        " F1 0.333"
    )
    assert format_checkworthy({"claimbuster_held_out": held}) == first
    both = format_checkworthy(
        {"claimbuster_held_out": held, "ct19": {"transcripts": 4, "map": 0.2}}
    )
    assert both == first + (
        "\nCheckThat! 2019 task 1, leave-one-transcript-out over 4 transcripts: MAP 0.200"
    )


def test_story_figures_per_corpus():
    figures = {"precision": 0.9, "recall": 0.8, "f1": 0.85}
    ecb = {"corpus": "ecbplus", "split": "dev", "documents": 10, "gold_clusters": 3, "stories": 4,
           "b_cubed": figures, "pairwise": figures}  # fmt: skip
    chains = {"corpus": "story_chains", "documents": 6, "pairs": 5, "stories": 2,
              "pairwise": figures, "second_coder": figures}  # fmt: skip
    assert format_stories([ecb, chains]).splitlines() == [
        "ECB+ dev: 10 articles, 3 gold events, 4 stories",
        "             precision   recall      F1",
        "  B³             0.900    0.800   0.850",
        "  pairwise       0.900    0.800   0.850",
        "story chains: 6 articles, 5 labelled pairs, 2 stories",
        "             precision   recall      F1",
        "  pairwise       0.900    0.800   0.850",
        "  coder 2*       0.900    0.800   0.850",
        "  * the second coder's labels scored against the first's (the gold)",
    ]


def test_alignment_figures():
    r = {"events": 5, "pairs": 100, "gold_pairs": 10, "gold_share": 0.1, "predicted_pairs": 8,
         "precision": 0.75, "recall": 0.6, "f1": 2 / 3}  # fmt: skip
    assert format_alignment(r, "dev") == (
        "ECB+ dev: 5 events, 100 cross-document sentence pairs, 10 gold (0.100 of all pairs)\n"
        "aligned 8 pairs: precision 0.750 recall 0.600 F1 0.667"
    )


def test_matching_figures():
    r = {"queries": 20, "claims": 500, "map_at_5": 0.9, "combined_map_at_5": 0.85,
         "components": {"bm25": 0.7, "embedding": 0.8},
         "open_set": {"threshold": 0.5, "precision": 0.95, "recall": 0.9, "f1": 0.925}}  # fmt: skip
    assert format_matching(r, "dev") == (
        "CheckThat! 2020 task 2 dev: 20 tweets, 500 verified claims; MAP@5 0.900 (combined score"
        " without the reranker 0.850; bm25 alone 0.700, embedding alone 0.800)\n"
        "open set at the match cut 0.5: precision 0.950, recall 0.900, F1 0.925"
    )


def test_extraction_figures_list_the_collapsed_pages():
    r = {"pages": 2,
         "scores": {"sourcetrace": {"precision": 0.9, "recall": 0.8, "f1": 0.85}},
         "collapsed": [{"page": "a.html", "sourcetrace": 0.05, "trafilatura": 0.9}]}  # fmt: skip
    assert format_extraction(r, 0.1, 0.8).splitlines() == [
        "extraction benchmark: 2 pages",
        "                           precision   recall      F1",
        "  sourcetrace                  0.900    0.800   0.850",
        "pages where sourcetrace scores below 0.1 while trafilatura scores above 0.8: 1",
        "  a.html: sourcetrace 0.050, trafilatura 0.900",
    ]
