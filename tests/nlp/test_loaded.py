"""Loaded language: lexicon hits in the outlet's own voice or inside attributed words."""

from __future__ import annotations

import pytest

from sourcetrace.nlp.analysis import analyse_text
from sourcetrace.nlp.loaded import find_loaded_terms, read_lexicon
from sourcetrace.nlp.settings import AnalysisSettings


def loaded(text: str, lexicon_file: str | None = None) -> dict:
    settings = AnalysisSettings.from_config({"loaded_terms": lexicon_file})
    return analyse_text(text, settings=settings).to_dict()


def test_own_voice_and_attributed_hits():
    text = (
        "The regime in Corvana signed a sordid pact with its neighbour.\n\n"
        "“This is a desperate alliance,” said Foreign Minister Hanna Lodge."
    )
    data = loaded(text)
    voices = {t["text"]: t["voice"] for t in data["loaded_terms"]}
    assert voices == {"regime": "own", "sordid": "own", "desperate": "attributed"}
    own_words = len(text.split()) - len("“This is a desperate alliance,”".split())
    assert data["loaded_rate"] == round(1000 * 2 / own_words, 2)


def test_multiword_terms_and_whole_words_only():
    hits = find_loaded_terms("The civilized   world watched; regimental bands played.", [])
    assert [(h.text, h.category) for h in hits] == [("civilized   world", "moral framing")]


def test_rulers_outrage_and_verbs_of_power():
    hits = find_loaded_terms(
        "The brutal dictator clung to power after a power grab his stooges rammed through.", []
    )
    assert [(h.text, h.category) for h in hits] == [
        ("brutal", "emotive wording"),
        ("dictator", "pejorative label"),
        ("clung to power", "loaded verb"),
        ("power grab", "loaded noun"),
        ("stooges", "pejorative label"),
        ("rammed through", "loaded verb"),
    ]


def test_neutral_text_has_no_hits():
    data = loaded("The council approved the budget by nine votes to four on Tuesday.")
    assert data["loaded_terms"] == [] and data["loaded_rate"] == 0.0


def test_user_lexicon_extends_the_builtin_one(tmp_path):
    extra = tmp_path / "mine.txt"
    extra.write_text("# our desk's list\nkleptocrats\tpejorative label\n", encoding="utf-8")
    data = loaded("Kleptocrats run the regime.", str(extra))
    assert [t["text"] for t in data["loaded_terms"]] == ["Kleptocrats", "regime"]


def test_bad_lexicon_line_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("good\tlabel\nno tab here\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.txt:2: expected 'term<TAB>category'"):
        read_lexicon(bad)
