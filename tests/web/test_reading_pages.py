"""The three reading pages a new user met first, in real headless Chromium: an article leads
with its text and who said what and lists its claims with their text; ``/sources`` lists the
store's own sources, most-cited first and searchable, reading only what was traced; a claim
shows its versions."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import expect

from sourcetrace.ingest import IngestOptions, ingest
from sourcetrace.store import open_store
from sourcetrace.stories.service import update_stories
from tests.web.conftest import LiveServer, screenshot

#: The demo's most-cited source: five claims, credited by three outlets.
MOST_CITED = "a senior official briefed on the talks"
SEARCHED = "Ilse Marren"
UNTRACED_ARTICLE = """---
title: Ferry crews at Tollen Sound ask for new lifeboats
outlet: Sound Weekly
published: 2026-05-11
---

Ferry crews at Tollen Sound asked the port board for new lifeboats, their union said on Monday.

"Half of the boats are older than the crews," said deckhand Mira Solvang.
"""


@pytest.fixture(scope="module")
def article_path(http: httpx.Client, demo_story: dict) -> str:
    """The demo story's first article, which makes claims shared with other outlets."""
    dossier = http.get(f"/stories/{demo_story['id']}.json").json()
    return f"/articles/{dossier['articles'][0]['id']}"


@pytest.fixture(scope="module")
def untraced_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A store whose one story was assigned but never traced (``ingest`` without ``trace``)."""
    folder = tmp_path_factory.mktemp("untraced")
    (folder / "ferry.txt").write_text(UNTRACED_ARTICLE, encoding="utf-8")
    db = folder / "untraced.db"
    with open_store(db) as store:
        ingest([str(folder / "ferry.txt")], store, IngestOptions())
        update_stories(store)
    live = LiveServer(db)
    yield live
    live.close()


def test_article_page_lists_its_claims_with_their_text_not_bare_ids(
    page, console_errors, article_path
):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(article_path)
    claims = page.locator("section.article-claims ul.claims > li")
    assert 0 < claims.count() <= 15
    for link in claims.locator("a").all():
        expect(link).to_have_attribute("href", re.compile(r"^/claims/\d+\.\d+$"))
        assert len(link.inner_text().split()) >= 2  # the claim's words, not "1.4"
    bare_ids = page.get_by_role("link", name=re.compile(r"^\d+\.\d+$"))
    expect(bare_ids).to_have_count(0)
    screenshot(page, "article-page")
    assert console_errors == []


def test_article_page_leads_with_its_text_and_who_said_what(page, console_errors, article_path):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(article_path)
    expect(page.locator(".reading .text .att.content").first).to_be_in_viewport()
    who = page.locator("aside.who-said")
    expect(who.get_by_role("heading", name="Who said what")).to_be_in_viewport()
    first = who.locator("ol.attributions > li").first
    expect(first.locator(".speaker")).not_to_be_empty()
    expect(first.locator("q")).not_to_be_empty()  # the words credited to the speaker
    assert console_errors == []


def test_sources_page_lists_the_stores_sources_most_cited_first(page, console_errors, http):
    page.goto("/sources")
    rows = page.locator("table.sources tbody tr")
    expect(rows.first).to_be_visible()
    expect(rows.first.locator("td").first).to_contain_text(MOST_CITED)
    counts = [int(n) for n in rows.locator("td:nth-child(3)").all_inner_texts()]
    assert len(counts) >= 10
    assert counts == sorted(counts, reverse=True)
    listed = http.get("/sources.json").json()
    assert [s["name"] for s in listed["sources"]] == [
        name.strip() for name in rows.locator("td:first-child a").all_inner_texts()
    ]
    assert [s["claims"] for s in listed["sources"]] == counts
    screenshot(page, "sources-page")
    assert console_errors == []


def test_sources_search_narrows_the_list_and_links_to_the_source(page, console_errors):
    page.goto("/sources")
    page.get_by_label("Search sources").fill("marren")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/sources?q=marren*")
    rows = page.locator("table.sources tbody tr")
    expect(rows).to_have_count(1)
    rows.get_by_role("link", name=SEARCHED).click()
    page.wait_for_url("**/sources?name=*")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Credited to {SEARCHED}")
    expect(page.locator("ul.credited > li")).to_have_count(4)
    assert console_errors == []


def test_every_listed_source_has_a_page_crediting_it(http):
    for source in http.get("/sources.json").json()["sources"]:
        profile = http.get("/sources.json", params={"name": source["name"]}).json()
        assert profile["claims"], source["name"]


def test_sources_page_of_an_untraced_store_says_so_and_traces_nothing(
    browser, untraced_server: LiveServer
):
    context = browser.new_context(base_url=untraced_server.url)
    page = context.new_page()
    page.goto("/sources")
    expect(page.locator("#untraced")).to_contain_text("1 story is not traced yet")
    expect(page.locator("table.sources")).to_have_count(0)
    for demo_name in ("Ilse Marren", "Harbor Ledger"):
        expect(page.locator("main")).not_to_contain_text(demo_name)
    screenshot(page, "sources-untraced")
    context.close()
    listed = httpx.get(f"{untraced_server.url}/sources.json").json()
    assert (listed["sources"], listed["untraced_stories"]) == ([], 1)
    with open_store(untraced_server.db) as store:
        assert list(store.traces()) == []


def test_claim_page_shows_its_versions_without_a_click(page, console_errors, http, demo_story):
    claim = http.get(f"/stories/{demo_story['id']}.json").json()["claims"][0]
    page.goto(f"/claims/{claim['id']}")
    versions = page.locator("details.versions tbody tr")
    expect(versions).to_have_count(len(claim["versions"]))
    for row in versions.all():
        expect(row).to_be_visible()
    screenshot(page, "claim-page")
    assert console_errors == []
