"""Text reuse benchmark: ``ReuseDetector.add`` over 10k and 100k generated articles.

Run it from the repository root with ``.venv/bin/python bench/reuse.py --sizes 10000 100000``
(``--seed``, ``--window``). Articles are made of generated sentences (12 to 24 words: 60%
made-up words drawn from a Zipf vocabulary of 50k words less its head, 40% English stop
words; 8 to 20 sentences an article; 30 articles a day), in publication order. Of them:

- 30% reuse 20-80% of the sentences of one earlier article (any earlier one, uniformly), in
  their order among their own sentences; half of the reused sentences are lightly rewritten
  (two or three words swapped for others, one or two dropped). The truth of a pair is
  whether its articles share two or more sentences by origin: a copy of a copy shares
  sentences with the first article too, and so does a sibling copy of the same source;
- 10% are wire copy: a dateline credits an agency ("CORVANE (Reuters) - ..."), with a text
  of their own.

Alignment here uses rapidfuzz only: the articles carry no sentence embeddings (the product
aligns rewritten sentences by their MiniLM cosine; made-up words have no meaning to embed),
so a rewritten sentence is found by its ratio (``ReuseSettings.lexical``).

For each size, in a fresh subprocess (so the peak RSS is that size's own), it prints the
detection time per article over the first and the last ``--window`` articles and over the
whole run, the candidates per article, the peak resident memory (``ru_maxrss``), and pair
precision and recall against the generator's truth (a pair said is positive when it is reuse
or wire), wire-credit precision and recall, and the mean error of the share of a reusing
article (the share of its best-aligned pair against the share it took from its source).
Then the ratio of the mean cost per article of the last size to the first (the target:
within 20%). It asserts nothing.
"""

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from collections import Counter
from datetime import date, timedelta
from typing import Any

import numpy as np

from sourcetrace.trace.reuse import ReuseDetector
from sourcetrace.trace.reuse_index import IndexSettings
from sourcetrace.trace.reuse_records import ReuseArticle
from sourcetrace.trace.reuse_text import split_sentences

SEED = 20261207
VOCAB = 50_000
PER_DAY = 30
HEAD = 30
FUNCTION_WORDS = np.array(
    "the of and to a in that is for on with as was by at from it be has have are an will its "
    "this which were had been their after but not more than".split()
)
AGENCIES = ("Reuters", "AP", "AFP")
SYLLABLES = (
    "ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo ga ge gi go ha he hi ho ja jo ka "
    "ke ki ko la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se "
    "si so su ta te ti to tu va ve vi vo wa we wi ya yo za zo an en in on ar er ir or al el il"
).split()


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10  # bytes on macOS, else KiB


