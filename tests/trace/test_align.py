"""The alignment pair model: its features computed in bulk as one pair at a time, the model
applied to them, the rules beside it, and the labelled pairs it is fitted on."""

from __future__ import annotations

import json

import numpy as np
import pytest
from rapidfuzz import fuzz
from typer.testing import CliRunner

from sourcetrace.cli import app
from sourcetrace.eval.fit_alignment import OUTSIDE_WEIGHT, pair_rows
from sourcetrace.eval.provenance import EventVersions, GoldClaim, GoldVersion, Located
from sourcetrace.trace.align import (
    align,
    aligned,
    entity_overlap,
    feature_matrices,
    pair_logits,
    shared_number,
    word_overlap,
)
from sourcetrace.trace.align_model import FEATURES, AlignModel, load_align_model, probability
from sourcetrace.trace.versions import same_speaker
from tests.conftest import ROOT
from tests.trace.test_trace import quantity, unit, version


def said(article: str, who: str, words: str, **fields):
    return version(
        article, f"“{words}”, {who} said.", kind="direct", speaker=who, source_type="person",
        speaker_id=f"person:{who.lower()}", quotes=[words], **fields,
    )  # fmt: skip


VERSIONS = [
    version("a", "Valdoria agreed to send up to 6,000 drones to Ostmark.",
            quantities=[quantity("up to 6,000", 6000, "up to")], entities=["Valdoria", "Ostmark"]),
    version("b", "Valdoria will send 6,000 drones.", quantities=[quantity("6,000", 6000)],
            entities=["Valdoria"]),
    version("c", "Two ministers met in Ostmark.", quantities=[quantity("Two", 2, obj="ministers")],
            entities=["Ostmark"]),
    said("d", "Kirby", "We are concerned about the two ministers", claim=0,
         quantities=[quantity("two", 2, obj="ministers")]),
    said("e", "Kirby", "Russia is offering an unprecedented level of support"),
    said("e", "Venn", "Russia is offering an unprecedented level of support", claim=1),
]  # fmt: skip


def test_bulk_features_are_those_of_each_pair():
    vectors = np.stack([unit(1, 0.1 * k) for k in range(len(VERSIONS))])
    cosines = vectors @ vectors.T
    matrices = dict(feature_matrices(VERSIONS, cosines))
    assert list(matrices) == list(FEATURES)
    for i, a in enumerate(VERSIONS):
        for j, b in enumerate(VERSIONS):
            if i == j:
                continue
            expected = {
                "cosine": cosines[i, j],
                "entities": entity_overlap(a, b),
                "words": word_overlap(a, b),
                "number_specific": shared_number(a, b) == "specific",
                "number_small": shared_number(a, b) == "small",
                "same_speaker": a.attributed and b.attributed and same_speaker(a, b),
                "both_own_voice": not a.attributed and not b.attributed,
                "both_quoted": bool(a.quotes and b.quotes),
                "length_ratio": min(len(a.text.split()), len(b.text.split()))
                / max(len(a.text.split()), len(b.text.split())),
                "ratio": fuzz.ratio(a.text.lower(), b.text.lower()) / 100,
            }
            got = {name: matrices[name][i, j] for name in FEATURES}
            assert got == pytest.approx({k: float(v) for k, v in expected.items()}), (i, j)


def test_pair_logits_are_exact_wherever_they_can_reach_the_floor():
    model = load_align_model()
    vectors = np.stack([unit(1, 0.3 * k) for k in range(len(VERSIONS))])
    cosines = vectors @ vectors.T
    stacked = np.stack([m for _, m in feature_matrices(VERSIONS, cosines)], axis=-1)
    full = model.logit(stacked)
    assert pair_logits(VERSIONS, cosines, model) == pytest.approx(full)
    floor = float(np.median(full))
    lazy = pair_logits(VERSIONS, cosines, model, floor)
    reach = full >= floor
    assert 0 < reach.sum() < reach.size
    assert lazy[reach] == pytest.approx(full[reach])
    assert (lazy[~reach] < floor).all()


@pytest.mark.parametrize(
    ("one", "other", "expected"),
    [
        ((6000, "up to"), (6000, None), "specific"),  # hedges ignored
        ((2, None), (2, None), "small"),
        ((6000, None), (5000, None), None),
        ((6000, None), (6050, None), "specific"),  # within 2%
    ],
)
def test_shared_number_tells_specific_from_small_counts(one, other, expected):
    a = version("a", quantities=[quantity("x", one[0], one[1])])
    b = version("b", quantities=[quantity("y", other[0], other[1])])
    assert shared_number(a, b) == shared_number(b, a) == expected


def test_the_model_is_a_logistic_regression_over_its_features():
    model = AlignModel(coef=[2.0] + [0.0] * (len(FEATURES) - 1), intercept=-1.0, threshold=0.5)
    features = np.zeros(len(FEATURES))
    features[0] = 0.75
    assert float(model.logit(features)) == pytest.approx(0.5)
    assert float(probability(model.logit(features))) == pytest.approx(1 / (1 + np.exp(-0.5)))


