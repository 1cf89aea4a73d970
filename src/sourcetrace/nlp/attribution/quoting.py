"""Steps 3 and 5 of the cascade: content widened to whole quotations, and a quotation with no
cue of its own continuing the direct quote before it."""

from __future__ import annotations

from spacy.tokens import Doc

from ..entities import TITLES
from ..model import doc_text
from ..quotes import SENTENCE_END, Quote, is_title_quote, last_mark
from ..words import INITIALS, ISSUED_HEADS, SENTENCE_BREAK
from .candidate import Candidate
from .spans import char_spans, cue_range


def widen_to_quotes(candidate: Candidate, quotes: list[Quote], text: str) -> None:
    """Step 3: content touching a quotation takes the whole quotation; a cue with no content
    takes the quotation right before or after it (only its source, commas or a colon between)."""
    cue_start, cue_end = candidate.cue
    if candidate.content:
        widened = []
        for start, end in candidate.content:
            for quote in quotes:
                if quote.start <= cue_start < quote.end:
                    continue  # a cue inside a quotation quotes someone quoting: leave it
                if min(end, quote.end) <= max(start, quote.start):
                    continue
                new_start, new_end = min(start, quote.start), max(end, quote.end)
                if (new_start, new_end) != (start, end) and not new_start <= cue_start < new_end:
                    start, end = new_start, new_end
                    candidate.via_quote = True
            if widened and start <= widened[-1][1]:
                widened[-1] = (widened[-1][0], max(end, widened[-1][1]))
            else:
                widened.append((start, end))
        opening = _split_opening(candidate, widened, quotes, text)
        candidate.content = ([opening] if opening else []) + widened
        if not candidate.via_quote and opening is None:
            before = _quote_before(candidate, quotes, text)
            if before is not None:  # the phrase after the cue is no longer part of it
                token = candidate.token
                cue = char_spans(token.doc, [cue_range(token, token.i)])
                candidate.cue = cue[0] if cue else candidate.cue
                candidate.content = [before]
                candidate.via_quote = True
        return
    source = candidate.source
    left = min(cue_start, source[0]) if source else cue_start
    right = max(cue_end, source[1]) if source else cue_end
    before = quote_right_before(quotes, text, left)
    if before is not None:
        candidate.content = [(before.start, before.end)]
        candidate.via_quote = True
        return
    for quote in quotes:
        after = text[right : quote.start]
        if quote.start >= right and _only_glue(after) and ("\n" not in after or ":" in after):
            candidate.content = [(quote.start, quote.end)]
            candidate.via_quote = True
            return


def _split_opening(
    candidate: Candidate, content: list[tuple[int, int]], quotes: list[Quote], text: str
) -> tuple[int, int] | None:
    """The first part of a quotation its cue splits, when the parser took only the second as
    the content (`"The town," said Orlov, "needed a school."`): a quotation that opens its
    sentence and ends in a comma, with nothing but the cue and its source between it and the
    quoted content."""
    if not content or content[0][0] < candidate.cue[1]:
        return None
    if not any(q.start == content[0][0] for q in quotes):
        return None  # only a quoted second part continues a quotation
    parts = [candidate.cue] + ([candidate.source] if candidate.source else [])
    start = min(p[0] for p in parts)
    if not _only_glue(text[max(p[1] for p in parts) : content[0][0]]):
        return None
    if candidate.source and not _only_glue(
        text[min(p[1] for p in parts) : max(p[0] for p in parts)]
    ):
        return None
    for quote in quotes:
        if quote.end <= start and _only_glue(text[quote.end : start]):
            before = text[: quote.start].rstrip()
            opens = not before or before[-1] in ".!?:\n\"”'’"  # opens its sentence
            return (quote.start, quote.end) if last_mark(text, quote) == "," and opens else None
    return None


def _quote_before(candidate: Candidate, quotes: list[Quote], text: str) -> tuple[int, int] | None:
    """The quotation that a source and cue close, when the parser took the phrase after the
    cue as its content (`"Why now?" Lichtman asked about the plan.`, `"We need it NOW!" Trump
    said on Twitter.`): a quotation ending in a comma, question or exclamation mark, then only
    the source and the cue, all content after the cue and none of it quoted."""
    if not candidate.content or candidate.source is None:
        return None
    cue_start, cue_end = candidate.cue
    if candidate.content[0][0] < cue_end:
        return None
    left = min(cue_start, candidate.source[0])
    if not _only_glue(
        text[min(candidate.source[1], cue_end) : max(candidate.source[0], cue_start)]
    ):
        return None
    quote = quote_right_before(quotes, text, left)
    if quote is None or last_mark(text, quote) not in (",", "?", "!"):
        return None
    return (quote.start, quote.end)


def quote_right_before(quotes: list[Quote], text: str, left: int) -> Quote | None:
    """The quotation that ends right before ``left``: only glue, and no line break, between."""
    quote = max((q for q in quotes if q.end <= left), key=lambda q: q.end, default=None)
    if quote is None:
        return None
    between = text[quote.end : left]
    if is_title_quote(text, quote):
        return None  # 'on Fox News’s “Sunday Morning Futures,” Issa said X': nobody's words
    return quote if _only_glue(between) and "\n" not in between else None


def _only_glue(between: str) -> bool:
    return len(between) <= 4 and between.strip(" ,:;\n\t\u2014-") == ""


