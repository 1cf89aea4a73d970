"""Exports of the demo corpus: the JSON analysis, the CSV tables, ClaimReview JSON-LD drafts
(also for a real corpus from ``../shared/data``), and the ``export`` command's options and exit
codes."""

from __future__ import annotations

import csv
import io
import json
from importlib import resources

import jsonschema
import pytest
from typer.testing import CliRunner

from sourcetrace.cli import app
from sourcetrace.demo import corpus_dir
from sourcetrace.eval.stories import ecbplus_records, story_chain_records
from sourcetrace.ingest import IngestOptions, ingest
from sourcetrace.nlp.settings import AnalysisSettings
from sourcetrace.pipeline import process
from sourcetrace.report.export import (
    TABLES,
    csv_cell,
    export_claimreview,
    export_csv,
    export_json,
)
from sourcetrace.store import open_store
from sourcetrace.stories.service import story_summaries
from sourcetrace.trace import trace_stories
from sourcetrace.trace.known import read_known_claims
from sourcetrace.trace.service import stored_analyses
from tests.conftest import SHARED

runner = CliRunner()
#: The fields of a ClaimReview that only the fact-checker who reviews the claim can give.
REVIEWER_FIELDS = ("reviewRating", "author", "url", "datePublished")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("export") / "demo.db"
    with open_store(db) as store:
        assert ingest([str(corpus_dir())], store, IngestOptions()).exit_code == 0
        process(store)
    return db


@pytest.fixture(scope="module")
def expected(demo_db):
    """What the store holds, read through the functions the exports are built on."""
    with open_store(demo_db) as store:
        traced = trace_stories(store).stories
        articles = store.articles()
        return {
            "articles": {a.id: a for a in articles},
            "analyses": stored_analyses(store, articles, AnalysisSettings()),
            "stories": {s.id: s for s in story_summaries(store)},
            "claims": {c.id: c.to_json() for story in traced for c in story.claims},
        }


