"""Hostile files (issue 31): parsing is bounded, only regular files inside a walked folder are
read, a worse copy never replaces a stored article, and every reason is plain language."""

from __future__ import annotations

import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import uuid

import pytest

GOOD = "Good article\n\nThe council said the bridge would reopen in May, officials confirmed."
SENTENCES = [
    f"Paragraph {i} of the harbour story says the board approved the dredging plan."
    for i in range(8)
]
BODY = " ".join(SENTENCES)
KEPT = (
    "a shorter or cut-off copy of an article already stored;"
    " kept the stored text and did not save this copy"
)
EXCEPTION_NAME = re.compile(r"\b[A-Z][a-zA-Z]*(Error|Exception)\b")


def _good(folder) -> str:
    path = folder / "good.txt"
    path.write_text(GOOD)
    return str(path)


def _plain(problems) -> None:
    """Every reason is one line with no internal exception class name in it."""
    for problem in problems:
        assert "\n" not in str(problem)
        assert not EXCEPTION_NAME.search(problem.reason), problem.reason


def _warc_record(url: str, html: bytes) -> bytes:
    """One WARC response record holding an HTTP 200 answer with ``html``."""
    block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}>\r\n"
        f"WARC-Target-URI: {url}\r\nWARC-Date: 2026-11-02T08:00:00Z\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def _page(sentences: list[str]) -> bytes:
    paragraphs = "".join(f"<p>{s}</p>" for s in sentences)
    return f"<html><body><article><h1>Harbour</h1>{paragraphs}</article></body></html>".encode()


# -- item 3: front matter ---------------------------------------------------------------------


def test_yaml_alias_bomb_in_front_matter_is_refused_not_expanded(tmp_path, run_ingest, store):
    levels = ["a: &a [x,x,x,x,x,x,x,x,x]"]
    for prev, name in zip("abcdef", "bcdefg", strict=True):
        levels.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    bomb = tmp_path / "bomb.txt"
    bomb.write_text("---\n" + "\n".join(levels) + "\ntitle: *g\n---\nThe port reopened.\n")
    assert bomb.stat().st_size < 300
    result = run_ingest(str(bomb), _good(tmp_path))
    assert [a.title for a in store.articles()] == ["Good article"]
    [problem] = result.problems
    assert (problem.item, problem.level) == (str(bomb), "error")
    assert problem.reason == (
        "front matter uses a YAML alias (*name), which is not allowed; write the value out in full"
    )


def test_impossible_date_in_front_matter_is_a_warning_and_the_article_is_kept(
    tmp_path, run_ingest, store
):
    f = tmp_path / "date.txt"
    f.write_text("---\ntitle: Dated\npublished: 2026-13-45\n---\nThe port reopened on Monday.\n")
    result = run_ingest(str(f))
    [article] = store.articles()
    assert (article.title, article.published) == ("Dated", None)
    [warning] = result.problems
    assert warning.level == "warning"
    assert warning.reason == "ignored unreadable published '2026-13-45' from front-matter"
    _plain(result.problems)


# -- item 4: only regular files -----------------------------------------------------------------


@pytest.mark.timeout(20)
@pytest.mark.parametrize("where", ["named", "in-folder"])
def test_fifo_is_skipped_and_the_good_article_is_saved(tmp_path, run_ingest, store, where):
    folder = tmp_path / "in"
    folder.mkdir()
    good = _good(folder)
    fifo = folder / "x.txt"
    os.mkfifo(fifo)
    specs = [good, str(fifo)] if where == "named" else [str(folder)]
    result = run_ingest(*specs)
    assert [a.title for a in store.articles()] == ["Good article"]
    [problem] = result.problems
    assert problem.item == str(fifo)
    assert problem.reason == (
        "is a named pipe (FIFO), not a regular file; only regular files are read (skipped)"
    )


