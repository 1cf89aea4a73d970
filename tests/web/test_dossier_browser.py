"""Story dossiers in real headless Chromium: the web app's story page for the demo corpus and
for the two seed articles, and the self-contained HTML file ``make demo`` writes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from sourcetrace.ingest import IngestOptions, ingest
from sourcetrace.pipeline import process
from sourcetrace.report.dossier import Dossier, build_dossier
from sourcetrace.report.html import write_dossier_html
from sourcetrace.store import open_store
from tests.conftest import SEEDS
from tests.web.conftest import LiveServer, screenshot

DROP_CLAIM = "up to 4,000 Kestrel"


def _shared_claims(dossier: dict) -> list[dict]:
    return [c for c in dossier["claims"] if c["shared"]]


def _check_dossier_view(page, dossier: dict, drone_words: str) -> None:
    """What every rendering of a dossier must show, checked in the browser's DOM."""
    shared = _shared_claims(dossier)
    assert page.locator("section.claim").count() == len(shared)
    # The claim x outlet matrix: one row per shared claim, one column per outlet.
    rows = page.locator("table.matrix tbody tr")
    assert rows.count() == len(shared)
    assert page.locator("table.matrix thead th.outlet").count() == len(dossier["matrix"]["outlets"])
    drones = next(c for c in shared if drone_words in c["text"])
    row = page.locator(f'table.matrix tr[data-claim="{drones["id"]}"]')
    states = {
        cell.get_attribute("data-outlet"): cell.get_attribute("data-state")
        for cell in row.locator("td").all()
    }
    expected = next(r for r in dossier["matrix"]["rows"] if r["claim"] == drones["id"])["cells"]
    assert {outlet: state for outlet, state in states.items() if state} == expected
    assert "first" in states.values() and "drift" in states.values()
    # One provenance graph per claim, drawn, with at least one origin outlined.
    claim = page.locator(f'section.claim[data-claim="{drones["id"]}"]')
    graph = claim.locator("svg.graph")
    assert graph.count() == 1 and graph.bounding_box()["width"] > 100
    origins = claim.locator("svg.graph g.node.origin")
    assert origins.count() >= 1
    assert float(origins.first.locator("rect").evaluate("r => getComputedStyle(r).strokeWidth")
                 .removesuffix("px")) == 3  # fmt: skip
    # The drift view: the dropped hedge struck through on the left, the styles applied.
    dropped = claim.locator('.drift-item[data-kind="hedge_dropped"]').first
    assert dropped.locator(".from del").first.inner_text().strip() == "up to"
    decoration = dropped.locator(".from del").first.evaluate(
        "e => getComputedStyle(e).textDecorationLine"
    )
    assert decoration == "line-through"


@pytest.fixture(scope="module")
def demo_record(server: LiveServer, demo_story: dict) -> Dossier:
    with open_store(server.db) as store:
        return build_dossier(store, demo_story["id"])


@pytest.fixture(scope="module")
def demo_dossier(demo_record: Dossier) -> dict:
    """The dossier's JSON, what the page and its JSON twin show."""
    return demo_record.to_json()


def test_story_page_shows_matrix_graphs_and_drift(page, console_errors, demo_dossier):
    page.goto(f"/stories/{demo_dossier['story']['id']}")
    assert page.locator("h1").inner_text() == demo_dossier["story"]["label"]
    _check_dossier_view(page, demo_dossier, DROP_CLAIM)
    # In the app, names lead to their own pages.
    first_article = demo_dossier["timeline"][0]["article"]
    page.locator(f'#timeline a[href="/articles/{first_article}"]').click()
    page.wait_for_url(f"**/articles/{first_article}")
    assert page.locator(".att.source").count() >= 1
    page.go_back()
    screenshot(page, "story-page")
    assert console_errors == []


def test_story_page_json_twin_is_the_dossier(http: httpx.Client, demo_dossier):
    twin = http.get(f"/stories/{demo_dossier['story']['id']}.json").json()
    assert [c["id"] for c in twin["claims"]] == [c["id"] for c in demo_dossier["claims"]]
    assert twin["matrix"] == demo_dossier["matrix"]


def test_dossier_file_works_offline_with_its_styles_and_hover_details(
    browser, tmp_path: Path, demo_record, demo_dossier
):
    target = write_dossier_html(demo_record, tmp_path / "demo.html")
    context = browser.new_context(offline=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(target.as_uri())
    _check_dossier_view(page, demo_dossier, DROP_CLAIM)
    # The inline style sheet is allowed by its hash: attributions are coloured.
    source = page.locator("section.article .att.source").first
    assert source.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(227, 237, 252)"
    assert " · chain: " in source.get_attribute("title")
    assert page.locator("section.article").count() == len(demo_dossier["articles"])
    assert requests == [target.as_uri()]  # nothing but the file itself
    screenshot(page, "dossier-file")
    context.close()
    assert errors == []


@pytest.fixture(scope="module")
def seed_server(tmp_path_factory) -> Iterator[LiveServer]:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed articles are not here ({SEEDS} is absent)")
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with open_store(db) as store:
        ingest([str(SEEDS)], store, IngestOptions())
        process(store)
    live = LiveServer(db)
    yield live
    live.close()


def test_seed_story_page_shows_one_origin_through_the_post_and_the_dropped_hedge(
    browser, seed_server: LiveServer
):
    with httpx.Client(base_url=seed_server.url, timeout=60) as client:
        (story,) = client.get("/stories.json").json()["stories"]
    with open_store(seed_server.db) as store:
        dossier = build_dossier(store, story["id"]).to_json()
    context = browser.new_context(base_url=seed_server.url)
    page = context.new_page()
    page.goto(f"/stories/{story['id']}")
    _check_dossier_view(page, dossier, "6,000")
    drones = next(c for c in _shared_claims(dossier) if "6,000" in c["text"])
    claim = page.locator(f'section.claim[data-claim="{drones["id"]}"]')
    assert claim.get_attribute("data-origins") == "1"
    assert "1 independent origin" in claim.locator(".origin-count").inner_text()
    assert claim.locator('svg.graph g.node[data-node="outlet:washingtonpost"]').count() == 1
    screenshot(page, "seed-story-page")
    context.close()
