"""The ``sourcetrace`` command: parse arguments, call the Python API, print.

Exit codes: 0 all good; 1 some items failed (or the thing asked for was not
found); 2 usage error; 3 storage fault (the database is read-only, damaged, or its disk is
full: one line says what to do).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from sourcetrace import __version__
from sourcetrace.article import Article
from sourcetrace.config import load_settings
from sourcetrace.ingest import IngestOptions, IngestResult, ingest
from sourcetrace.ingest.formats import FORMATS, JSON_FIELDS
from sourcetrace.printable import printable, printable_json
from sourcetrace.records import Problem
from sourcetrace.report.terminal import plural
from sourcetrace.store import StorageFault, Store, open_store

if TYPE_CHECKING:
    from sourcetrace.engine import Engine
    from sourcetrace.nlp.settings import AnalysisSettings
    from sourcetrace.pipeline import ProcessSummary

EXIT_CODES = (
    "Exit codes: 0 all good, 1 some items failed or were not found, 2 usage error,"
    " 3 storage fault (the database is read-only, damaged or its disk is full)."
)
STORAGE_FAULT = 3

app = typer.Typer(
    name="sourcetrace",
    help=f"Who really stands behind each claim in the news.\n\n{EXIT_CODES}",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="SQLite database file [env: SOURCETRACE_DB; default: XDG data dir]"),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress bar and no per-item lines.")
]
EngineOption = Annotated[
    str,
    typer.Option(
        help="Where to analyse: process (local process pool), inprocess, or ray (a Ray "
        "cluster, or a local Ray instance; needs the ray extra)."
    ),
]
WorkersOption = Annotated[
    int | None,
    typer.Option(help="Worker processes or Ray actors (default: one per core).", min=1),
]
#: ``ingest`` analyses fewer new articles than this in-process: starting a pool of workers,
#: each loading the models, would take longer than the analysis.
SMALL_RUN = 32


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sourcetrace {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Who really stands behind each claim in the news."""


def _db_path(db: str | Path | None) -> str:
    return str(db) if db else load_settings()["db"]


@contextlib.contextmanager
def _store(db: str | Path | None) -> Iterator[Store]:
    """The store for a command, checked for damage first; a storage fault, on opening or
    later, ends the command with one line and exit code 3."""
    try:
        with open_store(_db_path(db), check=True) as store:
            yield store
    except StorageFault as fault:
        _say(f"Error: {fault}", err=True)
        raise typer.Exit(STORAGE_FAULT) from None


def _analysis_settings() -> AnalysisSettings:
    """The analysis settings, resolved once per command; a bad lexicon is a usage error."""
    from sourcetrace.nlp.settings import AnalysisSettings

    try:
        return AnalysisSettings.from_config()
    except ValueError as error:
        _fail_usage(str(error))
        raise


def _say(line: str, *, err: bool = False) -> None:
    """Print one line that holds stored or input-derived text (names, titles, URLs, file
    names) with its control characters shown, so it cannot act on the terminal."""
    typer.echo(printable(line), err=err)


def _fail_usage(message: str) -> None:
    _say(f"Error: {message}", err=True)
    raise typer.Exit(2)


