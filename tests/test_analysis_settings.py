"""The analysis settings reach every path that analyses, and are part of the stored version:
a loaded-terms file set in the environment shows in stored analyses and on the web pages, and
changing it makes the stored analyses stale."""

from __future__ import annotations

import json
import pickle
import sqlite3
import zlib
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from sourcetrace.cli import app
from sourcetrace.nlp.analysis import ANALYSER_VERSION
from sourcetrace.store import open_store
from tests.web.conftest import LiveServer

runner = CliRunner()
ARTICLE = """---
title: Harbour works to resume at Pellmouth
outlet: The Quay Courier
published: 2026-04-02
---
Work on the Pellmouth harbour wall will resume next week, the port authority said on Monday.

The authority's director, Ines Varga, said the contractor had fixed the flaws inspectors found.
"""


def _stored_terms(db: Path) -> dict[str, list[str]]:
    """The loaded terms of each analysis stored for the article's current text, by analyser
    version (read from the table itself, as any reader of the store would)."""
    with open_store(db) as store:
        [article] = store.articles()
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT version, data FROM analyses WHERE article_id=? AND content_hash=?",
            (article.id, article.content_hash),
        ).fetchall()
    return {
        version: [t["text"] for t in json.loads(zlib.decompress(data))["loaded_terms"]]
        for version, data in rows
    }


def _page_terms(db: Path) -> list[str]:
    """The loaded terms the article's web page (its JSON twin) shows."""
    server = LiveServer(db)
    try:
        with open_store(db) as store:
            [article] = store.articles()
        data = httpx.get(f"{server.url}/articles/{article.id}.json", timeout=60).json()
    finally:
        server.close()
    return [t["text"] for t in data["analysis"]["loaded_terms"]]


def test_loaded_terms_setting_reaches_stored_analyses_and_pages_and_makes_them_stale(
    tmp_path, monkeypatch
):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "harbour.txt").write_text(ARTICLE, encoding="utf-8")
    lexicon = tmp_path / "terms.txt"
    lexicon.write_text("harbour wall\tdesk term\n", encoding="utf-8")
    monkeypatch.setenv("SOURCETRACE_LOADED_TERMS", str(lexicon))
    db = str(tmp_path / "st.db")

    def write_path() -> None:
        for command in (
            ["ingest", str(tmp_path / "in"), "--db", db, "--quiet"],
            ["analyze", "--db", db, "--engine", "inprocess", "--quiet"],
            ["trace", "--db", db],
        ):
            result = runner.invoke(app, command)
            assert result.exit_code == 0, result.output

    write_path()
    first = _stored_terms(Path(db))
    [version] = [v for v, terms in first.items() if terms == ["harbour wall"]]
    assert version.startswith(f"{ANALYSER_VERSION}+lex:")
    assert _page_terms(Path(db)) == ["harbour wall"]

    lexicon.write_text("flaws\tdesk term\n", encoding="utf-8")
    write_path()
    second = _stored_terms(Path(db))
    [changed] = [v for v, terms in second.items() if terms == ["flaws"]]
    assert changed != version  # the old analysis is stale: the new settings made a new one
    assert _page_terms(Path(db)) == ["flaws"]


def test_a_missing_loaded_terms_file_is_one_line_and_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCETRACE_LOADED_TERMS", str(tmp_path / "nowhere.txt"))
    result = runner.invoke(app, ["analyze", "--db", str(tmp_path / "st.db")])
    assert result.exit_code == 2
    assert "loaded_terms file" in result.output and "nowhere.txt" in result.output


@pytest.mark.parametrize("terms", [(), (("harbour wall", "desk term"),)])
def test_analysis_settings_survive_pickling_for_pool_and_ray_workers(terms):
    from sourcetrace.nlp.settings import AnalysisSettings

    settings = AnalysisSettings(loaded_terms=terms)
    assert pickle.loads(pickle.dumps(settings)) == settings
