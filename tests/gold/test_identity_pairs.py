"""Shape of the blind identity pair list (``gold/identity_pairs.jsonl``): ids, labels, kinds, tags,
the split rule, and every span read back from its article. Reads the articles only (no
sourcetrace code runs on them); skips when ``../shared`` is absent."""

from __future__ import annotations

import json

import pytest

from tests.conftest import ROOT, SHARED
from tests.gold.texts import DATA, document_text, ecbplus_docs

PAIRS = ROOT / "gold" / "identity_pairs.jsonl"
LABELS = {"same", "different"}
KINDS = {"person", "organisation", "government", "outlet"}
TAGS = {
    "surname", "shared_surname", "nickname", "initials", "title", "acronym", "description",
    "case_or_spelling", "domain", "cross_story", "cross_corpus",
}  # fmt: skip
CORPORA = {"ecbplus", "polnear", "story_chains", "seeds"}
EXCLUDED_DEV_TOPICS = {2, 5, 12, 18}

needs_shared = pytest.mark.skipif(
    not DATA.is_dir() or not (SHARED / "seeds").is_dir(),
    reason=f"the shared corpora are not here ({DATA} is absent)",
)


def _pairs() -> list[dict]:
    return [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line]


def _split_of(span: dict) -> str:
    """'dev' or 'train' for the document a span points into; 'excluded' for a barred one."""
    corpus, doc = span["corpus"], span["doc"]
    if corpus == "ecbplus":
        meta = ecbplus_docs()[doc]
        if meta["split"] == "dev":
            return "excluded" if meta["topic"] in EXCLUDED_DEV_TOPICS else "dev"
        return meta["split"]
    if corpus == "polnear":
        return doc.split("/", 1)[0]
    return "train"  # story chains and seeds are development material


def test_the_pair_list_is_well_formed():
    pairs = _pairs()
    assert len(pairs) >= 200
    ids = [p["id"] for p in pairs]
    assert len(ids) == len(set(ids)), "ids must be unique"
    for p in pairs:
        assert set(p) == {"id", "split", "a", "b", "label", "kind", "hard", "note"}, p["id"]
        assert p["split"] in {"dev", "train"}, p["id"]
        assert p["label"] in LABELS, p["id"]
        assert p["kind"] in KINDS, p["id"]
        assert isinstance(p["hard"], list) and set(p["hard"]) <= TAGS, p["id"]
        assert isinstance(p["note"], str) and p["note"].strip(), p["id"]
        for side in ("a", "b"):
            span = p[side]
            assert set(span) == {"corpus", "doc", "start", "end"}, p["id"]
            assert span["corpus"] in CORPORA, p["id"]
            assert isinstance(span["start"], int) and isinstance(span["end"], int), p["id"]
            assert 0 <= span["start"] < span["end"], p["id"]
        assert p["a"] != p["b"], p["id"]
        cross_corpus = p["a"]["corpus"] != p["b"]["corpus"]
        assert cross_corpus == ("cross_corpus" in p["hard"]), p["id"]


def test_the_list_is_balanced_and_holds_enough_dev_and_hard_pairs():
    pairs = _pairs()
    same = sum(p["label"] == "same" for p in pairs)
    assert 0.4 <= same / len(pairs) <= 0.6, same
    assert sum(p["split"] == "dev" for p in pairs) >= 120
    assert sum(bool(p["hard"]) for p in pairs) >= 0.4 * len(pairs)


@needs_shared
def test_every_span_lies_inside_its_text_and_is_not_blank():
    for p in _pairs():
        for side in ("a", "b"):
            span = p[side]
            text = document_text(span["corpus"], span["doc"])
            assert span["end"] <= len(text), (p["id"], side)
            piece = text[span["start"] : span["end"]]
            assert piece.strip(), (p["id"], side)
            assert piece == piece.strip(), (p["id"], side, "span has outer whitespace")


@needs_shared
def test_spans_in_one_article_do_not_overlap():
    for p in _pairs():
        a, b = p["a"], p["b"]
        if (a["corpus"], a["doc"]) == (b["corpus"], b["doc"]):
            assert a["end"] <= b["start"] or b["end"] <= a["start"], p["id"]


@needs_shared
def test_the_split_rule_holds():
    """dev pairs: both spans from ECB+ dev (not topics 2, 5, 12, 18) or PolNeAR dev; train
    pairs: ECB+ train, PolNeAR train, story chains, seeds."""
    for p in _pairs():
        for side in ("a", "b"):
            assert _split_of(p[side]) == p["split"], (p["id"], side)


@needs_shared
def test_cross_story_tags_match_the_ecbplus_gold_clusters():
    docs = ecbplus_docs()
    for p in _pairs():
        a, b = p["a"], p["b"]
        if a["corpus"] == b["corpus"] == "ecbplus":
            differ = docs[a["doc"]]["gold_cluster"] != docs[b["doc"]]["gold_cluster"]
            assert differ == ("cross_story" in p["hard"]), p["id"]
