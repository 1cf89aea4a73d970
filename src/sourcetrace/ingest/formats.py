"""One reader per input format: bytes in, :class:`Draft` (or :class:`Problem`) out.

Containers (JSON, JSONL, WARC, feeds) yield one result per record, so a bad
record is reported alone and never takes its neighbours with it.
"""

from __future__ import annotations

import io
import json
import re
import sys
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import feedparser
import yaml
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from sourcetrace.ingest.build import Draft
from sourcetrace.ingest.decode import declared_html_charset, decode
from sourcetrace.ingest.errors import ReadError
from sourcetrace.ingest.fetch import Fetcher
from sourcetrace.ingest.html import extract_page
from sourcetrace.records import TRUNCATED, Problem

FORMATS = ("txt", "html", "json", "jsonl", "warc", "feed")
EXTENSIONS = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".warc.gz": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
JSON_FIELDS = (
    "id",
    "url",
    "title",
    "text",
    "html",
    "date",
    "modified",
    "outlet",
    "authors",
    "language",
)
#: Other names a JSON record may give a field, read when the field's own name is absent
#: (the first present wins), unless ``--field`` names the one to read.
JSON_ALIASES: dict[str, tuple[str, ...]] = {
    "date": (
        "published",
        "published_at",
        "publishedAt",
        "pubdate",
        "pubDate",
        "datePublished",
        "publish_date",
    ),
    "modified": ("dateModified", "updated", "updated_at"),
    "authors": ("author",),
}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
#: Deepest nesting of JSON arrays and objects read; article records need a handful of levels.
MAX_JSON_DEPTH = 64
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_JSON_BRACKET = re.compile(r"[\[\]{}]")

Result = Draft | Problem


class _FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML for front matter, bounded: aliases are refused, since nested aliases expand
    exponentially (a few hundred bytes become gigabytes), and dates stay text so the article
    builder judges them (a bad date is then a warning, not a failed file)."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise ReadError(
                "front matter uses a YAML alias (*name), which is not allowed;"
                " write the value out in full"
            )
        return super().compose_node(parent, index)


_FrontMatterLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str
)


@dataclass(slots=True)
class ReadContext:
    """What readers may need beyond the bytes: field names, and a fetcher for feeds."""

    field_map: dict[str, str] = field(default_factory=dict)
    fetcher: Fetcher | None = None


def sniff(data: bytes) -> str:
    """Guess the format of bytes with no telling file name (stdin, URLs)."""
    if data[:2] == b"\x1f\x8b":
        return "warc" if _gunzip_head(data).startswith(b"WARC/") else "txt"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"warc/"):
        return "warc"
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"["):
        return "json"
    if re.search(rb"<(rss|feed|rdf:rdf)[\s>]", head):
        return "feed"
    if head.startswith(b"<"):
        return "html"
    return "txt"


def _gunzip_head(data: bytes) -> bytes:
    """The first bytes of gzip data, without inflating all of it."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:4096], 64)
    except zlib.error:
        return b""


def read(
    fmt: str,
    data: bytes,
    source: str,
    ctx: ReadContext,
    url: str | None = None,
    charset: str | None = None,
) -> Iterator[Result]:
    """Dispatch to the reader for ``fmt``; a single-item reader's ReadError becomes a Problem."""
    reader = _READERS[fmt]
    try:
        yield from reader(data, source, ctx, url, charset)
    except ReadError as exc:
        yield Problem(source, str(exc))


# -- single articles ------------------------------------------------------------------------


def read_txt(
    data: bytes, source: str, ctx: ReadContext, url: str | None = None, charset: str | None = None
) -> Iterator[Result]:
    """Plain text: optional YAML front matter; else the first line is the title."""
    decoded = decode(data, declared=charset)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    draft = Draft([], source, "txt", data, "text/plain", "txt", encoding=decoded.encoding)
    draft.warnings += decoded.warnings
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            meta = yaml.load(match.group(1), Loader=_FrontMatterLoader) or {}
        except (yaml.YAMLError, ValueError) as exc:
            raise ReadError(f"front matter is not valid YAML ({_first_line(exc)})") from None
        if not isinstance(meta, dict):
            raise ReadError("front matter is not a set of key: value lines")
        _add_record_fields(draft, meta, "front-matter")
        text = text[match.end() :]
    body = text.strip("\n")
    first, _, rest = body.partition("\n")
    if "title" not in draft.fields and rest.strip():  # a file of one line is all text
        draft.add("title", "first-line", first.strip())
        body = rest
    draft.paragraphs = _text_paragraphs(body)
    if url:
        draft.add("url", "input", url)
    yield draft


