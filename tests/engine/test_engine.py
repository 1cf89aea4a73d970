"""Engines: the same analyses wherever they run, one bad article never stops a run, and an
interrupted ``analyze`` resumes with what is missing."""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import time

import pytest
from typer.testing import CliRunner

import sourcetrace.engine.service as service
import sourcetrace.nlp.analysis as analysis
from sourcetrace.cli import app
from sourcetrace.demo import corpus_dir
from sourcetrace.engine import InProcess, Outcome, ProcessPool, analyse_batch, analyse_one
from sourcetrace.engine.service import analyse_store
from sourcetrace.ingest import IngestOptions, ingest
from sourcetrace.nlp.analysis import ANALYSER_VERSION, analyse_many
from sourcetrace.store import open_store
from tests.engine.conftest import StoppedAfterFive


@pytest.fixture(scope="module")
def demo_articles(demo_db):
    with open_store(demo_db) as store:
        return sorted(store.articles(), key=lambda a: a.id)


def _json(outcomes) -> list[str]:
    return [json.dumps([o.article_id, o.analysis, o.error], sort_keys=True) for o in outcomes]


def test_process_pool_gives_the_same_analyses_as_in_process_and_analyse_many(demo_articles):
    reference = _json(InProcess().analyse(demo_articles))
    pooled = _json(ProcessPool(workers=2, batch_size=3).analyse(demo_articles))
    assert pooled == reference
    piped = analyse_many(demo_articles)
    piped = [Outcome(a.id, d.to_dict()) for a, d in zip(demo_articles, piped, strict=True)]
    assert _json(piped) == reference
    assert all(json.loads(row)[1]["attributions"] is not None for row in reference)


def test_a_failing_article_is_an_error_and_the_others_are_analysed(demo_articles, monkeypatch):
    real = analysis.analyse
    bad = demo_articles[1].id

    def fragile(article, *args, **kwargs):
        if article.id == bad:
            raise ValueError("broken markup")
        return real(article, *args, **kwargs)

    monkeypatch.setattr(analysis, "analyse", fragile)
    outcomes = list(InProcess().analyse(demo_articles[:3]))
    assert [o.article_id for o in outcomes] == [a.id for a in demo_articles[:3]]
    assert outcomes[1].analysis is None
    assert outcomes[1].error == "analysis failed: ValueError: broken markup"
    assert outcomes[0].analysis and outcomes[2].analysis and outcomes[0].error is None


def test_an_article_past_its_timeout_is_an_error(demo_articles, monkeypatch):
    monkeypatch.setattr(analysis, "analyse", lambda article, *a, **k: time.sleep(5))
    started = time.perf_counter()
    outcome = analyse_one(demo_articles[0], timeout=0.2)
    assert time.perf_counter() - started < 2
    assert outcome == Outcome(demo_articles[0].id, error="analysis took longer than 0.2 s")


def _die_on_marked(article, timeout, settings):
    if article.title == "KILL THE WORKER":
        os._exit(1)
    return analyse_one(article, timeout, settings)


def _die_on_marked_batch(articles, timeout, settings):
    return [_die_on_marked(article, timeout, settings) for article in articles]


class FragilePool(ProcessPool):
    batch_task = staticmethod(_die_on_marked_batch)
    article_task = staticmethod(_die_on_marked)


def test_a_worker_that_dies_costs_only_its_article(demo_articles):
    articles = [*demo_articles[:4]]
    killer = dataclasses.replace(demo_articles[4], title="KILL THE WORKER")
    articles.insert(2, killer)
    outcomes = list(FragilePool(workers=2, batch_size=2).analyse(articles))
    assert [o.article_id for o in outcomes] == [a.id for a in articles]
    assert [o.error for o in outcomes] == [
        None, None, "the worker process died analysing it", None, None,
    ]  # fmt: skip
    assert _json([outcomes[0]]) == _json(analyse_batch([articles[0]], None))


def test_an_interrupted_analyze_resumes_with_what_is_missing(tmp_path, monkeypatch):
    monkeypatch.setattr(service, "SAVE_EVERY", 2)

    with open_store(tmp_path / "r.db") as store:
        ingest([str(corpus_dir())], store, IngestOptions())
        with pytest.raises(KeyboardInterrupt):
            analyse_store(store, StoppedAfterFive())
        kept = store.analyses(store.articles(), ANALYSER_VERSION)
        assert len(kept) == 5  # two saves of two, then the fifth saved on the stop
        again = analyse_store(store)
        assert (again.already, again.analysed, again.failed) == (5, 3, 0)
        assert len(store.analyses(store.articles(), ANALYSER_VERSION)) == 8
        assert analyse_store(store).analysed == 0


