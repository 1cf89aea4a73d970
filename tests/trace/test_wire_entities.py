"""Wire agencies as corpus outlet entities: the agency an article runs copy of has a source
profile that shows what it supplied and to whom."""

from __future__ import annotations

from sourcetrace.ingest import IngestOptions, ingest
from sourcetrace.nlp.settings import AnalysisSettings
from sourcetrace.pipeline import process
from sourcetrace.report.terminal import source_lines
from sourcetrace.trace.agencies import agency_entities
from sourcetrace.trace.records import Canonical, CorpusIdentities
from sourcetrace.trace.service import corpus_identities, current_traces, source_profile

FERRY = [
    "BRENNHOLM, Norway (AP) - A ferry carrying 212 passengers ran aground off the island of"
    " Brennholm on Sunday, and all passengers were taken ashore by lifeboat.",
    "The ferry struck a sandbank in thick fog shortly after leaving the harbour.",
    "Divers will inspect the hull on Monday before the vessel is towed to a shipyard.",
]


def _write(folder, name: str, outlet: str, paragraphs: list[str]) -> None:
    head = f"---\ntitle: Ferry runs aground\noutlet: {outlet}\npublished: 2026-05-03\n---\n\n"
    (folder / f"{name}.txt").write_text(head + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


def test_an_agency_not_in_the_story_becomes_one_outlet_entity_with_its_names():
    ap = Canonical("outlet:x", "AP", "outlet", ("AP",), (("a1", 2),), ("outlet:associatedpress",))
    (known,) = agency_entities(["Associated Press"], [ap])  # already there, by its key
    assert (known.id, known.name, known.members) == ("outlet:x", "AP", (("a1", 2),))
    assert known.aliases == ("AP", "Associated Press", "The Associated Press")
    (reuters,) = agency_entities(["Reuters", "Reuters"], [])
    assert (reuters.id, reuters.kind, reuters.name) == ("outlet:reuters", "outlet", "Reuters")
    assert reuters.aliases == ("Reuters", "Thomson Reuters") and reuters.members == ()
    assert reuters.evidence == ("outlet:reuters", "outlet:thomsonreuters")


def test_a_profile_lists_the_outlets_that_run_an_agencys_copy():
    rows = [
        {"wire": "Associated Press", "outlet": "Daily Post", "article": "d1"},
        {"wire": "Associated Press", "outlet": "Daily Post", "article": "d2"},
        {"wire": "Associated Press", "outlet": "AP News", "article": "a1"},  # its own
        {"wire": "Reuters", "outlet": "Daily Post", "article": "d3"},
    ]
    profile = source_profile("The Associated Press", [], CorpusIdentities(), (), rows)
    assert [(r.outlet, r.articles) for r in profile.wire_copy] == [("Daily Post", 2)]
    assert profile.found
    assert source_lines(profile)[-2:] == ["Its wire copy is run by:", "  Daily Post: 2 articles"]


def test_sourcetrace_source_finds_the_agency_by_any_name_with_the_claims_it_supplied(
    store, tmp_path
):
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder, "post", "Daily Post", FERRY)
    _write(folder, "courier", "Northern Courier", [*FERRY[1:], "— The Associated Press"])
    ingest([str(folder)], store, IngestOptions())
    process(store)
    settings = AnalysisSettings()
    stories, _ = current_traces(store, settings)
    identities = corpus_identities(store, settings)
    for name in ("Associated Press", "AP"):
        profile = source_profile(name, stories, identities, (), store.wire_by_outlet())
        (entity,) = profile.entities
        assert (entity.id, entity.kind, entity.name) == (
            "outlet:associated-press",
            "outlet",
            "Associated Press",
        )
        assert "The Associated Press" in entity.aliases
        assert [(r.outlet, r.articles) for r in profile.wire_copy] == [
            ("Daily Post", 1),
            ("Northern Courier", 1),
        ]
        outlets = {c.outlet for claim in profile.claims for c in claim.credited_in}
        assert outlets == {"Daily Post", "Northern Courier"}
        # the dateline credits the agency in the text; the closing credit makes it the origin
        reasons = {c.described_as for claim in profile.claims for c in claim.credited_in}
        assert reasons == {"AP", "Northern Courier is Associated Press copy (runs its copy)"}
