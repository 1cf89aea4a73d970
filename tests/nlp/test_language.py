"""The language gate: an article stored in a language the analyser does not support is stored,
listed and searchable, but never analysed as English, on every path the analysis runs."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sourcetrace.cli import app
from sourcetrace.engine import InProcess
from sourcetrace.ingest import IngestOptions, ingest
from sourcetrace.nlp.analysis import analyse, analyse_many
from sourcetrace.nlp.settings import AnalysisSettings
from sourcetrace.pipeline import process
from sourcetrace.trace.service import stored_analyses
from tests.conftest import FIXTURES

LANGUAGES = FIXTURES / "languages"
FOREIGN = [
    ("ru-bridge.txt", "ru", "Russian", "Ольховку"),
    ("uk-school.txt", "uk", "Ukrainian", "Лисогірська"),
    ("fa-buses.txt", "fa", "Persian", "کوهسار"),
]
NOTHING = ("entities", "attributions", "claims", "sentences", "quantities", "times")


@pytest.fixture
def stored(store):
    """The fixture folder ingested into a real store: article by file name."""
    result = ingest([str(LANGUAGES)], store, IngestOptions())
    assert result.problems == []
    return {a.source.rsplit("/", 1)[-1]: a for a in store.articles()}


def _analyses(store, article) -> list[dict]:
    """The article's analysis by every path that computes one (and the one the pipeline
    stores)."""
    [outcome] = InProcess().analyse([article])
    process(store)
    return [
        analyse(article).to_dict(),
        next(analyse_many([article])).to_dict(),
        analyse(article.to_dict()).to_dict(),
        outcome.analysis,
        stored_analyses(store, [article], AnalysisSettings())[article.id],
    ]


@pytest.mark.parametrize(("name", "code", "language", "word"), FOREIGN)
def test_foreign_article_is_stored_and_searchable_but_not_analysed_as_english(
    store, stored, name, code, language, word
):
    article = stored[name]
    assert article.language == code
    assert [a.id for a in store.articles(search=word)] == [article.id]
    for analysis in _analyses(store, article):
        assert {key: analysis[key] for key in NOTHING} == {key: [] for key in NOTHING}
        assert analysis["text"] == article.text
        assert analysis["language"] == {
            "code": code,
            "name": language,
            "supported": False,
            "analysed": [],
            "note": f"not analysed: {language} ({code}) is not supported yet",
        }


def test_english_article_beside_them_is_analysed_as_before(store, stored):
    article = stored["en-bridge.txt"]
    assert article.language == "en"
    for analysis in _analyses(store, article):
        speakers = {a["speaker"] for a in analysis["attributions"]}
        assert {"Anna Kovale", "Northgate city council"} <= speakers
        assert analysis["claims"]
        assert analysis["language"]["note"] is None
        assert analysis["language"]["analysed"] == [[0, len(article.text)]]


def test_english_paragraph_in_a_russian_article_is_analysed_and_the_note_says_so(stored):
    article = stored["ru-statement-in-english.txt"]
    analysis = analyse(article).to_dict()
    [(start, end)] = analysis["language"]["analysed"]
    assert article.text[start:end].startswith('"The harbour will stay closed')
    assert analysis["language"]["note"] == (
        "not analysed: Russian (ru) is not supported yet; only its English paragraph was analysed"
    )
    [attribution] = analysis["attributions"]
    assert attribution["cue"]["text"] == "said"
    mentions = [m for e in analysis["entities"] for m in e["mentions"]]
    assert all(start <= m["start"] < m["end"] <= end for m in mentions)
    assert all(start <= s["start"] < s["end"] <= end for s in analysis["sentences"])


def test_article_command_says_russian_is_not_supported(tmp_path):
    db = str(tmp_path / "l.db")
    runner = CliRunner()
    path = str(LANGUAGES / "ru-bridge.txt")
    assert runner.invoke(app, ["ingest", path, "--db", db, "-q"]).exit_code == 0
    [listed] = json.loads(runner.invoke(app, ["articles", "--db", db, "--json"]).stdout)
    shown = runner.invoke(app, ["article", listed["id"], "--db", db])
    assert shown.exit_code == 0
    lines = shown.stdout.splitlines()
    assert lines[1:2] + lines[4:5] == [
        "Language:  ru  [langid]",
        "Analysis:  not analysed: Russian (ru) is not supported yet",
    ]
    assert (
        lines[-1]
        == "Подрядчик заявил, что одна полоса движения на мосту будет открыта всё это время."
    )
    as_json = json.loads(runner.invoke(app, ["article", listed["id"], "--db", db, "--json"]).stdout)
    assert as_json["analysis"]["language"]["note"] == lines[4][11:]
    assert as_json["analysis"]["attributions"] == []


def test_title_is_classified_with_the_body_not_alone(tmp_path, store):
    record = {
        "title": "Northgate council votes to keep the harbour ferry running through the winter",
        "text": "Fares: 2 euros. Last boat: 21:00.",  # alone, py3langid reads Romanian
    }
    source = tmp_path / "brief.json"
    source.write_text(json.dumps(record), encoding="utf-8")
    ingest([str(source)], store, IngestOptions())
    [article] = store.articles()
    assert (article.language, article.field_sources["language"]) == ("en", "langid")


def test_page_declaring_english_whose_text_is_russian_is_stored_as_russian(tmp_path, store):
    body = (LANGUAGES / "ru-bridge.txt").read_text(encoding="utf-8").split("\n\n")[1:]
    page = tmp_path / "page.html"
    paragraphs = "".join(f"<p>{p}</p>" for p in body)
    page.write_text(
        f'<html lang="en"><head><title>Мост</title></head><body><article>{paragraphs}'
        "</article></body></html>",
        encoding="utf-8",
    )
    result = ingest([str(page)], store, IngestOptions())
    [article] = store.articles()
    assert (article.language, article.field_sources["language"]) == ("ru", "langid")
    assert [p.reason for p in result.problems] == [
        "the page says English (en) but its text is Russian (ru); kept ru"
    ]
