"""End-to-end benchmark: a real corpus into a fresh store until every story is traced, against
bare ``nlp.pipe`` of the same texts, both in this one process.

Run it from the repository root with ``make bench`` or ``.venv/bin/python bench/e2e.py``
(``--corpus DIR``, ``--limit N``, ``--engine NAME``, ``--workers N``, ``--profile``). The corpus is
ECB+ train (575 real news articles) read from ``DIR/docs.jsonl`` (default
``../shared/data/ecbplus``); when that file is absent it prints one line saying so and exits 0,
so ``make bench`` still runs on a fresh clone.

What is timed:

- pipeline: what the README's ``sourcetrace ingest FILE`` computes, through the same public
  functions: ``ingest``, then the front door ``process`` (analyse every article, group them
  into stories, trace every story). The steps are
  timed from ``process``'s progress. The engine is the one ``sourcetrace ingest`` picks for
  this many new articles, the process pool with one worker per core, unless ``--engine``
  says otherwise. Loading the models the pipeline needs besides spaCy
  (embedder, pair and cue models) is pipeline time: the pipeline pays it on every run.
- bare: ``nlp.pipe(texts)`` over the corpus's ``text`` fields with the pipeline's own loaded
  spaCy model (``load_nlp``: the installed ``en_core_web_sm`` package, all of its components,
  tok2vec, tagger, parser, attribute_ruler, lemmatizer and ner), minus the one component
  sourcetrace adds to it (``sourcetrace_line_breaks``), at spaCy's default batch size
  (``nlp.batch_size``). The documents are dropped as they come, so they are not held in memory.

Fairness: the model is loaded and warmed on a few texts before either side is timed, so
neither pays for the load or the first-call set-up. The pipeline runs first, into a fresh
store, and the bare side second: the pipeline's peak memory is then its own (a process keeps
the memory a large ``nlp.pipe`` batch took), and the bare side reuses nothing of the pipeline's
beyond the strings spaCy interns while parsing.

Printed: articles, words, pipeline and bare seconds, the ratio bare / pipeline (higher is
better; 1.0 means the whole pipeline costs no more than one parse), per-step seconds, and
peak memory. Peak memory is the resident set size: ``resource.getrusage`` ``ru_maxrss`` of
this process (``RUSAGE_SELF``) plus that of its largest finished child (``RUSAGE_CHILDREN``),
for the whole run and for the pipeline (read before the bare side runs); on Linux also for the
bare side alone (the process's high-water mark is reset through ``/proc/self/clear_refs``
after the pipeline), and the sum over this process and all
its live descendants, as proportional set size sampled every 50 ms (the figure that counts
concurrent workers, which ``RUSAGE_CHILDREN`` does not add up; sampling can miss a peak
shorter than 50 ms). ``--profile`` runs the pipeline under cProfile and prints
its top functions by cumulative time (its seconds are then inflated by the profiler). It
prints figures only and asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import json
import os
import platform
import pstats
import re
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sourcetrace.ingest import IngestOptions, ingest
from sourcetrace.nlp.model import load_nlp
from sourcetrace.store import open_store

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus"
ENGINES = ("process", "inprocess", "ray")
PROC = Path("/proc")
#: Functions whose cumulative time ``--profile`` reports as the pipeline's sub-steps.
STEPS = (
    ("ingest", "sourcetrace/ingest/pipeline.py", "ingest"),
    ("analyse", "sourcetrace/engine/service.py", "analyse_store"),
    ("stories", "sourcetrace/stories/service.py", "update_stories"),
    ("  features (NER + embedding)", "sourcetrace/stories/features.py", "story_features_many"),
    ("  batch clustering", "sourcetrace/stories/batch.py", "cluster_batch"),
    ("trace", "sourcetrace/trace/service.py", "trace_story"),
    ("  align, origins, drift", "sourcetrace/trace/service.py", "trace_versions"),
    ("spaCy Language.pipe, all callers", "spacy/language.py", "pipe"),
    ("embedding, all callers", "sourcetrace/nlp/embed.py", "embed"),
)


def read_corpus(folder: Path, limit: int | None) -> list[dict[str, str]]:
    """ECB+ train records as ``{id, title, text}``, in file order."""
    with (folder / "docs.jsonl").open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    records = [
        {"id": r["doc_id"], "title": r["title"], "text": r["text"]}
        for r in rows
        if r.get("split") == "train"
    ]
    return records[:limit] if limit else records


def rss_peak_mb() -> tuple[float, float]:
    """``ru_maxrss`` of this process and of its largest finished child, in MB."""
    scale = 2**20 if sys.platform == "darwin" else 2**10  # bytes on macOS, else KiB
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / scale
    return own, children


def reset_high_water_mark() -> bool:
    """Reset this process's peak RSS, which ``ru_maxrss`` reads (Linux ``clear_refs``); False
    where that is unavailable."""
    try:
        (PROC / "self" / "clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _proc_kib(pid: int | str, file: str, field: str) -> int:
    """A ``kB`` field of ``/proc/PID/FILE``; 0 when the process or the field is gone."""
    try:
        text = (PROC / str(pid) / file).read_text()
    except OSError:
        return 0
    found = re.search(rf"^{field}:\s+(\d+) kB", text, re.MULTILINE)
    return int(found.group(1)) if found else 0


def _descendants(pid: int) -> Iterator[int]:
    for task in (PROC / str(pid) / "task").glob("*"):
        with contextlib.suppress(OSError):
            for child in (task / "children").read_text().split():
                yield int(child)
                yield from _descendants(int(child))


class TreeSampler:
    """The largest sum of proportional set size (Pss: a page shared by n processes counts 1/n
    in each, so the sum counts it once) over this process and its live descendants, sampled
    every ``interval`` seconds while the ``with`` block runs (Linux; 0 elsewhere)."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            total = sum(_proc_kib(p, "smaps_rollup", "Pss") for p in (me, *_descendants(me)))
            self.peak_mb = max(self.peak_mb, total / 2**10)
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeSampler:
        if (PROC / "self" / "smaps_rollup").is_file():
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()


