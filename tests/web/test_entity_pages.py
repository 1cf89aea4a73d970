"""The source pages name the corpus entity a source is and every name the articles use."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.trace.two_stories import build
from tests.web.conftest import LiveServer


@pytest.fixture(scope="module")
def http(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    live = LiveServer(build(Path(tmp_path_factory.mktemp("entities")) / "two.db"))
    with httpx.Client(base_url=live.url, timeout=60) as client:
        yield client
    live.close()


def test_the_source_page_shows_the_entity_and_its_aliases(http):
    page = http.get("/sources", params={"name": "Trump"})
    assert page.status_code == 200
    assert '<section class="entity" data-entity="person:donald-trump">' in page.text
    assert "<h2>Donald Trump" in page.text
    assert "Also named: Donald Trump; Trump" in page.text
    twin = http.get("/sources.json", params={"name": "Trump"}).json()
    assert [e["id"] for e in twin["entities"]] == ["person:donald-trump"]
    assert twin["unidentified_stories"] == 0


def test_the_source_list_keys_a_person_by_entity_and_shows_the_other_names(http):
    page = http.get("/sources", params={"q": "trump"})
    assert page.text.count('data-entity="person:donald-trump"') == 1
    assert '<span class="aliases muted">also Trump</span>' in page.text
