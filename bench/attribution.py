"""Attribution benchmark: full per-article analysis against bare ``nlp.pipe``, same text, same run.

Run it from the repository root with ``make bench`` or ``.venv/bin/python bench/attribution.py``.
The text is PolNeAR dev (real news, read as-is) when ``../shared/data/polnear`` exists (or
``--polnear PATH``), else the bundled demo corpus repeated. Both sides parse the same texts with
the same spaCy model; the bare side loads the model package without sourcetrace's additions.
Each side runs ``--rounds`` times, alternating, and the best round counts. It prints figures
only and asserts nothing about speed.
"""

import argparse
import importlib
import platform
import sys
import time
from pathlib import Path

from sourcetrace.article import Article
from sourcetrace.nlp.analysis import analyse_many
from sourcetrace.nlp.cues import load_cue_model
from sourcetrace.nlp.model import MODEL_PACKAGES, load_nlp

DEFAULT_POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"


def _texts(polnear: Path | None) -> tuple[list[str], str]:
    if polnear and (polnear / "dev" / "text").is_dir():
        paths = sorted((polnear / "dev" / "text").glob("*.txt"))
        return [p.read_text(encoding="utf-8") for p in paths], f"PolNeAR dev ({len(paths)})"
    corpus = Path(__file__).resolve().parents[1] / "src" / "sourcetrace" / "demo" / "corpus"
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.iterdir()) if p.is_file()]
    return texts * 10, f"demo corpus x10 ({len(texts) * 10})"


def _bare_model():
    for name in MODEL_PACKAGES:
        try:
            return importlib.import_module(name).load(), name
        except ImportError:
            continue
    sys.exit("no spaCy model installed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    texts, label = _texts(args.polnear)
    words = sum(len(t.split()) for t in texts)
    bare, name = _bare_model()
    nlp, model = load_nlp(), load_cue_model()
    articles = [Article(id=str(i), text=t, paragraphs=[]) for i, t in enumerate(texts)]
    list(bare.pipe(texts[:4]))  # warm up both
    list(analyse_many(articles[:4], nlp, model))
    bare_best = full_best = float("inf")
    found = 0
    for _ in range(args.rounds):
        start = time.perf_counter()
        for _doc in bare.pipe(texts, batch_size=16):
            pass
        bare_best = min(bare_best, time.perf_counter() - start)
        start = time.perf_counter()
        found = sum(len(a.attributions) for a in analyse_many(articles, nlp, model))
        full_best = min(full_best, time.perf_counter() - start)
    print(f"python {platform.python_version()} on {platform.machine()}, model {name}")
    print(f"text: {label}, {words:,} words; best of {args.rounds} rounds each")
    print(f"bare nlp.pipe:     {words / bare_best:10,.0f} words/s  ({bare_best:.2f} s)")
    print(
        f"full analysis:     {words / full_best:10,.0f} words/s  ({full_best:.2f} s, "
        f"{found} attributions)"
    )
    print(f"ratio full/bare:   {bare_best / full_best:10.2f}  (target >= 0.70)")


if __name__ == "__main__":
    main()