def bare_pipe(texts: list[str]) -> float:
    """Seconds for bare ``nlp.pipe`` over ``texts`` at spaCy's default batch size."""
    nlp = load_nlp()
    ours = [name for name in nlp.pipe_names if name.startswith("sourcetrace_")]
    started = time.perf_counter()
    for _doc in nlp.pipe(texts, disable=ours):
        pass
    return time.perf_counter() - started


def pipeline(
    data: Path, db: Path, engine: str | None, workers: int | None
) -> tuple[dict[str, float], dict[str, Any]]:
    """Ingest ``data`` into the fresh store ``db`` and bring it up to date through the front
    door, as ``sourcetrace ingest`` does (``process``: analyse, group, trace), on ``engine``
    (in-process when None): per-step seconds, and what was made."""
    from sourcetrace.engine import make_engine
    from sourcetrace.pipeline import AnalysisSettings, process
    from sourcetrace.trace.service import trace_stories

    steps: dict[str, float] = {}
    clock = time.perf_counter
    settings = AnalysisSettings.from_config()
    with open_store(db) as store:
        started = clock()
        result = ingest([str(data)], store, IngestOptions.from_settings())
        steps["ingest"] = clock() - started
        if result.summary.failed:
            print(f"note: {result.summary.failed} records failed to ingest")
        marks = {"stage": "analysing", "at": clock()}

        def progress(stage: str, done: int, total: int) -> None:
            if stage != marks["stage"]:
                now = clock()
                steps[str(marks["stage"])] = now - float(marks["at"])
                marks.update(stage=stage, at=now)

        chosen = make_engine(engine, workers=workers, settings=settings) if engine else None
        summary = process(store, settings, engine=chosen, progress=progress)
        steps[str(marks["stage"])] = clock() - float(marks["at"])
        traced = trace_stories(store, settings=settings).stories
        made = {
            "articles": store.count(),
            "analysed": summary.analysis.analysed,
            "stories": len(traced),
            "untraced": len(summary.untraced),
            "claims": sum(len(s.claims) for s in traced),
            "shared claims": sum(c.shared for s in traced for c in s.claims),
        }
    return steps, made


