"""Article text, titles, outlets, URLs and file names are untrusted. Markup, event handlers,
``javascript:`` URLs and SQL-looking strings ingested through the upload form must reach the
reader as text: checked in Chromium, where a slip would run, not only in the HTML string."""

from __future__ import annotations

import json
from urllib.parse import quote

import httpx
import pytest
from playwright.sync_api import expect

from sourcetrace.article import Article, article_id
from sourcetrace.store import open_store
from tests.web.conftest import LiveServer, screenshot

SCRIPT = "<script>window.__xss=1</script>"
IMG = '"><img src=x onerror="window.__xss=2">'
JS_URL = "javascript:window.__xss=3"
SQL = "'; DROP TABLE articles; --"
TITLE = f"{SCRIPT} Tessel Quay crane falls {SQL}"
FILE_NAME = '"><img src=x onerror="window.__xss=4">.jsonl'
HOSTILE = {
    "id": "tessel-quay-1",
    "url": JS_URL,
    "title": TITLE,
    "outlet": IMG,
    "authors": [f"{IMG} Desk"],
    "date": "2026-03-10",
    "text": (
        "The harbour crane at Tessel Quay collapsed on Tuesday, port officials said.\n\n"
        f'"{SCRIPT} We heard it fall from the other side of the basin," said dock worker Brann'
        f" Oterly. Someone had painted {IMG} on the crane's base.\n\n"
        f"According to the port authority, repairs will cost about $2 million {SQL} and the"
        f" quay will stay closed until May. Details were posted at {JS_URL} on Tuesday."
    ),
}
#: Written to the store directly, as a database filled by another tool might hold it: ingest
#: itself keeps only http(s) URLs, so this checks the pages' own link rule.
RAW_TEXT = "Ferry crews at Tessel Quay returned to work on Friday, the harbour master said."


def _inert(page, console_errors: list[str]) -> None:
    """Nothing injected ran or became markup: no script, image, handler or script link."""
    assert page.evaluate("window.__xss") is None
    assert page.locator("script, img, iframe, object, embed").count() == 0
    handlers = page.evaluate(
        "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes])"
        ".filter(a => a.name.startsWith('on')).map(a => a.name)"
    )
    assert handlers == []
    hrefs = page.evaluate("[...document.querySelectorAll('[href]')].map(e => e.href)")
    assert [h for h in hrefs if not h.startswith(("http://", "https://"))] == []
    assert console_errors == []


@pytest.fixture(scope="module")
def hostile(browser, server: LiveServer, http: httpx.Client) -> dict:
    """The hostile article uploaded through the form; ids of what it and a stored article
    with a ``javascript:`` URL became."""
    context = browser.new_context(base_url=server.url)
    page = context.new_page()
    page.goto("/ingest")
    payload = {
        "name": FILE_NAME,
        "mimeType": "application/json",
        "buffer": json.dumps(HOSTILE).encode(),
    }
    page.get_by_label("Files").set_input_files(files=[payload])
    page.get_by_role("button", name="Ingest").click()
    page.wait_for_url("**/jobs/*")
    job_page = page.url
    context.close()
    job = server.wait_for_job(job_page.removeprefix(server.url))
    assert (job["status"], job["added"], job["failed"]) == ("done", 1, 0), job
    with open_store(server.db) as store:
        run = store.start_run(["test: an article with a javascript: URL"])
        raw = Article(
            id=article_id(canonical_url=None, external_id="tessel-raw", text=RAW_TEXT),
            text=RAW_TEXT,
            paragraphs=[RAW_TEXT],
            title="Ferry crews back at Tessel Quay",
            url=JS_URL,
            outlet="Harbour Notes",
            external_id="tessel-raw",
        )
        store.save_batch(run, [raw], [])
        store.finish_run(run, 0.0)
    (story,) = http.get("/stories.json", params={"q": "crane Tessel"}).json()["stories"]
    dossier = http.get(f"/stories/{story['id']}.json").json()
    return {
        "job": job_page.removeprefix(server.url),
        "story": story["id"],
        "article": dossier["articles"][0]["id"],
        "claim": dossier["claims"][0]["id"],
        "raw_article": raw.id,
    }


def test_hostile_strings_are_stored_and_served_literally(http, server, hostile):
    (story,) = http.get("/stories.json", params={"q": "crane Tessel"}).json()["stories"]
    assert story["label"] == TITLE
    assert story["outlets"] == [IMG]
    article = http.get(f"/articles/{hostile['article']}.json").json()
    assert (article["title"], article["outlet"], article["url"]) == (TITLE, IMG, None)
    assert SQL in article["text"]
    with open_store(server.db) as store:
        assert store.count() >= 8  # the articles table is still there


@pytest.mark.parametrize(
    "where",
    ["job", "stories", "story", "article", "claim", "source", "raw_article", "search"],
)
def test_hostile_input_is_shown_as_text_in_the_browser(page, console_errors, hostile, where):
    url = {
        "job": hostile["job"],
        "stories": "/stories?sort=recent",
        "search": "/stories?q=" + quote(SQL),
        "story": f"/stories/{hostile['story']}",
        "article": f"/articles/{hostile['article']}",
        "claim": f"/claims/{hostile['claim']}",
        "source": "/sources?name=" + quote(SCRIPT),
        "raw_article": f"/articles/{hostile['raw_article']}",
    }[where]
    page.goto(url)
    body = page.locator("body")
    expected = {
        "job": [FILE_NAME.replace('"', "%22")],  # as browsers send a name with quotes
        "stories": [TITLE, IMG],
        "search": [],
        "story": [TITLE, IMG, SCRIPT, SQL],
        "article": [TITLE, IMG, SCRIPT, SQL, JS_URL],
        "claim": [],
        "source": [SCRIPT],
        "raw_article": [JS_URL],
    }[where]
    for text in expected:
        expect(body).to_contain_text(text)
    if where == "search":
        expect(page.get_by_label("Search")).to_have_value(SQL)
    _inert(page, console_errors)
    if where == "article":
        screenshot(page, "hostile-article")
