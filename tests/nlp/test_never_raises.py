"""The per-article analysis never raises, whatever the text, and every span indexes the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sourcetrace.nlp.analysis import analyse_text

PIECES = st.sampled_from(
    [
        "said", "told", "“", "”", '"', "''", "``", ":", "\n\n", "\n", " ", ",", ".", "up to",
        "6,000", "$1 billion", "dozens of", "May", "on Friday", "Iran", "the official",
        "according to", "he", "it", "reportedly", "S-400", "denied", "12-3", "of", "—", "Mr.",
        "Kirby", "the Washington Post", "regime", "2022", "hundreds", "may", "is to",
    ]
)  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40))
def test_analysis_never_raises_and_spans_index_the_text(pieces):
    text = " ".join(pieces)
    data = analyse_text(text, published="2022-11-19").to_dict()
    spans = []
    for a in data["attributions"]:
        spans += [a["cue"], *a["content"]] + ([a["source"]] if a["source"] else [])
    spans += data["quantities"] + data["times"] + data["claims"] + data["loaded_terms"]
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"]
