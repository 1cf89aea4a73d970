"""Ingestion benchmark: synthetic news articles as .txt and .html, into a fresh SQLite store.

Run it from the repository root with ``make bench`` or
``.venv/bin/python bench/ingest.py --n 3000`` (``--formats txt,html`` picks the forms).
It prints figures only; it asserts nothing about speed. The random seed is fixed.
"""

import argparse
import html
import os
import platform
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from sourcetrace.ingest import IngestOptions, ingest
from sourcetrace.store.sqlite import SQLiteStore

SEED = 20240601
FIRST = ["Ana", "Boris", "Chidi", "Dana", "Elif", "Farid", "Greta", "Hiro", "Ines", "Kofi"]
LAST = ["Abara", "Brandt", "Costa", "Dubois", "Eriksen", "Fujita", "Garcia", "Haddad"]
PLACES = ["Ardmoor", "Belcastle", "Corvana", "Dunmere", "Eastholt", "Fennwick", "Galloway"]
BODIES = ["city council", "port authority", "health board", "transit agency", "water utility"]
THINGS = ["budget", "rail link", "housing plan", "school reform", "flood barrier", "tax rebate"]
VERBS = ["approved", "delayed", "rejected", "revised", "announced", "questioned"]
TEMPLATES = [
    "The {body} of {place} {verb} the {thing} on {day}, according to {name}.",
    "{name}, who has led the {body} since {year}, said the {thing} would cost {n} million.",
    "Critics in {place} argue that the {thing} ignores roughly {n} thousand residents.",
    "A spokesperson for the {body} declined to comment on the {thing} before {day}.",
    "Officials expect a final vote on the {thing} within {small} weeks, {name} told reporters.",
    "Figures released in {year} showed a {small} percent rise in complaints across {place}.",
    "{name} described the decision as {adj}, adding that talks with {name2} would continue.",
    "Residents gathered outside the {body} offices in {place} on {day} to protest the {thing}.",
    "The {thing} was first proposed in {year} and has been {verb} {small} times since then.",
    "Analysts at the {place} Institute put the long-term saving at {n} million over a decade.",
]
ADJS = ["overdue", "reckless", "pragmatic", "historic", "premature", "unavoidable"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {rng.choice(LAST)}"


def sentence(rng: random.Random) -> str:
    return rng.choice(TEMPLATES).format(
        body=rng.choice(BODIES), place=rng.choice(PLACES), verb=rng.choice(VERBS),
        thing=rng.choice(THINGS), day=rng.choice(DAYS), name=person(rng), name2=person(rng),
        year=rng.randint(1990, 2024), n=rng.randint(2, 9999), small=rng.randint(2, 40),
        adj=rng.choice(ADJS),
    )  # fmt: skip


def article(rng: random.Random, i: int) -> tuple[str, list[str]]:
    """A distinct title and 5-8 paragraphs of roughly 300-500 words in all."""
    title = f"{rng.choice(PLACES)} {rng.choice(BODIES)} {rng.choice(VERBS)} {rng.choice(THINGS)}"
    target, paragraphs, words = rng.randint(300, 500), [], 0
    count = rng.randint(5, 8)
    for k in range(count):
        para = [sentence(rng)]
        while words + len(" ".join(para).split()) < target * (k + 1) / count:
            para.append(sentence(rng))
        words += len(" ".join(para).split())
        paragraphs.append(" ".join(para))
    paragraphs[0] = f"{rng.choice(PLACES).upper()} (story {i}) - {paragraphs[0]}"
    return f"{title} ({i})", paragraphs


def as_txt(title: str, paragraphs: list[str], _: random.Random) -> str:
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def as_html(title: str, paragraphs: list[str], rng: random.Random) -> str:
    e = html.escape
    site = f"The {rng.choice(PLACES)} Courier"
    when = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:00:00Z"
    body = "\n".join(f"<p>{e(p)}</p>" for p in paragraphs)
    related = "".join(f'<li><a href="/story/{rng.randint(1, 10**6)}">{e(sentence(rng))}</a></li>'
                      for _ in range(4))  # fmt: skip
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{e(title)} | {e(site)}</title>
<meta property="og:site_name" content="{e(site)}">
<meta property="og:title" content="{e(title)}">
<meta property="article:published_time" content="{when}">
</head><body>
<nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/business">Business</a></nav>
<article><h1>{e(title)}</h1>
<p class="byline">By {e(person(rng))}</p>
{body}
</article>
<aside class="related-posts"><h2>Related</h2><ul>{related}</ul></aside>
<footer><p>&copy; 2024 {e(site)}. All rights reserved.</p></footer>
<div class="cookie-banner" id="cookie-consent">We use cookies to improve your experience.
<button>Accept all</button> <button>Manage settings</button></div>
</body></html>
"""


def generate(folder: Path, fmt: str, n: int) -> None:
    rng = random.Random(f"{SEED}-{fmt}")
    render = as_txt if fmt == "txt" else as_html
    folder.mkdir(parents=True)
    for i in range(n):
        title, paragraphs = article(rng, i)
        (folder / f"article-{i:06d}.{fmt}").write_text(render(title, paragraphs, rng), "utf-8")


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10  # bytes on macOS, else KiB


def run(tmp: Path, fmt: str, n: int) -> list[str]:
    folder, db = tmp / fmt, tmp / f"{fmt}.db"
    started = time.perf_counter()
    generate(folder, fmt, n)
    gen_s = time.perf_counter() - started
    options = IngestOptions(batch_size=200)
    with SQLiteStore(db) as store:
        first = ingest([str(folder)], store, options).summary
        again = ingest([str(folder)], store, options).summary
    size_mb = sum(p.stat().st_size for p in tmp.glob(f"{fmt}.db*")) / 2**20
    if first.added != n or again.duplicates != n or first.failed or again.failed:
        print(f"note: {fmt}: {first} / re-ingest: {again}")
    return [
        fmt, str(first.added), f"{gen_s:.2f}", f"{first.seconds:.2f}",
        f"{first.added / first.seconds:.0f}", f"{n / again.seconds:.0f}",
        f"{peak_rss_mb():.0f}", f"{size_mb:.1f}",
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3000, help="articles per format")
    parser.add_argument("--formats", default="txt,html", help="comma-separated: txt,html")
    args = parser.parse_args()
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    if unknown := set(formats) - {"txt", "html"}:
        parser.error(f"unknown formats: {', '.join(sorted(unknown))}")
    print(f"Python {platform.python_version()} | CPUs {os.cpu_count()} | n={args.n}")
    head = ["format", "articles", "gen s", "ingest s", "art/s", "re-ingest art/s", "peak RSS MB"]
    rows = [[*head, "db MB"]]
    with tempfile.TemporaryDirectory(prefix="sourcetrace-bench-") as tmp:
        rows += [run(Path(tmp), fmt, args.n) for fmt in formats]
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)))
    print("(peak RSS is the whole process's peak so far, so it never falls between rows)")


if __name__ == "__main__":
    main()
