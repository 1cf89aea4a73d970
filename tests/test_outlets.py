"""Outlet identity: every spelling of one outlet shares a key; different outlets keep theirs."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from sourcetrace.outlets import (
    article_outlet,
    distinct_outlets,
    domains_in,
    outlet_key,
    outlet_name,
    shown_names,
)

ONE_OUTLET = [
    ("fox", "FOX", "Fox News", "FOX NEWS", "foxnews.com", "www.foxnews.com",
     "https://www.foxnews.com/politics/x"),
    ("The Washington Post", "Washington Post", "washingtonpost.com",
     "https://www.washingtonpost.com/world/2026/a.html"),
    ("The Hill", "the hill", "thehill.com", "https://thehill.com/homenews/x"),
    ("The New York Times", "New York Times", "NYT", "nytimes.com", "https://query.nytimes.com/x"),
    ("Associated Press", "AP", "apnews.com", "https://bigstory.ap.org/article/x"),
    ("BBC", "BBC News", "https://www.bbc.co.uk/news/x", "http://news.bbc.co.uk/2/x"),
    ("Harbor Ledger", "The Harbor Ledger", "harborledger.com", "https://www.harborledger.com/a"),
    ("Café Nord", "Cafe Nord", "cafenord.example"),
]  # fmt: skip

DIFFERENT_OUTLETS = [
    ("The Times", "The New York Times", "Los Angeles Times"),
    ("ABC News", "abc.net.au"),
    ("ABC News", "ABC (Australia)"),
    ("Fox News", "Fox Business"),
    ("pv-magazine.com", "pv-magazine-usa.com"),
    ("https://sports.espn.go.com/x", "https://abcnews.go.com/y"),
    ("bbc.co.uk", "co.uk.example"),
    ("https://ann.blogspot.nl/a", "https://www.bo.blogspot.nl/b", "blogspot.nl"),
    ("https://oscar.go.com/a", "go.com"),
]


@pytest.mark.parametrize("spellings", ONE_OUTLET, ids=lambda s: s[0])
def test_spellings_of_one_outlet_share_a_key_and_a_name(spellings):
    assert len({outlet_key(s) for s in spellings}) == 1
    if outlet_key(spellings[0]) in {"fox", "washingtonpost", "newyorktimes", "bbc"}:
        assert len({outlet_name(s) for s in spellings}) == 1


@pytest.mark.parametrize("outlets", DIFFERENT_OUTLETS, ids=lambda s: " / ".join(s))
def test_different_outlets_keep_different_keys(outlets):
    assert len({outlet_key(o) for o in outlets}) == len(outlets)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("FOX", "Fox News"),
        ("https://www.foxnews.com/politics/x", "Fox News"),
        ("abc.net.au", "ABC (Australia)"),
        ("https://articles.example.com/a", "example.com"),
        ("http://127.0.0.1:8000/a", "127.0.0.1"),
        ("https://ann.blogspot.nl/2013/a.html", "ann.blogspot.nl"),
        ("  Harbor   Ledger ", "Harbor Ledger"),
    ],
)
def test_outlet_name_is_the_known_name_the_domain_or_the_tidied_name(text, name):
    assert outlet_name(text) == name


@pytest.mark.parametrize(
    ("given", "url", "stored"),
    [
        ("ABC News", "https://www.abc.net.au/news/x", "ABC (Australia)"),  # 1. known domain
        ("FOX", None, "Fox News"),  # 2. a given name
        ("Harbor Ledger", "https://harborledger.com/a", "Harbor Ledger"),
        (None, "https://www.harborledger.com/a", "harborledger.com"),  # 3. the URL's domain
        (" ", None, None),  # 4. nothing
    ],
)
def test_article_outlet_follows_its_rules_in_order(given, url, stored):
    assert article_outlet(given, url) == stored


def test_names_of_one_outlet_are_shown_as_the_commonest_of_them():
    names = ["harborledger.com", "Harbor Ledger", "Capital Wire", "Harbor Ledger", "FOX"]
    assert shown_names(names) == {
        "harborledger.com": "Harbor Ledger",
        "Harbor Ledger": "Harbor Ledger",
        "Capital Wire": "Capital Wire",
        "FOX": "FOX",
    }
    assert distinct_outlets(names) == ["Harbor Ledger", "Capital Wire", "FOX"]


#: Run in a fresh interpreter: every socket connection and every file opened for writing,
#: from before ``tld`` is imported to after its public suffix list has been read.
_OFFLINE_CHECK = """
import sys
seen = []
def audit(event, args):
    if event == "socket.connect" or (
        event == "open" and isinstance(args[1], str) and set(args[1]) & set("wax+")
    ):
        seen.append(event)
sys.addaudithook(audit)
from sourcetrace.outlets import outlet_key
print(outlet_key("https://news.example.co.uk/a"), outlet_key("www.some-new-site.org"), seen)
"""


def test_domains_are_read_offline_without_writing_a_file(tmp_path):
    """The public suffix list is the copy bundled with ``tld``: reading a domain connects
    nowhere and writes no file, in the home folder or anywhere else."""
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    done = subprocess.run(
        [sys.executable, "-c", _OFFLINE_CHECK], env=env, capture_output=True, text=True
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "example somenewsite []\n", "")
    assert list(tmp_path.iterdir()) == []


def test_a_magazine_is_its_name() -> None:
    assert outlet_key("People magazine") == outlet_key("People")
    assert outlet_key("Harbor Ledger Magazine") == outlet_key("The Harbor Ledger")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Her rep told HarborLedger.com on Friday.", [("HarborLedger.com", "harborledger")]),
        ("Watch at video.foxnews.com.", [("video.foxnews.com", "fox")]),
        ("See <a href='https://www.cnn.com/x'>the clip</a>.", []),  # a URL is no name in the text
        ("The U.S. team won, e.g. at 3 p.m. on Friday.", []),  # dots, but no public suffix
        ("It ended.Next week it starts again.", []),  # a missing space is no host
        ("Write to desk@harborledger.com today.", []),  # an e-mail address
    ],
)
def test_host_names_in_running_text_with_their_outlet_keys(text, found) -> None:
    assert [(text[s:e], key) for s, e, key in domains_in(text)] == found
