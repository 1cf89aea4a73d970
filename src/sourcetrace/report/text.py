"""Plain-text output of the commands that show articles and analyses and say what a run did
(``articles``, ``article``, ``extract``, ``ingest``, ``analyze``, ``load-shards``), and the
JSON objects of their ``--json``.

Every string that holds stored or input-derived text (titles, outlets, article text, speakers)
goes through ``printable`` here, so an escape sequence in an article prints inert.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sourcetrace.printable import printable
from sourcetrace.report.marking import mark_attributions
from sourcetrace.report.terminal import plural

if TYPE_CHECKING:
    from sourcetrace.article import Article
    from sourcetrace.engine.shards import LoadSummary
    from sourcetrace.ingest import IngestResult
    from sourcetrace.pipeline import ProcessSummary

__all__ = [
    "format_analysis",
    "format_analyze",
    "format_article",
    "format_attribution_list",
    "format_ingest",
    "format_listing",
    "format_processed",
    "format_shard_load",
    "ingest_json",
    "listing_json",
    "processed_json",
]

#: The fields of an article that ``articles --json`` lists.
LISTING_FIELDS = ("id", "published", "outlet", "title", "url", "authors", "language")


def listing_json(article: Article) -> dict[str, Any]:
    """One article of ``articles --json``."""
    return {k: getattr(article, k) for k in LISTING_FIELDS}


def format_listing(article: Article) -> str:
    """One line of ``articles``: id, publication day, outlet, title."""
    published = (article.published or "")[:10] or "-"
    outlet = (article.outlet or "-")[:22]
    return printable(
        f"{article.id}  {published:<10}  {outlet:<22}  {article.title or '(untitled)'}"
    )


def format_article(article: Article, analysis: dict[str, Any] | None = None) -> str:
    """An article's metadata (each field with the extractor stage that found it) and its text;
    with its ``analysis`` (``ArticleAnalysis.to_dict()``), the attributions marked in the text
    and listed after it."""
    stage = article.field_sources
    rows = [
        ("Title", article.title, "title"),
        ("Outlet", article.outlet, "outlet"),
        ("Published", article.published, "published"),
        ("Modified", article.modified, "modified"),
        ("Authors", ", ".join(article.authors), "authors"),
        ("URL", article.url, "url"),
        ("Language", article.language, "language"),
    ]
    lines = [f"{label + ':':<11}{value}  [{stage[key]}]" for label, value, key in rows if value]
    lines += [
        f"{'Id:':<11}{article.id}",
        f"{'Source:':<11}{article.source} ({article.format}, text by {stage.get('text', '?')})",
    ]
    lines = [printable(line) for line in lines]
    if article.furniture:
        lines.append(f"{'Removed:':<11}{len(article.furniture)} furniture line(s)")
    if analysis is None:
        return "\n".join(lines) + "\n\n" + printable(article.text, keep_lines=True)
    language = analysis.get("language") or {}
    if language.get("note"):
        lines.append(f"{'Analysis:':<11}{language['note']}")
    body = printable(mark_attributions(article.text, analysis["attributions"]), keep_lines=True)
    found = format_attribution_list(analysis) if language.get("analysed", True) else ""
    return "\n".join(lines) + "\n\n" + body + ("\n\n" + found if found else "")


def format_analysis(data: dict[str, Any]) -> str:
    """Text with attributions marked: [source] ⟨cue⟩ «content», then one line per attribution
    and one per claim (``extract --format text``)."""
    title = f"{data.get('title') or data['id']}  ({data.get('outlet') or 'outlet unknown'})"
    lines = [printable(title)]
    lines.append(printable(mark_attributions(data["text"], data["attributions"]), keep_lines=True))
    lines.append("")
    lines.append(format_attribution_list(data))
    if data.get("claims"):
        lines += ["", "Claims:"]
        lines += [_claim_line(claim, data) for claim in data["claims"]]
    return "\n".join(lines)


def _claim_line(claim: dict[str, Any], data: dict[str, Any]) -> str:
    who = "own voice"
    index = claim["attribution"]
    if index is not None:
        who = f"[{index + 1}] {data['attributions'][index]['speaker'] or '(no source)'}"
    numbers = ", ".join(data["quantities"][i]["text"] for i in claim["quantities"])
    text = " ".join(claim["text"].split())
    text = text if len(text) <= 90 else text[:89] + "…"
    extra = f"; {numbers}" if numbers else ""
    return printable(f"  {claim['type']:<10} {claim['certainty']:<9} {who}{extra}: {text}")


def format_attribution_list(data: dict[str, Any]) -> str:
    """One numbered line per attribution of an analysis: kind, speaker, role, source type, cue
    and the chain of who cited whom."""
    if not data["attributions"]:
        return "No attributions found."
    lines = []
    for n, a in enumerate(data["attributions"], 1):
        chain = " → ".join(link["name"] for link in a["chain"])
        speaker = a["speaker"] or "(no source)"
        role = f", {a['role']}" if a.get("role") else ""
        lines.append(
            printable(
                f"{n:>2}. {a['kind']:<12} {speaker}{role} [{a['source_type']}]"
                f" via “{a['cue']['text']}”  chain: {chain}"
            )
        )
    return "\n".join(lines)


def ingest_json(result: IngestResult) -> dict[str, Any]:
    """What an ingest run did, for ``ingest --json``."""
    s = result.summary
    return {
        "run": result.run_id,
        "added": s.added,
        "duplicates": s.duplicates,
        "updated": s.updated,
        "failed": s.failed,
        "warnings": s.warnings,
        "seconds": round(s.seconds, 3),
        "problems": [
            {"item": p.item, "reason": p.reason, "level": p.level} for p in result.problems
        ],
    }


def format_ingest(result: IngestResult) -> str:
    """The one line ``ingest`` ends with."""
    s = result.summary
    return (
        f"{s.added} added, {s.duplicates} duplicates, {s.updated} updated, {s.failed} failed, "
        f"{s.warnings} warnings in {s.seconds:.2f} s"
    )


def processed_json(summary: ProcessSummary) -> dict[str, Any]:
    """What ``pipeline.process`` did, for ``ingest --json`` and ``analyze --json``."""
    a = summary.analysis
    return {
        "analysed": a.analysed,
        "already": a.already,
        "failed": a.failed,
        "assigned": summary.assigned,
        "new_stories": summary.new_stories,
        "reuse": {
            "checked": summary.reuse.checked,
            "pairs": summary.reuse.pairs,
            "failed": summary.reuse.failed,
        },
        "traced": summary.traced,
        "untraced": summary.untraced,
        "seconds": round(summary.seconds, 3),
    }


def format_processed(summary: ProcessSummary) -> str:
    """One line of what ``pipeline.process`` did, after ``ingest``'s own."""
    a = summary.analysis
    return (
        f"{a.analysed} analysed, {a.already} already analysed, {a.failed} failed;"
        f" {_reuse(summary)};"
        f" {summary.assigned} assigned to stories ({summary.new_stories} new);"
        f" {plural(summary.traced, 'story')} traced, {len(summary.untraced)} not traced"
        f" in {summary.seconds:.2f} s"
    )


