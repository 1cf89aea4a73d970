"""Every input format, every way of naming inputs, and fetching over real HTTP."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sourcetrace.ingest import IngestOptions, ingest
from tests.conftest import PAGES

PARAGRAPH = (
    "The harbour authority said on Tuesday that the new crossing would carry up to 900 "
    "passengers a day, according to a statement from its chairwoman, Lotte Brink."
)


def page(title: str, body: str = PARAGRAPH, site: str = "Test Gazette") -> str:
    return (
        f"<html lang='en'><head><title>{title} | {site}</title>"
        f"<meta property='og:site_name' content='{site}'></head>"
        f"<body><nav>Home News Sport</nav><article><h1>{title}</h1>"
        f"<p>{body}</p><p>{body.replace('Tuesday', 'Wednesday')}</p></article>"
        "<footer>All rights reserved</footer></body></html>"
    )


def test_txt_front_matter_sets_metadata(tmp_path, run_ingest, store):
    f = tmp_path / "a.txt"
    f.write_text(
        "---\ntitle: Ferry deal signed\noutlet: Quay Post\nurl: https://quaypost.example/ferry\n"
        "published: 2026-02-01\nauthors: [Ann Vale, Bo Stark]\n---\n\n"
        f"{PARAGRAPH}\n\nSecond paragraph here.\n",
        encoding="utf-8",
    )
    run_ingest(str(f))
    [a] = store.articles()
    assert (a.title, a.outlet, a.published, a.authors) == (
        "Ferry deal signed",
        "Quay Post",
        "2026-02-01",
        ["Ann Vale", "Bo Stark"],
    )
    assert a.url == "https://quaypost.example/ferry"
    assert a.paragraphs == [PARAGRAPH, "Second paragraph here."]
    assert a.field_sources["title"] == "front-matter"


def test_txt_first_line_is_title_and_hard_wraps_are_joined(tmp_path, run_ingest, store):
    f = tmp_path / "b.txt"
    f.write_text("Ferry deal signed\n\nLine one of a\nwrapped paragraph.\n\nNext one.\n")
    run_ingest(str(f))
    [a] = store.articles()
    assert a.title == "Ferry deal signed"
    assert a.paragraphs == ["Line one of a wrapped paragraph.", "Next one."]


def test_a_one_line_txt_file_is_all_text_without_a_title(tmp_path, run_ingest, store):
    line = "Police in Corvane said on Monday that the harbour bridge will reopen in May."
    f = tmp_path / "brief.txt"
    f.write_text(line + "\n")
    result = run_ingest(str(f))
    assert result.summary.added == 1, result.problems
    (article,) = store.articles()
    assert article.title is None and article.text == line


def test_jsonl_records_with_field_mapping_and_unknown_fields(tmp_path, run_ingest, store):
    f = tmp_path / "feed.jsonl"
    rows = [
        {"id": "r1", "headline": "One", "body": PARAGRAPH, "date": "2026-01-02", "junk": [1]},
        {"id": "r2", "headline": "Two", "body": PARAGRAPH + " More.", "outlet": "Wire"},
    ]
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    result = run_ingest(str(f), field_map={"text": "body", "title": "headline"})
    assert result.summary.added == 2, result.problems
    got = {a.external_id: a for a in store.articles()}
    assert got["r1"].title == "One" and got["r1"].published == "2026-01-02"
    assert got["r2"].outlet == "Wire"
    assert "junk" not in json.dumps(got["r1"].to_dict())


def test_a_one_paragraph_text_that_is_its_own_title_is_kept(tmp_path, run_ingest, store):
    brief = "Wladimir Klitschko kept his heavyweight title after stopping Hasim Rahman."
    f = tmp_path / "brief.jsonl"
    f.write_text(json.dumps({"id": "b1", "title": brief, "text": brief}) + "\n")
    result = run_ingest(str(f))
    assert result.summary.added == 1, result.problems
    (article,) = store.articles()
    assert article.text == brief and article.title == brief


def test_json_list_and_html_field(tmp_path, run_ingest, store):
    f = tmp_path / "list.json"
    f.write_text(json.dumps([{"url": "https://a.example/x", "html": page("Harbour plan")}]))
    run_ingest(str(f))
    [a] = store.articles()
    assert a.title == "Harbour plan"
    assert a.outlet == "Test Gazette"
    assert a.paragraphs[0] == PARAGRAPH


def _warc(path: Path, records: list[tuple[str, str, bytes, str]], compress: bool) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=compress)
        for uri, status, body, ctype in records:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)
            record.raw_stream.close()  # warcio spools the payload and leaves it open


@pytest.mark.parametrize("compress", [False, True])
def test_warc_html_responses_become_articles(tmp_path, run_ingest, store, compress):
    f = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    _warc(
        f,
        [
            ("https://a.example/one", "200 OK", page("One").encode(), "text/html; charset=utf-8"),
            ("https://a.example/logo.png", "200 OK", b"\x89PNG....", "image/png"),
            ("https://a.example/gone", "404 Not Found", b"nope", "text/html"),
            ("https://a.example/two", "200 OK", page("Two").encode(), "text/html"),
        ],
        compress,
    )
    result = run_ingest(str(f))
    assert sorted(a.title for a in store.articles()) == ["One", "Two"]
    assert [p.reason for p in result.problems] == ["archived response is HTTP 404"]
    assert {a.url for a in store.articles()} == {"https://a.example/one", "https://a.example/two"}


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Test Gazette</title>
<item><title>One</title><link>{base}/one</link>
<pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate></item>
<item><title>Two</title><link>{base}/two</link></item>
<item><title>Gone</title><link>{base}/gone</link></item>
</channel></rss>"""


