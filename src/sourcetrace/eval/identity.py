"""Identity of people and organisations scored as cross-document coreference on ECB+
(``eval identity``).

The protocol:

- **Gold**: the split's ``HUMAN_PART_PER`` and ``HUMAN_PART_ORG`` mentions of
  ``mentions.jsonl``, each a character span of its document's ``text`` (from the ``tokens`` of
  ``docs.jsonl``); its gold entity is its ``chain_id``. Coreference is cross-document *within
  each topic*: the resolver sees one topic's documents at a time, and every cluster, gold or
  predicted, is named by its topic, so that the figures pool all topics of the split.
- **Predicted**: a predictor gets one topic's documents as ``(doc_id, text)`` and returns the
  mentions it found as ``(doc_id, start, end, entity id)``. Each gold mention takes the
  entity of one predicted mention of its document, chosen in this order:

  1. the predicted mentions that contain the gold mention's last token (the head of most
     English noun phrases): the shortest of them;
  2. else the predicted mention that overlaps the gold span by the most characters;
  3. else none: the gold mention is a singleton, an entity of its own.

  Ties go to the predicted mention that starts first.
- **Scores**: MUC, B³, CEAF-e and the CoNLL F1 (``eval/coref.py``) over all these mentions,
  and over the **named** ones: spans holding a proper noun, by the part-of-speech tags
  (``PROPN``) of the product's spaCy model over the document's text.

The default predictor is the product's resolver (:func:`sourcetrace.eval.resolver.resolve_texts`).
Three trivial baselines stand beside it as reference points; they read the gold mentions
(their spans and, for ``event``, the document's gold event), which no real predictor may:

- ``exact``: one entity per lower-cased span text;
- ``surname``: a person span (``HUMAN_PART_PER``) holding a proper noun is its last
  proper-noun word (lower-cased), any other span its lower-cased text (so "the Obama
  administration" does not become the person "Obama");
- ``event``: one entity per gold event of the document and tag (PER or ORG), which shows what
  recall is worth without precision.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sourcetrace.eval.coref import conll
from sourcetrace.eval.stories import ecbplus_records

__all__ = [
    "BASELINES",
    "Corpus",
    "GoldMention",
    "Predictor",
    "baseline_predictor",
    "evaluate_identity",
    "load_corpus",
    "match_mentions",
    "prediction_rows",
    "product_predictor",
    "resolve",
    "score_identity",
]

#: One topic's documents ``(doc_id, text)`` -> predicted mentions ``(doc_id, start, end, entity)``.
Predictor = Callable[[list[tuple[str, str]]], list[tuple[str, int, int, str]]]
Progress = Callable[[str], None]

TAGS = ("HUMAN_PART_PER", "HUMAN_PART_ORG")
BASELINES = ("exact", "surname", "event")


@dataclass(frozen=True, slots=True)
class GoldMention:
    """One gold mention: where it is, its gold entity, and what the baselines read."""

    doc_id: str
    topic: str
    sentence: int
    token_numbers: tuple[int, ...]
    start: int
    end: int
    head: tuple[int, int]  # character span of the last token
    chain: str
    tag: str
    event: str
    text: str
    proper_words: tuple[str, ...]  # the PROPN words of the span, in order

    @property
    def named(self) -> bool:
        return bool(self.proper_words)


@dataclass(frozen=True, slots=True)
class Corpus:
    """A split's documents by topic and its gold mentions, in ``mentions.jsonl`` order."""

    split: str
    topics: dict[str, list[tuple[str, str]]]
    mentions: list[GoldMention]


def load_corpus(folder: Path, split: str) -> Corpus:
    """The split's documents and gold person and organisation mentions; tags each document
    with the product's spaCy model to find the proper nouns."""
    docs = {r["doc_id"]: r for r in ecbplus_records(folder, split)}
    path = Path(folder) / "mentions.jsonl"
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: point --ecbplus at the ECB+ folder")
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    rows = [r for r in rows if r["tag"] in TAGS and r["doc_id"] in docs]
    proper = _proper_nouns({d: docs[d]["text"] for d in sorted({r["doc_id"] for r in rows})})
    tokens = {
        doc_id: {(s, n): (start, end) for s, n, start, end in docs[doc_id]["tokens"]}
        for doc_id in proper
    }
    topics: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for doc in docs.values():
        topics[str(doc["topic"])].append((doc["doc_id"], doc["text"]))
    return Corpus(
        split=split,
        topics=dict(topics),
        mentions=[
            _gold_mention(r, docs[r["doc_id"]], tokens[r["doc_id"]], proper[r["doc_id"]])
            for r in rows
        ],
    )


