"""Shape of the blind reuse gold (``gold/reuse/``, see its README): ids, labels, directions,
the split rule, wire credits, and every sentence span read back from its article. Reads the
articles only (no sourcetrace code runs on them); skips when ``../shared`` is absent."""

from __future__ import annotations

import csv
import json
from itertools import pairwise

import pytest

from tests.conftest import ROOT
from tests.gold.texts import DATA, document_text, ecbplus_docs

GOLD = ROOT / "gold" / "reuse"
LABELS = {"reuse", "wire", "independent"}
DIRECTIONS = {"a_from_b", "b_from_a", "common_source", None}
KINDS = {"verbatim", "rewritten"}
WIRE_KINDS = {"dateline", "credit", "contributed"}
WIRE_SHORT = {"Associated Press": ("AP",), "Agence France-Presse": ("AFP",)}
CORPORA = {"ecbplus", "story_chains"}
EXCLUDED_DEV_TOPICS = {2, 5, 12, 18}  # the team has seen system output on them
STORY_PAIRS = DATA / "story_chains" / "hand_coded" / "story_pairs-2021-06-29-coder1-gedikli.csv"

needs_shared = pytest.mark.skipif(
    not DATA.is_dir(), reason=f"the shared corpora are not here ({DATA} is absent)"
)


def _read(name: str) -> list[dict]:
    lines = (GOLD / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line]


def _pairs() -> list[dict]:
    return _read("pairs.jsonl")


def _is_span(span: object) -> bool:
    return (
        isinstance(span, list)
        and len(span) == 2
        and all(isinstance(x, int) for x in span)
        and 0 <= span[0] < span[1]
    )


def test_the_pair_list_is_well_formed():
    pairs = _pairs()
    assert len(pairs) >= 120
    ids = [p["id"] for p in pairs]
    assert len(ids) == len(set(ids)), "ids must be unique"
    keys = {"id", "split", "a", "b", "label", "direction", "share_b", "sentences", "note"}
    for p in pairs:
        assert keys <= set(p) <= keys | {"uncertain"}, p["id"]
        assert p.get("uncertain", True) is True, p["id"]
        assert p["split"] in {"train", "dev"}, p["id"]
        assert p["label"] in LABELS, p["id"]
        assert p["direction"] in DIRECTIONS, p["id"]
        assert (p["direction"] is None) == (p["label"] == "independent"), p["id"]
        assert isinstance(p["note"], str) and p["note"].strip(), p["id"]
        for side in ("a", "b"):
            assert set(p[side]) == {"corpus", "doc"}, p["id"]
            assert p[side]["corpus"] in CORPORA, p["id"]
        assert p["a"] != p["b"], p["id"]
        for s in p["sentences"]:
            assert set(s) == {"a", "b", "kind"} and s["kind"] in KINDS, p["id"]
            assert _is_span(s["a"]) and _is_span(s["b"]), p["id"]
        assert bool(p["sentences"]) == (p["label"] == "reuse") or p["label"] == "wire", p["id"]
        assert 0 <= p["share_b"] <= 1, p["id"]
        assert (p["share_b"] == 0) == (not p["sentences"]), p["id"]


def test_each_pair_is_listed_once():
    seen = set()
    for p in _pairs():
        key = frozenset(((p["a"]["corpus"], p["a"]["doc"]), (p["b"]["corpus"], p["b"]["doc"])))
        assert key not in seen, p["id"]
        seen.add(key)


def test_the_gold_holds_every_label_in_both_splits():
    pairs = _pairs()
    for split in ("train", "dev"):
        labels = {p["label"] for p in pairs if p["split"] == split}
        assert labels == LABELS, split
    dev = sum(p["split"] == "dev" for p in pairs)
    assert 0.35 <= dev / len(pairs) <= 0.65, dev


@needs_shared
def test_every_sentence_span_lies_inside_its_text():
    for p in _pairs():
        texts = {side: document_text(p[side]["corpus"], p[side]["doc"]) for side in ("a", "b")}
        for s in p["sentences"]:
            for side in ("a", "b"):
                start, end = s[side]
                assert end <= len(texts[side]), (p["id"], side)
                piece = texts[side][start:end]
                assert piece.strip() and piece == piece.strip(), (p["id"], side, piece)


@needs_shared
def test_sentence_spans_of_one_side_do_not_overlap():
    """One sentence of a side is aligned to at most one span of the other side."""
    for p in _pairs():
        for side in ("a", "b"):
            spans = sorted({tuple(s[side]) for s in p["sentences"]})
            for (_, end), (start, _) in pairwise(spans):
                assert end <= start, (p["id"], side)


def _story_pairs() -> set[frozenset[str]]:
    with STORY_PAIRS.open(encoding="utf-8-sig", newline="") as f:
        rows = csv.reader(f, delimiter=";")
        return {frozenset((a, b)) for a, b, label in rows if label == "1"}


@needs_shared
def test_the_split_rule_holds():
    """ECB+ pairs take their event's split, stay inside one event and avoid dev topics 2, 5, 12
    and 18; every same-story pair of the story chains is in the gold, and no story has pairs in
    both splits."""
    docs = ecbplus_docs()
    same_story = _story_pairs()
    split_of_doc: dict[str, str] = {}
    listed = set()
    for p in _pairs():
        a, b = p["a"], p["b"]
        assert a["corpus"] == b["corpus"], p["id"]
        if a["corpus"] == "ecbplus":
            da, db = docs[a["doc"]], docs[b["doc"]]
            assert da["gold_cluster"] == db["gold_cluster"], p["id"]
            assert da["split"] == db["split"] == p["split"], p["id"]
            assert not (p["split"] == "dev" and da["topic"] in EXCLUDED_DEV_TOPICS), p["id"]
            continue
        for doc in (a["doc"], b["doc"]):
            assert split_of_doc.setdefault(doc, p["split"]) == p["split"], (p["id"], doc)
        listed.add(frozenset((a["doc"], b["doc"])))
    assert same_story <= listed


@needs_shared
def test_wire_credits_point_at_their_evidence():
    records = _read("wire.jsonl")
    assert records
    pairs = _pairs()
    annotated = {(side["corpus"], side["doc"]) for p in pairs for side in (p["a"], p["b"])}
    seen = set()
    for w in records:
        assert set(w) == {"corpus", "doc", "split", "wire", "evidence", "kind"}, w
        assert w["kind"] in WIRE_KINDS and w["split"] in {"train", "dev"}, w
        assert (w["corpus"], w["doc"]) in annotated, w
        assert (w["corpus"], w["doc"]) not in seen, "one credit per article"
        seen.add((w["corpus"], w["doc"]))
        assert _is_span(w["evidence"]), w
        start, end = w["evidence"]
        text = document_text(w["corpus"], w["doc"])
        assert end <= len(text), w
        piece = text[start:end]
        assert any(name in piece for name in (w["wire"], *WIRE_SHORT.get(w["wire"], ()))), w
