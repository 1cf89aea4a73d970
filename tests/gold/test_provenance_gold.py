"""Shape of the provenance gold (gold/provenance/*.jsonl): every span lies in its document, and
the copy groups (`copy_groups`) name only the claim's own version documents, each at most once.

The gold holds only document ids and character offsets; the texts come from ../shared. These
checks read the gold and the texts only (no sourcetrace code runs on the articles).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.gold.texts import DATA, document_text, ecbplus_docs

GOLD = ROOT / "gold" / "provenance"
FILES = sorted(GOLD.glob("*.jsonl")) + sorted((GOLD / "adjudicated").glob("*.jsonl"))
EVENTS_FILE = GOLD / "events.json"

DRIFT_KINDS = {"number", "hedge", "certainty", "speaker", "attribution_dropped", "meaning"}
ORIGIN_TYPES = {
    "person",
    "organisation",
    "government",
    "outlet",
    "anonymous",
    "document",
    "own_voice",
}

pytestmark = pytest.mark.skipif(
    not DATA.is_dir(), reason=f"the shared data are not here ({DATA} is absent)"
)


def _records(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _check_span(span: dict, doc: str, corpus: str, where: str) -> None:
    start, end = span["start"], span["end"]
    assert isinstance(start, int) and isinstance(end, int), where
    text = document_text(corpus, doc)
    assert 0 <= start < end <= len(text), f"{where}: span {start}-{end} not in {doc}"
    assert text[start:end].strip(), f"{where}: blank span in {doc}"


def _check_copy_groups(groups: object, docs: set[str], where: str) -> None:
    """Each group lists two or more distinct version documents; no document is in two groups."""
    assert isinstance(groups, list), f"{where}: copy_groups is not a list"
    seen: set[str] = set()
    for group in groups:
        assert isinstance(group, list), f"{where}: copy group {group!r} is not a list"
        assert len(set(group)) == len(group) >= 2, f"{where}: copy group {group} needs 2+ docs"
        assert group == sorted(group), f"{where}: copy group {group} is not sorted"
        strangers = set(group) - docs
        assert not strangers, f"{where}: copy group names docs without a version: {strangers}"
        twice = seen & set(group)
        assert not twice, f"{where}: docs in two copy groups: {twice}"
        seen.update(group)


def _check_claim(rec: dict) -> None:
    where = rec.get("claim", "?")
    corpus = rec.get("corpus", "ecbplus")
    keys = ("event", "split", "claim", "gist", "versions", "origins", "independent_origins")
    for key in (*keys, "copy_groups"):
        assert key in rec, f"{where}: no {key}"
    assert isinstance(rec["drift"], list), where
    assert isinstance(rec["uncertain"], bool), where
    if rec["uncertain"]:
        assert rec.get("note"), f"{where}: uncertain without a note"

    origins = rec["origins"]
    ids = [o["id"] for o in origins]
    assert len(ids) == len(set(ids)), f"{where}: origin ids repeat"
    for o in origins:
        assert o["type"] in ORIGIN_TYPES, f"{where}: origin type {o['type']!r}"
        if o["type"] == "own_voice":
            assert o.get("doc"), f"{where}: own_voice origin {o['id']} without doc"
        for m in o["mentions"]:
            _check_span(m, m["doc"], m.get("corpus", corpus), f"{where} origin {o['id']}")
    # an adjudicated count (gold/provenance/adjudicated) may exceed the first annotator's list
    most = 10**6 if rec.get("adjudicated") else len(origins)
    assert 1 <= rec["independent_origins"] <= most, f"{where}: independent_origins"

    versions = rec["versions"]
    docs = {v["doc"] for v in versions}
    assert len(docs) >= 2, f"{where}: fewer than two articles carry it"
    used = set()
    for v in versions:
        doc = v["doc"]
        vcorpus = v.get("corpus", corpus)
        if vcorpus == "ecbplus":
            meta = ecbplus_docs()[doc]
            assert meta["gold_cluster"] == rec["event"], f"{where}: {doc} is not in the event"
            assert meta["split"] == rec["split"], f"{where}: {doc} is not in split {rec['split']}"
        _check_span(v, doc, vcorpus, f"{where} version {doc}")
        if v["speaker"] is not None:
            _check_span(v["speaker"], doc, vcorpus, f"{where} speaker {doc}")
        for link in v["chain"]:
            _check_span(link, doc, vcorpus, f"{where} chain {doc}")
        assert v["origins"], f"{where}: version {doc} rests on no origin"
        for oid in v["origins"]:
            assert oid in ids, f"{where}: version {doc} names unknown origin {oid}"
        used.update(v["origins"])
        same = v["same_words_as"]
        if same is not None:
            assert same != doc and same in docs, f"{where}: same_words_as {same!r} from {doc}"
    assert used == set(ids), f"{where}: origins no version rests on: {set(ids) - used}"
    _check_copy_groups(rec["copy_groups"], docs, where)

    for d in rec["drift"]:
        assert d["kind"] in DRIFT_KINDS, f"{where}: drift kind {d['kind']!r}"
        assert d.get("note"), f"{where}: drift without a note"
        for side in ("from", "to"):
            span = d[side]
            _check_span(span, span["doc"], span.get("corpus", corpus), f"{where} drift {side}")


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_gold_file_shape(path: Path) -> None:
    records = _records(path)
    assert records, f"{path.name} is empty"
    claims = [r["claim"] for r in records]
    assert len(claims) == len(set(claims)), f"{path.name}: claim ids repeat"
    for rec in records:
        assert rec["claim"].startswith(rec["event"] + "/"), rec["claim"]
        # train.jsonl, dev.jsonl, and extra files such as train_more_a.jsonl
        assert path.stem.split("_")[0] == rec["split"], f"{rec['claim']} in {path.name}"
        _check_claim(rec)


def test_events_listed() -> None:
    if not EVENTS_FILE.exists():
        pytest.skip("no events.json")
    listing = json.loads(EVENTS_FILE.read_text(encoding="utf-8"))
    complete, partial = set(listing.get("complete", [])), set(listing.get("partial", []))
    assert not complete & partial, f"events both complete and partial: {complete & partial}"
    present = {path: {r["event"] for r in _records(path)} for path in FILES}
    everywhere = set().union(*present.values()) if present else set()
    unknown = (complete | partial) - everywhere
    assert not unknown, f"listed in events.json without claims: {sorted(unknown)}"
    for path, events in present.items():
        if events & (complete | partial):
            missing = events - complete - partial
            assert not missing, f"{path.name}: events not in events.json: {sorted(missing)}"


@pytest.mark.parametrize(
    "groups",
    [
        [["a"]],
        [["a", "a"]],
        [["b", "a"]],
        [["a", "x"]],
        [["a", "b"], ["b", "c"]],
        "a b",
    ],
    ids=["one doc", "repeated doc", "unsorted", "not a version", "doc in two groups", "not a list"],
)
def test_copy_group_check_rejects_bad_groups(groups: object) -> None:
    with pytest.raises(AssertionError):
        _check_copy_groups(groups, {"a", "b", "c"}, "case")


def test_copy_group_check_accepts_disjoint_groups() -> None:
    _check_copy_groups([["a", "b"], ["c", "d"]], {"a", "b", "c", "d"}, "case")
    _check_copy_groups([], {"a", "b"}, "case")
