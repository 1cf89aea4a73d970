"""Batch story clustering benchmark: ``cluster_batch`` over 10k and 100k generated articles.

Run it from the repository root with ``make bench`` or
``.venv/bin/python bench/stories_batch.py --sizes 10000 100000`` (``--seed``, ``--days``).
The articles' story features are the synthetic ones of ``bench/stories.py`` (same generator,
same seed), so the figures sit beside that benchmark's incremental ones. Each size runs in a
fresh subprocess, so its peak resident memory (``ru_maxrss``) is its own. Printed per size:
time to build the batch profiles, to find candidate pairs, to score them with the pair model and
to agglomerate (shared neighbours and average link), the pairs scored, the stories made, peak
RSS, and B³ against the generated events (only a sign that the synthetic data is not
degenerate, not an accuracy figure). It prints figures only and asserts nothing about speed.
"""

import argparse
import functools
import importlib.util
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from sourcetrace.eval.clusters import b_cubed
from sourcetrace.stories import batch
from sourcetrace.stories.model import load_pair_model

HERE = Path(__file__).resolve().parent


@functools.cache
def _generator():
    """``bench/stories.py`` as a module: its article generator and ``peak_rss_mb``."""
    spec = importlib.util.spec_from_file_location("bench_stories", HERE / "stories.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_one(n: int, seed: int, days: int) -> dict:
    generator = _generator()
    corpus = generator.Corpus(n, seed, days)
    features, gold = [], []
    for _, event_id, f in corpus.articles():
        features.append(f)
        gold.append(event_id)
    rss_before = generator.peak_rss_mb()
    model = load_pair_model()
    clock = time.perf_counter
    t0 = clock()
    profiles = batch.BatchProfiles(features)
    t1 = clock()
    first, second = batch.candidate_pairs(profiles)
    t2 = clock()
    weights = batch.probabilities(model, profiles, first, second)
    t3 = clock()
    labels = batch.link_batch(n, first, second, weights, model)
    t4 = clock()
    return {
        "n": n,
        "profiles_s": t1 - t0,
        "candidates_s": t2 - t1,
        "scoring_s": t3 - t2,
        "linking_s": t4 - t3,
        "total_s": t4 - t0,
        "pairs": len(first),
        "stories": len(set(labels)),
        "b3": b_cubed(labels, gold),
        "rss_before": rss_before,
        "rss_peak": generator.peak_rss_mb(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=_generator().SEED)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.sizes[0], args.seed, args.days)))
        return
    print(
        f"Python {platform.python_version()} | CPUs {os.cpu_count()} | seed {args.seed} | "
        f"neighbours {batch.NEIGHBOURS}, postings cap {batch.MAX_POSTINGS_BATCH}",
        flush=True,
    )
    results = []
    for n in args.sizes:
        command = [sys.executable, __file__, "--child", "--sizes", str(n), "--seed", str(args.seed)]
        command += ["--days", str(args.days)]
        done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)
        results.append(json.loads(done.stdout))
    rows = [
        ("profiles s", lambda r: f"{r['profiles_s']:.1f}"),
        ("candidate pairs s", lambda r: f"{r['candidates_s']:.1f}"),
        ("pair model s", lambda r: f"{r['scoring_s']:.1f}"),
        ("average link s", lambda r: f"{r['linking_s']:.1f}"),
        ("total s", lambda r: f"{r['total_s']:.1f}"),
        ("ms/article", lambda r: f"{1000 * r['total_s'] / r['n']:.2f}"),
        ("pairs scored", lambda r: f"{r['pairs']:,}"),
        ("stories", lambda r: f"{r['stories']:,}"),
        ("RSS before clustering MB", lambda r: f"{r['rss_before']:.0f}"),
        ("peak RSS MB (ru_maxrss)", lambda r: f"{r['rss_peak']:.0f}"),
        ("B³ F1 vs generated events*", lambda r: f"{r['b3']['f1']:.3f}"),
        (
            "  B³ precision / recall*",
            lambda r: f"{r['b3']['precision']:.3f} / {r['b3']['recall']:.3f}",
        ),
    ]
    table = [["", *(f"{r['n']:,} articles" for r in results)]]
    table += [[label, *(get(r) for r in results)] for label, get in rows]
    widths = [max(len(row[c]) for row in table) for c in range(len(table[0]))]
    for row in table:
        print(
            "  ".join(
                [row[0].ljust(widths[0])]
                + [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
            )
        )
    print("* synthetic events, not an accuracy figure: it only shows the data is not degenerate")


if __name__ == "__main__":
    main()
