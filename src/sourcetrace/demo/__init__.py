"""The bundled demo: fictional articles about one fictional event, plus two unrelated ones.

It ingests them, lists what each article attributes to whom, groups the articles into stories
and ends with the claims of the main story: their origins and how they drifted."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from sourcetrace.ingest import IngestOptions, ingest
from sourcetrace.nlp.analysis import Attribution, analyse_many, analyser_version
from sourcetrace.nlp.quantities import quantity_phrase
from sourcetrace.nlp.settings import AnalysisSettings
from sourcetrace.pipeline import process
from sourcetrace.report.dossier import build_dossier
from sourcetrace.report.html import write_dossier_html
from sourcetrace.report.terminal import drift_lines, plural
from sourcetrace.store import open_store
from sourcetrace.stories.service import story_summaries
from sourcetrace.trace import trace_stories
from sourcetrace.trace.records import StoryTrace


def corpus_dir() -> Path:
    """The folder holding the demo articles (txt, HTML and JSONL)."""
    return Path(str(resources.files("sourcetrace.demo") / "corpus"))


def run_demo(
    db: Path | None = None,
    html: Path | None = None,
    *,
    echo: Callable[[str], None] = print,
    program: str = "sourcetrace",
    settings: AnalysisSettings | None = None,
) -> int:
    """Ingest the demo corpus into ``db`` (a temporary file by default) and describe it; with
    ``html``, also write the main story's dossier there and say how to open it and how to
    browse the database with ``serve`` (``program`` is how the user runs sourcetrace).
    ``settings``: what to analyse with (default: the defaults, not the user's settings)."""
    settings = settings or AnalysisSettings()
    with tempfile.TemporaryDirectory(prefix="sourcetrace-demo-") as tmp:
        path = db or Path(tmp) / "demo.db"
        with open_store(path) as store:
            result = ingest([str(corpus_dir())], store, IngestOptions())
            s = result.summary
            echo(f"Demo corpus: {corpus_dir()}")
            echo(
                f"Ingested into {path}: {s.added} added, {s.duplicates} duplicates, "
                f"{s.failed} failed\n"
            )
            for problem in result.problems:
                echo(f"  {problem.level}: {problem}")
            articles = sorted(store.articles(), key=lambda a: (a.published or "", a.id))
            analyses = list(analyse_many(articles, settings=settings))
            version = analyser_version(settings)
            store.save_analyses(
                [(a, version, x.to_dict()) for a, x in zip(articles, analyses, strict=True)]
            )
            # The analyses are stored: processing only groups and traces, then all is read.
            process(store, settings)
            for article, analysis in zip(articles, analyses, strict=True):
                echo(f"{(article.published or '-')[:10]}  {article.outlet}")
                echo(f"    {article.title}")
                echo(
                    f"    {len(article.paragraphs)} paragraphs, {len(article.text.split())} words,"
                    f" {article.format}; furniture removed: {len(article.furniture)} line(s);"
                    f" id {article.id}"
                )
                for attribution in analysis.attributions:
                    echo("      " + _attribution_line(attribution, analysis.text))
                numbers = [_quantity_label(q) for q in analysis.quantities if q.kind != "ordinal"]
                if numbers:
                    echo("    numbers: " + "; ".join(numbers))
                echo("")
            stories = story_summaries(store)
            echo(f"Stories: {len(articles)} articles in {len(stories)} stories")
            for story in stories:
                outlets = ", ".join(story.outlets)
                echo(f"  story {story.id}: {plural(story.size, 'article')} from {outlets}")
                echo(f"    {story.label}")
                names = list(dict.fromkeys(story.people[:3] + story.places[:3]))
                if names:
                    echo(f"    names: {', '.join(names)}")
            if stories and stories[0].size > 1:
                _echo_trace(trace_stories(store, stories[0].id, settings).stories[0], echo)
            if html is not None and stories:
                dossier = build_dossier(store, stories[0].id, settings=settings)
                written = write_dossier_html(dossier, html).resolve()
                echo(f"\nDossier of story {stories[0].id} written to {written}")
                echo(f"  open it in a browser: {written.as_uri()}")
                if db is not None:
                    echo(f"  browse the demo database: {program} serve --db {db}")
                    echo("  (then open http://127.0.0.1:8000/)")
        return result.exit_code


def _echo_trace(story: StoryTrace, echo: Callable[[str], None]) -> None:
    shared = [c for c in story.claims if c.shared]
    echo(f"\nClaims of story {story.id} made by more than one outlet ({len(shared)}):")
    for claim in shared:
        text = " ".join(claim.text.split())
        echo(f"  [{claim.id}] {text[:100] + ('…' if len(text) > 100 else '')}")
        echo(f"      {claim.explanation}")
        for line in drift_lines(claim):
            echo(f"      {line}")


def _attribution_line(attribution: Attribution, text: str) -> str:
    content = " … ".join(text[s:e] for s, e in attribution.content).replace("\n", " ")
    if len(content) > 70:
        content = content[:69] + "…"
    chain = " → ".join(link["name"] for link in attribution.chain)
    speaker = attribution.speaker.name if attribution.speaker else "(no source)"
    return f"{speaker} [{attribution.source_type}] via {chain}: {content}"


def _quantity_label(quantity) -> str:
    hedge = f" (hedge: {quantity.hedge})" if quantity.hedge else ""
    return f"{quantity_phrase(quantity.text, quantity.object)}{hedge}"
