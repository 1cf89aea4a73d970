"""Server-side request forgery: links in feeds, and redirects to other hosts, reach only public
addresses; what the user typed may reach its own host wherever it is (issue 31, item 2)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.conftest import LocalServer
from tests.ingest.test_formats import page

HINT = "set SOURCETRACE_ALLOW_PRIVATE_URLS=1 to allow such addresses"


def _rss(*links: str) -> str:
    items = "".join(
        f"<item><title>Item {n}</title><link>{link}</link></item>" for n, link in enumerate(links)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'
    )


@pytest.fixture
def other_server() -> Iterator[LocalServer]:
    """A second server on 127.0.0.1, reached as ``localhost``: another host than the first."""
    server = LocalServer()
    server.base = server.base.replace("127.0.0.1", "localhost")
    yield server
    server.close()


def test_a_feed_file_link_to_loopback_is_not_fetched(tmp_path, http_server, run_ingest, store):
    secret = http_server.add("/secret", page("Secret"))
    feed = tmp_path / "feed.rss"
    feed.write_text(_rss(secret))
    result = run_ingest(str(feed))
    assert http_server.requests == []
    assert store.articles() == []
    [problem] = result.problems
    assert problem.item == secret
    assert problem.reason == (
        f"cannot fetch the linked page: refused: 127.0.0.1 is a loopback address; {HINT}"
    )


def test_a_feed_file_link_with_another_scheme_is_not_read(tmp_path, run_ingest, store):
    feed = tmp_path / "feed.rss"
    feed.write_text(_rss("file:///etc/passwd"))
    [problem] = run_ingest(str(feed)).problems
    assert problem.reason == (
        "cannot fetch the linked page: only http(s) URLs can be fetched, not file: URLs"
    )
    assert store.articles() == []


@pytest.mark.parametrize("typed", ["the page", "its feed"])
def test_a_redirect_to_a_private_address_on_another_host_is_refused(
    http_server, other_server, run_ingest, store, typed
):
    """The first hop is on the host the user typed, so it may be loopback; the redirect goes to
    another host (``localhost``), which must be public, and is refused before it connects."""
    other_server.add("/secret", page("Secret"))
    hop = http_server.add("/hop", redirect=f"{other_server.base}/secret")
    if typed == "its feed":
        url = http_server.add("/feed.rss", _rss(hop), content_type="application/rss+xml")
    else:
        url = hop
    result = run_ingest(url)
    assert "/hop" in [path for path, _ in http_server.requests]
    assert other_server.requests == []
    assert store.articles() == []
    [problem] = result.problems
    assert "refused: localhost is " in problem.reason
    assert problem.reason.endswith(f", a loopback address; {HINT}")


def test_a_typed_feed_fetches_its_same_host_links_only(
    http_server, other_server, run_ingest, store
):
    http_server.add("/one", page("One"))
    elsewhere = other_server.add("/two", page("Two"))
    feed = _rss(f"{http_server.base}/one", elsewhere)
    url = http_server.add("/feed.rss", feed, content_type="application/rss+xml")
    result = run_ingest(url)
    assert [a.title for a in store.articles()] == ["One"]
    assert other_server.requests == []
    [problem] = result.problems
    assert problem.item == elsewhere
    assert "refused: localhost is " in problem.reason


def test_allow_private_urls_lets_a_feed_file_reach_loopback(
    tmp_path, http_server, run_ingest, store
):
    feed = tmp_path / "feed.rss"
    feed.write_text(_rss(http_server.add("/one", page("One"))))
    result = run_ingest(str(feed), allow_private_urls=True)
    assert result.problems == []
    assert [a.title for a in store.articles()] == ["One"]


class KeepAliveServer:
    """A real HTTP/1.1 server on 127.0.0.1 that keeps connections open between requests;
    it counts the connections it accepted and the paths asked for."""

    def __init__(self, body: str) -> None:
        self.paths: list[str] = []
        self.connections = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                server.connections += 1
                super().setup()

            def do_GET(self) -> None:
                server.paths.append(self.path)
                data = body.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


def test_a_connection_to_a_typed_loopback_url_is_not_reused_by_a_feed_file_link(
    tmp_path, run_ingest, store
):
    """The typed URL leaves a kept-alive connection to 127.0.0.1 open; the feed file's link to
    the same server comes next and must be refused, not sent over that connection."""
    server = KeepAliveServer(page("One"))
    try:
        feed = tmp_path / "feed.rss"
        feed.write_text(_rss(f"{server.base}/secret"))
        result = run_ingest(f"{server.base}/one", f"{server.base}/two", str(feed))
        assert server.paths == ["/one", "/two"]
        assert server.connections == 1, "the server does not keep connections alive"
    finally:
        server.close()
    assert [p.reason for p in result.problems] == [
        f"cannot fetch the linked page: refused: 127.0.0.1 is a loopback address; {HINT}"
    ]
