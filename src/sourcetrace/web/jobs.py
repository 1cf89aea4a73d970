"""Ingest jobs started from the browser: each runs ``ingest``, then ``pipeline.process``
(analyse, assign stories, trace the stories that changed, so that their pages open at once),
in its own thread, against the app's database, while the job page shows its progress."""

from __future__ import annotations

import itertools
import shutil
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sourcetrace.ingest import IngestOptions, ingest
from sourcetrace.nlp.settings import AnalysisSettings
from sourcetrace.pipeline import process
from sourcetrace.records import Problem
from sourcetrace.store import open_store


@dataclass(slots=True)
class Job:
    """One ingest run as the job page shows it."""

    id: int
    #: What was sent, for display: the uploaded files' own names and the URLs.
    inputs: list[str]
    #: queued, running, analysing, grouping, tracing, identifying, done or failed
    status: str = "queued"
    done: int = 0
    total: int = 0
    added: int = 0
    duplicates: int = 0
    updated: int = 0
    failed: int = 0
    warnings: int = 0
    problems: list[dict[str, str]] = field(default_factory=list)
    assigned: int = 0
    new_stories: int = 0
    analysed: int = 0
    to_analyse: int = 0
    to_trace: int = 0  # stories looked at: those not current are traced
    traced: int = 0
    error: str | None = None
    started: float = field(default_factory=time.time)
    seconds: float | None = None

    @property
    def running(self) -> bool:
        return self.status in (
            "queued",
            "running",
            "analysing",
            "reuse",
            "grouping",
            "tracing",
            "identifying",
        )

    @property
    def progress(self) -> str:
        """Where a running job is, as its page and the pages waiting for it say it ("" once it
        has ended)."""
        if self.status == "tracing":
            return f"{self.traced} of {self.to_trace} stories traced"
        if self.status == "analysing":
            return f"{self.analysed} of {self.to_analyse} articles analysed"
        if self.status == "reuse":
            return "finding text copied between articles"
        if self.status == "grouping":
            return "grouping articles into stories"
        if self.status == "identifying":
            return "linking people and bodies across stories"
        if self.running:
            return f"{self.done} of {self.total or '?'} inputs read"
        return ""

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "running": self.running, "progress": self.progress}


class Jobs:
    """The ingest jobs of one app (kept in memory: they are gone after a restart)."""

    def __init__(self, db: Path, stories_lock: threading.Lock, settings: AnalysisSettings) -> None:
        self._db = db
        self._settings = settings
        self._stories_lock = stories_lock
        self._jobs: dict[int, Job] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def get(self, job_id: int) -> Job | None:
        return self._jobs.get(job_id)

    def all(self) -> list[Job]:
        """Every job, newest first."""
        return sorted(self._jobs.values(), key=lambda job: -job.id)

    def start(
        self, specs: list[str], shown: list[str], options: IngestOptions, folder: Path | None
    ) -> Job:
        """Ingest ``specs`` (saved uploads and URLs) in a new thread; ``folder``, the job's
        upload folder, is removed when the job ends (the store keeps each article's bytes)."""
        with self._lock:
            job = Job(id=next(self._ids), inputs=shown)
            self._jobs[job.id] = job
        worker = threading.Thread(
            target=self._run, args=(job, specs, options, folder), name=f"ingest-job-{job.id}"
        )
        worker.daemon = True
        worker.start()
        return job

    def _run(self, job: Job, specs: list[str], options: IngestOptions, folder: Path | None) -> None:
        job.status = "running"

        def progress(done: int, total: int) -> None:
            job.done, job.total = done, total

        def problem(found: Problem) -> None:
            job.problems.append({"item": found.item, "reason": found.reason, "level": found.level})

        try:
            with open_store(self._db) as store:
                result = ingest(specs, store, options, on_problem=problem, on_progress=progress)
                s = result.summary
                job.added, job.duplicates, job.updated = s.added, s.duplicates, s.updated
                job.failed, job.warnings = s.failed, s.warnings
                with self._stories_lock:
                    done = process(
                        store,
                        self._settings,
                        progress=lambda stage, d, t: _stage(job, stage, d, t),
                        on_problem=problem,
                    )
                job.assigned, job.new_stories = done.assigned, done.new_stories
                job.traced = done.traced
                job.failed += done.analysis.failed
                for line in done.untraced:
                    job.problems.append({"item": "story", "reason": line, "level": "warning"})
                job.warnings += len(done.untraced)
            job.status = "done"
        except Exception as exc:  # a job must end with a status, whatever went wrong
            job.error = f"{type(exc).__name__}: {exc}"
            job.status = "failed"
        finally:
            job.seconds = round(time.time() - job.started, 2)
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)


def _stage(job: Job, stage: str, done: int, total: int) -> None:
    """Show ``process``'s progress on the job page."""
    job.status = stage
    if stage == "analysing":
        job.analysed, job.to_analyse = done, total
    elif stage == "tracing":
        job.traced, job.to_trace = done, total
