"""A generated corpus of hostile inputs mixed with good articles, for the hostile-input tests.

Every case is a file (or a name on the command line) that a tester used to break ingest, in
several sizes and shapes, beside good articles that must survive it. Each good article carries
a marker word of its own in its title and text, so a test can count how often it was stored:
once is right, never is a lost article, twice is a duplicate. Bad cases that must store
nothing carry a marker too. Everything here is written by us; nothing comes from a real outlet.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.ingest.test_hostile_files import _warc_record


@dataclass(slots=True)
class Case:
    """One input of the corpus. ``good`` markers must each be stored exactly once; ``never``
    markers must not be stored at all."""

    category: str
    path: Path
    good: list[str] = field(default_factory=list)
    never: list[str] = field(default_factory=list)
    #: Named on the command line rather than found by the folder walk.
    named: bool = False


@dataclass(slots=True)
class Corpus:
    folder: Path
    cases: list[Case] = field(default_factory=list)
    #: Open sockets bound to socket files in the corpus; closed by :meth:`close`.
    sockets: list[socket.socket] = field(default_factory=list)

    @property
    def specs(self) -> list[str]:
        """What to pass to ``ingest``: the folder, then the named cases."""
        return [str(self.folder)] + [str(c.path) for c in self.cases if c.named]

    @property
    def good(self) -> list[str]:
        return [marker for case in self.cases for marker in case.good]

    @property
    def never(self) -> list[str]:
        return [marker for case in self.cases for marker in case.never]

    def close(self) -> None:
        for sock in self.sockets:
            sock.close()


_count = iter(range(1, 1_000_000))


def marker() -> str:
    """A word that appears nowhere else: ``Qelmarv017``."""
    return f"Qelmarv{next(_count):03d}"


def body(word: str, sentences: int = 4) -> str:
    lines = [
        f"The ferry board at Tessel Quay met on Tuesday to discuss {word} and the timetable.",
        f'"We will publish the {word} figures next week," said harbour master Ilse Varnholt.',
        "Crews said the new berth would open in May if the weather held.",
        f"According to the port authority, the {word} works will cost about $2 million.",
    ]
    return "\n\n".join(lines[:sentences])


def txt(title: str, word: str, front: str = "") -> bytes:
    head = f"---\n{front}title: {title}\n---\n" if front or title else ""
    return (head + body(word) + "\n").encode()


def html(title: str, word: str, url: str, *, truncate: bool = False) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in body(word).split("\n\n"))
    page = (
        f'<!doctype html><html><head><meta charset="utf-8"><title>{title}</title>'
        f'<link rel="canonical" href="{url}"><meta property="og:url" content="{url}">'
        f"</head><body><article><h1>{title}</h1>{paragraphs}"
        f"<p>The board closed its meeting with a vote on the {word} plan, which passed easily.</p>"
        "</article></body></html>"
    )
    if truncate:
        page = page[: page.index("which passed") + len("which pa")]
    return page.encode()


def alias_bomb(depth: int, width: int) -> bytes:
    """YAML front matter whose aliases expand to ``width ** depth`` strings in the title."""
    lines = ["a0: &a0 [" + ",".join(["xx"] * width) + "]"]
    for level in range(1, depth):
        refs = ",".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{refs}]")
    lines.append(f"title: *a{depth - 1}")
    return ("---\n" + "\n".join(lines) + "\n---\n" + body("alias") + "\n").encode()


def build(folder: Path) -> Corpus:
    """Write the corpus under ``folder`` (created) and describe it."""
    folder.mkdir(parents=True, exist_ok=True)
    outside = folder.parent / f"{folder.name}-outside"
    outside.mkdir(exist_ok=True)
    corpus = Corpus(folder)
    for cases in (
        _alias_bombs(folder),
        _special_files(folder, corpus),
        _deep_json(folder),
        _truncated_copies(folder),
        _terminal_escapes(folder),
        _dates_and_encodings(folder),
        _symlinks(folder, outside),
        _good_articles(folder),
    ):
        corpus.cases.extend(cases)
    return corpus


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _alias_bombs(folder: Path) -> Iterator[Case]:
    """Item 3: front matter with nested aliases, up to 25 million characters once expanded,
    each followed by a good article."""
    merge = "---\nbase: &b {x: [a, b, c]}\nmore: &m {<<: *b, y: *b}\ntitle: Quay\nother: *m\n---\n"
    path = _write(folder / "alias-merge-keys.txt", (merge + body("merge") + "\n").encode())
    yield Case("YAML alias bombs", path)
    for depth, width in ((2, 9), (3, 9), (4, 9), (5, 9), (6, 9), (7, 9), (12, 2), (5, 30)):
        path = _write(folder / f"alias-{depth}-{width}.txt", alias_bomb(depth, width))
        yield Case("YAML alias bombs", path)
        word = marker()
        path = _write(folder / f"alias-{depth}-{width}-after.txt", txt(f"Berth plan {word}", word))
        yield Case("YAML alias bombs", path, good=[word])


def _special_files(folder: Path, corpus: Corpus) -> Iterator[Case]:
    """Item 4: FIFOs (in the folder and named), a socket, a device, each beside a good article."""
    word = marker()
    yield Case("FIFOs, sockets, devices", _write(folder / "fifo-0.txt", txt(word, word)), [word])
    for name in ("fifo-1.txt", "fifo-2.html", "fifo-3.jsonl"):
        os.mkfifo(folder / name)
        yield Case("FIFOs, sockets, devices", folder / name)
    named = folder.parent / f"{folder.name}-named.txt"
    if not named.exists():
        os.mkfifo(named)
    yield Case("FIFOs, sockets, devices", named, named=True)
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "socket.txt"))
    corpus.sockets.append(sock)
    yield Case("FIFOs, sockets, devices", folder / "socket.txt")
    yield Case("FIFOs, sockets, devices", Path("/dev/zero"), named=True)
    word = marker()
    yield Case("FIFOs, sockets, devices", _write(folder / "fifo-9.txt", txt(word, word)), [word])


def _deep_json(folder: Path) -> Iterator[Case]:
    """Item 7: lines nested past any parser's stack, each followed by a good line."""
    for depth in (100, 1_000, 10_000, 50_000):
        for opener in ('{"a":', "["):
            word = marker()
            good = json.dumps({"title": f"Pier vote {word}", "text": body(word)})
            name = f"deep-{depth}-{'array' if opener == '[' else 'object'}.jsonl"
            data = (opener * depth + "\n" + good + "\n").encode()
            yield Case("Deep JSON", _write(folder / name, data), good=[word])
    for depth in (100, 10_000, 100_000):
        path = _write(folder / f"deep-whole-{depth}.json", b"[" * depth + b"]" * depth)
        yield Case("Deep JSON", path)
        word = marker()
        record = {
            "title": f"Mooring {word}",
            "text": body(word),
            "tags": json.loads("[" * 50 + "]" * 50),
        }
        path = _write(folder / f"deep-nested-tags-{depth}.json", json.dumps([record]).encode())
        yield Case("Deep JSON", path, good=[word])


