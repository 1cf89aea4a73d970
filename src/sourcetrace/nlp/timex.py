"""Time expressions, resolved against the article's date where the text allows it.

spaCy finds the expressions (DATE and TIME entities). Resolution, in order:

1. Explicit dates ("3 March 2023", "March 2023", "2022"): parsed, the range they cover.
2. Days relative to the article ("today", "yesterday", "on Friday" = the last Friday on or
   before the article's date; "next Friday" = the one after).
3. Periods relative to the article ("last week", "this month", "next year", "in the coming
   months", "within the next year", "in the past month", "since the summer").

Anything else, or any relative expression in an article without a date, stays unresolved, and
so does an expression whose range falls outside the calendar (a date of 0001-01-01 has no
"yesterday"). Ranges are inclusive ISO dates.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil import parser as dateparser
from dateutil.relativedelta import relativedelta
from spacy.tokens import Doc

from .quantities import MONTHS

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
CARRIED_PREPOSITIONS = {"since", "within", "over"}
_MONTH = (r"jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|"
          r"sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?")  # fmt: skip
_LOOKS_LIKE_DATE = re.compile(
    rf"^\W*(\d{{1,2}}\s+({_MONTH})\.?(\s+\d{{4}})?|({_MONTH})\.?\s+\d{{1,2}}(,?\s+\d{{4}})?|"
    rf"({_MONTH})\.?,?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})\W*$",
    re.IGNORECASE,
)
UNITS = {"day": "days", "week": "weeks", "month": "months", "year": "years"}
NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "several": 3, "few": 3, "coming": 3}  # fmt: skip


@dataclass(slots=True)
class TimeExpression:
    text: str
    start: int
    end: int
    first: str | None = None
    last: str | None = None

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "resolved": {"start": self.first, "end": self.last} if self.first else None,
        }


#: Words a time stamp line is made of besides numbers: months and days (whole or cut short),
#: the halves of the day ("a. m." splits in two), time zones, and the words sites put before
#: a stamp ("Updated", "Last updated at", "Published on").
_STAMP_WORDS = (
    MONTHS
    | set(WEEKDAYS)
    | {day[:3] for day in WEEKDAYS}
    | set(
        "tues thur thurs am pm a p m noon midnight gmt bst utc est edt cst cdt mst mdt pst pdt "
        "aest aedt cet cest updated published posted modified last first at on of and".split()
    )
)


def is_timestamp(text: str) -> bool:
    """Whether ``text`` states nothing but a point in time, as the stamps sites print above
    or below a story do ("Updated 5/5/2010 1:41 PM", "7:15 a.m. Dec. 7, 2009", "21 July 2013
    Last updated at 11:11 GMT"), or is a bare number cut from one ("42"): a number and no
    word outside :data:`_STAMP_WORDS`."""
    words = re.findall(r"[^\W\d_]+|\d+", text.lower())
    return any(w.isdigit() for w in words) and all(w.isdigit() or w in _STAMP_WORDS for w in words)


def find_times(doc: Doc, published: str | None = None) -> list[TimeExpression]:
    """Every DATE/TIME expression in ``doc``, resolved against ``published`` (ISO date)."""
    anchor = _anchor(published)
    found = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
        phrase = f"{before} {ent.text}" if before in CARRIED_PREPOSITIONS else ent.text
        try:
            span = resolve(phrase, anchor)
        except (OverflowError, ValueError):  # before year 1 or after year 9999
            span = None
        found.append(
            TimeExpression(
                ent.text,
                ent.start_char,
                ent.end_char,
                span[0].isoformat() if span else None,
                span[1].isoformat() if span else None,
            )
        )
    return found


def _anchor(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def resolve(text: str, anchor: date | None) -> tuple[date, date] | None:
    """The inclusive date range ``text`` means, or None when it cannot be known."""
    lower = " ".join(text.lower().split())
    if lower.startswith("since "):
        inner = resolve(lower[6:], anchor)
        return (inner[0], anchor) if inner and anchor and inner[0] <= anchor else None
    lower = re.sub(r"^(on|in|at|by|during|from|the)\s+", "", lower)
    relative = _relative(lower, anchor) if anchor else None
    return relative or _explicit(re.sub(r"^(within|over)\s+", "", text, flags=re.I), anchor)


def _explicit(text: str, anchor: date | None) -> tuple[date, date] | None:
    cleaned = re.sub(r"\b(on|in|at|by|during|the|of|early|late|mid)\b", " ", text, flags=re.I)
    cleaned = cleaned.strip(" ,.")
    if not re.search(r"\d", cleaned):
        return None  # "Friday", "the summer": relative, not explicit
    if re.fullmatch(r"(1[89]|20)\d\d", cleaned):
        year = int(cleaned)
        return date(year, 1, 1), date(year, 12, 31)
    if not _LOOKS_LIKE_DATE.search(cleaned):
        return None  # "10 days", "the 1990s": not a calendar date
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # dateutil warns on words it reads as time zones
            first = dateparser.parse(cleaned, default=_default(anchor, 1), ignoretz=True)
            second = dateparser.parse(cleaned, default=_default(anchor, 28), ignoretz=True)
    except (ValueError, OverflowError):
        return None
    if first.date() == second.date():
        return first.date(), first.date()
    # no day given: the whole month
    end = (first.replace(day=1) + relativedelta(months=1) - timedelta(days=1)).date()
    return first.replace(day=1).date(), end


def _default(anchor: date | None, day: int):
    from datetime import datetime

    base = anchor or date(2000, 1, 1)
    return datetime(base.year, base.month, day)


def _relative(text: str, anchor: date) -> tuple[date, date] | None:
    if text in ("today", "this morning", "this afternoon", "this evening", "tonight"):
        return anchor, anchor
    if text in ("yesterday", "last night"):
        day = anchor - timedelta(days=1)
        return day, day
    if text == "tomorrow":
        day = anchor + timedelta(days=1)
        return day, day
    match = re.fullmatch(r"(last |next |this )?(" + "|".join(WEEKDAYS) + r")", text)
    if match:
        target = WEEKDAYS.index(match.group(2))
        back = (anchor.weekday() - target) % 7
        if match.group(1) == "next ":
            ahead = (target - anchor.weekday()) % 7 or 7
            day = anchor + timedelta(days=ahead)
        else:
            day = anchor - timedelta(days=back or (7 if match.group(1) == "last " else 0))
        return day, day
    if text == "overnight":  # the night before the report
        return anchor - timedelta(days=1), anchor
    match = re.fullmatch(r"(last|this|next) (week|month|year)", text)
    if match:
        return _period(anchor, match.group(2), {"last": -1, "this": 0, "next": 1}[match.group(1)])
    match = re.fullmatch(r"(earlier|later) this (week|month|year)", text)
    if match:  # the part of this week, month or year before or after the report
        start, end = _period(anchor, match.group(2), 0)
        return (start, anchor) if match.group(1) == "earlier" else (anchor, end)
    match = re.fullmatch(r"(\w+) (days?|weeks?|months?|years?) ago", text)
    if match and (match.group(1) in NUMBER_WORDS or match.group(1).isdigit()):
        n = NUMBER_WORDS.get(match.group(1)) or int(match.group(1))
        unit = match.group(2).rstrip("s")
        day = anchor - relativedelta(**{UNITS[unit]: n})
        if unit in ("day", "week"):
            return day, day  # "two weeks ago": that day, give or take the week
        return _period(day, unit, 0)  # "two years ago": that whole year (month)
    match = re.fullmatch(
        r"(?:the )?(end|start|beginning|middle) of (?:the )?(this year|(?:1[89]|20)\d\d)", text
    )
    if match:  # a quarter of the year
        year = anchor.year if match.group(2) == "this year" else int(match.group(2))
        month = {"end": 10, "start": 1, "beginning": 1, "middle": 5}[match.group(1)]
        start = date(year, month, 1)
        return start, start + relativedelta(months=3) - timedelta(days=1)
    match = re.fullmatch(
        r"(?:in |over |within |during )?(?:the )?(past|last|next|coming|following) ?(\w+)? "
        r"(days?|weeks?|months?|years?)",
        text,
    )
    if match:
        direction, count, unit = match.groups()
        n = NUMBER_WORDS.get(count or "a", int(count) if (count or "").isdigit() else 1)
        if direction == "coming" or count == "coming":
            n = 1 if unit.endswith("s") is False else 3
        step = relativedelta(**{UNITS[unit.rstrip("s")]: n})
        if direction in ("past", "last"):
            return anchor - step, anchor
        return anchor, anchor + step
    match = re.fullmatch(r"(the |this |last )?(spring|summer|autumn|fall|winter)", text)
    if match:
        month = SEASONS[match.group(2)]
        year = anchor.year if month <= anchor.month else anchor.year - 1
        start = date(year, month, 1)
        end = start + relativedelta(months=3) - timedelta(days=1)
        if match.group(1) == "last " and end >= anchor:  # "last spring": the one that ended
            start, end = start - relativedelta(years=1), end - relativedelta(years=1)
        return start, end
    return None


def _period(anchor: date, unit: str, offset: int) -> tuple[date, date]:
    if unit == "week":
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=offset)
        return monday, monday + timedelta(days=6)
    if unit == "month":
        first = anchor.replace(day=1) + relativedelta(months=offset)
        return first, first + relativedelta(months=1) - timedelta(days=1)
    year = anchor.year + offset
    return date(year, 1, 1), date(year, 12, 31)
