"""Office holders: a title before a name ("President Irma Pell") makes "the president" of
another article of the story that person (trace/identity.py ``_titles``); sentences the team
wrote."""

from __future__ import annotations

import pytest

from sourcetrace.trace.identity import _titles
from sourcetrace.trace.origins import origins
from tests.trace.entity_analyses import traced_versions


def _person(text: str, name: str, written: str) -> dict:
    start = text.index(written)
    return {
        "name": name,
        "kind": "person",
        "mentions": [{"text": written, "start": start, "end": start + len(written)}],
    }


@pytest.mark.parametrize(
    ("text", "written", "offices"),
    [
        ("President Irma Pell signed it.", "Irma Pell", {"president"}),
        ("It was signed by Gov. Irma Pell on Monday.", "Irma Pell", {"governor"}),
        ("President Irma Pell signed it.", "President Irma Pell", {"president"}),
        ("Sheriff Irma Pell said so.", "Irma Pell", {"sheriff"}),
        ("Vice President Irma Pell signed it.", "Irma Pell", set()),
        ("Former President Irma Pell signed it.", "Irma Pell", set()),
        ("They met the President. Irma Pell said so.", "Irma Pell", set()),
        ("the president of the club, Irma Pell, said so.", "Irma Pell", set()),
    ],
)
def test_titles_before_a_name_are_the_offices_it_holds(text, written, offices) -> None:
    assert _titles(_person(text, "Irma Pell", written), text) == offices


@pytest.mark.parametrize(("title", "count"), [("President", 1), ("Vice President", 2)])
def test_the_president_of_one_article_is_the_one_another_titles_president(title, count) -> None:
    versions = traced_versions(
        [
            f"{title} Irma Pell said the harbor bridge will reopen in May.",
            "The harbor bridge will reopen in May, the president said on Tuesday.",
        ],
        "bridge will reopen",
    )
    assert len(versions) == 2
    assert len(origins(versions)) == count
