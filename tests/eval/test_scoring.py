"""The span scorer and the PolNeAR reader, on annotations the team wrote for the test."""

from pathlib import Path

import pytest

from sourcetrace.eval.attribution import Scored, annotator_agreement, score
from sourcetrace.eval.brat import load_annotators, load_split, parse_ann

TEXT = "Venn said the plant will close. Marren told reporters it would not."
#       0    5    10   15   20   25   30   35   40   45   50   55   60
GOLD = [
    Scored(cue=((5, 9),), content=((10, 30),), source=((0, 4),)),
    Scored(cue=((39, 43),), content=((54, 66),), source=((32, 38),)),
]


def test_perfect_prediction_scores_one_everywhere():
    results = score([(TEXT, GOLD, GOLD)])
    assert {name: c.f1 for name, c in results.items()} == dict.fromkeys(results, 1.0)


def test_partial_content_counts_at_30_but_not_at_80_or_exact():
    predicted = [Scored(cue=((5, 9),), content=((10, 19),), source=((0, 4),))]
    results = score([(TEXT, predicted, GOLD[:1])])
    assert results["content@30"].matched == 1
    assert results["content@80"].matched == 0
    assert results["exact content"].matched == 0


def test_wrong_source_fails_only_source_measure():
    predicted = [Scored(cue=((5, 9),), content=((10, 30),), source=((32, 38),))]
    results = score([(TEXT, predicted, GOLD[:1])])
    assert results["content@30"].matched == 1
    assert results["source+content"].matched == 0


def test_one_prediction_matches_one_gold_only():
    predicted = [Scored(cue=((5, 9),), content=((0, len(TEXT)),), source=((0, 4),))]
    results = score([(TEXT, predicted, GOLD)])
    assert results["content@30"].matched == 1
    assert results["content@30"].precision == 1.0
    assert results["content@30"].recall == 0.5


ANN = (
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T1\tSource 0 4\tVenn\n"
    "T2\tCue 5 9\tsaid\n"
    "T3\tContent 10 19;20 30\tthe plant will close\n"
    "T4\tAttribution 5 9\tsaid\n"
    "T5\tDiscuss 0 4\tVenn\n"
    "E2\tAttribution-no-source:T8 Content:T7 Cue:T6\n"
    "T6\tCue 39 43\ttold\n"
    "T7\tContent 54 66\tit would not\n"
    "T8\tAttribution-no-source 39 43\ttold\n"
)


def test_parse_ann_reads_events_before_their_spans_and_fragments():
    first, second = parse_ann(ANN)
    assert first.content == ((10, 19), (20, 30)) and first.source == ((0, 4),)
    assert second.source == () and second.cue == ((39, 43),)


