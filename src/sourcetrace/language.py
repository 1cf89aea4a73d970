"""Which language a text is written in, and the language's English name.

Shared by ingestion (which stores an article's language) and analysis (which reads only the
languages it supports). py3langid's probabilities are normalised, so a confidence means the
same for a headline and a long report: a short or mixed text gets a low one.
"""

from __future__ import annotations

from functools import cache

from babel import Locale
from py3langid.langid import MODEL_FILE, LanguageIdentifier

#: Characters read: the first few paragraphs say the language as well as the whole text.
SAMPLE_CHARS = 2000


@cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> tuple[str, float]:
    """The ISO 639-1 code of ``text``'s likeliest language and its probability (0 to 1)."""
    code, confidence = _identifier().classify(text[:SAMPLE_CHARS])
    return code, confidence


@cache
def _names() -> dict[str, str]:
    return dict(Locale("en").languages)


def language_name(code: str) -> str:
    """The English name of a language code ("ru": "Russian"); the code itself when unknown."""
    return _names().get(code, code)