def _text_paragraphs(text: str) -> list[str]:
    """Blank-line separated blocks (hard wraps joined); with no blank lines, one per line."""
    text = text.strip()
    if re.search(r"\n[ \t]*\n", text):
        blocks = re.split(r"\n[ \t]*\n", text)
        return [" ".join(b.split()) for b in blocks if b.strip()]
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def read_html(
    data: bytes,
    source: str,
    ctx: ReadContext,
    url: str | None = None,
    charset: str | None = None,
) -> Iterator[Result]:
    decoded = decode(data, declared=charset or declared_html_charset(data))
    page = extract_page(decoded.text, url)
    draft = Draft(
        page.paragraphs,
        source,
        "html",
        data,
        "text/html",
        page.text_stage,
        dict(page.fields),
        encoding=decoded.encoding,
        warnings=list(decoded.warnings),
    )
    if page.truncated:
        draft.warnings.append(TRUNCATED)
    draft.add("url", "input", url)
    yield draft


# -- containers -----------------------------------------------------------------------------


def read_json(
    data: bytes, source: str, ctx: ReadContext, url: str | None = None, charset: str | None = None
) -> Iterator[Result]:
    """A JSON object or a list of them; then one warning naming the fields no record's
    field was read from."""
    doc = _parse_json(decode(data, declared=charset).text)
    records = doc if isinstance(doc, list) else [doc]
    unread: dict[str, int] = {}
    for index, record in enumerate(records):
        raw = data if len(records) == 1 else None
        yield from _counted(_record(record, f"{source}#{index}", raw, ctx), record, ctx, unread)
    yield from _unread_warning(source, unread, len(records))


def read_jsonl(
    data: bytes, source: str, ctx: ReadContext, url: str | None = None, charset: str | None = None
) -> Iterator[Result]:
    """One JSON object per line; a bad line is reported with its number. Then one warning
    naming the fields no record's field was read from."""
    decoded = decode(data, declared=charset)
    unread: dict[str, int] = {}
    records = 0
    for number, line in enumerate(decoded.text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}#L{number}"
        try:
            record = _parse_json(line)
        except ReadError as exc:
            yield Problem(where, str(exc))
            continue
        records += 1
        yield from _counted(_record(record, where, line.encode("utf-8"), ctx), record, ctx, unread)
    yield from _unread_warning(source, unread, records)


def _field_names(ctx: ReadContext) -> dict[str, tuple[str, ...]]:
    """The names each field of ours is read from, in order: the one ``--field`` gives, else
    its own name and its :data:`JSON_ALIASES`."""
    return {
        f: (ctx.field_map[f],) if f in ctx.field_map else (f, *JSON_ALIASES.get(f, ()))
        for f in JSON_FIELDS
    }


def _counted(
    results: Iterator[Result], record: object, ctx: ReadContext, unread: dict[str, int]
) -> Iterator[Result]:
    """The record's results; when it was read (a draft), each of its names that no field of
    ours is read from is counted in ``unread`` (a record not read says what it holds)."""
    for result in results:
        if isinstance(result, Draft) and isinstance(record, dict):
            read = {name for names in _field_names(ctx).values() for name in names}
            for name in record:
                if name not in read:
                    unread[name] = unread.get(name, 0) + 1
        yield result


def _unread_warning(source: str, unread: dict[str, int], records: int) -> Iterator[Problem]:
    """One warning for a file's fields that were not read, with how many records had each."""
    if not unread:
        return
    listed = ", ".join(
        f"{name!r}" + (f" ({unread[name]} of {records} records)" if records > 1 else "")
        for name in sorted(unread)
    )
    yield Problem(
        source,
        f"fields not read: {listed}; read one as ours with --field OURS=THEIRS, OURS one of"
        f" {', '.join(JSON_FIELDS)} (e.g. --field date=when)",
        "warning",
    )


