"""Shared fixtures: a real SQLite store, a real HTTP server on 127.0.0.1, and data paths."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sourcetrace.ingest import IngestOptions, IngestResult, ingest
from sourcetrace.store.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
PAGES = FIXTURES / "pages"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    with SQLiteStore(tmp_path / "test.db") as s:
        yield s


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding the bundled demo corpus, grouped into stories and analysed, built
    once per test session. Tests only read it: copy it before changing anything."""
    from sourcetrace.demo import corpus_dir
    from sourcetrace.pipeline import process

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with SQLiteStore(path) as s:
        ingest([str(corpus_dir())], s, IngestOptions())
        process(s)  # analyses every article, groups the stories and traces them
    return path


@pytest.fixture
def run_ingest(store: SQLiteStore):
    """Ingest with fast network settings; returns the IngestResult."""

    def run(*specs: str, **options) -> IngestResult:
        defaults = {"timeout": 2.0, "retries": 2, "backoff": 0.05}
        return ingest(list(specs), store, IngestOptions(**{**defaults, **options}))

    return run


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed articles are not here ({SEEDS} is absent)")
    return SEEDS


def expected(name: str) -> dict:
    return json.loads((PAGES / f"{name}.expected.json").read_text(encoding="utf-8"))


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0
    #: Statuses to answer first, one per request, before the normal answer (for retry tests).
    fail_first: list[int] = field(default_factory=list)
    redirect: str | None = None


class LocalServer:
    """A real HTTP server on 127.0.0.1; tests add routes and read what was requested."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append((self.path, dict(self.headers)))
                route = server.routes.get(self.path)
                if route is None:
                    self.send_error(404, "Not Found")
                    return
                if route.fail_first:
                    self.send_error(route.fail_first.pop(0))
                    return
                if route.delay:
                    time.sleep(route.delay)
                if route.redirect:
                    self.send_response(302)
                    self.send_header("Location", route.redirect)
                    self.end_headers()
                    return
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(route.body)

            def log_message(self, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()

    def add(self, path: str, body: bytes | str = b"", **kwargs) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(body=data, **kwargs)
        return self.base + path

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


@pytest.fixture
def http_server() -> Iterator[LocalServer]:
    server = LocalServer()
    yield server
    server.close()
