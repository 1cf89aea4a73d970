"""Other sites can neither write through the app nor read it. A request that writes must come
from the app's own pages (``Origin``, or ``Referer`` without it: same scheme, host and port)
and carry the form's token; a request for a host name the app does not serve gets 400, so a
page that DNS rebinding points at 127.0.0.1 reads nothing. Checked over HTTP and in real
headless Chromium, against an attacker's page served from another port of 127.0.0.1."""

from __future__ import annotations

import html
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import expect

from sourcetrace.store import open_store
from sourcetrace.web import create_app
from tests.web.conftest import LiveServer
from tests.web.test_ingest_form import ARTICLE

PORT = 8000
OWN = f"http://127.0.0.1:{PORT}"
EVIL = "http://evil.example"
PLANTED = "https://example.org/planted"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "site"


@pytest.fixture
def client(folder: Path) -> TestClient:
    app = create_app(folder / "app.db", port=PORT, allowed_hosts=["news.example.org"])
    return TestClient(app, base_url=OWN)


def _token(client: TestClient) -> str:
    return client.get("/ingest.json").json()["csrf_token"]


def _post(client: TestClient, headers: dict[str, str], token: str | None) -> httpx.Response:
    """An upload and a URL, which start a job wherever nothing stops them."""
    fields = {"files": ("planted.txt", ARTICLE.encode(), "text/plain"), "urls": (None, PLANTED)}
    if token is not None:
        fields["csrf_token"] = (None, token)
    return client.post("/ingest", files=fields, headers=headers, follow_redirects=False)


def _nothing_happened(client: TestClient, folder: Path) -> None:
    """No job, no file left in the upload folder, no article."""
    assert client.get("/ingest.json").json()["jobs"] == []
    uploads = folder / "app.db.uploads"
    assert not uploads.exists() or list(uploads.iterdir()) == []
    with open_store(folder / "app.db") as store:
        assert store.count() == 0


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": EVIL},
        {"Origin": "http://127.0.0.1:9999"},  # another port of the same machine
        {"Origin": "http://localhost:9999"},
        {"Origin": f"https://127.0.0.1:{PORT}"},  # another scheme
        {"Origin": "null"},  # what a page with Referrer-Policy no-referrer sends
        {"Referer": f"{EVIL}/prize.html"},
        {"Referer": "http://127.0.0.1:9999/prize.html"},
        {"Origin": EVIL, "Referer": f"{OWN}/ingest"},  # Origin is the one that counts
    ],
    ids=[
        "foreign-origin",
        "other-loopback-port",
        "other-localhost-port",
        "other-scheme",
        "null-origin",
        "foreign-referer",
        "other-port-referer",
        "foreign-origin-own-referer",
    ],
)
def test_a_post_from_another_site_starts_no_job(client, folder, headers):
    response = _post(client, headers, _token(client))
    assert response.status_code == 403
    sender = headers.get("Origin", headers.get("Referer"))
    assert response.text == (
        f"cross-site request refused: it came from {sender!r}, not from this server's own"
        " pages; use the form at /ingest on this server"
    )
    _nothing_happened(client, folder)


def test_a_post_for_a_foreign_host_starts_no_job(client, folder):
    headers = {"Host": "attacker.example", "Origin": "http://attacker.example"}
    response = _post(client, headers, _token(client))
    assert response.status_code == 400
    assert response.text.startswith(
        "this server does not answer to the host name 'attacker.example': open it as one of"
    )
    _nothing_happened(client, folder)


@pytest.mark.parametrize("token", [None, "", "a-guess", "x" * 43])
@pytest.mark.parametrize("headers", [{"Origin": OWN}, {}], ids=["own-origin", "no-origin"])
def test_a_post_without_the_forms_token_is_403_and_nothing_is_saved(client, folder, headers, token):
    response = _post(client, headers, token)
    assert response.status_code == 403
    assert "the form's security token is missing or out of date" in html.unescape(response.text)
    _nothing_happened(client, folder)


def test_a_token_works_only_for_the_app_that_made_it(folder, tmp_path):
    other = TestClient(create_app(tmp_path / "other.db"), base_url=OWN)
    client = TestClient(create_app(folder / "app.db"), base_url=OWN)
    assert _token(other) != _token(client)
    assert _post(client, {"Origin": OWN}, _token(other)).status_code == 403
    _nothing_happened(client, folder)


@pytest.mark.parametrize(
    ("host", "headers"),
    [
        (OWN, {"Origin": OWN}),
        (OWN, {"Referer": f"{OWN}/ingest"}),  # a browser that sends no Origin
        (OWN, {}),  # a program: no Origin, no Referer, the token still needed
        ("http://localhost:8000", {"Origin": "http://localhost:8000"}),
        ("http://[::1]:8000", {"Origin": "http://[::1]:8000"}),
        ("http://news.example.org", {"Origin": "http://news.example.org"}),
    ],
)
def test_the_apps_own_form_passes_the_checks(client, host, headers):
    # An empty form: it passes the origin and token checks and stops at the next one.
    token = _token(client)
    fields = {"urls": (None, ""), "csrf_token": (None, token)}
    response = client.post(f"{host}/ingest", files=fields, headers=headers)
    assert response.status_code == 400
    assert "choose a file to upload or paste a URL" in response.text


def test_every_method_that_writes_is_checked(client):
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        response = client.request(method, "/jobs/1", headers={"Origin": EVIL})
        assert response.status_code == 403, method


