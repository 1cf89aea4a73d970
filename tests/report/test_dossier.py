"""Story dossiers: the data, the HTML file and the terminal report, on the demo corpus."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
from dataclasses import replace
from html import unescape

import pytest
from rich.console import Console
from typer.testing import CliRunner

from sourcetrace.cli import app
from sourcetrace.report.diff import word_diff
from sourcetrace.report.dossier import Dossier, build_dossier
from sourcetrace.report.html import claim_fragment, dossier_html, highlight, safe_url
from sourcetrace.report.svg import graph_svg, group_parallel, layers, merge_articles
from sourcetrace.report.terminal import print_dossier
from sourcetrace.store import open_store
from sourcetrace.trace.records import GraphEdge, GraphNode, ProvenanceGraph, TracedClaim


@pytest.fixture(scope="module")
def dossier(demo_db) -> Dossier:
    with open_store(demo_db) as store:
        return build_dossier(store, 1)


def _claim(dossier: Dossier, words: str) -> TracedClaim:
    return next(c for c in dossier.claims if words in c.text)


def test_dossier_is_plain_json_for_the_main_demo_story(dossier):
    data = dossier.to_json()
    assert json.loads(json.dumps(data)) == data
    assert data["story"]["size"] == 6 and len(data["articles"]) == 6
    assert data["story"]["first"] == "2026-03-02" and data["story"]["last"] == "2026-03-06"
    assert "articles" not in data["story"]
    dates = [item["date"] for item in data["timeline"]]
    assert dates == sorted(dates) and data["timeline"][0]["outlet"] == "The Harbor Ledger"
    assert [c["shared"] for c in data["claims"]] == [c.shared for c in dossier.claims]
    assert set(data["sources"][0]) == {
        "entity",
        "name",
        "aliases",
        "type",
        "claims",
        "outlets",
        "described_as",
    }


def test_unknown_story_has_no_dossier(demo_db):
    with open_store(demo_db) as store:
        assert build_dossier(store, 99) is None


def test_matrix_marks_first_appearance_drift_and_carriers(dossier):
    matrix = dossier.matrix
    assert matrix["outlets"][0] == "The Harbor Ledger"  # first to publish
    assert len(matrix["rows"]) == sum(c.shared for c in dossier.claims)
    drones = _claim(dossier, "up to 4,000 Kestrel")
    row = next(r for r in matrix["rows"] if r["claim"] == drones.id)
    assert row["cells"]["The Harbor Ledger"] == "first"
    assert row["cells"]["Capital Wire"] == "drift"  # dropped the "up to"
    # "Reports ..., which first appeared in The Harbor Ledger, put the deal at up to 4,000":
    # the Ledger's figures, hedge kept, so no second origin
    assert row["cells"]["Ostmark Today"] == "carries"
    assert set(row["cells"]) == set(drones.outlets)
    ledger_source = next(o for o in drones.origins if "Ostmark Today" in o.carried_by)
    assert ledger_source.name == "an anonymous source of The Harbor Ledger"
    assert drones.independent_origins == 2  # and Meridian Brief's vague "officials"


def test_the_first_screen_lists_what_changed_most_high_severity_first(dossier):
    top = dossier.top_drift
    assert 0 < len(top) <= 5
    ranks = {"high": 0, "medium": 1}
    assert [ranks[t["severity"]] for t in top] == sorted(ranks[t["severity"]] for t in top)
    hedge = top[0]
    assert (hedge["kind"], hedge["from"]["outlet"], hedge["from"]["text"]) == (
        "hedge_dropped", "The Harbor Ledger", "up to 4,000",
    )  # fmt: skip
    # one entry for the three outlets that dropped the same hedge the same way
    assert [(t["text"], sorted(t["outlets"]), len(t["articles"])) for t in hedge["to"]] == [
        ("4,000", ["Capital Wire", "Lindmark Observer", "Northern Courier"], 3)
    ]
    assert "speaker_changed" in {t["kind"] for t in top}
    assert dossier.to_json()["top_drift"] == top


def test_the_matrix_marks_no_drift_for_a_shorter_excerpt_alone(dossier):
    quote = next(c for c in dossier.claims if any(d.kind == "excerpted" for d in c.drift))
    excerpt = next(d for d in quote.drift if d.kind == "excerpted")
    outlet = next(a["outlet"] for a in dossier.articles if a["id"] == excerpt.after.article)
    row = next(r for r in dossier.matrix["rows"] if r["claim"] == quote.id)
    assert row["cells"][outlet] == "carries"


def test_sources_list_who_each_claim_is_credited_to(dossier):
    sources = {s.name: s for s in dossier.sources}
    quote = _claim(dossier, "mutually beneficial")
    assert quote.id in sources["Ilse Marren"].claims
    assert quote.id in sources["Oskar Venn"].claims
    assert sources["Oskar Venn"].outlets == ("Northern Courier",)


def test_articles_carry_numbered_attributions_with_spans(dossier):
    ledger = next(a for a in dossier.articles if a["outlet"] == "The Harbor Ledger")
    first = ledger["attributions"][0]
    assert first["number"] == 1
    cue = first["cue"]
    assert ledger["text"][cue["start"] : cue["end"]] == cue["text"]
    assert ledger["claims"] and all(re.fullmatch(r"1\.\d+", c) for c in ledger["claims"])


def test_highlight_wraps_roles_escapes_text_and_numbers_attributions():
    text = 'Kirby said <b>"drones" & more</b>.\n\nSecond paragraph.'
    attribution = {
        "number": 1,
        "kind": "direct",
        "speaker": "John <Kirby>",
        "source_type": "person",
        "role": None,
        "chain": ["Outlet", "John Kirby"],
        "cue": {"start": 6, "end": 10},
        "source": {"start": 0, "end": 5},
        "content": [{"start": 11, "end": 34}],
    }
    html = str(highlight(text, [attribution]))
    assert '<span class="att source" data-att="1"' in html
    assert '<span class="att cue" data-att="1"' in html
    assert "&lt;b&gt;&#34;drones&#34; &amp; more&lt;/b&gt;" in html
    assert "<b>" not in html and "John &lt;Kirby&gt;" in html  # the title is escaped too
    assert html.count("<p>") == 2 and '<sup class="att-mark">1</sup>' in html


def test_highlight_skips_spans_outside_the_text():
    attribution = {
        "number": 1, "kind": "indirect", "speaker": None, "source_type": "unattributed",
        "chain": [], "cue": {"start": 50, "end": 60}, "source": None, "content": [],
    }  # fmt: skip
    assert str(highlight("Short text.", [attribution])) == "<p>Short text.</p>"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("//example.org/x", None),
        ("https:///nohost", None),
        (None, None),
    ],
)
def test_only_http_urls_become_links(url, expected):
    assert safe_url(url) == expected


def test_word_diff_marks_the_reworded_words():
    before, after = word_diff(
        "cooperate with Iran in areas such as weapons development and training",
        "collaborate with Iran in areas like weapons development, training",
    )
    assert [t for s, t in before if s == "changed"] == ["cooperate", "such as", " and"]
    assert [t for s, t in after if s == "changed"] == ["collaborate", "like", ","]
    assert "".join(t for _, t in after) == (
        "collaborate with Iran in areas like weapons development, training"
    )


def _graph(nodes: list[dict], edges: list[dict]) -> ProvenanceGraph:
    """A provenance graph from nodes ``{"id", "kind", "label"}`` and edges ``{"from", "to",
    "kind"}``."""
    return ProvenanceGraph(
        tuple(GraphNode(n["id"], n["kind"], n["label"], origin=False) for n in nodes),
        tuple(GraphEdge(e["from"], e["to"], e["kind"]) for e in edges),
    )


def _citing(outlet: str, cited: str) -> tuple[list[dict], list[dict]]:
    nodes = [
        {"id": f"outlet:{outlet}", "kind": "outlet", "label": outlet.upper()},
        {"id": f"article:{outlet}", "kind": "article", "label": outlet.upper()},
    ]
    edges = [
        {"from": f"outlet:{outlet}", "to": f"article:{outlet}", "kind": "publishes"},
        {"from": f"article:{outlet}", "to": f"outlet:{cited}", "kind": "cites"},
    ]
    return nodes, edges


def test_graph_draws_articles_as_their_outlets_and_marks_origins():
    nodes, edges = _citing("a", "b")
    graph = _graph(
        [*nodes, {"id": "outlet:b", "kind": "outlet", "label": "B <Post>"},
         {"id": "source:x", "kind": "source", "label": "an official"}],
        [*edges, {"from": "outlet:b", "to": "source:x", "kind": "attributes_to"}],
    )  # fmt: skip
    merged = merge_articles(graph)
    assert [n["id"] for n in merged["nodes"]] == ["outlet:a", "outlet:b", "source:x"]
    assert [n["origin"] for n in merged["nodes"]] == [False, False, True]
    assert layers(merged) == {"outlet:a": 0, "outlet:b": 1, "source:x": 2}
    svg = str(graph_svg(graph))
    assert svg.count('class="node') == 3 and "B &lt;Post&gt;" in svg
    assert re.search(r'<g class="node source origin" data-node="source:x">', svg)


def test_an_outlet_in_its_own_voice_is_drawn_as_an_unsourced_origin():
    graph = _graph(
        [{"id": "outlet:a", "kind": "outlet", "label": "A"},
         {"id": "article:1", "kind": "article", "label": "A"}],
        [{"from": "outlet:a", "to": "article:1", "kind": "publishes"}],
    )  # fmt: skip
    assert '<g class="node outlet origin unsourced" data-node="outlet:a">' in str(graph_svg(graph))


def test_outlets_citing_exactly_the_same_are_one_box():
    nodes, edges = [{"id": "outlet:post", "kind": "outlet", "label": "Post"}], []
    for name in ("a", "c", "d"):
        more_nodes, more_edges = _citing(name, "post")
        nodes += more_nodes
        edges += more_edges
    own_nodes, own_edges = _citing("e", "elsewhere")
    graph = merge_articles(_graph(nodes + own_nodes, edges + own_edges))
    grouped = group_parallel(graph)
    labels = [n["label"] for n in grouped["nodes"]]
    assert labels == ["Post", "A, C and 1 more", "E"]
    assert grouped["nodes"][1]["members"] == ["A", "C", "D"]
    assert {(e["from"], e["to"]) for e in grouped["edges"]} == {
        ("outlet:a", "outlet:post"),
        ("outlet:e", "outlet:elsewhere"),
    }


def test_layers_survive_a_citation_cycle():
    graph = {
        "nodes": [{"id": "a", "kind": "outlet", "label": "A"}, {"id": "b", "kind": "outlet",
                  "label": "B"}],
        "edges": [{"from": "a", "to": "b", "kind": "cites"}, {"from": "b", "to": "a",
                  "kind": "cites"}],
    }  # fmt: skip
    assert layers(graph) == {"a": 0, "b": 1}


def test_html_dossier_is_self_contained_and_shows_matrix_graphs_and_drift(dossier):
    html = dossier_html(dossier)
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    policy = unescape(policy)
    assert f"style-src 'sha256-{digest}'" in policy and "default-src 'none'" in policy
    assert "<script" not in html and "<link" not in html and " src=" not in html
    assert html.count('<section class="claim"') == sum(c.shared for c in dossier.claims)
    assert html.count('<svg class="graph"') == html.count('<section class="claim"')
    assert '<table class="matrix">' in html
    assert '<div class="drift-item" data-kind="hedge_dropped">' in html
    assert "<del>up to </del>4,000" in html
    assert html.count('<section class="article"') == 6


def test_a_claim_page_names_the_voices_an_origin_spoke_through(dossier):
    claim = next(c for c in dossier.claims if c.shared)
    origin = replace(claim.origins[0], voices=("spokesman Tom Briggs", "her office"))
    html = claim_fragment(replace(claim, origins=(origin,)), dossier)
    assert "· speaking through spokesman Tom Briggs, her office" in html


def test_report_command_prints_the_dossier_and_writes_html(demo_db, tmp_path):
    runner = CliRunner()
    shown = runner.invoke(app, ["report", "1", "--db", str(demo_db)], env={"COLUMNS": "160"})
    assert shown.exit_code == 0, shown.output
    assert "Valdoria and Ostmark in talks over drone supply deal" in shown.stdout
    assert "hedge dropped “up to 4,000” → “4,000”" in shown.stdout
    target = tmp_path / "story.html"
    written = runner.invoke(app, ["report", "1", "--db", str(demo_db), "--html", str(target)])
    assert written.exit_code == 0
    assert written.stdout.startswith(f"wrote {target}")
    assert target.read_text(encoding="utf-8").startswith("<!doctype html>")
    as_json = runner.invoke(app, ["report", "1", "--db", str(demo_db), "--json"])
    assert json.loads(as_json.stdout)["story"]["id"] == 1


def test_report_of_an_unknown_story_exits_1(demo_db):
    result = CliRunner().invoke(app, ["report", "42", "--db", str(demo_db)])
    assert result.exit_code == 1
    assert result.stderr == "no story 42: `sourcetrace stories` lists them\n"


def test_terminal_report_prints_article_text_without_interpreting_markup(dossier):
    label = "[bold red]Fake[/] [link=https://x.example]label[/link]"
    claims = (replace(dossier.claims[0], text="[blink]claim[/blink]"), *dossier.claims[1:])
    tampered = replace(dossier, story=replace(dossier.story, label=label), claims=claims)
    out = io.StringIO()
    print_dossier(tampered, Console(file=out, width=200, color_system=None))
    text = out.getvalue()
    assert "[bold red]Fake[/] [link=https://x.example]label[/link]" in text
    assert "[blink]claim[/blink]" in text
