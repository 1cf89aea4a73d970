"""Terminal output of traces, stories, sources, matches and dossiers (``sourcetrace trace``,
``stories``, ``story``, ``source``, ``match``, ``report``).

Article text is untrusted: every line these functions return went through ``printable``, and
the dossier is drawn with rich with every value in a ``rich.text.Text`` (never through rich's
markup parser, so "[bold]" or "[link=...]" in an article prints as written) after going through
``printable`` too, so an escape sequence in it prints inert.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from sourcetrace.printable import printable
from sourcetrace.report.html import DRIFT_NAMES
from sourcetrace.trace.records import by_first_wording

if TYPE_CHECKING:
    from sourcetrace.report.dossier import Dossier
    from sourcetrace.stories.service import StorySummary
    from sourcetrace.trace.known import MatchedStory
    from sourcetrace.trace.records import SourceProfile, StoryTrace, TracedClaim

__all__ = [
    "clip",
    "drift_lines",
    "match_lines",
    "plural",
    "print_dossier",
    "source_lines",
    "stories_lines",
    "story_lines",
    "trace_lines",
    "unassigned_note",
    "untraced_notes",
    "untraced_stories_note",
]


def plural(n: int, noun: str) -> str:
    """ "1 article", "2 articles"; a noun in -y takes -ies ("2 stories")."""
    if n == 1:
        return f"{n} {noun}"
    return (
        f"{n} {noun[:-1]}ies"
        if noun.endswith("y") and noun[-2:-1] not in "aeiou"
        else f"{n} {noun}s"
    )


def clip(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` characters with "…" where it is longer."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _printable(lines: list[str]) -> list[str]:
    return [printable(line) for line in lines]


def trace_lines(stories: Sequence[StoryTrace]) -> list[str]:
    """Each story's claims (as given): outlets, origins, first appearance, text, the
    explanation of its origins and each drift; a blank line after each story."""
    lines = []
    for story in stories:
        lines.append(f"Story {story.id}: {story.label}")
        if not story.claims:
            lines.append("  no claim is made by more than one article (--single lists them all)")
        for claim in story.claims:
            first = claim.first_seen
            when = first.date or f"first in {first.article}"
            lines.append(
                f"  [{claim.id}] {plural(len(claim.outlets), 'outlet')},"
                f" {plural(claim.independent_origins, 'origin')}, {when}"
            )
            lines.append(f"      {clip(claim.text, 110)}")
            lines.append(f"      {claim.explanation}")
            lines.extend(f"      {line}" for line in drift_lines(claim))
        lines.append("")
    return _printable(lines)


def drift_lines(claim: TracedClaim) -> list[str]:
    """A claim's drift, most severe first, one line per kind and first wording
    (:func:`~sourcetrace.trace.records.by_first_wording`, as the dossier groups them): the
    words before and after, and whose they are ("drift hedge_dropped: “up to 4,000” →
    “4,000” (Harbor Ledger → Capital Wire)"); the later versions that change those words
    alike are counted on its line ("… and 5 more versions: A, B, C and 2 more")."""
    by_article = {v.article: v.outlet or v.article for v in claim.versions}

    def outlet(article: str) -> str:
        return by_article.get(article, article)

    lines = []
    for (kind, before), changes in by_first_wording(claim.drift).items():
        first = changes[0]
        line = f"drift {kind}: “{clip(before, 50)}” → “{clip(first.after.text, 50)}”"
        line += f" ({outlet(first.before.article)} → {outlet(first.after.article)})"
        more = list(dict.fromkeys(outlet(c.after.article) for c in changes[1:]))
        if more:
            shown = ", ".join(more[:3]) + (f" and {len(more) - 3} more" if len(more) > 3 else "")
            line += f" and {plural(len(changes) - 1, 'more version')}: {shown}"
        lines.append(line)
    return lines


def untraced_notes(reasons: Sequence[str]) -> list[str]:
    """One note per story a read left out because it is not traced (why, what to run)."""
    return _printable([f"note: left out {reason}" for reason in reasons])


def untraced_stories_note(untraced: int) -> str | None:
    """The note that ``untraced`` stories are left out of a read of the stored traces."""
    if not untraced:
        return None
    return f"note: {plural(untraced, 'story')} not traced yet, left out: run `sourcetrace analyze`"


def unassigned_note(waiting: int) -> str | None:
    """The note that ``waiting`` articles are in no story yet (``process`` assigns them)."""
    if waiting <= 0:
        return None
    return f"note: {plural(waiting, 'article')} not in a story yet: run `sourcetrace analyze`"


def stories_lines(stories: Sequence[StorySummary]) -> list[str]:
    """One line per story: id, size, outlets, dates and label."""
    if not stories:
        return ["no stories: ingest some articles first"]
    lines = []
    for s in stories:
        span = s.first if s.first == s.last else f"{s.first} – {s.last}"
        when = f"  {span}" if s.first else ""
        outlets = f"  {plural(len(s.outlets), 'outlet')}" if s.outlets else ""
        lines.append(f"{s.id:>5}  {plural(s.size, 'article'):>13}{outlets}{when}  {s.label}")
    return _printable(lines)


def story_lines(s: StorySummary) -> list[str]:
    """One story: label, dates, outlets, top entities, then a line per article."""
    lines = [f"Story {s.id}: {s.label}"]
    if s.first:
        lines.append(f"  dates     {s.first}" + (f" – {s.last}" if s.last != s.first else ""))
    for label, values in (
        ("outlets", s.outlets),
        ("people", s.people),
        ("places", s.places),
        ("groups", s.organisations),
    ):
        if values:
            lines.append(f"  {label:<9} {', '.join(values)}")
    lines.append(f"  {s.size} articles:")
    for a in s.articles:
        date = (a["published"] or "")[:10] or "undated"
        lines.append(
            f"    {a['id']}  {date:<10}  {a['outlet'] or '-':<22}  p={a['score']:.2f}"
            f"  {a['title'] or ''}"
        )
    return _printable(lines)


def source_lines(profile: SourceProfile) -> list[str]:
    """The claims credited to a source, each with the outlets that credit it."""
    lines = [f"{profile.source}: {plural(len(profile.claims), 'claim')}"]
    for claim in profile.claims:
        outlets = list(dict.fromkeys(c.outlet or c.article for c in claim.credited_in))
        lines.append(f"  [{claim.claim}] {clip(claim.text, 100)}")
        lines.append(f"      credited in {', '.join(outlets)}")
    for title, rows in (("Reuses text of", profile.copies), ("Text reused by", profile.copied_by)):
        if rows:
            lines.append(f"{title}:")
            lines.extend(
                f"  {r.outlet}: {plural(r.articles, 'article')}, {plural(r.sentences, 'sentence')}"
                for r in rows
            )
    if profile.wire_copy:
        lines.append("Its wire copy is run by:")
        lines.extend(f"  {r.outlet}: {plural(r.articles, 'article')}" for r in profile.wire_copy)
    lines.extend(
        f"{r.outlet} reprints its own earlier articles {plural(r.articles, 'time')}"
        f" ({plural(r.sentences, 'sentence')})"
        for r in profile.reuses_own
    )
    return _printable(lines)


def match_lines(stories: Sequence[MatchedStory], known: int, threshold: float) -> list[str]:
    """How many claims repeat one of ``known`` known claims, then each with its matches."""
    claims = sum(len(s.claims) for s in stories)
    lines = [
        f"{plural(claims, 'claim')} repeat one of {plural(known, 'known claim')}"
        f" (score ≥ {threshold})"
    ]
    for story in stories:
        lines.append(f"Story {story.id}: {story.label}")
        for claim in story.claims:
            lines.append(f"  [{claim.id}] {clip(claim.text, 110)}")
            for found in claim.matches:
                where = found.known.url or found.known.publisher or f"id {found.known.id}"
                lines.append(f"      {found.score:.2f}  {clip(found.known.text, 80)}  ({where})")
    return _printable(lines)


def _text(value: str | None, style: str = "") -> Text:
    return Text(printable(value or ""), style=style)


def print_dossier(dossier: Dossier, console: Console) -> None:
    """Story header, timeline, one row per claim of the dossier, then the sources."""
    _print_head(dossier, console)
    timeline = Table(title="Timeline", title_justify="left", show_edge=False, expand=True)
    timeline.add_column("Date", no_wrap=True)
    timeline.add_column("Outlet")
    timeline.add_column("Title", ratio=1)
    for item in dossier.timeline:
        timeline.add_row(
            _text(item["date"] or "undated"), _text(item["outlet"] or "?"), _text(item["title"])
        )
    console.print(timeline)
    _print_claims(dossier, console)
    sources = Table(title="Sources", title_justify="left", show_edge=False, expand=True)
    sources.add_column("Source", ratio=2)
    sources.add_column("Type")
    sources.add_column("Claims")
    sources.add_column("Credited by", ratio=2)
    for source in dossier.sources:
        name = _text(source.name)
        if source.described_as:
            name.append(printable(f" (as {'; '.join(source.described_as)})"), style="dim")
        sources.add_row(
            name,
            _text(source.type),
            _text(", ".join(source.claims)),
            _text(", ".join(source.outlets)),
        )
    console.print(sources)


def _print_head(dossier: Dossier, console: Console) -> None:
    story = dossier.story
    shared = [c for c in dossier.claims if c.shared]
    span = ""
    if story.first:
        span = story.first + (f" to {story.last}" if story.last != story.first else "")
    head = _text(story.label, style="bold")
    head.append(
        "\n"
        + printable(
            f"{plural(story.size, 'article')} from {plural(len(story.outlets), 'outlet')}"
            + (f", {span}" if span else "")
            + f"; {plural(len(shared), 'claim')} made by more than one article"
        ),
        style="dim",
    )
    head.append("\nOutlets: ", style="bold")
    head.append(printable(", ".join(story.outlets)) or "none named")
    if dossier.top_drift:
        head.append("\nWhat changed most:", style="bold")
    for change in dossier.top_drift:
        head.append(f"\n  [{change['claim']}] ")
        head.append(printable(DRIFT_NAMES.get(change["kind"], change["kind"])), style="bold red")
        head.append(printable(f" ({change['severity']})"), style="dim")
        first = change["from"]
        head.append(printable(f": {first['outlet']} “{clip(first['text'], 40)}”"))
        for later in change["to"]:
            outlets = [o or a for o, a in zip(later["outlets"], later["articles"], strict=True)]
            head.append("\n      → ")
            head.append(printable(f"{', '.join(outlets)} “{clip(later['text'], 40)}”"))
    console.print(Panel(head, title=Text(f"Story {story.id}"), title_align="left"))


def _print_claims(dossier: Dossier, console: Console) -> None:
    claims = Table(title="Claims", title_justify="left", show_lines=True, expand=True)
    claims.add_column("Id", no_wrap=True)
    claims.add_column("Claim and its origins", ratio=3)
    claims.add_column("Outlets", ratio=1)
    claims.add_column("Origins", justify="right")
    claims.add_column("Drift", ratio=2)
    for claim in dossier.claims:
        first = claim.first_seen
        text = _text(claim.text, style="bold")
        text.append(f"\n{printable(claim.explanation)}", style="dim")
        outlets = _text(", ".join(claim.outlets))
        outlets.append(
            "\n" + printable(f"first {first.date or 'undated'}, {first.outlet or first.article}"),
            style="dim",
        )
        drift = Text()
        for change in claim.drift:
            if drift:
                drift.append("\n")
            drift.append(printable(DRIFT_NAMES.get(change.kind, change.kind)), style="bold red")
            # clipped as shown: an escaped control character takes its width
            before = clip(printable(change.before.text), 32)
            after = clip(printable(change.after.text), 32)
            drift.append(printable(f" “{before}” → “{after}”"))
        origins = Text(str(claim.independent_origins), style="bold magenta")
        claims.add_row(_text(claim.id), text, outlets, origins, drift)
    if claims.row_count:
        console.print(claims)
    else:
        console.print(Text("No claim is made by more than one article.", style="italic"))
