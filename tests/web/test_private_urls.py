"""A web job may not fetch this machine or its private networks (server-side request forgery,
issue 31, item 2), unless ``allow_private_urls`` says so. The jobs are driven directly, with
the options the ingest form gives them, against real servers on 127.0.0.1, and once through
the form in real headless Chromium."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from sourcetrace.config import load_settings
from sourcetrace.ingest import IngestOptions, ingest
from sourcetrace.nlp.settings import AnalysisSettings
from sourcetrace.store import open_store
from sourcetrace.web.jobs import Job, Jobs
from tests.ingest.test_formats import page
from tests.web.conftest import LiveServer

REFUSED = (
    "refused: 127.0.0.1 is a loopback address;"
    " set SOURCETRACE_ALLOW_PRIVATE_URLS=1 to allow such addresses"
)


@pytest.fixture(autouse=True)
def no_user_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCETRACE_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.delenv("SOURCETRACE_ALLOW_PRIVATE_URLS", raising=False)


def _run_job(db: Path, specs: list[str], folder: Path | None = None) -> Job:
    jobs = Jobs(db, threading.Lock(), AnalysisSettings())
    job = jobs.start(specs, specs, IngestOptions.for_web_job(), folder)
    deadline = time.monotonic() + 60
    while job.running:
        assert time.monotonic() < deadline, job
        time.sleep(0.05)
    return job


def test_a_web_job_stores_nothing_from_a_loopback_url(tmp_path, http_server):
    secret = http_server.add("/secret", page("Secret"))
    job = _run_job(tmp_path / "app.db", [secret])
    assert (job.status, job.added, job.failed) == ("done", 0, 1)
    assert job.problems == [{"item": secret, "reason": REFUSED, "level": "error"}]
    assert http_server.requests == []
    with open_store(tmp_path / "app.db") as store:
        assert store.articles() == []


def test_a_web_job_does_not_follow_an_uploaded_feeds_link_to_loopback(tmp_path, http_server):
    secret = http_server.add("/secret", page("Secret"))
    folder = tmp_path / "upload"
    folder.mkdir()
    feed = folder / "1.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        f"<item><title>S</title><link>{secret}</link></item></channel></rss>"
    )
    job = _run_job(tmp_path / "app.db", [str(feed)], folder)
    assert (job.status, job.added, job.failed) == ("done", 0, 1)
    assert job.problems[0]["reason"] == f"cannot fetch the linked page: {REFUSED}"
    assert http_server.requests == []


def test_allow_private_urls_lets_a_web_job_fetch_loopback(tmp_path, http_server, monkeypatch):
    monkeypatch.setenv("SOURCETRACE_ALLOW_PRIVATE_URLS", "1")
    secret = http_server.add("/secret", page("Secret"))
    with open_store(tmp_path / "app.db") as store:
        result = ingest([secret], store, IngestOptions.for_web_job())
        assert result.problems == []
        assert [a.title for a in store.articles()] == ["Secret"]


@pytest.mark.parametrize(("raw", "value"), [("1", True), ("true", True), ("0", False), ("", False)])
def test_allow_private_urls_reads_the_environment_as_a_switch(monkeypatch, raw, value):
    monkeypatch.setenv("SOURCETRACE_ALLOW_PRIVATE_URLS", raw)
    assert load_settings()["allow_private_urls"] is value


def test_allow_private_urls_refuses_a_value_that_is_no_switch(monkeypatch):
    monkeypatch.setenv("SOURCETRACE_ALLOW_PRIVATE_URLS", "maybe")
    with pytest.raises(ValueError, match="SOURCETRACE_ALLOW_PRIVATE_URLS='maybe' is not 1 or 0"):
        load_settings()


def test_a_loopback_url_typed_into_the_form_in_chromium_stores_nothing(
    browser, tmp_path, http_server
):
    """The whole path a user takes: the URL typed into the real form in Chromium, the job
    page showing the refusal, the local server never asked, the store left empty."""
    secret = http_server.add("/secret", page("Secret"))
    live = LiveServer(tmp_path / "app.db")
    try:
        context = browser.new_context(base_url=live.url)
        tab = context.new_page()
        tab.goto("/ingest")
        tab.get_by_label("URLs, one a line").fill(secret)
        tab.get_by_role("button", name="Ingest").click()
        tab.wait_for_url("**/jobs/*")
        job = live.wait_for_job(tab.url.removeprefix(live.url))
        tab.reload()
        expect(tab.locator("#job-status")).to_have_attribute("data-status", "done")
        expect(tab.locator("ul.problems")).to_contain_text(f"error: {secret}: {REFUSED}")
        context.close()
    finally:
        live.close()
    assert (job["added"], job["failed"]) == (0, 1)
    assert http_server.requests == []
    with open_store(tmp_path / "app.db") as store:
        assert store.count() == 0