@pytest.mark.parametrize(
    "host",
    [
        "attacker.example",
        "attacker.example:8000",
        "127.0.0.1.attacker.example",
        "127.0.0.1:9999",  # a loopback name, but not the app's port
        "localhost:8001",
        "news.example.org.attacker.example",
        "127.0.0.1:8000/x",
        "",
    ],
)
def test_a_request_for_a_foreign_host_is_400(client, host):
    for path in ("/stories.json", "/ingest.json", "/static/site.css", "/"):
        response = client.get(path, headers={"Host": host})
        assert response.status_code == 400, path
        assert "this server does not answer to the host name" in response.text
        assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1:8000",
        "localhost:8000",
        "LOCALHOST:8000",
        "[::1]:8000",
        "news.example.org",
        "news.example.org:8443",
        "News.Example.org",
    ],
)
def test_the_hosts_the_app_serves_are_answered(client, host):
    assert client.get("/stories.json", headers={"Host": host}).status_code == 200


def test_without_a_known_port_loopback_names_are_answered_on_any_port(folder):
    client = TestClient(create_app(folder / "app.db"), base_url="http://127.0.0.1:5555")
    assert client.get("/stories.json").status_code == 200
    assert client.get("/stories.json", headers={"Host": "attacker.example"}).status_code == 400


def test_dns_rebinding_reads_nothing_from_the_running_server(server, http):
    """A foreign name pointed at 127.0.0.1 still sends its own Host."""
    assert http.get("/stories.json").status_code == 200
    rebound = http.get("/stories.json", headers={"Host": "attacker.example"})
    assert rebound.status_code == 400
    assert "stories" not in rebound.text


ATTACK_FORM = """<!doctype html>
<html><head><title>You won a prize</title>{meta}</head><body>
<form method="post" action="{target}/ingest" enctype="multipart/form-data">
<input name="csrf_token" value="a-guess">
<textarea name="urls">{planted}</textarea>
<input name="outlet" value="Attacker">
</form>
<script>document.forms[0].submit()</script>
</body></html>
"""
ATTACK_FETCH = """<!doctype html>
<html><head><title>You won a prize</title></head><body>
<script>
const form = new FormData();
form.append("files", new Blob([{article}], {{type: "text/plain"}}), "planted.txt");
form.append("urls", "{planted}");
fetch("{target}/ingest", {{method: "POST", mode: "no-cors", body: form}})
  .then(response => {{ document.body.dataset.result = response.type; }})
  .catch(error => {{ document.body.dataset.result = "error: " + error; }});
</script>
</body></html>
"""


class AttackerSite:
    """An attacker's pages, served on another free port of 127.0.0.1, aimed at ``target``."""

    def __init__(self, target: str) -> None:
        pages = {
            "/form": ATTACK_FORM.format(meta="", target=target, planted=PLANTED),
            "/form-no-referrer": ATTACK_FORM.format(
                meta='<meta name="referrer" content="no-referrer">',
                target=target,
                planted=PLANTED,
            ),
            "/fetch": ATTACK_FETCH.format(
                article=json.dumps(ARTICLE), target=target, planted=PLANTED
            ),
        }

        class Pages(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = pages.get(self.path, "").encode()
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Pages)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[LiveServer]:
    """The app over an empty store, so that any job or article is the attack's."""
    live = LiveServer(tmp_path / "fresh.db")
    yield live
    live.close()


@pytest.fixture
def attacker(fresh: LiveServer) -> Iterator[AttackerSite]:
    site = AttackerSite(fresh.url)
    yield site
    site.close()


def _jobs_and_articles(live: LiveServer) -> tuple[list, int]:
    jobs = httpx.get(f"{live.url}/ingest.json").json()["jobs"]
    with open_store(live.db) as store:
        return jobs, store.count()


@pytest.mark.parametrize("attack", ["form", "form-no-referrer"])
def test_a_cross_site_form_post_in_chromium_starts_no_job(browser, fresh, attacker, attack):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{attacker.url}/{attack}")
    page.wait_for_url(f"{fresh.url}/**")  # the form posted itself and the browser followed
    page.wait_for_load_state()
    assert _jobs_and_articles(fresh) == ([], 0)
    expect(page.locator("body")).to_contain_text("cross-site request refused")
    context.close()


def test_a_cross_site_fetch_in_chromium_starts_no_job(browser, fresh, attacker):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{attacker.url}/fetch")
    # no-cors: the answer is opaque whatever it is; what counts is what the server did.
    expect(page.locator("body")).to_have_attribute("data-result", "opaque")
    assert _jobs_and_articles(fresh) == ([], 0)
    context.close()


def test_the_apps_own_form_in_chromium_starts_a_job_after_an_attack(
    browser, fresh, attacker, tmp_path
):
    context = browser.new_context(base_url=fresh.url)
    page = context.new_page()
    page.goto(f"{attacker.url}/form")
    page.wait_for_url(f"{fresh.url}/**")
    upload = tmp_path / "brisk-bay.txt"
    upload.write_text(ARTICLE, encoding="utf-8")
    page.goto("/ingest")
    page.get_by_label("Files").set_input_files(str(upload))
    page.get_by_role("button", name="Ingest").click()
    page.wait_for_url("**/jobs/*")
    job = fresh.wait_for_job(page.url.removeprefix(fresh.url))
    assert (job["status"], job["added"], job["failed"]) == ("done", 1, 0), job
    jobs, articles = _jobs_and_articles(fresh)
    assert (len(jobs), articles) == (1, 1)
    context.close()
