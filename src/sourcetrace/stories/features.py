"""What story assignment knows about one article: a plain, JSON-serialisable dict.

``story_features_many(articles)`` is a pure function of the articles (batched for speed), so it
runs in-process, in a process pool or on Ray. The dict holds:

- ``terms``: counts of prefixed terms, one prefix per channel — ``w:`` content words of title
  and text, ``n:`` capitalised names and numbers, ``t:`` title words, ``l:`` and ``m:`` the
  words and the names of the lead (title and first 300 characters), and from spaCy's entity
  recogniser ``p:`` people (surname), ``g:`` places, ``o:`` organisations, ``d:`` dates;
- ``names``: how the text spells each entity key, for display;
- ``years``: four-digit years the text mentions, plus the publication year when known;
- ``day``: the publication date (``YYYY-MM-DD``) or null;
- ``embedding``: all-MiniLM-L6-v2 of title and lead (first 256 word pieces), float16, base64.
"""

from __future__ import annotations

import base64
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from sourcetrace.article import Article

FEATURES_VERSION = 3
MAX_WORDS = 150  # most frequent content words kept per article
MAX_NER_CHARS = 12_000
LEAD_CHARS = 300  # the lead: title and the first sentences, where the event is named

_WORD = re.compile(r"[a-z][a-z'-]{2,}")
_NAME = re.compile(r"\b[A-Z][a-zA-Z'-]+(?:[ \t]+[A-Z][a-zA-Z'-]+)*\b|\b\d[\d,.]*\d\b|\b\d\b")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n)([A-Z][a-z]+)\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_ENTITY_CHANNELS = {
    "PERSON": "p:",
    "GPE": "g:",
    "LOC": "g:",
    "FAC": "g:",
    "ORG": "o:",
    "NORP": "o:",
    "DATE": "d:",
    "TIME": "d:",
}


def words(title: str | None, text: str) -> Counter[str]:
    """``w:`` content words and ``n:`` names and numbers of title and text."""
    body = f"{title or ''}\n{text}"
    counts: Counter[str] = Counter()
    for word in _WORD.findall(body.lower()):
        if word not in ENGLISH_STOP_WORDS:
            counts["w:" + word.strip("'-")] += 1
    starts = {m.group(1) for m in _SENTENCE_START.finditer(body)}
    for name in _NAME.findall(body):
        if name in starts and name.lower() in ENGLISH_STOP_WORDS:
            continue  # "The", "But" at a sentence start
        counts["n:" + name.lower()] += 1
    if len(counts) > MAX_WORDS * 2:
        counts = Counter(dict(counts.most_common(MAX_WORDS * 2)))
    return counts


def _entity_key(label: str, text: str) -> str | None:
    text = re.sub(r"\s+", " ", text.strip().lower())
    text = re.sub(r"^the ", "", text)
    text = re.sub(r"['’]s$", "", text)
    if not text:
        return None
    if label == "PERSON":
        text = text.split(" ")[-1]  # "Vincent Jackson" and "Jackson" agree
    return _ENTITY_CHANNELS[label] + text


def encode_vector(vector: np.ndarray) -> str:
    return base64.b64encode(vector.astype(np.float16).tobytes()).decode("ascii")


def decode_vector(value: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(value), dtype=np.float16).astype(np.float32)


def _english_body(article: Article) -> str:
    """Title and text for the English name finder; of an article in a language the analyser
    does not support, only its English paragraphs (a Russian headline read as English yields
    'people' and 'places' that are neither)."""
    from sourcetrace.nlp.language import language_gate, readable_text

    gate = language_gate(article.text, article.language)
    if gate.supported:
        return f"{article.title or ''}\n{article.text}"
    return readable_text(article.text, gate)


def story_features_many(articles: Sequence[Article]) -> list[dict[str, Any]]:
    """Story features of each article, in order."""
    from sourcetrace.nlp.embed import load_embedder
    from sourcetrace.nlp.model import load_nlp

    nlp = load_nlp()
    others = [name for name in nlp.pipe_names if name != "ner"]
    bodies = [_english_body(a)[:MAX_NER_CHARS] for a in articles]
    docs = nlp.pipe(bodies, disable=others, batch_size=16)
    vectors = load_embedder().embed([f"{a.title or ''}. {a.text}" for a in articles])
    out = []
    for article, doc, vector in zip(articles, docs, vectors, strict=True):
        terms = words(article.title, article.text)
        for term, count in words(article.title, article.text[:LEAD_CHARS]).items():
            terms[("l:" if term.startswith("w:") else "m:") + term[2:]] = count
        for word in _WORD.findall((article.title or "").lower()):
            if word not in ENGLISH_STOP_WORDS:
                terms["t:" + word] += 1
        display: dict[str, Counter[str]] = {}
        for ent in doc.ents:
            if ent.label_ in _ENTITY_CHANNELS and (key := _entity_key(ent.label_, ent.text)):
                terms[key] += 1
                if not key.startswith("d:"):
                    surface = re.sub(r"^[Tt]he |['’]s$", "", " ".join(ent.text.split()))
                    display.setdefault(key, Counter())[surface] += 1
        day = (article.published or "")[:10] or None
        years = set(_YEAR.findall(article.text)) | ({day[:4]} if day else set())
        out.append(
            {
                "version": FEATURES_VERSION,
                "terms": dict(terms),
                "years": sorted(years),
                # the most common spelling of each entity (ties: the longest), for display
                "names": {
                    k: max(c.items(), key=lambda item: (item[1], len(item[0])))[0]
                    for k, c in display.items()
                },
                "day": day,
                "embedding": encode_vector(vector),
            }
        )
    return out
