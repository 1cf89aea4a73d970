"""The provenance scorer (``eval provenance``) on gold and versions the team made up: span
matching, locating versions in an analysis, claim matching, origin counts and grouping, and
the text it prints. No corpus is needed."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from sourcetrace.eval.provenance import (
    GoldClaim,
    GoldVersion,
    Located,
    best_match,
    claim_result,
    locate_versions,
    read_gold,
    spans_match,
    summary,
)
from sourcetrace.eval.text import format_provenance, provenance_json
from sourcetrace.trace.service import trace_versions
from sourcetrace.trace.versions import ClaimVersion, claim_versions

HERE = {"name": "this article", "type": "outlet"}
TEXTS = {
    "d1": "The council approved the bridge on Monday.",
    "d2": "Mayor Ann Lee said the council approved the bridge.",
    "d3": "Ann Lee said the council approved the bridge on Monday.",
}


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((0, 10), (5, 20), True),  # overlap 5, shorter span 10
        ((0, 10), (6, 20), False),  # overlap 4
        ((10, 20), (0, 100), True),  # inside
        ((0, 10), (10, 20), False),  # touching
        ((0, 10), (30, 40), False),
    ],
)
def test_spans_match_when_they_overlap_by_half_the_shorter(a, b, expected):
    assert spans_match(a, b) is expected
    assert spans_match(b, a) is expected


def _version(doc: str, speaker: str | None = None, kind: str = "person") -> ClaimVersion:
    fields: dict = {"kind": None, "speaker": None, "source_type": "own_voice"}
    if speaker:
        fields = {
            "kind": "indirect",
            "speaker": speaker,
            "source_type": kind,
            "chain": [HERE, {"name": speaker, "type": kind}],
        }
    return ClaimVersion(
        article=doc, outlet=None, published=None, order=int(doc[1:]), claim=0,
        text=TEXTS[doc], source_text=speaker, **fields,
    )  # fmt: skip


def _gold(*versions: tuple[str, tuple[str, ...]]) -> GoldClaim:
    """A gold claim whose versions span each document's whole text."""
    made = tuple(GoldVersion(d, 0, len(TEXTS[d]), None, origins) for d, origins in versions)
    listed = len({o for _, origins in versions for o in origins})
    return GoldClaim("e/c01", "e", "the bridge approved", made, listed, listed)


def _traced(versions: list[ClaimVersion], together: bool = True):
    """The versions traced as one story: aligned into one claim (equal vectors) or each
    alone (orthogonal vectors), and where each stands (its whole text)."""
    vectors = np.ones((len(versions), 4)) / 2 if together else np.eye(len(versions), 4)
    where = {v.key: Located(v, 0, len(v.text)) for v in versions}
    return trace_versions(1, versions, vectors.astype(np.float32)), where


def test_read_gold_counts_listed_origins_beside_the_annotators_count(tmp_path: Path):
    record = {
        "event": "e", "claim": "e/c01", "gist": "g", "independent_origins": 1,
        "versions": [
            {"doc": "d1", "start": 0, "end": 5, "speaker": {"start": 0, "end": 2},
             "origins": ["o1"]},
            {"doc": "d2", "start": 3, "end": 9, "speaker": None, "origins": ["o2"]},
        ],
        "origins": [{"id": "o1"}, {"id": "o2"}],
    }  # fmt: skip
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(record) + "\n\n", encoding="utf-8")
    [claim] = read_gold(path)
    assert claim.versions[0] == GoldVersion("d1", 0, 5, (0, 2), ("o1",))
    assert claim.versions[1].speaker is None
    assert (claim.listed_origins, claim.independent_origins) == (2, 1)


def test_versions_are_located_by_the_analysis_offsets():
    text = 'The dam held. "It will hold," she said, "for years." Rain fell  all\nday.'
    first, second = text.index('"It'), text.index('"for')
    analysis = {
        "id": "d1",
        "text": text,
        "claims": [{"text": text[:13], "start": 0, "end": 13, "attribution": None}],
        "attributions": [
            {
                "speaker": "Jo Park", "source_type": "person", "chain": [HERE], "states": True,
                "content": [
                    {"text": text[first : first + 14], "start": first, "end": first + 14},
                    {"text": text[second:second + 12], "start": second, "end": second + 12},
                ],
            }
        ],
    }  # fmt: skip
    versions = claim_versions(analysis)
    assert [(s.start, s.end, s.searched) for s in locate_versions(analysis, versions)] == [
        (0, 13, False),
        (first, second + 12, False),  # the split quotation, from its first piece to its last
    ]