class Corpus:
    """Generated articles in publication order, with the truth of reuse and wire copy."""

    def __init__(self, seed: int) -> None:
        rng = self.rng = np.random.default_rng(seed)
        words: dict[str, None] = {}
        while len(words) < VOCAB:
            k = int(rng.integers(2, 5))
            words.setdefault("".join(SYLLABLES[i] for i in rng.integers(0, len(SYLLABLES), k)))
        self.words = np.array(list(words))
        # content words: Zipf beyond the head that in real text is stop words, whose place
        # is taken by real stop words (the detector leaves those out)
        weights = 1.0 / (np.arange(1, VOCAB + 1) + HEAD) ** 1.05
        self.cdf = np.cumsum(weights) / weights.sum()
        self.sentences: list[list[str]] = []  # each article's sentences, for later reuse
        self.origins: list[list[tuple[int, int]]] = []  # (article, sentence) first written
        self.holders: dict[tuple[int, int], list[int]] = {}  # origin -> articles that have it

    def sentence(self) -> str:
        n = int(self.rng.integers(12, 25))
        words = self.words[np.searchsorted(self.cdf, self.rng.random(n))]
        function = self.rng.random(n) < 0.4
        words[function] = self.rng.choice(FUNCTION_WORDS, int(function.sum()))
        return " ".join(words).capitalize() + "."

    def rewrite(self, sentence: str) -> str:
        """Two or three words swapped for others, one or two dropped."""
        rng, words = self.rng, sentence.rstrip(".").lower().split()
        for i in rng.choice(len(words), int(rng.integers(2, 4)), replace=False):
            words[i] = str(self.words[np.searchsorted(self.cdf, rng.random())])
        for _ in range(int(rng.integers(1, 3))):
            words.pop(int(rng.integers(0, len(words))))
        return " ".join(words).capitalize() + "."

    def article(self, i: int) -> tuple[ReuseArticle, dict[str, Any]]:
        """Article ``i`` and its truth: the earlier articles it shares two or more sentences
        with (its source, and what its source took from others or others from it), the
        share of it reused from its source, the agency that it credits."""
        rng = self.rng
        n = int(rng.integers(8, 21))
        own = [self.sentence() for _ in range(n)]
        origins = [(i, j) for j in range(n)]  # where each sentence was first written
        truth: dict[str, Any] = {"shares": set(), "share": 0.0, "wire": None}
        draw = rng.random()
        if draw < 0.3 and i > 0:
            source = int(rng.integers(0, i))
            taken, taken_from = self.sentences[source], self.origins[source]
            k = max(2, round(len(taken) * rng.uniform(0.2, 0.8)))
            picked = sorted(rng.choice(len(taken), k, replace=False).tolist())
            slots = set(rng.choice(n + k, k, replace=False).tolist())
            mine, reused = iter(zip(own, origins, strict=True)), iter(picked)
            merged = []
            for pos in range(n + k):
                if pos in slots:
                    j = next(reused)
                    copy = taken[j] if rng.random() < 0.5 else self.rewrite(taken[j])
                    merged.append((copy, taken_from[j]))
                else:
                    merged.append(next(mine))
            own, origins = [m[0] for m in merged], [m[1] for m in merged]
            truth["share"] = k / len(own)
        elif draw < 0.4:
            truth["wire"] = AGENCIES[int(rng.integers(0, len(AGENCIES)))]
        holders = Counter(a for origin in origins for a in self.holders.get(origin, ()))
        truth["shares"] = {f"a{a:06d}" for a, c in holders.items() if c >= 2}
        for origin in origins:
            self.holders.setdefault(origin, []).append(i)
        self.sentences.append(own)
        self.origins.append(origins)
        text = " ".join(own)
        if truth["wire"]:
            text = f"{self.words[int(rng.integers(0, VOCAB))].upper()} ({truth['wire']}) - {text}"
        day = (date(2026, 1, 1) + timedelta(days=i // PER_DAY)).isoformat()
        return ReuseArticle(f"a{i:06d}", text, split_sentences(text), day), truth


def run_one(n: int, seed: int, window: int, index: IndexSettings) -> dict[str, Any]:
    corpus, detector = Corpus(seed), ReuseDetector(index=index)
    times, candidates = np.zeros(n), np.zeros(n)
    found: set[frozenset[str]] = set()
    truth_pairs: set[frozenset[str]] = set()
    shares: list[float] = []
    wire_truth, wire_said = set(), set()
    rss_before = peak_rss_mb()
    for i in range(n):
        article, truth = corpus.article(i)
        truth_pairs |= {frozenset((other, article.id)) for other in truth["shares"]}
        if truth["wire"]:
            wire_truth.add(article.id)
        t0 = time.perf_counter()
        pairs = detector.add(article)
        times[i] = time.perf_counter() - t0
        candidates[i] = len(pairs)
        wire_said.update(c.article for c in detector.credits[article.id])
        said = [p for p in pairs if p.verdict != "independent"]
        found.update(frozenset((p.a, p.b)) for p in said)
        if truth["share"]:  # the share of the reusing article, from its best-aligned pair
            best = max(said, key=lambda p: len(p.sentences), default=None)
            shares.append(abs((best.share_b if best else 0.0) - truth["share"]))
    ms, w = times * 1000, min(window, n // 2)
    right = len(found & set(truth_pairs))
    tenths = np.array_split(ms, 10)
    return {
        "n": n,
        "window": w,
        "total_s": float(times.sum()),
        "mean_ms": float(ms.mean()),
        "first_ms": float(ms[:w].mean()),
        "last_ms": float(ms[-w:].mean()),
        "candidates": float(candidates.mean()),
        "candidates_last": float(candidates[-w:].mean()),
        "tenths_ms": [float(part.mean()) for part in tenths],
        "rss_before": rss_before,
        "rss_peak": peak_rss_mb(),
        "truth_pairs": len(truth_pairs),
        "said_pairs": len(found),
        "precision": right / len(found) if found else None,
        "recall": right / len(truth_pairs) if truth_pairs else None,
        "wire_precision": len(wire_said & wire_truth) / len(wire_said) if wire_said else None,
        "wire_recall": len(wire_said & wire_truth) / len(wire_truth) if wire_truth else None,
        "share_error": float(np.mean(shares)) if shares else None,
    }


FIGURES = [  # label ({w}: the window), figure of one size's result
    ("detection total s", lambda r: f"{r['total_s']:.1f}"),
    ("ms/article, all (mean)", lambda r: f"{r['mean_ms']:.2f}"),
    ("ms/article, first {w} (mean)", lambda r: f"{r['first_ms']:.2f}"),
    ("ms/article, last {w} (mean)", lambda r: f"{r['last_ms']:.2f}"),
    ("  ratio last/first", lambda r: f"{r['last_ms'] / r['first_ms']:.2f}"),
    ("candidates/article, all / last {w}", lambda r: f"{r['candidates']:.2f} / "
     f"{r['candidates_last']:.2f}"),
    ("peak RSS MB (ru_maxrss)", lambda r: f"{r['rss_peak']:.0f}"),
    ("  peak - before MB", lambda r: f"{r['rss_peak'] - r['rss_before']:.0f}"),
    ("reuse pairs true / said", lambda r: f"{r['truth_pairs']:,} / {r['said_pairs']:,}"),
    ("pair precision / recall", lambda r: f"{r['precision']:.3f} / {r['recall']:.3f}"),
    ("wire credit precision / recall", lambda r: f"{r['wire_precision']:.3f} / "
     f"{r['wire_recall']:.3f}"),
    ("mean error of the reused share", lambda r: f"{r['share_error']:.3f}"),
]  # fmt: skip


def table(results: list[dict[str, Any]], figures: list = FIGURES) -> None:
    """One column per size, one row per figure, then the ratio of the mean cost per article
    of the last size to the first (also ``bench/reuse_store.py``'s table)."""
    rows = [["", *(f"{r['n']:,} articles" for r in results)]]
    window = f"{results[0]['window']:,}"
    rows += [[label.format(w=window), *(get(r) for r in results)] for label, get in figures]
    widths = [max(len(row[c]) for row in rows) for c in range(len(rows[0]))]
    for row in rows:
        cells = [cell.rjust(width) for cell, width in zip(row, widths, strict=True)]
        print("  ".join([row[0].ljust(widths[0]), *cells[1:]]))
    print("ms/article by tenth of the run:")
    for r in results:
        print(f"  {r['n']:>9,}  " + " ".join(f"{t:5.2f}" for t in r["tenths_ms"]))
    if len(results) > 1:
        ratio = results[-1]["mean_ms"] / results[0]["mean_ms"]
        print(
            f"mean cost per article, {results[-1]['n']:,} / {results[0]['n']:,}: {ratio:.2f} "
            f"(target: within 20%)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--window", type=int, default=1000, help="articles at each end")
    parser.add_argument("--bands", type=int, default=IndexSettings().bands, help="LSH bands")
    parser.add_argument("--rows", type=int, default=IndexSettings().rows, help="rows per band")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    index = IndexSettings(bands=args.bands, rows=args.rows)
    if args.child:
        print(json.dumps(run_one(args.sizes[0], args.seed, args.window, index)))
        return
    print(
        f"Python {platform.python_version()} | seed {args.seed} | LSH {index.bands} bands x "
        f"{index.rows} rows, {index.min_hits} sentences to a candidate | alignment: rapidfuzz only"
    )
    results = []
    for n in args.sizes:
        command = [sys.executable, __file__, "--child", "--sizes", str(n), "--seed", str(args.seed)]
        command += [
            "--window",
            str(args.window),
            "--bands",
            str(args.bands),
            "--rows",
            str(args.rows),
        ]
        done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)
        results.append(json.loads(done.stdout))
    table(results)
    print("(each size runs in a fresh process; timings are of ReuseDetector.add only, not of")
    print(" generating the articles; no sentence embeddings: rewritten sentences are aligned")
    print(" by rapidfuzz ratio alone)")


if __name__ == "__main__":
    main()
