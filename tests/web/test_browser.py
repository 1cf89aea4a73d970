"""The pages in real headless Chromium: reading, searching, filtering, and ingesting an upload
through the form, with no script error and no Content-Security-Policy violation."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from tests.web.conftest import screenshot
from tests.web.test_ingest_form import ARTICLE
from tests.web.test_pages import DEMO_LABEL


def test_stories_page_lists_the_demo_story_and_search_narrows_it(page, console_errors):
    page.goto("/stories")
    expect(page.get_by_role("link", name=DEMO_LABEL)).to_be_visible()
    everything = page.locator("table.stories tbody tr").count()
    assert everything >= 3
    page.get_by_label("Search").fill("shrimp")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/stories?q=shrimp*")
    rows = page.locator("table.stories tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Deep-sea shrimp in the Vesk Sea")
    expect(page.get_by_label("Search")).to_have_value("shrimp")
    screenshot(page, "stories-search")
    assert console_errors == []


def test_filters_by_outlet_and_date_in_the_browser(page, console_errors):
    page.goto("/stories")
    page.get_by_label("Outlet").select_option("Capital Wire")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("table.stories tbody tr")).to_have_count(1)
    expect(page.get_by_role("link", name=DEMO_LABEL)).to_be_visible()
    page.goto("/stories")
    page.get_by_label("From").fill("2026-02-25")
    page.get_by_label("To").fill("2026-02-27")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("table.stories tbody tr")).to_have_count(1)
    expect(page.locator("table.stories")).to_contain_text("Port Seren council approves")
    assert console_errors == []


def test_story_page_shows_the_dossier_and_links_to_claims(page, console_errors, demo_story):
    page.goto("/stories")
    page.get_by_role("link", name=DEMO_LABEL).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(DEMO_LABEL)
    expect(page.locator("section.claim").first).to_be_visible()
    screenshot(page, "story", full_page=False)
    page.locator("section.claim h3 a").first.click()
    page.wait_for_url("**/claims/*")
    expect(page.locator("section.claim")).to_have_count(1)
    assert console_errors == []


def test_source_and_article_pages_render_without_errors(page, console_errors):
    page.goto("/sources")
    page.get_by_role("link", name="Ilse Marren").click()
    expect(page.locator("ul.credited > li").first).to_be_visible()
    page.locator("ul.credited > li ul a").first.click()
    page.wait_for_url("**/articles/*")
    expect(page.locator(".att.content").first).to_be_visible()
    assert console_errors == []


def test_upload_through_the_form_shows_its_story_without_restarting(
    page, console_errors, tmp_path: Path
):
    upload = tmp_path / "brisk-bay.txt"
    upload.write_text(ARTICLE.replace("Brisk Bay", "Brisk Haven"), encoding="utf-8")
    page.goto("/ingest")
    page.get_by_label("Files").set_input_files(str(upload))
    page.get_by_role("button", name="Ingest").click()
    page.wait_for_url("**/jobs/*")
    # The page reloads itself every second while the job runs.
    expect(page.locator("#job-status")).to_have_attribute("data-status", "done", timeout=60_000)
    expect(page.locator("#job-added")).to_have_text("1")
    screenshot(page, "ingest-job")
    page.get_by_role("link", name="See the stories").click()
    title = "Lighthouse keepers at Brisk Haven vote to strike"
    expect(page.get_by_role("link", name=title)).to_be_visible()
    page.get_by_label("Search").fill("lighthouse keepers")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("table.stories tbody tr")).to_have_count(1)
    screenshot(page, "ingested-story")
    assert console_errors == []
