"""Assemble an :class:`Article` from extracted paragraphs and metadata candidates.

Every format reader ends here, so furniture removal, field normalisation, the
outlet fallbacks and the id are done once for all of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from courlan import normalize_url
from dateutil import parser as dateparser

from sourcetrace.article import Article, article_id, raw_key
from sourcetrace.ingest.errors import ReadError
from sourcetrace.ingest.furniture import strip_furniture
from sourcetrace.language import identify, language_name
from sourcetrace.outlets import article_outlet

Candidates = dict[str, list[tuple[str, object]]]

_AUTHOR_SPLIT = re.compile(r"\s*(?:;|,|\band\b|&|\|)\s*", re.I)
_BYLINE = re.compile(r"^(?:by|from)\s+", re.I)
_EARLIEST_YEAR = 1900
#: How far ahead of now a publication date may lie (time zones, embargoed copy).
_AHEAD = timedelta(days=1)
#: py3langid probabilities: above ``_SURE`` the text's language overrules a declared one;
#: below ``_LIKELY`` an undeclared language stays unknown (a headline alone is too short).
_SURE = 0.9
_LIKELY = 0.5


@dataclass(slots=True)
class Draft:
    """What a format reader found for one article, before it is normalised."""

    paragraphs: list[str]
    source: str
    format: str
    raw: bytes
    raw_type: str
    text_stage: str
    fields: Candidates = field(default_factory=dict)
    encoding: str | None = None
    external_id: str | None = None
    warnings: list[str] = field(default_factory=list)

    def add(self, name: str, stage: str, value: object) -> None:
        if value:
            self.fields.setdefault(name, []).append((stage, value))

    def prefer(self, name: str, stage: str, value: object) -> None:
        """Put a candidate ahead of all others (explicit input beats what a page says)."""
        if value:
            self.fields.setdefault(name, []).insert(0, (stage, value))


def build_article(draft: Draft, *, fallback_outlet: str | None = None) -> Article:
    """Normalise a draft into an article; raise ReadError when no article text remains."""
    chosen: dict[str, object] = {}
    stages: dict[str, str] = {"text": draft.text_stage}
    warnings = list(draft.warnings)
    normalisers = {
        "title": _clean_line,
        "authors": _authors,
        "published": _iso_date,
        "modified": _iso_date,
        "outlet": _clean_line,
        "language": _language,
        "url": _canonical_url,
    }
    for name, normalise in normalisers.items():
        for stage, value in draft.fields.get(name, []):
            try:
                result = normalise(value)
            except (ValueError, OverflowError, TypeError):
                warnings.append(f"ignored unreadable {name} {str(value)[:60]!r} from {stage}")
                continue
            if result:
                chosen[name], stages[name] = result, stage
                break

    url = chosen.get("url")
    if "outlet" not in chosen and url:
        stages["outlet"] = "domain"
    elif "outlet" not in chosen and fallback_outlet:
        chosen["outlet"], stages["outlet"] = fallback_outlet, "user"
    given = chosen.get("outlet")

    paragraphs, furniture = strip_furniture(draft.paragraphs)
    title = chosen.get("title")
    if title and len(paragraphs) > 1 and _same_line(paragraphs[0], title):
        # The headline repeated at the top of the body; a one-paragraph text that is its own
        # title (a wire brief) keeps it.
        paragraphs = paragraphs[1:]
    if not paragraphs:
        raise ReadError("no article text left after removing page furniture")
    text = "\n\n".join(paragraphs)
    detected = _text_language(chosen.get("language"), title, text)
    if detected:
        chosen["language"], stages["language"] = detected[0], "langid"
        warnings.extend(detected[1:])

    return Article(
        id=article_id(canonical_url=url, external_id=draft.external_id, text=text),
        text=text,
        paragraphs=paragraphs,
        title=chosen.get("title"),
        url=url,
        external_id=draft.external_id,
        outlet=article_outlet(given, url),
        outlet_given=given,
        authors=chosen.get("authors", []),
        published=chosen.get("published"),
        modified=chosen.get("modified"),
        language=chosen.get("language"),
        source=draft.source,
        format=draft.format,
        encoding=draft.encoding,
        field_sources=stages,
        furniture=furniture,
        warnings=warnings,
        raw=draft.raw,
        raw_type=draft.raw_type,
        raw_key=raw_key(draft.raw),
    )


def _clean_line(value: object) -> str | None:
    text = " ".join(str(value).split())
    return text or None


def _same_line(a: str, b: str) -> bool:
    return a.casefold().strip(" .") == b.casefold().strip(" .")


def _authors(value: object) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        for part in _AUTHOR_SPLIT.split(str(item)):
            name = _BYLINE.sub("", " ".join(part.split())).strip(" .")
            if name and not name.startswith("http") and name not in names:
                names.append(name)
    return names


def _iso_date(value: object) -> str | None:
    """ISO 8601: a date, or a date-time when the input had a time.

    A number is refused (seconds or milliseconds since 1970? a year?), and so is text that
    names no year, a date before 1900 or one more than a day ahead of now: a date guessed from
    "-1" is wrong, and a placeholder such as 0001-01-01 is no date at all.
    """
    if isinstance(value, datetime | date):
        parsed = value
    elif isinstance(value, str):
        parsed = _parse_date(value.strip())
        if parsed is None:
            return None
    else:
        raise ValueError("a date must be text")
    if parsed.year < _EARLIEST_YEAR or _ahead_of_now(parsed):
        raise ValueError("not a plausible publication date")
    if not isinstance(parsed, datetime):
        return parsed.isoformat()
    text = str(value)
    midnight = parsed.hour == parsed.minute == parsed.second == 0
    if midnight and parsed.tzinfo is None and not re.search(r"\d{1,2}:\d{2}", text):
        return parsed.date().isoformat()  # the input gave a date without a time
    return parsed.isoformat()


def _parse_date(text: str) -> date | datetime | None:
    if not text:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return date.fromisoformat(text)
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        # Fields the text leaves out come from the default: year 1 marks a missing year.
        return dateparser.parse(text, default=datetime(1, 1, 1))


def _ahead_of_now(moment: date | datetime) -> bool:
    """Whether a date lies more than ``_AHEAD`` in the future (a date alone counts from its
    midnight; a time without a zone is read as UTC)."""
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, time())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment > datetime.now(UTC) + _AHEAD


def _text_language(declared: object, title: object, text: str) -> tuple[str, ...] | None:
    """The language py3langid reads in the text, with a warning when it contradicts the
    declared one; None when the declared language (or none) stands.

    The title is read with the body, never alone: a headline is too short to classify. The
    text's language wins when py3langid is sure of it; otherwise the declared one stands, and
    with nothing declared a likely guess is kept and an unlikely one left unknown.
    """
    code, confidence = identify(f"{title}\n\n{text}" if title else text)
    if declared == code or confidence < (_SURE if declared else _LIKELY):
        return None
    if not declared:
        return (code,)
    said, read = language_name(str(declared)), language_name(code)
    return code, f"the page says {said} ({declared}) but its text is {read} ({code}); kept {code}"


def _language(value: object) -> str | None:
    code = re.split(r"[-_]", str(value).strip())[0].lower()
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def _canonical_url(value: object) -> str | None:
    text = str(value).strip()
    if not re.match(r"https?://", text, re.I):
        return None
    return normalize_url(text, strict=True)
