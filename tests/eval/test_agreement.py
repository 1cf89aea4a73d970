"""The agreement arithmetic of eval/agreement.py on small made-up annotations."""

from __future__ import annotations

from sourcetrace.eval.agreement import Annotation, majority, unit_agreement
from sourcetrace.eval.drift import GoldDrift


def note(claim: str, kinds: list[str], origins: int) -> Annotation:
    return Annotation(claim, tuple(GoldDrift(claim, k, "a", "b") for k in kinds), origins)


def test_units_are_a_claim_and_a_kind_scored_second_against_first() -> None:
    first = {"c1": note("c1", ["hedge", "speaker"], 2), "c2": note("c2", [], 1)}
    second = {"c1": note("c1", ["hedge", "hedge"], 2), "c2": note("c2", ["meaning"], 3)}
    r = unit_agreement(first, second, ["c1", "c2"])
    assert r["drift"] == {
        "first": 2, "second": 2, "both": 1, "precision": 0.5, "recall": 0.5, "f1": 0.5
    }  # fmt: skip
    assert r["by_kind"]["hedge"]["both"] == 1
    assert r["by_kind"]["meaning"]["precision"] == 0.0
    assert r["by_kind"]["number"]["precision"] is None
    assert (r["origins_equal"], r["origins_agreement"]) == (1, 0.5)


def test_the_majority_keeps_what_more_than_half_give() -> None:
    a = {"c1": note("c1", ["hedge"], 2), "c2": note("c2", ["hedge"], 1)}
    b = {"c1": note("c1", ["hedge", "speaker"], 3), "c2": note("c2", [], 1)}
    c = {"c1": note("c1", ["speaker"], 4)}
    voted = majority([a, b, c])
    assert set(voted) == {"c1"}  # c2: two annotations only
    assert voted["c1"].units == {"hedge", "speaker"}
    assert voted["c1"].origins == -1  # no count has a majority
    assert majority([a, b, {"c1": note("c1", [], 3)}])["c1"].units == {"hedge"}
    assert majority([a, b, {"c1": note("c1", [], 3)}])["c1"].origins == 3