def test_the_shipped_model_is_fitted_on_train_with_a_probability_threshold():
    model = load_align_model()
    assert model.features == list(FEATURES) and len(model.coef) == len(FEATURES)
    assert 0.0 < model.threshold < 1.0
    assert "train.jsonl" in model.trained_on and "dev" not in model.trained_on
    assert model.figures["out_of_fold"]["alignment_precision"] >= model.figures["precision_floor"]


def test_a_model_fitted_on_other_features_is_refused(tmp_path):
    path = tmp_path / "model.json"
    AlignModel(coef=[1.0], intercept=0.0, threshold=0.5, features=["cosine"]).save(path)
    with pytest.raises(ValueError, match="train alignment"):
        AlignModel.load(path)
    assert json.loads(path.read_text())["features"] == ["cosine"]


def cosine_only(threshold: float = 0.6) -> AlignModel:
    """A model that reads the cosine alone: probability = sigmoid(8 x cosine - 6)."""
    return AlignModel(coef=[8.0] + [0.0] * (len(FEATURES) - 1), intercept=-6.0, threshold=threshold)


def keys(groups):
    return sorted(sorted(v.key for v in g) for g in groups)


def test_a_quotation_found_in_the_other_lifts_a_pair_over_the_threshold():
    words = "Russia is offering an unprecedented level of support"
    kirby = said("a", "Kirby", words)
    paraphrase = version("b", f"Officials said “{words}” in a briefing on the deal.")
    apart = version("b", "Officials said support was offered in a briefing on the deal.")
    vectors = np.stack([unit(1, 0.75), unit(1, 0.0)])  # cosine 0.8: probability 0.60 - just short
    assert keys(align([kirby, apart], vectors, model=cosine_only(0.65))) == [["a#0"], ["b#0"]]
    assert keys(align([kirby, paraphrase], vectors, model=cosine_only(0.65))) == [["a#0", "b#0"]]


def test_aligned_gives_the_pairs_the_model_itself_aligns_not_those_joined_through_a_third():
    one, two, three = (version(x, f"Statement {x}.") for x in "abc")
    # a-b and b-c score over the threshold, a-c under it: one claim of three versions
    vectors = np.stack([unit(1, 0.0), unit(1, 0.6), unit(1, 1.2)])
    [(group, statements)] = aligned([one, two, three], vectors, model=cosine_only())
    assert [v.key for v in group] == ["a#0", "b#0", "c#0"]
    assert statements == {frozenset({"a#0", "b#0"}), frozenset({"b#0", "c#0"})}


def test_quotations_of_different_speakers_are_not_aligned_however_probable():
    kirby = said("a", "Kirby", "We are concerned about the components Russia sends")
    venn = said("b", "Venn", "Russia is offering an unprecedented level of support")
    vectors = np.stack([unit(1, 0.0), unit(1, 0.01)])  # probability 0.88
    assert keys(align([kirby, venn], vectors, model=cosine_only())) == [["a#0"], ["b#0"]]
    again = said("b", "Kirby", "Russia is offering an unprecedented level of support")
    assert keys(align([kirby, again], vectors, model=cosine_only())) == [["a#0", "b#0"]]


def test_fitting_pairs_are_labelled_by_the_gold_claims_their_versions_overlap():
    texts = {"a": "Drones were sent. Talks failed. Rain fell.", "b": "Drones went. Talks ended."}
    versions = [
        version("a", "Drones were sent.", claim=0),
        version("a", "Talks failed.", claim=1),
        version("a", "Rain fell.", claim=2),
        version("b", "Drones went.", claim=0),
        version("b", "Talks ended.", claim=1),
    ]
    where = {}
    for v in versions:
        start = texts[v.article].index(v.text)
        where[v.key] = Located(v, start, start + len(v.text))

    def claim(name: str, *spans: tuple[str, int, int]) -> GoldClaim:
        gold = tuple(GoldVersion(doc, start, end, None, ("o1",)) for doc, start, end in spans)
        return GoldClaim(name, "e", name, gold, 1, 1)

    gold = [
        claim("drones", ("a", 0, 17), ("b", 0, 12)),
        claim("talks", ("a", 18, 31), ("b", 13, 25)),
    ]
    made = EventVersions(versions, where, texts)
    vectors = np.stack([unit(1, 0.1 * k) for k in range(len(versions))])
    rows = pair_rows(made, vectors, gold)
    assert rows.features.shape == (6, len(FEATURES))  # the pairs across the two articles
    # pairs in order: a#0-b#0, a#0-b#1, a#1-b#0, a#1-b#1, a#2-b#0, a#2-b#1
    assert rows.labels.tolist() == [1, 0, 0, 1, 0, 0]
    assert rows.weights.tolist() == [1.0, 1.0, 1.0, 1.0, OUTSIDE_WEIGHT, OUTSIDE_WEIGHT]


def test_train_alignment_refuses_a_gold_file_of_another_split(tmp_path):
    dev = ROOT / "gold" / "provenance" / "dev.jsonl"
    output = tmp_path / "model.json"
    args = ["train", "alignment", "--ecbplus", str(tmp_path), "--gold", str(dev)]
    result = CliRunner().invoke(app, [*args, "--output", str(output)])
    assert result.exit_code == 1
    assert result.output == f"Error: {dev} holds claims of another split than train\n"
    assert not output.exists()
