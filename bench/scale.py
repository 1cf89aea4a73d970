"""Analysis throughput and memory per engine: ``sourcetrace analyze`` on one generated corpus
with the in-process engine, the local process pool and a local Ray instance.

Run it from the repository root: ``.venv/bin/python bench/scale.py --sizes 5000 20000``
(``--engines``, ``--workers``, ``--seed``, ``--timeout``). For each size it writes a corpus of
news-length articles (18 to 26 paragraphs, about 650 words) recombined from the paragraphs of
the demo corpus, which we wrote, with names, places and figures varied so that no two articles
are alike, and ingests it into a database. Then, for each engine, it copies that database
and runs ``analyse_store`` on the copy in a fresh Python process (so each engine's figures are
its own), writing Parquet shards and loading them as a large run does (``--no-shards``: saving
directly), and prints articles per second, wall time, failures, and the peak resident memory of
that process together with every process it started (pool workers, the local Ray instance and
its workers), sampled from /proc every 0.2 s. Each run has a time limit (``--timeout``); a run
that passes it is reported as such. It prints figures only and asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SEED = 20261125
PER_FILE = 1000  # articles per JSONL file: ingest refuses files over 20 MB
ENGINES = ("inprocess", "process", "ray")
NAMES = ["Valdoria", "Ostmark", "Corvane", "Lindmark", "Perisa", "Tolvar", "Ansel Dreyer",
         "Ilse Marren", "Oskar Venn", "Teodor Hask", "Lene Parvik", "Mara Quill"]  # fmt: skip


def write_corpus(folder: Path, size: int, seed: int) -> None:
    """``size`` articles as JSONL files of ``PER_FILE`` (ingest caps a file's size),
    recombined from the demo corpus's paragraphs."""
    from sourcetrace.demo import corpus_dir
    from sourcetrace.ingest import IngestOptions, ingest
    from sourcetrace.store import open_store

    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "d.db") as store:
        ingest([str(corpus_dir())], store, IngestOptions())
        paragraphs = [p for a in store.articles() for p in a.paragraphs if len(p.split()) > 12]
        titles = [a.title for a in store.articles()]
    rng = random.Random(seed)
    name = re.compile("|".join(re.escape(n) for n in NAMES))
    number = re.compile(r"\b\d[\d,]*\b")

    def recast(text: str, cast: dict[str, str]) -> str:
        text = name.sub(lambda m: cast[m.group()], text)
        return number.sub(lambda m: f"{rng.randint(2, 9000):,}", text)

    folder.mkdir(parents=True, exist_ok=True)
    for start in range(0, size, PER_FILE):
        with (folder / f"part-{start // PER_FILE:04d}.jsonl").open("w", encoding="utf-8") as out:
            for i in range(start, min(size, start + PER_FILE)):
                cast = dict(zip(NAMES, rng.sample(NAMES, len(NAMES)), strict=True))
                chosen = rng.sample(paragraphs, min(len(paragraphs), rng.randint(18, 26)))
                record = {
                    "id": f"scale-{i}",
                    "title": recast(rng.choice(titles), cast),
                    "outlet": f"Scale Outlet {i % 97}",
                    "published": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}",
                    "text": "\n\n".join(recast(p, cast) for p in chosen),
                }
                out.write(json.dumps(record) + "\n")


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, parent = int(entry), int(fields[1])
        children.setdefault(parent, []).append(pid)
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def run_engine(
    db: Path, engine: str, workers: int | None, timeout: float, shards: Path | None
) -> dict:
    """One engine on a copy of ``db`` in a child process (writing Parquet shards to
    ``shards`` when given); its figures and peak memory."""
    script = (
        "import json, sys, time\n"
        "from sourcetrace.engine import make_engine\n"
        "from sourcetrace.engine.service import analyse_store\n"
        "from sourcetrace.store import open_store\n"
        "db, name, workers, shards = sys.argv[1:5]\n"
        "engine = make_engine(name, workers=int(workers) if workers else None)\n"
        "with open_store(db) as store:\n"
        "    s = analyse_store(store, engine, shards=shards or None)\n"
        "print(json.dumps({'analysed': s.analysed, 'failed': s.failed, 'seconds': s.seconds,\n"
        "                  'shards': s.shards}))\n"
    )
    args = [sys.executable, "-c", script, str(db), engine, str(workers or ""), str(shards or "")]
    child = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(child.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        out, _ = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        return {"engine": engine, "error": f"passed the {timeout:g} s limit"}
    finally:
        done.set()
        sampler.join()
    if child.returncode:
        return {"engine": engine, "error": f"exit status {child.returncode}"}
    result = json.loads(out.strip().splitlines()[-1])
    return {"engine": engine, **result, "peak_mb": peak / 2**20}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000])
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    parser.add_argument("--workers", type=int, default=None, help="pool workers / Ray actors")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--timeout", type=float, default=7200.0, help="seconds per engine run")
    parser.add_argument(
        "--shards",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="write Parquet shards and load them, as large runs do (default: yes)",
    )
    args = parser.parse_args()
    print(
        f"analysis scale benchmark: {os.cpu_count()} cores, "
        f"{platform.processor() or platform.machine()}, Python {platform.python_version()}"
    )
    from sourcetrace.ingest import IngestOptions, ingest
    from sourcetrace.store import open_store

    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            write_corpus(corpus, size, args.seed)
            base = Path(tmp) / "base.db"
            with open_store(base) as store:
                result = ingest([str(corpus)], store, IngestOptions())
                if result.summary.added != size:
                    raise SystemExit(f"ingest kept {result.summary.added} of {size} articles")
                words = sum(len(a.text.split()) for a in store.articles()) / size
            print(f"\n{size} articles, {words:.0f} words each on average")
            rates = {}
            for engine in args.engines:
                copy = Path(tmp) / f"{engine}.db"
                shutil.copy(base, copy)
                shards = Path(tmp) / f"{engine}.shards" if args.shards else None
                result = run_engine(copy, engine, args.workers, args.timeout, shards)
                if "error" in result:
                    print(f"  {engine:10} {result['error']}")
                    continue
                rate = result["analysed"] / result["seconds"]
                rates[engine] = rate
                written = ""
                if shards is not None:
                    size_mb = sum(f.stat().st_size for f in shards.glob("*.parquet")) / 2**20
                    written = f", {result['shards']} shards ({size_mb:,.0f} MB)"
                print(
                    f"  {engine:10} {rate:6.2f} articles/s, {result['seconds']:7.1f} s, "
                    f"{result['analysed']} analysed, {result['failed']} failed, "
                    f"peak memory {result['peak_mb']:,.0f} MB{written}"
                )
                copy.unlink()
                if shards is not None:
                    shutil.rmtree(shards)
            if "inprocess" in rates and "process" in rates:
                print(f"  process pool / in-process: {rates['process'] / rates['inprocess']:.2f}x")
            if "process" in rates and "ray" in rates:
                print(f"  ray / process pool: {rates['ray'] / rates['process']:.2f}x")


if __name__ == "__main__":
    main()