def test_load_split_uses_first_annotator_and_reports_a_missing_folder(tmp_path: Path):
    (tmp_path / "dev" / "text").mkdir(parents=True)
    (tmp_path / "dev" / "attributions").mkdir()
    (tmp_path / "dev" / "text" / "a1.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "dev" / "attributions" / "a1_x.ann").write_text(ANN, encoding="utf-8")
    (tmp_path / "dev" / "attributions" / "a1_y.ann").write_text("", encoding="utf-8")
    (article,) = load_split(tmp_path, "dev")
    assert len(article.attributions) == 2
    with pytest.raises(FileNotFoundError, match="point --polnear"):
        load_split(tmp_path, "train")


def _corpus(tmp_path: Path, annotations: dict[str, str]) -> Path:
    (tmp_path / "train" / "text").mkdir(parents=True)
    (tmp_path / "train" / "attributions").mkdir()
    for name in {n.rsplit("_", 1)[0] for n in annotations}:
        (tmp_path / "train" / "text" / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    for name, ann in annotations.items():
        (tmp_path / "train" / "attributions" / f"{name}.ann").write_text(ann, encoding="utf-8")
    return tmp_path


def test_load_annotators_keeps_only_articles_marked_several_times(tmp_path: Path):
    second_only = ANN.split("E2")[0]  # the second annotator marked Venn's statement only
    root = _corpus(tmp_path, {"a1_x": ANN, "a1_y": second_only, "a2_x": ANN})
    (article,) = load_annotators(root, "train")
    assert [a.name for a in article] == ["a1", "a1"]
    assert [len(a.attributions) for a in article] == [2, 1]


def test_agreement_scores_further_annotators_against_the_first(tmp_path: Path):
    second_only = ANN.split("E2")[0]
    root = _corpus(tmp_path, {"a1_x": ANN, "a1_y": second_only, "a1_z": ANN})
    result = annotator_agreement(root, "train")
    assert (result.articles, result.pairs) == (1, 2)
    exact = result.annotators["exact content"]
    assert (exact.gold, exact.predicted, exact.matched) == (4, 3, 3)
    assert exact.precision == 1.0 and exact.recall == 0.75
    # the product's analysis is scored against the first annotator on the same text
    assert result.system["content@30"].gold == 2
    assert result.system["content@30"].matched == 2


def test_cross_validation_analyses_each_article_with_a_model_that_never_saw_it(
    tmp_path: Path, monkeypatch
):
    import sourcetrace.eval.fit_attribution as fitting
    import sourcetrace.nlp.analysis as analysis

    root = _corpus(tmp_path, {f"a{n}_x": ANN for n in range(1, 5)})
    fitted_on: list[set[int]] = []
    fit_at = fitting.fit_at

    def recording_fit(rows, c, threshold, **options):
        fitted_on.append({r[2] for r in rows})
        model = fit_at(rows, c, threshold, **options)
        model.meta["fold"] = len(fitted_on) - 1
        return model

    analysed: list[tuple[str, int]] = []
    analyse_doc = analysis.analyse_doc

    def recording_analyse(doc, *, article_id="", model=None, **options):
        analysed.append((article_id, model.meta["fold"]))
        return analyse_doc(doc, article_id=article_id, model=model, **options)

    monkeypatch.setattr(fitting, "fit_at", recording_fit)
    monkeypatch.setattr(analysis, "analyse_doc", recording_analyse)
    results, articles = fitting.cross_validate_polnear(root, folds=4)
    assert articles == 4 and results["content@30"].gold == 8  # every article scored once
    assert sorted(name for name, _ in analysed) == ["a1", "a2", "a3", "a4"]
    names = sorted(f"a{n}" for n in range(1, 5))  # load_split's order
    for name, fold in analysed:
        assert names.index(name) not in fitted_on[fold]
        assert len(fitted_on[fold]) == 3


def test_fold_scores_fit_one_model_per_fold_and_analyse_at_each_threshold(
    tmp_path: Path, monkeypatch
):
    import sourcetrace.eval.fit_attribution as fitting
    import sourcetrace.nlp.analysis as analysis
    from sourcetrace.nlp.cues import load_cue_model

    root = _corpus(tmp_path, {f"a{n}_x": ANN for n in range(1, 5)})
    articles = load_split(root, "train")
    docs = list(fitting._parse([a.text for a in articles]))
    shipped = load_cue_model()
    rows = fitting.training_rows(articles, docs, light=shipped.light_objects)
    fits: list[int] = []
    seen: list[float] = []
    fit_at, analyse_doc = fitting.fit_at, analysis.analyse_doc

    def recording_fit(rows, c, threshold, **options):
        fits.append(len(rows))
        return fit_at(rows, c, threshold, **options)

    def recording_analyse(doc, *, article_id="", model=None, **options):
        seen.append(model.threshold)
        return analyse_doc(doc, article_id=article_id, model=model, **options)

    monkeypatch.setattr(fitting, "fit_at", recording_fit)
    monkeypatch.setattr(analysis, "analyse_doc", recording_analyse)
    scores = fitting.fold_scores(articles, docs, rows, shipped, 2, [0.3, 0.9])
    assert len(fits) == 2  # one fit per fold, whatever the number of thresholds
    assert sorted(seen) == [0.3] * 4 + [0.9] * 4  # each article once at each threshold
    assert set(scores) == {0.3, 0.9}
    assert all(s["content@30"].gold == 8 for s in scores.values())


def test_the_shipped_threshold_is_the_best_end_to_end_sum_of_the_target_measures(monkeypatch):
    import sourcetrace.eval.fit_attribution as fitting
    from sourcetrace.eval.attribution import Counts
    from sourcetrace.nlp.cues import CueModel

    def counts(matched: int) -> Counts:
        return Counts(predicted=100, gold=100, matched=matched)

    # content@30, source+content, exact content (content@80 and cue+content do not count)
    figures = {0.35: (80, 70, 50, 99), 0.4: (78, 73, 52, 10), 0.45: (70, 70, 50, 99)}

    def fake_scores(articles, docs, rows, base, folds, thresholds):
        assert sorted(thresholds) == [0.35, 0.4, 0.45]  # the choice and a step either side
        return {
            t: {
                "content@30": counts(c30),
                "source+content": counts(sc),
                "exact content": counts(ex),
                "content@80": counts(other),
                "cue+content": counts(other),
            }
            for t, (c30, sc, ex, other) in figures.items()
        }

    monkeypatch.setattr(fitting, "fold_scores", fake_scores)
    model = CueModel({}, 0.0, 0.4, {})
    fitting.choose_threshold(model, [], [], [])
    assert model.threshold == 0.4  # 0.78 + 0.73 + 0.52 beats 0.80 + 0.70 + 0.50
    assert model.meta["candidate_threshold"] == 0.4
    assert model.meta["end_to_end_cv"]["0.35"]["content@30"] == 0.8
    figures[0.4] = (80, 70, 50, 0)  # a tie keeps the candidate-level choice
    model.threshold = 0.4
    fitting.choose_threshold(model, [], [], [])
    assert model.threshold == 0.4
