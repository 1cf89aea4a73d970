"""Per-article language analysis: entities, attributions, chains, quantities, claims.

Everything here is a pure function of an article's text (and the analyser version), so the same
code runs in-process, in a process pool or on Ray. No spaCy object leaves this package: results
are plain, JSON-serialisable data objects.

Importing the package loads neither spaCy nor the fitted models: the analysis names are loaded
on first use, so that reads (reports, exports, the web app), which only need
``analyser_version`` and ``AnalysisSettings``, work where spaCy is not installed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from sourcetrace.nlp.settings import AnalysisSettings
from sourcetrace.nlp.version import ANALYSER_VERSION, analyser_version

if TYPE_CHECKING:
    from sourcetrace.nlp.analysis import ArticleAnalysis, analyse, analyse_many, analyse_text

__all__ = [
    "ANALYSER_VERSION",
    "AnalysisSettings",
    "ArticleAnalysis",
    "analyse",
    "analyse_many",
    "analyse_text",
    "analyser_version",
]

_FROM_ANALYSIS = {"ArticleAnalysis", "analyse", "analyse_many", "analyse_text"}


def __getattr__(name: str) -> Any:
    """The analysis names, from ``nlp.analysis`` (and so spaCy), on first use."""
    if name in _FROM_ANALYSIS:
        return getattr(importlib.import_module("sourcetrace.nlp.analysis"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
