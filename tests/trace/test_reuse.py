"""Text reuse between articles: alignment, verdicts, direction, the LSH index, wire credits."""

from __future__ import annotations

from dataclasses import replace

import pytest
from datasketch import MinHash

from sourcetrace.trace.agencies import agency
from sourcetrace.trace.reuse import ReuseDetector, ReuseSettings, align, compare, direction
from sourcetrace.trace.reuse_index import IndexSettings, ReuseIndex
from sourcetrace.trace.reuse_records import ReuseArticle
from sourcetrace.trace.reuse_text import boilerplate, split_sentences
from sourcetrace.trace.wire import wire_credits

LEDGER = (
    "The Kestrel ferry line will add three night crossings between Port Seren and Corvane "
    "from March. The operator said the new timetable follows a winter of record bookings. "
    "Tickets for the night crossings go on sale on Monday at the harbour office. "
    "Harbour master Ilse Marren said the quay would be rebuilt before the summer season."
)
#: The Ledger's first three sentences, the third with two words changed, then its own line.
COPY = (
    "The Kestrel ferry line will add three night crossings between Port Seren and Corvane "
    "from March. The operator said the new timetable follows a winter of record bookings. "
    "Tickets for the new crossings go on sale Monday at the harbour office. "
    "Local hauliers have asked for a freight deck on the late boats."
)
#: The Ledger's facts told again in other words.
REWRITTEN = (
    "Three extra night sailings linking Port Seren with Corvane will be run by the Kestrel "
    "ferry line starting in March. After a winter in which bookings hit a record, the "
    "operator has drawn up the new timetable. "
    "Local hauliers have asked for a freight deck on the late boats."
)
QUOTE = (
    '"We have never seen demand like this on the night crossings, and we expect it to '
    "grow further,\" said Anna Voss, the operator's chief executive."
)
QUOTED_A = (
    "Ferry bookings rose sharply this winter across the northern routes of the line. " + QUOTE
)
QUOTED_B = (
    "The harbour authority is weighing a second berth for larger vessels near Corvane. " + QUOTE
)
FOOTER = "Reporting by Ann Lee; Editing by Bo Hart. Our Standards: The Trust Principles."


def article(
    id: str, text: str, published: str | None = None, outlet: str | None = None
) -> ReuseArticle:
    return ReuseArticle(id, text, split_sentences(text), published, outlet)


def test_verbatim_copy_is_reuse_from_the_earlier_article() -> None:
    a = article("ledger", LEDGER, "2026-03-01", "Harbor Ledger")
    b = article("wire", COPY, "2026-03-02", "Capital Wire")
    pair = compare(a, b)
    assert (pair.verdict, pair.direction) == ("reuse", "b_from_a")
    assert [s.kind for s in pair.sentences] == ["verbatim", "verbatim", "verbatim"]
    assert [LEDGER[slice(*s.a)][:14] for s in pair.sentences] == [
        "The Kestrel fe",
        "The operator s",
        "Tickets for th",
    ]
    assert (pair.share_a, pair.share_b, pair.share_of_copy) == (0.75, 0.75, 0.75)


def test_rewritten_copy_is_found_by_sentence_embeddings() -> None:
    from sourcetrace.nlp.embed import load_embedder

    embed = load_embedder().embed
    a = article("ledger", LEDGER, "2026-03-01")
    b = article("other", REWRITTEN, "2026-03-02")
    assert compare(a, b).verdict == "independent"  # the words alone do not show it
    a, b = (
        replace(x, vectors=embed([x.sentence(i) for i in range(len(x.sentences))])) for x in (a, b)
    )
    pair = compare(a, b)
    assert pair.verdict == "reuse"
    assert [s.kind for s in pair.sentences] == ["rewritten", "rewritten"]
    assert all(s.cosine is not None and s.cosine >= 0.8 for s in pair.sentences)


