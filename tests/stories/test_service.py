"""Stories over a store, through the command line, on articles the team wrote (and on the
two seed articles when ../shared is here)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sourcetrace.cli import app
from tests.conftest import SEEDS

runner = CliRunner()

CRANE = [
    {
        "id": "crane-1",
        "outlet": "Marrow Gazette",
        "date": "2026-03-02",
        "title": "Crane collapses at Port Marrow container terminal",
        "text": "A 60-metre gantry crane collapsed onto a cargo ship at the Port Marrow container "
        "terminal on Sunday night, injuring two dock workers. Harbour master Elena Voss said the "
        "crane's rear leg buckled during high winds. The terminal was closed on Monday while "
        "inspectors from the Maritime Safety Agency examined the wreckage.",
    },
    {
        "id": "crane-2",
        "outlet": "Coastal Daily",
        "date": "2026-03-02",
        "title": "Two hurt as gantry crane falls on ship in Port Marrow",
        "text": "Two workers were hurt when a gantry crane toppled onto a container ship in "
        "Port Marrow late on Sunday. Elena Voss, the harbour master, blamed gusts that buckled a "
        "leg of the 60-metre crane. The Maritime Safety Agency has opened an inquiry and the "
        "container terminal stayed shut on Monday.",
    },
    {
        "id": "crane-3",
        "outlet": "Freight Weekly",
        "date": "2026-03-04",
        "title": "Port Marrow terminal reopens after crane collapse",
        "text": "The Port Marrow container terminal reopened on Wednesday, three days after a "
        "gantry crane collapsed onto a ship in high winds. Harbour master Elena Voss said two "
        "injured dock workers had left hospital. Maritime Safety Agency inspectors are still "
        "examining why the crane's rear leg buckled.",
    },
]
BAKERY = {
    "id": "bakery",
    "outlet": "Lindqvist Herald",
    "date": "2026-03-03",
    "title": "Lindqvist bakery wins national bread prize",
    "text": "A family bakery in Lindqvist won this year's national sourdough prize on Tuesday. "
    "Owner Tomas Berg said the winning loaf used rye grown two miles from the shop. The judges "
    "tasted 140 entries over two days at the Royal Agricultural Hall.",
}


def invoke(*args: str):
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def ingest(tmp_path, db: str, records: list[dict], name: str, *options: str) -> None:
    path = tmp_path / f"{name}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    invoke("ingest", str(path), "--db", db, "-q", *options)


def stories_by_id(db: str) -> dict[str, int]:
    result = invoke("stories", "--format", "jsonl", "--db", db, "-q")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(set(row) == {"id", "story"} for row in rows)
    return {row["id"]: row["story"] for row in rows}


def test_reports_of_one_event_share_a_story_and_another_event_does_not(tmp_path):
    db = str(tmp_path / "s.db")
    ingest(tmp_path, db, [*CRANE, BAKERY], "all")
    got = stories_by_id(db)
    assert got["crane-1"] == got["crane-2"] == got["crane-3"]
    assert got["bakery"] != got["crane-1"]


def test_a_new_store_is_clustered_as_one_batch_whatever_the_order(tmp_path):
    db = str(tmp_path / "s.db")
    ingest(tmp_path, db, [BAKERY, *CRANE[::-1]], "reversed")
    got = stories_by_id(db)
    assert got["crane-1"] == got["crane-2"] == got["crane-3"] != got["bakery"]
    assert got["bakery"] == 1  # stories are numbered by their first article in arrival order
    listing = json.loads(invoke("stories", "--json", "--db", db, "-q").stdout)
    scores = {a["external_id"]: a["score"] for story in listing for a in story["articles"]}
    assert scores["bakery"] == 1.0  # alone in its story
    assert all(scores[c["id"]] > 0.9 for c in CRANE)  # mean probability in the story


def test_new_articles_are_assigned_without_touching_earlier_ones(tmp_path):
    db = str(tmp_path / "s.db")
    ingest(tmp_path, db, [CRANE[0], BAKERY], "first")
    before = stories_by_id(db)
    ingest(tmp_path, db, CRANE[1:], "second")
    after = stories_by_id(db)
    assert {k: after[k] for k in before} == before
    assert after["crane-2"] == after["crane-3"] == before["crane-1"]
    # Nothing new: nothing is assigned again.
    again = invoke("stories", "--db", db)
    assert "assigned" not in again.stderr


def test_recluster_assigns_everything_again(tmp_path):
    db = str(tmp_path / "s.db")
    ingest(tmp_path, db, [*CRANE, BAKERY], "all")
    before = stories_by_id(db)
    result = invoke("recluster", "--db", db, "-q")
    assert result.stdout.strip().startswith("4 articles in 2 stories")
    after = stories_by_id(db)
    assert len(set(after.values())) == 2
    assert (after["crane-1"] == after["crane-3"]) and (before["crane-1"] == before["crane-3"])


def test_a_story_has_a_label_outlets_dates_and_entities(tmp_path):
    db = str(tmp_path / "s.db")
    ingest(tmp_path, db, [*CRANE, BAKERY], "all")
    listing = json.loads(invoke("stories", "--json", "--db", db, "-q").stdout)
    crane = listing[0]
    assert crane["size"] == 3 and listing[1]["size"] == 1
    assert "crane" in crane["label"].lower()
    assert crane["outlets"] and set(crane["outlets"]) == {r["outlet"] for r in CRANE}
    assert (crane["first"], crane["last"]) == ("2026-03-02", "2026-03-04")
    assert "Elena Voss" in crane["people"]
    assert any("Port Marrow" in place for place in crane["places"])
    text = invoke("story", str(crane["id"]), "--db", db).stdout
    assert text.startswith(f"Story {crane['id']}: {crane['label']}")
    assert "2026-03-02 – 2026-03-04" in text and "Elena Voss" in text
    missing = runner.invoke(app, ["story", "999", "--db", db])
    assert missing.exit_code == 1 and "no story 999" in missing.stderr


def test_an_untitled_story_is_labelled_by_its_first_line_on_one_line(tmp_path):
    db = str(tmp_path / "s.db")
    untitled = [
        {k: v for k, v in r.items() if k != "title"} | {"text": f"{r['title']}\n\n{r['text']}"}
        for r in CRANE
    ]
    ingest(tmp_path, db, untitled, "untitled")
    (crane,) = json.loads(invoke("stories", "--json", "--db", db, "-q").stdout)
    assert crane["label"] in {r["title"] for r in CRANE}
    listing = invoke("stories", "--db", db, "-q").stdout
    assert "\\x0a" not in listing and crane["label"] in listing


def test_the_two_seed_articles_share_a_story_and_an_unrelated_one_does_not(tmp_path):
    if not SEEDS.is_dir():
        pytest.skip(f"the seed articles are not here ({SEEDS} is absent)")
    db = str(tmp_path / "s.db")
    invoke("ingest", str(SEEDS), "--db", db, "-q")
    ingest(tmp_path, db, [CRANE[0], BAKERY], "others")
    listing = json.loads(invoke("stories", "--json", "--db", db, "-q").stdout)
    seeds = [s for s in listing if any(a["external_id"] is None for a in s["articles"])]
    assert len(seeds) == 1 and seeds[0]["size"] == 2


def test_a_new_store_joins_what_arrival_order_would_split(tmp_path):
    """A and B share no word; C reports both halves. One at a time, A and B open stories before
    C arrives; as one batch, C holds the three together (average link at the model's cut)."""
    from sourcetrace.store import open_store
    from sourcetrace.stories.service import update_stories
    from tests.stories.test_index import word_model

    flood = "The river flooded the valley. Rescuers evacuated the village beside the levee."
    budget = "Councillors approved the library budget. Taxes rise for homeowners next spring."
    db = str(tmp_path / "s.db")
    ingest(
        tmp_path,
        db,
        [
            {"id": "a", "title": "", "text": flood},
            {"id": "b", "title": "", "text": budget},
            {"id": "c", "title": "", "text": f"{flood} {budget}"},
        ],
        "abc",
        "--no-process",  # grouped below, both ways, with a model of the test's own
    )
    model = word_model()
    model.batch_threshold = 0.4
    with open_store(db) as store:
        update_stories(store, model=model, batch_first=False)
        one_at_a_time = {a: s for a, s, _, _ in store.assignments()}
        store.clear_assignments()
        summary = update_stories(store, model=model)
        batch = {a: s for a, s, _, _ in store.assignments()}
    assert len(set(one_at_a_time.values())) == 2
    assert len(set(batch.values())) == 1 and summary.assigned == 3


def test_an_article_in_an_unsupported_language_gives_the_story_no_english_names(tmp_path):
    """The English name finder never reads a Russian report: before, its headline yielded
    'people' and 'places' that went into the story's label and entity list."""
    from sourcetrace.ingest import IngestOptions
    from sourcetrace.ingest import ingest as ingest_files
    from sourcetrace.store import open_store
    from sourcetrace.stories.features import story_features_many
    from tests.conftest import FIXTURES

    with open_store(tmp_path / "ru.db") as store:
        ingest_files([str(FIXTURES / "languages" / "ru-bridge.txt")], store, IngestOptions())
        (article,) = store.articles()
    assert article.language == "ru"
    (features,) = story_features_many([article])
    assert features["names"] == {}
    assert [t for t in features["terms"] if t[:2] in ("p:", "g:", "o:")] == []


def test_the_stories_listing_counts_one_article_in_the_singular(tmp_path):
    from typer.testing import CliRunner

    from sourcetrace.cli import app

    corpus = tmp_path / "one.txt"
    corpus.write_text(
        "A lone report\n\nThe harbour authority said on Monday that the east pier would close"
        " for repairs until the spring.\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(corpus), "--db", db]).exit_code == 0
    listing = runner.invoke(app, ["stories", "--db", db])
    assert listing.exit_code == 0, listing.output
    assert " 1 article " in listing.stdout and "1 articles" not in listing.stdout


def test_spellings_of_one_outlet_are_one_outlet_of_the_story(tmp_path):
    db = str(tmp_path / "s.db")
    spelled = [
        {**CRANE[0], "outlet": "Marrow Gazette"},
        {**CRANE[1], "outlet": "MARROW GAZETTE"},
        {**CRANE[2], "outlet": None, "url": "https://www.marrowgazette.example/crane"},
    ]
    ingest(tmp_path, db, spelled, "spelled")
    [crane] = json.loads(invoke("stories", "--json", "--db", db, "-q").stdout)
    assert crane["outlets"] == ["Marrow Gazette"]
    assert {a["outlet"] for a in crane["articles"]} == {"Marrow Gazette"}
    assert "1 outlet " in invoke("stories", "--db", db, "-q").stdout


def test_a_title_case_headline_gives_the_story_only_names_its_text_spells(tmp_path):
    db = str(tmp_path / "s.db")
    headlines = [
        "Harbour Master Elena Voss Slams Crane Maker After Collapse",
        "Voss Blasts Crane Maker As Port Marrow Counts Cost",
        "Port Marrow Terminal Reopens After Crane Collapse",
    ]
    ingest(tmp_path, db, [{**r, "title": t} for r, t in zip(CRANE, headlines, strict=True)], "tc")
    [crane] = json.loads(invoke("stories", "--json", "--db", db, "-q").stdout)
    names = crane["people"] + crane["places"] + crane["organisations"]
    assert "Elena Voss" in crane["people"]
    assert not [n for n in names if any(w in n for w in ("Slams", "Blasts", "Maker", "Reopens"))]
