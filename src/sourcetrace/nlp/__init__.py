"""Per-article language analysis: entities, attributions, chains, quantities, claims.

Everything here is a pure function of an article's text (and the analyser version), so the same
code runs in-process, in a process pool or on Ray. No spaCy object leaves this package: results
are plain, JSON-serialisable data objects.
"""

from sourcetrace.nlp.analysis import (
    ANALYSER_VERSION,
    ArticleAnalysis,
    analyse,
    analyse_many,
    analyse_text,
    analyser_version,
)
from sourcetrace.nlp.settings import AnalysisSettings

__all__ = [
    "ANALYSER_VERSION",
    "AnalysisSettings",
    "ArticleAnalysis",
    "analyse",
    "analyse_many",
    "analyse_text",
    "analyser_version",
]
