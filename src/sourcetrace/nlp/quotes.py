"""Find quotations in raw text: curly or straight marks, balanced or not, across paragraphs.

A quotation is a character span including its marks. Rules, in order:

1. Curly marks pair by direction: “ opens, ” closes. Straight " marks alternate within a
   paragraph.
2. A quotation left open at the end of a paragraph continues when the next paragraph opens with
   a quotation mark (the print convention for multi-paragraph quotes); otherwise it is closed at
   the paragraph's end and marked ``balanced=False``.
3. A closing mark with no opening mark is ignored. Nothing here raises on odd input.
4. An opening mark at the end of a line closes the quotation before it ("party girl. ``");
   a straight or typewriter mark still open on a later line when a curly quotation opens
   was a stray: its quotation ends, unbalanced, with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = "“„«"
CLOSING = "”»"
STRAIGHT = '"'
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n(?=\s*(?:[“\"]|``|''))")


@dataclass(slots=True, frozen=True)
class Quote:
    start: int
    end: int
    balanced: bool = True


def in_quote(offset: int, quotes: list[Quote]) -> bool:
    """Whether the character at ``offset`` lies inside one of ``quotes``."""
    return any(q.start <= offset < q.end for q in quotes)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _paragraph_quotes(text: str, start: int, end: int) -> tuple[list[Quote], int | None]:
    r"""Quotes inside one paragraph, and the offset of a quote still open at its end.

    Besides the single-character marks, the typewriter pairs ``\`\``` (opening) and ``''``
    (either way, as some wire services print both ends) are marks of their own.
    """
    quotes: list[Quote] = []
    open_at: int | None = None
    i = start
    while i < end:
        char = text[i]
        pair = text[i : i + 2]
        width = 2 if pair in ("``", "''") else 1
        if width == 2:
            opening, closing, either = pair == "``", False, pair == "''"
        else:
            opening, closing, either = char in OPENING, char in CLOSING, char == STRAIGHT
        if opening and _ends_line(text, i + width, end):
            opening, closing = False, True  # "a party girl. ``" then a new line: it closes
        if opening and open_at is not None and _stray(text, open_at, i):
            line_end = text.index("\n", open_at)
            quotes.append(Quote(open_at, _trim_end(text, line_end), False))
            open_at = None
        if (opening or either) and open_at is None:
            open_at = i
        elif (closing or either) and open_at is not None:
            quotes.append(Quote(open_at, i + width))
            open_at = None
        i += width
    return quotes, open_at


def _ends_line(text: str, after: int, end: int) -> bool:
    """Whether only spaces follow offset ``after`` up to a line break or the paragraph's end:
    no quotation opens with a mark there."""
    return not text[after:end].split("\n", 1)[0].strip()


def _stray(text: str, open_at: int, at: int) -> bool:
    """Whether the quotation open since ``open_at`` was opened by a stray mark: a straight or
    typewriter mark still open on a later line when a curly quotation opens ('the "very
    spiritual\' employee' in a text that quotes with “ ”); curly marks pair by direction."""
    return text[at] in OPENING and text[open_at] not in OPENING and "\n" in text[open_at:at]


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
            if nxt is not None and _stray(text, open_at, _first_char(text, nxt)):
                line_end = text.index("\n", open_at)
                quotes.append(Quote(open_at, _trim_end(text, line_end), False))
            elif nxt is not None and _opens_with_mark(text, nxt):
                carried = open_at
            else:
                quotes.append(Quote(open_at, _trim_end(text, end), False))
    if carried is not None:
        quotes.append(Quote(carried, _trim_end(text, paragraphs[-1][1]), False))
    return sorted(quotes, key=lambda q: q.start)


def _opens_with_mark(text: str, start: int) -> bool:
    first = _first_char(text, start)
    return text[first] in OPENING + STRAIGHT or text[first : first + 2] in ("``", "''")


def _first_char(text: str, start: int) -> int:
    while start < len(text) and text[start].isspace():
        start += 1
    return min(start, len(text) - 1)


def _trim_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


#: A mark that ends a sentence (or a paragraph).
SENTENCE_END = re.compile(r"[.!?\n]")


#: Words that, right before a quotation, make it the name of a programme, book or column
#: ("on “Meet the Press,”", "in his book “The Deal”", "a column titled “X”").
_TITLE_LEAD = re.compile(
    r"(?:['’]s|\b(?:on|in|to|of|for|from|with|show|program|programme|book|column|titled|"
    r"called|entitled|headlined))\s*$",
    re.IGNORECASE,
)
_TITLE_SMALL = {"a", "an", "the", "and", "of", "on", "in", "to", "for", "at", "with", "&"}


def is_title_quote(text: str, quote: Quote) -> bool:
    """Whether ``quote`` names a programme, book or column rather than quoting anyone: a few
    capitalised words after a possessive or a preposition ("Fox News’s “Sunday Morning
    Futures,”", "told CNN’s “New Day”"). Nobody says such a quotation."""
    inner = text[quote.start + 1 : quote.end - 1].strip(" ,.!?\"“”'’")
    words = inner.split()
    if not 0 < len(words) <= 6 or not words[0][:1].isupper():
        return False
    if not all(w[:1].isupper() or w.lower() in _TITLE_SMALL or not w[:1].isalpha() for w in words):
        return False
    return _TITLE_LEAD.search(text[max(0, quote.start - 40) : quote.start]) is not None


def last_mark(text: str, quote: Quote) -> str:
    """The last character inside a quotation's closing marks: "," for `"The town,"`."""
    inside = text[quote.start : quote.end].rstrip("”\"'’ ")
    return inside[-1:]


def statement_groups(spans: list[tuple[int, int]], text: str) -> list[list[tuple[int, int]]]:
    """An attribution's content spans (in text order) grouped into the statements they make:
    a quotation its cue splits (`"A," she said, "B."`) is one statement; one that goes on in
    the next sentence or paragraph (`"A," she said. "B."`) makes two."""
    groups: list[list[tuple[int, int]]] = []
    for span in spans:
        if groups and not SENTENCE_END.search(text[groups[-1][-1][1] : span[0]]):
            groups[-1].append(span)
        else:
            groups.append([span])
    return groups
