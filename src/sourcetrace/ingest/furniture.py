"""Page furniture that survives main-text extraction, found line by line.

Extractors such as trafilatura drop ``<nav>``/``<aside>``/``<footer>``, but sites
also put furniture inside the article body as ordinary paragraphs. The rules,
applied in this order to the list of paragraphs:

1. credit lines ("Photo: Wikipedia"), share/subscribe/cookie/advert lines and
   "N days ago" time stamps;
2. captions: a short line of one sentence, without quotation marks, directly
   before a picture credit ("Photo: ...", "Credit: ...", but not "Source: ...", which
   follows text as often as pictures);
3. teasers: a line cut off with "…" just before a time stamp, and the headline
   line before it;
4. block headings ("Recent Posts", "Related stories", "Past team authors"): the
   heading and the headline/teaser/time-stamp lines under it.

Removed lines are returned, never silently discarded.
"""

from __future__ import annotations

import re

_PICTURE = r"(?:photo|photograph|image|picture|illustration|video|graphic|map|footage)s?"
_CREDIT = re.compile(
    rf"^(?:{_PICTURE}(?:\s+(?:credit|source)s?)?|credits?|source|©|\(c\))\s*[:|/©]\s*\S.{{0,90}}$",
    re.I,
)
_PICTURE_CREDIT = re.compile(rf"^(?:{_PICTURE}(?:\s+(?:credit|source)s?)?|credits?)\s*[:|/©]", re.I)
_CAPTION_WITH_CREDIT = re.compile(
    r"^.{0,250}\b(?:photo|image|picture|credit)s?\s*:\s*[^.!?]{1,60}$", re.I
)
_BOILERPLATE = re.compile(
    r"^(?:share(?:\s+this(?:\s+(?:article|story|post|page))?)?\b|share\s+on\b|tweet\b|"
    r"email\s+this\b|print\s+this\b|follow\s+us\b|subscribe\b|sign\s+up\b|"
    r"newsletter\b|click\s+here\b|advertisement\b|sponsored\b|we\s+use\s+cookies\b|"
    r"this\s+(?:site|website)\s+uses\s+cookies\b|accept\s+(?:all\s+)?cookies\b|"
    r"leave\s+a\s+comment\b|comments?\s+(?:are\s+)?closed\b|listen\s+to\s+this\s+article\b|"
    r"all\s+rights\s+reserved\b|copyright\b|\d+\s+min(?:ute)?s?\s+read\b|"
    r"(?:tags|topics|filed\s+under)\s*:)",
    re.I,
)
_RELATIVE_TIME = re.compile(
    r"^(?:(?:updated|posted|published)\s+)?(?:\d+|an?|one)\s+"
    r"(?:second|minute|min|hour|hr|day|week|month|year)s?\s+ago\.?$|^(?:yesterday|just\s+now)$",
    re.I,
)
_BLOCK_HEADING = re.compile(
    r"^(?:recent\s+posts|related(?:\s+(?:stories|articles|posts|news|coverage|content|reading))?|"
    r"more\s+(?:stories|news|articles|from\s+.{1,40})|read\s+(?:next|more|also)|"
    r"you\s+(?:may|might)\s+also\s+like|most\s+(?:read|popular|viewed|shared)|"
    r"trending(?:\s+now)?|latest\s+(?:news|posts|stories)|editor'?s\s+picks|"
    r"popular\s+(?:posts|stories)|top\s+stories|recommended(?:\s+for\s+you)?|"
    r"more\s+on\s+this\s+story|past\s+team\s+authors|about\s+the\s+authors?)\s*:?$",
    re.I,
)
_SENTENCE_END = tuple(".!?:;")
_CLOSERS = "\"”'’)]»"


def _short(line: str, limit: int = 120) -> bool:
    return len(line) <= limit


def is_credit(line: str) -> bool:
    return bool(_CREDIT.match(line)) or (
        _short(line, 300) and bool(_CAPTION_WITH_CREDIT.match(line))
    )


def is_picture_credit(line: str) -> bool:
    """A credit for a picture ("Photo: ...", "Credit: ..."): the line above may be its caption."""
    return is_credit(line) and bool(_PICTURE_CREDIT.match(line))


def is_boilerplate(line: str) -> bool:
    return _short(line) and bool(_BOILERPLATE.match(line))


def is_relative_time(line: str) -> bool:
    return bool(_RELATIVE_TIME.match(line.strip()))


def is_teaser(line: str) -> bool:
    """A paragraph cut short by the site: it ends in an ellipsis."""
    return line.rstrip().endswith(("…", "..."))


def is_headline(line: str) -> bool:
    """Short and unpunctuated at the end, as titles and captions are."""
    return _short(line, 200) and not line.rstrip().rstrip(_CLOSERS).endswith(_SENTENCE_END)


def is_caption(line: str) -> bool:
    """One short sentence with no quotation: how captions read (only used next to a credit)."""
    body = line.rstrip().rstrip(".")
    return _short(line, 160) and not re.search(r"[.!?]\s", body) and not re.search(r"[\"“”]", line)


def strip_furniture(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """Split ``paragraphs`` into (article paragraphs, furniture lines)."""
    lines = [p.strip() for p in paragraphs]
    drop = [False] * len(lines)
    # 1. credits, boilerplate, time stamps
    for i, line in enumerate(lines):
        if is_credit(line) or is_boilerplate(line) or is_relative_time(line):
            drop[i] = True
    # 2. a caption directly before its picture's credit line
    for i, line in enumerate(lines):
        if i > 0 and is_picture_credit(line) and not drop[i - 1] and is_caption(lines[i - 1]):
            drop[i - 1] = True
    # 3. teaser + headline above a time stamp
    for i, line in enumerate(lines):
        if is_relative_time(line) and i > 0 and is_teaser(lines[i - 1]):
            drop[i - 1] = True
            if i > 1 and is_headline(lines[i - 2]):
                drop[i - 2] = True
    # 4. furniture blocks under a heading
    for i, line in enumerate(lines):
        if not _BLOCK_HEADING.match(line):
            continue
        drop[i] = True
        j = i + 1
        while j < len(lines) and (
            drop[j] or is_headline(lines[j]) or is_teaser(lines[j]) or is_relative_time(lines[j])
        ):
            if _BLOCK_HEADING.match(lines[j]) or not lines[j]:
                break
            drop[j] = True
            j += 1
    kept = [p for p, d in zip(lines, drop, strict=True) if not d and p]
    removed = [p for p, d in zip(lines, drop, strict=True) if d]
    return kept, removed
