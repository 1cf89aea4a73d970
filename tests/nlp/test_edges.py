"""Content edges: training rows, learning a convention, and the limits no scorer may cross.

The articles are short texts the team wrote; every name is invented.
"""

from __future__ import annotations

import random
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sourcetrace.eval.brat import GoldArticle, GoldAttribution
from sourcetrace.eval.fit_attribution import edge_rows, fit_edges
from sourcetrace.nlp.attribution import find_attributions
from sourcetrace.nlp.cues import CueModel, load_cue_model
from sourcetrace.nlp.edges import EdgeScorer, Tokens, choices, content_edges
from sourcetrace.nlp.model import load_nlp
from sourcetrace.nlp.quotes import find_quotes

NAMES = ["Ilse Marren", "Tomas Okafor", "Wren Halloway", "Priya Dalca", "Jon Esterby"]
PLANS = ["the harbor levy", "the ferry contract", "the toll plan", "the dock lease"]


def _article(name: str, plan: str, number: int) -> GoldArticle:
    """'<name> said that <plan> would fail, which surprised nobody.' with the annotators'
    convention: the content leaves out 'that' and the clause after the comma."""
    text = f"{name} said that {plan} would fail, which surprised nobody.\n"
    cue = text.index("said")
    content = text.index(plan)
    end = text.index(" would fail") + len(" would fail")
    gold = GoldAttribution(
        cue=((cue, cue + 4),), content=((content, end),), source=((0, len(name)),)
    )
    return GoldArticle(f"a{number}", text, [gold])


def _corpus(count: int) -> list[GoldArticle]:
    pairs = [(n, p) for n in NAMES for p in PLANS]
    return [_article(*pairs[i % len(pairs)], i) for i in range(count)]


def _docs(articles):
    return list(load_nlp().pipe(a.text for a in articles))


def test_edge_rows_label_only_the_gold_edges():
    articles = _corpus(1)
    rows = edge_rows(articles, _docs(articles))
    text = articles[0].text
    doc = load_nlp()(text)
    starts = [r for r in rows if r[0] == "start"]
    ends = [r for r in rows if r[0] == "end"]
    assert starts and ends
    # one gold start ("the"), one gold end ("fail"); the parsed start ("that") is not gold
    assert sum(r[2] for r in starts) == 1 and sum(r[2] for r in ends) == 1
    parsed_start = [r for r in starts if r[5]]
    assert len(parsed_start) == 1 and parsed_start[0][2] == 0
    assert parsed_start[0][1]["first.lower=that"] == 1.0
    gold_start = next(r for r in starts if r[2])
    assert gold_start[1]["first.lower=the"] == 1.0
    gold_end = next(r for r in ends if r[2])
    assert gold_end[1]["last.lower=fail"] == 1.0
    assert {r[4] for r in rows} == {0} and doc.text == text


def test_fitted_scorers_move_edges_to_the_learned_convention():
    articles = _corpus(40)
    start, end, meta = fit_edges(edge_rows(articles, _docs(articles)), len(articles))
    assert meta["edge_attributions"] == 40
    assert meta["start_edge_heldout"]["chosen"] > meta["start_edge_heldout"]["parsed"]
    model = replace(load_cue_model(), start=start, end=end)
    text = "Maren Volk said that the canal tax would fail, which surprised nobody."
    found = find_attributions(load_nlp()(text), model)
    assert [text[s:e] for s, e in found[0].content] == ["the canal tax would fail"]
    parsed = find_attributions(load_nlp()(text), replace(model, start=None, end=None))
    assert text[parsed[0].content[0][0] :].startswith("that the canal tax")


def test_model_round_trips_with_and_without_edge_scorers(tmp_path):
    scorer = EdgeScorer({"bias": 0.5, "first.lower=the": 1.25}, -0.5)
    model = CueModel({"bias": 1.0}, -2.0, 0.4, {"trained_on": "test"}, frozenset({"case"}))
    model.save(tmp_path / "plain.json.gz")
    plain = CueModel.load(tmp_path / "plain.json.gz")
    assert plain.start is None and plain.end is None and plain.light_objects == {"case"}
    model.start, model.end = scorer, EdgeScorer({"bias": 0.1})
    model.save(tmp_path / "edges.json.gz")
    loaded = CueModel.load(tmp_path / "edges.json.gz")
    assert loaded.start == scorer and loaded.end == EdgeScorer({"bias": 0.1}, 0.0)
    assert loaded.start.score({"first.lower=the": 1.0, "unknown": 1.0}) == 0.75


TEXTS = [
    "“We will not sign it,” Ilse Marren, the port director, said on Monday.",
    "The ministry said in a statement that the ferry would resume, according to Harbor Ledger.",
    "Tomas Okafor told reporters the levy, which he opposes, was “a tax on fishermen.”",
    "According to a senior official briefed on the talks, the deal could collapse by May.",
    "The dock, he said, “will stay open as long as the boats come in,” and then he left.",
    "Ilse Marren said the levy would rise, and Tomas Okafor said it was “a tax on fishermen.”",
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_no_scorer_moves_content_across_a_cue_or_the_source(seed):
    nlp = load_nlp()
    base = load_cue_model()
    for text in TEXTS:
        doc = nlp(text)
        quotes = find_quotes(text)
        names = set()
        parsed = find_attributions(doc, replace(base, start=None, end=None), quotes)
        for candidate in parsed:
            tokens = Tokens(doc, quotes)
            edges = content_edges(tokens, candidate)
            if edges is not None:
                names |= {k for _, _, f in choices(tokens, candidate, edges) for k in f}
        rng = random.Random(seed)
        weights = {name: rng.uniform(-3, 3) for name in sorted(names)}
        model = replace(base, start=EdgeScorer(weights), end=EdgeScorer(dict(weights)))
        refined = find_attributions(doc, model, quotes)
        assert [c.cue for c in refined] == [c.cue for c in parsed]
        for found, before in zip(refined, parsed, strict=True):
            low, high = before.content[0][0], before.content[-1][1]
            for other in parsed:
                # another attribution's cue outside the parsed content stays outside
                if other is not before and not low <= other.cue[0] < high:
                    assert not found.content[0][0] <= other.cue[0] < found.content[-1][1], text
            assert found.content, text
            for start, end in found.content:
                assert 0 <= start < end <= len(text)
                assert end <= found.cue[0] or start >= found.cue[1], (text, found.content)
                if found.source:
                    assert end <= found.source[0] or start >= found.source[1], (text, found)
