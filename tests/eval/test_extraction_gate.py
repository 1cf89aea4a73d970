"""Gold-corpus gate for main-text extraction: on the extraction benchmark the stored text must
score an F1 at least that of plain trafilatura with ``favor_precision`` measured in the same run,
not fall below the pinned figure (``extraction_floor.json``), and never collapse on a page that
trafilatura gets right. Skips when the corpus is absent; the metric's own tests always run."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sourcetrace.cli import app
from sourcetrace.eval.extraction import HIGH, LOW, evaluate_extraction, page_counts, score
from tests.conftest import SHARED

PAGES = SHARED / "data" / "extraction"
FLOOR = json.loads(Path(__file__).with_name("extraction_floor.json").read_text(encoding="utf-8"))

needs_pages = pytest.mark.skipif(
    not (PAGES / "ground-truth.json").is_file(), reason="../shared/data/extraction not present"
)


@pytest.fixture(scope="module")
def figures():
    return evaluate_extraction(PAGES)


@needs_pages
def test_stored_text_scores_at_least_trafilatura_favor_precision(figures):
    scores = figures["scores"]
    assert figures["pages"] == FLOOR["pages"]
    assert scores["sourcetrace"]["f1"] >= scores["trafilatura-precision"]["f1"], scores
    assert scores["sourcetrace"]["f1"] >= FLOOR["sourcetrace_f1"], scores


@needs_pages
def test_no_page_loses_its_article_where_trafilatura_finds_it(figures):
    assert figures["collapsed"] == [], f"below {LOW} while trafilatura scores above {HIGH}"


def test_page_counts_are_shingle_matches_normalised_to_one():
    # shingles "a b c d", "b c d e", "c d e f" against "a b c d", "b c d e", "c d e x"
    counts = page_counts("a b c d e f", "a b, c d e x")
    assert (counts.tp, counts.fp, counts.fn) == (0.5, 0.25, 0.25)
    assert counts.precision == counts.recall == pytest.approx(2 / 3)


def test_empty_pages_follow_the_benchmark_rules():
    nothing_found = page_counts("a b c d e", "")
    nothing_true = page_counts("", "a b")
    both_empty = page_counts("", "")
    assert (nothing_found.precision, nothing_found.recall) == (None, 0.0)
    assert (nothing_true.precision, nothing_true.recall) == (0.0, None)
    assert (both_empty.precision, both_empty.recall) == (1.0, 1.0)
    perfect = page_counts("a b c", "a b c")
    figures = score([nothing_found, nothing_true, perfect])
    assert figures == {"precision": 0.5, "recall": 0.5, "f1": 0.5}


def test_eval_extraction_command_scores_a_folder_of_pages(tmp_path):
    from tests.ingest.test_extraction import ARTICLE, _page

    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "ferry.html.gz").write_bytes(
        gzip.compress(_page("entry-content").encode("utf-8"))
    )
    truth = {"ferry": {"articleBody": "\n".join(ARTICLE), "url": "https://courier.example/f"}}
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "extraction", "--pages", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "extraction benchmark: 1 pages"
    assert [line.split()[0] for line in lines[2:5]] == [
        "sourcetrace",
        "trafilatura",
        "trafilatura-precision",
    ]
    assert lines[2].split()[1:] == ["1.000", "1.000", "1.000"]
    assert lines[5] == (
        "pages where sourcetrace scores below 0.1 while trafilatura scores above 0.8: 0"
    )


def test_eval_extraction_command_without_the_corpus_says_what_is_missing(tmp_path):
    result = CliRunner().invoke(app, ["eval", "extraction", "--pages", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Error: {tmp_path / 'ground-truth.json'} not found; give the extraction benchmark folder"
    )
