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

from sourcetrace.config import load_settings
from sourcetrace.ingest import IngestOptions, IngestResult, ingest
from sourcetrace.ingest.formats import FORMATS, JSON_FIELDS
from sourcetrace.printable import printable, printable_json
from sourcetrace.records import Problem
from sourcetrace.report.terminal import plural
from sourcetrace.report.text import (
    format_analysis,
    format_analyze,
    format_article,
    format_ingest,
    format_listing,
    format_processed,
    format_shard_load,
    ingest_json,
    listing_json,
    processed_json,
)
from sourcetrace.store import StorageFault, Store, open_store
from sourcetrace.version import __version__

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
        from sourcetrace.pipeline import sized_for

        with _store(db) as store:
            if engine == "process" and workers is None:
                chosen = sized_for(store, chosen)
            processed = _process(store, chosen, quiet=quiet)
    if as_json:
        data = ingest_json(result)
        if processed is not None:
            data["processed"] = processed_json(processed)
        typer.echo(json.dumps(data, indent=2))
    else:
        typer.echo(format_ingest(result))
        if processed is not None:
            typer.echo(format_processed(processed))
    failed = processed is not None and processed.analysis.failed
    raise typer.Exit(result.exit_code or (1 if failed else 0))


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
        typer.echo(printable_json([listing_json(a) for a in found], indent=2))
        return
    for article in found:
        typer.echo(format_listing(article))


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
    from sourcetrace.eval.attribution import evaluate_polnear
    from sourcetrace.eval.fit_attribution import cross_validate_polnear
    from sourcetrace.eval.text import attribution_json, format_attribution

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
        typer.echo(json.dumps(attribution_json(results, split, articles), indent=2))
        return
    typer.echo("", err=True)
    typer.echo(format_attribution(results, split, articles))


def _eval_agreement(polnear: Path, split: str, as_json: bool) -> None:
    from sourcetrace.eval.attribution import annotator_agreement
    from sourcetrace.eval.text import agreement_json, format_agreement

    try:
        result = annotator_agreement(polnear, split)
    except FileNotFoundError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(1) from exc
    if as_json:
        typer.echo(json.dumps(agreement_json(result, split), indent=2))
        return
    typer.echo(format_agreement(result, split))


@train_app.command("checkworthy")
def train_checkworthy_command(
    claimbuster: Annotated[
        Path, typer.Option("--claimbuster", help="ClaimBuster folder (with train.json).")
    ],
    output: ModelOutputOption = None,
) -> None:
    """Fit the check-worthiness model on ClaimBuster train minus its held-out fifth."""
    from sourcetrace.eval.fit_checkworthy import train_checkworthy
    from sourcetrace.nlp.checkworthy import artefact_path

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
    from sourcetrace.eval.checkworthy import evaluate_held_out
    from sourcetrace.eval.fit_checkworthy import evaluate_ct19
    from sourcetrace.eval.text import format_checkworthy

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
    typer.echo(format_checkworthy(results))


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


@train_app.command("alignment")
def train_alignment_command(
    ecbplus: Annotated[Path, typer.Option("--ecbplus", help="ECB+ folder (with docs.jsonl).")],
    gold: Annotated[
        list[Path],
        typer.Option("--gold", help="A train file of gold/provenance (repeat the option)."),
    ],
    output: ModelOutputOption = None,
) -> None:
    """Fit the claim alignment pair model and its threshold on the provenance gold's train
    files (never dev)."""
    from sourcetrace.eval.fit_alignment import train_alignment
    from sourcetrace.nlp.artefacts import data_file
    from sourcetrace.trace.align_model import ARTEFACT

    _fit_and_save(
        lambda: train_alignment(ecbplus, gold, progress=_progress),
        output or data_file(ARTEFACT),
        lambda model: f"threshold {model.threshold}, {model.figures}",
    )


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
    from sourcetrace.eval.text import format_stories

    if ecbplus is None and story_chains is None:
        _fail_usage("give --ecbplus DIR, --story-chains DIR or both")
    if split not in ("train", "dev"):
        _fail_usage("--split must be train or dev")

    def run() -> list[dict]:
        results = []
        if ecbplus is not None:
            results.append(evaluate_ecbplus(ecbplus, split, progress=_progress))
        if story_chains is not None:
            results.append(evaluate_story_chains(story_chains, progress=_progress))
        return results

    _print_figures(run, as_json, format_stories)


