"""Corpus entities in a real store: made by ``pipeline.process`` once, read by the source
profile, the source list and the exports, never computed by a read."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sourcetrace.cli import app
from sourcetrace.nlp.settings import AnalysisSettings
from sourcetrace.pipeline import process
from sourcetrace.report.export import export_csv, export_json
from sourcetrace.store import open_store
from sourcetrace.trace.service import (
    NotReady,
    corpus_identities,
    current_traces,
    source_profile,
)
from sourcetrace.trace.sources import NAMED_KINDS, list_sources
from tests.trace.two_stories import build

SETTINGS = AnalysisSettings()
TRUMP = "person:donald-trump"


@pytest.fixture(scope="module")
def two_stories(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("corpus") / "two.db")


@pytest.fixture
def copy(two_stories: Path, tmp_path: Path) -> Path:
    target = tmp_path / "copy.db"
    shutil.copy(two_stories, target)
    return target


def test_one_man_named_two_ways_in_two_stories_is_one_source(two_stories):
    with open_store(two_stories) as store:
        listed = list_sources(store, SETTINGS, "trump")
    [trump] = listed["sources"]
    assert trump["entity"] == TRUMP and trump["name"] == "Donald Trump"
    assert {"Donald Trump", "Trump"} <= set(trump["aliases"])
    assert trump["stories"] == 2 and listed["unidentified_stories"] == 0


def test_the_profile_of_a_surname_credits_every_story_and_names_the_entity(two_stories):
    with open_store(two_stories) as store:
        stories, _ = current_traces(store, SETTINGS)
        profile = source_profile("trump", stories, corpus_identities(store, SETTINGS))
    [entity] = profile.entities
    assert entity.id == TRUMP and "Trump" in entity.aliases
    assert {claim.story for claim in profile.claims} == {1, 2}
    assert {credit.entity for c in profile.claims for credit in c.credited_in} == {TRUMP}


def test_process_links_the_corpus_once(copy):
    with open_store(copy) as store:
        assert not process(store).identified


def test_reads_never_link_and_say_what_is_not_linked(copy):
    with open_store(copy) as store:
        store.save_corpus_entities({}, [])
        identities = corpus_identities(store, SETTINGS)
        listed = list_sources(store, SETTINGS, "trump")
        with pytest.raises(NotReady, match="not linked across the corpus"):
            export_json(store, io.StringIO())
        assert store.corpus_entities() == ({}, [])
        assert identities.stale == 2 and not identities.entities
        assert listed["unidentified_stories"] == 2
        assert process(store).identified
        assert corpus_identities(store, SETTINGS).stale == 0


def test_the_exports_carry_the_corpus_entity(two_stories, tmp_path):
    with open_store(two_stories) as store:
        out = io.StringIO()
        export_json(store, out)
        paths = export_csv(store, tmp_path / "csv")
    data = json.loads(out.getvalue())
    ids = {
        version["entity_id"]
        for story in data["stories"]
        for claim in story["claims"]
        for version in claim["versions"]
        if "Trump" in (version["speaker"] or "")
    }
    assert ids == {TRUMP}
    [entity] = [e for e in data["entities"] if e["id"] == TRUMP]
    assert "Trump" in entity["aliases"] and len(entity["members"]) == 2
    [versions] = [p for p in paths if p.name == "claim_versions.csv"]
    with versions.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["entity_id"] for r in rows if "Trump" in r["speaker"]} == {TRUMP}


def test_the_entities_command_lists_the_linked_people(two_stories):
    result = CliRunner().invoke(app, ["entities", "trump", "--db", str(two_stories)])
    assert result.exit_code == 0
    assert result.output == (
        "person:donald-trump  person  Donald Trump  3 claims, 2 stories  (also Trump)\n"
    )


def test_a_new_merge_version_links_the_corpus_again(copy, monkeypatch):
    monkeypatch.setattr("sourcetrace.trace.service.CORPUS_VERSION", "next")
    with open_store(copy) as store:
        assert corpus_identities(store, SETTINGS).stale == 2
        assert process(store).identified


def test_the_entities_command_lists_places_and_descriptions_only_when_asked(two_stories):
    def kinds(*options: str) -> set[str]:
        result = CliRunner().invoke(app, ["entities", *options, "--json", "--db", str(two_stories)])
        assert result.exit_code == 0
        return {entity["kind"] for entity in json.loads(result.output)["entities"]}

    named = kinds()
    assert "person" in named and named <= NAMED_KINDS
    assert kinds("--all") - NAMED_KINDS  # "Ohio", "the board": not who stands behind a claim