@pytest.mark.timeout(20)
@pytest.mark.parametrize("kind", ["socket", "device"])
def test_socket_or_device_is_skipped(tmp_path, run_ingest, store, kind):
    if kind == "socket":
        path = str(tmp_path / "s.txt")
        listener = socket.socket(socket.AF_UNIX)
        listener.bind(path)
    else:
        path = os.devnull
    try:
        result = run_ingest(path, _good(tmp_path))
    finally:
        if kind == "socket":
            listener.close()
    assert [a.title for a in store.articles()] == ["Good article"]
    [problem] = result.problems
    assert problem.reason == (
        f"is a {kind}, not a regular file; only regular files are read (skipped)"
    )


def test_folder_walk_does_not_follow_a_link_out_of_the_folder(tmp_path, run_ingest, store):
    outside = tmp_path / "outside" / "secret.txt"
    outside.parent.mkdir()
    outside.write_text("Secret\n\nThe key to the vault is kept under the third stone.")
    folder = tmp_path / "in"
    folder.mkdir()
    _good(folder)
    link = folder / "link.txt"
    link.symlink_to(outside)
    (folder / "inner.txt").symlink_to(folder / "good.txt")  # a link inside the folder is fine
    result = run_ingest(str(folder))
    assert [a.title for a in store.articles()] == ["Good article"]
    assert [(p.item, p.reason) for p in result.problems] == [
        (
            str(link),
            "a link to a file outside the folder; not read (name the file itself to read it)",
        )
    ]
    named = run_ingest(str(link))  # named on the command line, the link is read
    assert named.summary.added == 1
    assert sorted(a.title for a in store.articles()) == ["Good article", "Secret"]


# -- item 6: a worse copy never replaces the stored article ---------------------------------------


