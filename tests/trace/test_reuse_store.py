"""Reuse found on write: stored pairs, band keys and wire credits, found once per text."""

from __future__ import annotations

import shutil
import zlib

from sourcetrace.ingest import IngestOptions, ingest
from sourcetrace.nlp.settings import AnalysisSettings
from sourcetrace.nlp.version import analyser_version
from sourcetrace.pipeline import process
from sourcetrace.store.sqlite import SQLiteStore
from sourcetrace.trace import reuse_service
from sourcetrace.trace.reuse_service import find_reuse

LEDGER = [
    "The port authority of Corvane will close its eastern container terminal for six weeks"
    " of repairs starting in May.",
    "The closure will divert about 40 ships a month to the smaller western terminal, which"
    " handles bulk cargo.",
    "Engineers found cracks in the terminal's quay wall during an inspection in January.",
    '"We cannot risk a collapse with cranes on the quay," harbour master Ilse Marren said.',
    "Shipping lines were told of the plan at a meeting on Tuesday.",
]
COPY = [
    "Shipping disruption looms in Corvane, a harbour newspaper reports.",
    "The port authority of Corvane will shut its eastern container terminal for six weeks"
    " of repairs from May.",
    "About 40 ships a month will be diverted to the smaller western terminal, which handles"
    " bulk cargo.",
    "Engineers found cracks in the quay wall of the terminal during a January inspection.",
    "Local traders said they feared delays.",
]
WIRE = [
    "OSLO, June 17 (Reuters) - Norway's sovereign fund sold its stake in a mining company"
    " over environmental concerns, its ethics council said on Tuesday.",
    "The council said the company had caused severe damage to rivers near its mines.",
]


def _write(folder, name: str, outlet: str, day: str, paragraphs: list[str]) -> None:
    head = f"---\ntitle: {name}\noutlet: {outlet}\npublished: {day}\n---\n\n"
    body = "\n\n".join(paragraphs)
    (folder / f"{name}.txt").write_text(head + body + "\n", encoding="utf-8")


def test_process_stores_who_reuses_whom_and_wire_credits(store, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder, "ledger", "The Harbor Ledger", "2026-04-01", LEDGER)
    _write(folder, "copy", "Capital Wire", "2026-04-02", COPY)
    _write(folder, "wire", "Daily Post", "2026-04-03", WIRE)
    ingest([str(folder)], store, IngestOptions())
    summary = process(store)
    assert summary.reuse.checked == 3 and not summary.reuse.failed
    ids = {a.outlet: a.id for a in store.articles()}
    pairs = store.reuse_pairs(list(ids.values()))
    assert [(p["a"], p["b"], p["verdict"], p["direction"]) for p in pairs] == [
        (ids["The Harbor Ledger"], ids["Capital Wire"], "reuse", "b_from_a")
    ]
    assert len(pairs[0]["sentences"]) >= 2
    assert all(s["kind"] in ("verbatim", "rewritten") for s in pairs[0]["sentences"])
    assert [c["wire"] for c in store.wire_credits([ids["Daily Post"]])] == ["Reuters"]
    # nothing is found again: every article was checked with its current text
    assert find_reuse(store, AnalysisSettings()).checked == 0


def test_an_article_whose_analysis_cannot_be_read_is_one_line_and_the_rest_go_on(demo_db, tmp_path):
    path = tmp_path / "demo.db"
    shutil.copy(demo_db, path)
    with SQLiteStore(path) as s:
        first = s.articles()[0]
        s._db.execute("DELETE FROM reuse_articles")
        s._db.execute(
            "UPDATE analyses SET data = ? WHERE article_id = ?",
            (zlib.compress(b'{"sentences": [{"start": 0}]}'), first.id),
        )
        problems = []
        summary = find_reuse(s, AnalysisSettings(), on_problem=problems.append)
        assert len(summary.failed) == 1 and summary.failed[0].startswith(f"{first.id}: ")
        assert "\n" not in summary.failed[0] and len(problems) == 1
        assert summary.checked == s.count() - 1
        assert [p.reason for p in s.problems()][-1] == summary.failed[0]  # recorded


def test_failed_articles_filling_a_whole_batch_do_not_end_the_run(demo_db, tmp_path, monkeypatch):
    monkeypatch.setattr(reuse_service, "BATCH", 2)
    path = tmp_path / "demo.db"
    shutil.copy(demo_db, path)
    with SQLiteStore(path) as s:
        s._db.execute("DELETE FROM reuse_articles")
        oldest = [a.id for a in s.reuse_pending(analyser_version(AnalysisSettings()), "1", 3)]
        for article in oldest:  # the head of the queue: more failures than a batch holds
            s._db.execute(
                "UPDATE analyses SET data = ? WHERE article_id = ?",
                (zlib.compress(b'{"sentences": [{"start": 0}]}'), article),
            )
        summary = find_reuse(s, AnalysisSettings())
        assert sorted(line.split(":")[0] for line in summary.failed) == sorted(oldest)
        assert summary.checked == s.count() - 3 > 0
