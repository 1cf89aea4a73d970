"""The web app as a user meets it: a real uvicorn server on 127.0.0.1 over a real SQLite store
(the bundled demo corpus), and real headless Chromium (Debian's, never a downloaded one) driven
by Playwright. Building the store takes seconds, so server and browser live for the session."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from sourcetrace.demo import corpus_dir
from sourcetrace.ingest import IngestOptions, ingest
from sourcetrace.pipeline import process
from sourcetrace.store import open_store
from sourcetrace.web import create_app
from tests.conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class LiveServer:
    """The app served by uvicorn in a thread, on a free port of 127.0.0.1."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        port = self._socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        config = uvicorn.Config(
            create_app(db, port=port), log_level="warning", ws="none", lifespan="off"
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + 15
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the web app did not start")
            time.sleep(0.05)

    def wait_for_job(self, location: str, timeout: float = 60) -> dict:
        """Poll a job's JSON twin until it ends; returns it."""
        deadline = time.monotonic() + timeout
        with httpx.Client(base_url=self.url) as client:
            while True:
                job = client.get(f"{location}.json").json()
                if not job["running"] or time.monotonic() > deadline:
                    return job
                time.sleep(0.2)

    def close(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._socket.close()


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the demo corpus, analysed, its stories assigned and traced (as
    ``sourcetrace ingest`` leaves it)."""
    db = tmp_path_factory.mktemp("web") / "web.db"
    with open_store(db) as store:
        ingest([str(corpus_dir())], store, IngestOptions())
        process(store)
    return db


@pytest.fixture(scope="session")
def server(web_db: Path) -> Iterator[LiveServer]:
    live = LiveServer(web_db)
    yield live
    live.close()


@pytest.fixture(scope="session")
def http(server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=60) as client:
        yield client


@pytest.fixture(scope="session")
def demo_story(http: httpx.Client) -> dict:
    """The demo's main story (the largest) as listed by /stories.json."""
    return http.get("/stories.json").json()["stories"][0]


@pytest.fixture(scope="session")
def browser() -> Iterator:
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("Debian chromium is not installed (apt-get install chromium; .ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server: LiveServer) -> Iterator:
    context = browser.new_context(base_url=server.url)
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()


@pytest.fixture
def console_errors(page) -> list[str]:
    """Errors the page reports: script errors and Content-Security-Policy violations."""
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def screenshot(page, name: str, *, full_page: bool = True) -> Path:
    """Save a screenshot in test-artifacts/ (CI keeps the folder)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def jsonl(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path
