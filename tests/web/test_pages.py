"""Every page over HTTP against the running server: status codes, JSON twins, headers, filters
and the OpenAPI description."""

from __future__ import annotations

import httpx
import pytest

from sourcetrace.web.security import CONTENT_SECURITY_POLICY

DEMO_LABEL = "Valdoria and Ostmark in talks over drone supply deal"
SHRIMP_LABEL = "Deep-sea shrimp in the Vesk Sea glow in unison, study finds"
BUDGET_LABEL = "Port Seren council approves 2026 budget after late-night vote"


@pytest.fixture(scope="module")
def pages(http: httpx.Client, demo_story: dict) -> dict[str, str]:
    """One URL of each reading page, for the demo's main story."""
    dossier = http.get(f"/stories/{demo_story['id']}.json").json()
    return {
        "stories": "/stories",
        "story": f"/stories/{demo_story['id']}",
        "article": f"/articles/{dossier['articles'][0]['id']}",
        "source": "/sources?name=Ilse%20Marren",
        "claim": f"/claims/{dossier['claims'][0]['id']}",
        "ingest": "/ingest",
    }


def _twin(path: str) -> str:
    base, _, query = path.partition("?")
    return f"{base}.json" + (f"?{query}" if query else "")


def test_root_redirects_to_stories(http):
    response = http.get("/", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/stories"


@pytest.mark.parametrize("name", ["stories", "story", "article", "source", "claim", "ingest"])
def test_page_has_html_and_a_json_twin_by_suffix_and_by_accept(http, pages, name):
    path = pages[name]
    html = http.get(path)
    assert html.status_code == 200
    assert html.headers["content-type"] == "text/html; charset=utf-8"
    assert f'href="{_twin(path)}"' in html.text
    by_suffix = http.get(_twin(path))
    by_accept = http.get(path, headers={"Accept": "application/json"})
    assert by_suffix.headers["content-type"] == "application/json"
    assert by_accept.headers["content-type"] == "application/json"
    assert by_suffix.json() == by_accept.json()


def test_stories_json_lists_the_demo_story_largest_first(http, demo_story):
    stories = http.get("/stories.json").json()["stories"]
    assert demo_story["label"] == DEMO_LABEL
    assert demo_story["size"] == 6
    assert "The Harbor Ledger" in demo_story["outlets"]
    assert [s["size"] for s in stories] == sorted((s["size"] for s in stories), reverse=True)


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ({"q": "shrimp"}, SHRIMP_LABEL),
        ({"q": "Kestrel drones"}, DEMO_LABEL),
        ({"outlet": "Seren Gazette"}, BUDGET_LABEL),
        ({"entity": "ilse marren"}, DEMO_LABEL),
        ({"from": "2026-02-18", "to": "2026-02-20"}, SHRIMP_LABEL),
        ({"from": "2026-03-05", "q": "drone"}, DEMO_LABEL),
    ],
)
def test_stories_filters_narrow_the_list(http, query, label):
    found = http.get("/stories.json", params=query).json()
    assert [s["label"] for s in found["stories"]] == [label]
    assert found["total"] == 1


def test_stories_sort_recent_puts_the_latest_story_first(http):
    stories = http.get("/stories.json", params={"sort": "recent"}).json()["stories"]
    lasts = [s["last"] for s in stories if s["last"]]
    assert lasts == sorted(lasts, reverse=True)


def test_sql_looking_search_is_searched_as_words(http, web_db):
    found = http.get("/stories.json", params={"q": "'; DROP TABLE articles; --"})
    assert found.status_code == 200
    assert found.json()["query"]["q"] == "'; DROP TABLE articles; --"
    assert http.get("/stories.json").json()["total"] >= 3  # the articles table is still there


@pytest.mark.parametrize(
    ("query", "field"), [({"sort": "oldest"}, "sort"), ({"from": "March"}, "from")]
)
def test_bad_filters_are_422_with_the_field_named(http, query, field):
    response = http.get("/stories.json", params=query)
    assert response.status_code == 422
    assert response.json()["detail"].startswith(f"{field}:")


