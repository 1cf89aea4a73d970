"""Files shipped in ``sourcetrace/nlp/data`` and the fitted models stored there as JSON. Loads
no spaCy, so that what only reads a fitted model or a lexicon (story scoring, the loaded-terms
setting) works without it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from importlib import resources
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def data_file(name: str) -> Path:
    """A file shipped in ``sourcetrace/nlp/data`` (fitted models, the lexicon)."""
    return Path(str(resources.files("sourcetrace.nlp") / "data" / name))


def require_artefact(name: str, command: str) -> Path:
    """The path of a fitted model, or a clear error naming the command that fits it."""
    path = data_file(name)
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: run `sourcetrace {command}` to fit it")
    return path


def save_json_model(model: object, path: Path) -> None:
    """Write a fitted dataclass model (coefficients and settings) as indented JSON."""
    path.write_text(json.dumps(asdict(model), indent=1) + "\n", encoding="utf-8")


def load_json_model(cls: type[T], path: Path, features: Sequence[str], command: str) -> T:
    """Read what ``save_json_model`` wrote; a file fitted on other features is refused with the
    command that fits it again."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("features") != list(features):
        raise ValueError(f"{path} has other features: run `sourcetrace {command}`")
    return cls(**data)
