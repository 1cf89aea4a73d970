"""What story assignment knows about one article: a plain, JSON-serialisable dict.

``story_features_many(articles)`` is a pure function of the articles (batched for speed), so it
runs in-process, in a process pool or on Ray. The dict holds:

- ``terms``: counts of prefixed terms, one prefix per channel — ``w:`` content words of title
  and text, ``n:`` capitalised names and numbers, ``t:`` title words, ``l:`` and ``m:`` the
  words and the names of the lead (title and first 300 characters), and from spaCy's entity
  recogniser ``p:`` people (surname), ``g:`` places, ``o:`` organisations, ``d:`` dates;
- ``names``: how the text spells each entity key, for display; a name the title alone gives
  counts as far as the text spells it (:func:`name_in_body`), and not at all when the text
  never does;
- ``years``: four-digit years the text mentions, plus the publication year when known;
- ``day``: the publication date (``YYYY-MM-DD``) or null;
- ``embedding``: all-MiniLM-L6-v2 of title and lead (first 256 word pieces), float16, base64.
"""

from __future__ import annotations

import base64
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from sourcetrace.article import Article
from sourcetrace.stopwords import ENGLISH_STOP_WORDS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from sourcetrace.nlp.language import LanguageGate

FEATURES_VERSION = 5
MAX_WORDS = 150  # most frequent content words kept per article
MAX_NER_CHARS = 12_000
LEAD_CHARS = 300  # the lead: title and the first sentences, where the event is named

_WORD = re.compile(r"[a-z][a-z'-]{2,}")
_NAME = re.compile(r"\b[A-Z][a-zA-Z'-]+(?:[ \t]+[A-Z][a-zA-Z'-]+)*\b|\b\d[\d,.]*\d\b|\b\d\b")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n)([A-Z][a-z]+)\b")
_SPACES = r"\s+"
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


def embedding_text(article: Article) -> str:
    """What the story embedding reads: title and text (the embedder keeps the first 256 word
    pieces, the lead)."""
    return f"{article.title or ''}. {article.text}"


def named_entities_of(
    article: Article, parsed: tuple[Doc, LanguageGate], nlp: Language
) -> list[tuple[str, str]]:
    """(label, text) of the entities the name finder sees in the article's first
    ``MAX_NER_CHARS`` characters of title and text, from ``parsed``, the article's parse for
    the analysis and its language gate (``nlp.analysis.parse``: the text, or of an unsupported
    language its English paragraphs, without the title); the title of a supported article is
    run through ``nlp``'s name finder alone. Read the parse's entities before the analysis
    changes them."""
    doc, gate = parsed
    found: list[tuple[str, str]] = []
    room = MAX_NER_CHARS
    if gate.supported:
        title = article.title or ""
        others = [name for name in nlp.pipe_names if name != "ner"]
        for title_doc in nlp.pipe([title], disable=others):
            found.extend((ent.label_, ent.text) for ent in title_doc.ents)
        room -= len(title) + 1
    found.extend((ent.label_, ent.text) for ent in doc.ents if ent.end_char <= room)
    return found


def name_in_body(name: str, body: str) -> str | None:
    """The longest run of a headline name's words that the body spells the same way (the
    first on a tie), or None: in a Title-Case headline the name finder runs on into the next
    capitalised words ("Glenn Beck Rips" is "Glenn Beck" when the text names Glenn Beck). A
    run of two words or more, unless the name is one word: "Beck" alone is not "Beck Rips"."""
    words = name.split()
    for size in range(len(words), min(2, len(words)) - 1, -1):
        for start in range(len(words) - size + 1):
            run = words[start : start + size]
            spelled = _SPACES.join(map(re.escape, run))
            if re.search(rf"(?<!\w){spelled}(?!\w)", body):
                return " ".join(run)
    return None


def story_features_many(articles: Sequence[Article]) -> list[dict[str, Any]]:
    """Story features of each article, in order, for articles whose analysis did not make
    them (``engine.analyse_one`` does, from the analysis's parse): the same parse, names and
    embedding."""
    from sourcetrace.nlp.analysis import parse
    from sourcetrace.nlp.embed import load_embedder
    from sourcetrace.nlp.model import load_nlp

    nlp = load_nlp()
    vectors = load_embedder().embed([embedding_text(a) for a in articles])
    return [
        story_features(article, named_entities_of(article, parse(article, nlp), nlp), vector)
        for article, vector in zip(articles, vectors, strict=True)
    ]


def story_features(
    article: Article, entities: Iterable[tuple[str, str]], vector: np.ndarray
) -> dict[str, Any]:
    """Story features of one article from its named entities ((label, text), as the name
    finder found them in title and text) and its embedding (of ``embedding_text``)."""
    terms = words(article.title, article.text)
    for term, count in words(article.title, article.text[:LEAD_CHARS]).items():
        terms[("l:" if term.startswith("w:") else "m:") + term[2:]] = count
    for word in _WORD.findall((article.title or "").lower()):
        if word not in ENGLISH_STOP_WORDS:
            terms["t:" + word] += 1
    display: dict[str, Counter[str]] = {}
    for label, text in entities:
        if label in _ENTITY_CHANNELS and (key := _entity_key(label, text)):
            terms[key] += 1
            shown = name_in_body(text, article.text)  # not "Glenn Beck Rips" of a headline
            if not key.startswith("d:") and shown:
                surface = re.sub(r"^[Tt]he |['’]s$", "", shown)
                display.setdefault(key, Counter())[surface] += 1
    day = (article.published or "")[:10] or None
    years = set(_YEAR.findall(article.text)) | ({day[:4]} if day else set())
    return {
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
