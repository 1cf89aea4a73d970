"""The article page says when an article's language is not supported, and its JSON twin
carries the note with the analysis."""

from __future__ import annotations

import httpx

from sourcetrace.ingest import IngestOptions, ingest
from sourcetrace.pipeline import process
from sourcetrace.store import open_store
from tests.conftest import FIXTURES
from tests.web.conftest import LiveServer

NOTE = "not analysed: Ukrainian (uk) is not supported yet"


def test_article_page_shows_that_ukrainian_is_not_analysed(tmp_path):
    db = tmp_path / "uk.db"
    with open_store(db) as store:
        ingest([str(FIXTURES / "languages" / "uk-school.txt")], store, IngestOptions())
        process(store)
        [article] = store.articles()
    live = LiveServer(db)
    try:
        with httpx.Client(base_url=live.url, timeout=60) as client:
            page = client.get(f"/articles/{article.id}")
            twin = client.get(f"/articles/{article.id}.json").json()
    finally:
        live.close()
    assert page.status_code == 200
    assert f'<p class="notice language-note">{NOTE}</p>' in page.text
    assert "Its language was not analysed (see the note above)." in page.text
    assert twin["analysis"]["language"]["note"] == NOTE
    assert twin["analysis"]["attributions"] == twin["analysis"]["entities"] == []
