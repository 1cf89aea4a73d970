"""Main-text extraction of real pages against hand-made article bodies (``eval extraction``).

The corpus is the article extraction benchmark (Zyte/scrapinghub): ``ground-truth.json`` maps a
page id to ``{"articleBody", "url"}`` and ``html/<id>.html.gz`` is the page as fetched.

The benchmark's metric: texts are split into ``\\w+`` tokens and compared as word 4-gram
shingles with counts (a text of fewer than four tokens is one shingle). Each page's true
positives, false positives and false negatives are normalised to sum 1; precision is the mean
over pages where something was predicted, recall the mean over pages where something was true,
and a page where both are empty counts 1 for both. F1 is taken from the two means.

Three extractors are scored in the same run, on the same decoded text of each page:
``sourcetrace`` (the stored text, through the HTML reader and article builder that ``ingest``
uses), and plain ``trafilatura`` with its default settings and with ``favor_precision``.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import trafilatura

from sourcetrace.eval.clusters import f1
from sourcetrace.ingest.build import build_article
from sourcetrace.ingest.decode import declared_html_charset, decode
from sourcetrace.ingest.errors import ReadError
from sourcetrace.ingest.formats import ReadContext, read_html

Progress = Callable[[str], None]
SHINGLE = 4
#: A page counts as collapsed when sourcetrace scores below LOW while trafilatura scores above HIGH.
LOW, HIGH = 0.1, 0.8
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Counts:
    """One page's shingle true positives, false positives and false negatives (sum 1, or all 0)."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float | None:
        """None when nothing was predicted (the page is left out of the mean)."""
        if self.tp == self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """None when nothing was true (the page is left out of the mean)."""
        if self.tp == self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float:
        """The page's own F1, used to find pages where an extractor collapsed."""
        return f1(self.precision or 0.0, self.recall or 0.0)


def shingles(text: str, n: int = SHINGLE) -> Counter[str]:
    """Word n-gram shingles of ``text`` with their counts."""
    tokens = _TOKEN.findall(text or "")
    return Counter(
        " ".join(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens
    )


def page_counts(true: str, predicted: str) -> Counts:
    """Shingle matches of one page, normalised to sum 1."""
    gold, got = shingles(true), shingles(predicted)
    tp = sum((gold & got).values())
    fp = sum((got - gold).values())
    fn = sum((gold - got).values())
    total = tp + fp + fn
    return Counts(tp / total, fp / total, fn / total) if total else Counts(0.0, 0.0, 0.0)


def score(pages: list[Counts]) -> dict[str, float]:
    """Precision and recall as means over pages (see the module docstring), F1 from the two."""
    precisions = [p for c in pages if (p := c.precision) is not None]
    recalls = [r for c in pages if (r := c.recall) is not None]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    return {"precision": precision, "recall": recall, "f1": f1(precision, recall)}


def sourcetrace_text(html: str, url: str | None) -> str:
    """The text ``ingest`` stores for a page ("" when it stores none)."""
    try:
        for draft in read_html(html.encode("utf-8"), "page", ReadContext(), url, "utf-8"):
            return build_article(draft).text
    except ReadError:
        return ""
    return ""


def trafilatura_text(html: str, url: str | None, **options: Any) -> str:
    """Plain trafilatura with its own defaults, plus ``options``."""
    return trafilatura.extract(html, url=url, **options) or ""


EXTRACTORS: dict[str, Callable[[str, str | None], str]] = {
    "sourcetrace": sourcetrace_text,
    "trafilatura": trafilatura_text,
    "trafilatura-precision": lambda html, url: trafilatura_text(html, url, favor_precision=True),
}


def load_pages(folder: Path) -> list[tuple[str, str | None, str, str]]:
    """(page id, url, decoded HTML, true article body) of every page, in id order."""
    folder = Path(folder)
    truth_file = folder / "ground-truth.json"
    if not truth_file.is_file():
        raise FileNotFoundError(f"{truth_file} not found; give the extraction benchmark folder")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        path = folder / "html" / f"{page_id}.html.gz"
        if not path.is_file():
            raise FileNotFoundError(f"{path} not found: the ground truth names a missing page")
        data = gzip.decompress(path.read_bytes())
        html = decode(data, declared=declared_html_charset(data)).text
        entry = truth[page_id]
        pages.append((page_id, entry.get("url"), html, entry.get("articleBody") or ""))
    if not pages:
        raise ValueError(f"{truth_file} lists no pages")
    return pages


def evaluate_extraction(
    folder: Path, progress: Progress | None = None, extractors: tuple[str, ...] = tuple(EXTRACTORS)
) -> dict[str, Any]:
    """Figures of each extractor on the benchmark folder, and the pages where sourcetrace
    collapsed (scored below ``LOW`` while a trafilatura setting scored above ``HIGH``)."""
    pages = load_pages(folder)
    counts: dict[str, dict[str, Counts]] = {name: {} for name in extractors}
    for number, (page_id, url, html, true) in enumerate(pages, start=1):
        for name in extractors:
            counts[name][page_id] = page_counts(true, EXTRACTORS[name](html, url))
        if progress:
            progress(f"extracted {number}/{len(pages)} pages")
    collapsed = []
    if "sourcetrace" in counts:
        others = [name for name in counts if name != "sourcetrace"]
        for page_id, ours in counts["sourcetrace"].items():
            best = max((counts[name][page_id].f1 for name in others), default=0.0)
            if ours.f1 < LOW and best > HIGH:
                collapsed.append({"page": page_id, "sourcetrace": ours.f1, "trafilatura": best})
    return {
        "pages": len(pages),
        "scores": {name: score(list(by_page.values())) for name, by_page in counts.items()},
        "page_f1": {
            name: {page_id: c.f1 for page_id, c in by_page.items()}
            for name, by_page in counts.items()
        },
        "collapsed": collapsed,
    }
