"""The dossier in a terminal (``sourcetrace report STORY``), drawn with rich.

Article text is untrusted: every value goes into a ``rich.text.Text``, never through rich's
markup parser, so "[bold]" or "[link=...]" in an article prints as written, and every string
of the dossier goes through ``printable`` first, so an escape sequence in it prints inert.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from sourcetrace.printable import printable_data
from sourcetrace.report.html import DRIFT_NAMES


def plural(n: int, noun: str) -> str:
    """ "1 article", "2 articles"; a noun in -y takes -ies ("2 stories")."""
    if n == 1:
        return f"{n} {noun}"
    return (
        f"{n} {noun[:-1]}ies"
        if noun.endswith("y") and noun[-2:-1] not in "aeiou"
        else f"{n} {noun}s"
    )


def _clip(text: str, width: int = 32) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def print_dossier(dossier: dict[str, Any], console: Console) -> None:
    """Story header, timeline, one row per claim of the dossier, then the sources."""
    dossier = printable_data(dossier)
    story = dossier["story"]
    shared = [c for c in dossier["claims"] if c["shared"]]
    span = ""
    if story["first"]:
        span = story["first"] + (f" to {story['last']}" if story["last"] != story["first"] else "")
    head = Text(story["label"], style="bold")
    head.append(
        f"\n{plural(story['size'], 'article')} from {plural(len(story['outlets']), 'outlet')}"
        + (f", {span}" if span else "")
        + f"; {plural(len(shared), 'claim')} made by more than one article",
        style="dim",
    )
    head.append("\nOutlets: ", style="bold")
    head.append(", ".join(story["outlets"]) or "none named")
    console.print(Panel(head, title=Text(f"Story {story['id']}"), title_align="left"))

    timeline = Table(title="Timeline", title_justify="left", show_edge=False, expand=True)
    timeline.add_column("Date", no_wrap=True)
    timeline.add_column("Outlet")
    timeline.add_column("Title", ratio=1)
    for item in dossier["timeline"]:
        timeline.add_row(
            Text(item["date"] or "undated"), Text(item["outlet"] or "?"), Text(item["title"] or "")
        )
    console.print(timeline)

    claims = Table(title="Claims", title_justify="left", show_lines=True, expand=True)
    claims.add_column("Id", no_wrap=True)
    claims.add_column("Claim and its origins", ratio=3)
    claims.add_column("Outlets", ratio=1)
    claims.add_column("Origins", justify="right")
    claims.add_column("Drift", ratio=2)
    for claim in dossier["claims"]:
        first = claim["first_seen"]
        text = Text(claim["text"], style="bold")
        text.append(f"\n{claim['explanation']}", style="dim")
        outlets = Text(", ".join(claim["outlets"]))
        outlets.append(
            f"\nfirst {first['date'] or 'undated'}, {first['outlet'] or first['article']}",
            style="dim",
        )
        drift = Text()
        for change in claim["drift"]:
            if drift:
                drift.append("\n")
            drift.append(DRIFT_NAMES.get(change["kind"], change["kind"]), style="bold red")
            before, after = _clip(change["from"]["text"]), _clip(change["to"]["text"])
            drift.append(f" “{before}” → “{after}”")
        origins = Text(str(claim["independent_origins"]), style="bold magenta")
        claims.add_row(Text(claim["id"]), text, outlets, origins, drift)
    if claims.row_count:
        console.print(claims)
    else:
        console.print(Text("No claim is made by more than one article.", style="italic"))

    sources = Table(title="Sources", title_justify="left", show_edge=False, expand=True)
    sources.add_column("Source", ratio=2)
    sources.add_column("Type")
    sources.add_column("Claims")
    sources.add_column("Credited by", ratio=2)
    for source in dossier["sources"]:
        name = Text(source["name"])
        if source["described_as"]:
            name.append(f" (as {'; '.join(source['described_as'])})", style="dim")
        sources.add_row(
            name,
            Text(source["type"] or ""),
            Text(", ".join(source["claims"])),
            Text(", ".join(source["outlets"])),
        )
    console.print(sources)
