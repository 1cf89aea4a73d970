"""Score predicted attributions against gold ones (PolNeAR), by character spans.

Each measure is a one-to-one matching between predictions and gold attributions of one article
(greedy, best coverage first); precision = matched / predicted, recall = matched / gold.

- ``content@30`` / ``content@80``: the prediction's content covers at least 30% / 80% of the gold
  content's characters (whitespace not counted).
- ``source+content``: content@30 and the sources agree: their spans overlap, or both are absent.
- ``cue+content``: content@30 and the cue spans overlap.
- ``exact content``: the same content characters (whitespace not counted).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

Spans = Sequence[tuple[int, int]]
MEASURES = ("content@30", "content@80", "source+content", "cue+content", "exact content")


@dataclass(slots=True, frozen=True)
class Scored:
    """What scoring needs of an attribution: cue, source and content spans."""

    cue: tuple[tuple[int, int], ...]
    content: tuple[tuple[int, int], ...]
    source: tuple[tuple[int, int], ...] = ()


def span_chars(text: str, spans: Spans) -> frozenset[int]:
    """The offsets of the characters ``spans`` cover in ``text``, whitespace left out: what
    every content measure compares."""
    end = len(text)
    return frozenset(i for s, e in spans for i in range(s, min(e, end)) if not text[i].isspace())


def _overlap(a: Spans, b: Spans) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


@dataclass(slots=True)
class Counts:
    predicted: int = 0
    gold: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "predicted": self.predicted,
            "gold": self.gold,
            "matched": self.matched,
        }


def _match(
    predicted: list[Scored],
    gold: list[Scored],
    coverage: list[list[float]],
    accept: Callable[[int, int], bool],
) -> int:
    pairs = [
        (coverage[p][g], p, g)
        for p in range(len(predicted))
        for g in range(len(gold))
        if accept(p, g)
    ]
    pairs.sort(key=lambda item: -item[0])
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _, p, g in pairs:
        if p not in used_p and g not in used_g:
            used_p.add(p)
            used_g.add(g)
    return len(used_g)


def score_article(text: str, predicted: list[Scored], gold: list[Scored]) -> dict[str, Counts]:
    pred_chars = [span_chars(text, p.content) for p in predicted]
    gold_chars = [span_chars(text, g.content) for g in gold]
    coverage = [[len(pc & gc) / len(gc) if gc else 0.0 for gc in gold_chars] for pc in pred_chars]

    def sources_agree(p: int, g: int) -> bool:
        ps, gs = predicted[p].source, gold[g].source
        return _overlap(ps, gs) if ps and gs else not ps and not gs

    tests: dict[str, Callable[[int, int], bool]] = {
        "content@30": lambda p, g: coverage[p][g] >= 0.3,
        "content@80": lambda p, g: coverage[p][g] >= 0.8,
        "source+content": lambda p, g: coverage[p][g] >= 0.3 and sources_agree(p, g),
        "cue+content": lambda p, g: (
            coverage[p][g] >= 0.3 and _overlap(predicted[p].cue, gold[g].cue)
        ),
        "exact content": lambda p, g: bool(gold_chars[g]) and pred_chars[p] == gold_chars[g],
    }
    return {
        name: Counts(len(predicted), len(gold), _match(predicted, gold, coverage, test))
        for name, test in tests.items()
    }


def score(articles: Iterable[tuple[str, list[Scored], list[Scored]]]) -> dict[str, Counts]:
    """Micro-averaged counts over ``(text, predicted, gold)`` triples."""
    totals = {name: Counts() for name in MEASURES}
    for text, predicted, gold in articles:
        for name, counts in score_article(text, predicted, gold).items():
            total = totals[name]
            total.predicted += counts.predicted
            total.gold += counts.gold
            total.matched += counts.matched
    return totals


def scored_gold(gold: list) -> list[Scored]:
    """Gold attributions (``eval.brat``) as what scoring needs of them."""
    return [Scored(g.cue, g.content, g.source) for g in gold]


@dataclass(slots=True)
class Agreement:
    """How far PolNeAR's annotators agree with the gold this evaluation uses (the first
    annotator), by the same measures, and the product against that gold on the same articles."""

    articles: int
    pairs: int
    annotators: dict[str, Counts]
    system: dict[str, Counts]


def annotator_agreement(root, split: str = "train") -> Agreement:
    """Score every further annotator of the split's multiply-annotated articles against the
    first annotator, and the product's analysis against the first annotator on those articles.

    This is the human ceiling for the figures ``evaluate_polnear`` prints: a target above it
    asks the system to agree with the gold more than PolNeAR's own annotators do."""
    from sourcetrace.article import Article
    from sourcetrace.eval.brat import load_annotators
    from sourcetrace.nlp.analysis import analyse_many

    groups = load_annotators(root, split)
    pairs = [(g[0].text, scored_gold(o.attributions), scored_gold(g[0].attributions))
             for g in groups for o in g[1:]]  # fmt: skip
    inputs = [Article(id=g[0].name, text=g[0].text, paragraphs=[]) for g in groups]
    system = [
        (g[0].text, scored_analysis(analysis), scored_gold(g[0].attributions))
        for g, analysis in zip(groups, analyse_many(inputs), strict=True)
    ]
    return Agreement(len(groups), len(pairs), score(pairs), score(system))


def scored_analysis(analysis) -> list[Scored]:
    """The attributions of the product's analysis as what scoring needs of them."""
    return [
        Scored((a.cue,), tuple(a.content), (a.source,) if a.source else ())
        for a in analysis.attributions
    ]


def evaluate_polnear(
    root, split: str = "dev", on_progress: Callable[[int, int], None] | None = None
) -> tuple[dict[str, Counts], int]:
    """Run the product's analysis on one PolNeAR split (text as-is) and score it."""
    from sourcetrace.article import Article
    from sourcetrace.eval.brat import load_split
    from sourcetrace.nlp.analysis import analyse_many

    articles = load_split(root, split)
    inputs = [Article(id=a.name, text=a.text, paragraphs=[]) for a in articles]
    triples = []
    for done, (gold, analysis) in enumerate(zip(articles, analyse_many(inputs), strict=True), 1):
        triples.append((gold.text, scored_analysis(analysis), scored_gold(gold.attributions)))
        if on_progress:
            on_progress(done, len(articles))
    return score(triples), len(articles)
