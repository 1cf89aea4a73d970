"""Bytes to text: the encoding is detected, never assumed, and always reported.

Stages, first that succeeds wins:
1. a byte-order mark;
2. UTF-16 without a byte-order mark: NUL bytes in every other position;
3. strict UTF-8;
4. the charset the container declared (HTTP header, ``<meta charset>``);
5. mixed UTF-8 and legacy lines: each line read on its own, with a warning;
6. charset-normalizer's detection.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from charset_normalizer import from_bytes

from sourcetrace.ingest.errors import ReadError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]{1,3}")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f]")


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def declared_html_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "ignore").lower() if match else None


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data``; raise :class:`ReadError` for empty or binary input."""
    if not data.strip():
        raise ReadError("empty file")
    # 1. byte-order mark
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(encoding, errors="replace"), encoding)
    head = data[:8192]
    # 2. UTF-16 without a byte-order mark
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return utf16
    if b"\x00" in head or len(_CONTROL.findall(head)) > len(head) * 0.05:
        raise ReadError("binary data, not text")
    # 3. strict UTF-8
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    # 4. the declared charset
    if declared and declared.replace("_", "-") not in ("utf-8", "utf8"):
        try:
            return Decoded(data.decode(declared), codecs.lookup(declared).name)
        except (LookupError, UnicodeDecodeError):
            pass
    # 5. mixed: real UTF-8 sequences next to bytes that are not UTF-8
    if _UTF8_MULTIBYTE.search(data):
        lines, legacy = [], 0
        for line in data.splitlines(keepends=True):
            try:
                lines.append(line.decode("utf-8"))
            except UnicodeDecodeError:
                lines.append(line.decode("cp1252", errors="replace"))
                legacy += 1
        return Decoded(
            "".join(lines),
            "utf-8+cp1252",
            [f"mixed encodings: {legacy} line(s) were not UTF-8 and were read as windows-1252"],
        )
    # 6. detection
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ReadError("cannot tell the text encoding (binary file?)")
    return Decoded(str(best), codecs.lookup(best.encoding).name)


def _bomless_utf16(data: bytes) -> Decoded | None:
    """UTF-16 text with no byte-order mark, told by its NUL bytes: text in a Latin script has
    a NUL in the high byte of nearly every character (spaces and digits at least), always on
    the same side, which binary data does not. The whole must then decode strictly."""
    head = data[:8192]
    pairs = len(head) // 2
    if pairs < 2 or len(data) % 2:
        return None
    low_nuls, high_nuls = head[0 : pairs * 2 : 2].count(0), head[1 : pairs * 2 : 2].count(0)
    if high_nuls >= pairs * 0.25 and not low_nuls:
        encoding = "utf-16-le"
    elif low_nuls >= pairs * 0.25 and not high_nuls:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    sample = text[:4096]
    if len(re.findall(r"[\x00-\x08\x0e-\x1f]", sample)) > len(sample) * 0.05:
        return None
    return Decoded(text, encoding)
