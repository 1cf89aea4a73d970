"""What of an article the analyser reads: all of it when its language is supported, only its
English paragraphs when not.

The analyser's models and rules are English. An article stored in another language is never
parsed as English: its other paragraphs are blanked out (spaces, so every offset still
indexes into the article's text), and the analysis says what was left out and why. An article
whose language is unknown is read in full, as before languages were stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sourcetrace.language import identify, language_name

SUPPORTED = frozenset({"en"})
#: An English paragraph inside a foreign article is read when py3langid is this sure of it and
#: it has this many words: shorter lines (names, places, a title) are too short to classify.
ENGLISH_CONFIDENCE = 0.95
ENGLISH_MIN_WORDS = 8
_LINE = re.compile(r"[^\n]*\S[^\n]*")
_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class LanguageGate:
    """The article's language and which character spans of its text the analyser read."""

    code: str | None
    read: list[tuple[int, int]] = field(default_factory=list)
    supported: bool = True

    @property
    def note(self) -> str | None:
        """What a reader must be told, or None when the whole article was analysed."""
        if self.supported:
            return None
        said = f"not analysed: {language_name(str(self.code))} ({self.code}) is not supported yet"
        if not self.read:
            return said
        if len(self.read) == 1:
            return f"{said}; only its English paragraph was analysed"
        return f"{said}; only its {len(self.read)} English paragraphs were analysed"

    def clip(self, start: int, end: int) -> int:
        """``end`` cut back to the end of the read span holding ``start``: a sentence's
        trailing whitespace must not run on over text that was blanked out."""
        if self.supported:
            return end
        return next((min(end, e) for s, e in self.read if s <= start < e), end)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": language_name(self.code) if self.code else None,
            "supported": self.supported,
            "analysed": [list(span) for span in self.read],
            "note": self.note,
        }


def language_gate(text: str, language: str | None) -> LanguageGate:
    """Which parts of ``text``, stored as ``language``, the English analyser may read."""
    if language is None or language in SUPPORTED:
        return LanguageGate(language, [(0, len(text))] if text else [])
    english = [
        (line.start(), line.end())
        for line in _LINE.finditer(text)
        if len(_WORD.findall(line.group())) >= ENGLISH_MIN_WORDS and _is_english(line.group())
    ]
    return LanguageGate(language, english, supported=False)


def readable_text(text: str, gate: LanguageGate) -> str:
    """``text`` with everything outside the gate's spans turned into spaces (line breaks
    kept), so the parser sees only what it may read at the offsets where it stands."""
    if gate.supported:
        return text
    kept = [" " if c != "\n" else c for c in text]
    for start, end in gate.read:
        kept[start:end] = text[start:end]
    return "".join(kept)


def _is_english(line: str) -> bool:
    code, confidence = identify(line)
    return code == "en" and confidence >= ENGLISH_CONFIDENCE