def continue_quotes(chosen: list[Candidate], quotes: list[Quote], doc: Doc) -> None:
    """Step 5: a quotation that opens the next sentence or paragraph and has no cue of its own
    continues the quote before it (`"A," she said. "B."` is one attribution), however long the
    rest of the cue's sentence (`"A," she said after a rally in Leeds. "B."`), also after a
    mixed quote (`"A" before the vote, she said. "B."`), in the same paragraph after
    indirect speech (`She says the plan is dead. "B."`) and in the next paragraph too after a
    statement being issued (`Her office released a statement.` then `"B."`) or after indirect
    speech that ends in a colon (`She says the plan is dead:` then `"B."`). A quotation
    whose own sentence has a cue (`"Why now?" Febre asked.`) is not taken."""
    if not chosen or not quotes:
        return
    text = doc_text(doc)
    cue_starts = sorted(c.cue[0] for c in chosen)
    taken = [span for c in chosen for span in c.content]
    for candidate in sorted(chosen, key=lambda c: c.cue[0]):
        if not candidate.content:
            continue
        # after indirect speech only a quotation in the same paragraph goes on with it, but
        # the quotation after "X released a statement." is that statement, wherever it starts
        reported = not _holds_quote(candidate.content[-1], quotes) and not _issues_statement(
            candidate, text
        )
        while True:
            last = max(candidate.content[-1][1], candidate.cue[1])
            if candidate.source:
                last = max(last, candidate.source[1])
            following = next((q for q in quotes if q.start >= last), None)
            while following is not None and _in_description(candidate, following, last, text):
                following = next((q for q in quotes if q.start >= following.end), None)
            if following is None:
                break
            between = text[last : following.start]
            split = candidate.content[-1][1] <= candidate.cue[0] and _resumes(between)
            closed = not between.strip() and text[:last].rstrip("\"”’' ")[-1:] in (".", "!", "?")
            # "She says the plan is dead:" and a quotation after the colon: its words
            announced = between.strip() == ":"
            start = following.start
            if not (split or closed or announced or _next_sentence(between)):
                lead = None if reported else _lead_in(between)
                if lead is None:
                    break
                start = last + lead  # 'Unless rivals quit, "it is very difficult."'
            if reported and "\n" in between and not announced:
                break
            if any(s < following.end and following.start < e for s, e in taken):
                break
            stop = following.end
            span = doc.char_span(following.end - 1, following.end, alignment_mode="expand")
            if span is not None:
                stop = max(stop, span.sent.end_char)
            if last_mark(text, following) != ".":
                close = SENTENCE_END.search(text, following.end)  # '"Why?" Vell asked.'
                stop = max(stop, close.end() if close else len(text))
            if any(start <= cue < stop for cue in cue_starts):
                break  # the quotation's sentence has a cue of its own (one in the speaker's
                # description before it does not count: 'said Murphy, who thinks about X.')
            if start < following.start and text[following.end : stop].strip(" .!?\"”’'"):
                break  # a lead-in goes on only into a quotation that ends its sentence
            candidate.content.append((start, following.end))
            taken.append((start, following.end))


def _issues_statement(candidate: Candidate, text: str) -> bool:
    """Whether the content is a bare statement being issued ("her office released *a
    statement*"): the quotation that follows is its text."""
    words = text[slice(*candidate.content[-1])].lower().strip(" .:").split()
    return len(candidate.content) == 1 and 0 < len(words) <= 3 and words[-1] in ISSUED_HEADS


def _lead_in(between: str) -> int | None:
    """Where, in the text between a direct quotation's attribution and the next quotation, a
    new sentence starts that opens with a few unquoted words and goes on into that quotation
    ('"A," said Vell. Unless rivals quit, "B."'): one sentence end, then no line break and no
    other sentence end."""
    if "\n" in between:
        return None
    for match in SENTENCE_BREAK.finditer(between):
        if not _next_sentence(between[: match.end()]):
            continue
        rest = between[match.end() :]
        if not rest.strip() or any(c in rest for c in ".!?") or len(rest.split()) > 20:
            return None
        return match.end()
    return None


def _in_description(candidate: Candidate, quote: Quote, last: int, text: str) -> bool:
    """A quotation inside the words that describe a speaker after a quotation ('"A," said
    Vell, who hosts "Harbour Nights." "B."'): in the cue's sentence, after the cue, and not
    resuming the quotation the cue split."""
    return (
        candidate.content[-1][1] <= candidate.cue[0]
        and quote.end <= candidate.token.sent.end_char + 1
        and not _resumes(text[last : quote.start])
    )


def _resumes(between: str) -> bool:
    """Whether a quotation split by its cue resumes right after it (`"A," she said, "B."`):
    only a comma, or a few words and a comma, between the cue and the quotation."""
    stripped = between.strip()
    return (
        stripped.endswith(",")
        and not any(c in stripped for c in ".!?;:\n")
        and len(stripped.split()) <= 5
    )


def _next_sentence(between: str) -> bool:
    """Whether text between the end of an attribution and a quotation only closes the sentence
    (one full stop, then the quotation opens a new sentence). The stop of a title or an
    initial ("Gov.", "John F. Kerry", "U.S.") ends no sentence."""
    # a closing quotation mark is not the word's end: 'hosts "Harbour Nights." "B."'
    words = [w.rstrip("\"”’'") or w for w in between.split()]
    if not words:
        return "\n" in between
    if words[-1][-1] not in ".!?":
        return False
    return not any(word[-1] in ".!?" and not _abbreviation(word) for word in words[:-1])


def _abbreviation(word: str) -> bool:
    return bool(INITIALS.fullmatch(word)) or word[:-1].lower() in TITLES


def _holds_quote(span: tuple[int, int], quotes: list[Quote]) -> bool:
    return any(q.start < span[1] and span[0] < q.end for q in quotes)
