"""Find quotations in raw text: curly or straight marks, balanced or not, across paragraphs.

A quotation is a character span including its marks. Rules, in order:

1. Curly marks pair by direction: “ opens, ” closes. Straight " marks alternate within a
   paragraph.
2. A quotation left open at the end of a paragraph continues when the next paragraph opens with
   a quotation mark (the print convention for multi-paragraph quotes); otherwise it is closed at
   the paragraph's end and marked ``balanced=False``.
3. A closing mark with no opening mark is ignored. Nothing here raises on odd input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = "“„«"
CLOSING = "”»"
STRAIGHT = '"'
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n(?=\s*[“\"])")


@dataclass(slots=True, frozen=True)
class Quote:
    start: int
    end: int
    balanced: bool = True


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _paragraph_quotes(text: str, start: int, end: int) -> tuple[list[Quote], int | None]:
    """Quotes inside one paragraph, and the offset of a quote still open at its end."""
    quotes: list[Quote] = []
    open_at: int | None = None
    for i in range(start, end):
        char = text[i]
        if char in OPENING or (char == STRAIGHT and open_at is None):
            if open_at is None:
                open_at = i
        elif (char in CLOSING or char == STRAIGHT) and open_at is not None:
            quotes.append(Quote(open_at, i + 1))
            open_at = None
    return quotes, open_at


def find_quotes(text: str) -> list[Quote]:
    """Every quotation in ``text``, in order, never overlapping."""
    quotes: list[Quote] = []
    carried: int | None = None  # start of a quote continuing from the previous paragraph
    paragraphs = _paragraphs(text)
    for index, (start, end) in enumerate(paragraphs):
        found, open_at = _paragraph_quotes(text, start, end)
        if carried is not None:
            if found and found[0].start == _first_char(text, start):
                # The paragraph reopens a mark and closes it: the carried quote ends there.
                first = found.pop(0)
                quotes.append(Quote(carried, first.end))
            elif open_at is not None and not found and open_at == _first_char(text, start):
                open_at = carried  # still open: keep carrying from the original start
            else:
                quotes.append(Quote(carried, _trim_end(text, paragraphs[index - 1][1]), False))
            carried = None
        quotes.extend(found)
        if open_at is not None:
            nxt = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
            if nxt is not None and text[_first_char(text, nxt)] in OPENING + STRAIGHT:
                carried = open_at
            else:
                quotes.append(Quote(open_at, _trim_end(text, end), False))
    if carried is not None:
        quotes.append(Quote(carried, _trim_end(text, paragraphs[-1][1]), False))
    return sorted(quotes, key=lambda q: q.start)


def _first_char(text: str, start: int) -> int:
    while start < len(text) and text[start].isspace():
        start += 1
    return min(start, len(text) - 1)


def _trim_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end
