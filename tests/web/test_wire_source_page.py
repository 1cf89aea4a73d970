"""An agency's and an outlet's source pages show copied text: the outlets that run the
agency's copy, and an outlet's reprints of its own articles apart from copying."""

from __future__ import annotations

import re
from html import unescape

import httpx

from sourcetrace.ingest import IngestOptions, ingest
from sourcetrace.pipeline import process
from sourcetrace.store import open_store
from tests.trace.test_reuse_store import COPY, LEDGER
from tests.trace.test_wire_entities import FERRY
from tests.web.conftest import LiveServer


def _write(folder, name: str, outlet: str, day: str, paragraphs: list[str]) -> None:
    head = f"---\ntitle: {name}\noutlet: {outlet}\npublished: {day}\n---\n\n"
    (folder / f"{name}.txt").write_text(head + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


def test_the_source_pages_of_an_agency_and_of_an_outlet_reprinting_itself(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder, "post", "Daily Post", "2026-05-03", FERRY)
    _write(folder, "ledger", "The Harbor Ledger", "2026-04-01", LEDGER)
    _write(folder, "again", "The Harbor Ledger", "2026-04-08", COPY)
    db = tmp_path / "web.db"
    with open_store(db) as store:
        ingest([str(folder)], store, IngestOptions())
        process(store)
    server = LiveServer(db)
    try:
        with httpx.Client(base_url=server.url) as http:
            agency = http.get("/sources.json", params={"name": "AP"}).json()
            page = http.get("/sources", params={"name": "The Associated Press"}).text
            ledger = http.get("/sources", params={"name": "Harbor Ledger"}).text
    finally:
        server.close()
    assert agency["wire_copy"] == [{"outlet": "Daily Post", "articles": 1}]
    (entity,) = agency["entities"]  # the story's "AP" (its dateline), with the agency's names
    assert entity["kind"] == "outlet" and "The Associated Press" in entity["aliases"]
    text = unescape(re.sub(r"<[^>]+>|\s+", " ", page))
    assert "Its wire copy is run by" in text and "Daily Post 1 article" in re.sub(r"\s+", " ", text)
    words = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", ledger)))
    assert "The Harbor Ledger reprints its own earlier articles 1 time" in words
    assert "Reuses text of" not in words and "Text reused by" not in words
