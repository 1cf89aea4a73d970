"""The alignment pair model: logistic regression over what two claim versions share.

Fitted by ``sourcetrace train alignment --ecbplus DIR --gold FILE...`` on the train files of
the provenance gold only (``eval/fit_alignment.py``); it ships as ``nlp/data/align_model.json``
and scoring needs only numpy. The features (:data:`FEATURES`, computed by
:func:`.align.feature_matrices`), each in [0, 1]:

- ``cosine``: the cosine of the two versions' MiniLM embeddings;
- ``entities``, ``words``: the Jaccard overlap of their entity names and of their content-word
  stems;
- ``number_specific``: a quantity of the same value in both (within 2%, hedges ignored) that
  is specific (at least 100, or money); ``number_small``: only a small count agrees;
- ``same_speaker``: both attributed, to one canonical speaker (or one speaking for the other);
- ``both_own_voice``: neither is attributed; ``both_quoted``: both quote someone's words;
- ``length_ratio``: the shorter one's words over the longer one's;
- ``ratio``: rapidfuzz's ``ratio`` of the lower-cased texts, over 100.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from sourcetrace.nlp.artefacts import load_json_model, require_artefact, save_json_model

FEATURES = (
    "cosine",
    "entities",
    "words",
    "number_specific",
    "number_small",
    "same_speaker",
    "both_own_voice",
    "both_quoted",
    "length_ratio",
    "ratio",
)
ARTEFACT = "align_model.json"


@dataclass(slots=True)
class AlignModel:
    coef: list[float]
    intercept: float
    #: Two versions are candidates for one claim at this probability or more.
    threshold: float
    features: list[str] = field(default_factory=lambda: list(FEATURES))
    trained_on: str = ""
    figures: dict[str, Any] = field(default_factory=dict)

    def logit(self, features: np.ndarray) -> np.ndarray:
        """The log-odds of features stacked on their last axis (one value per feature)."""
        return self.intercept + np.asarray(features, dtype=float) @ np.asarray(self.coef)

    def save(self, path: Path) -> None:
        save_json_model(self, path)

    @classmethod
    def load(cls, path: Path) -> AlignModel:
        return load_json_model(cls, path, FEATURES, "train alignment")


def probability(logit: np.ndarray | float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(logit, -40.0, 40.0)))


@functools.cache
def load_align_model() -> AlignModel:
    return AlignModel.load(require_artefact(ARTEFACT, "train alignment --ecbplus DIR --gold FILE"))
