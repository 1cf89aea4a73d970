"""The attribution model: a logistic regression over named sparse features that accepts cues,
and two linear scorers that choose content edges (:mod:`.edges`), stored as plain JSON.

Fitted by ``sourcetrace train attribution`` on PolNeAR train only (see
:mod:`sourcetrace.eval.fit_attribution`); the artefact ships in the package
(``nlp/data/cue_model.json.gz``) and scoring needs nothing but the standard library.
"""

from __future__ import annotations

import functools
import gzip
import json
import math
from dataclasses import dataclass
from pathlib import Path

from .artefacts import data_file, require_artefact
from .edges import EdgeScorer, linear_score

ARTEFACT = "cue_model.json.gz"


@dataclass(slots=True)
class CueModel:
    weights: dict[str, float]
    intercept: float
    threshold: float
    meta: dict
    #: Nouns that, as the object of a cue verb, belong to the cue ("expressed *support* for").
    light_objects: frozenset[str] = frozenset()
    #: Scorers of content starts and ends; without them the parsed edges stand.
    start: EdgeScorer | None = None
    end: EdgeScorer | None = None

    def probability(self, features: dict[str, float]) -> float:
        score = linear_score(self.weights, self.intercept, features)
        if score < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-score))

    def save(self, path: str | Path) -> None:
        data = {
            "meta": self.meta,
            "intercept": self.intercept,
            "threshold": self.threshold,
            "weights": self.weights,
            "light_objects": sorted(self.light_objects),
        }
        if self.start is not None and self.end is not None:
            data["edges"] = {"start": self.start.to_dict(), "end": self.end.to_dict()}
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        # mtime=0: the same model gives the same bytes
        with gzip.GzipFile(path, "wb", mtime=0) as raw:
            raw.write(json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8"))

    @classmethod
    def load(cls, path: str | Path) -> CueModel:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
        edges = data.get("edges") or {}
        return cls(
            data["weights"],
            data["intercept"],
            data["threshold"],
            data.get("meta", {}),
            frozenset(data.get("light_objects", ())),
            EdgeScorer.from_dict(edges["start"]) if "start" in edges else None,
            EdgeScorer.from_dict(edges["end"]) if "end" in edges else None,
        )


def artefact_path() -> Path:
    return data_file(ARTEFACT)


@functools.cache
def load_cue_model() -> CueModel:
    return CueModel.load(require_artefact(ARTEFACT, "train attribution"))
