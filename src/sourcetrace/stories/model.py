"""The same-happening pair model: logistic regression over similarity values.

Fitted by ``sourcetrace train stories --ecbplus ../shared/data/ecbplus`` on the ECB+ train split
only (``eval/fit_stories.py``); it ships as ``nlp/data/story_model.json`` and scoring needs only
the standard library.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from pathlib import Path

from sourcetrace.nlp.artefacts import load_json_model, require_artefact, save_json_model

CHANNELS = ("w:", "n:", "t:", "l:", "m:", "p:", "g:", "o:", "d:")
FEATURES = (
    *CHANNELS,
    "w*n",
    "shared_numbers",
    "embedding",
    "years_overlap",
    "years_disjoint",
    "names_missing*embedding",
)
ARTEFACT = "story_model.json"


def feature_row(values: dict[str, float]) -> list[float]:
    """The model's inputs, in order, from ``StoryIndex.pair_values``."""
    values = {**values, "w*n": values["w:"] * values["n:"]}
    return [values[name] for name in FEATURES]


@dataclass(slots=True)
class PairModel:
    coef: list[float]
    intercept: float
    threshold: float
    #: How an article is compared with a story's representatives: "average" or "max".
    link: str = "average"
    #: Average-link cut on the mean probability for clustering a whole batch at once
    #: (``stories/batch.py``).
    batch_threshold: float = 0.5
    #: Batch links mix ``batch_mix`` x probability with the share of ``batch_neighbours``-
    #: article neighbourhoods two articles have in common, and clusters merge while their mean
    #: link is at ``batch_link_threshold`` or more (0 neighbours: probability alone).
    batch_neighbours: int = 0
    batch_mix: float = 1.0
    batch_link_threshold: float = 0.0
    features: list[str] = field(default_factory=lambda: list(FEATURES))
    trained_on: str = ""
    figures: dict[str, float] = field(default_factory=dict)

    def probability(self, values: dict[str, float]) -> float:
        z = self.intercept + sum(c * x for c, x in zip(self.coef, feature_row(values), strict=True))
        return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))

    def save(self, path: Path) -> None:
        save_json_model(self, path)

    @classmethod
    def load(cls, path: Path) -> PairModel:
        return load_json_model(cls, path, FEATURES, "train stories")


@functools.cache
def load_pair_model() -> PairModel:
    return PairModel.load(require_artefact(ARTEFACT, "train stories --ecbplus DIR"))