def _reuse(summary: ProcessSummary) -> str:
    """ "2 articles checked for copied text: 1 reuse or wire pair, 0 failed"."""
    r = summary.reuse
    return (
        f"{plural(r.checked, 'article')} checked for copied text:"
        f" {plural(r.pairs, 'reuse or wire pair')}, {len(r.failed)} failed"
    )


def format_analyze(summary: ProcessSummary, *, shards: bool) -> str:
    """``analyze``'s two lines: the analysis (with ``shards``, the shards loaded), then the
    stories."""
    a = summary.analysis
    loaded = f", {a.shards} shard(s) loaded" if shards else ""
    stale = f", {a.stale} stale analyses left out" if a.stale else ""
    return (
        f"{a.analysed} analysed, {a.already} already analysed,"
        f" {a.failed} failed{loaded}{stale} in {a.seconds:.2f} s\n"
        f"{_reuse(summary)}\n"
        f"{summary.assigned} assigned to stories ({summary.new_stories} new),"
        f" {plural(summary.traced, 'story')} traced, {len(summary.untraced)} not traced"
    )


def format_shard_load(summary: LoadSummary) -> str:
    """The one line ``load-shards`` ends with."""
    return (
        f"{summary.shards} shard(s) loaded ({summary.already} already held):"
        f" {summary.saved} analyses saved, {summary.stale} stale left out,"
        f" {summary.failed} failed articles recorded, {len(summary.unreadable)} unreadable"
    )
