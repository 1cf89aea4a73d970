"""The stories page's outlet filter: one entry per outlet, any spelling of it finds it."""

from __future__ import annotations

from sourcetrace.outlets import distinct_outlets
from sourcetrace.stories.service import StorySummary
from sourcetrace.web.pages import select_stories

STORIES = [
    StorySummary(id=1, label="Ferry deal", size=2, outlets=["Fox News", "Quay Post"]),
    StorySummary(id=2, label="Crane collapse", size=1, outlets=["quaypost.example"]),
    StorySummary(id=3, label="Bread prize", size=1, outlets=["Lindqvist Herald"]),
]


def test_the_outlet_filter_lists_each_outlet_once():
    every = [o for story in STORIES for o in story.outlets] + ["fox", "FOX"]
    assert sorted(distinct_outlets(every), key=str.lower) == [
        "Fox News",
        "Lindqvist Herald",
        "Quay Post",
    ]


def test_any_spelling_of_an_outlet_selects_its_stories():
    for spelling in ("FOX", "fox", "foxnews.com", "Fox News"):
        found = select_stories(STORIES, None, spelling, "", "", "", "size")
        assert [s.id for s in found] == [1]
    found = select_stories(STORIES, None, "QUAY POST", "", "", "", "size")
    assert [s.id for s in found] == [1, 2]