def test_the_detector_embeds_articles_that_come_without_vectors() -> None:
    from sourcetrace.nlp.embed import load_embedder

    detector = ReuseDetector(embed=load_embedder().embed)
    detector.add(article("ledger", LEDGER, "2026-03-01"))
    [pair] = detector.add(article("copy", COPY, "2026-03-02"))
    assert pair.verdict == "reuse"
    assert all(s.cosine is not None and s.cosine > 0.8 for s in pair.sentences)


def test_a_shared_quotation_alone_is_independent() -> None:
    pair = compare(article("a", QUOTED_A), article("b", QUOTED_B))
    assert align(article("a", QUOTED_A), article("b", QUOTED_B))  # the quotation aligns
    assert (pair.verdict, pair.direction, pair.sentences) == ("independent", None, ())


def test_shared_boilerplate_is_not_reuse() -> None:
    a = article("a", "Ferry bookings rose sharply this winter on the northern routes.\n" + FOOTER)
    b = article("b", "The harbour authority is weighing a second berth near Corvane.\n" + FOOTER)
    assert boilerplate("Reporting by Ann Lee; Editing by Bo Hart.") == "byline"
    assert align(a, b) == []
    assert compare(a, b).verdict == "independent"


def test_the_lead_of_a_one_sentence_text_is_enough() -> None:
    lead = LEDGER.split(". ")[0] + "."
    pair = compare(article("a", LEDGER), article("b", lead))
    assert (pair.verdict, pair.direction, pair.share_b) == ("reuse", "common_source", 1.0)


@pytest.mark.parametrize(
    ("day_a", "day_b", "credit", "expected"),
    [
        ("2026-03-01", "2026-03-02", "", "b_from_a"),
        ("2026-03-03", "2026-03-02", "", "a_from_b"),
        ("2026-03-02", "2026-03-02", "", "common_source"),
        (None, None, "", "common_source"),
        (None, None, " From Harbor Ledger.", "b_from_a"),
        ("2026-03-02", "2026-03-02", " Crews from Port Seren helped.", "common_source"),
        ("2026-03-02", "2026-03-02", " Originally published by the Harbor Ledger.", "b_from_a"),
    ],
)
def test_direction_follows_days_then_credits(
    day_a: str | None, day_b: str | None, credit: str, expected: str
) -> None:
    a = article("a", LEDGER, day_a, "Harbor Ledger")
    b = article("b", COPY + credit, day_b, "Capital Wire")
    assert direction(a, b) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("OSLO, June 17 (Reuters) - Norway has earmarked two areas.", ("Reuters", "dateline")),
        ("(Updates with prices) OSLO (Reuters) - Norway has earmarked.", ("Reuters", "dateline")),
        ("MADRID (AP) -Spain's grid operator said.", ("Associated Press", "dateline")),
        ("Title line\nCORVANE (AFP) — The quay reopened.", ("Agence France-Presse", "dateline")),
        ("The quay reopened. The Associated Press contributed to this report.",
         ("Associated Press", "contributed")),
        ("The quay reopened on Monday, the Associated Press reported.",
         ("Associated Press", "credit")),
        ("The quay reopened on Monday.\n— Reuters", ("Reuters", "credit")),
    ],
)  # fmt: skip
def test_wire_credits_name_the_agency(text: str, expected: tuple[str, str]) -> None:
    [credit] = wire_credits("x", text)
    assert (credit.wire, credit.kind) == expected
    assert credit.end <= len(text)


@pytest.mark.parametrize(
    "text",
    [
        "Reuters said that the quay would reopen on Monday.",
        "The quay will reopen, according to AFP.",
        "WASHINGTON (CNN) — The quay reopened.",
    ],
)
def test_a_citation_or_an_outlet_dateline_is_no_wire_credit(text: str) -> None:
    assert wire_credits("x", text) == []


def test_agency_names_are_one_name() -> None:
    assert agency("AP") == agency("The Associated Press") == "Associated Press"
    assert agency("Harbor Ledger") is None


