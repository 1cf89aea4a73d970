"""Stored reuse benchmark: ``trace.reuse_service.find_reuse`` over generated articles in a
SQLite store, at two sizes, to see whether the cost of an article stays flat as the store
grows.

Run it from the repository root with ``.venv/bin/python bench/reuse_store.py --sizes 10000
100000`` (``--window``, ``--seed``, ``--every``). The articles are ``bench/reuse.py``'s (30%
reuse an earlier one, 10% wire copy), written to a fresh store (in the system's temporary
folder) with an analysis of each (the generator's sentences) under a made-up analyser
version, then checked in publication order, one ``find_reuse`` call per article, as
``process`` meets them when it runs after each article: the scan for articles to check, the
index lookups, the comparisons and the writes of one article, all of it timed (wall clock
and this process's CPU time). Writing the article and its analysis is not timed. Alignment
is by words only (no embeddings: made-up words mean nothing).

For each size, in a fresh process (so that the peak RSS is that size's own), it prints a
line per ``--every`` articles to stderr as it goes, then the time per article over the whole
run and over its first and last ``--window`` articles, the peak resident memory, the store's
size, and pair precision and recall against the generator's truth; then the ratio of the
mean cost per article of the last size to the first (the issue's target: within 20%). It
asserts nothing.
"""

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from sourcetrace.article import Article
from sourcetrace.nlp.settings import AnalysisSettings
from sourcetrace.store.sqlite import SQLiteStore
from sourcetrace.trace.reuse_service import find_reuse

_spec = importlib.util.spec_from_file_location("reuse_bench", Path(__file__).with_name("reuse.py"))
reuse_bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(reuse_bench)
VERSION = "bench"


def write(store: SQLiteStore, run: int, corpus: Any, i: int) -> set[str]:
    """Article ``i`` and its analysis, stored; the earlier articles it truly shares with."""
    generated, said = corpus.article(i)
    article = Article(
        id=generated.id,
        text=generated.text,
        paragraphs=[generated.text],
        outlet=f"Outlet {i % 50}",
        published=generated.published,
        source=generated.id,
    )
    spans = [{"start": s, "end": e} for s, e in generated.sentences]
    store.save_batch(run, [article], [])
    store.save_analyses(
        [(article, VERSION, {"id": article.id, "text": article.text, "sentences": spans})]
    )
    return said["shares"]


def run_one(n: int, seed: int, window: int, every: int) -> dict[str, Any]:
    corpus = reuse_bench.Corpus(seed)
    truth: set[frozenset[str]] = set()
    wall, cpu = np.zeros(n), np.zeros(n)
    with tempfile.TemporaryDirectory() as folder, SQLiteStore(Path(folder) / "b.db") as store:
        run = store.start_run(["bench"])
        for i in range(n):
            truth |= {frozenset((other, f"a{i:06d}")) for other in write(store, run, corpus, i)}
            t0, c0 = time.perf_counter(), time.process_time()
            find_reuse(store, AnalysisSettings(), analyser=VERSION, embed=False)
            wall[i], cpu[i] = time.perf_counter() - t0, time.process_time() - c0
            if (i + 1) % every == 0:
                part = slice(i + 1 - every, i + 1)
                print(
                    f"{n:,}: articles {i + 2 - every:,}-{i + 1:,}: ms/article"
                    f" {wall[part].mean() * 1000:.2f} (cpu {cpu[part].mean() * 1000:.2f})",
                    file=sys.stderr,
                    flush=True,
                )
        found = {
            frozenset((p["a"], p["b"])) for p in store.reuse_pairs([f"a{i:06d}" for i in range(n)])
        }
        size = sum(f.stat().st_size for f in Path(folder).glob("b.db*"))
    ms, w, right = wall * 1000, min(window, n // 2), len(found & truth)
    return {
        "n": n,
        "window": w,
        "mean_ms": float(ms.mean()),
        "cpu_ms": float(cpu.mean() * 1000),
        "first_ms": float(ms[:w].mean()),
        "last_ms": float(ms[-w:].mean()),
        "tenths_ms": [float(part.mean()) for part in np.array_split(ms, 10)],
        "rss_mb": reuse_bench.peak_rss_mb(),
        "store_mb": size / 2**20,
        "truth_pairs": len(truth),
        "said_pairs": len(found),
        "precision": right / len(found) if found else float("nan"),
        "recall": right / len(truth) if truth else float("nan"),
    }


FIGURES = [
    ("ms/article, all (mean)", lambda r: f"{r['mean_ms']:.2f}"),
    ("  of it CPU time", lambda r: f"{r['cpu_ms']:.2f}"),
    ("ms/article, first {w} (mean)", lambda r: f"{r['first_ms']:.2f}"),
    ("ms/article, last {w} (mean)", lambda r: f"{r['last_ms']:.2f}"),
    ("peak RSS MB", lambda r: f"{r['rss_mb']:.0f}"),
    ("store MB", lambda r: f"{r['store_mb']:.0f}"),
    ("reuse pairs true / said", lambda r: f"{r['truth_pairs']:,} / {r['said_pairs']:,}"),
    ("pair precision / recall", lambda r: f"{r['precision']:.3f} / {r['recall']:.3f}"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=reuse_bench.SEED)
    parser.add_argument("--window", type=int, default=1000, help="articles at each end")
    parser.add_argument("--every", type=int, default=1000, help="articles a progress line")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.sizes[0], args.seed, args.window, args.every)))
        return
    results = []
    for n in args.sizes:
        command = [sys.executable, __file__, "--child", "--sizes", str(n), "--seed", str(args.seed)]
        command += ["--window", str(args.window), "--every", str(args.every)]
        done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)
        results.append(json.loads(done.stdout))
    reuse_bench.table(results, FIGURES)
    print("(each size runs in a fresh process; ms/article: one find_reuse call per article,")
    print(" writing the article and its analysis not counted; alignment by words alone)")


if __name__ == "__main__":
    main()
