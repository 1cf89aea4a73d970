"""Wire copy: news agencies credited as the source of a whole article, found in its text even
when the agency's own article is not in the corpus.

Rules, in order (each credit is found once, by the first rule that finds it):

1. ``dateline``: the agency in brackets in a dateline, read by :func:`.nlp.dateline.dateline`
   at the start of the text or of one of its first lines ("OSLO, June 17 (Reuters) - ...");
   else an agency in brackets before a dash in the opening, where an editor's note comes
   first or no space follows the dash, which the analysis's dateline does not read ("(Updates
   with prices) OSLO, June 17 (Reuters) - ...", "MADRID (Reuters) -Spain's ...").
2. ``contributed``: a contribution line ("The Associated Press contributed to this report.").
3. ``credit``: a closing credit of the article ("... — Reuters" at the end of a line) or a
   report credit that ends its sentence ("..., the Associated Press reported."). An agency
   cited for one fact ("Reuters said that ...", "according to AFP") is not a credit.

Agencies are named once, by :data:`.agencies.AGENCIES`; other names in a dateline's brackets
("(CNN)") are an outlet's own dateline, not a wire.
"""

from __future__ import annotations

import re

from sourcetrace.nlp.dateline import dateline
from sourcetrace.nlp.words import DASHES
from sourcetrace.trace.agencies import AGENCIES, agency
from sourcetrace.trace.reuse_records import WireCredit

__all__ = ["wire_credits"]

_AGENCY = "|".join(
    re.escape(a) for a in sorted({a for v in AGENCIES.values() for a in v}, key=len, reverse=True)
)
_CONTRIBUTED = re.compile(rf"\b(?P<wire>{_AGENCY})\b[^.\n]{{0,80}}?\bcontributed\b[^.\n]*\.?")
_CLOSING = re.compile(rf"(?:^|\s)[-–—]+\s*(?P<wire>{_AGENCY})\s*\.?\s*$", re.M)
_REPORTED = re.compile(rf",\s+(?:the\s+)?(?P<wire>{_AGENCY})\s+(?:reported|reports)\s*\.")
_BRACKETED = re.compile(rf"\((?P<wire>{_AGENCY})\)\s*(?:{'|'.join(re.escape(d) for d in DASHES)})")
_LINES = 4  # a dateline may follow a title or a kicker line
_OPENING = 300  # characters in which a bracketed agency and a dash make a dateline


def wire_credits(article_id: str, text: str) -> list[WireCredit]:
    """The agencies credited as the article's source, in the order of the rules above."""
    credits = _datelines(article_id, text)
    for kind, pattern in (
        ("contributed", _CONTRIBUTED),
        ("credit", _CLOSING),
        ("credit", _REPORTED),
    ):
        for match in pattern.finditer(text):
            name = agency(match.group("wire"))
            if name is not None and all(c.wire != name for c in credits):
                start = match.start("wire") if kind != "contributed" else match.start()
                credits.append(WireCredit(article_id, name, start, match.end(), kind))
    return credits


def _datelines(article_id: str, text: str) -> list[WireCredit]:
    """Rule 1: a dateline crediting an agency at the start of one of the first lines, else a
    bracketed agency and a dash in the opening."""
    starts = [0, *[m.end() for m in re.finditer(r"\n", text[:600])][: _LINES - 1]]
    for start in starts:
        end, wire = dateline(text[start:])
        name = agency(wire) if wire else None
        if name is not None:
            return [
                WireCredit(article_id, name, start + _lead(text[start:]), start + end, "dateline")
            ]
    match = _BRACKETED.search(text[:_OPENING])
    if match is None:
        return []
    name = agency(match.group("wire")) or match.group("wire")
    return [WireCredit(article_id, name, *match.span(), "dateline")]


def _lead(text: str) -> int:
    return len(text) - len(text.lstrip())
