"""Stored reuse benchmark: ``trace.reuse_service.find_reuse`` over generated articles in a
SQLite store, at two sizes, to see whether the cost of an article stays flat as the store
grows.

Run it from the repository root with ``.venv/bin/python bench/reuse_store.py --sizes 2000
20000`` (``--window``, ``--seed``). The articles are ``bench/reuse.py``'s (30% reuse an
earlier one, 10% wire copy), written to a fresh store with an analysis of each (the
generator's sentences) under a made-up analyser version, then checked in publication order,
one ``find_reuse`` call per article, as ``process`` meets them; the scan for articles to
check (``Store.reuse_pending``, a pass over the articles) is timed apart. Alignment is by words only
(no embeddings: made-up words mean nothing). It prints the time per article over the first
and last ``--window`` articles, the peak resident memory, the store's size and pair
precision and recall against the generator's truth. It asserts nothing.
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
from sourcetrace.trace.reuse_service import REUSE_VERSION, find_reuse

_spec = importlib.util.spec_from_file_location("reuse_bench", Path(__file__).with_name("reuse.py"))
reuse_bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(reuse_bench)
VERSION = "bench"


def run_one(n: int, seed: int, window: int) -> dict[str, Any]:
    corpus = reuse_bench.Corpus(seed)
    truth: set[frozenset[str]] = set()
    times, pending = np.zeros(n), np.zeros(n)
    with tempfile.TemporaryDirectory() as folder, SQLiteStore(Path(folder) / "b.db") as store:
        run = store.start_run(["bench"])
        for i in range(n):
            generated, said = corpus.article(i)
            truth |= {frozenset((other, generated.id)) for other in said["shares"]}
            article = Article(
                id=generated.id,
                text=generated.text,
                paragraphs=[generated.text],
                outlet=f"Outlet {i % 50}",
                published=generated.published,
                source=generated.id,
            )
            spans = [{"start": s, "end": e} for s, e in generated.sentences]
            analysis = {"id": article.id, "text": article.text, "sentences": spans}
            store.save_batch(run, [article], [])
            store.save_analyses([(article, VERSION, analysis)])
            t0 = time.perf_counter()
            store.reuse_pending(VERSION, REUSE_VERSION)
            pending[i] = time.perf_counter() - t0
            t0 = time.perf_counter()
            find_reuse(store, AnalysisSettings(), analyser=VERSION, embed=False)
            times[i] = time.perf_counter() - t0
        found = {
            frozenset((p["a"], p["b"])) for p in store.reuse_pairs([f"a{i:06d}" for i in range(n)])
        }
        size = (Path(folder) / "b.db").stat().st_size + (Path(folder) / "b.db-wal").stat().st_size
    # what find_reuse spends finding the articles to check (twice: the batch, then none
    # left) is a scan of the articles; the rest is the article's own work
    ms, w = (times - 2 * pending) * 1000, min(window, n // 2)
    scan = pending * 1000
    right = len(found & truth)
    return {
        "n": n,
        "first_ms": float(ms[:w].mean()),
        "last_ms": float(ms[-w:].mean()),
        "scan_first_ms": float(scan[:w].mean()),
        "scan_last_ms": float(scan[-w:].mean()),
        "rss_mb": reuse_bench.peak_rss_mb(),
        "store_mb": size / 2**20,
        "precision": right / len(found) if found else None,
        "recall": right / len(truth) if truth else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000, 20_000])
    parser.add_argument("--seed", type=int, default=reuse_bench.SEED)
    parser.add_argument("--window", type=int, default=500, help="articles at each end")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.sizes[0], args.seed, args.window)))
        return
    for n in args.sizes:
        command = [sys.executable, __file__, "--child", "--sizes", str(n)]
        command += ["--seed", str(args.seed), "--window", str(args.window)]
        r = json.loads(
            subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True).stdout
        )
        print(
            f"{r['n']:>7,} articles: ms/article first {args.window} {r['first_ms']:.2f},"
            f" last {args.window} {r['last_ms']:.2f} (plus the scan for articles to check:"
            f" {r['scan_first_ms']:.2f} -> {r['scan_last_ms']:.2f}); peak RSS {r['rss_mb']:.0f} MB;"
            f" store {r['store_mb']:.0f} MB; pair precision {r['precision']:.3f},"
            f" recall {r['recall']:.3f}"
        )
    print("(ms/article: find_reuse less its scan for articles to check: the index lookups,")
    print(" the comparisons and the writes of one article)")


if __name__ == "__main__":
    main()