def test_cut_off_warc_copy_does_not_replace_the_complete_article(tmp_path, run_ingest, store):
    url = "https://news.example/harbour"
    page = _page(SENTENCES)
    full = tmp_path / "full.warc"
    full.write_bytes(_warc_record(url, page))
    cut = tmp_path / "cut.warc"
    cut.write_bytes(full.read_bytes()[: -len(page) // 2 - 7])  # ends mid-word
    run_ingest(str(full))
    [before] = store.articles()
    result = run_ingest(str(cut))
    [after] = store.articles()
    assert after.text == before.text
    assert after.text.endswith("approved the dredging plan.")
    s = result.summary
    assert (s.added, s.updated, s.duplicates, s.failed, s.warnings) == (0, 0, 1, 0, 2)
    assert [(p.level, p.reason) for p in result.problems] == [
        ("warning", "the HTML looks truncated (no closing </body> or </html>)"),
        ("warning", KEPT),
    ]
    assert store.problems(result.run_id) == result.problems


def test_cut_off_text_file_does_not_replace_the_complete_article(tmp_path, run_ingest, store):
    f = tmp_path / "a.txt"
    f.write_text(f"Harbour\n\n{BODY}")
    run_ingest(str(f))
    f.write_text(f"Harbour\n\n{BODY[: len(BODY) * 2 // 3]}")
    result = run_ingest(str(f))
    [article] = store.articles()
    assert article.text == BODY
    assert (result.summary.updated, result.summary.duplicates) == (0, 1)
    assert [p.reason for p in result.problems] == [KEPT]


def test_corrected_copy_of_about_the_same_length_still_updates(tmp_path, run_ingest, store):
    f = tmp_path / "a.txt"
    f.write_text(f"Harbour\n\n{BODY}")
    run_ingest(str(f))
    corrected = BODY.replace("Paragraph 3 of the harbour", "Part 3 of the port")
    f.write_text(f"Harbour\n\n{corrected}")
    result = run_ingest(str(f))
    assert (result.summary.updated, result.problems) == (1, [])
    assert [a.text for a in store.articles()] == [corrected]


# -- item 7: JSON depth --------------------------------------------------------------------------


def test_deeply_nested_jsonl_line_is_refused_and_the_next_line_is_read(tmp_path, run_ingest, store):
    f = tmp_path / "deep.jsonl"
    good = {"title": "Second line", "text": "The ferry sailed on Friday, the port said."}
    f.write_text('{"a":' * 50_000 + "\n" + json.dumps(good) + "\n")
    result = run_ingest(str(f))
    assert [a.title for a in store.articles()] == ["Second line"]
    assert [(p.item, p.reason) for p in result.problems] == [
        (f"{f}#L1", "JSON nested more than 64 levels deep; not read")
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("[" * 100_000, "JSON nested more than 64 levels deep; not read"),
        ('{"text": "x", "n": ' + "9" * 5000 + "}", "invalid JSON: a number has more than"),
    ],
)
def test_unreadable_json_file_is_one_plain_problem(tmp_path, run_ingest, store, content, reason):
    f = tmp_path / "bad.json"
    f.write_text(content)
    result = run_ingest(str(f), _good(tmp_path))
    assert [a.title for a in store.articles()] == ["Good article"]
    [problem] = result.problems
    assert problem.reason.startswith(reason)
    _plain(result.problems)


# -- item 11: smaller ------------------------------------------------------------------------


def test_damaged_warc_warning_is_ours_not_warcio_on_stderr(tmp_path, capfd, run_ingest, store):
    first = _warc_record("https://news.example/one", _page(SENTENCES))
    ferry = [s.replace("harbour", "ferry") for s in SENTENCES]
    second = _warc_record("https://news.example/two", _page(ferry))
    # Bytes the first record's Content-Length does not count, before the blank lines.
    damaged = first[:-4] + b"stray bytes\r\n" + first[-4:] + second
    f = tmp_path / "damaged.warc"
    f.write_bytes(damaged)
    result = run_ingest(str(f))
    assert sorted(a.url for a in store.articles()) == [
        "https://news.example/one",
        "https://news.example/two",
    ]
    assert [(p.item, p.level) for p in result.problems] == [(str(f), "warning")]
    assert result.problems[0].reason.startswith("damaged WARC file: a record's stated length")
    assert "WARNING" not in capfd.readouterr().err


def test_json_html_with_a_number_for_url_is_read(tmp_path, run_ingest, store):
    f = tmp_path / "a.json"
    f.write_text(json.dumps({"title": "T", "html": f"<p>{BODY}</p>", "url": 5}))
    result = run_ingest(str(f))
    assert [(a.title, a.url) for a in store.articles()] == [("T", None)]
    _plain(result.problems)


@pytest.mark.parametrize("value", [-1, 1700000000, "-1", "5", "1066-10-14", "3026-01-01"])
def test_number_or_implausible_json_date_is_dropped_with_a_warning(
    tmp_path, run_ingest, store, value
):
    f = tmp_path / "a.json"
    f.write_text(json.dumps({"title": "T", "date": value, "text": BODY}))
    result = run_ingest(str(f))
    [article] = store.articles()
    assert article.published is None
    assert [(p.level, p.reason) for p in result.problems] == [
        ("warning", f"ignored unreadable published {str(value)!r} from input")
    ]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_byte_order_mark_is_read_as_text(tmp_path, run_ingest, store, encoding):
    f = tmp_path / "a.txt"
    f.write_bytes(f"Harbour news\n\n{BODY} Café prices rose.\n".encode(encoding))
    result = run_ingest(str(f))
    [article] = store.articles()
    assert (article.title, article.encoding, result.problems) == ("Harbour news", encoding, [])
    assert article.text == f"{BODY} Café prices rose."


def test_second_ingest_leaves_a_still_running_first_one_running(tmp_path, run_ingest, store):
    db = tmp_path / "test.db"  # the store fixture's database
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from sourcetrace.store.sqlite import SQLiteStore;"
            f" s = SQLiteStore({str(db)!r}); print(s.start_run(['first']), flush=True);"
            " sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        first = int(holder.stdout.readline())
        run_ingest(_good(tmp_path))
    finally:
        holder.communicate("", timeout=30)  # the first run's process ends without finishing it

    def status() -> str:
        with sqlite3.connect(db) as conn:
            return conn.execute("SELECT status FROM runs WHERE id=?", (first,)).fetchone()[0]

    assert status() == "running"
    run_ingest(_good(tmp_path))
    assert status() == "interrupted"
