"""Story features of one article: names a headline shares with its text."""

from __future__ import annotations

import pytest

from sourcetrace.stories.features import name_in_body

BODY = (
    "The radio host Glenn\nBeck criticised the ferry plan on Monday. Harbour master Elena Voss "
    "said the crane had been inspected. Collapse of the deal is feared."
)


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("Glenn Beck Rips", "Glenn Beck"),  # the run-on verb of a Title-Case headline
        ("Elena Voss Slams Crane Maker", "Elena Voss"),
        ("Watch Glenn Beck", "Glenn Beck"),
        ("Collapse", "Collapse"),  # one word: as the text spells it
        ("Beck Rips", None),  # "Beck" alone is no run of two words of a two-word name
        ("Harbour Master", None),  # the text writes "Harbour master"
        ("Ilse Marren", None),  # only in the headline
    ],
)
def test_a_headline_name_counts_as_far_as_the_text_spells_it(name, kept):
    assert name_in_body(name, BODY) == kept