def test_a_version_the_analysis_does_not_hold_is_searched_for_in_the_text():
    text = "The dam held. Rain fell  all\nday. Nothing else."
    analysis = {"id": "d1", "text": text, "claims": [], "attributions": []}
    searched = ClaimVersion(
        article="d1", outlet=None, published=None, order=0, claim=0, text="Rain fell all day.",
        kind=None, speaker=None, source_type="own_voice", source_text=None,
    )  # fmt: skip
    missing = ClaimVersion(**{**searched.to_json(), "claim": 1, "text": "Snow fell."})
    [found] = locate_versions(analysis, [searched, missing])
    assert (found.start, found.end, found.searched) == (14, 33, True)


def test_the_traced_claim_holding_most_versions_matches():
    versions = [_version("d1"), _version("d2", "Ann Lee"), _version("d3", "Ann Lee")]
    traced, where = _traced(versions)
    gold = _gold(("d1", ("o1",)), ("d2", ("o2",)), ("d3", ("o2",)))
    match = best_match(gold, traced, where)
    assert match is not None and match.claim.id == "1.1"
    assert [(g.doc, s.version.article) for g, s in match.pairs] == [
        ("d1", "d1"), ("d2", "d2"), ("d3", "d3"),
    ]  # fmt: skip


def test_no_match_without_a_traced_claim_of_two_documents():
    versions = [_version("d1"), _version("d2"), _version("d3")]
    traced, where = _traced(versions, together=False)
    assert best_match(_gold(("d1", ("o1",)), ("d2", ("o2",))), traced, where) is None


def test_versions_of_one_document_alone_do_not_make_a_match():
    first = _version("d1")
    second = ClaimVersion(**{**first.to_json(), "claim": 1, "text": "The river rose."})
    other = ClaimVersion(**{**_version("d3").to_json(), "text": "The river rose fast."})
    versions = [first, _version("d2"), second, other]
    vectors = np.array([[1, 0], [1, 0], [0, 1], [0, 1]], dtype=np.float32)
    traced = trace_versions(1, versions, vectors)
    spans = {first.key: (0, 21), second.key: (30, 60)}
    where = {v.key: Located(v, *spans.get(v.key, (0, len(v.text)))) for v in versions}
    pieces = [GoldVersion("d1", s, s + 7, None, ("o1",)) for s in (0, 7, 14)]
    gold = GoldClaim(
        "e/c01", "e", "g",
        (*pieces, GoldVersion("d1", 30, 60, None, ("o1",)), GoldVersion("d3", 0, 9, None, ("o2",))),
        2, 2,
    )  # fmt: skip
    match = best_match(gold, traced, where)
    assert match is not None  # the claim holding three versions of d1 alone is passed over
    assert [(g.doc, g.start) for g, _ in match.pairs] == [("d1", 30), ("d3", 0)]


def test_a_gold_version_whose_span_misses_the_system_version_is_not_held():
    versions = [_version("d1"), _version("d2")]
    traced, where = _traced(versions)
    far = GoldVersion("d2", 100, 140, None, ("o2",))
    gold = GoldClaim("e/c01", "e", "g", (GoldVersion("d1", 0, 10, None, ("o1",)), far), 2, 2)
    assert best_match(gold, traced, where) is None


def _result(gold: GoldClaim, versions: list[ClaimVersion]) -> dict:
    traced, where = _traced(versions)
    return claim_result(gold, best_match(gold, traced, where), TEXTS, len(gold.versions))