def _truncated_copies(folder: Path) -> Iterator[Case]:
    """Item 6: a complete page, then cut-off copies of the same URL (WARC and HTML)."""
    for n in range(5):
        word = marker()
        url = f"https://harbour-news.example/2026/berth-{word.lower()}"
        title = f"Berth vote {word}"
        path = _write(folder / f"trunc-{n}-a.html", html(title, word, url))
        yield Case("Truncated copies", path, good=[word])
        cut = html(title, word, url, truncate=True)
        yield Case("Truncated copies", _write(folder / f"trunc-{n}-b.warc", _warc_record(url, cut)))
        yield Case("Truncated copies", _write(folder / f"trunc-{n}-c.html", cut))


def _terminal_escapes(folder: Path) -> Iterator[Case]:
    """Item 8: escape sequences and line breaks in file names, titles and URLs."""
    hostile = ("\x1b]0;pwned\x07", "\x1b[2J", "\x1b[31m", "\x9b2J", "line\nbreak", "\r")
    for n, sequence in enumerate(hostile):
        word = marker()
        name = f"esc-{n}-{sequence}.txt"
        path = _write(folder / name, f"Quay {sequence} {word}\n\n{body(word)}\n".encode())
        yield Case("Terminal escapes", path, good=[word])
        word = marker()
        record = {
            "title": f"Crane {sequence}{word}",
            "text": body(word),
            "url": f"https://harbour-news.example/{sequence}{word}",
        }
        path = _write(folder / f"esc-{n}.jsonl", (json.dumps(record) + "\n").encode())
        yield Case("Terminal escapes", path, good=[word])
        word = marker()
        url = f"https://harbour-news.example/{sequence}/{word}"
        path = _write(folder / f"esc-{n}.html", html(f"Sluice {sequence} {word}", word, url))
        yield Case("Terminal escapes", path, good=[word])
    yield Case("Terminal escapes", folder / "esc-missing-\x1b]0;x\x07.txt", named=True)


