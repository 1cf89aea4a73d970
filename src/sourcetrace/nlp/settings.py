"""What analysis reads besides the article and the packaged models: one small record,
resolved once from the settings (``config``) and passed to every path into analysis (the CLI,
the web app, the demo and each engine's workers, so it is picklable).

Its ``fingerprint`` names the settings that change analysis output; it is part of the
stored analysis version (``version.analyser_version``), so changing them makes stored
analyses, and the traces made from them, stale.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .loaded import read_lexicon


@dataclass(frozen=True, slots=True)
class AnalysisSettings:
    """``loaded_terms``: extra loaded-language terms, ``(term, category)`` pairs, sorted (the
    content of the ``loaded_terms`` file, so a worker never reads the file again)."""

    loaded_terms: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_config(cls, values: Mapping[str, Any] | None = None) -> AnalysisSettings:
        """The settings as ``config.load_settings()`` (or ``values``) resolves them. Raises
        ``ValueError`` with one line naming the file when the lexicon cannot be read."""
        from sourcetrace.config import load_settings

        path = (values if values is not None else load_settings()).get("loaded_terms")
        if not path:
            return cls()
        try:
            terms = read_lexicon(path)
        except OSError as error:
            raise ValueError(
                f"loaded_terms file {path}: cannot read it ({error.strerror or error});"
                " fix the path in SOURCETRACE_LOADED_TERMS or the config file"
            ) from None
        except UnicodeDecodeError:
            raise ValueError(f"loaded_terms file {path}: not UTF-8 text") from None
        return cls(loaded_terms=tuple(sorted(terms.items())))

    @property
    def fingerprint(self) -> str:
        """A short name for the settings that change output ("" for the defaults), such as
        ``lex:3f2a1c``."""
        if not self.loaded_terms:
            return ""
        digest = hashlib.sha256(json.dumps(self.loaded_terms).encode("utf-8")).hexdigest()
        return f"lex:{digest[:6]}"
