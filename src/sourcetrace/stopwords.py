"""English stop words: scikit-learn's list (the Glasgow Information Retrieval Group's, as its
text vectorisers use it), read from its module file without importing scikit-learn.

Importing scikit-learn takes about 1.2 s, which every read command (``stories``, ``report``,
the web app) paid only for this list; its file holds the list and nothing else.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
from pathlib import Path

_FILE = "sklearn/feature_extraction/_stop_words.py"


def _load() -> frozenset[str]:
    try:  # the installed distribution's file, found without importing the package
        path = Path(str(importlib.metadata.distribution("scikit-learn").locate_file(_FILE)))
    except importlib.metadata.PackageNotFoundError:
        raise ModuleNotFoundError("scikit-learn is not installed") from None
    spec = importlib.util.spec_from_file_location("sourcetrace._sklearn_stop_words", path)
    if not path.is_file() or spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"scikit-learn has no {path}: install the pinned version")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(module.ENGLISH_STOP_WORDS)


ENGLISH_STOP_WORDS: frozenset[str] = _load()
