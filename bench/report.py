"""Dossier benchmark: build and render the dossier of one story of 500 articles.

Run it from the repository root with ``make bench`` or ``.venv/bin/python bench/report.py``
(``--articles N``, ``--seed``). It writes N articles about the demo corpus's main event into a
temporary database: each is 4 to 8 paragraphs drawn from the six demo reports of that event
(articles we wrote), from one of N/4 outlets, dated over ten days, a figure changed now and then.
Ingest and ``process`` (analyses, stories, first trace) are timed but are not the point; then,
with the analyses stored, it times tracing the story from scratch once (alignment, origins,
drift), and then, three times each, reporting the best:

1. ``build_dossier`` (read from what ``process`` stored: the story's traced claims, matrix
   and sources);
2. ``dossier_html`` (the self-contained HTML file) and its size;
3. when the web app is installed, a GET of the story page and of its JSON twin through the
   app (FastAPI's TestClient, no network), which is what a reader waits for.

It prints figures only and asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sourcetrace.demo import corpus_dir
from sourcetrace.ingest import IngestOptions, ingest
from sourcetrace.pipeline import AnalysisSettings, process
from sourcetrace.report.dossier import build_dossier
from sourcetrace.report.html import dossier_html
from sourcetrace.store import open_store
from sourcetrace.stories.service import story_summaries
from sourcetrace.trace.service import stored_analyses, trace_versions
from sourcetrace.trace.versions import claim_versions

SEED = 20261125
MAIN_STORY_FILES = (
    "harborledger",
    "capitalwire",
    "northerncourier",
    "meridianbrief",
    "ostmarktoday",
    "lindmarkobserver",
)


def _paragraphs() -> tuple[list[str], list[str]]:
    """Titles and paragraphs of the demo reports of the drone talks."""
    titles, paragraphs = [], []
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "demo.db") as store:
        ingest([str(corpus_dir())], store, IngestOptions())
        for article in store.articles():
            if any(name in (article.source or "") for name in MAIN_STORY_FILES):
                titles.append(article.title)
                paragraphs.extend(article.paragraphs)
    return titles, paragraphs


def _articles(n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    titles, paragraphs = _paragraphs()
    outlets = [f"Bench Outlet {i:03d}" for i in range(max(1, n // 4))]
    out = []
    for i in range(n):
        chosen = rng.sample(paragraphs, rng.randint(4, min(8, len(paragraphs))))
        if rng.random() < 0.2:  # a figure changed: 4,000 -> 4,500 and so on
            chosen = [
                re.sub(r"\b4,000\b", rng.choice(["4,500", "3,000", "5,000"]), p) for p in chosen
            ]
        out.append(
            {
                "id": f"bench-{i}",
                "title": rng.choice(titles),
                "outlet": rng.choice(outlets),
                "published": f"2026-03-{2 + i * 10 // n:02d}T{i % 24:02d}:00:00",
                "text": "\n\n".join(chosen),
                "url": f"https://bench.example/{i}",
            }
        )
    return out


def _best(action: Callable[[], object], repeats: int = 3) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeats):
        started = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--db", type=Path, help="keep the database here and reuse it when it exists"
    )
    args = parser.parse_args()
    print(
        f"dossier benchmark: {args.articles} articles, {os.cpu_count()} cores, "
        f"{platform.processor() or platform.machine()}, Python {platform.python_version()}"
    )
    settings = AnalysisSettings()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.db"
        with open_store(db) as store:
            if not store.count():
                source = Path(tmp) / "bench.jsonl"
                articles = _articles(args.articles, args.seed)
                source.write_text("\n".join(json.dumps(a) for a in articles), "utf-8")
                started = time.perf_counter()
                ingest([str(source)], store, IngestOptions())
                print(f"ingest: {time.perf_counter() - started:.1f} s")
            started = time.perf_counter()
            process(store, settings)
            print(f"stories, analyses and first trace: {time.perf_counter() - started:.1f} s")
            story = max(story_summaries(store), key=lambda s: s.size)
            print(
                f"largest story: {story.id}, {story.size} articles "
                f"({len(story_summaries(store))} stories in all)"
            )
            articles = [store.get(a["id"]) for a in story.articles]
            analyses = stored_analyses(store, articles, settings)
            versions = [
                v for n, a in enumerate(articles) for v in claim_versions(analyses[a.id], n)
            ]
            seconds, _ = _best(lambda: trace_versions(story.id, versions), repeats=1)
            print(f"tracing its {len(versions)} claim versions, nothing stored: {seconds:.1f} s")
            seconds, dossier = _best(lambda: build_dossier(store, story.id))
            shared = sum(c.shared for c in dossier.claims)
            print(
                f"build_dossier (trace stored): {seconds * 1000:.0f} ms "
                f"({len(dossier.claims)} claims, {shared} shared, "
                f"{len(dossier.matrix['outlets'])} outlets)"
            )
            seconds, html = _best(lambda: dossier_html(dossier))
            print(f"dossier_html: {seconds * 1000:.0f} ms, {len(html) / 1e6:.1f} MB")
        _web(db, story.id)


def _web(db: Path, story_id: int) -> None:
    try:
        from fastapi.testclient import TestClient

        from sourcetrace.web.app import create_app
    except ImportError as error:
        print(f"web app: not measured ({error})")
        return
    with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
        for path in (f"/stories/{story_id}", f"/stories/{story_id}.json"):
            seconds, response = _best(lambda path=path: client.get(path))
            print(
                f"GET {path}: {seconds * 1000:.0f} ms, status {response.status_code}, "
                f"{len(response.content) / 1e6:.1f} MB"
            )


if __name__ == "__main__":
    main()