class CountingWriter(io.StringIO):
    """A text stream that records the size of every write."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[int] = []

    def write(self, text: str) -> int:
        self.writes.append(len(text))
        return super().write(text)


@pytest.fixture(scope="module")
def json_out(demo_db) -> CountingWriter:
    out = CountingWriter()
    with open_store(demo_db) as store:
        export_json(store, out)
    return out


@pytest.fixture(scope="module")
def claimreviews(demo_db) -> list[dict]:
    out = io.StringIO()
    with open_store(demo_db) as store:
        export_claimreview(store, out)
    return json.loads(out.getvalue())


@pytest.fixture(scope="module")
def tables(demo_db, tmp_path_factory) -> dict[str, list[dict[str, str]]]:
    folder = tmp_path_factory.mktemp("csv")
    with open_store(demo_db) as store:
        paths = export_csv(store, folder)
    assert [p.name for p in paths] == [f"{name}.csv" for name in TABLES]
    out = {}
    for name, columns in TABLES.items():
        with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            assert tuple(reader.fieldnames) == columns
            out[name] = list(reader)
    return out


def _export(*args: str):
    return runner.invoke(app, ["export", *args], catch_exceptions=False)


# -- JSON ---------------------------------------------------------------------------------


def test_json_export_holds_every_article_with_its_analysis(json_out, expected):
    data = json.loads(json_out.getvalue())
    assert data["story"] is None and data["schema_version"] == 1
    by_id = {a["id"]: a for a in data["articles"]}
    assert set(by_id) == set(expected["articles"]) and len(data["articles"]) == len(by_id)
    for article_id, article in by_id.items():
        analysis = expected["analyses"][article_id]
        assert article["text"] == expected["articles"][article_id].text
        assert article["analysis"]["attributions"] == analysis["attributions"]
        assert article["analysis"]["claims"] == analysis["claims"]
        assert "text" not in article["analysis"]
        members = [a["id"] for a in expected["stories"][article["story"]].articles]
        assert article_id in members


def test_json_export_holds_every_traced_claim_with_its_origins(json_out, expected):
    data = json.loads(json_out.getvalue())
    assert [s["id"] for s in data["stories"]] == list(expected["stories"])
    claims = {c["id"]: c for story in data["stories"] for c in story["claims"]}
    assert set(claims) == set(expected["claims"])
    for claim_id, claim in claims.items():
        reference = expected["claims"][claim_id]
        assert claim["independent_origins"] == reference["independent_origins"]
        assert claim["origins"] == reference["origins"]
        assert claim["explanation"] == reference["explanation"]
    deal = claims["1.1"]
    assert deal["independent_origins"] == len(deal["origins"]) == 2
    assert {"hedge_dropped"} <= {change["kind"] for change in deal["drift"]}


def test_json_export_is_written_a_story_or_an_article_at_a_time(json_out, expected):
    items = len(expected["stories"]) + len(expected["articles"])
    assert len(json_out.writes) >= items
    largest_article = max(len(json.dumps(a.text)) for a in expected["articles"].values())
    assert max(json_out.writes) < largest_article + len(json_out.getvalue()) // 2


# -- CSV ----------------------------------------------------------------------------------


def test_csv_tables_have_one_row_per_item(tables, expected):
    assert len(tables["articles"]) == len(expected["articles"])
    assert len(tables["stories"]) == len(expected["stories"])
    assert len(tables["claims"]) == len(expected["claims"])
    versions = sum(len(c["versions"]) for c in expected["claims"].values())
    assert len(tables["claim_versions"]) == versions
    attributions = sum(len(a["attributions"]) for a in expected["analyses"].values())
    assert len(tables["attributions"]) == attributions
    assert {r["id"] for r in tables["articles"]} == set(expected["articles"])
    assert {r["claim"] for r in tables["claim_versions"]} == set(expected["claims"])


def test_csv_rows_carry_the_values_of_the_analysis(tables, expected):
    deal = next(r for r in tables["claims"] if r["id"] == "1.1")
    reference = expected["claims"]["1.1"]
    assert deal["text"] == reference["text"]
    assert deal["outlets"] == "; ".join(reference["outlets"])
    assert int(deal["independent_origins"]) == reference["independent_origins"]
    assert deal["first_date"] == reference["first_seen"]["date"] == "2026-03-02"
    assert "hedge_dropped: up to 4,000 → 4,000" in deal["drift"]
    for row in tables["attributions"]:
        text = expected["articles"][row["article"]].text
        assert text[int(row["cue_start"]) : int(row["cue_end"])] == row["cue"]
        first, *_ = row["content_spans"].split("; ")
        start, end = map(int, first.split("-"))
        assert row["content"].startswith(text[start:end])
    ledger = next(r for r in tables["articles"] if r["outlet"] == "The Harbor Ledger")
    assert ledger["authors"] == "Mara Quill" and ledger["published"] == "2026-03-02"
    assert int(ledger["attribution_count"]) == len(
        expected["analyses"][ledger["id"]]["attributions"]
    )


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-1 killed", "'-1 killed"),
        ("@officials", "'@officials"),
        ("\tcmd", "'\tcmd"),
        ("Valdoria = Ostmark", "Valdoria = Ostmark"),
        (["Capital Wire", "=Meridian"], "Capital Wire; =Meridian"),
        (-3.5, -3.5),
        (None, ""),
    ],
)
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(value, cell):
    assert csv_cell(value) == cell


def test_csv_export_neutralises_a_formula_in_article_text(tmp_path):
    page = tmp_path / "formula.txt"
    page.write_text(
        '---\ntitle: =HYPERLINK("https://bad.example", "open")\noutlet: \'@Desk Daily\'\n---\n\n'
        "The council approved a budget of 412 million crowns on Tuesday, the mayor said.\n",
        encoding="utf-8",
    )
    with open_store(tmp_path / "f.db") as store:
        assert ingest([str(page)], store, IngestOptions()).exit_code == 0
        process(store)
        export_csv(store, tmp_path / "out")
    with (tmp_path / "out" / "articles.csv").open(encoding="utf-8", newline="") as handle:
        (row,) = csv.DictReader(handle)
    assert row["title"] == '\'=HYPERLINK("https://bad.example", "open")'
    assert row["outlet"] == "'@Desk Daily"


# -- ClaimReview --------------------------------------------------------------------------


def test_claimreview_gives_one_review_per_canonical_claim(claimreviews, expected):
    assert sorted(r["identifier"] for r in claimreviews) == sorted(expected["claims"])
    for review in claimreviews:
        claim = expected["claims"][review["identifier"]]
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == claim["text"]
        assert review["reviewBody"] == claim["explanation"]
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["text"] == claim["text"]
        assert [a["name"] for a in item["author"]] == [o["name"] for o in claim["origins"]]
        assert {a["@type"] for a in item["author"]} <= {"Person", "Organization"}
        assert item["datePublished"] == claim["first_seen"]["date"]
        assert item["firstAppearance"]["identifier"] == claim["first_seen"]["article"]


def test_claimreview_appearances_are_the_claims_articles(claimreviews, expected):
    for review in claimreviews:
        claim = expected["claims"][review["identifier"]]
        appearances = review["itemReviewed"]["appearance"]
        assert [w["identifier"] for w in appearances] == list(
            dict.fromkeys(step["article"] for step in claim["timeline"])
        )
        assert {w["identifier"] for w in appearances} == set(claim["articles"])
        assert {w["publisher"]["name"] for w in appearances} == set(claim["outlets"])
        for work in appearances:
            article = expected["articles"][work["identifier"]]
            assert (work["url"], work["headline"]) == (article.url, article.title)
            assert work["datePublished"] == article.published


def _keys(data: object) -> set[str]:
    """Every property name anywhere in a JSON value."""
    if isinstance(data, dict):
        return set(data).union(*map(_keys, data.values()))
    if isinstance(data, list):
        return set().union(*map(_keys, data))
    return set()


def test_claimreview_gives_no_rating(claimreviews):
    assert not {"reviewRating", "ratingValue", "alternateName"} & _keys(claimreviews)


def test_claimreview_names_anonymous_origins_as_their_outlet_does(claimreviews):
    deal = next(r for r in claimreviews if r["identifier"] == "1.1")
    assert deal["itemReviewed"]["author"][0] == {
        "@type": "Person",
        "name": "an anonymous source of The Harbor Ledger",
        "description": "a senior official briefed on the talks",
    }


@pytest.fixture(scope="module")
def draft_validator() -> jsonschema.Draft202012Validator:
    """The draft's JSON Schema, read from the package as it ships."""
    path = resources.files("sourcetrace.report") / "claimreview-draft.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _problems(validator: jsonschema.Draft202012Validator, data: object) -> list[str]:
    return [f"{error.json_path}: {error.message}" for error in validator.iter_errors(data)]