def _parse_json(text: str) -> object:
    """``json.loads`` with a nesting limit, checked before parsing: Python's parser recurses
    once per level, so a line of 50,000 ``{"a":`` would exhaust the stack."""
    if _json_depth_over(text, MAX_JSON_DEPTH):
        raise ReadError(f"JSON nested more than {MAX_JSON_DEPTH} levels deep; not read")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReadError(
            f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    except ValueError:  # the one other failure: an integer longer than Python converts
        raise ReadError(
            f"invalid JSON: a number has more than {sys.get_int_max_str_digits()} digits"
        ) from None


def _json_depth_over(text: str, limit: int) -> bool:
    """Whether arrays and objects nest deeper than ``limit`` (brackets inside strings aside)."""
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    for bracket in _JSON_BRACKET.finditer(_JSON_STRING.sub('""', text)):
        depth += 1 if bracket.group() in "[{" else -1
        if depth > limit:
            return True
    return False


def _record(record: object, where: str, raw: bytes | None, ctx: ReadContext) -> Iterator[Result]:
    if not isinstance(record, dict):
        yield Problem(where, f"expected a JSON object, got {type(record).__name__}")
        return
    read_from = _field_names(ctx)
    names = {
        f: next((n for n in found if record.get(n) not in (None, "")), found[0])
        for f, found in read_from.items()
    }
    values = {f: record.get(name) for f, name in names.items()}
    raw = raw if raw is not None else json.dumps(record, ensure_ascii=False).encode("utf-8")
    try:
        if isinstance(values["text"], str) and values["text"].strip():
            draft = Draft(
                _text_paragraphs(values["text"]), where, "json", raw, "application/json", "input"
            )
        elif isinstance(values["html"], str) and values["html"].strip():
            page = extract_page(
                values["html"], values["url"] if isinstance(values["url"], str) else None
            )
            draft = Draft(
                page.paragraphs,
                where,
                "json",
                raw,
                "application/json",
                page.text_stage,
                dict(page.fields),
            )
        else:
            present = ", ".join(sorted(record)) or "none"
            yield Problem(
                where,
                f"no {names['text']!r} or {names['html']!r} field (fields present: {present});"
                " use --field text=NAME to name the text field",
            )
            return
    except ReadError as exc:
        yield Problem(where, str(exc))
        return
    draft.external_id = str(values["id"]) if values["id"] not in (None, "") else None
    _add_record_fields(draft, {k: values[k] for k in JSON_FIELDS}, "input")
    yield draft


def _add_record_fields(draft: Draft, meta: dict, stage: str) -> None:
    """Fields the input states outright; they come before anything extracted from a page."""
    for name, key in (
        ("title", "title"),
        ("url", "url"),
        ("outlet", "outlet"),
        ("authors", "authors"),
        ("authors", "author"),
        ("published", "date"),
        ("published", "published"),
        ("modified", "modified"),
        ("language", "language"),
    ):
        draft.prefer(name, stage, meta.get(key))


def read_warc(
    data: bytes, source: str, ctx: ReadContext, url: str | None = None, charset: str | None = None
) -> Iterator[Result]:
    """HTML responses in a WARC file (other records are skipped).

    The records are read first, then turned into drafts. warcio counts the damaged records it
    steps over; they become one problem line of ours instead of warcio's note on stderr.
    """
    head = _gunzip_head(data) if data[:2] == b"\x1f\x8b" else data[:16]
    if not head.startswith(b"WARC/"):
        raise ReadError("not a readable WARC file (it does not start with a WARC/1.x header)")
    records: list[_WarcRecord | Problem] = []
    count, stopped = 0, None
    archive = _QuietArchiveIterator(io.BytesIO(data))
    try:
        for record in archive:
            count += 1
            records.extend(_warc_record(record, source))
    except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
        stopped = _first_line(exc)
    if stopped and not count:
        raise ReadError(f"not a readable WARC file ({stopped})")
    if not count:
        raise ReadError("not a readable WARC file (no WARC records in it)")
    for entry in records:
        if isinstance(entry, Problem):
            yield entry
            continue
        try:
            yield from read_html(entry.payload, entry.where, ctx, entry.url, entry.charset)
        except ReadError as exc:
            yield Problem(entry.where, str(exc))
    if archive.err_count:
        yield Problem(
            source,
            "damaged WARC file: a record's stated length (Content-Length) does not match its"
            " data, so a page read from it may be cut short or run into the next record",
            "warning",
        )
    if stopped:
        yield Problem(source, f"stopped reading at a damaged WARC record after {count}: {stopped}")
    elif not records:
        yield Problem(source, f"no HTML responses among its {count} WARC records", "warning")


class _QuietArchiveIterator(ArchiveIterator):
    """warcio's iterator without its note on stderr about a record whose stated length is
    wrong (it formats this template and writes the result); ``err_count`` still counts them."""

    INC_RECORD = ""


@dataclass(slots=True)
class _WarcRecord:
    where: str
    url: str | None
    charset: str | None
    payload: bytes


def _warc_record(record, source: str) -> Iterator[_WarcRecord | Problem]:
    """An archived HTML page (or why it is not read); other kinds of record yield nothing."""
    if record.rec_type not in ("response", "resource"):
        return
    target = record.rec_headers.get_header("WARC-Target-URI") or ""
    where = f"{source}#{target or record.rec_headers.get_header('WARC-Record-ID')}"
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode()
        if status and not status.startswith("2"):
            yield Problem(where, f"archived response is HTTP {status}")
            return
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    if "html" not in content_type.lower():
        return
    charset = None
    if "charset=" in content_type.lower():
        charset = content_type.lower().split("charset=")[1].split(";")[0].strip()
    yield _WarcRecord(where, target or None, charset, record.content_stream().read())


def read_feed(
    data: bytes, source: str, ctx: ReadContext, url: str | None = None, charset: str | None = None
) -> Iterator[Result]:
    """RSS or Atom: each entry's linked page is fetched; the feed's text is the fallback.
    ``url`` is where the feed was fetched from (None for a file): only the links of a feed
    the user typed that stay on its host may reach private addresses (see ``Fetcher``)."""
    feed = feedparser.parse(data)
    if not feed.entries:
        if feed.bozo:
            raise ReadError(f"not a readable RSS/Atom feed ({_first_line(feed.bozo_exception)})")
        raise ReadError("the feed has no entries")
    feed_title = feed.feed.get("title")
    for index, entry in enumerate(feed.entries):
        link = entry.get("link")
        where = link or f"{source}#entry{index}"
        drafts = list(_feed_entry_page(entry, link, where, ctx, url))
        for result in drafts:
            if isinstance(result, Draft):
                result.add("title", "feed", entry.get("title"))
                result.add("authors", "feed", entry.get("author"))
                result.add("published", "feed", entry.get("published") or entry.get("updated"))
                result.add("outlet", "feed", feed_title)
            yield result


def _feed_entry_page(
    entry, link: str | None, where: str, ctx: ReadContext, feed_url: str | None
) -> Iterator[Result]:
    reason = "the entry has no link"
    if link and ctx.fetcher is not None:
        try:
            fetched = ctx.fetcher.fetch_link(link, feed_url)
            yield from read_html(fetched.content, where, ctx, fetched.url, fetched.charset)
            return
        except ReadError as exc:
            reason = f"cannot fetch the linked page: {exc}"
    content = (entry.get("content") or [{}])[0].get("value") or entry.get("summary") or ""
    if len(content) < 200:
        yield Problem(where, reason)
        return
    try:
        page = extract_page(content, link)
    except ReadError:
        yield Problem(where, reason)
        return
    draft = Draft(
        page.paragraphs, where, "feed", content.encode("utf-8"), "text/html", "feed-content"
    )
    draft.warnings.append(f"{reason}; used the text the feed carries")
    draft.add("url", "feed", link)
    yield draft


def _first_line(exc: object, limit: int = 200) -> str:
    """The first line of an error's message, cut to ``limit`` characters."""
    line = str(exc).strip().splitlines()[0] if str(exc).strip() else "no details"
    return line if len(line) <= limit else line[: limit - 1] + "…"


_READERS: dict[str, Callable[..., Iterator[Result]]] = {
    "txt": read_txt,
    "html": read_html,
    "json": read_json,
    "jsonl": read_jsonl,
    "warc": read_warc,
    "feed": read_feed,
}
