from __future__ import annotations

import pytest

import sourcetrace.nlp.analysis as analysis
from sourcetrace.engine import InProcess


@pytest.fixture
def shrimp_fails(monkeypatch):
    """Analysis raises for the demo article about shrimp (in this process); returns the real
    ``analyse`` so a test can put it back."""
    real = analysis.analyse

    def fragile(article, *args, **kwargs):
        if "shrimp" in (article.title or "").lower():
            raise RuntimeError("boom")
        return real(article, *args, **kwargs)

    monkeypatch.setattr(analysis, "analyse", fragile)
    return real


class StoppedAfterFive(InProcess):
    """The in-process engine, stopped after five articles by Ctrl-C (or by ``error``)."""

    def __init__(self, error: BaseException | type[BaseException] = KeyboardInterrupt) -> None:
        super().__init__()
        self.error = error

    def analyse(self, articles):
        for n, outcome in enumerate(super().analyse(articles)):
            if n == 5:
                raise self.error
            yield outcome
