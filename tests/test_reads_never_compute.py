"""Compute on write, read on read: once the README's ingest command has run, every read
command and every web page answers with spaCy, the embedder (onnxruntime) and story
clustering unavailable."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator

import httpx
import pytest
from typer.testing import CliRunner

from sourcetrace.cli import app
from sourcetrace.demo import corpus_dir
from tests.web.conftest import LiveServer

runner = CliRunner()


def _refuse(*args, **kwargs):
    raise AssertionError("a read computed: it loaded a model or clustered")


def test_after_ingest_every_read_command_and_page_answers_without_computing(
    tmp_path, nothing_computes_after_ingest
):
    db, story, article, claim = nothing_computes_after_ingest
    reads = [
        ["report", str(story)],
        ["report", str(story), "--json"],
        ["report", str(story), "--html", str(tmp_path / "d.html")],
        ["source", "Ilse Marren"],
        ["source", "anonymous", "--json"],
        ["story", str(story)],
        ["story", str(story), "--json"],
        ["stories"],
        ["stories", "--format", "jsonl"],
        ["export"],
        ["export", "--format", "claimreview"],
        ["export", "--format", "csv", "--output", str(tmp_path / "csv")],
    ]
    for command in reads:
        result = runner.invoke(app, [*command, "--db", db])
        assert result.exit_code == 0, (command, result.output, result.exception)
    server = LiveServer(db)
    try:
        with httpx.Client(base_url=server.url, timeout=60) as client:
            for path in (
                "/stories",
                f"/stories/{story}",
                f"/articles/{article}",
                "/sources",
                "/sources?name=Ilse%20Marren",
                f"/claims/{claim}",
                "/ingest",
            ):
                for url in (path, path.replace("?", ".json?") if "?" in path else path + ".json"):
                    page = client.get(url)
                    assert page.status_code == 200, (url, page.text[:300])
    finally:
        server.close()


@pytest.fixture
def nothing_computes_after_ingest(tmp_path):
    """(db, the main story's id, one of its articles, one of its claims) after the README's
    ``sourcetrace ingest`` on the demo corpus; from then on nothing may compute."""
    db = str(tmp_path / "st.db")
    result = runner.invoke(app, ["ingest", str(corpus_dir()), "--db", db, "--quiet"])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["stories", "--json", "--db", db])
    story = json.loads(listed.stdout)[0]["id"]
    with _nothing_computes():
        yield db, story, *_article_and_claim(db, story)


def _article_and_claim(db: str, story: int) -> tuple[str, str]:
    from sourcetrace.store import open_store

    with open_store(db) as store:
        members = store.story_members()[story]
    return members[0][0].id, f"{story}.1"


def _patch_nothing_computes(patch: pytest.MonkeyPatch) -> None:
    """Loading the spaCy pipeline or the embedder, importing onnxruntime, computing story
    features and clustering stories all fail."""
    import sourcetrace.nlp.embed as embed
    import sourcetrace.nlp.model as model
    import sourcetrace.stories.batch as batch
    import sourcetrace.stories.service as stories

    patch.setattr(model, "load_nlp", _refuse)
    patch.setattr(embed, "load_embedder", _refuse)
    patch.setattr(batch, "cluster_batch", _refuse)
    patch.setattr(stories, "cluster_batch", _refuse)
    patch.setattr(stories, "story_features_many", _refuse)
    patch.setitem(sys.modules, "onnxruntime", None)


def test_after_ingest_only_pages_and_commands_say_what_to_run(tmp_path):
    db = str(tmp_path / "st.db")
    stored = runner.invoke(app, ["ingest", str(corpus_dir()), "--db", db, "-q", "--no-process"])
    assert stored.exit_code == 0, stored.output
    with _nothing_computes():
        listed = runner.invoke(app, ["stories", "--db", db])
        assert listed.exit_code == 0
        assert "not in a story yet: run `sourcetrace analyze`" in listed.stderr
        server = LiveServer(db)
        try:
            with httpx.Client(base_url=server.url, timeout=60) as client:
                listing = client.get("/stories.json").json()
                assert listing["stories"] == [] and listing["not_in_story"] > 0
                some = json.loads(runner.invoke(app, ["articles", "--json", "--db", db]).stdout)
                twin = client.get(f"/articles/{some[0]['id']}.json").json()
                page = client.get(f"/articles/{some[0]['id']}")
        finally:
            server.close()
    assert twin["analysis"] is None and twin["pending"].startswith("not analysed yet")
    assert page.status_code == 200 and "not analysed yet" in page.text


@contextlib.contextmanager
def _nothing_computes() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        _patch_nothing_computes(patch)
        yield
