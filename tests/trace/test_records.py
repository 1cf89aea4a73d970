"""The records tracing hands on: each writes the JSON of the stored traces and reads it back."""

from __future__ import annotations

import json

import numpy as np
import pytest

from sourcetrace.store import open_store
from sourcetrace.trace.records import (
    Appearance,
    CorpusIdentities,
    Drift,
    GraphEdge,
    GraphNode,
    Origin,
    ProvenanceGraph,
    StoryTrace,
    TracedClaim,
    Traces,
    Wording,
)
from sourcetrace.trace.service import source_profile, trace_versions
from sourcetrace.trace.sources import tally_sources
from sourcetrace.trace.versions import ClaimVersion

POST = {"name": "Washington Post", "type": "outlet"}
SENT = "Valdoria will send"


def _version(article: str, outlet: str, order: int, speaker: str, text: str) -> ClaimVersion:
    return ClaimVersion(
        article=article,
        outlet=outlet,
        published=f"2026-03-0{order + 2}T08:00:00",
        order=order,
        claim=0,
        text=text,
        kind="indirect",
        speaker=speaker,
        source_type="anonymous",
        source_text=speaker,
        chain=[{"name": outlet, "type": "outlet"}, POST, {"name": speaker, "type": "anonymous"}],
        quantities=[
            {"text": "up to 6,000" if "up to" in text else "6,000", "value": 6000.0,
             "hedge": "up to" if "up to" in text else None, "object": "drones", "kind": "count",
             "start": 0, "end": 1}
        ],
        entities=["Valdoria"],
        quotes=[],
    )  # fmt: skip


@pytest.fixture(scope="module")
def story() -> StoryTrace:
    """Two outlets citing one paper's anonymous official, one dropping the hedge; a third
    article with a claim of its own."""
    versions = [
        _version("a", "Harbor Ledger", 0, "a senior official", f"{SENT} up to 6,000 drones."),
        _version("b", "Capital Wire", 1, "an unnamed official", f"{SENT} 6,000 drones."),
        ClaimVersion(
            article="c", outlet="Northern Courier", published=None, order=2, claim=0,
            text="The port reopened on Monday.", kind=None, speaker=None,
            source_type="own_voice", source_text=None,
        ),
    ]  # fmt: skip
    vectors = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    return StoryTrace(7, "Drones", tuple(trace_versions(7, versions, vectors)))


def _round_trip(claim: TracedClaim) -> TracedClaim:
    return TracedClaim.from_json(json.loads(json.dumps(claim.to_json())))


def test_a_traced_claim_reads_back_equal_with_every_field(story):
    shared, single = story.claims
    assert (shared.id, shared.articles, single.id) == ("7.1", ("a", "b"), "7.2")
    assert shared.drift and shared.origins[0].descriptions and shared.graph.edges
    for claim in story.claims:
        assert _round_trip(claim) == claim
        assert _round_trip(claim).to_json() == claim.to_json()


def test_a_traced_claim_writes_the_keys_of_the_stored_traces_in_their_order(story):
    data = story.claims[0].to_json()
    assert list(data) == [
        "text", "articles", "outlets", "first_seen", "timeline", "independent_origins",
        "origins", "explanation", "drift", "graph", "versions", "id",
    ]  # fmt: skip
    assert data["first_seen"] == {"article": "a", "outlet": "Harbor Ledger", "date": "2026-03-02"}
    assert data["timeline"][1] == {"article": "b", "outlet": "Capital Wire", "date": "2026-03-03"}
    assert data["independent_origins"] == 1
    assert data["origins"] == [
        {
            "name": "an anonymous source of Washington Post",
            "type": "anonymous",
            "via": ["Washington Post"],
            "descriptions": ["a senior official", "an unnamed official"],
            "unsourced": False,
            "carried_by": ["Harbor Ledger", "Capital Wire"],
        }
    ]
    assert data["drift"][0] == {
        "kind": "hedge_dropped",
        "from": {"article": "a", "text": "up to 6,000"},
        "to": {"article": "b", "text": "6,000"},
        "severity": "high",
    }
    assert data["graph"]["nodes"][0] == {
        "id": "article:a", "kind": "article", "label": "Harbor Ledger", "origin": False,
    }  # fmt: skip
    assert data["graph"]["edges"][0] == {
        "from": "outlet:harborledger", "to": "article:a", "kind": "publishes",
    }  # fmt: skip
    assert data["versions"][0]["chain"][1] == POST


def test_an_origin_without_descriptions_writes_none():
    origin = Origin("Harbor Ledger", "own_voice", (), True, ("Harbor Ledger",))
    assert origin.to_json() == {
        "name": "Harbor Ledger", "type": "own_voice", "via": [], "unsourced": True,
        "carried_by": ["Harbor Ledger"],
    }  # fmt: skip
    assert Origin.from_json(origin.to_json()) == origin


@pytest.mark.parametrize(
    "record",
    [
        Drift("number_changed", Wording("a", "6,000"), Wording("b", "5,000")),
        ProvenanceGraph(
            (GraphNode("source:x", "source", "X", True),),
            (GraphEdge("article:a", "source:x", "cites"),),
        ),
        Appearance("a", None, None),
    ],
)
def test_small_records_read_back_equal(record):
    assert type(record).from_json(json.loads(json.dumps(record.to_json()))) == record


def test_a_story_trace_and_the_shared_view_of_traces(story):
    traces = Traces((story,), ("story 8 is not traced yet",))
    assert traces.to_json() == {"stories": [story.to_json()]}
    assert list(story.to_json()) == ["id", "label", "claims"]
    (shared,) = traces.shared().stories
    assert [c.id for c in shared.claims] == ["7.1"] and traces.shared().untraced == traces.untraced


def test_source_profile_and_tally_write_what_the_source_pages_show(story):
    profile = source_profile("unnamed official", [story], CorpusIdentities())
    assert profile.to_json() == {
        "source": "unnamed official",
        "entities": [],
        "claims": [
            {
                "story": 7,
                "claim": "7.1",
                "text": "Valdoria will send up to 6,000 drones.",
                "independent_origins": 1,
                "credited_in": [
                    {
                        "article": "b",
                        "outlet": "Capital Wire",
                        "speaker": "an unnamed official",
                        "as": "an unnamed official",
                        "entity": None,
                    }
                ],
            }
        ],
        "copies": [],
        "copied_by": [],
        "reuses_own": [],
        "wire_copy": [],
    }
    (first, second) = tally_sources([story])
    assert first.to_json() == {
        "entity": None,
        "name": "a senior official",
        "aliases": [],
        "type": "anonymous",
        "claims": ["7.1"],
        "stories": [7],
        "articles": ["a"],
        "outlets": ["Harbor Ledger"],
        "described_as": [],
    }
    assert second.name == "an unnamed official"


def test_every_stored_trace_reads_back_to_the_same_json(demo_db):
    with open_store(demo_db) as store:
        stored = [claims for _, _, claims in store.traces()]
    assert stored and any(claims for claims in stored)
    for claims in stored:
        again = [TracedClaim.from_json(claim).to_json() for claim in claims]
        assert json.dumps(again) == json.dumps(claims)
