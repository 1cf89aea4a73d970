"""The --single/--shared switch of ``trace`` and ``report``, in every format: --shared (the
default) lists only the claims more than one article makes, --single every claim, and the
counts agree with the traced claims of the demo corpus."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sourcetrace.cli import app
from sourcetrace.store import open_store
from sourcetrace.trace import trace_stories

runner = CliRunner()
SWITCHES = {"default": [], "--shared": ["--shared"], "--single": ["--single"]}


@pytest.fixture(scope="module")
def claim_ids(demo_db) -> dict[str, dict[str, list[str]]]:
    """The claim ids of every story and of story 1, all of them and the shared ones."""
    with open_store(demo_db) as store:
        stories = trace_stories(store).stories
    every = {
        "all stories": [c for s in stories for c in s.claims],
        "story 1": next(s for s in stories if s.id == 1).claims,
    }
    return {
        scope: {
            "--single": sorted(c.id for c in claims),
            "--shared": sorted(c.id for c in claims if len(c.articles) > 1),
        }
        for scope, claims in every.items()
    }


def test_the_demo_has_claims_on_both_sides_of_the_switch(claim_ids):
    counts = {scope: {k: len(v) for k, v in ids.items()} for scope, ids in claim_ids.items()}
    assert counts == {
        "all stories": {"--single": 56, "--shared": 12},
        "story 1": {"--single": 38, "--shared": 12},
    }


def _trace_text(output: str, _: Path) -> list[str]:
    return re.findall(r"^  \[([^\]]+)\] ", output, re.M)


def _trace_json(output: str, _: Path) -> list[str]:
    return [c["id"] for story in json.loads(output)["stories"] for c in story["claims"]]


def _report_terminal(output: str, _: Path) -> list[str]:
    return re.findall(r"^│ (\d+\.\d+) +│", output, re.M)


def _report_json(output: str, _: Path) -> list[str]:
    dossier = json.loads(output)
    ids = [c["id"] for c in dossier["claims"]]
    referred = {c for article in dossier["articles"] for c in article["claims"]}
    referred |= {c for source in dossier["sources"] for c in source["claims"]}
    referred |= {row["claim"] for row in dossier["matrix"]["rows"]}
    assert referred <= set(ids)  # no part of the dossier names a claim it left out
    return ids


def _report_html(_: str, target: Path) -> list[str]:
    return re.findall(r' id="claim-([^"]+)"', target.read_text(encoding="utf-8"))


FORMATS: dict[str, tuple[list[str], str, Callable[[str, Path], list[str]]]] = {
    "trace text": (["trace"], "all stories", _trace_text),
    "trace json": (["trace", "--format", "json"], "all stories", _trace_json),
    "trace 1 json": (["trace", "1", "--format", "json"], "story 1", _trace_json),
    "report terminal": (["report", "1"], "story 1", _report_terminal),
    "report json": (["report", "1", "--json"], "story 1", _report_json),
    "report html": (["report", "1", "--html", "{target}"], "story 1", _report_html),
}


@pytest.mark.parametrize("switch", SWITCHES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_single_and_shared_are_honoured_by_every_format(demo_db, claim_ids, tmp_path, fmt, switch):
    command, scope, read_ids = FORMATS[fmt]
    target = tmp_path / "story.html"
    args = [a.replace("{target}", str(target)) for a in command]
    result = runner.invoke(
        app, [*args, *SWITCHES[switch], "--db", str(demo_db)], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    wanted = claim_ids[scope]["--single" if switch == "--single" else "--shared"]
    assert sorted(read_ids(result.stdout, target)) == wanted
