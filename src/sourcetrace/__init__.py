"""sourcetrace: who really stands behind each claim in the news.

The public API, as the README's "Python API" shows it::

    from sourcetrace import AnalysisSettings, build_dossier, make_engine, open_store, process
    from sourcetrace.ingest import IngestOptions, ingest

Each name is imported on first use (PEP 562), so ``import sourcetrace`` stays cheap and a
command that only reads never loads the language models. Ingestion stays in its package:
``sourcetrace.ingest`` names the package, so it cannot also name the function.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from sourcetrace.version import __version__

if TYPE_CHECKING:
    from sourcetrace.article import Article
    from sourcetrace.config import load_settings
    from sourcetrace.engine import make_engine
    from sourcetrace.pipeline import AnalysisSettings, NotReady, ProcessSummary, process
    from sourcetrace.report.dossier import build_dossier
    from sourcetrace.store import Store, open_store

#: Each public name and the module it is imported from.
_HOMES = {
    "AnalysisSettings": "sourcetrace.pipeline",
    "Article": "sourcetrace.article",
    "NotReady": "sourcetrace.pipeline",
    "ProcessSummary": "sourcetrace.pipeline",
    "Store": "sourcetrace.store",
    "build_dossier": "sourcetrace.report.dossier",
    "load_settings": "sourcetrace.config",
    "make_engine": "sourcetrace.engine",
    "open_store": "sourcetrace.store",
    "process": "sourcetrace.pipeline",
}

__all__ = [
    "AnalysisSettings",
    "Article",
    "NotReady",
    "ProcessSummary",
    "Store",
    "__version__",
    "build_dossier",
    "load_settings",
    "make_engine",
    "open_store",
    "process",
]


def __getattr__(name: str) -> Any:
    """Import a public name from its module the first time it is asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'sourcetrace' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
