"""Turn what the user named (paths, folders, globs, ``-``, URLs) into readable inputs."""

from __future__ import annotations

import glob
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sourcetrace.ingest.errors import ReadError
from sourcetrace.ingest.formats import EXTENSIONS
from sourcetrace.store import Problem

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
            yield from (Input("path", str(p)) for p in found)
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
    """The bytes of a path or of stdin, refusing anything over ``max_bytes``."""
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
        size = os.path.getsize(item.locator)
        if size > max_bytes:
            raise ReadError(
                f"{size / 1e6:.1f} MB, above the {max_bytes / 1e6:g} MB size cap {cap_hint}"
            )
        with open(item.locator, "rb") as fh:
            return fh.read()
    except IsADirectoryError:
        raise ReadError("is a folder, not a file") from None
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}") from None
