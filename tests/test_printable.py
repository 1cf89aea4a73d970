"""``printable``: control characters shown, never obeyed; ordinary text unchanged."""

from __future__ import annotations

import json

import pytest

from sourcetrace.printable import printable, printable_data, printable_json


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Port talks resume", "Port talks resume"),
        ("Zürich – «Grève» 東京", "Zürich – «Grève» 東京"),
        ("\x1b]0;TITLE\x07", "\\x1b]0;TITLE\\x07"),
        ("a\x1b[2Jb", "a\\x1b[2Jb"),
        ("one\ntwo\r\tthree", "one\\x0atwo\\x0d\\x09three"),
        ("del\x7f csi\x9b31m", "del\\x7f csi\\x9b31m"),
        ("\u202eevil\u2066x\u2069", "\\u202eevil\\u2066x\\u2069"),
        ("line\u2028sep", "line\\u2028sep"),
        ("bad\udcff byte", "bad\\udcff byte"),
    ],
)
def test_control_characters_are_shown_and_text_is_kept(text, shown):
    assert printable(text) == shown


def test_keep_lines_keeps_newlines_and_tabs_only():
    assert printable("a\n\tb\x1b[2J\r", keep_lines=True) == "a\n\tb\\x1b[2J\\x0d"


def test_printable_data_reaches_every_string():
    data = {"t\x1b": ["x\x07", {"n": 1, "s": "\x9b"}], "k": None}
    assert printable_data(data) == {"t\\x1b": ["x\\x07", {"n": 1, "s": "\\x9b"}], "k": None}


def test_printable_json_is_the_same_json_with_nothing_raw():
    value = {"title": "Zürich \x1b[2J\x9b\u202e\x7f"}
    text = printable_json(value, indent=2)
    assert json.loads(text) == value
    assert "Zürich" in text and not any(c in text for c in "\x1b\x9b\u202e\x7f")
