"""Incremental story assignment: each new article joins the best-matching story or opens one.

1. **Profiles**: an article's story features (``stories/features.py``) become one TF-IDF unit
   vector per channel (content words, names and numbers, title words, people, places,
   organisations, dates), weighted with document frequencies kept as articles arrive, plus its
   sentence embedding, years and publication day.
2. **Pair model**: a logistic regression over channel cosines, embedding cosine, shared
   numbers, year agreement and lead names missing from the other article gives the probability
   that two articles report the same happening (``stories/model.py``; fitted on ECB+ train
   only).
3. **Candidates**: an inverted index from each story's key terms (the strongest terms of its
   articles) to the story; a new article is compared only with the stories that share most of
   its own key terms, and each postings list keeps its most recent stories only, so the cost of
   assigning one article does not grow with the corpus.
4. **Decision**: the article's average probability against a story's representative articles
   (its first and its most recent ones: average link); it joins the best story when that is at
   or above the model's threshold (tuned by cross-validation on ECB+ train), else it opens a
   new story. Stories whose dated articles are more than ``max_days_apart`` days from a dated
   article are not candidates; undated articles compare with every candidate.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

import numpy as np

from sourcetrace.stopwords import ENGLISH_STOP_WORDS
from sourcetrace.stories.features import decode_vector
from sourcetrace.stories.model import CHANNELS, PairModel, load_pair_model

KEY_TERMS = 12  # terms per article put in, and looked up in, the inverted index
KEY_PREFIXES = ("w:", "n:", "p:", "g:", "o:")
MAX_POSTINGS = 64  # most recent stories kept per term
MAX_CANDIDATES = 24  # stories scored per article
_STOP = ENGLISH_STOP_WORDS | {"said", "says"}
RECENT_MEMBERS = 6  # most recent articles a story is compared through, besides its first


class Assignment(NamedTuple):
    story: int
    score: float
    keys: list[str]


@dataclass(slots=True)
class Profile:
    vectors: dict[str, dict[str, float]]
    embedding: np.ndarray
    numbers: frozenset[str]
    years: frozenset[str]
    day: date | None
    keys: list[str]
    #: The word sets of the names in the lead (``m:`` terms), and every word of every name.
    lead_names: tuple[frozenset[str], ...] = ()
    name_words: frozenset[str] = frozenset()


@dataclass(slots=True)
class Story:
    id: int
    members: list[str] = field(default_factory=list)
    first: Profile | None = None
    recent: deque = field(default_factory=lambda: deque(maxlen=RECENT_MEMBERS))
    first_day: date | None = None
    last_day: date | None = None

    def representatives(self) -> list[Profile]:
        reps = list(self.recent)
        if self.first is not None and (not reps or reps[0] is not self.first):
            reps.insert(0, self.first)
        return reps

    def add(self, article_id: str, profile: Profile) -> None:
        if self.first is None:
            self.first = profile
        else:
            self.recent.append(profile)
        self.members.append(article_id)
        self.note_day(profile.day)

    def note_day(self, day: date | None) -> None:
        if day:
            self.first_day = min(self.first_day or day, day)
            self.last_day = max(self.last_day or day, day)


def channel_vectors(
    terms: dict[str, int], df: Counter[str], documents: int, strings: dict[str, str] | None = None
) -> tuple[dict[str, dict[str, float]], list[str]]:
    """An article's unit TF-IDF vector per channel, (1 + log count) x (log((1 + n) / (1 + df))
    + 1), and its key terms: the ``KEY_TERMS`` strongest of the ``KEY_PREFIXES`` channels.
    ``strings`` interns the term strings (one string per term, not per article)."""
    channels: dict[str, dict[str, float]] = {c: {} for c in CHANNELS}
    for term, count in terms.items():
        channel = term[:2]
        if channel in channels:
            if strings is not None:
                term = strings.setdefault(term, term)
            idf = math.log((1 + documents) / (1 + df[term])) + 1
            channels[channel][term] = (1 + math.log(count)) * idf
    vectors = {}
    for channel, weights in channels.items():
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors[channel] = {t: w / norm for t, w in weights.items()}
    keyed = [(w, t) for c in KEY_PREFIXES for t, w in vectors[c].items()]
    keys = [t for _, t in sorted(keyed, key=lambda item: (-item[0], item[1]))[:KEY_TERMS]]
    return vectors, keys


def name_words(terms: dict[str, int]) -> tuple[tuple[frozenset[str], ...], frozenset[str]]:
    """The word sets of the names in an article's lead (its ``m:`` terms), and every word of
    every name it writes (``n:`` and ``m:``); numbers, stop words and words under three letters
    are left out: "m:tony thompson" -> {"tony", "thompson"}."""
    lead, every = [], set()
    for term in terms:
        if term[:2] in ("n:", "m:"):
            found = frozenset(
                w for w in term[2:].split() if len(w) > 2 and w.isalpha() and w not in _STOP
            )
            every |= found
            if term.startswith("m:") and found:
                lead.append(found)
    return tuple(lead), frozenset(every)


def names_missing(lead: tuple[frozenset[str], ...], other: frozenset[str]) -> float:
    """The share of one article's lead names of which no word appears among the other
    article's names: two reports of one happening name the same people and places up front
    ("Klitschko stops Thompson" against a report that never names Thompson)."""
    if not lead:
        return 0.0
    return sum(1 for found in lead if found.isdisjoint(other)) / len(lead)


def parse_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


class StoryIndex:
    """Stories built one article at a time; ``assign`` is the only way in."""

    def __init__(
        self,
        model: PairModel | None = None,
        *,
        threshold: float | None = None,
        max_days_apart: int | None = 60,
    ) -> None:
        self.model = model or load_pair_model()
        self.threshold = self.model.threshold if threshold is None else threshold
        self.max_days_apart = max_days_apart
        self.documents = 0
        self.df: Counter[str] = Counter()
        self._terms: dict[str, str] = {}
        self.stories: dict[int, Story] = {}
        self.next_id = 1
        self.postings: dict[str, deque[int]] = defaultdict(lambda: deque(maxlen=MAX_POSTINGS))
        self.assignment: dict[str, int] = {}

    # -- profiles -------------------------------------------------------------------------

    def profile(self, features: dict[str, Any]) -> Profile:
        """Weight the article's terms with the current document frequencies."""
        vectors, keys = channel_vectors(features["terms"], self.df, self.documents, self._terms)
        numbers = frozenset(t for t in features["terms"] if t.startswith("n:") and t[2:3].isdigit())
        lead, every = name_words(features["terms"])
        return Profile(
            vectors=vectors,
            embedding=decode_vector(features["embedding"]),
            numbers=numbers,
            years=frozenset(features.get("years") or ()),
            day=parse_day(features.get("day")),
            keys=keys,
            lead_names=lead,
            name_words=every,
        )

    def pair_values(self, a: Profile, b: Profile) -> dict[str, float]:
        """The pair model's inputs for two articles."""
        values = {c: _cosine(a.vectors[c], b.vectors[c]) for c in CHANNELS}
        values["shared_numbers"] = min(len(a.numbers & b.numbers), 5) / 5
        values["embedding"] = float(np.dot(a.embedding, b.embedding))
        union = a.years | b.years
        values["years_overlap"] = len(a.years & b.years) / len(union) if union else 0.0
        values["years_disjoint"] = float(bool(a.years and b.years and not a.years & b.years))
        missing = (
            names_missing(a.lead_names, b.name_words),
            names_missing(b.lead_names, a.name_words),
        )
        values["names_missing*embedding"] = max(missing) * values["embedding"]
        return values

    def probability(self, a: Profile, b: Profile) -> float:
        return self.model.probability(self.pair_values(a, b))

    # -- assignment -----------------------------------------------------------------------

    def candidates(self, profile: Profile) -> list[Story]:
        """The stories sharing most key terms with the article; for a dated article, only
        stories close enough in time (filtered before the cut, so stale stories take no
        places)."""
        hits: Counter[int] = Counter()
        for term in profile.keys:
            hits.update(self.postings.get(term, ()))
        if profile.day and self.max_days_apart is not None:
            for story_id in list(hits):
                if not self._close_in_time(self.stories[story_id], profile.day):
                    del hits[story_id]
        return [self.stories[i] for i, _ in hits.most_common(MAX_CANDIDATES)]

    def _close_in_time(self, story: Story, day: date) -> bool:
        if story.first_day is None or story.last_day is None:
            return True
        gap = max((story.first_day - day).days, (day - story.last_day).days, 0)
        return gap <= self.max_days_apart

    def assign(self, article_id: str, features: dict[str, Any]) -> Assignment:
        """Put one article in a story: its id, the article's average probability against
        the story's representatives (1.0 when it opens a new story) and the key terms it
        put in the inverted index (saved so that ``load`` can rebuild the index exactly)."""
        self.documents += 1
        self.df.update(features["terms"].keys())
        profile = self.profile(features)
        best, best_score = None, -1.0
        for story in self.candidates(profile):
            probabilities = [self.probability(profile, r) for r in story.representatives()]
            if self.model.link == "max":
                score = max(probabilities)
            else:
                score = sum(probabilities) / len(probabilities)
            if score > best_score:
                best, best_score = story, score
        if best is None or best_score < self.threshold:
            best, best_score = Story(self.next_id), 1.0
            self.stories[best.id] = best
            self.next_id += 1
        best.add(article_id, profile)
        self._post(best.id, profile.keys)
        self.assignment[article_id] = best.id
        return Assignment(best.id, best_score, profile.keys)

    def load(self, rows: list[tuple[str, int, dict[str, Any], list[str]]]) -> None:
        """Rebuild the index from saved (article id, story id, features, key terms) in
        assignment order, making no decisions. Document frequencies are replayed in order and
        each story's representatives are profiled at their own turn, with the frequencies
        their assignment saw; the postings are replayed from the saved key terms. So the
        loaded index continues exactly as one that never stopped, while only the
        representatives (a story's first and most recent articles) are profiled."""
        positions: dict[int, list[int]] = defaultdict(list)
        for position, (_, story_id, _, _) in enumerate(rows):
            positions[story_id].append(position)
        chosen = {p for ps in positions.values() for p in ps[:1] + ps[1:][-RECENT_MEMBERS:]}
        for position, (article_id, story_id, features, keys) in enumerate(rows):
            self.documents += 1
            self.df.update(features["terms"].keys())
            story = self.stories.get(story_id)
            if story is None:
                story = self.stories[story_id] = Story(story_id)
                self.next_id = max(self.next_id, story_id + 1)
            if position in chosen:
                story.add(article_id, self.profile(features))
            else:
                story.members.append(article_id)
                story.note_day(parse_day(features.get("day")))
            self._post(story_id, keys)
            self.assignment[article_id] = story_id

    def _post(self, story_id: int, keys: list[str]) -> None:
        for term in keys:
            postings = self.postings[term]
            if story_id in postings:
                postings.remove(story_id)
            postings.append(story_id)