def _print_figures(run: Callable[[], Any], as_json: bool, text: Callable[[Any], str]) -> None:
    """Print ``run()``'s figures as JSON or as ``text`` gives them (``_run_evaluation``)."""
    figures = _run_evaluation(run, as_json)
    if figures is not None:
        typer.echo(text(figures))


def _evaluate(evaluate, folder: Path, split: str, as_json: bool) -> dict | None:
    """Run an evaluation of one split; print its JSON and return None with --json, else
    return the figures for the caller to print. Missing or malformed data exits 1."""
    if split not in ("train", "dev"):
        _fail_usage("--split must be train or dev")
    return _run_evaluation(lambda: evaluate(folder, split, progress=_progress), as_json)


def _run_evaluation(run: Callable[[], dict], as_json: bool) -> dict | None:
    """``run()``'s figures; printed as JSON (and None returned) with --json. Missing or
    malformed data, or a run that cannot go on, is one line on stderr and exit code 1."""
    try:
        result = run()
    except (FileNotFoundError, ValueError, RuntimeError) as exc:
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
    from sourcetrace.eval.text import format_alignment

    r = _evaluate(evaluate_alignment, ecbplus, split, as_json)
    if r is not None:
        typer.echo(format_alignment(r, split))


@eval_app.command("identity")
def eval_identity_command(
    ecbplus: Annotated[Path, typer.Option("--ecbplus", help="ECB+ folder (with docs.jsonl).")],
    split: Annotated[str, typer.Option(help="train, dev or test.")] = "dev",
    predictions: Annotated[
        Path | None,
        typer.Option(
            "--predictions",
            help='Write one JSON line per gold mention: {"doc_id", "sentence", '
            '"token_numbers", "cluster"} (cluster null: matched nothing, a singleton).',
        ),
    ] = None,
    baseline: Annotated[
        str | None,
        typer.Option(
            "--baseline",
            help="Score a trivial baseline instead of the resolver, as a reference point: "
            "exact (lower-cased text), surname (a person's last proper noun) or event (one "
            "entity per gold event and tag; reads the gold).",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """MUC, B³, CEAF-e and CoNLL F1 of person and organisation identity, as cross-document
    coreference of ECB+'s HUMAN_PART_PER and HUMAN_PART_ORG mentions within each topic, for
    all of them and for the named ones (the protocol is in sourcetrace/eval/identity.py)."""
    from sourcetrace.eval.identity import BASELINES, evaluate_identity
    from sourcetrace.eval.text import format_identity

    if split not in ("train", "dev", "test"):
        _fail_usage("--split must be train, dev or test")
    if baseline is not None and baseline not in BASELINES:
        _fail_usage(f"--baseline must be one of {', '.join(BASELINES)}")
    _print_figures(
        lambda: evaluate_identity(
            ecbplus, split, baseline=baseline, predictions=predictions, progress=_progress
        ),
        as_json,
        format_identity,
    )


@eval_app.command("provenance")
def eval_provenance_command(
    ecbplus: Annotated[Path, typer.Option("--ecbplus", help="ECB+ folder (with docs.jsonl).")],
    gold: Annotated[
        Path, typer.Option("--gold", help="Provenance gold file (gold/provenance/*.jsonl).")
    ],
    as_json: JsonOption = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", help="One block per gold claim: counts and speakers.")
    ] = False,
) -> None:
    """Recall of shared claims and accuracy of their origin counts against the provenance
    gold, one story per gold event (the protocol is in sourcetrace/eval/provenance.py)."""
    from sourcetrace.eval.provenance import evaluate_provenance
    from sourcetrace.eval.text import format_provenance, provenance_json

    r = _run_evaluation(lambda: evaluate_provenance(ecbplus, gold, progress=_progress), False)
    if as_json:
        typer.echo(json.dumps(provenance_json(r, verbose), indent=2))
    else:
        typer.echo(format_provenance(r, verbose))


@eval_app.command("drift")
def eval_drift_command(
    ecbplus: Annotated[Path, typer.Option("--ecbplus", help="ECB+ folder (with docs.jsonl).")],
    gold: Annotated[
        Path, typer.Option("--gold", help="Provenance gold file (gold/provenance/*.jsonl).")
    ],
    as_json: JsonOption = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", help="Each flag, right or wrong, and each missed drift.")
    ] = False,
) -> None:
    """Shared-claim recall, alignment precision, and drift precision and recall per kind
    against the provenance gold's drift (the protocol is in sourcetrace/eval/drift.py)."""
    from sourcetrace.eval.drift import evaluate_drift
    from sourcetrace.eval.text import drift_json, format_drift

    r = _run_evaluation(lambda: evaluate_drift(ecbplus, gold, progress=_progress), False)
    if as_json:
        typer.echo(json.dumps(drift_json(r, verbose), indent=2))
    else:
        typer.echo(format_drift(r, verbose))


@eval_app.command("agreement")
def eval_agreement_command(
    gold: Annotated[
        list[Path],
        typer.Option("--gold", help="Provenance gold files the annotations re-annotate."),
    ],
    annotation: Annotated[
        list[Path],
        typer.Option(
            "--annotation", help="A blind re-annotation (gold/provenance/agreement/*.jsonl)."
        ),
    ],
    ecbplus: Annotated[
        Path | None,
        typer.Option("--ecbplus", help="ECB+ folder: also score the product against each."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """How far blind annotators agree on drift units and origin counts, and the product
    against each (the protocol is in sourcetrace/eval/agreement.py)."""
    from sourcetrace.eval.agreement import evaluate_agreement
    from sourcetrace.eval.text import format_annotation_agreement

    _print_figures(
        lambda: evaluate_agreement(gold, annotation, ecbplus, progress=_progress),
        as_json,
        format_annotation_agreement,
    )


@eval_app.command("pairs")
def eval_pairs_command(
    pairs: Annotated[Path, typer.Option("--pairs", help="Name pairs (gold/identity_pairs.jsonl).")],
    data: Annotated[
        Path, typer.Option("--data", help="The shared data folder the pairs point into.")
    ],
    split: Annotated[str, typer.Option(help="train or dev.")] = "dev",
    as_json: JsonOption = False,
) -> None:
    """Pairwise precision and recall of identity on a list of name pairs labelled same or
    different (the protocol is in sourcetrace/eval/pairs.py)."""
    from sourcetrace.eval.pairs import evaluate_pairs
    from sourcetrace.eval.text import format_pairs

    _print_figures(lambda: evaluate_pairs(pairs, data, split), as_json, format_pairs)


@eval_app.command("reuse")
def eval_reuse_command(
    gold: Annotated[Path, typer.Option("--gold", help="Reuse gold (gold/reuse/pairs.jsonl).")],
    data: Annotated[
        Path, typer.Option("--data", help="The shared data folder the pairs point into.")
    ],
    split: Annotated[str, typer.Option(help="train or dev.")] = "dev",
    corpus: Annotated[
        bool,
        typer.Option(
            "--corpus/--pairs-only",
            help="Also run the detector over all of the split's documents (LSH candidates).",
        ),
    ] = True,
    as_json: JsonOption = False,
) -> None:
    """Pair and sentence precision, recall and F1 of text reuse and wire copy, and wire-credit
    figures, against the blind reuse gold (the protocol is in sourcetrace/eval/reuse.py)."""
    from sourcetrace.eval.reuse import evaluate_reuse, format_reuse

    if split not in ("train", "dev"):
        _fail_usage("--split must be train or dev")
    _print_figures(lambda: evaluate_reuse(gold, data, split, corpus=corpus), as_json, format_reuse)


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
    from sourcetrace.eval.text import format_matching

    r = _evaluate(evaluate_checkthat, checkthat, split, as_json)
    if r is not None:
        typer.echo(format_matching(r, split))


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
    from sourcetrace.eval.text import format_extraction

    r = _run_evaluation(lambda: evaluate_extraction(pages, progress=_progress), as_json)
    if r is not None:
        typer.echo(format_extraction(r, LOW, HIGH))


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
    from sourcetrace.trace.service import corpus_identities, current_traces, source_profile

    settings = _analysis_settings()
    with _store(db) as store:
        stories, untraced = current_traces(store, settings)
        identities = corpus_identities(store, settings)
        profile = source_profile(
            name, stories, identities, store.reuse_by_outlet(), store.wire_by_outlet()
        )
    for note in (untraced_stories_note(untraced), _unidentified_note(identities.stale)):
        if note:
            typer.echo(note, err=True)
    if as_json:
        typer.echo(printable_json(profile.to_json(), indent=2))
        return
    if not profile.found:
        typer.echo(f"no claim is credited to {name!r}")
        raise typer.Exit(1)
    for entity in profile.entities:
        typer.echo(f"{entity.name} ({entity.id}), also: {', '.join(entity.aliases)}")
    _echo_lines(source_lines(profile))


@app.command("entities")
def entities_command(
    query: Annotated[
        str, typer.Argument(help="Words of an entity's name or aliases (default: all).")
    ] = "",
    every_kind: Annotated[
        bool,
        typer.Option("--all", help="Places, groups and unnamed descriptions as well."),
    ] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The people, organisations, governments and outlets linked across the corpus: id, kind,
    name, aliases and the claims and stories credited to them, most-cited first; only reads."""
    from sourcetrace.report.terminal import plural, untraced_stories_note
    from sourcetrace.trace.sources import list_entities

    with _store(db) as store:
        found = list_entities(store, _analysis_settings(), query, every_kind=every_kind)
    for note in (
        untraced_stories_note(found["untraced_stories"]),
        _unidentified_note(found["unidentified_stories"]),
    ):
        if note:
            typer.echo(note, err=True)
    if as_json:
        typer.echo(printable_json(found, indent=2))
        return
    for entity in found["entities"]:
        others = [a for a in entity["aliases"] if a != entity["name"]]
        typer.echo(
            f"{entity['id']}  {entity['kind']}  {entity['name']}"
            f"  {plural(entity['claims'], 'claim')}, {plural(entity['stories'], 'story')}"
            + (f"  (also {'; '.join(others)})" if others else "")
        )


def _unidentified_note(stale: int) -> str | None:
    """The note that ``stale`` traced stories are not in the corpus entities yet."""
    if not stale:
        return None
    return (
        f"note: {stale} traced stor{'y is' if stale == 1 else 'ies are'} not linked across"
        " the corpus yet, so their speakers keep their story's names: run `sourcetrace analyze`"
    )


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
        typer.echo(json.dumps({**asdict(summary), **processed_json(processed)}, indent=2))
    else:
        typer.echo(format_analyze(processed, shards=shards is not None))
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
    from dataclasses import asdict

    from sourcetrace.pipeline import load_shards

    if not folder.is_dir():
        _fail_usage(f"{folder}: not a folder")
    settings = _analysis_settings()

    def show(problem: Problem) -> None:
        if not quiet:
            _say(f"error: {problem}", err=True)

    with _store(db) as store:
        summary = load_shards(store, folder, settings, on_problem=show)
    if as_json:
        typer.echo(json.dumps(asdict(summary), indent=2))
    else:
        typer.echo(format_shard_load(summary))
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
