"""Claims already checked elsewhere: reading the lists fact-checkers keep, and finding the
traced claims that repeat one (``sourcetrace match``). Every claim here is invented."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sourcetrace.cli import app
from sourcetrace.trace.known import KnownClaim, match_known, read_known_claims
from sourcetrace.trace.records import Appearance, ProvenanceGraph, StoryTrace, TracedClaim

DRONES = "Valdoria will sell as many as 4,000 Kestrel drones to Ostmark for $600 million."
UNRELATED = "A photograph shows a shark swimming on a flooded highway in Fennwick."


def test_a_claimreview_list_and_a_data_feed_are_read(tmp_path):
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": "fc-1",
        "url": "https://checks.example/kestrel",
        "claimReviewed": DRONES,
        "author": {"@type": "Organization", "name": "Check Desk"},
        "reviewRating": {"alternateName": "Unproven"},
    }
    (tmp_path / "list.json").write_text(json.dumps([review]), encoding="utf-8")
    (claim,) = read_known_claims(tmp_path / "list.json").claims
    assert claim == KnownClaim(
        id="fc-1", text=DRONES, url="https://checks.example/kestrel", publisher="Check Desk"
    )
    feed = {"@type": "DataFeed", "dataFeedElement": [{"item": [review, {"url": "x"}]}]}
    (tmp_path / "feed.json").write_text(json.dumps(feed), encoding="utf-8")
    read = read_known_claims(tmp_path / "feed.json")
    assert [c.id for c in read.claims] == ["fc-1"]
    assert read.skipped == [
        {"where": "entry 2", "reason": "a ClaimReview without claimReviewed text"}
    ]


def test_jsonl_and_tables_are_read_and_bad_rows_are_skipped_with_a_reason(tmp_path):
    (tmp_path / "known.jsonl").write_text(
        json.dumps({"id": "k1", "claim": DRONES, "title": "Kestrel sale?"})
        + "\n{broken\n\n"
        + json.dumps({"text": UNRELATED})
        + "\n"
        + json.dumps(["not", "an", "object"])
        + "\n"
        + json.dumps({"id": "k9"})
        + "\n",
        encoding="utf-8",
    )
    read = read_known_claims(tmp_path / "known.jsonl")
    assert [(c.id, c.title) for c in read.claims] == [("k1", "Kestrel sale?"), ("4", "")]
    assert [s["where"] for s in read.skipped] == ["line 2", "line 5", "line 6"]
    assert read.skipped[0]["reason"].startswith("not valid JSON")
    assert "no claim text" in read.skipped[2]["reason"]

    (tmp_path / "known.tsv").write_text(
        f"id\tvclaim\turl\nt1\t{DRONES}\thttps://checks.example/1\nt2\t \t\n", encoding="utf-8"
    )
    read = read_known_claims(tmp_path / "known.tsv")
    assert [(c.id, c.url) for c in read.claims] == [("t1", "https://checks.example/1")]
    assert read.skipped[0]["where"] == "line 3"

    (tmp_path / "known.csv").write_text(f'text\n"{UNRELATED}"\n', encoding="utf-8")
    assert read_known_claims(tmp_path / "known.csv").claims[0].text == UNRELATED


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("known.txt", "x", "expected a .json, .jsonl, .tsv, .csv file"),
        ("known.json", "{nope", "not valid JSON"),
        ("known.csv", "id,verdict\n1,false\n", "names no claim text column"),
    ],
)
def test_a_file_that_cannot_be_read_gives_one_line(tmp_path, name, content, reason):
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=reason):
        read_known_claims(tmp_path / name)


def traced_claim(claim_id: str, text: str, articles: tuple[str, ...]) -> TracedClaim:
    """A traced claim with the fields matching reads (its origins and drift left empty)."""
    seen = Appearance(articles[0], None, None)
    return TracedClaim(
        id=claim_id, text=text, articles=articles, outlets=articles, first_seen=seen,
        timeline=(seen,), origins=(), explanation="", drift=(),
        graph=ProvenanceGraph((), ()), versions=(),
    )  # fmt: skip


def test_a_traced_claim_finds_the_known_claim_it_repeats_and_nothing_unrelated():
    drones = (
        "Valdoria agreed to supply up to 4,000 Kestrel drones to Ostmark in a deal worth $600 "
        "million"
    )
    claims = (
        traced_claim("1.1", drones, ("a", "b")),
        traced_claim("1.2", "The ministry did not respond.", ("a",)),
    )
    stories = [StoryTrace(1, "Kestrel drones", claims)]
    known = [KnownClaim("u", UNRELATED), KnownClaim("d", DRONES, url="https://checks.example/d")]
    (story,) = match_known(stories, known)
    assert (story.id, story.label) == (1, "Kestrel drones")
    (claim,) = story.claims
    assert (claim.id, claim.text, claim.articles) == ("1.1", drones, ("a", "b"))
    assert [m.known.id for m in claim.matches] == ["d"]
    assert claim.matches[0].known.url == "https://checks.example/d"
    assert claim.to_json()["matches"][0] == {
        **known[1].to_json(),
        "score": claim.matches[0].score,
    }
    assert match_known(stories, known, threshold=10.0) == []
    assert match_known(stories, []) == []


def test_match_on_the_demo_store_lists_where_a_claim_was_checked(demo_db, tmp_path):
    known = tmp_path / "known.jsonl"
    known.write_text(
        json.dumps({"id": "d", "text": DRONES, "url": "https://checks.example/d"})
        + "\n"
        + json.dumps({"id": "u", "text": UNRELATED})
        + "\n"
        + "{broken\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    result = runner.invoke(app, ["match", str(known), "--format", "json", "--db", str(demo_db)])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found["known_claims"] == 2 and found["skipped"][0]["where"] == "line 3"
    matched = {
        c["id"]: [m["id"] for m in c["matches"]] for s in found["stories"] for c in s["claims"]
    }
    assert matched.get("1.1") == ["d"]
    assert all("u" not in ids for ids in matched.values())
    assert "skipped known.jsonl line 3" in result.stderr

    text = runner.invoke(app, ["match", str(known), "1", "--db", str(demo_db)])
    assert text.exit_code == 0, text.output
    assert "https://checks.example/d" in text.stdout and "shark" not in text.stdout
    missing = runner.invoke(app, ["match", str(tmp_path / "none.tsv"), "--db", str(demo_db)])
    assert missing.exit_code == 1 and "no such file" in missing.stderr
