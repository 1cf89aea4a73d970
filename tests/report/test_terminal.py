"""Small wording helpers of the terminal output."""

from sourcetrace.report.terminal import plural


def test_counts_agree_with_their_noun():
    assert plural(1, "story") == "1 story"
    assert plural(2, "story") == "2 stories"
    assert plural(0, "article") == "0 articles"
    assert plural(3, "day") == "3 days"  # a vowel before the y: just -s


def test_drift_lines_name_the_outlets_and_count_versions_changed_alike():
    from types import SimpleNamespace

    from sourcetrace.report.terminal import drift_lines
    from sourcetrace.trace.records import Drift, Wording

    outlets = {"a": "Harbor Ledger", "b": "Capital Wire", "c": "Coastal Daily", "d": None}
    versions = [SimpleNamespace(article=k, outlet=v) for k, v in outlets.items()]
    credited = Wording("a", "Port authority: the dock cost 600 million crowns")
    drift = [
        Drift("number_changed", Wording("a", "600 million"), Wording("c", "60 million"), "high"),
        *(
            Drift("attribution_dropped", credited, Wording(k, "The dock cost 600 million"))
            for k in "bcd"
        ),
    ]
    lines = drift_lines(SimpleNamespace(versions=versions, drift=drift))
    assert lines == [
        "drift number_changed: “600 million” → “60 million” (Harbor Ledger → Coastal Daily)",
        "drift attribution_dropped: “Port authority: the dock cost 600 million crowns” → “The"
        " dock cost 600 million” (Harbor Ledger → Capital Wire) and 2 more versions:"
        " Coastal Daily, d",
    ]