def _dates_and_encodings(folder: Path) -> Iterator[Case]:
    """Item 11: impossible and numeric dates, UTF-16 without a byte-order mark."""
    dates = (
        "-1",
        "2026-13-45",
        "0001-01-01",
        "99999999999",
        "[1, 2]",
        "{}",
        "2026-02-30",
        "1899-12-31",
        "3000-01-01",
        "tomorrow",
    )
    for n, date in enumerate(dates):
        word = marker()
        front = f"published: {date}\n"
        path = _write(folder / f"date-{n}.txt", txt(word, word, front))
        yield Case("Dates and encodings", path, good=[word])
        word = marker()
        value = _json_or_text(date)
        record = json.dumps({"title": f"Dock {word}", "text": body(word), "date": value})
        path = _write(folder / f"date-{n}.jsonl", record.encode())
        yield Case("Dates and encodings", path, good=[word])
    for codec in ("utf-16-le", "utf-16-be"):
        word = marker()
        data = txt(f"Tide table {word}", word).decode().encode(codec)
        yield Case("Dates and encodings", _write(folder / f"utf16-{codec}.txt", data), good=[word])


def _symlinks(folder: Path, outside: Path) -> Iterator[Case]:
    """Item 11: links inside the folder to files outside it, and a loop."""
    word = marker()
    secret = _write(outside / "secret.txt", txt(f"Outside {word}", word))
    (folder / "link-out.txt").unlink(missing_ok=True)
    (folder / "link-out.txt").symlink_to(secret)
    yield Case("Symbolic links", folder / "link-out.txt", never=[word])
    (folder / "link-passwd.txt").unlink(missing_ok=True)
    (folder / "link-passwd.txt").symlink_to("/etc/passwd")
    yield Case("Symbolic links", folder / "link-passwd.txt")
    (folder / "link-loop.txt").unlink(missing_ok=True)
    (folder / "link-loop.txt").symlink_to(folder / "link-loop.txt")
    yield Case("Symbolic links", folder / "link-loop.txt")
    word = marker()
    inside = _write(folder / "link-target.txt", txt(f"Inside {word}", word))
    (folder / "link-in.txt").unlink(missing_ok=True)
    (folder / "link-in.txt").symlink_to(inside)
    yield Case("Symbolic links", folder / "link-in.txt")
    yield Case("Symbolic links", inside, good=[word])


def _good_articles(folder: Path) -> Iterator[Case]:
    """Plain good articles in every format, so losses are counted beside the attacks."""
    for n in range(4):
        word = marker()
        path = _write(folder / f"good-{n}.txt", txt(f"Slipway {word}", word))
        yield Case("Good articles", path, good=[word])
        word = marker()
        url = f"https://harbour-news.example/good/{word.lower()}"
        path = _write(folder / f"good-{n}.html", html(f"Dredge {word}", word, url))
        yield Case("Good articles", path, good=[word])
        words = [marker(), marker()]
        lines = [json.dumps({"title": f"Buoy {w}", "text": body(w)}) for w in words]
        path = _write(folder / f"good-{n}.jsonl", "\n".join(lines).encode())
        yield Case("Good articles", path, good=words)


def _json_or_text(value: str) -> object:
    """``-1`` as the number -1, ``[1, 2]`` as a list; what is no JSON stays text."""
    try:
        return json.loads(value)
    except ValueError:
        return value
