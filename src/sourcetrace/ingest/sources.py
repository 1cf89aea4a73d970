"""Turn what the user named (paths, folders, globs, ``-``, URLs) into readable inputs."""

from __future__ import annotations

import glob
import os
import re
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sourcetrace.ingest.errors import ReadError
from sourcetrace.ingest.formats import EXTENSIONS
from sourcetrace.records import Problem

_URL = re.compile(r"^https?://", re.I)


@dataclass(slots=True, frozen=True)
class Input:
    """One thing to read: a file, a URL, or standard input."""

    kind: str  # path | url | stdin
    locator: str

    @property
    def format_hint(self) -> str | None:
        if self.kind != "path":
            return None
        name = self.locator.lower()
        for ext in sorted(EXTENSIONS, key=len, reverse=True):
            if name.endswith(ext):
                return EXTENSIONS[ext]
        return None


def expand(specs: list[str]) -> Iterator[Input | Problem]:
    """Inputs in the order named; folders recursively (known extensions, no hidden files)."""
    for spec in specs:
        if spec == "-":
            yield Input("stdin", "-")
        elif _URL.match(spec):
            yield Input("url", spec)
        elif os.path.isdir(spec):
            found = sorted(_walk(Path(spec)))
            if not found:
                yield Problem(
                    spec, "no article files in this folder (.txt .html .json .jsonl .warc .rss ...)"
                )
            inside = os.path.realpath(spec)
            for path in found:
                if os.path.commonpath([os.path.realpath(path), inside]) != inside:
                    yield Problem(
                        str(path),
                        "a link to a file outside the folder; not read (name the file itself"
                        " to read it)",
                    )
                else:
                    yield Input("path", str(path))
        elif os.path.lexists(spec):
            if not os.path.exists(spec):
                yield Problem(spec, "broken symbolic link")
            else:
                yield Input("path", spec)
        elif glob.has_magic(spec):
            matches = sorted(glob.glob(spec, recursive=True))
            files = [m for m in matches if os.path.isfile(m)]
            if not files:
                yield Problem(spec, "the pattern matches no files")
            yield from (Input("path", m) for m in files)
        else:
            yield Problem(spec, "no such file or folder")


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            path = Path(root) / name
            if Input("path", str(path)).format_hint:
                yield path


def read_bytes(item: Input, max_bytes: int, stdin: BinaryIO | None = None) -> bytes:
    """The bytes of a path or of stdin, refusing anything over ``max_bytes``.

    Only regular files are read: a named pipe would block forever and a device never ends,
    so the kind of file is checked before opening, and again on the opened file (without
    blocking) in case the path was swapped in between.
    """
    cap_hint = "(raise it with --max-bytes)"
    if item.kind == "stdin":
        stream = stdin or sys.stdin.buffer
        data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise ReadError(
                f"standard input is over the {max_bytes / 1e6:g} MB size cap {cap_hint}"
            )
        return data
    try:
        _check_regular(os.stat(item.locator).st_mode)
        fd = os.open(item.locator, os.O_RDONLY | os.O_NONBLOCK)
        with open(fd, "rb") as fh:
            info = os.fstat(fd)
            _check_regular(info.st_mode)
            data = fh.read(max_bytes + 1) if info.st_size <= max_bytes else b""
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}") from None
    if info.st_size > max_bytes or len(data) > max_bytes:
        size = max(len(data), info.st_size)
        raise ReadError(
            f"{size / 1e6:.1f} MB, above the {max_bytes / 1e6:g} MB size cap {cap_hint}"
        )
    return data


_NOT_REGULAR = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


def _check_regular(mode: int) -> None:
    """Raise ReadError unless ``mode`` is a regular file's."""
    if stat.S_ISREG(mode):
        return
    kind = next((name for test, name in _NOT_REGULAR if test(mode)), "an unusual kind of file")
    raise ReadError(f"is {kind}, not a regular file; only regular files are read (skipped)")
