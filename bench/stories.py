"""Story assignment benchmark: ``StoryIndex.assign`` over 10k and 100k generated articles.

Run it from the repository root with ``make bench`` or
``.venv/bin/python bench/stories.py --sizes 10000 100000`` (``--seed``, ``--window``, ``--days``).
It measures assignment only: the articles' story features (the dicts ``story_features_many``
makes) are generated synthetically with a seeded numpy generator, without spaCy or the
embedding model, and only the ``assign`` calls are timed. The generated corpus has a Zipf-like
vocabulary of 50k words and one event per ~8 articles (lognormal sizes); each event belongs to
one of 40 topics and has its own words, names, numbers, people, places, organisations (half of
them the topic's regulars), date and base embedding (a random unit vector; each article's
embedding is a noisy unit-length copy, pulled towards its topic's); one event in four is a
sibling of an earlier one of its topic, with the same people and places, which makes the task
less than trivial. Each article adds background words and names from the Zipf vocabularies.
Articles arrive roughly in date order (a couple of days' shuffling) over about ``--days`` days;
the stream is cut at the size, so the last articles arrive as densely as the others.

For each size it prints the total assignment time, the mean and median time per article over
the first and the last ``--window`` articles (last/first should stay near 1) and over each tenth
of the run, the full garbage collections, stories opened, the candidate stories and pair-model
comparisons per article (counted by a thin subclass), the size of the index's tables, and the
peak resident memory (``ru_maxrss``) of a fresh subprocess per size, so the figure belongs to
that size alone. ``--tracemalloc`` adds the Python heap peak (tracemalloc) of the assignment,
but tracing slows allocation, so its timings are not comparable. The B³ F1 against the
generated events only shows that the synthetic data is neither trivial nor broken; it is not
an accuracy figure. It prints figures only and asserts nothing about speed.
"""

import argparse
import gc
import json
import os
import platform
import resource
import subprocess
import sys
import time
import tracemalloc
from datetime import date, timedelta
from typing import Any

import numpy as np

from sourcetrace.eval.clusters import b_cubed
from sourcetrace.stories import index as story_index
from sourcetrace.stories.features import FEATURES_VERSION, encode_vector
from sourcetrace.stories.index import StoryIndex
from sourcetrace.stories.model import CHANNELS

SEED = 20240601
DIMS = 384
VOCAB = 50_000  # content words
COMMON = 300  # the most frequent words, which no event owns
NAMES = 20_000  # surnames; first names, places and organisations are fewer
TOPICS = 40
START = date(2023, 1, 1)
SYLLABLES = (
    "ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo ga ge gi go ha he hi ho ja jo ka "
    "ke ki ko la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se "
    "si so su ta te ti to tu va ve vi vo wa we wi ya yo za zo an en in on ar er ir or al el il "
    "ol as es is os ant ent ist ion ard ell ost ung ack ick"
).split()
DATE_WORDS = (
    "monday,tuesday,wednesday,thursday,friday,saturday,sunday,today,yesterday,last week,"
    "this week,last year,this year,the weekend,last month,earlier this month,the morning,"
    "the night,the past week,two days"
).split(",")
MONTHS = (
    "january february march april may june july august september october november december"
).split()


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10  # bytes on macOS, else KiB


def pseudo_words(rng: np.random.Generator, n: int, syllables: tuple[int, int]) -> list[str]:
    """``n`` distinct made-up lowercase words of ``syllables`` syllables."""
    found: dict[str, None] = {}
    while len(found) < n:
        k = int(rng.integers(syllables[0], syllables[1] + 1))
        found.setdefault("".join(SYLLABLES[i] for i in rng.integers(0, len(SYLLABLES), k)))
    return list(found)


def zipf_cdf(n: int, s: float = 1.05) -> np.ndarray:
    weights = 1.0 / np.arange(1, n + 1) ** s
    return np.cumsum(weights) / weights.sum()


def unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v, axis=-1, keepdims=True)