def _parse_fields(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        ours, sep, theirs = pair.partition("=")
        if not sep or not theirs or ours not in JSON_FIELDS:
            _fail_usage(
                f"--field {pair!r}: write OURS=THEIRS with OURS one of {', '.join(JSON_FIELDS)}"
                " (e.g. --field text=body)"
            )
        mapping[ours] = theirs
    return mapping


@app.command("ingest")
def ingest_command(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, folders, globs, URLs, or - for stdin.")
    ],
    db: DbOption = None,
    outlet: Annotated[
        str | None, typer.Option(help="Outlet for articles whose page and URL name none.")
    ] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", help=f"Force the input format: {', '.join(FORMATS)}.")
    ] = None,
    field: Annotated[
        list[str] | None,
        typer.Option("--field", help="Map a JSON field: --field text=body (repeatable)."),
    ] = None,
    max_bytes: Annotated[
        int | None, typer.Option(help="Largest file or download accepted, in bytes.")
    ] = None,
    timeout: Annotated[
        float | None,
        typer.Option(help="Seconds one HTTP attempt may take, from connecting to the last byte."),
    ] = None,
    retries: Annotated[int | None, typer.Option(help="Attempts per URL.")] = None,
    engine: EngineOption = "process",
    workers: WorkersOption = None,
    no_process: Annotated[
        bool,
        typer.Option(
            "--no-process",
            help="Only store the articles: analyse, group and trace nothing (pages then say"
            " 'not analysed yet'; `sourcetrace analyze` does the rest).",
        ),
    ] = False,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Ingest articles from files, folders, globs, URLs and feeds (- reads stdin), then
    process the store: analyse what is not analysed (on --engine), group the articles into
    stories and trace the stories that changed, so that every report, page and export is
    ready. --no-process stops after storing.

    Formats: .txt (front matter or first line as title), .html, .json/.jsonl,
    .warc/.warc.gz, RSS/Atom feeds (linked pages are fetched) and URLs.
    Ingesting the same articles again adds nothing; changed articles are updated.

    Exit codes: 0 all good, 1 some items failed (each is printed and recorded), 2 usage error,
    3 storage fault.
    """
    if fmt is not None and fmt not in FORMATS:
        _fail_usage(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
    # The engine is made (and its options checked) before anything is stored.
    chosen = None if no_process else _engine(engine, workers, None)
    options = IngestOptions.from_settings(
        outlet=outlet,
        format=fmt,
        field_map=_parse_fields(field or []),
        max_bytes=max_bytes,
        timeout=timeout,
        retries=retries,
    )
    result = _run_ingest(inputs, _db_path(db), options, quiet=quiet)
    processed = None
    if chosen is not None:
        with _store(db) as store:
            small = _unanalysed(store, chosen.settings) < SMALL_RUN
            if engine == "process" and workers is None and small:
                from sourcetrace.engine import InProcess

                chosen = InProcess(settings=chosen.settings)
            processed = _process(store, chosen, quiet=quiet)
    if as_json:
        data = _result_dict(result)
        if processed is not None:
            data["processed"] = _processed_dict(processed)
        typer.echo(json.dumps(data, indent=2))
    else:
        typer.echo(_summary_line(result))
        if processed is not None:
            typer.echo(_processed_line(processed))
    failed = processed is not None and processed.analysis.failed
    raise typer.Exit(result.exit_code or (1 if failed else 0))


def _unanalysed(store: Store, settings: AnalysisSettings) -> int:
    """How many stored articles lack a current analysis with ``settings``."""
    from sourcetrace.nlp.analysis import analyser_version

    return store.count() - store.analysed_count(analyser_version(settings))


def _engine(
    name: str, workers: int | None, ray_address: str | None, timeout: float | None = None
) -> Engine:
    """The engine the options name, analysing with the configured settings (``timeout``
    seconds an article, default the engines' own)."""
    from sourcetrace.engine import DEFAULT_TIMEOUT, ENGINES, make_engine
    from sourcetrace.engine.ray_engine import RayMissing

    if name not in ENGINES:
        _fail_usage(f"--engine {name!r}: choose one of {', '.join(ENGINES)}")
    if workers is not None and name == "inprocess":
        _fail_usage("--workers applies to --engine process or ray")
    if ray_address is not None and name != "ray":
        _fail_usage("--ray-address applies to --engine ray only")
    settings = _analysis_settings()
    try:
        return make_engine(
            name,
            workers=workers,
            timeout=DEFAULT_TIMEOUT if timeout is None else timeout,
            ray_address=ray_address,
            settings=settings,
        )
    except RayMissing as error:
        _fail_usage(str(error))
        raise


def _process(
    store: Store,
    engine: Engine,
    *,
    quiet: bool,
    shards: Path | None = None,
    shard_rows: int | None = None,
) -> ProcessSummary:
    """``pipeline.process`` with a progress bar on a terminal and each problem printed."""
    from rich.progress import Progress

    from sourcetrace.pipeline import process

    def show(problem: Problem) -> None:
        if not quiet:
            _say(f"error: {problem}", err=True)

    show_bar = not quiet and sys.stderr.isatty()
    with Progress(transient=True, disable=not show_bar) as bar:
        task = bar.add_task("analysing", total=None)
        summary = process(
            store,
            engine=engine,
            shards=shards,
            rows_per_shard=shard_rows,
            on_problem=show,
            progress=lambda stage, done, total: bar.update(
                task, description=stage, completed=done, total=total or None
            ),
        )
    if not quiet:
        for line in summary.untraced:
            _say(f"warning: {line}", err=True)
    return summary


def _processed_line(summary: ProcessSummary) -> str:
    a = summary.analysis
    return (
        f"{a.analysed} analysed, {a.already} already analysed, {a.failed} failed;"
        f" {summary.assigned} assigned to stories ({summary.new_stories} new);"
        f" {plural(summary.traced, 'story')} traced, {len(summary.untraced)} not traced"
        f" in {summary.seconds:.2f} s"
    )


def _processed_dict(summary: ProcessSummary) -> dict:
    a = summary.analysis
    return {
        "analysed": a.analysed,
        "already": a.already,
        "failed": a.failed,
        "assigned": summary.assigned,
        "new_stories": summary.new_stories,
        "traced": summary.traced,
        "untraced": summary.untraced,
        "seconds": round(summary.seconds, 3),
    }


def _run_ingest(inputs: list[str], db: str, options: IngestOptions, *, quiet: bool) -> IngestResult:
    from rich.progress import Progress

    def show(problem: Problem) -> None:
        if not quiet:
            _say(f"{problem.level}: {problem}", err=True)

    show_bar = not quiet and sys.stderr.isatty()
    with _store(db) as store, Progress(transient=True, disable=not show_bar) as bar:
        task = bar.add_task("ingesting", total=None)
        return ingest(
            inputs,
            store,
            options,
            on_problem=show,
            on_progress=lambda done, total: bar.update(task, completed=done, total=total),
        )


def _summary_line(result: IngestResult) -> str:
    s = result.summary
    return (
        f"{s.added} added, {s.duplicates} duplicates, {s.updated} updated, {s.failed} failed, "
        f"{s.warnings} warnings in {s.seconds:.2f} s"
    )


def _result_dict(result: IngestResult) -> dict:
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


@app.command("articles")
def articles_command(
    db: DbOption = None,
    search: Annotated[
        str | None, typer.Option(help="Full-text search over titles and text.")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="Show at most this many.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List stored articles, newest first (or best match first with --search)."""
    with _store(db) as store:
        found = store.articles(search=search, limit=limit)
    if as_json:
        typer.echo(printable_json([_listing(a) for a in found], indent=2))
        return
    for article in found:
        _say(_listing_line(article))


def _listing(article: Article) -> dict:
    keys = ("id", "published", "outlet", "title", "url", "authors", "language")
    return {k: getattr(article, k) for k in keys}


def _listing_line(article: Article) -> str:
    published = (article.published or "")[:10] or "-"
    outlet = (article.outlet or "-")[:22]
    return f"{article.id}  {published:<10}  {outlet:<22}  {article.title or '(untitled)'}"


@app.command("article")
def article_command(
    article_id: Annotated[
        str, typer.Argument(metavar="ID", help="Article id (or a unique prefix).")
    ],
    db: DbOption = None,
    as_json: JsonOption = False,
    plain: Annotated[
        bool, typer.Option("--plain", help="Clean text only, without attributions marked.")
    ] = False,
) -> None:
    """Show one article: metadata, where each field came from, and its text with attributions
    marked ([source] ⟨cue⟩ «content», numbered) and listed with speaker and chain."""
    with _store(db) as store:
        article = store.get(article_id)
    if article is None:
        typer.echo(
            f"Error: no article with id {article_id!r}; list ids with 'sourcetrace articles'",
            err=True,
        )
        raise typer.Exit(1)
    analysis = None
    if not plain:
        from sourcetrace.nlp.analysis import analyse

        analysis = analyse(article, settings=_analysis_settings()).to_dict()
    if as_json:
        data = article.to_dict()
        if analysis is not None:
            data["analysis"] = {k: v for k, v in analysis.items() if k != "text"}
        typer.echo(printable_json(data, indent=2))
        return
    typer.echo(format_article(article, analysis))


def format_article(article: Article, analysis: dict | None = None) -> str:
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
    from sourcetrace.report.marking import mark_attributions

    language = analysis.get("language") or {}
    if language.get("note"):
        lines.append(f"{'Analysis:':<11}{language['note']}")
    body = printable(mark_attributions(article.text, analysis["attributions"]), keep_lines=True)
    found = format_attribution_list(analysis) if language.get("analysed", True) else ""
    return "\n".join(lines) + "\n\n" + body + ("\n\n" + found if found else "")


train_app = typer.Typer(help="Fit the trained components (on training data only).")
eval_app = typer.Typer(help="Measure components against annotated corpora.")
app.add_typer(train_app, name="train")
app.add_typer(eval_app, name="eval")
ModelOutputOption = Annotated[
    Path | None, typer.Option(help="Where to write the model [default: the packaged artefact].")
]
PolnearOption = Annotated[
    Path, typer.Option("--polnear", help="PolNeAR folder (with train/ and dev/).")
]


@train_app.command("attribution")
def train_attribution_command(
    polnear: PolnearOption,
    output: ModelOutputOption = None,
) -> None:
    """Fit the attribution cue model on PolNeAR train (never dev)."""
    from sourcetrace.eval.fit_attribution import train_attribution
    from sourcetrace.nlp.cues import artefact_path

    target = output or artefact_path()
    try:
        model = train_attribution(
            polnear, target, on_progress=lambda n: _progress(f"parsed {n} training articles")
        )
    except FileNotFoundError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo("", err=True)
    typer.echo(f"wrote {target} ({len(model.weights)} weights, threshold {model.threshold})")
    typer.echo(json.dumps(model.meta, indent=2))


def _progress(message: str) -> None:
    if sys.stderr.isatty():
        typer.echo(f"\r{message}", err=True, nl=False)


@eval_app.command("attribution")
def eval_attribution_command(
    polnear: PolnearOption,
    split: Annotated[str, typer.Option(help="train or dev.")] = "dev",
    agreement: Annotated[
        bool,
        typer.Option(
            "--agreement",
            help="Score the split's further annotators against its first (the gold), on the "
            "articles several annotators marked: the human ceiling for these measures.",
        ),
    ] = False,
    folds: Annotated[
        int,
        typer.Option(
            "--folds",
            help="With --split train: cross-validate the cue model over this many folds of "
            "train (each fold analysed by a model fitted on the others), the figure to tune "
            "on. 0 scores the shipped model.",
        ),
    ] = 0,
    as_json: JsonOption = False,
) -> None:
    """Precision, recall and F1 of attribution extraction on a PolNeAR split."""
    from sourcetrace.eval.attribution import MEASURES, evaluate_polnear
    from sourcetrace.eval.fit_attribution import cross_validate_polnear

    if split not in ("train", "dev"):
        _fail_usage("--split must be train or dev")
    if folds and (split != "train" or folds < 2 or agreement):
        _fail_usage("--folds needs --split train, at least 2 folds and no --agreement")
    if agreement:
        _eval_agreement(polnear, split, as_json)
        return
    try:
        progress = lambda d, n: _progress(f"analysed {d}/{n} articles")  # noqa: E731
        if folds:
            results, articles = cross_validate_polnear(polnear, folds, on_progress=progress)
            split = f"train, {folds}-fold cross-validation"
        else:
            results, articles = evaluate_polnear(polnear, split, on_progress=progress)
    except FileNotFoundError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(1) from exc
    if as_json:
        payload = {"split": split, "articles": articles}
        payload.update({name: results[name].as_dict() for name in MEASURES})
        typer.echo(json.dumps(payload, indent=2))
        return
    typer.echo("", err=True)
    first = next(iter(results.values()))
    typer.echo(f"PolNeAR {split}: {articles} articles, {first.gold} gold attributions")
    typer.echo(f"{'measure':<16}{'precision':>10}{'recall':>9}{'F1':>8}{'matched':>9}")
    for name in MEASURES:
        c = results[name]
        typer.echo(f"{name:<16}{c.precision:>10.3f}{c.recall:>9.3f}{c.f1:>8.3f}{c.matched:>9}")


def _eval_agreement(polnear: Path, split: str, as_json: bool) -> None:
    from sourcetrace.eval.attribution import MEASURES, annotator_agreement

    try:
        result = annotator_agreement(polnear, split)
    except FileNotFoundError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(1) from exc
    rows = {"annotators": result.annotators, "system": result.system}
    if as_json:
        payload: dict = {"split": split, "articles": result.articles, "pairs": result.pairs}
        for who, counts in rows.items():
            payload[who] = {name: counts[name].as_dict() for name in MEASURES}
        typer.echo(json.dumps(payload, indent=2))
        return
    typer.echo(
        f"PolNeAR {split}: {result.articles} articles marked by several annotators, "
        f"{result.pairs} further annotations scored against the first (the gold)"
    )
    if not result.articles:
        return
    typer.echo(f"{'measure':<16}{'annotators F1':>14}{'P':>7}{'R':>7}{'system F1':>11}")
    for name in MEASURES:
        a, m = result.annotators[name], result.system[name]
        typer.echo(f"{name:<16}{a.f1:>14.3f}{a.precision:>7.3f}{a.recall:>7.3f}{m.f1:>11.3f}")
    if split == "train":
        typer.echo("The system column is on articles the cue model was fitted on: optimistic.")


@train_app.command("checkworthy")
def train_checkworthy_command(
    claimbuster: Annotated[
        Path, typer.Option("--claimbuster", help="ClaimBuster folder (with train.json).")
    ],
    output: ModelOutputOption = None,
) -> None:
    """Fit the check-worthiness model on ClaimBuster train minus its held-out fifth."""
    from sourcetrace.nlp.checkworthy import artefact_path, train_checkworthy

    target = output or artefact_path()
    try:
        meta = train_checkworthy(claimbuster, target)
    except FileNotFoundError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"wrote {target}")
    typer.echo(json.dumps(meta, indent=2))


@eval_app.command("checkworthy")
def eval_checkworthy_command(
    claimbuster: Annotated[
        Path, typer.Option("--claimbuster", help="ClaimBuster folder (with train.json).")
    ],
    ct19: Annotated[
        Path | None,
        typer.Option("--ct19", help="CheckThat! 2019 task 1 folder: also report MAP."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """F1 of the check-worthy class on the held-out fifth of ClaimBuster train (and MAP on
    CheckThat! 2019 by leave-one-transcript-out with --ct19)."""
    from sourcetrace.nlp.checkworthy import evaluate_ct19, evaluate_held_out

    try:
        results = {"claimbuster_held_out": evaluate_held_out(claimbuster)}
        if ct19 is not None:
            results["ct19"] = evaluate_ct19(ct19)
    except FileNotFoundError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(1) from exc
    if as_json:
        typer.echo(json.dumps(results, indent=2))
        return
    held = results["claimbuster_held_out"]
    typer.echo(
        f"ClaimBuster held-out ({held['sentences']} sentences, {held['positives']} check-worthy):"
        f" precision {held['precision']:.3f} recall {held['recall']:.3f} F1 {held['f1']:.3f}"
    )
    if "ct19" in results:
        ct = results["ct19"]
        typer.echo(f"CheckThat! 2019 task 1, leave-one-transcript-out over {ct['transcripts']}"
                   f" transcripts: MAP {ct['map']:.3f}")  # fmt: skip


@app.command("extract")
def extract_command(
    inputs: Annotated[list[str], typer.Argument(metavar="PATH...", help="Files, folders, URLs.")],
    output_format: Annotated[
        str, typer.Option("--format", help="jsonl (one article per line), json or text.")
    ] = "jsonl",
    as_is: Annotated[
        bool,
        typer.Option(
            "--as-is", help="No cleaning: offsets index into each input file's text exactly."
        ),
    ] = False,
    outlet: Annotated[str | None, typer.Option(help="Outlet for inputs that name none.")] = None,
) -> None:
    """Analyse articles without storing them: attributions, speakers and citation chains."""
    from sourcetrace.ingest import read_articles
    from sourcetrace.nlp.analysis import analyse_many

    if output_format not in ("jsonl", "json", "text"):
        _fail_usage("--format must be jsonl, json or text")
    problems: list[Problem] = []

    def articles():
        options = IngestOptions.from_settings(outlet=outlet)
        for item in read_articles(inputs, options, as_is=as_is):
            if isinstance(item, Problem):
                if item.level == "error":
                    problems.append(item)
                    _say(f"skipped {item}", err=True)
                continue
            yield item

    collected = []
    settings = _analysis_settings()
    for analysis in analyse_many(articles(), settings=settings):
        data = analysis.to_dict()
        if output_format == "jsonl":
            typer.echo(printable_json(data))
        elif output_format == "json":
            collected.append(data)
        else:
            typer.echo(format_analysis(data) + "\n")
    if output_format == "json":
        typer.echo(printable_json(collected, indent=2))
    raise typer.Exit(1 if problems else 0)


def format_analysis(data: dict) -> str:
    """Text with attributions marked: [source] ⟨cue⟩ «content», then one line per attribution."""
    from sourcetrace.report.marking import mark_attributions

    title = f"{data.get('title') or data['id']}  ({data.get('outlet') or 'outlet unknown'})"
    lines = [printable(title)]
    lines.append(printable(mark_attributions(data["text"], data["attributions"]), keep_lines=True))
    lines.append("")
    lines.append(format_attribution_list(data))
    if data.get("claims"):
        lines += ["", "Claims:"]
        lines += [_claim_line(claim, data) for claim in data["claims"]]
    return "\n".join(lines)


def _claim_line(claim: dict, data: dict) -> str:
    who = "own voice"
    index = claim["attribution"]
    if index is not None:
        who = f"[{index + 1}] {data['attributions'][index]['speaker'] or '(no source)'}"
    numbers = ", ".join(data["quantities"][i]["text"] for i in claim["quantities"])
    text = " ".join(claim["text"].split())
    text = text if len(text) <= 90 else text[:89] + "…"
    extra = f"; {numbers}" if numbers else ""
    return printable(f"  {claim['type']:<10} {claim['certainty']:<9} {who}{extra}: {text}")


def format_attribution_list(data: dict) -> str:
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


EcbplusOption = Annotated[
    Path | None, typer.Option("--ecbplus", help="ECB+ folder (with docs.jsonl).")
]


@train_app.command("stories")
def train_stories_command(
    ecbplus: Annotated[Path, typer.Option("--ecbplus", help="ECB+ folder (with docs.jsonl).")],
    output: ModelOutputOption = None,
) -> None:
    """Fit the story pair model and its join threshold on ECB+ train (never dev)."""
    from sourcetrace.eval.fit_stories import train_story_model
    from sourcetrace.nlp.artefacts import data_file
    from sourcetrace.stories.model import ARTEFACT

    _fit_and_save(
        lambda: train_story_model(ecbplus, progress=_progress),
        output or data_file(ARTEFACT),
        lambda model: f"threshold {model.threshold}, {model.figures}",
    )


def _fit_and_save(fit: Callable[[], Any], target: Path, describe: Callable[[Any], str]) -> None:
    """Run a trainer, save what it fitted to ``target`` and say so; a missing or unusable
    corpus is a one-line error (exit 1)."""
    try:
        model = fit()
    except (FileNotFoundError, ValueError) as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(1) from exc
    model.save(target)
    typer.echo("", err=True)
    typer.echo(f"wrote {target}: {describe(model)}")


@train_app.command("matching")
def train_matching_command(
    checkthat: Annotated[
        Path, typer.Option("--checkthat", help="CheckThat! 2020 task 2 folder (ct20_task2).")
    ],
    output: ModelOutputOption = None,
) -> None:
    """Fit the claim-matching reranker on CheckThat! 2020 task 2 train (never dev)."""
    from sourcetrace.eval.matching import fit_reranker
    from sourcetrace.nlp.artefacts import data_file
    from sourcetrace.trace.match import RERANK_ARTEFACT

    _fit_and_save(
        lambda: fit_reranker(checkthat, progress=_progress),
        output or data_file(RERANK_ARTEFACT),
        lambda reranker: str(reranker.figures),
    )


@eval_app.command("stories")
def eval_stories_command(
    ecbplus: EcbplusOption = None,
    story_chains: Annotated[
        Path | None,
        typer.Option("--story-chains", help="Story chains folder: pairwise F1 on its labels."),
    ] = None,
    split: Annotated[str, typer.Option(help="ECB+ split: train or dev.")] = "dev",
    as_json: JsonOption = False,
) -> None:
    """B³ and pairwise figures of story assignment, through ingest and stories as a user
    runs them (each corpus goes into a fresh temporary store)."""
    from sourcetrace.eval.stories import evaluate_ecbplus, evaluate_story_chains

    if ecbplus is None and story_chains is None:
        _fail_usage("give --ecbplus DIR, --story-chains DIR or both")
    if split not in ("train", "dev"):
        _fail_usage("--split must be train or dev")
    results = []
    try:
        if ecbplus is not None:
            results.append(evaluate_ecbplus(ecbplus, split, progress=_progress))
        if story_chains is not None:
            results.append(evaluate_story_chains(story_chains, progress=_progress))
    except (FileNotFoundError, ValueError, RuntimeError) as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo("", err=True)
    if as_json:
        typer.echo(json.dumps(results, indent=2))
        return
    for r in results:
        name = f"ECB+ {r['split']}" if r["corpus"] == "ecbplus" else "story chains"
        gold = f", {r['gold_clusters']} gold events" if "gold_clusters" in r else ""
        pairs = f", {r['pairs']} labelled pairs" if "pairs" in r else ""
        typer.echo(f"{name}: {r['documents']} articles{gold}{pairs}, {r['stories']} stories")
        typer.echo(f"  {'':<10}{'precision':>10}{'recall':>9}{'F1':>8}")
        labels = {"b_cubed": "B³", "pairwise": "pairwise", "second_coder": "coder 2*"}
        for measure, label in labels.items():
            if measure in r:
                m = r[measure]
                typer.echo(
                    f"  {label:<10}{m['precision']:>10.3f}{m['recall']:>9.3f}{m['f1']:>8.3f}"
                )
        if "second_coder" in r:
            typer.echo("  * the second coder's labels scored against the first's (the gold)")


def _evaluate(evaluate, folder: Path, split: str, as_json: bool) -> dict | None:
    """Run an evaluation of one split; print its JSON and return None with --json, else
    return the figures for the caller to print. Missing or malformed data exits 1."""
    if split not in ("train", "dev"):
        _fail_usage("--split must be train or dev")
    return _run_evaluation(lambda: evaluate(folder, split, progress=_progress), as_json)


def _run_evaluation(run: Callable[[], dict], as_json: bool) -> dict | None:
    """``run()``'s figures; printed as JSON (and None returned) with --json. Missing or
    malformed data exits 1."""
    try:
        result = run()
    except (FileNotFoundError, ValueError) as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo("", err=True)
    if as_json:
        typer.echo(json.dumps(result, indent=2))
        return None
    return result


@eval_app.command("alignment")
def eval_alignment_command(
    ecbplus: Annotated[Path, typer.Option("--ecbplus", help="ECB+ folder (with docs.jsonl).")],
    split: Annotated[str, typer.Option(help="train or dev.")] = "dev",
    as_json: JsonOption = False,
) -> None:
    """Precision, recall and F1 of claim alignment against ECB+ cross-document event chains
    (the protocol is in sourcetrace/eval/alignment.py)."""
    from sourcetrace.eval.alignment import evaluate_alignment

    r = _evaluate(evaluate_alignment, ecbplus, split, as_json)
    if r is None:
        return
    typer.echo(
        f"ECB+ {split}: {r['events']} events, {r['pairs']} cross-document sentence pairs,"
        f" {r['gold_pairs']} gold ({r['gold_share']:.3f} of all pairs)"
    )
    typer.echo(
        f"aligned {r['predicted_pairs']} pairs: precision {r['precision']:.3f}"
        f" recall {r['recall']:.3f} F1 {r['f1']:.3f}"
    )


@eval_app.command("matching")
def eval_matching_command(
    checkthat: Annotated[
        Path, typer.Option("--checkthat", help="CheckThat! 2020 task 2 folder (ct20_task2).")
    ],
    split: Annotated[str, typer.Option(help="train or dev.")] = "dev",
    as_json: JsonOption = False,
) -> None:
    """MAP@5 of claim matching (tweets against verified claims) on CheckThat! 2020 task 2,
    with the weights and the reranker fitted on train."""
    from sourcetrace.eval.matching import evaluate_checkthat

    r = _evaluate(evaluate_checkthat, checkthat, split, as_json)
    if r is None:
        return
    parts = ", ".join(f"{name} alone {value:.3f}" for name, value in r["components"].items())
    typer.echo(
        f"CheckThat! 2020 task 2 {split}: {r['queries']} tweets, {r['claims']} verified claims;"
        f" MAP@5 {r['map_at_5']:.3f} (combined score without the reranker"
        f" {r['combined_map_at_5']:.3f}; {parts})"
    )
    o = r["open_set"]
    typer.echo(
        f"open set at the match cut {o['threshold']}: precision {o['precision']:.3f},"
        f" recall {o['recall']:.3f}, F1 {o['f1']:.3f}"
    )


@eval_app.command("extraction")
def eval_extraction_command(
    pages: Annotated[
        Path,
        typer.Option("--pages", help="Extraction benchmark folder (ground-truth.json, html/)."),
    ],
    as_json: JsonOption = False,
) -> None:
    """Precision, recall and F1 of the stored main text of real pages against hand-made
    article bodies, beside plain trafilatura (default and favor_precision) measured in the
    same run (the metric is in sourcetrace/eval/extraction.py)."""
    from sourcetrace.eval.extraction import HIGH, LOW, evaluate_extraction

    r = _run_evaluation(lambda: evaluate_extraction(pages, progress=_progress), as_json)
    if r is None:
        return
    typer.echo(f"extraction benchmark: {r['pages']} pages")
    typer.echo(f"  {'':<24}{'precision':>10}{'recall':>9}{'F1':>8}")
    for name, m in r["scores"].items():
        typer.echo(f"  {name:<24}{m['precision']:>10.3f}{m['recall']:>9.3f}{m['f1']:>8.3f}")
    typer.echo(
        f"pages where sourcetrace scores below {LOW} while trafilatura scores above {HIGH}:"
        f" {len(r['collapsed'])}"
    )
    for page in r["collapsed"]:
        typer.echo(
            f"  {page['page']}: sourcetrace {page['sourcetrace']:.3f},"
            f" trafilatura {page['trafilatura']:.3f}"
        )


@app.command("stories")
def stories_command(
    db: DbOption = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            help="text (a table), json, or jsonl: one line per article, {id, story}.",
        ),
    ] = "text",
    as_json: JsonOption = False,
    limit: Annotated[int | None, typer.Option(help="Show at most this many stories.")] = None,
    quiet: QuietOption = False,
) -> None:
    """List stories, largest first, as `ingest` (or `analyze`) grouped them; only reads."""
    from sourcetrace.report.terminal import stories_lines, unassigned_note
    from sourcetrace.stories.service import story_assignments, story_summaries

    if as_json:
        output_format = "json"
    if output_format not in ("text", "json", "jsonl"):
        _fail_usage("--format must be text, json or jsonl")
    with _store(db) as store:
        every = story_summaries(store)
        note = unassigned_note(store.count() - sum(s.size for s in every))
        if note and not quiet:
            typer.echo(note, err=True)
        if output_format == "jsonl":
            for row in story_assignments(store):
                typer.echo(printable_json(row))
            return
        stories = every[:limit] if limit else every
    if output_format == "json":
        typer.echo(printable_json([s.to_dict() for s in stories], indent=2))
        return
    _echo_lines(stories_lines(stories))


@app.command("story")
def story_command(
    story_id: Annotated[int, typer.Argument(metavar="ID", help="Story id (see `stories`).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """One story: its label, articles, outlets, date span and top entities (only reads)."""
    from sourcetrace.report.terminal import story_lines
    from sourcetrace.stories.service import story_summaries

    with _store(db) as store:
        found = [s for s in story_summaries(store) if s.id == story_id]
    if not found:
        typer.echo(f"no story {story_id}", err=True)
        raise typer.Exit(1)
    if as_json:
        typer.echo(printable_json(found[0].to_dict(), indent=2))
        return
    _echo_lines(story_lines(found[0]))


@app.command("recluster")
def recluster_command(db: DbOption = None, quiet: QuietOption = False) -> None:
    """Forget every story assignment and build the stories again with the current model and
    settings: the articles are clustered as one batch (stored features are reused); then the
    new stories are traced."""
    from sourcetrace.stories.service import recluster

    engine = _engine("inprocess", None, None)
    with _store(db) as store:
        summary = recluster(store, progress=None if quiet else _progress)
        _process(store, engine, quiet=True)
    if not quiet:
        typer.echo("", err=True)
    typer.echo(
        f"{plural(summary.articles, 'article')} in {plural(summary.stories, 'story')}"
        f" ({summary.seconds:.1f} s)"
    )


def _echo_lines(lines: list[str], *, err: bool = False) -> None:
    """Print lines that ``report.terminal`` rendered (already printable)."""
    for line in lines:
        typer.echo(line, err=err)


@app.command("trace")
def trace_command(
    story_id: Annotated[
        int | None, typer.Argument(metavar="[STORY]", help="Story id (default: every story).")
    ] = None,
    db: DbOption = None,
    output_format: Annotated[
        str, typer.Option("--format", help="text (readable) or json.")
    ] = "text",
    single: Annotated[
        bool,
        typer.Option(
            "--single/--shared",
            help="--single lists every claim; --shared only the claims more than one article"
            " makes. Both apply to every format.",
        ),
    ] = False,
) -> None:
    """Each claim of a story across outlets: its versions aligned, its independent origins
    with a one-line explanation, its first appearance and how it drifted. Whatever is not
    analysed, grouped or traced yet is done first, in this process (as `analyze --engine
    inprocess`)."""
    from sourcetrace.report.terminal import trace_lines, untraced_notes
    from sourcetrace.trace import trace_stories

    if output_format not in ("text", "json"):
        _fail_usage("--format must be text or json")
    engine = _engine("inprocess", None, None)
    with _store(db) as store:
        _process(store, engine, quiet=False)
        result = _read(lambda: trace_stories(store, story_id, engine.settings, skip_untraced=True))
    _echo_lines(untraced_notes(result.untraced), err=True)
    if story_id is not None and not result.stories:
        if not result.untraced:
            typer.echo(f"no story {story_id}", err=True)
        raise typer.Exit(1)
    if not single:
        result = result.shared()
    if output_format == "json":
        typer.echo(printable_json(result.to_json(), indent=2))
        return
    _echo_lines(trace_lines(result.stories))


@app.command("match")
def match_command(
    known_file: Annotated[
        Path,
        typer.Argument(
            metavar="KNOWN",
            help="Claims already checked: ClaimReview .json, or .jsonl / .tsv / .csv with a"
            " text column.",
        ),
    ],
    story_id: Annotated[
        int | None, typer.Argument(metavar="[STORY]", help="Story id (default: every story).")
    ] = None,
    db: DbOption = None,
    top: Annotated[int, typer.Option(min=1, help="Known claims shown per claim, at most.")] = 3,
    min_score: Annotated[
        float | None,
        typer.Option(help="Least score to report (default: the cut calibrated on CheckThat!)."),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", help="text (readable) or json.")
    ] = "text",
) -> None:
    """The traced claims that repeat a claim already checked elsewhere, with where it was
    checked (no rating is shown)."""
    from sourcetrace.report.terminal import match_lines, untraced_notes
    from sourcetrace.trace import trace_stories
    from sourcetrace.trace.known import match_known, read_known_claims
    from sourcetrace.trace.match import MATCH_THRESHOLD

    if output_format not in ("text", "json"):
        _fail_usage("--format must be text or json")
    try:
        known = read_known_claims(known_file)
    except ValueError as error:
        _say(f"error: {error}", err=True)
        raise typer.Exit(1) from None
    for skip in known.skipped:
        _say(f"skipped {known_file.name} {skip['where']}: {skip['reason']}", err=True)
    threshold = MATCH_THRESHOLD if min_score is None else min_score
    engine = _engine("inprocess", None, None)
    with _store(db) as store:
        _process(store, engine, quiet=False)
        traced = trace_stories(store, story_id, engine.settings, skip_untraced=True)
    _echo_lines(untraced_notes(traced.untraced), err=True)
    if story_id is not None and not traced.stories:
        if not traced.untraced:
            typer.echo(f"no story {story_id}", err=True)
        raise typer.Exit(1)
    stories = match_known(
        traced.stories, known.claims, top=top, threshold=threshold, progress=_progress
    )
    if sys.stderr.isatty():
        typer.echo("", err=True)
    if output_format == "json":
        result = {
            "known_claims": len(known.claims),
            "skipped": known.skipped,
            "threshold": threshold,
            "stories": [story.to_json() for story in stories],
        }
        typer.echo(printable_json(result, indent=2))
        return
    _echo_lines(match_lines(stories, len(known.claims), threshold))


@app.command("source")
def source_command(
    name: Annotated[
        str, typer.Argument(help='A source: "John Kirby", "Washington Post", "anonymous".')
    ],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The claims credited to one source across the traced stories (whoever repeats them);
    only reads."""
    from sourcetrace.report.terminal import source_lines, untraced_stories_note
    from sourcetrace.trace.service import current_traces, source_profile

    settings = _analysis_settings()
    with _store(db) as store:
        stories, untraced = current_traces(store, settings)
        profile = source_profile(name, stories)
    note = untraced_stories_note(untraced)
    if note:
        typer.echo(note, err=True)
    if as_json:
        typer.echo(printable_json(profile.to_json(), indent=2))
        return
    if not profile.claims:
        typer.echo(f"no claim is credited to {name!r}")
        raise typer.Exit(1)
    _echo_lines(source_lines(profile))


def _read(read: Callable[[], Any]) -> Any:
    """``read()``, or exit 1 with its one line when what it reads is not computed yet."""
    from sourcetrace.trace.service import NotReady

    try:
        return read()
    except NotReady as why:
        _say(f"Error: {why}", err=True)
        raise typer.Exit(1) from None


@app.command("export")
def export_command(
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            help="json (the whole analysis), csv (one file per table, in the --output folder)"
            " or claimreview (schema.org ClaimReview JSON-LD per claim, with no rating).",
        ),
    ] = "json",
    story_id: Annotated[
        int | None, typer.Option("--story", help="Only this story (default: every story).")
    ] = None,
    db: DbOption = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", help="File to write, - for stdout (the default); csv: a folder."
        ),
    ] = None,
) -> None:
    """Export stories, traced claims, articles and their analyses (no row caps).

    CSV tables: stories, claims, claim_versions, articles, attributions (columns in
    sourcetrace/report/export.py); cells that a spreadsheet would run as formulas get a ' in
    front.

    Exit codes: 0 all good, 1 no such story or the output could not be written, 2 usage error,
    3 storage fault.
    """
    import click

    from sourcetrace.report.export import export_claimreview, export_csv, export_json
    from sourcetrace.trace.service import NotReady

    writers = {"json": export_json, "claimreview": export_claimreview}
    if output_format not in ("json", "csv", "claimreview"):
        _fail_usage("--format must be json, csv or claimreview")
    if output_format == "csv" and output in (None, "-"):
        _fail_usage("--format csv writes several tables: give --output DIR (a folder)")
    target = output or "-"
    settings = _analysis_settings()
    with _store(db) as store:
        try:
            if output_format == "csv":
                export_csv(store, target, story_id, settings)
            else:
                # Lazy: the file is created at the first write, so a bad story leaves none.
                with click.open_file(target, "w", encoding="utf-8", lazy=True) as out:
                    writers[output_format](store, out, story_id, settings)
        except LookupError as exc:
            typer.echo(f"Error: {exc}; list stories with 'sourcetrace stories'", err=True)
            raise typer.Exit(1) from exc
        except NotReady as exc:
            _say(f"Error: {exc}", err=True)
            raise typer.Exit(1) from exc
        except (OSError, click.FileError) as exc:
            where = "standard output" if target == "-" else target
            _say(f"Error: cannot write {where}: {exc}", err=True)
            raise typer.Exit(1) from exc


@app.command("analyze")
def analyze_command(
    db: DbOption = None,
    engine: EngineOption = "process",
    workers: WorkersOption = None,
    ray_address: Annotated[
        str | None,
        typer.Option(help="Address of a running Ray cluster (default: start a local one)."),
    ] = None,
    timeout: Annotated[
        float, typer.Option(help="Seconds one article may take before it counts as failed.")
    ] = 120.0,
    shards: Annotated[
        Path | None,
        typer.Option(
            "--shards",
            metavar="DIR",
            help="Write the analyses as Parquet shards in DIR (kept; schema in the README) and "
            "load each into the store when it is complete. For large runs.",
        ),
    ] = None,
    shard_rows: Annotated[
        int, typer.Option(help="Articles per Parquet shard (with --shards).", min=1)
    ] = 1000,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Analyse every stored article that has no analysis from the current analyser and
    settings (who said what, claims, quantities, tone), on all local cores by default; then
    group new articles into stories and trace the stories that changed (what `ingest` does
    after storing, unless --no-process). A run that is stopped part-way keeps what it saved
    (with --shards: every complete shard); running it again does only what is missing.

    Exit codes: 0 all good, 1 some articles failed (each is printed and recorded), 2 usage
    error, 3 storage fault.
    """
    from dataclasses import asdict

    chosen = _engine(engine, workers, ray_address, timeout)
    if shards is not None:
        if shards.exists() and not shards.is_dir():
            _fail_usage(f"--shards {shards}: not a folder")
        try:
            shards.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            _fail_usage(f"--shards {shards}: cannot create it ({error.strerror or error})")
        if not os.access(shards, os.W_OK | os.X_OK):
            _fail_usage(f"--shards {shards}: not writable")

    # SIGTERM stops the run as Ctrl-C does: what was analysed is saved, the workers end.
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    with _store(db) as store:
        processed = _process(store, chosen, quiet=quiet, shards=shards, shard_rows=shard_rows)
    summary = processed.analysis
    if as_json:
        typer.echo(json.dumps({**asdict(summary), **_processed_dict(processed)}, indent=2))
    else:
        loaded = f", {summary.shards} shard(s) loaded" if shards is not None else ""
        stale = f", {summary.stale} stale analyses left out" if summary.stale else ""
        typer.echo(
            f"{summary.analysed} analysed, {summary.already} already analysed,"
            f" {summary.failed} failed{loaded}{stale} in {summary.seconds:.2f} s"
        )
        typer.echo(
            f"{processed.assigned} assigned to stories ({processed.new_stories} new),"
            f" {plural(processed.traced, 'story')} traced, {len(processed.untraced)} not traced"
        )
    raise typer.Exit(1 if summary.failed else 0)


def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


@app.command("load-shards")
def load_shards_command(
    folder: Annotated[
        Path,
        typer.Argument(metavar="DIR", help="Folder of Parquet shards from `analyze --shards`."),
    ],
    db: DbOption = None,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Load Parquet shards of analyses (written by `analyze --shards`, here or on another
    machine) into the store. Shards the store already holds are skipped; an analysis is taken
    only when the current analyser made it and its article is in the store with the same text.

    Exit codes: 0 all good, 1 some files unreadable or some rows carried errors, 2 usage error,
    3 storage fault.
    """
    import time
    from dataclasses import asdict

    from sourcetrace.engine.service import load_shard_folder
    from sourcetrace.nlp.analysis import analyser_version

    if not folder.is_dir():
        _fail_usage(f"{folder}: not a folder")
    version = analyser_version(_analysis_settings())

    def show(problem: Problem) -> None:
        if not quiet:
            _say(f"error: {problem}", err=True)

    started = time.perf_counter()
    with _store(db) as store:
        run = store.start_run(["load-shards", str(folder)])
        summary = load_shard_folder(store, folder, run, version, on_problem=show)
        store.finish_run(run, time.perf_counter() - started)
    if as_json:
        typer.echo(json.dumps(asdict(summary), indent=2))
    else:
        typer.echo(
            f"{summary.shards} shard(s) loaded ({summary.already} already held):"
            f" {summary.saved} analyses saved, {summary.stale} stale left out,"
            f" {summary.failed} failed articles recorded, {len(summary.unreadable)} unreadable"
        )
    raise typer.Exit(1 if summary.unreadable or summary.failed else 0)


@app.command("report")
def report_command(
    story_id: Annotated[int, typer.Argument(metavar="STORY", help="Story id (see `stories`).")],
    db: DbOption = None,
    html: Annotated[
        Path | None,
        typer.Option("--html", help="Write a self-contained HTML dossier to this file instead."),
    ] = None,
    as_json: JsonOption = False,
    single: Annotated[
        bool,
        typer.Option(
            "--single/--shared",
            help="--single lists every claim; --shared only the claims more than one article"
            " makes. Both apply to every format.",
        ),
    ] = False,
) -> None:
    """A story's dossier: outlets, timeline, each claim with its independent origins and
    drift, then the sources. With --html, one printable HTML file with the articles'
    attributions highlighted, a claim x outlet matrix, provenance graphs and drift diffs."""
    from sourcetrace.report.dossier import build_dossier

    if html is not None and as_json:
        _fail_usage("--html and --json cannot be combined")
    settings = _analysis_settings()
    with _store(db) as store:
        dossier = _read(lambda: build_dossier(store, story_id, single=single, settings=settings))
    if dossier is None:
        typer.echo(f"no story {story_id}: `sourcetrace stories` lists them", err=True)
        raise typer.Exit(1)
    if as_json:
        typer.echo(printable_json(dossier.to_json(), indent=2))
    elif html is not None:
        from sourcetrace.report.html import write_dossier_html

        write_dossier_html(dossier, html)
        _say(f"wrote {html} (open it in a browser; it loads nothing from the network)")
    else:
        from rich.console import Console

        from sourcetrace.report.terminal import print_dossier

        print_dossier(dossier, Console())


@app.command("serve")
def serve_command(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    allow_remote: Annotated[
        bool,
        typer.Option(
            "--allow-remote",
            help="Allow a --host other than loopback (there is no login: anyone who can reach"
            " it can read the database and ingest into it).",
        ),
    ] = False,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            metavar="NAME",
            help="Also answer requests for this host name (NAME on any port, or NAME:PORT),"
            " such as the name a reverse proxy forwards; repeat for several. Without it only"
            " localhost, 127.0.0.1, [::1] and the --host address (unless 0.0.0.0 or ::) on"
            " --port are answered.",
        ),
    ] = None,
) -> None:
    """Serve the web app: stories, dossiers, articles, sources and claims, each with a JSON
    twin (the same URL with .json), and ingest from the browser. Listens on 127.0.0.1 only,
    unless --host and --allow-remote say otherwise. Requests for any other host name get 400,
    and ingest requests sent from other sites' pages get 403.

    Exit codes: 0 stopped, 2 usage error (such as a non-loopback --host without --allow-remote).
    """
    from sourcetrace.web import is_loopback, serve
    from sourcetrace.web.security import split_host

    for name in allowed_host or []:
        try:
            split_host(name)
        except ValueError:
            _fail_usage(f"--allowed-host {name!r} is not a host name; give NAME or NAME:PORT")
    if not is_loopback(host):
        if not allow_remote:
            _fail_usage(
                f"--host {host} is not a loopback address; add --allow-remote to serve to other"
                " machines (there is no login)"
            )
        typer.echo(
            f"Warning: serving on {host}: anyone who can reach it can read and ingest, no login",
            err=True,
        )
    serve(_db_path(db), host, port, allowed_hosts=allowed_host or [], settings=_analysis_settings())


@app.command("demo")
def demo_command(
    db: Annotated[
        Path | None, typer.Option("--db", help="Keep the demo database here (default: temporary).")
    ] = None,
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write the main story's HTML dossier here.")
    ] = None,
) -> None:
    """Ingest the bundled demo corpus (fictional articles) and show what sourcetrace found."""
    from sourcetrace.demo import run_demo

    program = sys.argv[0] if Path(sys.argv[0]).name == "sourcetrace" else "sourcetrace"
    settings = _analysis_settings()
    raise typer.Exit(run_demo(db, html, echo=typer.echo, program=program, settings=settings))


if __name__ == "__main__":  # pragma: no cover
    app()
