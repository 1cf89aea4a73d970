"""Bad input: one clear line and an errors row per item, and the run goes on."""

from __future__ import annotations

import json
import os
import socket

import pytest

from tests.conftest import PAGES

GOOD = "Good article\n\nThe council said the bridge would reopen in May, officials confirmed."


def _run_with_good(tmp_path, run_ingest, store, *bad: str, **options):
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    result = run_ingest(*bad, str(good), **options)
    assert [a.title for a in store.articles()] == ["Good article"], "the good item was lost"
    assert store.problems(result.run_id) == [p for p in result.problems]
    return result


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.html", b"  \n\t\n", "empty file"),
        ("binary.txt", bytes(range(256)) * 8, "binary data, not text"),
        ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64, "binary data"),
        ("nav-only.html", b"<html><body><nav></nav></body></html>", "no article text"),
        ("bad.json", b'{"title": "x", "text": ', "invalid JSON"),
        ("nofield.json", b'{"title": "x", "body": "y"}', "use --field text=NAME"),
        ("bad-front.txt", b"---\ntitle: [unclosed\n---\nbody\n", "front matter is not valid YAML"),
        ("notwarc.warc", b"this is not an archive at all", "not a readable WARC file"),
        ("notfeed.rss", b"<rss><channel></channel></rss>", "the feed has no entries"),
    ],
)
def test_bad_file_is_reported_and_run_goes_on(tmp_path, run_ingest, store, name, content, reason):
    bad = tmp_path / name
    bad.write_bytes(content)
    result = _run_with_good(tmp_path, run_ingest, store, str(bad))
    [problem] = result.problems
    assert problem.level == "error"
    assert reason in problem.reason
    assert "\n" not in str(problem)
    assert result.summary.failed == 1 and result.exit_code == 1


def test_malformed_jsonl_lines_are_reported_by_line(tmp_path, run_ingest, store):
    f = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps({"id": "1", "title": "First", "text": "The port reopened on Monday."}),
        '{"id": "2", "title": "Broken", "text": "unterminated',
        "[1, 2, 3]",
        json.dumps({"id": "4", "title": "Fourth", "text": "The ferry sailed on Friday."}),
    ]
    f.write_text("\n".join(lines))
    result = run_ingest(str(f))
    assert sorted(a.title for a in store.articles()) == ["First", "Fourth"]
    items = [p.item.rsplit("#", 1)[1] for p in result.problems]
    assert items == ["L2", "L3"]
    assert "invalid JSON" in result.problems[0].reason
    assert "expected a JSON object" in result.problems[1].reason


def test_file_over_size_cap_is_refused(tmp_path, run_ingest, store):
    big = tmp_path / "big.txt"
    big.write_text("Big\n\n" + "word " * 5000)
    result = _run_with_good(tmp_path, run_ingest, store, str(big), max_bytes=10_000)
    [problem] = result.problems
    assert "size cap (raise it with --max-bytes)" in problem.reason


@pytest.mark.parametrize("kind", ["missing", "broken-link", "no-match-glob", "unreadable"])
def test_unreadable_paths_are_reported(tmp_path, run_ingest, store, kind):
    if kind == "missing":
        spec, reason = str(tmp_path / "nope.txt"), "no such file or folder"
    elif kind == "broken-link":
        link = tmp_path / "link.txt"
        link.symlink_to(tmp_path / "gone.txt")
        spec, reason = str(link), "broken symbolic link"
    elif kind == "no-match-glob":
        spec, reason = str(tmp_path / "*.nothing"), "the pattern matches no files"
    else:
        if os.geteuid() == 0:
            pytest.skip("root can read files without read permission")
        locked = tmp_path / "locked.txt"
        locked.write_text(GOOD)
        locked.chmod(0)
        spec, reason = str(locked), "cannot read: Permission denied"
    result = _run_with_good(tmp_path, run_ingest, store, spec)
    [problem] = result.problems
    assert problem.item == spec
    assert problem.reason == reason


def test_mixed_encodings_are_salvaged_with_a_warning(tmp_path, run_ingest, store):
    f = tmp_path / "mixed.txt"
    f.write_bytes(
        "Café opens\n\nThe café in Vaudrec opened on Monday.\n\n".encode()
        + "Prices are 3€ for a coffee, the owner said.\n".encode("cp1252")
    )
    result = run_ingest(str(f))
    [a] = store.articles()
    assert a.paragraphs == [
        "The café in Vaudrec opened on Monday.",
        "Prices are 3€ for a coffee, the owner said.",
    ]
    assert a.encoding == "utf-8+cp1252"
    [warning] = result.problems
    assert warning.level == "warning" and "mixed encodings" in warning.reason
    assert result.exit_code == 0


def test_truncated_html_keeps_what_arrived_with_a_warning(run_ingest, store):
    result = run_ingest(str(PAGES / "truncated.html"))
    assert result.summary.added == 1
    [warning] = result.problems
    assert warning.level == "warning" and "truncated" in warning.reason


def test_bogus_declared_charset_falls_back_to_detection(tmp_path, run_ingest, store):
    f = tmp_path / "odd.html"
    body = "<p>Le café de la gare rouvre lundi, a annoncé la mairie dans un communiqué.</p>"
    f.write_bytes(
        f"<html><head><meta charset='no-such-charset'></head><body>{body}</body></html>".encode(
            "cp1252"
        )
    )
    result = run_ingest(str(f))
    assert result.summary.added == 1, result.problems
    assert "café" in store.articles()[0].text


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        ({"status": 404, "body": b"missing"}, "HTTP 404"),
        ({"fail_first": [500, 500, 500]}, "HTTP 500"),
        ({"delay": 1.5}, "timed out after 0.5 s (2 attempts)"),
        ({"body": b"x" * 50_000}, "size cap"),
    ],
)
def test_http_failures_are_reported(tmp_path, http_server, run_ingest, store, route, reason):
    url = http_server.add("/page", **route)
    result = _run_with_good(tmp_path, run_ingest, store, url, timeout=0.5, max_bytes=20_000)
    [problem] = result.problems
    assert problem.item == url
    assert reason in problem.reason


def test_unreachable_host_is_reported(tmp_path, run_ingest, store):
    url = f"http://127.0.0.1:{_closed_port()}/story"
    result = _run_with_good(tmp_path, run_ingest, store, url)
    [problem] = result.problems
    assert problem.reason.startswith("cannot connect") and "(2 attempts)" in problem.reason