def _gold_mention(
    row: dict[str, Any],
    doc: dict[str, Any],
    spans: dict[tuple[int, int], tuple[int, int]],
    proper: list[tuple[int, int]],
) -> GoldMention:
    """One gold mention; ``spans`` maps the document's (sentence, token number) to
    character offsets, ``proper`` lists its PROPN tokens' offsets."""
    numbers = sorted(row["token_numbers"])
    try:
        first, last = spans[row["sentence"], numbers[0]], spans[row["sentence"], numbers[-1]]
    except KeyError as exc:
        raise ValueError(f"{row['doc_id']}: token {exc} is not in the docs.jsonl tokens") from exc
    start, end = first[0], last[1]
    text = doc["text"]
    return GoldMention(
        doc_id=row["doc_id"],
        topic=str(row["topic"]),
        sentence=row["sentence"],
        token_numbers=tuple(numbers),
        start=start,
        end=end,
        head=last,
        chain=row["chain_id"],
        tag=row["tag"],
        event=doc["gold_cluster"],
        text=text[start:end],
        proper_words=tuple(text[s:e] for s, e in proper if start <= s and e <= end),
    )


def _proper_nouns(texts: dict[str, str]) -> dict[str, list[tuple[int, int]]]:
    """{doc id: character spans of the tokens spaCy tags PROPN}."""
    from sourcetrace.nlp.model import load_nlp

    nlp = load_nlp()
    # part-of-speech tags need only the tagger: the parser and NER would not change them
    tagging = [name for name in nlp.pipe_names if name in ("tok2vec", "tagger", "attribute_ruler")]
    with nlp.select_pipes(enable=tagging):
        docs = nlp.pipe(texts.values())
        return {
            doc_id: [(t.idx, t.idx + len(t)) for t in doc if t.pos_ == "PROPN"]
            for doc_id, doc in zip(texts, docs, strict=True)
        }


def match_mentions(
    gold: list[GoldMention], predicted: list[tuple[str, int, int, str]]
) -> list[str | None]:
    """The predicted entity of each gold mention by the rule of the module docstring (None:
    no predicted mention matched it)."""
    by_doc: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for doc_id, start, end, entity in predicted:
        by_doc[doc_id].append((start, end, entity))
    return [_match(mention, by_doc.get(mention.doc_id, [])) for mention in gold]


def _match(mention: GoldMention, candidates: list[tuple[int, int, str]]) -> str | None:
    head_start, head_end = mention.head
    # 1. the shortest predicted mention holding the last token
    holding = [c for c in candidates if c[0] <= head_start and head_end <= c[1]]
    if holding:
        return min(holding, key=lambda c: (c[1] - c[0], c[0]))[2]
    # 2. the predicted mention overlapping the span most
    overlaps = [(min(c[1], mention.end) - max(c[0], mention.start), c) for c in candidates]
    overlaps = [(size, c) for size, c in overlaps if size > 0]
    if overlaps:
        return max(overlaps, key=lambda o: (o[0], -o[1][0]))[1][2]
    # 3. a singleton
    return None


def _exact(mention: GoldMention) -> str:
    return mention.text.lower()


def _surname(mention: GoldMention) -> str:
    if mention.proper_words and mention.tag == "HUMAN_PART_PER":
        return mention.proper_words[-1].lower()
    return mention.text.lower()


def _event(mention: GoldMention) -> str:
    return f"{mention.event}/{mention.tag}"


_BASELINE_RULES: dict[str, Callable[[GoldMention], str]] = {
    "exact": _exact,
    "surname": _surname,
    "event": _event,
}


