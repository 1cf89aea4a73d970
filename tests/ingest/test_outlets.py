"""An outlet named by its page's metadata and one known only by its URL end as one outlet."""

from __future__ import annotations

import json

from tests.ingest.test_formats import PARAGRAPH


def test_one_outlet_given_as_metadata_and_as_a_url_is_stored_under_one_name(
    tmp_path, run_ingest, store
):
    records = [
        {"id": "by-name", "outlet": "FOX", "title": "Ferry deal signed", "text": PARAGRAPH},
        {
            "id": "by-url",
            "url": "https://www.foxnews.com/world/ferry-deal",
            "title": "Ferry deal approved",
            "text": PARAGRAPH.replace("Tuesday", "Friday"),
        },
        {
            "id": "by-both",
            "outlet": "quay post",
            "url": "https://quaypost.example/ferry",
            "title": "Ferry deal welcomed",
            "text": PARAGRAPH.replace("Tuesday", "Sunday"),
        },
    ]
    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    run_ingest(str(path))
    stored = {a.external_id: a for a in store.articles()}
    assert {k: (a.outlet, a.outlet_given) for k, a in stored.items()} == {
        "by-name": ("Fox News", "FOX"),
        "by-url": ("Fox News", None),
        "by-both": ("quay post", "quay post"),
    }
    stages = {k: a.field_sources["outlet"] for k, a in stored.items()}
    assert stages == {"by-name": "input", "by-url": "domain", "by-both": "input"}
