"""Stories over a store: bring assignments up to date, re-cluster, describe stories.

``update_stories`` is incremental: it loads the saved index (document frequencies, each
story's representative articles, the inverted index) and assigns only the articles that arrived
since the last call, in arrival order; nothing already assigned is recomputed. When there are no
stories yet (a new store, or after ``recluster`` forgot them), the first ``BATCH_LIMIT``
unassigned articles are clustered as one batch (average link, ``stories/batch.py``), which
uses every article at once instead of the order they came in; any further articles, then and
later, are assigned one at a time against those stories.
``recluster`` forgets every assignment and builds the stories again (after the pair model or
settings change); stored features are reused.
"""

from __future__ import annotations

import math
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from sourcetrace.article import Article
from sourcetrace.outlets import distinct_outlets, shown_names
from sourcetrace.stopwords import ENGLISH_STOP_WORDS
from sourcetrace.store import Store
from sourcetrace.stories.features import FEATURES_VERSION, story_features_many

if TYPE_CHECKING:
    from sourcetrace.stories.index import StoryIndex

BATCH = 64
#: Articles clustered at once when a store has no stories yet; the rest go one at a time.
BATCH_LIMIT = 50_000

Progress = Callable[[str], None]


@dataclass(slots=True)
class UpdateSummary:
    assigned: int = 0
    opened: int = 0
    stories: int = 0
    articles: int = 0
    seconds: float = 0.0
    touched: list[int] = field(default_factory=list)  # stories that gained articles, by id


@dataclass(slots=True)
class StorySummary:
    """One story as the CLI, the web app and exports show it."""

    id: int
    label: str
    size: int
    articles: list[dict[str, Any]] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    first: str | None = None
    last: str | None = None
    people: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def features_for(store: Store, articles: list[Article]) -> dict[str, dict]:
    """Stored features where they describe the current text; computed and saved otherwise."""
    found = store.story_features(articles, FEATURES_VERSION)
    missing = [a for a in articles if a.id not in found]
    if missing:
        computed = story_features_many(missing)
        store.save_story_features(
            [(a, FEATURES_VERSION, f) for a, f in zip(missing, computed, strict=True)]
        )
        found.update({a.id: f for a, f in zip(missing, computed, strict=True)})
    return found


def load_index(store: Store, **options: Any) -> StoryIndex:
    """The index as the saved assignments left it."""
    from sourcetrace.stories.index import StoryIndex

    index = StoryIndex(**options)
    rows = list(store.assignments())
    stale = [article_id for article_id, _, _, data in rows if data is None]
    if stale:
        articles = [a for a in (store.get(i) for i in stale) if a is not None]
        fresh = features_for(store, articles)
        rows = [(i, s, p, d if d is not None else fresh.get(i)) for i, s, p, d in rows]
    index.load([(i, s, d, k) for i, s, k, d in rows if d is not None])
    return index


def update_stories(
    store: Store, *, progress: Progress | None = None, batch_first: bool = True, **options: Any
) -> UpdateSummary:
    """Assign every article not yet in a story; returns what was done. With ``batch_first`` (the
    default), a store with no stories yet gets its first articles clustered as a whole."""
    started = time.perf_counter()
    index = load_index(store, **options)
    summary = UpdateSummary()
    before = len(index.stories)
    touched: set[int] = set()
    if batch_first and not index.stories:
        touched.update(_cluster_first_batch(store, index, summary, progress))
    while batch := store.unassigned(BATCH):
        features = features_for(store, batch)
        rows = []
        for article in batch:
            rows.append((article.id, *index.assign(article.id, features[article.id])))
        store.save_assignments(rows)
        touched.update(row[1] for row in rows)
        summary.assigned += len(rows)
        if progress:
            progress(f"{summary.assigned} articles assigned, {len(index.stories)} stories")
    summary.opened = len(index.stories) - before
    summary.touched = sorted(touched)
    summary.stories = len(index.stories)
    summary.articles = len(index.assignment)
    summary.seconds = time.perf_counter() - started
    return summary


