"""The analyser's version: what is stored with each analysis, so that a read knows which stored
analysis is current without loading the analyser (spaCy and the fitted models).

Each change to analysis output bumps ``ANALYSER_VERSION`` and says what changed in the
project's CHANGELOG.md; stored analyses of another version, and the traces made from them, are
stale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .settings import AnalysisSettings

ANALYSER_VERSION = "71"


def analyser_version(settings: AnalysisSettings | None = None) -> str:
    """The version stored with an analysis: ``ANALYSER_VERSION``, plus the fingerprint of
    the settings that change output when they are not the defaults ("60+lex:3f2a1c")."""
    fingerprint = settings.fingerprint if settings else ""
    return f"{ANALYSER_VERSION}+{fingerprint}" if fingerprint else ANALYSER_VERSION