def test_one_person_under_two_names_is_an_overcount():
    gold = _gold(("d1", ("o1",)), ("d2", ("o2",)), ("d3", ("o2",)))
    r = _result(gold, [_version("d1"), _version("d2", "Mayor Ann Lee"), _version("d3", "Ann Lee")])
    assert (r["gold_count"], r["system_count"], r["grouped"]) == (2, 3, False)
    assert sorted(r["system_origins"]) == [
        "Ann Lee (person)", "Mayor Ann Lee (person)", "d1 (own_voice)",
    ]  # fmt: skip
    assert r["versions"][1] == {
        "doc": "d2", "gold_origin": "o2", "gold_speaker": None, "system_speaker": "Mayor Ann Lee",
        "system_type": "person", "system_origin": "Mayor Ann Lee",
    }  # fmt: skip


def test_equal_counts_with_other_groups_are_right_but_not_grouped_as_the_gold():
    gold = _gold(("d1", ("o1",)), ("d2", ("o2",)), ("d3", ("o2",)))
    r = _result(gold, [_version("d1", "Ann Lee"), _version("d2", "Ann Lee"), _version("d3")])
    assert (r["gold_count"], r["system_count"], r["grouped"]) == (2, 2, False)


def test_a_version_on_two_origins_counts_both_and_groups_under_its_first():
    gold = _gold(("d1", ("o1", "o2")), ("d2", ("o1",)))
    r = _result(gold, [_version("d1", "Ann Lee"), _version("d2", "Ann Lee")])
    assert (r["gold_count"], r["system_count"], r["grouped"]) == (2, 1, True)


def test_gold_speakers_are_read_from_the_text():
    speaker = GoldVersion("d2", 0, len(TEXTS["d2"]), (0, 13), ("o1",))
    gold = GoldClaim("e/c01", "e", "g", (GoldVersion("d1", 0, 42, None, ("o2",)), speaker), 2, 2)
    r = _result(gold, [_version("d1"), _version("d2", "Ann Lee")])
    assert [v["gold_speaker"] for v in r["versions"]] == [None, "Mayor Ann Lee"]


def test_a_word_for_word_copy_counts_under_one_origin_beside_the_gold_count():
    copy = GoldVersion("d2", 0, len(TEXTS["d2"]), None, ("o2",), same_words_as="d1")
    gold = GoldClaim(
        "e/c01", "e", "g",
        (GoldVersion("d1", 0, 42, None, ("o1",)), copy,
         GoldVersion("d3", 0, len(TEXTS["d3"]), None, ("o3",))),
        3, 3,
    )  # fmt: skip
    r = _result(gold, [_version("d1"), _version("d2"), _version("d3")])
    assert (r["gold_count"], r["gold_count_copies"]) == (3, 2)


def test_copy_groups_replace_same_words_as_when_the_gold_has_them():
    copy = GoldVersion("d2", 0, len(TEXTS["d2"]), None, ("o2",), same_words_as="d1")
    versions = (
        GoldVersion("d1", 0, 42, None, ("o1",)),
        copy,
        GoldVersion("d3", 0, len(TEXTS["d3"]), None, ("o3",)),
    )
    three = (frozenset({"d1", "d2", "d3"}),)
    none: tuple[frozenset[str], ...] = ()
    for groups, count in ((three, 1), (none, 3), ((frozenset({"d2", "d3"}),), 2)):
        gold = GoldClaim("e/c01", "e", "g", versions, 3, 3, copy_groups=groups)
        r = _result(gold, [_version("d1"), _version("d2"), _version("d3")])
        assert (r["gold_count"], r["gold_count_copies"]) == (3, count)


def _made_up(
    claim: str,
    gold: int | None,
    system: int | None,
    grouped: bool = True,
    adjudicated: int | None = None,
) -> dict:
    r = {"claim": claim, "event": claim.split("/")[0], "gist": "a gist", "gold_versions": 3}
    r.update(located=2, matched=gold is not None)
    if gold is not None:
        r.update(
            traced_claim="1.2", held=2, gold_count=gold, system_count=system, grouped=grouped,
            gold_count_copies=min(gold, 2), whole=adjudicated is not None,
            adjudicated_count=adjudicated,
            system_origins=["Ann Lee (person)", "d1 (own_voice)"],
            versions=[
                {"doc": "d1", "gold_origin": "o1", "gold_speaker": None, "system_speaker": None,
                 "system_type": "own_voice", "system_origin": "d1"},
                {"doc": "d2", "gold_origin": "o2", "gold_speaker": "the mayor",
                 "system_speaker": "Ann Lee", "system_type": "person", "system_origin": "Ann Lee"},
            ],
        )  # fmt: skip
    return r