def _cluster_first_batch(
    store: Store, index: StoryIndex, summary: UpdateSummary, progress: Progress | None
) -> set[int]:
    """Cluster up to ``BATCH_LIMIT`` unassigned articles as one batch into the empty index."""
    from sourcetrace.stories.batch import cluster_batch, story_rows

    articles = store.unassigned(BATCH_LIMIT)
    if not articles:
        return set()
    features: dict[str, dict] = {}
    for start in range(0, len(articles), BATCH):
        features.update(features_for(store, articles[start : start + BATCH]))
        if progress and len(articles) > BATCH:
            progress(f"story features of {len(features)} / {len(articles)} articles")
    ids = [a.id for a in articles]
    ordered = [features[i] for i in ids]
    labels, scores, keys = cluster_batch(ordered, index.model, max_days_apart=index.max_days_apart)
    rows = story_rows(index, ids, ordered, labels, keys)
    index.load(rows)
    store.save_assignments(
        [(i, story, score, k) for (i, story, _, k), score in zip(rows, scores, strict=True)]
    )
    summary.assigned += len(rows)
    if progress:
        progress(f"{summary.assigned} articles clustered, {len(index.stories)} stories")
    return {story for _, story, _, _ in rows}


def recluster(store: Store, *, progress: Progress | None = None, **options: Any) -> UpdateSummary:
    """Assign all articles again, from the first, with the current model and settings."""
    store.clear_assignments()
    return update_stories(store, progress=progress, **options)


_TITLE_WORD = re.compile(r"[a-z0-9][a-z0-9'-]+")


def _title(article: Article, limit: int = 80) -> str:
    """The article's title on one line, or without one its text's first line (a headline,
    mostly), cut at a word before ``limit`` characters."""
    if article.title and article.title.strip():
        return " ".join(article.title.split())
    first = next((line for line in article.text.splitlines() if line.strip()), "")
    line = " ".join(first.split())
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0]
    return f"{cut}…"


def _label(articles: list[Article]) -> str:
    """The title that shares most words with the story's other titles (ties: the first)."""
    titles = [_title(a) for a in articles]
    bags = [
        {w for w in _TITLE_WORD.findall(t.lower()) if w not in ENGLISH_STOP_WORDS} for t in titles
    ]
    counts = Counter(w for bag in bags for w in bag)

    def centrality(i: int) -> float:
        return sum(counts[w] - 1 for w in bags[i]) / math.sqrt(len(bags[i]) or 1)

    best = max(range(len(titles)), key=lambda i: (centrality(i), -i))
    return titles[best] or "(untitled)"


def _entity_counters() -> dict[str, Counter[str]]:
    return {"p:": Counter(), "g:": Counter(), "o:": Counter()}


def _top(counter: Counter[str], names: dict[str, str], n: int = 5) -> list[str]:
    return [names.get(term, term[2:]) for term, _ in counter.most_common(n)]


def story_summaries(store: Store) -> list[StorySummary]:
    """Every story, largest first (ties: the one opened first)."""
    members = store.story_members()
    entities: dict[int, dict[str, Counter[str]]] = {}
    spellings: dict[str, Counter[str]] = {}
    for _, story_id, _, data in store.assignments():
        channels = entities.setdefault(story_id, _entity_counters())
        if data is None:
            continue
        for term in data["terms"]:
            if term[:2] in channels and term in data.get("names", {}):
                channels[term[:2]][term] += 1  # articles naming it (in their text)
        for term, name in data.get("names", {}).items():
            spellings.setdefault(term, Counter())[name] += 1
    names = {
        term: max(c.items(), key=lambda item: (item[1], len(item[0])))[0]
        for term, c in spellings.items()
    }
    out = []
    for story_id, rows in members.items():
        articles = [a for a, _ in rows]
        days = sorted(a.published[:10] for a in articles if a.published)
        shown = shown_names(a.outlet for a in articles if a.outlet)
        channels = entities.get(story_id) or _entity_counters()
        out.append(
            StorySummary(
                id=story_id,
                label=_label(articles),
                size=len(articles),
                articles=[
                    {
                        "id": a.id,
                        "external_id": a.external_id,
                        "title": a.title,
                        "outlet": shown.get(a.outlet) if a.outlet else None,
                        "published": a.published,
                        "score": score,
                    }
                    for a, score in rows
                ],
                outlets=distinct_outlets(shown[a.outlet] for a in articles if a.outlet)[:50],
                first=days[0] if days else None,
                last=days[-1] if days else None,
                people=_top(channels["p:"], names),
                places=_top(channels["g:"], names),
                organisations=_top(channels["o:"], names),
            )
        )
    out.sort(key=lambda s: (-s.size, s.id))
    return out


def story_assignments(store: Store) -> list[dict[str, Any]]:
    """One row per article, story by story in the order they joined: ``{"id": the input's
    own id when it gave one, else the article id, "story": story id}`` (``stories --format
    jsonl``)."""
    rows = []
    for story_id, members in sorted(store.story_members().items()):
        for article, _ in members:
            rows.append({"id": article.external_id or article.id, "story": story_id})
    return rows
