"""Word-level differences between two versions of a claim, for the side-by-side drift view."""

from __future__ import annotations

import difflib
import re

_TOKEN = re.compile(r"\w+|[^\w\s]+|\s+")


def word_diff(before: str, after: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Both texts as runs of ``(state, text)``, state ``same`` or ``changed``: in ``before``,
    changed runs are words that ``after`` drops or replaces; in ``after``, words it adds or
    substitutes. White space between two changed words stays in the changed run."""
    old, new = _TOKEN.findall(before), _TOKEN.findall(after)
    matcher = difflib.SequenceMatcher(
        a=[t.lower() for t in old], b=[t.lower() for t in new], autojunk=False
    )
    left: list[tuple[str, str]] = []
    right: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        state = "same" if op == "equal" else "changed"
        _append(left, state, "".join(old[i1:i2]))
        _append(right, state, "".join(new[j1:j2]))
    return _merge_spaces(left), _merge_spaces(right)


def _append(runs: list[tuple[str, str]], state: str, text: str) -> None:
    if not text:
        return
    if runs and runs[-1][0] == state:
        runs[-1] = (state, runs[-1][1] + text)
    else:
        runs.append((state, text))


def _merge_spaces(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A run of white space alone between two changed runs joins them."""
    out: list[tuple[str, str]] = []
    for state, text in runs:
        if out and state == "same" and not text.strip():
            out.append((state, text))
            continue
        if (
            state == "changed"
            and len(out) >= 2
            and out[-1][0] == "same"
            and not out[-1][1].strip()
            and out[-2][0] == "changed"
        ):
            space = out.pop()[1]
            out[-1] = ("changed", out[-1][1] + space + text)
            continue
        _append(out, state, text)
    return out