def test_claimreview_draft_of_the_demo_validates_against_its_schema(claimreviews, draft_validator):
    assert len(claimreviews) > 1
    assert _problems(draft_validator, claimreviews) == []


def test_claimreview_is_marked_as_a_draft_that_names_what_a_fact_checker_adds(claimreviews):
    for review in claimreviews:
        assert review["creativeWorkStatus"] == "Draft"
        assert "no rating" in review["description"]
        assert all(field in review["description"] for field in REVIEWER_FIELDS)
        assert not set(REVIEWER_FIELDS) & set(review)
        item = review["itemReviewed"]
        assert {w["@type"] for w in [*item["appearance"], item["firstAppearance"]]} == {
            "NewsArticle"
        }


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("reviewRating", {"@type": "Rating", "alternateName": "Mostly false"}),
        ("author", {"@type": "Organization", "name": "Check Desk"}),
        ("url", "https://checks.example/kestrel"),
        ("datePublished", "2026-03-07"),
        ("creativeWorkStatus", "Published"),
    ],
)
def test_claimreview_draft_schema_refuses_what_only_a_reviewer_gives(
    claimreviews, draft_validator, field, value
):
    assert _problems(draft_validator, [{**claimreviews[0], field: value}])


def test_claimreview_invents_nothing_an_article_does_not_say(tmp_path, draft_validator):
    page = tmp_path / "council.txt"
    page.write_text(
        "---\ntitle: Council budget vote\n---\n\n"
        "The council approved a budget of 412 million crowns on Tuesday, the mayor said.\n",
        encoding="utf-8",
    )
    with open_store(tmp_path / "c.db") as store:
        assert ingest([str(page)], store, IngestOptions()).exit_code == 0
        process(store)
        out = io.StringIO()
        export_claimreview(store, out)
        (article,) = store.articles()
    reviews = json.loads(out.getvalue())
    assert reviews and _problems(draft_validator, reviews) == []
    assert (article.url, article.outlet, article.published, article.authors) == (
        None, None, None, []
    )  # fmt: skip
    for review in reviews:
        item = review["itemReviewed"]
        assert "datePublished" not in item
        for work in [*item["appearance"], item["firstAppearance"]]:
            assert work == {
                "@type": "NewsArticle",
                "identifier": article.id,
                "headline": "Council budget vote",
                "inLanguage": "en",
            }


def test_claimreview_draft_reads_back_as_known_claims(claimreviews, tmp_path):
    path = tmp_path / "drafts.json"
    path.write_text(json.dumps(claimreviews), encoding="utf-8")
    known = read_known_claims(path)
    assert known.skipped == []
    assert [(c.id, c.text, c.url, c.publisher) for c in known.claims] == [
        (r["identifier"], r["claimReviewed"], "", "") for r in claimreviews
    ]


CHAINS = SHARED / "data" / "story_chains"
ECBPLUS = SHARED / "data" / "ecbplus"


