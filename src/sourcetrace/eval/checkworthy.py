"""Check-worthiness against ClaimBuster and CheckThat! 2019: the held-out fifth of ClaimBuster
train (``sourcetrace eval checkworthy``) and leave-one-transcript-out MAP on CheckThat! 2019
task 1 (``--ct19``, in :mod:`sourcetrace.eval.fit_checkworthy`: it fits a model per transcript).
The held-out fifth is the one fitting leaves out."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from sourcetrace.nlp.checkworthy import load_checkworthy

__all__ = [
    "HELD_OUT",
    "SPLIT_SEED",
    "evaluate_held_out",
    "load_claimbuster",
    "split",
]

SPLIT_SEED = 20240601
HELD_OUT = 0.2


def load_claimbuster(root: str | Path) -> tuple[list[str], np.ndarray]:
    path = Path(root) / "train.json"
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: point --claimbuster at the ClaimBuster folder")
    data = json.loads(path.read_text(encoding="utf-8"))
    return [d["text"] for d in data], np.array([int(d["label"]) for d in data])


def split(labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indexes of the training part and of the held-out fifth (stratified, fixed seed)."""
    from sklearn.model_selection import train_test_split

    indexes = np.arange(len(labels))
    train, held_out = train_test_split(
        indexes, test_size=HELD_OUT, random_state=SPLIT_SEED, stratify=labels
    )
    return np.sort(train), np.sort(held_out)


def evaluate_held_out(root: str | Path) -> dict:
    """Precision, recall and F1 of the check-worthy class on the held-out fifth."""
    from sklearn.metrics import precision_recall_fscore_support

    texts, labels = load_claimbuster(root)
    _, held_out = split(labels)
    artefact = load_checkworthy()
    scores = artefact["pipeline"].predict_proba([texts[i] for i in held_out])[:, 1]
    predicted = scores >= artefact["meta"]["threshold"]
    p, r, f, _ = precision_recall_fscore_support(
        labels[held_out], predicted, average="binary", zero_division=0
    )
    return {
        "sentences": len(held_out),
        "positives": int(labels[held_out].sum()),
        "precision": round(float(p), 4),
        "recall": round(float(r), 4),
        "f1": round(float(f), 4),
        "threshold": artefact["meta"]["threshold"],
    }
