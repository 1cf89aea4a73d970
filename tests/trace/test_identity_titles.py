"""Office holders: a title before a name ("President Irma Pell") makes "the president" of
another article of the story that person (trace/identity.py ``_titles``); sentences the team
wrote."""

from __future__ import annotations

import pytest

from sourcetrace.trace.identity import _titles, identify, resolve
from sourcetrace.trace.origins import origins
from sourcetrace.trace.versions import claim_versions


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


def _origins(texts: list[str], words: str):
    from sourcetrace.nlp.analysis import analyse_text

    analyses = [
        analyse_text(text, article_id=f"a{i}", outlet=f"Outlet {i}").to_dict()
        for i, text in enumerate(texts)
    ]
    versions = [v for i, a in enumerate(analyses) for v in claim_versions(a, i)]
    versions = [v for v in identify(versions, resolve([analyses])) if words in v.text]
    assert len(versions) == len(texts)
    return origins(versions)


def test_the_president_of_one_article_is_the_person_another_titles_president() -> None:
    found = _origins(
        [
            "President Irma Pell said the harbor bridge will reopen in May.",
            "The harbor bridge will reopen in May, the president said on Tuesday.",
        ],
        "bridge will reopen",
    )
    assert len(found) == 1


def test_the_president_is_nobody_a_vice_president_title_names() -> None:
    found = _origins(
        [
            "Vice President Irma Pell said the harbor bridge will reopen in May.",
            "The harbor bridge will reopen in May, the president said on Tuesday.",
        ],
        "bridge will reopen",
    )
    assert len(found) == 2
