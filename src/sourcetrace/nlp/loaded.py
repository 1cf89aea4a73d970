"""Loaded language: evaluative and emotive wording, in the outlet's own voice or attributed.

The lexicon is the team's (``nlp/data/loaded_terms.txt``: term, tab, category), extended by a
user file named in the ``loaded_terms`` setting (read once, into ``settings.AnalysisSettings``).
Terms match whole words, case-insensitively.
A hit inside an attribution's content is ``attributed`` (someone the article quotes said it);
elsewhere it is the outlet's ``own`` voice. The per-article rate counts own-voice hits per
1,000 own-voice words.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from .artefacts import data_file

LEXICON = "loaded_terms.txt"


@dataclass(slots=True)
class LoadedTerm:
    text: str
    start: int
    end: int
    category: str
    voice: str  # own | attributed

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "category": self.category,
            "voice": self.voice,
        }


def read_lexicon(path: str | Path) -> dict[str, str]:
    """term -> category from a lexicon file; a line that is not ``term<TAB>category`` is an
    error naming the file and line."""
    terms: dict[str, str] = {}
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        term, sep, category = line.partition("\t")
        if not sep or not term.strip() or not category.strip():
            raise ValueError(f"{path}:{number}: expected 'term<TAB>category', got {line!r}")
        terms[" ".join(term.lower().split())] = category.strip()
    return terms


@functools.cache
def lexicon(extra: tuple[tuple[str, str], ...] = ()) -> tuple[re.Pattern[str], dict[str, str]]:
    """The compiled lexicon: the packaged terms plus ``extra`` ``(term, category)`` pairs."""
    terms = read_lexicon(data_file(LEXICON))
    terms.update(extra)
    alternatives = sorted(terms, key=len, reverse=True)
    words = "|".join(r"\s+".join(map(re.escape, t.split())) for t in alternatives)
    return re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.IGNORECASE), terms


def find_loaded_terms(
    text: str, attributed: list[tuple[int, int]], extra: tuple[tuple[str, str], ...] = ()
) -> list[LoadedTerm]:
    """Every lexicon hit in ``text``; ``attributed`` are the attribution content spans."""
    pattern, terms = lexicon(extra)
    found = []
    for match in pattern.finditer(text):
        key = " ".join(match.group(0).lower().split())
        inside = any(s <= match.start() and match.end() <= e for s, e in attributed)
        found.append(
            LoadedTerm(
                match.group(0),
                match.start(),
                match.end(),
                terms[key],
                "attributed" if inside else "own",
            )
        )
    return found


def own_voice_rate(text: str, attributed: list[tuple[int, int]], hits: list[LoadedTerm]) -> float:
    """Own-voice loaded terms per 1,000 words of the text outside attributed content."""
    inside = sum(len(text[s:e].split()) for s, e in _merged(attributed))
    own_words = max(len(text.split()) - inside, 0)
    own_hits = sum(1 for h in hits if h.voice == "own")
    return round(1000 * own_hits / own_words, 2) if own_words else 0.0


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out