class Corpus:
    """Synthetic story features in arrival order; ``articles()`` builds each dict on demand."""

    def __init__(self, n: int, seed: int, days: int) -> None:
        rng = self.rng = np.random.default_rng(seed)
        self.words = pseudo_words(rng, VOCAB, (2, 4))
        self.surnames = pseudo_words(rng, NAMES, (2, 3))
        self.firsts = pseudo_words(rng, 2_000, (2, 2))
        self.places = pseudo_words(rng, 5_000, (2, 3))
        self.orgs = pseudo_words(rng, 3_000, (1, 3))
        self.word_cdf, self.number_cdf = zipf_cdf(VOCAB), zipf_cdf(5_000, 1.2)
        self.pools = {  # entity names and how often news mentions each: a few very often
            "p": (self.surnames, zipf_cdf(NAMES, 1.1)),
            "g": (self.places, zipf_cdf(len(self.places), 1.15)),
            "o": (self.orgs, zipf_cdf(len(self.orgs), 1.15)),
        }
        self.news_vector = unit(rng.standard_normal(DIMS))
        self.topics = [self.topic() for _ in range(TOPICS)]
        self.last: dict[int, dict[str, Any]] = {}  # each topic's latest event
        # event sizes: lognormal, mean about 8, many singletons, a few hundreds; events (and
        # articles) are made for 10% more days than the run covers and the stream is cut at n,
        # so the last articles arrive as densely as the others (a live stream at any moment)
        sizes: list[int] = []
        while sum(sizes) < n * 1.1:
            sizes.append(int(min(600, max(1, round(rng.lognormal(1.25, 1.15))))))
        self.events: list[dict[str, Any]] = []
        for _ in sizes:
            self.events.append(self.event(int(days * 1.1)))
        gold = np.repeat(np.arange(len(sizes)), sizes)
        start = np.array([e["day"] for e in self.events])[gold]
        late = rng.random(len(gold)) < 0.15  # follow-up coverage, weeks later
        offset = np.where(late, rng.exponential(20, len(gold)), rng.exponential(1.5, len(gold)))
        day = start + offset.astype(int)
        order = np.argsort(day + rng.normal(0, 1.5, len(gold)), kind="stable")[:n]
        self.gold, self.day = gold[order], day[order]
        self.dated = rng.random(n) >= 0.02  # 2% come without a publication date

    def sample(self, cdf: np.ndarray, size: int) -> np.ndarray:
        return np.searchsorted(cdf, self.rng.random(size))

    def entities(self, kind: str, size: int) -> list[str]:
        names, cdf = self.pools[kind]
        return [names[i] for i in self.sample(cdf, size).tolist()]

    def event_words(self, k: int) -> np.ndarray:
        """``k`` distinct mid-frequency words (Zipf, beyond the most common ones)."""
        tail = self.word_cdf[COMMON:] - self.word_cdf[COMMON - 1]
        picked = np.unique(self.sample(tail / tail[-1], k * 4))
        while len(picked) < k:
            picked = np.union1d(picked, self.sample(tail / tail[-1], k))
        return self.rng.permutation(picked + COMMON)[:k]

    def topic(self) -> dict[str, Any]:
        """A kind of news (an election, a storm): shared words, people, places, organisations."""
        return {
            "words": self.event_words(400),
            "vector": unit(self.rng.standard_normal(DIMS)),
            **{kind: self.entities(kind, size) for kind, size in (("p", 30), ("g", 15), ("o", 15))},
        }

    def event(self, days: int) -> dict[str, Any]:
        """A happening. One in four is a sibling of an earlier one of its topic: the same
        people, places and organisations and half its words, up to six weeks later (a second
        storm on the same coast, the next round of the same talks)."""
        rng = self.rng
        topic = int(rng.integers(0, TOPICS))
        words = self.event_words(120)
        sibling = self.last.get(topic) if rng.random() < 0.25 else None
        if sibling is not None:
            words[::2] = sibling["words"][::2]
            entities = sibling["entities"]
            day = sibling["day"] + int(rng.integers(1, 43))
        else:
            entities = {}
            for kind, low, high in (("p", 1, 5), ("g", 1, 3), ("o", 0, 3)):
                k = int(rng.integers(low, high + 1))
                regulars = self.topics[topic][kind]  # half the topic's regulars, half anyone
                picked = [regulars[i] for i in rng.integers(0, len(regulars), k)]
                picked += self.entities(kind, k)
                entities[kind] = list(dict.fromkeys(rng.permutation(picked)[:k].tolist()))
            day = int(rng.integers(0, days))
        weights = 1.0 / np.arange(1, len(words) + 1) ** 0.7
        firsts = [self.firsts[i] for i in rng.integers(0, len(self.firsts), len(entities["p"]))]
        numbers = [str(int(x)) for x in rng.integers(2, 100_000, rng.integers(1, 5))]
        others = [self.surnames[i] for i in rng.integers(0, NAMES, 8)]
        people = [f"{a} {b}" for a, b in zip(firsts, entities["p"], strict=True)]
        when = START + timedelta(days=day)
        event = {
            "words": words,
            "p": weights / weights.sum(),
            "topic": topic,
            "entities": entities,
            "names": people + entities["g"] + entities["o"] + numbers + others,
            "day": day,
            "vector": unit(rng.standard_normal(DIMS)),
            "dates": [f"{MONTHS[when.month - 1]} {when.day}", DATE_WORDS[when.weekday()]],
        }
        self.last[topic] = event
        return event

    def articles(self):
        """(article id, event, features) in arrival order."""
        rng, words, days = self.rng, self.words, self.day.tolist()
        for i, event_id in enumerate(self.gold.tolist()):
            e = self.events[event_id]
            topic = self.topics[e["topic"]]
            r = rng.beta(5, 2)  # how much of the article is about its event
            n_words = int(np.clip(rng.normal(150, 30), 40, 300))
            own = rng.choice(len(e["words"]), int(n_words * (0.1 + 0.3 * r)), False, e["p"])
            shared = topic["words"][rng.integers(0, 400, int(n_words * 0.15))]
            terms: dict[str, int] = {}
            counts = rng.geometric(0.4, len(own)).tolist()
            for w, c in zip(e["words"][own].tolist(), counts, strict=True):
                terms["w:" + words[w]] = c
            for w in shared.tolist():
                key = "w:" + words[w]
                terms[key] = terms.get(key, 0) + 1
            for w in self.sample(self.word_cdf, n_words * 2).tolist():
                if len(terms) >= n_words:
                    break
                key = "w:" + words[w]
                terms[key] = terms.get(key, 0) + 1
            names = e["names"]
            for k in rng.choice(len(names), min(len(names), int(2 + 16 * r)), False).tolist():
                terms["n:" + names[k]] = int(rng.integers(1, 5))
            for w in e["words"][: 4 + int(5 * r)].tolist() + shared[:2].tolist():
                terms["t:" + words[w]] = 1
            if "l:" in CHANNELS:  # the lead's words and names, where the pair model uses them
                lead = [t for t in terms if t[:2] in ("w:", "n:")][: 10 + int(20 * r)]
                terms.update({("l:" if t[0] == "w" else "m:") + t[2:]: 1 for t in lead})
            for kind, pool in e["entities"].items():  # the event's own and some others
                picked = [x for x in pool if rng.random() < 0.4 + 0.5 * r]
                picked += self.entities(kind, int(rng.integers(0, 3)))
                for name in picked:
                    terms[f"{kind}:{name}"] = int(rng.integers(1, 4))
                    terms["n:" + name] = terms.get("n:" + name, 0) + 1
            background = [self.surnames[k] for k in rng.integers(0, NAMES, 6).tolist()]
            background += [str(k) for k in self.sample(self.number_cdf, 4).tolist()]
            for name in background:
                terms["n:" + name] = terms.get("n:" + name, 0) + 1
            for phrase in [*e["dates"], *(DATE_WORDS[k] for k in rng.integers(0, 20, 2))]:
                if rng.random() < 0.6:
                    terms["d:" + phrase] = 1
            when = START + timedelta(days=days[i])
            years = {str(when.year)} | ({str(when.year - 1)} if rng.random() < 0.2 else set())
            mix = (0.55 + 0.45 * r) * e["vector"] + 0.6 * topic["vector"] + 0.35 * self.news_vector
            vector = unit(mix + 0.8 * rng.standard_normal(DIMS) / np.sqrt(DIMS))
            features = {
                "version": FEATURES_VERSION,
                "terms": terms,
                "names": {},
                "years": sorted(years),
                "day": when.isoformat() if self.dated[i] else None,
                "embedding": encode_vector(vector.astype(np.float32)),
            }
            yield f"a{i:06d}", event_id, features


