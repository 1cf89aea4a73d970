"""Text safe to print on a terminal: control characters are shown, never obeyed.

File names, titles, outlets and URLs come from files and pages anyone may write. Printed raw,
an escape sequence in one (``ESC ] 0 ; title BEL`` retitles the window, ``ESC [ 2 J`` clears
it) acts on the user's terminal, even through a pipe into ``less -R``, and a newline splits a
one-line message in two. Every command prints such strings through :func:`printable`.
"""

from __future__ import annotations

import json
import re
from typing import Any

# C0 controls, DEL, C1 controls (0x9b is a one-byte CSI), the bidirectional overrides,
# embeddings, isolates and marks that can reorder what a line shows, the Unicode line and
# paragraph separators, and lone surrogates (undecodable bytes in a file name).
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}\u2028\u2029\ud800-\udfff]")
_UNSAFE_BUT_LINES = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}\u2028\u2029\ud800-\udfff]")


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, keep_lines: bool = False) -> str:
    """``text`` with each control character written out as ``\\xNN`` or ``\\uNNNN``, so it
    prints as one inert line; ``keep_lines`` keeps newlines and tabs (an article's body)."""
    return (_UNSAFE_BUT_LINES if keep_lines else _UNSAFE).sub(_shown, text)


def printable_data(value: Any) -> Any:
    """``value`` (JSON-like: dicts, lists, strings, numbers) with :func:`printable` applied to
    every string in it, keys included: for output drawn field by field from stored data."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {printable_data(k): printable_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [printable_data(v) for v in value]
    return value


# What JSON leaves unescaped that a terminal may still obey (C0 is escaped by JSON itself).
_UNSAFE_IN_JSON = re.compile(f"[\x7f-\x9f{_BIDI}\u2028\u2029\ud800-\udfff]")


def printable_json(value: Any, *, indent: int | None = None) -> str:
    """``value`` as JSON with non-ASCII letters kept as they are, and the characters a
    terminal may obey that JSON leaves raw written as ``\\uNNNN``: the same JSON, inert."""
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