def test_rss_file_fetches_linked_pages(tmp_path, http_server, run_ingest, store):
    http_server.add("/one", page("One"))
    http_server.add("/two", page("Two"))
    f = tmp_path / "feed.rss"
    f.write_text(RSS.format(base=http_server.base))
    result = run_ingest(str(f), allow_private_urls=True)  # a feed file's links to loopback
    assert sorted(a.title for a in store.articles()) == ["One", "Two"]
    [problem] = result.problems
    assert problem.item == f"{http_server.base}/gone"
    assert "HTTP 404" in problem.reason
    one = next(a for a in store.articles() if a.title == "One")
    assert one.published.startswith("2026-03-03")


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Times</title>
<entry><title>A1</title><link href="{base}/a1"/><updated>2026-03-01T00:00:00Z</updated>
<id>urn:a1</id></entry></feed>"""


def test_atom_feed_url_is_fetched_then_its_links(http_server, run_ingest, store):
    http_server.add("/a1", page("A1", site="Atom Times"))
    url = http_server.add(
        "/feed.atom", ATOM.format(base=http_server.base), content_type="application/atom+xml"
    )
    result = run_ingest(url)
    assert result.summary.added == 1, result.problems
    [a] = store.articles()
    assert (a.title, a.outlet, a.url) == ("A1", "Atom Times", f"{http_server.base}/a1")


def test_url_follows_redirects_and_sends_user_agent(http_server, run_ingest, store):
    http_server.add("/final", page("Moved story"))
    url = http_server.add("/old", redirect="/final")
    run_ingest(url, user_agent="sourcetrace-test/1")
    [a] = store.articles()
    assert a.url == f"{http_server.base}/final"
    assert all(h.get("User-Agent") == "sourcetrace-test/1" for _, h in http_server.requests)


def test_url_retries_server_errors_with_backoff(http_server, run_ingest, store):
    url = http_server.add("/flaky", page("Flaky"), fail_first=[503])
    result = run_ingest(url, retries=3)
    assert result.summary.added == 1, result.problems
    assert [p for p, _ in http_server.requests] == ["/flaky", "/flaky"]


def test_stdin_is_read_and_sniffed(tmp_path, store):
    data = io.BytesIO(page("From stdin").encode())
    result = ingest(["-"], store, IngestOptions(), stdin=data)
    assert result.summary.added == 1
    [a] = store.articles()
    assert (a.title, a.format, a.source) == ("From stdin", "html", "-")


def test_folders_recurse_and_globs_expand(tmp_path, run_ingest, store):
    (tmp_path / "deep" / ".hidden").mkdir(parents=True)
    (tmp_path / "deep" / "x.txt").write_text(f"Deep one\n\n{PARAGRAPH}")
    (tmp_path / "deep" / ".hidden" / "y.txt").write_text(f"Hidden\n\n{PARAGRAPH}")
    (tmp_path / "deep" / "notes.csv").write_text("a,b")
    (tmp_path / "top.txt").write_text(f"Top one\n\n{PARAGRAPH} Top.")
    run_ingest(str(tmp_path / "deep"))
    assert [a.title for a in store.articles()] == ["Deep one"]
    run_ingest(str(tmp_path / "*.txt"))
    assert sorted(a.title for a in store.articles()) == ["Deep one", "Top one"]


def test_gzip_warc_is_sniffed_without_extension(tmp_path, run_ingest, store):
    f = tmp_path / "crawl.warc.gz"
    _warc(f, [("https://a.example/z", "200 OK", page("Zed").encode(), "text/html")], True)
    odd = tmp_path / "crawl.bin"
    odd.write_bytes(f.read_bytes())
    assert gzip.decompress(odd.read_bytes()).startswith(b"WARC/")
    run_ingest(str(odd))
    assert [a.title for a in store.articles()] == ["Zed"]


def test_html_fixture_raw_bytes_are_kept_for_re_extraction(run_ingest, store):
    run_ingest(str(PAGES / "semantic.html"))
    [a] = store.articles()
    full = store.get(a.id, with_raw=True)
    assert full.raw == (PAGES / "semantic.html").read_bytes()
    assert full.raw_type == "text/html"


@pytest.mark.parametrize(
    "name", ["published", "published_at", "publishedAt", "pubdate", "datePublished"]
)
def test_a_json_records_publication_date_is_read_under_its_common_names(
    tmp_path, run_ingest, store, name
):
    f = tmp_path / "dated.jsonl"
    f.write_text(json.dumps({"text": PARAGRAPH, name: "2026-02-03"}) + "\n", encoding="utf-8")
    result = run_ingest(str(f))
    [a] = store.articles()
    assert a.published == "2026-02-03"
    assert result.problems == []


def test_a_json_records_own_date_comes_before_its_aliases_and_field_names_the_one(
    tmp_path, run_ingest, store
):
    f = tmp_path / "two.json"
    record = {"text": PARAGRAPH, "date": "2026-02-04", "published": "2026-01-01"}
    f.write_text(json.dumps(record), encoding="utf-8")
    run_ingest(str(f))
    assert [a.published for a in store.articles()] == ["2026-02-04"]
    g = tmp_path / "mapped.json"
    g.write_text(json.dumps({**record, "text": PARAGRAPH + " More."}), encoding="utf-8")
    result = run_ingest(str(g), field_map={"date": "published"})
    assert sorted(a.published for a in store.articles()) == ["2026-01-01", "2026-02-04"]
    [warning] = result.problems  # mapped to "published", "date" is a field not read
    assert warning.reason.startswith("fields not read: 'date';")


def test_fields_not_read_are_one_warning_per_file_and_the_records_still_go_in(
    tmp_path, run_ingest, store
):
    f = tmp_path / "extra.jsonl"
    lines = [
        {"text": PARAGRAPH, "summary": "s", "tags": ["a"]},
        {"text": PARAGRAPH + " Again.", "summary": "t"},
        {"title": "no text here", "body": "x"},  # not read: its own problem names its fields
    ]
    f.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = run_ingest(str(f))
    assert store.count() == 2
    warnings = [p for p in result.problems if p.level == "warning"]
    assert [(p.item, p.reason) for p in warnings] == [
        (
            str(f),
            "fields not read: 'summary' (2 of 3 records), 'tags' (1 of 3 records); read one as"
            " ours with --field OURS=THEIRS, OURS one of id, url, title, text, html, date,"
            " modified, outlet, authors, language (e.g. --field date=when)",
        )
    ]
    assert [p.level for p in result.problems].count("error") == 1
