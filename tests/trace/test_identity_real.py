"""One person, one origin on real news: the documents of the blind name-pair list
(``gold/identity_pairs.jsonl``, read from ``../shared``) are ingested, analysed, grouped and
traced the product's way; no ``speaker_changed`` flag may stand between two names the list
calls one person or organisation, and no claim may list one of them as two origins. Pairs
whose note starts "DOUBTFUL" are left out: the annotator marked them least sure (one is an
article that gives a man a wrong surname, which no reader of that article could undo). Skips
when ``../shared`` is absent."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import pytest

from sourcetrace import open_store, process
from sourcetrace.eval.documents import document_text
from sourcetrace.ingest import IngestOptions, ingest
from sourcetrace.trace.names import plain
from sourcetrace.trace.service import trace_stories
from tests.conftest import SHARED

DATA = SHARED / "data"
PAIRS = Path(__file__).resolve().parents[2] / "gold" / "identity_pairs.jsonl"
pytestmark = pytest.mark.skipif(not DATA.is_dir(), reason=f"{DATA} is absent")


def _pairs() -> list[dict]:
    with PAIRS.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _span_text(span: dict) -> str:
    return document_text(DATA, span["corpus"], span["doc"])[span["start"] : span["end"]]


def _words(name: str) -> str:
    return " ".join(w for w in plain(name).split() if w not in ("the", "a", "an", "mr", "ms"))


@pytest.fixture(scope="module")
def traced(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("identity-real")
    docs = sorted({(s["corpus"], s["doc"]) for p in _pairs() for s in (p["a"], p["b"])})
    records = folder / "docs.jsonl"
    with records.open("w", encoding="utf-8") as handle:
        for corpus, doc in docs:
            text = document_text(DATA, corpus, doc)
            handle.write(json.dumps({"id": f"{corpus}:{doc}", "text": text}) + "\n")
    with open_store(folder / "real.db") as store:
        ingest([str(records)], store, IngestOptions.from_settings())
        process(store)
        return trace_stories(store)


def _same_names() -> set[frozenset[str]]:
    return {
        frozenset({_words(_span_text(p["a"])), _words(_span_text(p["b"]))})
        for p in _pairs()
        if p["label"] == "same" and not p.get("note", "").startswith("DOUBTFUL")
    }


def test_no_speaker_change_between_two_names_of_one_person(traced) -> None:
    same = _same_names()
    flags = [
        (d.before.text, d.after.text)
        for story in traced.stories
        for claim in story.claims
        for d in claim.drift
        if d.kind == "speaker_changed"
    ]
    assert flags, "the corpus gives no speaker_changed flag at all: the check would be empty"
    wrong = [f for f in flags if frozenset({_words(f[0]), _words(f[1])}) in same]
    assert not wrong, wrong


def test_no_claim_lists_one_person_as_two_origins(traced) -> None:
    same = _same_names()
    wrong, compared, joined = [], 0, 0
    for story in traced.stories:
        for claim in story.claims:
            named = [o for o in claim.origins if o.type not in ("anonymous", "own_voice")]
            names = [{_words(o.name), *map(_words, o.descriptions)} for o in named]
            joined += sum(len(n) > 1 for n in names)  # one origin under several names
            for x, y in combinations(names, 2):
                compared += 1
                if any(frozenset({a, b}) in same for a in x for b in y if a != b) or x & y - {""}:
                    wrong.append((claim.id, claim.explanation))
    assert not wrong, wrong
    assert compared and joined, "no claim with two named origins or a joined name: an empty check"