def baseline_predictor(name: str, mentions: list[GoldMention]) -> Predictor:
    """The baseline ``name`` (one of ``BASELINES``) as a predictor: it predicts the gold
    spans of the documents it is given, with the baseline's entity ids."""
    rule = _BASELINE_RULES[name]
    by_doc: dict[str, list[GoldMention]] = defaultdict(list)
    for mention in mentions:
        by_doc[mention.doc_id].append(mention)

    def predict(docs: list[tuple[str, str]]) -> list[tuple[str, int, int, str]]:
        return [(m.doc_id, m.start, m.end, rule(m)) for doc_id, _ in docs for m in by_doc[doc_id]]

    return predict


def product_predictor() -> Predictor:
    """The product's resolver (:func:`.resolver.resolve_texts`)."""
    from sourcetrace.eval.resolver import resolve_texts

    return resolve_texts


def resolve(
    corpus: Corpus, predictor: Predictor, progress: Progress | None = None
) -> list[str | None]:
    """The predicted cluster of each gold mention, named ``topic/entity`` (None: matched no
    predicted mention, a singleton). The predictor sees one topic at a time."""
    by_topic: dict[str, list[int]] = defaultdict(list)
    for index, mention in enumerate(corpus.mentions):
        by_topic[mention.topic].append(index)
    clusters: list[str | None] = [None] * len(corpus.mentions)
    for done, (topic, indices) in enumerate(sorted(by_topic.items()), 1):
        gold = [corpus.mentions[i] for i in indices]
        for index, entity in zip(
            indices, match_mentions(gold, predictor(corpus.topics[topic])), strict=True
        ):
            clusters[index] = None if entity is None else f"{topic}/{entity}"
        if progress:
            progress(f"resolved {done}/{len(by_topic)} topics")
    return clusters


def score_identity(corpus: Corpus, clusters: list[str | None]) -> dict[str, Any]:
    """MUC, B³, CEAF-e and CoNLL F1 with mention and entity counts, over all the gold
    mentions and over the named ones."""
    named = [i for i, m in enumerate(corpus.mentions) if m.named]
    return {
        "all": _score_subset(corpus.mentions, clusters, range(len(corpus.mentions))),
        "named": _score_subset(corpus.mentions, clusters, named),
    }


def _score_subset(
    mentions: list[GoldMention], clusters: list[str | None], indices: Iterable[int]
) -> dict[str, Any]:
    key: dict[tuple[str, str], set[int]] = defaultdict(set)
    response: dict[str | int, set[int]] = defaultdict(set)
    for i in indices:
        key[mentions[i].topic, mentions[i].chain].add(i)
        cluster = clusters[i]
        response[i if cluster is None else cluster].add(i)
    return {
        "mentions": sum(len(c) for c in key.values()),
        "gold_entities": len(key),
        "predicted_entities": len(response),
        **conll(list(key.values()), list(response.values())).as_dict(),
    }


def prediction_rows(corpus: Corpus, clusters: list[str | None]) -> list[dict[str, Any]]:
    """One record per gold mention for ``--predictions``: where it is and its predicted
    cluster (null: it matched no predicted mention and was scored as a singleton)."""
    return [
        {
            "doc_id": m.doc_id,
            "sentence": m.sentence,
            "token_numbers": list(m.token_numbers),
            "cluster": cluster,
        }
        for m, cluster in zip(corpus.mentions, clusters, strict=True)
    ]


def evaluate_identity(
    folder: Path,
    split: str = "dev",
    *,
    baseline: str | None = None,
    predictions: Path | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Score the product's resolver (or a baseline) on an ECB+ split; with ``predictions``,
    also write each gold mention's predicted cluster there as JSON lines."""
    predictor = None if baseline else product_predictor()
    corpus = load_corpus(folder, split)
    if predictor is None:
        predictor = baseline_predictor(baseline, corpus.mentions)
    clusters = resolve(corpus, predictor, progress)
    if predictions is not None:
        with Path(predictions).open("w", encoding="utf-8") as handle:
            for row in prediction_rows(corpus, clusters):
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return {
        "corpus": "ecbplus",
        "split": split,
        "resolver": f"{baseline} baseline" if baseline else "sourcetrace",
        "documents": sum(len(docs) for docs in corpus.topics.values()),
        "topics": len(corpus.topics),
        **score_identity(corpus, clusters),
    }
