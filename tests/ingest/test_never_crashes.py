"""Whatever the bytes, a reader yields drafts or problems; it never raises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sourcetrace.ingest.build import Draft, build_article
from sourcetrace.ingest.errors import ReadError
from sourcetrace.ingest.formats import FORMATS, ReadContext, read
from sourcetrace.records import Problem

SNIPPETS = st.sampled_from(
    [b"<html>", b"<p>", b"</p>", b"{", b'"text": "', b"---\n", b"WARC/1.0\r\n", b"<rss>",
     b"\xff\xfe", b"\xc3\xa9", b"\xe9", b"\n\n", b"Photo: X", b"5 days ago", b"The port opened."]
)  # fmt: skip
BYTES = st.one_of(st.binary(max_size=400), st.lists(SNIPPETS, max_size=30).map(b"".join))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fmt=st.sampled_from(FORMATS), data=BYTES)
def test_any_bytes_give_drafts_or_problems(fmt, data):
    for result in read(fmt, data, "/fuzz/item", ReadContext()):
        assert isinstance(result, Draft | Problem)
        if isinstance(result, Draft):
            try:
                article = build_article(result)
            except ReadError:
                continue
            assert article.text.strip()
            assert article.to_dict()["content_hash"]


@settings(max_examples=50, deadline=None)
@given(
    opener=st.sampled_from(['{"a":', "[", '{"a": [', '"x", [']),
    depth=st.integers(min_value=0, max_value=20_000),
)
def test_a_nested_jsonl_line_never_costs_the_next_line(opener, depth):
    good = b'{"title": "Kept", "text": "The ferry sailed on Friday, the port said."}'
    data = (opener * depth).encode() + b"\n" + good
    results = list(read("jsonl", data, "/fuzz/item", ReadContext()))
    assert isinstance(results[-1], Draft)
    assert build_article(results[-1]).title == "Kept"
    for problem in results[:-1]:
        assert isinstance(problem, Problem) and "Error" not in problem.reason