class CountingIndex(StoryIndex):
    """``StoryIndex`` that also notes how many candidate stories and representatives (pair
    model comparisons) each article met; it costs well under 1% of an assignment."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[int, int]] = []

    def candidates(self, profile):
        stories = super().candidates(profile)
        self.seen.append((len(stories), sum(len(s.recent) + 1 for s in stories)))
        return stories


class FullCollections:
    """Pauses of the cyclic garbage collector's full (generation 2) collections."""

    def __init__(self) -> None:
        self.pauses: list[float] = []
        self.started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if info["generation"] == 2:
            if phase == "start":
                self.started = time.perf_counter()
            else:
                self.pauses.append(time.perf_counter() - self.started)


def run_one(n: int, seed: int, window: int, days: int, trace: bool) -> dict[str, Any]:
    started = time.perf_counter()
    corpus = Corpus(n, seed, days)
    index = CountingIndex()
    setup_s = time.perf_counter() - started
    rss_before = peak_rss_mb()
    if trace:
        tracemalloc.start()
    collections = FullCollections()
    gc.callbacks.append(collections)
    times = np.zeros(n)
    predicted, gold = [], []
    clock = time.perf_counter
    wall = clock()
    for i, (article_id, event_id, features) in enumerate(corpus.articles()):
        t0 = clock()
        story = index.assign(article_id, features).story
        times[i] = clock() - t0
        predicted.append(story)
        gold.append(event_id)
    wall = clock() - wall
    rss_peak = peak_rss_mb()
    gc.callbacks.remove(collections)
    heap_peak = tracemalloc.get_traced_memory()[1] / 2**20 if trace else None
    tracemalloc.stop()
    seen = np.array(index.seen, dtype=float)
    w = min(window, n // 2)
    ms = times * 1000
    tenths = [float(chunk.mean()) for chunk in np.array_split(ms, 10)]
    scores = b_cubed(predicted, gold)
    sizes = np.bincount(corpus.gold)
    return {
        "n": n,
        "window": w,
        "events": len(corpus.events),
        "largest_event": int(sizes.max()),
        "generate_s": setup_s + wall - float(times.sum()),
        "assign_s": float(times.sum()),
        "first_mean": float(ms[:w].mean()),
        "last_mean": float(ms[-w:].mean()),
        "first_median": float(np.median(ms[:w])),
        "last_median": float(np.median(ms[-w:])),
        "p99_last": float(np.percentile(ms[-w:], 99)),
        "max_ms": float(ms.max()),
        "tenths": tenths,
        "stories": len(index.stories),
        "cand_first": float(seen[:w, 0].mean()),
        "cand_last": float(seen[-w:, 0].mean()),
        "cmp_first": float(seen[:w, 1].mean()),
        "cmp_last": float(seen[-w:, 1].mean()),
        "df_terms": len(index.df),
        "postings_terms": len(index.postings),
        "postings_entries": sum(len(p) for p in index.postings.values()),
        "profiles": sum(len(s.representatives()) for s in index.stories.values()),
        "b3": scores,
        "rss_before": rss_before,
        "rss_peak": rss_peak,
        "heap_peak": heap_peak,
        "gc_pauses": collections.pauses,
    }


def _pair(a: float, b: float, digits: int = 1) -> str:
    return f"{a:.{digits}f} / {b:.{digits}f}"


def _pauses(pauses: list[float]) -> str:
    return f"{len(pauses)} ({sum(pauses):.1f}, {max(pauses, default=0) * 1000:.0f})"


FIGURES = [  # label ({w}: the window), figure of one size's result
    ("events generated (largest)", lambda r: f"{r['events']:,} ({r['largest_event']})"),
    ("generating features s (not timed)", lambda r: f"{r['generate_s']:.1f}"),
    ("assignment total s", lambda r: f"{r['assign_s']:.1f}"),
    ("articles/s", lambda r: f"{r['n'] / r['assign_s']:,.0f}"),
    ("ms/article, first {w} (mean)", lambda r: f"{r['first_mean']:.2f}"),
    ("ms/article, last {w} (mean)", lambda r: f"{r['last_mean']:.2f}"),
    ("  ratio last/first (mean)", lambda r: f"{r['last_mean'] / r['first_mean']:.2f}"),
    ("ms/article, first {w} (median)", lambda r: f"{r['first_median']:.2f}"),
    ("ms/article, last {w} (median)", lambda r: f"{r['last_median']:.2f}"),
    ("  ratio last/first (median)", lambda r: f"{r['last_median'] / r['first_median']:.2f}"),
    ("ms/article, first / last tenth (mean)", lambda r: _pair(*r["tenths"][::9], 2)),
    ("  ratio last/first tenth (mean)", lambda r: f"{r['tenths'][-1] / r['tenths'][0]:.2f}"),
    ("ms/article, last {w} (p99)", lambda r: f"{r['p99_last']:.2f}"),
    ("ms/article, slowest", lambda r: f"{r['max_ms']:.1f}"),
    ("full GC pauses (total s, longest ms)", lambda r: _pauses(r["gc_pauses"])),
    ("stories opened", lambda r: f"{r['stories']:,}"),
    ("candidate stories, first/last", lambda r: _pair(r["cand_first"], r["cand_last"])),
    ("comparisons, first/last", lambda r: _pair(r["cmp_first"], r["cmp_last"], 0)),
    ("df terms", lambda r: f"{r['df_terms']:,}"),
    ("postings terms (entries)", lambda r: f"{r['postings_terms']:,} ({r['postings_entries']:,})"),
    ("profiles held", lambda r: f"{r['profiles']:,}"),
    ("RSS before assignment MB", lambda r: f"{r['rss_before']:.0f}"),
    ("peak RSS MB (ru_maxrss)", lambda r: f"{r['rss_peak']:.0f}"),
    ("  peak - before MB", lambda r: f"{r['rss_peak'] - r['rss_before']:.0f}"),
    ("B³ F1 vs generated events*", lambda r: f"{r['b3']['f1']:.3f}"),
    ("  B³ precision / recall*", lambda r: _pair(r["b3"]["precision"], r["b3"]["recall"], 3)),
]


def table(results: list[dict[str, Any]]) -> None:
    window = f"{results[0]['window']:,}"
    figures = list(FIGURES)
    if results[0]["heap_peak"] is not None:
        figures.append(("Python heap peak MB (tracemalloc)", lambda r: f"{r['heap_peak']:.0f}"))
    rows = [["", *(f"{r['n']:,} articles" for r in results)]]
    rows += [[label.format(w=window), *(get(r) for r in results)] for label, get in figures]
    widths = [max(len(row[c]) for row in rows) for c in range(len(rows[0]))]
    for row in rows:
        cells = [cell.rjust(width) for cell, width in zip(row, widths, strict=True)]
        print("  ".join([row[0].ljust(widths[0]), *cells[1:]]))
    for r in results:
        tenths = " ".join(f"{t:.2f}" for t in r["tenths"])
        print(f"ms/article by tenth of the run, {r['n']:,}: {tenths}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--window", type=int, default=1000, help="articles at each end")
    parser.add_argument("--days", type=int, default=730, help="days the events spread over")
    parser.add_argument("--tracemalloc", action="store_true", help="also the Python heap peak")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        result = run_one(args.sizes[0], args.seed, args.window, args.days, args.tracemalloc)
        print(json.dumps(result))
        return
    print(
        f"Python {platform.python_version()} | CPUs {os.cpu_count()} | seed {args.seed} | "
        f"events over {args.days} days | key terms {story_index.KEY_TERMS}, postings "
        f"{story_index.MAX_POSTINGS}, candidates {story_index.MAX_CANDIDATES}, recent "
        f"{story_index.RECENT_MEMBERS}",
        flush=True,
    )
    results = []
    for n in args.sizes:
        command = [sys.executable, __file__, "--child", "--sizes", str(n), "--seed", str(args.seed)]
        command += ["--window", str(args.window), "--days", str(args.days)]
        command += ["--tracemalloc"] if args.tracemalloc else []
        done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)
        results.append(json.loads(done.stdout))
    table(results)
    print("* synthetic events, not an accuracy figure: it only shows the data is not degenerate")
    print("(each size runs in a fresh process, so its peak RSS is its own; timings exclude")
    print(" generating the features, which needs neither spaCy nor the embedding model)")
    if args.tracemalloc:
        print("(tracemalloc was on: allocation is traced, so these timings run slow)")


if __name__ == "__main__":
    main()
