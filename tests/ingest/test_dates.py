"""Publication dates from page metadata: a placeholder such as 0001-01-01, a date before 1900 or
one more than a day ahead is rejected with a warning and the next source is tried, and no
date reaches analysis that it cannot handle."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from typer.testing import CliRunner

from sourcetrace.article import Article
from sourcetrace.cli import app
from sourcetrace.nlp.analysis import analyse

BODY = (
    "<p>The Northgate ferry will run through the winter, the harbour office said yesterday.</p>"
    "<p>Fares stay at two euros, and the last crossing leaves at nine in the evening.</p>"
)


def _page(tmp_path, *, json_ld: str | None = None, meta: str | None = None):
    head = "<title>Ferry keeps running</title>"
    if json_ld:
        head += (
            '<script type="application/ld+json">{"@type": "NewsArticle", '
            f'"headline": "Ferry keeps running", "datePublished": "{json_ld}"}}</script>'
        )
    if meta:
        head += f'<meta property="article:published_time" content="{meta}">'
    path = tmp_path / "ferry.html"
    path.write_text(f"<html lang='en'><head>{head}</head><body>{BODY}</body></html>")
    return path


def test_placeholder_date_is_dropped_with_a_warning_and_the_next_source_used(
    tmp_path, run_ingest, store
):
    result = run_ingest(str(_page(tmp_path, json_ld="0001-01-01", meta="2024-05-06")))
    [article] = store.articles()
    assert (article.published, article.field_sources["published"]) == ("2024-05-06", "meta")
    assert [(p.level, p.reason) for p in result.problems] == [
        ("warning", "ignored unreadable published '0001-01-01' from json-ld")
    ]


def test_page_whose_only_date_is_0001_01_01_is_stored_undated_and_analyses(tmp_path):
    db = str(tmp_path / "d.db")
    runner = CliRunner()
    ingested = runner.invoke(app, ["ingest", str(_page(tmp_path, meta="0001-01-01")), "--db", db])
    assert ingested.exit_code == 0, ingested.output
    assert "ignored unreadable published '0001-01-01' from meta" in ingested.output
    listed = runner.invoke(app, ["articles", "--db", db])
    article_id = listed.stdout.split()[0]
    assert listed.stdout.split()[1] == "-"  # no publication date
    shown = runner.invoke(app, ["article", article_id, "--db", db])
    assert shown.exit_code == 0, shown.output
    assert "Published:" not in shown.stdout
    assert "⟨said⟩" in shown.stdout


@pytest.mark.parametrize("published", ["0001-01-01", "0001-01-01T00:00:00", "9999-12-31"])
def test_article_already_stored_with_an_impossible_date_analyses_without_error(published):
    text = "The harbour office said yesterday that the ferry would run through next year."
    article = Article(id="a", text=text, paragraphs=[text], published=published, language="en")
    analysis = analyse(article).to_dict()
    assert [a["cue"]["text"] for a in analysis["attributions"]] == ["said"]


def _days_ahead(days: int) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).date().isoformat()


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("1899-12-31", None),
        ("1850-06-01T10:00:00Z", None),
        (_days_ahead(3), None),
        ("1900-01-01", "1900-01-01"),
        (_days_ahead(0), _days_ahead(0)),
        (_days_ahead(1), _days_ahead(1)),
    ],
)
def test_metadata_date_before_1900_or_more_than_a_day_ahead_is_rejected(
    tmp_path, run_ingest, store, given, kept
):
    result = run_ingest(str(_page(tmp_path, meta=given)))
    [article] = store.articles()
    if kept is None:  # a later source (trafilatura's own date finder) may still give one
        assert article.field_sources.get("published") != "meta"
        assert article.published != given
    else:
        assert (article.published, article.field_sources["published"]) == (kept, "meta")
    rejected = [f"ignored unreadable published {given!r} from meta"] if kept is None else []
    assert [p.reason for p in result.problems] == rejected
