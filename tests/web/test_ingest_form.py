"""Ingest through the web app: uploads land only in the upload folder under generated names,
size limits hold, only http(s) URLs are taken, and the job reports what it did."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from sourcetrace.store import open_store
from sourcetrace.web import create_app
from sourcetrace.web.uploads import saved_name

ARTICLE = """---
title: Lighthouse keepers at Brisk Bay vote to strike
outlet: Coastline Courier
published: 2026-04-02
---

Lighthouse keepers at Brisk Bay voted on Wednesday to strike over night-shift pay, their union said.

"We keep the lights on for everyone, and we ask for a fair wage," said steward Orla Fenwick.
"""


#: The app's own origin as the test client reaches it (a loopback name the app answers).
OWN = "http://127.0.0.1"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "site"


@pytest.fixture
def client(folder: Path) -> TestClient:
    return TestClient(create_app(folder / "app.db", max_upload_bytes=50_000), base_url=OWN)


def send_form(client: TestClient, files: dict, **kwargs) -> httpx.Response:
    """POST /ingest as the app's own form does: with its token (read from the form's JSON
    twin) and the app's own ``Origin``."""
    token = client.get("/ingest.json").json()["csrf_token"]
    fields = {**files, "csrf_token": (None, token)}
    return client.post("/ingest", files=fields, headers={"Origin": OWN}, **kwargs)


def _finish(client: TestClient, location: str) -> dict:
    deadline = time.monotonic() + 60
    while (job := client.get(f"{location}.json").json())["running"]:
        assert time.monotonic() < deadline, job
        time.sleep(0.1)
    return job


def test_upload_is_saved_under_a_generated_name_in_the_upload_folder_only(client, folder):
    files = {"files": ("../../escape/brisk bay.txt", ARTICLE.encode(), "text/plain")}
    response = send_form(client, files, follow_redirects=False)
    assert response.status_code == 303
    job = _finish(client, response.headers["location"])
    assert (job["status"], job["added"], job["failed"]) == ("done", 1, 0)
    assert job["inputs"] == ["../../escape/brisk bay.txt"]
    assert job["new_stories"] == 1
    with open_store(folder / "app.db") as store:
        (article,) = store.articles()
    source = Path(article.source)
    assert source.name == "001.txt"
    assert source.parent.parent == folder / "app.db.uploads"
    assert article.title == "Lighthouse keepers at Brisk Bay vote to strike"
    # The job's files are gone once it ends (the store keeps the bytes); nothing else was made.
    assert list((folder / "app.db.uploads").iterdir()) == []
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith("app.db-")) == [
        "app.db",
        "app.db.uploads",
    ]


def test_upload_over_the_limit_is_413_and_leaves_no_file(client, folder):
    big = ("big.txt", b"x" * 60_000, "text/plain")
    response = send_form(client, {"files": big}, follow_redirects=False)
    assert response.status_code == 413
    assert "50,000 bytes" in response.text
    uploads = folder / "app.db.uploads"
    assert not uploads.exists() or list(uploads.iterdir()) == []


@pytest.mark.parametrize("urls", ["file:///etc/passwd", "/etc/passwd", "javascript:alert(1)"])
def test_only_http_urls_are_ingested(client, urls):
    response = send_form(client, {"urls": (None, urls)}, follow_redirects=False)
    assert response.status_code == 400
    assert "only http(s) URLs can be ingested" in response.text
    assert client.get("/ingest.json").json()["jobs"] == []


def test_a_form_with_nothing_to_ingest_is_400(client):
    response = send_form(
        client, {"files": ("", b"", "application/octet-stream"), "urls": (None, " \n")}
    )
    assert response.status_code == 400
    assert "choose a file" in response.text


def test_a_request_that_is_not_a_multipart_form_is_400(client):
    response = client.post(
        "/ingest", data={"urls": "https://example.org/a"}, headers={"Origin": OWN}
    )
    assert response.status_code == 400
    assert "multipart/form-data" in response.text


@pytest.mark.parametrize(
    ("client_name", "saved"),
    [
        ("../../etc/passwd", "007"),
        ("C:\\Users\\me\\Story.HTML", "007.html"),
        ("crawl.warc.gz", "007.warc.gz"),
        ("feed.rss", "007.rss"),
        ("run.sh", "007"),
        ('"><img src=x>.txt', "007.txt"),
    ],
)
def test_saved_names_keep_only_a_known_extension(client_name, saved):
    assert saved_name(7, client_name) == saved


def test_a_job_traces_the_stories_that_gained_articles_so_their_pages_need_no_work(client, folder):
    from sourcetrace.nlp.settings import AnalysisSettings
    from sourcetrace.stories.service import story_summaries
    from sourcetrace.trace.service import trace_fingerprint

    files = {"files": ("brisk.txt", ARTICLE.encode(), "text/plain")}
    job = _finish(client, send_form(client, files).url.path)
    assert (job["status"], job["to_trace"], job["traced"], job["warnings"]) == ("done", 1, 1, 0)
    with open_store(folder / "app.db") as store:
        (story,) = story_summaries(store)
        articles = [store.get(a["id"]) for a in story.articles]
        fingerprint = trace_fingerprint(story.id, articles, AnalysisSettings())
        assert store.trace(story.id, fingerprint) is not None
    page = client.get(f"/jobs/{job['id']}")
    assert page.status_code == 200 and "1 new story, 1 traced" in page.text