RESULTS = [
    _made_up("e/c01", 2, 2),
    _made_up("e/c02", 1, 2, grouped=False),
    _made_up("e/c03", 3, 2, grouped=False),
    _made_up("f/c01", None, None),
]


def test_summary_counts_recall_accuracy_and_the_direction_of_misses():
    assert summary(RESULTS) == {
        "claims": 4, "matched": 3, "recall": 0.75, "origins_right": 1, "origin_accuracy": 0.3333,
        "origins_right_copies": 2, "origin_accuracy_copies": 0.6667,
        "overcount": 1, "undercount": 1, "grouped_right": 1, "grouping_accuracy": 0.3333,
        "whole_adjudicated": 0, "origins_right_adjudicated": 0,
        "origin_accuracy_adjudicated": 0.0, "overcount_adjudicated": 0,
        "undercount_adjudicated": 0,
    }  # fmt: skip


def test_the_adjudicated_count_is_scored_on_claims_held_whole_only():
    results = [
        _made_up("e/c01", 2, 2, adjudicated=3),  # held whole: undercount
        _made_up("e/c02", 1, 2, adjudicated=2),  # held whole: right
        _made_up("e/c03", 3, 2),  # not held whole (or not adjudicated): not scored
    ]
    figures = summary(results)
    assert (figures["whole_adjudicated"], figures["origins_right_adjudicated"]) == (2, 1)
    assert (figures["overcount_adjudicated"], figures["undercount_adjudicated"]) == (0, 1)
    lines = format_provenance(
        {**_figures(), **figures, "by_event": {}, "results": results}, verbose=False
    ).splitlines()
    assert (
        "origin accuracy against the adjudicated count, on claims held whole 0.500: 1 of 2"
        " (overcount 0, undercount 1)"
    ) in lines


def _figures() -> dict:
    return {
        "gold": "train.jsonl", "events": 2, "articles": 5, **summary(RESULTS),
        "by_event": {"e": summary(RESULTS[:3]), "f": summary(RESULTS[3:])},
        "count_rule_differs": 1, "system_versions": 40, "found_by_search": 2, "not_found": 1,
        "results": RESULTS,
    }  # fmt: skip


def test_provenance_figures_overall_then_per_event():
    assert format_provenance(_figures(), verbose=False).splitlines() == [
        "provenance gold train.jsonl: 2 events, 5 articles, 4 gold claims",
        "shared-claim recall 0.750: 3 of 4 gold claims matched by a traced claim",
        "origin accuracy 0.333: 1 of 3 matched claims with as many origins as the gold"
        " (overcount 1, undercount 1)",
        "origin accuracy with the gold's copies of one text as one origin 0.667: 2 of 3",
        "origins grouped as the gold 0.333: 1 of 3",
        "  event        claims matched  recall  right accuracy grouped",
        "  e                 3       3   1.000      1    0.333       1",
        "  f                 1       0   0.000      0    0.000       0",
        "gold claims whose independent_origins differs from their listed origins: 1 of 4",
        "system versions: 40, found by text search 2, not found 1",
    ]


def test_verbose_provenance_gives_each_claim_its_verdict_and_speakers():
    lines = format_provenance(_figures(), verbose=True).splitlines()[10:]
    assert lines[:4] == [
        "e/c01 right, grouped as the gold: gold 2, system 2: a gist",
        "  traced 1.2 holds 2 of 3 versions; system origins: Ann Lee (person); d1 (own_voice)",
        "  d1           gold o1 (own voice) | system - (own_voice) -> d1",
        "  d2           gold o2 the mayor | system Ann Lee (person) -> Ann Lee",
    ]
    assert lines[4].startswith("e/c02 over, grouped otherwise: gold 1, system 2")
    assert lines[8].startswith("e/c03 under, grouped otherwise: gold 3, system 2")
    assert lines[12:] == ["f/c01 not matched (2 of 3 versions found among system versions): a gist"]


def test_provenance_json_holds_the_per_claim_results_only_when_verbose():
    assert "results" not in provenance_json(_figures(), verbose=False)
    assert provenance_json(_figures(), verbose=True)["results"] == RESULTS
