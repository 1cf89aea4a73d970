"""Features of cue candidates for the cue model."""

from __future__ import annotations

from sourcetrace.nlp.attribution import candidates, cue_features
from sourcetrace.nlp.model import load_nlp
from sourcetrace.nlp.quotes import find_quotes


def features_of(text: str, word: str) -> dict[str, float]:
    doc = load_nlp()(text)
    quotes = find_quotes(text)
    (candidate,) = [c for c in candidates(doc, quotes) if c.token.text == word]
    return cue_features(candidate, quotes, text)


def test_a_cue_that_ends_in_a_preposition_is_told_apart_by_it():
    talked = features_of("Hask talked about the harbour fees on Monday.", "talked")
    assert talked["lemma+cue_last=talk|about"] == 1.0
    said = features_of("Hask said the harbour fees would rise.", "said")
    assert not any(name.startswith("cue_last=") for name in said)
