"""``ingest()``: read every input, build articles, and store them in atomic batches.

A failure in one item is recorded (one line, one ``errors`` row) and the run
goes on. Batches commit as they fill, so a killed run loses at most the
batch in hand, and running it again stores every article exactly once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, BinaryIO

from sourcetrace.article import Article, raw_key
from sourcetrace.config import SETTINGS, load_settings
from sourcetrace.ingest.build import Draft, build_article
from sourcetrace.ingest.errors import ReadError
from sourcetrace.ingest.fetch import Fetcher
from sourcetrace.ingest.formats import ReadContext, read, sniff
from sourcetrace.ingest.sources import Input, expand, read_bytes
from sourcetrace.records import KEPT_STORED_TEXT, Problem, RunSummary
from sourcetrace.store import Store

_CONTENT_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/json": "json",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/warc": "warc",
    "text/plain": "txt",
}


_DEFAULT = {s.name: s.default for s in SETTINGS}


@dataclass(slots=True)
class IngestOptions:
    """How to ingest; defaults are the settings table's (``sourcetrace.config.SETTINGS``)."""

    max_bytes: int = _DEFAULT["max_bytes"]
    timeout: float = _DEFAULT["timeout"]
    retries: int = _DEFAULT["retries"]
    backoff: float = _DEFAULT["backoff"]
    user_agent: str = _DEFAULT["user_agent"]
    batch_size: int = _DEFAULT["batch_size"]
    #: Any URL may reach loopback, private, link-local and reserved addresses.
    allow_private_urls: bool = _DEFAULT["allow_private_urls"]
    #: The input URLs were typed by the user (the command line), so their own hosts, and the
    #: links to those hosts in the feeds they name, may be at any address. A web job's are not.
    typed_urls: bool = True
    #: Outlet for articles whose page names none and that have no URL.
    outlet: str | None = None
    #: Force one input format instead of guessing from names and content.
    format: str | None = None
    #: Our field name -> the input's field name, for JSON and JSONL.
    field_map: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_settings(cls, **overrides: Any) -> IngestOptions:
        """Options from the resolved settings (defaults < file < env < ``overrides``)."""
        settings = load_settings({k: v for k, v in overrides.items() if v is not None})
        names = {f.name for f in fields(cls)}
        values = {k: v for k, v in settings.items() if k in names}
        values.update({k: v for k, v in overrides.items() if k in names and v is not None})
        return cls(**values)

    @classmethod
    def for_web_job(cls, **overrides: Any) -> IngestOptions:
        """Options for a job started from the browser: its URLs come from a web page, not the
        user's command line, so they reach only public addresses (``allow_private_urls``
        lifts that)."""
        return cls.from_settings(**overrides, typed_urls=False)


@dataclass(slots=True)
class IngestResult:
    run_id: int
    summary: RunSummary
    problems: list[Problem]

    @property
    def exit_code(self) -> int:
        return 1 if self.summary.failed else 0