def print_profile(profile: cProfile.Profile, top: int) -> None:
    """The top functions by cumulative time, then the pipeline's named sub-steps."""
    stats = pstats.Stats(profile)
    stats.sort_stats("cumulative").print_stats(top)
    print("named sub-steps (cumulative s, under cProfile):")
    for label, path, name in STEPS:
        seconds = sum(
            row[3]
            for (filename, _, function), row in stats.stats.items()  # type: ignore[attr-defined]
            if function == name and filename.replace(os.sep, "/").endswith(path)
        )
        print(f"  {label:<34} {seconds:8.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="ECB+ folder")
    parser.add_argument("--limit", type=int, default=None, help="first N train articles only")
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default="process",
        help="the engine (default: the process pool, as `sourcetrace ingest` picks for this many"
        " new articles)",
    )
    parser.add_argument("--workers", type=int, default=None, help="workers of --engine")
    parser.add_argument("--profile", action="store_true", help="profile the pipeline")
    parser.add_argument("--top", type=int, default=10, help="functions --profile lists")
    args = parser.parse_args()
    if args.workers is not None and args.engine in (None, "inprocess"):
        parser.error("--workers applies to --engine process or ray")
    if not (args.corpus / "docs.jsonl").is_file():
        print(f"skipped: {args.corpus / 'docs.jsonl'} not found (pass --corpus ECBPLUS_DIR)")
        return
    records = read_corpus(args.corpus, args.limit)
    texts = [r["text"] for r in records]
    words = sum(len(t.split()) for t in texts)
    nlp = load_nlp()
    list(nlp.pipe(texts[:8]))  # load and warm the model before timing either side
    load = os.getloadavg()
    profile = cProfile.Profile() if args.profile else None
    with tempfile.TemporaryDirectory(prefix="sourcetrace-e2e-") as tmp, TreeSampler() as tree:
        data = Path(tmp) / "corpus.jsonl"
        data.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        call = (data, Path(tmp) / "e2e.db", args.engine, args.workers)
        started = time.perf_counter()
        steps, made = profile.runcall(pipeline, *call) if profile else pipeline(*call)
        pipeline_s = time.perf_counter() - started
    phase_own, children = rss_peak_mb()  # the pipeline's: nothing else has run yet
    phase_reset = reset_high_water_mark()
    bare_s = bare_pipe(texts)
    own_bare, _ = rss_peak_mb()  # since the reset, where there was one
    own = max(own_bare, phase_own)
    path = "ingest, process" + (f" --engine {args.engine}" if args.engine else "")
    print(
        f"Python {platform.python_version()} | CPUs {os.cpu_count()} | "
        f"load average before {load[0]:.2f}, after {os.getloadavg()[0]:.2f} | "
        f"model {nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}, "
        f"bare batch size {nlp.batch_size}"
    )
    print(f"pipeline: {path}")
    print(f"articles                  {len(records):>10,}")
    print(f"words                     {words:>10,}")
    print(f"pipeline s                {pipeline_s:>10.1f}")
    for step, seconds in steps.items():
        print(f"  {step:<24}{seconds:>10.1f}")
    print(f"bare nlp.pipe s           {bare_s:>10.1f}")
    print(f"ratio bare / pipeline     {bare_s / pipeline_s:>10.2f}")
    print("made: " + ", ".join(f"{k} {v:,}" for k, v in made.items()))
    if made["analysed"] != made["articles"] or made["untraced"]:
        print("note: not every article is analysed or not every story traced")
    print(
        f"peak MB, whole run: self {own:.0f} + largest child {children:.0f} = {own + children:.0f}"
    )
    print(f"peak MB, pipeline (self + largest child): {phase_own + children:.0f}")
    if phase_reset:
        print(f"peak MB, bare side (self since reset): {own_bare:.0f}")
    if tree.peak_mb:
        print(f"peak MB, pipeline, Pss of this process and descendants summed: {tree.peak_mb:.0f}")
    if profile:
        print("(pipeline run under cProfile: its seconds are inflated)")
        print_profile(profile, args.top)


if __name__ == "__main__":
    main()