@pytest.mark.parametrize(
    "path",
    [
        "/stories/999",
        "/articles/ffffffffffff",
        "/claims/999.1",
        "/claims/1.999",
        "/claims/nonsense",
        "/jobs/999",
        "/nowhere",
    ],
)
def test_unknown_things_are_404_as_html_and_as_json(http, path):
    page = http.get(path)
    assert page.status_code == 404
    assert "text/html" in page.headers["content-type"]
    twin = http.get(path, headers={"Accept": "application/json"})
    assert twin.status_code == 404
    assert twin.json()["detail"]


@pytest.mark.parametrize(
    "path",
    [
        "/stories",
        "/stories.json",
        "/static/site.css",
        "/static/report/dossier.css",
        "/stories/999",
        "/",
        "/openapi.json",
    ],
)
def test_every_response_carries_the_security_headers(http, path):
    headers = http.get(path, follow_redirects=False).headers
    assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert headers["x-content-type-options"] == "nosniff"
    # same-origin, not no-referrer: under no-referrer Chromium posts the app's own form with
    # Origin: null, which the same-origin check refuses (test_cross_site_requests).
    assert headers["referrer-policy"] == "same-origin"


def test_story_twin_is_the_dossier(http, demo_story):
    dossier = http.get(f"/stories/{demo_story['id']}.json").json()
    assert {"story", "articles", "claims", "matrix", "sources", "timeline"} <= dossier.keys()
    assert dossier["story"]["label"] == DEMO_LABEL
    assert len(dossier["articles"]) == 6


def test_claim_twin_is_the_claim_with_its_story(http, pages, demo_story):
    claim = http.get(_twin(pages["claim"])).json()
    assert claim["story"]["id"] == demo_story["id"]
    assert claim["claim"]["id"] == pages["claim"].rsplit("/", 1)[1]
    assert claim["claim"]["versions"]


def test_article_twin_has_its_fields_analysis_and_story(http, pages, demo_story):
    article = http.get(_twin(pages["article"])).json()
    assert article["story"] == demo_story["id"]
    assert article["title"] and article["text"]
    assert article["analysis"]["attributions"]
    assert "text" not in article["analysis"]


def test_article_page_accepts_a_unique_id_prefix(http, pages):
    prefix = pages["article"][: len("/articles/") + 8]
    assert http.get(f"{prefix}.json").json()["id"].startswith(prefix.rsplit("/", 1)[1])


def test_source_twin_lists_claims_credited_to_the_source(http):
    profile = http.get("/sources.json", params={"name": "Ilse Marren"}).json()
    assert profile["source"] == "Ilse Marren"
    assert profile["claims"]
    assert all(c["credited_in"] for c in profile["claims"])


def test_openapi_describes_every_page_and_its_twin(http):
    spec = http.get("/openapi.json").json()
    for path in [
        "/stories",
        "/stories/{story_id}",
        "/articles/{article_id}",
        "/claims/{claim_id}",
        "/sources",
        "/ingest",
        "/jobs/{job_id}",
    ]:
        assert path in spec["paths"]
        assert f"{path}.json" in spec["paths"]
    assert "multipart/form-data" in spec["paths"]["/ingest"]["post"]["requestBody"]["content"]


@pytest.mark.parametrize("name", ["stories", "story", "article", "claim"])
def test_head_answers_like_get_without_a_body(http, pages, name):
    got = http.get(pages[name])
    head = http.head(pages[name])
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["content-length"] == str(len(got.content))
    assert head.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


def test_head_of_a_missing_page_is_404_like_get(http):
    assert http.head("/stories/999999").status_code == 404
    assert http.get("/stories/999999").status_code == 404


def test_the_story_page_and_an_outlets_source_page_show_copied_text(http, demo_story):
    dossier = http.get(f"/stories/{demo_story['id']}.json").json()
    (pair,) = dossier["reuse"]["pairs"]
    assert pair["reuser"]["outlet"] == "Capital Wire"
    page = http.get(f"/stories/{demo_story['id']}").text
    assert 'id="reuse"' in page and "Capital Wire reuses 4 of 13 sentences" in page
    source = http.get("/sources", params={"name": "Harbor Ledger"}).text
    assert "Text reused by" in source and "Capital Wire" in source
    twin = http.get("/sources.json", params={"name": "Capital Wire"}).json()
    assert [r["outlet"] for r in twin["copies"]] == ["The Harbor Ledger"]