def test_analyze_command_reports_and_records_failures(tmp_path, monkeypatch, shrimp_fails):
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    stored = runner.invoke(app, ["ingest", str(corpus_dir()), "--db", db, "-q", "--no-process"])
    assert stored.exit_code == 0
    result = runner.invoke(app, ["analyze", "--db", db, "--engine", "inprocess"])
    assert result.exit_code == 1
    assert result.stdout.startswith("7 analysed, 0 already analysed, 1 failed in ")
    assert "analysis failed: RuntimeError: boom" in result.stderr
    with open_store(db) as store:
        assert [p.reason.split(": ", 1)[1] for p in store.problems()] == [
            "analysis failed: RuntimeError: boom"
        ]
    monkeypatch.setattr(analysis, "analyse", shrimp_fails)
    again = runner.invoke(app, ["analyze", "--db", db, "--engine", "inprocess", "--json"])
    assert again.exit_code == 0
    assert json.loads(again.stdout)["analysed"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--engine", "spark"], "--engine 'spark': choose one of process, inprocess, ray"),
        (
            ["--engine", "inprocess", "--workers", "2"],
            "--workers applies to --engine process or ray",
        ),
        (["--ray-address", "ray://head:10001"], "--ray-address applies to --engine ray only"),
    ],
)
def test_analyze_usage_errors_exit_2(tmp_path, args, message):
    result = CliRunner().invoke(app, ["analyze", "--db", str(tmp_path / "u.db"), *args])
    assert result.exit_code == 2 and message in result.stderr


@pytest.mark.timeout(240)
def test_ray_engine_on_a_local_instance_gives_the_same_analyses(demo_articles):
    pytest.importorskip("ray", reason="the ray extra is not installed")
    from sourcetrace.engine.ray_engine import RayEngine

    articles = demo_articles[:5]
    on_ray = _json(RayEngine(workers=2, batch_size=2).analyse(articles))
    assert on_ray == _json(InProcess().analyse(articles))


@pytest.mark.timeout(240)
def test_a_ray_actor_that_dies_costs_only_its_article(demo_articles):
    pytest.importorskip("ray", reason="the ray extra is not installed")
    from sourcetrace.engine.ray_engine import RayEngine, _Analyser

    class Dying(_Analyser):  # defined here, so Ray ships it by value to its workers
        def batch(self, articles, timeout, settings):
            if any(a.title == "KILL THE WORKER" for a in articles):
                os._exit(1)
            return super().batch(articles, timeout, settings)

        def one(self, article, timeout, settings):
            if article.title == "KILL THE WORKER":
                os._exit(1)
            return super().one(article, timeout, settings)

    killer = dataclasses.replace(demo_articles[4], title="KILL THE WORKER")
    articles = [demo_articles[0], killer, demo_articles[1], demo_articles[2]]
    engine = RayEngine(workers=2, batch_size=2)
    engine.analyser = Dying
    outcomes = list(engine.analyse(articles))
    assert [o.article_id for o in outcomes] == [a.id for a in articles]
    assert [o.error for o in outcomes] == [None, "the worker process died analysing it", None, None]


@pytest.mark.timeout(240)
def test_a_ray_article_past_its_timeout_is_an_error_and_the_run_goes_on(demo_articles):
    pytest.importorskip("ray", reason="the ray extra is not installed")
    from sourcetrace.engine.ray_engine import RayEngine, _Analyser

    class Stalling(_Analyser):  # defined here, so Ray ships it by value to its workers
        def __init__(self):
            super().__init__()
            import sourcetrace.nlp.analysis as analysis

            real = analysis.analyse

            def stalling(article, *args, **kwargs):
                if article.title == "TAKES FOREVER":
                    time.sleep(600)
                return real(article, *args, **kwargs)

            analysis.analyse = stalling

    stuck = dataclasses.replace(demo_articles[3], title="TAKES FOREVER")
    articles = [demo_articles[0], stuck, demo_articles[1]]
    # the timeout also covers a cold worker's first article (its models load then): 40 s
    # leaves room for that on a busy two-core machine, and the stall is far longer
    engine = RayEngine(workers=1, timeout=40, batch_size=2)
    engine.analyser = Stalling
    started = time.perf_counter()
    outcomes = list(engine.analyse(articles))
    assert time.perf_counter() - started < 200
    assert [o.error for o in outcomes] == [None, "analysis took longer than 40 s", None]
    assert _json([outcomes[2]]) == _json(InProcess().analyse([demo_articles[1]]))


def test_ray_engine_without_ray_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray now fails
    result = CliRunner().invoke(app, ["analyze", "--db", str(tmp_path / "n.db"), "--engine", "ray"])
    assert result.exit_code == 2
    assert "the ray engine needs Ray: pip install 'sourcetrace[ray]'" in result.stderr