def _real_records() -> list[dict]:
    """Eight dated story-chains articles (business and energy news, with URLs) and eight ECB+
    dev articles of one topic (with URLs, undated): small enough to trace in seconds."""
    (texts,) = CHAINS.glob("*article_texts.csv")
    chains = story_chain_records(texts)[:8]
    ecb = [r for r in ecbplus_records(ECBPLUS, "dev") if r["corpus_part"] == "ecbplus"]
    topic = [r for r in ecb if r["topic"] == ecb[0]["topic"]][:8]
    return chains + [
        {"id": r["doc_id"], "url": r["url"], "title": r["title"], "text": r["text"]} for r in topic
    ]


@pytest.mark.skipif(
    not (CHAINS.is_dir() and (ECBPLUS / "docs.jsonl").is_file()),
    reason="../shared/data/story_chains or ../shared/data/ecbplus not present",
)
def test_claimreview_draft_of_a_real_corpus_validates(tmp_path, draft_validator):
    records = _real_records()
    data = tmp_path / "real.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = str(tmp_path / "real.db")
    ingested = runner.invoke(app, ["ingest", str(data), "--db", db, "-q"])
    assert ingested.exit_code == 0, ingested.output
    target = tmp_path / "drafts.json"
    exported = _export("--db", db, "--format", "claimreview", "--output", str(target))
    assert exported.exit_code == 0, exported.stderr
    reviews = json.loads(target.read_text(encoding="utf-8"))
    assert _problems(draft_validator, reviews) == []
    with open_store(db) as store:
        stored = {a.id: a for a in store.articles()}
    assert len(stored) == len(records) and all(a.url for a in stored.values())
    items = [r["itemReviewed"] for r in reviews]
    for work in (w for item in items for w in item["appearance"]):
        article = stored[work["identifier"]]
        publisher = work.get("publisher", {}).get("name")
        assert (work["url"], work.get("datePublished"), publisher) == (
            article.url,
            article.published,
            article.outlet,
        )
    assert any(len(item["appearance"]) > 1 for item in items)  # provenance across articles
    dated = [item for item in items if "datePublished" in item]
    assert dated
    for item in dated:
        assert item["firstAppearance"]["datePublished"].startswith(item["datePublished"])
    known = read_known_claims(target)
    assert (len(known.claims), known.skipped) == (len(reviews), [])


# -- the command --------------------------------------------------------------------------


def test_export_writes_json_to_stdout_or_to_the_output_file(demo_db, json_out, tmp_path):
    printed = _export("--db", str(demo_db))
    assert printed.exit_code == 0
    assert json.loads(printed.stdout) == json.loads(json_out.getvalue())
    target = tmp_path / "export.json"
    written = _export("--db", str(demo_db), "--output", str(target))
    assert (written.exit_code, written.stdout) == (0, "")
    assert target.read_text(encoding="utf-8") == json_out.getvalue()


@pytest.mark.parametrize("fmt", ["json", "claimreview", "csv"])
def test_story_option_restricts_the_export(demo_db, expected, tmp_path, fmt):
    members = {a["id"] for a in expected["stories"][2].articles}
    claims = sorted(c for c in expected["claims"] if c.startswith("2."))
    args = ["--db", str(demo_db), "--format", fmt, "--story", "2"]
    if fmt == "csv":
        args += ["--output", str(tmp_path)]
    result = _export(*args)
    assert result.exit_code == 0, result.stderr
    if fmt == "json":
        data = json.loads(result.stdout)
        assert data["story"] == 2 and [s["id"] for s in data["stories"]] == [2]
        assert {a["id"] for a in data["articles"]} == members
        assert sorted(c["id"] for c in data["stories"][0]["claims"]) == claims
    elif fmt == "claimreview":
        assert sorted(r["identifier"] for r in json.loads(result.stdout)) == claims
    else:
        with (tmp_path / "articles.csv").open(encoding="utf-8", newline="") as handle:
            assert {r["id"] for r in csv.DictReader(handle)} == members
        with (tmp_path / "claims.csv").open(encoding="utf-8", newline="") as handle:
            assert sorted(r["id"] for r in csv.DictReader(handle)) == claims


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "Error: --format must be json, csv or claimreview\n"),
        (["--format", "csv"], "Error: --format csv writes several tables: give --output DIR"),
        (["--format", "csv", "-o", "-"], "Error: --format csv writes several tables"),
    ],
)
def test_export_usage_errors_exit_2(demo_db, args, message):
    result = _export("--db", str(demo_db), *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message) and result.stdout == ""


def test_export_of_an_unknown_story_exits_1_and_writes_nothing(demo_db, tmp_path):
    target = tmp_path / "none.json"
    result = _export("--db", str(demo_db), "--story", "99", "--output", str(target))
    assert result.exit_code == 1
    assert result.stderr == "Error: no story 99; list stories with 'sourcetrace stories'\n"
    assert not target.exists()