def ingest(
    specs: Sequence[str],
    store: Store,
    options: IngestOptions | None = None,
    *,
    on_problem: Callable[[Problem], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    stdin: BinaryIO | None = None,
) -> IngestResult:
    """Ingest files, folders, globs, ``-`` (stdin) and URLs into ``store``."""
    options = options or IngestOptions()
    started = time.perf_counter()
    run_id = store.start_run(list(specs))
    problems: list[Problem] = []
    batch: list[Article] = []
    pending: list[Problem] = []
    unchanged = 0

    def note(problem: Problem) -> None:
        problems.append(problem)
        pending.append(problem)
        if on_problem:
            on_problem(problem)

    def flush() -> None:
        nonlocal unchanged
        outcomes = store.save_batch(run_id, batch, pending, unchanged)
        for article, outcome in zip(batch, outcomes, strict=True):
            if outcome == "kept":  # the store recorded this warning with the batch
                kept = Problem(article.source, KEPT_STORED_TEXT, "warning")
                problems.append(kept)
                if on_problem:
                    on_problem(kept)
        batch.clear()
        pending.clear()
        unchanged = 0

    fetcher = _fetcher(options)
    ctx = ReadContext(field_map=dict(options.field_map), fetcher=fetcher)
    items = list(expand(list(specs)))
    try:
        for done, item in enumerate(items, start=1):
            if isinstance(item, Problem):
                note(item)
                continue
            for result in _read_input(item, options, ctx, stdin, store.has_raw):
                if isinstance(result, Unchanged):
                    unchanged += 1
                elif isinstance(result, Problem):
                    note(result)
                else:
                    try:
                        article = build_article(result, fallback_outlet=options.outlet)
                    except ReadError as exc:
                        note(Problem(result.source, str(exc)))
                    else:
                        for warning in article.warnings:
                            note(Problem(article.source, warning, "warning"))
                        batch.append(article)
                if len(batch) + len(pending) + unchanged >= options.batch_size:
                    flush()
            if on_progress:
                on_progress(done, len(items))
        flush()
    finally:
        fetcher.close()
    summary = store.finish_run(run_id, time.perf_counter() - started)
    return IngestResult(run_id, summary, problems)


def _fetcher(options: IngestOptions) -> Fetcher:
    return Fetcher(
        user_agent=options.user_agent,
        timeout=options.timeout,
        retries=options.retries,
        backoff=options.backoff,
        max_bytes=options.max_bytes,
        allow_private=options.allow_private_urls,
        typed_inputs=options.typed_urls,
    )


@dataclass(slots=True)
class Unchanged:
    """An input whose exact bytes this version already stored: nothing to extract."""

    source: str


def _read_input(
    item: Input,
    options: IngestOptions,
    ctx: ReadContext,
    stdin: BinaryIO | None,
    known: Callable[[str, str], bool],
) -> Iterator[Draft | Problem | Unchanged]:
    """Everything one input yields; nothing it raises escapes as an exception."""
    try:
        if item.kind == "url":
            assert ctx.fetcher is not None
            fetched = ctx.fetcher.fetch(item.locator)
            data, source, url, charset = fetched.content, fetched.url, fetched.url, fetched.charset
            fmt = options.format or _CONTENT_TYPES.get(fetched.content_type) or sniff(data)
        else:
            data = read_bytes(item, options.max_bytes, stdin)
            source = "-" if item.kind == "stdin" else str(Path(item.locator).resolve())
            url = charset = None
            fmt = options.format or item.format_hint or sniff(data)
        # One file, one article: the same bytes from the same place need no second extraction.
        if fmt in ("txt", "html") and source != "-" and known(source, raw_key(data)):
            yield Unchanged(source)
            return
        yield from read(fmt, data, source, ctx, url, charset)
    except ReadError as exc:
        yield Problem(item.locator, str(exc))
    except Exception as exc:  # one bad item must never stop the run: record it and go on
        detail = " ".join(str(exc).split())[:200] or "no details"
        yield Problem(
            item.locator,
            f"could not be read because of a fault in sourcetrace ({detail});"
            " the rest of the run went on. Please report it with this file",
        )


def read_articles(
    specs: Sequence[str],
    options: IngestOptions | None = None,
    *,
    as_is: bool = False,
    stdin: BinaryIO | None = None,
) -> Iterator[Article | Problem]:
    """Articles from inputs without storing them (for ``sourcetrace extract``).

    With ``as_is`` every input is one article whose text is the input's decoded text exactly,
    with no cleaning, so that character offsets index into the file as it is on disk.
    """
    from sourcetrace.ingest.decode import decode

    options = options or IngestOptions()
    fetcher = _fetcher(options)
    ctx = ReadContext(field_map=dict(options.field_map), fetcher=fetcher)
    try:
        for item in expand(list(specs)):
            if isinstance(item, Problem):
                yield item
                continue
            if as_is:
                try:
                    data = (
                        fetcher.fetch(item.locator).content
                        if item.kind == "url"
                        else read_bytes(item, options.max_bytes, stdin)
                    )
                    text = decode(data).text
                except ReadError as exc:
                    yield Problem(item.locator, str(exc))
                    continue
                name = Path(item.locator).stem if item.kind == "path" else item.locator
                yield Article(
                    id=name,
                    text=text,
                    paragraphs=[],
                    outlet=options.outlet,
                    source=item.locator,
                    format="as-is",
                )
                continue
            for result in _read_input(item, options, ctx, stdin, lambda *_: False):
                if isinstance(result, Problem):
                    yield result
                elif isinstance(result, Draft):
                    try:
                        yield build_article(result, fallback_outlet=options.outlet)
                    except ReadError as exc:
                        yield Problem(result.source, str(exc))
    finally:
        fetcher.close()