def test_a_wire_copy_pair_is_wire_from_a_common_source() -> None:
    a = article("a", "CORVANE (Reuters) - " + LEDGER, "2026-03-01", "Harbor Ledger")
    b = article("b", COPY, "2026-03-02", "Capital Wire")
    pair = compare(a, b)
    assert (pair.verdict, pair.wire, pair.direction) == ("wire", "Reuters", "common_source")


def test_the_index_offers_the_copied_article_and_not_an_unrelated_one() -> None:
    index = ReuseIndex()
    index.add(article("ledger", LEDGER))
    index.add(article("quotes", QUOTED_B))
    assert len(index) == 2
    assert [name for name, _ in index.candidates(article("copy", COPY))] == ["ledger"]
    assert dict(index.candidates(article("copy", COPY)))["ledger"] >= 2


def test_a_sentence_one_outlet_runs_often_stops_being_indexed() -> None:
    line = "Subscribe to the Harbor Ledger morning briefing for all the shipping news today."
    texts = [f"Story number {i} is about something else entirely.\n{line}" for i in range(3)]
    for after, outlets, expected in (
        (5, ["Ledger"] * 3, ["a0", "a1", "a2"]),
        (2, ["Ledger"] * 3, []),
        (2, ["Ledger", "Post", "Wire"], ["a0", "a1", "a2"]),  # syndication stays
    ):
        index = ReuseIndex(IndexSettings(boilerplate_after=after, min_hits=1))
        for i, (text, outlet) in enumerate(zip(texts, outlets, strict=True)):
            index.add(article(f"a{i}", text, outlet=outlet))
        found = index.candidates(article("q", line, outlet="Ledger"))
        assert sorted(n for n, _ in found) == expected


def test_a_full_bucket_is_not_read() -> None:
    texts = [f"{LEDGER}\nStory {i} adds a line of its own about the harbour." for i in range(4)]
    index = ReuseIndex(IndexSettings(max_bucket=3))
    for i, text in enumerate(texts):
        index.add(article(f"a{i}", text))
    assert index.candidates(article("copy", COPY)) == []
    index = ReuseIndex(IndexSettings(max_bucket=5))
    for i, text in enumerate(texts):
        index.add(article(f"a{i}", text))
    assert sorted(n for n, _ in index.candidates(article("copy", COPY))) == ["a0", "a1", "a2", "a3"]


@pytest.mark.parametrize("seed", [1, 7])
def test_the_index_minhashes_are_datasketchs_bulk_ones(seed: int) -> None:
    sets = [[w.encode() for w in set(s.lower().split())] for s in [*LEDGER.split("."), COPY]]
    index = ReuseIndex(IndexSettings(seed=seed))
    mine = index.minhashes(sets)
    theirs = MinHash.bulk(sets, num_perm=len(mine[0]), seed=seed)
    assert [list(m.hashvalues) for m in mine] == [list(m.hashvalues) for m in theirs]


def test_the_detector_compares_each_article_with_earlier_candidates() -> None:
    detector = ReuseDetector(ReuseSettings())
    assert detector.add(article("ledger", LEDGER, "2026-03-01")) == []
    assert detector.add(article("quotes", QUOTED_B, "2026-03-01")) == []
    [pair] = detector.add(article("copy", COPY, "2026-03-02"))
    assert (pair.a, pair.b, pair.verdict, pair.direction) == (
        "ledger",
        "copy",
        "reuse",
        "b_from_a",
    )
    assert pair.to_json()["sentences"][0]["kind"] == "verbatim"


def test_sentences_split_at_stops_before_capitals_and_at_line_breaks() -> None:
    text = 'He said "Go." Then he left!\nNew line here. lower case stays'
    assert [text[s:e] for s, e in split_sentences(text)] == [
        'He said "Go."',
        "Then he left!",
        "New line here. lower case stays",
    ]


def test_an_article_with_spans_outside_its_text_is_one_clear_error() -> None:
    with pytest.raises(ValueError, match="article x: a sentence span lies outside its text"):
        ReuseArticle("x", "Short.", ((0, 40),))
